/* utf8.h: making untrusted text safe to draw: valid UTF-8, NFC. Plain C. */
#ifndef BT_UTF8_H
#define BT_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Returns a malloc'd NFC copy of the len bytes at s in which every invalid
 * UTF-8 sequence (and NUL byte) is replaced by U+FFFD; *replaced (if not NULL)
 * tells whether anything was replaced. NULL only when out of memory. */
char *bt_utf8_clean(const char *s, size_t len, bool *replaced);

/* The length of the valid UTF-8 sequence at s (n bytes left, n > 0), or 0
 * when the bytes there are not one (invalid, overlong, surrogate, NUL); then
 * *skip is how many bytes one U+FFFD replaces. For scanners that need places. */
size_t bt_utf8_next(const char *s, size_t n, size_t *skip);

/* The number of code points in a valid UTF-8 string. */
size_t bt_utf8_chars(const char *s);

/* NFC-normalised, case-folded copy for comparing file names the way FAT and
 * macOS sticks store them (NFD, upper case 8.3 names); malloc'd, NULL on
 * invalid input or out of memory. */
char *bt_utf8_fold(const char *s);

#endif
