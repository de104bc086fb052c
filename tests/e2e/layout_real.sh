# layout_real.sh - issue 4 on real scans (../shared/real): the NZZ 1812
# front page's masthead and 2 columns, and the UNLV magazine page's 2
# columns around its photo (layout_real.py says what is checked).
. "$(dirname "$0")/lib.sh"

real=$SHARED/real
[ -d "$real" ] || skip "no $real (the shared real scans)"
tmpdir out
"$BROADSHEET" run -q -j 1 --to layout "$real/nzz_18120804.tif" \
    "$real/8087_054.3B.tif" -o "$out" >&2 || fail "broadsheet run --to layout failed"
python3 "$ROOT/tests/e2e/layout_real.py" nzz "$out/nzz_18120804" \
    "$real/nzz_18120804.page.xml" || fail "NZZ layout"
python3 "$ROOT/tests/e2e/layout_real.py" unlv "$out/8087_054.3B" \
    "$real/8087_054.3B.uzn" || fail "magazine layout"
