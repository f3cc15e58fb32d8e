/* videoprobe.h: what a video clip is (size, length, codec, sound), read
 * with bounded time and bytes before anything is played, and a refusal in
 * plain words, saying what to do, for what the kiosk cannot play. Used by
 * the loader for `video:` entries (--check, USB imports) and by the player
 * when a clip opens. Plain C over FFmpeg's libavformat/libavcodec. */
#ifndef BT_VIDEOPROBE_H
#define BT_VIDEOPROBE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "videoinput.h"

typedef struct {
    int width, height;             /* as shown: pixel aspect and rotation applied */
    int coded_width, coded_height; /* as decoded */
    int rotation;                  /* 0, 90, 180, 270: clockwise turn that shows it upright */
    double duration;               /* seconds; 0 when the container does not say */
    double fps;                    /* frames a second; 0 when unknown */
    char codec[32];                /* FFmpeg's short name: "h264", "vp9" */
    bool has_audio;                /* a sound track the player can decode */
    int video_stream, audio_stream; /* stream indexes in the container; audio -1 */
} bt_video_info;

/* Probes the clip at path: a regular file of at most BT_MAX_VIDEO_BYTES,
 * MP4/MOV, MKV or WebM, a picture within BT_MAX_VIDEO_LONG_SIDE x
 * BT_MAX_VIDEO_SHORT_SIDE (either way up), at most BT_MAX_VIDEO_MS long, a
 * video stream whose decoder exists and is not H.265, and not cut short.
 * Reads at most about BT_VIDEO_PROBE_BYTES and BT_VIDEO_PROBE_MS. Returns
 * false with the reason in err ("H.265 (HEVC): this board cannot decode it
 * smoothly; export as H.264 MP4"). */
bool bt_videoprobe_file(const char *path, bt_video_info *out, char *err, size_t errsize);

/* The cheap look a playlist gets when the player starts (no decoder, no
 * demuxer: one open and the first 64 bytes): a regular file of at most
 * BT_MAX_VIDEO_BYTES that is not empty, not a picture and starts like an
 * MP4/MOV, MKV or WebM. What it lets through may still fail to play: the
 * player then skips the clip (bt_videoprobe_file is --check's). false with
 * the reason in err, in the words bt_videoprobe_file uses. */
bool bt_videoprobe_sniff(const char *path, char *err, size_t errsize);

/* The same on len bytes in memory (the fuzz target's way in). */
bool bt_videoprobe_mem(const unsigned char *buf, size_t len, bt_video_info *out, char *err,
                       size_t errsize);

/* For the player: opens and probes path as bt_videoprobe_file does, except
 * that a clip cut short is accepted (it plays what it has), and returns the
 * input ready to be read from the start, with no time budget left on it.
 * quit (may be NULL) stops the opening and every later read; it must
 * outlive the input. The caller frees it with bt_video_input_free(). */
bt_video_input *bt_videoprobe_open(const char *path, const atomic_int *quit, bt_video_info *out,
                                   char *err, size_t errsize);

/* The decoders the player uses for a stream of this codec are known and
 * allowed (a short list of common ones, so that few parsers see a stick's
 * bytes). */
bool bt_videoprobe_video_codec_ok(int av_codec_id);
bool bt_videoprobe_audio_codec_ok(int av_codec_id);

#endif
