/* campaign_follow.h: when to look at a synced campaign folder, as plain C
 * told the time. A synced folder is not a stick: Syncthing delivers files
 * one by one, in any order, under temporary names, over minutes, the
 * manifest before or after its files. So the folder is followed by its
 * fingerprint (the names, kinds, sizes, times and inodes of everything in
 * it, temporary files included): each time it changes, once it has been
 * quiet for `debounce_ms`, the campaign is decided about (and taken when
 * it is whole and verifies); a folder still waited for (or whose import
 * was cut short) is decided about again as settled once it has been quiet
 * for `quiet_ms`, when a signature or bytes that still do not match are
 * refused rather than waited for. The same folder state is never decided
 * about twice, so a refusal is said once. */
#ifndef BT_CAMPAIGN_FOLLOW_H
#define BT_CAMPAIGN_FOLLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "campaign_store.h"

#define BT_FOLLOW_DEBOUNCE_MS 1000
#define BT_FOLLOW_QUIET_MS 60000

typedef enum {
    BT_FOLLOW_NOTHING,
    BT_FOLLOW_DECIDE,         /* decide now, the folder not settled */
    BT_FOLLOW_DECIDE_SETTLED, /* decide now, the folder settled */
} bt_follow_action;

typedef struct {
    int debounce_ms, quiet_ms;
    bool seen;            /* fp is a fingerprint seen */
    uint64_t fp;          /* the folder's fingerprint, last seen */
    uint64_t changed_at;  /* when it last changed (ms) */
    bool decided;         /* decided_fp was decided about */
    uint64_t decided_fp;
    bool decided_settled;
    bt_cimport_status last; /* what that decision came to */
} bt_follow;

/* Starts following (nothing seen yet); 0 for the defaults above. */
void bt_follow_init(bt_follow *f, int debounce_ms, int quiet_ms);

/* The folder's fingerprint fp at now (monotonic ms): what to do. */
bt_follow_action bt_follow_look(bt_follow *f, uint64_t now, uint64_t fp);

/* The decision asked for on fingerprint fp came to st. */
void bt_follow_decided(bt_follow *f, uint64_t fp, bool settled, bt_cimport_status st);

/* When to look again at the latest (ms), UINT64_MAX when only a change
 * of the folder can call for a look. */
uint64_t bt_follow_deadline(const bt_follow *f);

/* The fingerprint of the folder dir and everything below it, never
 * through a symlink, at most BT_MAX_CAMPAIGN_ENTRIES names and
 * BT_MAX_MANIFEST_DEPTH deep; 0 when dir cannot be opened. */
uint64_t bt_campaign_fingerprint(const char *dir);

#endif
