/* power_drm.h: the screen's power through the "DPMS" property of the DRM
 * connectors in use (libdrm), on the DRM file SDL's KMSDRM driver opened
 * (it holds DRM master, which setting the property needs). Not threaded:
 * one ioctl, on SDL's thread, between its page flips.
 *
 * libdrm is reached through bt_drm_ops so that tests drive the logic with
 * a fake device. */
#ifndef BT_POWER_DRM_H
#define BT_POWER_DRM_H

#include <stdbool.h>
#include <stdint.h>

#include "power.h"

#define BT_DRM_MAX_CONNECTORS 8

typedef struct {
    /* The connectors that are connected and driven (have an encoder):
     * their ids in ids[0..max), how many; -errno on failure. */
    int (*connectors)(void *ctx, int fd, uint32_t *ids, int max);
    /* The id of the connector's "DPMS" property; false when it has none. */
    bool (*dpms_property)(void *ctx, int fd, uint32_t connector, uint32_t *prop);
    /* Sets it; 0, or -errno. */
    int (*set_property)(void *ctx, int fd, uint32_t connector, uint32_t prop, uint64_t value);
    void *ctx;
} bt_drm_ops;

/* The values of the DPMS property (DRM_MODE_DPMS_ON, _OFF). */
#define BT_DRM_DPMS_ON 0
#define BT_DRM_DPMS_OFF 3

/* A backend on the DRM file fd (not owned), through ops (NULL: libdrm).
 * False when fd < 0 or out of memory. */
bool bt_power_drm(int fd, const bt_drm_ops *ops, bt_power_backend *out);

#endif
