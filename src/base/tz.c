/* tz.c: checking and setting the process's time zone (see tz.h). */
#include "tz.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Where glibc looks for ":Zone" (it honours TZDIR too). */
static const char *zone_dir(void)
{
    const char *d = getenv("TZDIR");
    return d && d[0] == '/' ? d : "/usr/share/zoneinfo";
}

/* The characters of IANA zone names: "Asia/Ho_Chi_Minh", "Etc/GMT+7". */
static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '/' || c == '_' || c == '-' || c == '+';
}

static bool safe_name(const char *name, char *err, size_t errsize)
{
    size_t n = strlen(name);
    if (n == 0) {
        snprintf(err, errsize, _("the time zone is empty; write one like Asia/Ho_Chi_Minh"));
        return false;
    }
    if (n > BT_TZ_MAX_NAME) {
        snprintf(err, errsize, _("the time zone name is too long (%zu characters, at most %d)"), n,
                 BT_TZ_MAX_NAME);
        return false;
    }
    if (name[0] == '/') {
        snprintf(err, errsize,
                 _("write the time zone's name, like Asia/Ho_Chi_Minh, not a path starting "
                 "with '/'"));
        return false;
    }
    /* Every component starts with a letter or digit: no ".", "..", hidden files. */
    for (const char *c = name; *c; c++) {
        bool starts = c == name || c[-1] == '/';
        if (*c == '.' && starts) {
            snprintf(err, errsize, _("a time zone name may not contain \"..\" or start a part "
                                   "with '.'"));
            return false;
        }
        if (!name_char(*c) || (starts && *c == '/')) {
            snprintf(err, errsize,
                     _("\"%s\" is not a time zone name (names look like Asia/Ho_Chi_Minh; see "
                     "timedatectl list-timezones)"),
                     name);
            return false;
        }
    }
    if (name[n - 1] == '/') {
        snprintf(err, errsize, _("\"%s\" is not a time zone name (it ends with '/')"), name);
        return false;
    }
    return true;
}

bool bt_tz_check(const char *name, char *err, size_t errsize)
{
    if (!safe_name(name, err, errsize))
        return false;
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", zone_dir(), name);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    char head[4];
    bool ok = false;
    if (fd < 0) {
        snprintf(err, errsize,
                 _("this machine does not know the time zone \"%s\" (%s; see timedatectl "
                 "list-timezones)"),
                 name, errno == ENOENT ? "no such zone" : strerror(errno));
    } else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, errsize, _("\"%s\" is a group of time zones, not one (write one like "
                               "Asia/Ho_Chi_Minh)"),
                 name);
    } else if (read(fd, head, 4) != 4 || memcmp(head, "TZif", 4) != 0) {
        snprintf(err, errsize, _("%s is not a time zone file (it should start with \"TZif\")"),
                 path);
    } else {
        ok = true;
    }
    if (fd >= 0)
        close(fd);
    return ok;
}

bool bt_tz_apply(const char *name, char *err, size_t errsize)
{
    if (!bt_tz_check(name, err, errsize))
        return false;
    char tz[BT_TZ_MAX_NAME + 2];
    /* The leading ':' makes glibc read the file, never parse the name as a
     * POSIX rule ("UTC-7" would be a rule, not a zone). */
    snprintf(tz, sizeof tz, ":%s", name);
    if (setenv("TZ", tz, 1) != 0) {
        snprintf(err, errsize, _("cannot set the time zone: %s"), strerror(errno));
        return false;
    }
    tzset();
    return true;
}
