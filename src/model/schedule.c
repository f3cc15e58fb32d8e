/* schedule.c: schedules and display hours against a given local time.
 *
 * Contents: calendar arithmetic; hours; schedules; the next change (one
 * scan shared by schedules and off hours); the clock check. */
#include "schedule.h"

#include <stdlib.h>

#include "base/values.h"

#ifndef BT_BUILD_DATE
#define BT_BUILD_DATE "2026-01-01" /* the Makefile always defines it */
#endif

#define MINUTES_PER_DAY (24 * 60)
#define SECONDS_PER_DAY (24 * 3600)

/* ---- calendar arithmetic ------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil): dates compare and step as plain numbers, without
 * mktime and its time zone. */
static long day_number(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* 0 = Monday .. 6 = Sunday, as the bits of bt_schedule.days; day 0
 * (1970-01-01) was a Thursday. */
static int weekday(long day)
{
    return (int)(((day % 7) + 7 + 3) % 7);
}

/* A moment as schedules see it: a local day and a minute of that day. */
typedef struct {
    long day;
    int minute;
} moment;

static bool moment_of(time_t wall, moment *out)
{
    struct tm tm;
    if (!localtime_r(&wall, &tm))
        return false;
    out->day = day_number(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    out->minute = tm.tm_hour * 60 + tm.tm_min;
    return true;
}

/* The local time `minute` minutes after the midnight that starts the day
 * `days_ahead` days after wall's; mktime normalises minute 1440 and the
 * day past a month's end. */
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

/* ---- hours --------------------------------------------------------------- */

static bool all_day(const bt_hours *h)
{
    return h->from_min % MINUTES_PER_DAY == h->until_min % MINUTES_PER_DAY;
}

bool bt_hours_contains(const bt_hours *h, int minute_of_day)
{
    if (!h || !h->set)
        return false;
    if (all_day(h))
        return true;
    if (h->from_min < h->until_min)
        return minute_of_day >= h->from_min && minute_of_day < h->until_min;
    return minute_of_day >= h->from_min || minute_of_day < h->until_min;
}

bool bt_in_hours(const bt_hours *h, time_t wall)
{
    moment m;
    return moment_of(wall, &m) && bt_hours_contains(h, m.minute);
}

/* ---- schedules ------------------------------------------------------------ */

/* A schedule with nothing in it (`schedule: {}`) restricts nothing, so it
 * plays like no schedule, clock or not. */
static bool unrestricted(const bt_schedule *s)
{
    return s->from.y == 0 && s->until.y == 0 && (s->days & BT_DAYS_ALL) == BT_DAYS_ALL &&
           (!s->hours.set || all_day(&s->hours));
}

static bool active_at(const bt_schedule *s, moment m)
{
    long day = m.day;
    if (s->hours.set && !all_day(&s->hours)) {
        if (!bt_hours_contains(&s->hours, m.minute))
            return false;
        /* After midnight in a span that crossed it: the span began, and so
         * belongs to, the day before. */
        if (s->hours.from_min > s->hours.until_min && m.minute < s->hours.until_min)
            day--;
    }
    if (!(s->days & (1u << weekday(day))))
        return false;
    if (s->from.y && day < day_number(s->from.y, s->from.m, s->from.d))
        return false;
    if (s->until.y && day > day_number(s->until.y, s->until.m, s->until.d))
        return false;
    return true;
}

bool bt_schedule_active(const bt_schedule *s, time_t wall, bool clock_known)
{
    if (!s || unrestricted(s))
        return true;
    if (!clock_known)
        return false;
    moment m;
    return moment_of(wall, &m) && active_at(s, m);
}

/* ---- the next change ------------------------------------------------------ */

typedef bool (*state_fn)(const void *ctx, time_t t);

static int cmp_time(const void *a, const void *b)
{
    time_t x = *(const time_t *)a, y = *(const time_t *)b;
    return x < y ? -1 : x > y;
}

/* The first time in (wall, wall + 24 h] at which state() differs from its
 * value at wall, else wall + 24 h. The state may only change at the given
 * minutes of a day (a span's ends, midnight), so those are the only times
 * looked at: today's, tomorrow's, and the day after's for safety when a
 * clock change makes a day longer than 24 h. */
static time_t next_change(time_t wall, const int *minutes, int n, state_fn state, const void *ctx)
{
    time_t limit = wall + SECONDS_PER_DAY;
    time_t cands[3 * 3] = {0};
    int nc = 0;
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < n && nc < (int)(sizeof cands / sizeof cands[0]); i++) {
            time_t t = local_time_at(wall, k, minutes[i]);
            if (t != (time_t)-1 && t > wall && t <= limit)
                cands[nc++] = t;
        }
    qsort(cands, (size_t)nc, sizeof cands[0], cmp_time);
    bool now = state(ctx, wall);
    for (int i = 0; i < nc; i++)
        if (state(ctx, cands[i]) != now)
            return cands[i];
    return limit;
}

static bool hours_state(const void *ctx, time_t t)
{
    return bt_in_hours(ctx, t);
}

time_t bt_hours_next_change(const bt_hours *h, time_t wall)
{
    if (!h || !h->set || all_day(h))
        return wall + SECONDS_PER_DAY;
    int minutes[2] = {h->from_min, h->until_min};
    return next_change(wall, minutes, 2, hours_state, h);
}

static bool schedule_state(const void *ctx, time_t t)
{
    return bt_schedule_active(ctx, t, true);
}

time_t bt_schedule_next_change(const bt_schedule *s, time_t wall)
{
    if (!s || unrestricted(s))
        return wall + SECONDS_PER_DAY;
    /* Midnight matters for days and dates; a span's ends for hours. */
    int minutes[3] = {0, 0, 0};
    int n = 1;
    if (s->hours.set && !all_day(&s->hours)) {
        minutes[n++] = s->hours.from_min;
        minutes[n++] = s->hours.until_min;
    }
    return next_change(wall, minutes, n, schedule_state, s);
}

/* ---- the clock ------------------------------------------------------------ */

bool bt_clock_known(time_t wall)
{
    static const char build[] = BT_BUILD_DATE;
    bt_date b;
    moment m;
    if (!moment_of(wall, &m))
        return false;
    if (!bt_parse_date(build, &b))
        return m.day > 0; /* no usable build date: only 1970 is surely wrong */
    return m.day >= day_number(b.y, b.m, b.d);
}
