#!/usr/bin/env bash
# install.sh - `make install` honours PREFIX and DESTDIR, and the installed
# binary finds its models (profiles, repair lexicon) from any folder;
# `make uninstall` removes what install put there.
. "$(dirname "$0")/lib.sh"

unset BROADSHEET_MODELS # the installed binary must find its own
tmpdir t
# -o: install the binary under test as it is, never rebuild it here (under
# `make check` a rebuild would drop the sanitizer flags)
make -s -C "$ROOT" -o "$BROADSHEET" install DESTDIR="$t/stage" PREFIX=/opt/bs BIN="$BROADSHEET" \
    >"$t/log" 2>&1 || fail "make install: $(tail -3 "$t/log")"
bin="$t/stage/opt/bs/bin/broadsheet"
[ -x "$bin" ] || fail "no binary at $bin"
[ -f "$t/stage/opt/bs/share/broadsheet/models/profiles/default.json" ] ||
    fail "profiles not installed under PREFIX/share/broadsheet"

# The man page, made from the commands' --help: every command and its
# options are in it.
man1="$t/stage/opt/bs/share/man/man1/broadsheet.1"
[ -f "$man1" ] || fail "no man page at $man1"
if command -v man >/dev/null; then
    MANWIDTH=120 man -l "$man1" 2>/dev/null | col -bx | tr -s ' ' > "$t/man.txt"
else
    sed 's/\\-/-/g' "$man1" | tr -s ' ' > "$t/man.txt"
fi
for c in run stage show status eval repair import profile; do
    grep -q "broadsheet $c" "$t/man.txt" || fail "man page lacks broadsheet $c"
done
for o in --no-repair --shard --worst --scale --min-recall --formats; do
    grep -q -- "$o" "$t/man.txt" || fail "man page lacks $o"
done
"$BROADSHEET" run --help | grep -E '^ +-' | tr -s ' ' | while read -r line; do
    grep -qF -- "$line" "$t/man.txt" || fail "man page lacks run's: $line"
done || exit 1
cd "$t" || fail "cd"
"$bin" profile >"$t/profile" 2>&1 || fail "installed profile: $(cat "$t/profile")"
grep -q '^profile: default' "$t/profile" || fail "profile output: $(head -2 "$t/profile")"
# The join repair needs the lexicon: "inter-" + "national" joins only when
# the lexicon was found.
printf 'The desk of the inter-\nnational news agency reported it.\n' >"$t/hyph.txt"
"$bin" repair "$t/hyph.txt" -o "$t/rep" -q || fail "installed repair failed"
grep -q 'the international news' "$t/rep/hyph/page.txt" ||
    fail "installed binary did not find the lexicon: $(cat "$t/rep/hyph/page.txt")"

make -s -C "$ROOT" uninstall DESTDIR="$t/stage" PREFIX=/opt/bs >/dev/null 2>&1 ||
    fail "make uninstall"
left=$(find "$t/stage" -type f | head -3)
[ -z "$left" ] || fail "uninstall left: $left"
echo "install/uninstall under DESTDIR+PREFIX ok"
