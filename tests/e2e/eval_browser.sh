#!/usr/bin/env bash
# eval_browser.sh - headless Chromium opens the eval HTML report: no console
# errors, and the summary numbers in the page (id="sum-KEY" data-value) equal
# the --json report.  A screenshot is kept as $ARTIFACTS/eval_report.png.
# Skipped (77) when chromium is not installed or cannot start.
. "$(dirname "$0")/lib.sh"
command -v chromium > /dev/null || skip "chromium not installed (make deps)"
d=$(mktemp -d "${TMPDIR:-/tmp}/bs-eval-browser.XXXXXX") || fail "mktemp"
trap 'rm -rf "$d"' EXIT
python3 "$ROOT/tests/e2e/eval_data.py" "$d" || fail "could not write the test data"
"$BROADSHEET" eval -q "$d/out" "$d/gt" --json "$d/r.json" --html "$d/r.html" \
    --min-recall 0.5 || fail "eval exited $?"

chrome() {
    # a fresh profile per start; no network, no updates, no GPU
    local prof
    prof=$(mktemp -d "$d/profile.XXXXXX")
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$prof" --enable-logging=stderr --v=0 "$@"
}

chrome --dump-dom "file://$d/r.html" > "$d/dom.html" 2> "$d/dom.err"
rc=$?
if [ $rc -ne 0 ] || ! grep -q "sum-article_cer" "$d/dom.html"; then
    tail -n 5 "$d/dom.err"
    skip "chromium could not start or render (exit $rc)"
fi
# console messages the page would log (script errors, failed loads)
if grep -E "Uncaught|CONSOLE|Failed to load resource|Refused to" "$d/dom.err"; then
    fail "the report logs errors in the browser console"
fi

python3 - "$d/dom.html" "$d/r.json" <<'PY' || fail "page numbers differ from the JSON"
import html.parser, json, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.vals = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id", "").startswith("sum-"):
            self.vals[a["id"][4:]] = a.get("data-value")
        if a.get("id") == "passed":
            self.vals["passed"] = a.get("data-value")
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
r = json.load(open(sys.argv[2]))
s = r["summary"]
bad = []
keys = ["article_cer", "page_cer", "fca", "article_wer", "precision", "recall",
        "f1", "headline_accuracy", "pages", "articles_truth", "articles_output",
        "articles_found"]
for k in keys:
    if k not in p.vals:
        bad.append(f"{k}: not in the page"); continue
    got = json.loads(p.vals[k])
    if got != s[k]:
        bad.append(f"{k}: page {got}, JSON {s[k]}")
if json.loads(p.vals.get("passed", "null")) != r["passed"]:
    bad.append(f"passed: page {p.vals.get('passed')}, JSON {r['passed']}")
print("\n".join(bad) if bad else f"{len(keys)} summary numbers equal the JSON")
sys.exit(1 if bad else 0)
PY

chrome --screenshot="$ARTIFACTS/eval_report.png" --window-size=1400,2000 \
    "file://$d/r.html" > /dev/null 2> "$d/shot.err"
[ -s "$ARTIFACTS/eval_report.png" ] || fail "no screenshot: $(tail -n 3 "$d/shot.err")"
echo "screenshot: $ARTIFACTS/eval_report.png"
