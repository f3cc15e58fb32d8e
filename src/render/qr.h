/* qr.h: a QR code as a grid of modules (libqrencode), plain C. */
#ifndef BT_QR_H
#define BT_QR_H

#include <stdbool.h>

typedef struct {
    int size;               /* modules per side, without the quiet zone */
    unsigned char *modules; /* size*size, row-major; 1 = dark */
} bt_qr;

/* Encodes text (UTF-8, 8-bit mode, error correction M). Returns false when it
 * cannot be encoded (too long, out of memory). Free with bt_qr_free(). */
bool bt_qr_encode(const char *text, bt_qr *out);

void bt_qr_free(bt_qr *qr);

#endif
