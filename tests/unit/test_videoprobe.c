/* test_videoprobe.c: clips an office receives, good, hostile and damaged,
 * made here with ffmpeg, and what the probe says of each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/bounds.h"
#include "model/videoprobe.h"
#include "video_fixtures.h"

#include <fcntl.h>
#include <time.h>

/* ---- The fixtures ----------------------------------------------------------- */

/* The good ones come from ffmpeg; the bad ones are made from them. */
static int make_fixtures(void **state)
{
    (void)state;
    if (!vf_setup())
        return -1;
    const char *x264 = "-c:v libx264 -preset ultrafast -pix_fmt yuv420p";
    bool ok =
        vf_ffmpeg("ok.mp4",
                  "-f lavfi -i testsrc2=s=320x240:d=2:r=25 -f lavfi -i sine=d=2 %s -c:a aac "
                  "-movflags +faststart",
                  x264) &&
        vf_ffmpeg("silent.mp4", "-f lavfi -i testsrc2=s=320x240:d=2:r=25 %s", x264) &&
        vf_ffmpeg("clip.webm", "-f lavfi -i testsrc2=s=160x120:d=1:r=30 -c:v libvpx-vp9 -deadline realtime") &&
        vf_ffmpeg("clip.mkv", "-f lavfi -i testsrc2=s=176x144:d=1:r=30 -f lavfi -i sine=d=1 %s -c:a libopus", x264) &&
        /* 320x240 shown at 16:9: each pixel 4:3 wide */
        vf_ffmpeg("wide.mp4", "-f lavfi -i testsrc2=s=320x240:d=1:r=25 %s -aspect 16:9", x264) &&
        /* a phone clip held upright: stored sideways, turned on display */
        vf_ffmpeg("phone.mp4", "-i '%s' -c copy -metadata:s:v:0 rotate=90", vf_path("silent.mp4")) &&
        vf_ffmpeg("hevc.mp4", "-f lavfi -i testsrc2=s=160x120:d=1:r=25 -c:v libx265 -preset ultrafast "
                              "-x265-params log-level=error") &&
        vf_ffmpeg("sound.m4a", "-f lavfi -i sine=d=1 -c:a aac") &&
        vf_ffmpeg("cover.m4a", "-f lavfi -i sine=d=1 -f lavfi -i color=red:s=64x64:d=1 -map 0 -map 1 "
                               "-frames:v 1 -c:a aac -c:v png -disposition:v attached_pic") &&
        vf_ffmpeg("picture.mp4", "-f lavfi -i color=red:s=64x64 -frames:v 1 -c:v png -f image2") &&
        vf_ffmpeg("clip.avi", "-f lavfi -i testsrc2=s=160x120:d=1:r=25 -c:v mpeg4") &&
        /* one frame a minute, an hour and two minutes long */
        vf_ffmpeg("long.mp4", "-f lavfi -i color=s=16x16:r=1/60:d=3720 %s", x264) &&
        /* the moov at the end (ffmpeg's default), so a cut loses it */
        vf_ffmpeg("tail.mp4", "-f lavfi -i testsrc2=s=320x240:d=2:r=25 %s", x264);
    if (!ok)
        return -1;
    ok = vf_truncate("tail.mp4", "cut_header.mp4", 500) && /* moov lost */
         vf_truncate("ok.mp4", "cut_data.mp4", 600) &&     /* moov first, half the frames lost */
         vf_write("empty.mp4", (const unsigned char *)"", 0);
    /* Noise that no demuxer can claim for its own. */
    unsigned char noise[65536];
    unsigned x = 99;
    for (size_t i = 0; i < sizeof noise; i++) {
        x = x * 1103515245u + 12345u;
        noise[i] = (unsigned char)(x >> 16);
    }
    ok = ok && vf_write("noise.mp4", noise, sizeof noise);
    /* 60000x60000 claimed by the sample description (its avc1 entry's
     * width and height, 24 bytes after its type), the bitstream unchanged. */
    size_t len;
    unsigned char *buf = vf_read("silent.mp4", &len);
    long stsd = buf ? vf_find(buf, len, "stsd") : -1;
    long at = stsd < 0 ? -1 : stsd + vf_find(buf + stsd, len - (size_t)stsd, "avc1");
    if (stsd < 0 || at <= stsd) {
        free(buf);
        return -1;
    }
    buf[at + 28] = 60000 >> 8;
    buf[at + 29] = 60000 & 255;
    buf[at + 30] = 60000 >> 8;
    buf[at + 31] = 60000 & 255;
    ok = ok && vf_write("huge.mp4", buf, len);
    free(buf);
    /* Over 2 GB, but sparse: the size is refused before a byte is read. */
    int fd = open(vf_path("big.mp4"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ok = ok && fd >= 0 && ftruncate(fd, 2500LL * 1024 * 1024) == 0;
    if (fd >= 0)
        close(fd);
    ok = ok && mkdir(vf_path("folder.mp4"), 0755) == 0;
    return ok ? 0 : -1;
}

static int remove_fixtures(void **state)
{
    (void)state;
    vf_teardown();
    return 0;
}

/* ---- The table ---------------------------------------------------------------- */

typedef struct {
    const char *title, *file;
    const char *err; /* NULL: accepted; else a part of the reason */
    int w, h, rotation;
    bool audio;
    const char *codec;
    double duration;
} probe_case;

#define REFUSED(t, f, e) {t, f, e, 0, 0, 0, false, NULL, 0}

static const probe_case cases[] = {
    {"an H.264 MP4 with sound", "ok.mp4", NULL, 320, 240, 0, true, "h264", 2.0},
    {"without sound", "silent.mp4", NULL, 320, 240, 0, false, "h264", 2.0},
    {"VP9 WebM", "clip.webm", NULL, 160, 120, 0, false, "vp9", 1.0},
    {"H.264 MKV with Opus", "clip.mkv", NULL, 176, 144, 0, true, "h264", 1.0},
    {"pixels 4:3 wide", "wide.mp4", NULL, 427, 240, 0, false, "h264", 1.0},
    {"a phone clip held upright", "phone.mp4", NULL, 240, 320, 270, false, "h264", 2.0},
    REFUSED("HEVC", "hevc.mp4", "H.265 (HEVC): this board cannot decode it smoothly; export as H.264 MP4"),
    REFUSED("sound only", "sound.m4a", "this file has sound only, no picture"),
    REFUSED("sound with a cover picture", "cover.m4a", "this file has sound only, no picture"),
    REFUSED("a PNG named .mp4", "picture.mp4", "this is not a video (a PNG picture named .mp4?)"),
    REFUSED("an AVI", "clip.avi", "this kind of video (AVI (Audio Video Interleaved)) cannot be played here; "
                           "export as H.264 MP4"),
    REFUSED("longer than an hour", "long.mp4", "longer than one hour"),
    REFUSED("moov lost", "cut_header.mp4", "the file is cut short"),
    REFUSED("frames lost", "cut_data.mp4", "the file is cut short"),
    REFUSED("empty", "empty.mp4", "the file is empty"),
    REFUSED("random bytes", "noise.mp4", "this is not a video (MP4, MKV or WebM)"),
    REFUSED("60000x60000 claimed", "huge.mp4", "too large: 60000x60000, at most 3840x2160"),
    REFUSED("over 2 GB", "big.mp4", "too big: 2.4 GB, at most 2 GB"),
    REFUSED("missing", "none.mp4", "cannot be read (No such file or directory)"),
    REFUSED("a folder", "folder.mp4", "cannot be read"),
};

static void check_case(const probe_case *c, bool ok, const bt_video_info *info, const char *err)
{
    if (c->err) {
        if (ok)
            fail_msg("%s: accepted, expected \"%s\"", c->title, c->err);
        if (!strstr(err, c->err))
            fail_msg("%s: \"%s\", expected \"%s\"", c->title, err, c->err);
        return;
    }
    if (!ok)
        fail_msg("%s: refused: %s", c->title, err);
    if (info->width != c->w || info->height != c->h || info->rotation != c->rotation)
        fail_msg("%s: %dx%d turned %d, expected %dx%d turned %d", c->title, info->width,
                 info->height, info->rotation, c->w, c->h, c->rotation);
    if (info->has_audio != c->audio)
        fail_msg("%s: has_audio %d", c->title, info->has_audio);
    assert_string_equal(info->codec, c->codec);
    if (info->duration < c->duration - 0.1 || info->duration > c->duration + 0.1)
        fail_msg("%s: %.3f s, expected %.1f", c->title, info->duration, c->duration);
    assert_true(info->fps > 0);
    assert_true(info->video_stream >= 0);
    assert_true(!c->audio || info->audio_stream >= 0);
}

static void test_files(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bt_video_info info;
        char err[300] = "";
        bool ok = bt_videoprobe_file(vf_path(cases[i].file), &info, err, sizeof err);
        check_case(&cases[i], ok, &info, err);
    }
}

/* The same bytes through the memory path agree with the file path (apart
 * from the checks on the file itself, and the name in the PNG message). */
static void test_memory(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const probe_case *c = &cases[i];
        if (strstr(c->file, "big") || strstr(c->file, "none") || strstr(c->file, "folder"))
            continue;
        size_t len = 0;
        unsigned char *buf = vf_read(c->file, &len);
        assert_non_null(buf);
        bt_video_info info;
        char err[300] = "";
        bool ok = bt_videoprobe_mem(buf, len, &info, err, sizeof err);
        check_case(c, ok, &info, err);
        free(buf);
    }
}

/* The player accepts a clip cut short (it plays what is there), and gets
 * the streams ready to read. */
static void test_open_for_play(void **state)
{
    (void)state;
    bt_video_info info;
    char err[300] = "";
    atomic_int quit = 0;
    bt_video_input *in = bt_videoprobe_open(vf_path("cut_data.mp4"), &quit, &info, err, sizeof err);
    if (!in)
        fail_msg("refused: %s", err);
    AVFormatContext *fmt = bt_video_input_format(in);
    AVPacket *pkt = av_packet_alloc();
    int video_packets = 0;
    while (av_read_frame(fmt, pkt) >= 0) {
        video_packets += pkt->stream_index == info.video_stream;
        av_packet_unref(pkt);
    }
    /* 50 frames in the whole clip; about 60% of the bytes are left */
    assert_in_range(video_packets, 10, 45);
    av_packet_free(&pkt);
    bt_video_input_free(in);

    /* Stopped by the flag, reads end at once. */
    in = bt_videoprobe_open(vf_path("ok.mp4"), &quit, &info, err, sizeof err);
    assert_non_null(in);
    atomic_store(&quit, 1);
    pkt = av_packet_alloc();
    int r = 0, n = 0;
    while ((r = av_read_frame(bt_video_input_format(in), pkt)) >= 0) {
        av_packet_unref(pkt);
        n++;
    }
    /* what find_stream_info buffered may still come out; then it stops */
    assert_true(n < 60);
    assert_int_not_equal(r, AVERROR_EOF);
    av_packet_free(&pkt);
    bt_video_input_free(in);
}

/* A refusal is quick: the 2.5 GB file and the noise take no time. */
static void test_bounded_time(void **state)
{
    (void)state;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 20; i++) {
        bt_video_info info;
        char err[300];
        assert_false(bt_videoprobe_file(vf_path("big.mp4"), &info, err, sizeof err));
        assert_false(bt_videoprobe_file(vf_path("noise.mp4"), &info, err, sizeof err));
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
    assert_true(ms < 2000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_open_for_play),
        cmocka_unit_test(test_bounded_time),
    };
    return cmocka_run_group_tests(tests, make_fixtures, remove_fixtures);
}
