/* touch.h: the loop/touch state machine, plain C.
 *
 * Inputs (a tap on a named target, a swipe, a key, a finger held down) and
 * the time go in; which view the screen must show and when the visitor's
 * time runs out come out. The player draws what bt_touch says and feeds it
 * what the visitor does; it never decides a view change itself. */
#ifndef BT_TOUCH_H
#define BT_TOUCH_H

#include <stdbool.h>
#include <stdint.h>

#include "playlist.h"

typedef enum {
    BT_VIEW_LOOP,   /* the attract loop */
    BT_VIEW_TOPICS, /* the grid of topic tiles */
    BT_VIEW_TOPIC,  /* one topic's slides, one page at a time */
} bt_view;

/* A tile of the topics grid: a topic with the slides that belong to it, or
 * the "other" tile that gathers the slides without a topic. */
typedef struct {
    int topic;   /* index into pl->topics, -1 for "other" */
    int *slides; /* indexes into pl->slides, in playlist order */
    int n_slides;
} bt_group;

typedef enum {
    BT_TARGET_NONE,   /* empty space */
    BT_TARGET_TILE,   /* a topic tile; index says which */
    BT_TARGET_BACK,   /* to the topics (or the loop when there is no grid) */
    BT_TARGET_HOME,   /* to the loop */
    BT_TARGET_PREV,   /* previous page */
    BT_TARGET_NEXT,   /* next page */
    BT_TARGET_SLIDE,  /* the slide of a page (a clip there pauses and plays on) */
} bt_target;

typedef enum {
    BT_INPUT_TAP,     /* on target (and index, for tiles) */
    BT_INPUT_SWIPE_NEXT,
    BT_INPUT_SWIPE_PREV,
    BT_INPUT_KEY_LEFT,
    BT_INPUT_KEY_RIGHT,
    BT_INPUT_KEY_UP,
    BT_INPUT_KEY_DOWN,
    BT_INPUT_KEY_ENTER,
    BT_INPUT_KEY_BACK, /* Backspace, or Esc in touch mode */
    BT_INPUT_KEY_OTHER,
    BT_INPUT_PRESS,   /* a finger or button went down: the visitor is here */
    BT_INPUT_RELEASE, /* and came up */
} bt_input_kind;

typedef struct {
    bt_input_kind kind;
    bt_target target; /* for BT_INPUT_TAP */
    int index;        /* the tile, for BT_TARGET_TILE */
} bt_input;

/* Taps closer together than this count once (a bounce, or a tap and the
 * mouse click a touchscreen driver makes of it). */
#define BT_TAP_DEBOUNCE_MS 250

typedef struct {
    const bt_playlist *pl;
    bt_group *groups; /* the tiles, in playlist topic order, "other" last */
    int n_groups;
    bool grid;        /* false when the playlist has no topics: one group of all slides */

    bt_view view;
    int group;        /* in BT_VIEW_TOPIC */
    int page;         /* index into groups[group].slides */
    int selected;     /* the tile the keyboard is on, in BT_VIEW_TOPICS */
    bool keyboard;    /* the visitor uses keys: show where `selected` is */
    bool pressed;     /* a finger is down: never time out under it */
    uint64_t last_input, last_tap;
    bool tapped;      /* last_tap is valid */
    bool paused;      /* the visitor paused the page's clip (a tap on it); any other
                       * page or view plays from the start again */
} bt_touch;

/* Builds the tiles for pl (which must outlive t). Returns false when out of
 * memory. Free with bt_touch_free(). */
bool bt_touch_init(bt_touch *t, const bt_playlist *pl);

void bt_touch_free(bt_touch *t);

/* Applies what the visitor did at time ms. Returns true when the view, the
 * page or the selection changed (the screen must be redrawn); a tap on
 * the page's slide only turns `paused` over (the player pauses or plays
 * the clip there, if it is one). */
bool bt_touch_input(bt_touch *t, bt_input in, uint64_t ms);

/* When the visitor's time runs out (UINT64_MAX in the loop, or while a
 * finger is down). */
uint64_t bt_touch_deadline(const bt_touch *t);

/* The countdown a visitor sees before the idle return: the whole seconds
 * left (rounded up) in the last BT_TOUCH_COUNTDOWN_MS (or the last third
 * of a shorter timeout, none under BT_TOUCH_COUNTDOWN_MIN_MS), else 0; and the time it next changes (UINT64_MAX:
 * none), for the player to wake. */
#define BT_TOUCH_COUNTDOWN_MS 10000
#define BT_TOUCH_COUNTDOWN_MIN_MS 6000 /* shorter timeouts have none */
int bt_touch_countdown(const bt_touch *t, uint64_t ms);
uint64_t bt_touch_countdown_at(const bt_touch *t, uint64_t ms);

/* Goes back to the loop if the deadline has passed; true if it did. */
bool bt_touch_tick(bt_touch *t, uint64_t ms);

/* The slide on screen in BT_VIEW_TOPIC, else -1. */
int bt_touch_slide(const bt_touch *t);

/* The slide after (+1) or before (-1) the one on screen in its topic,
 * wrapping; -1 outside BT_VIEW_TOPIC. Lets the player paint it ahead. */
int bt_touch_neighbour(const bt_touch *t, int dir);

/* The tips that belong to the group on screen: tips whose topic is the
 * group's (all tips for "other" or without a grid). Fills up to max indexes
 * into pl->tips; returns how many there are. */
int bt_touch_tips(const bt_touch *t, int *out, int max);

#endif
