/* stick_guide.c: bangtin/HUONG-DAN.txt on a paired stick (stick_guide.h). */
#include "stick_guide.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/fsio.h"
#include "base/i18n.h"

/* The guide's paragraphs, in English here and in the office's language on
 * the stick; each becomes one line of the file. */
static const char *const paragraphs[] = {
    N_("HOW TO SHOW CONTENT ON THE NOTICE BOARD WITH THIS USB STICK"),
    "",
    N_("1. Keep this folder, bangtin, and the file kiosk.key in it: it is this stick's key to "
       "the notice board. A stick without it is refused."),
    N_("2. Copy into this folder the pictures (PNG or JPEG), the PDF files and the videos (MP4) "
       "to show. They play in the order of their names, as Windows sorts them: Slide2 before "
       "Slide10. Each picture and each PDF page fills the screen."),
    N_("3. A PowerPoint presentation cannot be played as it is: in PowerPoint choose File, "
       "Export, PNG, All slides, and copy the pictures it makes into this folder."),
    N_("4. To give slides titles, times and topics, the technician can add a file "
       "playlist.yaml to this folder."),
    N_("5. Plug the stick into the notice board. Within a few seconds the screen says whether "
       "the content was loaded. When it was not, open the file errors.txt in this folder: it "
       "says what to fix and where, for example “playlist.yaml, line 10, column 12”."),
    N_("6. When the screen says “Done: the USB stick can be pulled out”, pull it out. The "
       "content stays on the notice board."),
    N_("Each time the stick is plugged in, the notice board also writes its play report (how "
       "many times each slide was shown) into the folder reports, for the office's report "
       "upward."),
};

static bool fill(FILE *f)
{
    fputs("\xEF\xBB\xBF", f);
    for (size_t i = 0; i < sizeof paragraphs / sizeof *paragraphs; i++)
        fprintf(f, "%s\r\n", paragraphs[i][0] ? P_(paragraphs[i]) : "");
    return !ferror(f);
}

bool bt_stick_guide_write(const char *dir, char *err, size_t errsize)
{
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        snprintf(err, errsize, _("cannot open %s: %s"), dir, strerror(errno));
        return false;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, ".%s.%ld.tmp", BT_STICK_GUIDE_FILE, (long)getpid());
    int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    bool ok = f && fill(f) && fflush(f) == 0 && fsync(fileno(f)) == 0;
    int e = errno;
    if (f ? fclose(f) != 0 : (fd >= 0 && close(fd) != 0))
        ok = false;
    if (ok && renameat(dirfd, tmp, dirfd, BT_STICK_GUIDE_FILE) != 0) {
        e = errno;
        ok = false;
    }
    if (!ok) {
        unlinkat(dirfd, tmp, 0);
        snprintf(err, errsize, _("cannot write %s/%s: %s"), dir, BT_STICK_GUIDE_FILE, strerror(e));
    } else {
        bt_fsync_dir(dirfd);
    }
    close(dirfd);
    return ok;
}
