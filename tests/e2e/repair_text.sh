#!/usr/bin/env bash
# repair_text.sh - `broadsheet repair` on plain text: the seed page (doubled
# headlines, chunk-doubled caption head, letter-spaced lines, two column
# labels on one line) is repaired and no doubled chunk the input had is
# left; the corpus of legitimate repeats comes out untouched; switches and
# bad input behave.
. "$(dirname "$0")/lib.sh"

SEED="$SHARED/seeds/000_4208f2485c4c20d4.txt"
[ -f "$SEED" ] || skip "$SEED missing"
T=$(mktemp -d "${TMPDIR:-/tmp}/bs-repair.XXXXXX")
trap 'rm -rf "$T"' EXIT

"$BROADSHEET" repair -q "$SEED" -o "$T/out" || fail "repair exited $?"
D="$T/out/000_4208f2485c4c20d4"
for f in lines.txt page.txt repairs.json; do
    [ -s "$D/$f" ] || fail "$f missing"
done

python3 - "$SEED" "$D" <<'PY' || exit 1
import json, sys
seed, d = sys.argv[1], sys.argv[2]
src = open(seed, encoding="utf-8").read()
out = open(d + "/lines.txt", encoding="utf-8").read()
paras = open(d + "/page.txt", encoding="utf-8").read()
log = json.load(open(d + "/repairs.json", encoding="utf-8"))
bad = 0
def need(cond, what):
    global bad
    if not cond:
        print("FAIL:", what); bad += 1

for s in ["让民生福祉持续增进", "——为推进中国式现代化作出内蒙古贡献⑦",
          "一机集团携12台“大国重器”亮相第14届中国航展", "把工作速度提上来",
          "今天再晚也是早，明天再早也是"]:
    need(s in out.splitlines(), "no output line is " + s)
need("【学报告】\n【大家谈】\n" in out, "column labels not split")
need("增进民生福祉，提高人民生活品质。必须坚持" in paras, "CJK lines not joined")

# The doubled-chunk checker: every X+X (X of two or more non-space
# characters, copies touching) that an input line held must be gone from
# every output line.
def doubled_chunks(line):
    s, found = line, set()
    for k in range(2, len(s) // 2 + 1):
        for i in range(len(s) - 2 * k + 1):
            x = s[i:i + k]
            if x.strip() == x and " " not in x and s[i + k:i + 2 * k] == x:
                found.add(x + x)
    return found
def squeeze(s):
    return s.replace(" ", "")
inputs = set()
for line in src.splitlines():
    inputs |= doubled_chunks(line) | doubled_chunks(squeeze(line))
left = [(l, c) for l in out.splitlines() for c in doubled_chunks(squeeze(l))
        if c in inputs]
need(not left, "doubled chunks left: %r" % left[:5])
print("input lines with doubled chunks:", len([l for l in src.splitlines()
      if doubled_chunks(squeeze(l))]), "chunks:", len(inputs))

need(log["format"] == "broadsheet-repairs" and log["version"] == 1, "log header")
kinds = {}
for e in log["repairs"]:
    for k in ("kind", "block", "line", "before", "after", "evidence"):
        need(k in e, "log entry without " + k)
    kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
need(kinds.get("doubled", 0) == 3, "doubled repairs: %r" % kinds)
need(kinds.get("columns", 0) == 1, "columns repairs: %r" % kinds)
need(kinds.get("spacing", 0) >= 20, "spacing repairs: %r" % kinds)
print("repairs by kind:", kinds)
# Lines the log does not name are byte for byte the input's.
need(sum(kinds.values()) == len(log["repairs"]), "count")
sys.exit(1 if bad else 0)
PY

# Switched off: the doubled line stays doubled, the log has no such entry.
"$BROADSHEET" repair -q --no-repair=doubled,spacing "$SEED" -o "$T/off" ||
    fail "repair --no-repair exited $?"
grep -q "一机集团携一机集团携1212台台" "$T/off/000_4208f2485c4c20d4/lines.txt" ||
    fail "--no-repair=doubled still repaired"
grep -q '"kind": "doubled"' "$T/off/000_4208f2485c4c20d4/repairs.json" &&
    fail "--no-repair=doubled still logged doubled repairs"

# The corpus of legitimate repeats comes out exactly as it went in.
C="$ROOT/tests/data/legit_repeats.txt"
n=$(grep -c . "$C")
[ "$n" -ge 60 ] || fail "legit_repeats.txt holds only $n entries"
"$BROADSHEET" repair -q "$C" -o "$T/legit" || fail "repair on corpus exited $?"
diff <(grep . "$C") <(grep . "$T/legit/legit_repeats/lines.txt") ||
    fail "legitimate repeats were changed"
grep -q '"repairs": \[\]' "$T/legit/legit_repeats/repairs.json" ||
    fail "repairs logged on legitimate repeats"
echo "legit repeats untouched: $n"

# Latin line ends: a hyphenated word is joined only when the lexicon knows
# the joined word; lines.txt keeps the lines, page.txt joins them (the
# form of run's page.txt).
printf 'An inter-\nnational meeting of well-\nknown people in Baden-\nBaden.\n\nThe city  council met.\n' >"$T/en.txt"
"$BROADSHEET" repair -q "$T/en.txt" -o "$T/en" || fail "repair en exited $?"
want=$'An international meeting of well-known people in Baden-Baden.\n\nThe city  council met.'
got=$(cat "$T/en/en/page.txt")
[ "$got" = "$want" ] || fail "page.txt: got [$got] want [$want]"
grep -q "An inter-" "$T/en/en/lines.txt" || fail "lines.txt lost its lines"
n=$(grep -c '"kind": "join"' "$T/en/en/repairs.json")
[ "$n" -eq 1 ] || fail "join repairs logged: $n, want 1"
"$BROADSHEET" repair -q --no-repair=join "$T/en.txt" -o "$T/en-off" || fail "exit $?"
grep -q "An inter-national" "$T/en-off/en/page.txt" ||
    fail "--no-repair=join still joined: $(cat "$T/en-off/en/page.txt")"

# Bad input: one clear line naming the file, exit 1; usage errors exit 2.
set +e
msg=$("$BROADSHEET" repair -q "$T/nope.txt" -o "$T/x" 2>&1); rc=$?
[ $rc -eq 1 ] && [[ "$msg" == *nope.txt* ]] || fail "missing file: rc $rc: $msg"
printf 'ab\xff\xfecd\n' >"$T/bin.txt"
msg=$("$BROADSHEET" repair -q "$T/bin.txt" -o "$T/x" 2>&1); rc=$?
[ $rc -eq 1 ] && [[ "$msg" == *"not UTF-8"* ]] || fail "binary file: rc $rc: $msg"
msg=$("$BROADSHEET" repair --no-repair=bogus "$C" -o "$T/x" 2>&1); rc=$?
[ $rc -eq 2 ] && [[ "$msg" == *bogus* ]] || fail "bad kind: rc $rc: $msg"
set -e
echo "ok"
