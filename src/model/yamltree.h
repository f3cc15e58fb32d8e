/* yamltree.h: a YAML file read (libyaml event API) into a small tree of
 * nodes that remember where they stand in the file. Plain C.
 *
 * The reader protects the kiosk from hostile files: the file size is checked
 * before anything is read (BT_MAX_PLAYLIST_BYTES), nesting stops at
 * BT_MAX_YAML_DEPTH, and aliases are shared (not copied) while an expansion
 * budget (BT_MAX_YAML_NODES entries, BT_MAX_YAML_EXPANDED_BYTES of text,
 * aliases counted as copies) turns a "billion laughs" file, or one long text
 * repeated, into an error with its place. Invalid UTF-8 is replaced by U+FFFD and reported as a warning. */
#ifndef BT_YAMLTREE_H
#define BT_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

typedef enum {
    BT_YNODE_SCALAR,
    BT_YNODE_SEQUENCE,
    BT_YNODE_MAPPING,
} bt_ynode_kind;

typedef struct bt_ynode bt_ynode;

struct bt_ynode {
    bt_ynode_kind kind;
    int line, col; /* 1-based start of the node; for an alias, of its anchor */
    /* scalar: */
    char *str;  /* NUL-terminated; may hold NULs written as "\0" escapes */
    size_t len; /* bytes in str */
    bool plain; /* written without quotes (so `~` and `` are null) */
    /* sequence: n items; mapping: n/2 pairs stored key, value, key, ... */
    bt_ynode **items;
    int n, cap;
    size_t weight; /* nodes below and including this one, aliases expanded */
    size_t bytes;  /* text bytes below and including this one, aliases expanded */
};

typedef struct bt_ytree bt_ytree;

/* Reads and parses the YAML file at path. Problems are added to diags under
 * the name `display` (warnings for replaced bytes, an error when the file
 * cannot be used). Returns NULL on error; otherwise the tree, which owns
 * every node; free it with bt_ytree_free(). */
bt_ytree *bt_ytree_load(const char *path, const char *display, bt_diags *diags);

/* The document's top node; NULL when the file holds nothing but comments. */
const bt_ynode *bt_ytree_root(const bt_ytree *t);

/* Frees the tree and every node in it; NULL is fine. */
void bt_ytree_free(bt_ytree *t);

/* True for a scalar that means "nothing": empty, `~` or `null` unquoted. */
bool bt_ynode_is_null(const bt_ynode *n);

/* A short description of a node's kind for messages ("a list", ...). */
const char *bt_ynode_kind_words(const bt_ynode *n);

#endif
