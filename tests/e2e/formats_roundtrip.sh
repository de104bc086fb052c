#!/usr/bin/env bash
# formats_roundtrip.sh - broadsheet's own ALTO, PAGE XML and hOCR of every
# fixture page, imported (`broadsheet import`) and run through order,
# articles, repair and export again, give the same page text and the same
# reading order (the ALTO ReadingOrder as the sequence of block texts).
. "$(dirname "$0")/lib.sh"

order_texts() { # the ALTO's reading order as block texts, one per line
    python3 - "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"a": "http://www.loc.gov/standards/alto/ns-v4#"}
root = ET.parse(sys.argv[1]).getroot()
text = {}
for b in root.iter("{%s}TextBlock" % ns["a"]):
    lines = [" ".join(s.get("CONTENT") for s in l.findall("a:String", ns))
             for l in b.findall("a:TextLine", ns)]
    text[b.get("ID")] = " / ".join(lines)
for r in root.iter("{%s}ElementRef" % ns["a"]):
    print(text.get(r.get("REF"), "?"))
PY
}

tmpdir T
n=0
for name in $(fixture_names); do
    [ -f "$ROOT/fixtures/pages/$name.png" ] || continue
    dir=$(fixture_run "$name") || fail "pipeline failed on $name"
    order_texts "$dir/page.alto.xml" > "$T/$name.want" || fail "$name: cannot read ALTO"
    for f in page.alto.xml page.xml page.hocr; do
        out="$T/${f//./_}"
        "$BROADSHEET" import -q "$dir/$f" -o "$out" || fail "$name: import $f failed"
        [ -f "$out/$name/model.ocr.json" ] || fail "$name: import $f: no model.ocr.json"
        "$BROADSHEET" run -q -j 1 --from repair --formats all "$out/$name" ||
            fail "$name: run --from order on imported $f failed"
        cmp -s "$dir/page.txt" "$out/$name/page.txt" ||
            fail "$name: text differs after $f round trip: $(diff "$dir/page.txt" "$out/$name/page.txt" | head -8)"
        order_texts "$out/$name/page.alto.xml" > "$T/$name.got"
        cmp -s "$T/$name.want" "$T/$name.got" ||
            fail "$name: reading order differs after $f round trip: $(diff "$T/$name.want" "$T/$name.got" | head -8)"
    done
    n=$((n + 1))
done
[ $n -gt 0 ] || fail "no fixture pages"
echo "$n pages x 3 formats: same text and reading order"
