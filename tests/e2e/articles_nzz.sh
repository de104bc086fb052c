#!/usr/bin/env bash
# articles_nzz.sh - articles on a real page: the NZZ front page of 4 August
# 1812 (Fraktur, read with frk), from ../shared/real.
#
# Two readings: the whole pipeline, and ocr/order/articles on a layout made
# from the ground truth's regions (nzz_eval.py truth-model: no roles or
# text, only boxes and the masthead/folio/body split at the rules), which
# measures these stages apart from layout.
# Measures the share of ground-truth lines (article separation ground truth:
# baselines tagged with article ids) that fall in a block of the right
# article (ours matched to theirs one to one by most shared lines), and the
# page CER of fulltext.txt (the whole page in reading order: masthead and
# contents line too, as the ground truth and tesseract have them) against the
# ground-truth text in reading order, next to plain `tesseract page -` on
# the same image.  Asserts the share stays
# above a floor measured on this page and that broadsheet's page CER is no
# worse than tesseract's.  Figures: $ARTIFACTS/articles_nzz.json.
. "$(dirname "$0")/lib.sh"

REAL="$SHARED/real"
TIF="$REAL/nzz_18120804.tif"
FLOOR=${NZZ_LINES_FLOOR:-0.90}        # whole pipeline (measured 1.000)
FLOOR_TRUTH=${NZZ_LINES_FLOOR_TRUTH:-0.95}  # on the regions' layout
[ -f "$TIF" ] || skip "no $TIF"
[ -f "$REAL/nzz_18120804.articles.page.xml" ] || skip "no article ground truth"
tesseract --list-langs 2>/dev/null | grep -qx frk || skip "tesseract frk not installed"
out="$ARTIFACTS/nzz-run"
dir="$out/nzz_18120804"
if [ ! -f "$dir/articles.json" ] || [ "$BROADSHEET" -nt "$dir/articles.json" ]; then
    "$BROADSHEET" run -q -j 1 --lang frk --dpi 300 --force "$TIF" -o "$out" >&2 ||
        fail "broadsheet run on $TIF failed"
fi
tess="$ARTIFACTS/nzz-tesseract"
if [ ! -f "$tess.txt" ]; then
    tesseract "$TIF" "$tess" -l frk --dpi 300 >/dev/null 2>&1 || fail "tesseract failed"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bs-articles.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$BROADSHEET" run -q -j 1 --to binarize --lang frk --dpi 300 "$TIF" -o "$tmp/tl" >&2 ||
    fail "binarize failed"
python3 "$ROOT/tests/e2e/nzz_eval.py" truth-model "$REAL/nzz_18120804.page.xml" \
    "$tmp/tl/nzz_18120804/model.binarize.json" "$tmp/tl/nzz_18120804/model.layout.json" ||
    fail "truth model"
"$BROADSHEET" run -q -j 1 --from ocr --lang frk "$tmp/tl/nzz_18120804" >&2 ||
    fail "run from ocr on the regions' layout failed"
python3 "$ROOT/tests/e2e/nzz_eval.py" text "$REAL/nzz_18120804.page.xml" >"$tmp/gt.txt"
python3 - "$ROOT/tests/e2e" "$dir/articles.json" "$REAL/nzz_18120804.articles.page.xml" \
    "$dir/fulltext.txt" "$tess.txt" "$tmp/gt.txt" "$FLOOR" \
    "$ARTIFACTS/articles_nzz.json" "$tmp/tl/nzz_18120804" "$FLOOR_TRUTH" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
import nzz_eval, article_eval
share = nzz_eval.lines_share(sys.argv[2], sys.argv[3])
gt = open(sys.argv[6], encoding='utf-8').read()
ours = article_eval.cer(open(sys.argv[4], encoding='utf-8').read(), gt)
tess = article_eval.cer(open(sys.argv[5], encoding='utf-8').read(), gt)
floor = float(sys.argv[7])
tl = sys.argv[9]
share_tl = nzz_eval.lines_share(tl + '/articles.json', sys.argv[3])
ours_tl = article_eval.cer(open(tl + '/fulltext.txt', encoding='utf-8').read(), gt)
floor_tl = float(sys.argv[10])
res = dict(share, page_cer_broadsheet=ours, page_cer_tesseract=tess,
           truth_layout=share_tl, page_cer_truth_layout=ours_tl)
json.dump(res, open(sys.argv[8], 'w'), indent=1)
print(f"NZZ 1812: {share['right']}/{share['lines']} ground-truth lines in the "
      f"right article ({share['share']:.3f}, floor {floor}); "
      f"{share['our_articles']} articles found, {share['gt_articles']} in truth")
print(f"NZZ 1812 page CER in reading order: broadsheet {ours:.4f}, "
      f"tesseract alone {tess:.4f}")
print(f"NZZ 1812 on the regions' layout: {share_tl['right']}/{share_tl['lines']} "
      f"lines in the right article ({share_tl['share']:.3f}, floor {floor_tl}); "
      f"{share_tl['our_articles']} articles; page CER {ours_tl:.4f}")
ok = share['share'] >= floor
if not ok:
    print("FAIL: line share under the floor")
if share_tl['share'] < floor_tl:
    print("FAIL: line share on the regions' layout under the floor")
    ok = False
if ours > tess + 0.02:
    print("FAIL: broadsheet page CER worse than tesseract alone")
    ok = False
sys.exit(0 if ok else 1)
PY
