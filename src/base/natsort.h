/* natsort.h: natural name order, as people read the names of files:
 * "Slide2" before "Slide10", a name written precomposed (NFC) or
 * decomposed (NFD, as macOS writes it) the same, upper and lower case
 * alike ("SLIDE1.PNG" beside "slide2.png", as FAT tools and PowerPoint
 * write them). Plain C. */
#ifndef BT_NATSORT_H
#define BT_NATSORT_H

/* A malloc'd sort key for the name s: made valid UTF-8, case-folded, its
 * letters without their marks first (Vietnamese names sort beside their
 * base letters: "ảnh" after "an", before "b"), then with them (NFC).
 * NULL only when out of memory. For sorting many names, make each key once. */
char *bt_natsort_key(const char *s);

/* Orders two keys: runs of ASCII digits by their value (any number of
 * digits, leading zeros aside), everything else by code point. <0, 0, >0. */
int bt_natsort_cmp_keys(const char *a, const char *b);

/* Orders two names by their keys, and names with the same key ("a.PNG",
 * "a.png") by their bytes, so that the order is total and the same on
 * every kiosk. Out of memory: by their bytes. */
int bt_natsort_cmp(const char *a, const char *b);

#endif
