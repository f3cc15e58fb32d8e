/* import_message.c: the on-screen words about a stick (import_message.h). */
#include "import_message.h"

#include "model/labels.h"

void bt_import_message_make(bt_import_message *m, const bt_import_result *r,
                            char *const *labels)
{
    char *const *L = labels;
    int n = 0;
    m->ok = false;
    m->seconds = 15;
    m->title = L[BT_LABEL_USB_FAILED];
    bt_label_fill(L[BT_LABEL_USB_COUNTS], r->slides, r->tips, r->topics, m->counts,
                  sizeof m->counts);
    switch (r->status) {
    case BT_IMPORT_LOADED:
    case BT_IMPORT_ALREADY:
        m->lines[n++] = m->counts;
        /* What it let pass, so the clerk fixes it before the next time. */
        for (int i = 0; i < r->n_warnings && n < 3; i++)
            m->lines[n++] = r->warnings[i];
        if (r->errors_written)
            m->lines[n++] = L[BT_LABEL_USB_NOTES_FILE];
        if (r->stick_synced && n < BT_IMPORT_MESSAGE_LINES)
            m->lines[n++] = L[BT_LABEL_USB_SAFE];
        m->ok = true;
        m->seconds = 10;
        m->title = L[r->status == BT_IMPORT_LOADED ? BT_LABEL_USB_LOADED : BT_LABEL_USB_ALREADY];
        break;
    case BT_IMPORT_INVALID:
        /* Two, whole: on a 720-line screen three long ones would not fit
         * (errors.txt has them all). */
        for (int i = 0; i < r->n_problems && n < 2; i++)
            m->lines[n++] = r->problems[i];
        if (r->errors_written)
            m->lines[n++] = L[BT_LABEL_USB_ERRORS_FILE];
        m->title = L[BT_LABEL_USB_REFUSED];
        break;
    case BT_IMPORT_UNAUTHORISED:
        for (int i = 0; i < r->n_problems && n < 3; i++)
            m->lines[n++] = r->problems[i];
        m->title = L[BT_LABEL_USB_UNAUTHORISED];
        break;
    case BT_IMPORT_ABORTED:
        m->title = L[BT_LABEL_USB_ABORTED];
        break;
    case BT_IMPORT_FAILED:
        if (r->read_only)
            m->title = L[BT_LABEL_USB_READ_ONLY];
        break;
    }
    m->n_lines = n;
}
