#!/usr/bin/env bash
# tests/e2e/fuzz_short.sh - a short libFuzzer run of every harness in
# tests/fuzz/ (FUZZ_SECONDS each, default 10); skips (77) without clang,
# and in make check: the harnesses are ASan/UBSan builds already, and make
# test has run them.
. "$(dirname "$0")/lib.sh"
[ "${SANITIZED:-0}" = 1 ] && skip "sanitizer build: fuzzed in make test"
FUZZ_SECONDS=${FUZZ_SECONDS:-10} "$ROOT/tests/fuzz.sh"
