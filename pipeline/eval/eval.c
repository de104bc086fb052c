/*
 * eval.c - scoring pages: article pairing by optimal assignment, article
 * and page error rates, found/precision/recall, headlines, run totals.
 */
#include "eval.h"

#include "assign.h"
#include "../base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* CER of two texts capped at 1, cheaply: the distance is only computed
 * exactly up to the truth's length. */
static double capped_cer(const uint32_t *g, int ng, const uint32_t *p, int np)
{
    long d;

    if (ng == 0)
        return np == 0 ? 0.0 : 1.0;
    d = bs_edit_distance_limit(g, ng, p, np, ng);
    return d >= ng ? 1.0 : (double)d / (double)ng;
}

static int headline_matches(const struct bs_doc_article *g,
                            const struct bs_doc_article *p)
{
    char *ph = bs_normalize_headline(p->headline ? p->headline : "");
    int ok = 0;

    if (g->headline) {
        char *gh = bs_normalize_headline(g->headline);
        ok = strcmp(gh, ph) == 0;
        free(gh);
    } else if (g->header) {
        /* the truth lists header lines without saying which is the
         * headline: any of them will do */
        const char *s = g->header;
        while (*s && !ok) {
            size_t n = strcspn(s, "\n");
            char *line = bs_strndup(s, n), *gh = bs_normalize_headline(line);
            ok = *gh && strcmp(gh, ph) == 0;
            free(gh);
            free(line);
            s += n;
            if (*s == '\n')
                s++;
        }
    }
    free(ph);
    return ok;
}

static int headline_known(const struct bs_doc_article *g)
{
    return (g->headline && *g->headline) || (!g->headline && g->header && *g->header);
}

static void add_count(struct bs_err_count *sum, const struct bs_err_count *c)
{
    sum->errors += c->errors;
    sum->ref += c->ref;
    if (!c->exact)
        sum->exact = 0;
}

static struct bs_eval_row *add_row(struct bs_eval_page *pg, int *cap)
{
    struct bs_eval_row *r;

    bs_grow((void **)&pg->rows, cap, pg->nrows + 1, sizeof(*pg->rows));
    r = &pg->rows[pg->nrows++];
    memset(r, 0, sizeof(*r));
    r->gt = r->pred = -1;
    r->cer.exact = r->wer.exact = r->fca.exact = 1;
    return r;
}

static void score_articles(struct bs_eval_page *pg, const struct bs_eval_opts *o)
{
    const struct bs_doc *gt = pg->gt, *pr = pg->pred;
    int ng = gt->narticles, np = pr->narticles, cap = 0;
    uint32_t **gcp = bs_calloc((size_t)ng + 1, sizeof(*gcp));
    uint32_t **pcp = bs_calloc((size_t)np + 1, sizeof(*pcp));
    int *gn = bs_calloc((size_t)ng + 1, sizeof(int));
    int *pn = bs_calloc((size_t)np + 1, sizeof(int));
    double *cost = bs_calloc((size_t)ng * (size_t)np + 1, sizeof(double));
    int *g2p = bs_calloc((size_t)ng + 1, sizeof(int));
    char *pused = bs_calloc((size_t)np + 1, 1);

    for (int i = 0; i < ng; i++) {
        char *t = bs_collapse_space(gt->articles[i].text);
        gcp[i] = bs_utf8_to_cps(t, &gn[i]);
        free(t);
    }
    for (int j = 0; j < np; j++) {
        char *t = bs_collapse_space(pr->articles[j].text);
        pcp[j] = bs_utf8_to_cps(t, &pn[j]);
        free(t);
    }
    for (int i = 0; i < ng; i++)
        for (int j = 0; j < np; j++)
            cost[(size_t)i * (size_t)np + (size_t)j] =
                capped_cer(gcp[i], gn[i], pcp[j], pn[j]);
    bs_assign(cost, ng, np, g2p);
    pg->n_gt = ng;
    pg->n_pred = np;
    for (int i = 0; i < ng; i++) {
        struct bs_eval_row *r = add_row(pg, &cap);
        const struct bs_doc_article *ga = &gt->articles[i];
        int j = g2p[i];

        r->gt = i;
        if (j >= 0 && cost[(size_t)i * (size_t)np + (size_t)j] >= 1.0)
            j = -1;                  /* nothing in common: no pair */
        if (j >= 0) {
            r->pred = j;
            pused[j] = 1;
            r->cer = bs_cer(ga->text, pr->articles[j].text);
            r->wer = bs_wer(ga->text, pr->articles[j].text);
            if (!o->no_fca)
                r->fca_ok = bs_fca(ga->text, pr->articles[j].text, &r->fca) == 0;
            r->found = bs_err_rate(&r->cer) < o->match_cer;
        } else {
            r->cer = bs_cer(ga->text, "");
            r->wer = bs_wer(ga->text, "");
            if (!o->no_fca)
                r->fca_ok = bs_fca(ga->text, "", &r->fca) == 0;
        }
        add_count(&pg->art_cer, &r->cer);
        add_count(&pg->art_wer, &r->wer);
        pg->n_found += r->found;
        if (headline_known(ga)) {
            r->headline_scored = 1;
            r->headline_ok = j >= 0 && headline_matches(ga, &pr->articles[j]);
            pg->head_total++;
            pg->head_ok += r->headline_ok;
        }
    }
    for (int j = 0; j < np; j++) {
        struct bs_eval_row *r;
        if (pused[j])
            continue;
        r = add_row(pg, &cap);
        r->pred = j;
        r->cer = bs_cer("", pr->articles[j].text);
        r->wer = bs_wer("", pr->articles[j].text);
    }
    for (int i = 0; i < ng; i++)
        free(gcp[i]);
    for (int j = 0; j < np; j++)
        free(pcp[j]);
    free(gcp);
    free(pcp);
    free(gn);
    free(pn);
    free(cost);
    free(g2p);
    free(pused);
}

static void fold_field(char **s)
{
    char *f;

    if (!*s)
        return;
    f = bs_fold_text(*s);
    free(*s);
    *s = f;
}

static void fold_doc(struct bs_doc *d)
{
    fold_field(&d->page_text);
    for (int i = 0; i < d->narticles; i++) {
        fold_field(&d->articles[i].headline);
        fold_field(&d->articles[i].header);
        fold_field(&d->articles[i].text);
    }
}

void bs_eval_add_page(struct bs_eval_run *run, struct bs_doc *gt,
                      struct bs_doc *pred, int missing_output)
{
    struct bs_eval_page *pg;
    char *gtext, *ptext;

    if (run->opts.fold) {
        fold_doc(gt);
        fold_doc(pred);
    }

    bs_grow((void **)&run->pages, &run->cappages, run->npages + 1,
            sizeof(*run->pages));
    pg = &run->pages[run->npages++];
    memset(pg, 0, sizeof(*pg));
    pg->id = bs_strdup(pred->id);
    pg->gt = gt;
    pg->pred = pred;
    pg->missing_output = missing_output;
    pg->has_articles = gt->has_articles && pred->has_articles;
    pg->art_cer.exact = pg->art_wer.exact = 1;
    /* whole page against whole page when the truth is one (eval.h) */
    gtext = bs_doc_page_text(gt);
    ptext = gt->page_text ? bs_doc_page_text(pred) : bs_doc_articles_text(pred);
    pg->page_cer = bs_cer(gtext, ptext);
    pg->page_wer = bs_wer(gtext, ptext);
    pg->page_bow = bs_bow(gtext, ptext);
    if (!run->opts.no_fca)
        pg->page_fca_ok = bs_fca(gtext, ptext, &pg->page_fca) == 0;
    free(gtext);
    free(ptext);
    if (pg->has_articles)
        score_articles(pg, &run->opts);
}

void bs_eval_run_release(struct bs_eval_run *run)
{
    for (int i = 0; i < run->npages; i++) {
        free(run->pages[i].id);
        free(run->pages[i].rows);
        bs_doc_free(&run->pages[i].gt);
        bs_doc_free(&run->pages[i].pred);
    }
    free(run->pages);
    run->pages = NULL;
    run->npages = run->cappages = 0;
}

void bs_eval_sum(const struct bs_eval_run *run, int from, int to,
                 struct bs_eval_totals *t)
{
    memset(t, 0, sizeof(*t));
    t->page_cer.exact = t->page_wer.exact = t->page_fca.exact = 1;
    t->page_bow.exact = 1;
    t->art_cer.exact = t->art_wer.exact = 1;
    t->fca_ok = 1;
    for (int i = from; i < to; i++) {
        const struct bs_eval_page *pg = &run->pages[i];
        t->pages++;
        t->pages_missing += pg->missing_output;
        add_count(&t->page_cer, &pg->page_cer);
        add_count(&t->page_wer, &pg->page_wer);
        add_count(&t->page_bow, &pg->page_bow);
        if (pg->page_fca_ok)
            add_count(&t->page_fca, &pg->page_fca);
        else
            t->fca_ok = 0;
        if (!pg->has_articles)
            continue;
        t->pages_with_articles++;
        add_count(&t->art_cer, &pg->art_cer);
        add_count(&t->art_wer, &pg->art_wer);
        t->n_gt += pg->n_gt;
        t->n_pred += pg->n_pred;
        t->n_found += pg->n_found;
        t->head_total += pg->head_total;
        t->head_ok += pg->head_ok;
    }
    if (t->pages == 0)
        t->fca_ok = 0;
}

double bs_eval_precision(const struct bs_eval_totals *t)
{
    if (!t->pages_with_articles)
        return NAN;
    if (t->n_pred == 0)
        return t->n_gt == 0 ? 1.0 : 0.0;
    return (double)t->n_found / t->n_pred;
}

double bs_eval_recall(const struct bs_eval_totals *t)
{
    if (!t->pages_with_articles)
        return NAN;
    if (t->n_gt == 0)
        return 1.0;
    return (double)t->n_found / t->n_gt;
}

double bs_eval_f1(const struct bs_eval_totals *t)
{
    double p = bs_eval_precision(t), r = bs_eval_recall(t);

    if (isnan(p) || isnan(r))
        return NAN;
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

double bs_eval_headline_accuracy(const struct bs_eval_totals *t)
{
    if (!t->head_total)
        return NAN;
    return (double)t->head_ok / t->head_total;
}

double bs_eval_article_cer(const struct bs_eval_totals *t)
{
    return t->pages_with_articles ? bs_err_rate(&t->art_cer) : NAN;
}

double bs_eval_article_wer(const struct bs_eval_totals *t)
{
    return t->pages_with_articles ? bs_err_rate(&t->art_wer) : NAN;
}

double bs_eval_fca(const struct bs_eval_totals *t)
{
    return t->fca_ok ? bs_fca_accuracy(&t->page_fca) : NAN;
}
