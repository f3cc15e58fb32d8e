/* minisign.c: minisign's files with libsodium (see minisign.h for the
 * formats).
 *
 * Contents: lines and base64 - public keys - signatures - verifying -
 * secret keys - signing - key pairs. */
#include "minisign.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/utf8.h"
#include "crypto.h"
#include "fileio.h"

#define COMMENT_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "
/* The two-byte tags of the formats, as bytes (they are not strings). */
static const unsigned char ALG_LEGACY[2] = {'E', 'd'};
static const unsigned char ALG_HASHED[2] = {'E', 'D'};
static const unsigned char KDF_SCRYPT[2] = {'S', 'c'};
static const unsigned char KDF_NONE[2] = {0, 0};
static const unsigned char CHK_BLAKE2B[2] = {'B', '2'};

/* The binary layouts (minisign.h), as offsets. */
enum {
    PUB_BYTES = 2 + BT_MINISIGN_ID_BYTES + BT_MINISIGN_PK_BYTES, /* 42 */
    SIG_BYTES = 2 + BT_MINISIGN_ID_BYTES + BT_MINISIGN_SIG_BYTES, /* 74 */
    SK_SECRET = 64,
    SK_KEYNUM_BYTES = BT_MINISIGN_ID_BYTES + SK_SECRET + 32, /* 104: id, sk, checksum */
    SK_SALT = 6,
    SK_OPS = SK_SALT + 32,
    SK_MEM = SK_OPS + 8,
    SK_KEYNUM = SK_MEM + 8,              /* 54 */
    SK_BYTES = SK_KEYNUM + SK_KEYNUM_BYTES, /* 158 */
};

struct bt_minisign_seckey {
    unsigned char id[BT_MINISIGN_ID_BYTES];
    unsigned char sk[SK_SECRET]; /* Ed25519: seed (32) then public key (32) */
};

void bt_minisign_id_hex(const unsigned char id[BT_MINISIGN_ID_BYTES], char out[17])
{
    static const char digits[] = "0123456789ABCDEF";
    for (int i = 0; i < BT_MINISIGN_ID_BYTES; i++) {
        unsigned char b = id[BT_MINISIGN_ID_BYTES - 1 - i];
        out[2 * i] = digits[b >> 4];
        out[2 * i + 1] = digits[b & 0xf];
    }
    out[16] = '\0';
}

const char *bt_verify_status_words(bt_verify_status st)
{
    switch (st) {
    case BT_VERIFY_OK:
        return "the signature is good";
    case BT_VERIFY_UNKNOWN_KEY:
        return "signed by a key this kiosk does not trust";
    case BT_VERIFY_BAD_SIGNATURE:
        return "the file is not what was signed";
    case BT_VERIFY_BAD_COMMENT:
        return "the signature's trusted comment was changed";
    case BT_VERIFY_UNREADABLE:
        return "the signed file cannot be read";
    }
    return "the signature cannot be checked";
}

/* ---- Lines and base64 ---------------------------------------------------- */

/* The lines of a small text file, with their numbers for messages. */
typedef struct {
    const char *text;
    size_t len, pos;
    int no; /* of the line last returned */
    const char *name;
    char *err;
    size_t errsize;
} lines;

typedef struct {
    const char *p;
    size_t len; /* without "\n" or "\r\n" */
} line;

static void lines_init(lines *r, const char *text, size_t len, const char *name, char *err,
                       size_t errsize)
{
    *r = (lines){text, len, 0, 0, name, err, errsize};
}

/* The next line into *l: 1; 0 at the end of the text. A line of more than
 * max bytes, or with a carriage return inside, is -1 with the reason. */
static int next_line(lines *r, line *l, size_t max)
{
    if (r->pos >= r->len)
        return 0;
    const char *p = r->text + r->pos;
    size_t rest = r->len - r->pos;
    const char *nl = memchr(p, '\n', rest);
    size_t n = nl ? (size_t)(nl - p) : rest;
    r->pos += n + (nl != NULL);
    r->no++;
    if (n > 0 && p[n - 1] == '\r')
        n--;
    if (n > max) {
        snprintf(r->err, r->errsize, "%s:%d: the line is too long (%zu bytes, at most %zu)",
                 r->name, r->no, n, max);
        return -1;
    }
    if (memchr(p, '\r', n)) {
        snprintf(r->err, r->errsize, "%s:%d: a carriage return inside the line", r->name, r->no);
        return -1;
    }
    *l = (line){p, n};
    return 1;
}

/* Nothing but empty lines may follow the last line a format has. */
static bool only_blank_left(lines *r)
{
    line l;
    int got;
    while ((got = next_line(r, &l, SIZE_MAX)) == 1)
        if (l.len > 0) {
            snprintf(r->err, r->errsize,
                     "%s:%d: unexpected text after the end (this file has %d lines)", r->name,
                     r->no, r->no - 1);
            return false;
        }
    return got == 0;
}

static bool has_prefix(const line *l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l->len >= n && memcmp(l->p, prefix, n) == 0;
}

/* Decodes the base64 line into exactly want bytes at out; what says what
 * the line should hold, for the message. The decoded bytes may be secret:
 * the scratch copy is wiped. */
static bool decode_b64(lines *r, const line *l, unsigned char *out, size_t want, const char *what)
{
    unsigned char tmp[256];
    size_t got = 0;
    const char *end = NULL;
    if (l->len == 0) {
        snprintf(r->err, r->errsize, "%s:%d: the line is empty where %s should be", r->name, r->no,
                 what);
        return false;
    }
    if (l->len > (sizeof tmp / 3) * 4 ||
        sodium_base642bin(tmp, sizeof tmp, l->p, l->len, NULL, &got, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != l->p + l->len) {
        snprintf(r->err, r->errsize, "%s:%d: not valid base64 where %s should be", r->name, r->no,
                 what);
        sodium_memzero(tmp, sizeof tmp);
        return false;
    }
    if (got != want) {
        snprintf(r->err, r->errsize,
                 "%s:%d: %zu bytes where %s has %zu: the line was cut short or changed", r->name,
                 r->no, got, what, want);
        sodium_memzero(tmp, sizeof tmp);
        return false;
    }
    memcpy(out, tmp, want);
    sodium_memzero(tmp, sizeof tmp);
    return true;
}

/* The first line: "untrusted comment: ..." (its text is not used). */
static bool comment_line(lines *r, const char *what)
{
    line l;
    int got = next_line(r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got < 0)
        return false;
    if (got == 0 || !has_prefix(&l, COMMENT_PREFIX)) {
        snprintf(r->err, r->errsize,
                 "%s:1: %s starts with \"" COMMENT_PREFIX "\"; this file does not: it is not %s",
                 r->name, what, what);
        return false;
    }
    return true;
}

static bool no_nul(const char *text, size_t len, const char *name, char *err, size_t errsize)
{
    if (!memchr(text, '\0', len))
        return true;
    snprintf(err, errsize, "%s: holds a NUL byte: it is not a text file", name);
    return false;
}

/* Printable UTF-8 as minisign wants a trusted comment: tabs, and no other
 * control character (C0, DEL, C1). */
static bool printable(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t skip;
        size_t k = bt_utf8_next(s + i, n - i, &skip);
        if (k == 0)
            return false;
        unsigned char c = (unsigned char)s[i];
        if (k == 1 && ((c < 0x20 && c != '\t') || c == 0x7f))
            return false;
        if (k == 2 && c == 0xc2 && (unsigned char)s[i + 1] < 0xa0)
            return false; /* U+0080..U+009F */
        i += k;
    }
    return true;
}

/* A file's name for messages, cut short (at a character's start) if long. */
static void copy_source(char *dst, const char *name)
{
    size_t n = name ? strnlen(name, BT_MINISIGN_SOURCE_MAX) : 0;
    if (n == BT_MINISIGN_SOURCE_MAX)
        for (n--; n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80; n--)
            ;
    if (n)
        memcpy(dst, name, n);
    dst[n] = '\0';
}

/* ---- Public keys --------------------------------------------------------- */

static bool key_from_bytes(lines *r, const line *l, bt_minisign_key *out)
{
    unsigned char b[PUB_BYTES];
    if (!decode_b64(r, l, b, sizeof b, "a minisign public key"))
        return false;
    if (memcmp(b, ALG_LEGACY, 2) != 0) {
        snprintf(r->err, r->errsize,
                 "%s:%d: a key for the algorithm \"%c%c\" (bytes 0x%02x 0x%02x); minisign's "
                 "keys are Ed25519 (\"Ed\")",
                 r->name, r->no, b[0] >= 0x20 && b[0] < 0x7f ? b[0] : '?',
                 b[1] >= 0x20 && b[1] < 0x7f ? b[1] : '?', b[0], b[1]);
        return false;
    }
    memcpy(out->id, b + 2, BT_MINISIGN_ID_BYTES);
    memcpy(out->pk, b + 2 + BT_MINISIGN_ID_BYTES, BT_MINISIGN_PK_BYTES);
    return true;
}

bool bt_minisign_key_parse(const char *text, size_t len, const char *name, bt_minisign_key *out,
                           char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    if (!name)
        name = "public key";
    if (!no_nul(text, len, name, err, errsize))
        return false;
    lines r;
    lines_init(&r, text, len, name, err, errsize);
    line l;
    int got = next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got < 0)
        return false;
    if (got == 0) {
        snprintf(err, errsize, "%s: the file is empty: it is not a minisign public key", name);
        return false;
    }
    /* The key alone, as `minisign -P` takes it and prints it. */
    if (!has_prefix(&l, COMMENT_PREFIX)) {
        if (!key_from_bytes(&r, &l, out) || !only_blank_left(&r))
            return false;
        copy_source(out->source, name);
        return true;
    }
    got = next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got < 0)
        return false;
    if (got == 0) {
        snprintf(err, errsize, "%s:2: the key line is missing: the file was cut short", name);
        return false;
    }
    if (!key_from_bytes(&r, &l, out) || !only_blank_left(&r)) {
        memset(out, 0, sizeof *out);
        return false;
    }
    copy_source(out->source, name);
    return true;
}

/* Reads a small file for parsing, saying why not in err. */
static char *read_small(const char *path, size_t *len, char *err, size_t errsize)
{
    bt_read_status st;
    char *text = bt_fileio_read_at(AT_FDCWD, path, BT_MAX_MINISIGN_FILE_BYTES, false, len, &st);
    if (!text) {
        if (st == BT_READ_FAILED)
            snprintf(err, errsize, "%s: cannot be read: %s", path, strerror(errno));
        else if (st == BT_READ_TOO_BIG)
            snprintf(err, errsize, "%s: is too big for a minisign file (more than %d bytes)", path,
                     BT_MAX_MINISIGN_FILE_BYTES);
        else
            snprintf(err, errsize, "%s: %s", path, bt_fileio_status_words(st));
    }
    return text;
}

bool bt_minisign_key_load(const char *path, bt_minisign_key *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = read_small(path, &len, err, errsize);
    if (!text)
        return false;
    bool ok = bt_minisign_key_parse(text, len, path, out, err, errsize);
    free(text);
    return ok;
}

/* ---- Signatures ---------------------------------------------------------- */

bool bt_minisign_sig_parse(const char *text, size_t len, const char *name, bt_minisign_sig *out,
                           char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    if (!name)
        name = "signature";
    if (!no_nul(text, len, name, err, errsize))
        return false;
    lines r;
    lines_init(&r, text, len, name, err, errsize);
    if (!comment_line(&r, "a minisign signature"))
        return false;
    line l;
    int got = next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got <= 0) {
        if (got == 0)
            snprintf(err, errsize, "%s:2: the signature line is missing: the file was cut short",
                     name);
        return false;
    }
    unsigned char b[SIG_BYTES];
    if (!decode_b64(&r, &l, b, sizeof b, "a minisign signature"))
        return false;
    if (memcmp(b, ALG_HASHED, 2) == 0)
        out->prehashed = true;
    else if (memcmp(b, ALG_LEGACY, 2) != 0) {
        snprintf(err, errsize,
                 "%s:2: a signature of an unknown kind (algorithm bytes 0x%02x 0x%02x; minisign "
                 "writes \"ED\" or \"Ed\")",
                 name, b[0], b[1]);
        return false;
    }
    memcpy(out->key_id, b + 2, BT_MINISIGN_ID_BYTES);
    memcpy(out->sig, b + 2 + BT_MINISIGN_ID_BYTES, BT_MINISIGN_SIG_BYTES);

    got = next_line(&r, &l, BT_MAX_MINISIGN_TRUSTED_BYTES - 1);
    if (got <= 0) {
        if (got == 0)
            snprintf(err, errsize, "%s:3: the trusted comment is missing: the file was cut short",
                     name);
        return false;
    }
    if (!has_prefix(&l, TRUSTED_PREFIX)) {
        snprintf(err, errsize, "%s:3: the line should start with \"" TRUSTED_PREFIX "\"", name);
        return false;
    }
    size_t plen = strlen(TRUSTED_PREFIX);
    const char *tc = l.p + plen;
    size_t tclen = l.len - plen;
    if (!printable(tc, tclen)) {
        snprintf(err, errsize,
                 "%s:3: the trusted comment holds control characters or invalid UTF-8", name);
        return false;
    }
    memcpy(out->trusted_comment, tc, tclen); /* tclen < BT_MAX_MINISIGN_TRUSTED_BYTES - plen */
    out->trusted_comment[tclen] = '\0';

    got = next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got <= 0) {
        if (got == 0)
            snprintf(err, errsize,
                     "%s:4: the signature of the trusted comment is missing: the file was cut "
                     "short",
                     name);
        return false;
    }
    if (!decode_b64(&r, &l, out->global_sig, sizeof out->global_sig,
                    "the signature of the trusted comment") ||
        !only_blank_left(&r)) {
        memset(out, 0, sizeof *out);
        return false;
    }
    copy_source(out->source, name);
    return true;
}

bool bt_minisign_sig_load(const char *path, bt_minisign_sig *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = read_small(path, &len, err, errsize);
    if (!text)
        return false;
    bool ok = bt_minisign_sig_parse(text, len, path, out, err, errsize);
    free(text);
    return ok;
}

/* ---- Verifying ----------------------------------------------------------- */

/* The trusted key with sig's key id, or -1 with the message that says
 * whose it is and which this kiosk trusts. */
static int find_key(const bt_minisign_key *keys, int n, const bt_minisign_sig *sig, char *err,
                    size_t errsize)
{
    for (int i = 0; i < n; i++)
        if (memcmp(keys[i].id, sig->key_id, BT_MINISIGN_ID_BYTES) == 0)
            return i;
    char hex[17];
    bt_minisign_id_hex(sig->key_id, hex);
    if (n == 0) {
        snprintf(err, errsize,
                 "%s: signed by key %s, and this kiosk trusts no key yet (install the "
                 "Department's public key)",
                 sig->source, hex);
        return -1;
    }
    int w = snprintf(err, errsize, "%s: signed by another key (id %s); this kiosk trusts ",
                     sig->source, hex);
    for (int i = 0; i < n && w >= 0 && (size_t)w < errsize; i++) {
        char kh[17];
        bt_minisign_id_hex(keys[i].id, kh);
        w += snprintf(err + w, errsize - (size_t)w, "%s%s (id %s)", i ? ", " : "",
                      keys[i].source[0] ? keys[i].source : "a key", kh);
    }
    return -1;
}

/* The checks after the message: its signature (over what the caller
 * passes: the message or its BLAKE2b-512) and the trusted comment's. */
static bt_verify_status check_sigs(const bt_minisign_key *k, const bt_minisign_sig *sig,
                                   const unsigned char *signed_bytes, size_t n,
                                   const char *msg_name, char *err, size_t errsize)
{
    if (crypto_sign_verify_detached(sig->sig, signed_bytes, n, k->pk) != 0) {
        snprintf(err, errsize,
                 "%s does not match its signature %s: it was changed after it was signed, or the "
                 "signature is for another file",
                 msg_name, sig->source);
        return BT_VERIFY_BAD_SIGNATURE;
    }
    size_t tclen = strlen(sig->trusted_comment);
    unsigned char both[BT_MINISIGN_SIG_BYTES + BT_MAX_MINISIGN_TRUSTED_BYTES];
    memcpy(both, sig->sig, BT_MINISIGN_SIG_BYTES);
    memcpy(both + BT_MINISIGN_SIG_BYTES, sig->trusted_comment, tclen + 1); /* the NUL is not signed */
    if (crypto_sign_verify_detached(sig->global_sig, both, BT_MINISIGN_SIG_BYTES + tclen, k->pk) !=
        0) {
        snprintf(err, errsize,
                 "%s: the trusted comment is not the one that was signed (it was changed)",
                 sig->source);
        return BT_VERIFY_BAD_COMMENT;
    }
    return BT_VERIFY_OK;
}

static bool ready(char *err, size_t errsize)
{
    if (bt_crypto_init())
        return true;
    snprintf(err, errsize, "libsodium cannot start (no random source?): nothing can be signed or "
                           "verified");
    return false;
}

bt_verify_status bt_minisign_verify(const bt_minisign_key *keys, int n_keys,
                                    const bt_minisign_sig *sig, const void *msg, size_t len,
                                    const char *msg_name, int *which, char *err, size_t errsize)
{
    if (!ready(err, errsize))
        return BT_VERIFY_UNREADABLE;
    int k = find_key(keys, n_keys, sig, err, errsize);
    if (k < 0)
        return BT_VERIFY_UNKNOWN_KEY;
    bt_verify_status st;
    if (sig->prehashed) {
        unsigned char h[crypto_generichash_BYTES_MAX];
        crypto_generichash(h, sizeof h, msg, len, NULL, 0);
        st = check_sigs(&keys[k], sig, h, sizeof h, msg_name, err, errsize);
    } else {
        st = check_sigs(&keys[k], sig, msg, len, msg_name, err, errsize);
    }
    if (st == BT_VERIFY_OK && which)
        *which = k;
    return st;
}

/* BLAKE2b-512 of the file at fd, read to its end: false with errno. */
static bool hash_fd(int fd, unsigned char h[crypto_generichash_BYTES_MAX])
{
    crypto_generichash_state hs;
    crypto_generichash_init(&hs, NULL, 0, crypto_generichash_BYTES_MAX);
    unsigned char buf[65536];
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return false;
        if (r == 0)
            break;
        crypto_generichash_update(&hs, buf, (size_t)r);
    }
    crypto_generichash_final(&hs, h, crypto_generichash_BYTES_MAX);
    return true;
}

bt_verify_status bt_minisign_verify_file(const bt_minisign_key *keys, int n_keys,
                                         const bt_minisign_sig *sig, const char *path, int *which,
                                         char *err, size_t errsize)
{
    if (!ready(err, errsize))
        return BT_VERIFY_UNREADABLE;
    int k = find_key(keys, n_keys, sig, err, errsize);
    if (k < 0)
        return BT_VERIFY_UNKNOWN_KEY;
    bt_verify_status st;
    if (sig->prehashed) {
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        unsigned char h[crypto_generichash_BYTES_MAX];
        if (fd < 0 || !hash_fd(fd, h)) {
            snprintf(err, errsize, "%s: cannot be read: %s", path, strerror(errno));
            if (fd >= 0)
                close(fd);
            return BT_VERIFY_UNREADABLE;
        }
        close(fd);
        st = check_sigs(&keys[k], sig, h, sizeof h, path, err, errsize);
    } else {
        size_t len;
        bt_read_status rs;
        char *msg = bt_fileio_read_at(AT_FDCWD, path, BT_MAX_LEGACY_SIGNED_BYTES, false, &len, &rs);
        if (!msg) {
            if (rs == BT_READ_TOO_BIG)
                snprintf(err, errsize,
                         "%s: too big to check a legacy signature (more than %d MiB); sign it "
                         "with minisign's default (prehashed) instead",
                         path, BT_MAX_LEGACY_SIGNED_BYTES >> 20);
            else
                snprintf(err, errsize, "%s: %s%s%s", path, bt_fileio_status_words(rs),
                         rs == BT_READ_FAILED ? ": " : "",
                         rs == BT_READ_FAILED ? strerror(errno) : "");
            return BT_VERIFY_UNREADABLE;
        }
        st = check_sigs(&keys[k], sig, (const unsigned char *)msg, len, path, err, errsize);
        free(msg);
    }
    if (st == BT_VERIFY_OK && which)
        *which = k;
    return st;
}

/* ---- Secret keys --------------------------------------------------------- */

static uint64_t le64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void put_le64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        p[i] = (unsigned char)(v & 0xff);
}

/* BLAKE2b-256 of "Ed" | key id | secret key: the secret key file's checksum. */
static void seckey_checksum(const unsigned char *keynum, unsigned char chk[32])
{
    crypto_generichash_state hs;
    crypto_generichash_init(&hs, NULL, 0, 32);
    crypto_generichash_update(&hs, ALG_LEGACY, 2);
    crypto_generichash_update(&hs, keynum, BT_MINISIGN_ID_BYTES + SK_SECRET);
    crypto_generichash_final(&hs, chk, 32);
}

/* The scrypt stream XORed over the key id, secret key and checksum. */
static bool scrypt_xor(unsigned char *keynum, const char *password, const unsigned char *salt,
                       unsigned long long ops, size_t mem)
{
    unsigned char *stream = sodium_malloc(SK_KEYNUM_BYTES);
    if (!stream)
        return false;
    bool ok = crypto_pwhash_scryptsalsa208sha256(stream, SK_KEYNUM_BYTES, password,
                                                 strlen(password), salt, ops, mem) == 0;
    if (ok)
        for (int i = 0; i < SK_KEYNUM_BYTES; i++)
            keynum[i] ^= stream[i];
    sodium_free(stream);
    return ok;
}

static bool all_zero(const unsigned char *p, size_t n)
{
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

/* The password of an encrypted key, through ask, into b's key id, secret
 * key and checksum. */
static bool decrypt(unsigned char *b, const char *name, bt_minisign_password_fn ask, void *ctx,
                    char *err, size_t errsize)
{
    uint64_t ops = le64(b + SK_OPS), mem = le64(b + SK_MEM);
    /* Bounded before anything is asked or allocated: a hostile key file
     * could ask for minutes of work and gigabytes. */
    if (ops > BT_MAX_SCRYPT_OPSLIMIT || mem > BT_MAX_SCRYPT_MEMLIMIT) {
        snprintf(err, errsize,
                 "%s: the key asks for %llu operations and %llu MiB to check its password, more "
                 "than minisign ever uses (at most %llu and %llu MiB): it was not made by "
                 "minisign or bangtin, or it was changed",
                 name, (unsigned long long)ops, (unsigned long long)(mem >> 20),
                 BT_MAX_SCRYPT_OPSLIMIT, BT_MAX_SCRYPT_MEMLIMIT >> 20);
        return false;
    }
    if (!ask) {
        snprintf(err, errsize, "%s: the key is protected by a password, and none can be asked",
                 name);
        return false;
    }
    char *pw = sodium_malloc(BT_MAX_PASSWORD_BYTES);
    if (!pw) {
        snprintf(err, errsize, "out of memory");
        return false;
    }
    char prompt[512];
    snprintf(prompt, sizeof prompt, "Password of %s: ", name);
    pw[0] = '\0';
    char why[512] = "";
    if (!ask(ctx, prompt, pw, BT_MAX_PASSWORD_BYTES, why, sizeof why)) {
        sodium_free(pw);
        snprintf(err, errsize, "%s: %s", name, why[0] ? why : "no password was given");
        return false;
    }
    pw[BT_MAX_PASSWORD_BYTES - 1] = '\0';
    bool ok = scrypt_xor(b + SK_KEYNUM, pw, b + SK_SALT, ops, (size_t)mem);
    sodium_free(pw);
    if (!ok) {
        snprintf(err, errsize,
                 "%s: the password could not be turned into a key (out of memory? it needs %llu "
                 "MiB)",
                 name, (unsigned long long)(mem >> 20));
        return false;
    }
    unsigned char chk[32];
    seckey_checksum(b + SK_KEYNUM, chk);
    ok = sodium_memcmp(chk, b + SK_KEYNUM + BT_MINISIGN_ID_BYTES + SK_SECRET, 32) == 0;
    sodium_memzero(chk, sizeof chk);
    if (!ok)
        snprintf(err, errsize, "%s: wrong password for this key", name);
    return ok;
}

bt_minisign_seckey *bt_minisign_seckey_parse(const char *text, size_t len, const char *name,
                                             bt_minisign_password_fn ask, void *ctx, char *err,
                                             size_t errsize)
{
    if (!name)
        name = "secret key";
    if (!ready(err, errsize) || !no_nul(text, len, name, err, errsize))
        return NULL;
    lines r;
    lines_init(&r, text, len, name, err, errsize);
    if (!comment_line(&r, "a minisign secret key"))
        return NULL;
    line l;
    int got = next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got <= 0) {
        if (got == 0)
            snprintf(err, errsize, "%s:2: the key line is missing: the file was cut short", name);
        return NULL;
    }
    unsigned char *b = sodium_malloc(SK_BYTES);
    bt_minisign_seckey *k = sodium_malloc(sizeof *k);
    if (!b || !k) {
        snprintf(err, errsize, "out of memory");
        goto fail;
    }
    if (!decode_b64(&r, &l, b, SK_BYTES, "a minisign secret key") || !only_blank_left(&r))
        goto fail;
    if (memcmp(b, ALG_LEGACY, 2) != 0 || memcmp(b + 4, CHK_BLAKE2B, 2) != 0) {
        snprintf(err, errsize,
                 "%s:2: not an Ed25519 key with a BLAKE2b checksum (\"Ed\", \"B2\"): not a "
                 "minisign secret key",
                 name);
        goto fail;
    }
    const unsigned char *chk = b + SK_KEYNUM + BT_MINISIGN_ID_BYTES + SK_SECRET;
    if (memcmp(b + 2, KDF_SCRYPT, 2) == 0) {
        if (!decrypt(b, name, ask, ctx, err, errsize))
            goto fail;
    } else if (memcmp(b + 2, KDF_NONE, 2) == 0) {
        /* `minisign -G -W` leaves the checksum zero; a key whose password
         * was removed (`minisign -C -W`) keeps a real one. */
        unsigned char want[32];
        seckey_checksum(b + SK_KEYNUM, want);
        bool ok = all_zero(chk, 32) || sodium_memcmp(want, chk, 32) == 0;
        sodium_memzero(want, sizeof want);
        if (!ok) {
            snprintf(err, errsize, "%s: the key is damaged (its checksum does not match)", name);
            goto fail;
        }
    } else {
        snprintf(err, errsize,
                 "%s:2: the key is protected in an unknown way (bytes 0x%02x 0x%02x; minisign "
                 "writes \"Sc\" or none)",
                 name, b[2], b[3]);
        goto fail;
    }
    memcpy(k->id, b + SK_KEYNUM, BT_MINISIGN_ID_BYTES);
    memcpy(k->sk, b + SK_KEYNUM + BT_MINISIGN_ID_BYTES, SK_SECRET);
    /* An Ed25519 secret key holds its public key: both halves must agree,
     * whatever the checksum said. */
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk2[crypto_sign_SECRETKEYBYTES];
    crypto_sign_seed_keypair(pk, sk2, k->sk);
    bool same = sodium_memcmp(pk, k->sk + 32, 32) == 0;
    sodium_memzero(sk2, sizeof sk2);
    if (!same) {
        snprintf(err, errsize, "%s: the key is damaged (its two halves do not match)", name);
        goto fail;
    }
    sodium_free(b);
    return k;
fail:
    sodium_free(b);
    sodium_free(k);
    return NULL;
}

bool bt_minisign_looks_secret(const char *text, size_t len)
{
    if (len > BT_MAX_MINISIGN_FILE_BYTES || memchr(text, '\0', len))
        return false;
    char err[256];
    lines r;
    lines_init(&r, text, len, "", err, sizeof err);
    line l;
    if (next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES) != 1 || !has_prefix(&l, COMMENT_PREFIX) ||
        next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES) != 1)
        return false;
    unsigned char *b = sodium_malloc(SK_BYTES);
    if (!b)
        return true; /* cannot tell: say yes, and nothing is published */
    bool secret = decode_b64(&r, &l, b, SK_BYTES, "a key") && memcmp(b, ALG_LEGACY, 2) == 0 &&
                  memcmp(b + 4, CHK_BLAKE2B, 2) == 0;
    sodium_free(b);
    return secret;
}

bt_minisign_seckey *bt_minisign_seckey_load(const char *path, bt_minisign_password_fn ask,
                                            void *ctx, char *err, size_t errsize)
{
    size_t len;
    char *text = read_small(path, &len, err, errsize);
    if (!text)
        return NULL;
    bt_minisign_seckey *k = bt_minisign_seckey_parse(text, len, path, ask, ctx, err, errsize);
    sodium_memzero(text, len); /* an unencrypted key is in there */
    free(text);
    return k;
}

void bt_minisign_seckey_free(bt_minisign_seckey *k)
{
    sodium_free(k); /* wipes it; NULL is fine */
}

void bt_minisign_seckey_public(const bt_minisign_seckey *k, bt_minisign_key *out)
{
    memset(out, 0, sizeof *out);
    memcpy(out->id, k->id, BT_MINISIGN_ID_BYTES);
    memcpy(out->pk, k->sk + 32, BT_MINISIGN_PK_BYTES);
}

/* ---- Signing ------------------------------------------------------------- */

/* Appends base64 of n bytes and a newline to the text at out (room made). */
static void put_b64(char *out, size_t size, const unsigned char *bin, size_t n)
{
    size_t used = strlen(out);
    sodium_bin2base64(out + used, size - used - 1, bin, n, sodium_base64_VARIANT_ORIGINAL);
    used += strlen(out + used);
    out[used] = '\n';
    out[used + 1] = '\0';
}

/* The .minisig text for a signature sig of the message (or its hash). */
static char *format_sig(const bt_minisign_seckey *k, bool prehashed,
                        const unsigned char sig[BT_MINISIGN_SIG_BYTES], const char *tc, char *err,
                        size_t errsize)
{
    size_t tclen = strlen(tc);
    unsigned char both[BT_MINISIGN_SIG_BYTES + BT_MAX_MINISIGN_TRUSTED_BYTES];
    memcpy(both, sig, BT_MINISIGN_SIG_BYTES);
    memcpy(both + BT_MINISIGN_SIG_BYTES, tc, tclen + 1); /* the NUL is not signed */
    unsigned char global[BT_MINISIGN_SIG_BYTES];
    crypto_sign_detached(global, NULL, both, BT_MINISIGN_SIG_BYTES + tclen, k->sk);

    unsigned char s[SIG_BYTES];
    memcpy(s, prehashed ? ALG_HASHED : ALG_LEGACY, 2);
    memcpy(s + 2, k->id, BT_MINISIGN_ID_BYTES);
    memcpy(s + 2 + BT_MINISIGN_ID_BYTES, sig, BT_MINISIGN_SIG_BYTES);

    static const char comment[] = COMMENT_PREFIX "signature from bangtin secret key\n";
    size_t size = sizeof comment + sodium_base64_ENCODED_LEN(SIG_BYTES, sodium_base64_VARIANT_ORIGINAL) +
                  sizeof TRUSTED_PREFIX + tclen + 1 +
                  sodium_base64_ENCODED_LEN(BT_MINISIGN_SIG_BYTES, sodium_base64_VARIANT_ORIGINAL) + 4;
    char *text = malloc(size);
    if (!text) {
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    snprintf(text, size, "%s", comment);
    put_b64(text, size, s, sizeof s);
    size_t used = strlen(text);
    snprintf(text + used, size - used, TRUSTED_PREFIX "%s\n", tc);
    put_b64(text, size, global, sizeof global);
    return text;
}

static bool good_comment(const char *tc, char *err, size_t errsize)
{
    size_t n = strlen(tc);
    if (n + strlen(TRUSTED_PREFIX) >= BT_MAX_MINISIGN_TRUSTED_BYTES - 1) {
        snprintf(err, errsize, "the trusted comment is too long (%zu bytes, at most %zu)", n,
                 (size_t)BT_MAX_MINISIGN_TRUSTED_BYTES - strlen(TRUSTED_PREFIX) - 2);
        return false;
    }
    if (!printable(tc, n)) {
        snprintf(err, errsize,
                 "the trusted comment may hold tabs but no other control character, and must "
                 "be UTF-8");
        return false;
    }
    return true;
}

char *bt_minisign_sign_buf(const bt_minisign_seckey *k, const void *msg, size_t len, bool prehashed,
                           const char *trusted_comment, char *err, size_t errsize)
{
    if (!ready(err, errsize) || !good_comment(trusted_comment, err, errsize))
        return NULL;
    unsigned char sig[BT_MINISIGN_SIG_BYTES];
    if (prehashed) {
        unsigned char h[crypto_generichash_BYTES_MAX];
        crypto_generichash(h, sizeof h, msg, len, NULL, 0);
        crypto_sign_detached(sig, NULL, h, sizeof h, k->sk);
    } else {
        crypto_sign_detached(sig, NULL, msg, len, k->sk);
    }
    return format_sig(k, prehashed, sig, trusted_comment, err, errsize);
}

bool bt_minisign_sign_file(const bt_minisign_seckey *k, const char *path, time_t now,
                           const char *trusted_comment, char *err, size_t errsize)
{
    if (!ready(err, errsize))
        return false;
    char tc[BT_MAX_MINISIGN_TRUSTED_BYTES];
    if (!trusted_comment) {
        const char *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        /* minisign's own trusted comment, so both tools' signatures read alike. */
        if ((size_t)snprintf(tc, sizeof tc, "timestamp:%lld\tfile:%s\thashed", (long long)now,
                             base) >= sizeof tc - strlen(TRUSTED_PREFIX) - 1) {
            snprintf(err, errsize, "%s: the file's name is too long for a trusted comment", path);
            return false;
        }
        trusted_comment = tc;
    }
    if (!good_comment(trusted_comment, err, errsize))
        return false;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    unsigned char h[crypto_generichash_BYTES_MAX];
    if (fd < 0 || !hash_fd(fd, h)) {
        snprintf(err, errsize, "%s: cannot be read: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    close(fd);
    unsigned char sig[BT_MINISIGN_SIG_BYTES];
    crypto_sign_detached(sig, NULL, h, sizeof h, k->sk);
    char *text = format_sig(k, true, sig, trusted_comment, err, errsize);
    if (!text)
        return false;
    char sigpath[4096];
    bool ok = (size_t)snprintf(sigpath, sizeof sigpath, "%s.minisig", path) < sizeof sigpath;
    if (!ok)
        snprintf(err, errsize, "%s: the name is too long", path);
    else
        ok = bt_fileio_write_atomic(sigpath, text, strlen(text), 0644, err, errsize);
    free(text);
    return ok;
}

/* ---- Key pairs ----------------------------------------------------------- */

/* Creates path (it must not exist; a symlink there is not followed) and
 * writes text into it, synced. */
static bool create_file(const char *path, const char *text, int mode, char *err, size_t errsize)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, (mode_t)mode);
    if (fd < 0) {
        snprintf(err, errsize, "%s: %s", path,
                 errno == EEXIST ? "already exists (a key is never overwritten: choose another "
                                   "name, or move the old one away first)"
                                 : strerror(errno));
        return false;
    }
    size_t n = strlen(text);
    const char *p = text;
    bool ok = true;
    while (ok && n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        if (ok) {
            p += w;
            n -= (size_t)w;
        }
    }
    ok = ok && fchmod(fd, (mode_t)mode) == 0 && fsync(fd) == 0;
    if (close(fd) != 0)
        ok = false;
    if (!ok) {
        snprintf(err, errsize, "cannot write %s: %s", path, strerror(errno));
        unlink(path);
    }
    return ok;
}

bool bt_minisign_keygen(const char *name, const char *password, const bt_minisign_kdf *kdf,
                        bt_minisign_key *pub, char *err, size_t errsize)
{
    if (!ready(err, errsize))
        return false;
    char skpath[4096], pkpath[4096];
    if ((size_t)snprintf(skpath, sizeof skpath, "%s.key", name) >= sizeof skpath ||
        (size_t)snprintf(pkpath, sizeof pkpath, "%s.pub", name) >= sizeof pkpath) {
        snprintf(err, errsize, "%s: the name is too long", name);
        return false;
    }
    struct stat sb;
    if (lstat(pkpath, &sb) == 0 || lstat(skpath, &sb) == 0) {
        snprintf(err, errsize,
                 "%s: already exists (a key is never overwritten: choose another name, or move "
                 "the old one away first)",
                 lstat(skpath, &sb) == 0 ? skpath : pkpath);
        return false;
    }
    bool encrypt = password && *password;
    unsigned long long ops = kdf ? kdf->opslimit : crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE;
    size_t mem = kdf ? kdf->memlimit : crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
    if (encrypt && (ops > BT_MAX_SCRYPT_OPSLIMIT || mem > BT_MAX_SCRYPT_MEMLIMIT)) {
        snprintf(err, errsize, "the key derivation asked for is too costly to be read back");
        return false;
    }

    unsigned char *b = sodium_malloc(SK_BYTES);
    char *sktext = sodium_malloc(512);
    if (!b || !sktext) {
        sodium_free(b);
        sodium_free(sktext);
        snprintf(err, errsize, "out of memory");
        return false;
    }
    memset(b, 0, SK_BYTES);
    unsigned char *keynum = b + SK_KEYNUM;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    randombytes_buf(keynum, BT_MINISIGN_ID_BYTES);
    crypto_sign_keypair(pk, keynum + BT_MINISIGN_ID_BYTES);
    memcpy(b, ALG_LEGACY, 2);
    memcpy(b + 2, encrypt ? KDF_SCRYPT : KDF_NONE, 2);
    memcpy(b + 4, CHK_BLAKE2B, 2);
    seckey_checksum(keynum, keynum + BT_MINISIGN_ID_BYTES + SK_SECRET);

    bt_minisign_key k = {0};
    memcpy(k.id, keynum, BT_MINISIGN_ID_BYTES);
    memcpy(k.pk, pk, BT_MINISIGN_PK_BYTES);
    copy_source(k.source, pkpath);

    bool ok = true;
    if (encrypt) {
        randombytes_buf(b + SK_SALT, 32);
        put_le64(b + SK_OPS, ops);
        put_le64(b + SK_MEM, mem);
        ok = scrypt_xor(keynum, password, b + SK_SALT, ops, mem);
        if (!ok)
            snprintf(err, errsize, "the password could not be turned into a key (out of memory?)");
    }
    if (ok) {
        snprintf(sktext, 512, COMMENT_PREFIX "%s\n",
                 encrypt ? "minisign encrypted secret key" : "minisign secret key, not encrypted");
        put_b64(sktext, 512, b, SK_BYTES);
        ok = create_file(skpath, sktext, 0600, err, errsize);
    }
    sodium_free(b);
    sodium_free(sktext);
    if (!ok)
        return false;

    char hex[17], pktext[256];
    bt_minisign_id_hex(k.id, hex);
    unsigned char p[PUB_BYTES];
    memcpy(p, ALG_LEGACY, 2);
    memcpy(p + 2, k.id, BT_MINISIGN_ID_BYTES);
    memcpy(p + 2 + BT_MINISIGN_ID_BYTES, k.pk, BT_MINISIGN_PK_BYTES);
    snprintf(pktext, sizeof pktext, COMMENT_PREFIX "minisign public key %s\n", hex);
    put_b64(pktext, sizeof pktext, p, sizeof p);
    if (!create_file(pkpath, pktext, 0644, err, errsize)) {
        unlink(skpath); /* ours, just made: no key pair without its public half */
        return false;
    }
    if (pub)
        *pub = k;
    return true;
}
