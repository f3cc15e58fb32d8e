/* options.h: the command line (design.md, "Command line"), plain C. */
#ifndef BT_OPTIONS_H
#define BT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define BT_MAX_WATCH 16

typedef struct {
    const char *playlist; /* NULL: the library's current, else the bundled one */
    bool check;
    const char *render_dir;
    int size_w, size_h; /* --size, default 1920x1080 */
    bool windowed;
    int window_w, window_h;
    int rotate; /* 0, 90, 180, 270 */
    const char *library;
    const char *watch[BT_MAX_WATCH];
    int n_watch;
    bool has_now;
    time_t now; /* --now, local time */
    const char *report;
    const char *pair;
    bool unpaired_ok;
    bool version, help;
} bt_options;

/* Fills o from argv (strings point into argv). Returns true on success; on
 * bad usage returns false with a one-line reason in err. */
bool bt_options_parse(int argc, char **argv, bt_options *o, char *err, size_t errsize);

/* The --help text. */
const char *bt_options_usage(void);

/* Parses "YYYY-MM-DDTHH:MM" (local time) into a time_t; false if impossible. */
bool bt_parse_local_time(const char *s, time_t *out);

#endif
