/* scene.h: the textures that make up the screen and how a frame is drawn
 * from them. Every part is painted into a surface (render/: the main
 * thread's painter, or the prefetch worker for the loop's next slide) and
 * uploaded once; a frame only copies textures, so a redraw is cheap.
 *
 * The scene is told what to show (the loop's slides, the touch state, the
 * wall time); it decides nothing about what comes next. */
#ifndef BT_SCENE_H
#define BT_SCENE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <SDL.h>

#include "model/layout.h"
#include "model/loop.h"
#include "model/touch.h"
#include "model/touch_layout.h"
#include "render/overlay.h"
#include "render/painter.h"
#include "render/prefetch.h"
#include "render/video.h"

/* A screen change (loop <-> touch, page to page) lasts this long. */
#define BT_SCREEN_CHANGE_MS 350

typedef struct {
    SDL_Texture *tex;
    int slide; /* which slide it shows; -1 for the empty screen */
    bool full; /* a `full` slide of the loop: the whole screen, no header, no tips */
    /* A video slide's clip once it shows a frame (until then the poster
     * painted in tex stands for it): the texture its frames go into, and
     * where they are drawn on tex (bt_slide_picture_box). */
    SDL_Texture *clip;
    bt_video_layout clip_l;
    bt_rect clip_box;
} bt_slide_tex;

typedef struct {
    /* where it draws, and what from (bt_scene_bind) */
    SDL_Renderer *ren;
    int rotate;          /* 0, 90, 180, 270 */
    const bt_playlist *pl;
    bt_painter *painter; /* the main thread's: it never decodes a picture */
    bt_prefetch *pf;
    bt_picture_loader *pictures; /* decodes the logo and icons it draws */
    Uint32 ev_pictures;

    /* the window and the upright canvas */
    SDL_Texture *canvas; /* when turned or scaled: drawn upright, then copied */
    int out_w, out_h;    /* the window's pixels */
    bt_screen sc;        /* the upright canvas, possibly scaled to fit textures */
    bt_topics_geom tg;   /* the touch screens on that canvas */
    bt_page_geom pg;

    /* the loop */
    bt_slide_tex cur, next, old; /* on screen, painted ahead, fading out */
    unsigned tag;                /* of the prefetch request awaited */
    SDL_Texture *header, *tip, *hint;
    SDL_Texture *spare_clip;  /* a clip's texture no longer shown, for the next clip */
    SDL_Texture *corner_hint; /* the hint over a full-screen slide */
    bool in_transition; /* from `old` to `cur` */
    uint64_t trans_start;
    int trans_ms;
    bt_transition trans_kind;
    bool dark; /* off hours: nothing but black */

    /* touch mode */
    SDL_Texture *frame; /* the topics screen, or a page's frame */
    bt_slide_tex page;  /* the slide on a page */
    SDL_Texture *page_tip;
    int page_tip_n; /* tips of the topic on screen, and which one shows */
    int page_tip_i;
    uint64_t page_tip_at;

    /* a change of screen: the old screen drawn once into `snapshot`, then
     * faded or slid away */
    SDL_Texture *snapshot;
    bool in_screen_change;
    uint64_t change_start;
    int change_dir; /* 0: fade; +1/-1: slide towards the next/previous page */

    /* a message over the screen for a few seconds */
    SDL_Texture *overlay;
    bt_rect overlay_r;
    uint64_t overlay_until;
    SDL_Texture *countdown; /* before an idle return, over a touch screen */
    bt_rect countdown_r;
    int countdown_n; /* the seconds it says; 0: none */

    bool dirty; /* a frame must be drawn */
    unsigned long frames; /* presented since start: the player's log says none while the screen is off */
} bt_scene;

/* An empty scene drawing with ren, turned by rotate degrees. false (with
 * the reason in err) when its picture worker cannot start. */
bool bt_scene_init(bt_scene *s, SDL_Renderer *ren, int rotate, char *err, size_t errsize);

/* Frees every texture; the scene can be bound and laid out again. */
void bt_scene_free(bt_scene *s);

/* Draws from pl with painter, and paints ahead with pf (none owned): at
 * start and at each new playlist, before bt_scene_relayout. From then on
 * the painter draws the logo and the icons only once the scene's worker has
 * decoded them (bt_painter_keep_pictures): they may be huge photos. */
void bt_scene_bind(bt_scene *s, const bt_playlist *pl, bt_painter *painter, bt_prefetch *pf);

/* Lays the screen out for the window's size and repaints every part: the
 * loop's current slide (on the worker while this thread paints the header,
 * tip and hint), the touch view t. */
void bt_scene_relayout(bt_scene *s, const bt_loop *loop, const bt_touch *t, time_t wall);

/* Repaints the header (the clock) and the tips band. */
void bt_scene_paint_header(bt_scene *s, time_t wall);
void bt_scene_paint_tip(bt_scene *s, int tip);

/* Asks the worker for the loop's upcoming slide (when it is not current). */
void bt_scene_prepare(bt_scene *s, const bt_loop *loop);

/* Takes a result of the worker (ownership passes): the upcoming slide when
 * it is the one awaited, else it is dropped. */
void bt_scene_take_painted(bt_scene *s, bt_prefetch_result *r);

/* Takes decoded pictures (an event of type s->ev_pictures) and repaints the
 * parts that show them. */
void bt_scene_take_pictures(bt_scene *s, const SDL_Event *ev, const bt_touch *t, time_t wall);

/* Whether the slide the loop shows next is painted and ready. */
bool bt_scene_ready(const bt_scene *s, int slide);

/* The prepared slide comes on screen as slide `shown` (repainted here when
 * it differs), with the transition of that slide (the playlist's for the
 * empty screen). */
void bt_scene_show_next(bt_scene *s, int shown, uint64_t now);

/* Paints slide i (-1: the empty screen) on this thread, when what the loop
 * shows changed without a prepared slide (a schedule opened on an empty
 * screen). */
void bt_scene_repaint_current(bt_scene *s, int slide);

/* The clip that plays on the loop's slide on screen (page false) or on the
 * page of touch mode (page true) shows its frames from now: a texture fit
 * for them (the spare one, or a new one) is given to the slide; its first
 * frame is the caller's to upload (bt_video_update). Returns the texture
 * (the scene's), NULL when none can be made (the poster stays). */
SDL_Texture *bt_scene_attach_clip(bt_scene *s, bool page, bt_video *v);

/* The texture of the clip attached there, or NULL. */
SDL_Texture *bt_scene_clip(const bt_scene *s, bool page);

/* The poster shows there again (the clip stopped); its texture is kept
 * for the next clip. */
void bt_scene_detach_clip(bt_scene *s, bool page);

/* Off hours: the screen is black while dark. */
void bt_scene_set_dark(bt_scene *s, bool dark);

/* Repaints what touch view t needs (frame, page slide, tip); a new topic
 * starts its tips from the first at now. */
void bt_scene_paint_touch(bt_scene *s, const bt_touch *t, bool new_topic, uint64_t now, time_t wall);

/* Keeps the screen as view state `before` showed it, to fade (dir 0) or
 * slide it away (+1/-1) over the new one for BT_SCREEN_CHANGE_MS. */
void bt_scene_begin_change(bt_scene *s, const bt_touch *before, int dir, uint64_t now);

/* Shows a message over the screen for `seconds`, and logs it (one line)
 * so that technicians and tests can read what the screen said. */
/* Shows "back to the slideshow in N s" over the touch screens (seconds 0:
 * nothing); repaints only when N changes. */
void bt_scene_countdown(bt_scene *s, int seconds);

void bt_scene_overlay(bt_scene *s, bt_overlay_kind kind, const char *title,
                      const char *const *lines, int n, int seconds, uint64_t now);

/* Ends what is over at now (transitions, a screen change, the overlay),
 * turns the topic's tips in touch view t, and returns when the scene next
 * needs the loop (a frame of a movement, the overlay's end, the next tip). */
uint64_t bt_scene_step(bt_scene *s, const bt_touch *t, uint64_t now, time_t wall);

/* Draws and presents a frame of touch view t. */
void bt_scene_draw(bt_scene *s, const bt_touch *t, uint64_t now);

#endif
