/* import_message.h: what the kiosk says on screen about a stick, in words
 * a clerk understands: a title and a few lines made from an import's
 * result and the playlist's labels (in the office's language). Plain C:
 * the player shows it as an overlay, tests and the documentation render
 * the same words. */
#ifndef BT_IMPORT_MESSAGE_H
#define BT_IMPORT_MESSAGE_H

#include <stdbool.h>

#include "import.h"

#define BT_IMPORT_MESSAGE_LINES 5

typedef struct {
    bool ok;                 /* loaded (or already): the accent colour, not red */
    const char *title;       /* a label, or a line of the result */
    const char *lines[BT_IMPORT_MESSAGE_LINES];
    int n_lines;
    int seconds;             /* how long it stays on screen */
    char counts[256];        /* the filled "N slides, M tips" line lines[] may point to */
} bt_import_message;

/* Fills m from the result r and labels (the playlist's, BT_LABEL_COUNT of
 * them). m's pointers point into r, labels and m itself: they live as
 * long as those. */
void bt_import_message_make(bt_import_message *m, const bt_import_result *r,
                            char *const *labels);

#endif
