/* The play log: the line format, appending, torn lines, monthly rotation,
 * pruning, an unusable folder, and a writer killed with SIGKILL.
 *
 * Records are dated in 2099, far after any build date, so that the clock
 * that wrote them counts as known (bt_clock_known) and they rotate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fake_clock.h"

#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/bounds.h"
#include "library/playlog.h"
#include "library/report.h"

/* ---- helpers ---------------------------------------------------------------- */

/* A fresh temporary library folder per test, removed afterwards. */
static int make_dir(void **state)
{
    char *dir = strdup("/tmp/bt-playlog-XXXXXX");
    if (!dir || !mkdtemp(dir)) {
        free(dir);
        return -1;
    }
    *state = dir;
    return 0;
}

static void remove_tree(const char *dir)
{
    chmod(dir, 0755);
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
                unlinkat(dirfd(d), e->d_name, 0);
        closedir(d);
    }
    rmdir(dir);
}

static int remove_dir(void **state)
{
    remove_tree(*state);
    free(*state);
    return 0;
}

static char *path_in(const char *dir, const char *name)
{
    static char buf[1024];
    if (snprintf(buf, sizeof buf, "%s/%s", dir, name) >= (int)sizeof buf)
        fail_msg("path too long: %s/%s", dir, name);
    return buf;
}

/* The whole file (NUL-terminated; *len without the NUL), or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    do {
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            char *b = realloc(buf, cap);
            if (!b) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = b;
        }
        r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
    } while (r > 0);
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int count_char(const char *s, char c)
{
    int n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

/* ---- the line format -------------------------------------------------------- */

static void format_round_trip(void **state)
{
    (void)state;
    static const struct {
        const char *title, *playlist, *id;
        double seconds;
        bool touch;
        const char *line;      /* expected text after the time and its comma */
        const char *pl_back;   /* what parsing gives back */
        const char *id_back;
        long long tenths;
    } cases[] = {
        {"plain", "An toàn", "otp", 12, false, "An toàn,otp,12.0,loop\n", "An toàn", "otp", 120},
        {"comma", "Phường 1, Quận 3", "otp", 2.45, false,
         "\"Phường 1, Quận 3\",otp,2.5,loop\n", "Phường 1, Quận 3", "otp", 25},
        {"quotes", "Chiến dịch \"An toàn\"", "lua-dao", 30.04, true,
         "\"Chiến dịch \"\"An toàn\"\"\",lua-dao,30.0,touch\n", "Chiến dịch \"An toàn\"",
         "lua-dao", 300},
        {"quote and comma in id", "p", "a,\"b\"", 1, false, "p,\"a,\"\"b\"\"\",1.0,loop\n", "p",
         "a,\"b\"", 10},
        {"newline becomes a space", "line\none", "id\r\n", 0.05, false,
         "line one,id  ,0.1,loop\n", "line one", "id  ", 1},
        {"empty playlist", "", "otp", 0, false, ",otp,0.0,loop\n", "", "otp", 0},
        {"NULL playlist", NULL, "otp", 3600.25, true, ",otp,3600.3,touch\n", "", "otp", 36003},
        {"negative seconds", "p", "x", -3, false, "p,x,0.0,loop\n", "p", "x", 0},
        {"NaN seconds", "p", "x", NAN, false, "p,x,0.0,loop\n", "p", "x", 0},
    };
    time_t when = at_s(2026, 11, 29, 8, 15, 7);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[8192];
        size_t n = bt_playlog_format(buf, sizeof buf, when, cases[i].playlist, cases[i].id,
                                     cases[i].seconds, cases[i].touch);
        assert_int_equal(n, strlen(buf));
        if (strncmp(buf, "2026-11-29T08:15:07+07:00,", 26) != 0 ||
            strcmp(buf + 26, cases[i].line) != 0)
            fail_msg("%s: wrote [%s]", cases[i].title, buf);
        assert_int_equal(count_char(buf, '\n'), 1); /* one record, one line */
        buf[n - 1] = '\0';
        bt_play p;
        if (!bt_playlog_parse(buf, &p))
            fail_msg("%s: does not parse back", cases[i].title);
        assert_string_equal(p.playlist, cases[i].pl_back);
        assert_string_equal(p.id, cases[i].id_back);
        assert_int_equal(p.tenths, cases[i].tenths);
        assert_int_equal(p.touch, cases[i].touch);
        assert_int_equal(p.date.y, 2026);
        assert_int_equal(p.date.m, 11);
        assert_int_equal(p.date.d, 29);
        assert_int_equal(p.hour * 3600 + p.minute * 60 + p.second, 8 * 3600 + 15 * 60 + 7);
        assert_int_equal(p.utc_offset_min, 420);
    }
}

/* The screen's time on is a record of its own kind, read back as such. */
static void screen_record_round_trip(void **state)
{
    char *dir = *state;
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    assert_non_null(log);
    assert_true(bt_playlog_add_screen(log, at_s(2026, 11, 29, 7, 0, 0), 3599.96));
    bt_playlog_close(log);
    char path[600], line[256];
    snprintf(path, sizeof path, "%s/plays.csv", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, BT_PLAYLOG_HEADER "\n");
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_string_equal(line, "2026-11-29T07:00:00+07:00,,on,3600.0,screen\n");
    line[strlen(line) - 1] = '\0';
    bt_play p;
    assert_true(bt_playlog_parse(line, &p));
    assert_true(p.screen);
    assert_false(p.touch);
    assert_string_equal(p.id, BT_PLAYLOG_SCREEN_ID);
    assert_int_equal(p.tenths, 36000);
}

/* A huge field is cut at a character boundary and still makes one line. */
static void format_cuts_long_fields(void **state)
{
    (void)state;
    char id[5000];
    for (size_t i = 0; i + 2 < sizeof id; i += 2)
        memcpy(id + i, "\xc3\xa0", 2); /* "à", two bytes */
    id[sizeof id - 2] = '\0';
    char buf[8192];
    size_t n = bt_playlog_format(buf, sizeof buf, at(2026, 1, 1, 0, 0), id, id, 1, false);
    assert_true(n > 0 && n < 4096);
    buf[n - 1] = '\0';
    bt_play p;
    assert_true(bt_playlog_parse(buf, &p));
    assert_int_equal(strlen(p.id), 1024);
    /* Too small a buffer: nothing, not half a line. */
    assert_int_equal(bt_playlog_format(buf, 20, at(2026, 1, 1, 0, 0), "p", "x", 1, false), 0);
    assert_string_equal(buf, "");
}

static void parse_rejects_garbage(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "",
        BT_PLAYLOG_HEADER,
        "2026-11-29T08:15:00+07:00,p,otp,12.0",           /* torn before the mode */
        "2026-11-29T08:15:00+07:00,p,otp,12.0,lo",        /* torn in the mode */
        "2026-11-29T08:15:00+07:00,p,otp,1",              /* torn in the seconds */
        "2026-11-29T08:15:00+07:00,\"p,otp,12.0,loop",    /* torn in a quoted field */
        "2026-11-29T08:1",                                /* torn in the time */
        "2026-11-29T08:15:00+07:00,p,,12.0,loop",         /* no id */
        "2026-11-29T08:15:00+07:00,p,otp,12.0,loop,x",    /* a field too many */
        "2026-11-29T08:15:00+07:00,p\"q,otp,12.0,loop",   /* a quote in a bare field */
        "2026-11-29T08:15:00+07:00,\"p\"x,otp,12.0,loop", /* text after a closing quote */
        "2026-11-29T08:15:00+07:00,p,otp,12.0,LOOP",
        "2026-11-29T08:15:00+07:00,p,otp,-1.0,loop",
        "2026-11-29T08:15:00+07:00,p,otp,1e3,loop",
        "2026-11-29T08:15:00+07:00,p,otp,.5,loop",
        "2026-02-30T08:15:00+07:00,p,otp,12.0,loop",      /* no such date */
        "2026-11-29T24:15:00+07:00,p,otp,12.0,loop",
        "2026-11-29 08:15:00+07:00,p,otp,12.0,loop",
        "2026-11-29T08:15:00+0700,p,otp,12.0,loop",
        "\x01\x02garbage",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", lines[i]);
        bt_play p;
        if (bt_playlog_parse(buf, &p))
            fail_msg("parsed garbage: [%s]", lines[i]);
    }
    /* What a spreadsheet may leave: a BOM, CRLF. */
    char crlf[] = "\xef\xbb\xbf" "2026-11-29T08:15:00-03:30,p,otp,12,loop\r";
    bt_play p;
    assert_true(bt_playlog_parse(crlf, &p));
    assert_int_equal(p.utc_offset_min, -210);
    assert_int_equal(p.tenths, 120);
}

static void rotated_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        bool ok;
        int y, m;
    } cases[] = {
        {"plays-2026-11.csv", true, 2026, 11},  {"plays-2026-01.2.csv", true, 2026, 1},
        {"plays-2026-11.12.csv", true, 2026, 11}, {"plays.csv", false, 0, 0},
        {"plays-2026-13.csv", false, 0, 0},     {"plays-2026-00.csv", false, 0, 0},
        {"plays-2026-11.csv~", false, 0, 0},    {"plays-2026-11.0.csv", false, 0, 0},
        {"plays-2026-11.txt", false, 0, 0},     {"plays-26-11.csv", false, 0, 0},
        {"plays-2026-11..csv", false, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int y = 0, m = 0;
        bool ok = bt_playlog_rotated_month(cases[i].name, &y, &m);
        if (ok != cases[i].ok || (ok && (y != cases[i].y || m != cases[i].m)))
            fail_msg("%s: %d %d-%d", cases[i].name, ok, y, m);
    }
}

/* ---- the file --------------------------------------------------------------- */

static void appends_and_reads_back(void **state)
{
    const char *dir = *state;
    char err[256];
    bt_playlog *log = bt_playlog_open(dir, err, sizeof err);
    assert_non_null(log);
    assert_string_equal(err, "");
    assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 15), "An toàn", "otp", 12, false));
    assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 16), "An toàn", "lua-dao", 42.5, true));
    bt_playlog_close(log);
    /* Reopened, it appends after what is there, without a second header. */
    log = bt_playlog_open(dir, err, sizeof err);
    assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 17), "An toàn", "mat-khau", 8, false));
    bt_playlog_close(log);

    char *text = slurp(path_in(dir, "plays.csv"), NULL);
    assert_non_null(text);
    assert_string_equal(text, BT_PLAYLOG_HEADER "\n"
                              "2099-11-29T08:15:00+07:00,An toàn,otp,12.0,loop\n"
                              "2099-11-29T08:16:00+07:00,An toàn,lua-dao,42.5,touch\n"
                              "2099-11-29T08:17:00+07:00,An toàn,mat-khau,8.0,loop\n");
    free(text);
}

/* A line torn by a power cut: the next record starts on a new line, and
 * the report counts the fragment as skipped, not as a play. */
static void torn_line_is_isolated(void **state)
{
    const char *dir = *state;
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 0), "p", "a", 10, false));
    bt_playlog_close(log);
    write_file(path_in(dir, "plays.csv"), "2099-11-29T08:00:10+07:00,p,b,1"); /* half a line */

    bt_report_stats st;
    bt_date d = {2099, 11, 29};
    FILE *devnull = fopen("/dev/null", "w");
    assert_int_equal(bt_report_write_stats(dir, d, d, devnull, &st, NULL, 0), 1);
    assert_int_equal(st.skipped, 1);

    log = bt_playlog_open(dir, NULL, 0);
    assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 1), "p", "c", 5, false));
    bt_playlog_close(log);
    char *text = slurp(path_in(dir, "plays.csv"), NULL);
    assert_string_equal(text, BT_PLAYLOG_HEADER "\n"
                              "2099-11-29T08:00:00+07:00,p,a,10.0,loop\n"
                              "2099-11-29T08:00:10+07:00,p,b,1\n"
                              "2099-11-29T08:01:00+07:00,p,c,5.0,loop\n");
    free(text);
    assert_int_equal(bt_report_write_stats(dir, d, d, devnull, &st, NULL, 0), 2);
    assert_int_equal(st.skipped, 1);
    fclose(devnull);
}

/* Many adds in a burst reach the card once, on close, not per line. */
static void sync_is_batched(void **state)
{
    const char *dir = *state;
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    for (int i = 0; i < 200; i++)
        assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 0) + i, "p", "a", 10, false));
    assert_int_equal(bt_playlog_sync_count(log), 0);
    assert_true(bt_playlog_sync(log));
    assert_int_equal(bt_playlog_sync_count(log), 1);
    assert_true(bt_playlog_sync(log)); /* nothing new: no second flush */
    assert_int_equal(bt_playlog_sync_count(log), 1);
    bt_playlog_close(log);
}

/* ---- the spool: records wait in RAM, the card is written once a minute ---- */

static int count_lines(const char *text)
{
    int n = 0;
    for (const char *c = text; c && *c; c++)
        n += *c == '\n';
    return n;
}

/* dir/run, the spool's folder (on a kiosk, /run/bangtin in RAM). */
static void make_run_dir(const char *dir, char *run, size_t size)
{
    snprintf(run, size, "%s/run", dir);
    assert_int_equal(mkdir(run, 0700), 0);
}

/* With a spool, adds write nothing to plays.csv; a sync moves them all in
 * one flush, and close moves what came after. */
static void spool_holds_records_until_sync(void **state)
{
    const char *dir = *state;
    char run[1024];
    make_run_dir(dir, run, sizeof run);
    char err[256];
    bt_playlog *log = bt_playlog_open(dir, err, sizeof err);
    assert_true(bt_playlog_spool(log, run, err, sizeof err));
    assert_string_equal(err, "");
    for (int i = 0; i < 100; i++)
        assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 0) + i, "p", "a", 10, false));
    char *card = slurp(path_in(dir, "plays.csv"), NULL);
    assert_string_equal(card, ""); /* nothing reached the card yet */
    free(card);
    char *pending = slurp(path_in(run, "plays.pending"), NULL);
    assert_int_equal(count_lines(pending), 100);
    free(pending);
    assert_int_equal(bt_playlog_sync_count(log), 0);

    assert_true(bt_playlog_sync(log));
    assert_int_equal(bt_playlog_sync_count(log), 1);
    card = slurp(path_in(dir, "plays.csv"), NULL);
    assert_int_equal(count_lines(card), 101); /* the header and 100 records */
    assert_true(strncmp(card, BT_PLAYLOG_HEADER "\n2099-11-29T08:00:00+07:00,p,a,10.0,loop\n",
                        strlen(BT_PLAYLOG_HEADER) + 41) == 0);
    free(card);
    pending = slurp(path_in(run, "plays.pending"), NULL);
    assert_string_equal(pending, "");
    free(pending);

    assert_true(bt_playlog_add(log, at(2099, 11, 29, 9, 0), "p", "b", 5, true));
    bt_playlog_close(log);
    card = slurp(path_in(dir, "plays.csv"), NULL);
    assert_int_equal(count_lines(card), 102);
    assert_non_null(strstr(card, "2099-11-29T09:00:00+07:00,p,b,5.0,touch\n"));
    free(card);
}

/* A run killed with records in the spool: the next run moves them, once,
 * also when the killed run had already moved them but not emptied the
 * spool; a torn fragment at the spool's end is dropped. */
static void spool_left_by_a_killed_run_is_moved_once(void **state)
{
    const char *dir = *state;
    char run[1024];
    make_run_dir(dir, run, sizeof run);
    const char *recs = "2099-11-29T08:00:00+07:00,p,a,10.0,loop\n"
                       "2099-11-29T08:00:10+07:00,p,b,10.0,loop\n";
    char pending[1100];
    snprintf(pending, sizeof pending, "%s/plays.pending", run);
    char torn[200];
    snprintf(torn, sizeof torn, "%s2099-11-29T08:00:2", recs);
    write_file(pending, torn);

    char err[256];
    for (int round = 0; round < 2; round++) {
        bt_playlog *log = bt_playlog_open(dir, err, sizeof err);
        assert_true(bt_playlog_spool(log, run, err, sizeof err));
        char *card = slurp(path_in(dir, "plays.csv"), NULL);
        char want[400];
        snprintf(want, sizeof want, "%s\n%s", BT_PLAYLOG_HEADER, recs);
        assert_string_equal(card, want);
        free(card);
        char *left = slurp(pending, NULL);
        assert_string_equal(left, "");
        free(left);
        bt_playlog_close(log);
        /* As if a run had moved them and was killed before emptying it. */
        write_file(pending, recs);
    }
    /* Other records are moved, after the earlier ones. */
    assert_int_equal(truncate(pending, 0), 0);
    write_file(pending, "2099-11-29T08:01:00+07:00,p,c,1.0,loop\n");
    bt_playlog *log = bt_playlog_open(dir, err, sizeof err);
    assert_true(bt_playlog_spool(log, run, err, sizeof err));
    bt_playlog_close(log);
    char *card = slurp(path_in(dir, "plays.csv"), NULL);
    assert_int_equal(count_lines(card), 4);
    assert_non_null(strstr(card, recs));
    assert_non_null(strstr(card, "loop\n2099-11-29T08:01:00+07:00,p,c,1.0,loop\n"));
    free(card);
}

/* Records of a month go to that month's file, spooled or not. */
static void spool_rotates_by_month(void **state)
{
    const char *dir = *state;
    char run[1024];
    make_run_dir(dir, run, sizeof run);
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    assert_true(bt_playlog_spool(log, run, NULL, 0));
    assert_true(bt_playlog_add(log, at(2099, 11, 30, 23, 59), "p", "a", 10, false));
    assert_true(bt_playlog_add(log, at(2099, 12, 1, 0, 0), "p", "b", 10, false));
    bt_playlog_close(log);
    char *old = slurp(path_in(dir, "plays-2099-11.csv"), NULL);
    char *cur = slurp(path_in(dir, "plays.csv"), NULL);
    assert_non_null(old);
    assert_non_null(cur);
    assert_non_null(strstr(old, "2099-11-30T23:59:00+07:00,p,a,"));
    assert_null(strstr(old, ",p,b,"));
    assert_non_null(strstr(cur, "2099-12-01T00:00:00+07:00,p,b,"));
    assert_null(strstr(cur, ",p,a,"));
    free(old);
    free(cur);
}

/* ---- rotation and pruning ----------------------------------------------------- */

static void rotates_by_month(void **state)
{
    const char *dir = *state;
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    assert_true(bt_playlog_add(log, at(2099, 10, 31, 23, 59), "p", "oct", 1, false));
    assert_true(bt_playlog_add(log, at(2099, 11, 1, 0, 0), "p", "nov", 1, false));
    bt_playlog_close(log);
    char *text = slurp(path_in(dir, "plays-2099-10.csv"), NULL);
    assert_string_equal(text, BT_PLAYLOG_HEADER "\n2099-10-31T23:59:00+07:00,p,oct,1.0,loop\n");
    free(text);
    text = slurp(path_in(dir, "plays.csv"), NULL);
    assert_string_equal(text, BT_PLAYLOG_HEADER "\n2099-11-01T00:00:00+07:00,p,nov,1.0,loop\n");
    free(text);

    /* A new run learns the month from the file and rotates on its own. */
    log = bt_playlog_open(dir, NULL, 0);
    assert_true(bt_playlog_add(log, at(2099, 12, 1, 7, 0), "p", "dec", 1, false));
    assert_true(exists(path_in(dir, "plays-2099-11.csv")));
    /* The clock goes back a month: nothing is overwritten. */
    assert_true(bt_playlog_add(log, at(2099, 11, 30, 7, 0), "p", "nov2", 1, false));
    assert_true(exists(path_in(dir, "plays-2099-12.csv")));
    assert_true(bt_playlog_add(log, at(2099, 12, 1, 8, 0), "p", "dec2", 1, false));
    bt_playlog_close(log);
    text = slurp(path_in(dir, "plays-2099-11.csv"), NULL);
    assert_non_null(strstr(text, ",nov,"));
    free(text);
    text = slurp(path_in(dir, "plays-2099-11.2.csv"), NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, ",nov2,"));
    free(text);

    /* Every record is still counted once. */
    bt_date from = {2099, 1, 1}, to = {2099, 12, 31};
    FILE *devnull = fopen("/dev/null", "w");
    bt_report_stats st;
    assert_int_equal(bt_report_write_stats(dir, from, to, devnull, &st, NULL, 0), 5);
    assert_int_equal(st.skipped, 0);
    fclose(devnull);
}

/* Records from a clock that is not set (1970) neither rotate nor prune. */
static void unset_clock_does_not_rotate(void **state)
{
    const char *dir = *state;
    write_file(path_in(dir, "plays-2098-01.csv"), "old\n");
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 0), "p", "a", 1, false));
    assert_true(bt_playlog_add(log, 60, "p", "b", 1, false));
    assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 2), "p", "c", 1, false));
    bt_playlog_close(log);
    char *text = slurp(path_in(dir, "plays.csv"), NULL);
    assert_int_equal(count_char(text, '\n'), 4);
    /* (Saigon was on +08:00 in 1970: the offset is the zone's, not fixed.) */
    const char *b = strstr(text, ",p,b,1.0,loop\n");
    assert_non_null(b);
    assert_int_equal(strncmp(b - 26, "\n1970-01-01T0", 13), 0);
    free(text);
    assert_false(exists(path_in(dir, "plays-1970-01.csv")));
    assert_true(exists(path_in(dir, "plays-2098-01.csv")));

    /* A file that starts with 1970 records takes the month of its first
     * known one. */
    remove(path_in(dir, "plays.csv"));
    log = bt_playlog_open(dir, NULL, 0);
    assert_true(bt_playlog_add(log, 60, "p", "b", 1, false));
    assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 0), "p", "a", 1, false));
    bt_playlog_close(log);
    log = bt_playlog_open(dir, NULL, 0);
    assert_true(bt_playlog_add(log, at(2099, 12, 1, 8, 0), "p", "c", 1, false));
    bt_playlog_close(log);
    text = slurp(path_in(dir, "plays-2099-11.csv"), NULL);
    assert_non_null(text);
    assert_int_equal(count_char(text, '\n'), 3);
    free(text);
}

/* Rotated files are kept by their count: the newest 24 months stay,
 * older ones go, whatever the clock says. */
static void prunes_by_count(void **state)
{
    const char *dir = *state;
    /* 26 months of files, and two that are not play logs. */
    for (int i = 0; i < 26; i++) {
        char name[64];
        snprintf(name, sizeof name, "plays-%04d-%02d.csv", 2097 + (i + 8) / 12, (i + 8) % 12 + 1);
        write_file(path_in(dir, name), "x\n");
    }
    write_file(path_in(dir, "plays-2096-01.txt"), "x\n");
    write_file(path_in(dir, "notes.csv"), "x\n");
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    assert_true(bt_playlog_add(log, at(2099, 10, 30, 8, 0), "p", "a", 1, false));
    assert_true(exists(path_in(dir, "plays-2097-09.csv"))); /* only on rotation */
    assert_true(bt_playlog_add(log, at(2099, 11, 1, 8, 0), "p", "b", 1, false));
    bt_playlog_close(log);
    /* 27 rotated files now (2097-09 .. 2099-10 with the one just rotated):
     * the three oldest are gone. */
    assert_false(exists(path_in(dir, "plays-2097-09.csv")));
    assert_false(exists(path_in(dir, "plays-2097-10.csv")));
    assert_false(exists(path_in(dir, "plays-2097-11.csv")));
    assert_true(exists(path_in(dir, "plays-2097-12.csv")));
    assert_true(exists(path_in(dir, "plays-2099-10.csv")));
    assert_true(exists(path_in(dir, "plays-2096-01.txt")));
    assert_true(exists(path_in(dir, "notes.csv")));
}

/* A clock read years ahead (a bad RTC, a typo when setting the date) and
 * then set right deletes nothing: the year's proof of play still adds up. */
static void a_clock_years_ahead_deletes_nothing(void **state)
{
    const char *dir = *state;
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    int plays = 0;
    for (int m = 1; m <= 11; m++)
        for (int k = 0; k < 2; k++, plays++)
            assert_true(bt_playlog_add(log, at(2026, m, 10 + k, 9, 0), "p", "a", 10, false));
    assert_true(bt_playlog_add(log, at(2026, 11, 29, 9, 0), "p", "b", 10, false));
    plays++;
    assert_true(bt_playlog_add(log, at(2031, 3, 1, 9, 0), "p", "c", 10, false)); /* ahead */
    assert_true(bt_playlog_add(log, at(2026, 11, 30, 9, 0), "p", "d", 10, false)); /* set right */
    plays++;
    bt_playlog_close(log);
    char err[256];
    bt_date from = {2026, 1, 1}, to = {2026, 12, 31};
    bt_report_stats st;
    FILE *out = fopen("/dev/null", "w");
    int counted = bt_report_write_stats(dir, from, to, out, &st, err, sizeof err);
    fclose(out);
    assert_int_equal(counted, plays);
}

/* A playlist of one-second slides must not fill the card: a day holds at
 * most BT_MAX_PLAYS_PER_DAY records, and the next day records again. */
static void a_day_is_bounded(void **state)
{
    const char *dir = *state;
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    time_t t = at(2026, 5, 4, 7, 0);
    int written = 0;
    for (int i = 0; i < BT_MAX_PLAYS_PER_DAY + 500; i++)
        written += bt_playlog_add(log, t + i, "p", "s", 1, false);
    assert_int_equal(written, BT_MAX_PLAYS_PER_DAY);
    assert_true(bt_playlog_add(log, at(2026, 5, 5, 7, 0), "p", "s", 1, false));
    bt_playlog_close(log);
    char *text = slurp(path_in(dir, "plays.csv"), NULL);
    assert_non_null(text);
    assert_int_equal(count_char(text, '\n'), BT_MAX_PLAYS_PER_DAY + 2); /* and the header */
    free(text);
}

/* ---- an unusable folder ------------------------------------------------------- */

/* Counts the lines a call writes to stderr. */
static int stderr_lines_of(void (*fn)(const char *), const char *arg)
{
    char tmpl[] = "/tmp/bt-stderr-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    fn(arg);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
    char *text = slurp(tmpl, NULL);
    unlink(tmpl);
    int n = count_char(text, '\n');
    free(text);
    return n;
}

static void add_many(const char *dir)
{
    char err[256];
    bt_playlog *log = bt_playlog_open(dir, err, sizeof err);
    assert_non_null(log);
    assert_true(err[0] != '\0');
    for (int i = 0; i < 5; i++)
        assert_false(bt_playlog_add(log, at(2099, 11, 29, 8, i), "p", "a", 1, false));
    assert_false(bt_playlog_sync(log));
    bt_playlog_close(log);
}

static void missing_folder_logs_once(void **state)
{
    const char *dir = *state;
    char missing[512];
    snprintf(missing, sizeof missing, "%s/library", dir);
    assert_int_equal(stderr_lines_of(add_many, missing), 1);

    /* The folder appears later (the first import creates it): it works. */
    bt_playlog *log = bt_playlog_open(missing, NULL, 0);
    assert_false(bt_playlog_add(log, at(2099, 11, 29, 8, 0), "p", "a", 1, false));
    assert_int_equal(mkdir(missing, 0755), 0);
    assert_true(bt_playlog_add(log, at(2099, 11, 29, 8, 1), "p", "b", 1, false));
    bt_playlog_close(log);
    char *text = slurp(path_in(missing, "plays.csv"), NULL);
    assert_int_equal(count_char(text, '\n'), 2);
    free(text);
    remove_tree(missing);

    /* NULL handles are harmless. */
    assert_false(bt_playlog_add(NULL, 0, "p", "a", 1, false));
    assert_false(bt_playlog_sync(NULL));
    bt_playlog_close(NULL);
}

static void read_only_folder(void **state)
{
    const char *dir = *state;
    char ro[512];
    if (geteuid() == 0) {
        /* root writes anywhere: a file in place of the folder fails alike. */
        snprintf(ro, sizeof ro, "%s/file", dir);
        write_file(ro, "x");
    } else {
        snprintf(ro, sizeof ro, "%s/ro", dir);
        assert_int_equal(mkdir(ro, 0555), 0);
    }
    assert_int_equal(stderr_lines_of(add_many, ro), 1);
    chmod(ro, 0755);
    remove_tree(ro);
    remove(ro);
}

/* ---- kill -9 ------------------------------------------------------------------ */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A writer killed with SIGKILL at a random moment leaves every earlier line
 * whole, and the next run appends cleanly after it. */
static void survives_kill_9(void **state)
{
    const char *dir = *state;
    unsigned seed = (unsigned)getpid() ^ (unsigned)time(NULL);
    int target = 200 + (int)(rand_r(&seed) % 3000);
    time_t base = at(2099, 11, 29, 8, 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        bt_playlog *log = bt_playlog_open(dir, NULL, 0);
        pid_t parent = getppid();
        for (long i = 0; i < 2000000 && getppid() == parent; i++) {
            char id[32];
            snprintf(id, sizeof id, i % 3 ? "slide-%ld" : "s,\"%ld\"", i % 17);
            bt_playlog_add(log, base + i % 3600, "Chiến dịch, 2099", id, (double)(i % 100) / 7,
                           i % 5 == 0);
        }
        _exit(0);
    }

    /* Waits for the file to hold target lines, then kills the writer. */
    const char *path = path_in(dir, "plays.csv");
    double deadline = now_s() + 20;
    int lines = 0;
    while (lines < target && now_s() < deadline) {
        char *text = slurp(path, NULL);
        lines = text ? count_char(text, '\n') : 0;
        free(text);
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    if (lines < target)
        fail_msg("the writer wrote %d of %d lines in 20 s", lines, target);
    assert_true(WIFSIGNALED(status));

    /* Every line but a possibly torn last one parses. */
    size_t len;
    char *text = slurp(path, &len);
    assert_non_null(text);
    assert_int_equal(strlen(text), len);
    int whole = 0;
    char *p = text;
    assert_int_equal(strncmp(p, BT_PLAYLOG_HEADER "\n", sizeof BT_PLAYLOG_HEADER), 0);
    p += sizeof BT_PLAYLOG_HEADER;
    for (char *nl; (nl = strchr(p, '\n')); p = nl + 1, whole++) {
        *nl = '\0';
        bt_play play;
        if (!bt_playlog_parse(p, &play))
            fail_msg("line %d after the header is broken: [%s] (target %d)", whole + 1, p, target);
    }
    free(text);
    assert_true(whole + 1 >= target);

    /* The next run appends after it; the report counts every whole line. */
    bt_playlog *log = bt_playlog_open(dir, NULL, 0);
    assert_true(bt_playlog_add(log, base, "after", "restart", 1, false));
    bt_playlog_close(log);
    bt_date d = {2099, 11, 29};
    FILE *devnull = fopen("/dev/null", "w");
    bt_report_stats st;
    int plays = bt_report_write_stats(dir, d, d, devnull, &st, NULL, 0);
    fclose(devnull);
    /* A torn tail is skipped, unless the cut fell just before its '\n'. */
    assert_true(st.skipped <= 1);
    assert_true(plays == whole + 1 || (plays == whole + 2 && st.skipped == 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(format_round_trip),
        cmocka_unit_test_setup_teardown(screen_record_round_trip, make_dir, remove_dir),
        cmocka_unit_test(format_cuts_long_fields),
        cmocka_unit_test(parse_rejects_garbage),
        cmocka_unit_test(rotated_names),
        cmocka_unit_test_setup_teardown(appends_and_reads_back, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(torn_line_is_isolated, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(sync_is_batched, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(spool_holds_records_until_sync, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(spool_left_by_a_killed_run_is_moved_once, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(spool_rotates_by_month, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(rotates_by_month, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(unset_clock_does_not_rotate, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(prunes_by_count, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(a_clock_years_ahead_deletes_nothing, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(a_day_is_bounded, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(missing_folder_logs_once, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(read_only_folder, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(survives_kill_9, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, setup_tz, NULL);
}
