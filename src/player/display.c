/* display.c: SDL's video, the window and its renderer (display.h). */
#include "display.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/log.h"

/* Unless SDL_VIDEODRIVER names one, only the drivers that show something are
 * tried: SDL would otherwise fall back to "offscreen" or "dummy", and a kiosk
 * must not play to nobody and look fine in its log. Wayland is left out when
 * no compositor can be found (no XDG_RUNTIME_DIR nor WAYLAND_DISPLAY): its
 * library would only print a warning at every attempt. */
static void choose_drivers(void)
{
    if (SDL_getenv("SDL_VIDEODRIVER"))
        return;
    bool wayland = SDL_getenv("XDG_RUNTIME_DIR") || SDL_getenv("WAYLAND_DISPLAY");
    SDL_SetHint(SDL_HINT_VIDEODRIVER, wayland ? "x11,wayland,KMSDRM" : "x11,KMSDRM");
}

/* Starts SDL's video, trying again for a few seconds: at boot the display
 * server may come up just after the player, and an X server that has only
 * just started can refuse the first connections. */
static bool init_video(void)
{
    for (int attempt = 0; attempt < 20; attempt++) {
        if (attempt > 0)
            SDL_Delay(250);
        if (SDL_InitSubSystem(SDL_INIT_VIDEO) == 0)
            return true;
    }
    return SDL_InitSubSystem(SDL_INIT_VIDEO) == 0;
}

/* Hints for the renderer SDL will make, by video driver. Under X11 the
 * player draws with SDL's software renderer into the window's framebuffer:
 * slides change seldom, and OpenGL would load Mesa (about 90 MB resident,
 * measured with `make bench`) for nothing. On the console (kmsdrm) SDL needs
 * OpenGL ES and picks it itself. SDL_RENDER_DRIVER and
 * SDL_FRAMEBUFFER_ACCELERATION in the environment still win. */
static void choose_renderer(const char *driver)
{
    if (driver && strcmp(driver, "x11") == 0) {
        SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software", SDL_HINT_DEFAULT);
        SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    }
}

bool bt_display_open(bt_display *d, bool windowed, int w, int h)
{
    *d = (bt_display){.windowed = windowed};
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    /* Fullscreen, the kiosk keeps the keyboard (no Alt+Tab to the desktop)
     * and stays up when focus goes elsewhere. */
    if (!windowed) {
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
        SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    }
    choose_drivers();
    if (!init_video()) {
        fprintf(stderr,
                _("bangtin: no display could be opened (%s).\n"
                "Try: run it inside the desktop session (DISPLAY or WAYLAND_DISPLAY set),\n"
                "or on a console without a desktop with SDL_VIDEODRIVER=kmsdrm,\n"
                "or preview without any display: bangtin --render DIR.\n"),
                SDL_getenv("SDL_VIDEODRIVER") ? SDL_GetError() : "no screen answered");
        return false;
    }
    d->driver = SDL_GetCurrentVideoDriver();
    choose_renderer(d->driver);
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (!windowed) {
        /* Made at the display's size: without a window manager (an xinit
         * kiosk, a bare X server) nobody resizes a fullscreen window, and
         * one made 0x0 would stay a pixel. */
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        SDL_DisplayMode mode;
        if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
            w = mode.w;
            h = mode.h;
        } else {
            w = h = 0;
        }
    }
    d->win = SDL_CreateWindow("bangtin", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (d->win)
        d->ren = SDL_CreateRenderer(d->win, -1, 0);
    if (!d->win || !d->ren) {
        fprintf(stderr,
                _("bangtin: no display could be opened: %s\n"
                "Try: a different SDL_VIDEODRIVER (x11, wayland, kmsdrm), or --render DIR.\n"),
                SDL_GetError());
        return false;
    }
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(d->ren, &info) == 0)
        bt_log(BT_LOG_INFO, "display: %s, renderer %s", d->driver ? d->driver : "?", info.name);
    if (!windowed) {
        SDL_ShowCursor(SDL_DISABLE); /* a kiosk shows no mouse pointer */
        SDL_SetWindowKeyboardGrab(d->win, SDL_TRUE);
    }
    SDL_SetWindowMinimumSize(d->win, 160, 120);
    return true;
}

void bt_display_close(bt_display *d)
{
    if (d->ren)
        SDL_DestroyRenderer(d->ren);
    if (d->win)
        SDL_DestroyWindow(d->win);
    d->ren = NULL;
    d->win = NULL;
}
