#!/usr/bin/env bash
# formats_pdf.sh - `--formats pdf` (issue 17.9): page.pdf is the page image
# with an invisible text layer of broadsheet's own words at their boxes
# (poppler's pdftotext reads the page's words, at the right place) and one
# bookmark per article; English and Chinese.
. "$(dirname "$0")/lib.sh"
[ -x "$BROADSHEET" ] || skip "no binary at $BROADSHEET"
command -v pdftotext >/dev/null || skip "no pdftotext (Debian: poppler-utils)"
tmpdir t
for name in en-2col zh-2col; do
    dir=$(fixture_run "$name") || fail "fixture run $name"
    [ -f "$dir/page.pdf" ] || fail "$name: no page.pdf with --formats all"
    pdftotext -enc UTF-8 "$dir/page.pdf" "$t/$name.txt" || fail "$name: pdftotext"
    pdftotext -enc UTF-8 -bbox "$dir/page.pdf" "$t/$name.bbox.html" || fail "$name: pdftotext -bbox"
    pdfinfo "$dir/page.pdf" > "$t/$name.info" || fail "$name: pdfinfo"
    python3 - "$dir" "$t/$name.txt" "$t/$name.bbox.html" "$t/$name.info" "$dir/page.pdf" <<'PY' || fail "$name: text layer"
import json, re, sys, html, zlib
pagedir, txt, bbox, info, pdf = sys.argv[1:]
model = json.load(open(f"{pagedir}/model.repair.json"))
arts = json.load(open(f"{pagedir}/articles.json"))
info_m = model["page"]
dpi = info_m["dpi"]
k = 72.0 / dpi
words = [w for b in model["blocks"] if b["role"] not in ("separator", "image")
         for l in b.get("lines", []) for w in l.get("words", []) if w["text"].strip()]
assert words, "no words in the model"
# 1. The page size is the image's at its resolution.
size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", open(info).read())
assert size, open(info).read()
assert abs(float(size.group(1)) - info_m["width"] * k) < 1 and \
       abs(float(size.group(2)) - info_m["height"] * k) < 1, size.groups()
# 2. The text: every word of the page is in what pdftotext reads.
got = open(txt, encoding="utf-8").read()
text = re.sub(r"\s+", "", got)
missing = [w["text"] for w in words if re.sub(r"\s+", "", w["text"]) not in text]
print(f"{len(words)} words, {len(missing)} not found in pdftotext's text")
assert len(missing) <= len(words) * 0.01, missing[:20]
# 3. At the right place: each word pdftotext finds lies over its box.
found = [(float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)),
          html.unescape(m.group(5)))
         for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                              r'yMax="([\d.]+)">([^<]*)</word>', open(bbox, encoding="utf-8").read())]
assert found, "pdftotext -bbox found no words"
placed = 0
for w in words:
    x, y, bw, bh = w["bbox"]
    cx, cy = (x + bw / 2) * k, (y + bh / 2) * k
    for fx0, fy0, fx1, fy1, ft in found:
        if ft and (ft in w["text"] or w["text"] in ft) and fx0 - 2 <= cx <= fx1 + 2 and fy0 - 2 <= cy <= fy1 + 2:
            placed += 1
            break
print(f"{placed} of {len(words)} words found over their boxes")
assert placed >= len(words) * 0.95, placed
# 4. One bookmark per article, titled with its headline.
raw = open(pdf, "rb").read()
titles = [bytes.fromhex(m.decode()).decode("utf-16-be")
          for m in re.findall(rb"/Title <FEFF([0-9A-F]*)>", raw)]
want = [a for a in arts["articles"] if a["blocks"]]
assert len(titles) == len(want), (len(titles), len(want))
for t, a in zip(titles, want):
    head = a["headline"] or a["body"].split("\n")[0][:80] or a["id"]
    assert t == head.replace("\n", " ")[:80] or head.startswith(t), (t, head)
print("bookmarks:", titles)
PY
done
# Without pdf in --formats, an earlier page.pdf is removed.
dir=$(fixture_run en-2col) || fail "fixture run"
cp -R "$dir" "$t/p"
"$BROADSHEET" stage export "$t/p" --formats txt,json -q || fail "stage export"
[ ! -e "$t/p/page.pdf" ] || fail "stale page.pdf left"
"$BROADSHEET" stage export "$t/p" --formats pdf -q || fail "stage export pdf"
[ -f "$t/p/page.pdf" ] || fail "no page.pdf from stage export"
echo "searchable PDF: words where they are, bookmarks per article"
