/* manifest_dir.h: a campaign folder against its manifest: writing
 * manifest.txt for a folder (the Department's side) and checking a folder
 * against a parsed manifest (the kiosk's side). Plain C, no SDL.
 *
 * Folders are walked with openat/fdopendir and never through a symlink,
 * at most BT_MAX_MANIFEST_DEPTH deep (so at most that many descriptors
 * open) and BT_MAX_CAMPAIGN_ENTRIES names in all. Skipped everywhere: names
 * starting with "." (Syncthing's .stfolder, .stignore, .stversions and
 * .syncthing.*.tmp, rsync's temporary files, the editors' backups); at the
 * top, manifest.txt and manifest.txt.minisig themselves. A listed file is
 * opened one component at a time with O_NOFOLLOW, so no symlink anywhere
 * on its path is ever followed, and files are hashed streamed (SHA-256,
 * libsodium). */
#ifndef BT_MANIFEST_DIR_H
#define BT_MANIFEST_DIR_H

#include <stdbool.h>
#include <sys/stat.h>
#include <time.h>

#include "manifest.h"

/* ---- Writing (bangtin --manifest, --sign) ---- */

typedef struct {
    long long version;           /* the one written */
    int n_files;
    unsigned long long total_bytes;
    bool removed_old_signature;  /* a manifest.txt.minisig that signed the old list was removed */
} bt_manifest_written;

/* Writes dir/manifest.txt for the regular files below dir, paths sorted
 * bytewise, version = the existing manifest's + 1 (1 when there is none),
 * issued = now (UTC). The old manifest.txt.minisig, which no longer matches,
 * is removed so that no kiosk mistakes the pair for a tampered campaign
 * (it waits for the new signature instead). Refused, with the reason in
 * err and nothing written: a symlink or a device in the folder, a name the
 * manifest cannot list (bt_manifest_path_ok, or two names a FAT stick would
 * take for one), too many files or bytes, a file that changes while it is
 * hashed, a minisign secret key (it would be published), an existing manifest.txt that cannot be parsed (its version is
 * not known, so it is not guessed: remove it to start again at 1). */
bool bt_manifest_write_dir(const char *dir, time_t now, bt_manifest_written *out, char *err,
                           size_t errsize);

/* ---- Checking (the kiosk) ---- */

typedef enum {
    BT_FILE_UNCHECKED,    /* not looked at: the check stopped before it */
    BT_FILE_OK,           /* there, of its size and SHA-256 */
    BT_FILE_MISSING,      /* not there (yet): a sync under way, or a folder deleted */
    BT_FILE_SIZE_DIFFERS, /* there, not of the listed size: still being written? */
    BT_FILE_HASH_DIFFERS, /* the listed size but other bytes: tampered, or rewritten in
                           * place by a sync (a caller decides after a quiet time) */
    BT_FILE_NOT_REGULAR,  /* a symlink (here or on its path), a folder, a device */
    BT_FILE_UNREADABLE,   /* permission or I/O error */
    BT_FILE_STATUS_COUNT
} bt_file_status;

#define BT_MANIFEST_UNLISTED_KEPT 50 /* names of unlisted files kept for messages */

typedef struct {
    bt_file_status *status;          /* one per file of the manifest, in its order */
    int count[BT_FILE_STATUS_COUNT]; /* how many files have each status */
    bool sync_temp;                  /* a sync tool's temporary file is there
                                      * (.syncthing.*.tmp, ~syncthing~*.tmp) */
    char sync_temp_name[256];        /* the first one seen (relative, made printable) */
    char unlisted[BT_MANIFEST_UNLISTED_KEPT][256]; /* files there but not listed (relative,
                                      * made printable): ignored, never used */
    int n_unlisted;                  /* how many there are (more than those kept, maybe) */
    bool walk_incomplete;            /* not every name could be looked at (too many, too
                                      * deep, unreadable folder): unlisted ones may be missed */
    bool folder_missing;             /* dir itself cannot be opened */
    bool stopped;                    /* the progress function asked to stop */
    char detail[512];                /* the first problem, in plain words, for a log */
} bt_manifest_check;

/* Called before each file is hashed, with how many have been and how many
 * there are; returns false to stop the check (the rest stays UNCHECKED). */
typedef bool (*bt_manifest_progress)(void *ctx, int done, int total);

/* Checks the folder dir against m into *out (freed with
 * bt_manifest_check_free): first every listed file's presence, kind and
 * size, and only when all are right, their SHA-256; then the names present
 * but not listed. Never follows a symlink; a folder that changes or
 * vanishes meanwhile gives MISSING files, never a crash. progress may be
 * NULL. Returns true when every listed file is BT_FILE_OK. */
bool bt_manifest_check_dir(const char *dir, const bt_manifest *m, bt_manifest_progress progress,
                           void *ctx, bt_manifest_check *out);

/* Frees what c holds (a zeroed c is fine). */
void bt_manifest_check_free(bt_manifest_check *c);

/* Opens the listed file at the relative path rel below the folder root,
 * one component at a time, never through a symlink, and only when it is a
 * regular file (a device is never opened). The descriptor (the caller's),
 * or -1 with *st saying why; *sb is the file's stat. */
int bt_manifest_open_listed(int root, const char *rel, struct stat *sb, bt_file_status *st);

/* Plain words for a file's status ("is missing", ...), to follow its path. */
const char *bt_file_status_words(bt_file_status st);

#endif
