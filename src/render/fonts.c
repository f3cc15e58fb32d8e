/* fonts.c: TTF fonts resized on demand, and their text measure. */
#include "fonts.h"

#include <stdlib.h>
#include <string.h>

#include "base/datadir.h"

typedef struct {
    TTF_Font *font;
    int size; /* the size it is set to now */
    bt_measure measure;
} face;

struct bt_fonts {
    face regular, bold;
};

static TTF_Font *face_at(face *fc, int size)
{
    if (size < 4)
        size = 4;
    if (fc->size != size && TTF_SetFontSize(fc->font, size) == 0)
        fc->size = size;
    return fc->font;
}

static int measure_width(void *ctx, int size, const char *s, int n)
{
    face *fc = ctx;
    char stackbuf[512];
    char *buf = n < (int)sizeof stackbuf ? stackbuf : malloc((size_t)n + 1);
    if (!buf)
        return 1 << 28; /* out of memory: "too wide" stops the layout safely */
    memcpy(buf, s, (size_t)n);
    buf[n] = '\0';
    int w = 0, h = 0;
    if (TTF_SizeUTF8(face_at(fc, size), buf, &w, &h) != 0)
        w = 1 << 28;
    if (buf != stackbuf)
        free(buf);
    return w;
}

static int measure_line_height(void *ctx, int size)
{
    face *fc = ctx;
    TTF_Font *font = face_at(fc, size);
    /* Lines are drawn FontHeight tall: never place them closer than that, so
     * stacked diacritics of one line are not cut by the next or by the box. */
    int skip = TTF_FontLineSkip(font), height = TTF_FontHeight(font);
    return skip > height ? skip : height;
}

static bool face_open(face *fc, const char *path, const char *bundled, char *err, size_t errsize)
{
    char *found = NULL;
    if (!path)
        path = found = bt_datadir_find(bundled);
    if (!path) {
        snprintf(err, errsize, "the bundled font %s is missing", bundled);
        return false;
    }
    fc->font = TTF_OpenFont(path, 32);
    if (!fc->font)
        snprintf(err, errsize, "cannot open font %s: %s", path, TTF_GetError());
    free(found);
    fc->size = 32;
    fc->measure = (bt_measure){measure_width, measure_line_height, fc};
    return fc->font != NULL;
}

bt_fonts *bt_fonts_open(const char *regular, const char *bold, char *err, size_t errsize)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errsize, "cannot start SDL_ttf: %s", TTF_GetError());
        return NULL;
    }
    bt_fonts *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    if (!face_open(&f->regular, regular, "fonts/NotoSans-Regular.ttf", err, errsize) ||
        !face_open(&f->bold, bold, "fonts/NotoSans-Bold.ttf", err, errsize)) {
        bt_fonts_free(f);
        return NULL;
    }
    return f;
}

void bt_fonts_free(bt_fonts *f)
{
    if (!f)
        return;
    if (f->regular.font)
        TTF_CloseFont(f->regular.font);
    if (f->bold.font)
        TTF_CloseFont(f->bold.font);
    free(f);
}

TTF_Font *bt_fonts_at(bt_fonts *f, bool bold, int size)
{
    return face_at(bold ? &f->bold : &f->regular, size);
}

const bt_measure *bt_fonts_measure(bt_fonts *f, bool bold)
{
    return bold ? &f->bold.measure : &f->regular.measure;
}
