#!/usr/bin/env python3
"""nzz_eval.py - broadsheet's articles on the NZZ 1812 page against the
article ground truth (PAGE XML baselines tagged with article ids).

  nzz_eval.py lines ARTICLES_JSON ARTICLES_PAGE_XML
      share of ground-truth lines whose middle lies in a block of the
      article that matches theirs (one to one, by most shared lines).
  nzz_eval.py text PAGE_XML
      the page text in the ground truth's reading order (region text).
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


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'lines':
        print(json.dumps(lines_share(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) == 3 and sys.argv[1] == 'text':
        sys.stdout.write(page_text(sys.argv[2]))
    else:
        sys.exit(__doc__)
