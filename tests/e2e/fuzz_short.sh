#!/usr/bin/env bash
# tests/e2e/fuzz_short.sh - a short libFuzzer run of every harness in
# tests/fuzz/ (FUZZ_SECONDS each, default 20); skips (77) without clang.
. "$(dirname "$0")/lib.sh"
FUZZ_SECONDS=${FUZZ_SECONDS:-20} "$ROOT/tests/fuzz.sh"
