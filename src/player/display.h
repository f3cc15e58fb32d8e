/* display.h: opening the screen: SDL's video, the window (fullscreen or
 * --window) and its renderer, with the hints a kiosk needs, and saying what
 * to try when no screen answers.
 *
 * README of the player layer: the window and its loop. player.c runs the
 * loop (deadlines, events, what changes when); display.c opens the screen;
 * scene.c holds the textures and draws a frame; input.c turns fingers, mouse
 * and keys into what the visitor asks for; shown.c writes proof of play;
 * services.c starts the threads that feed the loop (USB, file watcher,
 * signals, and loader.c, the playlist reader). It may include every layer
 * below it. */
#ifndef BT_DISPLAY_H
#define BT_DISPLAY_H

#include <stdbool.h>

#include <SDL.h>

typedef struct {
    SDL_Window *win;
    SDL_Renderer *ren;
    bool windowed;
    const char *driver; /* SDL's video driver, for the log */
} bt_display;

/* Opens the screen: a window of w x h when windowed, else fullscreen at the
 * display's size. Retries for a few seconds while no screen answers (at
 * boot the display server may come up just after the player). On failure
 * says on stderr what to try and returns false; bt_display_close() in every
 * case. */
bool bt_display_open(bt_display *d, bool windowed, int w, int h);

void bt_display_close(bt_display *d);

#endif
