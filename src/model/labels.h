/* labels.h: every text the player itself shows, with its Vietnamese default.
 * A playlist's `labels:` mapping overrides them by key. */
#ifndef BT_LABELS_H
#define BT_LABELS_H

typedef enum {
    BT_LABEL_TOUCH_HINT,
    BT_LABEL_BACK,
    BT_LABEL_HOME,
    BT_LABEL_OTHER,
    BT_LABEL_ALERT,
    BT_LABEL_NEXT,
    BT_LABEL_PREV,
    BT_LABEL_TOPICS,
    BT_LABEL_NO_SLIDES,
    BT_LABEL_CLOCK_UNSET, /* in the header instead of a date the clock cannot know */
    /* overlays: {slides}, {tips}, {topics} are replaced by the numbers */
    BT_LABEL_USB_CHECKING,
    BT_LABEL_USB_LOADED,
    BT_LABEL_USB_COUNTS,
    BT_LABEL_USB_ALREADY,
    BT_LABEL_USB_REFUSED,
    BT_LABEL_USB_ERRORS_FILE,
    BT_LABEL_USB_NOTES_FILE, /* loaded with warnings: they are in errors.txt */
    BT_LABEL_USB_UNAUTHORISED,
    BT_LABEL_USB_ABORTED,
    BT_LABEL_USB_FAILED,
    BT_LABEL_USB_SAFE,
    BT_LABEL_RELOAD_FAILED,
    BT_LABEL_FALLBACK,      /* the newest playlist cannot start: an older one plays */
    BT_LABEL_USB_READ_ONLY, /* the library cannot be written: no stick is imported */
    BT_LABEL_FIRST_PAGE,    /* "next" on a topic's last page: the pages go round */
    BT_LABEL_LAST_PAGE,     /* "previous" on its first page */
    BT_LABEL_IDLE_RETURN,   /* the countdown before an idle return to the loop: {seconds} */
    /* the province's campaign (campaign_store.h) */
    BT_LABEL_CAMPAIGN_LOADED,
    BT_LABEL_CAMPAIGN_ALREADY,
    BT_LABEL_CAMPAIGN_REFUSED, /* followed by the reason (bt_campaign_cause_vi) */
    BT_LABEL_CAMPAIGN_VERSION, /* before the number: "version 7" */
    BT_LABEL_CAMPAIGN_KEPT,    /* before the number of the campaign that plays on */
    /* while a stick's clips are copied: {n} of {total}, {percent} of this one */
    BT_LABEL_USB_COPYING_VIDEO,
    BT_LABEL_COUNT
} bt_label;

/* The key of a label in `labels:` ("touch_hint"), or NULL when out of range. */
const char *bt_label_key(bt_label l);

/* The built-in text of a label. */
const char *bt_label_default(bt_label l);

/* Copies label text into buf, replacing {slides}, {tips} and {topics} by
 * the numbers (plain text substitution: a label is never a format). */
void bt_label_fill(const char *text, int slides, int tips, int topics, char *buf, unsigned size);

/* The same for the countdown's {seconds}. */
void bt_label_fill_seconds(const char *text, int seconds, char *buf, unsigned size);
/* The same with {n}, {total} and {percent} (BT_LABEL_USB_COPYING_VIDEO). */
void bt_label_fill_progress(const char *text, int n, int total, int percent, char *buf,
                            unsigned size);

/* The label with this key, or -1. */
int bt_label_find(const char *key);

#endif
