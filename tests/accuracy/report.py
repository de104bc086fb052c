#!/usr/bin/env python3
"""report.py - the tables of `make accuracy` (tests/accuracy/run.sh), from
what run.sh measured: prints them and writes them to a Markdown file.

usage: report.py WORK OUT.md

WORK/meta.tsv   key<TAB>value: versions, cores, which random pages
WORK/index.tsv  one page a line: half (real|random), id, tess_lang, fold,
                image, truth, broadsheet's page folder, its eval JSON,
                Tesseract's cache folder, its eval JSON, status (ok, or
                what failed)
WORK/*.batch    per broadsheet batch: half, lang, pages, wall seconds

Every score comes from `broadsheet eval --json`, the same code for both
engines: broadsheet's page folder (its fulltext.txt for the page scores)
and Tesseract's page.txt against the same truth.

Real pages: page CER in the truth's reading order for both and their ratio
(broadsheet / Tesseract; "worse" when broadsheet's is higher), the
bag-of-words error of both, articles found (truth articles matched / truth
articles) where there is article truth, seconds (broadsheet's per page from
its timing.json: its wall time inside a batch of -j cores; Tesseract's wall
time alone with all cores), and whether page.txt is empty.

Random pages: per language and overall, article recall and precision,
article CER (errors over characters of all truth articles), headline exact
(truth headlines read exactly), empty articles (output articles with no
text), page CER of both engines and the pages where broadsheet's is higher;
then for each element kind of the generator's truth ("elements" of an
article, or of the page for page-level kinds) the truth articles having it,
recall among them and their article CER.

Prints which targets of issues 15 and 16 are met.  Exits non-zero only when
its inputs are unreadable, never for a missed target.
"""
import collections
import json
import math
import os
import statistics
import sys


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def page_of(report):
    """The one page of an eval report, or None."""
    pages = (report or {}).get("pages") or []
    return pages[0] if pages else None


def fmt(v, nd=3):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return "%.*f" % (nd, v)


def ratio(a, b):
    if a is None or b is None:
        return None
    if b == 0:
        return 1.0 if a == 0 else float("inf")
    return a / b


def bs_seconds(page_dir):
    t = load_json(os.path.join(page_dir, "timing.json"))
    if not t:
        return None
    return sum(s.get("wall_s", 0.0) for s in t.get("stages", []))


def tess_seconds(cache_dir):
    try:
        return float(open(os.path.join(cache_dir, "seconds")).read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def article_text_empty(a):
    return not any((a.get(k) or "").strip()
                   for k in ("kicker", "headline", "subheadline", "byline", "body"))


def empty_articles(page_dir):
    doc = load_json(os.path.join(page_dir, "articles.json"))
    if not doc:
        return None
    return sum(1 for a in doc.get("articles", []) if article_text_empty(a))


def page_txt_empty(page_dir):
    try:
        return not open(os.path.join(page_dir, "page.txt"),
                        encoding="utf-8").read().strip()
    except OSError:
        return None


def md_table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return out


def target(lines, ok, text):
    lines.append("- %s %s" % ("[n/a]" if ok is None else "[met]" if ok
                              else "[MISSED]", text))


# ---- real pages ------------------------------------------------------------

def real_section(rows, batches, meta):
    out = ["## Real pages (%s)" % meta.get("real_dir", "../shared/real"), ""]
    table, res = [], []
    for r in rows:
        bs = page_of(load_json(r["bs_json"])) if r["status"] == "ok" else None
        ts = page_of(load_json(r["tess_json"])) if r["status"] == "ok" else None
        if not bs or not ts:
            table.append([r["id"], r["lang"]] + ["-"] * 8 + [r["status"]])
            res.append(dict(id=r["id"], failed=True))
            continue
        bc, tc = bs.get("page_cer"), ts.get("page_cer")
        q = ratio(bc, tc)
        arts = ("%d/%d" % (bs["articles_found"], bs["articles_truth"])
                if bs.get("has_articles") else "-")
        bsec, tsec = bs_seconds(r["bs_dir"]), tess_seconds(r["tess_dir"])
        empty = page_txt_empty(r["bs_dir"])
        notes = []
        if bc is not None and tc is not None and bc > tc:
            notes.append("worse")
        if empty:
            notes.append("page.txt empty")
        table.append([r["id"], r["lang"], fmt(bc), fmt(tc), fmt(q, 2),
                      fmt(bs.get("page_bow")), fmt(ts.get("page_bow")), arts,
                      fmt(bsec, 1), fmt(tsec, 1), ", ".join(notes)])
        res.append(dict(id=r["id"], failed=False, bs_cer=bc, tess_cer=tc,
                        ratio=q, bs_bow=bs.get("page_bow"),
                        tess_bow=ts.get("page_bow"),
                        found=bs.get("articles_found") if bs.get("has_articles") else None,
                        truth_articles=bs.get("articles_truth"),
                        bs_s=bsec, tess_s=tsec, empty=empty))
    out += md_table(["page", "lang", "page CER bs", "page CER tess", "ratio",
                     "BoW bs", "BoW tess", "articles found", "s bs", "s tess",
                     "note"], table)
    ok = [x for x in res if not x["failed"]]
    worse = [x for x in ok if x["bs_cer"] > x["tess_cer"]]
    ratios = [x["ratio"] for x in ok if x["ratio"] is not None]
    mean_ratio = statistics.mean(ratios) if ratios else None
    out.append("")
    out.append("summary: %d pages, %d worse than tesseract, mean ratio %s"
               % (len(ok), len(worse), fmt(mean_ratio, 2)))
    bsec = [x["bs_s"] for x in ok if x["bs_s"] is not None]
    tsec = [x["tess_s"] for x in ok if x["tess_s"] is not None]
    line = "median seconds: broadsheet %s, tesseract %s" % (
        fmt(statistics.median(bsec) if bsec else None, 1),
        fmt(statistics.median(tsec) if tsec else None, 1))
    bw = [b for b in batches if b["half"] == "real"]
    batch_s = sum(b["seconds"] for b in bw) if bw else None
    batch_n = sum(b["pages"] for b in bw) if bw else 0
    if batch_s is not None and batch_n:
        line += "; broadsheet batch (-j %s): %.0f s for %d pages" % (
            meta.get("jobs", "?"), batch_s, batch_n)
        if tsec:
            line += " = %.2fx Tesseract's %.0f s" % (batch_s / sum(tsec), sum(tsec))
    out.append(line)
    failed = [x["id"] for x in res if x["failed"]]
    unscored = "; %d not scored" % len(failed) if failed else ""
    if failed:
        out.append("not scored (failed to run): " + ", ".join(failed))
    out += ["", "Targets (issue 15):"]
    target(out, bool(ok) and not worse and not failed,
           "page CER never worse than plain Tesseract's (%d of %d pages worse%s)"
           % (len(worse), len(ok), unscored))
    target(out, mean_ratio is not None and mean_ratio <= 0.8,
           "mean ratio <= 0.8 (%s)" % fmt(mean_ratio, 2))
    bow_worse = [x for x in ok if x["bs_bow"] is not None and
                 x["tess_bow"] is not None and x["bs_bow"] > x["tess_bow"]]
    target(out, bool(ok) and not bow_worse and not failed,
           "bag-of-words error <= Tesseract's (%d of %d pages worse%s)"
           % (len(bow_worse), len(ok), unscored))
    empties = [x["id"] for x in ok if x["empty"] is not False]
    target(out, bool(ok) and not empties and not failed, "no empty page.txt (%s%s)" %
           (", ".join(empties) if empties else "none empty", unscored))
    with_arts = [x for x in ok if x["found"] is not None]
    missed = [x for x in with_arts if x["found"] < x["truth_articles"]]
    target(out, not missed if with_arts else None,
           "every article found on the pages with article truth (%s)" %
           (", ".join("%s %d/%d" % (x["id"], x["found"], x["truth_articles"])
                      for x in with_arts) or "no page with article truth"))
    if batch_s is not None and tsec:
        target(out, batch_s <= 0.3 * sum(tsec),
               "speed <= 0.3x Tesseract's wall time with all cores (%.2fx)"
               % (batch_s / sum(tsec)))
    return out


# ---- random pages ----------------------------------------------------------

def lang_group(r):
    return {"chi_sim": "zh", "eng": "en"}.get(r["lang"], r["lang"])


def random_section(rows, meta):
    title = meta.get("random_title", "Random pages")
    out = ["## %s" % title, ""]
    pages = []
    for r in rows:
        bs = load_json(r["bs_json"]) if r["status"] == "ok" else None
        ts = load_json(r["tess_json"]) if r["status"] == "ok" else None
        p = dict(row=r, bs=page_of(bs), tess=page_of(ts),
                 truth=load_json(r["truth"]) or {},
                 empty=empty_articles(r["bs_dir"]) if bs else None)
        pages.append(p)
    groups = collections.OrderedDict()
    for p in pages:
        groups.setdefault(lang_group(p["row"]), []).append(p)
    groups["all"] = pages

    def totals(ps):
        good = [p for p in ps if p["bs"] and p["tess"]]
        t = collections.Counter()
        for p in good:
            b = p["bs"]
            for k in ("articles_truth", "articles_output", "articles_found",
                      "headlines_scored", "headlines_correct"):
                t[k] += b.get(k) or 0
            for a in b.get("articles", []):
                if a.get("truth") is not None:
                    t["art_chars"] += a.get("chars") or 0
                    t["art_errors"] += a.get("errors") or 0
            t["empty"] += p["empty"] or 0
            t["chars"] += b.get("chars_truth") or 0
            t["bs_err"] += b.get("char_errors") or 0
            t["tess_err"] += p["tess"].get("char_errors") or 0
            t["worse"] += (b.get("page_cer") or 0) > (p["tess"].get("page_cer") or 0)
        t["pages"] = len(good)
        t["failed"] = len(ps) - len(good)
        return t

    def rate(a, b):
        return a / b if b else None

    table, tot = [], {}
    for name, ps in groups.items():
        t = totals(ps)
        tot[name] = t
        table.append([name, t["pages"] + t["failed"], "%d/%d" % (
            t["articles_found"], t["articles_truth"]), t["articles_output"],
            fmt(rate(t["articles_found"], t["articles_truth"])),
            fmt(rate(t["articles_found"], t["articles_output"])),
            fmt(rate(t["art_errors"], t["art_chars"])),
            fmt(rate(t["headlines_correct"], t["headlines_scored"])),
            t["empty"], fmt(rate(t["bs_err"], t["chars"])),
            fmt(rate(t["tess_err"], t["chars"])), t["worse"],
            t["failed"] or ""])
    out += md_table(["pages", "n", "found/truth", "output articles", "recall",
                     "precision", "article CER", "headline exact",
                     "empty articles", "page CER bs", "page CER tess",
                     "worse than tess", "failed"], table)
    out += ["", "Article CER: character errors over all truth articles' "
            "characters (a missed article counts whole); page CER: both "
            "engines' whole page text against the truth's, in its reading "
            "order."]

    # by element kind
    kinds = collections.OrderedDict()
    for p in pages:
        if not p["bs"]:
            continue
        truth = p["truth"]
        page_kinds = list((truth.get("page") or {}).get("elements") or []) + \
            list(truth.get("elements") or [])
        rows_by_id = {a["truth"]: a for a in p["bs"].get("articles", [])
                      if a.get("truth") is not None}
        for ta in truth.get("articles", []):
            a = rows_by_id.get(ta.get("id"))
            if a is None:
                continue
            for k in sorted(set(ta.get("elements") or [])):
                kinds.setdefault(k, []).append((p, a))
            for k in sorted(set(page_kinds)):
                kinds.setdefault("page: " + k, []).append((p, a))
    out += ["", "### By element kind", ""]
    if not kinds:
        out.append("(this truth lists no elements: the fixture pages, until "
                   "the random generator is built)")
    else:
        krows = []
        for k, items in sorted(kinds.items(), key=lambda kv: (kv[0].startswith("page: "), kv[0])):
            found = sum(1 for _, a in items if a.get("found"))
            chars = sum(a.get("chars") or 0 for _, a in items)
            errs = sum(a.get("errors") or 0 for _, a in items)
            missed = sorted({p["row"]["id"] for p, a in items if not a.get("found")})
            show = ", ".join(missed[:4]) + (" ..." if len(missed) > 4 else "")
            krows.append([k, len(items), fmt(found / len(items)),
                          fmt(rate(errs, chars)),
                          show if meta.get("show_misses") == "1" else len(missed)])
        out += md_table(["kind", "truth articles", "recall", "article CER",
                         "pages with a miss" if meta.get("show_misses") == "1"
                         else "pages with a miss (n)"], krows)

    out += ["", "### Per page", ""]
    prow = []
    for p in pages:
        b, t = p["bs"], p["tess"]
        if not b or not t:
            prow.append([p["row"]["id"]] + ["-"] * 6 + [p["row"]["status"]])
            continue
        prow.append([p["row"]["id"], "%d/%d/%d" % (b["articles_found"],
                     b["articles_truth"], b["articles_output"]),
                     fmt(b.get("recall")), fmt(b.get("precision")),
                     fmt(b.get("article_cer")), fmt(b.get("page_cer")),
                     fmt(t.get("page_cer")),
                     ", ".join(x for x in (
                         "worse" if b["page_cer"] > t["page_cer"] else "",
                         "%d empty" % p["empty"] if p["empty"] else "") if x)])
    out += md_table(["page", "found/truth/out", "recall", "precision",
                     "article CER", "page CER bs", "page CER tess", "note"], prow)

    a = tot["all"]
    out += ["", "Targets (issue 16, meant for the unseen seeds; here: %s):"
            % meta.get("random_set", "?")]
    rec = rate(a["articles_found"], a["articles_truth"])
    prec = rate(a["articles_found"], a["articles_output"])
    cer = rate(a["art_errors"], a["art_chars"])
    target(out, rec is not None and rec >= 0.95, "recall >= 0.95 (%s)" % fmt(rec))
    target(out, prec is not None and prec >= 0.95, "precision >= 0.95 (%s)" % fmt(prec))
    target(out, cer is not None and cer <= 0.03, "mean article CER <= 0.03 (%s)" % fmt(cer))
    target(out, a["pages"] > 0 and a["empty"] == 0,
           "no empty article (%d)" % a["empty"])
    return out


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    work, md = argv[1], argv[2]
    meta = {}
    for line in open(os.path.join(work, "meta.tsv"), encoding="utf-8"):
        k, _, v = line.rstrip("\n").partition("\t")
        meta[k] = v
    cols = ["half", "id", "lang", "fold", "image", "truth", "bs_dir", "bs_json",
            "tess_dir", "tess_json", "status"]
    rows = [dict(zip(cols, l.rstrip("\n").split("\t")))
            for l in open(os.path.join(work, "index.tsv"), encoding="utf-8")
            if l.strip()]
    batches = []
    for name in sorted(os.listdir(work)):
        if name.endswith(".batch"):
            for l in open(os.path.join(work, name)):
                f = l.split()
                if len(f) == 4:
                    batches.append(dict(half=f[0], lang=f[1], pages=int(f[2]),
                                        seconds=float(f[3])))
    out = ["# broadsheet against plain Tesseract", "",
           "%s (%s), Tesseract %s, %s cores, %s; `%s`." % (
               meta.get("bs_version", "?"), meta.get("bs_binary", "?"),
               meta.get("tess_version", "?"), meta.get("cores", "?"),
               meta.get("date", "?"), meta.get("command", "make accuracy")),
           ""]
    scored = [r for r in rows if not r["status"].startswith("skipped")]
    real = [r for r in scored if r["half"] == "real"]
    rand = [r for r in scored if r["half"] == "random"]
    if real:
        out += real_section(real, batches, meta) + [""]
    if rand:
        out += random_section(rand, meta) + [""]
    skipped = [r for r in rows if r["status"].startswith("skipped")]
    for r in skipped:
        out.append("%s: %s" % (r["id"], r["status"]))
    text = "\n".join(out).rstrip() + "\n"
    sys.stdout.write(text)
    tmp = md + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(md)), exist_ok=True)
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, md)
    print("table: %s" % md)


if __name__ == "__main__":
    main(sys.argv)
