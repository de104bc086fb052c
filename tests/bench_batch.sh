#!/usr/bin/env bash
# tests/bench_batch.sh - batch throughput and memory (not part of make test).
#
#   tests/bench_batch.sh            uses fixtures/pages/en-2col.png
#   BENCH_PAGE=scan.png PAGES=12 tests/bench_batch.sh
#
# 1. Throughput: the same PAGES pages (one image under different names,
#    listed in a list file) with -j 1 and with -j 2; prints pages/minute and
#    the speed-up (target on 2 idle cores: >= 1.8).
# 2. Memory: peak RSS of the largest process (parent or any worker) for a
#    20-page and a 200-page batch at -j 2; flat memory means the two are
#    close (workers are replaced every 50 pages).
# Prints the load average before and after: other work on the machine
# lowers the speed-up, so re-measure on a quiet machine before quoting it.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
BROADSHEET=${BROADSHEET:-$ROOT/broadsheet}
PAGE=${BENCH_PAGE:-$ROOT/fixtures/pages/en-2col.png}
PAGES=${PAGES:-12}
LANGS=${LANGS:-eng}
SHORT=${SHORT:-20}
LONG=${LONG:-200}
[ -x "$BROADSHEET" ] || { echo "bench_batch: build first (make)"; exit 1; }
[ -f "$PAGE" ] || { echo "bench_batch: no page $PAGE (set BENCH_PAGE)"; exit 1; }
t=$(mktemp -d "${TMPDIR:-/tmp}/bs-bench.XXXXXX")
trap 'rm -rf "$t"' EXIT

# make_list N: N names for the same page, in $t/pages, listed in $t/N.txt.
make_list() {
    mkdir -p "$t/pages"
    : > "$t/$1.txt"
    for i in $(seq -w 1 "$1"); do
        ln -sf "$PAGE" "$t/pages/p$i.png"
        echo "$t/pages/p$i.png" >> "$t/$1.txt"
    done
}

# run_measured OUT ARGS...: runs a batch; prints "seconds maxrss_kb".
run_measured() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
t0 = time.monotonic()
rc = subprocess.call(sys.argv[1:])
dt = time.monotonic() - t0
if rc != 0:
    sys.exit("bench_batch: batch failed (exit %d)" % rc)
print("%.2f %d" % (dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
PY
}

echo "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "page: $PAGE, languages: $LANGS"

make_list "$PAGES"
# One OCR thread per page: by default a lone worker (-j 1) reads the blocks
# of its page with every core, which is not the speed-up measured here.
read -r s1 _ < <(run_measured "$BROADSHEET" run -q -j 1 --set ocr_threads=1 --lang "$LANGS" "@$t/$PAGES.txt" -o "$t/j1") || exit 1
read -r s2 _ < <(run_measured "$BROADSHEET" run -q -j 2 --set ocr_threads=1 --lang "$LANGS" "@$t/$PAGES.txt" -o "$t/j2") || exit 1
python3 - "$PAGES" "$s1" "$s2" <<'PY'
import sys
n, s1, s2 = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print("throughput: %d pages  -j 1: %.1f s (%.1f pages/min)  -j 2: %.1f s (%.1f pages/min)  speed-up %.2fx (target >= 1.8)"
      % (n, s1, n * 60 / s1, s2, n * 60 / s2, s1 / s2))
PY

make_list "$SHORT"
make_list "$LONG"
read -r a ra < <(run_measured "$BROADSHEET" run -q -j 2 --lang "$LANGS" "@$t/$SHORT.txt" -o "$t/mshort") || exit 1
read -r b rb < <(run_measured "$BROADSHEET" run -q -j 2 --lang "$LANGS" "@$t/$LONG.txt" -o "$t/mlong") || exit 1
echo "memory: peak RSS $SHORT pages: $((ra / 1024)) MB ($a s)  $LONG pages: $((rb / 1024)) MB ($b s)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
