/* progress.h: the one progress line of `dyad code`, `ingest` and `recode` on stderr. */
#ifndef DYAD_CLI_PROGRESS_H
#define DYAD_CLI_PROGRESS_H

#include <stdint.h>

typedef struct cli_progress {
    int on;             /* draw at all (stderr is a terminal, or --progress) */
    uint64_t total;     /* what "done" counts up to: bytes of input, or stories; 0 = unknown */
    int total_stories;  /* total counts stories, not bytes */
    double t0, last;
} cli_progress;

/* Starts a progress line; on = 0 makes every call a no-op. */
void cli_progress_start(cli_progress *p, int on, uint64_t total, int total_stories);

/* Redraws the line (at most 4 times a second unless force): stories done, the share of
 * the total and ETA when the total is known (done: bytes, or stories), the rate, and
 * events. */
void cli_progress_show(cli_progress *p, uint64_t stories, uint64_t done, uint64_t events,
                       int force);

/* Erases the line being drawn, if any, so that a message gets a line of its own; the
 * next cli_progress_show draws it again. cli_diag and cli_error call it. */
void cli_progress_clear(void);

/* Ends the line: keep = 1 leaves it on the terminal (with a newline), 0 erases it. */
void cli_progress_end(cli_progress *p, int keep);

/* The bytes of the input paths (directories walked), or 0 when one is stdin ("-") or
 * cannot be read: the total for a progress line. */
uint64_t cli_progress_input_bytes(char *const *paths, int n);

#endif
