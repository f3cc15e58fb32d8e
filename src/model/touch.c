/* touch.c: loop -> topics -> topic pages -> back to the loop. */
#include "touch.h"

#include <stdlib.h>
#include <string.h>

/* ---- the tiles ---- */

static bool add_group(bt_touch *t, int topic, const int *slides, int n)
{
    if (n == 0)
        return true; /* a topic with nothing to show gets no tile */
    bt_group *g = &t->groups[t->n_groups];
    g->slides = malloc((size_t)n * sizeof *g->slides);
    if (!g->slides)
        return false;
    memcpy(g->slides, slides, (size_t)n * sizeof *slides);
    g->topic = topic;
    g->n_slides = n;
    t->n_groups++;
    return true;
}

bool bt_touch_init(bt_touch *t, const bt_playlist *pl)
{
    memset(t, 0, sizeof *t);
    t->pl = pl;
    t->view = BT_VIEW_LOOP;
    int n = pl->n_slides;
    int *buf = calloc((size_t)(n > 0 ? n : 1), sizeof *buf);
    t->groups = calloc((size_t)pl->n_topics + 1, sizeof *t->groups);
    if (!buf || !t->groups) {
        free(buf);
        t->n_groups = 0; /* nothing to free inside the groups yet */
        bt_touch_free(t);
        return false;
    }
    bool ok = true;
    for (int k = 0; k < pl->n_topics && ok; k++) {
        int m = 0;
        for (int i = 0; i < n; i++)
            if (pl->slides[i].topic_index == k && !pl->slides[i].repeat)
                buf[m++] = i;
        ok = add_group(t, k, buf, m);
    }
    /* Slides without a topic gather under "other" (a slide naming a topic
     * the playlist lacks plays in the loop but cannot be browsed). With no
     * topics at all, that one group holds every slide and there is no grid. */
    int m = 0;
    for (int i = 0; i < n; i++)
        if ((pl->n_topics == 0 || !pl->slides[i].topic) && !pl->slides[i].repeat)
            buf[m++] = i;
    if (ok)
        ok = add_group(t, -1, buf, m);
    free(buf);
    t->grid = pl->n_topics > 0 && t->n_groups > 0;
    if (!ok)
        bt_touch_free(t);
    return ok;
}

void bt_touch_free(bt_touch *t)
{
    for (int i = 0; i < t->n_groups; i++)
        free(t->groups[i].slides);
    free(t->groups);
    t->groups = NULL;
    t->n_groups = 0;
}

/* ---- moving between views ---- */

static void to_loop(bt_touch *t)
{
    t->view = BT_VIEW_LOOP;
    t->pressed = false;
}

static void open_group(bt_touch *t, int g)
{
    if (g < 0 || g >= t->n_groups)
        return;
    t->view = BT_VIEW_TOPIC;
    t->group = g;
    t->page = 0;
}

/* The first touch: the grid, or straight to the slides without topics. */
static void open_touch(bt_touch *t)
{
    if (t->n_groups == 0)
        return;
    if (t->grid) {
        t->view = BT_VIEW_TOPICS;
        t->selected = 0;
    } else {
        open_group(t, 0);
    }
}

static void back(bt_touch *t)
{
    if (t->view == BT_VIEW_TOPIC && t->grid) {
        t->view = BT_VIEW_TOPICS;
        t->selected = t->group;
    } else {
        to_loop(t);
    }
}

static void turn(bt_touch *t, int dir)
{
    int n = t->groups[t->group].n_slides;
    t->page = ((t->page + dir) % n + n) % n;
}

/* Arrow keys on the grid: left/right by one, up/down by a row. The row
 * length is the player's business; a row of 3 keeps keys predictable. */
static void select_tile(bt_touch *t, int delta)
{
    int s = t->selected + delta;
    if (s >= 0 && s < t->n_groups)
        t->selected = s;
}

static bool on_tap(bt_touch *t, bt_input in, uint64_t ms)
{
    /* A bounce, or the click a touchscreen driver synthesises from a tap. */
    if (t->tapped && ms - t->last_tap < BT_TAP_DEBOUNCE_MS)
        return false;
    t->tapped = true;
    t->last_tap = ms;
    switch (t->view) {
    case BT_VIEW_LOOP:
        open_touch(t);
        break;
    case BT_VIEW_TOPICS:
        if (in.target == BT_TARGET_TILE)
            open_group(t, in.index);
        else if (in.target == BT_TARGET_HOME || in.target == BT_TARGET_BACK)
            to_loop(t);
        break;
    case BT_VIEW_TOPIC:
        if (in.target == BT_TARGET_NEXT)
            turn(t, +1);
        else if (in.target == BT_TARGET_PREV)
            turn(t, -1);
        else if (in.target == BT_TARGET_BACK)
            back(t);
        else if (in.target == BT_TARGET_HOME)
            to_loop(t);
        else if (in.target == BT_TARGET_SLIDE)
            t->paused = !t->paused;
        break;
    }
    return true;
}

bool bt_touch_input(bt_touch *t, bt_input in, uint64_t ms)
{
    bt_view view = t->view;
    int group = t->group, page = t->page, selected = t->selected;
    t->last_input = ms;
    if (in.kind >= BT_INPUT_KEY_LEFT && in.kind <= BT_INPUT_KEY_OTHER)
        t->keyboard = true;
    else if (in.kind == BT_INPUT_TAP)
        t->keyboard = false;
    switch (in.kind) {
    case BT_INPUT_PRESS:
        t->pressed = true;
        return false;
    case BT_INPUT_RELEASE:
        t->pressed = false;
        return false;
    case BT_INPUT_TAP:
        on_tap(t, in, ms);
        break;
    case BT_INPUT_SWIPE_NEXT:
    case BT_INPUT_SWIPE_PREV:
        if (t->view == BT_VIEW_TOPIC)
            turn(t, in.kind == BT_INPUT_SWIPE_NEXT ? +1 : -1);
        else if (t->view == BT_VIEW_LOOP)
            open_touch(t);
        break;
    case BT_INPUT_KEY_LEFT:
    case BT_INPUT_KEY_RIGHT:
    case BT_INPUT_KEY_UP:
    case BT_INPUT_KEY_DOWN: {
        int dir = in.kind == BT_INPUT_KEY_LEFT || in.kind == BT_INPUT_KEY_UP ? -1 : +1;
        if (t->view == BT_VIEW_TOPIC)
            turn(t, dir);
        else if (t->view == BT_VIEW_TOPICS)
            select_tile(t, in.kind == BT_INPUT_KEY_UP || in.kind == BT_INPUT_KEY_DOWN ? 3 * dir : dir);
        else
            open_touch(t);
        break;
    }
    case BT_INPUT_KEY_ENTER:
        if (t->view == BT_VIEW_TOPICS)
            open_group(t, t->selected);
        else if (t->view == BT_VIEW_TOPIC)
            turn(t, +1);
        else
            open_touch(t);
        break;
    case BT_INPUT_KEY_BACK:
        if (t->view != BT_VIEW_LOOP)
            back(t);
        break;
    case BT_INPUT_KEY_OTHER:
        if (t->view == BT_VIEW_LOOP)
            open_touch(t);
        break;
    }
    bool moved = t->view != view || t->group != group || t->page != page;
    if (moved)
        t->paused = false; /* a new page's clip plays */
    return moved || t->selected != selected;
}

uint64_t bt_touch_deadline(const bt_touch *t)
{
    if (t->view == BT_VIEW_LOOP || t->pressed)
        return UINT64_MAX;
    return t->last_input + (uint64_t)t->pl->idle_timeout_ms;
}

/* How long the countdown before an idle return shows: its last seconds,
 * and never more than a third of the timeout; none for a timeout too short
 * to read one in. */
static uint64_t countdown_ms(const bt_touch *t)
{
    uint64_t timeout = (uint64_t)t->pl->idle_timeout_ms, third = timeout / 3;
    if (timeout < BT_TOUCH_COUNTDOWN_MIN_MS)
        return 0;
    return third < BT_TOUCH_COUNTDOWN_MS ? third : BT_TOUCH_COUNTDOWN_MS;
}

int bt_touch_countdown(const bt_touch *t, uint64_t ms)
{
    uint64_t d = bt_touch_deadline(t);
    if (d == UINT64_MAX || ms >= d || d - ms > countdown_ms(t))
        return 0;
    return (int)((d - ms + 999) / 1000);
}

uint64_t bt_touch_countdown_at(const bt_touch *t, uint64_t ms)
{
    uint64_t d = bt_touch_deadline(t), w = countdown_ms(t);
    if (d == UINT64_MAX || ms >= d || w == 0)
        return UINT64_MAX;
    if (d - ms > w)
        return d - w;
    /* The next whole second left, then the return itself. */
    uint64_t left = d - ms, secs = (left + 999) / 1000;
    return secs > 1 ? d - (secs - 1) * 1000 : d;
}

bool bt_touch_tick(bt_touch *t, uint64_t ms)
{
    if (ms < bt_touch_deadline(t))
        return false;
    to_loop(t);
    t->paused = false;
    return true;
}

int bt_touch_slide(const bt_touch *t)
{
    if (t->view != BT_VIEW_TOPIC)
        return -1;
    return t->groups[t->group].slides[t->page];
}

int bt_touch_neighbour(const bt_touch *t, int dir)
{
    if (t->view != BT_VIEW_TOPIC)
        return -1;
    const bt_group *g = &t->groups[t->group];
    return g->slides[((t->page + dir) % g->n_slides + g->n_slides) % g->n_slides];
}

int bt_touch_tips(const bt_touch *t, int *out, int max)
{
    const bt_playlist *pl = t->pl;
    int topic = t->view == BT_VIEW_TOPIC ? t->groups[t->group].topic : -1;
    int n = 0;
    for (int i = 0; i < pl->n_tips; i++) {
        bool mine = topic < 0 || pl->tips[i].topic_index == topic;
        if (mine) {
            if (n < max)
                out[n] = i;
            n++;
        }
    }
    return n;
}
