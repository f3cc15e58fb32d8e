/* pdf.h: pages of PDF documents (handbooks, decks saved as PDF) counted,
 * measured and drawn with poppler and cairo, one page at a time, at the
 * size it is shown, never the whole document.
 *
 * Why another process: the file is untrusted and poppler can be neither
 * interrupted nor bounded from inside (a page may take minutes; a huge
 * allocation aborts the process). So every reading of a PDF runs in a
 * helper process with a time limit (the parent kills it) and a memory limit
 * (RLIMIT_AS, RLIMIT_CPU), and hands back a few lines of text on a pipe and
 * the pixels in a shared memory file (memfd). The helper is this very
 * program, started again with posix_spawn() through /proc/self/exe and a
 * hidden first argument (bt_pdf_helper_main), rather than a fork() of the
 * player:
 * - the player has threads (the worker, SDL's, the watchers): after fork()
 *   only async-signal-safe calls are allowed until exec, and poppler, glib,
 *   fontconfig and malloc are not; a lock another thread held at that
 *   moment would hang the child. A new program starts clean.
 * - the memory limit then bounds the helper's own use alone, not a copy of
 *   the player's address space (its pictures, textures and caches);
 * - /proc/self/exe is exactly the binary that runs, even after an upgrade
 *   replaced the file on disk: no install path to find, no second binary to
 *   package, no version skew;
 * - posix_spawn is vfork-like: cheap whatever the player's size.
 * The cost is a program start per page (some 20 ms), small beside drawing.
 *
 * Everything here may run on the worker thread; nothing is shared. */
#ifndef BT_PDF_H
#define BT_PDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "base/values.h"

/* The hidden first argument that makes the program the helper. */
#define BT_PDF_HELPER_ARG "--internal-pdf-helper"

typedef struct {
    int n_pages;
    int n_sizes;  /* pages whose size is known: the first min(n_pages, BT_MAX_PDF_PAGES) */
    double *w, *h; /* each page's size in points (1/72 inch), rotation applied */
} bt_pdf_info;

/* Opens the PDF at path (within BT_MAX_PDF_BYTES, in the helper, within
 * BT_MAX_PDF_OPEN_MS) and reads its page count and page sizes into *out,
 * which the caller frees with bt_pdf_info_free. False with a plain-words
 * reason in err: not a PDF, protected by a password, damaged, too long to
 * open. */
bool bt_pdf_probe(const char *path, bt_pdf_info *out, char *err, size_t errsize);

void bt_pdf_info_free(bt_pdf_info *info);

/* A bt_load_options.pdf_pages (model/playlist_load.h): the page count of
 * the PDF at path, or -1 with the reason in err. ctx is unused. */
int bt_pdf_pages(void *ctx, const char *path, char *err, size_t errsize);

/* Page number page (1-based) of the PDF at path, fitted inside w x h
 * (contain, centred, on white paper) on a background of bg, as a new
 * opaque RGB888 surface of exactly w x h (the painter's format) that the
 * caller frees. Drawn in the helper within BT_MAX_PDF_PAGE_MS and
 * BT_MAX_PDF_MEMORY. NULL with a plain-words reason in err. */
SDL_Surface *bt_pdf_render(const char *path, int page, int w, int h, bt_color bg, char *err,
                           size_t errsize);

/* What --check's deep look at PDF pages spends: each page is drawn at
 * the size it takes in a w x h screen, within BT_MAX_PDF_PAGE_MS; all the
 * pages of one PDF by one helper, in turn. When budget_ms is spent, the
 * pages left are counted as unchecked, not drawn. */
typedef struct bt_pdf_check bt_pdf_check;

bt_pdf_check *bt_pdf_check_new(int w, int h, int64_t budget_ms);
void bt_pdf_check_free(bt_pdf_check *c);

/* The pages that were not drawn because the budget was spent. */
int bt_pdf_check_unchecked(const bt_pdf_check *c);

/* A bt_load_options.verify_pdf_page (ctx: a bt_pdf_check *, NULL for
 * 1920x1080 with BT_MAX_PDF_CHECK_MS for this one call). False with the
 * reason in err when the page cannot be drawn. */
bool bt_pdf_verify_page(void *ctx, const char *path, int page, char *err, size_t errsize);

/* The helper's main, called by main() when argv[1] is BT_PDF_HELPER_ARG:
 * sets its limits, opens the PDF on descriptor 3, answers on stdout and
 * draws into the shared memory on descriptor 4 (or, checking, into memory
 * of its own). Returns the exit status. */
int bt_pdf_helper_main(int argc, char **argv);

/* For tests, whose program is not bangtin: the program to start as the
 * helper instead of /proc/self/exe (NULL: back to it). Call it before any
 * PDF is read. */
void bt_pdf_set_helper(const char *exe);

/* For tests only: replaces the time bound of drawing a page and the
 * helper's memory (0 puts back those of bounds.h). Not thread-safe. */
void bt_pdf_set_bounds(int page_ms, long long memory);

#endif
