/*
 * hocr_write.c - a page as hOCR 1.2 (XHTML): an ocr_page holding, in
 * reading order, one ocr_carea per text block (title "bbox ...; x_role
 * ROLE; x_order N" with N the place in the reading order, -1 for none;
 * x_article ID for a block of an article) with an ocr_par, ocr_line (or
 * ocr_header / ocr_caption for headings and captions) and ocrx_word spans
 * (x_wconf 0..100), plus ocr_separator and ocr_photo for rules and photos.
 */
#include "formats.h"

#include "xmlout.h"

#include <stdlib.h>
#include <string.h>

static void bbox_title(struct bs_xmlout *x, struct bs_box b, const char *more)
{
    bs_xo_attrf(x, "title", "bbox %d %d %d %d%s%s", b.x, b.y, b.x + b.w,
                b.y + b.h, more ? "; " : "", more ? more : "");
}

static const char *line_class(enum bs_role role)
{
    switch (role) {
    case BS_ROLE_MASTHEAD:
    case BS_ROLE_KICKER:
    case BS_ROLE_HEADLINE:
    case BS_ROLE_SUBHEADLINE:
        return "ocr_header";
    case BS_ROLE_CAPTION:
        return "ocr_caption";
    default:
        return "ocr_line";
    }
}

/* pos: the block's place in the reading sequence, -1 when unordered. */
static void write_block(struct bs_xmlout *x, const struct bs_block *b,
                        int pos)
{
    char *more;

    if (b->role == BS_ROLE_SEPARATOR || b->role == BS_ROLE_IMAGE) {
        /* A photo of an article keeps its place and article, as text
         * blocks do, so a re-import puts it where it was. */
        more = pos < 0 ? NULL
               : b->article[0] ? bs_sprintf("x_order %d; x_article %s", pos,
                                            b->article)
                               : bs_sprintf("x_order %d", pos);
        bs_xo_start(x, "div");
        bs_xo_attr(x, "class", b->role == BS_ROLE_SEPARATOR ? "ocr_separator"
                                                           : "ocr_photo");
        bs_xo_attr(x, "id", b->id);
        bbox_title(x, b->box, more);
        free(more);
        bs_xo_end_full(x);
        return;
    }
    more = b->article[0]
               ? bs_sprintf("x_role %s; x_order %d; x_article %s",
                            bs_role_name(b->role), pos, b->article)
               : bs_sprintf("x_role %s; x_order %d", bs_role_name(b->role),
                            pos);
    bs_xo_start(x, "div");
    bs_xo_attr(x, "class", "ocr_carea");
    bs_xo_attr(x, "id", b->id);
    bbox_title(x, b->box, more);
    free(more);
    bs_xo_start(x, "p");
    bs_xo_attr(x, "class", "ocr_par");
    bs_xo_attrf(x, "id", "%s_p", b->id);
    bbox_title(x, b->box, NULL);
    for (int l = 0; l < b->nlines; l++) {
        const struct bs_line *line = &b->lines[l];
        bs_xo_start(x, "span");
        bs_xo_attr(x, "class", line_class(b->role));
        bs_xo_attrf(x, "id", "%s_l%d", b->id, l + 1);
        bbox_title(x, line->box, NULL);
        for (int w = 0; w < line->nwords; w++) {
            const struct bs_word *wd = &line->words[w];
            char conf[32];
            snprintf(conf, sizeof(conf), "x_wconf %d",
                     wd->conf < 0 ? 0 : wd->conf > 100 ? 100
                                                       : (int)(wd->conf + 0.5f));
            if (w)
                bs_xo_text(x, " ");
            bs_xo_start(x, "span");
            bs_xo_attr(x, "class", "ocrx_word");
            bs_xo_attrf(x, "id", "%s_l%d_w%d", b->id, l + 1, w + 1);
            bbox_title(x, wd->box, wd->conf >= 0 ? conf : NULL);
            bs_xo_text(x, wd->text ? wd->text : "");
            bs_xo_end_full(x);
        }
        bs_xo_end_full(x);
    }
    bs_xo_end_full(x);
    bs_xo_end_full(x);
}

int bs_hocr_write(const struct bs_page *page, const char *path,
                  struct bs_error *err)
{
    struct bs_xmlout x;
    int *seq = bs_xml_block_sequence(page);
    char *title;

    bs_xmlout_start(&x);
    if (xmlTextWriterWriteDTD(x.w, BAD_CAST "html",
                              BAD_CAST "-//W3C//DTD XHTML 1.0 Transitional//EN",
                              BAD_CAST "http://www.w3.org/TR/xhtml1/DTD/"
                                       "xhtml1-transitional.dtd",
                              NULL) < 0)
        x.failed = 1;
    bs_xo_start(&x, "html");
    bs_xo_attr(&x, "xmlns", "http://www.w3.org/1999/xhtml");
    bs_xo_start(&x, "head");
    bs_xo_elem(&x, "title", page->id ? page->id : "");
    bs_xo_start(&x, "meta");
    bs_xo_attr(&x, "http-equiv", "Content-Type");
    bs_xo_attr(&x, "content", "text/html;charset=utf-8");
    bs_xo_end(&x);
    bs_xo_start(&x, "meta");
    bs_xo_attr(&x, "name", "ocr-system");
    bs_xo_attr(&x, "content", "broadsheet " BS_VERSION);
    bs_xo_end(&x);
    bs_xo_start(&x, "meta");
    bs_xo_attr(&x, "name", "ocr-capabilities");
    bs_xo_attr(&x, "content", "ocr_page ocr_carea ocr_par ocr_line "
               "ocr_header ocr_caption ocrx_word ocr_separator ocr_photo");
    bs_xo_end(&x);
    bs_xo_end(&x);
    bs_xo_start(&x, "body");
    bs_xo_start(&x, "div");
    bs_xo_attr(&x, "class", "ocr_page");
    bs_xo_attr(&x, "id", "page_1");
    /* The hOCR image property is a quoted string; quotes inside the
     * file name cannot be expressed and are dropped. */
    {
        char *src = bs_xml_image_ref(page, path);
        for (char *p = src; *p; p++)
            if (*p == '"' || *p == ';')
                *p = '_';
        title = bs_sprintf("image \"%s\"; bbox 0 0 %d %d; ppageno 0", src,
                           page->width, page->height);
        free(src);
    }
    bs_xo_attr(&x, "title", title);
    free(title);
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[seq[i]];
        write_block(&x, b, b->order >= 0 || b->article[0] ? i : -1);
    }
    bs_xo_end_full(&x);
    bs_xo_end_full(&x);
    bs_xo_end_full(&x);
    free(seq);
    return bs_xmlout_commit(&x, path, err);
}
