/* playlist_load.h: reading and validating a playlist file (or a folder of
 * pictures and PDFs) into the model.
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

/* What the layers above lend the loader: it reads YAML and file headers
 * itself, but PDFs and videos only through these (render/pdf.h, the video
 * code), which may run another process. Every hook returns its failure
 * with a plain-words reason in err. */
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
    /* The number of pages of the PDF at path (opened within bounds), or -1.
     * NULL: PDFs cannot be shown (each is reported, and left out). */
    int (*pdf_pages)(void *ctx, const char *path, char *err, size_t errsize);
    /* Optional deep check of page (1-based) of that PDF (drawing it). */
    bool (*verify_pdf_page)(void *ctx, const char *path, int page, char *err, size_t errsize);
    void *pdf_ctx; /* for both */
    /* Optional deep check of a video whose header was already looked at
     * (model/videoprobe.h: bt_videoprobe_sniff): whether it can be played
     * (its streams, codec, size, length). NULL: headers only, as the
     * player does at start; a clip that then cannot play is skipped. */
    bool (*video_probe)(void *ctx, const char *path, char *err, size_t errsize);
    void *video_ctx;
} bt_load_options;

/* Loads the playlist at path. Returns the playlist when it is usable (at
 * least one slide), NULL when it is not; in both cases every problem found is
 * appended to diags. opts may be NULL. The caller frees the result with
 * bt_playlist_free(). */
bt_playlist *bt_playlist_load(const char *path, const bt_load_options *opts, bt_diags *diags);

/* A folder with no playlist file is a playlist: loads the folder dir as
 * `slides: [{folder: ., layout: full}]` with every default (its name is the
 * folder's), its problems reported as "DIR: error: ...", naming the file. A
 * folder that holds a playlist.yaml (or .yml, in any case) loads that
 * file instead. Returns and reports as bt_playlist_load. */
bt_playlist *bt_playlist_load_folder(const char *dir, const bt_load_options *opts,
                                     bt_diags *diags);

/* bt_playlist_load_folder when path is a folder, else bt_playlist_load:
 * what the command line and the player call with a path a person gave. */
bt_playlist *bt_playlist_load_path(const char *path, const bt_load_options *opts,
                                   bt_diags *diags);

#endif
