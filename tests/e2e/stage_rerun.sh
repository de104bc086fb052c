# stage_rerun.sh - `broadsheet stage NAME PAGEDIR` re-runs exactly one stage
# from the artifact before it and leaves every other artifact alone; a
# missing or corrupt artifact is one clear error line.
. "$(dirname "$0")/lib.sh"

src=$(fixture_run en-2col) || fail "run failed"
tmpdir t
cp -R "$src" "$t/page"
page="$t/page"
touch -d '2000-01-01' "$page"/* "$page"/articles/*
"$BROADSHEET" stage repair "$page" -q || fail "stage repair failed"
changed=$(find "$page" -type f ! -name .broadsheet.lock -newermt '2001-01-01' -printf '%f\n' | sort | tr '\n' ' ')
[ "$changed" = "model.repair.json repairs.json settings.json timing.json " ] ||
    fail "stage repair changed: $changed"

# Export alone then rewrites the outputs from model.repair.json.
"$BROADSHEET" stage export "$page" -q || fail "stage export failed"
[ "$page/articles.json" -nt "$page/model.repair.json" ] || fail "export did not write"
cmp -s "$page/articles.json" "$src/articles.json" || fail "export from artifacts differs"

# binarize alone rewrites its two images from image.png; a page that needs
# no deskew gets image.png itself as gray.png, copied, not encoded again.
cp "$page/binary.png" "$t/binary.before.png"
touch -d '2000-01-01' "$page"/*
"$BROADSHEET" stage binarize "$page" -q || fail "stage binarize failed"
changed=$(find "$page" -maxdepth 1 -type f ! -name .broadsheet.lock -newermt '2001-01-01' -printf '%f\n' | sort | tr '\n' ' ')
[ "$changed" = "binary.png gray.png model.binarize.json settings.json timing.json " ] ||
    fail "stage binarize changed: $changed"
cmp -s "$page/binary.png" "$t/binary.before.png" || fail "binarize alone differs"
grep -q '"skew_deg": 0.0,' "$page/model.binarize.json" || fail "en-2col deskewed?"
cmp -s "$page/image.png" "$page/gray.png" || fail "unturned gray.png is not image.png"
# load wrote no new PNG either: a grey PNG scan is its own image.png.
cmp -s "$page/image.png" "$ROOT/fixtures/pages/en-2col.png" ||
    fail "image.png of a plain grey PNG scan is not the scan"
# A scan cut before its IEND still decodes, but is not a whole PNG to copy:
# its image.png is encoded, and binarize alone reads it.
head -c -12 "$ROOT/fixtures/pages/en-2col.png" > "$t/cut.png"
"$BROADSHEET" run -q --to load "$t/cut.png" -o "$t/c" || fail "cut PNG: load failed"
! cmp -s "$t/cut.png" "$t/c/cut/image.png" || fail "a cut PNG copied as image.png"
"$BROADSHEET" stage binarize "$t/c/cut" -q || fail "cut PNG: binarize cannot read image.png"

# A 1-bit scan (en-2col's binary.png) stays 1-bit through load and
# binarize; unturned, its gray.png is its image.png.
png_depth() { python3 -c 'import sys; print(open(sys.argv[1], "rb").read()[24])' "$1"; }
cp "$page/binary.png" "$t/onebit.png"
"$BROADSHEET" run -q --to binarize "$t/onebit.png" -o "$t/o" || fail "1-bit run failed"
one="$t/o/onebit"
for f in image gray binary; do
    [ "$(png_depth "$one/$f.png")" = 1 ] || fail "$f.png of a 1-bit scan is not 1-bit"
done
cmp -s "$one/image.png" "$one/gray.png" || fail "1-bit gray.png is not image.png"
cp "$one/binary.png" "$t/onebit.binary.png"
# An 8-bit black-and-white image.png (what load wrote for 1-bit scans
# before) binarizes to the same binary.png.
python3 - "$one/image.png" <<'PY' || fail "cannot make an 8-bit image.png"
import struct, sys, zlib
path = sys.argv[1]
data = open(path, "rb").read()
pos, idat, chunks = 8, b"", []
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IDAT":
        idat += body
    elif kind != b"IEND":
        chunks.append((kind, body))
    pos += 12 + n
w, h, depth = struct.unpack(">IIB", chunks[0][1][:9])
assert chunks[0][0] == b"IHDR" and depth == 1
raw, stride, rows = zlib.decompress(idat), (w + 7) // 8 + 1, []
for y in range(h):  # the encoder writes filter 0 (none) on every row
    line = raw[y * stride + 1:(y + 1) * stride]
    rows.append(b"\0" + bytes(255 if line[x >> 3] >> (7 - (x & 7)) & 1 else 0
                               for x in range(w)))
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + \
        struct.pack(">I", zlib.crc32(kind + body))
ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
out += b"".join(chunk(k, b) for k, b in chunks[1:])
out += chunk(b"IDAT", zlib.compress(b"".join(rows), 1)) + chunk(b"IEND", b"")
open(path, "wb").write(out)
PY
[ "$(png_depth "$one/image.png")" = 8 ] || fail "image.png not made 8-bit"
"$BROADSHEET" stage binarize "$one" -q || fail "stage binarize (8-bit image) failed"
cmp -s "$one/binary.png" "$t/onebit.binary.png" ||
    fail "binarize from an 8-bit black-and-white image.png differs"
[ "$(png_depth "$one/gray.png")" = 1 ] || fail "gray.png of an 8-bit bilevel page is not 1-bit"

# --from/--to: re-run order..articles only.
touch -d '2000-01-01' "$page"/*
"$BROADSHEET" run --from order --to articles "$page" -q || fail "--from/--to failed"
changed=$(find "$page" -maxdepth 1 -type f ! -name .broadsheet.lock -newermt '2001-01-01' -printf '%f\n' | sort | tr '\n' ' ')
[ "$changed" = "model.articles.json model.order.json settings.json timing.json " ] ||
    fail "--from order --to articles changed: $changed"

# Corrupt the artifact a stage reads: one line naming the file, exit 1.
head -c 100 "$page/model.articles.json" > "$page/model.articles.json.cut"
mv "$page/model.articles.json.cut" "$page/model.articles.json"
"$BROADSHEET" stage repair "$page" -q 2> "$t/err"
rc=$?
[ $rc -eq 1 ] || fail "corrupt artifact: exit $rc, want 1"
[ "$(wc -l < "$t/err")" -eq 1 ] || fail "want one error line, got: $(cat "$t/err")"
grep -q "model.articles.json" "$t/err" || fail "error does not name the file: $(cat "$t/err")"

# A missing artifact says which stage to run first.
rm "$page/model.ocr.json"
"$BROADSHEET" stage order "$page" -q 2> "$t/err" && fail "missing artifact accepted"
grep -q 'run stage "ocr" first' "$t/err" || fail "unhelpful error: $(cat "$t/err")"

# Unknown stage and bad options are usage errors (exit 2).
"$BROADSHEET" stage nonsense "$page" 2>/dev/null; [ $? -eq 2 ] || fail "unknown stage not exit 2"
"$BROADSHEET" run --bogus x 2>/dev/null; [ $? -eq 2 ] || fail "bad option not exit 2"
echo "stage re-runs ok"
