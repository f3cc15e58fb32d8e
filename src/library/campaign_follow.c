/* campaign_follow.c: when to look at a synced campaign folder (see
 * campaign_follow.h). */
#include "campaign_follow.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/bounds.h"

void bt_follow_init(bt_follow *f, int debounce_ms, int quiet_ms)
{
    *f = (bt_follow){
        .debounce_ms = debounce_ms > 0 ? debounce_ms : BT_FOLLOW_DEBOUNCE_MS,
        .quiet_ms = quiet_ms > 0 ? quiet_ms : BT_FOLLOW_QUIET_MS,
    };
}

/* Whether a decision on the state seen may change once it is settled. */
static bool worth_settling(const bt_follow *f)
{
    return !f->decided_settled && (f->last == BT_CIMPORT_WAIT || f->last == BT_CIMPORT_ABORTED);
}

bt_follow_action bt_follow_look(bt_follow *f, uint64_t now, uint64_t fp)
{
    if (!f->seen || fp != f->fp) {
        f->seen = true;
        f->fp = fp;
        f->changed_at = now;
    }
    uint64_t quiet = now >= f->changed_at ? now - f->changed_at : 0;
    bool settled = quiet >= (uint64_t)f->quiet_ms;
    if (!f->decided || f->decided_fp != fp)
        return quiet >= (uint64_t)f->debounce_ms
                   ? (settled ? BT_FOLLOW_DECIDE_SETTLED : BT_FOLLOW_DECIDE)
                   : BT_FOLLOW_NOTHING;
    return settled && worth_settling(f) ? BT_FOLLOW_DECIDE_SETTLED : BT_FOLLOW_NOTHING;
}

void bt_follow_decided(bt_follow *f, uint64_t fp, bool settled, bt_cimport_status st)
{
    f->decided = true;
    f->decided_fp = fp;
    f->decided_settled = settled;
    f->last = st;
}

uint64_t bt_follow_deadline(const bt_follow *f)
{
    if (!f->seen)
        return 0;
    if (!f->decided || f->decided_fp != f->fp)
        return f->changed_at + (uint64_t)f->debounce_ms;
    if (worth_settling(f))
        return f->changed_at + (uint64_t)f->quiet_ms;
    return UINT64_MAX;
}

/* ---- the fingerprint ----------------------------------------------------- */

/* FNV-1a, 64 bits, over n bytes, from h. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        /* the analyzer does not know that readdir fills d_name */
        h = (h ^ b[i]) * 1099511628211ULL; // NOLINT(clang-analyzer-core.UndefinedBinaryOperatorResult)
    return h;
}

typedef struct {
    uint64_t sum, mix;
    int entries;
} walk;

/* Adds every name below the folder fd (whose path is rel) to w. */
static void walk_dir(walk *w, int fd, const char *rel, int depth)
{
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) && w->entries < BT_MAX_CAMPAIGN_ENTRIES) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        struct stat sb = {0};
        if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        w->entries++;
        /* Each entry on its own, then summed: the order readdir gives does
         * not matter. */
        uint64_t h = fnv(1469598103934665603ULL, rel, strlen(rel));
        h = fnv(h, "/", 1);
        h = fnv(h, e->d_name, strlen(e->d_name) + 1);
        long long f[6] = {(long long)(sb.st_mode & S_IFMT), (long long)sb.st_size,
                          (long long)sb.st_mtim.tv_sec, (long long)sb.st_mtim.tv_nsec,
                          (long long)sb.st_ino, (long long)sb.st_ctim.tv_nsec};
        h = fnv(h, f, sizeof f);
        w->sum += h;
        w->mix ^= h * 0x9e3779b97f4a7c15ULL;
        if (S_ISDIR(sb.st_mode) && depth < BT_MAX_MANIFEST_DEPTH) {
            int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) {
                char path[BT_MAX_MANIFEST_PATH_BYTES + 300];
                snprintf(path, sizeof path, "%s/%s", rel, e->d_name);
                walk_dir(w, sub, path, depth + 1);
            }
        }
    }
    closedir(d);
}

uint64_t bt_campaign_fingerprint(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat sb;
    walk w = {0, 0, 0};
    if (fstat(fd, &sb) == 0)
        w.sum = (uint64_t)sb.st_ino; /* the folder itself replaced counts too */
    walk_dir(&w, fd, "", 0);
    uint64_t fp = fnv(w.sum, &w.mix, sizeof w.mix);
    fp = fnv(fp, &w.entries, sizeof w.entries);
    return fp ? fp : 1; /* 0 is "no folder" */
}
