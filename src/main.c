/* main.c: parse the command line, run the mode it asks for, return its status. */
#include <stdio.h>

#include "commands.h"
#include "options.h"

int main(int argc, char **argv)
{
    bt_options o;
    char err[512];
    if (!bt_options_parse(argc, argv, &o, err, sizeof err)) {
        fprintf(stderr, "bangtin: %s\n", err);
        return 2;
    }
    return bt_cmd_run(&o);
}
