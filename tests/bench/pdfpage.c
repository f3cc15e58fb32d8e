/* pdfpage.c: `make bench-pdf`'s timing of one PDF page: bt_pdf_render of
 * page PAGE of PDF fitted in WxH, RUNS times, through the helper process
 * (build/bangtin), as the worker thread does before a slide is due. Prints
 * the median and the range, in wall-clock ms (the helper's start included).
 * Usage: pdfpage PDF PAGE WxH RUNS */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <SDL.h>

#include "render/pdf.h"

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int w, h;
    if (argc != 5 || sscanf(argv[3], "%dx%d", &w, &h) != 2) {
        fprintf(stderr, "usage: pdfpage PDF PAGE WxH RUNS\n");
        return 2;
    }
    int page = atoi(argv[2]), runs = atoi(argv[4]);
    if (runs < 1 || runs > 1000)
        runs = 5;
    bt_pdf_set_helper("build/bangtin");
    double *ms = calloc((size_t)runs, sizeof *ms);
    char err[600];
    for (int i = 0; i < runs; i++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        SDL_Surface *s = bt_pdf_render(argv[1], page, w, h, (bt_color){13, 71, 161, 255}, err,
                                       sizeof err);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (!s) {
            fprintf(stderr, "pdfpage: %s\n", err);
            return 1;
        }
        SDL_FreeSurface(s);
        ms[i] = (double)(t1.tv_sec - t0.tv_sec) * 1000 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    }
    qsort(ms, (size_t)runs, sizeof *ms, by_value);
    printf("%.1f [%.1f..%.1f]\n", ms[runs / 2], ms[0], ms[runs - 1]);
    free(ms);
    return 0;
}
