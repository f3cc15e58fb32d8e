/* fake_clock.h: the tests' clock: local times made by hand, in the
 * kiosks' own time zone, so schedules and logs are checked as in Viet Nam. */
#ifndef BT_TEST_FAKE_CLOCK_H
#define BT_TEST_FAKE_CLOCK_H

#include <stdlib.h>
#include <time.h>
#include <unistd.h>

/* The local time y-mo-d h:mi:s as a time_t. */
static inline time_t at_s(int y, int mo, int d, int h, int mi, int s)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
                    .tm_min = mi, .tm_sec = s, .tm_isdst = -1};
    return mktime(&tm);
}

static inline time_t at(int y, int mo, int d, int h, int mi)
{
    return at_s(y, mo, d, h, mi, 0);
}

/* A cmocka group setup: Viet Nam's time (UTC+7, no daylight saving). */
static inline int setup_tz(void **state)
{
    (void)state;
    setenv("TZ", access("/usr/share/zoneinfo/Asia/Ho_Chi_Minh", R_OK) == 0 ? "Asia/Ho_Chi_Minh"
                                                                            : "UTC-7",
           1);
    tzset();
    return 0;
}

#endif
