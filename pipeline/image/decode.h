/*
 * decode.h - PNG and JPEG decoding that reports through bs_error.
 *
 * Leptonica's readers leave libpng's and libjpeg's default handlers in
 * place, and those print "libpng error: ..." or "Premature end of JPEG
 * file" on stderr for a damaged scan, on top of broadsheet's own line.
 * These readers install handlers that keep the library's message for the
 * one error line instead, and ignore warnings (a scan that decodes is
 * used).  Both refuse images over max_pixels from the header, before any
 * pixel buffer is allocated ("image too large (WxH = N pixels, limit L;
 * see --max-pixels)").
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

#endif
