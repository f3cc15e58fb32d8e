/* minisign.c: minisign's public keys and signatures, and verifying, with
 * libsodium (see minisign.h for the formats; minisign_secret.c has the
 * secret keys, signing and key pairs: what a kiosk never needs).
 *
 * Contents: lines and base64 - public keys - signatures - verifying. */
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

#include "base/i18n.h"
#include "base/utf8.h"
#include "crypto.h"
#include "fileio.h"
#include "minisign_int.h"


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

void ms_lines_init(lines *r, const char *text, size_t len, const char *name, char *err,
                   size_t errsize)
{
    *r = (lines){text, len, 0, 0, name, err, errsize};
}

/* The next line into *l: 1; 0 at the end of the text. A line of more than
 * max bytes, or with a carriage return inside, is -1 with the reason. */
int ms_next_line(lines *r, line *l, size_t max)
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
        snprintf(r->err, r->errsize, _("%s:%d: the line is too long (%zu bytes, at most %zu)"),
                 r->name, r->no, n, max);
        return -1;
    }
    if (memchr(p, '\r', n)) {
        snprintf(r->err, r->errsize, _("%s:%d: a carriage return inside the line"), r->name, r->no);
        return -1;
    }
    *l = (line){p, n};
    return 1;
}

/* Nothing but empty lines may follow the last line a format has. */
bool ms_only_blank_left(lines *r)
{
    line l;
    int got;
    while ((got = ms_next_line(r, &l, SIZE_MAX)) == 1)
        if (l.len > 0) {
            snprintf(r->err, r->errsize,
                     _("%s:%d: unexpected text after the end (this file has %d lines)"), r->name,
                     r->no, r->no - 1);
            return false;
        }
    return got == 0;
}

bool ms_has_prefix(const line *l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l->len >= n && memcmp(l->p, prefix, n) == 0;
}

/* Decodes the base64 line into exactly want bytes at out; what says what
 * the line should hold, for the message. The decoded bytes may be secret:
 * the scratch copy is wiped. */
bool ms_decode_b64(lines *r, const line *l, unsigned char *out, size_t want, const char *what)
{
    unsigned char tmp[256];
    size_t got = 0;
    const char *end = NULL;
    if (l->len == 0) {
        snprintf(r->err, r->errsize, _("%s:%d: the line is empty where %s should be"), r->name, r->no,
                 what);
        return false;
    }
    if (l->len > (sizeof tmp / 3) * 4 ||
        sodium_base642bin(tmp, sizeof tmp, l->p, l->len, NULL, &got, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != l->p + l->len) {
        snprintf(r->err, r->errsize, _("%s:%d: not valid base64 where %s should be"), r->name, r->no,
                 what);
        sodium_memzero(tmp, sizeof tmp);
        return false;
    }
    if (got != want) {
        snprintf(r->err, r->errsize,
                 _("%s:%d: %zu bytes where %s has %zu: the line was cut short or changed"), r->name,
                 r->no, got, what, want);
        sodium_memzero(tmp, sizeof tmp);
        return false;
    }
    memcpy(out, tmp, want);
    sodium_memzero(tmp, sizeof tmp);
    return true;
}

/* The first line: "untrusted comment: ..." (its text is not used). */
bool ms_comment_line(lines *r, const char *what)
{
    line l;
    int got = ms_next_line(r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got < 0)
        return false;
    if (got == 0 || !ms_has_prefix(&l, COMMENT_PREFIX)) {
        snprintf(r->err, r->errsize,
                 _("%s:1: %s starts with \"%s\"; this file does not: it is not %s"), r->name, what,
                 COMMENT_PREFIX, what);
        return false;
    }
    return true;
}

bool ms_no_nul(const char *text, size_t len, const char *name, char *err, size_t errsize)
{
    if (!memchr(text, '\0', len))
        return true;
    snprintf(err, errsize, _("%s: holds a NUL byte: it is not a text file"), name);
    return false;
}

/* Printable UTF-8 as minisign wants a trusted comment: tabs, and no other
 * control character (C0, DEL, C1). */
bool ms_printable(const char *s, size_t n)
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
void ms_copy_source(char *dst, const char *name)
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
    if (!ms_decode_b64(r, l, b, sizeof b, "a minisign public key"))
        return false;
    if (memcmp(b, ALG_LEGACY, 2) != 0) {
        snprintf(r->err, r->errsize,
                 _("%s:%d: a key for the algorithm \"%c%c\" (bytes 0x%02x 0x%02x); minisign's "
                 "keys are Ed25519 (\"Ed\")"),
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
    if (!ms_no_nul(text, len, name, err, errsize))
        return false;
    lines r;
    ms_lines_init(&r, text, len, name, err, errsize);
    line l;
    int got = ms_next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got < 0)
        return false;
    if (got == 0) {
        snprintf(err, errsize, _("%s: the file is empty: it is not a minisign public key"), name);
        return false;
    }
    /* The key alone, as `minisign -P` takes it and prints it. */
    if (!ms_has_prefix(&l, COMMENT_PREFIX)) {
        if (!key_from_bytes(&r, &l, out) || !ms_only_blank_left(&r))
            return false;
        ms_copy_source(out->source, name);
        return true;
    }
    got = ms_next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got < 0)
        return false;
    if (got == 0) {
        snprintf(err, errsize, _("%s:2: the key line is missing: the file was cut short"), name);
        return false;
    }
    if (!key_from_bytes(&r, &l, out) || !ms_only_blank_left(&r)) {
        memset(out, 0, sizeof *out);
        return false;
    }
    ms_copy_source(out->source, name);
    return true;
}

/* Reads a small file for parsing, saying why not in err. */
char *ms_read_small(const char *path, size_t *len, char *err, size_t errsize)
{
    bt_read_status st;
    char *text = bt_fileio_read_at(AT_FDCWD, path, BT_MAX_MINISIGN_FILE_BYTES, false, len, &st);
    if (!text) {
        if (st == BT_READ_FAILED)
            snprintf(err, errsize, _("%s: cannot be read: %s"), path, strerror(errno));
        else if (st == BT_READ_TOO_BIG)
            snprintf(err, errsize, _("%s: is too big for a minisign file (more than %d bytes)"), path,
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
    char *text = ms_read_small(path, &len, err, errsize);
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
    if (!ms_no_nul(text, len, name, err, errsize))
        return false;
    lines r;
    ms_lines_init(&r, text, len, name, err, errsize);
    if (!ms_comment_line(&r, "a minisign signature"))
        return false;
    line l;
    int got = ms_next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got <= 0) {
        if (got == 0)
            snprintf(err, errsize, _("%s:2: the signature line is missing: the file was cut short"),
                     name);
        return false;
    }
    unsigned char b[SIG_BYTES];
    if (!ms_decode_b64(&r, &l, b, sizeof b, "a minisign signature"))
        return false;
    if (memcmp(b, ALG_HASHED, 2) == 0)
        out->prehashed = true;
    else if (memcmp(b, ALG_LEGACY, 2) != 0) {
        snprintf(err, errsize,
                 _("%s:2: a signature of an unknown kind (algorithm bytes 0x%02x 0x%02x; minisign "
                 "writes \"ED\" or \"Ed\")"),
                 name, b[0], b[1]);
        return false;
    }
    memcpy(out->key_id, b + 2, BT_MINISIGN_ID_BYTES);
    memcpy(out->sig, b + 2 + BT_MINISIGN_ID_BYTES, BT_MINISIGN_SIG_BYTES);

    got = ms_next_line(&r, &l, BT_MAX_MINISIGN_TRUSTED_BYTES - 1);
    if (got <= 0) {
        if (got == 0)
            snprintf(err, errsize, _("%s:3: the trusted comment is missing: the file was cut short"),
                     name);
        return false;
    }
    if (!ms_has_prefix(&l, TRUSTED_PREFIX)) {
        snprintf(err, errsize, _("%s:3: the line should start with \"%s\""), name, TRUSTED_PREFIX);
        return false;
    }
    size_t plen = strlen(TRUSTED_PREFIX);
    const char *tc = l.p + plen;
    size_t tclen = l.len - plen;
    if (!ms_printable(tc, tclen)) {
        snprintf(err, errsize,
                 _("%s:3: the trusted comment holds control characters or invalid UTF-8"), name);
        return false;
    }
    memcpy(out->trusted_comment, tc, tclen); /* tclen < BT_MAX_MINISIGN_TRUSTED_BYTES - plen */
    out->trusted_comment[tclen] = '\0';

    got = ms_next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got <= 0) {
        if (got == 0)
            snprintf(err, errsize,
                     _("%s:4: the signature of the trusted comment is missing: the file was cut "
                     "short"),
                     name);
        return false;
    }
    if (!ms_decode_b64(&r, &l, out->global_sig, sizeof out->global_sig,
                       "the signature of the trusted comment") ||
        !ms_only_blank_left(&r)) {
        memset(out, 0, sizeof *out);
        return false;
    }
    ms_copy_source(out->source, name);
    return true;
}

bool bt_minisign_sig_load(const char *path, bt_minisign_sig *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    size_t len;
    char *text = ms_read_small(path, &len, err, errsize);
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
                 _("%s: signed by key %s, and this kiosk trusts no key yet (install the "
                 "Department's public key)"),
                 sig->source, hex);
        return -1;
    }
    int w = snprintf(err, errsize, _("%s: signed by another key (id %s); this kiosk trusts "),
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
                 _("%s does not match its signature %s: it was changed after it was signed, or the "
                 "signature is for another file"),
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
                 _("%s: the trusted comment is not the one that was signed (it was changed)"),
                 sig->source);
        return BT_VERIFY_BAD_COMMENT;
    }
    return BT_VERIFY_OK;
}

bool ms_ready(char *err, size_t errsize)
{
    if (bt_crypto_init())
        return true;
    snprintf(err, errsize, _("libsodium cannot start (no random source?): nothing can be signed or "
                           "verified"));
    return false;
}

bt_verify_status bt_minisign_verify(const bt_minisign_key *keys, int n_keys,
                                    const bt_minisign_sig *sig, const void *msg, size_t len,
                                    const char *msg_name, int *which, char *err, size_t errsize)
{
    if (!ms_ready(err, errsize))
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
bool ms_hash_fd(int fd, unsigned char h[crypto_generichash_BYTES_MAX])
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
    if (!ms_ready(err, errsize))
        return BT_VERIFY_UNREADABLE;
    int k = find_key(keys, n_keys, sig, err, errsize);
    if (k < 0)
        return BT_VERIFY_UNKNOWN_KEY;
    bt_verify_status st;
    if (sig->prehashed) {
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
        unsigned char h[crypto_generichash_BYTES_MAX];
        if (fd < 0 || !ms_hash_fd(fd, h)) {
            snprintf(err, errsize, _("%s: cannot be read: %s"), path, strerror(errno));
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
                         _("%s: too big to check a legacy signature (more than %d MiB); sign it "
                         "with minisign's default (prehashed) instead"),
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
