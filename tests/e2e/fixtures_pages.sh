#!/usr/bin/env bash
# fixtures_pages.sh - the committed fixture images are what tests expect:
# grey PNGs of 1 or 8 bits whose size matches their truth and whose pHYs
# chunk carries the truth's dpi; each file is at most 3 MB and all of them
# together at most 8 MB (the repository's size budget).
source "$(dirname "$0")/lib.sh"

python3 - "$ROOT/fixtures" <<'PY' || fail "fixture pages do not match their truth or the size budget"
import json, os, struct, sys, glob
root = sys.argv[1]
bad, total, n = [], 0, 0
for page in sorted(glob.glob(os.path.join(root, "pages", "*.png"))):
    name = os.path.basename(page)[:-4]
    truth = json.load(open(os.path.join(root, "truth", name + ".json"), encoding="utf-8"))["page"]
    data = open(page, "rb").read()
    total += len(data)
    n += 1
    if len(data) > 3 * 1024 * 1024:
        bad.append(f"{name}: {len(data)} bytes, over 3 MB")
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        bad.append(f"{name}: not a PNG")
        continue
    chunks, i = {}, 8
    while i + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        chunks.setdefault(kind, data[i + 8:i + 8 + length])
        i += 12 + length
    w, h, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    if (w, h) != (truth["width"], truth["height"]):
        bad.append(f"{name}: {w}x{h}, truth says {truth['width']}x{truth['height']}")
    if depth not in (1, 8) or color != 0:
        bad.append(f"{name}: bit depth {depth}, colour type {color}; want 1- or 8-bit grey")
    phys = chunks.get(b"pHYs")
    want = round(truth["dpi"] / 0.0254)
    if not phys or struct.unpack(">IIB", phys) != (want, want, 1):
        bad.append(f"{name}: pHYs does not say {truth['dpi']} dpi")
if total > 8 * 1024 * 1024:
    bad.append(f"all pages: {total} bytes, over 8 MB")
for b in bad:
    print("FAIL:", b)
print(f"{n} pages, {total} bytes")
sys.exit(1 if bad or n == 0 else 0)
PY
