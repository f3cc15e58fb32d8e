/* paths.c: resolving asset paths inside the playlist's folder (paths.h). */
#include "paths.h"

#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "utf8.h"

/* A folder on a hostile stick may hold millions of names; a lookup that
 * ignores case stops after this many. */
#define MAX_SCAN_ENTRIES 100000

static const char *const status_words[] = {
    [BT_PATH_OK] = N_("is fine"),
    [BT_PATH_EMPTY] = N_("is empty"),
    [BT_PATH_ABSOLUTE] = N_("must be a path inside the playlist's folder, not an absolute path"),
    [BT_PATH_PARENT] = N_("must stay inside the playlist's folder ('..' is not allowed)"),
    [BT_PATH_BACKSLASH] = N_("is written with \\ as Windows writes paths: write / instead "
                             "(such as images/otp.png)"),
    [BT_PATH_NOT_FOUND] = N_("was not found in the playlist's folder"),
    [BT_PATH_OUTSIDE] = N_("leads outside the playlist's folder (through a link)"),
    [BT_PATH_NOT_FILE] = N_("is not a file (a folder?)"),
    [BT_PATH_NOT_DIR] = N_("is not a folder"),
    [BT_PATH_NO_FOLDER] = N_("cannot be looked up: the playlist's folder cannot be read"),
    [BT_PATH_NO_MEMORY] = N_("cannot be looked up: out of memory"),
};

const char *bt_path_status_words(bt_path_status st)
{
    return _((unsigned)st < sizeof status_words / sizeof *status_words ? status_words[st]
                                                                         : N_("is not usable"));
}

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    /* Not terminated yet: the NUL comes with name's copy below. */
    memcpy(p, dir, a); // NOLINT(bugprone-not-null-terminated-result)
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

bool bt_path_inside(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return true;
    return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

/* The entry of folder dir whose name folds (case, NFC/NFD) to the same
 * as name; malloc'd, or NULL when there is none. */
static char *find_folded(const char *dir, const char *name)
{
    char *want = bt_utf8_fold(name);
    if (!want)
        return NULL;
    DIR *d = opendir(dir);
    char *found = NULL;
    if (d) {
        struct dirent *e;
        for (int seen = 0; !found && seen < MAX_SCAN_ENTRIES && (e = readdir(d)); seen++) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *f = bt_utf8_fold(e->d_name); /* NULL for names not in UTF-8 */
            if (f && strcmp(f, want) == 0)
                found = strdup(e->d_name);
            free(f);
        }
        closedir(d);
    }
    free(want);
    return found;
}

/* Checks the written form alone, before touching the disk. */
static bt_path_status check_form(const char *rel)
{
    if (!rel[0])
        return BT_PATH_EMPTY;
    if (rel[0] == '/')
        return BT_PATH_ABSOLUTE;
    /* A clerk copies paths from Windows' Explorer; a FAT stick cannot hold
     * a name with a backslash anyway. */
    if (strchr(rel, '\\'))
        return BT_PATH_BACKSLASH;
    for (const char *p = rel; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return BT_PATH_PARENT;
        p += n;
        p += *p == '/';
    }
    return BT_PATH_OK;
}

/* Moves *cur (a real path inside root) one component down to name. A plain
 * entry needs one lstat: cur stays a real path. Only a link is followed
 * (realpath), and the result must still be inside root. */
static bt_path_status step(char **cur, const char *name, const char *root, struct stat *st)
{
    char *cand = join(*cur, name);
    if (!cand)
        return BT_PATH_NO_MEMORY;
    if (lstat(cand, st) != 0) {
        char *other = find_folded(*cur, name);
        free(cand);
        if (!other)
            return BT_PATH_NOT_FOUND;
        cand = join(*cur, other);
        free(other);
        if (!cand)
            return BT_PATH_NO_MEMORY;
        if (lstat(cand, st) != 0) {
            free(cand);
            return BT_PATH_NOT_FOUND;
        }
    }
    if (S_ISLNK(st->st_mode)) {
        char *real = realpath(cand, NULL);
        free(cand);
        if (!real)
            return errno == ENOMEM ? BT_PATH_NO_MEMORY : BT_PATH_NOT_FOUND;
        bt_path_status bad = !bt_path_inside(real, root) ? BT_PATH_OUTSIDE
                             : stat(real, st) != 0 ? BT_PATH_NOT_FOUND
                                                   : BT_PATH_OK;
        if (bad != BT_PATH_OK) {
            free(real);
            return bad;
        }
        cand = real;
    }
    free(*cur);
    *cur = cand;
    return BT_PATH_OK;
}

/* bt_path_resolve_below, for a regular file or (dir) a folder. */
static bt_path_status resolve(const char *root, const char *rel, bool dir, char **out)
{
    *out = NULL;
    bt_path_status st = check_form(rel);
    if (st != BT_PATH_OK)
        return st;
    char *cur = strdup(root), *parts = strdup(rel);
    struct stat sb = {0}; /* "." alone names the folder: not a file */
    if (!cur || !parts) {
        st = BT_PATH_NO_MEMORY;
        goto out;
    }
    if (dir && stat(root, &sb) != 0) {
        st = BT_PATH_NO_FOLDER;
        goto out;
    }
    /* One component at a time, so a link anywhere along the way is caught
     * before anything is listed beyond it. */
    for (char *save = NULL, *c = strtok_r(parts, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
        if (strcmp(c, ".") == 0)
            continue;
        if ((st = step(&cur, c, root, &sb)) != BT_PATH_OK)
            goto out;
    }
    /* sb: the last component's (a link's: its target's) */
    if (dir ? !S_ISDIR(sb.st_mode) : !S_ISREG(sb.st_mode)) {
        st = dir ? BT_PATH_NOT_DIR : BT_PATH_NOT_FILE;
        goto out;
    }
    *out = cur;
    cur = NULL;
out:
    free(cur);
    free(parts);
    return st;
}

bt_path_status bt_path_resolve_below(const char *root, const char *rel, char **out)
{
    return resolve(root, rel, false, out);
}

bt_path_status bt_path_resolve_dir_below(const char *root, const char *rel, char **out)
{
    return resolve(root, rel, true, out);
}

bt_path_status bt_path_resolve(const char *dir, const char *rel, char **out)
{
    *out = NULL;
    bt_path_status st = check_form(rel);
    if (st != BT_PATH_OK)
        return st;
    char *root = realpath(dir, NULL);
    if (!root)
        return errno == ENOMEM ? BT_PATH_NO_MEMORY : BT_PATH_NO_FOLDER;
    st = bt_path_resolve_below(root, rel, out);
    free(root);
    return st;
}
