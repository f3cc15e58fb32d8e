/* powerctl.h: the screen's power as the player drives it. The standby
 * state machine (model/opening.h) decides, from the kiosk's opening hours
 * and the playlist's display.off_hours, whether the screen plays, is dark
 * (black, powered) or asleep (powered down); this file carries its
 * decisions out through the power backends (sys/power.h), tells SDL to let
 * the screen sleep, drops the touch that wakes a sleeping screen, and
 * writes the time the screen was on to the play log (mode `screen`).
 *
 * The player owns one; it only reads its state (bt_powerctl_asleep ...)
 * and calls update at the deadline it gives. Main thread only. */
#ifndef BT_POWERCTL_H
#define BT_POWERCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <SDL.h>

#include "library/playlog.h"
#include "model/opening.h"
#include "sys/power.h"

typedef struct {
    bt_standby sb;
    bt_power *power;  /* NULL: no backend (none made, or out of memory) */
    bt_playlog *log;  /* not owned; NULL: screen time is not written */
    bool swallowing;  /* a press woke the screen: drop the gesture until its release */
    uint64_t due;     /* when update must next run (monotonic ms) */

    /* the stretch of time the screen has been on, written to the log at
     * each power-off, at each full hour of the wall clock and at the end,
     * so that a power cut loses at most an hour of it */
    bool on;
    uint64_t on_since;  /* monotonic ms */
    time_t on_since_wall;
    uint64_t write_at;  /* the next full hour, monotonic ms; UINT64_MAX while off */
} bt_powerctl;

/* Starts with the screen taken as powered: the kiosk's opening hours
 * (NULL or unset: always open; must outlive c), the backends for win with
 * the settings' commands (off_cmd, on_cmd: NULL for none; each stopped
 * after BT_POWER_CMD_TIMEOUT_MS, or BANGTIN_TEST_POWER_TIMEOUT_MS when
 * set), and the play log screen time goes to (may be NULL). Call update
 * next: its first call powers the screen as the hours say. */
void bt_powerctl_start(bt_powerctl *c, const bt_opening *hours, SDL_Window *win,
                       const char *off_cmd, const char *on_cmd, bt_playlog *log);

/* The state at now (wall: the same instant on the kiosk's clock; off_hours:
 * the playlist's, may be NULL). Powers the screen down or up when the state
 * says so and returns what it did; writes screen time due; plans the next
 * deadline. Call it at bt_powerctl_deadline, after an input that woke the
 * screen, and whenever the clock's trust or the playlist changes. */
bt_power_action bt_powerctl_update(bt_powerctl *c, uint64_t now, time_t wall, bool clock_known,
                                   const bt_hours *off_hours);

/* Looks at an input event before the player does. A press or a key that
 * wakes a sleeping screen returns true, and so do the rest of that gesture
 * (up to its release) and every other input while asleep: the visitor
 * could not see what they touched. Other inputs restart a woken screen's
 * idle_ms and return false. Ctrl+Alt+Q is never dropped. Call
 * bt_powerctl_update after a true. */
bool bt_powerctl_input(bt_powerctl *c, const SDL_Event *ev, uint64_t now, uint64_t idle_ms);

/* Something the office must see (a USB stick plugged in) wakes a sleeping
 * screen for idle_ms, or keeps a woken one on; then call update. */
void bt_powerctl_poke(bt_powerctl *c, uint64_t now, uint64_t idle_ms);

/* When update must next run (UINT64_MAX: never by itself). */
uint64_t bt_powerctl_deadline(const bt_powerctl *c);

/* Powered down: draw nothing, run no timer but this deadline and the
 * watchdog. */
bool bt_powerctl_asleep(const bt_powerctl *c);

/* The playlist's off hours: the loop shows black (touch still works). */
bool bt_powerctl_dark(const bt_powerctl *c);

/* What --status and the status file show of the screen: the plain facts
 * (model/opening.h: power, state, open, the next opening change) and what
 * each power backend last did. */
typedef struct {
    bt_screen_facts screen;
    char backends[600];  /* each backend and what its last attempt did, "; "-separated */
} bt_powerctl_status;

/* Fills out for wall (the kiosk's clock now). */
void bt_powerctl_status_of(const bt_powerctl *c, time_t wall, bool clock_known,
                           bt_powerctl_status *out);

/* At the end: writes the screen's last stretch, powers it up when it was
 * down (so that whoever stops the player sees the console) waiting at most
 * 2 s for slow backends, and frees the backends. */
void bt_powerctl_stop(bt_powerctl *c, uint64_t now, time_t wall);

#endif
