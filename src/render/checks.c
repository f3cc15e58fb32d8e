/* checks.c: the loader's hooks in one place (checks.h). */
#include "checks.h"

#include "base/bounds.h"
#include "fonts.h"
#include "model/videoprobe.h"

/* The whole probe of a clip (streams, codec, size, length, cut short),
 * bounded by itself: what --check and an import refuse. */
static bool probe_video(void *ctx, const char *path, char *err, size_t errsize)
{
    bt_video_info info;
    return bt_videoprobe_file(path, &info, err, errsize);
}

const bt_load_options *bt_render_plain(void)
{
    static const bt_load_options plain = {.pdf_pages = bt_pdf_pages};
    return &plain;
}

const bt_load_options *bt_render_checks(void)
{
    static const bt_load_options deep = {
        .verify_image = bt_image_verify,
        .verify_font = bt_font_verify,
        .pdf_pages = bt_pdf_pages,
        .verify_pdf_page = bt_pdf_verify_page,
        .video_probe = probe_video,
    };
    return &deep;
}

void bt_render_check_init(bt_render_check *c, int w, int h)
{
    c->box = (bt_image_box){w, h};
    c->pdf = bt_pdf_check_new(w, h, BT_MAX_PDF_CHECK_MS);
    c->opts = *bt_render_checks();
    c->opts.ctx = &c->box;
    c->opts.pdf_ctx = c->pdf;
    if (!c->pdf)
        c->opts.verify_pdf_page = NULL; /* out of memory: the files are still probed */
}

int bt_render_check_unchecked(const bt_render_check *c)
{
    return bt_pdf_check_unchecked(c->pdf);
}

void bt_render_check_done(bt_render_check *c)
{
    bt_pdf_check_free(c->pdf);
    c->pdf = NULL;
}
