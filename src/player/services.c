/* services.c: the threads that feed the loop (services.h). */
#include "services.h"

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/log.h"
#include "render/checks.h"
#include "sys/signals.h"

bool bt_services_start_early(bt_services *sv, const char *path, char *err, size_t errsize)
{
    *sv = (bt_services){0};
    sv->ev_hup = SDL_RegisterEvents(1);
    if (!bt_signals_start(sv->ev_hup))
        bt_log(BT_LOG_WARNING, "SIGHUP will not reload the playlist");
    if (SDL_InitSubSystem(SDL_INIT_EVENTS) != 0) {
        snprintf(err, errsize, _("cannot start SDL's events: %s"), SDL_GetError());
        return false;
    }
    sv->ev_loaded = SDL_RegisterEvents(1);
    /* As --render reads it: a folder is a playlist, PDFs are counted. */
    sv->loader = bt_loader_start(sv->ev_loaded, bt_render_plain(), err, errsize);
    if (!sv->loader)
        return false;
    bt_loader_request(sv->loader, path, "start");
    return true;
}

/* Under systemd (RuntimeDirectory=, a RAM folder that outlives a crash of
 * the player), records wait there and reach the SD card once a minute. */
static void spool_plays(bt_playlog *log)
{
    const char *run = getenv("RUNTIME_DIRECTORY"); /* "dir" or "dir:dir2" */
    if (!log || !run || !*run)
        return;
    char dir[4096], err[512];
    snprintf(dir, sizeof dir, "%.*s", (int)strcspn(run, ":"), run);
    if (!bt_playlog_spool(log, dir, err, sizeof err))
        bt_log(BT_LOG_WARNING, "play log: records go straight to the card: %s", err);
    else if (err[0])
        bt_log(BT_LOG_WARNING, "play log: %s", err);
    else
        bt_log(BT_LOG_INFO, "play log: records wait in %s and reach the card once a minute", dir);
}

void bt_services_watch(bt_services *sv, const char *path)
{
    char err[512];
    bt_watch_stop(sv->watch);
    /* Path 0 is the playlist, path 1 the link `current` (user.code says
     * which changed). */
    const char *paths[2] = {path, sv->current};
    bt_watch_options opt = {.links = sv->current != NULL};
    sv->watch = path ? bt_watch_start_with(paths, sv->current ? 2 : 1, sv->ev_reload, &opt, err,
                                           sizeof err)
                     : NULL;
    if (path && !sv->watch)
        bt_log(BT_LOG_WARNING, "the playlist file is not watched for changes: %s", err);
}

/* The USB thread found a stick that carries a campaign. */
static void campaign_stick(void *ctx, const char *dir)
{
    bt_campaign_watch_stick(ctx, dir);
}

void bt_services_follow_current(bt_services *sv, const char *library, const char *path)
{
    char link[4200];
    snprintf(link, sizeof link, "%s/current", library);
    free(sv->current);
    sv->current = strdup(link);
    bt_services_watch(sv, path);
}

void bt_services_start(bt_services *sv, const char *library, const char *path,
                       const char *const *watch, int n_watch, bool unpaired_ok)
{
    char err[512];
    if (library) {
        sv->log = bt_playlog_open(library, err, sizeof err);
        if (!sv->log)
            bt_log(BT_LOG_WARNING, "no play log: %s", err);
        spool_plays(sv->log);
    }
    sv->ev_reload = SDL_RegisterEvents(1);
    bt_services_watch(sv, path);
    if (!library)
        return;
    const char *defaults[] = {"/media", "/run/media"};
    bt_usb_config uc = {
        .folders = n_watch > 0 ? watch : defaults,
        .n_folders = n_watch > 0 ? n_watch : 2,
        .library = library,
        .unpaired_ok = unpaired_ok,
        .load = bt_render_checks(),
        .event_type = sv->ev_usb = SDL_RegisterEvents(1),
        .started_type = sv->ev_usb_started = SDL_RegisterEvents(1),
        .campaign = sv->campaign ? campaign_stick : NULL,
        .campaign_ctx = sv->campaign,
        .kiosk_name = sv->kiosk_name[0] ? sv->kiosk_name : NULL,
        .progress_type = sv->ev_usb_progress = SDL_RegisterEvents(1),
    };
    sv->usb = bt_usb_start(&uc, err, sizeof err);
    if (!sv->usb)
        bt_log(BT_LOG_WARNING, "USB sticks will not be read: %s", err);
}

bool bt_services_start_campaign(bt_services *sv, bt_campaign_watch_config *cfg)
{
    char err[512];
    sv->ev_campaign = cfg->event_type = SDL_RegisterEvents(1);
    sv->campaign = sv->ev_campaign != (Uint32)-1 ? bt_campaign_watch_start(cfg, err, sizeof err)
                                                  : NULL;
    if (!sv->campaign)
        bt_log(BT_LOG_WARNING, "campaigns will not be taken: %s",
               sv->ev_campaign == (Uint32)-1 ? "no SDL event left" : err);
    return sv->campaign != NULL;
}

bt_service_event bt_services_route(bt_services *sv, const SDL_Event *ev)
{
    Uint32 t = ev->type;
    if (t == sv->ev_loaded)
        return BT_SERVICE_LOADED;
    if (t == sv->ev_hup)
        return BT_SERVICE_HUP;
    if (sv->watch && t == sv->ev_reload)
        return ev->user.code == 1 ? BT_SERVICE_CURRENT : BT_SERVICE_RELOAD;
    if (sv->usb && t == bt_usb_watch_event(sv->usb)) {
        bt_usb_changed(sv->usb);
        return BT_SERVICE_DONE;
    }
    if (sv->usb && t == sv->ev_usb)
        return BT_SERVICE_USB_RESULT;
    if (sv->usb && t == sv->ev_usb_started)
        return BT_SERVICE_USB_STARTED;
    if (sv->campaign && t == sv->ev_campaign)
        return BT_SERVICE_CAMPAIGN;
    if (sv->campaign && t == bt_campaign_watch_event(sv->campaign)) {
        bt_campaign_watch_changed(sv->campaign);
        return BT_SERVICE_DONE;
    }
    if (sv->usb && t == sv->ev_usb_progress)
        return BT_SERVICE_USB_PROGRESS;
    return BT_SERVICE_NONE;
}

void bt_services_stop(bt_services *sv)
{
    bt_signals_stop();
    bt_usb_stop(sv->usb); /* before the campaign's thread: it hands sticks over */
    bt_campaign_watch_stop(sv->campaign);
    bt_watch_stop(sv->watch);
    bt_loader_stop(sv->loader);
    bt_playlog_close(sv->log);
    free(sv->current);
    *sv = (bt_services){0};
}
