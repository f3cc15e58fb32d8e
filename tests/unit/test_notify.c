/* sd_notify by hand: the datagram systemd reads, and the watchdog period. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "model/labels.h"
#include "sys/notify.h"

static void sends_state_to_notify_socket(void **state)
{
    (void)state;
    char path[108];
    snprintf(path, sizeof path, "/tmp/bangtin-notify-%d", (int)getpid());
    unlink(path);
    int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strcpy(addr.sun_path, path);
    assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    setenv("NOTIFY_SOCKET", path, 1);
    bt_notify("READY=1");
    bt_notify("WATCHDOG=1");
    char buf[64] = "";
    ssize_t n = recv(fd, buf, sizeof buf - 1, MSG_DONTWAIT);
    assert_int_equal(n, 7);
    assert_string_equal(buf, "READY=1");
    memset(buf, 0, sizeof buf);
    assert_int_equal(recv(fd, buf, sizeof buf - 1, MSG_DONTWAIT), 10);
    assert_string_equal(buf, "WATCHDOG=1");
    close(fd);
    unlink(path);
    unsetenv("NOTIFY_SOCKET");
    bt_notify("READY=1"); /* not under systemd: nothing happens */
}

static void watchdog_period(void **state)
{
    (void)state;
    unsetenv("WATCHDOG_USEC");
    assert_true(bt_notify_watchdog_ms() == 0);
    setenv("WATCHDOG_USEC", "30000000", 1);
    unsetenv("WATCHDOG_PID");
    assert_true(bt_notify_watchdog_ms() == 15000);
    char pid[32];
    snprintf(pid, sizeof pid, "%d", (int)getpid() + 1);
    setenv("WATCHDOG_PID", pid, 1);
    assert_true(bt_notify_watchdog_ms() == 0); /* meant for another process */
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
}

/* Labels with numbers: plain substitution, never a printf format. */
static void labels_fill_numbers(void **state)
{
    (void)state;
    char buf[128];
    bt_label_fill("{slides} trang, {tips} mẹo, {topics} chủ đề", 12, 30, 6, buf, sizeof buf);
    assert_string_equal(buf, "12 trang, 30 mẹo, 6 chủ đề");
    bt_label_fill("%s %n {x} {slides", 1, 2, 3, buf, sizeof buf);
    assert_string_equal(buf, "%s %n {x} {slides");
    bt_label_fill("{slides}{slides}{slides}", 123456, 0, 0, buf, 10);
    assert_int_equal(strlen(buf), 9); /* cut to the buffer, terminated */
    bt_label_fill_progress(bt_label_default(BT_LABEL_USB_COPYING_VIDEO), 3, 5, 45, buf, sizeof buf);
    assert_string_equal(buf, "Đang chép video 3/5 — 45%");
    bt_label_fill_progress("%d {percent}%% {slides}", 1, 2, 7, buf, sizeof buf);
    assert_string_equal(buf, "%d 7%% {slides}");
    assert_int_equal(bt_label_find("usb_loaded"), BT_LABEL_USB_LOADED);
    for (int i = 0; i < BT_LABEL_COUNT; i++) {
        assert_non_null(bt_label_key((bt_label)i));
        assert_non_null(bt_label_default((bt_label)i));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sends_state_to_notify_socket),
        cmocka_unit_test(watchdog_period),
        cmocka_unit_test(labels_fill_numbers),
    };
    return cmocka_run_group_tests_name("notify", tests, NULL, NULL);
}
