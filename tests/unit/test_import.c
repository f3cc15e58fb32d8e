/* USB import (import.h): sticks are temp folders built from
 * tests/fixtures/sticks/; the library is a temp folder. Covers the library
 * layout, the same stick twice, refused and invalid sticks, NFD and
 * upper-case names, pruning, startup cleaning, a stick pulled at every file,
 * kill -9 at every step, fd leaks, SHA-256 vectors, and real FAT (fusefat,
 * read-only) and exFAT (exfat-fuse over a loop device) file systems, which
 * skip when FUSE or the tools are missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "library/import.h"
#include "library/import_store.h"
#include "library/pairing.h"
#include "model/playlist_load.h"
#include "library/sha256.h"

#define FIXTURES "tests/fixtures/sticks"

static char tmpdir[] = "/tmp/bangtin-import-XXXXXX";
static int serial;
static const bt_pair_key kiosk_key = {{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe,
                                       0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10}};
static const bt_pair_key other_key = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}};
static const char kiosk_hex[] = "0123456789abcdeffedcba9876543210";

/* ---- helpers ---------------------------------------------------------------- */

static void fresh(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s-%d", tmpdir, name, ++serial);
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static bool exists(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static bool exists(const char *fmt, ...)
{
    char path[4096];
    struct stat st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    return lstat(path, &st) == 0;
}

/* A stick: a copy of fixture `name` at a fresh path, paired with key (NULL: none). */
static void make_stick(char *stick, size_t size, const char *name, const bt_pair_key *key)
{
    char err[256] = "";
    fresh(stick, size, name);
    assert_int_equal(run("cp -R " FIXTURES "/%s '%s'", name, stick), 0);
    if (key && !bt_pairing_write_stick(stick, key, err, sizeof err))
        fail_msg("cannot pair: %s", err);
}

/* Every file below dir, as "rel" lines sorted, into buf (for comparing trees). */
static void list_tree(const char *dir, char *buf, size_t size)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cd '%s' && find . -type f -o -type l | sort | tr '\\n' ' '", dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(buf, 1, size - 1, p);
    buf[n] = '\0';
    pclose(p);
}

/* The names in dir (not . and ..), space-separated and sorted; their count. */
static int list_dir(const char *dir, char *buf, size_t size)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "ls -A '%s' 2>/dev/null | sort | tr '\\n' ' '", dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(buf, 1, size - 1, p);
    buf[n] = '\0';
    pclose(p);
    int count = 0;
    for (char *s = buf; *s; s++)
        count += *s == ' ';
    return count;
}

/* Where `current` points (the folder name under playlists/), or "". */
static void current_name(const char *lib, char *out, size_t size)
{
    char path[4096], target[512];
    snprintf(path, sizeof path, "%s/current", lib);
    ssize_t n = readlink(path, target, sizeof target - 1);
    out[0] = '\0';
    if (n > 0) {
        target[n] = '\0';
        assert_true(strncmp(target, "playlists/", 10) == 0);
        assert_true(snprintf(out, size, "%s", target + 10) < (int)size);
    }
}

/* Asserts that lib's current playlist loads with no error; its slide count. */
static int assert_current_ok(const char *lib)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/current/playlist.yaml", lib);
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(path, NULL, &d);
    if (!pl || d.errors)
        bt_diags_print(&d, stderr);
    assert_non_null(pl);
    assert_int_equal(d.errors, 0);
    int n = pl->n_slides;
    bt_playlist_free(pl);
    bt_diags_clear(&d);
    return n;
}

/* No staging, trash or temporary link left in the library. */
static void assert_no_leftovers(const char *lib)
{
    char buf[4096], dir[4096];
    snprintf(dir, sizeof dir, "%s/playlists", lib);
    list_dir(dir, buf, sizeof buf);
    if (strstr(buf, ".staging-") || strstr(buf, ".trash-"))
        fail_msg("leftovers in playlists/: %s", buf);
    list_dir(lib, buf, sizeof buf);
    if (strstr(buf, "current.tmp"))
        fail_msg("leftovers in the library: %s", buf);
}

static int verify_calls;

static bool count_verify(void *ctx, const char *path, char *err, size_t size)
{
    (void)ctx, (void)path, (void)err, (void)size;
    verify_calls++;
    return true;
}

static const bt_load_options deep = {.verify_image = count_verify};

static bt_import_options options(const char *lib)
{
    return (bt_import_options){.library = lib, .key = &kiosk_key, .load = &deep,
                               .kiosk_name = "kiosk-test"};
}

static bt_import_status import(const char *stick, const bt_import_options *opt,
                               bt_import_result *r)
{
    bt_import_stick(stick, opt, r);
    assert_null(strstr(r->detail, kiosk_hex));
    /* What became current comes with its checked playlist, and only then. */
    bool current = r->status == BT_IMPORT_LOADED || r->status == BT_IMPORT_ALREADY;
    assert_true(current == (r->pl != NULL));
    if (r->pl)
        assert_int_equal(r->pl->n_slides, r->slides);
    bt_playlist_free(r->pl);
    r->pl = NULL;
    return r->status;
}

static void today(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(buf, size, "%Y-%m-%d", &tm);
}

/* ---- SHA-256 ----------------------------------------------------------------- */

static void hex32(const unsigned char d[32], char out[65])
{
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void test_sha256_vectors(void **state)
{
    (void)state;
    static const struct {
        const char *in, *hex;
    } table[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmn"
         "opqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
    };
    unsigned char d[32];
    char hex[65];
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        /* Whole, then a byte at a time: the block boundary must not matter. */
        bt_sha256 s;
        bt_sha256_init(&s);
        bt_sha256_update(&s, table[i].in, strlen(table[i].in));
        bt_sha256_final(&s, d);
        hex32(d, hex);
        assert_string_equal(hex, table[i].hex);
        bt_sha256_init(&s);
        for (const char *p = table[i].in; *p; p++)
            bt_sha256_update(&s, p, 1);
        bt_sha256_final(&s, d);
        hex32(d, hex);
        assert_string_equal(hex, table[i].hex);
    }
    /* A million 'a', in uneven pieces. */
    static unsigned char a[1000];
    memset(a, 'a', sizeof a);
    bt_sha256 s;
    bt_sha256_init(&s);
    for (size_t done = 0, k = 1; done < 1000000; k = k % 987 + 13) {
        size_t n = 1000000 - done < k ? 1000000 - done : k;
        bt_sha256_update(&s, a, n);
        done += n;
    }
    bt_sha256_final(&s, d);
    hex32(d, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* ---- a good stick ------------------------------------------------------------ */

static void test_good_stick(void **state)
{
    (void)state;
    char stick[512], lib[512], buf[4096], dir[1024], name[128], date[16];
    make_stick(stick, sizeof stick, "good", &kiosk_key);
    fresh(lib, sizeof lib, "lib");
    bt_import_options opt = options(lib);
    bt_import_result r;
    verify_calls = 0;
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_LOADED);
    /* Each distinct picture checked once, in the copy (otp.png is named by
     * two slides): the logo, the icon, otp.png. */
    assert_int_equal(verify_calls, 3);
    assert_int_equal(r.slides, 3);
    assert_int_equal(r.tips, 2);
    assert_int_equal(r.topics, 1);
    assert_int_equal(r.n_problems, 0);
    snprintf(buf, sizeof buf, "%s/current/playlist.yaml", lib);
    assert_string_equal(r.current, buf);

    /* The layout: one import, named TIMESTAMP-HASH, `current` a relative link to it. */
    snprintf(dir, sizeof dir, "%s/playlists", lib);
    assert_int_equal(list_dir(dir, buf, sizeof buf), 1);
    current_name(lib, name, sizeof name);
    assert_true(bt_store_valid_name(name));
    assert_non_null(strstr(buf, name));
    /* Only what the playlist names: not unused.jpg, not notes.txt, not the key. */
    snprintf(dir, sizeof dir, "%s/playlists/%s", lib, name);
    list_tree(dir, buf, sizeof buf);
    assert_string_equal(buf, "./icons/scam.png ./images/logo.png ./images/otp.png ./playlist.yaml ");
    assert_int_equal(assert_current_ok(lib), 3);
    assert_int_equal(run("cmp -s %s/playlist.yaml %s/bangtin/playlist.yaml", dir, stick), 0);
    assert_int_equal(run("cmp -s %s/images/otp.png %s/bangtin/images/otp.png", dir, stick), 0);
    assert_no_leftovers(lib);

    /* The stick: the report, no errors.txt, no temporary file. */
    today(date, sizeof date);
    assert_true(r.report_written);
    assert_true(r.stick_synced);
    assert_false(r.errors_written);
    /* The office's copy: UTF-8 with a byte-order mark, Vietnamese headers, CRLF. */
    assert_int_equal(run("head -n 1 '%s/bangtin/reports/kiosk-test-%s.csv' | "
                         "grep -q \"$(printf '^\\357\\273\\277loại,danh sách phát,mã,')\"",
                         stick, date), 0);
    assert_int_equal(run("head -n 1 '%s/bangtin/reports/kiosk-test-%s.csv' | grep -q \"$(printf '\\r')$\"",
                         stick, date), 0);
    assert_false(exists("%s/bangtin/errors.txt", stick));
    assert_int_equal(run("find '%s' -name '.*' | grep -q .", stick), 1);
    assert_true(bt_import_is_stick(stick, NULL));
}

/* ---- the clips' progress ------------------------------------------------------ */

typedef struct {
    int n, total, percent;
} step;
static step told[256];
static int n_steps;

static void record_progress(void *ctx, int n, int total, int percent)
{
    (void)ctx;
    if (n_steps < (int)(sizeof told / sizeof *told))
        told[n_steps++] = (step){n, total, percent};
}

/* A stick with two clips and pictures: the clips' copy is told from 0 to
 * 100 % each, in turn, going up; the pictures are not counted. */
static void test_clip_progress(void **state)
{
    (void)state;
    char stick[512], lib[512];
    make_stick(stick, sizeof stick, "good", &kiosk_key);
    fresh(lib, sizeof lib, "lib");
    /* What the loader's header look takes for an MP4 (the deep check of
     * this test probes no video): 300 KB and 200 KB, several reads each. */
    assert_int_equal(run("mkdir -p '%s/bangtin/clips' && cd '%s/bangtin/clips' && "
                         "{ printf '\\000\\000\\000\\030ftypisom'; head -c 300000 /dev/zero; } >a.mp4 && "
                         "{ printf '\\000\\000\\000\\030ftypisom'; head -c 200000 /dev/zero; } >b.MKV && "
                         "sed -i 's|^tips:|  - {id: a, video: clips/a.mp4}\\n  - {id: b, video: clips/b.MKV}\\ntips:|' "
                         "../playlist.yaml",
                         stick, stick),
                     0);
    bt_import_options opt = options(lib);
    opt.progress = record_progress;
    n_steps = 0;
    bt_import_result r;
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_LOADED);
    assert_int_equal(r.slides, 5);
    int first[3] = {-1, -1, -1}, last[3] = {-1, -1, -1};
    for (int i = 0; i < n_steps; i++) {
        assert_int_equal(told[i].total, 2);
        assert_in_range(told[i].n, 1, 2);
        if (i > 0 && told[i].n == told[i - 1].n)
            assert_true(told[i].percent > told[i - 1].percent);
        if (i > 0)
            assert_true(told[i].n >= told[i - 1].n);
        if (first[told[i].n] < 0)
            first[told[i].n] = i;
        last[told[i].n] = i;
    }
    for (int n = 1; n <= 2; n++) {
        assert_true(first[n] >= 0);
        assert_int_equal(told[first[n]].percent, 0);
        assert_int_equal(told[last[n]].percent, 100);
        assert_true(last[n] - first[n] >= 3); /* 200 KB: four reads of 64 KB */
    }
}

static void test_same_stick_twice(void **state)
{
    (void)state;
    char a[512], b[512], lib[512], dir[1024], buf[4096], first[128], second[128], now[128];
    make_stick(a, sizeof a, "good", &kiosk_key);
    make_stick(b, sizeof b, "good", &kiosk_key);
    snprintf(buf, sizeof buf, "%s/bangtin/playlist.yaml", b);
    write_file(buf, "version: 1\nslides:\n  - title: \"Khác\"\n    image: images/otp.png\n");
    fresh(lib, sizeof lib, "lib");
    snprintf(dir, sizeof dir, "%s/playlists", lib);
    bt_import_options opt = options(lib);
    bt_import_result r;
    assert_int_equal(import(a, &opt, &r), BT_IMPORT_LOADED);
    current_name(lib, first, sizeof first);
    assert_int_equal(import(a, &opt, &r), BT_IMPORT_ALREADY);
    assert_false(r.switched);
    assert_int_equal(r.slides, 3);
    assert_non_null(strstr(r.current, "/current/playlist.yaml"));
    assert_int_equal(list_dir(dir, buf, sizeof buf), 1);
    current_name(lib, now, sizeof now);
    assert_string_equal(now, first);

    /* Another stick, then the first again: made current without a copy. */
    assert_int_equal(import(b, &opt, &r), BT_IMPORT_LOADED);
    assert_true(r.switched);
    current_name(lib, second, sizeof second);
    assert_string_not_equal(second, first);
    assert_true(strcmp(second, first) > 0); /* names sort in import order */
    assert_int_equal(import(a, &opt, &r), BT_IMPORT_ALREADY);
    assert_true(r.switched); /* the player must reload although r.current reads the same */
    current_name(lib, now, sizeof now);
    assert_string_equal(now, first);
    assert_int_equal(list_dir(dir, buf, sizeof buf), 2);
    assert_int_equal(assert_current_ok(lib), 3);
}

/* ---- refused and invalid sticks ---------------------------------------------- */

static void test_bad_stick(void **state)
{
    (void)state;
    char good[512], bad[512], lib[512], before[128], now[128], path[1024];
    make_stick(good, sizeof good, "good", &kiosk_key);
    make_stick(bad, sizeof bad, "bad", &kiosk_key);
    fresh(lib, sizeof lib, "lib");
    bt_import_options opt = options(lib);
    bt_import_result r;
    assert_int_equal(import(good, &opt, &r), BT_IMPORT_LOADED);
    current_name(lib, before, sizeof before);

    assert_int_equal(import(bad, &opt, &r), BT_IMPORT_INVALID);
    assert_int_equal(r.n_errors, 3);
    assert_int_equal(r.n_problems, 3);
    /* For the clerk: the place in words, the slide by its title, Vietnamese. */
    assert_string_equal(r.problems[0], "playlist.yaml, dòng 10, cột 12, trang chiếu “Ảnh thiếu”: "
                                       "image \"images/khong-co.png\" không có trong thư mục của "
                                       "danh sách phát");
    assert_non_null(strstr(r.problems[1], "playlist.yaml, dòng 12, cột 15"));
    assert_non_null(strstr(r.problems[2], "playlist.yaml, dòng 14, cột 12"));
    assert_int_equal(r.current[0], '\0');
    current_name(lib, now, sizeof now);
    assert_string_equal(now, before);
    assert_true(r.errors_written);
    assert_true(r.report_written); /* the office's stick gets its report all the same */

    /* errors.txt for Notepad: a byte-order mark, CRLF, Vietnamese; the date,
     * why it was refused and what to do, then each error numbered with its
     * place in words. */
    snprintf(path, sizeof path, "%s/bangtin/errors.txt", bad);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char date[16], all[8192];
    size_t got = fread(all, 1, sizeof all - 1, f);
    fclose(f);
    all[got] = '\0';
    today(date, sizeof date);
    assert_memory_equal(all, "\xEF\xBB\xBF", 3);
    assert_non_null(strstr(all, date));
    assert_non_null(strstr(all, "\r\nUSB NÀY CHƯA ĐƯỢC NẠP. Số lỗi cần sửa: 3.\r\n"));
    assert_non_null(strstr(all, "\r\n\r\nLỖI (phải sửa hết các lỗi này thì mới nạp được USB):\r\n"
                                "1. playlist.yaml, dòng 10, cột 12, trang chiếu “Ảnh thiếu”: "));
    assert_non_null(strstr(all, "\r\n2. playlist.yaml, dòng 12, cột 15"));
    assert_non_null(strstr(all, "\r\n3. playlist.yaml, dòng 14, cột 12"));
    for (size_t i = 0; i < got; i++) /* every line ends in CRLF */
        if (all[i] == '\n')
            assert_true(i > 0 && all[i - 1] == '\r');
    assert_true(got >= 2 && all[got - 1] == '\n');
    assert_null(strstr(all, ": error: "));

    /* Fixed: it loads, and the stale errors.txt goes. */
    assert_int_equal(run("cp " FIXTURES "/good/bangtin/playlist.yaml %s/bangtin/ && cp -R "
                         FIXTURES "/good/bangtin/icons " FIXTURES "/good/bangtin/images %s/bangtin/",
                         bad, bad), 0);
    assert_int_equal(import(bad, &opt, &r), BT_IMPORT_ALREADY); /* the same content as good */
    assert_false(exists("%s/bangtin/errors.txt", bad));
    assert_no_leftovers(lib);
}

/* Stick shapes that must be refused, or read as a problem, without leaking the key. */
static void test_hostile_playlist(void **state)
{
    (void)state;
    char stick[512], lib[512], path[1024], buf[4096];
    fresh(lib, sizeof lib, "lib");
    bt_import_options opt = options(lib);
    bt_import_result r;

    /* playlist.yaml a link to a file of the kiosk: never read. */
    make_stick(stick, sizeof stick, "good", &kiosk_key);
    snprintf(path, sizeof path, "%s/bangtin/playlist.yaml", stick);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(symlink("/etc/passwd", path), 0);
    assert_true(bt_import_is_stick(stick, NULL)); /* a stick, told what is wrong below */
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_INVALID);
    assert_non_null(strstr(r.problems[0], "không phải liên kết"));

    /* playlist.yaml a hard link to the key, and a playlist quoting the key. */
    make_stick(stick, sizeof stick, "good", &kiosk_key);
    assert_int_equal(run("cd %s/bangtin && rm playlist.yaml && ln kiosk.key playlist.yaml", stick), 0);
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_INVALID);
    make_stick(stick, sizeof stick, "good", &kiosk_key);
    snprintf(path, sizeof path, "%s/bangtin/playlist.yaml", stick);
    snprintf(buf, sizeof buf, "version: 1\nslides:\n  - title: x\n    layout: %s\n", kiosk_hex);
    write_file(path, buf);
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_INVALID);
    for (int i = 0; i < r.n_problems; i++)
        assert_null(strcasestr(r.problems[i], kiosk_hex));
    assert_int_equal(run("grep -qi %s %s/bangtin/errors.txt", kiosk_hex, stick), 1);
    assert_int_equal(run("grep -q '\\*\\*\\*\\*' %s/bangtin/errors.txt", stick), 0);

    /* No bangtin folder at all. */
    fresh(stick, sizeof stick, "empty");
    assert_int_equal(mkdir(stick, 0755), 0);
    opt.unpaired_ok = true;
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_INVALID);
    assert_false(bt_import_is_stick(stick, NULL));
    snprintf(path, sizeof path, "%s/playlists", lib);
    assert_int_equal(list_dir(path, buf, sizeof buf), 0);
}

/* A snapshot of everything on a stick: names, sizes and times. */
static void snapshot(const char *stick, char *buf, size_t size)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cd '%s' && find . -printf '%%p %%s %%T@ %%C@\\n' | sort", stick);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(buf, 1, size - 1, p);
    buf[n] = '\0';
    pclose(p);
}

static void test_unauthorised(void **state)
{
    (void)state;
    static const struct {
        const char *title;
        int pair; /* 0 none, 1 another kiosk's, 2 a malformed file */
        bool unpaired_ok;
        bt_import_status want;
    } table[] = {
        {"no key", 0, false, BT_IMPORT_UNAUTHORISED},
        {"wrong key", 1, false, BT_IMPORT_UNAUTHORISED},
        {"bad key file", 2, false, BT_IMPORT_UNAUTHORISED},
        {"no key, unpaired ok", 0, true, BT_IMPORT_LOADED},
        {"wrong key, unpaired ok", 1, true, BT_IMPORT_UNAUTHORISED},
        {"bad key file, unpaired ok", 2, true, BT_IMPORT_UNAUTHORISED},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        char stick[512], lib[512], path[1024], before[8192], after[8192], buf[4096];
        /* The bad fixture: were it read, errors.txt would be written. */
        make_stick(stick, sizeof stick, table[i].want == BT_IMPORT_LOADED ? "good" : "bad",
                   table[i].pair == 1 ? &other_key : NULL);
        if (table[i].pair == 2) {
            snprintf(path, sizeof path, "%s/bangtin/kiosk.key", stick);
            write_file(path, "not a key\n");
        }
        fresh(lib, sizeof lib, "lib");
        bt_import_options opt = options(lib);
        opt.unpaired_ok = table[i].unpaired_ok;
        bt_import_result r;
        snapshot(stick, before, sizeof before);
        verify_calls = 0;
        if (import(stick, &opt, &r) != table[i].want)
            fail_msg("%s: %s (%s)", table[i].title, bt_import_status_name(r.status), r.detail);
        if (table[i].want != BT_IMPORT_UNAUTHORISED)
            continue;
        snapshot(stick, after, sizeof after);
        assert_string_equal(before, after);
        assert_int_equal(verify_calls, 0);
        assert_false(r.errors_written || r.report_written);
        assert_true(r.stick_synced);
        assert_int_equal(r.n_problems, 0);
        assert_non_null(strstr(r.detail, "refused"));
        snprintf(path, sizeof path, "%s/playlists", lib);
        assert_int_equal(list_dir(path, buf, sizeof buf), 0);
    }
}

/* ---- names on the stick ------------------------------------------------------ */

static void test_nfd_and_case(void **state)
{
    (void)state;
    /* "ảnh" precomposed (NFC, as the playlist writes it) and decomposed (NFD, as macOS stores it). */
    static const char nfc[] = "\xe1\xba\xa3nh";
    static const char nfd[] = "a\xcc\x89nh";
    char stick[512], lib[512], path[1024], buf[4096], name[128];
    make_stick(stick, sizeof stick, "good", &kiosk_key);
    assert_int_equal(run("mkdir %s/bangtin/fonts && cp tests/fixtures/load/fonts/Test-Regular.ttf "
                         "%s/bangtin/fonts/FONT.TTF && cd %s/bangtin && mv icons ICONS && "
                         "mv ICONS/scam.png ICONS/SCAM.PNG",
                         stick, stick, stick), 0);
    snprintf(path, sizeof path, "%s/bangtin/images/%s.png", stick, nfd);
    assert_int_equal(run("mv %s/bangtin/images/otp.png '%s'", stick, path), 0);
    snprintf(path, sizeof path, "%s/bangtin/playlist.yaml", stick);
    snprintf(buf, sizeof buf,
             "version: 1\ntheme:\n  font: fonts/font.ttf\ntopics:\n  - id: a\n    title: A\n"
             "    icon: icons/scam.png\nslides:\n  - title: \"Ảnh\"\n    topic: a\n"
             "    image: images/%s.png\n",
             nfc);
    write_file(path, buf);
    fresh(lib, sizeof lib, "lib");
    bt_import_options opt = options(lib);
    bt_import_result r;
    if (import(stick, &opt, &r) != BT_IMPORT_LOADED)
        fail_msg("%s %s", r.detail, r.problems[0]);
    current_name(lib, name, sizeof name);
    snprintf(path, sizeof path, "%s/playlists/%s", lib, name);
    list_tree(path, buf, sizeof buf);
    char want[256];
    snprintf(want, sizeof want, "./fonts/font.ttf ./icons/scam.png ./images/%s.png ./playlist.yaml ",
             nfc);
    assert_string_equal(buf, want); /* the written names, byte for byte */
    assert_int_equal(assert_current_ok(lib), 1);
}

/* ---- the library: pruning, startup ------------------------------------------- */

/* A good stick whose content differs by a title: a new import each time. */
static void make_variant(char *stick, size_t size, int n)
{
    char path[4096], text[256];
    make_stick(stick, size, "good", &kiosk_key);
    snprintf(path, sizeof path, "%s/bangtin/playlist.yaml", stick);
    snprintf(text, sizeof text,
             "version: 1\nslides:\n  - title: \"Bản %d\"\n    image: images/otp.png\n", n);
    write_file(path, text);
}

static void test_prune_keeps_three(void **state)
{
    (void)state;
    char lib[512], dir[1024], buf[4096], names[6][128], stick[512], now[128];
    fresh(lib, sizeof lib, "lib");
    snprintf(dir, sizeof dir, "%s/playlists", lib);
    bt_import_options opt = options(lib);
    bt_import_result r;
    for (int i = 0; i < 6; i++) {
        make_variant(stick, sizeof stick, i);
        assert_int_equal(import(stick, &opt, &r), BT_IMPORT_LOADED);
        current_name(lib, names[i], sizeof names[i]);
        assert_int_equal(list_dir(dir, buf, sizeof buf), i < 3 ? i + 1 : 3);
    }
    for (int i = 0; i < 6; i++)
        assert_true((strstr(buf, names[i]) != NULL) == (i >= 3));

    /* The current import is never pruned, even when it is the oldest: the
     * newest keep, and current. */
    opt.keep = 2;
    make_variant(stick, sizeof stick, 3);
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_ALREADY); /* names[3], the oldest kept */
    assert_int_equal(list_dir(dir, buf, sizeof buf), 3);
    current_name(lib, now, sizeof now);
    assert_string_equal(now, names[3]);
    opt.keep = 1;
    make_variant(stick, sizeof stick, 5);
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_ALREADY);
    assert_int_equal(list_dir(dir, buf, sizeof buf), 1);
    assert_non_null(strstr(buf, names[5]));
    assert_no_leftovers(lib);
}

/* The start-up of a library, as the player begins it: true with the
 * playlist `current` names in buf, false when there is none (or buf is too
 * small for it). */
static bool startup_current(const char *lib, char *buf, size_t size)
{
    bt_library_state st;
    bt_import_startup(lib, &st);
    bool ok = st.n > 0 && snprintf(buf, size, "%s", st.playlists[0]) < (int)size;
    bt_library_state_free(&st);
    return ok;
}

static void test_startup(void **state)
{
    (void)state;
    char lib[512], stick[512], buf[4096], path[1024], name[128];
    fresh(lib, sizeof lib, "lib");
    assert_false(startup_current(lib, buf, sizeof buf)); /* nothing yet */
    make_stick(stick, sizeof stick, "good", &kiosk_key);
    bt_import_options opt = options(lib);
    bt_import_result r;
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_LOADED);
    current_name(lib, name, sizeof name);

    /* Leftovers of imports cut short. */
    assert_int_equal(run("mkdir -p %s/playlists/.staging-abc123/images %s/playlists/.trash-x && "
                         "touch %s/playlists/.staging-abc123/images/a.png && "
                         "ln -s playlists/nowhere %s/current.tmp-99",
                         lib, lib, lib, lib), 0);
    assert_true(startup_current(lib, buf, sizeof buf));
    assert_string_equal(buf, r.current);
    assert_no_leftovers(lib);
    assert_true(startup_current(lib, buf, 8) == false); /* buf too small */

    /* current naming something that is not a complete import. */
    snprintf(path, sizeof path, "%s/current", lib);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(symlink("playlists/20260101T000000Z-0000000000000000", path), 0);
    assert_false(startup_current(lib, buf, sizeof buf));
    assert_int_equal(unlink(path), 0);
    assert_int_equal(symlink("/etc", path), 0);
    assert_false(startup_current(lib, buf, sizeof buf));
    assert_int_equal(unlink(path), 0);
    snprintf(buf, sizeof buf, "playlists/%s", name);
    assert_int_equal(symlink(buf, path), 0);
    assert_true(startup_current(lib, buf, sizeof buf));

    /* While an import holds the lock, its staging folder is left alone. */
    bt_store s;
    bool locked = false;
    char err[256];
    assert_true(bt_store_open(&s, lib, BT_STORE_WAIT, &locked, err, sizeof err));
    assert_true(locked);
    assert_int_equal(run("mkdir %s/playlists/.staging-live", lib), 0);
    assert_true(startup_current(lib, buf, sizeof buf));
    assert_true(exists("%s/playlists/.staging-live", lib));
    bt_store_close(&s);
    assert_true(startup_current(lib, buf, sizeof buf));
    assert_false(exists("%s/playlists/.staging-live", lib));
}

/* ---- a stick pulled out, kill -9 --------------------------------------------- */

typedef struct {
    int at;    /* the hook index that fails */
    int calls; /* files seen */
    bool kill; /* raise SIGKILL instead of failing */
} hook_ctx;

static bool fail_at(void *ctx, int index, const char *name)
{
    hook_ctx *h = ctx;
    (void)name;
    if (index >= 0)
        h->calls++;
    if (index != h->at)
        return true;
    if (h->kill)
        raise(SIGKILL);
    return false;
}

static void test_pulled_at_each_file(void **state)
{
    (void)state;
    char old[512], stick[512], lib[512], before[128], now[128], dir[1024], buf[4096];
    make_stick(old, sizeof old, "good", &kiosk_key);
    make_variant(stick, sizeof stick, 7);
    fresh(lib, sizeof lib, "lib");
    snprintf(dir, sizeof dir, "%s/playlists", lib);
    bt_import_options opt = options(lib);
    bt_import_result r;
    assert_int_equal(import(old, &opt, &r), BT_IMPORT_LOADED);
    current_name(lib, before, sizeof before);

    hook_ctx h = {.at = -100};
    opt.before_copy = fail_at;
    opt.ctx = &h;
    int files = 2; /* playlist.yaml, images/otp.png */
    for (int at = 0; at < files; at++) {
        h = (hook_ctx){.at = at};
        assert_int_equal(import(stick, &opt, &r), BT_IMPORT_ABORTED);
        assert_int_equal(h.calls, at + 1);
        current_name(lib, now, sizeof now);
        assert_string_equal(now, before);
        assert_int_equal(list_dir(dir, buf, sizeof buf), 1);
        assert_no_leftovers(lib);
        assert_int_equal(r.current[0], '\0');
    }
    /* The library steps failing: FAILED, the library as it was. */
    for (int at = BT_IMPORT_HOOK_SWITCH; at <= BT_IMPORT_HOOK_RENAME; at++) {
        h = (hook_ctx){.at = at};
        assert_int_equal(import(stick, &opt, &r), BT_IMPORT_FAILED);
        current_name(lib, now, sizeof now);
        assert_string_equal(now, before);
        assert_int_equal(list_dir(dir, buf, sizeof buf), 1);
        assert_no_leftovers(lib);
    }
    h = (hook_ctx){.at = -100};
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_LOADED);
    assert_int_equal(h.calls, files);
    assert_int_equal(assert_current_ok(lib), 1);
}

static void test_kill_at_every_step(void **state)
{
    (void)state;
    char old[512], stick[512], lib[512], before[128], now[128], buf[4096];
    make_stick(old, sizeof old, "good", &kiosk_key);
    make_variant(stick, sizeof stick, 8);
    /* More files, so that kills fall between several. */
    assert_int_equal(run("printf 'theme:\\n  logo: images/logo.png\\ntopics:\\n  - id: t\\n"
                         "    title: T\\n    icon: icons/scam.png\\n' >>%s/bangtin/playlist.yaml",
                         stick), 0);
    fresh(lib, sizeof lib, "lib");
    bt_import_options opt = options(lib);
    bt_import_result r;
    assert_int_equal(import(old, &opt, &r), BT_IMPORT_LOADED);
    current_name(lib, before, sizeof before);

    /* Each file, then the steps in the order they come (a kill before the
     * switch leaves the new import complete but not current). */
    static const int steps[] = {0, 1, 2, 3, /* playlist.yaml icons/scam.png images/logo.png images/otp.png */
                                BT_IMPORT_HOOK_RENAME, BT_IMPORT_HOOK_SWITCH, BT_IMPORT_HOOK_PRUNE};
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        int at = steps[i];
        fflush(NULL);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            hook_ctx h = {.at = at, .kill = true};
            opt.before_copy = fail_at;
            opt.ctx = &h;
            bt_import_stick(stick, &opt, &r);
            _exit(3); /* the hook was never reached */
        }
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
            fail_msg("step %d: the child was not killed (status %d)", at, status);
        /* current names a complete playlist, old or new, and startup cleans up. */
        assert_true(startup_current(lib, buf, sizeof buf));
        assert_no_leftovers(lib);
        int slides = assert_current_ok(lib);
        current_name(lib, now, sizeof now);
        if (at == BT_IMPORT_HOOK_PRUNE) {
            assert_string_not_equal(now, before);
            assert_int_equal(slides, 1);
        } else {
            assert_string_equal(now, before);
            assert_int_equal(slides, 3);
        }
    }
    /* And the next import goes through. */
    assert_true(import(stick, &opt, &r) == BT_IMPORT_ALREADY);
    assert_true(import(old, &opt, &r) == BT_IMPORT_ALREADY);
    assert_int_equal(assert_current_ok(lib), 3);
}

/* ---- no leaks ---------------------------------------------------------------- */

static int count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    assert_non_null(d);
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* A kiosk with few descriptors (ulimit -n 32, and the player's own open
 * already) imports a picture eight folders deep: walking, copying, syncing
 * and removing trees hold a few descriptors whatever the depth. */
static void test_deep_with_few_descriptors(void **state)
{
    (void)state;
    char lib[512], stick[512];
    fresh(lib, sizeof lib, "lib");
    make_stick(stick, sizeof stick, "good", &kiosk_key);
    assert_int_equal(run("mkdir -p '%s/bangtin/a/b/c/d/e/f/g/h' && "
                         "cp " FIXTURES "/../load/images/otp.png '%s/bangtin/a/b/c/d/e/f/g/h/p.png' && "
                         "printf 'version: 1\\nslides:\\n  - {title: s, image: a/b/c/d/e/f/g/h/p.png}\\n' "
                         ">'%s/bangtin/playlist.yaml'",
                         stick, stick, stick), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* 16 descriptors in all, of which the test runner holds some. */
        struct rlimit rl = {16, 16};
        setrlimit(RLIMIT_NOFILE, &rl);
        bt_import_options opt = options(lib);
        bt_import_result r;
        bt_import_stick(stick, &opt, &r);
        _exit(r.status == BT_IMPORT_LOADED ? 0 : 10 + (int)r.status);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_current_ok(lib);
}

static void test_no_fd_leak(void **state)
{
    (void)state;
    char good[512], bad[512], wrong[512], sticks[3][512], lib[512];
    make_stick(good, sizeof good, "good", &kiosk_key);
    make_stick(bad, sizeof bad, "bad", &kiosk_key);
    make_stick(wrong, sizeof wrong, "good", &other_key);
    for (int i = 0; i < 3; i++)
        make_variant(sticks[i], sizeof sticks[i], 20 + i);
    fresh(lib, sizeof lib, "lib");
    bt_import_options opt = options(lib);
    bt_import_result r;
    hook_ctx h = {.at = -100};
    opt.before_copy = fail_at;
    opt.ctx = &h;
    char buf[4096];
    int before = count_fds();
    for (int i = 0; i < 30; i++) {
        h.at = i % 7 == 6 ? 1 : -100;
        import(sticks[i % 3], &opt, &r);
        import(good, &opt, &r);
        import(bad, &opt, &r);
        import(wrong, &opt, &r);
        startup_current(lib, buf, sizeof buf);
    }
    assert_int_equal(count_fds(), before);
    assert_no_leftovers(lib);
}

/* ---- real file systems (FUSE) ------------------------------------------------ */

/* What a FUSE test mounted, undone by its teardown even when it fails. */
static struct {
    char mnt[512];
    char loop[64];
    pid_t fuse_pid; /* a FUSE server run in the foreground by the test */
} fs;

static int fs_teardown(void **state)
{
    (void)state;
    if (fs.mnt[0]) {
        run("fusermount -u -z '%s' 2>/dev/null", fs.mnt);
        fs.mnt[0] = '\0';
    }
    if (fs.fuse_pid > 0) {
        kill(fs.fuse_pid, SIGTERM);
        waitpid(fs.fuse_pid, NULL, 0);
        fs.fuse_pid = 0;
    }
    if (fs.loop[0]) {
        run("losetup -d %s 2>/dev/null", fs.loop);
        fs.loop[0] = '\0';
    }
    return 0;
}

/* Whether every command is there and FUSE can be used; the reason in why. */
static bool have(const char *cmds, char *why, size_t size)
{
    if (access("/dev/fuse", R_OK | W_OK) != 0) {
        snprintf(why, size, "/dev/fuse is missing");
        return false;
    }
    char list[256];
    snprintf(list, sizeof list, "%s", cmds);
    for (char *save, *c = strtok_r(list, " ", &save); c; c = strtok_r(NULL, " ", &save))
        if (run("command -v %s >/dev/null 2>&1", c) != 0) {
            snprintf(why, size, "%s is missing (apt-get install dosfstools mtools fusefat "
                                "exfatprogs exfat-fuse)", c);
            return false;
        }
    return true;
}

#define SKIP_WITHOUT(cmds)                                                 \
    do {                                                                   \
        char why_[256];                                                    \
        if (!have(cmds, why_, sizeof why_)) {                              \
            print_message("[  SKIP    ] %s: %s\n", __func__, why_);        \
            skip();                                                        \
        }                                                                  \
    } while (0)

/* Waits until dir is a mount point (its device differs from its parent's). */
static bool wait_mounted(const char *dir)
{
    char parent[4096];
    assert_true(snprintf(parent, sizeof parent, "%s/..", dir) < (int)sizeof parent);
    for (int i = 0; i < 100; i++) {
        struct stat a, b;
        if (stat(dir, &a) == 0 && stat(parent, &b) == 0 && a.st_dev != b.st_dev)
            return true;
        usleep(50 * 1000);
    }
    return false;
}

/* A FAT image holding fixture `name`'s bangtin/ folder, paired with key
 * (NULL: none), mounted read-only with fusefat run in the foreground (so
 * the test can pull it); the mount point in fs.mnt. */
static void mount_fat(const char *name, const bt_pair_key *key, char *img, size_t size)
{
    char stick[512];
    make_stick(stick, sizeof stick, name, key);
    fresh(img, size, "fat.img");
    fresh(fs.mnt, sizeof fs.mnt, "fat");
    assert_int_equal(run("truncate -s 16M %s && mkfs.vfat -n STICK %s >/dev/null && "
                         "mcopy -s -i %s %s/bangtin ::/ && mkdir %s",
                         img, img, img, stick, fs.mnt), 0);
    fflush(NULL);
    fs.fuse_pid = fork();
    assert_true(fs.fuse_pid >= 0);
    if (fs.fuse_pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2); /* fusefat chatters */
        execlp("fusefat", "fusefat", "-f", "-o", "ro", img, fs.mnt, (char *)NULL);
        _exit(127);
    }
    assert_true(wait_mounted(fs.mnt));
}

static void test_fat_stick(void **state)
{
    (void)state;
    SKIP_WITHOUT("mkfs.vfat mcopy fusefat fusermount");
    char img[512], lib[512], name[128], path[1024], buf[4096];
    mount_fat("good", &kiosk_key, img, sizeof img);
    /* FAT read through fusefat shows 8.3 names in upper case. */
    assert_true(exists("%s/BANGTIN/IMAGES/OTP.PNG", fs.mnt));
    assert_true(exists("%s/BANGTIN/KIOSK.KEY", fs.mnt));
    assert_true(bt_import_is_stick(fs.mnt, NULL));
    fresh(lib, sizeof lib, "lib");
    bt_import_options opt = options(lib);
    bt_import_result r;
    if (import(fs.mnt, &opt, &r) != BT_IMPORT_LOADED)
        fail_msg("%s: %s", r.detail, r.problems[0]);
    assert_false(r.report_written); /* read-only: skipped quietly */
    assert_true(r.stick_synced);
    current_name(lib, name, sizeof name);
    snprintf(path, sizeof path, "%s/playlists/%s", lib, name);
    list_tree(path, buf, sizeof buf);
    assert_string_equal(buf, "./icons/scam.png ./images/logo.png ./images/otp.png ./playlist.yaml ");
    assert_int_equal(assert_current_ok(lib), 3);

    /* The same content from the folder fixture: the same hash. */
    char stick[512];
    make_stick(stick, sizeof stick, "good", &kiosk_key);
    assert_int_equal(import(stick, &opt, &r), BT_IMPORT_ALREADY);
}

static void test_fat_bad_stick_read_only(void **state)
{
    (void)state;
    SKIP_WITHOUT("mkfs.vfat mcopy fusefat fusermount");
    char img[512], lib[512];
    mount_fat("bad", &kiosk_key, img, sizeof img);
    fresh(lib, sizeof lib, "lib");
    bt_import_options opt = options(lib);
    bt_import_result r;
    assert_int_equal(import(fs.mnt, &opt, &r), BT_IMPORT_INVALID);
    assert_int_equal(r.n_errors, 3);
    assert_non_null(strstr(r.problems[0], "playlist.yaml, dòng 10, cột 12"));
    assert_false(r.errors_written);
    assert_false(r.report_written);
}

static bool pull_at(void *ctx, int index, const char *name)
{
    (void)name;
    if (index == *(int *)ctx) {
        kill(fs.fuse_pid, SIGKILL); /* the stick is gone: reads fail with ENOTCONN */
        waitpid(fs.fuse_pid, NULL, 0);
        fs.fuse_pid = 0;
    }
    return true;
}

static void test_fat_pulled_out(void **state)
{
    (void)state;
    SKIP_WITHOUT("mkfs.vfat mcopy fusefat fusermount");
    char img[512], lib[512], old[512], before[128], now[128];
    make_stick(old, sizeof old, "bad", &kiosk_key);
    assert_int_equal(run("cp " FIXTURES "/good/bangtin/playlist.yaml %s/bangtin/ && cp -R "
                         FIXTURES "/good/bangtin/icons " FIXTURES "/good/bangtin/images %s/bangtin/ &&"
                         " sed -i 's/Thử nghiệm USB/Cũ/' %s/bangtin/playlist.yaml", old, old, old), 0);
    fresh(lib, sizeof lib, "lib");
    bt_import_options opt = options(lib);
    bt_import_result r;
    assert_int_equal(import(old, &opt, &r), BT_IMPORT_LOADED);
    current_name(lib, before, sizeof before);

    mount_fat("good", &kiosk_key, img, sizeof img);
    int at = 2;
    opt.before_copy = pull_at;
    opt.ctx = &at;
    assert_int_equal(import(fs.mnt, &opt, &r), BT_IMPORT_ABORTED);
    assert_non_null(strstr(r.detail, "removed"));
    current_name(lib, now, sizeof now);
    assert_string_equal(now, before);
    assert_no_leftovers(lib);
    assert_int_equal(assert_current_ok(lib), 3);
}

/* An exFAT image on a loop device, mounted read-write with exfat-fuse,
 * holding fixture `name` paired with key; the mount point in fs.mnt. */
static void mount_exfat(const char *name, const bt_pair_key *key, char *img, size_t size)
{
    char err[256];
    fresh(img, size, "exfat.img");
    fresh(fs.mnt, sizeof fs.mnt, "exfat");
    assert_int_equal(run("truncate -s 16M %s && mkfs.exfat -L STICK %s >/dev/null && mkdir %s",
                         img, img, fs.mnt), 0);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "losetup -f --show %s", img);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    if (!fgets(fs.loop, sizeof fs.loop, p))
        fs.loop[0] = '\0';
    pclose(p);
    fs.loop[strcspn(fs.loop, "\n")] = '\0';
    if (!fs.loop[0]) {
        print_message("[  SKIP    ] no loop device\n");
        skip();
    }
    assert_int_equal(run("mount.exfat-fuse %s %s >/dev/null 2>&1", fs.loop, fs.mnt), 0);
    assert_true(wait_mounted(fs.mnt));
    assert_int_equal(run("cp -R " FIXTURES "/%s/bangtin %s/", name, fs.mnt), 0);
    if (key && !bt_pairing_write_stick(fs.mnt, key, err, sizeof err))
        fail_msg("cannot pair: %s", err);
}

/* Unmounts the exFAT stick and mounts it again: what is there now was on the device. */
static void remount_exfat(void)
{
    assert_int_equal(run("fusermount -u %s", fs.mnt), 0);
    assert_int_equal(run("mount.exfat-fuse %s %s >/dev/null 2>&1", fs.loop, fs.mnt), 0);
    assert_true(wait_mounted(fs.mnt));
}

static void test_exfat_writable_stick(void **state)
{
    (void)state;
    SKIP_WITHOUT("mkfs.exfat mount.exfat-fuse losetup fusermount");
    char img[512], lib[512], date[16];
    mount_exfat("bad", &kiosk_key, img, sizeof img);
    fresh(lib, sizeof lib, "lib");
    bt_import_options opt = options(lib);
    bt_import_result r;
    today(date, sizeof date);

    assert_int_equal(import(fs.mnt, &opt, &r), BT_IMPORT_INVALID);
    assert_true(r.errors_written);
    assert_true(r.report_written);
    assert_true(r.stick_synced);
    remount_exfat();
    assert_int_equal(run("grep -c '^[0-9]\\. playlist.yaml, dòng [0-9]*, cột [0-9]*' %s/bangtin/errors.txt "
                         "| grep -qx 3", fs.mnt), 0);
    assert_true(exists("%s/bangtin/reports/kiosk-test-%s.csv", fs.mnt, date));

    /* Fixed on the stick: loaded, errors.txt gone, the report written again. */
    assert_int_equal(run("cp " FIXTURES "/good/bangtin/playlist.yaml %s/bangtin/ && cp -R "
                         FIXTURES "/good/bangtin/icons " FIXTURES "/good/bangtin/images %s/bangtin/",
                         fs.mnt, fs.mnt), 0);
    assert_int_equal(import(fs.mnt, &opt, &r), BT_IMPORT_LOADED);
    assert_true(r.report_written);
    remount_exfat();
    assert_false(exists("%s/bangtin/errors.txt", fs.mnt));
    assert_true(exists("%s/bangtin/reports/kiosk-test-%s.csv", fs.mnt, date));
    assert_int_equal(run("find %s -name '.*' | grep -q .", fs.mnt), 1); /* no temp file */
    assert_int_equal(assert_current_ok(lib), 3);
}

/* ---- main ---------------------------------------------------------------------- */

static int make_tmpdir(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    fs_teardown(NULL);
    return run("rm -rf '%s'", tmpdir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256_vectors),
        cmocka_unit_test(test_good_stick),
        cmocka_unit_test(test_clip_progress),
        cmocka_unit_test(test_same_stick_twice),
        cmocka_unit_test(test_bad_stick),
        cmocka_unit_test(test_hostile_playlist),
        cmocka_unit_test(test_unauthorised),
        cmocka_unit_test(test_nfd_and_case),
        cmocka_unit_test(test_prune_keeps_three),
        cmocka_unit_test(test_startup),
        cmocka_unit_test(test_pulled_at_each_file),
        cmocka_unit_test(test_kill_at_every_step),
        cmocka_unit_test(test_no_fd_leak),
        cmocka_unit_test(test_deep_with_few_descriptors),
        cmocka_unit_test_teardown(test_fat_stick, fs_teardown),
        cmocka_unit_test_teardown(test_fat_bad_stick_read_only, fs_teardown),
        cmocka_unit_test_teardown(test_fat_pulled_out, fs_teardown),
        cmocka_unit_test_teardown(test_exfat_writable_stick, fs_teardown),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
