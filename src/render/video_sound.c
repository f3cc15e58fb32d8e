/* video_sound.c: a clip's sound through SDL audio. The worker resamples
 * into a ring of 16-bit stereo samples (BT_SOUND_RING_MS long); SDL's
 * audio thread mixes from it at the clip's volume and notes which moment
 * of the clip is being heard, which the picture follows (frameclock). */
#include "video_int.h"

#include <string.h>

#include "base/log.h"

/* How long a clip keeps trying to open the device: the clip before it may
 * still hold it for a moment (ALSA opens one at a time). */
#define SOUND_RETRY_MS 1000

/* SDL's audio thread: fills stream from the ring, silence when it runs dry. */
static void feed(void *userdata, Uint8 *stream, int len)
{
    bt_video *v = userdata;
    memset(stream, 0, (size_t)len);
    SDL_LockMutex(v->lock);
    size_t before = v->ring_len;
    size_t n = (size_t)len < v->ring_len ? (size_t)len : v->ring_len;
    n &= ~(size_t)3; /* whole stereo samples */
    int vol = v->opt.volume * SDL_MIX_MAXVOLUME / 100;
    size_t done = 0;
    while (done < n) {
        size_t chunk = n - done;
        if (chunk > v->ring_cap - v->ring_r)
            chunk = v->ring_cap - v->ring_r;
        SDL_MixAudioFormat(stream + done, v->ring + v->ring_r, AUDIO_S16SYS, (Uint32)chunk, vol);
        v->ring_r = (v->ring_r + chunk) % v->ring_cap;
        done += chunk;
    }
    v->ring_len -= n;
    if (n > 0) {
        /* The first sample of this buffer is heard once the device has
         * played what it holds (about one buffer). */
        int64_t first = v->ring_end_ms - (int64_t)(before / BT_SOUND_BYTES_PER_MS);
        v->heard_ms = first - v->origin_ms - v->sound_latency_ms;
        v->heard_at = SDL_GetTicks64();
        v->heard = true;
    }
    SDL_CondBroadcast(v->cond);
    SDL_UnlockMutex(v->lock);
}

/* No device: the clip plays silent, and the worker drops its sound. */
static void sound_off(bt_video *v, const char *why)
{
    static atomic_int logged;
    if (!atomic_exchange(&logged, 1))
        bt_log(BT_LOG_WARNING, "no sound device (%s): videos play without sound", why);
    SDL_LockMutex(v->lock);
    v->sound_off = true;
    v->ring_len = 0;
    SDL_CondBroadcast(v->cond);
    SDL_UnlockMutex(v->lock);
}

void bt_sound_start(bt_video *v, uint64_t now)
{
    if (v->dev || !v->info.sound)
        return;
    SDL_LockMutex(v->lock);
    bool off = v->sound_off;
    SDL_UnlockMutex(v->lock);
    if (off)
        return;
    if (!v->sound_tries_until)
        v->sound_tries_until = now + SOUND_RETRY_MS;
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        sound_off(v, SDL_GetError());
        return;
    }
    SDL_AudioSpec want = {.freq = BT_SOUND_RATE, .format = AUDIO_S16SYS, .channels = 2,
                          .samples = 1024, .callback = feed, .userdata = v};
    SDL_AudioSpec have;
    /* The latency is set before the callback can run. */
    v->sound_latency_ms = 1024 * 1000 / BT_SOUND_RATE;
    v->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (v->dev) {
        SDL_PauseAudioDevice(v->dev, v->fc.paused ? 1 : 0); /* a clip paused before its start */
        return;
    }
    if (now >= v->sound_tries_until)
        sound_off(v, SDL_GetError());
}

void bt_sound_sync(bt_video *v)
{
    SDL_LockMutex(v->lock);
    if (v->heard && v->heard_at != v->heard_seen) {
        v->heard_seen = v->heard_at;
        bt_frameclock_audio(&v->fc, v->heard_ms, v->heard_at);
    }
    SDL_UnlockMutex(v->lock);
}

void bt_sound_stop(bt_video *v)
{
    if (v->dev) {
        SDL_CloseAudioDevice(v->dev); /* returns once the callback has */
        v->dev = 0;
    }
}

bool bt_sound_put(bt_video *v, const uint8_t *data, size_t n, int64_t ms)
{
    if (!v->ring || n > v->ring_cap)
        return true;
    while (!atomic_load(&v->quit) && !v->sound_off && v->ring_cap - v->ring_len < n)
        SDL_CondWait(v->cond, v->lock);
    if (atomic_load(&v->quit))
        return false;
    if (v->sound_off)
        return true;
    size_t w = (v->ring_r + v->ring_len) % v->ring_cap;
    size_t first = n < v->ring_cap - w ? n : v->ring_cap - w;
    memcpy(v->ring + w, data, first);
    memcpy(v->ring, data + first, n - first);
    v->ring_len += n;
    v->ring_end_ms = ms + (int64_t)(n / BT_SOUND_BYTES_PER_MS);
    return true;
}
