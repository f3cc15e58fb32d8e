/* Pairing: the kiosk's key file, sticks accepted only with that key, and
 * every malformed or hostile key file refused without being read. All
 * files live in a temp folder; /etc is never touched (the *_at variants). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "library/pairing.h"

static char tmpdir[] = "/tmp/bangtin-pairing-XXXXXX";
static int serial;

/* ---- Helpers ---------------------------------------------------------------- */

/* A fresh path under tmpdir: tmpdir/NAME-N. */
static void fresh(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s-%d", tmpdir, name, ++serial);
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* The file's bytes, NUL-terminated (at most size-1 of them); its length. */
static size_t read_file(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
    return n;
}

static void hex_of(const bt_pair_key *key, char hex[33])
{
    for (int i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", key->bytes[i]);
}

/* A stick folder with bangtin/ made; its kiosk.key path in key_path. */
static void make_stick(char *stick, size_t size, char *key_path, size_t key_size)
{
    fresh(stick, size, "stick");
    assert_int_equal(mkdir(stick, 0755), 0);
    char dir[640];
    snprintf(dir, sizeof dir, "%s/bangtin", stick);
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(key_path, key_size, "%s/kiosk.key", dir);
}

/* A kiosk: a library folder (not yet made) and its key. */
static void make_kiosk(char *lib, size_t size, bt_pair_key *key)
{
    char err[512] = "";
    fresh(lib, size, "lib");
    if (!bt_pairing_load_or_create_at(NULL, lib, key, err, sizeof err))
        fail_msg("no kiosk key: %s", err);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* No file but kiosk.key in the stick's bangtin/ folder (no temp left). */
static void assert_only_key_file(const char *stick)
{
    char dir[700];
    snprintf(dir, sizeof dir, "%s/bangtin", stick);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strcmp(e->d_name, "kiosk.key"))
            fail_msg("unexpected file left in %s: %s", dir, e->d_name);
    closedir(d);
}

/* Runs bt_pairing_cmd_at with stdout and stderr captured into out/errout. */
static int run_cmd(const char *stick, const char *sys, const char *lib, char *out, size_t outsize, char *errout,
                   size_t errsize)
{
    char out_path[600], err_path[600];
    fresh(out_path, sizeof out_path, "stdout");
    fresh(err_path, sizeof err_path, "stderr");
    fflush(stdout);
    fflush(stderr);
    int saved_out = dup(1), saved_err = dup(2);
    FILE *fo = freopen(out_path, "w", stdout);
    FILE *fe = freopen(err_path, "w", stderr);
    assert_non_null(fo);
    assert_non_null(fe);
    int status = bt_pairing_cmd_at(stick, sys, lib);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    read_file(out_path, out, outsize);
    read_file(err_path, errout, errsize);
    return status;
}

/* ---- The kiosk's key ------------------------------------------------------------ */

static void creates_key_file(void **state)
{
    (void)state;
    char lib[600], path[700], text[100], hex[33], err[512] = "";
    fresh(lib, sizeof lib, "deep/lib"); /* parents are made too */
    mode_t old = umask(0); /* a careless umask must not widen the mode */
    bt_pair_key key, again;
    bool ok = bt_pairing_load_or_create_at(NULL, lib, &key, err, sizeof err);
    umask(old);
    if (!ok)
        fail_msg("%s", err);

    snprintf(path, sizeof path, "%s/usb.key", lib);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    assert_int_equal(st.st_size, 33);
    assert_int_equal(read_file(path, text, sizeof text), 33);
    hex_of(&key, hex);
    assert_memory_equal(text, hex, 32); /* lower case, as hex_of writes it */
    assert_int_equal(text[32], '\n');

    assert_true(bt_pairing_load_or_create_at(NULL, lib, &again, err, sizeof err));
    assert_memory_equal(key.bytes, again.bytes, 16);
    static const unsigned char zero[16];
    assert_memory_not_equal(key.bytes, zero, 16);

    /* A umask that takes the owner's write bit: still exactly 0600. */
    fresh(lib, sizeof lib, "lib");
    assert_int_equal(mkdir(lib, 0755), 0);
    old = umask(0277);
    ok = bt_pairing_load_or_create_at(NULL, lib, &key, err, sizeof err);
    umask(old);
    if (!ok)
        fail_msg("%s", err);
    snprintf(path, sizeof path, "%s/usb.key", lib);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
}

static void kiosks_get_different_keys(void **state)
{
    (void)state;
    char lib1[600], lib2[600];
    bt_pair_key k1, k2;
    make_kiosk(lib1, sizeof lib1, &k1);
    make_kiosk(lib2, sizeof lib2, &k2);
    assert_memory_not_equal(k1.bytes, k2.bytes, 16);
}

/* Two bangtin processes at first start (the kiosk and a technician's
 * --pair): whoever renames second takes the first one's key, so every
 * process ends up holding the key that is in the file. */
static void concurrent_first_start(void **state)
{
    (void)state;
    enum { N = 8 };
    for (int round = 0; round < 5; round++) {
        char lib[600];
        fresh(lib, sizeof lib, "lib");
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        for (int i = 0; i < N; i++) {
            pid_t pid = fork();
            assert_true(pid >= 0);
            if (pid == 0) {
                char err[512];
                bt_pair_key key;
                memset(&key, 0, sizeof key);
                bool ok = bt_pairing_load_or_create_at(NULL, lib, &key, err, sizeof err);
                ssize_t w = write(fds[1], key.bytes, sizeof key.bytes); /* 16 bytes: atomic on a pipe */
                _exit(ok && w == (ssize_t)sizeof key.bytes ? 0 : 1);
            }
        }
        close(fds[1]);
        for (int i = 0; i < N; i++) {
            int status;
            assert_true(wait(&status) > 0);
            assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
        bt_pair_key file_key;
        char err[512];
        assert_true(bt_pairing_load_or_create_at(NULL, lib, &file_key, err, sizeof err));
        unsigned char got[16];
        for (int i = 0; i < N; i++) {
            assert_int_equal(read(fds[0], got, sizeof got), sizeof got);
            assert_memory_equal(got, file_key.bytes, 16);
        }
        close(fds[0]);
    }
}

/* A technician may have paired sticks with it: reported, never replaced. */
static void damaged_key_file_is_kept(void **state)
{
    (void)state;
    static const char *damaged[] = {"", "hello\n", "0123456789abcdef0123456789abcde\n",
                                    "0123456789abcdef0123456789abcdef0\n"};
    for (size_t i = 0; i < sizeof damaged / sizeof *damaged; i++) {
        char lib[600], path[700], text[100], err[512] = "";
        fresh(lib, sizeof lib, "lib");
        assert_int_equal(mkdir(lib, 0755), 0);
        snprintf(path, sizeof path, "%s/usb.key", lib);
        write_file(path, damaged[i], strlen(damaged[i]));
        bt_pair_key key;
        assert_false(bt_pairing_load_or_create_at(NULL, lib, &key, err, sizeof err));
        assert_non_null(strstr(err, "damaged"));
        assert_non_null(strstr(err, path));
        assert_int_equal(read_file(path, text, sizeof text), strlen(damaged[i]));
        assert_string_equal(text, damaged[i]);
    }
    /* A folder where the key file should be. */
    char lib[600], path[700], err[512] = "";
    fresh(lib, sizeof lib, "lib");
    snprintf(path, sizeof path, "%s/usb.key", lib);
    assert_int_equal(mkdir(lib, 0755), 0);
    assert_int_equal(mkdir(path, 0755), 0);
    bt_pair_key key;
    assert_false(bt_pairing_load_or_create_at(NULL, lib, &key, err, sizeof err));
    assert_non_null(strstr(err, "damaged"));
}

/* The system key wins when readable; the library then holds none. */
static void system_key_wins(void **state)
{
    (void)state;
    char sys[600], lib[600], libkey[700], err[512] = "";
    fresh(sys, sizeof sys, "usb.key");
    write_file(sys, "00112233445566778899AABBCCDDEEFF\r\n", 34); /* as a technician might copy it */
    fresh(lib, sizeof lib, "lib");
    bt_pair_key key;
    if (!bt_pairing_load_or_create_at(sys, lib, &key, err, sizeof err))
        fail_msg("%s", err);
    static const unsigned char want[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                           0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
    assert_memory_equal(key.bytes, want, 16);
    snprintf(libkey, sizeof libkey, "%s/usb.key", lib);
    assert_int_not_equal(access(libkey, F_OK), 0);

    /* A missing system key: the library's, made. */
    char missing[600];
    fresh(missing, sizeof missing, "no-such-usb.key");
    assert_true(bt_pairing_load_or_create_at(missing, lib, &key, err, sizeof err));
    assert_int_equal(access(libkey, F_OK), 0);

    /* A damaged system key is an error, not a reason to use another key. */
    write_file(sys, "not a key\n", 10);
    assert_false(bt_pairing_load_or_create_at(sys, lib, &key, err, sizeof err));
    assert_non_null(strstr(err, sys));
    assert_non_null(strstr(err, "damaged"));
}

/* Unreadable system key: the kiosk falls back to the library's, but --pair
 * refuses (it would pair sticks with a key the kiosk may not use). */
static void unreadable_system_key(void **state)
{
    (void)state;
    if (geteuid() == 0)
        skip(); /* root reads a 0000 file anyway */
    char sys[600], lib[600], stick[600], err[512] = "";
    fresh(sys, sizeof sys, "usb.key");
    write_file(sys, "00112233445566778899aabbccddeeff\n", 33);
    assert_int_equal(chmod(sys, 0), 0);
    fresh(lib, sizeof lib, "lib");
    bt_pair_key key;
    assert_true(bt_pairing_load_or_create_at(sys, lib, &key, err, sizeof err));
    fresh(stick, sizeof stick, "stick");
    assert_int_equal(mkdir(stick, 0755), 0);
    char out[512], errout[512];
    assert_int_equal(run_cmd(stick, sys, lib, out, sizeof out, errout, sizeof errout), 1);
    assert_non_null(strstr(errout, sys));
}

/* ---- Sticks ------------------------------------------------------------------------- */

static void paired_stick_accepted(void **state)
{
    (void)state;
    char lib[600], stick[600], key_path[700], err[512] = "";
    bt_pair_key key;
    make_kiosk(lib, sizeof lib, &key);
    fresh(stick, sizeof stick, "stick");
    assert_int_equal(mkdir(stick, 0755), 0);
    if (!bt_pairing_write_stick(stick, &key, err, sizeof err)) /* makes bangtin/ */
        fail_msg("%s", err);
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_PAIRED);
    assert_only_key_file(stick);

    /* The stick's file is the library's, byte for byte. */
    char lib_text[100], stick_text[100], lib_key[700];
    snprintf(lib_key, sizeof lib_key, "%s/usb.key", lib);
    snprintf(key_path, sizeof key_path, "%s/bangtin/kiosk.key", stick);
    assert_int_equal(read_file(key_path, stick_text, sizeof stick_text), 33);
    read_file(lib_key, lib_text, sizeof lib_text);
    assert_string_equal(stick_text, lib_text);
}

static void unpaired_and_wrong_sticks(void **state)
{
    (void)state;
    char lib1[600], lib2[600], stick[600], key_path[700], err[512] = "";
    bt_pair_key k1, k2;
    make_kiosk(lib1, sizeof lib1, &k1);
    make_kiosk(lib2, sizeof lib2, &k2);

    fresh(stick, sizeof stick, "stick"); /* no bangtin/ */
    assert_int_equal(mkdir(stick, 0755), 0);
    assert_int_equal(bt_pairing_check_stick(stick, &k1), BT_STICK_NO_KEY);

    make_stick(stick, sizeof stick, key_path, sizeof key_path); /* bangtin/, no key */
    assert_int_equal(bt_pairing_check_stick(stick, &k1), BT_STICK_NO_KEY);

    assert_true(bt_pairing_write_stick(stick, &k2, err, sizeof err));
    assert_int_equal(bt_pairing_check_stick(stick, &k1), BT_STICK_WRONG_KEY);
    assert_int_equal(bt_pairing_check_stick(stick, &k2), BT_STICK_PAIRED);

    /* One bit off, in the last byte: still refused. */
    bt_pair_key near = k2;
    near.bytes[15] ^= 1;
    assert_int_equal(bt_pairing_check_stick(stick, &near), BT_STICK_WRONG_KEY);

    /* Re-pairing replaces the other kiosk's key, leaving no temp file. */
    assert_true(bt_pairing_write_stick(stick, &k1, err, sizeof err));
    assert_int_equal(bt_pairing_check_stick(stick, &k1), BT_STICK_PAIRED);
    assert_int_equal(bt_pairing_check_stick(stick, &k2), BT_STICK_WRONG_KEY);
    assert_only_key_file(stick);

    /* A stick folder that is gone (pulled out). */
    char gone[600];
    fresh(gone, sizeof gone, "gone");
    assert_int_equal(bt_pairing_check_stick(gone, &k1), BT_STICK_UNREADABLE);
}

/* Key file contents, each with what check_stick must say. */
static const struct {
    const char *title;
    const char *text;
    size_t len; /* 0: strlen(text) */
    bool paired;
} contents[] = {
    {"newline", "00112233445566778899aabbccddeeff\n", 0, true},
    {"CRLF", "00112233445566778899aabbccddeeff\r\n", 0, true},
    {"no newline", "00112233445566778899aabbccddeeff", 0, true},
    {"upper case", "00112233445566778899AABBCCDDEEFF\n", 0, true},
    {"31 hex", "00112233445566778899aabbccddeef\n", 0, false},
    {"31 hex, no newline", "00112233445566778899aabbccddeef", 0, false},
    {"33 hex", "00112233445566778899aabbccddeeff0\n", 0, false},
    {"non-hex", "00112233445566778899aabbccddeefg\n", 0, false},
    {"spaces", "0011223344556677 8899aabbccddeeff\n", 0, false},
    {"leading space", " 00112233445566778899aabbccddeeff\n", 0, false},
    {"two newlines", "00112233445566778899aabbccddeeff\n\n", 0, false},
    {"CR only", "00112233445566778899aabbccddeeff\r", 0, false},
    {"extra line", "00112233445566778899aabbccddeeff\nextra\n", 0, false},
    {"NUL inside", "00112233445566778899aabbccdd\0eff\n", 33, false},
    {"0x prefix", "0x00112233445566778899aabbccddeeff\n", 0, false},
    {"empty", "", 0, false},
    {"newline only", "\n", 0, false},
};

static void key_file_contents(void **state)
{
    (void)state;
    static const bt_pair_key key = {{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb,
                                     0xcc, 0xdd, 0xee, 0xff}};
    for (size_t i = 0; i < sizeof contents / sizeof *contents; i++) {
        char stick[600], key_path[700];
        make_stick(stick, sizeof stick, key_path, sizeof key_path);
        size_t len = contents[i].len ? contents[i].len : strlen(contents[i].text);
        write_file(key_path, contents[i].text, len);
        bt_stick_auth want = contents[i].paired ? BT_STICK_PAIRED : BT_STICK_BAD_KEY_FILE;
        bt_stick_auth got = bt_pairing_check_stick(stick, &key);
        if (got != want)
            fail_msg("%s: got \"%s\", expected \"%s\"", contents[i].title, bt_stick_auth_words(got),
                     bt_stick_auth_words(want));
    }
}

/* 10 MB that begin with the right key: refused from its size alone (had it
 * been read and its start parsed, it would pass), and at once. */
static void huge_key_file(void **state)
{
    (void)state;
    char lib[600], stick[600], key_path[700], hex[34], err[512] = "";
    bt_pair_key key;
    make_kiosk(lib, sizeof lib, &key);
    make_stick(stick, sizeof stick, key_path, sizeof key_path);
    hex_of(&key, hex);
    hex[32] = '\n';
    write_file(key_path, hex, 33);
    assert_int_equal(truncate(key_path, 10 * 1024 * 1024), 0);
    double t0 = now_seconds();
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_BAD_KEY_FILE);
    assert_true(now_seconds() - t0 < 0.5);

    /* Just over the limit is refused too; at the limit, only the contents decide. */
    assert_int_equal(truncate(key_path, BT_PAIRING_KEY_FILE_MAX + 1), 0);
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_BAD_KEY_FILE);
    assert_true(bt_pairing_write_stick(stick, &key, err, sizeof err));
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_PAIRED);
}

/* Symlinks anywhere, folders, FIFOs: refused, and nothing followed. */
static void hostile_key_files(void **state)
{
    (void)state;
    char lib[600], stick[600], key_path[700], err[512] = "";
    bt_pair_key key;
    make_kiosk(lib, sizeof lib, &key);

    /* A valid key elsewhere (a stick that carries its own copy elsewhere,
     * or one pointing at the kiosk's own usb.key). */
    char valid[600];
    fresh(valid, sizeof valid, "valid");
    assert_int_equal(mkdir(valid, 0755), 0);
    assert_true(bt_pairing_write_stick(valid, &key, err, sizeof err));
    char valid_dir[700], valid_key[700], lib_key[700];
    snprintf(valid_dir, sizeof valid_dir, "%s/bangtin", valid);
    snprintf(valid_key, sizeof valid_key, "%s/bangtin/kiosk.key", valid);
    snprintf(lib_key, sizeof lib_key, "%s/usb.key", lib);

    /* kiosk.key a symlink to a valid key file, and to the kiosk's own key. */
    make_stick(stick, sizeof stick, key_path, sizeof key_path);
    assert_int_equal(symlink(valid_key, key_path), 0);
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_BAD_KEY_FILE);
    make_stick(stick, sizeof stick, key_path, sizeof key_path);
    assert_int_equal(symlink(lib_key, key_path), 0);
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_BAD_KEY_FILE);

    /* bangtin/ a symlink to a folder holding a valid key. */
    char dir_link[700];
    fresh(stick, sizeof stick, "stick");
    assert_int_equal(mkdir(stick, 0755), 0);
    snprintf(dir_link, sizeof dir_link, "%s/bangtin", stick);
    assert_int_equal(symlink(valid_dir, dir_link), 0);
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_BAD_KEY_FILE);
    /* ... and --pair will not write through it either. */
    assert_false(bt_pairing_write_stick(stick, &key, err, sizeof err));
    assert_non_null(strstr(err, "symbolic link"));

    /* bangtin a plain file. */
    fresh(stick, sizeof stick, "stick");
    assert_int_equal(mkdir(stick, 0755), 0);
    snprintf(dir_link, sizeof dir_link, "%s/bangtin", stick);
    write_file(dir_link, "x", 1);
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_BAD_KEY_FILE);
    assert_false(bt_pairing_write_stick(stick, &key, err, sizeof err));

    /* kiosk.key a folder. */
    make_stick(stick, sizeof stick, key_path, sizeof key_path);
    assert_int_equal(mkdir(key_path, 0755), 0);
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_BAD_KEY_FILE);

    /* kiosk.key a FIFO with no writer: must not hang (alarm as a guard). */
    make_stick(stick, sizeof stick, key_path, sizeof key_path);
    assert_int_equal(mkfifo(key_path, 0644), 0);
    alarm(5);
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_BAD_KEY_FILE);
    alarm(0);

    /* A dangling kiosk.key symlink: refused as a symlink, not "no key". */
    make_stick(stick, sizeof stick, key_path, sizeof key_path);
    assert_int_equal(symlink("/nonexistent/kiosk.key", key_path), 0);
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_BAD_KEY_FILE);
}

/* ---- The --pair command ------------------------------------------------------------- */

static void pair_round_trip(void **state)
{
    (void)state;
    char lib[600], stick[600], out[512], errout[512], hex[33], err[512] = "";
    fresh(lib, sizeof lib, "lib"); /* made by the command, key and all */
    fresh(stick, sizeof stick, "stick");
    assert_int_equal(mkdir(stick, 0755), 0);
    int status = run_cmd(stick, NULL, lib, out, sizeof out, errout, sizeof errout);
    if (status != 0)
        fail_msg("--pair failed: %s", errout);
    assert_string_equal(out, "paired: this stick can now load playlists on this kiosk\n");
    assert_string_equal(errout, "");

    bt_pair_key key;
    assert_true(bt_pairing_load_or_create_at(NULL, lib, &key, err, sizeof err));
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_PAIRED);
    hex_of(&key, hex);
    assert_null(strstr(out, hex));

    /* Pairing again is harmless; a stick of another kiosk gets a note. */
    assert_int_equal(run_cmd(stick, NULL, lib, out, sizeof out, errout, sizeof errout), 0);
    assert_string_equal(errout, "");
    char lib2[600];
    bt_pair_key other;
    make_kiosk(lib2, sizeof lib2, &other);
    assert_int_equal(run_cmd(stick, NULL, lib2, out, sizeof out, errout, sizeof errout), 0);
    assert_non_null(strstr(errout, "another kiosk"));
    assert_int_equal(bt_pairing_check_stick(stick, &other), BT_STICK_PAIRED);
    assert_int_equal(bt_pairing_check_stick(stick, &key), BT_STICK_WRONG_KEY);

    /* No stick there: status 1 and a reason. */
    char gone[600];
    fresh(gone, sizeof gone, "gone");
    assert_int_equal(run_cmd(gone, NULL, lib, out, sizeof out, errout, sizeof errout), 1);
    assert_string_equal(out, "");
    assert_non_null(strstr(errout, "bangtin: "));
    assert_non_null(strstr(errout, gone));
    assert_null(strstr(errout, hex));
}

/* No message ever carries the key, in either case. */
static void errors_never_hold_the_key(void **state)
{
    (void)state;
    char lib[600], hex[33], upper[33], err[512];
    bt_pair_key key;
    make_kiosk(lib, sizeof lib, &key);
    hex_of(&key, hex);
    for (int i = 0; i < 33; i++)
        upper[i] = (char)(hex[i] >= 'a' && hex[i] <= 'f' ? hex[i] - 'a' + 'A' : hex[i]);

    char gone[600], file_stick[600], link_stick[700], link[800];
    fresh(gone, sizeof gone, "gone");
    fresh(file_stick, sizeof file_stick, "file");
    write_file(file_stick, "x", 1);
    fresh(link_stick, sizeof link_stick, "linked");
    assert_int_equal(mkdir(link_stick, 0755), 0);
    snprintf(link, sizeof link, "%s/bangtin", link_stick);
    assert_int_equal(symlink(tmpdir, link), 0);
    const char *sticks[] = {gone, file_stick, link_stick};
    for (size_t i = 0; i < 3; i++) {
        memset(err, 0, sizeof err);
        assert_false(bt_pairing_write_stick(sticks[i], &key, err, sizeof err));
        assert_true(err[0] != '\0');
        assert_null(strstr(err, hex));
        assert_null(strstr(err, upper));
    }

    /* A damaged kiosk key whose damage is a key with one digit too many:
     * the message names the file, not what is in it. */
    char lib_key[700], text[40];
    snprintf(lib_key, sizeof lib_key, "%s/usb.key", lib);
    snprintf(text, sizeof text, "%s0\n", hex);
    write_file(lib_key, text, strlen(text));
    memset(err, 0, sizeof err);
    assert_false(bt_pairing_load_or_create_at(NULL, lib, &key, err, sizeof err));
    assert_null(strstr(err, hex));
    assert_null(strstr(err, upper));

    for (int a = BT_STICK_PAIRED; a <= BT_STICK_UNREADABLE; a++) {
        const char *w = bt_stick_auth_words((bt_stick_auth)a);
        assert_non_null(w);
        assert_true(w[0] != '\0');
        for (int b = BT_STICK_PAIRED; b < a; b++)
            assert_string_not_equal(w, bt_stick_auth_words((bt_stick_auth)b));
    }
}

static void key_clear_wipes(void **state)
{
    (void)state;
    bt_pair_key key;
    memset(key.bytes, 0xa5, sizeof key.bytes);
    bt_pairing_key_clear(&key);
    static const unsigned char zero[16];
    assert_memory_equal(key.bytes, zero, 16);
}

/* ---- Setup ---------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[200];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwX '%s' 2>/dev/null; rm -rf '%s'", tmpdir, tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(creates_key_file),
        cmocka_unit_test(kiosks_get_different_keys),
        cmocka_unit_test(concurrent_first_start),
        cmocka_unit_test(damaged_key_file_is_kept),
        cmocka_unit_test(system_key_wins),
        cmocka_unit_test(unreadable_system_key),
        cmocka_unit_test(paired_stick_accepted),
        cmocka_unit_test(unpaired_and_wrong_sticks),
        cmocka_unit_test(key_file_contents),
        cmocka_unit_test(huge_key_file),
        cmocka_unit_test(hostile_key_files),
        cmocka_unit_test(pair_round_trip),
        cmocka_unit_test(errors_never_hold_the_key),
        cmocka_unit_test(key_clear_wipes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
