#!/usr/bin/env bash
# articles_fixtures.sh - articles on every fixture page against ground truth.
#
# Two readings of each page:
#   full    the whole pipeline (fixture_run): what a user gets;
#   truth   the truth's blocks (roles, boxes, bands) as the layout model,
#           then ocr, order, articles, repair, export: ocr, reading order and
#           article grouping measured apart from layout.
# Asserts, for the truth layout and the whole pipeline alike: on every page
# article recall and precision >= 95% (found = CER under 0.25 against a
# truth article); over all pages headlines exactly right after
# normalisation >= 90% and mean article CER under a measured ceiling
# (whole pipeline 0.0085 measured with Tesseract 5.3.0, ceiling 0.04; truth
# layout 0.0063, ceiling 0.03).  ARTICLES_FULL_STRICT=0 only prints the
# whole pipeline's figures (for experiments on layout).  Prints the page CER
# of page.txt and of plain `tesseract page.png -` against the truth articles
# in reading order, and asserts broadsheet is no worse.
# Figures: $ARTIFACTS/articles_fixtures.json.
. "$(dirname "$0")/lib.sh"

EVAL="python3 $ROOT/tests/e2e/article_eval.py"
CEILING_FULL=${CEILING_FULL:-0.04}   # mean article CER, whole pipeline
CEILING_TRUTH=${CEILING_TRUTH:-0.03} # mean article CER on truth layout
FULL_STRICT=${ARTICLES_FULL_STRICT:-1}
names=$(fixture_names)
[ -n "$names" ] || skip "no fixture pages (fixtures/truth/*.json)"
command -v tesseract >/dev/null || skip "tesseract CLI not installed"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bs-articles.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
report="$ARTIFACTS/articles_fixtures.json"
echo "[" >"$tmp/rows"
first=1
for name in $names; do
    truth="$ROOT/fixtures/truth/$name.json"
    lang=$(fixture_lang "$name")
    dir=$(fixture_run "$name") || fail "$name: broadsheet run failed"
    # truth layout: load + binarize, the truth's blocks, then the rest
    "$BROADSHEET" run -q -j 1 --to binarize --lang "$lang" \
        "$ROOT/fixtures/pages/$name.png" -o "$tmp/truth" >&2 ||
        fail "$name: binarize failed"
    $EVAL truth-model "$truth" "$tmp/truth/$name/model.binarize.json" \
        "$tmp/truth/$name/model.layout.json" || fail "$name: truth model"
    "$BROADSHEET" run -q -j 1 --from ocr --lang "$lang" "$tmp/truth/$name" >&2 ||
        fail "$name: run from ocr on the truth layout failed"
    tesseract "$ROOT/fixtures/pages/$name.png" "$tmp/$name.tess" -l "$lang" \
        --dpi 300 >/dev/null 2>&1 || fail "$name: tesseract failed"
    if [ "$name" = en-p1 ]; then
        # the masthead is page furniture: in fulltext.txt, in no article
        grep -qi 'meridian' "$dir/fulltext.txt" || fail "en-p1: no masthead in fulltext.txt"
        grep -qi 'meridian' "$dir/page.txt" && fail "en-p1: masthead in page.txt"
    fi
    full=$($EVAL articles "$dir/articles.json" "$truth") || fail "$name: eval"
    tl=$($EVAL articles "$tmp/truth/$name/articles.json" "$truth") || fail "$name: eval"
    pf=$($EVAL page "$dir/page.txt" "$truth")
    pt=$($EVAL page "$tmp/truth/$name/page.txt" "$truth")
    ps=$($EVAL page "$tmp/$name.tess.txt" "$truth")
    echo "$name full: $full"
    echo "$name truth-layout: $tl"
    echo "$name page CER: broadsheet $pf, on truth layout $pt, tesseract alone $ps"
    [ $first = 1 ] || echo "," >>"$tmp/rows"
    first=0
    echo "{\"page\":\"$name\",\"full\":$full,\"truth_layout\":$tl,\"page_full\":$pf,\"page_truth_layout\":$pt,\"page_tesseract\":$ps}" >>"$tmp/rows"
done
echo "]" >>"$tmp/rows"
cp "$tmp/rows" "$report"
python3 - "$report" "$CEILING_FULL" "$CEILING_TRUTH" "$FULL_STRICT" <<'PY' || exit 1
import json, sys
rows = json.load(open(sys.argv[1]))
ceil = {'full': float(sys.argv[2]), 'truth_layout': float(sys.argv[3])}
ok = True
strict = {'full': sys.argv[4] == '1', 'truth_layout': True}
for mode in ('full', 'truth_layout'):
    t = sum(r[mode]['truth'] for r in rows)
    o = sum(r[mode]['ours'] for r in rows)
    f = sum(r[mode]['found'] for r in rows)
    h = sum(r[mode]['headlines_right'] for r in rows)
    cers = [c for r in rows for c in r[mode]['cers']]
    mean = sum(cers) / len(cers)
    rec, prec, hs = f / t, (f / o if o else 0), h / t
    print(f"{mode}: {len(rows)} pages, {t} truth articles, {o} found by us: "
          f"recall {rec:.3f}, precision {prec:.3f}, headlines {hs:.3f}, "
          f"mean article CER {mean:.4f} (ceiling {ceil[mode]})"
          + ("" if strict[mode] else " [reported, not asserted]"))
    if not strict[mode]:
        continue
    for r in rows:
        for what in ('recall', 'precision'):
            if r[mode][what] < .95:
                print(f"FAIL: {r['page']} {mode} {what} {r[mode][what]:.3f} < 0.95")
                ok = False
    for what, v, lim in (('recall', rec, .95), ('precision', prec, .95),
                         ('headlines', hs, .90)):
        if v < lim:
            print(f"FAIL: {mode} {what} {v:.3f} < {lim}")
            ok = False
    if mean > ceil[mode]:
        print(f"FAIL: {mode} mean article CER {mean:.4f} > {ceil[mode]}")
        ok = False
key = lambda m: sum(r[m]['page_cer'] for r in rows) / len(rows)
full, tl, tess = key('page_full'), key('page_truth_layout'), key('page_tesseract')
print(f"page CER in reading order (mean over pages): broadsheet {full:.4f}, "
      f"broadsheet on truth layout {tl:.4f}, tesseract alone {tess:.4f}")
if full > tess + 0.01:
    print(f"FAIL: broadsheet page CER {full:.4f} worse than tesseract alone {tess:.4f}")
    ok = False
sys.exit(0 if ok else 1)
PY
