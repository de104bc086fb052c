#!/usr/bin/env bash
# tests/e2e/valgrind_page.sh - one full page (fixtures/pages/en-2col.png)
# and three bad inputs (truncated PNG and TIFF, a JPEG named .png: the
# decoders' error paths) through `broadsheet run` under valgrind: no invalid
# read or write, no use of uninitialised memory, no definite leak, in the
# runner and in its worker.  Tesseract's and OpenMP's memory still
# reachable at exit is not a leak; tests/valgrind.supp holds only
# library-internal reports, each with its reason.  Skipped (77) without
# valgrind (Debian package valgrind, in DEB_PACKAGES) and for the sanitizer
# build, which valgrind cannot run (make test runs this one).
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
[ "${SANITIZED:-0}" = 1 ] && skip "ASan build: valgrind runs in make test"
command -v valgrind >/dev/null || skip "valgrind not installed (apt-get install valgrind)"
tmpdir T
rc=0
# given by name, two files of one name would clash (one page id): the TIFF
# under its own name
cp "$ROOT/fixtures/bad/truncated.tif" "$T/truncated-tiff.tif"
timeout 900 valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --track-origins=yes --num-callers=40 \
    --suppressions="$ROOT/tests/valgrind.supp" --log-file="$T/vg.%p" \
    "$BROADSHEET" run --lang eng -j1 "$ROOT/fixtures/pages/en-2col.png" \
    "$ROOT/fixtures/bad/truncated.png" "$T/truncated-tiff.tif" \
    "$ROOT/fixtures/bad/jpeg-named.png" -o "$T/out" >"$T/so" 2>"$T/se" || rc=$?
cat "$T"/vg.* 2>/dev/null
[ "$rc" != 99 ] || fail "valgrind found errors (above)"
[ "$rc" = 1 ] || fail "exit $rc, want 1 (two bad inputs): $(cat "$T/se")"
! grep -q . "$T"/vg.* 2>/dev/null || fail "valgrind reported (above)"
[ -s "$T/out/en-2col/page.txt" ] || fail "no page text for en-2col"
[ -f "$T/out/jpeg-named/articles.json" ] || fail "jpeg-named.png not done"
echo "valgrind: no errors, no definite leaks"
