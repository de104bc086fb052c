#!/usr/bin/env bash
# manifest_full_disk.sh - a manifest line is appended whole or not at all
# (issue 18, item 13), on a real full disk: OUT on a small tmpfs, filled up
# so that the next manifest line crosses into a block the disk does not
# have.  The page whose line cannot be written is a failed page (exit 1,
# one line naming it), the manifest is left without a torn line, and once
# there is room again a rerun records it.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
[ "$(id -u)" = 0 ] || skip "mounting a small tmpfs needs root"
tmpdir T
mkdir -p "$T/mnt" "$T/in"
mount -t tmpfs -o size=1m tmpfs "$T/mnt" 2>/dev/null || skip "cannot mount a tmpfs here"
trap 'umount "$T/mnt" 2>/dev/null; bs_e2e_cleanup' EXIT

# A long input path makes the page's manifest line long (about 300 bytes).
long=$(printf 'folder-%0200d' 7)/scan
mkdir -p "$T/in/${long%/scan}"
cp "$ROOT/fixtures/bad/all-white.png" "$T/in/$long.png"
out=$T/mnt/out
"$BROADSHEET" run -q "$T/in/$long.png" -o "$out" || fail "first run failed"
# The manifest ends 110 bytes short of a 4 KiB block: the next run's
# header line (about 70 bytes) fits, its page line does not.
size=$(stat -c %s "$out/manifest.tsv")
pad=$((4096 - 110 - size - 2))
[ "$pad" -gt 0 ] || fail "manifest already $size bytes"
printf '#%*s\n' "$pad" '' | tr ' ' '-' >> "$out/manifest.tsv"
[ "$(stat -c %s "$out/manifest.tsv")" = $((4096 - 110)) ] || fail "padding"
dd if=/dev/zero of="$T/mnt/fill" bs=4k 2>/dev/null
df -h "$T/mnt" | tail -1

# The page is up to date: its manifest line is all the run writes.
rc=0; "$BROADSHEET" run -q "$T/in/$long.png" -o "$out" 2>"$T/err" || rc=$?
cat "$T/err"
[ "$rc" = 1 ] || fail "full disk: exit $rc, want 1 (the page's line was not written)"
grep -q "^broadsheet: scan: failed: .*manifest.tsv: cannot append: No space left" "$T/err" ||
    fail "full disk: no failure line naming the page: $(cat "$T/err")"
python3 - "$out/manifest.tsv" <<'PY' || fail "torn manifest: $(tail -c 400 "$out/manifest.tsv" | od -c | tail -5)"
import sys
data = open(sys.argv[1], "rb").read()
assert data.endswith(b"\n"), "no newline at the end"
for line in data.split(b"\n")[:-1]:
    if line.startswith(b"#"):
        assert line.startswith(b"# broadsheet ") or set(line[1:]) <= {ord("-")}, line[:80]
    else:
        assert line.count(b"\t") in (5, 6), line[:80]
PY

# Room again: the rerun records the page.
rm "$T/mnt/fill"
"$BROADSHEET" run -q "$T/in/$long.png" -o "$out" || fail "rerun with room failed"
tail -n 1 "$out/manifest.tsv" | grep -q $'\tskipped\t' || fail "rerun did not record the page"
"$BROADSHEET" status "$out" > "$T/st" || fail "status: $(cat "$T/st")"
grep -q "1 page: 1 done" "$T/st" || grep -q "1 pages: 1 done" "$T/st" || fail "status: $(cat "$T/st")"
echo "manifest on a full disk: whole lines only, the page failed, recorded once there was room"
