/* minisign_int.h: what the two halves of the minisign module share
 * (minisign.c: public keys, signatures, verifying; minisign_secret.c: secret
 * keys, signing, key pairs): the formats' tags and layouts, and the reading
 * of their lines. Not for other modules: they use minisign.h. */
#ifndef BT_MINISIGN_INT_H
#define BT_MINISIGN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <sodium.h>

#include "minisign.h"

#define COMMENT_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "
/* The two-byte tags of the formats, as bytes (they are not strings). */
static const unsigned char ALG_LEGACY[2] = {'E', 'd'};
static const unsigned char ALG_HASHED[2] = {'E', 'D'};
static const unsigned char KDF_SCRYPT[2] = {'S', 'c'};
static const unsigned char KDF_NONE[2] = {0, 0};
static const unsigned char CHK_BLAKE2B[2] = {'B', '2'};

/* The binary layouts (minisign.h), as offsets. */
enum {
    PUB_BYTES = 2 + BT_MINISIGN_ID_BYTES + BT_MINISIGN_PK_BYTES, /* 42 */
    SIG_BYTES = 2 + BT_MINISIGN_ID_BYTES + BT_MINISIGN_SIG_BYTES, /* 74 */
    SK_SECRET = 64,
    SK_KEYNUM_BYTES = BT_MINISIGN_ID_BYTES + SK_SECRET + 32, /* 104: id, sk, checksum */
    SK_SALT = 6,
    SK_OPS = SK_SALT + 32,
    SK_MEM = SK_OPS + 8,
    SK_KEYNUM = SK_MEM + 8,              /* 54 */
    SK_BYTES = SK_KEYNUM + SK_KEYNUM_BYTES, /* 158 */
};

/* The lines of a small text file, with their numbers for messages. */
typedef struct {
    const char *text;
    size_t len, pos;
    int no; /* of the line last returned */
    const char *name;
    char *err;
    size_t errsize;
} lines;

typedef struct {
    const char *p;
    size_t len; /* without "\n" or "\r\n" */
} line;

/* Starts reading the len bytes at text; messages name name, go to err. */
void ms_lines_init(lines *r, const char *text, size_t len, const char *name, char *err,
                   size_t errsize);

/* The next line into *l: 1; 0 at the end of the text; -1 (with the reason)
 * for a line of more than max bytes or a carriage return inside one. */
int ms_next_line(lines *r, line *l, size_t max);

/* Nothing but empty lines may follow the last line a format has. */
bool ms_only_blank_left(lines *r);

bool ms_has_prefix(const line *l, const char *prefix);

/* Decodes the base64 line into exactly want bytes at out; what says what
 * the line should hold, for the message. Scratch copies are wiped. */
bool ms_decode_b64(lines *r, const line *l, unsigned char *out, size_t want, const char *what);

/* The first line: "untrusted comment: ..." (its text is not used). */
bool ms_comment_line(lines *r, const char *what);

/* No NUL byte in a text file; false with the message otherwise. */
bool ms_no_nul(const char *text, size_t len, const char *name, char *err, size_t errsize);

/* Printable UTF-8 as minisign wants a trusted comment: tabs, and no other
 * control character (C0, DEL, C1). */
bool ms_printable(const char *s, size_t n);

/* A file's name into a BT_MINISIGN_SOURCE_MAX buffer, cut at a character. */
void ms_copy_source(char *dst, const char *name);

/* A small file read whole (BT_MAX_MINISIGN_FILE_BYTES), malloc'd; NULL with err. */
char *ms_read_small(const char *path, size_t *len, char *err, size_t errsize);

/* libsodium is ready (crypto.h); false with err otherwise. */
bool ms_ready(char *err, size_t errsize);

/* BLAKE2b-512 of what fd holds, read to its end; false with errno. */
bool ms_hash_fd(int fd, unsigned char h[crypto_generichash_BYTES_MAX]);

#endif
