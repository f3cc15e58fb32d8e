/* power_cec.c: HDMI-CEC through /dev/cec* (see power_cec.h). */
#include "power_cec.h"
#include "base/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/cec.h>

/* ---- the frames ------------------------------------------------------------ */

int bt_cec_frames(bool on, uint8_t from, uint16_t phys_addr, bt_cec_frame out[3])
{
    uint8_t me = (uint8_t)((from & 0x0f) << 4);
    memset(out, 0, sizeof *out * 3);
    if (!on) {
        out[0] = (bt_cec_frame){2, {me | BT_CEC_BROADCAST, CEC_MSG_STANDBY}};
        return 1;
    }
    out[0] = (bt_cec_frame){2, {me | BT_CEC_TV, CEC_MSG_IMAGE_VIEW_ON}};
    if (phys_addr == CEC_PHYS_ADDR_INVALID)
        return 1; /* no HDMI address yet: the TV cannot be told which input is ours */
    out[1] = (bt_cec_frame){4, {me | BT_CEC_BROADCAST, CEC_MSG_ACTIVE_SOURCE,
                                (uint8_t)(phys_addr >> 8), (uint8_t)(phys_addr & 0xff)}};
    return 2;
}

/* ---- the kernel's device ------------------------------------------------------ */

static int real_open(void *ctx, const char *path)
{
    /* Blocking: claiming an address and transmitting wait for their result
     * (bounded by the kernel), on the power thread. */
    int fd = open(path, O_RDWR | O_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

static int real_ioctl(void *ctx, int fd, unsigned long request, void *arg)
{
    int rc;
    do
        rc = ioctl(fd, request, arg);
    while (rc < 0 && errno == EINTR);
    return rc < 0 ? -errno : 0;
}

static void real_close(void *ctx, int fd)
{
    close(fd);
}

static const bt_cec_ops real_ops = {real_open, real_ioctl, real_close, NULL};

/* ---- the backend ----------------------------------------------------------- */

typedef struct {
    bt_cec_ops ops;
    char path[64];  /* "" until found */
    int fd;         /* -1 until opened, kept open while it works */
    uint8_t la;     /* our logical address once claimed */
} cec;

/* Opens the device (the first that opens, when none was named) and checks
 * that it can transmit; keeps it open. */
static bool cec_open(cec *c, char *err, size_t size)
{
    if (c->fd >= 0)
        return true;
    int last = -ENOENT;
    for (int i = 0; i < 4 && c->fd < 0; i++) {
        char path[64];
        if (c->path[0] && i > 0)
            break;
        if (c->path[0])
            snprintf(path, sizeof path, "%s", c->path);
        else
            snprintf(path, sizeof path, "/dev/cec%d", i);
        int fd = c->ops.open(c->ops.ctx, path);
        if (fd < 0) {
            last = fd;
            continue;
        }
        struct cec_caps caps;
        memset(&caps, 0, sizeof caps);
        int rc = c->ops.ioctl(c->ops.ctx, fd, CEC_ADAP_G_CAPS, &caps);
        if (rc == 0 && (caps.capabilities & CEC_CAP_TRANSMIT)) {
            c->fd = fd;
            snprintf(c->path, sizeof c->path, "%s", path);
            return true;
        }
        last = rc < 0 ? rc : -EOPNOTSUPP;
        c->ops.close(c->ops.ctx, fd);
    }
    if (last == -ENOENT)
        snprintf(err, size, _("no HDMI-CEC device (/dev/cec*)"));
    else if (last == -EACCES)
        snprintf(err, size, _("the HDMI-CEC device may not be opened (the player's user needs "
                            "the group video)"));
    else if (last == -EOPNOTSUPP)
        snprintf(err, size, _("the HDMI-CEC device cannot send messages"));
    else
        snprintf(err, size, _("the HDMI-CEC device cannot be used: %s"), strerror(-last));
    return false;
}

static void cec_drop(cec *c)
{
    if (c->fd >= 0)
        c->ops.close(c->ops.ctx, c->fd);
    c->fd = -1;
}

/* Our logical address: the one the adapter already has (claimed before, by
 * us or by the system), else a playback device's, claimed now. */
static bool cec_claim(cec *c, char *err, size_t size)
{
    struct cec_log_addrs la;
    memset(&la, 0, sizeof la);
    int rc = c->ops.ioctl(c->ops.ctx, c->fd, CEC_ADAP_G_LOG_ADDRS, &la);
    if (rc == 0 && la.num_log_addrs > 0 && la.log_addr[0] != CEC_LOG_ADDR_INVALID) {
        c->la = la.log_addr[0];
        return true;
    }
    struct cec_caps caps;
    memset(&caps, 0, sizeof caps);
    if (c->ops.ioctl(c->ops.ctx, c->fd, CEC_ADAP_G_CAPS, &caps) == 0 &&
        !(caps.capabilities & CEC_CAP_LOG_ADDRS)) {
        snprintf(err, size, _("the HDMI-CEC device has no address and cannot take one"));
        return false;
    }
    memset(&la, 0, sizeof la);
    la.cec_version = CEC_OP_CEC_VERSION_1_4;
    la.vendor_id = CEC_VENDOR_ID_NONE;
    la.num_log_addrs = 1;
    la.log_addr_type[0] = CEC_LOG_ADDR_TYPE_PLAYBACK;
    la.primary_device_type[0] = CEC_OP_PRIM_DEVTYPE_PLAYBACK;
    la.all_device_types[0] = CEC_OP_ALL_DEVTYPE_PLAYBACK;
    memcpy(la.osd_name, "bangtin", 8);
    rc = c->ops.ioctl(c->ops.ctx, c->fd, CEC_ADAP_S_LOG_ADDRS, &la);
    if (rc < 0) {
        snprintf(err, size, _("no HDMI-CEC address could be claimed: %s"), strerror(-rc));
        return false;
    }
    /* No playback address free on the bus: the kernel leaves us
     * unregistered (15), which may still send these messages. */
    c->la = la.log_addr[0] == CEC_LOG_ADDR_INVALID ? CEC_LOG_ADDR_UNREGISTERED : la.log_addr[0];
    return true;
}

static bool cec_send(cec *c, bool on, char *err, size_t size)
{
    if (!cec_open(c, err, size) || !cec_claim(c, err, size))
        return false;
    uint16_t pa = CEC_PHYS_ADDR_INVALID;
    if (c->ops.ioctl(c->ops.ctx, c->fd, CEC_ADAP_G_PHYS_ADDR, &pa) < 0)
        pa = CEC_PHYS_ADDR_INVALID;
    bt_cec_frame f[3];
    int n = bt_cec_frames(on, c->la, pa, f);
    for (int i = 0; i < n; i++) {
        struct cec_msg m;
        memset(&m, 0, sizeof m);
        m.len = f[i].len;
        memcpy(m.msg, f[i].msg, f[i].len);
        m.timeout = 0; /* no reply is awaited */
        int rc = c->ops.ioctl(c->ops.ctx, c->fd, CEC_TRANSMIT, &m);
        if (rc < 0) {
            snprintf(err, size, _("%s could not be sent: %s"),
                     i == 0 && !on ? "Standby" : i == 0 ? "Image View On" : "Active Source",
                     strerror(-rc));
            if (rc == -ENODEV || rc == -EIO)
                cec_drop(c); /* unplugged: open it again next time */
            return false;
        }
        if (m.tx_status && !(m.tx_status & CEC_TX_STATUS_OK)) {
            snprintf(err, size, _("%s was not acknowledged%s (status 0x%02x)"),
                     i == 0 && !on ? "Standby" : i == 0 ? "Image View On" : "Active Source",
                     (m.tx_status & CEC_TX_STATUS_NACK) ? ": no TV answered" : "", m.tx_status);
            return false;
        }
    }
    return true;
}

static bool cec_available(void *ctx, char *why, size_t size)
{
    return cec_open(ctx, why, size);
}

static bool cec_off(void *ctx, char *err, size_t size)
{
    return cec_send(ctx, false, err, size);
}

static bool cec_on(void *ctx, char *err, size_t size)
{
    return cec_send(ctx, true, err, size);
}

static void cec_free(void *ctx)
{
    cec *c = ctx;
    cec_drop(c);
    free(c);
}

bool bt_power_cec(const char *path, const bt_cec_ops *ops, bt_power_backend *out)
{
    cec *c = calloc(1, sizeof *c);
    if (!c)
        return false;
    c->ops = ops ? *ops : real_ops;
    c->fd = -1;
    if (path)
        snprintf(c->path, sizeof c->path, "%s", path);
    memset(out, 0, sizeof *out);
    out->name = "hdmi-cec";
    out->threaded = true;
    out->available = cec_available;
    out->off = cec_off;
    out->on = cec_on;
    out->free = cec_free;
    out->ctx = c; /* the backend owns it now */
    return true;
}
