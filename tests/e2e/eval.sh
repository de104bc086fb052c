#!/usr/bin/env bash
# eval.sh - `broadsheet eval` on a hand-made output folder and ground truth
# (tests/e2e/eval_data.py): the JSON numbers against values worked out by
# hand, thresholds and exit codes, the whole page's text (fulltext.txt, the
# truth's furniture) and another engine's plain text, bad input.
. "$(dirname "$0")/lib.sh"
d=$(mktemp -d "${TMPDIR:-/tmp}/bs-eval.XXXXXX") || fail "mktemp"
trap 'rm -rf "$d"' EXIT
python3 "$ROOT/tests/e2e/eval_data.py" "$d" || fail "could not write the test data"

"$BROADSHEET" eval "$d/out" "$d/gt" --json "$d/r.json" > "$d/table.txt" \
    || fail "eval exited $?"
cat "$d/table.txt"
grep -q "^p1 " "$d/table.txt" || fail "table has no row for p1"
grep -q "^TOTAL " "$d/table.txt" || fail "table has no total row"

python3 - "$d/r.json" <<'PY' || fail "JSON numbers differ from the hand-computed ones"
import json, sys
r = json.load(open(sys.argv[1]))
bad = []
def near(what, got, want, tol=1e-6):
    if got is None or abs(got - want) > tol:
        bad.append(f"{what}: got {got}, want {want}")
pages = {p["id"]: p for p in r["pages"]}
assert r["format"] == "broadsheet-eval", r["format"]
assert set(pages) == {"p1", "p2", "p3"}, set(pages)
p1, p2, p3, s = pages["p1"], pages["p2"], pages["p3"], r["summary"]
# p1: truth texts "Harbor Tram Line Wins The council voted seven to two."
# (53 chars) and "Rain Expected Heavy rain is expected on Friday." (47);
# one wrong character; the invented "Advertisement" only costs precision.
near("p1 article_cer", p1["article_cer"], 1 / 100)
near("p1 precision", p1["precision"], 2 / 3)
near("p1 recall", p1["recall"], 1.0)
near("p1 f1", p1["f1"], 0.8)
near("p1 headline_accuracy", p1["headline_accuracy"], 1.0)
# FCA: lines are found in any order; errors = 1 + 13 invented characters
# over 21 + 31 + 13 + 33 = 98 truth characters.
near("p1 fca", p1["fca"], 1 - 14 / 98)
# page CER reads the articles in their order: swapped articles cost a lot
if not p1["page_cer"] > 0.5:
    bad.append(f"p1 page_cer {p1['page_cer']} should show the swapped order")
pairs = {a["truth"]: a for a in p1["articles"]}
if pairs["a001"]["output"] != "a002" or pairs["a002"]["output"] != "a001":
    bad.append(f"p1 pairing wrong: {p1['articles']}")
near("p1 a002 cer", pairs["a002"]["cer"], 1 / 47)
invented = [a for a in p1["articles"] if a["truth"] is None]
if len(invented) != 1 or invented[0]["output"] != "a003":
    bad.append("p1: a003 should be listed as invented")
if p1["repairs"] != {"doubled": 2, "spacing": 1}:
    bad.append(f"p1 repairs {p1['repairs']}")
# p2: "北京欢迎你" over "今天天气很好。": 12 characters (the line break
# between two Chinese characters is none), 12 words (CJK: one per
# character), one wrong character, in the headline.
near("p2 article_cer", p2["article_cer"], 1 / 12)
near("p2 article_wer", p2["article_wer"], 1 / 12)
near("p2 headline_accuracy", p2["headline_accuracy"], 0.0)
near("p2 recall", p2["recall"], 1.0)
# p3: page failed, its article "Missing Page Nothing here." (26) missed
if not p3["missing_output"]:
    bad.append("p3 should be missing_output")
near("p3 recall", p3["recall"], 0.0)
near("p3 article_cer", p3["article_cer"], 1.0)
# run totals: micro averages
near("article_cer", s["article_cer"], (1 + 1 + 26) / (100 + 12 + 26))
near("precision", s["precision"], 3 / 4)
near("recall", s["recall"], 3 / 4)
near("f1", s["f1"], 3 / 4)
near("headline_accuracy", s["headline_accuracy"], 2 / 4)
for k, v in (("pages", 3), ("pages_missing", 1), ("articles_truth", 4),
             ("articles_output", 4), ("articles_found", 3)):
    if s[k] != v:
        bad.append(f"{k}: got {s[k]}, want {v}")
if s["repairs"] != {"doubled": 2, "spacing": 1}:
    bad.append(f"summary repairs {s['repairs']}")
print("\n".join(bad) if bad else "JSON numbers as computed by hand")
sys.exit(1 if bad else 0)
PY

# thresholds: met -> 0, missed -> 1 with a message naming the metric
"$BROADSHEET" eval -q "$d/out" "$d/gt" --max-cer 0.25 --min-precision 0.75 \
    --min-headline-accuracy 0.5 || fail "thresholds that are met gave exit $?"
"$BROADSHEET" eval -q "$d/out" "$d/gt" --min-recall 0.9 2> "$d/err"
rc=$?; [ $rc -eq 1 ] || fail "--min-recall 0.9 (recall 0.75) gave exit $rc"
grep -q "recall 0.7500 < 0.9" "$d/err" || fail "no threshold message: $(cat "$d/err")"
"$BROADSHEET" eval -q "$d/out" "$d/gt" --max-cer 0.1 2>/dev/null
[ $? -eq 1 ] || fail "--max-cer 0.1 (article CER 0.20) did not fail"

# one page against one truth file
"$BROADSHEET" eval -q "$d/out/p1" "$d/gt/p1.json" --json "$d/one.json" || fail "single page"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; sys.exit(0 if s["pages"]==1 and abs(s["article_cer"]-0.01)<1e-9 else 1)' \
    "$d/one.json" || fail "single-page eval numbers"

# a truth with two articles of one id is refused, not scored as one
mkdir "$d/dup"
python3 - "$d/gt/p1.json" "$d/dup/p1.json" <<'PY' || fail "could not write the duplicate truth"
import json, sys
t = json.load(open(sys.argv[1]))
t["articles"][1]["id"] = t["articles"][0]["id"]
t.pop("reading_order", None)
json.dump(t, open(sys.argv[2], "w"))
PY
"$BROADSHEET" eval "$d/out/p1" "$d/dup/p1.json" > /dev/null 2> "$d/err"; rc=$?
[ $rc -eq 1 ] && grep -q 'duplicate article id "a001"' "$d/err" ||
    fail "duplicate truth ids: exit $rc: $(cat "$d/err")"

# Whole page text: the truth's furniture (two head blocks on one row, left
# to right, and a foot) round its article is "No. 1 THE DAILY Harbor Tram
# Line Wins The council voted. PAGE 1" (63 characters, 13 words).  Truth in
# the articles.json schema is scored in article order against the output's
# articles.json in the same form: an output that kept the furniture blocks
# scores 0, one that lost them 23 characters short, whatever its
# fulltext.txt says.  A transcription (the same text as plain text) is
# scored against fulltext.txt, the page in its physical reading order.
# Another engine's plain text is scored like a page folder but has no
# article metrics.
mkdir -p "$d/w/out/w" "$d/w/kept/w" "$d/w/tr"
python3 - "$d/w" <<'PY' || fail "could not write the whole-page data"
import json, os, sys
w = sys.argv[1]
blk = lambda i, role, box, text, art=None: dict(
    {"id": i, "role": role, "bbox": box, "text": text}, **({"article": art} if art else {}))
art = {"id": "a001", "headline": "Harbor Tram Line Wins", "body": "The council voted.",
       "bbox": [10, 100, 400, 200], "blocks": ["b3", "b4"]}
truth = {"format": "broadsheet-articles", "version": 1,
         "page": {"id": "w", "width": 600, "height": 1000},
         "articles": [art], "reading_order": ["a001"],
         "blocks": [blk("b1", "masthead", [200, 10, 300, 40], "THE DAILY"),
                    blk("b2", "folio", [10, 15, 80, 20], "No. 1"),
                    blk("b3", "headline", [10, 100, 400, 40], "Harbor Tram Line Wins", "a001"),
                    blk("b4", "body", [10, 150, 400, 100], "The council voted.", "a001"),
                    blk("b5", "folio", [10, 900, 80, 20], "PAGE 1")]}
json.dump(truth, open(os.path.join(w, "w.json"), "w"))
json.dump(truth, open(os.path.join(w, "kept", "w", "articles.json"), "w"))
out = dict(truth, blocks=truth["blocks"][2:4])
json.dump(out, open(os.path.join(w, "out", "w", "articles.json"), "w"))
open(os.path.join(w, "tr", "w.txt"), "w").write(
    "No. 1 THE DAILY\nHarbor Tram Line Wins\nThe council voted.\nPAGE 1\n")
open(os.path.join(w, "tess.txt"), "w").write(
    "No. 1 THE DAILY\nHarbor Tram Line Wins\nThe council voted\nPAGE 1\n")
PY
printf 'No. 1\nTHE DAILY\nHarbor Tram Line Wins\n\nThe council voted.\nPAGE 1\n' \
    > "$d/w/out/w/fulltext.txt"
"$BROADSHEET" eval -q "$d/w/out/w" "$d/w/w.json" --json "$d/w/lost.json" ||
    fail "eval of a page folder that lost the furniture"
"$BROADSHEET" eval -q "$d/w/kept/w" "$d/w/w.json" --json "$d/w/kept.json" ||
    fail "eval of a page folder that kept the furniture"
"$BROADSHEET" eval -q "$d/w/out/w" "$d/w/tr/w.txt" --json "$d/w/full.json" ||
    fail "eval of a page folder against a transcription"
"$BROADSHEET" eval "$d/w/tess.txt" "$d/w/w.json" --json "$d/w/tess.json" > "$d/w/table" ||
    fail "eval of a plain text file exited $?"
grep -q "^w " "$d/w/table" || fail "plain text: no row named after the truth's page"
"$BROADSHEET" eval -q "$d/w/tess.txt" "$d/w/w.json" --max-page-bow 0.05 2>/dev/null
[ $? -eq 1 ] || fail "--max-page-bow 0.05 (bag-of-words error 1/13) did not fail"
python3 - "$d/w" <<'PY' || fail "whole-page numbers differ from the hand-computed ones"
import json, sys
w = sys.argv[1]
page = lambda name: json.load(open("%s/%s.json" % (w, name)))["pages"][0]
lost, kept, full, tess = page("lost"), page("kept"), page("full"), page("tess")
bad = []
def want(what, got, value):
    if got is None or abs(got - value) > 1e-6:
        bad.append("%s: got %s, want %s" % (what, got, value))
want("truth characters", kept["chars_truth"], 63)
want("truth words", kept["words_truth"], 13)
want("furniture lost: page CER", lost["page_cer"], 23 / 63)
want("furniture kept: page CER", kept["page_cer"], 0)
want("furniture kept: bag of words", kept["page_bow"], 0)
want("furniture kept: recall", kept["recall"], 1)
want("transcription: fulltext.txt page CER", full["page_cer"], 0)
want("transcription: bag of words", full["page_bow"], 0)
want("plain text: page CER", tess["page_cer"], 1 / 63)
want("plain text: bag of words", tess["page_bow"], 1 / 13)
if tess["has_articles"] or tess["recall"] is not None or tess["article_cer"] is not None:
    bad.append("plain text has no articles: article metrics must be null")
print("\n".join(bad) if bad else "whole-page numbers as computed by hand")
sys.exit(1 if bad else 0)
PY

# usage errors exit 2, bad input exits 1 with one line naming the file
"$BROADSHEET" eval "$d/out" 2>/dev/null; [ $? -eq 2 ] || fail "missing GT is not a usage error"
"$BROADSHEET" eval --max-cer abc "$d/out" "$d/gt" 2>/dev/null; [ $? -eq 2 ] || fail "bad number is not a usage error"
printf '{"format": "broadsheet-articles", "articles": [' > "$d/gt/p1.json"
"$BROADSHEET" eval "$d/out" "$d/gt" > /dev/null 2> "$d/err"; rc=$?
[ $rc -eq 1 ] || fail "corrupt truth gave exit $rc"
[ "$(wc -l < "$d/err")" -eq 1 ] || fail "corrupt truth: want one line, got: $(cat "$d/err")"
grep -q "p1.json" "$d/err" || fail "error does not name the file: $(cat "$d/err")"
"$BROADSHEET" eval "$d/out" "$d/nothing" 2> "$d/err"; [ $? -eq 1 ] || fail "missing GT path"
echo "eval: numbers, thresholds and errors as expected"
