/* campaign.c: the keys a kiosk trusts, and the decision about a campaign
 * folder (see campaign.h).
 *
 * Contents: trusted keys - the verdict - reading the two small files -
 * the decision, step by step. */
#include "base/i18n.h"
#include "campaign.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "sha256.h"

/* ---- Trusted keys -------------------------------------------------------- */

/* A message from minisign.c ("PATH:LINE: what") as a diagnostic of PATH. */
static void add_problem(bt_diags *d, bt_severity sev, const char *path, const char *err,
                        const char *what_then)
{
    size_t n = strlen(path);
    const char *msg = err;
    int line = 0;
    if (strncmp(err, path, n) == 0 && err[n] == ':') {
        msg = err + n + 1;
        char *end;
        long l = strtol(msg, &end, 10);
        if (end != msg && *end == ':' && l > 0 && l < 100000) {
            line = (int)l;
            msg = end + 1;
        }
        while (*msg == ' ')
            msg++;
    }
    bt_diags_add(d, sev, path, line, line ? 1 : 0, "%s%s", msg, what_then);
}

/* Adds k unless it is there already; false (warned) when its id is taken
 * by another key, or the ring is full. */
static bool add_key(bt_keyring *kr, const bt_minisign_key *k, bt_diags *d, bt_severity sev)
{
    char hex[17];
    bt_minisign_id_hex(k->id, hex);
    for (int i = 0; i < kr->n; i++) {
        if (memcmp(kr->keys[i].id, k->id, sizeof k->id) != 0)
            continue;
        if (memcmp(kr->keys[i].pk, k->pk, sizeof k->pk) == 0)
            return true; /* the same key installed twice */
        bt_diags_add(d, sev, k->source, 0, 0,
                     "key id %s is also that of %s, with another key: this one is not used", hex,
                     kr->keys[i].source);
        return false;
    }
    if (kr->n == BT_MAX_TRUSTED_KEYS) {
        bt_diags_add(d, sev, k->source, 0, 0, "more than %d trusted keys: this one is not used",
                     BT_MAX_TRUSTED_KEYS);
        return false;
    }
    kr->keys[kr->n++] = *k;
    return true;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.pub files of dir, in name order, into the ring (warnings only). */
static void load_dir(bt_keyring *kr, const char *dir, bt_diags *d)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        if (errno != ENOENT)
            bt_diags_add(d, BT_WARNING, dir, 0, 0, "cannot read the folder of trusted keys: %s",
                         strerror(errno));
        return;
    }
    char *names[BT_MAX_TRUSTED_KEYS + 1] = {0};
    int n = 0;
    bool more = false;
    struct dirent *de;
    while ((de = readdir(dp)) != NULL) {
        size_t len = strlen(de->d_name);
        if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 4, ".pub") != 0)
            continue;
        if (n == BT_MAX_TRUSTED_KEYS + 1) {
            more = true;
            break;
        }
        names[n] = strdup(de->d_name);
        if (names[n])
            n++;
    }
    closedir(dp);
    if (more)
        bt_diags_add(d, BT_WARNING, dir, 0, 0, "more than %d keys: only the first are used",
                     BT_MAX_TRUSTED_KEYS + 1);
    if (n > 1)
        qsort(names, (size_t)n, sizeof *names, cmp_name);
    for (int i = 0; i < n; i++) {
        char path[4200], err[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        bt_minisign_key k;
        if (bt_minisign_key_load(path, &k, err, sizeof err))
            add_key(kr, &k, d, BT_WARNING);
        else
            add_problem(d, BT_WARNING, path, err, " (this key is not used)");
        free(names[i]);
    }
}

bool bt_keyring_load(bt_keyring *kr, const char *const *trust_files, int n_files,
                     const char *trusted_dir, bt_diags *d)
{
    kr->n = 0;
    bool ok = true;
    for (int i = 0; i < n_files; i++) {
        char err[512];
        bt_minisign_key k;
        if (!bt_minisign_key_load(trust_files[i], &k, err, sizeof err)) {
            add_problem(d, BT_ERROR, trust_files[i], err, "");
            ok = false;
        } else if (!add_key(kr, &k, d, BT_ERROR)) {
            ok = false;
        }
    }
    if (trusted_dir)
        load_dir(kr, trusted_dir, d);
    return ok;
}

/* ---- The verdict --------------------------------------------------------- */

const char *bt_campaign_verdict_name(bt_campaign_verdict v)
{
    switch (v) {
    case BT_CAMPAIGN_ACCEPT:
        return "accept";
    case BT_CAMPAIGN_CURRENT:
        return "current";
    case BT_CAMPAIGN_WAIT:
        return "wait";
    case BT_CAMPAIGN_REFUSE:
        return "refuse";
    }
    return "refuse";
}

/* Sets the verdict, its cause, the short reason and the detail (fmt). */
static void verdict(bt_campaign_result *r, bt_campaign_verdict v, bt_campaign_cause c,
                    const char *reason, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void verdict(bt_campaign_result *r, bt_campaign_verdict v, bt_campaign_cause c,
                    const char *reason, const char *fmt, ...)
{
    r->verdict = v;
    r->cause = c;
    snprintf(r->reason, sizeof r->reason, "%s", reason);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->detail, sizeof r->detail, fmt, ap);
    va_end(ap);
}

/* ---- Reading the two small files ----------------------------------------- */

/* What reading one of the two files found, when it is not there whole. */
static bool read_problem(bt_campaign_result *r, bt_read_status st, const char *dir,
                         const char *name, bool is_sig)
{
    switch (st) {
    case BT_READ_OK:
        return false;
    case BT_READ_MISSING:
        if (is_sig)
            verdict(r, BT_CAMPAIGN_WAIT, BT_CAUSE_NO_SIGNATURE, "The campaign is not signed yet",
                    "%s/%s is missing: waiting for the Department's signature", dir, name);
        else
            verdict(r, BT_CAMPAIGN_WAIT, BT_CAUSE_NO_MANIFEST, "No campaign yet",
                    "%s/%s is missing: nothing to check yet", dir, name);
        return true;
    case BT_READ_NOT_REGULAR:
        verdict(r, BT_CAMPAIGN_REFUSE, BT_CAUSE_NOT_PLAIN_FILE,
                "Campaign refused: its list of files is not a plain file",
                "%s/%s is a link, a folder or a device: never followed", dir, name);
        return true;
    case BT_READ_TOO_BIG:
        verdict(r, BT_CAMPAIGN_REFUSE, is_sig ? BT_CAUSE_BAD_SIGNATURE : BT_CAUSE_BAD_MANIFEST,
                is_sig ? "Campaign refused: its signature file is too big"
                       : "Campaign refused: its list of files is too big",
                "%s/%s is bigger than a campaign's %s may be (%d bytes)", dir, name,
                is_sig ? "signature" : "manifest",
                is_sig ? BT_MAX_MINISIGN_FILE_BYTES : BT_MAX_MANIFEST_BYTES);
        return true;
    case BT_READ_FAILED:
        verdict(r, BT_CAMPAIGN_WAIT, BT_CAUSE_UNREADABLE, "The campaign cannot be read now",
                "%s/%s cannot be read: %s", dir, name, strerror(errno));
        return true;
    }
    return false;
}

/* ---- The decision -------------------------------------------------------- */

/* WAIT until the caller says the folder is settled, then REFUSE. */
static void wait_or_refuse(bt_campaign_result *r, const bt_campaign_input *in,
                           bt_campaign_cause refuse_cause, const char *refuse_reason,
                           const char *detail)
{
    if (in->settled)
        verdict(r, BT_CAMPAIGN_REFUSE, refuse_cause, refuse_reason, "%s", detail);
    else
        verdict(r, BT_CAMPAIGN_WAIT, BT_CAUSE_NOT_MATCHING_YET,
                "The campaign is still arriving (signature or files do not match yet)",
                "%s (waiting: a sync may be half done; refused if it stays so)", detail);
}

/* The files, once signature, manifest and version are good. */
static void decide_files(const char *dir, const bt_campaign_input *in, bt_campaign_result *r)
{
    const bt_manifest *m = &r->manifest;
    bt_manifest_check *c = &r->check;
    bool all = bt_manifest_check_dir(dir, m, in->progress, in->progress_ctx, c);
    r->checked = true;
    /* The first file with a status, for the messages. */
    const char *first[BT_FILE_STATUS_COUNT] = {0};
    for (int i = m->n_files - 1; i >= 0; i--)
        first[c->status[i]] = m->files[i].path;

    if (c->folder_missing) {
        verdict(r, BT_CAMPAIGN_WAIT, BT_CAUSE_NO_FOLDER, "The campaign folder is not there",
                "%s", c->detail);
    } else if (c->count[BT_FILE_NOT_REGULAR] > 0) {
        verdict(r, BT_CAMPAIGN_REFUSE, BT_CAUSE_NOT_PLAIN_FILE,
                "Campaign refused: a listed file is a link or not a plain file",
                "%s/%s %s (%d such); links are never followed", dir, first[BT_FILE_NOT_REGULAR],
                bt_file_status_words(BT_FILE_NOT_REGULAR), c->count[BT_FILE_NOT_REGULAR]);
    } else if (c->sync_temp) {
        verdict(r, BT_CAMPAIGN_WAIT, BT_CAUSE_SYNCING, "The campaign is still arriving",
                "%s/%s: a sync tool is still writing (its temporary file is there)", dir,
                c->sync_temp_name);
    } else if (c->count[BT_FILE_SIZE_DIFFERS] > 0 && c->count[BT_FILE_MISSING] == 0 &&
               in->settled) {
        /* Quiet for the caller's whole quiet period, and a sync tool only
         * renames a file into place once it has all of it: not arriving,
         * but not the file the Department signed. */
        verdict(r, BT_CAMPAIGN_REFUSE, BT_CAUSE_TAMPERED,
                "Campaign refused: a file is not of the size the Department signed",
                "%s/%s %s (%d such)", dir, first[BT_FILE_SIZE_DIFFERS],
                bt_file_status_words(BT_FILE_SIZE_DIFFERS), c->count[BT_FILE_SIZE_DIFFERS]);
    } else if (c->count[BT_FILE_MISSING] + c->count[BT_FILE_SIZE_DIFFERS] > 0) {
        int n = c->count[BT_FILE_MISSING] + c->count[BT_FILE_SIZE_DIFFERS];
        char reason[BT_CAMPAIGN_REASON_MAX];
        snprintf(reason, sizeof reason, "The campaign is still arriving (%d of %d files to come)",
                 n, m->n_files);
        verdict(r, BT_CAMPAIGN_WAIT, BT_CAUSE_INCOMPLETE, reason, "%s/%s (%d missing, %d not of "
                "their size yet)", dir, c->detail, c->count[BT_FILE_MISSING],
                c->count[BT_FILE_SIZE_DIFFERS]);
    } else if (c->count[BT_FILE_UNREADABLE] > 0) {
        verdict(r, BT_CAMPAIGN_WAIT, BT_CAUSE_UNREADABLE, "The campaign cannot be read now",
                "%s/%s", dir, c->detail);
    } else if (c->count[BT_FILE_HASH_DIFFERS] > 0) {
        char detail[1024];
        snprintf(detail, sizeof detail, "%s/%s %s (%d such)", dir, first[BT_FILE_HASH_DIFFERS],
                 bt_file_status_words(BT_FILE_HASH_DIFFERS), c->count[BT_FILE_HASH_DIFFERS]);
        wait_or_refuse(r, in, BT_CAUSE_TAMPERED,
                       "Campaign refused: a file was changed after the Department signed it",
                       detail);
    } else if (c->stopped || !all) {
        verdict(r, BT_CAMPAIGN_WAIT, BT_CAUSE_INCOMPLETE, "The campaign check was interrupted",
                "%s: %d of %d files checked", dir, c->count[BT_FILE_OK], m->n_files);
    } else {
        verdict(r, BT_CAMPAIGN_ACCEPT, BT_CAUSE_NONE, "", "%s: version %lld, issued %s, %d files "
                "(%llu bytes), signed with key %s (%s)%s", dir, m->version, m->issued_text,
                m->n_files, m->total_bytes, r->key_id_hex, r->key_source,
                c->n_unlisted ? "; files not listed are ignored" : "");
    }
}

/* Signature and manifest read: verify, parse, compare versions. false when
 * the verdict is made. */
static bool decide_signed(const char *dir, const bt_campaign_input *in, const char *mtext,
                          size_t mlen, const char *stext, size_t slen, bt_campaign_result *r)
{
    char err[1024];
    bt_minisign_sig *sig = malloc(sizeof *sig); /* 8 KB: off the stack of a thread */
    if (!sig) {
        verdict(r, BT_CAMPAIGN_WAIT, BT_CAUSE_UNREADABLE, "The campaign cannot be read now",
                "out of memory");
        return false;
    }
    if (!bt_minisign_sig_parse(stext, slen, BT_MANIFEST_SIG, sig, err, sizeof err)) {
        wait_or_refuse(r, in, BT_CAUSE_BAD_SIGNATURE,
                       "Campaign refused: its signature file is damaged", err);
        free(sig);
        return false;
    }
    int which = -1;
    bt_verify_status vs = bt_minisign_verify(in->keys->keys, in->keys->n, sig, mtext, mlen,
                                             BT_MANIFEST_FILE, &which, err, sizeof err);
    if (vs == BT_VERIFY_UNKNOWN_KEY) {
        char hex[17], reason[BT_CAMPAIGN_REASON_MAX];
        bt_minisign_id_hex(sig->key_id, hex);
        snprintf(reason, sizeof reason, "Campaign refused: signed by a key this kiosk does not "
                 "trust (%s)", hex);
        verdict(r, BT_CAMPAIGN_REFUSE, BT_CAUSE_UNKNOWN_KEY, reason, "%s", err);
        free(sig);
        return false;
    }
    if (vs != BT_VERIFY_OK) {
        wait_or_refuse(r, in, BT_CAUSE_BAD_SIGNATURE,
                       "Campaign refused: its signature does not match (changed after signing)",
                       err);
        free(sig);
        return false;
    }
    const bt_minisign_key *k = &in->keys->keys[which];
    memcpy(r->key_id, k->id, sizeof r->key_id);
    bt_minisign_id_hex(k->id, r->key_id_hex);
    snprintf(r->key_source, sizeof r->key_source, "%s", k->source);
    memcpy(r->trusted_comment, sig->trusted_comment, sizeof r->trusted_comment);
    free(sig);

    /* Signed by a trusted key from here on: what is wrong is the
     * Department's to fix, not a sync to wait for. */
    int line = 0;
    if (!bt_manifest_parse(mtext, mlen, BT_MANIFEST_FILE, &r->manifest, &line, err, sizeof err)) {
        verdict(r, BT_CAMPAIGN_REFUSE, BT_CAUSE_BAD_MANIFEST,
                "Campaign refused: its list of files is not valid", "%s/%s", dir, err);
        return false;
    }
    bt_sha256 h;
    bt_sha256_init(&h);
    bt_sha256_update(&h, mtext, mlen);
    bt_sha256_final(&h, r->manifest_sha256);

    const bt_manifest *m = &r->manifest;
    if (m->version < in->current_version) {
        char reason[BT_CAMPAIGN_REASON_MAX];
        snprintf(reason, sizeof reason, "Campaign refused: version %lld is older than the one "
                 "playing (%lld)", m->version, in->current_version);
        verdict(r, BT_CAMPAIGN_REFUSE, BT_CAUSE_OLDER, reason,
                "%s: version %lld (issued %s), and version %lld is in place: a campaign never "
                "goes back to an older one", dir, m->version, m->issued_text, in->current_version);
        return false;
    }
    if (m->version == in->current_version) {
        if (!in->current_manifest_sha256 ||
            memcmp(in->current_manifest_sha256, r->manifest_sha256, 32) == 0) {
            verdict(r, BT_CAMPAIGN_CURRENT, BT_CAUSE_NONE, "",
                    "%s: version %lld is the campaign in place", dir, m->version);
        } else {
            char reason[BT_CAMPAIGN_REASON_MAX];
            snprintf(reason, sizeof reason, "Campaign refused: version %lld is already playing "
                     "with other files", m->version);
            verdict(r, BT_CAMPAIGN_REFUSE, BT_CAUSE_SAME_VERSION, reason,
                    "%s: version %lld is in place with another manifest: the Department must "
                    "sign a new version (bangtin --sign raises it)", dir, m->version);
        }
        return false;
    }
    if (in->clock_trusted && m->issued > in->now + BT_CAMPAIGN_FUTURE_SLACK) {
        verdict(r, BT_CAMPAIGN_REFUSE, BT_CAUSE_FUTURE,
                "Campaign refused: it is dated in the future (check the clocks)",
                "%s: issued %s, more than a day ahead of this kiosk's clock: the Department's "
                "clock or this kiosk's is wrong", dir, m->issued_text);
        return false;
    }
    return true;
}

void bt_campaign_decide(const char *dir, const bt_campaign_input *in, bt_campaign_result *out)
{
    memset(out, 0, sizeof *out);
    if (!in->keys || in->keys->n == 0) {
        verdict(out, BT_CAMPAIGN_REFUSE, BT_CAUSE_NO_KEYS,
                "Campaigns refused: no Department key is installed",
                "this kiosk trusts no key: put the Department's NAME.pub in " BT_TRUSTED_DIR
                "/ (or give --trust NAME.pub)");
        return;
    }
    int root = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) {
        verdict(out, BT_CAMPAIGN_WAIT, BT_CAUSE_NO_FOLDER, "The campaign folder is not there",
                "%s: %s", dir, strerror(errno));
        return;
    }
    size_t mlen = 0, slen = 0;
    bt_read_status mst, sst;
    char *mtext = bt_fileio_read_at(root, BT_MANIFEST_FILE, BT_MAX_MANIFEST_BYTES, true, &mlen, &mst);
    char *stext = NULL;
    if (!read_problem(out, mst, dir, BT_MANIFEST_FILE, false)) {
        stext = bt_fileio_read_at(root, BT_MANIFEST_SIG, BT_MAX_MINISIGN_FILE_BYTES, true, &slen,
                                  &sst);
        if (!read_problem(out, sst, dir, BT_MANIFEST_SIG, true) &&
            decide_signed(dir, in, mtext, mlen, stext, slen, out))
            decide_files(dir, in, out);
    }
    free(mtext);
    free(stext);
    close(root);
}

void bt_campaign_result_free(bt_campaign_result *r)
{
    if (!r)
        return;
    bt_manifest_free(&r->manifest);
    bt_manifest_check_free(&r->check);
    r->checked = false;
}
