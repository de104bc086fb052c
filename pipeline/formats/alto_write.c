/*
 * alto_write.c - a page as ALTO 4.4 (Library of Congress): TextBlocks with
 * TextLines and Strings (pixel coordinates, WC = confidence 0..1), rules as
 * GraphicalElements, photos as Illustrations, the reading order as an
 * OrderedGroup of ElementRefs (one nested group per article), and each
 * block's role as a StructureTag (LABEL = role name) it points at.
 */
#include "formats.h"

#include "xmlout.h"

#include <stdlib.h>
#include <string.h>

#define ALTO_NS "http://www.loc.gov/standards/alto/ns-v4#"
#define ALTO_XSD "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"

static void box_attrs(struct bs_xmlout *x, struct bs_box b)
{
    bs_xo_attr_int(x, "HPOS", b.x);
    bs_xo_attr_int(x, "VPOS", b.y);
    bs_xo_attr_int(x, "WIDTH", b.w);
    bs_xo_attr_int(x, "HEIGHT", b.h);
}

static void write_line(struct bs_xmlout *x, const struct bs_block *b, int l)
{
    const struct bs_line *line = &b->lines[l];
    int words = 0;

    for (int w = 0; w < line->nwords; w++)
        words += line->words[w].text && line->words[w].text[0];
    if (!words)
        return; /* ALTO lines hold at least one String */
    bs_xo_start(x, "TextLine");
    bs_xo_attrf(x, "ID", "%s_l%d", b->id, l + 1);
    box_attrs(x, line->box);
    words = 0;
    for (int w = 0; w < line->nwords; w++) {
        const struct bs_word *wd = &line->words[w];
        if (!wd->text || !wd->text[0])
            continue;
        if (words++) {
            bs_xo_start(x, "SP");
            bs_xo_end(x);
        }
        bs_xo_start(x, "String");
        bs_xo_attrf(x, "ID", "%s_l%d_w%d", b->id, l + 1, w + 1);
        bs_xo_attr(x, "CONTENT", wd->text);
        box_attrs(x, wd->box);
        if (wd->conf >= 0)
            bs_xo_attrf(x, "WC", "%.3f",
                        wd->conf > 100 ? 1.0 : wd->conf / 100.0);
        bs_xo_end(x);
    }
    bs_xo_end(x);
}

static void write_block(struct bs_xmlout *x, const struct bs_block *b)
{
    const char *el = b->role == BS_ROLE_SEPARATOR ? "GraphicalElement"
                     : b->role == BS_ROLE_IMAGE   ? "Illustration"
                                                  : "TextBlock";

    bs_xo_start(x, el);
    bs_xo_attr(x, "ID", b->id);
    box_attrs(x, b->box);
    bs_xo_attrf(x, "TAGREFS", "role_%s", bs_role_name(b->role));
    if (strcmp(el, "TextBlock") == 0) {
        char lang[32];
        /* a block read in its own language says so */
        if (b->lang && bs_xml_lang_bcp47(b->lang, lang))
            bs_xo_attr(x, "LANG", lang);
    }
    if (strcmp(el, "TextBlock") == 0)
        for (int l = 0; l < b->nlines; l++)
            write_line(x, b, l);
    bs_xo_end(x);
}

static void write_ref(struct bs_xmlout *x, const char *id)
{
    bs_xo_start(x, "ElementRef");
    bs_xo_attrf(x, "ID", "ro_%s", id);
    bs_xo_attr(x, "REF", id);
    bs_xo_end(x);
}

/* Articles as nested groups in article order, then ordered blocks that
 * belong to no article. */
static void write_reading_order(struct bs_xmlout *x,
                                const struct bs_page *page, const int *seq)
{
    bs_xo_start(x, "ReadingOrder");
    bs_xo_start(x, "OrderedGroup");
    bs_xo_attr(x, "ID", "ro");
    for (int a = 0; a < page->narticles; a++) {
        const struct bs_article *art = &page->articles[a];
        if (!bs_xml_article_nblocks(page, art))
            continue;
        bs_xo_start(x, "OrderedGroup");
        bs_xo_attrf(x, "ID", "ro_%s", art->id);
        for (int k = 0; k < art->nblocks; k++)
            if (bs_page_find_block(page, art->blocks[k]) >= 0)
                write_ref(x, art->blocks[k]);
        bs_xo_end(x);
    }
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[seq[i]];
        if (b->order < 0)
            continue;
        if (b->article[0] && bs_page_find_article((struct bs_page *)page,
                                                  b->article))
            continue;
        write_ref(x, b->id);
    }
    bs_xo_end(x);
    bs_xo_end(x);
}

int bs_alto_write(const struct bs_page *page, const char *path,
                  struct bs_error *err)
{
    struct bs_xmlout x;
    int *seq = bs_xml_block_sequence(page);
    int used[BS_ROLE_COUNT] = {0}, nrefs = 0;
    char *image = bs_xml_image_ref(page, path), date[32], lang[32];

    bs_xml_doc_date(date);
    bs_xmlout_start(&x);
    bs_xo_start(&x, "alto");
    bs_xo_attr(&x, "xmlns", ALTO_NS);
    bs_xo_attr(&x, "xmlns:xlink", "http://www.w3.org/1999/xlink");
    bs_xo_attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    bs_xo_attr(&x, "xsi:schemaLocation", ALTO_NS " " ALTO_XSD);

    bs_xo_start(&x, "Description");
    bs_xo_elem(&x, "MeasurementUnit", "pixel");
    /* the image the coordinates are pixels of, relative to this file */
    bs_xo_start(&x, "sourceImageInformation");
    bs_xo_elem(&x, "fileName", image);
    bs_xo_end(&x);
    bs_xo_start(&x, "Processing");
    bs_xo_attr(&x, "ID", "proc1");
    bs_xo_elem(&x, "processingDateTime", date);
    bs_xo_start(&x, "processingSoftware");
    bs_xo_elem(&x, "softwareName", "broadsheet");
    bs_xo_elem(&x, "softwareVersion", BS_VERSION);
    bs_xo_end(&x);
    bs_xo_end(&x);
    bs_xo_end(&x);

    for (int i = 0; i < page->nblocks; i++) {
        int r = page->blocks[i].role;
        used[r >= 0 && r < BS_ROLE_COUNT ? r : 0] = 1;
        nrefs += page->blocks[i].order >= 0;
    }
    if (page->nblocks)
        bs_xo_start(&x, "Tags");
    for (int r = 0; r < BS_ROLE_COUNT; r++) {
        if (!used[r])
            continue;
        bs_xo_start(&x, "StructureTag");
        bs_xo_attrf(&x, "ID", "role_%s", bs_role_name(r));
        bs_xo_attr(&x, "TYPE", "role");
        bs_xo_attr(&x, "LABEL", bs_role_name(r));
        bs_xo_end(&x);
    }
    if (page->nblocks)
        bs_xo_end(&x);
    if (nrefs)
        write_reading_order(&x, page, seq);

    bs_xo_start(&x, "Layout");
    bs_xo_start(&x, "Page");
    bs_xo_attr(&x, "ID", "page");
    bs_xo_attr(&x, "PHYSICAL_IMG_NR", "1");
    bs_xo_attr_int(&x, "WIDTH", page->width);
    bs_xo_attr_int(&x, "HEIGHT", page->height);
    if (page->number > 0)
        bs_xo_attr_int(&x, "PRINTED_IMG_NR", page->number);
    if (bs_xml_lang_bcp47(page->lang, lang))
        bs_xo_attr(&x, "LANG", lang);
    bs_xo_start(&x, "PrintSpace");
    box_attrs(&x, (struct bs_box){0, 0, page->width, page->height});
    for (int i = 0; i < page->nblocks; i++)
        write_block(&x, &page->blocks[seq[i]]);
    bs_xo_end(&x);
    bs_xo_end(&x);
    bs_xo_end(&x);
    bs_xo_end(&x);
    free(seq);
    free(image);
    return bs_xmlout_commit(&x, path, err);
}
