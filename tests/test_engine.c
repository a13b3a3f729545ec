#define _GNU_SOURCE
#define STATICO_IMPLEMENTATION
#define STATICO_TESTING /* the plain-C parser entry and the engine hooks */
#include "../statico.h"
#define NOFAULT {STATICO_FAULT_NONE, 0, 0, NULL, 0} /* a step without a fault */
/* test_engine.c - byte-exact tests of the statico.h connection engine, without sockets.
 *
 *   cc -std=c11 -O1 -g -Wall -Wextra -Werror [-march=native] tests/test_engine.c -o build/te -lpthread && build/te
 *
 * Each case builds a fresh server with statico__engine_new() (one virtual connection, no Date
 * header), feeds it request bytes with statico__engine_input() and compares ALL the output with
 * the exact expected bytes, and the connection state (0 open, 1 closing, 2 inside a head).
 * Unless a case says otherwise its input is fed whole, one byte at a time, and split in two at
 * every byte boundary (large inputs: whole and in pieces): a stream's output must not depend on
 * how it arrives. Timeouts, delays and what the engine answers next (read, linger, close, and
 * the next deadline) run on the engine's own clock (statico__engine_advance). Also built
 * with STATICO_NO_SIMD and under -fsanitize=address,undefined. Prints one line per failure
 * (at most 4 a case) and, last, "N passed, N failed"; exits 1 when anything failed.
 */
static const char check_file[] = __FILE__;
#include "check.h"

#define case_begin case_open

/* ========================================================================= */
/* driving the engine */
enum { WHOLE = 0, BYTES = 1, SPLIT = 2, PIECES = 4, ALL = BYTES | SPLIT };
#define S(lit) lit, sizeof lit - 1

static statico_server *mk(const statico_config *cfg)
{
    char err[256] = "";
    statico_server *s = statico__engine_new(cfg, err, sizeof err);
    if (!s) failf("statico__engine_new failed: %s", err);
    return s;
}

/* 0 when got/gst equal want/wst, else one failure line showing the first difference */
static int same(const char *how, const char *got, size_t gn, int gst, const char *want, size_t wn, int wst)
{
    size_t i = 0;
    if (!gn) got = ""; /* no output yet: the engine may hand back NULL */
    if (gn == wn && (!wn || !memcmp(got, want, wn)) && gst == wst) return 0;
    while (i < gn && i < wn && got[i] == want[i]) i++;
    if (gn == wn && i == wn) {
        failf("%s: state %d, expected %d", how, gst, wst);
    } else {
        size_t from = i > 24 ? i - 24 : 0;
        failf("%s: output differs at byte %zu of %zu (expected %zu), state %d (expected %d): got \"%s\", "
              "expected \"%s\"",
              how, i, gn, wn, gst, wst, esc(got + from, gn - from, 96), esc(want + from, wn - from, 96));
    }
    return 1;
}

/* Feed in[0..n) in pieces of at most `piece` bytes (0 = whole), or as two parts split at `cut`. */
static int feed(const statico_config *cfg, const char *in, size_t n, size_t piece, size_t cut, const char **out,
                size_t *out_len, statico_server **keep)
{
    statico_server *s = mk(cfg);
    int st = -1;
    size_t o = 0;
    if (!s) return -1;
    if (cut) {
        st = statico__engine_input(s, in, cut, out, out_len);
        if (st < 0 || st > 2) failf("split at %zu: first part returned state %d", cut, st);
        st = statico__engine_input(s, in + cut, n - cut, out, out_len);
    } else {
        do {
            size_t k = piece && n - o > piece ? piece : n - o;
            st = statico__engine_input(s, in + o, k, out, out_len);
            o += k;
        } while (o < n);
    }
    *keep = s;
    return st;
}

/* The case: in -> want with final state st, fed as `mode` says. */
static void check(int line, const char *name, const statico_config *cfg, const char *in, size_t n, const char *want,
                  size_t wn, int st, int mode)
{
    statico_server *s;
    const char *out;
    size_t out_len, k;
    int r;
    char how[64];
    case_begin(line, name);
    if ((r = feed(cfg, in, n, 0, 0, &out, &out_len, &s)) >= 0) {
        same("whole", out, out_len, r, want, wn, st);
        statico__engine_free(s);
    }
    if ((mode & BYTES) && (r = feed(cfg, in, n, 1, 0, &out, &out_len, &s)) >= 0) {
        same("one byte at a time", out, out_len, r, want, wn, st);
        statico__engine_free(s);
    }
    if ((mode & PIECES) && (r = feed(cfg, in, n, 997, 0, &out, &out_len, &s)) >= 0) {
        same("997 bytes at a time", out, out_len, r, want, wn, st);
        statico__engine_free(s);
    }
    for (k = 1; (mode & SPLIT) && k < n && case_bad < 4; k++) {
        if ((r = feed(cfg, in, n, 0, k, &out, &out_len, &s)) < 0) break;
        snprintf(how, sizeof how, "split at %zu", k);
        same(how, out, out_len, r, want, wn, st);
        statico__engine_free(s);
    }
    case_end();
}
#define CHECK(name, cfg, in, want, st) check(__LINE__, name, cfg, S(in), S(want), st, ALL)
#define CHECK_STR(name, cfg, in, want, st, mode) check(__LINE__, name, cfg, (in).p, (in).n, (want).p, (want).n, st, mode)

/* Steps on one server: each feeds bytes and checks the cumulative output and the state. */
static statico_server *step_s;
static void step(const char *in, size_t n, const char *want, size_t wn, int st)
{
    const char *out;
    size_t out_len;
    int r;
    char how[160];
    if (!step_s) return;
    r = statico__engine_input(step_s, in, n, &out, &out_len);
    snprintf(how, sizeof how, "after \"%s\"", esc(in, n, 48));
    same(how, out, out_len, r, want, wn, st);
}
#define STEPS(name, cfg) (case_begin(__LINE__, name), step_s = mk(cfg))
#define STEP(in, want, st) step(S(in), S(want), st)
#define STEPS_END() (step_s ? statico__engine_free(step_s) : (void)0, step_s = NULL, case_end())

/* A step of the clock: ms milliseconds pass, then the cumulative output and the state are checked. */
static void wait_ms(uint64_t ms, const char *want, size_t wn, int st)
{
    const char *out;
    size_t out_len;
    int r;
    char how[64];
    if (!step_s) return;
    r = statico__engine_advance(step_s, ms * 1000, &out, &out_len);
    snprintf(how, sizeof how, "after %llu ms more", (unsigned long long)ms);
    same(how, out, out_len, r, want, wn, st);
}
#define WAIT(ms, want, st) wait_ms(ms, S(want), st)

/* What the engine answers next: STATICO__DO_* (0 read, 1 write, 2 linger, 3 close), the next
 * deadline in ms from now (-1 none), and whether the connection is read. */
enum { DO_READ, DO_WRITE, DO_LINGER, DO_CLOSE };
static void next_is(int line, int want_do, int64_t want_deadline, int want_reading)
{
    int64_t dl;
    int reading, d;
    if (!step_s) return;
    d = statico__engine_next(step_s, &dl, &reading);
    if (d != want_do || dl != want_deadline || reading != want_reading)
        failf("line %d: next %d, deadline %lld ms, reading %d; expected %d, %lld ms, %d", line, d, (long long)dl,
              reading, want_do, (long long)want_deadline, want_reading);
}
#define NEXT(d, dl, rd) next_is(__LINE__, d, dl, rd)

static void eof_step(const char *want, size_t wn, int st)
{
    const char *out;
    size_t out_len;
    int r;
    if (!step_s) return;
    r = statico__engine_eof(step_s, &out, &out_len);
    same("after the peer's end", out, out_len, r, want, wn, st);
}
#define EOF_STEP(want, st) eof_step(S(want), st)

static statico_config cfg_zero(void)
{
    statico_config c;
    memset(&c, 0, sizeof c);
    return c;
}

/* One expected response: a head up to (not including) the connection header, then the flags'
 * connection header, the blank line and (but for HEAD) the body. */
enum { R_HEAD = 1, R_CLOSE = 2, R_KEEP = 4 };
static void resp(str *w, const char *head, const char *body, size_t body_len, int flags)
{
    puts_(w, head);
    if (flags & R_CLOSE) puts_(w, "Connection: close\r\n");
    if (flags & R_KEEP) puts_(w, "Connection: keep-alive\r\n");
    puts_(w, "\r\n");
    if (!(flags & R_HEAD)) put(w, body, body_len);
}

#define H11 " HTTP/1.1\r\nHost: x\r\n\r\n"
#define ERR(code, reason) "HTTP/1.1 " #code " " reason "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
#define CONTINUE "HTTP/1.1 100 Continue\r\n\r\n"

/* ========================================================================= */
/* 1. responses: variants, custom status, reason and headers, 204/304, bodies */
static void group_responses(void)
{
    static const char *const ct[] = {"Content-Type: text/plain"};
    static const char *const custom_h[] = {"X-A: 1", "X-Multi: a, b", "Cache-Control: no-cache"};
    static const char *const one_h[] = {"X-A: 1"};
    static const char *const conn_close[] = {"Connection:  Close ", "X-A: 1"}, *const conn_keep[] = {"connection: keep-alive"};
    static const char bin[] = "\0a\0\xff\r\n\0";
    statico_config c = cfg_zero();
    str in = {0}, want = {0}, big = {0};
    size_t i, sizes[3] = {20000, 16384, 16385};

#define R200 "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
    c.response = (statico_response){.headers = ct, .header_count = 1, .body = "hello", .body_len = 5};
    CHECK("GET", &c, "GET /" H11, R200 "\r\nhello", 0);
    CHECK("HEAD: same head, no body", &c, "HEAD /" H11, R200 "\r\n", 0);
    CHECK("HTTP/1.0 closes", &c, "GET / HTTP/1.0\r\n\r\n", R200 "Connection: close\r\n\r\nhello", 1);
    CHECK("HTTP/1.0 HEAD closes", &c, "HEAD / HTTP/1.0\r\nHost: x\r\n\r\n", R200 "Connection: close\r\n\r\n", 1);
    CHECK("HTTP/1.0 keep-alive", &c, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
          R200 "Connection: keep-alive\r\n\r\nhello", 0);
    CHECK("HTTP/1.0 Keep-Alive, any case", &c, "GET / HTTP/1.0\r\nHost: x\r\nConnection: Keep-Alive\r\n\r\n",
          R200 "Connection: keep-alive\r\n\r\nhello", 0);
    CHECK("HTTP/1.0 keep-alive HEAD", &c, "HEAD / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
          R200 "Connection: keep-alive\r\n\r\n", 0);
    CHECK("HTTP/1.0 keep-alive then HTTP/1.0 close", &c,
          "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n",
          R200 "Connection: keep-alive\r\n\r\nhello" R200 "Connection: close\r\n\r\nhello", 1);
    CHECK("HTTP/1.1 Connection: close, later bytes ignored", &c,
          "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /" H11, R200 "Connection: close\r\n\r\nhello", 1);
    CHECK("HTTP/1.0 keep-alive, close: close wins", &c, "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n",
          R200 "Connection: close\r\n\r\nhello", 1);
    CHECK("HTTP/1.1 Connection: CLOSE", &c, "GET / HTTP/1.1\r\nConnection: CLOSE\r\nHost: x\r\n\r\n",
          R200 "Connection: close\r\n\r\nhello", 1);
    CHECK("HTTP/1.1 Connection: keep-alive says nothing", &c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n",
          R200 "\r\nhello", 0);
    CHECK("Upgrade is ignored, the connection stays", &c,
          "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n", R200 "\r\nhello", 0);
#undef R200

    c.response = (statico_response){.status = 418, .reason = "Short And Stout", .headers = custom_h,
                                    .header_count = 3, .body = "tea\n", .body_len = 4};
    CHECK("custom status, reason and headers in order", &c, "GET /" H11,
          "HTTP/1.1 418 Short And Stout\r\nX-A: 1\r\nX-Multi: a, b\r\nCache-Control: no-cache\r\nContent-Length: "
          "4\r\n\r\ntea\n", 0);
    c.response = (statico_response){.status = 404};
    CHECK("404, the standard reason", &c, "GET /" H11, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", 0);
    c.response = (statico_response){.status = 503, .body = "x", .body_len = 1};
    CHECK("503, the standard reason", &c, "GET /" H11,
          "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 1\r\n\r\nx", 0);
    c.response = (statico_response){.status = 201, .reason = ""};
    CHECK("empty reason keeps its SP", &c, "GET /" H11, "HTTP/1.1 201 \r\nContent-Length: 0\r\n\r\n", 0);

    c.response = (statico_response){.status = 204, .headers = one_h, .header_count = 1};
    CHECK("204: no Content-Length", &c, "GET /" H11, "HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n", 0);
    CHECK("204 HEAD", &c, "HEAD /" H11, "HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n", 0);
    CHECK("204 HTTP/1.0", &c, "GET / HTTP/1.0\r\n\r\n", "HTTP/1.1 204 No Content\r\nX-A: 1\r\nConnection: close\r\n\r\n",
          1);
    c.response = (statico_response){.status = 304};
    CHECK("304: no Content-Length", &c, "GET /" H11 "GET /" H11,
          "HTTP/1.1 304 Not Modified\r\n\r\nHTTP/1.1 304 Not Modified\r\n\r\n", 0);
    CHECK("304 HTTP/1.0 keep-alive", &c, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
          "HTTP/1.1 304 Not Modified\r\nConnection: keep-alive\r\n\r\n", 0);

    c.response = (statico_response){.body = bin, .body_len = sizeof bin - 1};
    puts_(&in, "GET /" H11 "HEAD /" H11 "GET /" H11);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n", bin, 7, 0);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n", bin, 7, R_HEAD);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n", bin, 7, 0);
    CHECK_STR("binary body with NUL bytes", &c, in, want, 0, ALL);
    clear(&in);
    clear(&want);

    for (i = 0; i < 3; i++) { /* a large body is a separate segment: the bytes must not change */
        char head[64], name[64];
        size_t k;
        clear(&big);
        for (k = 0; k < sizes[i]; k++) put(&big, &(char){(char)(k * 7 + k / 251)}, 1);
        c.response = (statico_response){.body = big.p, .body_len = big.n};
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n", big.n);
        puts_(&in, "GET /" H11 "HEAD /" H11 "GET /" H11 "GET / HTTP/1.0\r\n\r\nGET /" H11);
        resp(&want, head, big.p, big.n, 0);
        resp(&want, head, big.p, big.n, R_HEAD);
        resp(&want, head, big.p, big.n, 0);
        resp(&want, head, big.p, big.n, R_CLOSE);
        snprintf(name, sizeof name, "body of %zu bytes: GET, HEAD, GET, 1.0 GET", big.n);
        CHECK_STR(name, &c, in, want, 1, ALL);
        clear(&in);
        clear(&want);
    }
    clear(&big);

    /* a configured Connection header: said once, in place of the server's own, and honoured */
    c.response = (statico_response){.headers = conn_close, .header_count = 2};
#define RC "HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    CHECK("Connection: close configured: closes after the response", &c, "GET /" H11 "GET /" H11, RC, 1);
    CHECK("Connection: close configured, HTTP/1.0 keep-alive asked: one close", &c,
          "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /" H11, RC, 1);
#undef RC
    c.response = (statico_response){.headers = conn_keep, .header_count = 1};
#define RK "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n"
    CHECK("Connection: keep-alive configured: said on HTTP/1.1", &c, "GET /" H11 "GET /" H11, RK RK, 0);
    CHECK("Connection: keep-alive configured, HTTP/1.0 keep-alive: said once", &c,
          "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", RK, 0);
    CHECK("Connection: keep-alive configured, the client closes: one close", &c,
          "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
          "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 1);
#undef RK

    c.response = (statico_response){.status = 0};
    CHECK("empty body: Content-Length: 0", &c, "GET /" H11 "HEAD /" H11,
          "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0);
    c.response = (statico_response){.body = "", .body_len = 0};
    CHECK("empty non-NULL body", &c, "GET /" H11, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0);
}

/* configurations the engine must refuse */
static void bad_config(int line, const char *name, const statico_config *cfg)
{
    char err[256] = "";
    statico_server *s;
    case_begin(line, name);
    if ((s = statico__engine_new(cfg, err, sizeof err))) {
        failf("accepted");
        statico__engine_free(s);
    } else if (!err[0]) {
        failf("refused without a message");
    }
    case_end();
}

static void group_config(void)
{
    static const char *const cl[] = {"Content-Length: 5"}, *const te[] = {"transfer-encoding: chunked"},
                             *const nocolon[] = {"NoColon"}, *const crlf[] = {"X-A: 1\r\nX-B: 2"},
                             *const upgrade[] = {"Connection: upgrade"};
    statico_config c = cfg_zero();
    statico_route r = {.method = "GET", .path = "json"};
    c.response = (statico_response){.status = 99};
    bad_config(__LINE__, "status 99", &c);
    c.response = (statico_response){.status = 600};
    bad_config(__LINE__, "status 600", &c);
    c.response = (statico_response){.status = 204, .body = "x", .body_len = 1};
    bad_config(__LINE__, "204 with a body", &c);
    c.response = (statico_response){.status = 304, .body = "x", .body_len = 1};
    bad_config(__LINE__, "304 with a body", &c);
    c.response = (statico_response){.headers = cl, .header_count = 1};
    bad_config(__LINE__, "Content-Length header", &c);
    c.response = (statico_response){.headers = te, .header_count = 1};
    bad_config(__LINE__, "Transfer-Encoding header", &c);
    c.response = (statico_response){.headers = nocolon, .header_count = 1};
    bad_config(__LINE__, "header without a colon", &c);
    c.response = (statico_response){.headers = crlf, .header_count = 1};
    bad_config(__LINE__, "header with CRLF (response splitting)", &c);
    c.response = (statico_response){.headers = upgrade, .header_count = 1};
    bad_config(__LINE__, "Connection header other than close or keep-alive", &c);
    c.response = (statico_response){.reason = "OK\r\nX: y"};
    bad_config(__LINE__, "reason with CRLF", &c);
    c.response = (statico_response){.status = 0};
    c.routes = &r;
    c.route_count = 1;
    bad_config(__LINE__, "route path without '/'", &c);
    r.path = "/json";
    r.method = "G T";
    bad_config(__LINE__, "route method not a token", &c);
    r.method = "";
    bad_config(__LINE__, "empty route method", &c);
}

/* ========================================================================= */
/* 2. routes */
#define ROUTE(m, p, b) {.method = m, .path = p, .response = {.body = b, .body_len = sizeof b - 1}}
static const char *const moved_h[] = {"Location: /new"};
static const statico_route routes[] = {
    ROUTE("GET", "/json", "json"),
    ROUTE("POST", "/json", "post-json"),
    ROUTE("*", "/json", "any-json"),
    ROUTE(NULL, "/user/*", "user"),
    ROUTE("*", "/static/**", "static"),
    ROUTE(NULL, "/a/*/c", "a-c"),
    ROUTE(NULL, "/first", "first"),
    ROUTE(NULL, "/first", "second"),
    ROUTE("OPTIONS", "*", "options"),
    ROUTE("GET", "/", "root"),
    ROUTE(NULL, "/lit*", "lit"),
    {.path = "/old", .response = {.status = 301, .headers = moved_h, .header_count = 1}},
};

static void route_case(int line, const statico_config *c, const char *method, const char *target, const char *body)
{
    str in = {0}, want = {0}, head = {0};
    char name[160];
    putf(&in, "%s %s HTTP/1.1\r\nHost: x\r\n\r\n", method, target);
    putf(&head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n", strlen(body));
    resp(&want, head.p, body, strlen(body), strcmp(method, "HEAD") ? 0 : R_HEAD);
    snprintf(name, sizeof name, "%s %s -> %s", method, target, body);
    check(line, name, c, in.p, in.n, want.p, want.n, 0, WHOLE | BYTES);
    clear(&in);
    clear(&want);
    clear(&head);
}

static void group_routes(void)
{
    statico_config c = cfg_zero();
    c.routes = routes;
    c.route_count = sizeof routes / sizeof routes[0];
    c.response = (statico_response){.body = "default", .body_len = 7};
#define RC(m, t, b) route_case(__LINE__, &c, m, t, b)
    RC("GET", "/json", "json");
    RC("GET", "/json?x=1&y", "json");
    RC("GET", "/json?", "json");
    RC("GET", "/json/", "default");
    RC("GET", "/jsonx", "default");
    RC("GET", "/JSON", "default");
    RC("POST", "/json", "post-json");
    RC("PUT", "/json", "any-json");
    RC("HEAD", "/json", "any-json"); /* methods compare exactly: HEAD is not GET */
    RC("get", "/json", "any-json");
    RC("GET", "http://h/json", "json");
    RC("GET", "http://h:8080/json?q=1", "json");
    RC("GET", "http://h", "root");
    RC("GET", "http://h?q", "root");
    RC("GET", "/", "root");
    RC("POST", "/", "default");
    RC("GET", "/user/42", "user");
    RC("DELETE", "/user/42?x=/y", "user");
    RC("GET", "/user/", "default");
    RC("GET", "/user", "default");
    RC("GET", "/user/42/x", "default");
    RC("GET", "/user/42/", "default");
    RC("GET", "/static/", "static");
    RC("GET", "/static/a", "static");
    RC("GET", "/static/a/b", "static");
    RC("HEAD", "/static/a/b/", "static");
    RC("GET", "/static", "default"); /* "/static/" and a rest, possibly empty */
    RC("GET", "/staticx/a", "default");
    RC("GET", "/a/b/c", "a-c");
    RC("GET", "/a/bb/c?d", "a-c");
    RC("GET", "/a//c", "default");
    RC("GET", "/a/b/c/d", "default");
    RC("GET", "/a/b/cd", "default");
    RC("GET", "/first", "first");
    RC("GET", "/lit*", "lit"); /* '*' inside a segment is literal */
    RC("GET", "/litx", "default");
    RC("OPTIONS", "*", "options");
    RC("OPTIONS", "/x", "default");
    RC("GET", "/nothing", "default");
#undef RC
    CHECK("a route's own status and headers", &c, "GET /old" H11,
          "HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n", 0);
    CHECK("routes, pipelined, HTTP/1.0 close variant", &c,
          "GET /json" H11 "HEAD /user/1" H11 "GET /nope" H11 "GET /static/x HTTP/1.0\r\n\r\n",
          "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\njson"
          "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"
          "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault"
          "HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nstatic",
          1);
}

/* ========================================================================= */
/* 3. pipelining */
static const char *const pipe_body[3] = {"default", "A", "BB"};
static const statico_route pipe_routes[] = {ROUTE(NULL, "/a", "A"), ROUTE(NULL, "/b", "BB")};

static statico_config pipe_cfg(void)
{
    statico_config c = cfg_zero();
    c.routes = pipe_routes;
    c.route_count = 2;
    c.response = (statico_response){.body = "default", .body_len = 7};
    return c;
}

/* n GET requests to /, /a, /b in turn, and their responses */
static void pipe_stream(size_t n, str *in, str *want)
{
    static const char *const path[3] = {"/", "/a", "/b"};
    size_t i;
    for (i = 0; i < n; i++) {
        char head[64];
        const char *b = pipe_body[i % 3];
        putf(in, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", path[i % 3]);
        snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %zu\r\n", strlen(b));
        resp(want, head, b, strlen(b), 0);
    }
}

static void group_pipelining(void)
{
    statico_config c = pipe_cfg();
    str in = {0}, want = {0};
    size_t k;

    pipe_stream(100, &in, &want);
    CHECK_STR("100 requests in one input, every split, one byte at a time", &c, in, want, 0, ALL);
    clear(&in);
    clear(&want);

    pipe_stream(3000, &in, &want); /* more than one read buffer (max_head + 64 KiB) */
    check(__LINE__, "3000 requests in one input", &c, in.p, in.n, want.p, want.n, 0, BYTES | PIECES);
    for (k = 0; k < 5; k++) { /* cuts placed across the read-buffer edge */
        const char *out;
        size_t out_len, cut = STATICO_MAX_HEAD + 65536 - 20 + k * 9;
        statico_server *s;
        int r;
        case_begin(__LINE__, "3000 requests, split near the read-buffer size");
        if ((r = feed(&c, in.p, in.n, 0, cut, &out, &out_len, &s)) >= 0) {
            same("split", out, out_len, r, want.p, want.n, 0);
            statico__engine_free(s);
        }
        case_end();
    }
    clear(&in);
    clear(&want);

    /* GET, HEAD, POST with bodies (Content-Length, chunked with extensions and trailers), an empty
     * line between requests (RFC 9112 2.2), HTTP/1.0 keep-alive, and a close at the end */
    puts_(&in, "GET /a" H11 "HEAD /b" H11 "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world"
               "GET /?q=1" H11 "\r\n"
               "POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
               "5;name=val;q=\"a \\\"b\\\" c\"\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0;last\r\n"
               "X-Trailer: 1\r\nX-Other: two\r\n\r\n"
               "HEAD / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
               "PUT /b HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
               "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
               "GET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
               "GET /a" H11);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n", "A", 1, 0);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", "BB", 2, R_HEAD);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", "BB", 2, 0);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n", "default", 7, 0);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n", "A", 1, 0);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n", "default", 7, R_HEAD | R_KEEP);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", "BB", 2, 0);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n", "default", 7, 0);
    resp(&want, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", "BB", 2, R_CLOSE);
    CHECK_STR("GET, HEAD, POST bodies, HTTP/1.0, close: every split, one byte at a time", &c, in, want, 1, ALL);
    clear(&in);
    clear(&want);
}

/* ========================================================================= */
/* 4. request bodies */
#define OK7 "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault"
#define OK7_CLOSE "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\ndefault"
#define POST_CL(n) "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " #n "\r\n"
#define POST_CHUNKED "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
#define EXPECT "Expect: 100-continue\r\n"

static void discard_log(void *user, const char *text, size_t len)
{
    (void)user, (void)text, (void)len;
}

static void group_bodies(void)
{
    str mib = {0};
    statico_config c = pipe_cfg();
    str in = {0}, want = {0};
    size_t k, head_len;

    CHECK("Content-Length body skipped", &c, POST_CL(5) "\r\nhelloGET /" H11, OK7 OK7, 0);
    CHECK("a body that looks like a request is not one", &c, POST_CL(26) "\r\nGET /a HTTP/1.1\r\nHost: x\r\nGET /b" H11,
          OK7 "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nBB", 0);
    CHECK("chunked body skipped (extensions, trailers)", &c,
          POST_CHUNKED "\r\n3;a=b;c\r\nabc\r\na;x=\"q;\\\"\"\r\n0123456789\r\n0\r\nT: 1\r\n\r\nGET /" H11, OK7 OK7, 0);
    CHECK("chunk data holding CRLF and a request", &c,
          POST_CHUNKED "\r\n1c\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n\r\n0\r\n\r\nGET /" H11, OK7 OK7, 0);
    CHECK("body then Connection: close", &c,
          "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3\r\n\r\nabcGET /" H11, OK7_CLOSE, 1);
    CHECK("HTTP/1.0 body, then close", &c, "POST / HTTP/1.0\r\nContent-Length: 2\r\n\r\nabGET /" H11, OK7_CLOSE, 1);
    CHECK("HEAD with a body", &c, "HEAD / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab",
          "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\n", 0);
    CHECK("Content-Length: 0, no body", &c, POST_CL(0) "\r\nGET /" H11, OK7 OK7, 0);
    CHECK("no body limit by default (bodies are discarded)", &c, POST_CL(9223372036854775807) "\r\n", "", 0);

    STEPS("the response waits for the whole body", &c);
    STEP(POST_CL(5) "\r\nhe", "", 0);
    STEP("ll", "", 0);
    STEP("oGET /" H11, OK7 OK7, 0);
    STEPS_END();
    STEPS("chunked body split across inputs", &c);
    STEP(POST_CHUNKED "\r\n5\r\nhel", "", 0);
    STEP("lo\r\n0\r\nX-T", "", 0);
    STEP("railer: 1\r\n\r", "", 0);
    STEP("\n", OK7, 0);
    STEPS_END();

    /* RFC 9110 10.1.1: 100 Continue when the client waits for it */
    STEPS("Expect: 100-continue, head alone", &c);
    STEP(POST_CL(5) EXPECT "\r\n", CONTINUE, 0);
    STEP("hel", CONTINUE, 0);
    STEP("lo", CONTINUE OK7, 0);
    STEPS_END();
    STEPS("Expect: 100-continue, head split, then alone", &c);
    STEP(POST_CL(5) EXPECT, "", 2);
    STEP("\r\n", CONTINUE, 0);
    STEP("hello", CONTINUE OK7, 0);
    STEPS_END();
    STEPS("Expect: 100-continue, chunked", &c);
    STEP(POST_CHUNKED EXPECT "\r\n", CONTINUE, 0);
    STEP("0\r\n\r\n", CONTINUE OK7, 0);
    STEPS_END();
    check(__LINE__, "Expect: 100-continue, body in the same input", &c, S(POST_CL(5) EXPECT "\r\nhello"), S(OK7), 0,
          WHOLE);
    check(__LINE__, "Expect: 100-continue, Content-Length: 0", &c, S(POST_CL(0) EXPECT "\r\n"), S(OK7), 0, ALL);
    check(__LINE__, "Expect: 100-continue on HTTP/1.0 is ignored", &c,
          S("POST / HTTP/1.0\r\nContent-Length: 1\r\nConnection: keep-alive\r\n" EXPECT "\r\nx"),
          S("HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: keep-alive\r\n\r\ndefault"), 0, ALL);
    /* at every split: 100 Continue exactly when the first part ends with the head */
    puts_(&in, POST_CL(5) EXPECT "\r\n");
    head_len = in.n;
    puts_(&in, "helloGET /" H11);
    case_begin(__LINE__, "Expect: 100-continue at every split");
    for (k = 1; k < in.n && case_bad < 4; k++) {
        const char *out;
        size_t out_len;
        statico_server *s;
        char how[64];
        int r;
        clear(&want);
        if (k == head_len) puts_(&want, CONTINUE);
        puts_(&want, OK7 OK7);
        if ((r = feed(&c, in.p, in.n, 0, k, &out, &out_len, &s)) < 0) break;
        snprintf(how, sizeof how, "split at %zu", k);
        same(how, out, out_len, r, want.p, want.n, 0);
        statico__engine_free(s);
    }
    case_end();
    clear(&in);
    clear(&want);

    /* cfg.max_body: 413 and close */
    c.max_body = 10;
    CHECK("Content-Length = max_body", &c, POST_CL(10) "\r\n0123456789GET /" H11, OK7 OK7, 0);
    CHECK("Content-Length > max_body: 413 at once", &c, POST_CL(11) "\r\n", ERR(413, "Content Too Large"), 1);
    CHECK("Content-Length > max_body with Expect: no 100", &c, POST_CL(11) EXPECT "\r\n0123456789a",
          ERR(413, "Content Too Large"), 1);
    CHECK("chunked = max_body", &c, POST_CHUNKED "\r\n8\r\n01234567\r\n2\r\n89\r\n0\r\n\r\nGET /" H11, OK7 OK7, 0);
    CHECK("chunked > max_body: 413", &c, POST_CHUNKED "\r\n8\r\n01234567\r\n3\r\n89a\r\n0\r\n\r\nGET /" H11,
          ERR(413, "Content Too Large"), 1);
    CHECK("one chunk > max_body: 413", &c, POST_CHUNKED "\r\nffff\r\n0123456789abcdef",
          ERR(413, "Content Too Large"), 1);
    STEPS("chunked > max_body after 100 Continue", &c);
    STEP(POST_CHUNKED EXPECT "\r\n", CONTINUE, 0);
    STEP("b\r\n0123456789a\r\n", CONTINUE ERR(413, "Content Too Large"), 1);
    STEP("0\r\n\r\nGET /" H11, CONTINUE ERR(413, "Content Too Large"), 1);
    STEPS_END();
    c.max_body = 0; /* no limit: bodies are discarded as they stream */
    CHECK("Content-Length 2^63-1 without a limit", &c, POST_CL(9223372036854775807) "\r\n", "", 0);
    STEPS("a chunked body of 80 MiB without a limit", &c);
    STEP(POST_CHUNKED "\r\n5000000\r\n", "", 0);
    fill(&mib, 'x', (size_t)1 << 20);
    for (k = 0; k < 80; k++) step(mib.p, mib.n, "", 0, 0); /* 80 MiB = 0x5000000 bytes */
    clear(&mib);
    STEP("\r\n0\r\n\r\nGET /" H11, OK7 OK7, 0);
    STEPS_END();
    c.verbose = 3; /* bodies kept for the verbose log: 64 MiB by default */
    c.verbose_log = discard_log;
    CHECK("Content-Length > 64 MiB when bodies are kept", &c, POST_CL(67108865) "\r\n", ERR(413, "Content Too Large"), 1);
    CHECK("Content-Length = 64 MiB when bodies are kept", &c, POST_CL(67108864) "\r\n", "", 0);
    c.verbose = 0;
    c.verbose_log = NULL;

    /* malformed chunked bodies: 400 and close */
#define BAD_CHUNKED(name, body) CHECK(name, &c, POST_CHUNKED "\r\n" body, ERR(400, "Bad Request"), 1)
    BAD_CHUNKED("chunk size not hex", "zz\r\n");
    BAD_CHUNKED("no chunk size", "\r\n");
    BAD_CHUNKED("space after the size", "5 \r\nhello\r\n0\r\n\r\n");
    BAD_CHUNKED("bare LF after the size", "5\nhello\r\n0\r\n\r\n");
    BAD_CHUNKED("data longer than its size", "5\r\nhelloXX\r\n0\r\n\r\n");
    BAD_CHUNKED("size over 2^63-1", "8000000000000000\r\n");
    BAD_CHUNKED("bad extension", "5;=x\r\nhello\r\n0\r\n\r\n");
    BAD_CHUNKED("obs-fold in a trailer", "0\r\nT: 1\r\n 2\r\n\r\n");
    BAD_CHUNKED("bare LF ending the trailers", "0\r\n\n");
#undef BAD_CHUNKED
    CHECK("response before a bad chunked body, then only 400", &c,
          "GET /a" H11 POST_CHUNKED "\r\n1\r\nx\r\nq\r\nGET /" H11,
          "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA" ERR(400, "Bad Request"), 1);
}

/* ========================================================================= */
/* 5. errors: every parser status through the engine, and what comes before and after */
static void group_errors(void)
{
    statico_config c = pipe_cfg();
    str in = {0}, want = {0};
    size_t i;
#define E400 ERR(400, "Bad Request")
    CHECK("request line without version", &c, "GET /\r\nHost: x\r\n\r\n", E400, 1);
    CHECK("two spaces in the request line", &c, "GET  /" H11, E400, 1);
    CHECK("lower-case version", &c, "GET / http/1.1\r\nHost: x\r\n\r\n", E400, 1);
    CHECK("bare LF", &c, "GET / HTTP/1.1\nHost: x\r\n\r\n", E400, 1);
    CHECK("obs-fold", &c, "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", E400, 1);
    CHECK("space before the colon", &c, "GET / HTTP/1.1\r\nHost : x\r\n\r\n", E400, 1);
    CHECK("HTTP/1.1 without Host", &c, "GET / HTTP/1.1\r\n\r\n", E400, 1);
    CHECK("empty Host with an origin-form target", &c, "GET / HTTP/1.1\r\nHost: \r\n\r\n", E400, 1);
    CHECK("empty Host with an absolute-form target is served", &c, "GET http://x/ HTTP/1.1\r\nHost:\r\n\r\n", OK7, 0);
    CHECK("a 40-byte method, unfinished: 400 at once", &c, "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM", E400, 1);
    CHECK("two Host headers", &c, "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", E400, 1);
    CHECK("Content-Length and Transfer-Encoding", &c,
          "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", E400, 1);
    CHECK("Content-Length values disagree", &c,
          "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc", E400, 1);
    CHECK("Content-Length over 2^63-1", &c, POST_CL(9223372036854775808) "\r\n", E400, 1);
    CHECK("chunked on HTTP/1.0", &c, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", E400, 1);
    CHECK("chunked not last", &c, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", E400, 1);
    CHECK("a lone CR before the request", &c, "\rGET /" H11, E400, 1);
    CHECK("HTTP/2.0: 505", &c, "GET / HTTP/2.0\r\nHost: x\r\n\r\n", ERR(505, "HTTP Version Not Supported"), 1);
    CHECK("HTTP/1.2: 505", &c, "GET / HTTP/1.2\r\nHost: x\r\n\r\n", ERR(505, "HTTP Version Not Supported"), 1);
    CHECK("Transfer-Encoding: gzip, chunked: 501", &c,
          "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
          ERR(501, "Not Implemented"), 1);
    CHECK("CONNECT: 501", &c, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\nGET /" H11,
          ERR(501, "Not Implemented"), 1);

    /* 414: a target over 8192 bytes (the default limit, under the default head limit); a
     * request line of 8000 bytes is served (RFC 9112 3) */
    for (i = 0; i < 3; i++) {
        static const size_t tlen[] = {7985, 8192, 8193};
        puts_(&in, "GET /");
        fill(&in, 'a', tlen[i] - 1);
        puts_(&in, H11);
        if (i == 2) puts_(&want, ERR(414, "URI Too Long"));
        else puts_(&want, OK7);
        check(__LINE__, i == 2 ? "target of 8193 bytes: 414" : "target of 7985 or 8192 bytes", &c, in.p, in.n, want.p,
              want.n, i == 2, WHOLE | BYTES);
        clear(&in);
        clear(&want);
    }
    puts_(&in, "GET /");
    fill(&in, 'a', 12000);
    check(__LINE__, "unfinished target of 12000 bytes: 414", &c, in.p, in.n, S(ERR(414, "URI Too Long")), 1,
          WHOLE | BYTES);
    clear(&in);

    /* 431: too many header lines, or a head over cfg.max_head */
    c.max_head = 0;
    for (i = 0; i < 2; i++) {
        const char *w;
        size_t h;
        puts_(&in, "GET / HTTP/1.1\r\nHost: x\r\n");
        for (h = 0; h < STATICO_MAX_HEADERS - 1 + i; h++) putf(&in, "X-%zu: %zu\r\n", h, h);
        puts_(&in, "\r\n");
        w = i ? ERR(431, "Request Header Fields Too Large") : OK7;
        check(__LINE__, i ? "one header too many: 431" : "STATICO_MAX_HEADERS headers", &c, in.p, in.n, w, strlen(w),
              (int)i, ALL);
        clear(&in);
    }
    c.max_head = 256;
    for (i = 0; i < 3; i++) { /* a head of 256 bytes, of 257, and 396 bytes unfinished */
        const char *w = i ? ERR(431, "Request Header Fields Too Large") : OK7;
        puts_(&in, "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ");
        fill(&in, 'p', (i == 2 ? 400 : 256 + i) - in.n - 4);
        if (i < 2) puts_(&in, "\r\n\r\n");
        check(__LINE__, i == 0 ? "head of max_head bytes" : i == 1 ? "head of max_head + 1 bytes: 431"
                                                                   : "unfinished head over max_head: 431",
              &c, in.p, in.n, w, strlen(w), i ? 1 : 0, ALL);
        clear(&in);
    }
    CHECK("a response, then a head over max_head", &c,
          "GET /" H11 "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: "
          "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp"
          "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp"
          "pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp",
          OK7 ERR(431, "Request Header Fields Too Large"), 1);
    c.max_head = 65536; /* the largest head: spans are 16-bit offsets */
    for (i = 0; i < 2; i++) {
        const char *w = i ? ERR(431, "Request Header Fields Too Large") : OK7 OK7;
        puts_(&in, "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ");
        fill(&in, 'p', 65536 + i - in.n - 4);
        puts_(&in, "\r\n\r\nGET /" H11);
        check(__LINE__, i ? "head of 65537 bytes, max_head 65536: 431" : "head of 65536 bytes, max_head 65536", &c,
              in.p, in.n, w, strlen(w), i ? 1 : 0, PIECES);
        clear(&in);
    }
    c.max_head = 0;

    /* a valid request before an invalid one is answered first; nothing after the error */
    CHECK("GET, bad request, GET", &c, "GET /a" H11 "GET / HTTP/9.9\r\n\r\nGET /b" H11,
          "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA" ERR(505, "HTTP Version Not Supported"), 1);
    CHECK("GET, POST with body, obs-fold", &c, "GET /b" H11 POST_CL(3) "\r\nxyzGET / HTTP/1.1\r\nHost: x\r\n y\r\n\r\n",
          "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nBB" OK7 E400, 1);
    CHECK("GET, CONNECT, GET", &c, "GET /" H11 "CONNECT h:1 HTTP/1.1\r\nHost: h:1\r\n\r\nGET /" H11,
          OK7 ERR(501, "Not Implemented"), 1);
    STEPS("input after an error is ignored", &c);
    STEP("GET /a" H11 "BAD\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA" E400, 1);
    STEP("GET /" H11, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA" E400, 1);
    STEPS_END();
#undef E400
}

/* ========================================================================= */
/* 6. state 2: inside a head */
static void group_partial(void)
{
    statico_config c = pipe_cfg();
    STEPS("partial head, then the rest", &c);
    STEP("GET / HTTP/1.1\r\nHo", "", 2);
    STEP("", "", 2);
    STEP("st: x\r\n\r", "", 2);
    STEP("\n", OK7, 0);
    STEPS_END();
    STEPS("a response, then a partial head", &c);
    STEP("GET /" H11 "GET /", OK7, 2);
    STEP("a HTTP/1.1\r\nHost: x\r\n\r\nGET /b", OK7 "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA", 2);
    STEP(H11, OK7 "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA" "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nBB", 0);
    STEPS_END();
    STEPS("empty lines before a request", &c);
    STEP("\r\n", "", 2);
    STEP("\r\nGET / HTTP/1.1\r\n", "", 2);
    STEP("Host: x\r\n\r\n", OK7, 0);
    STEPS_END();
    STEPS("nothing yet", &c);
    STEP("", "", 0);
    STEPS_END();
    STEPS("a partial head that turns bad", &c);
    STEP("GET / HTTP/1.1\r\nHost: x\r\n", "", 2);
    STEP("Bad Header: 1\r\n\r\n", ERR(400, "Bad Request"), 1);
    STEPS_END();
}

/* ========================================================================= */
/* timeouts and delays, on the engine's own clock (statico__engine_advance) */
#define REQ_TO "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
static void group_clock(void)
{
    statico_config c = pipe_cfg();
    str kib = {0};
    int k;
    c.header_timeout_ms = 1000;
    c.body_timeout_ms = 1000;
    STEPS("header timeout: 408 at 1000 ms, not before", &c);
    STEP("GET / HTTP/1.1\r\nHo", "", 2);
    WAIT(999, "", 2);
    STEP("st: x\r\n", "", 2); /* more bytes do not move the deadline */
    WAIT(1, REQ_TO, 1);
    STEPS_END();

    STEPS("body timeout: 3 of 10 bytes, then nothing: 408 at 1000 ms", &c);
    STEP(POST_CL(10) "\r\nabc", "", 0);
    WAIT(999, "", 0);
    WAIT(1, REQ_TO, 1);
    STEPS_END();

    STEPS("body timeout: a byte every 400 ms is cut at 1000 ms", &c);
    STEP(POST_CL(100) "\r\n", "", 0);
    WAIT(400, "", 0);
    STEP("a", "", 0);
    WAIT(400, "", 0);
    STEP("b", "", 0);
    WAIT(200, REQ_TO, 1);
    STEPS_END();

    STEPS("body timeout: 100-continue, then nothing", &c);
    STEP(POST_CL(10) EXPECT "\r\n", CONTINUE, 0);
    WAIT(1000, CONTINUE REQ_TO, 1);
    STEPS_END();

    STEPS("body timeout: 1 KiB every 900 ms keeps the body going, then the response", &c);
    fill(&kib, 'k', 1024);
    STEP(POST_CL(4096) "\r\n", "", 0);
    for (k = 0; k < 4; k++) {
        WAIT(900, "", 0);
        step(kib.p, kib.n, k < 3 ? "" : OK7, k < 3 ? 0 : sizeof OK7 - 1, 0);
    }
    WAIT(5000, OK7, 0); /* the idle timeout (60 s) is far */
    STEPS_END();
    clear(&kib);

    c.header_timeout_ms = c.body_timeout_ms = 0;
    c.delay_us = 100000;
    STEPS("delay 100 ms: each pipelined request 100 ms after its own arrival, in order", &c);
    STEP("GET /" H11, "", 0);
    WAIT(50, "", 0);
    STEP("GET /a" H11, "", 0);
    WAIT(49, "", 0);
    WAIT(1, OK7, 0);
    WAIT(49, OK7, 0);
    WAIT(1, OK7 "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA", 0);
    STEPS_END();

    c.delay_us = 0;
    c.body_delay_us = 200000;
    STEPS("body delay 200 ms: the head at once (on the loop's next pass), the body 200 ms later", &c);
    STEP("GET /a" H11, "", 0);
    WAIT(0, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n", 0);
    WAIT(199, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n", 0);
    WAIT(1, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA", 0);
    STEPS_END();
}

/* ========================================================================= */
/* what next: the engine's answer after input, output, a timer or the peer's end */
#define OK_GET "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault"
#define BAD_REQ "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
static void group_next(void)
{
    statico_config c = pipe_cfg();
    str many = {0}, want = {0};
    int k;
    c.header_timeout_ms = 1000;
    c.idle_timeout_ms = 5000;
    STEPS("keep-alive: read on until the idle timeout, then close", &c);
    STEP("GET /" H11, OK_GET, 0);
    NEXT(DO_READ, 5000, 1);
    WAIT(4999, OK_GET, 0);
    NEXT(DO_READ, 1, 1);
    WAIT(1, OK_GET, 0);
    NEXT(DO_CLOSE, -1, 1);
    STEPS_END();

    STEPS("a partial head: the header deadline; 408, then linger, then close", &c);
    STEP("GET / HTTP/1.1\r\n", "", 2);
    NEXT(DO_READ, 1000, 1);
    WAIT(1000, REQ_TO, 1);
    NEXT(DO_LINGER, 1000, 1); /* lingering connections are read, to discard */
    WAIT(999, REQ_TO, 1);
    NEXT(DO_LINGER, 1, 1);
    WAIT(1, REQ_TO, 1);
    NEXT(DO_CLOSE, -1, 1);
    STEPS_END();

    STEPS("an invalid request: 400, then linger", &c);
    STEP("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n", BAD_REQ, 1);
    NEXT(DO_LINGER, 1000, 1);
    STEPS_END();

    STEPS("Connection: close: the response, then linger", &c);
    STEP("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
         "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\ndefault", 1);
    NEXT(DO_LINGER, 1000, 1);
    STEPS_END();

    STEPS("the peer's end with nothing owed: close", &c);
    STEP("GET /" H11, OK_GET, 0);
    EOF_STEP(OK_GET, 0);
    NEXT(DO_CLOSE, 5000, 1);
    STEPS_END();

    STEPS("the peer's end with a partial head: close, no 408", &c);
    STEP("GET / HTTP/1.1\r\nHo", "", 2);
    EOF_STEP("", 2);
    NEXT(DO_CLOSE, 1000, 1);
    STEPS_END();

    c.delay_us = 300000;
    STEPS("the peer's end while a delayed response is owed: it is sent, then close", &c);
    STEP("GET /" H11, "", 0);
    NEXT(DO_READ, 300, 1);
    EOF_STEP("", 1);
    NEXT(DO_READ, 300, 0); /* nothing more is read; the delay keeps its time */
    WAIT(299, "", 1);
    WAIT(1, OK_GET, 1);
    NEXT(DO_CLOSE, -1, 0);
    STEPS_END();

    c.delay_us = 1000000;
    STEPS("back-pressure: 4,097 delayed responses owed stop reading; read again below half", &c);
    for (k = 0; k < 4097; k++) puts_(&many, "GET /" H11);
    step(many.p, many.n, "", 0, 0);
    NEXT(DO_READ, 1000, 0);
    for (k = 0; k < 4097; k++) puts_(&want, OK_GET);
    wait_ms(1000, want.p, want.n, 0);
    NEXT(DO_READ, 5000, 1);
    STEPS_END();
    clear(&many);
    clear(&want);
}

/* ========================================================================= */
/* counts: per route, the default and every request, bumped before the bytes are handed on */
static void counts_are(int line, uint64_t a, uint64_t b, uint64_t dflt, uint64_t any)
{
    uint64_t g[4];
    if (!step_s) return;
    g[0] = statico_server_count(step_s, 0);
    g[1] = statico_server_count(step_s, 1);
    g[2] = statico_server_count(step_s, STATICO_ROUTE_DEFAULT);
    g[3] = statico_server_count(step_s, STATICO_ROUTE_ANY);
    if (g[0] != a || g[1] != b || g[2] != dflt || g[3] != any)
        failf("line %d: counts /a %llu, /b %llu, default %llu, any %llu; expected %llu, %llu, %llu, %llu", line,
              (unsigned long long)g[0], (unsigned long long)g[1], (unsigned long long)g[2], (unsigned long long)g[3],
              (unsigned long long)a, (unsigned long long)b, (unsigned long long)dflt, (unsigned long long)any);
}
#define COUNTS(a, b, d, any) counts_are(__LINE__, a, b, d, any)

static void group_counts(void)
{
    statico_config c = pipe_cfg();
    STEPS("counts per route, the default, and any", &c);
    COUNTS(0, 0, 0, 0);
    STEP("GET /a" H11 "GET /b" H11 "GET /b" H11 "GET /zz" H11,
         "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA" "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nBB"
         "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nBB" OK7, 0);
    COUNTS(1, 2, 1, 4);
    if (step_s && (statico_server_count(step_s, 2) != 0 || statico_server_count(step_s, -3) != 0))
        failf("an unknown route counts 0");
    STEPS_END();

    STEPS("a parse error counts in any only; a body's request when its response is queued", &c);
    STEP(POST_CL(3) "\r\nab", "", 0);
    COUNTS(0, 0, 0, 0); /* not answered yet */
    STEP("cGET / HTTP/1.1\r\nBad Header: x\r\n\r\n", OK7 BAD_REQ, 1);
    COUNTS(0, 0, 1, 2);
    STEPS_END();

    STEPS("reset: the counts start again from zero", &c);
    STEP("GET /a" H11 "GET /" H11, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA" OK7, 0);
    if (step_s) statico_server_reset(step_s);
    COUNTS(0, 0, 0, 0);
    STEP("GET /a" H11, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA" OK7 "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA", 0);
    COUNTS(1, 0, 0, 1);
    STEPS_END();

    c.delay_us = 200000;
    STEPS("a delayed response is counted when queued, before its bytes go", &c);
    STEP("GET /b" H11, "", 0);
    COUNTS(0, 1, 0, 1);
    if (step_s && !statico_server_wait(step_s, 1, 1, 0)) failf("wait for a count reached returns 1 at once");
    if (step_s && statico_server_wait(step_s, 1, 2, 0)) failf("wait for a count not reached returns 0");
    WAIT(200, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nBB", 0);
    COUNTS(0, 1, 0, 1);
    STEPS_END();
}

/* ========================================================================= */
/* the journal: what each exchange was, in order, bounded */
static statico_exchange jx[64];
static size_t journal(uint64_t from)
{
    return step_s ? statico_server_journal(step_s, from, jx, 64) : 0;
}
static int span_is(const char *p, size_t n, const char *want)
{
    return n == strlen(want) && (!n || !memcmp(p, want, n));
}
#define JCHECK(cond) (void)((cond) || (failf("line %d: %s", __LINE__, #cond), 0))
/* input whose output another check covers */
static void feed_only(const char *in)
{
    const char *out;
    size_t out_len;
    if (step_s) statico__engine_input(step_s, in, strlen(in), &out, &out_len);
}

static void group_journal(void)
{
    statico_config c = pipe_cfg();
    statico_stats st = {0};
    size_t n;
    int k;
    c.journal_size = 4;
    c.journal_bytes = 64;
    STEPS("journal: method, target, head, route, status, version, in order", &c);
    STEP("GET /a?x=1" H11 "HEAD /b/c HTTP/1.0\r\n\r\n",
         "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA" "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\n", 1);
    n = journal(0);
    JCHECK(n == 2);
    if (n == 2) {
        JCHECK(jx[0].seq == 1 && jx[1].seq == 2);
        JCHECK(span_is(jx[0].method, jx[0].method_len, "GET") && span_is(jx[0].target, jx[0].target_len, "/a?x=1"));
        JCHECK(span_is(jx[0].head, jx[0].head_len, "GET /a?x=1 HTTP/1.1\r\nHost: x\r\n\r\n"));
        JCHECK(jx[0].route == 0 && jx[0].status == 200 && jx[0].version == 11 && jx[0].body_len == 0);
        JCHECK(span_is(jx[1].method, jx[1].method_len, "HEAD") && span_is(jx[1].target, jx[1].target_len, "/b/c"));
        JCHECK(jx[1].route == STATICO_ROUTE_DEFAULT && jx[1].version == 10 && !jx[1].body_truncated);
        JCHECK(jx[0].connection == jx[1].connection && jx[0].port_index == 0);
    }
    n = journal(2);
    JCHECK(n == 1 && jx[0].seq == 2);
    STEPS_END();

    STEPS("journal: a body, cut at journal_bytes and flagged; a parse error", &c);
    STEP(POST_CL(10) "\r\n0123456789", OK7, 0);
    STEP(POST_CL(40) "\r\n0123456789012345678901234567890123456789", OK7 OK7, 0);
    STEP("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n", OK7 OK7 BAD_REQ, 1);
    n = journal(0);
    JCHECK(n == 3);
    if (n == 3) {
        JCHECK(span_is((const char *)jx[0].body, jx[0].body_len, "0123456789") && !jx[0].body_truncated);
        JCHECK(jx[1].head_len + jx[1].body_len == 64 && jx[1].body_truncated);
        JCHECK(jx[2].route == STATICO_ROUTE_ANY && jx[2].status == 400 && jx[2].head_len == 0 && jx[2].version == 0);
    }
    STEPS_END();

    STEPS("journal: a ring of 4 keeps the last 4, counts what it lost; reset empties it", &c);
    for (k = 0; k < 6; k++) feed_only("GET /a" H11);
    n = journal(0);
    JCHECK(n == 4 && jx[0].seq == 3 && jx[3].seq == 6);
    if (step_s) statico_server_stats(step_s, -1, &st);
    JCHECK(st.journal_overflow == 2);
    if (step_s) statico_server_reset(step_s);
    JCHECK(journal(0) == 0);
    feed_only("GET /b" H11);
    n = journal(0);
    JCHECK(n == 1 && jx[0].seq == 7 && jx[0].route == 1);
    STEPS_END();

    c.journal_size = 0;
    STEPS("no journal: nothing kept, counts still exact", &c);
    STEP("GET /a" H11, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA", 0);
    JCHECK(journal(0) == 0 && step_s && statico_server_count(step_s, 0) == 1);
    STEPS_END();
}

/* ========================================================================= */
/* sequences: a route's steps, each `times` requests, the last repeating */
static const statico_step flaky_steps[] = {
    {{503, NULL, NULL, 0, NULL, 0}, 2, NOFAULT},
    {{200, NULL, NULL, 0, "ok", 2}, 1, NOFAULT},
    {{404, NULL, NULL, 0, NULL, 0}, 0, NOFAULT},
};
static const statico_step forever_steps[] = {
    {{201, NULL, NULL, 0, NULL, 0}, 0, NOFAULT},
    {{500, NULL, NULL, 0, NULL, 0}, 1, NOFAULT},
};
#define R503 "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
#define R200OK "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
#define R404 "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
#define R201 "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
static void group_steps(void)
{
    statico_route r[3];
    statico_config c = pipe_cfg();
    memset(r, 0, sizeof r);
    r[0].path = "/flaky";
    r[0].steps = flaky_steps;
    r[0].step_count = 3;
    r[1].path = "/always";
    r[1].steps = forever_steps;
    r[1].step_count = 2;
    r[2].path = "/one";
    r[2].steps = forever_steps + 1;
    r[2].step_count = 1;
    c.routes = r;
    c.route_count = 3;
    CHECK("a pipelined batch takes the steps in request order", &c,
          "GET /flaky" H11 "GET /flaky" H11 "GET /flaky" H11 "GET /flaky" H11 "GET /flaky" H11,
          R503 R503 R200OK R404 R404, 0);
    CHECK("a step of times 0 answers forever; a single step always", &c,
          "GET /always" H11 "GET /always" H11 "GET /always" H11 "GET /one" H11 "GET /one" H11,
          R201 R201 R201 "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"
          "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n", 0);
    STEPS("reset rewinds the sequences; counts count every step", &c);
    STEP("GET /flaky" H11 "GET /flaky" H11 "GET /flaky" H11, R503 R503 R200OK, 0);
    if (step_s && statico_server_count(step_s, 0) != 3) failf("route 0 answered 3");
    if (step_s) statico_server_reset(step_s);
    STEP("GET /flaky" H11, R503 R503 R200OK R503, 0);
    STEPS_END();
    c.journal_size = 8;
    STEPS("the journal says the status each step sent", &c);
    STEP("GET /flaky" H11 "GET /flaky" H11 "GET /flaky" H11, R503 R503 R200OK, 0);
    if (step_s) {
        statico_exchange x[8];
        size_t n = statico_server_journal(step_s, 0, x, 8);
        if (n != 3 || x[0].status != 503 || x[1].status != 503 || x[2].status != 200 || x[2].route != 0)
            failf("journal statuses %d %d %d", n > 0 ? x[0].status : 0, n > 1 ? x[1].status : 0,
                  n > 2 ? x[2].status : 0);
    }
    STEPS_END();
    {
        statico_route bad = r[0];
        statico_step st = {{204, NULL, NULL, 0, "x", 1}, 1, NOFAULT};
        bad.steps = &st;
        bad.step_count = 1;
        c.routes = &bad;
        c.route_count = 1;
        bad_config(__LINE__, "a step's response is checked (204 with a body)", &c);
        bad.steps = NULL;
        bad_config(__LINE__, "step_count without steps", &c);
    }
}

/* ========================================================================= */
/* matchers: query and header conditions, every kind and its negation; the first route that holds */
static void match_case(int line, const char *name, const char *const *q, size_t nq, const char *const *h, size_t nh,
                       const char *req, int want_matched)
{
    statico_route r[1];
    statico_config c = pipe_cfg();
    str in = {0}, want = {0};
    memset(r, 0, sizeof r);
    r[0].path = "/m";
    r[0].response = (statico_response){.body = "M", .body_len = 1};
    r[0].match.query = q;
    r[0].match.query_count = nq;
    r[0].match.headers = h;
    r[0].match.header_count = nh;
    c.routes = r;
    c.route_count = 1;
    puts_(&in, req);
    puts_(&want, want_matched ? "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nM" : OK7);
    check(line, name, &c, in.p, in.n, want.p, want.n, 0, WHOLE);
    clear(&in);
    clear(&want);
}
#define MATCH(name, q, h, req, yes) \
    match_case(__LINE__, name, q, sizeof q / sizeof q[0] - 1, h, sizeof h / sizeof h[0] - 1, req, yes)

static void group_match(void)
{
    static const char *const none[] = {NULL};
    static const char *const q_eq[] = {"id=42", NULL}, *const q_pre[] = {"id=4*", NULL}, *const q_has[] = {"id", NULL},
                             *const q_not[] = {"!debug", NULL}, *const q_two[] = {"a=1", "b", NULL};
    static const char *const h_eq[] = {"X-Key: abc", NULL}, *const h_pre[] = {"x-key: ab*", NULL},
                             *const h_in[] = {"User-Agent: *curl*", NULL}, *const h_has[] = {"X-Key", NULL},
                             *const h_not[] = {"!Authorization", NULL};
    MATCH("query k=v: equal", q_eq, none, "GET /m?id=42" H11, 1);
    MATCH("query k=v: not a longer value", q_eq, none, "GET /m?id=420" H11, 0);
    MATCH("query k=v: among others", q_eq, none, "GET /m?x=1&id=42&y" H11, 1);
    MATCH("query k=v: no query", q_eq, none, "GET /m" H11, 0);
    MATCH("query k=pre*: prefix", q_pre, none, "GET /m?id=4000" H11, 1);
    MATCH("query k=pre*: not a prefix", q_pre, none, "GET /m?id=5" H11, 0);
    MATCH("query k: present, with a value", q_has, none, "GET /m?id=" H11, 1);
    MATCH("query k: present, bare", q_has, none, "GET /m?a&id" H11, 1);
    MATCH("query k: a longer name is not it", q_has, none, "GET /m?idx=1" H11, 0);
    MATCH("query !k: absent", q_not, none, "GET /m?a=1" H11, 1);
    MATCH("query !k: present, so no", q_not, none, "GET /m?debug=0" H11, 0);
    MATCH("query: every condition", q_two, none, "GET /m?b&a=1" H11, 1);
    MATCH("query: one of two is not enough", q_two, none, "GET /m?a=1" H11, 0);
    MATCH("header equal", none, h_eq, "GET /m HTTP/1.1\r\nHost: x\r\nX-Key: abc\r\n\r\n", 1);
    MATCH("header equal: values exactly", none, h_eq, "GET /m HTTP/1.1\r\nHost: x\r\nX-Key: ABC\r\n\r\n", 0);
    MATCH("header prefix, name in any case", none, h_pre, "GET /m HTTP/1.1\r\nHost: x\r\nX-KEY: abcdef\r\n\r\n", 1);
    MATCH("header contains", none, h_in, "GET /m HTTP/1.1\r\nHost: x\r\nUser-Agent: a curl/8\r\n\r\n", 1);
    MATCH("header contains: not there", none, h_in, "GET /m HTTP/1.1\r\nHost: x\r\nUser-Agent: wget\r\n\r\n", 0);
    MATCH("header present", none, h_has, "GET /m HTTP/1.1\r\nHost: x\r\nx-key: \r\n\r\n", 1);
    MATCH("header present: missing", none, h_has, "GET /m" H11, 0);
    MATCH("header absent", none, h_not, "GET /m" H11, 1);
    MATCH("header absent: there", none, h_not, "GET /m HTTP/1.1\r\nHost: x\r\nAuthorization: x\r\n\r\n", 0);
    MATCH("a repeated header: any line", none, h_eq,
          "GET /m HTTP/1.1\r\nHost: x\r\nX-Key: no\r\nX-Key: abc\r\n\r\n", 1);
    {
        static const char *const bad1[] = {"!k=v"}, *const bad2[] = {"Bad Name: x"}, *const bad3[] = {"=v"};
        statico_route r;
        statico_config c = pipe_cfg();
        memset(&r, 0, sizeof r);
        r.path = "/m";
        c.routes = &r;
        c.route_count = 1;
        r.match.query = bad1;
        r.match.query_count = 1;
        bad_config(__LINE__, "query \"!k=v\" is refused", &c);
        r.match.query = bad3;
        bad_config(__LINE__, "query \"=v\" is refused", &c);
        r.match.query_count = 0;
        r.match.headers = bad2;
        r.match.header_count = 1;
        bad_config(__LINE__, "a header condition whose name is not a token is refused", &c);
        r.match.header_count = 0;
        r.match.body_len = 1;
        bad_config(__LINE__, "a body condition's length without its bytes is refused", &c);
    }
    {
        /* the first route whose conditions hold wins; one that fails lets the next try */
        static const char *const h_a[] = {"X-Who: a"};
        statico_route r[2];
        statico_config c = pipe_cfg();
        memset(r, 0, sizeof r);
        r[0].path = "/w";
        r[0].response = (statico_response){.body = "a", .body_len = 1};
        r[0].match.headers = h_a;
        r[0].match.header_count = 1;
        r[1].path = "/w";
        r[1].response = (statico_response){.body = "b", .body_len = 1};
        c.routes = r;
        c.route_count = 2;
        CHECK("the first route that holds: a, then b", &c,
              "GET /w HTTP/1.1\r\nHost: x\r\nX-Who: a\r\n\r\nGET /w" H11,
              "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na" "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb", 0);
    }
}

/* ========================================================================= */
/* the report: unmatched requests of the journal, each against its closest route */
static void report_has(int line, const char *want)
{
    char buf[4096];
    size_t n;
    if (!step_s) return;
    n = statico_server_report(step_s, buf, sizeof buf);
    if (n >= sizeof buf || !strstr(buf, want)) failf("line %d: the report lacks \"%s\": %s", line, want, buf);
}
#define REPORT_HAS(want) report_has(__LINE__, want)
static const char *report_text(void)
{
    static char buf[8192];
    statico_server_report(step_s, buf, sizeof buf);
    return buf;
}

static void group_report(void)
{
    static const char *const q[] = {"id=4*"}, *const h[] = {"!Authorization"};
    statico_route r[2];
    statico_config c = pipe_cfg();
    char small[16];
    size_t need;
    memset(r, 0, sizeof r);
    r[0].method = "GET";
    r[0].path = "/users/*";
    r[0].match.query = q;
    r[0].match.query_count = 1;
    r[1].method = "POST";
    r[1].path = "/login";
    r[1].name = "login";
    r[1].match.headers = h;
    r[1].match.header_count = 1;
    c.routes = r;
    c.route_count = 2;
    {
        statico_route p;
        statico_config pc = pipe_cfg();
        memset(&p, 0, sizeof p);
        p.method = "GET";
        p.path = "/users/*/posts";
        pc.routes = &p;
        pc.route_count = 1;
        STEPS("the report names the path segment that differs", &pc);
        feed_only("GET /users/7" H11);
        feed_only("GET /users/7/posts/9" H11);
        feed_only("GET /users//posts" H11);
        feed_only("GET /users/7/post" H11);
        REPORT_HAS("#1 GET /users/7\n  closest: route 0 'GET /users/*/posts': path /users/7: it ends where the route "
                   "has '/posts'\n");
        REPORT_HAS("#2 GET /users/7/posts/9\n  closest: route 0 'GET /users/*/posts': path /users/7/posts/9: '/9' is more "
                   "than the route has\n");
        REPORT_HAS("path /users//posts: segment 2 is '' where the route has '*'\n");
        REPORT_HAS("path /users/7/post: segment 3 is 'post' where the route has 'posts'\n");
        STEPS_END();
    }
    {
        statico_config none = cfg_zero();
        STEPS("no routes: the report says every request got the default", &none);
        feed_only("GET /x" H11);
        REPORT_HAS("no routes: every request gets the default response\n");
        STEPS_END();
    }
    STEPS("the report explains each unmatched request, journal or not", &c);
    feed_only("GET /users/7?id=5" H11);
    feed_only("PUT /login" H11);
    feed_only("POST /login HTTP/1.1\r\nHost: x\r\nAuthorization: x\r\nContent-Length: 0\r\n\r\n");
    feed_only("GET /users/8?id=42" H11);
    feed_only("GET /nothing/here" H11);
    REPORT_HAS("4 requests matched no route\n");
    REPORT_HAS("#1 GET /users/7?id=5\n  closest: route 0 'GET /users/*': query condition id=4* fails\n");
    REPORT_HAS("#2 PUT /login\n  closest: route 1 (login) 'POST /login': method PUT, not POST\n");
    REPORT_HAS("#3 POST /login\n  closest: route 1 (login) 'POST /login': header condition !authorization fails\n");
    REPORT_HAS("#4 GET /nothing/here\n  closest: route 0 'GET /users/*': path /nothing/here: segment 1 is 'nothing' "
               "where the route has 'users'\n");
    if (step_s) {
        int k;
        statico_server_reset(step_s);
        REPORT_HAS("0 requests matched no route\n");
        for (k = 0; k < 20; k++) feed_only("GET /nothing/here" H11);
        feed_only("GET /last" H11);
        REPORT_HAS("21 requests matched no route; the first ones:\n#1 GET /nothing/here\n");
        REPORT_HAS("#16 GET /nothing/here\n");
        if (step_s && strstr(report_text(), "GET /last")) failf("only the first 16 are kept");
        feed_only("GET /users/1?id=4&q=" H11);
        feed_only("GET /x HTTP/1.1\r\nHost: x\r\nX-Long: "); /* a head longer than what is kept */
        {
            str longv = {0};
            for (k = 0; k < 3000; k++) put(&longv, "v", 1);
            puts_(&longv, "\r\n\r\n");
            feed_only(longv.p);
            free(longv.p);
        }
        statico_server_reset(step_s);
        feed_only("GET /x HTTP/1.1\r\nHost: x\r\nX-Long: ");
        {
            str longv = {0};
            for (k = 0; k < 3000; k++) put(&longv, "v", 1);
            puts_(&longv, "\r\n\r\n");
            feed_only(longv.p);
            free(longv.p);
        }
        REPORT_HAS("#1 (its head was longer than 2048 bytes: not explained)\n");
    }
    if (step_s) {
        need = statico_server_report(step_s, small, sizeof small);
        if (need <= sizeof small || strlen(small) != sizeof small - 1) failf("a short buffer: cut, NUL-ended, the length needed");
    }
    STEPS_END();
}


/* ========================================================================= */
/* live routes: statico_server_set_route while serving */
static void set_route_ok(int line, int route, const statico_route *r)
{
    char err[256] = "";
    if (step_s && statico_server_set_route(step_s, route, r, err, sizeof err) != STATICO_OK)
        failf("line %d: set_route failed: %s", line, err);
}
#define SET_ROUTE(i, r) set_route_ok(__LINE__, i, r)

static void retired_is(int line, uint32_t want_retired, uint32_t want_used)
{
    uint32_t used, retired;
    if (!step_s) return;
    retired = statico__engine_retired(step_s, &used);
    if (retired != want_retired || used != want_used)
        failf("line %d: %u slots retired, %u in use; expected %u, %u", line, retired, used, want_retired, want_used);
}
#define RETIRED(n, used) retired_is(__LINE__, n, used)

#define RA "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA"
#define RNEW "HTTP/1.1 200 OK\r\nX-V: 2\r\nContent-Length: 3\r\n\r\nnew"
static void group_live(void)
{
    static const char *const xv[] = {"X-V: 2"}, *const q[] = {"v=2"};
    statico_route r[2], nr;
    statico_config c = pipe_cfg();
    char err[256];
    memset(r, 0, sizeof r);
    r[0].path = "/a";
    r[0].response.body = "A";
    r[0].response.body_len = 1;
    r[1].path = "/b";
    r[1].response.body = "BB";
    r[1].response.body_len = 2;
    c.routes = r;
    c.route_count = 2;
    memset(&nr, 0, sizeof nr);
    nr.path = "/a";
    nr.response.headers = xv;
    nr.response.header_count = 1;
    nr.response.body = "new";
    nr.response.body_len = 3;
    /* 9 fixed slots (default, errors, dropped) and one per route */
    STEPS("a replaced response answers the next request; the old slot is freed", &c);
    STEP("GET /a" H11, RA, 0);
    RETIRED(0, 11);
    SET_ROUTE(0, &nr);
    RETIRED(0, 11);
    STEP("GET /a" H11 "GET /b" H11, RA RNEW "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nBB", 0);
    if (step_s && statico_server_count(step_s, 0) != 2) failf("route 0 counts across versions: 2");
    STEPS_END();

    c.delay_us = 300000;
    STEPS("a delayed response goes out with the old bytes; its slot is freed after", &c);
    STEP("GET /a" H11, "", 0);
    SET_ROUTE(0, &nr);
    RETIRED(1, 12);
    STEP("GET /a" H11, "", 0);
    WAIT(300, RA RNEW, 0);
    RETIRED(0, 11);
    STEPS_END();
    c.delay_us = 0;

    STEPS("a new version may change the method, path, conditions and steps", &c);
    {
        statico_route m = nr;
        static const statico_step st[] = {{{503, NULL, NULL, 0, NULL, 0}, 1, NOFAULT}, {{200, NULL, NULL, 0, "ok", 2}, 0, NOFAULT}};
        m.method = "POST";
        m.path = "/c";
        m.match.query = q;
        m.match.query_count = 1;
        m.steps = st;
        m.step_count = 2;
        SET_ROUTE(0, &m);
        RETIRED(0, 12);
    }
    STEP("GET /c?v=2" H11, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault", 0);
    STEP("POST /c?v=1" H11, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault"
                            "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault", 0);
    STEP("POST /c?v=2" H11 "POST /c?v=2" H11 "GET /a" H11,
         "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault" "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault"
         R503 R200OK "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault", 0);
    if (step_s) statico_server_reset(step_s);
    STEP("POST /c?v=2" H11, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault" "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault"
                            R503 R200OK "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault" R503, 0);
    SET_ROUTE(0, &r[0]);
    RETIRED(0, 11);
    STEP("GET /a" H11, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault" "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault"
                       R503 R200OK "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault" R503 RA, 0);
    STEPS_END();

    STEPS("set_route refuses a bad route or index, and nothing changes", &c);
    if (step_s) {
        statico_route bad = nr;
        bad.path = "a";
        if (statico_server_set_route(step_s, 0, &bad, err, sizeof err) != STATICO_ERROR_CONFIG
            || !strstr(err, "route 1: the path must start with '/'"))
            failf("a bad path: \"%s\"", err);
        if (statico_server_set_route(step_s, 2, &nr, err, sizeof err) != STATICO_ERROR_CONFIG
            || !strstr(err, "no route 2"))
            failf("an index out of range: \"%s\"", err);
        if (statico_server_set_route(step_s, -1, &nr, err, sizeof err) != STATICO_ERROR_CONFIG)
            failf("a negative index is refused");
        bad = nr;
        bad.response.status = 204;
        if (statico_server_set_route(step_s, 1, &bad, err, sizeof err) != STATICO_ERROR_CONFIG)
            failf("a 204 with a body is refused");
    }
    STEP("GET /a" H11, RA, 0);
    RETIRED(0, 11);
    STEPS_END();
}

/* ========================================================================= */
/* body conditions: the body chooses among the routes whose head conditions hold */
#define POST_M(body) "POST /m HTTP/1.1\r\nHost: x\r\nContent-Length: " #body "\r\n\r\n"
static void body_route_case(int line, const char *name, statico_config *c, const char *in, const char *want)
{
    check(line, name, c, in, strlen(in), want, strlen(want), 0, ALL);
}
#define BODY_CASE(name, c, in, want) body_route_case(__LINE__, name, c, in, want)

static void group_body_match(void)
{
    static const char *const hx[] = {"X-K: 1"};
    statico_route r[4];
    statico_config c = pipe_cfg();
    memset(r, 0, sizeof r);
    r[0].method = "POST";
    r[0].path = "/m";
    r[0].match.body = "hello";
    r[0].match.body_len = 5;
    r[0].response.body = "eq";
    r[0].response.body_len = 2;
    r[1].method = "POST";
    r[1].path = "/m";
    r[1].match.body = "err";
    r[1].match.body_len = 3;
    r[1].match.body_contains = 1;
    r[1].response.body = "has";
    r[1].response.body_len = 3;
    r[2].path = "/m";
    r[2].match.headers = hx;
    r[2].match.header_count = 1;
    r[2].match.body = "";
    r[2].match.body_contains = 0;
    r[2].response.body = "empty";
    r[2].response.body_len = 5;
    c.routes = r;
    c.route_count = 3;
#define REQ "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\neq"
#define RHAS "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhas"
#define RDEF "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault"
#define REMPTY "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nempty"
    BODY_CASE("a body equal to the condition", &c, POST_M(5) "hello", REQ);
    BODY_CASE("a chunked body, the condition across chunks", &c,
              "POST /m HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhe\r\n3\r\nllo\r\n0\r\n\r\n", REQ);
    BODY_CASE("a body containing the bytes: the next route", &c, POST_M(12) "an error: 42", RHAS);
    BODY_CASE("a body longer than the equal one is not equal", &c, POST_M(6) "hello!", RDEF);
    BODY_CASE("no body condition holds: the default", &c, POST_M(5) "other", RDEF);
    BODY_CASE("an empty body: a condition of \"\" holds, with the header condition", &c,
              "GET /m HTTP/1.1\r\nHost: x\r\nX-K: 1\r\n\r\n", REMPTY);
    BODY_CASE("the header condition fails: the default", &c, "GET /m HTTP/1.1\r\nHost: x\r\n\r\n", RDEF);
    BODY_CASE("a body where the empty one is wanted", &c, "PUT /m HTTP/1.1\r\nHost: x\r\nX-K: 1\r\nContent-Length: 1\r\n\r\nx", RDEF);
    BODY_CASE("pipelined: each body chooses, answers in order", &c,
              POST_M(5) "hello" "GET /x" H11 POST_M(3) "err" "GET /m HTTP/1.1\r\nHost: x\r\nX-K: 1\r\n\r\n",
              REQ RDEF RHAS REMPTY);
    {
        statico_route q[2] = {r[0], r[1]};
        q[1].match.body = NULL;
        q[1].match.body_len = 0;
        q[1].match.body_contains = 0;
        c.routes = q;
        c.route_count = 2;
        BODY_CASE("a route without a body condition after one: it wins when the body does not", &c,
                  POST_M(5) "hellO" POST_M(5) "hello", RHAS REQ);
        c.routes = r;
        c.route_count = 3;
    }
    {
        /* over the match limit (1 MiB): no body condition holds; the body is still read whole */
        str in = {0}, want = {0};
        size_t big = ((size_t)1 << 20) + 1, k;
        char head[128];
        snprintf(head, sizeof head, "POST /m HTTP/1.1\r\nHost: x\r\nContent-Length: %zu\r\n\r\n", big);
        puts_(&in, head);
        for (k = 0; k < big; k++) put(&in, k < 3 ? &"err"[k] : "x", 1);
        puts_(&in, POST_M(3) "err");
        puts_(&want, RDEF RHAS);
        CHECK_STR("a body over the match limit holds no body condition", &c, in, want, 0, PIECES);
        free(in.p);
        free(want.p);
    }
    c.journal_size = 8;
    STEPS("the journal and the counts say which route the body chose", &c);
    STEP(POST_M(5) "hello" POST_M(4) "err!", REQ RHAS, 0);
    if (step_s) {
        statico_exchange x[8];
        size_t n = statico_server_journal(step_s, 0, x, 8);
        if (n != 2 || x[0].route != 0 || x[1].route != 1 || statico_server_count(step_s, 1) != 1)
            failf("journal routes %d %d", n > 0 ? x[0].route : -9, n > 1 ? x[1].route : -9);
    }
    feed_only(POST_M(4) "nope");
    REPORT_HAS("1 request matched no route\n#1 POST /m\n  closest: route 0 'POST /m': its body (4 bytes) is not \"hello\"\n");
    STEPS_END();
}

/* ========================================================================= */
/* wire faults: a step's fault instead of its response, or pacing it */
static statico_config fault_cfg(statico_route *r, statico_step *st, statico_fault_kind kind, uint64_t bytes,
                                uint64_t every_us)
{
    statico_config c = pipe_cfg();
    memset(r, 0, sizeof *r);
    memset(st, 0, 2 * sizeof *st);
    r->path = "/f";
    st[0].response.body = "0123456789";
    st[0].response.body_len = 10;
    st[0].fault.kind = kind;
    st[0].fault.bytes = bytes;
    st[0].fault.every_us = every_us;
    r->steps = st;
    r->step_count = 1;
    c.routes = r;
    c.route_count = 1;
    return c;
}
#define R10 "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"

static void group_faults(void)
{
    statico_route r;
    statico_step st[2];
    statico_config c;
    c = fault_cfg(&r, st, STATICO_FAULT_CLOSE, 0, 0);
    STEPS("close: nothing sent, the connection half-closes (FIN); what follows is not answered", &c);
    STEP("GET /f" H11 "GET /a" H11, "", 1);
    NEXT(DO_LINGER, 1000, 1);
    STEPS_END();
    c.journal_size = 8;
    STEPS("requests pipelined behind an ending fault: counted and journaled as dropped", &c);
    STEP("GET /f" H11 "GET /a" H11 "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /c" H11, "", 1);
    if (step_s) {
        statico_exchange x[8];
        size_t n = statico_server_journal(step_s, 0, x, 8);
        if (n != 4 || x[0].fault != STATICO_FAULT_CLOSE || x[1].fault != STATICO_FAULT_DROPPED || x[1].status
            || x[3].fault != STATICO_FAULT_DROPPED || x[3].target_len != 2 || statico_server_count(step_s, STATICO_ROUTE_ANY) != 4
            || statico_server_count(step_s, 0) != 1 || statico_server_count(step_s, STATICO_ROUTE_DEFAULT) != 0)
            failf("%zu entries, faults %d %d; counts any %llu", n, n ? x[0].fault : -1, n > 1 ? x[1].fault : -1,
                  (unsigned long long)statico_server_count(step_s, STATICO_ROUTE_ANY));
    }
    STEPS_END();
    c.journal_size = 0;
    STEPS("a fault after an answered request: that answer goes first", &c);
    STEP("GET /a" H11 "GET /f" H11, "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault", 1);
    STEPS_END();
    c = fault_cfg(&r, st, STATICO_FAULT_RESET, 0, 0);
    STEPS("reset: nothing sent, closed at once (RST)", &c);
    STEP("GET /f" H11, "", 1);
    NEXT(DO_CLOSE, -1, 0);
    STEPS_END();
    c = fault_cfg(&r, st, STATICO_FAULT_STALL, 0, 0);
    c.idle_timeout_ms = 5000;
    STEPS("stall: nothing sent; read and discarded until the idle timeout", &c);
    STEP("GET /f" H11 "GET /a" H11, "", 1);
    NEXT(DO_READ, 5000, 1);
    STEP("GET /a" H11, "", 1);
    WAIT(5000, "", 1);
    NEXT(DO_CLOSE, -1, 1);
    STEPS_END();
    c = fault_cfg(&r, st, STATICO_FAULT_TRUNCATE, 20, 0);
    CHECK("truncate: the first N bytes of the encoded response, then the connection ends", &c, "GET /f" H11 "GET /a" H11,
          "HTTP/1.1 200 OK\r\nCon", 1);
    c = fault_cfg(&r, st, STATICO_FAULT_TRUNCATE, 1000, 0);
    CHECK("truncate beyond the response: all of it, then the end", &c, "GET /f" H11, R10, 1);
    c = fault_cfg(&r, st, STATICO_FAULT_RAW, 0, 0);
    st[0].fault.raw = "HTTP/1.1 2x0 Nope\r\n\r\n";
    st[0].fault.raw_len = 21;
    CHECK("raw: these bytes instead of a response, then the end", &c, "GET /f" H11 "GET /a" H11,
          "HTTP/1.1 2x0 Nope\r\n\r\n", 1);
    c = fault_cfg(&r, st, STATICO_FAULT_DRIBBLE, 16, 100000);
    STEPS("dribble: 16 bytes every 100 ms; a pipelined answer waits behind it", &c);
    STEP("GET /f" H11 "GET /a" H11, "HTTP/1.1 200 OK\r", 0);
    WAIT(99, "HTTP/1.1 200 OK\r", 0);
    WAIT(1, "HTTP/1.1 200 OK\r\nContent-Length:", 0);
    WAIT(100, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n012345678", 0);
    WAIT(100, R10 "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\ndefault", 0);
    NEXT(DO_READ, 60000, 1);
    STEPS_END();
    c = fault_cfg(&r, st, STATICO_FAULT_RATE, 500, 0);
    STEPS("rate: 500 bytes a second is 5 bytes every 10 ms", &c);
    STEP("GET /f" H11, "HTTP/", 0);
    WAIT(10, "HTTP/1.1 2", 0);
    WAIT(70, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n012345", 0); /* a late clock catches up */
    WAIT(20, R10, 0);
    STEPS_END();
    c = fault_cfg(&r, st, STATICO_FAULT_RESET, 0, 0);
    st[0].times = 2;
    st[1].response.body = "recovered";
    st[1].response.body_len = 9;
    r.step_count = 2;
    c.journal_size = 8;
    {
        const char *out;
        size_t out_len, n;
        statico_exchange x[4];
        STEPS("fault steps then recovery (new connections); counted and journaled with their fault", &c);
        STEP("GET /f" H11, "", 1);
        if (step_s) {
            statico__engine_reopen(step_s);
            statico__engine_input(step_s, S("GET /f" H11), &out, &out_len);
            statico__engine_reopen(step_s);
            statico__engine_input(step_s, S("GET /f" H11), &out, &out_len);
            if (out_len != 47 || memcmp(out, "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nrecovered", 47))
                failf("after two resets: \"%s\"", esc(out, out_len, 80));
            n = statico_server_journal(step_s, 0, x, 4);
            if (n != 3 || x[0].fault != STATICO_FAULT_RESET || x[1].fault != STATICO_FAULT_RESET || x[2].fault
                || x[0].status != 0 || x[2].status != 200 || statico_server_count(step_s, 0) != 3)
                failf("journal: %zu entries, faults %d %d, count %llu", n, n ? x[0].fault : -1, n > 1 ? x[1].fault : -1,
                      (unsigned long long)statico_server_count(step_s, 0));
        }
        STEPS_END();
    }
    {
        statico_config bad = fault_cfg(&r, st, STATICO_FAULT_RATE, 0, 0);
        bad_config(__LINE__, "a rate of 0 bytes a second is refused", &bad);
        bad = fault_cfg(&r, st, (statico_fault_kind)99, 0, 0);
        bad_config(__LINE__, "an unknown fault is refused", &bad);
    }
}

/* delays with jitter: uniform in delay_us..delay_max_us, the same for the same seed */
static uint64_t jitter_delay(uint64_t seed)
{
    statico_config c = pipe_cfg();
    statico_server *s;
    const char *out;
    size_t out_len = 0;
    uint64_t ms;
    c.delay_us = 100000;
    c.delay_max_us = 300000;
    c.seed = seed;
    if (!(s = mk(&c))) return 0;
    statico__engine_input(s, S("GET /x" H11), &out, &out_len);
    for (ms = 0; ms <= 400 && !out_len; ms++) statico__engine_advance(s, 1000, &out, &out_len);
    statico__engine_free(s);
    return ms;
}

static void group_jitter(void)
{
    uint64_t a, b, seen[8];
    int k, differ = 0;
    case_begin(__LINE__, "jitter: each delay within delay_us..delay_max_us; one seed, one delay");
    a = jitter_delay(42);
    b = jitter_delay(42);
    if (a < 100 || a > 301 || a != b) failf("seed 42: %llu then %llu ms", (unsigned long long)a, (unsigned long long)b);
    for (k = 0; k < 8; k++) {
        seen[k] = jitter_delay((uint64_t)k + 1);
        if (seen[k] < 100 || seen[k] > 301) failf("seed %d: %llu ms", k + 1, (unsigned long long)seen[k]);
        differ += k && seen[k] != seen[0];
    }
    if (!differ) failf("eight seeds, one delay: no jitter");
    case_end();
    {
        statico_config c = pipe_cfg();
        c.delay_us = 200000;
        c.delay_max_us = 100000;
        bad_config(__LINE__, "delay_max_us below delay_us is refused", &c);
    }
}

int main(void)
{
    group_responses();
    group_config();
    group_routes();
    group_pipelining();
    group_bodies();
    group_errors();
    group_partial();
    group_clock();
    group_next();
    group_counts();
    group_journal();
    group_steps();
    group_match();
    group_report();
    group_live();
    group_body_match();
    group_faults();
    group_jitter();
    return check_summary();
}
