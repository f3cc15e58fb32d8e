/* stick_guide.h: the short guide `--pair` leaves on an office's stick,
 * bangtin/HUONG-DAN.txt: what to put in the folder and what the screen
 * will say, in the office's language, UTF-8 with a byte-order mark and
 * CRLF line ends so that Windows Notepad opens it as it is. */
#ifndef BT_STICK_GUIDE_H
#define BT_STICK_GUIDE_H

#include <stdbool.h>
#include <stddef.h>

#define BT_STICK_GUIDE_FILE "HUONG-DAN.txt" /* in the stick's bangtin/ folder */

/* Writes the guide into the folder dir (the stick's bangtin/), replacing
 * an older one through a temporary file; false with err filled when it
 * cannot be written. A link in its place is not followed. */
bool bt_stick_guide_write(const char *dir, char *err, size_t errsize);

#endif
