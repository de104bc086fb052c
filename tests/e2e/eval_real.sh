#!/usr/bin/env bash
# eval_real.sh - `broadsheet eval` against the real pages' ground truth in
# $SHARED/real: the NZZ 1812 page (PAGE XML: article tags on baselines in
# one file, text in its sibling, matched by line position) and the UNLV
# magazine page (plain page text).  Checks what the truth readers must get
# exactly (5 articles, 5 headlines, 3379 truth characters in them and 3757
# in the whole page on NZZ) and that every figure is in range; prints the
# figures.
. "$(dirname "$0")/lib.sh"
R="$SHARED/real"
[ -f "$R/nzz_18120804.articles.page.xml" ] && [ -f "$R/nzz_18120804.page.xml" ] \
    && [ -f "$R/8087_054.3B.txt" ] || skip "no real pages in $R"
lang=deu
tesseract --list-langs 2>/dev/null | grep -qx frk && lang=frk
tesseract --list-langs 2>/dev/null | grep -qx $lang || skip "no deu or frk tessdata"
d=$(mktemp -d "${TMPDIR:-/tmp}/bs-eval-real.XXXXXX") || fail "mktemp"
trap 'rm -rf "$d"' EXIT

# the NZZ scan is about 300 dpi; its TIFF tag says 236 (../shared/real/README.md)
"$BROADSHEET" run -q -j 1 --lang $lang --dpi 300 "$R/nzz_18120804.tif" -o "$d/nzz" || fail "run nzz"
"$BROADSHEET" run -q -j 1 --lang eng "$R/8087_054.3B.tif" -o "$d/unlv" || fail "run unlv"
"$BROADSHEET" eval --fold "$d/nzz" "$R" --json "$d/nzz.json" --html "$d/nzz.html" \
    || fail "eval nzz exited $?"
"$BROADSHEET" eval "$d/unlv" "$R/8087_054.3B.txt" --json "$d/unlv.json" \
    || fail "eval unlv exited $?"
python3 - "$d/nzz.json" "$d/unlv.json" "$lang" <<'PY' || fail "real-page eval out of range"
import json, sys
nzz = json.load(open(sys.argv[1]))["summary"]
unlv = json.load(open(sys.argv[2]))["summary"]
bad = []
# 3379 characters in the 5 articles, 3757 in the whole page (masthead and
# contents line too), which the page scores compare with fulltext.txt
art_chars = sum(a["chars"] for a in json.load(open(sys.argv[1]))["pages"][0]["articles"]
                if a["truth"] is not None)
if (nzz["articles_truth"], nzz["headlines_scored"], art_chars, nzz["chars_truth"]) != \
        (5, 5, 3379, 3757):
    bad.append(f"NZZ truth read wrong: {nzz['articles_truth']} articles, "
               f"{nzz['headlines_scored']} headlines, {art_chars} characters in "
               f"articles, {nzz['chars_truth']} in the page")
for name, s in (("NZZ", nzz), ("UNLV", unlv)):
    for k in ("page_cer", "fca"):
        if s[k] is None or not (-1 <= s[k] <= 2):
            bad.append(f"{name} {k} out of range: {s[k]}")
if unlv["articles_truth"] != 0 or unlv["recall"] is not None:
    bad.append("UNLV truth is page text only: article metrics must be null")
print(f"NZZ ({sys.argv[3]}, --fold): page CER {nzz['page_cer']}, FCA {nzz['fca']}, "
      f"article CER {nzz['article_cer']}, recall {nzz['recall']}, "
      f"precision {nzz['precision']}, headlines {nzz['headline_accuracy']}")
print(f"UNLV 8087_054.3B (eng): page CER {unlv['page_cer']}, FCA {unlv['fca']}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
