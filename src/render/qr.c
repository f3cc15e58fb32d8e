/* qr.c: a QR code as a grid of modules, from libqrencode. */
#include "qr.h"

#include <limits.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

bool bt_qr_encode(const char *text, bt_qr *out)
{
    memset(out, 0, sizeof *out);
    size_t len = text ? strlen(text) : 0;
    /* An empty code scans as nothing; refuse it rather than draw a blank. */
    if (len == 0 || len > INT_MAX)
        return false;
    /* 8-bit mode keeps UTF-8 bytes as they are (phones read them as UTF-8);
     * version 0 lets libqrencode pick the smallest symbol that holds them.
     * M recovers from ~15% damage: glare on a screen, a smudge on glass. */
    QRcode *code = QRcode_encodeData((int)len, (const unsigned char *)text, 0, QR_ECLEVEL_M);
    if (!code)
        return false; /* too long (ERANGE) or out of memory */
    size_t n = (size_t)code->width * (size_t)code->width;
    out->modules = malloc(n);
    if (!out->modules) {
        QRcode_free(code);
        return false;
    }
    /* Bit 0 is the colour; the other bits describe the module's role. */
    for (size_t i = 0; i < n; i++)
        out->modules[i] = code->data[i] & 1;
    out->size = code->width;
    QRcode_free(code);
    return true;
}

void bt_qr_free(bt_qr *qr)
{
    if (!qr)
        return;
    free(qr->modules);
    memset(qr, 0, sizeof *qr);
}
