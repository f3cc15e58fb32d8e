/* sha256.h: SHA-256 (FIPS 180-4), for naming imported playlists by their
 * content and for the hashes of a campaign's manifest. libsodium computes
 * it (crypto_hash_sha256); this is the small streaming API our callers use.
 * Plain C. */
#ifndef BT_SHA256_H
#define BT_SHA256_H

#include <stddef.h>

#include <sodium.h>

#define BT_SHA256_BYTES 32

typedef struct {
    crypto_hash_sha256_state st;
} bt_sha256;

/* Starts a new hash (and makes libsodium ready, crypto.h). */
void bt_sha256_init(bt_sha256 *s);

/* Adds n bytes of data (n may be 0). */
void bt_sha256_update(bt_sha256 *s, const void *data, size_t n);

/* Writes the 32-byte digest to out; s must be initialised again before reuse. */
void bt_sha256_final(bt_sha256 *s, unsigned char out[32]);

#endif
