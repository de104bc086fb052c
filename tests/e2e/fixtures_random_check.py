#!/usr/bin/env python3
"""fixtures_random_check.py - checks the truth files of random fixture pages.

    fixtures_random_check.py TRUTH.json...

Per page: every block's box is non-empty and inside the page; no two text or
picture blocks overlap (rules may meet rules); every block an article names
exists and points back to it, and every block with an article is listed in
it; the article's box is the union of its blocks; every article has body
text, its body is its body blocks' text then its captions, and its headline
is its headline block's text; "elements" of articles and of the page come
from the vocabulary of fixtures/README.md; ads are image blocks in no
article.  Across the pages: every kind of the vocabulary occurs at least
once.  Prints a count per kind; exits 1 with one line per problem.
"""
import json
import sys

ARTICLE_KINDS = [
    "headline_spanning", "headline_narrow", "headline_centred",
    "headline_two_line", "letter_spaced", "fake_bold", "kicker",
    "section_label", "deck", "byline", "photo_halftone", "photo_texture",
    "photo_drawing", "caption", "credit", "headline_under_photo", "boxed",
    "jump_to", "jump_from", "jump_from_foot", "headless", "narrow_gutter",
    "column_rules"]
PAGE_KINDS = [
    "masthead", "folio", "running_foot", "ad", "skew", "noise", "blur",
    "uneven_light", "dpi_tag_wrong", "dpi_tag_missing", "bands"]
TEXT_ROLES = {"masthead", "folio", "kicker", "headline", "subheadline",
              "byline", "body", "caption", "continuation"}
ROLES = TEXT_ROLES | {"separator", "image"}

problems = []


def problem(page, msg):
    problems.append(f"{page}: {msg}")


def overlap(a, b):
    return (a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and
            a[1] < b[1] + b[3] and b[1] < a[1] + a[3])


def squeeze(s):
    return "".join(s.split())


def unhyphen(lines, body):
    """The body blocks' lines joined as the generator joins them: a line
    ending in letter + '-' may be a hyphen the generator inserted."""
    out = ""
    for line in lines:
        out += line
    return out, body


def same_body(want_lines, body):
    """Lines (with possible soft hyphens at line ends) spell the body."""
    want = ""
    for line in want_lines:
        if len(line) > 1 and line.endswith("-") and line[-2].isalpha() and line[-2].islower():
            want += line[:-1] + "\x01"
        else:
            want += line
    want = squeeze(want)
    got = squeeze(body)
    i = j = 0
    while i < len(want):
        if want[i] == "\x01":
            if j < len(got) and got[j] == "-":
                j += 1
            i += 1
        elif j < len(got) and want[i] == got[j]:
            i += 1
            j += 1
        else:
            return False
    return j == len(got)


def check(path, seen):
    t = json.load(open(path))
    page = t["page"]
    name = page.get("id", path)
    W, H = page["width"], page["height"]
    blocks = {b["id"]: b for b in t["blocks"]}
    if not t["articles"]:
        problem(name, "no articles")
    for kind in page.get("elements", []):
        if kind not in PAGE_KINDS:
            problem(name, f"page element {kind} is not in the vocabulary")
        seen[kind] = seen.get(kind, 0) + 1
    if page.get("dpi", 0) < 100:
        problem(name, "no real dpi in the truth")
    placed = [b for b in t["blocks"] if b["role"] != "separator"]
    for b in t["blocks"]:
        x, y, w, h = b["bbox"]
        if b["role"] not in ROLES:
            problem(name, f"block {b['id']} has role {b['role']}")
        if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > W or y + h > H:
            problem(name, f"block {b['id']} {b['bbox']} is empty or off the page")
        if b.get("kind") == "ad" and (b["role"] != "image" or "article" in b):
            problem(name, f"ad {b['id']} is not an image block in no article")
        if b["role"] in TEXT_ROLES and not b["text"]:
            problem(name, f"{b['role']} block {b['id']} has no text")
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            if overlap(a["bbox"], b["bbox"]):
                problem(name, f"blocks {a['id']} ({a['role']}) and {b['id']} "
                        f"({b['role']}) overlap")
    listed = set()
    for art in t["articles"]:
        aid = art["id"]
        body_lines, caps, heads = [], [], []
        box = None
        for bid in art["blocks"]:
            b = blocks.get(bid)
            if b is None:
                problem(name, f"article {aid} names missing block {bid}")
                continue
            listed.add(bid)
            if b.get("article") != aid:
                problem(name, f"block {bid} does not point back to {aid}")
            x, y, w, h = b["bbox"]
            box = [x, y, x + w, y + h] if box is None else [
                min(box[0], x), min(box[1], y), max(box[2], x + w), max(box[3], y + h)]
            if b["role"] == "body":
                body_lines += b["text"].split("\n")
            elif b["role"] == "caption":
                caps.append(b["text"])
            elif b["role"] == "headline":
                heads.append(b["text"])
        if box and art["bbox"] != [box[0], box[1], box[2] - box[0], box[3] - box[1]]:
            problem(name, f"article {aid} box is not the union of its blocks")
        if not art.get("body", "").strip():
            problem(name, f"article {aid} has no body text")
        if not same_body(body_lines + caps, art.get("body", "")):
            problem(name, f"article {aid} body is not its blocks' text")
        if squeeze("".join(heads)) != squeeze(art.get("headline", "")):
            problem(name, f"article {aid} headline is not its block's text")
        if "elements" not in art:
            problem(name, f"article {aid} has no elements list")
        for kind in art.get("elements", []):
            if kind not in ARTICLE_KINDS:
                problem(name, f"article {aid} element {kind} is not in the vocabulary")
            seen[kind] = seen.get(kind, 0) + 1
    for b in t["blocks"]:
        if "article" in b and b["id"] not in listed:
            problem(name, f"block {b['id']} names article {b['article']}, which "
                    "does not list it")


def main():
    seen = {}
    for path in sys.argv[1:]:
        check(path, seen)
    for kind in ARTICLE_KINDS + PAGE_KINDS:
        print(f"{kind:22} {seen.get(kind, 0)}")
        if not seen.get(kind):
            problems.append(f"coverage: no page has {kind}")
    for p in problems:
        print("FAIL:", p, file=sys.stderr)
    print(f"{len(sys.argv) - 1} pages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
