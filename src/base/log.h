/* log.h: diagnostics on stderr, one line per event, with the syslog level
 * prefix (`<3>` error, `<4>` warning, `<6>` info, `<7>` debug) that journald
 * turns into a priority. */
#ifndef BT_LOG_H
#define BT_LOG_H

#include "diag.h"

typedef enum {
    BT_LOG_ERROR = 3,
    BT_LOG_WARNING = 4,
    BT_LOG_INFO = 6,
    BT_LOG_DEBUG = 7,
} bt_log_level;

/* Messages above this level are dropped; BT_LOG_INFO unless BANGTIN_DEBUG=1. */
void bt_log_set_level(bt_log_level max);

/* Writes one line; a trailing newline is added. Thread-safe (one write). */
void bt_log(bt_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The last warnings and errors logged, kept for the kiosk's status. */
#define BT_LOG_RECENT 8
typedef struct {
    long long when; /* time_t */
    bt_log_level level;
    char text[256]; /* cut short */
} bt_log_entry;

/* Copies the last (at most max) warnings and errors into out, oldest
 * first; returns how many. Thread-safe. */
int bt_log_recent(bt_log_entry *out, int max);

/* Logs each diagnostic of d as one line, FILE:LINE:COL first, at its
 * severity (errors as errors, warnings as warnings). */
void bt_log_diags(const bt_diags *d);

#endif
