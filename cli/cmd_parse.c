/* cmd_parse.c: `dyad parse` (not written yet). */
#include "cli.h"

int cmd_parse(int argc, char **argv) {
    (void)argc;
    cli_error(argv[0], "not implemented yet");
    return CLI_EXIT_FATAL;
}
