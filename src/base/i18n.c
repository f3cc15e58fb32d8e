/* i18n.c: the catalogs, read from their .mo files, and each thread's
 * language (i18n.h). */
#include "i18n.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>


#define DOMAIN "bangtin"
#define MO_MAGIC 0x950412deU
#define MAX_MO_BYTES (8 * 1024 * 1024)

/* One language's catalog: the .mo file mapped whole, read as its header
 * says (GNU gettext's format: a table of originals sorted by their bytes,
 * a table of translations beside it). */
typedef struct {
    const unsigned char *data;
    size_t size;
    bool swapped; /* written on a machine of the other byte order */
    uint32_t n, originals, translations;
} catalog;

static catalog catalogs[BT_LANG_COUNT];
static bt_language languages[2] = {BT_LANG_EN, BT_LANG_VI}; /* tech, people */
static _Thread_local bt_audience speaking = BT_FOR_TECH;

static const char *const codes[BT_LANG_COUNT] = {[BT_LANG_VI] = "vi", [BT_LANG_EN] = "en"};

const char *bt_language_code(bt_language lang)
{
    return (unsigned)lang < BT_LANG_COUNT ? codes[lang] : "en";
}

int bt_language_find(const char *code)
{
    for (int i = 0; i < BT_LANG_COUNT; i++)
        if (strcmp(codes[i], code) == 0)
            return i;
    return -1;
}

static uint32_t word(const catalog *c, size_t at)
{
    uint32_t v;
    memcpy(&v, c->data + at, 4);
    return c->swapped ? __builtin_bswap32(v) : v;
}

/* The string of table entry i (length, offset) of the table at tab, or
 * NULL when it does not lie inside the file. */
static const char *entry(const catalog *c, uint32_t tab, uint32_t i, uint32_t *len)
{
    size_t at = (size_t)tab + (size_t)i * 8;
    if (at + 8 > c->size)
        return NULL;
    uint32_t n = word(c, at), off = word(c, at + 4);
    if ((size_t)off + n + 1 > c->size || c->data[off + n] != '\0')
        return NULL;
    *len = n;
    return (const char *)c->data + off;
}

/* Maps dir/lang/LC_MESSAGES/bangtin.mo; false when it is not a catalog. */
static bool open_catalog(catalog *c, const char *dir, const char *lang)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/" DOMAIN ".mo", dir, lang);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return false;
    bool ok = fstat(fd, &st) == 0 && st.st_size >= 28 && st.st_size <= MAX_MO_BYTES;
    void *map = ok ? mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    close(fd);
    if (map == MAP_FAILED)
        return false;
    catalog t = {.data = map, .size = (size_t)st.st_size};
    uint32_t magic;
    memcpy(&magic, t.data, 4);
    t.swapped = magic == __builtin_bswap32(MO_MAGIC);
    if (magic != MO_MAGIC && !t.swapped) {
        munmap(map, t.size);
        return false;
    }
    t.n = word(&t, 8);
    t.originals = word(&t, 12);
    t.translations = word(&t, 16);
    *c = t;
    return true;
}

/* The folder holding the catalogs: BANGTIN_LOCALEDIR, else build/locale
 * beside a program built in the tree, else the installed one. */
static void find_catalogs(void)
{
    const char *env = getenv("BANGTIN_LOCALEDIR");
    char exe[PATH_MAX], dir[PATH_MAX + 16];
    char up[PATH_MAX + 16];
    const char *tries[4];
    int n = 0;
    if (env && *env)
        tries[n++] = env;
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(dir, sizeof dir, "%s/locale", exe);
            tries[n++] = dir;
            /* build/tests/ holds the unit tests of build/. */
            snprintf(up, sizeof up, "%s/../locale", exe);
            tries[n++] = up;
        }
    }
    tries[n++] = BT_LOCALEDIR;
    for (int l = 0; l < BT_LANG_COUNT; l++)
        for (int i = 0; i < n && !catalogs[l].data; i++)
            if (l != BT_LANG_EN)
                open_catalog(&catalogs[l], tries[i], codes[l]);
}

/* The technician's language, as gettext reads it: LANGUAGE (a list: its
 * first that bangtin speaks), then LC_ALL, LC_MESSAGES, LANG. */
static bt_language terminal_language(void)
{
    const char *list = getenv("LANGUAGE");
    const char *locale = getenv("LC_ALL");
    if (!locale || !*locale)
        locale = getenv("LC_MESSAGES");
    if (!locale || !*locale)
        locale = getenv("LANG");
    /* LANGUAGE counts only when the locale is not C (gettext's rule). */
    if (list && *list && locale && *locale && strcmp(locale, "C") != 0 &&
        strcmp(locale, "POSIX") != 0) {
        for (const char *p = list; *p;) {
            size_t k = strcspn(p, ":");
            if (k >= 2 && strncmp(p, "vi", 2) == 0 && (k == 2 || p[2] == '_'))
                return BT_LANG_VI;
            if (k >= 2 && strncmp(p, "en", 2) == 0 && (k == 2 || p[2] == '_'))
                return BT_LANG_EN;
            p += k + (p[k] == ':');
        }
    }
    return locale && strncmp(locale, "vi", 2) == 0 && (locale[2] == '\0' || locale[2] == '_' ||
                                                       locale[2] == '.')
               ? BT_LANG_VI
               : BT_LANG_EN;
}

static pthread_once_t found = PTHREAD_ONCE_INIT;

void bt_i18n_init(void)
{
    pthread_once(&found, find_catalogs);
    languages[BT_FOR_TECH] = terminal_language();
}

void bt_i18n_set_people(bt_language lang)
{
    if ((unsigned)lang < BT_LANG_COUNT)
        languages[BT_FOR_PEOPLE] = lang;
}

bt_language bt_i18n_language(bt_audience who)
{
    return languages[who == BT_FOR_PEOPLE];
}

bt_audience bt_i18n_speak(bt_audience who)
{
    bt_audience was = speaking;
    speaking = who;
    return was;
}

const char *bt_i18n_tr(bt_language lang, const char *msgid)
{
    pthread_once(&found, find_catalogs); /* a library's caller may not have called init */
    const catalog *c = (unsigned)lang < BT_LANG_COUNT ? &catalogs[lang] : NULL;
    if (!msgid || !c || !c->data || !*msgid)
        return msgid;
    /* The originals are sorted by their bytes: a binary search. */
    uint32_t lo = 0, hi = c->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2, len;
        const char *orig = entry(c, c->originals, mid, &len);
        if (!orig)
            return msgid;
        int cmp = strcmp(msgid, orig);
        if (cmp == 0) {
            const char *tr = entry(c, c->translations, mid, &len);
            return tr && len > 0 ? tr : msgid;
        }
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return msgid;
}

const char *bt_i18n_here(const char *msgid)
{
    return bt_i18n_tr(bt_i18n_language(speaking), msgid);
}
