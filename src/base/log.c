/* log.c: one-line diagnostics for the journal. */
#include "log.h"

#include "i18n.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static bt_log_level max_level = BT_LOG_INFO;

/* The last warnings and errors, for the kiosk's status (--status). */
static pthread_mutex_t recent_lock = PTHREAD_MUTEX_INITIALIZER;
static bt_log_entry recent[BT_LOG_RECENT];
static int n_recent, next_recent;

static void remember(bt_log_level level, const char *text)
{
    pthread_mutex_lock(&recent_lock);
    bt_log_entry *e = &recent[next_recent];
    e->when = time(NULL);
    e->level = level;
    snprintf(e->text, sizeof e->text, "%s", text);
    next_recent = (next_recent + 1) % BT_LOG_RECENT;
    if (n_recent < BT_LOG_RECENT)
        n_recent++;
    pthread_mutex_unlock(&recent_lock);
}

int bt_log_recent(bt_log_entry *out, int max)
{
    pthread_mutex_lock(&recent_lock);
    int n = n_recent < max ? n_recent : max;
    for (int i = 0; i < n; i++) /* oldest first */
        out[i] = recent[(next_recent - n + i + BT_LOG_RECENT) % BT_LOG_RECENT];
    pthread_mutex_unlock(&recent_lock);
    return n;
}

void bt_log_set_level(bt_log_level max)
{
    max_level = max;
}

void bt_log(bt_log_level level, const char *fmt, ...)
{
    if (level > max_level)
        return;
    char line[2048];
    int n = snprintf(line, sizeof line, "<%d>bangtin: ", (int)level);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n - 1, bt_i18n_tr(bt_i18n_language(BT_FOR_TECH), fmt), ap);
    va_end(ap);
    /* One line per event: a message must not break the journal's framing. */
    for (char *p = line + n; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    if (level <= BT_LOG_WARNING)
        remember(level, line + n);
    size_t len = strlen(line);
    line[len++] = '\n';
    /* A single write(2) keeps lines from two threads from interleaving. */
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}

void bt_log_diags(const bt_diags *d)
{
    for (int i = 0; i < d->count; i++) {
        char line[1400];
        bt_diag_format(&d->items[i], line, sizeof line);
        bt_log(d->items[i].severity == BT_ERROR ? BT_LOG_ERROR : BT_LOG_WARNING, "%s", line);
    }
}
