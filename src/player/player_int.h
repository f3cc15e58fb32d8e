/* player_int.h: the player's state, shared by its three files only:
 * player.c (start, end, the main loop and its deadlines), player_draw.c
 * (textures, layout, drawing, transitions) and player_input.c (what the
 * visitor's fingers, mouse and keys mean). */
#ifndef BT_PLAYER_INT_H
#define BT_PLAYER_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <SDL.h>

#include "model/gesture.h"
#include "model/layout.h"
#include "model/loop.h"
#include "render/overlay.h"
#include "render/painter.h"
#include "library/playlog.h"
#include "player.h"
#include "render/prefetch.h"
#include "model/touch.h"
#include "model/touch_layout.h"
#include "sys/usb.h"
#include "sys/watch.h"

typedef struct {
    SDL_Texture *tex;
    int slide; /* which slide it shows; -1 for the empty screen */
} slide_tex;

typedef struct {
    bt_playlist *pl;
    const bt_player_config *cfg;

    /* display */
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *canvas; /* when turned or scaled: drawn upright, then copied */
    int out_w, out_h;    /* the window's pixels */
    bt_screen sc;        /* the upright canvas, possibly scaled to fit textures */
    bt_topics_geom tg;   /* the touch screens on that canvas */
    bt_page_geom pg;

    /* painting */
    bt_painter *painter; /* the main thread's */
    bt_prefetch *pf;
    Uint32 ev_painted;
    unsigned tag; /* of the prefetch request we are waiting for */

    /* the loop */
    bt_loop loop;
    slide_tex cur, next;
    SDL_Texture *header, *tip, *hint;
    uint64_t minute_at; /* when the clock must change */
    bool in_transition; /* from `old` to `cur` */
    slide_tex old;
    uint64_t trans_start;
    int trans_ms;
    bt_transition trans_kind;

    /* touch mode */
    bt_touch touch;
    bt_gesture_state gesture;
    SDL_Texture *frame;  /* the topics screen, or a page's frame */
    slide_tex page;      /* the slide on a page */
    SDL_Texture *page_tip;
    int page_tip_n;      /* tips of the topic on screen, and which one shows */
    int page_tip_i;
    uint64_t page_tip_at;

    /* a change of screen (loop <-> touch, page to page): the old screen
     * drawn once into `snapshot`, then faded or slid away */
    SDL_Texture *snapshot;
    bool in_screen_change;
    uint64_t change_start;
    int change_dir; /* 0: fade; +1/-1: slide towards the next/previous page */

    /* a message over the screen for a few seconds */
    SDL_Texture *overlay;
    bt_rect overlay_r;
    uint64_t overlay_until;

    /* the office's calendar */
    bool clock_known; /* the wall clock is after the build date */
    bool off;         /* display.off_hours: the screen is dark */
    uint64_t off_check_at;

    /* reloading: the playlist file watched, SIGHUP */
    char *path; /* the playlist playing (it changes with USB imports) */
    Uint32 ev_reload, ev_hup;
    bt_watch *watch;

    /* USB sticks */
    bt_usb *usb;
    Uint32 ev_usb, ev_usb_started;
    char *pending_path; /* an imported playlist, taken at the next slide change */

    /* proof of play: what is on screen since when */
    bt_playlog *log;
    int log_slide;       /* the loop's slide being shown, -1 */
    uint64_t log_slide_since;
    int log_group;       /* the topic open in touch mode, -1 */
    uint64_t log_group_since;

    /* systemd's watchdog: WATCHDOG=1 from the main loop */
    uint64_t watchdog_ms, watchdog_at;

    bool dirty, quit;
    int64_t wall_offset_ms; /* --now minus the real clock at start */
} player;

#define BT_SCREEN_CHANGE_MS 350

/* player.c */
time_t bt_player_wall(const player *p);

/* player_draw.c */
SDL_Texture *bt_player_upload(player *p, SDL_Surface *s);
void bt_player_replace(SDL_Texture **slot, SDL_Texture *t);
void bt_player_drop(slide_tex *st);
void bt_player_relayout(player *p);
void bt_player_paint_header(player *p);
void bt_player_paint_tip(player *p);
void bt_player_prefetch_upcoming(player *p);
/* Paints slide i (-1: the empty screen) at w x h on this thread and uploads
 * it; only where nothing else can be shown, never at a loop slide change. */
SDL_Texture *bt_player_paint_slide_now(player *p, int i, int w, int h);
/* Repaints what the touch view on screen needs (frame, page slide, tip). */
void bt_player_paint_touch(player *p);
/* Draws the screen for view state t into the current render target. */
void bt_player_draw_view(player *p, const bt_touch *t, uint64_t now);
/* Draws and presents a frame. */
void bt_player_draw(player *p, uint64_t now);
/* Keeps the screen as view state `before` showed it, to fade or slide it
 * away over the new one for BT_SCREEN_CHANGE_MS. */
void bt_player_begin_change(player *p, const bt_touch *before, int dir, uint64_t now);
void bt_player_free_textures(player *p);

/* Shows a message over the screen for `seconds`, and logs it (one line)
 * so that technicians and tests can read what the screen said. */
void bt_player_overlay(player *p, bt_overlay_kind kind, const char *title,
                       const char *const *lines, int n, int seconds);

/* player.c: the play log */
/* Writes what was on screen until now (the loop's slide, the topic open)
 * and starts counting what is on screen from now. */
void bt_player_log_shown(player *p, uint64_t now);

/* player_input.c */
/* Handles a mouse, finger or key event; returns false if it was none. */
bool bt_player_input(player *p, const SDL_Event *ev);
/* Applies a touch-state input, repainting and starting a screen change. */
void bt_player_touch(player *p, bt_input in, uint64_t now);

#endif
