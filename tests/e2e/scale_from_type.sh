#!/usr/bin/env bash
# scale_from_type.sh - issue 15.1: the scale is read from the type on the
# page, never from the file's dpi tag.
#
# 1. A fixture page with its dpi tag set to 150, 300 and 474 and with no
#    tag at all (tests/e2e/pngtool.py rewrites the pHYs chunk, the pixels
#    stay): the same measured type, the same articles (ids, blocks,
#    headline and body text), while each page records the tag it was given.
# 2. A fixture page at half size (x-height about 10 px, under
#    ocr_min_xheight_px): OCR reads it upscaled, and the words' boxes stay
#    in the page's own pixels: within the page, and where the same words
#    lie when it is read without upscaling (ocr_min_xheight_px=0).
. "$(dirname "$0")/lib.sh"
PAGE=$ROOT/fixtures/pages/en-3col.png      # three articles
SMALL=$ROOT/fixtures/pages/en-2col.png     # x-height 19.6 px
T=$ROOT/tests/e2e/pngtool.py
tesseract --list-langs 2>/dev/null | grep -qx eng || skip "no eng tessdata"
tmpdir d

for tag in 150 300 474 none; do
    python3 "$T" dpi "$PAGE" "$d/dpi-$tag.png" "$tag" || fail "pngtool dpi $tag"
done
"$BROADSHEET" run -q -j 2 --lang eng "$d"/dpi-*.png -o "$d/tags" || fail "run on the tagged pages"
python3 - "$d/tags" <<'PY' || fail "a dpi tag changed what broadsheet read"
import json, sys
root = sys.argv[1]
bad, seen = [], {}
for tag in ("150", "300", "474", "none"):
    pid = "dpi-" + tag
    a = json.load(open(f"{root}/{pid}/articles.json"))
    m = json.load(open(f"{root}/{pid}/model.binarize.json"))["page"]
    arts = [(x["id"], x["blocks"], x["headline"], x["body"]) for x in a["articles"]]
    seen[tag] = (m["type"], arts)
    if tag != "none" and m["dpi"] != int(tag):
        bad.append(f"{pid}: recorded dpi {m['dpi']}, not the tag {tag}")
    print(f"{pid}: type {m['type']}, {len(arts)} articles")
ref_type, ref_arts = seen["300"]
if len(ref_arts) < 2:
    bad.append(f"{len(ref_arts)} articles on the page tagged 300 dpi (truth: 3)")
for tag, (ty, arts) in seen.items():
    if ty != ref_type:
        bad.append(f"tag {tag}: type {ty}, tag 300: {ref_type}")
    if arts != ref_arts:
        bad.append(f"tag {tag}: articles differ from the page tagged 300 dpi")
print("\n".join(bad) if bad else "the same type and articles under every tag")
sys.exit(1 if bad else 0)
PY

python3 "$T" half "$SMALL" "$d/half.png" || fail "pngtool half"
"$BROADSHEET" run -q -j 1 --lang eng "$d/half.png" -o "$d/up" || fail "run on the half page"
"$BROADSHEET" run -q -j 1 --lang eng --set ocr_min_xheight_px=0 "$d/half.png" -o "$d/flat" ||
    fail "run on the half page without upscaling"
python3 - "$d/up/half/model.ocr.json" "$d/flat/half/model.ocr.json" <<'PY' ||
import json, sys
from statistics import median
def words(path):
    m = json.load(open(path))
    out = {}
    for b in m["blocks"]:
        for l in b.get("lines", []):
            for w in l["words"]:
                out.setdefault(w["text"], []).append(w["bbox"])
    return m["page"], out
page, up = words(sys.argv[1])
_, flat = words(sys.argv[2])
bad = []
xh = page["type"]["x_height"]
if not xh or xh >= 20:
    bad.append(f"the half page's x-height {xh} is not under 20 px: nothing to upscale")
for boxes in up.values():
    for x, y, w, h in boxes:
        if x < 0 or y < 0 or x + w > page["width"] + 1 or y + h > page["height"] + 1:
            bad.append(f"word box {[x, y, w, h]} outside the {page['width']} x {page['height']} page")
            break
# words read once on each side, long enough to be the same word
pairs = [(up[t][0], flat[t][0]) for t in up
         if len(t) >= 5 and len(up[t]) == 1 and len(flat.get(t, [])) == 1]
if len(pairs) < 50:
    bad.append(f"only {len(pairs)} words read alike with and without upscaling")
else:
    d = median(max(abs(a[0] - b[0]), abs(a[1] - b[1]), abs(a[0] + a[2] - b[0] - b[2]))
               for a, b in pairs)
    print(f"x-height {xh} px, {len(pairs)} words, median box shift {d} px")
    if d > 2:
        bad.append(f"upscaled words lie {d} px (median) from where they lie unscaled")
print("\n".join(bad) if bad else "upscaled OCR, the page's coordinates")
sys.exit(1 if bad else 0)
PY
    fail "upscaled OCR moved or lost the words"
echo "scale from the type: dpi tags ignored, upscaled OCR in page coordinates"
