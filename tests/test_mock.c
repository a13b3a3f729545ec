/* tests/test_mock.c - the mock-server verbs of a running server, with real
 * clients on other threads: counts exact the moment a client has its
 * response, waits that return as soon as a count is reached (or time out),
 * reset, the journal read while two workers write it, on one and on two
 * workers and on every backend.
 *
 *   cc -O2 -I. tests/test_mock.c -o build/test-mock -lpthread && build/test-mock
 *
 * Built plain, under ASan+UBSan and under ThreadSanitizer by tests/run.
 * Prints "N passed, N failed".
 */
#define _GNU_SOURCE
#define STATICO_IMPLEMENTATION
#include "../statico.h"
#define NOFAULT {STATICO_FAULT_NONE, 0, 0, NULL, 0} /* a step without a fault */

#include <arpa/inet.h>
#include <pthread.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int passed, failed;

static void check(int ok, const char *what, const char *backend)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s (%s)\n", what, backend);
    }
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* A keep-alive connection to 127.0.0.1:port, or -1. */
static int dial(int port)
{
    struct sockaddr_in a;
    struct timeval tv = {5, 0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* GET path on fd, and read its whole response (the bodies here are short
 * and their length is known: body_len). 0, or -1. */
static int get(int fd, const char *path, size_t body_len)
{
    char req[256], buf[1024];
    size_t have = 0;
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\n\r\n", path);
    if (send(fd, req, (size_t)n, 0) != n) return -1;
    for (;;) {
        const char *end;
        ssize_t r = recv(fd, buf + have, sizeof buf - 1 - have, 0);
        if (r <= 0) return -1;
        have += (size_t)r;
        buf[have] = 0;
        if ((end = strstr(buf, "\r\n\r\n")) != NULL && have >= (size_t)(end + 4 - buf) + body_len) return 0;
    }
}

static const statico_route routes[] = {
    {"GET", "/a", {0, NULL, NULL, 0, "A", 1}, NULL, {NULL, 0, NULL, 0, NULL, 0, 0}, NULL, 0},
    {NULL, "/b/*", {0, NULL, NULL, 0, "BB", 2}, NULL, {NULL, 0, NULL, 0, NULL, 0, 0}, NULL, 0},
};

static statico_server *start_j(int threads, statico_backend backend, uint32_t journal_size)
{
    statico_config cfg;
    statico_server *s = NULL;
    char err[256];
    memset(&cfg, 0, sizeof cfg);
    cfg.threads = threads;
    cfg.backend = backend;
    cfg.routes = routes;
    cfg.route_count = 2;
    cfg.response.body = "default";
    cfg.response.body_len = 7;
    cfg.journal_size = journal_size;
    if (statico_server_start(&cfg, &s, err, sizeof err) != STATICO_OK) printf("start: %s\n", err);
    return s;
}

static statico_server *start(int threads, statico_backend backend)
{
    return start_j(threads, backend, 0);
}

/* After each response a client has, the count already says so. */
static void test_counts_exact(int threads, statico_backend be, const char *name)
{
    statico_server *s = start(threads, be);
    int fd, i, exact = 1;
    if (!s) return check(0, "start", name);
    fd = dial(statico_server_port(s, 0));
    for (i = 1; fd >= 0 && i <= 200; i++) {
        const char *path = i % 3 == 0 ? "/a" : i % 3 == 1 ? "/b/x" : "/none";
        if (get(fd, path, i % 3 == 0 ? 1 : i % 3 == 1 ? 2 : 7)) break;
        if (statico_server_count(s, STATICO_ROUTE_ANY) != (uint64_t)i
            || statico_server_count(s, 0) != (uint64_t)(i / 3)
            || statico_server_count(s, 1) != (uint64_t)((i + 2) / 3)
            || statico_server_count(s, STATICO_ROUTE_DEFAULT) != (uint64_t)((i + 1) / 3))
            exact = 0;
    }
    check(fd >= 0 && i == 201, "200 requests answered", name);
    check(exact, "counts exact after each response", name);
    statico_server_reset(s);
    check(statico_server_count(s, STATICO_ROUTE_ANY) == 0 && statico_server_count(s, 1) == 0, "reset", name);
    if (fd >= 0 && !get(fd, "/b/y", 2))
        check(statico_server_count(s, 1) == 1 && statico_server_count(s, STATICO_ROUTE_ANY) == 1, "counts after reset",
              name);
    if (fd >= 0) close(fd);
    statico_server_stop(s);
}

struct client {
    int port, n;
    const char *path;
    size_t body_len;
    double sent_ms; /* when the last request went */
};

static void *client_main(void *arg)
{
    struct client *k = (struct client *)arg;
    int fd, i;
    usleep(50000); /* the waiter is asleep by then */
    fd = dial(k->port);
    for (i = 0; fd >= 0 && i < k->n; i++) {
        k->sent_ms = now_ms();
        if (get(fd, k->path, k->body_len)) break;
    }
    if (fd >= 0) close(fd);
    return NULL;
}

/* A wait returns once another thread's client made the count, and times
 * out (returning 0) when it does not come. */
static void test_wait(int threads, statico_backend be, const char *name)
{
    statico_server *s = start(threads, be);
    struct client k;
    pthread_t th;
    double t0, took;
    int r;
    if (!s) return check(0, "start", name);
    k.port = statico_server_port(s, 0);
    k.n = 3;
    k.path = "/a";
    k.body_len = 1;
    k.sent_ms = 0;
    pthread_create(&th, NULL, client_main, &k);
    t0 = now_ms();
    r = statico_server_wait(s, 0, 3, 5000);
    took = now_ms() - t0;
    pthread_join(th, NULL);
    check(r == 1 && statico_server_count(s, 0) == 3, "wait for 3 requests of another thread's client", name);
    check(took >= 40 && took < 2000, "wait slept until the client came", name);
    t0 = now_ms();
    r = statico_server_wait(s, 1, 1, 200);
    took = now_ms() - t0;
    check(r == 0 && took >= 190 && took < 1500, "never within 200 ms: the wait times out", name);
    check(statico_server_wait(s, STATICO_ROUTE_ANY, 3, 0) == 1, "a count already reached: at once", name);
    check(statico_server_wait(s, 7, 1, 0) == 0 && statico_server_count(s, 7) == 0, "no such route", name);
    statico_server_halt(s);
    t0 = now_ms();
    check(statico_server_wait(s, 1, 1, -1) == 0 && now_ms() - t0 < 1000, "no wait outlives a halted server", name);
    statico_server_stop(s);
}

struct reader {
    statico_server *s;
    volatile int stop;
    int reads, bad;
};

/* Reads the journal over and over while the workers write it: every
 * snapshot in seq order, every entry whole. */
static void *reader_main(void *arg)
{
    struct reader *r = (struct reader *)arg;
    static statico_exchange x[256];
    while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
        size_t n = statico_server_journal(r->s, 0, x, 256), i;
        for (i = 0; i < n; i++) {
            if (i && x[i].seq <= x[i - 1].seq) r->bad++;
            if (x[i].head_len < 14 || memcmp(x[i].head, "GET /", 5) || x[i].method_len != 3
                || memcmp(x[i].head + x[i].head_len - 4, "\r\n\r\n", 4))
                r->bad++;
        }
        r->reads++;
    }
    return NULL;
}

/* The journal of two workers, read while they write it, then whole. */
static void test_journal(statico_backend be, const char *name)
{
    statico_server *s = start_j(2, be, 512);
    struct reader rd;
    pthread_t th;
    static statico_exchange x[512];
    int fd[2], i, ok = 1;
    size_t n;
    if (!s) return check(0, "start", name);
    memset(&rd, 0, sizeof rd);
    rd.s = s;
    pthread_create(&th, NULL, reader_main, &rd);
    fd[0] = dial(statico_server_port(s, 0));
    fd[1] = dial(statico_server_port(s, 0));
    for (i = 0; i < 300 && fd[0] >= 0 && fd[1] >= 0; i++) {
        char path[32];
        snprintf(path, sizeof path, "/b/%d", i);
        if (get(fd[i & 1], path, 2)) ok = 0;
    }
    __atomic_store_n(&rd.stop, 1, __ATOMIC_RELEASE);
    pthread_join(th, NULL);
    check(ok && rd.reads > 0 && rd.bad == 0, "the journal read while written: whole entries, in order", name);
    n = statico_server_journal(s, 0, x, 512);
    check(n == 300, "300 exchanges journaled", name);
    for (i = 0; i < (int)n; i++) {
        char want[32];
        int len = snprintf(want, sizeof want, "/b/%d", i);
        if (x[i].seq != (uint64_t)i + 1 || x[i].route != 1 || x[i].status != 200 || x[i].target_len != (size_t)len
            || memcmp(x[i].target, want, (size_t)len))
            ok = 0;
    }
    check(ok, "in the order the clients sent them, each with its target and route", name);
    if (fd[0] >= 0) close(fd[0]);
    if (fd[1] >= 0) close(fd[1]);
    statico_server_halt(s);
    check(statico_server_journal(s, 290, x, 512) == 11, "readable after halt, from a seq", name);
    statico_server_stop(s);
}

/* The position of a sequence is the route's, over every worker and
 * connection: three 503s, then 200s, whoever asks. */
static void test_steps(statico_backend be, const char *name)
{
    static const statico_step steps[] = {{{503, NULL, NULL, 0, NULL, 0}, 3, NOFAULT}, {{200, NULL, NULL, 0, "ok", 2}, 0, NOFAULT}};
    static const char flaky[] = "GET /flaky HTTP/1.1\r\nHost: x\r\n\r\n";
    statico_route r;
    statico_config cfg;
    statico_server *s = NULL;
    char err[256], buf[512];
    int fd[2], i, got503 = 0, order = 1;
    memset(&r, 0, sizeof r);
    r.path = "/flaky";
    r.steps = steps;
    r.step_count = 2;
    memset(&cfg, 0, sizeof cfg);
    cfg.threads = 2;
    cfg.backend = be;
    cfg.routes = &r;
    cfg.route_count = 1;
    if (statico_server_start(&cfg, &s, err, sizeof err) != STATICO_OK) return check(0, err, name);
    fd[0] = dial(statico_server_port(s, 0));
    fd[1] = dial(statico_server_port(s, 0));
    for (i = 0; i < 8 && fd[0] >= 0 && fd[1] >= 0; i++) {
        int f = fd[i & 1];
        ssize_t n;
        if (send(f, flaky, sizeof flaky - 1, 0) != (ssize_t)sizeof flaky - 1) break;
        if ((n = recv(f, buf, sizeof buf - 1, 0)) <= 0) break;
        buf[n] = 0;
        if (!strncmp(buf, "HTTP/1.1 503", 12)) {
            got503++;
            if (i >= 3) order = 0;
        } else if (strncmp(buf, "HTTP/1.1 200", 12) || i < 3) {
            order = 0;
        }
    }
    check(i == 8 && got503 == 3 && order, "a sequence over two connections and two workers", name);
    statico_server_reset(s);
    if (fd[1] >= 0 && send(fd[1], flaky, sizeof flaky - 1, 0) == (ssize_t)sizeof flaky - 1 && recv(fd[1], buf, 12, 0) == 12)
        check(!strncmp(buf, "HTTP/1.1 503", 12), "reset rewinds it", name);
    else
        check(0, "reset rewinds it", name);
    if (fd[0] >= 0) close(fd[0]);
    if (fd[1] >= 0) close(fd[1]);
    statico_server_stop(s);
}


/* set_route under load: clients loop on /x while the main thread swaps its
 * response between a large body (sent by reference, often in parts) and a
 * small one; every response a client reads is one whole version (its
 * X-V header names the byte its body repeats, and the length that goes
 * with it), a request made after set_route returns gets the new version,
 * and once the clients are gone no replaced slot is left. */
#define LIVE_CLIENTS 3
static const size_t live_len[3] = {200000, 150000, 10};
static char *live_body[3];
static int live_stop;

/* A connection's input: responses may arrive together (pipelined). */
typedef struct live_in {
    char *buf;
    size_t have, cap;
} live_in;

/* Read one response from fd: its version (0-2) when it is whole and
 * consistent, -1 when not. */
static int live_read(int fd, live_in *in)
{
    size_t head = 0, want = 0;
    const char *end = NULL, *xv, *cl;
    int v = -1;
    for (;;) {
        ssize_t r;
        in->buf[in->have] = 0;
        if (!end && (end = strstr(in->buf, "\r\n\r\n")) != NULL) {
            head = (size_t)(end + 4 - in->buf);
            if (!(xv = strstr(in->buf, "X-V: ")) || xv > end || !(cl = strstr(in->buf, "Content-Length: ")) || cl > end)
                return -1;
            v = xv[5] - 'a';
            want = (size_t)strtoul(cl + 16, NULL, 10);
            if (v < 0 || v > 2 || want != live_len[v] || head + want > in->cap - 1) return -1;
        }
        if (end && in->have >= head + want) break;
        if ((r = recv(fd, in->buf + in->have, in->cap - 1 - in->have, 0)) <= 0) return -1;
        in->have += (size_t)r;
    }
    if (memcmp(in->buf + head, live_body[v], want)) v = -1;
    in->have -= head + want;
    memmove(in->buf, in->buf + head + want, in->have);
    return v;
}

typedef struct live_client {
    int port, slow, unmatched, bad, got;
} live_client;

static void *live_main(void *arg)
{
    static const char req[] = "GET /x HTTP/1.1\r\nHost: x\r\n\r\n", nomatch[] = "GET /nomatch HTTP/1.1\r\nHost: x\r\n\r\n";
    live_client *lc = (live_client *)arg;
    live_in in = {(char *)malloc(2 * 1024 * 1024), 0, 2 * 1024 * 1024};
    int fd = dial(lc->port), i, small = 32768;
    double until = now_ms() + 10000;
    if (lc->slow && fd >= 0) setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small); /* the server must queue */
    while (in.buf && fd >= 0 && !__atomic_load_n(&live_stop, __ATOMIC_RELAXED) && now_ms() < until) {
        int depth = lc->slow ? 32 : 1; /* 6 MB: more than the kernel buffers */
        for (i = 0; i < depth; i++) {
            const char *rq = lc->unmatched && (lc->got & 1) ? nomatch : req;
            if (send(fd, rq, strlen(rq), 0) != (ssize_t)strlen(rq)) lc->bad++;
        }
        for (i = 0; i < depth; i++) {
            if (lc->slow) usleep(2000); /* the server's queue holds the rest meanwhile */
            if (live_read(fd, &in) < 0) lc->bad++;
            else lc->got++;
        }
        if (lc->bad) break;
    }
    if (fd < 0) lc->bad++;
    else close(fd);
    free(in.buf);
    return NULL;
}

static void test_set_route(statico_backend be, const char *name)
{
    static const char *const hv[3][1] = {{"X-V: a"}, {"X-V: b"}, {"X-V: c"}};
    statico_route r;
    statico_config cfg;
    statico_server *s = NULL;
    live_client lc[LIVE_CLIENTS];
    pthread_t th[LIVE_CLIENTS];
    char err[256];
    live_in in = {(char *)malloc(256 * 1024), 0, 256 * 1024};
    int i, k, fresh_ok = 1, retired = 0, port, report_ok = 1;
    char report[4096];
    memset(&r, 0, sizeof r);
    r.path = "/x";
    memset(&cfg, 0, sizeof cfg);
    cfg.threads = 2;
    cfg.backend = be;
    cfg.routes = &r;
    cfg.route_count = 1;
    cfg.response.headers = hv[2]; /* the default response is version c too */
    cfg.response.header_count = 1;
    for (k = 0; k < 3; k++) {
        if (!live_body[k] && (live_body[k] = (char *)malloc(live_len[k]))) memset(live_body[k], 'a' + k, live_len[k]);
    }
    r.response.headers = hv[0];
    r.response.header_count = 1;
    r.response.body = live_body[0];
    r.response.body_len = live_len[0];
    cfg.response.body = live_body[2];
    cfg.response.body_len = live_len[2];
    if (!in.buf || statico_server_start(&cfg, &s, err, sizeof err) != STATICO_OK) {
        free(in.buf);
        return check(0, err, name);
    }
    port = statico_server_port(s, 0);
    __atomic_store_n(&live_stop, 0, __ATOMIC_RELAXED);
    for (i = 0; i < LIVE_CLIENTS; i++) {
        memset(&lc[i], 0, sizeof lc[i]);
        lc[i].port = port;
        lc[i].slow = i == 0;
        lc[i].unmatched = i == 2;
        pthread_create(&th[i], NULL, live_main, &lc[i]);
    }
    for (i = 1; i <= 30; i++) {
        int v = i % 3, fd, got;
        usleep(5000);
        r.response.headers = hv[v];
        r.response.body = live_body[v];
        r.response.body_len = live_len[v];
        if (statico_server_set_route(s, 0, &r, err, sizeof err) != STATICO_OK) {
            check(0, err, name);
            break;
        }
        if (statico_server_report(s, report, sizeof report) >= sizeof report || !strstr(report, "matched no route"))
            report_ok = 0;
        for (k = 0; k < s->nw; k++) /* every worker has it when the call returns */
            if (__atomic_load_n(&s->w[k].applied, __ATOMIC_ACQUIRE) != (uint64_t)i) fresh_ok = 0;
        fd = dial(port);
        in.have = 0;
        got = fd >= 0 && send(fd, "GET /x HTTP/1.1\r\nHost: x\r\n\r\n", 28, 0) == 28 ? live_read(fd, &in) : -1;
        if (got != v) fresh_ok = 0;
        if (fd >= 0) close(fd);
    }
    __atomic_store_n(&live_stop, 1, __ATOMIC_RELAXED);
    for (i = 0; i < LIVE_CLIENTS; i++) pthread_join(th[i], NULL);
    for (i = 0, k = 1; i < LIVE_CLIENTS; i++) k &= !lc[i].bad && lc[i].got > 0;
    if (!k)
        for (i = 0; i < LIVE_CLIENTS; i++) printf("  client %d: %d bad, %d read\n", i, lc[i].bad, lc[i].got);
    check(k, "set_route under load: each response is one whole version", name);
    check(fresh_ok, "set_route: a request after it returns gets the new version", name);
    check(report_ok && strstr(report, "#1 GET /nomatch\n  closest: route 0 '* /x': path /nomatch: segment 1 is 'nomatch' where the route has 'x'") != NULL,
          "the report, read while workers keep unmatched requests", name);
    usleep(100000); /* the workers' passes free what nothing pins now */
    statico_server_halt(s);
    for (i = 0; i < s->nw; i++) retired += (int)s->w[i].retired;
    check(retired == 0, "set_route: the replaced slots are freed once unused", name);
    statico_server_stop(s);
    free(in.buf);
}

/* The byte log comes round over an upload still arriving: that entry is
 * dropped, and no other entry gets its bytes. One worker, a log of 4
 * entries of 128 bytes (512): the upload's head reserves 128, then 16
 * requests of 32 go round the log onto that reservation before the
 * upload's body comes. */
static void test_journal_lap(statico_backend be, const char *name)
{
    static const char up[] = "POST /u HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    statico_config cfg;
    statico_server *s = NULL;
    static statico_exchange x[16];
    char err[256], buf[512];
    int fu, fg, i, ok = 1;
    size_t n, k;
    memset(&cfg, 0, sizeof cfg);
    cfg.threads = 1;
    cfg.backend = be;
    cfg.journal_size = 4;
    cfg.journal_bytes = 128;
    cfg.response.body = "default";
    cfg.response.body_len = 7;
    if (statico_server_start(&cfg, &s, err, sizeof err) != STATICO_OK) return check(0, err, name);
    fu = dial(statico_server_port(s, 0));
    fg = dial(statico_server_port(s, 0));
    if (fu < 0 || fg < 0 || send(fu, up, sizeof up - 1, 0) != (ssize_t)sizeof up - 1) ok = 0;
    usleep(20000); /* its head is in before the others */
    for (i = 0; i < 16 && ok; i++) {
        char path[32];
        snprintf(path, sizeof path, "/g/%d", i % 10);
        if (get(fg, path, 7)) ok = 0;
    }
    if (ok && (send(fu, "8\r\nZZZZZZZZ\r\n0\r\n\r\n", 18, 0) != 18 || recv(fu, buf, sizeof buf, 0) <= 0)) ok = 0;
    n = statico_server_journal(s, 0, x, 16);
    for (k = 0; k < n; k++) {
        if (x[k].body_len || memchr(x[k].head, 'Z', x[k].head_len) || (x[k].target_len == 2 && !memcmp(x[k].target, "/u", 2)))
            ok = 0; /* the upload's bytes in another entry, or the lapped upload itself */
    }
    check(ok && n == 3, "the log comes round over an open upload: it is dropped, no entry gets its bytes", name);
    if (fu >= 0) close(fu);
    if (fg >= 0) close(fg);
    statico_server_stop(s);
}

int main(void)
{
    static const struct {
        statico_backend be;
        const char *name;
    } backends[] = {{STATICO_BACKEND_EPOLL, "epoll"}, {STATICO_BACKEND_IO_URING, "io_uring"},
                    {STATICO_BACKEND_POLL, "poll"}};
    size_t b;
    for (b = 0; b < sizeof backends / sizeof backends[0]; b++) {
        test_counts_exact(1, backends[b].be, backends[b].name);
        test_counts_exact(2, backends[b].be, backends[b].name);
        test_wait(2, backends[b].be, backends[b].name);
        test_journal(backends[b].be, backends[b].name);
        test_journal_lap(backends[b].be, backends[b].name);
        test_steps(backends[b].be, backends[b].name);
        test_set_route(backends[b].be, backends[b].name);
    }
    for (b = 0; b < 3; b++) free(live_body[b]);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
