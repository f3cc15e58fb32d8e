/* checks.h: the deep check of a playlist's files, as the render layer can
 * make it: every picture decoded, every font opened and its letters drawn.
 * --check and the import of a stick use it; the player's start reads
 * headers only. */
#ifndef BT_CHECKS_H
#define BT_CHECKS_H

#include "model/playlist_load.h"

/* The load options of the deep check (static: never freed). */
const bt_load_options *bt_render_checks(void);

#endif
