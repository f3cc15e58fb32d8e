/* player.h: the window, its event loop and what it shows. */
#ifndef BT_PLAYER_H
#define BT_PLAYER_H

#include <stdbool.h>
#include <time.h>

typedef struct {
    const char *path;    /* the playlist file: reloaded when it changes or on SIGHUP */
    const char *library; /* the play log, imports, the pairing key; NULL: none of them */
    const char *const *watch; /* folders where USB sticks appear (n_watch of them) */
    int n_watch;
    bool unpaired_ok;    /* accept sticks without the pairing key */
    bool windowed;    /* else fullscreen at the display's resolution */
    int win_w, win_h; /* with windowed */
    int rotate;       /* 0, 90, 180, 270 */
    bool has_now;     /* pretend the wall clock started at now */
    time_t now;
} bt_player_config;

/* Plays the playlist at cfg->path (read on a thread while the display
 * opens) until asked to quit (Esc in a window, Ctrl+Alt+Q, SIGTERM, SIGINT).
 * Returns the exit status: 0 after a clean quit, 1 when the playlist cannot
 * be played, 3 when no display could be opened (after saying what to try on
 * stderr). */
int bt_player_run(const bt_player_config *cfg);

#endif
