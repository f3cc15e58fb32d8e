/* fsio.h: the small file-system helpers every layer writes with, each in
 * one place: writing a whole buffer, making a folder's entries durable,
 * renaming without replacing, hex digits, and a CSV field. Plain C.
 *
 * README of the base layer: what every other layer stands on: the log and
 * diagnostics, UTF-8 and file-name rules, paths inside a folder, the values
 * a playlist or the command line writes (values.h), the bounds that protect
 * the kiosk (bounds.h), the bundled files (datadir.h) and these helpers. It
 * includes nothing of bangtin's and never SDL. */
#ifndef BT_FSIO_H
#define BT_FSIO_H

#include <stdbool.h>
#include <stddef.h>

/* Writes all n bytes at buf to fd, going on after short writes and EINTR.
 * false with errno set (EIO for a write that wrote nothing). */
bool bt_write_all(int fd, const void *buf, size_t n);

/* fsyncs the folder dirfd so that its new, renamed and removed entries
 * survive a power cut. 0, also where the file system cannot (EINVAL,
 * ENOSYS, ENOTSUP: some FUSE and FAT drivers); -1 with errno when it failed. */
int bt_fsync_dir(int dirfd);

/* The same for the folder at path. */
int bt_fsync_dir_path(const char *path);

/* Renames from to to in the folder dirfd without replacing an existing to:
 * renameat2(RENAME_NOREPLACE) where the file system has it, else a hard
 * link, else a check and a rename. 0, or -1 with errno (EEXIST when to
 * exists). */
int bt_rename_noreplace(int dirfd, const char *from, const char *to);

/* The folders of the tree at rel below the folder rootfd ("." for rootfd
 * itself), parents before their children, each as a path relative to
 * rootfd (rel first), never through a symbolic link. It holds at most two
 * descriptors at any time whatever the depth (a kiosk may run with few).
 * *out is a malloc'd array of *n malloc'd strings (bt_free_paths). false
 * with errno set when a folder cannot be read, or E2BIG past max folders. */
bool bt_list_dirs(int rootfd, const char *rel, int max, char ***out, int *n);

/* Frees n strings and their array. */
void bt_free_paths(char **paths, int n);

/* The n bytes at bytes as 2n lower-case hex digits and a NUL in out. */
void bt_hex(const unsigned char *bytes, size_t n, char *out);

/* One CSV field (RFC 4180) of the n bytes at s into out (size bytes, NUL
 * included): quoted when it holds a comma, a quote or a line break, quotes
 * doubled. With for_spreadsheet, a field that begins with = + - or @ gets a
 * leading apostrophe, so that a spreadsheet never runs it as a formula.
 * Returns the length the whole field needs (without the NUL), as snprintf
 * does: out holds it all only when that is less than size. */
size_t bt_csv_field(char *out, size_t size, const char *s, size_t n, bool for_spreadsheet);

#endif
