/* manifest.txt (manifest.h) and campaign folders (manifest_dir.h): a table
 * of manifests refused with their line (versions -1, 0, 20 digits, "+5";
 * ../etc/passwd, absolute paths, the same path twice or in another case or
 * accent form, a file that is also a folder, sizes past 8 GiB), 100,000
 * lines refused quickly; writing a folder's manifest (sorted, hidden and
 * sync files skipped, version raised, links refused); checking a folder:
 * missing files, sizes that lie, bytes changed, symlinks and FIFOs,
 * unlisted files, a sync's temporary file, a folder deleted meanwhile. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/bounds.h"
#include "library/manifest.h"
#include "library/manifest_dir.h"
#include "library/sha256.h"

static char tmpdir[] = "/tmp/bangtin-manifest-XXXXXX";
static int serial;

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- helpers ------------------------------------------------------------- */

#define H64 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define HEAD "bangtin-manifest 1\nversion 3\nissued 2026-03-15T08:30:00Z\n"

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void put(const char *dir, const char *rel, const char *text)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    run("mkdir -p '%s'", path);
    *slash = '/';
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* A new empty folder below tmpdir into out. */
static void fresh(char *out, size_t size)
{
    snprintf(out, size, "%s/d%d", tmpdir, ++serial);
    assert_int_equal(mkdir(out, 0755), 0);
}

static char *slurp(const char *path, size_t *len)
{
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 20];
    *len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[*len] = '\0';
    return buf;
}

static bool parse(const char *text, bt_manifest *m, int *line, char *err, size_t errsize)
{
    return bt_manifest_parse(text, strlen(text), "manifest.txt", m, line, err, errsize);
}

/* ---- Parsing: a table ---------------------------------------------------- */

static void the_table(void **state)
{
    (void)state;
    static const struct {
        const char *title, *text;
        int line; /* 0: parses; else the line refused */
        const char *says;
    } table[] = {
        {"one file", HEAD H64 "  4  test.txt\n", 0, NULL},
        {"no file", HEAD, 0, NULL},
        {"CRLF", "bangtin-manifest 1\r\nversion 3\r\nissued 2026-03-15T08:30:00Z\r\n" H64 "  4  a b\r\n", 0,
         NULL},
        {"no final newline", HEAD H64 "  4  x/y.png", 0, NULL},
        {"spaces in a path", HEAD H64 "  4  Hình ảnh/ảnh 1.png\n", 0, NULL},
        {"upper-case hex", HEAD "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08  4  t\n", 0,
         NULL},
        {"empty", "", 0, "empty"},
        {"not a manifest", "hello\n", 1, "bangtin-manifest 1"},
        {"format 2", "bangtin-manifest 2\nversion 1\n", 1, "another format"},
        {"version -1", "bangtin-manifest 1\nversion -1\nissued 2026-03-15T08:30:00Z\n", 2, "\"-1\""},
        {"version 0", "bangtin-manifest 1\nversion 0\nissued 2026-03-15T08:30:00Z\n", 2, "from 1"},
        {"version 20 digits", "bangtin-manifest 1\nversion 99999999999999999999\nissued 2026-03-15T08:30:00Z\n",
         2, "whole number"},
        {"version +5", "bangtin-manifest 1\nversion +5\nissued 2026-03-15T08:30:00Z\n", 2, NULL},
        {"version 007", "bangtin-manifest 1\nversion 007\nissued 2026-03-15T08:30:00Z\n", 2, NULL},
        {"version junk", "bangtin-manifest 1\nversion 5x\nissued 2026-03-15T08:30:00Z\n", 2, NULL},
        {"version missing", "bangtin-manifest 1\n", 2, "missing"},
        {"version twice", "bangtin-manifest 1\nversion  5\nissued 2026-03-15T08:30:00Z\n", 2, NULL},
        {"issued not a date", "bangtin-manifest 1\nversion 1\nissued 2026-02-30T08:30:00Z\n", 3, "issued"},
        {"issued local time", "bangtin-manifest 1\nversion 1\nissued 2026-03-15T08:30:00\n", 3, NULL},
        {"issued 24h", "bangtin-manifest 1\nversion 1\nissued 2026-03-15T24:00:00Z\n", 3, NULL},
        {"short hash", HEAD "9f86d0  4  t\n", 4, "SHA256  SIZE  PATH"},
        {"not hex", HEAD "zf86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  4  t\n", 4, "hex"},
        {"one space", HEAD H64 " 4 t\n", 4, NULL},
        {"no path", HEAD H64 "  4\n", 4, NULL},
        {"size +4", HEAD H64 "  +4  t\n", 4, "size"},
        {"size -4", HEAD H64 "  -4  t\n", 4, "size"},
        {"size 04", HEAD H64 "  04  t\n", 4, "size"},
        {"size past 8 GiB", HEAD H64 "  8589934593  t\n", 4, "size"},
        {"sizes adding past 8 GiB", HEAD H64 "  5000000000  a\n" H64 "  5000000000  b\n", 5, "8 GiB"},
        {"../etc/passwd", HEAD H64 "  4  ../etc/passwd\n", 4, "leaves the campaign's folder"},
        {"a/../../b", HEAD H64 "  4  a/../../b\n", 4, "leaves"},
        {"absolute", HEAD H64 "  4  /etc/passwd\n", 4, "absolute"},
        {"empty component", HEAD H64 "  4  a//b\n", 4, "empty folder name"},
        {"trailing slash", HEAD H64 "  4  a/\n", 4, "empty folder name"},
        {"dot", HEAD H64 "  4  ./a\n", 4, "\".\""},
        {"hidden", HEAD H64 "  4  .stfolder/x\n", 4, "\".\""},
        {"backslash", HEAD H64 "  4  a\\b\n", 4, "backslash"},
        {"control", HEAD H64 "  4  a\tb\n", 4, "control"},
        {"C1 control", HEAD H64 "  4  a\xc2\x9b" "b\n", 4, "control"},
        {"invalid UTF-8", HEAD H64 "  4  a\xff.png\n", 4, "UTF-8"},
        {"overlong UTF-8 dot", HEAD H64 "  4  \xc0\xae\xc0\xae/x\n", 4, "UTF-8"},
        {"NFD", HEAD H64 "  4  A\xcc\x89nh.png\n", 4, "NFC"},
        {"colon", HEAD H64 "  4  a:b.png\n", 4, "FAT"},
        {"NUL", HEAD H64 "  4  a\0b\n", 4, NULL},
        {"the same path twice", HEAD H64 "  4  a.png\n" H64 "  4  b.png\n" H64 "  4  a.png\n", 6,
         "listed twice (also on line 4)"},
        {"differing in case", HEAD H64 "  4  img/A.png\n" H64 "  4  IMG/a.png\n", 5, "case"},
        {"differing in Vietnamese case", HEAD H64 "  4  ẢNH.png\n" H64 "  4  ảnh.png\n", 5, "case"},
        {"a file and a folder", HEAD H64 "  4  a\n" H64 "  4  a/b\n", 5, "as a file and as a folder"},
        {"a file and a folder in another case", HEAD H64 "  4  A/b\n" H64 "  4  a\n", 5,
         "as a file and as a folder"},
        {"an empty line", HEAD H64 "  4  a\n\n" H64 "  4  b\n", 5, "empty line"},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        bt_manifest m;
        int line = -1;
        char err[1024] = "";
        /* The NUL row is longer than its C string. */
        size_t len = strcmp(table[i].title, "NUL") == 0 ? strlen(HEAD H64 "  4  a") + 3
                                                        : strlen(table[i].text);
        bool ok = bt_manifest_parse(table[i].text, len, "manifest.txt", &m, &line, err, sizeof err);
        bool want_ok = table[i].line == 0 && !table[i].says;
        if (ok != want_ok || (!ok && table[i].line && line != table[i].line) ||
            (table[i].says && !strstr(err, table[i].says)))
            fail_msg("%s: ok=%d line=%d err=\"%s\"", table[i].title, ok, line, err);
        if (!ok) {
            char where[32];
            snprintf(where, sizeof where, "manifest.txt:%d: ", table[i].line);
            if (table[i].line && strncmp(err, where, strlen(where)) != 0)
                fail_msg("%s: \"%s\" does not start with \"%s\"", table[i].title, err, where);
            assert_int_equal(m.n_files, 0);
        }
        bt_manifest_free(&m);
    }
}

static void what_is_parsed(void **state)
{
    (void)state;
    bt_manifest m;
    char err[512];
    const char *text = HEAD H64 "  4  test.txt\n" H64 "  10  Hình ảnh/ảnh 1.png\n";
    assert_true(parse(text, &m, NULL, err, sizeof err));
    assert_int_equal(m.version, 3);
    assert_string_equal(m.issued_text, "2026-03-15T08:30:00Z");
    assert_int_equal(m.issued, 1773563400); /* date -u -d 2026-03-15T08:30:00Z +%s */
    assert_int_equal(m.n_files, 2);
    assert_string_equal(m.files[1].path, "Hình ảnh/ảnh 1.png");
    assert_int_equal(m.files[1].size, 10);
    assert_int_equal(m.files[1].line, 5);
    assert_int_equal(m.total_bytes, 14);
    /* sha256("test") */
    assert_int_equal(m.files[0].sha256[0], 0x9f);
    assert_int_equal(m.files[0].sha256[31], 0x08);
    /* Written back, the same text. */
    size_t len;
    char *again = bt_manifest_format(&m, &len);
    assert_non_null(again);
    assert_string_equal(again, text);
    assert_int_equal(len, strlen(text));
    free(again);
    bt_manifest_free(&m);
    bt_manifest_free(&m); /* twice is fine */
}

/* 100,000 lines: refused at the first line past the limit, at once. */
static void a_hundred_thousand_lines(void **state)
{
    (void)state;
    size_t size = 200 + 100000 * (64 + 2 + 1 + 2 + 12 + 1);
    char *text = malloc(size);
    size_t o = (size_t)snprintf(text, size, HEAD);
    for (int i = 0; i < 100000; i++)
        o += (size_t)snprintf(text + o, size - o, H64 "  1  f%06d.png\n", i);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bt_manifest m;
    int line;
    char err[512];
    assert_false(bt_manifest_parse(text, o, "manifest.txt", &m, &line, err, sizeof err));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_int_equal(line, 3 + BT_MAX_MANIFEST_FILES + 1);
    assert_non_null(strstr(err, "more than 10000 files"));
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_true(s < 1.0);
    /* And a file past the size limit is refused before a line is read. */
    assert_false(bt_manifest_parse(text, BT_MAX_MANIFEST_BYTES + 1, "manifest.txt", &m, &line, err,
                                   sizeof err));
    assert_int_equal(line, 0);
    free(text);
}

/* ---- Writing a folder's manifest ----------------------------------------- */

/* The manifest line of dir/rel as sha256sum(1) sees the file. */
static void expected_line(const char *dir, const char *rel, char *out, size_t size)
{
    char cmd[4400], hex[128] = "";
    snprintf(cmd, sizeof cmd, "sha256sum < '%s/%s'", dir, rel);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_non_null(fgets(hex, sizeof hex, p));
    pclose(p);
    hex[64] = '\0';
    char path[4300];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    snprintf(out, size, "%s  %lld  %s\n", hex, (long long)sb.st_size, rel);
}

static void writing(void **state)
{
    (void)state;
    char dir[4200], path[4300], err[1024];
    fresh(dir, sizeof dir);
    put(dir, "b.png", "bbb");
    put(dir, "a/z.txt", "z");
    put(dir, "a b.txt", "ab");
    put(dir, "Hình/ảnh.png", "vn");
    put(dir, ".stfolder/x", "");
    put(dir, ".stignore", "x");
    put(dir, ".stversions/b.png~1", "old");
    put(dir, "a/.syncthing.z.txt.tmp", "partial");
    put(dir, "manifest.txt.minisig", "an old signature");
    run("mkdir -p '%s/empty'", dir);
    bt_manifest_written w;
    assert_true(bt_manifest_write_dir(dir, 1773563400, &w, err, sizeof err));
    assert_int_equal(w.version, 1);
    assert_int_equal(w.n_files, 4);
    assert_int_equal(w.total_bytes, 3 + 1 + 2 + 2);
    assert_true(w.removed_old_signature);
    snprintf(path, sizeof path, "%s/manifest.txt.minisig", dir);
    assert_int_equal(access(path, F_OK), -1);
    /* Sorted bytewise: upper case before lower, ' ' before '/'. */
    const char *order[] = {"Hình/ảnh.png", "a b.txt", "a/z.txt", "b.png"};
    char want[4096] = "bangtin-manifest 1\nversion 1\nissued 2026-03-15T08:30:00Z\n";
    for (int i = 0; i < 4; i++)
        expected_line(dir, order[i], want + strlen(want), sizeof want - strlen(want));
    snprintf(path, sizeof path, "%s/manifest.txt", dir);
    size_t len;
    assert_string_equal(slurp(path, &len), want);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0644);

    /* Again: the version grows, and there was no signature to remove. */
    assert_true(bt_manifest_write_dir(dir, 1773563400, &w, err, sizeof err));
    assert_int_equal(w.version, 2);
    assert_false(w.removed_old_signature);
    assert_non_null(strstr(slurp(path, &len), "\nversion 2\n"));

    /* What is refused, and then nothing is written. */
    static const struct {
        const char *title, *setup, *says;
    } refused[] = {
        {"a symlink", "ln -s /etc/passwd '%s/passwd'", "symbolic link"},
        {"a symlinked folder", "ln -s /etc '%s/etc'", "symbolic link"},
        {"a FIFO", "mkfifo '%s/pipe'", "not a plain file"},
        {"two names in another case", "echo 1 > '%s/Photo.png'; echo 2 > '%s/photo.png'", "case"},
        {"a name with a colon", "echo 1 > '%s/a:b.png'", "FAT"},
        {"a name with a newline", "echo 1 > \"%s/a\nb\"", "control"},
        {"an unreadable manifest", "echo hello > '%s/manifest.txt'", "remove it to start again"},
        {"a manifest that is a link", "ln -s /etc/hostname '%s/manifest.txt'", "remove it"},
        {"a secret key (minisign's, as made by -G -W)",
         "cp tests/fuzz/seeds/minisign/unencrypted.key '%s/dept.key'", "secret key"},
        {"an encrypted secret key, under another name",
         "cp tests/fuzz/seeds/minisign/encrypted.key '%s/notes.txt'", "secret key"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        fresh(dir, sizeof dir);
        put(dir, "ok.png", "ok");
        char cmd[9000];
        snprintf(cmd, sizeof cmd, refused[i].setup, dir, dir);
        assert_int_equal(run("%s", cmd), 0);
        err[0] = '\0';
        if (bt_manifest_write_dir(dir, 1773563400, &w, err, sizeof err) ||
            !strstr(err, refused[i].says))
            fail_msg("%s: err=\"%s\"", refused[i].title, err);
        snprintf(path, sizeof path, "%s/manifest.txt", dir);
        struct stat lsb;
        if (strstr(refused[i].title, "manifest") == NULL)
            assert_int_equal(lstat(path, &lsb), -1);
    }
    fresh(dir, sizeof dir);
    run("rmdir '%s'", dir);
    assert_false(bt_manifest_write_dir(dir, 0, &w, err, sizeof err));
    assert_non_null(strstr(err, "cannot open the folder"));
}

/* ---- Checking a folder --------------------------------------------------- */

/* A folder and its manifest (written by bt_manifest_write_dir, parsed). */
static void signed_folder(char *dir, size_t size, bt_manifest *m)
{
    fresh(dir, size);
    put(dir, "a.png", "aaaa");
    put(dir, "sub/b.png", "bbbbbbbb");
    put(dir, "sub/deep/c.pdf", "cccccccccccc");
    bt_manifest_written w;
    char err[1024], path[4300];
    assert_true(bt_manifest_write_dir(dir, 1773563400, &w, err, sizeof err));
    snprintf(path, sizeof path, "%s/manifest.txt", dir);
    size_t len;
    const char *text = slurp(path, &len);
    assert_true(bt_manifest_parse(text, len, "manifest.txt", m, NULL, err, sizeof err));
}

/* Deletes the folder when asked about the second file. */
static const char *doomed;
static int progress_calls;
static bool delete_midway(void *ctx, int done, int total)
{
    (void)ctx;
    progress_calls++;
    assert_int_equal(total, 3);
    if (done == 1)
        run("rm -rf '%s'", doomed);
    return true;
}

static bool stop_at_once(void *ctx, int done, int total)
{
    (void)ctx;
    (void)done;
    (void)total;
    return false;
}

static void checking(void **state)
{
    (void)state;
    static const struct {
        const char *title, *change; /* a shell command on the folder (%s) */
        bool ok;
        bt_file_status a, b, c; /* a.png, sub/b.png, sub/deep/c.pdf */
        int unlisted;
        bool sync_temp;
    } table[] = {
        {"as signed", "true", true, BT_FILE_OK, BT_FILE_OK, BT_FILE_OK, 0, false},
        {"hidden and sync tools' files", "mkdir %s/.stversions && touch %s/.stversions/x %s/.stignore",
         true, BT_FILE_OK, BT_FILE_OK, BT_FILE_OK, 0, false},
        {"a file added, not listed", "echo x > %s/extra.png", true, BT_FILE_OK, BT_FILE_OK,
         BT_FILE_OK, 1, false},
        {"a folder added, not listed", "mkdir -p %s/new && echo x > %s/new/x.png", true, BT_FILE_OK,
         BT_FILE_OK, BT_FILE_OK, 1, false},
        {"a sync under way", "echo x > %s/sub/.syncthing.b.png.tmp", true, BT_FILE_OK, BT_FILE_OK,
         BT_FILE_OK, 0, true},
        {"a file missing", "rm %s/sub/b.png", false, BT_FILE_UNCHECKED, BT_FILE_MISSING,
         BT_FILE_UNCHECKED, 0, false},
        {"a folder missing", "rm -r %s/sub", false, BT_FILE_UNCHECKED, BT_FILE_MISSING,
         BT_FILE_MISSING, 0, false},
        {"a size that lies (still copying)", "printf aa > %s/a.png", false, BT_FILE_SIZE_DIFFERS,
         BT_FILE_UNCHECKED, BT_FILE_UNCHECKED, 0, false},
        {"bytes changed, size right", "printf AAAA > %s/a.png", false, BT_FILE_HASH_DIFFERS, BT_FILE_OK,
         BT_FILE_OK, 0, false},
        {"a symlink instead of a file", "rm %s/a.png && ln -s /etc/hostname %s/a.png", false,
         BT_FILE_NOT_REGULAR, BT_FILE_UNCHECKED, BT_FILE_UNCHECKED, 0, false},
        {"a symlink to a copy of the file", "mv %s/a.png %s/real.png && ln -s real.png %s/a.png", false,
         BT_FILE_NOT_REGULAR, BT_FILE_UNCHECKED, BT_FILE_UNCHECKED, 1, false},
        {"a symlinked folder on the path",
         "mv %s/sub %s/elsewhere && ln -s elsewhere %s/sub", false, BT_FILE_UNCHECKED,
         BT_FILE_NOT_REGULAR, BT_FILE_NOT_REGULAR, 3, false},
        {"a FIFO instead of a file", "rm %s/a.png && mkfifo %s/a.png", false, BT_FILE_NOT_REGULAR,
         BT_FILE_UNCHECKED, BT_FILE_UNCHECKED, 0, false},
        {"a folder instead of a file", "rm %s/a.png && mkdir %s/a.png", false, BT_FILE_NOT_REGULAR,
         BT_FILE_UNCHECKED, BT_FILE_UNCHECKED, 0, false},
        {"unreadable", "chmod 000 %s/a.png", false, BT_FILE_UNREADABLE, BT_FILE_UNCHECKED,
         BT_FILE_UNCHECKED, 0, false},
    };
    bool root = geteuid() == 0; /* root reads a mode-000 file */
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        if (root && strcmp(table[i].title, "unreadable") == 0)
            continue;
        char dir[4200];
        bt_manifest m;
        signed_folder(dir, sizeof dir, &m);
        char cmd[9000];
        snprintf(cmd, sizeof cmd, table[i].change, dir, dir, dir);
        assert_int_equal(run("%s", cmd), 0);
        bt_manifest_check c;
        bool ok = bt_manifest_check_dir(dir, &m, NULL, NULL, &c);
        /* m is in bytewise order: a.png, sub/b.png, sub/deep/c.pdf */
        bt_file_status want[3] = {table[i].a, table[i].b, table[i].c};
        bool same = ok == table[i].ok && c.n_unlisted == table[i].unlisted &&
                    c.sync_temp == table[i].sync_temp;
        for (int k = 0; k < 3; k++)
            same = same && c.status[k] == want[k];
        if (!same)
            fail_msg("%s: ok=%d status %d %d %d, unlisted %d, sync %d (%s)", table[i].title, ok,
                     c.status[0], c.status[1], c.status[2], c.n_unlisted, c.sync_temp, c.detail);
        int total = 0;
        for (int k = 0; k < BT_FILE_STATUS_COUNT; k++)
            total += c.count[k];
        assert_int_equal(total, 3);
        if (!ok)
            assert_true(c.detail[0] != '\0');
        if (table[i].unlisted == 1 && strstr(table[i].title, "added"))
            assert_true(strcmp(c.unlisted[0], "extra.png") == 0 || strcmp(c.unlisted[0], "new/x.png") == 0);
        run("chmod -R u+rwx '%s'", dir);
        bt_manifest_check_free(&c);
        bt_manifest_free(&m);
    }
}

/* A folder deleted while it is being checked: MISSING, no crash. */
static void folder_deleted_while_checking(void **state)
{
    (void)state;
    char dir[4200];
    bt_manifest m;
    signed_folder(dir, sizeof dir, &m);
    doomed = dir;
    progress_calls = 0;
    bt_manifest_check c;
    assert_false(bt_manifest_check_dir(dir, &m, delete_midway, NULL, &c));
    assert_int_equal(progress_calls, 3);
    assert_int_equal(c.status[0], BT_FILE_OK);
    assert_int_equal(c.status[1], BT_FILE_MISSING);
    assert_int_equal(c.status[2], BT_FILE_MISSING);
    bt_manifest_check_free(&c);
    /* And one that is gone before: every file MISSING. */
    assert_false(bt_manifest_check_dir(dir, &m, NULL, NULL, &c));
    assert_true(c.folder_missing);
    assert_int_equal(c.count[BT_FILE_MISSING], 3);
    bt_manifest_check_free(&c);
    bt_manifest_free(&m);
    /* Stopped by the caller: the rest stays unchecked. */
    signed_folder(dir, sizeof dir, &m);
    assert_false(bt_manifest_check_dir(dir, &m, stop_at_once, NULL, &c));
    assert_true(c.stopped);
    assert_int_equal(c.count[BT_FILE_UNCHECKED], 3);
    bt_manifest_check_free(&c);
    bt_manifest_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_table),
        cmocka_unit_test(what_is_parsed),
        cmocka_unit_test(a_hundred_thousand_lines),
        cmocka_unit_test(writing),
        cmocka_unit_test(checking),
        cmocka_unit_test(folder_deleted_while_checking),
    };
    return cmocka_run_group_tests_name("manifest", tests, setup, teardown);
}
