/* tz.h: the kiosk's time zone, from its settings (`timezone:`), for the
 * whole process. The zone is set once at start, before any thread reads the
 * clock: setenv("TZ", ":Zone") and tzset(), so that localtime_r and mktime
 * (which schedules and opening hours use) follow it, whatever the system's
 * /etc/localtime says. Plain C. */
#ifndef BT_TZ_H
#define BT_TZ_H

#include <stdbool.h>
#include <stddef.h>

/* The longest zone name accepted ("America/Argentina/ComodRivadavia" is 32). */
#define BT_TZ_MAX_NAME 64

/* Whether name is a time zone this machine knows: a safe name (letters,
 * digits, '/', '_', '-', '+'; no "..", no component starting with '.', no
 * leading '/', at most BT_TZ_MAX_NAME bytes) naming a regular file below the
 * zone folder ($TZDIR, else /usr/share/zoneinfo) that starts with "TZif".
 * On false, err says why in words a technician can act on. */
bool bt_tz_check(const char *name, char *err, size_t errsize);

/* Checks name (bt_tz_check) and makes it the process's time zone. Call at
 * start, before threads run: setenv is not thread-safe. On false nothing
 * changed and err says why. */
bool bt_tz_apply(const char *name, char *err, size_t errsize);

#endif
