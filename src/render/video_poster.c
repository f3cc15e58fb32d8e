/* video_poster.c: one frame of a clip as a picture (`poster:`), for
 * --render and for the screen before a clip is ready. Decoded here, on
 * the calling thread, in software, within a time budget. */
#include "video.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>

#include "base/i18n.h"
#include "base/bounds.h"
#include "model/videoprobe.h"

/* A poster seeks to the key frame before its second and decodes forward:
 * a few seconds of frames (x264 puts a key frame every 250 at most). */
#define POSTER_MAX_PACKETS 1500
#define POSTER_BUDGET_MS (2 * BT_VIDEO_PROBE_MS)

/* Decodes the clip's frame at `at` seconds (or its last, when shorter). */
static AVFrame *frame_at(bt_video_input *in, const bt_video_info *info, double at, char *err,
                         size_t errsize)
{
    AVFormatContext *fmt = bt_video_input_format(in);
    AVStream *st = fmt->streams[info->video_stream];
    for (unsigned i = 0; i < fmt->nb_streams; i++)
        if ((int)i != info->video_stream)
            fmt->streams[i]->discard = AVDISCARD_ALL;
    const AVCodec *c = avcodec_find_decoder(st->codecpar->codec_id);
    AVCodecContext *ctx = c ? avcodec_alloc_context3(c) : NULL;
    AVFrame *best = av_frame_alloc(), *f = av_frame_alloc();
    AVPacket *pkt = av_packet_alloc();
    bool have = false;
    if (!ctx || !best || !f || !pkt || avcodec_parameters_to_context(ctx, st->codecpar) < 0)
        goto out;
    ctx->pkt_timebase = st->time_base;
    ctx->max_pixels = (int64_t)BT_MAX_VIDEO_LONG_SIDE * BT_MAX_VIDEO_SHORT_SIDE;
    ctx->thread_count = 0;
    if (avcodec_open2(ctx, c, NULL) < 0)
        goto out;
    int64_t start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
    int64_t target = start + av_rescale_q((int64_t)llround(at * 1000), (AVRational){1, 1000}, st->time_base);
    if (at > 0 && av_seek_frame(fmt, st->index, target, AVSEEK_FLAG_BACKWARD) >= 0)
        avcodec_flush_buffers(ctx);
    bool done = false;
    for (int n = 0; !done && n < POSTER_MAX_PACKETS; n++) {
        int r = av_read_frame(fmt, pkt);
        if (r >= 0 && pkt->stream_index != st->index) {
            av_packet_unref(pkt);
            continue;
        }
        avcodec_send_packet(ctx, r >= 0 ? pkt : NULL);
        av_packet_unref(pkt);
        while (!done && avcodec_receive_frame(ctx, f) == 0) {
            av_frame_unref(best);
            av_frame_move_ref(best, f);
            have = true;
            done = best->best_effort_timestamp == AV_NOPTS_VALUE || best->best_effort_timestamp >= target;
        }
        if (r < 0)
            break; /* the end: the last frame decoded is the poster */
    }
out:
    if (!have)
        snprintf(err, errsize, _("the picture cannot be decoded: the file is damaged; copy or export it again"));
    avcodec_free_context(&ctx);
    av_frame_free(&f);
    av_packet_free(&pkt);
    if (!have)
        av_frame_free(&best);
    return best;
}

/* The frame scaled to pw x ph as RGB888 into dst (pitch bytes a row), with
 * the colours SDL would give it on screen. */
static bool to_rgb(const AVFrame *f, uint8_t *dst, int pitch, int pw, int ph)
{
    struct SwsContext *sws = sws_getContext(f->width, f->height, f->format, pw, ph, AV_PIX_FMT_0RGB32,
                                            SWS_BICUBIC, NULL, NULL, NULL);
    if (!sws)
        return false;
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(f->format);
    bool full = f->color_range == AVCOL_RANGE_JPEG || (d && strncmp(d->name, "yuvj", 4) == 0);
    /* As SDL's automatic mode: BT.709 above SD when the clip does not say. */
    int cs = f->colorspace == AVCOL_SPC_BT709 || (f->colorspace == AVCOL_SPC_UNSPECIFIED && f->height > 576)
                 ? SWS_CS_ITU709
                 : SWS_CS_ITU601;
    sws_setColorspaceDetails(sws, sws_getCoefficients(cs), full, sws_getCoefficients(SWS_CS_DEFAULT), 1,
                             0, 1 << 16, 1 << 16);
    uint8_t *planes[4] = {dst, NULL, NULL, NULL};
    int pitches[4] = {pitch, 0, 0, 0};
    sws_scale(sws, (const uint8_t *const *)f->data, f->linesize, 0, f->height, planes, pitches);
    sws_freeContext(sws);
    return true;
}

SDL_Surface *bt_video_poster(const char *path, double at, int w, int h, Uint32 bg, char *err,
                             size_t errsize)
{
    if (w <= 0 || h <= 0 || w > BT_MAX_IMAGE_SIDE || h > BT_MAX_IMAGE_SIDE) {
        snprintf(err, errsize, _("a poster of %dx%d cannot be made"), w, h);
        return NULL;
    }
    bt_video_info info;
    bt_video_input *in = bt_videoprobe_open(path, NULL, &info, err, errsize);
    if (!in)
        return NULL;
    bt_video_input_budget(in, POSTER_BUDGET_MS);
    AVFrame *f = frame_at(in, &info, at > 0 && isfinite(at) ? at : 0, err, errsize);
    bt_video_input_free(in);
    if (!f)
        return NULL;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (!s) {
        snprintf(err, errsize, _("out of memory"));
        av_frame_free(&f);
        return NULL;
    }
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, (bg >> 16) & 255, (bg >> 8) & 255, bg & 255));

    /* Contain-fitted, with the shape it has on screen... */
    double k = fmin((double)w / info.width, (double)h / info.height);
    int fw = (int)lround(info.width * k), fh = (int)lround(info.height * k);
    fw = fw < 1 ? 1 : fw > w ? w : fw;
    fh = fh < 1 ? 1 : fh > h ? h : fh;
    int x0 = (w - fw) / 2, y0 = (h - fh) / 2;
    uint8_t *at0 = (uint8_t *)s->pixels + (size_t)y0 * s->pitch + (size_t)x0 * 4;
    bool ok;
    if (info.rotation == 0) {
        ok = to_rgb(f, at0, s->pitch, fw, fh);
    } else {
        /* ...and turned upright: scaled unturned, then turned clockwise. */
        int pw = info.rotation % 180 ? fh : fw, ph = info.rotation % 180 ? fw : fh;
        uint32_t *tmp = malloc((size_t)pw * ph * 4);
        ok = tmp && to_rgb(f, (uint8_t *)tmp, pw * 4, pw, ph);
        for (int y = 0; ok && y < ph; y++)
            for (int x = 0; x < pw; x++) {
                int X = info.rotation == 90 ? ph - 1 - y : info.rotation == 180 ? pw - 1 - x : y;
                int Y = info.rotation == 90 ? x : info.rotation == 180 ? ph - 1 - y : pw - 1 - x;
                ((uint32_t *)(at0 + (size_t)Y * s->pitch))[X] = tmp[(size_t)y * pw + x];
            }
        free(tmp);
    }
    av_frame_free(&f);
    if (!ok) {
        snprintf(err, errsize, _("out of memory"));
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}
