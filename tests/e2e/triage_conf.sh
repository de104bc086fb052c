#!/usr/bin/env bash
# triage_conf.sh - triage without ground truth (issue 17.8): articles.json
# and the manifest carry the mean word confidence per page (and per
# article in articles.json); `status --worst N` lists the least confident
# pages, so a page read in the wrong language stands out in a batch.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
tesseract --list-langs 2>/dev/null | grep -qx chi_sim || skip "no chi_sim tessdata"
tmpdir t
cd "$t" || fail "cd"
mkdir in
# A Chinese page read right, and the same page read as English.
cp "$ROOT/fixtures/pages/zh-2col.png" in/good.png
cp "$ROOT/fixtures/pages/zh-2col.png" in/wrong.png
"$BROADSHEET" run -q --lang chi_sim in/good.png -o out || fail "run good"
"$BROADSHEET" run -q --lang eng in/wrong.png -o out || fail "run wrong"
python3 - <<'PY' || fail "articles.json confidence"
import json
for name in ("good", "wrong"):
    a = json.load(open(f"out/{name}/articles.json"))
    c = a["page"]["confidence"]
    assert isinstance(c, float) and 0 <= c <= 100, (name, c)
    assert a["articles"], name
    for art in a["articles"]:
        assert art["confidence"] is None or 0 <= art["confidence"] <= 100, art
good = json.load(open("out/good/articles.json"))["page"]["confidence"]
wrong = json.load(open("out/wrong/articles.json"))["page"]["confidence"]
print("confidence: good", good, "wrong language", wrong)
assert good > 80 and wrong < good - 30, (good, wrong)
PY
# The manifest's last column is the page's confidence.
for name in good wrong; do
    want=$(python3 -c 'import json,sys; print("%.1f" % json.load(open(sys.argv[1]))["page"]["confidence"])' "out/$name/articles.json")
    got=$(grep -v '^#' out/manifest.tsv | awk -F'\t' -v id=$name '$1 == id {print $7}' | tail -n 1)
    [ "$got" = "$want" ] || fail "manifest confidence of $name: '$got', want $want"
done
"$BROADSHEET" status out --worst 1 > st || fail "status --worst: $(cat st)"
grep -A1 'least confident' st | tail -n 1 | grep -q ' wrong$' || fail "status --worst 1: $(cat st)"
grep -q ' good$' st && fail "--worst 1 lists two pages: $(cat st)"
"$BROADSHEET" status out --worst 5 --json | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert [p["id"] for p in s["worst"]] == ["wrong", "good"], s["worst"]
' || fail "status --worst --json"
# Without a manifest line (an older manifest), from articles.json.
grep -v $'\twrong\t\|^wrong\t' out/manifest.tsv > m && mv m out/manifest.tsv
"$BROADSHEET" status out --worst 1 | grep -q ' wrong$' || fail "--worst from articles.json"
"$BROADSHEET" status out --worst x 2>/dev/null; [ $? = 2 ] || fail "--worst x accepted"
echo "confidence triage ok"
