#!/usr/bin/env bash
# eval_gate.sh - an honest QA gate (issue 17.2, 17.3): truth for a page
# whose run failed counts as every article missed, so `eval --min-recall`
# fails; truth ids of any sensible length ("P1_TB00001 Leitartikel") are
# read from articles.json and PAGE XML; a folder of per-article .txt files
# with any names is truth.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
tmpdir t
cd "$t" || fail "cd"
# OUT: a fixture page done (p1), and p2 a scan that failed in the same OUT.
src=$(fixture_run en-2col) || fail "fixture run"
mkdir -p in out && cp -R "$src" out/p1
printf 'not an image' > in/p2.png
"$BROADSHEET" run -q --lang eng in/p2.png -o out 2>/dev/null
[ $? = 1 ] || fail "run: want exit 1 (p2 fails)"
[ -f out/p1/articles.json ] || fail "p1 not there"

# Truth: p1 as output (ids made long), p2 with two articles.
mkdir gt
python3 - <<'PY' || fail "truth"
import json
a = json.load(open("out/p1/articles.json"))
for i, art in enumerate(a["articles"]):
    art["id"] = f"P1_TB{i + 1:05d} Leitartikel über die Lage"
a["reading_order"] = [art["id"] for art in a["articles"]]
json.dump(a, open("gt/p1.json", "w"), ensure_ascii=False)
json.dump({"format": "broadsheet-articles", "version": 1, "page": {"id": "p2"},
           "articles": [{"id": "P2_TB00001 Der Krieg", "headline": "War", "body": "Troops moved."},
                        {"id": "P2_TB00002", "headline": "Peace", "body": "Talks began."}]},
          open("gt/p2.json", "w"))
PY

# 17.2: p2 failed; its truth counts, recall cannot reach 0.9.
"$BROADSHEET" eval out gt --min-recall 0.9 --json ev.json > table 2> err
rc=$?
[ $rc = 1 ] || fail "gate passed with a failed page: exit $rc: $(cat err)"
python3 - <<'PY' || fail "eval json"
import json
r = json.load(open("ev.json"))
assert r["passed"] is False, r["passed"]
pages = {p["id"]: p for p in r["pages"]}
assert set(pages) == {"p1", "p2"}, list(pages)
assert pages["p2"]["missing_output"] is True
assert pages["p2"]["articles_truth"] == 2 and pages["p2"]["articles_found"] == 0
assert r["summary"]["articles_truth"] == pages["p1"]["articles_truth"] + 2
PY
grep -q 'p2.*failed' err || fail "the failed page is not named: $(cat err)"
# A truth of a page OUT never heard of is listed and not scored.
cp gt/p2.json gt/p9.json
"$BROADSHEET" eval -q out gt --json ev9.json 2> err
grep -q 'not scored: p9' err || fail "unknown page's truth: $(cat err)"

# 17.3: long ids are read, and pair with the output articles.
"$BROADSHEET" eval -q out/p1 gt/p1.json --json ev1.json --min-recall 1 2>err ||
    fail "long truth ids: $(cat err)"
python3 -c '
import json; r = json.load(open("ev1.json"))
ids = [a["truth"] for a in r["pages"][0]["articles"] if a["truth"]]
assert ids and all(i.startswith("P1_TB") and "Leitartikel" in i for i in ids), ids
' || fail "long ids not kept"
# A folder of per-article .txt files with any names.
mkdir arts
python3 - <<'PY' || fail "txt truth"
import json
a = json.load(open("out/p1/articles.json"))
for i, art in enumerate(a["articles"]):
    head = art.get("headline", "")
    body = "\n\n".join(art["body"].split("\n"))
    open(f"arts/Artikel {i + 1} - P1_TB{i:05d}.txt", "w").write((head + "\n\n" if head else "") + body + "\n")
PY
"$BROADSHEET" eval -q out/p1 arts --json evt.json --min-recall 1 2>err ||
    fail "folder of .txt with any names: $(cat err)"
python3 -c '
import json, os; r = json.load(open("evt.json"))
assert r["summary"]["articles_truth"] == len(os.listdir("arts")), r["summary"]
' || fail "txt folder articles"
# PAGE XML article tags with long ids (a value runs to the ';').
cat > tags.page.xml <<'XML'
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page imageFilename="x.png" imageWidth="1000" imageHeight="800">
<TextRegion id="r1" type="heading" custom="structure {id:P1_TB00001 Leitartikel; type:article;}"><Coords points="10,10 900,10 900,80 10,80"/><TextEquiv><Unicode>Big News</Unicode></TextEquiv></TextRegion>
<TextRegion id="r2" type="paragraph" custom="structure {id:P1_TB00001 Leitartikel; type:article;}"><Coords points="10,100 400,100 400,300 10,300"/><TextEquiv><Unicode>Body of the first.</Unicode></TextEquiv></TextRegion>
<TextRegion id="r3" type="paragraph" custom="structure {id:P1_TB00001 Leitartikel Teil 2; type:article;}"><Coords points="500,100 900,100 900,300 500,300"/><TextEquiv><Unicode>Body of the second.</Unicode></TextEquiv></TextRegion>
</Page></PcGts>
XML
"$BROADSHEET" eval -q out/p1 tags.page.xml --json evx.json 2>err || [ $? = 1 ] ||
    fail "PAGE long ids: $(cat err)"
python3 -c '
import json; r = json.load(open("evx.json"))
assert r["summary"]["articles_truth"] == 2, r["summary"]["articles_truth"]
ids = sorted(a["truth"] for a in r["pages"][0]["articles"] if a["truth"])
assert ids == ["P1_TB00001 Leitartikel", "P1_TB00001 Leitartikel Teil 2"], ids
' || fail "PAGE long ids merged or cut"
echo "eval gate: failed pages count, long ids and any-name truth files read"
