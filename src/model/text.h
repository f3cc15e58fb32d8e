/* text.h: breaking text into lines that fit a box, plain C.
 *
 * The caller gives a measure callback (the width in pixels of a UTF-8 run at
 * a font size, and the line height at that size); the breaker wraps at word
 * boundaries (spaces, and explicit newlines), breaks a word longer than the
 * line only where it must (between code points, never inside a grapheme's
 * combining marks), shrinks the size from max_size down to min_size until the
 * whole text fits the box, and at min_size ends the last line that fits with
 * "…". It never returns a line wider than the box. */
#ifndef BT_TEXT_H
#define BT_TEXT_H

#include <stdbool.h>

typedef struct {
    /* width in pixels of the n bytes at s at this size */
    int (*width)(void *ctx, int size, const char *s, int n);
    /* distance between baselines of two lines at this size */
    int (*line_height)(void *ctx, int size);
    void *ctx;
} bt_measure;

typedef struct {
    char *text; /* malloc'd, NUL-terminated, no trailing spaces */
    int width;
} bt_line;

typedef struct {
    int size;       /* the font size chosen */
    int line_height;
    bt_line *lines;
    int n_lines;
    int width, height; /* of the block: widest line, n_lines * line_height */
    bool truncated;    /* an ellipsis was needed */
} bt_text_block;

/* Lays out text (valid UTF-8) in a box of box_w x box_h pixels. Returns false
 * only when out of memory. max_lines <= 0 means no limit beyond the box.
 * Free with bt_text_block_free(). */
bool bt_text_layout(const char *text, const bt_measure *m, int box_w, int box_h, int max_size,
                    int min_size, int max_lines, bt_text_block *out);

void bt_text_block_free(bt_text_block *b);

#endif
