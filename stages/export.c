/*
 * export.c - stage `export`: writes the page's outputs in the formats asked
 * for (--formats): articles.json, page.txt and articles/aNNN.txt, and the
 * archive formats page.alto.xml (ALTO 4.4), page.xml (PAGE 2019-07-15) and
 * page.hocr, and the searchable page.pdf (pipeline/formats/).  METS is written for the whole output
 * folder once the run's pages are done (batch.c), not here.
 *
 * Every file is written to a temporary name and renamed, and article files
 * left from an earlier run that no longer exist are removed, so the folder
 * always holds one consistent result.
 */
#include "../pipeline/base/base.h"
#include "../pipeline/formats/formats.h"
#include "../pipeline/model/model.h"
#include "../pipeline/ocr/ocr.h"
#include "../pipeline/repair/repair.h"
#include "../pipeline/run/run.h"
#include "../pipeline/segment/segment.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes articles/aNNN.txt files that this run did not write. */
static int prune_articles(const char *dir, const struct bs_page *page,
                          struct bs_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **ids;
    int rc = 0;

    if (!d)
        return 0;
    /* The articles' file names, sorted: each file is looked up, not
     * compared with every article. */
    ids = bs_calloc((size_t)page->narticles + 1, sizeof(*ids));
    for (int a = 0; a < page->narticles; a++)
        ids[a] = bs_sprintf("%s.txt", page->articles[a].id);
    qsort(ids, (size_t)page->narticles, sizeof(*ids), cmp_str);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        const char *name = e->d_name;
        if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
            continue;
        if (!bsearch(&name, ids, (size_t)page->narticles, sizeof(*ids),
                     cmp_str)) {
            char *p = bs_path_join(dir, e->d_name);
            if (bs_remove_if_exists(p, err) < 0)
                rc = -1;
            free(p);
        }
    }
    closedir(d);
    for (int a = 0; a < page->narticles; a++)
        free(ids[a]);
    free(ids);
    return rc;
}

/* The whole page for full-text search, in its physical reading order
 * (model/xycut.c: band by band, column by column, the masthead, folios
 * and running foot where they stand): each text block's paragraphs, one a
 * line, joined as repair joins the articles' lines, into out.  page.txt
 * holds the same text article by article. */
static void page_fulltext(const struct bs_page *page,
                          const struct bs_joiner *j, struct bs_buf *out)
{
    int *seq = bs_malloc(((size_t)page->nblocks + 1) * sizeof(int));
    int *by_seq = bs_malloc(((size_t)page->nblocks + 1) * sizeof(int));
    double th = page->type.line_pitch > 0 ? page->type.line_pitch * 0.6 : 0;

    bs_physical_order(page, th, seq);
    for (int i = 0; i < page->nblocks; i++)
        by_seq[i] = -1;
    for (int i = 0; i < page->nblocks; i++)
        if (seq[i] >= 0 && seq[i] < page->nblocks)
            by_seq[seq[i]] = i;
    for (int k = 0; k < page->nblocks; k++) {
        char *t;
        if (by_seq[k] < 0)
            continue;
        t = bs_block_paragraphs(&page->blocks[by_seq[k]], j);
        if (*t) {
            bs_buf_add(out, t);
            bs_buf_add(out, "\n");
        }
        free(t);
    }
    free(seq);
    free(by_seq);
}

static int write_text(struct bs_run *run, const struct bs_page *page,
                      const struct bs_joiner *j, struct bs_error *err)
{
    char *adir = bs_run_path(run, "articles");
    struct bs_buf all = {0}, full = {0};
    char *path;
    int rc = -1;

    if (bs_mkdir_here(adir, err) < 0)
        goto out;
    for (int a = 0; a < page->narticles; a++) {
        char *text = bs_article_to_text(&page->articles[a]);
        char *name = bs_sprintf("%s.txt", page->articles[a].id);
        /* The id came from an artifact: it must name a file in articles/. */
        char *apath = bs_path_child(adir, name, err);
        int wrc = apath ? bs_write_atomic(apath, text, strlen(text), err)
                        : -1;

        if (a)
            bs_buf_add(&all, "\n");
        bs_buf_add(&all, text);
        free(text);
        free(name);
        free(apath);
        if (wrc < 0)
            goto out;
    }
    if (prune_articles(adir, page, err) < 0)
        goto out;
    path = bs_run_path(run, "page.txt");
    rc = bs_write_atomic(path, bs_buf_str(&all), all.len, err);
    free(path);
    if (rc == 0) {
        page_fulltext(page, j, &full);
        path = bs_run_path(run, "fulltext.txt");
        rc = bs_write_atomic(path, bs_buf_str(&full), full.len, err);
        free(path);
    }
out:
    free(adir);
    bs_buf_release(&all);
    bs_buf_release(&full);
    return rc;
}

/* Writes one archive format when it is asked for, else removes a copy
 * left by an earlier run with other --formats. */
static int write_xml(struct bs_run *run, const struct bs_page *page,
                     unsigned bit, const char *name,
                     int (*write)(const struct bs_page *, const char *,
                                  struct bs_error *),
                     struct bs_error *err)
{
    char *path = bs_run_path(run, name);
    int rc = (run->settings->formats & bit) ? write(page, path, err)
                                            : bs_remove_if_exists(path, err);
    free(path);
    return rc;
}

/* True when path is a PNG file (what the PDF embeds without decoding). */
static int is_png(const char *path)
{
    unsigned char head[8];
    FILE *fp = bs_fopen_regular(path, NULL);
    int yes;

    if (!fp)
        return 0;
    yes = fread(head, 1, 8, fp) == 8 && memcmp(head, "\x89PNG\r\n\x1a\n", 8) == 0;
    fclose(fp);
    return yes;
}

/* page.pdf: the deskewed page (gray.png, what the coordinates are pixels
 * of; an imported page's own image when it is a PNG) with the words as a
 * text layer in Tesseract's glyphless font.  An imported page whose image
 * is not there (or not a PNG) has no PDF: there is no picture to put the
 * text on.  Else a copy left by an earlier run is removed. */
static int write_pdf(struct bs_run *run, const struct bs_page *page,
                     struct bs_error *err)
{
    char *path = bs_run_path(run, BS_PDF_NAME), *image, *tessdata, *font;
    int rc;

    if (!(run->settings->formats & BS_FMT_PDF)) {
        rc = bs_remove_if_exists(path, err);
        free(path);
        return rc;
    }
    image = bs_run_path(run, "gray.png");
    if (!bs_is_file(image) && page->source) {
        free(image);
        image = bs_strdup(page->source);
    }
    if (!is_png(image)) {
        rc = bs_remove_if_exists(path, err);
        free(image);
        free(path);
        return rc;
    }
    tessdata = bs_tess_datapath(run->settings->tessdata);
    font = bs_path_join(tessdata ? tessdata : ".", "pdf.ttf");
    rc = bs_pdf_write(page, image, font, path, err);
    free(font);
    free(tessdata);
    free(image);
    free(path);
    return rc;
}

static int export_run(struct bs_run *run, struct bs_page *page,
                      struct bs_error *err)
{
    unsigned f = run->settings->formats;

    if (f & BS_FMT_JSON) {
        char *path = bs_run_path(run, "articles.json");
        int rc = bs_articles_save(page, path, err);
        free(path);
        if (rc < 0)
            return -1;
    }
    if (f & BS_FMT_TXT) {
        /* lines join as repair joins them: the page language's lexicon,
         * else its rule (repair.h) */
        struct bs_lexicon lex = {0};
        int on = bs_settings_repair_on(run->settings, "join"), rc;
        struct bs_joiner j = {on ? bs_join_lexicon : bs_join_plain, &lex};
        if (on && bs_lexicon_load_for(&lex, page->lang, err) < 0)
            return -1;
        rc = write_text(run, page, &j, err);
        bs_lexicon_release(&lex);
        if (rc < 0)
            return -1;
    }
    if (write_xml(run, page, BS_FMT_ALTO, BS_ALTO_NAME, bs_alto_write,
                  err) < 0 ||
        write_xml(run, page, BS_FMT_PAGE, BS_PAGEXML_NAME, bs_pagexml_write,
                  err) < 0 ||
        write_xml(run, page, BS_FMT_HOCR, BS_HOCR_NAME, bs_hocr_write,
                  err) < 0 ||
        write_pdf(run, page, err) < 0)
        return -1;
    return 0;
}

const struct bs_stage bs_stage_export = {
    .name = "export",
    .summary = "write articles.json, page.txt, articles/*.txt (and XML)",
    .reads = "models/lexicon/<lang>.txt",
    .writes = "articles.json, page.txt, fulltext.txt, articles/aNNN.txt, "
              "page.alto.xml, page.xml, page.hocr, page.pdf",
    .saves_model = 0,
    .run = export_run,
};
