# layout_timing.sh - issue 4: binarize + layout take under 5% of the ocr
# stage's time on a full broadsheet (en-p1, zh-p1): CPU seconds from the
# timing.json of a fresh full run (a cached run may predate the binary).
. "$(dirname "$0")/lib.sh"

tmpdir out
for name in en-p1 zh-p1; do
    "$BROADSHEET" run -q -j 1 --lang "$(fixture_lang "$name")" \
        "$ROOT/fixtures/pages/$name.png" -o "$out" >&2 ||
        fail "broadsheet run failed on $name"
    dir=$out/$name
    python3 - "$dir/timing.json" "$name" <<'PY' || fail "$name: binarize + layout too slow"
import json, sys
t = {s["stage"]: s["cpu_s"] for s in json.load(open(sys.argv[1]))["stages"]}
front = t["binarize"] + t["layout"]
share = front / t["ocr"]
print(f"{sys.argv[2]}: binarize {t['binarize']:.2f} s + layout {t['layout']:.2f} s"
      f" = {front:.2f} s cpu; ocr {t['ocr']:.2f} s; share {share:.1%}")
sys.exit(0 if share < 0.05 else 1)
PY
done
