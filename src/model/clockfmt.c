/* clockfmt.c: Vietnamese date and time for the header. */
#include "clockfmt.h"

#include <stdio.h>

void bt_clock_date(time_t t, char *buf, size_t size)
{
    static const char *const days[7] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                        "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
    struct tm tm;
    localtime_r(&t, &tm);
    snprintf(buf, size, "%s, %02d/%02d/%04d", days[tm.tm_wday], tm.tm_mday, tm.tm_mon + 1,
             tm.tm_year + 1900);
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
