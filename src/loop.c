/* loop.c: which slide and tip come next, and when. */
#include "loop.h"

/* Whether slide s may be shown at wall time. Schedules come with their own
 * module; until then every slide that loaded is playable. */
static int playable(const bt_slide *s, time_t wall)
{
    (void)s;
    (void)wall;
    return 1;
}

int bt_loop_next_after(const bt_playlist *pl, int i, time_t wall)
{
    for (int k = 1; k <= pl->n_slides; k++) {
        int j = ((i < 0 ? -1 : i) + k) % pl->n_slides;
        if (playable(&pl->slides[j], wall))
            return j;
    }
    return -1;
}

void bt_loop_init(bt_loop *l, const bt_playlist *pl, uint64_t ms, time_t wall)
{
    l->pl = pl;
    l->current = pl->n_slides > 0 ? bt_loop_next_after(pl, -1, wall) : -1;
    l->shown_at = ms;
    l->upcoming = l->current >= 0 ? bt_loop_next_after(pl, l->current, wall) : -1;
    l->tip = pl->n_tips > 0 ? 0 : -1;
    l->tip_at = ms;
}

uint64_t bt_loop_slide_deadline(const bt_loop *l)
{
    if (l->current < 0 || l->upcoming < 0 || l->upcoming == l->current)
        return UINT64_MAX;
    return l->shown_at + (uint64_t)l->pl->slides[l->current].duration_ms;
}

void bt_loop_advance(bt_loop *l, uint64_t ms, time_t wall)
{
    if (l->upcoming >= 0)
        l->current = l->upcoming;
    l->shown_at = ms;
    l->upcoming = l->current >= 0 ? bt_loop_next_after(l->pl, l->current, wall) : -1;
}

uint64_t bt_loop_tip_deadline(const bt_loop *l)
{
    if (l->pl->n_tips < 2)
        return UINT64_MAX;
    return l->tip_at + (uint64_t)l->pl->tip_interval_ms;
}

void bt_loop_advance_tip(bt_loop *l, uint64_t ms)
{
    if (l->pl->n_tips > 0)
        l->tip = (l->tip + 1) % l->pl->n_tips;
    l->tip_at = ms;
}
