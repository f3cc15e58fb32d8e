/* checks.h: the loader's hooks as the render layer fills them. Plain reads
 * (the player, --render) count PDF pages and look at videos' headers; the
 * deep check (--check, and the import of a stick) also decodes every
 * picture and draws every PDF page at the size it is shown, opens every
 * font and draws its letters, and probes every video (bounded in time and
 * bytes: model/videoprobe.h). */
#ifndef BT_CHECKS_H
#define BT_CHECKS_H

#include "images.h"
#include "model/playlist_load.h"
#include "pdf.h"

/* The hooks of a plain read (static: never freed). */
const bt_load_options *bt_render_plain(void);

/* The deep check with the defaults (a 1920x1080 screen, each PDF within its
 * own time budget), for imports (static: never freed). */
const bt_load_options *bt_render_checks(void);

/* One deep check over one playlist for a w x h screen, its PDF pages within
 * one time budget for them all: give &c->opts to the loader (c must not
 * move meanwhile), then bt_render_check_done. */
typedef struct {
    bt_load_options opts;
    bt_image_box box;
    bt_pdf_check *pdf;
} bt_render_check;

void bt_render_check_init(bt_render_check *c, int w, int h);

/* The PDF pages the budget left unchecked (their files were checked). */
int bt_render_check_unchecked(const bt_render_check *c);

void bt_render_check_done(bt_render_check *c);

#endif
