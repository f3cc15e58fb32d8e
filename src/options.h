/* options.h: the command line, plain C. One table holds every option: its
 * name, what it takes, where it goes, which mode it selects and its line of
 * --help; the parser and the help text are both read from it. */
#ifndef BT_OPTIONS_H
#define BT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "model/settings.h"

#define BT_MAX_WATCH 16
#define BT_MAX_LIST 16 /* values of a repeatable option (OPT_LIST) */

/* What a run of bangtin does; one per command line. */
typedef enum {
    BT_MODE_PLAY, /* the default: play on the display */
    BT_MODE_CHECK,
    BT_MODE_RENDER,
    BT_MODE_REPORT,
    BT_MODE_PAIR,
    BT_MODE_KEYGEN,   /* --keygen NAME */
    BT_MODE_SIGN,     /* --sign KEY DIR */
    BT_MODE_MANIFEST, /* --manifest DIR */
    BT_MODE_STATUS,   /* --status: what the running player says it does */
    BT_MODE_ROLLBACK, /* --rollback: the import before becomes current */
    BT_MODE_RESET,    /* --reset: back to the bundled playlist */
    BT_MODE_HELP,
    BT_MODE_VERSION,
} bt_mode;

typedef struct {
    bt_mode mode;
    const char *playlist; /* NULL: the library's current, else the bundled one */
    const char *render_dir; /* --render DIR */
    int size_w, size_h; /* --size, default 1920x1080 */
    int window_w, window_h; /* --window; 0: fullscreen */
    int rotate; /* 0, 90, 180, 270 */
    bool has_rotate; /* --rotate was given */
    const char *library;
    const char *watch[BT_MAX_WATCH];
    int n_watch;
    bool has_now;
    time_t now; /* --now, local time */
    const char *now_text; /* --now as written: read again in the kiosk's zone */
    const char *report; /* --report FROM..TO */
    const char *pair;   /* --pair DIR */
    bool unpaired_ok;
    const char *config; /* --config FILE; NULL: BT_SETTINGS_PATH, if it exists */
    const char *keygen;       /* --keygen NAME: NAME.key and NAME.pub */
    const char *sign_key;     /* --sign KEY DIR */
    const char *sign_dir;
    const char *manifest_dir; /* --manifest DIR */
    const char *trust[BT_MAX_LIST]; /* --trust KEY.pub, repeatable */
    int n_trust;
    const char *campaign; /* --campaign DIR: the synced folder of the province's campaign */
    const char *outbox;   /* --outbox DIR: reports and status for the province */
    const char *merge;    /* --report RANGE --merge DIR: many kiosks' outboxes */
    bool json;            /* --status --json */
} bt_options;

/* Fills o from argv (strings point into argv). Returns true on success; on
 * bad usage returns false with a one-line reason in err. */
bool bt_options_parse(int argc, char **argv, bt_options *o, char *err, size_t errsize);

/* Prints the --help text, made from the table of options, to out. */
void bt_options_usage(FILE *out);

/* Fills what the command line left unset in o from the kiosk's settings s
 * (precedence: defaults < kiosk.yaml < command line): rotate, library,
 * watch, campaign, outbox, trust (the keys of /etc/bangtin/trusted.d/ are
 * added by whoever checks a campaign, whatever this says). o's strings
 * then point into s, which must outlive o. */
void bt_options_apply_settings(bt_options *o, const bt_settings *s);

/* Parses "YYYY-MM-DDTHH:MM" (local time) into a time_t; false if impossible. */
bool bt_parse_local_time(const char *s, time_t *out);

#endif
