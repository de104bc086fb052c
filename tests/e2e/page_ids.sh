#!/usr/bin/env bash
# page_ids.sh - page ids a digitization team can rely on (issue 17.1, 18.10,
# 18.11): ids are the input's path below the folder given
# (title/issue/page), the same on every run and shard, never renamed by an
# added scan; a clash is a usage error naming both inputs; every part that
# walks OUT (status, eval, METS, re-runs, `stage`, resume) finds nested page
# folders; collecting inputs never hangs (lists that include themselves, a
# symlink DAG, FIFOs, 20000 pages of one name); page folders never take the
# names of run-level files.  `--to binarize` runs on small synthetic pages:
# the point is the batch, not OCR.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
tmpdir t
cd "$t" || fail "cd"
mkpage() { python3 "$ROOT/tests/e2e/mkpage.py" "$@" || fail "mkpage $*"; }
ids_of() { grep -hv '^#' "$@" | cut -f1 | sort -u | tr '\n' ' '; }

# 1. iss/<issue>/<page>: ids keep the folders below the one given.
mkdir -p iss/1912-01-01 iss/1912-01-02
mkpage iss/1912-01-01/0001.png a1
mkpage iss/1912-01-01/0002.png a2
mkpage iss/1912-01-02/0001.png b1
"$BROADSHEET" run -q --to binarize iss/ -o out 2>err || fail "run: $(cat err)"
for id in 1912-01-01/0001 1912-01-01/0002 1912-01-02/0001; do
    [ -f "out/$id/done.json" ] || fail "no page folder out/$id"
done
[ "$(ids_of out/manifest.tsv)" = "1912-01-01/0001 1912-01-01/0002 1912-01-02/0001 " ] ||
    fail "manifest ids: $(ids_of out/manifest.tsv)"
sum=$(sha256sum out/1912-01-02/0001/image.png | cut -c1-64)

# 2. Adding a scan renames no page: a new issue sorting first, and a
#    rerun skips the pages already done (same ids, same stamps).
mkdir iss/1912-01-00 && mkpage iss/1912-01-00/0001.png c1
"$BROADSHEET" run -q --to binarize iss -o out 2>err || fail "rerun: $(cat err)"
[ "$(sha256sum out/1912-01-02/0001/image.png | cut -c1-64)" = "$sum" ] ||
    fail "adding a scan changed another page's folder"
[ "$(tail -n 4 out/manifest.tsv | grep -c $'\tskipped\t')" = 3 ] ||
    fail "rerun after adding a scan: $(tail -n 4 out/manifest.tsv)"
grep -q $'^1912-01-00/0001\tdone' out/manifest.tsv || fail "new scan not done"

# 3. Shards agree: two shards together are the unsharded run's ids.
"$BROADSHEET" run -q --to binarize --shard 1/2 iss -o sh 2>/dev/null
"$BROADSHEET" run -q --to binarize --shard 2/2 iss -o sh 2>/dev/null
[ "$(ids_of sh/manifest-*.tsv)" = "$(ids_of out/manifest.tsv)" ] ||
    fail "shards: $(ids_of sh/manifest-*.tsv)"

# 4. A clash is a usage error naming both inputs, before any page runs.
"$BROADSHEET" run -q --to binarize iss/1912-01-01/0001.png iss/1912-01-02/0001.png \
    -o clash 2>err
rc=$?
[ $rc = 2 ] || fail "clash: exit $rc, want 2"
grep -q '"0001".*1912-01-01/0001.png.*1912-01-02/0001.png' err || fail "clash message: $(cat err)"
[ "$(wc -l < err)" = 1 ] || fail "clash: want one line: $(cat err)"
[ ! -e clash ] || fail "clash: something was written"
# One page's folder inside another's is a clash too.
mkdir -p nest/1912 && mkpage nest/1912.png n1 && mkpage nest/1912/0001.png n2
"$BROADSHEET" run -q --to binarize nest -o nestout 2>err
[ $? = 2 ] && grep -q 'inside' err || fail "nested page folders: $(cat err)"

# 5. status, METS, eval, re-runs and `stage` on nested page folders.
"$BROADSHEET" status out > st || fail "status: $(cat st)"
grep -q '4 pages: 4 done, 0 failed, 0 pending' st || fail "status: $(cat st)"
"$BROADSHEET" status out iss > st || fail "status with inputs: $(cat st)"
grep -q '4 pages: 4 done' st || fail "status with inputs: $(cat st)"
"$BROADSHEET" run -q --lang eng --formats all iss -o full 2>err || fail "full run: $(cat err)"
grep -q 'xlink:href="1912-01-02/0001/page.alto.xml"' full/mets.xml || fail "METS hrefs"
[ "$(grep -c 'TYPE="page"' full/mets.xml)" = 4 ] || fail "METS pages"
touch -d '2000-01-01' full/mets.xml full/manifest.tsv
"$BROADSHEET" run -q --from export --formats all --force full/1912-01-01/0002 2>err ||
    fail "--from export on a nested page: $(cat err)"
grep -q $'^1912-01-01/0002\tdone' full/manifest.tsv || fail "re-run's manifest line: id"
[ full/mets.xml -nt full/1912-01-01 ] || fail "METS of OUT not rewritten"
"$BROADSHEET" run -q --from repair --force full 2>err || fail "--from repair OUT: $(cat err)"
[ "$(tail -n 4 full/manifest.tsv | grep -c $'\tdone\t')" = 4 ] || fail "--from repair OUT"
"$BROADSHEET" stage load full/1912-01-02/0001 -q 2>err || fail "stage load: $(cat err)"
[ -z "$(find full -maxdepth 1 -name '0001')" ] || fail "stage load made a flat page folder"
"$BROADSHEET" stage binarize full/1912-01-02/0001 -q 2>err || fail "stage binarize: $(cat err)"
mkdir -p gt/1912-01-01
cp full/1912-01-01/0001/articles.json gt/1912-01-01/0001.json
"$BROADSHEET" eval -q full gt --json ev.json 2>err || fail "eval: $(cat err)"
python3 -c 'import json,sys; r=json.load(open("ev.json")); assert [p["id"] for p in r["pages"]] == ["1912-01-01/0001"], r["pages"]' ||
    fail "eval pairs nested pages by path"
# A run's manifest and METS never go into a folder that is no run's.
mkdir -p loose && cp -R full/1912-01-01/0001 loose/page
"$BROADSHEET" run -q --from export --formats all loose/page 2>err || fail "loose page: $(cat err)"
[ ! -e loose/manifest.tsv ] && [ ! -e loose/mets.xml ] ||
    fail "run-level files written beside a page folder that is in no OUT: $(ls loose)"

# 6. Page folders cannot take run-level files' names (18.11).
mkdir res
for n in mets.xml manifest.tsv manifest-1-of-2.tsv; do mkpage "res/$n.png" "$n"; done
"$BROADSHEET" run -q --to binarize --formats txt,json,mets res -o resout 2>err || fail "reserved: $(cat err)"
for n in mets.xml manifest.tsv manifest-1-of-2.tsv; do
    [ -f "resout/${n}_/done.json" ] || fail "no page folder resout/${n}_"
done
[ -f resout/manifest.tsv ] || fail "manifest.tsv is not the manifest"
"$BROADSHEET" run -q --to binarize --shard 1/2 res -o resout 2>/dev/null
[ -f resout/manifest-1-of-2.tsv ] || fail "shard manifest"
"$BROADSHEET" status resout > st; grep -q '3 pages: 3 done' st || fail "reserved status: $(cat st)"

# 7. Collecting never hangs (each case under a timeout).
mkpage one.png o1
printf '%s\n@%s\n@%s\n' "$t/one.png" "$t/self.txt" "$t/self.txt" > self.txt
timeout 20 "$BROADSHEET" run -q --to binarize @self.txt -o selfout 2>err
rc=$?
[ $rc = 1 ] || fail "@list including itself: exit $rc"
grep -q 'includes itself' err || fail "self-including list: $(cat err)"
[ -f selfout/one/done.json ] || fail "self-including list: its page not done"
mkfifo fifo.txt
timeout 20 "$BROADSHEET" run -q --to binarize @fifo.txt -o fifoout 2>err
rc=$?
[ $rc = 1 ] && grep -q 'not a regular file' err || fail "@FIFO: exit $rc: $(cat err)"
mkdir fifodir && mkpage fifodir/a.png f1 && mkfifo fifodir/b.png
timeout 20 "$BROADSHEET" run -q --to binarize fifodir -o fifodirout 2>err
rc=$?
[ $rc = 1 ] && grep -q 'b.png: not a regular file' err || fail "FIFO in a folder: exit $rc: $(cat err)"
[ -f fifodirout/a/done.json ] || fail "the page beside the FIFO not done"
# done.json replaced by a FIFO: the page is redone, nothing blocks.
rm fifodirout/a/done.json && mkfifo fifodirout/a/done.json
timeout 20 "$BROADSHEET" status fifodirout >/dev/null 2>&1
[ $? != 124 ] || fail "status hangs on a FIFO done.json"
timeout 20 "$BROADSHEET" run -q --to binarize fifodir -o fifodirout 2>/dev/null
[ $? != 124 ] || fail "run hangs on a FIFO done.json"
[ -f fifodirout/a/done.json ] && [ ! -p fifodirout/a/done.json ] || fail "FIFO stamp not replaced"
# A symlink DAG: 30 levels, each folder linking twice to the next (2^30
# paths): each real folder is searched once.
mkdir dag
for i in $(seq 1 30); do mkdir "dag/l$i"; done
for i in $(seq 0 29); do
    from=$([ "$i" = 0 ] && echo dag || echo "dag/l$i")
    ln -s "$t/dag/l$((i + 1))" "$from/a"; ln -s "$t/dag/l$((i + 1))" "$from/b"
done
mkpage dag/l30/deep.png d1
mkdir dagout
timeout 20 "$BROADSHEET" status dagout dag > st 2>&1
rc=$?
[ $rc != 124 ] || fail "symlink DAG: collecting hangs"
grep -q '1 page: 0 done, 0 failed, 1 pending' st || fail "symlink DAG: $(cat st)"
# 20000 pages of one file name in 20000 folders: ids in linear time.
mkdir many && python3 - <<'PY'
import os
data = open("one.png", "rb").read()
for i in range(20000):
    os.mkdir(f"many/{i:05d}")
    with open(f"many/{i:05d}/page.png", "wb") as f:
        f.write(data)
PY
mkdir manyout
start=$(date +%s%N)
timeout 60 "$BROADSHEET" status manyout many > st 2>&1
ms=$(( ($(date +%s%N) - start) / 1000000 ))
grep -q '20000 pages: 0 done, 0 failed, 20000 pending' st || fail "20000 pages: $(head -3 st)"
echo "20000 inputs of one name collected in $ms ms"
[ "$ms" -lt 10000 ] || fail "collecting 20000 inputs took $ms ms"
echo "page ids: nested, stable, clashes refused, collecting linear"
