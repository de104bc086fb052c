#!/usr/bin/env bash
# fixtures_regen.sh - `make -C fixtures` regenerates every committed fixture
# page and truth file byte for byte: every spec is drawn into a temporary
# folder and compared with fixtures/pages and fixtures/truth; a spec with no
# committed page (or a page with no spec) fails.
source "$(dirname "$0")/lib.sh"

command -v pkg-config >/dev/null && pkg-config --exists pangocairo jansson lept \
    || skip "Cairo/Pango/jansson/Leptonica development files not installed"
out=$(mktemp -d "${TMPDIR:-/tmp}/bs-fixtures.XXXXXX")
trap 'rm -rf "$out"' EXIT
make -s -C "$ROOT/fixtures" OUT="$out" >"$out/make.log" 2>&1 \
    || { cat "$out/make.log"; fail "make -C fixtures OUT=$out failed"; }

n=0
for spec in "$ROOT"/fixtures/specs/*.json; do
    name=$(basename "$spec" .json)
    for kind in pages/$name.png truth/$name.json; do
        [ -f "$ROOT/fixtures/$kind" ] || fail "fixtures/$kind is not committed"
        [ -f "$out/$kind" ] || fail "the generator did not write $kind"
        cmp -s "$ROOT/fixtures/$kind" "$out/$kind" \
            || fail "fixtures/$kind differs from a fresh regeneration"
    done
    n=$((n + 1))
done
for f in "$ROOT"/fixtures/pages/*.png "$ROOT"/fixtures/truth/*.json; do
    name=$(basename "$f"); name=${name%.*}
    [ -f "$ROOT/fixtures/specs/$name.json" ] || fail "$f has no spec"
done
[ $n -ge 2 ] || fail "only $n fixture specs"
echo "$n fixture pages regenerate byte for byte"
