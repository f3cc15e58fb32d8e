/* library.h: where imported playlists and the play log live, plain C.
 *
 * In order: the --library folder; else /var/lib/bangtin when it exists and
 * is writable or can be created (a kiosk installed system-wide, running as
 * its own user); else $XDG_DATA_HOME/bangtin, ~/.local/share/bangtin when
 * XDG_DATA_HOME is unset (a desktop or a test run). */
#ifndef BT_LIBRARY_H
#define BT_LIBRARY_H

#include <stddef.h>

#define BT_LIBRARY_SYSTEM_DIR "/var/lib/bangtin"

/* The library folder, created with its parents when missing. opt is the
 * --library value (NULL or "": none). Returns a malloc'd path the caller
 * frees, or NULL with the reason in err when no folder can be made. */
char *bt_library_dir(const char *opt, char *err, size_t errsize);

/* bt_library_dir with another system folder than BT_LIBRARY_SYSTEM_DIR
 * (NULL: skip that step), so tests never touch /var/lib. */
char *bt_library_dir_at(const char *opt, const char *system_dir, char *err, size_t errsize);

/* mkdir -p: makes path and its missing parents (0755) and checks it is a
 * folder. Returns 0, or -1 with errno set. */
int bt_make_dirs(const char *path);

#endif
