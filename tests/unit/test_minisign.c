/* minisign's files (minisign.h): vectors made by the real minisign 0.11,
 * then tables of broken public keys, signatures and secret keys, each
 * refused with its place; signatures by an unknown key, tampered messages
 * and trusted comments, legacy and prehashed; secret keys encrypted or
 * not, wrong passwords, absurd scrypt costs; key pairs never overwritten. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "library/crypto.h"
#include "library/minisign.h"

/* ---- Made by minisign 0.11 (`minisign -G -W`, `-S -t`, `-S -l -t`) over "hello\n" ---- */

static const char mini_pub[] = "untrusted comment: minisign public key 45411D8F42436A11\n"
                               "RWQRakNCjx1BRc49hByOJcYwzh5vtmczBhJNoUXscM9pERqLuVAaauGo\n";
static const char mini_sig_hashed[] =
    "untrusted comment: signature from minisign secret key\n"
    "RUQRakNCjx1BReYBvBEIDrozeopc03JRMOPebWtTGOvNfFu34a2P6uGI1r9Yyrc4bgBrdCyW1RdYpZQbn6ju0XFsVv5aGv+"
    "tcwk=\n"
    "trusted comment: vector: prehashed\n"
    "9YQ+AN0xiOStAlDlKkkZ43EMcJnx9TjRbiXyUx1gD8I6gzxlUxHWZl+CoMwurzVnCDAsgsuP/7vej3+hjuzkBg==\n";
static const char mini_sig_legacy[] =
    "untrusted comment: signature from minisign secret key\n"
    "RWQRakNCjx1BRT2EjkXLQcspYwVtoUoUzyn59pOX0pMN51LojLTRAp7wOilGCa44nVHgoDWM1M+CAuV7kTf2tMj0PW9bwKd"
    "STgo=\n"
    "trusted comment: vector: legacy\n"
    "Zy8l+qcr9Q4HWdHyLWE+3bim3nNxmNlm8dikwwDdyEvPGgwsxB3ZC6J6xQ8IYuuTsO4fMVHiu56HgcwJT/7PDQ==\n";
/* -W: not encrypted, and its checksum left zero. */
static const char mini_sec[] =
    "untrusted comment: minisign encrypted secret key\n"
    "RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEWpDQo8dQUUhOLJ7hmvTdYj5"
    "QD7rVKTJMfAdIZsLr3gpzgeo6D/Gvs49hByOJcYwzh5vtmczBhJNoUXscM9pERqLuVAaauGoAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAA=\n";
static const char msg[] = "hello\n";

static char tmpdir[] = "/tmp/bangtin-minisign-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) && bt_crypto_init() ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- helpers ------------------------------------------------------------- */

static bt_minisign_key mini_key(void)
{
    bt_minisign_key k;
    char err[512];
    assert_true(bt_minisign_key_parse(mini_pub, strlen(mini_pub), "k.pub", &k, err, sizeof err));
    return k;
}

/* The text with the base64 of line `line` (1-based) decoded, changed by
 * edit, and encoded again: a file that is well-formed but says otherwise. */
static char *rewrite_line(const char *text, int line, void (*edit)(unsigned char *b, size_t n))
{
    char *out = strdup(text);
    char *p = out;
    for (int i = 1; i < line; i++)
        p = strchr(p, '\n') + 1;
    char *nl = strchr(p, '\n');
    unsigned char bin[256];
    size_t n;
    assert_int_equal(sodium_base642bin(bin, sizeof bin, p, (size_t)(nl - p), NULL, &n, NULL,
                                       sodium_base64_VARIANT_ORIGINAL),
                     0);
    edit(bin, n);
    char b64[400];
    sodium_bin2base64(b64, sizeof b64, bin, n, sodium_base64_VARIANT_ORIGINAL);
    assert_int_equal(strlen(b64), (size_t)(nl - p)); /* same length: splice in place */
    memcpy(p, b64, strlen(b64));
    return out;
}

static void alg_ex(unsigned char *b, size_t n)
{
    (void)n;
    b[1] = 'x';
}

static void alg_legacy(unsigned char *b, size_t n)
{
    (void)n;
    b[1] = 'd'; /* "ED" -> "Ed" */
}

static void other_id(unsigned char *b, size_t n)
{
    (void)n;
    b[2] ^= 1;
}

static void flip_last(unsigned char *b, size_t n)
{
    b[n - 1] ^= 0x80;
}

/* ---- Public keys --------------------------------------------------------- */

static void public_keys(void **state)
{
    (void)state;
    static const struct {
        const char *title, *text;
        bool ok;
        const char *says; /* in the message */
    } table[] = {
        {"minisign's own", mini_pub, true, NULL},
        {"the key alone, as -P takes it", "RWQRakNCjx1BRc49hByOJcYwzh5vtmczBhJNoUXscM9pERqLuVAaauGo\n",
         true, NULL},
        {"CRLF lines",
         "untrusted comment: x\r\nRWQRakNCjx1BRc49hByOJcYwzh5vtmczBhJNoUXscM9pERqLuVAaauGo\r\n", true,
         NULL},
        {"no newline at the end",
         "untrusted comment: x\nRWQRakNCjx1BRc49hByOJcYwzh5vtmczBhJNoUXscM9pERqLuVAaauGo", true, NULL},
        {"empty", "", false, "empty"},
        {"comment only", "untrusted comment: x\n", false, ":2:"},
        {"bad base64", "untrusted comment: x\nRWQRakNCjx1BRc49hByOJcYwzh5vtmczBhJNoUXscM9pERqLuVAaau*o\n",
         false, "k.pub:2: not valid base64"},
        {"cut short", "untrusted comment: x\nRWQRakNCjx1BRc49hByOJcYwzh5vtmczBhJNoUXscM9pERqL\n", false,
         "k.pub:2: 36 bytes where a minisign public key has 42"},
        {"a signature where the key should be",
         "untrusted comment: x\n9YQ+AN0xiOStAlDlKkkZ43EMcJnx9TjRbiXyUx1gD8I6gzxlUxHWZl+CoMwurzVnCDAs"
         "gsuP/7vej3+hjuzkBg==\n",
         false, "64 bytes"},
        {"junk after", "untrusted comment: x\nRWQRakNCjx1BRc49hByOJcYwzh5vtmczBhJNoUXscM9pERqLuVAaauGo\nmore\n",
         false, "k.pub:3: unexpected text"},
        {"carriage return inside", "untrusted comment: x\rx\nRWQRakNCjx1BRc49hByOJcYwzh5vtmczBhJNoUXs"
                                   "cM9pERqLuVAaauGo\n",
         false, "k.pub:1: a carriage return"},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        bt_minisign_key k;
        char err[512] = "";
        bool ok = bt_minisign_key_parse(table[i].text, strlen(table[i].text), "k.pub", &k, err,
                                        sizeof err);
        if (ok != table[i].ok || (table[i].says && !strstr(err, table[i].says)))
            fail_msg("%s: ok=%d, err=\"%s\"", table[i].title, ok, err);
        if (ok) {
            char hex[17];
            bt_minisign_id_hex(k.id, hex);
            assert_string_equal(hex, "45411D8F42436A11"); /* as minisign prints it */
        }
    }
    /* A NUL byte, and an algorithm that is not Ed25519. */
    bt_minisign_key k;
    char err[512];
    assert_false(bt_minisign_key_parse("RWQ\0", 4, "k.pub", &k, err, sizeof err));
    assert_non_null(strstr(err, "NUL"));
    char *ex = rewrite_line(mini_pub, 2, alg_ex);
    assert_false(bt_minisign_key_parse(ex, strlen(ex), "k.pub", &k, err, sizeof err));
    assert_non_null(strstr(err, "\"Ex\""));
    free(ex);
    /* A comment line longer than minisign's. */
    char *longc = malloc(3000);
    snprintf(longc, 3000, "untrusted comment: %02000d\n%s", 0, strchr(mini_pub, '\n') + 1);
    assert_false(bt_minisign_key_parse(longc, strlen(longc), "k.pub", &k, err, sizeof err));
    assert_non_null(strstr(err, "k.pub:1: the line is too long"));
    free(longc);
}

/* ---- Signatures over a buffer -------------------------------------------- */

/* minisign's vectors verify, legacy and prehashed, with the trusted comment. */
static void minisign_vectors_verify(void **state)
{
    (void)state;
    bt_minisign_key k = mini_key();
    const struct {
        const char *sig, *comment;
        bool prehashed;
    } v[] = {{mini_sig_hashed, "vector: prehashed", true}, {mini_sig_legacy, "vector: legacy", false}};
    for (int i = 0; i < 2; i++) {
        bt_minisign_sig s;
        char err[512];
        assert_true(bt_minisign_sig_parse(v[i].sig, strlen(v[i].sig), "m.minisig", &s, err, sizeof err));
        assert_int_equal(s.prehashed, v[i].prehashed);
        assert_string_equal(s.trusted_comment, v[i].comment);
        int which = -1;
        assert_int_equal(bt_minisign_verify(&k, 1, &s, msg, strlen(msg), "m", &which, err, sizeof err),
                         BT_VERIFY_OK);
        assert_int_equal(which, 0);
    }
}

/* Table of what is done to a good signature and what must come of it. */
static void broken_signatures(void **state)
{
    (void)state;
    bt_minisign_key trusted[2];
    trusted[0] = mini_key();
    /* A second trusted key, so that the message lists both. */
    char name[4200], err[1024];
    snprintf(name, sizeof name, "%s/second", tmpdir);
    assert_true(bt_minisign_keygen(name, NULL, NULL, &trusted[1], err, sizeof err));

    char *bad_b64 = strdup(mini_sig_hashed);
    strchr(bad_b64, '\n')[5] = '*';
    char *alg = rewrite_line(mini_sig_hashed, 2, alg_ex);
    char *as_legacy = rewrite_line(mini_sig_hashed, 2, alg_legacy);
    char *unknown = rewrite_line(mini_sig_hashed, 2, other_id);
    char *bad_global = rewrite_line(mini_sig_hashed, 4, flip_last);
    char *tampered_comment = strdup(mini_sig_hashed);
    *strstr(tampered_comment, "prehashed") = 'P';
    char *crlf = malloc(strlen(mini_sig_hashed) * 2);
    char *o = crlf;
    for (const char *c = mini_sig_hashed; *c; c++) {
        if (*c == '\n')
            *o++ = '\r';
        *o++ = *c;
    }
    *o = '\0';
    char *no_tc_prefix = strdup(mini_sig_hashed);
    memcpy(strstr(no_tc_prefix, "\ntrusted comment") + 1, "Trusted", 7);
    char *control = strdup(mini_sig_hashed);
    strstr(control, "vector")[1] = '\x1b';
    char *c1 = malloc(strlen(mini_sig_hashed) + 4);
    snprintf(c1, strlen(mini_sig_hashed) + 4, "%s", mini_sig_hashed);
    memcpy(strstr(c1, "vector"), "\xc2\x85", 2); /* U+0085, a C1 control */
    char *junk = malloc(strlen(mini_sig_hashed) + 8);
    snprintf(junk, strlen(mini_sig_hashed) + 8, "%sjunk\n", mini_sig_hashed);
    char *blank_after = malloc(strlen(mini_sig_hashed) + 8);
    snprintf(blank_after, strlen(mini_sig_hashed) + 8, "%s\n\n", mini_sig_hashed);

    static const char other_msg[] = "hello!\n";
    const struct {
        const char *title, *sig, *msg;
        bool parses;
        bt_verify_status st;
        const char *says;
    } table[] = {
        {"good", mini_sig_hashed, msg, true, BT_VERIFY_OK, NULL},
        {"CRLF lines", crlf, msg, true, BT_VERIFY_OK, NULL},
        {"blank lines after", blank_after, msg, true, BT_VERIFY_OK, NULL},
        {"tampered message", mini_sig_hashed, other_msg, true, BT_VERIFY_BAD_SIGNATURE,
         "m does not match its signature m.minisig"},
        {"tampered legacy message", mini_sig_legacy, other_msg, true, BT_VERIFY_BAD_SIGNATURE, NULL},
        {"tampered trusted comment", tampered_comment, msg, true, BT_VERIFY_BAD_COMMENT,
         "m.minisig: the trusted comment is not the one that was signed"},
        {"tampered global signature", bad_global, msg, true, BT_VERIFY_BAD_COMMENT, NULL},
        {"prehashed passed off as legacy", as_legacy, msg, true, BT_VERIFY_BAD_SIGNATURE, NULL},
        {"unknown key", unknown, msg, true, BT_VERIFY_UNKNOWN_KEY,
         "signed by another key (id 45411D8F42436A10); this kiosk trusts k.pub (id 45411D8F42436A11), "},
        {"bad base64", bad_b64, msg, false, 0, "m.minisig:2: not valid base64"},
        {"wrong algorithm bytes", alg, msg, false, 0, "m.minisig:2: a signature of an unknown kind"},
        {"no trusted comment prefix", no_tc_prefix, msg, false, 0, "m.minisig:3:"},
        {"control character in the trusted comment", control, msg, false, 0, "m.minisig:3:"},
        {"C1 control in the trusted comment", c1, msg, false, 0, "m.minisig:3:"},
        {"junk after", junk, msg, false, 0, "m.minisig:5: unexpected text"},
        {"empty", "", msg, false, 0, "m.minisig:1:"},
    };
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        bt_minisign_sig s;
        err[0] = '\0';
        bool parsed = bt_minisign_sig_parse(table[i].sig, strlen(table[i].sig), "m.minisig", &s, err,
                                            sizeof err);
        if (parsed != table[i].parses)
            fail_msg("%s: parsed=%d: %s", table[i].title, parsed, err);
        if (parsed) {
            bt_verify_status st = bt_minisign_verify(trusted, 2, &s, table[i].msg,
                                                     strlen(table[i].msg), "m", NULL, err, sizeof err);
            if (st != table[i].st)
                fail_msg("%s: status %d, expected %d: %s", table[i].title, st, table[i].st, err);
        }
        if (table[i].says && !strstr(err, table[i].says))
            fail_msg("%s: \"%s\" does not say \"%s\"", table[i].title, err, table[i].says);
    }
    /* Every truncation of a good signature fails to parse (but the one that
     * drops only the final newline). */
    size_t n = strlen(mini_sig_hashed);
    for (size_t cut = 0; cut + 1 < n; cut++) {
        bt_minisign_sig s;
        if (bt_minisign_sig_parse(mini_sig_hashed, cut, "m.minisig", &s, err, sizeof err))
            fail_msg("a signature cut at %zu bytes parses", cut);
        assert_non_null(strstr(err, "m.minisig"));
    }
    /* No trusted key at all. */
    bt_minisign_sig s;
    assert_true(bt_minisign_sig_parse(mini_sig_hashed, n, "m.minisig", &s, err, sizeof err));
    assert_int_equal(bt_minisign_verify(trusted, 0, &s, msg, strlen(msg), "m", NULL, err, sizeof err),
                     BT_VERIFY_UNKNOWN_KEY);
    assert_non_null(strstr(err, "trusts no key"));

    free(bad_b64);
    free(alg);
    free(as_legacy);
    free(unknown);
    free(bad_global);
    free(tampered_comment);
    free(crlf);
    free(no_tc_prefix);
    free(control);
    free(c1);
    free(junk);
    free(blank_after);
}

/* ---- Secret keys, signing ------------------------------------------------ */

typedef struct {
    const char *password;
    int asked;
} asker;

static bool ask(void *ctx, const char *prompt, char *buf, size_t size, char *err, size_t errsize)
{
    asker *a = ctx;
    a->asked++;
    assert_non_null(strstr(prompt, "Password"));
    if (!a->password) {
        snprintf(err, errsize, "no terminal here");
        return false;
    }
    snprintf(buf, size, "%s", a->password);
    return true;
}

/* Signs with minisign's own -W secret key (zero checksum): both forms. */
static void minisign_secret_key_signs(void **state)
{
    (void)state;
    char err[1024];
    asker a = {NULL, 0};
    bt_minisign_seckey *sk = bt_minisign_seckey_parse(mini_sec, strlen(mini_sec), "k.key", ask, &a,
                                                      err, sizeof err);
    assert_non_null(sk);
    assert_int_equal(a.asked, 0); /* not encrypted: no password asked */
    bt_minisign_key pub, k = mini_key();
    bt_minisign_seckey_public(sk, &pub);
    assert_memory_equal(pub.pk, k.pk, sizeof k.pk);
    assert_memory_equal(pub.id, k.id, sizeof k.id);
    for (int prehashed = 0; prehashed < 2; prehashed++) {
        char *text = bt_minisign_sign_buf(sk, msg, strlen(msg), prehashed, "vector: legacy", err,
                                          sizeof err);
        assert_non_null(text);
        if (!prehashed) /* Ed25519 is deterministic: minisign's very bytes */
            assert_non_null(strstr(text, strchr(mini_sig_legacy, '\n') + 1));
        bt_minisign_sig s;
        assert_true(bt_minisign_sig_parse(text, strlen(text), "x", &s, err, sizeof err));
        assert_int_equal(s.prehashed, prehashed);
        assert_int_equal(bt_minisign_verify(&k, 1, &s, msg, strlen(msg), "m", NULL, err, sizeof err),
                         BT_VERIFY_OK);
        free(text);
    }
    /* Trusted comments that cannot be signed. */
    assert_null(bt_minisign_sign_buf(sk, msg, 1, true, "a\nb", err, sizeof err));
    assert_null(bt_minisign_sign_buf(sk, msg, 1, true, "bad \xff", err, sizeof err));
    bt_minisign_seckey_free(sk);
}

static void key_file(const char *name, const char *text)
{
    FILE *f = fopen(name, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void set_u64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        p[i] = (unsigned char)v;
}

static uint64_t edit_ops, edit_mem;
static void edit_kdf(unsigned char *b, size_t n)
{
    (void)n;
    set_u64(b + 38, edit_ops);
    set_u64(b + 46, edit_mem);
}

static void damage_checksum(unsigned char *b, size_t n)
{
    b[n - 1] ^= 1;
}

/* bangtin's key pairs: encrypted (a cheap scrypt, for the test) or not,
 * wrong passwords, absurd costs, never overwritten. */
static void key_pairs(void **state)
{
    (void)state;
    char name[4200], path[4300], err[1024];
    const bt_minisign_kdf cheap = {crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN,
                                   crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN};
    snprintf(name, sizeof name, "%s/dept", tmpdir);
    bt_minisign_key pub;
    assert_true(bt_minisign_keygen(name, "s3cret", &cheap, &pub, err, sizeof err));
    snprintf(path, sizeof path, "%s.key", name);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);

    /* Never overwritten, either file; and a .key is not made beside a .pub. */
    assert_false(bt_minisign_keygen(name, NULL, NULL, NULL, err, sizeof err));
    assert_non_null(strstr(err, "already exists"));
    char other[4200];
    snprintf(other, sizeof other, "%s/only-pub", tmpdir);
    snprintf(path, sizeof path, "%s.pub", other);
    key_file(path, "x\n");
    assert_false(bt_minisign_keygen(other, NULL, NULL, NULL, err, sizeof err));
    snprintf(path, sizeof path, "%s.key", other);
    assert_int_equal(access(path, F_OK), -1);

    /* The .pub reads back as the key made. */
    snprintf(path, sizeof path, "%s.pub", name);
    bt_minisign_key back;
    assert_true(bt_minisign_key_load(path, &back, err, sizeof err));
    assert_memory_equal(back.pk, pub.pk, sizeof pub.pk);
    assert_memory_equal(back.id, pub.id, sizeof pub.id);

    /* Passwords. */
    snprintf(path, sizeof path, "%s.key", name);
    asker right = {"s3cret", 0}, wrong = {"s3cre7", 0}, none = {NULL, 0};
    bt_minisign_seckey *sk = bt_minisign_seckey_load(path, ask, &right, err, sizeof err);
    assert_non_null(sk);
    assert_int_equal(right.asked, 1);
    bt_minisign_key mine;
    bt_minisign_seckey_public(sk, &mine);
    assert_memory_equal(mine.pk, pub.pk, sizeof pub.pk);
    assert_null(bt_minisign_seckey_load(path, ask, &wrong, err, sizeof err));
    assert_non_null(strstr(err, "wrong password"));
    assert_null(bt_minisign_seckey_load(path, ask, &none, err, sizeof err));
    assert_non_null(strstr(err, "no terminal here"));
    assert_null(bt_minisign_seckey_load(path, NULL, NULL, err, sizeof err));
    assert_non_null(strstr(err, "password"));

    /* A file signed by it verifies, streamed, with minisign's trusted comment. */
    char file[4300];
    snprintf(file, sizeof file, "%s/manifest.txt", tmpdir);
    key_file(file, "bangtin-manifest 1\n");
    assert_true(bt_minisign_sign_file(sk, file, 1700000000, NULL, err, sizeof err));
    char sigpath[4400];
    snprintf(sigpath, sizeof sigpath, "%s.minisig", file);
    bt_minisign_sig s;
    assert_true(bt_minisign_sig_load(sigpath, &s, err, sizeof err));
    assert_true(s.prehashed);
    assert_string_equal(s.trusted_comment, "timestamp:1700000000\tfile:manifest.txt\thashed");
    assert_int_equal(bt_minisign_verify_file(&pub, 1, &s, file, NULL, err, sizeof err), BT_VERIFY_OK);
    key_file(file, "bangtin-manifest 2\n");
    assert_int_equal(bt_minisign_verify_file(&pub, 1, &s, file, NULL, err, sizeof err),
                     BT_VERIFY_BAD_SIGNATURE);
    /* A legacy signature of a file, and one of a file that is gone. */
    char *legacy = bt_minisign_sign_buf(sk, "bangtin-manifest 2\n", 19, false, "t", err, sizeof err);
    assert_true(bt_minisign_sig_parse(legacy, strlen(legacy), "l", &s, err, sizeof err));
    free(legacy);
    assert_int_equal(bt_minisign_verify_file(&pub, 1, &s, file, NULL, err, sizeof err), BT_VERIFY_OK);
    unlink(file);
    assert_int_equal(bt_minisign_verify_file(&pub, 1, &s, file, NULL, err, sizeof err),
                     BT_VERIFY_UNREADABLE);
    bt_minisign_seckey_free(sk);

    /* Absurd scrypt costs are refused before any password is asked. */
    size_t len;
    FILE *f = fopen(path, "r");
    char text[1024];
    len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    const uint64_t costs[][2] = {{1ULL << 40, cheap.memlimit}, {cheap.opslimit, 1ULL << 40},
                                 {UINT64_MAX, UINT64_MAX}};
    for (int i = 0; i < 3; i++) {
        edit_ops = costs[i][0];
        edit_mem = costs[i][1];
        char *absurd = rewrite_line(text, 2, edit_kdf);
        asker a = {"s3cret", 0};
        time_t t0 = time(NULL);
        assert_null(bt_minisign_seckey_parse(absurd, strlen(absurd), "dept.key", ask, &a, err,
                                             sizeof err));
        assert_true(time(NULL) - t0 <= 1);
        assert_int_equal(a.asked, 0);
        assert_non_null(strstr(err, "more than minisign ever uses"));
        free(absurd);
    }

    /* Unencrypted: a damaged checksum is seen; minisign -W's zero one is not damage. */
    char plain[4200];
    snprintf(plain, sizeof plain, "%s/plain", tmpdir);
    assert_true(bt_minisign_keygen(plain, "", NULL, &pub, err, sizeof err));
    snprintf(path, sizeof path, "%s.key", plain);
    f = fopen(path, "r");
    len = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[len] = '\0';
    asker a = {NULL, 0};
    sk = bt_minisign_seckey_parse(text, len, "plain.key", ask, &a, err, sizeof err);
    assert_non_null(sk);
    assert_int_equal(a.asked, 0);
    bt_minisign_seckey_free(sk);
    char *damaged = rewrite_line(text, 2, damage_checksum);
    assert_null(bt_minisign_seckey_parse(damaged, strlen(damaged), "plain.key", ask, &a, err,
                                         sizeof err));
    assert_non_null(strstr(err, "damaged"));
    free(damaged);
    char *alg = rewrite_line(text, 2, alg_ex);
    assert_null(bt_minisign_seckey_parse(alg, strlen(alg), "plain.key", ask, &a, err, sizeof err));
    assert_non_null(strstr(err, "plain.key:2:"));
    free(alg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(public_keys),
        cmocka_unit_test(minisign_vectors_verify),
        cmocka_unit_test(broken_signatures),
        cmocka_unit_test(minisign_secret_key_signs),
        cmocka_unit_test(key_pairs),
    };
    return cmocka_run_group_tests_name("minisign", tests, setup, teardown);
}
