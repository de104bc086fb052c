#!/usr/bin/env bash
# tests/run.sh - runs every unit test program and every end-to-end script,
# and ends with the line "N passed, N failed[, N skipped]".
#
#   BUILD       build folder holding tests/test_* (default build)
#   BROADSHEET  the binary under test (default ./broadsheet)
#   ONLY        run only tests whose name contains this string
#
# An end-to-end script exits 0 (pass), 77 (skipped, with a reason on its
# last output line) or anything else (fail).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BROADSHEET=${BROADSHEET:-$PWD/broadsheet}
export SHARED=${SHARED:-$PWD/../shared}
# The binaries under test may live in build folders: models from this tree.
export BROADSHEET_MODELS=${BROADSHEET_MODELS:-$PWD/models}
export OMP_THREAD_LIMIT=${OMP_THREAD_LIMIT:-1}
ARTIFACTS=${ARTIFACTS:-$PWD/tests/artifacts}
mkdir -p "$ARTIFACTS"
export ARTIFACTS

passed=0 failed=0 skipped=0 failures=()
run_one() {
    local name=$1; shift
    local log="$ARTIFACTS/$name.log" start=$SECONDS
    mkdir -p "$(dirname "$log")"
    if [ -n "${ONLY:-}" ] && [[ "$name" != *"$ONLY"* ]]; then return; fi
    "$@" >"$log" 2>&1
    local rc=$? took=$((SECONDS - start))
    if [ $rc -eq 0 ]; then
        passed=$((passed + 1)); echo "PASS $name (${took}s)"
    elif [ $rc -eq 77 ]; then
        skipped=$((skipped + 1)); echo "SKIP $name: $(tail -n 1 "$log")"
    else
        failed=$((failed + 1)); failures+=("$name")
        echo "FAIL $name (${took}s, exit $rc)"; tail -n 30 "$log" | sed 's/^/    /'
    fi
}

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    run_one "unit/$(basename "$t")" "$t"
done
for t in tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    run_one "e2e/$(basename "$t" .sh)" bash "$t"
done

[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]}"
if [ $((passed + failed + skipped)) -eq 0 ]; then
    # a filter that matches nothing is a mistake, not a pass
    echo "no test matches ONLY=${ONLY:-} (names: unit/test_*, e2e/*)"
    failed=1
fi
if [ $skipped -gt 0 ]; then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ]
