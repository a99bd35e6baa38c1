/* code_sentence.c: the smallest program over libdyad: load dyad's own dictionaries, code
 * one sentence, print the library's version, its data directory and the events.
 *   cc -o code_sentence examples/code_sentence.c $(pkg-config --cflags --libs dyad) */
#include <dyad.h>
#include <stdio.h>
#include <string.h>
int main(void) {
    dyad_dict *d = NULL;
    if (dyad_dict_open(NULL, 0, NULL, &d) != DYAD_OK) return 3;
    static const char text[] = "Japan condemned North Korea on Monday for firing two ballistic missiles.";
    dyad_record rec = {0};
    rec.file = "code_sentence"; rec.id = "example-1"; rec.date = 20190924;
    rec.text = text; rec.text_len = strlen(text);
    dyad_story *s = NULL;
    dyad_coder *c = NULL;
    const dyad_event *ev = NULL;
    size_t n = 0;
    if (dyad_story_parse(&rec, NULL, NULL, &s) || dyad_coder_new(d, NULL, &c) ||
        dyad_coder_run(c, s, &ev, &n)) return 4;
    printf("%s %s\n", dyad_version(), dyad_dict_default_dir());
    for (size_t i = 0; i < n; i++) printf("%s %s %s\n", ev[i].source, ev[i].code, ev[i].target);
    dyad_coder_free(c); dyad_story_free(s); dyad_dict_free(d);
    return 0;
}
