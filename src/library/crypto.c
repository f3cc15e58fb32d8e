/* crypto.c: sodium_init() once (see crypto.h). */
#include "crypto.h"

#include <pthread.h>

#include <sodium.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool ready;

static void init_once(void)
{
    /* 0: done now; 1: already done (by a library we link, say). */
    ready = sodium_init() >= 0;
}

bool bt_crypto_init(void)
{
    pthread_once(&once, init_once);
    return ready;
}
