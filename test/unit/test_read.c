/* test_read.c: the reader and the story parser under hostile input: every named limit,
 * binary and empty input, malformed records, directories, and the span invariant. */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a read produced: stories' ids and the diagnostics, one per line. */
typedef struct sink {
    dyad_buf ids;
    dyad_buf diags;
    int stories, parse_errors, last_parse_error;
    int stop_after; /* return 1 from the callback after this many stories (0 = never) */
} sink;

static void on_diag(void *ud, const dyad_diag *d) {
    sink *s = ud;
    char line[1400];
    snprintf(line, sizeof line, "%s:%llu: %s\n", d->file, (unsigned long long)d->line, d->message);
    dyad_buf_puts(&s->diags, line);
}

static int on_record(void *ud, const dyad_record *rec) {
    sink *s = ud;
    dyad_story *st = NULL;
    int r = dyad_story_parse(rec, on_diag, s, &st);
    if (r != DYAD_OK) {
        s->parse_errors++;
        s->last_parse_error = r;
        return DYAD_OK;
    }
    dyad_buf_puts(&s->ids, st->id);
    dyad_buf_puts(&s->ids, "\n");
    s->stories++;
    dyad_story_free(st);
    return s->stop_after && s->stories >= s->stop_after ? 1 : DYAD_OK;
}

static void sink_free(sink *s) {
    dyad_buf_free(&s->ids);
    dyad_buf_free(&s->diags);
}

static const char *diags(const sink *s) { return s->diags.data ? s->diags.data : ""; }
static const char *ids(const sink *s) { return s->ids.data ? s->ids.data : ""; }

static int read_buf(const char *name, const char *data, size_t len, dyad_format f, sink *s,
                    uint64_t *skipped) {
    dyad_read_options opt = {.format = f, .date = 0, .diag = on_diag, .diag_ud = s};
    return dyad_read_buffer(name, data, len, &opt, on_record, s, skipped);
}

/* ---- JSONL records ---- */

static void test_a_100mb_line_is_refused_and_the_next_record_read(void **state) {
    (void)state;
    const char *head = "{\"id\":\"a\",\"text\":\"Moon met Trump.\"}\n{\"id\":\"huge\",\"text\":\"";
    const char *tail = "\"}\n{\"id\":\"b\",\"text\":\"Kim met Xi.\"}\n";
    size_t big = 100u * 1000u * 1000u, hl = strlen(head), tl = strlen(tail);
    char *data = malloc(hl + big + tl);
    assert_non_null(data);
    memcpy(data, head, hl);
    memset(data + hl, 'a', big);
    memcpy(data + hl + big, tail, tl);
    sink s = {0};
    uint64_t skipped = 0;
    assert_int_equal(read_buf("big.jsonl", data, hl + big + tl, DYAD_FORMAT_JSONL, &s, &skipped), DYAD_OK);
    assert_int_equal(skipped, 1);
    assert_string_equal(ids(&s), "a\nb\n");
    assert_non_null(strstr(diags(&s), "big.jsonl:2: line is longer than DYAD_MAX_RECORD_BYTES"));

    /* The same from a file: streamed, never held whole. */
    char path[] = "/tmp/dyad-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, hl + big + tl), (ssize_t)(hl + big + tl));
    close(fd);
    free(data);
    char named[64];
    snprintf(named, sizeof named, "%s.jsonl", path);
    assert_int_equal(rename(path, named), 0);
    sink f = {0};
    skipped = 0;
    dyad_read_options opt = {.format = DYAD_FORMAT_AUTO, .date = 0, .diag = on_diag, .diag_ud = &f};
    assert_int_equal(dyad_read_path(named, &opt, on_record, &f, &skipped), DYAD_OK);
    unlink(named);
    assert_int_equal(skipped, 1);
    assert_string_equal(ids(&f), "a\nb\n");
    assert_non_null(strstr(diags(&f), ":2: line is longer than DYAD_MAX_RECORD_BYTES"));
    sink_free(&s);
    sink_free(&f);
}

static void test_malformed_json_lines_are_skipped_with_their_line(void **state) {
    (void)state;
    const char *in = "{\"id\":\"a\",\"text\":\"Moon met Trump.\"}\n"
                     "{\"id\":\"b\",\"text\":\n"
                     "{\"id\":\"c\",\"title\":\"no text\"}\n"
                     "{\"id\":\"d\",\"text\":42}\n"
                     "[\"Moon\", \"Trump\"]\n"
                     "{\"id\":\"e\",\"text\":\"Kim met Xi.\"}";
    sink s = {0};
    uint64_t skipped = 0;
    assert_int_equal(read_buf("m.jsonl", in, strlen(in), DYAD_FORMAT_JSONL, &s, &skipped), DYAD_OK);
    assert_int_equal(skipped, 4);
    assert_string_equal(ids(&s), "a\ne\n");
    assert_non_null(strstr(diags(&s), "m.jsonl:2: malformed JSON"));
    assert_non_null(strstr(diags(&s), "m.jsonl:3: record has no text"));
    assert_non_null(strstr(diags(&s), "m.jsonl:4: record has no text"));
    assert_non_null(strstr(diags(&s), "m.jsonl:5: not a JSON object"));
    sink_free(&s);
}

static void test_the_callback_can_stop_the_read(void **state) {
    (void)state;
    const char *in = "{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n{\"text\":\"Three.\"}\n";
    sink s = {0};
    s.stop_after = 2;
    assert_int_equal(read_buf("s.jsonl", in, strlen(in), DYAD_FORMAT_JSONL, &s, NULL), 1);
    assert_int_equal(s.stories, 2);
    sink_free(&s);
}

/* ---- binary, empty ---- */

static void test_nul_bytes_make_input_binary(void **state) {
    (void)state;
    char data[64] = "Moon met Trump.";
    sink s = {0};
    uint64_t skipped = 0;
    assert_int_equal(read_buf("n.txt", data, sizeof data, DYAD_FORMAT_AUTO, &s, &skipped), DYAD_EBINARY);
    assert_int_equal(skipped, 1);
    assert_int_equal(s.stories, 0);
    assert_non_null(strstr(diags(&s), "n.txt:0: binary file (NUL byte at offset 15)"));
    sink_free(&s);
}

static void test_binary_formats_are_refused(void **state) {
    (void)state;
    static const char gz[] = "\x1f\x8b\x08\x08zzzzzz";
    static const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
    char ctrl[200];
    for (size_t i = 0; i < sizeof ctrl; i++) ctrl[i] = (char)(i % 2 ? 0x01 : 'a');
    sink s = {0};
    assert_int_equal(read_buf("a.gz", gz, sizeof gz - 1, DYAD_FORMAT_AUTO, &s, NULL), DYAD_EBINARY);
    assert_int_equal(read_buf("b.pdf", pdf, sizeof pdf - 1, DYAD_FORMAT_JSONL, &s, NULL), DYAD_EBINARY);
    assert_int_equal(read_buf("c", ctrl, sizeof ctrl, DYAD_FORMAT_TEXT, &s, NULL), DYAD_EBINARY);
    assert_non_null(strstr(diags(&s), "gzip data"));
    assert_non_null(strstr(diags(&s), "PDF data"));
    assert_non_null(strstr(diags(&s), "control characters"));
    assert_int_equal(s.stories, 0);
    sink_free(&s);
}

static void test_empty_input(void **state) {
    (void)state;
    sink s = {0};
    uint64_t skipped = 0;
    assert_int_equal(read_buf("e.txt", "", 0, DYAD_FORMAT_AUTO, &s, &skipped), DYAD_EEMPTY);
    assert_int_equal(read_buf("w.txt", " \n\t\n", 4, DYAD_FORMAT_AUTO, &s, &skipped), DYAD_EEMPTY);
    assert_int_equal(skipped, 2);
    assert_non_null(strstr(diags(&s), "e.txt:0: empty file"));
    sink_free(&s);
}

static void test_nul_bytes_after_the_sniffed_prefix_are_replaced(void **state) {
    (void)state;
    size_t n = 9000;
    char *data = malloc(n);
    assert_non_null(data);
    for (size_t i = 0; i < n; i++) data[i] = i % 50 == 49 ? ' ' : 'a';
    memcpy(data, "Seoul protested. ", 17);
    data[8500] = '\0';
    dyad_record rec = {0};
    rec.text = data;
    rec.text_len = n;
    dyad_story *st = NULL;
    sink s = {0};
    assert_int_equal(dyad_story_parse(&rec, on_diag, &s, &st), DYAD_OK);
    assert_int_equal(st->invalid_bytes, 1);
    assert_int_equal(strlen(st->text), st->text_len); /* no NUL inside */
    dyad_story_free(st);
    free(data);
    sink_free(&s);
}

/* Each run of spaces, tabs and line breaks in s as one space, none at the ends: the
 * reference for the sentence cleaner. */
static void collapse_ws(const char *s, dyad_buf *out) {
    int gap = 0;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n') {
            gap = out->len > 0;
            continue;
        }
        if (gap) dyad_buf_puts(out, " ");
        gap = 0;
        dyad_buf_append(out, s, 1);
    }
}

/* A sentence's clean text has each run of spaces, tabs and line breaks as one space,
 * wherever the runs fall (the cleaner copies plain text in blocks of sixteen bytes). */
static void test_sentence_whitespace_is_collapsed_wherever_it_falls(void **state) {
    (void)state;
    static const char *const gaps[] = {" ", "  ", "\t", " \t ", "   ", "\n", " "};
    static const char *const words[] = {"officials", "said", "the", "two", "envoys", "met",
                                        "in", "a", "quiet", "room", "near", "the", "border"};
    size_t nw = sizeof words / sizeof words[0];
    for (size_t shift = 0; shift < 20; shift++) {
        dyad_buf text = {0}, want = {0};
        dyad_buf_puts(&text, "Seoul");
        for (size_t k = 0; k < shift; k++) dyad_buf_puts(&text, k % 3 ? "x" : " ");
        for (size_t w = 0; w < 3 * nw; w++) {
            dyad_buf_puts(&text, gaps[(w + shift) % (sizeof gaps / sizeof gaps[0])]);
            dyad_buf_puts(&text, words[w % nw]);
        }
        dyad_buf_puts(&text, ".");
        collapse_ws(text.data, &want);
        dyad_record rec = {0};
        rec.text = text.data;
        rec.text_len = text.len;
        dyad_story *st = NULL;
        sink s = {0};
        assert_int_equal(dyad_story_parse(&rec, on_diag, &s, &st), DYAD_OK);
        assert_int_equal(st->n_sentences, 1);
        assert_string_equal(st->sentences[0].text, want.data);
        dyad_story_free(st);
        sink_free(&s);
        dyad_buf_free(&text);
        dyad_buf_free(&want);
    }
}

/* ---- story limits ---- */

static void test_a_sentence_over_the_byte_limit_is_kept_and_flagged(void **state) {
    (void)state;
    size_t n = DYAD_MAX_SENTENCE_BYTES + 100;
    char *text = malloc(n + 64);
    assert_non_null(text);
    strcpy(text, "Kim spoke. ");
    size_t o = strlen(text);
    while (o < n) { /* long words: few tokens, many bytes */
        memcpy(text + o, "Pyongyangpyongyangpyongyang ", 28);
        o += 28;
    }
    memcpy(text + o, "end. Moon replied.", 18);
    o += 18;
    dyad_record rec = {0};
    rec.id = "long";
    rec.text = text;
    rec.text_len = o;
    dyad_story *st = NULL;
    sink s = {0};
    assert_int_equal(dyad_story_parse(&rec, on_diag, &s, &st), DYAD_OK);
    assert_int_equal(st->n_sentences, 3);
    assert_int_equal(st->sentences[0].flags & DYAD_SENT_SKIPPED, 0);
    assert_true(st->sentences[1].flags & DYAD_SENT_SKIPPED);
    assert_true(st->sentences[1].text_len > DYAD_MAX_SENTENCE_BYTES); /* never truncated */
    assert_int_equal(st->skipped_sentences, 1);
    assert_non_null(strstr(diags(&s), "over DYAD_MAX_SENTENCE_BYTES"));
    dyad_story_free(st);
    free(text);
    sink_free(&s);
}

static void test_too_many_sentences_refuse_the_story(void **state) {
    (void)state;
    size_t count = DYAD_MAX_SENTENCES + 1;
    char *text = malloc(count * 6 + 1);
    assert_non_null(text);
    for (size_t i = 0; i < count; i++) memcpy(text + i * 6, "Yes. \n", 6);
    dyad_record rec = {0};
    rec.id = "many";
    rec.text = text;
    rec.text_len = count * 6;
    dyad_story *st = NULL;
    sink s = {0};
    assert_int_equal(dyad_story_parse(&rec, on_diag, &s, &st), DYAD_ELIMIT);
    assert_null(st);
    assert_non_null(strstr(diags(&s), "more than DYAD_MAX_SENTENCES"));
    /* exactly the limit is fine */
    rec.text_len = (count - 1) * 6;
    assert_int_equal(dyad_story_parse(&rec, on_diag, &s, &st), DYAD_OK);
    assert_int_equal(st->n_sentences, DYAD_MAX_SENTENCES);
    dyad_story_free(st);
    free(text);
    sink_free(&s);
}

static void test_a_story_over_the_byte_limit_is_refused(void **state) {
    (void)state;
    size_t n = DYAD_MAX_STORY_BYTES + 1;
    char *text = malloc(n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) text[i] = i % 80 == 79 ? '\n' : 'a';
    dyad_record rec = {0};
    rec.text = text;
    rec.text_len = n;
    dyad_story *st = NULL;
    sink s = {0};
    assert_int_equal(dyad_story_parse(&rec, on_diag, &s, &st), DYAD_ELIMIT);
    assert_non_null(strstr(diags(&s), "over DYAD_MAX_STORY_BYTES"));
    uint64_t skipped = 0;
    assert_int_equal(read_buf("big.txt", text, n, DYAD_FORMAT_TEXT, &s, &skipped), DYAD_ELIMIT);
    assert_int_equal(skipped, 1);
    free(text);
    sink_free(&s);
}

/* Pathological stories that would be quadratic in a careless cleaner: each must parse in
 * about linear time (the test would hang otherwise). */
static void test_pathological_stories_parse_in_linear_time(void **state) {
    (void)state;
    static const char *const units[] = {
        "\n",                     /* nothing but line breaks */
        "a. Copyright ",          /* a copyright start that never completes */
        "Sept. ,,,,,,,,,,,,,, ",  /* month names far apart */
        "\n\nBy X\n",              /* bylines */
        "\"",                     /* quotes */
        "U.S.",                   /* one endless dotted word */
        "<Sentence ",
    };
    size_t n = 4u << 20;
    char *text = malloc(n);
    assert_non_null(text);
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t k = strlen(units[u]);
        for (size_t i = 0; i < n; i++) text[i] = units[u][i % k];
        dyad_record rec = {0};
        rec.text = text;
        rec.text_len = n;
        rec.date = 20190924;
        dyad_story *st = NULL;
        int r = dyad_story_parse(&rec, NULL, NULL, &st);
        assert_true(r == DYAD_OK || r == DYAD_EEMPTY || r == DYAD_ELIMIT);
        dyad_story_free(st);
        uint64_t skipped = 0;
        dyad_read_options opt = {.format = DYAD_FORMAT_XML, .date = 0, .diag = NULL, .diag_ud = NULL};
        sink s = {0};
        dyad_read_buffer("p.xml", text, n, &opt, on_record, &s, &skipped);
        sink_free(&s);
    }
    free(text);
}

static void test_story_parse_rejects_bad_arguments(void **state) {
    (void)state;
    dyad_story *st = NULL;
    dyad_record rec = {0};
    assert_int_equal(dyad_story_parse(NULL, NULL, NULL, &st), DYAD_EINVAL);
    assert_int_equal(dyad_story_parse(&rec, NULL, NULL, NULL), DYAD_EINVAL);
    rec.text_len = 5; /* with a NULL text */
    assert_int_equal(dyad_story_parse(&rec, NULL, NULL, &st), DYAD_EINVAL);
    rec.text_len = 0;
    assert_int_equal(dyad_story_parse(&rec, NULL, NULL, &st), DYAD_EEMPTY);
    dyad_story_free(NULL);
}

/* ---- spans ---- */

/* Collapses whitespace, for comparing a span's bytes with the clean text. */
static size_t collapse(const char *s, size_t n, char *out) {
    size_t o = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
            sp = o > 0;
            continue;
        }
        if (sp) out[o++] = ' ';
        sp = 0;
        out[o++] = s[i];
    }
    return o;
}

static void test_every_span_holds_its_sentence(void **state) {
    (void)state;
    const char *text =
        "North Korea test-fires missiles\r\n\r\n"
        "By KIM TONG-HYUNG, Associated Press\r\n\r\n"
        "SEOUL, South Korea (AP) \xe2\x80\x94 North Korea fired two missiles on Saturday, the\r\n"
        "South's military said. \"We are watching,\" said Gen. Park. It was the No. 2 launch.\r\n\r\n"
        "Associated Press writer Mari Yamaguchi in Tokyo contributed to this report.\r\n";
    dyad_record rec = {0};
    rec.text = text;
    rec.text_len = strlen(text);
    rec.date = 20190824;
    dyad_story *st = NULL;
    assert_int_equal(dyad_story_parse(&rec, NULL, NULL, &st), DYAD_OK);
    assert_int_equal(st->n_sentences, 4);
    for (size_t i = 0; i < st->n_sentences; i++) {
        const dyad_sentence *x = &st->sentences[i];
        char buf[512];
        assert_true(x->end <= st->text_len && x->start < x->end);
        size_t n = collapse(st->text + x->start, x->end - x->start, buf);
        assert_int_equal(n, x->text_len);
        assert_memory_equal(buf, x->text, n);
    }
    for (size_t i = 0; i < st->n_removed; i++) {
        const dyad_removal *r = &st->removed[i];
        for (size_t k = 0; k < st->n_sentences; k++) /* removals never overlap sentences */
            assert_true(r->end <= st->sentences[k].start || r->start >= st->sentences[k].end);
    }
    assert_int_equal(st->sentences[1].date, 20190824);
    dyad_story_free(st);
}

/* ---- paths ---- */

static void write_file(const char *path, const char *s) {
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(s, f);
    fclose(f);
}

static void test_directories_are_read_recursively_in_sorted_order(void **state) {
    (void)state;
    char dir[] = "/tmp/dyad-dir-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[256];
    snprintf(p, sizeof p, "%s/b.txt", dir);
    write_file(p, "Kim met Xi.\n");
    snprintf(p, sizeof p, "%s/a", dir);
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/a/z.jsonl", dir);
    write_file(p, "{\"id\":\"z1\",\"text\":\"Moon met Abe.\"}\n{\"id\":\"z2\",\"text\":\"Abe left.\"}\n");
    snprintf(p, sizeof p, "%s/.hidden.txt", dir);
    write_file(p, "Never read.\n");
    snprintf(p, sizeof p, "%s/c.bin", dir);
    FILE *f = fopen(p, "wb");
    fwrite("\x00\x01\x02\x03", 1, 4, f);
    fclose(f);
    snprintf(p, sizeof p, "%s/a/loop", dir); /* a link back up is not followed */
    assert_int_equal(symlink(dir, p), 0);
    sink s = {0};
    uint64_t skipped = 0;
    dyad_read_options opt = {.format = DYAD_FORMAT_AUTO, .date = 0, .diag = on_diag, .diag_ud = &s};
    assert_int_equal(dyad_read_path(dir, &opt, on_record, &s, &skipped), DYAD_OK);
    assert_non_null(strstr(diags(&s), "a/loop:0: symbolic link to a directory: not followed"));
    char want[300];
    snprintf(want, sizeof want, "z1\nz2\n%s/b.txt\n", dir);
    assert_string_equal(ids(&s), want);
    assert_int_equal(skipped, 1); /* c.bin */
    assert_non_null(strstr(diags(&s), "c.bin:0: binary file"));
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    sink_free(&s);
}

static void test_directory_nesting_is_limited(void **state) {
    (void)state;
    char dir[] = "/tmp/dyad-deep-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char p[1024];
    size_t o = (size_t)snprintf(p, sizeof p, "%s", dir);
    for (int i = 0; i < 70; i++) { /* deeper than the reader goes */
        o += (size_t)snprintf(p + o, sizeof p - o, "/d");
        assert_int_equal(mkdir(p, 0700), 0);
    }
    snprintf(p + o, sizeof p - o, "/s.txt");
    write_file(p, "Kim met Xi.\n");
    sink s = {0};
    uint64_t skipped = 0;
    dyad_read_options opt = {.format = DYAD_FORMAT_AUTO, .date = 0, .diag = on_diag, .diag_ud = &s};
    assert_int_equal(dyad_read_path(dir, &opt, on_record, &s, &skipped), DYAD_OK);
    assert_int_equal(s.stories, 0);
    assert_int_equal(skipped, 1);
    assert_non_null(strstr(diags(&s), "directories nested deeper than"));
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    sink_free(&s);
}

static void test_an_unreadable_path_is_reported(void **state) {
    (void)state;
    sink s = {0};
    uint64_t skipped = 0;
    dyad_read_options opt = {.format = DYAD_FORMAT_AUTO, .date = 0, .diag = on_diag, .diag_ud = &s};
    assert_int_equal(dyad_read_path("/nonexistent/story.txt", &opt, on_record, &s, &skipped), DYAD_EIO);
    assert_int_equal(skipped, 1);
    assert_non_null(strstr(diags(&s), "/nonexistent/story.txt:0: cannot open: No such file"));
    assert_int_equal(dyad_read_path(NULL, &opt, on_record, &s, NULL), DYAD_EINVAL);
    sink_free(&s);
}

static int record_dates(void *ud, const dyad_record *rec) {
    dyad_buf *b = ud;
    char d[11];
    dyad_buf_puts(b, rec->date ? dyad_date_format(rec->date, d) : "none");
    dyad_buf_puts(b, "\n");
    return DYAD_OK;
}

static void test_date_option_fills_records_without_a_date(void **state) {
    (void)state;
    const char *in = "{\"id\":\"a\",\"text\":\"Moon met Trump.\"}\n"
                     "{\"id\":\"b\",\"date\":\"2018-06-12\",\"text\":\"Kim met Trump.\"}\n"
                     "{\"id\":\"c\",\"text\":\"Published: Aug. 6, 2015\\nIsrael struck Gaza.\"}\n";
    dyad_buf b = {0};
    dyad_read_options opt = {.format = DYAD_FORMAT_JSONL, .date = 20190924, .diag = NULL, .diag_ud = NULL};
    assert_int_equal(dyad_read_buffer("d.jsonl", in, strlen(in), &opt, record_dates, &b, NULL), DYAD_OK);
    assert_string_equal(b.data, "2019-09-24\n2018-06-12\n2015-08-06\n");
    assert_int_equal(dyad_read_buffer("d.jsonl", in, strlen(in), &opt, NULL, NULL, NULL), DYAD_EINVAL);
    dyad_buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_100mb_line_is_refused_and_the_next_record_read),
        cmocka_unit_test(test_sentence_whitespace_is_collapsed_wherever_it_falls),
        cmocka_unit_test(test_malformed_json_lines_are_skipped_with_their_line),
        cmocka_unit_test(test_the_callback_can_stop_the_read),
        cmocka_unit_test(test_nul_bytes_make_input_binary),
        cmocka_unit_test(test_binary_formats_are_refused),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_nul_bytes_after_the_sniffed_prefix_are_replaced),
        cmocka_unit_test(test_a_sentence_over_the_byte_limit_is_kept_and_flagged),
        cmocka_unit_test(test_too_many_sentences_refuse_the_story),
        cmocka_unit_test(test_a_story_over_the_byte_limit_is_refused),
        cmocka_unit_test(test_pathological_stories_parse_in_linear_time),
        cmocka_unit_test(test_story_parse_rejects_bad_arguments),
        cmocka_unit_test(test_every_span_holds_its_sentence),
        cmocka_unit_test(test_directories_are_read_recursively_in_sorted_order),
        cmocka_unit_test(test_directory_nesting_is_limited),
        cmocka_unit_test(test_an_unreadable_path_is_reported),
        cmocka_unit_test(test_date_option_fills_records_without_a_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
