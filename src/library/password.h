/* password.h: a secret key's password, typed on the controlling terminal.
 * Plain C, no SDL.
 *
 * Only /dev/tty is read, with echo off, never stdin: a password is never
 * piped in from a file that would keep it, and a command with no terminal
 * (a service, a cron job, a test under setsid) learns that it has none
 * instead of hanging. The buffer is the caller's; wipe it after use
 * (sodium_memzero). */
#ifndef BT_PASSWORD_H
#define BT_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    BT_PASSWORD_OK,
    BT_PASSWORD_NO_TTY, /* this process has no controlling terminal */
    BT_PASSWORD_FAILED, /* the terminal could not be read, or the line was too long */
} bt_password_status;

/* Whether this process has a controlling terminal to ask on. */
bool bt_password_have_tty(void);

/* Writes prompt on the terminal, reads one line with echo off into buf
 * (NUL-terminated, without its "\n" or "\r\n"), then restores the echo.
 * An empty line gives "". On a status other than BT_PASSWORD_OK, buf holds
 * "" and err says why in plain words. */
bt_password_status bt_password_read(const char *prompt, char *buf, size_t size, char *err,
                                    size_t errsize);

/* For a new key: asks twice (prompt, then "The same password again: ")
 * and refuses two different answers. Same contract as bt_password_read. */
bt_password_status bt_password_read_new(const char *prompt, char *buf, size_t size, char *err,
                                        size_t errsize);

/* A bt_minisign_password_fn (minisign.h) that asks on the terminal, then
 * says there that checking it takes a few seconds; ctx is unused. Without
 * a terminal it fails with a message that says to run the command from one. */
bool bt_password_ask(void *ctx, const char *prompt, char *buf, size_t size, char *err,
                     size_t errsize);

#endif
