/* fuzz_read.c: libFuzzer target for the reader: any bytes through dyad_read_buffer (every
 * format), dyad_story_parse and dyad_story_write_json, checking the span invariants. */
#include "dyad.h"

#include <stdlib.h>
#include <string.h>

static void check_story(const dyad_story *s) {
    if (strlen(s->text) != s->text_len) abort(); /* no NUL inside the text */
    for (size_t i = 0; i < s->n_sentences; i++) {
        const dyad_sentence *x = &s->sentences[i];
        if (x->start >= x->end || x->end > s->text_len || x->index != i) abort();
        if (strlen(x->text) != x->text_len) abort();
        if (i && x->start < s->sentences[i - 1].end) abort();
    }
    for (size_t i = 0; i < s->n_removed; i++)
        if (s->removed[i].start > s->removed[i].end || s->removed[i].end > s->text_len) abort();
}

static int on_record(void *ud, const dyad_record *rec) {
    (void)ud;
    dyad_story *s = NULL;
    if (dyad_story_parse(rec, NULL, NULL, &s) != DYAD_OK) return DYAD_OK;
    check_story(s);
    dyad_buf b = {0};
    if (dyad_story_write_json(&b, s) != DYAD_OK) abort();
    dyad_buf_free(&b);
    dyad_story_free(s);
    return DYAD_OK;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    if (size < 1) return 0;
    /* The first byte chooses the format (bits 0-2), the file name that AUTO sniffs (bits
     * 3-5), a --date (bit 6) and a --field mapping (bit 7). */
    static const dyad_format formats[] = {DYAD_FORMAT_AUTO, DYAD_FORMAT_TEXT, DYAD_FORMAT_JSONL,
                                          DYAD_FORMAT_XML,  DYAD_FORMAT_CSV,  DYAD_FORMAT_TSV,
                                          DYAD_FORMAT_AUTO, DYAD_FORMAT_XML};
    static const char *const names[] = {"story",     "story.jsonl", "story.xml", "story.txt",
                                        "story.csv", "story.tsv",   "story.sgm", "story.json"};
    static const char *const fields[] = {"text=a.b", "title=t", "id=0"};
    dyad_read_options opt = {.format = formats[data[0] & 7],
                             .date = (data[0] & 0x40) ? 20190924 : 0,
                             .fields = (data[0] & 0x80) ? fields : NULL,
                             .n_fields = (data[0] & 0x80) ? 3 : 0};
    uint64_t skipped = 0;
    dyad_read_buffer(names[(data[0] >> 3) & 7], (const char *)data + 1, size - 1, &opt, on_record,
                     NULL, &skipped);
    return 0;
}
