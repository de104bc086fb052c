# layout_fixtures.sh - issue 4: binarize + layout on every fixture page,
# compared with the ground truth by layout_eval.py: column count exact and
# edges within 1% of the page width per band, no text block across a
# gutter, each spanning headline one headline block, photos kept from OCR.
. "$(dirname "$0")/lib.sh"

tmpdir out
failed=0
for name in $(fixture_names); do
    "$BROADSHEET" run -q -j 1 --to layout "$ROOT/fixtures/pages/$name.png" \
        -o "$out" >&2 || fail "broadsheet run --to layout failed on $name"
    python3 "$ROOT/tests/e2e/layout_eval.py" "$out/$name" \
        "$ROOT/fixtures/truth/$name.json" || failed=$((failed + 1))
done
[ "$failed" -eq 0 ] || fail "$failed fixture pages off the truth"
