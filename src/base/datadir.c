/* datadir.c: where the bundled files are. */
#include "datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef BT_DATADIR
#define BT_DATADIR "/usr/local/share/bangtin"
#endif

static char *try_path(const char *dir, const char *sub, const char *rel)
{
    char buf[PATH_MAX];
    int n = snprintf(buf, sizeof buf, "%s%s/%s", dir, sub, rel);
    if (n < 0 || (size_t)n >= sizeof buf || access(buf, R_OK) != 0)
        return NULL;
    return strdup(buf);
}

char *bt_datadir_find(const char *rel)
{
    char *found = NULL;
    const char *env = getenv("BANGTIN_DATADIR");
    if (env && *env && (found = try_path(env, "", rel)))
        return found;

    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0'; /* the executable's folder, e.g. the tree's build/ */
            if ((found = try_path(exe, "/../assets", rel)) || (found = try_path(exe, "/..", rel)))
                return found;
        }
    }
    return try_path(BT_DATADIR, "", rel);
}
