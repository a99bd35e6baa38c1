/* cmd_explain.c: `dyad explain` (not written yet). */
#include "cli.h"

int cmd_explain(int argc, char **argv) {
    (void)argc;
    cli_error(argv[0], "not implemented yet");
    return CLI_EXIT_FATAL;
}
