/* slide_sources.h: the playlist entries that stand for many slides: a PDF
 * (one slide per page, or the pages asked for) and a folder (one per
 * picture, PDF page and video in it, in natural name order). The entry's
 * own keys (duration, topic, schedule...) are in a template slide that
 * each slide made copies. Part of the loader (playlist_load.c); plain C.
 *
 * Every slide kept goes through a sink, which owns the growing array of
 * the playlist's slides and the table of their ids: an id written in the
 * playlist must be new (else an error), an id made here ("campaign/
 * Slide1.PNG", "docs/cam-nang.pdf#3") is made new with "~2", "~3". */
#ifndef BT_SLIDE_SOURCES_H
#define BT_SLIDE_SOURCES_H

#include <search.h>
#include <stdbool.h>

#include "playlist.h"
#include "schema.h"

typedef struct {
    bt_reader *r;
    bt_playlist *pl;
    int cap;                  /* room in pl->slides */
    struct hsearch_data *ids; /* id -> index into pl->slides */
    bool full;                /* BT_MAX_SLIDES reached, and said */
} bt_slide_sink;

/* Sets up the sink for pl (pl->slides empty) with room for n slides to
 * begin with. False when out of memory (reported). */
bool bt_sink_init(bt_slide_sink *k, bt_reader *r, bt_playlist *pl, struct hsearch_data *ids,
                  int n);

/* The index of the slide kept with this id, or -1. */
int bt_sink_find(const bt_slide_sink *k, const char *id);

/* Appends *s (taken: it is zeroed) to the playlist. With unique, an id
 * already used is made new; without, the caller has checked it. False
 * (s cleared) when the playlist is full (reported once at at) or memory is
 * short. */
bool bt_sink_add(bt_slide_sink *k, bt_slide *s, bool unique, const bt_ynode *at);

/* The pages of the PDF at abs (text: as written, for messages and ids) as
 * slides made from tmpl, each `full` unless tmpl says otherwise: all of
 * them, or those pages (a scalar like "1-4,7", may be NULL) asks for.
 * Problems are reported at at. prefix starts each slide's id. */
void bt_sources_pdf(bt_slide_sink *k, const bt_slide *tmpl, const char *text, const char *abs,
                    const bt_ynode *at, const bt_ynode *pages, const char *prefix);

/* The pictures, PDF pages and videos of the folder at abs (a real path;
 * text as written, "." for the playlist's own, whose playlist file skip is
 * left out) as slides made from tmpl, each `full` unless tmpl says
 * otherwise. Each file that cannot be shown gets a message at at. prefix
 * starts each slide's id (NULL: the folder as written, then the file).
 * Returns how many slides it added; *n_media (may be NULL) how many of its
 * files were pictures, PDFs or videos. */
int bt_sources_folder(bt_slide_sink *k, const bt_slide *tmpl, const char *text, const char *abs,
                      const bt_ynode *at, const char *prefix, const char *skip, int *n_media);

#endif
