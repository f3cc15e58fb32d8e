/* powerctl.c: the screen's power as the player drives it (powerctl.h).
 *
 * Contents: the stretch of time on; start; update; inputs; status; stop. */
#include "powerctl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "sys/power_cmd.h"

/* ---- the stretch of time on ------------------------------------------------ */

/* The monotonic ms at which the wall clock next reads a full hour. */
static uint64_t next_hour(uint64_t now, time_t wall)
{
    long into = (long)(((wall % 3600) + 3600) % 3600);
    return now + (uint64_t)(3600 - into) * 1000u;
}

/* Writes the stretch since on_since (when there is one) and starts a new
 * one at now while the screen stays on. */
static void write_stretch(bt_powerctl *c, uint64_t now, time_t wall, bool still_on)
{
    if (c->on && now > c->on_since)
        bt_playlog_add_screen(c->log, c->on_since_wall, (double)(now - c->on_since) / 1000.0);
    c->on = still_on;
    c->on_since = now;
    c->on_since_wall = wall;
    c->write_at = still_on ? next_hour(now, wall) : UINT64_MAX;
}

/* ---- start ------------------------------------------------------------------ */

/* The bound on a power command: BANGTIN_TEST_POWER_TIMEOUT_MS lets a test
 * see a hanging command stopped without waiting 10 s. */
static int command_timeout_ms(void)
{
    const char *t = getenv("BANGTIN_TEST_POWER_TIMEOUT_MS");
    long ms = t && *t ? strtol(t, NULL, 10) : 0;
    return ms > 0 && ms <= BT_POWER_CMD_TIMEOUT_MS ? (int)ms : BT_POWER_CMD_TIMEOUT_MS;
}

void bt_powerctl_start(bt_powerctl *c, const bt_opening *hours, SDL_Window *win,
                       const char *off_cmd, const char *on_cmd, bt_playlog *log)
{
    memset(c, 0, sizeof *c);
    bt_standby_init(&c->sb, hours);
    c->log = log;
    c->due = 0; /* the first update is due at once */
    c->write_at = UINT64_MAX;
    bt_power_backend b[BT_POWER_MAX_BACKENDS];
    int n = bt_power_backends_for_window(win, off_cmd, on_cmd, command_timeout_ms(), b,
                                         BT_POWER_MAX_BACKENDS);
    c->power = bt_power_create(b, n);
}

/* ---- update ----------------------------------------------------------------- */

static void plan(bt_powerctl *c, uint64_t now, time_t wall, bool clock_known,
                 const bt_hours *off_hours)
{
    c->due = bt_standby_deadline(&c->sb, now, wall, clock_known, off_hours);
    if (c->write_at < c->due)
        c->due = c->write_at;
}

bt_power_action bt_powerctl_update(bt_powerctl *c, uint64_t now, time_t wall, bool clock_known,
                                   const bt_hours *off_hours)
{
    bt_power_action act = bt_standby_update(&c->sb, now, wall, clock_known, off_hours);
    if (act == BT_POWER_OFF) {
        write_stretch(c, now, wall, false);
        /* SDL stops keeping the screen awake (under X11 it would undo DPMS
         * every few seconds), then the backends power it down. */
        SDL_EnableScreenSaver();
        bt_power_set(c->power, false);
    } else if (act == BT_POWER_ON) {
        bt_power_set(c->power, true);
        SDL_DisableScreenSaver();
        write_stretch(c, now, wall, true);
    } else if (c->on && now >= c->write_at) {
        write_stretch(c, now, wall, true); /* a full hour: what a power cut would lose */
    }
    plan(c, now, wall, clock_known, off_hours);
    return act;
}

/* ---- inputs ----------------------------------------------------------------- */

/* The technicians' Ctrl+Alt+Q goes through whatever the screen is doing. */
static bool quit_keys(const SDL_Event *ev)
{
    SDL_Keymod mod = SDL_GetModState();
    return ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_q && (mod & KMOD_CTRL) &&
           (mod & KMOD_ALT);
}

static bool is_press(Uint32 t)
{
    return t == SDL_KEYDOWN || t == SDL_MOUSEBUTTONDOWN || t == SDL_FINGERDOWN;
}

static bool is_pointer(Uint32 t)
{
    return t == SDL_MOUSEBUTTONDOWN || t == SDL_MOUSEBUTTONUP || t == SDL_MOUSEMOTION ||
           t == SDL_FINGERDOWN || t == SDL_FINGERUP || t == SDL_FINGERMOTION ||
           t == SDL_MOUSEWHEEL;
}

static bool is_input(Uint32 t)
{
    return is_pointer(t) || t == SDL_KEYDOWN || t == SDL_KEYUP || t == SDL_TEXTINPUT ||
           t == SDL_MULTIGESTURE || t == SDL_DOLLARGESTURE;
}

bool bt_powerctl_input(bt_powerctl *c, const SDL_Event *ev, uint64_t now, uint64_t idle_ms)
{
    Uint32 t = ev->type;
    if (!is_input(t) || quit_keys(ev))
        return false;
    if (c->swallowing && is_pointer(t)) {
        /* The rest of the waking touch: its moves and its release. */
        if (t == SDL_MOUSEBUTTONUP || t == SDL_FINGERUP)
            c->swallowing = false;
        if (is_press(t)) /* a second finger: it counts as input for the wake */
            bt_standby_input(&c->sb, now, idle_ms);
        return true;
    }
    if (is_press(t)) {
        if (bt_standby_input(&c->sb, now, idle_ms)) {
            c->swallowing = t != SDL_KEYDOWN;
            c->due = now;
            return true;
        }
        if (c->sb.state == BT_STANDBY_WOKEN)
            c->due = now; /* the wake lasts longer: plan again */
        return false;
    }
    /* Anything else while powered down (a mouse nudged) wakes nothing and
     * does nothing. */
    return bt_powerctl_asleep(c);
}

void bt_powerctl_poke(bt_powerctl *c, uint64_t now, uint64_t idle_ms)
{
    if (c->sb.state == BT_STANDBY_ASLEEP || c->sb.state == BT_STANDBY_WOKEN) {
        bt_standby_input(&c->sb, now, idle_ms);
        c->due = now;
    }
}

uint64_t bt_powerctl_deadline(const bt_powerctl *c)
{
    return c->due;
}

bool bt_powerctl_asleep(const bt_powerctl *c)
{
    /* Powered, not the state: a touch makes the state "woken" at once, but
     * the screen is down until update powers it up. */
    return c->sb.started && !c->sb.powered;
}

bool bt_powerctl_dark(const bt_powerctl *c)
{
    return c->sb.state == BT_STANDBY_DARK;
}

/* ---- status ----------------------------------------------------------------- */

void bt_powerctl_status_of(const bt_powerctl *c, time_t wall, bool clock_known,
                           bt_powerctl_status *out)
{
    memset(out, 0, sizeof *out);
    bt_standby_facts(&c->sb, wall, clock_known, &out->screen);
    size_t n = 0;
    for (int i = 0; i < bt_power_count(c->power) && n < sizeof out->backends; i++) {
        bt_power_result r;
        if (!bt_power_result_of(c->power, i, &r))
            continue;
        const char *sep = n ? "; " : "";
        if (!r.available)
            n += (size_t)snprintf(out->backends + n, sizeof out->backends - n,
                                  "%s%s: cannot be used (%s)", sep, r.name,
                                  r.why[0] ? r.why : "not available");
        else if (r.tries == 0)
            n += (size_t)snprintf(out->backends + n, sizeof out->backends - n, "%s%s: unused",
                                  sep, r.name);
        else
            n += (size_t)snprintf(out->backends + n, sizeof out->backends - n, "%s%s: %s %s%s",
                                  sep, r.name, r.last_on ? "on" : "off",
                                  r.ok ? "done" : "failed: ", r.ok ? "" : r.error);
    }
    if (n == 0)
        snprintf(out->backends, sizeof out->backends, "none");
}

/* ---- stop ------------------------------------------------------------------- */

void bt_powerctl_stop(bt_powerctl *c, uint64_t now, time_t wall)
{
    write_stretch(c, now, wall, false);
    if (c->sb.started && !c->sb.powered) {
        bt_power_set(c->power, true);
        SDL_DisableScreenSaver();
    }
    if (!bt_power_wait(c->power, 2000))
        bt_log(BT_LOG_WARNING, "screen power: a backend still runs at the end; it is stopped");
    bt_power_free(c->power);
    c->power = NULL;
}
