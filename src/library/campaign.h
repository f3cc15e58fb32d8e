/* campaign.h: whether a kiosk takes a signed campaign folder: the decision,
 * as a function of the folder and of what the caller knows (trusted keys,
 * the campaign in place, the clock). Plain C, no SDL; it reads the folder
 * and changes nothing.
 *
 * A campaign folder holds manifest.txt (manifest.h), its signature
 * manifest.txt.minisig (minisign.h) and the files the manifest lists. It is
 * taken (design.md, "Signed campaigns") only when the signature verifies
 * with a trusted key, every listed file is there with its size and
 * SHA-256, and its version is newer than the campaign in place; files not
 * listed are ignored (and said). A folder still being synced is waited for;
 * a tampered, older or unsafe one is refused with a short reason for the
 * screen and a longer detail for the log.
 *
 * manifest.txt is read once into memory: the very bytes whose signature is
 * checked are the ones parsed. A sync tool replaces files one at a time, so
 * a signature that does not match its manifest, or a file of the right
 * size with other bytes, may be a sync half done: such a folder is waited
 * for until the caller says it has been quiet (settled), and refused after. */
#ifndef BT_CAMPAIGN_H
#define BT_CAMPAIGN_H

#include <stdbool.h>
#include <time.h>

#include "base/bounds.h"
#include "base/diag.h"
#include "manifest.h"
#include "manifest_dir.h"
#include "minisign.h"

#define BT_TRUSTED_DIR "/etc/bangtin/trusted.d"
#define BT_CAMPAIGN_FUTURE_SLACK (24 * 3600) /* `issued` may be this far ahead of a trusted clock */
#define BT_CAMPAIGN_REASON_MAX 160

/* ---- Trusted keys ---- */

typedef struct {
    bt_minisign_key keys[BT_MAX_TRUSTED_KEYS];
    int n;
} bt_keyring;

/* Fills kr (emptied first) with the keys of trust_files (the --trust
 * files: each must load) and of every *.pub in trusted_dir (NULL: none; a
 * folder that does not exist: none; a bad file in it is skipped), in name
 * order. Problems go to d: errors for the --trust files, warnings for
 * trusted_dir's; the same key twice is kept once; two keys with one id
 * but different keys: the second is skipped, warned. Returns false when a
 * --trust file could not be used (the caller decides whether that stops
 * it). At most BT_MAX_TRUSTED_KEYS keys. */
bool bt_keyring_load(bt_keyring *kr, const char *const *trust_files, int n_files,
                     const char *trusted_dir, bt_diags *d);

/* ---- The decision ---- */

typedef enum {
    BT_CAMPAIGN_ACCEPT,  /* take it: it is signed, whole and newer */
    BT_CAMPAIGN_CURRENT, /* the campaign already in place: nothing to do */
    BT_CAMPAIGN_WAIT,    /* not complete yet: look again when the folder changes */
    BT_CAMPAIGN_REFUSE,  /* never take it as it is: say why */
} bt_campaign_verdict;

/* Why, as a code (for the screen's words in any language, status, tests). */
typedef enum {
    BT_CAUSE_NONE,            /* ACCEPT, CURRENT */
    BT_CAUSE_NO_FOLDER,       /* WAIT: the folder is not there (yet) */
    BT_CAUSE_NO_MANIFEST,     /* WAIT: no manifest.txt yet */
    BT_CAUSE_NO_SIGNATURE,    /* WAIT: no manifest.txt.minisig yet */
    BT_CAUSE_SYNCING,         /* WAIT: a sync tool's temporary file is there */
    BT_CAUSE_INCOMPLETE,      /* WAIT: listed files missing or not of their size yet */
    BT_CAUSE_NOT_MATCHING_YET, /* WAIT: signature or hashes do not match, not yet settled */
    BT_CAUSE_UNREADABLE,      /* WAIT: a file cannot be read now (I/O, permission) */
    BT_CAUSE_NO_KEYS,         /* REFUSE: this kiosk trusts no key */
    BT_CAUSE_UNKNOWN_KEY,     /* REFUSE: signed by a key not trusted here */
    BT_CAUSE_BAD_SIGNATURE,   /* REFUSE: settled, and the signature does not match */
    BT_CAUSE_BAD_MANIFEST,    /* REFUSE: signed, but malformed or listing unsafe paths */
    BT_CAUSE_TAMPERED,        /* REFUSE: settled, and a file's bytes are not the signed ones */
    BT_CAUSE_NOT_PLAIN_FILE,  /* REFUSE: a listed file is a link, a folder, a device */
    BT_CAUSE_OLDER,           /* REFUSE: version older than the one in place */
    BT_CAUSE_SAME_VERSION,    /* REFUSE: the version in place, but other content */
    BT_CAUSE_FUTURE,          /* REFUSE: issued more than a day ahead of a trusted clock */
} bt_campaign_cause;

/* What the caller knows. */
typedef struct {
    const bt_keyring *keys;
    long long current_version; /* of the campaign in place; 0: none */
    /* SHA-256 of the manifest.txt in place, to tell the same campaign from
     * another one under the same version; NULL: not known (then the same
     * version is taken to be the same campaign). */
    const unsigned char *current_manifest_sha256;
    time_t now;
    bool clock_trusted; /* NTP-synced or set by a technician: then `issued` is checked */
    bool settled;       /* the folder has not changed for the caller's quiet time */
    bt_manifest_progress progress; /* may be NULL; see manifest_dir.h */
    void *progress_ctx;
} bt_campaign_input;

/* About 25 KB: keep it off small stacks (malloc it). */
typedef struct {
    bt_campaign_verdict verdict;
    bt_campaign_cause cause;
    char reason[BT_CAMPAIGN_REASON_MAX]; /* one short line in plain words, for the screen */
    char detail[1024];                   /* the long form for the log: files, lines, key ids */
    /* Once the signature verified: who signed, and (once parsed) what.
     * Always set for ACCEPT and CURRENT; for WAIT and REFUSE, as far as
     * the decision got (manifest.n_files == 0 and key_id_hex "" if not). */
    bt_manifest manifest;                /* version, issued, the files (owned) */
    unsigned char manifest_sha256[32];   /* of manifest.txt's bytes */
    char trusted_comment[BT_MAX_MINISIGN_TRUSTED_BYTES];
    unsigned char key_id[BT_MINISIGN_ID_BYTES];
    char key_id_hex[17];
    char key_source[BT_MINISIGN_SOURCE_MAX]; /* the .pub it was verified with */
    /* Once the files were looked at (checked): each file's status, in
     * manifest order, and the files there but not listed (ignored: warn
     * about them). */
    bool checked;
    bt_manifest_check check;
} bt_campaign_result;

/* Decides about the campaign folder dir into *out (freed with
 * bt_campaign_result_free), whatever the verdict. Reads only: manifest.txt
 * and its signature (bounded, never through a symlink), then the listed
 * files (bt_manifest_check_dir) when the signature, the manifest and the
 * version are good. in->keys may be empty (REFUSE, BT_CAUSE_NO_KEYS). */
void bt_campaign_decide(const char *dir, const bt_campaign_input *in, bt_campaign_result *out);

/* Frees what r holds (a zeroed r is fine). */
void bt_campaign_result_free(bt_campaign_result *r);

/* "accept", "current", "wait", "refuse". */
const char *bt_campaign_verdict_name(bt_campaign_verdict v);

#endif
