#!/usr/bin/env bash
# order_unlv.sh - reading order on a real page with text wrapping around a
# photo: the UNLV magazine page 8087_054.3B (two columns, a photo in the
# middle, its caption, a running head and a footer), from ../shared/real.
#
# Reads the page on a layout made from its .uzn zones (unlv_eval.py; so the
# order and article stages are measured apart from layout) and with the
# whole pipeline, and compares page.txt with the ground-truth text (zones in
# reading order) by CER, next to plain `tesseract page -`.  Asserts that on
# the zones broadsheet's page CER is below tesseract's (a wrong order of the
# wrapped zones costs far more than that), and that the whole pipeline's is
# at most tesseract's plus FULL_MARGIN (the caption set over the gutter
# under the photo must be a block of its own: joined to the columns' text
# beside it, the page reads about 0.47).
# Figures: $ARTIFACTS/order_unlv.json.
. "$(dirname "$0")/lib.sh"

REAL="$SHARED/real"
TIF="$REAL/8087_054.3B.tif"
[ -f "$TIF" ] && [ -f "$REAL/8087_054.3B.uzn" ] && [ -f "$REAL/8087_054.3B.txt" ] ||
    skip "no UNLV page in $REAL"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bs-unlv.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$BROADSHEET" run -q -j 1 --to binarize --lang eng "$TIF" -o "$tmp/z" >&2 ||
    fail "binarize failed"
python3 "$ROOT/tests/e2e/unlv_eval.py" truth-model "$REAL/8087_054.3B.uzn" \
    "$tmp/z/8087_054.3B/model.binarize.json" "$tmp/z/8087_054.3B/model.layout.json" ||
    fail "zone model"
"$BROADSHEET" run -q -j 1 --from ocr --lang eng "$tmp/z/8087_054.3B" >&2 ||
    fail "run from ocr on the zones failed"
out="$ARTIFACTS/unlv-run"
if [ ! -f "$out/8087_054.3B/page.txt" ] || [ "$BROADSHEET" -nt "$out/8087_054.3B/page.txt" ]; then
    "$BROADSHEET" run -q -j 1 --lang eng --force "$TIF" -o "$out" >&2 ||
        fail "broadsheet run on $TIF failed"
fi
tess="$ARTIFACTS/unlv-tesseract"
if [ ! -f "$tess.txt" ]; then
    tesseract "$TIF" "$tess" -l eng >/dev/null 2>&1 || fail "tesseract failed"
fi
python3 - "$ROOT/tests/e2e" "$REAL/8087_054.3B.txt" "$tmp/z/8087_054.3B/page.txt" \
    "$out/8087_054.3B/page.txt" "$tess.txt" "$ARTIFACTS/order_unlv.json" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
import article_eval as e
gt = open(sys.argv[2], encoding='latin-1').read()
zones = e.cer(open(sys.argv[3], encoding='utf-8').read(), gt)
full = e.cer(open(sys.argv[4], encoding='utf-8').read(), gt)
tess = e.cer(open(sys.argv[5], encoding='utf-8').read(), gt)
json.dump({'page_cer_zones': zones, 'page_cer_full': full,
           'page_cer_tesseract': tess}, open(sys.argv[6], 'w'), indent=1)
print(f"UNLV 8087_054.3B page CER in reading order: broadsheet on the zones "
      f"{zones:.4f}, whole pipeline {full:.4f}, tesseract alone {tess:.4f}")
if zones > tess:
    print("FAIL: on its zones broadsheet reads the page worse than tesseract")
    sys.exit(1)
# Tesseract versions read a little differently: a small margin.
FULL_MARGIN = 0.01
if full > tess + FULL_MARGIN:
    print(f"FAIL: the whole pipeline reads the page worse than tesseract "
          f"(+{FULL_MARGIN})")
    sys.exit(1)
PY
