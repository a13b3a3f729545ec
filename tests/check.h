/* check.h - what the C test programs share: the case bookkeeping (each case passes or fails
 * once; at most 4 failure lines a case, each "file:line: case: message") and growing byte
 * strings. Include it after defining check_file as the including file's __FILE__.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n_pass, n_fail, case_line, case_bad;
static char case_name[200];

/* s[0..n) printable, at most max bytes of it; four rotating buffers */
static inline const char *esc(const char *s, size_t n, size_t max)
{
    static char bufs[4][600];
    static int k;
    char *o = bufs[k++ & 3];
    size_t i, j = 0;
    for (i = 0; i < n && j < sizeof bufs[0] - 40; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i == max) {
            j += (size_t)sprintf(o + j, "...(%zu bytes)", n);
            break;
        }
        if (c == '\r' || c == '\n' || c == '\t')
            j += (size_t)sprintf(o + j, "\\%c", c == '\r' ? 'r' : c == '\n' ? 'n' : 't');
        else if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') j += (size_t)sprintf(o + j, "\\x%02x", c);
        else o[j++] = (char)c;
    }
    o[j] = 0;
    return o;
}

static inline void case_open(int line, const char *name)
{
    case_line = line;
    case_bad = 0;
    snprintf(case_name, sizeof case_name, "%s", name);
}

static inline void failf(const char *fmt, ...)
{
    va_list ap;
    if (++case_bad > 4) return;
    printf("%s:%d: %s: ", check_file, case_line, case_name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static inline void case_end(void)
{
    if (case_bad > 4) printf("%s:%d: %s: (%d more failures)\n", check_file, case_line, case_name, case_bad - 4);
    if (case_bad) n_fail++;
    else n_pass++;
}

/* the last line, and the exit status */
static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", n_pass, n_fail);
    return n_fail ? 1 : 0;
}

/* a growing byte string, always NUL-terminated */
typedef struct {
    char *p;
    size_t n, cap;
} str;
static inline void put(str *s, const void *b, size_t n)
{
    if (s->n + n + 1 > s->cap) {
        s->cap = (s->n + n + 1) * 2;
        if (!(s->p = (char *)realloc(s->p, s->cap))) exit(2);
    }
    if (n) memcpy(s->p + s->n, b, n);
    s->n += n;
    s->p[s->n] = 0;
}
static inline void puts_(str *s, const char *z) { put(s, z, strlen(z)); }
static inline void cat(str *s, ...) /* NUL-terminated pieces, then NULL */
{
    va_list ap;
    const char *z;
    va_start(ap, s);
    while ((z = va_arg(ap, const char *))) put(s, z, strlen(z));
    va_end(ap);
}
static inline void putf(str *s, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    put(s, tmp, (size_t)n);
}
static inline void fill(str *s, int c, size_t n)
{
    char ch = (char)c;
    while (n--) put(s, &ch, 1);
}
static inline void clear(str *s)
{
    free(s->p);
    memset(s, 0, sizeof *s);
}
