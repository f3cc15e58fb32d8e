/* fuzz_reports.c: libFuzzer target for what the province and a technician
 * read back from files others wrote: a kiosk's day report as
 * `--report --merge` sums it (any kiosk, or anyone with the synced folder,
 * wrote it), status.json as `--status` reads it, and imports.log lines.
 *
 * The first byte chooses the reader; the rest is the file. The merge runs
 * over an outbox folder holding the input as one kiosk's day file; the
 * status read back is written again as JSON and printed; each line of the
 * history is parsed. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/diag.h"
#include "library/history.h"
#include "library/merge.h"
#include "library/status.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[4096], kiosk[4200], day[4300], status[4300];

static void cleanup(void)
{
    unlink(day);
    unlink(status);
    rmdir(kiosk);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/bt-fuzz-reports.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror(dir);
        abort();
    }
    snprintf(kiosk, sizeof kiosk, "%s/ubnd-phuong-01", dir);
    snprintf(day, sizeof day, "%s/plays-2026-03-15.csv", kiosk);
    snprintf(status, sizeof status, "%s/status.json", dir);
    if (mkdir(kiosk, 0755) != 0) {
        perror(kiosk);
        abort();
    }
    atexit(cleanup);
    return 0;
}

static void put(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int which = data[0] % 3;
    data++;
    size--;
    FILE *null = fopen("/dev/null", "w");
    if (!null)
        abort();
    if (which == 0) {
        put(day, data, size);
        bt_date from = {2026, 3, 1}, to = {2026, 3, 31};
        bt_merge_stats st;
        char err[512];
        int n = bt_merge_write(dir, from, to, null, &st, err, sizeof err);
        if (n > 1 || st.files > 1)
            abort(); /* one kiosk, one file */
    } else if (which == 1) {
        put(status, data, size);
        bt_status *s = malloc(sizeof *s);
        bt_diags d;
        bt_diags_init(&d);
        if (s && bt_status_read(status, s, &d)) {
            size_t len = 0;
            char *json = bt_status_json(s, &len);
            if (json && strlen(json) != len)
                abort();
            free(json);
            bt_status_print(s, 1773563400, true, null);
        }
        bt_diags_clear(&d);
        free(s);
    } else {
        char *text = malloc(size + 1);
        if (!text)
            abort();
        memcpy(text, data, size);
        text[size] = '\0';
        for (char *line = text, *next; line; line = next) {
            next = strchr(line, '\n');
            if (next)
                *next++ = '\0';
            bt_history_entry e;
            if (bt_history_parse(line, &e) &&
                (memchr(e.detail, '\0', sizeof e.detail) == NULL ||
                 memchr(e.source, '\0', sizeof e.source) == NULL))
                abort();
        }
        free(text);
    }
    fclose(null);
    return 0;
}
