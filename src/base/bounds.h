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
#define BT_MAX_JPEG_MEMORY (192 * 1024 * 1024)
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

/* Fonts. */
#define BT_MAX_FONT_BYTES (32 * 1024 * 1024)

/* Durations, milliseconds. */
#define BT_MAX_DURATION_MS (24 * 3600 * 1000)
#define BT_MAX_TRANSITION_MS 5000

#endif
