/*
 * test_image_png.c - PNG artifacts: bs_image_write_png's own encoder
 * (encode_png.c) gives back, through Leptonica's reader and through
 * broadsheet's own (which keeps 1-bit 1-bit), exactly the pixels, depth and
 * resolution it was given (8-bit grey, 1-bit with its polarity, widths a
 * multiple of 32 or not even of 8), and leaves no file behind when it
 * cannot write; bs_image_png_as_is takes only whole grey PNGs of the depth
 * asked for, without transparency.
 * Run from the repository root (tests/run.sh does).
 */
#include "check.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/image/image.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes pix, reads it back, and checks that nothing changed. */
static void round_trip(PIX *pix, const char *path)
{
    struct bs_error err;
    PIX *back = NULL;
    int same = 0, dpi = 0;

    CHECK(bs_image_write_png(path, pix, &err) == 0);
    CHECK(bs_image_read_artifact(path, 250000000LL, &back, &err) == 0);
    if (!back)
        return;
    CHECK(pixGetDepth(back) == pixGetDepth(pix));
    CHECK(pixGetColormap(back) == NULL);
    CHECK(pixGetXRes(back) == pixGetXRes(pix));
    CHECK(pixGetYRes(back) == pixGetYRes(pix));
    CHECK(pixEqual(back, pix, &same) == 0 && same);
    pixDestroy(&back);
    same = 0;
    CHECK(bs_image_read_scan(path, 0, 1000000, &back, &dpi, &err) == 0);
    if (!back)
        return;
    CHECK(pixGetDepth(back) == pixGetDepth(pix));
    CHECK(dpi == pixGetXRes(pix));
    CHECK(pixEqual(back, pix, &same) == 0 && same);
    pixDestroy(&back);
    /* what the encoder writes can be copied as an artifact of its depth */
    CHECK(bs_image_png_as_is(path, pixGetDepth(pix)));
    CHECK(!bs_image_png_as_is(path, pixGetDepth(pix) == 1 ? 8 : 1));
}

/* Copies path to out with bytes [at, at + cut) left out and `insert`
 * (n bytes) put in their place. */
static void splice(const char *path, const char *out, long at, long cut,
                   const void *insert, size_t n)
{
    FILE *in = fopen(path, "rb"), *o = fopen(out, "wb");
    long i = 0;
    int c;

    CHECK(in && o);
    while (in && o && (c = fgetc(in)) != EOF) {
        if (i == at)
            fwrite(insert, 1, n, o);
        if (i < at || i >= at + cut)
            fputc(c, o);
        i++;
    }
    if (o && i == at) /* at the end */
        fwrite(insert, 1, n, o);
    if (in)
        fclose(in);
    if (o)
        fclose(o);
}

/* Only a whole grey PNG without transparency stands as it is. */
static void test_as_is(const char *path, const char *other)
{
    static const unsigned char trns[] = {0, 0, 0, 2, 't', 'R', 'N', 'S',
                                         0, 0, 0, 0, 0, 0};
    FILE *fp;
    long size;

    CHECK(bs_image_png_as_is(path, 8));
    fp = fopen(path, "rb");
    CHECK(fp != NULL);
    if (!fp)
        return;
    fseek(fp, 0, SEEK_END);
    size = ftell(fp);
    fclose(fp);
    splice(path, other, size - 12, 12, "", 0); /* no IEND */
    CHECK(!bs_image_png_as_is(other, 8));
    splice(path, other, size, 0, "x", 1); /* a byte after IEND */
    CHECK(!bs_image_png_as_is(other, 8));
    splice(path, other, 33, 0, trns, sizeof(trns)); /* tRNS after IHDR */
    CHECK(!bs_image_png_as_is(other, 8));
    splice(path, other, 33, 0, "", 0); /* the same again */
    CHECK(bs_image_png_as_is(other, 8));
    CHECK(!bs_image_png_as_is("fixtures/bad/palette.png", 8));
    CHECK(!bs_image_png_as_is("fixtures/bad/sixteen-bit.png", 8));
    CHECK(!bs_image_png_as_is("fixtures/bad/truncated.png", 8));
    CHECK(!bs_image_png_as_is("fixtures/bad/jpeg-named.png", 8));
    CHECK(!bs_image_png_as_is("fixtures/bad/no-such.png", 8));
    remove(other);
}

int main(int argc, char **argv)
{
    char dir[] = "/tmp/bs-test-png.XXXXXX";
    char path[256];
    struct bs_error err;
    PIX *gray, *bin;

    (void)argc;
    bs_image_quiet();
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/a.png", dir);

    /* 8-bit: a ramp with white margins and a black bar, odd width. */
    gray = pixCreate(333, 97, 8);
    for (int y = 0; y < 97; y++)
        for (int x = 0; x < 333; x++)
            pixSetPixel(gray, x, y,
                        x < 20 ? 255 : y > 80 ? 0 : (x * 7 + y) & 0xff);
    pixSetResolution(gray, 300, 300);
    round_trip(gray, path);
    {
        char other[256];
        snprintf(other, sizeof(other), "%s/b.png", dir);
        test_as_is(path, other);
    }

    /* 1-bit: black text-like strokes on white; 1 is black in Leptonica. */
    bin = pixThresholdToBinary(gray, 128);
    pixSetResolution(bin, 400, 400);
    round_trip(bin, path);

    /* A width of whole words. */
    {
        BOX *box = boxCreate(0, 0, 64, 97);
        PIX *cut = pixClipRectangle(bin, box, NULL);
        round_trip(cut, path);
        pixDestroy(&cut);
        boxDestroy(&box);
    }

    /* No resolution stated: none comes back. */
    pixSetResolution(bin, 0, 0);
    round_trip(bin, path);

    /* A folder that does not exist: an error, no file. */
    snprintf(path, sizeof(path), "%s/no/such/dir/b.png", dir);
    CHECK(bs_image_write_png(path, gray, &err) < 0);
    CHECK(access(path, F_OK) != 0);

    pixDestroy(&gray);
    pixDestroy(&bin);
    snprintf(path, sizeof(path), "%s/a.png", dir);
    remove(path);
    rmdir(dir);
    return check_report(argv[0]);
}
