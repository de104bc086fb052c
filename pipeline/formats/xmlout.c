/*
 * xmlout.c - xmlTextWriter into memory, committed with temp file + rename.
 */
#include "xmlout.h"

#include "../base/base.h"
#include "../model/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

void bs_xmlout_start(struct bs_xmlout *x)
{
    memset(x, 0, sizeof(*x));
    x->buf = xmlBufferCreate();
    if (!x->buf)
        bs_oom();
    x->w = xmlNewTextWriterMemory(x->buf, 0);
    if (!x->w)
        bs_oom();
    xmlTextWriterSetIndent(x->w, 1);
    xmlTextWriterSetIndentString(x->w, BAD_CAST " ");
    if (xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL) < 0)
        x->failed = 1;
}

void bs_xmlout_release(struct bs_xmlout *x)
{
    if (x->w)
        xmlFreeTextWriter(x->w);
    if (x->buf)
        xmlBufferFree(x->buf);
    x->w = NULL;
    x->buf = NULL;
}

int bs_xmlout_commit(struct bs_xmlout *x, const char *path,
                     struct bs_error *err)
{
    int rc;

    if (xmlTextWriterEndDocument(x->w) < 0 || xmlTextWriterFlush(x->w) < 0)
        x->failed = 1;
    if (x->failed) {
        bs_xmlout_release(x);
        return bs_fail(err, "%s: libxml2 could not build the document", path);
    }
    rc = bs_write_atomic(path, xmlBufferContent(x->buf),
                         (size_t)xmlBufferLength(x->buf), err);
    bs_xmlout_release(x);
    return rc;
}

void bs_xo_start(struct bs_xmlout *x, const char *name)
{
    if (xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
        x->failed = 1;
}

void bs_xo_end(struct bs_xmlout *x)
{
    if (xmlTextWriterEndElement(x->w) < 0)
        x->failed = 1;
}

void bs_xo_end_full(struct bs_xmlout *x)
{
    if (xmlTextWriterFullEndElement(x->w) < 0)
        x->failed = 1;
}

void bs_xo_attr(struct bs_xmlout *x, const char *name, const char *value)
{
    char *clean = bs_xml_clean(value ? value : "");
    if (xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST clean) < 0)
        x->failed = 1;
    free(clean);
}

void bs_xo_attrf(struct bs_xmlout *x, const char *name, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        bs_oom();
    va_end(ap);
    bs_xo_attr(x, name, s);
    free(s);
}

void bs_xo_attr_int(struct bs_xmlout *x, const char *name, long v)
{
    bs_xo_attrf(x, name, "%ld", v);
}

void bs_xo_text(struct bs_xmlout *x, const char *text)
{
    char *clean = bs_xml_clean(text ? text : "");
    if (xmlTextWriterWriteString(x->w, BAD_CAST clean) < 0)
        x->failed = 1;
    free(clean);
}

void bs_xo_elem(struct bs_xmlout *x, const char *name, const char *text)
{
    bs_xo_start(x, name);
    bs_xo_text(x, text);
    bs_xo_end(x);
}

/* Decodes one UTF-8 sequence at s (n bytes left); returns its length and
 * the code point, or 0 when the bytes are not valid UTF-8. */
static int utf8_one(const unsigned char *s, size_t n, unsigned *cp)
{
    int len;
    unsigned c = s[0], min;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2; c &= 0x1f; min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3; c &= 0x0f; min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4; c &= 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if ((size_t)len > n)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

char *bs_xml_clean(const char *s)
{
    size_t n = strlen(s), o = 0;
    char *out = bs_malloc(n * 3 + 1);
    const unsigned char *p = (const unsigned char *)s;

    for (size_t i = 0; i < n;) {
        unsigned cp;
        int len = utf8_one(p + i, n - i, &cp);
        int ok = len > 0 && (cp >= 0x20 || cp == '\t' || cp == '\n' ||
                             cp == '\r') && cp != 0xfffe && cp != 0xffff;
        if (ok) {
            memcpy(out + o, p + i, (size_t)len);
            o += (size_t)len;
            i += (size_t)len;
        } else {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            i += len > 0 ? (size_t)len : 1;
        }
    }
    out[o] = '\0';
    return out;
}

long long bs_xml_doc_time(void)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    time_t now = time(NULL);

    if (env && *env) {
        char *end;
        long long v = strtoll(env, &end, 10);
        if (!*end && v >= 0 && v < 253402300800LL)
            return v;
    }
    return now > 0 ? (long long)now : 0;
}

void bs_xml_doc_date(char out[32])
{
    time_t t = (time_t)bs_xml_doc_time();
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
}

/* The path of `target` relative to folder `dir` (both made absolute and
 * free of symlinks when they exist); malloc'd, NULL when either cannot be
 * resolved. */
static char *relative_to(const char *dir, const char *target)
{
    char *d = realpath(dir, NULL), *t = realpath(target, NULL), *out = NULL;
    size_t common = 0;

    if (d && t) {
        size_t i = 0;
        /* the longest common prefix ending at a component boundary */
        while (d[i] && t[i] && d[i] == t[i]) {
            i++;
            if ((d[i] == '/' || !d[i]) && (t[i] == '/' || !t[i]))
                common = i;
        }
        out = bs_strdup("");
        for (const char *p = d + common; *p; p++)
            if (*p == '/') {
                char *o = bs_sprintf("%s../", out);
                free(out);
                out = o;
            }
        {
            char *o = bs_sprintf("%s%s", out, t + common + (t[common] == '/'));
            free(out);
            out = o;
        }
    }
    free(d);
    free(t);
    return out;
}

char *bs_xml_image_ref(const struct bs_page *page, const char *xml_path)
{
    char *dir = bs_strdup(xml_path), *slash = strrchr(dir, '/'), *gray, *ref;

    if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    gray = bs_path_join(dir, "gray.png");
    if (bs_is_file(gray)) {
        free(gray);
        free(dir);
        return bs_strdup("gray.png");
    }
    free(gray);
    ref = page->source && page->source[0] ? relative_to(dir, page->source)
                                          : NULL;
    if (!ref)
        ref = bs_strdup(page->source ? page->source : "");
    free(dir);
    return ref;
}

/* Tesseract's language codes as ISO 639 / BCP 47 (ALTO LANG) and as PAGE's
 * LanguageSimpleType names; the first language of a "+" list counts. */
static const struct {
    const char *tess, *bcp47, *page;
} langs[] = {
    {"eng", "en", "English"},     {"deu", "de", "German"},
    {"frk", "de", "German"},      {"chi_sim", "zh-Hans", "Chinese"},
    {"chi_tra", "zh-Hant", "Chinese"}, {"fra", "fr", "French"},
    {"ita", "it", "Italian"},     {"spa", "es", "Spanish"},
    {"rus", "ru", "Russian"},     {"jpn", "ja", "Japanese"},
    {"kor", "ko", "Korean"},      {"nld", "nl", "Dutch"},
    {"por", "pt", "Portuguese"},  {"lat", "la", "Latin"},
    {"dan", "da", "Danish"},      {"swe", "sv", "Swedish"},
    {"pol", "pl", "Polish"},      {"ces", "cs", "Czech"},
};

static int first_lang(const char *lang, char out[32])
{
    size_t n = lang ? strcspn(lang, "+") : 0;

    if (n == 0 || n >= 32)
        return 0;
    memcpy(out, lang, n);
    out[n] = '\0';
    return 1;
}

int bs_xml_lang_bcp47(const char *lang, char out[32])
{
    char first[32];
    size_t n;

    if (!first_lang(lang, first))
        return 0;
    for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
        if (strcmp(first, langs[i].tess) == 0) {
            snprintf(out, 32, "%s", langs[i].bcp47);
            return 1;
        }
    /* other codes: their ISO 639-2 letters ("hun", "ell"), a valid tag */
    n = strcspn(first, "_");
    if (n < 2 || n > 8)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((first[i] >= 'a' && first[i] <= 'z') ||
              (first[i] >= 'A' && first[i] <= 'Z')))
            return 0;
    memcpy(out, first, n);
    out[n] = '\0';
    return 1;
}

const char *bs_xml_lang_page(const char *lang)
{
    char first[32];

    if (!first_lang(lang, first))
        return NULL;
    for (size_t i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
        if (strcmp(first, langs[i].tess) == 0)
            return langs[i].page;
    return NULL;
}

static int cmp_order(const void *pa, const void *pb, void *ctx)
{
    const struct bs_page *page = ctx;
    const struct bs_block *a = &page->blocks[*(const int *)pa];
    const struct bs_block *b = &page->blocks[*(const int *)pb];
    int ka = a->order >= 0 ? a->order : 1 << 30;
    int kb = b->order >= 0 ? b->order : 1 << 30;

    if (ka != kb)
        return ka < kb ? -1 : 1;
    return *(const int *)pa - *(const int *)pb;
}

int bs_xml_article_nblocks(const struct bs_page *page,
                           const struct bs_article *a)
{
    int n = 0;

    for (int k = 0; k < a->nblocks; k++)
        n += bs_page_find_block(page, a->blocks[k]) >= 0;
    return n;
}

int *bs_xml_block_sequence(const struct bs_page *page)
{
    int n = page->nblocks, k = 0;
    int *seq = bs_calloc((size_t)n + 1, sizeof(int));
    int *rest = bs_calloc((size_t)n + 1, sizeof(int));
    char *seen = bs_calloc((size_t)n + 1, 1);
    int nrest = 0;

    for (int a = 0; a < page->narticles; a++)
        for (int b = 0; b < page->articles[a].nblocks; b++) {
            int i = bs_page_find_block(page, page->articles[a].blocks[b]);
            if (i >= 0 && !seen[i]) {
                seen[i] = 1;
                seq[k++] = i;
            }
        }
    for (int i = 0; i < n; i++)
        if (!seen[i])
            rest[nrest++] = i;
    qsort_r(rest, (size_t)nrest, sizeof(int), cmp_order, (void *)page);
    memcpy(seq + k, rest, (size_t)nrest * sizeof(int));
    free(rest);
    free(seen);
    return seq;
}
