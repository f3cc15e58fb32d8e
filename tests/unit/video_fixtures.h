/* video_fixtures.h: test clips made on the spot with the ffmpeg command
 * (make test installs it), and the damaged ones made from them here, so
 * that no video is committed. Shared by test_videoprobe.c and test_video.c. */
#ifndef BT_TEST_VIDEO_FIXTURES_H
#define BT_TEST_VIDEO_FIXTURES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char vf_dir[64];

/* A fresh private folder for this test binary's clips. */
static inline const char *vf_setup(void)
{
    snprintf(vf_dir, sizeof vf_dir, "/tmp/bangtin-video-XXXXXX");
    if (!mkdtemp(vf_dir))
        return NULL;
    return vf_dir;
}

static inline void vf_teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", vf_dir);
    if (vf_dir[0] && system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", vf_dir);
}

/* The path of name in the folder (a static buffer per call slot). */
static inline const char *vf_path(const char *name)
{
    static char bufs[8][300];
    static int slot;
    char *b = bufs[slot++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", vf_dir, name);
    return b;
}

/* Runs `ffmpeg -y -v error ARGS... OUT` with OUT in the folder. */
static inline bool vf_ffmpeg(const char *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline bool vf_ffmpeg(const char *out, const char *fmt, ...)
{
    char args[2048], cmd[2600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "ffmpeg -nostdin -y -v error %s '%s'", args, vf_path(out));
    if (system(cmd) != 0) {
        fprintf(stderr, "failed: %s\n", cmd);
        return false;
    }
    return true;
}

static inline unsigned char *vf_read(const char *name, size_t *len)
{
    FILE *f = fopen(vf_path(name), "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static inline bool vf_write(const char *name, const unsigned char *buf, size_t len)
{
    FILE *f = fopen(vf_path(name), "wb");
    if (!f)
        return false;
    bool ok = fwrite(buf, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

/* A copy of src holding only its first `keep` parts in a thousand. */
static inline bool vf_truncate(const char *src, const char *dst, int keep)
{
    size_t len;
    unsigned char *buf = vf_read(src, &len);
    if (!buf)
        return false;
    bool ok = vf_write(dst, buf, len * (size_t)keep / 1000);
    free(buf);
    return ok;
}

/* A copy of src with the span [from, to) parts in a thousand overwritten
 * with noise (a fixed seed: the same noise every run). */
static inline bool vf_corrupt(const char *src, const char *dst, int from, int to)
{
    size_t len;
    unsigned char *buf = vf_read(src, &len);
    if (!buf)
        return false;
    unsigned x = 12345;
    for (size_t i = len * (size_t)from / 1000; i < len * (size_t)to / 1000; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (unsigned char)(x >> 16);
    }
    bool ok = vf_write(dst, buf, len);
    free(buf);
    return ok;
}

/* Where the 4-byte box type `type` first occurs in buf, or -1. */
static inline long vf_find(const unsigned char *buf, size_t len, const char *type)
{
    for (size_t i = 4; i + 4 <= len; i++)
        if (memcmp(buf + i, type, 4) == 0)
            return (long)i;
    return -1;
}

#endif
