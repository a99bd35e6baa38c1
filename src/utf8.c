/* utf8.c: UTF-8 validation and repair (invalid bytes -> U+FFFD), UTF-16 -> UTF-8, and NFC
 * for the non-ASCII parts of text. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if s[0] does not start one. NUL is
 * treated as invalid: story text never carries it. */
size_t utf8_seq_len(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    if (c < 0x80) return c ? 1 : 0;
    if (c < 0xC2) return 0;
    if (c < 0xE0) return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0) return 0; /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0;
        if (c == 0xF4 && s[1] >= 0x90) return 0;
        return 4;
    }
    return 0;
}

size_t utf8_invalid_count(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    size_t bad = 0, i = 0;
    while (i < n) {
        /* eight ASCII bytes without a NUL at a time */
        while (i + 8 <= n) {
            uint64_t v;
            memcpy(&v, p + i, 8);
            if ((v & 0x8080808080808080ull) || ((v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull))
                break;
            i += 8;
        }
        if (i >= n) break;
        if (p[i] >= 0x80 || p[i] == 0) {
            size_t k = utf8_seq_len(p + i, n - i);
            if (!k) {
                bad++;
                i++;
            } else {
                i += k;
            }
        } else {
            i++;
        }
    }
    return bad;
}

size_t utf8_repair(const char *s, size_t n, char *out) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        size_t run = i;
        while (i < n && p[i] < 0x80 && p[i]) i++;
        if (i > run) {
            memcpy(out + o, s + run, i - run);
            o += i - run;
        }
        if (i >= n) break;
        size_t k = utf8_seq_len(p + i, n - i);
        if (k) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    return o;
}

static size_t put_cp(char *out, uint32_t cp) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf16_to_utf8(const unsigned char *p, size_t n, bool big_endian, bool final, char *out,
                     size_t *consumed, uint64_t *lone) {
    size_t i = 0, o = 0;
    while (i + 1 < n) {
        uint32_t u = big_endian ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
        size_t used = 2;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 3 >= n && !final) break; /* the low half may come with the next block */
            uint32_t v = i + 3 < n ? (big_endian ? (uint32_t)(p[i + 2] << 8 | p[i + 3])
                                                 : (uint32_t)(p[i + 3] << 8 | p[i + 2]))
                                   : 0;
            if (v >= 0xDC00 && v <= 0xDFFF) {
                u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
                used = 4;
            } else {
                u = 0xFFFD;
                (*lone)++;
            }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            u = 0xFFFD;
            (*lone)++;
        } else if (u == 0) {
            u = 0xFFFD;
        }
        o += put_cp(out + o, u);
        i += used;
    }
    if (final && i < n) { /* an odd byte at the end */
        o += put_cp(out + o, 0xFFFD);
        i = n;
    }
    *consumed = i;
    return o;
}

char *utf8_nfc(const char *s, size_t n, size_t *out_len) {
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &res,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (r < 0) return NULL;
    *out_len = (size_t)r;
    return (char *)res;
}
