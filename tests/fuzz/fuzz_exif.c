/* fuzz_exif.c: libFuzzer target for the Exif orientation parser.
 *
 * The bytes are an APP1 segment's body as a stick's photo holds it: any
 * byte string must give one of the eight orientations, reading nothing
 * outside the buffer (ASan, on a private copy of exactly its length) and
 * with no undefined arithmetic (UBSan). The same bytes are then wrapped in
 * a JPEG (SOI, APP1, a frame header) and probed, so the probe's copy of a
 * segment is fuzzed too: it must agree with the parser. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/exif.h"
#include "model/imgprobe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65533)
        return 0; /* an APP1 segment holds at most this */
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    bt_orientation o = bt_exif_orientation(buf, size);
    if (o < BT_ORIENT_UPRIGHT || o > BT_ORIENT_ROTATE_270)
        abort();
    free(buf);

    static const unsigned char sof[] = {0xff, 0xc0, 0, 11, 8, 0, 30, 0, 40, 1, 1, 0x11, 0};
    size_t len = 2 + 4 + size + sizeof sof;
    unsigned char *jpeg = malloc(len);
    if (!jpeg)
        return 0;
    jpeg[0] = 0xff;
    jpeg[1] = 0xd8;
    jpeg[2] = 0xff;
    jpeg[3] = 0xe1;
    jpeg[4] = (unsigned char)((size + 2) >> 8);
    jpeg[5] = (unsigned char)(size + 2);
    memcpy(jpeg + 6, data, size);
    memcpy(jpeg + 6 + size, sof, sizeof sof);
    bt_img_info info;
    char err[300];
    if (!bt_imgprobe_mem(jpeg, len, &info, err, sizeof err))
        abort(); /* the frame header is always there */
    bool exif = size >= 6 && memcmp(data, "Exif\0\0", 6) == 0;
    if (info.orientation != (exif ? o : BT_ORIENT_UPRIGHT))
        abort();
    bool swap = bt_orientation_swaps(info.orientation);
    if (info.width != (swap ? 30 : 40) || info.height != (swap ? 40 : 30))
        abort();
    free(jpeg);
    return 0;
}
