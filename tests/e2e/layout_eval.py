#!/usr/bin/env python3
"""layout_eval.py - compares a page folder's model.layout.json with a
fixture's ground truth (fixtures/truth/NAME.json).

usage: layout_eval.py PAGEDIR TRUTH.json

Checks, printing one line per failure and exiting 1 when any failed:
  columns   every band of ours that covers a good part of a truth band has
            the truth's column count, each edge within 1% of page width;
  gutters   no text block of ours crosses a truth gutter unless a truth
            block crosses it the same way (a spanning headline, a deck);
  headlines every truth headline spanning several columns is one block of
            ours with role headline;
  photos    every truth photo is an image block of ours, and no text block
            of ours (sent to OCR) covers more than 5% of it.
"""
import json
import sys

TEXT_ROLES = {"masthead", "folio", "kicker", "headline", "subheadline",
              "byline", "body", "caption", "continuation", "unknown"}


def area(b):
    return max(0, b[2]) * max(0, b[3])


def inter(a, b):
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    return max(0, x1 - x0) * max(0, y1 - y0)


def iou(a, b):
    i = inter(a, b)
    u = area(a) + area(b) - i
    return i / u if u else 0.0


def main():
    pagedir, truth_path = sys.argv[1], sys.argv[2]
    model = json.load(open(f"{pagedir}/model.layout.json"))
    truth = json.load(open(truth_path))
    width = truth["page"]["width"]
    tol = 0.01 * width
    fails = []
    bands = model["bands"]
    blocks = model["blocks"]

    # columns
    for tb in truth["columns"]:
        ty0, ty1 = tb["y"]
        tcols = tb["columns"]
        matched = 0
        for b in bands:
            y0, y1 = b["y"]
            ov = min(y1, ty1) - max(y0, ty0)
            if ov < 0.4 * (y1 - y0) or ov < min(300, 0.15 * (ty1 - ty0)):
                continue
            matched += 1
            cols = b["columns"]
            if len(cols) != len(tcols):
                fails.append(f"columns: band {y0}-{y1}: {len(cols)} columns, "
                             f"truth {len(tcols)} ({ty0}-{ty1})")
                continue
            for c, t in zip(cols, tcols):
                if abs(c[0] - t[0]) > tol or abs(c[1] - t[1]) > tol:
                    fails.append(f"columns: band {y0}-{y1}: column {c} vs "
                                 f"truth {t} (tolerance {tol:.0f} px)")
        if not matched:
            fails.append(f"columns: no band covers truth band {ty0}-{ty1}")

    # gutters
    tblocks = [b for b in truth["blocks"] if b["role"] in TEXT_ROLES]
    for tb in truth["columns"]:
        ty0, ty1 = tb["y"]
        cols = tb["columns"]
        for g in range(len(cols) - 1):
            gx0, gx1 = cols[g][1], cols[g + 1][0]
            for b in blocks:
                x, y, w, h = b["bbox"]
                if b["role"] not in TEXT_ROLES or y + h <= ty0 or y >= ty1:
                    continue
                if not (x < gx0 - 10 and x + w > gx1 + 10):
                    continue
                ok = any(iou(b["bbox"], t["bbox"]) >= 0.5 and
                         t["bbox"][0] < gx0 - 10 and
                         t["bbox"][0] + t["bbox"][2] > gx1 + 10
                         for t in tblocks)
                if not ok:
                    fails.append(f"gutters: {b['id']} ({b['role']}) "
                                 f"{b['bbox']} crosses gutter {gx0}-{gx1}")

    # spanning headlines
    for t in truth["blocks"]:
        if t["role"] != "headline":
            continue
        tx, ty, tw, th = t["bbox"]
        spans = False
        for tb in truth["columns"]:
            if tb["y"][0] <= ty < tb["y"][1]:
                cw = tb["columns"][0][1] - tb["columns"][0][0]
                spans = tw > 1.2 * cw
        if not spans:
            continue
        best = max((b for b in blocks if b["role"] == "headline"),
                   key=lambda b: iou(b["bbox"], t["bbox"]), default=None)
        if not best or iou(best["bbox"], t["bbox"]) < 0.6 or \
                inter(best["bbox"], t["bbox"]) < 0.9 * area(t["bbox"]):
            fails.append(f"headlines: spanning headline {t['bbox']} "
                         f"\"{t['text'][:30]}\" is not one headline block"
                         + (f" (best {best['bbox']})" if best else ""))

    # photos
    for t in truth["blocks"]:
        if t["role"] != "image":
            continue
        if not any(b["role"] == "image" and iou(b["bbox"], t["bbox"]) >= 0.8
                   for b in blocks):
            fails.append(f"photos: photo {t['bbox']} not found")
        for b in blocks:
            if b["role"] in TEXT_ROLES and \
                    inter(b["bbox"], t["bbox"]) > 0.05 * area(t["bbox"]):
                fails.append(f"photos: text block {b['id']} {b['bbox']} "
                             f"covers photo {t['bbox']}")

    name = truth["page"]["id"]
    for f in fails:
        print(f"{name}: {f}")
    print(f"{name}: {'ok' if not fails else str(len(fails)) + ' failures'}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
