#!/usr/bin/env bash
# writes_confined.sh - what broadsheet writes stays where it belongs
# (issue 18, items 3, 8, 12 and 15):
#   - an id read from an artifact never becomes a path: an article id
#     "../../../PWNED" in model.repair.json is refused, nothing is written
#     above OUT; a page folder, its articles/ folder or OUT's manifest that
#     is a symbolic link out of OUT is refused, not followed;
#   - "-" is standard output, and a path that is a device or FIFO
#     (/dev/stdout as root) is written in place, never renamed over;
#   - a rerun clears the temp files broadsheet left (its own
#     .broadsheet.tmp.* names and the old NAME.tmp.<pid>.<n> ones) in page
#     folders, also of pages that are up to date, and in OUT, and leaves a
#     look-alike of someone else's alone;
#   - a page whose outputs were deleted after it was stamped is redone.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
tmpdir T
src=$(fixture_run en-2col) || fail "fixture run failed"
cp "$ROOT/fixtures/pages/en-2col.png" "$T/en-2col.png"
run() { "$BROADSHEET" run -q --lang eng "$@"; }

# 1. An article id that is a path.
mkdir -p "$T/deep/a/b/out"
cp -R "$src" "$T/deep/a/b/out/en-2col"
python3 - "$T/deep/a/b/out/en-2col/model.repair.json" <<'PY' || fail "edit"
import json, sys
p = sys.argv[1]; m = json.load(open(p))
m["articles"][0]["id"] = "../../../PWNED"
json.dump(m, open(p, "w"))
PY
rc=0; run --from export "$T/deep/a/b/out/en-2col" 2>"$T/err" || rc=$?
[ "$rc" = 1 ] || fail "hostile article id: exit $rc, want 1"
grep -q 'must be an id' "$T/err" || fail "hostile article id: $(cat "$T/err")"
[ -z "$(find "$T" -name 'PWNED*')" ] || fail "PWNED written: $(find "$T" -name 'PWNED*')"

# 2. Symbolic links out of OUT: a page folder, articles/, the manifest.
mkdir -p "$T/outside" "$T/o2"
ln -s "$T/outside" "$T/o2/en-2col"
rc=0; run "$T/en-2col.png" -o "$T/o2" 2>"$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q 'symbolic link' "$T/err" || fail "page folder symlink: exit $rc: $(cat "$T/err")"
[ -z "$(ls -A "$T/outside")" ] || fail "written through a page folder symlink: $(ls -A "$T/outside")"
cp -R "$src" "$T/o3"; rm -rf "$T/o3/articles"; ln -s "$T/outside" "$T/o3/articles"
rc=0; run --from export "$T/o3" 2>"$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q 'symbolic link' "$T/err" || fail "articles/ symlink: exit $rc: $(cat "$T/err")"
[ -z "$(ls -A "$T/outside")" ] || fail "written through articles/: $(ls -A "$T/outside")"
mkdir -p "$T/o4"; echo "keep" > "$T/outside/theirs.tsv"
ln -s "$T/outside/theirs.tsv" "$T/o4/manifest.tsv"
rc=0; run "$T/en-2col.png" -o "$T/o4" 2>"$T/err" || rc=$?
[ "$rc" != 0 ] && grep -q 'manifest.tsv: is a symbolic link' "$T/err" ||
    fail "manifest symlink: exit $rc: $(cat "$T/err")"
[ "$(cat "$T/outside/theirs.tsv")" = keep ] || fail "manifest written through a symlink"

# 3. "-" and devices: standard output, FIFOs written in place.
python3 "$ROOT/tests/e2e/eval_data.py" "$T/ev" >/dev/null || fail "eval data"
"$BROADSHEET" eval "$T/ev/out" "$T/ev/gt" --json - > "$T/stdout.json" 2>/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="broadsheet-eval"' \
    "$T/stdout.json" 2>/dev/null || fail "eval --json - did not write JSON to standard output"
for what in json html show; do
    rm -f "$T/fifo" "$T/got"; mkfifo "$T/fifo"
    timeout 20 cat "$T/fifo" > "$T/got" & reader=$!
    case $what in
        json) timeout 20 "$BROADSHEET" eval "$T/ev/out" "$T/ev/gt" --json "$T/fifo" >/dev/null ;;
        html) timeout 20 "$BROADSHEET" eval "$T/ev/out" "$T/ev/gt" --html "$T/fifo" >/dev/null ;;
        show) timeout 20 "$BROADSHEET" show "$src" -o "$T/fifo" ;;
    esac
    rc=$?
    [ -p "$T/fifo" ] || { kill $reader 2>/dev/null; fail "$what: the FIFO was renamed over"; }
    wait $reader
    [ "$rc" = 0 ] && [ -s "$T/got" ] || fail "$what: nothing written into the FIFO (exit $rc)"
done
head -c 8 "$T/got" | od -c | grep -q 'P   N   G' || fail "show into a FIFO: not a PNG"
"$BROADSHEET" show "$src" -o - > "$T/stdout.png" && cmp -s "$T/stdout.png" "$T/got" ||
    fail "show -o - differs from the overlay written into a FIFO"

# 4. Leftovers: a rerun of an up-to-date page clears broadsheet's temps.
out=$T/o5
run "$T/en-2col.png" -o "$out" || fail "run failed"
p=$out/en-2col
for f in "$p/.broadsheet.tmp.999999.1.page.txt" "$p/page.txt.tmp.999999.2" \
         "$p/articles/a001.txt.tmp.999999.3" "$p/model.export.json.tmp.12.4" \
         "$out/mets.xml.tmp.999999.5" "$out/.broadsheet.tmp.999999.6.mets.xml"; do
    echo x > "$f"
done
echo mine > "$p/notes.txt.tmp.999999.7"
run "$T/en-2col.png" -o "$out" || fail "rerun failed"
tail -n 1 "$out/manifest.tsv" | grep -q $'\tskipped\t' || fail "rerun did not skip the page"
left=$(find "$out" -name '*.tmp.*' ! -name 'notes.txt.tmp.999999.7')
[ -z "$left" ] || fail "leftovers not cleared: $left"
[ "$(cat "$p/notes.txt.tmp.999999.7")" = mine ] || fail "someone else's file removed"

# 5. A stamp does not vouch for outputs deleted since.
rm "$p/page.txt" "$p/articles/a001.txt"
run "$T/en-2col.png" -o "$out" || fail "run after deleting outputs failed"
tail -n 1 "$out/manifest.tsv" | grep -q $'\tdone\t' || fail "page with deleted outputs was skipped"
[ -s "$p/page.txt" ] && [ -s "$p/articles/a001.txt" ] || fail "deleted outputs not rewritten"
# Image artifacts may be deleted to save room: the page stays done.
rm "$p/binary.png"
run "$T/en-2col.png" -o "$out" || fail "run after deleting binary.png failed"
tail -n 1 "$out/manifest.tsv" | grep -q $'\tskipped\t' || fail "deleting an image artifact redid the page"
echo "writes confined: ok"
