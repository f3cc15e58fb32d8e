/* options.c: command-line parsing through one table of options. */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/values.h"

/* OPT_STRING2 takes two values (field, field2); OPT_LIST is repeatable, its
 * values in the array at field and their count at field2 (at most
 * BT_MAX_LIST). */
typedef enum {
    OPT_FLAG,
    OPT_STRING,
    OPT_STRING2,
    OPT_SIZE,
    OPT_ROTATE,
    OPT_TIME,
    OPT_WATCH,
    OPT_LIST
} opt_kind;

#define NO_MODE (-1)

/* One row per option: its name, what it takes, where it goes, the mode it
 * selects (NO_MODE: none), and its --help line (arg: the value's name). */
static const struct {
    const char *name;
    opt_kind kind;
    size_t field;  /* offsetof into bt_options */
    size_t field2; /* second int for sizes; flag set alongside for times */
    int mode;
    const char *arg, *help;
} table[] = {
    {"--check", OPT_FLAG, 0, 0, BT_MODE_CHECK, NULL,
     N_("validate PLAYLIST and every asset it names; print problems\n"
     "as FILE:LINE:COL: error|warning: MESSAGE; exit 0 if usable, 1 if not")},
    {"--render", OPT_STRING, offsetof(bt_options, render_dir), 0, BT_MODE_RENDER, "DIR",
     N_("render every slide, and the touch screens, to PNG files in DIR\n"
     "without any display, then exit; with --now, only the slides\n"
     "the loop would show at that time, in loop order")},
    {"--size", OPT_SIZE, offsetof(bt_options, size_w), offsetof(bt_options, size_h), NO_MODE,
     "WxH", N_("canvas for --render (default 1920x1080)")},
    {"--window", OPT_SIZE, offsetof(bt_options, window_w), offsetof(bt_options, window_h),
     NO_MODE, "WxH", N_("a window instead of fullscreen (Esc quits)")},
    {"--rotate", OPT_ROTATE, offsetof(bt_options, rotate), 0, NO_MODE, "DEG",
     N_("0, 90, 180 or 270, for screens mounted in portrait")},
    {"--library", OPT_STRING, offsetof(bt_options, library), 0, NO_MODE, "DIR",
     N_("where imported playlists and play logs live")},
    {"--watch", OPT_WATCH, 0, 0, NO_MODE, "DIR",
     N_("a folder where USB sticks appear (repeatable;\ndefault /media and /run/media)")},
    {"--now", OPT_TIME, offsetof(bt_options, now), offsetof(bt_options, has_now), NO_MODE,
     "TIME", N_("pretend the clock says TIME (YYYY-MM-DDTHH:MM), for previews")},
    {"--report", OPT_STRING, offsetof(bt_options, report), 0, BT_MODE_REPORT, "FROM..TO",
     N_("print the play summary (per slide, per topic) as CSV")},
    {"--pair", OPT_STRING, offsetof(bt_options, pair), 0, BT_MODE_PAIR, "DIR",
     N_("write this kiosk's pairing key onto the stick mounted at DIR")},
    {"--unpaired-ok", OPT_FLAG, offsetof(bt_options, unpaired_ok), 0, NO_MODE, NULL,
     N_("accept sticks without the pairing key (first setup, tests)")},
    {"--config", OPT_STRING, offsetof(bt_options, config), 0, NO_MODE, "FILE",
     N_("the technician's kiosk settings (default /etc/bangtin/kiosk.yaml);\n"
     "with --check, check that file")},
    {"--trust", OPT_LIST, offsetof(bt_options, trust), offsetof(bt_options, n_trust), NO_MODE,
     "KEY.pub",
     N_("a minisign public key whose campaigns are accepted (repeatable;\n"
     "also every *.pub in /etc/bangtin/trusted.d/)")},
    {"--campaign", OPT_STRING, offsetof(bt_options, campaign), 0, NO_MODE, "DIR",
     N_("a folder that a sync tool (Syncthing) fills with the signed\n"
     "campaign from the province; watched like a stick")},
    {"--outbox", OPT_STRING, offsetof(bt_options, outbox), 0, NO_MODE, "DIR",
     N_("where this kiosk leaves its reports and status for the province")},
    {"--merge", OPT_STRING, offsetof(bt_options, merge), 0, NO_MODE, "DIR",
     N_("with --report: one report over the kiosks' outboxes in DIR,\n"
     "with a kiosk column")},
    {"--status", OPT_FLAG, 0, 0, BT_MODE_STATUS, NULL,
     N_("what this kiosk is doing, for a technician (text; --json too)")},
    {"--json", OPT_FLAG, offsetof(bt_options, json), 0, NO_MODE, NULL,
     N_("with --status: the same facts as JSON, for tools")},
    {"--manifest", OPT_STRING, offsetof(bt_options, manifest_dir), 0, BT_MODE_MANIFEST, "DIR",
     N_("write DIR/manifest.txt for the files of a campaign folder")},
    {"--keygen", OPT_STRING, offsetof(bt_options, keygen), 0, BT_MODE_KEYGEN, "NAME",
     N_("make NAME.key (secret) and NAME.pub (minisign format)")},
    {"--sign", OPT_STRING2, offsetof(bt_options, sign_key), offsetof(bt_options, sign_dir),
     BT_MODE_SIGN, "KEY DIR", N_("write DIR/manifest.txt and DIR/manifest.txt.minisig")},
    {"--rollback", OPT_FLAG, 0, 0, BT_MODE_ROLLBACK, NULL,
     N_("play the import before the current one again (the running\n"
     "player follows within seconds)")},
    {"--reset", OPT_FLAG, 0, 0, BT_MODE_RESET, NULL,
     N_("play the bundled playlist again, as after installation\n"
     "(the play log and the pairing key are kept)")},
    {"--version", OPT_FLAG, 0, 0, BT_MODE_VERSION, NULL, NULL},
    {"--help", OPT_FLAG, 0, 0, BT_MODE_HELP, NULL, NULL},
};

#define N_OPTIONS (sizeof table / sizeof table[0])

void bt_options_usage(FILE *out)
{
    fputs(_("Usage: bangtin [OPTIONS] [PLAYLIST]\n"
            "  PLAYLIST            YAML playlist; default: the library's current playlist,\n"
            "                      else the bundled playlists/awareness.yaml; or a folder:\n"
            "                      every picture and PDF page in it, in name order\n"),
          out);
    for (size_t i = 0; i < N_OPTIONS; i++) {
        if (!table[i].help)
            continue;
        char head[64];
        snprintf(head, sizeof head, "%s%s%s", table[i].name, table[i].arg ? " " : "",
                 table[i].arg ? table[i].arg : "");
        /* The first line beside the name, the others under it. */
        const char *h = _(table[i].help);
        for (bool first = true; *h; first = false) {
            size_t n = strcspn(h, "\n");
            fprintf(out, "  %-20s%.*s\n", first ? head : "", (int)n, h);
            h += n + (h[n] == '\n');
        }
    }
    fputs(_("  --version, --help\n"
            "Fullscreen, only Ctrl+Alt+Q quits. Exit status: 0 success, 1 invalid playlist,\n"
            "2 bad usage, 3 no display could be opened.\n"),
          out);
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

static bool set_option(bt_options *o, size_t i, const char *arg, const char *arg2, char *err,
                       size_t errsize)
{
    char *base = (char *)o;
    switch (table[i].kind) {
    case OPT_FLAG:
        if (table[i].mode == NO_MODE)
            *(bool *)(base + table[i].field) = true;
        return true;
    case OPT_STRING:
        *(const char **)(base + table[i].field) = arg;
        return true;
    case OPT_STRING2:
        *(const char **)(base + table[i].field) = arg;
        *(const char **)(base + table[i].field2) = arg2;
        return true;
    case OPT_SIZE:
        if (parse_canvas(arg, (int *)(base + table[i].field), (int *)(base + table[i].field2)))
            return true;
        snprintf(err, errsize, _("%s: expected WIDTHxHEIGHT such as 1920x1080, not \"%s\""),
                 table[i].name, arg);
        return false;
    case OPT_ROTATE: {
        char *end;
        long deg = strtol(arg, &end, 10);
        if (*end == '\0' && *arg && (deg == 0 || deg == 90 || deg == 180 || deg == 270)) {
            o->rotate = (int)deg;
            o->has_rotate = true;
            return true;
        }
        snprintf(err, errsize, _("--rotate: expected 0, 90, 180 or 270, not \"%s\""), arg);
        return false;
    }
    case OPT_TIME:
        if (bt_parse_local_time(arg, (time_t *)(base + table[i].field))) {
            *(bool *)(base + table[i].field2) = true;
            o->now_text = arg;
            return true;
        }
        snprintf(err, errsize, _("--now: expected a time such as 2026-03-15T08:30, not \"%s\""), arg);
        return false;
    case OPT_WATCH:
        if (o->n_watch == BT_MAX_WATCH) {
            snprintf(err, errsize, _("--watch: at most %d folders"), BT_MAX_WATCH);
            return false;
        }
        o->watch[o->n_watch++] = arg;
        return true;
    case OPT_LIST: {
        const char **list = (const char **)(base + table[i].field);
        int *n = (int *)(base + table[i].field2);
        if (*n == BT_MAX_LIST) {
            snprintf(err, errsize, _("%s: at most %d times"), table[i].name, BT_MAX_LIST);
            return false;
        }
        list[(*n)++] = arg;
        return true;
    }
    }
    return false;
}

/* The row of the option s names ("--size" or "--size=..."), or -1. */
static int find_option(const char *s)
{
    const char *eq = strchr(s, '=');
    size_t namelen = eq ? (size_t)(eq - s) : strlen(s);
    for (size_t k = 0; k < N_OPTIONS; k++)
        if (strlen(table[k].name) == namelen && strncmp(table[k].name, s, namelen) == 0)
            return (int)k;
    return -1;
}

bool bt_options_parse(int argc, char **argv, bt_options *o, char *err, size_t errsize)
{
    memset(o, 0, sizeof *o);
    o->mode = BT_MODE_PLAY;
    o->size_w = 1920;
    o->size_h = 1080;
    const char *mode_option = NULL; /* the option that chose o->mode */
    bool only_args = false;
    for (int a = 1; a < argc; a++) {
        const char *s = argv[a];
        if (only_args || s[0] != '-' || s[1] == '\0') {
            if (o->playlist) {
                snprintf(err, errsize, _("only one playlist can be given (\"%s\" and \"%s\")"),
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
        int i = find_option(s);
        if (i < 0) {
            snprintf(err, errsize, _("unknown option \"%s\" (see --help)"), s);
            return false;
        }
        /* Accept both "--size 800x600" and "--size=800x600". */
        const char *eq = strchr(s, '=');
        const char *arg = NULL;
        if (table[i].kind != OPT_FLAG) {
            if (eq)
                arg = eq + 1;
            else if (a + 1 < argc)
                arg = argv[++a];
            else {
                snprintf(err, errsize, _("%s needs a value (see --help)"), table[i].name);
                return false;
            }
        } else if (eq) {
            snprintf(err, errsize, _("%s takes no value"), table[i].name);
            return false;
        }
        /* The second value of a two-value option is always the next word. */
        const char *arg2 = NULL;
        if (table[i].kind == OPT_STRING2) {
            if (a + 1 < argc) {
                arg2 = argv[++a];
            } else {
                snprintf(err, errsize, _("%s needs two values, %s (see --help)"), table[i].name,
                         table[i].arg);
                return false;
            }
        }
        /* One mode a run; --help and --version go with anything, and win. */
        int mode = table[i].mode;
        bool wins = mode == BT_MODE_HELP || mode == BT_MODE_VERSION;
        if (mode != NO_MODE && !wins && o->mode != BT_MODE_HELP && o->mode != BT_MODE_VERSION) {
            if (mode_option && strcmp(mode_option, table[i].name) != 0) {
                snprintf(err, errsize, _("%s and %s cannot be combined"), mode_option,
                         table[i].name);
                return false;
            }
            mode_option = table[i].name;
            o->mode = (bt_mode)mode;
        } else if (wins) {
            o->mode = (bt_mode)mode;
        }
        if (!set_option(o, (size_t)i, arg, arg2, err, errsize))
            return false;
    }
    return true;
}

void bt_options_apply_settings(bt_options *o, const bt_settings *s)
{
    if (!o->has_rotate && (s->given & (1u << BT_SET_ROTATE)))
        o->rotate = s->rotate;
    if (!o->library && s->library)
        o->library = s->library;
    if (o->n_watch == 0)
        for (int i = 0; i < s->n_watch && i < BT_MAX_WATCH; i++)
            o->watch[o->n_watch++] = s->watch[i];
    if (!o->campaign && s->campaign)
        o->campaign = s->campaign;
    if (!o->outbox && s->outbox)
        o->outbox = s->outbox;
    if (o->n_trust == 0)
        for (int i = 0; i < s->n_trust && i < BT_MAX_LIST; i++)
            o->trust[o->n_trust++] = s->trust[i];
}
