/* fuzz_h2.c - libFuzzer target for statico.h's HTTP/2 (h2c): the frame
 * layer on the engine, the HPACK decoder and the Huffman code.
 *
 *   clang -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
 *       tests/fuzz_h2.c -o build/fuzz/fuzz-h2 -lpthread
 *   mkdir -p build/fuzz/h2-corpus
 *   build/fuzz/fuzz-h2 -max_len=4096 -max_total_time=120 build/fuzz/h2-corpus tests/fuzz_h2_corpus
 *       (new inputs go to the first dir; -dict=FILE with frame headers such as
 *       "\x00\x00\x04\x08\x00\x00\x00\x00\x01" and HPACK bytes helps; -fork=2
 *       -ignore_crashes=1 goes on past a known finding)
 *
 * An input is
 *   byte 0   the server (low bits, % 5): plain; delay_us 1000; max_body 100
 *            (max_head 600, max_target 32);
 *            verbose 2 to a log that discards; verbose 4 with a body delay
 *            and jittered delays. Bits 3-4 == 3: the connection starts with
 *            an HTTP/1.1 "Upgrade: h2c" request before the preface.
 *            Bits 5-7: how many cuts split what the connection is fed.
 *   byte 1   the length of the codec slice at the end of the input (x 8).
 *   byte 2   a seed: where the cuts fall, how far the clock moves between
 *            pieces (and before EOF), which HTTP2-Settings an upgrade
 *            sends, a preface now and then wrong in one byte after its
 *            16th, where the codec slice is split in two blocks.
 *   the rest the client's bytes after its preface (frames), then the codec
 *            slice (two HPACK blocks, and Huffman input, checked on their
 *            own, without a server).
 * Each server is made once (statico__engine_new) and kept; per input the
 * virtual connection is reopened, the counts, sequences and journal reset
 * (so an input always meets the same state), then the preface and the
 * input are fed in pieces with statico__engine_advance between them, a
 * few ms more, EOF and a few ms more. Then every check below __builtin_trap()s
 * on failure after a line on stderr:
 *   - the server's output is whole frames (after a 101 when upgraded):
 *     SETTINGS first; no HEADERS/DATA on stream 0, on an even stream, before
 *     the stream's HEADERS, or after its END_STREAM or RST_STREAM; a header
 *     block's CONTINUATIONs right after it; frames no larger than the
 *     client allowed; DATA within the windows the client gave (the
 *     connection's and each stream's, as bounded by every WINDOW_UPDATE and
 *     SETTINGS_INITIAL_WINDOW_SIZE in the input); nothing after a GOAWAY
 *     with an error; a GOAWAY's last stream id never grows, and no response
 *     starts on a stream above it;
 *   - the journal's HTTP/2 exchanges have version 20 and a "... HTTP/2" line;
 *   - HPACK (statico__hpack_decode_test): two blocks against one table; the
 *     table's size within 4096; when both blocks and their concatenation
 *     decode (and the second does not start with a size update) the text is
 *     the same;
 *   - Huffman (statico__huff_decode_test), on the codec slice and each
 *     block: the output (in a buffer of exactly n * 8 / 5 + 1 bytes) within
 *     it; a successful decode re-encodes to the same bytes (the code is
 *     prefix-free and the padding canonical) and re-decodes to the same
 *     text; any bytes encoded decode back to themselves.
 * Every buffer is malloc'd at exactly its length, so ASan catches over-reads.
 * To rerun a finding: build/fuzz/fuzz-h2 build/fuzz/artifacts/crash-...
 * -DFUZZ_REPLAY_MAIN: a main() that replays files or directories without
 * libFuzzer; -DFUZZ_H2_DEBUG: each server frame on stderr, one a line;
 */
#define STATICO_IMPLEMENTATION
#define STATICO_TESTING /* the engine and HPACK hooks */
#include "../statico.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAIL(...)                                                                                                      \
    do {                                                                                                               \
        fprintf(stderr, "fuzz_h2: " __VA_ARGS__);                                                                      \
        fputc('\n', stderr);                                                                                           \
        __builtin_trap();                                                                                              \
    } while (0)

#define PREFACE "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
/* an HTTP/1.1 request asking for h2c, with HTTP2-Settings (base64url SETTINGS) */
#define UPGRADE "GET /u HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: %s\r\n\r\n"
static const char *const upgrade_settings[4] = {
    "AAMAAABkAAQAAP__", /* MAX_CONCURRENT_STREAMS 100, INITIAL_WINDOW_SIZE 65535 */
    "AAQAAAAA",         /* INITIAL_WINDOW_SIZE 0: stream 1's response waits for a WINDOW_UPDATE */
    "AAIAAAAC",         /* ENABLE_PUSH 2: PROTOCOL_ERROR */
    "AAM!"};            /* not base64url */
#define VARIANTS 5

/* ---- the servers ---- */
#define BIG_BODY 70000 /* over the initial 65535 windows: a stream waits for WINDOW_UPDATE */
#define BIG_HEADER 20000 /* a response header block over a frame: CONTINUATION */
static char big_body[BIG_BODY];
static char big_header[BIG_HEADER + 8];
static const unsigned char raw_frame[] = {0, 0, 4, 0xfa, 0, 0, 0, 0, 0, 'r', 'a', 'w', '!'}; /* an unknown type */
static const char *const hdr_plain[] = {"Content-Type: text/plain", "X-Test: a", "Connection: close"};
static const char *const hdr_big[] = {big_header};
static const char *const q_mc[] = {"a=1*"};
static const char *const h_mc[] = {"X-K: 1"};
static statico_step steps_f[4], steps_p[3], steps_end[2];
static statico_route routes[10];
static char kilo[1001];
static statico_server *servers[VARIANTS];

static void discard_log(void *user, const char *message)
{
    (void)user, (void)message;
}

static statico_response body_response(int status, const char *body)
{
    statico_response r;
    memset(&r, 0, sizeof r);
    r.status = status;
    r.body = body;
    r.body_len = body ? strlen(body) : 0;
    return r;
}

static void make_routes(void)
{
    static const char text[] = "0123456789abcdefghij";
    statico_route *r = routes;
    memset(big_body, 'b', sizeof big_body);
    memcpy(big_header, "X-Big: ", 7);
    memset(big_header + 7, 'h', BIG_HEADER);
    big_header[7 + BIG_HEADER] = 0;
    memset(routes, 0, sizeof routes);
    memset(steps_f, 0, sizeof steps_f);
    memset(steps_p, 0, sizeof steps_p);
    /* 0: plain, with headers HTTP/2 keeps and one it drops */
    r[0].method = "GET";
    r[0].path = "/";
    r[0].response = body_response(200, "hello, h2");
    r[0].response.headers = hdr_plain;
    r[0].response.header_count = 3;
    r[0].name = "plain";
    /* 1: a body condition (exact) */
    r[1].method = "POST";
    r[1].path = "/m";
    r[1].response = body_response(201, "matched");
    r[1].match.body = "hello";
    r[1].match.body_len = 5;
    /* 2: a body condition (contains), with a query and a header condition */
    r[2].path = "/mc";
    r[2].response = body_response(202, "");
    r[2].match.body = "xyz";
    r[2].match.body_len = 3;
    r[2].match.body_contains = 1;
    r[2].match.query = q_mc;
    r[2].match.query_count = 1;
    r[2].match.headers = h_mc;
    r[2].match.header_count = 1;
    /* 3: steps with faults: reset, stall, truncate=5, then a response */
    steps_f[0].response = body_response(200, text);
    steps_f[0].times = 1;
    steps_f[0].fault.kind = STATICO_FAULT_RESET;
    steps_f[1].response = body_response(200, text);
    steps_f[1].times = 1;
    steps_f[1].fault.kind = STATICO_FAULT_STALL;
    steps_f[2].response = body_response(200, text);
    steps_f[2].times = 1;
    steps_f[2].fault.kind = STATICO_FAULT_TRUNCATE;
    steps_f[2].fault.bytes = 5;
    steps_f[3].response = body_response(200, text);
    r[3].path = "/f";
    r[3].steps = steps_f;
    r[3].step_count = 4;
    /* 4: paced faults: dribble, rate, then a body over the windows */
    steps_p[0].response = body_response(200, text);
    steps_p[0].times = 1;
    steps_p[0].fault.kind = STATICO_FAULT_DRIBBLE;
    steps_p[0].fault.bytes = 7;
    steps_p[0].fault.every_us = 1000;
    steps_p[1].response = body_response(200, text);
    steps_p[1].times = 1;
    steps_p[1].fault.kind = STATICO_FAULT_RATE;
    steps_p[1].fault.bytes = 4000;
    steps_p[2].response.body = big_body;
    steps_p[2].response.body_len = BIG_BODY;
    r[4].path = "/p/**";
    r[4].steps = steps_p;
    r[4].step_count = 3;
    /* 5: a body over the windows */
    r[5].path = "/big";
    r[5].response.body = big_body;
    r[5].response.body_len = BIG_BODY;
    /* 6: a header block over a frame */
    r[6].path = "/h";
    r[6].response = body_response(200, "h");
    r[6].response.headers = hdr_big;
    r[6].response.header_count = 1;
    /* 7, 8: the ending faults, each a route of its own (a connection sees one of them) */
    r[7].path = "/raw";
    r[7].steps = &steps_end[0];
    r[7].step_count = 1;
    r[8].path = "/close";
    r[8].steps = &steps_end[1];
    r[8].step_count = 1;
    steps_end[0].response = body_response(200, text);
    steps_end[0].fault.kind = STATICO_FAULT_RAW;
    steps_end[0].fault.raw = raw_frame;
    steps_end[0].fault.raw_len = sizeof raw_frame;
    steps_end[1].response = body_response(200, text);
    steps_end[1].fault.kind = STATICO_FAULT_CLOSE;
    /* 9: a body copied next to its frame header (up to 1024 bytes): many of them fill the batch's scratch */
    memset(kilo, 'k', 1000);
    r[9].path = "/k";
    r[9].response = body_response(200, kilo);
}

static statico_server *server(int variant)
{
    statico_config c;
    char err[256] = "";
    if (servers[variant]) return servers[variant];
    if (!routes[0].path) make_routes();
    memset(&c, 0, sizeof c);
    c.routes = routes;
    c.route_count = sizeof routes / sizeof routes[0];
    c.response = body_response(404, "no route");
    c.journal_size = 16;
    c.journal_bytes = 256;
    c.header_timeout_ms = 20;
    c.body_timeout_ms = 20;
    c.idle_timeout_ms = 40;
    c.seed = 1;
    switch (variant) {
    case 1: c.delay_us = 1000; break;
    case 2: /* small limits: 413, 414, 431 */
        c.max_body = 100;
        c.max_head = 600;
        c.max_target = 32;
        break;
    case 3:
        c.verbose = 2;
        c.log = discard_log;
        break;
    case 4:
        c.verbose = 4;
        c.log = discard_log;
        c.delay_us = 500;
        c.delay_max_us = 3000;
        c.body_delay_us = 1000;
        break;
    default: break;
    }
    if (!(servers[variant] = statico__engine_new(&c, err, sizeof err))) FAIL("statico__engine_new: %s", err);
    return servers[variant];
}

static void free_servers(void)
{
    int i;
    for (i = 0; i < VARIANTS; i++)
        if (servers[i]) {
            statico__engine_free(servers[i]);
            servers[i] = NULL;
        }
}

/* ---- what the client's bytes allow the server: frame size, windows ---- */
#define MAX_IDS 1024
typedef struct allow {
    uint64_t max_frame, max_init, conn_inc;
    uint32_t n;
    uint32_t id[MAX_IDS];
    uint64_t inc[MAX_IDS];
} allow;

static uint32_t be24(const uint8_t *p)
{
    return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t *allow_inc(allow *a, uint32_t id)
{
    uint32_t i;
    for (i = 0; i < a->n; i++)
        if (a->id[i] == id) return &a->inc[i];
    if (a->n == MAX_IDS) return NULL;
    a->id[a->n] = id;
    a->inc[a->n] = 0;
    return &a->inc[a->n++];
}

/* Upper bounds: every SETTINGS and WINDOW_UPDATE of the client's frames
 * counted, as if the server took them all (it may stop earlier). */
static void client_allows(allow *a, const uint8_t *p, size_t n)
{
    size_t at = 0;
    memset(a, 0, offsetof(allow, id));
    a->max_frame = 16384;
    a->max_init = 65535;
    while (n - at >= 9) {
        uint32_t len = be24(p + at), id = be32(p + at + 5) & 0x7fffffffu, k;
        int type = p[at + 3], flags = p[at + 4];
        const uint8_t *pl = p + at + 9;
        if (len > 16384 || len > n - at - 9) break;
        if (type == 4 && !(flags & 1) && !id && len % 6 == 0)
            for (k = 0; k < len; k += 6) {
                uint32_t key = (uint32_t)pl[k] << 8 | pl[k + 1], v = be32(pl + k + 2);
                if (key == 4 && v <= 0x7fffffffu && v > a->max_init) a->max_init = v;
                if (key == 5 && v >= 16384 && v <= 16777215 && v > a->max_frame) a->max_frame = v;
            }
        if (type == 8 && len == 4) {
            uint32_t inc = be32(pl) & 0x7fffffffu;
            uint64_t *s;
            if (!id) a->conn_inc += inc;
            else if ((s = allow_inc(a, id)) != NULL) *s += inc;
        }
        at += 9 + len;
    }
}

/* ---- the server's output, checked ---- */
typedef struct stream_out {
    uint32_t id;
    int headers, closed;
    uint64_t data;
} stream_out;

static stream_out *stream_of(stream_out *st, uint32_t *n, uint32_t id)
{
    uint32_t i;
    for (i = 0; i < *n; i++)
        if (st[i].id == id) return &st[i];
    if (*n == MAX_IDS) return NULL;
    memset(&st[*n], 0, sizeof st[*n]);
    st[*n].id = id;
    return &st[(*n)++];
}

static void check_output(const char *out, size_t len, const allow *a, int upgraded)
{
    static stream_out st[MAX_IDS];
    uint32_t ns = 0, cont = 0, goaway_last = 0x7fffffffu;
    int goaway_err = 0, first = 1, goaway = 0;
    uint64_t conn_data = 0;
    const uint8_t *p = (const uint8_t *)out;
    size_t at = 0;
    if (!len) return;
    if (len >= 5 && !memcmp(out, "HTTP/", 5)) {
        const char *e;
        if (!upgraded || len < 12 || memcmp(out, "HTTP/1.1 101", 12)) return; /* answered in HTTP/1.1 */
        for (e = out; e + 4 <= out + len && memcmp(e, "\r\n\r\n", 4); e++) {}
        if (e + 4 > out + len) FAIL("a 101 without the end of its head");
        at = (size_t)(e + 4 - out);
    }
    while (at < len) {
        uint32_t flen, id;
        int type, flags;
        stream_out *s;
        if (len - at < 9) FAIL("%zu bytes of a frame header at the end of the output", len - at);
        flen = be24(p + at);
        type = p[at + 3];
        flags = p[at + 4];
        id = be32(p + at + 5) & 0x7fffffffu;
        if (flen > len - at - 9) FAIL("frame type %d of %u bytes, %zu left in the output", type, flen, len - at - 9);
#ifdef FUZZ_H2_DEBUG /* the server's frames, one a line */
        fprintf(stderr, "  < type %d flags %#04x stream %u len %u", type, flags, id, flen);
        if (type == 3 || type == 7) fprintf(stderr, " code %u", be32(p + at + 9 + (type == 7 ? 4 : 0)));
        if (type == 7) fprintf(stderr, " last %u", be32(p + at + 9) & 0x7fffffffu);
        if (type == 0 && flen) fprintf(stderr, " \"%.*s\"", flen < 24 ? (int)flen : 24, out + at + 9);
        fputc('\n', stderr);
#endif
        if (first && (type != 4 || (flags & 1) || id)) FAIL("the first frame is type %d flags %#x on %u, not SETTINGS", type, flags, id);
        first = 0;
        if (goaway_err) FAIL("frame type %d on %u after a GOAWAY with an error", type, id);
        if (flen > a->max_frame) FAIL("frame type %d of %u bytes, over the client's %llu", type, flen, (unsigned long long)a->max_frame);
        if (cont && (type != 9 || id != cont)) FAIL("frame type %d on %u inside the header block of stream %u", type, id, cont);
        switch (type) {
        case 0: /* DATA */
        case 1: /* HEADERS */
        case 9: /* CONTINUATION */
            if (!id || !(id & 1)) FAIL("frame type %d on stream %u", type, id);
            if (type == 9 && cont != id) FAIL("CONTINUATION on %u without HEADERS before it", id);
            if (!(s = stream_of(st, &ns, id))) break;
            if (type == 1) {
                if (s->headers) FAIL("a second HEADERS on stream %u", id);
                if (s->closed) FAIL("HEADERS on stream %u after its end", id);
                if (goaway && id > goaway_last) FAIL("HEADERS on stream %u above GOAWAY's last stream %u", id, goaway_last);
                s->headers = 1;
            }
            if (type == 0) {
                if (!s->headers) FAIL("DATA on stream %u before its HEADERS", id);
                if (s->closed) FAIL("DATA on stream %u after its end", id);
                if (cont) FAIL("DATA on stream %u inside a header block", id);
                s->data += flen;
                conn_data += flen;
                if (conn_data > 65535 + a->conn_inc)
                    FAIL("%llu DATA bytes, over the connection window of at most %llu", (unsigned long long)conn_data,
                         (unsigned long long)(65535 + a->conn_inc));
                {
                    uint64_t inc = 0;
                    uint32_t i;
                    for (i = 0; i < a->n; i++)
                        if (a->id[i] == id) inc = a->inc[i];
                    if (s->data > a->max_init + inc)
                        FAIL("%llu DATA bytes on stream %u, over its window of at most %llu", (unsigned long long)s->data, id,
                             (unsigned long long)(a->max_init + inc));
                }
            }
            if (type != 9 && (flags & 1)) s->closed = 1;
            if (type != 0) cont = (flags & 4) ? 0 : id;
            if (type == 9 && (flags & 4) && s->closed == 0) {} /* END_STREAM was on the HEADERS */
            break;
        case 3: /* RST_STREAM */
            if (!id || flen != 4) FAIL("RST_STREAM on %u of %u bytes", id, flen);
            if ((s = stream_of(st, &ns, id)) != NULL) s->closed = 1;
            break;
        case 4: /* SETTINGS */
            if (id || flen % 6 || ((flags & 1) && flen)) FAIL("SETTINGS on %u of %u bytes, flags %#x", id, flen, flags);
            break;
        case 6: /* PING */
            if (id || flen != 8 || !(flags & 1)) FAIL("PING on %u of %u bytes, flags %#x", id, flen, flags);
            break;
        case 7: { /* GOAWAY */
            uint32_t last, code;
            if (id || flen != 8) FAIL("GOAWAY on %u of %u bytes", id, flen);
            last = be32(p + at + 9) & 0x7fffffffu;
            code = be32(p + at + 13);
            if (goaway && last > goaway_last) FAIL("GOAWAY's last stream id grew from %u to %u", goaway_last, last);
            goaway = 1;
            goaway_last = last;
            if (code) goaway_err = 1;
            break;
        }
        case 8: /* WINDOW_UPDATE */
            if (flen != 4 || !(be32(p + at + 9) & 0x7fffffffu)) FAIL("WINDOW_UPDATE on %u of %u bytes, or 0", id, flen);
            break;
        case 2: /* PRIORITY */
        case 5: /* PUSH_PROMISE */
            FAIL("the server sent frame type %d", type);
        default: break; /* the raw fault's frame */
        }
        at += 9 + flen;
    }
}

static void check_journal(statico_server *s)
{
    static statico_exchange x[16];
    size_t n = statico_server_journal(s, 0, x, 16), i;
    for (i = 0; i < n; i++) {
        if (x[i].head_len && x[i].target_len && x[i].target + x[i].target_len > x[i].head + x[i].head_len)
            FAIL("journal: target outside the head");
        if (x[i].version == 20) {
            const char *h = x[i].head;
            size_t hl = x[i].head_len, k;
            if (hl < x[i].method_len + 1 || memcmp(h, x[i].method, x[i].method_len) || h[x[i].method_len] != ' ')
                FAIL("journal: HTTP/2 head does not start with its method");
            for (k = 0; k + 9 <= hl && memcmp(h + k, " HTTP/2\r\n", 9); k++) {}
            if (!x[i].body_truncated && k + 9 > hl) FAIL("journal: HTTP/2 head without \" HTTP/2\\r\\n\"");
        }
    }
}

/* ---- the connection ---- */
static uint32_t next_rand(uint32_t *r)
{
    uint32_t x = *r;
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    return *r = x;
}

static uint64_t pick_advance(uint32_t *r)
{
    static const uint64_t us[8] = {0, 0, 300, 1000, 1000, 2500, 5000, 50000}; /* the last: past the timeouts */
    return us[next_rand(r) % 8];
}

static void run_connection(int variant, int upgrade, unsigned cuts, uint32_t seed, const uint8_t *in, size_t n)
{
    statico_server *s = server(variant);
    char head[256];
    size_t pre, total, at = 0;
    size_t cut[8];
    unsigned i, k;
    uint32_t r = seed * 2654435761u + 0x9e3779b9u;
    char *buf;
    const char *out;
    size_t out_len;
    allow *a = (allow *)malloc(sizeof *a);
    pre = upgrade ? (size_t)snprintf(head, sizeof head, UPGRADE, upgrade_settings[next_rand(&r) % 4]) : 0;
    total = pre + sizeof PREFACE - 1 + n;
    buf = (char *)malloc(total);
    if (!buf || !a) abort();
    if (upgrade) memcpy(buf, head, pre);
    memcpy(buf + pre, PREFACE, sizeof PREFACE - 1);
    if (next_rand(&r) % 32 == 0) buf[pre + 16 + next_rand(&r) % 8] ^= 0x20; /* a preface wrong after its 16th byte */
    pre += sizeof PREFACE - 1;
    if (n) memcpy(buf + pre, in, n);
    client_allows(a, in, n);

    statico__engine_reopen(s);
    statico_server_reset(s);
    /* cuts: sorted positions in [0, total] */
    for (i = 0; i < cuts; i++) {
        size_t c = (size_t)(next_rand(&r) % (total + 1));
        for (k = i; k > 0 && cut[k - 1] > c; k--) cut[k] = cut[k - 1];
        cut[k] = c;
    }
    for (i = 0; i <= cuts; i++) {
        size_t end = i < cuts ? cut[i] : total;
        if (end > at) {
            char *piece = (char *)malloc(end - at); /* its own buffer, exactly its size */
            if (!piece) abort();
            memcpy(piece, buf + at, end - at);
            statico__engine_input(s, piece, end - at, &out, &out_len);
            free(piece);
            at = end;
        }
        if (i < cuts) statico__engine_advance(s, pick_advance(&r), &out, &out_len);
    }
    for (i = 0; i < 3; i++) statico__engine_advance(s, 1000 + (next_rand(&r) % 2000), &out, &out_len);
    if (next_rand(&r) % 4 == 0) statico__engine_advance(s, 25000, &out, &out_len); /* the body timeout (20 ms) */
    statico__engine_eof(s, &out, &out_len);
    for (i = 0; i < 3; i++) statico__engine_advance(s, 2000, &out, &out_len);
    check_output(out, out_len, a, upgrade);
    check_journal(s);
    statico__engine_reopen(s); /* the connection's memory back now: leaks show per input */
    free(a);
    free(buf);
}

/* ---- HPACK and Huffman ---- */
#define HP_OUT 65536

/* statico__hpack_decode_test's text is NUL-terminated, but a value may hold NULs: out is filled
 * with 0xAA first, and the text ends at the last byte that is not 0xAA (its terminator). */
static size_t text_len(const char *out)
{
    size_t k = HP_OUT;
    while (k && (unsigned char)out[k - 1] == 0xAA) k--;
    if (!k) FAIL("hpack: no terminator in the text");
    return k - 1;
}

static int hpack_decode(void **table, const uint8_t *p, size_t n, char *out, size_t *len, uint32_t *size)
{
    uint8_t *copy = (uint8_t *)malloc(n ? n : 1); /* exactly its size */
    int r;
    if (!copy) abort();
    if (n) memcpy(copy, p, n);
    memset(out, 0xAA, HP_OUT);
    r = statico__hpack_decode_test(table, copy, n, out, HP_OUT, size);
    if (r != 0 && r != -1) FAIL("hpack: returned %d", r);
    if (*size > 4096) FAIL("hpack: table size %u", *size);
    *len = text_len(out);
    free(copy);
    return r;
}

/* Two blocks against one table: their texts one after the other in out
 * (*out_len HP_OUT when too long to compare); 0 when both decode. */
static int hpack_two(const uint8_t *a, size_t an, const uint8_t *b, size_t bn, char *out, size_t *out_len)
{
    void *table = NULL;
    uint32_t size = 0;
    char *o1 = (char *)malloc(HP_OUT), *o2 = (char *)malloc(HP_OUT);
    size_t l1, l2;
    int r1, r2;
    if (!o1 || !o2) abort();
    r1 = hpack_decode(&table, a, an, o1, &l1, &size);
    r2 = hpack_decode(&table, b, bn, o2, &l2, &size);
    statico__hpack_free_test(table);
    *out_len = HP_OUT;
    if (l1 + 1 < HP_OUT && l2 + 1 < HP_OUT && l1 + l2 + 1 < HP_OUT) {
        memcpy(out, o1, l1);
        memcpy(out + l1, o2, l2);
        *out_len = l1 + l2;
    }
    free(o1);
    free(o2);
    return r1 == 0 && r2 == 0 ? 0 : -1;
}

static void check_hpack(const uint8_t *p, size_t n, size_t split)
{
    char *two = (char *)malloc(HP_OUT), *one = (char *)malloc(HP_OUT);
    size_t two_len, one_len;
    void *table = NULL;
    uint32_t size = 0;
    int r_two, r_one;
    if (!two || !one) abort();
    r_two = hpack_two(p, split, p + split, n - split, two, &two_len);
    r_one = hpack_decode(&table, p, n, one, &one_len, &size);
    statico__hpack_free_test(table);
    /* representations do not span blocks, so two blocks decode as their
     * concatenation, unless the second starts with a size update (allowed
     * only at a block's start) */
    if (r_two == 0 && two_len < HP_OUT && one_len + 1 < HP_OUT && !(split < n && (p[split] & 0xe0) == 0x20)) {
        if (r_one != 0) FAIL("hpack: two blocks decode, their concatenation does not (split at %zu of %zu)", split, n);
        if (one_len != two_len || memcmp(one, two, one_len))
            FAIL("hpack: two blocks give %zu bytes of text, their concatenation %zu", two_len, one_len);
    }
    free(two);
    free(one);
}

static void check_huffman(const uint8_t *p, size_t n)
{
    size_t room = n * 8 / 5 + 1, elen, elen2;
    uint8_t *in = (uint8_t *)malloc(n ? n : 1);
    char *dec = (char *)malloc(room), *dec2;
    unsigned char *enc, *enc2;
    ptrdiff_t r, r2;
    if (!in || !dec) abort();
    if (n) memcpy(in, p, n);
    r = statico__huff_decode_test(in, n, dec);
    if (r < -1 || r > (ptrdiff_t)room) FAIL("huffman: decode of %zu bytes returned %td (room %zu)", n, r, room);
    if (r >= 0) {
        /* canonical: the symbols' codes then at most 7 one bits, so encoding gives the input back */
        enc = (unsigned char *)malloc(4 * (size_t)r + 1);
        if (!enc) abort();
        elen = statico__huff_encode_test(dec, (size_t)r, enc);
        if (elen != n || (n && memcmp(enc, in, n))) FAIL("huffman: %zu bytes decode to %td, which encode to %zu other bytes", n, r, elen);
        dec2 = (char *)malloc(elen * 8 / 5 + 1);
        if (!dec2) abort();
        r2 = statico__huff_decode_test(enc, elen, dec2);
        if (r2 != r || (r && memcmp(dec2, dec, (size_t)r))) FAIL("huffman: re-decoding gives %td bytes, not %td", r2, r);
        free(dec2);
        free(enc);
    }
    /* any bytes encode and decode back */
    enc2 = (unsigned char *)malloc(4 * n + 1);
    if (!enc2) abort();
    elen2 = statico__huff_encode_test(in, n, enc2);
    if (elen2 > 4 * n) FAIL("huffman: %zu bytes encode to %zu", n, elen2);
    dec2 = (char *)malloc(elen2 * 8 / 5 + 1);
    if (!dec2) abort();
    r2 = statico__huff_decode_test(enc2, elen2, dec2);
    if (r2 != (ptrdiff_t)n || (n && memcmp(dec2, in, n))) FAIL("huffman: %zu bytes encoded do not decode back (%td)", n, r2);
    free(dec2);
    free(enc2);
    free(dec);
    free(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int once;
    size_t rest, codec, split;
    const uint8_t *conn, *slice;
    if (!once) {
        once = 1;
        atexit(free_servers);
    }
    if (size < 3 || size > 65536) return 0;
    rest = size - 3;
    codec = (size_t)data[1] * 8;
    if (codec > rest) codec = rest;
    conn = data + 3;
    slice = data + 3 + (rest - codec);
    run_connection(data[0] % VARIANTS, ((data[0] >> 3) & 3) == 3, data[0] >> 5, data[2], conn, rest - codec);
    if (codec) {
        split = (size_t)data[2] * (codec + 1) / 256;
        check_hpack(slice, codec, split);
        check_huffman(slice, codec);
        check_huffman(slice, split);
        check_huffman(slice + split, codec - split);
    }
    return 0;
}

#ifdef FUZZ_REPLAY_MAIN
/* Without libFuzzer: every FILE given, or every file of a DIR given, through the checks once. */
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
