/* password.c: reading a password on /dev/tty with echo off (password.h). */
#include "password.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "base/i18n.h"
#include "crypto.h"

/* The controlling terminal, or -1 (errno ENXIO: there is none). */
static int open_tty(void)
{
    return open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
}

bool bt_password_have_tty(void)
{
    int fd = open_tty();
    if (fd < 0)
        return false;
    close(fd);
    return true;
}

static void say(int fd, const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

/* One line from fd into buf. Reads a byte at a time so that nothing past
 * the line is taken from the terminal. false when the line does not fit
 * (what was typed is still read to its end, so it does not reach the shell). */
static bool read_line(int fd, char *buf, size_t size, char *err, size_t errsize)
{
    size_t n = 0;
    bool fits = true;
    for (;;) {
        char c;
        ssize_t r = read(fd, &c, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            snprintf(err, errsize, _("cannot read the password from the terminal: %s"),
                     strerror(errno));
            sodium_memzero(buf, size);
            return false;
        }
        if (r == 0 || c == '\n')
            break;
        if (n + 1 < size)
            buf[n++] = c;
        else
            fits = false;
    }
    if (n > 0 && buf[n - 1] == '\r') /* as minisign reads it */
        n--;
    buf[n] = '\0';
    if (!fits) {
        sodium_memzero(buf, size);
        snprintf(err, errsize, _("the password is too long (at most %zu bytes)"), size - 1);
        return false;
    }
    return true;
}

bt_password_status bt_password_read(const char *prompt, char *buf, size_t size, char *err,
                                    size_t errsize)
{
    if (size > 0)
        buf[0] = '\0';
    int fd = open_tty();
    if (fd < 0) {
        snprintf(err, errsize, _("there is no terminal to type a password on"));
        return BT_PASSWORD_NO_TTY;
    }
    if (size < 2) {
        close(fd);
        snprintf(err, errsize, _("no room for a password"));
        return BT_PASSWORD_FAILED;
    }
    struct termios old, quiet;
    bool restore = tcgetattr(fd, &old) == 0;
    if (restore) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
        quiet.c_lflag |= ICANON;
        if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0)
            restore = false;
    }
    say(fd, prompt);
    bool ok = read_line(fd, buf, size, err, errsize);
    if (restore)
        tcsetattr(fd, TCSAFLUSH, &old);
    say(fd, "\n"); /* the Enter key was not echoed */
    close(fd);
    return ok ? BT_PASSWORD_OK : BT_PASSWORD_FAILED;
}

bt_password_status bt_password_read_new(const char *prompt, char *buf, size_t size, char *err,
                                        size_t errsize)
{
    bt_password_status st = bt_password_read(prompt, buf, size, err, errsize);
    if (st != BT_PASSWORD_OK)
        return st;
    char *again = bt_crypto_init() ? sodium_malloc(size) : NULL;
    if (!again) {
        sodium_memzero(buf, size);
        snprintf(err, errsize, _("out of memory"));
        return BT_PASSWORD_FAILED;
    }
    st = bt_password_read("The same password again: ", again, size, err, errsize);
    if (st == BT_PASSWORD_OK && strcmp(buf, again) != 0) {
        snprintf(err, errsize, _("the two passwords differ; nothing was written"));
        st = BT_PASSWORD_FAILED;
    }
    sodium_free(again);
    if (st != BT_PASSWORD_OK)
        sodium_memzero(buf, size);
    return st;
}

bool bt_password_ask(void *ctx, const char *prompt, char *buf, size_t size, char *err,
                     size_t errsize)
{
    (void)ctx;
    char why[256];
    bt_password_status st = bt_password_read(prompt, buf, size, why, sizeof why);
    if (st == BT_PASSWORD_NO_TTY)
        snprintf(err, errsize,
                 _("the secret key is protected by a password and there is no terminal to type "
                 "it on: run the command from a terminal"));
    else if (st != BT_PASSWORD_OK)
        snprintf(err, errsize, "%s", why);
    if (st == BT_PASSWORD_OK) {
        /* scrypt comes next, and takes seconds on purpose: say so. */
        int fd = open_tty();
        if (fd >= 0) {
            say(fd, "Checking the password (a few seconds)...\n");
            close(fd);
        }
    }
    return st == BT_PASSWORD_OK;
}
