/* minisign.h: minisign's key and signature files, read, checked and written
 * with libsodium (Ed25519, BLAKE2b, scrypt). Plain C, no SDL.
 *
 * The formats are minisign's own, so that a Department can sign with the
 * standard `minisign` tool or with `bangtin --sign`, and either verifies the
 * other's (design.md, "Signed campaigns"). Each file is a few text lines:
 *
 *   NAME.pub   "untrusted comment: ..." then base64 of
 *              "Ed" | key id (8) | Ed25519 public key (32)
 *   NAME.key   "untrusted comment: ..." then base64 of
 *              "Ed" | kdf "Sc" (scrypt) or 0 0 (not encrypted) | "B2" |
 *              salt (32) | opslimit (8, LE) | memlimit (8, LE) |
 *              key id (8) | secret key (64) | checksum (32)
 *              where the last 104 bytes are XORed with an scrypt stream of
 *              the password when encrypted, and the checksum is BLAKE2b-256
 *              of "Ed" | key id | secret key
 *   FILE.minisig  "untrusted comment: ..."; base64 of
 *              "Ed" (legacy: Ed25519 over the file) or "ED" (prehashed:
 *              over BLAKE2b-512 of the file, minisign's default) |
 *              key id (8) | signature (64);
 *              "trusted comment: TEXT"; base64 of the global signature,
 *              Ed25519 over signature (64) | TEXT
 *
 * Everything read is untrusted and bounded (bounds.h): files of at most
 * BT_MAX_MINISIGN_FILE_BYTES, comment lines as minisign bounds them, no
 * allocation sized by what a file says. Errors say which file, which line
 * and what is wrong, in plain words: "NAME:LINE: MESSAGE". No function puts
 * secret key material or a password in err, on stdout or in a log. */
#ifndef BT_MINISIGN_H
#define BT_MINISIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/bounds.h"

#define BT_MINISIGN_ID_BYTES 8
#define BT_MINISIGN_PK_BYTES 32
#define BT_MINISIGN_SIG_BYTES 64
#define BT_MINISIGN_SOURCE_MAX 256 /* bytes kept of a file's name, for messages */

/* A public key: whose signatures are accepted. A plain value. */
typedef struct {
    unsigned char id[BT_MINISIGN_ID_BYTES]; /* as stored in the files */
    unsigned char pk[BT_MINISIGN_PK_BYTES];
    char source[BT_MINISIGN_SOURCE_MAX];    /* the file it came from (may be cut short) */
} bt_minisign_key;

/* A parsed signature file. A plain value (about 8 KB: keep it off small
 * stacks of threads). */
typedef struct {
    bool prehashed; /* "ED": over BLAKE2b-512 of the message; false: "Ed", legacy */
    unsigned char key_id[BT_MINISIGN_ID_BYTES];
    unsigned char sig[BT_MINISIGN_SIG_BYTES];
    unsigned char global_sig[BT_MINISIGN_SIG_BYTES];
    char trusted_comment[BT_MAX_MINISIGN_TRUSTED_BYTES]; /* without its prefix; UTF-8 */
    char source[BT_MINISIGN_SOURCE_MAX];
} bt_minisign_sig;

/* What a verification found. */
typedef enum {
    BT_VERIFY_OK,
    BT_VERIFY_UNKNOWN_KEY,   /* signed by a key that is not among those trusted */
    BT_VERIFY_BAD_SIGNATURE, /* the message is not what that key signed */
    BT_VERIFY_BAD_COMMENT,   /* the trusted comment is not what that key signed */
    BT_VERIFY_UNREADABLE,    /* the message file cannot be read (or is too big for a legacy one) */
} bt_verify_status;

/* The key id as minisign prints it ("minisign public key 45411D8F42436A11"):
 * 16 upper-case hex digits, the 8 bytes read as a little-endian number. */
void bt_minisign_id_hex(const unsigned char id[BT_MINISIGN_ID_BYTES], char out[17]);

/* ---- Public keys ---- */

/* Parses a public key file's len bytes at text (no NUL needed); name is
 * the file's name for messages and out->source. Also accepts the key alone
 * on one line, as `minisign -P` takes it. false with err on anything else. */
bool bt_minisign_key_parse(const char *text, size_t len, const char *name, bt_minisign_key *out,
                           char *err, size_t errsize);

/* Reads and parses the public key file at path (a regular file, at most
 * BT_MAX_MINISIGN_FILE_BYTES). */
bool bt_minisign_key_load(const char *path, bt_minisign_key *out, char *err, size_t errsize);

/* ---- Signatures and verification ---- */

/* Parses a .minisig file's len bytes at text; name as above. The trusted
 * comment must be printable UTF-8 (tabs allowed), as minisign requires. */
bool bt_minisign_sig_parse(const char *text, size_t len, const char *name, bt_minisign_sig *out,
                           char *err, size_t errsize);

/* Reads and parses the .minisig file at path. */
bool bt_minisign_sig_load(const char *path, bt_minisign_sig *out, char *err, size_t errsize);

/* Checks sig over the len bytes at msg with the one of keys[0..n_keys)
 * that has its key id: the key id, the signature, then the global signature
 * over the trusted comment (what `minisign -V` checks). On BT_VERIFY_OK,
 * *which (if not NULL) is the index of that key; otherwise err says what is
 * wrong, naming msg_name and the signature's file, and for an unknown key
 * the ids this kiosk trusts. */
bt_verify_status bt_minisign_verify(const bt_minisign_key *keys, int n_keys,
                                    const bt_minisign_sig *sig, const void *msg, size_t len,
                                    const char *msg_name, int *which, char *err, size_t errsize);

/* The same over the file at path, streamed for a prehashed signature;
 * a legacy one needs the whole file in memory, so a file bigger than
 * BT_MAX_LEGACY_SIGNED_BYTES is refused (BT_VERIFY_UNREADABLE). */
bt_verify_status bt_minisign_verify_file(const bt_minisign_key *keys, int n_keys,
                                         const bt_minisign_sig *sig, const char *path, int *which,
                                         char *err, size_t errsize);

/* ---- Secret keys, signing, key pairs ---- */

/* Asks for the password of an encrypted secret key: writes a NUL-terminated
 * password of less than size bytes into buf and returns true, or returns
 * false with the reason in err (no terminal, say). password.h has one that
 * asks on the terminal. */
typedef bool (*bt_minisign_password_fn)(void *ctx, const char *prompt, char *buf, size_t size,
                                        char *err, size_t errsize);

/* A secret key in memory libsodium guards (sodium_malloc: locked, wiped
 * when freed). Opaque. */
typedef struct bt_minisign_seckey bt_minisign_seckey;

/* Reads the secret key file at path (minisign's format, encrypted or not).
 * For an encrypted one, ask(ctx, ...) is called once for the password; a
 * key whose scrypt cost is above BT_MAX_SCRYPT_OPSLIMIT/MEMLIMIT is refused
 * before asking. A wrong password is said so (the checksum does not match).
 * Returns the key, freed with bt_minisign_seckey_free, or NULL with err. */
bt_minisign_seckey *bt_minisign_seckey_load(const char *path, bt_minisign_password_fn ask,
                                            void *ctx, char *err, size_t errsize);

/* The same from the len bytes at text; name for messages. */
bt_minisign_seckey *bt_minisign_seckey_parse(const char *text, size_t len, const char *name,
                                             bt_minisign_password_fn ask, void *ctx, char *err,
                                             size_t errsize);

/* Whether the len bytes at text are a minisign secret key file (encrypted
 * or not), by their shape alone: no password is asked. So that no tool of
 * ours ever publishes one by mistake. */
bool bt_minisign_looks_secret(const char *text, size_t len);

/* Wipes and frees k (NULL is fine). */
void bt_minisign_seckey_free(bt_minisign_seckey *k);

/* The public half of k (source: ""). */
void bt_minisign_seckey_public(const bt_minisign_seckey *k, bt_minisign_key *out);

/* The text of a .minisig file signing the len bytes at msg: prehashed
 * ("ED") or legacy ("Ed"), with trusted_comment (printable UTF-8, no
 * newline, at most BT_MAX_MINISIGN_TRUSTED_BYTES - 18 bytes). malloc'd,
 * owned by the caller; NULL with err. */
char *bt_minisign_sign_buf(const bt_minisign_seckey *k, const void *msg, size_t len, bool prehashed,
                           const char *trusted_comment, char *err, size_t errsize);

/* Signs the file at path (streamed, prehashed) and writes path.minisig
 * atomically (a temporary file beside it, then rename). trusted_comment
 * NULL: minisign's own, "timestamp:NOW\tfile:BASENAME\thashed". */
bool bt_minisign_sign_file(const bt_minisign_seckey *k, const char *path, time_t now,
                           const char *trusted_comment, char *err, size_t errsize);

/* The cost of scrypt for a new encrypted key; bt_minisign_keygen's NULL
 * means minisign's own (2^25 operations, 1 GiB: seconds, on purpose). */
typedef struct {
    unsigned long long opslimit;
    size_t memlimit;
} bt_minisign_kdf;

/* Makes a new key pair: name.key (the secret key, mode 0600) and name.pub.
 * Neither may exist: both are created with O_EXCL, never overwritten (a
 * .key written and then a .pub that cannot be is removed again). password
 * NULL or "": the secret key is not encrypted (as `minisign -G -W`);
 * otherwise encrypted with it through scrypt at the cost kdf. *pub (if not
 * NULL) receives the public key. false with err. */
bool bt_minisign_keygen(const char *name, const char *password, const bt_minisign_kdf *kdf,
                        bt_minisign_key *pub, char *err, size_t errsize);

/* Plain words for a verification status ("signed by a key this kiosk does
 * not trust", ...): a static string. */
const char *bt_verify_status_words(bt_verify_status st);

#endif
