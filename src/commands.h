/* commands.h: what bangtin does besides playing: --check, --render and
 * --report. */
#ifndef BT_COMMANDS_H
#define BT_COMMANDS_H

#include "options.h"

/* The playlist to use: the one given, else the bundled one. malloc'd, NULL
 * when none can be found. */
char *bt_playlist_path(const bt_options *o);

/* --check: validates the playlist and every asset it names, prints each
 * problem and a summary to stdout. Returns the exit status (0 usable, 1 not). */
int bt_cmd_check(const char *path);

/* --render: writes every slide of the playlist to DIR/NNN-ID.png at the
 * --size canvas, with no display, in playlist order. With --now: only the
 * slides the loop would show at that time, in loop order (one pass: each
 * normal slide once, alerts interleaved, so an alert appears under several
 * numbers); with none playable, the empty screen as DIR/000-empty.png.
 * Prints each file written. Returns the exit status. */
int bt_cmd_render(const char *path, const bt_options *o);

/* --report FROM..TO: prints the play report (report.h) of the library's
 * play log (library.h: --library, else the default folder) to stdout.
 * Returns 0, 2 for a malformed range (with a message on stderr), 1 when
 * the library cannot be read. Needs no playlist. */
int bt_cmd_report(const bt_options *o);

/* Plays the playlist on the display (bt_player_run); problems found while
 * loading go to the log. Returns the exit status. */
int bt_cmd_play(const char *path, const bt_options *o);

#endif
