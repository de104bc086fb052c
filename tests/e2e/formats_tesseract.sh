#!/usr/bin/env bash
# formats_tesseract.sh - Tesseract's own hOCR and ALTO of fixture pages
# (`tesseract IMG OUT hocr alto txt`) are imported (`broadsheet import`),
# run through order, articles, repair and export, and keep Tesseract's
# words: at least 95% of the words of Tesseract's text output are in
# broadsheet's page.txt.  The exports of the imported pages validate (when
# ../shared/schemas is there), and `broadsheet repair` reads both files.
. "$(dirname "$0")/lib.sh"

command -v tesseract >/dev/null || skip "tesseract not installed"
SCHEMAS=${SCHEMA_DIR:-$SHARED/schemas}
tmpdir T
for name in en-2col zh-2col; do
    [ -f "$ROOT/fixtures/pages/$name.png" ] || skip "fixture $name missing"
    lang=$(fixture_lang "$name")
    tesseract "$ROOT/fixtures/pages/$name.png" "$T/$name" -l "$lang" hocr alto txt \
        >/dev/null 2>&1 || fail "tesseract failed on $name"
    for f in "$name.hocr" "$name.xml"; do
        [ -s "$T/$f" ] || fail "tesseract wrote no $f"
        out="$T/out-${f##*.}"
        "$BROADSHEET" import -q --lang "$lang" "$T/$f" -o "$out" || fail "import $f failed"
        "$BROADSHEET" run -q -j 1 --from order --formats all "$out" ||
            fail "run --from order on imported $f failed"
        python3 - "$T/$name.txt" "$out/$name/page.txt" "$f" <<'PY' || exit 1
import sys, collections
want = open(sys.argv[1], encoding="utf-8").read().split()
got = collections.Counter(open(sys.argv[2], encoding="utf-8").read().split())
# CJK text has few spaces: compare characters instead of words.
if sum(len(w) for w in want) > 3 * max(len(want), 1):
    want = [c for w in want for c in w]
    got = collections.Counter(c for w in got.elements() for c in w)
kept = sum(min(n, got[w]) for w, n in collections.Counter(want).items())
share = kept / max(len(want), 1)
print("%s: %d of %d tokens kept (%.1f%%)" % (sys.argv[3], kept, len(want), 100 * share))
if share < 0.95:
    print("FAIL: %s: only %.1f%% of Tesseract's words kept" % (sys.argv[3], 100 * share))
    sys.exit(1)
PY
        if [ -f "$SCHEMAS/catalog.xml" ] && command -v xmllint >/dev/null; then
            XML_CATALOG_FILES="$SCHEMAS/catalog.xml" xmllint --nonet --noout \
                --schema "$SCHEMAS/alto-4-4.xsd" "$out/$name/page.alto.xml" 2>/dev/null ||
                fail "ALTO exported from imported $f does not validate"
            XML_CATALOG_FILES="$SCHEMAS/catalog.xml" xmllint --nonet --noout \
                --schema "$SCHEMAS/pagecontent-2019-07-15.xsd" "$out/$name/page.xml" 2>/dev/null ||
                fail "PAGE exported from imported $f does not validate"
        fi
        "$BROADSHEET" repair -q "$T/$f" -o "$T/repair-${f##*.}" || fail "repair $f failed"
        [ -s "$T/repair-${f##*.}/$name/page.txt" ] || fail "repair $f: no page.txt"
    done
done
echo "Tesseract hOCR and ALTO imported"
