/* cmd_code.c: `dyad code` (not written yet). */
#include "cli.h"

int cmd_code(int argc, char **argv) {
    (void)argc;
    cli_error(argv[0], "not implemented yet");
    return CLI_EXIT_FATAL;
}
