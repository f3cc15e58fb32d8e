/* opening.c: opening hours and the screen's standby state (see opening.h).
 *
 * Contents: reading days and spans; overlaps; open at a time; the next
 * change; the standby state machine. */
#include "opening.h"

#include <stdlib.h>
#include <string.h>

#include "schedule.h"

#define MINUTES_PER_DAY (24 * 60)
#define MINUTES_PER_WEEK (7 * MINUTES_PER_DAY)
#define SECONDS_PER_DAY (24 * 3600)
/* How far ahead the next change is looked for: a long weekend closed from
 * Friday noon to Monday morning, and then some. */
#define LOOKAHEAD_DAYS 8

/* ---- reading days and spans ------------------------------------------------ */

/* Copies the item [s, e) without surrounding spaces into buf. */
static bool trimmed(const char *s, const char *e, char *buf, size_t size)
{
    while (s < e && *s == ' ')
        s++;
    while (e > s && e[-1] == ' ')
        e--;
    if (e == s || (size_t)(e - s) >= size)
        return false;
    memcpy(buf, s, (size_t)(e - s));
    buf[e - s] = '\0';
    return true;
}

/* One item of a day key: "mon" or "mon-fri" (wrapping past Sunday). */
static uint8_t day_item(const char *item)
{
    char a[16], b[16];
    const char *dash = strchr(item, '-');
    if (!dash) {
        int d = trimmed(item, item + strlen(item), a, sizeof a) ? bt_parse_day(a) : -1;
        return d < 0 ? 0 : (uint8_t)(1u << d);
    }
    if (!trimmed(item, dash, a, sizeof a) || !trimmed(dash + 1, dash + strlen(dash), b, sizeof b))
        return 0;
    int from = bt_parse_day(a), to = bt_parse_day(b);
    if (from < 0 || to < 0)
        return 0;
    uint8_t days = 0;
    for (int d = from;; d = (d + 1) % 7) {
        days |= (uint8_t)(1u << d);
        if (d == to)
            break;
    }
    return days;
}

uint8_t bt_opening_parse_days(const char *key)
{
    uint8_t days = 0;
    for (const char *s = key;;) {
        const char *comma = strchr(s, ',');
        const char *e = comma ? comma : s + strlen(s);
        char item[40];
        if (!trimmed(s, e, item, sizeof item))
            return 0;
        uint8_t d = day_item(item);
        if (!d)
            return 0;
        days |= d;
        if (!comma)
            return days;
        s = comma + 1;
    }
}

static int cmp_span(const void *a, const void *b)
{
    const bt_hours *x = a, *y = b;
    return (x->from_min > y->from_min) - (x->from_min < y->from_min);
}

/* The minutes of the week [start, end) a span of day d covers. */
static void week_range(int d, const bt_hours *h, int *start, int *end)
{
    *start = d * MINUTES_PER_DAY + h->from_min;
    int until = h->until_min > h->from_min ? h->until_min : h->until_min + MINUTES_PER_DAY;
    *end = d * MINUTES_PER_DAY + until;
}

/* Whether [a0, a1) and [b0, b1) meet on the week's circle. */
static bool ranges_meet(int a0, int a1, int b0, int b1)
{
    for (int shift = -MINUTES_PER_WEEK; shift <= MINUTES_PER_WEEK; shift += MINUTES_PER_WEEK)
        if (a0 < b1 + shift && b0 + shift < a1)
            return true;
    return false;
}

bool bt_opening_parse_spans(const char *value, bt_hours *out, int *n, const char **why)
{
    bt_hours spans[BT_OPENING_MAX_SPANS];
    int count = 0;
    *why = "write times like \"07:00-17:30\", several separated by commas, or off for a "
           "closed day";
    if (strcmp(value, "off") == 0 || strcmp(value, "closed") == 0) {
        *n = 0;
        return true;
    }
    for (const char *s = value;;) {
        const char *comma = strchr(s, ',');
        const char *e = comma ? comma : s + strlen(s);
        char item[40];
        bt_hours h;
        if (!trimmed(s, e, item, sizeof item) || !bt_parse_hours(item, &h))
            return false;
        if (count == BT_OPENING_MAX_SPANS) {
            *why = "a day may have at most 4 spans";
            return false;
        }
        spans[count++] = h;
        if (!comma)
            break;
        s = comma + 1;
    }
    qsort(spans, (size_t)count, sizeof *spans, cmp_span);
    for (int i = 0; i < count; i++)
        for (int j = i + 1; j < count; j++) {
            int a0, a1, b0, b1;
            week_range(0, &spans[i], &a0, &a1);
            week_range(0, &spans[j], &b0, &b1);
            if (ranges_meet(a0, a1, b0, b1)) {
                *why = "two of these spans overlap";
                return false;
            }
        }
    memcpy(out, spans, sizeof *spans * (size_t)count);
    *n = count;
    return true;
}

bool bt_opening_overlap(const bt_opening *o, int *day_a, int *span_a, int *day_b, int *span_b)
{
    for (int d = 0; d < 7; d++)
        for (int i = 0; i < o->n[d]; i++)
            for (int e = d; e < 7; e++)
                for (int j = e == d ? i + 1 : 0; j < o->n[e]; j++) {
                    int a0, a1, b0, b1;
                    week_range(d, &o->span[d][i], &a0, &a1);
                    week_range(e, &o->span[e][j], &b0, &b1);
                    if (ranges_meet(a0, a1, b0, b1)) {
                        *day_a = d;
                        *span_a = i;
                        *day_b = e;
                        *span_b = j;
                        return true;
                    }
                }
    return false;
}

/* ---- open at a time ------------------------------------------------------- */

bool bt_opening_is_open(const bt_opening *o, time_t wall)
{
    if (!o || !o->set)
        return true;
    struct tm tm;
    if (!localtime_r(&wall, &tm))
        return true;
    int day = (tm.tm_wday + 6) % 7; /* Monday first */
    int prev = (day + 6) % 7;
    int m = tm.tm_hour * 60 + tm.tm_min;
    for (int i = 0; i < o->n[day]; i++) {
        const bt_hours *h = &o->span[day][i];
        if (m >= h->from_min && (h->from_min > h->until_min || m < h->until_min))
            return true;
    }
    /* After midnight, in a span that began the day before. */
    for (int i = 0; i < o->n[prev]; i++) {
        const bt_hours *h = &o->span[prev][i];
        if (h->from_min > h->until_min && m < h->until_min)
            return true;
    }
    return false;
}

/* ---- the next change ------------------------------------------------------ */

/* The local time `minute` minutes after the midnight that starts the day
 * days_ahead days after wall's (mktime normalises past 24:00 and month
 * ends, and a time the clocks skip to the one after the jump). */
static time_t local_time_at(time_t wall, int days_ahead, int minute)
{
    struct tm tm;
    if (!localtime_r(&wall, &tm))
        return (time_t)-1;
    tm.tm_mday += days_ahead;
    tm.tm_hour = 0;
    tm.tm_min = minute;
    tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static int cmp_time(const void *a, const void *b)
{
    time_t x = *(const time_t *)a, y = *(const time_t *)b;
    return (x > y) - (x < y);
}

/* The offset from UTC in force at t, in seconds. */
static long offset_at(time_t t)
{
    struct tm tm;
    return localtime_r(&t, &tm) ? tm.tm_gmtoff : 0;
}

typedef bool (*differs_fn)(time_t t, const void *ctx);

/* The first second in (lo, hi] at which differs() holds, given that it
 * holds at hi and not at lo, and changes once in between. */
static time_t first_differing(time_t lo, time_t hi, differs_fn differs, const void *ctx)
{
    while (hi - lo > 1) {
        time_t mid = lo + (hi - lo) / 2;
        if (differs(mid, ctx))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

static bool offset_differs(time_t t, const void *ctx)
{
    return offset_at(t) != offset_at(*(const time_t *)ctx);
}

typedef struct {
    const bt_opening *o;
    bool open;
} state_ctx;

static bool state_differs(time_t t, const void *ctx)
{
    const state_ctx *s = ctx;
    return bt_opening_is_open(s->o, t) != s->open;
}

time_t bt_opening_next_change(const bt_opening *o, time_t wall)
{
    time_t limit = wall + SECONDS_PER_DAY;
    if (!o || !o->set)
        return limit;
    struct tm tm;
    if (!localtime_r(&wall, &tm))
        return limit;
    int today = (tm.tm_wday + 6) % 7;
    /* The state can only change at a span's ends: those of yesterday (a
     * span crossing midnight into today) to those LOOKAHEAD_DAYS on. */
    time_t cands[(LOOKAHEAD_DAYS + 2) * BT_OPENING_MAX_SPANS * 2] = {0};
    int nc = 0;
    for (int k = -1; k <= LOOKAHEAD_DAYS; k++) {
        int d = ((today + k) % 7 + 7) % 7;
        for (int i = 0; i < o->n[d]; i++) {
            const bt_hours *h = &o->span[d][i];
            int until = h->until_min > h->from_min ? h->until_min : h->until_min + MINUTES_PER_DAY;
            time_t ends[2] = {local_time_at(wall, k, h->from_min), local_time_at(wall, k, until)};
            for (int e = 0; e < 2; e++)
                if (ends[e] != (time_t)-1 && ends[e] > wall)
                    cands[nc++] = ends[e];
        }
    }
    qsort(cands, (size_t)nc, sizeof *cands, cmp_time);
    bool now = bt_opening_is_open(o, wall);
    time_t prev = wall;
    for (int i = 0; i < nc; i++) {
        time_t c = cands[i];
        /* The clocks jump between prev and c: the jump is a time the state
         * may change too (a span end it skipped), so look there first. */
        if (offset_at(prev) != offset_at(c)) {
            time_t j = first_differing(prev, c, offset_differs, &prev);
            if (bt_opening_is_open(o, j) != now)
                return first_differing(prev, j, state_differs, &(state_ctx){o, now});
            prev = j;
        }
        if (bt_opening_is_open(o, c) != now)
            return first_differing(prev, c, state_differs, &(state_ctx){o, now});
        prev = c;
    }
    return limit;
}

/* ---- the standby state machine ------------------------------------------- */

void bt_standby_init(bt_standby *s, const bt_opening *hours)
{
    memset(s, 0, sizeof *s);
    s->hours = hours;
    s->state = BT_STANDBY_PLAYING;
    s->powered = true;
}

static bool open_now(const bt_standby *s, time_t wall, bool clock_known)
{
    return !clock_known || bt_opening_is_open(s->hours, wall);
}

static bool off_hours_now(const bt_hours *off_hours, time_t wall, bool clock_known)
{
    return clock_known && off_hours && off_hours->set && bt_in_hours(off_hours, wall);
}

bt_power_action bt_standby_update(bt_standby *s, uint64_t now_ms, time_t wall, bool clock_known,
                                  const bt_hours *off_hours)
{
    if (open_now(s, wall, clock_known))
        s->state = off_hours_now(off_hours, wall, clock_known) ? BT_STANDBY_DARK
                                                               : BT_STANDBY_PLAYING;
    else if (s->state != BT_STANDBY_WOKEN || now_ms >= s->woken_until)
        s->state = BT_STANDBY_ASLEEP;
    bool want = s->state != BT_STANDBY_ASLEEP;
    bool first = !s->started;
    s->started = true;
    if (!first && want == s->powered)
        return BT_POWER_NONE;
    s->powered = want;
    return want ? BT_POWER_ON : BT_POWER_OFF;
}

bool bt_standby_input(bt_standby *s, uint64_t now_ms, uint64_t idle_ms)
{
    if (s->state == BT_STANDBY_ASLEEP) {
        s->state = BT_STANDBY_WOKEN;
        s->woken_until = now_ms + idle_ms;
        return true;
    }
    if (s->state == BT_STANDBY_WOKEN)
        s->woken_until = now_ms + idle_ms;
    return false;
}

/* now_ms plus the seconds from wall to t, never before now_ms. */
static uint64_t ms_at(uint64_t now_ms, time_t wall, time_t t)
{
    return t <= wall ? now_ms : now_ms + (uint64_t)(t - wall) * 1000u;
}

uint64_t bt_standby_deadline(const bt_standby *s, uint64_t now_ms, time_t wall, bool clock_known,
                             const bt_hours *off_hours)
{
    /* A wrong clock: nothing is powered down; ask again each minute, in
     * case it is set (a board's network time arriving late). */
    if (!clock_known)
        return s->hours && s->hours->set ? now_ms + 60000u : UINT64_MAX;
    uint64_t next = UINT64_MAX;
    if (s->hours && s->hours->set)
        next = ms_at(now_ms, wall, bt_opening_next_change(s->hours, wall));
    if (off_hours && off_hours->set && s->state != BT_STANDBY_ASLEEP) {
        uint64_t t = ms_at(now_ms, wall, bt_hours_next_change(off_hours, wall));
        next = t < next ? t : next;
    }
    if (s->state == BT_STANDBY_WOKEN && s->woken_until < next)
        next = s->woken_until;
    return next;
}

const char *bt_standby_state_name(bt_standby_state st)
{
    switch (st) {
    case BT_STANDBY_PLAYING:
        return "playing";
    case BT_STANDBY_DARK:
        return "dark";
    case BT_STANDBY_ASLEEP:
        return "asleep";
    case BT_STANDBY_WOKEN:
        return "woken";
    }
    return "?";
}

/* ---- what --status shows of the screen ------------------------------------ */

void bt_standby_facts(const bt_standby *s, time_t wall, bool clock_known, bt_screen_facts *out)
{
    memset(out, 0, sizeof *out);
    out->power = !s->started ? "unknown" : s->powered ? "on" : "off";
    out->state = bt_standby_state_name(s->state);
    out->has_hours = s->hours && s->hours->set;
    out->clock_known = clock_known;
    out->open = !clock_known || bt_opening_is_open(s->hours, wall);
    out->next_change = (time_t)-1;
    if (out->has_hours && clock_known) {
        time_t next = bt_opening_next_change(s->hours, wall);
        /* wall + 24 h with no change in it: not a change to show */
        bool then = bt_opening_is_open(s->hours, next);
        if (then != out->open) {
            out->next_change = next;
            out->next_opens = then;
        }
    }
}

bool bt_screen_facts_differ(const bt_screen_facts *a, const bt_screen_facts *b)
{
    return strcmp(a->power, b->power) != 0 || strcmp(a->state, b->state) != 0 ||
           a->has_hours != b->has_hours || a->clock_known != b->clock_known ||
           a->open != b->open || a->next_change != b->next_change;
}
