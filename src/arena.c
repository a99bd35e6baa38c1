/* arena.c: a chunked bump allocator; one per story, released in one go. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    arena_chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    max_align_t data[]; /* aligned payload */
};

#define ARENA_ALIGN 16u
#define ARENA_DEFAULT_CHUNK (64u * 1024u)

static size_t align_up(size_t n) { return (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1); }

void *arena_alloc(arena *a, size_t n) {
    if (n == 0) n = 1;
    if (n > SIZE_MAX / 2) return NULL;
    n = align_up(n);
    arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t want = a->chunk_size ? a->chunk_size : ARENA_DEFAULT_CHUNK;
        if (want < n) want = n;
        c = malloc(sizeof(arena_chunk) + want);
        if (!c) return NULL;
        c->size = want;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

void *arena_calloc(arena *a, size_t n, size_t size) {
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = arena_alloc(a, n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
    char *p = arena_alloc(a, n + 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void *arena_grow(arena *a, void *arr, size_t n, size_t *cap, size_t size) {
    if (n < *cap) return arr;
    if (*cap > SIZE_MAX / 2) return NULL;
    void *bigger = arena_calloc(a, *cap * 2, size);
    if (!bigger) return NULL;
    if (n) memcpy(bigger, arr, n * size);
    *cap *= 2;
    return bigger;
}

void arena_reset(arena *a) {
    arena_chunk *c = a->head;
    if (!c) return;
    /* Keep the oldest (last in the list) chunk of the default size; free the rest. */
    arena_chunk *keep = NULL;
    while (c) {
        arena_chunk *next = c->next;
        if (!next && c->size == (a->chunk_size ? a->chunk_size : ARENA_DEFAULT_CHUNK)) {
            keep = c;
        } else {
            free(c);
        }
        c = next;
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
}

void arena_free(arena *a) {
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}
