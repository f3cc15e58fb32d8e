/* fileio.h: small files read whole (bounded) and written atomically.
 * Plain C.
 *
 * For the few-line files of campaigns (keys, signatures, manifests). On
 * reading, the size is checked before anything is read and again while
 * reading, so a file that grows meanwhile cannot make us read more than
 * asked. On writing, a reader (a kiosk, a sync tool) sees the old file or
 * the new one, never half of one. */
#ifndef BT_FILEIO_H
#define BT_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    BT_READ_OK,
    BT_READ_MISSING,     /* no such file (or a folder on the way is missing) */
    BT_READ_NOT_REGULAR, /* a folder, device, ...; or a symlink when refused */
    BT_READ_TOO_BIG,     /* more than max bytes */
    BT_READ_FAILED,      /* permission, I/O error, out of memory, grew while read
                          * (EAGAIN): errno says */
} bt_read_status;

/* Reads the file name opens relative to dirfd (AT_FDCWD: the current
 * folder) into a malloc'd buffer of *len bytes plus a NUL, owned by the
 * caller; NULL with *st (and errno for BT_READ_FAILED) otherwise. With
 * no_symlink, a symlink as the last component is refused (BT_READ_NOT_REGULAR). */
char *bt_fileio_read_at(int dirfd, const char *name, size_t max, bool no_symlink, size_t *len,
                     bt_read_status *st);

/* Plain words for a status, to follow a file's name: "is missing", ... */
const char *bt_fileio_status_words(bt_read_status st);

/* Replaces the file at path by the len bytes at data, with mode: writes a
 * temporary ".NAME.XXXXXX" beside it (a dot name, which walkers of a
 * campaign folder skip), fsyncs it, renames it over path and fsyncs the
 * folder. The temporary file is removed on failure. false with err. */
bool bt_fileio_write_atomic(const char *path, const void *data, size_t len, int mode, char *err,
                            size_t errsize);

#endif
