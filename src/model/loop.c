/* loop.c: which slide and tip come next, and when.
 *
 * Contents: what may play; the choice of the next slide (alerts
 * interleaved); the recheck that catches schedules opening or closing while
 * the loop is not cycling; slides; tips. */
#include "loop.h"

#include "clockfmt.h"
#include "schedule.h"

#define SECONDS_PER_DAY (24 * 3600)

/* ---- what may play ---------------------------------------------------------- */

static bool playable(const bt_slide *s, time_t wall, bool clock_known)
{
    return bt_schedule_active(s->has_schedule ? &s->schedule : NULL, wall, clock_known);
}

/* Whether slide i of pl may be shown at wall (its schedule, the clock). */
static bool loop_playable(const bt_playlist *pl, int i, time_t wall)
{
    return i >= 0 && i < pl->n_slides && playable(&pl->slides[i], wall, bt_clock_known(wall));
}

/* ---- choosing ---------------------------------------------------------------- */

/* The first playable slide of this priority after index `after` (-1: from
 * the start), wrapping round; `after` itself comes last. -1 when none. */
static int next_of_kind(const bt_playlist *pl, bt_priority kind, int after, time_t wall,
                        bool clock_known)
{
    for (int k = 1; k <= pl->n_slides; k++) {
        int j = (after + k) % pl->n_slides;
        if (pl->slides[j].priority == kind && playable(&pl->slides[j], wall, clock_known))
            return j;
    }
    return -1;
}

/* The slide that should follow the current one: an alert after a normal
 * slide, a normal slide after an alert or the empty screen, else whatever
 * kind is playable. Each kind resumes after the last one of it shown. */
static int choose(const bt_loop *l, time_t wall)
{
    const bt_playlist *pl = l->pl;
    bool known = bt_clock_known(wall);
    bool after_normal = l->current >= 0 && pl->slides[l->current].priority == BT_PRIORITY_NORMAL;
    int s;
    if (after_normal && (s = next_of_kind(pl, BT_PRIORITY_ALERT, l->last_alert, wall, known)) >= 0)
        return s;
    if ((s = next_of_kind(pl, BT_PRIORITY_NORMAL, l->last_normal, wall, known)) >= 0)
        return s;
    return next_of_kind(pl, BT_PRIORITY_ALERT, l->last_alert, wall, known);
}

/* Notes slide i as shown (each kind resumes after the last one shown). */
static void note_shown(bt_loop *l, int i)
{
    if (l->pl->slides[i].priority == BT_PRIORITY_ALERT)
        l->last_alert = i;
    else
        l->last_normal = i;
}

static void set_current(bt_loop *l, int i, uint64_t ms)
{
    l->current = i;
    l->shown_at = ms;
    l->clip_over_at = UINT64_MAX;
    if (i >= 0)
        note_shown(l, i);
}

/* ---- the recheck ---------------------------------------------------------------- */

/* While slides follow one another, every change re-reads the schedules, so
 * nothing needs waking. Held on one slide or on the empty screen, the loop
 * must wake at the earliest minute a schedule opens or closes. */
static void plan_recheck(bt_loop *l, uint64_t ms, time_t wall)
{
    l->recheck_at = UINT64_MAX;
    if (l->upcoming >= 0 && l->upcoming != l->current)
        return;
    time_t next = wall + SECONDS_PER_DAY;
    bool any = false;
    for (int i = 0; i < l->pl->n_slides; i++) {
        const bt_slide *s = &l->pl->slides[i];
        if (!s->has_schedule)
            continue;
        any = true;
        time_t t = bt_schedule_next_change(&s->schedule, wall);
        if (t > wall && t < next)
            next = t;
    }
    if (!any)
        return; /* nothing can ever open or close */
    if (!bt_clock_known(wall)) {
        time_t minute = bt_clock_next_minute(wall);
        if (minute < next)
            next = minute;
    }
    /* wall is whole seconds, possibly up to 1 s behind: waking that much
     * late is safe, waking early would find nothing changed. */
    l->recheck_at = ms + (uint64_t)(next - wall) * 1000;
}

uint64_t bt_loop_recheck_deadline(const bt_loop *l)
{
    return l->recheck_at;
}

bool bt_loop_recheck(bt_loop *l, uint64_t ms, time_t wall)
{
    int old_current = l->current, old_upcoming = l->upcoming;
    l->upcoming = l->pl->n_slides > 0 ? choose(l, wall) : -1;
    if (l->upcoming < 0 && l->current >= 0)
        set_current(l, -1, ms); /* nothing may play now, the current one neither */
    plan_recheck(l, ms, wall);
    return l->current != old_current || l->upcoming != old_upcoming;
}

/* ---- slides ----------------------------------------------------------------------- */

void bt_loop_init(bt_loop *l, const bt_playlist *pl, uint64_t ms, time_t wall)
{
    *l = (bt_loop){.pl = pl, .current = -1, .upcoming = -1, .last_normal = -1, .last_alert = -1,
                   .clip_over_at = UINT64_MAX};
    if (pl->n_slides > 0) {
        set_current(l, choose(l, wall), ms);
        l->upcoming = l->current >= 0 ? choose(l, wall) : -1;
    }
    l->shown_at = ms;
    l->tip = pl->n_tips > 0 ? 0 : -1;
    l->tip_at = ms;
    plan_recheck(l, ms, wall);
}

uint64_t bt_loop_slide_deadline(const bt_loop *l)
{
    if (l->upcoming < 0)
        return UINT64_MAX;
    /* A clip ends when it ends; alone, it plays again. */
    if (l->current >= 0 && bt_slide_is_clip(&l->pl->slides[l->current]))
        return l->clip_over_at;
    if (l->upcoming == l->current)
        return UINT64_MAX;
    if (l->current < 0)
        return l->shown_at; /* the empty screen gives way at once */
    return l->shown_at + (uint64_t)l->pl->slides[l->current].duration_ms;
}

void bt_loop_clip_over(bt_loop *l, uint64_t ms)
{
    if (l->current >= 0 && bt_slide_is_clip(&l->pl->slides[l->current]) &&
        l->clip_over_at == UINT64_MAX)
        l->clip_over_at = ms;
}

bool bt_loop_skip_upcoming(bt_loop *l, uint64_t ms, time_t wall)
{
    int skipped = l->upcoming;
    if (skipped < 0)
        return false;
    int last_normal = l->last_normal, last_alert = l->last_alert;
    note_shown(l, skipped);
    int next = choose(l, wall);
    if (next == skipped) {
        /* The only one of its kind: the other kind, if any, comes instead. */
        bool alert = l->pl->slides[skipped].priority == BT_PRIORITY_ALERT;
        next = next_of_kind(l->pl, alert ? BT_PRIORITY_NORMAL : BT_PRIORITY_ALERT,
                            alert ? l->last_normal : l->last_alert, wall, bt_clock_known(wall));
    }
    if (next == skipped || next < 0) {
        /* Nothing else: the loop stays as it was. */
        l->last_normal = last_normal;
        l->last_alert = last_alert;
        return false;
    }
    l->upcoming = next;
    plan_recheck(l, ms, wall);
    return true;
}

int bt_loop_advance(bt_loop *l, uint64_t ms, time_t wall)
{
    if (l->pl->n_slides == 0) {
        l->shown_at = ms;
        return -1;
    }
    int next = l->upcoming;
    if (!loop_playable(l->pl, next, wall))
        next = choose(l, wall); /* it left its schedule while it waited */
    set_current(l, next, ms);
    l->upcoming = next >= 0 ? choose(l, wall) : -1;
    plan_recheck(l, ms, wall);
    return l->current;
}

/* ---- tips ----------------------------------------------------------------------- */

void bt_loop_resume(bt_loop *l, uint64_t ms)
{
    l->shown_at = ms;
    l->clip_over_at = UINT64_MAX; /* a clip plays again from its start */
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
