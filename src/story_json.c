/* story_json.c: a parsed story -> one JSON object, the output of `dyad parse`. */
#include "internal.h"

#include <string.h>

static int put_u64(dyad_buf *b, uint64_t v) {
    char d[20];
    return dyad_buf_append(b, d, buf_u64_digits(v, d));
}

static int put_str_or_null(dyad_buf *b, const char *s) {
    return s ? dyad_buf_json_string(b, s, strlen(s)) : dyad_buf_append(b, "null", 4);
}

static int put_date(dyad_buf *b, int32_t date) {
    char d[11];
    if (!date || !dyad_date_format(date, d)[0]) return dyad_buf_append(b, "null", 4);
    return dyad_buf_json_string(b, d, 10);
}

#define PUT(x)                                                                                     \
    do {                                                                                           \
        if ((x) != DYAD_OK) return DYAD_ENOMEM;                                                    \
    } while (0)
#define LIT(s) PUT(dyad_buf_append(b, s, sizeof s - 1))

int dyad_story_write_json(dyad_buf *b, const dyad_story *s) {
    if (!b || !s) return DYAD_EINVAL;
    LIT("{\"id\":");
    PUT(put_str_or_null(b, s->id));
    LIT(",\"date\":");
    PUT(put_date(b, s->date));
    LIT(",\"date_source\":");
    PUT(put_str_or_null(b, s->date ? s->date_source : NULL));
    LIT(",\"date_evidence\":");
    PUT(put_str_or_null(b, s->date ? s->date_evidence : NULL));
    LIT(",\"headline\":");
    PUT(put_str_or_null(b, s->headline));
    LIT(",\"dateline\":");
    if (s->dateline_place || s->dateline_agency) {
        LIT("{\"place\":");
        PUT(put_str_or_null(b, s->dateline_place));
        LIT(",\"agency\":");
        PUT(put_str_or_null(b, s->dateline_agency));
        LIT("}");
    } else {
        LIT("null");
    }
    if (s->url) {
        LIT(",\"url\":");
        PUT(put_str_or_null(b, s->url));
    }
    if (s->publisher) {
        LIT(",\"publisher\":");
        PUT(put_str_or_null(b, s->publisher));
    }
    LIT(",\"sentences\":[");
    for (size_t i = 0; i < s->n_sentences; i++) {
        const dyad_sentence *x = &s->sentences[i];
        if (i) LIT(",");
        LIT("{\"index\":");
        PUT(put_u64(b, x->index));
        LIT(",\"text\":");
        PUT(dyad_buf_json_string(b, x->text, x->text_len));
        LIT(",\"start\":");
        PUT(put_u64(b, x->start));
        LIT(",\"end\":");
        PUT(put_u64(b, x->end));
        if (x->date) {
            LIT(",\"date\":");
            PUT(put_date(b, x->date));
            if (x->date_precision == DYAD_DATE_MONTH) LIT(",\"date_precision\":\"month\"");
            if (x->date_precision == DYAD_DATE_YEAR) LIT(",\"date_precision\":\"year\"");
        }
        if (x->flags & DYAD_SENT_HEADLINE) LIT(",\"headline\":true");
        if (x->flags & DYAD_SENT_QUOTE) LIT(",\"quote\":true");
        if (x->flags & DYAD_SENT_SKIPPED) LIT(",\"skipped\":true");
        LIT("}");
    }
    LIT("],\"removed\":[");
    for (size_t i = 0; i < s->n_removed; i++) {
        const dyad_removal *r = &s->removed[i];
        if (i) LIT(",");
        LIT("{\"text\":");
        PUT(put_str_or_null(b, r->text));
        LIT(",\"reason\":");
        PUT(put_str_or_null(b, r->reason));
        LIT(",\"start\":");
        PUT(put_u64(b, r->start));
        LIT(",\"end\":");
        PUT(put_u64(b, r->end));
        LIT("}");
    }
    LIT("]");
    if (s->invalid_bytes) {
        LIT(",\"invalid_bytes\":");
        PUT(put_u64(b, s->invalid_bytes));
    }
    LIT("}");
    return DYAD_OK;
}
