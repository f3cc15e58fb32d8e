/* labels.c: the one table of the player's own texts and their defaults
 * (English here, in the office's language on screen: base/i18n.h). */
#include "labels.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"

static const struct {
    const char *key;
    const char *text;
} labels[BT_LABEL_COUNT] = {
    [BT_LABEL_TOUCH_HINT] = {"touch_hint", N_("Touch the screen to learn more")},
    [BT_LABEL_BACK] = {"back", N_("Back")},
    [BT_LABEL_HOME] = {"home", N_("Home")},
    [BT_LABEL_OTHER] = {"other", N_("Other")},
    [BT_LABEL_ALERT] = {"alert", N_("WARNING")},
    [BT_LABEL_NEXT] = {"next", N_("Next")},
    [BT_LABEL_PREV] = {"prev", N_("Previous")},
    [BT_LABEL_TOPICS] = {"topics", N_("Choose a topic")},
    [BT_LABEL_NO_SLIDES] = {"no_slides", N_("Nothing to show at this time")},
    /* Plain words: the bundled font has no warning sign (U+26A0). */
    [BT_LABEL_CLOCK_UNSET] = {"clock_unset", N_("CLOCK NOT SET")},
    [BT_LABEL_USB_CHECKING] = {"usb_checking", N_("Checking the USB stick, please wait…")},
    [BT_LABEL_USB_LOADED] = {"usb_loaded", N_("The new playlist from the USB stick is loaded")},
    [BT_LABEL_USB_COUNTS] = {"usb_counts", N_("{slides} slides, {tips} tips, {topics} topics")},
    [BT_LABEL_USB_ALREADY] = {"usb_already", N_("The playlist on this USB stick is already loaded")},
    [BT_LABEL_USB_REFUSED] = {"usb_refused", N_("USB stick not loaded: its playlist has errors to fix")},
    [BT_LABEL_USB_ERRORS_FILE] = {"usb_errors_file", N_("The full list of errors: the file bangtin/errors.txt on the USB stick")},
    [BT_LABEL_USB_NOTES_FILE] = {"usb_notes_file", N_("What to fix: the file bangtin/errors.txt on the USB stick")},
    [BT_LABEL_USB_UNAUTHORISED] = {"usb_unauthorised", N_("This USB stick is not allowed on this notice board")},
    [BT_LABEL_USB_ABORTED] = {"usb_aborted", N_("The USB stick was pulled out while copying: nothing loaded, the old playlist plays on")},
    [BT_LABEL_USB_FAILED] = {"usb_failed", N_("The new playlist could not be saved: the old playlist plays on")},
    [BT_LABEL_USB_SAFE] = {"usb_safe", N_("Done: the USB stick can be pulled out")},
    [BT_LABEL_RELOAD_FAILED] = {"reload_failed", N_("The new playlist has errors: the old playlist plays on")},
    [BT_LABEL_FALLBACK] = {"fallback", N_("The newest playlist cannot play: playing the one before it")},
    [BT_LABEL_USB_READ_ONLY] = {"usb_read_only", N_("The notice board's memory card is write-protected: the USB stick cannot be loaded; tell the technician")},
    [BT_LABEL_FIRST_PAGE] = {"first_page", N_("First page")},
    [BT_LABEL_LAST_PAGE] = {"last_page", N_("Last page")},
    [BT_LABEL_IDLE_RETURN] = {"idle_return", N_("Back to the slideshow in {seconds} s")},
    [BT_LABEL_CAMPAIGN_LOADED] = {"campaign_loaded", N_("The province's new campaign is loaded")},
    [BT_LABEL_CAMPAIGN_ALREADY] = {"campaign_already", N_("This campaign is already loaded")},
    [BT_LABEL_CAMPAIGN_REFUSED] = {"campaign_refused", N_("The province's new campaign was not taken")},
    [BT_LABEL_CAMPAIGN_VERSION] = {"campaign_version", N_("Version")},
    [BT_LABEL_CAMPAIGN_KEPT] = {"campaign_kept", N_("Still playing the campaign's version")},
    [BT_LABEL_USB_COPYING_VIDEO] = {"usb_copying_video", N_("Copying video {n}/{total} — {percent}%")},
};

const char *bt_label_key(bt_label l)
{
    return (unsigned)l < BT_LABEL_COUNT ? labels[l].key : NULL;
}

const char *bt_label_default(bt_label l)
{
    return (unsigned)l < BT_LABEL_COUNT ? P_(labels[l].text) : NULL;
}

int bt_label_find(const char *key)
{
    for (int i = 0; i < BT_LABEL_COUNT; i++)
        if (strcmp(labels[i].key, key) == 0)
            return i;
    return -1;
}

/* text with each {name} of names[] replaced by its value. */
static void fill(const char *text, const char *const *names, const int *values, int count,
                 char *buf, unsigned size)
{
    unsigned n = 0;
    while (*text && n + 1 < size) {
        int k = -1;
        for (int i = 0; i < count && k < 0; i++)
            if (strncmp(text, names[i], strlen(names[i])) == 0)
                k = i;
        if (k < 0) {
            buf[n++] = *text++;
            continue;
        }
        n += (unsigned)snprintf(buf + n, size - n, "%d", values[k]);
        if (n >= size)
            n = size - 1;
        text += strlen(names[k]);
    }
    buf[n] = '\0';
}

void bt_label_fill(const char *text, int slides, int tips, int topics, char *buf, unsigned size)
{
    static const char *const names[3] = {"{slides}", "{tips}", "{topics}"};
    const int values[3] = {slides, tips, topics};
    fill(text, names, values, 3, buf, size);
}

void bt_label_fill_seconds(const char *text, int seconds, char *buf, unsigned size)
{
    static const char *const names[1] = {"{seconds}"};
    fill(text, names, &seconds, 1, buf, size);
}

void bt_label_fill_progress(const char *text, int n, int total, int percent, char *buf,
                            unsigned size)
{
    static const char *const names[3] = {"{n}", "{total}", "{percent}"};
    const int values[3] = {n, total, percent};
    fill(text, names, values, 3, buf, size);
}
