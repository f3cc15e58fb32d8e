/* fuzz_minisign.c: libFuzzer target for minisign's files (minisign.h):
 * public keys, signatures and (unencrypted, or refused before any password)
 * secret keys, parsed from memory.
 *
 * Each input is read as all three. A no must say why, naming the file; a
 * yes gives a printable trusted comment, and then the signature is checked
 * against a fixed key and the input itself as the message (the key id and
 * both signatures must be looked at without a fault). An encrypted secret
 * key is never decrypted here: no password function is given, so it must
 * be refused, quickly, whatever costs it asks for. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "library/minisign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* minisign 0.11's public key 45411D8F42436A11 (tests/unit/test_minisign.c). */
static const char pub[] = "untrusted comment: minisign public key 45411D8F42436A11\n"
                          "RWQRakNCjx1BRc49hByOJcYwzh5vtmczBhJNoUXscM9pERqLuVAaauGo\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    char err[1024];

    bt_minisign_key key;
    err[0] = '\0';
    if (!bt_minisign_key_parse(text, size, "k.pub", &key, err, sizeof err) &&
        !strstr(err, "k.pub"))
        abort();

    bt_minisign_sig *sig = malloc(sizeof *sig);
    if (!sig)
        abort();
    err[0] = '\0';
    if (bt_minisign_sig_parse(text, size, "m.minisig", sig, err, sizeof err)) {
        size_t n = strlen(sig->trusted_comment);
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)sig->trusted_comment[i] < 0x20 && sig->trusted_comment[i] != '\t')
                abort();
        bt_minisign_key k[2];
        if (!bt_minisign_key_parse(pub, strlen(pub), "trusted.pub", &k[0], err, sizeof err))
            abort();
        k[1] = k[0];
        memcpy(k[1].id, sig->key_id, sizeof k[1].id); /* a key with the signature's id */
        bt_verify_status st = bt_minisign_verify(k, 2, sig, text, size, "m", NULL, err, sizeof err);
        if (st == BT_VERIFY_UNKNOWN_KEY || (st != BT_VERIFY_OK && !err[0]))
            abort();
    } else if (!strstr(err, "m.minisig")) {
        abort();
    }
    free(sig);

    err[0] = '\0';
    bt_minisign_seckey *sk = bt_minisign_seckey_parse(text, size, "s.key", NULL, NULL, err, sizeof err);
    if (sk) {
        bt_minisign_key p;
        bt_minisign_seckey_public(sk, &p);
        char *s = bt_minisign_sign_buf(sk, text, size, size & 1, "fuzz", err, sizeof err);
        if (!s)
            abort();
        free(s);
        bt_minisign_seckey_free(sk);
    } else if (!err[0]) {
        abort();
    }
    free(text);
    return 0;
}
