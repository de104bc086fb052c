# batch_identity.sh - issue 8's identity checks on real OCR pages: a batch
# killed with SIGKILL in the middle and rerun, and the same batch driven by
# GNU parallel (one page per job, and as shards), give byte-identical
# outputs to one uninterrupted run (timing.json and manifests excepted).
. "$(dirname "$0")/lib.sh"

for f in en-2col zh-2col; do
    [ -f "$ROOT/fixtures/pages/$f.png" ] || skip "fixture $f missing"
done
command -v parallel >/dev/null || skip "GNU parallel not installed (Debian: parallel)"
t=$(mktemp -d "${TMPDIR:-/tmp}/bs-ident.XXXXXX") || fail "no tmpdir"
trap 'cd /; rm -rf "$t"' EXIT
cd "$t" || fail "no tmpdir"

tree_sums() {
    (cd "$1" && find . -type f ! -name timing.json ! -name 'manifest*.tsv' \
        -print0 | sort -z | xargs -0 sha256sum)
}
opts=(-q --lang chi_sim+eng --formats all)
# PAGE and ALTO carry the time they were written; reproducible outputs
# take it from SOURCE_DATE_EPOCH.
export SOURCE_DATE_EPOCH=1700000000

# Six pages: each fixture under three names.
mkdir pages
for i in 1 2 3; do
    cp "$ROOT/fixtures/pages/en-2col.png" "pages/en-$i.png"
    cp "$ROOT/fixtures/pages/zh-2col.png" "pages/zh-$i.png"
done

"$BROADSHEET" run -j 2 "${opts[@]}" pages -o A || fail "uninterrupted run failed"
tree_sums A > sumsA
[ "$(grep -c '/done.json$' sumsA)" -eq 6 ] || fail "uninterrupted run: not 6 stamped pages"
grep -q '/articles.json$' sumsA && grep -q '/page.txt$' sumsA || fail "no outputs in A"

# SIGKILL to the batch after two pages, then a rerun.
"$BROADSHEET" run -j 2 "${opts[@]}" pages -o B &
pid=$!
for _ in $(seq 600); do
    [ "$(grep -c $'\tdone\t' B/manifest.tsv 2>/dev/null)" -ge 2 ] && break
    sleep 0.05
done
kill -KILL $pid
wait $pid 2>/dev/null
sleep 0.5
! pgrep -f -- "$t/B" >/dev/null && ! pgrep -f -- " -o B" >/dev/null ||
    fail "workers outlived the killed batch"
stamped=$(ls B/*/done.json 2>/dev/null | wc -l)
[ "$stamped" -ge 2 ] && [ "$stamped" -lt 6 ] ||
    fail "kill did not land mid-batch ($stamped of 6 pages stamped)"
"$BROADSHEET" run -j 2 "${opts[@]}" pages -o B || fail "rerun after kill failed"
[ "$(grep -v '^#' B/manifest.tsv | tail -n 6 | grep -c $'\tskipped\t')" -eq "$stamped" ] ||
    fail "rerun did not skip the $stamped finished pages"
[ -z "$(find B -name '*.tmp.*')" ] || fail "temp files left after rerun"
tree_sums B > sumsB
cmp -s sumsA sumsB || fail "killed+rerun differs from uninterrupted: $(diff sumsA sumsB)"

# GNU parallel, one page per job, all appending to one manifest.
parallel --will-cite -j 2 "$BROADSHEET" run -j 1 "${opts[@]}" {} -o C ::: pages/*.png ||
    fail "parallel run failed"
tree_sums C > sumsC
cmp -s sumsA sumsC || fail "GNU parallel (per page) differs: $(diff sumsA sumsC)"
[ "$(grep -vc '^#' C/manifest.tsv)" -eq 6 ] || fail "parallel manifest: $(cat C/manifest.tsv)"

# GNU parallel as three shards of the whole folder.
parallel --will-cite -j 2 "$BROADSHEET" run -j 1 "${opts[@]}" --shard {}/3 pages -o D ::: 1 2 3 ||
    fail "sharded parallel run failed"
tree_sums D > sumsD
cmp -s sumsA sumsD || fail "GNU parallel (shards) differs: $(diff sumsA sumsD)"
"$BROADSHEET" status D pages > stD || fail "status after shards: $(cat stD)"
grep -q "6 pages: 6 done, 0 failed, 0 pending" stD || fail "status: $(cat stD)"
echo "batch identity ok"
