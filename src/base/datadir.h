/* datadir.h: finding the bundled files (fonts, the bundled playlist) both in
 * the source tree (build/bangtin) and once installed (PREFIX/share/bangtin). */
#ifndef BT_DATADIR_H
#define BT_DATADIR_H

/* A malloc'd path to the existing bundled file rel ("fonts/NotoSans-Regular.ttf",
 * "playlists/awareness.yaml"), or NULL. Looks in $BANGTIN_DATADIR, beside the
 * executable's tree (../assets, ..), then the installed BT_DATADIR. */
char *bt_datadir_find(const char *rel);

#endif
