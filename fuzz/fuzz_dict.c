/* fuzz_dict.c: libFuzzer target: one buffer loaded as a dictionary in each format (dyad's,
 * with every %kind, and the community actor, agent, verb and discard formats), then used. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const prefixes[] = {
    "", /* as given: the format is detected from the content */
    "%version f\n%kind actors\n",   "%version f\n%kind people\n",
    "%version f\n%kind agents\n",   "%version f\n%kind verbs\n",
    "%version f\n%kind discards\n", "%version f\n%kind event-codes\n",
    "%version f\n%kind actor-codes\n", "%version f\n%kind irregular-verbs\n",
};
static const char *const names[] = {"fuzz.txt", "fuzz.txt", "fuzz.txt", "fuzz.txt", "fuzz.txt",
                                    "fuzz.txt", "fuzz.txt", "fuzz.txt", "fuzz.txt"};
static const char *const community[] = {"Fuzz.actors.txt", "Fuzz.agents.txt", "Fuzz.verbs.txt",
                                        "Fuzz.discards.txt"};

static void use(const dyad_dict *d) {
    dyad_actor_match m;
    dyad_dict_lookup(d, "South Korean President Moon Jae-in", 20190924, &m);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    arena a = {0};
    tok *t;
    size_t n;
    const char *s = "The U.S. met North Korea's troops and held talks.";
    if (tok_split(&a, s, 0, (uint32_t)strlen(s), &t, &n) == DYAD_OK) {
        for (size_t i = 0; i < n; i++) {
            const dict_actor *hit;
            dict_match_actor(d, t, n, i, &hit);
            dict_verb vb;
            size_t np = dict_verb_patterns(d, &t[i], &vb);
            for (size_t k = 0; k < np; k++) /* each pattern's word sets are in order */
                if (vb.pats[k] == NULL || vb.need_start[k] > vb.need_start[k + 1]) abort();
            size_t k;
            dict_discard_match(d, t, n, i, &k, NULL);
        }
    }
    arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 1u << 20) return 0;
    for (size_t f = 0; f < sizeof prefixes / sizeof prefixes[0] + 4; f++) {
        const char *pre = f < 9 ? prefixes[f] : "";
        const char *name = f < 9 ? names[f] : community[f - 9];
        size_t pl = strlen(pre);
        char *buf = malloc(pl + size + 1);
        if (!buf) return 0;
        memcpy(buf, pre, pl);
        memcpy(buf + pl, data, size);
        dyad_dict *d = NULL;
        if (dict_open_buffer(name, buf, pl + size, NULL, &d) == DYAD_OK) {
            use(d);
            dyad_dict_free(d);
        }
        free(buf);
    }
    /* the tokenizer on the same bytes */
    arena a = {0};
    tok *t;
    size_t n;
    if (size <= DYAD_MAX_SENTENCE_BYTES) tok_split(&a, (const char *)data, 0, (uint32_t)size, &t, &n);
    arena_free(&a);
    return 0;
}
