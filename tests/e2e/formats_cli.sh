#!/usr/bin/env bash
# formats_cli.sh - --formats chooses the files export writes (and removes
# the XML a previous run with other formats left); an unknown format is a
# usage error; `broadsheet import` refuses hostile and broken files with
# one line naming the file and exit 1, and still imports the good ones.
. "$(dirname "$0")/lib.sh"

tmpdir T
page="$ROOT/fixtures/pages/en-2col.png"
[ -f "$page" ] || skip "fixture en-2col missing"

"$BROADSHEET" run -q -j 1 --formats nope "$page" -o "$T/x" 2>"$T/err"
[ $? -eq 2 ] || fail "--formats nope: want exit 2"
grep -q 'unknown format "nope"' "$T/err" || fail "--formats nope: $(cat "$T/err")"

"$BROADSHEET" run -q -j 1 --lang eng --formats alto,hocr,mets "$page" -o "$T/a" || fail "run alto,hocr,mets"
d="$T/a/en-2col"
[ -s "$d/page.alto.xml" ] && [ -s "$d/page.hocr" ] && [ -s "$T/a/mets.xml" ] || fail "alto,hocr,mets: files missing"
[ ! -e "$d/page.xml" ] && [ ! -e "$d/page.txt" ] && [ ! -e "$d/articles.json" ] ||
    fail "alto,hocr,mets: wrote formats not asked for"
"$BROADSHEET" run -q -j 1 --lang eng --formats txt --force "$page" -o "$T/a" || fail "run txt"
[ -s "$d/page.txt" ] || fail "txt: no page.txt"
[ ! -e "$d/page.alto.xml" ] && [ ! -e "$d/page.hocr" ] || fail "txt: stale XML left behind"

# Hostile and broken input.
cat > "$T/xxe.alto.xml" <<'X'
<?xml version="1.0"?>
<!DOCTYPE alto [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="&x;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>
X
python3 - "$T/lol.alto.xml" <<'PY'
import sys
ents = "".join('<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 10))
open(sys.argv[1], "w").write('<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY l0 "lol">%s]>'
    '<alto><Layout><Page><PrintSpace><TextBlock><TextLine><String CONTENT="&l9;"/>'
    '</TextLine></TextBlock></PrintSpace></Page></Layout></alto>' % ents)
PY
printf '<alto><Layout><Page>' > "$T/cut.alto.xml"
printf '\x89PNG\r\n' > "$T/image.hocr"
cp "$ROOT/tests/fuzz/corpus/hocr/tesseract.hocr" "$T/good.hocr"
for f in xxe lol cut; do
    "$BROADSHEET" import -q "$T/$f.alto.xml" -o "$T/imp" 2>"$T/err"
    [ $? -eq 1 ] || fail "import $f: want exit 1"
    [ "$(wc -l < "$T/err")" -eq 1 ] && grep -q "$T/$f.alto.xml" "$T/err" ||
        fail "import $f: want one line naming the file, got: $(cat "$T/err")"
done
grep -q root: "$T"/imp/*/model.ocr.json 2>/dev/null && fail "XXE: file contents imported"
"$BROADSHEET" import -q "$T/image.hocr" "$T/good.hocr" -o "$T/imp2" 2>"$T/err"
[ $? -eq 1 ] || fail "import of one bad and one good file: want exit 1"
[ -f "$T/imp2/good/model.ocr.json" ] || fail "good file not imported beside a bad one"
"$BROADSHEET" run -q -j 1 --from order "$T/imp2" || fail "run --from order on OUT of import"
[ -s "$T/imp2/good/page.txt" ] || fail "no page.txt for the imported page"
echo "formats and import CLI ok"
