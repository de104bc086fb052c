#!/usr/bin/env bash
# tests/fuzz.sh - builds the libFuzzer harnesses tests/fuzz/fuzz_*.c with
# clang -fsanitize=fuzzer,address,undefined against the library sources and
# runs each (or those whose name contains FUZZ_ONLY) for FUZZ_SECONDS
# (default 30) on a copy of its seed corpus
# tests/fuzz/corpus/<harness>/ plus the kept crash inputs
# tests/fuzz/regress/<harness>/.  Exits 77 when clang/libFuzzer is missing,
# 1 when any harness finds a crash (the input is left in
# build-fuzz/crash-<harness>-*: fix the bug, then move it to
# tests/fuzz/regress/<harness>/, where every test run replays it).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd); cd "$ROOT"
B=build-fuzz; SECS=${FUZZ_SECONDS:-30}
command -v clang >/dev/null || { echo "skipped: no clang"; exit 77; }
mkdir -p "$B/obj"
# libFuzzer itself present?  (Then a harness that fails to link is a failure.)
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' \
    >"$B/probe.c"
clang -fsanitize=fuzzer "$B/probe.c" -o "$B/probe" 2>/dev/null \
    || { echo "skipped: clang has no libFuzzer"; exit 77; }
PK=$(pkg-config --cflags tesseract lept libpng libtiff-4 jansson libxml-2.0 libjpeg libdeflate)
LIBS="$(pkg-config --libs tesseract lept libpng libtiff-4 jansson libxml-2.0 libjpeg libdeflate) -lm -lpthread -lstdc++"
SAN="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -D_GNU_SOURCE -DBS_VERSION=\"fuzz\" -DBS_MODELS_DIR=\"$ROOT/models\""
objs=()
# an object is stale when its source or any header is newer (no dep files);
# the sources are found as the Makefile finds them (pipeline/<part>/, stages/)
newest_h=$(ls -t $(find pipeline stages -name '*.h') | head -1)
for s in $(find pipeline stages -name '*.c' | sort | grep -v '^pipeline/cli/main\.c$'); do
    o=$B/obj/$(echo "$s" | tr / _).o; objs+=("$o")
    [ "$o" -nt "$s" ] && [ "$o" -nt "$newest_h" ] || clang $SAN $PK -c "$s" -o "$o" || exit 1
done
rc=0
for h in tests/fuzz/fuzz_*.c; do
    n=$(basename "$h" .c); n=${n#fuzz_}
    [[ "$n" == *"${FUZZ_ONLY:-}"* ]] || continue
    clang $SAN -fsanitize=fuzzer $PK "$h" "${objs[@]}" $LIBS -o "$B/fuzz_$n" \
        || { echo "FAIL: cannot build fuzz_$n"; exit 1; }
    mkdir -p "$B/corpus-$n"
    cp tests/fuzz/corpus/"$n"/* tests/fuzz/regress/"$n"/* "$B/corpus-$n"/ 2>/dev/null
    (cd "$B" && ./fuzz_"$n" -max_total_time="$SECS" -rss_limit_mb=2048 \
        -artifact_prefix="crash-$n-" "corpus-$n" >"fuzz_$n.log" 2>&1) || { echo "FAIL: fuzz_$n crashed"; tail -30 "$B/fuzz_$n.log"; rc=1; }
    echo "fuzz_$n: $(grep -o 'Done [0-9]* runs' "$B/fuzz_$n.log" | tail -1)"
done
exit $rc
