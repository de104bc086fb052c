#!/usr/bin/env python3
"""layout_real.py - checks the layout of the real scans in ../shared/real.

usage: layout_real.py nzz PAGEDIR PAGE.xml
       layout_real.py unlv PAGEDIR ZONES.uzn

nzz:  the Neue Zuercher Zeitung front page of 4 Aug 1812: a masthead block
      covering the title regions of the PAGE XML truth, and the body band
      in 2 columns whose gutter lies between the truth's left and right
      region clusters (edges within 2% of the page width).
unlv: the magazine page 8087_054.3B: 2 columns whose edges match the text
      zones' (within 2% of page width), the photo between them an image
      block, and no text block covering more than 10% of it; the caption
      set over the gutter under the photo a block of its own (inside its
      zone, over half its height), and no other text block in the body rows
      running across the gutter.
"""
import json
import re
import sys


def inter(a, b):
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    return max(0, x1 - x0) * max(0, y1 - y0)


def text_blocks(model):
    return [b for b in model["blocks"] if b["role"] not in ("image", "separator")]


def body_band(model, y0, y1):
    """The band of ours covering most of rows [y0, y1)."""
    best, cover = None, 0
    for b in model["bands"]:
        c = min(b["y"][1], y1) - max(b["y"][0], y0)
        if c > cover:
            best, cover = b, c
    return best


def check_nzz(model, xml):
    s = open(xml, encoding="utf-8").read()
    regions = {}
    for m in re.finditer(r'<TextRegion[^>]*id="([^"]+)"[^>]*>\s*<Coords points="([^"]+)"', s):
        pts = [tuple(map(int, p.split(","))) for p in m.group(2).split()]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        regions[m.group(1)] = (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    width = model["page"]["width"]
    tol = 0.02 * width
    fails = []
    # title: the two regions of "Zuercher-" and "Zeitung" (the largest type)
    title = [r for r in regions.values() if r[1] < 600 and r[3] > 50 and r[2] > 400]
    mast = [b for b in model["blocks"] if b["role"] == "masthead"]
    for r in title:
        if not any(inter(b["bbox"], r) >= 0.8 * r[2] * r[3] for b in mast):
            fails.append(f"masthead: title region {r} not in a masthead block")
    if not title:
        fails.append("truth: no title regions found")
    # body: regions below y 880, split into left and right by their centre
    body = [r for r in regions.values() if r[1] >= 880 and r[2] < 0.6 * width]
    left = [r for r in body if r[0] + r[2] / 2 < width / 2]
    right = [r for r in body if r[0] + r[2] / 2 >= width / 2]
    gut0 = max(r[0] + r[2] for r in left)
    gut1 = min(r[0] for r in right)
    band = body_band(model, 900, 2300)
    if not band or len(band["columns"]) != 2:
        fails.append(f"columns: body band {band and band['y']} has "
                     f"{band and len(band['columns'])} columns, want 2")
    else:
        c = band["columns"]
        if abs(c[0][0] - min(r[0] for r in left)) > tol:
            fails.append(f"columns: left edge {c[0][0]} vs truth {min(r[0] for r in left)}")
        if abs(c[0][1] - gut0) > tol or abs(c[1][0] - gut1) > tol:
            fails.append(f"columns: gutter {c[0][1]}-{c[1][0]} vs truth {gut0}-{gut1}")
    return fails


def check_unlv(model, uzn):
    zones = []
    for line in open(uzn):
        f = line.split()
        if len(f) >= 5:
            zones.append((tuple(map(int, f[:4])), f[4]))
    width = model["page"]["width"]
    tol = 0.02 * width
    fails = []
    text = [z for z, kind in zones if kind == "Text" and z[2] > 0.3 * width]
    left = [z for z in text if z[0] + z[2] / 2 < width / 2]
    right = [z for z in text if z[0] + z[2] / 2 >= width / 2]
    want = [(min(z[0] for z in left), max(z[0] + z[2] for z in left)),
            (min(z[0] for z in right), max(z[0] + z[2] for z in right))]
    band = body_band(model, 600, 3100)
    if not band or len(band["columns"]) != 2:
        fails.append(f"columns: band {band and band['y']} has "
                     f"{band and len(band['columns'])} columns, want 2")
    else:
        for c, w in zip(band["columns"], want):
            if abs(c[0] - w[0]) > tol or abs(c[1] - w[1]) > tol:
                fails.append(f"columns: column {c} vs text zones {list(w)}")
    # the photo: the hole in the text zones between the two columns
    photo = (1000, 1100, 550, 1100)
    imgs = [b for b in model["blocks"] if b["role"] == "image"]
    if not any(inter(b["bbox"], photo) >= 0.8 * photo[2] * photo[3] for b in imgs):
        fails.append(f"photo: no image block covers {photo}")
    for b in text_blocks(model):
        if inter(b["bbox"], photo) > 0.1 * photo[2] * photo[3]:
            fails.append(f"photo: text block {b['id']} {b['bbox']} covers the photo")
    # the caption under the photo sits over the gutter, the columns' text
    # running on beside it: one block of its own, joined to neither side
    caps = [z for z, kind in zones if kind == "Caption"]

    def inside(b, z):
        return (b[0] >= z[0] - tol and b[1] >= z[1] - tol and
                b[0] + b[2] <= z[0] + z[2] + tol and b[1] + b[3] <= z[1] + z[3] + tol)
    for z in caps:
        if not any(inside(b["bbox"], z) and b["bbox"][3] * 2 >= z[3]
                   for b in text_blocks(model)):
            fails.append(f"caption: no text block of its own in zone {z}")
    if band and len(band["columns"]) == 2:
        g0, g1 = band["columns"][0][1], band["columns"][1][0]
        for b in text_blocks(model):
            x, y, w, h = b["bbox"]
            if (x < g0 and x + w > g1 and y + h > 600 and y < 3100 and
                    not any(inside(b["bbox"], z) for z in caps)):
                fails.append(f"gutter: text block {b['id']} {b['bbox']} runs across the gutter")
    return fails


def main():
    kind, pagedir, truth = sys.argv[1:4]
    model = json.load(open(f"{pagedir}/model.layout.json"))
    fails = check_nzz(model, truth) if kind == "nzz" else check_unlv(model, truth)
    for f in fails:
        print(f"{kind}: {f}")
    print(f"{kind}: {'ok' if not fails else str(len(fails)) + ' failures'}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
