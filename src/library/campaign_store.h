/* campaign_store.h: the province's campaigns in the kiosk's library, apart
 * from the office's imports (import.h), and taking a campaign into it from
 * a synced folder or a stick. Plain C, no SDL.
 *
 *     LIBRARY/campaign              -> campaigns/<name>   (a relative symlink)
 *     LIBRARY/campaigns/<name>/     one accepted campaign: manifest.txt, its
 *                                   manifest.txt.minisig and the files listed,
 *                                   nothing else; <name> is vNNN...-<hash>:
 *                                   the version in 18 digits (names sort as
 *                                   versions do) and the first 16 hex digits
 *                                   of the manifest's SHA-256
 *     LIBRARY/campaigns/.staging-*  a campaign being copied
 *     LIBRARY/.campaign.lock        serialises campaign imports
 *
 * A campaign is taken (bt_campaign_import) only when bt_campaign_decide
 * accepts it (campaign.h: signed by a trusted key, whole, newer). Then only
 * the listed files are copied, each hashed again as its bytes are copied
 * and compared with the manifest (a synced file may change between the
 * decision and the copy), with manifest.txt (its SHA-256 the one decided
 * on) and its signature, checked again in the copy. The copy is fsynced,
 * renamed to its final name, its playlist checked there as the player will
 * play it, and only then is `campaign` switched by renaming a new symlink
 * over it: a kill or a power cut at any instant leaves `campaign` naming a
 * whole campaign, the old one or the new one. The campaign in place and
 * the one before it are kept; older ones are removed.
 *
 * The campaign's playlist is its playlist.yaml, or, when it has none, the
 * folder itself (a folder is a playlist). */
#ifndef BT_CAMPAIGN_STORE_H
#define BT_CAMPAIGN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "campaign.h"
#include "model/playlist_load.h"

#define BT_CAMPAIGN_LINK "campaign"
#define BT_CAMPAIGN_DIR "campaigns"
#define BT_CAMPAIGN_KEEP 2 /* the campaign in place and the one before it */
#define BT_CAMPAIGN_NAME_LEN 36 /* v + 18 digits + - + 16 hex */
#define BT_CAMPAIGN_NAME_SIZE (BT_CAMPAIGN_NAME_LEN + 1)

/* The campaign in place. */
typedef struct {
    bool present; /* `campaign` names a whole campaign */
    char name[BT_CAMPAIGN_NAME_SIZE];
    long long version;
    unsigned char manifest_sha256[32];
    char issued[21];            /* as its manifest says, UTC */
    time_t imported;            /* when `campaign` was switched to it */
    int n_files;
    unsigned long long bytes;
    char playlist[4096 + 128];  /* what to play: LIBRARY/campaign/playlist.yaml or the folder */
} bt_campaign_current;

/* Reads what `campaign` names in library into *out (present false when
 * there is none, or it is not whole). Reads only; takes no lock. */
void bt_campaign_store_current(const char *library, bt_campaign_current *out);

/* What an import did. */
typedef enum {
    BT_CIMPORT_LOADED,  /* accepted, copied and made current */
    BT_CIMPORT_CURRENT, /* the campaign in place: nothing to do */
    BT_CIMPORT_WAIT,    /* not complete yet: look again when the folder changes */
    BT_CIMPORT_REFUSED, /* refused as it is (the decision, or a playlist that cannot play) */
    BT_CIMPORT_ABORTED, /* it changed or vanished while it was copied: nothing changed */
    BT_CIMPORT_FAILED,  /* the library could not be written (full, read-only) */
} bt_cimport_status;

typedef struct {
    bt_cimport_status status;
    bt_campaign_cause cause;  /* the decision's (BT_CAUSE_NONE otherwise) */
    bool bad_playlist;        /* REFUSED: its playlist has errors (problems below) */
    char reason[BT_CAMPAIGN_REASON_MAX]; /* one short English line for the screen and status */
    char detail[1024];        /* the long form for the log */
    long long version;        /* of the campaign looked at, 0 when not known */
    char issued[21];
    int n_files;
    unsigned long long bytes;
    int n_unlisted;           /* files there but not listed: ignored (logged) */
    char problems[3][512];    /* bad_playlist: the first errors, FILE:LINE:COL: error: ... */
    int n_problems;
    char name[BT_CAMPAIGN_NAME_SIZE]; /* LOADED, CURRENT: the campaign in place */
    char playlist[4096 + 128]; /* LOADED: what to play (bt_campaign_current.playlist) */
    bt_playlist *pl;          /* LOADED: its playlist as the check read it (owned) */
} bt_cimport_result;

typedef struct {
    const char *library;
    const bt_keyring *keys;
    time_t now;
    bool clock_trusted; /* then `issued` may not be more than a day ahead */
    bool settled;       /* the folder has not changed for the caller's quiet time */
    const bt_load_options *load; /* the check the copy's playlist gets; may be NULL */
    int keep;           /* campaigns kept; 0: BT_CAMPAIGN_KEEP */
    /* Test hook, called before each listed file is copied (index, path as
     * listed); false simulates a read error (ABORTED). NULL in production. */
    bool (*before_copy)(void *ctx, int index, const char *path);
    void *ctx;
} bt_cimport_options;

/* Decides about the campaign folder dir (bt_campaign_decide, with the
 * campaign in place) and, when it is accepted, takes it into the library
 * as above; fills *out (freed with bt_cimport_result_free). Blocking (it
 * hashes every file twice); meant for a worker thread; imports into one
 * library are serialised. Logs what it did, once, unless WAIT or CURRENT
 * (the caller's to say: they repeat while a sync runs). */
void bt_campaign_import(const char *dir, const bt_cimport_options *opt, bt_cimport_result *out);

/* Frees the playlist a result holds (not the result); NULL is fine. */
void bt_cimport_result_clear(bt_cimport_result *r);

/* "loaded", "current", "waiting", "refused", "aborted", "failed". */
const char *bt_cimport_status_name(bt_cimport_status st);

/* Plain Vietnamese words for why a campaign is not taken, for the screen
 * (after the label that says a campaign was refused). */
const char *bt_campaign_cause_vi(bt_campaign_cause c, bool bad_playlist);

/* Whether the folder dir (a stick's bangtin/) holds a campaign: a
 * manifest.txt that is a regular file. */
bool bt_campaign_is_campaign_dir(const char *dir);

#endif
