/* test_parser.c - table tests of the statico.h request parser and chunked decoder.
 *
 *   cc -std=c11 -O1 -g -Wall -Wextra -Werror [-march=native] tests/test_parser.c -o build/tp && build/tp
 *
 * (bash tests/run builds it at every SIMD level, with STATICO_NO_SIMD and under ASan+UBSan.)
 * The whole suite runs once for each SIMD level the build and the CPU have (statico_simd_force():
 * every x86-64 level from one plain build, the one level of a -march build). Every parse runs
 * through statico_parse_request() (SIMD kernels) and its plain-C twin
 * statico__parse_request_plain(), each on a fresh zeroed request, with the input flush against a
 * PROT_NONE page (an over-read faults) and once more from a malloc'd buffer of its exact size;
 * all four outcomes must be identical. Prints one line per failure (file:line of the table row,
 * the case, expected vs got) and "N passed, N failed"; exits 1 when anything failed. The bench
 * requests come from $STATICO_BENCH_REQUESTS, ../shared/bench/requests or tests/fuzz_corpus.
 */
#define STATICO_TEST_SCAN_COUNT
#define STATICO_IMPLEMENTATION
#define STATICO_TESTING /* the plain-C parser entry and the engine hooks */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* MAP_ANONYMOUS under -std=c11, and what the rest of the implementation uses */
#endif
#include "../statico.h"

#include <sys/mman.h>
#include <unistd.h>

static const char check_file[] = __FILE__;
#include "check.h"

/* a case named by what it checks and (the start of) its input */
static void case_begin(int line, const char *what, const char *in, size_t n)
{
    char name[sizeof case_name];
    snprintf(name, sizeof name, "%s \"%s\"", what, esc(in, n, 72));
    case_open(line, name);
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
static char simd_name[40] = "simd"; /* "simd AVX2": the level the suite runs now */
static const char *const parser_name[2] = {simd_name, "plain"};

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
#define DIFF_SPAN(f)                                                                                                   \
    DIFF(a->f.off != b->f.off || a->f.len != b->f.len, #f " %u+%u vs %u+%u", a->f.off, a->f.len, b->f.off, b->f.len)
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
 * byte at a time (the same as a fresh parse of each prefix), on the same request, the buffer
 * moving between calls. */
static void resume_agrees(const char *in, size_t n, const limits *lim, int splits)
{
    static statico_request one, q, f;
    char msg[200];
    int oret = parse_all(in, n, lim), p, r, rf;
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
        for (k = 0, r = -2; k <= n && r == -2; k++) {
            req_init(&f, lim);
            rf = parsers[p](&f, guard(in, k), k);
            r = parsers[p](&q, guard(in, k), k);
            if (req_diff(rf, &f, r, &q, msg, sizeof msg))
                failf("%s: one byte at a time, at %zu bytes: resumed vs one-shot: %s", parser_name[p], k, msg);
        }
        if (req_diff(oret, &one, r, &q, msg, sizeof msg))
            failf("%s: one byte at a time: resumed vs one-shot: %s", parser_name[p], msg);
    }
}

/* The same bytes followed by 80 more (a body, the next request) give the same outcome: the
 * last lines then lie inside the buffer, where the one-window fast paths run. */
static void tail_agrees(const char *in, size_t n, const limits *lim)
{
    static statico_request one;
    str s = {0};
    char msg[200];
    int r0 = parse_all(in, n, lim);
    one = R;
    put(&s, in, n);
    fill(&s, 'x', 80);
    if (r0 != -2 && req_diff(r0, &one, parse_all(s.p, s.n, lim), &R, msg, sizeof msg))
        failf("followed by 80 more bytes: %s", msg);
    clear(&s);
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
#define V(in, tail, m, t, path, q, mid, ver, fl, cl, hc, ...)                                                          \
    {__LINE__, in, tail, m, t, path, q, mid, ver, fl, cl, hc, {__VA_ARGS__}}
#define G11 "GET / HTTP/1.1\r\nHost: a\r\n"
#define GV(hdrs, hc, ...) V(G11 hdrs "\r\n", 0, "GET", "/", 0, 0, GET, 11, KA, 0, hc, "Host", "a", __VA_ARGS__)
#define H1 "\r\nHost: a\r\n\r\n"

static const valid_case valid[] = {
    V(G11 "\r\n", 0, "GET", "/", 0, 0, GET, 11, KA, 0, 1, "Host", "a"),
    V("GET /p?q=1&r=2 HTTP/1.1" H1, 0, "GET", "/p?q=1&r=2", "/p", "q=1&r=2", GET, 11, KA, 0, 1, "Host", "a"),
    V("GET /? HTTP/1.1" H1, 0, "GET", "/?", "/", "", GET, 11, KA, 0, 1, NULL),
    V("GET /a?b?c/d HTTP/1.1" H1, 0, "GET", "/a?b?c/d", "/a", "b?c/d", GET, 11, KA, 0, 1, NULL),
    V("GET /a/b;p=1/%41!$&'()*+,-.:=@_~\"<>[\\]^`{|} HTTP/1.1" H1, 0, "GET",
      "/a/b;p=1/%41!$&'()*+,-.:=@_~\"<>[\\]^`{|}", 0, 0, GET, 11, KA, 0, 1, NULL),
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
            failf("content_length: expected %llu, got %llu", (unsigned long long)c->cl,
                  (unsigned long long)R.content_length);
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
        tail_agrees(in, head, &deflim);
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
    /* relative to the repository root or tests/ (then the environment's folder) */
    static const char *const dirs[] = {"", "../shared/bench/requests/%s.txt", "shared/bench/requests/%s.txt",
                                       "tests/fuzz_corpus/req_%s.txt", "fuzz_corpus/req_%s.txt"};
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
            if (R.content_length != files[i].cl)
                failf("content_length: got %llu", (unsigned long long)R.content_length);
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
            if (id == STATICO_HDR_TRANSFER_ENCODING ? h != NULL : !h)
                failf("get(%s) = %p", statico_header_name(id), (const void *)h);
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
        if (q.header_count || q.flags || q.method.len || q.index[STATICO_HDR_HOST])
            failf("%s: reset kept outputs", parser_name[p]);
        r2 = r1 > 0 ? parsers[p](&q, b + r1, n - (size_t)r1) : -3;
        if (r1 != 34 || r2 != (int)n - 34 - 2) {
            failf("%s: returned %d, %d", parser_name[p], r1, r2);
        } else {
            span_is("path", in + r1, (size_t)r2, q.path, "/2");
            span_is("query", in + r1, (size_t)r2, q.query, "q");
            if (q.header_count != 2 || q.content_length != 2 || q.method_id != POST)
                failf("%s: second request", parser_name[p]);
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
    CLV("5\x80", 400, 0), E(P11 CLH "5\r\n" CLH "6\r\n\r\n", 400),
    E(P11 CLH "5\r\nX: y\r\ncontent-length: 6\r\n\r\n", 400),
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
    /* RFC 9110 4.2.1: an empty Host names no authority; fine where the target has its own */
    E("GET / HTTP/1.1\r\nHost:\r\n\r\n", 400), E("GET / HTTP/1.1\r\nHost: \t \r\n\r\n", 400),
    E("GET /a?b HTTP/1.0\r\nHost: \r\n\r\n", 400), E("OPTIONS * HTTP/1.1\r\nHost:\r\n\r\n", 400),
    E("POST / HTTP/1.1\r\n" CLH "1\r\nHost:\r\n\r\n", 400), S("GET http://a/ HTTP/1.1\r\nHost: \r\n\r\n", 0, KA, 0),
    S("GET http://a HTTP/1.1\r\nHost:\r\nContent-Length: 0\r\n\r\n", 0, KA | CL, 0),
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
    RL("GET\t/\tHTTP/1.1", 400),
    /* a method of STATICO_MAX_METHOD + 1 (33) token bytes */
    RL("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456 / HTTP/1.1", 400), RL("GET /\tHTTP/1.1", 400), RL("GET\t/ HTTP/1.1", 400),
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
                failf("expected -1 with status %d, got %d (status %u, flags %#x)", c->status, r, R.status,
                      (unsigned)R.flags);
        } else if (r != (int)len) {
            failf("returned %d (status %u), expected %zu", r, R.status, len);
        } else {
            if (R.flags != c->flags) failf("flags: expected %#x, got %#x", c->flags, (unsigned)R.flags);
            if (R.content_length != c->cl)
                failf("content_length: expected %llu, got %llu", (unsigned long long)c->cl,
                      (unsigned long long)R.content_length);
            index_consistent(c->in, &R);
        }
        tail_agrees(c->in, len, &deflim);
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
    {0, 1, 3, 5, 7, 8, 15, 16, 17, 30, 31},                                      /* into "GET", 7, 8, 31 bytes */
    {1, 2, 15, 16, 29, 30, 31, 32, 33, 63, 64, 65, 100, 120},                    /* into 30, 120 */
    {0, 1, 10, 19, 20, 31, 32, 62, 63, 64, 65, 80, 91},                          /* into 20, 91 */
    {0, 1, 10, 19, 20, 29, 30, 31, 59, 60, 61, 62, 63, 124, 125, 126, 127, 140}, /* into 20, 140 */
    {0, 1, 20, 56, 57, 58, 64, 65, 100, 110},                                    /* into 57, 58, 110 */
};

/* a long header line after the tested one, so that the tested line lies well inside the buffer */
#define ZLINE "Z: zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\r\n\r\n"
static void byte_case(int cls, int b, size_t pos, int resume)
{
    static const size_t base[][4] = {{3, 7, 8, 31}, {30, 120, 120, 120}, {20, 91, 91, 91}, {20, 140, 140, 140},
                                     {57, 58, 110, 110}};
    static const size_t upto[][3] = {{3, 7, 8}, {30, 999, 999}, {20, 999, 999}, {20, 999, 999}, {57, 58, 999}};
    const size_t *bl = base[cls], *ut = upto[cls];
    size_t len = pos <= ut[0] ? bl[0] : pos <= ut[1] ? bl[1] : pos <= ut[2] ? bl[2] : bl[3], head, k, vn;
    str in = {0}, part = {0}, t = {0};
    const char *v, *pre, *post;
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
    switch (cls) { /* part may hold a NUL: the input is pre, part, post */
    case B_METHOD: ok = is_tchar(b), pre = "", post = " / HTTP/1.1" H1; break;
    case B_TARGET: ok = is_target(b), pre = "GET ", post = " HTTP/1.1" H1; break;
    case B_NAME: ok = is_tchar(b) || (b == ':' && pos), pre = G11, post = ": v\r\n" ZLINE; break;
    case B_VALUE: ok = is_value(b), pre = G11 "X: ", post = "\r\n" ZLINE; break;
    default:
        for (ok = is_value(b), k = 0; k < vn; k++) ok &= is_host((unsigned char)v[k]);
        pre = "GET / HTTP/1.1\r\nHost: ", post = "\r\n" ZLINE;
    }
    cat(&in, pre, NULL);
    put(&in, part.p, part.n);
    cat(&in, post, NULL);
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
    if (cls <= B_TARGET) tail_agrees(in.p, in.n, &deflim);
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

/* every byte value b and a follower f at the start of a header line, "<b><f>: v" CRLF, with
 * a long line after it (the one-window path) or only the empty line (the end of the buffer):
 * CR LF ends the head there, two tchars (or a tchar and ':') are a header, anything else is 400 */
static void test_line_starts(void)
{
    static const char follow[] = {'\n', '\r', 'x', ':', ' ', 0};
    int b, f, tail;
    for (tail = 0; tail < 2; tail++)
        for (b = 0; b < 256; b++)
            for (f = 0; f < (int)sizeof follow; f++) {
                str in = {0};
                char name[80], two[3] = {(char)b, follow[f], 0};
                size_t head;
                int r, fc = (unsigned char)follow[f];
                cat(&in, G11, NULL);
                fill(&in, b, 1);
                fill(&in, fc, 1);
                cat(&in, ": v\r\n", tail ? "\r\n" : ZLINE, NULL);
                snprintf(name, sizeof name, "line start 0x%02x 0x%02x%s in", b, fc, tail ? " at the end" : "");
                case_begin(__LINE__, name, in.p, in.n);
                r = parse_all(in.p, in.n, &deflim);
                if (b == '\r' && fc == '\n') {
                    head = strlen(G11) + 2;
                    if (r != (int)head || R.header_count != 1) failf("expected %zu and 1 header, got %d", head, r);
                } else if (is_tchar(b) && (is_tchar(fc) || fc == ':')) {
                    head = in.n;
                    if (r != (int)head || R.header_count != 2 + !tail) failf("expected %zu, got %d (status %u)", head, r, R.status);
                    else {
                        if (fc == ':') two[1] = 0;
                        span_is("name", in.p, head, R.headers[1].name, two);
                        span_is("value", in.p, head, R.headers[1].value, fc == ':' ? ": v" : "v");
                    }
                } else if (r != -1 || R.status != 400) {
                    failf("expected -1 with status 400, got %d (status %u)", r, R.status);
                }
                resume_agrees(in.p, in.n, &deflim, 0);
                case_end();
                clear(&in);
            }
}

/* every byte value b at the start, middle and end of short Host values (1 to 33 bytes: the
 * 32-byte vector check and its scalar fallback), with Host the first header and after 40 bytes
 * of another one */
static void test_short_hosts(void)
{
    static const size_t lens[] = {1, 2, 9, 10, 16, 31, 32, 33};
    size_t li, k, pos[3], vn;
    int b, late;
    for (late = 0; late < 2; late++)
        for (li = 0; li < sizeof lens / sizeof lens[0]; li++)
            for (b = 0; b < 256; b++) {
                size_t len = lens[li];
                pos[0] = 0, pos[1] = len / 2, pos[2] = len - 1;
                for (k = 0; k < 3; k++) {
                    str in = {0}, host = {0};
                    char name[96];
                    const char *v;
                    int ok, r;
                    if (k && pos[k] == pos[k - 1]) continue;
                    fill(&host, 'h', len);
                    host.p[pos[k]] = (char)b;
                    vn = host.n;
                    v = trim_ows(host.p, &vn);
                    for (ok = 1, r = 0; r < (int)host.n; r++) ok &= is_value((unsigned char)host.p[r]);
                    for (r = 0; r < (int)vn; r++) ok &= is_host((unsigned char)v[r]);
                    if (!vn) ok = 0; /* an empty Host, and the target "/" has no authority */
                    cat(&in, "GET / HTTP/1.1\r\n", late ? "X-Pad: pppppppppppppppppppppppppppppppp\r\n" : "", "Host: ", NULL);
                    put(&in, host.p, host.n);
                    cat(&in, "\r\nAccept: */*\r\n\r\n", NULL);
                    snprintf(name, sizeof name, "byte 0x%02x at %zu of a %zu-byte Host value%s in", b, pos[k], len,
                             late ? " (second header)" : "");
                    case_begin(__LINE__, name, in.p, in.n);
                    r = parse_all(in.p, in.n, &deflim);
                    if (!ok) {
                        if (r != -1 || R.status != 400) failf("expected -1 with status 400, got %d (status %u)", r, R.status);
                    } else if (r != (int)in.n) {
                        failf("expected %zu, got %d (status %u)", in.n, r, R.status);
                    } else {
                        ((char *)v)[vn] = 0;
                        span_is("Host value", in.p, in.n, R.headers[late].value, v);
                    }
                    case_end();
                    clear(&in), clear(&host);
                }
            }
}

/* two header lines of every length from 7 to 150 bytes (names of 1 to 12 bytes, some values with
 * obs-text) between Host and a short last line, the head alone or followed by 100 body bytes:
 * lines start, and their CRs fall, at every offset of the SIMD windows and blocks and of the end
 * of the buffer; all of it parsed, the spans checked */
static void layout_line(str *s, str *name, str *value, size_t len, size_t seed)
{
    size_t nl = 1 + seed % (len - 6 < 12 ? len - 6 : 12), vl = len - nl - 4, i; /* len >= 7: vl >= 1 */
    name->n = value->n = 0;
    fill(name, 'A' + (int)(seed % 26), 1);
    fill(name, 'n', nl - 1);
    for (i = 0; i < vl; i++) fill(value, seed % 3 == 0 && i % 13 == 5 ? 0xc3 : 'a' + (int)((i + seed) % 26), 1);
    put(s, name->p, name->n);
    cat(s, ": ", NULL);
    put(s, value->p, value->n);
    cat(s, "\r\n", NULL);
}
static void test_line_layouts(void)
{
    size_t l1, l2, head;
    int body, r;
    for (body = 0; body < 2; body++)
        for (l1 = 7; l1 <= 150; l1++)
            for (l2 = 7; l2 <= 150; l2 += 1 + (l1 % 3)) {
                str in = {0}, n1 = {0}, v1 = {0}, n2 = {0}, v2 = {0};
                char name[80];
                cat(&in, "GET / HTTP/1.1\r\nHost: a\r\n", NULL);
                layout_line(&in, &n1, &v1, l1, l1 + l2);
                layout_line(&in, &n2, &v2, l2, l1 * 7 + l2);
                cat(&in, "Z: z\r\n\r\n", NULL);
                head = in.n;
                if (body) fill(&in, 'B', 100);
                snprintf(name, sizeof name, "lines of %zu and %zu bytes%s in", l1, l2, body ? " and a body" : "");
                case_begin(__LINE__, name, in.p, in.n);
                r = parse_all(in.p, in.n, &deflim);
                if (r != (int)head || R.header_count != 4) {
                    failf("expected %zu and 4 headers, got %d (status %u, %u headers)", head, r, R.status, R.header_count);
                } else {
                    span_is("name 2", in.p, head, R.headers[1].name, n1.p);
                    span_is("value 2", in.p, head, R.headers[1].value, v1.p);
                    span_is("name 3", in.p, head, R.headers[2].name, n2.p);
                    span_is("value 3", in.p, head, R.headers[2].value, v2.p);
                }
                if ((l1 + l2) % 29 == 0) resume_agrees(in.p, in.n, &deflim, 0);
                case_end();
                clear(&in), clear(&n1), clear(&v1), clear(&n2), clear(&v2);
            }
}

/* ========================================================================= */
/* 7. limits at N and N + 1 */

/* "GET /ttt HTTP/1.1\r\nHost: a\r\n" with a target of tlen bytes, hdrs more headers, a header
 * "P: ppp" that brings the head to exactly total bytes (0: none), and the empty line */
static void make_head(str *s, size_t tlen, int hdrs, size_t total)
{
    char line[32];
    int i;
    cat(s, "GET /", NULL);
    fill(s, 't', tlen - 1);
    cat(s, " HTTP/1.1\r\nHost: a\r\n", NULL);
    for (i = 0; i < hdrs; i++) snprintf(line, sizeof line, "X-%d: v\r\n", i), cat(s, line, NULL);
    if (total) cat(s, "P: ", NULL), fill(s, 'p', total - s->n - 4), cat(s, "\r\n", NULL);
    cat(s, "\r\n", NULL);
}

/* in gives head (status 0), -2 (status -2) or -1 with status; resumed one byte at a time the
 * same when resume. The case stays open for more checks: LIMIT() closes it. */
static void limit_case(int line, const char *what, const str *in, const limits *lim, int status, size_t head,
                       int resume)
{
    char name[120];
    int r, exp = status > 0 ? -1 : status ? -2 : (int)head;
    snprintf(name, sizeof name, "%s (max_head %u, max_target %u) in", what, lim->max_head, lim->max_target);
    case_begin(line, name, in->p, in->n);
    if ((r = parse_all(in->p, in->n, lim)) != exp || (status > 0 && R.status != status))
        failf("expected %d (status %d), got %d (status %u)", exp, status > 0 ? status : 0, r, R.status);
    if (resume) resume_agrees(in->p, in->n, lim, 0);
}
#define LIMIT(...) (limit_case(__LINE__, __VA_ARGS__), case_end())

static void test_limits(void)
{
    static const limits heads[] = {{0, 0}, {1024, 0}, {200, 0}, {65536, 0}, {100000, 0}};
    static const limits targets[] = {{0, 0}, {0, 10}, {0, 100}, {0, 6000}, {65536, 60000}};
    size_t i, M, T;
    str s = {0};
    make_head(&s, 1, STATICO_MAX_HEADERS - 1, 0);
    limit_case(__LINE__, "STATICO_MAX_HEADERS headers", &s, &deflim, 0, s.n, 1);
    if (R.header_count != STATICO_MAX_HEADERS) failf("header_count %u", R.header_count);
    case_end();
    clear(&s);
    make_head(&s, 1, STATICO_MAX_HEADERS, 0);
    LIMIT("STATICO_MAX_HEADERS + 1 headers", &s, &deflim, 431, 0, 1);
    clear(&s);
    /* a complete head of max_head bytes, alone and with a body; of max_head + 1; incomplete ones */
    for (i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        const limits *lim = &heads[i];
        limits l2 = {lim->max_head, 70000};
        int small = lim->max_head <= 8192; /* one byte at a time only there: O(n^2) copies */
        M = !lim->max_head ? STATICO_MAX_HEAD : lim->max_head > 65536 ? 65536 : lim->max_head;
        make_head(&s, 1, 0, M);
        LIMIT("head of max_head bytes", &s, lim, 0, M, small);
        cat(&s, "body!", NULL);
        LIMIT("head of max_head bytes and a body", &s, lim, 0, M, 0);
        clear(&s);
        make_head(&s, 1, 0, M + 1);
        LIMIT("head of max_head + 1 bytes", &s, lim, 431, 0, small);
        s.n = M - 1; /* cut inside the "P" header */
        LIMIT("incomplete head of max_head - 1 bytes", &s, lim, -2, 0, 0);
        s.n = M;
        LIMIT("incomplete head of max_head bytes", &s, lim, 431, 0, small);
        clear(&s);
        /* still inside the target (max_target above max_head) when max_head is reached: 414 */
        make_head(&s, M, 0, 0);
        s.n = M - 1;
        LIMIT("incomplete target, head of max_head - 1", &s, &l2, -2, 0, 0);
        s.n = M;
        LIMIT("incomplete target, head of max_head", &s, &l2, 414, 0, small);
        clear(&s);
        make_head(&s, M - 14, 0, 0); /* in the version: 431 */
        s.n = M;
        LIMIT("incomplete version, head of max_head", &s, &l2, 431, 0, 0);
        clear(&s);
    }
    /* leading empty lines count towards max_head */
    for (i = 0; i < STATICO_MAX_HEAD / 2; i++) cat(&s, "\r\n", NULL);
    s.n -= 2;
    LIMIT("empty lines up to max_head - 2", &s, &deflim, -2, 0, 0);
    s.n += 2;
    LIMIT("empty lines up to max_head", &s, &deflim, 431, 0, 0);
    clear(&s);
    /* a method is refused as soon as it is longer than STATICO_MAX_METHOD, complete or not */
    fill(&s, 'M', STATICO_MAX_METHOD);
    LIMIT("a method of STATICO_MAX_METHOD bytes, incomplete", &s, &deflim, -2, 0, 1);
    fill(&s, 'M', 1);
    LIMIT("a method of STATICO_MAX_METHOD + 1 bytes, incomplete", &s, &deflim, 400, 0, 1);
    fill(&s, 'M', 100000 - s.n);
    LIMIT("a method of 100,000 bytes", &s, &deflim, 400, 0, 0);
    clear(&s);
    for (i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        const limits *lim = &targets[i];
        T = lim->max_target ? lim->max_target : STATICO_MAX_TARGET;
        make_head(&s, T, 0, 0);
        limit_case(__LINE__, "target of max_target bytes", &s, lim, 0, s.n, i == 0);
        if (R.target.len != T) failf("target length %u", R.target.len);
        case_end();
        clear(&s);
        make_head(&s, T + 1, 0, 0);
        LIMIT("target of max_target + 1 bytes", &s, lim, 414, 0, i == 0);
        clear(&s);
    }
}

/* ========================================================================= */
/* 8. resuming is O(n): a head fed one byte at a time to the same request costs at most 5n
 * bytes of scanning in total, where restarting from scratch would cost about n^2 / 2. (Each call
 * scans the new byte and, in the AVX-512 kernels, counts the stop at the buffer end; a line is
 * scanned again when its CR and when its LF arrive: 3n to 4n.) */
static void linear_case(int line, const char *what, str *in, const limits *lim)
{
    statico_request q;
    size_t k, one;
    int p, r;
    case_begin(line, what, in->p, in->n);
    for (p = 0; p < 2; p++) {
        req_init(&q, lim);
        statico__scanned = 0;
        r = parsers[p](&q, guard(in->p, in->n), in->n);
        one = statico__scanned;
        if (r != (int)in->n || one < in->n / 2)
            failf("%s: one shot returned %d, scanned %zu (the counter must see most bytes)", parser_name[p], r, one);
        req_init(&q, lim);
        statico__scanned = 0;
        for (k = 0, r = -2; k <= in->n && r == -2; k++) r = parsers[p](&q, guard(in->p, k), k);
        if (r != (int)in->n) failf("%s: one byte at a time returned %d (status %u)", parser_name[p], r, q.status);
        if (statico__scanned > 5 * in->n)
            failf("%s: scanned %zu bytes for a %zu-byte head fed one byte at a time (one shot: %zu), limit 5n",
                  parser_name[p], statico__scanned, in->n, one);
    }
    case_end();
    clear(in);
}

static void test_linear(void)
{
    const limits big = {0, 8000};
    str s = {0};
    int i;
    make_head(&s, 1, 0, 8100);
    linear_case(__LINE__, "O(n): one long value", &s, &deflim);
    make_head(&s, 1, STATICO_MAX_HEADERS - 1, 0);
    linear_case(__LINE__, "O(n): 64 short headers", &s, &deflim);
    cat(&s, G11, NULL);
    for (i = 0; i < STATICO_MAX_HEADERS - 1; i++)
        cat(&s, "X-Header-Name: ", NULL), fill(&s, 'v', 110), cat(&s, "\r\n", NULL);
    cat(&s, "\r\n", NULL);
    linear_case(__LINE__, "O(n): 64 headers of 127 bytes", &s, &deflim);
    make_head(&s, 7900, 0, 0);
    linear_case(__LINE__, "O(n): long target", &s, &big);
    cat(&s, G11, NULL);
    fill(&s, 'N', 7000);
    cat(&s, ": v\r\n\r\n", NULL);
    linear_case(__LINE__, "O(n): long name", &s, &deflim);
}

/* ========================================================================= */
/* 9. the chunked decoder */
typedef struct {
    str data;
    size_t used; /* bytes consumed */
    uint64_t body_bytes;
    int done, status; /* status -1: stalled without an error */
} decoded;

/* Decodes in[0..n) fed whole (cut 0, step 0), in two at cut, or step bytes at a time; each
 * piece flush against the guard page, the decoder called until it has consumed the piece. */
static void decode(const char *in, size_t n, size_t cut, size_t step, decoded *o)
{
    statico_chunked c;
    statico_chunk_data d;
    size_t a = 0, b;
    ptrdiff_t r;
    memset(&c, 0, sizeof c);
    memset(o, 0, sizeof *o);
    while (a < n && !o->done && !o->status) {
        b = step ? (a + step < n ? a + step : n) : cut && a < cut ? cut : n;
        while (a < b && !o->done && !o->status) {
            const char *buf = guard(in + a, b - a);
            if ((r = statico_chunked_decode(&c, buf, b - a, &d)) < 0) {
                o->status = c.status ? c.status : 1;
                break;
            }
            if (d.len && d.off + d.len > (size_t)r)
                failf("data %zu+%zu outside the %td bytes consumed", d.off, d.len, r);
            else put(&o->data, buf + d.off, d.len);
            a += (size_t)r;
            o->used += (size_t)r;
            o->done = c.done;
            if (!r && !c.done) o->status = -1;
        }
    }
    o->body_bytes = c.body_bytes;
    if (o->done && ((r = statico_chunked_decode(&c, "0\r\n\r\n", 5, &d)) != 0 || d.len))
        failf("called again after done: returned %td", r);
}

/* the same outcome; after an error only the status counts */
static int decoded_eq(const decoded *a, const decoded *b)
{
    if (a->status > 0 || b->status > 0) return a->status == b->status;
    return a->used == b->used && a->done == b->done && a->status == b->status && a->data.n == b->data.n
        && (!a->data.n || !memcmp(a->data.p, b->data.p, a->data.n)) && a->body_bytes == b->body_bytes;
}

/* in[0..n) decodes to body[0..blen) (status 0) or fails with status; the same split at every
 * byte, one byte at a time, and (valid) with a request after it, which is not consumed */
static void chunk_case(int line, const char *in, size_t n, const char *body, size_t blen, int status)
{
    decoded one, o;
    str s = {0};
    size_t k;
    case_begin(line, status ? "chunked error" : "chunked", in, n);
    decode(in, n, 0, 0, &one);
    if (status) {
        if (one.status != status)
            failf("expected -1 with status %d, got status %d (done %d)", status, one.status, one.done);
    } else if (one.status || !one.done || one.used != n) {
        failf("expected done after %zu bytes, got status %d, done %d, %zu bytes", n, one.status, one.done, one.used);
    } else if (one.data.n != blen || (blen && memcmp(one.data.p, body, blen)) || one.body_bytes != blen) {
        failf("data: expected \"%s\", got \"%s\" (body_bytes %llu)", esc(body, blen, 60),
              esc(one.data.p, one.data.n, 60), (unsigned long long)one.body_bytes);
    }
    for (k = 1; k <= n; k++) {
        decode(in, n, k < n ? k : 0, k < n ? 0 : 1, &o);
        if (!decoded_eq(&one, &o))
            failf("%s %zu: status %d done %d used %zu data %zu bytes", k < n ? "split at" : "one byte at a time", k,
                  o.status, o.done, o.used, o.data.n);
        clear(&o.data);
    }
    put(&s, in, n);
    cat(&s, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", NULL);
    for (k = 0; !status && k <= s.n; k += k < n + 2 ? 1 : s.n) {
        decode(s.p, s.n, k, 0, &o);
        if (!decoded_eq(&one, &o)) failf("followed by a request, split at %zu: used %zu, done %d", k, o.used, o.done);
        clear(&o.data);
    }
    clear(&s);
    clear(&one.data);
    case_end();
}

typedef struct {
    int line;
    const char *in;
    size_t len;
    const char *body;
    size_t blen;
    int status;
} chunk_row;
#define CK(in, body) {__LINE__, in, sizeof(in) - 1, body, sizeof(body) - 1, 0}
#define CE(in, st) {__LINE__, in, sizeof(in) - 1, "", 0, st}

static const chunk_row chunk_rows[] = {
    CK("0\r\n\r\n", ""),
    CK("5\r\nhello\r\n0\r\n\r\n", "hello"),
    CK("1\r\na\r\n2\r\nbc\r\n3\r\ndef\r\n4\r\nghij\r\n0\r\n\r\n", "abcdefghij"),
    CK("a\r\n0123456789\r\nA\r\nABCDEFGHIJ\r\n1f\r\n0123456789abcdef0123456789abcde\r\n0\r\n\r\n",
       "0123456789ABCDEFGHIJ0123456789abcdef0123456789abcde"),
    CK("0005\r\nhello\r\n000\r\n\r\n", "hello"),
    CK("00000000000000000000005\r\nhello\r\n0\r\n\r\n", "hello"),
    CK("4\r\n\r\n\r\n\r\n0\r\n\r\n", "\r\n\r\n"),
    CK("3\r\na\0b\r\n2\r\n\xff\x80\r\n0\r\n\r\n", "a\0b\xff\x80"),
    CK("5;a\r\nhello\r\n0\r\n\r\n", "hello"),
    CK("5;a=b\r\nhello\r\n0;last\r\n\r\n", "hello"),
    CK("5;a=\"q \\\" s\"\r\nhello\r\n0\r\n\r\n", "hello"),
    CK("5;a=\"\"\r\nhello\r\n0\r\n\r\n", "hello"),
    CK("5;a;b=c;d=\"x;y=z\";!#$%&'*+-.^_`|~=!#$%&'*+-.^_`|~\r\nhello\r\n0;x=y\r\n\r\n", "hello"),
    CK("5;a=\"\t\x80\\\xff\"\r\nhello\r\n0\r\n\r\n", "hello"),
    CK("2\r\nhi\r\n0\r\nX-Trailer: v\r\nY:\r\nZ: a b\t\xff\r\n\r\n", "hi"),
    CK("0\r\nChecksum: 1234\r\n\r\n", ""),
    /* whitespace, digits, hex, overflow (more than 2^63 - 1) */
    CE("5 \r\nhello\r\n0\r\n\r\n", 400), CE(" 5\r\nhello\r\n0\r\n\r\n", 400), CE("5\t\r\nhello\r\n0\r\n\r\n", 400),
    CE("1 0\r\n0123456789abcdef\r\n0\r\n\r\n", 400), CE("\r\nhello\r\n0\r\n\r\n", 400), CE(";a\r\nhello\r\n", 400),
    CE("x\r\n", 400), CE("5g\r\nhello\r\n0\r\n\r\n", 400), CE("-5\r\n", 400), CE("0x5\r\nhello\r\n", 400),
    CE("fffffffffffffffff\r\n", 400), CE("8000000000000000\r\n", 400),
    /* the CRLF after data, bare LF, bare CR */
    CE("5\r\nhelloX\r\n0\r\n\r\n", 400), CE("5\r\nhello\n0\r\n\r\n", 400), CE("5\r\nhello\r0\r\n\r\n", 400),
    CE("5\r\nhello0\r\n\r\n", 400), CE("5\nhello\r\n0\r\n\r\n", 400), CE("5\rhello\r\n0\r\n\r\n", 400),
    CE("0\n\r\n", 400), CE("0\r\n\n", 400), CE("0\r\n\rX", 400), CE("0\r\nX: y\n\r\n", 400),
    CE("0\r\nX: y\rz\r\n\r\n", 400),
    /* extensions */
    CE("5;\r\nhello\r\n0\r\n\r\n", 400), CE("5;=x\r\nhello\r\n0\r\n\r\n", 400), CE("5;a=\r\nhello\r\n0\r\n\r\n", 400),
    CE("5;a=\"x\r\nhello\r\n0\r\n\r\n", 400), CE("5;a=\"x\"y\r\nhello\r\n0\r\n\r\n", 400),
    CE("5;a=b c\r\nhello\r\n0\r\n\r\n", 400), CE("5;a b\r\nhello\r\n0\r\n\r\n", 400),
    CE("5;a=\"\x7f\"\r\nhello\r\n0\r\n\r\n", 400), CE("5;a=\"\\\n\"\r\nhello\r\n0\r\n\r\n", 400),
    CE("5;a;\r\nhello\r\n0\r\n\r\n", 400),
    /* trailers: obs-fold, no colon, empty name, space before the colon, a control byte */
    CE("0\r\nX: a\r\n b\r\n\r\n", 400), CE("0\r\n\tb\r\n\r\n", 400), CE("0\r\nX\r\n\r\n", 400),
    CE("0\r\nX y: z\r\n\r\n", 400), CE("0\r\n: z\r\n\r\n", 400), CE("0\r\nX : z\r\n\r\n", 400),
    CE("0\r\nX: \x01\r\n\r\n", 400),
};

static void test_chunked(void)
{
    statico_chunked c;
    statico_chunk_data d;
    ptrdiff_t r;
    size_t i;
    str s = {0}, b = {0};
    for (i = 0; i < sizeof chunk_rows / sizeof chunk_rows[0]; i++)
        chunk_case(chunk_rows[i].line, chunk_rows[i].in, chunk_rows[i].len, chunk_rows[i].body, chunk_rows[i].blen,
                   chunk_rows[i].status);
    /* a chunk of 0x100 bytes, then 100 of one byte */
    cat(&s, "100\r\n", NULL);
    fill(&b, 'x', 256);
    put(&s, b.p, b.n);
    for (i = 0; i < 100; i++)
        cat(&s, "\r\n1\r\n", NULL), fill(&s, 'a' + (int)i % 26, 1), fill(&b, 'a' + (int)i % 26, 1);
    cat(&s, "\r\n0\r\n\r\n", NULL);
    chunk_case(__LINE__, s.p, s.n, b.p, b.n, 0);
    clear(&s), clear(&b);
    /* size and trailer lines against STATICO_MAX_CHUNK_LINE: MAX - 2 bytes and CRLF fit under any
     * reading of the limit, MAX + 1 bytes do not */
    for (i = 0; i < 4; i++) {
        cat(&s, i < 2 ? "5;a=" : "0\r\nX: ", NULL);
        fill(&s, 'b', STATICO_MAX_CHUNK_LINE + (i & 1 ? 1 : -2) - (i < 2 ? 4 : 3));
        cat(&s, i < 2 ? "\r\nhello\r\n0\r\n\r\n" : "\r\n\r\n", NULL);
        chunk_case(__LINE__, s.p, s.n, i < 2 ? "hello" : "", i < 2 ? 5 : 0, i & 1 ? 400 : 0);
        clear(&s);
    }
    /* trailer sections above STATICO_MAX_HEAD: 431 */
    cat(&s, "0\r\n", NULL);
    for (i = 0; i * 3000 < STATICO_MAX_HEAD + 3000; i++)
        cat(&s, "X: ", NULL), fill(&s, 'b', 2995), cat(&s, "\r\n", NULL);
    cat(&s, "\r\n", NULL);
    chunk_case(__LINE__, s.p, s.n, "", 0, 431);
    clear(&s);
    /* the largest size is accepted; an empty call consumes nothing */
    memset(&c, 0, sizeof c);
    case_begin(__LINE__, "chunked", "7fffffffffffffff\r\nab", 20);
    if ((r = statico_chunked_decode(&c, guard("", 0), 0, &d)) != 0 || c.done) failf("empty call returned %td", r);
    r = statico_chunked_decode(&c, guard("7fffffffffffffff\r\nab", 20), 20, &d);
    if (r != 20 || d.off != 18 || d.len != 2 || c.remaining != 0x7ffffffffffffffdull || c.done)
        failf("returned %td, data %zu+%zu, remaining %llx", r, d.off, d.len, (unsigned long long)c.remaining);
    case_end();
}

/* ========================================================================= */
static void test_all(void)
{
    test_valid();
    test_bench_files();
    test_index();
    test_reset();
    check_status_table(semantic, sizeof semantic / sizeof semantic[0], 1);
    check_status_table(errors, sizeof errors / sizeof errors[0], 0);
    test_bytes();
    test_line_starts();
    test_short_hosts();
    test_line_layouts();
    test_limits();
    test_linear();
    test_chunked();
}

/* The suite once for each SIMD level this build and CPU run; plain C alone
 * (STATICO_NO_SIMD, or a target without SIMD) once. */
int main(void)
{
    static const char *const levels[] = {"avx512", "avx2", "sse2", "neon"};
    size_t i;
    int runs = 0;
    page = (size_t)sysconf(_SC_PAGESIZE);
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        if (statico_simd_force(levels[i]) != 0) continue;
        snprintf(simd_name, sizeof simd_name, "simd %s", statico_simd());
        printf("SIMD level %s: %s\n", levels[i], statico_simd());
        test_all();
        runs++;
    }
    if (!runs) {
        printf("SIMD level none: %s\n", statico_simd());
        test_all();
    }
    statico_simd_force(NULL);
    return check_summary();
}
