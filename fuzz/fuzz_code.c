/* fuzz_code.c: libFuzzer target for the whole coder: bytes -> story -> events -> JSONL,
 * with dyad's own dictionaries (loaded once). The first byte picks the input format. */
#include "dyad.h"

#include <stdint.h>
#include <stdlib.h>

static dyad_dict *dict;
static dyad_coder *coder;

static int on_record(void *ud, const dyad_record *rec) {
    dyad_buf *out = ud;
    dyad_story *s = NULL;
    if (dyad_story_parse(rec, NULL, NULL, &s) != DYAD_OK) return DYAD_OK;
    const dyad_event *ev;
    size_t n;
    if (dyad_coder_run(coder, s, &ev, &n) == DYAD_OK)
        for (size_t i = 0; i < n; i++) {
            dyad_event_write_jsonl(out, &ev[i]);
            dyad_event_write_gdelt(out, &ev[i], i + 1);
        }
    dyad_buf rep = {0};
    if (s->n_sentences) dyad_coder_explain(coder, s, s->n_sentences - 1, &rep);
    dyad_buf_free(&rep);
    dyad_story_free(s);
    return DYAD_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!dict) {
        if (dyad_dict_open(NULL, 0, NULL, &dict) != DYAD_OK) abort();
        if (dyad_coder_new(dict, NULL, &coder) != DYAD_OK) abort();
    }
    if (size < 1) return 0;
    static const dyad_format fmts[] = {DYAD_FORMAT_TEXT, DYAD_FORMAT_JSONL, DYAD_FORMAT_XML};
    dyad_read_options opt = {.format = fmts[data[0] % 3], .date = 20190924, .diag = NULL, .diag_ud = NULL};
    dyad_buf out = {0};
    dyad_read_buffer("fuzz", (const char *)data + 1, size - 1, &opt, on_record, &out, NULL);
    dyad_buf_free(&out);
    return 0;
}
