/* outbox.c: the kiosk's reports and status for the province (outbox.h). */
#include "outbox.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/fsio.h"
#include "library.h"
#include "model/settings.h"
#include "report.h"

bool bt_outbox_dir(const char *outbox, const char *kiosk, char *out, size_t size, char *err,
                   size_t errsize)
{
    if (!outbox || !*outbox || !bt_settings_name_ok(kiosk)) {
        snprintf(err, errsize, _("no outbox, or the kiosk's name \"%s\" cannot name a folder"),
                 kiosk ? kiosk : "");
        return false;
    }
    if (snprintf(out, size, "%s/%s", outbox, kiosk) >= (int)size) {
        snprintf(err, errsize, _("the outbox's path is too long"));
        return false;
    }
    if (bt_make_dirs(out) != 0) {
        snprintf(err, errsize, _("cannot make %s: %s"), out, strerror(errno));
        return false;
    }
    return true;
}

/* Writes dir/name atomically through a temporary file Syncthing ignores. */
static bool write_file(const char *dir, const char *name, const void *data, size_t len, char *err,
                       size_t errsize)
{
    char tmp[4400], path[4400];
    snprintf(tmp, sizeof tmp, "%s/.syncthing.%s.tmp", dir, name);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errsize, _("cannot write %s: %s"), tmp, strerror(errno));
        return false;
    }
    bool ok = bt_write_all(fd, data, len) && fsync(fd) == 0;
    int e = errno;
    ok = close(fd) == 0 && ok;
    if (ok && rename(tmp, path) != 0) {
        e = errno;
        ok = false;
    }
    if (!ok) {
        snprintf(err, errsize, _("cannot write %s: %s"), path, strerror(e));
        unlink(tmp);
        return false;
    }
    bt_fsync_dir_path(dir);
    return true;
}

bool bt_outbox_write_day(const char *outbox, const char *kiosk, const char *library, bt_date day,
                         char *err, size_t errsize)
{
    char dir[4200], name[64];
    if (!bt_outbox_dir(outbox, kiosk, dir, sizeof dir, err, errsize))
        return false;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        snprintf(err, errsize, _("out of memory"));
        return false;
    }
    bt_report_stats st;
    int n = bt_report_write_stats(library, day, day, f, &st, err, errsize);
    bool ok = fclose(f) == 0 && n >= 0;
    snprintf(name, sizeof name, "plays-%04d-%02d-%02d.csv", day.y, day.m, day.d);
    ok = ok && write_file(dir, name, buf, len, err, errsize);
    free(buf);
    return ok;
}

bool bt_outbox_write_status(const char *outbox, const char *kiosk, const bt_status *s, char *err,
                            size_t errsize)
{
    char dir[4200];
    if (!bt_outbox_dir(outbox, kiosk, dir, sizeof dir, err, errsize))
        return false;
    size_t len = 0;
    char *json = bt_status_json(s, &len);
    if (!json) {
        snprintf(err, errsize, _("out of memory"));
        return false;
    }
    bool ok = write_file(dir, BT_STATUS_FILE, json, len, err, errsize);
    free(json);
    return ok;
}

bool bt_outbox_day_file(const char *name, bt_date *day)
{
    /* plays-YYYY-MM-DD.csv */
    if (strlen(name) != 20 || strncmp(name, "plays-", 6) != 0 || strcmp(name + 16, ".csv") != 0)
        return false;
    char date[11];
    memcpy(date, name + 6, 10);
    date[10] = '\0';
    return bt_parse_date(date, day);
}
