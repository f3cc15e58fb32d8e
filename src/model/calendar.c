/* calendar.c: the clock's trust and the off hours, at a given wall time. */
#include "calendar.h"

#include "schedule.h"

bt_calendar bt_calendar_at(const bt_hours *off_hours, time_t wall)
{
    bool known = bt_clock_known(wall);
    return (bt_calendar){known, known && off_hours->set && bt_in_hours(off_hours, wall)};
}

unsigned bt_calendar_update(bt_calendar *c, const bt_hours *off_hours, time_t wall)
{
    bt_calendar now = bt_calendar_at(off_hours, wall);
    unsigned changed = (now.clock_known != c->clock_known ? BT_CALENDAR_CLOCK : 0) |
                       (now.off != c->off ? BT_CALENDAR_OFF : 0);
    *c = now;
    return changed;
}

time_t bt_calendar_next_change(const bt_calendar *c, const bt_hours *off_hours, time_t wall)
{
    if (!off_hours->set || !c->clock_known)
        return (time_t)-1;
    return bt_hours_next_change(off_hours, wall);
}
