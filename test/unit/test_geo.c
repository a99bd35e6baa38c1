/* test_geo.c: the built-in gazetteer through the public API (dyad_geo_lookup,
 * dyad_geo_country): names, namesakes, countries, folding, and hostile names; and every
 * point of its table (internal.h's geodata_places) on the globe. */
#include "testutil.h"
#include "internal.h"

#include <math.h>

static void cities_regions_and_countries(void **state) {
    (void)state;
    dyad_place p;
    assert_int_equal(dyad_geo_lookup("Aleppo", NULL, &p), DYAD_OK);
    assert_int_equal(p.precision, DYAD_GEO_CITY);
    assert_string_equal(p.name, "Aleppo");
    assert_string_equal(p.country, "SYR");
    assert_string_equal(p.country2, "SY");
    assert_int_equal(p.feature_id, 170063); /* GeoNames */
    assert_true(fabs(p.lat - 36.20) < 0.05 && fabs(p.lon - 37.16) < 0.05);
    assert_null(p.text);

    assert_int_equal(dyad_geo_lookup("Texas", NULL, &p), DYAD_OK);
    assert_int_equal(p.precision, DYAD_GEO_REGION);
    assert_string_equal(p.adm1, "USTX");
    assert_string_equal(p.full_name, "Texas, United States");
    assert_int_equal(p.feature_id, 0);

    assert_int_equal(dyad_geo_country("SYR", &p), DYAD_OK);
    assert_int_equal(p.precision, DYAD_GEO_COUNTRY);
    assert_string_equal(p.name, "Syria");
    assert_string_equal(p.adm1, "");
    assert_true(p.lat > 32 && p.lat < 37 && p.lon > 35 && p.lon < 42); /* inside Syria */
    /* a country's point is on its largest land, whatever else shares its code: Australia's
     * on the mainland, not on Ashmore Reef (-12.4, 123.6), a shape of the same code 036 */
    assert_int_equal(dyad_geo_country("AUS", &p), DYAD_OK);
    assert_true(p.lat > -30 && p.lat < -20 && p.lon > 128 && p.lon < 140);
    assert_int_equal(dyad_geo_country("XKX", &p), DYAD_OK); /* Kosovo: GeoNames writes XK */
    assert_string_equal(p.country2, "XK");
    assert_int_equal(dyad_geo_country("ZZZ", &p), DYAD_ENOTFOUND);
    /* alpha-2 codes, and either case */
    assert_int_equal(dyad_geo_country("sy", &p), DYAD_OK);
    assert_string_equal(p.country, "SYR");
    assert_int_equal(dyad_geo_country("xk", &p), DYAD_OK);
    assert_string_equal(p.country, "XKX");
    assert_int_equal(dyad_geo_country("S", &p), DYAD_ENOTFOUND);
    assert_int_equal(dyad_geo_country("SYRI", &p), DYAD_ENOTFOUND);
    /* regions by their ADM1 code */
    assert_int_equal(dyad_geo_region("USTX", &p), DYAD_OK);
    assert_string_equal(p.name, "Texas");
    assert_int_equal(p.precision, DYAD_GEO_REGION);
    assert_int_equal(dyad_geo_region("ZZ99", &p), DYAD_ENOTFOUND);
}

static void namesakes_and_country_filter(void **state) {
    (void)state;
    dyad_place p;
    /* The most important Paris is the capital; in the United States, the one in Texas
     * (the only one of 15,000+ people). */
    assert_int_equal(dyad_geo_lookup("Paris", NULL, &p), DYAD_OK);
    assert_string_equal(p.country, "FRA");
    assert_int_equal(dyad_geo_lookup("Paris", "USA", &p), DYAD_OK);
    assert_string_equal(p.adm1, "USTX");
    assert_int_equal(dyad_geo_lookup("Paris", "US", &p), DYAD_OK);
    assert_string_equal(p.adm1, "USTX");
    assert_int_equal(dyad_geo_lookup("Aleppo", "FRA", &p), DYAD_ENOTFOUND);
    /* Washington: the capital city, not the state. */
    assert_int_equal(dyad_geo_lookup("Washington", "USA", &p), DYAD_OK);
    assert_int_equal(p.precision, DYAD_GEO_CITY);
    assert_true(fabs(p.lat - 38.9) < 0.1);
    /* A region by its name without the word for its kind. */
    assert_int_equal(dyad_geo_lookup("Kyiv Oblast", NULL, &p), DYAD_OK);
    assert_int_equal(p.precision, DYAD_GEO_REGION);
    assert_string_equal(p.adm1, "UA13");
    /* "Rivne": the city of 250,000 people before the region of that name. */
    assert_int_equal(dyad_geo_lookup("Rivne", NULL, &p), DYAD_OK);
    assert_int_equal(p.precision, DYAD_GEO_CITY);
}

static void case_accents_and_punctuation_fold(void **state) {
    (void)state;
    dyad_place a, b, c;
    assert_int_equal(dyad_geo_lookup("São Paulo", NULL, &a), DYAD_OK);
    assert_int_equal(dyad_geo_lookup("SAO PAULO", NULL, &b), DYAD_OK);
    assert_int_equal(dyad_geo_lookup("sao-paulo", NULL, &c), DYAD_OK);
    assert_int_equal(a.feature_id, b.feature_id);
    assert_int_equal(a.feature_id, c.feature_id);
    assert_string_equal(a.country, "BRA");
}

static void hostile_names(void **state) {
    (void)state;
    dyad_place p;
    assert_int_equal(dyad_geo_lookup(NULL, NULL, &p), DYAD_EINVAL);
    assert_int_equal(dyad_geo_lookup("Aleppo", NULL, NULL), DYAD_EINVAL);
    assert_int_equal(dyad_geo_country(NULL, &p), DYAD_EINVAL);
    assert_int_equal(dyad_geo_lookup("", NULL, &p), DYAD_ENOTFOUND);
    assert_int_equal(dyad_geo_lookup(" ,.;- ", NULL, &p), DYAD_ENOTFOUND);
    assert_int_equal(dyad_geo_lookup("Xyzzyqux", NULL, &p), DYAD_ENOTFOUND);
    assert_int_equal(dyad_geo_lookup("Alep\xff\xfepo", NULL, &p), DYAD_ENOTFOUND); /* not UTF-8 */
    char *big = malloc(1u << 20);
    assert_non_null(big);
    memset(big, 'a', (1u << 20) - 1);
    big[(1u << 20) - 1] = '\0';
    assert_int_equal(dyad_geo_lookup(big, NULL, &p), DYAD_ENOTFOUND);
    free(big);
}

/* Every country, region and city lies on the globe: latitude in [-90, 90], longitude in
 * [-180, 180]; a country crossing the antimeridian (Russia, Fiji) has its point on its
 * land, not past 180 degrees or on the far side of the globe. */
static void every_point_on_the_globe(void **state) {
    (void)state;
    assert_true(geodata_n_places > 20000);
    for (uint32_t i = 0; i < geodata_n_places; i++) {
        const geo_place *p = &geodata_places[i];
        if (p->lat < -9000000 || p->lat > 9000000 || p->lon < -18000000 || p->lon > 18000000)
            fail_msg("%s (%s) lies at %d, %d (degrees x 100,000)", geodata_str + p->name, p->cc3, (int)p->lat,
                     (int)p->lon);
    }
    static const struct {
        const char *cc;
        double lat0, lat1, lon0, lon1; /* a box the country's main land lies in */
    } boxes[] = {
        {"RUS", 45, 75, 30, 180},  {"FJI", -20, -15, 176, 180}, {"USA", 25, 50, -125, -65},
        {"NZL", -48, -34, 165, 179}, {"CAN", 45, 75, -140, -55}, {"SYR", 32, 37, 35, 42},
    };
    for (size_t i = 0; i < sizeof boxes / sizeof boxes[0]; i++) {
        dyad_place p;
        assert_int_equal(dyad_geo_country(boxes[i].cc, &p), DYAD_OK);
        if (!(p.lat >= boxes[i].lat0 && p.lat <= boxes[i].lat1 && p.lon >= boxes[i].lon0 && p.lon <= boxes[i].lon1))
            fail_msg("%s's point %.4f, %.4f is outside its land", boxes[i].cc, p.lat, p.lon);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cities_regions_and_countries),
        cmocka_unit_test(namesakes_and_country_filter),
        cmocka_unit_test(case_accents_and_punctuation_fold),
        cmocka_unit_test(hostile_names),
        cmocka_unit_test(every_point_on_the_globe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
