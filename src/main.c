/* main.c: parse the command line, run what it asks for, return its status. */
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "base/log.h"
#include "options.h"
#include "library/pairing.h"

int main(int argc, char **argv)
{
    bt_options o;
    char err[512];
    if (!bt_options_parse(argc, argv, &o, err, sizeof err)) {
        fprintf(stderr, "bangtin: %s\n", err);
        return 2;
    }
    if (o.help) {
        fputs(bt_options_usage(), stdout);
        return 0;
    }
    if (o.version) {
        printf("bangtin %s\n", BT_VERSION);
        return 0;
    }
    if (getenv("BANGTIN_DEBUG"))
        bt_log_set_level(BT_LOG_DEBUG);

    if (o.pair)
        return bt_pairing_cmd(o.pair, o.library);
    if (o.report)
        return bt_cmd_report(&o);

    char *path = bt_playlist_path(&o);
    if (!path) {
        fprintf(stderr, "bangtin: no playlist given and the bundled one is missing\n");
        return 2;
    }
    int status;
    if (o.check) {
        status = bt_cmd_check(path);
    } else if (o.render_dir) {
        status = bt_cmd_render(path, &o);
    } else {
        status = bt_cmd_play(path, &o);
    }
    free(path);
    return status;
}
