/* statico.h - serve pre-configured HTTP responses as fast as the kernel allows.
 * Public domain (Unlicense, see the end of this file). No warranty.
 *
 * ---------------------------------------------------------------------------
 * WHAT IT IS
 *
 *   A single-header C library (C99, also compiles as C++) holding a strict,
 *   SIMD span-based HTTP/1.1 request parser and an incremental chunked-body
 *   decoder. The parser returns spans (offset, length) into the caller's
 *   buffer, never copies a byte, and extracts the semantic facts a server
 *   needs (framing, keep-alive, upgrade, expect) plus an O(1) index of the
 *   common headers in the same pass.
 *
 * DO THIS
 *
 *   In exactly one C or C++ file:
 *       #define STATICO_IMPLEMENTATION
 *       #include "statico.h"
 *   Everywhere else just #include "statico.h".
 *
 * MINIMAL USE
 *
 *       statico_request req = {0};
 *       int n = statico_parse_request(&req, buf, len);
 *       if (n > 0) {            // head complete: n bytes are the request head
 *           const statico_header *h = statico_request_get(&req, STATICO_HDR_HOST);
 *           printf("%.*s\n", (int)req.path.len, buf + req.path.off);
 *       } else if (n == -2) {   // incomplete: read more, call again with the
 *                               // same req and the longer buffer (it resumes)
 *       } else {                // -1: invalid, answer req.status and close
 *       }
 *
 * ---------------------------------------------------------------------------
 * THE PARSER CONTRACT
 *
 *   int statico_parse_request(statico_request *req, const char *buf, size_t len);
 *
 *   buf starts at the first byte of the request (leading empty lines, CRLF,
 *   are skipped as RFC 9112 section 2.2 suggests, and counted in the result).
 *   Returns the number of bytes of the head consumed, through the CRLF that
 *   ends it (> 0); -2 when the head is incomplete; -1 when it is invalid, with
 *   req->status set to 400, 414, 431, 501 or 505. After -2 call again with the
 *   same req and the same bytes plus more (the buffer may have moved; spans
 *   are offsets): the parser resumes at the line it stopped on and scans only
 *   new bytes until that line is complete, so feeding a head one byte at a
 *   time costs O(n) in total. To parse the next request, zero the request or
 *   call statico_request_reset() (which keeps the limits).
 *
 *   Strictness (RFC 9110/9112), because lenient parsing is how request
 *   smuggling happens:
 *   - method is a token; the target is origin-form, absolute-form
 *     (scheme "://" authority [path]), authority-form (CONNECT only, which
 *     requires it) or "*" (OPTIONS only); the target holds only bytes
 *     0x21-0x7E and no '#'. Otherwise 400.
 *   - "HTTP/1.0" and "HTTP/1.1"; another "HTTP/" DIGIT "." DIGIT is 505;
 *     anything else 400. Single SP separators, CRLF line ends.
 *   - header names are tokens with no whitespace before the colon; values
 *     hold VCHAR, obs-text, SP and HTAB only (leading/trailing OWS trimmed);
 *     obs-fold, a bare CR or a bare LF anywhere is 400.
 *   - HTTP/1.1 needs exactly one Host (1.0 at most one), with host
 *     characters only; Content-Length is 1*DIGIT, at most 2^63-1, repeated
 *     lines must agree; Transfer-Encoding is a list of codings (tokens with
 *     optional parameters) whose last and only "chunked" is last, else 400;
 *     such a list with a coding other than chunked is 501; Transfer-Encoding
 *     with Content-Length, or on HTTP/1.0, is 400; empty list elements in
 *     Transfer-Encoding are 400.
 *   - limits (below): too many headers or too large a head is 431, too long
 *     a target is 414.
 *
 * THE CHUNKED DECODER
 *
 *   statico_chunked c = {0};
 *   ptrdiff_t n = statico_chunked_decode(&c, buf, len, &data);
 *
 *   Feeds body bytes that follow a head with STATICO_REQ_CHUNKED. Returns
 *   the bytes consumed (>= 0) or -1 (c.status = 400, or 431 for oversized
 *   trailers). It stops right after each run of chunk data, reported in
 *   data (offset and length within buf, length 0 if none), so a caller can
 *   keep or skip it; call again with the rest. c.done becomes 1 once the last
 *   chunk and the trailer section are consumed (n then excludes the bytes of
 *   the next request). Sizes are hex digits only (no whitespace anywhere in a
 *   size line except inside quoted extension values; more than 2^63-1 is an
 *   error); extensions are validated (";" token ["=" token / quoted-string]);
 *   trailers follow the header rules; CRLF only.
 *
 * ---------------------------------------------------------------------------
 * THE REQUEST (statico_request)
 *
 *   inputs, kept by statico_request_reset(); 0 means the default:
 *     max_head     largest head in bytes       default STATICO_MAX_HEAD (8192),
 *                                              at most 65536
 *     max_target   longest request-target      default STATICO_MAX_TARGET (4096)
 *   outputs:
 *     method, target, path, query   spans; query excludes the '?', and
 *                                   STATICO_REQ_QUERY says it was present;
 *                                   path is empty for authority-form and
 *                                   for an absolute-form target without path
 *     method_id     STATICO_METHOD_GET ... STATICO_METHOD_OTHER
 *     version       10 or 11
 *     status        on -1: the HTTP status to answer with
 *     flags         STATICO_REQ_KEEP_ALIVE, _CLOSE, _CHUNKED, _UPGRADE,
 *                   _EXPECT_CONTINUE, _CONTENT_LENGTH, _QUERY
 *     content_length  when STATICO_REQ_CONTENT_LENGTH
 *     header_count, headers[]       name and value spans, in order
 *     index[STATICO_HDR__COUNT]     1 + position of the first header of that
 *                                   kind, 0 if absent (statico_request_get())
 *
 * BUILD MACROS (define before the #include that holds the implementation)
 *
 *   STATICO_STATIC        make every function static (private to one file)
 *   STATICO_NO_SIMD       force the plain-C scanners everywhere
 *   STATICO_NO_AVX512     use at most AVX2 on x86-64
 *   STATICO_MAX_HEADERS   header array size (64, at most 255). Protects
 *                         against hostile input: more headers is 431.
 *   STATICO_MAX_HEAD      default head limit in bytes (8192). Protects against
 *                         hostile input: a longer head is 431.
 *   STATICO_MAX_TARGET    default request-target limit (4096): longer is 414.
 *   STATICO_MAX_CHUNK_LINE  longest chunk-size line with extensions and
 *                         longest trailer line (4096). Protects against
 *                         hostile input: longer is 400.
 *   STATICO_ASSERT(x)     assertion macro (default: assert from <assert.h>)
 *   STATICO_MALLOC, STATICO_REALLOC, STATICO_FREE  allocator (all or none;
 *                         default: malloc, realloc, free)
 *
 *   SIMD is chosen from the compiler's macros: AVX-512BW (64-byte scans with
 *   masked loads, which never fault past the buffer), AVX2 (32), SSE2/SSSE3
 *   (16) on x86-64, NEON (16) on ARM64; a plain-C twin of every kernel serves
 *   the tails of the wide ones and every other target. Compile with
 *   -march=native (or -mavx2, ...) to get the wide kernels. No vector load
 *   reads past buf + len.
 *
 * ---------------------------------------------------------------------------
 * TABLE OF CONTENTS (grep for the markers)
 *
 *   // >>platform   platform detection, build macros
 *   // >>api        public declarations
 *   // >>scan       character classes and the SIMD / plain-C scan kernels
 *   // >>parser     the request parser
 *   // >>chunked    the chunked-body decoder
 *   // >>public     small public helpers
 *
 * VERSION HISTORY
 *
 *   0.1.0  (2026-11) strict SIMD request parser and chunked decoder.
 */
#ifndef STATICO_H
#define STATICO_H

// >>platform
#include <stddef.h>
#include <stdint.h>

#define STATICO_VERSION "0.1.0"
#define STATICO_VERSION_NUMBER 100 /* major * 10000 + minor * 100 + patch */

#ifndef STATICO_API
#ifdef STATICO_STATIC
#if defined(__GNUC__) || defined(__clang__)
#define STATICO_API static __attribute__((unused))
#else
#define STATICO_API static
#endif
#else
#define STATICO_API extern
#endif
#endif

#ifndef STATICO_MAX_HEADERS
#define STATICO_MAX_HEADERS 64
#endif
#if STATICO_MAX_HEADERS < 1 || STATICO_MAX_HEADERS > 255
#error "STATICO_MAX_HEADERS must be in 1..255 (the header index stores positions in a byte)"
#endif
#ifndef STATICO_MAX_HEAD
#define STATICO_MAX_HEAD 8192
#endif
#if STATICO_MAX_HEAD < 64 || STATICO_MAX_HEAD > 65536
#error "STATICO_MAX_HEAD must be in 64..65536 (spans are 16-bit offsets)"
#endif
#ifndef STATICO_MAX_TARGET
#define STATICO_MAX_TARGET 4096
#endif
#ifndef STATICO_MAX_CHUNK_LINE
#define STATICO_MAX_CHUNK_LINE 4096
#endif

#ifdef __cplusplus
extern "C" {
#endif

// >>api
/* A span of the caller's buffer: bytes [off, off + len). */
typedef struct statico_span {
    uint16_t off, len;
} statico_span;

typedef struct statico_header {
    statico_span name, value;
} statico_header;

enum statico_method {
    STATICO_METHOD_OTHER = 0,
    STATICO_METHOD_GET,
    STATICO_METHOD_HEAD,
    STATICO_METHOD_POST,
    STATICO_METHOD_PUT,
    STATICO_METHOD_DELETE,
    STATICO_METHOD_CONNECT,
    STATICO_METHOD_OPTIONS,
    STATICO_METHOD_TRACE,
    STATICO_METHOD_PATCH,
    STATICO_METHOD__COUNT
};

/* Headers indexed in O(1), matched case-insensitively. */
enum statico_header_id {
    STATICO_HDR_HOST,
    STATICO_HDR_CONTENT_LENGTH,
    STATICO_HDR_TRANSFER_ENCODING,
    STATICO_HDR_CONNECTION,
    STATICO_HDR_EXPECT,
    STATICO_HDR_UPGRADE,
    STATICO_HDR_CONTENT_TYPE,
    STATICO_HDR_ACCEPT,
    STATICO_HDR_ACCEPT_ENCODING,
    STATICO_HDR_ACCEPT_LANGUAGE,
    STATICO_HDR_USER_AGENT,
    STATICO_HDR_COOKIE,
    STATICO_HDR_AUTHORIZATION,
    STATICO_HDR_ORIGIN,
    STATICO_HDR_REFERER,
    STATICO_HDR_CACHE_CONTROL,
    STATICO_HDR_IF_NONE_MATCH,
    STATICO_HDR_IF_MODIFIED_SINCE,
    STATICO_HDR_RANGE,
    STATICO_HDR_KEEP_ALIVE,
    STATICO_HDR_TE,
    STATICO_HDR_DATE,
    STATICO_HDR_PRAGMA,
    STATICO_HDR_X_FORWARDED_FOR,
    STATICO_HDR_CONTENT_ENCODING,
    STATICO_HDR_IF_MATCH,
    STATICO_HDR_IF_UNMODIFIED_SINCE,
    STATICO_HDR_FORWARDED,
    STATICO_HDR_VIA,
    STATICO_HDR_X_REQUEST_ID,
    STATICO_HDR_SEC_WEBSOCKET_KEY,
    STATICO_HDR_DNT,
    STATICO_HDR__COUNT
};

enum statico_request_flags {
    STATICO_REQ_KEEP_ALIVE = 1 << 0,      /* the connection may stay open after this request */
    STATICO_REQ_CLOSE = 1 << 1,           /* a Connection: close token was present */
    STATICO_REQ_CHUNKED = 1 << 2,         /* body framed by Transfer-Encoding: chunked */
    STATICO_REQ_UPGRADE = 1 << 3,         /* Upgrade header with a Connection: upgrade token */
    STATICO_REQ_EXPECT_CONTINUE = 1 << 4, /* Expect: 100-continue */
    STATICO_REQ_CONTENT_LENGTH = 1 << 5,  /* body framed by Content-Length (content_length) */
    STATICO_REQ_QUERY = 1 << 6            /* the target had a '?' */
};

typedef struct statico_request {
    /* inputs: 0 = default; statico_request_reset() keeps them */
    uint32_t max_head;
    uint32_t max_target;
    /* outputs */
    statico_span method, target, path, query;
    uint8_t method_id;
    uint8_t version; /* 10 or 11 */
    uint16_t status; /* set when the parser returns -1 */
    uint32_t flags;
    uint64_t content_length;
    uint16_t header_count;
    /* resume state, private */
    uint8_t statico__state, statico__dups;
    uint8_t statico__te; /* bits: seen, last coding is chunked, unknown coding */
    uint8_t statico__conn, statico__host_bad;
    uint8_t statico__phase;                  /* what the bytes from statico__scan must be */
    uint32_t statico__line, statico__scan, statico__mark;
    uint8_t index[STATICO_HDR__COUNT];
    statico_header headers[STATICO_MAX_HEADERS];
} statico_request;

/* Parse (or resume parsing) a request head. See the manual at the top. */
STATICO_API int statico_parse_request(statico_request *req, const char *buf, size_t len);
/* Prepare req for the next request; keeps max_head and max_target. */
STATICO_API void statico_request_reset(statico_request *req);
/* The first header named `name` (case-insensitive), or NULL. Linear search. */
STATICO_API const statico_header *statico_request_find(const statico_request *req, const char *buf,
                                                       const char *name, size_t name_len);
STATICO_API const char *statico_method_name(int method_id);
STATICO_API const char *statico_header_name(int header_id); /* lower case */

/* The first header of a known kind, or NULL; O(1). */
static inline const statico_header *statico_request_get(const statico_request *req, int header_id)
{
    unsigned i = req->index[header_id];
    return i ? &req->headers[i - 1] : NULL;
}

typedef struct statico_chunk_data {
    size_t off, len;
} statico_chunk_data;

typedef struct statico_chunked {
    uint64_t body_bytes; /* data bytes decoded so far */
    uint64_t remaining;  /* data bytes left in the current chunk */
    uint32_t line_bytes; /* bytes of the current size or trailer line */
    uint32_t trailer_bytes;
    uint16_t status; /* set when the decoder returns -1 */
    uint8_t state;
    uint8_t done;
} statico_chunked;

/* Decode chunked body bytes. See the manual at the top. */
STATICO_API ptrdiff_t statico_chunked_decode(statico_chunked *c, const char *buf, size_t len,
                                             statico_chunk_data *data);

/* ---- the server ---- */
typedef enum statico_result {
    STATICO_OK = 0,
    STATICO_ERROR_CONFIG,  /* a configuration value is invalid */
    STATICO_ERROR_ADDRESS, /* the listen address cannot be parsed */
    STATICO_ERROR_BIND,    /* a port cannot be bound (in use, no permission) */
    STATICO_ERROR_FILE,    /* a file cannot be read */
    STATICO_ERROR_SYSTEM,  /* a system call failed (sockets, threads, event loop) */
    STATICO_ERROR_MEMORY   /* out of memory */
} statico_result;

typedef enum statico_backend {
    STATICO_BACKEND_DEFAULT = 0, /* epoll on Linux, poll elsewhere */
    STATICO_BACKEND_EPOLL,
    STATICO_BACKEND_POLL
} statico_backend;

/* One response. Zero = 200 with an empty body. */
typedef struct statico_response {
    int status;                 /* 200..599; 0 = 200 */
    const char *reason;         /* NULL = the standard phrase for status */
    const char *const *headers; /* "Name: value" lines, sent in this order */
    size_t header_count;
    const void *body; /* NULL = empty; not allowed with 204 and 304 */
    size_t body_len;
} statico_response;

/* A route: requests whose method and path match get its response. */
typedef struct statico_route {
    const char *method; /* NULL or "*" = any method; else compared exactly */
    const char *path;   /* "/exact", "/a/\x2a/c" ('*' is one path segment),
                           "/prefix/\x2a\x2a" (the rest of the path, if any) */
    statico_response response;
} statico_route;

typedef void (*statico_log_fn)(void *user, const char *message);

/* Server configuration; zero means default for every field. */
typedef struct statico_config {
    const char *address;   /* NULL = all interfaces (IPv6 and IPv4) */
    const uint16_t *ports; /* 0 = an ephemeral port */
    size_t port_count;     /* 0 = one ephemeral port */
    int threads;           /* workers; 0 = 1 */
    int bind_all;          /* every worker binds every port */
    int no_pin;            /* do not pin workers to cores */
    statico_backend backend;
    int receive_buffer_size; /* SO_RCVBUF of accepted sockets; 0 = kernel default */
    int send_buffer_size;    /* SO_SNDBUF; 0 = kernel default */
    int listen_backlog;      /* 0 = 4096 */
    int tcp_nodelay;
    int no_date;                /* no Date header */
    uint32_t max_head;          /* request head limit; 0 = STATICO_MAX_HEAD */
    uint64_t max_body;          /* request body limit, else 413; 0 = 64 MiB */
    uint32_t max_connections;   /* per worker; 0 = 65536 */
    uint32_t header_timeout_ms; /* a request head must arrive within; 0 = 10 s */
    uint32_t idle_timeout_ms;   /* an idle keep-alive connection is closed after; 0 = 60 s */
    statico_response response;  /* for requests no route matches */
    const statico_route *routes;
    size_t route_count;
    statico_log_fn log; /* warnings and notices; NULL = none */
    void *log_user;
} statico_config;

typedef struct statico_server statico_server;

/* Validate cfg, encode the responses, bind every listener and start the
 * workers; returns once they all listen. On failure *server is NULL and err
 * (if not NULL) holds a one-line message. cfg and the memory it points to
 * may be freed after the call. */
STATICO_API statico_result statico_server_start(const statico_config *cfg, statico_server **server, char *err,
                                                size_t err_size);
/* The port listener i (in cfg->ports order) is bound to. */
STATICO_API int statico_server_port(const statico_server *server, size_t i);
/* Stop accepting, finish the responses in flight (at most one second),
 * close every connection, join the workers and free the server. */
STATICO_API void statico_server_stop(statico_server *server);
/* Start, block until SIGINT or SIGTERM, stop. */
STATICO_API statico_result statico_run(const statico_config *cfg, char *err, size_t err_size);
STATICO_API const char *statico_result_string(statico_result r);

/* Helpers shared by the command line and embedders. Each returns 0 on
 * success and -1 on bad input. */
/* "500us", "100ms", "2s", "1m", "1s500ms" (a bare number is milliseconds) */
STATICO_API int statico_parse_duration(const char *s, uint64_t *microseconds);
/* "8080", "8080,8100-8200"; at most max ports, each 1..65535 */
STATICO_API int statico_parse_ports(const char *s, uint16_t *ports, size_t max, size_t *count);
/* a "Name: value" header line: name a token, value field characters */
STATICO_API int statico_check_header_line(const char *line);
/* the whole file into a malloc'd buffer (free with statico_free) */
STATICO_API statico_result statico_read_file(const char *path, void **data, size_t *len);
STATICO_API void statico_free(void *p);

#ifdef __cplusplus
}
#endif
#endif /* STATICO_H */

/* ========================================================================= */
#ifdef STATICO_IMPLEMENTATION
#ifndef STATICO__IMPLEMENTED
#define STATICO__IMPLEMENTED

#include <string.h>

#ifndef STATICO_ASSERT
#include <assert.h>
#define STATICO_ASSERT(x) assert(x)
#endif

#if defined(STATICO_MALLOC) && defined(STATICO_FREE) && defined(STATICO_REALLOC)
/* all three given */
#elif !defined(STATICO_MALLOC) && !defined(STATICO_FREE) && !defined(STATICO_REALLOC)
#include <stdlib.h>
#define STATICO_MALLOC(n) malloc(n)
#define STATICO_REALLOC(p, n) realloc(p, n)
#define STATICO_FREE(p) free(p)
#else
#error "define all of STATICO_MALLOC, STATICO_REALLOC and STATICO_FREE, or none"
#endif

#if defined(__GNUC__) || defined(__clang__)
#define STATICO__INLINE inline __attribute__((always_inline))
#define STATICO__NOINLINE __attribute__((noinline))
#define STATICO__LIKELY(x) __builtin_expect(!!(x), 1)
#define STATICO__UNLIKELY(x) __builtin_expect(!!(x), 0)
#define STATICO__CTZ32(x) ((unsigned)__builtin_ctz(x))
#define STATICO__CTZ64(x) ((unsigned)__builtin_ctzll(x))
#else
#define STATICO__INLINE inline
#define STATICO__NOINLINE
#define STATICO__LIKELY(x) (x)
#define STATICO__UNLIKELY(x) (x)
static unsigned statico__ctz64(uint64_t x)
{
    unsigned n = 0;
    while (!(x & 1)) { x >>= 1; n++; }
    return n;
}
#define STATICO__CTZ32(x) statico__ctz64(x)
#define STATICO__CTZ64(x) statico__ctz64(x)
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define STATICO__BIG_ENDIAN 1
#else
#define STATICO__BIG_ENDIAN 0
#endif

/* SIMD level, from the compiler's macros only (no run-time dispatch). */
#define STATICO__AVX512 0
#define STATICO__AVX2 0
#define STATICO__SSE2 0
#define STATICO__SSSE3 0
#define STATICO__NEON 0
#if !defined(STATICO_NO_SIMD)
#if defined(__AVX512BW__) && !defined(STATICO_NO_AVX512)
#undef STATICO__AVX512
#define STATICO__AVX512 1
#include <immintrin.h>
#elif defined(__AVX2__)
#undef STATICO__AVX2
#define STATICO__AVX2 1
#include <immintrin.h>
#elif defined(__SSE2__) || defined(_M_X64)
#undef STATICO__SSE2
#define STATICO__SSE2 1
#include <emmintrin.h>
#if defined(__SSSE3__)
#undef STATICO__SSSE3
#define STATICO__SSSE3 1
#include <tmmintrin.h>
#endif
#elif defined(__ARM_NEON) && defined(__aarch64__)
#undef STATICO__NEON
#define STATICO__NEON 1
#include <arm_neon.h>
#endif
#endif
#define STATICO__HAVE_SIMD (STATICO__AVX512 || STATICO__AVX2 || STATICO__SSE2 || STATICO__NEON)

#ifdef STATICO_TEST_SCAN_COUNT
/* Test builds count the bytes the scan kernels examine (O(n) resume proof). */
static size_t statico__scanned;
#define STATICO__COUNT(n) (statico__scanned += (size_t)(n))
#else
#define STATICO__COUNT(n) ((void)0)
#endif

// >>scan
enum {
    STATICO__C_TOKEN = 1,  /* tchar, RFC 9110 5.6.2 */
    STATICO__C_VALUE = 2,  /* field-vchar, SP, HTAB (RFC 9110 5.5) */
    STATICO__C_TARGET = 4, /* 0x21-0x7E but '#' */
    STATICO__C_HOST = 8,   /* unreserved, sub-delims, '%', ':', '[', ']' */
    STATICO__C_HEX = 16
};

static const uint8_t statico__class[256] = {
    0,0,0,0,0,0,0,0,0,2,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    2,15,6,3,15,15,15,15,14,14,15,15,14,15,15,6,
    31,31,31,31,31,31,31,31,31,31,14,14,6,14,6,6,
    6,31,31,31,31,31,31,15,15,15,15,15,15,15,15,15,
    15,15,15,15,15,15,15,15,15,15,15,14,6,14,7,15,
    7,31,31,31,31,31,31,15,15,15,15,15,15,15,15,15,
    15,15,15,15,15,15,15,15,15,15,15,6,7,6,15,0,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
};

#define STATICO__IS(c, cls) (statico__class[(unsigned char)(c)] & (cls))

/* Plain-C twins. Each returns the first byte in [p, end) outside its class,
 * or end. The target scanner also records the first '?' it passes. */
static STATICO__INLINE const char *statico__scan_class_c(const char *p, const char *end, int cls)
{
    const char *s = p;
    while (p < end && STATICO__IS(*p, cls)) p++;
    STATICO__COUNT(p - s + (p < end));
    (void)s;
    return p;
}
static STATICO__INLINE const char *statico__scan_target_c(const char *p, const char *end, const char **qmark)
{
    const char *s = p;
    for (; p < end && STATICO__IS(*p, STATICO__C_TARGET); p++)
        if (*p == '?' && !*qmark) *qmark = p;
    STATICO__COUNT(p - s + (p < end));
    (void)s;
    return p;
}

/* Token classification by nibble lookup: byte c is a tchar when
 * lo[c & 15] & hi[c >> 4] != 0 (rows 0x20-0x7F are bits 0-5; bytes >= 0x80
 * and control bytes map to 0). */
#define STATICO__TOK_LO 0x3a,0x3f,0x3e,0x3f,0x3f,0x3f,0x3f,0x3f,0x3e,0x3e,0x3d,0x15,0x34,0x15,0x3d,0x1c
#define STATICO__TOK_HI 0,0,1,2,4,8,16,32,0,0,0,0,0,0,0,0

#if STATICO__AVX512
/* 64 bytes a step. The last partial block uses a masked load: masked-off
 * bytes are not accessed (no fault), and positions past end count as a stop. */
static STATICO__INLINE __mmask64 statico__tail_mask(size_t n)
{
    return n >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << n) - 1);
}
static STATICO__INLINE const char *statico__scan_value_v(const char *p, const char *end)
{
    const __m512i sp = _mm512_set1_epi8(0x20), tab = _mm512_set1_epi8(9), del = _mm512_set1_epi8(0x7f);
    for (;;) {
        size_t n = (size_t)(end - p);
        __mmask64 k = statico__tail_mask(n);
        __m512i v = _mm512_maskz_loadu_epi8(k, p);
        __mmask64 bad = _mm512_mask_cmpneq_epi8_mask(_mm512_cmplt_epu8_mask(v, sp), v, tab);
        bad |= _mm512_cmpeq_epi8_mask(v, del) | ~k;
        if (bad) {
            STATICO__COUNT(STATICO__CTZ64(bad) + 1);
            return p + STATICO__CTZ64(bad); /* ~k makes end the latest stop */
        }
        STATICO__COUNT(64);
        p += 64;
    }
}
static STATICO__INLINE const char *statico__scan_token_v(const char *p, const char *end)
{
    const __m512i lo = _mm512_broadcast_i32x4(_mm_setr_epi8(STATICO__TOK_LO));
    const __m512i hi = _mm512_broadcast_i32x4(_mm_setr_epi8(STATICO__TOK_HI));
    const __m512i nib = _mm512_set1_epi8(0x0f);
    for (;;) {
        size_t n = (size_t)(end - p);
        __mmask64 k = statico__tail_mask(n);
        __m512i v = _mm512_maskz_loadu_epi8(k, p);
        __m512i a = _mm512_shuffle_epi8(lo, _mm512_and_si512(v, nib));
        __m512i b = _mm512_shuffle_epi8(hi, _mm512_and_si512(_mm512_srli_epi16(v, 4), nib));
        __mmask64 bad = _mm512_testn_epi8_mask(a, b) | ~k;
        if (bad) {
            STATICO__COUNT(STATICO__CTZ64(bad) + 1);
            return p + STATICO__CTZ64(bad); /* ~k makes end the latest stop */
        }
        STATICO__COUNT(64);
        p += 64;
    }
}
static STATICO__INLINE const char *statico__scan_target_v(const char *p, const char *end, const char **qmark)
{
    const __m512i lo = _mm512_set1_epi8(0x21), span = _mm512_set1_epi8(0x7e - 0x21);
    const __m512i hash = _mm512_set1_epi8('#'), qm = _mm512_set1_epi8('?');
    for (;;) {
        size_t n = (size_t)(end - p);
        __mmask64 k = statico__tail_mask(n);
        __m512i v = _mm512_maskz_loadu_epi8(k, p);
        __mmask64 bad = _mm512_cmpgt_epu8_mask(_mm512_sub_epi8(v, lo), span);
        bad |= _mm512_cmpeq_epi8_mask(v, hash) | ~k;
        __mmask64 q = _mm512_cmpeq_epi8_mask(v, qm) & (bad ^ (bad - 1));
        if (q && !*qmark) *qmark = p + STATICO__CTZ64(q);
        if (bad) {
            STATICO__COUNT(STATICO__CTZ64(bad) + 1);
            return p + STATICO__CTZ64(bad); /* ~k makes end the latest stop */
        }
        STATICO__COUNT(64);
        p += 64;
    }
}
#elif STATICO__AVX2
/* 32 bytes a step over whole blocks; the plain-C twin finishes the tail. */
static STATICO__INLINE const char *statico__scan_value_v(const char *p, const char *end)
{
    const __m256i c1f = _mm256_set1_epi8(0x1f), tab = _mm256_set1_epi8(9), del = _mm256_set1_epi8(0x7f);
    for (; end - p >= 32; p += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
        __m256i ctl = _mm256_cmpeq_epi8(_mm256_min_epu8(v, c1f), v);
        ctl = _mm256_andnot_si256(_mm256_cmpeq_epi8(v, tab), ctl);
        ctl = _mm256_or_si256(ctl, _mm256_cmpeq_epi8(v, del));
        uint32_t m = (uint32_t)_mm256_movemask_epi8(ctl);
        if (m) {
            STATICO__COUNT(STATICO__CTZ32(m) + 1);
            return p + STATICO__CTZ32(m);
        }
        STATICO__COUNT(32);
    }
    return statico__scan_class_c(p, end, STATICO__C_VALUE);
}
static STATICO__INLINE const char *statico__scan_token_v(const char *p, const char *end)
{
    const __m256i lo = _mm256_setr_epi8(STATICO__TOK_LO, STATICO__TOK_LO);
    const __m256i hi = _mm256_setr_epi8(STATICO__TOK_HI, STATICO__TOK_HI);
    const __m256i nib = _mm256_set1_epi8(0x0f), zero = _mm256_setzero_si256();
    for (; end - p >= 32; p += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
        __m256i a = _mm256_shuffle_epi8(lo, _mm256_and_si256(v, nib));
        __m256i b = _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib));
        uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(a, b), zero));
        if (m) {
            STATICO__COUNT(STATICO__CTZ32(m) + 1);
            return p + STATICO__CTZ32(m);
        }
        STATICO__COUNT(32);
    }
    return statico__scan_class_c(p, end, STATICO__C_TOKEN);
}
static STATICO__INLINE const char *statico__scan_target_v(const char *p, const char *end, const char **qmark)
{
    /* v + 0x5f maps 0x21..0x7e onto -128..-35: one signed compare. */
    const __m256i bias = _mm256_set1_epi8(0x5f), top = _mm256_set1_epi8(-35);
    const __m256i hash = _mm256_set1_epi8('#'), qm = _mm256_set1_epi8('?');
    for (; end - p >= 32; p += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
        __m256i bad = _mm256_cmpgt_epi8(_mm256_add_epi8(v, bias), top);
        bad = _mm256_or_si256(bad, _mm256_cmpeq_epi8(v, hash));
        uint32_t m = (uint32_t)_mm256_movemask_epi8(bad);
        uint32_t q = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, qm)) & (m ^ (m - 1));
        if (q && !*qmark) *qmark = p + STATICO__CTZ32(q);
        if (m) {
            STATICO__COUNT(STATICO__CTZ32(m) + 1);
            return p + STATICO__CTZ32(m);
        }
        STATICO__COUNT(32);
    }
    return statico__scan_target_c(p, end, qmark);
}
#elif STATICO__SSE2
/* 16 bytes a step; SSE2 has no unsigned compare, so biased signed ones. */
static STATICO__INLINE const char *statico__scan_value_v(const char *p, const char *end)
{
    const __m128i c1f = _mm_set1_epi8(0x1f), tab = _mm_set1_epi8(9), del = _mm_set1_epi8(0x7f);
    for (; end - p >= 16; p += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v);
        ctl = _mm_andnot_si128(_mm_cmpeq_epi8(v, tab), ctl);
        ctl = _mm_or_si128(ctl, _mm_cmpeq_epi8(v, del));
        unsigned m = (unsigned)_mm_movemask_epi8(ctl);
        if (m) {
            STATICO__COUNT(STATICO__CTZ32(m) + 1);
            return p + STATICO__CTZ32(m);
        }
        STATICO__COUNT(16);
    }
    return statico__scan_class_c(p, end, STATICO__C_VALUE);
}
#if STATICO__SSSE3
static STATICO__INLINE const char *statico__scan_token_v(const char *p, const char *end)
{
    const __m128i lo = _mm_setr_epi8(STATICO__TOK_LO), hi = _mm_setr_epi8(STATICO__TOK_HI);
    const __m128i nib = _mm_set1_epi8(0x0f), zero = _mm_setzero_si128();
    for (; end - p >= 16; p += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i a = _mm_shuffle_epi8(lo, _mm_and_si128(v, nib));
        __m128i b = _mm_shuffle_epi8(hi, _mm_and_si128(_mm_srli_epi16(v, 4), nib));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(a, b), zero));
        if (m) {
            STATICO__COUNT(STATICO__CTZ32(m) + 1);
            return p + STATICO__CTZ32(m);
        }
        STATICO__COUNT(16);
    }
    return statico__scan_class_c(p, end, STATICO__C_TOKEN);
}
#else
/* Plain SSE2 has no byte shuffle; header names are short, the table wins. */
static STATICO__INLINE const char *statico__scan_token_v(const char *p, const char *end)
{
    return statico__scan_class_c(p, end, STATICO__C_TOKEN);
}
#endif
static STATICO__INLINE const char *statico__scan_target_v(const char *p, const char *end, const char **qmark)
{
    const __m128i bias = _mm_set1_epi8(0x5f), top = _mm_set1_epi8(-35);
    const __m128i hash = _mm_set1_epi8('#'), qm = _mm_set1_epi8('?');
    for (; end - p >= 16; p += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i bad = _mm_cmpgt_epi8(_mm_add_epi8(v, bias), top);
        bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, hash));
        unsigned m = (unsigned)_mm_movemask_epi8(bad);
        unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, qm)) & (m ^ (m - 1));
        if (q && !*qmark) *qmark = p + STATICO__CTZ32(q);
        if (m) {
            STATICO__COUNT(STATICO__CTZ32(m) + 1);
            return p + STATICO__CTZ32(m);
        }
        STATICO__COUNT(16);
    }
    return statico__scan_target_c(p, end, qmark);
}
#elif STATICO__NEON
/* 16 bytes a step; a byte mask becomes 4 bits a byte with one narrowing shift. */
static STATICO__INLINE uint64_t statico__neon_mask(uint8x16_t m)
{
    return vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(vreinterpretq_u16_u8(m), 4)), 0);
}
static STATICO__INLINE const char *statico__scan_value_v(const char *p, const char *end)
{
    for (; end - p >= 16; p += 16) {
        uint8x16_t v = vld1q_u8((const uint8_t *)p);
        uint8x16_t ctl = vandq_u8(vcltq_u8(v, vdupq_n_u8(0x20)), vmvnq_u8(vceqq_u8(v, vdupq_n_u8(9))));
        ctl = vorrq_u8(ctl, vceqq_u8(v, vdupq_n_u8(0x7f)));
        uint64_t m = statico__neon_mask(ctl);
        if (m) {
            STATICO__COUNT(STATICO__CTZ64(m) / 4 + 1);
            return p + STATICO__CTZ64(m) / 4;
        }
        STATICO__COUNT(16);
    }
    return statico__scan_class_c(p, end, STATICO__C_VALUE);
}
static STATICO__INLINE const char *statico__scan_token_v(const char *p, const char *end)
{
    static const uint8_t lo_t[16] = {STATICO__TOK_LO}, hi_t[16] = {STATICO__TOK_HI};
    const uint8x16_t lo = vld1q_u8(lo_t), hi = vld1q_u8(hi_t);
    for (; end - p >= 16; p += 16) {
        uint8x16_t v = vld1q_u8((const uint8_t *)p);
        uint8x16_t a = vqtbl1q_u8(lo, vandq_u8(v, vdupq_n_u8(0x0f)));
        uint8x16_t b = vqtbl1q_u8(hi, vshrq_n_u8(v, 4));
        uint64_t m = statico__neon_mask(vceqq_u8(vandq_u8(a, b), vdupq_n_u8(0)));
        if (m) {
            STATICO__COUNT(STATICO__CTZ64(m) / 4 + 1);
            return p + STATICO__CTZ64(m) / 4;
        }
        STATICO__COUNT(16);
    }
    return statico__scan_class_c(p, end, STATICO__C_TOKEN);
}
static STATICO__INLINE const char *statico__scan_target_v(const char *p, const char *end, const char **qmark)
{
    for (; end - p >= 16; p += 16) {
        uint8x16_t v = vld1q_u8((const uint8_t *)p);
        uint8x16_t bad = vcgtq_u8(vsubq_u8(v, vdupq_n_u8(0x21)), vdupq_n_u8(0x7e - 0x21));
        bad = vorrq_u8(bad, vceqq_u8(v, vdupq_n_u8('#')));
        uint64_t m = statico__neon_mask(bad);
        uint64_t q = statico__neon_mask(vceqq_u8(v, vdupq_n_u8('?'))) & (m ^ (m - 1));
        if (q && !*qmark) *qmark = p + STATICO__CTZ64(q) / 4;
        if (m) {
            STATICO__COUNT(STATICO__CTZ64(m) / 4 + 1);
            return p + STATICO__CTZ64(m) / 4;
        }
        STATICO__COUNT(16);
    }
    return statico__scan_target_c(p, end, qmark);
}
#endif

#if STATICO__HAVE_SIMD
#define STATICO__SCAN_VALUE(simd, p, e) ((simd) ? statico__scan_value_v(p, e) : statico__scan_class_c(p, e, STATICO__C_VALUE))
#define STATICO__SCAN_TOKEN(simd, p, e) ((simd) ? statico__scan_token_v(p, e) : statico__scan_class_c(p, e, STATICO__C_TOKEN))
#define STATICO__SCAN_TARGET(simd, p, e, q) ((simd) ? statico__scan_target_v(p, e, q) : statico__scan_target_c(p, e, q))
#else
#define STATICO__SCAN_VALUE(simd, p, e) ((void)(simd), statico__scan_class_c(p, e, STATICO__C_VALUE))
#define STATICO__SCAN_TOKEN(simd, p, e) ((void)(simd), statico__scan_class_c(p, e, STATICO__C_TOKEN))
#define STATICO__SCAN_TARGET(simd, p, e, q) ((void)(simd), statico__scan_target_c(p, e, q))
#endif

/* A header line: *name_end = the first non-tchar from p, and the result is
 * the first byte at or after it that cannot be in a field value (the CR
 * that ends a good line), or end. Name bytes are tchars, so this is also the
 * first such byte from p. AVX-512 classifies both from one load. */
static STATICO__INLINE const char *statico__scan_line_c(const char *p, const char *end, const char **name_end)
{
    const char *n = statico__scan_class_c(p, end, STATICO__C_TOKEN);
    *name_end = n;
    return statico__scan_class_c(n, end, STATICO__C_VALUE);
}
#if STATICO__AVX512 && defined(__AVX512VBMI__)
/* With VBMI one vpermt2b classifies every byte through a 128-entry table:
 * 1 tchar, 2 not allowed in a field value, 16 not a host character; bytes
 * >= 0x80 (which index the table modulo 128) are obs-text: not tchars, not
 * host characters, allowed in values. */
#if defined(_MSC_VER)
#define STATICO__ALIGN64 __declspec(align(64))
#else
#define STATICO__ALIGN64 __attribute__((aligned(64)))
#endif
static const uint8_t STATICO__ALIGN64 statico__vbmi_class[128] = {
    22,22,22,22,22,22,22,22,22,20,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,22,
    20,1,16,21,1,1,1,1,0,0,1,1,0,1,1,16,1,1,1,1,1,1,1,1,1,1,0,0,16,0,16,24,
    16,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,16,0,17,1,
    17,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,16,17,16,1,22,
};
/* The tables live in registers for the whole header loop (the caller loads
 * them once, STATICO__LINE_CONSTS); compilers do not hoist them reliably. */
#define STATICO__LINE_CONSTS                                                                       \
    const __m512i lc_t0 = _mm512_load_si512((const void *)statico__vbmi_class);                    \
    const __m512i lc_t1 = _mm512_load_si512((const void *)(statico__vbmi_class + 64));             \
    const __m512i lc_one = _mm512_set1_epi8(1), lc_two = _mm512_set1_epi8(2);                       \
    const __m256i lc_lower = _mm256_set1_epi8(0x20);                                               \
    const __m512i lc_sixteen = _mm512_set1_epi8(16);                                               \
    __m512i lc_win = _mm512_setzero_si512();
#define STATICO__LINE_ARGS , lc_t0, lc_t1, lc_one, lc_two, &lc_win
/* Host characters of the value [v, te) of the line at p, from the window's
 * classes when the value lies in it. */
#define STATICO__HOST_BAD(simd, p, v, te)                                                          \
    ((simd) ? ((te) - (p) <= 64 ? ((_mm512_test_epi8_mask(_mm512_permutex2var_epi8(lc_t0, lc_win, lc_t1), lc_sixteen) | _mm512_movepi8_mask(lc_win)) \
                                   & _bzhi_u64(~0ull, (unsigned)((te) - (p))) & ~_bzhi_u64(~0ull, (unsigned)((v) - (p)))) != 0 \
                                : !statico__host_ok_v(v, te))                                       \
            : !statico__host_ok_c(v, te))
#define STATICO__HEADER_ID(simd, n, len, end)                                                      \
    ((simd) ? statico__header_id_w(lc_win, n, len, lc_lower) : statico__header_id(n, len, end))
static STATICO__INLINE const char *statico__scan_line_v(const char *p, const char *end, const char **name_end,
                                                        const __m512i t0, const __m512i t1, const __m512i one,
                                                        const __m512i two, __m512i *win)
{
    size_t left = (size_t)(end - p);
    __mmask64 k;
    /* Bytes past end load as 0, which is neither a tchar nor allowed in a
     * value: the first of them stops both scans, at end. Every byte that
     * stops the value scan also stops the name scan. */
    __m512i v, c;
    if (STATICO__LIKELY(left >= 64)) {
        v = _mm512_loadu_si512((const void *)p);
    } else {
        k = ((__mmask64)1 << left) - 1;
        v = _mm512_maskz_loadu_epi8(k, p);
    }
    c = _mm512_permutex2var_epi8(t0, v, t1);
    *win = v;
    __mmask64 high = _mm512_movepi8_mask(v);
    __mmask64 nontok = _mm512_testn_epi8_mask(c, one) | high;
    __mmask64 ctl = _mm512_mask_test_epi8_mask(~high, c, two);
    const char *n, *w;
    if (STATICO__LIKELY(ctl != 0)) {
        STATICO__COUNT(STATICO__CTZ64(ctl) + 1);
        *name_end = p + STATICO__CTZ64(nontok);
        return p + STATICO__CTZ64(ctl);
    }
    /* a line of 64 bytes or more: more windows, same tables */
    STATICO__COUNT(64);
    if (STATICO__UNLIKELY(!nontok)) { /* and a name of 64 bytes or more */
        n = statico__scan_token_v(p + 64, end);
        *name_end = n;
        return statico__scan_value_v(n, end);
    }
    *name_end = p + STATICO__CTZ64(nontok);
    for (w = p + 64;; w += 64) {
        left = (size_t)(end - w);
        if (STATICO__LIKELY(left >= 64)) v = _mm512_loadu_si512((const void *)w);
        else v = _mm512_maskz_loadu_epi8(((__mmask64)1 << left) - 1, w);
        c = _mm512_permutex2var_epi8(t0, v, t1);
        ctl = _mm512_mask_test_epi8_mask(~_mm512_movepi8_mask(v), c, two);
        if (ctl) {
            STATICO__COUNT(STATICO__CTZ64(ctl) + 1);
            return w + STATICO__CTZ64(ctl);
        }
        STATICO__COUNT(64);
    }
}
#elif STATICO__AVX512
#define STATICO__LINE_CONSTS
#define STATICO__LINE_ARGS
static STATICO__INLINE const char *statico__scan_line_v(const char *p, const char *end, const char **name_end)
{
    const __m512i lo = _mm512_broadcast_i32x4(_mm_setr_epi8(STATICO__TOK_LO));
    const __m512i hi = _mm512_broadcast_i32x4(_mm_setr_epi8(STATICO__TOK_HI));
    const __m512i nib = _mm512_set1_epi8(0x0f);
    const __m512i sp = _mm512_set1_epi8(0x20), tab = _mm512_set1_epi8(9), del = _mm512_set1_epi8(0x7f);
    __mmask64 k = statico__tail_mask((size_t)(end - p));
    __m512i v = _mm512_maskz_loadu_epi8(k, p);
    __m512i a = _mm512_shuffle_epi8(lo, _mm512_and_si512(v, nib));
    __m512i b = _mm512_shuffle_epi8(hi, _mm512_and_si512(_mm512_srli_epi16(v, 4), nib));
    __mmask64 nontok = _mm512_testn_epi8_mask(a, b) | ~k;
    __mmask64 ctl = _mm512_mask_cmpneq_epi8_mask(_mm512_cmplt_epu8_mask(v, sp), v, tab);
    ctl |= _mm512_cmpeq_epi8_mask(v, del) | ~k;
    if (STATICO__UNLIKELY(!nontok)) { /* a name of 64 bytes or more */
        STATICO__COUNT(64);
        *name_end = statico__scan_token_v(p + 64, end);
        return statico__scan_value_v(*name_end, end);
    }
    *name_end = p + STATICO__CTZ64(nontok);
    if (STATICO__LIKELY(ctl != 0)) {
        STATICO__COUNT(STATICO__CTZ64(ctl) + 1);
        return p + STATICO__CTZ64(ctl);
    }
    STATICO__COUNT(64);
    return statico__scan_value_v(p + 64, end);
}
#elif STATICO__HAVE_SIMD
#define STATICO__LINE_CONSTS
#define STATICO__LINE_ARGS
static STATICO__INLINE const char *statico__scan_line_v(const char *p, const char *end, const char **name_end)
{
    const char *n = statico__scan_token_v(p, end);
    *name_end = n;
    return statico__scan_value_v(n, end);
}
#endif
/* 1 when every byte of [p, e) is a host character (the Host value). */
static STATICO__INLINE int statico__host_ok_c(const char *p, const char *e)
{
    int bad = 0;
    for (; p < e; p++) bad |= !STATICO__IS(*p, STATICO__C_HOST);
    return !bad;
}
#if STATICO__AVX512 && defined(__AVX512VBMI__)
static STATICO__INLINE int statico__host_ok_v(const char *p, const char *e)
{
    const __m512i t0 = _mm512_load_si512((const void *)statico__vbmi_class);
    const __m512i t1 = _mm512_load_si512((const void *)(statico__vbmi_class + 64));
    for (; p < e; p += 64) {
        __mmask64 k = statico__tail_mask((size_t)(e - p));
        __m512i v = _mm512_maskz_loadu_epi8(k, p);
        __m512i c = _mm512_permutex2var_epi8(t0, v, t1);
        if ((_mm512_test_epi8_mask(c, _mm512_set1_epi8(16)) | _mm512_movepi8_mask(v)) & k) return 0;
    }
    return 1;
}
#else
#define statico__host_ok_v statico__host_ok_c
#endif

#if STATICO__HAVE_SIMD
#define STATICO__SCAN_LINE(simd, p, e, n)                                                          \
    ((simd) ? statico__scan_line_v(p, e, n STATICO__LINE_ARGS) : statico__scan_line_c(p, e, n))
#ifndef STATICO__HEADER_ID
#define STATICO__HEADER_ID(simd, n, len, end) statico__header_id(n, len, end)
#define STATICO__HOST_BAD(simd, p, v, te) ((simd) ? !statico__host_ok_v(v, te) : !statico__host_ok_c(v, te))
#endif
#else
#define STATICO__HOST_BAD(simd, p, v, te) ((void)(simd), !statico__host_ok_c(v, te))
#define STATICO__HEADER_ID(simd, n, len, end) ((void)(simd), statico__header_id(n, len, end))
#define STATICO__LINE_CONSTS
#define STATICO__SCAN_LINE(simd, p, e, n) ((void)(simd), statico__scan_line_c(p, e, n))
#endif

// >>parser
static STATICO__INLINE uint16_t statico__load16(const void *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return v;
}
static STATICO__INLINE uint64_t statico__load64(const void *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}
static STATICO__INLINE uint32_t statico__load32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Case-insensitive compare of n bytes of s against lower-case lit. */
static int statico__ieq(const char *s, const char *lit, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c | 0x20);
        if (c != (unsigned char)lit[i]) return 0;
    }
    return 1;
}

#if defined(_MSC_VER)
#define STATICO__ALIGN32 __declspec(align(32))
#else
#define STATICO__ALIGN32 __attribute__((aligned(32)))
#endif
/* The known headers: a table keyed by the length and (first byte - last
 * byte) mod 32, which is the same for either case of two letters and tells
 * the 32 names apart, gives 1 + the id; the id's entry holds the lower-case
 * name padded with zero bytes. */
static const uint8_t statico__hkey[18 * 32] = {
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,21,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,32,0,0,0,0,29,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,22,
    0,0,0,0,0,0,0,0,0,0,0,0,0,19,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,14,0,0,0,0,0,0,0,0,0,0,0,8,0,23,0,5,0,0,0,0,0,0,0,0,0,0,0,0,12,0,
    15,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,26,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,28,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,11,0,0,0,0,20,0,0,0,0,0,0,0,0,0,0,0,0,0,0,4,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,30,0,0,0,0,0,0,0,0,0,7,0,
    0,17,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,13,0,0,0,16,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,0,0,0,0,
    0,0,0,0,0,0,24,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,9,0,10,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,25,0,0,0,
    0,0,0,0,18,0,0,0,0,0,0,0,0,3,0,0,0,0,0,0,0,0,0,0,0,0,31,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,27,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
};
static const struct statico__hname {
    char name[24];
    uint8_t len, pad[7]; /* 32-byte entries: the address is a shift */
} STATICO__ALIGN32 statico__hnames[STATICO_HDR__COUNT] = {
    {"host", 4, {0}},
    {"content-length", 14, {0}},
    {"transfer-encoding", 17, {0}},
    {"connection", 10, {0}},
    {"expect", 6, {0}},
    {"upgrade", 7, {0}},
    {"content-type", 12, {0}},
    {"accept", 6, {0}},
    {"accept-encoding", 15, {0}},
    {"accept-language", 15, {0}},
    {"user-agent", 10, {0}},
    {"cookie", 6, {0}},
    {"authorization", 13, {0}},
    {"origin", 6, {0}},
    {"referer", 7, {0}},
    {"cache-control", 13, {0}},
    {"if-none-match", 13, {0}},
    {"if-modified-since", 17, {0}},
    {"range", 5, {0}},
    {"keep-alive", 10, {0}},
    {"te", 2, {0}},
    {"date", 4, {0}},
    {"pragma", 6, {0}},
    {"x-forwarded-for", 15, {0}},
    {"content-encoding", 16, {0}},
    {"if-match", 8, {0}},
    {"if-unmodified-since", 19, {0}},
    {"forwarded", 9, {0}},
    {"via", 3, {0}},
    {"x-request-id", 12, {0}},
    {"sec-websocket-key", 17, {0}},
    {"dnt", 3, {0}},
};

#define STATICO__LOWER8 0x2020202020202020ull

/* Known-header id of the token n[0..len), or -1. OR-ing 0x20 lowers letters
 * and leaves digits and '-' alone; no other tchar turns into [a-z0-9-], so
 * the match is exact for the (validated) token. */
static STATICO__INLINE int statico__header_key(const char *n, size_t len)
{
    if (len - 2 > 17) return 0; /* known names are 2..19 bytes */
    return statico__hkey[(len - 2) * 32 + (((unsigned)(unsigned char)n[0] - (unsigned char)n[len - 1]) & 31)];
}
static STATICO__INLINE int statico__header_id(const char *n, size_t len, const char *end)
{
    const struct statico__hname *e;
    int id = statico__header_key(n, len) - 1;
    if (id < 0) return -1;
    e = &statico__hnames[id];
    if (len < 8) {
        uint64_t mask;
        if (STATICO__UNLIKELY(end - n < 8)) return statico__ieq(n, e->name, len) ? id : -1;
#if STATICO__BIG_ENDIAN
        mask = ~0ull << (64 - 8 * len);
#else
        mask = ~0ull >> (64 - 8 * len);
#endif
        if (((statico__load64(n) | STATICO__LOWER8) & mask) != statico__load64(e->name)) return -1;
    } else {
        if ((statico__load64(n) | STATICO__LOWER8) != statico__load64(e->name)) return -1;
        if (len > 16 && (statico__load64(n + 8) | STATICO__LOWER8) != statico__load64(e->name + 8)) return -1;
        if ((statico__load64(n + len - 8) | STATICO__LOWER8) != statico__load64(e->name + len - 8)) return -1;
    }
    return id;
}

#if STATICO__AVX512 && defined(__AVX512VBMI__)
/* The same lookup, comparing the name with one masked vector compare of the
 * line's first bytes, already in a register. */
static STATICO__INLINE int statico__header_id_w(__m512i win, const char *n, size_t len, __m256i lower)
{
    int id = statico__header_key(n, len) - 1;
    if (id < 0) return -1;
    /* a different name of the same length and key differs in some byte */
    if (_mm256_mask_cmpneq_epi8_mask(_bzhi_u32(~0u, (unsigned)len),
                                     _mm256_or_si256(_mm512_castsi512_si256(win), lower),
                                     _mm256_load_si256((const __m256i *)(const void *)statico__hnames[id].name)))
        return -1;
    return id;
}
#endif

/* statico__te bits */
#define STATICO__TE_SEEN 1
#define STATICO__TE_LAST_CHUNKED 2
#define STATICO__TE_UNKNOWN 4
/* statico__conn bits */
#define STATICO__CONN_CLOSE 1
#define STATICO__CONN_KEEP_ALIVE 2
#define STATICO__CONN_UPGRADE 4
#define STATICO__CONN_HAS_UPGRADE_HDR 8

static const char *statico__skip_ows(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t')) p++;
    return p;
}

/* quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE (RFC 9110 5.6.4).
 * p is at the opening quote; returns the byte after the closing one or NULL. */
static const char *statico__quoted_string(const char *p, const char *e)
{
    for (p++; p < e; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"') return p + 1;
        if (c == '\\') {
            if (++p == e) return NULL;
            c = (unsigned char)*p;
        }
        /* qdtext and quoted-pair: HTAB, SP, VCHAR, obs-text (DQUOTE and '\\'
         * themselves only escaped, which the branch above handled). */
        if (!STATICO__IS(c, STATICO__C_VALUE)) return NULL;
    }
    return NULL;
}

/* Transfer-Encoding = #transfer-coding; transfer-coding = token
 * *( OWS ";" OWS token BWS "=" BWS ( token / quoted-string ) ).
 * Returns 0 or the status to fail with. Empty elements are refused. */
static int statico__parse_te(statico_request *req, const char *p, const char *e)
{
    if (p == e) return 400;
    for (;;) {
        const char *t = p;
        while (p < e && STATICO__IS(*p, STATICO__C_TOKEN)) p++;
        if (p == t) return 400;
        if (p - t == 7 && statico__ieq(t, "chunked", 7)) {
            /* chunked twice (RFC 9112 6.1: MUST NOT apply chunked more than once) */
            if (req->statico__te & STATICO__TE_LAST_CHUNKED) return 400;
            req->statico__te |= STATICO__TE_SEEN | STATICO__TE_LAST_CHUNKED;
        } else {
            if (req->statico__te & STATICO__TE_LAST_CHUNKED) return 400; /* chunked not last */
            req->statico__te |= STATICO__TE_SEEN | STATICO__TE_UNKNOWN;
        }
        p = statico__skip_ows(p, e);
        while (p < e && *p == ';') {
            if (req->statico__te & STATICO__TE_LAST_CHUNKED) return 400; /* chunked has no parameters */
            p = statico__skip_ows(p + 1, e);
            t = p;
            while (p < e && STATICO__IS(*p, STATICO__C_TOKEN)) p++;
            if (p == t) return 400;
            p = statico__skip_ows(p, e);
            if (p == e || *p != '=') return 400;
            p = statico__skip_ows(p + 1, e);
            if (p < e && *p == '"') {
                p = statico__quoted_string(p, e);
                if (!p) return 400;
            } else {
                t = p;
                while (p < e && STATICO__IS(*p, STATICO__C_TOKEN)) p++;
                if (p == t) return 400;
            }
            p = statico__skip_ows(p, e);
        }
        if (p == e) return 0;
        if (*p != ',') return 400;
        p = statico__skip_ows(p + 1, e);
        if (p == e) return 400;
    }
}

/* Connection = #connection-option (tokens). Empty elements are ignored as
 * RFC 9110 5.6.1 asks; any other byte is 400. */
static int statico__parse_connection(statico_request *req, const char *p, const char *e)
{
    /* the usual values, whole: "keep-alive" and "close" */
    if (e - p == 10 && (statico__load64(p) | STATICO__LOWER8) == statico__load64("keep-ali")
        && (statico__load16(p + 8) | 0x2020) == statico__load16("ve")) {
        req->statico__conn |= STATICO__CONN_KEEP_ALIVE;
        return 0;
    }
    for (;;) {
        const char *t;
        size_t n;
        p = statico__skip_ows(p, e);
        t = p;
        while (p < e && STATICO__IS(*p, STATICO__C_TOKEN)) p++;
        n = (size_t)(p - t);
        if (n == 5 && statico__ieq(t, "close", 5)) req->statico__conn |= STATICO__CONN_CLOSE;
        else if (n == 10 && statico__ieq(t, "keep-alive", 10)) req->statico__conn |= STATICO__CONN_KEEP_ALIVE;
        else if (n == 7 && statico__ieq(t, "upgrade", 7)) req->statico__conn |= STATICO__CONN_UPGRADE;
        p = statico__skip_ows(p, e);
        if (p == e) return 0;
        if (*p != ',') return 400;
        p++;
    }
}

/* Content-Length = 1*DIGIT (RFC 9110 8.6), at most 2^63-1; repeated lines
 * must carry the same value. */
static int statico__parse_content_length(statico_request *req, const char *p, const char *e)
{
    uint64_t v = 0;
    if (p == e) return 400;
    for (; p < e; p++) {
        unsigned d = (unsigned)(unsigned char)*p - '0';
        if (d > 9) return 400;
        if (v > (UINT64_C(0x7fffffffffffffff) - d) / 10) return 400;
        v = v * 10 + d;
    }
    if ((req->flags & STATICO_REQ_CONTENT_LENGTH) && req->content_length != v) return 400;
    req->flags |= STATICO_REQ_CONTENT_LENGTH;
    req->content_length = v;
    return 0;
}

/* authority-form = uri-host ":" port (RFC 9112 3.2.3). */
static int statico__authority_form(const char *t, const char *e)
{
    const char *c = e;
    while (c > t && c[-1] >= '0' && c[-1] <= '9') c--;
    if (c == e || c - 1 <= t || c[-1] != ':') return 0;
    for (e = c - 1; t < e; t++)
        if (!STATICO__IS(*t, STATICO__C_HOST)) return 0;
    return 1;
}

static STATICO__INLINE statico_span statico__span(const char *buf, const char *p, const char *e)
{
    statico_span s;
    s.off = (uint16_t)(p - buf);
    s.len = (uint16_t)(e - p);
    return s;
}

/* Two adjacent spans in one store: compilers vectorize four 16-bit stores
 * into a dozen instructions. */
static STATICO__INLINE void statico__span2(statico_span *s, const char *buf, const char *a, const char *ae,
                                           const char *b, const char *be)
{
#if STATICO__BIG_ENDIAN
    s[0] = statico__span(buf, a, ae);
    s[1] = statico__span(buf, b, be);
#else
    uint64_t w = (uint64_t)(a - buf) | (uint64_t)(ae - a) << 16 | (uint64_t)(b - buf) << 32
               | (uint64_t)(be - b) << 48;
    memcpy(s, &w, 8);
#endif
}

static STATICO__INLINE int statico__method_id(const char *m, size_t n)
{
    switch (n) {
    case 3:
        if (!memcmp(m, "GET", 3)) return STATICO_METHOD_GET;
        if (!memcmp(m, "PUT", 3)) return STATICO_METHOD_PUT;
        break;
    case 4:
        if (!memcmp(m, "POST", 4)) return STATICO_METHOD_POST;
        if (!memcmp(m, "HEAD", 4)) return STATICO_METHOD_HEAD;
        break;
    case 5:
        if (!memcmp(m, "PATCH", 5)) return STATICO_METHOD_PATCH;
        if (!memcmp(m, "TRACE", 5)) return STATICO_METHOD_TRACE;
        break;
    case 6:
        if (!memcmp(m, "DELETE", 6)) return STATICO_METHOD_DELETE;
        break;
    case 7:
        if (!memcmp(m, "OPTIONS", 7)) return STATICO_METHOD_OPTIONS;
        if (!memcmp(m, "CONNECT", 7)) return STATICO_METHOD_CONNECT;
        break;
    }
    return STATICO_METHOD_OTHER;
}

/* Resume phases: the class of the bytes the stopped line continues with. */
enum { STATICO__PH_VALUE, STATICO__PH_TOKEN, STATICO__PH_TARGET, STATICO__PH_VERSION, STATICO__PH_NONE };
static const char statico__version_pattern[] = "HTTP/0.0\r\n"; /* '0' stands for a digit */

#define STATICO__FAIL(code)                                                                        \
    do {                                                                                           \
        req->status = (code);                                                                      \
        return -1;                                                                                 \
    } while (0)

/* The request line, from p (a line start). Returns the next line's start,
 * NULL when incomplete (with *stop set to where validation stopped),
 * STATICO__IN_TARGET when incomplete inside the target, or STATICO__ERR
 * with req->status set. */
#define STATICO__ERR ((const char *)1)
#define STATICO__IN_TARGET ((const char *)2)
#if STATICO__AVX512 && defined(__AVX512VBMI__)
/* The common request line in one window: "METHOD /target HTTP/1.x" CRLF
 * within 64 bytes. Returns the next line's start, or NULL for anything else
 * (longer, another form, an error), which the general path then handles. */
static STATICO__INLINE const char *statico__request_line_w(statico_request *req, const char *buf, const char *p,
                                                           const char *end, size_t max_target)
{
    const __m512i t0 = _mm512_load_si512((const void *)statico__vbmi_class);
    const __m512i t1 = _mm512_load_si512((const void *)(statico__vbmi_class + 64));
    size_t left = (size_t)(end - p);
    __m512i v = left >= 64 ? _mm512_loadu_si512((const void *)p)
                           : _mm512_maskz_loadu_epi8(((__mmask64)1 << left) - 1, p);
    __m512i c = _mm512_permutex2var_epi8(t0, v, t1);
    uint64_t high = _mm512_movepi8_mask(v);
    uint64_t nontok = _mm512_testn_epi8_mask(c, _mm512_set1_epi8(1)) | high;
    uint64_t bad = _mm512_test_epi8_mask(c, _mm512_set1_epi8(4)) | high; /* not a target byte */
    uint64_t qm;
    unsigned m, te, mid;
    const char *ver;
    if (!nontok) return NULL;
    m = STATICO__CTZ64(nontok);
    /* methods of 1..8 bytes; stops at or past end (zero bytes) bail out */
    if (m - 1 > 7 || m + 2 > left || p[m] != ' ' || p[m + 1] != '/') return NULL;
    bad >>= m + 1;
    if (!bad) return NULL;
    te = m + 1 + STATICO__CTZ64(bad);
    ver = p + te + 1;
    if (te + 11 > left || p[te] != ' ' || te - m - 1 > max_target) return NULL;
    if (statico__load64(ver) == statico__load64("HTTP/1.1")) req->version = 11;
    else if (statico__load64(ver) == statico__load64("HTTP/1.0")) req->version = 10;
    else return NULL;
    if (statico__load16(ver + 8) != statico__load16("\r\n")) return NULL;
    mid = m == 3 && statico__load32(p) == statico__load32("GET ") ? (unsigned)STATICO_METHOD_GET
                                                                      : (unsigned)statico__method_id(p, m);
    if (mid == STATICO_METHOD_CONNECT) return NULL;
    req->method_id = (uint8_t)mid;
    statico__span2(&req->method, buf, p, p + m, p + m + 1, p + te);
    qm = _mm512_test_epi8_mask(c, _mm512_set1_epi8(8)) & (((uint64_t)1 << te) - 1);
    if (qm) {
        const char *q = p + STATICO__CTZ64(qm);
        statico__span2(&req->path, buf, p + m + 1, q, q + 1, p + te);
        req->flags |= STATICO_REQ_QUERY;
    } else {
        req->path = req->target;
    }
    return ver + 10;
}
#endif

static STATICO__INLINE const char *statico__request_line(statico_request *req, const char *buf, const char *p,
                                                         const char *end, size_t max_target,
                                                         const char **stop, const int simd)
{
    const char *t, *q, *v, *qmark = NULL;
    int m;
#if STATICO__AVX512 && defined(__AVX512VBMI__)
    if (simd) {
        const char *n = statico__request_line_w(req, buf, p, end, max_target);
        if (n) return n;
    }
#endif
    if (STATICO__LIKELY(end - p >= 4) && statico__load32(p) == statico__load32("GET ")) {
        m = STATICO_METHOD_GET;
        q = p + 3;
    } else {
        q = STATICO__SCAN_TOKEN(simd, p, end);
        if (q == end) return req->statico__phase = STATICO__PH_TOKEN, *stop = end, (const char *)NULL;
        if (*q != ' ' || q == p) return req->status = 400, STATICO__ERR;
        m = statico__method_id(p, (size_t)(q - p));
    }
    t = q + 1;
    q = STATICO__SCAN_TARGET(simd, t, end, &qmark);
    /* the length first, so a long target is 414 however its end arrives */
    if ((size_t)(q - t) > max_target) return req->status = 414, STATICO__ERR;
    if (q == end) {
        req->statico__phase = STATICO__PH_TARGET;
        req->statico__mark = (uint32_t)(t - buf);
        return *stop = end, STATICO__IN_TARGET;
    }
    if (*q != ' ' || q == t) return req->status = 400, STATICO__ERR;
    v = q + 1;
    if (STATICO__LIKELY(end - v >= 10)) {
        uint64_t w = statico__load64(v);
        if (w == statico__load64("HTTP/1.1")) req->version = 11;
        else if (w == statico__load64("HTTP/1.0")) req->version = 10;
        else if (!memcmp(v, "HTTP/", 5) && v[5] >= '0' && v[5] <= '9' && v[6] == '.' && v[7] >= '0' && v[7] <= '9'
                 && v[8] == '\r' && v[9] == '\n')
            return req->status = 505, STATICO__ERR;
        else
            return req->status = 400, STATICO__ERR;
        if (v[8] != '\r' || v[9] != '\n') return req->status = 400, STATICO__ERR;
    } else {
        const char *s;
        for (s = v; s < end; s++) {
            char c = *s, pc = statico__version_pattern[s - v];
            if (pc == '0' ? (c < '0' || c > '9') : c != pc) return req->status = 400, STATICO__ERR;
        }
        req->statico__phase = STATICO__PH_VERSION;
        req->statico__mark = (uint32_t)(v - buf);
        *stop = end;
        return NULL;
    }
    /* the form of the target (RFC 9112 3.2) */
    req->method_id = (uint8_t)m;
    statico__span2(&req->method, buf, p, t - 1, t, q);
    if (STATICO__LIKELY(*t == '/')) {
        if (m == STATICO_METHOD_CONNECT) return req->status = 400, STATICO__ERR;
        if (qmark) {
            statico__span2(&req->path, buf, t, qmark, qmark + 1, q);
            req->flags |= STATICO_REQ_QUERY;
        } else {
            req->path = req->target;
        }
    } else if (m == STATICO_METHOD_CONNECT) {
        if (!statico__authority_form(t, q)) return req->status = 400, STATICO__ERR;
        req->path = statico__span(buf, q, q);
    } else if (q - t == 1 && *t == '*') {
        if (m != STATICO_METHOD_OPTIONS) return req->status = 400, STATICO__ERR;
        req->path = req->target;
    } else {
        /* absolute-form: scheme "://" authority [ path-abempty ] [ "?" query ] */
        const char *s = t, *a, *pe = qmark ? qmark : q;
        if (!((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')) return req->status = 400, STATICO__ERR;
        while (s < pe && (((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || (*s >= '0' && *s <= '9') || *s == '+'
                          || *s == '-' || *s == '.'))
            s++;
        if (pe - s < 3 || memcmp(s, "://", 3)) return req->status = 400, STATICO__ERR;
        for (a = s + 3; a < pe && *a != '/'; a++)
            if (!STATICO__IS(*a, STATICO__C_HOST) && *a != '@') return req->status = 400, STATICO__ERR;
        if (a == s + 3) return req->status = 400, STATICO__ERR; /* RFC 9110 4.2.1: no empty host */
        req->path = statico__span(buf, a, pe);
        if (qmark) {
            req->query = statico__span(buf, qmark + 1, q);
            req->flags |= STATICO_REQ_QUERY;
        }
    }
    return v + 10;
}

/* One framing header (id <= STATICO_HDR_UPGRADE): 0 or the status to fail with. */
static int statico__semantic(statico_request *req, const char *buf, const statico_header *h, int id, int simd)
{
    const char *v = buf + h->value.off, *te = v + h->value.len;
    switch (id) {
    case STATICO_HDR_HOST:
#if STATICO__HAVE_SIMD
        if (simd ? !statico__host_ok_v(v, te) : !statico__host_ok_c(v, te)) return 400;
#else
        (void)simd;
        if (!statico__host_ok_c(v, te)) return 400;
#endif
        return 0;
    case STATICO_HDR_CONTENT_LENGTH: return statico__parse_content_length(req, v, te);
    case STATICO_HDR_TRANSFER_ENCODING: return req->version == 10 ? 400 : statico__parse_te(req, v, te);
    case STATICO_HDR_CONNECTION: return statico__parse_connection(req, v, te);
    case STATICO_HDR_EXPECT:
        /* RFC 9110 10.1.1: ignored in an HTTP/1.0 request */
        if (req->version == 11 && te - v == 12 && statico__ieq(v, "100-continue", 12))
            req->flags |= STATICO_REQ_EXPECT_CONTINUE;
        return 0;
    default: /* RFC 9110 7.8: Upgrade is ignored in an HTTP/1.0 request */
        if (req->version == 11) req->statico__conn |= STATICO__CONN_HAS_UPGRADE_HDR;
        return 0;
    }
}

/* The framing headers of a complete head, then the whole-message rules.
 * Returns 0 or the status to fail with. */
static STATICO__NOINLINE int statico__semantics(statico_request *req, const char *buf, const char *end, int simd)
{
    int id, st, hosts = req->index[STATICO_HDR_HOST] != 0;
    if (STATICO__LIKELY(!req->statico__dups)) {
        for (id = 0; id <= STATICO_HDR_UPGRADE; id++)
            if (req->index[id] && (st = statico__semantic(req, buf, &req->headers[req->index[id] - 1], id, simd)))
                return st;
    } else { /* a framing header appears more than once: every line, in order */
        unsigned i;
        hosts = 0;
        for (i = 0; i < req->header_count; i++) {
            const statico_header *h = &req->headers[i];
            id = statico__header_id(buf + h->name.off, h->name.len, end);
            if (id < 0 || id > STATICO_HDR_UPGRADE) continue;
            hosts += id == STATICO_HDR_HOST;
            if ((st = statico__semantic(req, buf, h, id, simd))) return st;
        }
    }
    /* RFC 9112 3.2: exactly one Host in HTTP/1.1, at most one otherwise */
    if (hosts > 1 || (hosts == 0 && req->version == 11)) return 400;
    if (req->statico__te) {
        /* RFC 9112 6.1 and 6.3: chunked must be the final coding; TE with CL is smuggling */
        if (req->flags & STATICO_REQ_CONTENT_LENGTH) return 400;
        if (!(req->statico__te & STATICO__TE_LAST_CHUNKED)) return 400;
        if (req->statico__te & STATICO__TE_UNKNOWN) return 501;
        req->flags |= STATICO_REQ_CHUNKED;
    }
    if (req->statico__conn & STATICO__CONN_CLOSE) req->flags |= STATICO_REQ_CLOSE;
    else if (req->version == 11 || (req->statico__conn & STATICO__CONN_KEEP_ALIVE)) req->flags |= STATICO_REQ_KEEP_ALIVE;
    if ((req->statico__conn & (STATICO__CONN_UPGRADE | STATICO__CONN_HAS_UPGRADE_HDR))
        == (STATICO__CONN_UPGRADE | STATICO__CONN_HAS_UPGRADE_HDR))
        req->flags |= STATICO_REQ_UPGRADE;
    return 0;
}

#define STATICO__REQUEST_LINE(simd, req, buf, p, end, mt, stop) statico__request_line(req, buf, p, end, mt, stop, simd)

/* The header lines from p (a line start) to the empty line. Returns the
 * byte after the head, NULL when incomplete (the resume point and header
 * count saved in req), or STATICO__ERR with req->status set. Kept apart from
 * the rest so the compiler gives this loop every register. */
/* Store header line p (name [p, n), CR at ve) as header number count:
 * trim OWS, record the spans, index a known name (id >= 0). Returns the
 * trimmed value's end; *vp gets its start. */
static STATICO__INLINE const char *statico__header_store(statico_request *req, const char *buf, const char *p,
                                                         const char *n, const char *ve, size_t count, int id,
                                                         const char **vp)
{
    /* OWS (RFC 9110 5.6.3). Bytes in (n, ve) are SP, HTAB or visible, so
     * "<= ' '" means SP or HTAB, or the CR at ve for an empty value. */
    const char *v = n + 1, *te = ve;
    v += *v == ' ';
    if (STATICO__UNLIKELY((unsigned char)*v <= ' '))
        while (v < ve && (*v == ' ' || *v == '\t')) v++;
    if (STATICO__UNLIKELY((unsigned char)te[-1] <= ' '))
        while (te > v && (te[-1] == ' ' || te[-1] == '\t')) te--;
    statico__span2(&req->headers[count].name, buf, p, n, v, te);
    if (id >= 0) {
        /* Framing headers are interpreted once the head is complete, so
         * this loop calls nothing; a repeated one takes the slow path. */
        if (STATICO__LIKELY(!req->index[id])) req->index[id] = (uint8_t)(count + 1);
        else if (id <= STATICO_HDR_UPGRADE) req->statico__dups = 1;
    }
    *vp = v;
    return te;
}

static STATICO__INLINE const char *statico__headers(statico_request *req, const char *buf, const char *p,
                                                    const char *end, const int simd)
{
    size_t count = req->header_count;
    const char *stop;
    unsigned phase;
    {
    STATICO__LINE_CONSTS
    for (;;) {
        const char *n, *v, *ve, *te;
        int id;
#if STATICO__AVX512 && defined(__AVX512VBMI__)
        /* A line whose 64-byte window lies inside the buffer and holds its
         * CR: no bounds to check (the CR is followed by a byte of the
         * buffer). The end of the head, long lines and errors go on below. */
        if (simd && end - p > 64) {
            __m512i c;
            __mmask64 high, ctl;
            lc_win = _mm512_loadu_si512((const void *)p);
            c = _mm512_permutex2var_epi8(lc_t0, lc_win, lc_t1);
            high = _mm512_movepi8_mask(lc_win);
            ctl = _mm512_mask_test_epi8_mask(~high, c, lc_two);
            if (STATICO__LIKELY(ctl != 0)) {
                n = p + STATICO__CTZ64(_mm512_testn_epi8_mask(c, lc_one) | high);
                ve = p + STATICO__CTZ64(ctl);
                STATICO__COUNT(ve - p + 1);
                if (STATICO__LIKELY(n != p && *n == ':' && statico__load16(ve) == statico__load16("\r\n")))
                    goto line;
            }
        }
#endif
        ve = STATICO__SCAN_LINE(simd, p, end, &n);
        /* ve >= n: n == end implies ve + 1 >= end, so *n is read only when n < end */
        if (STATICO__UNLIKELY(n == p || ve + 1 >= end || *n != ':' || statico__load16(ve) != statico__load16("\r\n"))) {
            /* the end of the head, an incomplete line, or an error */
            if (end - p < 2) {
                /* a line can only start with a tchar, or CR for the end of the head */
                if (p < end && *p != '\r' && !STATICO__IS(*p, STATICO__C_TOKEN))
                    return req->status = 400, STATICO__ERR;
                stop = p;
                phase = STATICO__PH_NONE;
                goto incomplete;
            }
            if (*p == '\r') {
                if (p[1] != '\n') return req->status = 400, STATICO__ERR;
                p += 2;
                break;
            }
            stop = end;
            if (n == end) {
                phase = STATICO__PH_TOKEN;
                goto incomplete;
            }
            /* a line starting with SP/HTAB is obs-fold; other stops are not ':' */
            if (n == p || *n != ':') return req->status = 400, STATICO__ERR;
            phase = STATICO__PH_VALUE;
            if (ve == end) goto incomplete;
            if (*ve != '\r') return req->status = 400, STATICO__ERR;
            if (ve + 1 < end) return req->status = 400, STATICO__ERR; /* CR without LF */
            stop = ve;
            goto incomplete;
        }
#if STATICO__AVX512 && defined(__AVX512VBMI__)
    line:
#endif
        if (STATICO__UNLIKELY(count == STATICO_MAX_HEADERS)) return req->status = 431, STATICO__ERR;
        id = STATICO__HEADER_ID(simd, p, (size_t)(n - p), end);
        te = statico__header_store(req, buf, p, n, ve, count, id, &v);
        if (STATICO__UNLIKELY(id == STATICO_HDR_HOST) && req->index[STATICO_HDR_HOST] == count + 1)
            req->statico__host_bad = (uint8_t)STATICO__HOST_BAD(simd, p, v, te);
        count++;
        p = ve + 2;
    }
    }
    req->header_count = (uint16_t)count;
    return p;
incomplete:
    req->header_count = (uint16_t)count;
    req->statico__line = (uint32_t)(p - buf);
    req->statico__scan = (uint32_t)(stop - buf);
    req->statico__phase = (uint8_t)phase;
    return NULL;
}
static STATICO__NOINLINE const char *statico__headers_v(statico_request *req, const char *buf, const char *p,
                                                        const char *end)
{
    return statico__headers(req, buf, p, end, 1);
}
static STATICO__NOINLINE const char *statico__headers_c(statico_request *req, const char *buf, const char *p,
                                                        const char *end)
{
    return statico__headers(req, buf, p, end, 0);
}

static STATICO__INLINE int statico__parse(statico_request *req, const char *buf, size_t len, const int simd)
{
    size_t max_head = req->max_head ? (req->max_head < 65536 ? req->max_head : 65536) : STATICO_MAX_HEAD;
    size_t max_target = req->max_target ? req->max_target : STATICO_MAX_TARGET;
    const char *end = buf + (len < max_head ? len : max_head);
    const char *p = buf + req->statico__line, *stop = end;

    if (STATICO__UNLIKELY(req->statico__scan > req->statico__line)) {
        /* Resuming inside a line: look only at the new bytes, with the class
         * the line continues with; a byte outside it (its end, or an error)
         * sends the whole line through the parser once. */
        const char *s = buf + req->statico__scan, *q = NULL;
        switch (req->statico__phase) {
        case STATICO__PH_VALUE: s = STATICO__SCAN_VALUE(simd, s, end); break;
        case STATICO__PH_TOKEN: s = STATICO__SCAN_TOKEN(simd, s, end); break;
        case STATICO__PH_TARGET:
            s = STATICO__SCAN_TARGET(simd, s, end, &q);
            if ((size_t)(s - (buf + req->statico__mark)) > max_target) STATICO__FAIL(414);
            break;
        case STATICO__PH_VERSION: { /* "HTTP/d.d" so far; a mismatch or the CR ends the scan */
            const char *v = buf + req->statico__mark;
            for (; s < end && s - v < 8; s++) {
                char pc = statico__version_pattern[s - v];
                if (pc == '0' ? (*s < '0' || *s > '9') : *s != pc) break;
            }
            break;
        }
        default: s = p; break;
        }
        if (s == end) {
            stop = end;
            goto incomplete;
        }
    }
    if (STATICO__UNLIKELY(req->statico__state == 0)) {
        const char *n;
        /* RFC 9112 2.2: ignore empty lines before the request-line. */
        while (p < end && *p == '\r') {
            if (p + 1 == end) {
                stop = p;
                goto incomplete;
            }
            if (p[1] != '\n') STATICO__FAIL(400);
            p += 2;
        }
        n = STATICO__REQUEST_LINE(simd, req, buf, p, end, max_target, &stop);
        if (n == STATICO__ERR) return -1;
        if (n == NULL || n == STATICO__IN_TARGET) goto incomplete;
        p = n;
        req->statico__state = 1;
    }

    p = (simd ? statico__headers_v : statico__headers_c)(req, buf, p, end);
    if (STATICO__UNLIKELY(p == NULL || p == STATICO__ERR)) {
        if (p == STATICO__ERR) return -1;
        if (len >= max_head) STATICO__FAIL(431);
        return -2;
    }

    /* the head is complete: the framing headers and whole-message checks */
    if (STATICO__LIKELY(!req->statico__dups
                        && !(req->index[STATICO_HDR_CONTENT_LENGTH] | req->index[STATICO_HDR_TRANSFER_ENCODING]
                             | req->index[STATICO_HDR_EXPECT] | req->index[STATICO_HDR_UPGRADE]))) {
        /* the usual head: Host (checked in the header loop), maybe Connection, no body */
        unsigned c = req->index[STATICO_HDR_CONNECTION];
        if (req->index[STATICO_HDR_HOST] ? req->statico__host_bad : req->version == 11) STATICO__FAIL(400);
        if (c) {
            const statico_header *h = &req->headers[c - 1];
            if (statico__parse_connection(req, buf + h->value.off, buf + h->value.off + h->value.len))
                STATICO__FAIL(400);
        }
        if (req->statico__conn & STATICO__CONN_CLOSE) req->flags |= STATICO_REQ_CLOSE;
        else if (req->version == 11 || (req->statico__conn & STATICO__CONN_KEEP_ALIVE)) req->flags |= STATICO_REQ_KEEP_ALIVE;
    } else {
        int st = statico__semantics(req, buf, p, simd);
        if (st) STATICO__FAIL(st);
    }
    req->statico__state = 2;
    return (int)(p - buf);

incomplete:
    if (len >= max_head) {
        /* The head does not fit. A request line cut inside its target is 414;
         * this runs once, on the way out. */
        if (req->statico__state == 0) {
            const char *n = STATICO__REQUEST_LINE(simd, req, buf, p, end, max_target, &stop);
            if (n == STATICO__ERR) return -1;
            if (n == STATICO__IN_TARGET) STATICO__FAIL(414);
        }
        STATICO__FAIL(431);
    }
    req->statico__line = (uint32_t)(p - buf);
    req->statico__scan = (uint32_t)(stop - buf);
    return -2;
}

STATICO_API int statico_parse_request(statico_request *req, const char *buf, size_t len)
{
    return statico__parse(req, buf, len, 1);
}

/* The plain-C twin of statico_parse_request(), for tests and fuzzing. */
STATICO_API int statico__parse_request_plain(statico_request *req, const char *buf, size_t len);
STATICO_API int statico__parse_request_plain(statico_request *req, const char *buf, size_t len)
{
    return statico__parse(req, buf, len, 0);
}

STATICO_API void statico_request_reset(statico_request *req)
{
    uint32_t mh = req->max_head, mt = req->max_target;
    memset(req, 0, offsetof(statico_request, headers));
    req->max_head = mh;
    req->max_target = mt;
}

// >>chunked
enum {
    STATICO__CK_SIZE0, /* first hex digit of a size */
    STATICO__CK_SIZE,
    STATICO__CK_EXT_NAME0,
    STATICO__CK_EXT_NAME,
    STATICO__CK_EXT_VAL0,
    STATICO__CK_EXT_TOKEN,
    STATICO__CK_EXT_QS,
    STATICO__CK_EXT_QP,
    STATICO__CK_EXT_AFTER_QS,
    STATICO__CK_SIZE_LF,
    STATICO__CK_DATA,
    STATICO__CK_DATA_CR,
    STATICO__CK_DATA_LF,
    STATICO__CK_TR0, /* start of a trailer line, or the final CRLF */
    STATICO__CK_TR_NAME,
    STATICO__CK_TR_VALUE,
    STATICO__CK_TR_LF,
    STATICO__CK_END_LF,
    STATICO__CK_DONE
};

STATICO_API ptrdiff_t statico_chunked_decode(statico_chunked *c, const char *buf, size_t len,
                                             statico_chunk_data *data)
{
    size_t i = 0;
    data->off = data->len = 0;
    if (c->state == STATICO__CK_DONE) return 0;
    while (i < len) {
        unsigned char b = (unsigned char)buf[i];
        unsigned st = c->state;
        if (st == STATICO__CK_DATA) {
            size_t n = len - i;
            if ((uint64_t)n > c->remaining) n = (size_t)c->remaining;
            data->off = i;
            data->len = n;
            c->remaining -= n;
            c->body_bytes += n;
            if (!c->remaining) c->state = STATICO__CK_DATA_CR;
            return (ptrdiff_t)(i + n);
        }
        i++;
        if (st < STATICO__CK_SIZE_LF || (st >= STATICO__CK_TR0 && st <= STATICO__CK_TR_LF)) {
            if (++c->line_bytes > STATICO_MAX_CHUNK_LINE) goto bad;
            if (st >= STATICO__CK_TR0 && ++c->trailer_bytes > STATICO_MAX_HEAD) {
                c->status = 431;
                return -1;
            }
        }
        switch (st) {
        case STATICO__CK_SIZE0:
        case STATICO__CK_SIZE:
            if (STATICO__IS(b, STATICO__C_HEX)) {
                unsigned d = b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
                if (c->remaining > (UINT64_C(0x7fffffffffffffff) >> 4)) goto bad;
                c->remaining = c->remaining << 4 | d;
                c->state = STATICO__CK_SIZE;
            } else if (st == STATICO__CK_SIZE && b == ';') {
                c->state = STATICO__CK_EXT_NAME0;
            } else if (st == STATICO__CK_SIZE && b == '\r') {
                c->state = STATICO__CK_SIZE_LF;
            } else {
                goto bad;
            }
            break;
        case STATICO__CK_EXT_NAME0:
        case STATICO__CK_EXT_NAME:
            if (STATICO__IS(b, STATICO__C_TOKEN)) c->state = STATICO__CK_EXT_NAME;
            else if (st == STATICO__CK_EXT_NAME && b == '=') c->state = STATICO__CK_EXT_VAL0;
            else if (st == STATICO__CK_EXT_NAME && b == ';') c->state = STATICO__CK_EXT_NAME0;
            else if (st == STATICO__CK_EXT_NAME && b == '\r') c->state = STATICO__CK_SIZE_LF;
            else goto bad;
            break;
        case STATICO__CK_EXT_VAL0:
            if (b == '"') c->state = STATICO__CK_EXT_QS;
            else if (STATICO__IS(b, STATICO__C_TOKEN)) c->state = STATICO__CK_EXT_TOKEN;
            else goto bad;
            break;
        case STATICO__CK_EXT_TOKEN:
            if (STATICO__IS(b, STATICO__C_TOKEN)) break;
            if (b == ';') c->state = STATICO__CK_EXT_NAME0;
            else if (b == '\r') c->state = STATICO__CK_SIZE_LF;
            else goto bad;
            break;
        case STATICO__CK_EXT_QS:
            if (b == '"') c->state = STATICO__CK_EXT_AFTER_QS;
            else if (b == '\\') c->state = STATICO__CK_EXT_QP;
            else if (!STATICO__IS(b, STATICO__C_VALUE)) goto bad;
            break;
        case STATICO__CK_EXT_QP:
            if (!STATICO__IS(b, STATICO__C_VALUE)) goto bad;
            c->state = STATICO__CK_EXT_QS;
            break;
        case STATICO__CK_EXT_AFTER_QS:
            if (b == ';') c->state = STATICO__CK_EXT_NAME0;
            else if (b == '\r') c->state = STATICO__CK_SIZE_LF;
            else goto bad;
            break;
        case STATICO__CK_SIZE_LF:
            if (b != '\n') goto bad;
            c->line_bytes = 0;
            c->state = c->remaining ? STATICO__CK_DATA : STATICO__CK_TR0;
            break;
        case STATICO__CK_DATA_CR:
            if (b != '\r') goto bad;
            c->state = STATICO__CK_DATA_LF;
            break;
        case STATICO__CK_DATA_LF:
            if (b != '\n') goto bad;
            c->state = STATICO__CK_SIZE0;
            break;
        case STATICO__CK_TR0:
            if (b == '\r') c->state = STATICO__CK_END_LF;
            else if (STATICO__IS(b, STATICO__C_TOKEN)) c->state = STATICO__CK_TR_NAME;
            else goto bad; /* obs-fold, bare LF, empty name */
            break;
        case STATICO__CK_TR_NAME:
            if (b == ':') c->state = STATICO__CK_TR_VALUE;
            else if (!STATICO__IS(b, STATICO__C_TOKEN)) goto bad;
            break;
        case STATICO__CK_TR_VALUE:
            if (b == '\r') c->state = STATICO__CK_TR_LF;
            else if (!STATICO__IS(b, STATICO__C_VALUE)) goto bad;
            break;
        case STATICO__CK_TR_LF:
            if (b != '\n') goto bad;
            c->line_bytes = 0;
            c->state = STATICO__CK_TR0;
            break;
        case STATICO__CK_END_LF:
            if (b != '\n') goto bad;
            c->state = STATICO__CK_DONE;
            c->done = 1;
            return (ptrdiff_t)i;
        }
    }
    return (ptrdiff_t)i;
bad:
    c->status = 400;
    return -1;
}

// >>public
static const char *const statico__method_names[STATICO_METHOD__COUNT] = {
    "", "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};

STATICO_API const char *statico_method_name(int method_id)
{
    return method_id > 0 && method_id < STATICO_METHOD__COUNT ? statico__method_names[method_id] : "";
}

STATICO_API const char *statico_header_name(int header_id)
{
    return header_id >= 0 && header_id < STATICO_HDR__COUNT ? statico__hnames[header_id].name : "";
}

STATICO_API const statico_header *statico_request_find(const statico_request *req, const char *buf,
                                                       const char *name, size_t name_len)
{
    unsigned i;
    for (i = 0; i < req->header_count; i++) {
        const statico_header *h = &req->headers[i];
        size_t k;
        if (h->name.len != name_len) continue;
        for (k = 0; k < name_len; k++) {
            unsigned char a = (unsigned char)buf[h->name.off + k], b = (unsigned char)name[k];
            if (a >= 'A' && a <= 'Z') a = (unsigned char)(a | 0x20);
            if (b >= 'A' && b <= 'Z') b = (unsigned char)(b | 0x20);
            if (a != b) break;
        }
        if (k == name_len) return h;
    }
    return NULL;
}

#undef STATICO__FAIL
#undef STATICO__ERR
#undef STATICO__IN_TARGET
#undef STATICO__REQUEST_LINE
#undef STATICO__LINE_CONSTS
#undef STATICO__LINE_ARGS
#undef STATICO__SCAN_LINE
#undef STATICO__HEADER_ID
#undef STATICO__HOST_BAD
#undef STATICO__IS
#undef STATICO__LOWER8
#undef STATICO__SCAN_VALUE
#undef STATICO__SCAN_TOKEN
#undef STATICO__SCAN_TARGET
#undef STATICO__TOK_LO
#undef STATICO__TOK_HI
#endif /* STATICO__IMPLEMENTED */
#endif /* STATICO_IMPLEMENTATION */

/*
------------------------------------------------------------------------------
This is free and unencumbered software released into the public domain.

Anyone is free to copy, modify, publish, use, compile, sell, or distribute this
software, either in source code form or as a compiled binary, for any purpose,
commercial or non-commercial, and by any means.

In jurisdictions that recognize copyright laws, the author or authors of this
software dedicate any and all copyright interest in the software to the public
domain. We make this dedication for the benefit of the public at large and to
the detriment of our heirs and successors. We intend this dedication to be an
overt act of relinquishment in perpetuity of all present and future rights to
this software under copyright law.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN
ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION
WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

For more information, please refer to <http://unlicense.org/>
------------------------------------------------------------------------------
*/
