/* playlist.c: the playlist model's own operations (see playlist.h). */
#include "playlist.h"

#include <stdlib.h>
#include <string.h>

void bt_playlist_free(bt_playlist *pl)
{
    if (!pl)
        return;
    free(pl->path);
    free(pl->dir);
    free(pl->name);
    if (pl->is_view) { /* a mix: the arrays are its own, their strings are not */
        free(pl->topics);
        free(pl->slides);
        free(pl->tips);
        free(pl);
        return;
    }
    bt_theme *t = &pl->theme;
    free(t->font);
    free(t->font_path);
    free(t->font_bold);
    free(t->font_bold_path);
    free(t->logo);
    free(t->logo_path);
    free(t->header);
    for (int i = 0; i < pl->n_topics; i++) {
        free(pl->topics[i].id);
        free(pl->topics[i].title);
        free(pl->topics[i].icon);
        free(pl->topics[i].icon_path);
    }
    free(pl->topics);
    for (int i = 0; i < pl->n_slides; i++)
        bt_slide_clear(&pl->slides[i]);
    free(pl->slides);
    for (int i = 0; i < pl->n_tips; i++) {
        free(pl->tips[i].text);
        free(pl->tips[i].topic);
    }
    free(pl->tips);
    for (int i = 0; i < BT_LABEL_COUNT; i++)
        free(pl->labels[i]);
    free(pl);
}

void bt_slide_clear(bt_slide *s)
{
    free(s->id);
    free(s->topic);
    free(s->title);
    free(s->body);
    free(s->image);
    free(s->image_path);
    free(s->pdf);
    free(s->pdf_path);
    free(s->video);
    free(s->video_path);
    free(s->qr);
    memset(s, 0, sizeof *s);
}

int bt_playlist_find_topic(const bt_playlist *pl, const char *id)
{
    for (int i = 0; id && i < pl->n_topics; i++)
        if (strcmp(pl->topics[i].id, id) == 0)
            return i;
    return -1;
}

bt_layout bt_slide_layout(const bt_slide *s)
{
    if (s->layout != BT_LAYOUT_AUTO)
        return s->layout;
    if (s->pdf || s->video)
        return BT_LAYOUT_FULL;
    if (s->image)
        return s->body ? BT_LAYOUT_SPLIT : BT_LAYOUT_IMAGE;
    return BT_LAYOUT_TEXT;
}

bool bt_slide_is_clip(const bt_slide *s)
{
    return s && s->video_path;
}

bool bt_slide_sound(const bt_slide *s, bool touch)
{
    return s->sound == 1 || (touch && s->sound != 0);
}
