/* power_cec.h: the screen's power over HDMI-CEC, through the kernel's
 * /dev/cec* interface (linux/cec.h), without libcec: the kiosk claims a
 * playback logical address, then sends Standby (0x36) to every device to
 * go off, and Image View On (0x04) to the TV then Active Source (0x82, with
 * its physical address) to everyone to come back on.
 *
 * The frames are made by a pure function, and the device is reached only
 * through bt_cec_ops, so that tests check the bytes and every ioctl on a
 * fake device. */
#ifndef BT_POWER_CEC_H
#define BT_POWER_CEC_H

#include <stdbool.h>
#include <stdint.h>

#include "power.h"

#define BT_CEC_BROADCAST 0x0f
#define BT_CEC_TV 0x00

/* One CEC message: header (initiator << 4 | destination), opcode, operands. */
typedef struct {
    uint8_t len;
    uint8_t msg[16];
} bt_cec_frame;

/* The frames to send, from logical address `from`: off, Standby to all;
 * on, Image View On to the TV then, when phys_addr is known (not 0xffff),
 * Active Source with it to all. Fills out[0..3) and returns the count. */
int bt_cec_frames(bool on, uint8_t from, uint16_t phys_addr, bt_cec_frame out[3]);

/* How the backend reaches a CEC device; NULL ops: the real one. */
typedef struct {
    int (*open)(void *ctx, const char *path);                       /* fd, or -errno */
    int (*ioctl)(void *ctx, int fd, unsigned long request, void *arg); /* 0, or -errno */
    void (*close)(void *ctx, int fd);
    void *ctx;
} bt_cec_ops;

/* A backend on the CEC device at path (NULL: the first of /dev/cec0 ..
 * /dev/cec3 that opens), through ops (NULL: the kernel's; else copied).
 * Threaded: claiming an address and each transmission may take a second.
 * False when out of memory. */
bool bt_power_cec(const char *path, const bt_cec_ops *ops, bt_power_backend *out);

#endif
