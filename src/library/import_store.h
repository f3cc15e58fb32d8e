/* import_store.h: the library side of an import (import.h): the lock, the
 * staging folder, the atomic switch of `current`, pruning and cleaning.
 * Internal to import.c; plain C. Every step that makes something durable
 * fsyncs it before returning. */
#ifndef BT_IMPORT_STORE_H
#define BT_IMPORT_STORE_H

#include <stdbool.h>
#include <stddef.h>

#define BT_STORE_NAME_LEN 33 /* YYYYMMDDTHHMMSSZ-<16 hex> */
#define BT_STORE_NAME_SIZE (BT_STORE_NAME_LEN + 1)
#define BT_STORE_HASH_HEX 16

/* An open library; fields are -1 / NULL when closed. */
typedef struct {
    char *dir;  /* the library folder, as given */
    int libfd;  /* the library folder */
    int plfd;   /* its playlists/ folder */
    int lockfd; /* .import.lock, flock'ed */
} bt_store;

typedef enum {
    BT_STORE_WAIT, /* wait for the import lock */
    BT_STORE_TRY,  /* take it only when free */
    BT_STORE_READ, /* read only: make nothing, take no lock (a read-only library) */
} bt_store_lock;

/* Opens library (making it and playlists/ when missing) and takes the
 * import lock; *locked (may be NULL) tells whether it was taken (always
 * with BT_STORE_WAIT). With BT_STORE_READ it opens what is there and writes
 * nothing. false with the reason in err on failure (errno kept);
 * bt_store_close() in every case. */
bool bt_store_open(bt_store *s, const char *library, bt_store_lock lock, bool *locked,
                   char *err, size_t errsize);

/* Releases the lock and closes everything; fine on a failed open. */
void bt_store_close(bt_store *s);

/* Whether name has the form of a complete import's folder name. */
bool bt_store_valid_name(const char *name);

/* The import `current` names into name, when it is a complete one. */
bool bt_store_current(const bt_store *s, char name[BT_STORE_NAME_SIZE]);

/* A complete import whose hash is hex (BT_STORE_HASH_HEX digits) into name. */
bool bt_store_find_hash(const bt_store *s, const char *hex, char name[BT_STORE_NAME_SIZE]);

/* A new folder name for hash hex: the time now (UTC), or one second after
 * the newest import when the clock reads earlier, so names keep their order. */
void bt_store_new_name(const bt_store *s, const char *hex, char name[BT_STORE_NAME_SIZE]);

/* Makes playlists/.staging-XXXXXX; its name into name, an open fd of it
 * returned, or -1 with the reason in err. */
int bt_store_staging(const bt_store *s, char *name, size_t size, char *err, size_t errsize);

/* fsyncs every folder below and including the folder dirfd. */
bool bt_store_fsync_tree(int dirfd, char *err, size_t errsize);

/* Renames playlists/from to playlists/to (to must not exist) and fsyncs playlists/. */
bool bt_store_rename(const bt_store *s, const char *from, const char *to, char *err,
                     size_t errsize);

/* Points `current` at playlists/name atomically (a new symlink renamed over
 * it) and fsyncs the library folder. */
bool bt_store_switch(const bt_store *s, const char *name, char *err, size_t errsize);

/* Removes playlists/name: renamed out of sight first, so that a crash
 * midway never leaves a partial folder under a valid name. */
void bt_store_remove(const bt_store *s, const char *name);

/* Removes name below the folder at, a file or a whole tree (links are
 * removed, never followed), with few descriptors whatever its depth. Best
 * effort: a kiosk must go on when one file stays. */
void bt_store_remove_tree(int at, const char *name);

/* The complete imports, newest first, into names (at most max); how many. */
int bt_store_list(const bt_store *s, char (*names)[BT_STORE_NAME_SIZE], int max);

/* Removes all but the newest keep imports, never the one `current` names. */
void bt_store_prune(const bt_store *s, int keep);

/* Removes what an import cut short left: playlists/.staging-*, .trash-*,
 * and LIBRARY/current.tmp-*. Only with the lock held. */
void bt_store_clean(const bt_store *s);

#endif
