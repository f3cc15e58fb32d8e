/* clips.h: the video clips the player plays (render/video.h), kept for
 * player.c: the loop's clip on screen and the one after it, opened while
 * the item before it plays so that its first frame is decoded when it is
 * due, and touch mode's clip on the page on screen. It opens each with the
 * screen's texture limits and its slide's options, gives its frames to
 * the scene's textures, says when it is due, over or broken, logs what
 * each clip played and dropped, and closes a clip only after the frame
 * that replaced it was presented (bt_clips_flush).
 *
 * It decides nothing about what comes next: player.c tells the loop
 * (model/loop.h) when a clip is over or cannot play. */
#ifndef BT_CLIPS_H
#define BT_CLIPS_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "model/playlist.h"
#include "render/video.h"
#include "scene.h"

typedef struct {
    bt_video *v;  /* NULL: none */
    int slide;    /* the slide it plays, -1 */
    bool started; /* its first frame went to the scene */
    bool over;    /* ended, cut, stalled or failed: said once */
} bt_clip;

/* Clips closed after the next present, at most (more are closed at once). */
#define BT_CLIPS_RETIRED 8

typedef struct {
    Uint32 ev;        /* the engine's wake-ups (render/video.h) */
    int max_w, max_h; /* the renderer's largest texture */
    const bt_playlist *pl;
    bt_clip loop, next, page;
    bt_video *retired[BT_CLIPS_RETIRED]; /* closed after the next present */
    int n_retired;
    int ended_slide; /* the loop's clip last retired, and what it played */
    double ended_secs;
} bt_clips;

/* What a step found. */
typedef struct {
    uint64_t deadline; /* when a clip needs the loop next (a frame, its end) */
    bool redraw;       /* a clip's texture changed */
    bool loop_over;    /* the loop's clip is over: its slide's time is up */
    bool next_broken;  /* the loop's next clip cannot play: pass it over */
} bt_clips_news;

/* No clip yet; the renderer's limits read, the event type registered.
 * false when SDL has no event type left. */
bool bt_clips_init(bt_clips *c, SDL_Renderer *ren);

/* Closes every clip (now and after the frame: at the end of the player),
 * and waits up to a second for their threads. */
void bt_clips_free(bt_clips *c);

/* Clips are for pl's slides from now (every clip closed; pl must outlive
 * them). */
void bt_clips_bind(bt_clips *c, const bt_playlist *pl);

/* Whether ev is a clip's wake-up (nothing to do but step again). */
bool bt_clips_event(const bt_clips *c, const SDL_Event *ev);

/* ---- the loop ---- */

/* Opens the clip of slide (the loop's upcoming one) ahead of its time, if
 * it is a clip and not already opened; any other prepared clip is closed. */
void bt_clips_prepare(bt_clips *c, int slide);

/* The loop shows slide from now without a change (its start, the end of
 * touch mode or of the dark hours): its clip plays from the start. */
void bt_clips_begin(bt_clips *c, int slide);

/* The prepared clip of slide: true when it can start now (ready); else
 * false, with *broken telling a clip that cannot play (the reason in err)
 * from one still opening. */
bool bt_clips_next_ready(bt_clips *c, int slide, bool *broken, char *err, size_t errsize);

/* The loop moved to slide `shown` at now: the clip that played is done
 * (its seconds kept for the play log), the prepared one plays if it is
 * shown's, else shown's clip is opened now. Call after
 * bt_scene_show_next, which moved the old slide's texture aside; then
 * bt_clips_step puts the new clip's first frame on screen at once. */
void bt_clips_advance(bt_clips *c, int shown, uint64_t now);

/* The loop stops showing (touch mode, dark hours): its clips are closed. */
void bt_clips_stop_loop(bt_clips *c, uint64_t now);

/* Seconds the loop's clip of slide really played by now: the last retired
 * one's (told once), else the playing one's count; -1 when slide is no
 * clip. For the play log. */
double bt_clips_played(bt_clips *c, int slide, uint64_t now);

/* ---- touch mode ---- */

/* The page on screen shows slide (-1: no page): its clip plays (from the
 * start; heard unless `sound: false`), paused when paused; a clip of
 * another page is closed. */
void bt_clips_page(bt_clips *c, int slide, bool paused, uint64_t now);

/* The visitor paused or played on the page's clip. */
void bt_clips_pause_page(bt_clips *c, bool paused, uint64_t now);

/* ---- every wake-up ---- */

/* Puts the frames due at now on the scene's textures (attaching a clip
 * that became ready: loop says whether the loop is on screen) and reports
 * what happened. */
bt_clips_news bt_clips_step(bt_clips *c, bt_scene *s, bool loop, uint64_t now);

/* Closes the clips that were replaced: after the frame that replaced them
 * was presented. */
void bt_clips_flush(bt_clips *c);

#endif
