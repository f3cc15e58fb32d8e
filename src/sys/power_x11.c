/* power_x11.c: X11 DPMS (see power_x11.h). */
#include "power_x11.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>

#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>

typedef struct {
    Display *dpy;
    bool was_enabled; /* DPMS before us: left as found once the screen is on */
} x11;

/* Errors come back as X protocol errors; count them instead of letting
 * Xlib's default handler end the process. */
static int x_errors;
static int count_error(Display *dpy, XErrorEvent *e)
{
    x_errors++;
    return 0;
}

static bool x11_available(void *ctx, char *why, size_t size)
{
    x11 *x = ctx;
    int ev, er;
    if (!DPMSQueryExtension(x->dpy, &ev, &er)) {
        snprintf(why, size, _("the X server has no DPMS extension"));
        return false;
    }
    if (!DPMSCapable(x->dpy)) {
        snprintf(why, size, _("the X server's screen cannot be powered down (DPMS not capable)"));
        return false;
    }
    CARD16 level;
    BOOL enabled = False;
    DPMSInfo(x->dpy, &level, &enabled);
    x->was_enabled = enabled;
    return true;
}

/* Forces the level, and waits for the server's answer to see errors. */
static bool force(x11 *x, CARD16 level, char *err, size_t size)
{
    XSync(x->dpy, False);
    int (*old)(Display *, XErrorEvent *) = XSetErrorHandler(count_error);
    x_errors = 0;
    /* DPMSForceLevel is refused while DPMS is disabled. */
    DPMSEnable(x->dpy);
    DPMSForceLevel(x->dpy, level);
    if (level == DPMSModeOn && !x->was_enabled)
        DPMSDisable(x->dpy); /* as it was: the server's own timeouts stay off */
    XSync(x->dpy, False);
    XSetErrorHandler(old);
    if (x_errors) {
        snprintf(err, size, _("the X server refused (%d errors)"), x_errors);
        return false;
    }
    return true;
}

static bool x11_off(void *ctx, char *err, size_t size)
{
    return force(ctx, DPMSModeOff, err, size);
}

static bool x11_on(void *ctx, char *err, size_t size)
{
    return force(ctx, DPMSModeOn, err, size);
}

bool bt_power_x11(void *display, bt_power_backend *out)
{
    x11 *x = display ? calloc(1, sizeof *x) : NULL;
    if (!x)
        return false;
    x->dpy = display;
    *out = (bt_power_backend){"x11-dpms", false, x11_available, x11_off, x11_on, free, x};
    return true;
}
