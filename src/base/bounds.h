/* bounds.h (named so as not to shadow the system <limits.h>): the bounds that protect the kiosk from hostile playlists and
 * sticks (design.md, "Limits that protect the kiosk"). One place for all. */
#ifndef BT_BOUNDS_H
#define BT_BOUNDS_H

#define BT_MAX_PLAYLIST_BYTES (4 * 1024 * 1024) /* the YAML file */
#define BT_MAX_YAML_DEPTH 32                     /* nesting of mappings/sequences */
#define BT_MAX_YAML_NODES 200000                 /* nodes after alias expansion */
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

/* Fonts. */
#define BT_MAX_FONT_BYTES (32 * 1024 * 1024)

/* Videos: checked by model/videoprobe before anything is decoded, and
 * again by the player (render/video) when a clip opens. */
#define BT_MAX_VIDEO_BYTES (2LL * 1024 * 1024 * 1024) /* the file */
#define BT_MAX_VIDEO_LONG_SIDE 3840                  /* 4K UHD, either way up */
#define BT_MAX_VIDEO_SHORT_SIDE 2160
#define BT_MAX_VIDEO_MS (3600LL * 1000)       /* one hour of play */
#define BT_VIDEO_PROBE_MS 5000                /* opening and probing, wall time */
#define BT_VIDEO_PROBE_BYTES (4 * 1024 * 1024) /* read to find the streams */
#define BT_VIDEO_ANALYZE_MS 3000              /* of the clip, to find its streams */
#define BT_VIDEO_QUEUE_FRAMES 3               /* decoded frames ahead of the screen */
#define BT_VIDEO_OPEN_MS (BT_VIDEO_PROBE_MS + 2000) /* a clip not ready by then is skipped */
#define BT_VIDEO_STALL_MS 2000                /* no frame for this long ends a clip */

/* Durations, milliseconds. */
#define BT_MAX_DURATION_MS (24 * 3600 * 1000)
#define BT_MAX_TRANSITION_MS 5000

#endif
