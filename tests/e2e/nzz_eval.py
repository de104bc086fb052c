#!/usr/bin/env python3
"""nzz_eval.py - broadsheet's articles on the NZZ 1812 page against the
article ground truth (PAGE XML baselines tagged with article ids).

  nzz_eval.py lines ARTICLES_JSON ARTICLES_PAGE_XML
      share of ground-truth lines whose middle lies in a block of the
      article that matches theirs (one to one, by most shared lines).
  nzz_eval.py text PAGE_XML
      the page text in the ground truth's reading order (region text).
  nzz_eval.py truth-model PAGE_XML MODEL_IN MODEL_OUT
      a layout model from the ground truth's regions (no text, no roles
      beyond position: above the first full-width rule masthead, between
      the first two folio, below body; columns split at the vertical rule),
      to measure ocr, order and articles apart from layout.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

NS = '{http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15}'


def points(s):
    return [tuple(int(v) for v in p.split(',')) for p in s.split()]


def gt_lines(path):
    root = ET.parse(path).getroot()
    out = []
    for line in root.iter(NS + 'TextLine'):
        m = re.search(r'structure \{id:([^;]+);', line.get('custom', ''))
        base = line.find(NS + 'Baseline')
        if not m or base is None:
            continue
        pts = points(base.get('points'))
        xs = [p[0] for p in pts]
        x = (min(xs) + max(xs)) // 2
        # the baseline point nearest x, lifted into the x-height
        y = min(pts, key=lambda p: abs(p[0] - x))[1] - 12
        out.append((m.group(1), x, y))
    return out


def lines_share(articles_path, xml_path):
    doc = json.load(open(articles_path, encoding='utf-8'))
    blocks = [b for b in doc['blocks'] if b.get('article')]
    lines = gt_lines(xml_path)
    ours = []
    for gt, x, y in lines:
        hit = None
        for b in blocks:
            bx, by, bw, bh = b['bbox']
            if bx <= x < bx + bw and by <= y < by + bh:
                hit = b['article']
                break
        ours.append(hit)
    counts = {}
    for (gt, _, _), o in zip(lines, ours):
        if o:
            counts[(gt, o)] = counts.get((gt, o), 0) + 1
    mapped, used_gt, used_o = {}, set(), set()
    for (gt, o), c in sorted(counts.items(), key=lambda kv: -kv[1]):
        if gt in used_gt or o in used_o:
            continue
        mapped[gt] = o
        used_gt.add(gt)
        used_o.add(o)
    right = sum(1 for (gt, _, _), o in zip(lines, ours)
                if o and mapped.get(gt) == o)
    return {'lines': len(lines), 'right': right,
            'share': right / len(lines) if lines else 0.0,
            'gt_articles': len({gt for gt, _, _ in lines}),
            'our_articles': len(doc['articles']), 'mapping': mapped}


def page_text(path):
    root = ET.parse(path).getroot()
    regions = {r.get('id'): r for r in root.iter(NS + 'TextRegion')}
    order = [(int(r.get('index')), r.get('regionRef'))
             for r in root.iter(NS + 'RegionRefIndexed')]
    parts = []
    for _, ref in sorted(order):
        r = regions.get(ref)
        if r is None:
            continue
        eq = r.find(NS + 'TextEquiv/' + NS + 'Unicode')
        if eq is not None and eq.text:
            parts.append(eq.text)
    return '\n'.join(parts)


def region_box(reg):
    pts = points(reg.find(NS + 'Coords').get('points'))
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)]


def truth_model(xml_path, model_in, model_out):
    root = ET.parse(xml_path).getroot()
    model = json.load(open(model_in, encoding='utf-8'))
    regs = []
    for reg in root.iter():
        kind = {NS + 'TextRegion': 'text', NS + 'SeparatorRegion': 'separator',
                NS + 'GraphicRegion': 'image',
                NS + 'ImageRegion': 'image'}.get(reg.tag)
        if kind:
            regs.append((kind, region_box(reg)))
    width = model['page']['width']
    rules = sorted(b[1] for k, b in regs
                   if k == 'separator' and b[2] > 0.6 * width)
    vrules = [b for k, b in regs if k == 'separator' and b[3] > 3 * b[2]]
    cuts = rules[:2]
    body = [b for k, b in regs if k == 'text' and (not cuts or b[1] > cuts[-1])]
    cols = []
    if vrules and body:
        vx = vrules[0][0]
        left = [b for b in body if b[0] + b[2] / 2 < vx]
        right = [b for b in body if b[0] + b[2] / 2 >= vx]
        if left:
            cols.append([min(b[0] for b in left), vx])
        if right:
            cols.append([vx + vrules[0][2], max(b[0] + b[2] for b in right)])
    elif body:
        cols.append([min(b[0] for b in body), max(b[0] + b[2] for b in body)])
    y0 = cuts[-1] + 1 if cuts else 0
    bands = [{'y': [y0, model['page']['height']], 'columns': cols}]
    blocks = []
    for i, (kind, b) in enumerate(regs, 1):
        role, band, c0, c1 = 'body', -1, -1, -1
        if kind != 'text':
            role = kind
        elif len(cuts) > 0 and b[1] < cuts[0]:
            role = 'masthead'
        elif len(cuts) > 1 and b[1] < cuts[1]:
            role = 'folio'
        else:
            band = 0
            hit = [ci for ci, (x0, x1) in enumerate(cols)
                   if min(b[0] + b[2], x1) - max(b[0], x0) > 0.15 * (x1 - x0)]
            if hit:
                c0, c1 = hit[0], hit[-1]
            else:
                band = -1
        blocks.append({'id': 'b%03d' % i, 'role': role, 'bbox': b,
                       'band': band, 'columns': [c0, c1], 'order': -1,
                       'text_height': 0, 'lines': []})
    model['stage'] = 'layout'
    model['bands'] = bands
    model['blocks'] = blocks
    model['articles'] = []
    json.dump(model, open(model_out, 'w', encoding='utf-8'), indent=1)


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'lines':
        print(json.dumps(lines_share(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) == 5 and sys.argv[1] == 'truth-model':
        truth_model(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 3 and sys.argv[1] == 'text':
        sys.stdout.write(page_text(sys.argv[2]))
    else:
        sys.exit(__doc__)
