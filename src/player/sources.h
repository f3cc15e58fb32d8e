/* sources.h: the kiosk's two sources as the player holds them, the
 * province's campaign and the office's playlist (design.md, "Two
 * sources"), and the loop's playlist made from them (model/mix.h).
 *
 * The loop's playlist is a view that shares every string with its two
 * sources, and the content playing and the content replacing it may share
 * a source (a new campaign plays with the same office playlist), so each
 * source is held by count: the last content to let go of it frees it. All
 * on the main thread. */
#ifndef BT_SOURCES_H
#define BT_SOURCES_H

#include <stdbool.h>

#include "model/playlist.h"

typedef struct bt_source bt_source;

/* Holds pl (taken; freed at once when out of memory: NULL). */
bt_source *bt_source_hold(bt_playlist *pl);

/* One more holder of s (NULL is fine); returns s. */
bt_source *bt_source_ref(bt_source *s);

/* One holder less; the last frees the playlist. NULL is fine. */
void bt_source_drop(bt_source *s);

const bt_playlist *bt_source_playlist(const bt_source *s);

/* The loop's playlist for the campaign and the office (either NULL):
 * with both, a view of the two (mix.h) that *view says is the caller's to
 * free (bt_playlist_free frees the view only); with one, that source's own
 * playlist, in its own order (*view false: not to be freed). The office's
 * playlist plays beside a campaign only when office_beside_campaign (not
 * the bundled playlist, which only fills a screen that has nothing else).
 * NULL when both are absent or out of memory. */
bt_playlist *bt_sources_mix(bt_source *campaign, bt_source *office, bool office_beside_campaign,
                            bool *view);

#endif
