/* notify.h: telling systemd the player is up and alive (sd_notify's
 * protocol: a datagram to $NOTIFY_SOCKET), without linking libsystemd. With
 * WatchdogSec= in the unit, a player whose main loop hangs stops sending
 * WATCHDOG=1 and systemd restarts it. */
#ifndef BT_NOTIFY_H
#define BT_NOTIFY_H

#include <stdint.h>

/* Sends one state line ("READY=1", "WATCHDOG=1", "STOPPING=1"); does nothing
 * when not started by systemd. */
void bt_notify(const char *state);

/* How often the main loop must send WATCHDOG=1, in ms (half the unit's
 * WatchdogSec), or 0 when there is no watchdog. */
uint64_t bt_notify_watchdog_ms(void);

#endif
