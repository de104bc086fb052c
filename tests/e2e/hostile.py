#!/usr/bin/env python3
"""tests/e2e/hostile.py - the hostile inputs too big to commit, written at
test time (stdlib only), and a way to measure what a command costs.

    hostile.py gif W H MAXBYTES OUT      a GIF frame of W x H, one colour,
                                         LZW codes for as many pixels as fit
                                         in MAXBYTES (a 1 MB file decodes to
                                         1.6 G pixels)
    hostile.py checker SIDE SQUARE OUT   a SIDE x SIDE grey checkerboard PNG
                                         of SQUARE-pixel squares
    hostile.py tiff PAGES OUT            a TIFF of PAGES 32 x 32 white pages
    hostile.py grid COLS ROWS OUT        a grey PNG of COLS x ROWS black blots
                                         (a layout of COLS x ROWS blocks)
    hostile.py page MODE N DIR           a page folder (model.load.json,
                                         model.ocr.json) stressing one size:
                                         blocks, mixed (blocks of every role),
                                         lines, words, samewords, hyphens
    hostile.py hyphens N OUT             plain text of N hyphenated line pairs
    hostile.py hocr N OUT                hOCR: one line of N overlapping words
    hostile.py measure SECONDS CMD...    runs CMD, prints "rc seconds peak_MB"
                                         (peak resident memory of the largest
                                         process it started); kills it after
                                         SECONDS
"""
import json, os, resource, struct, subprocess, sys, time, zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "fixtures", "bad"))
import make_bad  # noqa: E402  (helpers only: writing happens in its main)


def gif(w, h, max_bytes):
    """Constant-colour LZW: each code stands for a run one pixel longer than
    the last, the table cleared when full (what a GIF encoder writes for a
    blank frame)."""
    min_size = 2
    clear, eoi = 1 << min_size, (1 << min_size) + 1
    out = bytearray()
    acc = nbits = 0

    def emit(code, width):
        nonlocal acc, nbits
        acc |= code << nbits
        nbits += width
        while nbits >= 8:
            out.append(acc & 255)
            acc >>= 8
            nbits -= 8
    total = w * h
    done, width, next_code, run = 0, min_size + 1, eoi + 1, 1
    emit(clear, width)
    while done < total and len(out) < max_bytes:
        n = min(run, total - done)
        emit(0 if n == 1 else eoi + n - 1, width)
        done += n
        if next_code >= (1 << width) and width < 12:
            width += 1
        if next_code >= 4095:
            emit(clear, width)
            width, next_code, run = min_size + 1, eoi + 1, 1
        else:
            next_code += 1
            run = n + 1
    emit(eoi, width)
    if nbits:
        out.append(acc & 255)
    data = bytearray()
    for i in range(0, len(out), 255):
        data += bytes([len(out[i:i + 255])]) + out[i:i + 255]
    return (b"GIF89a" + struct.pack("<HHBBB", w, h, 0x80, 0, 0) +
            b"\0\0\0\xff\xff\xff" + b"," + struct.pack("<HHHHB", 0, 0, w, h, 0) +
            bytes([min_size]) + bytes(data) + b"\0;")


def checker(side, sq):
    rows = [bytes((0 if ((x // sq) + k) % 2 == 0 else 255) for x in range(side))
            for k in (0, 1)]
    co = zlib.compressobj(9)
    parts = [co.compress(b"\0" + rows[(y // sq) % 2]) for y in range(side)]
    parts.append(co.flush())
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + make_bad.chunk(b"IHDR", ihdr) +
            make_bad.chunk(b"IDAT", b"".join(parts)) + make_bad.chunk(b"IEND", b""))


def grid(cols, rows, cw=130, ch=60, bw=60, bh=20):
    W, H = cols * cw, rows * ch
    ink = bytearray(b"\xff" * W)
    for c in range(cols):
        ink[c * cw + 10:c * cw + 10 + bw] = b"\0" * bw
    ink, white = bytes(ink), b"\xff" * W
    co = zlib.compressobj(9)
    parts = [co.compress(b"\0" + (ink if 10 <= y % ch < 10 + bh else white))
             for y in range(H)]
    parts.append(co.flush())
    ihdr = struct.pack(">IIBBBBB", W, H, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + make_bad.chunk(b"IHDR", ihdr) +
            make_bad.chunk(b"IDAT", b"".join(parts)) + make_bad.chunk(b"IEND", b""))


def word(t, x, y, w=60, h=20):
    return {"text": t, "bbox": [x, y, w, h], "conf": 90.0}


def line(words):
    x0 = min(w["bbox"][0] for w in words)
    y0 = min(w["bbox"][1] for w in words)
    x1 = max(w["bbox"][0] + w["bbox"][2] for w in words)
    y1 = max(w["bbox"][1] + w["bbox"][3] for w in words)
    return {"bbox": [x0, y0, x1 - x0, y1 - y0], "words": words}


def block(i, role, lines, col=0):
    x0 = min(l["bbox"][0] for l in lines)
    y0 = min(l["bbox"][1] for l in lines)
    x1 = max(l["bbox"][0] + l["bbox"][2] for l in lines)
    y1 = max(l["bbox"][1] + l["bbox"][3] for l in lines)
    return {"id": "b%03d" % (i + 1), "role": role,
            "bbox": [x0, y0, x1 - x0, y1 - y0], "band": 0,
            "columns": [col, col], "order": -1, "text_height": 20.0,
            "lines": lines}


def page(mode, n, out):
    os.makedirs(out, exist_ok=True)
    W, H, cols, blocks = 2000, 3000, 1, []
    if mode == "samewords":     # one line, n readings of one word, overlapping
        blocks = [block(0, "body", [line([word("dup", 100 + i % 3, 100)
                                          for i in range(n)])])]
    elif mode == "words":       # one line, n words left to right
        W = 100 + n * 12
        blocks = [block(0, "body", [line([word("w%d" % i, 10 + i * 12, 100, 10)
                                          for i in range(n)])])]
    elif mode == "lines":       # one block, n lines
        H = 100 + n * 25
        blocks = [block(0, "body", [line([word("line", 100, 10 + i * 25),
                                          word("%d" % i, 170, 10 + i * 25)])
                                    for i in range(n)])]
    elif mode == "hyphens":     # one block, n hyphenated line pairs
        H, ls = 100 + n * 50, []
        for i in range(n):
            ls.append(line([word("the", 100, 10 + i * 50), word("inter-", 170, 10 + i * 50)]))
            ls.append(line([word("national", 100, 35 + i * 50), word("news", 170, 35 + i * 50)]))
        blocks = [block(0, "body", ls)]
    elif mode in ("blocks", "mixed"):   # n one-line blocks in 60 columns
        cols = 60
        W, H = cols * 100, (n + cols - 1) // cols * 40 + 100
        roles = ["headline", "body", "body", "body", "caption", "byline",
                 "kicker", "separator", "image", "subheadline"]
        for i in range(n):
            c, r = i % cols, i // cols
            role = roles[(i * 7 + r) % 10] if mode == "mixed" else "body"
            x, y = c * 100 + 5, r * 40 + 5
            b = block(i, role, [line([word("word%d" % i, x, y, 80, 20)])], c)
            if role in ("separator", "image"):
                b["lines"] = []
                b["bbox"] = [x, y, 80, 3 if role == "separator" else 30]
            blocks.append(b)
    else:
        sys.exit("hostile.py page: unknown mode " + mode)
    info = {"id": os.path.basename(out.rstrip("/")), "source": "x.png",
            "checksum": "0" * 64, "width": W, "height": H, "dpi": 300,
            "lang": "eng", "skew_deg": 0.0, "number": 0}
    bands = [{"y": [0, H], "columns": [[c * W // cols, (c + 1) * W // cols - 5]
                                       for c in range(cols)]}]
    for name, stage, bl, bd in (("model.ocr.json", "ocr", blocks, bands),
                                ("model.load.json", "load", [], [])):
        with open(os.path.join(out, name), "w") as f:
            json.dump({"format": "broadsheet-page", "version": 1, "stage": stage,
                       "page": info, "bands": bd, "blocks": bl, "articles": []}, f)


def hocr(n):
    words = "".join('<span class="ocrx_word" title="bbox %d 100 %d 130">dup</span> '
                    % (100 + i % 3, 160 + i % 3) for i in range(n))
    return ('<!DOCTYPE html><html><head><meta name="ocr-system" content="t"/></head>'
            '<body><div class="ocr_page" title="bbox 0 0 2000 3000">'
            '<div class="ocr_carea" title="bbox 100 100 200 130">'
            '<span class="ocr_line" title="bbox 100 100 200 130">' + words +
            '</span></div></div></body></html>\n')


def measure(seconds, cmd):
    t0 = time.monotonic()
    try:
        rc = subprocess.run(cmd, timeout=seconds).returncode
    except subprocess.TimeoutExpired:
        rc = 124
    took = time.monotonic() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print("%d %.2f %.0f" % (rc, took, peak))


def main(a):
    if a[0] == "gif":
        open(a[4], "wb").write(gif(int(a[1]), int(a[2]), int(a[3])))
    elif a[0] == "checker":
        open(a[3], "wb").write(checker(int(a[1]), int(a[2])))
    elif a[0] == "tiff":
        pg = (32, 32, 8, 1, 1, bytes([255]) * 1024)
        open(a[2], "wb").write(make_bad.tiff([pg] * int(a[1])))
    elif a[0] == "grid":
        open(a[3], "wb").write(grid(int(a[1]), int(a[2])))
    elif a[0] == "page":
        page(a[1], int(a[2]), a[3])
    elif a[0] == "hyphens":
        open(a[2], "w").write("the inter-\nnational news\n" * int(a[1]))
    elif a[0] == "hocr":
        open(a[2], "w").write(hocr(int(a[1])))
    elif a[0] == "measure":
        measure(float(a[1]), a[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
