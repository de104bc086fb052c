/*
 * report_html.h - the eval report as one self-contained HTML page (--html):
 * summary, thresholds, a table per run and per page, and a side-by-side
 * diff of every article with insertions and deletions highlighted.
 *
 * Numbers come from the JSON report (eval_json.h), so the page and --json
 * always agree; every summary number sits in an element with
 * id="sum-<key>" and data-value="<the JSON number>" for tools to read.
 * All text is HTML-escaped; the page has no scripts and loads nothing.
 */
#ifndef BS_REPORT_HTML_H
#define BS_REPORT_HTML_H

#include "../base/error.h"
#include "eval.h"

#include <jansson.h>

/* Writes the page atomically to path. */
int bs_eval_write_html(const struct bs_eval_run *run, json_t *report,
                       const char *path, struct bs_error *err);

#endif
