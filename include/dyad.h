/* dyad.h: the one public header of libdyad, a political event data engine.
 *
 * Read it top to bottom: it follows the pipeline.
 *
 *   bytes --(reader)--> story records --(story)--> sentences, tokens
 *         --(dictionaries + coder)--> CAMEO events --(emit)--> JSONL / TSV / CSV / GDELT
 *         --(store)--> SQLite: ingest, dedup, query, timelines
 *
 * ---------------------------------------------------------------------------
 * Conventions
 * ---------------------------------------------------------------------------
 * Names:   dyad_<noun>_<verb>; opaque handles dyad_<noun>; constants DYAD_<GROUP>_<NAME>.
 * Errors:  every function that can fail returns DYAD_OK (0) or a negative DYAD_E* code.
 *          dyad_strerror() names the code. Problems with *input* (a malformed JSON line, a
 *          bad dictionary entry) are reported through a dyad_diag callback carrying
 *          file:line; the library never prints and never exits.
 * Memory:  THE OWNERSHIP RULE. A function named *_new, *_open or *_parse hands the caller
 *          an object that the caller releases with the matching *_free / *_close. Every
 *          pointer reachable from such an object (strings, arrays, spans) is borrowed: it
 *          lives exactly as long as the object that holds it, and the caller never frees
 *          it. Pointers handed to callbacks are borrowed for the duration of the call.
 *          Strings are UTF-8 and NUL-terminated unless a length is given beside them.
 * Offsets: a span {start, end} is a half-open byte range [start, end) into the text of
 *          the story it belongs to (dyad_story.text), so anything found later can be
 *          highlighted in the original text.
 * Dates:   a date is an int32 YYYYMMDD (20190924); 0 means "no date". dyad never invents
 *          a date it was not given or could not resolve.
 * Threads: loaded dictionaries (dyad_dict) are immutable and may be shared by any number
 *          of threads. Everything else (a coder, a store handle) belongs to one thread.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(DYAD_BUILDING) && defined(__GNUC__)
#define DYAD_API __attribute__((visibility("default")))
#else
#define DYAD_API
#endif

#define DYAD_VERSION "0.1.0"

/* ---------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------- */
enum {
    DYAD_OK = 0,
    DYAD_ENOMEM = -1,    /* out of memory */
    DYAD_EIO = -2,       /* a file could not be read or written (errno is kept) */
    DYAD_EINVAL = -3,    /* an argument is invalid */
    DYAD_EFORMAT = -4,   /* input is malformed (details went to the diag callback) */
    DYAD_ELIMIT = -5,    /* input exceeds a named DYAD_MAX_* limit */
    DYAD_EENCODING = -6, /* input is not UTF-8 and could not be converted */
    DYAD_EEMPTY = -7,    /* input holds nothing to work on */
    DYAD_EDB = -8,       /* the database failed (message via dyad_store_errmsg) */
    DYAD_ENOTFOUND = -9, /* a named thing does not exist */
    DYAD_EBINARY = -10,  /* input looks binary, not text */
};

/* Returns a static, human-readable name for an error code. */
DYAD_API const char *dyad_strerror(int err);

/* Severity of a diagnostic about input. */
typedef enum { DYAD_DIAG_NOTE = 0, DYAD_DIAG_WARNING = 1, DYAD_DIAG_ERROR = 2 } dyad_severity;

/* A diagnostic about input: where (file may be "-" for stdin; line 0 when not line-based)
 * and what. All pointers are borrowed for the duration of the callback. */
typedef struct dyad_diag {
    dyad_severity severity;
    const char *file;
    uint64_t line;
    const char *message;
} dyad_diag;

typedef void (*dyad_diag_fn)(void *ud, const dyad_diag *d);

/* ---------------------------------------------------------------------------
 * Limits. Every limit is named; input beyond one is refused with DYAD_ELIMIT and a
 * diagnostic, never silently truncated.
 * ------------------------------------------------------------------------- */
#define DYAD_MAX_STORY_BYTES (16u * 1024u * 1024u)   /* one story's text */
#define DYAD_MAX_RECORD_BYTES (64u * 1024u * 1024u)  /* one JSONL line / XML record */
#define DYAD_MAX_SENTENCE_BYTES 4096u                /* longer sentences are kept, flagged
                                                        DYAD_SENT_SKIPPED, not coded */
#define DYAD_MAX_SENTENCE_TOKENS 512u                /* likewise, counted in tokens (the
                                                        reader counts an upper bound: runs of
                                                        letters/digits + punctuation marks) */
#define DYAD_MAX_SENTENCES 20000u                    /* sentences in one story; more refuse
                                                        the story (DYAD_ELIMIT) */
#define DYAD_MAX_DICT_LINE_BYTES 4096u               /* one dictionary line */
#define DYAD_MAX_DICT_INCLUDE_DEPTH 16u              /* nested dictionary includes */
#define DYAD_MAX_EVENTS_PER_SENTENCE 64u             /* events coded from one sentence */
#define DYAD_MAX_CODE_BYTES 32u                      /* an actor code, NUL included */

/* ---------------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------------- */

/* Parses "YYYY-MM-DD", "YYYYMMDD", or an ISO 8601 timestamp beginning with a date
 * ("2019-09-24T14:03:00Z"), and common wire forms ("Sep 24, 2019", "Sept. 24, 2019",
 * "24 September 2019", RFC 2822 "Tue, 24 Sep 2019 14:03:00 GMT"). Leading whitespace is
 * skipped; after the date may follow anything that does not continue a word or number (a
 * time, a zone). Writes YYYYMMDD to *out. DYAD_EFORMAT if the text is not a valid calendar
 * date (years 1..9999); a bare year ("2019") is not a date. */
DYAD_API int dyad_date_parse(const char *s, size_t len, int32_t *out);

/* How much of a date is known: the day; the month (the date is its first day); the
 * year (the date is its January 1). */
typedef enum { DYAD_DATE_DAY = 0, DYAD_DATE_MONTH = 1, DYAD_DATE_YEAR = 2 } dyad_date_precision;

/* Writes "YYYY-MM-DD" (11 bytes with NUL) into buf. Returns buf; "" for date 0. */
DYAD_API char *dyad_date_format(int32_t date, char buf[11]);

/* Adds days to a date (negative goes back). Returns 0 for date 0. */
DYAD_API int32_t dyad_date_add_days(int32_t date, int32_t days);

/* Day of week: 0 = Monday ... 6 = Sunday; -1 for an invalid date. */
DYAD_API int dyad_date_weekday(int32_t date);

/* ---------------------------------------------------------------------------
 * A growable byte buffer, used by the emitters. Caller owns .data; free with
 * dyad_buf_free. A zeroed struct is an empty buffer.
 * ------------------------------------------------------------------------- */
typedef struct dyad_buf {
    char *data;
    size_t len;
    size_t cap;
} dyad_buf;

DYAD_API int dyad_buf_append(dyad_buf *b, const void *p, size_t n);
DYAD_API int dyad_buf_puts(dyad_buf *b, const char *s);
/* Makes room for n more bytes at once, so that appending them does not grow .data
 * again (each growth copies it). DYAD_OK, or DYAD_ENOMEM with b unchanged. */
DYAD_API int dyad_buf_reserve(dyad_buf *b, size_t n);
DYAD_API void dyad_buf_reset(dyad_buf *b);
DYAD_API void dyad_buf_free(dyad_buf *b);
/* Appends s[0..n) as a JSON string literal, quotes included. */
DYAD_API int dyad_buf_json_string(dyad_buf *b, const char *s, size_t n);

/* ---------------------------------------------------------------------------
 * Stage 1. The reader: bytes -> story records.
 *
 * A record is one story as a container delivered it, before any cleaning: its metadata
 * and its raw text. Plain text files hold one story each; JSONL holds one per line;
 * PETRARCH XML holds one <Sentence> record per story.
 * ------------------------------------------------------------------------- */
typedef enum {
    DYAD_FORMAT_AUTO = 0, /* guess from the file name, then from the first bytes */
    DYAD_FORMAT_TEXT,     /* plain text wire copy, one story per file */
    DYAD_FORMAT_JSONL,    /* JSON: one object per line, concatenated or pretty-printed
                             objects, or an array of objects */
    DYAD_FORMAT_XML,      /* multi-story SGML/XML: PETRARCH <Sentence>, Reuters-21578
                             <REUTERS>, LDC Gigaword / TREC <DOC>, NewsML <NewsItem> */
    DYAD_FORMAT_CSV,      /* CSV with a header row, one story per row */
    DYAD_FORMAT_TSV,      /* the same, tab-separated, without quoting */
} dyad_format;

typedef struct dyad_record {
    const char *file;      /* path the record came from ("-" for stdin) */
    uint64_t line;         /* line of the record in that file (1-based; 0 for whole files) */
    const char *id;        /* story id: from the record, else derived from file and line */
    int32_t date;          /* from metadata; 0 if none */
    const char *headline;  /* from metadata, or NULL: then the story finds it in the text */
    const char *url;       /* or NULL */
    const char *publisher; /* or NULL */
    const char *text;      /* the raw story text, after container decoding (JSON, XML) */
    size_t text_len;
    dyad_format format;
    const char *date_source; /* where date came from: "input" (metadata, --date) or
                              * "timestamp" (a Published:/Updated: line); NULL with a
                              * date means "input" */
    int no_date_inference;   /* 1: a story without a date stays undated (no date is read
                              * from its dateline, text or URL; see dyad_story_parse) */
} dyad_record;

/* Called once for each record; return DYAD_OK to go on, anything else to stop. */
typedef int (*dyad_record_fn)(void *ud, const dyad_record *rec);

typedef struct dyad_read_options {
    dyad_format format; /* DYAD_FORMAT_AUTO by default */
    int32_t date;       /* --date: used when a record has no date of its own; 0 = none */
    dyad_diag_fn diag;  /* where problems with the input go; may be NULL */
    void *diag_ud;
    /* Field mapping (--field): "NAME=KEY" strings, NAME one of text, id, date, title
     * (or headline), url, source (or publisher); KEY a JSON key, nested keys joined by
     * dots ("textInfo.textStory", "items.0.body"), or a CSV/TSV column name (any case).
     * A mapped field is read from its KEY only; the others keep their default keys. */
    const char *const *fields;
    size_t n_fields;
    int no_date_inference; /* copied into each record (--no-date-inference) */
} dyad_read_options;

/* Reads every story record from path: a file, a directory (recursively, in sorted
 * order; names starting with '.' skipped) or "-" for stdin. Bad records are reported
 * through opt->diag and skipped; the read goes on. *skipped (if not NULL) is incremented
 * once for each skipped record or file. Returns DYAD_OK, the callback's non-zero value,
 * or an error that stopped the whole path (DYAD_EIO for an unreadable path, DYAD_EBINARY
 * for a binary file, DYAD_EEMPTY for an empty one, DYAD_ELIMIT for a text file over
 * DYAD_MAX_STORY_BYTES, DYAD_EFORMAT for a CSV without a text column or JSON that is
 * not objects, DYAD_EINVAL for a malformed opt->fields entry); inside a directory such
 * files are reported, counted and passed over, and the walk goes on.
 *
 * Every input is read through a window of bounded size: memory does not grow with the
 * size of a file, only with its largest record (DYAD_MAX_RECORD_BYTES at most).
 *
 * Formats. DYAD_FORMAT_AUTO decides by extension (.jsonl .json .ndjson: JSON; .xml .sgm
 * .sgml: XML; .csv: CSV; .tsv .tab: TSV; .txt .text: text), else by content (first
 * non-blank byte '{' or '[': JSON; '<' with a record tag below: XML; else text).
 *   JSON: one object per line (JSONL), or objects spread over lines (pretty-printed,
 *     concatenated) or inside one top-level array: the layout is told from the first
 *     object. A record over DYAD_MAX_RECORD_BYTES is skipped with a diagnostic naming
 *     file:line, without being held in memory. Fields, first present key wins, unless
 *     opt->fields maps it: text|body|content|article|story|full_text|doc_text|description
 *     (required; a string or a list of strings, the paragraphs, joined by blank lines),
 *     id|story_id|aid|doc_id|docid (string or integer; default "FILE:LINE"),
 *     date|published|publish_date|published_at|pubdate|publication_date (any form
 *     dyad_date_parse reads, an integer YYYYMMDD, or Unix seconds/milliseconds),
 *     title|headline, url|link, source|publisher. Other keys are ignored; a record
 *     without text is skipped, and the first one of a file is followed by a note listing
 *     the keys --field could name. Invalid UTF-8 in a record is replaced by U+FFFD before
 *     decoding, with a warning at FILE:LINE.
 *   CSV / TSV: a header row names the columns, matched (any case) against the same keys;
 *     each further row is a story, its line the one it starts on. Quoted fields may span
 *     lines (CSV; TSV has no quoting). A header without a text column refuses the file
 *     (DYAD_EFORMAT), naming its columns; so does an unclosed quote for the rest of it.
 *   XML: files of story elements, told by the first record tag found: PETRARCH
 *     <Sentence date="YYYYMMDD" id=".." source=".."> with <Text> (a one-sentence story);
 *     Reuters-21578 <REUTERS NEWID=".."> with <DATE>, <TITLE>, <DATELINE>, <BODY> (a
 *     story with a title and no body is its title); Gigaword/TREC <DOC id=".."> with
 *     <HEADLINE>, <DATELINE>, <TEXT> of <P> paragraphs (the date from the id when no
 *     element gives it: AFP_ENG_20080801.0001); NewsML <NewsItem> with <HeadLine>,
 *     <DateId> or <firstCreated>, <body.content>. SGML is read as it is (no root element,
 *     character references, entities): entities and CDATA decoded, tags dropped, <p> and
 *     indented lines start paragraphs, other line breaks join lines. The dateline opens
 *     the text, as in wire copy. A record with no text is skipped with a diagnostic.
 *   Text: the whole file is one story (id: the path).
 * Encodings: a UTF-8 BOM is dropped; UTF-16 (by BOM, or ASCII-in-UTF-16 without one) is
 * converted to UTF-8 as it is read, with a note, and a warning counting lone surrogates
 * (replaced by U+FFFD). Binary input (known magic numbers, a NUL byte in the
 * first 8 KiB, or over 10% control characters there) is refused: DYAD_EBINARY.
 * Dates: a record without a date of its own takes the date of an explicit timestamp line
 * in its text ("Published: Sept. 24, 2019", "2019-09-24T14:03:00Z"), else opt->date. A
 * copyright year is never a date. */
DYAD_API int dyad_read_path(const char *path, const dyad_read_options *opt, dyad_record_fn fn,
                            void *ud, uint64_t *skipped);

/* The same over a buffer already in memory; name is used in diagnostics. */
DYAD_API int dyad_read_buffer(const char *name, const char *data, size_t len,
                              const dyad_read_options *opt, dyad_record_fn fn, void *ud,
                              uint64_t *skipped);

/* ---------------------------------------------------------------------------
 * Stage 2. The story: a record cleaned and split into sentences.
 * ------------------------------------------------------------------------- */
#define DYAD_SENT_HEADLINE 0x1u /* sentence 0 when the story has a headline */
#define DYAD_SENT_QUOTE 0x2u    /* the sentence lies (mostly) inside quotation marks */
#define DYAD_SENT_SKIPPED 0x4u  /* over a DYAD_MAX_SENTENCE_* limit: not coded */

typedef struct dyad_sentence {
    uint32_t index;   /* 0-based; the headline, when present, is 0 */
    uint32_t start;   /* span in dyad_story.text */
    uint32_t end;
    const char *text; /* the sentence as clean text: UTF-8, NFC, whitespace collapsed */
    size_t text_len;
    int32_t date;     /* resolved from a relative expression ("on Tuesday"), else 0 */
    unsigned flags;   /* DYAD_SENT_* */
    int date_precision; /* a dyad_date_precision: of date ("in March 1975": month) */
} dyad_sentence;

/* A piece of the text that was removed, with the reason: "banner" (the archived-article
 * notice), "timestamp" (a Published:/Updated: or bare date line), "byline" ("By JANE DOE,
 * Associated Press"), "dateline" ("SEOUL, South Korea (AP) —"), "copyright",
 * "contributor line" ("... contributed to this report.", "Reporting by ..."),
 * "follow us", "related links" ("Related: ...", "More AP coverage: http..."),
 * "separator" ("___"), "signoff" (a "Reuter" line). Removed text never becomes a sentence. text is clean (like
 * dyad_sentence.text); start/end span the original bytes. Sorted by start. */
typedef struct dyad_removal {
    uint32_t start;
    uint32_t end;
    const char *text;
    const char *reason;
} dyad_removal;

typedef struct dyad_story {
    const char *id;
    const char *file;
    uint64_t line;
    int32_t date;             /* the story date (metadata, --date, or an explicit timestamp) */
    const char *headline;     /* NULL if none */
    const char *dateline_place; /* "SEOUL, South Korea" or NULL */
    const char *dateline_agency;/* "AP", "Reuters" or NULL */
    const char *url;
    const char *publisher;
    const char *text;         /* the text every span refers to; see dyad_story_parse */
    size_t text_len;
    size_t n_sentences;
    const dyad_sentence *sentences;
    size_t n_removed;
    const dyad_removal *removed;
    size_t invalid_bytes;     /* invalid UTF-8 bytes that were replaced by U+FFFD */
    size_t skipped_sentences; /* sentences over a limit, flagged DYAD_SENT_SKIPPED */
    const char *date_source;  /* where date came from: "input", "timestamp", "dateline",
                               * "text", "url" (see dyad_story_parse); NULL when date is 0 */
    const char *date_evidence;/* for "dateline" and "text": the words that gave the date
                               * ("KIGALI, Jun 15 2022", "on Monday, July 25, 2022");
                               * else NULL */
    int32_t date_sentence;    /* for "text": the sentence those words are in; else -1 */
} dyad_story;

/* Cleans a record and splits it into sentences. On success *out is a new story the
 * caller frees with dyad_story_free. Problems go to diag (may be NULL).
 * DYAD_EEMPTY when nothing of the story is left; DYAD_ELIMIT when it is too long
 * (DYAD_MAX_STORY_BYTES, DYAD_MAX_SENTENCES); DYAD_EINVAL for NULL arguments.
 *
 * story.text, the text every offset refers to, is exactly: [the metadata headline and
 * "\n\n", when the record has a headline that its text does not open with within its
 * first three lines] + the record's text, with a leading UTF-8 BOM dropped and each
 * invalid UTF-8 byte and each NUL replaced by U+FFFD (3 bytes; counted in invalid_bytes,
 * with a warning). Nothing else changes: CR, tabs and spacing are kept. It is valid UTF-8
 * and NUL-terminated, text_len bytes long.
 *
 * Paragraphs: separated by blank lines when the text has any (single newlines inside a
 * paragraph are spaces), else one per line, where a line that does not end a sentence
 * continues (hard-wrapped copy) when the next starts in lowercase, or before a capital
 * when it ends in a comma or a function word ("in the"), or is long (48 bytes) and not
 * the first line of text. A title-case line (three or more capitalized words, no other
 * word but short function words, no final . , ; :) is a paragraph of its own, and so is
 * the first line of text when it is one, in either style. The headline: the record's
 * headline, else the first paragraph when it is one line of at most 300 bytes, one
 * sentence, does not end in . , ; : and more text follows (never for XML records); it
 * becomes sentence 0, flagged DYAD_SENT_HEADLINE, and is never split. The dateline is looked for at the start of the
 * first body paragraph only. Sentences end at . ? ! … (plus closing quotes and brackets)
 * before whitespace and a capital, digit or opening quote; not after titles ("Gen.",
 * "Sen.", "Mr."), initials ("F."), "No." before a number; after dotted acronyms ("U.S.")
 * and abbreviations like "Sept." or "Inc." only when a typical sentence opener follows
 * ("The", "He", ...). A quotation whose speaker follows it within the paragraph (it closes
 * with a comma or before a lowercase word: ""We are ready. We will fight," he said.") is
 * not split inside. Other quotations may span sentences; such sentences are split like
 * any other and flagged DYAD_SENT_QUOTE when more than half their bytes lie inside
 * quotation marks. A paragraph break always ends a sentence.
 *
 * The story date: the record's (metadata, else its timestamp line, else --date; see
 * dyad_read_path); for records built by hand, else a timestamp line found here. A story
 * that still has none, unless rec->no_date_inference, takes the day of writing its text
 * states, told in date_source: a full date in the dateline ("KIGALI, Jun 15 2022 (IPS) -"):
 * "dateline"; else the latest full date a sentence ties to the day of writing, in a clause
 * told as past: by the weekday it falls on ("said on Monday, July 25, 2022"), by "today"
 * ("today (July 26, 2022)") or by "yesterday" (the day after): "text"; else, last, the
 * date its URL (dyad_record.url, or a URL line of the text) plainly carries: path segments
 * /YYYY/MM/DD/ or /YYYY/M/D/, a path segment that is YYYY-MM-DD (alone or before "-", "_"
 * or ".") or exactly YYYYMMDD, or such a value of the query keys ud, date or d (there
 * also with a time or serial of 4 or 6 digits after it: "ud=20220720000323"); a year 1990
 * to 2100 and a real day; never a number inside a longer one, the host, or a URL giving
 * two different dates: "url". Nothing else dates
 * a story: not a month and day without a year, a weekday, nor the latest full date the
 * text names (most often background: BENCHMARKS.md, "Story dates read from the text").
 * Sentence dates (dyad_sentence.date) resolve the first relative expression of the
 * sentence against the story date, and are 0 when the story has no date:
 *   "Monday", "on Tuesday"  the most recent such day on or before the story date;
 *                           "last Tuesday" strictly before, "next Monday" strictly after
 *   "yesterday" / "today", "tonight" / "tomorrow"   -1 / 0 / +1 day
 *   "last week"             the story date - 7 days
 *   "10 days ago", "two weeks ago"   that many days or weeks before the story date
 *   "two months ago", "last month"   the first day of that month, DYAD_DATE_MONTH;
 *   "a year ago", "last year"        January 1 of that year, DYAD_DATE_YEAR; these two
 *                           only when nothing more precise is in the sentence, and
 *                           none of these four after "since", "who", "which", "that",
 *                           "when", "while", "after", "before" or "until" in their
 *                           stretch of the sentence (between commas), nor "in the last
 *                           month"
 *   "Sept. 3", "3 September", "June 3, 2019"   that day; without a year, in the story's
 *                           year unless that is over 60 days after the story date, then
 *                           the year before
 *   "in June", "last March", "early July" ...  the first day of the most recent such
 *                           month that began on or before the story date; "March 1975",
 *                           "in June 2018": that month. Precision DYAD_DATE_MONTH.
 *                           Month abbreviations need their period ("Sept."), and
 *                           "May"/"March" alone are not dates.
 *   "in 2016", "during 2016", "in early 2016"   January 1 of that year, precision
 *                           DYAD_DATE_YEAR, when nothing more precise is in the sentence
 *                           and the year is not after the story's
 * After a cue of the future ("will", "shall", "set to", "due to", "plans to", "expected
 * to", "scheduled", "going to"), weekdays and dates without a year look forward: "set to
 * come on Wednesday" is the first Wednesday on or after the story date. The edge of a
 * span dates nothing ("until March 9", "by Friday", "since May", "from", "through",
 * "before", "after", "between"; also with words between: "until at least April 20",
 * "by the end of March"; the second end of "between Jan. 23 and Feb. 2" and both ends of
 * "Feb. 9-March 29"): the next expression is tried instead. */
DYAD_API int dyad_story_parse(const dyad_record *rec, dyad_diag_fn diag, void *diag_ud,
                              dyad_story **out);
DYAD_API void dyad_story_free(dyad_story *s);

/* Appends the story's structure as one JSON object (the `dyad parse` output):
 * id, date, headline, dateline {place, agency}, sentences [{index, text, start, end,
 * date?, date_precision? ("month" or "year"), headline?}], removed [{text, reason, start,
 * end}]. No trailing newline. */
DYAD_API int dyad_story_write_json(dyad_buf *b, const dyad_story *s);

/* ---------------------------------------------------------------------------
 * Stage 3. Dictionaries: actors, agents, verb patterns, discards; our format and the
 * TABARI/PETRARCH formats. docs/dictionary-format.md describes both.
 * ------------------------------------------------------------------------- */
typedef struct dyad_dict dyad_dict;

typedef struct dyad_dict_options {
    int strict;        /* refuse the whole load on the first malformed line */
    dyad_diag_fn diag; /* malformed lines, with file:line */
    void *diag_ud;
} dyad_dict_options;

/* Loads dictionaries from paths (files or directories; the format of each file is
 * detected from its content). An empty list loads the built-in data/ directory that
 * dyad was installed with (dyad_dict_default_dir()). */
DYAD_API int dyad_dict_open(const char *const *paths, size_t n_paths,
                            const dyad_dict_options *opt, dyad_dict **out);
DYAD_API void dyad_dict_free(dyad_dict *d);

/* The directory of dyad's own dictionaries: $DYAD_DATA if set; else PREFIX/share/dyad/data
 * when the program or libdyad.so runs from PREFIX/bin or PREFIX/lib and that directory
 * holds cameo/event-codes.txt (an installed dyad, wherever its prefix was moved); else the
 * data/ directory of the source tree it was built in. Borrowed, never NULL. */
DYAD_API const char *dyad_dict_default_dir(void);

/* The library's version, "MAJOR.MINOR.PATCH": DYAD_VERSION of the libdyad.so actually
 * loaded, which may differ from the header a program was compiled with. Static. */
DYAD_API const char *dyad_version(void);

/* A version string combining the version lines of every file loaded. */
DYAD_API const char *dyad_dict_version(const dyad_dict *d);

/* CAMEO event-code table. */
typedef struct dyad_cameo {
    const char *code;  /* "036" */
    const char *name;  /* "Express intent to meet or negotiate" */
    double goldstein;  /* -10 .. +10 */
    int quad_class;    /* 1..4 */
    int root;          /* 1..20 */
} dyad_cameo;

/* Looks a CAMEO event code up; NULL if unknown. */
DYAD_API const dyad_cameo *dyad_cameo_find(const dyad_dict *d, const char *code);
/* The whole table, sorted by code. */
DYAD_API const dyad_cameo *dyad_cameo_table(const dyad_dict *d, size_t *n);
/* QuadClass (1..4) and PentaClass (0..4) of a root 1..20; out of range: QuadClass 0,
 * PentaClass -1 (0 is a real PentaClass). */
DYAD_API int dyad_cameo_quad_class(int root);
DYAD_API int dyad_cameo_penta_class(int root);

/* Result of an actor lookup. */
typedef struct dyad_actor_match {
    char code[DYAD_MAX_CODE_BYTES]; /* "KORGOV" */
    size_t n_words;                 /* words of the phrase consumed */
    const char *entry;              /* the entry as written, for explanations */
    const char *file;               /* where it was defined */
    uint64_t line;
} dyad_actor_match;

/* Resolves a phrase ("South Korean President", "Pyongyang") to an actor code as of
 * date (0 = use undated defaults). DYAD_ENOTFOUND if nothing matches. */
DYAD_API int dyad_dict_lookup(const dyad_dict *d, const char *phrase, int32_t date,
                              dyad_actor_match *out);

/* Counts for `dyad dict stats`. */
typedef struct dyad_dict_stats {
    size_t actors, agents, verbs, patterns, discards, synsets, codes, codes_without_patterns;
} dyad_dict_stats;
DYAD_API void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *st);

/* Lints dictionary files: every problem goes to diag with file:line. Returns the number
 * of errors + warnings found (0 = clean) or a negative error code. */
DYAD_API int dyad_dict_lint(const char *const *paths, size_t n_paths, dyad_diag_fn diag,
                            void *diag_ud);

/* ---------------------------------------------------------------------------
 * Stage 4. The coder: a story + dictionaries -> CAMEO events.
 * ------------------------------------------------------------------------- */
typedef struct dyad_coder dyad_coder;

/* What the coder does with reported speech ("X said ..."), dyad_coder_options.code_statements.
 * CAMEO codes the statement (010) only when nothing more specific is said. */
#define DYAD_STATEMENTS_NONE 0     /* never a statement event */
#define DYAD_STATEMENTS_ALL 1      /* always the speaker's 010, beside what was said */
#define DYAD_STATEMENTS_FALLBACK 2 /* the speaker's 010 only when the sentence gives no
                                    * other event (the default) */

typedef struct dyad_coder_options {
    int require_dyad;      /* an event needs both source and target (default 0: one-actor
                            * events are kept with an empty target, as GDELT does) */
    int one_a_story;       /* keep one event per (source, target, code) per story */
    int code_statements;   /* DYAD_STATEMENTS_* (default DYAD_STATEMENTS_FALLBACK) */
    int keep_discarded;    /* code stories the discard list would drop (default 0) */
} dyad_coder_options;

/* The defaults: code_statements = DYAD_STATEMENTS_FALLBACK, the rest 0. docs/coding-policy.md
 * gives the reasons. */
DYAD_API void dyad_coder_options_init(dyad_coder_options *opt);

typedef struct dyad_span {
    uint32_t start;
    uint32_t end;
} dyad_span;

/* Places. dyad's gazetteer is built into the library: countries (Natural Earth
 * centroids), first-level regions and cities of 15,000+ people and capitals (GeoNames,
 * CC BY 4.0), generated at build time by tools/geogen.mjs from data packages
 * (docs/geography.md). Its strings are static: they live as long as the program. */
typedef enum {
    DYAD_GEO_NONE = 0,    /* no place known */
    DYAD_GEO_COUNTRY = 1,
    DYAD_GEO_REGION = 2,  /* a first-level administrative region (ADM1: a state, province) */
    DYAD_GEO_CITY = 3,    /* a city or town */
} dyad_geo_precision;

typedef struct dyad_place {
    int precision;         /* dyad_geo_precision; DYAD_GEO_NONE leaves the rest empty */
    const char *name;      /* the place: "Aleppo" */
    const char *full_name; /* "Aleppo, Aleppo, Syria": place, region, country */
    const char *country;   /* ISO 3166-1 alpha-3: "SYR" */
    const char *country2;  /* ISO 3166-1 alpha-2: "SY" */
    const char *adm1;      /* region: alpha-2 + GeoNames admin1 code, "SY09"; "" if none */
    const char *region;    /* the region's name, "Aleppo"; "" if none */
    double lat, lon;       /* degrees (WGS84): a city's point, a region's seat, a
                              country's centroid */
    uint32_t feature_id;   /* GeoNames id of a city; 0 for regions and countries */
    const char *text;      /* the words that gave the place ("Aleppo", "SEOUL, South
                              Korea"); borrowed like the event's other strings */
    const char *from;      /* "sentence", "dateline", "source" (a statement's source's
                              country, or where its ambassador is posted), "story" (an
                              earlier sentence of the story, or its lead; the country a
                              person was placed in earlier; the story's theatre) or
                              "actors" (the country both actors share) */
    dyad_span span;        /* text in the story text; {0, 0} for "actors" */
} dyad_place;

/* Looks a place name up in the gazetteer ("Aleppo", "Texas", "São Paulo"; case, accents
 * and punctuation do not matter). country (ISO alpha-3 or alpha-2, or NULL) restricts
 * the search to one country. Of several places with the name, the most important wins:
 * a national capital, then cities of 100,000+ people, then regions, then the most
 * populous. Countries are not looked up by name here (the actor dictionaries know
 * their names): dyad_geo_country gives one by code. out->text, out->from are NULL.
 * DYAD_ENOTFOUND when nothing matches, DYAD_EINVAL for NULL arguments. */
DYAD_API int dyad_geo_lookup(const char *name, const char *country, dyad_place *out);
/* The country with ISO alpha-3 code cc ("SYR") or alpha-2 code ("SY"), either case.
 * DYAD_ENOTFOUND if unknown. */
DYAD_API int dyad_geo_country(const char *cc, dyad_place *out);
/* The first-level region with code adm1 ("SY09", "USTX": ISO alpha-2 + GeoNames admin1
 * code). DYAD_ENOTFOUND if unknown. */
DYAD_API int dyad_geo_region(const char *adm1, dyad_place *out);

/* A dictionary entry that fired for an event. */
typedef struct dyad_rule {
    const char *kind; /* "actor", "agent", "verb", "discard", ... */
    const char *file;
    uint64_t line;
    const char *text; /* the entry as written */
} dyad_rule;

typedef struct dyad_event {
    const char *story;       /* story id */
    uint32_t sentence;       /* sentence index */
    int32_t date;            /* event date: the first date of the event verb's own clause
                              * (docs/coding-policy.md), else the sentence's when it names
                              * a day, else the story date, else 0 */
    int date_precision;      /* a dyad_date_precision of that date */
    char source[DYAD_MAX_CODE_BYTES];
    char target[DYAD_MAX_CODE_BYTES]; /* "" when the event has no target */
    const char *source_text;
    const char *target_text;
    char code[8];            /* CAMEO code, "036" */
    int root;                /* 1..20 */
    int quad_class;          /* 1..4 */
    double goldstein;
    const char *location;    /* where it happened, as written (place.text), or NULL */
    const char *location_country; /* ISO alpha-3 (place.country) or NULL */
    const char *text;        /* the sentence text */
    dyad_span source_span, verb_span, target_span; /* into the story text */
    size_t n_rules;
    const dyad_rule *rules;
    dyad_place place;        /* where it happened: the sentence's place ("in Aleppo",
                                "Lagos police"), else the dateline's, else for a statement
                                its source's country, else an earlier sentence's or the
                                lead's, else the country both actors share */
    dyad_place source_place, target_place; /* the place named with the actor ("Lagos
                                police"), else the actor's country */
    const char *url;         /* the story's URL, or NULL */
    int32_t story_date;      /* the story's date (dyad_story.date), 0 if none */
    const char *publisher;   /* the story's publisher, or NULL */
    const char *code_name;   /* the CAMEO code's name ("Fight with small arms"), or NULL */
    const char *date_source; /* where the story date came from (dyad_story.date_source),
                              * or NULL: none, or not known (an event read from a store) */
} dyad_event;

DYAD_API int dyad_coder_new(const dyad_dict *dict, const dyad_coder_options *opt,
                            dyad_coder **out);
DYAD_API void dyad_coder_free(dyad_coder *c);

/* Codes one story. *events points into the coder and stays valid until the next call of
 * dyad_coder_run or dyad_coder_free; so do the strings inside each event (story and
 * sentence strings are borrowed from s, which must outlive them). */
DYAD_API int dyad_coder_run(dyad_coder *c, const dyad_story *s, const dyad_event **events,
                            size_t *n_events);

/* Why a story was discarded (sports, entertainment, business results), or NULL. Valid
 * after dyad_coder_run, until the next call. */
DYAD_API const char *dyad_coder_discard_reason(const dyad_coder *c);

/* The sentences of the story that the coder read but did not code, in order: a sentence
 * the discard list drops by itself (PETRARCH's sentence discards: reason
 * DYAD_DISCARD_LIST, detail its category) or one whose analysis met a DYAD_MAX_SENTENCE_*
 * limit (DYAD_DISCARD_TOO_LONG; sentences the parser flagged DYAD_SENT_SKIPPED are not
 * listed: the story says so itself). None when the whole story was discarded. Valid
 * after dyad_coder_run, until the next call; *out may be NULL when the count is 0. */
typedef struct dyad_sentence_discard {
    size_t sentence;    /* index into the story's sentences */
    const char *reason; /* DYAD_DISCARD_LIST or DYAD_DISCARD_TOO_LONG (static strings) */
    const char *detail; /* the category ("sports"), or the limit met (static strings) */
} dyad_sentence_discard;
DYAD_API size_t dyad_coder_sentence_discards(const dyad_coder *c,
                                             const dyad_sentence_discard **out);

/* Appends a human-readable explanation of how sentence `index` of s was coded: tokens
 * and tags, phrases and clauses, actor matches and their entries, verb patterns tried
 * and matched, and why each candidate event was or was not emitted. */
DYAD_API int dyad_coder_explain(dyad_coder *c, const dyad_story *s, size_t index, dyad_buf *b);

/* ---------------------------------------------------------------------------
 * Stage 5. Emitters: events -> text. Each appends one record with its newline.
 * docs/json-fields.md documents every field.
 * ------------------------------------------------------------------------- */
DYAD_API int dyad_event_write_jsonl(dyad_buf *b, const dyad_event *e);
/* Header lines for the tabular formats. */
DYAD_API int dyad_event_write_tsv_header(dyad_buf *b);
DYAD_API int dyad_event_write_tsv(dyad_buf *b, const dyad_event *e);
DYAD_API int dyad_event_write_csv_header(dyad_buf *b);
DYAD_API int dyad_event_write_csv(dyad_buf *b, const dyad_event *e);
/* GDELT 2.0 event columns (61, tab-separated, GDELT's order; unknown fields empty).
 * event_id is the GLOBALEVENTID to write. The geography columns come from the event's
 * places (country codes ISO alpha-2 where GDELT writes FIPS 10-4; docs/json-fields.md). */
DYAD_API int dyad_event_write_gdelt(dyad_buf *b, const dyad_event *e, uint64_t event_id);
/* GDELT 2.0 mentions columns (16, tab-separated, GDELT's order, no header): the event's
 * mention in its story, with the character offsets of its actors and verb. */
DYAD_API int dyad_event_write_gdelt_mentions(dyad_buf *b, const dyad_event *e, uint64_t event_id);
/* ICEWS event columns (20, tab-separated, ICEWS's order and header). */
DYAD_API int dyad_event_write_icews_header(dyad_buf *b);
DYAD_API int dyad_event_write_icews(dyad_buf *b, const dyad_event *e, uint64_t event_id);
/* PLOVER/POLECAT-style columns (22, tab-separated, with a header): the PLOVER event type
 * of the CAMEO root, actors, and place. */
DYAD_API int dyad_event_write_plover_header(dyad_buf *b);
DYAD_API int dyad_event_write_plover(dyad_buf *b, const dyad_event *e, uint64_t event_id);

/* ---------------------------------------------------------------------------
 * Stage 6. The store: stories and their events in SQLite (docs/database.md).
 *
 * One story is stored with its sentences and events atomically. A story is stored
 * once: the same id or the same cleaned body (content hash) is a duplicate.
 * Syndicated copies (MinHash over word 5-shingles, Jaccard >= DYAD_STORE_NEAR_DUP)
 * join the group of the first copy; a group counts once in timelines, and each event
 * carries GDELT-style counts over its group. A store handle belongs to one thread.
 * ------------------------------------------------------------------------- */
typedef struct dyad_store dyad_store;

#define DYAD_STORE_SCHEMA_VERSION 10
#define DYAD_STORE_READONLY 0x1u  /* open for queries only */
#define DYAD_STORE_CREATE 0x2u    /* create the database when it does not exist */
#define DYAD_STORE_NEAR_DUP 0.8   /* Jaccard similarity that makes two stories one group */
#define DYAD_STORE_BUSY_MS 5000   /* default wait for a lock held by another connection */
#define DYAD_STORE_MAX_TEXT_QUERY 1024u /* bytes of a full-text query */

/* Opens the database at path. flags: DYAD_STORE_READONLY or DYAD_STORE_CREATE (or 0:
 * read-write, must exist). *out is set even on failure (unless DYAD_ENOMEM) so that
 * dyad_store_errmsg can say why; close it in every case. Errors: DYAD_ENOTFOUND (no
 * file and no CREATE), DYAD_EDB (not a dyad database, corrupt, read-only when writing
 * was asked, a schema version this build cannot use, locked). */
DYAD_API int dyad_store_open(const char *path, unsigned flags, dyad_store **out);
DYAD_API void dyad_store_close(dyad_store *st);
/* The last error's message (SQLite's, with context); "" when none. Borrowed. */
DYAD_API const char *dyad_store_errmsg(const dyad_store *st);
/* How long to wait for another connection's lock before DYAD_EDB ("locked"). */
DYAD_API void dyad_store_set_busy_timeout(dyad_store *st, int ms);

/* Batches: stories added between begin and commit are committed together (much
 * faster). Outside a batch every dyad_store_add is its own transaction. rollback drops
 * the uncommitted batch. When dyad_store_add fails inside a batch with anything but
 * DYAD_EINVAL (checked before writing), the whole batch is rolled back and closed: a
 * story and its events are never stored in part. */
DYAD_API int dyad_store_begin(dyad_store *st);
DYAD_API int dyad_store_commit(dyad_store *st);
DYAD_API int dyad_store_rollback(dyad_store *st);

typedef enum {
    DYAD_STORE_ADDED = 0,         /* stored (possibly joining a near-duplicate group) */
    DYAD_STORE_DUPLICATE_ID = 1,   /* this id is stored with the same cleaned body: skipped */
    DYAD_STORE_DUPLICATE_TEXT = 2, /* a story with the same cleaned body is stored: skipped */
    DYAD_STORE_CONFLICT_ID = 3     /* this id is stored with another body: refused, not stored;
                                    * dyad_store_errmsg names the stored story's file and line */
} dyad_store_result;

/* Stores a story, its sentences and its events (every field, spans and rules included),
 * coded with the dictionaries of version dict_version (may be NULL). *result (may be
 * NULL) says whether it was added or a duplicate. */
DYAD_API int dyad_store_add(dyad_store *st, const dyad_story *s, const dyad_event *events,
                            size_t n_events, const char *dict_version, dyad_store_result *result);

/* 1 when a story with this id is stored, 0 when not, or a negative error: lets an
 * ingest skip stored stories before parsing and coding them. */
DYAD_API int dyad_store_has_story(dyad_store *st, const char *id);

/* Counts and versions. Strings are borrowed until the next call on st. */
typedef struct dyad_store_info {
    int schema_version;
    uint64_t stories, groups, sentences, events;
    const char *dict_version;          /* of the last ingest or recode; "" if none */
    const char *previous_dict_version; /* before the last recode; "" if none */
} dyad_store_info;
DYAD_API int dyad_store_get_info(dyad_store *st, dyad_store_info *info);

/* A query over stored events. Zero the struct for "everything". Actor filters match
 * codes that begin with the given text ("USA" matches USA, USAGOV, USAMIL). */
typedef struct dyad_store_query {
    int32_t from, to;        /* dates, inclusive; 0 = open */
    const char *actor;       /* source or target */
    const char *source;
    const char *target;
    const char *dyad_a, *dyad_b; /* source A and target B, either direction */
    const char *code;        /* "036" exact, "03" a root (2 digits), "quad:1" a QuadClass */
    const char *text;        /* words that must all occur in the sentence (full text) */
    int one_a_day;           /* one event per (date, source, target, code) */
    uint64_t limit;          /* 0 = no limit */
    uint64_t offset;
    /* Keyset paging: with after_id set, the rows that come after (after_date, after_id)
     * in (date, id) order, where these are the last row's event.date and id on the
     * previous page; offset is then ignored. A seek, where a deep offset walks every row
     * before it. */
    int32_t after_date;
    int64_t after_id;
    /* Where the event happened (its place: docs/geography.md). country: the place's
     * country, ISO 3166-1 alpha-2 or alpha-3 ("SY", "SYR"). near_km > 0: places within
     * near_km kilometres (great-circle) of near_lat, near_lon. bbox nonzero: places inside
     * west..east, south..north (degrees; west > east crosses the antimeridian). Events
     * without a place match none of these. DYAD_EINVAL for an unknown country or a
     * point, distance or box out of range. */
    const char *country;
    double near_lat, near_lon, near_km;
    int bbox;
    double west, south, east, north;
} dyad_store_query;

/* One stored event. Counts are GDELT's: mentions (event records), articles (distinct
 * stories) and sources (distinct publishers) over the story's near-duplicate group, or
 * over the day's (date, source, target, code) with one_a_day. */
typedef struct dyad_store_row {
    int64_t id;
    dyad_event event;          /* strings borrowed for the callback */
    uint64_t mentions, sources, articles;
    int64_t group;             /* near-duplicate group (the first story's row number) */
    const char *publisher, *url, *dict_version; /* of the story; NULL if none */
} dyad_store_row;

/* Called once per row; return DYAD_OK to go on, anything else stops and is returned. */
typedef int (*dyad_store_event_fn)(void *ud, const dyad_store_row *row);

/* Rows in (date, id) order. DYAD_EINVAL for a malformed filter (code, text). */
DYAD_API int dyad_store_query_events(dyad_store *st, const dyad_store_query *q,
                                     dyad_store_event_fn fn, void *ud);

/* Into *total, the number of rows dyad_store_query_events would give for q, limit and
 * offset aside (one-a-day rows when q->one_a_day). DYAD_EINVAL for a malformed filter. */
DYAD_API int dyad_store_count_events(dyad_store *st, const dyad_store_query *q, uint64_t *total);

/* Query results as columns, for analysis tools (dyad's Python binding builds a pandas
 * DataFrame from them without touching rows one by one). Row i of every column is the
 * i-th row dyad_store_query_events gives for the same query, in the same order, with the
 * same values.
 *
 * A string column is dictionary-encoded: row i holds values[codes[i]], or NULL (no value)
 * when codes[i] is -1. The n_values distinct values lie end to end in bytes (UTF-8, not
 * NUL-terminated): value k is bytes[offsets[k]] .. bytes[offsets[k + 1]]. */
typedef struct dyad_store_strings {
    int32_t *codes;            /* n rows */
    size_t n_values;
    int64_t *offsets;          /* n_values + 1 */
    char *bytes;
} dyad_store_strings;

typedef struct dyad_store_columns {
    size_t n;                  /* rows */
    int64_t *id;
    int32_t *date;             /* YYYYMMDD; 0 = no date */
    int32_t *sentence;
    int8_t *root, *quad_class;
    double *goldstein;
    int64_t *source_start, *source_end, *verb_start, *verb_end, *target_start, *target_end;
    int8_t *place_precision;   /* dyad_geo_precision; 0 = no place */
    double *lat, *lon;         /* NaN without a place */
    int64_t *mentions, *sources, *articles, *group; /* as dyad_store_row's */
    dyad_store_strings story, source, target, code, source_text, target_text, location,
        location_country, text, place, place_country, url, publisher, dict_version;
    /* The rules that coded the event, as "kind file:line" joined by "; " ("" if none). */
    dyad_store_strings rules;
} dyad_store_columns;

/* The rows of q (as dyad_store_query_events) into *out, in one pass over the store: free
 * with dyad_store_columns_free. DYAD_ELIMIT when a column would hold more than
 * DYAD_STORE_MAX_COLUMN_VALUES distinct strings; DYAD_EINVAL for a malformed filter. */
#define DYAD_STORE_MAX_COLUMN_VALUES 2147483647u
DYAD_API int dyad_store_columns_fetch(dyad_store *st, const dyad_store_query *q,
                                      dyad_store_columns **out);
DYAD_API void dyad_store_columns_free(dyad_store_columns *c);

typedef enum { DYAD_STORE_BY_DAY = 0, DYAD_STORE_BY_WEEK, DYAD_STORE_BY_MONTH } dyad_store_period;

/* One period of a dyad's timeline. period is its first day (weeks begin on Monday). */
typedef struct dyad_store_timeline_row {
    int32_t period;
    uint64_t quad[5];          /* quad[1..4]: events per QuadClass; quad[0] unused */
    uint64_t events;
    double goldstein_sum, goldstein_mean;
    uint64_t stories;          /* distinct story groups with an event of the dyad */
    uint64_t total_stories;    /* story groups dated in the period (the denominator) */
} dyad_store_timeline_row;
typedef int (*dyad_store_timeline_fn)(void *ud, const dyad_store_timeline_row *row);

/* Events from source a to target b (and b to a with both_directions) per period, one a
 * day unless raw is set, within q's filters (q may be NULL; its dyad is replaced by a, b).
 * a or b may be NULL or "": with one of them, that actor's events (as source or target
 * with both_directions, else as source a or target b); with neither, every event.
 * Periods without events are omitted. */
DYAD_API int dyad_store_timeline(dyad_store *st, const char *a, const char *b,
                                 dyad_store_period by, int both_directions, int raw,
                                 const dyad_store_query *q, dyad_store_timeline_fn fn, void *ud);

/* Events per place, for maps: per country of the place (DYAD_STORE_GEO_COUNTRY), per
 * first-level region (DYAD_STORE_GEO_ADM1: places of region or city precision), or per
 * grid cell of cell_deg degrees (DYAD_STORE_GEO_GRID; 0.01 <= cell_deg <= 90). */
typedef enum {
    DYAD_STORE_GEO_COUNTRY = 0,
    DYAD_STORE_GEO_ADM1 = 1,
    DYAD_STORE_GEO_GRID = 2
} dyad_store_geo_level;
typedef struct dyad_store_geo_cell {
    const char *key;     /* "SY" (alpha-2), "SY09" (ADM1), or "35,38": a grid cell's south-west
                            corner, "lat,lon" */
    const char *country; /* ISO alpha-2 of the country or region; NULL for a grid cell */
    const char *name;    /* the country's or region's name; NULL for a grid cell */
    double lat, lon;     /* the country's centroid, the region's point, the cell's centre */
    uint64_t count;      /* events */
    double goldstein;    /* their mean Goldstein value (0 when none has one) */
} dyad_store_geo_cell;
typedef int (*dyad_store_geo_fn)(void *ud, const dyad_store_geo_cell *cell);
/* Counts the events q selects (every event: one_a_day, limit, offset and the cursor are
 * ignored) by place, and calls fn for each cell, most events first (ties by key).
 * *total (may be NULL): the events q selects; *located (may be NULL): those counted in a
 * cell. Strings are borrowed for the call. DYAD_EINVAL for a malformed filter or level;
 * ADM1 and grid levels need schema version 4 (a store older, read as it is: DYAD_EINVAL
 * saying how to migrate it). */
DYAD_API int dyad_store_geo(dyad_store *st, dyad_store_geo_level level, double cell_deg,
                            const dyad_store_query *q, uint64_t *total, uint64_t *located,
                            dyad_store_geo_fn fn, void *ud);

typedef enum { DYAD_STORE_TOP_ACTORS = 0, DYAD_STORE_TOP_DYADS, DYAD_STORE_TOP_CODES } dyad_store_top_kind;
/* key: an actor code, "SRC,TGT", or a CAMEO code; count of one-a-day events. */
typedef int (*dyad_store_top_fn)(void *ud, const char *key, uint64_t count);
/* The n most frequent (ties by key) among the events q selects (q may be NULL: all;
 * its limit, offset and cursor are ignored). */
DYAD_API int dyad_store_top(dyad_store *st, dyad_store_top_kind kind, const dyad_store_query *q,
                            size_t n, dyad_store_top_fn fn, void *ud);
/* The actor codes of the stored events that begin with prefix ("": any), with their
 * events (as source plus as target), most events first (ties by code), at most max (0:
 * all): each given to fn, its key borrowed for the call (the autocomplete of
 * /api/actors). */
DYAD_API int dyad_store_actor_codes(dyad_store *st, const char *prefix, size_t max,
                                    dyad_store_top_fn fn, void *ud);

/* A stored story with its current events (spans into story.text). Free with
 * dyad_store_story_free; everything inside is borrowed from it. */
typedef struct dyad_store_story {
    dyad_story story;
    size_t n_events;
    const dyad_event *events;
    const char *dict_version;
    int64_t group;
    uint64_t group_size;       /* stories in its near-duplicate group */
} dyad_store_story;
DYAD_API int dyad_store_story_fetch(dyad_store *st, const char *id, dyad_store_story **out);
DYAD_API void dyad_store_story_free(dyad_store_story *s);

/* Copying (dyad export, dyad import): every story of `from`, in the order it was stored,
 * with its sentences, current events and dictionary version, is added to `to` as an
 * ingest adds it (a story `to` holds is a duplicate, one under a stored id with another
 * text refused; near-duplicate groups and aggregates are computed there), then every
 * discard of `from`, in its order. Either store may be SQLite or PostgreSQL. `to` commits
 * every `batch` stories (0: 8000), so a copy that stops is completed by running it again.
 * Events' previous versions (dyad_store_diff) are not copied. fn (may be NULL) is called
 * after each story with its result and, for a refused one, why; a nonzero return stops
 * the copy. Errors are recorded in `to` (dyad_store_errmsg), a failure to read `from`
 * too. *stats (may be NULL) counts what was done. */
typedef struct dyad_store_copy_stats {
    uint64_t stories, added, duplicates, refused, events, discards;
} dyad_store_copy_stats;
typedef int (*dyad_store_copy_fn)(void *ud, const char *id, dyad_store_result result,
                                  const char *why);
DYAD_API int dyad_store_copy(dyad_store *from, dyad_store *to, uint64_t batch,
                             dyad_store_copy_fn fn, void *ud, dyad_store_copy_stats *stats);

/* Recoding. fn codes one stored story (rebuilt with its sentences) and hands back its
 * new events (borrowed until the next call). Every story not yet coded with
 * dict_version is recoded; its previous events are kept for dyad_store_diff. Batches
 * are committed as it goes, so an interrupted recode resumes where it stopped.
 * *n_recoded (may be NULL) counts the stories recoded. The story's DYAD_DISCARD_LIST
 * discards are dropped before fn is called: fn records those of the new coding (the
 * story discarded, sentences dropped) with dyad_store_discard_add, which then writes in
 * the recode's transaction (PostgreSQL: a batch's stories are coded first, then written
 * with their discards in one transaction under the write lock). */
typedef int (*dyad_store_recode_fn)(void *ud, const dyad_story *s, const dyad_event **events,
                                    size_t *n_events);
DYAD_API int dyad_store_recode(dyad_store *st, const char *dict_version, dyad_store_recode_fn fn,
                               void *ud, uint64_t *n_recoded);

/* What the last recode changed, over the stories it recoded: events matched by
 * (story, sentence, source, target); a pair whose code changed is "recoded". */
typedef enum { DYAD_STORE_DIFF_BY_CODE = 0, DYAD_STORE_DIFF_BY_RULE } dyad_store_diff_by;
typedef struct dyad_store_diff_row {
    const char *change;          /* "added", "removed" or "recoded" */
    const char *old_code, *new_code; /* "" where none */
    const char *old_rule, *new_rule; /* verb entry "file:line"; "" unless by rule */
    uint64_t count;
    const char *example_story;   /* one example of the group */
    uint32_t example_sentence;
    const char *example_text;
} dyad_store_diff_row;
typedef int (*dyad_store_diff_fn)(void *ud, const dyad_store_diff_row *row);
DYAD_API int dyad_store_diff(dyad_store *st, dyad_store_diff_by by, dyad_store_diff_fn fn,
                             void *ud);

/* Discards: every input that was read but not coded, kept with its reason, so that
 * nothing is lost in silence (table `discards`, docs/database.md). The store records
 * two kinds itself: a story refused because its id is stored with another text
 * (DYAD_DISCARD_ID_CONFLICT, by dyad_store_add) and each sentence over a
 * DYAD_MAX_SENTENCE_* limit of a stored story (DYAD_DISCARD_TOO_LONG); the caller
 * records the others with dyad_store_discard_add. */
#define DYAD_DISCARD_LIST "discard_list"       /* the discard list dropped the story:
                                                * detail is its category ("sports") */
#define DYAD_DISCARD_TOO_LONG "too_long"       /* a sentence over a limit, kept, not coded */
#define DYAD_DISCARD_UNREADABLE "unreadable"   /* a record that could not be read as a story
                                                * (invalid input): detail says why */
#define DYAD_DISCARD_ID_CONFLICT "id_conflict" /* refused: the id is stored with another text */
#define DYAD_STORE_MAX_DISCARD_DETAIL 1024u    /* bytes of detail kept (longer is cut at a
                                                * character boundary) */
typedef struct dyad_store_discard {
    const char *story;    /* the story id; "" when the record had none */
    const char *file;     /* where it was read ("-" for stdin) */
    uint64_t line;        /* its line there; 0 when unknown or a whole file */
    int32_t sentence;     /* the sentence index, or -1 for the whole story */
    const char *reason;   /* one of DYAD_DISCARD_* */
    const char *detail;   /* the reason in words; may be NULL */
    int32_t date;         /* the story date, 0 if none */
    const char *headline; /* or NULL */
} dyad_store_discard;

/* Records a discard (in the open batch, else in a transaction of its own). The same
 * (story, file, line, sentence) again replaces the row: a rerun records nothing twice.
 * DYAD_EINVAL without a file or a reason. */
DYAD_API int dyad_store_discard_add(dyad_store *st, const dyad_store_discard *d);

/* Calls fn for each discard of the story with id story (NULL: every story's), in the
 * order they were recorded, skipping the first offset and stopping after limit (0: no
 * limit). Strings are borrowed for the call. A store older than schema version 6 (read
 * as it is) has none, nor has a PostgreSQL store of layout version 1. */
typedef int (*dyad_store_discard_fn)(void *ud, const dyad_store_discard *d);
DYAD_API int dyad_store_discards(dyad_store *st, const char *story, uint64_t limit,
                                 uint64_t offset, dyad_store_discard_fn fn, void *ud);
/* Calls fn(ud, reason, count) for each reason with discards (NULL story: the whole
 * store), most frequent first; *total (may be NULL) gets their sum. */
typedef int (*dyad_store_discard_count_fn)(void *ud, const char *reason, uint64_t count);
DYAD_API int dyad_store_discard_counts(dyad_store *st, const char *story,
                                       dyad_store_discard_count_fn fn, void *ud, uint64_t *total);
/* Appends a discard as one JSON object (no newline): {"story", "file", "line",
 * "sentence" (null for the whole story), "reason", "detail", "date", "headline"}: the one
 * writer of this shape (dyad story, the API). */
DYAD_API int dyad_store_discard_write_json(dyad_buf *b, const dyad_store_discard *d);

/* Checks the store: SQLite's integrity check (every page; every index against its
 * table), the full-text index against the sentences (not on a handle opened read-only),
 * every story's content hash against its stored sentences, and the links between
 * tables (events and sentences of missing stories, stories whose group is missing). On
 * PostgreSQL: the search vectors against the sentences, the links and the content
 * hashes (the server's own pages are pg_amcheck's). fn
 * is called once per problem (a line of text, borrowed), at most DYAD_STORE_MAX_PROBLEMS
 * times; *problems (may be NULL) counts them all. DYAD_OK when the check ran, problems
 * or not; DYAD_EDB when the store could not be read at all. */
/* The store's name for messages: a SQLite store's path as given to dyad_store_open; a
 * PostgreSQL store's URL without user, password or options ("postgresql://host/db").
 * Borrowed, valid until dyad_store_close; "" for a store that failed to open. */
DYAD_API const char *dyad_store_name(const dyad_store *st);

#define DYAD_STORE_MAX_PROBLEMS 100
typedef void (*dyad_store_check_fn)(void *ud, const char *problem);
DYAD_API int dyad_store_check(dyad_store *st, dyad_store_check_fn fn, void *ud,
                              uint64_t *problems);

/* Upgrading. The work a newer layout leaves to be done while the store is in use,
 * which opening it does not do because it takes long on a big store: on PostgreSQL with
 * PostGIS, the points (events.geom) of the events stored before the column was added
 * (layout 10 over an older store), batch rows at a time, each batch its own transaction
 * (writers wait for one batch at most; queries are right all along), resuming where an
 * interrupted run stopped; then the GiST index, built on each partition without locking
 * writers out. fn (may be NULL) is called after each batch and each partition's index:
 * the step ("events.geom", "events_previous.geom", "events_geom index"), how far it got
 * and where it ends (ids, story keys, partitions). Nothing to do (a SQLite store, no
 * PostGIS, done already): DYAD_OK at once. DYAD_EINVAL for a read-only store, an open
 * batch, or batch 0 or above DYAD_STORE_MAX_UPGRADE_BATCH. */
#define DYAD_STORE_UPGRADE_BATCH 50000u           /* rows a batch (the CLI's default) */
#define DYAD_STORE_MAX_UPGRADE_BATCH 100000000u   /* the largest batch allowed */
typedef void (*dyad_store_upgrade_fn)(void *ud, const char *step, uint64_t done, uint64_t total);
DYAD_API int dyad_store_upgrade(dyad_store *st, uint64_t batch, dyad_store_upgrade_fn fn, void *ud);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
