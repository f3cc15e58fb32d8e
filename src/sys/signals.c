/* signals.c: a thread that sigwait()s for SIGHUP. A signal handler may not
 * call SDL_PushEvent (not async-signal-safe); a thread that waits for the
 * signal synchronously may. */
#include "signals.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

static pthread_t waiter;
static bool running;
static atomic_bool stopping;
static Uint32 hup_event;

static void *wait_hup(void *arg)
{
    (void)arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    for (;;) {
        int sig;
        if (sigwait(&set, &sig) != 0)
            continue;
        if (atomic_load(&stopping))
            return NULL;
        SDL_Event ev = {0};
        ev.type = hup_event;
        SDL_PushEvent(&ev);
    }
}

bool bt_signals_start(Uint32 event_type)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    hup_event = event_type;
    atomic_store(&stopping, false);
    running = pthread_create(&waiter, NULL, wait_hup, NULL) == 0;
    return running;
}

void bt_signals_stop(void)
{
    if (!running)
        return;
    atomic_store(&stopping, true);
    pthread_kill(waiter, SIGHUP); /* wakes its sigwait */
    pthread_join(waiter, NULL);
    running = false;
}
