#!/usr/bin/env python3
"""contract_check.py PAGEDIR [TRUTH.json MAX_CER]

Checks one page folder against broadsheet's output contract (README, "Output
layout"): articles.json keys and types, articles/aNNN.txt and page.txt in the
documented text form and consistent with articles.json.  With a truth file it
also computes the page CER (articles in reading order, code points) and fails
above MAX_CER.  Prints the figures it measured.  Exit 0 pass, 1 fail."""
import json, os, sys


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def article_text(a):
    head = [a[k] for k in ("kicker", "headline", "subheadline", "byline")
            if a.get(k)]
    body = a.get("body", "")
    paras = body.split("\n") if body else []
    text = "".join(h + "\n" for h in head) + "\n"
    text += "\n".join(p + "\n" for p in paras)
    return text


def page_text_for_cer(doc):
    parts = []
    for aid in doc["reading_order"]:
        a = next(x for x in doc["articles"] if x["id"] == aid)
        fields = [a.get(k) or "" for k in ("kicker", "headline", "subheadline",
                                           "byline")]
        parts.append("\n".join(f for f in fields + [a.get("body", "")] if f))
    return "\n".join(parts)


def edit_distance(a, b):
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


def normalise(s):
    # Whitespace is layout, not text: collapse it before comparing.
    return " ".join(s.split())


def main():
    pagedir = sys.argv[1]
    path = os.path.join(pagedir, "articles.json")
    try:
        doc = json.load(open(path, encoding="utf-8"))
    except Exception as e:  # noqa: BLE001 - any parse problem fails the test
        fail(f"{path}: {e}")
    for key in ("page", "articles", "reading_order"):
        if key not in doc:
            fail(f"articles.json lacks {key}")
    for key, typ in (("source", str), ("width", int), ("height", int),
                     ("dpi", int), ("lang", str)):
        if not isinstance(doc["page"].get(key), typ):
            fail(f"page.{key} missing or not {typ.__name__}")
    ids = [a["id"] for a in doc["articles"]]
    if sorted(ids) != sorted(doc["reading_order"]) or len(set(ids)) != len(ids):
        fail("reading_order must name every article exactly once")
    if not doc["articles"]:
        fail("no articles found")
    for a in doc["articles"]:
        for key, typ in (("id", str), ("headline", str), ("body", str),
                         ("lang", str), ("bbox", list), ("blocks", list)):
            if not isinstance(a.get(key), typ):
                fail(f"article {a.get('id')}: {key} missing or not {typ.__name__}")
        for key in ("kicker", "subheadline", "byline"):
            if key in a and not isinstance(a[key], str):
                fail(f"article {a['id']}: {key} is not a string")
        for key in ("continued_from", "continued_to"):
            if key in a and not isinstance(a[key], int):
                fail(f"article {a['id']}: {key} is not a page number")
        if len(a["bbox"]) != 4:
            fail(f"article {a['id']}: bbox is not [x, y, w, h]")
        if "\n\n" in a["body"]:
            fail(f"article {a['id']}: paragraphs must be separated by one newline")
        txt = os.path.join(pagedir, "articles", a["id"] + ".txt")
        if not os.path.isfile(txt):
            fail(f"missing {txt}")
        got = open(txt, encoding="utf-8").read()
        if got != article_text(a):
            fail(f"{txt} does not match articles.json")
    ordered = [next(x for x in doc["articles"] if x["id"] == aid)
               for aid in doc["reading_order"]]
    page_txt = open(os.path.join(pagedir, "page.txt"), encoding="utf-8").read()
    if page_txt != "\n".join(article_text(a) for a in ordered):
        fail("page.txt is not the articles in reading order")
    leftovers = [f for f in os.listdir(pagedir) if ".tmp." in f]
    if leftovers:
        fail(f"temporary files left: {leftovers}")
    print(f"contract ok: {len(ids)} articles")
    if len(sys.argv) > 3:
        truth = json.load(open(sys.argv[2], encoding="utf-8"))
        ref = normalise(page_text_for_cer(truth))
        hyp = normalise(page_text_for_cer(doc))
        cer = edit_distance(ref, hyp) / max(1, len(ref))
        print(f"page CER {cer:.4f} ({len(ref)} reference characters), "
              f"ceiling {float(sys.argv[3]):.2f}")
        if cer > float(sys.argv[3]):
            fail(f"page CER {cer:.4f} above ceiling {sys.argv[3]}")


main()
