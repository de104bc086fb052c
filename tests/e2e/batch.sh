# batch.sh - issue 8's batch mechanics on small synthetic pages: a corrupt
# file among good ones, resume and --force, crash and timeout isolation,
# SIGTERM, two shards, status, re-running later stages over OUT, inputs
# (folders, @lists, multi-page TIFF), progress lines.  Mostly `--to
# binarize` runs: the point here is the batch, not OCR.
. "$(dirname "$0")/lib.sh"

t=$(mktemp -d "${TMPDIR:-/tmp}/bs-batch.XXXXXX") || fail "no tmpdir"
trap 'cd /; rm -rf "$t"' EXIT
cd "$t" || fail "no tmpdir"
mkpage() { python3 "$ROOT/tests/e2e/mkpage.py" "$@" || fail "mkpage $*"; }
# Files of a batch with their checksums, minus what may differ between
# runs (timing.json, manifests).
tree_sums() {
    (cd "$1" && find . -type f ! -name timing.json ! -name 'manifest*.tsv' \
        -print0 | sort -z | xargs -0 sha256sum)
}
manifest_rows() { grep -hv '^#' "$@" | cut -f1,2; }
no_temps() { [ -z "$(find "$1" -name '*.tmp.*')" ] || fail "temp files left: $(find "$1" -name '*.tmp.*')"; }
no_procs() { ! pgrep -f -- "$1" >/dev/null || fail "processes left: $(pgrep -af -- "$1")"; }

mkdir -p in/sub
for i in 1 2 3 4 5; do mkpage "in/p$i.png" "seed$i"; done
mkpage in/sub/p6.png seed6
mkpage in/sub/scan.tif tiff 2
printf 'this is not a PNG' > in/sub/broken.png

# 1. A corrupt file among good ones: the good ones finish, the bad one is
#    reported on stderr (naming the file) and in the manifest; exit 1.
"$BROADSHEET" run --to binarize -j 2 in -o out 2> err1
rc=$?
[ $rc -eq 1 ] || fail "corrupt among good: exit $rc, want 1"
grep -q "broken.png" err1 || fail "stderr does not name the bad file: $(cat err1)"
[ "$(grep -c ': failed: ' err1)" -eq 1 ] || fail "want one failure line: $(cat err1)"
[ "$(manifest_rows out/manifest.tsv | grep -c $'\tdone$')" -eq 8 ] ||
    fail "want 8 done pages: $(cat out/manifest.tsv)"
grep -q $'^sub/broken\tfailed\t.*broken.png' out/manifest.tsv || fail "no manifest line for broken.png"
# Page ids are paths below the folder given: in/sub/p6.png is sub/p6.
for id in p1 p2 p3 p4 p5 sub/p6 sub/scan-p001 sub/scan-p002; do
    [ -f "out/$id/done.json" ] && [ -f "out/$id/binary.png" ] || fail "page $id incomplete"
done
[ ! -e out/sub/broken/done.json ] || fail "broken page stamped"
# Non-terminal progress: one line per page, and a summary.
[ "$(grep -c '^broadsheet: \[' err1)" -eq 8 ] || fail "want 8 progress lines: $(cat err1)"
no_temps out

# 2. Resume: nothing to do the second time (outputs untouched); --force
#    redoes every page; changed settings redo them too.
tree_sums out > sums1
find out -mindepth 2 -exec touch -d '2000-01-01' {} +
"$BROADSHEET" run --to binarize -j 2 in -o out 2> err2
[ $? -eq 1 ] || fail "rerun: want exit 1 (the broken file still fails)"
[ "$(tail -n 9 out/manifest.tsv | grep -c $'\tskipped\t')" -eq 8 ] ||
    fail "rerun did not skip the done pages: $(tail -n 9 out/manifest.tsv)"
[ -z "$(find out -mindepth 2 -newermt '2001-01-01' ! -name 'manifest*' ! -name .broadsheet.lock)" ] ||
    fail "rerun rewrote: $(find out -mindepth 2 -newermt '2001-01-01')"
"$BROADSHEET" run --to binarize -j 2 --force -q in -o out 2>/dev/null
[ "$(tail -n 9 out/manifest.tsv | grep -c $'\tdone\t')" -eq 8 ] || fail "--force did not redo"
tree_sums out > sums2
cmp -s sums1 sums2 || fail "--force changed the outputs: $(diff sums1 sums2)"
"$BROADSHEET" run --to binarize -j 2 --dpi 200 -q in -o out 2>/dev/null
[ "$(tail -n 9 out/manifest.tsv | grep -c $'\tdone\t')" -eq 8 ] || fail "new settings did not redo"
# A changed input is redone even with the same settings.
"$BROADSHEET" run --to binarize -j 2 --dpi 200 -q in -o out 2>/dev/null
mkpage in/p2.png other-seed
"$BROADSHEET" run --to binarize -j 2 --dpi 200 -q in -o out 2>/dev/null
[ "$(tail -n 9 out/manifest.tsv | grep -c $'\tdone\t')" -eq 1 ] ||
    fail "changed input: $(tail -n 9 out/manifest.tsv)"
grep -q "$(sha256sum in/p2.png | cut -c1-64)" out/p2/done.json || fail "stamp checksum stale"

# 3. Failure isolation: a crash and a hang in a worker cost only that page.
rm -rf out3
BS_TEST_FAULT=crash:p3 "$BROADSHEET" run --to binarize -j 2 in -o out3 2> err3
[ $? -eq 1 ] || fail "crash: want exit 1"
grep -q "p3: failed: .*p3.png: worker crashed: signal 11" err3 || fail "crash not reported: $(cat err3)"
grep -q $'^p3\tfailed\t.*worker crashed: signal 11' out3/manifest.tsv || fail "crash not in manifest"
[ -f out3/p4/done.json ] && [ -f out3/sub/scan-p002/done.json ] || fail "pages after the crash not done"
BS_TEST_FAULT=hang:p4 "$BROADSHEET" run --to binarize -j 2 --force --page-timeout 1 -q \
    in -o out3 2> err3b
[ $? -eq 1 ] || fail "timeout: want exit 1"
grep -q "p4: failed: .*timed out after 1 s" err3b || fail "timeout not reported: $(cat err3b)"
grep -q $'^p4\tfailed\t.*timed out after 1 s' out3/manifest.tsv || fail "timeout not in manifest"
[ -f out3/p3/done.json ] && [ -f out3/p5/done.json ] || fail "pages around the hang not done"
no_temps out3
no_procs "$t/"

# 4. SIGTERM: stop handing out pages, end the workers, no temp files,
#    exit 128+15; a rerun finishes the batch with the same outputs.
#    OMP_THREAD_LIMIT unset: the batch re-executes itself with it set to
#    1 before libgomp loads, so its workers have it.
env -u OMP_THREAD_LIMIT BS_TEST_FAULT=hang:p2 "$BROADSHEET" run --to binarize -j 1 -q \
    in -o "$t/out4" 2> err4 &
pid=$!
for _ in $(seq 100); do
    grep -q $'^p1\tdone' out4/manifest.tsv 2>/dev/null && break
    sleep 0.1
done
worker=$(pgrep -P $pid | head -n 1)
[ -n "$worker" ] || fail "no worker process under the batch"
tr '\0' '\n' < "/proc/$worker/environ" | grep -qx 'OMP_THREAD_LIMIT=1' ||
    fail "worker runs without OMP_THREAD_LIMIT=1"
kill -TERM $pid
wait $pid
rc=$?
[ $rc -eq 143 ] || fail "SIGTERM: exit $rc, want 143"
grep -q "stopped by signal 15" err4 || fail "SIGTERM not reported: $(cat err4)"
no_temps out4
no_procs "$t/out4"
[ ! -e out4/p2/done.json ] || fail "interrupted page stamped"
"$BROADSHEET" run --to binarize -j 2 --dpi 200 -q in -o out4 2>/dev/null
tree_sums out4 > sums4
tree_sums out | sed 's/ .*//' > /dev/null
"$BROADSHEET" run --to binarize -j 2 --dpi 200 --force -q in -o out4b 2>/dev/null
tree_sums out4b > sums4b
cmp -s sums4 sums4b || fail "interrupted+rerun differs: $(diff sums4 sums4b)"

# 5. Two shards cover every page exactly once, and together equal the
#    unsharded run; status sees both manifests.
"$BROADSHEET" run --to binarize -j 2 --shard 1/2 -q in -o out5 2>/dev/null
"$BROADSHEET" run --to binarize -j 2 --shard 2/2 -q in -o out5 2>/dev/null
manifest_rows out5/manifest-1-of-2.tsv | cut -f1 | sort > s1
manifest_rows out5/manifest-2-of-2.tsv | cut -f1 | sort > s2
[ -s s1 ] && [ -s s2 ] || fail "a shard is empty (hash split too uneven for 9 pages?)"
[ -z "$(comm -12 s1 s2)" ] || fail "shards overlap: $(comm -12 s1 s2)"
sort s1 s2 > both
manifest_rows out/manifest.tsv | cut -f1 | sort -u > all
cmp -s both all || fail "shards do not cover the batch: $(diff both all)"
"$BROADSHEET" run --to binarize -j 2 --force -q in -o out5b 2>/dev/null
"$BROADSHEET" run --to binarize -j 2 --force -q in -o out5c 2>/dev/null
(cd out5 && tree_sums .) > a5; (cd out5b && tree_sums .) > b5
cmp -s a5 b5 || fail "sharded outputs differ: $(diff a5 b5)"
"$BROADSHEET" status out5 > st5
[ $? -eq 1 ] || fail "status with a failed page: want exit 1"
grep -q "9 pages: 8 done, 1 failed, 0 pending" st5 || fail "status: $(cat st5)"
grep -q "sub/broken.*broken.png" st5 || fail "status does not list the failure: $(cat st5)"
"$BROADSHEET" status out5 --json | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert s["done"] == 8 and s["failed"] == 1 and s["total"] == 9, s
assert {p["id"] for p in s["pages"] if p["status"] == "failed"} == {"sub/broken"}
' || fail "status --json"
# Pending: listed inputs not yet run, and pages interrupted mid-way.
mkpage in/p7.png seed7
"$BROADSHEET" status out5 in > st5b
grep -q "10 pages: 8 done, 1 failed, 1 pending" st5b || fail "status with inputs: $(cat st5b)"

# 6. Inputs: an @list (with a comment and a blank line) and a folder.
printf '# pages\n%s\n\n%s\n' in/p1.png in/sub/scan.tif > pages.txt
"$BROADSHEET" run --to binarize -q @pages.txt -o out6 2>/dev/null || fail "@list run failed"
[ "$(ls out6 | grep -v manifest | tr '\n' ' ')" = "p1 scan-p001 scan-p002 " ] ||
    fail "@list pages: $(ls out6)"
"$BROADSHEET" run --to binarize -q in/nothing-here -o out6 2>/dev/null
[ $? -eq 1 ] || fail "missing input: want exit 1"
mkdir empty
"$BROADSHEET" run --to binarize -q empty -o out6 2>/dev/null
[ $? -eq 2 ] || fail "no images at all: want exit 2"
# A tessdata folder without the language pages are read in: a usage error
# before any page, with --lang or without (the default, eng).
mkdir nodata
for lang in "" "--lang eng"; do
    "$BROADSHEET" run -q $lang --tessdata nodata in/p1.png -o out6b 2>err6
    [ $? -eq 2 ] && grep -q 'cannot load language "eng"' err6 ||
        fail "--tessdata without eng ($lang): want exit 2: $(cat err6)"
    [ ! -e out6b/p1 ] || fail "--tessdata without eng: a page was tried"
done

# A re-run on something that is no page folder: a failure, no manifest
# written in the current folder.
"$BROADSHEET" run --from repair -q in/p1.png 2>/dev/null
[ $? -eq 1 ] || fail "--from on an image: want exit 1"
[ ! -e manifest.tsv ] || fail "manifest written in the current folder"

# 7. Later stages over a whole batch, with -j: only those stages run.
rm in/sub/broken.png in/p7.png
"$BROADSHEET" run -j 2 -q in -o out7 2>/dev/null || fail "full run failed"
find out7 -mindepth 2 -type f -exec touch -d '2000-01-01' {} +
"$BROADSHEET" run --from repair -j 2 -q out7 2>/dev/null
[ $? -eq 0 ] || fail "--from repair over OUT failed"
changed=$(cd out7 && find . -mindepth 2 -type f ! -name .broadsheet.lock -newermt '2001-01-01' ! -path '*/articles/*' -printf '%f\n' | sort -u | tr '\n' ' ')
[ "$changed" = "" ] || fail "--from repair with the same settings should skip, changed: $changed"
"$BROADSHEET" run --from repair -j 2 --force -q out7 2>/dev/null || fail "--from repair --force failed"
changed=$(cd out7 && find . -mindepth 2 -type f ! -name .broadsheet.lock -newermt '2001-01-01' ! -path '*/articles/*' -printf '%f\n' | sort -u | tr '\n' ' ')
want="articles.json done.json fulltext.txt model.repair.json page.txt repairs.json settings.json timing.json "
[ "$changed" = "$want" ] || fail "--from repair changed: $changed, want $want"
[ "$(manifest_rows out7/manifest.tsv | tail -n 8 | grep -c $'\tdone')" -eq 8 ] ||
    fail "--from repair manifest: $(tail -n 8 out7/manifest.tsv)"
no_temps "$t"
echo "batch mechanics ok"
