#!/usr/bin/env bash
# hostile_cost.sh - what a hostile file may cost (issue 18, items 1, 2, 5
# and 9), measured: time and peak resident memory of the whole run (its
# largest process), for files written here at test time (too big for the
# repository; tests/e2e/hostile.py).  Before the fixes each of these cost
# seconds to minutes and gigabytes.
#   - a 1 MB GIF whose frame declares 40000 x 40000 (1.6 G pixels of real
#     LZW data): refused from its header, with --max-pixels 1000000 too;
#   - fixtures/bad/huge-chunk.png, a 129-byte PNG declaring a 2 GB text
#     chunk: refused without allocating it;
#   - a 12000 x 12000 checkerboard of 2-pixel squares (172 KB, within the
#     default pixel limit) through `load`: the orientation check is bounded;
#   - the same page with --max-memory below what its worker needs: a failed
#     page naming the limit, the batch goes on with the next page;
#   - a TIFF of 1000 small pages: near-linear (not 1000 hashes of the file).
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
tmpdir T
H=$ROOT/tests/e2e/hostile.py
# A sanitizer build is several times slower and bigger: its limits scale.
slow=1; [ -n "${SANITIZED:-}" ] && slow=4
# cost LABEL MAX_SECONDS MAX_MB CMD...: runs CMD, checks its cost, leaves
# its exit status in $rc and its stderr in $T/err.
cost() {
    local label=$1 secs=$2 mb=$3; shift 3
    read -r rc took peak < <(python3 "$H" measure $((secs * slow * 4)) "$@" 2>"$T/err")
    echo "$label: exit $rc, ${took} s, ${peak} MB"
    [ "$rc" != 124 ] || fail "$label: still running after $((secs * slow * 4)) s"
    python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' \
        "$took" $((secs * slow)) || fail "$label: ${took} s, want at most $((secs * slow)) s"
    [ "${peak%.*}" -le $((mb * slow)) ] || fail "$label: ${peak} MB, want at most $((mb * slow)) MB"
}

python3 "$H" gif 40000 40000 1000000 "$T/bomb.gif" || fail "gif"
for mp in "" "--max-pixels 1000000"; do
    cost "1 MB GIF, 40000x40000 frame ${mp:-(default limit)}" 5 200 \
        "$BROADSHEET" run -q --to load $mp "$T/bomb.gif" -o "$T/o1"
    [ "$rc" = 1 ] && grep -q "image too large (40000x40000 pixels in frame 1" "$T/err" ||
        fail "GIF bomb: exit $rc: $(cat "$T/err")"
done

cost "129-byte PNG declaring a 2 GB tEXt chunk" 5 200 \
    "$BROADSHEET" run -q --to load "$ROOT/fixtures/bad/huge-chunk.png" -o "$T/o2"
[ "$rc" = 1 ] && grep -q "huge-chunk.png: cannot decode" "$T/err" ||
    fail "PNG chunk: exit $rc: $(cat "$T/err")"

python3 "$H" checker 12000 2 "$T/checker.png" || fail "checker"
cost "12000x12000 checkerboard through load (orientation check)" 15 1500 \
    "$BROADSHEET" run -q -j 1 --to load "$T/checker.png" -o "$T/o3"
[ "$rc" = 0 ] || fail "checkerboard load: exit $rc: $(cat "$T/err")"

cp "$ROOT/fixtures/bad/all-white.png" "$T/small.png"
cost "checkerboard page over --max-memory 400, then a small page" 30 $((500 * slow)) \
    "$BROADSHEET" run -q -j 1 --max-memory 400 "$T/checker.png" "$T/small.png" -o "$T/o4"
[ "$rc" = 1 ] || fail "--max-memory: exit $rc, want 1: $(cat "$T/err")"
grep -q "^broadsheet: checker: failed: .*over the memory limit (.* MB resident, --max-memory 400 MB)" "$T/err" ||
    fail "--max-memory: no clear reason: $(cat "$T/err")"
grep -q $'^small\tdone\t' "$T/o4/manifest.tsv" || fail "--max-memory: the next page was not done"
"$BROADSHEET" run -q --max-memory 12 "$T/small.png" -o "$T/o5" 2>"$T/err"
[ $? = 2 ] && grep -q -- "--max-memory" "$T/err" || fail "--max-memory 12 is not a usage error"

python3 "$H" tiff 1000 "$T/pages.tif" || fail "tiff"
cost "a TIFF of 1000 pages through load" 20 400 \
    "$BROADSHEET" run -q -j 2 --to load "$T/pages.tif" -o "$T/o6"
[ "$rc" = 0 ] || fail "1000-page TIFF: exit $rc: $(head -3 "$T/err")"
[ "$(ls "$T/o6" | grep -c "^pages-p")" = 1000 ] || fail "1000-page TIFF: not 1000 page folders"
echo "hostile files: bounded"
