/* library.c: finding (and making) the library folder. */
#include "library.h"
#include "base/i18n.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int bt_make_dirs(const char *path)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf) {
        errno = n ? ENAMETOOLONG : ENOENT;
        return -1;
    }
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (stat(buf, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* The folder as given, made when missing. */
static char *use(const char *dir, char *err, size_t errsize)
{
    if (bt_make_dirs(dir) != 0) {
        snprintf(err, errsize, _("cannot create the library folder %s: %s"), dir, strerror(errno));
        return NULL;
    }
    char *copy = strdup(dir);
    if (!copy)
        snprintf(err, errsize, _("out of memory"));
    return copy;
}

/* The system folder when this process may write there (an existing one,
 * or one it can create because it may write in the parent). */
static bool system_usable(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0)
        return S_ISDIR(st.st_mode) && access(dir, W_OK | X_OK) == 0;
    return mkdir(dir, 0755) == 0;
}

char *bt_library_dir_at(const char *opt, const char *system_dir, char *err, size_t errsize)
{
    if (opt && *opt)
        return use(opt, err, errsize);
    if (system_dir && system_usable(system_dir))
        return use(system_dir, err, errsize);

    char path[PATH_MAX];
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (!home || !*home) {
        struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : NULL;
    }
    int n;
    if (xdg && xdg[0] == '/') /* the XDG spec: a relative value is ignored */
        n = snprintf(path, sizeof path, "%s/bangtin", xdg);
    else if (home && *home)
        n = snprintf(path, sizeof path, "%s/.local/share/bangtin", home);
    else {
        snprintf(err, errsize, _("no library folder: give one with --library DIR"));
        return NULL;
    }
    if (n < 0 || (size_t)n >= sizeof path) {
        snprintf(err, errsize, _("the library folder's path is too long"));
        return NULL;
    }
    return use(path, err, errsize);
}

char *bt_library_dir(const char *opt, char *err, size_t errsize)
{
    return bt_library_dir_at(opt, BT_LIBRARY_SYSTEM_DIR, err, errsize);
}
