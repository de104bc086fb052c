#!/usr/bin/env bash
# small_things.sh - the smaller defects of issue 17.10: repair of two files
# with one name, repair's page.txt and lines.txt, `repair -`, FCA never
# negative, page CER against whole-page truth counts the masthead read,
# `ONLY=nomatch` fails, and the progress bar neither lies about its rate
# after an instant failure nor wraps in a narrow terminal.  (`run --from
# export DIR` writing into DIR's parent: tests/e2e/page_ids.sh.)
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
tmpdir t
cd "$t" || fail "cd"

# repair: two inputs of one name are a usage error naming both.
mkdir A B
printf 'The desk of the inter-\nnational news agency.\n' > A/t.txt
printf 'Another page.\n' > B/t.txt
"$BROADSHEET" repair -q A/t.txt B/t.txt -o R 2> err
[ $? = 2 ] && grep -q 'A/t.txt and B/t.txt' err || fail "repair clash: $(cat err)"
[ ! -e R ] || fail "repair clash wrote R"
# import likewise: two files of one page id are refused, not suffixed.
dir0=$(fixture_run en-2col) || fail "fixture run"
mkdir -p I1 I2 && cp "$dir0/page.alto.xml" I1/x.alto.xml && cp "$dir0/page.alto.xml" I2/x.alto.xml
"$BROADSHEET" import -q I1/x.alto.xml I2/x.alto.xml -o IMP 2> err
[ $? = 2 ] && grep -q 'I1/x.alto.xml and I2/x.alto.xml' err || fail "import clash: $(cat err)"
[ ! -e IMP ] || fail "import clash wrote IMP"
# page.txt joins the lines of a paragraph (as run's page.txt), lines.txt
# keeps them.
"$BROADSHEET" repair -q A/t.txt -o R || fail "repair"
[ "$(cat R/t/page.txt)" = "The desk of the international news agency." ] ||
    fail "repair page.txt: $(cat R/t/page.txt)"
[ "$(head -n 1 R/t/lines.txt)" = "The desk of the inter-" ] || fail "lines.txt: $(cat R/t/lines.txt)"
# `repair -`: standard input.
printf 'From stdin with a line-\nbreak.\n' | "$BROADSHEET" repair -q - -o S || fail "repair -"
grep -q 'From stdin with a linebreak.\|From stdin with a line-break.' S/stdin/page.txt ||
    fail "repair - page.txt: $(cat S/stdin/page.txt)"

# FCA is an accuracy: never below 0, even when the output is much longer
# than the truth.
dir=$(fixture_run en-p1) || fail "fixture run en-p1"
printf 'x\n' > tiny.txt
"$BROADSHEET" eval -q "$dir" tiny.txt --json fca.json 2>/dev/null
python3 -c '
import json; s = json.load(open("fca.json"))["summary"]
assert s["fca"] is not None and 0 <= s["fca"] <= 1, s["fca"]
' || fail "FCA out of 0..1: $(python3 -c 'import json; print(json.load(open("fca.json"))["summary"]["fca"])')"
# Page CER against whole-page truth (plain text): the masthead and folios
# read count as read.  Truth = the page's own full text: no error at all.
grep -qi meridian "$dir/fulltext.txt" || fail "en-p1: no masthead in fulltext.txt"
cp "$dir/fulltext.txt" whole.txt
"$BROADSHEET" eval -q "$dir" whole.txt --json whole.json 2>/dev/null || fail "eval whole"
python3 -c '
import json; s = json.load(open("whole.json"))["summary"]
assert s["page_cer"] == 0, s["page_cer"]
' || fail "masthead counted missing: page CER $(python3 -c 'import json; print(json.load(open("whole.json"))["summary"]["page_cer"])')"

# ONLY that matches no test fails.
ONLY=no-test-is-named-so BUILD=${BUILD:-build} bash "$ROOT/tests/run.sh" > only.log 2>&1
[ $? != 0 ] || fail "ONLY=nomatch passed: $(tail -2 only.log)"
grep -q 'no test matches' only.log || fail "ONLY=nomatch: $(tail -2 only.log)"

# The progress bar on a 40-column terminal, a failed input first.
mkdir in && printf 'not an image' > in/a-bad.png
for i in 1 2 3; do python3 "$ROOT/tests/e2e/mkpage.py" "in/p$i.png" "s$i" || fail mkpage; done
python3 - "$BROADSHEET" <<'PY' || fail "progress bar"
import os, pty, re, struct, sys, fcntl, termios, subprocess
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
    os.execv(sys.argv[1], [sys.argv[1], "run", "-j", "1", "--to", "binarize", "in", "-o", "out"])
out = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
os.waitpid(pid, 0)
text = out.decode("utf-8", "replace").replace("\x1b[K", "")
bars = [seg for line in text.split("\n") for seg in line.split("\r") if seg.startswith("[")]
assert bars, text
for seg in bars:
    assert len(seg.rstrip("\r\n")) <= 39, ("bar wraps at 40 columns", seg)
    m = re.search(r"([\d.]+) pages/min", seg)
    assert not m or float(m.group(1)) < 1000, ("rate after an instant failure", seg)
print(len(bars), "bar draws, widest", max(len(s) for s in bars))
PY
echo "small things ok"
