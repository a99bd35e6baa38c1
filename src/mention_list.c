/* mention_list.c: the sentence's list of actor mentions kept in token order with its
 * per-token index (ss->mention_at). Both mention.c, which finds the mentions, and
 * coref.c, which appends the pronouns' mentions, rebuild it here, so that the
 * dependency between the two goes one way (mention.c -> coref.c -> mention_list.c). */
#include "coder_int.h"

void mention_sort(syn_sentence *ss) {
    size_t n = ss->n;
    /* Mentions in token order (pronouns were appended). */
    for (size_t i = 1; i < ss->nm; i++) {
        syn_mention tmp = ss->m[i];
        size_t j = i;
        while (j > 0 && ss->m[j - 1].first > tmp.first) {
            ss->m[j] = ss->m[j - 1];
            j--;
        }
        ss->m[j] = tmp;
    }
    for (size_t i = 0; i < n; i++) ss->mention_at[i] = -1;
    for (size_t k = 0; k < ss->nm; k++)
        for (uint32_t t = ss->m[k].first; t < ss->m[k].last; t++)
            if (ss->mention_at[t] < 0) ss->mention_at[t] = (int32_t)k;
}
