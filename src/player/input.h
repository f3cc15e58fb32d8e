/* input.h: what the visitor asks for. Fingers, mouse and keys become
 * inputs of the touch state machine (model/touch.h), which alone decides
 * what the screen shows; this file only reads events and the screen's
 * geometry, and changes nothing but its gesture state. Nothing a visitor
 * does reaches the desktop: every key but the technicians' Ctrl+Alt+Q (and
 * Esc in a window) is the player's. */
#ifndef BT_INPUT_H
#define BT_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "model/gesture.h"
#include "model/touch.h"
#include "scene.h"

typedef struct {
    bt_gesture_state gesture;
} bt_input_state;

/* What an event asks for: nothing, to quit, or up to two inputs for the
 * touch state machine, in order (a release, then the tap it completes). */
typedef struct {
    bool handled; /* it was an input event (applied or not) */
    bool quit;
    bt_input in[2];
    int n;
} bt_intent;

/* The gesture thresholds follow the canvas' width (after a relayout). */
void bt_input_resize(bt_input_state *st, int canvas_w);

/* Reads one event: sc gives the canvas and its touch targets, win the
 * window (its size maps points onto the canvas), view what is on screen. */
bt_intent bt_input_event(bt_input_state *st, const SDL_Event *ev, const bt_scene *sc,
                         SDL_Window *win, bt_view view, bool windowed, uint64_t now);

/* Whether the touch input `in`, which moved the state from `before` to
 * `after`, turns a page forwards (+1) or backwards (-1) within one topic;
 * 0 for any other change (which fades). */
int bt_input_page_direction(bt_input in, const bt_touch *before, const bt_touch *after);

#endif
