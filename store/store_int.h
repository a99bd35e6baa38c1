/* store_int.h: what the store's files (store.c, query.c, recode.c) share: the handle,
 * error reporting, cached statements and the schema's helpers. */
#ifndef DYAD_STORE_INT_H
#define DYAD_STORE_INT_H

#include "internal.h"

#include <sqlite3.h>

/* Cached prepared statements, one slot each. */
enum store_stmt {
    SQ_STORY_BY_ID, SQ_STORY_BY_HASH, SQ_STORY_INSERT, SQ_STORY_SET_GROUP, SQ_LSH_FIND,
    SQ_LSH_INSERT, SQ_MINHASH_GET, SQ_SENT_INSERT, SQ_FTS_INSERT, SQ_EVENT_INSERT,
    SQ_EVENT_FETCH, SQ_EVENT_COUNTS, SQ_DAY_COUNT, SQ_STORY_LOAD, SQ_SENT_LOAD, SQ_EVENTS_OF_STORY,
    SQ__COUNT
};

struct dyad_store {
    sqlite3 *db;
    int readonly;
    int in_batch;
    char err[1024];
    sqlite3_stmt *stmt[SQ__COUNT];
    char info_ver[256], info_prev[256];
    char meta_ver[256]; /* dict_version last written to meta by this handle */
};

/* Records "what: sqlite's message" as the error and returns DYAD_EDB. */
int store_dberr(dyad_store *st, const char *what);
/* Records a formatted message and returns code. */
int store_fail(dyad_store *st, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The cached statement for slot, prepared from sql on first use and reset for reuse;
 * NULL on error (recorded). */
sqlite3_stmt *store_stmt(dyad_store *st, enum store_stmt slot, const char *sql);
/* Runs SQL without results; DYAD_OK or DYAD_EDB. */
int store_exec(dyad_store *st, const char *sql);

/* Binds a string, or NULL for NULL/"" when empty_is_null. */
void store_bind_text(sqlite3_stmt *s, int i, const char *v);

/* Inserts events for a story into `table` ("events"), rules as JSON. */
int store_insert_events(dyad_store *st, int64_t story_key, int64_t group, const dyad_event *ev,
                        size_t n);

/* Loads a stored story (and its sentences) into arena a; fills *s. */
int store_load_story(dyad_store *st, int64_t key, arena *a, dyad_story *s, int64_t *group,
                     const char **dict_version);
/* Loads the current events of a story into arena a. */
int store_load_events(dyad_store *st, int64_t key, const char *story_id, const dyad_story *s,
                      arena *a, dyad_event **out, size_t *n);
/* Parses a rules JSON array into arena a. */
int store_parse_rules(const char *json, arena *a, const dyad_rule **out, size_t *n);

/* meta table: set a key, read one into buf ("" when absent). */
int store_set_meta(dyad_store *st, const char *key, const char *value);
int store_meta_text(dyad_store *st, const char *key, char *buf, size_t cap);

/* Date helpers independent of the rest of the library. */
int32_t store_date_add(int32_t date, int32_t days);
int store_date_weekday(int32_t date);

#endif
