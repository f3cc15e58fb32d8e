/* fonts.c: TTF fonts resized on demand, and their text measure. */
#include "fonts.h"

#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include "base/i18n.h"
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
        snprintf(err, errsize, _("the bundled font %s is missing"), bundled);
        return false;
    }
    fc->font = TTF_OpenFont(path, 32);
    if (!fc->font)
        snprintf(err, errsize, _("cannot open font %s: %s"), path, TTF_GetError());
    free(found);
    fc->size = 32;
    fc->measure = (bt_measure){measure_width, measure_line_height, fc};
    return fc->font != NULL;
}

bt_fonts *bt_fonts_open(const char *regular, const char *bold, char *err, size_t errsize)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errsize, _("cannot start SDL_ttf: %s"), TTF_GetError());
        return NULL;
    }
    bt_fonts *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errsize, _("out of memory"));
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

/* ---- the deep check of a font file ---- */

/* Letters every playlist's text uses, and the Vietnamese ones: the vowels
 * with their marks (precomposed, as text is NFC) and đ. */
static const char *const plain_letters = "AaBbEeHhNnOoTt0123";
static const char *const vietnamese_letters = "ĂăÂâĐđÊêÔôƠơƯưẮặẾệỐộỚợỨựỲỵÀáẢãẠ";

/* Whether the face has a glyph for every character of the UTF-8 text s and
 * can draw it; the first one it cannot, into *missing (a code point). */
static bool draws(FT_Face ft, const char *s, unsigned long *missing)
{
    while (*s) {
        /* One UTF-8 sequence (the strings above are valid). */
        unsigned char c = (unsigned char)*s;
        int n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        unsigned long cp = n == 1 ? c : c & (0x7f >> n);
        for (int i = 1; i < n; i++)
            cp = (cp << 6) | ((unsigned char)s[i] & 0x3f);
        s += n;
        FT_UInt glyph = FT_Get_Char_Index(ft, cp);
        if (glyph == 0 || FT_Load_Glyph(ft, glyph, FT_LOAD_RENDER) != 0) {
            *missing = cp;
            return false;
        }
    }
    return true;
}

bt_check bt_font_verify(void *ctx, const char *path, char *msg, size_t msgsize)
{
    (void)ctx;
    FT_Library lib;
    if (FT_Init_FreeType(&lib) != 0) {
        snprintf(msg, msgsize, _("fonts cannot be checked (out of memory)"));
        return BT_CHECK_FAIL;
    }
    FT_Face ft;
    bt_check result = BT_CHECK_FAIL;
    unsigned long missing = 0;
    if (FT_New_Face(lib, path, 0, &ft) != 0) {
        snprintf(msg, msgsize, _("it is not a font that can be opened (a damaged or renamed file?)"));
    } else {
        if (FT_Set_Pixel_Sizes(ft, 0, 32) != 0 || !draws(ft, plain_letters, &missing))
            snprintf(msg, msgsize, _("the font cannot draw plain letters (a damaged font?)"));
        else if (draws(ft, vietnamese_letters, &missing))
            result = BT_CHECK_OK;
        else {
            result = BT_CHECK_WARN;
            snprintf(msg, msgsize,
                     _("the font has no Vietnamese letters (no U+%04lX): Vietnamese text would show "
                     "as boxes; choose a font made for Vietnamese, such as Noto Sans"),
                     missing);
        }
        FT_Done_Face(ft);
    }
    FT_Done_FreeType(lib);
    return result;
}
