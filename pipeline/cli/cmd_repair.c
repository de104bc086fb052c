/*
 * cmd_repair.c - `broadsheet repair FILE... [-o OUT] [--no-repair=KINDS]`:
 * the repair pass on OCR someone already has ("-" reads standard input).
 *
 * Plain text (paragraphs separated by blank lines, one line per line) is
 * read into a page of one block per paragraph and one line per line, with
 * no geometry, so only the text evidence decides.  hOCR, ALTO and PAGE XML
 * are read by the import readers (formats.h), with their geometry, blocks
 * in the file's reading order.  Writes, in
 * OUT/<page-id>/ (OUT defaults to "."; the id is the file's name, "stdin"
 * for "-"; two inputs with one id are a usage error, before any is read):
 *   page.txt        the repaired text as `run` writes page.txt: each
 *                   paragraph one line (lines joined by the repair joiner),
 *                   a blank line between paragraphs
 *   lines.txt       the repaired text with the input's line breaks kept
 *   repairs.json    every repair, as the `repair` stage writes it
 */
#include "cli.h"

#include "../base/base.h"
#include "../formats/formats.h"
#include "../repair/repair.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REPAIR_MAX_BYTES (64u << 20)

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r')
            return 0;
    return 1;
}

/* Plain text into a page: one block per paragraph, one line (of one word,
 * the whole line) per line.  Takes `data` as scratch. */
static void text_to_page(char *data, struct bs_page *page)
{
    struct bs_block *block = NULL;
    char *line = data, *next;

    for (; *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        else
            next = line + strlen(line);
        if (*line && line[strlen(line) - 1] == '\r')
            line[strlen(line) - 1] = '\0';
        if (blank(line)) {
            block = NULL; /* a blank line ends the paragraph */
        } else {
            struct bs_line *l;
            if (!block)
                block = bs_page_add_block(page, BS_ROLE_UNKNOWN,
                                          (struct bs_box){0, 0, 0, 0});
            l = bs_block_add_line(block, (struct bs_box){0, 0, 0, 0});
            bs_line_add_word(l, line, (struct bs_box){0, 0, 0, 0}, -1);
        }
    }
}

/* The page's text: blocks as paragraphs separated by a blank line, their
 * lines one per line, or joined into one line with the joiner j.
 * malloc'd. */
static char *page_text(const struct bs_page *page, const struct bs_joiner *j)
{
    char *out = NULL;
    size_t size = 0;
    FILE *fp = open_memstream(&out, &size);
    int first = 1;

    if (!fp)
        bs_oom();
    for (int b = 0; b < page->nblocks; b++) {
        const struct bs_block *block = &page->blocks[b];
        struct bs_buf para = {0};
        int nl = 0;

        for (int l = 0; l < block->nlines; l++) {
            char *t = bs_line_text(&block->lines[l]);
            if (!*t) {
                free(t);
                continue;
            }
            if (j) {
                /* joined: each line without its indent or trailing blanks */
                char *a = t, *e = t + strlen(t);
                while (*a == ' ' || *a == '\t')
                    a++;
                while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
                    *--e = '\0';
                bs_join_append(&para, a, j);
            } else {
                fprintf(fp, "%s%s\n", nl == 0 && !first ? "\n" : "", t);
                nl++;
            }
            free(t);
        }
        if (para.len) {
            fprintf(fp, "%s%s\n", first ? "" : "\n", para.s);
            nl++;
        }
        bs_buf_release(&para);
        if (nl)
            first = 0;
    }
    if (fclose(fp) != 0 || !out)
        bs_oom();
    return out;
}

static int write_text(const char *dir, const char *name, const char *text,
                      struct bs_error *err)
{
    char *path = bs_path_join(dir, name);
    int rc = bs_write_atomic(path, text, strlen(text), err);
    free(path);
    return rc;
}

/* Standard input, at most max bytes, into a malloc'd NUL-terminated
 * buffer. */
static int read_stdin(size_t max, char **data, size_t *len,
                      struct bs_error *err)
{
    size_t cap = 65536, n = 0;
    char *buf = bs_malloc(cap + 1);

    for (;;) {
        ssize_t got;
        if (n == cap) {
            if (cap >= max) {
                free(buf);
                return bs_fail(err, "-: standard input too large (limit "
                               "%zu bytes)", max);
            }
            cap *= 2;
            buf = bs_realloc(buf, cap + 1);
        }
        got = read(STDIN_FILENO, buf + n, cap - n);
        if (got == 0)
            break;
        if (got < 0) {
            free(buf);
            return bs_fail(err, "-: cannot read standard input");
        }
        n += (size_t)got;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

/* The page id (and output folder name) of an input. */
static char *input_id(const char *path)
{
    return strcmp(path, "-") == 0 ? bs_strdup("stdin") : bs_import_id(path);
}

static int repair_one(const struct bs_cli *cli, const char *path,
                      struct bs_error *err)
{
    const struct bs_settings *s = &cli->settings;
    struct bs_page *page = bs_page_new();
    struct bs_repair_log log;
    struct bs_lexicon lex = {0};
    struct bs_joiner joiner = {bs_join_plain, NULL};
    char *data = NULL, *dir = NULL, *text = NULL, *paras = NULL, *jpath = NULL;
    size_t len;
    int have_lex = 0, rc = -1;

    bs_repair_log_init(&log);
    if ((strcmp(path, "-") == 0
             ? read_stdin(REPAIR_MAX_BYTES, &data, &len, err)
             : bs_read_file(path, REPAIR_MAX_BYTES, &data, &len, err)) < 0)
        goto out;
    if (!bs_utf8_valid(data, len) || memchr(data, '\0', len)) {
        bs_fail(err, "%s: not UTF-8 text", path);
        goto out;
    }
    if (bs_import_sniff(data, len) != BS_IMPORT_UNKNOWN) {
        /* hOCR, ALTO or PAGE XML: blocks and lines in the file's reading
         * order, through the import readers (formats.h). */
        enum bs_import_kind kind = bs_import_sniff(data, len);
        bs_page_free(&page);
        rc = kind == BS_IMPORT_ALTO      ? bs_alto_read(data, len, path, &page, err)
             : kind == BS_IMPORT_PAGEXML ? bs_pagexml_read(data, len, path, &page, err)
                                         : bs_hocr_read(data, len, path, &page, err);
        if (rc < 0)
            goto out;
        rc = -1;
    } else {
        text_to_page(data, page);
    }
    free(page->id);
    page->id = input_id(path);
    if (!page->source)
        bs_set_str(&page->source, path);
    if (bs_settings_repair_on(s, "join")) {
        if (bs_lexicon_load_default(&lex, err) < 0)
            goto out;
        have_lex = 1;
        joiner.decide = bs_join_lexicon;
        joiner.ctx = &lex;
    }
    bs_repair_page(page, s, have_lex ? &lex : NULL, &log);
    dir = bs_path_join(cli->out ? cli->out : ".", page->id);
    if (bs_mkdir_p(dir, err) < 0)
        goto out;
    text = page_text(page, NULL);
    paras = page_text(page, &joiner);
    jpath = bs_path_join(dir, "repairs.json");
    if (write_text(dir, "lines.txt", text, err) < 0 ||
        write_text(dir, "page.txt", paras, err) < 0 ||
        bs_repair_log_save(&log, page->id, jpath, err) < 0)
        goto out;
    if (!cli->quiet) {
        fprintf(stderr, "repair: %s: %d repairs (", path,
                bs_repair_log_count(&log, NULL));
        for (int k = 0; k < bs_repair_kind_count; k++)
            fprintf(stderr, "%s%s %d", k ? ", " : "", bs_repair_kinds[k],
                    bs_repair_log_count(&log, bs_repair_kinds[k]));
        fprintf(stderr, ") -> %s/\n", dir);
    }
    rc = 0;
out:
    free(jpath);
    free(paras);
    free(text);
    free(dir);
    free(data);
    if (have_lex)
        bs_lexicon_release(&lex);
    bs_repair_log_release(&log);
    bs_page_free(&page);
    return rc;
}

int bs_cmd_repair(int argc, char **argv)
{
    struct bs_cli cli;
    struct bs_error err;
    int r = bs_cli_parse(argc, argv, BS_CLI_REPAIR,
                         "FILE... [-o OUT] [--no-repair=KINDS]\n\n"
                         "Repairs OCR text you already have: plain text "
                         "(paragraphs separated by\nblank lines), hOCR, "
                         "ALTO or PAGE XML (\"-\": standard input).  Writes "
                         "OUT/<name>/page.txt (paragraphs\njoined, as `run` "
                         "writes it), lines.txt (the input's lines) and "
                         "repairs.json\n(OUT defaults to the current "
                         "folder).",
                         &cli, &err);
    int failed = 0;

    if (r == 1)
        return BS_EXIT_OK;
    if (r == 0 && cli.ninputs == 0)
        r = bs_fail(&err, "repair: no input file (see broadsheet repair "
                    "--help)");
    /* one output folder per input: two inputs of one name would write
     * over each other */
    for (int i = 0; r == 0 && i < cli.ninputs; i++) {
        char *a = input_id(cli.inputs[i]);
        for (int k = 0; r == 0 && k < i; k++) {
            char *b = input_id(cli.inputs[k]);
            if (strcmp(a, b) == 0)
                r = bs_fail(&err, "page id \"%s\": %s and %s both map to it "
                            "(they would write one folder); repair them with "
                            "different -o", a, cli.inputs[k], cli.inputs[i]);
            free(b);
        }
        free(a);
    }
    if (r < 0) {
        fprintf(stderr, "broadsheet repair: %s\n", err.msg);
        return BS_EXIT_USAGE;
    }
    for (int i = 0; i < cli.ninputs; i++) {
        if (repair_one(&cli, cli.inputs[i], &err) < 0) {
            fprintf(stderr, "broadsheet repair: %s\n", err.msg);
            failed++;
        }
    }
    return failed ? BS_EXIT_FAILED : BS_EXIT_OK;
}
