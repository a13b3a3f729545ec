/* cli.c - the statico command line: serve one pre-configured HTTP response
 * (or a few routes) on any number of ports and threads.
 *
 *   cc -O2 examples/cli.c -o statico     (the parser picks the widest SIMD the CPU has)
 *   ./statico -p 8080 -b 'hello' -H 'Content-Type: text/plain'
 *
 * Options follow Statico's (awgn/statico) with the same meaning; `statico -h`
 * lists them. A bad argument prints one line naming it and exits with 2.
 */
#define _GNU_SOURCE
#define STATICO_IMPLEMENTATION
#include "../statico.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_PORTS 65535
#define MAX_ROUTES 256
#define MAX_HEADERS 1024
#define MAX_STEPS 1024 /* over all routes */
#define MAX_CONDS 1024 /* query and header conditions, over all routes */

static const char usage[] =
    "usage: statico [options] [@FILE ...]\n"
    "Serve a pre-configured HTTP response, as fast as the kernel allows. @FILE reads options from FILE\n"
    "(shell-like words: quotes, '#' comments, '\\' continues a line), in place.\n"
    "\n"
    "  -t, --threads N             worker threads, each pinned to a core (default: CPU count)\n"
    "  -p, --ports LIST            ports, e.g. 8080 or 8080,8100-8200, or 0 for an ephemeral one\n"
    "                              (default: 8080)\n"
    "      --print-ports           once every listener listens, print 'ports P1[,P2...]' on stdout (its\n"
    "                              first line, flushed): what a test harness reads to learn -p 0's port\n"
    "      --port-file FILE        write the same line to FILE (atomically: a temporary file, renamed)\n"
    "      --admin [ADDR:]PORT     an admin endpoint (127.0.0.1 by default; 0: ephemeral, named on the\n"
    "                              ready line as ' admin A'), served apart from the workers, in JSON:\n"
    "                              GET /__statico/counts, /__statico/wait?route=NAME|INDEX|default|any\n"
    "                              &n=N&timeout_ms=T, /__statico/journal?from=SEQ, /__statico/unmatched\n"
    "                              (text), POST /__statico/reset; turns --journal 1024 on unless given\n"
    "      --bind-all              every thread binds every port (default: ports balanced over threads)\n"
    "  -a, --address ADDR          IPv4 or IPv6 address to listen on (default: all interfaces)\n"
    "  -s, --status CODE           response status, 200..599 (default: 200)\n"
    "  -b, --body TEXT|@FILE       response body; @FILE sends the file's bytes\n"
    "  -H, --header 'NAME: VALUE'  response header (repeatable, sent in order)\n"
    "      --receive-buffer-size N SO_RCVBUF of connections\n"
    "      --send-buffer-size N    SO_SNDBUF of connections\n"
    "      --listen-backlog N      listen() backlog (default: 4096)\n"
    "      --tcp-nodelay           set TCP_NODELAY on connections\n"
    "      --runtime NAME          epoll (default), io_uring or poll; tokio, tokio-local and smol mean\n"
    "                              epoll; tokio-uring, monoio, glommio and compio mean io_uring\n"
    "      --uring-entries N       io_uring submission queue size (default: 4096, rounded up to a power of 2)\n"
    "      --uring-sqpoll MS       io_uring kernel submission polling with MS idle time\n"
    "      --route 'METHOD PATH'   a route: the -s, -b and -H after it are its response; METHOD may be *,\n"
    "                              in PATH a '*' segment matches one segment and a final ** the rest;\n"
    "                              requests no route matches get the response given before any --route\n"
    "      --name NAME             the route's name in reports\n"
    "      --query 'k=v'           the route also needs this query parameter: k=v, k=pre*, k (present),\n"
    "                              !k (absent); repeatable, all must hold\n"
    "      --match-header 'N: v'   the route also needs this header: 'N: v', 'N: pre*', 'N: *part*', N\n"
    "                              (present), !N (absent); repeatable\n"
    "      --match-body TEXT       the route also needs the request body to be exactly TEXT (the body is\n"
    "                              read before the route is chosen, up to 1 MiB or --max-body)\n"
    "      --match-body-contains TEXT   ... or to contain TEXT; one body condition per route\n"
    "      --times N               the route's response so far answers N requests; --then starts the next\n"
    "      --then                  response of its sequence (its own -s, -b, -H); the last one repeats:\n"
    "                              --route 'GET /flaky' -s 503 --times 2 --then -b ok\n"
    "      --fault KIND[=ARG]      the step fails on the wire instead: close (FIN, no byte), reset (RST),\n"
    "                              stall (never answers), truncate=N (the first N bytes, then close),\n"
    "                              raw=TEXT|@FILE (these bytes, then close), dribble=BYTES/DUR (BYTES\n"
    "                              at a time, every DUR), rate=BYTES_PER_SECOND; e.g. --route 'GET /x'\n"
    "                              --fault reset --times 2 --then -b recovered\n"
    "      --http2                 accepted for Statico's sake: every port serves HTTP/2 cleartext (h2c)\n"
    "                              anyway, to clients that start with its preface or ask for\n"
    "                              'Upgrade: h2c'\n"
    "      --no-http2              HTTP/1.1 only (an HTTP/2 preface gets the HTTP/1.1 error)\n"
    "      --no-date               no Date header\n"
    "      --no-pin                do not pin threads to cores\n"
    "      --max-head BYTES        request head limit, 256..65536 (default: 16384), else 431\n"
    "      --max-target BYTES      request-target limit, 1..65535 (default: 8192), else 414\n"
    "      --journal N             keep the last N exchanges per thread (head and body up to 4096 bytes\n"
    "                              each) for the library's statico_server_journal (default: none)\n"
    "      --report                at exit, on stderr: the requests each route answered, and the first\n"
    "                              16 that matched no route, each against its closest route\n"
    "      --max-body BYTES        request body limit, else 413 (default: none; 67108864 with -vvv,\n"
    "                              which keeps bodies)\n"
    "      --max-connections N     per thread (default: 65536)\n"
    "      --header-timeout DUR    a request head must arrive within DUR (default: 10s), else 408\n"
    "      --idle-timeout DUR      close keep-alive connections idle for DUR (default: 60s)\n"
    "      --body-timeout DUR      a request body must bring 1 KiB (or its end) within DUR (default:\n"
    "                              10s), else 408\n"
    "  -v, --verbose               log each exchange on stderr: -v request and status lines, -vv and\n"
    "                              headers, -vvv and bodies, -vvvv and hexdumps of the bodies\n"
    "  -d, --delay DUR|MIN-MAX     send each response DUR after its request is complete (pipelined\n"
    "                              requests each DUR after their own arrival, in order); a range picks\n"
    "                              each delay uniformly in it\n"
    "      --seed N                random choices (delay ranges) follow N (default: one picked and\n"
    "                              printed at start)\n"
    "      --body-delay DUR        send the head at once, the body DUR later\n"
    "  -m, --meter                 every second on stdout: requests/s, request Gbps, responses/s,\n"
    "                              response Gbps (from the bytes on the wire); totals at exit\n"
    "  -h, --help                  this text\n"
    "  -V, --version               the version\n"
    "\n"
    "DUR is a duration such as 500us, 100ms, 2s, 1m or 1s500ms. A response header 'Connection: close'\n"
    "closes the connection after each response; 'Date: ...' replaces the automatic Date.\n"
    "Exit status: 2 for a bad argument (an unreadable @FILE included), 1 when the server cannot start.\n"
    "Environment: STATICO_NO_IO_URING=1 runs on epoll as if io_uring were refused; STATICO_SEND_ZC_MIN=BYTES\n"
    "sends io_uring bodies of that size and more with SEND_ZC (default 16 MiB; 0: never); STATICO_URING_INC=0\n"
    "gives each io_uring receive a whole buffer (by default, on Linux 6.12+, receives fill them one after\n"
    "another); STATICO_SENDFILE_MIN=BYTES sends bodies\n"
    "of that size and more with sendfile from a memfd (default 128 KiB; 0: never).\n";

static const char *prog = "statico";

static const char *die_where; /* "FILE:LINE" of the option being read from an @FILE */

static void die(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, die_where ? "%s: %s: " : "%s: ", prog, die_where);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

static long long number(const char *opt, const char *v, long long lo, long long hi)
{
    char *e;
    long long n;
    errno = 0;
    n = strtoll(v, &e, 10);
    if (!*v || *e || errno || n < lo || n > hi) die("invalid value for %s: '%s' (expected a number %lld..%lld)", opt, v, lo, hi);
    return n;
}

static uint32_t duration_ms(const char *opt, const char *v)
{
    uint64_t us;
    if (statico_parse_duration(v, &us) || us / 1000 > 86400000ull || (us && us < 1000))
        die("invalid value for %s: '%s' (expected a duration such as 500ms or 10s, at least 1ms)", opt, v);
    return (uint32_t)(us / 1000);
}

/* -d DUR, or -d MIN-MAX: each response's delay picked in the range. */
static void parse_delay(statico_config *cfg, const char *opt, const char *v)
{
    const char *dash = strchr(v, '-');
    char lo[64];
    if (dash && (size_t)(dash - v) < sizeof lo) {
        memcpy(lo, v, (size_t)(dash - v));
        lo[dash - v] = 0;
    }
    if ((dash && ((size_t)(dash - v) >= sizeof lo || statico_parse_duration(lo, &cfg->delay_us)
                  || statico_parse_duration(dash + 1, &cfg->delay_max_us) || cfg->delay_max_us < cfg->delay_us))
        || (!dash && statico_parse_duration(v, &cfg->delay_us)) || cfg->delay_us > 3600ull * 1000000
        || cfg->delay_max_us > 3600ull * 1000000)
        die("invalid value for %s: '%s' (expected a duration such as 100ms, or a range such as 100ms-300ms)", opt, v);
}

static void verbose_text(void *user, const char *text, size_t len)
{
    (void)user;
    flockfile(stderr); /* one exchange at a time: workers call this at once */
    fwrite(text, 1, len, stderr);
    funlockfile(stderr);
}

static void log_line(void *user, const char *msg)
{
    (void)user;
    fprintf(stderr, "%s: %s\n", prog, msg);
}

static void *loaded[MAX_ROUTES + 1]; /* @file bodies, freed at exit */
static size_t nloaded;

static void set_body(statico_response *r, const char *opt, const char *v, const char *what)
{
    if (r->body) die("%s given twice for %s", opt, what);
    if (v[0] == '@') {
        void *data;
        size_t len;
        statico_result res;
        if (!v[1]) die("invalid value for %s: '@' needs a file name", opt);
        errno = 0;
        res = statico_read_file(v + 1, &data, &len);
        if (res) die("invalid value for %s: cannot read '%s': %s", opt, v + 1, strerror(errno ? errno : EIO));
        if (nloaded == sizeof loaded / sizeof loaded[0]) die("too many @file bodies");
        loaded[nloaded++] = data;
        r->body = data;
        r->body_len = len;
    } else {
        r->body = v;
        r->body_len = strlen(v);
    }
}


/* --fault KIND[=ARG]: close, reset, stall, truncate=N, raw=TEXT|@FILE,
 * dribble=BYTES/DURATION, rate=BYTES_PER_SECOND. */
/* A count of bytes from s (at least min); 0, or -1 with msg. */
static int count_of(const char *s, uint64_t min, uint64_t *out)
{
    char *end;
    unsigned long long n;
    errno = 0;
    n = strtoull(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || errno || n < min || n > ((uint64_t)1 << 40)) return -1;
    *out = (uint64_t)n;
    return 0;
}

static uint64_t parse_count(const char *opt, const char *v, const char *s, uint64_t min)
{
    uint64_t n;
    if (count_of(s, min, &n)) die("invalid value for %s: '%s' (expected a number of bytes%s)", opt, v, min ? ", at least 1" : "");
    return n;
}

/* KIND[=ARG] of --fault: close, reset, stall, truncate=N, raw=TEXT|@FILE,
 * dribble=BYTES/DURATION, rate=BYTES_PER_SECOND. NULL, or what is wrong
 * (in msg). raw=@FILE's bytes are malloc'd into *loaded (the caller frees
 * them once the server has its copy). */
static const char *fault_of(statico_fault *f, const char *v, void **loaded, char *msg, size_t n)
{
    static const struct { const char *name; statico_fault_kind kind; int arg; } kinds[] = {
        {"close", STATICO_FAULT_CLOSE, 0}, {"reset", STATICO_FAULT_RESET, 0}, {"stall", STATICO_FAULT_STALL, 0},
        {"truncate", STATICO_FAULT_TRUNCATE, 1}, {"raw", STATICO_FAULT_RAW, 1}, {"dribble", STATICO_FAULT_DRIBBLE, 1},
        {"rate", STATICO_FAULT_RATE, 1}};
    const char *eq = strchr(v, '='), *arg = eq ? eq + 1 : NULL;
    size_t kl = eq ? (size_t)(eq - v) : strlen(v), k;
    for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (strlen(kinds[k].name) == kl && !strncmp(v, kinds[k].name, kl)) break;
    if (k == sizeof kinds / sizeof kinds[0])
        return snprintf(msg, n, "invalid value for --fault: '%s' (expected close, reset, stall, truncate=N, raw=TEXT|@FILE, "
                        "dribble=BYTES/DURATION or rate=BYTES_PER_SECOND)", v), msg;
    if (!kinds[k].arg != !arg)
        return snprintf(msg, n, "invalid value for --fault: '%s' (%s %s)", v, kinds[k].name, arg ? "takes no value" : "needs a value"), msg;
    if (f->kind) return snprintf(msg, n, "--fault given twice for one step"), msg;
    f->kind = kinds[k].kind;
    if ((f->kind == STATICO_FAULT_TRUNCATE && count_of(arg, 0, &f->bytes)) || (f->kind == STATICO_FAULT_RATE && count_of(arg, 1, &f->bytes)))
        return snprintf(msg, n, "invalid value for --fault: '%s' (expected a number of bytes)", v), msg;
    if (f->kind == STATICO_FAULT_DRIBBLE) {
        const char *sl = strchr(arg, '/');
        char num[32];
        if (sl && (size_t)(sl - arg) < sizeof num) {
            memcpy(num, arg, (size_t)(sl - arg));
            num[sl - arg] = 0;
        }
        if (!sl || (size_t)(sl - arg) >= sizeof num || count_of(num, 1, &f->bytes)
            || statico_parse_duration(sl + 1, &f->every_us) || f->every_us > 3600ull * 1000000)
            return snprintf(msg, n, "invalid value for --fault: '%s' (expected dribble=BYTES/DURATION, e.g. dribble=10/100ms)", v), msg;
    }
    if (f->kind == STATICO_FAULT_RAW && arg[0] == '@') {
        errno = 0;
        if (statico_read_file(arg + 1, loaded, &f->raw_len))
            return snprintf(msg, n, "invalid value for --fault: cannot read '%s': %s", arg + 1, strerror(errno ? errno : EIO)), msg;
        f->raw = *loaded;
    } else if (f->kind == STATICO_FAULT_RAW) {
        f->raw = arg;
        f->raw_len = strlen(arg);
    }
    return NULL;
}

static void parse_fault(statico_fault *f, const char *v)
{
    char msg[512];
    void *data = NULL;
    if (fault_of(f, v, &data, msg, sizeof msg)) die("%s", msg);
    if (data) {
        if (nloaded == sizeof loaded / sizeof loaded[0]) die("too many @file bodies");
        loaded[nloaded++] = data;
    }
}

/* The words of text, shell-like: blanks separate them; '...' is literal;
 * "..." keeps blanks and takes \" and \\; a backslash outside quotes
 * takes the next character; '#' at a word's start comments out the rest
 * of the line. Each word malloc'd, with its line in lines. How many, or
 * -1 with the line of an unclosed quote in *bad. */
static int split_words(const char *s, char ***words, int **lines, int *bad)
{
    int n = 0, cap = 0, line = 1;
    *words = NULL;
    *lines = NULL;
    for (;;) {
        size_t len = 0, wcap = 64;
        char *w, q = 0;
        int start;
        while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || (s[0] == '\\' && s[1] == '\n'))
            line += *s++ == '\n';
        if (*s == '#') {
            while (*s && *s != '\n') s++;
            continue;
        }
        if (!*s) return n;
        if (!(w = (char *)malloc(wcap))) die("out of memory");
        start = line;
        while (*s && (q || !(*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))) {
            char ch = *s++;
            if (q == '\'' && ch == '\'') { q = 0; continue; }
            if (q == '"' && ch == '"') { q = 0; continue; }
            if (!q && (ch == '\'' || ch == '"')) { q = ch; continue; }
            if (ch == '\\' && !q && *s == '\n') { /* a line continued */
                s++;
                line++;
                continue;
            }
            if (ch == '\\' && q != '\'' && *s && (!q || *s == '"' || *s == '\\')) ch = *s++;
            line += ch == '\n';
            if (len + 2 > wcap && !(w = (char *)realloc(w, wcap *= 2))) die("out of memory");
            w[len++] = ch;
        }
        w[len] = 0;
        if (q) { /* nothing is kept */
            free(w);
            while (n > 0) free((*words)[--n]);
            free(*words);
            free(*lines);
            *words = NULL;
            *lines = NULL;
            *bad = start;
            return -1;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            if (!(*words = (char **)realloc(*words, (size_t)cap * sizeof **words))
                || !(*lines = (int *)realloc(*lines, (size_t)cap * sizeof **lines)))
                die("out of memory");
        }
        (*words)[n] = w;
        (*lines)[n++] = start;
    }
}

/* @FILE: argument a is replaced by the words of FILE, each knowing its
 * FILE:LINE for messages (and where, parallel to argv, made on first use). */
static void expand_file(int *argc, char ***argv, char ***where, int a)
{
    static int depth;
    static char **expanded; /* the argument list made last: kept (and reachable) until exit */
    const char *path = (*argv)[a] + 1;
    char **words, **nv, **nw, *text;
    int *lines, n, bad, k, i;
    void *data;
    size_t len;
    errno = 0;
    if (++depth > 64) die("@%s: more than 64 @FILEs (one that names itself?)", path);
    if (statico_read_file(path, &data, &len)) die("cannot read options from @%s: %s", path, strerror(errno ? errno : EIO));
    if (memchr(data, 0, len)) die("@%s: not a text file", path);
    if (!(text = (char *)malloc(len + 1))) die("out of memory");
    memcpy(text, data, len); /* NUL-terminated for the word splitter */
    text[len] = 0;
    statico_free(data);
    n = split_words(text, &words, &lines, &bad);
    free(text);
    if (n < 0) die("%s:%d: an unclosed quote", path, bad);
    if (!(nv = (char **)malloc((size_t)(*argc + n) * sizeof *nv)) || !(nw = (char **)malloc((size_t)(*argc + n) * sizeof *nw)))
        die("out of memory");
    for (i = 0; i < a; i++) {
        nv[i] = (*argv)[i];
        nw[i] = *where ? (*where)[i] : NULL;
    }
    for (k = 0; k < n; k++) {
        char loc[4096];
        snprintf(loc, sizeof loc, "%s:%d", path, lines[k]);
        nv[a + k] = words[k];
        if (!(nw[a + k] = strdup(loc))) die("out of memory");
    }
    for (i = a + 1; i < *argc; i++) {
        nv[i - 1 + n] = (*argv)[i];
        nw[i - 1 + n] = *where ? (*where)[i] : NULL;
    }
    *argc += n - 1;
    if (*argv == expanded) free(*argv); /* its words live on in nv */
    *argv = expanded = nv; /* the words live as long as the options that point into them: until exit */
    free(*where);
    *where = nw;
    free(words);
    free(lines);
}

/* "the default response" or "--route 'GET /x'", for messages */
static const char *what_of(const statico_route *r)
{
    static char buf[320];
    if (!r) return "the default response";
    snprintf(buf, sizeof buf, "--route '%s %s'%s%s", r->method ? r->method : "*", r->path, r->name ? " --name " : "",
             r->name ? r->name : "");
    return buf;
}

/* What the library would refuse at start (a body with 204, a Connection
 * header other than close or keep-alive, ...), said as a bad argument. */
static void check_response(const statico_response *r, const statico_route *route)
{
    char msg[512];
    if (statico_check_response(r, what_of(route), msg, sizeof msg)) die("invalid arguments for %s", msg);
}

/* --query and --match-header: a condition of the current route; each
 * route's conditions are contiguous in their pool (a route's options come
 * together). The library checks their form at start. */
static void add_condition(statico_route *r, const char *name, const char *val)
{
    static const char *qpool[MAX_CONDS], *hpool[MAX_CONDS];
    static size_t nq, nh;
    int header = !strcmp(name, "--match-header");
    if (!r) die("%s needs a --route before it", name);
    if ((header ? nh : nq) == MAX_CONDS) die("too many conditions");
    if (header) {
        if (!r->match.header_count) r->match.headers = hpool + nh;
        hpool[nh++] = val;
        r->match.header_count++;
    } else {
        if (!r->match.query_count) r->match.query = qpool + nq;
        qpool[nq++] = val;
        r->match.query_count++;
    }
}

static statico_step step_pool[MAX_STEPS];
static size_t nsteps;

/* The route's response so far becomes its first step. */
static void steps_begin(statico_route *r)
{
    if (r->step_count) return;
    if (nsteps == MAX_STEPS) die("too many steps");
    r->steps = step_pool + nsteps;
    step_pool[nsteps].response = r->response;
    step_pool[nsteps++].times = 0;
    r->step_count = 1;
}

/* --times N: the current step answers N requests. The response to build
 * on (the step's). */
static statico_response *step_times(statico_route *r, uint32_t n)
{
    statico_step *last;
    if (!r) die("--times needs a --route before it");
    steps_begin(r);
    last = &step_pool[(size_t)(r->steps - step_pool) + r->step_count - 1];
    if (last->times) die("--times given twice for step %zu of %s", r->step_count, what_of(r));
    last->times = n;
    return &last->response;
}

/* --then: the next step of the route's sequence, a new response. */
static statico_response *step_then(statico_route *r)
{
    if (!r) die("--then needs a --route before it");
    steps_begin(r);
    if (!step_pool[(size_t)(r->steps - step_pool) + r->step_count - 1].times)
        die("step %zu of %s answers for ever: give it --times N before --then", r->step_count, what_of(r));
    if (nsteps == MAX_STEPS) die("too many steps");
    memset(&step_pool[nsteps], 0, sizeof step_pool[nsteps]);
    r->step_count++;
    return &step_pool[nsteps++].response;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_totals(const char *label, const statico_stats *s)
{
    printf("%sTotal requests:  %llu\n", label, (unsigned long long)s->requests);
    printf("%sTotal req bytes: %llu (%.3f GB)\n", label, (unsigned long long)s->request_bytes,
           (double)s->request_bytes / 1e9);
    printf("%sTotal responses: %llu\n", label, (unsigned long long)s->responses);
    printf("%sTotal res bytes: %llu (%.3f GB)\n", label, (unsigned long long)s->response_bytes,
           (double)s->response_bytes / 1e9);
}

/* --report, at exit on stderr: the requests each route answered, then the
 * first unmatched requests, each against its closest route. */
static void print_report(statico_server *srv, const statico_config *cfg)
{
    size_t i, need;
    char *text;
    fprintf(stderr, "statico: requests per route\n");
    for (i = 0; i < cfg->route_count; i++)
        fprintf(stderr, "  %-40s %llu\n", what_of(&cfg->routes[i]), (unsigned long long)statico_server_count(srv, (int)i));
    fprintf(stderr, "  %-40s %llu\n  %-40s %llu\n", "(no route: the default response)",
            (unsigned long long)statico_server_count(srv, STATICO_ROUTE_DEFAULT), "(all, errors included)",
            (unsigned long long)statico_server_count(srv, STATICO_ROUTE_ANY));
    need = statico_server_report(srv, NULL, 0);
    if ((text = (char *)malloc(need + 1)) != NULL) {
        statico_server_report(srv, text, need + 1);
        fputs(text, stderr);
        free(text);
    }
}

/* -m: statico_run with a line of rates every second, totals at the end, on
 * stdout (as Statico does: `statico -m > meter.log`). The counters are the
 * workers' own, read without costing them anything. --report (without -m)
 * takes the same way, without the lines. */
#include "admin.h"

/* --print-ports and --port-file: once every listener listens, one line:
 * "ports P1[,P2...]", and " admin A" with --admin. */
static struct {
    int print;
    const char *file;
    const char *admin; /* --admin's [ADDR:]PORT */
} ready;

static void announce(statico_server *srv)
{
    size_t o = 0, p, np = statico_server_port_count(srv), cap = np * 6 + 32;
    char *line = (char *)malloc(cap), tmp[4096];
    if (!line) die("out of memory");
    o += (size_t)snprintf(line, cap, "ports ");
    for (p = 0; p < np; p++) o += (size_t)snprintf(line + o, cap - o, "%s%d", p ? "," : "", statico_server_port(srv, p));
    if (ready.admin) o += (size_t)snprintf(line + o, cap - o, " admin %d", adm.port);
    snprintf(line + o, cap - o, "\n");
    if (ready.file) { /* first: whoever read the stdout line finds the file too */
        FILE *f;
        snprintf(tmp, sizeof tmp, "%s.%ld.tmp", ready.file, (long)getpid());
        if (!(f = fopen(tmp, "w")) || fputs(line, f) < 0 || fclose(f) != 0 || rename(tmp, ready.file) != 0)
            fprintf(stderr, "%s: cannot write --port-file %s: %s\n", prog, ready.file, strerror(errno));
    }
    if (ready.print) {
        fputs(line, stdout);
        fflush(stdout);
    }
    free(line);
}

static statico_result run_with_meter(const statico_config *cfg, int meter, int report, char *err, size_t err_size)
{
    sigset_t set;
    statico_server *srv;
    statico_stats prev, cur;
    statico_result r;
    double t0;
    int tty = isatty(1);
    size_t p, np;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    if (ready.admin) {
        int bad = admin_open(ready.admin, err, err_size);
        if (bad) {
            admin_stop();
            return bad == -1 ? STATICO_ERROR_CONFIG : STATICO_ERROR_BIND;
        }
    }
    if ((r = statico_server_start(cfg, &srv, err, err_size)) != STATICO_OK) {
        admin_stop();
        return r;
    }
    if (ready.admin) admin_start(srv, cfg);
    announce(srv);
    statico_server_stats(srv, -1, &prev);
    t0 = now_s();
    for (;;) {
        struct timespec ts;
        double t = now_s(), left = t0 + 1.0 - t, dt;
        int sig;
        if (left > 0 || !meter) { /* (tv_nsec must stay below a second) */
            ts.tv_sec = left > 0 ? 0 : 1;
            ts.tv_nsec = left > 0 ? (long)(left * 1e9) : 0;
            sig = sigtimedwait(&set, NULL, &ts);
            if (sig == SIGINT || sig == SIGTERM) break;
            continue;
        }
        statico_server_stats(srv, -1, &cur);
        dt = t - t0;
        t0 = t;
        printf("%sreq/s: %.0f, req: %.3f Gbps, res/s: %.0f, res: %.3f Gbps%s", tty ? "\r\033[K" : "",
                (double)(cur.requests - prev.requests) / dt, (double)(cur.request_bytes - prev.request_bytes) * 8 / dt / 1e9,
                (double)(cur.responses - prev.responses) / dt,
                (double)(cur.response_bytes - prev.response_bytes) * 8 / dt / 1e9, tty ? "" : "\n");
        fflush(stdout);
        prev = cur;
    }
    statico_server_halt(srv); /* the responses in flight are counted too; admin waits end */
    admin_stop();
    if (report) print_report(srv, cfg);
    if (!meter) {
        statico_server_stop(srv);
        return STATICO_OK;
    }
    if (tty) putchar('\n');
    statico_server_stats(srv, -1, &cur);
    print_totals("", &cur);
    np = statico_server_port_count(srv);
    for (p = 0; np > 1 && p < np; p++) {
        char label[32];
        statico_server_stats(srv, (int)p, &cur);
        snprintf(label, sizeof label, "port %d: ", statico_server_port(srv, p));
        print_totals(label, &cur);
    }
    fflush(stdout);
    statico_server_stop(srv);
    return STATICO_OK;
}

int main(int argc, char **argv)
{
    static uint16_t ports[MAX_PORTS];
    static statico_route routes[MAX_ROUTES];
    static const char *headers[MAX_HEADERS];
    statico_config cfg;
    statico_response *cur;
    statico_route *cur_route = NULL; /* NULL: the default response */
    size_t nheaders = 0, i;
    char err[512];
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int a, meter = 0, report = 0, journal_given = 0;
    static char **where; /* per argument: "FILE:LINE" when it came from an @FILE (kept until exit) */

    memset(&cfg, 0, sizeof cfg);
    cfg.threads = cpus > 0 ? (int)cpus : 1;
    cfg.address = "::"; /* Statico's defaults: every interface, workers pinned */
    cfg.pin = 1;
    ports[0] = 8080;
    cfg.ports = ports;
    cfg.port_count = 1;
    cfg.log = log_line;
    cur = &cfg.response;

    for (a = 1; a < argc; a++) {
        const char *arg = argv[a], *val = NULL, *eq;
        char name[64];
        int takes;
        die_where = where ? where[a] : NULL;
        if (arg[0] == '@' && arg[1]) { /* options from a file, in place */
            expand_file(&argc, &argv, &where, a);
            a--;
            continue;
        }
        if (arg[0] == '-' && arg[1] == 'v' && strspn(arg + 1, "v") == strlen(arg + 1)) { /* -v, -vv, ... */
            cfg.verbose += (int)strlen(arg + 1);
            continue;
        }
        /* --name=value, --name value, -x value, -xvalue */
        if (arg[0] == '-' && arg[1] == '-' && (eq = strchr(arg, '=')) != NULL && (size_t)(eq - arg) < sizeof name) {
            memcpy(name, arg, (size_t)(eq - arg));
            name[eq - arg] = 0;
            val = eq + 1;
        } else if (arg[0] == '-' && arg[1] && arg[1] != '-' && arg[2]) {
            name[0] = '-';
            name[1] = arg[1];
            name[2] = 0;
            val = arg + 2;
        } else {
            snprintf(name, sizeof name, "%s", arg);
        }
#define IS(s, l) (!strcmp(name, s) || !strcmp(name, l))
        takes = IS("-t", "--threads") || IS("-p", "--ports") || IS("-a", "--address") || IS("-s", "--status")
             || IS("-b", "--body") || IS("-H", "--header") || !strcmp(name, "--receive-buffer-size")
             || !strcmp(name, "--send-buffer-size") || !strcmp(name, "--listen-backlog") || !strcmp(name, "--runtime")
             || !strcmp(name, "--route") || !strcmp(name, "--max-head") || !strcmp(name, "--max-body")
             || !strcmp(name, "--max-connections") || !strcmp(name, "--header-timeout")
             || !strcmp(name, "--idle-timeout") || !strcmp(name, "--uring-entries")
             || !strcmp(name, "--uring-sqpoll") || IS("-d", "--delay") || !strcmp(name, "--body-delay")
             || !strcmp(name, "--max-target") || !strcmp(name, "--body-timeout") || !strcmp(name, "--journal")
             || !strcmp(name, "--query") || !strcmp(name, "--match-header") || !strcmp(name, "--times")
             || !strcmp(name, "--match-body") || !strcmp(name, "--match-body-contains") || !strcmp(name, "--name")
             || !strcmp(name, "--fault") || !strcmp(name, "--seed") || !strcmp(name, "--port-file")
             || !strcmp(name, "--admin");
        if (takes && !val) {
            if (a + 1 >= argc) die("option %s needs a value", name);
            val = argv[++a];
        } else if (!takes && val) {
            die("option %s takes no value", name);
        }
        if (IS("-h", "--help")) {
            fputs(usage, stdout);
            return 0;
        } else if (IS("-V", "--version")) {
            printf("statico %s\n", STATICO_VERSION);
            return 0;
        } else if (IS("-t", "--threads")) {
            cfg.threads = (int)number(name, val, 1, 4096);
        } else if (IS("-p", "--ports") && !strcmp(val, "0")) {
            ports[0] = 0; /* an ephemeral port: --print-ports or --port-file say which */
            cfg.port_count = 1;
        } else if (IS("-p", "--ports")) {
            static unsigned char seen[65536];
            if (statico_parse_ports(val, ports, MAX_PORTS, &cfg.port_count))
                die("invalid value for %s: '%s' (expected ports 1..65535 such as 8080 or 8080,8100-8200, or 0 alone: an "
                "ephemeral port)", name, val);
            memset(seen, 0, sizeof seen);
            for (i = 0; i < cfg.port_count; i++) {
                if (seen[ports[i]]) die("invalid value for %s: '%s' (port %u is listed twice)", name, val, ports[i]);
                seen[ports[i]] = 1;
            }
        } else if (!strcmp(name, "--bind-all")) {
            cfg.bind_all = 1;
        } else if (IS("-a", "--address")) {
            unsigned char tmp[16];
            char plain[64];
            size_t n = strlen(val);
            if (n >= 2 && n < sizeof plain && val[0] == '[' && val[n - 1] == ']') { /* [::1] */
                memcpy(plain, val + 1, n - 2);
                plain[n - 2] = 0;
            } else {
                snprintf(plain, sizeof plain, "%s", val);
            }
            if (strchr(plain, '%')) *strchr(plain, '%') = 0; /* fe80::1%2 */
            if (inet_pton(AF_INET, plain, tmp) != 1 && inet_pton(AF_INET6, plain, tmp) != 1)
                die("invalid value for %s: '%s' (expected an IPv4 or IPv6 address)", name, val);
            cfg.address = val;
        } else if (IS("-s", "--status")) {
            cur->status = (int)number(name, val, 200, 599);
        } else if (IS("-b", "--body")) {
            set_body(cur, name, val, what_of(cur_route));
        } else if (IS("-H", "--header")) {
            if (statico_check_header_line(val)) die("invalid value for %s: '%s' (expected 'Name: value')", name, val);
            if (nheaders == MAX_HEADERS) die("too many headers");
            /* a response's headers are contiguous: move this response's block to the end */
            if (cur->header_count && cur->headers + cur->header_count != headers + nheaders) {
                size_t k;
                if (nheaders + cur->header_count + 1 > MAX_HEADERS) die("too many headers");
                for (k = 0; k < cur->header_count; k++) headers[nheaders + k] = cur->headers[k];
                cur->headers = headers + nheaders;
                nheaders += cur->header_count;
            }
            if (!cur->header_count) cur->headers = headers + nheaders;
            headers[nheaders++] = val;
            cur->header_count++;
        } else if (!strcmp(name, "--receive-buffer-size")) {
            cfg.receive_buffer_size = (int)number(name, val, 1, 1 << 30);
        } else if (!strcmp(name, "--send-buffer-size")) {
            cfg.send_buffer_size = (int)number(name, val, 1, 1 << 30);
        } else if (!strcmp(name, "--listen-backlog")) {
            cfg.listen_backlog = (int)number(name, val, 1, 1 << 20);
        } else if (!strcmp(name, "--tcp-nodelay")) {
            cfg.tcp_nodelay = 1;
        } else if (!strcmp(name, "--http2")) {
            cfg.no_http2 = 0; /* h2c is on anyway */
        } else if (!strcmp(name, "--no-http2")) {
            cfg.no_http2 = 1;
        } else if (!strcmp(name, "--runtime")) {
            if (!strcmp(val, "epoll") || !strcmp(val, "tokio") || !strcmp(val, "tokio-local") || !strcmp(val, "smol"))
                cfg.backend = STATICO_BACKEND_EPOLL;
            else if (!strcmp(val, "poll"))
                cfg.backend = STATICO_BACKEND_POLL;
            else if (!strcmp(val, "io_uring") || !strcmp(val, "io-uring") || !strcmp(val, "tokio-uring")
                     || !strcmp(val, "monoio") || !strcmp(val, "glommio") || !strcmp(val, "compio"))
                cfg.backend = STATICO_BACKEND_IO_URING;
            else
                die("invalid value for --runtime: '%s' (expected epoll, io_uring, poll, tokio, tokio-local, smol, "
                    "tokio-uring, monoio, glommio or compio)", val);
        } else if (!strcmp(name, "--uring-entries")) {
            uint32_t n = (uint32_t)number(name, val, 1, 32768), p2 = 1;
            while (p2 < n) p2 <<= 1;
            cfg.uring_entries = p2;
        } else if (!strcmp(name, "--uring-sqpoll")) {
            cfg.uring_sqpoll_ms = (uint32_t)number(name, val, 1, 3600000);
        } else if (!strcmp(name, "--route")) {
            const char *sp = strchr(val, ' ');
            statico_route *r;
            char *method;
            if (cfg.route_count == MAX_ROUTES) die("too many routes");
            if (!sp || sp == val || sp[1] != '/' || strchr(sp + 1, ' '))
                die("invalid value for --route: '%s' (expected 'METHOD /path')", val);
            if (strspn(val, "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
                < (size_t)(sp - val))
                die("invalid value for --route: '%s' (the method '%.*s' is not a token)", val, (int)(sp - val), val);
            r = &routes[cfg.route_count++];
            method = strndup(val, (size_t)(sp - val));
            if (!method) die("out of memory");
            r->method = method;
            r->path = sp + 1;
            cfg.routes = routes;
            cur = &r->response;
            cur_route = r;
        } else if (IS("-d", "--delay")) {
            parse_delay(&cfg, name, val);
        } else if (!strcmp(name, "--body-delay")) {
            if (statico_parse_duration(val, &cfg.body_delay_us) || cfg.body_delay_us > 3600ull * 1000000)
                die("invalid value for %s: '%s' (expected a duration such as 500us, 100ms, 2s or 1s500ms)", name, val);
        } else if (!strcmp(name, "--seed")) {
            cfg.seed = parse_count(name, val, val, 1);
        } else if (!strcmp(name, "--fault")) {
            if (!cur_route) die("--fault needs a --route before it (a fault is a step of a route)");
            steps_begin(cur_route);
            parse_fault(&step_pool[(size_t)(cur_route->steps - step_pool) + cur_route->step_count - 1].fault, val);
            cur = &step_pool[(size_t)(cur_route->steps - step_pool) + cur_route->step_count - 1].response;
        } else if (!strcmp(name, "--verbose")) {
            cfg.verbose++;
        } else if (IS("-m", "--meter")) {
            meter = 1;
        } else if (!strcmp(name, "--print-ports")) {
            ready.print = 1;
        } else if (!strcmp(name, "--port-file")) {
            ready.file = val;
        } else if (!strcmp(name, "--admin")) {
            ready.admin = val;
        } else if (!strcmp(name, "--report")) {
            report = 1;
        } else if (!strcmp(name, "--no-date")) {
            cfg.no_date = 1;
        } else if (!strcmp(name, "--no-pin")) {
            cfg.pin = 0;
        } else if (!strcmp(name, "--max-head")) {
            cfg.max_head = (uint32_t)number(name, val, 256, 65536);
        } else if (!strcmp(name, "--max-body")) {
            cfg.max_body = (uint64_t)number(name, val, 1, (long long)1 << 62);
        } else if (!strcmp(name, "--max-target")) {
            cfg.max_target = (uint32_t)number(name, val, 1, 65535);
        } else if (!strcmp(name, "--name")) {
            if (!cur_route) die("--name needs a --route before it");
            if (cur_route->name) die("--name given twice for %s", what_of(cur_route));
            cur_route->name = val;
        } else if (!strcmp(name, "--query") || !strcmp(name, "--match-header")) {
            add_condition(cur_route, name, val);
        } else if (!strcmp(name, "--match-body") || !strcmp(name, "--match-body-contains")) {
            if (!cur_route) die("%s needs a --route before it", name);
            if (cur_route->match.body) die("one body condition per route (%s)", what_of(cur_route));
            cur_route->match.body = val;
            cur_route->match.body_len = strlen(val);
            cur_route->match.body_contains = name[12] == '-';
        } else if (!strcmp(name, "--times")) {
            cur = step_times(cur_route, (uint32_t)number(name, val, 1, 1 << 30));
        } else if (!strcmp(name, "--then")) {
            cur = step_then(cur_route);
        } else if (!strcmp(name, "--journal")) {
            cfg.journal_size = (uint32_t)number(name, val, 0, 1 << 24);
            journal_given = 1;
        } else if (!strcmp(name, "--body-timeout")) {
            cfg.body_timeout_ms = duration_ms(name, val);
        } else if (!strcmp(name, "--max-connections")) {
            cfg.max_connections = (uint32_t)number(name, val, 1, 1 << 24);
        } else if (!strcmp(name, "--header-timeout")) {
            cfg.header_timeout_ms = duration_ms(name, val);
        } else if (!strcmp(name, "--idle-timeout")) {
            cfg.idle_timeout_ms = duration_ms(name, val);
        } else {
            die("unknown option '%s' (see %s --help)", arg, prog);
        }
#undef IS
    }
    die_where = NULL;
    { /* environment knobs for tests and measurements */
        const char *e = getenv("STATICO_NO_IO_URING"), *zc = getenv("STATICO_SEND_ZC_MIN");
        cfg.no_io_uring = e && *e && strcmp(e, "0");
        e = getenv("STATICO_URING_INC");
        cfg.no_uring_inc = e && !strcmp(e, "0");
        if ((e = getenv("STATICO_SENDFILE_MIN")) && *e) { /* bytes; 0 = never */
            char *end;
            unsigned long long v = strtoull(e, &end, 10);
            if (*end) die("invalid STATICO_SENDFILE_MIN '%s' (expected bytes, 0 for never)", e);
            cfg.sendfile_min = v ? (uint64_t)v : UINT64_MAX;
        }
        if (zc && *zc) { /* bytes; 0 = never */
            char *end;
            unsigned long long v = strtoull(zc, &end, 10);
            if (*end) die("invalid STATICO_SEND_ZC_MIN '%s' (expected bytes, 0 for never)", zc);
            cfg.uring_zc_min = v ? (uint64_t)v : UINT64_MAX;
        }
    }
    check_response(&cfg.response, NULL);
    for (i = 0; i < cfg.route_count; i++) {
        size_t k;
        check_response(&routes[i].response, &routes[i]);
        for (k = 0; k < routes[i].step_count; k++) check_response(&routes[i].steps[k].response, &routes[i]);
    }
    if (cfg.verbose > 4) cfg.verbose = 4;
    cfg.verbose_color = isatty(2);
    cfg.verbose_log = verbose_text;
    for (i = 0; i < cfg.route_count; i++)
        if (!strcmp(routes[i].method, "*")) {
            free((void *)(uintptr_t)routes[i].method);
            routes[i].method = NULL;
        }
    {
        /* a server for many connections: the descriptor limit up to its hard cap */
        struct rlimit rl;
        if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
            rl.rlim_cur = rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
        }
    }

    {
        statico_result r;
        if (ready.admin && !journal_given) cfg.journal_size = 1024; /* what /__statico/journal reads */
        r = meter || report || ready.print || ready.file || ready.admin ? run_with_meter(&cfg, meter, report, err, sizeof err)
                                           : statico_run(&cfg, err, sizeof err);
        for (i = 0; i < nloaded; i++) statico_free(loaded[i]);
        for (i = 0; i < cfg.route_count; i++) free((void *)(uintptr_t)routes[i].method);
        if (r) { /* a configuration the library refused is a bad argument too */
            fprintf(stderr, "%s: %s\n", prog, err);
            return r == STATICO_ERROR_CONFIG || r == STATICO_ERROR_ADDRESS ? 2 : 1;
        }
    }
    return 0;
}
