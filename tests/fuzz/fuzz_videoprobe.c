/* fuzz_videoprobe.c: libFuzzer target for the video probe, through its
 * memory path (our own AVIOContext over the bytes).
 *
 * Any byte string must give a clean yes or no, within the probe's time
 * budget: no read past the buffer (ASan), no undefined arithmetic in our
 * code (UBSan), no leak; a yes comes with a size within the limits, a
 * length of at most an hour and a codec; a no says why. The same bytes
 * probed as a file (read with pread) must get the same answer. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/bounds.h"
#include "model/videoprobe.h"

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
    snprintf(path, sizeof path, "%s/bt-fuzz-video.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        perror(path);
        abort();
    }
    close(fd);
    atexit(cleanup);
    return 0;
}

static void check_yes(const bt_video_info *i)
{
    int lo = i->width < i->height ? i->width : i->height;
    int hi = i->width < i->height ? i->height : i->width;
    int clo = i->coded_width < i->coded_height ? i->coded_width : i->coded_height;
    int chi = i->coded_width < i->coded_height ? i->coded_height : i->coded_width;
    if (i->width <= 0 || i->height <= 0 || clo <= 0 || chi > BT_MAX_VIDEO_LONG_SIDE ||
        clo > BT_MAX_VIDEO_SHORT_SIDE || hi > 4 * BT_MAX_VIDEO_LONG_SIDE || lo <= 0)
        abort(); /* a yes must come with a real size within the limits */
    if (!(i->duration >= 0 && i->duration * 1000 <= (double)BT_MAX_VIDEO_MS))
        abort();
    if (!i->codec[0] || i->video_stream < 0 || (i->rotation % 90) || i->rotation < 0 || i->rotation > 270)
        abort();
    if (i->has_audio != (i->audio_stream >= 0))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A private copy: ASan then catches a read even one byte past the end. */
    unsigned char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    bt_video_info mem, file;
    char err[300], ferr[300];
    err[0] = ferr[0] = '\0';
    bool mem_ok = bt_videoprobe_mem(buf, size, &mem, err, sizeof err);
    if (mem_ok)
        check_yes(&mem);
    else if (!err[0])
        abort(); /* a no must say why, in words */

    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0 || write(fd, buf, size) != (ssize_t)size)
        abort();
    close(fd);
    bool file_ok = bt_videoprobe_file(path, &file, ferr, sizeof ferr);
    if (!file_ok && !ferr[0])
        abort();
    /* The two readers agree, unless one ran out of time (a slow moment). */
    if (file_ok != mem_ok && !strstr(err, "took more than") && !strstr(ferr, "took more than"))
        abort();
    if (file_ok && mem_ok &&
        (file.width != mem.width || file.height != mem.height || file.has_audio != mem.has_audio ||
         strcmp(file.codec, mem.codec) != 0))
        abort();
    free(buf);
    return 0;
}
