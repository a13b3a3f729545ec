/* test_parser.c - table tests of the statico.h request parser and chunked decoder.
 *
 *   cc -std=c11 -O1 -g -Wall -Wextra -Werror [-march=native] tests/test_parser.c -o build/tp && build/tp
 *
 * (bash tests/run builds it at every SIMD level, with STATICO_NO_SIMD and under ASan+UBSan.)
 * Every parse runs through statico_parse_request() (SIMD kernels) and its plain-C twin
 * statico__parse_request_plain(), each on a fresh zeroed request, with the input flush against a
 * PROT_NONE page (an over-read faults) and once more from a malloc'd buffer of its exact size;
 * all four outcomes must be identical. Prints one line per failure (file:line of the table row,
 * the case, expected vs got) and "N passed, N failed"; exits 1 when anything failed. The bench
 * requests come from $STATICO_BENCH_REQUESTS, ../shared/bench/requests or tests/fuzz_corpus.
 */
#define STATICO_TEST_SCAN_COUNT
#define STATICO_IMPLEMENTATION
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS under -std=c11 */
#include "../statico.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* ========================================================================= */
/* bookkeeping: each case is one pass or one fail; at most 4 lines a case */
static int n_pass, n_fail, case_line, case_bad;
static char case_name[200];

/* s[0..n) printable, at most max bytes of it; four rotating buffers */
static const char *esc(const char *s, size_t n, size_t max)
{
    static char bufs[4][400];
    static int k;
    char *o = bufs[k++ & 3];
    size_t i, j = 0;
    for (i = 0; i < n && j < sizeof bufs[0] - 32; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i == max) {
            j += (size_t)sprintf(o + j, "...(%zu bytes)", n);
            break;
        }
        if (c == '\r' || c == '\n' || c == '\t') j += (size_t)sprintf(o + j, "\\%c", c == '\r' ? 'r' : c == '\n' ? 'n' : 't');
        else if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') j += (size_t)sprintf(o + j, "\\x%02x", c);
        else o[j++] = (char)c;
    }
    o[j] = 0;
    return o;
}

static void case_begin(int line, const char *what, const char *in, size_t n)
{
    case_line = line;
    case_bad = 0;
    snprintf(case_name, sizeof case_name, "%s \"%s\"", what, esc(in, n, 72));
}

static void failf(const char *fmt, ...)
{
    va_list ap;
    if (++case_bad > 4) return;
    printf("%s:%d: %s: ", __FILE__, case_line, case_name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static void case_end(void)
{
    if (case_bad > 4) printf("%s:%d: %s: (%d more failures)\n", __FILE__, case_line, case_name, case_bad - 4);
    if (case_bad) n_fail++;
    else n_pass++;
}

/* ========================================================================= */
/* buffers: flush against a PROT_NONE page, malloc'd at the exact size, built strings */
static size_t page, g_cap; /* g_cap: bytes before the guard page */
static char *g_base;

static const char *guard(const char *s, size_t n)
{
    if (n > g_cap || !g_base) {
        if (g_base) munmap(g_base, g_cap + page);
        g_cap = n ? (n + page - 1) / page * page : page;
        g_base = mmap(NULL, g_cap + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (g_base == MAP_FAILED || mprotect(g_base + g_cap, page, PROT_NONE)) {
            perror("mmap/mprotect");
            exit(2);
        }
    }
    if (n) memmove(g_base + g_cap - n, s, n);
    return g_base + g_cap - n;
}

typedef struct {
    char *p;
    size_t n, cap;
} str;
static void put(str *s, const void *b, size_t n)
{
    if (s->n + n + 1 > s->cap) {
        s->cap = (s->n + n + 1) * 2;
        if (!(s->p = realloc(s->p, s->cap))) exit(2);
    }
    if (n) memcpy(s->p + s->n, b, n);
    s->n += n;
    s->p[s->n] = 0;
}
static void cat(str *s, ...) /* NUL-terminated pieces, then NULL */
{
    va_list ap;
    const char *z;
    va_start(ap, s);
    while ((z = va_arg(ap, const char *))) put(s, z, strlen(z));
    va_end(ap);
}
static void fill(str *s, int c, size_t n)
{
    char ch = (char)c;
    while (n--) put(s, &ch, 1);
}
static void clear(str *s)
{
    free(s->p);
    memset(s, 0, sizeof *s);
}

/* ========================================================================= */
/* the grammar, restated independently of the library's tables */
static int is_alnum(int c) { return (c >= '0' && c <= '9') || (c < 0x80 && (c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
static int is_tchar(int c) { return is_alnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c)); }
static int is_target(int c) { return c >= 0x21 && c <= 0x7e && c != '#'; }
static int is_value(int c) { return c == '\t' || (c >= 0x20 && c != 0x7f); } /* obs-text included */
static int is_host(int c) { return is_alnum(c) || (c && strchr("-._~!$&'()*+,;=%:[]", c)); }
static int ieq(const char *a, const char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        int x = (unsigned char)a[i], y = (unsigned char)b[i];
        if ((x >= 'A' && x <= 'Z' ? x | 0x20 : x) != (y >= 'A' && y <= 'Z' ? y | 0x20 : y)) return 0;
    }
    return 1;
}
/* s without leading and trailing SP/HTAB; *len in and out */
static const char *trim_ows(const char *s, size_t *len)
{
    size_t n = *len;
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    *len = n;
    return s;
}

/* ========================================================================= */
/* parsing through both paths and both buffers, and the checks shared by the groups */
typedef int (*parse_fn)(statico_request *, const char *, size_t);
static const parse_fn parsers[2] = {statico_parse_request, statico__parse_request_plain};
static const char *const parser_name[2] = {"simd", "plain"};

typedef struct {
    uint32_t max_head, max_target;
} limits;
static const limits deflim = {0, 0};

static void req_init(statico_request *r, const limits *lim)
{
    memset(r, 0, sizeof *r);
    r->max_head = lim->max_head;
    r->max_target = lim->max_target;
}

/* 0 when the two outcomes are identical (on -1: the same status), else 1 and msg */
static int req_diff(int ra, const statico_request *a, int rb, const statico_request *b, char *msg, size_t cap)
{
    unsigned i;
#define DIFF(cond, ...) do { if (cond) { snprintf(msg, cap, __VA_ARGS__); return 1; } } while (0)
#define DIFF_SPAN(f) DIFF(a->f.off != b->f.off || a->f.len != b->f.len, #f " %u+%u vs %u+%u", a->f.off, a->f.len, b->f.off, b->f.len)
    DIFF(ra != rb, "returned %d (status %u) vs %d (status %u)", ra, a->status, rb, b->status);
    if (ra == -1) DIFF(a->status != b->status, "status %u vs %u", a->status, b->status);
    if (ra < 0) return 0;
    DIFF_SPAN(method);
    DIFF_SPAN(target);
    DIFF_SPAN(path);
    DIFF_SPAN(query);
    DIFF(a->method_id != b->method_id, "method_id %u vs %u", a->method_id, b->method_id);
    DIFF(a->version != b->version, "version %u vs %u", a->version, b->version);
    DIFF(a->flags != b->flags, "flags %#x vs %#x", (unsigned)a->flags, (unsigned)b->flags);
    DIFF(a->content_length != b->content_length, "content_length %llu vs %llu",
         (unsigned long long)a->content_length, (unsigned long long)b->content_length);
    DIFF(a->header_count != b->header_count, "header_count %u vs %u", a->header_count, b->header_count);
    for (i = 0; i < a->header_count && i < STATICO_MAX_HEADERS; i++) {
        DIFF_SPAN(headers[i].name);
        DIFF_SPAN(headers[i].value);
    }
    for (i = 0; i < STATICO_HDR__COUNT; i++)
        DIFF(a->index[i] != b->index[i], "index[%s] %u vs %u", statico_header_name((int)i), a->index[i], b->index[i]);
    return 0;
#undef DIFF_SPAN
#undef DIFF
}

/* One shot: SIMD and plain, guard page and heap; all four must agree. The outcome (SIMD, guard
 * page) is left in R and returned. */
static statico_request R;
static int parse_all(const char *in, size_t n, const limits *lim)
{
    static statico_request t;
    char *h = malloc(n ? n : 1), msg[200];
    int mode, r, r0 = 0;
    if (!h) exit(2);
    if (n) memcpy(h, in, n);
    for (mode = 0; mode < 4; mode++) {
        statico_request *q = mode ? &t : &R;
        req_init(q, lim);
        r = parsers[mode & 1](q, mode < 2 ? guard(in, n) : h, n);
        if (!mode) r0 = r;
        else if (req_diff(r0, &R, r, &t, msg, sizeof msg))
            failf("%s path, %s buffer, differs from simd, guard page: %s", parser_name[mode & 1],
                  mode < 2 ? "guard-page" : "heap", msg);
    }
    free(h);
    return r0;
}

/* every prefix shorter than head is -2, through both paths, flush against the guard page */
static void prefixes_incomplete(const char *in, size_t head, const limits *lim)
{
    statico_request q;
    size_t k;
    int p, r;
    for (p = 0; p < 2; p++)
        for (k = 0; k < head; k++) {
            req_init(&q, lim);
            if ((r = parsers[p](&q, guard(in, k), k)) != -2)
                failf("%s: prefix of %zu bytes: expected -2, got %d (status %u)", parser_name[p], k, r, q.status);
        }
}

/* Resumed parses give the one-shot outcome: k bytes then all, for every k (when splits), and one
 * byte at a time, on the same request, the buffer moving between calls. */
static void resume_agrees(const char *in, size_t n, const limits *lim, int splits)
{
    static statico_request one, q;
    char msg[200];
    int oret = parse_all(in, n, lim), p, r;
    size_t k;
    one = R;
    for (p = 0; p < 2; p++) {
        for (k = 1; splits && k < n; k++) {
            req_init(&q, lim);
            if ((r = parsers[p](&q, guard(in, k), k)) == -2) r = parsers[p](&q, guard(in, n), n);
            if (req_diff(oret, &one, r, &q, msg, sizeof msg))
                failf("%s: %zu bytes, then all %zu: resumed vs one-shot: %s", parser_name[p], k, n, msg);
        }
        req_init(&q, lim);
        for (k = 0, r = -2; k <= n && r == -2; k++) r = parsers[p](&q, guard(in, k), k);
        if (req_diff(oret, &one, r, &q, msg, sizeof msg))
            failf("%s: one byte at a time: resumed vs one-shot: %s", parser_name[p], msg);
    }
}

/* the span's bytes are exp */
static void span_is(const char *what, const char *in, size_t n, statico_span s, const char *exp)
{
    size_t el = strlen(exp);
    if ((size_t)s.off + s.len > n) failf("%s: span %u+%u outside the %zu-byte head", what, s.off, s.len, n);
    else if (s.len != el || memcmp(in + s.off, exp, el))
        failf("%s: expected \"%s\", got \"%s\"", what, esc(exp, el, 80), esc(in + s.off, s.len, 80));
}

/* index[] against a linear search by the library's lower-case names; get() against find() */
static void index_consistent(const char *in, const statico_request *q)
{
    int id;
    unsigned i, exp;
    for (id = 0; id < STATICO_HDR__COUNT; id++) {
        const char *nm = statico_header_name(id);
        size_t L = strlen(nm);
        for (exp = 0, i = 0; i < q->header_count && !exp; i++)
            if (q->headers[i].name.len == L && ieq(in + q->headers[i].name.off, nm, L)) exp = i + 1;
        if (!L) failf("statico_header_name(%d) is empty", id);
        if (q->index[id] != exp) failf("index[%s] = %u, expected %u", nm, q->index[id], exp);
        if (statico_request_get(q, id) != statico_request_find(q, in, nm, L))
            failf("statico_request_get(%s) != statico_request_find(\"%s\")", nm, nm);
    }
}

/* ========================================================================= */
/* 1. valid requests; 4. their incomplete prefixes; 5. resumed parses */
enum { OTHER, GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH }; /* enum statico_method */
#define KA STATICO_REQ_KEEP_ALIVE
#define CLOSE STATICO_REQ_CLOSE
#define CHUNKED STATICO_REQ_CHUNKED
#define UPG STATICO_REQ_UPGRADE
#define EXPC STATICO_REQ_EXPECT_CONTINUE
#define CL STATICO_REQ_CONTENT_LENGTH
#define QRY STATICO_REQ_QUERY

typedef struct {
    int line;
    const char *in, *tail;                      /* tail: bytes after the head, not consumed */
    const char *method, *target, *path, *query; /* path 0: the target; query 0: no '?' */
    int mid, ver;
    unsigned flags; /* STATICO_REQ_QUERY is implied by query */
    uint64_t cl;
    int hc;
    const char *h[12]; /* the first headers: name, value, ... */
} valid_case;
/* V(input, tail, method, target, path, query, method_id, version, flags, content_length,
 *   header_count, name, value, ...) */
#define V(in, tail, m, t, path, q, mid, ver, fl, cl, hc, ...) {__LINE__, in, tail, m, t, path, q, mid, ver, fl, cl, hc, {__VA_ARGS__}}
#define G11 "GET / HTTP/1.1\r\nHost: a\r\n"
#define GV(hdrs, hc, ...) V(G11 hdrs "\r\n", 0, "GET", "/", 0, 0, GET, 11, KA, 0, hc, "Host", "a", __VA_ARGS__)
#define H1 "\r\nHost: a\r\n\r\n"

static const valid_case valid[] = {
    V(G11 "\r\n", 0, "GET", "/", 0, 0, GET, 11, KA, 0, 1, "Host", "a"),
    V("GET /p?q=1&r=2 HTTP/1.1" H1, 0, "GET", "/p?q=1&r=2", "/p", "q=1&r=2", GET, 11, KA, 0, 1, "Host", "a"),
    V("GET /? HTTP/1.1" H1, 0, "GET", "/?", "/", "", GET, 11, KA, 0, 1, NULL),
    V("GET /a?b?c/d HTTP/1.1" H1, 0, "GET", "/a?b?c/d", "/a", "b?c/d", GET, 11, KA, 0, 1, NULL),
    V("GET /a/b;p=1/%41!$&'()*+,-.:=@_~\"<>[\\]^`{|} HTTP/1.1" H1, 0, "GET", "/a/b;p=1/%41!$&'()*+,-.:=@_~\"<>[\\]^`{|}",
      0, 0, GET, 11, KA, 0, 1, NULL),
    V("GET http://host:80/p?q HTTP/1.1\r\nHost: host:80\r\n\r\n", 0, "GET", "http://host:80/p?q", "/p", "q", GET, 11,
      KA, 0, 1, "Host", "host:80"),
    V("GET http://host HTTP/1.1\r\nHost: host\r\n\r\n", 0, "GET", "http://host", "", 0, GET, 11, KA, 0, 1, NULL),
    V("GET https://h:1?x HTTP/1.1\r\nHost: h:1\r\n\r\n", 0, "GET", "https://h:1?x", "", "x", GET, 11, KA, 0, 1, NULL),
    V("GET HTTP://h/ HTTP/1.1\r\nHost: h\r\n\r\n", 0, "GET", "HTTP://h/", "/", 0, GET, 11, KA, 0, 1, NULL),
    V("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 0, "CONNECT", "example.com:443", "", 0,
      CONNECT, 11, KA, 0, 1, NULL),
    V("CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n", 0, "CONNECT", "[::1]:8443", "", 0, CONNECT, 11, KA, 0,
      1, NULL),
    V("OPTIONS * HTTP/1.1" H1, 0, "OPTIONS", "*", 0, 0, OPTIONS, 11, KA, 0, 1, NULL),
    V("OPTIONS /x HTTP/1.1" H1, 0, "OPTIONS", "/x", 0, 0, OPTIONS, 11, KA, 0, 1, NULL),
    V("GET / HTTP/1.0\r\n\r\n", 0, "GET", "/", 0, 0, GET, 10, 0, 0, 0, NULL),
    V("GET /x HTTP/1.0\r\nUser-Agent: u\r\n\r\n", 0, "GET", "/x", 0, 0, GET, 10, 0, 0, 1, "User-Agent", "u"),
    V("HEAD / HTTP/1.1" H1, 0, "HEAD", "/", 0, 0, HEAD, 11, KA, 0, 1, NULL),
    V("POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n", "hello", "POST", "/f", 0, 0, POST, 11, KA | CL, 5, 2,
      "Host", "a", "Content-Length", "5"),
    V("PUT / HTTP/1.1" H1, 0, "PUT", "/", 0, 0, PUT, 11, KA, 0, 1, NULL),
    V("DELETE / HTTP/1.1" H1, 0, "DELETE", "/", 0, 0, DELETE, 11, KA, 0, 1, NULL),
    V("TRACE / HTTP/1.1" H1, 0, "TRACE", "/", 0, 0, TRACE, 11, KA, 0, 1, NULL),
    V("PATCH / HTTP/1.1" H1, 0, "PATCH", "/", 0, 0, PATCH, 11, KA, 0, 1, NULL),
    V("PROPFIND / HTTP/1.1" H1, 0, "PROPFIND", "/", 0, 0, OTHER, 11, KA, 0, 1, NULL),
    V("M-SEARCH / HTTP/1.1" H1, 0, "M-SEARCH", "/", 0, 0, OTHER, 11, KA, 0, 1, NULL),
    V("get / HTTP/1.1" H1, 0, "get", "/", 0, 0, OTHER, 11, KA, 0, 1, NULL),
    V("GETS / HTTP/1.1" H1, 0, "GETS", "/", 0, 0, OTHER, 11, KA, 0, 1, NULL),
    V("GE / HTTP/1.1" H1, 0, "GE", "/", 0, 0, OTHER, 11, KA, 0, 1, NULL),
    V("!#$%&'*+-.^_`|~09azAZ / HTTP/1.1" H1, 0, "!#$%&'*+-.^_`|~09azAZ", "/", 0, 0, OTHER, 11, KA, 0, 1, NULL),
    V("\r\nGET / HTTP/1.1" H1, 0, "GET", "/", 0, 0, GET, 11, KA, 0, 1, "Host", "a"),
    V("\r\n\r\n\r\nPOST / HTTP/1.1" H1, 0, "POST", "/", 0, 0, POST, 11, KA, 0, 1, "Host", "a"),
    V(G11 "\r\n", "GET /2 HTTP/1.1\r\nHost: b\r\n\r\n", "GET", "/", 0, 0, GET, 11, KA, 0, 1, NULL),
    GV("X:v\r\n", 2, "X", "v"),
    GV("X-Long: a b  c \r\n", 2, "X-Long", "a b  c"),
    GV("X:\r\nY:   \r\nZ:\t \t\r\n", 4, "X", "", "Y", "", "Z", ""),
    GV("X:\tv\t\r\n", 2, "X", "v"),
    GV("X: a\tb\r\n", 2, "X", "a\tb"),
    GV("X: \t a \t b \t \r\n", 2, "X", "a \t b"),
    GV("X: \x80\xff\r\nY: caf\xc3\xa9 \xfe\r\n", 3, "X", "\x80\xff", "Y", "caf\xc3\xa9 \xfe"),
    GV("X: : \"q\" \\ ~\r\n", 2, "X", ": \"q\" \\ ~"),
    GV("!#$%&'*+-.^_`|~09azAZ: v\r\n", 2, "!#$%&'*+-.^_`|~09azAZ", "v"),
    GV("A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n", 6, "A", "1", "B", "2", "C", "3", "D", "4", "E", "5"),
};

/* A valid request in[0..n) whose head is its first `head` bytes, three cases: the outcome
 * against c, every incomplete prefix, the resumed parses. */
static void check_valid(const valid_case *c, const char *in, size_t n, size_t head)
{
    unsigned flags = c->flags | (c->query ? QRY : 0);
    int r, i;
    case_begin(c->line, "valid", in, n);
    if ((r = parse_all(in, n, &deflim)) != (int)head) {
        failf("returned %d (status %u), expected %zu", r, R.status, head);
    } else {
        span_is("method", in, head, R.method, c->method);
        span_is("target", in, head, R.target, c->target);
        span_is("path", in, head, R.path, c->path ? c->path : c->target);
        span_is("query", in, head, R.query, c->query ? c->query : "");
        if (R.method_id != c->mid) failf("method_id: expected %d, got %u", c->mid, R.method_id);
        if (R.version != c->ver) failf("version: expected %d, got %u", c->ver, R.version);
        if (R.flags != flags) failf("flags: expected %#x, got %#x", flags, (unsigned)R.flags);
        if (R.content_length != c->cl)
            failf("content_length: expected %llu, got %llu", (unsigned long long)c->cl, (unsigned long long)R.content_length);
        if (R.header_count != c->hc) failf("header_count: expected %d, got %u", c->hc, R.header_count);
        for (i = 0; i < c->hc && i < STATICO_MAX_HEADERS; i++) {
            if (i < 6 && c->h[2 * i]) {
                span_is("header name", in, head, R.headers[i].name, c->h[2 * i]);
                span_is("header value", in, head, R.headers[i].value, c->h[2 * i + 1]);
            } else if (!R.headers[i].name.len) {
                failf("header %d has an empty name", i);
            }
        }
        index_consistent(in, &R);
    }
    case_end();
    case_begin(c->line, "every incomplete prefix is -2", in, n);
    prefixes_incomplete(in, head, &deflim);
    case_end();
    case_begin(c->line, "resumed = one-shot", in, n);
    resume_agrees(in, n, &deflim, 1);
    case_end();
}

static void test_valid(void)
{
    static const size_t lens[] = {1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 200, 1000};
    size_t i, L;
    for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
        str s = {0};
        cat(&s, valid[i].in, valid[i].tail ? valid[i].tail : "", NULL);
        check_valid(&valid[i], s.p, s.n, strlen(valid[i].in));
        clear(&s);
    }
    /* names and values about the 64-byte SIMD windows */
    for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        str nm = {0}, v = {0}, n2 = {0}, v2 = {0}, s = {0};
        fill(&nm, 'N', lens[i]);
        fill(&v, 'v', lens[i]);
        cat(&n2, "X-", nm.p, NULL);
        cat(&v2, v.p, " x", NULL);
        cat(&s, G11, nm.p, ": ", v.p, "\r\n", n2.p, ":", v2.p, " \r\n\r\n", NULL);
        {
            valid_case c = V(0, 0, "GET", "/", 0, 0, GET, 11, KA, 0, 3, "Host", "a", nm.p, v.p, n2.p, v2.p);
            check_valid(&c, s.p, s.n, s.n);
        }
        clear(&nm), clear(&v), clear(&n2), clear(&v2), clear(&s);
    }
    /* a request line, a header line and a name line of L bytes with CRLF, L about 64 and 128 */
    for (L = 62; L <= 130; L = L == 66 ? 126 : L + 1) {
        str s = {0}, t = {0}, v = {0}, nm = {0};
        cat(&t, "/", NULL);
        fill(&t, 't', L - 16);
        fill(&v, 'v', L - 5);
        fill(&nm, 'n', L - 5);
        cat(&s, "GET ", t.p, " HTTP/1.1\r\nHost: a\r\nX: ", v.p, "\r\n", nm.p, ": v\r\n\r\n", NULL);
        {
            valid_case c = V(0, 0, "GET", t.p, 0, 0, GET, 11, KA, 0, 3, "Host", "a", "X", v.p, nm.p, "v");
            check_valid(&c, s.p, s.n, s.n);
        }
        clear(&s), clear(&t), clear(&v), clear(&nm);
    }
}

/* the bench requests, read at run time: consumed whole */
static void test_bench_files(void)
{
    static const struct {
        const char *name, *host;
        int hc, mid;
        uint64_t cl;
    } files[] = {{"small", "localhost", 1, GET, 0}, {"medium", "www.example.com", 9, GET, 0},
                 {"large", "www.example.com", 20, GET, 0}, {"pico_bench", "www.kittyhell.com", 9, GET, 0},
                 {"post_cl", "api.example.com", 5, POST, 1234}};
    static const char *const dirs[] = {"", "../shared/bench/requests/%s.txt", "shared/bench/requests/%s.txt",
                                       "/work/shared/bench/requests/%s.txt", "tests/fuzz_corpus/req_%s.txt",
                                       "fuzz_corpus/req_%s.txt"};
    const char *env = getenv("STATICO_BENCH_REQUESTS");
    size_t i, d, k;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512], b[4096];
        str in = {0};
        FILE *f = NULL;
        for (d = env ? 0 : 1; !f && d < sizeof dirs / sizeof dirs[0]; d++) {
            if (d) snprintf(path, sizeof path, dirs[d], files[i].name);
            else snprintf(path, sizeof path, "%s/%s.txt", env, files[i].name);
            f = fopen(path, "rb");
        }
        case_begin(__LINE__, "bench request", files[i].name, strlen(files[i].name));
        if (!f) {
            failf("%s.txt not found (set STATICO_BENCH_REQUESTS to its folder)", files[i].name);
            case_end();
            continue;
        }
        while ((k = fread(b, 1, sizeof b, f)) > 0) put(&in, b, k);
        fclose(f);
        if (parse_all(in.p, in.n, &deflim) != (int)in.n) {
            failf("%s: returned %d (status %u), expected the file size %zu", path, parse_all(in.p, in.n, &deflim),
                  R.status, in.n);
        } else {
            if (R.header_count != files[i].hc) failf("header_count: expected %d, got %u", files[i].hc, R.header_count);
            if (R.method_id != files[i].mid) failf("method_id: expected %d, got %u", files[i].mid, R.method_id);
            if (R.flags != (KA | (files[i].cl ? CL : 0) | (memchr(in.p, '?', in.n) ? QRY : 0)))
                failf("flags: got %#x", (unsigned)R.flags);
            if (R.content_length != files[i].cl) failf("content_length: got %llu", (unsigned long long)R.content_length);
            span_is("Host", in.p, in.n, statico_request_get(&R, STATICO_HDR_HOST)->value, files[i].host);
            index_consistent(in.p, &R);
        }
        prefixes_incomplete(in.p, in.n, &deflim);
        resume_agrees(in.p, in.n, &deflim, 1);
        case_end();
        clear(&in);
    }
}

/* The O(1) index: every known name in mixed case ("hOsT", ...), look-alikes that must not be
 * indexed, repeated names (the index points to the first); statico_request_find(). */
static void test_index(void)
{
    static const char *const look[] = {"Hosts", "X-Host", "Hos", "Hxst", "Host-", "Content-Lengthx", "Content_Length",
                                       "Content.Length", "content-lengtH2", "Accept-", "Te-", "T", "Dnt1", "Vi",
                                       "Cxxxie", "If-None-Matc"};
    static const char *const vals[] = {"h", "5", "", "keep-alive, upgrade", "100-continue", "websocket"};
    static const char in2[] = "GET / HTTP/1.1\r\nhost:a\r\nte:\r\n\r\n"; /* short names near the end */
    const statico_header *h;
    str s = {0};
    int id, k;
    size_t i;
    cat(&s, "GET / HTTP/1.1\r\n", NULL);
    for (i = 0; i < sizeof look / sizeof look[0]; i++) cat(&s, look[i], ": look\r\n", NULL);
    for (id = 0; id < STATICO_HDR__COUNT; id++) {
        const char *nm = statico_header_name(id);
        if (id == STATICO_HDR_TRANSFER_ENCODING) continue; /* with Content-Length it is 400 */
        for (k = 0; nm[k]; k++) fill(&s, (k + id) & 1 && nm[k] >= 'a' ? nm[k] - 32 : nm[k], 1);
        cat(&s, ": ", id <= STATICO_HDR_UPGRADE ? vals[id] : "first", "\r\n", NULL);
    }
    cat(&s, "ACCEPT: second\r\ncookie: second\r\nx-request-id: second\r\n\r\n", NULL);
    case_begin(__LINE__, "index", s.p, s.n);
    if (parse_all(s.p, s.n, &deflim) != (int)s.n) {
        failf("returned %d (status %u)", parse_all(s.p, s.n, &deflim), R.status);
    } else {
        index_consistent(s.p, &R);
        for (id = 0; id < STATICO_HDR__COUNT; id++) {
            h = statico_request_get(&R, id);
            if (id == STATICO_HDR_TRANSFER_ENCODING ? h != NULL : !h) failf("get(%s) = %p", statico_header_name(id), (const void *)h);
            else if (h && id > STATICO_HDR_UPGRADE) span_is(statico_header_name(id), s.p, s.n, h->value, "first");
        }
        h = statico_request_get(&R, STATICO_HDR_HOST);
        if (h != statico_request_find(&R, s.p, "hOsT", 4) || h != statico_request_find(&R, s.p, "HOST", 4))
            failf("find(\"hOsT\") is not get(HOST)");
        if (statico_request_get(&R, STATICO_HDR_CONTENT_LENGTH) != statico_request_find(&R, s.p, "CONTENT-length", 14))
            failf("find(\"CONTENT-length\") is not get(CONTENT_LENGTH)");
        for (i = 0; i < sizeof look / sizeof look[0]; i++)
            if (statico_request_find(&R, s.p, look[i], strlen(look[i])) != &R.headers[i])
                failf("find(\"%s\") is not header %zu", look[i], i);
        if (statico_request_find(&R, s.p, "Hos", 2) || statico_request_find(&R, s.p, "nope", 4))
            failf("find() of an absent name is not NULL");
        if (R.flags != (KA | CL | EXPC | UPG) || R.content_length != 5) failf("flags %#x", (unsigned)R.flags);
    }
    if (parse_all(in2, sizeof in2 - 1, &deflim) != (int)sizeof in2 - 1) failf("\"%s\" is not valid", esc(in2, 40, 40));
    else if (index_consistent(in2, &R), R.index[STATICO_HDR_TE] != 2) failf("te: not indexed");
    case_end();
    clear(&s);
}

/* statico_request_reset() keeps the limits and parses the next pipelined request */
static void test_reset(void)
{
    static const char in[] = "GET /1 HTTP/1.1\r\nHost: a\r\nX: 1\r\n\r\nPOST /2?q HTTP/1.1\r\nHost: b\r\n"
                             "Content-Length: 2\r\n\r\nhi";
    const size_t n = sizeof in - 1;
    statico_request q;
    int p, r1, r2;
    case_begin(__LINE__, "reset and pipelining", in, n);
    for (p = 0; p < 2; p++) {
        const char *b = guard(in, n);
        req_init(&q, &deflim);
        q.max_head = 1000;
        q.max_target = 50;
        r1 = parsers[p](&q, b, n);
        statico_request_reset(&q);
        if (q.max_head != 1000 || q.max_target != 50) failf("%s: reset lost the limits", parser_name[p]);
        if (q.header_count || q.flags || q.method.len || q.index[STATICO_HDR_HOST]) failf("%s: reset kept outputs", parser_name[p]);
        r2 = r1 > 0 ? parsers[p](&q, b + r1, n - (size_t)r1) : -3;
        if (r1 != 34 || r2 != (int)n - 34 - 2) {
            failf("%s: returned %d, %d", parser_name[p], r1, r2);
        } else {
            span_is("path", in + r1, (size_t)r2, q.path, "/2");
            span_is("query", in + r1, (size_t)r2, q.query, "q");
            if (q.header_count != 2 || q.content_length != 2 || q.method_id != POST) failf("%s: second request", parser_name[p]);
        }
    }
    case_end();
}

/* ========================================================================= */
/* 2. semantics and 3. errors: status 0 is success with the flags and content_length given */
typedef struct {
    int line;
    const char *in;
    int status;
    unsigned flags;
    uint64_t cl;
} status_case;
#define S(in, st, fl, cl) {__LINE__, in, st, fl, cl}
#define E(in, st) S(in, st, 0, 0)
#define RL(line, st) E(line H1, st) /* a request line, then "Host: a" */
#define G10 "GET / HTTP/1.0\r\n"
#define P11 "POST / HTTP/1.1\r\nHost: a\r\n"
#define CLH "Content-Length: "
#define TE "Transfer-Encoding: "
#define CLV(v, st, cl) S(P11 CLH v "\r\n\r\n", st, st ? 0 : KA | CL, cl)
#define TEV(v, st) S(P11 TE v "\r\n\r\n", st, st ? 0 : KA | CHUNKED, 0)

static const status_case semantic[] = {
    /* keep-alive */
    S(G11 "\r\n", 0, KA, 0), S(G11 "Connection: close\r\n\r\n", 0, CLOSE, 0),
    S(G11 "Connection: CLOSE\r\n\r\n", 0, CLOSE, 0), S(G11 "Connection: keep-alive\r\n\r\n", 0, KA, 0),
    S(G11 "Connection: foo, close\r\n\r\n", 0, CLOSE, 0), S(G11 "Connection: close ,foo\r\n\r\n", 0, CLOSE, 0),
    S(G11 "Connection: keep-alive, Close\r\n\r\n", 0, CLOSE, 0), S(G11 "Connection: , ,close,\r\n\r\n", 0, CLOSE, 0),
    S(G11 "Connection: foo\r\nX: y\r\nconnection: bar,cLoSe\r\n\r\n", 0, CLOSE, 0),
    S(G11 "Connection: closed, xclose, close-x\r\n\r\n", 0, KA, 0), S(G11 "Connection:\r\n\r\n", 0, KA, 0),
    S(G10 "\r\n", 0, 0, 0), S(G10 "Host: a\r\n\r\n", 0, 0, 0), S(G10 "Connection: keep-alive\r\n\r\n", 0, KA, 0),
    S(G10 "Connection: Keep-Alive\r\n\r\n", 0, KA, 0), S(G10 "Connection: keep-alives\r\n\r\n", 0, 0, 0),
    S(G10 "Connection: foo\r\nConnection: x, KEEP-ALIVE\r\n\r\n", 0, KA, 0),
    S(G10 "Connection: keep-alive, close\r\n\r\n", 0, CLOSE, 0), S(G10 "Connection: close\r\n\r\n", 0, CLOSE, 0),
    /* upgrade */
    S(G11 "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n", 0, KA | UPG, 0),
    S(G11 "Connection: keep-alive, upgrade\r\nUpgrade: h2c\r\n\r\n", 0, KA | UPG, 0),
    S(G11 "Connection: close, UPGRADE\r\nUpgrade: x\r\n\r\n", 0, CLOSE | UPG, 0),
    S(G11 "Connection: foo\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\n", 0, KA | UPG, 0),
    S(G11 "Upgrade: websocket\r\n\r\n", 0, KA, 0), S(G11 "Connection: upgrade\r\n\r\n", 0, KA, 0),
    S(G11 "Connection: upgrades\r\nUpgrade: x\r\n\r\n", 0, KA, 0),
    /* RFC 9110 7.8: a server MUST ignore an Upgrade header field received in an HTTP/1.0 request */
    S(G10 "Upgrade: websocket\r\nConnection: upgrade\r\n\r\n", 0, 0, 0),
    /* expect */
    S(G11 "Expect: 100-continue\r\n\r\n", 0, KA | EXPC, 0), S(G11 "Expect: 100-Continue\r\n\r\n", 0, KA | EXPC, 0),
    S(G11 "EXPECT:  100-CONTINUE \r\n\r\n", 0, KA | EXPC, 0), S(G11 "Expect: 200-continue\r\n\r\n", 0, KA, 0),
    S(G11 "Expect: 100-continues\r\n\r\n", 0, KA, 0),
    /* RFC 9110 10.1.1: a server MUST ignore a 100-continue expectation in an HTTP/1.0 request */
    S(G10 "Expect: 100-continue\r\n\r\n", 0, 0, 0),
    /* content-length */
    CLV("0", 0, 0), CLV("5", 0, 5), CLV("007", 0, 7), CLV("1234567890123", 0, 1234567890123ull),
    CLV("9223372036854775807", 0, 9223372036854775807ull), CLV("000000000000000000000000042", 0, 42),
    S(P11 "content-length:\t42 \r\n\r\n", 0, KA | CL, 42), S(P11 CLH "5\r\n" CLH "5\r\n\r\n", 0, KA | CL, 5),
    S(P11 CLH "5\r\nConnection: close\r\n" CLH "5\r\n\r\n", 0, CLOSE | CL, 5), S(G10 CLH "3\r\n\r\n", 0, CL, 3),
    CLV("9223372036854775808", 400, 0), CLV("18446744073709551615", 400, 0), CLV("18446744073709551616", 400, 0),
    CLV("99999999999999999999999", 400, 0), CLV("+5", 400, 0), CLV("-5", 400, 0), CLV("5 5", 400, 0),
    CLV("5,5", 400, 0), CLV("", 400, 0), CLV(" \t ", 400, 0), CLV("0x5", 400, 0), CLV("5a", 400, 0),
    CLV("5\x80", 400, 0), E(P11 CLH "5\r\n" CLH "6\r\n\r\n", 400), E(P11 CLH "5\r\nX: y\r\ncontent-length: 6\r\n\r\n", 400),
    E("GET / HTTP/1.1\r\n" CLH "1\r\n" CLH "1\r\n\r\n", 400), /* still needs a Host */
    /* transfer-encoding */
    TEV("chunked", 0), TEV("CHUNKED", 0), TEV("gzip, chunked", 501), TEV("gzip,chunked", 501),
    TEV("gzip;q=1, chunked", 501), TEV("gzip ; q = 1 , chunked", 501), TEV("gzip;a=\"x, \\\"y\", chunked", 501),
    TEV("x-custom, deflate, chunked", 501), TEV("chunked, gzip", 400), TEV("chunked, chunked", 400), TEV("", 400),
    TEV(", chunked", 400), TEV("chunked,", 400), TEV("gzip,,chunked", 400), TEV("gzip", 400), TEV("chunkedx", 400),
    TEV("chunked;q=1", 400), TEV("chunked ; a=b", 400), TEV("gzip;, chunked", 400), TEV("gzip;a, chunked", 400),
    TEV("gzip;a=, chunked", 400), TEV("gzip;a=\"x, chunked", 400),
    S(P11 "transfer-encoding:\tChunked \r\n\r\n", 0, KA | CHUNKED, 0),
    S(P11 TE "chunked\r\nConnection: close\r\n\r\n", 0, CLOSE | CHUNKED, 0),
    E(P11 TE "gzip\r\n" TE "chunked\r\n\r\n", 501), E(P11 TE "chunked\r\n" TE "gzip\r\n\r\n", 400),
    E(P11 TE "chunked\r\n" TE "chunked\r\n\r\n", 400), E(P11 TE "chunked\r\n" CLH "5\r\n\r\n", 400),
    E(P11 CLH "5\r\n" TE "chunked\r\n\r\n", 400), E(P11 CLH "5\r\n" TE "gzip, chunked\r\n\r\n", 400),
    E("POST / HTTP/1.0\r\n" TE "chunked\r\n\r\n", 400),
    /* host */
    E("GET / HTTP/1.1\r\n\r\n", 400), E("GET / HTTP/1.1\r\nX-Host: a\r\n\r\n", 400), E(G11 "Host: a\r\n\r\n", 400),
    E(G11 "host: b\r\n\r\n", 400), E(G10 "Host: a\r\nHost: a\r\n\r\n", 400), E(G10 "Host: a?b\r\n\r\n", 400),
    E("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400), E("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400),
    E("GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", 400), E("GET / HTTP/1.1\r\nHost: a\tb\r\n\r\n", 400),
    E("GET / HTTP/1.1\r\nHost: a\xc3\xa9\r\n\r\n", 400), E(P11 CLH "1\r\nHost: a\r\n\r\n", 400),
    S("GET / HTTP/1.1\r\nHost:\r\n\r\n", 0, KA, 0), S("GET / HTTP/1.1\r\nHost: \t \r\n\r\n", 0, KA, 0),
    S("GET / HTTP/1.1\r\nHOST: [::1]:8080\r\n\r\n", 0, KA, 0),
    S("GET / HTTP/1.1\r\nhost: xn--bcher-kva.example:443\r\n\r\n", 0, KA, 0),
    S("GET / HTTP/1.1\r\nHost: a-b.c_d~e!$&'()*+,;=%41\r\n\r\n", 0, KA, 0),
};

static const status_case errors[] = {
    /* version */
    RL("GET / HTTP/1.2", 505), RL("GET / HTTP/2.0", 505), RL("GET / HTTP/0.9", 505), RL("GET / HTTP/3.0", 505),
    RL("GET / HTTP/9.9", 505), RL("GET / HTTP/1.1x", 400), RL("GET / http/1.1", 400), RL("GET / HTTP/1", 400),
    RL("GET / HTTP/11.1", 400), RL("GET / HTX", 400), RL("GET / HTTP/1.10", 400), RL("GET / HTTP/1.1 ", 400),
    RL("GET / HTTP/2", 400), RL("GET / HTTP/1.a", 400), RL("GET / HTTP/a.1", 400), RL("GET / HTTP 1.1", 400),
    RL("GET / ", 400),
    /* the request line's shape */
    RL("GET  / HTTP/1.1", 400), RL("GET /  HTTP/1.1", 400), RL(" GET / HTTP/1.1", 400), RL(" / HTTP/1.1", 400),
    RL("GET HTTP/1.1", 400), RL("GET  HTTP/1.1", 400), RL("GET", 400), RL("GET /", 400),
    RL("GET\t/\tHTTP/1.1", 400), RL("GET /\tHTTP/1.1", 400), RL("GET\t/ HTTP/1.1", 400),
    /* the target's form */
    RL("GET * HTTP/1.1", 400), RL("HEAD * HTTP/1.1", 400), RL("OPTIONS ** HTTP/1.1", 400),
    RL("OPTIONS *x HTTP/1.1", 400), RL("CONNECT / HTTP/1.1", 400), RL("CONNECT /a:443 HTTP/1.1", 400),
    RL("CONNECT * HTTP/1.1", 400), RL("CONNECT example.com HTTP/1.1", 400), RL("CONNECT example.com: HTTP/1.1", 400),
    RL("CONNECT :443 HTTP/1.1", 400), RL("CONNECT a/b:443 HTTP/1.1", 400), RL("CONNECT http://a:1/ HTTP/1.1", 400),
    RL("GET example.com:443 HTTP/1.1", 400), RL("GET /a#b HTTP/1.1", 400), RL("GET # HTTP/1.1", 400),
    RL("GET ?x HTTP/1.1", 400), RL("GET a HTTP/1.1", 400), RL("GET http:/x HTTP/1.1", 400),
    RL("GET 1http://a/ HTTP/1.1", 400), RL("GET http://a b/ HTTP/1.1", 400), RL("GET http://a\"b/ HTTP/1.1", 400),
    /* RFC 9110 4.2.1: an "http" URI with an empty host MUST be rejected as invalid */
    RL("GET http:///p HTTP/1.1", 400),
    /* header lines */
    E(G11 " folded\r\n\r\n", 400), E(G11 "\tfolded\r\n\r\n", 400), E(G11 "X: a\r\n b\r\n\r\n", 400),
    E("GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400), E("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
    E("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", 400), E(G11 ": x\r\n\r\n", 400), E(G11 ":\r\n\r\n", 400),
    E(G11 "X y: z\r\n\r\n", 400), E(G11 "X\r\n\r\n", 400), E(G11 "X y\r\n\r\n", 400),
    /* bare LF, bare CR */
    E("GET / HTTP/1.1\nHost: a\r\n\r\n", 400), E("GET / HTTP/1.1\r\nHost: a\n\r\n", 400),
    E("GET / HTTP/1.1\r\nHost: a\r\n\n", 400), E(G11 "X: b\n\r\n", 400), E(G11 "X: b\nY: c\r\n\r\n", 400),
    E("\nGET / HTTP/1.1" H1, 400), E("\r\n\nGET / HTTP/1.1" H1, 400), E("GET / HTTP/1.1\rHost: a\r\n\r\n", 400),
    E("GET / HTTP/1.1\r\r\nHost: a\r\n\r\n", 400), E("GET / HTTP/1.1\r\nHost: a\r\r\n\r\n", 400),
    E("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400), E("GET / HTTP/1.1\r\nHost: a\r\n\rX\r\n", 400),
    E("GET / HTTP/1.1\r\nHost: a\r\n\r\r\n", 400), E(G11 "X\r: y\r\n\r\n", 400), E("\rGET / HTTP/1.1" H1, 400),
    E("\r\rGET / HTTP/1.1" H1, 400), E("\r\n\rGET / HTTP/1.1" H1, 400), RL("GET\r / HTTP/1.1", 400),
    RL("GET /\r HTTP/1.1", 400),
};

/* The one-shot outcome, every prefix -2 for the semantic rows (framing headers are interpreted
 * when the head is complete), resumed parses (for errors: the same status). */
static void check_status_table(const status_case *t, size_t n, int semantic)
{
    size_t i;
    for (i = 0; i < n; i++) {
        const status_case *c = &t[i];
        size_t len = strlen(c->in);
        int r;
        case_begin(c->line, c->status ? "error" : "valid", c->in, len);
        r = parse_all(c->in, len, &deflim);
        if (c->status) {
            if (r != -1 || R.status != c->status)
                failf("expected -1 with status %d, got %d (status %u, flags %#x)", c->status, r, R.status, (unsigned)R.flags);
        } else if (r != (int)len) {
            failf("returned %d (status %u), expected %zu", r, R.status, len);
        } else {
            if (R.flags != c->flags) failf("flags: expected %#x, got %#x", c->flags, (unsigned)R.flags);
            if (R.content_length != c->cl)
                failf("content_length: expected %llu, got %llu", (unsigned long long)c->cl, (unsigned long long)R.content_length);
            index_consistent(c->in, &R);
        }
        if (semantic) prefixes_incomplete(c->in, len, &deflim);
        resume_agrees(c->in, len, &deflim, 1);
        case_end();
    }
}

/* ========================================================================= */
/* 6. every byte value inserted into the method, the target, a header name, a header value and
 * the Host value, at offsets about the SIMD windows (short lines followed by more bytes reach the
 * one-window fast paths); checked against the grammar */
enum { B_METHOD, B_TARGET, B_NAME, B_VALUE, B_HOST };
static const char *const b_class[] = {"method", "target", "header name", "header value", "Host value"};
static const size_t b_pos[][20] = {
    {0, 1, 3, 5, 7, 8, 17, 33, 63, 65},                                                     /* in "GET", 7, 8, 80 bytes */
    {1, 2, 15, 16, 29, 30, 31, 32, 33, 63, 64, 65, 100, 120},                               /* in 30, 120 */
    {0, 1, 10, 19, 20, 31, 32, 62, 63, 64, 65, 80, 91},                                     /* in 20, 91 */
    {0, 1, 10, 19, 20, 29, 30, 31, 59, 60, 61, 62, 63, 124, 125, 126, 127, 140},            /* in 20, 140 */
    {0, 1, 20, 56, 57, 58, 64, 65, 100, 110},                                               /* in 57, 58, 110 */
};

static void byte_case(int cls, int b, size_t pos, int resume)
{
    static const size_t base[][4] = {{3, 7, 8, 80}, {30, 120, 120, 120}, {20, 91, 91, 91}, {20, 140, 140, 140},
                                     {57, 58, 110, 110}};
    static const size_t upto[][3] = {{3, 7, 8}, {30, 999, 999}, {20, 999, 999}, {20, 999, 999}, {57, 58, 999}};
    const size_t *bl = base[cls], *ut = upto[cls];
    size_t len = pos <= ut[0] ? bl[0] : pos <= ut[1] ? bl[1] : pos <= ut[2] ? bl[2] : bl[3], head, k, vn;
    str in = {0}, part = {0}, t = {0};
    const char *v;
    char name[64];
    int ok, r;
    /* part: the base of `len` bytes with b inserted at pos */
    fill(&t, "Mtnvh"[cls], len);
    if (cls == B_METHOD && len == 3) memcpy(t.p, "GET", 3);
    if (cls == B_TARGET) t.p[0] = '/';
    put(&part, t.p, pos);
    fill(&part, b, 1);
    put(&part, t.p + pos, t.n - pos);
    vn = part.n;
    v = trim_ows(part.p, &vn);
    switch (cls) {
    case B_METHOD: ok = is_tchar(b), cat(&in, part.p, " / HTTP/1.1" H1, NULL); break;
    case B_TARGET: ok = is_target(b), cat(&in, "GET ", part.p, " HTTP/1.1" H1, NULL); break;
    case B_NAME: ok = is_tchar(b) || (b == ':' && pos), cat(&in, G11, part.p, ": v\r\n", NULL); break;
    case B_VALUE: ok = is_value(b), cat(&in, G11 "X: ", part.p, "\r\n", NULL); break;
    default:
        for (ok = is_value(b), k = 0; k < vn; k++) ok &= is_host((unsigned char)v[k]);
        cat(&in, "GET / HTTP/1.1\r\nHost: ", part.p, "\r\n", NULL);
    }
    if (b == 0) put(&in, "", 0), in.n = in.n; /* part.p holds the NUL: build with put below */
    if (b == 0) {
        clear(&in);
        put(&in, cls == B_METHOD ? "" : cls == B_TARGET ? "GET " : cls == B_HOST ? "GET / HTTP/1.1\r\nHost: " : G11,
            cls == B_METHOD ? 0 : cls == B_TARGET ? 4 : cls == B_HOST ? 22 : strlen(G11));
        if (cls == B_VALUE) cat(&in, "X: ", NULL);
        put(&in, part.p, part.n);
        cat(&in, cls == B_METHOD ? " / HTTP/1.1" H1 : cls == B_TARGET ? " HTTP/1.1" H1 : cls == B_NAME ? ": v\r\n" : "\r\n", NULL);
    }
    if (cls >= B_NAME) cat(&in, "Z: zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\r\n\r\n", NULL);
    snprintf(name, sizeof name, "byte 0x%02x at %zu of a %zu-byte %s in", b, pos, len, b_class[cls]);
    case_begin(__LINE__, name, in.p, in.n);
    r = parse_all(in.p, in.n, &deflim);
    head = in.n;
    if (!ok) {
        if (r != -1 || R.status != 400) failf("expected -1 with status 400, got %d (status %u)", r, R.status);
    } else if (r != (int)head) {
        failf("expected %zu, got %d (status %u)", head, r, R.status);
    } else if (cls == B_METHOD) {
        span_is("method", in.p, head, R.method, part.p);
        if (R.method_id != OTHER) failf("method_id %u", R.method_id);
    } else if (cls == B_TARGET) {
        span_is("target", in.p, head, R.target, part.p);
        span_is("query", in.p, head, R.query, b == '?' ? part.p + pos + 1 : "");
        if (b == '?') part.p[pos] = 0;
        span_is("path", in.p, head, R.path, part.p);
        if (!(R.flags & QRY) != (b != '?')) failf("STATICO_REQ_QUERY %s", b == '?' ? "missing" : "without a '?'");
    } else if (cls == B_NAME) {
        str val = {0};
        cat(&val, b == ':' ? part.p + pos + 1 : "", b == ':' ? ": v" : "v", NULL);
        if (b == ':') part.p[pos] = 0;
        span_is("name", in.p, head, R.headers[1].name, part.p);
        span_is("value", in.p, head, R.headers[1].value, val.p);
        clear(&val);
    } else {
        ((char *)v)[vn] = 0;
        span_is("value", in.p, head, R.headers[cls == B_VALUE ? 1 : 0].value, v);
    }
    if (resume) resume_agrees(in.p, in.n, &deflim, 0);
    case_end();
    clear(&in), clear(&part), clear(&t);
}

static void test_bytes(void)
{
    int cls, b;
    size_t i;
    for (cls = B_METHOD; cls <= B_HOST; cls++)
        for (b = 0; b < 256; b++)
            for (i = 0; i < 20 && (i == 0 || b_pos[cls][i]); i++) byte_case(cls, b, b_pos[cls][i], i == 1);
}
