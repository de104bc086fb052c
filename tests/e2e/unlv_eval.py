#!/usr/bin/env python3
"""unlv_eval.py - a layout model from a UNLV .uzn zone file.

  unlv_eval.py truth-model UZN MODEL_IN MODEL_OUT
      zones become blocks (Text -> body, Caption -> caption, Header/Footer
      -> folio), with one band whose columns are the x-ranges of the widest
      text zones left and right of the page's middle; no roles beyond that
      and no text, so ocr, order and articles are measured apart from
      layout.
"""
import json
import sys


def truth_model(uzn, model_in, model_out):
    model = json.load(open(model_in, encoding='utf-8'))
    zones = []
    for line in open(uzn, encoding='latin-1'):
        parts = line.split()
        if len(parts) >= 5:
            x, y, w, h = (int(v) for v in parts[:4])
            zones.append((x, y, w, h, ' '.join(parts[4:])))
    mid = model['page']['width'] / 2
    text = [z for z in zones if z[4] == 'Text']
    cols = []
    for side in (lambda z: z[0] + z[2] / 2 < mid, lambda z: z[0] + z[2] / 2 >= mid):
        zs = [z for z in text if side(z)]
        if zs:
            wide = max(zs, key=lambda z: z[2])
            cols.append([wide[0], wide[0] + wide[2]])
    blocks = []
    for i, (x, y, w, h, kind) in enumerate(zones, 1):
        role = {'Text': 'body', 'Caption': 'caption'}.get(kind, 'folio')
        hit = [ci for ci, (x0, x1) in enumerate(cols)
               if min(x + w, x1) - max(x, x0) > 0.15 * (x1 - x0)]
        band, c0, c1 = (0, hit[0], hit[-1]) if hit and role != 'folio' else (-1, -1, -1)
        blocks.append({'id': 'b%03d' % i, 'role': role, 'bbox': [x, y, w, h],
                       'band': band, 'columns': [c0, c1], 'order': -1,
                       'text_height': 0, 'lines': []})
    model['stage'] = 'layout'
    model['bands'] = [{'y': [0, model['page']['height']], 'columns': cols}]
    model['blocks'] = blocks
    model['articles'] = []
    json.dump(model, open(model_out, 'w', encoding='utf-8'), indent=1)


if __name__ == '__main__':
    if len(sys.argv) == 5 and sys.argv[1] == 'truth-model':
        truth_model(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
