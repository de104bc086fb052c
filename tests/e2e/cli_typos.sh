#!/usr/bin/env bash
# cli_typos.sh - typos are refused (issue 17.5): each command accepts and
# lists only its own options, and a value that cannot be right is exit 2
# with one line on stderr before any page runs (nothing is written).
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
tmpdir t
cd "$t" || fail "cd"
python3 "$ROOT/tests/e2e/mkpage.py" p.png s1 || fail mkpage
"$BROADSHEET" run -q --to binarize p.png -o done 2>/dev/null || fail "setup run"
printf 'some text\n' > t.txt

refused() { # refused WHAT ARGS...: exit 2, one line naming the problem
    local what=$1; shift
    rm -rf out
    "$BROADSHEET" "$@" > so 2> se
    local rc=$?
    [ $rc = 2 ] || fail "$what: exit $rc, want 2 ($(cat se))"
    [ "$(wc -l < se)" = 1 ] || fail "$what: want one line, got: $(cat se)"
    [ ! -e out ] || fail "$what: wrote out/"
    echo "$what -> $(cat se)"
}
refused "--no-repair doubles" run --no-repair doubles p.png -o out
refused "--no-repair ''" run --no-repair "" p.png -o out
refused "--lang eng+xyz" run --lang eng+xyz p.png -o out
refused "--lang ''" run --lang "" p.png -o out
refused "--lang eng+" run --lang eng+ p.png -o out
refused "--tessdata /nonexistent" run --tessdata /nonexistent p.png -o out
refused "--tessdata without eng" run --tessdata "$t" p.png -o out
refused "--formats docx" run --formats docx p.png -o out
refused "repair --shard" repair --shard 1/2 t.txt -o out
refused "repair --no-repair doubles" repair --no-repair doubles t.txt -o out
refused "repair --lang" repair --lang eng t.txt -o out
refused "import --formats" import --formats all t.txt -o out
refused "import --lang xyz" import --lang xyz t.txt -o out
refused "stage -o" stage layout done/p -o out
refused "stage --force" stage layout done/p --force
refused "stage --from" stage layout done/p --from ocr
refused "stage --lang eng+xyz" stage ocr done/p --lang eng+xyz
refused "run --bogus" run --bogus p.png -o out
refused "show --bogus" show done/p -o out.png --bogus
refused "show --shard" show done/p -o out.png --shard 1/2
refused "status --shard" status done --shard 1/2
refused "eval --shard" eval --shard 1/2 done done
refused "profile --bogus" profile --bogus
refused "stages extra" stages extra
refused "run -x" run -x p.png -o out
# The page the stage typos named was never touched.
[ -z "$(find done/p -newer done/p/done.json ! -name done.json)" ] || fail "a refused stage touched the page"

# Each command's help lists its own options only (the option lines).
"$BROADSHEET" repair --help | grep -E '^ +-' > h || fail "repair --help"
grep -q -- '--no-repair' h && ! grep -q -- '--shard\|--formats\|--lang\|--from' h ||
    fail "repair --help: $(cat h)"
"$BROADSHEET" import --help | grep -E '^ +-' > h || fail "import --help"
grep -q -- '--lang' h && ! grep -q -- '--formats\|--no-repair\|--shard' h ||
    fail "import --help: $(cat h)"
"$BROADSHEET" stage --help | grep -E '^ +-' > h || fail "stage --help"
grep -q -- '--set' h && ! grep -q -- '--from\|--force\|--output' h ||
    fail "stage --help: $(cat h)"
"$BROADSHEET" run --help > h || fail "run --help"
grep -q -- '--from' h && grep -q -- '--force' h || fail "run --help: $(cat h)"
echo "typos refused"
