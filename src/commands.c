/* commands.c: one function per mode of the command line (options.h), and
 * the choice of the playlist they work on. */
#include "commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <sodium.h>

#include "base/i18n.h"
#include "base/datadir.h"
#include "base/bounds.h"
#include "render/checks.h"
#include "library/import.h"
#include "library/library.h"
#include "base/log.h"
#include "model/loop.h"
#include "render/painter.h"
#include "render/screen.h"
#include "model/touch.h"
#include "render/touch_paint.h"
#include "player/player.h"
#include "model/playlist_load.h"
#include "library/pairing.h"
#include "library/report.h"
#include "base/tz.h"
#include "model/settings.h"
#include "library/manifest_dir.h"
#include "library/minisign.h"
#include "library/password.h"
#include "library/crypto.h"
#include "library/campaign.h"
#include "library/campaign_store.h"
#include "library/merge.h"
#include "library/status.h"
#include "model/mix.h"
#include "player/reports.h"
#include <signal.h>
#include "kiosk.h"

/* The playlists a run may play, in the order to try them: the one given
 * alone; else the library's current one (the last stick imported), the
 * older imports, newest first, and the bundled playlist, so that a kiosk
 * whose newest content cannot start plays the one before. Runs the
 * library's start-up (cleaning imports cut short) in every case. Fills
 * paths (malloc'd strings) and returns how many; library may be NULL. */
static int choose_playlists(const bt_options *o, const char *library, char **paths, int max)
{
    bt_library_state st = {0};
    if (library)
        bt_import_startup(library, &st);
    int n = 0;
    if (o->playlist) {
        paths[n++] = strdup(o->playlist);
    } else {
        for (int i = 0; i < st.n && n < max - 1; i++)
            paths[n++] = strdup(st.playlists[i]);
        paths[n++] = bt_datadir_find("playlists/awareness.yaml");
    }
    bt_library_state_free(&st);
    int kept = 0; /* out of memory, or no bundled playlist: left out */
    for (int i = 0; i < n; i++)
        if (paths[i])
            paths[kept++] = paths[i];
    return kept;
}

static void free_paths(char **paths, int n)
{
    for (int i = 0; i < n; i++)
        free(paths[i]);
}

#define MAX_CANDIDATES 18 /* the library's imports, and the bundled playlist */

/* The playlist a mode without a display works on: the one given, else the
 * first the player would try. malloc'd; NULL (said on stderr) when there is
 * none. */
static char *playlist_path(const bt_options *o)
{
    char err[512], *paths[MAX_CANDIDATES];
    char *library = o->playlist ? NULL : bt_library_dir(o->library, err, sizeof err);
    int n = choose_playlists(o, library, paths, MAX_CANDIDATES);
    free(library);
    char *path = n > 0 ? paths[0] : NULL;
    free_paths(paths + (n > 0), n - (n > 0));
    if (!path)
        fprintf(stderr, _("bangtin: no playlist given and the bundled one is missing\n"));
    return path;
}

/* --check: validates the playlist (or folder) and every asset it names,
 * each picture and PDF page decoded at the size it is shown on the --size
 * screen; prints each problem and a summary to stdout. 0 usable, 1 not. */
static int cmd_check(const char *path, const bt_options *o)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_render_check check;
    bt_render_check_init(&check, o->size_w, o->size_h);
    bt_playlist *pl = bt_playlist_load_path(path, &check.opts, &d);
    bt_diags_print(&d, stdout);
    if (bt_render_check_unchecked(&check) > 0)
        printf(_("%s: note: %d PDF pages were not drawn to check them (the %d s for checking PDF "
               "pages were spent); their files were checked\n"),
               path, bt_render_check_unchecked(&check), BT_MAX_PDF_CHECK_MS / 1000);
    bt_render_check_done(&check);
    if (pl)
        printf(_("%s: usable: %d slides, %d topics, %d tips (%d errors, %d warnings)%s\n"), path,
               pl->n_slides, pl->n_topics, pl->n_tips, d.errors, d.warnings,
               d.errors > 0 ? _("; a kiosk refuses a USB stick whose playlist has errors: fix "
                                "them before copying it")
                            : "");
    else
        printf(_("%s: not usable (%d errors, %d warnings)\n"), path, d.errors, d.warnings);
    bt_diags_clear(&d);
    bt_playlist_free(pl);
    IMG_Quit();
    return pl ? 0 : 1;
}

/* --check --config FILE: the kiosk's settings checked like a playlist,
 * then what the kiosk will do with them (its zone's clock, its hours).
 * 0 when every setting is used as written, 1 when any falls back. */
static int cmd_check_settings(const char *path, const bt_options *o)
{
    bt_settings s;
    bt_diags d;
    char text[2000], err[400];
    bt_settings_init(&s);
    bt_diags_init(&d);
    bool ok = bt_settings_load(&s, path, true, &d);
    bt_diags_print(&d, stdout);
    if (s.timezone && !bt_tz_apply(s.timezone, err, sizeof err))
        printf("%s: %s\n", path, err);
    bt_settings_summary(&s, o->has_now ? o->now : time(NULL), text, sizeof text);
    fputs(text, stdout);
    bt_settings_fallbacks(&s, text, sizeof text);
    if (ok)
        printf(_("%s: usable (%d warnings)\n"), path, d.warnings);
    else
        printf(_("%s: %d errors, %d warnings; the defaults are used for: %s\n"), path, d.errors,
               d.warnings, text[0] ? text : "nothing");
    bt_settings_clear(&s);
    bt_diags_clear(&d);
    return ok ? 0 : 1;
}

/* Keeps a slide id safe as part of a file name. */
static void file_part(const char *id, char *out, size_t size)
{
    size_t n = 0;
    for (const char *c = id; *c && n + 1 < size; c++)
        out[n++] = ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                    *c == '-' || *c == '_')
                       ? *c
                       : '_';
    out[n] = '\0';
}

/* The slides --render draws, in order, into a malloc'd array (*n of them;
 * -1 stands for the empty screen). Without --now: every slide in playlist
 * order. With --now: one pass of the loop as it would play at that moment,
 * the schedules read at that moment: each playable normal slide once with
 * the alerts interleaved, until the loop would come back to where it began.
 * Nothing playable: the empty screen alone. NULL when out of memory. */
static int *render_order(const bt_playlist *pl, const bt_options *o, int *n)
{
    /* A pass holds at most one alert after each slide. */
    int *order = malloc(sizeof *order * (size_t)(2 * pl->n_slides + 1));
    *n = 0;
    if (!order)
        return NULL;
    if (!o->has_now) {
        for (int i = 0; i < pl->n_slides; i++)
            order[(*n)++] = i;
        return order;
    }
    bt_loop l;
    uint64_t ms = 0;
    bt_loop_init(&l, pl, ms, o->now);
    int first = l.current;
    order[(*n)++] = first;
    if (first < 0)
        return order;
    while (*n < 2 * pl->n_slides + 1) {
        ms = bt_loop_slide_deadline(&l);
        if (ms == UINT64_MAX)
            break; /* one slide held */
        int next = bt_loop_advance(&l, ms, o->now);
        if (next == first)
            break;
        order[(*n)++] = next;
    }
    return order;
}

/* Writes a painted screen as a PNG and frees it; says which file it wrote. */
static bool save_png(SDL_Surface *screen, const char *file)
{
    bool ok = screen && IMG_SavePNG(screen, file) == 0;
    if (ok)
        printf("%s\n", file);
    else
        fprintf(stderr, _("bangtin: cannot write %s: %s\n"), file, SDL_GetError());
    if (screen)
        SDL_FreeSurface(screen);
    return ok;
}

/* The topics screen as touch-topics.png, then the first page of each tile
 * as touch-NN-TOPIC.png ("other" for the slides without a topic). */
static bool render_touch(bt_painter *painter, const bt_playlist *pl, const bt_options *o, time_t now)
{
    bt_touch t;
    if (!bt_touch_init(&t, pl))
        return false;
    bool ok = true;
    char file[4096], part[128];
    if (t.grid) {
        t.view = BT_VIEW_TOPICS;
        snprintf(file, sizeof file, "%s/touch-topics.png", o->render_dir);
        ok = save_png(bt_paint_topics(painter, &t, o->size_w, o->size_h, now), file) && ok;
    }
    for (int g = 0; g < t.n_groups; g++) {
        t.view = BT_VIEW_TOPIC;
        t.group = g;
        t.page = 0;
        int topic = t.groups[g].topic;
        file_part(topic >= 0 ? pl->topics[topic].id : "other", part, sizeof part);
        snprintf(file, sizeof file, "%s/touch-%02d-%s.png", o->render_dir, g + 1, part);
        ok = save_png(bt_paint_page_screen(painter, &t, o->size_w, o->size_h), file) && ok;
    }
    bt_touch_free(&t);
    return ok;
}

/* The folder of trusted keys; tests point it elsewhere. */
static const char *trusted_dir(void)
{
    const char *dir = getenv("BANGTIN_TRUSTED_DIR");
    return dir && *dir ? dir : BT_TRUSTED_DIR;
}

/* The playlist the kiosk plays for the office's playlist office (read from
 * path): mixed with the campaign in place in the library, when there is
 * one (mix.h; the bundled playlist does not play beside a campaign), else
 * office itself, in its own order. The campaign read goes to *campaign.
 * NULL when out of memory. */
static bt_playlist *mixed(bt_playlist *office, const char *path, const bt_options *o,
                          bt_playlist **campaign)
{
    char err[512];
    *campaign = NULL;
    char *library = bt_library_dir(o->library, err, sizeof err);
    bt_campaign_current *cur = library ? malloc(sizeof *cur) : NULL;
    if (cur) {
        bt_campaign_store_current(library, cur);
        bt_diags d;
        bt_diags_init(&d);
        if (cur->present && (*campaign = bt_playlist_load_path(cur->playlist, bt_render_plain(), &d)))
            fprintf(stderr, _("bangtin: with the campaign in place, version %lld (%s)\n"),
                    cur->version, cur->name);
        else if (cur->present)
            fprintf(stderr, _("bangtin: the campaign in place (%s) cannot be played\n"), cur->name);
        bt_diags_print(&d, stderr);
        bt_diags_clear(&d);
    }
    free(cur);
    free(library);
    char *bundled = o->playlist ? NULL : bt_datadir_find("playlists/awareness.yaml");
    bool beside = !*campaign || !bundled || strcmp(bundled, path) != 0;
    free(bundled);
    return *campaign ? bt_mix_make(*campaign, beside ? office : NULL, NULL) : office;
}

static void free_mixed(bt_playlist *pl, bt_playlist *campaign, bt_playlist *office)
{
    if (pl != office)
        bt_playlist_free(pl); /* the view first */
    bt_playlist_free(campaign);
    bt_playlist_free(office);
}

/* --render: writes every slide of the playlist to DIR/NNN-ID.png at the
 * --size canvas, with no display, in playlist order. With --now: only the
 * slides the loop would show at that time, in loop order (one pass: each
 * normal slide once, alerts interleaved, so an alert appears under several
 * numbers); with none playable, the empty screen as DIR/000-empty.png.
 * Prints each file written. */
static int cmd_render(const char *path, const bt_options *o)
{
    bt_diags d;
    bt_diags_init(&d);
    bt_playlist *office = bt_playlist_load_path(path, bt_render_plain(), &d);
    bt_diags_print(&d, stderr);
    bt_diags_clear(&d);
    if (!office)
        return 1;
    bt_playlist *campaign = NULL;
    bt_playlist *pl = mixed(office, path, o, &campaign);
    if (!pl) {
        fprintf(stderr, _("bangtin: out of memory\n"));
        bt_playlist_free(campaign);
        bt_playlist_free(office);
        return 1;
    }
    int status = 0;
    if (mkdir(o->render_dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, _("bangtin: cannot create %s: %s\n"), o->render_dir, strerror(errno));
        free_mixed(pl, campaign, office);
        return 1;
    }
    char err[512];
    int n = 0;
    int *order = render_order(pl, o, &n);
    bt_painter *painter = order ? bt_painter_create(pl, err, sizeof err) : NULL;
    if (!painter) {
        fprintf(stderr, _("bangtin: %s\n"), order ? err : "out of memory");
        free(order);
        free_mixed(pl, campaign, office);
        return 1;
    }
    time_t now = o->has_now ? o->now : time(NULL);
    for (int k = 0; k < n; k++) {
        const bt_slide *s = order[k] >= 0 ? &pl->slides[order[k]] : NULL;
        const bt_tip *tip = pl->n_tips ? &pl->tips[k % pl->n_tips] : NULL;
        SDL_Surface *screen = bt_paint_screen(painter, s, tip, o->size_w, o->size_h, now);
        char part[128], file[4096];
        /* The empty screen is 000-empty.png: no slide id can take number 000. */
        if (s)
            file_part(s->id, part, sizeof part);
        snprintf(file, sizeof file, "%s/%03d-%s.png", o->render_dir, s ? k + 1 : 0,
                 s ? part : "empty");
        if (!save_png(screen, file))
            status = 1;
    }
    /* The touch screens, for a preview of what visitors can browse; not
     * with --now, which asks what the loop shows. */
    if (pl->touch_enabled && !o->has_now && !render_touch(painter, pl, o, now))
        status = 1;
    free(order);
    bt_painter_free(painter);
    free_mixed(pl, campaign, office);
    TTF_Quit();
    IMG_Quit();
    return status;
}

/* --report FROM..TO --merge DIR: one report over the kiosks' outboxes in
 * DIR (merge.h), to stdout; what was read, on stderr. */
static int merge_report(const bt_options *o, bt_date from, bt_date to)
{
    char err[512];
    bt_merge_stats st;
    int kiosks = bt_merge_write(o->merge, from, to, stdout, &st, err, sizeof err);
    if (kiosks >= 0 && fflush(stdout) != 0) {
        snprintf(err, sizeof err, "cannot write the report: %s", strerror(errno));
        kiosks = -1;
    }
    if (kiosks < 0) {
        fprintf(stderr, _("bangtin: %s\n"), err);
        return 1;
    }
    fprintf(stderr, _("bangtin: %s: %d kiosk%s, %ld day file%s, %ld rows"), o->merge, kiosks,
            kiosks == 1 ? "" : "s", st.files, st.files == 1 ? "" : "s", st.rows);
    if (st.skipped > 0)
        fprintf(stderr, _("; %ld lines or files skipped (not a report's)"), st.skipped);
    fputc('\n', stderr);
    return 0;
}

/* --status: what the running player last wrote of itself (reports.h), for
 * a technician, or as JSON (--json). 0, or 1 when there is none to read. */
static int cmd_status(const bt_options *o)
{
    const bt_options opts = *o;
    char err[512], path[4200];
    /* A technician is not the player's user: the system library is read
     * when it holds a status, even when this user cannot write there. */
    bt_reports_status_path(BT_LIBRARY_SYSTEM_DIR, path, sizeof path);
    snprintf(err, sizeof err, "out of memory");
    char *library = opts.library || access(path, R_OK) != 0
                        ? bt_library_dir(opts.library, err, sizeof err)
                        : strdup(BT_LIBRARY_SYSTEM_DIR);
    if (!library) {
        fprintf(stderr, _("bangtin: %s\n"), err);
        return 1;
    }
    bt_reports_status_path(library, path, sizeof path);
    free(library);
    bt_status *s = malloc(sizeof *s);
    bt_diags d;
    bt_diags_init(&d);
    bool ok = s && bt_status_read(path, s, &d);
    if (!ok) {
        bt_diags_print(&d, stderr);
        fprintf(stderr, _("bangtin: no status to read in %s: the player has not run with this "
                "library (see --library), or cannot write there\n"), path);
    } else if (opts.json) {
        size_t len = 0;
        char *json = bt_status_json(s, &len);
        ok = json && fwrite(json, 1, len, stdout) == len;
        free(json);
    } else {
        /* Alive: its process is there (a pid another program took since
         * is possible, but the status's time then says how old it is). */
        bool alive = s->pid > 0 && (kill((pid_t)s->pid, 0) == 0 || errno == EPERM);
        bt_status_print(s, time(NULL), alive, stdout);
    }
    bt_diags_clear(&d);
    free(s);
    return ok ? 0 : 1;
}

/* --report FROM..TO: prints the play report (report.h) of the library's
 * play log to stdout. 0, 2 for a malformed range, 1 when the library cannot
 * be read. Needs no playlist. */
static int cmd_report(const bt_options *o)
{
    bt_date from, to;
    if (!o->report || !bt_report_parse_range(o->report, &from, &to)) {
        fprintf(stderr,
                _("bangtin: --report %s: expected FROM..TO as dates, e.g. "
                "2026-01-01..2026-03-31 (or DATE, FROM.., ..TO)\n"),
                o->report ? o->report : "");
        return 2;
    }
    char err[512];
    if (o->merge)
        return merge_report(o, from, to);
    char *dir = bt_library_dir(o->library, err, sizeof err);
    if (!dir) {
        fprintf(stderr, _("bangtin: %s\n"), err);
        return 1;
    }
    bt_report_stats st;
    int plays = bt_report_write_stats(dir, from, to, stdout, &st, err, sizeof err);
    if (plays >= 0 && fflush(stdout) != 0) {
        snprintf(err, sizeof err, "cannot write the report: %s", strerror(errno));
        plays = -1;
    }
    if (plays < 0)
        fprintf(stderr, _("bangtin: %s\n"), err);
    else if (st.skipped > 0)
        fprintf(stderr, _("bangtin: %s: %ld unreadable line%s of the play log skipped (torn by a "
                "power cut, or not a play record)\n"),
                dir, st.skipped, st.skipped == 1 ? "" : "s");
    free(dir);
    return plays < 0 ? 1 : 0;
}

/* --keygen NAME: a new key pair for a Department, NAME.key and NAME.pub.
 * The password is asked on the terminal (twice); an empty one, or no
 * terminal at all, leaves the secret key unencrypted, which is said. */
static int cmd_keygen(const bt_options *o)
{
    char err[1024];
    char *pw = bt_crypto_init() ? sodium_malloc(BT_MAX_PASSWORD_BYTES) : NULL;
    if (!pw) {
        fprintf(stderr, _("bangtin: out of memory\n"));
        return 1;
    }
    pw[0] = '\0';
    if (bt_password_have_tty()) {
        fprintf(stderr, _("A password protects %s.key (an empty one leaves it unencrypted).\n"),
                o->keygen);
        if (bt_password_read_new("Password: ", pw, BT_MAX_PASSWORD_BYTES, err, sizeof err) !=
            BT_PASSWORD_OK) {
            fprintf(stderr, _("bangtin: %s\n"), err);
            sodium_free(pw);
            return 1;
        }
    } else {
        fprintf(stderr, _("bangtin: no terminal to type a password on: %s.key will not be "
                "encrypted (run --keygen from a terminal for a password)\n"), o->keygen);
    }
    bool encrypted = pw[0] != '\0';
    if (encrypted)
        fprintf(stderr, _("Deriving a key from the password (a few seconds)...\n"));
    bt_minisign_key pub;
    bool ok = bt_minisign_keygen(o->keygen, pw, NULL, &pub, err, sizeof err);
    sodium_free(pw);
    if (!ok) {
        fprintf(stderr, _("bangtin: %s\n"), err);
        return 1;
    }
    char hex[17];
    bt_minisign_id_hex(pub.id, hex);
    if (!encrypted && bt_password_have_tty())
        fprintf(stderr, _("bangtin: %s.key is not encrypted: keep it where only the signer can "
                "read it\n"), o->keygen);
    const char *slash = strrchr(o->keygen, '/');
    printf(_("%s.key: the secret key%s; it stays at the Department, never on a kiosk\n"
           "%s.pub: the public key (id %s); install it on kiosks as %s/%s.pub\n"),
           o->keygen, encrypted ? _(" (encrypted)") : "", o->keygen, hex, BT_TRUSTED_DIR,
           slash ? slash + 1 : o->keygen);
    return 0;
}

/* Writes DIR/manifest.txt and prints what it lists; 0, or 1 with the reason. */
static int write_manifest(const char *dir, bt_manifest_written *w)
{
    char err[1024];
    if (!bt_manifest_write_dir(dir, time(NULL), w, err, sizeof err)) {
        fprintf(stderr, _("bangtin: %s\n"), err);
        return 1;
    }
    printf(_("%s/manifest.txt: version %lld, %d file%s (%llu bytes)\n"), dir, w->version, w->n_files,
           w->n_files == 1 ? "" : "s", w->total_bytes);
    return 0;
}

/* --manifest DIR: the list of a campaign folder's files, to sign after. */
static int cmd_manifest(const bt_options *o)
{
    bt_manifest_written w;
    if (write_manifest(o->manifest_dir, &w) != 0)
        return 1;
    if (w.removed_old_signature)
        printf(_("%s/manifest.txt.minisig: removed (it signed the old list)\n"), o->manifest_dir);
    printf(_("sign it: minisign -Sm %s/manifest.txt (or bangtin --sign KEY %s)\n"), o->manifest_dir,
           o->manifest_dir);
    return 0;
}

/* --sign KEY DIR: the manifest of DIR, then its signature with KEY (asked
 * for its password on the terminal when it has one), checked before the
 * command says it is done. */
static int cmd_sign(const bt_options *o)
{
    char err[1024] = "";
    bt_minisign_seckey *k = bt_minisign_seckey_load(o->sign_key, bt_password_ask, NULL, err,
                                                    sizeof err);
    if (!k) {
        fprintf(stderr, _("bangtin: %s\n"), err);
        return 1;
    }
    bt_manifest_written w;
    char path[4200];
    snprintf(path, sizeof path, "%s/manifest.txt", o->sign_dir);
    bool ok = write_manifest(o->sign_dir, &w) == 0 &&
              bt_minisign_sign_file(k, path, time(NULL), NULL, err, sizeof err);
    bt_minisign_key pub;
    bt_minisign_seckey_public(k, &pub);
    bt_minisign_seckey_free(k);
    bt_minisign_sig *sig = ok ? malloc(sizeof *sig) : NULL;
    char sigpath[4300];
    snprintf(sigpath, sizeof sigpath, "%s.minisig", path);
    if (ok && (!sig || !bt_minisign_sig_load(sigpath, sig, err, sizeof err) ||
               bt_minisign_verify_file(&pub, 1, sig, path, NULL, err, sizeof err) != BT_VERIFY_OK))
        ok = false;
    free(sig);
    if (!ok) {
        if (err[0])
            fprintf(stderr, _("bangtin: %s\n"), err);
        return 1;
    }
    char hex[17];
    bt_minisign_id_hex(pub.id, hex);
    printf(_("%s: signed with key %s\n"), sigpath, hex);
    return 0;
}

/* Plays on the display until asked to quit; what loading finds goes to the
 * log. The library is found, and cleaned of imports cut short, once. The
 * kiosk's settings s give its opening hours and power commands. */
static int cmd_play(const bt_options *o, const bt_settings *s)
{
    /* The keys whose campaigns are taken; one that cannot be read is said,
     * and the others still count. */
    bt_keyring *keys = calloc(1, sizeof *keys);
    bt_diags kd;
    bt_diags_init(&kd);
    if (keys && !bt_keyring_load(keys, o->trust, o->n_trust, trusted_dir(), &kd))
        bt_log(BT_LOG_ERROR, "a --trust key cannot be used: campaigns it signed are refused");
    bt_log_diags(&kd);
    bt_diags_clear(&kd);
    char kiosk[128];
    bt_settings_name(s, kiosk, sizeof kiosk);
    /* The library holds the play log; without one the kiosk still plays. */
    char err[512];
    char *library = bt_library_dir(o->library, err, sizeof err);
    if (!library)
        bt_log(BT_LOG_WARNING, "no library folder, so no play log and no USB: %s", err);
    char *paths[MAX_CANDIDATES];
    int n = choose_playlists(o, library, paths, MAX_CANDIDATES);
    if (n == 0) {
        fprintf(stderr, _("bangtin: no playlist given and the bundled one is missing\n"));
        free(library);
        return 2;
    }
    /* Without a session bus (a kiosk under systemd, a test under Xvfb),
     * libdbus would try to start one for SDL (dbus-launch --autolaunch): a
     * process, and tens of ms before the first slide, for nothing a kiosk
     * uses. A desktop session exports its bus's address and keeps it. Set
     * here, before any other thread runs. */
    setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
    bt_player_config cfg = {
        .paths = (const char *const *)paths,
        .n_paths = n,
        .library = library,
        .watch = o->watch,
        .n_watch = o->n_watch,
        .unpaired_ok = o->unpaired_ok,
        .windowed = o->window_w > 0,
        .win_w = o->window_w,
        .win_h = o->window_h,
        .rotate = o->rotate,
        .has_now = o->has_now,
        .now = o->now,
        .settings = s,
        .bundled = o->playlist ? NULL : paths[n - 1],
        .campaign = o->campaign,
        .keys = keys,
        .trust = o->trust,
        .n_trust = o->n_trust,
        .trusted_dir = trusted_dir(),
        .outbox = o->outbox,
        .kiosk = kiosk,
    };
    if (keys && library && (o->campaign || keys->n > 0))
        bt_log(BT_LOG_INFO, "campaigns: trusted keys: %d%s%s", keys->n,
               o->campaign ? "; following " : "", o->campaign ? o->campaign : "");
    int status = bt_player_run(&cfg);
    free_paths(paths, n);
    free(library);
    free(keys);
    return status;
}

/* A mode that works on a playlist file. */
static int with_playlist(const bt_options *o, int (*run)(const char *, const bt_options *))
{
    char *path = playlist_path(o);
    if (!path)
        return 2;
    int status = run(path, o);
    free(path);
    return status;
}

/* How a mode tells the problems of the kiosk's settings; -1: it does not
 * read them (it works on keys and folders named on its command line). */
static int settings_voice(bt_mode mode)
{
    switch (mode) {
    case BT_MODE_PLAY:
        return BT_KIOSK_LOG;
    case BT_MODE_CHECK:
        return BT_KIOSK_QUIET;
    case BT_MODE_RENDER:
    case BT_MODE_REPORT:
    case BT_MODE_PAIR:
    case BT_MODE_ROLLBACK:
    case BT_MODE_RESET:
    case BT_MODE_STATUS:
        return BT_KIOSK_NOTE;
    default:
        return -1;
    }
}

static int run_mode(const bt_options *o, const bt_settings *s);

int bt_cmd_run(const bt_options *given)
{
    if (getenv("BANGTIN_DEBUG"))
        bt_log_set_level(BT_LOG_DEBUG);
    bt_options o = *given;
    bt_settings s;
    bt_settings_init(&s);
    int voice = settings_voice(o.mode);
    if (voice >= 0)
        bt_kiosk_settings(&o, &s, (bt_kiosk_voice)voice);
    int status = run_mode(&o, &s);
    bt_settings_clear(&s);
    return status;
}

static int run_mode(const bt_options *o, const bt_settings *s)
{
    switch (o->mode) {
    case BT_MODE_HELP:
        bt_options_usage(stdout);
        return 0;
    case BT_MODE_VERSION:
        printf("bangtin %s\n", BT_VERSION);
        return 0;
    case BT_MODE_PAIR:
        return bt_pairing_cmd(o->pair, o->library);
    case BT_MODE_REPORT:
        return cmd_report(o);
    case BT_MODE_KEYGEN:
        return cmd_keygen(o);
    case BT_MODE_MANIFEST:
        return cmd_manifest(o);
    case BT_MODE_SIGN:
        return cmd_sign(o);
    case BT_MODE_STATUS:
        return cmd_status(o);
    case BT_MODE_CHECK:
        if (o->config) { /* the settings, and the playlist when one is named */
            int status = cmd_check_settings(o->config, o);
            return o->playlist ? with_playlist(o, cmd_check) | status : status;
        }
        return with_playlist(o, cmd_check);
    case BT_MODE_RENDER:
        return with_playlist(o, cmd_render);
    case BT_MODE_ROLLBACK:
        return bt_kiosk_rollback(o);
    case BT_MODE_RESET:
        return bt_kiosk_reset(o);
    case BT_MODE_PLAY:
        return cmd_play(o, s);
    }
    return 2;
}
