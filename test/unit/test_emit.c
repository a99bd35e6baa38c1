/* test_emit.c: the event emitters (JSONL, TSV, CSV, GDELT 2.0), on hand-built events,
 * including hostile text. JSONL lines are checked by parsing them with jansson. */
#include "testutil.h"
#include "internal.h"

#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <time.h>

static const dyad_rule RULES[] = {
    {"actor", "data/actors/countries.txt", 412, "NORTH_KOREA [PRK]"},
    {"verb", "data/verbs/190.txt", 57, "FIRE + INTO"},
};

/* North Korea fired two missiles into the sea, Yonhap said (sentence 1 of a story). */
static dyad_event sample(void) {
    dyad_event e;
    memset(&e, 0, sizeof e);
    e.story = "yonhap-20190924-0001";
    e.sentence = 1;
    e.date = 20190924;
    strcpy(e.source, "PRKMIL");
    strcpy(e.target, "KORGOV");
    e.source_text = "North Korea's military";
    e.target_text = "South Korea";
    strcpy(e.code, "190");
    e.root = 19;
    e.quad_class = 4;
    e.goldstein = -10.0;
    e.location = "East Sea";
    e.location_country = "KOR";
    e.text = "North Korea's military fired two missiles toward South Korea on Tuesday.";
    e.source_span = (dyad_span){100, 122};
    e.verb_span = (dyad_span){123, 128};
    e.target_span = (dyad_span){154, 165};
    e.n_rules = 2;
    e.rules = RULES;
    e.place = (dyad_place){.precision = DYAD_GEO_CITY, .name = "Sokcho",
                           .full_name = "Sokcho, Gangwon-do, South Korea", .country = "KOR",
                           .country2 = "KR", .adm1 = "KR06", .region = "Gangwon-do",
                           .lat = 38.20701, .lon = 128.59181, .feature_id = 1835967,
                           .text = "East Sea", .from = "sentence", .span = {140, 148}};
    e.source_place = (dyad_place){.precision = DYAD_GEO_COUNTRY, .name = "North Korea",
                                  .full_name = "North Korea", .country = "PRK", .country2 = "KP",
                                  .adm1 = "", .region = "", .lat = 40.15, .lon = 127.19,
                                  .from = "actors"};
    e.url = NULL;
    e.publisher = "Yonhap";
    e.code_name = "Use unconventional mass violence";
    return e;
}

/* Text that tries to break every format: quotes, backslashes, separators, line breaks,
 * control characters, non-ASCII, and a byte that is not UTF-8. */
static const char HOSTILE[] = "He said \"no\", \\ then\ttab,\r\nnew line;\x01\x1f\x7f "
                              "caf\xc3\xa9 \xed\x95\x9c\xea\xb5\xad \xf0\x9f\x98\x80 bad\xff end ";

static dyad_event hostile(void) {
    dyad_event e = sample();
    e.story = "id \"with\" tabs\tand\nnewlines";
    e.source_text = HOSTILE;
    e.target_text = HOSTILE;
    e.location = HOSTILE;
    e.text = HOSTILE;
    return e;
}

static json_t *parse_line(const char *line) {
    json_error_t err;
    json_t *j = json_loads(line, JSON_REJECT_DUPLICATES, &err);
    if (!j) fail_msg("JSONL line does not parse: %s at %d: %s", err.text, err.position, line);
    return j;
}

static void jsonl_has_every_field_in_order(void **state) {
    (void)state;
    dyad_event e = sample();
    dyad_buf b = {0};
    assert_int_equal(dyad_event_write_jsonl(&b, &e), DYAD_OK);
    assert_int_equal(b.data[b.len - 1], '\n');
    assert_ptr_equal(strchr(b.data, '\n'), b.data + b.len - 1); /* one line */
    json_t *j = parse_line(b.data);
    static const char *const keys[] = {
        "story", "sentence", "date", "date_precision", "date_source", "source", "source_text", "target",
        "target_text", "code", "root", "quad_class", "goldstein", "location", "source_place",
        "target_place", "text", "spans", "rules",
    };
    assert_int_equal(json_object_size(j), sizeof keys / sizeof keys[0]);
    const char *prev = b.data;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        assert_non_null(json_object_get(j, keys[i]));
        char quoted[32];
        snprintf(quoted, sizeof quoted, "\"%s\":", keys[i]);
        const char *at = strstr(prev, quoted);
        if (!at) fail_msg("key %s missing or out of order in %s", keys[i], b.data);
        prev = at;
    }
    assert_string_equal(json_string_value(json_object_get(j, "story")), "yonhap-20190924-0001");
    assert_int_equal(json_integer_value(json_object_get(j, "sentence")), 1);
    assert_string_equal(json_string_value(json_object_get(j, "date")), "2019-09-24");
    assert_string_equal(json_string_value(json_object_get(j, "date_precision")), "day");
    assert_true(json_is_null(json_object_get(j, "date_source"))); /* the sample sets none */
    {
        dyad_event t = sample();
        t.date_source = "text";
        dyad_buf tb = {0};
        assert_int_equal(dyad_event_write_jsonl(&tb, &t), DYAD_OK);
        json_t *tj = parse_line(tb.data);
        assert_string_equal(json_string_value(json_object_get(tj, "date_source")), "text");
        json_decref(tj);
        dyad_buf_free(&tb);
    }
    assert_string_equal(json_string_value(json_object_get(j, "source")), "PRKMIL");
    assert_string_equal(json_string_value(json_object_get(j, "source_text")), "North Korea's military");
    assert_string_equal(json_string_value(json_object_get(j, "target")), "KORGOV");
    assert_string_equal(json_string_value(json_object_get(j, "code")), "190");
    assert_int_equal(json_integer_value(json_object_get(j, "root")), 19);
    assert_int_equal(json_integer_value(json_object_get(j, "quad_class")), 4);
    assert_true(json_real_value(json_object_get(j, "goldstein")) == -10.0);
    json_t *loc = json_object_get(j, "location");
    assert_string_equal(json_string_value(json_object_get(loc, "text")), "East Sea");
    assert_string_equal(json_string_value(json_object_get(loc, "country")), "KOR");
    assert_string_equal(json_string_value(json_object_get(loc, "precision")), "city");
    assert_string_equal(json_string_value(json_object_get(loc, "name")), "Sokcho");
    assert_string_equal(json_string_value(json_object_get(loc, "full_name")), "Sokcho, Gangwon-do, South Korea");
    assert_string_equal(json_string_value(json_object_get(loc, "adm1")), "KR06");
    assert_string_equal(json_string_value(json_object_get(loc, "region")), "Gangwon-do");
    assert_true(fabs(json_real_value(json_object_get(loc, "lat")) - 38.20701) < 1e-9);
    assert_true(fabs(json_real_value(json_object_get(loc, "lon")) - 128.59181) < 1e-9);
    assert_int_equal(json_integer_value(json_object_get(loc, "feature_id")), 1835967);
    assert_string_equal(json_string_value(json_object_get(loc, "from")), "sentence");
    assert_int_equal(json_integer_value(json_array_get(json_object_get(loc, "span"), 0)), 140);
    json_t *sp = json_object_get(j, "source_place");
    assert_string_equal(json_string_value(json_object_get(sp, "precision")), "country");
    assert_string_equal(json_string_value(json_object_get(sp, "country")), "PRK");
    assert_true(json_is_null(json_object_get(sp, "text")));
    assert_true(json_is_null(json_object_get(sp, "adm1")));
    assert_true(json_is_null(json_object_get(sp, "feature_id")));
    assert_true(json_is_null(json_object_get(sp, "span")));
    assert_true(json_is_null(json_object_get(j, "target_place")));
    json_t *spans = json_object_get(j, "spans");
    json_t *verb = json_object_get(spans, "verb");
    assert_int_equal(json_array_size(verb), 2);
    assert_int_equal(json_integer_value(json_array_get(verb, 0)), 123);
    assert_int_equal(json_integer_value(json_array_get(verb, 1)), 128);
    json_t *rules = json_object_get(j, "rules");
    assert_int_equal(json_array_size(rules), 2);
    json_t *r = json_array_get(rules, 1);
    assert_string_equal(json_string_value(json_object_get(r, "kind")), "verb");
    assert_string_equal(json_string_value(json_object_get(r, "file")), "data/verbs/190.txt");
    assert_int_equal(json_integer_value(json_object_get(r, "line")), 57);
    assert_string_equal(json_string_value(json_object_get(r, "text")), "FIRE + INTO");
    json_decref(j);
    dyad_buf_free(&b);
}

static void jsonl_absent_values_are_null(void **state) {
    (void)state;
    dyad_event e = sample();
    e.date = 0;
    e.target[0] = '\0';
    e.target_text = NULL;
    e.location = NULL;
    e.location_country = NULL;
    memset(&e.place, 0, sizeof e.place);
    memset(&e.source_place, 0, sizeof e.source_place);
    e.target_span = (dyad_span){0, 0};
    e.n_rules = 0;
    e.rules = NULL;
    e.goldstein = NAN;
    dyad_buf b = {0};
    assert_int_equal(dyad_event_write_jsonl(&b, &e), DYAD_OK);
    json_t *j = parse_line(b.data);
    assert_true(json_is_null(json_object_get(j, "date")));
    assert_true(json_is_null(json_object_get(j, "date_precision")));
    assert_true(json_is_null(json_object_get(j, "target")));
    assert_true(json_is_null(json_object_get(j, "target_text")));
    assert_true(json_is_null(json_object_get(j, "location")));
    assert_true(json_is_null(json_object_get(j, "goldstein")));
    assert_true(json_is_null(json_object_get(json_object_get(j, "spans"), "target")));
    assert_int_equal(json_array_size(json_object_get(j, "rules")), 0);
    json_decref(j);
    dyad_buf_free(&b);
}

static void jsonl_hostile_text_round_trips(void **state) {
    (void)state;
    dyad_event e = hostile();
    dyad_buf b = {0};
    assert_int_equal(dyad_event_write_jsonl(&b, &e), DYAD_OK);
    assert_ptr_equal(strchr(b.data, '\n'), b.data + b.len - 1);
    json_t *j = parse_line(b.data);
    const char *text = json_string_value(json_object_get(j, "text"));
    assert_non_null(text);
    /* Everything survives except the byte that is not UTF-8, which becomes U+FFFD. */
    assert_non_null(strstr(text, "He said \"no\", \\ then\ttab,\r\nnew line;\x01\x1f\x7f caf\xc3\xa9"));
    assert_non_null(strstr(text, "bad\xef\xbf\xbd end "));
    assert_string_equal(json_string_value(json_object_get(j, "story")), e.story);
    json_decref(j);
    dyad_buf_free(&b);
}

/* The JSON string a careful byte-by-byte writer gives: the reference for the emitter's
 * block-at-a-time scan. Handles the few bytes the test below puts in. */
static void reference_json(const char *s, dyad_buf *out) {
    dyad_buf_puts(out, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"') dyad_buf_puts(out, "\\\"");
        else if (*p == '\\') dyad_buf_puts(out, "\\\\");
        else if (*p == '\n') dyad_buf_puts(out, "\\n");
        else if (*p == 0x01) dyad_buf_puts(out, "\\u0001");
        else if (*p == 0x7f) dyad_buf_puts(out, "\\u007f");
        else if (*p == 0xff) dyad_buf_puts(out, "\xef\xbf\xbd");
        else dyad_buf_append(out, p, 1);
    }
    dyad_buf_puts(out, "\"");
}

/* Strings are scanned in blocks: a byte to escape (or a character of two bytes) at every
 * position of strings of every length around the block sizes is written exactly. */
static void jsonl_escapes_at_every_position(void **state) {
    (void)state;
    static const char *const specials[] = {"\"", "\\", "\n", "\x01", "\x7f", "\xff", "\xc3\xa9"};
    dyad_event e = sample();
    dyad_buf b = {0}, want = {0}, line = {0};
    char text[64];
    for (size_t n = 1; n <= 40; n++)
        for (size_t at = 0; at < n; at++)
            for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
                size_t sl = strlen(specials[k]);
                if (at + sl > n) continue;
                for (size_t i = 0; i < n; i++) text[i] = (char)('a' + i % 26);
                memcpy(text + at, specials[k], sl);
                text[n] = '\0';
                e.text = text;
                dyad_buf_reset(&b);
                dyad_buf_reset(&want);
                dyad_buf_reset(&line);
                assert_int_equal(dyad_event_write_jsonl(&b, &e), DYAD_OK);
                reference_json(text, &want);
                dyad_buf_puts(&line, ",\"text\":");
                dyad_buf_append(&line, want.data, want.len);
                dyad_buf_puts(&line, ",\"spans\":");
                if (!strstr(b.data, line.data))
                    fail_msg("length %zu, special %zu at %zu: %s not in %s", n, k, at, line.data, b.data);
                json_decref(parse_line(b.data));
            }
    dyad_buf_free(&b);
    dyad_buf_free(&want);
    dyad_buf_free(&line);
}

static void goldstein_is_fixed_point_whatever_the_locale(void **state) {
    (void)state;
    static const struct { double v; const char *want; } cases[] = {
        {-10.0, "-10.0"}, {3.4, "3.4"}, {0.0, "0.0"}, {-0.04, "0.0"}, {2.25, "2.3"},
        {10.0, "10.0"}, {-2.2, "-2.2"},
    };
    /* A decimal-comma locale, when the machine has one, must not leak into the output. */
    const char *old = setlocale(LC_NUMERIC, NULL);
    char saved[64];
    snprintf(saved, sizeof saved, "%s", old ? old : "C");
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8")) setlocale(LC_NUMERIC, "fr_FR.UTF-8");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dyad_event e = sample();
        e.goldstein = cases[i].v;
        dyad_buf b = {0};
        assert_int_equal(dyad_event_write_jsonl(&b, &e), DYAD_OK);
        char want[64];
        snprintf(want, sizeof want, "\"goldstein\":%s,", cases[i].want);
        if (!strstr(b.data, want)) fail_msg("%g: expected %s in %s", cases[i].v, want, b.data);
        dyad_buf_free(&b);
    }
    setlocale(LC_NUMERIC, saved);
}

/* Splits a TSV line (without its newline) in place; returns the number of fields. */
static size_t split_tabs(char *line, char **fields, size_t max) {
    size_t n = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (n < max) fields[n] = p;
        n++;
        if (!tab) break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

static void tsv_header_and_row_agree(void **state) {
    (void)state;
    dyad_buf h = {0}, b = {0};
    assert_int_equal(dyad_event_write_tsv_header(&h), DYAD_OK);
    assert_string_equal(h.data,
                        "story\tsentence\tdate\tsource\tsource_text\ttarget\ttarget_text\tcode\troot\t"
                        "quad_class\tgoldstein\tlocation\tlocation_country\ttext\tsource_start\t"
                        "source_end\tverb_start\tverb_end\ttarget_start\ttarget_end\trules\n");
    dyad_event e = sample();
    assert_int_equal(dyad_event_write_tsv(&b, &e), DYAD_OK);
    assert_ptr_equal(strchr(b.data, '\n'), b.data + b.len - 1);
    b.data[b.len - 1] = '\0';
    char *f[32];
    assert_int_equal(split_tabs(b.data, f, 32), 21);
    assert_string_equal(f[0], "yonhap-20190924-0001");
    assert_string_equal(f[2], "2019-09-24");
    assert_string_equal(f[3], "PRKMIL");
    assert_string_equal(f[7], "190");
    assert_string_equal(f[10], "-10.0");
    assert_string_equal(f[12], "KOR");
    assert_string_equal(f[16], "123");
    assert_string_equal(f[17], "128");
    assert_string_equal(f[20], "actor data/actors/countries.txt:412; verb data/verbs/190.txt:57");
    dyad_buf_free(&h);
    dyad_buf_free(&b);
}

static void tsv_hostile_text_stays_on_one_row(void **state) {
    (void)state;
    dyad_event e = hostile();
    dyad_buf b = {0};
    assert_int_equal(dyad_event_write_tsv(&b, &e), DYAD_OK);
    assert_ptr_equal(strchr(b.data, '\n'), b.data + b.len - 1);
    assert_null(strchr(b.data, '\r'));
    for (size_t i = 0; i + 1 < b.len; i++)
        if ((unsigned char)b.data[i] < 0x20 && b.data[i] != '\t') fail_msg("control byte at %zu", i);
    b.data[b.len - 1] = '\0';
    char *f[32];
    assert_int_equal(split_tabs(b.data, f, 32), 21);
    assert_non_null(strstr(f[13], "caf\xc3\xa9"));
    assert_non_null(strstr(f[13], "bad\xef\xbf\xbd end"));
    dyad_buf_free(&b);
}

/* A strict RFC 4180 reader for one record: returns the number of fields, copies them
 * (unquoted) into out[], and sets *end past the record's line break. */
static size_t csv_record(const char *p, char out[][512], size_t max, const char **end) {
    size_t n = 0;
    for (;;) {
        char field[512];
        size_t k = 0;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0') fail_msg("unterminated quoted field");
                if (*p == '"' && p[1] == '"') { field[k++] = '"'; p += 2; continue; }
                if (*p == '"') { p++; break; }
                field[k++] = *p++;
            }
        } else {
            while (*p && *p != ',' && *p != '\n') {
                if (*p == '"' || *p == '\r') fail_msg("bare quote or CR in unquoted field");
                field[k++] = *p++;
            }
        }
        field[k] = '\0';
        if (n < max) memcpy(out[n], field, k + 1);
        n++;
        if (*p == ',') { p++; continue; }
        if (*p != '\n') fail_msg("field not followed by , or newline");
        *end = p + 1;
        return n;
    }
}

static void csv_quotes_per_rfc4180(void **state) {
    (void)state;
    dyad_buf b = {0};
    assert_int_equal(dyad_event_write_csv_header(&b), DYAD_OK);
    dyad_event e = hostile();
    assert_int_equal(dyad_event_write_csv(&b, &e), DYAD_OK);
    e = sample();
    assert_int_equal(dyad_event_write_csv(&b, &e), DYAD_OK);
    static char f[32][512];
    const char *p = b.data, *end = NULL;
    assert_int_equal(csv_record(p, f, 32, &end), 21);
    assert_string_equal(f[0], "story");
    assert_string_equal(f[20], "rules");
    p = end;
    assert_int_equal(csv_record(p, f, 32, &end), 21);
    assert_string_equal(f[0], "id \"with\" tabs\tand\nnewlines");
    /* Quotes, commas, line breaks kept; other control characters are spaces. */
    assert_non_null(strstr(f[13], "He said \"no\", \\ then\ttab,\r\nnew line;    caf\xc3\xa9"));
    p = end;
    assert_int_equal(csv_record(p, f, 32, &end), 21);
    assert_string_equal(f[1], "1");
    assert_string_equal(f[4], "North Korea's military");
    assert_int_equal(*end, '\0');
    dyad_buf_free(&b);
}

static void gdelt_row(const dyad_event *e, uint64_t id, dyad_buf *b, char **f) {
    dyad_buf_reset(b);
    assert_int_equal(dyad_event_write_gdelt(b, e, id), DYAD_OK);
    assert_ptr_equal(strchr(b->data, '\n'), b->data + b->len - 1);
    b->data[b->len - 1] = '\0';
    assert_int_equal(split_tabs(b->data, f, 80), 61);
}

static void gdelt_has_61_columns_in_order(void **state) {
    (void)state;
    dyad_event e = sample();
    dyad_buf b = {0};
    char *f[80];
    gdelt_row(&e, 1234567890123ull, &b, f);
    /* GDELT's columns are 1-based in its codebook; f[] is 0-based. */
    assert_string_equal(f[0], "1234567890123");
    assert_string_equal(f[1], "20190924");
    assert_string_equal(f[2], "201909");
    assert_string_equal(f[3], "2019");
    assert_string_equal(f[4], "2019.8055"); /* 2019 + (9*30+24)/365 */
    assert_string_equal(f[5], "PRKMIL");
    assert_string_equal(f[6], "North Korea's military");
    assert_string_equal(f[7], "PRK");
    assert_string_equal(f[12], "MIL");
    assert_string_equal(f[15], "KORGOV");
    assert_string_equal(f[17], "KOR");
    assert_string_equal(f[22], "GOV");
    assert_string_equal(f[25], "1"); /* IsRootEvent: the lead */
    assert_string_equal(f[26], "190");
    assert_string_equal(f[27], "190");
    assert_string_equal(f[28], "19");
    assert_string_equal(f[29], "4");
    assert_string_equal(f[30], "-10.0");
    assert_string_equal(f[31], "1");
    assert_string_equal(f[32], "1");
    assert_string_equal(f[33], "1");
    assert_string_equal(f[34], ""); /* AvgTone: unknown */
    /* 36-43 Actor1Geo: the source's country */
    assert_string_equal(f[35], "1"); /* Type: country */
    assert_string_equal(f[36], "North Korea");
    assert_string_equal(f[37], "KN"); /* FIPS 10-4, as GDELT writes it (ISO KP) */
    assert_string_equal(f[38], "");
    assert_string_equal(f[39], "");
    assert_string_equal(f[40], "40.1500");
    assert_string_equal(f[41], "127.1900");
    assert_string_equal(f[42], "KN"); /* FeatureID of a country: its FIPS code */
    for (int i = 43; i < 51; i++) assert_string_equal(f[i], ""); /* Actor2Geo: none */
    /* 52-59 ActionGeo: a city outside the United States */
    assert_string_equal(f[51], "4");
    assert_string_equal(f[52], "Sokcho, Gangwon-do, South Korea");
    assert_string_equal(f[53], "KS"); /* FIPS South Korea (ISO KR) */
    assert_string_equal(f[54], "KS06"); /* FIPS country + GeoNames admin1 code */
    assert_string_equal(f[55], ""); /* ADM2Code */
    assert_string_equal(f[56], "38.2070");
    assert_string_equal(f[57], "128.5918");
    assert_string_equal(f[58], "1835967");
    assert_string_equal(f[59], "20190924000000"); /* DATEADDED: the event's date (no story date) */
    assert_string_equal(f[60], "yonhap-20190924-0001"); /* SOURCEURL: the story id without a URL */
    e.url = "https://example.com/2019/09/24/missiles";
    e.story_date = 20190925;
    e.place.country2 = "US";
    e.place.precision = DYAD_GEO_REGION;
    e.place.feature_id = 0;
    e.place.adm1 = "USTX";
    gdelt_row(&e, 1, &b, f);
    assert_string_equal(f[51], "2"); /* a US state */
    assert_string_equal(f[58], "USTX"); /* FeatureID of a region: its ADM1 code */
    assert_string_equal(f[59], "20190925000000");
    assert_string_equal(f[60], "https://example.com/2019/09/24/missiles");
    dyad_buf_free(&b);
}

/* GDELT's geography columns carry FIPS 10-4 country codes (data/geo/fips-countries.txt):
 * in CountryCode, as the prefix of ADM1Code and as a country's or region's FeatureID. */
static void gdelt_fips_country_codes(void **state) {
    (void)state;
    dyad_event e = sample();
    dyad_buf b = {0};
    char *f[80];
    static const struct { const char *iso, *adm1, *fips; } cases[] = {
        {"DE", "DE07", "GM"}, {"GB", "GBENG", "UK"}, {"CN", "CN22", "CH"}, {"RU", "RU48", "RS"},
        {"UA", "UA14", "UP"}, {"IQ", "IQ05", "IZ"}, {"SY", "SY09", "SY"}, {"US", "USTX", "US"},
        {"ZA", "ZA06", "SF"}, {"PS", "PSGZ", "GZ"}, {"PS", "PSWE", "WE"}, {"PS", "", "WE"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        e.place.country2 = cases[i].iso;
        e.place.adm1 = cases[i].adm1;
        e.place.precision = cases[i].adm1[0] ? DYAD_GEO_REGION : DYAD_GEO_COUNTRY;
        e.place.feature_id = 0;
        gdelt_row(&e, 1, &b, f);
        assert_string_equal(f[53], cases[i].fips);
        char adm1[16] = "";
        if (cases[i].adm1[0]) snprintf(adm1, sizeof adm1, "%s%s", cases[i].fips, cases[i].adm1 + 2);
        assert_string_equal(f[54], adm1);
        assert_string_equal(f[58], cases[i].adm1[0] ? adm1 : cases[i].fips);
    }
    /* a city keeps its GeoNames id; its ADM1 code takes the FIPS prefix */
    e.place.country2 = "DE";
    e.place.adm1 = "DE16";
    e.place.precision = DYAD_GEO_CITY;
    e.place.feature_id = 2950159;
    gdelt_row(&e, 1, &b, f);
    assert_string_equal(f[53], "GM");
    assert_string_equal(f[54], "GM16");
    assert_string_equal(f[58], "2950159");
    /* an ISO code without a FIPS country of its own (Aland): no code rather than a wrong one */
    e.place.country2 = "AX";
    e.place.adm1 = "";
    e.place.precision = DYAD_GEO_COUNTRY;
    e.place.feature_id = 0;
    gdelt_row(&e, 1, &b, f);
    assert_string_equal(f[53], "");
    assert_string_equal(f[54], "");
    assert_string_equal(f[58], "");
    /* every country of the gazetteer but Aland and Bonaire has one */
    size_t missing = 0;
    for (uint32_t i = 0; i < geodata_n_countries; i++) {
        const geo_place *p = &geodata_places[i];
        if (!geo_fips_country(p->cc2, NULL) && strcmp(p->cc2, "AX") && strcmp(p->cc2, "BQ")) {
            print_message("# no FIPS code for %s\n", p->cc2);
            missing++;
        }
    }
    assert_int_equal(missing, 0);
    assert_null(geo_fips_country("D", NULL));
    assert_null(geo_fips_country(NULL, NULL));
    assert_string_equal(geo_fips_country("PS", "PSXXXXXXXXXXXXXXXX"), "WE");
    dyad_buf_free(&b);
}

/* A header and one row of a tabular format: n columns each, the header's names in order. */
static void table_row(int (*header)(dyad_buf *), int (*row)(dyad_buf *, const dyad_event *, uint64_t),
                      const dyad_event *e, const char *const *names, size_t n, char **f, dyad_buf *b) {
    dyad_buf h = {0};
    if (header) {
        assert_int_equal(header(&h), DYAD_OK);
        h.data[h.len - 1] = '\0';
        char *hf[32];
        assert_int_equal(split_tabs(h.data, hf, 32), (int)n);
        for (size_t i = 0; i < n; i++) assert_string_equal(hf[i], names[i]);
    }
    dyad_buf_reset(b);
    assert_int_equal(row(b, e, 77), DYAD_OK);
    assert_ptr_equal(strchr(b->data, '\n'), b->data + b->len - 1);
    b->data[b->len - 1] = '\0';
    assert_int_equal(split_tabs(b->data, f, 32), (int)n);
    dyad_buf_free(&h);
}

static void gdelt_mentions_16_columns_in_order(void **state) {
    (void)state;
    dyad_event e = sample();
    dyad_buf b = {0};
    char *f[32];
    table_row(NULL, dyad_event_write_gdelt_mentions, &e, NULL, 16, f, &b);
    assert_string_equal(f[0], "77");             /* GLOBALEVENTID */
    assert_string_equal(f[1], "20190924000000"); /* EventTimeDate */
    assert_string_equal(f[2], "20190924000000"); /* MentionTimeDate */
    assert_string_equal(f[3], "2");              /* no URL: citation only */
    assert_string_equal(f[4], "Yonhap");
    assert_string_equal(f[5], "yonhap-20190924-0001");
    assert_string_equal(f[6], "2");              /* SentenceID, 1-based */
    assert_string_equal(f[7], "100");            /* Actor1CharOffset */
    assert_string_equal(f[8], "154");
    assert_string_equal(f[9], "123");
    assert_string_equal(f[10], "1");
    for (int i = 11; i < 16; i++) assert_string_equal(f[i], "");
    e.url = "https://www.example.com/news/1";
    e.publisher = NULL;
    e.target_span = (dyad_span){0, 0};
    table_row(NULL, dyad_event_write_gdelt_mentions, &e, NULL, 16, f, &b);
    assert_string_equal(f[3], "1");
    assert_string_equal(f[4], "www.example.com");
    assert_string_equal(f[5], "https://www.example.com/news/1");
    assert_string_equal(f[8], "-1");
    dyad_buf_free(&b);
}

static void icews_20_columns_in_order(void **state) {
    (void)state;
    static const char *const names[] = {
        "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
        "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
        "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
        "Longitude"};
    dyad_event e = sample();
    dyad_buf b = {0};
    char *f[32];
    table_row(dyad_event_write_icews_header, dyad_event_write_icews, &e, names, 20, f, &b);
    assert_string_equal(f[0], "77");
    assert_string_equal(f[1], "2019-09-24");
    assert_string_equal(f[2], "North Korea's military");
    assert_string_equal(f[3], "MIL");
    assert_string_equal(f[4], "North Korea");
    assert_string_equal(f[5], "Use unconventional mass violence");
    assert_string_equal(f[6], "190");
    assert_string_equal(f[7], "-10.0");
    assert_string_equal(f[9], "GOV");
    assert_string_equal(f[10], "South Korea");
    assert_string_equal(f[12], "2");
    assert_string_equal(f[13], "Yonhap");
    assert_string_equal(f[14], "Sokcho");
    assert_string_equal(f[15], "");
    assert_string_equal(f[16], "Gangwon-do");
    assert_string_equal(f[17], "South Korea");
    assert_string_equal(f[18], "38.20701");
    assert_string_equal(f[19], "128.59181");
    dyad_buf_free(&b);
}

static void plover_22_columns_in_order(void **state) {
    (void)state;
    static const char *const names[] = {
        "event_id", "event_date", "event_type", "event_mode", "cameo_code", "source_text",
        "source_code", "source_country", "source_sectors", "target_text", "target_code",
        "target_country", "target_sectors", "story_id", "sentence", "place_name", "place_precision",
        "country", "adm1", "lat", "lon", "geonames_id"};
    dyad_event e = sample();
    dyad_buf b = {0};
    char *f[32];
    table_row(dyad_event_write_plover_header, dyad_event_write_plover, &e, names, 22, f, &b);
    assert_string_equal(f[2], "ASSAULT"); /* root 19 */
    assert_string_equal(f[4], "190");
    assert_string_equal(f[6], "PRKMIL");
    assert_string_equal(f[7], "PRK");
    assert_string_equal(f[8], "MIL");
    assert_string_equal(f[11], "KOR");
    assert_string_equal(f[14], "1");
    assert_string_equal(f[16], "city");
    assert_string_equal(f[18], "KR06");
    assert_string_equal(f[21], "1835967");
    e.root = 1;
    memset(&e.place, 0, sizeof e.place);
    table_row(NULL, dyad_event_write_plover, &e, names, 22, f, &b);
    assert_string_equal(f[2], ""); /* statements have no PLOVER type */
    for (int i = 15; i < 22; i++) assert_string_equal(f[i], "");
    dyad_buf_free(&b);
}

static void gdelt_actor_blocks(void **state) {
    (void)state;
    dyad_event e = sample();
    dyad_buf b = {0};
    char *f[80];
    strcpy(e.source, "IGOUNO");
    strcpy(e.target, "---REB");
    strcpy(e.code, "0254");
    e.sentence = 7;
    gdelt_row(&e, 1, &b, f);
    assert_string_equal(f[7], "");     /* no country */
    assert_string_equal(f[8], "UNO");  /* KnownGroupCode */
    assert_string_equal(f[12], "IGO"); /* Type1Code */
    assert_string_equal(f[17], "");
    assert_string_equal(f[22], "REB");
    assert_string_equal(f[25], "0");
    assert_string_equal(f[26], "0254");
    assert_string_equal(f[27], "025");
    assert_string_equal(f[28], "02");

    strcpy(e.source, "IRNGOVMOSSHI");
    e.target[0] = '\0';
    e.target_text = NULL;
    e.date = 0;
    gdelt_row(&e, 2, &b, f);
    assert_string_equal(f[1], "");
    assert_string_equal(f[4], "");
    assert_string_equal(f[7], "IRN");
    assert_string_equal(f[10], "MOS");
    assert_string_equal(f[11], "SHI");
    assert_string_equal(f[12], "GOV");
    for (int i = 15; i < 25; i++) assert_string_equal(f[i], ""); /* no Actor2 */
    dyad_buf_free(&b);
}

static void gdelt_hostile_text_stays_on_one_row(void **state) {
    (void)state;
    dyad_event e = hostile();
    dyad_buf b = {0};
    char *f[80];
    gdelt_row(&e, 3, &b, f);
    assert_null(strchr(f[6], '\r'));
    assert_non_null(strstr(f[6], "new line;"));
    assert_string_equal(f[60], "id \"with\" tabs and newlines");
    dyad_buf_free(&b);
}

static void records_append_and_errors_leave_buffer_alone(void **state) {
    (void)state;
    dyad_event e = sample();
    dyad_buf b = {0};
    assert_int_equal(dyad_event_write_jsonl(&b, &e), DYAD_OK);
    size_t one = b.len;
    assert_int_equal(dyad_event_write_jsonl(&b, &e), DYAD_OK);
    assert_int_equal(b.len, 2 * one);
    assert_int_equal(dyad_event_write_jsonl(&b, NULL), DYAD_EINVAL);
    assert_int_equal(dyad_event_write_tsv(NULL, &e), DYAD_EINVAL);
    assert_int_equal(dyad_event_write_csv(&b, NULL), DYAD_EINVAL);
    assert_int_equal(dyad_event_write_gdelt(&b, NULL, 1), DYAD_EINVAL);
    assert_int_equal(b.len, 2 * one);
    /* Full code arrays without a terminating NUL are not overread. */
    memset(e.source, 'A', sizeof e.source);
    memset(e.code, '1', sizeof e.code);
    dyad_buf_reset(&b);
    assert_int_equal(dyad_event_write_jsonl(&b, &e), DYAD_OK);
    json_t *j = parse_line(b.data);
    assert_int_equal(strlen(json_string_value(json_object_get(j, "source"))), DYAD_MAX_CODE_BYTES);
    assert_string_equal(json_string_value(json_object_get(j, "code")), "11111111");
    json_decref(j);
    /* A long sentence is written whole. */
    char *big = malloc(200001);
    assert_non_null(big);
    memset(big, 'x', 200000);
    big[200000] = '\0';
    e = sample();
    e.text = big;
    dyad_buf_reset(&b);
    assert_int_equal(dyad_event_write_csv(&b, &e), DYAD_OK);
    assert_true(b.len > 200000);
    free(big);
    dyad_buf_free(&b);
}

/* Not a pass/fail test: prints records per second for the record. */
static void emit_speed(void **state) {
    (void)state;
    dyad_event e = sample();
    dyad_buf b = {0};
    struct timespec a, z;
    int n = 200000;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++) {
        dyad_buf_reset(&b);
        dyad_event_write_jsonl(&b, &e);
        dyad_event_write_gdelt(&b, &e, (uint64_t)i);
    }
    clock_gettime(CLOCK_MONOTONIC, &z);
    double sec = (double)(z.tv_sec - a.tv_sec) + (double)(z.tv_nsec - a.tv_nsec) / 1e9;
    print_message("# emit: %.0f events/s (JSONL + GDELT each)\n", n / sec);
    assert_true(b.len > 0);
    dyad_buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(jsonl_has_every_field_in_order),
        cmocka_unit_test(jsonl_absent_values_are_null),
        cmocka_unit_test(jsonl_hostile_text_round_trips),
        cmocka_unit_test(jsonl_escapes_at_every_position),
        cmocka_unit_test(goldstein_is_fixed_point_whatever_the_locale),
        cmocka_unit_test(tsv_header_and_row_agree),
        cmocka_unit_test(tsv_hostile_text_stays_on_one_row),
        cmocka_unit_test(csv_quotes_per_rfc4180),
        cmocka_unit_test(gdelt_has_61_columns_in_order),
        cmocka_unit_test(gdelt_fips_country_codes),
        cmocka_unit_test(gdelt_actor_blocks),
        cmocka_unit_test(gdelt_mentions_16_columns_in_order),
        cmocka_unit_test(icews_20_columns_in_order),
        cmocka_unit_test(plover_22_columns_in_order),
        cmocka_unit_test(gdelt_hostile_text_stays_on_one_row),
        cmocka_unit_test(records_append_and_errors_leave_buffer_alone),
        cmocka_unit_test(emit_speed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
