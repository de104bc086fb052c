/*
 * mets_write.c - OUT/mets.xml: one METS 1.12 document for every finished
 * page folder of an output folder.
 *
 *   fileSec     fileGrp USE="IMAGE" (each page's gray.png: the deskewed
 *               image the coordinates refer to), USE="ALTO" and USE="PAGE"
 *               (page.alto.xml, page.xml, where written); hrefs are
 *               relative to OUT
 *   structMap TYPE="PHYSICAL"  one div TYPE="page" per page, in page-id
 *               order, LABEL = page id, ORDERLABEL = printed page number
 *   structMap TYPE="LOGICAL"   one div TYPE="ARTICLE" per article, LABEL =
 *               headline, its blocks as <area FILEID=ALTO BEGIN=block-id
 *               BETYPE="IDREF"> in reading order; an article continued on
 *               another page (continued_to_ref, segment/link.c) is one div
 *               whose areas run across both pages
 *
 * Writers of several processes (shards, GNU parallel) may end at once: the
 * folder is scanned and the file written under an flock on OUT, so the
 * last writer describes every page stamped before it.  Only the summary of
 * each page (articles and block ids) is held, not the pages.
 */
#include "formats.h"

#include "xmlout.h"
#include "../base/base.h"
#include "../model/model.h"

#include <fcntl.h>
#include <libxml/uri.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define METS_NS "http://www.loc.gov/METS/"
#define METS_XSD "http://www.loc.gov/standards/mets/mets.xsd"
/* Guards a continuation chain against cycles in hostile artifacts. */
#define METS_MAX_CHAIN 1000

struct mets_article {
    char id[16];
    char *headline;
    char **blocks;
    int nblocks;
    char *to_ref;      /* "<page-id>/<article-id>" or NULL */
    char *from_ref;
    int done;
};

struct mets_page {
    char *id;
    int number;
    int has_image, has_alto, has_page;
    struct mets_article *arts;
    int narts;
};

struct mets {
    struct mets_page *pages;
    int n, cap;
};

static void mets_release(struct mets *m)
{
    for (int p = 0; p < m->n; p++) {
        struct mets_page *pg = &m->pages[p];
        for (int a = 0; a < pg->narts; a++) {
            struct mets_article *art = &pg->arts[a];
            for (int b = 0; b < art->nblocks; b++)
                free(art->blocks[b]);
            free(art->blocks);
            free(art->headline);
            free(art->to_ref);
            free(art->from_ref);
        }
        free(pg->arts);
        free(pg->id);
    }
    free(m->pages);
    memset(m, 0, sizeof(*m));
}

static int has_file(const char *dir, const char *name)
{
    char *p = bs_path_join(dir, name);
    int r = bs_is_file(p);
    free(p);
    return r;
}

static char *dup_or_null(const char *s)
{
    return s ? bs_strdup(s) : NULL;
}

/* Adds the page in `dir` when it is finished; a page whose model cannot be
 * read is an error (it was stamped, so it should be whole). */
static int add_page(struct mets *m, const char *dir, const char *name,
                    struct bs_error *err)
{
    struct bs_page *page = NULL;
    struct mets_page *pg;
    char *model;
    int rc;

    if (!has_file(dir, BS_STAMP_NAME) || !has_file(dir, "model.repair.json"))
        return 0;
    model = bs_path_join(dir, "model.repair.json");
    rc = bs_page_load(model, &page, err);
    free(model);
    if (rc < 0)
        return -1;
    bs_grow((void **)&m->pages, &m->cap, m->n + 1, sizeof(*m->pages));
    pg = &m->pages[m->n++];
    pg->id = bs_strdup(name);
    pg->number = page->number;
    pg->has_image = has_file(dir, "gray.png");
    pg->has_alto = has_file(dir, BS_ALTO_NAME);
    pg->has_page = has_file(dir, BS_PAGEXML_NAME);
    pg->arts = bs_calloc((size_t)page->narticles + 1, sizeof(*pg->arts));
    for (int a = 0; a < page->narticles; a++) {
        const struct bs_article *src = &page->articles[a];
        struct mets_article *art = &pg->arts[pg->narts++];
        snprintf(art->id, sizeof(art->id), "%s", src->id);
        art->headline = bs_strdup(src->headline ? src->headline : "");
        art->to_ref = dup_or_null(src->continued_to_ref);
        art->from_ref = dup_or_null(src->continued_from_ref);
        art->blocks = bs_calloc((size_t)src->nblocks + 1, sizeof(char *));
        for (int b = 0; b < src->nblocks; b++)
            if (bs_page_find_block(page, src->blocks[b]) >= 0)
                art->blocks[art->nblocks++] = bs_strdup(src->blocks[b]);
    }
    bs_page_free(&page);
    return 0;
}

struct scan_ctx {
    struct mets *m;
    struct bs_error *err;
    int rc;
};

/* Page folders hold a load artifact or a stamp; a folder that holds
 * neither (a title, an issue) is searched below. */
static int is_page_folder(void *ctx, const char *dir)
{
    (void)ctx;
    return has_file(dir, "model.load.json") || has_file(dir, BS_STAMP_NAME);
}

static void scan_found(void *ctx, const char *dir, const char *rel)
{
    struct scan_ctx *sc = ctx;

    if (sc->rc == 0 && rel[0])
        sc->rc = add_page(sc->m, dir, rel, sc->err);
}

/* Every page folder below `out`, at any depth (page ids are paths: a
 * title/issue/page tree), in path order; the page id is the path. */
static int scan(struct mets *m, const char *out, struct bs_error *err)
{
    struct scan_ctx sc = {m, err, 0};

    if (!bs_is_dir(out))
        return bs_fail(err, "%s: cannot read folder", out);
    bs_walk_leaf_dirs(out, is_page_folder, scan_found, &sc);
    return sc.rc;
}

/* The article a "<page-id>/<article-id>" ref names, or NULL. */
static struct mets_article *find_ref(struct mets *m, const char *ref, int *pi)
{
    const char *slash = ref ? strrchr(ref, '/') : NULL;

    if (!slash)
        return NULL;
    for (int p = 0; p < m->n; p++) {
        if (strlen(m->pages[p].id) != (size_t)(slash - ref) ||
            strncmp(m->pages[p].id, ref, (size_t)(slash - ref)) != 0)
            continue;
        for (int a = 0; a < m->pages[p].narts; a++)
            if (strcmp(m->pages[p].arts[a].id, slash + 1) == 0) {
                *pi = p;
                return &m->pages[p].arts[a];
            }
    }
    return NULL;
}

static char *href(const char *page_id, const char *file)
{
    /* each component escaped, the '/' between them kept */
    xmlChar *esc = xmlURIEscapeStr(BAD_CAST page_id, BAD_CAST "/");
    char *h;

    if (!esc)
        bs_oom();
    h = bs_sprintf("%s/%s", (const char *)esc, file);
    xmlFree(esc);
    return h;
}

static void file_grp(struct bs_xmlout *x, const struct mets *m,
                     const char *use, const char *prefix, const char *mime,
                     const char *file, size_t flag_offset)
{
    int any = 0;

    for (int p = 0; p < m->n; p++)
        any |= *(const int *)((const char *)&m->pages[p] + flag_offset);
    if (!any)
        return;
    bs_xo_start(x, "fileGrp");
    bs_xo_attr(x, "USE", use);
    for (int p = 0; p < m->n; p++) {
        char *h;
        if (!*(const int *)((const char *)&m->pages[p] + flag_offset))
            continue;
        bs_xo_start(x, "file");
        bs_xo_attrf(x, "ID", "%s_%04d", prefix, p + 1);
        bs_xo_attr(x, "MIMETYPE", mime);
        bs_xo_start(x, "FLocat");
        bs_xo_attr(x, "LOCTYPE", "URL");
        h = href(m->pages[p].id, file);
        bs_xo_attr(x, "xlink:href", h);
        free(h);
        bs_xo_end(x);
        bs_xo_end(x);
    }
    bs_xo_end(x);
}

/* The areas of one part of an article (its blocks on one page). */
static void article_areas(struct bs_xmlout *x, const struct mets *m, int p,
                          const struct mets_article *art)
{
    const struct mets_page *pg = &m->pages[p];
    const char *prefix = pg->has_alto ? "ALTO" : "PAGE";

    if (!pg->has_alto && !pg->has_page)
        return;
    for (int b = 0; b < art->nblocks; b++) {
        bs_xo_start(x, "area");
        bs_xo_attrf(x, "FILEID", "%s_%04d", prefix, p + 1);
        bs_xo_attr(x, "BEGIN", art->blocks[b]);
        bs_xo_attr(x, "BETYPE", "IDREF");
        bs_xo_end(x);
    }
}

static int page_has_files(const struct mets_page *pg)
{
    return pg->has_alto || pg->has_page;
}

/* One ARTICLE div for the article starting at (p, art), following its
 * continuations. */
static void write_article(struct bs_xmlout *x, struct mets *m, int p,
                          struct mets_article *art, int n)
{
    struct mets_article *part = art;
    int pp = p, any = 0, steps = 0;

    for (part = art, pp = p; part && !part->done && steps < METS_MAX_CHAIN;
         part = find_ref(m, part->to_ref, &pp), steps++)
        any |= page_has_files(&m->pages[pp]) && part->nblocks > 0;
    bs_xo_start(x, "div");
    bs_xo_attrf(x, "ID", "LOG_%04d", n);
    bs_xo_attr(x, "TYPE", "ARTICLE");
    if (art->headline[0])
        bs_xo_attr(x, "LABEL", art->headline);
    if (any) {
        bs_xo_start(x, "fptr");
        bs_xo_start(x, "seq");
    }
    for (part = art, pp = p, steps = 0;
         part && !part->done && steps < METS_MAX_CHAIN;
         part = find_ref(m, part->to_ref, &pp), steps++) {
        part->done = 1;
        article_areas(x, m, pp, part);
    }
    if (any) {
        bs_xo_end(x);
        bs_xo_end(x);
    }
    bs_xo_end(x);
}

static int write_mets(struct mets *m, const char *path, struct bs_error *err)
{
    struct bs_xmlout x;
    int n = 0, pi;

    bs_xmlout_start(&x);
    bs_xo_start(&x, "mets");
    bs_xo_attr(&x, "xmlns", METS_NS);
    bs_xo_attr(&x, "xmlns:xlink", "http://www.w3.org/1999/xlink");
    bs_xo_attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    bs_xo_attr(&x, "xsi:schemaLocation", METS_NS " " METS_XSD);
    bs_xo_start(&x, "metsHdr");
    bs_xo_start(&x, "agent");
    bs_xo_attr(&x, "ROLE", "CREATOR");
    bs_xo_attr(&x, "TYPE", "OTHER");
    bs_xo_attr(&x, "OTHERTYPE", "SOFTWARE");
    bs_xo_elem(&x, "name", "broadsheet " BS_VERSION);
    bs_xo_end(&x);
    bs_xo_end(&x);
    if (m->n) {
        bs_xo_start(&x, "fileSec");
        file_grp(&x, m, "IMAGE", "IMG", "image/png", "gray.png",
                 offsetof(struct mets_page, has_image));
        file_grp(&x, m, "ALTO", "ALTO", "text/xml", BS_ALTO_NAME,
                 offsetof(struct mets_page, has_alto));
        file_grp(&x, m, "PAGE", "PAGE", "application/vnd.prima.page+xml",
                 BS_PAGEXML_NAME, offsetof(struct mets_page, has_page));
        bs_xo_end(&x);
    }

    bs_xo_start(&x, "structMap");
    bs_xo_attr(&x, "TYPE", "PHYSICAL");
    bs_xo_start(&x, "div");
    bs_xo_attr(&x, "ID", "PHYS_0000");
    bs_xo_attr(&x, "TYPE", "physSequence");
    for (int p = 0; p < m->n; p++) {
        const struct mets_page *pg = &m->pages[p];
        bs_xo_start(&x, "div");
        bs_xo_attrf(&x, "ID", "PHYS_%04d", p + 1);
        bs_xo_attr(&x, "TYPE", "page");
        bs_xo_attr_int(&x, "ORDER", p + 1);
        if (pg->number > 0)
            bs_xo_attr_int(&x, "ORDERLABEL", pg->number);
        bs_xo_attr(&x, "LABEL", pg->id);
        if (pg->has_image) {
            bs_xo_start(&x, "fptr");
            bs_xo_attrf(&x, "FILEID", "IMG_%04d", p + 1);
            bs_xo_end(&x);
        }
        if (pg->has_alto) {
            bs_xo_start(&x, "fptr");
            bs_xo_attrf(&x, "FILEID", "ALTO_%04d", p + 1);
            bs_xo_end(&x);
        }
        if (pg->has_page) {
            bs_xo_start(&x, "fptr");
            bs_xo_attrf(&x, "FILEID", "PAGE_%04d", p + 1);
            bs_xo_end(&x);
        }
        bs_xo_end(&x);
    }
    bs_xo_end(&x);
    bs_xo_end(&x);

    bs_xo_start(&x, "structMap");
    bs_xo_attr(&x, "TYPE", "LOGICAL");
    bs_xo_start(&x, "div");
    bs_xo_attr(&x, "ID", "LOG_0000");
    bs_xo_attr(&x, "TYPE", "newspaper_issue");
    /* Heads first: articles that continue no linked article here. */
    for (int p = 0; p < m->n; p++)
        for (int a = 0; a < m->pages[p].narts; a++) {
            struct mets_article *art = &m->pages[p].arts[a];
            if (art->done || find_ref(m, art->from_ref, &pi))
                continue;
            write_article(&x, m, p, art, ++n);
        }
    /* Then whatever a cycle of refs left over. */
    for (int p = 0; p < m->n; p++)
        for (int a = 0; a < m->pages[p].narts; a++)
            if (!m->pages[p].arts[a].done)
                write_article(&x, m, p, &m->pages[p].arts[a], ++n);
    bs_xo_end(&x);
    bs_xo_end(&x);
    bs_xo_end(&x);
    return bs_xmlout_commit(&x, path, err);
}

int bs_mets_write_dir(const char *out_dir, struct bs_error *err)
{
    struct mets m = {0};
    char *path = bs_path_join(out_dir, BS_METS_NAME);
    int fd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = -1;

    if (fd < 0) {
        bs_fail(err, "%s: cannot open folder", out_dir);
        goto out;
    }
    if (flock(fd, LOCK_EX) < 0) {
        bs_fail(err, "%s: cannot lock folder", out_dir);
        goto out;
    }
    if (scan(&m, out_dir, err) < 0 || write_mets(&m, path, err) < 0)
        goto out;
    rc = 0;
out:
    if (fd >= 0)
        close(fd); /* releases the lock */
    mets_release(&m);
    free(path);
    return rc;
}
