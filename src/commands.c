/* commands.c: --check and --render, and choosing the playlist. */
#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "datadir.h"
#include "images.h"
#include "log.h"
#include "painter.h"
#include "player.h"
#include "playlist_load.h"

char *bt_playlist_path(const bt_options *o)
{
    if (o->playlist)
        return strdup(o->playlist);
    return bt_datadir_find("playlists/awareness.yaml");
}

int bt_cmd_check(const char *path)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_load_options lo = {bt_image_verify, NULL};
    bt_playlist *pl = bt_playlist_load(path, &lo, &d);
    bt_diags_print(&d, stdout);
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

int bt_cmd_render(const char *path, const bt_options *o)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(path, NULL, &d);
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
    bt_painter *painter = bt_painter_create(pl, err, sizeof err);
    if (!painter) {
        fprintf(stderr, "bangtin: %s\n", err);
        bt_playlist_free(pl);
        return 1;
    }
    time_t now = o->has_now ? o->now : time(NULL);
    for (int i = 0; i < pl->n_slides; i++) {
        const bt_slide *s = &pl->slides[i];
        const bt_tip *tip = pl->n_tips ? &pl->tips[i % pl->n_tips] : NULL;
        SDL_Surface *screen = bt_paint_screen(painter, s, tip, o->size_w, o->size_h, now);
        char part[128], file[4096];
        file_part(s->id, part, sizeof part);
        snprintf(file, sizeof file, "%s/%03d-%s.png", o->render_dir, i + 1, part);
        if (!screen || IMG_SavePNG(screen, file) != 0) {
            fprintf(stderr, "bangtin: cannot write %s: %s\n", file, SDL_GetError());
            status = 1;
        } else {
            printf("%s\n", file);
        }
        if (screen)
            SDL_FreeSurface(screen);
    }
    bt_painter_free(painter);
    bt_playlist_free(pl);
    TTF_Quit();
    IMG_Quit();
    return status;
}

int bt_cmd_play(const char *path, const bt_options *o)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *pl = bt_playlist_load(path, NULL, &d);
    for (int i = 0; i < d.count; i++) {
        char line[1400];
        bt_diag_format(&d.items[i], line, sizeof line);
        bt_log(d.items[i].severity == BT_ERROR ? BT_LOG_ERROR : BT_LOG_WARNING, "%s", line);
    }
    bt_diags_clear(&d);
    if (!pl) {
        fprintf(stderr, "bangtin: %s cannot be played (see the errors above)\n", path);
        return 1;
    }
    bt_player_config cfg = {o->window_w > 0, o->window_w, o->window_h, o->rotate, o->has_now, o->now};
    return bt_player_run(pl, &cfg);
}
