/* videoinput.c: a clip's bytes handed to FFmpeg through custom I/O. */
#include "videoinput.h"

#include "base/i18n.h"
#include "base/bounds.h"
#include "base/log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libavutil/avstring.h>
#include <libavutil/log.h>
#include <libavutil/mem.h>

/* The containers the design names (MP4, MKV, WebM), by the names of the two
 * demuxers that read them. Anything else is refused before its header is
 * read: fewer parsers see a stick's bytes. */
#define DEMUXERS "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm"
#define IO_BUFFER 32768

struct bt_video_input {
    int fd;                   /* -1 for memory */
    const unsigned char *mem; /* NULL for a file */
    int64_t size, pos;
    const atomic_int *quit;
    int64_t deadline_ns; /* CLOCK_MONOTONIC; 0: none */
    bool timed_out;
    char ext[8];
    AVIOContext *io;
    AVFormatContext *fmt;
};

/* ---- FFmpeg's messages ---------------------------------------------------- */

static void av_to_log(void *avcl, int level, const char *fmt, va_list ap)
{
    if (level > av_log_get_level())
        return;
    char line[512];
    int print_prefix = 1;
    av_log_format_line2(avcl, level, fmt, ap, line, sizeof line, &print_prefix);
    bt_log(BT_LOG_DEBUG, "ffmpeg: %s", line);
}

static void quiet_once(void)
{
    /* Damaged clips make decoders talk a lot; the player says in its own
     * words what went wrong, so only the debug log carries theirs. */
    av_log_set_level(getenv("BANGTIN_DEBUG") ? AV_LOG_VERBOSE : AV_LOG_ERROR);
    av_log_set_callback(av_to_log);
}

void bt_video_quiet_ffmpeg(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, quiet_once);
}

/* ---- I/O callbacks -------------------------------------------------------- */

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* True when reads must stop: asked to, or out of time. */
static bool stopped(bt_video_input *in)
{
    if (in->quit && atomic_load(in->quit))
        return true;
    if (in->deadline_ns && now_ns() > in->deadline_ns) {
        in->timed_out = true;
        return true;
    }
    return false;
}

static int read_cb(void *opaque, uint8_t *buf, int n)
{
    bt_video_input *in = opaque;
    if (stopped(in))
        return AVERROR_EXIT;
    if (n <= 0 || in->pos >= in->size)
        return AVERROR_EOF;
    if ((int64_t)n > in->size - in->pos)
        n = (int)(in->size - in->pos);
    if (in->mem) {
        memcpy(buf, in->mem + in->pos, (size_t)n);
        in->pos += n;
        return n;
    }
    ssize_t r;
    do
        r = pread(in->fd, buf, (size_t)n, (off_t)in->pos);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return AVERROR(errno);
    if (r == 0)
        return AVERROR_EOF; /* the file shrank since it was opened */
    in->pos += r;
    return (int)r;
}

static int64_t seek_cb(void *opaque, int64_t off, int whence)
{
    bt_video_input *in = opaque;
    whence &= ~AVSEEK_FORCE;
    if (whence == AVSEEK_SIZE)
        return in->size;
    int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? in->pos : whence == SEEK_END ? in->size : -1;
    if (base < 0 || off < -base || off > in->size - base)
        return AVERROR(EINVAL);
    in->pos = base + off;
    return in->pos;
}

static int interrupt_cb(void *opaque)
{
    return stopped(opaque);
}

/* A demuxer asking to open another file or URL (a reference movie, a
 * playlist) is refused: a clip is one file. */
static int refuse_open(struct AVFormatContext *s, AVIOContext **pb, const char *url, int flags,
                       AVDictionary **options)
{
    (void)s, (void)pb, (void)url, (void)flags, (void)options;
    return AVERROR(EPERM);
}

/* ---- Opening -------------------------------------------------------------- */

static bt_video_input *alloc_input(void)
{
    bt_video_quiet_ffmpeg();
    bt_video_input *in = av_mallocz(sizeof *in);
    if (in)
        in->fd = -1;
    return in;
}

bt_video_input *bt_video_input_file(const char *path, const atomic_int *quit, char *err,
                                    size_t errsize)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(err, errsize, _("cannot be read (%s): check that the file is there"),
                 strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errsize, _("cannot be read: this is not a file"));
        close(fd);
        return NULL;
    }
    if (st.st_size > BT_MAX_VIDEO_BYTES) {
        snprintf(err, errsize, _("too big: %.1f GB, at most %lld GB; export it smaller"),
                 (double)st.st_size / (1024.0 * 1024 * 1024),
                 BT_MAX_VIDEO_BYTES / (1024LL * 1024 * 1024));
        close(fd);
        return NULL;
    }
    bt_video_input *in = alloc_input();
    if (!in) {
        snprintf(err, errsize, _("out of memory"));
        close(fd);
        return NULL;
    }
    in->fd = fd;
    in->size = st.st_size;
    in->quit = quit;
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    if (dot && dot[1] && strlen(dot + 1) < sizeof in->ext) {
        for (size_t i = 0; dot[1 + i]; i++) {
            char c = dot[1 + i];
            in->ext[i] = c >= 'A' && c <= 'Z' ? (char)(c + 'a' - 'A') : c;
        }
    }
    return in;
}

bt_video_input *bt_video_input_mem(const unsigned char *buf, size_t len)
{
    bt_video_input *in = alloc_input();
    if (!in)
        return NULL;
    in->mem = buf ? buf : (const unsigned char *)"";
    in->size = buf ? (int64_t)len : 0;
    return in;
}

void bt_video_input_budget(bt_video_input *in, int ms)
{
    in->deadline_ns = ms > 0 ? now_ns() + (int64_t)ms * 1000000 : 0;
    in->timed_out = false;
}

bool bt_video_input_timed_out(const bt_video_input *in)
{
    return in->timed_out;
}

int64_t bt_video_input_size(const bt_video_input *in)
{
    return in->size;
}

const char *bt_video_input_ext(const bt_video_input *in)
{
    return in->ext;
}

size_t bt_video_input_head(bt_video_input *in, unsigned char *buf, size_t n)
{
    if ((int64_t)n > in->size)
        n = (size_t)in->size;
    if (in->mem) {
        memcpy(buf, in->mem, n);
        return n;
    }
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(in->fd, buf + got, n - got, (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    return got;
}

int bt_video_input_demux(bt_video_input *in, const char **other)
{
    *other = NULL;
    if (in->fmt)
        return 0;
    unsigned char *buf = av_malloc(IO_BUFFER);
    if (buf)
        in->io = avio_alloc_context(buf, IO_BUFFER, 0, in, read_cb, NULL, seek_cb);
    if (!in->io) {
        av_free(buf);
        return AVERROR(ENOMEM);
    }
    const AVInputFormat *ifmt = NULL;
    int r = av_probe_input_buffer2(in->io, &ifmt, "", NULL, 0, 0);
    if (r < 0)
        return stopped(in) ? AVERROR_EXIT : r == AVERROR_INVALIDDATA ? AVERROR_DEMUXER_NOT_FOUND : r;
    if (av_match_list(ifmt->name, DEMUXERS, ',') <= 0) {
        /* Random bytes often look a little like MPEG audio or a transport
         * stream: only a sure guess is named as another kind of video. */
        if (r < AVPROBE_SCORE_EXTENSION)
            return AVERROR_DEMUXER_NOT_FOUND;
        *other = ifmt->long_name ? ifmt->long_name : ifmt->name;
        return AVERROR_PATCHWELCOME;
    }
    AVFormatContext *fmt = avformat_alloc_context();
    if (!fmt)
        return AVERROR(ENOMEM);
    fmt->pb = in->io;
    fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
    fmt->interrupt_callback.callback = interrupt_cb;
    fmt->interrupt_callback.opaque = in;
    fmt->io_open = refuse_open;
    fmt->probesize = BT_VIDEO_PROBE_BYTES;
    fmt->max_analyze_duration = (int64_t)BT_VIDEO_ANALYZE_MS * 1000;
    AVDictionary *opts = NULL;
    av_dict_set(&opts, "format_whitelist", DEMUXERS, 0);
    r = avformat_open_input(&fmt, "", ifmt, &opts); /* frees fmt when it fails */
    av_dict_free(&opts);
    if (r < 0)
        return stopped(in) ? AVERROR_EXIT : r;
    in->fmt = fmt;
    return 0;
}

AVFormatContext *bt_video_input_format(bt_video_input *in)
{
    return in->fmt;
}

void bt_video_input_free(bt_video_input *in)
{
    if (!in)
        return;
    avformat_close_input(&in->fmt);
    if (in->io) {
        av_freep(&in->io->buffer);
        avio_context_free(&in->io);
    }
    if (in->fd >= 0)
        close(in->fd);
    av_free(in);
}
