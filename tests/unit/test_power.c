/* test_power.c: the screen's power. The table of backends with fakes (the
 * order, a failure that does not stop the others, the slow ones on their
 * thread); the HDMI-CEC frames byte for byte and every ioctl on a fake
 * device; the DRM connector logic on a fake device; power commands for
 * real (one that fails is logged, one that hangs is stopped with what it
 * started); and X11 DPMS on a real X server (Xvfb), when there is one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>
#include <linux/cec.h>

#include "sys/power.h"
#include "sys/power_cec.h"
#include "sys/power_cmd.h"
#include "sys/power_drm.h"
#include "sys/power_x11.h"

static char tmpdir[] = "/tmp/bt_test_power.XXXXXX";

static uint64_t ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Runs fn with stderr (where bt_log writes) going into buf. */
static void capture_log(void (*fn)(void *), void *arg, char *buf, size_t size)
{
    char path[600];
    snprintf(path, sizeof path, "%s/log.txt", tmpdir);
    fflush(stderr);
    int saved = dup(2);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    dup2(fd, 2);
    close(fd);
    fn(arg);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
}

/* ---- fake backends --------------------------------------------------------- */

/* Every call of every fake, in order: "a:off", "c:on" ... */
static pthread_mutex_t calls_mu = PTHREAD_MUTEX_INITIALIZER;
static char calls[1000];
static pthread_t main_thread;
static int off_thread_calls; /* calls made from another thread */

typedef struct {
    const char *name;
    bool available, fails, threaded;
} fake;

static void record(const fake *f, const char *what)
{
    pthread_mutex_lock(&calls_mu);
    size_t n = strlen(calls);
    snprintf(calls + n, sizeof calls - n, "%s%s:%s", n ? " " : "", f->name, what);
    if (!pthread_equal(pthread_self(), main_thread))
        off_thread_calls++;
    pthread_mutex_unlock(&calls_mu);
}

static bool fake_available(void *ctx, char *why, size_t size)
{
    fake *f = ctx;
    record(f, "probe");
    if (!f->available)
        snprintf(why, size, "%s is not here", f->name);
    return f->available;
}

static bool fake_act(fake *f, const char *what, char *err, size_t size)
{
    record(f, what);
    if (f->fails)
        snprintf(err, size, "%s broke", f->name);
    return !f->fails;
}

static bool fake_off(void *ctx, char *err, size_t size)
{
    return fake_act(ctx, "off", err, size);
}

static bool fake_on(void *ctx, char *err, size_t size)
{
    return fake_act(ctx, "on", err, size);
}

static int frees;
static void fake_free(void *ctx)
{
    frees++;
}

static bt_power_backend fake_backend(fake *f)
{
    return (bt_power_backend){f->name, f->threaded, fake_available, fake_off, fake_on, fake_free,
                              f};
}

static void reset_calls(void)
{
    calls[0] = '\0';
    off_thread_calls = 0;
}

/* Inline backends: off in table order, on backwards; one that fails does
 * not stop the others; one that is not available is never called. */
static void test_order_and_fallback(void **state)
{
    fake a = {"a", true, false, false}, b = {"b", true, true, false}, c = {"c", false, false, false},
         d = {"d", true, false, false};
    bt_power_backend t[] = {fake_backend(&a), fake_backend(&b), fake_backend(&c), fake_backend(&d)};
    reset_calls();
    frees = 0;
    bt_power *p = bt_power_create(t, 4);
    assert_non_null(p);
    assert_string_equal(calls, "a:probe b:probe c:probe d:probe");
    reset_calls();
    bt_power_set(p, false);
    assert_string_equal(calls, "a:off b:off d:off");
    reset_calls();
    bt_power_set(p, true);
    assert_string_equal(calls, "d:on b:on a:on");
    assert_int_equal(off_thread_calls, 0);

    bt_power_result r;
    assert_int_equal(bt_power_count(p), 4);
    assert_true(bt_power_result_of(p, 1, &r));
    assert_string_equal(r.name, "b");
    assert_true(r.available);
    assert_int_equal(r.tries, 2);
    assert_true(r.last_on);
    assert_false(r.ok);
    assert_string_equal(r.error, "b broke");
    assert_true(bt_power_result_of(p, 2, &r));
    assert_false(r.available);
    assert_string_equal(r.why, "c is not here");
    assert_int_equal(r.tries, 0);
    assert_true(bt_power_result_of(p, 3, &r));
    assert_true(r.ok);
    assert_false(bt_power_result_of(p, 4, &r));
    bt_power_free(p);
    assert_int_equal(frees, 4);
}

/* Slow backends run on the power thread, in the same order; a request
 * overtaken before it starts is dropped. */
static void test_threaded(void **state)
{
    fake a = {"slow", true, false, true}, b = {"fast", true, false, false},
         c = {"relay", true, true, true};
    bt_power_backend t[] = {fake_backend(&a), fake_backend(&b), fake_backend(&c)};
    reset_calls();
    bt_power *p = bt_power_create(t, 3);
    reset_calls();
    bt_power_set(p, false);
    assert_true(bt_power_wait(p, 5000));
    /* The inline one at once, then the thread's in table order. */
    assert_string_equal(calls, "fast:off slow:off relay:off");
    assert_int_equal(off_thread_calls, 2);
    reset_calls();
    bt_power_set(p, true);
    assert_true(bt_power_wait(p, 5000));
    assert_string_equal(calls, "fast:on relay:on slow:on");
    bt_power_result r;
    assert_true(bt_power_result_of(p, 2, &r));
    assert_false(r.ok);
    assert_string_equal(r.error, "relay broke");
    bt_power_free(p);
}

static void set_off(void *arg)
{
    bt_power_set(arg, false);
    bt_power_wait(arg, 5000);
}

/* Each attempt is logged once with its result, the reason of a failure too. */
static void test_logged_once(void **state)
{
    fake a = {"x11-fake", true, false, false}, b = {"cec-fake", true, true, true};
    bt_power_backend t[] = {fake_backend(&a), fake_backend(&b)};
    bt_power *p = bt_power_create(t, 2);
    char log[2000];
    capture_log(set_off, p, log, sizeof log);
    assert_non_null(strstr(log, "<6>bangtin: screen off: x11-fake: done\n"));
    assert_non_null(strstr(log, "<4>bangtin: screen off: cec-fake: failed: cec-fake broke\n"));
    /* Exactly two lines: one per attempt. */
    int lines = 0;
    for (const char *c = log; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 2);
    bt_power_free(p);
}

/* ---- HDMI-CEC ------------------------------------------------------------- */

static void test_cec_frames(void **state)
{
    bt_cec_frame f[3];
    assert_int_equal(bt_cec_frames(false, 4, 0x1000, f), 1);
    assert_int_equal(f[0].len, 2);
    assert_memory_equal(f[0].msg, ((uint8_t[]){0x4f, 0x36}), 2); /* Standby, to all */

    assert_int_equal(bt_cec_frames(true, 4, 0x1000, f), 2);
    assert_int_equal(f[0].len, 2);
    assert_memory_equal(f[0].msg, ((uint8_t[]){0x40, 0x04}), 2); /* Image View On, to the TV */
    assert_int_equal(f[1].len, 4);
    assert_memory_equal(f[1].msg, ((uint8_t[]){0x4f, 0x82, 0x10, 0x00}), 4); /* Active Source */

    assert_int_equal(bt_cec_frames(true, 8, 0x2130, f), 2);
    assert_memory_equal(f[0].msg, ((uint8_t[]){0x80, 0x04}), 2);
    assert_memory_equal(f[1].msg, ((uint8_t[]){0x8f, 0x82, 0x21, 0x30}), 4);
    /* No physical address yet: the TV is only woken. */
    assert_int_equal(bt_cec_frames(true, 11, 0xffff, f), 1);
    assert_memory_equal(f[0].msg, ((uint8_t[]){0xb0, 0x04}), 2);
    assert_int_equal(bt_cec_frames(false, 15, 0xffff, f), 1);
    assert_memory_equal(f[0].msg, ((uint8_t[]){0xff, 0x36}), 2);
}

/* A fake adapter: /dev/cec0 is absent, /dev/cec1 answers; every ioctl is
 * recorded, with the bytes of each message sent. */
typedef struct {
    char log[2000];
    bool have_la;     /* an address already claimed */
    bool nack;        /* no TV answers */
    uint32_t caps;
    int opens, closes;
} fake_cec;

static void cec_log(fake_cec *f, const char *fmt, ...)
{
    size_t n = strlen(f->log);
    va_list ap;
    va_start(ap, fmt);
    if (n)
        f->log[n++] = ' ';
    vsnprintf(f->log + n, sizeof f->log - n, fmt, ap);
    va_end(ap);
}

static int fake_cec_open(void *ctx, const char *path)
{
    fake_cec *f = ctx;
    cec_log(f, "open(%s)", path);
    if (strcmp(path, "/dev/cec1") != 0)
        return -ENOENT;
    f->opens++;
    return 7;
}

static int fake_cec_ioctl(void *ctx, int fd, unsigned long req, void *arg)
{
    fake_cec *f = ctx;
    assert_int_equal(fd, 7);
    if (req == CEC_ADAP_G_CAPS) {
        cec_log(f, "G_CAPS");
        ((struct cec_caps *)arg)->capabilities = f->caps;
    } else if (req == CEC_ADAP_G_LOG_ADDRS) {
        cec_log(f, "G_LOG_ADDRS");
        struct cec_log_addrs *la = arg;
        la->num_log_addrs = f->have_la ? 1 : 0;
        la->log_addr[0] = f->have_la ? 4 : CEC_LOG_ADDR_INVALID;
    } else if (req == CEC_ADAP_S_LOG_ADDRS) {
        struct cec_log_addrs *la = arg;
        cec_log(f, "S_LOG_ADDRS(n=%d type=%d prim=%d name=%s)", la->num_log_addrs,
                la->log_addr_type[0], la->primary_device_type[0], la->osd_name);
        la->log_addr[0] = 4; /* Playback Device 1 */
        f->have_la = true;
    } else if (req == CEC_ADAP_G_PHYS_ADDR) {
        cec_log(f, "G_PHYS_ADDR");
        *(uint16_t *)arg = 0x1000; /* HDMI input 1 of the TV */
    } else if (req == CEC_TRANSMIT) {
        struct cec_msg *m = arg;
        char bytes[64] = "";
        for (uint32_t i = 0; i < m->len; i++)
            snprintf(bytes + strlen(bytes), sizeof bytes - strlen(bytes), "%s%02x", i ? ":" : "",
                     m->msg[i]);
        cec_log(f, "TRANSMIT(%s)", bytes);
        m->tx_status = f->nack && (m->msg[0] & 0x0f) != 0x0f ? CEC_TX_STATUS_NACK
                                                              : CEC_TX_STATUS_OK;
    } else {
        cec_log(f, "ioctl(%lx)", req);
        return -ENOTTY;
    }
    return 0;
}

static void fake_cec_close(void *ctx, int fd)
{
    fake_cec *f = ctx;
    cec_log(f, "close");
    f->closes++;
}

static void test_cec_device(void **state)
{
    fake_cec f = {.caps = CEC_CAP_TRANSMIT | CEC_CAP_LOG_ADDRS};
    bt_cec_ops ops = {fake_cec_open, fake_cec_ioctl, fake_cec_close, &f};
    bt_power_backend b;
    assert_true(bt_power_cec(NULL, &ops, &b));
    assert_string_equal(b.name, "hdmi-cec");
    assert_true(b.threaded);
    char err[300] = "";
    assert_true(b.available(b.ctx, err, sizeof err));
    assert_string_equal(f.log, "open(/dev/cec0) open(/dev/cec1) G_CAPS");

    f.log[0] = '\0';
    assert_true(b.off(b.ctx, err, sizeof err));
    assert_string_equal(f.log, "G_LOG_ADDRS G_CAPS S_LOG_ADDRS(n=1 type=3 prim=4 name=bangtin) "
                               "G_PHYS_ADDR TRANSMIT(4f:36)");
    f.log[0] = '\0';
    assert_true(b.on(b.ctx, err, sizeof err));
    /* The address claimed is kept; the device stays open. */
    assert_string_equal(f.log, "G_LOG_ADDRS G_PHYS_ADDR TRANSMIT(40:04) TRANSMIT(4f:82:10:00)");
    assert_int_equal(f.opens, 1);

    /* The TV does not answer: said, not silent. */
    f.nack = true;
    f.log[0] = '\0';
    assert_false(b.on(b.ctx, err, sizeof err));
    assert_string_equal(f.log, "G_LOG_ADDRS G_PHYS_ADDR TRANSMIT(40:04)");
    assert_string_equal(err, "Image View On was not acknowledged: no TV answered (status 0x04)");
    b.free(b.ctx);
    assert_int_equal(f.closes, 1);

    /* An adapter that cannot send, and no adapter at all. */
    fake_cec rx = {.caps = 0};
    bt_cec_ops rx_ops = {fake_cec_open, fake_cec_ioctl, fake_cec_close, &rx};
    assert_true(bt_power_cec("/dev/cec1", &rx_ops, &b));
    assert_false(b.available(b.ctx, err, sizeof err));
    assert_string_equal(err, "the HDMI-CEC device cannot send messages");
    assert_string_equal(rx.log, "open(/dev/cec1) G_CAPS close");
    b.free(b.ctx);
    assert_true(bt_power_cec("/dev/cec0", &rx_ops, &b));
    assert_false(b.available(b.ctx, err, sizeof err));
    assert_string_equal(err, "no HDMI-CEC device (/dev/cec*)");
    b.free(b.ctx);
    /* This machine has none: the real backend says so. */
    assert_true(bt_power_cec(NULL, NULL, &b));
    if (access("/dev/cec0", F_OK) != 0) {
        assert_false(b.available(b.ctx, err, sizeof err));
        assert_string_equal(err, "no HDMI-CEC device (/dev/cec*)");
    }
    b.free(b.ctx);
}

/* ---- DRM ------------------------------------------------------------------ */

typedef struct {
    int n;            /* connectors in use: 11, 12 */
    bool dpms_on_12;  /* only connector 12 has the property (id 40) */
    int set_rc;
    char log[500];
} fake_drm;

static int fake_connectors(void *ctx, int fd, uint32_t *ids, int max)
{
    fake_drm *f = ctx;
    assert_int_equal(fd, 9);
    for (int i = 0; i < f->n && i < max; i++)
        ids[i] = 11u + (uint32_t)i;
    return f->n;
}

static bool fake_dpms_property(void *ctx, int fd, uint32_t conn, uint32_t *prop)
{
    fake_drm *f = ctx;
    if (conn == 12 || !f->dpms_on_12) {
        *prop = 40;
        return true;
    }
    return false;
}

static int fake_set(void *ctx, int fd, uint32_t conn, uint32_t prop, uint64_t value)
{
    fake_drm *f = ctx;
    snprintf(f->log + strlen(f->log), sizeof f->log - strlen(f->log), "%sset(%u,%u,%llu)",
             f->log[0] ? " " : "", conn, prop, (unsigned long long)value);
    return f->set_rc;
}

static void test_drm(void **state)
{
    fake_drm f = {.n = 2, .dpms_on_12 = true};
    bt_drm_ops ops = {fake_connectors, fake_dpms_property, fake_set, &f};
    bt_power_backend b;
    char err[300] = "";
    assert_false(bt_power_drm(-1, &ops, &b));
    assert_true(bt_power_drm(9, &ops, &b));
    assert_false(b.threaded);
    assert_true(b.available(b.ctx, err, sizeof err));
    assert_true(b.off(b.ctx, err, sizeof err));
    assert_true(b.on(b.ctx, err, sizeof err));
    assert_string_equal(f.log, "set(12,40,3) set(12,40,0)"); /* DPMS off, then on */
    /* Both connectors in use (a mirrored screen): both. */
    f.dpms_on_12 = false;
    f.log[0] = '\0';
    assert_true(b.off(b.ctx, err, sizeof err));
    assert_string_equal(f.log, "set(11,40,3) set(12,40,3)");
    /* Refused (not DRM master): the reason. */
    f.set_rc = -EACCES;
    assert_false(b.off(b.ctx, err, sizeof err));
    assert_string_equal(err, "the DRM connector refused DPMS: Permission denied");
    /* Nothing connected. */
    f.n = 0;
    assert_false(b.available(b.ctx, err, sizeof err));
    assert_string_equal(err, "no screen is connected");
    b.free(b.ctx);
}

/* ---- commands --------------------------------------------------------------- */

static void test_command(void **state)
{
    char err[300] = "", path[600], cmd[800];
    assert_true(bt_power_run_command("true", 5000, err, sizeof err));
    assert_false(bt_power_run_command("exit 3", 5000, err, sizeof err));
    assert_string_equal(err, "ended with status 3");
    assert_false(bt_power_run_command("kill -9 $$", 5000, err, sizeof err));
    assert_string_equal(err, "was killed by signal 9");
    /* It reads nothing from the player's stdin. */
    snprintf(path, sizeof path, "%s/stdin.txt", tmpdir);
    snprintf(cmd, sizeof cmd, "cat >'%s'", path);
    assert_true(bt_power_run_command(cmd, 5000, err, sizeof err));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 0);
}

static bool gone(pid_t pid)
{
    char p[64], buf[256] = "";
    snprintf(p, sizeof p, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(p, "r");
    if (!f)
        return true;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *close = strrchr(buf, ')');
    return close && close[1] == ' ' && close[2] == 'Z'; /* dead, not yet reaped by init */
}

/* A command that hangs is stopped after its bound, with what it started. */
static void test_command_hangs(void **state)
{
    char err[300] = "", path[600], cmd[900];
    snprintf(path, sizeof path, "%s/child.pid", tmpdir);
    snprintf(cmd, sizeof cmd, "sleep 30 & echo $! >'%s'; wait", path);
    uint64_t t0 = ms_now();
    assert_false(bt_power_run_command(cmd, 300, err, sizeof err));
    uint64_t took = ms_now() - t0;
    assert_string_equal(err, "did not finish within 1 s and was stopped");
    assert_true(took >= 300 && took < 2500);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    int child = 0;
    assert_int_equal(fscanf(f, "%d", &child), 1);
    fclose(f);
    for (int i = 0; i < 100 && !gone(child); i++)
        usleep(10000);
    assert_true(gone(child));

    /* One that ignores SIGTERM is killed a second later. */
    t0 = ms_now();
    assert_false(bt_power_run_command("trap '' TERM; while :; do sleep 0.1; done", 200, err,
                                      sizeof err));
    took = ms_now() - t0;
    assert_true(took >= 1200 && took < 3500);
}

static void set_off_and_on(void *arg)
{
    bt_power_set(arg, false);
    bt_power_set(arg, true);
    bt_power_wait(arg, 5000);
}

/* Through the table: the off command, then the on one, logged. */
static void test_command_backend(void **state)
{
    char path[600], off[800], on[800], log[2000];
    snprintf(path, sizeof path, "%s/relay.txt", tmpdir);
    snprintf(off, sizeof off, "echo off >>'%s'", path);
    snprintf(on, sizeof on, "echo on >>'%s'; exit 2", path);
    bt_power_backend b;
    assert_false(bt_power_cmd(NULL, "", 1000, &b)); /* nothing to run */
    assert_true(bt_power_cmd(off, on, 5000, &b));
    bt_power *p = bt_power_create(&b, 1);
    capture_log(set_off_and_on, p, log, sizeof log);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char text[100] = "";
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    /* Requested back to back: the thread may merge them into the last one. */
    assert_true(strcmp(text, "off\non\n") == 0 || strcmp(text, "on\n") == 0);
    assert_non_null(strstr(log, "<4>bangtin: screen on: command: failed: ended with status 2\n"));
    bt_power_free(p);

    /* An off command only: on has nothing to do and logs nothing. */
    assert_true(bt_power_cmd(off, NULL, 5000, &b));
    assert_null(b.on);
    p = bt_power_create(&b, 1);
    bt_power_set(p, true);
    assert_true(bt_power_wait(p, 5000));
    bt_power_result r;
    assert_true(bt_power_result_of(p, 0, &r));
    assert_int_equal(r.tries, 0);
    bt_power_free(p);
}

/* ---- X11 DPMS on a real X server ------------------------------------------ */

/* Starts Xvfb on a free display; its pid, or -1 when there is none. */
static pid_t start_xvfb(char *display, size_t size)
{
    if (access("/usr/bin/Xvfb", X_OK) != 0)
        return -1;
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        char fd[16];
        snprintf(fd, sizeof fd, "%d", fds[1]);
        close(fds[0]);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl("/usr/bin/Xvfb", "Xvfb", "-displayfd", fd, "-screen", "0", "320x240x24",
              "-nolisten", "tcp", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char num[32] = "";
    ssize_t n; /* written once the server is up */
    while ((n = read(fds[0], num, sizeof num - 1)) < 0 && errno == EINTR)
        ;
    close(fds[0]);
    if (n <= 0) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        return -1;
    }
    num[strcspn(num, "\n")] = '\0';
    snprintf(display, size, ":%s", num);
    return pid;
}

static void test_x11_dpms(void **state)
{
    char display[64];
    Display *dpy = NULL;
    pid_t xvfb = -1;
    /* Other tests start X servers at the same time and may take the display
     * number this one picked: start again then (as tests/e2e/lib.sh waits
     * for its server to answer). */
    for (int attempt = 0; attempt < 5 && !dpy; attempt++) {
        if (xvfb > 0) {
            kill(xvfb, SIGTERM);
            waitpid(xvfb, NULL, 0);
        }
        if ((xvfb = start_xvfb(display, sizeof display)) < 0)
            continue;
        for (int i = 0; i < 20 && !(dpy = XOpenDisplay(display)); i++)
            usleep(100000);
    }
    if (!dpy) {
        if (xvfb > 0) {
            kill(xvfb, SIGTERM);
            waitpid(xvfb, NULL, 0);
        }
        print_message("    (no Xvfb could be started: X11 DPMS not tried)\n");
        skip();
    }
    bt_power_backend b;
    assert_false(bt_power_x11(NULL, &b));
    assert_true(bt_power_x11(dpy, &b));
    assert_false(b.threaded);
    char why[300] = "";
    int ev, er;
    if (!DPMSQueryExtension(dpy, &ev, &er)) {
        /* Debian 12's Xvfb has no DPMS extension: the backend says so and
         * is left out, which is what a kiosk on such a server gets. */
        assert_false(b.available(b.ctx, why, sizeof why));
        assert_string_equal(why, "the X server has no DPMS extension");
        print_message("    (%s: X11 DPMS off/on not tried for real)\n", why);
    } else if (b.available(b.ctx, why, sizeof why)) {
        char err[300];
        CARD16 level;
        BOOL on;
        assert_true(b.off(b.ctx, err, sizeof err));
        DPMSInfo(dpy, &level, &on);
        assert_int_equal(level, DPMSModeOff);
        assert_true(b.on(b.ctx, err, sizeof err));
        DPMSInfo(dpy, &level, &on);
        assert_int_equal(level, DPMSModeOn);
    }
    b.free(b.ctx);

    /* The table a window gets, through SDL_GetWindowWMInfo on this server. */
    setenv("DISPLAY", display, 1);
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
    if (SDL_Init(SDL_INIT_VIDEO) == 0) {
        SDL_Window *w = SDL_CreateWindow("power", 0, 0, 64, 64, SDL_WINDOW_HIDDEN);
        assert_non_null(w);
        bt_power_backend t[BT_POWER_MAX_BACKENDS];
        int n = bt_power_backends_for_window(w, "true", NULL, 1000, t, BT_POWER_MAX_BACKENDS);
        assert_int_equal(n, 3);
        assert_string_equal(t[0].name, "hdmi-cec");
        assert_string_equal(t[1].name, "x11-dpms");
        assert_string_equal(t[2].name, "command");
        bt_power *p = bt_power_create(t, n);
        bt_power_result r;
        assert_true(bt_power_result_of(p, 1, &r));
        assert_int_equal(r.available, DPMSQueryExtension(dpy, &ev, &er) && DPMSCapable(dpy));
        bt_power_set(p, false); /* whatever is there, nothing breaks */
        bt_power_set(p, true);
        assert_true(bt_power_wait(p, 5000));
        bt_power_free(p);
        SDL_DestroyWindow(w);
        SDL_Quit();
    } else {
        print_message("    (SDL could not open the X display: %s)\n", SDL_GetError());
    }
    XCloseDisplay(dpy);
    kill(xvfb, SIGTERM);
    waitpid(xvfb, NULL, 0);
}

static int setup(void **state)
{
    main_thread = pthread_self();
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_fallback),
        cmocka_unit_test(test_threaded),
        cmocka_unit_test(test_logged_once),
        cmocka_unit_test(test_cec_frames),
        cmocka_unit_test(test_cec_device),
        cmocka_unit_test(test_drm),
        cmocka_unit_test(test_command),
        cmocka_unit_test(test_command_hangs),
        cmocka_unit_test(test_command_backend),
        cmocka_unit_test(test_x11_dpms),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
