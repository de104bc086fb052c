/*
 * tess.c - Tesseract engines per language, block recognition, OSD.
 */
#include "ocr.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

struct engine {
    char *lang;
    TessBaseAPI *api;
};

struct bs_tess {
    char *datapath;
    struct engine *engines;
    int nengines, capengines;
};

struct bs_tess *bs_tess_new(const char *datapath)
{
    struct bs_tess *t = bs_calloc(1, sizeof(*t));
    if (datapath && *datapath)
        t->datapath = bs_strdup(datapath);
    return t;
}

void bs_tess_free(struct bs_tess **tp)
{
    struct bs_tess *t;

    if (!tp || !*tp)
        return;
    t = *tp;
    for (int i = 0; i < t->nengines; i++) {
        TessBaseAPIEnd(t->engines[i].api);
        TessBaseAPIDelete(t->engines[i].api);
        free(t->engines[i].lang);
    }
    free(t->engines);
    free(t->datapath);
    free(t);
    *tp = NULL;
}

char *bs_tess_datapath(const char *datapath)
{
    TessBaseAPI *api = TessBaseAPICreate();
    const char *dp;
    char *out = NULL;

    if (!api)
        bs_oom();
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    /* Init fails at once on a name no file has, and leaves the folder set */
    (void)TessBaseAPIInit3(api, datapath && *datapath ? datapath : NULL,
                           "-broadsheet-no-such-lang-");
    dp = TessBaseAPIGetDatapath(api);
    if (dp && *dp)
        out = bs_strdup(dp);
    TessBaseAPIDelete(api);
    return out;
}

const char *bs_tess_version(void)
{
    return TessVersion();
}

/* Languages installed, as a malloc'd comma list, for error messages. */
static char *installed_langs(TessBaseAPI *api)
{
    char **list = TessBaseAPIGetAvailableLanguagesAsVector(api);
    char *out = bs_strdup("");

    for (int i = 0; list && list[i]; i++) {
        char *n = bs_sprintf("%s%s%s", out, *out ? ", " : "", list[i]);
        free(out);
        out = n;
    }
    if (list)
        TessDeleteTextArray(list);
    return out;
}

static TessBaseAPI *engine_get(struct bs_tess *t, const char *lang,
                               struct bs_error *err)
{
    TessBaseAPI *api;
    struct engine *e;

    for (int i = 0; i < t->nengines; i++)
        if (strcmp(t->engines[i].lang, lang) == 0)
            return t->engines[i].api;
    api = TessBaseAPICreate();
    if (!api)
        bs_oom();
    /* Tesseract prints its own warnings ("Estimating resolution...") to
     * stderr; the run reports problems itself. */
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(api, t->datapath, lang) != 0) {
        /* A failed Init leaves the API usable for listing languages. */
        char *have = installed_langs(api);
        bs_fail(err, "tesseract: cannot load language \"%s\" (installed: %s;"
                " Debian packages tesseract-ocr-<lang>)", lang,
                *have ? have : "none");
        free(have);
        TessBaseAPIDelete(api);
        return NULL;
    }
    /* Keep the spaces the engine sees between CJK words out of the text,
     * and do not let Tesseract invert or rescale blocks by itself. */
    TessBaseAPISetVariable(api, "preserve_interword_spaces", "1");
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    bs_grow((void **)&t->engines, &t->capengines, t->nengines + 1,
            sizeof(*t->engines));
    e = &t->engines[t->nengines++];
    e->lang = bs_strdup(lang);
    e->api = api;
    return api;
}

/* The first language of the "+" list that has no traineddata file in the
 * tessdata folder, as a malloc'd string; NULL when every one has.
 * Listing costs a few milliseconds where loading the models (what
 * engine_get does) costs a tenth of a second or more. */
static char *lang_missing(struct bs_tess *t, const char *lang)
{
    TessBaseAPI *api = TessBaseAPICreate();
    char **list, *missing = NULL;

    if (!api)
        bs_oom();
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    /* Init fails at once on a name no file has, and leaves the folder set
     * for the listing. */
    (void)TessBaseAPIInit3(api, t->datapath, "-broadsheet-no-such-lang-");
    list = TessBaseAPIGetAvailableLanguagesAsVector(api);
    for (const char *p = lang; !missing && *p;) {
        size_t n = strcspn(p, "+");
        int found = n == 0;
        for (int i = 0; list && list[i] && !found; i++)
            found = strlen(list[i]) == n && strncmp(list[i], p, n) == 0;
        if (!found)
            missing = bs_strndup(p, n);
        p += n + (p[n] == '+');
    }
    if (list)
        TessDeleteTextArray(list);
    TessBaseAPIDelete(api);
    return missing;
}

int bs_tess_check_lang(struct bs_tess *tess, const char *lang,
                       struct bs_error *err)
{
    if (!lang || !*lang)
        return bs_fail(err, "--lang: empty language");
    for (const char *p = lang; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_' || *p == '+' || *p == '/' ||
              *p == '-'))
            return bs_fail(err, "--lang: \"%s\" is not a Tesseract language "
                           "list (e.g. eng, chi_sim+eng)", lang);
    /* Each language the listing lacks is loaded alone to be sure: a list
     * ("eng+xyz") loads with only a warning for the missing one. */
    for (const char *p = lang; *p;) {
        size_t n = strcspn(p, "+");
        char *one = bs_strndup(p, n), *missing = lang_missing(tess, one);
        int ok = !missing || engine_get(tess, one, err) != NULL;
        free(missing);
        free(one);
        if (!ok)
            return -1;
        p += n + (p[n] == '+');
    }
    return 0;
}

/* Removes spaces that sit between two CJK characters inside a word string
 * (Tesseract's chi_sim emits "中 国" for "中国"). */
static char *cjk_close_spaces(const char *s)
{
    int n;
    uint32_t *cps = bs_utf8_to_cps(s, &n);
    int k = 0;
    char *out;

    for (int i = 0; i < n; i++) {
        if (bs_cp_is_space(cps[i])) {
            int prev = k > 0 ? bs_cp_is_cjk(cps[k - 1]) : 0;
            int j = i;
            while (j < n && bs_cp_is_space(cps[j]))
                j++;
            if (prev && j < n && bs_cp_is_cjk(cps[j])) {
                i = j - 1;
                continue;
            }
        }
        cps[k++] = cps[i];
    }
    out = bs_utf8_from_cps(cps, k);
    free(cps);
    return out;
}

static uint32_t edge_cp(const char *s, int last)
{
    int n, len;
    uint32_t *c, cp;

    if (!last)
        return *s ? bs_utf8_decode(s, strlen(s), &len) : 0;
    c = bs_utf8_to_cps(s, &n);
    cp = n ? c[n - 1] : 0;
    free(c);
    return cp;
}

/* Adds a word to a line.  A digit or Latin word that touches a CJK
 * character of its neighbour with no real gap ("2022" + "年", "GDP" +
 * "增长") is glued to it: Chinese sets digits and Latin words inside the run of
 * characters, and the space Tesseract reports there is noise. */
static void add_word(struct bs_line *line, const char *text, struct bs_box box,
                     float conf)
{
    struct bs_word *prev = line->nwords ? &line->words[line->nwords - 1] : NULL;
    /* Two CJK characters need no gluing: line text never puts a space
     * between them. */
    int a = prev ? bs_cp_is_cjk(edge_cp(prev->text, 1)) : 0;
    int b = bs_cp_is_cjk(edge_cp(text, 0));

    if (prev && !bs_box_empty(prev->box) && !bs_box_empty(box) && a != b &&
        box.x - bs_box_right(prev->box) <
            0.35 * (box.h > prev->box.h ? box.h : prev->box.h)) {
        char *joined = bs_sprintf("%s%s", prev->text, text);
        free(prev->text);
        prev->text = joined;
        prev->box = bs_box_union(prev->box, box);
        if (conf >= 0 && (prev->conf < 0 || conf < prev->conf))
            prev->conf = conf;
        return;
    }
    bs_line_add_word(line, text, box, conf);
}

static struct bs_box map_box(struct bs_tess_map m, int x0, int y0, int x1,
                             int y1)
{
    struct bs_box b;
    b.x = m.x + (int)(x0 / m.scale);
    b.y = m.y + (int)(y0 / m.scale);
    b.w = (int)((x1 - x0) / m.scale + 0.5);
    b.h = (int)((y1 - y0) / m.scale + 0.5);
    return b;
}

int bs_tess_read(struct bs_tess *tess, const char *lang, PIX **pix, int psm,
                 int ppi, struct bs_tess_map map, struct bs_block *block,
                 struct bs_error *err)
{
    TessBaseAPI *api = engine_get(tess, lang, err);
    TessResultIterator *it;
    TessPageIterator *pit;
    struct bs_line *line = NULL;

    if (!api) {
        pixDestroy(pix);
        return -1;
    }
    if (map.scale <= 0)
        map.scale = 1.0;
    TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
    TessBaseAPISetImage2(api, *pix);
    /* Tesseract has its own copy now: one less crop held while reading. */
    pixDestroy(pix);
    TessBaseAPISetSourceResolution(api, ppi > 0 ? ppi : 300);
    if (TessBaseAPIRecognize(api, NULL) != 0) {
        TessBaseAPIClear(api);
        return bs_fail(err, "tesseract: recognition failed on block %s",
                       block->id);
    }
    it = TessBaseAPIGetIterator(api);
    if (!it) {
        TessBaseAPIClear(api);
        return 0; /* nothing found: an empty block is not an error */
    }
    pit = TessResultIteratorGetPageIterator(it);
    do {
        int x0, y0, x1, y1;
        char *text;

        if (TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE)) {
            if (TessPageIteratorBoundingBox(pit, RIL_TEXTLINE, &x0, &y0, &x1,
                                            &y1))
                line = bs_block_add_line(block, map_box(map, x0, y0, x1, y1));
            else
                line = NULL;
        }
        if (!line)
            continue;
        text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
        if (text && *text &&
            TessPageIteratorBoundingBox(pit, RIL_WORD, &x0, &y0, &x1, &y1)) {
            char *clean = cjk_close_spaces(text);
            /* Strip surrounding blanks; a word of only blanks is noise. */
            char *s = clean, *e = clean + strlen(clean);
            while (*s == ' ')
                s++;
            while (e > s && e[-1] == ' ')
                *--e = '\0';
            if (*s)
                add_word(line, s, map_box(map, x0, y0, x1, y1),
                         TessResultIteratorConfidence(it, RIL_WORD));
            free(clean);
        }
        if (text)
            TessDeleteText(text);
    } while (TessResultIteratorNext(it, RIL_WORD));
    TessResultIteratorDelete(it);
    TessBaseAPIClear(api);
    /* Drop lines that ended up with no words. */
    for (int l = block->nlines - 1; l >= 0; l--) {
        if (block->lines[l].nwords == 0) {
            free(block->lines[l].words);
            memmove(&block->lines[l], &block->lines[l + 1],
                    (size_t)(block->nlines - l - 1) * sizeof(*block->lines));
            block->nlines--;
        }
    }
    return 0;
}

/* Tesseract block types read as text (what psm 3 recognition reads). */
static int text_block(TessPolyBlockType t)
{
    switch (t) {
    case PT_FLOWING_TEXT:
    case PT_HEADING_TEXT:
    case PT_PULLOUT_TEXT:
    case PT_EQUATION:
    case PT_INLINE_EQUATION:
    case PT_TABLE:
    case PT_VERTICAL_TEXT:
    case PT_CAPTION_TEXT:
        return 1;
    default:
        return 0;
    }
}

int bs_tess_regions(struct bs_tess *tess, const char *lang, PIX *pix,
                    int psm, int ppi, int pad, struct bs_tess_region **out,
                    int *nout, struct bs_error *err)
{
    TessBaseAPI *api;
    TessPageIterator *it;
    struct bs_tess_region *v = NULL;
    int n = 0, cap = 0;

    *out = NULL;
    *nout = 0;
    api = engine_get(tess, lang, err);
    if (!api)
        return -1;
    TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
    TessBaseAPISetImage2(api, pix);
    TessBaseAPISetSourceResolution(api, ppi > 0 ? ppi : 300);
    it = TessBaseAPIAnalyseLayout(api);
    if (!it) {
        TessBaseAPIClear(api);
        return 0; /* no text found */
    }
    do {
        int x0, y0, x1, y1;
        PIX *img = NULL;

        if (!text_block(TessPageIteratorBlockType(it)) ||
            !TessPageIteratorBoundingBox(it, RIL_BLOCK, &x0, &y0, &x1, &y1))
            continue;
        if (pixGetDepth(pix) == 1) {
            /* GetImage would paint outside the block black in 1-bit. */
            PIX *bin = TessPageIteratorGetBinaryImage(it, RIL_BLOCK);
            if (bin) {
                img = pixAddBorder(bin, pad, 0);
                pixDestroy(&bin);
                x0 -= pad;
                y0 -= pad;
            }
        } else {
            /* The crop's own pixels, outside the block's polygon white. */
            img = TessPageIteratorGetImage(it, RIL_BLOCK, pad, pix, &x0, &y0);
        }
        if (!img)
            continue;
        bs_grow((void **)&v, &cap, n + 1, sizeof(*v));
        v[n].pix = img;
        v[n].x = x0;
        v[n].y = y0;
        n++;
    } while (TessPageIteratorNext(it, RIL_BLOCK));
    TessPageIteratorDelete(it);
    TessBaseAPIClear(api);
    *out = v;
    *nout = n;
    return 0;
}

int bs_tess_orientation(struct bs_tess *tess, PIX *pix, int *degrees,
                        float *conf, struct bs_error *err)
{
    TessBaseAPI *api = engine_get(tess, "osd", err);
    int deg = 0;
    float dconf = 0, sconf = 0;
    const char *script = NULL;

    *degrees = 0;
    *conf = 0;
    if (!api)
        return -1;
    TessBaseAPISetPageSegMode(api, PSM_OSD_ONLY);
    TessBaseAPISetImage2(api, pix);
    TessBaseAPISetSourceResolution(api, 300);
    if (!TessBaseAPIDetectOrientationScript(api, &deg, &dconf, &script,
                                            &sconf)) {
        TessBaseAPIClear(api);
        return bs_fail(err, "tesseract: orientation not found (too little "
                       "text)");
    }
    TessBaseAPIClear(api);
    *degrees = deg;
    *conf = dconf;
    return 0;
}
