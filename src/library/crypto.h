/* crypto.h: libsodium, made ready once for the whole process. Plain C.
 *
 * Every function of ours that calls libsodium (sha256, minisign) calls
 * bt_crypto_init() first: sodium_init() picks the fastest code for this CPU
 * and opens the random source, and must run before anything else of it. */
#ifndef BT_CRYPTO_H
#define BT_CRYPTO_H

#include <stdbool.h>

/* Runs sodium_init() once, whichever thread gets here first (pthread_once);
 * false when libsodium cannot work (no random source): nothing that signs
 * or verifies can then be trusted. Cheap after the first call. */
bool bt_crypto_init(void);

#endif
