#!/usr/bin/env bash
# tests/e2e/bad_inputs.sh - every file in fixtures/bad/ gets either a page
# folder with articles.json (exit 0) or one error line naming the file
# (exit 1); never a crash, never a hang, never a *.tmp.* left in OUT.
# Also: a good page in the same run as a bad one is still done, and no
# source file runs a shell (system/popen).
. "$(dirname "$0")/lib.sh"
BAD=$ROOT/fixtures/bad
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
T=$(mktemp -d "${TMPDIR:-/tmp}/bs-bad.XXXXXX"); trap 'rm -rf "$T"' EXIT

# expect NAME ok|fail [error substring]
expect() {
    local name=$1 want=$2 msg=${3:-} out=$T/out-$1 rc=0
    timeout 120 "$BROADSHEET" run --lang eng "$BAD/$name" -o "$out" \
        >"$T/so" 2>"$T/se" || rc=$?
    [ "$rc" -lt 124 ] || fail "$name: exit $rc (crash or hang)"
    ! find "$out" -name '*.tmp.*' 2>/dev/null | grep -q . \
        || fail "$name: temp file left in OUT"
    if [ "$want" = ok ]; then
        [ "$rc" = 0 ] || fail "$name: exit $rc, want 0: $(cat "$T/se")"
        [ -f "$out/${name%.*}/articles.json" ] || fail "$name: no articles.json"
    else
        [ "$rc" = 1 ] || fail "$name: exit $rc, want 1"
        [ "$(grep -c "$name" "$T/se")" = 1 ] \
            || fail "$name: want exactly one error line naming the file: $(cat "$T/se")"
        grep -q -- "$msg" "$T/se" || fail "$name: error lacks '$msg'"
        [ ! -f "$out/${name%.*}/articles.json" ] || fail "$name: articles.json written"
    fi
    echo "ok: $name -> $want"
}

expect zero-byte.png   fail "empty file"
expect text-named.png  fail "not an image"
expect truncated.png   fail "cannot decode"
expect one-pixel.png   fail "too small"
expect huge-header.png fail "too large"
expect sixteen-bit.png ok
expect palette.png     ok
expect all-white.png   ok
expect all-black.png   ok

# --max-pixels is honoured (a 200x200 page refused at 1000 pixels).
rc=0; "$BROADSHEET" run --lang eng --max-pixels 1000 "$BAD/all-white.png" \
    -o "$T/mp" >/dev/null 2>"$T/se" || rc=$?
[ "$rc" = 1 ] && grep -q "too large" "$T/se" || fail "--max-pixels not honoured"

# A bad page does not stop a good one in the same run.
rc=0; timeout 120 "$BROADSHEET" run --lang eng "$BAD/zero-byte.png" \
    "$BAD/all-white.png" -o "$T/mix" >/dev/null 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "mixed run: exit $rc, want 1"
[ -f "$T/mix/all-white/articles.json" ] || fail "mixed run: good page lost"

# No shell is ever run: no system()/popen() in the sources.
! grep -rnE '\b(system|popen)[[:space:]]*\(' "$ROOT/pipeline" "$ROOT/stages" \
    || fail "system()/popen() found in sources"
echo "bad inputs: all behaved"
