/* progress.c: the one progress line of `dyad code`, `ingest` and `recode`: stories done
 * (of the total when it is known, with ETA), rate and events, redrawn in place on stderr;
 * messages printed meanwhile erase it first, so they get lines of their own. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "progress.h"

#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static cli_progress *drawn; /* the progress whose line is on the terminal now */

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, int on, uint64_t total, int total_stories) {
    memset(p, 0, sizeof *p);
    p->on = on;
    p->total = total;
    p->total_stories = total_stories;
    p->t0 = now();
}

static void put_duration(double s) {
    unsigned long t = s > 0 ? (unsigned long)(s + 0.5) : 0;
    if (t >= 3600) fprintf(stderr, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else fprintf(stderr, "%lu:%02lu", t / 60, t % 60);
}

void cli_progress_show(cli_progress *p, uint64_t stories, uint64_t done, uint64_t events,
                       int force) {
    if (!p->on) return;
    double t = now();
    if (!force && t - p->last < 0.25) return;
    p->last = t;
    double el = t - p->t0 > 1e-6 ? t - p->t0 : 1e-6;
    fprintf(stderr, "\r\033[K%llu stories", (unsigned long long)stories);
    if (p->total) {
        /* done may overshoot an estimated total (bytes of text vs bytes of files) */
        double share = done < p->total ? (double)done / (double)p->total : 1.0;
        if (p->total_stories) fprintf(stderr, " of %llu", (unsigned long long)p->total);
        else fprintf(stderr, " (%.1f of %.1f MB)", (double)done / 1e6, (double)p->total / 1e6);
        fprintf(stderr, ", %.0f%%", 100.0 * share);
    }
    fprintf(stderr, ", %.0f stories/s, %llu events", (double)stories / el, (unsigned long long)events);
    if (p->total && done && done < p->total) {
        fputs(", ETA ", stderr);
        put_duration((double)(p->total - done) * el / (double)done);
    }
    fflush(stderr);
    drawn = p;
}

void cli_progress_clear(void) {
    if (!drawn) return;
    fputs("\r\033[K", stderr);
    drawn->last = 0; /* draw again at the next show */
    drawn = NULL;
}

void cli_progress_end(cli_progress *p, int keep) {
    if (drawn == p) {
        if (keep) fputc('\n', stderr);
        else fputs("\r\033[K", stderr);
        drawn = NULL;
    }
    p->on = 0;
}

static uint64_t walked;
static int add_size(const char *path, const struct stat *sb, int type, struct FTW *f) {
    (void)path;
    (void)f;
    if (type == FTW_F) walked += (uint64_t)sb->st_size;
    return 0;
}

uint64_t cli_progress_input_bytes(char *const *paths, int n) {
    uint64_t total = 0;
    for (int i = 0; i < n; i++) {
        struct stat sb;
        if (!strcmp(paths[i], "-") || stat(paths[i], &sb) != 0) return 0;
        if (S_ISDIR(sb.st_mode)) {
            walked = 0;
            if (nftw(paths[i], add_size, 16, FTW_PHYS) != 0) return 0;
            total += walked;
        } else {
            total += (uint64_t)sb.st_size;
        }
    }
    return total;
}
