/*
 * eval_json.c - an eval run as JSON (see eval.h for the layout).
 */
#include "eval.h"

#include "../base/base.h"

#include <math.h>
#include <string.h>

json_t *bs_eval_num(double v)
{
    json_t *j;

    if (isnan(v) || isinf(v))
        return json_null();
    j = json_real(round(v * 1e6) / 1e6);
    if (!j)
        bs_oom();
    return j;
}

static void set(json_t *o, const char *key, json_t *v)
{
    if (!v || json_object_set_new(o, key, v) < 0)
        bs_oom();
}

static void put_metrics(json_t *o, const struct bs_eval_totals *t)
{
    set(o, "pages", json_integer(t->pages));
    set(o, "pages_missing", json_integer(t->pages_missing));
    set(o, "article_cer", bs_eval_num(bs_eval_article_cer(t)));
    set(o, "article_wer", bs_eval_num(bs_eval_article_wer(t)));
    set(o, "page_cer", bs_eval_num(t->pages ? bs_err_rate(&t->page_cer) : NAN));
    set(o, "page_wer", bs_eval_num(t->pages ? bs_err_rate(&t->page_wer) : NAN));
    set(o, "page_bow", bs_eval_num(t->pages ? bs_err_rate(&t->page_bow) : NAN));
    set(o, "fca", bs_eval_num(bs_eval_fca(t)));
    set(o, "precision", bs_eval_num(bs_eval_precision(t)));
    set(o, "recall", bs_eval_num(bs_eval_recall(t)));
    set(o, "f1", bs_eval_num(bs_eval_f1(t)));
    set(o, "headline_accuracy", bs_eval_num(bs_eval_headline_accuracy(t)));
    set(o, "articles_truth", json_integer(t->n_gt));
    set(o, "articles_output", json_integer(t->n_pred));
    set(o, "articles_found", json_integer(t->n_found));
    set(o, "headlines_scored", json_integer(t->head_total));
    set(o, "headlines_correct", json_integer(t->head_ok));
    set(o, "chars_truth", json_integer(t->page_cer.ref));
    set(o, "char_errors", json_integer(t->page_cer.errors));
    set(o, "words_truth", json_integer(t->page_bow.ref));
    set(o, "approximate", json_boolean(!t->page_cer.exact || !t->art_cer.exact ||
                                       !t->page_wer.exact || !t->art_wer.exact));
}

static void add_repairs(json_t *rep, const struct bs_doc *d)
{
    for (int k = 0; k < d->nrepairs; k++) {
        json_t *v = json_object_get(rep, d->repair_kinds[k]);
        json_int_t n = (v ? json_integer_value(v) : 0) + d->repair_counts[k];
        set(rep, d->repair_kinds[k], json_integer(n));
    }
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *article_json(const struct bs_eval_page *pg,
                            const struct bs_eval_row *r)
{
    json_t *a = json_object();
    const struct bs_doc_article *g = r->gt >= 0 ? &pg->gt->articles[r->gt] : NULL;
    const struct bs_doc_article *p = r->pred >= 0 ? &pg->pred->articles[r->pred] : NULL;

    if (!a)
        bs_oom();
    set(a, "truth", str_or_null(g ? g->id : NULL));
    set(a, "output", str_or_null(p ? p->id : NULL));
    set(a, "truth_headline", str_or_null(g ? (g->headline ? g->headline : g->header) : NULL));
    set(a, "output_headline", str_or_null(p ? p->headline : NULL));
    set(a, "chars", json_integer(r->cer.ref));
    set(a, "errors", json_integer(r->cer.errors));
    /* an invented article has no truth: its rates are not defined */
    set(a, "cer", bs_eval_num(g ? bs_err_rate(&r->cer) : NAN));
    set(a, "wer", bs_eval_num(g ? bs_err_rate(&r->wer) : NAN));
    set(a, "fca", bs_eval_num(g && r->fca_ok ? bs_fca_accuracy(&r->fca) : NAN));
    set(a, "found", json_boolean(r->found));
    set(a, "headline_ok", r->headline_scored ? json_boolean(r->headline_ok) : json_null());
    return a;
}

json_t *bs_eval_to_json(const struct bs_eval_run *run)
{
    json_t *root = json_object(), *summary = json_object(), *pages = json_array();
    json_t *all_rep = json_object();
    struct bs_eval_totals t;

    if (!root || !summary || !pages || !all_rep)
        bs_oom();
    set(root, "format", json_string("broadsheet-eval"));
    set(root, "version", json_integer(1));
    set(root, "match_cer", bs_eval_num(run->opts.match_cer));
    bs_eval_sum(run, 0, run->npages, &t);
    put_metrics(summary, &t);
    for (int i = 0; i < run->npages; i++) {
        const struct bs_eval_page *pg = &run->pages[i];
        json_t *po = json_object(), *arts = json_array(), *rep = json_object();
        struct bs_eval_totals pt;

        if (!po || !arts || !rep)
            bs_oom();
        bs_eval_sum(run, i, i + 1, &pt);
        set(po, "id", json_string(pg->id));
        set(po, "truth", json_string(pg->gt->source));
        set(po, "output", json_string(pg->pred->source));
        set(po, "missing_output", json_boolean(pg->missing_output));
        set(po, "has_articles", json_boolean(pg->has_articles));
        put_metrics(po, &pt);
        json_object_del(po, "pages");
        json_object_del(po, "pages_missing");
        add_repairs(rep, pg->pred);
        add_repairs(all_rep, pg->pred);
        set(po, "repairs", rep);
        for (int r = 0; r < pg->nrows; r++)
            if (json_array_append_new(arts, article_json(pg, &pg->rows[r])) < 0)
                bs_oom();
        set(po, "articles", arts);
        if (json_array_append_new(pages, po) < 0)
            bs_oom();
    }
    set(summary, "repairs", all_rep);
    set(root, "summary", summary);
    set(root, "pages", pages);
    return root;
}
