/* signals.h: SIGHUP as an SDL event. SDL turns SIGTERM and SIGINT into
 * SDL_QUIT itself; SIGHUP (reload the playlist) is ours. */
#ifndef BT_SIGNALS_H
#define BT_SIGNALS_H

#include <stdbool.h>

#include <SDL.h>

/* Blocks SIGHUP in this thread and every thread it starts afterwards (call
 * it before SDL_Init), and starts a thread that waits for SIGHUP and pushes
 * an event of event_type for each. Returns false when the thread cannot be
 * made (SIGHUP is then left blocked: a reload request is ignored, never
 * fatal). */
bool bt_signals_start(Uint32 event_type);

/* Stops the waiting thread. */
void bt_signals_stop(void);

#endif
