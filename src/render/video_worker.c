/* video_worker.c: the thread that reads a clip and decodes it, one per
 * playing (or prepared) clip: demuxing, the video decoder (hardware when
 * the machine has one, else software), the sound decoder, and the hand-over
 * of frames through the bounded queue. It never touches the renderer. */
#include "video_int.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>
#include <libavutil/hwcontext.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>

#include "base/log.h"
#include "model/videoprobe.h"

/* This many packets refused in a row, with no frame between, end a clip. */
#define MAX_BAD_PACKETS 100
/* A hardware decoder that refuses this many packets before its first
 * frame is given up for this clip, which starts again in software. */
#define MAX_BAD_HW_PACKETS 3

typedef struct {
    bt_video *v;
    bt_video_input *in;
    AVFormatContext *fmt;
    bt_video_info info;
    AVStream *vst, *ast;
    AVPacket *pkt;

    /* the picture */
    AVCodecContext *vdec;
    enum AVPixelFormat hw_fmt; /* AV_PIX_FMT_NONE: decoding in software */
    int hw_type;               /* AVHWDeviceType, or -1 (v4l2m2m, software) */
    const char *decoder;
    AVFrame *frame, *sw;
    bool have_first;
    int64_t last_pts, last_dur, frame_ms;
    int bad;
    /* damage: packets the decoder refused, a read that failed before the
     * end, and where the first of them came (ms of the clip) */
    int damaged;
    bool read_error;
    int64_t damage_ms;
    /* the software decoder's speed: its CPU time over its first frames */
    int threads;       /* the decoder's now */
    int want_threads;  /* more, from the next key frame on */
    int timed_frames;
    int64_t decode_ns;
    /* what the frames are handed over as */
    enum AVPixelFormat tfmt;
    int tw, th;
    struct SwsContext *sws;
    AVBufferPool *pool;
    int pool_size;

    /* the sound */
    AVCodecContext *adec;
    AVFrame *aframe;
    SwrContext *swr;
    AVChannelLayout swr_in;
    int swr_rate, swr_fmt;
    uint8_t *abuf;
    int abuf_samples;
} worker;

/* ---- Hardware decoders ------------------------------------------------------ */

/* Hardware that failed once is not tried again by later clips: bit
 * AVHWDeviceType for device decoders, bit 30 for V4L2 memory-to-memory. */
static atomic_int hw_broken;
#define V4L2_BIT 30

static bool hw_ok(int bit)
{
    return !(atomic_load(&hw_broken) & (1 << bit));
}

static void hw_give_up(int bit)
{
    atomic_fetch_or(&hw_broken, 1 << bit);
}

/* The decoder offers its formats: take the hardware one, else the first
 * the processor can read (the hardware cannot do this stream's profile). */
static enum AVPixelFormat pick_format(AVCodecContext *c, const enum AVPixelFormat *fmts)
{
    const worker *w = c->opaque;
    for (const enum AVPixelFormat *p = fmts; *p != AV_PIX_FMT_NONE; p++)
        if (*p == w->hw_fmt)
            return *p;
    for (const enum AVPixelFormat *p = fmts; *p != AV_PIX_FMT_NONE; p++) {
        const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(*p);
        if (d && !(d->flags & AV_PIX_FMT_FLAG_HWACCEL))
            return *p;
    }
    return AV_PIX_FMT_NONE;
}

/* The V4L2 memory-to-memory decoder of a codec (Raspberry Pi and other
 * boards' video blocks), by FFmpeg's name for it. */
static const char *m2m_name(enum AVCodecID id)
{
    switch (id) {
    case AV_CODEC_ID_H264: return "h264_v4l2m2m";
    case AV_CODEC_ID_VP8: return "vp8_v4l2m2m";
    case AV_CODEC_ID_VP9: return "vp9_v4l2m2m";
    case AV_CODEC_ID_MPEG4: return "mpeg4_v4l2m2m";
    case AV_CODEC_ID_MPEG2VIDEO: return "mpeg2_v4l2m2m";
    case AV_CODEC_ID_MPEG1VIDEO: return "mpeg1_v4l2m2m";
    default: return NULL;
    }
}

/* The most threads a software decoder gets, when one core is too slow. */
static int max_threads(void)
{
    int n = SDL_GetCPUCount();
    return n < 1 ? 1 : n > 4 ? 4 : n;
}

static int64_t thread_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static bool open_decoder(worker *w, const AVCodec *c, AVBufferRef *dev, enum AVPixelFormat hw_fmt)
{
    AVCodecContext *ctx = avcodec_alloc_context3(c);
    if (!ctx)
        return false;
    if (avcodec_parameters_to_context(ctx, w->vst->codecpar) < 0) {
        avcodec_free_context(&ctx);
        return false;
    }
    ctx->pkt_timebase = w->vst->time_base;
    ctx->opaque = w;
    ctx->max_pixels = (int64_t)BT_MAX_VIDEO_LONG_SIDE * BT_MAX_VIDEO_SHORT_SIDE;
    w->hw_fmt = AV_PIX_FMT_NONE;
    if (dev) {
        ctx->hw_device_ctx = av_buffer_ref(dev);
        ctx->get_format = pick_format;
        w->hw_fmt = hw_fmt;
    } else {
        /* One thread while one core keeps up (each frame thread holds
         * its own context and frames: megabytes at 1080p); frame threads
         * once it is found too slow (measure_speed). */
        ctx->thread_count = w->threads > 0 ? w->threads : 1;
        ctx->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    }
    if (avcodec_open2(ctx, c, NULL) < 0) {
        avcodec_free_context(&ctx);
        w->hw_fmt = AV_PIX_FMT_NONE;
        return false;
    }
    w->vdec = ctx;
    return true;
}

/* VA-API or DRM through a device, then V4L2 memory-to-memory. */
static bool open_hardware(worker *w, const AVCodec *sw)
{
    for (int i = 0; sw; i++) {
        const AVCodecHWConfig *cfg = avcodec_get_hw_config(sw, i);
        if (!cfg)
            break;
        int type = (int)cfg->device_type;
        if (!(cfg->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) ||
            (cfg->device_type != AV_HWDEVICE_TYPE_VAAPI && cfg->device_type != AV_HWDEVICE_TYPE_DRM) ||
            type >= V4L2_BIT || !hw_ok(type))
            continue;
        AVBufferRef *dev = NULL;
        bool ok = av_hwdevice_ctx_create(&dev, cfg->device_type, NULL, NULL, 0) >= 0 &&
                  open_decoder(w, sw, dev, cfg->pix_fmt);
        av_buffer_unref(&dev);
        if (ok) {
            w->hw_type = type;
            w->decoder = av_hwdevice_get_type_name(cfg->device_type);
            return true;
        }
        bt_log(BT_LOG_DEBUG, "video: no %s decoder here", av_hwdevice_get_type_name(cfg->device_type));
        hw_give_up(type);
    }
    const char *name = m2m_name(w->vst->codecpar->codec_id);
    const AVCodec *m2m = name ? avcodec_find_decoder_by_name(name) : NULL;
    if (m2m && hw_ok(V4L2_BIT)) {
        if (open_decoder(w, m2m, NULL, AV_PIX_FMT_NONE)) {
            w->decoder = "v4l2m2m";
            w->hw_type = V4L2_BIT;
            return true;
        }
        bt_log(BT_LOG_DEBUG, "video: no V4L2 memory-to-memory decoder here");
        hw_give_up(V4L2_BIT);
    }
    return false;
}

static bool open_software(worker *w)
{
    w->hw_type = -1;
    w->decoder = "software";
    const AVCodec *c = avcodec_find_decoder(w->vst->codecpar->codec_id);
    return c && open_decoder(w, c, NULL, AV_PIX_FMT_NONE);
}

static bool open_video(worker *w)
{
    const AVCodec *sw = avcodec_find_decoder(w->vst->codecpar->codec_id);
    if (!w->v->opt.software_only && !getenv("BANGTIN_SOFTWARE_VIDEO") && open_hardware(w, sw))
        return true;
    return open_software(w);
}

/* The hardware refused this clip before its first frame: start again from
 * the beginning in software (the sound too). */
static bool fall_back(worker *w)
{
    bt_log(BT_LOG_INFO, "video %s: the %s decoder refused it; decoding in software", w->v->path,
           w->decoder);
    if (w->hw_type >= 0)
        hw_give_up(w->hw_type);
    avcodec_free_context(&w->vdec);
    if (!open_software(w))
        return false;
    if (av_seek_frame(w->fmt, w->vst->index, w->vst->start_time == AV_NOPTS_VALUE ? 0 : w->vst->start_time,
                      AVSEEK_FLAG_BACKWARD) < 0)
        return false;
    if (w->adec)
        avcodec_flush_buffers(w->adec);
    SDL_LockMutex(w->v->lock);
    w->v->ring_len = 0;
    SDL_UnlockMutex(w->v->lock);
    w->bad = 0;
    return true;
}

/* ---- Frames to the queue ---------------------------------------------------- */

static SDL_YUV_CONVERSION_MODE yuv_mode(const AVFrame *f, bool full)
{
    /* SDL 2 has full range only with BT.601 coefficients (its JPEG mode). */
    if (full)
        return SDL_YUV_CONVERSION_JPEG;
    switch (f->colorspace) {
    case AVCOL_SPC_BT709: return SDL_YUV_CONVERSION_BT709;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M:
    case AVCOL_SPC_FCC:
    case AVCOL_SPC_SMPTE240M: return SDL_YUV_CONVERSION_BT601;
    default: return SDL_YUV_CONVERSION_AUTOMATIC; /* SDL: 601 for SD, 709 for HD */
    }
}

/* At the first frame: the layout every frame of the clip is handed over
 * in. 4:2:0 planar and NV12 go as they are; anything else is converted to
 * 4:2:0 planar here, on this thread; frames larger than the renderer's
 * textures are scaled down here too. */
static void choose_layout(worker *w, const AVFrame *f)
{
    enum AVPixelFormat fmt = f->format;
    w->tfmt = fmt == AV_PIX_FMT_YUV420P || fmt == AV_PIX_FMT_YUVJ420P || fmt == AV_PIX_FMT_NV12
                  ? fmt
                  : AV_PIX_FMT_YUV420P;
    w->tw = f->width;
    w->th = f->height;
    int mw = w->v->opt.max_w, mh = w->v->opt.max_h;
    if ((mw > 0 && w->tw > mw) || (mh > 0 && w->th > mh)) {
        double s = 1.0;
        if (mw > 0 && w->tw > mw)
            s = (double)mw / w->tw;
        if (mh > 0 && w->th * s > mh)
            s = (double)mh / w->th;
        w->tw = (int)(w->tw * s) & ~1;
        w->th = (int)(w->th * s) & ~1;
        if (w->tw < 2)
            w->tw = 2;
        if (w->th < 2)
            w->th = 2;
    }
    bool direct = w->tfmt == fmt && w->tw == f->width && w->th == f->height;
    /* Passed as they are, full-range samples stay full range; swscale
     * turns the JPEG (yuvj) formats into limited range, and leaves the
     * others' values as they were. */
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(fmt);
    bool yuvj = d && strncmp(d->name, "yuvj", 4) == 0;
    bool full = direct ? f->color_range == AVCOL_RANGE_JPEG || yuvj
                       : !yuvj && f->color_range == AVCOL_RANGE_JPEG;

    bt_video_layout *i = &w->v->info;
    i->format = w->tfmt == AV_PIX_FMT_NV12 ? SDL_PIXELFORMAT_NV12 : SDL_PIXELFORMAT_IYUV;
    i->w = w->tw;
    i->h = w->th;
    i->rotation = w->info.rotation;
    i->display_w = w->info.width;
    i->display_h = w->info.height;
    i->yuv = yuv_mode(f, full);
    snprintf(w->v->decoder, sizeof w->v->decoder, "%s",
             w->hw_fmt != AV_PIX_FMT_NONE && fmt != w->hw_fmt ? "software" : w->decoder);
    i->decoder = w->v->decoder;
    i->sound = w->adec != NULL;
    i->duration = w->info.duration;
}

/* f in the clip's layout, as a new frame: the decoder's own buffers when
 * they already are (no copy), else converted into a pooled buffer. */
static AVFrame *handover(worker *w, AVFrame *f)
{
    AVFrame *out = av_frame_alloc();
    if (!out)
        return NULL;
    if (f->format == w->tfmt && f->width == w->tw && f->height == w->th) {
        av_frame_move_ref(out, f);
        return out;
    }
    int size = av_image_get_buffer_size(w->tfmt, w->tw, w->th, 32);
    if (size <= 0)
        goto fail;
    if (!w->pool || w->pool_size != size) {
        av_buffer_pool_uninit(&w->pool);
        w->pool = av_buffer_pool_init((size_t)size, NULL);
        w->pool_size = size;
    }
    out->buf[0] = w->pool ? av_buffer_pool_get(w->pool) : NULL;
    if (!out->buf[0] || av_image_fill_arrays(out->data, out->linesize, out->buf[0]->data, w->tfmt,
                                             w->tw, w->th, 32) < 0)
        goto fail;
    out->format = w->tfmt;
    out->width = w->tw;
    out->height = w->th;
    w->sws = sws_getCachedContext(w->sws, f->width, f->height, f->format, w->tw, w->th, w->tfmt,
                                  SWS_BILINEAR, NULL, NULL, NULL);
    if (!w->sws)
        goto fail;
    sws_scale(w->sws, (const uint8_t *const *)f->data, f->linesize, 0, f->height, out->data,
              out->linesize);
    av_frame_copy_props(out, f);
    return out;
fail:
    av_frame_free(&out);
    return NULL;
}

static int64_t frame_duration_ms(const worker *w, const AVFrame *f)
{
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 2, 100)
    int64_t d = f->duration;
#else
    int64_t d = f->pkt_duration;
#endif
    if (d > 0)
        return av_rescale_q(d, w->vst->time_base, (AVRational){1, 1000});
    return w->frame_ms;
}

/* Hands a decoded frame to the queue, waiting for room. False: stop
 * decoding (closing, the cut reached, or the frame is unusable). */
static bool deliver(worker *w, AVFrame *f)
{
    bt_video *v = w->v;
    if (w->hw_fmt != AV_PIX_FMT_NONE && f->format == w->hw_fmt) {
        av_frame_unref(w->sw);
        if (av_hwframe_transfer_data(w->sw, f, 0) < 0 || av_frame_copy_props(w->sw, f) < 0)
            return false;
        av_frame_unref(f);
        f = w->sw;
    }
    int64_t ts = f->best_effort_timestamp, pts;
    if (ts == AV_NOPTS_VALUE) {
        pts = w->have_first ? w->last_pts + w->frame_ms : 0;
    } else {
        int64_t raw = av_rescale_q(ts, w->vst->time_base, (AVRational){1, 1000});
        if (!w->have_first) {
            SDL_LockMutex(v->lock);
            v->origin_ms = raw; /* the first frame is the clip's 0 */
            v->origin_known = true;
            SDL_UnlockMutex(v->lock);
        }
        pts = raw - v->origin_ms;
    }
    if (w->have_first && pts <= w->last_pts)
        pts = w->last_pts + 1; /* out of order: shown next, never before */
    if (pts >= v->cut_ms)
        return false;
    if (!w->have_first) {
        SDL_LockMutex(v->lock);
        choose_layout(w, f);
        SDL_UnlockMutex(v->lock);
    }
    int64_t dur = frame_duration_ms(w, f);
    AVFrame *out = handover(w, f);
    if (!out)
        return false;

    SDL_LockMutex(v->lock);
    while (v->qlen == BT_VIDEO_QUEUE_FRAMES && !atomic_load(&v->quit) && !v->stop_decoding)
        SDL_CondWait(v->cond, v->lock);
    if (atomic_load(&v->quit) || v->stop_decoding) {
        SDL_UnlockMutex(v->lock);
        av_frame_free(&out);
        return false;
    }
    bt_qframe *q = &v->q[(v->qhead + v->qlen) % BT_VIDEO_QUEUE_FRAMES];
    q->frame = out;
    q->pts = pts;
    q->dur = dur;
    v->qlen++;
    int ev = 0;
    if (v->state == BT_CLIP_OPENING) {
        v->state = BT_CLIP_READY;
        SDL_CondBroadcast(v->cond);
        ev = BT_VIDEO_EV_READY;
    } else if (v->starved) {
        v->starved = false;
        ev = BT_VIDEO_EV_FRAME;
    }
    SDL_UnlockMutex(v->lock);
    if (ev)
        bt_video_post(v, ev);
    if (!w->have_first) {
        static atomic_int told; /* once a process, and whenever it changes */
        int kind = v->info.decoder[0] == 's' ? 1 : 2;
        if (atomic_exchange(&told, kind) != kind)
            bt_log(BT_LOG_INFO, "video: %s decoding%s", v->info.decoder,
                   kind == 1 ? " (no hardware decoder found)" : "");
        bt_log(BT_LOG_DEBUG, "video %s: %s %dx%d, %.3g fps, %s decoding, %s", v->path,
               w->info.codec, f->width, f->height, w->info.fps, v->info.decoder,
               v->info.sound ? "with sound" : "silent");
    }
    w->have_first = true;
    w->last_pts = pts;
    w->last_dur = dur;
    return true;
}

/* Sends pkt (NULL: the end) to the video decoder and delivers what comes
 * out. False: stop reading. */
/* A part of the picture that cannot be decoded (counted, its place kept
 * for the log). */
static void note_damage(worker *w)
{
    if (w->damaged++ == 0 && !w->read_error)
        w->damage_ms = w->have_first ? w->last_pts + w->frame_ms : 0;
}

static bool decode_video(worker *w, const AVPacket *pkt)
{
    for (;;) {
        int r = avcodec_send_packet(w->vdec, pkt);
        bool again = r == AVERROR(EAGAIN);
        if (r < 0 && !again && r != AVERROR_EOF) {
            /* A damaged stretch: skip it, unless nothing else comes. */
            if (!w->have_first && w->hw_fmt != AV_PIX_FMT_NONE && ++w->bad >= MAX_BAD_HW_PACKETS)
                return fall_back(w);
            note_damage(w);
            return ++w->bad < MAX_BAD_PACKETS;
        }
        for (;;) {
            r = avcodec_receive_frame(w->vdec, w->frame);
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF)
                break;
            if (r < 0) {
                if (!w->have_first && w->hw_fmt != AV_PIX_FMT_NONE)
                    return fall_back(w);
                note_damage(w);
                if (++w->bad >= MAX_BAD_PACKETS)
                    return false;
                break;
            }
            w->bad = 0;
            bool go = deliver(w, w->frame);
            av_frame_unref(w->frame);
            if (!go) {
                /* a hardware frame that could not be read back */
                if (!w->have_first && w->hw_fmt != AV_PIX_FMT_NONE && !atomic_load(&w->v->quit))
                    return fall_back(w);
                return false;
            }
        }
        if (!again || !pkt)
            return true;
    }
}

/* ---- The sound -------------------------------------------------------------- */

static void open_sound(worker *w)
{
    bt_video *v = w->v;
    if (!v->opt.sound || w->info.audio_stream < 0)
        return;
    w->ast = w->fmt->streams[w->info.audio_stream];
    const AVCodec *c = avcodec_find_decoder(w->ast->codecpar->codec_id);
    AVCodecContext *ctx = c ? avcodec_alloc_context3(c) : NULL;
    uint8_t *ring = av_malloc((size_t)BT_SOUND_RING_MS * BT_SOUND_BYTES_PER_MS);
    w->aframe = av_frame_alloc();
    if (!ctx || !ring || !w->aframe || avcodec_parameters_to_context(ctx, w->ast->codecpar) < 0 ||
        (ctx->pkt_timebase = w->ast->time_base, avcodec_open2(ctx, c, NULL) < 0)) {
        bt_log(BT_LOG_DEBUG, "video %s: its sound cannot be decoded; playing silent", v->path);
        avcodec_free_context(&ctx);
        av_free(ring);
        w->ast = NULL;
        return;
    }
    w->adec = ctx;
    SDL_LockMutex(v->lock);
    v->ring = ring;
    v->ring_cap = (size_t)BT_SOUND_RING_MS * BT_SOUND_BYTES_PER_MS;
    SDL_UnlockMutex(v->lock);
}

/* f resampled to 16-bit stereo at 48 kHz, into the ring. False: closing. */
static bool put_sound(worker *w, const AVFrame *f)
{
    AVChannelLayout in = {0};
    if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || av_channel_layout_copy(&in, &f->ch_layout) < 0)
        av_channel_layout_default(&in, f->ch_layout.nb_channels > 0 ? f->ch_layout.nb_channels : 2);
    if (!w->swr || av_channel_layout_compare(&in, &w->swr_in) != 0 || f->sample_rate != w->swr_rate ||
        f->format != w->swr_fmt) {
        swr_free(&w->swr);
        AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
        if (swr_alloc_set_opts2(&w->swr, &stereo, AV_SAMPLE_FMT_S16, BT_SOUND_RATE, &in, f->format,
                                f->sample_rate, 0, NULL) < 0 ||
            swr_init(w->swr) < 0) {
            swr_free(&w->swr);
            av_channel_layout_uninit(&in);
            return true; /* this frame stays silent */
        }
        av_channel_layout_uninit(&w->swr_in);
        w->swr_in = in;
        w->swr_rate = f->sample_rate;
        w->swr_fmt = f->format;
    } else {
        av_channel_layout_uninit(&in);
    }
    int n = swr_get_out_samples(w->swr, f->nb_samples);
    if (n <= 0)
        return true;
    if (n > w->abuf_samples) {
        av_freep(&w->abuf);
        w->abuf = av_malloc((size_t)n * 4);
        w->abuf_samples = w->abuf ? n : 0;
        if (!w->abuf)
            return true;
    }
    int got = swr_convert(w->swr, &w->abuf, n, (const uint8_t **)f->extended_data, f->nb_samples);
    if (got <= 0)
        return true;
    int64_t ts = f->best_effort_timestamp;
    bt_video *v = w->v;
    SDL_LockMutex(v->lock);
    int64_t ms = ts == AV_NOPTS_VALUE ? v->ring_end_ms
                                      : av_rescale_q(ts, w->ast->time_base, (AVRational){1, 1000});
    bool go = bt_sound_put(v, w->abuf, (size_t)got * 4, ms);
    SDL_UnlockMutex(v->lock);
    return go;
}

static bool decode_sound(worker *w, const AVPacket *pkt)
{
    if (avcodec_send_packet(w->adec, pkt) < 0)
        return true;
    while (avcodec_receive_frame(w->adec, w->aframe) == 0) {
        bool go = put_sound(w, w->aframe);
        av_frame_unref(w->aframe);
        if (!go)
            return false;
    }
    return true;
}

/* ---- The thread ------------------------------------------------------------- */

static bool stopping(bt_video *v)
{
    if (atomic_load(&v->quit))
        return true;
    SDL_LockMutex(v->lock);
    bool stop = v->stop_decoding;
    SDL_UnlockMutex(v->lock);
    return stop;
}

/* After its first frames, a software decoder that needs more than half
 * of a core gets frame threads from the next key frame on (a Raspberry
 * Pi 4 class board on 1080p; a PC decodes it on one core, in less memory). */
#define SPEED_FRAMES 30
double bt_video_speed_share = 0.5;

static void measure_speed(worker *w, int64_t ns)
{
    if (w->hw_type != -1 || w->threads > 1 || w->timed_frames >= SPEED_FRAMES)
        return;
    w->decode_ns += ns;
    if (++w->timed_frames < SPEED_FRAMES)
        return;
    double per_frame_ms = (double)w->decode_ns / 1e6 / SPEED_FRAMES;
    if (per_frame_ms > bt_video_speed_share * (double)w->frame_ms && max_threads() > 1)
        w->want_threads = max_threads();
    bt_log(BT_LOG_DEBUG, "video %s: %.1f ms of a core a frame (one every %lld ms)%s", w->v->path,
           per_frame_ms, (long long)w->frame_ms, w->want_threads ? ": more threads" : "");
}

/* At a key frame: the frames the one-thread decoder still holds come out,
 * then a decoder with more threads takes over from this packet on. */
static bool more_threads(worker *w)
{
    int n = w->want_threads;
    w->want_threads = 0;
    if (!decode_video(w, NULL))
        return false;
    avcodec_free_context(&w->vdec);
    w->threads = n;
    if (!open_software(w))
        return false;
    SDL_LockMutex(w->v->lock);
    w->v->threads = n;
    SDL_UnlockMutex(w->v->lock);
    bt_log(BT_LOG_INFO, "video %s: one core is too slow for it: decoding on %d threads", w->v->path, n);
    return true;
}

static void read_all(worker *w)
{
    int again = 0;
    while (!stopping(w->v)) {
        int r = av_read_frame(w->fmt, w->pkt);
        if (r == AVERROR(EAGAIN) && ++again < 1000)
            continue; /* a demuxer that wants to be asked again, not for ever */
        again = 0;
        if (r < 0) {
            /* the end, or damage from here on: what came plays */
            if (r != AVERROR_EOF && !w->read_error && !w->damaged)
                w->damage_ms = w->have_first ? w->last_pts + w->frame_ms : 0;
            w->read_error = r != AVERROR_EOF;
            break;
        }
        bool go = true;
        if (w->pkt->stream_index == w->vst->index) {
            if (w->want_threads && (w->pkt->flags & AV_PKT_FLAG_KEY))
                go = more_threads(w);
            int64_t t = thread_cpu_ns();
            go = go && decode_video(w, w->pkt);
            measure_speed(w, thread_cpu_ns() - t);
        }
        else if (w->ast && w->pkt->stream_index == w->ast->index)
            go = decode_sound(w, w->pkt);
        av_packet_unref(w->pkt);
        if (!go)
            return;
    }
    if (!stopping(w->v))
        decode_video(w, NULL); /* the frames the decoder still holds */
}

static void fail(bt_video *v, const char *why)
{
    SDL_LockMutex(v->lock);
    v->state = BT_CLIP_FAILED;
    snprintf(v->err, sizeof v->err, "%s", why);
    SDL_CondBroadcast(v->cond);
    SDL_UnlockMutex(v->lock);
    bt_video_post(v, BT_VIDEO_EV_FAILED);
}

int bt_video_worker(void *data)
{
    worker w = {.v = data, .hw_fmt = AV_PIX_FMT_NONE, .hw_type = -1, .threads = 1};
    bt_video *v = w.v;
    char err[256];
    w.in = bt_videoprobe_open(v->path, &v->quit, &w.info, err, sizeof err);
    w.frame = av_frame_alloc();
    w.sw = av_frame_alloc();
    w.pkt = av_packet_alloc();
    if (!w.in) {
        fail(v, err);
        goto done;
    }
    if (!w.frame || !w.sw || !w.pkt) {
        fail(v, "out of memory");
        goto done;
    }
    w.fmt = bt_video_input_format(w.in);
    w.vst = w.fmt->streams[w.info.video_stream];
    w.frame_ms = w.info.fps > 0 ? (int64_t)(1000 / w.info.fps + 0.5) : 40;
    if (!open_video(&w)) {
        fail(v, "the video's decoder cannot start: export it as H.264 MP4");
        goto done;
    }
    open_sound(&w);
    /* Only what is played is read: the mov demuxer skips the rest. */
    if (!w.ast && w.info.audio_stream >= 0)
        w.fmt->streams[w.info.audio_stream]->discard = AVDISCARD_ALL;
    read_all(&w);
    if (atomic_load(&v->quit))
        goto done;
    if (!w.have_first) {
        fail(v, "the picture cannot be decoded: the file is damaged; copy or export it again");
        goto done;
    }
    if (w.damaged || w.read_error)
        bt_log(BT_LOG_WARNING,
               "video %s: the file is damaged after about %.1f s (%d part%s of its picture cannot be "
               "decoded%s): what can be decoded plays; copy or export it again",
               v->path, (double)w.damage_ms / 1000.0, w.damaged, w.damaged == 1 ? "" : "s",
               w.read_error ? ", the rest cannot be read" : "");
    SDL_LockMutex(v->lock);
    v->eof = true;
    v->end_pts = w.last_pts + (w.last_dur > 0 ? w.last_dur : w.frame_ms);
    SDL_CondBroadcast(v->cond);
    SDL_UnlockMutex(v->lock);
    bt_video_post(v, BT_VIDEO_EV_END);
done:
    sws_freeContext(w.sws);
    swr_free(&w.swr);
    av_channel_layout_uninit(&w.swr_in);
    av_freep(&w.abuf);
    avcodec_free_context(&w.vdec);
    avcodec_free_context(&w.adec);
    av_frame_free(&w.frame);
    av_frame_free(&w.sw);
    av_frame_free(&w.aframe);
    av_packet_free(&w.pkt);
    av_buffer_pool_uninit(&w.pool);
    bt_video_input_free(w.in);
    bt_video_release(v);
    /* A clip's decoder held megabytes: give the pages back now, or a
     * kiosk's memory creeps up clip after clip. */
    malloc_trim(0);
    atomic_fetch_sub(&bt_video_live, 1);
    return 0;
}
