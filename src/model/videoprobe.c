/* videoprobe.c: a clip's size, length, codec and sound, and the refusals.
 *
 * Order matters: what is cheap and certain is checked first (file size,
 * a picture's signature, the container), then the container's own claims
 * (codec, picture size) before any frame is decoded, and only then does
 * FFmpeg decode a little to find the streams, within the limits of
 * videoinput (bytes, wall time) and with a cap on the picture size the
 * decoders may allocate. */
#include "base/i18n.h"
#include "videoprobe.h"

#include "base/bounds.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>

#define MSG_TIMEOUT "took more than %d s to read: the file or the stick may be damaged; copy it again"
#define MSG_DAMAGED "the picture cannot be decoded: the file is damaged; copy or export it again"
#define MSG_CUT "the file is cut short: copy it again from the original"
#define MSG_NOT_VIDEO "this is not a video (MP4, MKV or WebM): export it as H.264 MP4"

/* ---- Codecs ----------------------------------------------------------------- */

static const int video_codecs[] = {
    AV_CODEC_ID_H264,  AV_CODEC_ID_VP8,        AV_CODEC_ID_VP9,        AV_CODEC_ID_AV1,
    AV_CODEC_ID_MPEG4, AV_CODEC_ID_MPEG2VIDEO, AV_CODEC_ID_MPEG1VIDEO,
};
static const int audio_codecs[] = {
    AV_CODEC_ID_AAC,       AV_CODEC_ID_MP3,       AV_CODEC_ID_MP2,       AV_CODEC_ID_OPUS,
    AV_CODEC_ID_VORBIS,    AV_CODEC_ID_AC3,       AV_CODEC_ID_EAC3,      AV_CODEC_ID_FLAC,
    AV_CODEC_ID_ALAC,      AV_CODEC_ID_PCM_S16LE, AV_CODEC_ID_PCM_S16BE, AV_CODEC_ID_PCM_S24LE,
    AV_CODEC_ID_PCM_F32LE, AV_CODEC_ID_PCM_U8,
};

static bool listed(const int *ids, size_t n, int id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

bool bt_videoprobe_video_codec_ok(int id)
{
    return listed(video_codecs, sizeof video_codecs / sizeof *video_codecs, id) &&
           avcodec_find_decoder((enum AVCodecID)id);
}

bool bt_videoprobe_audio_codec_ok(int id)
{
    return listed(audio_codecs, sizeof audio_codecs / sizeof *audio_codecs, id) &&
           avcodec_find_decoder((enum AVCodecID)id);
}

/* The decoders FFmpeg may open while it looks for the streams' parameters,
 * by name: those of the codecs above. Built once. */
static char decoder_list[4096];

static void build_decoder_list(void)
{
    void *it = NULL;
    const AVCodec *c;
    size_t len = 0;
    while ((c = av_codec_iterate(&it))) {
        if (!av_codec_is_decoder(c) ||
            !(listed(video_codecs, sizeof video_codecs / sizeof *video_codecs, c->id) ||
              listed(audio_codecs, sizeof audio_codecs / sizeof *audio_codecs, c->id)))
            continue;
        int n = snprintf(decoder_list + len, sizeof decoder_list - len, "%s%s", len ? "," : "",
                         c->name);
        if (n < 0 || (size_t)n >= sizeof decoder_list - len) {
            decoder_list[len] = '\0';
            break;
        }
        len += (size_t)n;
    }
}

static const char *decoders(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, build_decoder_list);
    return decoder_list;
}

/* ---- Helpers -------------------------------------------------------------- */

static bool fail(char *err, size_t errsize, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    return false;
}

/* The kind of picture the first bytes belong to, or NULL. */
static const char *picture_kind(const unsigned char *p, size_t n)
{
    if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "PNG";
    if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
        return "JPEG";
    if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
        return "GIF";
    if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
        return "WebP";
    if (n >= 14 && p[0] == 'B' && p[1] == 'M')
        return "BMP";
    return NULL;
}

/* The bytes start like an MP4/MOV (a box named ftyp, moov, mdat...) or a
 * Matroska/WebM file: a failure to read it then means it was cut short. */
static bool container_signature(const unsigned char *p, size_t n)
{
    static const char *const boxes[] = {"ftyp", "moov", "mdat", "free", "wide", "skip"};
    if (n >= 8)
        for (size_t i = 0; i < sizeof boxes / sizeof *boxes; i++)
            if (memcmp(p + 4, boxes[i], 4) == 0)
                return true;
    return n >= 4 && memcmp(p, "\x1a\x45\xdf\xa3", 4) == 0;
}

static bool size_ok(int w, int h)
{
    int lo = w < h ? w : h, hi = w < h ? h : w;
    return hi <= BT_MAX_VIDEO_LONG_SIDE && lo <= BT_MAX_VIDEO_SHORT_SIDE;
}

/* Clockwise degrees (0, 90, 180, 270) that turn the decoded picture
 * upright, from the stream's display matrix (phones write one). */
static int rotation_of(const AVStream *st)
{
    const int32_t *m = NULL;
#if LIBAVFORMAT_VERSION_MAJOR >= 61
    const AVPacketSideData *sd = av_packet_side_data_get(
        st->codecpar->coded_side_data, st->codecpar->nb_coded_side_data, AV_PKT_DATA_DISPLAYMATRIX);
    if (sd && sd->size >= 9 * sizeof(int32_t))
        m = (const int32_t *)sd->data;
#else
    size_t size = 0;
    const uint8_t *sd = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (sd && size >= 9 * sizeof(int32_t))
        m = (const int32_t *)sd;
#endif
    if (!m)
        return 0;
    double deg = -av_display_rotation_get(m); /* FFmpeg's is counter-clockwise */
    if (isnan(deg))
        return 0;
    long quarter = lround(deg / 90.0);
    return (int)(((quarter % 4) + 4) % 4) * 90;
}

/* The last byte any packet of st claims to occupy, from the container's
 * index (MP4's sample tables are read whole with the header). */
static int64_t index_end(AVStream *st)
{
    int64_t end = 0;
    int n = avformat_index_get_entries_count(st);
    for (int i = 0; i < n; i++) {
        const AVIndexEntry *e = avformat_index_get_entry(st, i);
        if (e && e->pos >= 0 && e->pos + e->size > end)
            end = e->pos + e->size;
    }
    return end;
}

/* ---- The probe ---------------------------------------------------------------- */

/* Opens the container over in and checks it; on success out is filled. */
static bool probe(bt_video_input *in, bool strict, bt_video_info *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    out->video_stream = out->audio_stream = -1;
    if (bt_video_input_size(in) == 0)
        return fail(err, errsize, "the file is empty: copy it again");

    unsigned char head[64];
    size_t headlen = bt_video_input_head(in, head, sizeof head);
    const char *pic = picture_kind(head, headlen);
    if (pic) {
        const char *ext = bt_video_input_ext(in);
        return fail(err, errsize, "this is not a video (a %s picture named .%s?): use image: for it",
                    pic, *ext ? ext : "mp4");
    }

    bt_video_input_budget(in, BT_VIDEO_PROBE_MS);
    const char *other = NULL;
    int r = bt_video_input_demux(in, &other);
    if (r == AVERROR_EXIT)
        return bt_video_input_timed_out(in)
                   ? fail(err, errsize, MSG_TIMEOUT, BT_VIDEO_PROBE_MS / 1000)
                   : fail(err, errsize, "stopped while it was being read");
    if (r == AVERROR_PATCHWELCOME)
        return fail(err, errsize, "this kind of video (%s) cannot be played here; export as H.264 MP4",
                    other);
    if (r < 0)
        return container_signature(head, headlen) ? fail(err, errsize, MSG_CUT)
               : r == AVERROR_DEMUXER_NOT_FOUND  ? fail(err, errsize, MSG_NOT_VIDEO)
                                                 : fail(err, errsize, "cannot be read: copy it again");
    AVFormatContext *fmt = bt_video_input_format(in);

    /* The streams: the first moving picture (not a cover image), and the
     * first sound track the player can decode. */
    int video = -1, audio = -1, any_audio = -1;
    for (unsigned i = 0; i < fmt->nb_streams; i++) {
        const AVCodecParameters *par = fmt->streams[i]->codecpar;
        if (par->codec_type == AVMEDIA_TYPE_VIDEO && video < 0 &&
            !(fmt->streams[i]->disposition & AV_DISPOSITION_ATTACHED_PIC))
            video = (int)i;
        if (par->codec_type == AVMEDIA_TYPE_AUDIO) {
            if (any_audio < 0)
                any_audio = (int)i;
            if (audio < 0 && bt_videoprobe_audio_codec_ok(par->codec_id))
                audio = (int)i;
        }
    }
    if (video < 0)
        return any_audio >= 0 ? fail(err, errsize, "this file has sound only, no picture: "
                                                   "export the video with its picture, as H.264 MP4")
                              : fail(err, errsize, "this file has no picture: export it as H.264 MP4");
    for (unsigned i = 0; i < fmt->nb_streams; i++)
        if ((int)i != video && (int)i != audio)
            fmt->streams[i]->discard = AVDISCARD_ALL;
    AVStream *st = fmt->streams[video];
    AVCodecParameters *par = st->codecpar;
    if (par->codec_id == AV_CODEC_ID_HEVC)
        return fail(err, errsize, "H.265 (HEVC): this board cannot decode it smoothly; export as H.264 MP4");
    if (!bt_videoprobe_video_codec_ok(par->codec_id))
        return fail(err, errsize, "this video's codec (%s) cannot be played here; export as H.264 MP4",
                    avcodec_get_name(par->codec_id));
    /* What the container claims, before a decoder allocates for it. */
    if (par->width > 0 && par->height > 0 && !size_ok(par->width, par->height))
        return fail(err, errsize, "too large: %dx%d, at most %dx%d; export it at 1920x1080",
                    par->width, par->height, BT_MAX_VIDEO_LONG_SIDE, BT_MAX_VIDEO_SHORT_SIDE);

    /* Decode a little to learn the rest, with a cap on the picture size
     * the decoders may allocate whatever the bitstream says. */
    fmt->codec_whitelist = av_strdup(decoders());
    /* one dictionary of options per stream: an array of pointers */
    AVDictionary **opts =
        av_calloc(fmt->nb_streams ? fmt->nb_streams : 1, sizeof *opts); // NOLINT(bugprone-sizeof-expression)
    if (!fmt->codec_whitelist || !opts) {
        av_free(opts);
        return fail(err, errsize, "out of memory");
    }
    char max_pixels[32];
    snprintf(max_pixels, sizeof max_pixels, "%d", BT_MAX_VIDEO_LONG_SIDE * BT_MAX_VIDEO_SHORT_SIDE);
    for (unsigned i = 0; i < fmt->nb_streams; i++) {
        av_dict_set(&opts[i], "max_pixels", max_pixels, 0);
        av_dict_set(&opts[i], "threads", "1", 0);
    }
    r = avformat_find_stream_info(fmt, opts);
    for (unsigned i = 0; i < fmt->nb_streams; i++)
        av_dict_free(&opts[i]);
    av_free(opts);
    if (bt_video_input_timed_out(in))
        return fail(err, errsize, MSG_TIMEOUT, BT_VIDEO_PROBE_MS / 1000);
    if (r < 0)
        return fail(err, errsize, "cannot be read: the file is damaged; copy it again");
    if (par->width <= 0 || par->height <= 0 || par->format == AV_PIX_FMT_NONE)
        return strict && index_end(st) > bt_video_input_size(in) ? fail(err, errsize, MSG_CUT)
                                                                  : fail(err, errsize, MSG_DAMAGED);
    if (!size_ok(par->width, par->height))
        return fail(err, errsize, "too large: %dx%d, at most %dx%d; export it at 1920x1080",
                    par->width, par->height, BT_MAX_VIDEO_LONG_SIDE, BT_MAX_VIDEO_SHORT_SIDE);

    double duration = 0;
    if (fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0)
        duration = (double)fmt->duration / AV_TIME_BASE;
    else if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
        duration = (double)st->duration * av_q2d(st->time_base);
    if (duration * 1000 > (double)BT_MAX_VIDEO_MS)
        return fail(err, errsize, "longer than one hour (%.0f minutes): cut it into shorter clips",
                    duration / 60);
    if (strict && (index_end(st) > bt_video_input_size(in) ||
                   (audio >= 0 && index_end(fmt->streams[audio]) > bt_video_input_size(in))))
        return fail(err, errsize, MSG_CUT);

    /* As shown: the pixel aspect ratio widens (or narrows) the picture,
     * then a quarter turn swaps its sides. */
    int w = par->width, h = par->height;
    AVRational sar = av_guess_sample_aspect_ratio(fmt, st, NULL);
    if (sar.num > 0 && sar.den > 0 && av_cmp_q(sar, (AVRational){1, 1}) != 0) {
        int64_t dw = av_rescale(w, sar.num, sar.den);
        if (dw >= 1 && dw <= 4 * BT_MAX_VIDEO_LONG_SIDE)
            w = (int)dw;
    }
    out->rotation = rotation_of(st);
    out->width = out->rotation % 180 ? h : w;
    out->height = out->rotation % 180 ? w : h;
    out->coded_width = par->width;
    out->coded_height = par->height;
    out->duration = duration;
    AVRational fr = st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0 ? st->avg_frame_rate
                                                                              : st->r_frame_rate;
    out->fps = fr.num > 0 && fr.den > 0 ? av_q2d(fr) : 0;
    snprintf(out->codec, sizeof out->codec, "%s", avcodec_get_name(par->codec_id));
    out->has_audio = audio >= 0;
    out->video_stream = video;
    out->audio_stream = audio;
    bt_video_input_budget(in, 0);
    return true;
}

bool bt_videoprobe_file(const char *path, bt_video_info *out, char *err, size_t errsize)
{
    bt_video_input *in = bt_video_input_file(path, NULL, err, errsize);
    if (!in)
        return false;
    bool ok = probe(in, true, out, err, errsize);
    bt_video_input_free(in);
    return ok;
}

bool bt_videoprobe_sniff(const char *path, char *err, size_t errsize)
{
    bt_video_input *in = bt_video_input_file(path, NULL, err, errsize);
    if (!in)
        return false;
    unsigned char head[64];
    size_t headlen = bt_video_input_size(in) > 0 ? bt_video_input_head(in, head, sizeof head) : 0;
    const char *pic = picture_kind(head, headlen);
    const char *ext = bt_video_input_ext(in);
    bool ok = false;
    if (bt_video_input_size(in) == 0)
        fail(err, errsize, "the file is empty: copy it again");
    else if (pic)
        fail(err, errsize, "this is not a video (a %s picture named .%s?): use image: for it", pic,
             *ext ? ext : "mp4");
    else if (!container_signature(head, headlen))
        fail(err, errsize, MSG_NOT_VIDEO);
    else
        ok = true;
    bt_video_input_free(in);
    return ok;
}

bool bt_videoprobe_mem(const unsigned char *buf, size_t len, bt_video_info *out, char *err,
                       size_t errsize)
{
    bt_video_input *in = bt_video_input_mem(buf, len);
    if (!in)
        return fail(err, errsize, "out of memory");
    bool ok = probe(in, true, out, err, errsize);
    bt_video_input_free(in);
    return ok;
}

bt_video_input *bt_videoprobe_open(const char *path, const atomic_int *quit, bt_video_info *out,
                                   char *err, size_t errsize)
{
    bt_video_input *in = bt_video_input_file(path, quit, err, errsize);
    if (in && !probe(in, false, out, err, errsize)) {
        bt_video_input_free(in);
        return NULL;
    }
    return in;
}
