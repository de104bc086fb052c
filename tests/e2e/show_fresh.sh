#!/usr/bin/env bash
# show_fresh.sh - what an operator sees is what the latest run made (issue
# 17.4, 17.7): `show` draws the model of the latest stage run (after
# `stage layout --set ...` the picture changes), labels blocks with their
# article ids, has a legend and --scale, and draws an imported page on the
# image its file names; ALTO and PAGE name the image their coordinates
# belong to (gray.png, relative to the XML), carry the language and the
# time of the run, not the input's mtime.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
src=$(fixture_run en-3col) || fail "fixture run"
tmpdir t
cp -R "$src" "$t/p"
p=$t/p
png_size() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(*struct.unpack(">II", d[16:24]))' "$1"; }

"$BROADSHEET" show "$p" -o "$t/before.png" || fail "show"
"$BROADSHEET" stage layout "$p" --set min_gutter_px=200 -q || fail "stage layout"
"$BROADSHEET" show "$p" -o "$t/after.png" || fail "show after stage layout"
"$BROADSHEET" show "$p" -o "$t/layout.png" --stage layout || fail "show --stage layout"
! cmp -s "$t/before.png" "$t/after.png" || fail "show draws a stale model after stage layout"
cmp -s "$t/after.png" "$t/layout.png" || fail "show does not draw the latest stage run (layout)"
# Article ids on the blocks: the articles model draws what order's does
# not (the blocks and the order numbers are the same).
"$BROADSHEET" show "$src" -o "$t/order.png" --stage order || fail "show --stage order"
"$BROADSHEET" show "$src" -o "$t/articles.png" --stage articles || fail "show --stage articles"
! cmp -s "$t/order.png" "$t/articles.png" || fail "no article ids drawn"
# The legend: the top left corner is drawn on (white box with swatches).
python3 - "$t/order.png" <<'PY' || fail "no legend in the top left corner"
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
w, h, depth, ctype = struct.unpack(">IIBB", d[16:26])
pos, idat = 8, b""
while pos < len(d):
    n = struct.unpack(">I", d[pos:pos + 4])[0]
    if d[pos + 4:pos + 8] == b"IDAT":
        idat += d[pos + 8:pos + 8 + n]
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[ctype]
stride = w * bpp + 1
# un-filter the first 40 rows
rows, prev = [], bytearray(w * bpp)
for y in range(40):
    f, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
colours = {tuple(rows[y][x * bpp:x * bpp + 3]) for y in range(6, 30) for x in range(8, 20)}
# a swatch: a saturated colour that a grey page never has
sys.exit(0 if any(max(c) - min(c) > 100 for c in colours) else 1)
PY
"$BROADSHEET" show "$src" -o "$t/half.png" --scale 0.5 || fail "show --scale"
read -r w h < <(png_size "$src/gray.png")
[ "$(png_size "$t/half.png")" = "$((w / 2)) $((h / 2))" ] || fail "--scale 0.5: $(png_size "$t/half.png") of $w $h"
"$BROADSHEET" show "$src" -o "$t/x.png" --scale 0 2>/dev/null; [ $? = 2 ] || fail "--scale 0 accepted"

# ALTO and PAGE: the image their coordinates belong to, the language and
# the time of the run.
touch -d '2001-01-01' "$t/in.png" 2>/dev/null
cp "$ROOT/fixtures/pages/en-3col.png" "$t/in.png" && touch -d '2001-01-01' "$t/in.png"
"$BROADSHEET" run -q --lang eng --formats alto,page,hocr "$t/in.png" -o "$t/o" || fail "run"
grep -q '<fileName>gray.png</fileName>' "$t/o/in/page.alto.xml" || fail "ALTO does not name gray.png"
grep -q 'imageFilename="gray.png"' "$t/o/in/page.xml" || fail "PAGE does not name gray.png"
grep -q 'image &quot;gray.png&quot;' "$t/o/in/page.hocr" || fail "hOCR does not name gray.png"
grep -q '<Page [^>]*LANG="en"' "$t/o/in/page.alto.xml" || fail "ALTO has no LANG"
grep -q 'primaryLanguage="English"' "$t/o/in/page.xml" || fail "PAGE has no primaryLanguage"
year=$(date -u +%Y)
grep -q "<Created>$year-" "$t/o/in/page.xml" || fail "PAGE Created is not the time of the run: $(grep -o '<Created>[^<]*' "$t/o/in/page.xml")"
grep -q "<processingDateTime>$year-" "$t/o/in/page.alto.xml" || fail "ALTO has no processingDateTime of the run"
# Imported, the page is drawn on that image (beside the imported file).
"$BROADSHEET" import -q "$t/o/in/page.alto.xml" -o "$t/imp" || fail "import"
"$BROADSHEET" show "$t/imp/in" -o "$t/imp.png" || fail "show on an imported page"
[ "$(png_size "$t/imp.png")" = "$(png_size "$t/o/in/gray.png")" ] || fail "imported page drawn on another image"
# Exported again from the imported folder, ALTO names that image relative
# to the new file.
"$BROADSHEET" run -q --from order --formats alto "$t/imp" || fail "run --from order on the import"
grep -q '<fileName>../../o/in/gray.png</fileName>' "$t/imp/in/page.alto.xml" ||
    fail "re-exported ALTO: $(grep -o '<fileName>[^<]*' "$t/imp/in/page.alto.xml")"
echo "show draws the latest run; ALTO/PAGE name their image, language and time"
