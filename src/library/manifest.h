/* manifest.h: a campaign's manifest.txt, the list of its files that the
 * Department signs (design.md, "Signed campaigns"). Plain C, no SDL.
 *
 *   bangtin-manifest 1
 *   version 7
 *   issued 2026-03-15T08:30:00Z
 *   9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  1204  slides/otp.png
 *   ...
 *
 * One line per file: SHA-256 in hex, size in bytes, path, separated by two
 * spaces (the path runs to the end of the line and may hold single spaces).
 * Lines end in "\n" (or "\r\n").
 *
 * The text is untrusted until its signature is checked, and must be safe to
 * parse even then: at most BT_MAX_MANIFEST_BYTES, BT_MAX_MANIFEST_FILES
 * files, BT_MAX_CAMPAIGN_BYTES in all (bounds.h), refused at the first line
 * that goes past. Paths are relative, valid UTF-8 in NFC, with no "..",
 * no "." or empty component, no component starting with "." (hidden and
 * sync tools' files), no backslash, no control character, none of
 * : * ? " < > | (which FAT sticks cannot hold), and no two that differ only
 * in case or NFC/NFD (FAT sticks and macOS fold them together), nor a path
 * that is both a file and a folder of another. manifest_dir.h reads and
 * writes campaign folders with it. */
#ifndef BT_MANIFEST_H
#define BT_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define BT_MANIFEST_FILE "manifest.txt"
#define BT_MANIFEST_SIG "manifest.txt.minisig"
#define BT_MANIFEST_MAGIC "bangtin-manifest 1"

typedef struct {
    char *path;              /* as listed: exactly the name to open below the folder */
    unsigned long long size; /* bytes */
    unsigned char sha256[32];
    int line; /* its line in the manifest, for messages */
} bt_manifest_entry;

typedef struct {
    long long version; /* >= 1 */
    time_t issued;     /* UTC */
    char issued_text[21]; /* as written: YYYY-MM-DDTHH:MM:SSZ */
    bt_manifest_entry *files; /* in the order listed */
    int n_files;
    unsigned long long total_bytes;
} bt_manifest;

/* Parses the len bytes at text (no NUL needed) into *m, owned by the
 * caller (bt_manifest_free). name is the file's name for messages. false
 * with err ("NAME:LINE: MESSAGE") and *line (if not NULL; 0 when the
 * problem is the whole file) on the first problem; *m is then empty. */
bool bt_manifest_parse(const char *text, size_t len, const char *name, bt_manifest *m, int *line,
                       char *err, size_t errsize);

/* Frees what m holds and leaves it empty (a zeroed m is fine). */
void bt_manifest_free(bt_manifest *m);

/* Whether the path (a C string) may be listed: the rules above, but for
 * the duplicates, which need the whole list. false with the reason in why
 * ("leaves the campaign's folder", ...). */
bool bt_manifest_path_ok(const char *path, char *why, size_t whysize);

/* The manifest's text, as bt_manifest_parse reads it back, in a malloc'd
 * NUL-terminated string of *len bytes owned by the caller; NULL when out of
 * memory. The files are written in m's order. */
char *bt_manifest_format(const bt_manifest *m, size_t *len);

/* Lower-case hex of a SHA-256 into out (65 bytes with the NUL). */
void bt_manifest_hex(const unsigned char sha256[32], char out[65]);

#endif
