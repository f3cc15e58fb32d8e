/* pdf.c: PDF pages through a helper process (see pdf.h for why).
 *
 * Contents: the parent's side (the file's checks, starting the helper,
 * reading its answer within a deadline, the words for each failure); the
 * helper's side (its limits, poppler, cairo); the public calls.
 *
 * The helper's command line: BT_PDF_HELPER_ARG MODE PARENT PAGE W H BG
 * MEMORY CPU, MODE "probe" or "render", BG as rrggbb. Descriptor 3 is the
 * PDF, open for reading; 4 (render) the shared memory of W x H pixels of 4
 * bytes (cairo's RGB24, which is SDL's RGB888); 1 the answer, lines of
 * text: "ok N" then "page W H" per page (probe), "ok" (render), or
 * "error KIND words" with KIND one of password, damaged, page, other. */
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <poppler.h>

#include "base/i18n.h"
#include "base/bounds.h"

extern char **environ;

#define MSG_NOT_PDF N_("this file is not a PDF")
#define MSG_PASSWORD                                                                              \
    N_("this PDF is protected by a password: open it and save it again without one (File > Save " \
       "As, or print it to PDF)")
#define MSG_DAMAGED N_("this PDF is damaged or cut short: copy it again, or save it again as PDF")

/* The most a helper may say: a line per page of a long document. */
#define MAX_REPLY (64 * 1024)

static const char *helper_exe; /* NULL: /proc/self/exe */
static int page_ms = BT_MAX_PDF_PAGE_MS;
static long long memory = BT_MAX_PDF_MEMORY;

void bt_pdf_set_helper(const char *exe)
{
    helper_exe = exe;
}

void bt_pdf_set_bounds(int ms, long long bytes)
{
    page_ms = ms > 0 ? ms : BT_MAX_PDF_PAGE_MS;
    memory = bytes > 0 ? bytes : BT_MAX_PDF_MEMORY;
}

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ==== the parent's side =================================================== */

/* Opens path for the helper (a descriptor above the ones the helper gets,
 * so that dup2 onto 3 and 4 always makes a new one) after checking that it
 * is a regular file of at most BT_MAX_PDF_BYTES that starts like a PDF
 * ("%PDF-" within its first 1024 bytes, as readers accept). -1 with the
 * reason in err. */
static int open_pdf(const char *path, char *err, size_t errsize)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT)
            snprintf(err, errsize, _("the file does not exist"));
        else
            snprintf(err, errsize, _("the file cannot be read (%s)"), strerror(errno));
        return -1;
    }
    struct stat st;
    char head[1024 + 1];
    ssize_t n = -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errsize, _("this is a folder or a device, not a PDF file"));
    } else if (st.st_size > BT_MAX_PDF_BYTES) {
        snprintf(err, errsize, _("the PDF file is too big (%lld MB, at most %d MB): make it smaller"),
                 (long long)((st.st_size + (1 << 20) - 1) >> 20), BT_MAX_PDF_BYTES >> 20);
    } else if ((n = pread(fd, head, sizeof head - 1, 0)) < 5) {
        snprintf(err, errsize, "%s", n == 0 ? _("the file is empty") : _(MSG_NOT_PDF));
        n = -1;
    } else {
        head[n] = '\0';
        if (!memmem(head, (size_t)n, "%PDF-", 5)) {
            snprintf(err, errsize, "%s", _(MSG_NOT_PDF));
            n = -1;
        }
    }
    if (n < 0) {
        close(fd);
        return -1;
    }
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    close(fd);
    if (high < 0)
        snprintf(err, errsize, _("the file cannot be read (%s)"), strerror(errno));
    return high;
}

/* Waits for pid until deadline, then kills it; its wait status in *status.
 * Polls: the helper has said all it will say, so this is a short wait. */
static void reap(pid_t pid, int64_t deadline, int *status, bool *killed)
{
    *killed = false;
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid)
            return;
        if (r < 0 && errno != EINTR) {
            *status = 0; /* not ours to reap (SIGCHLD ignored): trust the answer */
            return;
        }
        if (now_ms() >= deadline)
            break;
        nanosleep(&(struct timespec){0, 2 * 1000 * 1000}, NULL);
    }
    kill(pid, SIGKILL);
    *killed = true;
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        ;
}

typedef struct {
    char text[MAX_REPLY + 1]; /* the helper's answer */
    bool timed_out;           /* killed at the deadline */
    int signal;               /* the helper died of this signal (0: it exited) */
    int exit_code;
} reply;

/* Starts the helper in mode on the PDF descriptor (and the pixels' one,
 * or -1), reads its answer until it closes it or limit_ms pass (or, with
 * step_ms, that long passes without a new line: one line a page), and
 * reaps it. False only when it could not be started (reason in err); what
 * it said or how it ended is in *rep. */
static bool run_helper(const char *mode, int pdf_fd, int pix_fd, int page, int w, int h,
                       bt_color bg, int limit_ms, int step_ms, reply *rep, char *err,
                       size_t errsize)
{
    memset(rep, 0, sizeof *rep);
    int64_t hard = now_ms() + limit_ms;
    int64_t deadline = step_ms > 0 && now_ms() + step_ms < hard ? now_ms() + step_ms : hard;
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) {
        snprintf(err, errsize, _("the PDF reader could not be started (%s)"), strerror(errno));
        return false;
    }
    /* The answer's write end above 4 too, then moved onto 1. */
    int wfd = fcntl(pipefd[1], F_DUPFD_CLOEXEC, 10);
    close(pipefd[1]);
    char a_page[16], a_w[16], a_h[16], a_bg[16], a_mem[32], a_cpu[16], a_parent[16];
    snprintf(a_parent, sizeof a_parent, "%d", (int)getpid());
    snprintf(a_page, sizeof a_page, "%d", page);
    snprintf(a_w, sizeof a_w, "%d", w);
    snprintf(a_h, sizeof a_h, "%d", h);
    snprintf(a_bg, sizeof a_bg, "%02x%02x%02x", bg.r, bg.g, bg.b);
    /* The pixels are mapped in the helper too: they count in its space. */
    snprintf(a_mem, sizeof a_mem, "%lld", memory + (long long)w * h * 4);
    snprintf(a_cpu, sizeof a_cpu, "%d", limit_ms / 1000 + 1);
    const char *exe = helper_exe ? helper_exe : "/proc/self/exe";
    char *argv[] = {(char *)exe, BT_PDF_HELPER_ARG, (char *)mode, a_parent, a_page, a_w, a_h,
                    a_bg, a_mem, a_cpu, NULL};

    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, wfd, 1);
    /* poppler writes its complaints to stderr: noise for a kiosk's log. */
    if (!getenv("BANGTIN_DEBUG"))
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, pdf_fd, 3);
    if (pix_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, pix_fd, 4);
    /* Nothing else of the player's (its display, its sticks) goes along. */
    posix_spawn_file_actions_addclosefrom_np(&fa, 5);
    /* The player blocks SIGHUP for its signal thread; the helper must not
     * inherit that, nor any handler. */
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid = -1;
    int rc = wfd < 0 ? EMFILE : posix_spawn(&pid, exe, &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (wfd >= 0)
        close(wfd);
    if (rc != 0) {
        close(pipefd[0]);
        snprintf(err, errsize, _("the PDF reader could not be started (%s)"), strerror(rc));
        return false;
    }
    size_t got = 0;
    for (;;) {
        int64_t left = deadline - now_ms();
        if (left <= 0) {
            rep->timed_out = true;
            break;
        }
        struct pollfd p = {pipefd[0], POLLIN, 0};
        int n = poll(&p, 1, (int)left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            continue; /* the deadline is checked above */
        char scratch[4096];
        char *into = got < MAX_REPLY ? rep->text + got : scratch;
        size_t room = got < MAX_REPLY ? MAX_REPLY - got : sizeof scratch;
        ssize_t r = read(pipefd[0], into, room);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break; /* closed: the helper has said all */
        if (step_ms > 0 && memchr(into, '\n', (size_t)r)) {
            int64_t next = now_ms() + step_ms; /* a page done: the next one's time */
            deadline = next < hard ? next : hard;
        }
        if (got < MAX_REPLY)
            got += (size_t)r;
    }
    rep->text[got] = '\0';
    close(pipefd[0]);
    int status = 0;
    bool killed;
    /* Timed out: kill at once; else a little grace to exit. */
    reap(pid, rep->timed_out ? 0 : now_ms() + 1000, &status, &killed);
    rep->timed_out = rep->timed_out || killed;
    if (WIFSIGNALED(status))
        rep->signal = WTERMSIG(status);
    else if (WIFEXITED(status))
        rep->exit_code = WEXITSTATUS(status);
    return true;
}

/* The words for a helper that did not answer "ok": what it said (text),
 * or how it ended. what: "opening this PDF", "drawing page 3 of this PDF". */
static void explain_text(const char *text, bool timed_out, int signal, const char *what,
                         int limit_ms, char *err, size_t errsize)
{
    if (timed_out) {
        snprintf(err, errsize,
                 _("%s took longer than %d s: it may be damaged or too complex; save it again as "
                 "PDF, or as pictures"),
                 what, limit_ms / 1000);
    } else if (strncmp(text, "error password", 14) == 0) {
        snprintf(err, errsize, "%s", _(MSG_PASSWORD));
    } else if (strncmp(text, "error ", 6) == 0 &&
               strncmp(text, "error damaged", 13) != 0) {
        /* "error page ...", "error other ...": the helper's own words. */
        const char *words = strchr(text + 6, ' ');
        snprintf(err, errsize, "%.*s", (int)strcspn(words ? words + 1 : "", "\n"),
                 words ? words + 1 : "");
        if (!err[0])
            snprintf(err, errsize, "%s", _(MSG_DAMAGED));
    } else if (signal == SIGXCPU || signal == SIGKILL) {
        snprintf(err, errsize, _("%s took too long: save it again as PDF, or as pictures"), what);
    } else if (signal) {
        /* Poppler aborts when an allocation fails; a damaged file may
         * crash it. Either way the player goes on. */
        snprintf(err, errsize,
                 _("the PDF reader stopped while %s (the PDF needs more memory than the kiosk "
                 "allows, or it is damaged): save it again as PDF, or as pictures"),
                 what);
    } else { /* "error damaged", or no answer at all */
        snprintf(err, errsize, "%s", _(MSG_DAMAGED));
    }
}

static void explain(const reply *rep, const char *what, int limit_ms, char *err, size_t errsize)
{
    /* Exited without a word (it could not start, say): not the file's fault. */
    if (!rep->text[0] && !rep->timed_out && !rep->signal && rep->exit_code != 0) {
        snprintf(err, errsize, _("the PDF reader stopped without an answer (status %d)"),
                 rep->exit_code);
        return;
    }
    explain_text(rep->text, rep->timed_out, rep->signal, what, limit_ms, err, errsize);
}

/* The word at *p (after spaces) if it is want; moves past it. */
static bool word(const char **p, const char *want)
{
    while (**p == ' ' || **p == '\n')
        (*p)++;
    size_t n = strlen(want);
    if (strncmp(*p, want, n) != 0)
        return false;
    *p += n;
    return true;
}

/* A whole number at *p (after spaces), within int; moves past it. */
static bool number(const char **p, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(*p, &end, 10);
    if (end == *p || errno || v < INT32_MIN || v > INT32_MAX)
        return false;
    *out = (int)v;
    *p = end;
    return true;
}

/* A decimal number at *p, finite and above 0; moves past it. */
static bool size(const char **p, double *out)
{
    char *end;
    double v = strtod(*p, &end);
    if (end == *p || !(v > 0) || !isfinite(v))
        return false;
    *out = v;
    *p = end;
    return true;
}

bool bt_pdf_probe(const char *path, bt_pdf_info *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    int fd = open_pdf(path, err, errsize);
    if (fd < 0)
        return false;
    reply *rep = malloc(sizeof *rep); /* 64 KB: not on a worker's stack */
    bool ok = rep && run_helper("probe", fd, -1, 0, 0, 0, (bt_color){0, 0, 0, 255},
                                BT_MAX_PDF_OPEN_MS, 0, rep, err, errsize);
    close(fd);
    if (!rep)
        snprintf(err, errsize, _("out of memory"));
    int n = -1;
    const char *p = ok ? rep->text : "";
    if (ok && (rep->exit_code != 0 || rep->signal || rep->timed_out || !word(&p, "ok") ||
               !number(&p, &n) || n < 0)) {
        explain(rep, _("opening this PDF"), BT_MAX_PDF_OPEN_MS, err, errsize);
        ok = false;
    }
    if (ok && n == 0) {
        snprintf(err, errsize, _("this PDF has no pages"));
        ok = false;
    }
    int want = n < BT_MAX_PDF_PAGES ? n : BT_MAX_PDF_PAGES;
    if (ok && (!(out->w = calloc((size_t)want, sizeof *out->w)) ||
               !(out->h = calloc((size_t)want, sizeof *out->h)))) {
        snprintf(err, errsize, _("out of memory"));
        ok = false;
    }
    if (!ok) {
        bt_pdf_info_free(out);
        free(rep);
        return false;
    }
    out->n_pages = n;
    while (out->n_sizes < want) {
        double w, h;
        if (!word(&p, "page") || !size(&p, &w) || !size(&p, &h))
            break;
        out->w[out->n_sizes] = w;
        out->h[out->n_sizes] = h;
        out->n_sizes++;
    }
    free(rep);
    return true;
}

void bt_pdf_info_free(bt_pdf_info *info)
{
    free(info->w);
    free(info->h);
    memset(info, 0, sizeof *info);
}

int bt_pdf_pages(void *ctx, const char *path, char *err, size_t errsize)
{
    (void)ctx;
    bt_pdf_info info;
    if (!bt_pdf_probe(path, &info, err, errsize))
        return -1;
    int n = info.n_pages;
    bt_pdf_info_free(&info);
    return n;
}

SDL_Surface *bt_pdf_render(const char *path, int page, int w, int h, bt_color bg, char *err,
                           size_t errsize)
{
    if (w < 1 || h < 1 || (long long)w * h > BT_MAX_IMAGE_PIXELS || page < 1) {
        snprintf(err, errsize, _("a PDF page cannot be drawn at %dx%d"), w, h);
        return NULL;
    }
    int fd = open_pdf(path, err, errsize);
    if (fd < 0)
        return NULL;
    size_t bytes = (size_t)w * (size_t)h * 4;
    int mem = memfd_create("bangtin-pdf-page", MFD_CLOEXEC);
    int pix = mem >= 0 ? fcntl(mem, F_DUPFD_CLOEXEC, 10) : -1;
    if (mem >= 0)
        close(mem);
    if (pix < 0 || ftruncate(pix, (off_t)bytes) != 0) {
        snprintf(err, errsize, _("out of memory for the PDF page (%s)"), strerror(errno));
        if (pix >= 0)
            close(pix);
        close(fd);
        return NULL;
    }
    reply *rep = malloc(sizeof *rep);
    char what[64];
    snprintf(what, sizeof what, _("drawing page %d of this PDF"), page);
    bool started =
        rep && run_helper("render", fd, pix, page, w, h, bg, page_ms, 0, rep, err, errsize);
    if (!rep)
        snprintf(err, errsize, _("out of memory"));
    close(fd);
    SDL_Surface *s = NULL;
    if (started && !rep->timed_out && !rep->signal && rep->exit_code == 0 &&
        strncmp(rep->text, "ok", 2) == 0) {
        void *px = mmap(NULL, bytes, PROT_READ, MAP_SHARED, pix, 0);
        s = px != MAP_FAILED
                ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888)
                : NULL;
        if (s)
            for (int y = 0; y < h; y++)
                memcpy((Uint8 *)s->pixels + (size_t)y * s->pitch,
                       (const Uint8 *)px + (size_t)y * w * 4, (size_t)w * 4);
        else
            snprintf(err, errsize, _("out of memory for the PDF page"));
        if (px != MAP_FAILED)
            munmap(px, bytes);
    } else if (started) {
        explain(rep, what, page_ms, err, errsize);
    }
    free(rep);
    close(pix);
    return s;
}

/* --check's deep look: every page a PDF may show is drawn by one helper,
 * in turn, each within the time of a page, and the answers are kept for
 * the loader's calls page by page. */
struct bt_pdf_check {
    int w, h;
    int64_t budget_ms;
    int unchecked;
    char *path;      /* the PDF whose pages are below, or NULL */
    int n_pages;     /* its pages; results for the first n_results */
    int n_results;
    signed char *ok; /* 1 drawn, 0 not drawn (why[i] says why), -1 not reached */
    char **why;
};

bt_pdf_check *bt_pdf_check_new(int w, int h, int64_t budget_ms)
{
    bt_pdf_check *c = calloc(1, sizeof *c);
    if (c) {
        c->w = w;
        c->h = h;
        c->budget_ms = budget_ms;
    }
    return c;
}

static void forget(bt_pdf_check *c)
{
    for (int i = 0; i < c->n_results; i++)
        free(c->why[i]);
    free(c->why);
    free(c->ok);
    free(c->path);
    c->path = NULL;
    c->why = NULL;
    c->ok = NULL;
    c->n_pages = c->n_results = 0;
}

void bt_pdf_check_free(bt_pdf_check *c)
{
    if (c) {
        forget(c);
        free(c);
    }
}

int bt_pdf_check_unchecked(const bt_pdf_check *c)
{
    return c ? c->unchecked : 0;
}

static int check_from(bt_pdf_check *c, int fd, int from, reply *rep, char *err, size_t errsize);

/* Draws every page (up to BT_MAX_PDF_PAGES) of the PDF at path, fitted in
 * c's screen, in one helper, and keeps each page's answer. */
static bool check_all(bt_pdf_check *c, const char *path, char *err, size_t errsize)
{
    forget(c);
    bt_pdf_info info;
    if (!bt_pdf_probe(path, &info, err, errsize))
        return false;
    int n = info.n_sizes;
    c->n_pages = info.n_pages;
    bt_pdf_info_free(&info);
    if (n == 0) { /* no page with a size: nothing to draw */
        snprintf(err, errsize, "%s", _(MSG_DAMAGED));
        return false;
    }
    c->path = strdup(path);
    c->ok = malloc((size_t)n);
    c->why = calloc((size_t)n, sizeof *c->why);
    int fd = -1;
    reply *rep = NULL;
    if (!c->path || !c->ok || !c->why || !(rep = malloc(sizeof *rep))) {
        snprintf(err, errsize, _("out of memory"));
        free(rep);
        forget(c);
        return false;
    }
    memset(c->ok, -1, (size_t)n);
    c->n_results = n;
    if ((fd = open_pdf(path, err, errsize)) < 0) {
        free(rep);
        forget(c);
        return false;
    }
    /* From the first page; after a page that stops the helper (too long,
     * or it crashed), again from the one after it. */
    for (int from = 1; from <= n && c->budget_ms > 0;)
        from = check_from(c, fd, from, rep, err, errsize);
    close(fd);
    free(rep);
    return true;
}

/* One helper drawing the pages from page from on; returns the page to go
 * on from (past n when done, or when it cannot go on). */
static int check_from(bt_pdf_check *c, int fd, int from, reply *rep, char *err, size_t errsize)
{
    int n = c->n_results;
    int64_t t0 = now_ms();
    int limit = c->budget_ms > INT32_MAX ? INT32_MAX : (int)c->budget_ms;
    bool started = run_helper("check", fd, -1, from, c->w, c->h, (bt_color){0, 0, 0, 255}, limit,
                              page_ms, rep, err, errsize);
    c->budget_ms -= now_ms() - t0;
    if (!started)
        return n + 1;
    /* "page N ok" or "page N error KIND words", one line a page. */
    int last = from - 1;
    for (const char *p = rep->text; *p;) {
        int page;
        const char *eol = strchr(p, '\n'), *q = p;
        if (!eol)
            break; /* a line cut by the kill */
        if (word(&q, "page") && number(&q, &page) && page >= 1 && page <= n && q < eol) {
            q += *q == ' ';
            last = page;
            c->ok[page - 1] = strncmp(q, "ok", 2) == 0;
            if (!c->ok[page - 1]) {
                char line[600], words[600];
                snprintf(line, sizeof line, "%.*s", (int)(eol - q), q);
                explain_text(line, false, 0, _("drawing this page"), page_ms, words, sizeof words);
                c->why[page - 1] = strdup(words);
            }
        }
        p = eol + 1;
    }
    /* Stopped at a page: that one took too long, or crashed the helper
     * (not just the budget spent: those left stay unchecked). */
    if (last < n && (rep->timed_out || rep->signal) && (!rep->timed_out || c->budget_ms > 0)) {
        char what[64], words[600];
        snprintf(what, sizeof what, _("drawing page %d of this PDF"), last + 1);
        explain(rep, what, page_ms, words, sizeof words);
        c->ok[last] = 0;
        c->why[last] = strdup(words);
        return last + 2;
    }
    return n + 1;
}

bool bt_pdf_verify_page(void *ctx, const char *path, int page, char *err, size_t errsize)
{
    bt_pdf_check *c = ctx;
    bt_pdf_check local = {.w = 1920, .h = 1080, .budget_ms = BT_MAX_PDF_CHECK_MS};
    if (!c)
        c = &local;
    bool ok = true;
    if (!c->path || strcmp(c->path, path) != 0) {
        if (c->budget_ms <= 0) {
            c->unchecked++;
            return true;
        }
        if (!check_all(c, path, err, errsize))
            return false; /* cannot be opened: every page says so */
    }
    if (page > c->n_pages) {
        snprintf(err, errsize, _("this PDF has no page %d (it has %d)"), page, c->n_pages);
        ok = false;
    } else if (page > c->n_results || c->ok[page - 1] < 0) {
        c->unchecked++; /* beyond what one PDF may show, or the budget spent */
    } else if (!c->ok[page - 1]) {
        snprintf(err, errsize, "%s", c->why[page - 1] ? c->why[page - 1] : _(MSG_DAMAGED));
        ok = false;
    }
    if (c == &local)
        forget(c);
    return ok;
}

/* ==== the helper's side =================================================== */

/* Says one line on stdout and returns the exit status. */
static int answer(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int answer(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
    return status;
}

static bool parse_int(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* The document on descriptor 3, or NULL after answering why. */
static PopplerDocument *open_doc(int *status)
{
    GError *e = NULL;
    /* poppler takes the descriptor. */
    PopplerDocument *doc = poppler_document_new_from_fd(3, NULL, &e);
    if (doc)
        return doc;
    bool locked = e && e->domain == POPPLER_ERROR && e->code == POPPLER_ERROR_ENCRYPTED;
    *status = answer(1, "error %s %s\n", locked ? "password" : "damaged",
                     e && e->message ? e->message : "");
    if (e)
        g_error_free(e);
    return NULL;
}

/* Draws page into px (w x h, 4 bytes a pixel), fitted, on bg. The cairo
 * status; CAIRO_STATUS_INVALID_SIZE when the page has no size. */
static cairo_status_t paint_page(PopplerPage *page, unsigned char *px, int w, int h, unsigned bg)
{
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    if (!(pw > 0) || !(ph > 0) || !isfinite(pw) || !isfinite(ph))
        return CAIRO_STATUS_INVALID_SIZE;
    cairo_surface_t *cs = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_RGB24, w, h, w * 4);
    cairo_t *cr = cairo_create(cs);
    cairo_set_source_rgb(cr, (bg >> 16 & 255) / 255.0, (bg >> 8 & 255) / 255.0, (bg & 255) / 255.0);
    cairo_paint(cr);
    /* Contain, on whole pixels, so the paper's edge is sharp. */
    double f = fmin(w / pw, h / ph);
    double dw = fmax(1, fmin(w, round(pw * f))), dh = fmax(1, fmin(h, round(ph * f)));
    double ox = floor((w - dw) / 2), oy = floor((h - dh) / 2);
    cairo_rectangle(cr, ox, oy, dw, dh);
    cairo_set_source_rgb(cr, 1, 1, 1); /* the paper */
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    cairo_translate(cr, ox, oy);
    cairo_scale(cr, dw / pw, dh / ph);
    poppler_page_render(page, cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(cs);
    cairo_surface_destroy(cs);
    return st;
}

/* Draws the page fitted in w x h on bg into the pixels on descriptor 4. */
static int draw(PopplerDocument *doc, int index, int w, int h, unsigned bg)
{
    PopplerPage *page = poppler_document_get_page(doc, index);
    if (!page)
        return answer(1, "error page this PDF has no page %d (it has %d)\n", index + 1,
                      poppler_document_get_n_pages(doc));
    size_t bytes = (size_t)w * h * 4;
    unsigned char *px = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, 4, 0);
    if (px == MAP_FAILED) {
        g_object_unref(page);
        return answer(1, "error other the page cannot be drawn (%s)\n", strerror(errno));
    }
    cairo_status_t st = paint_page(page, px, w, h, bg);
    munmap(px, bytes);
    g_object_unref(page);
    if (st == CAIRO_STATUS_INVALID_SIZE)
        return answer(1, "error damaged page %d has no size\n", index + 1);
    if (st != CAIRO_STATUS_SUCCESS)
        return answer(1, "error other the page cannot be drawn (%s)\n",
                      cairo_status_to_string(st));
    return answer(0, "ok\n");
}

/* Draws each page from page from (up to BT_MAX_PDF_PAGES) at the size it
 * takes in a w x h screen, into memory of its own, and says how each went,
 * one line a page, as it goes: the parent gives each line the time of a
 * page. */
static int check_pages(PopplerDocument *doc, int n, int from, int w, int h)
{
    unsigned char *px = malloc((size_t)w * h * 4);
    if (!px)
        return answer(1, "error other out of memory\n");
    for (int i = from > 0 ? from - 1 : 0; i < n && i < BT_MAX_PDF_PAGES; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        double pw = 0, ph = 0;
        if (page)
            poppler_page_get_size(page, &pw, &ph);
        if (!page || !(pw > 0) || !(ph > 0) || !isfinite(pw) || !isfinite(ph)) {
            answer(0, "page %d error damaged\n", i + 1);
            if (page)
                g_object_unref(page);
            continue;
        }
        double f = fmin(w / pw, h / ph);
        int dw = (int)fmax(1, fmin(w, round(pw * f))), dh = (int)fmax(1, fmin(h, round(ph * f)));
        cairo_status_t st = paint_page(page, px, dw, dh, 0xffffff);
        g_object_unref(page);
        if (st == CAIRO_STATUS_SUCCESS)
            answer(0, "page %d ok\n", i + 1);
        else
            answer(0, "page %d error other the page cannot be drawn (%s)\n", i + 1,
                   cairo_status_to_string(st));
    }
    free(px);
    return 0;
}

int bt_pdf_helper_main(int argc, char **argv)
{
    long long parent, page, w, h, bg, mem, cpu;
    if (argc != 10 || !parse_int(argv[3], 1, INT32_MAX, &parent) ||
        !parse_int(argv[4], 0, INT32_MAX, &page) || !parse_int(argv[5], 0, 16384, &w) ||
        !parse_int(argv[6], 0, 16384, &h) || !parse_int(argv[8], 1 << 20, 1LL << 40, &mem) ||
        !parse_int(argv[9], 1, 3600, &cpu) || strlen(argv[7]) != 6) {
        fprintf(stderr, _("bangtin: %s is for bangtin's own use\n"), BT_PDF_HELPER_ARG);
        return 2;
    }
    bg = strtoll(argv[7], NULL, 16);
    /* Dies with the thread that started it (the player quitting), and
     * never outlives a parent that died before this line. */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != (pid_t)parent)
        return 1;
    /* The limits, before the first byte of the PDF is read. */
    struct rlimit as = {(rlim_t)mem, (rlim_t)mem}, cp = {(rlim_t)cpu, (rlim_t)cpu + 1},
                  core = {0, 0};
#ifdef __SANITIZE_ADDRESS__
    /* An AddressSanitizer build (make test-asan) reserves terabytes of
     * shadow memory: no address-space limit there; the time limits hold. */
    as.rlim_cur = as.rlim_max = RLIM_INFINITY;
#endif
    if (setrlimit(RLIMIT_AS, &as) != 0 || setrlimit(RLIMIT_CPU, &cp) != 0 ||
        setrlimit(RLIMIT_CORE, &core) != 0)
        return answer(1, "error other the PDF reader cannot limit itself (%s)\n",
                      strerror(errno));
    int status = 1;
    PopplerDocument *doc = open_doc(&status);
    if (!doc)
        return status;
    int n = poppler_document_get_n_pages(doc);
    if (strcmp(argv[2], "probe") == 0) {
        printf("ok %d\n", n);
        for (int i = 0; i < n && i < BT_MAX_PDF_PAGES; i++) {
            PopplerPage *p = poppler_document_get_page(doc, i);
            double pw = 0, ph = 0;
            if (p) {
                poppler_page_get_size(p, &pw, &ph);
                g_object_unref(p);
            }
            printf("page %.2f %.2f\n", pw, ph);
        }
        status = answer(0, "%s", "");
    } else if (strcmp(argv[2], "check") == 0 && w >= 1 && h >= 1) {
        status = check_pages(doc, n, (int)page, (int)w, (int)h);
    } else if (strcmp(argv[2], "render") == 0 && page >= 1 && w >= 1 && h >= 1) {
        status = page > n ? answer(1, "error page this PDF has no page %lld (it has %d)\n", page, n)
                          : draw(doc, (int)page - 1, (int)w, (int)h, (unsigned)bg);
    } else {
        status = answer(2, "error other unknown request\n");
    }
    g_object_unref(doc);
    return status;
}
