/* natsort.c: natural name order (natsort.h). */
#include "natsort.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "utf8.h"

/* The letters without their marks, case-folded: "Ảnh" and "anh" alike,
 * and đ as d, so that Vietnamese names sort beside their base letters
 * instead of after z. NULL on invalid input or out of memory. */
static char *primary(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                          UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    if (r < 0)
        return NULL;
    /* đ (U+0111, after folding) has no decomposition: written d here. */
    char *o = (char *)out;
    for (char *p = o; *p; p++)
        if ((unsigned char)p[0] == 0xc4 && (unsigned char)p[1] == 0x91) {
            *p = 'd';
            memmove(p + 1, p + 2, strlen(p + 2) + 1);
        }
    return o;
}

char *bt_natsort_key(const char *s)
{
    /* "anh\x01ảnh": the letters first, then, where they are the same, the
     * marks; \x01 sorts before any letter, so a shorter name comes first. */
    char *clean = bt_utf8_clean(s, strlen(s), NULL);
    char *full = clean ? bt_utf8_fold(clean) : NULL;
    char *base = full ? primary(full) : NULL;
    char *key = NULL;
    if (base) {
        size_t nb = strlen(base), nf = strlen(full);
        if ((key = malloc(nb + 1 + nf + 1))) {
            memcpy(key, base, nb);
            key[nb] = '\x01';
            memcpy(key + nb + 1, full, nf + 1);
        }
    }
    free(base);
    free(full);
    free(clean);
    return key;
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

int bt_natsort_cmp_keys(const char *a, const char *b)
{
    while (*a && *b) {
        if (digit(*a) && digit(*b)) {
            /* Compare the values: without leading zeros, the longer run is
             * larger; runs of one length compare digit by digit. */
            const char *za = a, *zb = b;
            while (*za == '0')
                za++;
            while (*zb == '0')
                zb++;
            const char *ea = za, *eb = zb;
            while (digit(*ea))
                ea++;
            while (digit(*eb))
                eb++;
            if (ea - za != eb - zb)
                return ea - za < eb - zb ? -1 : 1;
            int c = memcmp(za, zb, (size_t)(ea - za));
            if (c)
                return c;
            /* The same value: fewer leading zeros first ("1" < "01"). */
            if (za - a != zb - b)
                return za - a < zb - b ? -1 : 1;
            a = ea;
            b = eb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1; /* UTF-8: code point order */
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

int bt_natsort_cmp(const char *a, const char *b)
{
    char *ka = bt_natsort_key(a), *kb = bt_natsort_key(b);
    int c = ka && kb ? bt_natsort_cmp_keys(ka, kb) : 0;
    free(ka);
    free(kb);
    return c ? c : strcmp(a, b);
}
