/* minisign_secret.c: minisign's secret keys (scrypt-encrypted or not),
 * signing and new key pairs, with libsodium (see minisign.h). The
 * Department's side: a kiosk only verifies (minisign.c).
 *
 * Contents: secret keys - signing - key pairs. */
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
#include "fileio.h"
#include "minisign_int.h"

struct bt_minisign_seckey {
    unsigned char id[BT_MINISIGN_ID_BYTES];
    unsigned char sk[SK_SECRET]; /* Ed25519: seed (32) then public key (32) */
};

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
                 _("%s: the key asks for %llu operations and %llu MiB to check its password, more "
                 "than minisign ever uses (at most %llu and %llu MiB): it was not made by "
                 "minisign or bangtin, or it was changed"),
                 name, (unsigned long long)ops, (unsigned long long)(mem >> 20),
                 BT_MAX_SCRYPT_OPSLIMIT, BT_MAX_SCRYPT_MEMLIMIT >> 20);
        return false;
    }
    if (!ask) {
        snprintf(err, errsize, _("%s: the key is protected by a password, and none can be asked"),
                 name);
        return false;
    }
    char *pw = sodium_malloc(BT_MAX_PASSWORD_BYTES);
    if (!pw) {
        snprintf(err, errsize, _("out of memory"));
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
                 _("%s: the password could not be turned into a key (out of memory? it needs %llu "
                 "MiB)"),
                 name, (unsigned long long)(mem >> 20));
        return false;
    }
    unsigned char chk[32];
    seckey_checksum(b + SK_KEYNUM, chk);
    ok = sodium_memcmp(chk, b + SK_KEYNUM + BT_MINISIGN_ID_BYTES + SK_SECRET, 32) == 0;
    sodium_memzero(chk, sizeof chk);
    if (!ok)
        snprintf(err, errsize, _("%s: wrong password for this key"), name);
    return ok;
}

bt_minisign_seckey *bt_minisign_seckey_parse(const char *text, size_t len, const char *name,
                                             bt_minisign_password_fn ask, void *ctx, char *err,
                                             size_t errsize)
{
    if (!name)
        name = "secret key";
    if (!ms_ready(err, errsize) || !ms_no_nul(text, len, name, err, errsize))
        return NULL;
    lines r;
    ms_lines_init(&r, text, len, name, err, errsize);
    if (!ms_comment_line(&r, "a minisign secret key"))
        return NULL;
    line l;
    int got = ms_next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES);
    if (got <= 0) {
        if (got == 0)
            snprintf(err, errsize, _("%s:2: the key line is missing: the file was cut short"), name);
        return NULL;
    }
    unsigned char *b = sodium_malloc(SK_BYTES);
    bt_minisign_seckey *k = sodium_malloc(sizeof *k);
    if (!b || !k) {
        snprintf(err, errsize, _("out of memory"));
        goto fail;
    }
    if (!ms_decode_b64(&r, &l, b, SK_BYTES, "a minisign secret key") || !ms_only_blank_left(&r))
        goto fail;
    if (memcmp(b, ALG_LEGACY, 2) != 0 || memcmp(b + 4, CHK_BLAKE2B, 2) != 0) {
        snprintf(err, errsize,
                 _("%s:2: not an Ed25519 key with a BLAKE2b checksum (\"Ed\", \"B2\"): not a "
                 "minisign secret key"),
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
            snprintf(err, errsize, _("%s: the key is damaged (its checksum does not match)"), name);
            goto fail;
        }
    } else {
        snprintf(err, errsize,
                 _("%s:2: the key is protected in an unknown way (bytes 0x%02x 0x%02x; minisign "
                 "writes \"Sc\" or none)"),
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
        snprintf(err, errsize, _("%s: the key is damaged (its two halves do not match)"), name);
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
    ms_lines_init(&r, text, len, "", err, sizeof err);
    line l;
    if (ms_next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES) != 1 || !ms_has_prefix(&l, COMMENT_PREFIX) ||
        ms_next_line(&r, &l, BT_MAX_MINISIGN_COMMENT_BYTES) != 1)
        return false;
    unsigned char *b = sodium_malloc(SK_BYTES);
    if (!b)
        return true; /* cannot tell: say yes, and nothing is published */
    bool secret = ms_decode_b64(&r, &l, b, SK_BYTES, "a key") && memcmp(b, ALG_LEGACY, 2) == 0 &&
                  memcmp(b + 4, CHK_BLAKE2B, 2) == 0;
    sodium_free(b);
    return secret;
}

bt_minisign_seckey *bt_minisign_seckey_load(const char *path, bt_minisign_password_fn ask,
                                            void *ctx, char *err, size_t errsize)
{
    size_t len;
    char *text = ms_read_small(path, &len, err, errsize);
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
        snprintf(err, errsize, _("out of memory"));
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
        snprintf(err, errsize, _("the trusted comment is too long (%zu bytes, at most %zu)"), n,
                 (size_t)BT_MAX_MINISIGN_TRUSTED_BYTES - strlen(TRUSTED_PREFIX) - 2);
        return false;
    }
    if (!ms_printable(tc, n)) {
        snprintf(err, errsize,
                 _("the trusted comment may hold tabs but no other control character, and must "
                 "be UTF-8"));
        return false;
    }
    return true;
}

char *bt_minisign_sign_buf(const bt_minisign_seckey *k, const void *msg, size_t len, bool prehashed,
                           const char *trusted_comment, char *err, size_t errsize)
{
    if (!ms_ready(err, errsize) || !good_comment(trusted_comment, err, errsize))
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
    if (!ms_ready(err, errsize))
        return false;
    char tc[BT_MAX_MINISIGN_TRUSTED_BYTES];
    if (!trusted_comment) {
        const char *slash = strrchr(path, '/');
        const char *base = slash ? slash + 1 : path;
        /* minisign's own trusted comment, so both tools' signatures read alike. */
        if ((size_t)snprintf(tc, sizeof tc, "timestamp:%lld\tfile:%s\thashed", (long long)now,
                             base) >= sizeof tc - strlen(TRUSTED_PREFIX) - 1) {
            snprintf(err, errsize, _("%s: the file's name is too long for a trusted comment"), path);
            return false;
        }
        trusted_comment = tc;
    }
    if (!good_comment(trusted_comment, err, errsize))
        return false;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    unsigned char h[crypto_generichash_BYTES_MAX];
    if (fd < 0 || !ms_hash_fd(fd, h)) {
        snprintf(err, errsize, _("%s: cannot be read: %s"), path, strerror(errno));
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
        snprintf(err, errsize, _("%s: the name is too long"), path);
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
        snprintf(err, errsize, _("cannot write %s: %s"), path, strerror(errno));
        unlink(path);
    }
    return ok;
}

bool bt_minisign_keygen(const char *name, const char *password, const bt_minisign_kdf *kdf,
                        bt_minisign_key *pub, char *err, size_t errsize)
{
    if (!ms_ready(err, errsize))
        return false;
    char skpath[4096], pkpath[4096];
    if ((size_t)snprintf(skpath, sizeof skpath, "%s.key", name) >= sizeof skpath ||
        (size_t)snprintf(pkpath, sizeof pkpath, "%s.pub", name) >= sizeof pkpath) {
        snprintf(err, errsize, _("%s: the name is too long"), name);
        return false;
    }
    struct stat sb;
    if (lstat(pkpath, &sb) == 0 || lstat(skpath, &sb) == 0) {
        snprintf(err, errsize,
                 _("%s: already exists (a key is never overwritten: choose another name, or move "
                 "the old one away first)"),
                 lstat(skpath, &sb) == 0 ? skpath : pkpath);
        return false;
    }
    bool encrypt = password && *password;
    unsigned long long ops = kdf ? kdf->opslimit : crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE;
    size_t mem = kdf ? kdf->memlimit : crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE;
    if (encrypt && (ops > BT_MAX_SCRYPT_OPSLIMIT || mem > BT_MAX_SCRYPT_MEMLIMIT)) {
        snprintf(err, errsize, _("the key derivation asked for is too costly to be read back"));
        return false;
    }

    unsigned char *b = sodium_malloc(SK_BYTES);
    char *sktext = sodium_malloc(512);
    if (!b || !sktext) {
        sodium_free(b);
        sodium_free(sktext);
        snprintf(err, errsize, _("out of memory"));
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
    ms_copy_source(k.source, pkpath);

    bool ok = true;
    if (encrypt) {
        randombytes_buf(b + SK_SALT, 32);
        put_le64(b + SK_OPS, ops);
        put_le64(b + SK_MEM, mem);
        ok = scrypt_xor(keynum, password, b + SK_SALT, ops, mem);
        if (!ok)
            snprintf(err, errsize, _("the password could not be turned into a key (out of memory?)"));
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
