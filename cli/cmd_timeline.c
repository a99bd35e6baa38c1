/* cmd_timeline.c: `dyad timeline` (not written yet). */
#include "cli.h"

int cmd_timeline(int argc, char **argv) {
    (void)argc;
    cli_error(argv[0], "not implemented yet");
    return CLI_EXIT_FATAL;
}
