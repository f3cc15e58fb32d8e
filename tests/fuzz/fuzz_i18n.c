/* fuzz_i18n.c: libFuzzer target for the message catalogs' reader.
 *
 * The bytes are a .mo file (a catalog is installed with the program, but a
 * board's card can be damaged and a file replaced): parsing must read
 * nothing outside the buffer (ASan, on a private copy of exactly its
 * length), and a lookup must return either the msgid itself or a
 * translation that reads the same printf arguments — the property that
 * makes a translation safe to use as a format. The msgids looked up are a
 * few fixed ones and strings cut from the input itself. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void look_up(const bt_catalog *c, const char *msgid)
{
    const char *tr = bt_catalog_find(c, msgid);
    if (!tr)
        abort();
    if (tr != msgid && !bt_i18n_same_conversions(msgid, tr))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    bt_catalog c;
    if (bt_catalog_parse(&c, buf, size)) {
        static const char *const fixed[] = {"", "Home", "%s, line %d, column %d", "%2$s is %1$d",
                                            "played %.1f s, %u frames dropped (%s decoding)"};
        for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
            look_up(&c, fixed[i]);
        /* Strings of the file itself, as msgids: the originals it holds. */
        for (size_t at = 28; at < size; at += 1 + size / 16) {
            size_t n = strnlen((const char *)buf + at, size - at);
            if (at + n < size)
                look_up(&c, (const char *)buf + at);
        }
    }
    /* Two formats cut from the input: the check itself never reads out of them. */
    char a[64], b[64];
    size_t half = size / 2 < sizeof a - 1 ? size / 2 : sizeof a - 1;
    memcpy(a, data, half);
    a[half] = '\0';
    size_t rest = size - size / 2 < sizeof b - 1 ? size - size / 2 : sizeof b - 1;
    memcpy(b, data + size / 2, rest);
    b[rest] = '\0';
    if (bt_i18n_same_conversions(a, a) != bt_i18n_same_conversions(a, a))
        abort();
    (void)bt_i18n_same_conversions(a, b);
    free(buf);
    return 0;
}
