/* bounds.h (named so as not to shadow the system <limits.h>): the bounds
 * that protect the kiosk from hostile playlists and sticks, listed in the
 * README's limits. One place for all. */
#ifndef BT_BOUNDS_H
#define BT_BOUNDS_H

#define BT_MAX_PLAYLIST_BYTES (4 * 1024 * 1024) /* the YAML file */
#define BT_MAX_YAML_DEPTH 32                     /* nesting of mappings/sequences */
#define BT_MAX_YAML_NODES 200000                 /* nodes after alias expansion */
#define BT_MAX_YAML_EXPANDED_BYTES (16 * 1024 * 1024) /* text after alias expansion */
#define BT_MAX_SLIDES 5000
#define BT_MAX_TOPICS 64
#define BT_MAX_TIPS 2000

/* Text lengths, in characters (code points) after normalisation. */
#define BT_MAX_TITLE_CHARS 300
#define BT_MAX_BODY_CHARS 3000
#define BT_MAX_TIP_CHARS 500
#define BT_MAX_SHORT_CHARS 200 /* header, name, labels, ids, topic titles */
#define BT_MAX_QR_BYTES 1000   /* fits a QR code still scannable on a screen */

/* Images: checked from the file header before any decoding. */
#define BT_MAX_IMAGE_BYTES (50 * 1024 * 1024)
#define BT_MAX_IMAGE_SIDE 16384
#define BT_MAX_IMAGE_PIXELS (36 * 1000 * 1000)

/* The deep check (--check, a stick): each distinct file once, and in all at
 * most this many bytes and this long; past either, the rest is refused. */
#define BT_MAX_CHECK_BYTES (2LL * 1024 * 1024 * 1024)
#define BT_MAX_CHECK_SECONDS 600

/* Fonts. */
#define BT_MAX_FONT_BYTES (32 * 1024 * 1024)

/* The play log: records written a day, at most (library/playlog.h). */
#define BT_MAX_PLAYS_PER_DAY 20000

/* Durations, milliseconds. */
#define BT_MAX_DURATION_MS (24 * 3600 * 1000)
#define BT_MIN_DURATION_MS 1000 /* a duration, tip interval or idle timeout, at least */
#define BT_MAX_TRANSITION_MS 5000

/* The technician's kiosk settings (kiosk.yaml). */
#define BT_MAX_SETTINGS_BYTES (64 * 1024) /* a settings file is a page or two */
#define BT_MAX_KIOSK_NAME_CHARS 64          /* a folder name in every outbox */
#define BT_MAX_SETTINGS_PATH_CHARS 1000     /* library, watch, campaign, ... */
#define BT_MAX_WATCH_DIRS 16
#define BT_MAX_TRUST_KEYS 16
#define BT_MAX_POWER_COMMAND_CHARS 1000

#endif
