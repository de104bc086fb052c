#!/usr/bin/env bash
# concurrent_runs.sh - two broadsheet runs on one OUT at the same time
# (issue 18, item 7) never break each other: each page folder has a lock,
# the second run waits for the first on a page it is writing and then
# finds it up to date; both exit 0, every page is done exactly once and
# skipped once, no temp file is left, and the outputs are byte-identical to
# a single run's.  Also the shards of one folder run at once (what Slurm
# array tasks do, tests/e2e/slurm_array.sh runs them under real Slurm):
# their union is the single run.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
tmpdir T
cd "$T" || fail "no tmpdir"

tree_sums() {
    (cd "$1" && find . -type f ! -name timing.json ! -name 'manifest*.tsv' \
        ! -name mets.xml -print0 | sort -z | xargs -0 sha256sum)
}
mkdir pages
for i in 1 2; do
    cp "$ROOT/fixtures/pages/en-2col.png" "pages/en-$i.png"
    cp "$ROOT/fixtures/pages/zh-2col.png" "pages/zh-$i.png"
done
opts=(-q --lang chi_sim+eng --formats txt,json,mets)

"$BROADSHEET" run -j 2 "${opts[@]}" pages -o A || fail "single run failed"
tree_sums A > sumsA

# Two runs at once on the same inputs and OUT.
"$BROADSHEET" run -j 2 "${opts[@]}" pages -o B 2> err1 & p1=$!
"$BROADSHEET" run -j 2 "${opts[@]}" pages -o B 2> err2 & p2=$!
wait $p1; rc1=$?; wait $p2; rc2=$?
[ "$rc1" = 0 ] && [ "$rc2" = 0 ] ||
    fail "concurrent runs: exits $rc1 and $rc2: $(cat err1 err2)"
! grep -v 'waiting for it$' err1 err2 | grep -q . ||
    fail "unexpected messages: $(cat err1 err2)"
for id in en-1 en-2 zh-1 zh-2; do
    d=$(grep -c "^$id"$'\tdone\t' B/manifest.tsv)
    s=$(grep -c "^$id"$'\tskipped\t' B/manifest.tsv)
    [ "$d" = 1 ] && [ "$s" = 1 ] ||
        fail "$id: done $d times, skipped $s times: $(cat B/manifest.tsv)"
done
[ "$(grep -vc '^#' B/manifest.tsv)" = 8 ] || fail "manifest: $(cat B/manifest.tsv)"
[ -z "$(find B -name '*.tmp.*')" ] || fail "temp files left: $(find B -name '*.tmp.*')"
tree_sums B > sumsB
cmp -s sumsA sumsB || fail "concurrent runs differ from one run: $(diff sumsA sumsB)"
[ "$(grep -c "TYPE=\"page\"" B/mets.xml)" = 4 ] ||
    fail "mets.xml does not list the 4 pages"

# Shards of one folder at once, as array tasks run them: the union is the
# single run, each page done once in its shard's manifest.
pids=()
for k in 1 2 3; do
    "$BROADSHEET" run -j 1 "${opts[@]}" --shard $k/3 pages -o C 2> "errs$k" & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a shard failed: $(cat errs*)"; done
tree_sums C > sumsC
cmp -s sumsA sumsC || fail "shards run at once differ from one run: $(diff sumsA sumsC)"
[ "$(cat C/manifest-*-of-3.tsv | grep -c $'\tdone\t')" = 4 ] ||
    fail "shard manifests: $(cat C/manifest-*-of-3.tsv)"
"$BROADSHEET" status C pages > st || fail "status after shards: $(cat st)"
grep -q "4 pages: 4 done, 0 failed, 0 pending" st || fail "status: $(cat st)"
echo "concurrent runs ok"
