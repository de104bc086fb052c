#!/usr/bin/env bash
# tests/e2e/bad_inputs.sh - every file in fixtures/bad/ gets either a page
# folder with articles.json (exit 0) or one error line naming the file
# (exit 1); never a crash, never a hang, never a *.tmp.* left in OUT, and
# nothing on stderr but broadsheet's own lines (no libpng/libtiff chatter).
# Also: a good page in the same run as a bad one is still done, and no
# source file runs a shell (system/popen).
. "$(dirname "$0")/lib.sh"
BAD=$ROOT/fixtures/bad
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
T=$(mktemp -d "${TMPDIR:-/tmp}/bs-bad.XXXXXX"); trap 'rm -rf "$T"' EXIT

# expect NAME ok|fail [error substring]
expect() {
    local name=$1 want=$2 msg=${3:-} out=$T/out-$1 rc=0
    timeout 120 "$BROADSHEET" run --lang eng "$BAD/$name" -o "$out" \
        >"$T/so" 2>"$T/se" || rc=$?
    [ "$rc" -lt 124 ] || fail "$name: exit $rc (crash or hang)"
    ! grep -v '^broadsheet: ' "$T/se" | grep -q . \
        || fail "$name: stray lines on stderr: $(cat "$T/se")"
    ! find "$out" -name '*.tmp.*' 2>/dev/null | grep -q . \
        || fail "$name: temp file left in OUT"
    if [ "$want" = ok ]; then
        [ "$rc" = 0 ] || fail "$name: exit $rc, want 0: $(cat "$T/se")"
        [ -f "$out/${name%.*}/articles.json" ] || fail "$name: no articles.json"
    else
        [ "$rc" = 1 ] || fail "$name: exit $rc, want 1"
        [ "$(grep -c "$name" "$T/se")" = 1 ] &&
        [ "$(grep -vc ' pages* done, ' "$T/se")" = 1 ] \
            || fail "$name: want exactly one error line naming the file: $(cat "$T/se")"
        grep -q -- "$msg" "$T/se" || fail "$name: error lacks '$msg'"
        [ ! -f "$out/${name%.*}/articles.json" ] || fail "$name: articles.json written"
    fi
    echo "ok: $name -> $want"
}

expect zero-byte.png   fail "empty file"
expect text-named.png  fail "not an image"
expect truncated.png   fail "cannot decode"
expect one-pixel.png   fail "too small"
expect huge-header.png fail "too large"
expect sixteen-bit.png ok
expect palette.png     ok
expect all-white.png   ok
expect all-black.png   ok
expect truncated.tif   fail "cannot decode"
expect jpeg-named.png  ok
expect no-text.png     ok
expect cmyk.tif        ok
expect rotated-90.png  ok
expect upside-down.png ok
# Headers declaring far more than the file holds: refused from the header.
expect huge-frame.gif  fail "too large (40000x40000 pixels in frame 1"
expect huge.bmp        fail "too large (40000x40000"
expect huge.j2k        fail "too large (40000x40000"
expect huge-chunk.png  fail "cannot decode"
# A JPEG cut short decodes grey below the cut: a failed page, not text lost.
expect truncated.jpg   fail "Premature end of JPEG file"
# Valid TIFFs: stored turned (Orientation 6), 16-bit grey with alpha.
expect oriented-6.tif  ok
expect grey-alpha-16.tif ok

# Each kind read for what it is.
grep -q '"width": 64' "$T/out-jpeg-named.png/jpeg-named/model.load.json" \
    || fail "jpeg-named.png: not read as the 64x64 JPEG it is"
grep -q '"articles": \[\]' "$T/out-no-text.png/no-text/articles.json" \
    || fail "no-text.png: articles found on a page without text"
grep -qi 'city' "$T/out-cmyk.tif/cmyk/page.txt" \
    || fail "cmyk.tif: the black (K) ink was not read"
# The page turned 90 degrees is turned back before layout and OCR.
grep -q '"rotated_deg": 270' "$T/out-rotated-90.png/rotated-90/model.load.json" \
    || fail "rotated-90.png: turn not detected"
grep -qi 'council' "$T/out-rotated-90.png/rotated-90/page.txt" \
    || fail "rotated-90.png: text not read upright"
grep -q '"rotated_deg": 180' "$T/out-upside-down.png/upside-down/model.load.json" \
    || fail "upside-down.png: turn not detected"
grep -qi 'council' "$T/out-upside-down.png/upside-down/page.txt" \
    || fail "upside-down.png: text not read upright"
# A 1-bit scan lying sideways (rotated-90.png binarized without turning)
# is judged and turned as a 1-bit page: load keeps it 1-bit.
"$BROADSHEET" run -q --lang eng --set orient=0 --to binarize \
    "$BAD/rotated-90.png" -o "$T/side" || fail "rotated-90.png: binarize failed"
cp "$T/side/rotated-90/binary.png" "$T/side1bit.png"
"$BROADSHEET" run -q --lang eng "$T/side1bit.png" -o "$T/side" ||
    fail "a sideways 1-bit scan failed"
grep -q '"rotated_deg": 270' "$T/side/side1bit/model.load.json" \
    || fail "sideways 1-bit scan: turn not detected"
grep -qi 'council' "$T/side/side1bit/page.txt" \
    || fail "sideways 1-bit scan: text not read upright"
# A TIFF stored turned is read upright from its tag, no OSD turn needed.
grep -q '"width": 300' "$T/out-oriented-6.tif/oriented-6/model.load.json" &&
grep -q '"height": 200' "$T/out-oriented-6.tif/oriented-6/model.load.json" \
    || fail "oriented-6.tif: not read as the 300x200 page it shows"
grep -q '"rotated_deg"' "$T/out-oriented-6.tif/oriented-6/model.load.json" \
    && fail "oriented-6.tif: turned by OSD, the Orientation tag was not used"
grep -qi 'city' "$T/out-oriented-6.tif/oriented-6/page.txt" \
    || fail "oriented-6.tif: text not read upright"
grep -q '"width": 64' "$T/out-grey-alpha-16.tif/grey-alpha-16/model.load.json" \
    || fail "grey-alpha-16.tif: not read as the 64x64 page it is"
# An upright page is not turned.
grep -q '"rotated_deg"' "$T/out-cmyk.tif/cmyk/model.load.json" \
    && fail "cmyk.tif: turned though upright"

# Every page of a multi-page TIFF is a page.
rc=0; timeout 300 "$BROADSHEET" run --lang eng "$BAD/multi-page.tif" \
    -o "$T/multi" >/dev/null 2>"$T/se" || rc=$?
[ "$rc" = 0 ] || fail "multi-page.tif: exit $rc: $(cat "$T/se")"
for p in 1 2 3; do
    f=$T/multi/multi-page-p00$p/page.txt
    [ -s "$f" ] || fail "multi-page.tif: page $p has no text"
done
[ ! -e "$T/multi/multi-page-p004" ] || fail "multi-page.tif: a 4th page"

# --max-pixels is honoured (a 200x200 page refused at 1000 pixels).
rc=0; "$BROADSHEET" run --lang eng --max-pixels 1000 "$BAD/all-white.png" \
    -o "$T/mp" >/dev/null 2>"$T/se" || rc=$?
[ "$rc" = 1 ] && grep -q "too large" "$T/se" || fail "--max-pixels not honoured"

# An image artifact is read with the pixel limit too: a page folder whose
# image.png was replaced by a PNG declaring 100000 x 100000 is refused from
# its header when binarize reads it.
cp -R "$T/out-all-white.png/all-white" "$T/art"
cp "$BAD/huge-header.png" "$T/art/image.png"
rc=0; "$BROADSHEET" stage binarize -q "$T/art" 2>"$T/se" || rc=$?
[ "$rc" = 1 ] && grep -q "image.png: image too large (100000x100000" "$T/se" ||
    fail "artifact over the pixel limit: exit $rc: $(cat "$T/se")"

# A bad page does not stop a good one in the same run.
rc=0; timeout 120 "$BROADSHEET" run --lang eng "$BAD/zero-byte.png" \
    "$BAD/all-white.png" -o "$T/mix" >/dev/null 2>&1 || rc=$?
[ "$rc" = 1 ] || fail "mixed run: exit $rc, want 1"
[ -f "$T/mix/all-white/articles.json" ] || fail "mixed run: good page lost"

# No shell is ever run: no system()/popen() in the sources.
! grep -rnE '\b(system|popen)[[:space:]]*\(' "$ROOT/pipeline" "$ROOT/stages" \
    || fail "system()/popen() found in sources"
echo "bad inputs: all behaved"
