/*
 * test_batch_parts.c - the batch's building blocks without Tesseract:
 * collecting inputs (folders, lists, multi-page TIFFs, duplicate names,
 * symlink loops, the output folder), the shard hash, the manifest, the
 * done stamp and temp-file cleanup.
 */
#include "check.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/batch/batch.h"
#include "../../pipeline/batch/shard.h"
#include "../../pipeline/batch/temps.h"
#include "../../pipeline/model/model.h"

#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[256];

static char *at(const char *rel)
{
    return bs_path_join(root, rel);
}

static void make_dir(const char *rel)
{
    char *path = at(rel);
    mkdir(path, 0777);
    free(path);
}

static void write_png(const char *rel)
{
    char *path = at(rel);
    PIX *pix = pixCreate(64, 48, 8);
    pixSetAllArbitrary(pix, 200);
    CHECK(pixWrite(path, pix, IFF_PNG) == 0);
    pixDestroy(&pix);
    free(path);
}

static void write_text(const char *rel, const char *text)
{
    char *path = at(rel);
    struct bs_error err;
    CHECK(bs_write_atomic(path, text, strlen(text), &err) == 0);
    free(path);
}

static const struct bs_job *find(const struct bs_jobs *jobs, const char *id)
{
    for (int i = 0; i < jobs->n; i++)
        if (strcmp(jobs->v[i].id, id) == 0)
            return &jobs->v[i];
    return NULL;
}

static void test_collect(void)
{
    struct bs_jobs jobs;
    struct bs_error err;
    char *dir, *out, *tif, *list, *listarg, *loop, *args[4];
    PIX *pix = pixCreate(64, 48, 1);
    const struct bs_job *j;

    dir = at("in");
    out = at("in/out");
    mkdir(dir, 0777);
    write_text("in/.hidden.png", "x");
    make_dir("in/a");
    make_dir("in/b");
    write_png("in/a/p1.png");
    write_png("in/b/p1.png");          /* same name, other folder: b/p1 */
    write_png("in/b/p2.png");
    write_text("in/b/notes.txt", "not an image");
    write_text("in/b/bad.png", "not a png at all");
    /* A three-page TIFF. */
    tif = at("in/b/scan.tif");
    pixWriteTiff(tif, pix, IFF_TIFF_G4, "w");
    pixWriteTiff(tif, pix, IFF_TIFF_G4, "a");
    pixWriteTiff(tif, pix, IFF_TIFF_G4, "a");
    /* A symlink back up (a loop) and an old output folder inside. */
    loop = at("in/a/loop");
    CHECK(symlink("..", loop) == 0);
    mkdir(out, 0777);
    make_dir("in/out/p1");
    write_png("in/out/p1/image.png");
    write_text("in/out/p1/model.load.json", "{}");

    args[0] = dir;
    CHECK(bs_jobs_collect(args, 1, 0, out, &jobs, &err) == 0);
    /* a/p1, b/bad, b/p1, b/p2, b/scan x3: ids are paths below the folder
     * given, whatever else is there */
    CHECK(jobs.n == 7);
    CHECK((j = find(&jobs, "a/p1")) && strstr(j->input, "/a/p1.png"));
    CHECK((j = find(&jobs, "b/p1")) && strstr(j->input, "/b/p1.png"));
    CHECK((j = find(&jobs, "b/scan-p003")) && j->subpage == 2 && !j->error);
    CHECK((j = find(&jobs, "b/bad")) && j->error && strstr(j->error, "bad.png"));
    CHECK(find(&jobs, "image") == NULL);   /* outputs are not inputs */
    CHECK(find(&jobs, "b/p2") && strstr(find(&jobs, "b/p2")->dir, "in/out/b/p2"));
    CHECK(jobs.root && strcmp(jobs.root, out) == 0);
    bs_jobs_release(&jobs);
    /* The folder given twice, and a file inside it again: each real file
     * is one page. */
    {
        char *again[3] = {dir, dir, NULL};
        again[2] = at("in/a/p1.png");
        CHECK(bs_jobs_collect(again, 3, 0, out, &jobs, &err) == 0);
        CHECK(jobs.n == 7);
        bs_jobs_release(&jobs);
        free(again[2]);
    }
    /* Two images given by name with one file name clash: a usage error
     * naming both, not a silent suffix. */
    {
        char *two[2];
        two[0] = at("in/a/p1.png");
        two[1] = at("in/b/p1.png");
        CHECK(bs_jobs_collect(two, 2, 0, out, &jobs, &err) < 0);
        CHECK(strstr(err.msg, "a/p1.png") && strstr(err.msg, "b/p1.png") &&
              strstr(err.msg, "\"p1\""));
        free(two[0]);
        free(two[1]);
    }

    /* The same files through a list file, with comments and a missing
     * entry; relative lines are relative to the current folder. */
    list = at("list.txt");
    {
        char *text = bs_sprintf("# pages\n%s/a/p1.png\n\n%s/b/p2.png\r\n"
                                "%s/missing.png\n", dir, dir, dir);
        CHECK(bs_write_atomic(list, text, strlen(text), &err) == 0);
        free(text);
    }
    listarg = bs_sprintf("@%s", list);
    args[0] = listarg;
    CHECK(bs_jobs_collect(args, 1, 0, out, &jobs, &err) == 0);
    CHECK(jobs.n == 3);
    CHECK(find(&jobs, "p1") && find(&jobs, "p2") && !find(&jobs, "p2")->error);
    CHECK((j = find(&jobs, "missing")) && j->error &&
          strstr(j->error, "missing.png"));
    bs_jobs_release(&jobs);

    /* No output folder, no inputs: usage errors. */
    CHECK(bs_jobs_collect(args, 1, 0, NULL, &jobs, &err) < 0);
    CHECK(bs_jobs_collect(args, 0, 0, out, &jobs, &err) < 0);

    /* A re-run from stage 1 takes page folders and folders of them. */
    args[0] = out;
    CHECK(bs_jobs_collect(args, 1, 1, NULL, &jobs, &err) == 0);
    CHECK(jobs.n == 1 && strcmp(jobs.v[0].id, "p1") == 0 && !jobs.v[0].error &&
          !jobs.v[0].input);
    /* the folder named is the run's folder (manifest, METS) */
    CHECK(jobs.root && strcmp(jobs.root, out) == 0);
    bs_jobs_release(&jobs);
    /* From stage 2 the page lacks model.binarize.json: a failed job. */
    CHECK(bs_jobs_collect(args, 1, 2, NULL, &jobs, &err) == 0);
    CHECK(jobs.n == 1 && jobs.v[0].error &&
          strstr(jobs.v[0].error, "model.binarize.json"));
    bs_jobs_release(&jobs);

    pixDestroy(&pix);
    free(dir);
    free(out);
    free(tif);
    free(list);
    free(listarg);
    free(loop);
}

static void test_many_ids(void)
{
    /* 3000 pages of one file name in 3000 folders: 3000 ids, fast (a hash
     * map, not a search per id). */
    struct bs_jobs jobs;
    struct bs_error err;
    char *arg = at("many"), *out = at("out-many");

    make_dir("many");
    for (int i = 0; i < 3000; i++) {
        char *sub = bs_sprintf("many/%04d", i), *png = bs_sprintf("%s/p.png", sub);
        make_dir(sub);
        write_text(png, "not read: a bad png is a failed page");
        free(sub);
        free(png);
    }
    CHECK(bs_jobs_collect(&arg, 1, 0, out, &jobs, &err) == 0);
    CHECK(jobs.n == 3000);
    CHECK(jobs.n == 3000 && strcmp(jobs.v[2999].id, "2999/p") == 0);
    bs_jobs_release(&jobs);
    free(arg);
    free(out);
}

static void test_shard(void)
{
    int count[4] = {0};
    char id[32];

    /* FNV-1a reference values. */
    CHECK(bs_fnv1a64("") == 14695981039346656037ULL);
    CHECK(bs_fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(bs_shard_of("anything", 1) == 1);
    for (int i = 0; i < 4000; i++) {
        int k;
        snprintf(id, sizeof(id), "page-%04d", i);
        k = bs_shard_of(id, 4);
        CHECK(k >= 1 && k <= 4);
        if (k >= 1 && k <= 4)
            count[k - 1]++;
        if (i == 17)
            CHECK(bs_shard_of(id, 4) == k); /* stable */
    }
    for (int k = 0; k < 4; k++)
        CHECK(count[k] > 800 && count[k] < 1200);
}

struct seen {
    int n;
    char last_status[16];
    char last_reason[128];
    double first_conf, last_conf;
};

static void on_line(void *ctx, const struct bs_manifest_line *l)
{
    struct seen *s = ctx;
    if (s->n == 0)
        s->first_conf = l->confidence;
    s->last_conf = l->confidence;
    s->n++;
    snprintf(s->last_status, sizeof(s->last_status), "%s", l->status);
    snprintf(s->last_reason, sizeof(s->last_reason), "%s", l->reason);
}

static void test_manifest(void)
{
    struct bs_manifest m;
    struct bs_error err;
    struct seen s = {0};
    char *dir = at("mout"), *path, *name;
    FILE *fp;

    CHECK(bs_manifest_open(&m, dir, 2, 3, 1, &err) == 0);
    CHECK(bs_manifest_add(&m, "p1", "done", 1.5, "abc", NULL, "in/p1.png",
                          87.25, &err) == 0);
    CHECK(bs_manifest_add(&m, "p2", "failed", 0.25, NULL,
                          "in/p2.png: bad\tthing\nhere", "in/p2.png", -1,
                          &err) == 0);
    bs_manifest_close(&m);
    name = bs_manifest_name(2, 3);
    CHECK_STR(name, "manifest-2-of-3.tsv");
    CHECK(bs_is_manifest_name(name) && bs_is_manifest_name("manifest.tsv") &&
          !bs_is_manifest_name("manifest-2-of-3.tsv.tmp.1.1"));
    path = bs_path_join(dir, name);
    /* A torn last line (killed mid-write) is ignored. */
    fp = fopen(path, "a");
    fputs("p3\tdone\t1.0", fp);
    fclose(fp);
    CHECK(bs_manifest_read(path, on_line, &s, &err) == 0);
    CHECK(s.n == 2);
    CHECK(s.first_conf > 87.1 && s.first_conf < 87.4 && s.last_conf < 0);
    CHECK_STR(s.last_status, "failed");
    CHECK_STR(s.last_reason, "in/p2.png: bad thing here");
    /* The next run does not glue its lines to the torn one: it ends it
     * first, so its own lines are read. */
    CHECK(bs_manifest_open(&m, dir, 2, 3, 1, &err) == 0);
    CHECK(bs_manifest_add(&m, "p4", "skipped", 0, "abc", NULL, "in/p4.png",
                          -1, &err) == 0);
    bs_manifest_close(&m);
    s.n = 0;
    CHECK(bs_manifest_read(path, on_line, &s, &err) == 0);
    CHECK(s.n == 3);
    CHECK_STR(s.last_status, "skipped");
    /* Never through a symbolic link. */
    {
        char *link = bs_path_join(dir, "manifest.tsv");
        CHECK(symlink(path, link) == 0);
        CHECK(bs_manifest_open(&m, dir, 0, 0, 1, &err) < 0 &&
              strstr(err.msg, "symbolic link"));
        bs_manifest_close(&m);
        free(link);
    }
    free(path);
    free(name);
    free(dir);
}

static void test_stamp(void)
{
    struct bs_stamp a, b;
    struct bs_error err;
    char *dir = at("stamp");

    memset(&a, 0, sizeof(a));
    snprintf(a.page, sizeof(a.page), "p1");
    snprintf(a.broadsheet, sizeof(a.broadsheet), "0.1.0");
    memset(a.checksum, 'a', 64);
    memset(a.settings, 'b', 64);
    snprintf(a.through, sizeof(a.through), "export");
    a.subpage = 2;
    mkdir(dir, 0777);
    CHECK(bs_stamp_read(dir, &b, &err) < 0);
    CHECK(bs_stamp_write(dir, &a, &err) == 0);
    CHECK(bs_stamp_read(dir, &b, &err) == 0);
    CHECK(bs_stamp_matches(&a, &b));
    b.settings[3] = 'c';
    CHECK(!bs_stamp_matches(&a, &b));
    CHECK(bs_stamp_remove(dir, &err) == 0);
    CHECK(bs_stamp_read(dir, &b, &err) < 0);
    /* The stamp lists the outputs beside it; one deleted since makes it
     * invalid (the page is redone).  Image artifacts may go. */
    make_dir("stamp/articles");
    write_text("stamp/page.txt", "text");
    write_text("stamp/articles/a001.txt", "text");
    write_text("stamp/gray.png", "image");
    CHECK(bs_stamp_write(dir, &a, &err) == 0);
    CHECK(bs_stamp_read(dir, &b, &err) == 0);
    {
        char *gray = at("stamp/gray.png"), *art = at("stamp/articles/a001.txt");
        CHECK(unlink(gray) == 0);
        CHECK(bs_stamp_read(dir, &b, &err) == 0);
        CHECK(unlink(art) == 0);
        CHECK(bs_stamp_read(dir, &b, &err) < 0 &&
              strstr(err.msg, "articles/a001.txt") &&
              strstr(err.msg, "missing"));
        free(gray);
        free(art);
    }
    CHECK(bs_stamp_remove(dir, &err) == 0);
    /* A damaged stamp is refused with the file named. */
    {
        char *p = bs_path_join(dir, "done.json");
        CHECK(bs_write_atomic(p, "{\"format\":\"broadsheet-done\"}", 28,
                              &err) == 0);
        CHECK(bs_stamp_read(dir, &b, &err) < 0 && strstr(err.msg, "done.json"));
        free(p);
    }
    free(dir);
}

static void test_temps(void)
{
    char *dir = at("temps"), *t;

    /* broadsheet's own temp names, from the writer itself */
    t = bs_temp_name("/x/page.txt");
    CHECK(strncmp(t, "/x/.broadsheet.tmp.", 19) == 0);
    CHECK(bs_is_temp_name(strrchr(t, '/') + 1, 0));
    CHECK(bs_is_temp_name(strrchr(t, '/') + 1, getpid()));
    CHECK(!bs_is_temp_name(strrchr(t, '/') + 1, getpid() + 1));
    free(t);
    CHECK(bs_is_temp_name(".broadsheet.tmp.123.4.x.json", 123));
    CHECK(!bs_is_temp_name(".broadsheet.tmp.123.4.", 0));
    CHECK(!bs_is_temp_name(".broadsheet.tmp.12x.4.x", 0));
    CHECK(!bs_is_temp_name(".broadsheet.lock", 0));
    /* older broadsheets' NAME.tmp.<pid>.<n>, for names broadsheet writes */
    CHECK(bs_is_temp_name("page.txt.tmp.123.4", 0));
    CHECK(bs_is_temp_name("page.txt.tmp.123.4", 123));
    CHECK(!bs_is_temp_name("page.txt.tmp.123.4", 12));
    CHECK(bs_is_temp_name("model.layout.json.tmp.9.1", 0));
    CHECK(bs_is_temp_name("a012.txt.tmp.9.1", 0));
    CHECK(bs_is_temp_name("mets.xml.tmp.9.1", 0));
    CHECK(!bs_is_temp_name("notes.txt.tmp.9.1", 0)); /* someone else's */
    CHECK(!bs_is_temp_name("page.txt", 0));
    CHECK(!bs_is_temp_name("x.tmp.12", 0));
    CHECK(!bs_is_temp_name("page.txt.tmp.1a.2", 0));
    mkdir(dir, 0777);
    make_dir("temps/articles");
    write_text("temps/keep.txt", "k");
    write_text("temps/notes.txt.tmp.77.1", "someone else's");
    write_text("temps/articles.json.tmp.77.1", "x");
    write_text("temps/articles/a001.txt.tmp.77.3", "x");
    write_text("temps/.broadsheet.tmp.77.9.page.txt", "x");
    write_text("temps/.broadsheet.tmp.78.1.done.json", "x");
    write_text("temps/.broadsheet.lock", "78\n");
    CHECK(bs_remove_temps(dir, 77, 1) == 3);
    CHECK(bs_remove_temps(dir, 0, 0) == 1);
    {
        char *keep = at("temps/keep.txt"),
             *other = at("temps/notes.txt.tmp.77.1"),
             *lock = at("temps/.broadsheet.lock");
        CHECK(bs_is_file(keep) && bs_is_file(other) && bs_is_file(lock));
        free(keep);
        free(other);
        free(lock);
    }
    /* a sub-folder is searched only when asked */
    write_text("temps/articles/.broadsheet.tmp.5.1.a002.txt", "x");
    CHECK(bs_remove_temps(dir, 0, 0) == 0);
    CHECK(bs_remove_temps(dir, 0, 1) == 1);
    free(dir);
}

int main(int argc, char **argv)
{
    char tmpl[] = "/tmp/bs-test-batch.XXXXXX";

    (void)argc;
    setMsgSeverity(L_SEVERITY_NONE);
    if (!mkdtemp(tmpl)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(root, sizeof(root), "%s", tmpl);
    test_collect();
    test_many_ids();
    test_shard();
    test_manifest();
    test_stamp();
    test_temps();
    if (check_remove_tree(root) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return check_report(argv[0]);
}
