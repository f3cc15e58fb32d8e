/* fuzz_manifest.c: libFuzzer target for manifest.txt (manifest.h) and the
 * check of a folder against it (manifest_dir.h).
 *
 * Any byte string must give a clean yes or no. On a no, a reason in words
 * and a line within the text; on a yes, the promises of manifest.h: at most
 * BT_MAX_MANIFEST_FILES files and BT_MAX_CAMPAIGN_BYTES, every path one the
 * rules accept, and the text bt_manifest_format writes parses back to the
 * same manifest. A parsed manifest is then checked against a private folder
 * holding a file, a subfolder, a symlink out of it and a FIFO, so that its
 * paths reach the no-symlink opening of listed files. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/bounds.h"
#include "library/manifest.h"
#include "library/manifest_dir.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[4096];

static void cleanup(void)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz_manifest: could not remove %s\n", dir);
}

static void make(const char *rel, const char *text)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "w");
    if (!f)
        abort();
    fputs(text, f);
    fclose(f);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/bt-fuzz-manifest.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        abort();
    atexit(cleanup);
    char path[4200];
    make("test.txt", "test"); /* sha256 9f86d081... */
    snprintf(path, sizeof path, "%s/sub", dir);
    mkdir(path, 0755);
    make("sub/a.png", "a");
    snprintf(path, sizeof path, "%s/link", dir);
    if (symlink("/etc/passwd", path) != 0)
        abort();
    snprintf(path, sizeof path, "%s/fifo", dir);
    mkfifo(path, 0644);
    make(".stignore", "");
    return 0;
}

static bool same(const bt_manifest *a, const bt_manifest *b)
{
    if (a->version != b->version || a->issued != b->issued || a->n_files != b->n_files ||
        a->total_bytes != b->total_bytes || strcmp(a->issued_text, b->issued_text) != 0)
        return false;
    for (int i = 0; i < a->n_files; i++)
        if (strcmp(a->files[i].path, b->files[i].path) != 0 || a->files[i].size != b->files[i].size ||
            memcmp(a->files[i].sha256, b->files[i].sha256, 32) != 0)
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A private copy: ASan then catches a read one byte past the end. */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    bt_manifest m;
    int line = -1;
    char err[1024] = "";
    if (!bt_manifest_parse(text, size, "manifest.txt", &m, &line, err, sizeof err)) {
        if (!err[0] || line < 0 || m.n_files != 0 || m.files)
            abort(); /* a no says why, and leaves nothing behind */
        free(text);
        return 0;
    }
    if (m.version < 1 || m.n_files > BT_MAX_MANIFEST_FILES || m.total_bytes > BT_MAX_CAMPAIGN_BYTES)
        abort();
    unsigned long long total = 0;
    for (int i = 0; i < m.n_files; i++) {
        char why[256];
        if (!bt_manifest_path_ok(m.files[i].path, why, sizeof why))
            abort();
        total += m.files[i].size;
    }
    if (total != m.total_bytes)
        abort();
    size_t len;
    char *again = bt_manifest_format(&m, &len);
    if (!again)
        abort();
    bt_manifest back;
    if (!bt_manifest_parse(again, len, "manifest.txt", &back, NULL, err, sizeof err) ||
        !same(&m, &back))
        abort(); /* what we write must read back the same */
    bt_manifest_free(&back);
    free(again);

    bt_manifest_check c;
    bool ok = bt_manifest_check_dir(dir, &m, NULL, NULL, &c);
    int counted = 0;
    for (int k = 0; k < BT_FILE_STATUS_COUNT; k++)
        counted += c.count[k];
    if (counted != m.n_files || ok != (c.count[BT_FILE_OK] == m.n_files))
        abort();
    for (int i = 0; i < m.n_files; i++)
        if (c.status[i] == BT_FILE_OK && strcmp(m.files[i].path, "test.txt") != 0 &&
            strcmp(m.files[i].path, "sub/a.png") != 0)
            abort(); /* only the real files can match, never through the link */
    bt_manifest_check_free(&c);
    bt_manifest_free(&m);
    free(text);
    return 0;
}
