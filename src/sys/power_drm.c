/* power_drm.c: DPMS through DRM connector properties (see power_drm.h). */
#include "power_drm.h"
#include "base/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xf86drm.h>
#include <xf86drmMode.h>

_Static_assert(BT_DRM_DPMS_ON == DRM_MODE_DPMS_ON && BT_DRM_DPMS_OFF == DRM_MODE_DPMS_OFF,
               "DPMS values");

/* ---- libdrm ------------------------------------------------------------------ */

static int real_connectors(void *ctx, int fd, uint32_t *ids, int max)
{
    drmModeResPtr res = drmModeGetResources(fd);
    if (!res)
        return -(errno ? errno : ENODEV);
    int n = 0;
    for (int i = 0; i < res->count_connectors && n < max; i++) {
        /* "Current": the state as it is, without probing the monitor again. */
        drmModeConnectorPtr c = drmModeGetConnectorCurrent(fd, res->connectors[i]);
        if (!c)
            continue;
        if (c->connection == DRM_MODE_CONNECTED && c->encoder_id)
            ids[n++] = c->connector_id;
        drmModeFreeConnector(c);
    }
    drmModeFreeResources(res);
    return n;
}

static bool real_dpms_property(void *ctx, int fd, uint32_t connector, uint32_t *prop)
{
    drmModeObjectPropertiesPtr props =
        drmModeObjectGetProperties(fd, connector, DRM_MODE_OBJECT_CONNECTOR);
    bool found = false;
    for (uint32_t i = 0; props && i < props->count_props && !found; i++) {
        drmModePropertyPtr p = drmModeGetProperty(fd, props->props[i]);
        if (p && strcmp(p->name, "DPMS") == 0) {
            *prop = p->prop_id;
            found = true;
        }
        drmModeFreeProperty(p);
    }
    drmModeFreeObjectProperties(props);
    return found;
}

static int real_set_property(void *ctx, int fd, uint32_t connector, uint32_t prop, uint64_t value)
{
    int rc = drmModeConnectorSetProperty(fd, connector, prop, value);
    return rc < 0 ? (rc == -1 ? -errno : rc) : 0;
}

static const bt_drm_ops real_ops = {real_connectors, real_dpms_property, real_set_property, NULL};

/* ---- the backend ----------------------------------------------------------- */

typedef struct {
    bt_drm_ops ops;
    int fd;
} drm;

static bool drm_available(void *ctx, char *why, size_t size)
{
    drm *d = ctx;
    uint32_t ids[BT_DRM_MAX_CONNECTORS], prop;
    int n = d->ops.connectors(d->ops.ctx, d->fd, ids, BT_DRM_MAX_CONNECTORS);
    if (n < 0) {
        snprintf(why, size, _("the DRM device cannot be read: %s"), strerror(-n));
        return false;
    }
    for (int i = 0; i < n; i++)
        if (d->ops.dpms_property(d->ops.ctx, d->fd, ids[i], &prop))
            return true;
    snprintf(why, size, n ? "no connected screen has a DPMS property" : "no screen is connected");
    return false;
}

/* Sets DPMS on every connector in use: a kiosk may mirror onto two. */
static bool drm_set(drm *d, uint64_t value, char *err, size_t size)
{
    uint32_t ids[BT_DRM_MAX_CONNECTORS];
    int n = d->ops.connectors(d->ops.ctx, d->fd, ids, BT_DRM_MAX_CONNECTORS);
    if (n < 0) {
        snprintf(err, size, _("the DRM device cannot be read: %s"), strerror(-n));
        return false;
    }
    int done = 0, last = 0;
    for (int i = 0; i < n; i++) {
        uint32_t prop;
        if (!d->ops.dpms_property(d->ops.ctx, d->fd, ids[i], &prop))
            continue;
        int rc = d->ops.set_property(d->ops.ctx, d->fd, ids[i], prop, value);
        if (rc == 0)
            done++;
        else
            last = rc;
    }
    if (done)
        return true;
    if (last)
        snprintf(err, size, _("the DRM connector refused DPMS: %s"), strerror(-last));
    else
        snprintf(err, size, n ? "no connected screen has a DPMS property"
                              : "no screen is connected");
    return false;
}

static bool drm_off(void *ctx, char *err, size_t size)
{
    return drm_set(ctx, BT_DRM_DPMS_OFF, err, size);
}

static bool drm_on(void *ctx, char *err, size_t size)
{
    return drm_set(ctx, BT_DRM_DPMS_ON, err, size);
}

bool bt_power_drm(int fd, const bt_drm_ops *ops, bt_power_backend *out)
{
    drm *d = fd >= 0 ? calloc(1, sizeof *d) : NULL;
    if (!d)
        return false;
    d->ops = ops ? *ops : real_ops;
    d->fd = fd;
    *out = (bt_power_backend){"drm-dpms", false, drm_available, drm_off, drm_on, free, d};
    return true;
}
