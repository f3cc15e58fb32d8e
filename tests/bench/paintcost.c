/* paintcost: CPU time to load a playlist and to paint its slides, measured
 * inside one process with the thread's CPU clock (so a busy machine skews
 * it less than wall time). Usage: paintcost PLAYLIST [WxH] [ROUNDS]
 * Prints the median of ROUNDS loads, and the median CPU ms per slide painted
 * (the first 10 slides, ROUNDS times each) at WxH. Built by make bench. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "base/diag.h"
#include "model/layout.h"
#include "render/painter.h"
#include "render/slide_paint.h"
#include "model/playlist_load.h"

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: paintcost PLAYLIST [WxH] [ROUNDS]\n");
        return 2;
    }
    int w = 1920, h = 1080, rounds = argc > 3 ? atoi(argv[3]) : 9;
    if (argc > 2 && sscanf(argv[2], "%dx%d", &w, &h) != 2)
        return 2;
    if (rounds < 1 || rounds > 1000 || SDL_Init(0) != 0 || TTF_Init() != 0)
        return 2;
    double *t = calloc((size_t)rounds * 10, sizeof *t);
    bt_playlist *pl = NULL;
    for (int r = 0; r < rounds && t; r++) {
        bt_diags d;
        bt_diags_init(&d);
        bt_playlist_free(pl);
        double t0 = cpu_ms();
        pl = bt_playlist_load(argv[1], NULL, &d);
        t[r] = cpu_ms() - t0;
        bt_diags_clear(&d);
    }
    if (!t || !pl) {
        fprintf(stderr, "paintcost: %s cannot be loaded\n", argv[1]);
        return 1;
    }
    printf("load %s: %d slides, %.1f ms CPU (median of %d)\n", argv[1], pl->n_slides,
           median(t, rounds), rounds);
    char err[512];
    bt_painter *p = bt_painter_create(pl, err, sizeof err);
    if (!p) {
        fprintf(stderr, "paintcost: %s\n", err);
        return 1;
    }
    bt_screen sc;
    bt_screen_layout(w, h, pl->touch_enabled, &sc);
    int n = 0, slides = pl->n_slides < 10 ? pl->n_slides : 10;
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < slides; i++) {
            double t0 = cpu_ms();
            SDL_Surface *s = bt_paint_slide(p, &pl->slides[i], sc.slide.w, sc.slide.h, sc.unit);
            t[n++] = cpu_ms() - t0;
            SDL_FreeSurface(s);
        }
    printf("paint at %dx%d (slide area %dx%d): %.1f ms CPU per slide (median of %d)\n", w, h,
           sc.slide.w, sc.slide.h, median(t, n), n);
    bt_painter_free(p);
    bt_playlist_free(pl);
    free(t);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
