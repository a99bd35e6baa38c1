/* buf.c: the growable byte buffer the emitters write into, and JSON string escaping. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int buf_reserve(dyad_buf *b, size_t extra) {
    if (extra > SIZE_MAX - b->len - 1) return DYAD_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return DYAD_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) return DYAD_ENOMEM;
    b->data = p;
    b->cap = cap;
    return DYAD_OK;
}

int dyad_buf_reserve(dyad_buf *b, size_t n) { return b ? buf_reserve(b, n) : DYAD_EINVAL; }

int dyad_buf_append(dyad_buf *b, const void *p, size_t n) {
    if (buf_reserve(b, n) != DYAD_OK) return DYAD_ENOMEM;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return DYAD_OK;
}

int dyad_buf_puts(dyad_buf *b, const char *s) { return dyad_buf_append(b, s, strlen(s)); }

void dyad_buf_reset(dyad_buf *b) {
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void dyad_buf_free(dyad_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Escapes per RFC 8259. Input is expected to be valid UTF-8 (the reader guarantees it);
 * control characters become \u00XX. */
int dyad_buf_json_string(dyad_buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    if (buf_reserve(b, n + 2) != DYAD_OK) return DYAD_ENOMEM;
    b->data[b->len++] = '"';
    size_t run = 0; /* start of the current run of bytes that need no escape */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        if (dyad_buf_append(b, s + run, i - run) != DYAD_OK) return DYAD_ENOMEM;
        char esc[6];
        size_t el = 2;
        esc[0] = '\\';
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
            esc[4] = hex[c >> 4]; esc[5] = hex[c & 15];
            el = 6;
        }
        if (dyad_buf_append(b, esc, el) != DYAD_OK) return DYAD_ENOMEM;
        run = i + 1;
    }
    if (dyad_buf_append(b, s + run, n - run) != DYAD_OK) return DYAD_ENOMEM;
    return dyad_buf_append(b, "\"", 1);
}

void buf_printf(dyad_buf *b, const char *fmt, ...) {
    if (!b) return;
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) dyad_buf_append(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

size_t buf_u64_digits(uint64_t v, char d[20]) {
    char tmp[20];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    memcpy(d, tmp + i, sizeof tmp - i);
    return sizeof tmp - i;
}
