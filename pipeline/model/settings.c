/*
 * settings.c - run settings: defaults, format lists, the resume fingerprint.
 */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    unsigned bit;
} formats[] = {
    {"txt", BS_FMT_TXT},   {"json", BS_FMT_JSON}, {"alto", BS_FMT_ALTO},
    {"page", BS_FMT_PAGE}, {"hocr", BS_FMT_HOCR}, {"mets", BS_FMT_METS},
    {"pdf", BS_FMT_PDF},
};

void bs_settings_defaults(struct bs_settings *s)
{
    memset(s, 0, sizeof(*s));
    bs_profile_defaults(&s->profile);
    s->formats = BS_FMT_DEFAULT;
    s->max_pixels = BS_DEFAULT_MAX_PIXELS;
}

const char *bs_settings_lang(const struct bs_settings *s,
                             const char *page_lang)
{
    if (s->lang[0])
        return s->lang;
    if (page_lang && *page_lang)
        return page_lang;
    return "eng";
}

int bs_formats_parse(const char *list, unsigned *out, struct bs_error *err)
{
    unsigned bits = 0;
    const char *p = list;

    while (*p) {
        size_t n = strcspn(p, ",");
        int found = 0;

        if (n == 3 && strncmp(p, "all", 3) == 0) {
            for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
                bits |= formats[i].bit;
            found = 1;
        }
        for (size_t i = 0; !found && i < sizeof(formats) / sizeof(formats[0]);
             i++) {
            if (strlen(formats[i].name) == n &&
                strncmp(p, formats[i].name, n) == 0) {
                bits |= formats[i].bit;
                found = 1;
            }
        }
        if (!found && n > 0)
            return bs_fail(err, "--formats: unknown format \"%.*s\" (known: "
                           "txt,json,alto,page,hocr,mets,pdf,all)", (int)n, p);
        p += n;
        if (*p == ',')
            p++;
    }
    if (!bits)
        return bs_fail(err, "--formats: no format named");
    *out = bits;
    return 0;
}

void bs_formats_format(unsigned bits, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        if (!(bits & formats[i].bit))
            continue;
        used += (size_t)snprintf(buf + used, used < size ? size - used : 0,
                                 "%s%s", used ? "," : "", formats[i].name);
    }
}

int bs_settings_repair_on(const struct bs_settings *s, const char *kind)
{
    const char *p = s->repairs_off;
    size_t k = strlen(kind);

    if (strcmp(p, "all") == 0)
        return 0;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n == k && strncmp(p, kind, n) == 0)
            return 0;
        p += n;
        if (*p == ',')
            p++;
    }
    return 1;
}

char *bs_settings_fingerprint(const struct bs_settings *s)
{
    char fmts[128];
    char *text, *with;

    bs_formats_format(s->formats, fmts, sizeof(fmts));
    text = bs_sprintf("lang=%s;formats=%s;no-repair=%s;dpi=%d;profile=%s",
                      s->lang, fmts, s->repairs_off, s->dpi, s->profile.name);
    for (int i = 0; i < bs_param_count; i++) {
        const struct bs_param *d = &bs_params[i];
        const char *base = (const char *)&s->profile + d->offset;
        double v = d->type == BS_PARAM_INT ? *(const int *)base
                                           : *(const double *)base;
        with = bs_sprintf("%s;%s=%.6g", text, d->name, v);
        free(text);
        text = with;
    }
    return text;
}
