/* fuzz_store.c: libFuzzer target for storing stories: any bytes, read as a plain-text
 * story under one of four ids, parsed and stored twice in one SQLite store that lives
 * for the whole run. Checks what dyad_store_add promises: a story is added exactly when
 * neither its id nor its cleaned body is stored (the story count grows by one then, by
 * nothing otherwise), a stored id with another body is refused and never added, and the
 * same story again is always a duplicate of its id. */
#include "dyad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static dyad_store *st;
static unsigned inputs;
static char path[] = "/tmp/dyad-fuzz-store-XXXXXX";

static void remove_store(void) {
    char p[sizeof path + 8];
    dyad_store_close(st);
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static uint64_t stories(void) {
    dyad_store_info info;
    if (dyad_store_get_info(st, &info) != DYAD_OK) abort();
    return info.stories;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    if (size < 1) return 0;
    if (!st) {
        int fd = mkstemp(path);
        if (fd < 0) abort();
        close(fd);
        unlink(path);
        if (dyad_store_open(path, DYAD_STORE_CREATE, &st) != DYAD_OK) abort();
        atexit(remove_store);
        if (dyad_store_begin(st) != DYAD_OK) abort();
    }
    static const char *const ids[] = {"a", "b", "c", "d"};
    dyad_record rec = {0};
    rec.file = "fuzz";
    rec.line = 1;
    rec.id = ids[data[0] & 3];
    rec.date = 20200101 + (data[0] >> 2) % 28;
    rec.format = DYAD_FORMAT_TEXT;
    rec.text = (const char *)data + 1;
    rec.text_len = size - 1;
    dyad_story *s = NULL;
    if (dyad_story_parse(&rec, NULL, NULL, &s) != DYAD_OK) return 0;
    int known = dyad_store_has_story(st, rec.id);
    if (known < 0) abort();
    uint64_t before = stories();
    dyad_store_result r;
    if (dyad_store_add(st, s, NULL, 0, "fuzz", &r) != DYAD_OK) abort();
    uint64_t after = stories();
    if (after != before + (r == DYAD_STORE_ADDED)) abort();
    if (known && (r == DYAD_STORE_ADDED || r == DYAD_STORE_DUPLICATE_TEXT)) abort();
    if (!known && (r == DYAD_STORE_DUPLICATE_ID || r == DYAD_STORE_CONFLICT_ID)) abort();
    if (r == DYAD_STORE_ADDED || r == DYAD_STORE_DUPLICATE_ID) {
        if (dyad_store_add(st, s, NULL, 0, "fuzz", &r) != DYAD_OK) abort();
        if (r != DYAD_STORE_DUPLICATE_ID || stories() != after) abort();
    }
    dyad_story_free(s);
    if (++inputs % 256 == 0 && (dyad_store_commit(st) != DYAD_OK || dyad_store_begin(st) != DYAD_OK))
        abort();
    return 0;
}
