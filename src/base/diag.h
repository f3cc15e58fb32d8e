/* diag.h: problems found in a playlist, kept as data (libyaml style) and
 * printed as `FILE:LINE:COL: error|warning: MESSAGE` for tools, or with
 * their place in words for a clerk. */
#ifndef BT_DIAG_H
#define BT_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

typedef enum {
    BT_ERROR,
    BT_WARNING,
} bt_severity;

typedef struct {
    bt_severity severity;
    char *file;    /* as given to bt_diags_add */
    int line, col; /* 1-based; 0 when the problem has no place in the file */
    char *message; /* plain words, no trailing newline */
    char *subject; /* the title of the slide it is about, or NULL */
    int skip;      /* bytes of message naming that slide by its id (a clerk's
                    * format names it by its title instead) */
} bt_diag;

typedef struct {
    bt_diag *items;
    int count, cap;
    int errors, warnings;
    char subject[160]; /* given to each new entry ("" : none) */
    char prefix[200];  /* how messages about it start ("slide \"otp\"") */
} bt_diags;

/* An empty list; free its contents with bt_diags_clear(). */
void bt_diags_init(bt_diags *d);

/* Frees every entry and leaves the list empty and reusable. */
void bt_diags_clear(bt_diags *d);

/* Appends a problem; copies of file and the formatted message are made.
 * fmt is English (a message of the catalogs) and is translated into the
 * calling thread's language (base/i18n.h). Stops recording (but keeps
 * counting) past BT_DIAGS_MAX entries so hostile input cannot fill memory
 * with messages. */
void bt_diags_add(bt_diags *d, bt_severity sev, const char *file, int line, int col,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Appends a problem whose message is already made (and translated). */
void bt_diags_put(bt_diags *d, bt_severity sev, const char *file, int line, int col,
                  const char *message);

/* Entries added from now on are about the slide of this title (NULL or
 * "": none), and their messages start with prefix (its id in words, as
 * `slide "otp"`; may be NULL): a clerk finds a slide by its title, not by
 * its id. */
void bt_diags_subject(bt_diags *d, const char *title, const char *prefix);

/* Removes the entries from index `from` on that say again what an entry
 * before `from` says (the same severity, place and message): a second
 * reading of the same file (the copy of a stick) adds only what is new. */
void bt_diags_drop_repeats(bt_diags *d, int from);

/* Formats one problem as `FILE:LINE:COL: error: MESSAGE` into buf: the
 * format of tools and editors, the same in every language. */
void bt_diag_format(const bt_diag *p, char *buf, size_t size);

/* Formats one problem for a clerk, in the office's language (base/i18n.h),
 * its place in words: `playlist.yaml, dòng 10, cột 12 (trang “Tiêu đề”):
 * MESSAGE`; without its severity (the caller groups by it). */
void bt_diag_format_people(const bt_diag *p, char *buf, size_t size);

/* Prints every problem, one a line, to out. */
void bt_diags_print(const bt_diags *d, FILE *out);

#define BT_DIAGS_MAX 1000

#endif
