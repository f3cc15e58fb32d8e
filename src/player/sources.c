/* sources.c: the two sources held by count, and their mix (sources.h). */
#include "sources.h"

#include <stdlib.h>

#include "model/mix.h"

struct bt_source {
    bt_playlist *pl;
    int holders;
};

bt_source *bt_source_hold(bt_playlist *pl)
{
    bt_source *s = pl ? malloc(sizeof *s) : NULL;
    if (!s) {
        bt_playlist_free(pl);
        return NULL;
    }
    *s = (bt_source){pl, 1};
    return s;
}

bt_source *bt_source_ref(bt_source *s)
{
    if (s)
        s->holders++;
    return s;
}

void bt_source_drop(bt_source *s)
{
    if (!s || --s->holders > 0)
        return;
    bt_playlist_free(s->pl);
    free(s);
}

const bt_playlist *bt_source_playlist(const bt_source *s)
{
    return s ? s->pl : NULL;
}

bt_playlist *bt_sources_mix(bt_source *campaign, bt_source *office, bool office_beside_campaign,
                            bool *view)
{
    bt_playlist *c = campaign ? campaign->pl : NULL, *o = office ? office->pl : NULL;
    if (c && !office_beside_campaign)
        o = NULL;
    *view = c && o;
    return *view ? bt_mix_make(c, o, NULL) : c ? c : o;
}
