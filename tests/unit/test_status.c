/* The kiosk's status (library/status.h) written as JSON and read back,
 * with quotes, line breaks, control characters and Vietnamese in its
 * texts; what --status prints; a file that is not a status; the history
 * of imports (library/history.h), cut to its last records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "library/history.h"
#include "library/status.h"

static char dir[] = "/tmp/bangtin-status-XXXXXX";

static bt_status sample(void)
{
    bt_status s;
    bt_status_init(&s);
    snprintf(s.kiosk, sizeof s.kiosk, "ubnd-ben-nghe-01");
    snprintf(s.version, sizeof s.version, "0.3-test");
    s.pid = 4242;
    s.written_at = 1773563400;
    s.started_at = 1773563400 - 3 * 86400 - 4 * 3600;
    snprintf(s.playing, sizeof s.playing, "campaign v7 \"Tháng an toàn\" + office \"Tin phường\"");
    s.slides = 33;
    s.playing_since = 1773560000;
    s.next_change_at = 1773590000;
    snprintf(s.next_change, sizeof s.next_change, "a slide's schedule opens or closes");
    s.campaign_present = true;
    s.campaign_version = 7;
    snprintf(s.campaign_name, sizeof s.campaign_name, "Tháng an toàn\tthông tin\nmới");
    snprintf(s.campaign_issued, sizeof s.campaign_issued, "2026-03-14T10:00:00Z");
    s.campaign_imported_at = 1773550000;
    snprintf(s.campaign_folder, sizeof s.campaign_folder, "/var/lib/bangtin/campaign-in");
    snprintf(s.campaign_state, sizeof s.campaign_state, "refused: back\\slash \"quoted\"");
    s.office_present = true;
    snprintf(s.office_name, sizeof s.office_name, "Tin phường");
    snprintf(s.office_playlist, sizeof s.office_playlist, "/var/lib/bangtin/current/playlist.yaml");
    s.office_imported_at = 1773000000;
    for (int i = 0; i < 3; i++) {
        bt_history_entry *e = &s.imports[s.n_imports++];
        e->when = 1773500000 + i;
        snprintf(e->source, sizeof e->source, "%s", i ? "campaign" : "usb");
        snprintf(e->result, sizeof e->result, "loaded");
        snprintf(e->detail, sizeof e->detail, "import %d", i);
    }
    s.n_errors = 1;
    s.errors[0].at = 1773400000;
    snprintf(s.errors[0].level, sizeof s.errors[0].level, "warning");
    snprintf(s.errors[0].text, sizeof s.errors[0].text, "a \x01 control");
    snprintf(s.disk_path, sizeof s.disk_path, "/var/lib/bangtin");
    s.free_bytes = 1200000000ULL;
    s.total_bytes = 14600000000ULL;
    snprintf(s.power, sizeof s.power, "on");
    snprintf(s.outbox, sizeof s.outbox, "/var/lib/bangtin/outbox/ubnd-ben-nghe-01");
    s.outbox_written_at = 1773563000;
    return s;
}

static void round_trip(void **state)
{
    (void)state;
    bt_status s = sample(), back;
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/status.json", dir);
    assert_true(bt_status_write(&s, path, err, sizeof err));
    bt_diags d;
    bt_diags_init(&d);
    assert_true(bt_status_read(path, &back, &d));
    assert_int_equal(d.errors, 0);
    bt_diags_clear(&d);
    assert_string_equal(back.kiosk, s.kiosk);
    assert_int_equal(back.pid, 4242);
    assert_int_equal(back.written_at, s.written_at);
    assert_string_equal(back.playing, s.playing);
    assert_int_equal(back.slides, 33);
    assert_true(back.campaign_present);
    assert_int_equal(back.campaign_version, 7);
    assert_string_equal(back.campaign_name, s.campaign_name);
    assert_string_equal(back.campaign_state, s.campaign_state);
    assert_string_equal(back.office_name, "Tin phường");
    assert_int_equal(back.n_imports, 3);
    assert_string_equal(back.imports[2].detail, "import 2");
    assert_int_equal(back.imports[0].when, 1773500000);
    assert_int_equal(back.n_errors, 1);
    assert_string_equal(back.errors[0].text, "a \x01 control");
    assert_true(back.free_bytes == s.free_bytes);
    assert_string_equal(back.power, "on");
    assert_int_equal(back.outbox_written_at, s.outbox_written_at);
    /* python reads it as JSON too */
    char cmd[512];
    snprintf(cmd, sizeof cmd, "python3 -c 'import json,sys; j=json.load(open(\"%s\")); "
             "sys.exit(0 if j[\"campaign\"][\"version\"] == 7 and j[\"imports\"][1][\"source\"] == "
             "\"campaign\" else 1)'", path);
    assert_int_equal(system(cmd), 0);
}

static void text_for_a_technician(void **state)
{
    (void)state;
    bt_status s = sample();
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    bt_status_print(&s, (time_t)s.written_at + 12, true, f);
    fclose(f);
    assert_non_null(strstr(buf, "running (pid 4242) for 3 d 4 h; this status is 12 s old"));
    assert_non_null(strstr(buf, "Campaign:  version 7"));
    assert_non_null(strstr(buf, "Office:    \"Tin phường\""));
    assert_non_null(strstr(buf, "import 2"));
    assert_non_null(strstr(buf, "1.2 GB free of 14.6 GB"));
    assert_non_null(strstr(buf, "Screen:    on"));
    /* the newest import first */
    assert_true(strstr(buf, "import 2") < strstr(buf, "import 0"));
    free(buf);
    f = open_memstream(&buf, &len);
    bt_status_print(&s, (time_t)s.written_at + 7200, false, f);
    fclose(f);
    assert_non_null(strstr(buf, "NOT RUNNING"));
    free(buf);
}

static void not_a_status_file(void **state)
{
    (void)state;
    const char *bad[] = {"", "[1, 2]", "{\"format\": 2}", "{\"kiosk\": \"x\"}", "{{{{", "format: [1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char path[256];
        snprintf(path, sizeof path, "%s/bad%zu.json", dir, i);
        FILE *f = fopen(path, "w");
        fputs(bad[i], f);
        fclose(f);
        bt_status s;
        bt_diags d;
        bt_diags_init(&d);
        assert_false(bt_status_read(path, &s, &d));
        assert_true(d.errors > 0);
        bt_diags_clear(&d);
    }
    bt_status s;
    bt_diags d;
    bt_diags_init(&d);
    assert_false(bt_status_read("/nonexistent/status.json", &s, &d));
    bt_diags_clear(&d);
}

static void history_keeps_the_last(void **state)
{
    (void)state;
    char lib[256];
    snprintf(lib, sizeof lib, "%s/lib", dir);
    mkdir(lib, 0755);
    bt_history_entry out[5];
    assert_int_equal(bt_history_last(lib, out, 5), 0);
    for (int i = 0; i < 400; i++) {
        bt_history_entry e = {.when = 1000 + i};
        snprintf(e.source, sizeof e.source, "usb");
        snprintf(e.result, sizeof e.result, "loaded");
        snprintf(e.detail, sizeof e.detail, "number %d\twith a tab\nand a line break %0200d", i, 0);
        assert_true(bt_history_add(lib, &e));
    }
    int n = bt_history_last(lib, out, 5);
    assert_int_equal(n, 5);
    assert_int_equal(out[4].when, 1399);
    assert_int_equal(out[0].when, 1395);
    assert_non_null(strstr(out[4].detail, "number 399 with a tab and a line break"));
    /* cut to its last records, never past its bound */
    char path[300];
    snprintf(path, sizeof path, "%s/imports.log", lib);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size <= BT_HISTORY_MAX_BYTES + 400);
    /* a torn line and garbage are skipped */
    FILE *f = fopen(path, "a");
    fputs("garbage line\n12x\tusb\n1500\tusb\tloaded\tthe last\n1600\tus", f);
    fclose(f);
    n = bt_history_last(lib, out, 5);
    assert_int_equal(out[n - 1].when, 1500);
    bt_history_entry e = {.when = 1700};
    snprintf(e.source, sizeof e.source, "campaign");
    snprintf(e.result, sizeof e.result, "refused");
    assert_true(bt_history_add(lib, &e));
    n = bt_history_last(lib, out, 5);
    assert_int_equal(out[n - 1].when, 1700);
    assert_int_equal(out[n - 2].when, 1500);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(text_for_a_technician),
        cmocka_unit_test(not_a_status_file),
        cmocka_unit_test(history_keeps_the_last),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
