/* sha256.h: SHA-256 (FIPS 180-4), small and dependency-free, for naming
 * imported playlists by their content. Plain C. */
#ifndef BT_SHA256_H
#define BT_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;        /* message length so far */
    unsigned char buf[64]; /* a partial block */
    size_t used;           /* bytes in buf */
} bt_sha256;

/* Starts a new hash. */
void bt_sha256_init(bt_sha256 *s);

/* Adds n bytes of data (n may be 0). */
void bt_sha256_update(bt_sha256 *s, const void *data, size_t n);

/* Writes the 32-byte digest to out; s must be initialised again before reuse. */
void bt_sha256_final(bt_sha256 *s, unsigned char out[32]);

#endif
