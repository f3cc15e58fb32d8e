/* options.c: command-line parsing through one table of options. */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/values.h"

typedef enum { OPT_FLAG, OPT_STRING, OPT_SIZE, OPT_ROTATE, OPT_TIME, OPT_WATCH } opt_kind;

/* One row per option: its name, what it takes, and where it goes. */
static const struct {
    const char *name;
    opt_kind kind;
    size_t field;  /* offsetof into bt_options */
    size_t field2; /* second int for sizes; flag set alongside for others */
} table[] = {
    {"--check", OPT_FLAG, offsetof(bt_options, check), 0},
    {"--render", OPT_STRING, offsetof(bt_options, render_dir), 0},
    {"--size", OPT_SIZE, offsetof(bt_options, size_w), offsetof(bt_options, size_h)},
    {"--window", OPT_SIZE, offsetof(bt_options, window_w), offsetof(bt_options, window_h)},
    {"--rotate", OPT_ROTATE, offsetof(bt_options, rotate), 0},
    {"--library", OPT_STRING, offsetof(bt_options, library), 0},
    {"--watch", OPT_WATCH, 0, 0},
    {"--now", OPT_TIME, offsetof(bt_options, now), offsetof(bt_options, has_now)},
    {"--report", OPT_STRING, offsetof(bt_options, report), 0},
    {"--pair", OPT_STRING, offsetof(bt_options, pair), 0},
    {"--unpaired-ok", OPT_FLAG, offsetof(bt_options, unpaired_ok), 0},
    {"--version", OPT_FLAG, offsetof(bt_options, version), 0},
    {"--help", OPT_FLAG, offsetof(bt_options, help), 0},
};

const char *bt_options_usage(void)
{
    return "Usage: bangtin [OPTIONS] [PLAYLIST]\n"
           "  PLAYLIST            YAML playlist; default: the library's current playlist,\n"
           "                      else the bundled playlists/awareness.yaml\n"
           "  --check             validate PLAYLIST and every asset it names, print problems\n"
           "                      as FILE:LINE:COL: error|warning: MESSAGE; exit 0 if usable\n"
           "  --render DIR        render every slide to PNG files in DIR, without a display\n"
           "  --size WxH          canvas for --render (default 1920x1080)\n"
           "  --window WxH        a window instead of fullscreen (Esc quits)\n"
           "  --rotate DEG        0, 90, 180 or 270, for screens mounted in portrait\n"
           "  --library DIR       where imported playlists and play logs live\n"
           "  --watch DIR         a folder where USB sticks appear (repeatable)\n"
           "  --now TIME          pretend the clock says TIME (YYYY-MM-DDTHH:MM)\n"
           "  --report FROM..TO   print the play summary as CSV\n"
           "  --pair DIR          write this kiosk's pairing key onto the stick at DIR\n"
           "  --unpaired-ok       accept sticks without the pairing key\n"
           "  --version, --help\n"
           "Fullscreen, only Ctrl+Alt+Q quits. Exit status: 0 success, 1 invalid playlist,\n"
           "2 bad usage, 3 no display could be opened.\n";
}

/* A canvas size from "WxH", within what a screen or texture can be. */
static bool parse_canvas(const char *s, int *w, int *h)
{
    int a, b;
    if (!bt_parse_size(s, &a, &b) || a < 16 || b < 16 || a > 16384 || b > 16384)
        return false;
    *w = a;
    *h = b;
    return true;
}

bool bt_parse_local_time(const char *s, time_t *out)
{
    bt_date d;
    int minute;
    if (!bt_parse_datetime(s, &d, &minute))
        return false;
    struct tm tm = {0};
    tm.tm_year = d.y - 1900;
    tm.tm_mon = d.m - 1;
    tm.tm_mday = d.d;
    tm.tm_hour = minute / 60;
    tm.tm_min = minute % 60;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return false;
    *out = t;
    return true;
}

static bool set_option(bt_options *o, int i, const char *arg, char *err, size_t errsize)
{
    char *base = (char *)o;
    switch (table[i].kind) {
    case OPT_FLAG:
        *(bool *)(base + table[i].field) = true;
        return true;
    case OPT_STRING:
        *(const char **)(base + table[i].field) = arg;
        return true;
    case OPT_SIZE:
        if (parse_canvas(arg, (int *)(base + table[i].field), (int *)(base + table[i].field2)))
            return true;
        snprintf(err, errsize, "%s: expected WIDTHxHEIGHT such as 1920x1080, not \"%s\"",
                 table[i].name, arg);
        return false;
    case OPT_ROTATE: {
        char *end;
        long deg = strtol(arg, &end, 10);
        if (*end == '\0' && *arg && (deg == 0 || deg == 90 || deg == 180 || deg == 270)) {
            o->rotate = (int)deg;
            return true;
        }
        snprintf(err, errsize, "--rotate: expected 0, 90, 180 or 270, not \"%s\"", arg);
        return false;
    }
    case OPT_TIME:
        if (bt_parse_local_time(arg, (time_t *)(base + table[i].field))) {
            *(bool *)(base + table[i].field2) = true;
            return true;
        }
        snprintf(err, errsize, "--now: expected a time such as 2026-03-15T08:30, not \"%s\"", arg);
        return false;
    case OPT_WATCH:
        if (o->n_watch == BT_MAX_WATCH) {
            snprintf(err, errsize, "--watch: at most %d folders", BT_MAX_WATCH);
            return false;
        }
        o->watch[o->n_watch++] = arg;
        return true;
    }
    return false;
}

bool bt_options_parse(int argc, char **argv, bt_options *o, char *err, size_t errsize)
{
    memset(o, 0, sizeof *o);
    o->size_w = 1920;
    o->size_h = 1080;
    bool only_args = false;
    for (int a = 1; a < argc; a++) {
        const char *s = argv[a];
        if (only_args || s[0] != '-' || s[1] == '\0') {
            if (o->playlist) {
                snprintf(err, errsize, "only one playlist can be given (\"%s\" and \"%s\")",
                         o->playlist, s);
                return false;
            }
            o->playlist = s;
            continue;
        }
        if (strcmp(s, "--") == 0) {
            only_args = true;
            continue;
        }
        /* Accept both "--size 800x600" and "--size=800x600". */
        const char *eq = strchr(s, '=');
        size_t namelen = eq ? (size_t)(eq - s) : strlen(s);
        int i = -1;
        for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
            if (strlen(table[k].name) == namelen && strncmp(table[k].name, s, namelen) == 0)
                i = (int)k;
        if (i < 0) {
            snprintf(err, errsize, "unknown option \"%s\" (see --help)", s);
            return false;
        }
        const char *arg = NULL;
        if (table[i].kind != OPT_FLAG) {
            if (eq)
                arg = eq + 1;
            else if (a + 1 < argc)
                arg = argv[++a];
            else {
                snprintf(err, errsize, "%s needs a value (see --help)", table[i].name);
                return false;
            }
        } else if (eq) {
            snprintf(err, errsize, "%s takes no value", table[i].name);
            return false;
        }
        if (!set_option(o, i, arg, err, errsize))
            return false;
    }
    int modes = (o->check ? 1 : 0) + (o->render_dir ? 1 : 0) + (o->report ? 1 : 0) + (o->pair ? 1 : 0);
    if (modes > 1) {
        snprintf(err, errsize, "--check, --render, --report and --pair cannot be combined");
        return false;
    }
    return true;
}
