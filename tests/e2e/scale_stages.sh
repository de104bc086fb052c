#!/usr/bin/env bash
# scale_stages.sh - every stage near-linear in words, lines and blocks
# (issue 18, item 4), on pages built to stress one size each
# (tests/e2e/hostile.py), run through order, articles, repair and export
# with every format, within a time and memory budget; before the fixes
# each took from half a minute to hours (quadratic and cubic loops, a log
# entry holding the whole line per dropped word).  And the limit where a
# limit is right: a page holds at most 10000 blocks, an artifact or a
# layout with more is refused with a clear message.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
tmpdir T
H=$ROOT/tests/e2e/hostile.py
slow=1; [ -n "${SANITIZED:-}" ] && slow=5
# within LABEL MAX_SECONDS MAX_MB CMD...: CMD exits 0 within the budget.
within() {
    local label=$1 secs=$(($2 * slow)) mb=$(($3 * slow)); shift 3
    read -r rc took peak < <(python3 "$H" measure $((secs * 4)) "$@" 2>"$T/err")
    echo "$label: exit $rc, ${took} s, ${peak} MB"
    [ "$rc" = 0 ] || fail "$label: exit $rc: $(tail -3 "$T/err")"
    python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' \
        "$took" "$secs" || fail "$label: ${took} s, want at most $secs s"
    [ "${peak%.*}" -le "$mb" ] || fail "$label: ${peak} MB, want at most $mb MB"
}

for spec in "blocks 10000" "mixed 10000" "lines 20000" "words 50000" "samewords 25000"; do
    set -- $spec
    python3 "$H" page "$1" "$2" "$T/$1/p" || fail "page $spec"
    within "$2 $1: order..export, all formats" 20 600 \
        "$BROADSHEET" run -q -j 1 --formats all --from order "$T/$1/p"
    [ -s "$T/$1/p/articles.json" ] || fail "$spec: no articles.json"
done
# The overlapping readings were merged: one word left, one log entry.
python3 - "$T/samewords/p/model.repair.json" <<'PY' || fail "25000 readings of one word: not merged to one"
import json, sys
m = json.load(open(sys.argv[1]))
words = [w for b in m["blocks"] for l in b["lines"] for w in l["words"]]
sys.exit(0 if len(words) == 1 and words[0]["text"] == "dup" else 1)
PY
[ "$(grep -c '"overlapping-word-boxes"' "$T/samewords/p/repairs.json")" = 1 ] ||
    fail "25000 readings of one word: want one log entry"

# One imported line of 25000 overlapping words (hOCR), and the repair
# command on 100000 hyphenated line pairs.
python3 "$H" hocr 25000 "$T/line.hocr" || fail "hocr"
within "import of one line of 25000 overlapping words" 10 400 \
    "$BROADSHEET" import -q "$T/line.hocr" -o "$T/imp"
within "... then order..export" 10 400 "$BROADSHEET" run -q --from order "$T/imp/line"
python3 "$H" hyphens 100000 "$T/hyph.txt" || fail "hyphens"
within "repair on 100000 hyphen pairs" 15 800 "$BROADSHEET" repair -q "$T/hyph.txt" -o "$T/rep"
[ "$(grep -o "international news" "$T/rep/hyph/page.txt" | wc -l)" = 100000 ] ||
    fail "hyphen pairs not joined"

# The limit: an artifact of 10001 blocks, and a layout finding more than
# 10000 (a grid of 8 x 1300 blots), are refused, naming the limit.
python3 "$H" page blocks 10001 "$T/over/p" || fail "page"
rc=0; "$BROADSHEET" run -q --from order "$T/over/p" 2>"$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "10001 blocks, more than the 10000 a page may hold" "$T/err" ||
    fail "10001 blocks: exit $rc: $(cat "$T/err")"
python3 "$H" grid 8 1300 "$T/grid.png" || fail "grid"
rc=0; timeout $((120 * slow)) "$BROADSHEET" run -q -j 1 --to layout "$T/grid.png" -o "$T/g" \
    2>"$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "stage layout: .* blocks, more than the 10000 a page may hold" "$T/err" ||
    fail "a layout of 10400 blocks: exit $rc: $(cat "$T/err")"
echo "stages near-linear; over 10000 blocks refused"
