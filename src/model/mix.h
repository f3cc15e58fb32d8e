/* mix.h: the loop's playlist made from the kiosk's two sources (design.md,
 * "Two sources"): the province's campaign and the office's own playlist.
 * Plain C, no SDL.
 *
 * How they mix (README, "Two sources on one screen"):
 * - Slides: the campaign's normal slides in their order, with one office
 *   slot for every `every` of them (BT_MIX_EVERY; C / every slots), spread
 *   evenly between them (slot s after ceil((s + 1) * C / slots) campaign
 *   slides); the office's normal slides take the slots in turn (O1 O2 O1
 *   O2 ...). Each office slide is shown at least once a pass: when the
 *   office has more slides than slots, there is one slot per office slide.
 *   A repeated office slide is marked `repeat`: touch mode lists each slide
 *   once. With 9 campaign and 2 office slides: C1 C2 C3 O1 C4 C5 C6 O2 C7
 *   C8 C9 O1.
 * - Alerts of either source stay alerts, and the loop interleaves them
 *   after every slide as it always does (the campaign's first).
 * - Tips: both lists, spread evenly in the same way, none repeated.
 * - The look is the office's: theme (colours, fonts, logo, header,
 *   clock), defaults, touch, display.off_hours; the office's labels, each
 *   label the office left at its default taken from the campaign when the
 *   campaign sets it.
 * - Topics are merged by id: the campaign's in their order, then the
 *   office's new ones; a topic both define takes the office's title, icon
 *   and colour, and gathers the slides and tips of both.
 * - Either source may be absent: the other plays alone, with its own look.
 *
 * The mix is a view: it shares every string with the two playlists, which
 * must outlive it. bt_playlist_free frees only what the view owns. Each
 * slide and topic carries `origin`, the name of the playlist it came
 * from, so that proof of play names the right one. */
#ifndef BT_MIX_H
#define BT_MIX_H

#include "playlist.h"

#define BT_MIX_EVERY 3 /* campaign slides between two office slides */

typedef struct {
    int every; /* campaign slides between two office slides; < 1: BT_MIX_EVERY */
} bt_mix_rule;

/* The loop's playlist for campaign and office (either may be NULL; rule
 * may be NULL for the defaults), as a view sharing their strings (see
 * above). NULL when both are NULL or out of memory. */
bt_playlist *bt_mix_make(const bt_playlist *campaign, const bt_playlist *office,
                         const bt_mix_rule *rule);

/* How many office slots a pass of the loop has for c campaign and o office
 * normal slides (the rule above), and after how many campaign slides slot
 * s comes: exposed for tests and for the README's picture. */
int bt_mix_slots(int c, int o, int every);
int bt_mix_slot_after(int s, int slots, int c);

#endif
