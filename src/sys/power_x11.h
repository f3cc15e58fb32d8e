/* power_x11.h: the screen's power through the X server's DPMS extension
 * (libXext), on the X Display SDL opened. Not threaded: Xlib calls on
 * SDL's connection belong on SDL's thread. */
#ifndef BT_POWER_X11_H
#define BT_POWER_X11_H

#include <stdbool.h>

#include "power.h"

/* A backend on display (an Xlib Display *, not owned: SDL's). False when
 * display is NULL or out of memory. */
bool bt_power_x11(void *display, bt_power_backend *out);

#endif
