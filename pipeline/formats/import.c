/*
 * import.c - which archive format a file is, and reading one file of any
 * of them into a page (formats.h: bs_import_file).
 */
#include "formats.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

enum bs_import_kind bs_import_sniff(const char *data, size_t len)
{
    size_t n = len < 65536 ? len : 65536;
    char *head = bs_strndup(data, n); /* stops at a NUL byte */
    enum bs_import_kind kind = BS_IMPORT_UNKNOWN;

    if (strstr(head, "<alto") || strstr(head, ":alto") ||
        strstr(head, "<ALTO"))
        kind = BS_IMPORT_ALTO;
    else if (strstr(head, "PcGts"))
        kind = BS_IMPORT_PAGEXML;
    else if (strstr(head, "ocr_page") || strstr(head, "ocrx_word") ||
             strstr(head, "ocr_line") || strstr(head, "ocr_carea"))
        kind = BS_IMPORT_HOCR;
    free(head);
    return kind;
}

const char *bs_import_kind_name(enum bs_import_kind kind)
{
    switch (kind) {
    case BS_IMPORT_ALTO:
        return "ALTO";
    case BS_IMPORT_PAGEXML:
        return "PAGE";
    case BS_IMPORT_HOCR:
        return "hOCR";
    default:
        return "unknown";
    }
}

/* The page id of an imported file: its name without the extension and
 * without a format suffix (".alto", ".page", ".hocr"); broadsheet's own
 * page.alto.xml / page.xml / page.hocr take their folder's name. */
char *bs_import_id(const char *path)
{
    static const char *const sfx[] = {".alto", ".page", ".hocr"};
    char *id = bs_page_id_from_path(path, -1);
    size_t n = strlen(id);

    for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
        size_t k = strlen(sfx[i]);
        if (n > k && strcmp(id + n - k, sfx[i]) == 0) {
            id[n - k] = '\0';
            break;
        }
    }
    if (strcmp(id, "page") == 0) {
        char *dir = bs_strdup(path), *slash = strrchr(dir, '/'), *name;
        if (slash && slash != dir) {
            *slash = '\0';
            slash = strrchr(dir, '/');
            /* ".x" so that the id keeps any dots of the folder name */
            name = bs_sprintf("%s.x", slash ? slash + 1 : dir);
            free(id);
            id = bs_page_id_from_path(name, -1);
            free(name);
        }
        free(dir);
    }
    return id;
}

int bs_import_file(const char *path, struct bs_page **out,
                   struct bs_error *err)
{
    char *data = NULL;
    size_t len;
    char sum[65];
    int rc;

    *out = NULL;
    if (bs_read_file(path, BS_IMPORT_MAX_BYTES, &data, &len, err) < 0)
        return -1;
    switch (bs_import_sniff(data, len)) {
    case BS_IMPORT_ALTO:
        rc = bs_alto_read(data, len, path, out, err);
        break;
    case BS_IMPORT_PAGEXML:
        rc = bs_pagexml_read(data, len, path, out, err);
        break;
    case BS_IMPORT_HOCR:
        rc = bs_hocr_read(data, len, path, out, err);
        break;
    default:
        rc = bs_fail(err, "%s: not ALTO, PAGE XML or hOCR", path);
        break;
    }
    if (rc == 0) {
        (*out)->id = bs_import_id(path);
        if (!(*out)->source) {
            bs_set_str(&(*out)->source, path);
        } else if ((*out)->source[0] != '/' && strrchr(path, '/')) {
            /* an image named relative to the file (our own "gray.png") is
             * beside it, wherever the command runs */
            const char *slash = strrchr(path, '/');
            char *dir = bs_strndup(path, (size_t)(slash - path));
            char *img = bs_path_join(dir, (*out)->source);
            bs_set_str(&(*out)->source, img);
            free(img);
            free(dir);
        }
        bs_sha256_hex(data, len, sum);
        bs_set_str(&(*out)->checksum, sum);
    }
    free(data);
    return rc;
}
