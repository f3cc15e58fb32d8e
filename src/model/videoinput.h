/* videoinput.h: the bytes of a video clip handed to FFmpeg's demuxers
 * through our own I/O (a file read with pread, or a buffer in memory), so
 * that FFmpeg never opens anything by name: no protocols, no playlists that
 * name other files, no nested opens. Every read can be stopped, by a flag
 * another thread sets or by a deadline on the wall clock. Plain C. */
#ifndef BT_VIDEOINPUT_H
#define BT_VIDEOINPUT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libavformat/avformat.h>

typedef struct bt_video_input bt_video_input;

/* Opens path for reading (a regular file of at most BT_MAX_VIDEO_BYTES; an
 * empty file is accepted here and refused by the probe). quit, when not
 * NULL, stops every later read as soon as it reads non-zero; it must
 * outlive the input. NULL with a plain-words reason in err. */
bt_video_input *bt_video_input_file(const char *path, const atomic_int *quit, char *err,
                                    size_t errsize);

/* The same over len bytes at buf, which must outlive the input (no copy). */
bt_video_input *bt_video_input_mem(const unsigned char *buf, size_t len);

/* From now on reads fail after ms milliseconds of wall time (0: never). */
void bt_video_input_budget(bt_video_input *in, int ms);

/* True once a read was refused because the budget ran out. */
bool bt_video_input_timed_out(const bt_video_input *in);

int64_t bt_video_input_size(const bt_video_input *in);

/* Up to n bytes from offset 0, for signatures; returns how many were read. */
size_t bt_video_input_head(bt_video_input *in, unsigned char *buf, size_t n);

/* The extension of the file's name without the dot ("mp4"), or "" (memory,
 * or no extension). Owned by the input. */
const char *bt_video_input_ext(const bt_video_input *in);

/* Finds the container (MP4/MOV, Matroska or WebM only) and reads its
 * header: the demuxer is then bt_video_input_format(). Returns 0, or an
 * AVERROR: AVERROR_DEMUXER_NOT_FOUND for bytes no demuxer recognises,
 * AVERROR_PATCHWELCOME for a container outside the list (its long name in
 * *other, static), AVERROR_EXIT when stopped or out of time. */
int bt_video_input_demux(bt_video_input *in, const char **other);

/* The demuxer, or NULL before bt_video_input_demux succeeded. Owned by the
 * input. */
AVFormatContext *bt_video_input_format(bt_video_input *in);

/* Closes the demuxer and the file. NULL is fine. */
void bt_video_input_free(bt_video_input *in);

/* FFmpeg's own messages go to bt_log at debug level (BANGTIN_DEBUG=1)
 * instead of stderr; called by the functions above, once per process. */
void bt_video_quiet_ffmpeg(void);

#endif
