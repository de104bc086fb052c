#!/usr/bin/env bash
# jumps_link.sh - jump lines end to end: two page folders (front page 1 and
# page 4, models as `order` leaves them, written here) re-run from
# `articles`.  The jump line at the foot of the front-page story ("See
# BUDGET, Page 4") and the Chinese one ("下转第4版") leave the body and
# become continued_to = 4; the heads on page 4 ("BUDGET from Page 1",
# "上接第1版") become continued_from = 1; after export the run links each
# pair in both pages' articles.json and model.repair.json.
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bs-jumps.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY' || fail "could not write the test models"
import json, os, sys
out = sys.argv[1]

def line(text, x, y, w, h=30):
    return {'bbox': [x, y, w, h], 'words': [{'text': text, 'bbox': [x, y, w, h], 'conf': 90}]}

def block(i, role, box, lines):
    return {'id': 'b%03d' % i, 'role': role, 'bbox': box, 'band': 0,
            'columns': [0 if box[0] < 700 else 1] * 2, 'order': -1,
            'text_height': 22, 'lines': lines}

def page(pid, number, blocks):
    d = os.path.join(out, pid)
    os.makedirs(d)
    m = {'format': 'broadsheet-page', 'version': 1, 'stage': 'order',
         'page': {'id': pid, 'source': pid + '.png', 'width': 1400,
                  'height': 2000, 'dpi': 300, 'lang': 'eng', 'skew_deg': 0,
                  'number': number},
         'bands': [{'y': [0, 2000], 'columns': [[100, 650], [750, 1300]]}],
         'blocks': blocks, 'articles': []}
    json.dump(m, open(os.path.join(d, 'model.order.json'), 'w'), ensure_ascii=False)

page('front', 1, [
    block(1, 'headline', [100, 100, 550, 60], [line('City Budget Passes', 100, 100, 540, 60)]),
    block(2, 'body', [100, 200, 550, 160], [
        line('The council passed the budget on', 100, 200, 550),
        line('Tuesday after a long night of talks', 100, 240, 550),
        line('and a vote of seven to two.', 100, 280, 400),
        line('See BUDGET, Page 4', 100, 330, 300)]),
    block(3, 'headline', [750, 100, 550, 60], [line('老旧小区改造惠及三万居民', 750, 100, 540, 60)]),
    block(4, 'body', [750, 200, 550, 120], [
        line('记者从市住房和城乡建设局获悉，今年', 750, 200, 550),
        line('全市计划改造老旧小区四十二个。', 750, 240, 500),
        line('（下转第4版）', 750, 290, 200)]),
])
page('inside', 4, [
    block(1, 'headline', [100, 100, 550, 60], [line('Schools Open Late', 100, 100, 540, 60)]),
    block(2, 'body', [100, 200, 550, 80], [line('Classes start at ten from Monday.', 100, 200, 550)]),
    block(3, 'body', [750, 100, 550, 30], [line('BUDGET from Page 1', 750, 100, 300)]),
    block(4, 'body', [750, 150, 550, 80], [line('The vote came after midnight.', 750, 150, 550)]),
    block(5, 'body', [100, 400, 550, 30], [line('■上接第1版', 100, 400, 200)]),
    block(6, 'body', [100, 450, 550, 80], [line('改造内容主要包括更换供水管道。', 100, 450, 550)]),
])
PY
"$BROADSHEET" run -q --from articles "$tmp/front" "$tmp/inside" >&2 ||
    fail "broadsheet run --from articles failed"
python3 - "$tmp" <<'PY' || exit 1
import json, sys
out = sys.argv[1]
ok = True
def check(cond, what):
    global ok
    if not cond:
        print('FAIL:', what)
        ok = False
for f in ('articles.json', 'model.repair.json'):
    front = {a['headline']: a for a in json.load(open(f'{out}/front/{f}'))['articles']}
    inside = json.load(open(f'{out}/inside/{f}'))['articles']
    budget = front.get('City Budget Passes', {})
    zh = front.get('老旧小区改造惠及三万居民', {})
    check(budget.get('continued_to') == 4, f'{f}: budget continued_to')
    check('Page 4' not in budget.get('body', 'Page 4'), f'{f}: jump line left in body')
    check(zh.get('continued_to') == 4, f'{f}: chinese continued_to')
    check('下转' not in zh.get('body', '下转'), f'{f}: chinese jump line in body')
    by_ref = {a.get('continued_from_ref'): a for a in inside}
    b_in = [a for a in inside if 'midnight' in a.get('body', '')]
    z_in = [a for a in inside if '供水' in a.get('body', '')]
    check(len(b_in) == 1 and b_in[0].get('continued_from') == 1, f'{f}: budget from')
    check(len(z_in) == 1 and z_in[0].get('continued_from') == 1, f'{f}: chinese from')
    if b_in and z_in:
        check(budget.get('continued_to_ref') == 'inside/' + b_in[0]['id'], f'{f}: budget to_ref')
        check(b_in[0].get('continued_from_ref') == 'front/' + budget.get('id', ''), f'{f}: budget from_ref')
        check(zh.get('continued_to_ref') == 'inside/' + z_in[0]['id'], f'{f}: chinese to_ref')
        check(z_in[0].get('continued_from_ref') == 'front/' + zh.get('id', ''), f'{f}: chinese from_ref')
    print(f, 'front:', {k: (v.get('continued_to'), v.get('continued_to_ref')) for k, v in front.items()})
    print(f, 'inside:', [(a['id'], a['headline'], a.get('continued_from'), a.get('continued_from_ref')) for a in inside])
sys.exit(0 if ok else 1)
PY
