/* cmd_serve.c: `dyad serve` (not written yet). */
#include "cli.h"

int cmd_serve(int argc, char **argv) {
    (void)argc;
    cli_error(argv[0], "not implemented yet");
    return CLI_EXIT_FATAL;
}
