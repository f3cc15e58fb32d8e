/* fuzz_settings.c: libFuzzer target for the kiosk settings reader
 * (kiosk.yaml) and the opening hours it yields.
 *
 * Each input is written to kiosk.yaml in a private folder and read as
 * --check --config would; the result is held to the reader's contract (a
 * setting is used as written or falls back, never both; what is kept is
 * valid), the summary and every diagnostic are formatted, and the opening
 * hours are asked about a few times, in a zone with daylight saving. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/tz.h"
#include "model/opening.h"
#include "model/settings.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[4096];
static char file[4200];

static void cleanup(void)
{
    unlink(file);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/bt-fuzz-settings.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror(dir);
        abort();
    }
    snprintf(file, sizeof file, "%s/kiosk.yaml", dir);
    atexit(cleanup);
    char err[300];
    /* Times are read in a zone whose clocks change, the hard case. */
    if (!bt_tz_apply("Europe/Berlin", err, sizeof err))
        bt_tz_apply("UTC", err, sizeof err);
    return 0;
}

static void check_path(const char *p)
{
    if (p && p[0] != '/')
        abort();
}

static void check_hours(const bt_opening *o)
{
    if (!o->set)
        return;
    int da, sa, db, sb;
    if (bt_opening_overlap(o, &da, &sa, &db, &sb))
        abort();
    for (int d = 0; d < 7; d++) {
        if (o->n[d] < 0 || o->n[d] > BT_OPENING_MAX_SPANS)
            abort();
        for (int i = 0; i < o->n[d]; i++) {
            const bt_hours *h = &o->span[d][i];
            if (!h->set || h->from_min < 0 || h->from_min >= 1440 || h->until_min < 0 ||
                h->until_min > 1440 || h->from_min == h->until_min)
                abort();
        }
    }
    /* The next change is after now, and really a change (or a day on). */
    static const time_t walls[] = {1774738800, 1792883400, 1773622800, 1790000000};
    for (size_t k = 0; k < sizeof walls / sizeof *walls; k++) {
        time_t w = walls[k], next = bt_opening_next_change(o, w);
        if (next <= w || next > w + 9 * 24 * 3600)
            abort();
        if (next != w + 24 * 3600 && bt_opening_is_open(o, next) == bt_opening_is_open(o, w))
            abort();
        if (next - 1 > w && bt_opening_is_open(o, next - 1) != bt_opening_is_open(o, w))
            abort(); /* an earlier change was missed */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(file, "wb");
    if (!f || fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    bt_settings s;
    bt_diags diags;
    bt_settings_init(&s);
    bt_diags_init(&diags);
    bool ok = bt_settings_load(&s, file, true, &diags);
    if (s.given & s.fallback)
        abort();
    if (!ok && diags.errors == 0 && !s.fallback)
        abort(); /* refused without saying why */
    if (s.name && !bt_settings_name_ok(s.name))
        abort();
    char err[300];
    if (s.timezone && !bt_tz_check(s.timezone, err, sizeof err))
        abort();
    if (s.rotate != 0 && s.rotate != 90 && s.rotate != 180 && s.rotate != 270)
        abort();
    if (s.language != BT_LANG_VI && s.language != BT_LANG_EN)
        abort();
    if (s.n_watch > BT_MAX_WATCH_DIRS || s.n_trust > BT_MAX_TRUST_KEYS)
        abort();
    check_path(s.library);
    check_path(s.campaign);
    check_path(s.outbox);
    for (int i = 0; i < s.n_watch; i++)
        check_path(s.watch[i]);
    for (int i = 0; i < s.n_trust; i++)
        check_path(s.trust[i]);
    if ((s.power_off && !s.power_off[0]) || (s.power_on && !s.power_on[0]))
        abort();
    check_hours(&s.hours);
    char text[2000];
    bt_settings_summary(&s, 1774738800, text, sizeof text);
    bt_settings_fallbacks(&s, text, sizeof text);
    char line[2048];
    for (int i = 0; i < diags.count; i++) {
        bt_diag_format(&diags.items[i], line, sizeof line);
        if (!diags.items[i].message || !diags.items[i].message[0])
            abort();
    }
    bt_settings_clear(&s);
    bt_diags_clear(&diags);
    return 0;
}
