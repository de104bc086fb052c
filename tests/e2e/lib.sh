# tests/e2e/lib.sh - sourced by every end-to-end test script.
#
# A script exits 0 to pass, 77 to be skipped (its last line says why), and
# anything else to fail.  Scripts run one after another (tests/run.sh), so the
# fixture pages are read once per test session and shared: fixture_run
# caches a page's output under $ARTIFACTS/fixture-runs and redoes it only
# when the binary is newer than the cached output (with --force: the
# stamp does not know the binary changed).
set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BROADSHEET=${BROADSHEET:-$ROOT/broadsheet}
SHARED=${SHARED:-$ROOT/../shared}
ARTIFACTS=${ARTIFACTS:-$ROOT/tests/artifacts}
export OMP_THREAD_LIMIT=${OMP_THREAD_LIMIT:-1}
mkdir -p "$ARTIFACTS"

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "skipped: $*"; exit 77; }

# A fresh temporary folder, removed when the script exits.
# Not called in $(...): the trap must be set in the test's own shell.
BS_E2E_TMPS=()
bs_e2e_cleanup() { rm -rf "${BS_E2E_TMPS[@]}"; }
tmpdir() {
    local made
    made=$(mktemp -d "${TMPDIR:-/tmp}/bs-e2e.XXXXXX") || fail "mktemp failed"
    BS_E2E_TMPS+=("$made")
    trap bs_e2e_cleanup EXIT
    printf -v "$1" '%s' "$made"
}

# fixture_lang NAME: the Tesseract language of a fixture page, from its truth.
fixture_lang() {
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["page"]["lang"])' \
        "$ROOT/fixtures/truth/$1.json"
}

# fixture_run NAME [extra run options]: runs the whole pipeline on
# fixtures/pages/NAME.png (cached, see above) and prints the page folder.
fixture_run() {
    local name=$1; shift
    local out="$ARTIFACTS/fixture-runs" lang
    local dir="$out/$name"
    lang=$(fixture_lang "$name") || return 1
    if [ ! -f "$dir/articles.json" ] || [ "$BROADSHEET" -nt "$dir/articles.json" ]; then
        "$BROADSHEET" run -q -j 1 --force --lang "$lang" --formats all "$@" \
            "$ROOT/fixtures/pages/$name.png" -o "$out" >&2 || return 1
    fi
    echo "$dir"
}

# The fixture page names, one per line.
fixture_names() {
    local f
    for f in "$ROOT"/fixtures/truth/*.json; do
        [ -f "$f" ] && basename "$f" .json
    done
}
