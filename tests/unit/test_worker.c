/* The one-request worker: only the newest request waiting is done, every
 * request is either done or dropped (never both, never lost), and stop
 * joins without waiting for more. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "render/worker.h"

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    bool busy, release; /* the job on the thread waits until released */
    int done[16], n_done;
    int dropped;
} book;

static book b = {.lock = PTHREAD_MUTEX_INITIALIZER, .changed = PTHREAD_COND_INITIALIZER};

static void run(void *ctx, void *req)
{
    book *k = ctx;
    pthread_mutex_lock(&k->lock);
    k->busy = true;
    pthread_cond_broadcast(&k->changed);
    while (!k->release)
        pthread_cond_wait(&k->changed, &k->lock);
    k->done[k->n_done++] = *(int *)req;
    k->busy = false;
    pthread_cond_broadcast(&k->changed);
    pthread_mutex_unlock(&k->lock);
    free(req);
}

static void drop(void *req)
{
    pthread_mutex_lock(&b.lock);
    b.dropped++;
    pthread_mutex_unlock(&b.lock);
    free(req);
}

static int *req(int v)
{
    int *p = malloc(sizeof *p);
    *p = v;
    return p;
}

static void only_the_newest_waiting_request_is_done(void **state)
{
    (void)state;
    char err[128];
    bt_worker *w = bt_worker_start("test", run, drop, &b, err, sizeof err);
    assert_non_null(w);
    bt_worker_post(w, req(1));
    /* While 1 is under way, 2 and 3 wait in turn: 2 is replaced by 3. */
    pthread_mutex_lock(&b.lock);
    while (!b.busy)
        pthread_cond_wait(&b.changed, &b.lock);
    pthread_mutex_unlock(&b.lock);
    bt_worker_post(w, req(2));
    bt_worker_post(w, req(3));
    pthread_mutex_lock(&b.lock);
    b.release = true;
    pthread_cond_broadcast(&b.changed);
    while (b.n_done < 2)
        pthread_cond_wait(&b.changed, &b.lock);
    pthread_mutex_unlock(&b.lock);
    bt_worker_stop(w);
    assert_int_equal(b.n_done, 2);
    assert_int_equal(b.done[0], 1);
    assert_int_equal(b.done[1], 3);
    assert_int_equal(b.dropped, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(only_the_newest_waiting_request_is_done),
    };
    return cmocka_run_group_tests_name("worker", tests, NULL, NULL);
}
