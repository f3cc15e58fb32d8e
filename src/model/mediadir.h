/* mediadir.h: what a folder holds for slides: its pictures, PDFs and
 * videos in natural name order (Slide2 before Slide10), and each file that
 * is none of them, with what to do about it in words a clerk understands
 * ("a PowerPoint file: open it and save as PDF"). Plain C, no SDL.
 *
 * The folder is untrusted (a stick, a synced folder): the walk is bounded
 * (BT_MAX_FOLDER_ENTRIES names looked at, BT_MAX_FOLDER_DEPTH folders
 * down), opens each subfolder with openat() from its parent without
 * following links (one descriptor per level), follows a link to a file
 * only when it stays inside the root, and never a link to a folder. What a
 * file is comes from its first bytes, its name only for videos (their
 * formats are many) and for the clerk's usual mistakes. */
#ifndef BT_MEDIADIR_H
#define BT_MEDIADIR_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    BT_MEDIA_PICTURE,
    BT_MEDIA_PDF,
    BT_MEDIA_VIDEO,
    BT_MEDIA_OTHER, /* not shown: why says what it is and what to do */
} bt_media_kind;

typedef struct {
    char *rel;       /* below the listed folder, as on disk: "Slide1.PNG", "sub/a.jpg" */
    char *path;      /* its real path, inside the root; NULL for BT_MEDIA_OTHER */
    bt_media_kind kind;
    const char *why; /* BT_MEDIA_OTHER: "is a PowerPoint file: ...", static */
} bt_media_entry;

typedef struct {
    bt_media_entry *items; /* in natural name order, subfolders in place */
    int n;
    char **notes; /* about the walk itself (too many files, a link to a folder...) */
    int n_notes;
} bt_media_list;

/* Lists the folder dir (a real path, inside root, a real path too) and
 * the folders below it. A file named skip in dir itself (the playlist
 * file) and the files every stick or bangtin itself puts there (names
 * starting with '.', Thumbs.db, Office's ~$ lock files, bangtin's
 * kiosk.key, errors.txt, reports/) are left out without a word. Returns
 * false with a reason in err when dir cannot be read; *out is then empty.
 * The caller frees *out with bt_media_list_free. */
bool bt_media_list_folder(const char *root, const char *dir, const char *skip, bt_media_list *out,
                          char *err, size_t errsize);

void bt_media_list_free(bt_media_list *l);

/* Whether a file's name ends as a video's does (.mp4, .m4v, .mkv, .webm,
 * .mov, any case): for what a name alone can tell (the import's progress). */
bool bt_media_video_name(const char *name);

#endif
