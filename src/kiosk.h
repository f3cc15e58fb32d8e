/* kiosk.h: the technician's side of the command line: the kiosk's settings
 * (kiosk.yaml) read and applied at start, and the one-command changes a
 * technician makes to a kiosk, --rollback and --reset. */
#ifndef BT_KIOSK_H
#define BT_KIOSK_H

#include <stdbool.h>

#include "model/settings.h"
#include "options.h"

/* How the problems of kiosk.yaml are told when it is read at start. */
typedef enum {
    BT_KIOSK_LOG,   /* the player: each problem, and what keeps its default, in the log */
    BT_KIOSK_NOTE,  /* a technician's command: one line on stderr when a setting fell back */
    BT_KIOSK_QUIET, /* --check: it says everything itself */
} bt_kiosk_voice;

/* Reads the settings (o->config, else BT_SETTINGS_PATH when it exists)
 * into s, makes their time zone the process's (call it before any thread
 * starts), reads --now again in that zone, and fills what the command line
 * left unset in o from them (defaults < kiosk.yaml < command line). A bad
 * setting keeps its default, and is told as voice says. s must outlive o
 * (o's strings may point into it); bt_settings_clear it after. */
void bt_kiosk_settings(bt_options *o, bt_settings *s, bt_kiosk_voice voice);

/* --rollback and --reset: change the library's `current` (library/current.h),
 * say what changed or why nothing did, and return the exit status (0 done,
 * 1 refused). */
int bt_kiosk_rollback(const bt_options *o);
int bt_kiosk_reset(const bt_options *o);

#endif
