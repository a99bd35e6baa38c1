/* recode.c: recoding stored stories under new dictionaries (the previous events are
 * kept) and the difference between the previous and the current events. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECODE_BATCH 4096 /* stories per transaction */

/* Replaces the events of story key with ev, keeping the old ones in events_previous. */
static int replace_events(dyad_store *st, int64_t key, int64_t group, const dyad_event *ev,
                          size_t n, const char *dict_version) {
    agg_change *ac;
    int rc = agg_change_begin(st, &ac, key, group, 1, 0, ev, n);
    if (rc) return rc;
    static const char *const moves[] = {
        "DELETE FROM events_previous WHERE story_key = ?",
        "INSERT INTO events_previous SELECT * FROM events WHERE story_key = ?",
        "DELETE FROM events WHERE story_key = ?",
    };
    for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(st->db, moves[i], -1, &s, NULL) != SQLITE_OK)
            return store_dberr(st, "recode");
        sqlite3_bind_int64(s, 1, key);
        int step = sqlite3_step(s);
        sqlite3_finalize(s);
        if (step != SQLITE_DONE) {
            agg_change_free(ac);
            return store_dberr(st, "recode");
        }
    }
    rc = store_insert_events(st, key, group, ev, n);
    if (rc) {
        agg_change_free(ac);
        return rc;
    }
    if ((rc = agg_change_end(st, ac, ev, n))) return rc;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "UPDATE stories SET prev_dict_version = coalesce(dict_version, ''),"
                           " dict_version = ? WHERE key = ?",
                           -1, &s, NULL) != SQLITE_OK)
        return store_dberr(st, "recode");
    sqlite3_bind_text(s, 1, dict_version, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, key);
    int step = sqlite3_step(s);
    sqlite3_finalize(s);
    return step == SQLITE_DONE ? DYAD_OK : store_dberr(st, "recode");
}

int dyad_store_recode(dyad_store *st, const char *dict_version, dyad_store_recode_fn fn, void *ud,
                      uint64_t *n_recoded) {
    if (n_recoded) *n_recoded = 0;
    if (st && st->pg) {
        if (!fn || !dict_version || !*dict_version) return DYAD_EINVAL;
        return pg_recode(st, dict_version, fn, ud, n_recoded);
    }
    if (!st || !st->db || !fn || !dict_version || !*dict_version) return DYAD_EINVAL;
    if (st->readonly) return store_fail(st, DYAD_EINVAL, "the store was opened read-only");
    if (st->in_batch) return store_fail(st, DYAD_EINVAL, "recode inside an open batch");
    char cur[256];
    int rc = store_meta_text(st, "dict_version", cur, sizeof cur);
    if (rc) return rc;
    if (strcmp(cur, dict_version)) {
        if ((rc = store_exec(st, "BEGIN IMMEDIATE"))) return rc;
        rc = store_set_meta(st, "previous_dict_version", cur);
        if (!rc) rc = store_set_meta(st, "dict_version", dict_version);
        if (rc) {
            store_rollback(st);
            return rc;
        }
        if ((rc = store_commit(st))) return rc;
    }
    int64_t last = 0;
    arena a = {0};
    for (;;) {
        int64_t keys[RECODE_BATCH];
        size_t n = 0;
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(st->db,
                               "SELECT key FROM stories WHERE key > ? AND dict_version IS NOT ?"
                               " ORDER BY key LIMIT ?",
                               -1, &s, NULL) != SQLITE_OK) {
            rc = store_dberr(st, "recode");
            break;
        }
        sqlite3_bind_int64(s, 1, last);
        sqlite3_bind_text(s, 2, dict_version, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 3, RECODE_BATCH);
        while (sqlite3_step(s) == SQLITE_ROW) keys[n++] = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        if (!n) break;
        last = keys[n - 1];
        store_pending_discard(st);
        if ((rc = store_exec(st, "BEGIN IMMEDIATE"))) break;
        for (size_t i = 0; i < n && !rc; i++) {
            dyad_story story;
            int64_t group;
            arena_reset(&a);
            rc = store_load_story(st, keys[i], &a, &story, &group, NULL);
            const dyad_event *ev = NULL;
            size_t n_ev = 0;
            if (!rc) rc = store_discards_of_recoded(st, story.id);
            st->recoding = 1;
            if (!rc) rc = fn(ud, &story, &ev, &n_ev);
            st->recoding = 0;
            if (!rc) rc = replace_events(st, keys[i], group, ev, n_ev, dict_version);
            if (!rc && n_recoded) (*n_recoded)++;
            if (rc && n_recoded && *n_recoded >= i) *n_recoded -= i; /* the batch is undone */
        }
        if (rc) {
            store_rollback(st);
            break;
        }
        if ((rc = store_commit(st))) break;
    }
    arena_free(&a);
    return rc;
}

/* "file:line" of the first verb entry of an events.rules array of keys, else of its first
 * entry, else "". */
#define VERB_RULE(col)                                                                     \
    "coalesce((SELECT r.file || ':' || r.line FROM json_each(" col ") j JOIN rules r"        \
    " ON r.key = j.value ORDER BY r.kind <> 'verb', j.key LIMIT 1), '')"

/* Old-only and new-only events of recoded stories; pairs sharing (story, sentence,
 * source, target) are recodings. ex packs story key and sentence for an example. */
static const char DIFF_SQL[] =
    "WITH r AS (SELECT key FROM stories WHERE prev_dict_version IS NOT NULL),"
    " o AS (SELECT story_key, sentence, source, target, code FROM events_previous"
    "   WHERE story_key IN r EXCEPT SELECT story_key, sentence, source, target, code"
    "   FROM events WHERE story_key IN r),"
    " n AS (SELECT story_key, sentence, source, target, code FROM events"
    "   WHERE story_key IN r EXCEPT SELECT story_key, sentence, source, target, code"
    "   FROM events_previous WHERE story_key IN r),"
    " c AS ("
    "  SELECT 'recoded' AS ch, o.code AS oc, n.code AS nc, o.story_key AS sk, o.sentence AS se,"
    "   (SELECT rules FROM events_previous p WHERE p.story_key = o.story_key AND p.sentence ="
    "    o.sentence AND p.source = o.source AND p.target = o.target AND p.code = o.code) AS orules,"
    "   (SELECT rules FROM events e WHERE e.story_key = n.story_key AND e.sentence = n.sentence"
    "    AND e.source = n.source AND e.target = n.target AND e.code = n.code) AS nrules"
    "  FROM o JOIN n USING (story_key, sentence, source, target)"
    "  UNION ALL"
    "  SELECT 'removed', o.code, '', o.story_key, o.sentence,"
    "   (SELECT rules FROM events_previous p WHERE p.story_key = o.story_key AND p.sentence ="
    "    o.sentence AND p.source = o.source AND p.target = o.target AND p.code = o.code), '[]'"
    "  FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE n.story_key = o.story_key AND"
    "   n.sentence = o.sentence AND n.source = o.source AND n.target = o.target)"
    "  UNION ALL"
    "  SELECT 'added', '', n.code, n.story_key, n.sentence, '[]',"
    "   (SELECT rules FROM events e WHERE e.story_key = n.story_key AND e.sentence = n.sentence"
    "    AND e.source = n.source AND e.target = n.target AND e.code = n.code)"
    "  FROM n WHERE NOT EXISTS (SELECT 1 FROM o WHERE o.story_key = n.story_key AND"
    "   o.sentence = n.sentence AND o.source = n.source AND o.target = n.target))";

int dyad_store_diff(dyad_store *st, dyad_store_diff_by by, dyad_store_diff_fn fn, void *ud) {
    if (st && st->pg) return fn ? pg_diff(st, by, fn, ud) : DYAD_EINVAL;
    if (!st || !st->db || !fn) return DYAD_EINVAL;
    dyad_buf sql = {0};
    dyad_buf_puts(&sql, DIFF_SQL);
    if (by == DYAD_STORE_DIFF_BY_RULE)
        /* The codes are grouped each on its own: "031" then "1123" and "0311" then "123"
         * would read alike run together. */
        dyad_buf_puts(&sql, ", g AS (SELECT ch, CASE WHEN ch = 'recoded' THEN oc ELSE '' END AS oc,"
                            " CASE WHEN ch = 'recoded' THEN nc ELSE '' END AS nc, "
                            VERB_RULE("orules") " AS orl, " VERB_RULE("nrules") " AS nrl, sk, se FROM c)"
                            " SELECT ch, oc, nc, orl, nrl, count(*), min(sk * 1048576 + se) FROM g"
                            " GROUP BY ch, orl, nrl, oc, nc ORDER BY ch, 6 DESC, 4, 5");
    else
        dyad_buf_puts(&sql, " SELECT ch, oc, nc, '', '', count(*), min(sk * 1048576 + se) FROM c"
                            " GROUP BY ch, oc, nc ORDER BY ch, 6 DESC, 2, 3");
    sqlite3_stmt *s = NULL, *ex = NULL;
    int rc = DYAD_OK;
    if (sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(st->db,
                           "SELECT s.id, sn.text FROM stories s LEFT JOIN sentences sn ON"
                           " sn.story_key = s.key AND sn.idx = ? WHERE s.key = ?",
                           -1, &ex, NULL) != SQLITE_OK)
        rc = store_dberr(st, "diff");
    while (!rc) {
        int step = sqlite3_step(s);
        if (step == SQLITE_DONE) break;
        if (step != SQLITE_ROW) {
            rc = store_dberr(st, "diff");
            break;
        }
        dyad_store_diff_row row = {0};
        row.change = (const char *)sqlite3_column_text(s, 0);
        row.old_code = (const char *)sqlite3_column_text(s, 1);
        row.new_code = (const char *)sqlite3_column_text(s, 2);
        row.old_rule = (const char *)sqlite3_column_text(s, 3);
        row.new_rule = (const char *)sqlite3_column_text(s, 4);
        row.count = (uint64_t)sqlite3_column_int64(s, 5);
        int64_t packed = sqlite3_column_int64(s, 6);
        row.example_sentence = (uint32_t)(packed & 0xfffff);
        sqlite3_reset(ex);
        sqlite3_bind_int64(ex, 1, row.example_sentence);
        sqlite3_bind_int64(ex, 2, packed >> 20);
        if (sqlite3_step(ex) == SQLITE_ROW) {
            row.example_story = (const char *)sqlite3_column_text(ex, 0);
            row.example_text = (const char *)sqlite3_column_text(ex, 1);
        }
        if (!row.example_text) row.example_text = "";
        if (!row.example_story) row.example_story = "";
        rc = fn(ud, &row);
    }
    sqlite3_finalize(ex);
    sqlite3_finalize(s);
    dyad_buf_free(&sql);
    return rc;
}
