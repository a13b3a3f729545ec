/* fuzz_parser.c - libFuzzer target for the statico.h parser and chunked decoder.
 *
 *   clang -O1 -g -march=native -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *       tests/fuzz_parser.c -o build/fuzz/fuzz-parser
 *   build/fuzz/fuzz-parser -max_len=4096 -max_total_time=60 build/fuzz/corpus   (a copy of tests/fuzz_corpus)
 *
 * (bash tests/run does this.) For every input it checks, and __builtin_trap()s
 * on the first failure after a line on stderr:
 *   - differential: statico_parse_request() (SIMD kernels) and
 *     statico__parse_request_plain() (plain-C twins) give the same result and
 *     the same outputs, with default limits and with small limits taken from
 *     the last byte (to reach the 414/431 paths), at every SIMD level the
 *     build and the CPU have (statico_simd_force(): a plain x86-64 build
 *     runs AVX-512 VBMI, AVX2 and SSE2 in turn; a -march build its one);
 *   - invariants of a parsed head: every span lies inside the consumed head,
 *     the head ends with CRLF, the O(1) index agrees with a linear search;
 *   - resume: the input fed as a prefix (cut where the first byte says, in a
 *     buffer of its own) and then whole gives the one-shot result (with
 *     -DFUZZ_LATE_ERRORS a resumed parse may instead wait for the end of the
 *     line that holds the error; see compare_resumed());
 *   - chunked: statico_chunked_decode() over the input (and over the bytes
 *     after a parsed head) fed in pieces gives the same data, done flag,
 *     consumed count and error as fed whole.
 * Every buffer is malloc'd at exactly its length, so ASan catches over-reads.
 * To rerun a finding: build/fuzz/fuzz-parser build/fuzz/artifacts/crash-...
 */
#define STATICO_IMPLEMENTATION
#define STATICO_TESTING /* the plain-C parser entry and the engine hooks */
#include "../statico.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAIL(...)                                                                                                      \
    do {                                                                                                               \
        fprintf(stderr, "fuzz_parser: " __VA_ARGS__);                                                                  \
        fputc('\n', stderr);                                                                                           \
        __builtin_trap();                                                                                              \
    } while (0)

typedef int (*parse_fn)(statico_request *, const char *, size_t);

/* The SIMD levels this build and CPU run, found once; "none" alone when
 * the build has no SIMD (its statico_parse_request is plain C). */
static const char *levels[4];
static size_t n_levels;
static void find_levels(void)
{
    static const char *const all[] = {"avx512", "avx2", "sse2", "neon"};
    size_t i;
    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        if (statico_simd_force(all[i]) == 0) levels[n_levels++] = all[i];
    if (!n_levels) levels[n_levels++] = "none";
}

static int span_eq(statico_span a, statico_span b)
{
    return a.off == b.off && a.len == b.len;
}

/* Same return value and, on success, the same outputs; on -1 the same status. */
static void compare(const char *what, int ra, const statico_request *a, int rb, const statico_request *b)
{
    unsigned i;
    if (ra != rb) FAIL("%s: returned %d vs %d (status %u vs %u)", what, ra, rb, a->status, b->status);
    if (ra == -1 && a->status != b->status) FAIL("%s: status %u vs %u", what, a->status, b->status);
    if (ra <= 0) return;
    if (!span_eq(a->method, b->method)) FAIL("%s: method span", what);
    if (!span_eq(a->target, b->target)) FAIL("%s: target span", what);
    if (!span_eq(a->path, b->path)) FAIL("%s: path span", what);
    if (!span_eq(a->query, b->query)) FAIL("%s: query span", what);
    if (a->method_id != b->method_id) FAIL("%s: method_id %u vs %u", what, a->method_id, b->method_id);
    if (a->version != b->version) FAIL("%s: version %u vs %u", what, a->version, b->version);
    if (a->flags != b->flags) FAIL("%s: flags %#x vs %#x", what, (unsigned)a->flags, (unsigned)b->flags);
    if (a->content_length != b->content_length) FAIL("%s: content_length", what);
    if (a->header_count != b->header_count) FAIL("%s: header_count %u vs %u", what, a->header_count, b->header_count);
    for (i = 0; i < a->header_count && i < STATICO_MAX_HEADERS; i++)
        if (!span_eq(a->headers[i].name, b->headers[i].name) || !span_eq(a->headers[i].value, b->headers[i].value))
            FAIL("%s: header %u spans", what, i);
    if (memcmp(a->index, b->index, sizeof a->index) != 0) FAIL("%s: index[]", what);
}

static void span_inside(const char *what, statico_span s, unsigned lo, unsigned hi)
{
    if (s.off < lo || (unsigned)s.off + s.len > hi) FAIL("%s span [%u, +%u) outside [%u, %u)", what, s.off, s.len, lo, hi);
}

static void invariants(const statico_request *r, int n, const char *buf, size_t len)
{
    unsigned i, hn = (unsigned)n;
    if (n == -1) {
        if (r->status != 400 && r->status != 414 && r->status != 431 && r->status != 501 && r->status != 505)
            FAIL("status %u on -1", r->status);
        return;
    }
    if (n == -2) return;
    if (n <= 0 || (size_t)n > len) FAIL("returned %d for %zu bytes", n, len);
    if (n < 4 || buf[n - 2] != '\r' || buf[n - 1] != '\n') FAIL("head of %d bytes does not end in CRLF", n);
    if (r->method.len == 0 || r->target.len == 0) FAIL("empty method or target");
    span_inside("method", r->method, 0, hn);
    span_inside("target", r->target, 0, hn);
    /* an empty path or query may sit anywhere in the head */
    span_inside("path", r->path, r->path.len ? r->target.off : 0, r->path.len ? (unsigned)r->target.off + r->target.len : hn);
    span_inside("query", r->query, r->query.len ? r->target.off : 0, r->query.len ? (unsigned)r->target.off + r->target.len : hn);
    if ((r->flags & STATICO_REQ_QUERY) && (r->query.off == 0 || buf[r->query.off - 1] != '?'))
        FAIL("query does not follow a '?'");
    if (r->version != 10 && r->version != 11) FAIL("version %u", r->version);
    if (r->method_id >= STATICO_METHOD__COUNT) FAIL("method_id %u", r->method_id);
    if (r->method_id != STATICO_METHOD_OTHER) {
        const char *m = statico_method_name(r->method_id);
        if (strlen(m) != r->method.len || memcmp(m, buf + r->method.off, r->method.len) != 0)
            FAIL("method_id %u does not name the method", r->method_id);
    }
    if ((r->flags & STATICO_REQ_CHUNKED) && (r->flags & STATICO_REQ_CONTENT_LENGTH)) FAIL("chunked and content-length");
    if ((r->flags & STATICO_REQ_KEEP_ALIVE) && (r->flags & STATICO_REQ_CLOSE)) FAIL("keep-alive and close");
    if (r->header_count > STATICO_MAX_HEADERS) FAIL("header_count %u", r->header_count);
    for (i = 0; i < r->header_count; i++) {
        if (r->headers[i].name.len == 0) FAIL("header %u has an empty name", i);
        span_inside("header name", r->headers[i].name, 0, hn);
        span_inside("header value", r->headers[i].value, 0, hn);
    }
    for (i = 0; i < STATICO_HDR__COUNT; i++) {
        const char *name = statico_header_name((int)i);
        if (r->index[i] > r->header_count) FAIL("index[%u] = %u > %u headers", i, r->index[i], r->header_count);
        if (statico_request_get(r, (int)i) != statico_request_find(r, buf, name, strlen(name)))
            FAIL("index[%u] (%s) disagrees with statico_request_find()", i, name);
    }
}

/* One-shot parse on a fresh request with the given limits. */
static int parse_once(parse_fn fn, statico_request *r, const char *buf, size_t len, uint32_t max_head, uint32_t max_target)
{
    memset(r, 0, sizeof *r);
    r->max_head = max_head;
    r->max_target = max_target;
    return fn(r, buf, len);
}

/* The first `cut` bytes in a buffer of their own, then the whole input. */
static int parse_resumed(parse_fn fn, statico_request *r, const char *buf, size_t len, size_t cut, uint32_t max_head,
                         uint32_t max_target)
{
    char *prefix = (char *)malloc(cut ? cut : 1);
    int n;
    memset(r, 0, sizeof *r);
    r->max_head = max_head;
    r->max_target = max_target;
    if (!prefix) abort();
    memcpy(prefix, buf, cut);
    n = fn(r, prefix, cut);
    free(prefix);
    if (n == -2) n = fn(r, buf, len);
    return n;
}

/* The resumed request r (which returned -2 where one-shot returned -1) given
 * the input plus a CRLF, which ends the line it waits on. */
static int parse_resumed_crlf(parse_fn fn, statico_request *r, const char *buf, size_t len)
{
    char *more = (char *)malloc(len + 2);
    int n;
    if (!more) abort();
    memcpy(more, buf, len);
    memcpy(more + len, "\r\n", 2);
    n = fn(r, more, len + 2);
    free(more);
    return n;
}

/* Resumed vs one-shot. With FUZZ_LATE_ERRORS a resumed parse may report an
 * error in a line only once the line is complete (the manual: after -2 the
 * parser "scans only new bytes until that line is complete"): -2 where
 * one-shot says -1 passes if a CRLF more then gives the same -1. Without it
 * (the default) the results must be equal. */
static void compare_resumed(const char *what, parse_fn fn, int ra, const statico_request *a, int rb, statico_request *b,
                            const char *buf, size_t len)
{
#ifdef FUZZ_LATE_ERRORS
    if (ra == -1 && rb == -2) {
        rb = parse_resumed_crlf(fn, b, buf, len);
        if (rb == -1 && b->status == a->status) return;
    }
#else
    (void)fn, (void)buf, (void)len, (void)parse_resumed_crlf;
#endif
    compare(what, ra, a, rb, b);
}

typedef struct decoded {
    char *data; /* concatenated chunk data */
    size_t data_len;
    size_t consumed; /* bytes consumed until done, error or the end of input */
    int done, error;
    unsigned status;
    uint64_t body_bytes;
} decoded;

static void append(decoded *d, const char *p, size_t n)
{
    memcpy(d->data + d->data_len, p, n);
    d->data_len += n;
}

/* Feed buf[0, len) to the decoder whole (seed 0) or in pieces of 1..97 bytes
 * drawn from seed, each piece in a malloc'd buffer of exactly its size. */
static void decode(decoded *out, const char *buf, size_t len, uint32_t seed)
{
    statico_chunked c;
    size_t pos = 0;
    memset(&c, 0, sizeof c);
    memset(out, 0, sizeof *out);
    out->data = (char *)malloc(len ? len : 1);
    if (!out->data) abort();
    while (pos < len && !out->done && !out->error) {
        size_t plen = len - pos, used = 0;
        char *piece;
        if (seed) {
            seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
            plen = 1 + (seed % 4 == 0 ? seed % 97 : seed % 7);
            if (plen > len - pos) plen = len - pos;
        }
        piece = (char *)malloc(plen);
        if (!piece) abort();
        memcpy(piece, buf + pos, plen);
        while (used < plen) {
            statico_chunk_data d;
            ptrdiff_t n = statico_chunked_decode(&c, piece + used, plen - used, &d);
            if (n < 0) {
                if (c.status != 400 && c.status != 431) FAIL("chunked: status %u on -1", c.status);
                out->error = 1;
                out->status = c.status;
                break;
            }
            if ((size_t)n > plen - used) FAIL("chunked: consumed %td of %zu bytes", n, plen - used);
            if (d.len && (d.off > (size_t)n || d.len > (size_t)n - d.off))
                FAIL("chunked: data [%zu, +%zu) outside the %td bytes consumed", d.off, d.len, n);
            if (d.len) append(out, piece + used + d.off, d.len);
            used += (size_t)n;
            if (c.done) {
                out->done = 1;
                break;
            }
            if (n == 0) FAIL("chunked: consumed nothing of %zu bytes without being done", plen - used);
        }
        pos += used;
        free(piece);
    }
    out->consumed = pos;
    out->body_bytes = c.body_bytes;
    if (c.body_bytes != out->data_len) FAIL("chunked: body_bytes %llu, %zu bytes of data", (unsigned long long)c.body_bytes, out->data_len);
}

static void check_chunked(const char *buf, size_t len, uint32_t seed)
{
    decoded whole, pieces;
    decode(&whole, buf, len, 0);
    decode(&pieces, buf, len, seed | 1);
    if (whole.error != pieces.error || whole.status != pieces.status)
        FAIL("chunked: error %d/%u whole vs %d/%u in pieces", whole.error, whole.status, pieces.error, pieces.status);
    if (whole.done != pieces.done) FAIL("chunked: done %d whole vs %d in pieces", whole.done, pieces.done);
    if (!whole.error && whole.consumed != pieces.consumed)
        FAIL("chunked: consumed %zu whole vs %zu in pieces", whole.consumed, pieces.consumed);
    if (whole.data_len != pieces.data_len || memcmp(whole.data, pieces.data, whole.data_len) != 0)
        FAIL("chunked: data differs (%zu vs %zu bytes)", whole.data_len, pieces.data_len);
    free(whole.data);
    free(pieces.data);
}

/* One SIMD level against the plain-C results p (np, default limits) and
 * ps (nps, small limits), one-shot and resumed. */
static void check_level(const char *level, const char *buf, size_t size, size_t cut, int np, const statico_request *p,
                        int nps, const statico_request *ps, uint32_t small_head, uint32_t small_target)
{
    static statico_request a, b; /* 600 bytes each; static keeps the frame small */
    char what[80];
    int na, nb;
    if (statico_simd_force(level) != 0) FAIL("level %s went away", level);

    na = parse_once(statico_parse_request, &a, buf, size, 0, 0);
    invariants(&a, na, buf, size);
    snprintf(what, sizeof what, "simd %s vs plain", level);
    compare(what, na, &a, np, p);
    nb = parse_resumed(statico_parse_request, &b, buf, size, cut, 0, 0);
    snprintf(what, sizeof what, "one-shot vs resumed (simd %s)", level);
    compare_resumed(what, statico_parse_request, na, &a, nb, &b, buf, size);

    na = parse_once(statico_parse_request, &a, buf, size, small_head, small_target);
    invariants(&a, na, buf, size);
    if (na > 0 && (uint32_t)na > small_head) FAIL("head of %d bytes over max_head %u", na, small_head);
    if (na > 0 && a.target.len > small_target) FAIL("target of %u bytes over max_target %u", a.target.len, small_target);
    snprintf(what, sizeof what, "simd %s vs plain, small limits", level);
    compare(what, na, &a, nps, ps);
    nb = parse_resumed(statico_parse_request, &b, buf, size, cut, small_head, small_target);
    snprintf(what, sizeof what, "one-shot vs resumed, small limits (simd %s)", level);
    compare_resumed(what, statico_parse_request, na, &a, nb, &b, buf, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static statico_request p, ps, r; /* 600 bytes each; static keeps the frame small */
    char *buf;
    int np, nps, nr;
    size_t cut, i;
    uint8_t first, last;
    uint32_t small_head, small_target;

    if (size == 0 || size > 65536) return 0;
    if (!n_levels) find_levels();
    buf = (char *)malloc(size);
    if (!buf) abort();
    memcpy(buf, data, size);
    first = data[0];
    last = data[size - 1];
    /* a resumed parse's prefix, cut where the first byte says (scrambled so
     * that the few bytes a request can start with still reach every part) */
    cut = (size_t)(((uint32_t)(uint8_t)(first * 167u + 13u) * (size + 1)) >> 8);
    /* small limits (64..1087 head, 1..256 target): the 414/431 paths */
    small_head = 64 + ((uint32_t)last << 2);
    small_target = 1 + (uint32_t)(uint8_t)(last * 73u);

    /* plain C: default and small limits, and resumed */
    np = parse_once(statico__parse_request_plain, &p, buf, size, 0, 0);
    invariants(&p, np, buf, size);
    nps = parse_once(statico__parse_request_plain, &ps, buf, size, small_head, small_target);
    invariants(&ps, nps, buf, size);
    nr = parse_resumed(statico__parse_request_plain, &r, buf, size, cut, 0, 0);
    compare_resumed("one-shot vs resumed (plain)", statico__parse_request_plain, np, &p, nr, &r, buf, size);

    /* every SIMD level against them */
    for (i = 0; i < n_levels; i++) check_level(levels[i], buf, size, cut, np, &p, nps, &ps, small_head, small_target);

    /* body bytes after a parsed head, then the whole input, as chunked */
    if (np > 0 && (size_t)np < size) check_chunked(buf + np, size - (size_t)np, first);
    check_chunked(buf, size, (uint32_t)last << 8 | first);

    free(buf);
    return 0;
}

#ifdef FUZZ_REPLAY_MAIN
/* Without libFuzzer (a cross build run under an emulator, say): every FILE
 * given, or every file of a DIR given, through the checks once. */
#include <dirent.h>

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    static uint8_t data[65536];
    size_t n;
    if (!f) return 0;
    n = fread(data, 1, sizeof data, f);
    fclose(f);
    LLVMFuzzerTestOneInput(data, n);
    return 1;
}

int main(int argc, char **argv)
{
    long files = 0;
    int i;
    for (i = 1; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        struct dirent *e;
        char path[4096];
        if (!d) {
            files += replay_file(argv[i]);
            continue;
        }
        while ((e = readdir(d)))
            if (e->d_name[0] != '.' && snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name) < (int)sizeof path)
                files += replay_file(path);
        closedir(d);
    }
    printf("%ld inputs replayed\n", files);
    return files ? 0 : 1;
}
#endif
