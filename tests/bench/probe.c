/* probe.c: what the benchmark reads from the X server, not from the
 * program under test.
 *
 *   probe first X Y RRGGBB TOL TIMEOUT_MS -- CMD [ARG...]
 *       forks and execs CMD, then polls the screen pixel at X,Y (a 1x1
 *       XGetImage of the root window, about 0.1 ms a round trip on Xvfb)
 *       until every channel is within TOL of RRGGBB. Prints
 *       "PID MS" (milliseconds from just before exec) or "PID timeout".
 *       CMD keeps running; the caller ends it by PID.
 *   probe damage SECONDS
 *       reports, for SECONDS, each XDamage event of the root window and its
 *       children (one line: monotonic milliseconds and the damaged area in
 *       pixels). A frame is a burst of such events; the caller groups them.
 */
#define _GNU_SOURCE
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>
#include <X11/extensions/Xfixes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int usage(void)
{
    fprintf(stderr, "usage: probe first X Y RRGGBB TOL TIMEOUT_MS -- CMD...\n"
                    "       probe damage SECONDS\n");
    return 2;
}

static int first(Display *d, int argc, char **argv)
{
    if (argc < 9 || strcmp(argv[7], "--") != 0)
        return usage();
    int x = atoi(argv[2]), y = atoi(argv[3]);
    unsigned long want = strtoul(argv[4], NULL, 16);
    int tol = atoi(argv[5]);
    double timeout = atof(argv[6]);
    int wr = (want >> 16) & 255, wg = (want >> 8) & 255, wb = want & 255;
    Window root = DefaultRootWindow(d);

    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        setpgid(0, 0); /* its own group: the caller can end the whole tree */
        dup2(2, 1);    /* our stdout carries the answer, not the program's words */
        execvp(argv[8], argv + 8);
        perror(argv[8]);
        _exit(127);
    }
    for (;;) {
        XImage *im = XGetImage(d, root, x, y, 1, 1, AllPlanes, ZPixmap);
        if (im) {
            unsigned long px = XGetPixel(im, 0, 0);
            XDestroyImage(im);
            int r = (px >> 16) & 255, g = (px >> 8) & 255, b = px & 255;
            if (abs(r - wr) <= tol && abs(g - wg) <= tol && abs(b - wb) <= tol) {
                printf("%d %.1f\n", (int)pid, now_ms() - t0);
                return 0;
            }
        }
        if (now_ms() - t0 > timeout) {
            printf("%d timeout\n", (int)pid);
            return 0;
        }
        usleep(500);
    }
}

static int damage(Display *d, int argc, char **argv)
{
    if (argc < 3)
        return usage();
    int ev_base, err_base;
    if (!XDamageQueryExtension(d, &ev_base, &err_base)) {
        fprintf(stderr, "probe: the X server has no DAMAGE extension\n");
        return 1;
    }
    Window root = DefaultRootWindow(d);
    /* Damage of the root window, children included, one event per change. */
    Damage dmg = XDamageCreate(d, root, XDamageReportRawRectangles);
    XSync(d, False);
    /* Creating the damage object reports the whole screen once: that is not
     * a frame (it made the first interval of every window look slow). */
    while (XPending(d)) {
        XEvent ev;
        XNextEvent(d, &ev);
    }
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    double end = now_ms() + atof(argv[2]) * 1000.0;
    int fd = ConnectionNumber(d);
    for (;;) {
        double left = end - now_ms();
        if (left <= 0)
            break;
        if (!XPending(d)) {
            struct pollfd p = {fd, POLLIN, 0};
            poll(&p, 1, (int)left + 1);
            continue;
        }
        XEvent ev;
        XNextEvent(d, &ev);
        if (ev.type == ev_base + XDamageNotify) {
            XDamageNotifyEvent *de = (XDamageNotifyEvent *)&ev;
            printf("%.3f %ld\n", now_ms(), (long)de->area.width * de->area.height);
        }
    }
    XDamageDestroy(d, dmg);
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    Display *d = XOpenDisplay(NULL);
    if (!d) {
        fprintf(stderr, "probe: cannot open the display\n");
        return 1;
    }
    int rc = strcmp(argv[1], "first") == 0    ? first(d, argc, argv)
             : strcmp(argv[1], "damage") == 0 ? damage(d, argc, argv)
                                              : usage();
    XCloseDisplay(d);
    return rc;
}
