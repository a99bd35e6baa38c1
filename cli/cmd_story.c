/* cmd_story.c: `dyad story` (not written yet). */
#include "cli.h"

int cmd_story(int argc, char **argv) {
    (void)argc;
    cli_error(argv[0], "not implemented yet");
    return CLI_EXIT_FATAL;
}
