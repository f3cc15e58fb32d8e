/* checks.c: the deep check's hooks in one place (checks.h). */
#include "checks.h"

#include "fonts.h"
#include "images.h"

const bt_load_options *bt_render_checks(void)
{
    static const bt_load_options deep = {
        .verify_image = bt_image_verify,
        .verify_font = bt_font_verify,
    };
    return &deep;
}
