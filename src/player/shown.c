/* shown.c: proof of play (shown.h). */
#include "shown.h"

void bt_shown_init(bt_shown *s, bt_playlog *log)
{
    *s = (bt_shown){.log = log, .slide = -1, .group = -1, .clip_secs = -1};
}

void bt_shown_clip(bt_shown *s, double secs)
{
    s->clip_secs = secs;
}

void bt_shown_mark(bt_shown *s, const bt_playlist *pl, const bt_touch *t, int loop_slide, int group,
                   uint64_t now, time_t wall)
{
    if (s->slide >= 0 && s->slide < pl->n_slides) {
        double secs = s->clip_secs >= 0 ? s->clip_secs : (double)(now - s->slide_since) / 1000.0;
        const bt_slide *sl = &pl->slides[s->slide];
        bt_playlog_add(s->log, wall - (time_t)secs, sl->origin ? sl->origin : pl->name, sl->id,
                       secs, false);
    }
    if (s->group >= 0 && s->group < t->n_groups) {
        double secs = (double)(now - s->group_since) / 1000.0;
        int topic = t->groups[s->group].topic;
        const char *origin = topic >= 0 && pl->topics[topic].origin ? pl->topics[topic].origin
                                                                     : pl->name;
        bt_playlog_add(s->log, wall - (time_t)secs, origin,
                       topic >= 0 ? pl->topics[topic].id : "other", secs, true);
    }
    s->slide = loop_slide;
    s->slide_since = now;
    s->clip_secs = -1;
    s->group = group;
    s->group_since = now;
}
