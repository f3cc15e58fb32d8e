/* import.h: loading a playlist from a USB stick into the library. Plain C,
 * no SDL: usb.c runs it on a worker thread, and the player shows the result
 * and plays the playlist it hands over.
 *
 * README of the library layer: what the kiosk keeps on disk and the rules
 * for changing it safely: imports and the store of playlists, pairing, the
 * play log and its reports. It may include base/ and model/, never SDL.
 *
 * The library folder holds:
 *
 *     LIBRARY/current            -> playlists/<name>   (a relative symlink)
 *     LIBRARY/playlists/<name>/  one complete import each: playlist.yaml and
 *                                the assets it names, at the paths written
 *                                in it; <name> is YYYYMMDDTHHMMSSZ-<hash>
 *     LIBRARY/.import.lock       serialises imports (and startup cleaning)
 *
 * An import is copied into playlists/.staging-XXXXXX, every file and folder
 * fsynced, renamed to its final name, and only then is `current` switched by
 * renaming a new symlink over it: a kill or a power cut at any instant
 * leaves `current` naming a complete import, old or new. <hash> is the first
 * 16 hex digits of a SHA-256 over every copied file's path and bytes, so the
 * same content plugged again is recognised. The timestamp is UTC and never
 * goes backwards, so names sort in import order even on a board whose clock
 * was reset. */
#ifndef BT_IMPORT_H
#define BT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pairing.h"
#include "model/playlist_load.h"

#define BT_IMPORT_KEEP 3               /* imports kept when opt->keep is 0 */
#define BT_IMPORT_REPORT_DAYS 365      /* the report on a stick covers this many days to today */
#define BT_IMPORT_ERRORS_FILE "errors.txt" /* in the stick's bangtin/ */
#define BT_IMPORT_REPORTS_DIR "reports"    /* in the stick's bangtin/ */

/* Hook points other than a file index (see before_copy). */
#define BT_IMPORT_HOOK_RENAME (-1) /* staging complete, before its rename */
#define BT_IMPORT_HOOK_SWITCH (-2) /* final folder in place, before `current` is switched */
#define BT_IMPORT_HOOK_PRUNE (-3)  /* `current` switched, before old imports are pruned */

typedef enum {
    BT_IMPORT_LOADED,       /* copied and made current */
    BT_IMPORT_ALREADY,      /* the same content is already in the library (made current if it was not) */
    BT_IMPORT_UNAUTHORISED, /* no/wrong/bad pairing key: nothing read beyond the key */
    BT_IMPORT_INVALID,      /* the playlist has errors: problems listed, nothing copied */
    BT_IMPORT_ABORTED,      /* reading the stick failed midway (pulled out): staging removed, current untouched */
    BT_IMPORT_FAILED,       /* the library could not be written (disk full...): staging removed, current untouched */
} bt_import_status;

typedef struct {
    bt_import_status status;
    int slides, tips, topics; /* of the stick's playlist, when it could be read */
    char problems[3][512];    /* the first errors, for the overlay, in the office's words:
                               * `playlist.yaml, dòng 10, cột 12 (…): MESSAGE` (diag.h) */
    int n_problems;           /* entries filled in problems */
    int n_errors;             /* errors found in all (INVALID) */
    char warnings[2][512];    /* the first warnings (what the import let pass but a clerk
                               * should fix: a .pptx left aside, a file renamed), for the overlay */
    int n_warnings;
    char current[4096];       /* LIBRARY/current/playlist.yaml, to play now, when LOADED or ALREADY */
    bool switched;            /* `current` now names another import than before: always when
                               * LOADED; when ALREADY, if an older import was made current again.
                               * The path in current is the same string either way: reload on this. */
    bool errors_written;      /* bangtin/errors.txt written on the stick (INVALID, or warnings) */
    bool report_written;      /* bangtin/reports/HOST-DATE.csv written on the stick */
    bool stick_synced;        /* what was written on the stick is on it (syncfs), or nothing was written */
    bool read_only;           /* FAILED because the library cannot be written (a card
                               * remounted read-only): nothing can be imported until it can */
    char detail[512];         /* one plain English line for the log; never key material */
    bt_playlist *pl;          /* LOADED or ALREADY: the playlist now current, as its check read
                               * it from the library (owned: whoever takes the result plays it
                               * or frees it with bt_import_result_free) */
} bt_import_result;

typedef struct {
    const char *library;         /* the library folder (made when missing) */
    const bt_pair_key *key;      /* this kiosk's key */
    bool unpaired_ok;            /* accept sticks without a key (NO_KEY only; WRONG_KEY and BAD_KEY_FILE always refused) */
    const bt_load_options *load; /* the check of the copy in the library, the same the player
                                  * makes (a deep one: pictures decoded, fonts opened); may be
                                  * NULL. The stick itself is read with headers only. */
    const char *kiosk_name;      /* the kiosk's name (settings), for the report's file name;
                                  * NULL: made from the header (import_stick.h) */
    int keep;                    /* imports kept; 0: BT_IMPORT_KEEP */
    /* Test hook, called before each file is copied (index from 0, its path
     * in the playlist's folder) and at the BT_IMPORT_HOOK_* steps (name
     * "rename", "switch", "prune"). Returning false simulates a read error
     * (a file: ABORTED) or a library failure (a step: FAILED, or for
     * "prune" only a skipped prune). NULL in production. */
    bool (*before_copy)(void *ctx, int index, const char *name);
    void *ctx;
    /* Optional: told on the import thread while the stick's clips are
     * copied into the library (the long part of an import): clip n (from
     * 1) of total, percent (0-100) of its bytes copied; once at 0, then
     * each time the percentage changes. */
    void (*progress)(void *pctx, int n, int total, int percent);
    void *pctx;
} bt_import_options;

/* Imports the stick mounted at stick_root (holding bangtin/playlist.yaml)
 * into opt->library and fills *out. Checks the pairing key first and, when
 * the stick is refused, reads and writes nothing else on it. The stick's
 * playlist is read with headers only to know what to copy; the copy, once
 * whole in its final folder, gets the check opt->load says, and only a copy
 * without an error becomes current: its playlist, as that check read it, is
 * handed over in out->pl. Writes
 * bangtin/errors.txt (INVALID) and the play report on a paired stick when it
 * is writable, then syncs it. Logs one line (out->detail). Blocking; meant
 * for a worker thread; imports into one library are serialised (a lock
 * file), so two may run at once. */
void bt_import_stick(const char *stick_root, const bt_import_options *opt, bt_import_result *out);

/* Frees a result and the playlist it holds; NULL is fine. */
void bt_import_result_free(bt_import_result *r);

/* What a library holds to be played, at start. */
typedef struct {
    char **playlists; /* when `current` names a complete import: its playlist file
                       * (LIBRARY/current/playlist.yaml), then those of the other
                       * imports, newest first, to fall back on; n of them (malloc'd) */
    int n;
    bool read_only;   /* the library cannot be written (a card remounted read-only):
                       * it is played as it is, and no stick can be imported */
} bt_library_state;

/* At start: removes what imports cut short left in library (staging and
 * pruned folders, temporary links), unless an import is running or the
 * library cannot be written, and fills *out (logging a read-only library
 * once). No import at all, or no `current` (a reset kiosk): n is 0. */
void bt_import_startup(const char *library, bt_library_state *out);

/* Frees what bt_import_startup filled in. */
void bt_library_state_free(bt_library_state *st);

/* Whether dir looks like a stick for us: it holds a bangtin folder (in any
 * letter case, as FAT shows it; not a symlink), or a playlist.yaml at its
 * top (put there by mistake: the import tells where it goes). *sig (may be
 * NULL) gets a signature that changes with the stick's content, by which a
 * watcher knows it again: of the playlist file's stat, else of the bangtin
 * folder's files (not those bangtin writes there). Reads no file. */
bool bt_import_is_stick(const char *dir, uint64_t *sig);

/* A static English word for a status ("loaded", "invalid", ...), for logs. */
const char *bt_import_status_name(bt_import_status st);

#endif
