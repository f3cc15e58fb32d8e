/* playlist.h: the playlist model (README.md, "Writing a playlist"), plain C, no SDL.
 *
 * A bt_playlist is built by bt_playlist_load() (playlist_load.c) and owned by
 * whoever loaded it; bt_playlist_free() frees it and every string inside it.
 * Every string is NFC-normalised, valid UTF-8. Asset fields hold two things:
 * the path as written in the playlist (relative to its folder) and the path
 * found on disk (`*_path`), which is NULL when the asset was not usable.
 *
 * README of the model layer: what is on screen and when, as plain C told
 * the time: the playlist and its loader (the YAML tree, the key tables),
 * picture headers, labels, schedules and the calendar, the loop and the
 * touch state machine, gestures, layouts and line breaking. It may include
 * base/ only, never SDL: everything here is unit-tested with a fake clock. */
#ifndef BT_PLAYLIST_H
#define BT_PLAYLIST_H

#include <stdbool.h>
#include <stdint.h>

#include "base/values.h"
#include "labels.h"

/* Where a key or value stands in the playlist file, 1-based. */
typedef struct {
    int line, col;
} bt_mark;

typedef enum {
    BT_TRANSITION_NONE,
    BT_TRANSITION_FADE,
    BT_TRANSITION_SLIDE,
} bt_transition;

typedef enum {
    BT_LAYOUT_AUTO,
    BT_LAYOUT_IMAGE,   /* full-bleed picture, title as caption if any */
    BT_LAYOUT_TEXT,    /* title and body only */
    BT_LAYOUT_SPLIT,   /* picture beside (landscape) or above (portrait) text */
    BT_LAYOUT_CAPTION, /* picture filling the area, title and body on a band */
    BT_LAYOUT_FULL,    /* the picture alone on the whole screen (no header, no tips),
                        * contain-fitted on the background: PowerPoint slides, posters */
} bt_layout;

typedef enum {
    BT_PRIORITY_NORMAL,
    BT_PRIORITY_ALERT,
} bt_priority;

typedef struct {
    bt_date from, until; /* inclusive; y == 0 when absent */
    uint8_t days;        /* BT_DAYS_ALL when absent */
    bt_hours hours;
} bt_schedule;

typedef struct {
    char *id;
    char *title;
    char *icon, *icon_path; /* may be NULL */
    bool has_color;
    bt_color color;
    bt_mark mark;
    const char *origin; /* in a mix (mix.h): the name of the playlist it comes from */
} bt_topic;

typedef struct {
    char *id;                 /* from the playlist, else "slide-N" (1-based) */
    char *topic;              /* may be NULL */
    int topic_index;          /* into bt_playlist.topics, -1 if none or unknown */
    char *title, *body;       /* may be NULL */
    char *image, *image_path; /* may be NULL */
    int image_w, image_h;     /* from the file header, upright; 0 when no image */
    /* A page of a PDF (from `pdf:`, or a PDF in a `folder:`) instead of a
     * picture: the file as written and as found, and the page, 1-based. */
    char *pdf, *pdf_path; /* may be NULL */
    int pdf_page;
    /* A video clip (`video:`, or a video in a `folder:`) instead of a
     * picture: as written and as found; may be NULL. It plays to its end,
     * or for cut_ms when the entry says `duration:`; its poster (the frame
     * at poster_ms) stands for it in --render and until the clip is ready. */
    char *video, *video_path;
    int cut_ms;    /* 0: to the clip's end */
    int sound;     /* `sound:` as written: -1 not written, 0 false, 1 true */
    int poster_ms; /* `poster:`, 0 (the first frame) unless written */
    char *qr;                 /* may be NULL */
    bt_layout layout;         /* as written: may be BT_LAYOUT_AUTO */
    int duration_ms;
    bt_transition transition;
    int transition_ms;
    bt_priority priority;
    bool has_schedule;
    bt_schedule schedule;
    bt_mark mark; /* the slide's own mapping */
    /* In a mix of two playlists (mix.h): the name of the playlist it comes
     * from (NULL: this one's), and whether it is a further showing in the
     * loop of a slide listed before (touch mode leaves it out). */
    const char *origin;
    bool repeat;
} bt_slide;

typedef struct {
    char *text;
    char *topic;     /* may be NULL */
    int topic_index; /* -1 if none or unknown */
    bt_mark mark;
} bt_tip;

typedef struct {
    bt_color background, text, accent;
    char *font, *font_path;           /* NULL: the bundled font */
    char *font_bold, *font_bold_path; /* NULL: the bundled bold font */
    char *logo, *logo_path;           /* may be NULL */
    char *header;                     /* may be NULL */
    bool clock;
} bt_theme;

typedef struct {
    char *path; /* the playlist file as given */
    char *dir;  /* its folder: every asset lives below it */
    char *name; /* `name:`, else the file's base name */

    bt_theme theme;

    /* defaults: */
    int duration_ms;
    bt_transition transition;
    int transition_ms;

    bt_topic *topics;
    int n_topics;

    bt_slide *slides; /* only the usable ones, in playlist order */
    int n_slides;

    int tip_interval_ms;
    bt_tip *tips;
    int n_tips;

    bool touch_enabled;
    int idle_timeout_ms;

    bt_hours off_hours;

    char *labels[BT_LABEL_COUNT]; /* never NULL: defaults filled in */

    /* Made by bt_mix_make (mix.h): every string but path, dir and name
     * belongs to the playlists it mixes, which must outlive it. */
    bool is_view;
} bt_playlist;

/* Frees the playlist and everything it owns; NULL is fine. */
void bt_playlist_free(bt_playlist *pl);

/* Frees the strings a slide owns and zeroes it (the slide itself is not
 * freed: it lives in an array). */
void bt_slide_clear(bt_slide *s);

/* The index of the topic with this id, or -1. */
int bt_playlist_find_topic(const bt_playlist *pl, const char *id);

/* The layout a slide is drawn with, never BT_LAYOUT_AUTO: `auto` is `full`
 * for a PDF page and a video, `image` for a picture without body, `split`
 * for a picture with a body, else `text`. */
bt_layout bt_slide_layout(const bt_slide *s);

/* Whether the slide is a video clip (it has a file to play). */
bool bt_slide_is_clip(const bt_slide *s);

/* Whether its clip plays its sound: in the loop only with `sound: true`
 * (a hall full of people), in touch mode unless `sound: false` (a visitor
 * chose to watch it). */
bool bt_slide_sound(const bt_slide *s, bool touch);

#endif
