#!/usr/bin/env python3
"""mkpage.py OUT.png [SEED] - writes a small synthetic page (grey PNG,
stdlib only): two columns of dark bars shaped like lines of text, laid out
from SEED so different seeds give different pages.  For batch mechanics tests
that need many cheap, valid, distinct images."""
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

def main():
    path = sys.argv[1]
    rnd = random.Random(sys.argv[2] if len(sys.argv) > 2 else path)
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
    png_gray(path, w, h, rows)

main()
