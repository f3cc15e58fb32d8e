/* i18n.c: the catalogs, read from their .mo files, and each thread's
 * language (i18n.h). */
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#define DOMAIN "bangtin"
#define MO_MAGIC 0x950412deU
#define MAX_MO_BYTES (8 * 1024 * 1024)

typedef bt_catalog catalog;

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

bool bt_catalog_parse(catalog *c, const unsigned char *data, size_t size)
{
    catalog t = {.data = data, .size = size};
    if (size < 28 || size > MAX_MO_BYTES)
        return false;
    uint32_t magic;
    memcpy(&magic, data, 4);
    t.swapped = magic == __builtin_bswap32(MO_MAGIC);
    if (magic != MO_MAGIC && !t.swapped)
        return false;
    t.n = word(&t, 8);
    t.originals = word(&t, 12);
    t.translations = word(&t, 16);
    *c = t;
    return true;
}

/* Reads dir/lang/LC_MESSAGES/bangtin.mo whole (a copy: a catalog replaced
 * in place under a running kiosk must not fault it); false when it is not
 * a catalog. */
static bool open_catalog(catalog *c, const char *dir, const char *lang)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/" DOMAIN ".mo", dir, lang);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return false;
    bool ok = fstat(fd, &st) == 0 && st.st_size >= 28 && st.st_size <= MAX_MO_BYTES;
    unsigned char *buf = ok ? malloc((size_t)st.st_size) : NULL;
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!buf || got != (size_t)st.st_size || !bt_catalog_parse(c, buf, got)) {
        free(buf);
        return false;
    }
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

/* The next printf conversion in s from *at: its argument kinds appended to
 * kinds (a letter each: 'i' int, 'l' long, 'L' long long, 'z' size_t, 'd'
 * double, 's' string, 'p' pointer; '*' widths are ints); its position from
 * n$ in *pos (0: none). false at the end of s. */
static bool next_conversion(const char *s, size_t *at, char *kinds, size_t size, int *pos)
{
    const char *p = s + *at;
    while (*p && !(*p == '%' && p[1] != '%'))
        p += *p == '%' ? 2 : 1;
    if (!*p)
        return false;
    p++;
    size_t k = 0;
    *pos = 0;
    if (*p >= '1' && *p <= '9') {
        const char *q = p;
        int n = 0;
        while (*q >= '0' && *q <= '9') {
            if (n < 1000) /* more is no argument position anyway */
                n = n * 10 + (*q - '0');
            q++;
        }
        if (*q == '$') {
            *pos = n;
            p = q + 1;
        }
    }
    while (*p && strchr("-+ #0'123456789.*", *p)) {
        if (*p == '*' && k + 1 < size)
            kinds[k++] = 'i';
        p++;
    }
    char len = 0;
    while (*p && strchr("hlLqjzt", *p))
        len = (char)(*p++ == 'l' && len == 'l' ? 'L' : p[-1]);
    char kind = '?';
    if (*p && strchr("diouxXc", *p))
        kind = len == 'L' || len == 'q' ? 'L' : len == 'l' ? 'l' : len == 'z' || len == 'j' || len == 't' ? 'z' : 'i';
    else if (*p && strchr("eEfFgGaA", *p))
        kind = 'd';
    else if (*p == 's')
        kind = 's';
    else if (*p == 'p')
        kind = 'p';
    if (k + 1 < size)
        kinds[k++] = kind;
    kinds[k] = '\0';
    *at = (size_t)(p - s) + (*p != '\0');
    return true;
}

/* The argument kinds a format reads, in argument order ("" for none);
 * false when it cannot be told (a conversion not understood, positions
 * mixed or out of range). */
static bool conversions(const char *s, char *out, size_t size)
{
    char slots[32][8];
    int n = 0, next = 0;
    bool positional = false, plain = false;
    size_t at = 0;
    char kinds[8];
    int pos;
    memset(slots, 0, sizeof slots);
    while (next_conversion(s, &at, kinds, sizeof kinds, &pos)) {
        if (strchr(kinds, '?'))
            return false;
        int slot = pos ? pos - 1 : next++;
        positional = positional || pos;
        plain = plain || !pos;
        if (slot < 0 || slot >= 32 || (positional && plain))
            return false;
        snprintf(slots[slot], sizeof slots[slot], "%s", kinds);
        if (slot + 1 > n)
            n = slot + 1;
    }
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        size_t k = strlen(slots[i]);
        if (k == 0 || o + k + 1 > size)
            return false;
        memcpy(out + o, slots[i], k + 1);
        o += k;
    }
    return true;
}

bool bt_i18n_same_conversions(const char *msgid, const char *msgstr)
{
    char a[80], b[80];
    bool fa = conversions(msgid, a, sizeof a), fb = conversions(msgstr, b, sizeof b);
    /* Text that is no format in either ("{percent}%": a label filled by
     * hand) is text in both; else the same arguments, in the same kinds. */
    return fa && fb ? strcmp(a, b) == 0 : !fa && !fb;
}

const char *bt_catalog_find(const catalog *c, const char *msgid)
{
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
            /* A translation is used as a printf format: one that would read
             * other arguments than the English (a mistake, or a catalog
             * replaced on disk) is not used. */
            if (!tr || len == 0 || ((strchr(msgid, '%') || strchr(tr, '%')) &&
                                    !bt_i18n_same_conversions(msgid, tr)))
                return msgid;
            return tr;
        }
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return msgid;
}

const char *bt_i18n_tr(bt_language lang, const char *msgid)
{
    pthread_once(&found, find_catalogs); /* a library's caller may not have called init */
    return bt_catalog_find((unsigned)lang < BT_LANG_COUNT ? &catalogs[lang] : NULL, msgid);
}

const char *bt_i18n_here(const char *msgid)
{
    return bt_i18n_tr(bt_i18n_language(speaking), msgid);
}
