#!/usr/bin/env bash
# formats_schemas.sh - every export of every fixture page validates: ALTO
# against ALTO 4.4, PAGE XML against PAGE 2019-07-15, the run's METS
# against METS 1.12 (offline, through the schemas' XML catalog), and hOCR
# is well-formed XHTML with ocr_page and ocrx_word; also the exports of
# tests/data/regions.page.xml (rules, photos, captions), imported.  Skipped
# (77) when the schemas (../shared/schemas or $SCHEMA_DIR) or xmllint are
# missing.
. "$(dirname "$0")/lib.sh"

SCHEMAS=${SCHEMA_DIR:-$SHARED/schemas}
for f in alto-4-4.xsd pagecontent-2019-07-15.xsd mets.xsd catalog.xml; do
    [ -f "$SCHEMAS/$f" ] || skip "no schemas: $SCHEMAS/$f missing (set SCHEMA_DIR)"
done
command -v xmllint >/dev/null || skip "xmllint not installed (Debian: libxml2-utils)"
export XML_CATALOG_FILES="$SCHEMAS/catalog.xml"

validate() { # validate XSD FILE
    local log
    log=$(xmllint --nonet --noout --schema "$SCHEMAS/$1" "$2" 2>&1) ||
        fail "$2 does not validate against $1: $(echo "$log" | head -5)"
}

n=0
for name in $(fixture_names); do
    [ -f "$ROOT/fixtures/pages/$name.png" ] || continue
    dir=$(fixture_run "$name") || fail "pipeline failed on $name"
    for f in page.alto.xml page.xml page.hocr; do
        [ -s "$dir/$f" ] || fail "$name: no $f (--formats all)"
    done
    validate alto-4-4.xsd "$dir/page.alto.xml"
    validate pagecontent-2019-07-15.xsd "$dir/page.xml"
    xmllint --nonet --noout "$dir/page.hocr" || fail "$name: page.hocr is not well-formed"
    grep -q "class=\"ocr_page\"" "$dir/page.hocr" || fail "$name: hOCR without ocr_page"
    if grep -q '"body"' "$dir/articles.json"; then
        grep -q "class=\"ocrx_word\"" "$dir/page.hocr" || fail "$name: hOCR without words"
        grep -q "<String " "$dir/page.alto.xml" || fail "$name: ALTO without Strings"
    fi
    n=$((n + 1))
done
[ $n -gt 0 ] || fail "no fixture pages"

# METS for the fixture runs' folder (written by every run, for all pages).
mets="$ARTIFACTS/fixture-runs/mets.xml"
[ -s "$mets" ] || fail "no $mets"
validate mets.xsd "$mets"
pages=$(grep -c 'TYPE="page"' "$mets")
[ "$pages" -ge "$n" ] || fail "METS lists $pages pages, want $n"
grep -q 'TYPE="ARTICLE"' "$mets" || fail "METS without ARTICLE divs"

# A two-page run of its own: linked continuations and the METS layout.
tmpdir T
lang=$(fixture_lang en-p1)
"$BROADSHEET" run -q -j 1 --lang "$lang" --formats txt,json,alto,mets \
    "$ROOT/fixtures/pages/en-p1.png" "$ROOT/fixtures/pages/en-p4.png" -o "$T/out" ||
    fail "two-page run failed"
validate mets.xsd "$T/out/mets.xml"
[ ! -e "$T/out/en-p1/page.xml" ] || fail "page.xml written without --formats page"
grep -q 'USE="ALTO"' "$T/out/mets.xml" || fail "no ALTO file group"
! grep -q 'USE="PAGE"' "$T/out/mets.xml" || fail "PAGE file group without PAGE files"
# Rules and photos (few fixture pages have them): a PAGE file with a
# heading, separator, paragraph, image and caption, imported and exported.
"$BROADSHEET" import -q "$ROOT/tests/data/regions.page.xml" -o "$T/regions" ||
    fail "import of tests/data/regions.page.xml failed"
"$BROADSHEET" run -q -j 1 --from order --formats all "$T/regions" || fail "run on regions"
validate alto-4-4.xsd "$T/regions/regions/page.alto.xml"
validate pagecontent-2019-07-15.xsd "$T/regions/regions/page.xml"
validate mets.xsd "$T/regions/mets.xml"
grep -q "<GraphicalElement" "$T/regions/regions/page.alto.xml" &&
    grep -q "<Illustration" "$T/regions/regions/page.alto.xml" || fail "ALTO without rule or photo"
grep -q "<SeparatorRegion" "$T/regions/regions/page.xml" &&
    grep -q "<ImageRegion" "$T/regions/regions/page.xml" &&
    grep -q 'type="caption"' "$T/regions/regions/page.xml" || fail "PAGE without rule, photo or caption"
echo "validated $n pages (ALTO, PAGE, hOCR) and METS"
