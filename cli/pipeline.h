/* pipeline.h: read stories from paths, process them on N threads, consume the results
 * in input order. Shared by `dyad code` and `dyad ingest`. */
#ifndef DYAD_CLI_PIPELINE_H
#define DYAD_CLI_PIPELINE_H

#include "cli.h"

#include <stdint.h>

#define PIPELINE_BATCH 512u /* stories handed to the workers at a time */

/* One story's job: the record (owned copy), and what the worker produced. */
typedef struct pipeline_job {
    dyad_record rec;
    uint64_t seq;      /* 0-based position of the story in the input */
    dyad_buf out;      /* the worker's output for this story */
    dyad_buf diag;     /* diagnostics, already formatted, printed in order */
    uint64_t sentences, events;
    int skipped;       /* the story could not be used (reason in diag) */
    unsigned warnings; /* warnings and errors among the diagnostics */
    int undated;       /* the story has no date: its events carry none */
    const char *discarded; /* discard reason, static string, or NULL */
    uint64_t sentences_discarded; /* sentences read but not coded (named in diag) */
    void *result;      /* free for the worker to hand something to the consumer */
} pipeline_job;

/* Runs on a worker thread: wctx is that worker's context (made by make_worker). */
typedef void (*pipeline_work_fn)(void *wctx, pipeline_job *job);
/* Runs on the main thread, in input order. Return 0 to go on. */
typedef int (*pipeline_consume_fn)(void *ud, pipeline_job *job);

typedef struct pipeline {
    const char *const *paths;
    size_t n_paths;
    dyad_read_options read;   /* diag is set by the pipeline (formatted into the job or stderr) */
    unsigned threads;         /* 1 = no threads */
    void **worker_ctx;        /* threads + 1 entries: one per worker thread, and one for
                               * the main thread, which helps while it waits */
    pipeline_work_fn work;
    pipeline_consume_fn consume;
    void *ud;
    int progress;             /* print a progress line on stderr (cli/progress.h) */
    uint64_t bytes_total;     /* the input's size for the progress line; 0 = unknown */
    /* Totals, filled as the run goes. */
    uint64_t stories, skipped_records, skipped_stories, sentences, events, discarded;
    cli_reasons discard_reasons; /* the discarded stories by reason */
    uint64_t sentences_discarded; /* sentences of coded stories read but not coded */
    uint64_t read_errors;     /* diagnostics of severity error from the reader */
    uint64_t story_warnings;  /* stories with a warning or an error (invalid UTF-8, limits) */
    uint64_t undated;         /* stories without a date */
    uint64_t empty_paths;     /* paths that yielded no story (each named on stderr) */
} pipeline;

/* Returns 0, or -1 when a path could not be read at all or the consumer stopped. */
int pipeline_run(pipeline *p);

/* Formats a diagnostic into a job's diag buffer (a dyad_diag_fn; ud = pipeline_job). */
void pipeline_job_diag(void *ud, const dyad_diag *d);

#endif
