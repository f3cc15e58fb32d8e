/* i18n.h: the languages bangtin speaks, through gettext's catalogs.
 *
 * English is the source language: every message a person reads is written
 * in English in the code and marked (`_("...")`), xgettext gathers them into
 * po/bangtin.pot, po/vi.po translates them, msgfmt makes the .mo catalog
 * that `make install` puts in PREFIX/share/locale/vi/LC_MESSAGES/.
 *
 * Two readers, two languages at once: the office (the screen, errors.txt
 * and the report on a stick) reads Vietnamese by default whatever the
 * kiosk's locale (under systemd it has none), while a technician's terminal
 * (--check, --status, the log) follows LANGUAGE / LC_ALL / LC_MESSAGES /
 * LANG, English unless they say Vietnamese. libintl picks one language per
 * process from its locale, and a board often has no locale installed: so
 * the catalogs are read here (their .mo format, as GNU gettext writes it),
 * and each thread speaks one language: _() translates into the calling
 * thread's. A thread speaks the technician's language unless it is told
 * otherwise (bt_i18n_speak): the thread that imports sticks speaks the
 * office's, since what it finds goes on the stick and the screen. */
#ifndef BT_I18N_H
#define BT_I18N_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    BT_LANG_VI, /* the default for the office: every office reads Vietnamese */
    BT_LANG_EN, /* the source language */
    BT_LANG_COUNT
} bt_language;

/* Who reads a text. */
typedef enum {
    BT_FOR_TECH,   /* a terminal, the log */
    BT_FOR_PEOPLE, /* the screen, a stick */
} bt_audience;

/* Reads the environment for the technician's language and finds the
 * catalogs (BANGTIN_LOCALEDIR, the tree's build/locale beside the program,
 * then the installed one). Call once at start, before other threads; a
 * missing catalog leaves English. */
void bt_i18n_init(void);

/* The office's language (kiosk.yaml `language:`; Vietnamese by default). */
void bt_i18n_set_people(bt_language lang);

/* The language of an audience. */
bt_language bt_i18n_language(bt_audience who);

/* From now on _() in this thread translates for who; returns whom it
 * translated for before, to restore. */
bt_audience bt_i18n_speak(bt_audience who);

/* msgid in lang; msgid itself when there is no translation. The result
 * lives as long as the program. */
const char *bt_i18n_tr(bt_language lang, const char *msgid) __attribute__((format_arg(2)));

/* msgid in the calling thread's language. */
const char *bt_i18n_here(const char *msgid) __attribute__((format_arg(1)));

/* A language's name for kiosk.yaml and the playlist ("vi", "en"), and back
 * (-1 when unknown). */
const char *bt_language_code(bt_language lang);
int bt_language_find(const char *code);

/* One language's catalog, as GNU gettext's msgfmt writes it (a .mo file:
 * a table of originals sorted by their bytes, a table of translations
 * beside it), read from data (which it does not own). Every offset is
 * checked against size: a damaged file loses translations, never more. */
typedef struct {
    const unsigned char *data;
    size_t size;
    bool swapped; /* written on a machine of the other byte order */
    uint32_t n, originals, translations;
} bt_catalog;

/* false when data is not a catalog. */
bool bt_catalog_parse(bt_catalog *c, const unsigned char *data, size_t size);

/* msgid's translation in c, or msgid itself (none, or one whose printf
 * conversions differ from msgid's). */
const char *bt_catalog_find(const bt_catalog *c, const char *msgid) __attribute__((format_arg(2)));

/* Whether two printf formats read the same arguments (n$ positions
 * allowed in the second). */
bool bt_i18n_same_conversions(const char *msgid, const char *msgstr);

#define _(s) bt_i18n_here(s) /* NOLINT: the name is gettext's own */
#define P_(s) bt_i18n_tr(bt_i18n_language(BT_FOR_PEOPLE), s) /* always the office's */
#define N_(s) (s)                                            /* marked, translated later */

#endif
