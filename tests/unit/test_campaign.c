/* The acceptance of a campaign folder (campaign.h): trusted keys from
 * --trust files and a trusted.d folder; then a table of folders, each made
 * from a good signed campaign by one change, and the verdict, cause and
 * words each must give: accepted, the one in place, waited for (missing
 * files, no signature yet, a sync's temporary file, a signature or bytes
 * not matching yet), refused (unknown key, bad signature once settled,
 * tampered file, older version, the same version with other files, dated
 * in the future, unsafe paths, links). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "library/campaign.h"
#include "library/manifest_dir.h"
#include "library/minisign.h"

#define NOW 1773563400 /* 2026-03-15T08:30:00Z */

static char tmpdir[] = "/tmp/bangtin-campaign-XXXXXX";
static int serial;
static char dept_key[4300], other_key[4300], dept_pub[4300], other_pub[4300];

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

/* Two key pairs: the Department's and someone else's. */
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
    snprintf(other_pub, sizeof other_pub, "%s.pub", name);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return run("rm -rf '%s'", tmpdir) == 0 ? 0 : -1;
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

/* Signs dir/manifest.txt as it is, with key (legacy or prehashed). */
static void sign(const char *dir, const char *key, bool prehashed)
{
    char err[1024], path[4400];
    bt_minisign_seckey *k = bt_minisign_seckey_load(key, NULL, NULL, err, sizeof err);
    assert_non_null(k);
    snprintf(path, sizeof path, "%s/manifest.txt", dir);
    if (prehashed) {
        assert_true(bt_minisign_sign_file(k, path, NOW, NULL, err, sizeof err));
    } else {
        FILE *f = fopen(path, "rb");
        static char text[1 << 16];
        size_t n = fread(text, 1, sizeof text, f);
        fclose(f);
        char *sig = bt_minisign_sign_buf(k, text, n, false, "legacy", err, sizeof err);
        assert_non_null(sig);
        strcat(path, ".minisig");
        put(dir, "manifest.txt.minisig", sig);
        free(sig);
    }
    bt_minisign_seckey_free(k);
}

/* A good campaign: three files, version 1, signed by the Department. */
static void make_campaign(char *dir, size_t size)
{
    snprintf(dir, size, "%s/c%d", tmpdir, ++serial);
    assert_int_equal(mkdir(dir, 0755), 0);
    put(dir, "playlist.yaml", "version: 1\n");
    put(dir, "images/otp.png", "not really a png");
    put(dir, "video/clip.mp4", "not really a video");
    char err[1024];
    bt_manifest_written w;
    assert_true(bt_manifest_write_dir(dir, NOW, &w, err, sizeof err));
    sign(dir, dept_key, true);
}

static bt_keyring ring; /* the Department's key */

static bt_campaign_input input(void)
{
    bt_campaign_input in = {0};
    in.keys = &ring;
    in.now = NOW;
    in.clock_trusted = true;
    in.settled = true;
    return in;
}

/* ---- Trusted keys -------------------------------------------------------- */

static void keyrings(void **state)
{
    (void)state;
    bt_diags d;
    bt_diags_init(&d);
    const char *files[] = {dept_pub};
    assert_true(bt_keyring_load(&ring, files, 1, NULL, &d));
    assert_int_equal(ring.n, 1);
    assert_int_equal(d.errors + d.warnings, 0);

    /* A --trust file that cannot be used is an error. */
    bt_keyring kr;
    const char *bad[] = {dept_pub, "/nonexistent/x.pub"};
    assert_false(bt_keyring_load(&kr, bad, 2, NULL, &d));
    assert_int_equal(kr.n, 1);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.items[0].file, "/nonexistent/x.pub");
    bt_diags_clear(&d);

    /* trusted.d: every *.pub, in name order; bad ones warned and skipped;
     * the same key twice kept once; no folder at all is no key. */
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/trusted.d", tmpdir);
    run("mkdir -p '%s' && cp '%s' '%s/a-dept.pub' && cp '%s' '%s/b-other.pub' && cp '%s' '%s/c-again.pub'"
        " && echo junk > '%s/d-broken.pub' && echo x > '%s/README' && cp '%s' '%s/.hidden.pub'",
        dir, dept_pub, dir, other_pub, dir, dept_pub, dir, dir, dir, other_pub, dir);
    assert_true(bt_keyring_load(&kr, NULL, 0, dir, &d));
    assert_int_equal(kr.n, 2);
    assert_non_null(strstr(kr.keys[0].source, "a-dept.pub"));
    assert_non_null(strstr(kr.keys[1].source, "b-other.pub"));
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 1);
    assert_non_null(strstr(d.items[0].file, "d-broken.pub"));
    assert_non_null(strstr(d.items[0].message, "not used"));
    bt_diags_clear(&d);
    char none[4300];
    snprintf(none, sizeof none, "%s/no-such-folder", tmpdir);
    assert_true(bt_keyring_load(&kr, NULL, 0, none, &d));
    assert_int_equal(kr.n, 0);
    assert_int_equal(d.errors + d.warnings, 0);
    bt_diags_clear(&d);
}

/* ---- The decision: a table ----------------------------------------------- */

typedef struct {
    const char *title;
    const char *change; /* shell, on the folder (%s, up to 3 times) */
    void (*edit)(const char *dir, bt_campaign_input *in); /* or C */
    bt_campaign_verdict verdict;
    bt_campaign_cause cause;
    const char *says; /* in reason or detail */
} row;

static void resign_other(const char *dir, bt_campaign_input *in)
{
    (void)in;
    sign(dir, other_key, true);
}

static void resign_legacy(const char *dir, bt_campaign_input *in)
{
    (void)in;
    sign(dir, dept_key, false);
}

static void not_settled(const char *dir, bt_campaign_input *in)
{
    (void)dir;
    in->settled = false;
}

static void bytes_changed_not_settled(const char *dir, bt_campaign_input *in)
{
    run("printf 'version: 2\\n' > '%s/playlist.yaml'", dir);
    in->settled = false;
}

static void manifest_changed_not_settled(const char *dir, bt_campaign_input *in)
{
    run("sed -i 's/version 1/version 9/' '%s/manifest.txt'", dir);
    in->settled = false;
}

static void version_in_place(const char *dir, bt_campaign_input *in)
{
    (void)dir;
    in->current_version = 1;
}

static void newer_in_place(const char *dir, bt_campaign_input *in)
{
    (void)dir;
    in->current_version = 2;
}

static unsigned char other_hash[32] = {1, 2, 3};
static void same_version_other_files(const char *dir, bt_campaign_input *in)
{
    (void)dir;
    in->current_version = 1;
    in->current_manifest_sha256 = other_hash;
}

static void older_in_place(const char *dir, bt_campaign_input *in)
{
    /* Version 2 (manifest made again), over version 1 in place. */
    char err[1024];
    bt_manifest_written w;
    assert_true(bt_manifest_write_dir(dir, NOW, &w, err, sizeof err));
    assert_int_equal(w.version, 2);
    sign(dir, dept_key, true);
    in->current_version = 1;
}

static void issued_in_two_days(const char *dir, bt_campaign_input *in)
{
    (void)dir;
    in->now = NOW - 2 * 86400;
}

static void issued_in_two_days_untrusted_clock(const char *dir, bt_campaign_input *in)
{
    in->clock_trusted = false;
    issued_in_two_days(dir, in);
}

static void issued_in_an_hour(const char *dir, bt_campaign_input *in)
{
    (void)dir;
    in->now = NOW - 3600;
}

static bt_keyring empty_ring;
static void no_keys(const char *dir, bt_campaign_input *in)
{
    (void)dir;
    in->keys = &empty_ring;
}

/* A manifest a trusted key signed, listing a path outside the folder. */
static void signed_unsafe_path(const char *dir, bt_campaign_input *in)
{
    (void)in;
    put(dir, "manifest.txt",
        "bangtin-manifest 1\nversion 5\nissued 2026-03-15T08:30:00Z\n"
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  4  ../etc/passwd\n");
    sign(dir, dept_key, true);
}

static const row table[] = {
    {"a good campaign", "true", NULL, BT_CAMPAIGN_ACCEPT, BT_CAUSE_NONE, "version 1"},
    {"a legacy signature", "true", resign_legacy, BT_CAMPAIGN_ACCEPT, BT_CAUSE_NONE, NULL},
    {"hidden and sync tools' files", "mkdir %s/.stversions && touch %s/.stfolder %s/.stversions/x", NULL,
     BT_CAMPAIGN_ACCEPT, BT_CAUSE_NONE, NULL},
    {"files added, not listed", "echo x > %s/extra.png", NULL, BT_CAMPAIGN_ACCEPT, BT_CAUSE_NONE,
     "files not listed are ignored"},
    {"dated an hour ahead of the clock", "true", issued_in_an_hour, BT_CAMPAIGN_ACCEPT, BT_CAUSE_NONE,
     NULL},
    {"dated ahead of a clock not trusted", "true", issued_in_two_days_untrusted_clock,
     BT_CAMPAIGN_ACCEPT, BT_CAUSE_NONE, NULL},
    {"the campaign in place", "true", version_in_place, BT_CAMPAIGN_CURRENT, BT_CAUSE_NONE, NULL},
    {"no folder", "rm -rf %s", NULL, BT_CAMPAIGN_WAIT, BT_CAUSE_NO_FOLDER, "not there"},
    {"no manifest yet", "rm %s/manifest.txt", NULL, BT_CAMPAIGN_WAIT, BT_CAUSE_NO_MANIFEST, NULL},
    {"no signature yet", "rm %s/manifest.txt.minisig", NULL, BT_CAMPAIGN_WAIT, BT_CAUSE_NO_SIGNATURE,
     "not signed yet"},
    {"a file still missing", "rm %s/video/clip.mp4", NULL, BT_CAMPAIGN_WAIT, BT_CAUSE_INCOMPLETE,
     "1 of 3 files to come"},
    {"a size not reached yet", "printf short > %s/images/otp.png", not_settled, BT_CAMPAIGN_WAIT,
     BT_CAUSE_INCOMPLETE, "not of their size"},
    {"a size that lies, settled", "printf short > %s/images/otp.png", NULL, BT_CAMPAIGN_REFUSE,
     BT_CAUSE_TAMPERED, "size"},
    {"a size that lies while a file is missing",
     "printf short > %s/images/otp.png && rm %s/playlist.yaml", NULL, BT_CAMPAIGN_WAIT, BT_CAUSE_INCOMPLETE, "to come"},
    {"a sync under way", "echo x > %s/video/.syncthing.clip.mp4.tmp", NULL, BT_CAMPAIGN_WAIT,
     BT_CAUSE_SYNCING, ".syncthing.clip.mp4.tmp"},
    {"bytes not matching yet", "true", bytes_changed_not_settled, BT_CAMPAIGN_WAIT,
     BT_CAUSE_NOT_MATCHING_YET, "playlist.yaml"},
    {"signature not matching yet", "true", manifest_changed_not_settled, BT_CAMPAIGN_WAIT,
     BT_CAUSE_NOT_MATCHING_YET, NULL},
    {"a damaged signature, not settled", "echo broken > %s/manifest.txt.minisig", not_settled,
     BT_CAMPAIGN_WAIT, BT_CAUSE_NOT_MATCHING_YET, NULL},
    {"no trusted key", "true", no_keys, BT_CAMPAIGN_REFUSE, BT_CAUSE_NO_KEYS, "trusted.d"},
    {"an unknown key", "true", resign_other, BT_CAMPAIGN_REFUSE, BT_CAUSE_UNKNOWN_KEY,
     "does not trust"},
    {"a tampered manifest", "sed -i 's/version 1/version 9/' %s/manifest.txt", NULL,
     BT_CAMPAIGN_REFUSE, BT_CAUSE_BAD_SIGNATURE, "does not match"},
    {"a damaged signature", "echo broken > %s/manifest.txt.minisig", NULL, BT_CAMPAIGN_REFUSE,
     BT_CAUSE_BAD_SIGNATURE, NULL},
    {"a tampered trusted comment", "sed -i 's/^trusted comment: timestamp/trusted comment: Timestamp/' "
     "%s/manifest.txt.minisig", NULL, BT_CAMPAIGN_REFUSE, BT_CAUSE_BAD_SIGNATURE, "trusted comment"},
    {"a tampered file", "printf 'version: 2\\n' > %s/playlist.yaml", NULL, BT_CAMPAIGN_REFUSE,
     BT_CAUSE_TAMPERED, "playlist.yaml"},
    {"a listed file made a link", "rm %s/playlist.yaml && ln -s /etc/hostname %s/playlist.yaml", NULL,
     BT_CAMPAIGN_REFUSE, BT_CAUSE_NOT_PLAIN_FILE, "playlist.yaml"},
    {"a listed folder made a link", "mv %s/images %s/im2 && ln -s im2 %s/images", NULL,
     BT_CAMPAIGN_REFUSE, BT_CAUSE_NOT_PLAIN_FILE, "images/otp.png"},
    {"the manifest a link", "mv %s/manifest.txt %s/m && ln -s m %s/manifest.txt", NULL,
     BT_CAMPAIGN_REFUSE, BT_CAUSE_NOT_PLAIN_FILE, NULL},
    {"older than the one in place", "true", newer_in_place, BT_CAMPAIGN_REFUSE, BT_CAUSE_OLDER,
     "older than the one playing (2)"},
    {"newer over an older one", "true", older_in_place, BT_CAMPAIGN_ACCEPT, BT_CAUSE_NONE,
     "version 2"},
    {"the same version, other files", "true", same_version_other_files, BT_CAMPAIGN_REFUSE,
     BT_CAUSE_SAME_VERSION, NULL},
    {"dated two days ahead", "true", issued_in_two_days, BT_CAMPAIGN_REFUSE, BT_CAUSE_FUTURE,
     "future"},
    {"a signed manifest with ../etc/passwd", "true", signed_unsafe_path, BT_CAMPAIGN_REFUSE,
     BT_CAUSE_BAD_MANIFEST, "leaves the campaign's folder"},
};

static void decisions(void **state)
{
    (void)state;
    bt_campaign_result *r = malloc(sizeof *r);
    assert_non_null(r);
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        char dir[4200];
        make_campaign(dir, sizeof dir);
        assert_int_equal(run(table[i].change, dir, dir, dir), 0);
        bt_campaign_input in = input();
        if (table[i].edit)
            table[i].edit(dir, &in);
        bt_campaign_decide(dir, &in, r);
        /* BT_SHOW=1: every verdict with its words, to read them over. */
        if (getenv("BT_SHOW"))
            printf("%-40s %-7s | %s\n%47s | %s\n", table[i].title,
                   bt_campaign_verdict_name(r->verdict), r->reason, "", r->detail);
        bool ok = r->verdict == table[i].verdict && r->cause == table[i].cause &&
                  (!table[i].says || strstr(r->reason, table[i].says) || strstr(r->detail, table[i].says));
        if (!ok)
            fail_msg("%s: %s (cause %d): \"%s\" / \"%s\"", table[i].title,
                     bt_campaign_verdict_name(r->verdict), r->cause, r->reason, r->detail);
        if (r->verdict == BT_CAMPAIGN_WAIT || r->verdict == BT_CAMPAIGN_REFUSE) {
            /* Short enough for the screen, and said. */
            assert_true(strlen(r->reason) > 10);
            assert_true(strlen(r->reason) < 100);
            assert_true(r->detail[0] != '\0');
        }
        if (r->verdict == BT_CAMPAIGN_ACCEPT) {
            assert_int_equal(r->manifest.n_files, 3);
            assert_memory_equal(r->key_id, ring.keys[0].id, sizeof r->key_id);
            assert_true(r->checked);
            assert_int_equal(r->check.count[BT_FILE_OK], 3);
            assert_string_equal(r->key_source, dept_pub);
        }
        run("chmod -R u+rwx '%s' 2>/dev/null", dir);
        bt_campaign_result_free(r);
    }
    free(r);
}

/* What an accepted campaign carries: the signed facts. */
static void what_is_accepted(void **state)
{
    (void)state;
    char dir[4200];
    make_campaign(dir, sizeof dir);
    put(dir, "notes.txt", "not listed");
    bt_campaign_input in = input();
    bt_campaign_result *r = malloc(sizeof *r);
    bt_campaign_decide(dir, &in, r);
    assert_int_equal(r->verdict, BT_CAMPAIGN_ACCEPT);
    assert_int_equal(r->manifest.version, 1);
    assert_string_equal(r->manifest.issued_text, "2026-03-15T08:30:00Z");
    assert_int_equal(r->manifest.issued, NOW);
    assert_string_equal(r->manifest.files[0].path, "images/otp.png");
    assert_string_equal(r->trusted_comment, "timestamp:1773563400\tfile:manifest.txt\thashed");
    bt_minisign_key k;
    char err[512], hex[17];
    assert_true(bt_minisign_key_load(dept_pub, &k, err, sizeof err));
    bt_minisign_id_hex(k.id, hex);
    assert_string_equal(r->key_id_hex, hex);
    assert_int_equal(r->check.n_unlisted, 1);
    assert_string_equal(r->check.unlisted[0], "notes.txt");
    /* Taken: the same folder is then the one in place. */
    unsigned char sha[32];
    memcpy(sha, r->manifest_sha256, 32);
    bt_campaign_result_free(r);
    in.current_version = 1;
    in.current_manifest_sha256 = sha;
    bt_campaign_decide(dir, &in, r);
    assert_int_equal(r->verdict, BT_CAMPAIGN_CURRENT);
    bt_campaign_result_free(r);
    free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keyrings), /* first: fills the ring the others use */
        cmocka_unit_test(decisions),
        cmocka_unit_test(what_is_accepted),
    };
    return cmocka_run_group_tests_name("campaign", tests, setup, teardown);
}
