#!/usr/bin/env python3
"""mkpage.py OUT.png|OUT.tif [SEED] [PAGES] - writes a small synthetic page
(grey PNG, or an uncompressed multi-page TIFF of PAGES pages; stdlib only):
two columns of dark bars shaped like lines of text, laid out from SEED so
different seeds give different pages.  For batch mechanics tests that need
many cheap, valid, distinct images."""
import random
import struct
import sys
import zlib

def png_gray(path, w, h, rows):
    raw = b"".join(b"\x00" + bytes(r) for r in rows)
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))

def tiff_gray(path, w, h, pages):
    """Little-endian baseline TIFF, 8-bit grey, one strip per page."""
    out = bytearray(b"II*\x00\x00\x00\x00\x00")
    prev_link = 4
    for rows in pages:
        data_off = len(out)
        out += b"".join(bytes(r) for r in rows)
        if len(out) % 2:
            out += b"\x00"
        ifd_off = len(out)
        struct.pack_into("<I", out, prev_link, ifd_off)
        entries = [(256, 4, w), (257, 4, h), (258, 3, 8), (259, 3, 1),
                   (262, 3, 1), (273, 4, data_off), (277, 3, 1),
                   (278, 4, h), (279, 4, w * h)]
        out += struct.pack("<H", len(entries))
        for tag, typ, val in entries:
            if typ == 3:
                out += struct.pack("<HHIHH", tag, typ, 1, val, 0)
            else:
                out += struct.pack("<HHII", tag, typ, 1, val)
        prev_link = len(out)
        out += b"\x00\x00\x00\x00"
    with open(path, "wb") as f:
        f.write(out)

def page_rows(rnd):
    w, h = 400, 300
    rows = [[255] * w for _ in range(h)]
    for x0, x1 in ((20, 190), (210, 380)):
        y = 20
        while y + 8 < h - 20:
            x = x0
            while x < x1 - 10:
                wl = rnd.randint(8, 30)
                for yy in range(y, y + 7):
                    for xx in range(x, min(x + wl, x1)):
                        rows[yy][xx] = 20
                x += wl + 5
            y += 14
    return rows

def main():
    path = sys.argv[1]
    rnd = random.Random(sys.argv[2] if len(sys.argv) > 2 else path)
    npages = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    if path.endswith((".tif", ".tiff")):
        tiff_gray(path, 400, 300, [page_rows(rnd) for _ in range(npages)])
    else:
        png_gray(path, 400, 300, page_rows(rnd))

main()
