/* pairing.c: the kiosk's pairing key, and checking and writing it on sticks.
 *
 * Contents: key text (hex) - reading a key file - writing a key file
 * atomically - the kiosk's key - sticks - the --pair command. */
#include "pairing.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/fsio.h"
#include "library.h"
#include "stick_guide.h"

#define KEY_BYTES ((int)sizeof(((bt_pair_key *)0)->bytes))
#define KEY_HEX (2 * KEY_BYTES)

void bt_pairing_key_clear(bt_pair_key *key)
{
    if (key)
        explicit_bzero(key->bytes, sizeof key->bytes);
}

/* ---- Key text: 32 hex digits and a newline ---------------------------- */

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Exactly 32 hex digits, then nothing, "\n" or "\r\n". Anything else is
 * refused rather than guessed at: a key file is written by us, not typed. */
static bool parse_key_text(const unsigned char *buf, size_t n, bt_pair_key *out)
{
    if (!(n == KEY_HEX || (n == KEY_HEX + 1 && buf[KEY_HEX] == '\n') ||
          (n == KEY_HEX + 2 && buf[KEY_HEX] == '\r' && buf[KEY_HEX + 1] == '\n')))
        return false;
    for (int i = 0; i < KEY_BYTES; i++) {
        int hi = hex_value(buf[2 * i]), lo = hex_value(buf[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            bt_pairing_key_clear(out);
            return false;
        }
        out->bytes[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

/* The file's text: 32 lower-case hex digits and "\n" (33 bytes, no NUL). */
static void format_key_text(const bt_pair_key *key, char text[KEY_HEX + 1])
{
    bt_hex(key->bytes, KEY_BYTES, text); /* its NUL goes where the newline does */
    text[KEY_HEX] = '\n';
}

/* Constant time: every byte is looked at whatever differs, so the time
 * taken tells a stick's owner nothing about how close its key came. */
static bool keys_equal(const bt_pair_key *a, const bt_pair_key *b)
{
    volatile unsigned char diff = 0;
    for (int i = 0; i < KEY_BYTES; i++)
        diff |= (unsigned char)(a->bytes[i] ^ b->bytes[i]);
    return diff == 0;
}

/* ---- Reading a key file --------------------------------------------------- */

typedef enum {
    READ_OK,
    READ_BAD,    /* not a regular file, too big, or not a key */
    READ_IO,     /* fstat or read failed (errno set) */
} read_status;

/* Reads the key file open on fd into *out. Checks the type and size before
 * reading a byte, so a huge file or a device costs nothing. */
static read_status read_key_fd(int fd, bt_pair_key *out)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return READ_IO;
    if (!S_ISREG(st.st_mode) || st.st_size > BT_PAIRING_KEY_FILE_MAX)
        return READ_BAD;

    /* One byte more than allowed, to notice a file that grew since fstat. */
    unsigned char buf[BT_PAIRING_KEY_FILE_MAX + 1];
    size_t n = 0;
    read_status rs = READ_OK;
    while (n < sizeof buf) {
        ssize_t r = read(fd, buf + n, sizeof buf - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rs = READ_IO;
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (rs == READ_OK && (n > BT_PAIRING_KEY_FILE_MAX || !parse_key_text(buf, n, out)))
        rs = READ_BAD;
    explicit_bzero(buf, sizeof buf);
    return rs;
}

typedef enum {
    KF_LOADED,
    KF_MISSING,
    KF_UNREADABLE, /* exists (or may) but cannot be read: errno in *saved_errno */
    KF_DAMAGED,
} key_file_status;

/* Loads the kiosk's own key file name, relative to dirfd (or AT_FDCWD).
 * It is the kiosk's file, not a stick's, so a symlink to it is followed
 * (a technician may link /etc/bangtin/usb.key elsewhere). */
static key_file_status load_key_file(int dirfd, const char *name, bt_pair_key *out, int *saved_errno)
{
    int fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *saved_errno = errno;
        return errno == ENOENT ? KF_MISSING : KF_UNREADABLE;
    }
    read_status rs = read_key_fd(fd, out);
    *saved_errno = errno;
    close(fd);
    if (rs == READ_OK)
        return KF_LOADED;
    return rs == READ_BAD ? KF_DAMAGED : KF_UNREADABLE;
}

/* ---- Writing a key file atomically ---------------------------------------- */

typedef enum {
    WRITE_OK,
    WRITE_EXISTS, /* no_replace, and name appeared meanwhile */
    WRITE_FAILED, /* reason in err */
} write_status;

/* Writes key as dirfd/name: a temporary file beside it, fsync, rename,
 * fsync of the folder, so a power cut leaves the old file or the new one,
 * whole. shown is dirfd's path for messages. exact_mode: make the file
 * 0600 whatever the umask (sticks' filesystems have no modes). */
static write_status write_key_file(int dirfd, const char *shown, const char *name, const bt_pair_key *key,
                                   bool no_replace, bool exact_mode, char *err, size_t errsize)
{
    char tmp[NAME_MAX + 1];
    snprintf(tmp, sizeof tmp, ".%s.tmp-%ld", name, (long)getpid());
    int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
    int fd = openat(dirfd, tmp, flags, 0600);
    if (fd < 0 && errno == EEXIST) { /* left by a crashed run with our pid */
        unlinkat(dirfd, tmp, 0);
        fd = openat(dirfd, tmp, flags, 0600);
    }
    if (fd < 0) {
        snprintf(err, errsize, _("cannot write in %s: %s"), shown, strerror(errno));
        return WRITE_FAILED;
    }

    char text[KEY_HEX + 1];
    format_key_text(key, text);
    const char *what = NULL;
    if (exact_mode && fchmod(fd, 0600) != 0)
        what = "set the mode of";
    for (size_t done = 0; !what && done < sizeof text;) {
        ssize_t w = write(fd, text + done, sizeof text - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            what = "write";
        } else {
            done += (size_t)w;
        }
    }
    explicit_bzero(text, sizeof text);
    if (!what && fsync(fd) != 0)
        what = "write";
    int saved = errno;
    if (close(fd) != 0 && !what) {
        saved = errno;
        what = "write";
    }
    if (what) {
        unlinkat(dirfd, tmp, 0);
        snprintf(err, errsize, _("cannot %s %s/%s: %s"), what, shown, name, strerror(saved));
        return WRITE_FAILED;
    }

    if ((no_replace ? bt_rename_noreplace(dirfd, tmp, name) : renameat(dirfd, tmp, dirfd, name)) != 0) {
        saved = errno;
        unlinkat(dirfd, tmp, 0);
        if (saved == EEXIST && no_replace)
            return WRITE_EXISTS;
        snprintf(err, errsize, _("cannot write %s/%s: %s"), shown, name, strerror(saved));
        return WRITE_FAILED;
    }
    if (bt_fsync_dir(dirfd) != 0) {
        snprintf(err, errsize, _("cannot write %s/%s: %s"), shown, name, strerror(errno));
        return WRITE_FAILED;
    }
    return WRITE_OK;
}

/* ---- The kiosk's key ------------------------------------------------------- */

/* 16 bytes from the kernel's CSPRNG. getrandom blocks only until the pool
 * is first seeded at boot, which is what a key needs. */
static bool random_key(bt_pair_key *out, char *err, size_t errsize)
{
    size_t n = 0;
    while (n < sizeof out->bytes) {
        ssize_t r = getrandom(out->bytes + n, sizeof out->bytes - n, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            snprintf(err, errsize, _("cannot get random bytes for a pairing key: %s"), strerror(errno));
            bt_pairing_key_clear(out);
            return false;
        }
        n += (size_t)r;
    }
    return true;
}

static void say_damaged(const char *path, char *err, size_t errsize)
{
    snprintf(err, errsize,
             _("the pairing key file %s is damaged (it must hold 32 hex digits); it was left as it is: "
             "restore it from a backup, or delete it to make a new key and pair the office's sticks again"),
             path);
}

/* The kiosk's key: the system file when readable, else the library's, made
 * when absent. strict: a system file that exists but cannot be read is an
 * error instead of a reason to use the library's key. */
static bool load_or_create(const char *system_key, const char *library_dir, bool strict, bt_pair_key *out,
                           char *err, size_t errsize)
{
    int e = 0;
    if (system_key && *system_key) {
        switch (load_key_file(AT_FDCWD, system_key, out, &e)) {
        case KF_LOADED:
            return true;
        case KF_DAMAGED:
            say_damaged(system_key, err, errsize);
            return false;
        case KF_UNREADABLE:
            if (strict) {
                snprintf(err, errsize,
                         _("cannot read the pairing key file %s: %s; run this as the user the kiosk runs as"),
                         system_key, strerror(e));
                return false;
            }
            break;
        case KF_MISSING:
            break;
        }
    }

    if (!library_dir || !*library_dir) {
        snprintf(err, errsize, _("no library folder for the pairing key"));
        return false;
    }
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", library_dir, BT_PAIRING_LIBRARY_KEY);
    int dirfd = bt_make_dirs(library_dir) == 0 ? open(library_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (dirfd < 0) {
        snprintf(err, errsize, _("cannot create the library folder %s: %s"), library_dir, strerror(errno));
        return false;
    }

    bool ok = false;
    /* Twice at most: when another bangtin made the key between our look
     * and our rename, we use theirs. */
    for (int attempt = 0; attempt < 2; attempt++) {
        key_file_status ks = load_key_file(dirfd, BT_PAIRING_LIBRARY_KEY, out, &e);
        if (ks == KF_LOADED) {
            ok = true;
            break;
        }
        if (ks == KF_DAMAGED) {
            say_damaged(path, err, errsize);
            break;
        }
        if (ks == KF_UNREADABLE) {
            snprintf(err, errsize, _("cannot read the pairing key file %s: %s"), path, strerror(e));
            break;
        }
        if (!random_key(out, err, errsize))
            break;
        write_status ws = write_key_file(dirfd, library_dir, BT_PAIRING_LIBRARY_KEY, out, true, true, err,
                                         errsize);
        if (ws == WRITE_OK) {
            ok = true;
            break;
        }
        if (ws == WRITE_FAILED)
            break;
        snprintf(err, errsize, _("the pairing key file %s keeps changing"), path);
    }
    close(dirfd);
    if (!ok)
        bt_pairing_key_clear(out);
    return ok;
}

bool bt_pairing_load_or_create_at(const char *system_key, const char *library_dir, bt_pair_key *out,
                                  char *err, size_t errsize)
{
    return load_or_create(system_key, library_dir, false, out, err, errsize);
}

bool bt_pairing_load_or_create(const char *library_dir, bt_pair_key *out, char *err, size_t errsize)
{
    return load_or_create(BT_PAIRING_SYSTEM_KEY, library_dir, false, out, err, errsize);
}

/* ---- Sticks ------------------------------------------------------------------ */

/* What a failed open on the stick means: absent, a symlink or a file
 * where a folder should be, or the stick failing under us. */
static bt_stick_auth open_failure(int e)
{
    if (e == ENOENT)
        return BT_STICK_NO_KEY;
    if (e == ELOOP || e == ENOTDIR || e == EMLINK)
        return BT_STICK_BAD_KEY_FILE;
    return BT_STICK_UNREADABLE;
}

bt_stick_auth bt_pairing_check_stick(const char *stick_root, const bt_pair_key *key)
{
    int rootfd = open(stick_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rootfd < 0)
        return BT_STICK_UNREADABLE;
    /* Each component opened without following a symlink, so a stick cannot
     * point us at a file elsewhere (a kiosk's own key, a device). */
    int dirfd = openat(rootfd, BT_PAIRING_STICK_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int e = errno;
    close(rootfd);
    if (dirfd < 0)
        return open_failure(e);
    /* O_NONBLOCK: a FIFO or a device must not hang the check; fstat then
     * refuses it. */
    int fd = openat(dirfd, BT_PAIRING_STICK_KEY, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    e = errno;
    close(dirfd);
    if (fd < 0)
        return open_failure(e);

    bt_pair_key found;
    read_status rs = read_key_fd(fd, &found);
    close(fd);
    bt_stick_auth a;
    if (rs == READ_IO)
        a = BT_STICK_UNREADABLE;
    else if (rs == READ_BAD)
        a = BT_STICK_BAD_KEY_FILE;
    else
        a = keys_equal(&found, key) ? BT_STICK_PAIRED : BT_STICK_WRONG_KEY;
    bt_pairing_key_clear(&found);
    return a;
}

bool bt_pairing_write_stick(const char *stick_root, const bt_pair_key *key, char *err, size_t errsize)
{
    int rootfd = open(stick_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (rootfd < 0) {
        snprintf(err, errsize, _("cannot open the stick folder %s: %s"), stick_root, strerror(errno));
        return false;
    }
    char shown[PATH_MAX];
    snprintf(shown, sizeof shown, "%s/%s", stick_root, BT_PAIRING_STICK_DIR);

    if (mkdirat(rootfd, BT_PAIRING_STICK_DIR, 0755) == 0) {
        /* The new folder's entry must reach the stick too. */
        if (bt_fsync_dir(rootfd) != 0) {
            snprintf(err, errsize, _("cannot create %s: %s"), shown, strerror(errno));
            close(rootfd);
            return false;
        }
    } else if (errno != EEXIST) {
        snprintf(err, errsize, _("cannot create %s: %s"), shown, strerror(errno));
        close(rootfd);
        return false;
    }
    int dirfd = openat(rootfd, BT_PAIRING_STICK_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int e = errno;
    close(rootfd);
    if (dirfd < 0) {
        if (e == ELOOP || e == ENOTDIR)
            snprintf(err, errsize, _("%s is not a folder (or is a symbolic link): remove it and try again"),
                     shown);
        else
            snprintf(err, errsize, _("cannot open %s: %s"), shown, strerror(e));
        return false;
    }
    write_status ws = write_key_file(dirfd, shown, BT_PAIRING_STICK_KEY, key, false, false, err, errsize);
    close(dirfd);
    return ws == WRITE_OK;
}

const char *bt_stick_auth_words(bt_stick_auth a)
{
    switch (a) {
    case BT_STICK_PAIRED:
        return _("paired with this kiosk");
    case BT_STICK_NO_KEY:
        return _("not paired (no bangtin/kiosk.key)");
    case BT_STICK_WRONG_KEY:
        return _("paired with another kiosk");
    case BT_STICK_BAD_KEY_FILE:
        return _("bangtin/kiosk.key is not a valid key file");
    case BT_STICK_UNREADABLE:
        return _("bangtin/kiosk.key could not be read");
    }
    return "unknown";
}

/* ---- The --pair command -------------------------------------------------- */

int bt_pairing_cmd_at(const char *stick_root, const char *system_key, const char *library_opt)
{
    char err[PATH_MAX + 256];
    char *library = bt_library_dir(library_opt, err, sizeof err);
    if (!library) {
        fprintf(stderr, _("bangtin: %s\n"), err);
        return 1;
    }
    bt_pair_key key;
    bool ok = load_or_create(system_key, library, true, &key, err, sizeof err);
    free(library);
    if (!ok) {
        fprintf(stderr, _("bangtin: %s\n"), err);
        return 1;
    }

    bt_stick_auth before = bt_pairing_check_stick(stick_root, &key);
    ok = bt_pairing_write_stick(stick_root, &key, err, sizeof err);
    /* Read back what the kiosk will read: a stick that lies about writes
     * is caught now, not when staff first plug it in. */
    if (ok && bt_pairing_check_stick(stick_root, &key) != BT_STICK_PAIRED) {
        snprintf(err, sizeof err, "the key written to %s/%s/%s did not read back the same: try another stick",
                 stick_root, BT_PAIRING_STICK_DIR, BT_PAIRING_STICK_KEY);
        ok = false;
    }
    bt_pairing_key_clear(&key);
    if (!ok) {
        fprintf(stderr, _("bangtin: %s\n"), err);
        return 1;
    }
    /* What to put in the folder, for the clerk who receives the stick. */
    char guide_dir[PATH_MAX];
    snprintf(guide_dir, sizeof guide_dir, "%s/%s", stick_root, BT_PAIRING_STICK_DIR);
    if (!bt_stick_guide_write(guide_dir, err, sizeof err))
        fprintf(stderr, _("bangtin: note: %s (the stick is paired all the same)\n"), err);
    if (before == BT_STICK_WRONG_KEY)
        fprintf(stderr, _("bangtin: note: this stick was paired with another kiosk; it now works only on this one\n"));
    printf(_("paired: this stick can now load playlists on this kiosk\n"));
    return fflush(stdout) == 0 ? 0 : 1;
}

int bt_pairing_cmd(const char *stick_root, const char *library_opt)
{
    return bt_pairing_cmd_at(stick_root, BT_PAIRING_SYSTEM_KEY, library_opt);
}
