/*
 * report_html.c - the eval report as one self-contained HTML page.
 *
 * Built in memory from the JSON report (numbers) and the run's documents
 * (texts for the diffs), then written atomically.  Diffs are per code
 * point (bs_edit_script); articles too long for the diff budget are shown
 * side by side without highlighting, with a note.
 */
#include "eval.h"

#include "metrics.h"
#include "../base/base.h"
#include "../model/model.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Cells a single article diff may use (bytes of the direction matrix). */
#define DIFF_MAX_CELLS 30000000LL

struct sb {
    char *s;
    size_t len, cap;
};

static void sb_add(struct sb *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = bs_realloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_puts(struct sb *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

static void sb_printf(struct sb *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void sb_printf(struct sb *b, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        bs_oom();
    va_end(ap);
    sb_puts(b, s);
    free(s);
}

static void esc_cp(struct sb *b, uint32_t cp)
{
    char buf[8];
    int n;

    switch (cp) {
    case '&': sb_puts(b, "&amp;"); return;
    case '<': sb_puts(b, "&lt;"); return;
    case '>': sb_puts(b, "&gt;"); return;
    case '"': sb_puts(b, "&quot;"); return;
    case '\'': sb_puts(b, "&#39;"); return;
    default:
        break;
    }
    n = bs_utf8_encode(cp, buf);
    sb_add(b, buf, (size_t)n);
}

static void esc(struct sb *b, const char *s)
{
    int n;
    uint32_t *cp = bs_utf8_to_cps(s ? s : "", &n);

    for (int i = 0; i < n; i++)
        esc_cp(b, cp[i]);
    free(cp);
}

/* A JSON number as the report shows it: 4 decimals, "-" for null. */
static void shown(struct sb *b, json_t *v)
{
    if (json_is_integer(v))
        sb_printf(b, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        sb_printf(b, "%.4f", json_real_value(v));
    else
        sb_puts(b, "&ndash;");
}

/* data-value: the JSON's number in the very form --json writes it. */
static void data_value(struct sb *b, json_t *v)
{
    char *s = json_dumps(v ? v : json_null(), JSON_ENCODE_ANY | BS_JSON_FLAGS);

    if (!s)
        bs_oom();
    sb_puts(b, s);
    free(s);
}

static const char css[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;"
    "margin:24px auto;max-width:1320px;padding:0 16px;color:#1d2330;background:#fafbfc}"
    "h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;"
    "border-bottom:2px solid #d8dde6;padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}"
    ".sub{color:#5a6475;margin-bottom:16px}"
    ".cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}"
    ".card{background:#fff;border:1px solid #d8dde6;border-radius:8px;padding:10px 14px;"
    "min-width:118px}.card .k{font-size:12px;color:#5a6475;text-transform:uppercase;"
    "letter-spacing:.03em}.card .v{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}"
    "table{border-collapse:collapse;background:#fff;margin:6px 0 12px;width:100%}"
    "th,td{border:1px solid #d8dde6;padding:4px 8px;text-align:left;vertical-align:top}"
    "th{background:#eef1f5;font-weight:600;font-size:13px}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".ok{color:#17773a;font-weight:600}.bad{color:#b3261e;font-weight:600}"
    ".muted{color:#7a8394}"
    ".diff{display:grid;grid-template-columns:1fr 1fr;gap:10px;margin:6px 0 18px}"
    ".diff>div{background:#fff;border:1px solid #d8dde6;border-radius:6px;padding:8px 10px;"
    "white-space:pre-wrap;word-break:break-word;font:14px/1.5 'DejaVu Sans','Noto Sans CJK SC',sans-serif}"
    ".diff .hd{font:600 12px system-ui,sans-serif;color:#5a6475;margin-bottom:4px;white-space:normal}"
    "del{background:#ffd7d5;color:#8a1c14;text-decoration:line-through}"
    "ins{background:#cdf3d6;color:#0d5a26;text-decoration:none}"
    "details{margin:4px 0}summary{cursor:pointer;font-weight:600}"
    ".legend del,.legend ins{padding:0 4px}";

/* Text as diffed: every line with white space collapsed, empty lines
 * dropped, lines joined by '\n'. */
static uint32_t *diff_text(const char *text, int *n)
{
    char *out = bs_strdup(""), *o;
    const char *p = text ? text : "";
    uint32_t *cp;

    while (*p) {
        size_t len = strcspn(p, "\n");
        char *raw = bs_strndup(p, len), *line = bs_collapse_space(raw);
        if (*line) {
            o = bs_sprintf("%s%s%s", out, *out ? "\n" : "", line);
            free(out);
            out = o;
        }
        free(raw);
        free(line);
        p += len;
        if (*p == '\n')
            p++;
    }
    cp = bs_utf8_to_cps(out, n);
    free(out);
    return cp;
}

/* Opens/closes the highlight of one side when its state changes. */
static void mark(struct sb *b, int *state, int want, const char *tag)
{
    if (*state == want)
        return;
    if (*state)
        sb_printf(b, "</%s>", tag);
    if (want)
        sb_printf(b, "<%s>", tag);
    *state = want;
}

static void diff_html(struct sb *b, const char *truth, const char *output,
                      const char *left_title, const char *right_title)
{
    int na, nb;
    uint32_t *a = diff_text(truth, &na), *c = diff_text(output, &nb);
    unsigned char *ops;
    long nops;
    struct sb l = {NULL, 0, 0}, r = {NULL, 0, 0};
    int ok = bs_edit_script(a, na, c, nb, DIFF_MAX_CELLS, &ops, &nops) == 0;

    sb_puts(&l, "");
    sb_puts(&r, "");
    if (ok) {
        long i = 0, j = 0;
        int ls = 0, rs = 0;
        for (long k = 0; k < nops; k++) {
            switch (ops[k]) {
            case BS_OP_KEEP:
                mark(&l, &ls, 0, "del");
                mark(&r, &rs, 0, "ins");
                esc_cp(&l, a[i++]);
                esc_cp(&r, c[j++]);
                break;
            case BS_OP_SUB:
                mark(&l, &ls, 1, "del");
                mark(&r, &rs, 1, "ins");
                esc_cp(&l, a[i++]);
                esc_cp(&r, c[j++]);
                break;
            case BS_OP_DEL:
                mark(&l, &ls, 1, "del");
                esc_cp(&l, a[i++]);
                break;
            default:
                mark(&r, &rs, 1, "ins");
                esc_cp(&r, c[j++]);
                break;
            }
        }
        mark(&l, &ls, 0, "del");
        mark(&r, &rs, 0, "ins");
        free(ops);
    } else {
        for (int i = 0; i < na; i++)
            esc_cp(&l, a[i]);
        for (int j = 0; j < nb; j++)
            esc_cp(&r, c[j]);
    }
    sb_puts(b, "<div class=\"diff\"><div><div class=\"hd\">");
    esc(b, left_title);
    sb_puts(b, "</div>");
    sb_puts(b, l.s);
    sb_puts(b, "</div><div><div class=\"hd\">");
    esc(b, right_title);
    if (!ok)
        sb_puts(b, " (too long to highlight differences)");
    sb_puts(b, "</div>");
    sb_puts(b, r.s);
    sb_puts(b, "</div></div>\n");
    free(l.s);
    free(r.s);
    free(a);
    free(c);
}

/* The metric columns of the run and page tables. */
static const struct {
    const char *key, *label;
} cols[] = {
    {"article_cer", "article CER"}, {"article_wer", "article WER"},
    {"page_cer", "page CER"}, {"page_wer", "page WER"}, {"fca", "FCA"},
    {"precision", "precision"}, {"recall", "recall"}, {"f1", "F1"},
    {"headline_accuracy", "headlines"},
};
#define NCOLS ((int)(sizeof(cols) / sizeof(cols[0])))

static void summary_cards(struct sb *b, json_t *sum)
{
    static const struct {
        const char *key, *label;
    } cards[] = {
        {"article_cer", "article CER"}, {"page_cer", "page CER"},
        {"fca", "flexible char. accuracy"}, {"article_wer", "article WER"},
        {"precision", "precision"}, {"recall", "recall"}, {"f1", "F1"},
        {"headline_accuracy", "headline accuracy"}, {"pages", "pages"},
        {"articles_truth", "truth articles"}, {"articles_output", "output articles"},
        {"articles_found", "found"},
    };

    sb_puts(b, "<div class=\"cards\" id=\"summary\">\n");
    for (size_t i = 0; i < sizeof(cards) / sizeof(cards[0]); i++) {
        json_t *v = json_object_get(sum, cards[i].key);
        sb_printf(b, "<div class=\"card\"><div class=\"k\">%s</div>"
                  "<div class=\"v\" id=\"sum-%s\" data-value=\"", cards[i].label,
                  cards[i].key);
        data_value(b, v);
        sb_puts(b, "\">");
        shown(b, v);
        sb_puts(b, "</div></div>\n");
    }
    sb_puts(b, "</div>\n");
}

static void page_anchor(struct sb *b, int i)
{
    sb_printf(b, "page-%d", i + 1);
}

static void pages_table(struct sb *b, json_t *pages, json_t *sum)
{
    json_t *pg;
    size_t i;

    sb_puts(b, "<table id=\"pages\"><tr><th>page</th><th>found / truth / output</th>");
    for (int c = 0; c < NCOLS; c++)
        sb_printf(b, "<th>%s</th>", cols[c].label);
    sb_puts(b, "</tr>\n");
    json_array_foreach(pages, i, pg) {
        sb_puts(b, "<tr><td><a href=\"#");
        page_anchor(b, (int)i);
        sb_puts(b, "\">");
        esc(b, json_string_value(json_object_get(pg, "id")));
        sb_puts(b, "</a>");
        if (json_is_true(json_object_get(pg, "missing_output")))
            sb_puts(b, " <span class=\"bad\">(no output)</span>");
        sb_printf(b, "</td><td class=\"n\">%lld / %lld / %lld</td>",
                  (long long)json_integer_value(json_object_get(pg, "articles_found")),
                  (long long)json_integer_value(json_object_get(pg, "articles_truth")),
                  (long long)json_integer_value(json_object_get(pg, "articles_output")));
        for (int c = 0; c < NCOLS; c++) {
            sb_puts(b, "<td class=\"n\">");
            shown(b, json_object_get(pg, cols[c].key));
            sb_puts(b, "</td>");
        }
        sb_puts(b, "</tr>\n");
    }
    if (json_array_size(pages) > 1) {
        sb_printf(b, "<tr><th>total</th><th class=\"n\">%lld / %lld / %lld</th>",
                  (long long)json_integer_value(json_object_get(sum, "articles_found")),
                  (long long)json_integer_value(json_object_get(sum, "articles_truth")),
                  (long long)json_integer_value(json_object_get(sum, "articles_output")));
        for (int c = 0; c < NCOLS; c++) {
            sb_puts(b, "<th class=\"n\">");
            shown(b, json_object_get(sum, cols[c].key));
            sb_puts(b, "</th>");
        }
        sb_puts(b, "</tr>\n");
    }
    sb_puts(b, "</table>\n");
}

static void repairs_line(struct sb *b, json_t *rep)
{
    const char *k;
    json_t *v;
    int first = 1;

    sb_puts(b, "<p>repairs: ");
    json_object_foreach(rep, k, v) {
        sb_printf(b, "%s", first ? "" : ", ");
        esc(b, k);
        sb_printf(b, " %lld", (long long)json_integer_value(v));
        first = 0;
    }
    if (first)
        sb_puts(b, "<span class=\"muted\">none recorded</span>");
    sb_puts(b, "</p>\n");
}

static void page_section(struct sb *b, const struct bs_eval_page *pg, json_t *pj,
                         int idx)
{
    json_t *arts = json_object_get(pj, "articles"), *a;
    size_t i;

    sb_puts(b, "<h2 id=\"");
    page_anchor(b, idx);
    sb_puts(b, "\">");
    esc(b, pg->id);
    sb_puts(b, "</h2>\n<p class=\"sub\">output ");
    esc(b, pg->pred->source);
    sb_puts(b, " &middot; truth ");
    esc(b, pg->gt->source);
    sb_puts(b, "</p>\n");
    if (pg->missing_output)
        sb_puts(b, "<p class=\"bad\">This page has no output (articles.json is "
                "missing): every truth article is missed.</p>\n");
    repairs_line(b, json_object_get(pj, "repairs"));
    if (!pg->has_articles) {
        char *g = bs_doc_page_text(pg->gt), *p = bs_doc_page_text(pg->pred);
        sb_puts(b, "<p class=\"muted\">The truth has no article structure: page "
                "text only.</p>\n");
        diff_html(b, g, p, "truth (page text)", "output (articles in reading order)");
        free(g);
        free(p);
        return;
    }
    sb_puts(b, "<table class=\"articles\"><tr><th>truth</th><th>output</th>"
            "<th>status</th><th>truth headline</th><th>output headline</th>"
            "<th>chars</th><th>CER</th><th>WER</th><th>FCA</th><th>headline</th></tr>\n");
    json_array_foreach(arts, i, a) {
        const char *t = json_string_value(json_object_get(a, "truth"));
        const char *o = json_string_value(json_object_get(a, "output"));
        json_t *h = json_object_get(a, "headline_ok");
        int found = json_is_true(json_object_get(a, "found"));
        sb_puts(b, "<tr><td>");
        esc(b, t ? t : "\xe2\x80\x93");
        sb_puts(b, "</td><td>");
        esc(b, o ? o : "\xe2\x80\x93");
        sb_printf(b, "</td><td class=\"%s\">%s</td><td>", found ? "ok" : "bad",
                  found ? "found" : !t ? "invented" : o ? "weak match" : "missed");
        esc(b, json_string_value(json_object_get(a, "truth_headline")));
        sb_puts(b, "</td><td>");
        esc(b, json_string_value(json_object_get(a, "output_headline")));
        sb_printf(b, "</td><td class=\"n\">%lld</td><td class=\"n\">",
                  (long long)json_integer_value(json_object_get(a, "chars")));
        shown(b, json_object_get(a, "cer"));
        sb_puts(b, "</td><td class=\"n\">");
        shown(b, json_object_get(a, "wer"));
        sb_puts(b, "</td><td class=\"n\">");
        shown(b, json_object_get(a, "fca"));
        sb_printf(b, "</td><td class=\"%s\">%s</td></tr>\n",
                  json_is_null(h) ? "muted" : json_is_true(h) ? "ok" : "bad",
                  json_is_null(h) ? "&ndash;" : json_is_true(h) ? "ok" : "wrong");
    }
    sb_puts(b, "</table>\n");
    for (int r = 0; r < pg->nrows; r++) {
        const struct bs_eval_row *row = &pg->rows[r];
        const struct bs_doc_article *g = row->gt >= 0 ? &pg->gt->articles[row->gt] : NULL;
        const struct bs_doc_article *p = row->pred >= 0 ? &pg->pred->articles[row->pred] : NULL;
        char *lt = bs_sprintf("truth %s", g ? g->id : "(none)");
        char *rt = bs_sprintf("output %s", p ? p->id : "(none)");
        sb_printf(b, "<details%s><summary>", r < 12 ? " open" : "");
        esc(b, lt);
        sb_puts(b, " &harr; ");
        esc(b, rt);
        sb_puts(b, "</summary>\n");
        diff_html(b, g ? g->text : "", p ? p->text : "", lt, rt);
        sb_puts(b, "</details>\n");
        free(lt);
        free(rt);
    }
}

int bs_eval_write_html(const struct bs_eval_run *run, json_t *report,
                       const char *path, struct bs_error *err)
{
    struct sb b = {NULL, 0, 0};
    json_t *sum = json_object_get(report, "summary");
    json_t *pages = json_object_get(report, "pages");
    json_t *ths = json_object_get(report, "thresholds"), *th;
    size_t i;
    int rc;

    sb_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            "<link rel=\"icon\" href=\"data:,\">"
            "<title>broadsheet eval</title><style>");
    sb_puts(&b, css);
    sb_puts(&b, "</style></head><body>\n<h1>broadsheet eval</h1>\n");
    sb_printf(&b, "<p class=\"sub\">%d page%s &middot; an article is found when "
              "paired with CER &lt; %.2f &middot; ", run->npages,
              run->npages == 1 ? "" : "s", run->opts.match_cer);
    if (json_array_size(ths))
        sb_printf(&b, "thresholds <span id=\"passed\" data-value=\"%s\" class=\"%s\">%s</span>",
                  json_is_true(json_object_get(report, "passed")) ? "true" : "false",
                  json_is_true(json_object_get(report, "passed")) ? "ok" : "bad",
                  json_is_true(json_object_get(report, "passed")) ? "met" : "missed");
    else
        sb_puts(&b, "no thresholds set");
    sb_puts(&b, " &middot; <span class=\"legend\"><del>missing from output</del> "
            "<ins>added by output</ins></span></p>\n");
    summary_cards(&b, sum);
    if (json_array_size(ths)) {
        sb_puts(&b, "<table id=\"thresholds\"><tr><th>threshold</th><th>limit</th>"
                "<th>value</th><th>result</th></tr>\n");
        json_array_foreach(ths, i, th) {
            int ok = json_is_true(json_object_get(th, "ok"));
            sb_puts(&b, "<tr><td>--");
            esc(&b, json_string_value(json_object_get(th, "name")));
            sb_puts(&b, "</td><td class=\"n\">");
            shown(&b, json_object_get(th, "limit"));
            sb_puts(&b, "</td><td class=\"n\">");
            shown(&b, json_object_get(th, "value"));
            sb_printf(&b, "</td><td class=\"%s\">%s</td></tr>\n", ok ? "ok" : "bad",
                      ok ? "met" : "missed");
        }
        sb_puts(&b, "</table>\n");
    }
    repairs_line(&b, json_object_get(sum, "repairs"));
    sb_puts(&b, "<h2>Pages</h2>\n");
    pages_table(&b, pages, sum);
    for (int p = 0; p < run->npages; p++)
        page_section(&b, &run->pages[p], json_array_get(pages, (size_t)p), p);
    sb_puts(&b, "<p class=\"muted\">CER: character edit distance / truth "
            "characters (white space collapsed). WER: the same on words (for "
            "CJK text every character is a word). FCA: flexible character "
            "accuracy (Clausner, Pletschacher and Antonacopoulos 2020), "
            "independent of reading order. Page CER compares the articles in "
            "reading order.</p>\n</body></html>\n");
    rc = bs_write_atomic(path, b.s, b.len, err);
    free(b.s);
    return rc;
}
