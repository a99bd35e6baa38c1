"""The C API of libdyad (include/dyad.h) as cffi sees it, and the loaded library.

ABI mode: nothing is compiled; the declarations below must match dyad.h exactly
(python/tests/test_abi.py checks every struct's size and field offsets against a C
compiler's). The library is found, in order: $DYAD_LIB (a path to libdyad.so); beside
an installed package (PREFIX/lib/python3/dist-packages/dyad -> PREFIX/lib); the build
tree of a source checkout (python/dyad -> build/); the system's loader (libdyad.so.0).
"""
from __future__ import annotations

import os
from pathlib import Path

from cffi import FFI

CDEF = r"""
enum {
    DYAD_OK = 0, DYAD_ENOMEM = -1, DYAD_EIO = -2, DYAD_EINVAL = -3, DYAD_EFORMAT = -4,
    DYAD_ELIMIT = -5, DYAD_EENCODING = -6, DYAD_EEMPTY = -7, DYAD_EDB = -8,
    DYAD_ENOTFOUND = -9, DYAD_EBINARY = -10,
};
const char *dyad_strerror(int err);
const char *dyad_version(void);

typedef enum { DYAD_DIAG_NOTE = 0, DYAD_DIAG_WARNING = 1, DYAD_DIAG_ERROR = 2 } dyad_severity;
typedef struct dyad_diag {
    dyad_severity severity;
    const char *file;
    uint64_t line;
    const char *message;
} dyad_diag;
typedef void (*dyad_diag_fn)(void *ud, const dyad_diag *d);

int dyad_date_parse(const char *s, size_t len, int32_t *out);

typedef enum {
    DYAD_FORMAT_AUTO = 0, DYAD_FORMAT_TEXT, DYAD_FORMAT_JSONL, DYAD_FORMAT_XML,
    DYAD_FORMAT_CSV, DYAD_FORMAT_TSV,
} dyad_format;
typedef struct dyad_record {
    const char *file;
    uint64_t line;
    const char *id;
    int32_t date;
    const char *headline;
    const char *url;
    const char *publisher;
    const char *text;
    size_t text_len;
    dyad_format format;
    const char *date_source;
    int no_date_inference;
} dyad_record;
typedef int (*dyad_record_fn)(void *ud, const dyad_record *rec);
typedef struct dyad_read_options {
    dyad_format format;
    int32_t date;
    dyad_diag_fn diag;
    void *diag_ud;
    const char *const *fields;
    size_t n_fields;
    int no_date_inference;
} dyad_read_options;
int dyad_read_path(const char *path, const dyad_read_options *opt, dyad_record_fn fn,
                   void *ud, uint64_t *skipped);
int dyad_read_buffer(const char *name, const char *data, size_t len,
                     const dyad_read_options *opt, dyad_record_fn fn, void *ud,
                     uint64_t *skipped);

typedef struct dyad_sentence {
    uint32_t index;
    uint32_t start;
    uint32_t end;
    const char *text;
    size_t text_len;
    int32_t date;
    unsigned flags;
    int date_precision;
} dyad_sentence;
typedef struct dyad_removal {
    uint32_t start;
    uint32_t end;
    const char *text;
    const char *reason;
} dyad_removal;
typedef struct dyad_story {
    const char *id;
    const char *file;
    uint64_t line;
    int32_t date;
    const char *headline;
    const char *dateline_place;
    const char *dateline_agency;
    const char *url;
    const char *publisher;
    const char *text;
    size_t text_len;
    size_t n_sentences;
    const dyad_sentence *sentences;
    size_t n_removed;
    const dyad_removal *removed;
    size_t invalid_bytes;
    size_t skipped_sentences;
    const char *date_source;
    const char *date_evidence;
    int32_t date_sentence;
} dyad_story;
int dyad_story_parse(const dyad_record *rec, dyad_diag_fn diag, void *diag_ud, dyad_story **out);
void dyad_story_free(dyad_story *s);

typedef struct dyad_dict dyad_dict;
typedef struct dyad_dict_options {
    int strict;
    dyad_diag_fn diag;
    void *diag_ud;
} dyad_dict_options;
int dyad_dict_open(const char *const *paths, size_t n_paths, const dyad_dict_options *opt,
                   dyad_dict **out);
void dyad_dict_free(dyad_dict *d);
const char *dyad_dict_default_dir(void);
const char *dyad_dict_version(const dyad_dict *d);

typedef struct dyad_span { uint32_t start; uint32_t end; } dyad_span;
typedef struct dyad_place {
    int precision;
    const char *name;
    const char *full_name;
    const char *country;
    const char *country2;
    const char *adm1;
    const char *region;
    double lat, lon;
    uint32_t feature_id;
    const char *text;
    const char *from;
    dyad_span span;
} dyad_place;

typedef struct dyad_coder dyad_coder;
enum { DYAD_STATEMENTS_NONE = 0, DYAD_STATEMENTS_ALL = 1, DYAD_STATEMENTS_FALLBACK = 2 };
typedef struct dyad_coder_options {
    int require_dyad;
    int one_a_story;
    int code_statements;
    int keep_discarded;
} dyad_coder_options;
void dyad_coder_options_init(dyad_coder_options *opt);
typedef struct dyad_rule {
    const char *kind;
    const char *file;
    uint64_t line;
    const char *text;
} dyad_rule;
typedef struct dyad_event {
    const char *story;
    uint32_t sentence;
    int32_t date;
    int date_precision;
    char source[32];
    char target[32];
    const char *source_text;
    const char *target_text;
    char code[8];
    int root;
    int quad_class;
    double goldstein;
    const char *location;
    const char *location_country;
    const char *text;
    dyad_span source_span, verb_span, target_span;
    size_t n_rules;
    const dyad_rule *rules;
    dyad_place place;
    dyad_place source_place, target_place;
    const char *url;
    int32_t story_date;
    const char *publisher;
    const char *code_name;
    const char *date_source;
} dyad_event;
int dyad_coder_new(const dyad_dict *dict, const dyad_coder_options *opt, dyad_coder **out);
void dyad_coder_free(dyad_coder *c);
int dyad_coder_run(dyad_coder *c, const dyad_story *s, const dyad_event **events,
                   size_t *n_events);
const char *dyad_coder_discard_reason(const dyad_coder *c);

typedef struct dyad_store dyad_store;
int dyad_store_open(const char *path, unsigned flags, dyad_store **out);
void dyad_store_close(dyad_store *st);
const char *dyad_store_errmsg(const dyad_store *st);
typedef struct dyad_store_info {
    int schema_version;
    uint64_t stories, groups, sentences, events;
    const char *dict_version;
    const char *previous_dict_version;
} dyad_store_info;
int dyad_store_get_info(dyad_store *st, dyad_store_info *info);
typedef struct dyad_store_query {
    int32_t from, to;
    const char *actor;
    const char *source;
    const char *target;
    const char *dyad_a, *dyad_b;
    const char *code;
    const char *text;
    int one_a_day;
    uint64_t limit;
    uint64_t offset;
    int32_t after_date;
    int64_t after_id;
    const char *country;
    double near_lat, near_lon, near_km;
    int bbox;
    double west, south, east, north;
} dyad_store_query;
typedef struct dyad_store_row {
    int64_t id;
    dyad_event event;
    uint64_t mentions, sources, articles;
    int64_t group;
    const char *publisher, *url, *dict_version;
} dyad_store_row;
typedef int (*dyad_store_event_fn)(void *ud, const dyad_store_row *row);
int dyad_store_query_events(dyad_store *st, const dyad_store_query *q, dyad_store_event_fn fn,
                            void *ud);
int dyad_store_count_events(dyad_store *st, const dyad_store_query *q, uint64_t *total);
typedef enum { DYAD_STORE_BY_DAY = 0, DYAD_STORE_BY_WEEK, DYAD_STORE_BY_MONTH } dyad_store_period;
typedef struct dyad_store_timeline_row {
    int32_t period;
    uint64_t quad[5];
    uint64_t events;
    double goldstein_sum, goldstein_mean;
    uint64_t stories;
    uint64_t total_stories;
} dyad_store_timeline_row;
typedef int (*dyad_store_timeline_fn)(void *ud, const dyad_store_timeline_row *row);
int dyad_store_timeline(dyad_store *st, const char *a, const char *b, dyad_store_period by,
                        int both_directions, int raw, const dyad_store_query *q,
                        dyad_store_timeline_fn fn, void *ud);
typedef struct dyad_store_story {
    dyad_story story;
    size_t n_events;
    const dyad_event *events;
    const char *dict_version;
    int64_t group;
    uint64_t group_size;
} dyad_store_story;
typedef struct dyad_store_strings {
    int32_t *codes;
    size_t n_values;
    int64_t *offsets;
    char *bytes;
} dyad_store_strings;
typedef struct dyad_store_columns {
    size_t n;
    int64_t *id;
    int32_t *date;
    int32_t *sentence;
    int8_t *root, *quad_class;
    double *goldstein;
    int64_t *source_start, *source_end, *verb_start, *verb_end, *target_start, *target_end;
    int8_t *place_precision;
    double *lat, *lon;
    int64_t *mentions, *sources, *articles, *group;
    dyad_store_strings story, source, target, code, source_text, target_text, location,
        location_country, text, place, place_country, url, publisher, dict_version;
    dyad_store_strings rules;
} dyad_store_columns;
int dyad_store_columns_fetch(dyad_store *st, const dyad_store_query *q, dyad_store_columns **out);
void dyad_store_columns_free(dyad_store_columns *c);
int dyad_store_story_fetch(dyad_store *st, const char *id, dyad_store_story **out);
void dyad_store_story_free(dyad_store_story *s);
"""

#: The structs whose layout test_abi.py compares with the C compiler's.
STRUCTS = (
    "dyad_diag", "dyad_record", "dyad_read_options", "dyad_sentence", "dyad_removal",
    "dyad_story", "dyad_dict_options", "dyad_coder_options", "dyad_span", "dyad_place", "dyad_rule",
    "dyad_event", "dyad_store_info", "dyad_store_query", "dyad_store_row",
    "dyad_store_timeline_row", "dyad_store_story", "dyad_store_strings", "dyad_store_columns",
)

STORE_READONLY = 0x1
STORE_CREATE = 0x2

ffi = FFI()
ffi.cdef(CDEF)


def _candidates() -> list[str]:
    here = Path(__file__).resolve().parent
    found = []
    env = os.environ.get("DYAD_LIB")
    if env:
        return [env]
    for p in (here.parents[2] / "libdyad.so.0",          # PREFIX/lib/python3/dist-packages/dyad
              here.parents[1] / "build" / "libdyad.so.0"):  # source tree: python/dyad
        if p.exists():
            found.append(str(p))
    found.append("libdyad.so.0")
    return found


def _load():
    errors = []
    for path in _candidates():
        try:
            return ffi.dlopen(path), path
        except OSError as e:
            errors.append(f"{path}: {e}")
    raise ImportError("dyad: cannot load libdyad.so (set DYAD_LIB to its path, or run `make`): "
                      + "; ".join(errors))


lib, LIBRARY_PATH = _load()
