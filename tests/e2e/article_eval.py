#!/usr/bin/env python3
"""article_eval.py - articles of a broadsheet run against ground truth.

  article_eval.py articles OUT_ARTICLES_JSON TRUTH_JSON
      prints JSON: truth/ours article counts, found (recall), matched
      (precision), headlines exactly right, mean article CER.
  article_eval.py page TEXT_FILE TRUTH_JSON
      prints the page CER of TEXT_FILE against the truth articles in reading
      order.
  article_eval.py truth-model TRUTH_JSON MODEL_IN MODEL_OUT
      writes a layout model (blocks, roles, boxes, bands) from the truth, for
      measuring ocr/order/articles apart from layout.

An article is found when the CER of its text (kicker, headline, subheadline,
byline, body) against a ground-truth article is under 0.25; matching is one
to one, best first.  CER is edit distance on code points over the truth's
length, after NFKC, with white space collapsed and dropped next to CJK.
"""
import json
import re
import sys
import unicodedata

CJK = re.compile(r'[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]')


def norm(text):
    t = unicodedata.normalize('NFKC', text or '')
    t = re.sub(r'\s+', ' ', t).strip()
    # no spaces next to CJK characters
    out = []
    for i, ch in enumerate(t):
        if ch == ' ':
            prev = t[i - 1] if i else ''
            nxt = t[i + 1] if i + 1 < len(t) else ''
            if CJK.match(prev or 'a') or CJK.match(nxt or 'a'):
                continue
        out.append(ch)
    return ''.join(out)


def distance(a, b):
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1,
                           prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(got, want):
    g, w = norm(got), norm(want)
    if not w:
        return 0.0 if not g else 1.0
    return distance(g, w) / len(w)


def article_text(a):
    parts = [a.get(k) for k in ('kicker', 'headline', 'subheadline', 'byline')]
    parts = [p for p in parts if p]
    return ' '.join(parts + [(a.get('body') or '').replace('\n', ' ')])


def headline_key(h):
    t = unicodedata.normalize('NFKC', h or '').casefold()
    return ''.join(ch for ch in t if ch.isalnum())


def in_order(doc):
    by_id = {a['id']: a for a in doc['articles']}
    order = doc.get('reading_order') or [a['id'] for a in doc['articles']]
    return [by_id[i] for i in order if i in by_id]


def eval_articles(ours_path, truth_path):
    ours = in_order(json.load(open(ours_path, encoding='utf-8')))
    truth = in_order(json.load(open(truth_path, encoding='utf-8')))
    pairs = []
    for ti, t in enumerate(truth):
        tt = article_text(t)
        for oi, o in enumerate(ours):
            pairs.append((cer(article_text(o), tt), ti, oi))
    pairs.sort()
    used_t, used_o, best = set(), set(), {}
    for c, ti, oi in pairs:
        if ti in used_t or oi in used_o:
            continue
        used_t.add(ti)
        used_o.add(oi)
        best[ti] = (c, oi)
    found = sum(1 for ti in best if best[ti][0] < 0.25)
    heads = sum(1 for ti, t in enumerate(truth) if ti in best and
                best[ti][0] < 0.25 and
                headline_key(ours[best[ti][1]].get('headline')) ==
                headline_key(t.get('headline')))
    cers = [min(best[ti][0], 1.0) if ti in best else 1.0
            for ti in range(len(truth))]
    return {
        'truth': len(truth), 'ours': len(ours), 'found': found,
        'recall': found / len(truth) if truth else 1.0,
        'precision': found / len(ours) if ours else 0.0,
        'headlines_right': heads,
        'headline_share': heads / len(truth) if truth else 1.0,
        'mean_cer': sum(cers) / len(cers) if cers else 0.0,
        'cers': [round(c, 4) for c in cers],
    }


def eval_page(text_path, truth_path):
    truth = in_order(json.load(open(truth_path, encoding='utf-8')))
    want = ' '.join(article_text(a) for a in truth)
    got = open(text_path, encoding='utf-8').read()
    return {'page_cer': cer(got, want)}


def truth_model(truth_path, model_in, model_out):
    truth = json.load(open(truth_path, encoding='utf-8'))
    model = json.load(open(model_in, encoding='utf-8'))
    bands = [{'y': b['y'], 'columns': b['columns']} for b in truth['columns']]
    blocks = []
    for b in truth['blocks']:
        x, y, w, h = b['bbox']
        band, c0, c1 = -1, -1, -1
        for bi, band_ in enumerate(bands):
            if band_['y'][0] <= y + h // 2 < band_['y'][1]:
                band = bi
                cols = [ci for ci, (x0, x1) in enumerate(band_['columns'])
                        if min(x + w, x1) - max(x, x0) > 0.15 * (x1 - x0)]
                if cols:
                    c0, c1 = cols[0], cols[-1]
                else:
                    band = -1
        nlines = len([t for t in (b.get('text') or '').split('\n') if t])
        # glyph height: about 0.75 of the line pitch
        th = round(h / nlines * 0.75, 1) if nlines else 0
        blocks.append({'id': b['id'], 'role': b['role'], 'bbox': b['bbox'],
                       'band': band, 'columns': [c0, c1], 'order': -1,
                       'text_height': th, 'lines': []})
    model['stage'] = 'layout'
    model['bands'] = bands
    model['blocks'] = blocks
    model['articles'] = []
    json.dump(model, open(model_out, 'w', encoding='utf-8'), ensure_ascii=False,
              indent=1)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == 'articles':
        print(json.dumps(eval_articles(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) == 4 and sys.argv[1] == 'page':
        print(json.dumps(eval_page(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) == 5 and sys.argv[1] == 'truth-model':
        truth_model(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
