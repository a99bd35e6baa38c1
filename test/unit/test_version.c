/* test_version.c: the loaded library's version, and where it looks for its own
 * dictionaries ($DYAD_DATA first, else beside an installed prefix, else the source tree). */
#include "testutil.h"

#include <stdio.h>

static void test_version_is_the_headers(void **state) {
    (void)state;
    assert_string_equal(dyad_version(), DYAD_VERSION);
    unsigned a, b, c;
    char rest;
    assert_int_equal(sscanf(dyad_version(), "%u.%u.%u%c", &a, &b, &c, &rest), 3);
}

static void test_data_dir_follows_dyad_data(void **state) {
    (void)state;
    setenv("DYAD_DATA", "/nonexistent/dyad-data", 1);
    assert_string_equal(dyad_dict_default_dir(), "/nonexistent/dyad-data");
    /* the environment is read on every call, not once */
    setenv("DYAD_DATA", "/elsewhere", 1);
    assert_string_equal(dyad_dict_default_dir(), "/elsewhere");
    /* and loading from a directory that does not exist fails, never falls back */
    dyad_dict *d = NULL;
    assert_int_not_equal(dyad_dict_open(NULL, 0, NULL, &d), DYAD_OK);
    dyad_dict_free(d);
}

/* Uninstalled (build/test/ has no ../share/dyad/data), an empty or absent DYAD_DATA
 * means the source tree's data/, which holds the CAMEO table. */
static void test_data_dir_uninstalled_is_the_source_tree(void **state) {
    (void)state;
    setenv("DYAD_DATA", "", 1);
    const char *dir = dyad_dict_default_dir();
    unsetenv("DYAD_DATA");
    assert_string_equal(dyad_dict_default_dir(), dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/cameo/event-codes.txt", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    fclose(f);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_is_the_headers),
        cmocka_unit_test(test_data_dir_follows_dyad_data),
        cmocka_unit_test(test_data_dir_uninstalled_is_the_source_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
