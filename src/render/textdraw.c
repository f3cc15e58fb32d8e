/* textdraw.c: text blocks onto surfaces. */
#include "textdraw.h"

void bt_textdraw_block(SDL_Surface *dst, bt_fonts *f, bool bold, const bt_text_block *b, int x,
                       int y, int w, bt_align align, SDL_Color color, bt_rect clip)
{
    TTF_Font *font = bt_fonts_at(f, bold, b->size);
    SDL_Rect old_clip;
    SDL_GetClipRect(dst, &old_clip);
    SDL_Rect c = {clip.x, clip.y, clip.w, clip.h};
    SDL_SetClipRect(dst, &c);
    for (int i = 0; i < b->n_lines; i++) {
        const bt_line *ln = &b->lines[i];
        if (!ln->text[0])
            continue; /* a blank line between paragraphs */
        SDL_Surface *s = TTF_RenderUTF8_Blended(font, ln->text, color);
        if (!s)
            continue;
        int lx = x;
        if (align == BT_ALIGN_CENTER)
            lx = x + (w - ln->width) / 2;
        else if (align == BT_ALIGN_RIGHT)
            lx = x + w - ln->width;
        SDL_Rect r = {lx, y + i * b->line_height, s->w, s->h};
        SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
        SDL_BlitSurface(s, NULL, dst, &r);
        SDL_FreeSurface(s);
    }
    SDL_SetClipRect(dst, &old_clip);
}

int bt_textdraw_box(SDL_Surface *dst, bt_fonts *f, bool bold, const char *text, bt_rect box,
                    int max_size, int min_size, int max_lines, bt_align align, bool vcenter,
                    SDL_Color color)
{
    if (!text || !*text || box.w <= 0 || box.h <= 0)
        return 0;
    bt_text_block b;
    if (!bt_text_layout(text, bt_fonts_measure(f, bold), box.w, box.h, max_size, min_size,
                        max_lines, &b))
        return 0;
    int y = vcenter ? box.y + (box.h - b.height) / 2 : box.y;
    bt_textdraw_block(dst, f, bold, &b, box.x, y, box.w, align, color, box);
    int used = b.height;
    bt_text_block_free(&b);
    return used;
}
