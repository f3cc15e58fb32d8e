/* power.h: the screen's power, behind a small table of backends (X11 DPMS,
 * the DRM connector's DPMS, HDMI-CEC, the technician's commands), tried in
 * turn, each attempt and its result logged once.
 *
 * A backend is a name and three functions on its own context. Backends
 * marked `threaded` may take seconds (a CEC bus, a relay's command) and run
 * on the power thread, in order, never in the caller's; the others (X11 and
 * DRM, a request or an ioctl on what SDL opened, so only safe on SDL's
 * thread) run at once in the thread that calls bt_power_set. Every backend
 * that is available is tried, and a failure does not stop the others: on a
 * TV, DPMS stops the picture and CEC puts the set in standby, and a relay
 * may cut its power besides. Off runs the table in order; on runs it
 * backwards (the relay first, the picture, then CEC asking the TV to show
 * it).
 *
 * While the screen is off the player stays asleep (this module never wakes
 * it: the power thread waits on a condition, 0% CPU). */
#ifndef BT_POWER_H
#define BT_POWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#define BT_POWER_MAX_BACKENDS 8

typedef struct {
    const char *name; /* "x11-dpms", "drm-dpms", "hdmi-cec", "command" */
    bool threaded;    /* may block: runs on the power thread */
    /* Whether it can work here; false with the reason in why. NULL: yes. */
    bool (*available)(void *ctx, char *why, size_t size);
    /* Power the screen off / on; false with the reason in err. NULL:
     * nothing to do for that action. */
    bool (*off)(void *ctx, char *err, size_t size);
    bool (*on)(void *ctx, char *err, size_t size);
    void (*free)(void *ctx); /* frees ctx; NULL: nothing to free */
    void *ctx;
} bt_power_backend;

/* What became of the last attempt of one backend. */
typedef struct {
    const char *name;
    bool available;
    char why[200];   /* why not available */
    int tries;       /* actions attempted since bt_power_create */
    bool last_on;    /* the last action was on (else off) */
    bool ok;         /* and it worked */
    char error[300]; /* why it did not */
} bt_power_result;

typedef struct bt_power bt_power;

/* Takes the n backends (n <= BT_POWER_MAX_BACKENDS; their contexts become
 * the power module's, freed by bt_power_free even on failure), asks each
 * whether it is available and logs the answer once, and starts the power
 * thread when a threaded one is. NULL when out of memory. */
bt_power *bt_power_create(const bt_power_backend *backends, int n);

/* Powers the screen on or off: the inline backends now, the threaded ones
 * queued to the power thread (a request that a newer one overtakes before
 * it starts is dropped: off then on at once runs only on there). Returns at
 * once; each attempt is logged with its result. */
void bt_power_set(bt_power *p, bool on);

/* Waits until the power thread has carried out every request, for at most
 * timeout_ms; true when it has. For tests, and before a status report. */
bool bt_power_wait(bt_power *p, int timeout_ms);

/* The number of backends, and a copy of what became of backend i. */
int bt_power_count(const bt_power *p);
bool bt_power_result_of(bt_power *p, int i, bt_power_result *out);

/* Lets the power thread finish what it is doing (a command is bounded by
 * its time limit), stops it, and frees every backend. NULL is fine. */
void bt_power_free(bt_power *p);

/* The backends for the window SDL opened, in the order above: HDMI-CEC
 * (the first /dev/cec* that can transmit), X11 DPMS or the DRM connector's
 * DPMS (whichever SDL's video driver is), and the settings' commands
 * (off_cmd, on_cmd: NULL or "" for none; each killed after cmd_timeout_ms).
 * Fills out[0..max) and returns how many; pass them to bt_power_create. */
int bt_power_backends_for_window(SDL_Window *w, const char *off_cmd, const char *on_cmd,
                                 int cmd_timeout_ms, bt_power_backend *out, int max);

#endif
