/* The watcher: each kind of change gives exactly one event, with inotify
 * and with forced polling; stop is prompt, drops queued events and leaks no
 * descriptor. Only SDL's event queue is used: no video. Every wait is a
 * wait for a condition with a timeout, never a fixed sleep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "sys/watch.h"

#define TIMEOUT_MS 5000
/* Quiet time after an event in which a second one would be a duplicate:
 * longer than the debounce and than the test poll period. */
#define QUIET_MS 900

static char tmpdir[] = "/tmp/bangtin-watch-XXXXXX";
static char file[512], folder[512];
static Uint32 ev_type;

static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    assert_non_null(d);
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* Waits for the next event of ours; returns its code, or -1 on timeout. */
static int next_event(int timeout_ms)
{
    uint64_t end = SDL_GetTicks64() + (uint64_t)timeout_ms;
    for (;;) {
        uint64_t now = SDL_GetTicks64();
        if (now >= end)
            return -1;
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, (int)(end - now)) && ev.type == ev_type)
            return ev.user.code;
    }
}

/* Exactly one event, for path index `code`. */
static void expect_one(int code, const char *what)
{
    int got = next_event(TIMEOUT_MS);
    if (got != code)
        fail_msg("%s: expected one event for path %d, got %d", what, code, got);
    got = next_event(QUIET_MS);
    if (got != -1)
        fail_msg("%s: a second event (path %d)", what, got);
}

static int setup(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(tmpdir));
    snprintf(file, sizeof file, "%s/playlist.yaml", tmpdir);
    snprintf(folder, sizeof folder, "%s/media", tmpdir);
    assert_int_equal(SDL_Init(SDL_INIT_EVENTS), 0);
    ev_type = SDL_RegisterEvents(1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    SDL_Quit();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd);
}

/* A fresh file and folder for each test. */
static void fresh(const char *tag)
{
    snprintf(file, sizeof file, "%s/%s.yaml", tmpdir, tag);
    snprintf(folder, sizeof folder, "%s/%s-media", tmpdir, tag);
    write_text(file, "version: 1\n");
    assert_int_equal(mkdir(folder, 0755), 0);
    char entry[600];
    snprintf(entry, sizeof entry, "%s/a.txt", folder);
    write_text(entry, "a");
}

static void each_change_gives_one_event(bool poll_only, const char *tag)
{
    fresh(tag);
    int fds = open_fds();
    const char *paths[] = {file, folder};
    bt_watch_options opt = {.poll_only = poll_only, .poll_ms = poll_only ? 200 : 0};
    char err[256];
    bt_watch *w = bt_watch_start_with(paths, 2, ev_type, &opt, err, sizeof err);
    assert_non_null(w);
    assert_int_equal(bt_watch_polled(w, 0), poll_only);
    assert_int_equal(bt_watch_polled(w, 1), poll_only);
    char path[600], path2[700];

    /* rewritten in place, in several writes */
    int fd = open(file, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    for (int i = 0; i < 20; i++)
        assert_int_equal(write(fd, "slides:\n", 8), 8);
    close(fd);
    expect_one(0, "rewrite in place");

    /* replaced by rename, as editors save */
    snprintf(path, sizeof path, "%s/.%s.tmp", tmpdir, tag);
    write_text(path, "version: 1\nname: new\n");
    assert_int_equal(rename(path, file), 0);
    expect_one(0, "replace by rename");

    /* a folder entry touched */
    snprintf(path, sizeof path, "%s/a.txt", folder);
    struct timespec times[2] = {{0, UTIME_NOW}, {1000000000, 0}};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
    expect_one(1, "touch a folder entry");

    /* a subfolder appears (a user's mount folder), then one level down in it */
    snprintf(path, sizeof path, "%s/USER", folder);
    assert_int_equal(mkdir(path, 0755), 0);
    expect_one(1, "create a subfolder");
    snprintf(path2, sizeof path2, "%s/USER/STICK", folder);
    assert_int_equal(mkdir(path2, 0755), 0);
    expect_one(1, "a folder one level down");

    /* the file deleted */
    assert_int_equal(unlink(file), 0);
    expect_one(0, "delete");

    uint64_t t0 = SDL_GetTicks64();
    bt_watch_stop(w);
    assert_true(SDL_GetTicks64() - t0 < 500);
    assert_int_equal(open_fds(), fds);
}

static void inotify_sees_each_change_once(void **state)
{
    (void)state;
    each_change_gives_one_event(false, "ino");
}

static void polling_sees_each_change_once(void **state)
{
    (void)state;
    each_change_gives_one_event(true, "poll");
}

/* Stop is prompt even in polling mode with its 2 s period, and removes an
 * event already queued but not yet read. */
static void stop_is_prompt_and_drops_queued_events(void **state)
{
    (void)state;
    fresh("stop");
    int fds = open_fds();
    const char *paths[] = {file};
    char err[256];
    bt_watch *w = bt_watch_start(paths, 1, ev_type, err, sizeof err);
    assert_non_null(w);
    write_text(file, "changed\n");
    /* Wait until the event is queued, without taking it. */
    uint64_t end = SDL_GetTicks64() + TIMEOUT_MS;
    while (SDL_PumpEvents(), SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, ev_type, ev_type) == 0)
        assert_true(SDL_GetTicks64() < end);
    uint64_t t0 = SDL_GetTicks64();
    bt_watch_stop(w);
    assert_true(SDL_GetTicks64() - t0 < 500);
    assert_int_equal(SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, ev_type, ev_type), 0);

    bt_watch_options opt = {.poll_only = true};
    w = bt_watch_start_with(paths, 1, ev_type, &opt, err, sizeof err);
    assert_non_null(w);
    t0 = SDL_GetTicks64();
    bt_watch_stop(w);
    assert_true(SDL_GetTicks64() - t0 < 500);
    assert_int_equal(open_fds(), fds);
}

/* A path that does not exist yet is watched for its appearance. */
static void missing_file_is_seen_when_it_appears(void **state)
{
    (void)state;
    fresh("missing");
    char later[600];
    snprintf(later, sizeof later, "%s/later.yaml", tmpdir);
    const char *paths[] = {later};
    char err[256];
    bt_watch *w = bt_watch_start(paths, 1, ev_type, err, sizeof err);
    assert_non_null(w);
    write_text(later, "version: 1\n");
    expect_one(0, "a file appears");
    bt_watch_stop(w);
}

/* A watched folder removed and made again: seen both times (its watch is
 * lost, so it is polled from then on). */
static void folder_removed_and_back(void **state)
{
    (void)state;
    fresh("gone");
    const char *paths[] = {folder};
    bt_watch_options opt = {.poll_ms = 200};
    char err[256];
    bt_watch *w = bt_watch_start_with(paths, 1, ev_type, &opt, err, sizeof err);
    assert_non_null(w);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", folder);
    assert_int_equal(system(cmd), 0);
    expect_one(0, "folder removed");
    assert_true(bt_watch_polled(w, 0));
    assert_int_equal(mkdir(folder, 0755), 0);
    expect_one(0, "folder back");
    bt_watch_stop(w);
}

static void bad_arguments(void **state)
{
    (void)state;
    char err[256] = "";
    assert_null(bt_watch_start(NULL, 0, ev_type, err, sizeof err));
    assert_true(err[0] != '\0');
    bt_watch_stop(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inotify_sees_each_change_once),
        cmocka_unit_test(polling_sees_each_change_once),
        cmocka_unit_test(stop_is_prompt_and_drops_queued_events),
        cmocka_unit_test(missing_file_is_seen_when_it_appears),
        cmocka_unit_test(folder_removed_and_back),
        cmocka_unit_test(bad_arguments),
    };
    return cmocka_run_group_tests_name("watch", tests, setup, teardown);
}
