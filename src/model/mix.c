/* mix.c: the loop's playlist made from the campaign and the office's
 * playlist (see mix.h for the rule).
 *
 * Contents: the slots; topics merged by id; slides; tips; labels and the
 * rest of the look; the view. */
#include "mix.h"

#include <stdlib.h>
#include <string.h>

/* ---- the slots ----------------------------------------------------------- */

int bt_mix_slots(int c, int o, int every)
{
    if (every < 1)
        every = BT_MIX_EVERY;
    if (o <= 0)
        return 0;
    if (c <= 0)
        return o;
    return c / every > o ? c / every : o;
}

int bt_mix_slot_after(int s, int slots, int c)
{
    if (slots <= 0 || c <= 0)
        return 0;
    /* ceil((s + 1) * c / slots), in 64 bits: counts are bounded, but not by much. */
    long long n = ((long long)(s + 1) * c + slots - 1) / slots;
    return n > c ? c : (int)n;
}

/* ---- topics merged by id ------------------------------------------------- */

static int find_topic(const bt_topic *v, int n, const char *id)
{
    for (int i = 0; id && i < n; i++)
        if (v[i].id && strcmp(v[i].id, id) == 0)
            return i;
    return -1;
}

/* The campaign's topics, then the office's new ones; a topic both define
 * is the office's (its words on its screen). origin: who defined it. */
static bool merge_topics(bt_playlist *m, const bt_playlist *campaign, const bt_playlist *office)
{
    int cap = (campaign ? campaign->n_topics : 0) + (office ? office->n_topics : 0);
    m->topics = calloc((size_t)(cap > 0 ? cap : 1), sizeof *m->topics);
    if (!m->topics)
        return false;
    const bt_playlist *src[2] = {campaign, office};
    for (int k = 0; k < 2; k++) {
        if (!src[k])
            continue;
        for (int i = 0; i < src[k]->n_topics; i++) {
            const bt_topic *t = &src[k]->topics[i];
            int at = find_topic(m->topics, m->n_topics, t->id);
            if (at < 0)
                at = m->n_topics++;
            m->topics[at] = *t;
            m->topics[at].origin = t->origin ? t->origin : src[k]->name;
        }
    }
    return true;
}

/* ---- slides -------------------------------------------------------------- */

/* Appends a copy of s from src (its strings shared), its topic found again
 * among the merged topics by id. */
static void put_slide(bt_playlist *m, const bt_playlist *src, const bt_slide *s, bool repeat)
{
    bt_slide *d = &m->slides[m->n_slides++];
    *d = *s;
    d->topic_index = find_topic(m->topics, m->n_topics, s->topic);
    d->origin = s->origin ? s->origin : src->name;
    d->repeat = repeat || s->repeat;
}

/* The indexes of pl's slides of one priority, in order, into a malloc'd
 * array (*n of them); NULL with *n 0 when there are none or no memory
 * (then *oom). */
static int *of_priority(const bt_playlist *pl, bt_priority pr, int *n, bool *oom)
{
    *n = 0;
    if (!pl || pl->n_slides == 0)
        return NULL;
    int *v = malloc((size_t)pl->n_slides * sizeof *v);
    if (!v) {
        *oom = true;
        return NULL;
    }
    for (int i = 0; i < pl->n_slides; i++)
        if (pl->slides[i].priority == pr)
            v[(*n)++] = i;
    return v;
}

static bool mix_slides(bt_playlist *m, const bt_playlist *campaign, const bt_playlist *office,
                       int every)
{
    bool oom = false;
    int c, o, ca, oa;
    int *cn = of_priority(campaign, BT_PRIORITY_NORMAL, &c, &oom);
    int *on = of_priority(office, BT_PRIORITY_NORMAL, &o, &oom);
    int *cal = of_priority(campaign, BT_PRIORITY_ALERT, &ca, &oom);
    int *oal = of_priority(office, BT_PRIORITY_ALERT, &oa, &oom);
    int slots = office ? bt_mix_slots(c, o, every) : 0;
    m->slides = oom ? NULL
                    : calloc((size_t)c + (size_t)slots + (size_t)ca + (size_t)oa + 1,
                             sizeof *m->slides);
    if (m->slides) {
        int s = 0;
        /* Office slots that come before any campaign slide (c == 0). */
        for (; s < slots && bt_mix_slot_after(s, slots, c) == 0; s++)
            put_slide(m, office, &office->slides[on[s % o]], s >= o);
        for (int i = 0; i < c; i++) {
            put_slide(m, campaign, &campaign->slides[cn[i]], false);
            for (; s < slots && bt_mix_slot_after(s, slots, c) == i + 1; s++)
                put_slide(m, office, &office->slides[on[s % o]], s >= o);
        }
        for (int i = 0; i < ca; i++)
            put_slide(m, campaign, &campaign->slides[cal[i]], false);
        for (int i = 0; office && i < oa; i++)
            put_slide(m, office, &office->slides[oal[i]], false);
    }
    free(cn);
    free(on);
    free(cal);
    free(oal);
    return m->slides != NULL;
}

/* ---- tips ---------------------------------------------------------------- */

static void put_tip(bt_playlist *m, const bt_tip *t)
{
    bt_tip *d = &m->tips[m->n_tips++];
    *d = *t;
    d->topic_index = find_topic(m->topics, m->n_topics, t->topic);
}

/* Both lists spread evenly, each tip once. */
static bool mix_tips(bt_playlist *m, const bt_playlist *campaign, const bt_playlist *office)
{
    int c = campaign ? campaign->n_tips : 0, o = office ? office->n_tips : 0;
    m->tips = calloc((size_t)c + (size_t)o + 1, sizeof *m->tips);
    if (!m->tips)
        return false;
    int s = 0;
    for (; s < o && bt_mix_slot_after(s, o, c) == 0; s++)
        put_tip(m, &office->tips[s]);
    for (int i = 0; i < c; i++) {
        put_tip(m, &campaign->tips[i]);
        for (; s < o && bt_mix_slot_after(s, o, c) == i + 1; s++)
            put_tip(m, &office->tips[s]);
    }
    return true;
}

/* ---- the look ------------------------------------------------------------ */

/* Whether a playlist gave label l itself (it differs from the default). */
static bool label_set(const bt_playlist *pl, int l)
{
    return pl && pl->labels[l] && strcmp(pl->labels[l], bt_label_default((bt_label)l)) != 0;
}

/* The office's look, or the campaign's when there is no office. */
static void take_look(bt_playlist *m, const bt_playlist *campaign, const bt_playlist *office)
{
    const bt_playlist *look = office ? office : campaign;
    m->theme = look->theme;
    m->duration_ms = look->duration_ms;
    m->transition = look->transition;
    m->transition_ms = look->transition_ms;
    m->tip_interval_ms = look->tip_interval_ms;
    m->touch_enabled = look->touch_enabled;
    m->idle_timeout_ms = look->idle_timeout_ms;
    m->off_hours = look->off_hours;
    for (int l = 0; l < BT_LABEL_COUNT; l++)
        m->labels[l] = label_set(office, l) || !label_set(campaign, l) ? look->labels[l]
                                                                       : campaign->labels[l];
}

/* ---- the view ------------------------------------------------------------ */

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

bt_playlist *bt_mix_make(const bt_playlist *campaign, const bt_playlist *office,
                         const bt_mix_rule *rule)
{
    if (!campaign && !office)
        return NULL;
    bt_playlist *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->is_view = true;
    const bt_playlist *look = office ? office : campaign;
    int every = rule && rule->every >= 1 ? rule->every : BT_MIX_EVERY;
    m->path = dup_or_null(look->path);
    m->dir = dup_or_null(look->dir);
    m->name = dup_or_null(look->name); /* the header shows it when the theme has none */
    take_look(m, campaign, office);
    if ((look->path && !m->path) || (look->dir && !m->dir) || (look->name && !m->name) ||
        !merge_topics(m, campaign, office) || !mix_slides(m, campaign, office, every) ||
        !mix_tips(m, campaign, office)) {
        bt_playlist_free(m);
        return NULL;
    }
    return m;
}
