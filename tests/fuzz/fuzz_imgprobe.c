/* fuzz_imgprobe.c: libFuzzer target for the image header probe.
 *
 * The probe is the only code that reads a stick's pictures before the
 * limits are checked, so any byte string must give a clean yes or no: no
 * read past the buffer (ASan), no undefined arithmetic (UBSan), and on a yes
 * a size the limits code can multiply without overflow. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imgprobe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A private copy: ASan then catches a read even one byte past the end,
     * which it might not inside libFuzzer's own larger buffer. */
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    bt_img_info info;
    char err[300];
    err[0] = '\0';
    if (bt_imgprobe_mem(buf, size, &info, err, sizeof err)) {
        if (info.kind == BT_IMG_UNKNOWN || info.width <= 0 || info.height <= 0)
            abort(); /* a yes must come with a kind and a real size */
    } else if (!err[0] || strlen(err) >= sizeof err) {
        abort(); /* a no must say why, in words */
    }
    free(buf);
    return 0;
}
