/*
 * encode.h - grey PNG encoding for the page folder's image artifacts.
 *
 * image.png, gray.png and binary.png are working files, written once per
 * stage run and read back within seconds: speed beats size.  libpng drives
 * zlib a row at a time at about 100 MB/s; this encoder compresses the whole
 * image in one call with libdeflate (level 1, no row filter), two to three
 * times as fast for a file of about the same size, and writes the few PNG
 * chunks itself.
 */
#ifndef BS_ENCODE_H
#define BS_ENCODE_H

#include <leptonica/allheaders.h>
#include <stdio.h>

/* Writes `pix` (1- or 8-bit, no colormap) to an open file as a grey PNG of
 * the same depth (1-bit: 1 in the PIX is black, as Leptonica has it), with
 * the resolution in pHYs when the PIX has one.  Returns 0, or -1 when the
 * PIX is of another kind or a write fails (the file is then incomplete).
 * Memory: a copy of the pixels and a compressed buffer while it runs. */
int bs_encode_gray_png(FILE *fp, PIX *pix);

#endif
