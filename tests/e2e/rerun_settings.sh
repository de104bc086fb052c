#!/usr/bin/env bash
# rerun_settings.sh - re-runs never lose an operator's work silently (issue
# 17.6): done.json records, in words, the settings each stage of the page
# was made with; a stage re-run says which later outputs it made stale; a
# batch rerun says what it keeps and what it redoes, and why.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
tmpdir t
cd "$t" || fail "cd"
mkdir in && python3 "$ROOT/tests/e2e/mkpage.py" in/p1.png s1 || fail mkpage
python3 "$ROOT/tests/e2e/mkpage.py" in/p2.png s2 || fail mkpage
"$BROADSHEET" run -q in -o out 2>err || fail "run: $(cat err)"
made() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["made_with"][sys.argv[2]])' "$1" "$2"; }
[ "$(made out/p1/done.json layout)" = "lang=eng" ] || fail "made_with: $(cat out/p1/done.json)"

# A stage re-run names what it made stale (also with -q: a warning).
"$BROADSHEET" stage layout out/p1 --set min_gutter_px=20 -q 2>err || fail "stage layout"
grep -q 'p1: outputs of ocr, order, articles, repair, export are now stale' err ||
    fail "stage re-run does not say what is stale: $(cat err)"
grep -q 'run --from ocr out/p1' err || fail "no way to redo them given: $(cat err)"
# The later stages run with other (the default) settings: done.json says
# layout was made with min_gutter_px=20, the rest with the defaults.
"$BROADSHEET" run -q --from ocr out/p1 2>err || fail "run --from ocr: $(cat err)"
[ "$(made out/p1/done.json layout)" = "lang=eng min_gutter_px=20" ] ||
    fail "done.json: layout's settings lost: $(cat out/p1/done.json)"
[ "$(made out/p1/done.json ocr)" = "lang=eng" ] || fail "done.json ocr: $(cat out/p1/done.json)"

# A plain batch rerun: keeps p2 (says so), redoes p1 and says why.
"$BROADSHEET" run in -o out 2>err || fail "rerun: $(cat err)"
grep -q 'p2: skipped (up to date)' err || fail "rerun does not say what it keeps: $(cat err)"
grep -q 'p1: done .*redone: layout was made with other settings (min_gutter_px 20 -> 12)' err ||
    fail "rerun does not say why p1 is redone: $(cat err)"
grep -q $'^p1\tdone\t.*redone: layout was made with other settings' out/manifest.tsv ||
    fail "manifest has no reason for the redo: $(tail -3 out/manifest.tsv)"
[ "$(made out/p1/done.json layout)" = "lang=eng" ] || fail "redone page's done.json"
# With that setting given again, the same page is kept.
"$BROADSHEET" stage layout out/p1 --set min_gutter_px=20 -q 2>/dev/null
"$BROADSHEET" run -q --from ocr --set min_gutter_px=20 out/p1 2>/dev/null
"$BROADSHEET" run --set min_gutter_px=20 in -o out 2>err
grep -q 'p1: skipped (up to date)' err || fail "same settings: p1 not kept: $(cat err)"
grep -q 'p2: done .*redone: layout was made with other settings (min_gutter_px 12 -> 20)' err ||
    fail "p2 redone without saying why: $(cat err)"
# Other reasons: --force, a changed input.
"$BROADSHEET" run --force --set min_gutter_px=20 in -o out 2>err
grep -q 'p1: done .*redone (--force)' err || fail "--force: $(cat err)"
python3 "$ROOT/tests/e2e/mkpage.py" in/p2.png other || fail mkpage
"$BROADSHEET" run --set min_gutter_px=20 in -o out 2>err
grep -q 'p2: done .*redone: the input changed' err || fail "changed input: $(cat err)"
echo "re-runs say what they keep, redo and leave stale"
