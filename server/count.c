/* count.c: what `dyad serve` asks of the store that the store API does not offer: the
 * actor codes beginning with a prefix (for autocomplete). Read-only SQL over the schema
 * of docs/database.md; every value is a bound parameter. */
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int serve_actor_codes(sqlite3 *db, const char *pfx, size_t max, serve_code_fn fn, void *ud) {
    static const char SQL[] =
        "SELECT code, sum(n) FROM ("
        " SELECT source AS code, count(*) AS n FROM events WHERE source >= ?1 AND source < ?2"
        " GROUP BY source UNION ALL"
        " SELECT target, count(*) FROM events WHERE target >= ?1 AND target < ?2 AND target <> ''"
        " GROUP BY target)"
        " GROUP BY code ORDER BY 2 DESC, 1 LIMIT ?3";
    char hi[DYAD_MAX_CODE_BYTES + 1];
    size_t len = strlen(pfx);
    if (len >= sizeof hi) return DYAD_EINVAL;
    memcpy(hi, pfx, len + 1);
    if (len) hi[len - 1] = (char)(hi[len - 1] + 1);
    else memcpy(hi, "\x7f", 2);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, SQL, -1, &s, NULL) != SQLITE_OK) return DYAD_EDB;
    sqlite3_bind_text(s, 1, pfx, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, hi, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, (int64_t)max);
    int rc, err = DYAD_OK;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(s, 0);
        fn(ud, code ? code : "", (uint64_t)sqlite3_column_int64(s, 1));
    }
    if (rc != SQLITE_DONE) err = DYAD_EDB;
    sqlite3_finalize(s);
    return err;
}
