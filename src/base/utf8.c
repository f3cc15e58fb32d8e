/* utf8.c: making untrusted text safe to draw: valid UTF-8, NFC (utf8proc). */
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Unicode's "maximal subpart" rule decides *skip: a truncated sequence is
 * one replacement, a stray byte is one. The ranges of the second byte (Unicode
 * table 3-7) refuse overlong forms, surrogates and code points past
 * U+10FFFF; NUL is refused because it would cut a C string short. */
size_t bt_utf8_next(const char *str, size_t n, size_t *skip)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0], lo = 0x80, hi = 0xbf;
    size_t len;
    if (c >= 0x01 && c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        len = 2;
    else if (c == 0xe0)
        len = 3, lo = 0xa0;
    else if (c == 0xed)
        len = 3, hi = 0x9f;
    else if (c >= 0xe1 && c <= 0xef)
        len = 3;
    else if (c == 0xf0)
        len = 4, lo = 0x90;
    else if (c == 0xf4)
        len = 4, hi = 0x8f;
    else if (c >= 0xf1 && c <= 0xf3)
        len = 4;
    else {
        *skip = 1;
        return 0;
    }
    size_t i = 1;
    if (n > 1 && s[1] >= lo && s[1] <= hi)
        for (i = 2; i < len && i < n && (s[i] & 0xc0) == 0x80; i++)
            ;
    if (i == len)
        return len;
    *skip = i;
    return 0;
}

char *bt_utf8_clean(const char *s, size_t len, bool *replaced)
{
    static const char fffd[] = "\xef\xbf\xbd";
    const unsigned char *in = (const unsigned char *)s;
    bool rep = false;
    /* Worst case: every byte becomes a 3-byte U+FFFD. */
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *valid = malloc(len * 3 + 1);
    if (!valid)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t bad = 1;
        size_t n = bt_utf8_next(s + i, len - i, &bad);
        if (n) {
            memcpy(valid + o, in + i, n);
            o += n;
            i += n;
        } else {
            memcpy(valid + o, fffd, 3);
            o += 3;
            i += bad;
            rep = true;
        }
    }
    valid[o] = '\0';
    if (replaced)
        *replaced = rep;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)valid, (utf8proc_ssize_t)o, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(valid);
    if (r < 0)
        return NULL; /* only UTF8PROC_ERROR_NOMEM: the input is valid by now */
    return (char *)nfc;
}

size_t bt_utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            n++;
    return n;
}

char *bt_utf8_fold(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD);
    if (r < 0)
        return NULL;
    return (char *)out;
}
