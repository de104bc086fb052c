/*
 * pagexml_write.c - a page as PAGE XML 2019-07-15 (PRImA, as OCR-D uses
 * it): TextRegions typed heading, paragraph, caption, header, credit or
 * other (the exact broadsheet role kept in custom="structure {type:ROLE;}",
 * the OCR-D convention), SeparatorRegions, ImageRegions, TextLines and
 * Words with Coords and TextEquiv (conf 0..1), and the reading order as an
 * OrderedGroup with one OrderedGroupIndexed per article.
 */
#include "formats.h"

#include "xmlout.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_NS "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
#define PAGE_XSD PAGE_NS "/pagecontent.xsd"

static const char *region_type(enum bs_role role)
{
    switch (role) {
    case BS_ROLE_MASTHEAD:
    case BS_ROLE_FOLIO:
        return "header";
    case BS_ROLE_KICKER:
    case BS_ROLE_HEADLINE:
    case BS_ROLE_SUBHEADLINE:
        return "heading";
    case BS_ROLE_BYLINE:
        return "credit";
    case BS_ROLE_CAPTION:
        return "caption";
    case BS_ROLE_BODY:
    case BS_ROLE_CONTINUATION:
        return "paragraph";
    default:
        return "other";
    }
}

static void coords(struct bs_xmlout *x, struct bs_box b)
{
    int x0 = b.x < 0 ? 0 : b.x, y0 = b.y < 0 ? 0 : b.y;
    int x1 = b.x + b.w > x0 ? b.x + b.w : x0;
    int y1 = b.y + b.h > y0 ? b.y + b.h : y0;

    bs_xo_start(x, "Coords");
    bs_xo_attrf(x, "points", "%d,%d %d,%d %d,%d %d,%d", x0, y0, x1, y0, x1,
                y1, x0, y1);
    bs_xo_end(x);
}

static void text_equiv(struct bs_xmlout *x, const char *text, float conf)
{
    bs_xo_start(x, "TextEquiv");
    if (conf >= 0)
        bs_xo_attrf(x, "conf", "%.3f", conf > 100 ? 1.0 : conf / 100.0);
    bs_xo_elem(x, "Unicode", text);
    bs_xo_end(x);
}

static void write_text_region(struct bs_xmlout *x, const struct bs_block *b)
{
    char *btext = bs_block_text(b);

    bs_xo_start(x, "TextRegion");
    bs_xo_attr(x, "id", b->id);
    bs_xo_attrf(x, "custom", "structure {type:%s;}", bs_role_name(b->role));
    bs_xo_attr(x, "type", region_type(b->role));
    coords(x, b->box);
    for (int l = 0; l < b->nlines; l++) {
        const struct bs_line *line = &b->lines[l];
        char *ltext = bs_line_text(line);

        bs_xo_start(x, "TextLine");
        bs_xo_attrf(x, "id", "%s_l%d", b->id, l + 1);
        coords(x, line->box);
        for (int w = 0; w < line->nwords; w++) {
            const struct bs_word *wd = &line->words[w];
            bs_xo_start(x, "Word");
            bs_xo_attrf(x, "id", "%s_l%d_w%d", b->id, l + 1, w + 1);
            coords(x, wd->box);
            text_equiv(x, wd->text ? wd->text : "", wd->conf);
            bs_xo_end(x);
        }
        text_equiv(x, ltext, -1);
        bs_xo_end(x);
        free(ltext);
    }
    text_equiv(x, btext, -1);
    bs_xo_end(x);
    free(btext);
}

static void write_ref(struct bs_xmlout *x, const char *id, int index)
{
    bs_xo_start(x, "RegionRefIndexed");
    bs_xo_attr_int(x, "index", index);
    bs_xo_attr(x, "regionRef", id);
    bs_xo_end(x);
}

static void write_reading_order(struct bs_xmlout *x,
                                const struct bs_page *page, const int *seq)
{
    int index = 0;

    bs_xo_start(x, "ReadingOrder");
    bs_xo_start(x, "OrderedGroup");
    bs_xo_attr(x, "id", "ro");
    for (int a = 0; a < page->narticles; a++) {
        const struct bs_article *art = &page->articles[a];
        if (!bs_xml_article_nblocks(page, art))
            continue;
        bs_xo_start(x, "OrderedGroupIndexed");
        bs_xo_attrf(x, "id", "ro_%s", art->id);
        bs_xo_attr_int(x, "index", index++);
        if (art->headline && art->headline[0])
            bs_xo_attr(x, "caption", art->headline);
        bs_xo_attr(x, "type", "article");
        for (int k = 0, ref = 0; k < art->nblocks; k++)
            if (bs_page_find_block(page, art->blocks[k]) >= 0)
                write_ref(x, art->blocks[k], ref++);
        bs_xo_end(x);
    }
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[seq[i]];
        if (b->order < 0)
            continue;
        if (b->article[0] && bs_page_find_article((struct bs_page *)page,
                                                  b->article))
            continue;
        write_ref(x, b->id, index++);
    }
    bs_xo_end(x);
    bs_xo_end(x);
}

int bs_pagexml_write(const struct bs_page *page, const char *path,
                     struct bs_error *err)
{
    struct bs_xmlout x;
    int *seq = bs_xml_block_sequence(page);
    char date[32];
    int nrefs = 0;

    char *image = bs_xml_image_ref(page, path);
    const char *lang = bs_xml_lang_page(page->lang);

    bs_xml_doc_date(date);
    bs_xmlout_start(&x);
    bs_xo_start(&x, "PcGts");
    bs_xo_attr(&x, "xmlns", PAGE_NS);
    bs_xo_attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    bs_xo_attr(&x, "xsi:schemaLocation", PAGE_NS " " PAGE_XSD);
    bs_xo_start(&x, "Metadata");
    bs_xo_elem(&x, "Creator", "broadsheet " BS_VERSION);
    bs_xo_elem(&x, "Created", date);
    bs_xo_elem(&x, "LastChange", date);
    bs_xo_end(&x);
    bs_xo_start(&x, "Page");
    /* the image the coordinates are pixels of, relative to this file */
    bs_xo_attr(&x, "imageFilename", image);
    bs_xo_attr_int(&x, "imageWidth", page->width);
    bs_xo_attr_int(&x, "imageHeight", page->height);
    if (lang)
        bs_xo_attr(&x, "primaryLanguage", lang);
    for (int i = 0; i < page->nblocks; i++)
        nrefs += page->blocks[i].order >= 0;
    if (nrefs)
        write_reading_order(&x, page, seq);
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[seq[i]];
        if (b->role == BS_ROLE_SEPARATOR || b->role == BS_ROLE_IMAGE) {
            bs_xo_start(&x, b->role == BS_ROLE_SEPARATOR ? "SeparatorRegion"
                                                         : "ImageRegion");
            bs_xo_attr(&x, "id", b->id);
            coords(&x, b->box);
            bs_xo_end(&x);
        } else {
            write_text_region(&x, b);
        }
    }
    bs_xo_end(&x);
    bs_xo_end(&x);
    free(seq);
    free(image);
    return bs_xmlout_commit(&x, path, err);
}
