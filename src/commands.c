/* commands.c: one function per mode of the command line (options.h), and
 * the choice of the playlist they work on. */
#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "base/datadir.h"
#include "base/bounds.h"
#include "render/images.h"
#include "render/pdf.h"
#include "library/import.h"
#include "library/library.h"
#include "base/log.h"
#include "model/loop.h"
#include "render/painter.h"
#include "render/screen.h"
#include "model/touch.h"
#include "render/touch_paint.h"
#include "player/player.h"
#include "model/playlist_load.h"
#include "library/pairing.h"
#include "library/report.h"

/* The playlist to use: the one given, else the library's current one (the
 * last stick imported) when it is whole, else the bundled one. Runs the
 * library's start-up cleaning (imports cut short) in every case. malloc'd;
 * NULL when there is none. library may be NULL. */
static char *choose_playlist(const bt_options *o, const char *library)
{
    char current[4096];
    bool imported = library && bt_import_startup(library, current, sizeof current);
    if (o->playlist)
        return strdup(o->playlist);
    return imported ? strdup(current) : bt_datadir_find("playlists/awareness.yaml");
}

/* The playlist a mode without the library works on: the one given, else
 * the default. malloc'd; NULL (said on stderr) when there is none. */
static char *playlist_path(const bt_options *o)
{
    char *path = NULL;
    if (o->playlist) {
        path = strdup(o->playlist);
    } else {
        char err[512];
        char *library = bt_library_dir(o->library, err, sizeof err);
        path = choose_playlist(o, library);
        free(library);
    }
    if (!path)
        fprintf(stderr, "bangtin: no playlist given and the bundled one is missing\n");
    return path;
}

/* The loader's hooks for reading PDFs, when nothing is checked deeply
 * (--render, the player): page counts only. */
static const bt_load_options plain_load = {.pdf_pages = bt_pdf_pages};

/* --check: validates the playlist (or folder) and every asset it names,
 * each picture and PDF page decoded at the size it is shown on the --size
 * screen; prints each problem and a summary to stdout. 0 usable, 1 not. */
static int cmd_check(const char *path, const bt_options *o)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_image_box box = {o->size_w, o->size_h};
    bt_pdf_check *pdf = bt_pdf_check_new(o->size_w, o->size_h, BT_MAX_PDF_CHECK_MS);
    bt_load_options lo = {.verify_image = bt_image_verify,
                          .ctx = &box,
                          .pdf_pages = bt_pdf_pages,
                          .verify_pdf_page = pdf ? bt_pdf_verify_page : NULL,
                          .pdf_ctx = pdf};
    bt_playlist *pl = bt_playlist_load_path(path, &lo, &d);
    bt_diags_print(&d, stdout);
    if (bt_pdf_check_unchecked(pdf) > 0)
        printf("%s: note: %d PDF pages were not drawn to check them (the %d s for checking PDF "
               "pages were spent); their files were checked\n",
               path, bt_pdf_check_unchecked(pdf), BT_MAX_PDF_CHECK_MS / 1000);
    bt_pdf_check_free(pdf);
    if (pl)
        printf("%s: usable: %d slides, %d topics, %d tips (%d errors, %d warnings)\n", path,
               pl->n_slides, pl->n_topics, pl->n_tips, d.errors, d.warnings);
    else
        printf("%s: not usable (%d errors, %d warnings)\n", path, d.errors, d.warnings);
    bt_diags_clear(&d);
    bt_playlist_free(pl);
    IMG_Quit();
    return pl ? 0 : 1;
}

/* Keeps a slide id safe as part of a file name. */
static void file_part(const char *id, char *out, size_t size)
{
    size_t n = 0;
    for (const char *c = id; *c && n + 1 < size; c++)
        out[n++] = ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                    *c == '-' || *c == '_')
                       ? *c
                       : '_';
    out[n] = '\0';
}

/* The slides --render draws, in order, into a malloc'd array (*n of them;
 * -1 stands for the empty screen). Without --now: every slide in playlist
 * order. With --now: one pass of the loop as it would play at that moment,
 * the schedules read at that moment: each playable normal slide once with
 * the alerts interleaved, until the loop would come back to where it began.
 * Nothing playable: the empty screen alone. NULL when out of memory. */
static int *render_order(const bt_playlist *pl, const bt_options *o, int *n)
{
    /* A pass holds at most one alert after each slide. */
    int *order = malloc(sizeof *order * (size_t)(2 * pl->n_slides + 1));
    *n = 0;
    if (!order)
        return NULL;
    if (!o->has_now) {
        for (int i = 0; i < pl->n_slides; i++)
            order[(*n)++] = i;
        return order;
    }
    bt_loop l;
    uint64_t ms = 0;
    bt_loop_init(&l, pl, ms, o->now);
    int first = l.current;
    order[(*n)++] = first;
    if (first < 0)
        return order;
    while (*n < 2 * pl->n_slides + 1) {
        ms = bt_loop_slide_deadline(&l);
        if (ms == UINT64_MAX)
            break; /* one slide held */
        int next = bt_loop_advance(&l, ms, o->now);
        if (next == first)
            break;
        order[(*n)++] = next;
    }
    return order;
}

/* Writes a painted screen as a PNG and frees it; says which file it wrote. */
static bool save_png(SDL_Surface *screen, const char *file)
{
    bool ok = screen && IMG_SavePNG(screen, file) == 0;
    if (ok)
        printf("%s\n", file);
    else
        fprintf(stderr, "bangtin: cannot write %s: %s\n", file, SDL_GetError());
    if (screen)
        SDL_FreeSurface(screen);
    return ok;
}

/* The topics screen as touch-topics.png, then the first page of each tile
 * as touch-NN-TOPIC.png ("other" for the slides without a topic). */
static bool render_touch(bt_painter *painter, const bt_playlist *pl, const bt_options *o, time_t now)
{
    bt_touch t;
    if (!bt_touch_init(&t, pl))
        return false;
    bool ok = true;
    char file[4096], part[128];
    if (t.grid) {
        t.view = BT_VIEW_TOPICS;
        snprintf(file, sizeof file, "%s/touch-topics.png", o->render_dir);
        ok = save_png(bt_paint_topics(painter, &t, o->size_w, o->size_h, now), file) && ok;
    }
    for (int g = 0; g < t.n_groups; g++) {
        t.view = BT_VIEW_TOPIC;
        t.group = g;
        t.page = 0;
        int topic = t.groups[g].topic;
        file_part(topic >= 0 ? pl->topics[topic].id : "other", part, sizeof part);
        snprintf(file, sizeof file, "%s/touch-%02d-%s.png", o->render_dir, g + 1, part);
        ok = save_png(bt_paint_page_screen(painter, &t, o->size_w, o->size_h), file) && ok;
    }
    bt_touch_free(&t);
    return ok;
}

/* --render: writes every slide of the playlist to DIR/NNN-ID.png at the
 * --size canvas, with no display, in playlist order. With --now: only the
 * slides the loop would show at that time, in loop order (one pass: each
 * normal slide once, alerts interleaved, so an alert appears under several
 * numbers); with none playable, the empty screen as DIR/000-empty.png.
 * Prints each file written. */
static int cmd_render(const char *path, const bt_options *o)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load_path(path, &plain_load, &d);
    bt_diags_print(&d, stderr);
    bt_diags_clear(&d);
    if (!pl)
        return 1;
    int status = 0;
    if (mkdir(o->render_dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "bangtin: cannot create %s: %s\n", o->render_dir, strerror(errno));
        bt_playlist_free(pl);
        return 1;
    }
    char err[512];
    int n = 0;
    int *order = render_order(pl, o, &n);
    bt_painter *painter = order ? bt_painter_create(pl, err, sizeof err) : NULL;
    if (!painter) {
        fprintf(stderr, "bangtin: %s\n", order ? err : "out of memory");
        free(order);
        bt_playlist_free(pl);
        return 1;
    }
    time_t now = o->has_now ? o->now : time(NULL);
    for (int k = 0; k < n; k++) {
        const bt_slide *s = order[k] >= 0 ? &pl->slides[order[k]] : NULL;
        const bt_tip *tip = pl->n_tips ? &pl->tips[k % pl->n_tips] : NULL;
        SDL_Surface *screen = bt_paint_screen(painter, s, tip, o->size_w, o->size_h, now);
        char part[128], file[4096];
        /* The empty screen is 000-empty.png: no slide id can take number 000. */
        if (s)
            file_part(s->id, part, sizeof part);
        snprintf(file, sizeof file, "%s/%03d-%s.png", o->render_dir, s ? k + 1 : 0,
                 s ? part : "empty");
        if (!save_png(screen, file))
            status = 1;
    }
    /* The touch screens, for a preview of what visitors can browse; not
     * with --now, which asks what the loop shows. */
    if (pl->touch_enabled && !o->has_now && !render_touch(painter, pl, o, now))
        status = 1;
    free(order);
    bt_painter_free(painter);
    bt_playlist_free(pl);
    TTF_Quit();
    IMG_Quit();
    return status;
}

/* --report FROM..TO: prints the play report (report.h) of the library's
 * play log to stdout. 0, 2 for a malformed range, 1 when the library cannot
 * be read. Needs no playlist. */
static int cmd_report(const bt_options *o)
{
    bt_date from, to;
    if (!o->report || !bt_report_parse_range(o->report, &from, &to)) {
        fprintf(stderr,
                "bangtin: --report %s: expected FROM..TO as dates, e.g. "
                "2026-01-01..2026-03-31 (or DATE, FROM.., ..TO)\n",
                o->report ? o->report : "");
        return 2;
    }
    char err[512];
    char *dir = bt_library_dir(o->library, err, sizeof err);
    if (!dir) {
        fprintf(stderr, "bangtin: %s\n", err);
        return 1;
    }
    bt_report_stats st;
    int plays = bt_report_write_stats(dir, from, to, stdout, &st, err, sizeof err);
    if (plays >= 0 && fflush(stdout) != 0) {
        snprintf(err, sizeof err, "cannot write the report: %s", strerror(errno));
        plays = -1;
    }
    if (plays < 0)
        fprintf(stderr, "bangtin: %s\n", err);
    else if (st.skipped > 0)
        fprintf(stderr, "bangtin: %s: %ld unreadable line%s of the play log skipped (torn by a "
                "power cut, or not a play record)\n",
                dir, st.skipped, st.skipped == 1 ? "" : "s");
    free(dir);
    return plays < 0 ? 1 : 0;
}

/* The playlist read on its own thread while the player opens the display. */
typedef struct {
    const char *path;
    SDL_Thread *thread;
    bt_playlist *pl;
    bt_diags diags;
    bool taken; /* await_playlist was called */
} pending_load;

static int load_playlist(void *data)
{
    pending_load *l = data;
    l->pl = bt_playlist_load_path(l->path, &plain_load, &l->diags);
    return 0;
}

/* Waits for the playlist and logs what its check found. */
static bt_playlist *await_playlist(void *ctx)
{
    pending_load *l = ctx;
    if (l->taken)
        return NULL;
    l->taken = true;
    if (l->thread)
        SDL_WaitThread(l->thread, NULL);
    bt_log_diags(&l->diags);
    bt_diags_clear(&l->diags);
    if (!l->pl)
        fprintf(stderr, "bangtin: %s cannot be played (see the errors above)\n", l->path);
    bt_playlist *pl = l->pl;
    l->pl = NULL;
    return pl;
}

/* Plays on the display until asked to quit; what loading finds goes to the
 * log. The library is found, and cleaned of imports cut short, once. */
static int cmd_play(const bt_options *o)
{
    /* The library holds the play log; without one the kiosk still plays. */
    char err[512];
    char *library = bt_library_dir(o->library, err, sizeof err);
    if (!library)
        bt_log(BT_LOG_WARNING, "no library folder, so no play log and no USB: %s", err);
    char *path = choose_playlist(o, library);
    if (!path) {
        fprintf(stderr, "bangtin: no playlist given and the bundled one is missing\n");
        free(library);
        return 2;
    }
    /* Without a session bus (a kiosk under systemd, a test under Xvfb),
     * libdbus would try to start one for SDL (dbus-launch --autolaunch): a
     * process, and tens of ms before the first slide, for nothing a kiosk
     * uses. A desktop session exports its bus's address and keeps it. Set
     * here, before any other thread runs. */
    setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
    pending_load load = {.path = path};
    bt_diags_init(&load.diags);
    load.thread = SDL_CreateThread(load_playlist, "bangtin-load", &load);
    if (!load.thread) /* then here and now */
        load_playlist(&load);
    bt_player_config cfg = {
        .path = path,
        .library = library,
        .watch = o->watch,
        .n_watch = o->n_watch,
        .unpaired_ok = o->unpaired_ok,
        .windowed = o->window_w > 0,
        .win_w = o->window_w,
        .win_h = o->window_h,
        .rotate = o->rotate,
        .has_now = o->has_now,
        .now = o->now,
        .await_playlist = await_playlist,
        .await_ctx = &load,
    };
    int status = bt_player_run(&cfg);
    bt_playlist_free(await_playlist(&load)); /* in case the player did not ask */
    free(path);
    free(library);
    return status;
}

/* A mode that works on a playlist file. */
static int with_playlist(const bt_options *o, int (*run)(const char *, const bt_options *))
{
    char *path = playlist_path(o);
    if (!path)
        return 2;
    int status = run(path, o);
    free(path);
    return status;
}

int bt_cmd_run(const bt_options *o)
{
    if (getenv("BANGTIN_DEBUG"))
        bt_log_set_level(BT_LOG_DEBUG);
    switch (o->mode) {
    case BT_MODE_HELP:
        bt_options_usage(stdout);
        return 0;
    case BT_MODE_VERSION:
        printf("bangtin %s\n", BT_VERSION);
        return 0;
    case BT_MODE_PAIR:
        return bt_pairing_cmd(o->pair, o->library);
    case BT_MODE_REPORT:
        return cmd_report(o);
    case BT_MODE_CHECK:
        return with_playlist(o, cmd_check);
    case BT_MODE_RENDER:
        return with_playlist(o, cmd_render);
    case BT_MODE_PLAY:
        return cmd_play(o);
    }
    return 2;
}
