/* player.h: the window, its event loop and what it shows. */
#ifndef BT_PLAYER_H
#define BT_PLAYER_H

#include <stdbool.h>
#include <time.h>

#include "library/campaign.h"
#include "model/settings.h"

typedef struct {
    const char *const *paths; /* the playlist files to try, in order: the first that can be
                               * played is (reloaded when it changes or on SIGHUP) */
    int n_paths;
    const char *library; /* the play log, imports, the pairing key; NULL: none of them */
    const char *const *watch; /* folders where USB sticks appear (n_watch of them) */
    int n_watch;
    bool unpaired_ok;    /* accept sticks without the pairing key */
    bool windowed;    /* else fullscreen at the display's resolution */
    int win_w, win_h; /* with windowed */
    int rotate;       /* 0, 90, 180, 270 */
    bool has_now;     /* pretend the wall clock started at now */
    time_t now;
    const bt_settings *settings; /* the kiosk's: opening hours, power commands; NULL: none */
    const char *bundled; /* the bundled playlist, when the library's `current` decides what
                          * plays (no PLAYLIST given): played when `current` goes (--reset),
                          * and never beside a campaign; NULL: the given playlist plays,
                          * whatever `current` says */
    const char *campaign;     /* the synced folder of the province's campaign; NULL: none
                               * (the campaign in place and sticks still play) */
    const bt_keyring *keys;   /* the keys whose campaigns are accepted */
    const char *const *trust; /* the --trust files they were read from (n_trust), and */
    int n_trust;
    const char *trusted_dir;  /* the folder of trusted keys: read again on SIGHUP */
    const char *outbox;       /* reports and status for the province; NULL: none */
    const char *kiosk;        /* the kiosk's name (bt_settings_name) */
} bt_player_config;

/* Plays the first of cfg->paths that can be played (read on a thread while
 * the display opens; the others are tried in turn, and the screen and the
 * log say which could not) until asked to quit (Esc in a window,
 * Ctrl+Alt+Q, SIGTERM, SIGINT). Returns the exit status: 0 after a clean
 * quit, 1 when none can be played, 3 when no display could be opened (after
 * saying what to try on stderr). */
int bt_player_run(const bt_player_config *cfg);

#endif
