/* A province on one machine: 200 kiosk libraries, each with its synced
 * campaign folder, receive the same signed campaign, then a newer one,
 * delivered as a sync tool does (each file first under a temporary name,
 * half written, then whole and renamed into place; the manifest and its
 * signature among them), the kiosks' deliveries interleaved in a random
 * order. Each kiosk follows its folder as the player does
 * (library/campaign_follow.h: a look after each change and at the
 * follower's deadlines, under a fake clock) and imports through the
 * campaign store. After every import the kiosk's campaign in place is
 * whole (every listed file there, of its size and SHA-256), the one before
 * or the new one; at the end all 200 have switched. The time it takes is
 * printed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "library/campaign_follow.h"
#include "library/campaign_store.h"
#include "library/library.h"
#include "library/manifest_dir.h"
#include "library/minisign.h"
#include "library/sha256.h"

#define KIOSKS 200
#define DATA_FILES 3
#define NOW 1773563400 /* 2026-03-15T08:30:00Z */
#define STEP_MS 20     /* the fake clock between two deliveries */

static char tmpdir[] = "/tmp/bangtin-province-XXXXXX";
static bt_keyring ring;
static char dept_key[4300];

static void run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void run(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
}

static void put(const char *path, const void *bytes, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, bytes, n), (ssize_t)n);
    assert_int_equal(close(fd), 0);
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static unsigned char buf[1 << 20];
    *n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    unsigned char *copy = malloc(*n ? *n : 1);
    assert_non_null(copy);
    memcpy(copy, buf, *n);
    return copy;
}

/* ---- the Department's campaigns --------------------------------------- */

typedef struct {
    char rel[64];
    unsigned char *bytes;
    size_t n;
} file;

typedef struct {
    file files[DATA_FILES + 4];
    int n;
} campaign;

static const char *rels[] = {"manifest.txt", "manifest.txt.minisig", "playlist.yaml",
                             "images/otp.png"};

/* Version v's folder under tmpdir/src-v, signed; its files read back. */
static void make_campaign(campaign *c, int v)
{
    char dir[4300], path[4400], err[1024];
    snprintf(dir, sizeof dir, "%s/src-%d", tmpdir, v);
    run("mkdir -p '%s/images' '%s/data' && cp playlists/images/otp.png '%s/images/'", dir, dir, dir);
    if (v > 1)
        run("cp '%s/src-%d/manifest.txt' '%s/'", tmpdir, v - 1, dir);
    char yaml[512];
    snprintf(yaml, sizeof yaml,
             "version: 1\nname: \"Chiến dịch %d\"\nslides:\n"
             "  - {id: otp, title: \"Không chia sẻ mã OTP\", image: images/otp.png}\n"
             "  - {id: mk, title: \"Mật khẩu mạnh\", body: \"Phiên bản %d\"}\n",
             v, v);
    snprintf(path, sizeof path, "%s/playlist.yaml", dir);
    put(path, yaml, strlen(yaml));
    for (int i = 0; i < DATA_FILES; i++) {
        unsigned char data[16384];
        for (size_t k = 0; k < sizeof data; k++)
            data[k] = (unsigned char)(k * 31 + (size_t)i * 7 + (size_t)v * 101);
        snprintf(path, sizeof path, "%s/data/%02d.bin", dir, i);
        put(path, data, sizeof data);
    }
    bt_manifest_written w;
    assert_true(bt_manifest_write_dir(dir, NOW, &w, err, sizeof err));
    assert_int_equal(w.version, v);
    bt_minisign_seckey *k = bt_minisign_seckey_load(dept_key, NULL, NULL, err, sizeof err);
    assert_non_null(k);
    snprintf(path, sizeof path, "%s/manifest.txt", dir);
    assert_true(bt_minisign_sign_file(k, path, NOW, NULL, err, sizeof err));
    bt_minisign_seckey_free(k);
    c->n = 0;
    for (int i = 0; i < 4 + DATA_FILES; i++) {
        file *f = &c->files[c->n++];
        if (i < 4)
            snprintf(f->rel, sizeof f->rel, "%s", rels[i]);
        else
            snprintf(f->rel, sizeof f->rel, "data/%02d.bin", i - 4);
        snprintf(path, sizeof path, "%s/%s", dir, f->rel);
        f->bytes = slurp(path, &f->n);
    }
}

static void free_campaign(campaign *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->files[i].bytes);
}

/* ---- the kiosks --------------------------------------------------------- */

typedef struct {
    char synced[4300], library[4300];
    bt_follow follow;
    int order[DATA_FILES + 4]; /* the order its files arrive in */
    int next;                  /* deliveries made: file order[next / 2], half or whole */
    long long version;         /* in place */
    int imports, waits;
} kiosk;

static kiosk *kiosks;

/* The campaign in place in k's library is whole: each file its manifest
 * lists is there, of its size and SHA-256. Returns its version, 0: none. */
static long long check_whole(const kiosk *k)
{
    bt_campaign_current cur;
    bt_campaign_store_current(k->library, &cur);
    if (!cur.present)
        return 0;
    char path[4400], err[512];
    snprintf(path, sizeof path, "%s/campaign/manifest.txt", k->library);
    size_t n;
    unsigned char *text = slurp(path, &n);
    bt_manifest m = {0};
    assert_true(bt_manifest_parse((const char *)text, n, "manifest.txt", &m, NULL, err, sizeof err));
    for (int i = 0; i < m.n_files; i++) {
        snprintf(path, sizeof path, "%s/campaign/%s", k->library, m.files[i].path);
        size_t len;
        unsigned char *bytes = slurp(path, &len);
        unsigned char sum[32];
        bt_sha256 h;
        bt_sha256_init(&h);
        bt_sha256_update(&h, bytes, len);
        bt_sha256_final(&h, sum);
        assert_int_equal(len, m.files[i].size);
        assert_memory_equal(sum, m.files[i].sha256, 32);
        free(bytes);
    }
    long long v = m.version;
    bt_manifest_free(&m);
    free(text);
    return v;
}

/* Delivers k's next step of c: the next file half written under its
 * temporary name, or made whole and renamed into place. */
static void deliver(kiosk *k, const campaign *c)
{
    const file *f = &c->files[k->order[k->next / 2]];
    bool whole = k->next % 2 == 1;
    char final[4400], tmp[4500], dir[4400];
    snprintf(final, sizeof final, "%s/%s", k->synced, f->rel);
    snprintf(dir, sizeof dir, "%s", final);
    *strrchr(dir, '/') = '\0';
    mkdir(dir, 0755);
    snprintf(tmp, sizeof tmp, "%s/.syncthing.%s.tmp", dir, strrchr(final, '/') + 1);
    put(tmp, f->bytes, whole ? f->n : f->n / 2);
    if (whole)
        assert_int_equal(rename(tmp, final), 0);
    k->next++;
}

/* A look at k's folder at now, as the player's campaign thread does. */
static void look(kiosk *k, uint64_t now)
{
    uint64_t fp = bt_campaign_fingerprint(k->synced);
    bt_follow_action act = bt_follow_look(&k->follow, now, fp);
    if (act == BT_FOLLOW_NOTHING)
        return;
    bt_cimport_options o = {
        .library = k->library,
        .keys = &ring,
        .now = NOW,
        .clock_trusted = true,
        .settled = act == BT_FOLLOW_DECIDE_SETTLED,
    };
    bt_cimport_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    bt_campaign_import(k->synced, &o, r);
    bt_follow_decided(&k->follow, fp, o.settled, r->status);
    if (r->status != BT_CIMPORT_WAIT && r->status != BT_CIMPORT_CURRENT &&
        r->status != BT_CIMPORT_LOADED)
        fail_msg("kiosk %s: %s: %s", k->synced, bt_cimport_status_name(r->status), r->detail);
    k->waits += r->status == BT_CIMPORT_WAIT;
    k->imports += r->status == BT_CIMPORT_LOADED;
    bt_cimport_result_clear(r);
    free(r);
    long long v = check_whole(k); /* after each look: the old one or the new one, whole */
    assert_true(v == k->version || v == k->version + 1);
    k->version = v;
}

/* Every kiosk receives c in its own random order, the deliveries of all
 * interleaved; each looks after each change and at its deadlines. Then
 * the clock runs on until every kiosk is quiet. */
static uint64_t province_receives(const campaign *c, uint64_t now)
{
    int steps = 2 * c->n, left = KIOSKS * steps;
    for (int i = 0; i < KIOSKS; i++) {
        kiosk *k = &kiosks[i];
        k->next = 0;
        for (int f = 0; f < c->n; f++)
            k->order[f] = f;
        for (int f = c->n - 1; f > 0; f--) { /* Fisher-Yates */
            int j = rand() % (f + 1), t = k->order[f];
            k->order[f] = k->order[j];
            k->order[j] = t;
        }
    }
    while (left > 0) {
        int i = rand() % KIOSKS;
        while (kiosks[i].next >= steps)
            i = (i + 1) % KIOSKS;
        now += STEP_MS;
        deliver(&kiosks[i], c);
        left--;
        look(&kiosks[i], now); /* the change seen at once, as inotify does */
        for (int j = 0; j < KIOSKS; j++)
            if (now >= bt_follow_deadline(&kiosks[j].follow))
                look(&kiosks[j], now);
    }
    /* The clock runs on: each kiosk's quiet time passes. */
    for (int t = 0; t < 70; t++) {
        now += 1000;
        for (int j = 0; j < KIOSKS; j++)
            if (now >= bt_follow_deadline(&kiosks[j].follow))
                look(&kiosks[j], now);
    }
    return now;
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void two_hundred_kiosks_switch_none_half(void **state)
{
    (void)state;
    srand(18);
    bt_log_set_level(BT_LOG_WARNING); /* 400 imports, each said in one line otherwise */
    campaign v1, v2;
    make_campaign(&v1, 1);
    make_campaign(&v2, 2);
    kiosks = calloc(KIOSKS, sizeof *kiosks);
    assert_non_null(kiosks);
    for (int i = 0; i < KIOSKS; i++) {
        kiosk *k = &kiosks[i];
        snprintf(k->synced, sizeof k->synced, "%s/k%03d/synced", tmpdir, i);
        snprintf(k->library, sizeof k->library, "%s/k%03d/lib", tmpdir, i);
        assert_int_equal(bt_make_dirs(k->synced), 0);
        assert_int_equal(bt_make_dirs(k->library), 0);
        bt_follow_init(&k->follow, 1000, 60000);
    }
    double t0 = seconds();
    uint64_t now = province_receives(&v1, 0);
    double t1 = seconds();
    int waits = 0;
    for (int i = 0; i < KIOSKS; i++) {
        assert_int_equal(kiosks[i].version, 1);
        assert_int_equal(kiosks[i].imports, 1);
        waits += kiosks[i].waits;
    }
    province_receives(&v2, now);
    double t2 = seconds();
    for (int i = 0; i < KIOSKS; i++) {
        assert_int_equal(kiosks[i].version, 2);
        assert_int_equal(kiosks[i].imports, 2);
        waits += kiosks[i].waits;
    }
    print_message("province: %d kiosks took v1 in %.1f s and switched to v2 in %.1f s "
                  "(%d files each, delivered in random order; %d looks at half a campaign "
                  "waited for; none imported half)\n",
                  KIOSKS, t1 - t0, t2 - t1, v1.n, waits);
    free(kiosks);
    free_campaign(&v1);
    free_campaign(&v2);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(tmpdir))
        return -1;
    char err[1024], name[4200], pub[4300];
    snprintf(name, sizeof name, "%s/dept", tmpdir);
    if (!bt_minisign_keygen(name, NULL, NULL, NULL, err, sizeof err))
        return -1;
    snprintf(dept_key, sizeof dept_key, "%s.key", name);
    snprintf(pub, sizeof pub, "%s.pub", name);
    bt_diags d;
    bt_diags_init(&d);
    const char *files[] = {pub};
    bool ok = bt_keyring_load(&ring, files, 1, NULL, &d);
    bt_diags_clear(&d);
    return ok ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_hundred_kiosks_switch_none_half),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
