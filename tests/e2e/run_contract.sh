# run_contract.sh - issue 2's end-to-end check: `broadsheet run` on an English
# and a Chinese fixture page writes the contract files, and the text is close
# to the ground truth (page CER in reading order under a measured ceiling).
. "$(dirname "$0")/lib.sh"

# Ceilings measured on the committed fixtures (see README, "Tests"), with
# headroom for other Tesseract versions.
declare -A ceiling=([en-2col]=0.10 [zh-2col]=0.15)

for name in en-2col zh-2col; do
    [ -f "$ROOT/fixtures/pages/$name.png" ] || fail "fixture $name missing"
    dir=$(fixture_run "$name") || fail "broadsheet run failed on $name"
    python3 "$ROOT/tests/e2e/contract_check.py" "$dir" \
        "$ROOT/fixtures/truth/$name.json" "${ceiling[$name]}" || fail "$name"
done
