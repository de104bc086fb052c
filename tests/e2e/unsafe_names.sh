#!/usr/bin/env bash
# tests/e2e/unsafe_names.sh - output paths made from input names never leave
# OUT: inputs given as ../../x.png, through a symlink, and named with spaces,
# a newline and non-UTF-8 bytes each land in one page folder directly under
# OUT, and nothing is written anywhere else.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
T=$(mktemp -d "${TMPDIR:-/tmp}/bs-names.XXXXXX"); trap 'rm -rf "$T"' EXIT
SRC=$ROOT/fixtures/bad/all-white.png
mkdir -p "$T/in/a/b"
NL=$'new\nline'; BADU=$(printf 'bad\xff\xfe')
for n in x y "with space" "$NL" "$BADU"; do cp "$SRC" "$T/in/$n.png"; done
# (to a file not given otherwise: a file given twice by two names is one page)
ln -s ../../y.png "$T/in/a/b/link.png"
before=$(cd "$T" && find . | sort)
rc=0
(cd "$T/in/a/b" && timeout 300 "$BROADSHEET" run --lang eng ../../x.png \
    "../../with space.png" "../../$NL.png" "../../$BADU.png" link.png \
    -o "$T/out" >/dev/null 2>&1) || rc=$?
[ "$rc" = 0 ] || fail "exit $rc"
# Every new path is under out/, and OUT holds exactly 5 page folders.
new=$(cd "$T" && find . | sort | comm -13 <(echo "$before") - | grep -v '^\./out\(/\|$\)' || true)
[ -z "$new" ] || fail "written outside OUT: $new"
[ "$(find "$T/out" -mindepth 1 -maxdepth 1 -type d | wc -l)" = 5 ] || fail "want 5 page folders"
[ "$(find "$T/out" -mindepth 2 -maxdepth 2 -name articles.json | wc -l)" = 5 ] || fail "want 5 articles.json"
# Page folder names: no newline, no slash, valid UTF-8.
find "$T/out" -mindepth 1 -maxdepth 1 -print0 | python3 -c '
import sys
for p in sys.stdin.buffer.read().split(b"\0"):
    if not p: continue
    n = p.rsplit(b"/", 1)[1]
    n.decode("utf-8")
    assert b"\n" not in n and n not in (b".", b".."), n
' || fail "unsafe page folder name"
echo "unsafe names: all inside OUT"
