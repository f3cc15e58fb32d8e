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

/* Images: checked from the file header before any decoding. SIDE and
 * PIXELS bound every picture as it is decoded: PNG, GIF, BMP and WebP are
 * decoded at their full size, so their headers must be within them; a JPEG
 * may be larger, since it is decoded at 1/2, 1/4 or 1/8 of its size (a
 * 50-megapixel phone photo), up to BT_MAX_JPEG_PIXELS. */
#define BT_MAX_IMAGE_BYTES (50 * 1024 * 1024)
#define BT_MAX_IMAGE_SIDE 16384
#define BT_MAX_IMAGE_PIXELS (36 * 1000 * 1000)
#define BT_MAX_IMAGE_FRAMES 10000 /* GIF, APNG and WebP animation frames */

/* JPEG: the largest photo (the sensors of 2025's phones), the memory
 * libjpeg may take (a progressive file keeps every coefficient of the whole
 * picture: 2 bytes a sample), the scans of a progressive file (libjpeg-
 * turbo's own limit; a camera writes about ten, and each scan is a walk over
 * the whole picture: 100,000 empty scans took minutes), and the time one
 * decode may take on the worker thread. */
#define BT_MAX_JPEG_PIXELS (200 * 1000 * 1000)
#define BT_MAX_JPEG_MEMORY (256 * 1024 * 1024) /* a 36-megapixel progressive photo in full colour: 216 MB */
#define BT_MAX_JPEG_SCANS 500
#define BT_MAX_JPEG_DECODE_MS 10000

/* PDF documents: read by poppler in a separate process (render/pdf.c),
 * with its own memory and time limits, so that a hostile file can neither
 * hang nor kill the player. PAGES bounds the slides one PDF puts in the
 * loop; MEMORY is the helper's address space beyond the page's pixels;
 * CHECK_MS is what --check spends drawing every page of a playlist. */
#define BT_MAX_PDF_BYTES (100 * 1024 * 1024)
#define BT_MAX_PDF_PAGES 300
#define BT_MAX_PDF_MEMORY (256 * 1024 * 1024)
#define BT_MAX_PDF_OPEN_MS 10000
#define BT_MAX_PDF_PAGE_MS 10000
#define BT_MAX_PDF_CHECK_MS (5 * 60 * 1000)

/* A folder shown as slides (`folder:`, or a playlist that is a folder):
 * the entries looked at, and how deep below it. */
#define BT_MAX_FOLDER_ENTRIES 5000
#define BT_MAX_FOLDER_DEPTH 4

/* The deep check (--check, a stick): each distinct file once, and in all at
 * most this many bytes and this long; past either, the rest is refused. */
#define BT_MAX_CHECK_BYTES (2LL * 1024 * 1024 * 1024)
#define BT_MAX_CHECK_SECONDS 600

/* Fonts. */
#define BT_MAX_FONT_BYTES (32 * 1024 * 1024)

/* The play log: records written a day, at most (library/playlog.h). */
#define BT_MAX_PLAYS_PER_DAY 20000
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
#define BT_MIN_DURATION_MS 1000 /* a duration, tip interval or idle timeout, at least */
#define BT_MAX_TRANSITION_MS 5000

/* The technician's kiosk settings (kiosk.yaml). */
#define BT_MAX_SETTINGS_BYTES (64 * 1024) /* a settings file is a page or two */
#define BT_MAX_KIOSK_NAME_CHARS 64          /* a folder name in every outbox */
#define BT_MAX_SETTINGS_PATH_CHARS 1000     /* library, watch, campaign, ... */
#define BT_MAX_WATCH_DIRS 16
#define BT_MAX_TRUST_KEYS 16
#define BT_MAX_POWER_COMMAND_CHARS 1000

/* Signed campaigns: manifest.txt, its
 * signature, and the folder they describe. A campaign is read whole into
 * memory only as its manifest (the files are streamed). */
#define BT_MAX_MANIFEST_BYTES (16 * 1024 * 1024) /* manifest.txt */
#define BT_MAX_MANIFEST_FILES 10000
#define BT_MAX_MANIFEST_PATH_BYTES 1024 /* one path, UTF-8 */
#define BT_MAX_MANIFEST_NAME_BYTES 255  /* one component, as most file systems */
#define BT_MAX_MANIFEST_DEPTH 16        /* components of one path */
#define BT_MAX_CAMPAIGN_BYTES (8ULL * 1024 * 1024 * 1024) /* all its files together */
#define BT_MAX_CAMPAIGN_ENTRIES 100000 /* names looked at in one walk of a folder */
#define BT_MAX_MANIFEST_VERSION 999999999999999999LL /* 18 digits */

/* minisign's files. Comment lines as minisign bounds them; the scrypt cost
 * of an encrypted secret key at most minisign's own default (2^25
 * operations, 1 GiB), so a hostile key file cannot take minutes or more
 * memory than the tool that made it. */
#define BT_MAX_MINISIGN_FILE_BYTES 16384 /* a .pub, .key or .minisig file */
#define BT_MAX_MINISIGN_COMMENT_BYTES 1024
#define BT_MAX_MINISIGN_TRUSTED_BYTES 8192
#define BT_MAX_SCRYPT_OPSLIMIT 33554432ULL
#define BT_MAX_SCRYPT_MEMLIMIT (1024ULL * 1024 * 1024)
#define BT_MAX_LEGACY_SIGNED_BYTES (64 * 1024 * 1024) /* a legacy signature holds the file in memory */
#define BT_MAX_TRUSTED_KEYS 64
#define BT_MAX_PASSWORD_BYTES 1024

#endif
