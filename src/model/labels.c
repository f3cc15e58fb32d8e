/* labels.c: the one table of the player's own texts and their defaults. */
#include "labels.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *key;
    const char *text;
} labels[BT_LABEL_COUNT] = {
    [BT_LABEL_TOUCH_HINT] = {"touch_hint", "Chạm vào màn hình để tìm hiểu thêm"},
    [BT_LABEL_BACK] = {"back", "Quay lại"},
    [BT_LABEL_HOME] = {"home", "Trang chủ"},
    [BT_LABEL_OTHER] = {"other", "Khác"},
    [BT_LABEL_ALERT] = {"alert", "CẢNH BÁO"},
    [BT_LABEL_NEXT] = {"next", "Tiếp"},
    [BT_LABEL_PREV] = {"prev", "Trước"},
    [BT_LABEL_TOPICS] = {"topics", "Chọn chủ đề"},
    [BT_LABEL_NO_SLIDES] = {"no_slides", "Chưa có nội dung cho lúc này"},
    /* Plain words: the bundled font has no warning sign (U+26A0). */
    [BT_LABEL_CLOCK_UNSET] = {"clock_unset", "CHƯA ĐẶT GIỜ"},
    [BT_LABEL_USB_CHECKING] = {"usb_checking", "Đang kiểm tra USB, xin chờ…"},
    [BT_LABEL_USB_LOADED] = {"usb_loaded", "Đã nạp danh sách mới từ USB"},
    [BT_LABEL_USB_COUNTS] = {"usb_counts", "{slides} trang chiếu, {tips} mẹo, {topics} chủ đề"},
    [BT_LABEL_USB_ALREADY] = {"usb_already", "Danh sách trên USB này đã được nạp rồi"},
    [BT_LABEL_USB_REFUSED] = {"usb_refused", "Chưa nạp USB: danh sách có lỗi cần sửa"},
    [BT_LABEL_USB_ERRORS_FILE] = {"usb_errors_file",
                                  "Danh sách lỗi đầy đủ: tệp bangtin/errors.txt trên USB"},
    [BT_LABEL_USB_NOTES_FILE] = {"usb_notes_file",
                                 "Các điều cần sửa: tệp bangtin/errors.txt trên USB"},
    [BT_LABEL_USB_UNAUTHORISED] = {"usb_unauthorised",
                                   "USB này không được phép dùng cho bảng tin này"},
    [BT_LABEL_USB_ABORTED] = {"usb_aborted",
                              "USB bị rút ra khi đang chép: chưa nạp gì, vẫn phát danh sách cũ"},
    [BT_LABEL_USB_FAILED] = {"usb_failed", "Không lưu được danh sách mới: vẫn phát danh sách cũ"},
    [BT_LABEL_USB_SAFE] = {"usb_safe", "Đã xong, có thể rút USB ra"},
    [BT_LABEL_RELOAD_FAILED] = {"reload_failed", "Danh sách mới có lỗi, vẫn phát danh sách cũ"},
    [BT_LABEL_FALLBACK] = {"fallback",
                           "Danh sách mới nhất không phát được: đang phát danh sách trước đó"},
    [BT_LABEL_USB_READ_ONLY] = {"usb_read_only",
                                "Thẻ nhớ của bảng tin bị khóa ghi: chưa nạp được USB, hãy báo kỹ "
                                "thuật viên"},
    [BT_LABEL_CAMPAIGN_LOADED] = {"campaign_loaded", "Đã nhận chiến dịch mới của tỉnh"},
    [BT_LABEL_CAMPAIGN_ALREADY] = {"campaign_already", "Chiến dịch này đã được nạp rồi"},
    [BT_LABEL_CAMPAIGN_REFUSED] = {"campaign_refused", "Không nhận chiến dịch mới của tỉnh"},
    [BT_LABEL_CAMPAIGN_VERSION] = {"campaign_version", "Phiên bản"},
    [BT_LABEL_CAMPAIGN_KEPT] = {"campaign_kept", "Vẫn phát chiến dịch phiên bản"},
};

const char *bt_label_key(bt_label l)
{
    return (unsigned)l < BT_LABEL_COUNT ? labels[l].key : NULL;
}

const char *bt_label_default(bt_label l)
{
    return (unsigned)l < BT_LABEL_COUNT ? labels[l].text : NULL;
}

int bt_label_find(const char *key)
{
    for (int i = 0; i < BT_LABEL_COUNT; i++)
        if (strcmp(labels[i].key, key) == 0)
            return i;
    return -1;
}

void bt_label_fill(const char *text, int slides, int tips, int topics, char *buf, unsigned size)
{
    static const char *const names[3] = {"{slides}", "{tips}", "{topics}"};
    const int values[3] = {slides, tips, topics};
    unsigned n = 0;
    while (*text && n + 1 < size) {
        int k = -1;
        for (int i = 0; i < 3 && k < 0; i++)
            if (strncmp(text, names[i], strlen(names[i])) == 0)
                k = i;
        if (k < 0) {
            buf[n++] = *text++;
            continue;
        }
        n += (unsigned)snprintf(buf + n, size - n, "%d", values[k]);
        if (n >= size)
            n = size - 1;
        text += strlen(names[k]);
    }
    buf[n] = '\0';
}
