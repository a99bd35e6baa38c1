/* fuzz_jsonl.c: libFuzzer target checking the reader's JSONL record scanner against
 * jansson: for any one valid-UTF-8 line, the reader yields a record exactly when jansson
 * decodes an object with a usable text, and with the same text, id, title and url. */
#include "dyad.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct got {
    int n;
    char *text, *id, *title, *url;
    size_t text_len;
} got;

static int on_record(void *ud, const dyad_record *rec) {
    got *g = ud;
    g->n++;
    g->text = malloc(rec->text_len + 1);
    if (!g->text) abort();
    memcpy(g->text, rec->text, rec->text_len);
    g->text_len = rec->text_len;
    g->id = strdup(rec->id);
    g->title = rec->headline ? strdup(rec->headline) : NULL;
    g->url = rec->url ? strdup(rec->url) : NULL;
    return DYAD_OK;
}

static json_t *first(json_t *o, const char *const *keys) {
    for (; *keys; keys++) {
        json_t *v = json_object_get(o, *keys);
        if (v && !json_is_null(v)) return v;
    }
    return NULL;
}

static int valid_utf8(const unsigned char *s, size_t n) {
    json_t *j = json_stringn((const char *)s, n); /* jansson validates UTF-8 here */
    if (!j) return 0;
    json_decref(j);
    return 1;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    if (!size || memchr(data, '\n', size) || memchr(data, 0, size) || !valid_utf8(data, size))
        return 0;
    if (size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) return 0;
    got g = {0};
    dyad_read_options opt = {.format = DYAD_FORMAT_JSONL, .date = 0, .diag = NULL, .diag_ud = NULL};
    dyad_read_buffer("f.jsonl", (const char *)data, size, &opt, on_record, &g, NULL);

    static const char *const k_text[] = {"text", "body", "content", NULL};
    static const char *const k_id[] = {"id", "story_id", "aid", NULL};
    static const char *const k_title[] = {"title", "headline", NULL};
    static const char *const k_url[] = {"url", "link", NULL};
    json_error_t err;
    json_t *o = json_loadb((const char *)data, size, JSON_ALLOW_NUL, &err);
    int want = 0;
    json_t *text = NULL;
    if (o && json_is_object(o)) {
        text = first(o, k_text);
        if (text && json_is_string(text) && json_string_length(text) <= DYAD_MAX_STORY_BYTES) {
            const char *t = json_string_value(text);
            size_t i0 = 0; /* a leading byte-order mark counts as blank, as in the reader */
            if (json_string_length(text) >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3)) i0 = 3;
            for (size_t i = i0; i < json_string_length(text); i++)
                if (!strchr(" \t\r\n\f\v", t[i]) || !t[i]) want = 1;
        }
    }
    if (g.n != want) abort();
    if (want) {
        if (g.text_len != json_string_length(text) || memcmp(g.text, json_string_value(text), g.text_len))
            abort();
        json_t *id = first(o, k_id);
        if (id && json_is_string(id) && json_string_value(id)[0] && strcmp(json_string_value(id), g.id))
            abort();
        json_t *ti = first(o, k_title);
        const char *tv = ti && json_is_string(ti) ? json_string_value(ti) : NULL;
        if ((tv == NULL) != (g.title == NULL) || (tv && strcmp(tv, g.title))) abort();
        json_t *u = first(o, k_url);
        const char *uv = u && json_is_string(u) ? json_string_value(u) : NULL;
        if ((uv == NULL) != (g.url == NULL) || (uv && strcmp(uv, g.url))) abort();
    }
    json_decref(o);
    free(g.text);
    free(g.id);
    free(g.title);
    free(g.url);
    return 0;
}
