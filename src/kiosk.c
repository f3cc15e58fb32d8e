/* kiosk.c: the settings read at start, --rollback and --reset (kiosk.h). */
#include "kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/log.h"
#include "base/tz.h"
#include "library/current.h"
#include "library/library.h"
#include "model/playlist_load.h"
#include "render/checks.h"

/* ---- the settings at start ------------------------------------------------ */

/* Says in the log what the kiosk runs with: its settings file, the zone and
 * the hours, and what keeps its default because it was wrong. */
static void log_settings(const bt_settings *s, const char *path, bool found)
{
    char text[1500];
    if (!found && !s->fallback) {
        bt_log(BT_LOG_DEBUG, "kiosk settings: no %s, so the defaults", path);
        return;
    }
    if (s->fallback) {
        bt_settings_fallbacks(s, text, sizeof text);
        bt_log(BT_LOG_WARNING, "kiosk settings: %s has mistakes: the defaults are used for %s "
               "(bangtin --check --config %s says where)", path, text, path);
    }
    if (found)
        bt_log(BT_LOG_INFO, "kiosk settings: read %s", path);
}

void bt_kiosk_settings(bt_options *o, bt_settings *s, bt_kiosk_voice voice)
{
    bool loud = voice == BT_KIOSK_LOG;
    const char *path = o->config ? o->config : BT_SETTINGS_PATH;
    bt_diags d;
    bt_diags_init(&d);
    bt_settings_init(s);
    bt_settings_load(s, path, o->config != NULL, &d);
    if (loud) {
        bt_log_diags(&d);
        log_settings(s, path, s->found);
    } else if (s->fallback && voice == BT_KIOSK_NOTE) {
        fprintf(stderr, _("bangtin: %s has mistakes, so some settings keep their defaults "
                "(bangtin --check --config %s says where)\n"), path, path);
    }
    bt_diags_clear(&d);
    /* Before any thread: setenv and tzset are not thread-safe. The zone was
     * checked when it was read; a failure here (the zone file removed since)
     * is said and the system's zone stays. */
    char err[400];
    if (s->timezone && !bt_tz_apply(s->timezone, err, sizeof err)) {
        if (loud)
            bt_log(BT_LOG_WARNING, "kiosk settings: the system's time zone is used: %s", err);
    } else if (s->timezone && loud) {
        bt_log(BT_LOG_INFO, "time zone: %s (from %s)", s->timezone, path);
    }
    /* What the office reads (the screen, a stick's files) is in its language. */
    bt_i18n_set_people(s->language);
    /* --now is a time of the kiosk's clock, in its zone. */
    if (o->has_now && o->now_text)
        bt_parse_local_time(o->now_text, &o->now);
    bt_options_apply_settings(o, s);
}

/* ---- --rollback and --reset -------------------------------------------------- */

/* The library a technician's command changes: the one given (command line
 * or kiosk.yaml), else the system's when it exists, even if this user may
 * not write it (so that the refusal says so, rather than a user's own
 * empty library being changed), else the player's default. malloc'd. */
static char *kiosk_library(const bt_options *o, char *err, size_t errsize)
{
    struct stat st;
    if (!o->library && stat(BT_LIBRARY_SYSTEM_DIR, &st) == 0 && S_ISDIR(st.st_mode))
        return strdup(BT_LIBRARY_SYSTEM_DIR);
    return bt_library_dir(o->library, err, errsize);
}

/* "\"Name\" (imported 2026-03-15 08:12 UTC)" for an import folder. */
static void describe_import(const char *library, const char *name, char *buf, size_t size)
{
    char when[64], path[4200];
    bt_library_import_time(name, when, sizeof when);
    snprintf(path, sizeof path, "%s/playlists/%s/playlist.yaml", library, name);
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load_path(path, bt_render_plain(), &d);
    if (pl && pl->name && pl->name[0])
        snprintf(buf, size, _("\"%s\" (imported %s)"), pl->name, when);
    else
        snprintf(buf, size, _("the import of %s"), when);
    bt_playlist_free(pl);
    bt_diags_clear(&d);
}

/* Runs a change, waiting (and saying so) when a stick is being imported. */
typedef bt_switch_status (*change_fn)(const char *library, bool wait, char *a, char *b, char *err,
                                      size_t errsize);

static bt_switch_status run_change(change_fn fn, const char *library, char *a, char *b, char *err,
                                   size_t errsize)
{
    bt_switch_status st = fn(library, false, a, b, err, errsize);
    if (st == BT_SWITCH_BUSY) {
        fprintf(stderr, _("bangtin: %s; waiting for it to finish...\n"), err);
        st = fn(library, true, a, b, err, errsize);
    }
    return st;
}

static bt_switch_status rollback_fn(const char *library, bool wait, char *a, char *b, char *err,
                                    size_t errsize)
{
    return bt_library_rollback(library, wait, a, b, err, errsize);
}

static bt_switch_status reset_fn(const char *library, bool wait, char *a, char *b, char *err,
                                 size_t errsize)
{
    (void)b;
    return bt_library_reset(library, wait, a, err, errsize);
}

/* The end of a change: what changed on stdout, or why not on stderr. */
static int finish(bt_switch_status st, const char *what, const char *err)
{
    if (st == BT_SWITCH_DONE)
        return 0;
    fprintf(stderr, _("bangtin: %s refused: %s\n"), what, err);
    return 1;
}

int bt_kiosk_rollback(const bt_options *o)
{
    char err[1024], from[BT_STORE_NAME_SIZE], to[BT_STORE_NAME_SIZE];
    char *library = kiosk_library(o, err, sizeof err);
    if (!library)
        return finish(BT_SWITCH_FAILED, "--rollback", err);
    bt_switch_status st = run_change(rollback_fn, library, from, to, err, sizeof err);
    if (st == BT_SWITCH_DONE) {
        char a[600], b[600];
        describe_import(library, to, a, sizeof a);
        describe_import(library, from, b, sizeof b);
        printf(_("rolled back: %s plays again, in place of %s\n"
               "a running player follows within seconds; plugging the newer stick again makes "
               "it current again\n"),
               a, b);
    }
    free(library);
    return finish(st, "--rollback", err);
}

int bt_kiosk_reset(const bt_options *o)
{
    char err[1024], from[BT_STORE_NAME_SIZE], unused[BT_STORE_NAME_SIZE];
    char *library = kiosk_library(o, err, sizeof err);
    if (!library)
        return finish(BT_SWITCH_FAILED, "--reset", err);
    bt_switch_status st = run_change(reset_fn, library, from, unused, err, sizeof err);
    if (st == BT_SWITCH_DONE) {
        char a[600] = "the current import";
        if (from[0])
            describe_import(library, from, a, sizeof a);
        printf(_("reset: the bundled playlist plays, in place of %s\n"
               "the play log (%s/plays.csv) and the pairing key are kept; a running player "
               "follows within seconds\n"),
               a, library);
    }
    free(library);
    return finish(st, "--reset", err);
}
