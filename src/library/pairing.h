/* pairing.h: only the office's own sticks load. Plain C, no SDL.
 *
 * A kiosk has a pairing key: 128 random bits from the OS, kept as 32
 * lower-case hex digits and a newline, mode 0600, in /etc/bangtin/usb.key
 * when that file exists and is readable (a technician who wants several
 * kiosks to share sticks copies one key there), else in LIBRARY/usb.key,
 * made at first start. A technician copies it onto a stick with
 * `bangtin --pair DIR`, as DIR/bangtin/kiosk.key; a stick is accepted only
 * when that file holds the same key.
 *
 * The stick is untrusted: nothing on it is read but that one small file,
 * no symlink is followed, and the keys are compared in constant time. No
 * function here puts key material in err, on stdout or in a log. */
#ifndef BT_PAIRING_H
#define BT_PAIRING_H

#include <stdbool.h>
#include <stddef.h>

#define BT_PAIRING_SYSTEM_KEY "/etc/bangtin/usb.key"
#define BT_PAIRING_LIBRARY_KEY "usb.key"   /* inside the library folder */
#define BT_PAIRING_STICK_DIR "bangtin"     /* on the stick */
#define BT_PAIRING_STICK_KEY "kiosk.key"   /* inside BT_PAIRING_STICK_DIR */
#define BT_PAIRING_KEY_FILE_MAX 64         /* bytes; a bigger key file is refused unread */

typedef struct {
    unsigned char bytes[16];
} bt_pair_key;

/* What a stick's key file says about it. */
typedef enum {
    BT_STICK_PAIRED,       /* bangtin/kiosk.key holds this kiosk's key */
    BT_STICK_NO_KEY,       /* no bangtin/ folder, or no kiosk.key in it */
    BT_STICK_WRONG_KEY,    /* a well-formed key, but another kiosk's */
    BT_STICK_BAD_KEY_FILE, /* malformed, too big, not a regular file, or a symlink
                            * (of kiosk.key or of bangtin/) */
    BT_STICK_UNREADABLE,   /* an I/O or permission error: the stick may have been pulled out */
} bt_stick_auth;

/* Loads the kiosk's key into *out: BT_PAIRING_SYSTEM_KEY when it exists and
 * is readable, else library_dir/usb.key, made (with library_dir) when
 * absent. A key file that exists but is malformed is never replaced: false
 * with err naming the file. false with the reason in err on any failure. */
bool bt_pairing_load_or_create(const char *library_dir, bt_pair_key *out, char *err, size_t errsize);

/* bt_pairing_load_or_create with another system key path (NULL: none), so
 * tests never touch /etc. */
bool bt_pairing_load_or_create_at(const char *system_key, const char *library_dir, bt_pair_key *out,
                                  char *err, size_t errsize);

/* Whether the stick mounted at stick_root carries key. Reads only
 * stick_root/bangtin/kiosk.key, refusing symlinks, non-regular files and
 * files over BT_PAIRING_KEY_FILE_MAX bytes without reading them. Accepts
 * 32 hex digits (either case) and an optional "\n" or "\r\n", nothing else. */
bt_stick_auth bt_pairing_check_stick(const char *stick_root, const bt_pair_key *key);

/* Writes key to stick_root/bangtin/kiosk.key (the folder made when missing)
 * atomically: a temporary file, fsync, rename over the old one, fsync of the
 * folder. Refuses a bangtin/ that is a symlink. false with the reason in err. */
bool bt_pairing_write_stick(const char *stick_root, const bt_pair_key *key, char *err, size_t errsize);

/* The whole `bangtin --pair DIR` command: loads (or makes) this kiosk's key
 * with the library folder of library.h (library_opt: the --library value,
 * NULL for the default), writes it onto the stick at stick_root and reads
 * it back. Prints one line on stdout and returns 0, or returns 1 with the
 * reason on stderr. Stricter than the kiosk: a system key that exists but
 * cannot be read is an error, so a stick is never paired with a key the
 * kiosk does not use. */
int bt_pairing_cmd(const char *stick_root, const char *library_opt);

/* bt_pairing_cmd with another system key path (NULL: none), for tests. */
int bt_pairing_cmd_at(const char *stick_root, const char *system_key, const char *library_opt);

/* Plain English words for a log line ("not paired with this kiosk", ...);
 * a static string, never any key material. */
const char *bt_stick_auth_words(bt_stick_auth a);

/* Wipes a key held in memory (explicit_bzero), so it does not linger. */
void bt_pairing_key_clear(bt_pair_key *key);

#endif
