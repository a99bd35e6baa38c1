/* test_date.c: dates as YYYYMMDD: parsing the forms news carries, formatting, arithmetic,
 * weekdays. */
#include "testutil.h"
#include "internal.h"

#include <stdlib.h>

static int32_t parse(const char *s) {
    int32_t d = -1;
    int r = dyad_date_parse(s, strlen(s), &d);
    return r == DYAD_OK ? d : r;
}

static void test_iso_and_compact_forms(void **state) {
    (void)state;
    assert_int_equal(parse("2019-09-24"), 20190924);
    assert_int_equal(parse("20190924"), 20190924);
    assert_int_equal(parse("2019-09-24T14:03:00Z"), 20190924);
    assert_int_equal(parse("2019-09-24T14:03:00+09:00"), 20190924);
    assert_int_equal(parse("2019-09-24 14:03"), 20190924);
    assert_int_equal(parse("  2019/09/24"), 20190924);
    assert_int_equal(parse("2019-9-4"), 20190904);
}

static void test_wire_forms(void **state) {
    (void)state;
    assert_int_equal(parse("Sep 24, 2019"), 20190924);
    assert_int_equal(parse("Sept. 24, 2019"), 20190924);
    assert_int_equal(parse("September 24 2019"), 20190924);
    assert_int_equal(parse("September 24th, 2019"), 20190924);
    assert_int_equal(parse("24 September 2019"), 20190924);
    assert_int_equal(parse("24 Sep 2019"), 20190924);
    assert_int_equal(parse("24-Sep-2019"), 20190924);
    assert_int_equal(parse("Tue, 24 Sep 2019 14:03:00 GMT"), 20190924);
    assert_int_equal(parse("Tuesday, September 24, 2019"), 20190924);
    assert_int_equal(parse("Sept. 24, 2019 10:15 AM EDT"), 20190924);
}

static void test_invalid_dates_are_refused(void **state) {
    (void)state;
    assert_int_equal(parse("2019-02-29"), DYAD_EFORMAT); /* not a leap year */
    assert_int_equal(parse("2020-02-29"), 20200229);
    assert_int_equal(parse("2019-13-01"), DYAD_EFORMAT);
    assert_int_equal(parse("2019-00-10"), DYAD_EFORMAT);
    assert_int_equal(parse("20190230"), DYAD_EFORMAT);
    assert_int_equal(parse("201909241"), DYAD_EFORMAT);
    assert_int_equal(parse("2019"), DYAD_EFORMAT);          /* a year is not a date */
    assert_int_equal(parse("Copyright 2019"), DYAD_EFORMAT);
    assert_int_equal(parse("Septober 3, 2019"), DYAD_EFORMAT);
    assert_int_equal(parse("Sept 31, 2019"), DYAD_EFORMAT);
    assert_int_equal(parse(""), DYAD_EFORMAT);
    assert_int_equal(parse("20190924abc"), DYAD_EFORMAT);
    assert_int_equal(parse("tomorrow"), DYAD_EFORMAT);
    int32_t d;
    assert_int_equal(dyad_date_parse(NULL, 0, &d), DYAD_EINVAL);
}

static void test_parse_respects_length(void **state) {
    (void)state;
    int32_t d = 0;
    /* only the first 10 bytes are the input */
    assert_int_equal(dyad_date_parse("2019-09-2499", 10, &d), DYAD_OK);
    assert_int_equal(d, 20190924);
}

static void test_format(void **state) {
    (void)state;
    char buf[11];
    assert_string_equal(dyad_date_format(20190924, buf), "2019-09-24");
    assert_string_equal(dyad_date_format(10101, buf), "0001-01-01");
    assert_string_equal(dyad_date_format(0, buf), "");
    assert_string_equal(dyad_date_format(20190230, buf), "");
}

static void test_add_days(void **state) {
    (void)state;
    assert_int_equal(dyad_date_add_days(20190924, -1), 20190923);
    assert_int_equal(dyad_date_add_days(20190924, -7), 20190917);
    assert_int_equal(dyad_date_add_days(20190301, -1), 20190228);
    assert_int_equal(dyad_date_add_days(20200301, -1), 20200229);
    assert_int_equal(dyad_date_add_days(20191231, 1), 20200101);
    assert_int_equal(dyad_date_add_days(20000101, 366), 20010101);
    assert_int_equal(dyad_date_add_days(20190924, 0), 20190924);
    assert_int_equal(dyad_date_add_days(0, 5), 0);
    assert_int_equal(dyad_date_add_days(20190924, 365 * 9000), 0); /* past year 9999 */
}

static void test_weekday(void **state) {
    (void)state;
    assert_int_equal(dyad_date_weekday(20190924), 1); /* Tuesday */
    assert_int_equal(dyad_date_weekday(20190923), 0); /* Monday */
    assert_int_equal(dyad_date_weekday(20190922), 6); /* Sunday */
    assert_int_equal(dyad_date_weekday(19700101), 3); /* Thursday */
    assert_int_equal(dyad_date_weekday(20000229), 1);
    assert_int_equal(dyad_date_weekday(0), -1);
    assert_int_equal(dyad_date_weekday(20190931), -1);
}

static void test_date_from_url(void **state) {
    (void)state;
    assert_int_equal(date_from_url("https://www.example.com/news/2022/6/8/a-slug"), 20220608);
    assert_int_equal(date_from_url("https://www.example.com/2022/06/08/"), 20220608);
    assert_int_equal(date_from_url("https://www.example.com/2022/06/08"), 20220608);
    assert_int_equal(date_from_url("https://example.org/world/20220715/ab12/c.html"), 20220715);
    assert_int_equal(date_from_url("https://example.org/2022-07-15-talks-resume"), 20220715);
    assert_int_equal(date_from_url("https://example.org/a/2022-7-5"), 20220705);
    assert_int_equal(date_from_url("https://example.org/view.php?ud=20220720"), 20220720);
    assert_int_equal(date_from_url("https://example.org/view.php?ud=20220720000323&np=6"), 20220720);
    assert_int_equal(date_from_url("https://example.org/view.php?x=1&date=2022-07-20#top"), 20220720);
    assert_int_equal(date_from_url("example.org/2020/02/29/leap"), 20200229);
    /* ids and numbers that are no date */
    assert_int_equal(date_from_url("https://example.org/article/48213377"), 0);
    assert_int_equal(date_from_url("https://example.org/stories/202207260304.html"), 0);
    assert_int_equal(date_from_url("https://example.org/news/12345678/"), 0);
    assert_int_equal(date_from_url("https://example.org/news/20221345/"), 0);
    assert_int_equal(date_from_url("https://example.org/view.php?id=20220720"), 0);
    assert_int_equal(date_from_url("https://example.org/view.php?ud=2022072000032"), 0);
    assert_int_equal(date_from_url("https://example.org/view.php?ud=20220720abc"), 0);
    assert_int_equal(date_from_url("https://example.org/x-20220720/"), 0);
    assert_int_equal(date_from_url("https://example.org/120220720/"), 0);
    /* not a real day, out of range, incomplete */
    assert_int_equal(date_from_url("https://example.org/2022/13/45/a"), 0);
    assert_int_equal(date_from_url("https://example.org/2019/02/29/a"), 0);
    assert_int_equal(date_from_url("https://example.org/2022/04/31/a"), 0);
    assert_int_equal(date_from_url("https://example.org/1985/06/08/a"), 0);
    assert_int_equal(date_from_url("https://example.org/2101/06/08/a"), 0);
    assert_int_equal(date_from_url("https://example.org/2022/07/a-slug"), 0);
    assert_int_equal(date_from_url("https://example.org/2022/007/08/a"), 0);
    assert_int_equal(date_from_url("https://example.org/12022/07/08/a"), 0);
    assert_int_equal(date_from_url("https://example.org/2022-07-081/"), 0);
    /* the host, the fragment, two different dates, none at all */
    assert_int_equal(date_from_url("https://2022.06.08.example.org/"), 0);
    assert_int_equal(date_from_url("https://20220608.example.org/a"), 0);
    assert_int_equal(date_from_url("https://example.org/a#/2022/06/08/"), 0);
    assert_int_equal(date_from_url("https://example.org/2022/06/08/x?d=20220609"), 0);
    assert_int_equal(date_from_url("https://example.org/2022/06/08/x?d=20220608"), 20220608);
    assert_int_equal(date_from_url(NULL), 0);
    assert_int_equal(date_from_url(""), 0);
    assert_int_equal(date_from_url("https://example.org"), 0);
    assert_int_equal(date_from_url("////"), 0);
    assert_int_equal(date_from_url("?&=&d="), 0);
    /* an overlong URL is not read */
    size_t n = DATE_URL_MAX_BYTES + 64;
    char *u = malloc(n + 1);
    assert_non_null(u);
    memcpy(u, "https://example.org/2022/06/08/", 31);
    memset(u + 31, 'a', n - 31);
    u[n] = '\0';
    assert_int_equal(date_from_url(u), 0);
    u[200] = '\0';
    assert_int_equal(date_from_url(u), 20220608);
    free(u);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_and_compact_forms),
        cmocka_unit_test(test_wire_forms),
        cmocka_unit_test(test_invalid_dates_are_refused),
        cmocka_unit_test(test_parse_respects_length),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_add_days),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_date_from_url),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
