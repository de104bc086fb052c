#!/usr/bin/env python3
"""pngtool.py - the two changes to an 8-bit grey PNG the scale tests need,
without an image library (the test machine has none for Python):

    pngtool.py dpi IN OUT DPI|none   the same pixels, the pHYs chunk (the
                                     dpi tag) set to DPI or left out
    pngtool.py half IN OUT           half the width and height, each pixel
                                     the mean of a 2 x 2 square (small type)

Only 8-bit grey, non-interlaced PNGs (what the fixture generator writes)."""
import struct
import sys
import zlib


def chunks(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("not a PNG")
    i = 8
    while i < len(data):
        n, kind = struct.unpack(">I4s", data[i:i + 8])
        yield kind, data[i + 8:i + 8 + n]
        i += 12 + n


def chunk(kind, body):
    return (struct.pack(">I", len(body)) + kind + body +
            struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))


def write(path, ihdr, extra, idat):
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr))
        for kind, body in extra:
            f.write(chunk(kind, body))
        f.write(chunk(b"IDAT", zlib.compress(idat, 6)) + chunk(b"IEND", b""))


def read_grey(parts):
    w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", parts[b"IHDR"])
    if depth != 8 or colour != 0 or interlace:
        sys.exit("only 8-bit grey non-interlaced PNGs")
    raw = zlib.decompress(parts[b"IDAT"])
    rows, prev = [], bytearray(w)
    for y in range(h):
        f, line = raw[y * (w + 1)], bytearray(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
        if f == 1:
            for x in range(1, w):
                line[x] = (line[x] + line[x - 1]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for x in range(w):
                left = line[x - 1] if x else 0
                line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
        elif f == 4:
            for x in range(w):
                a = line[x - 1] if x else 0
                b, c = prev[x], prev[x - 1] if x else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, rows


def main(argv):
    if len(argv) < 4 or argv[1] not in ("dpi", "half"):
        sys.exit(__doc__)
    data = open(argv[2], "rb").read()
    parts, order = {}, []
    for kind, body in chunks(data):
        if kind == b"IDAT":
            parts[kind] = parts.get(kind, b"") + body
        else:
            parts[kind] = body
            order.append(kind)
    keep = [(k, parts[k]) for k in order
            if k not in (b"IHDR", b"IDAT", b"IEND", b"pHYs")]
    if argv[1] == "dpi":
        if argv[4] != "none":
            ppm = round(int(argv[4]) / 0.0254)
            keep.insert(0, (b"pHYs", struct.pack(">IIB", ppm, ppm, 1)))
        write(argv[3], parts[b"IHDR"], keep, zlib.decompress(parts[b"IDAT"]))
        return
    w, h, rows = read_grey(parts)
    hw, hh = w // 2, h // 2
    out = bytearray()
    for y in range(hh):
        a, b = rows[2 * y], rows[2 * y + 1]
        out.append(0)
        out += bytes((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) >> 2
                     for x in range(hw))
    ihdr = struct.pack(">IIBBBBB", hw, hh, 8, 0, 0, 0, 0)
    write(argv[3], ihdr, keep, bytes(out))


if __name__ == "__main__":
    main(sys.argv)
