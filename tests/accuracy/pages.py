#!/usr/bin/env python3
"""pages.py - which pages `make accuracy` measures, with their truth and
the Tesseract language to read them in (used by tests/accuracy/run.sh).

usage: pages.py real DIR        every page image under DIR with truth beside it
       pages.py list < TSV      pages given as "id<TAB>image<TAB>truth" lines
       pages.py lang TRUTH      the truth's language and Tesseract language

`real` and `list` print one line per page:

    id  image  truth  tess_lang  fold  note

truth: the file `broadsheet eval` scores against.  For a page with article
truth (NAME.articles.page.xml) that file, whose text (the whole page, in
reading order) eval takes from its sibling NAME.page.xml; else the page
truth: NAME.page.xml, NAME.xml, NAME.json or NAME.txt.  tess_lang is "-"
(and note says why) when no Tesseract language for the truth's language is
installed; fold is 1 when eval should compare with --fold.

The language comes from the truth, never from a file name: PAGE XML's
primaryLanguage (the most common one on the page), the articles.json
schema's page.lang, else (plain text) the script and the commonest words of
the text itself.  LANGS maps it to Tesseract languages, first installed
wins.  A new page dropped into DIR with its truth needs no code here.
"""
import collections
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# The truth's language -> (Tesseract languages, first installed wins;
# compare with eval --fold: the truth writes modern letter forms, long s as
# s, for a script Tesseract reads with the old ones).
LANGS = {
    "German": (["frk", "deu"], True),
    "English": (["eng"], False),
    "Chinese": (["chi_sim"], False),
    "French": (["fra"], False),
}
# How truth files name those languages.
ALIASES = {
    "german": "German", "de": "German", "deu": "German", "ger": "German",
    "frk": "German",
    "english": "English", "en": "English", "eng": "English",
    "chinese": "Chinese", "zh": "Chinese", "chi_sim": "Chinese",
    "chi": "Chinese", "zho": "Chinese", "chi_tra": "Chinese",
    "french": "French", "fr": "French", "fra": "French", "fre": "French",
}
# The commonest words, for telling the language of plain-text truth.
STOPWORDS = {
    "English": "the of and to in a is that for it with as was on be by".split(),
    "German": "der die und das den von zu ist nicht mit sich des auf dem "
              "ein eine im für".split(),
    "French": "le la les et des un une est que du dans pour qui au".split(),
}
IMAGE_EXT = (".tif", ".tiff", ".png", ".jpg", ".jpeg", ".pnm", ".pgm")
PAGE_TRUTH_EXT = (".page.xml", ".xml", ".json", ".txt")


def installed_langs():
    try:
        out = subprocess.run(["tesseract", "--list-langs"], capture_output=True,
                             text=True).stdout
    except OSError:
        return set()
    return {l.strip() for l in out.splitlines()[1:] if l.strip()}


def canonical(name):
    if not name:
        return None
    name = name.strip()
    first = re.split(r"[+,;\s]", name)[0]
    return ALIASES.get(first.lower(), ALIASES.get(name.lower(), name))


def local(tag):
    return tag.rsplit("}", 1)[-1]


def text_language(text):
    """The language of plain text: Chinese by its script, else by words."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    cjk = sum(1 for c in letters if "\u3400" <= c <= "\u9fff")
    if cjk > 0.3 * len(letters):
        return "Chinese"
    words = collections.Counter(re.findall(r"\w+", text.lower()))
    hits = {lang: sum(words[w] for w in ws) for lang, ws in STOPWORDS.items()}
    best = max(hits, key=hits.get)
    return best if hits[best] > 0 else None


def page_xml_language(path):
    langs = collections.Counter()
    for _, el in ET.iterparse(path):
        v = el.get("primaryLanguage")
        if v:
            langs[v] += 1
    if langs:
        return canonical(langs.most_common(1)[0][0])
    # a tag-only file (NAME.articles.page.xml): its sibling has the text
    base = os.path.basename(path)
    if ".articles." in base:
        sib = os.path.join(os.path.dirname(path), base.replace(".articles.", ".", 1))
        if os.path.isfile(sib):
            return page_xml_language(sib)
    return None


def truth_language(path):
    if path.endswith(".xml"):
        return page_xml_language(path)
    if path.endswith(".json"):
        page = json.load(open(path, encoding="utf-8")).get("page") or {}
        return canonical(page.get("lang"))
    return text_language(open(path, encoding="utf-8", errors="replace").read())


def tess_lang(truth, have):
    """(tess_lang or "-", fold, note) for a truth file."""
    lang = truth_language(truth)
    if lang not in LANGS:
        return "-", 0, "truth's language %s has no entry in pages.py LANGS" % lang
    choices, fold = LANGS[lang]
    for c in choices:
        if c in have:
            return c, int(fold), lang
    return "-", int(fold), "no Tesseract data for %s (want %s)" % (
        lang, " or ".join(choices))


def stem_of(name):
    for ext in IMAGE_EXT:
        if name.lower().endswith(ext):
            return name[:-len(ext)]
    return None


def real_pages(root):
    """(id, image, truth) for every image under root with truth beside it."""
    for dirpath, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(files):
            stem = stem_of(name)
            if stem is None:
                continue
            arts = os.path.join(dirpath, stem + ".articles.page.xml")
            truth = next((os.path.join(dirpath, stem + e) for e in PAGE_TRUTH_EXT
                          if os.path.isfile(os.path.join(dirpath, stem + e))),
                         None)
            if os.path.isfile(arts) and truth:
                truth = arts
            if truth:
                yield stem, os.path.join(dirpath, name), truth


def emit(rows):
    have = installed_langs()
    for pid, image, truth in rows:
        lang, fold, note = tess_lang(truth, have)
        print("\t".join([pid, image, truth, lang, str(fold), note]))


def main(argv):
    if len(argv) == 3 and argv[1] == "real":
        emit(real_pages(argv[2]))
    elif len(argv) == 2 and argv[1] == "list":
        emit(tuple(l.rstrip("\n").split("\t")[:3]) for l in sys.stdin if l.strip())
    elif len(argv) == 3 and argv[1] == "lang":
        lang, fold, note = tess_lang(argv[2], installed_langs())
        print(truth_language(argv[2]), lang, fold)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
