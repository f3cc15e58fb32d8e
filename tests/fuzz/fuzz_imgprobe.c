/* fuzz_imgprobe.c: libFuzzer target for the image header probe.
 *
 * The probe is the only code that reads a stick's pictures before the
 * limits are checked, so any byte string must give a clean yes or no: no
 * read past the buffer (ASan), no undefined arithmetic (UBSan), and on a yes
 * a real size. The same bytes are also probed as a file, which reads them
 * through a small window (JPEG segments may be skipped far ahead): both
 * readers must agree, apart from the pixel limits only the file probe has. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/bounds.h"
#include "model/imgprobe.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[4200];

static void cleanup(void)
{
    unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/bt-fuzz-img.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        perror(path);
        abort();
    }
    close(fd);
    atexit(cleanup);
    return 0;
}

static bool within_limits(const bt_img_info *i)
{
    char err[300] = "";
    bool ok = bt_imgprobe_limits(i, err, sizeof err);
    if (!ok && !err[0])
        abort(); /* a refusal says why */
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A private copy: ASan then catches a read even one byte past the end,
     * which it might not inside libFuzzer's own larger buffer. */
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    bt_img_info mem, file;
    char err[300], ferr[300];
    err[0] = ferr[0] = '\0';
    bool mem_ok = bt_imgprobe_mem(buf, size, &mem, err, sizeof err);
    if (mem_ok) {
        if (mem.kind == BT_IMG_UNKNOWN || mem.width <= 0 || mem.height <= 0)
            abort(); /* a yes must come with a kind and a real size */
    } else if (!err[0]) {
        abort(); /* a no must say why, in words */
    }

    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0 || write(fd, buf, size) != (ssize_t)size)
        abort();
    close(fd);
    bool file_ok = bt_imgprobe_file(path, &file, ferr, sizeof ferr);
    if (!file_ok && !ferr[0])
        abort();
    if (file_ok != (mem_ok && within_limits(&mem)))
        abort(); /* the windowed reader disagrees with the one in memory */
    if (file_ok && (file.kind != mem.kind || file.width != mem.width || file.height != mem.height ||
                    file.orientation != mem.orientation || file.decode_bytes != mem.decode_bytes))
        abort();
    if (mem_ok && (mem.orientation < BT_ORIENT_UPRIGHT || mem.orientation > BT_ORIENT_ROTATE_270))
        abort();
    free(buf);
    return 0;
}
