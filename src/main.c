/* main.c: parse the command line, run the mode it asks for, return its status. */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "commands.h"
#include "options.h"
#include "render/pdf.h"

int main(int argc, char **argv)
{
    /* bangtin started again by itself to read a PDF (render/pdf.h): not a
     * mode of the command line, and nothing of the player starts. */
    if (argc > 1 && strcmp(argv[1], BT_PDF_HELPER_ARG) == 0)
        return bt_pdf_helper_main(argc, argv);
    /* The technician's language and the catalogs, before any thread. */
    bt_i18n_init();
    bt_options o;
    char err[512];
    if (!bt_options_parse(argc, argv, &o, err, sizeof err)) {
        fprintf(stderr, _("bangtin: %s\n"), err);
        return 2;
    }
    return bt_cmd_run(&o);
}
