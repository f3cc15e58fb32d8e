/* power_cmd.c: power commands run with a time bound (see power_cmd.h). */
#include "power_cmd.h"
#include "base/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Waits for pid at most ms; true (with *status) when it ended. A pidfd
 * lets poll() sleep until the exit; without one (old kernels), it is
 * looked at every 20 ms. */
static bool wait_for(pid_t pid, int ms, int *status)
{
    uint64_t end = now_ms() + (uint64_t)(ms > 0 ? ms : 0);
#ifdef SYS_pidfd_open
    int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
#else
    int pfd = -1;
#endif
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid || (r < 0 && errno != EINTR)) {
            if (pfd >= 0)
                close(pfd);
            return true;
        }
        uint64_t t = now_ms();
        if (t >= end)
            break;
        int left = (int)(end - t);
        if (pfd >= 0) {
            struct pollfd p = {pfd, POLLIN, 0};
            poll(&p, 1, left);
        } else {
            struct timespec ts = {0, (left < 20 ? left : 20) * 1000000L};
            nanosleep(&ts, NULL);
        }
    }
    if (pfd >= 0)
        close(pfd);
    return false;
}

bool bt_power_run_command(const char *cmd, int timeout_ms, char *err, size_t size)
{
    posix_spawnattr_t attr;
    posix_spawn_file_actions_t fa;
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_init(&attr);
    posix_spawn_file_actions_init(&fa);
    /* Its own process group (to stop all it starts), no signal blocked or
     * ignored as the player's threads have them, stdin from nowhere. */
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                        POSIX_SPAWN_SETSIGDEF);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    char *argv[] = {"sh", "-c", (char *)cmd, NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/bin/sh", &fa, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        snprintf(err, size, _("could not be started: %s"), strerror(rc));
        return false;
    }
    int status = 0;
    if (!wait_for(pid, timeout_ms, &status)) {
        kill(-pid, SIGTERM);
        if (!wait_for(pid, 1000, &status)) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
        }
        kill(-pid, SIGKILL); /* what it left behind in its group */
        snprintf(err, size, _("did not finish within %d s and was stopped"), (timeout_ms + 999) / 1000);
        return false;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return true;
    if (WIFEXITED(status))
        snprintf(err, size, _("ended with status %d"), WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(err, size, _("was killed by signal %d"), WTERMSIG(status));
    else
        snprintf(err, size, _("ended abnormally"));
    return false;
}

/* ---- the backend ----------------------------------------------------------- */

typedef struct {
    char *off, *on;
    int timeout_ms;
} cmds;

static bool cmd_off(void *ctx, char *err, size_t size)
{
    cmds *c = ctx;
    return bt_power_run_command(c->off, c->timeout_ms, err, size);
}

static bool cmd_on(void *ctx, char *err, size_t size)
{
    cmds *c = ctx;
    return bt_power_run_command(c->on, c->timeout_ms, err, size);
}

static void cmd_free(void *ctx)
{
    cmds *c = ctx;
    free(c->off);
    free(c->on);
    free(c);
}

bool bt_power_cmd(const char *off_cmd, const char *on_cmd, int timeout_ms, bt_power_backend *out)
{
    bool has_off = off_cmd && off_cmd[0], has_on = on_cmd && on_cmd[0];
    if (!has_off && !has_on)
        return false;
    cmds *c = calloc(1, sizeof *c);
    if (!c || (has_off && !(c->off = strdup(off_cmd))) || (has_on && !(c->on = strdup(on_cmd)))) {
        if (c)
            cmd_free(c);
        return false;
    }
    c->timeout_ms = timeout_ms > 0 ? timeout_ms : BT_POWER_CMD_TIMEOUT_MS;
    memset(out, 0, sizeof *out);
    out->name = "command";
    out->threaded = true;
    out->off = has_off ? cmd_off : NULL;
    out->on = has_on ? cmd_on : NULL;
    out->free = cmd_free;
    out->ctx = c; /* the backend owns it now */
    return true;
}
