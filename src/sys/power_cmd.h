/* power_cmd.h: the technician's power commands (kiosk.yaml `power: {off,
 * on}`: a relay, a TV's RS-232 port), run through /bin/sh -c in a process
 * group of their own, with stdin from /dev/null and the player's output,
 * and a time bound: a command still running after it is stopped, with
 * every process it started (SIGTERM, then SIGKILL a second later). */
#ifndef BT_POWER_CMD_H
#define BT_POWER_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "power.h"

#define BT_POWER_CMD_TIMEOUT_MS 10000

/* Runs cmd and waits for it at most timeout_ms. True when it exited with
 * status 0; false with what happened in err ("ended with status 3", "did
 * not finish within 10 s and was stopped", "could not be started: ..."). */
bool bt_power_run_command(const char *cmd, int timeout_ms, char *err, size_t size);

/* A threaded backend running off_cmd / on_cmd (copied; NULL or "": none,
 * for that action). False, out untouched, when both are none (nothing to
 * add to the table) or out of memory. */
bool bt_power_cmd(const char *off_cmd, const char *on_cmd, int timeout_ms, bt_power_backend *out);

#endif
