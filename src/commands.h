/* commands.h: what each mode of the command line does (options.h). */
#ifndef BT_COMMANDS_H
#define BT_COMMANDS_H

#include "options.h"

/* Runs the mode o asks for and returns the exit status: 0 success, 1 an
 * unusable playlist (or the mode's own failure), 2 bad usage, 3 no display. */
int bt_cmd_run(const bt_options *o);

#endif
