/* schema.h: reading YAML mappings into C structs through tables of keys
 * (key, type, field, range), with every problem reported at its place in
 * words a clerk understands. Used by playlist_load.c; plain C, no SDL.
 *
 * A bt_reader carries who is being read ("slide \"otp\"") so that every
 * message names it: `FILE:LINE:COL: error: slide "otp": duration must be ...`. */
#ifndef BT_SCHEMA_H
#define BT_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "imgprobe.h"
#include "playlist_load.h"
#include "yamltree.h"

/* A file the deep check has looked at, and what it found (schema.c): each
 * distinct file (by its identity on disk) is checked once per playlist. */
typedef struct bt_checked bt_checked;

typedef struct {
    bt_diags *diags;
    const char *file; /* name used in messages */
    const char *dir;  /* the playlist's folder: assets are found below it */
    char *root;       /* its real path, found with the first asset; the
                       * reader's maker frees it */
    const bt_load_options *opts;
    char who[200]; /* the subject of messages, "" at the top level */
    bool oom;      /* out of memory at some point: the result is unusable */
    /* the deep check's memory and budget (the reader's maker frees
     * `checked` with bt_reader_forget) */
    bt_checked *checked;
    int n_checked, cap_checked;
    long long check_bytes; /* bytes of distinct files checked so far */
    double check_started;  /* monotonic seconds of the first deep check, 0: none yet */
    bool no_place; /* no YAML behind the messages (a folder read as a
                    * playlist): a message without a node names the file
                    * alone, not 1:1 */
} bt_reader;

/* Frees what the reader remembers of the files it checked. */
void bt_reader_forget(bt_reader *r);

typedef enum {
    BT_V_TEXT,    /* char *, at most `max` characters (0: BT_MAX_SHORT_CHARS) */
    BT_V_SECONDS, /* int milliseconds from seconds > 0, at most BT_MAX_DURATION_MS */
    BT_V_MS,      /* int milliseconds written as a whole number, 0 .. max */
    BT_V_BOOL,    /* bool */
    BT_V_COLOR,   /* bt_color; off2 (if not BT_NO_FIELD) is a bool set to true */
    BT_V_ENUM,    /* an enum (int-sized), the index of the value in `names` */
    BT_V_HOURS,   /* bt_hours */
    BT_V_DATE,    /* bt_date */
    BT_V_IMAGE,   /* char * as written at off, char * resolved path at off2 */
    BT_V_FONT,    /* the same, for a TTF/OTF font */
    BT_V_CUSTOM,  /* read(r, value, target) does it all */
} bt_vtype;

#define BT_NO_FIELD ((size_t)-1)

typedef struct bt_key bt_key;
struct bt_key {
    const char *key;
    bt_vtype type;
    size_t off, off2;
    int max;
    const char *const *names; /* BT_V_ENUM: NULL-terminated */
    bool (*read)(bt_reader *r, const bt_ynode *v, void *target);
};

/* Records a problem at node's place (1:1 when node is NULL, or the file
 * alone with no_place), prefixed by r->who when it is not empty. */
void bt_reader_report(bt_reader *r, bt_severity sev, const bt_ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Appends ": <fmt>" (or sets when empty) to r->who; returns what to give
 * bt_reader_pop() to restore it. */
size_t bt_reader_push(bt_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bt_reader_pop(bt_reader *r, size_t len);

/* Matches the keys of the mapping map against keys[0..n): vals[i] is set to
 * the value of keys[i] (NULL when absent); unknown keys and keys given twice
 * are warned about (with a "did you mean" suggestion). Returns false, with
 * an error naming `what`, when map is not a mapping. */
bool bt_schema_collect(bt_reader *r, const bt_ynode *map, const bt_key *keys, int n,
                       const bt_ynode **vals, const char *what);

/* Reads every present vals[i] into target through keys[i], in the file's
 * order. Returns false when any value had an error (it was reported, and its
 * field was left as it was). */
bool bt_schema_apply(bt_reader *r, const bt_ynode *map, const bt_key *keys, int n,
                     const bt_ynode **vals, void *target);

/* Reads one value v for key k into target. Null values are skipped (true),
 * except colours, where a '#' without quotes is the likely mistake. */
bool bt_schema_value(bt_reader *r, const bt_key *k, const bt_ynode *v, void *target);

/* A scalar as a clean (valid UTF-8, NFC) malloc'd text of at most max
 * characters; NULL (reported) when it is not one. */
char *bt_schema_text(bt_reader *r, const bt_ynode *v, const char *name, int max);

/* Finds and probes the picture v names: *text gets the path as written,
 * *path the resolved one, info its header. Both strings are malloc'd and
 * owned by the caller; false (reported, nothing set) when not usable. */
bool bt_schema_image(bt_reader *r, const bt_ynode *v, const char *name, char **text, char **path,
                     bt_img_info *info);

/* Finds the file v names below the playlist's folder: *text gets the path
 * as written (clean UTF-8), *abs its real path, both malloc'd and the
 * caller's; false (reported as "<name> \"...\" was not found ...") when
 * it is not there or not allowed. */
bool bt_schema_asset(bt_reader *r, const bt_ynode *v, const char *name, char **text, char **abs);

/* The same for a folder ("." is the playlist's own). */
bool bt_schema_folder(bt_reader *r, const bt_ynode *v, const char *name, char **text,
                      char **abs);

/* Probes (and, with opts->verify_image, verifies) the picture at abs,
 * shown in messages as `<name> "<shown>"` at the place of at (which may be
 * NULL); false when it cannot be shown, reported as an error. */
bool bt_schema_probe_image(bt_reader *r, const bt_ynode *at, const char *name, const char *shown,
                           const char *abs, bt_img_info *info);

/* Looks at the video at abs (its header; with opts->video_probe, the
 * whole probe), shown in messages as `video "<shown>"` at at (may be
 * NULL); false when it cannot be played, reported as an error that says
 * why and what to do. */
bool bt_schema_probe_video(bt_reader *r, const bt_ynode *at, const char *shown, const char *abs);

/* "a list", "\"text\"" (shortened): how to name what was found instead. */
void bt_schema_found(const bt_ynode *v, char *buf, size_t size);

/* The same with another quote character around a scalar ('key'). */
void bt_schema_quote(const bt_ynode *v, char quote, char *buf, size_t size);

#endif
