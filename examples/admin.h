/* examples/admin.h - the command line's admin endpoint (--admin [ADDR:]PORT),
 * included by examples/cli.c. A listener of its own, accepted by its own
 * thread and served by one short-lived thread per connection (a wait may
 * block for its timeout) with plain blocking I/O, never by the workers: it
 * only calls the library's mock verbs, which any thread may call while the
 * server runs. One request per connection, answered with JSON (or text)
 * and closed.
 *
 *   GET  /__statico/counts
 *   GET  /__statico/wait?route=NAME|INDEX|default|any&n=N&timeout_ms=T
 *   GET  /__statico/journal?from=SEQ
 *   GET  /__statico/unmatched
 *   POST /__statico/reset
 *   PUT  /__statico/routes/NAME|INDEX   (body: the command line's step
 *        syntax, e.g. -s 503 -b down --times 1 --then -b up)
 */
#ifdef __linux__
#include <sys/prctl.h>
#endif
#define ADMIN_HEAD 16384
#define ADMIN_BODY 65536
#define ADMIN_CONNS 64 /* served at once; more get 503 */

static struct {
    statico_server *srv;
    const statico_config *cfg;
    int fd, port, stop_pipe[2], opened, started;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t idle;
    int active; /* connections being served (under lock) */
} adm;

static pthread_mutex_t journal_lock = PTHREAD_MUTEX_INITIALIZER; /* one journal reader at a time */

/* a growing text */
typedef struct {
    char *p;
    size_t n, cap;
} text;

static void tput(text *t, const char *s, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 1024;
        while (nc < t->n + n + 1) nc *= 2;
        if (!(t->p = (char *)realloc(t->p, nc))) die("out of memory");
        t->cap = nc;
    }
    memcpy(t->p + t->n, s, n);
    t->n += n;
    t->p[t->n] = 0;
}

static void tprintf(text *t, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    tput(t, tmp, n < 0 ? 0 : (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* a JSON string of n bytes (escaped; bytes >= 0x80 pass as they are: the
 * callers give UTF-8) */
static void tjson(text *t, const char *s, size_t n)
{
    size_t i;
    tput(t, "\"", 1);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            tput(t, e, 2);
        } else if (c < 0x20 || c == 0x7f) {
            tprintf(t, "\\u%04x", c);
        } else {
            tput(t, s + i, 1);
        }
    }
    tput(t, "\"", 1);
}

static int utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k, len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!len || i + len > n || (len == 2 && c < 0xc2)) return 0;
        for (k = 1; k < len; k++)
            if ((s[i + k] & 0xc0) != 0x80) return 0;
        i += len;
    }
    return 1;
}

static void tbase64(text *t, const unsigned char *s, size_t n)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i;
    tput(t, "\"", 1);
    for (i = 0; i < n; i += 3) {
        unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);
        char o[4] = {a[v >> 18 & 63], a[v >> 12 & 63], i + 1 < n ? a[v >> 6 & 63] : '=', i + 2 < n ? a[v & 63] : '='};
        tput(t, o, 4);
    }
    tput(t, "\"", 1);
}

static void admin_send(int fd, int status, const char *type, const char *body, size_t len)
{
    char head[256];
    int n = snprintf(head, sizeof head, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                     status, status == 200 ? "OK" : status == 404 ? "Not Found" : status == 408 ? "Request Timeout"
                             : status == 405 ? "Method Not Allowed" : status == 503 ? "Service Unavailable" : "Bad Request",
                     type, len);
    if (send(fd, head, (size_t)n, MSG_NOSIGNAL) == n && len) {
        size_t o = 0;
        while (o < len) {
            ssize_t k = send(fd, body + o, len - o, MSG_NOSIGNAL);
            if (k <= 0) break;
            o += (size_t)k;
        }
    }
}

static void admin_error(int fd, int status, const char *msg)
{
    text t = {0};
    tput(&t, "{\"error\":", 9);
    tjson(&t, msg, strlen(msg));
    tput(&t, "}\n", 2);
    admin_send(fd, status, "application/json", t.p, t.n);
    free(t.p);
}

/* the value of query parameter name (raw bytes) into out; 0, or -1 absent */
static int qparam(const char *q, size_t qn, const char *name, char *out, size_t size)
{
    size_t nl = strlen(name), i = 0;
    while (i < qn) {
        size_t e = i, v;
        while (e < qn && q[e] != '&') e++;
        if (e - i > nl && q[i + nl] == '=' && !memcmp(q + i, name, nl)) {
            v = e - i - nl - 1;
            if (v >= size) return -1;
            memcpy(out, q + i + nl + 1, v);
            out[v] = 0;
            return 0;
        }
        i = e + 1;
    }
    return -1;
}

/* route=NAME|INDEX|default|any: a route number, or 0 with *bad set */
static int admin_route(const char *v, int *bad)
{
    size_t i;
    char *end;
    long k;
    *bad = 0;
    if (!strcmp(v, "default")) return STATICO_ROUTE_DEFAULT;
    if (!strcmp(v, "any")) return STATICO_ROUTE_ANY;
    k = strtol(v, &end, 10);
    if (*v && !*end && k >= 0 && (size_t)k < adm.cfg->route_count) return (int)k;
    for (i = 0; i < adm.cfg->route_count; i++)
        if (adm.cfg->routes[i].name && !strcmp(adm.cfg->routes[i].name, v)) return (int)i;
    *bad = 1;
    return 0;
}

static void admin_counts(int fd)
{
    text t = {0};
    size_t i;
    tput(&t, "{\"routes\":[", 11);
    for (i = 0; i < adm.cfg->route_count; i++) {
        const statico_route *r = &adm.cfg->routes[i];
        char what[300];
        int n = snprintf(what, sizeof what, "%s %s", r->method ? r->method : "*", r->path);
        tput(&t, i ? ",{\"route\":" : "{\"route\":", i ? 10 : 9);
        tjson(&t, what, (size_t)n < sizeof what ? (size_t)n : sizeof what - 1);
        tput(&t, ",\"name\":", 8);
        if (r->name) tjson(&t, r->name, strlen(r->name));
        else tput(&t, "null", 4);
        tprintf(&t, ",\"count\":%llu}", (unsigned long long)statico_server_count(adm.srv, (int)i));
    }
    tprintf(&t, "],\"default\":%llu,\"any\":%llu}\n",
            (unsigned long long)statico_server_count(adm.srv, STATICO_ROUTE_DEFAULT),
            (unsigned long long)statico_server_count(adm.srv, STATICO_ROUTE_ANY));
    admin_send(fd, 200, "application/json", t.p, t.n);
    free(t.p);
}

static void admin_wait(int fd, const char *q, size_t qn)
{
    char v[256], num[32];
    int route, bad, ok;
    unsigned long long n = 1;
    long timeout = 5000;
    text t = {0};
    if (qparam(q, qn, "route", v, sizeof v)) return admin_error(fd, 400, "wait needs route=NAME|INDEX|default|any");
    route = admin_route(v, &bad);
    if (bad) return admin_error(fd, 404, "no such route");
    if (!qparam(q, qn, "n", num, sizeof num)) {
        char *end;
        n = strtoull(num, &end, 10);
        if (*end || !*num) return admin_error(fd, 400, "n must be a number");
    }
    if (!qparam(q, qn, "timeout_ms", num, sizeof num)) {
        char *end;
        timeout = strtol(num, &end, 10);
        if (*end || !*num || timeout < 0 || timeout > 600000) return admin_error(fd, 400, "timeout_ms must be 0..600000");
    }
    ok = statico_server_wait(adm.srv, route, (uint64_t)n, (int)timeout);
    tprintf(&t, "{\"count\":%llu}\n", (unsigned long long)statico_server_count(adm.srv, route));
    admin_send(fd, ok ? 200 : 408, "application/json", t.p, t.n);
    free(t.p);
}

static void admin_exchange(text *t, const statico_exchange *x)
{
    static const char *const faults[] = {NULL, "close", "reset", "stall", "truncate", "raw", "dribble", "rate", "dropped"};
    const char *p, *end = x->head + x->head_len;
    int h = 0;
    tprintf(t, "{\"seq\":%llu,\"time\":%.6f,\"time_us\":%llu,\"connection\":%llu,\"port\":%d,\"route\":%d,\"status\":%d,\"version\":%d,"
               "\"method\":",
            (unsigned long long)x->seq, (double)x->time_us / 1e6, (unsigned long long)x->time_us,
            (unsigned long long)x->connection,
            statico_server_port(adm.srv, (size_t)x->port_index), x->route, x->status, x->version);
    tjson(t, x->method, x->method_len);
    tput(t, ",\"target\":", 10);
    tjson(t, x->target, x->target_len);
    tput(t, ",\"headers\":[", 12);
    /* the header lines as the server kept them (it parsed them, HTTP/1.1's or HTTP/2's written out) */
    p = x->head_len ? (const char *)memchr(x->head, '\n', x->head_len) : NULL;
    for (p = p ? p + 1 : end; p < end; h++) {
        const char *eol = (const char *)memchr(p, '\n', (size_t)(end - p)), *colon, *v, *ve;
        if (!eol || eol == p || (eol == p + 1 && *p == '\r')) break; /* the empty line: the end */
        ve = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
        if (!(colon = (const char *)memchr(p, ':', (size_t)(ve - p)))) break;
        for (v = colon + 1; v < ve && (*v == ' ' || *v == '\t'); v++) {}
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
        tput(t, h ? ",[" : "[", h ? 2 : 1);
        tjson(t, p, (size_t)(colon - p));
        tput(t, ",", 1);
        tjson(t, v, (size_t)(ve - v));
        tput(t, "]", 1);
        p = eol + 1;
    }
    tput(t, "],\"body\":", 9);
    if (utf8_ok((const unsigned char *)x->body, x->body_len)) {
        tjson(t, (const char *)x->body, x->body_len);
    } else {
        tbase64(t, (const unsigned char *)x->body, x->body_len);
        tput(t, ",\"body_base64\":true", 19);
    }
    tprintf(t, ",\"body_truncated\":%s,\"fault\":", x->body_truncated ? "true" : "false");
    if (x->fault > 0 && x->fault < (int)(sizeof faults / sizeof faults[0])) tjson(t, faults[x->fault], strlen(faults[x->fault]));
    else tput(t, "null", 4);
    tput(t, "}", 1);
}

static void admin_journal(int fd, const char *q, size_t qn)
{
    char num[32];
    unsigned long long from = 0;
    size_t n, i, max = 65536;
    statico_exchange *x;
    text t = {0};
    if (!qparam(q, qn, "from", num, sizeof num)) {
        char *end;
        from = strtoull(num, &end, 10);
        if (*end || !*num) return admin_error(fd, 400, "from must be a number");
    }
    if (!(x = (statico_exchange *)malloc(max * sizeof *x))) return admin_error(fd, 503, "out of memory");
    pthread_mutex_lock(&journal_lock); /* the next journal call moves the bytes these pointers point to */
    n = statico_server_journal(adm.srv, (uint64_t)from, x, max);
    tput(&t, "[", 1);
    for (i = 0; i < n; i++) {
        if (i) tput(&t, ",", 1);
        admin_exchange(&t, &x[i]);
    }
    pthread_mutex_unlock(&journal_lock);
    tput(&t, "]\n", 2);
    admin_send(fd, 200, "application/json", t.p, t.n);
    free(t.p);
    free(x);
}

static void admin_unmatched(int fd)
{
    size_t need = statico_server_report(adm.srv, NULL, 0);
    char *buf = (char *)malloc(need + 1);
    if (!buf) return admin_error(fd, 503, "out of memory");
    statico_server_report(adm.srv, buf, need + 1);
    admin_send(fd, 200, "text/plain; charset=utf-8", buf, strlen(buf));
    free(buf);
}

/* A step option of the body: value of words[*k] (the next word). */
static const char *step_value(char **words, int n, int *k, char *msg, size_t size)
{
    if (*k + 1 >= n) return snprintf(msg, size, "option %s needs a value", words[*k]), NULL;
    return words[++*k];
}

/* The command line's step syntax into steps (headers in hdrs, files read
 * into loaded): the count, or -1 with msg. */
static int admin_parse_steps(char **words, int n, statico_step *steps, int max, const char **hdrs, int hmax,
                             void **loaded, int *nloaded_, char *msg, size_t size)
{
    int k, s = 0, nh = 0, hstart = 0;
    memset(steps, 0, (size_t)max * sizeof *steps);
    for (k = 0; k < n; k++) {
        const char *o = words[k], *v;
        uint64_t num;
        if (!strcmp(o, "--then")) {
            if (!steps[s].times) return snprintf(msg, size, "step %d answers for ever: give it --times N before --then", s + 1), -1;
            if (++s == max) return snprintf(msg, size, "at most %d steps", max), -1;
            hstart = nh;
            continue;
        }
        if (!(v = step_value(words, n, &k, msg, size))) return -1;
        if (!strcmp(o, "-s") || !strcmp(o, "--status")) {
            if (count_of(v, 200, &num) || num > 599) return snprintf(msg, size, "invalid status '%s' (200..599)", v), -1;
            steps[s].response.status = (int)num;
        } else if (!strcmp(o, "-b") || !strcmp(o, "--body")) {
            if (v[0] == '@') {
                if (*nloaded_ == 8) return snprintf(msg, size, "at most 8 @FILE bodies"), -1;
                errno = 0;
                if (statico_read_file(v + 1, &loaded[*nloaded_], &steps[s].response.body_len))
                    return snprintf(msg, size, "cannot read '%s': %s", v + 1, strerror(errno ? errno : EIO)), -1;
                steps[s].response.body = loaded[(*nloaded_)++];
            } else {
                steps[s].response.body = v;
                steps[s].response.body_len = strlen(v);
            }
        } else if (!strcmp(o, "-H") || !strcmp(o, "--header")) {
            if (statico_check_header_line(v)) return snprintf(msg, size, "invalid header '%s' (expected 'Name: value')", v), -1;
            if (nh == hmax) return snprintf(msg, size, "too many headers"), -1;
            hdrs[nh++] = v;
            steps[s].response.headers = hdrs + hstart;
            steps[s].response.header_count = (size_t)(nh - hstart);
        } else if (!strcmp(o, "--times")) {
            if (count_of(v, 1, &num) || num > (1u << 30) || steps[s].times)
                return snprintf(msg, size, "invalid --times '%s' (once per step, 1..%u)", v, 1u << 30), -1;
            steps[s].times = (uint32_t)num;
        } else if (!strcmp(o, "--fault")) {
            void *data = NULL;
            if (*nloaded_ == 8) return snprintf(msg, size, "at most 8 @FILEs"), -1;
            if (fault_of(&steps[s].fault, v, &data, msg, size)) return -1;
            if (data) loaded[(*nloaded_)++] = data;
        } else {
            return snprintf(msg, size, "unknown step option '%s' (-s, -b, -H, --times, --then, --fault)", o), -1;
        }
    }
    return s + 1;
}

/* PUT /__statico/routes/NAME|INDEX: the route's steps replaced (its
 * method, path, name and conditions stay), through statico_server_set_route. */
static void admin_put_route(int fd, const char *which, const char *body, size_t len)
{
    statico_step steps[64];
    const char *hdrs[256];
    void *loaded_[16];
    char **words = NULL, *text = (char *)malloc(len + 1), msg[512];
    int *lines = NULL, n = -1, bad, count = -1, nl = 0, k, route, unknown;
    if (!text) return admin_error(fd, 503, "out of memory");
    memcpy(text, body, len);
    text[len] = 0;
    route = admin_route(which, &unknown);
    unknown |= route < 0;
    if (unknown) snprintf(msg, sizeof msg, "no route '%s'", which);
    else if (memchr(body, 0, len) || (n = split_words(text, &words, &lines, &bad)) < 0) snprintf(msg, sizeof msg, "an unclosed quote");
    else if (!n) snprintf(msg, sizeof msg, "no steps given");
    else count = admin_parse_steps(words, n, steps, 64, hdrs, 256, loaded_, &nl, msg, sizeof msg);
    if (count > 0) {
        statico_route r = adm.cfg->routes[route];
        r.steps = steps;
        r.step_count = (size_t)count;
        if (statico_server_set_route(adm.srv, route, &r, msg, sizeof msg) != STATICO_OK) count = -1;
    }
    if (count > 0) {
        snprintf(msg, sizeof msg, "{\"route\":%d,\"steps\":%d}\n", route, count);
        admin_send(fd, 200, "application/json", msg, strlen(msg));
    } else {
        admin_error(fd, unknown ? 404 : 400, msg);
    }
    for (k = 0; k < nl; k++) statico_free(loaded_[k]);
    for (k = 0; k < n; k++) free(words[k]);
    free(words);
    free(lines);
    free(text);
}

/* One request on fd, read whole (head, and a Content-Length body), then
 * answered. */
static void admin_serve(int fd, char *buf)
{
    statico_request rq;
    size_t n = 0, path_len;
    int r = -2;
    const char *path, *q;
    while (r == -2) {
        ssize_t k = recv(fd, buf + n, ADMIN_HEAD + ADMIN_BODY - n, 0);
        if (k <= 0) return; /* gone, or too slow (the receive timeout) */
        n += (size_t)k;
        memset(&rq, 0, sizeof rq);
        rq.max_head = ADMIN_HEAD;
        r = statico_parse_request(&rq, buf, n);
        if (r == -2 && n >= ADMIN_HEAD) return admin_error(fd, 400, "request head too long");
    }
    if (r < 0) return admin_error(fd, 400, "invalid request");
    if ((rq.flags & STATICO_REQ_CHUNKED) || rq.content_length > ADMIN_BODY) return admin_error(fd, 400, "body too long or chunked");
    while (n < (size_t)r + rq.content_length) {
        ssize_t k = recv(fd, buf + n, (size_t)r + rq.content_length - n, 0);
        if (k <= 0) return;
        n += (size_t)k;
    }
    path = buf + rq.path.off;
    path_len = rq.path.len;
    q = buf + rq.query.off;
#define ADMIN_IS(m, p) (rq.method_id == (m) && path_len == sizeof(p) - 1 && !memcmp(path, p, sizeof(p) - 1))
    if (ADMIN_IS(STATICO_METHOD_GET, "/__statico/counts")) admin_counts(fd);
    else if (ADMIN_IS(STATICO_METHOD_GET, "/__statico/wait")) admin_wait(fd, q, rq.query.len);
    else if (ADMIN_IS(STATICO_METHOD_GET, "/__statico/journal")) admin_journal(fd, q, rq.query.len);
    else if (ADMIN_IS(STATICO_METHOD_GET, "/__statico/unmatched")) admin_unmatched(fd);
    else if (rq.method_id == STATICO_METHOD_PUT && path_len > 18 && path_len < 200 && !memcmp(path, "/__statico/routes/", 18)) {
        char which[200];
        memcpy(which, path + 18, path_len - 18);
        which[path_len - 18] = 0;
        admin_put_route(fd, which, buf + r, rq.content_length);
    } else if (ADMIN_IS(STATICO_METHOD_POST, "/__statico/reset")) {
        pthread_mutex_lock(&journal_lock);
        statico_server_reset(adm.srv);
        pthread_mutex_unlock(&journal_lock);
        admin_send(fd, 200, "application/json", "{\"reset\":true}\n", 15);
    } else admin_error(fd, 404, "no such admin path");
#undef ADMIN_IS
}

/* Admin threads are named, so top -H and benchmarks tell them from the
 * workers. */
static void admin_name_thread(void)
{
#ifdef __linux__
    prctl(PR_SET_NAME, "statico-admin", 0, 0, 0);
#endif
}

/* A lingering close: an answer given before the request was read whole (a
 * body too long) would otherwise be lost to the reset the kernel sends when
 * unread bytes are closed on. What is left is read and dropped, for at most
 * 1 MiB and about a second, until the client closes. */
static void admin_linger(int fd, char *buf)
{
    struct timeval tv = {0, 250000};
    size_t total = 0;
    int tries = 4;
    shutdown(fd, SHUT_WR);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (total < (1u << 20)) {
        ssize_t k = recv(fd, buf, ADMIN_HEAD + ADMIN_BODY, 0);
        if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR) || (k < 0 && --tries == 0)) break;
        if (k > 0) total += (size_t)k;
    }
}

static void *admin_conn(void *arg)
{
    int fd = (int)(intptr_t)arg;
    admin_name_thread();
    char *buf = (char *)malloc(ADMIN_HEAD + ADMIN_BODY);
    if (buf) {
        admin_serve(fd, buf);
        admin_linger(fd, buf);
    }
    free(buf);
    close(fd);
    pthread_mutex_lock(&adm.lock);
    if (--adm.active == 0) pthread_cond_broadcast(&adm.idle);
    pthread_mutex_unlock(&adm.lock);
    return NULL;
}

static void *admin_main(void *arg)
{
    (void)arg;
    admin_name_thread();
    for (;;) {
        struct pollfd p[2];
        struct timeval tv = {2, 0};
        pthread_attr_t at;
        pthread_t th;
        int fd, busy;
        p[0].fd = adm.fd;
        p[1].fd = adm.stop_pipe[0];
        p[0].events = p[1].events = POLLIN;
        if (poll(p, 2, -1) < 0 && errno != EINTR) break;
        if (p[1].revents) break;
        if (!(p[0].revents & POLLIN) || (fd = accept(adm.fd, NULL, NULL)) < 0) continue;
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv); /* a slow client is dropped */
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        pthread_mutex_lock(&adm.lock);
        busy = adm.active >= ADMIN_CONNS;
        if (!busy) adm.active++;
        pthread_mutex_unlock(&adm.lock);
        if (busy) {
            admin_error(fd, 503, "too many admin connections");
            close(fd);
            continue;
        }
        pthread_attr_init(&at);
        pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&th, &at, admin_conn, (void *)(intptr_t)fd)) {
            close(fd);
            pthread_mutex_lock(&adm.lock);
            adm.active--;
            pthread_mutex_unlock(&adm.lock);
        }
        pthread_attr_destroy(&at);
    }
    return NULL;
}

/* --admin [ADDR:]PORT (127.0.0.1 by default; port 0: ephemeral): bound
 * and listening before the ready line. 0; or a message in err and -1 for
 * a bad value, -2 when it cannot be bound. */
static int admin_open(const char *spec, char *err, size_t n)
{
    char host[128] = "127.0.0.1";
    const char *colon = strrchr(spec, ':'), *ps = colon ? colon + 1 : spec;
    struct sockaddr_storage ss;
    socklen_t sl;
    char *end;
    long port = strtol(ps, &end, 10);
    int one = 1;
    adm.fd = adm.stop_pipe[0] = adm.stop_pipe[1] = -1;
    if (pthread_mutex_init(&adm.lock, NULL) || pthread_cond_init(&adm.idle, NULL))
        return snprintf(err, n, "--admin: %s", strerror(errno)), -1;
    adm.opened = 1;
    if (!*ps || *end || port < 0 || port > 65535) return snprintf(err, n, "invalid value for --admin: '%s' (expected [ADDR:]PORT)", spec), -1;
    if (colon) {
        size_t hl = (size_t)(colon - spec);
        if (hl >= sizeof host || !hl) return snprintf(err, n, "invalid value for --admin: '%s' (expected [ADDR:]PORT)", spec), -1;
        memcpy(host, spec[0] == '[' ? spec + 1 : spec, spec[0] == '[' ? hl - 2 : hl);
        host[spec[0] == '[' ? hl - 2 : hl] = 0;
    }
    memset(&ss, 0, sizeof ss);
    if (inet_pton(AF_INET, host, &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
        ((struct sockaddr_in *)&ss)->sin_family = AF_INET;
        ((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)port);
        sl = sizeof(struct sockaddr_in);
    } else if (inet_pton(AF_INET6, host, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
        ((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
        ((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)port);
        sl = sizeof(struct sockaddr_in6);
    } else {
        return snprintf(err, n, "invalid value for --admin: '%s' (not an IP address)", spec), -1;
    }
    if ((adm.fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0
        || setsockopt(adm.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
        || bind(adm.fd, (struct sockaddr *)&ss, sl) < 0 || listen(adm.fd, 64) < 0
        || getsockname(adm.fd, (struct sockaddr *)&ss, &sl) < 0 || pipe(adm.stop_pipe) < 0)
        return snprintf(err, n, "--admin %s: %s", spec, strerror(errno)), -2;
    adm.port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port : ((struct sockaddr_in6 *)&ss)->sin6_port);
    return 0;
}

/* Serve the admin listener for srv (started). */
static void admin_start(statico_server *srv, const statico_config *cfg)
{
    adm.srv = srv;
    adm.cfg = cfg;
    if (pthread_create(&adm.thread, NULL, admin_main, NULL) == 0) adm.started = 1;
}

/* No more admin requests: the acceptor stops, the connections being served
 * finish (a wait ends once the server is halted). */
static void admin_stop(void)
{
    if (!adm.opened) return;
    if (adm.started) {
        if (write(adm.stop_pipe[1], "x", 1) < 0) {}
        pthread_join(adm.thread, NULL);
        adm.started = 0;
    }
    pthread_mutex_lock(&adm.lock);
    while (adm.active) pthread_cond_wait(&adm.idle, &adm.lock);
    pthread_mutex_unlock(&adm.lock);
    if (adm.fd >= 0) close(adm.fd);
    if (adm.stop_pipe[0] >= 0) close(adm.stop_pipe[0]);
    if (adm.stop_pipe[1] >= 0) close(adm.stop_pipe[1]);
    adm.fd = adm.stop_pipe[0] = adm.stop_pipe[1] = -1;
    adm.opened = 0;
}
