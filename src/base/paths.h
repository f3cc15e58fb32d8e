/* paths.h: finding an asset a playlist names, safely. Plain C.
 *
 * Every asset path is relative to the playlist's folder and must stay inside
 * it: no absolute paths, no `..`, and no symlink (anywhere along the way)
 * that ends up outside the folder's real path. When a name is not found as
 * written, each component is looked up ignoring case and NFC/NFD form,
 * because macOS writes decomposed (NFD) names on sticks and FAT tools write
 * upper-case ones. */
#ifndef BT_PATHS_H
#define BT_PATHS_H

#include <stdbool.h>

typedef enum {
    BT_PATH_OK,
    BT_PATH_EMPTY,     /* "" */
    BT_PATH_ABSOLUTE,  /* starts with '/' */
    BT_PATH_PARENT,    /* has a ".." component */
    BT_PATH_BACKSLASH, /* written with '\\' as Windows writes paths */
    BT_PATH_NOT_FOUND, /* no such file (also a link that leads nowhere) */
    BT_PATH_OUTSIDE,   /* a symlink leads outside the folder */
    BT_PATH_NOT_FILE,  /* a folder, device, ... not a regular file */
    BT_PATH_NOT_DIR,   /* a file where a folder was asked for */
    BT_PATH_NO_FOLDER, /* dir itself cannot be resolved */
    BT_PATH_NO_MEMORY,
} bt_path_status;

/* Resolves rel (as written in the playlist, a C string, so it holds no NUL)
 * below the folder dir. On BT_PATH_OK, *out is a malloc'd absolute real path
 * of a regular file inside dir's real path, owned by the caller; otherwise
 * *out is NULL. */
bt_path_status bt_path_resolve(const char *dir, const char *rel, char **out);

/* The same below root, which is already a real path (realpath(3) of the
 * folder): a loader that resolves many assets in one folder finds its real
 * path once. */
bt_path_status bt_path_resolve_below(const char *root, const char *rel, char **out);

/* The same for a folder below root ("." names root itself): *out is its
 * real path, a folder inside root's, owned by the caller. */
bt_path_status bt_path_resolve_dir_below(const char *root, const char *rel, char **out);

/* Whether path is root or below it (both real paths). */
bool bt_path_inside(const char *path, const char *root);

/* What went wrong, in plain words that follow the path in a message:
 * "was not found", "leads outside the playlist's folder", ... */
const char *bt_path_status_words(bt_path_status st);

#endif
