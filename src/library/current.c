/* current.c: what `current` names, --rollback and --reset (see current.h). */
#include "current.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/fsio.h"

#define CURRENT "current"

bool bt_library_current(const char *library, char *buf, size_t size)
{
    bt_store s;
    char err[512], name[BT_STORE_NAME_SIZE];
    buf[0] = '\0';
    bool ok = bt_store_open(&s, library, BT_STORE_READ, NULL, err, sizeof err) &&
              bt_store_current(&s, name);
    bt_store_close(&s);
    if (ok)
        snprintf(buf, size, "playlists/%s", name);
    return ok;
}

void bt_library_import_time(const char *name, char *buf, size_t size)
{
    if (!bt_store_valid_name(name)) {
        snprintf(buf, size, "%s", name);
        return;
    }
    /* YYYYMMDDTHHMMSSZ-hash */
    snprintf(buf, size, "%.4s-%.2s-%.2s %.2s:%.2s:%.2s UTC", name, name + 4, name + 6, name + 9,
             name + 11, name + 13);
}

/* Opens the library for a change by hand: it must exist already (a
 * technician's typo must not make a new, empty one), be writable, and the
 * import lock be free (or waited for). */
static bt_switch_status open_for_change(bt_store *s, const char *library, bool wait, char *err,
                                        size_t errsize)
{
    struct stat st;
    *s = (bt_store){.libfd = -1, .plfd = -1, .lockfd = -1};
    if (stat(library, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errsize, _("there is no library at %s (nothing was ever imported there)"),
                 library);
        return BT_SWITCH_NOTHING;
    }
    bool locked = false;
    char why[600];
    if (!bt_store_open(s, library, wait ? BT_STORE_WAIT : BT_STORE_TRY, &locked, why,
                       sizeof why)) {
        int e = errno;
        if (e == EROFS) {
            snprintf(err, errsize, _("the library %s is on a read-only file system (an SD card "
                     "remounted read-only after an error?): nothing can be changed until it "
                     "can be written"), library);
            return BT_SWITCH_READ_ONLY;
        }
        if (e == EACCES || e == EPERM)
            snprintf(err, errsize, _("this user may not change the library %s: run it as the "
                     "kiosk's user (sudo -u bangtin bangtin ...)"), library);
        else
            snprintf(err, errsize, "%s", why);
        return BT_SWITCH_FAILED;
    }
    if (!locked) {
        snprintf(err, errsize, _("a USB stick is being imported into %s"), library);
        return BT_SWITCH_BUSY;
    }
    return BT_SWITCH_DONE;
}

bt_switch_status bt_library_rollback(const char *library, bool wait, char *from, char *to,
                                     char *err, size_t errsize)
{
    bt_store s;
    from[0] = to[0] = '\0';
    bt_switch_status st = open_for_change(&s, library, wait, err, errsize);
    if (st != BT_SWITCH_DONE) {
        bt_store_close(&s);
        return st;
    }
    char names[64][BT_STORE_NAME_SIZE];
    int n = bt_store_list(&s, names, 64);
    struct stat link;
    if (!bt_store_current(&s, from)) {
        if (fstatat(s.libfd, CURRENT, &link, AT_SYMLINK_NOFOLLOW) == 0)
            snprintf(err, errsize, "nothing to roll back to: %s/" CURRENT " does not name a "
                     "complete import (the kiosk plays the newest one that starts)", library);
        else
            snprintf(err, errsize, _("nothing to roll back to: the kiosk plays its bundled "
                     "playlist (no stick was imported, or --reset was used); plug in the "
                     "office's stick to load its playlist"));
        st = BT_SWITCH_NOTHING;
        goto done;
    }
    /* The newest import older than the current one: names sort by import time. */
    int i = 0;
    while (i < n && strcmp(names[i], from) >= 0)
        i++;
    if (i == n) {
        char when[64];
        bt_library_import_time(from, when, sizeof when);
        snprintf(err, errsize, _("nothing to roll back to: the import playing (%s) is the oldest "
                 "the library keeps"), when);
        st = BT_SWITCH_NOTHING;
        goto done;
    }
    memcpy(to, names[i], BT_STORE_NAME_SIZE);
    char why[600];
    if (!bt_store_switch(&s, to, why, sizeof why)) {
        st = errno == EROFS ? BT_SWITCH_READ_ONLY : BT_SWITCH_FAILED;
        snprintf(err, errsize, "%s", why);
    }
done:
    bt_store_close(&s);
    return st;
}

bt_switch_status bt_library_reset(const char *library, bool wait, char *from, char *err,
                                  size_t errsize)
{
    bt_store s;
    from[0] = '\0';
    bt_switch_status st = open_for_change(&s, library, wait, err, errsize);
    if (st != BT_SWITCH_DONE) {
        bt_store_close(&s);
        return st;
    }
    struct stat link;
    if (fstatat(s.libfd, CURRENT, &link, AT_SYMLINK_NOFOLLOW) != 0) {
        snprintf(err, errsize, _("nothing to reset: the kiosk already plays its bundled playlist"));
        st = BT_SWITCH_NOTHING;
        goto done;
    }
    bt_store_current(&s, from);
    /* One unlink: a player (or a power cut) sees the link or no link. */
    if (unlinkat(s.libfd, CURRENT, 0) != 0) {
        int e = errno;
        snprintf(err, errsize, "cannot remove %s/" CURRENT ": %s", library, strerror(e));
        st = e == EROFS ? BT_SWITCH_READ_ONLY : BT_SWITCH_FAILED;
        goto done;
    }
    bt_fsync_dir(s.libfd);
done:
    bt_store_close(&s);
    return st;
}
