/* Taking a signed campaign into the library (library/campaign_store.h):
 * accepted and made current, the same again, newer ones replacing it with
 * the one before kept, replays refused; each bad input of issue 18 as its
 * own case (an unknown key, a truncated signature, ../etc/passwd, an
 * absolute path, a symlink, the same path twice, a size that lies, 100,000
 * lines, versions -1 and 99999999999999999999, files not listed, a
 * playlist naming a file not listed, dated in the future); and the folder
 * changing under the import: deleted midway, a new version delivered while
 * the previous one is copied, a process killed midway. After each, the
 * library holds a whole campaign or none, never half of one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "library/campaign_store.h"
#include "library/manifest_dir.h"
#include "library/minisign.h"

#define NOW 1773563400 /* 2026-03-15T08:30:00Z */

static char tmpdir[] = "/tmp/bangtin-cstore-XXXXXX";
static int serial;
static char dept_key[4300], other_key[4300], dept_pub[4300];
static bt_keyring ring;

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
    char path[4400];
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

/* The whole of a small file, in a static buffer. */
static const char *slurp(const char *dir, const char *rel)
{
    static char text[1 << 20];
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

static void sign_with(const char *dir, const char *key)
{
    char err[1024], path[4400];
    bt_minisign_seckey *k = bt_minisign_seckey_load(key, NULL, NULL, err, sizeof err);
    assert_non_null(k);
    snprintf(path, sizeof path, "%s/manifest.txt", dir);
    assert_true(bt_minisign_sign_file(k, path, NOW, NULL, err, sizeof err));
    bt_minisign_seckey_free(k);
}

/* The manifest of dir written (its version raised) and signed. */
static void publish(const char *dir)
{
    char err[1024];
    bt_manifest_written w;
    assert_true(bt_manifest_write_dir(dir, NOW, &w, err, sizeof err));
    sign_with(dir, dept_key);
}

/* A good campaign folder of version `version`: a playlist of two text
 * slides and one picture, and the picture. */
static void make_campaign(char *dir, size_t size, int version)
{
    snprintf(dir, size, "%s/c%d", tmpdir, ++serial);
    assert_int_equal(mkdir(dir, 0755), 0);
    char yaml[512];
    snprintf(yaml, sizeof yaml,
             "version: 1\nname: \"Chiến dịch %d\"\nslides:\n"
             "  - {id: otp, title: \"Không chia sẻ mã OTP\", image: images/otp.png}\n"
             "  - {id: mk, title: \"Mật khẩu mạnh\", body: \"Phiên bản %d\"}\n"
             "  - {id: link, title: \"Không bấm link lạ\"}\n",
             version, version);
    put(dir, "playlist.yaml", yaml);
    run("mkdir -p '%s/images' && cp playlists/images/otp.png '%s/images/otp.png'", dir, dir);
    /* the manifest's version: raised from version - 1 */
    if (version > 1) {
        char m[128];
        snprintf(m, sizeof m, "bangtin-manifest 1\nversion %d\nissued 2026-03-15T08:00:00Z\n",
                 version - 1);
        put(dir, "manifest.txt", m);
    }
    publish(dir);
}

static char library[4300];

static bt_cimport_options options(void)
{
    bt_cimport_options o = {0};
    o.library = library;
    o.keys = &ring;
    o.now = NOW;
    o.clock_trusted = true;
    o.settled = true;
    return o;
}

/* A fresh, empty library for a test. */
static void new_library(void)
{
    snprintf(library, sizeof library, "%s/lib%d", tmpdir, ++serial);
}

static bt_cimport_status import(const char *dir, bt_cimport_result *r)
{
    bt_cimport_options o = options();
    bt_campaign_import(dir, &o, r);
    return r->status;
}

/* What campaigns/ holds: whole campaigns, and anything left half done. */
static int count_entries(const char *prefix)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/campaigns", library);
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            n++;
    closedir(d);
    return n;
}

static long long current_version(void)
{
    bt_campaign_current c;
    bt_campaign_store_current(library, &c);
    return c.present ? c.version : 0;
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    char err[1024], name[4200];
    snprintf(name, sizeof name, "%s/dept", tmpdir);
    if (!bt_minisign_keygen(name, NULL, NULL, NULL, err, sizeof err))
        return -1;
    snprintf(dept_key, sizeof dept_key, "%s.key", name);
    snprintf(dept_pub, sizeof dept_pub, "%s.pub", name);
    snprintf(name, sizeof name, "%s/other", tmpdir);
    if (!bt_minisign_keygen(name, NULL, NULL, NULL, err, sizeof err))
        return -1;
    snprintf(other_key, sizeof other_key, "%s.key", name);
    bt_diags d;
    bt_diags_init(&d);
    const char *files[] = {dept_pub};
    bool ok = bt_keyring_load(&ring, files, 1, NULL, &d);
    bt_diags_clear(&d);
    return ok ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return run("rm -rf '%s'", tmpdir) == 0 ? 0 : -1;
}

/* ---- taken, the same again, newer, replays ------------------------------- */

static void taken_then_current(void **state)
{
    (void)state;
    new_library();
    char dir[4300];
    make_campaign(dir, sizeof dir, 1);
    bt_cimport_result r;
    assert_int_equal(import(dir, &r), BT_CIMPORT_LOADED);
    assert_non_null(r.pl);
    assert_int_equal(r.pl->n_slides, 3);
    assert_int_equal(r.version, 1);
    assert_string_equal(r.pl->name, "Chiến dịch 1");
    assert_non_null(strstr(r.playlist, "/campaigns/v000000000000000001-"));
    bt_cimport_result_clear(&r);
    bt_campaign_current c;
    bt_campaign_store_current(library, &c);
    assert_true(c.present);
    assert_int_equal(c.version, 1);
    assert_int_equal(c.n_files, 2);
    assert_true(c.imported > 0);
    /* the copy holds the listed files, the manifest and its signature only */
    char copy[4400];
    snprintf(copy, sizeof copy, "%s/campaign", library);
    assert_int_equal(run("test \"$(find '%s/' -type f | wc -l)\" -eq 4", copy), 0);
    assert_int_equal(run("cmp -s '%s/images/otp.png' '%s/images/otp.png'", dir, copy), 0);
    /* the same again: nothing to do */
    assert_int_equal(import(dir, &r), BT_CIMPORT_CURRENT);
    assert_null(r.pl);
    assert_int_equal(count_entries("v"), 1);
}

static void newer_replaces_it_and_replays_are_refused(void **state)
{
    (void)state;
    new_library();
    char v1[4300], v2[4300], v3[4300];
    make_campaign(v1, sizeof v1, 1);
    make_campaign(v2, sizeof v2, 2);
    make_campaign(v3, sizeof v3, 3);
    bt_cimport_result r;
    assert_int_equal(import(v1, &r), BT_CIMPORT_LOADED);
    bt_cimport_result_clear(&r);
    assert_int_equal(import(v2, &r), BT_CIMPORT_LOADED);
    bt_cimport_result_clear(&r);
    assert_int_equal(import(v3, &r), BT_CIMPORT_LOADED);
    assert_string_equal(r.pl->slides[1].body, "Phiên bản 3");
    bt_cimport_result_clear(&r);
    assert_int_equal(current_version(), 3);
    assert_int_equal(count_entries("v"), 2); /* v3, and v2 before it */
    /* v1 or v2 published again (a replay): refused, v3 stays */
    assert_int_equal(import(v1, &r), BT_CIMPORT_REFUSED);
    assert_int_equal(r.cause, BT_CAUSE_OLDER);
    assert_non_null(strstr(r.reason, "older"));
    assert_int_equal(import(v2, &r), BT_CIMPORT_REFUSED);
    assert_int_equal(current_version(), 3);
    /* the same version with other files: refused */
    put(v3, "playlist.yaml", "version: 1\nslides:\n  - {title: \"Khác\"}\n");
    run("sed -i 's/^version 3$/version 2/' '%s/manifest.txt'", v3);
    publish(v3); /* version 3 again, other content */
    assert_int_equal(import(v3, &r), BT_CIMPORT_REFUSED);
    assert_int_equal(r.cause, BT_CAUSE_SAME_VERSION);
    assert_int_equal(current_version(), 3);
}

/* ---- bad input, each a case ---------------------------------------------- */

/* Rewrites dir/manifest.txt: edit(text) gives the new text (static), then
 * it is signed again by the Department (a bad manifest signed by the right
 * key: the Department's mistake, or its key stolen). */
static void resign(const char *dir, const char *(*edit)(const char *dir, const char *text))
{
    const char *text = slurp(dir, "manifest.txt");
    assert_non_null(text);
    put(dir, "manifest.txt", edit(dir, text));
    sign_with(dir, dept_key);
}

static char edited[8 << 20];

/* The first file line of text (the header is three lines). */
static const char *first_file_line(const char *text)
{
    const char *p = text;
    for (int i = 0; i < 3; i++)
        p = strchr(p, '\n') + 1;
    return p;
}

static const char *add_passwd(const char *dir, const char *text)
{
    (void)dir;
    snprintf(edited, sizeof edited, "%s%.64s  2  ../etc/passwd\n", text, first_file_line(text));
    return edited;
}

static const char *add_absolute(const char *dir, const char *text)
{
    (void)dir;
    snprintf(edited, sizeof edited, "%s%.64s  2  /etc/passwd\n", text, first_file_line(text));
    return edited;
}

static const char *twice(const char *dir, const char *text)
{
    (void)dir;
    const char *line = first_file_line(text);
    size_t n = strcspn(line, "\n");
    snprintf(edited, sizeof edited, "%s%.*s\n", text, (int)n, line);
    return edited;
}

static const char *size_lies(const char *dir, const char *text)
{
    (void)dir;
    /* images/otp.png sorts first: its size one byte more */
    const char *line = first_file_line(text);
    char hex[65];
    unsigned long long size;
    char path[256];
    assert_int_equal(sscanf(line, "%64s  %llu  %255s", hex, &size, path), 3);
    assert_string_equal(path, "images/otp.png");
    snprintf(edited, sizeof edited, "%.*s%s  %llu  %s\n%s", (int)(line - text), text, hex,
             size + 1, path, strchr(line, '\n') + 1);
    return edited;
}

static const char *lines_100000(const char *dir, const char *text)
{
    (void)dir;
    size_t n = (size_t)snprintf(edited, sizeof edited, "%s", text);
    for (int i = 0; i < 100000 && n + 100 < sizeof edited; i++)
        n += (size_t)snprintf(edited + n, sizeof edited - n,
                              "%064d  1  x/%06d.png\n", 0, i);
    return edited;
}

static const char *version_is(const char *text, const char *v)
{
    const char *l2 = strchr(text, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
    snprintf(edited, sizeof edited, "%.*sversion %s\n%s", (int)(l2 - text), text, v, l3);
    return edited;
}

static const char *version_minus_1(const char *dir, const char *text)
{
    (void)dir;
    return version_is(text, "-1");
}

static const char *version_huge(const char *dir, const char *text)
{
    (void)dir;
    return version_is(text, "99999999999999999999");
}

static const char *issued_in_two_days(const char *dir, const char *text)
{
    (void)dir;
    const char *l3 = strchr(strchr(text, '\n') + 1, '\n') + 1, *l4 = strchr(l3, '\n') + 1;
    snprintf(edited, sizeof edited, "%.*sissued 2026-03-17T09:00:00Z\n%s", (int)(l3 - text), text,
             l4);
    return edited;
}

/* The playlist names a picture that is in the folder but left out of the
 * manifest: only listed files are used, so the copy lacks it. */
static const char *unlisted_in_playlist(const char *dir, const char *text)
{
    (void)text;
    assert_int_equal(run("cp '%1$s/images/otp.png' '%1$s/images/extra.png' && "
                         "printf '  - {id: extra, image: images/extra.png}\\n' >> '%1$s/playlist.yaml'",
                         dir), 0);
    char err[1024];
    bt_manifest_written w;
    assert_true(bt_manifest_write_dir(dir, NOW, &w, err, sizeof err));
    const char *now = slurp(dir, "manifest.txt");
    char *out = edited;
    for (const char *line = now; *line;) {
        size_t n = strcspn(line, "\n") + 1;
        if (!strstr(line, "images/extra.png") || strstr(line, "images/extra.png") > line + n) {
            memcpy(out, line, n);
            out += n;
        }
        line += n;
    }
    *out = '\0';
    return edited;
}

typedef struct {
    const char *title;
    const char *shell;  /* run on the folder after it is made (%1$s: the folder) */
    const char *(*edit)(const char *dir, const char *text); /* then the manifest re-signed */
    bool unsigned_edit; /* the shell changes the signature itself: no re-signing */
    bool clock_untrusted;
    bt_cimport_status status;
    bt_campaign_cause cause;
    const char *reason; /* a part of the reason, or NULL */
} bad_case;

static const bad_case bad_cases[] = {
    {"signed by an unknown key", NULL, NULL, false, false, BT_CIMPORT_REFUSED,
     BT_CAUSE_UNKNOWN_KEY, "does not trust"},
    {"a truncated .minisig", "truncate -s 60 %1$s/manifest.txt.minisig", NULL, true, false,
     BT_CIMPORT_REFUSED, BT_CAUSE_BAD_SIGNATURE, "signature"},
    {"a manifest listing ../etc/passwd", NULL, add_passwd, false, false, BT_CIMPORT_REFUSED,
     BT_CAUSE_BAD_MANIFEST, "not valid"},
    {"an absolute path", NULL, add_absolute, false, false, BT_CIMPORT_REFUSED,
     BT_CAUSE_BAD_MANIFEST, "not valid"},
    {"a symlink", "rm %1$s/images/otp.png && ln -s /etc/passwd %1$s/images/otp.png", NULL, true,
     false, BT_CIMPORT_REFUSED, BT_CAUSE_NOT_PLAIN_FILE, "link"},
    {"the same path twice", NULL, twice, false, false, BT_CIMPORT_REFUSED, BT_CAUSE_BAD_MANIFEST,
     NULL},
    {"a size that lies", NULL, size_lies, false, false, BT_CIMPORT_REFUSED, BT_CAUSE_TAMPERED,
     "size"},
    {"100,000 lines", NULL, lines_100000, false, false, BT_CIMPORT_REFUSED, BT_CAUSE_BAD_MANIFEST,
     NULL},
    {"version -1", NULL, version_minus_1, false, false, BT_CIMPORT_REFUSED, BT_CAUSE_BAD_MANIFEST,
     NULL},
    {"version 99999999999999999999", NULL, version_huge, false, false, BT_CIMPORT_REFUSED,
     BT_CAUSE_BAD_MANIFEST, NULL},
    {"dated two days ahead of a trusted clock", NULL, issued_in_two_days, false, false,
     BT_CIMPORT_REFUSED, BT_CAUSE_FUTURE, "future"},
    {"dated two days ahead of a clock not trusted", NULL, issued_in_two_days, false, true,
     BT_CIMPORT_LOADED, BT_CAUSE_NONE, NULL},
    {"a tampered file (the same size)", "sed -i 's/OTP/OTQ/' %1$s/playlist.yaml", NULL, true, false,
     BT_CIMPORT_REFUSED, BT_CAUSE_TAMPERED, "changed"},
    {"a playlist naming a file not listed", NULL, unlisted_in_playlist, false, false,
     BT_CIMPORT_REFUSED, BT_CAUSE_NONE, "playlist has errors"},
};

static void bad_input(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        print_message("case: %s\n", c->title);
        new_library();
        char dir[4300];
        make_campaign(dir, sizeof dir, 1);
        if (c->shell) {
            char cmd[2048];
            snprintf(cmd, sizeof cmd, c->shell, dir);
            assert_int_equal(run("%s", cmd), 0);
            if (!c->unsigned_edit && !c->edit) {
                /* the listing changed by the shell: signed as it is now */
                sign_with(dir, dept_key);
            }
        }
        if (c->edit)
            resign(dir, c->edit);
        if (c->cause == BT_CAUSE_UNKNOWN_KEY)
            sign_with(dir, other_key);
        bt_cimport_options o = options();
        o.clock_trusted = !c->clock_untrusted;
        bt_cimport_result r;
        bt_campaign_import(dir, &o, &r);
        if (r.status != c->status || r.cause != c->cause)
            print_error("%s: %s, cause %d: %s (%s)\n", c->title, bt_cimport_status_name(r.status),
                        r.cause, r.reason, r.detail);
        assert_int_equal(r.status, c->status);
        assert_int_equal(r.cause, c->cause);
        if (c->reason && !strstr(r.reason, c->reason))
            fail_msg("%s: reason \"%s\" lacks \"%s\"", c->title, r.reason, c->reason);
        assert_true(r.reason[0] || c->status == BT_CIMPORT_LOADED);
        /* never half: a whole campaign or none, and nothing left staged */
        assert_int_equal(current_version(), c->status == BT_CIMPORT_LOADED ? 1 : 0);
        assert_int_equal(count_entries(".staging-"), 0);
        assert_int_equal(count_entries("v"), c->status == BT_CIMPORT_LOADED ? 1 : 0);
        bt_cimport_result_clear(&r);
    }
}

/* Files added that are not listed: ignored (counted, logged), never copied. */
static void files_not_listed_are_ignored(void **state)
{
    (void)state;
    new_library();
    char dir[4300];
    make_campaign(dir, sizeof dir, 1);
    put(dir, "extra.png", "not listed");
    put(dir, "more/notes.txt", "not listed either");
    bt_cimport_result r;
    assert_int_equal(import(dir, &r), BT_CIMPORT_LOADED);
    assert_int_equal(r.n_unlisted, 2);
    bt_cimport_result_clear(&r);
    char path[4400];
    snprintf(path, sizeof path, "%s/campaign/extra.png", library);
    assert_int_equal(access(path, F_OK), -1);
    snprintf(path, sizeof path, "%s/campaign/more", library);
    assert_int_equal(access(path, F_OK), -1);
}

/* A campaign of pictures without a playlist file: the folder is its playlist. */
static void a_folder_of_pictures(void **state)
{
    (void)state;
    new_library();
    char dir[4300];
    snprintf(dir, sizeof dir, "%s/pics%d", tmpdir, ++serial);
    assert_int_equal(run("mkdir -p '%s' && cp playlists/images/otp.png '%s/Slide1.png' && "
                         "cp playlists/images/otp.png '%s/Slide2.png'", dir, dir, dir), 0);
    publish(dir);
    bt_cimport_result r;
    assert_int_equal(import(dir, &r), BT_CIMPORT_LOADED);
    assert_int_equal(r.pl->n_slides, 2); /* manifest.txt and its signature are not slides */
    bt_cimport_result_clear(&r);
    assert_true(bt_campaign_is_campaign_dir(dir));
    assert_false(bt_campaign_is_campaign_dir(tmpdir));
}

/* ---- the folder changing under the import -------------------------------- */

typedef struct {
    const char *dir;
    const char *other; /* for replace_with */
    int at;
} hook_ctx;

static bool delete_folder(void *ctx, int index, const char *path)
{
    (void)path;
    hook_ctx *h = ctx;
    if (index == h->at)
        run("rm -rf '%s'", h->dir);
    return true;
}

static void folder_deleted_while_importing(void **state)
{
    (void)state;
    new_library();
    char dir[4300];
    make_campaign(dir, sizeof dir, 1);
    hook_ctx h = {dir, NULL, 1};
    bt_cimport_options o = options();
    o.before_copy = delete_folder;
    o.ctx = &h;
    bt_cimport_result r;
    bt_campaign_import(dir, &o, &r);
    assert_int_equal(r.status, BT_CIMPORT_ABORTED);
    assert_null(r.pl);
    assert_int_equal(current_version(), 0);
    assert_int_equal(count_entries(".staging-"), 0);
    assert_int_equal(count_entries("v"), 0);
}

/* As a sync tool delivers: every file of other written beside its place
 * and renamed over it, the manifest and its signature too. */
static bool replace_with(void *ctx, int index, const char *path)
{
    (void)path;
    hook_ctx *h = ctx;
    if (index == h->at)
        assert_int_equal(run("cd '%s' && for f in $(find . -type f); do "
                             "mkdir -p \"%s/$(dirname $f)\" && cp $f \"%s/$f.tmp\" && "
                             "mv \"%s/$f.tmp\" \"%s/$f\"; done",
                             h->other, h->dir, h->dir, h->dir, h->dir), 0);
    return true;
}

static void new_version_while_the_previous_import_runs(void **state)
{
    (void)state;
    new_library();
    char v1[4300], v2[4300], v3[4300];
    make_campaign(v1, sizeof v1, 1);
    make_campaign(v2, sizeof v2, 2);
    make_campaign(v3, sizeof v3, 3);
    bt_cimport_result r;
    assert_int_equal(import(v1, &r), BT_CIMPORT_LOADED);
    bt_cimport_result_clear(&r);
    /* v2 is being copied when v3 arrives in its folder: nothing of either
     * is taken, v1 plays on; the next look takes v3 whole */
    for (int at = 0; at < 2; at++) {
        char dir[4300];
        snprintf(dir, sizeof dir, "%s/sync%d", tmpdir, ++serial);
        assert_int_equal(run("cp -a '%s' '%s'", v2, dir), 0);
        hook_ctx h = {dir, v3, at};
        bt_cimport_options o = options();
        o.before_copy = replace_with;
        o.ctx = &h;
        bt_campaign_import(dir, &o, &r);
        assert_int_equal(r.status, BT_CIMPORT_ABORTED);
        assert_non_null(strstr(r.detail, "changed"));
        assert_int_equal(current_version(), 1);
        assert_int_equal(count_entries(".staging-"), 0);
        assert_int_equal(import(dir, &r), BT_CIMPORT_LOADED);
        assert_string_equal(r.pl->slides[1].body, "Phiên bản 3");
        bt_cimport_result_clear(&r);
        assert_int_equal(current_version(), 3);
        /* back to v1 for the next round */
        new_library();
        assert_int_equal(import(v1, &r), BT_CIMPORT_LOADED);
        bt_cimport_result_clear(&r);
    }
}

static bool die(void *ctx, int index, const char *path)
{
    (void)ctx;
    (void)path;
    if (index == 1)
        _exit(0); /* as a kill -9 or a power cut: nothing cleaned */
    return true;
}

static void killed_midway(void **state)
{
    (void)state;
    new_library();
    char v1[4300], v2[4300];
    make_campaign(v1, sizeof v1, 1);
    make_campaign(v2, sizeof v2, 2);
    bt_cimport_result r;
    assert_int_equal(import(v1, &r), BT_CIMPORT_LOADED);
    bt_cimport_result_clear(&r);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        bt_cimport_options o = options();
        o.before_copy = die;
        bt_campaign_import(v2, &o, &r);
        _exit(1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(current_version(), 1); /* v1 whole, as it was */
    assert_int_equal(count_entries(".staging-"), 1);
    /* the next import cleans up and takes v2 */
    assert_int_equal(import(v2, &r), BT_CIMPORT_LOADED);
    bt_cimport_result_clear(&r);
    assert_int_equal(count_entries(".staging-"), 0);
    assert_int_equal(current_version(), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(taken_then_current),
        cmocka_unit_test(newer_replaces_it_and_replays_are_refused),
        cmocka_unit_test(bad_input),
        cmocka_unit_test(files_not_listed_are_ignored),
        cmocka_unit_test(a_folder_of_pictures),
        cmocka_unit_test(folder_deleted_while_importing),
        cmocka_unit_test(new_version_while_the_previous_import_runs),
        cmocka_unit_test(killed_midway),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
