/* clockfmt.c: the date and time for the header, in the office's language
 * (Vietnamese: "Thứ Hai, 30/11/2026"). */
#include "clockfmt.h"

#include <stdio.h>

#include "base/i18n.h"

void bt_clock_date(time_t t, char *buf, size_t size)
{
    static const char *const days[7] = {N_("Sunday"),   N_("Monday"), N_("Tuesday"),
                                        N_("Wednesday"), N_("Thursday"), N_("Friday"),
                                        N_("Saturday")};
    struct tm tm;
    localtime_r(&t, &tm);
    /* TRANSLATORS: the header's date: the weekday, then day/month/year. */
    snprintf(buf, size, P_("%s, %02d/%02d/%04d"), P_(days[tm.tm_wday]), tm.tm_mday,
             tm.tm_mon + 1, tm.tm_year + 1900);
}

void bt_clock_time(time_t t, char *buf, size_t size)
{
    struct tm tm;
    localtime_r(&t, &tm);
    snprintf(buf, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

time_t bt_clock_next_minute(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return t + (60 - tm.tm_sec);
}
