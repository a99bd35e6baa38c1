/* cmd_events.c: `dyad events` (not written yet). */
#include "cli.h"

int cmd_events(int argc, char **argv) {
    (void)argc;
    cli_error(argv[0], "not implemented yet");
    return CLI_EXIT_FATAL;
}
