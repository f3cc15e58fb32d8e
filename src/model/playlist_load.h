/* playlist_load.h: reading and validating a playlist file into the model.
 *
 * The YAML is parsed with libyaml; every problem is recorded in `diags` with
 * its FILE:LINE:COL, in words a clerk understands, naming the slide. A slide
 * with an error is dropped; the playlist is usable while at least one slide
 * is. Nothing here draws or needs SDL. */
#ifndef BT_PLAYLIST_LOAD_H
#define BT_PLAYLIST_LOAD_H

#include <stdbool.h>

#include "base/diag.h"
#include "playlist.h"

/* What a deep check of one file found. */
typedef enum {
    BT_CHECK_OK,
    BT_CHECK_WARN, /* usable, but msg says what is wrong */
    BT_CHECK_FAIL, /* unusable: msg says why */
} bt_check;

typedef struct {
    /* Optional deep check of a picture whose header was already probed
     * (e.g. a full decode); NULL to check headers only, as the player does
     * at start so that startup never decodes what is not yet shown. Returns
     * false with a plain-words reason in err. */
    bool (*verify_image)(void *ctx, const char *path, char *err, size_t errsize);
    /* Optional deep check of a font whose first bytes were already looked
     * at: opened as the painter will open it, its letters drawn. */
    bt_check (*verify_font)(void *ctx, const char *path, char *msg, size_t msgsize);
    void *ctx;
} bt_load_options;

/* Loads the playlist at path. Returns the playlist when it is usable (at
 * least one slide), NULL when it is not; in both cases every problem found is
 * appended to diags. opts may be NULL. The caller frees the result with
 * bt_playlist_free(). */
bt_playlist *bt_playlist_load(const char *path, const bt_load_options *opts, bt_diags *diags);

#endif
