/*
 * pdf_write.c - a searchable PDF of a page: the page image with an
 * invisible text layer of broadsheet's own words at their boxes, and one
 * bookmark per article (formats.h).
 *
 * No second OCR pass: the words and boxes are the page model's.  The image
 * is the page PNG's own compressed data (IDAT) embedded as it is, with the
 * PNG row predictors declared (PDF's FlateDecode knows them), so nothing
 * is decoded or encoded again.  The text is drawn in render mode 3
 * (invisible) in Tesseract's glyphless font (pdf.ttf from the tessdata
 * folder) the way Tesseract's own PDF renderer does: a Type0 font, CIDs =
 * UTF-16 code units of the Basic Multilingual Plane, every CID drawn with
 * the font's one empty glyph, and a ToUnicode map back to the text, so a
 * viewer selects and finds the words where they are on the scan.  Each
 * word is scaled horizontally to its box.
 */
#include "formats.h"

#include "../base/base.h"
#include "../model/model.h"

#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The glyphless font's advance: 500/1000 em per character. */
#define CHAR_WIDTH 0.5

struct png_info {
    int width, height, depth, colours;
    unsigned char *idat;    /* the concatenated IDAT data, malloc'd */
    size_t nidat;
};

static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 |
           p[3];
}

/* Reads a PNG's header and compressed image data; only what PDF can show
 * without decoding: grey or RGB, 8 bits (or 1-bit grey), not interlaced. */
static int read_png(const char *path, struct png_info *png,
                    struct bs_error *err)
{
    char *data;
    size_t len, pos = 8;
    const unsigned char *d;

    memset(png, 0, sizeof(*png));
    if (bs_read_file(path, 1u << 30, &data, &len, err) < 0)
        return -1;
    d = (const unsigned char *)data;
    if (len < 33 || memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0 ||
        memcmp(d + 12, "IHDR", 4) != 0) {
        free(data);
        return bs_fail(err, "%s: not a PNG", path);
    }
    png->width = (int)be32(d + 16);
    png->height = (int)be32(d + 20);
    png->depth = d[24];
    png->colours = d[25] == 0 ? 1 : d[25] == 2 ? 3 : 0;
    if (png->width <= 0 || png->height <= 0 || !png->colours ||
        d[28] != 0 || !(png->depth == 8 || (png->depth == 1 &&
                                            png->colours == 1))) {
        free(data);
        return bs_fail(err, "%s: a PNG the PDF writer cannot embed (want "
                       "8-bit grey or RGB, or 1-bit grey, not interlaced)",
                       path);
    }
    png->idat = bs_malloc(len);
    while (pos + 12 <= len) {
        size_t n = be32(d + pos);
        if (n > len - pos - 12)
            break;
        if (memcmp(d + pos + 4, "IDAT", 4) == 0) {
            memcpy(png->idat + png->nidat, d + pos + 8, n);
            png->nidat += n;
        }
        if (memcmp(d + pos + 4, "IEND", 4) == 0)
            break;
        pos += 12 + n;
    }
    free(data);
    if (!png->nidat) {
        free(png->idat);
        png->idat = NULL;
        return bs_fail(err, "%s: PNG without image data", path);
    }
    return 0;
}

/* The PDF being built: its bytes and the offset of each object. */
struct pdf {
    FILE *fp;
    char *buf;
    size_t size;
    long *offsets;
    int nobj, cap;
};

static void obj_start(struct pdf *p, int n)
{
    fflush(p->fp);
    bs_grow((void **)&p->offsets, &p->cap, n + 1, sizeof(*p->offsets));
    p->offsets[n] = ftell(p->fp);
    if (n >= p->nobj)
        p->nobj = n + 1;
    fprintf(p->fp, "%d 0 obj\n", n);
}

static void stream_obj(struct pdf *p, int n, const char *dict,
                       const void *data, size_t len)
{
    obj_start(p, n);
    fprintf(p->fp, "<<%s /Length %zu >>\nstream\n", dict, len);
    fwrite(data, 1, len, p->fp);
    fputs("\nendstream\nendobj\n", p->fp);
}

/* zlib-compressed copy of data; malloc'd, *out_len its size. */
static unsigned char *deflate_zlib(const void *data, size_t len,
                                   size_t *out_len)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
    size_t bound;
    unsigned char *out;

    if (!c)
        bs_oom();
    bound = libdeflate_zlib_compress_bound(c, len);
    out = bs_malloc(bound);
    *out_len = libdeflate_zlib_compress(c, data, len, out, bound);
    libdeflate_free_compressor(c);
    return out;
}

/* A PDF text string in UTF-16BE with its byte order mark, as hex. */
static void put_text_string(FILE *fp, const char *s)
{
    int n;
    uint32_t *cps = bs_utf8_to_cps(s, &n);

    fputs("<FEFF", fp);
    for (int i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (c < 0x20)
            c = ' ';
        if (c >= 0x10000) {
            c -= 0x10000;
            fprintf(fp, "%04X%04X", 0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF));
        } else {
            fprintf(fp, "%04X", c);
        }
    }
    fputs(">", fp);
    free(cps);
}

/* The content stream: the image over the whole page, then each word in
 * invisible text: its line's baseline (the bottom of the line's box) and
 * height, its own x, scaled to its width. */
static char *content(const struct bs_page *page, double k, double page_h,
                     double page_w, size_t *len)
{
    char *out = NULL;
    FILE *fp = open_memstream(&out, len);

    if (!fp)
        bs_oom();
    fprintf(fp, "q %.3f 0 0 %.3f 0 0 cm /Im1 Do Q\nBT 3 Tr\n", page_w,
            page_h);
    for (int b = 0; b < page->nblocks; b++) {
        const struct bs_block *blk = &page->blocks[b];
        if (!bs_role_has_text(blk->role))
            continue;
        for (int l = 0; l < blk->nlines; l++) {
            const struct bs_line *line = &blk->lines[l];
            for (int w = 0; w < line->nwords; w++) {
                const struct bs_word *wd = &line->words[w];
                struct bs_box box = wd->box, lb = line->box;
                double size, scale;
                int n, shown = 0;
                uint32_t *cps;

                if (!wd->text || !wd->text[0])
                    continue;
                if (bs_box_empty(box))
                    box = line->box;
                if (bs_box_empty(box))
                    continue;
                cps = bs_utf8_to_cps(wd->text, &n);
                for (int i = 0; i < n; i++)
                    shown += cps[i] < 0x10000;
                if (!shown) {
                    free(cps);
                    continue;
                }
                /* one baseline and size for the whole line (readers join
                 * words into lines by their baselines), the word's own x
                 * and width */
                if (bs_box_empty(lb))
                    lb = box;
                size = lb.h * k;
                scale = 100.0 * (box.w * k) / (shown * CHAR_WIDTH * size);
                fprintf(fp, "/F1 %.2f Tf %.2f Tz 1 0 0 1 %.2f %.2f Tm <",
                        size, scale, box.x * k, page_h - (lb.y + lb.h) * k);
                for (int i = 0; i < n; i++)
                    if (cps[i] < 0x10000)
                        fprintf(fp, "%04X", cps[i]);
                fputs("> Tj\n", fp);
                free(cps);
            }
        }
    }
    fputs("ET\n", fp);
    if (fclose(fp) != 0 || !out)
        bs_oom();
    return out;
}

static const char to_unicode[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> "
    "def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
    "endcmap\n"
    "CMapName currentdict /CMap defineresource pop\n"
    "end\nend\n";

int bs_pdf_write(const struct bs_page *page, const char *image_png,
                 const char *font_ttf, const char *path, struct bs_error *err)
{
    struct png_info png;
    struct pdf p;
    char *font = NULL, *text;
    size_t font_len, text_len, map_len, clen;
    unsigned char *map, *zmap, *ztext;
    double dpi = page->dpi > 0 ? page->dpi : 300, k = 72.0 / dpi;
    double page_w, page_h;
    long xref;
    int narts = 0, rc;

    if (read_png(image_png, &png, err) < 0)
        return -1;
    if (bs_read_file(font_ttf, 1u << 20, &font, &font_len, err) < 0) {
        free(png.idat);
        return bs_fail_prefix(err, "the PDF text layer needs Tesseract's "
                              "glyphless font");
    }
    page_w = png.width * k;
    page_h = png.height * k;
    memset(&p, 0, sizeof(p));
    p.fp = open_memstream(&p.buf, &p.size);
    if (!p.fp)
        bs_oom();
    for (int a = 0; a < page->narticles; a++)
        narts += page->articles[a].nblocks > 0;
    fputs("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", p.fp);
    obj_start(&p, 1);
    fprintf(p.fp, "<< /Type /Catalog /Pages 2 0 R%s >>\nendobj\n",
            narts ? " /Outlines 12 0 R /PageMode /UseOutlines" : "");
    obj_start(&p, 2);
    fputs("<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n", p.fp);
    obj_start(&p, 3);
    fprintf(p.fp, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.3f %.3f] "
            "/Resources << /Font << /F1 4 0 R >> /XObject << /Im1 10 0 R >> "
            ">> /Contents 11 0 R >>\nendobj\n", page_w, page_h);
    obj_start(&p, 4);
    fputs("<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont "
          "/Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 8 0 R "
          ">>\nendobj\n", p.fp);
    obj_start(&p, 5);
    fprintf(p.fp, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont "
            "/GlyphLessFont /CIDSystemInfo << /Registry (Adobe) /Ordering "
            "(Identity) /Supplement 0 >> /FontDescriptor 6 0 R /CIDToGIDMap "
            "9 0 R /DW %d >>\nendobj\n", (int)(1000 * CHAR_WIDTH));
    obj_start(&p, 6);
    fprintf(p.fp, "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags "
            "5 /FontBBox [0 0 %d 1000] /ItalicAngle 0 /Ascent 1000 /Descent "
            "-1 /CapHeight 1000 /StemV 80 /FontFile2 7 0 R >>\nendobj\n",
            (int)(1000 * CHAR_WIDTH));
    {
        char dict[64];
        snprintf(dict, sizeof(dict), " /Length1 %zu", font_len);
        stream_obj(&p, 7, dict, font, font_len);
    }
    stream_obj(&p, 8, "", to_unicode, strlen(to_unicode));
    /* every CID to glyph 1, the empty one */
    map_len = 2 * 65536;
    map = bs_malloc(map_len);
    for (size_t i = 0; i < map_len; i += 2) {
        map[i] = 0;
        map[i + 1] = 1;
    }
    zmap = deflate_zlib(map, map_len, &clen);
    stream_obj(&p, 9, " /Filter /FlateDecode", zmap, clen);
    free(zmap);
    free(map);
    {
        char dict[256];
        snprintf(dict, sizeof(dict), " /Type /XObject /Subtype /Image /Width "
                 "%d /Height %d /ColorSpace /%s /BitsPerComponent %d /Filter "
                 "/FlateDecode /DecodeParms << /Predictor 15 /Colors %d "
                 "/BitsPerComponent %d /Columns %d >>", png.width, png.height,
                 png.colours == 1 ? "DeviceGray" : "DeviceRGB", png.depth,
                 png.colours, png.depth, png.width);
        stream_obj(&p, 10, dict, png.idat, png.nidat);
    }
    text = content(page, k, page_h, page_w, &text_len);
    ztext = deflate_zlib(text, text_len, &clen);
    stream_obj(&p, 11, " /Filter /FlateDecode", ztext, clen);
    free(ztext);
    free(text);
    if (narts) {
        /* one bookmark per article, in reading order, at its top */
        int first = 13, last = 13 + narts - 1, n = 0;
        obj_start(&p, 12);
        fprintf(p.fp, "<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count "
                "%d >>\nendobj\n", first, last, narts);
        for (int a = 0; a < page->narticles; a++) {
            const struct bs_article *art = &page->articles[a];
            const char *title = art->headline && art->headline[0]
                                    ? art->headline
                                    : art->body ? art->body : "";
            char *cut;
            int id = first + n;
            if (!art->nblocks)
                continue;
            /* a headless article: its first words */
            cut = bs_strndup(title, strcspn(title, "\n") < 80
                                        ? strcspn(title, "\n")
                                        : 80);
            obj_start(&p, id);
            fprintf(p.fp, "<< /Title ");
            if (!*cut) {
                free(cut);
                cut = bs_strdup(art->id);
            }
            put_text_string(p.fp, cut);
            free(cut);
            fprintf(p.fp, " /Parent 12 0 R /Dest [3 0 R /XYZ %.2f %.2f null]",
                    art->box.x * k, page_h - art->box.y * k);
            if (n > 0)
                fprintf(p.fp, " /Prev %d 0 R", id - 1);
            if (id < last)
                fprintf(p.fp, " /Next %d 0 R", id + 1);
            fputs(" >>\nendobj\n", p.fp);
            n++;
        }
    }
    fflush(p.fp);
    xref = ftell(p.fp);
    fprintf(p.fp, "xref\n0 %d\n0000000000 65535 f \n", p.nobj);
    for (int i = 1; i < p.nobj; i++)
        fprintf(p.fp, "%010ld 00000 n \n", p.offsets[i]);
    fprintf(p.fp, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n"
            "%%%%EOF\n", p.nobj, xref);
    free(font);
    free(png.idat);
    free(p.offsets);
    if (fclose(p.fp) != 0 || !p.buf)
        bs_oom();
    rc = bs_write_atomic(path, p.buf, p.size, err);
    free(p.buf);
    return rc;
}
