/* campaign_check: the kiosk's decision about a campaign folder, from the
 * command line, for the end-to-end tests (tests/e2e/minisign.sh): the very
 * calls a player makes (bt_keyring_load, bt_campaign_decide), with the
 * clock trusted and the folder taken as settled.
 *
 *   campaign_check [--trust KEY.pub]... [--current N] DIR
 *
 * Prints "VERDICT: REASON", then the detail, the key id and the trusted
 * comment; exit 0 accept, 1 refuse, 3 wait, 4 current, 2 bad usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "library/campaign.h"

int main(int argc, char **argv)
{
    const char *trust[16];
    int n_trust = 0;
    long long current = 0;
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--trust") == 0 && i + 1 < argc && n_trust < 16)
            trust[n_trust++] = argv[++i];
        else if (strcmp(argv[i], "--current") == 0 && i + 1 < argc)
            current = atoll(argv[++i]);
        else if (!dir && argv[i][0] != '-')
            dir = argv[i];
        else {
            fprintf(stderr, "usage: campaign_check [--trust KEY.pub]... [--current N] DIR\n");
            return 2;
        }
    }
    if (!dir) {
        fprintf(stderr, "usage: campaign_check [--trust KEY.pub]... [--current N] DIR\n");
        return 2;
    }
    static bt_keyring ring;
    bt_diags d;
    bt_diags_init(&d);
    bool keys_ok = bt_keyring_load(&ring, trust, n_trust, NULL, &d);
    bt_diags_print(&d, stderr);
    bt_diags_clear(&d);
    if (!keys_ok)
        return 2;
    bt_campaign_input in = {.keys = &ring, .current_version = current, .now = time(NULL),
                            .clock_trusted = true, .settled = true};
    bt_campaign_result *r = malloc(sizeof *r);
    if (!r)
        return 2;
    bt_campaign_decide(dir, &in, r);
    printf("%s: %s\n%s\n", bt_campaign_verdict_name(r->verdict), r->reason, r->detail);
    if (r->key_id_hex[0])
        printf("key: %s\ntrusted comment: %s\n", r->key_id_hex, r->trusted_comment);
    for (int i = 0; i < r->check.n_unlisted && i < BT_MANIFEST_UNLISTED_KEPT; i++)
        printf("not listed, ignored: %s\n", r->check.unlisted[i]);
    int status = r->verdict == BT_CAMPAIGN_ACCEPT    ? 0
                 : r->verdict == BT_CAMPAIGN_REFUSE  ? 1
                 : r->verdict == BT_CAMPAIGN_CURRENT ? 4
                                                     : 3;
    bt_campaign_result_free(r);
    free(r);
    return status;
}
