/* The player's screen power (player/powerctl.h), driven as the player
 * drives it but with explicit times and SDL events made by hand: the
 * opening hours power the screen down and up through the technician's
 * commands (writing to a file), a waking touch is swallowed whole, the
 * idle timeout puts it down again, the time on reaches the play log in
 * stretches of at most an hour, and the status says what it does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fake_clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "library/playlog.h"
#include "player/powerctl.h"

typedef struct {
    char dir[64];
    char file[128]; /* what the power commands wrote */
    bt_opening hours;
    bt_playlog *log;
    bt_powerctl c;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/bt-powerctl-XXXXXX");
    if (!f || !mkdtemp(f->dir))
        return -1;
    snprintf(f->file, sizeof f->file, "%s/power.txt", f->dir);
    f->hours.set = true;
    for (int d = 0; d < 5; d++) { /* mon-fri 07:00-17:00 */
        const char *why;
        if (!bt_opening_parse_spans("07:00-17:00", f->hours.span[d], &f->hours.n[d], &why))
            return -1;
    }
    f->log = bt_playlog_open(f->dir, NULL, 0);
    char off[200], on[200];
    snprintf(off, sizeof off, "echo off >>%s", f->file);
    snprintf(on, sizeof on, "echo on >>%s", f->file);
    bt_powerctl_start(&f->c, &f->hours, NULL, off, on, f->log);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    bt_powerctl_stop(&f->c, 0, 0);
    bt_playlog_close(f->log);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* What the commands wrote, once the power thread has run them. */
static const char *commands(fixture *f)
{
    static char buf[256];
    assert_true(bt_power_wait(f->c.power, 5000));
    FILE *in = fopen(f->file, "r");
    size_t n = in ? fread(buf, 1, sizeof buf - 1, in) : 0;
    buf[n] = '\0';
    if (in)
        fclose(in);
    for (char *s = buf; *s; s++)
        if (*s == '\n')
            *s = ' ';
    return buf;
}

/* The play log's screen records, "WHEN SECONDS; ..." (after a sync). */
static const char *screen_records(fixture *f)
{
    static char out[1024];
    char path[128], line[256];
    bt_playlog_sync(f->log);
    snprintf(path, sizeof path, "%s/plays.csv", f->dir);
    out[0] = '\0';
    FILE *in = fopen(path, "r");
    while (in && fgets(line, sizeof line, in)) {
        line[strcspn(line, "\n")] = '\0';
        bt_play p;
        if (bt_playlog_parse(line, &p) && p.screen)
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%02d:%02d:%02d %lld.%lld",
                     out[0] ? "; " : "", p.hour, p.minute, p.second, p.tenths / 10, p.tenths % 10);
    }
    if (in)
        fclose(in);
    return out;
}

static SDL_Event event(Uint32 type)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    if (type == SDL_MOUSEBUTTONDOWN || type == SDL_MOUSEBUTTONUP)
        ev.button.button = SDL_BUTTON_LEFT;
    return ev;
}

static void closed_hours_power_down_and_a_touch_wakes(void **state)
{
    fixture *f = *state;
    bt_powerctl *c = &f->c;
    const uint64_t idle = 45000;
    uint64_t ms = 1000;
    time_t w = at(2031, 3, 5, 22, 0); /* Wednesday, closed */
    assert_int_equal(bt_powerctl_deadline(c), 0); /* due at once */
    assert_false(bt_powerctl_asleep(c));
    assert_int_equal(bt_powerctl_update(c, ms, w, true, NULL), BT_POWER_OFF);
    assert_true(bt_powerctl_asleep(c));
    assert_string_equal(commands(f), "off ");
    /* Asleep until Thursday 07:00: the only deadline. */
    assert_int_equal(bt_powerctl_deadline(c), ms + 9ull * 3600 * 1000);

    /* A mouse nudged wakes nothing, and goes nowhere. */
    SDL_Event motion = event(SDL_MOUSEMOTION);
    assert_true(bt_powerctl_input(c, &motion, ms + 10, idle));
    assert_true(bt_powerctl_asleep(c));
    /* A touch wakes it, and the whole gesture is dropped. */
    SDL_Event down = event(SDL_MOUSEBUTTONDOWN), up = event(SDL_MOUSEBUTTONUP);
    assert_true(bt_powerctl_input(c, &down, ms + 20, idle));
    assert_true(bt_powerctl_asleep(c)); /* until update powers it up */
    assert_int_equal(bt_powerctl_deadline(c), ms + 20);
    assert_int_equal(bt_powerctl_update(c, ms + 20, w, true, NULL), BT_POWER_ON);
    assert_false(bt_powerctl_asleep(c));
    assert_string_equal(commands(f), "off on ");
    assert_true(bt_powerctl_input(c, &motion, ms + 30, idle));
    assert_true(bt_powerctl_input(c, &up, ms + 40, idle));
    /* The next touch is the visitor's, and keeps the screen on longer. */
    assert_false(bt_powerctl_input(c, &down, ms + 30000, idle));
    assert_false(bt_powerctl_input(c, &up, ms + 30100, idle));
    assert_int_equal(bt_powerctl_update(c, ms + 30000, w + 30, true, NULL), BT_POWER_NONE);
    assert_int_equal(bt_powerctl_deadline(c), ms + 30000 + idle);
    /* Idle: down again, and the 75 s it was on are in the play log. */
    assert_int_equal(bt_powerctl_update(c, ms + 75000, w + 75, true, NULL), BT_POWER_OFF);
    assert_string_equal(commands(f), "off on off ");
    assert_string_equal(screen_records(f), "22:00:00 75.0");
    /* A key wakes it too; Ctrl+Alt+Q is never eaten. */
    SDL_Event key = event(SDL_KEYDOWN);
    key.key.keysym.sym = SDLK_q;
    SDL_SetModState(KMOD_LCTRL | KMOD_LALT);
    assert_false(bt_powerctl_input(c, &key, ms + 80000, idle));
    SDL_SetModState(KMOD_NONE);
    assert_true(bt_powerctl_input(c, &key, ms + 80000, idle));
    assert_int_equal(bt_powerctl_update(c, ms + 80000, w + 80, true, NULL), BT_POWER_ON);
    /* A stick plugged in while woken keeps it on for another idle time. */
    bt_powerctl_poke(c, ms + 100000, idle);
    assert_int_equal(bt_powerctl_update(c, ms + 100000, w + 100, true, NULL), BT_POWER_NONE);
    assert_int_equal(bt_powerctl_deadline(c), ms + 100000 + idle);
}

/* Inside the hours it plays; its time on is written at each full hour of the
 * wall clock, so a power cut loses at most one. */
static void open_hours_and_hourly_screen_time(void **state)
{
    fixture *f = *state;
    bt_powerctl *c = &f->c;
    uint64_t ms = 5000;
    time_t w = at(2031, 3, 5, 15, 30); /* Wednesday, open */
    assert_int_equal(bt_powerctl_update(c, ms, w, true, NULL), BT_POWER_ON);
    assert_string_equal(commands(f), "on ");
    /* Due at 16:00 (the full hour), before the closing at 17:00. */
    assert_int_equal(bt_powerctl_deadline(c), ms + 1800 * 1000);
    assert_int_equal(bt_powerctl_update(c, ms + 1800000, w + 1800, true, NULL), BT_POWER_NONE);
    assert_string_equal(screen_records(f), "15:30:00 1800.0");
    assert_int_equal(bt_powerctl_deadline(c), ms + 5400 * 1000);
    SDL_Event down = event(SDL_FINGERDOWN);
    assert_false(bt_powerctl_input(c, &down, ms + 1800500, 45000)); /* open: a touch is a touch */
    /* 17:00: closed. */
    assert_int_equal(bt_powerctl_update(c, ms + 5400000, w + 5400, true, NULL), BT_POWER_OFF);
    assert_string_equal(screen_records(f), "15:30:00 1800.0; 16:00:00 3600.0");
    assert_string_equal(commands(f), "on off ");

    bt_powerctl_status st;
    bt_powerctl_status_of(c, w + 5400, true, &st);
    assert_string_equal(st.screen.state, "asleep");
    assert_string_equal(st.screen.power, "off");
    assert_true(st.screen.has_hours);
    assert_false(st.screen.open);
    assert_int_equal(st.screen.next_change, at(2031, 3, 6, 7, 0));
    assert_true(st.screen.next_opens);
    assert_non_null(strstr(st.backends, "hdmi-cec: cannot be used"));
    assert_non_null(strstr(st.backends, "command: off done"));
}

/* The playlist's off hours inside the opening hours: dark, powered. */
static void off_hours_are_dark_not_down(void **state)
{
    fixture *f = *state;
    bt_powerctl *c = &f->c;
    bt_hours lunch;
    assert_true(bt_parse_hours("12:00-13:00", &lunch));
    time_t w = at(2031, 3, 5, 12, 30);
    assert_int_equal(bt_powerctl_update(c, 0, w, true, &lunch), BT_POWER_ON);
    assert_true(bt_powerctl_dark(c));
    assert_false(bt_powerctl_asleep(c));
    SDL_Event down = event(SDL_MOUSEBUTTONDOWN);
    assert_false(bt_powerctl_input(c, &down, 10, 45000)); /* touch mode works as before */
    assert_int_equal(bt_powerctl_deadline(c), 1800 * 1000);
    assert_int_equal(bt_powerctl_update(c, 1800000, w + 1800, true, &lunch), BT_POWER_NONE);
    assert_false(bt_powerctl_dark(c));
    /* The clock not set: never down, never dark. */
    assert_int_equal(bt_powerctl_update(c, 1900000, at(1970, 1, 1, 23, 0), false, &lunch),
                     BT_POWER_NONE);
    assert_false(bt_powerctl_asleep(c));
    bt_powerctl_status st;
    bt_powerctl_status_of(c, at(1970, 1, 1, 23, 0), false, &st);
    assert_true(st.screen.open);
    assert_false(st.screen.clock_known);
    assert_int_equal(st.screen.next_change, (time_t)-1);
}

/* Stopped while down: powered up for whoever stops the player. */
static void stop_powers_up(void **state)
{
    fixture *f = *state;
    time_t w = at(2031, 3, 8, 10, 0); /* Saturday: closed */
    assert_int_equal(bt_powerctl_update(&f->c, 0, w, true, NULL), BT_POWER_OFF);
    assert_string_equal(commands(f), "off ");
    bt_power_wait(f->c.power, 5000);
    FILE *in = fopen(f->file, "r");
    assert_non_null(in);
    fclose(in);
    bt_powerctl c = f->c; /* stop it here, and let teardown stop a fresh one */
    bt_powerctl_stop(&c, 1000, w + 1);
    char buf[64] = "";
    in = fopen(f->file, "r");
    size_t n = fread(buf, 1, sizeof buf - 1, in);
    buf[n] = '\0';
    fclose(in);
    assert_string_equal(buf, "off\non\n");
    memset(&f->c, 0, sizeof f->c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(closed_hours_power_down_and_a_touch_wakes, setup, teardown),
        cmocka_unit_test_setup_teardown(open_hours_and_hourly_screen_time, setup, teardown),
        cmocka_unit_test_setup_teardown(off_hours_are_dark_not_down, setup, teardown),
        cmocka_unit_test_setup_teardown(stop_powers_up, setup, teardown),
    };
    return cmocka_run_group_tests_name("powerctl", tests, setup_tz, NULL);
}
