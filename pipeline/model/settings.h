/*
 * settings.h - what one broadsheet run was asked to do, shared read-only by
 * every stage: languages, profile, output formats, switched-off repairs,
 * limits.  Filled by the CLI (cmd_*.c); stages never change it.
 */
#ifndef BS_SETTINGS_H
#define BS_SETTINGS_H

#include "../base/error.h"
#include "profile.h"

enum bs_format {
    BS_FMT_TXT = 1 << 0,   /* page.txt and articles/aNNN.txt */
    BS_FMT_JSON = 1 << 1,  /* articles.json */
    BS_FMT_ALTO = 1 << 2,  /* page.alto.xml */
    BS_FMT_PAGE = 1 << 3,  /* page.xml (PAGE 2019) */
    BS_FMT_HOCR = 1 << 4,  /* page.hocr */
    BS_FMT_METS = 1 << 5,  /* OUT/mets.xml for the run */
};
#define BS_FMT_DEFAULT (BS_FMT_TXT | BS_FMT_JSON)

struct bs_settings {
    char lang[128];             /* Tesseract languages: "eng", "chi_sim+eng";
                                   "" = the page's own (eng for new pages) */
    struct bs_profile profile;
    unsigned formats;           /* enum bs_format bits */
    char repairs_off[256];      /* comma list of repair kinds switched off */
    int dpi;                    /* 0: from the image (300 if it has none) */
    long long max_pixels;       /* refuse larger images before decoding */
    char tessdata[512];         /* "" = Tesseract's default */
    int page_cores;             /* cores one page may use (cores / pages in
                                   parallel); 0 = all.  For ocr_threads=0;
                                   changes no output, so not fingerprinted */
};

#define BS_DEFAULT_MAX_PIXELS 250000000LL

void bs_settings_defaults(struct bs_settings *s);
/* The languages to read a page with: --lang if given, else the language
 * the page was loaded with, else "eng". */
const char *bs_settings_lang(const struct bs_settings *s,
                             const char *page_lang);
/* Parses "txt,json,alto" into bits; "all" selects every format. */
int bs_formats_parse(const char *list, unsigned *out, struct bs_error *err);
/* Writes the format names of `bits` into buf as a comma list. */
void bs_formats_format(unsigned bits, char *buf, size_t size);
/* True unless `kind` is in settings->repairs_off. */
int bs_settings_repair_on(const struct bs_settings *s, const char *kind);
/* A stable text form of everything that changes a page's outputs, for the
 * batch resume check (the same text means the same settings). */
char *bs_settings_fingerprint(const struct bs_settings *s);

#endif
