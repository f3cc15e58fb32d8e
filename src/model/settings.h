/* settings.h: the technician's kiosk settings, /etc/bangtin/kiosk.yaml (or
 * --config FILE), read with the playlist's YAML reader and key tables, and
 * checked like a playlist: every problem is a FILE:LINE:COL message, unknown
 * keys get a "did you mean". Plain C, no SDL.
 *
 * Bad input never stops the player: each setting that is fine is kept, each
 * one that is wrong keeps its default (and its bit in `fallback` says so),
 * and a file that cannot be read at all gives every default. A missing
 * /etc/bangtin/kiosk.yaml is not an error: a kiosk may run on defaults.
 *
 * Precedence: the defaults here < kiosk.yaml < the command line (options.c,
 * bt_options_apply_settings). */
#ifndef BT_SETTINGS_H
#define BT_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/bounds.h"
#include "base/diag.h"
#include "base/i18n.h"
#include "opening.h"

#define BT_SETTINGS_PATH "/etc/bangtin/kiosk.yaml"

/* The keys of kiosk.yaml, as bits of bt_settings.given and .fallback. */
typedef enum {
    BT_SET_NAME,
    BT_SET_TIMEZONE,
    BT_SET_ROTATE,
    BT_SET_LIBRARY,
    BT_SET_WATCH,
    BT_SET_CAMPAIGN,
    BT_SET_OUTBOX,
    BT_SET_TRUST,
    BT_SET_HOURS,
    BT_SET_POWER,
    BT_SET_LANGUAGE,
    BT_SET_COUNT
} bt_setting;

typedef struct {
    char *path;     /* the file read (malloc'd); NULL when none was */
    bool found;     /* it existed and was read */
    char *name;     /* NULL: not given (see bt_settings_name) */
    char *timezone; /* a zone bt_tz_check accepted; NULL: the system's */
    int rotate;     /* 0, 90, 180 or 270 */
    char *library;  /* absolute paths; NULL: not given */
    char *watch[BT_MAX_WATCH_DIRS];
    int n_watch;
    char *campaign;
    char *outbox;
    char *trust[BT_MAX_TRUST_KEYS];
    int n_trust;
    bt_opening hours; /* .set false: no hours, always open */
    char *power_off;  /* shell commands; NULL: none */
    char *power_on;
    bt_language language;
    unsigned given;    /* bit 1 << bt_setting: in the file and used as written */
    unsigned fallback; /* bit: in the file but wrong, so its default is used */
} bt_settings;

/* Fills s with the defaults; it owns nothing yet. */
void bt_settings_init(bt_settings *s);

/* Frees what s owns and leaves it as bt_settings_init does. */
void bt_settings_clear(bt_settings *s);

/* Reads the file at path into s (cleared to the defaults first). A missing
 * file is reported only when must_exist (a --config the technician named);
 * problems go to diags under the file's name. Returns true when every
 * setting is as written (warnings allowed), false when any fell back to its
 * default or the file could not be read; s is usable either way. */
bool bt_settings_load(bt_settings *s, const char *path, bool must_exist, bt_diags *diags);

/* The kiosk's name for its reports and outbox folder: the one given, else
 * this machine's host name when it is a safe name, else "bangtin". Returns
 * s->name or buf (size >= BT_MAX_KIOSK_NAME_CHARS + 1). */
const char *bt_settings_name(const bt_settings *s, char *buf, size_t size);

/* A safe kiosk name made from text (a playlist's header): "UBND Phường
 * Bến Nghé" gives "ubnd-phuong-ben-nghe"; "" when nothing is left. */
void bt_settings_suggest_name(const char *text, char *out, size_t size);

/* Whether text is a safe kiosk name: 1..BT_MAX_KIOSK_NAME_CHARS of letters,
 * digits, '-', '_', '.', not starting with '.'. */
bool bt_settings_name_ok(const char *text);

/* The key's name in the file ("timezone"). */
const char *bt_settings_key(bt_setting k);

/* What the player does for key k when it is not given or wrong, in plain
 * words ("the screen stays on at all hours"). */
const char *bt_settings_default_words(bt_setting k);

/* "hours (no opening hours: ...), timezone (...)": the keys that fell back,
 * for --check and the log; "" when none did. */
void bt_settings_fallbacks(const bt_settings *s, char *buf, size_t size);

/* What the kiosk will do with s, a few lines for --check: name, zone,
 * language, rotation, the opening hours by day ("mon-fri 07:00-11:30,
 * 13:30-17:00; sat 07:00-11:30; sun off") and, at now (read in the zone
 * in force: call bt_tz_apply first), whether it is open and until when. */
void bt_settings_summary(const bt_settings *s, time_t now, char *buf, size_t size);

#endif
