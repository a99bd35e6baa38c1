/* rulecache.c: the rules rows a store handle has seen, found both ways: by content
 * (kind, file, line, text) when events are written, by key when they are read. Memory
 * only: rules.c (SQLite) and pg.c (PostgreSQL) fill it from their own tables. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_bytes(uint64_t h, const char *s, size_t n) {
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = store_mix64(h ^ w);
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    return store_mix64(h ^ w ^ ((uint64_t)n << 56));
}

static uint64_t rule_hash(const char *kind, const char *file, uint64_t line, const char *text) {
    uint64_t h = hash_bytes(0x9e3779b97f4a7c15ull, kind, strlen(kind));
    h = hash_bytes(h, file, strlen(file));
    h = store_mix64(h ^ line);
    return hash_bytes(h, text, strlen(text));
}

static size_t key_slot(int64_t key, size_t slots) {
    return (size_t)store_mix64((uint64_t)key) & (slots - 1);
}

void rule_cache_clear(rule_cache *c) {
    for (size_t i = 0; i < c->n; i++) free(c->ents[i].kind);
    free(c->ents);
    free(c->by_content);
    free(c->by_key);
    memset(c, 0, sizeof *c);
}

static int rehash(rule_cache *c, size_t slots) {
    uint32_t *bc = calloc(slots, sizeof *bc), *bk = calloc(slots, sizeof *bk);
    if (!bc || !bk) {
        free(bc);
        free(bk);
        return DYAD_ENOMEM;
    }
    for (size_t i = 0; i < c->n; i++) {
        size_t j = (size_t)c->ents[i].hash & (slots - 1);
        while (bc[j]) j = (j + 1) & (slots - 1);
        bc[j] = (uint32_t)(i + 1);
        j = key_slot(c->ents[i].key, slots);
        while (bk[j]) j = (j + 1) & (slots - 1);
        bk[j] = (uint32_t)(i + 1);
    }
    free(c->by_content);
    free(c->by_key);
    c->by_content = bc;
    c->by_key = bk;
    c->slots = slots;
    return DYAD_OK;
}

rule_ent *rule_cache_find(const rule_cache *c, const char *kind, const char *file, uint64_t line,
                          const char *text) {
    if (!c->slots) return NULL;
    uint64_t h = rule_hash(kind, file, line, text);
    for (size_t j = (size_t)h & (c->slots - 1); c->by_content[j]; j = (j + 1) & (c->slots - 1)) {
        rule_ent *e = &c->ents[c->by_content[j] - 1];
        if (e->hash == h && e->line == line && !strcmp(e->text, text) && !strcmp(e->kind, kind) &&
            !strcmp(e->file, file))
            return e;
    }
    return NULL;
}

rule_ent *rule_cache_key(const rule_cache *c, int64_t key) {
    if (!c->slots) return NULL;
    for (size_t j = key_slot(key, c->slots); c->by_key[j]; j = (j + 1) & (c->slots - 1)) {
        rule_ent *e = &c->ents[c->by_key[j] - 1];
        if (e->key == key) return e;
    }
    return NULL;
}

rule_ent *rule_cache_add(rule_cache *c, int64_t key, const char *kind, const char *file,
                         uint64_t line, const char *text) {
    rule_ent *old = rule_cache_key(c, key);
    if (old) return old;
    if (c->n >= RULE_CACHE_MAX) return NULL;
    if (2 * (c->n + 1) > c->slots && rehash(c, c->slots ? 2 * c->slots : 1024)) return NULL;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        rule_ent *e = realloc(c->ents, cap * sizeof *e);
        if (!e) return NULL;
        c->ents = e;
        c->cap = cap;
    }
    size_t lk = strlen(kind), lf = strlen(file), lt = strlen(text);
    char *mem = malloc(lk + lf + lt + 3);
    if (!mem) return NULL;
    rule_ent *e = &c->ents[c->n];
    e->kind = memcpy(mem, kind, lk + 1);
    e->file = memcpy(mem + lk + 1, file, lf + 1);
    e->text = memcpy(mem + lk + lf + 2, text, lt + 1);
    e->line = line;
    e->key = key;
    e->hash = rule_hash(kind, file, line, text);
    c->n++;
    size_t j = (size_t)e->hash & (c->slots - 1);
    while (c->by_content[j]) j = (j + 1) & (c->slots - 1);
    c->by_content[j] = (uint32_t)c->n;
    j = key_slot(key, c->slots);
    while (c->by_key[j]) j = (j + 1) & (c->slots - 1);
    c->by_key[j] = (uint32_t)c->n;
    return e;
}
