#!/usr/bin/env bash
# fixtures_random.sh - the fixture generator's random mode: 20 English and
# 20 Chinese pages from tuning seeds (under 1000) are drawn, and
#   - every truth passes fixtures_random_check.py (boxes on the page, no two
#     text or picture blocks overlapping, every article with body text,
#     blocks and articles pointing at each other, elements from the
#     vocabulary) and over the 40 pages every element kind occurs;
#   - the same seed gives the same bytes twice, and a page redrawn from the
#     spec --spec wrote is the same page;
#   - the pipeline's articles.json reader takes the truth: `broadsheet eval`
#     scores a truth against itself at recall and precision 1.
# RANDOM_SEEDS overrides the seed list (default 1..20).
source "$(dirname "$0")/lib.sh"

command -v pkg-config >/dev/null && pkg-config --exists pangocairo jansson lept \
    || skip "Cairo/Pango/jansson/Leptonica development files not installed"
command -v python3 >/dev/null || skip "python3 not installed"
tmpdir out
make -s -C "$ROOT/fixtures" gen/broadsheet-fixture >"$out/make.log" 2>&1 \
    || { cat "$out/make.log"; fail "cannot build the fixture generator"; }
GEN=$ROOT/fixtures/gen/broadsheet-fixture
seeds=${RANDOM_SEEDS:-$(seq 1 20)}

start=$(date +%s%N)
n=0
for lang in en zh; do
    for s in $seeds; do
        "$GEN" --random "$s" --lang "$lang" --spec "$out/r-$lang-$s.spec.json" \
            "$out/r-$lang-$s.png" "$out/r-$lang-$s.json" \
            || fail "seed $s ($lang) did not generate"
        n=$((n + 1))
    done
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "$n pages in $((ms / 1000)).$(( ms % 1000 / 100 )) s ($((ms / n)) ms a page)"

python3 "$ROOT/tests/e2e/fixtures_random_check.py" "$out"/r-*-*[0-9].json \
    || fail "random truth check failed"

# Same seed, same bytes; the written spec redraws the same page.
first=$(echo $seeds | cut -d' ' -f1)
for lang in en zh; do
    mkdir -p "$out/again"
    "$GEN" --random "$first" --lang "$lang" "$out/again/r-$lang-$first.png" \
        "$out/again/r-$lang-$first.json" || fail "seed $first ($lang) failed the second time"
    for k in png json; do
        cmp -s "$out/r-$lang-$first.$k" "$out/again/r-$lang-$first.$k" \
            || fail "seed $first ($lang): the $k differs between two runs"
    done
    mkdir -p "$out/spec"
    "$GEN" "$out/r-$lang-$first.spec.json" "$out/spec/r-$lang-$first.png" \
        "$out/spec/r-$lang-$first.json" || fail "the spec of seed $first ($lang) does not draw"
    for k in png json; do
        cmp -s "$out/r-$lang-$first.$k" "$out/spec/r-$lang-$first.$k" \
            || fail "seed $first ($lang): the $k redrawn from its spec differs"
    done
done
echo "seed $first draws the same bytes twice and from its spec (en, zh)"

# The pipeline reads the truth: a truth scored against itself is perfect.
if [ -x "$BROADSHEET" ]; then
    for lang in en zh; do
        page="$out/eval/r-$lang-$first"
        mkdir -p "$page"
        cp "$out/r-$lang-$first.json" "$page/articles.json"
        "$BROADSHEET" eval -q --min-recall 1 --min-precision 1 --max-cer 0 \
            "$page" "$out/r-$lang-$first.json" \
            || fail "broadsheet eval does not score the truth of seed $first ($lang) as perfect"
    done
    echo "broadsheet eval reads the random truths"
else
    echo "broadsheet not built: eval reading not checked"
fi
