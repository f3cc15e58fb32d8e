/* sha256.c: SHA-256 by libsodium (see sha256.h); checked against the
 * standard's vectors in tests/unit/test_import.c. */
#include "sha256.h"

#include "crypto.h"

void bt_sha256_init(bt_sha256 *s)
{
    (void)bt_crypto_init(); /* SHA-256 itself needs no random source */
    crypto_hash_sha256_init(&s->st);
}

void bt_sha256_update(bt_sha256 *s, const void *data, size_t n)
{
    if (n)
        crypto_hash_sha256_update(&s->st, data, n);
}

void bt_sha256_final(bt_sha256 *s, unsigned char out[32])
{
    crypto_hash_sha256_final(&s->st, out);
}
