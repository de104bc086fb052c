/*
 * decode.h - PNG and JPEG decoding that reports through bs_error; the
 * header checks and the TIFF fallback the other formats go through.
 *
 * Leptonica's readers leave libpng's and libjpeg's default handlers in
 * place, and those print "libpng error: ..." or "Premature end of JPEG
 * file" on stderr for a damaged scan, on top of broadsheet's own line.
 * These readers install handlers that keep the library's message for the
 * one error line instead.  A warning libjpeg gives while decoding ("Premature
 * end of JPEG file", "Corrupt JPEG data") fails the decode too: a scan cut
 * short decodes with its lower part grey, and a page read from it would
 * silently lose text.  Both refuse images over max_pixels from the header,
 * before any pixel buffer is allocated ("image too large (WxH = N pixels,
 * limit L; see --max-pixels)"); the PNG reader also caps what an ancillary
 * chunk may cost (chunks over 8 MB are an error, text, ICC and other chunks
 * broadsheet has no use for are skipped unread, at most 64 are kept).
 *
 * The result is a 1-bit PIX for 1-bit grey PNG input (1 = ink, as
 * Leptonica has it: a bilevel scan stays an eighth of the size), an 8-bit
 * grey PIX for other grey input (any bit depth) or a 32-bit RGB PIX
 * (colour or palette input); 16-bit samples keep their high byte, alpha is
 * dropped.  *dpi gets the stated resolution (0 when none).  On
 * failure *out is NULL and err names the file.  The caller owns *out.
 */
#ifndef BS_DECODE_H
#define BS_DECODE_H

#include "../base/base.h"

#include <leptonica/allheaders.h>

int bs_decode_png(const char *path, long long max_pixels, PIX **out,
                  int *dpi, struct bs_error *err);
int bs_decode_jpeg(const char *path, long long max_pixels, PIX **out,
                   int *dpi, struct bs_error *err);

/* The other formats are decoded by Leptonica, after this: the size the
 * header of page `subpage` of a file of Leptonica format `format`
 * declares, read without decoding a pixel (decode_header.c).  *turned is
 * 1 when the page is stored turned a quarter (TIFF Orientation 5 to 8):
 * decoded, its width and height swap.  For a GIF the pixels of all its
 * frames (giflib allocates every one) are held to max_pixels here;
 * PostScript and PDF are refused. */
int bs_decode_header(const char *path, int format, int subpage,
                     long long max_pixels, int *w, int *h, int *turned,
                     struct bs_error *err);

/* A TIFF page Leptonica does not read (16-bit grey with alpha, 16-bit
 * colour...), through libtiff's RGBA interface a band of rows at a time,
 * as 8-bit grey, turned as its Orientation tag says (decode_tiff.c).  The
 * caller has checked the header's size. */
int bs_decode_tiff_rgba(const char *path, int subpage, PIX **out,
                        struct bs_error *err);

#endif
