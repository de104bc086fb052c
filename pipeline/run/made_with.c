/*
 * made_with.c - settings.json, the page folder's record of the settings
 * each stage's artifact was made with (run.h), and the words that explain
 * a difference of settings to an operator.
 *
 * The runner owns the file: after every stage it records the settings that
 * stage ran with (bs_settings_fingerprint's text) and the number of the run
 * (one more than any run recorded), so an artifact made by a later run than
 * the one after it shows the later artifacts are stale.  The batch reads it
 * to stamp a page with what made it and to say why a page is redone.
 */
#include "run.h"

#include "../base/base.h"
#include "../model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MADE_WITH_FORMAT "broadsheet-settings"
#define MADE_WITH_VERSION 1

void bs_made_with_release(struct bs_made_with *m)
{
    for (int i = 0; i < BS_STAGE_MAX; i++)
        free(m->words[i]);
    memset(m, 0, sizeof(*m));
}

int bs_made_with_read(const char *dir, struct bs_made_with *m)
{
    char *path = bs_path_join(dir, BS_MADE_WITH_NAME);
    json_t *root = NULL, *stages, *e;
    size_t i;

    memset(m, 0, sizeof(*m));
    /* a missing or bad record is no record: every stage unknown */
    if (!bs_is_file(path) ||
        bs_json_load_file(path, 1u << 20, &root, NULL) < 0) {
        free(path);
        return 0;
    }
    free(path);
    stages = json_object_get(root, "stages");
    if (json_is_string(json_object_get(root, "format")) &&
        strcmp(json_string_value(json_object_get(root, "format")),
               MADE_WITH_FORMAT) == 0 &&
        json_is_array(stages)) {
        json_array_foreach(stages, i, e) {
            const char *name = json_string_value(json_object_get(e, "stage"));
            const char *words =
                json_string_value(json_object_get(e, "settings"));
            json_t *run = json_object_get(e, "run");
            int k = name ? bs_stage_find(name) : -1;
            if (k < 0 || !words || !json_is_integer(run) ||
                json_integer_value(run) < 0 ||
                json_integer_value(run) > 1000000000)
                continue;
            free(m->words[k]);
            m->words[k] = bs_strdup(words);
            m->run[k] = (int)json_integer_value(run);
        }
    }
    json_decref(root);
    return 0;
}

int bs_made_with_save(const char *dir, const struct bs_made_with *m,
                      struct bs_error *err)
{
    char *path = bs_path_join(dir, BS_MADE_WITH_NAME);
    json_t *root = json_object(), *stages = json_array();
    int rc;

    for (int i = 0; i < bs_stage_count; i++)
        if (m->words[i])
            json_array_append_new(
                stages, json_pack("{s:s, s:i, s:s}", "stage",
                                  bs_stage_table[i]->name, "run", m->run[i],
                                  "settings", m->words[i]));
    json_object_set_new(root, "format", json_string(MADE_WITH_FORMAT));
    json_object_set_new(root, "version", json_integer(MADE_WITH_VERSION));
    json_object_set_new(root, "stages", stages);
    rc = bs_json_save_file(root, path, err);
    json_decref(root);
    free(path);
    return rc;
}

int bs_made_with_next_run(const struct bs_made_with *m)
{
    int next = 1;

    for (int i = 0; i < BS_STAGE_MAX; i++)
        if (m->words[i] && m->run[i] >= next)
            next = m->run[i] + 1;
    return next;
}

char *bs_run_fingerprint(const struct bs_settings *s, const char *page_lang)
{
    struct bs_settings eff = *s;

    snprintf(eff.lang, sizeof(eff.lang), "%s", bs_settings_lang(s, page_lang));
    return bs_settings_fingerprint(&eff);
}

/* The first stage whose output a setting of the fingerprint changes: a
 * profile setting's is the stage its doc names ("layout: ..."), the run's
 * own settings are listed here; anything unknown counts from load (a
 * setting no table names could change everything). */
static int stage_of(const char *key, size_t n)
{
    static const struct {
        const char *key, *stage;
    } own[] = {{"lang", "load"},      {"dpi", "load"},
               {"profile", "load"},   {"formats", "export"},
               {"no-repair", "repair"}};

    for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
        if (strlen(own[i].key) == n && strncmp(key, own[i].key, n) == 0) {
            int k = bs_stage_find(own[i].stage);
            return k < 0 ? 0 : k;
        }
    for (int i = 0; i < bs_param_count; i++) {
        const char *doc = bs_params[i].doc, *colon = strchr(doc, ':');
        char stage[32];
        int k;
        if (strlen(bs_params[i].name) != n ||
            strncmp(bs_params[i].name, key, n) != 0 || !colon ||
            (size_t)(colon - doc) >= sizeof(stage))
            continue;
        memcpy(stage, doc, (size_t)(colon - doc));
        stage[colon - doc] = '\0';
        k = bs_stage_find(stage);
        return k < 0 ? 0 : k;
    }
    return 0;
}

char *bs_stage_words(const char *words, int stage)
{
    char *out = bs_strdup("");

    for (const char *p = words ? words : ""; *p;) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n);
        if (eq && stage_of(p, (size_t)(eq - p)) <= stage) {
            char *o = bs_sprintf("%s%s%.*s", out, *out ? ";" : "", (int)n, p);
            free(out);
            out = o;
        }
        p += n + (p[n] == ';');
    }
    return out;
}

/* The value of `key` in a "k=v;k=v" fingerprint, as a malloc'd string;
 * NULL when absent. */
static char *value_of(const char *words, const char *key, size_t klen)
{
    for (const char *p = words; p && *p;) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n);
        if (eq && (size_t)(eq - p) == klen && strncmp(p, key, klen) == 0)
            return bs_strndup(eq + 1, n - (size_t)(eq - p) - 1);
        p += n + (p[n] == ';');
    }
    return NULL;
}

char *bs_settings_diff(const char *from, const char *to)
{
    char *out = bs_strdup("");

    for (const char *p = to ? to : ""; *p;) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n);
        if (eq) {
            size_t k = (size_t)(eq - p);
            char *old = value_of(from, p, k);
            char *now = bs_strndup(eq + 1, n - k - 1);
            if (!old || strcmp(old, now) != 0) {
                char *o = bs_sprintf("%s%s%.*s %s -> %s", out,
                                     *out ? ", " : "", (int)k, p,
                                     old ? (*old ? old : "\"\"") : "?",
                                     *now ? now : "\"\"");
                free(out);
                out = o;
            }
            free(old);
            free(now);
        }
        p += n + (p[n] == ';');
    }
    return out;
}

char *bs_settings_words(const char *words)
{
    struct bs_settings dflt;
    char *base, *out = bs_strdup("");

    bs_settings_defaults(&dflt);
    base = bs_settings_fingerprint(&dflt);
    for (const char *p = words ? words : ""; *p;) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n);
        if (eq) {
            size_t k = (size_t)(eq - p);
            char *d = value_of(base, p, k);
            if (!d || strncmp(d, eq + 1, n - k - 1) != 0 ||
                strlen(d) != n - k - 1) {
                char *o = bs_sprintf("%s%s%.*s", out, *out ? " " : "",
                                     (int)n, p);
                free(out);
                out = o;
            }
            free(d);
        }
        p += n + (p[n] == ';');
    }
    free(base);
    if (!*out) {
        free(out);
        out = bs_strdup("defaults");
    }
    return out;
}
