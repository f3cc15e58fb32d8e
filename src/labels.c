/* labels.c: the one table of the player's own texts and their defaults. */
#include "labels.h"

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
