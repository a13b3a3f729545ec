/* statico.h - serve pre-configured HTTP responses as fast as the kernel allows.
 * Public domain (Unlicense, see the end of this file). No warranty.
 *
 * ---------------------------------------------------------------------------
 * WHAT IT IS
 *
 *   A single-header C library (C99, also compiles as C++) that serves
 *   pre-configured HTTP/1.1 and HTTP/2 (h2c) responses: an in-process mock server for test
 *   suites, and (examples/cli.c) the full `statico` command line for
 *   benchmarking HTTP clients, proxies and load balancers. Inside: a strict,
 *   SIMD span-based request parser (usable on its own), a chunked-body
 *   decoder, responses encoded once at start-up, and one worker thread per
 *   core with its own SO_REUSEPORT listeners and event loop (io_uring or
 *   epoll on Linux, poll() on other POSIX systems). A sans-I/O connection
 *   engine decides everything HTTP (routing, responses, delays, timeouts,
 *   keep-alive and close) on the clock the loop hands it; the protocol
 *   gives it each request as an exchange, and observers (counters, verbose
 *   logging) hear every exchange once. Backends only move bytes, so every
 *   one answers byte for byte the same.
 *
 * DO THIS
 *
 *   In exactly one C or C++ file:
 *       #define STATICO_IMPLEMENTATION
 *       #include "statico.h"
 *   Everywhere else just #include "statico.h". The server needs POSIX
 *   threads and sockets (link with -lpthread on old C libraries); in strict
 *   ISO mode (-std=c99, not gnu99) define _POSIX_C_SOURCE 200809L before any
 *   #include, or STATICO_NO_SERVER for the parser alone.
 *
 * MINIMAL USE: A MOCK SERVER
 *
 *       static const char *hdrs[] = {"Content-Type: application/json"};
 *       statico_config cfg = {0};           // zero = defaults everywhere
 *       statico_server *srv;
 *       char err[256];
 *       cfg.response.body = "{\"ok\":true}";
 *       cfg.response.body_len = 11;
 *       cfg.response.headers = hdrs;
 *       cfg.response.header_count = 1;
 *       if (statico_server_start(&cfg, &srv, err, sizeof err) != STATICO_OK)
 *           fprintf(stderr, "%s\n", err);
 *       int port = statico_server_port(srv, 0);   // the ephemeral port
 *       ... run the client under test against 127.0.0.1:port ...
 *       statico_server_stop(srv);
 *
 * MINIMAL USE: THE PARSER
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
 * THE SERVER
 *
 *   statico_server_start(cfg, &srv, err, n)  validates cfg, encodes the
 *       responses, binds every listener (port 0: an ephemeral port) and
 *       starts the workers; returns once all of them listen. On failure it
 *       returns a statico_result and writes a one-line message to err: an
 *       invalid header, a Content-Length or Transfer-Encoding header (the
 *       server frames bodies itself), a Connection header other than "close"
 *       or "keep-alive", a status outside 200-599, a body with 204 or 304, a
 *       port in use. The library never exits and never prints; notices go
 *       to cfg.log, the first of them "listening on ADDRESS port(s) PORTS
 *       (N thread(s), BACKEND)", BACKEND being the one that runs ("epoll:
 *       io_uring unavailable: WHY" when io_uring was asked for and refused).
 *   statico_server_port(srv, i)  the port of cfg.ports[i] (the same on both
 *       loopback addresses).
 *   statico_server_stop(srv)  stops accepting, answers what has already
 *       arrived (with "Connection: close"), lets the responses in flight
 *       finish (at most a second), ends every connection with a half-close
 *       (never a reset, unless the deadline passes), joins, frees.
 *   statico_run(cfg, err, n)  start, wait for SIGINT or SIGTERM, stop.
 *
 *   statico_config (zero = default):
 *     address            NULL: loopback, 127.0.0.1 and ::1 (where IPv6 is
 *                        up), so a mock in a test suite is not on the
 *                        network; "::" every interface, IPv6 and IPv4
 *                        (0.0.0.0 without IPv6); else an IPv4 or IPv6
 *                        address ("[::1]" too)
 *     ports, port_count  0 ports: one ephemeral port
 *     threads            workers (1)
 *     pin                1: worker t runs on the t-th CPU the process may
 *                        use (0: not pinned, so parallel test processes do
 *                        not all crowd CPU 0; the command line pins)
 *     bind_all           every worker binds every port; otherwise ports are
 *                        balanced over the workers: port i on worker i mod T,
 *                        and with more workers than ports, worker t also on
 *                        port t mod P, so every worker and port has work
 *     backend            STATICO_BACKEND_DEFAULT (epoll on Linux, else poll),
 *                        _EPOLL, _POLL, _IO_URING (Linux 6.0+: multishot
 *                        accept and recv into a provided-buffer ring, filled
 *                        incrementally on 6.12+, small responses sent from a
 *                        per-worker arena, bodies of sendfile_min and more
 *                        with sendfile, SEND_ZC for those of uring_zc_min
 *                        and more; when the kernel,
 *                        kernel.io_uring_disabled or a seccomp filter
 *                        refuses, or no_io_uring is set, it runs on epoll
 *                        and the start-up notice says why)
 *     uring_entries      io_uring submission queue (4096; a power of two)
 *     uring_sqpoll_ms    io_uring kernel submission polling, idle ms (off)
 *     uring_zc_min       SEND_ZC from body segments of this size (16 MiB, the
 *                        measured crossover on loopback; UINT64_MAX never)
 *     sendfile_min       bodies of this size and more are kept in a memfd
 *                        and sent with sendfile, without the copy from user
 *                        memory (128 KiB; UINT64_MAX never; Linux)
 *     no_io_uring        1: run on epoll as if io_uring were refused (tests)
 *     no_uring_inc       1: each io_uring receive takes a whole provided
 *                        buffer; by default (Linux 6.12+) receives fill the
 *                        buffers one after another, so idle connections
 *                        cost about 100 bytes each after a first burst
 *                        instead of about 500
 *     no_http2           1: HTTP/1.1 only (the HTTP/2 preface then gets the
 *                        HTTP/1.1 error, 505)
 *     receive_buffer_size, send_buffer_size   SO_RCVBUF/SO_SNDBUF (kernel's)
 *     listen_backlog     4096
 *     tcp_nodelay        TCP_NODELAY on connections (off)
 *     no_date            no Date header (a Date is patched in once a second)
 *     max_head           request head limit, 256..65536 (16384), else 431
 *     max_target         request-target limit, 1..65535 (8192), else 414;
 *                        with the head limit, a request line of 8000 bytes
 *                        is served (RFC 9112 section 3 recommends it)
 *     max_body           request body limit, else 413 and close (none: a
 *                        body that is only discarded may be of any size;
 *                        64 MiB when bodies are kept, verbose >= 3)
 *     max_connections    per worker (65536); more are closed at accept
 *     header_timeout_ms  a request head must arrive within (10000): 408 and
 *                        close; a client sending a byte a second is cut off
 *     body_timeout_ms    a request body (or the body a "100-continue"
 *                        announced) must bring 1 KiB, or its end, within
 *                        (10000), and again within as long for each further
 *                        KiB: 408 and close; a trickle is cut off, a large
 *                        upload is not
 *     idle_timeout_ms    idle keep-alive connections close after (60000)
 *     response           for requests no route matches (200, empty body)
 *     routes, route_count  statico_route {method, path, response}: method
 *                        NULL or "*" for any; in path a '*' segment matches
 *                        one segment and a final "**" whatever is left; the
 *                        first match wins; the query is not part of the path;
 *                        steps, step_count: a sequence instead of response,
 *                        each step's response for `times` requests (0: for
 *                        ever), the last repeating; the position is the
 *                        route's over every worker and connection, in
 *                        request order within a pipelined batch, rewound by
 *                        statico_server_reset; name: what reports call it;
 *                        match: query, header and body conditions that must
 *                        hold too (statico_match), else the next route is
 *                        tried; a body condition (equal to, or containing,
 *                        body/body_len) has the body read first, up to
 *                        1 MiB or max_body (longer: it does not hold), and
 *                        only for requests whose head would pick that route
 *     log, log_user      notices (listening, out of descriptors, ...)
 *     verbose            0..4: each exchange, formatted on its worker and
 *                        handed whole to verbose_log (or log): 1 the request
 *                        line and the status line, 2 and the headers, 3 and
 *                        the bodies (printable bytes as they are, others as
 *                        \xNN; request bodies kept up to max_body), 4 and a
 *                        hexdump of each body; slower, never different bytes
 *     verbose_color      ANSI colours in that text (off)
 *     delay_us           each response goes out this long after its request
 *                        is complete; pipelined requests each after their own
 *                        arrival, answered in order; other connections go on
 *                        (epoll and poll round up to the millisecond)
 *     body_delay_us      the head goes out (after delay_us), the body this
 *                        much later
 *     delay_max_us       above delay_us: each delay is picked uniformly in
 *                        delay_us..delay_max_us
 *     seed               every random choice follows it (0: one is picked
 *                        at start, statico_server_seed says which, and the
 *                        notice prints it when something random uses it)
 *     journal_size       exchanges kept per worker for statico_server_journal
 *                        (0: none)
 *     journal_bytes      head and body bytes kept of each (4096)
 *
 *   MOCK SERVER VERBS (any thread, while the server runs and after halt)
 *   statico_server_count(srv, route) is how many requests route answered
 *       (an index of cfg.routes; STATICO_ROUTE_DEFAULT: answered by
 *       cfg.response; STATICO_ROUTE_ANY: every request, parse errors
 *       included) since start or the last reset. A request is counted
 *       before its response is handed to the kernel, so a client that has
 *       its response is always counted: no sleep before asserting.
 *   statico_server_wait(srv, route, n, timeout_ms) blocks the calling
 *       thread until that count reaches n: 1, or 0 after timeout_ms
 *       (negative: no limit) or once the server is halted. "Never within
 *       500 ms" is a wait for 1 that returns 0. Workers signal a waiting
 *       thread at the end of the loop pass that counted, and only while
 *       one waits.
 *   statico_server_journal(srv, from_seq, out, max) copies the exchanges
 *       kept (cfg.journal_size per worker, a ring allocated at start that
 *       never grows; 0 = none) with seq >= from_seq, oldest first: seq (one
 *       order over all workers), time, connection, port, route, status,
 *       version, method, target, the head as received and the body, each up
 *       to cfg.journal_bytes (4096) together, body_truncated when longer.
 *       The pointers stay valid until the next statico_server_journal or
 *       statico_server_reset on the server, or its stop. Workers never wait
 *       for a reader; st.journal_overflow counts what the rings lost.
 *   statico_server_report(srv, buf, size) explains the first 16 requests
 *       no route answered (kept apart from the journal, which may be off),
 *       each against its closest route (the one that passes most of
 *       method, path, conditions and body) and the first check it fails;
 *       formatted on the calling thread, snprintf-style.
 *   statico_server_reset(srv) sets the counts back to zero, empties the
 *       journal and the unmatched requests kept, and rewinds the sequences.
 *
 *   WIRE FAULTS: a step's fault (statico_step.fault) fails on the wire
 *   instead of answering: STATICO_FAULT_CLOSE (FIN, not a byte), _RESET
 *   (RST: the client sees ECONNRESET), _STALL (never answers; the
 *   connection is read and discarded until the client leaves, the idle
 *   timeout or a stop), _TRUNCATE (the first `bytes` bytes of the encoded
 *   response, then FIN), _RAW (raw[0..raw_len) instead, then FIN),
 *   _DRIBBLE (the whole response `bytes` at a time, one piece every
 *   every_us) and _RATE (at `bytes` bytes a second: a piece every 10 ms).
 *   The engine decides, so every backend behaves alike, and no fault holds
 *   a thread or stalls other connections. Responses answered before a
 *   fault on its connection go out first; requests pipelined behind an
 *   ending fault (all but dribble and rate) are not answered: they are
 *   counted (STATICO_ROUTE_ANY) and journaled with fault
 *   STATICO_FAULT_DROPPED. Faulted requests are counted as their route's;
 *   the journal says each one's fault (statico_exchange.fault), status 0
 *   when no status line went out. Delays apply to faults too.
 *   statico_server_set_route(srv, i, &route, err, size) replaces route i
 *       (method, path, name, conditions, steps, response) while serving.
 *       It returns once every worker has the new version: a request sent
 *       after it gets the new bytes, responses already chosen (in flight,
 *       delayed, partly sent) finish with the old ones, which are freed
 *       once nothing uses them. Its sequence starts again. Workers take no
 *       lock for it: each takes the hand-over between two loop passes.
 *
 *   statico_server_stats(srv, port, &st) reads the totals (requests,
 *   request bytes, responses, response bytes, connections) for one port or
 *   all; the counters are per worker and per port, written only by their
 *   worker without atomic read-modify-writes. statico_server_halt(srv)
 *   stops and joins like statico_server_stop but keeps them readable.
 *
 *   Behaviour. Each response is encoded once per worker: "HTTP/1.1 <code>
 *   <reason>", the configured headers in order, Content-Length (always, 0
 *   included; never with 204 or 304), Date (unless a Date header is
 *   configured, which then goes out as given), Connection when there is
 *   something to say, then the body. A pipelined batch of requests becomes
 *   one vectored send of their responses, in order. HEAD gets the same head
 *   without the body. HTTP/1.0 keeps the connection only when asked
 *   (answered with "Connection: keep-alive"); "Connection: close" is
 *   answered with "Connection: close" and a close after the flush. A
 *   configured "Connection: close" closes the connection after every
 *   response that has it; a configured "Connection: keep-alive" is said on
 *   every response that keeps the connection; either way one Connection
 *   header goes out, never two. Request bodies (Content-Length or chunked)
 *   are read and discarded; "Expect: 100-continue" gets "HTTP/1.1 100
 *   Continue" unless the body is already there. Invalid requests get the
 *   parser's status (400, 414, 431, 501, 505) with "Connection: close",
 *   after the responses of the requests before them; CONNECT gets 501.
 *   Closing connections are half-closed and drained for up to a second so
 *   the client reads the response before the connection goes. A client
 *   that half-closes (shutdown(SHUT_WR)) gets every response it is owed,
 *   then the close. A connection that owes more than 1 MiB of responses,
 *   or 4096 delayed ones, is not read until it owes half of that: a client
 *   that pipelines without reading costs bounded memory, on every backend.
 *
 *   HTTP/2. Every port serves HTTP/2 cleartext (h2c, RFC 9113) too: a
 *   connection that starts with the client preface, or an HTTP/1.1 request
 *   without a body that asks for "Upgrade: h2c" with one HTTP2-Settings
 *   (answered 101, then on stream 1). Each stream is an exchange like an
 *   HTTP/1.1 request: routes, conditions, sequences, counts, the journal
 *   (version 20; its head reads "GET /path HTTP/2", "host: " from
 *   :authority, then the fields), verbose logging, the report. A response
 *   is its encoding's HPACK block (written once: :status, the configured
 *   headers with lowercase names, content-length, date; Connection and the
 *   other connection-specific headers left out) and its body as DATA
 *   frames within the flow-control windows; a stream out of window waits
 *   without holding the others back. The server advertises 128 concurrent
 *   streams (more are refused with REFUSED_STREAM), a 16 MiB stream window
 *   and opens the connection window to 1 GiB; HPACK is decoded in full
 *   (dynamic table of 4096 bytes, Huffman) and strictly. Faults per stream:
 *   reset is RST_STREAM(INTERNAL_ERROR), close is GOAWAY and the end of the
 *   connection, stall leaves the stream unanswered, truncate sends the
 *   headers and that many body bytes then RST_STREAM, raw writes its bytes
 *   and closes, dribble and rate pace the DATA. Delays hold each stream on
 *   its own. Malformed requests get RST_STREAM(PROTOCOL_ERROR) (counted and
 *   journaled as a 400), a header list over max_head 431, a body over
 *   max_body 413; protocol errors GOAWAY with RFC 9113's code. Floods
 *   (SETTINGS, PING, PRIORITY, resets, empty frames) spend a budget of 1000
 *   that answers earn back, and a CONTINUATION block over 2 x max_head +
 *   16 KiB ends the connection: GOAWAY(ENHANCE_YOUR_CALM). A stop sends
 *   GOAWAY and lets the streams in flight finish.
 *
 *   Helpers the command line and embedders share: statico_parse_duration
 *   ("500us", "100ms", "2s", "1m", "1h", "1s500ms"; a unit is required, "0"
 *   alone excepted), statico_parse_ports ("8080",
 *   "8080,8100-8200"), statico_check_header_line ("Name: value"),
 *   statico_check_response (what statico_server_start says of a response),
 *   statico_read_file (a file's bytes, for @file bodies).
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
 *   - method is a token of at most STATICO_MAX_METHOD bytes (a longer one is
 *     400 as soon as it is too long); the target is origin-form, absolute-form
 *     (scheme "://" authority [path]), authority-form (CONNECT only, which
 *     requires it) or "*" (OPTIONS only); the target holds only bytes
 *     0x21-0x7E and no '#'. Otherwise 400.
 *   - "HTTP/1.0" and "HTTP/1.1"; another "HTTP/" DIGIT "." DIGIT is 505;
 *     anything else 400. Single SP separators, CRLF line ends.
 *   - header names are tokens with no whitespace before the colon; values
 *     hold VCHAR, obs-text, SP and HTAB only (leading/trailing OWS trimmed);
 *     obs-fold, a bare CR or a bare LF anywhere is 400.
 *   - HTTP/1.1 needs exactly one Host (1.0 at most one), with host
 *     characters only, not empty unless the target is absolute-form or
 *     authority-form (an http URI's authority is never empty, RFC 9110
 *     4.2.1); Content-Length is 1*DIGIT, at most 2^63-1, repeated
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
 *   the next request). Sizes are hex digits only; more than 2^63-1 is an
 *   error. Extensions are validated (";" token ["=" token / quoted-string]).
 *   Whitespace anywhere in a size line, outside quoted extension values, is
 *   an error: RFC 9112 7.1.1 lets a recipient remove "bad whitespace" around
 *   ';' and '=', but senders must not produce it and parsers that disagree
 *   about it are a known smuggling vector, so it is refused on purpose.
 *   Trailers follow the header rules; CRLF only. A size line with its
 *   extensions, and each trailer line, is at most STATICO_MAX_CHUNK_LINE
 *   bytes (its CR counted, not its LF).
 *
 * ---------------------------------------------------------------------------
 * THE REQUEST (statico_request)
 *
 *   inputs, kept by statico_request_reset(); 0 means the default:
 *     max_head     largest head in bytes       default STATICO_MAX_HEAD (16384),
 *                                              at most 65536
 *     max_target   longest request-target      default STATICO_MAX_TARGET (8192)
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
 *   STATICO_NO_AVX512     use at most AVX2 on x86-64 (no AVX-512 code is
 *                         compiled)
 *   STATICO_MAX_HEADERS   header array size (64, at most 255). Protects
 *                         against hostile input: more headers is 431. It
 *                         sizes statico_request, a public struct: every
 *                         translation unit of a program must see the same
 *                         value (define it on the command line, not in one
 *                         file).
 *   STATICO_MAX_HEAD      default head limit in bytes (16384). Protects against
 *                         hostile input: a longer head is 431.
 *   STATICO_MAX_TARGET    default request-target limit (8192): longer is 414.
 *   STATICO_MAX_METHOD    longest method (32). Protects against hostile input:
 *                         a longer one is 400 at once, before its end.
 *   STATICO_MAX_CHUNK_LINE  longest chunk-size line with extensions and
 *                         longest trailer line (4096). Protects against
 *                         hostile input: longer is 400.
 *   STATICO_NO_SERVER     compile the parser and decoder only (any C99 target)
 *   STATICO_TESTING       also compile the hooks the project's own tests and
 *                         benchmarks use (the plain-C parser entry, a server
 *                         driven without sockets); not for embedders
 *   STATICO_NO_IO_URING   compile the io_uring backend out (it then falls
 *                         back to epoll); it is also out with kernel headers
 *                         older than 6.1
 *   STATICO_ASSERT(x)     assertion macro (default: assert from <assert.h>)
 *   STATICO_MALLOC, STATICO_REALLOC, STATICO_FREE  allocator (all or none;
 *                         default: malloc, realloc, free)
 *
 *   SIMD. The parser's kernels come in levels: AVX-512BW (64-byte scans
 *   with masked loads, which never fault past the buffer; with VBMI, VL and
 *   BMI2 too, one table lookup classifies a whole header line), AVX2 (32,
 *   and header lines from 64-byte blocks), SSE2/SSSE3 (16) on x86-64, NEON
 *   (16) on ARM64; a plain-C twin of every kernel serves the tails of the
 *   wide ones and every other target. No vector load reads past buf + len.
 *   A plain x86-64 build with GCC 7+ or clang 7+ (`cc -O2`, no -march)
 *   compiles the SSE2, AVX2 (with BMI1 and BMI2) and AVX-512 VBMI levels
 *   together, each for its own target, and on the first parse picks the
 *   best one that cpuid says the CPU has and xgetbv says the OS enabled
 *   (then one indirect call a parse). A build whose flags already say AVX2
 *   or more (-march=native, -mavx2, ...), or for another architecture, has
 *   the one level its flags give, chosen at compile time (AVX-512BW without
 *   VBMI only this way). statico_simd() names the level in use;
 *   statico_simd_force("avx512" | "avx2" | "sse2" | "neon" | "none") makes
 *   every thread's next parse use that one ("none": plain C; NULL: the
 *   default again), and returns -1 without a change when the build or the
 *   CPU lacks it (a compile-time build has only its own level). Tests and
 *   fuzzers compare the levels in one binary with it. The environment
 *   variable STATICO_SIMD names the default the same way, read when the
 *   level is first chosen and by statico_simd_force(NULL) (ignored when the
 *   CPU lacks that level, and by compile-time builds).
 *
 * ---------------------------------------------------------------------------
 * TABLE OF CONTENTS (grep for the markers)
 *
 *   // >>api        version, limits, public declarations
 *   // >>platform   the compiler, the SIMD level, the system: every detection
 *                   and system include of the implementation
 *   // >>scan       character classes and the SIMD / plain-C scan kernels,
 *                   each level's own, and the choice of a level's kernel
 *   // >>parser     the request parser, one instance per SIMD level
 *   // >>simd       the SIMD level in use: cpuid, the level chosen at run
 *                   time, statico_parse_request(), statico_simd_force()
 *   // >>chunked    the chunked-body decoder
 *   // >>util       errors, durations, port lists, header lines, files,
 *                   byte buffers, owned copies
 *   // >>hpack      HPACK: the request block decoder (tables, Huffman) and
 *                   the response block writer
 *   // >>response   responses encoded once per worker, the Date patch
 *   // >>router     method and path patterns, conditions, route versions
 *   // >>types      connections, stashes, segments, workers, the server
 *   // >>conn       the worker's clock, timers, the stash cache
 *   // >>engine     the sans-I/O engine: the exchange API (open, reply,
 *                   fail), routing (conditions, bodies, steps), delays,
 *                   route versions on a worker (set_route's hand-over),
 *                   what a connection does next, timeouts
 *   // >>h1         HTTP/1.1 on the engine: heads, bodies, pipelining
 *   // >>h2         HTTP/2 on the engine: frames, streams, flow control
 *   // >>observe    the observer seam: counters, verbose logging
 *   // >>output     the output queue every backend shares
 *   // >>backend    the backend contract, one switch per operation, and
 *                   what backends share around the engine (input, accepts,
 *                   the clock, the drain)
 *   // >>epoll      the Linux backend
 *   // >>poll       the portable backend
 *   // >>io_uring   the Linux io_uring backend (raw system calls)
 *   // >>server     configuration, listeners, workers, start and stop
 *   // >>testing    engine hooks for the project's tests (STATICO_TESTING)
 *   // >>public     small public helpers, then every #undef
 *
 * VERSION HISTORY
 *
 *   0.1.0  (2026-11) strict SIMD request parser and chunked decoder; the
 *          server: engine, epoll and poll backends, workers, command line.
 *   0.2.0  (2026-12) defaults for test suites: address NULL is loopback and
 *          workers are pinned only with the new `pin` (`no_pin` is gone);
 *          max_target, body_timeout_ms; head and target limits 16384 and
 *          8192; no body limit unless bodies are kept; configured
 *          Connection and Date honoured; half-close, back-pressure and
 *          graceful stop alike on every backend.
 *   0.3.0  (unreleased) the mock server: statico_server_count, _wait,
 *          _journal, _report, _reset and _set_route; route sequences
 *          (statico_step), query, header and body conditions
 *          (statico_match), names; wire faults (statico_fault), delay
 *          ranges and a seed (statico_server_seed). The engine is
 *          sans-I/O with a protocol-neutral exchange API. statico_route
 *          gained name, match, steps and step_count, statico_step gained
 *          fault: positional initializers need them. HTTP/2 cleartext
 *          on every port (cfg.no_http2 turns it off).
 */
#ifndef STATICO_H
#define STATICO_H

// >>api
#include <stddef.h>
#include <stdint.h>

#define STATICO_VERSION "0.2.0"
#define STATICO_VERSION_NUMBER 200 /* major * 10000 + minor * 100 + patch */

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
#define STATICO_MAX_HEAD 16384
#endif
#if STATICO_MAX_HEAD < 64 || STATICO_MAX_HEAD > 65536
#error "STATICO_MAX_HEAD must be in 64..65536 (spans are 16-bit offsets)"
#endif
#ifndef STATICO_MAX_TARGET
#define STATICO_MAX_TARGET 8192
#endif
#if STATICO_MAX_TARGET < 1 || STATICO_MAX_TARGET > 65535
#error "STATICO_MAX_TARGET must be in 1..65535 (spans are 16-bit)"
#endif
#ifndef STATICO_MAX_METHOD
#define STATICO_MAX_METHOD 32
#endif
#ifndef STATICO_MAX_CHUNK_LINE
#define STATICO_MAX_CHUNK_LINE 4096
#endif

#ifdef __cplusplus
extern "C" {
#endif

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
    uint8_t statico__conn;
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
/* The SIMD kernels statico_parse_request() uses: "AVX-512 VBMI",
 * "AVX-512BW", "AVX2", "SSSE3", "SSE2", "NEON" or "none". */
STATICO_API const char *statico_simd(void);
/* Make statico_parse_request() use level "avx512", "avx2", "sse2", "neon"
 * or "none" (plain C), for every thread; NULL or "": the default again.
 * 0, or -1 (nothing changes) when the build or the CPU lacks it. See the
 * SIMD paragraph of BUILD MACROS. */
STATICO_API int statico_simd_force(const char *level);

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
    STATICO_BACKEND_POLL,
    STATICO_BACKEND_IO_URING /* Linux 6.0+, else epoll (the start-up notice says why) */
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

/* Conditions a request must meet besides method and path (all of them).
 * query: "k=v" (equal), "k=pre*" (prefix), "k" (present), "!k" (absent),
 * compared with the raw bytes of the query string. headers: "Name: v",
 * "Name: pre*", "Name: *part*", "Name" (present), "!Name" (absent); names
 * in any case, values exactly; any line of a repeated header may match.
 * body (not NULL): the request body equals body[0..body_len), or with
 * body_contains contains it; the body is read before such a route is
 * chosen (up to 1 MiB, or max_body when lower; a longer one does not hold). */
typedef struct statico_match {
    const char *const *query;
    size_t query_count;
    const char *const *headers;
    size_t header_count;
    const void *body;
    size_t body_len;
    int body_contains;
} statico_match;

/* A wire fault: what a step does instead of its response, or to it. The
 * ending ones (close, reset, stall, truncate, raw) leave the requests
 * pipelined behind theirs unanswered. */
typedef enum statico_fault_kind {
    STATICO_FAULT_NONE = 0,
    STATICO_FAULT_CLOSE,    /* read the request, close without a byte (FIN) */
    STATICO_FAULT_RESET,    /* close with RST (SO_LINGER 0): the client sees ECONNRESET */
    STATICO_FAULT_STALL,    /* never answer: open until the client leaves or the idle timeout */
    STATICO_FAULT_TRUNCATE, /* the first `bytes` bytes of the encoded response, then close */
    STATICO_FAULT_RAW,      /* raw[0..raw_len) instead of a response, then close */
    STATICO_FAULT_DRIBBLE,  /* the whole response, `bytes` at a time, one piece every every_us */
    STATICO_FAULT_RATE,     /* the whole response at `bytes` bytes a second */
    STATICO_FAULT_DROPPED   /* in the journal only: not answered, pipelined behind an ending fault */
} statico_fault_kind;
typedef struct statico_fault {
    statico_fault_kind kind;
    uint64_t bytes;    /* truncate, dribble, rate: see above */
    uint64_t every_us; /* dribble */
    const void *raw;   /* raw */
    size_t raw_len;
} statico_fault;

/* One step of a route's sequence: its response answers `times` requests
 * (0 = every one from then on); the last step repeats. */
typedef struct statico_step {
    statico_response response;
    uint32_t times;
    statico_fault fault; /* zero: none */
} statico_step;

/* A route: requests whose method and path match get its response, or its
 * steps in turn. */
typedef struct statico_route {
    const char *method; /* NULL or "*" = any method; else compared exactly */
    const char *path;   /* "/exact", "/a/\x2a/c" ('*' is one path segment),
                           "/prefix/\x2a\x2a" (the rest of the path, if any) */
    statico_response response;
    const char *name;          /* for reports (NULL: none) */
    statico_match match;       /* more conditions; zero: none */
    const statico_step *steps; /* NULL: response answers every request */
    size_t step_count;
} statico_route;

/* Route numbers for statico_server_count and statico_server_wait, beside
 * the route indexes 0..route_count-1. */
#define STATICO_ROUTE_DEFAULT (-1) /* requests answered by cfg.response: no route matched */
#define STATICO_ROUTE_ANY (-2)     /* every request, parse errors included */

typedef void (*statico_log_fn)(void *user, const char *message);

/* Server configuration; zero means default for every field. */
typedef struct statico_config {
    const char *address;   /* NULL = loopback (127.0.0.1 and ::1); "::" = all interfaces */
    const uint16_t *ports; /* 0 = an ephemeral port */
    size_t port_count;     /* 0 = one ephemeral port */
    int threads;           /* workers; 0 = 1 */
    int bind_all;          /* every worker binds every port */
    int pin;               /* pin worker t to the t-th CPU the process may use */
    statico_backend backend;
    int receive_buffer_size; /* SO_RCVBUF of accepted sockets; 0 = kernel default */
    int send_buffer_size;    /* SO_SNDBUF; 0 = kernel default */
    int listen_backlog;      /* 0 = 4096 */
    int tcp_nodelay;
    int no_date;                /* no Date header */
    uint32_t max_head;          /* request head limit; 0 = STATICO_MAX_HEAD (16384), else 431 */
    uint32_t max_target;        /* request-target limit; 0 = STATICO_MAX_TARGET (8192), else 414 */
    uint64_t max_body;          /* request body limit, else 413; 0 = none, or 64 MiB where bodies are kept */
    uint32_t max_connections;   /* per worker; 0 = 65536 */
    uint32_t header_timeout_ms; /* a request head must arrive within; 0 = 10 s */
    uint32_t idle_timeout_ms;   /* an idle keep-alive connection is closed after; 0 = 60 s */
    uint32_t body_timeout_ms;   /* a request body must bring 1 KiB (or its end) within; 0 = 10 s */
    statico_response response;  /* for requests no route matches */
    const statico_route *routes;
    size_t route_count;
    statico_log_fn log; /* warnings and notices; NULL = none */
    void *log_user;
    int verbose;       /* 0 off; 1 request and status lines, 2 + headers, 3 + bodies, 4 + hexdumps */
    int verbose_color; /* ANSI colours in the verbose text */
    /* receives each exchange's verbose text whole, in one call, from the
     * worker that served it (several workers call it at once); NULL = log */
    void (*verbose_log)(void *user, const char *text, size_t len);
    uint64_t delay_us;      /* each response goes out this long after its request is complete */
    uint64_t body_delay_us; /* the head goes out at once (after delay_us), the body this much later */
    uint64_t delay_max_us;  /* > delay_us: each delay picked uniformly in delay_us..delay_max_us */
    uint64_t seed;          /* every random choice (delay jitter) follows it; 0 = one picked at start */
    uint32_t uring_entries;   /* io_uring submission queue size; 0 = 4096 (a power of two) */
    uint32_t uring_sqpoll_ms; /* io_uring kernel submission polling, idle time; 0 = off */
    uint64_t uring_zc_min;    /* SEND_ZC for body segments of this many bytes; 0 = 16 MiB, UINT64_MAX = never */
    uint64_t sendfile_min;    /* bodies of this many bytes go out with sendfile from a memfd (Linux); 0 = 128 KiB,
                                 UINT64_MAX = never */
    int no_io_uring;          /* run on epoll as if the kernel refused io_uring (tests of the fallback) */
    int no_uring_inc;         /* io_uring: a whole provided buffer per receive, not filled incrementally (6.12+) */
    int no_http2;             /* HTTP/1.1 only: the HTTP/2 preface and "Upgrade: h2c" are not taken */
    uint32_t journal_size;    /* exchanges the journal keeps per worker (a ring); 0 = no journal */
    uint32_t journal_bytes;   /* head and body bytes it keeps of each; 0 = 4096 */
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
/* Stop accepting, finish the responses in flight and join the workers, but
 * keep the server readable (stats, ports) until statico_server_stop(). */
STATICO_API void statico_server_halt(statico_server *server);

typedef struct statico_stats {
    uint64_t requests, request_bytes;   /* requests parsed, bytes received */
    uint64_t responses, response_bytes; /* responses queued, bytes sent */
    uint64_t connections;               /* accepted */
    uint64_t journal_overflow;          /* exchanges the journal no longer holds (its rings wrapped) */
    uint64_t file_bytes;                /* of response_bytes, those sent with sendfile (cfg.sendfile_min) */
} statico_stats;
/* Totals since start over all workers, for port index port (the order of
 * cfg.ports) or every port when port < 0. Cheap, and any thread may call it
 * while the server runs: the workers pay nothing for it. */
STATICO_API void statico_server_stats(const statico_server *server, int port, statico_stats *stats);
/* The requests answered by route (an index of cfg.routes,
 * STATICO_ROUTE_DEFAULT or STATICO_ROUTE_ANY) since start or the last
 * reset, over all workers. A request is counted before its response is
 * handed to the kernel: once a client has its response, the count says so.
 * Any thread, any time (after halt too); the workers pay one store. */
STATICO_API uint64_t statico_server_count(statico_server *server, int route);
/* Block the calling thread until statico_server_count(server, route)
 * reaches n, at most timeout_ms (negative: no limit). 1 reached, 0 timed
 * out (or the server stopped). Workers signal only while someone waits. */
STATICO_API int statico_server_wait(statico_server *server, int route, uint64_t n, int timeout_ms);
/* One exchange, as the journal keeps it. */
typedef struct statico_exchange {
    uint64_t seq;        /* one order over all workers, from 1 */
    uint64_t time_us;    /* when its response was queued, us since the server started */
    uint64_t connection; /* the same number for requests of one connection */
    int port_index;      /* of cfg.ports */
    int route;           /* an index of cfg.routes, STATICO_ROUTE_DEFAULT, or STATICO_ROUTE_ANY (not routed: an error) */
    int status;          /* the status sent */
    int version;         /* 10, 11; 0 when the request line did not parse */
    const char *method;
    size_t method_len;
    const char *target;
    size_t target_len;
    const char *head; /* the request line and header lines, as received */
    size_t head_len;
    const void *body; /* its body, up to what journal_bytes leaves */
    size_t body_len;
    int body_truncated; /* the body (or the head) was longer */
    int fault;          /* the step's fault (STATICO_FAULT_*), or 0 */
} statico_exchange;
/* Copy the journal's exchanges with seq >= from_seq, oldest first, at most
 * max, into out; how many. The pointers in out stay valid until the next
 * statico_server_journal or statico_server_reset on this server (from any
 * thread) or its stop. Workers never wait for it: an exchange overwritten
 * while it is read is left out (journal_overflow counts what the rings
 * lost). */
STATICO_API size_t statico_server_journal(statico_server *server, uint64_t from_seq, statico_exchange *out, size_t max);
/* How many requests no route answered, and the first 16 of them (kept
 * whether or not the journal is on: head up to 2048 bytes, and the body
 * when a body condition read it), each against its closest route: the
 * route that passes the most of method, path, conditions and body, and the
 * first of them it fails. Formatted on the calling thread into buf
 * (NUL-terminated, cut to size); returns the length the whole report
 * needs. */
STATICO_API size_t statico_server_report(statico_server *server, char *buf, size_t size);
/* Counts back to zero, the journal emptied and every sequence rewound
 * (what statico_server_count and statico_server_journal say; statico_stats
 * keep their totals). */
STATICO_API void statico_server_reset(statico_server *server);
/* Replace route (an index of cfg.routes) with r while serving: its
 * method, path, name, conditions, steps or response; r is copied, and its
 * sequence starts at step 1. Responses already chosen (in flight, delayed)
 * go out with the old bytes; requests that arrive after the call returns
 * get the new ones (it returns once every worker has taken them, about a
 * loop pass). The old copies are freed once nothing uses them. Workers
 * take no lock for it. Any thread; calls are serialized. STATICO_OK, or
 * an error with a one-line message in err (r is checked as start checks
 * routes; nothing changes then). */
STATICO_API statico_result statico_server_set_route(statico_server *server, int route, const statico_route *r,
                                                    char *err, size_t err_size);
/* The number of ports served (cfg.port_count, or 1). */
STATICO_API size_t statico_server_port_count(const statico_server *server);
/* The seed random choices follow (cfg.seed, or the one picked at start). */
STATICO_API uint64_t statico_server_seed(const statico_server *server);

/* Start, block until SIGINT or SIGTERM, stop. */
STATICO_API statico_result statico_run(const statico_config *cfg, char *err, size_t err_size);
STATICO_API const char *statico_result_string(statico_result r);

/* Helpers shared by the command line and embedders. Each returns 0 on
 * success and -1 on bad input. */
/* "500us", "100ms", "2s", "1m", "1h", "1s500ms": a unit is required ("0" alone
 * excepted) */
STATICO_API int statico_parse_duration(const char *s, uint64_t *microseconds);
/* "8080", "8080,8100-8200"; at most max ports, each 1..65535 */
STATICO_API int statico_parse_ports(const char *s, uint16_t *ports, size_t max, size_t *count);
/* a "Name: value" header line: name a token, value field characters */
STATICO_API int statico_check_header_line(const char *line);
/* a response statico_server_start would accept; else -1 and a one-line
 * message, starting with what, in err */
STATICO_API int statico_check_response(const statico_response *r, const char *what, char *err, size_t err_size);
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

// >>platform
/* The compiler, the SIMD level and the system: every detection and every
 * system include of the implementation. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__cplusplus)
/* g++ 12 at -O2 warns about the self-initialized "undefined" vectors of its
 * own AVX-512 intrinsics once they are inlined here (maybe uninitialized in
 * a -march build, uninitialized in the out-of-line kernels of a
 * dispatching one) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#define STATICO__POP_DIAGNOSTIC
#endif

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

/* SIMD levels. A level is a set of scan kernels (>>scan) and a parser
 * compiled with them (>>parser); the order is the order of preference. */
#define STATICO__LV_C 0      /* plain C */
#define STATICO__LV_SSE2 1   /* 16 bytes a step; SSSE3's shuffle when the compiler targets it */
#define STATICO__LV_NEON 2   /* 16 bytes a step, ARM64 */
#define STATICO__LV_AVX2 3   /* 32, header lines from 64-byte blocks */
#define STATICO__LV_AVX512 4 /* AVX-512BW: 64 */
#define STATICO__LV_VBMI 5   /* AVX-512BW with VBMI, VL and BMI2: a header line in one window */

/* The kernel families compiled in. With the compiler's macros saying AVX2
 * or more (-march=native, -mavx2, ...), or on another architecture, the
 * build's one level is chosen here, at compile time (STATICO__LV_BUILD).
 * A plain x86-64 build with GCC or clang, where only SSE2 is certain,
 * compiles the SSE2, AVX2 and VBMI levels together, each for its own
 * target (function attributes, below), and picks one at run time from
 * cpuid (>>simd): STATICO__DISPATCH. */
#define STATICO__DISPATCH 0
#define STATICO__AVX512 0
#define STATICO__AVX2 0
#define STATICO__SSE2 0
#define STATICO__SSSE3 0
#define STATICO__NEON 0
#define STATICO__VBMI 0
#define STATICO__AVX2_BLOCKS 0 /* the header loop's AVX2 blocks: the AVX2 and AVX-512BW levels */
#define STATICO__LV_BUILD STATICO__LV_C
#if !defined(STATICO_NO_SIMD)
#if defined(__x86_64__) && defined(__SSE2__) && !defined(__AVX2__) && !defined(__INTEL_COMPILER)      \
    && ((defined(__clang__) && __clang_major__ >= 7) || (!defined(__clang__) && defined(__GNUC__) && __GNUC__ >= 7))
#undef STATICO__DISPATCH
#define STATICO__DISPATCH 1
#undef STATICO__SSE2
#define STATICO__SSE2 1
#undef STATICO__AVX2
#define STATICO__AVX2 1
#undef STATICO__AVX2_BLOCKS
#define STATICO__AVX2_BLOCKS 1
#if !defined(STATICO_NO_AVX512)
#undef STATICO__AVX512
#define STATICO__AVX512 1
#undef STATICO__VBMI
#define STATICO__VBMI 1
#endif
#include <immintrin.h>
#include <stdlib.h> /* getenv: STATICO_SIMD */
#elif defined(__AVX512BW__) && !defined(STATICO_NO_AVX512)
#undef STATICO__AVX512
#define STATICO__AVX512 1
#include <immintrin.h>
#if defined(__AVX512VBMI__) && defined(__AVX512VL__) && defined(__BMI2__)
#undef STATICO__VBMI
#define STATICO__VBMI 1
#undef STATICO__LV_BUILD
#define STATICO__LV_BUILD STATICO__LV_VBMI
#else
#undef STATICO__AVX2_BLOCKS
#define STATICO__AVX2_BLOCKS 1
#undef STATICO__LV_BUILD
#define STATICO__LV_BUILD STATICO__LV_AVX512
#endif
#elif defined(__AVX2__)
#undef STATICO__AVX2
#define STATICO__AVX2 1
#undef STATICO__AVX2_BLOCKS
#define STATICO__AVX2_BLOCKS 1
#undef STATICO__LV_BUILD
#define STATICO__LV_BUILD STATICO__LV_AVX2
#include <immintrin.h>
#elif defined(__SSE2__) || defined(_M_X64)
#undef STATICO__SSE2
#define STATICO__SSE2 1
#undef STATICO__LV_BUILD
#define STATICO__LV_BUILD STATICO__LV_SSE2
#include <emmintrin.h>
#elif defined(__ARM_NEON) && defined(__aarch64__)
#undef STATICO__NEON
#define STATICO__NEON 1
#undef STATICO__LV_BUILD
#define STATICO__LV_BUILD STATICO__LV_NEON
#include <arm_neon.h>
#endif
#if STATICO__SSE2 && defined(__SSSE3__)
#undef STATICO__SSSE3
#define STATICO__SSSE3 1
#include <tmmintrin.h>
#endif
#endif

/* Each family's functions: in a dispatching build compiled for the
 * family's target. The kernels the generic parser (compiled for SSE2)
 * calls (_FN) are not always_inline there, as it refers to every level's
 * (a dead call to another target may not be forced inline); each level's
 * parser inlines its own (STATICO__FLATTEN: every call within, as deep as
 * it goes, with GCC; clang decides by size). Helpers that only their own
 * family calls (_INNER) stay always_inline. The runtime check (>>simd)
 * asks the CPU for every feature named here. Otherwise the compiler's
 * flags hold for all of them, and they are always_inline. */
#if STATICO__DISPATCH
#define STATICO__AVX2_TARGET __attribute__((target("avx2,bmi,bmi2")))
#define STATICO__VBMI_TARGET __attribute__((target("avx512f,avx512bw,avx512vl,avx512vbmi,avx2,bmi,bmi2")))
#define STATICO__AVX2_FN static inline STATICO__AVX2_TARGET
#define STATICO__AVX512_FN static inline STATICO__VBMI_TARGET
#define STATICO__FLATTEN __attribute__((flatten))
#else
#define STATICO__AVX2_TARGET
#define STATICO__VBMI_TARGET
#define STATICO__AVX2_FN static STATICO__INLINE
#define STATICO__AVX512_FN static STATICO__INLINE
#define STATICO__FLATTEN
#endif
#define STATICO__AVX2_INNER static STATICO__INLINE STATICO__AVX2_TARGET
#define STATICO__AVX512_INNER static STATICO__INLINE STATICO__VBMI_TARGET

/* GCC's generic x86-64 tuning (no -march) makes the memset of a request's
 * outputs in statico_request_reset a rep stos, which takes longer to start
 * than a small request takes to parse: there it copies zeroes instead
 * (with -march, or with clang, the memset is a few vector stores). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && !defined(__AVX__)
#define STATICO__RESET_COPY 1
#else
#define STATICO__RESET_COPY 0
#endif

#ifdef STATICO_TEST_SCAN_COUNT
/* Test builds count the bytes the scan kernels examine (O(n) resume proof). */
static size_t statico__scanned;
#define STATICO__COUNT(n) (statico__scanned += (size_t)(n))
#else
#define STATICO__COUNT(n) ((void)0)
#endif

/* The server's system: POSIX, Linux (epoll, io_uring), or another Unix. */
#ifndef STATICO_NO_SERVER
#if !(defined(__linux__) || defined(__unix__) || defined(__APPLE__))
#error "statico.h: the server needs a POSIX system; define STATICO_NO_SERVER for the parser alone"
#endif
#if defined(__STRICT_ANSI__) && !defined(_POSIX_C_SOURCE) && !defined(_XOPEN_SOURCE) && !defined(_GNU_SOURCE) \
    && !defined(_DEFAULT_SOURCE) && !defined(_BSD_SOURCE)
#error "statico.h: in strict ISO C mode the server needs POSIX: #define _POSIX_C_SOURCE 200809L (or _GNU_SOURCE) before any #include, or define STATICO_NO_SERVER"
#endif
#if defined(__linux__)
#define STATICO__LINUX 1
#else
#define STATICO__LINUX 0
#endif

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#if STATICO__LINUX && !defined(STATICO_NO_IO_URING) && defined(__has_include)
#if __has_include(<linux/io_uring.h>)
#include <linux/io_uring.h>
#include <sys/mman.h>
#include <sys/utsname.h>
/* Linux mmap flags, which strict POSIX mode does not declare: then the
 * values of asm-generic/mman.h, on the architectures that use them */
#if defined(MAP_POPULATE) && defined(MAP_ANONYMOUS)
#define STATICO__MAP_POPULATE MAP_POPULATE
#define STATICO__MAP_ANONYMOUS MAP_ANONYMOUS
#elif defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) || defined(__arm__) || defined(__riscv)
#define STATICO__MAP_POPULATE 0x8000
#define STATICO__MAP_ANONYMOUS 0x20
#endif
#endif
#endif
#if defined(IORING_SETUP_DEFER_TASKRUN) && defined(IORING_RECV_MULTISHOT) && defined(IORING_CQE_F_NOTIF) \
    && defined(STATICO__MAP_POPULATE)
#define STATICO__URING 1
#else
#define STATICO__URING 0 /* kernel headers older than 6.1, or STATICO_NO_IO_URING */
#endif
#include <stdlib.h>
#if STATICO__LINUX
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
/* GNU extensions, declared here when the including file did not ask for
 * them (the C library has them either way). */
#ifndef __USE_GNU
extern int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
#endif
#ifndef __USE_MISC
extern long syscall(long number, ...);
#endif
#endif
#endif /* STATICO_NO_SERVER */

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
/* AVX-512BW: 64 bytes a step. The last partial block uses a masked load:
 * masked-off bytes are not accessed (no fault), and positions past end
 * count as a stop. */
STATICO__AVX512_INNER __mmask64 statico__tail_mask(size_t n)
{
    return n >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << n) - 1);
}
STATICO__AVX512_FN const char *statico__scan_value_avx512(const char *p, const char *end)
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
STATICO__AVX512_FN const char *statico__scan_token_avx512(const char *p, const char *end)
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
STATICO__AVX512_FN const char *statico__scan_target_avx512(const char *p, const char *end, const char **qmark)
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
#endif
#if STATICO__AVX2
/* AVX2: 32 bytes a step over whole blocks; the plain-C twin finishes the tail. */
STATICO__AVX2_FN const char *statico__scan_value_avx2(const char *p, const char *end)
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
STATICO__AVX2_FN const char *statico__scan_token_avx2(const char *p, const char *end)
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
STATICO__AVX2_FN const char *statico__scan_target_avx2(const char *p, const char *end, const char **qmark)
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
#endif
#if STATICO__SSE2
/* SSE2: 16 bytes a step; no unsigned compare, so biased signed ones. */
static STATICO__INLINE const char *statico__scan_value_sse2(const char *p, const char *end)
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
static STATICO__INLINE const char *statico__scan_token_sse2(const char *p, const char *end)
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
static STATICO__INLINE const char *statico__scan_token_sse2(const char *p, const char *end)
{
    return statico__scan_class_c(p, end, STATICO__C_TOKEN);
}
#endif
static STATICO__INLINE const char *statico__scan_target_sse2(const char *p, const char *end, const char **qmark)
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
#endif
#if STATICO__NEON
/* NEON: 16 bytes a step; a byte mask becomes 4 bits a byte with one
 * narrowing shift. */
static STATICO__INLINE uint64_t statico__neon_mask(uint8x16_t m)
{
    return vget_lane_u64(vreinterpret_u64_u8(vshrn_n_u16(vreinterpretq_u16_u8(m), 4)), 0);
}
static STATICO__INLINE const char *statico__scan_value_neon(const char *p, const char *end)
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
static STATICO__INLINE const char *statico__scan_token_neon(const char *p, const char *end)
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
static STATICO__INLINE const char *statico__scan_target_neon(const char *p, const char *end, const char **qmark)
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

/* Level lv's kernels (lv is a constant wherever the parser is instanced,
 * so each of these becomes one call, inlined there). */
static STATICO__INLINE const char *statico__scan_value(const char *p, const char *end, const int lv)
{
#if STATICO__AVX512
    if (lv == STATICO__LV_AVX512 || lv == STATICO__LV_VBMI) return statico__scan_value_avx512(p, end);
#endif
#if STATICO__AVX2
    if (lv == STATICO__LV_AVX2) return statico__scan_value_avx2(p, end);
#endif
#if STATICO__SSE2
    if (lv == STATICO__LV_SSE2) return statico__scan_value_sse2(p, end);
#endif
#if STATICO__NEON
    if (lv == STATICO__LV_NEON) return statico__scan_value_neon(p, end);
#endif
    (void)lv;
    return statico__scan_class_c(p, end, STATICO__C_VALUE);
}
static STATICO__INLINE const char *statico__scan_token(const char *p, const char *end, const int lv)
{
#if STATICO__AVX512
    if (lv == STATICO__LV_AVX512 || lv == STATICO__LV_VBMI) return statico__scan_token_avx512(p, end);
#endif
#if STATICO__AVX2
    if (lv == STATICO__LV_AVX2) return statico__scan_token_avx2(p, end);
#endif
#if STATICO__SSE2
    if (lv == STATICO__LV_SSE2) return statico__scan_token_sse2(p, end);
#endif
#if STATICO__NEON
    if (lv == STATICO__LV_NEON) return statico__scan_token_neon(p, end);
#endif
    (void)lv;
    return statico__scan_class_c(p, end, STATICO__C_TOKEN);
}
static STATICO__INLINE const char *statico__scan_target(const char *p, const char *end, const char **qmark,
                                                        const int lv)
{
#if STATICO__AVX512
    if (lv == STATICO__LV_AVX512 || lv == STATICO__LV_VBMI) return statico__scan_target_avx512(p, end, qmark);
#endif
#if STATICO__AVX2
    if (lv == STATICO__LV_AVX2) return statico__scan_target_avx2(p, end, qmark);
#endif
#if STATICO__SSE2
    if (lv == STATICO__LV_SSE2) return statico__scan_target_sse2(p, end, qmark);
#endif
#if STATICO__NEON
    if (lv == STATICO__LV_NEON) return statico__scan_target_neon(p, end, qmark);
#endif
    (void)lv;
    return statico__scan_target_c(p, end, qmark);
}

/* A header line: *name_end = the first non-tchar from p, and the result is
 * the first byte at or after it that cannot be in a field value (the CR
 * that ends a good line), or end. Name bytes are tchars, so this is also the
 * first such byte from p. AVX-512 classifies both from one load; the other
 * levels run their token and value kernels in turn (statico__scan_line). */
#if STATICO__VBMI
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
/* Each call loads the tables (two loads from L1): the header loop's usual
 * lines (statico__usual_lines_vbmi) keep their own in registers. */
STATICO__AVX512_FN const char *statico__scan_line_vbmi(const char *p, const char *end, const char **name_end)
{
    const __m512i t0 = _mm512_load_si512((const void *)statico__vbmi_class);
    const __m512i t1 = _mm512_load_si512((const void *)(statico__vbmi_class + 64));
    const __m512i one = _mm512_set1_epi8(1), two = _mm512_set1_epi8(2);
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
        n = statico__scan_token_avx512(p + 64, end);
        *name_end = n;
        return statico__scan_value_avx512(n, end);
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
#endif
#if STATICO__AVX512 && !STATICO__VBMI
STATICO__AVX512_FN const char *statico__scan_line_avx512(const char *p, const char *end, const char **name_end)
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
        *name_end = statico__scan_token_avx512(p + 64, end);
        return statico__scan_value_avx512(*name_end, end);
    }
    *name_end = p + STATICO__CTZ64(nontok);
    if (STATICO__LIKELY(ctl != 0)) {
        STATICO__COUNT(STATICO__CTZ64(ctl) + 1);
        return p + STATICO__CTZ64(ctl);
    }
    STATICO__COUNT(64);
    return statico__scan_value_avx512(p + 64, end);
}
#endif
static STATICO__INLINE const char *statico__scan_line(const char *p, const char *end, const char **name_end,
                                                      const int lv)
{
    const char *n;
#if STATICO__VBMI
    if (lv == STATICO__LV_VBMI) return statico__scan_line_vbmi(p, end, name_end);
#endif
#if STATICO__AVX512 && !STATICO__VBMI
    if (lv == STATICO__LV_AVX512) return statico__scan_line_avx512(p, end, name_end);
#endif
    n = statico__scan_token(p, end, lv);
    *name_end = n;
    return statico__scan_value(n, end, lv);
}
/* 1 when every byte of [p, e) is a host character (the Host value). */
static STATICO__INLINE int statico__host_ok_c(const char *p, const char *e)
{
    int bad = 0;
    for (; p < e; p++) bad |= !STATICO__IS(*p, STATICO__C_HOST);
    return !bad;
}
/* The SIMD twins; the bytes from lo up to e are readable. */
#if STATICO__VBMI
STATICO__AVX512_FN int statico__host_ok_vbmi(const char *lo, const char *p, const char *e)
{
    (void)lo;
    const __m512i t0 = _mm512_load_si512((const void *)statico__vbmi_class);
    const __m512i t1 = _mm512_load_si512((const void *)(statico__vbmi_class + 64));
    if (STATICO__LIKELY(e - p <= 64)) { /* the usual host: one masked load */
        __mmask64 k = _bzhi_u64(~0ull, (unsigned)(e - p));
        __m512i v = _mm512_maskz_loadu_epi8(k, p);
        __m512i c = _mm512_permutex2var_epi8(t0, v, t1);
        return !(_mm512_mask_test_epi8_mask(k, c, _mm512_set1_epi8(16)) | _mm512_movepi8_mask(v));
    }
    for (; p < e; p += 64) {
        __mmask64 k = statico__tail_mask((size_t)(e - p));
        __m512i v = _mm512_maskz_loadu_epi8(k, p);
        __m512i c = _mm512_permutex2var_epi8(t0, v, t1);
        if ((_mm512_test_epi8_mask(c, _mm512_set1_epi8(16)) | _mm512_movepi8_mask(v)) & k) return 0;
    }
    return 1;
}
#endif
#if STATICO__AVX2_BLOCKS
/* the host characters by nibbles, as the tchars (STATICO__TOK_LO) */
#define STATICO__HOST_LO 0x2a,0x3f,0x3e,0x3e,0x3f,0x3f,0x3f,0x3f,0x3f,0x3f,0x3f,0x1f,0x15,0x1f,0x35,0x1c
STATICO__AVX2_FN int statico__host_ok_avx2(const char *lo, const char *p, const char *e)
{
    if (e - p <= 32 && e - lo >= 32) { /* the usual host: the 32 bytes that end with it */
        const __m256i tl = _mm256_setr_epi8(STATICO__HOST_LO, STATICO__HOST_LO);
        const __m256i th = _mm256_setr_epi8(STATICO__TOK_HI, STATICO__TOK_HI), nib = _mm256_set1_epi8(0x0f);
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(e - 32));
        __m256i t = _mm256_and_si256(_mm256_shuffle_epi8(tl, _mm256_and_si256(v, nib)),
                                     _mm256_shuffle_epi8(th, _mm256_and_si256(_mm256_srli_epi16(v, 4), nib)));
        uint32_t bad = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(t, _mm256_setzero_si256()));
        return e == p || !(bad >> (32 - (e - p)));
    }
    return statico__host_ok_c(p, e);
}
#endif
static STATICO__INLINE int statico__host_ok(const char *lo, const char *p, const char *e, const int lv)
{
#if STATICO__VBMI
    if (lv == STATICO__LV_VBMI) return statico__host_ok_vbmi(lo, p, e);
#endif
#if STATICO__AVX2_BLOCKS
    if (lv == STATICO__LV_AVX2 || lv == STATICO__LV_AVX512) return statico__host_ok_avx2(lo, p, e);
#endif
    (void)lo, (void)lv;
    return statico__host_ok_c(p, e);
}

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
 * the 32 names apart, gives 1 + the id; the id's 32-byte entry (the address
 * is a shift) holds the lower-case name padded with zero bytes and a mask
 * with a bit per name byte. Names and keys share one object, so one
 * register reaches both. */
#define STATICO__HNAME(s) {s, (uint32_t)((1u << (sizeof(s) - 1)) - 1), 0}
struct statico__hname {
    char name[24];
    uint32_t mask, pad;
};
static const struct statico__htab {
    struct statico__hname names[STATICO_HDR__COUNT];
    uint8_t keys[64 * 32];
} STATICO__ALIGN32 statico__htab = {
    {
    STATICO__HNAME("host"),
    STATICO__HNAME("content-length"),
    STATICO__HNAME("transfer-encoding"),
    STATICO__HNAME("connection"),
    STATICO__HNAME("expect"),
    STATICO__HNAME("upgrade"),
    STATICO__HNAME("content-type"),
    STATICO__HNAME("accept"),
    STATICO__HNAME("accept-encoding"),
    STATICO__HNAME("accept-language"),
    STATICO__HNAME("user-agent"),
    STATICO__HNAME("cookie"),
    STATICO__HNAME("authorization"),
    STATICO__HNAME("origin"),
    STATICO__HNAME("referer"),
    STATICO__HNAME("cache-control"),
    STATICO__HNAME("if-none-match"),
    STATICO__HNAME("if-modified-since"),
    STATICO__HNAME("range"),
    STATICO__HNAME("keep-alive"),
    STATICO__HNAME("te"),
    STATICO__HNAME("date"),
    STATICO__HNAME("pragma"),
    STATICO__HNAME("x-forwarded-for"),
    STATICO__HNAME("content-encoding"),
    STATICO__HNAME("if-match"),
    STATICO__HNAME("if-unmodified-since"),
    STATICO__HNAME("forwarded"),
    STATICO__HNAME("via"),
    STATICO__HNAME("x-request-id"),
    STATICO__HNAME("sec-websocket-key"),
    STATICO__HNAME("dnt"),
    },
    { /* rows 0, 1 and 20..63 are empty */
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
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
    },
};
#define statico__hnames statico__htab.names
#define statico__hkey statico__htab.keys

/* A known name's entry against v, the first 32 bytes of a line. */
#if STATICO__VBMI
STATICO__AVX512_INNER int statico__name_is_vbmi(__m256i v, const struct statico__hname *e, __m256i lower)
{
    v = _mm256_or_si256(v, lower);
    return !_mm256_mask_cmpneq_epi8_mask(e->mask, v, _mm256_load_si256((const __m256i *)(const void *)e->name));
}
#endif
#if STATICO__AVX2_BLOCKS
STATICO__AVX2_INNER int statico__name_is_avx2(__m256i v, const struct statico__hname *e, __m256i lower)
{
    uint32_t eq;
    v = _mm256_or_si256(v, lower);
    eq = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_load_si256((const __m256i *)(const void *)e->name)));
    return !(~eq & e->mask);
}

/* The header loop's AVX2 blocks: 64 readable bytes at s give two masks,
 * bit i of *nontok set when s[i] is not a tchar, of the result when s[i]
 * cannot be in the loop's usual value (a control byte, HTAB included: a
 * value with one takes the general loop, or DEL). */
struct statico__k64 {
    __m256i lo, hi, nib, c1f, del, lower;
};
STATICO__AVX2_INNER void statico__k64_init(struct statico__k64 *k)
{
    k->lo = _mm256_setr_epi8(STATICO__TOK_LO, STATICO__TOK_LO);
    k->hi = _mm256_setr_epi8(STATICO__TOK_HI, STATICO__TOK_HI);
    k->nib = _mm256_set1_epi8(0x0f);
    k->c1f = _mm256_set1_epi8(0x1f);
    k->del = _mm256_set1_epi8(0x7f);
    k->lower = _mm256_set1_epi8(0x20);
#if defined(__GNUC__) /* kept in registers: compilers otherwise rebuild them on every use */
    __asm__("" : "+x"(k->lo), "+x"(k->hi), "+x"(k->nib), "+x"(k->c1f), "+x"(k->del), "+x"(k->lower));
#endif
}
STATICO__AVX2_INNER uint64_t statico__classify64(const char *s, uint64_t *nontok, const struct statico__k64 *k)
{
    const __m256i zero = _mm256_setzero_si256();
    __m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)s);
    __m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(s + 32));
    __m256i t0 = _mm256_and_si256(_mm256_shuffle_epi8(k->lo, _mm256_and_si256(v0, k->nib)),
                                  _mm256_shuffle_epi8(k->hi, _mm256_and_si256(_mm256_srli_epi16(v0, 4), k->nib)));
    __m256i t1 = _mm256_and_si256(_mm256_shuffle_epi8(k->lo, _mm256_and_si256(v1, k->nib)),
                                  _mm256_shuffle_epi8(k->hi, _mm256_and_si256(_mm256_srli_epi16(v1, 4), k->nib)));
    __m256i c0 = _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(v0, k->c1f), v0), _mm256_cmpeq_epi8(v0, k->del));
    __m256i c1 = _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(v1, k->c1f), v1), _mm256_cmpeq_epi8(v1, k->del));
    *nontok = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(t0, zero))
            | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(t1, zero)) << 32;
    return (uint64_t)(uint32_t)_mm256_movemask_epi8(c0) | (uint64_t)(uint32_t)_mm256_movemask_epi8(c1) << 32;
}
#endif


#define STATICO__LOWER8 0x2020202020202020ull

/* Known-header id of the token n[0..len), or -1. OR-ing 0x20 lowers letters
 * and leaves digits and '-' alone; no other tchar turns into [a-z0-9-], so
 * the match is exact for the (validated) token. */
static STATICO__INLINE int statico__header_key_w(const char *n, size_t len) /* len < 64 */
{
    return statico__hkey[len * 32 + (((unsigned)(unsigned char)n[0] - (unsigned char)n[len - 1]) & 31)];
}
static STATICO__INLINE int statico__header_key(const char *n, size_t len)
{
    if (len > 63) return 0; /* known names are 2..19 bytes */
    return statico__header_key_w(n, len);
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
        req->status = (uint16_t)(code);                                                            \
        return -1;                                                                                 \
    } while (0)

/* The request line, from p (a line start). Returns the next line's start,
 * NULL when incomplete (with *stop set to where validation stopped),
 * STATICO__IN_TARGET when incomplete inside the target, or STATICO__ERR
 * with req->status set. */
#define STATICO__ERR ((const char *)1)
#define STATICO__IN_TARGET ((const char *)2)
#if STATICO__VBMI
/* The common request line in one window: "METHOD /target HTTP/1.x" CRLF
 * within 64 bytes. Returns the next line's start, or NULL for anything else
 * (longer, another form, an error), which the general path then handles. */
STATICO__AVX512_FN const char *statico__request_line_vbmi(statico_request *req, const char *buf, const char *p,
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

/* A target that is not in origin form, or CONNECT's (RFC 9112 3.2): the
 * authority form for CONNECT only, "*" for OPTIONS only, else the absolute
 * form. 0, or -1 with req->status. */
static STATICO__NOINLINE int statico__other_form(statico_request *req, const char *buf, int m, const char *t,
                                                const char *q, const char *qmark)
{
    const char *s = t, *a, *pe = qmark ? qmark : q;
    if (m == STATICO_METHOD_CONNECT) {
        if (*t == '/' || !statico__authority_form(t, q)) return req->status = 400, -1;
        req->path = statico__span(buf, q, q);
        return 0;
    }
    if (q - t == 1 && *t == '*') {
        if (m != STATICO_METHOD_OPTIONS) return req->status = 400, -1;
        req->path = req->target;
        return 0;
    }
    /* absolute-form: scheme "://" authority [ path-abempty ] [ "?" query ] */
    if (!((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')) return req->status = 400, -1;
    while (s < pe && (((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || (*s >= '0' && *s <= '9') || *s == '+' || *s == '-'
                      || *s == '.'))
        s++;
    if (pe - s < 3 || memcmp(s, "://", 3)) return req->status = 400, -1;
    /* RFC 9110 4.2.4: userinfo ('@') in an http(s) URI is refused */
    for (a = s + 3; a < pe && *a != '/'; a++)
        if (!STATICO__IS(*a, STATICO__C_HOST)) return req->status = 400, -1;
    if (a == s + 3) return req->status = 400, -1; /* RFC 9110 4.2.1: no empty host */
    req->path = statico__span(buf, a, pe);
    if (qmark) {
        req->query = statico__span(buf, qmark + 1, q);
        req->flags |= STATICO_REQ_QUERY;
    }
    return 0;
}

static STATICO__INLINE const char *statico__request_line(statico_request *req, const char *buf, const char *p,
                                                         const char *end, size_t max_target,
                                                         const char **stop, const int lv)
{
    const char *t, *q, *v, *qmark = NULL;
    int m;
    if (STATICO__LIKELY(end - p >= 4) && statico__load32(p) == statico__load32("GET ")) {
        m = STATICO_METHOD_GET;
        q = p + 3;
    } else {
        q = statico__scan_token(p, end, lv);
        /* a method is a short token: a long one is refused before its end */
        if (q - p > STATICO_MAX_METHOD) return req->status = 400, STATICO__ERR;
        if (q == end) return req->statico__phase = STATICO__PH_TOKEN, *stop = end, (const char *)NULL;
        if (*q != ' ' || q == p) return req->status = 400, STATICO__ERR;
        m = statico__method_id(p, (size_t)(q - p));
    }
    t = q + 1;
    q = statico__scan_target(t, end, &qmark, lv);
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
    if (STATICO__LIKELY(*t == '/') && m != STATICO_METHOD_CONNECT) {
        if (qmark) {
            statico__span2(&req->path, buf, t, qmark, qmark + 1, q);
            req->flags |= STATICO_REQ_QUERY;
        } else {
            req->path = req->target;
        }
        return v + 10;
    }
    return statico__other_form(req, buf, m, t, q, qmark) ? STATICO__ERR : v + 10;
}

/* An empty Host names no authority, which an http URI must have (RFC 9110
 * 4.2.1): refused unless the target carries its own (absolute-form, where
 * RFC 9112 3.2.2 says Host is ignored, or authority-form). */
static int statico__needs_host(const statico_request *req, const char *buf)
{
    char t = buf[req->target.off];
    return t == '/' || t == '*';
}

/* One framing header (id <= STATICO_HDR_UPGRADE): 0 or the status to fail with. */
static int statico__framing_value(statico_request *req, const char *buf, const statico_header *h, int id, int lv)
{
    const char *v = buf + h->value.off, *te = v + h->value.len;
    switch (id) {
    case STATICO_HDR_HOST:
        if (!statico__host_ok(buf, v, te, lv)) return 400;
        return v == te && statico__needs_host(req, buf) ? 400 : 0;
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

/* The rules of a complete head: each framing header's value, then the
 * whole-message rules.
 * Returns 0 or the status to fail with. */
static STATICO__NOINLINE int statico__head_rules(statico_request *req, const char *buf, const char *end, int lv)
{
    int id, st, hosts = req->index[STATICO_HDR_HOST] != 0;
    if (STATICO__LIKELY(!req->statico__dups)) {
        for (id = 0; id <= STATICO_HDR_UPGRADE; id++)
            if (req->index[id] && (st = statico__framing_value(req, buf, &req->headers[req->index[id] - 1], id, lv)))
                return st;
    } else { /* a framing header appears more than once: every line, in order */
        unsigned i;
        hosts = 0;
        for (i = 0; i < req->header_count; i++) {
            const statico_header *h = &req->headers[i];
            id = statico__header_id(buf + h->name.off, h->name.len, end);
            if (id < 0 || id > STATICO_HDR_UPGRADE) continue;
            hosts += id == STATICO_HDR_HOST;
            if ((st = statico__framing_value(req, buf, h, id, lv))) return st;
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

/* Store header line p (name [p, n), CR at ve) as header number count:
 * trim OWS, record the spans, index a known name (id >= 0). */
static STATICO__INLINE void statico__header_store(statico_request *req, const char *buf, const char *p,
                                                  const char *n, const char *ve, size_t count, int id)
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
}

#if STATICO__VBMI || STATICO__AVX2_BLOCKS
/* The usual header line at p, "Name: value" CRLF with one SP after the
 * colon and no other whitespace around the value, from two positions: the
 * name ends at p + a, and p + b is the first byte that cannot be in such a
 * value, with p[b + 1] in the buffer. Records it as header number count,
 * sets *key to the key of its name (0: no known name; else the known name
 * it may be, tab->names[*key - 1], which the caller compares with its
 * vector code before statico__index_line) and returns 1, or returns 0
 * (anything else: the general loop takes the line). */
static STATICO__INLINE int statico__usual_line(statico_request *req, const char *buf, const char *p, size_t a,
                                               size_t b, size_t count, const struct statico__htab *tab, size_t *key)
{
    size_t o;
    uint32_t w[2];
    if (STATICO__UNLIKELY(a == 0 || p[a] != ':' || statico__load16(p + b) != statico__load16("\r\n") || p[a + 1] != ' '
                          || (unsigned char)p[a + 2] <= ' ' || (unsigned char)p[b - 1] <= ' '
                          || count == STATICO_MAX_HEADERS))
        return 0;
    STATICO__COUNT(b + 1);
    o = (size_t)(p - buf);
    w[0] = (uint32_t)(o | a << 16);
    w[1] = (uint32_t)((o + a + 2) | (b - a - 2) << 16);
    memcpy(&req->headers[count], w, 8);
    *key = tab->keys[a * 32 + (((unsigned)(unsigned char)p[0] - (unsigned char)p[a - 1]) & 31)];
    return 1;
}
/* Header number count has the known name of key: the index keeps the
 * first line of each. */
static STATICO__INLINE void statico__index_line(statico_request *req, size_t key, size_t count)
{
    uint8_t *slot = (uint8_t *)req + offsetof(statico_request, index) - 1; /* index[key - 1] */
    if (STATICO__LIKELY(!slot[key])) slot[key] = (uint8_t)(count + 1);
    else if (key - 1 <= STATICO_HDR_UPGRADE) req->statico__dups = 1;
}
#endif

#if STATICO__VBMI
/* The usual line (statico__usual_line) within one 64-byte window, or two
 * for a long value: one vpermt2b classifies the window, two bit scans
 * give the positions, and no bounds checks: a full window lies more
 * than 64 bytes before the end, and near the end the window is a masked
 * load whose last byte cannot be the CR (its LF has not arrived).
 * Returns the position after the empty line when the head ends here, else
 * NULL with *pp and *countp where the general loop goes on. */
STATICO__AVX512_FN const char *statico__usual_lines_vbmi(statico_request *req, const char *buf, const char **pp,
                                                        const char *end, size_t *countp)
{
    const __m512i lc_t0 = _mm512_load_si512((const void *)statico__vbmi_class);
    const __m512i lc_t1 = _mm512_load_si512((const void *)(statico__vbmi_class + 64));
    const __m512i lc_one = _mm512_set1_epi8(1), lc_two = _mm512_set1_epi8(2);
    const char *p = *pp;
    size_t count = *countp;
    __m512i lc_win;
    __m256i lower = _mm256_set1_epi8(0x20);
    const struct statico__htab *tab = &statico__htab;
    const uintptr_t end64 = (uintptr_t)end - 64; /* an integer: the buffer may be shorter */
#if defined(__GNUC__) /* kept in registers: compilers otherwise rebuild them on every line */
    __asm__("" : "+v"(lower), "+r"(tab));
#endif
    for (;;) {
        size_t a, b, key;
        __m512i c;
        __mmask64 high, ctl, nontok;
        if (STATICO__LIKELY((uintptr_t)p < end64)) {
            lc_win = _mm512_loadu_si512((const void *)p);
            c = _mm512_permutex2var_epi8(lc_t0, lc_win, lc_t1);
            high = _mm512_movepi8_mask(lc_win);
            ctl = _mm512_mask_test_epi8_mask(~high, c, lc_two);
        } else {
            __mmask64 room = _bzhi_u64(~0ull, (unsigned)(end - p));
            lc_win = _mm512_maskz_loadu_epi8(room, p);
            c = _mm512_permutex2var_epi8(lc_t0, lc_win, lc_t1);
            high = _mm512_movepi8_mask(lc_win);
            ctl = _mm512_mask_test_epi8_mask(~high & (room >> 1), c, lc_two);
        }
        nontok = _mm512_testn_epi8_mask(c, lc_one) | high;
        if (STATICO__LIKELY(ctl != 0)) {
            b = STATICO__CTZ64(ctl);
        } else if ((uintptr_t)p + 64 < end64 && nontok) {
            /* a value running into the next window (User-Agent, Cookie) */
            __m512i v2 = _mm512_loadu_si512((const void *)(p + 64));
            ctl = _mm512_mask_test_epi8_mask(~_mm512_movepi8_mask(v2),
                                             _mm512_permutex2var_epi8(lc_t0, v2, lc_t1), lc_two);
            if (!ctl) break;
            b = 64 + STATICO__CTZ64(ctl);
        } else {
            break;
        }
        a = STATICO__CTZ64(nontok);
        if (STATICO__UNLIKELY(!statico__usual_line(req, buf, p, a, b, count, tab, &key))) {
            if (b == 0 && statico__load16(p) == statico__load16("\r\n")) { /* the empty line */
                req->header_count = (uint16_t)count;
                return p + 2;
            }
            break;
        }
        if (key && statico__name_is_vbmi(_mm512_castsi512_si256(lc_win), &tab->names[key - 1], lower))
            statico__index_line(req, key, count);
        count++;
        p += b + 2;
    }
    *pp = p;
    *countp = count;
    return NULL;
}
#endif
#if STATICO__AVX2_BLOCKS
/* The usual line (statico__usual_line) from the masks of a 64-byte block,
 * which cost about 30 instructions here: one classification serves
 * every line that ends in its block (two shifts and two bit scans a
 * line). No bounds checks: a full block lies 96 bytes before the end
 * (the name compare loads 32 bytes from a line start in it); nearer the
 * end, blocks come from a zero-padded copy of the last 96 bytes of the
 * buffer, made once, and the last byte cannot be the CR. A head shorter
 * than 96 bytes takes the general loop.
 * Returns as statico__usual_lines_vbmi. */
STATICO__AVX2_FN const char *statico__usual_lines_avx2(statico_request *req, const char *buf, const char **pp,
                                                      const char *end, size_t *countp)
{
    const char *p = *pp;
    size_t count = *countp;
    const struct statico__htab *tab = &statico__htab;
    const uintptr_t full = (uintptr_t)end - 96; /* an integer: the buffer may be shorter */
    const char *q = p, *src = p, *tbase = NULL; /* the masks cover [q, q + 64); its bytes are at src */
    uint64_t nt = 0, ct = 0;
    struct statico__k64 k;
    char tmp[192];
    statico__k64_init(&k);
#if defined(__GNUC__) /* kept in a register: compilers otherwise rebuild it on every line */
    __asm__("" : "+r"(tab));
#endif
    for (;;) {
        size_t s = (size_t)(p - q), a, b, key;
        uint64_t cs;
        if (s >= 64 || !(cs = ct >> s)) { /* a new block from this line */
            q = p;
            s = 0;
            if (STATICO__LIKELY((uintptr_t)p <= full)) {
                src = p;
                ct = statico__classify64(p, &nt, &k);
            } else {
                size_t left = (size_t)(end - p);
                if (left == 0) break;
                if (!tbase) {
                    int i;
                    tbase = end - 96;
                    for (i = 0; i < 96; i += 32) {
                        _mm256_storeu_si256((__m256i *)(void *)(tmp + i),
                                            _mm256_loadu_si256((const __m256i *)(const void *)(tbase + i)));
                        _mm256_storeu_si256((__m256i *)(void *)(tmp + 96 + i), _mm256_setzero_si256());
                    }
                }
                src = tmp + (p - tbase);
                ct = statico__classify64(src, &nt, &k);
                if (left - 1 < 64) ct &= ((uint64_t)1 << (left - 1)) - 1; /* not the last byte */
            }
            if (!(cs = ct)) {
                uint64_t nt2, c2;
                /* a value running into the next 64 bytes (User-Agent, Cookie) */
                if ((uintptr_t)p + 64 > full || !nt || !(c2 = statico__classify64(p + 64, &nt2, &k))) break;
                b = 64 + STATICO__CTZ64(c2);
                goto line;
            }
        }
        b = STATICO__CTZ64(cs);
    line:
        a = STATICO__CTZ64(nt >> s);
        if (STATICO__UNLIKELY(!statico__usual_line(req, buf, p, a, b, count, tab, &key))) {
            if (b == 0 && statico__load16(p) == statico__load16("\r\n")) { /* the empty line */
                req->header_count = (uint16_t)count;
                return p + 2;
            }
            break;
        }
        if (key && statico__name_is_avx2(_mm256_loadu_si256((const __m256i *)(const void *)(src + s)),
                                         &tab->names[key - 1], k.lower))
            statico__index_line(req, key, count);
        count++;
        p += b + 2;
    }
    *pp = p;
    *countp = count;
    return NULL;
}
#endif
/* Level lv's loop over the usual lines (none below AVX2), from *pp. */
static STATICO__INLINE const char *statico__usual_lines(statico_request *req, const char *buf, const char **pp,
                                                        const char *end, size_t *countp, const int lv)
{
#if STATICO__VBMI
    if (lv == STATICO__LV_VBMI) return statico__usual_lines_vbmi(req, buf, pp, end, countp);
#endif
#if STATICO__AVX2_BLOCKS
    if ((lv == STATICO__LV_AVX2 || lv == STATICO__LV_AVX512) && end - buf >= 96)
        return statico__usual_lines_avx2(req, buf, pp, end, countp);
#endif
    (void)req, (void)buf, (void)pp, (void)end, (void)countp, (void)lv;
    return NULL;
}

/* The general header loop stopped at the line at *pp (its name ends at n,
 * its value at ve): the end of the head (1, *pp after the empty line), an
 * incomplete line (0, with where its resume scan starts and the class it
 * continues with), or an error (-1, req->status set). */
static STATICO__INLINE int statico__line_stop(statico_request *req, const char **pp, const char *n, const char *ve,
                                              const char *end, const char **stop, unsigned *phase)
{
    const char *p = *pp;
    if (end - p < 2) {
        /* a line can only start with a tchar, or CR for the end of the head */
        if (p < end && *p != '\r' && !STATICO__IS(*p, STATICO__C_TOKEN)) return req->status = 400, -1;
        *stop = p;
        *phase = STATICO__PH_NONE;
        return 0;
    }
    if (*p == '\r') {
        if (p[1] != '\n') return req->status = 400, -1;
        *pp = p + 2;
        return 1;
    }
    *stop = end;
    if (n == end) {
        *phase = STATICO__PH_TOKEN;
        return 0;
    }
    /* a line starting with SP/HTAB is obs-fold; other stops are not ':' */
    if (n == p || *n != ':') return req->status = 400, -1;
    *phase = STATICO__PH_VALUE;
    if (ve == end) return 0;
    if (*ve != '\r') return req->status = 400, -1;
    if (ve + 1 < end) return req->status = 400, -1; /* CR without LF */
    *stop = ve;
    return 0;
}

/* The header lines from p (a line start) to the empty line: the usual
 * lines on the level's fast path while they last, then the general loop.
 * Returns the byte after the head, NULL when incomplete (the resume point
 * and header count saved in req), or STATICO__ERR with req->status set. */
static STATICO__INLINE const char *statico__headers(statico_request *req, const char *buf, const char *p,
                                                    const char *end, const int lv)
{
    size_t count = req->header_count;
    const char *stop = end, *done = statico__usual_lines(req, buf, &p, end, &count, lv);
    unsigned phase = STATICO__PH_NONE;
    if (done) return done;
    for (;;) {
        const char *n, *ve;
        int id;
        ve = statico__scan_line(p, end, &n, lv);
        /* ve >= n: n == end implies ve + 1 >= end, so *n is read only when n < end */
        if (STATICO__UNLIKELY(n == p || ve + 1 >= end || *n != ':' || statico__load16(ve) != statico__load16("\r\n"))) {
            /* the end of the head, an incomplete line, or an error */
            int r = statico__line_stop(req, &p, n, ve, end, &stop, &phase);
            if (r > 0) break;
            if (r < 0) return STATICO__ERR;
            goto incomplete;
        }
        if (STATICO__UNLIKELY(count == STATICO_MAX_HEADERS)) return req->status = 431, STATICO__ERR;
        id = statico__header_id(p, (size_t)(n - p), end);
        statico__header_store(req, buf, p, n, ve, count, id);
        count++;
        p = ve + 2;
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
/* Resuming inside a line: look only at the new bytes, with the class the
 * line continues with; a byte outside it (its end, or an error) sends the
 * whole line through the parser once. 1 when every new byte continues the
 * line (still incomplete), 0 to parse, -1 on an error. */
static STATICO__INLINE int statico__resume(statico_request *req, const char *buf, const char *p, const char *end,
                                          size_t max_target, const int lv)
{
    const char *s = buf + req->statico__scan, *q = NULL;
    switch (req->statico__phase) {
    case STATICO__PH_VALUE: s = statico__scan_value(s, end, lv); break;
    case STATICO__PH_TOKEN:
        s = statico__scan_token(s, end, lv);
        if (req->statico__state == 0 && s - p > STATICO_MAX_METHOD) STATICO__FAIL(400); /* the method */
        break;
    case STATICO__PH_TARGET:
        s = statico__scan_target(s, end, &q, lv);
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
    return s == end;
}

/* The request line at *pp, after any empty lines (RFC 9112 2.2, *pp
 * moves past them): the position after it, NULL when incomplete (*stop
 * set), or STATICO__ERR. */
static STATICO__INLINE const char *statico__first_line(statico_request *req, const char *buf, const char **pp,
                                                      const char *end, size_t max_target, const char **stop,
                                                      const int lv)
{
    const char *n, *p = *pp;
#if STATICO__VBMI
    if (lv == STATICO__LV_VBMI && (n = statico__request_line_vbmi(req, buf, p, end, max_target)) != NULL) return n;
#endif
    while (p < end && *p == '\r') {
        if (p + 1 == end) {
            *stop = *pp = p;
            return NULL;
        }
        if (p[1] != '\n') return req->status = 400, STATICO__ERR;
        p += 2;
    }
    *pp = p;
    n = statico__request_line(req, buf, p, end, max_target, stop, lv);
    return n == STATICO__IN_TARGET ? NULL : n;
}

/* A complete head: the framing headers and the whole-message checks; the
 * usual head (Host, maybe Connection, no body) on a short path. 0, or the
 * status to fail with. */
static STATICO__INLINE int statico__head_checks(statico_request *req, const char *buf, const char *p, const int lv)
{
    unsigned c, hi;
    if (STATICO__UNLIKELY(req->statico__dups
                          || (req->index[STATICO_HDR_CONTENT_LENGTH] | req->index[STATICO_HDR_TRANSFER_ENCODING]
                              | req->index[STATICO_HDR_EXPECT] | req->index[STATICO_HDR_UPGRADE])))
        return statico__head_rules(req, buf, p, lv);
    c = req->index[STATICO_HDR_CONNECTION];
    hi = req->index[STATICO_HDR_HOST];
    if (hi) {
        const statico_header *h = &req->headers[hi - 1];
        if (!statico__host_ok(buf, buf + h->value.off, buf + h->value.off + h->value.len, lv)
            || (!h->value.len && statico__needs_host(req, buf)))
            return 400;
    } else if (req->version == 11) {
        return 400;
    }
    if (c) {
        const statico_header *h = &req->headers[c - 1];
        if (statico__parse_connection(req, buf + h->value.off, buf + h->value.off + h->value.len)) return 400;
    }
    if (req->statico__conn & STATICO__CONN_CLOSE) req->flags |= STATICO_REQ_CLOSE;
    else if (req->version == 11 || (req->statico__conn & STATICO__CONN_KEEP_ALIVE)) req->flags |= STATICO_REQ_KEEP_ALIVE;
    return 0;
}

/* The head does not fit in max_head: a request line cut inside its target
 * is 414, anything else 431. Runs once, on the way out. */
static STATICO__NOINLINE int statico__too_long(statico_request *req, const char *buf, const char *p, const char *end,
                                              size_t max_target, const int lv)
{
    if (req->statico__state == 0) {
        const char *stop = end;
        const char *n = statico__request_line(req, buf, p, end, max_target, &stop, lv);
        if (n == STATICO__ERR) return -1;
        if (n == STATICO__IN_TARGET) STATICO__FAIL(414);
    }
    STATICO__FAIL(431);
}

/* The header loop of a level's parser (STATICO__PARSER), apart from the
 * rest so that the compiler gives the loop every register. */
typedef const char *(*statico__headers_fn)(statico_request *req, const char *buf, const char *p, const char *end);

static STATICO__INLINE int statico__parse(statico_request *req, const char *buf, size_t len, const int lv,
                                          statico__headers_fn headers)
{
    size_t max_head = req->max_head ? (req->max_head < 65536 ? req->max_head : 65536) : STATICO_MAX_HEAD;
    size_t max_target = req->max_target ? req->max_target : STATICO_MAX_TARGET;
    const char *end = buf + (len < max_head ? len : max_head);
    const char *p = buf + req->statico__line, *stop = end;
    int st;

    if (STATICO__UNLIKELY(req->statico__scan > req->statico__line)
        && (st = statico__resume(req, buf, p, end, max_target, lv)) != 0) {
        if (st < 0) return -1;
        goto incomplete;
    }
    if (STATICO__UNLIKELY(req->statico__state == 0)) {
        const char *n = statico__first_line(req, buf, &p, end, max_target, &stop, lv);
        if (n == STATICO__ERR) return -1;
        if (n == NULL) goto incomplete;
        p = n;
        req->statico__state = 1;
    }
    p = headers(req, buf, p, end);
    if (STATICO__UNLIKELY(p == NULL || p == STATICO__ERR)) {
        if (p == STATICO__ERR) return -1;
        if (len >= max_head) STATICO__FAIL(431);
        return -2;
    }
    if ((st = statico__head_checks(req, buf, p, lv)) != 0) STATICO__FAIL(st);
    req->statico__state = 2;
    return (int)(p - buf);

incomplete:
    if (len >= max_head) return statico__too_long(req, buf, p, end, max_target, lv);
    req->statico__line = (uint32_t)(p - buf);
    req->statico__scan = (uint32_t)(stop - buf);
    return -2;
}

/* The parser of level lv: its header loop, and the whole head, both
 * compiled for the level's target (attr) with the level's kernels inlined.
 * A dispatching build calls each through a pointer (>>simd); otherwise
 * statico_parse_request() inlines its level's. */
#if STATICO__DISPATCH
#define STATICO__ENTRY STATICO__NOINLINE STATICO__FLATTEN
#else
#define STATICO__ENTRY STATICO__INLINE
#endif
#define STATICO__PARSER(sfx, lv, attr)                                                             \
    static STATICO__NOINLINE STATICO__FLATTEN attr const char *statico__headers_##sfx(             \
        statico_request *req, const char *buf, const char *p, const char *end)                     \
    {                                                                                              \
        return statico__headers(req, buf, p, end, lv);                                             \
    }                                                                                              \
    static STATICO__ENTRY attr int statico__parse_##sfx(statico_request *req, const char *buf, size_t len) \
    {                                                                                              \
        return statico__parse(req, buf, len, lv, statico__headers_##sfx);                          \
    }
STATICO__PARSER(c, STATICO__LV_C, )
#if STATICO__SSE2
STATICO__PARSER(sse2, STATICO__LV_SSE2, )
#endif
#if STATICO__NEON
STATICO__PARSER(neon, STATICO__LV_NEON, )
#endif
#if STATICO__AVX2
STATICO__PARSER(avx2, STATICO__LV_AVX2, STATICO__AVX2_TARGET)
#endif
#if STATICO__AVX512 && !STATICO__VBMI
STATICO__PARSER(avx512, STATICO__LV_AVX512, )
#endif
#if STATICO__VBMI
STATICO__PARSER(vbmi, STATICO__LV_VBMI, STATICO__VBMI_TARGET)
#endif

#ifdef STATICO_TESTING
/* The plain-C twin of statico_parse_request(), for tests and fuzzing. */
STATICO_API int statico__parse_request_plain(statico_request *req, const char *buf, size_t len);
STATICO_API int statico__parse_request_plain(statico_request *req, const char *buf, size_t len)
{
    return statico__parse_c(req, buf, len);
}
#endif

#if STATICO__RESET_COPY
static statico_request statico__request_zero; /* never written */
#endif
STATICO_API void statico_request_reset(statico_request *req)
{
    uint32_t mh = req->max_head, mt = req->max_target;
#if STATICO__RESET_COPY
    memcpy(req, &statico__request_zero, offsetof(statico_request, headers));
#else
    memset(req, 0, offsetof(statico_request, headers));
#endif
    req->max_head = mh;
    req->max_target = mt;
}

// >>simd
/* The SIMD level statico_parse_request() runs. A build with -march (or
 * -mavx2, ...), or for another architecture, has one, chosen at compile
 * time: the entry inlines its parser. A dispatching build (a plain x86-64
 * one) picks the best level the CPU and the OS run on first use, or the
 * one STATICO_SIMD names, and calls it through a pointer. */
#if STATICO__DISPATCH
/* x86-64 cpuid and xgetbv; xgetbv only once cpuid says OSXSAVE. */
static void statico__cpuid(unsigned leaf, unsigned sub, unsigned r[4])
{
    __asm__ __volatile__("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}
static uint64_t statico__xgetbv(void)
{
    unsigned lo, hi;
    __asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (uint64_t)hi << 32 | lo;
}

/* The best level this CPU runs: every feature of the level's target
 * attribute, and the OS saving the registers it uses (XCR0: XMM and YMM
 * state, bits 1 and 2, for AVX2; the opmask and ZMM state, bits 5 to 7,
 * too for AVX-512). */
static int statico__cpu_probe(void)
{
    unsigned r[4], ecx1, ebx7, ecx7;
    uint64_t xcr0;
    statico__cpuid(0, 0, r);
    if (r[0] < 7) return STATICO__LV_SSE2;
    statico__cpuid(1, 0, r);
    ecx1 = r[2];
    if (!(ecx1 & 1u << 27) || !(ecx1 & 1u << 28)) return STATICO__LV_SSE2; /* OSXSAVE, AVX */
    statico__cpuid(7, 0, r);
    ebx7 = r[1];
    ecx7 = r[2];
    xcr0 = statico__xgetbv();
    /* AVX2 (ebx 5), BMI1 (3), BMI2 (8) */
    if ((xcr0 & 0x6) != 0x6 || (ebx7 & 0x128) != 0x128) return STATICO__LV_SSE2;
#if STATICO__VBMI
    /* AVX-512F (ebx 16), BW (30), VL (31), VBMI (ecx 1) */
    if ((xcr0 & 0xe6) == 0xe6 && (ebx7 & 0xc0010000u) == 0xc0010000u && (ecx7 & 2)) return STATICO__LV_VBMI;
#else
    (void)ecx7;
#endif
    return STATICO__LV_AVX2;
}
/* The probe once (cpuid is slow in a virtual machine); 0: not yet. */
static int statico__cpu_best;
static int statico__cpu_level(void)
{
    int best = __atomic_load_n(&statico__cpu_best, __ATOMIC_RELAXED);
    if (!best) {
        best = statico__cpu_probe();
        __atomic_store_n(&statico__cpu_best, best, __ATOMIC_RELAXED);
    }
    return best;
}

typedef int (*statico__parse_fn)(statico_request *req, const char *buf, size_t len);
/* The levels, best first; name is what STATICO_SIMD and statico_simd_force
 * take, simd what statico_simd() says. */
static const struct statico__level {
    const char *name, *simd;
    int lv;
    statico__parse_fn parse;
} statico__levels[] = {
#if STATICO__VBMI
    {"avx512", "AVX-512 VBMI", STATICO__LV_VBMI, statico__parse_vbmi},
#endif
    {"avx2", "AVX2", STATICO__LV_AVX2, statico__parse_avx2},
    {"sse2", STATICO__SSSE3 ? "SSSE3" : "SSE2", STATICO__LV_SSE2, statico__parse_sse2},
    {"none", "none", STATICO__LV_C, statico__parse_c},
};
#define STATICO__LEVELS (sizeof statico__levels / sizeof statico__levels[0])

/* The level called name that this CPU runs, or NULL. */
static const struct statico__level *statico__level_named(const char *name)
{
    size_t i;
    for (i = 0; i < STATICO__LEVELS; i++)
        if (!strcmp(statico__levels[i].name, name))
            return statico__levels[i].lv <= statico__cpu_level() ? &statico__levels[i] : NULL;
    return NULL;
}

/* The level in use, a pointer read and written with relaxed atomics: it
 * starts at statico__parse_first, which stores the level chosen (unless
 * statico_simd_force came first) and parses with it. Threads that race
 * there choose the same level. */
static int statico__parse_first(statico_request *req, const char *buf, size_t len);
static statico__parse_fn statico__parse_now = &statico__parse_first;

/* The default level: STATICO_SIMD's when this CPU runs it, else the best. */
static const struct statico__level *statico__level_default(void)
{
    const char *env = getenv("STATICO_SIMD");
    const struct statico__level *l = env ? statico__level_named(env) : NULL;
    size_t i;
    int best = statico__cpu_level();
    if (l) return l;
    for (i = 0; statico__levels[i].lv > best; i++) {}
    return &statico__levels[i];
}
static const struct statico__level *statico__level_now(void)
{
    statico__parse_fn fn = __atomic_load_n(&statico__parse_now, __ATOMIC_RELAXED);
    size_t i;
    if (fn == &statico__parse_first) {
        const struct statico__level *l = statico__level_default();
        if (__atomic_compare_exchange_n(&statico__parse_now, &fn, l->parse, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
            return l;
    }
    for (i = 0; statico__levels[i].parse != fn; i++) {}
    return &statico__levels[i];
}
static int statico__parse_first(statico_request *req, const char *buf, size_t len)
{
    return statico__level_now()->parse(req, buf, len);
}

STATICO_API int statico_parse_request(statico_request *req, const char *buf, size_t len)
{
    return __atomic_load_n(&statico__parse_now, __ATOMIC_RELAXED)(req, buf, len);
}

STATICO_API const char *statico_simd(void)
{
    return statico__level_now()->simd;
}

STATICO_API int statico_simd_force(const char *level)
{
    const struct statico__level *l = level && *level ? statico__level_named(level) : statico__level_default();
    if (!l) return -1;
    __atomic_store_n(&statico__parse_now, l->parse, __ATOMIC_RELAXED);
    return 0;
}
#else /* the level of the build: its parser, its names */
#if STATICO__LV_BUILD == STATICO__LV_VBMI
#define STATICO__BUILD statico__parse_vbmi
#define STATICO__BUILD_NAMES "avx512", "AVX-512 VBMI"
#elif STATICO__LV_BUILD == STATICO__LV_AVX512
#define STATICO__BUILD statico__parse_avx512
#define STATICO__BUILD_NAMES "avx512", "AVX-512BW"
#elif STATICO__LV_BUILD == STATICO__LV_AVX2
#define STATICO__BUILD statico__parse_avx2
#define STATICO__BUILD_NAMES "avx2", "AVX2"
#elif STATICO__LV_BUILD == STATICO__LV_SSE2
#define STATICO__BUILD statico__parse_sse2
#define STATICO__BUILD_NAMES "sse2", STATICO__SSSE3 ? "SSSE3" : "SSE2"
#elif STATICO__LV_BUILD == STATICO__LV_NEON
#define STATICO__BUILD statico__parse_neon
#define STATICO__BUILD_NAMES "neon", "NEON"
#else
#define STATICO__BUILD statico__parse_c
#define STATICO__BUILD_NAMES "none", "none"
#endif
static const char *const statico__build_names[2] = {STATICO__BUILD_NAMES};

STATICO_API int statico_parse_request(statico_request *req, const char *buf, size_t len)
{
    return STATICO__BUILD(req, buf, len);
}

STATICO_API const char *statico_simd(void)
{
    return statico__build_names[1];
}

STATICO_API int statico_simd_force(const char *level)
{
    return !level || !*level || !strcmp(level, statico__build_names[0]) ? 0 : -1;
}
#endif

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

/* One byte of a chunk-size line (the size, its extensions, its CRLF):
 * the next state, or -1 when the byte cannot be there. */
static STATICO__INLINE int statico__ck_size_byte(statico_chunked *c, int st, unsigned char b)
{
    int more = st != STATICO__CK_SIZE0 && st != STATICO__CK_EXT_NAME0; /* a digit or a name byte came */
    switch (st) {
    case STATICO__CK_SIZE0:
    case STATICO__CK_SIZE:
        if (STATICO__IS(b, STATICO__C_HEX)) {
            unsigned d = b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
            if (c->remaining > (UINT64_C(0x7fffffffffffffff) >> 4)) return -1;
            c->remaining = c->remaining << 4 | d;
            return STATICO__CK_SIZE;
        }
        return !more ? -1 : b == ';' ? STATICO__CK_EXT_NAME0 : b == '\r' ? STATICO__CK_SIZE_LF : -1;
    case STATICO__CK_EXT_NAME0:
    case STATICO__CK_EXT_NAME:
        if (STATICO__IS(b, STATICO__C_TOKEN)) return STATICO__CK_EXT_NAME;
        if (!more) return -1;
        return b == '=' ? STATICO__CK_EXT_VAL0 : b == ';' ? STATICO__CK_EXT_NAME0 : b == '\r' ? STATICO__CK_SIZE_LF : -1;
    case STATICO__CK_EXT_VAL0:
        return b == '"' ? STATICO__CK_EXT_QS : STATICO__IS(b, STATICO__C_TOKEN) ? STATICO__CK_EXT_TOKEN : -1;
    case STATICO__CK_EXT_TOKEN:
        if (STATICO__IS(b, STATICO__C_TOKEN)) return st;
        return b == ';' ? STATICO__CK_EXT_NAME0 : b == '\r' ? STATICO__CK_SIZE_LF : -1;
    case STATICO__CK_EXT_QS:
        if (b == '"') return STATICO__CK_EXT_AFTER_QS;
        if (b == '\\') return STATICO__CK_EXT_QP;
        return STATICO__IS(b, STATICO__C_VALUE) ? st : -1;
    case STATICO__CK_EXT_QP: return STATICO__IS(b, STATICO__C_VALUE) ? STATICO__CK_EXT_QS : -1;
    case STATICO__CK_EXT_AFTER_QS: return b == ';' ? STATICO__CK_EXT_NAME0 : b == '\r' ? STATICO__CK_SIZE_LF : -1;
    default: /* STATICO__CK_SIZE_LF */
        if (b != '\n') return -1;
        c->line_bytes = 0;
        return c->remaining ? STATICO__CK_DATA : STATICO__CK_TR0;
    }
}

/* One byte after a chunk's data, or of the trailer section and the final
 * CRLF: the next state (STATICO__CK_DONE at the end), or -1. */
static STATICO__INLINE int statico__ck_tail_byte(statico_chunked *c, int st, unsigned char b)
{
    switch (st) {
    case STATICO__CK_DATA_CR: return b == '\r' ? STATICO__CK_DATA_LF : -1;
    case STATICO__CK_DATA_LF: return b == '\n' ? STATICO__CK_SIZE0 : -1;
    case STATICO__CK_TR0: /* not obs-fold, a bare LF or an empty name */
        return b == '\r' ? STATICO__CK_END_LF : STATICO__IS(b, STATICO__C_TOKEN) ? STATICO__CK_TR_NAME : -1;
    case STATICO__CK_TR_NAME: return b == ':' ? STATICO__CK_TR_VALUE : STATICO__IS(b, STATICO__C_TOKEN) ? st : -1;
    case STATICO__CK_TR_VALUE: return b == '\r' ? STATICO__CK_TR_LF : STATICO__IS(b, STATICO__C_VALUE) ? st : -1;
    case STATICO__CK_TR_LF:
        if (b != '\n') return -1;
        c->line_bytes = 0;
        return STATICO__CK_TR0;
    default: /* STATICO__CK_END_LF */
        return b == '\n' ? STATICO__CK_DONE : -1;
    }
}

STATICO_API ptrdiff_t statico_chunked_decode(statico_chunked *c, const char *buf, size_t len,
                                             statico_chunk_data *data)
{
    size_t i = 0;
    data->off = data->len = 0;
    if (c->state == STATICO__CK_DONE) return 0;
    while (i < len) {
        unsigned char b = (unsigned char)buf[i];
        int st = c->state;
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
        st = st <= STATICO__CK_SIZE_LF ? statico__ck_size_byte(c, st, b) : statico__ck_tail_byte(c, st, b);
        if (st < 0) goto bad;
        c->state = (uint8_t)st;
        if (st == STATICO__CK_DONE) {
            c->done = 1;
            return (ptrdiff_t)i;
        }
    }
    return (ptrdiff_t)i;
bad:
    c->status = 400;
    return -1;
}

// >>util
#ifndef STATICO_NO_SERVER

static void statico__errf(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    if (!err || !n) return;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
}

STATICO_API const char *statico_result_string(statico_result r)
{
    switch (r) {
    case STATICO_OK: return "ok";
    case STATICO_ERROR_CONFIG: return "invalid configuration";
    case STATICO_ERROR_ADDRESS: return "invalid address";
    case STATICO_ERROR_BIND: return "cannot bind";
    case STATICO_ERROR_FILE: return "cannot read file";
    case STATICO_ERROR_SYSTEM: return "system call failed";
    case STATICO_ERROR_MEMORY: return "out of memory";
    }
    return "unknown error";
}

STATICO_API int statico_parse_duration(const char *s, uint64_t *us)
{
    uint64_t total = 0;
    if (!s || !*s) return -1;
    while (*s) {
        uint64_t v = 0, mul;
        const char *d = s;
        while (*s >= '0' && *s <= '9') {
            if (v > (UINT64_MAX - 9) / 10) return -1;
            v = v * 10 + (uint64_t)(*s++ - '0');
        }
        if (s == d) return -1;
        if (!*s) {
            if (v || s - d != 1 || total) return -1; /* a unit is required, except for "0" */
            mul = 1;
        } else if (!strncmp(s, "us", 2)) mul = 1, s += 2;
        else if (!strncmp(s, "ms", 2)) mul = 1000, s += 2;
        else if (*s == 's') mul = 1000000, s += 1;
        else if (*s == 'm') mul = 60000000, s += 1;
        else if (*s == 'h') mul = 3600000000ull, s += 1;
        else return -1;
        if (v && mul > UINT64_MAX / v) return -1;
        if (total > UINT64_MAX - v * mul) return -1;
        total += v * mul;
    }
    *us = total;
    return 0;
}

STATICO_API int statico_parse_ports(const char *s, uint16_t *ports, size_t max, size_t *count)
{
    size_t n = 0;
    if (!s || !*s) return -1;
    for (;;) {
        unsigned long a = 0, b;
        const char *d = s;
        while (*s >= '0' && *s <= '9' && a <= 65535) a = a * 10 + (unsigned long)(*s++ - '0');
        if (s == d || a < 1 || a > 65535) return -1;
        b = a;
        if (*s == '-') {
            d = ++s;
            b = 0;
            while (*s >= '0' && *s <= '9' && b <= 65535) b = b * 10 + (unsigned long)(*s++ - '0');
            if (s == d || b < a || b > 65535) return -1;
        }
        for (; a <= b; a++) {
            if (n == max) return -1;
            ports[n++] = (uint16_t)a;
        }
        if (!*s) break;
        if (*s++ != ',') return -1;
    }
    *count = n;
    return 0;
}

STATICO_API int statico_check_header_line(const char *line)
{
    const char *p = line, *v;
    if (!line) return -1;
    while (STATICO__IS(*p, STATICO__C_TOKEN)) p++;
    if (p == line || *p != ':') return -1;
    for (v = p + 1; *v; v++)
        if (!STATICO__IS(*v, STATICO__C_VALUE)) return -1;
    return 0;
}

STATICO_API statico_result statico_read_file(const char *path, void **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    char *buf;
    size_t have = 0, cap;
    int bad;
    if (fd < 0) return STATICO_ERROR_FILE;
    bad = fstat(fd, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    if (bad) { /* errno says why, for the caller */
        close(fd);
        errno = bad;
        return STATICO_ERROR_FILE;
    }
    cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
    if (!(buf = (char *)STATICO_MALLOC(cap))) {
        close(fd);
        return STATICO_ERROR_MEMORY;
    }
    for (;;) { /* read to the end: the size of a pipe or /proc file is not known */
        ssize_t r;
        if (have == cap) {
            char *nb = (char *)STATICO_REALLOC(buf, cap * 2);
            if (!nb) {
                STATICO_FREE(buf);
                close(fd);
                return STATICO_ERROR_MEMORY;
            }
            buf = nb;
            cap *= 2;
        }
        r = read(fd, buf + have, cap - have);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            STATICO_FREE(buf);
            close(fd);
            return STATICO_ERROR_FILE;
        }
        if (r == 0) break;
        have += (size_t)r;
    }
    close(fd);
    *data = buf;
    *len = have;
    return STATICO_OK;
}

STATICO_API void statico_free(void *p)
{
    STATICO_FREE(p);
}

/* A growable byte buffer. */
typedef struct statico__buf {
    char *p;
    size_t n, cap;
} statico__buf;

/* Append n bytes; an empty buffer starts at first bytes and doubles. */
static int statico__buf_grow_add(statico__buf *b, const void *p, size_t n, size_t first)
{
    if (b->n + n > b->cap) {
        size_t nc = b->cap ? b->cap : first;
        char *np;
        while (nc < b->n + n) nc *= 2;
        if (!(np = (char *)STATICO_REALLOC(b->p, nc))) return -1;
        b->p = np;
        b->cap = nc;
    }
    if (n && p) memcpy(b->p + b->n, p, n); /* p NULL: room only */
    b->n += n;
    return 0;
}
static int statico__buf_add(statico__buf *b, const void *p, size_t n)
{
    return statico__buf_grow_add(b, p, n, 256);
}

static int statico__buf_str(statico__buf *b, const char *s)
{
    return statico__buf_add(b, s, strlen(s));
}

static void statico__buf_free(statico__buf *b)
{
    STATICO_FREE(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

/* Copies kept by their owner (the server, a route version) and freed with
 * it: strings and bodies of the configuration, which the caller may free
 * after start or set_route. */
typedef struct statico__owner {
    char **p;
    size_t n;
} statico__owner;

/* A NUL-terminated copy of n bytes at p (room only when p is NULL). */
static char *statico__own(statico__owner *o, const void *p, size_t n)
{
    char *c, **no;
    if (!(no = (char **)STATICO_REALLOC(o->p, (o->n + 1) * sizeof *no))) return NULL;
    o->p = no;
    if (!(c = (char *)STATICO_MALLOC(n + 1))) return NULL;
    if (n && p) memcpy(c, p, n);
    c[n] = 0;
    o->p[o->n++] = c;
    return c;
}

static void statico__owner_free(statico__owner *o)
{
    size_t k;
    for (k = 0; k < o->n; k++) STATICO_FREE(o->p[k]);
    STATICO_FREE(o->p);
    o->p = NULL;
    o->n = 0;
}

// >>hpack
/* HPACK (RFC 7541) for HTTP/2: the decoder of request header blocks
 * (static and dynamic table, size updates, Huffman through a 4-bit state
 * machine), and the writer of the responses' blocks, written once per
 * response as literals without indexing, so a block is the same bytes on
 * every stream and connection. */
#define STATICO__HP_TABLE 4096 /* our SETTINGS_HEADER_TABLE_SIZE: the default, never advertised otherwise */
#define STATICO__HP_ENTRIES (STATICO__HP_TABLE / 32)

typedef struct statico__hp_entry {
    const char *name, *value;
    uint8_t nl, vl;
} statico__hp_entry;
#define STATICO__HP_E(n, v) {n, v, sizeof n - 1, sizeof v - 1}
static const statico__hp_entry statico__hp_static[61] = {
    STATICO__HP_E(":authority", ""), STATICO__HP_E(":method", "GET"), STATICO__HP_E(":method", "POST"),
    STATICO__HP_E(":path", "/"), STATICO__HP_E(":path", "/index.html"), STATICO__HP_E(":scheme", "http"),
    STATICO__HP_E(":scheme", "https"), STATICO__HP_E(":status", "200"), STATICO__HP_E(":status", "204"),
    STATICO__HP_E(":status", "206"), STATICO__HP_E(":status", "304"), STATICO__HP_E(":status", "400"),
    STATICO__HP_E(":status", "404"), STATICO__HP_E(":status", "500"), STATICO__HP_E("accept-charset", ""),
    STATICO__HP_E("accept-encoding", "gzip, deflate"), STATICO__HP_E("accept-language", ""),
    STATICO__HP_E("accept-ranges", ""), STATICO__HP_E("accept", ""), STATICO__HP_E("access-control-allow-origin", ""),
    STATICO__HP_E("age", ""), STATICO__HP_E("allow", ""), STATICO__HP_E("authorization", ""),
    STATICO__HP_E("cache-control", ""), STATICO__HP_E("content-disposition", ""),
    STATICO__HP_E("content-encoding", ""), STATICO__HP_E("content-language", ""), STATICO__HP_E("content-length", ""),
    STATICO__HP_E("content-location", ""), STATICO__HP_E("content-range", ""), STATICO__HP_E("content-type", ""),
    STATICO__HP_E("cookie", ""), STATICO__HP_E("date", ""), STATICO__HP_E("etag", ""), STATICO__HP_E("expect", ""),
    STATICO__HP_E("expires", ""), STATICO__HP_E("from", ""), STATICO__HP_E("host", ""), STATICO__HP_E("if-match", ""),
    STATICO__HP_E("if-modified-since", ""), STATICO__HP_E("if-none-match", ""), STATICO__HP_E("if-range", ""),
    STATICO__HP_E("if-unmodified-since", ""), STATICO__HP_E("last-modified", ""), STATICO__HP_E("link", ""),
    STATICO__HP_E("location", ""), STATICO__HP_E("max-forwards", ""), STATICO__HP_E("proxy-authenticate", ""),
    STATICO__HP_E("proxy-authorization", ""), STATICO__HP_E("range", ""), STATICO__HP_E("referer", ""),
    STATICO__HP_E("refresh", ""), STATICO__HP_E("retry-after", ""), STATICO__HP_E("server", ""),
    STATICO__HP_E("set-cookie", ""), STATICO__HP_E("strict-transport-security", ""),
    STATICO__HP_E("transfer-encoding", ""), STATICO__HP_E("user-agent", ""), STATICO__HP_E("vary", ""),
    STATICO__HP_E("via", ""), STATICO__HP_E("www-authenticate", "")};

/* The Huffman code's lengths (RFC 7541 Appendix B), symbols 0..255 and EOS.
 * The code is canonical (codes ordered by length, then symbol), so the
 * lengths define it. */
static const uint8_t statico__huff_bits[257] = {
    13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28,
    28, 28, 28, 28, 6,  10, 10, 12, 13, 6,  8,  11, 10, 10, 8,  11, 8,  6,  6,  6,  5,  5,  5,  6,  6,  6,  6,  6,
    6,  6,  7,  8,  15, 6,  12, 10, 13, 6,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,  7,
    7,  7,  7,  7,  8,  7,  8,  13, 19, 13, 14, 6,  15, 5,  6,  5,  6,  5,  6,  6,  6,  5,  7,  7,  6,  6,  6,  5,
    6,  7,  6,  5,  5,  6,  7,  7,  7,  7,  7,  15, 11, 14, 13, 28, 20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23,
    23, 23, 24, 23, 24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, 22, 21, 20, 22, 22, 23, 23, 21,
    23, 22, 22, 24, 21, 22, 23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, 26, 26, 20, 19,
    22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, 19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
    20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27,
    27, 27, 27, 26, 30};

/* The decoder: 256 states (the code tree's inner nodes) times a nibble
 * give the next state, at most one symbol (codes are 5 bits or longer),
 * and whether the string may end there (the bits since the last symbol are
 * at most 7 ones: EOS padding) or has failed (EOS decoded). Built once. */
enum { STATICO__HUF_EMIT = 1, STATICO__HUF_END = 2, STATICO__HUF_FAIL = 4 };
typedef struct statico__hdec {
    uint8_t next, flags, sym;
} statico__hdec;
static uint32_t statico__huff_code[257];
static statico__hdec statico__huff_dec[256][16];
static pthread_once_t statico__huff_once = PTHREAD_ONCE_INIT;

/* The code tree from the canonical codes: child >= 0 an inner node, < 0 a
 * leaf (-1 - symbol). 256 inner nodes for 257 leaves. */
static void statico__huff_tree(int16_t child[256][2], uint8_t depth[256], uint8_t ones[256])
{
    uint32_t code = 0;
    int len, s, nodes = 1, prev = 0;
    memset(child, 0, 256 * sizeof child[0]);
    depth[0] = 0;
    ones[0] = 1;
    for (len = 5; len <= 30; len++)
        for (s = 0; s < 257; s++) {
            int n = 0, i;
            if (statico__huff_bits[s] != len) continue;
            if (prev) code = (code + 1) << (len - prev);
            prev = len;
            statico__huff_code[s] = code;
            for (i = len - 1; i > 0; i--) { /* the inner nodes on its path */
                int b = (int)(code >> i) & 1;
                if (!child[n][b]) {
                    child[n][b] = (int16_t)nodes;
                    depth[nodes] = (uint8_t)(depth[n] + 1);
                    ones[nodes] = (uint8_t)(ones[n] && b);
                    nodes++;
                }
                n = child[n][b];
            }
            child[n][code & 1] = (int16_t)(-1 - s);
        }
}

static void statico__huff_build(void)
{
    int16_t child[256][2];
    uint8_t depth[256], ones[256];
    int n, v, b;
    statico__huff_tree(child, depth, ones);
    for (n = 0; n < 256; n++)
        for (v = 0; v < 16; v++) {
            statico__hdec *d = &statico__huff_dec[n][v];
            int cur = n;
            d->flags = 0;
            for (b = 3; b >= 0; b--) {
                int ch = child[cur][(v >> b) & 1];
                if (ch >= 0) {
                    cur = ch;
                    continue;
                }
                if (-1 - ch == 256) d->flags |= STATICO__HUF_FAIL;
                d->flags |= STATICO__HUF_EMIT;
                d->sym = (uint8_t)(-1 - ch);
                cur = 0;
            }
            d->next = (uint8_t)cur;
            if (ones[cur] && depth[cur] <= 7) d->flags |= STATICO__HUF_END;
        }
}

static void statico__huff_init(void)
{
    pthread_once(&statico__huff_once, statico__huff_build);
}

/* n Huffman-coded bytes into out (room for n * 8 / 5 + 1): the length, or
 * -1 (a COMPRESSION_ERROR: EOS inside, padding over 7 bits or not ones). */
static ptrdiff_t statico__huff_decode(const uint8_t *p, size_t n, char *out)
{
    char *o = out;
    unsigned st = 0, fl = STATICO__HUF_END, k;
    size_t i;
    for (i = 0; i < n; i++)
        for (k = 0; k < 2; k++) {
            const statico__hdec *d = &statico__huff_dec[st][k ? p[i] & 15 : p[i] >> 4];
            if (d->flags & STATICO__HUF_FAIL) return -1;
            if (d->flags & STATICO__HUF_EMIT) *o++ = (char)d->sym;
            st = d->next;
            fl = d->flags;
        }
    return (fl & STATICO__HUF_END) ? o - out : -1;
}

/* The dynamic table of one connection's decoder: entries' bytes lie in
 * buf oldest first from base (compacted when the end is reached), their
 * spans in a ring; size is RFC 7541's (each entry's bytes + 32). */
typedef struct statico__hpack {
    uint32_t size, max;  /* in use, and the limit (size updates) */
    uint32_t n, first;   /* entries, and the oldest one's place in e */
    uint32_t base, used; /* buf[base, used): the entries' bytes */
    struct {
        uint16_t off, nlen, vlen;
    } e[STATICO__HP_ENTRIES];
    char buf[STATICO__HP_TABLE];
} statico__hpack;

static void statico__hp_evict(statico__hpack *t, uint32_t room)
{
    while (t->n && t->size + room > t->max) {
        uint32_t k = t->first;
        t->size -= (uint32_t)t->e[k].nlen + t->e[k].vlen + 32;
        t->base = (uint32_t)t->e[k].off + t->e[k].nlen + t->e[k].vlen;
        t->first = (k + 1) % STATICO__HP_ENTRIES;
        if (!--t->n) t->base = t->used = 0;
    }
}

/* A new entry (RFC 7541 4.4: one larger than the table empties it). */
static void statico__hp_insert(statico__hpack *t, const char *name, size_t nl, const char *value, size_t vl)
{
    uint32_t k, need = (uint32_t)(nl + vl);
    if (nl + vl + 32 > t->max) {
        statico__hp_evict(t, t->max + 1);
        return;
    }
    statico__hp_evict(t, need + 32);
    if (t->used + need > STATICO__HP_TABLE) { /* compact: the live bytes move to the start */
        uint32_t i;
        memmove(t->buf, t->buf + t->base, t->used - t->base);
        for (i = 0; i < t->n; i++) t->e[(t->first + i) % STATICO__HP_ENTRIES].off -= (uint16_t)t->base;
        t->used -= t->base;
        t->base = 0;
    }
    k = (t->first + t->n++) % STATICO__HP_ENTRIES;
    t->e[k].off = (uint16_t)t->used;
    t->e[k].nlen = (uint16_t)nl;
    t->e[k].vlen = (uint16_t)vl;
    memcpy(t->buf + t->used, name, nl);
    memcpy(t->buf + t->used + nl, value, vl);
    t->used += need;
    t->size += need + 32;
}

/* The table, allocated at its first use (a connection that never inserts
 * never holds one). 0, or -1 out of memory. */
static int statico__hp_table(statico__hpack **tp)
{
    if (*tp) return 0;
    if (!(*tp = (statico__hpack *)STATICO_MALLOC(sizeof **tp))) return -1;
    memset(*tp, 0, offsetof(statico__hpack, e));
    (*tp)->max = STATICO__HP_TABLE;
    return 0;
}

/* An integer with an n-bit prefix (RFC 7541 5.1), at most 2^28: 0, or -1. */
static int statico__hp_int(const uint8_t **p, const uint8_t *end, int prefix, uint32_t *out)
{
    uint32_t max = (1u << prefix) - 1, v;
    int m = 0;
    if (*p >= end) return -1;
    v = **p & max;
    (*p)++;
    if (v == max) {
        uint8_t b;
        do {
            if (*p == end || m > 21) return -1;
            b = *(*p)++;
            v += (uint32_t)(b & 127) << m;
            m += 7;
        } while (b & 128);
    }
    *out = v;
    return 0;
}

/* A string literal: *s points into the block, or (Huffman-coded) at its
 * decoding in sc, which has room for it (statico__hpack_decode made it).
 * 0, or -1. */
static int statico__hp_str(const uint8_t **p, const uint8_t *end, statico__buf *sc, const char **s, size_t *n)
{
    int huff = *p < end && (**p & 0x80) != 0;
    uint32_t len;
    ptrdiff_t r;
    if (statico__hp_int(p, end, 7, &len) || len > (size_t)(end - *p)) return -1;
    if (!huff) {
        *s = (const char *)*p;
        *n = len;
    } else {
        if ((r = statico__huff_decode(*p, len, sc->p + sc->n)) < 0) return -1;
        *s = sc->p + sc->n;
        *n = (size_t)r;
        sc->n += (size_t)r;
    }
    *p += len;
    return 0;
}

/* The name and value of index i: 0, or -1 (0, or past the tables). */
static int statico__hp_index(const statico__hpack *t, uint32_t i, const char **n, size_t *nl, const char **v,
                             size_t *vl)
{
    if (!i) return -1;
    if (i <= 61) {
        const statico__hp_entry *e = &statico__hp_static[i - 1];
        *n = e->name;
        *nl = e->nl;
        *v = e->value;
        *vl = e->vl;
    } else {
        uint32_t k;
        if (!t || i - 61 > t->n) return -1;
        k = (t->first + t->n - (i - 61)) % STATICO__HP_ENTRIES;
        *n = t->buf + t->e[k].off;
        *nl = t->e[k].nlen;
        *v = *n + *nl;
        *vl = t->e[k].vlen;
    }
    return 0;
}

/* Each header field of a block, in order, to fn; the table follows the
 * block. Strings are handed over where they are (the block, the tables)
 * or decoded once into sc. 0; -1 a COMPRESSION_ERROR (the connection
 * ends); or what fn returned when not 0 (decoding stops, which also ends
 * the connection, since the table is then out of step). */
typedef int (*statico__hp_field)(void *u, const char *name, size_t nl, const char *value, size_t vl);
static int statico__hpack_decode(statico__hpack **tp, statico__buf *sc, const uint8_t *p, size_t n,
                                 statico__hp_field fn, void *u)
{
    const uint8_t *end = p + n;
    int fields = 0;
    sc->n = 0; /* room for a field's strings: Huffman at most 8/5 of the block, a table name copied */
    if (statico__buf_add(sc, NULL, n * 2 + STATICO__HP_TABLE + 16)) return -1;
    while (p < end) {
        uint8_t b = *p;
        uint32_t i;
        const char *name, *value;
        size_t nl, vl;
        int r, index_it = (b & 0xc0) == 0x40;
        sc->n = 0;
        if ((b & 0xe0) == 0x20) { /* a size update: only before the first field */
            if (fields || statico__hp_int(&p, end, 5, &i) || i > STATICO__HP_TABLE || statico__hp_table(tp)) return -1;
            (*tp)->max = i;
            statico__hp_evict(*tp, 0);
            continue;
        }
        fields = 1;
        if (b & 0x80) { /* indexed */
            if (statico__hp_int(&p, end, 7, &i) || statico__hp_index(*tp, i, &name, &nl, &value, &vl)) return -1;
        } else {
            if (statico__hp_int(&p, end, index_it ? 6 : 4, &i)) return -1;
            if (!i) {
                if (statico__hp_str(&p, end, sc, &name, &nl)) return -1;
            } else {
                if (statico__hp_index(*tp, i, &name, &nl, &value, &vl)) return -1;
                if (index_it && i > 61) { /* the insertion below may move the table's bytes */
                    memcpy(sc->p, name, nl);
                    name = sc->p;
                    sc->n = nl;
                }
            }
            if (p == end || statico__hp_str(&p, end, sc, &value, &vl)) return -1;
        }
        if ((r = fn(u, name, nl, value, vl)) != 0) return r;
        if (index_it) {
            if (statico__hp_table(tp)) return -1;
            statico__hp_insert(*tp, name, nl, value, vl);
        }
    }
    return 0;
}

/* The block writer's pieces: an integer with its first byte's flags, a
 * raw string. */
static int statico__hp_put_int(statico__buf *b, uint8_t first, int prefix, size_t v)
{
    size_t max = ((size_t)1 << prefix) - 1;
    uint8_t c;
    if (v < max) {
        c = (uint8_t)(first | v);
        return statico__buf_add(b, &c, 1);
    }
    c = (uint8_t)(first | max);
    if (statico__buf_add(b, &c, 1)) return -1;
    for (v -= max; v >= 128; v >>= 7) {
        c = (uint8_t)(v | 128);
        if (statico__buf_add(b, &c, 1)) return -1;
    }
    c = (uint8_t)v;
    return statico__buf_add(b, &c, 1);
}

static int statico__hp_put_str(statico__buf *b, const char *s, size_t n)
{
    return statico__hp_put_int(b, 0, 7, n) || statico__buf_add(b, s, n);
}

/* A field as a literal without indexing: the static table's index of its
 * name when it has one (the lowercase name), else the name itself. */
static int statico__hp_put_field(statico__buf *b, const char *name, size_t nl, const char *v, size_t vl)
{
    int i;
    for (i = 0; i < 61; i++)
        if (statico__hp_static[i].nl == nl && !memcmp(statico__hp_static[i].name, name, nl))
            return statico__hp_put_int(b, 0, 4, (size_t)i + 1) || statico__hp_put_str(b, v, vl);
    return statico__buf_add(b, "", 1) || statico__hp_put_str(b, name, nl) || statico__hp_put_str(b, v, vl);
}

// >>response
/* Every response is encoded once per worker in six variants: with or
 * without the body (HEAD), times the connection handling: nothing to say
 * (HTTP/1.1 keep-alive), "Connection: close", "Connection: keep-alive"
 * (an HTTP/1.0 client that asked for it). Each variant is one buffer (the
 * head, then the body when it is small) so a response is one iovec, or two
 * with a large body shared by every variant and worker. */
enum { STATICO__V_CLOSE = 1, STATICO__V_KEEP = 2, STATICO__V_HEAD = 4 }; /* variant = flags */
#define STATICO__VARIANTS 8 /* indices 0..7; 3 and 7 (close|keep) unused */
#define STATICO__INLINE_BODY 16384 /* bodies up to this size are copied after each head */
#define STATICO__DATE_LEN 29       /* "Sun, 06 Nov 1994 08:49:37 GMT" */

typedef struct statico__enc {
    char *buf[STATICO__VARIANTS];
    uint32_t len[STATICO__VARIANTS];      /* bytes of buf to send */
    uint32_t date_off[STATICO__VARIANTS]; /* offset of the Date value, 0 if none */
    const char *body;                     /* separate body (large), or NULL */
    size_t body_len;
    int bodyfd;                           /* a memfd holding body, + 1 (0: none): sent with sendfile */
    uint32_t head_len[STATICO__VARIANTS]; /* head bytes (verbose logging, counters) */
    int closes;                           /* a configured "Connection: close": close after it */
    int route;                            /* its route, STATICO_ROUTE_DEFAULT, or STATICO_ROUTE_ANY (errors) */
    int status;
    struct statico__rv *rv; /* the route version it answers for (NULL: the default, the errors) */
    uint64_t piece, every;  /* a paced one (dribble, rate): bytes a piece, us between them */
    uint64_t cut;           /* truncate: the bytes sent */
    uint8_t fault;          /* STATICO_FAULT_* (raw: buf holds the raw bytes) */
    uint32_t pins;          /* delayed parts, queued body segments and HTTP/2 streams that still use it */
    char *h2;               /* the HTTP/2 header block (>>h2) */
    uint32_t h2_len, h2_date; /* its length, and where its date's value is (0 none) */
    uint8_t used, retired;  /* a slot in use; replaced, freed once nothing pins it */
} statico__enc;
/* A worker's slots: the default response, the errors, then each route's
 * responses (one block per route version, its steps in order). */
#define STATICO__ENC_DEFAULT 0
#define STATICO__ENC_ERROR 1 /* the first of STATICO__E_COUNT */
#define STATICO__ENC_DROPPED 8 /* requests behind an ending fault: counted, journaled, not answered */
#define STATICO__ENC_ROUTES 9

/* Configured headers the server writes itself, or lets the configuration
 * decide: the framing ones are refused; Connection may say "close" (the
 * connection closes after the response) or "keep-alive" (said on every
 * response that keeps it), and stands in place of the server's own; a
 * Date replaces the automatic one. */
enum { STATICO__H_OTHER, STATICO__H_FRAMING, STATICO__H_CLOSE, STATICO__H_KEEP, STATICO__H_BAD_CONNECTION,
       STATICO__H_DATE };

static int statico__header_kind(const char *h)
{
    size_t nl = (size_t)(strchr(h, ':') - h), vl;
    const char *v = h + nl + 1;
    if ((nl == 14 && statico__ieq(h, "content-length", 14)) || (nl == 17 && statico__ieq(h, "transfer-encoding", 17)))
        return STATICO__H_FRAMING;
    if (nl == 4 && statico__ieq(h, "date", 4)) return STATICO__H_DATE;
    if (nl != 10 || !statico__ieq(h, "connection", 10)) return STATICO__H_OTHER;
    while (*v == ' ' || *v == '\t') v++;
    for (vl = strlen(v); vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'); vl--) {}
    if (vl == 5 && statico__ieq(v, "close", 5)) return STATICO__H_CLOSE;
    if (vl == 10 && statico__ieq(v, "keep-alive", 10)) return STATICO__H_KEEP;
    return STATICO__H_BAD_CONNECTION;
}

static const char *statico__reason(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 205: return "Reset Content";
    case 206: return "Partial Content";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 418: return "I'm a teapot";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 425: return "Too Early";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    case 506: return "Variant Also Negotiates";
    case 507: return "Insufficient Storage";
    case 508: return "Loop Detected";
    case 510: return "Not Extended";
    case 511: return "Network Authentication Required";
    }
    return "Unknown";
}

/* The IMF-fixdate of t (RFC 9110 5.6.7) into out[29]. */
static void statico__http_date(time_t t, char *o)
{
    static const char days[] = "SunMonTueWedThuFriSat", months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    struct tm tm;
    int y;
    gmtime_r(&t, &tm);
    y = (tm.tm_year + 1900) % 10000;
    memcpy(o, days + 3 * tm.tm_wday, 3);
    o[3] = ',';
    o[4] = ' ';
    o[5] = (char)('0' + tm.tm_mday / 10);
    o[6] = (char)('0' + tm.tm_mday % 10);
    o[7] = ' ';
    memcpy(o + 8, months + 3 * tm.tm_mon, 3);
    o[11] = ' ';
    o[12] = (char)('0' + y / 1000);
    o[13] = (char)('0' + y / 100 % 10);
    o[14] = (char)('0' + y / 10 % 10);
    o[15] = (char)('0' + y % 10);
    o[16] = ' ';
    o[17] = (char)('0' + tm.tm_hour / 10);
    o[18] = (char)('0' + tm.tm_hour % 10);
    o[19] = ':';
    o[20] = (char)('0' + tm.tm_min / 10);
    o[21] = (char)('0' + tm.tm_min % 10);
    o[22] = ':';
    o[23] = (char)('0' + tm.tm_sec / 10);
    o[24] = (char)('0' + tm.tm_sec % 10);
    memcpy(o + 25, " GMT", 4);
}

STATICO_API int statico_check_response(const statico_response *r, const char *what, char *err, size_t n)
{
    size_t i;
    int status = r->status ? r->status : 200;
    if (status < 200 || status > 599) {
        statico__errf(err, n, "%s: status %d is outside 200-599", what, status);
        return -1;
    }
    if ((status == 204 || status == 304) && r->body_len) {
        statico__errf(err, n, "%s: a %d response cannot have a body", what, status);
        return -1;
    }
    if (r->reason) {
        const char *c;
        for (c = r->reason; *c; c++)
            if (!STATICO__IS(*c, STATICO__C_VALUE)) {
                statico__errf(err, n, "%s: invalid reason phrase", what);
                return -1;
            }
    }
    for (i = 0; i < r->header_count; i++) {
        const char *h = r->headers[i];
        int kind;
        if (statico_check_header_line(h)) {
            statico__errf(err, n, "%s: invalid header \"%s\" (expected \"Name: value\")", what, h ? h : "(null)");
            return -1;
        }
        kind = statico__header_kind(h);
        if (kind == STATICO__H_FRAMING) {
            statico__errf(err, n, "%s: header \"%.*s\" is set by the server, which frames the body", what,
                          (int)(strchr(h, ':') - h), h);
            return -1;
        }
        if (kind == STATICO__H_BAD_CONNECTION) {
            statico__errf(err, n, "%s: header \"%s\": Connection may only be \"close\" or \"keep-alive\"", what, h);
            return -1;
        }
    }
    return 0;
}

/* The HTTP/2 block of a response (RFC 9113 8.3.2): :status, the
 * configured headers with lowercase names (the connection-specific ones,
 * which HTTP/2 forbids, left out), content-length and date; e->h2_date is
 * where the date's value lies, so the Date patch reaches it too. */
static int statico__encode_h2(statico__enc *e, const statico_response *r, int status, int with_date)
{
    static const int indexed[] = {200, 204, 206, 304, 400, 404, 500};
    statico__buf b = {NULL, 0, 0};
    char num[24];
    size_t i, k;
    int bad = 0;
    for (k = 0; k < 7 && indexed[k] != status; k++) {}
    if (k < 7) bad |= statico__hp_put_int(&b, 0x80, 7, 8 + k);
    else bad |= statico__hp_put_int(&b, 0, 4, 8) || statico__hp_put_str(&b, num, (size_t)snprintf(num, sizeof num, "%d", status));
    for (i = 0; i < r->header_count; i++) {
        const char *h = r->headers[i], *v = strchr(h, ':') + 1;
        size_t nl = (size_t)(v - 1 - h), vl;
        char *name = (char *)STATICO_MALLOC(nl + 1);
        if (!name) {
            bad = 1;
            break;
        }
        for (k = 0; k < nl; k++) name[k] = (char)(h[k] >= 'A' && h[k] <= 'Z' ? h[k] + 32 : h[k]);
        if ((nl == 10 && !memcmp(name, "connection", 10)) || (nl == 10 && !memcmp(name, "keep-alive", 10))
            || (nl == 16 && !memcmp(name, "proxy-connection", 16)) || (nl == 7 && !memcmp(name, "upgrade", 7))) {
            STATICO_FREE(name);
            continue;
        }
        while (*v == ' ' || *v == '\t') v++;
        for (vl = strlen(v); vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'); vl--) {}
        bad |= statico__hp_put_field(&b, name, nl, v, vl);
        STATICO_FREE(name);
    }
    if (status != 204 && status != 304) {
        size_t bl = r->body ? r->body_len : 0;
        bad |= statico__hp_put_field(&b, "content-length", 14, num, (size_t)snprintf(num, sizeof num, "%zu", bl));
    }
    if (with_date) {
        char date[STATICO__DATE_LEN];
        statico__http_date(time(NULL), date);
        bad |= statico__hp_put_field(&b, "date", 4, date, STATICO__DATE_LEN);
        e->h2_date = (uint32_t)(b.n - STATICO__DATE_LEN);
    }
    if (bad) {
        statico__buf_free(&b);
        return -1;
    }
    e->h2 = b.p;
    e->h2_len = (uint32_t)b.n;
    return 0;
}

/* Encode the variants of r into e (heads with a placeholder Date), and
 * its HTTP/2 block. */
static int statico__encode(statico__enc *e, const statico_response *r, int with_date, const char *extra_header)
{
    int status = r->status ? r->status : 200, v;
    const char *reason = r->reason ? r->reason : statico__reason(status);
    int no_length = status == 204 || status == 304;
    size_t body_len = r->body ? r->body_len : 0, headers = 0, i;
    int inline_body = body_len <= STATICO__INLINE_BODY, keeps = 0;
    memset(e, 0, sizeof *e);
    for (i = 0; i < r->header_count; i++) {
        int kind = statico__header_kind(r->headers[i]);
        headers += strlen(r->headers[i]) + 2;
        e->closes |= kind == STATICO__H_CLOSE;
        keeps |= kind == STATICO__H_KEEP;
        if (kind == STATICO__H_DATE) with_date = 0;
    }
    if (extra_header) headers += strlen(extra_header) + 2;
    e->body = inline_body ? NULL : (const char *)r->body;
    e->body_len = inline_body ? 0 : body_len;
    for (v = 0; v < STATICO__VARIANTS; v++) {
        size_t cap, o;
        char *b;
        int with_body = !(v & STATICO__V_HEAD) && inline_body;
        if ((v & (STATICO__V_CLOSE | STATICO__V_KEEP)) == (STATICO__V_CLOSE | STATICO__V_KEEP)) continue;
        cap = 64 + strlen(reason) + headers + 64 + 64 + 32 + (with_body ? body_len : 0);
        if (!(b = (char *)STATICO_MALLOC(cap))) return -1;
        o = (size_t)snprintf(b, cap, "HTTP/1.1 %d %s\r\n", status, reason);
        for (i = 0; i < r->header_count; i++) {
            int kind = statico__header_kind(r->headers[i]);
            if (kind != STATICO__H_CLOSE && kind != STATICO__H_KEEP) /* said once, below */
                o += (size_t)snprintf(b + o, cap - o, "%s\r\n", r->headers[i]);
        }
        if (extra_header) o += (size_t)snprintf(b + o, cap - o, "%s\r\n", extra_header);
        if (!no_length) o += (size_t)snprintf(b + o, cap - o, "Content-Length: %zu\r\n", body_len);
        if (with_date) {
            o += (size_t)snprintf(b + o, cap - o, "Date: ");
            e->date_off[v] = (uint32_t)o;
            statico__http_date(time(NULL), b + o);
            o += STATICO__DATE_LEN;
            b[o++] = '\r';
            b[o++] = '\n';
        }
        if ((v & STATICO__V_CLOSE) || e->closes) o += (size_t)snprintf(b + o, cap - o, "Connection: close\r\n");
        else if ((v & STATICO__V_KEEP) || keeps) o += (size_t)snprintf(b + o, cap - o, "Connection: keep-alive\r\n");
        b[o++] = '\r';
        b[o++] = '\n';
        e->head_len[v] = (uint32_t)o;
        if (with_body && body_len) {
            memcpy(b + o, r->body, body_len);
            o += body_len;
        }
        e->buf[v] = b;
        e->len[v] = (uint32_t)o;
    }
    return statico__encode_h2(e, r, status, with_date);
}

/* cfg.sendfile_min resolved: SIZE_MAX for never, or without sendfile.
 * Measured on loopback (server CPU per request, sendfile against the copy,
 * bench/server.py, 6-8 rounds): 32 KiB 1.16x, 64 KiB 1.16x, 128 KiB 0.60x,
 * 256 KiB 1.13-1.26x, 512 KiB 1.06x, 1 MiB 0.67x: not monotonic (the
 * socket buffer's growth decides how many sends and waits a response
 * takes), and 128 KiB is the first size where it pays. */
#define STATICO__FILE_MIN ((size_t)128 << 10)
static size_t statico__file_min(const statico_config *cfg)
{
    if (!STATICO__LINUX || cfg->sendfile_min == UINT64_MAX) return SIZE_MAX;
    if (!cfg->sendfile_min) return STATICO__FILE_MIN;
    return cfg->sendfile_min > SIZE_MAX ? SIZE_MAX : (size_t)cfg->sendfile_min;
}

/* A large body is also kept in a memfd, so it goes out with sendfile: the
 * kernel takes its pages without the copy from user memory. A worker with
 * such a body sets TCP_NODELAY on its connections (as nginx does on
 * keep-alive ones): else the body's last segment may wait for the peer's
 * delayed acknowledgement. Without memfds (not Linux, or refused) the body
 * is sent from memory. */
static void statico__enc_file(statico__enc *e, uint64_t min)
{
#if STATICO__LINUX && defined(__NR_memfd_create)
    int fd;
    size_t o = 0;
    if (!e->body || e->body_len < min || e->bodyfd) return;
    if ((fd = (int)syscall(__NR_memfd_create, "statico-body", 1u /* MFD_CLOEXEC */)) < 0) return;
    while (o < e->body_len) {
        ssize_t k = pwrite(fd, e->body + o, e->body_len - o, (off_t)o);
        if (k <= 0 && errno != EINTR) {
            close(fd);
            return;
        }
        if (k > 0) o += (size_t)k;
    }
    e->bodyfd = fd + 1;
#else
    (void)e;
    (void)min;
#endif
}

static void statico__enc_free(statico__enc *e)
{
    int v;
    if (e->bodyfd) close(e->bodyfd - 1);
    for (v = 0; v < STATICO__VARIANTS; v++) STATICO_FREE(e->buf[v]);
    STATICO_FREE(e->h2);
    memset(e, 0, sizeof *e);
}

/* Write the date into every variant that has a Date header. */
static void statico__enc_date(statico__enc *e, const char *date)
{
    int v;
    for (v = 0; v < STATICO__VARIANTS; v++)
        if (e->date_off[v]) memcpy(e->buf[v] + e->date_off[v], date, STATICO__DATE_LEN);
    if (e->h2_date) memcpy(e->h2 + e->h2_date, date, STATICO__DATE_LEN);
}

// >>router
/* A route matches when its method equals the request's (or is "*") and
 * its pattern matches the path: '*' as a whole segment matches one
 * non-empty segment, a final "**" matches whatever is left (even nothing). */
static int statico__path_match(const char *pat, const char *path, size_t len)
{
    const char *start = pat;
    size_t i = 0;
    while (*pat) {
        if (pat[0] == '*' && (pat == start || pat[-1] == '/')) {
            if (pat[1] == '*' && pat[2] == 0) return 1;
            if (pat[1] == '/' || pat[1] == 0) {
                size_t s = i;
                while (i < len && path[i] != '/') i++;
                if (i == s) return 0;
                pat++;
                continue;
            }
        }
        if (i == len || path[i] != *pat) return 0;
        i++;
        pat++;
    }
    return i == len;
}

/* A compiled condition of a route (statico_match). */
enum { STATICO__M_PRESENT, STATICO__M_ABSENT, STATICO__M_EQUAL, STATICO__M_PREFIX, STATICO__M_CONTAINS };
typedef struct statico__cond {
    const char *name, *value;
    size_t name_len, value_len;
    int kind;   /* STATICO__M_* */
    int header; /* a header condition, else a query one */
} statico__cond;
typedef struct statico__conds {
    statico__cond *c;
    size_t n;
} statico__conds;

/* A version of a route: the route with its own copies of every string and
 * body, its compiled conditions and its sequence position. Start makes one
 * per route, statico_server_set_route a new one. It is freed when its last
 * holder lets go: the server's table holds one reference, and each worker
 * one per encoded response. */
typedef struct statico__rv {
    statico_route route;
    statico__conds conds;
    statico__owner own;
    uint64_t pos;   /* requests its steps answered (atomic) */
    uint32_t nresp; /* its responses: one per step, or the one */
    int refs;       /* atomic */
} statico__rv;

static int statico__token_span(const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!STATICO__IS(p[i], STATICO__C_TOKEN)) return 0;
    return 1;
}

/* One condition string into c (pointing into str); 0, or -1 when it is
 * malformed. header: "Name: v" forms, else query "k=v" forms. */
static int statico__cond_parse(const char *str, int header, statico__cond *c)
{
    const char *p = str, *sep;
    memset(c, 0, sizeof *c);
    c->header = header;
    c->kind = STATICO__M_PRESENT;
    if (*p == '!') {
        c->kind = STATICO__M_ABSENT;
        p++;
    }
    sep = strchr(p, header ? ':' : '=');
    c->name = p;
    c->name_len = sep ? (size_t)(sep - p) : strlen(p);
    if (!c->name_len || (header && !statico__token_span(p, c->name_len))) return -1;
    if (!sep) return 0;
    if (c->kind == STATICO__M_ABSENT) return -1; /* "!k=v" says nothing clear */
    p = sep + 1;
    if (header)
        while (*p == ' ' || *p == '\t') p++;
    c->value = p;
    c->value_len = strlen(p);
    c->kind = STATICO__M_EQUAL;
    if (c->value_len && p[c->value_len - 1] == '*') {
        c->kind = STATICO__M_PREFIX;
        c->value_len--;
        if (header && c->value_len && *p == '*') {
            c->kind = STATICO__M_CONTAINS;
            c->value++;
            c->value_len--;
        }
    }
    return 0;
}

/* The first route from index `from` whose method and path match, or -1. */
static int statico__route_find(const statico_route *routes, size_t n, size_t from, const char *m, size_t ml,
                               const char *path, size_t pl)
{
    size_t i;
    for (i = from; i < n; i++) {
        const statico_route *r = &routes[i];
        if (r->method && strcmp(r->method, "*") && (strlen(r->method) != ml || memcmp(r->method, m, ml))) continue;
        if (statico__path_match(r->path, path, pl)) return (int)i;
    }
    return -1;
}

// >>types
/* The server's private types: connections and their stashes, output
 * segments, delays, counters, workers, the server. */
/* H2: an HTTP/2 connection (c->u.h2) while it serves; STALL (a stall
 * fault) reads and discards, like LINGER, until the peer leaves or the
 * idle timeout */
enum { STATICO__CS_HEAD, STATICO__CS_BODY, STATICO__CS_CHUNKED, STATICO__CS_H2, STATICO__CS_CLOSING,
       STATICO__CS_LINGER, STATICO__CS_STALL };
enum { STATICO__T_NONE, STATICO__T_HEADER, STATICO__T_BODY, STATICO__T_IDLE, STATICO__T_LINGER, STATICO__T_KINDS };
/* io_uring's state of a connection's receive (c->ring) */
enum { STATICO__RING_RECV = 1,    /* a multishot recv is armed */
       STATICO__RING_STARVED = 2, /* it ended for want of buffers: re-armed when they are back */
       STATICO__RING_POLLOUT = 4, /* waiting for room to sendfile a body */
       STATICO__RING_HELD = 8,    /* its answers wait for the rest of its input (statico__uring_hold) */
       STATICO__RING_HELD_NOW = 16, /* held in this pass */
       STATICO__RING_LISTED = 32    /* on the worker's list of held connections */ };
/* conn flags */
enum { STATICO__F_EOF = 1,    /* the peer sends no more: close once what it is owed is out */
       STATICO__F_PAUSED = 2, /* reading stopped: the connection owes too much */
       STATICO__F_RESET = 4,  /* a reset fault: close with RST once what it is owed is out */
       STATICO__F_DROP = 8,   /* an ending fault: the requests already received behind it are dropped */
       STATICO__F_H2 = 16     /* HTTP/2: c->u.h2 holds its state */ };
/* A connection stops being read while it owes more than this many bytes of
 * output or delayed response parts, and is read again below half of it:
 * the memory a client that pipelines without reading can cost is bounded. */
#define STATICO__OWE_BYTES ((size_t)1 << 20)
#define STATICO__OWE_DELAYED 4096u
/* the body timeout restarts each time this many more body bytes arrived */
#define STATICO__BODY_PROGRESS_SHIFT 10
enum { STATICO__E_400, STATICO__E_408, STATICO__E_413, STATICO__E_414, STATICO__E_431, STATICO__E_501,
       STATICO__E_505, STATICO__E_COUNT };
static const int statico__error_status[STATICO__E_COUNT] = {400, 408, 413, 414, 431, 501, 505};

#define STATICO__IOV 256
#define STATICO__LINGER_MS 1000
static const char statico__continue[] = "HTTP/1.1 100 Continue\r\n\r\n";

typedef struct statico__seg {
    const char *p; /* NULL: bytes at off in the connection's copy buffer */
    size_t off, len; /* with own: off is the block's capacity */
    char *own; /* a block of its own (copied while the ring read the buffer), freed when sent */
} statico__seg;

/* Delays: a response waiting for its time; part 0 whole, 1 head, 2 body,
 * 3 paced (dribble, rate: a piece every so often, from off). */
enum { STATICO__PART_PACED = 3 };
typedef struct statico__delayed {
    uint64_t due; /* us, worker clock */
    int32_t which;
    uint8_t variant, part;
    uint64_t off; /* paced: bytes sent so far */
} statico__delayed;

/* A connection to wake at due (us): a min-heap of them per worker (delays,
 * with jitter, and paced responses each pick their own time). */
typedef struct statico__wake {
    uint64_t due;
    uint32_t slot, gen;
} statico__wake;

typedef struct statico__wheap {
    statico__wake *h;
    uint32_t n, cap;
} statico__wheap;

/* What a connection needs beyond its slot, allocated only while needed. */
typedef struct statico__stash {
    char *in; /* a partial request head, and its parse state */
    uint32_t in_len, in_cap;
    statico_request req;
    statico_chunked ck;
    statico__seg *out; /* unsent output, in order */
    uint32_t out_n, out_cap, out_i;
    size_t owed;      /* bytes of out still to send */
    uint32_t sending; /* io_uring: segments from out_i the send in flight reads */
    statico__buf copy; /* unsent bytes of buffers that may change (Date) */
    statico__buf cand;  /* body conditions: the routes (uint32_t) its body chooses from, in order */
    statico__buf mbody; /* and its body so far, up to the match limit */
    statico__buf mhead; /* and its head (kept if no route holds) */
    int mbody_over;     /* the body was longer than that */
    statico__buf vlog;  /* verbose: the request part of the exchange */
    statico__buf vbody; /* verbose: its body */
    int vlogged;        /* vlog holds a request (1), or "(invalid request)" (2) */
    struct statico__delayed *dq; /* delays: responses waiting for their time, in order */
    uint32_t dq_n, dq_cap, dq_i;
#if STATICO__URING
    struct statico__uring_stash *us; /* io_uring only: right after the stash */
#endif
} statico__stash;

#if STATICO__URING
/* io_uring's part of a stash: the message a send in flight reads, which
 * must outlive the submission, and the link that keeps a closed
 * connection's stash until that send completes. Allocated with the stash on
 * io_uring workers only, so epoll and poll connections do not carry its
 * 1 KiB. */
typedef struct statico__uring_stash {
    struct msghdr msg;
    struct iovec iov[64];
    struct statico__stash *zombie_next; /* closed with a send in flight */
    uint64_t zombie_data;               /* that send's user_data */
} statico__uring_stash;
#endif

/* A connection slot: small, so idle keep-alive connections cost little. */
typedef struct statico__conn {
    int fd;
    uint32_t gen;
    uint32_t tprev, tnext; /* timer list links: slot + 1, 0 = none */
    uint64_t deadline;     /* ms, worker clock */
    union {
        uint64_t body_left;     /* HTTP/1.1: Content-Length bytes still to skip */
        struct statico__h2 *h2; /* HTTP/2 (STATICO__F_H2) */
    } u;
    statico__stash *stash; /* NULL while it holds nothing */
    int32_t pending;    /* response waiting for its request's body: index + 1; -1 its body chooses; 0 none */
    uint8_t variant;    /* of that response */
    uint8_t state;      /* STATICO__CS_* */
    uint8_t timer;      /* STATICO__T_* list the slot is on */
    uint8_t flags;      /* STATICO__F_* */
    uint16_t listener;  /* port index */
    uint8_t writing;    /* epoll, poll: waiting for POLLOUT; io_uring: a send in flight */
    uint8_t ring;       /* io_uring: STATICO__RING_* */
    uint32_t id;        /* per worker, for verbose logs */
    uint32_t jslot;     /* the journal entry its request is written in, + 1; 0 = none */
    uint8_t served;     /* an HTTP/1.1 request was served: a preface is no longer one */
    uint64_t body_seen; /* request body bytes so far (body timeout, verbose) */
} statico__conn;

/* HTTP/2 (>>h2). A stream's state: receiving (its request's body comes),
 * then its response: chosen, waiting for its time, sending as the windows
 * allow, paced, or stalled. */
enum { STATICO__S_WAIT = 1, /* its response waits for its time (delays) */
       STATICO__S_BODY,     /* its head went out, its body waits for its time (body delay) */
       STATICO__S_SEND,     /* its body goes out as the flow-control windows allow */
       STATICO__S_PACED,    /* its body goes out a piece at a time (dribble, rate) */
       STATICO__S_STALL };  /* never answered (a stall fault) */

/* What an exchange in progress keeps on the connection while its body
 * arrives (journal entry, verbose text, body conditions): a stream that
 * waits for its body keeps it here, and takes it back for each DATA. */
typedef struct statico__h2xs {
    uint32_t jslot;
    int32_t pending;
    uint8_t variant;
    uint64_t body_seen;
    statico__buf cand, mbody, mhead, vlog, vbody;
    int mbody_over, vlogged;
} statico__h2xs;

typedef struct statico__h2s {
    uint32_t id;
    uint8_t state;   /* its response: STATICO__S_*, 0 none yet */
    uint8_t recv;    /* its request's body still comes */
    uint8_t variant; /* of its response */
    uint8_t head_sent;
    int32_t which;   /* its response (pinned), -1 none yet */
    int64_t win;     /* what we may send on it (RFC 9113 6.9) */
    uint64_t off;    /* body bytes sent */
    uint64_t due;    /* us: when it waits for its time */
    uint64_t cl;     /* content-length + 1; 0 none */
    uint64_t seen;   /* DATA bytes received */
    uint64_t rx;     /* received since our last WINDOW_UPDATE on it */
    statico__h2xs *xs;
} statico__h2s;

/* An HTTP/2 connection (c->u.h2 with STATICO__F_H2). */
typedef struct statico__h2 {
    uint32_t last_id;    /* the highest stream the client opened */
    uint32_t max_frame;  /* the client's SETTINGS_MAX_FRAME_SIZE */
    int64_t init_win;    /* the client's SETTINGS_INITIAL_WINDOW_SIZE */
    int64_t win;         /* what we may send on the connection */
    int64_t rwin;        /* what the client may still send us on it */
    uint32_t hb_id;      /* a header block waits for CONTINUATION on this stream; 0 none */
    uint8_t hb_end;      /* its HEADERS had END_STREAM */
    uint8_t hb_bad;      /* and a priority on itself */
    uint8_t preface;     /* bytes of the client preface still to come */
    uint8_t settings;    /* the client's first SETTINGS came */
    uint8_t goaway;      /* 1 GOAWAY sent: no new streams; the connection ends when they are done */
    uint8_t data_pad;    /* the DATA frame being read: padding at its end */
    uint8_t data_end;    /* and its END_STREAM */
    uint32_t data_id, data_left;
    uint32_t calm;       /* the flood budget: floods and resets spend it, answers earn it */
    uint32_t goaway_id;  /* the last stream id our first GOAWAY said */
    uint32_t reset[4];   /* streams we reset lately: DATA already on its way for them is ignored */
    uint32_t nreset;
    uint32_t ns, cap;    /* streams in s */
    uint64_t rx_bytes;   /* DATA bytes so far (the body timeout's progress) */
    uint64_t rx_mark;    /* rx_bytes when the body timer last restarted */
    statico__h2s *s;
    statico__buf hb;     /* a header block in parts */
    statico__hpack *hp;  /* the decoder's dynamic table, from its first entry */
} statico__h2;

typedef struct statico__counters {
    uint64_t requests, request_bytes, responses, response_bytes, connections, file_bytes;
} statico__counters;

/* Counters are written by their worker only and read by anyone: a relaxed
 * atomic store of a plain sum (no locked read-modify-write on the hot path)
 * and relaxed loads on the reading side. */
#if defined(__GNUC__) || defined(__clang__)
#define STATICO__ADD(x, n) __atomic_store_n(&(x), (x) + (uint64_t)(n), __ATOMIC_RELAXED)
#define STATICO__READ(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
/* flags one thread raises for another (stop) */
#define STATICO__SET(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELEASE)
#define STATICO__GET(x) __atomic_load_n(&(x), __ATOMIC_ACQUIRE)
/* values several threads move: the old value; a claim (0 to v): 1 won */
#define STATICO__FETCH_ADD(x, n) __atomic_fetch_add(&(x), (n), __ATOMIC_RELAXED)
#define STATICO__CLAIM(x, v) statico__claim(&(x), (v))
static int statico__claim(int *x, int v)
{
    int zero = 0;
    return __atomic_compare_exchange_n(x, &zero, v, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}
#else
#define STATICO__ADD(x, n) ((x) += (uint64_t)(n))
#define STATICO__READ(x) (x)
#define STATICO__SET(x, v) ((x) = (v))
#define STATICO__GET(x) (x)
#define STATICO__FETCH_ADD(x, n) (((x) += (n)) - (n))
#define STATICO__CLAIM(x, v) ((x) ? 0 : ((x) = (v), 1))
#endif

/* A journal entry: one exchange of a worker's ring. Its head and body
 * bytes are a reservation in the worker's byte log (jdata, used as a ring:
 * entries lie one after the other, so consecutive requests write
 * consecutive cache lines). Read by other threads while the worker may
 * rewrite it: a sequence lock (ver odd while written), the log's position
 * (a reader's copy is good only if the log has not come round over it
 * since), and every field and byte stored and loaded as relaxed atomics
 * (STATICO__JSET, STATICO__JGET), so a reader never waits for a worker, nor
 * a worker for a reader, and a torn read is seen and dropped. */
typedef struct statico__jentry {
    uint32_t ver;
    uint32_t head_len, body_len, method_len, target_off, target_len, truncated;
    int32_t route, status, version, port, fault;
    uint32_t room;  /* bytes reserved in the log */
    uint64_t seq;   /* 0: abandoned (its connection closed before the response) */
    uint64_t time_us, conn;
    uint64_t data;  /* where its bytes start: log position (jpos) */
    uint64_t at;    /* and offset in jdata */
} statico__jentry;

/* A snapshot record: the exchange, with where its bytes are in jsnap. */
typedef struct statico__jrec {
    statico_exchange x;
    size_t off, target_off;
} statico__jrec;

/* The first unmatched requests, kept for statico_server_report whether or
 * not the journal is on: the first STATICO__KEEP of them since start or
 * reset, each claimed by the worker that answers it (state 0 -> 1), written,
 * then published (2). */
#define STATICO__KEEP 16
#define STATICO__KEEP_HEAD 2048
#define STATICO__KEEP_BODY 256
typedef struct statico__kept {
    int state;      /* 0 free, 1 being written, 2 kept (atomic) */
    int body_known; /* the body chose no route: it is kept too */
    uint32_t head_len, body_len;
    int head_cut, body_cut;
    char head[STATICO__KEEP_HEAD];
    char body[STATICO__KEEP_BODY];
} statico__kept;

#if defined(__GNUC__) || defined(__clang__)
#define STATICO__JSET(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
#define STATICO__JGET(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#else
#define STATICO__JSET(x, v) ((x) = (v))
#define STATICO__JGET(x) (x)
#endif

/* A worker's view of a route: its version, and where that version's
 * encodings are in the worker's slots. */
typedef struct statico__wroute {
    statico__rv *rv;
    uint32_t enc;    /* its first response */
    uint32_t nconds; /* rv->conds.n, + 1 with a body condition */
    uint32_t steps;  /* rv->route.step_count */
} statico__wroute;

/* set_route's hand-over to one worker: the new version and its responses
 * encoded for that worker (enc points right after the mail). */
typedef struct statico__mail {
    struct statico__mail *next;
    statico__rv *rv;
    size_t route;
    uint64_t ticket;
    statico__enc *enc;
} statico__mail;

/* iov_ref: 0 bytes that may change (copied when kept), STATICO__REF_FIXED
 * bytes that never change, else an encoding's shared body: its slot +
 * STATICO__REF_SLOT (kept by reference, pinning the slot). */
#define STATICO__REF_FIXED 1u
#define STATICO__REF_SLOT 2u

typedef struct statico__worker {
    struct statico_server *srv;
    int index, cpu;
    pthread_t thread;
    int thread_started;
    int backend; /* STATICO_BACKEND_EPOLL or _POLL */
    int ep;
    int wake_r, wake_w; /* eventfd (both the same) or a pipe */
    int *lfd;           /* listeners */
    uint16_t *lport;    /* their port index */
    int nl;
    int listening;
    statico__conn *conns;
    uint32_t cap, used, free_list, nconn;
    uint32_t thead[STATICO__T_KINDS], ttail[STATICO__T_KINDS];
    uint64_t tdur[STATICO__T_KINDS];
    uint64_t now;    /* ms, the worker's clock: set by the loop (statico__tick), or by the engine tests */
    uint64_t now_us; /* the same in microseconds (delays) */
    time_t date_sec;
    char *rbuf;
    size_t rcap;
    struct iovec iov[STATICO__IOV];
    uint32_t iov_ref[STATICO__IOV]; /* bytes that never change: STATICO__REF_* */
    int niov;
    size_t iov_bytes;
    int iov_file;      /* the batch holds a body with a memfd: it goes by the queue (sendfile) */
    size_t file_min;   /* bodies of this size have a memfd (cfg.sendfile_min) */
    int hold;          /* io_uring: the receive being fed says more input waits (statico__uring_hold) */
    int nodelay;       /* it has such a body: TCP_NODELAY on connections accepted from now on */
    statico__enc *enc; /* slots: STATICO__ENC_* */
    uint32_t nenc, enc_cap;
    statico_route *routes;      /* its view of the routes (method, path), for routing */
    struct statico__wroute *rt; /* and of each one's version and encodings */
    struct statico__mail *mail; /* set_route's hand-overs, newest first (atomic) */
    uint64_t applied;           /* the last hand-over it took (atomic) */
    uint32_t retired;           /* replaced slots not yet freed */
    struct pollfd *pfd;
    size_t pfd_cap;
    int reserve_fd;
    uint64_t accept_resume; /* listeners paused until (EMFILE) */
    statico_request req;
    int stop;               /* set by the stopping thread (STATICO__SET), read with STATICO__GET */
    const char *uring_why;  /* why io_uring was not used, when it was asked for */
    int draining;
    int drain_sweep; /* loop passes before idle connections end */
    uint64_t drain_deadline;
    statico__counters *port_counters; /* per port */
    uint64_t *route_counts; /* per route, then the default, then every request (STATICO__ADD) */
    int counted;            /* a count moved in this loop pass: waiters may want to know */
    struct statico__jentry *jring; /* the journal: a ring of jcap entries, NULL when off */
    char *jdata;                   /* the byte log: jlog bytes (jcap entries of jbytes) */
    uint32_t jcap, jbytes;
    size_t jlog, joff; /* its size, and the next entry's offset */
    uint64_t jpos;     /* bytes the log has taken since start (atomic: readers check it) */
    uint32_t jnext;       /* the next entry to start */
    uint64_t jpub, jlost; /* entries published; requests not journaled (every entry busy) (STATICO__ADD) */
    statico__buf sink; /* engine tests: where output goes instead of a socket */
    int sink_on;
    int want_uring;
    int last_next; /* the engine's last answer (STATICO__DO_*), for the engine tests */
    uint32_t next_id; /* connection ids for verbose logs */
    statico__wheap wh; /* connections with delayed or paced output, by due time */
    uint64_t rng;      /* the worker's random state (cfg.seed): delay jitter */
    int delays;        /* cfg has a delay of some kind */
    statico__buf vtmp;
    char *h2buf;               /* HTTP/2: a batch's frame headers and small frames */
    size_t h2n;                /* bytes of it the batch uses */
    statico__buf h2head, h2sc; /* a request's head text, and the decoder's strings */
    struct statico__h2s *h2cur; /* the stream an exchange answers */
    struct statico__uring *ur;
    struct statico__stash *stash_cache[64];
    int stash_cached;
} statico__worker;

/* epoll data: a connection is its slot and generation (30 bits, so the top
 * two bits are free to tag listeners and the wake descriptor) */
#define STATICO__TAG_LISTEN ((uint64_t)1 << 62)
#define STATICO__TAG_WAKE ((uint64_t)2 << 62)
#define STATICO__EV_CONN(c, i) ((uint64_t)((c)->gen & 0x3fffffffu) << 32 | (uint32_t)(i))

typedef struct statico__uring statico__uring;
#if STATICO__URING
/* io_uring user_data: operation, generation (28 bits), slot or listener
 * (an arena send: its record's offset in the arena) */
enum { STATICO__U_ACCEPT = 1, STATICO__U_RECV, STATICO__U_SEND, STATICO__U_CLOSE, STATICO__U_CANCEL, STATICO__U_WAKE,
       STATICO__U_ASEND, STATICO__U_POLLOUT };
#define STATICO__U_DATA(op, gen, idx) ((uint64_t)(op) << 60 | (uint64_t)((gen) & 0x0fffffffu) << 32 | (uint32_t)(idx))
#endif

struct statico_server {
    statico_config cfg;
    statico_route *routes; /* per route: its current version's route (under rlock while running) */
    statico__rv **rv;      /* and that version */
    statico__owner own;    /* the default response's copies */
    uint16_t *ports; /* bound ports, cfg order */
    size_t nports;
    statico__worker *w;
    int nw;
    int naddr;                 /* listen addresses: 1, or 2 for loopback */
    int fam[2];                /* AF_INET, AF_INET6 */
    unsigned char addr[2][16]; /* in network order */
    uint32_t scope;
    pthread_mutex_t lock; /* workers say they run (with their backend); waits */
    pthread_cond_t ready_cond;
    int ready, sync_made;
    pthread_cond_t wait_cond; /* statico_server_wait sleeps on it, under lock */
    int waiters;              /* threads in statico_server_wait (atomic) */
    int stopped;              /* the workers are gone: waits end */
    uint64_t *count_base;     /* the counts at the last reset, under lock */
    pthread_mutex_t rlock;    /* set_route, and readers of routes and rv */
    statico__kept *kept;      /* the first unmatched requests (STATICO__KEEP; NULL without routes) */
    uint32_t kept_next;       /* claims so far (atomic) */
    uint64_t ticket;          /* set_route's hand-overs so far (under rlock) */
    int seed_picked;          /* cfg.seed was 0: the server picked it */
    uint64_t jreset;          /* entries up to this seq were reset away (under jlock) */
    uint64_t t0_us;           /* the workers' clock at start: journal times count from it */
    pthread_mutex_t jlock;    /* statico_server_journal's snapshot, never taken by a worker */
    statico__buf jsnap;       /* the bytes the last snapshot's pointers point into */
    struct statico__jrec *jrecs;
    size_t jrecs_cap;
    /* the journal's last seq (atomic), written by every worker: on a cache
     * line of its own, away from the fields they read on each request */
    char jseq_pad[64];
    uint64_t jseq;
    char jseq_pad_after[56];
};

// >>conn
/* Connection slots: the worker's clock, timers, and the stash cache. */
static uint64_t statico__now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void statico__log(statico__worker *w, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    if (!w->srv->cfg.log) return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    w->srv->cfg.log(w->srv->cfg.log_user, msg);
}

/* timers: one FIFO list per kind; every kind has one duration, so appending
 * at now + duration keeps each list sorted and every operation is O(1). */
static void statico__timer_clear(statico__worker *w, statico__conn *c)
{
    if (!c->timer) return;
    if (c->tprev) w->conns[c->tprev - 1].tnext = c->tnext;
    else w->thead[c->timer] = c->tnext;
    if (c->tnext) w->conns[c->tnext - 1].tprev = c->tprev;
    else w->ttail[c->timer] = c->tprev;
    c->tprev = c->tnext = 0;
    c->timer = STATICO__T_NONE;
}

static void statico__timer_set(statico__worker *w, statico__conn *c, int kind)
{
    uint32_t i = (uint32_t)(c - w->conns) + 1;
    statico__timer_clear(w, c);
    c->timer = (uint8_t)kind;
    c->deadline = w->now + w->tdur[kind];
    c->tprev = w->ttail[kind];
    c->tnext = 0;
    if (w->ttail[kind]) w->conns[w->ttail[kind] - 1].tnext = i;
    else w->thead[kind] = i;
    w->ttail[kind] = i;
}

/* Stashes come from a small per-worker cache (with their buffers still
 * allocated), so a connection that needs one for each response (io_uring
 * sends) does not pay malloc and free every time. */
#define STATICO__STASH_CACHE 64

/* A request routed by its body no longer is: its candidates, head and body go. */
static void statico__match_clear(statico__stash *x)
{
    x->cand.n = x->mbody.n = x->mhead.n = 0;
    x->mbody_over = 0;
}

static statico__stash *statico__stash_get(statico__worker *w, statico__conn *c)
{
    if (!c->stash) {
        if (w->stash_cached) {
            statico__stash *x = w->stash_cache[--w->stash_cached];
            x->in_len = x->out_n = x->out_i = x->dq_n = x->dq_i = 0;
            x->owed = 0;
            x->copy.n = 0;
            x->vlog.n = x->vbody.n = 0;
            statico__match_clear(x);
            x->vlogged = 0;
            c->stash = x;
        } else {
            size_t size = sizeof *c->stash;
#if STATICO__URING
            if (w->ur) size += sizeof(statico__uring_stash);
#endif
            c->stash = (statico__stash *)STATICO_MALLOC(size);
            if (c->stash) memset(c->stash, 0, sizeof *c->stash);
#if STATICO__URING
            if (c->stash && w->ur) c->stash->us = (statico__uring_stash *)(void *)(c->stash + 1);
#endif
        }
    }
    return c->stash;
}

static void statico__out_clear(statico__worker *w, statico__stash *x); /* >>output */

/* Forget the delayed parts not yet sent: the encodings they pin are free. */
static void statico__dq_clear(statico__worker *w, statico__stash *x)
{
    for (; x->dq_i < x->dq_n; x->dq_i++) w->enc[x->dq[x->dq_i].which].pins--;
    x->dq_i = x->dq_n = 0;
}

static void statico__stash_free(statico__worker *w, statico__stash *x)
{
    statico__dq_clear(w, x);
    statico__out_clear(w, x);
    statico__buf_free(&x->vlog);
    statico__buf_free(&x->vbody);
    statico__buf_free(&x->cand);
    statico__buf_free(&x->mbody);
    statico__buf_free(&x->mhead);
    STATICO_FREE(x->dq);
    STATICO_FREE(x->in);
    STATICO_FREE(x->out);
    statico__buf_free(&x->copy);
    STATICO_FREE(x);
}

/* Give the stash back once it holds nothing. */
static void statico__stash_trim(statico__worker *w, statico__conn *c)
{
    statico__stash *x = c->stash;
    if (!x || x->in_len || x->out_n || c->state == STATICO__CS_CHUNKED || x->vlogged || x->dq_i < x->dq_n || x->cand.n)
        return;
    if (w->stash_cached < STATICO__STASH_CACHE && x->copy.cap <= 65536 && x->out_cap <= 1024 && x->mbody.cap <= 65536
        && x->mhead.cap <= 65536)
        w->stash_cache[w->stash_cached++] = x;
    else statico__stash_free(w, x);
    c->stash = NULL;
}

/* A closing connection keeps nothing: a partial head, output, delayed
 * responses, a logged request without its response all go. */
static void statico__stash_drop(statico__worker *w, statico__conn *c)
{
    statico__stash *x = c->stash;
    if (!x) return;
    x->in_len = 0;
    statico__dq_clear(w, x);
    statico__match_clear(x);
    x->vlogged = 0;
    statico__out_clear(w, x);
    c->state = STATICO__CS_HEAD;
    statico__stash_trim(w, c);
}

// >>engine
/* The connection engine, sans I/O. A protocol (>>h1) hands it each request
 * as an exchange; the engine routes it, queues the encoded response
 * (iovecs into the worker's buffers) in request order, with its delays,
 * and tells the observers. After input, output or a timer it decides what
 * the connection does next (statico__next). It never touches a socket and
 * never reads the clock (w->now, w->now_us are set by the loop). */
static int statico__save_output(statico__worker *w, statico__conn *c, size_t sent);

/* One request, whatever its protocol: what routing needs (method, path),
 * how the response is framed, and the protocol's own view of the head for
 * the observers (HTTP/1.1: the parsed request and its buffer). */
typedef struct statico__exchange {
    const char *method, *path;
    size_t method_len, path_len;
    int method_id;
    int flags; /* STATICO__X_* */
    const char *head; /* the head as received (request line, header lines) */
    size_t head_len;
    int version; /* 10, 11 */
    const statico_request *h1;
    const char *h1_buf;
} statico__exchange;
enum { STATICO__X_HEAD = 1,  /* HEAD: the response without its body */
       STATICO__X_CLOSE = 2, /* the client ends the connection after it */
       STATICO__X_KEEP = 4,  /* HTTP/1.0 keep-alive: say so */
       STATICO__X_BODY = 8   /* a body follows the head */ };
#define STATICO__DEFER (-2) /* statico__exchange_open: the body chooses the route */
/* Bodies kept for body conditions: at most this, or max_body when lower */
#define STATICO__MATCH_BODY ((size_t)1 << 20)

/* The observer seam (>>observe): every exchange event, once, whatever the
 * protocol. The counters and verbose logging consume it. */
static STATICO__INLINE void statico__observe_head(statico__worker *w, statico__conn *c, const statico__exchange *ex);
static void statico__observe_body(statico__worker *w, statico__conn *c, const char *p, size_t n);
static STATICO__INLINE void statico__observe_reply(statico__worker *w, statico__conn *c, int which, int variant);
static void statico__observe_error(statico__worker *w, statico__conn *c, int status);
static void statico__observe_close(statico__worker *w, statico__conn *c);

/* HTTP/2 (>>h2): the engine hands it the streams' answers and events. */
static void statico__h2_reply(statico__worker *w, statico__conn *c, int which, int variant);
static int statico__h2_next(statico__worker *w, statico__conn *c);
static int statico__h2_timeout(statico__worker *w, statico__conn *c, int kind);
static int statico__h2_due(statico__worker *w, statico__conn *c, uint64_t now);
static int statico__h2_eof(statico__worker *w, statico__conn *c);
static size_t statico__h2_sniff(statico__worker *w, statico__conn *c, const char *buf, size_t len);
static size_t statico__h2_feed(statico__worker *w, statico__conn *c, const char *buf, size_t len);
static int statico__h2_upgrade(statico__worker *w, statico__conn *c, const statico_request *rq, const char *buf);

/* A full batch goes into the connection's queue: the engine never sends;
 * the I/O layer flushes once after feeding. */
static STATICO__NOINLINE int statico__spill(statico__worker *w, statico__conn *c)
{
    int r = statico__save_output(w, c, 0);
    w->niov = 0;
    w->iov_bytes = 0;
    w->iov_file = 0;
    return r;
}

static STATICO__INLINE int statico__queue(statico__worker *w, statico__conn *c, const char *p, size_t len, uint32_t ref)
{
    if (!len) return 0;
    if (STATICO__UNLIKELY(w->niov == STATICO__IOV) && statico__spill(w, c)) return -1;
    w->iov[w->niov].iov_base = (void *)(uintptr_t)p;
    w->iov[w->niov].iov_len = len;
    w->iov_ref[w->niov] = ref;
    w->niov++;
    w->iov_bytes += len;
    return 0;
}

/* Queue the iovecs of a response, or one part of it (delays). */
static void statico__emit(statico__worker *w, statico__conn *c, int which, int variant, int part)
{
    statico__enc *e = &w->enc[which];
    const char *b = e->buf[variant];
    size_t hl = e->head_len[variant], len = e->len[variant];
    if (part != 2) statico__queue(w, c, b, part == 1 ? hl : len, 0);
    if (part != 1) {
        if (part == 2 && len > hl) statico__queue(w, c, b + hl, len - hl, 0);
        if (e->body && !(variant & STATICO__V_HEAD)) {
            statico__queue(w, c, e->body, e->body_len, (uint32_t)which + STATICO__REF_SLOT);
            w->iov_file |= e->bodyfd;
        }
    }
}

static int statico__wake_push(statico__wheap *q, uint64_t due, uint32_t slot, uint32_t gen)
{
    uint32_t i;
    if (q->n == q->cap) {
        uint32_t nc = q->cap ? q->cap * 2 : 64;
        statico__wake *nh = (statico__wake *)STATICO_REALLOC(q->h, nc * sizeof *nh);
        if (!nh) return -1;
        q->h = nh;
        q->cap = nc;
    }
    for (i = q->n++; i && q->h[(i - 1) / 2].due > due; i = (i - 1) / 2) q->h[i] = q->h[(i - 1) / 2];
    q->h[i].due = due;
    q->h[i].slot = slot;
    q->h[i].gen = gen;
    return 0;
}

/* The earliest wake goes. */
static void statico__wake_pop(statico__wheap *q)
{
    statico__wake last = q->h[--q->n];
    uint32_t i = 0, k;
    if (!q->n) return;
    while ((k = 2 * i + 1) < q->n) {
        if (k + 1 < q->n && q->h[k + 1].due < q->h[k].due) k++;
        if (q->h[k].due >= last.due) break;
        q->h[i] = q->h[k];
        i = k;
    }
    q->h[i] = last;
}

/* The worker's next random number (splitmix64): reproducible from cfg.seed. */
static uint64_t statico__rand(statico__worker *w)
{
    uint64_t z = (w->rng += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Delays: the response (or its head and its body) waits in the connection
 * and the worker's FIFO wakes it. Each pipelined request gets its own time;
 * a connection sends them in order. */
/* A new entry at the end of the connection's delay queue (its sent front
 * reused first), pinning response which; NULL out of memory. */
static statico__delayed *statico__dq_push(statico__worker *w, statico__stash *x, int which)
{
    statico__delayed *d;
    if (x->dq_n == x->dq_cap) {
        uint32_t nc = x->dq_cap ? x->dq_cap * 2 : 4;
        statico__delayed *nd;
        if (x->dq_i) { /* reuse the sent front first */
            memmove(x->dq, x->dq + x->dq_i, (x->dq_n - x->dq_i) * sizeof *x->dq);
            x->dq_n -= x->dq_i;
            x->dq_i = 0;
        }
        if (x->dq_n == x->dq_cap) {
            if (!(nd = (statico__delayed *)STATICO_REALLOC(x->dq, nc * sizeof *nd))) return NULL;
            x->dq = nd;
            x->dq_cap = nc;
        }
    }
    d = &x->dq[x->dq_n++];
    d->which = which;
    d->off = 0;
    w->enc[which].pins++; /* its bytes stay until it is sent, even if its route is replaced */
    return d;
}

static void statico__delay(statico__worker *w, statico__conn *c, int which, int variant)
{
    const statico_config *cfg = &w->srv->cfg;
    statico__stash *x = statico__stash_get(w, c);
    uint64_t at = w->now_us + cfg->delay_us;
    int k, parts = cfg->body_delay_us ? 2 : 1;
    if (!x) return;
    if (cfg->delay_max_us > cfg->delay_us) at += statico__rand(w) % (cfg->delay_max_us - cfg->delay_us + 1);
    for (k = 0; k < parts; k++) {
        statico__delayed *d = statico__dq_push(w, x, which);
        if (!d) return;
        d->due = at + (k ? cfg->body_delay_us : 0);
        d->variant = (uint8_t)variant;
        d->part = (uint8_t)(parts == 1 ? 0 : k + 1);
        statico__wake_push(&w->wh, d->due, (uint32_t)(c - w->conns), c->gen);
    }
    statico__timer_clear(w, c); /* its own time now; no idle timeout */
}

/* The bytes of a response in a variant: its buffer and its shared body. */
static uint64_t statico__resp_len(const statico__enc *e, int variant)
{
    return e->len[variant] + (e->body && !(variant & STATICO__V_HEAD) ? e->body_len : 0);
}

/* The bytes [off, off + n) of a response, as far as it has them. How many. */
static size_t statico__emit_range(statico__worker *w, statico__conn *c, int which, int variant, uint64_t off,
                                  uint64_t n)
{
    const statico__enc *e = &w->enc[which];
    uint64_t bl = e->len[variant], total = statico__resp_len(e, variant), k;
    if (off >= total) return 0;
    if (n > total - off) n = total - off;
    if (off < bl) {
        k = n < bl - off ? n : bl - off;
        statico__queue(w, c, e->buf[variant] + off, (size_t)k, 0);
        if (k < n) statico__queue(w, c, e->body, (size_t)(n - k), (uint32_t)which + STATICO__REF_SLOT);
    } else {
        statico__queue(w, c, e->body + (off - bl), (size_t)n, (uint32_t)which + STATICO__REF_SLOT);
    }
    return (size_t)n;
}

/* A paced response's next piece, due now: 1 when more are to come (its
 * next time set and a wake pushed), 0 when it is all out. */
static int statico__pace_step(statico__worker *w, statico__conn *c, statico__delayed *d)
{
    const statico__enc *e = &w->enc[d->which];
    size_t n = statico__emit_range(w, c, d->which, d->variant, d->off, e->piece);
    d->off += n;
    if (!n || d->off >= statico__resp_len(e, d->variant)) return 0;
    d->due += e->every; /* on its schedule: a late wake catches up */
    statico__wake_push(&w->wh, d->due, (uint32_t)(c - w->conns), c->gen);
    return 1;
}

/* A paced response (dribble, rate) starts: an entry of its own in the
 * delay queue, ahead of later ones (front: in the slot of the entry it
 * came from), its first piece now. */
static void statico__pace(statico__worker *w, statico__conn *c, int which, int variant, int front)
{
    statico__stash *x = statico__stash_get(w, c);
    statico__delayed *d;
    if (!x) return;
    if (front && x->dq_i) {
        d = &x->dq[--x->dq_i];
        d->which = which;
        d->off = 0;
        w->enc[which].pins++;
    } else if (!(d = statico__dq_push(w, x, which))) {
        return;
    }
    d->due = w->now_us;
    d->variant = (uint8_t)variant;
    d->part = STATICO__PART_PACED;
    statico__timer_clear(w, c); /* its own time now */
    if (!front && !statico__pace_step(w, c, d)) { /* all of it in one piece */
        x->dq_n--;
        w->enc[which].pins--;
    }
}

/* A step's fault, instead of its response or pacing it. front: it came out
 * of the connection's delay queue, whose front slot it may take again (a
 * paced response keeps its place ahead of later ones). The ending faults
 * drop what was queued behind it. */
static void statico__fault(statico__worker *w, statico__conn *c, int which, int variant, int front)
{
    const statico__enc *e = &w->enc[which];
    switch (e->fault) {
    case STATICO_FAULT_DRIBBLE:
    case STATICO_FAULT_RATE:
        statico__pace(w, c, which, variant, front);
        return;
    case STATICO_FAULT_TRUNCATE: statico__emit_range(w, c, which, variant, 0, e->cut); break;
    case STATICO_FAULT_RAW: statico__emit(w, c, which, variant, 0); break;
    case STATICO_FAULT_RESET: c->flags |= STATICO__F_RESET; break;
    default: break;
    }
    c->flags |= STATICO__F_DROP;
    if (c->stash) {
        statico__dq_clear(w, c->stash);
        c->stash->in_len = 0;
        statico__match_clear(c->stash);
    }
    c->pending = 0;
    c->state = e->fault == STATICO_FAULT_STALL ? STATICO__CS_STALL : STATICO__CS_CLOSING;
}

/* Send the delayed parts that are due, in order. */
static void statico__delay_due(statico__worker *w, statico__conn *c, uint64_t now)
{
    statico__stash *x = c->stash;
    while (x && x->dq_i < x->dq_n && x->dq[x->dq_i].due <= now) {
        statico__delayed *d = &x->dq[x->dq_i];
        int which = d->which;
        if (d->part == STATICO__PART_PACED && statico__pace_step(w, c, d)) break; /* its next piece later */
        x->dq_i++;
        if (STATICO__UNLIKELY(w->enc[which].fault) && d->part < STATICO__PART_PACED) {
            if (d->part != 2) statico__fault(w, c, which, d->variant, 1); /* a fault has no separate body */
        } else if (d->part != STATICO__PART_PACED) {
            statico__emit(w, c, which, d->variant, d->part);
        }
        w->enc[which].pins--;
    }
    if (x && x->dq_i == x->dq_n) x->dq_i = x->dq_n = 0;
}

/* The response which (a route, the default, an error) in variant
 * (STATICO__V_*), now or at its delay. */
static void statico__exchange_reply(statico__worker *w, statico__conn *c, int which, int variant)
{
    statico__observe_reply(w, c, which, variant);
    if (STATICO__UNLIKELY(c->flags & STATICO__F_H2)) statico__h2_reply(w, c, which, variant); /* on its stream */
    else if (STATICO__UNLIKELY(w->delays || (c->stash && c->stash->dq_i < c->stash->dq_n))) /* delayed, or behind a paced one */
        statico__delay(w, c, which, variant);
    else if (STATICO__UNLIKELY(w->enc[which].fault)) statico__fault(w, c, which, variant, 0);
    else statico__emit(w, c, which, variant, 0);
}

/* A request that cannot be served: its status with "Connection: close",
 * then the connection closes. */
static void statico__exchange_fail(statico__worker *w, statico__conn *c, int status)
{
    int i;
    for (i = 0; i < STATICO__E_COUNT - 1 && statico__error_status[i] != status; i++) {}
    statico__observe_error(w, c, status);
    if (c->flags & STATICO__F_H2) { /* on its stream: the connection goes on */
        statico__exchange_reply(w, c, STATICO__ENC_ERROR + i, 0);
        return;
    }
    statico__exchange_reply(w, c, STATICO__ENC_ERROR + i, STATICO__V_CLOSE);
    c->pending = 0;
    if (c->stash) statico__match_clear(c->stash);
    c->state = STATICO__CS_CLOSING;
}

/* Whether the query string holds condition c: some parameter named as c
 * is there (present), none is (absent), or one's value equals or starts
 * with c's. Raw bytes, no decoding. */
static int statico__query_holds(const statico__cond *c, const char *q, size_t n)
{
    const char *end = q + n;
    int seen = 0;
    while (q < end) {
        const char *amp = (const char *)memchr(q, '&', (size_t)(end - q)), *pe = amp ? amp : end;
        const char *eq = (const char *)memchr(q, '=', (size_t)(pe - q)), *ke = eq ? eq : pe;
        if ((size_t)(ke - q) == c->name_len && !memcmp(q, c->name, c->name_len)) {
            const char *v = eq ? eq + 1 : pe;
            size_t vl = (size_t)(pe - v);
            seen = 1;
            if (c->kind == STATICO__M_PRESENT) return 1;
            if (c->kind == STATICO__M_EQUAL && vl == c->value_len && !memcmp(v, c->value, vl)) return 1;
            if (c->kind == STATICO__M_PREFIX && vl >= c->value_len && !memcmp(v, c->value, c->value_len)) return 1;
        }
        q = pe + 1;
    }
    return c->kind == STATICO__M_ABSENT && !seen;
}

/* Whether the value v holds c's value condition. */
static int statico__value_holds(const statico__cond *c, const char *v, size_t vl)
{
    size_t i;
    switch (c->kind) {
    case STATICO__M_EQUAL: return vl == c->value_len && !memcmp(v, c->value, vl);
    case STATICO__M_PREFIX: return vl >= c->value_len && !memcmp(v, c->value, c->value_len);
    case STATICO__M_CONTAINS:
        for (i = 0; i + c->value_len <= vl; i++)
            if (!memcmp(v + i, c->value, c->value_len)) return 1;
        return 0;
    default: return 1;
    }
}

/* Whether the request's headers hold condition c: any line of the name. */
static int statico__header_holds(const statico__cond *c, const statico_request *rq, const char *buf)
{
    unsigned i;
    int seen = 0;
    for (i = 0; i < rq->header_count; i++) {
        const statico_header *h = &rq->headers[i];
        if (h->name.len != c->name_len || !statico__ieq(buf + h->name.off, c->name, c->name_len)) continue;
        seen = 1;
        if (c->kind != STATICO__M_ABSENT && statico__value_holds(c, buf + h->value.off, h->value.len)) return 1;
    }
    return c->kind == STATICO__M_ABSENT && !seen;
}

/* Whether one condition holds for the exchange. */
static int statico__cond_holds(const statico__cond *c, const statico__exchange *ex)
{
    return c->header ? statico__header_holds(c, ex->h1, ex->h1_buf)
                     : statico__query_holds(c, ex->h1_buf + ex->h1->query.off, ex->h1->query.len);
}

/* Whether every condition of a route holds for the exchange. */
static int statico__conds_hold(const statico__conds *cs, const statico__exchange *ex)
{
    size_t k;
    for (k = 0; k < cs->n; k++)
        if (!statico__cond_holds(&cs->c[k], ex)) return 0;
    return 1;
}

/* The encoding that answers the next request of a route with steps: the
 * step for the version's position, which every worker moves on (one atomic
 * add). */
static int statico__step(const statico__wroute *t)
{
    const statico_route *rt = &t->rv->route;
    uint64_t pos, end = 0;
    size_t k;
    pos = STATICO__FETCH_ADD(t->rv->pos, 1);
    for (k = 0; k + 1 < rt->step_count; k++) {
        if (!rt->steps[k].times) break; /* forever */
        end += rt->steps[k].times;
        if (pos < end) break;
    }
    return (int)(t->enc + k);
}

/* Whether a body holds route version rv's body condition (none: it does).
 * A body longer than the match limit holds none. */
static int statico__body_holds(const statico__rv *rv, const char *p, size_t n, int over)
{
    const statico_match *m = &rv->route.match;
    size_t i;
    if (!m->body) return 1;
    if (over) return 0;
    if (!m->body_contains) return n == m->body_len && !memcmp(p, m->body, n);
    for (i = 0; i + m->body_len <= n; i++)
        if (!memcmp(p + i, m->body, m->body_len)) return 1;
    return 0;
}

/* An unmatched request, kept when it is among the first STATICO__KEEP
 * (head, and the body when it was read to choose). */
static STATICO__NOINLINE void statico__keep_unmatched(statico__worker *w, const char *head, size_t hl,
                                                      const char *body, size_t bl, int body_known)
{
    statico_server *s = w->srv;
    statico__kept *k;
    uint32_t i;
    if (!s->kept || STATICO__READ(s->kept_next) >= STATICO__KEEP) return;
    if ((i = STATICO__FETCH_ADD(s->kept_next, 1u)) >= STATICO__KEEP || !STATICO__CLAIM(s->kept[i].state, 1)) return;
    k = &s->kept[i];
    k->head_cut = hl > STATICO__KEEP_HEAD;
    k->head_len = (uint32_t)(k->head_cut ? STATICO__KEEP_HEAD : hl);
    memcpy(k->head, head, k->head_len);
    k->body_known = body_known;
    k->body_cut = bl > STATICO__KEEP_BODY;
    k->body_len = (uint32_t)(k->body_cut ? STATICO__KEEP_BODY : bl);
    if (k->body_len) memcpy(k->body, body, k->body_len);
    STATICO__SET(k->state, 2);
}

/* Routing past a route with conditions (route `which` matched method and
 * path): the first route whose conditions hold, or -1. When one with a
 * body condition is met and a body follows, the routes that still can win
 * are kept (up to the first without a body condition) and the body
 * chooses at its end: STATICO__DEFER. */
static int statico__route_cond(statico__worker *w, statico__conn *c, const statico__exchange *ex, int which)
{
    const statico__wroute *rt = w->rt;
    size_t rc = w->srv->cfg.route_count;
    statico__stash *x = NULL;
    for (; which >= 0; which = statico__route_find(w->routes, rc, (size_t)which + 1, ex->method, ex->method_len,
                                                   ex->path, ex->path_len)) {
        const statico__rv *rv = rt[which].rv;
        uint32_t r = (uint32_t)which;
        if (!statico__conds_hold(&rv->conds, ex)) continue;
        if (!x && (!rv->route.match.body || !(ex->flags & STATICO__X_BODY))) {
            if (statico__body_holds(rv, "", 0, 0)) return which;
            continue;
        }
        if (!x) {
            if (!(x = statico__stash_get(w, c))) return -1; /* no memory: as if none held */
            x->mhead.n = 0;
            if (w->srv->kept && statico__buf_add(&x->mhead, ex->head, ex->head_len)) x->mhead.n = 0;
        }
        if (statico__buf_add(&x->cand, &r, sizeof r)) break;
        if (!rv->route.match.body) break; /* this one wins if none before it does */
    }
    return x ? STATICO__DEFER : -1;
}

/* The response of route r (its step when it has several), or of the
 * default (r < 0); a configured "Connection: close" turns the variant. */
static int statico__answer(statico__worker *w, int r, int *variant)
{
    const statico__wroute *t = &w->rt[r < 0 ? 0 : r];
    int which = r < 0 ? STATICO__ENC_DEFAULT : STATICO__UNLIKELY(t->steps > 1) ? statico__step(t) : (int)t->enc;
    if (STATICO__UNLIKELY(w->enc[which].closes)) *variant = (*variant & ~STATICO__V_KEEP) | STATICO__V_CLOSE;
    return which;
}

/* The body of a request routed by its body, as it arrives (up to the
 * match limit). */
static void statico__match_body(statico__worker *w, statico__conn *c, const char *p, size_t n)
{
    statico__stash *x = c->stash;
    uint64_t max = w->srv->cfg.max_body < STATICO__MATCH_BODY ? w->srv->cfg.max_body : STATICO__MATCH_BODY;
    if (x->mbody_over || x->mbody.n + n > max || statico__buf_add(&x->mbody, p, n)) x->mbody_over = 1;
}

/* Its body is complete: the first kept route whose body condition holds
 * answers (or the default); its response index, variant turned as needed. */
static int statico__route_by_body(statico__worker *w, statico__conn *c, int *variant)
{
    statico__stash *x = c->stash;
    size_t k, n = x->cand.n / sizeof(uint32_t);
    int r = -1;
    for (k = 0; k < n && r < 0; k++) {
        uint32_t cand;
        memcpy(&cand, x->cand.p + k * sizeof cand, sizeof cand);
        if (statico__body_holds(w->rt[cand].rv, x->mbody.p, x->mbody.n, x->mbody_over)) r = (int)cand;
    }
    if (r < 0 && x->mhead.n) statico__keep_unmatched(w, x->mhead.p, x->mhead.n, x->mbody.p, x->mbody.n, 1);
    statico__match_clear(x);
    return statico__answer(w, r, variant);
}

/* A request's head is complete: the observers hear of it, and the route
 * answers. The response index, with its variant in *variant; -1 when the
 * exchange already failed; STATICO__DEFER when its body chooses the route
 * (statico__route_by_body, at its end). */
static STATICO__INLINE int statico__exchange_open(statico__worker *w, statico__conn *c, const statico__exchange *ex,
                                                  int *variant)
{
    const statico__wroute *rt = w->rt;
    size_t rc = w->srv->cfg.route_count;
    int which, v = 0;
    statico__observe_head(w, c, ex);
    if (ex->method_id == STATICO_METHOD_CONNECT) { /* no tunnels here */
        statico__exchange_fail(w, c, 501);
        return -1;
    }
    which = statico__route_find(w->routes, rc, 0, ex->method, ex->method_len, ex->path, ex->path_len);
    if (STATICO__UNLIKELY(which >= 0 && rt[which].nconds)) which = statico__route_cond(w, c, ex, which);
    if (STATICO__UNLIKELY(which == -1 && w->srv->kept)) statico__keep_unmatched(w, ex->head, ex->head_len, NULL, 0, 0);
    if (ex->flags & STATICO__X_HEAD) v |= STATICO__V_HEAD;
    if ((ex->flags & STATICO__X_CLOSE) || w->draining) v |= STATICO__V_CLOSE;
    else if (ex->flags & STATICO__X_KEEP) v |= STATICO__V_KEEP;
    *variant = v;
    return which == STATICO__DEFER ? which : statico__answer(w, which, variant);
}

/* Route versions on a worker. A version's responses are encoded in a block
 * of the worker's slots; statico_server_set_route hands a new version over
 * (statico__mail) and the worker takes it between loop passes, so a
 * request is routed by one version from start to end and no lock is taken
 * while serving. The replaced slots stay while a delayed part or a queued
 * body segment pins them (the response goes out with the old bytes), then
 * are freed; a version is freed with its last slot and the server's
 * reference. */
static void statico__rv_put(statico__rv *rv)
{
    int left;
    if (!rv) return;
#if defined(__GNUC__) || defined(__clang__)
    left = __atomic_sub_fetch(&rv->refs, 1, __ATOMIC_ACQ_REL);
#else
    left = --rv->refs;
#endif
    if (left) return;
    STATICO_FREE(rv->conds.c);
    statico__owner_free(&rv->own);
    STATICO_FREE(rv);
}

/* n free slots in a row, found or added at the end: the first one's
 * index, or -1 out of memory. */
static long statico__slots(statico__worker *w, uint32_t n)
{
    uint32_t i, run = 0;
    for (i = STATICO__ENC_ROUTES; i < w->nenc; i++) {
        run = w->enc[i].used ? 0 : run + 1;
        if (run == n) return (long)(i + 1 - n);
    }
    if (w->nenc + n - run > w->enc_cap) {
        uint32_t nc = w->enc_cap ? w->enc_cap : 16;
        statico__enc *ne;
        while (nc < w->nenc + n - run) nc *= 2;
        if (!(ne = (statico__enc *)STATICO_REALLOC(w->enc, nc * sizeof *ne))) return -1;
        memset(ne + w->enc_cap, 0, (nc - w->enc_cap) * sizeof *ne);
        w->enc = ne;
        w->enc_cap = nc;
    }
    w->nenc += n - run;
    return (long)(w->nenc - n);
}

/* Route r answers with version rv from now on, its responses moved from
 * enc into slots of the worker; the slots of the version it had are
 * retired. 0, or -1 out of memory (nothing changed). */
static int statico__route_install(statico__worker *w, size_t r, statico__rv *rv, statico__enc *enc)
{
    long at = statico__slots(w, rv->nresp);
    statico__wroute *t = &w->rt[r];
    uint32_t k;
    if (at < 0) return -1;
    STATICO__FETCH_ADD(rv->refs, (int)rv->nresp);
    for (k = 0; k < rv->nresp; k++) {
        statico__enc *e = &w->enc[at + k];
        *e = enc[k];
        w->nodelay |= e->bodyfd != 0;
        e->rv = rv;
        e->used = 1;
        if (w->date_sec) { /* the date the worker's other responses say */
            char date[STATICO__DATE_LEN];
            statico__http_date(w->date_sec, date);
            statico__enc_date(e, date);
        }
    }
    for (k = 0; t->rv && k < t->rv->nresp; k++, w->retired++) w->enc[t->enc + k].retired = 1;
    t->rv = rv;
    t->enc = (uint32_t)at;
    t->nconds = (uint32_t)rv->conds.n + (rv->route.match.body != NULL);
    t->steps = (uint32_t)rv->route.step_count;
    w->routes[r] = rv->route;
    return 0;
}

static int statico__kernel_reads_bodies(const statico__worker *w); /* >>io_uring */

/* Free the retired slots nothing pins any more. A zero-copy send's kernel
 * may read a large body until its notification: those wait for none to be
 * pending. */
static void statico__retire_sweep(statico__worker *w)
{
    uint32_t i;
    int zc = statico__kernel_reads_bodies(w);
    for (i = STATICO__ENC_ROUTES; i < w->nenc && w->retired; i++) {
        statico__enc *e = &w->enc[i];
        statico__rv *rv = e->rv;
        if (!e->retired || e->pins || (e->body && zc)) continue;
        statico__enc_free(e);
        w->retired--;
        statico__rv_put(rv);
    }
}

/* Take set_route's hand-overs, oldest first, then free what they replaced
 * once nothing pins it. A hand-over that finds no memory keeps the old
 * version (and says so). */
static void statico__handover(statico__worker *w)
{
    statico__mail *m, *next, *todo = NULL;
#if defined(__GNUC__) || defined(__clang__)
    m = __atomic_exchange_n(&w->mail, (statico__mail *)NULL, __ATOMIC_ACQUIRE);
#else
    m = w->mail;
    w->mail = NULL;
#endif
    for (; m; m = next) { /* newest first: reverse */
        next = m->next;
        m->next = todo;
        todo = m;
    }
    for (m = todo; m; m = next) {
        next = m->next;
        if (statico__route_install(w, m->route, m->rv, m->enc)) {
            uint32_t k;
            for (k = 0; k < m->rv->nresp; k++) statico__enc_free(&m->enc[k]);
            statico__log(w, "worker %d: out of memory: route %zu keeps its previous version", w->index, m->route + 1);
        }
        STATICO__SET(w->applied, m->ticket);
        STATICO_FREE(m);
    }
    if (w->retired) statico__retire_sweep(w);
}

/* Every slot and hand-over of a stopped worker, freed. */
static void statico__worker_routes_free(statico__worker *w)
{
    uint32_t i;
    w->retired = 0;
    for (i = 0; w->enc && i < w->nenc; i++) {
        statico__rv *rv = w->enc[i].rv;
        if (!w->enc[i].used) continue;
        statico__enc_free(&w->enc[i]);
        statico__rv_put(rv);
    }
    while (w->mail) {
        statico__mail *m = w->mail;
        uint32_t k;
        w->mail = m->next;
        for (k = 0; k < m->rv->nresp; k++) statico__enc_free(&m->enc[k]);
        STATICO_FREE(m);
    }
    STATICO_FREE(w->enc);
    STATICO_FREE(w->rt);
    STATICO_FREE(w->routes);
    w->enc = NULL;
}

/* What a connection still owes its client: output not yet sent, or
 * delayed responses not yet due. */
static int statico__owes(const statico__conn *c)
{
    return c->writing || (c->stash && (c->stash->out_i < c->stash->out_n || c->stash->dq_i < c->stash->dq_n));
}

/* Whether the connection should be read: not once it is closing or the
 * peer is done, and not while it owes more than a client that reads its
 * responses can cause (read again below half of that), so a client that
 * pipelines without reading costs bounded memory on every backend.
 * Lingering connections are read, to discard. */
static int statico__want_read(const statico__conn *c)
{
    const statico__stash *x = c->stash;
    int paused = (c->flags & STATICO__F_PAUSED) != 0;
    size_t bytes = paused ? STATICO__OWE_BYTES / 2 : STATICO__OWE_BYTES;
    uint32_t parts = paused ? STATICO__OWE_DELAYED / 2 : STATICO__OWE_DELAYED;
    if (c->state >= STATICO__CS_LINGER) return 1; /* lingering or stalled: read to discard */
    if (c->state == STATICO__CS_CLOSING || (c->flags & STATICO__F_EOF)) return 0;
    return !x || (x->owed <= bytes && x->dq_n - x->dq_i <= parts);
}

/* What a connection does next (statico__next's answer; a backend does it):
 * READ: wait for input (or not, as statico__want_read says) until its
 * timer's deadline; WRITE: output is queued, send it, then ask again;
 * LINGER: half-close and discard input until the linger deadline; CLOSE. */
enum { STATICO__DO_READ, STATICO__DO_WRITE, STATICO__DO_LINGER, STATICO__DO_CLOSE };

/* Which timer runs: the header timeout while a head is partial (not reset
 * by more bytes), the body timeout during a body (restarted by progress),
 * else the idle timeout. */
static void statico__arm_timer(statico__worker *w, statico__conn *c)
{
    if (c->state == STATICO__CS_HEAD && c->stash && c->stash->in_len) {
        if (c->timer != STATICO__T_HEADER) statico__timer_set(w, c, STATICO__T_HEADER);
    } else if (c->state != STATICO__CS_HEAD) {
        if (c->timer != STATICO__T_BODY) statico__timer_set(w, c, STATICO__T_BODY);
    } else {
        statico__timer_set(w, c, STATICO__T_IDLE);
    }
}

/* After input or output: close, linger or read on, with the right timer.
 * A connection that ends (its last response out, or the drain) half-closes
 * and discards what still comes, so the client reads the response before
 * the connection goes (a close with unread input would reset it). */
static STATICO__INLINE int statico__next(statico__worker *w, statico__conn *c)
{
    if (STATICO__LIKELY(!c->stash && !c->writing && !c->flags && c->state == STATICO__CS_HEAD && !w->draining)) {
        statico__timer_set(w, c, STATICO__T_IDLE); /* the usual case: answered, holding nothing, idle */
        return STATICO__DO_READ;
    }
    if (statico__owes(c)) return STATICO__DO_READ; /* its send, or its delays, come first */
    if (c->state == STATICO__CS_STALL) { /* never answered: until the peer leaves, the idle timeout or a stop */
        if (w->draining) return STATICO__DO_CLOSE;
        if (c->timer != STATICO__T_IDLE) statico__timer_set(w, c, STATICO__T_IDLE);
        return STATICO__DO_READ;
    }
    if (c->state == STATICO__CS_H2) {
        int r = statico__h2_next(w, c);
        if (r >= 0) return r; /* else it ended: linger or close */
    }
    if (c->state == STATICO__CS_CLOSING || (w->draining && c->state == STATICO__CS_HEAD && !(c->stash && c->stash->in_len))) {
        if (c->flags & (STATICO__F_EOF | STATICO__F_RESET)) return STATICO__DO_CLOSE; /* nothing more comes or is owed */
        c->state = STATICO__CS_LINGER;
        statico__timer_set(w, c, STATICO__T_LINGER);
        return STATICO__DO_LINGER;
    }
    if (c->state != STATICO__CS_LINGER) statico__arm_timer(w, c); /* lingering: its timer runs */
    statico__stash_trim(w, c);
    return STATICO__DO_READ;
}

/* The peer sends no more (a read of 0 bytes): the requests it sent are
 * still answered, in full, before the connection closes; an unfinished
 * one is dropped. No 408 for what will not come: a client that never
 * reads is closed when idle, unless delayed responses keep their own
 * time. */
static int statico__next_eof(statico__worker *w, statico__conn *c)
{
    if (c->state == STATICO__CS_H2) return statico__h2_eof(w, c);
    if (c->state >= STATICO__CS_LINGER || !statico__owes(c)) return STATICO__DO_CLOSE;
    c->flags |= STATICO__F_EOF;
    c->state = STATICO__CS_CLOSING;
    c->pending = 0;
    if (c->stash) {
        c->stash->in_len = 0;
        statico__match_clear(c->stash);
    }
    if (c->stash && c->stash->dq_i < c->stash->dq_n) statico__timer_clear(w, c);
    else statico__timer_set(w, c, STATICO__T_IDLE);
    return statico__next(w, c);
}

/* A connection's timer of this kind expired: a head or body that did not
 * arrive in time gets 408 (RFC 9110 15.5.9) and the connection closes
 * after it; an idle or lingering connection closes now. */
static int statico__next_timeout(statico__worker *w, statico__conn *c, int kind)
{
    statico__timer_clear(w, c);
    if (c->state == STATICO__CS_H2) return statico__h2_timeout(w, c, kind);
    if (kind != STATICO__T_HEADER && kind != STATICO__T_BODY) return STATICO__DO_CLOSE;
    if (c->stash) c->stash->in_len = 0;
    statico__exchange_fail(w, c, 408);
    return STATICO__DO_WRITE;
}

/* The connection's delayed parts that are due at now (us) go out. */
static int statico__next_delay(statico__worker *w, statico__conn *c, uint64_t now)
{
    if (c->flags & STATICO__F_H2) return statico__h2_due(w, c, now);
    statico__delay_due(w, c, now);
    return STATICO__DO_WRITE;
}

// >>h1
/* HTTP/1.1 on the engine: a complete head chooses the response and sets up
 * its body (Content-Length, chunked, 100-continue); statico__feed runs the
 * parser and the body states over the bytes that arrived. */
/* The exchange of a parsed head: the target's path ("*" for the asterisk
 * form, "/" for an absolute form without one) and the framing flags. */
static STATICO__INLINE void statico__h1_exchange(statico__exchange *ex, const statico_request *rq, const char *buf,
                                                 size_t head_end)
{
    ex->head = buf + rq->method.off;
    ex->head_len = head_end - rq->method.off;
    ex->version = rq->version;
    ex->method = buf + rq->method.off;
    ex->method_len = rq->method.len;
    ex->path = buf + rq->path.off;
    ex->path_len = rq->path.len;
    if (STATICO__UNLIKELY(!ex->path_len)) {
        ex->path = rq->target.len == 1 && buf[rq->target.off] == '*' ? "*" : "/";
        ex->path_len = 1;
    }
    ex->method_id = rq->method_id;
    ex->flags = (rq->method_id == STATICO_METHOD_HEAD ? STATICO__X_HEAD : 0)
              | (!(rq->flags & STATICO_REQ_KEEP_ALIVE) ? STATICO__X_CLOSE : rq->version == 10 ? STATICO__X_KEEP : 0)
              | ((rq->flags & STATICO_REQ_CHUNKED) || rq->content_length ? STATICO__X_BODY : 0);
    ex->h1 = rq;
    ex->h1_buf = buf;
}

/* A body follows the head: its state, timer and 100 Continue; the
 * response waits for its end (c->pending). 0, or -1 when the exchange
 * failed. */
static int statico__h1_body(statico__worker *w, statico__conn *c, const statico_request *rq, int body_here)
{
    if (rq->flags & STATICO_REQ_CONTENT_LENGTH) {
        if (rq->content_length > w->srv->cfg.max_body) {
            statico__exchange_fail(w, c, 413);
            return -1;
        }
        if (!rq->content_length) return 0;
        c->u.body_left = rq->content_length;
        c->state = STATICO__CS_BODY;
    } else {
        statico__stash *x = statico__stash_get(w, c);
        if (!x) {
            statico__exchange_fail(w, c, 400);
            return -1;
        }
        memset(&x->ck, 0, sizeof x->ck);
        c->state = STATICO__CS_CHUNKED;
    }
    c->body_seen = 0;
    statico__timer_set(w, c, STATICO__T_BODY);
    /* RFC 9110 10.1.1: 100 Continue unless the body is already on its way */
    if ((rq->flags & STATICO_REQ_EXPECT_CONTINUE) && !body_here)
        statico__queue(w, c, statico__continue, sizeof statico__continue - 1, STATICO__REF_FIXED);
    return 0;
}

/* A complete request head: open its exchange, set up the body; the
 * response goes now, or at the body's end. */
static STATICO__INLINE void statico__request(statico__worker *w, statico__conn *c, const statico_request *rq,
                                             const char *buf, size_t head_end, int body_here)
{
    statico__exchange ex;
    int which, variant;
    statico__h1_exchange(&ex, rq, buf, head_end);
    c->served = 1;
    if ((which = statico__exchange_open(w, c, &ex, &variant)) == -1) return;
    if (STATICO__UNLIKELY(rq->flags & STATICO_REQ_UPGRADE) && statico__h2_upgrade(w, c, rq, buf)) {
        statico__exchange_reply(w, c, which, variant & STATICO__V_HEAD); /* on stream 1 */
        w->h2cur = NULL;
        return;
    }
    if (STATICO__UNLIKELY(rq->flags & (STATICO_REQ_CHUNKED | STATICO_REQ_CONTENT_LENGTH))) {
        if (statico__h1_body(w, c, rq, body_here)) return;
        if (c->state != STATICO__CS_HEAD) {
            c->pending = which + 1;
            c->variant = (uint8_t)variant;
            return;
        }
    }
    statico__exchange_reply(w, c, which, variant);
    if ((variant & STATICO__V_CLOSE) && c->state < STATICO__CS_CLOSING) c->state = STATICO__CS_CLOSING;
}

/* Body bytes arrived (seen: the total so far): every STATICO__BODY_PROGRESS
 * more restart the body timeout, so a trickle is cut and a large upload is
 * not. */
static void statico__body_progress(statico__worker *w, statico__conn *c, uint64_t seen)
{
    if ((seen >> STATICO__BODY_PROGRESS_SHIFT) != (c->body_seen >> STATICO__BODY_PROGRESS_SHIFT))
        statico__timer_set(w, c, STATICO__T_BODY);
    c->body_seen = seen;
}

static void statico__body_done(statico__worker *w, statico__conn *c)
{
    c->state = STATICO__CS_HEAD;
    if (c->pending) {
        int variant = c->variant, which = c->pending - 1;
        if (STATICO__UNLIKELY(c->pending < 0)) which = statico__route_by_body(w, c, &variant);
        statico__exchange_reply(w, c, which, variant);
        if ((variant & STATICO__V_CLOSE) && c->state < STATICO__CS_CLOSING) c->state = STATICO__CS_CLOSING;
        c->pending = 0;
    }
}

/* Requests already received behind one an ending fault answered: heard
 * (counted, journaled as dropped), not answered. Bodies with a length
 * are skipped; a chunked one ends it. */
static void statico__drop_rest(statico__worker *w, statico__conn *c, const char *buf, size_t len)
{
    size_t p = 0;
    while (p < len) {
        statico__exchange ex;
        int r;
        statico_request_reset(&w->req);
        if ((r = statico_parse_request(&w->req, buf + p, len - p)) <= 0) return;
        statico__h1_exchange(&ex, &w->req, buf + p, (size_t)r);
        statico__observe_head(w, c, &ex);
        statico__observe_reply(w, c, STATICO__ENC_DROPPED, 0);
        p += (size_t)r;
        if ((w->req.flags & STATICO_REQ_CHUNKED) || w->req.content_length > len - p) return;
        p += (size_t)w->req.content_length;
    }
}

/* Feed buf[0..len) to connection c. first: the parse state of a head that
 * starts at buf (resumed), or NULL. Returns the bytes consumed; what is
 * left is the start of an incomplete head. */
static size_t statico__feed(statico__worker *w, statico__conn *c, const char *buf, size_t len,
                            statico_request *first)
{
    const statico_config *cfg = &w->srv->cfg;
    size_t p = 0;
    while (p < len && c->state < STATICO__CS_CLOSING) {
        if (c->state == STATICO__CS_BODY) {
            size_t n = len - p;
            if ((uint64_t)n > c->u.body_left) n = (size_t)c->u.body_left;
            statico__observe_body(w, c, buf + p, n);
            statico__body_progress(w, c, c->body_seen + n);
            c->u.body_left -= n;
            p += n;
            if (!c->u.body_left) statico__body_done(w, c);
        } else if (c->state == STATICO__CS_CHUNKED) {
            statico_chunk_data d;
            uint64_t max_body = cfg->max_body;
            ptrdiff_t n = statico_chunked_decode(&c->stash->ck, buf + p, len - p, &d);
            if (n < 0) {
                statico__exchange_fail(w, c, c->stash->ck.status);
                break;
            }
            if (d.len) statico__observe_body(w, c, buf + p + d.off, d.len);
            statico__body_progress(w, c, c->stash->ck.body_bytes);
            p += (size_t)n;
            /* over the limit: the data so far, or a chunk whose size line is complete */
            if (c->stash->ck.body_bytes > max_body
                || (c->stash->ck.state == STATICO__CK_DATA && c->stash->ck.body_bytes + c->stash->ck.remaining > max_body)) {
                statico__exchange_fail(w, c, 413);
                break;
            }
            if (c->stash->ck.done) statico__body_done(w, c);
        } else {
            statico_request *rq = first && p == 0 ? first : &w->req;
            int r;
            if (rq == &w->req) statico_request_reset(rq);
            r = statico_parse_request(rq, buf + p, len - p);
            if (r == -2) {
                if (rq != first || !c->stash) { /* keep the parse state with the bytes */
                    statico__stash *x = statico__stash_get(w, c);
                    if (!x) {
                        statico__exchange_fail(w, c, 400);
                        break;
                    }
                    x->req = *rq;
                }
                break;
            }
            if (r < 0) {
                size_t k;
                if (STATICO__UNLIKELY(p == 0 && buf[0] == 'P') && (k = statico__h2_sniff(w, c, buf, len)) != 0) {
                    if (k != SIZE_MAX) p = k; /* the HTTP/2 preface: the rest was HTTP/2's (or: more of it first) */
                    break;
                }
                statico__exchange_fail(w, c, rq->status);
                break;
            }
            statico__request(w, c, rq, buf + p, (size_t)r, p + (size_t)r < len);
            p += (size_t)r;
            if (STATICO__UNLIKELY(c->flags & STATICO__F_H2)) { /* upgraded to h2c: what follows is HTTP/2 */
                p += statico__h2_feed(w, c, buf + p, len - p);
                break;
            }
        }
    }
    if (STATICO__UNLIKELY(c->flags & STATICO__F_DROP)) {
        c->flags &= (uint8_t)~STATICO__F_DROP;
        statico__drop_rest(w, c, buf + p, len - p);
    }
    if (c->state >= STATICO__CS_CLOSING) return len; /* nothing more is read from it */
    return p;
}

// >>h2
/* HTTP/2 cleartext (RFC 9113) on the engine. A connection becomes one at
 * its client preface (or an "Upgrade: h2c"); its frames are read here and
 * each request stream becomes an exchange, routed, observed and faulted as
 * HTTP/1.1's are. Responses are the encodings' HTTP/2 blocks (the same
 * bytes on every stream: only the frame headers are written per stream)
 * and their bodies as DATA, within the flow-control windows; a stream out
 * of window waits without holding the others back. A read's frames are
 * answered in one batch, one send. */
#define STATICO__H2_PREFACE "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
#define STATICO__H2_STREAMS 128          /* SETTINGS_MAX_CONCURRENT_STREAMS */
#define STATICO__H2_WINDOW (1u << 24)    /* the stream window we give (SETTINGS_INITIAL_WINDOW_SIZE) */
#define STATICO__H2_CONN_WINDOW (1u << 30) /* and the connection's, right after the preface */
#define STATICO__H2_CALM 1000            /* the flood budget (ENHANCE_YOUR_CALM when spent) */
#define STATICO__H2_SCRATCH 65536        /* a batch's frame headers and small frames */
#define STATICO__H2_COPY 1024            /* bodies and blocks up to this are copied next to their frame header */
enum { STATICO__FT_DATA, STATICO__FT_HEADERS, STATICO__FT_PRIORITY, STATICO__FT_RST, STATICO__FT_SETTINGS,
       STATICO__FT_PUSH, STATICO__FT_PING, STATICO__FT_GOAWAY, STATICO__FT_WINDOW, STATICO__FT_CONTINUATION };
enum { STATICO__FL_END_STREAM = 1, STATICO__FL_ACK = 1, STATICO__FL_END_HEADERS = 4, STATICO__FL_PADDED = 8,
       STATICO__FL_PRIORITY = 0x20 };
enum { STATICO__H2E_NO, STATICO__H2E_PROTOCOL, STATICO__H2E_INTERNAL, STATICO__H2E_FLOW, STATICO__H2E_TIMEOUT,
       STATICO__H2E_CLOSED, STATICO__H2E_SIZE, STATICO__H2E_REFUSED, STATICO__H2E_CANCEL, STATICO__H2E_COMPRESSION,
       STATICO__H2E_CONNECT, STATICO__H2E_CALM };

static uint32_t statico__be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void statico__put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Room for n bytes in the worker's scratch, where a batch's frame headers
 * and small frames are written; a full scratch sends the batch to the
 * connection's queue (which copies them) first. NULL out of memory. */
static char *statico__h2_room(statico__worker *w, statico__conn *c, size_t n)
{
    if (!w->niov) w->h2n = 0;
    if (!w->h2buf && !(w->h2buf = (char *)STATICO_MALLOC(STATICO__H2_SCRATCH))) return NULL;
    if (w->h2n + n > STATICO__H2_SCRATCH) {
        if (statico__spill(w, c)) return NULL;
        w->h2n = 0;
    }
    return w->h2buf + w->h2n;
}

/* The n bytes written at the room join the batch (the same iovec as the
 * scratch bytes right before them). */
static void statico__h2_put(statico__worker *w, statico__conn *c, size_t n)
{
    char *p = w->h2buf + w->h2n;
    struct iovec *last = w->niov ? &w->iov[w->niov - 1] : NULL;
    w->h2n += n;
    if (last && !w->iov_ref[w->niov - 1] && (char *)last->iov_base + last->iov_len == p) {
        last->iov_len += n;
        w->iov_bytes += n;
        return;
    }
    statico__queue(w, c, p, n, 0);
}

static void statico__h2_hdr(char *p, size_t len, int type, int flags, uint32_t id)
{
    p[0] = (char)(len >> 16);
    p[1] = (char)(len >> 8);
    p[2] = (char)len;
    p[3] = (char)type;
    p[4] = (char)flags;
    statico__put32((uint8_t *)p + 5, id);
}

/* A frame whose payload is copied (at most STATICO__H2_COPY bytes). */
static void statico__h2_frame(statico__worker *w, statico__conn *c, int type, int flags, uint32_t id,
                              const void *payload, size_t len)
{
    char *p = statico__h2_room(w, c, 9 + len);
    if (!p) return;
    statico__h2_hdr(p, len, type, flags, id);
    if (len) memcpy(p + 9, payload, len);
    statico__h2_put(w, c, 9 + len);
}

static void statico__h2_rst(statico__worker *w, statico__conn *c, uint32_t id, uint32_t code)
{
    statico__h2 *h = c->u.h2;
    uint8_t pl[4];
    h->reset[h->nreset++ % 4] = id;
    statico__put32(pl, code);
    statico__h2_frame(w, c, STATICO__FT_RST, 0, id, pl, 4);
}

/* GOAWAY: with an error, the connection ends after it (what follows is
 * not read); NO_ERROR lets the streams in progress finish. */
static void statico__h2_goaway(statico__worker *w, statico__conn *c, uint32_t code)
{
    statico__h2 *h = c->u.h2;
    uint8_t pl[8];
    if (h->goaway && !code) return;
    if (!h->goaway) h->goaway_id = h->last_id; /* later ones may not say more (RFC 9113 6.8) */
    statico__put32(pl, h->goaway_id);
    statico__put32(pl + 4, code);
    statico__h2_frame(w, c, STATICO__FT_GOAWAY, 0, 0, pl, 8);
    h->goaway = 1;
    if (code) {
        c->state = STATICO__CS_CLOSING;
        if (c->stash) c->stash->in_len = 0;
    }
}

/* The flood budget: a frame that costs the server without asking for a
 * response (SETTINGS, PING, an empty DATA, a reset) spends one; each
 * response earns one back. Spent: ENHANCE_YOUR_CALM. */
static int statico__h2_spend(statico__worker *w, statico__conn *c, uint32_t n)
{
    statico__h2 *h = c->u.h2;
    if (h->calm >= n) {
        h->calm -= n;
        return 0;
    }
    statico__h2_goaway(w, c, STATICO__H2E_CALM);
    return -1;
}

/* Whether we reset stream id lately (the last four). */
static int statico__h2_was_reset(const statico__h2 *h, uint32_t id)
{
    return id && (h->reset[0] == id || h->reset[1] == id || h->reset[2] == id || h->reset[3] == id);
}

static statico__h2s *statico__h2_find(statico__h2 *h, uint32_t id)
{
    uint32_t i;
    for (i = 0; i < h->ns; i++)
        if (h->s[i].id == id) return &h->s[i];
    return NULL;
}

static void statico__buf_swap(statico__buf *a, statico__buf *b)
{
    statico__buf t = *a;
    *a = *b;
    *b = t;
}

/* An exchange in progress moves between the connection (where the
 * observers and body routing keep it) and its stream, both ways. */
static void statico__h2_swap(statico__conn *c, statico__stash *x, statico__h2xs *t)
{
    uint32_t j = c->jslot;
    int32_t p = c->pending;
    uint8_t v = c->variant;
    uint64_t b = c->body_seen;
    int o = x->mbody_over, l = x->vlogged;
    c->jslot = t->jslot;
    c->pending = t->pending;
    c->variant = t->variant;
    c->body_seen = t->body_seen;
    x->mbody_over = t->mbody_over;
    x->vlogged = t->vlogged;
    t->jslot = j;
    t->pending = p;
    t->variant = v;
    t->body_seen = b;
    t->mbody_over = o;
    t->vlogged = l;
    statico__buf_swap(&x->cand, &t->cand);
    statico__buf_swap(&x->mbody, &t->mbody);
    statico__buf_swap(&x->mhead, &t->mhead);
    statico__buf_swap(&x->vlog, &t->vlog);
    statico__buf_swap(&x->vbody, &t->vbody);
}

/* The stream's exchange comes back to the connection, or goes back to the
 * stream (the same swap); a stream keeps one only while its body comes. */
static statico__stash *statico__h2_enter(statico__worker *w, statico__conn *c, statico__h2s *s)
{
    statico__stash *x = statico__stash_get(w, c);
    if (x && s->xs) statico__h2_swap(c, x, s->xs);
    return x;
}

static void statico__h2xs_free(statico__h2xs *t)
{
    if (!t) return;
    statico__buf_free(&t->cand);
    statico__buf_free(&t->mbody);
    statico__buf_free(&t->mhead);
    statico__buf_free(&t->vlog);
    statico__buf_free(&t->vbody);
    STATICO_FREE(t);
}

/* The stream is done with: its response unpinned, an exchange it still
 * held dropped (its journal entry given back), its place freed. */
static void statico__h2_end(statico__worker *w, statico__conn *c, statico__h2s *s)
{
    statico__h2 *h = c->u.h2;
    if (s->which >= 0) w->enc[s->which].pins--;
    if (s->xs) {
        statico__stash *x = statico__h2_enter(w, c, s);
        statico__observe_close(w, c);
        if (x) {
            statico__match_clear(x);
            statico__h2_swap(c, x, s->xs);
        }
        statico__h2xs_free(s->xs);
    }
    *s = h->s[--h->ns];
}

static statico__h2s *statico__h2_open(statico__conn *c, uint32_t id)
{
    statico__h2 *h = c->u.h2;
    statico__h2s *s;
    if (h->ns == h->cap) {
        uint32_t nc = h->cap ? h->cap * 2 : 4;
        statico__h2s *ns = (statico__h2s *)STATICO_REALLOC(h->s, nc * sizeof *ns);
        if (!ns) return NULL;
        h->s = ns;
        h->cap = nc;
    }
    s = &h->s[h->ns++];
    memset(s, 0, sizeof *s);
    s->id = id;
    s->which = -1;
    s->win = h->init_win;
    s->recv = 1;
    return s;
}

/* Every stream and the decoder's table go with the connection. */
static void statico__h2_free(statico__worker *w, statico__conn *c)
{
    statico__h2 *h = c->u.h2;
    while (h->ns) statico__h2_end(w, c, &h->s[h->ns - 1]);
    STATICO_FREE(h->s);
    STATICO_FREE(h->hp);
    statico__buf_free(&h->hb);
    STATICO_FREE(h);
    c->u.h2 = NULL;
    c->flags &= (uint8_t)~STATICO__F_H2;
}

/* The body a response sends on a stream: its shared body, or the inline
 * one after its HTTP/1.1 head (the bytes are the same). */
static const char *statico__h2_body_of(const statico__enc *e, uint64_t *len)
{
    if (e->body) {
        *len = e->body_len;
        return e->body;
    }
    *len = e->len[0] - e->head_len[0];
    return e->buf[0] + e->head_len[0];
}

/* The response's HEADERS (and CONTINUATION when its block is larger than
 * a frame), END_STREAM when nothing follows. */
static void statico__h2_head(statico__worker *w, statico__conn *c, statico__h2s *s, int end)
{
    const statico__enc *e = &w->enc[s->which];
    size_t max = c->u.h2->max_frame, off = 0, n;
    int type = STATICO__FT_HEADERS;
    s->head_sent = 1;
    do {
        char *p;
        n = e->h2_len - off < max ? e->h2_len - off : max;
        if (!(p = statico__h2_room(w, c, 9 + (n <= STATICO__H2_COPY ? n : 0)))) return;
        statico__h2_hdr(p, n, type, (off + n == e->h2_len ? STATICO__FL_END_HEADERS : 0) | (type == STATICO__FT_HEADERS && end ? STATICO__FL_END_STREAM : 0), s->id);
        if (n <= STATICO__H2_COPY) {
            memcpy(p + 9, e->h2 + off, n);
            statico__h2_put(w, c, 9 + n);
        } else {
            statico__h2_put(w, c, 9);
            statico__queue(w, c, e->h2 + off, n, 0); /* the date may change: copied if kept */
        }
        off += n;
        type = STATICO__FT_CONTINUATION;
    } while (off < e->h2_len);
}

/* Body bytes [s->off, s->off + n) as DATA frames, the last with END_STREAM
 * when end. The windows are the caller's. */
static void statico__h2_data(statico__worker *w, statico__conn *c, statico__h2s *s, uint64_t n, int end)
{
    const statico__enc *e = &w->enc[s->which];
    size_t max = c->u.h2->max_frame;
    uint64_t len;
    const char *b = statico__h2_body_of(e, &len);
    do {
        size_t k = n < max ? (size_t)n : max;
        int last = k == n;
        char *p = statico__h2_room(w, c, 9 + (k <= STATICO__H2_COPY ? k : 0));
        if (!p) return;
        statico__h2_hdr(p, k, STATICO__FT_DATA, last && end ? STATICO__FL_END_STREAM : 0, s->id);
        if (k <= STATICO__H2_COPY) {
            memcpy(p + 9, b + s->off, k);
            statico__h2_put(w, c, 9 + k);
        } else {
            statico__h2_put(w, c, 9);
            statico__queue(w, c, b + s->off, k, (uint32_t)s->which + STATICO__REF_SLOT);
        }
        s->off += k;
        n -= k;
    } while (n);
}

/* As much of the body as the windows allow, up to limit bytes more; 1
 * when all of it is out (END_STREAM sent). */
static int statico__h2_send(statico__worker *w, statico__conn *c, statico__h2s *s, uint64_t limit)
{
    statico__h2 *h = c->u.h2;
    uint64_t len, n;
    int64_t room = s->win < h->win ? s->win : h->win;
    statico__h2_body_of(&w->enc[s->which], &len);
    if (s->variant & STATICO__V_HEAD) len = 0;
    if (s->off >= len) { /* nothing (more) to send: an empty DATA ends the stream */
        statico__h2_frame(w, c, STATICO__FT_DATA, STATICO__FL_END_STREAM, s->id, NULL, 0);
        return 1;
    }
    if (room <= 0) return 0;
    n = len - s->off;
    if (n > limit) n = limit;
    if ((uint64_t)room < n) n = (uint64_t)room;
    s->win -= (int64_t)n;
    h->win -= (int64_t)n;
    statico__h2_data(w, c, s, n, s->off + n == len);
    return s->off == len;
}

/* The stream has its response queued whole: done, unless its request's
 * body still comes (then it ends at that body's end). */
static void statico__h2_sent(statico__worker *w, statico__conn *c, statico__h2s *s)
{
    statico__h2 *h = c->u.h2;
    if (h->calm < STATICO__H2_CALM) h->calm++;
    if (s->recv) statico__h2_rst(w, c, s->id, STATICO__H2E_NO); /* answered early (413): the rest is not wanted */
    statico__h2_end(w, c, s);
}

/* Whether the stream's response has no body to send (none, or HEAD). */
static int statico__h2_empty(const statico__worker *w, const statico__h2s *s)
{
    uint64_t len;
    statico__h2_body_of(&w->enc[s->which], &len);
    return !len || (s->variant & STATICO__V_HEAD);
}

/* Head and body now, as far as the windows go; the rest waits (S_SEND). */
static void statico__h2_answer(statico__worker *w, statico__conn *c, statico__h2s *s)
{
    int empty = statico__h2_empty(w, s);
    if (!s->head_sent) statico__h2_head(w, c, s, empty);
    if (empty || statico__h2_send(w, c, s, UINT64_MAX)) {
        statico__h2_sent(w, c, s);
        return;
    }
    s->state = STATICO__S_SEND;
}

/* The response which chosen for the current stream (w->h2cur), observed
 * already: now, at its delay, or its fault. */
static void statico__h2_fault(statico__worker *w, statico__conn *c, statico__h2s *s);
static void statico__h2_reply(statico__worker *w, statico__conn *c, int which, int variant)
{
    const statico_config *cfg = &w->srv->cfg;
    statico__h2s *s = w->h2cur;
    if (!s || s->which >= 0) return; /* answered already */
    s->which = which;
    s->variant = (uint8_t)variant;
    w->enc[which].pins++; /* its bytes stay while the stream uses them, even if its route is replaced */
    if (STATICO__UNLIKELY(w->delays)) {
        s->due = w->now_us + cfg->delay_us;
        if (cfg->delay_max_us > cfg->delay_us) s->due += statico__rand(w) % (cfg->delay_max_us - cfg->delay_us + 1);
        s->state = STATICO__S_WAIT;
        statico__wake_push(&w->wh, s->due, (uint32_t)(c - w->conns), c->gen);
        return;
    }
    if (STATICO__UNLIKELY(w->enc[which].fault)) statico__h2_fault(w, c, s);
    else statico__h2_answer(w, c, s);
}

/* A paced body's next piece (dribble, rate) when its time comes, as far
 * as the windows allow; its next time after it. */
static void statico__h2_pace(statico__worker *w, statico__conn *c, statico__h2s *s)
{
    const statico__enc *e = &w->enc[s->which];
    uint64_t off = s->off;
    if (statico__h2_send(w, c, s, e->piece)) {
        statico__h2_sent(w, c, s);
        return;
    }
    s->state = STATICO__S_PACED;
    if (s->off == off) { /* no window: statico__h2_resume paces it again once there is */
        s->due = 0;
        return;
    }
    s->due += e->every; /* on its schedule: a late wake catches up */
    if (s->due < w->now_us) s->due = w->now_us;
    statico__wake_push(&w->wh, s->due, (uint32_t)(c - w->conns), c->gen);
}

/* A step's fault on a stream: reset is RST_STREAM, close is GOAWAY and
 * the connection's end, stall never answers the stream (the others go
 * on), truncate sends the head and that many body bytes then resets,
 * raw writes its bytes on the connection and closes it, dribble and rate
 * pace the body. */
static void statico__h2_fault(statico__worker *w, statico__conn *c, statico__h2s *s)
{
    const statico__enc *e = &w->enc[s->which];
    uint64_t len;
    statico__h2_body_of(e, &len);
    switch (e->fault) {
    case STATICO_FAULT_RESET:
        statico__h2_rst(w, c, s->id, STATICO__H2E_INTERNAL);
        statico__h2_end(w, c, s);
        return;
    case STATICO_FAULT_STALL: s->state = STATICO__S_STALL; return;
    case STATICO_FAULT_TRUNCATE:
        statico__h2_head(w, c, s, 0);
        if (e->cut && !statico__h2_empty(w, s)) { /* as much of the cut as the windows take */
            int64_t room = s->win < c->u.h2->win ? s->win : c->u.h2->win;
            uint64_t n = e->cut < len ? e->cut : len;
            if (room < 0) room = 0;
            if ((uint64_t)room < n) n = (uint64_t)room;
            if (n) statico__h2_data(w, c, s, n, 0);
            s->win -= (int64_t)n;
            c->u.h2->win -= (int64_t)n;
        }
        statico__h2_rst(w, c, s->id, STATICO__H2E_INTERNAL);
        statico__h2_end(w, c, s);
        return;
    case STATICO_FAULT_DRIBBLE:
    case STATICO_FAULT_RATE:
        if (statico__h2_empty(w, s)) { /* no body to pace */
            statico__h2_answer(w, c, s);
            return;
        }
        statico__h2_head(w, c, s, 0);
        s->due = w->now_us;
        statico__h2_pace(w, c, s);
        return;
    case STATICO_FAULT_RAW:
        statico__queue(w, c, e->buf[0], e->len[0], 0);
        c->state = STATICO__CS_CLOSING;
        break;
    default: /* close */
        statico__h2_goaway(w, c, STATICO__H2E_INTERNAL);
        break;
    }
    c->state = STATICO__CS_CLOSING;
    if (c->stash) c->stash->in_len = 0;
}

/* The streams whose time has come (delays, body delays, paced bodies). */
static int statico__h2_due(statico__worker *w, statico__conn *c, uint64_t now)
{
    statico__h2 *h = c->u.h2;
    uint32_t i = 0;
    while (h && i < h->ns && c->state == STATICO__CS_H2) {
        statico__h2s *s = &h->s[i];
        uint32_t ns = h->ns;
        int st = s->state;
        if (!(st == STATICO__S_WAIT || st == STATICO__S_BODY || st == STATICO__S_PACED) || s->due > now || !s->due) {
            i++;
            continue;
        }
        if (st == STATICO__S_PACED) statico__h2_pace(w, c, s);
        else if (st == STATICO__S_WAIT && w->enc[s->which].fault) statico__h2_fault(w, c, s);
        else if (st == STATICO__S_WAIT && w->srv->cfg.body_delay_us && !statico__h2_empty(w, s)) {
            statico__h2_head(w, c, s, 0);
            s->state = STATICO__S_BODY;
            s->due += w->srv->cfg.body_delay_us;
            statico__wake_push(&w->wh, s->due, (uint32_t)(c - w->conns), c->gen);
        } else {
            statico__h2_answer(w, c, s);
        }
        if (h->ns == ns) i++; /* else it ended: another took its place */
    }
    return STATICO__DO_WRITE;
}

/* The windows grew: the streams waiting for them send on. */
static void statico__h2_resume(statico__worker *w, statico__conn *c)
{
    statico__h2 *h = c->u.h2;
    uint32_t i = 0;
    while (i < h->ns && h->win > 0) {
        statico__h2s *s = &h->s[i];
        if (s->state == STATICO__S_PACED && !s->due && s->win > 0) { /* paced, waiting for a window */
            s->due = w->now_us;
            statico__wake_push(&w->wh, s->due, (uint32_t)(c - w->conns), c->gen);
        } else if (s->state == STATICO__S_SEND && s->win > 0 && statico__h2_send(w, c, s, UINT64_MAX)) {
            statico__h2_sent(w, c, s); /* the last one takes its place */
            continue;
        }
        i++;
    }
}

/* A request's head from its header fields: pseudo-header fields first,
 * then the others, checked as RFC 9113 8.2 and 8.3 say; written out as an
 * HTTP/1.1-style head ("GET /path HTTP/2", "host: ..." from :authority,
 * then the fields) with the parser's spans, so routing, conditions, the
 * journal and verbose logging read it as they read HTTP/1.1's. */
enum { STATICO__PH_METHOD = 1, STATICO__PH_SCHEME = 2, STATICO__PH_PATH = 4, STATICO__PH_AUTHORITY = 8 };
typedef struct statico__h2req {
    statico__worker *w;
    statico__buf *t;             /* the text (w->h2head) */
    size_t val[4][2];            /* the pseudo-header fields' values in t (offset, length) */
    size_t line;                 /* where the request line starts in t */
    int pseudo, regular, bad, big;
    size_t list;                 /* the header list's size (RFC 9113 6.5.2), against max_head */
    uint64_t cl;                 /* content-length + 1; 0 none */
} statico__h2req;

static int statico__h2_pseudo(const char *n, size_t nl)
{
    if (nl == 7 && !memcmp(n, ":method", 7)) return STATICO__PH_METHOD;
    if (nl == 7 && !memcmp(n, ":scheme", 7)) return STATICO__PH_SCHEME;
    if (nl == 5 && !memcmp(n, ":path", 5)) return STATICO__PH_PATH;
    if (nl == 10 && !memcmp(n, ":authority", 10)) return STATICO__PH_AUTHORITY;
    return 0;
}

/* A field name HTTP/2 allows outside pseudo-headers: a lowercase token
 * that is not connection-specific (RFC 9113 8.2.2). */
static int statico__h2_name_ok(const char *n, size_t nl, const char *v, size_t vl)
{
    size_t i;
    if (!nl) return 0;
    for (i = 0; i < nl; i++)
        if (!STATICO__IS(n[i], STATICO__C_TOKEN) || (n[i] >= 'A' && n[i] <= 'Z')) return 0;
    if ((nl == 10 && (!memcmp(n, "connection", 10) || !memcmp(n, "keep-alive", 10)))
        || (nl == 16 && !memcmp(n, "proxy-connection", 16)) || (nl == 17 && !memcmp(n, "transfer-encoding", 17))
        || (nl == 7 && !memcmp(n, "upgrade", 7)))
        return 0;
    return !(nl == 2 && !memcmp(n, "te", 2)) || (vl == 8 && !memcmp(v, "trailers", 8));
}

/* A field value we take: no whitespace at its ends, and only field-vchar,
 * SP and HTAB, as on HTTP/1.1 (RFC 9113 8.2.1 forbids NUL, CR and LF;
 * RFC 9110 5.5 makes the other controls invalid too). */
static int statico__h2_value_ok(const char *v, size_t vl)
{
    size_t i;
    if (vl && (v[0] == ' ' || v[0] == '\t' || v[vl - 1] == ' ' || v[vl - 1] == '\t')) return 0;
    for (i = 0; i < vl; i++)
        if (!STATICO__IS(v[i], STATICO__C_VALUE)) return 0;
    return 1;
}

/* "a: b\r\n" (sep ": ") or "a b HTTP/2\r\n" (sep " ", end " HTTP/2") at the
 * end of the text; out of memory: the head is too large for us (431). */
static void statico__h2_text(statico__h2req *q, const char *a, size_t al, const char *sep, const char *b, size_t bl,
                             const char *end)
{
    size_t sl = strlen(sep), el = strlen(end);
    char *o;
    if (statico__buf_add(q->t, NULL, al + sl + bl + el + 2)) {
        q->big = 1;
        return;
    }
    o = q->t->p + q->t->n - (al + sl + bl + el + 2);
    memcpy(o, a, al);
    memcpy(o + al, sep, sl);
    memcpy(o + al + sl, b, bl);
    memcpy(o + al + sl + bl, end, el);
    memcpy(o + al + sl + bl + el, "\r\n", 2);
}

/* The request line (and host), once the pseudo-header fields are in. */
static void statico__h2_line(statico__h2req *q)
{
    statico__buf *t = q->t;
    size_t need = q->val[0][1] + q->val[2][1] + q->val[3][1] + 32;
    if (statico__buf_add(t, NULL, need)) { /* room: the values stay where they are */
        q->big = 1;
        return;
    }
    t->n -= need;
    q->line = t->n;
    statico__h2_text(q, t->p + q->val[0][0], q->val[0][1], " ", t->p + q->val[2][0], q->val[2][1], " HTTP/2");
    if (q->pseudo & STATICO__PH_AUTHORITY) statico__h2_text(q, "host", 4, ": ", t->p + q->val[3][0], q->val[3][1], "");
}

static int statico__h2_field(void *u, const char *n, size_t nl, const char *v, size_t vl)
{
    statico__h2req *q = (statico__h2req *)u;
    int ph;
    q->list += nl + vl + 32;
    if (q->list > q->w->srv->cfg.max_head) q->big = 1;
    if (q->bad || q->big) return 0; /* the table still follows the block */
    if (!statico__h2_value_ok(v, vl)) q->bad = 1;
    else if (nl && n[0] == ':') {
        ph = statico__h2_pseudo(n, nl);
        if (!ph || (q->pseudo & ph) || q->regular) {
            q->bad = 1;
            return 0;
        }
        q->pseudo |= ph;
        ph = ph == STATICO__PH_METHOD ? 0 : ph == STATICO__PH_SCHEME ? 1 : ph == STATICO__PH_PATH ? 2 : 3;
        q->val[ph][0] = q->t->n;
        q->val[ph][1] = vl;
        if (statico__buf_add(q->t, v, vl)) q->big = 1;
    } else if (!statico__h2_name_ok(n, nl, v, vl)) {
        q->bad = 1;
    } else {
        if (nl == 14 && !memcmp(n, "content-length", 14)) {
            uint64_t x = 0;
            size_t i;
            for (i = 0; i < vl && v[i] >= '0' && v[i] <= '9' && x < (UINT64_MAX >> 4); i++) x = x * 10 + (uint64_t)(v[i] - '0');
            if (!vl || i < vl || (q->cl && q->cl != x + 1)) q->bad = 1;
            q->cl = x + 1;
        }
        if (!q->regular) statico__h2_line(q);
        q->regular = 1;
        statico__h2_text(q, n, nl, ": ", v, vl, "");
    }
    return 0;
}

/* The spans of the header lines of the head b[0..end) (after its first
 * line): 0, or -1 when there are more than the request holds. */
static int statico__h2_header_spans(statico_request *rq, const char *b, const char *end)
{
    const char *p, *eol;
    for (p = (const char *)memchr(b, '\n', (size_t)(end - b)) + 1; p < end; p = eol + 2) {
        statico_header *hd;
        const char *colon = (const char *)memchr(p, ':', (size_t)(end - p));
        eol = (const char *)memchr(colon, '\r', (size_t)(end - colon));
        if (rq->header_count == STATICO_MAX_HEADERS) return -1;
        hd = &rq->headers[rq->header_count++];
        hd->name.off = (uint16_t)(p - b);
        hd->name.len = (uint16_t)(colon - p);
        hd->value.off = (uint16_t)(colon + 2 - b);
        hd->value.len = (uint16_t)(eol - colon - 2);
    }
    return 0;
}

/* The parser's view of the head written in q->t (from q->line): spans of
 * the method, target, path, query and each header line. 0, or -1 when it
 * is malformed or too large (*status: 400, 414 or 431). */
static int statico__h2_spans(statico__h2req *q, statico_request *rq, int *status)
{
    const char *b = q->t->p + q->line, *p = b, *end = b + (q->t->n - q->line);
    size_t i;
    statico_request_reset(rq);
    rq->method.off = 0;
    if (!q->regular) { /* no field after the pseudo-header fields */
        statico__h2_line(q);
        q->regular = 1;
        b = p = q->t->p + q->line;
        end = b + (q->t->n - q->line);
    }
    if (q->t->n - q->line > 65535) { /* spans are 16 bits */
        *status = 431;
        return -1;
    }
    if (!q->val[0][1] || q->val[0][1] > STATICO_MAX_METHOD) return -1;
    rq->method.len = (uint16_t)q->val[0][1];
    rq->method_id = (uint8_t)statico__method_id(b, rq->method.len);
    rq->target.off = (uint16_t)(rq->method.len + 1);
    rq->target.len = (uint16_t)q->val[2][1];
    for (i = 0; i < rq->method.len; i++)
        if (!STATICO__IS(b[i], STATICO__C_TOKEN)) return -1;
    for (i = 0; i < rq->target.len; i++)
        if (!STATICO__IS(b[rq->target.off + i], STATICO__C_TARGET)) return -1;
    if (rq->target.len > q->w->srv->cfg.max_target) {
        *status = 414;
        return -1;
    }
    if (!rq->method.len || !rq->target.len || (b[rq->target.off] != '/' && !(rq->target.len == 1 && b[rq->target.off] == '*' && rq->method_id == STATICO_METHOD_OPTIONS)))
        return -1;
    rq->path = rq->target;
    if ((p = (const char *)memchr(b + rq->target.off, '?', rq->target.len)) != NULL) {
        rq->path.len = (uint16_t)(p - b - rq->path.off);
        rq->query.off = (uint16_t)(rq->path.off + rq->path.len + 1);
        rq->query.len = (uint16_t)(rq->target.len - rq->path.len - 1);
        rq->flags |= STATICO_REQ_QUERY;
    }
    if (b[rq->target.off] == '*') rq->path.len = 0;
    rq->version = 20;
    if (q->cl) {
        rq->flags |= STATICO_REQ_CONTENT_LENGTH;
        rq->content_length = q->cl - 1;
    }
    if (statico__h2_header_spans(rq, b, end)) {
        *status = 431;
        return -1;
    }
    return 0;
}

/* A stream's request failed before routing (too large, malformed by its
 * target): its status as the response, through the exchange's error
 * path (observed, journaled), on this stream only. */
static void statico__h2_refuse(statico__worker *w, statico__conn *c, statico__h2s *s, int status)
{
    int i;
    for (i = 0; i < STATICO__E_COUNT - 1 && statico__error_status[i] != status; i++) {}
    w->h2cur = s;
    statico__observe_error(w, c, status);
    statico__exchange_reply(w, c, STATICO__ENC_ERROR + i, 0);
    w->h2cur = NULL;
}

/* A malformed request (RFC 9113 8.1.1): observed as a 400, answered with
 * RST_STREAM(PROTOCOL_ERROR). */
static void statico__h2_malformed(statico__worker *w, statico__conn *c, statico__h2s *s)
{
    statico__observe_error(w, c, 400);
    statico__observe_reply(w, c, STATICO__ENC_ERROR, STATICO__V_HEAD);
    statico__h2_rst(w, c, s->id, STATICO__H2E_PROTOCOL);
    statico__h2_end(w, c, s);
}

/* The request is complete (END_STREAM): its response, chosen now or by
 * its body. */
static void statico__h2_complete(statico__worker *w, statico__conn *c, statico__h2s *s)
{
    int which, variant;
    s->recv = 0;
    if (s->which >= 0) return; /* answered before its end (413, 431, ...): its response goes on */
    if (s->xs) { /* the exchange comes back to the connection, where it ends */
        statico__h2_enter(w, c, s);
        statico__h2xs_free(s->xs);
        s->xs = NULL;
    }
    if (s->cl && s->cl - 1 != s->seen) { /* RFC 9113 8.1.1 */
        c->pending = 0;
        if (c->stash) statico__match_clear(c->stash);
        statico__h2_malformed(w, c, s);
        return;
    }
    which = c->pending - 1;
    variant = c->variant;
    w->h2cur = s;
    if (c->pending < 0) which = statico__route_by_body(w, c, &variant);
    c->pending = 0;
    statico__exchange_reply(w, c, which, variant);
    w->h2cur = NULL;
}

/* The exchange of a request whose head q wrote (rq: its spans); end: no
 * body follows. */
static void statico__h2_exchange(statico__exchange *ex, const statico_request *rq, const statico__h2req *q, int end)
{
    memset(ex, 0, sizeof *ex);
    ex->head = q->t->p + q->line;
    ex->head_len = q->t->n - q->line;
    ex->method = ex->head;
    ex->method_len = rq->method.len;
    ex->path = rq->path.len ? ex->head + rq->path.off : "*";
    ex->path_len = rq->path.len ? rq->path.len : 1;
    ex->method_id = rq->method_id;
    ex->flags = (rq->method_id == STATICO_METHOD_HEAD ? STATICO__X_HEAD : 0) | (end ? 0 : STATICO__X_BODY);
    ex->version = 20;
    ex->h1 = rq;
    ex->h1_buf = ex->head;
}

/* A complete header block opened stream id: its request. */
static void statico__h2_request(statico__worker *w, statico__conn *c, statico__h2s *s, statico__h2req *q, int end)
{
    statico__exchange ex;
    statico_request *rq = &w->req;
    int which, variant, status = 400;
    uint64_t max_body = w->srv->cfg.max_body;
    s->recv = !end;
    if (q->big) {
        statico__h2_refuse(w, c, s, 431);
        return;
    }
    if (!q->bad && q->pseudo == (STATICO__PH_METHOD | STATICO__PH_AUTHORITY) && q->val[0][1] == 7
        && !memcmp(q->t->p + q->val[0][0], "CONNECT", 7)) {
        statico__h2_refuse(w, c, s, 501); /* no tunnels here, as on HTTP/1.1 */
        return;
    }
    if (q->bad || (q->pseudo & 7) != 7 || statico__h2_spans(q, rq, &status)) {
        if (status != 400) statico__h2_refuse(w, c, s, status);
        else statico__h2_malformed(w, c, s);
        return;
    }
    s->cl = q->cl;
    if (!end && !q->cl) rq->flags |= STATICO_REQ_CHUNKED; /* a body of unknown length: the journal keeps room */
    if (statico__buf_add(q->t, "\r\n", 2)) {
        statico__h2_refuse(w, c, s, 431);
        return;
    }
    statico__h2_exchange(&ex, rq, q, end);
    w->h2cur = s;
    which = statico__exchange_open(w, c, &ex, &variant);
    w->h2cur = NULL;
    if (which == -1) return;
    if (q->cl && q->cl - 1 > max_body) {
        c->pending = 0;
        statico__match_clear(c->stash);
        statico__h2_refuse(w, c, s, 413);
        return;
    }
    c->pending = which + 1;
    c->variant = (uint8_t)variant;
    if (end) {
        statico__h2_complete(w, c, s);
        return;
    }
    /* its body comes: the exchange waits in the stream */
    if (!(s->xs = (statico__h2xs *)STATICO_MALLOC(sizeof *s->xs))) {
        statico__h2_refuse(w, c, s, 400);
        return;
    }
    memset(s->xs, 0, sizeof *s->xs);
    statico__h2_swap(c, c->stash, s->xs);
}

/* A whole header block for stream id: decoded (always: the table must
 * follow every block), then a new stream's request, or a trailer section
 * (which must end the stream). */
static void statico__h2_block(statico__worker *w, statico__conn *c, uint32_t id, const uint8_t *p, size_t n, int end)
{
    statico__h2 *h = c->u.h2;
    statico__h2req q;
    statico__h2s *s = statico__h2_find(h, id);
    int fresh = id > h->last_id;
    memset(&q, 0, sizeof q);
    q.w = w;
    q.t = &w->h2head;
    w->h2head.n = 0;
    if (statico__hpack_decode(&h->hp, &w->h2sc, p, n, statico__h2_field, &q)) {
        statico__h2_goaway(w, c, STATICO__H2E_COMPRESSION);
        return;
    }
    if (h->hb_bad) {
        h->hb_bad = 0;
        if (fresh) h->last_id = id;
        if (s) statico__h2_end(w, c, s);
        statico__h2_rst(w, c, id, STATICO__H2E_PROTOCOL);
        return;
    }
    if (!fresh) { /* trailers */
        if (!s || !s->recv) {
            if (s) statico__h2_end(w, c, s);
            statico__h2_rst(w, c, id, STATICO__H2E_CLOSED);
        } else if (!end || q.pseudo) {
            statico__h2_rst(w, c, id, STATICO__H2E_PROTOCOL);
            statico__h2_end(w, c, s);
        } else {
            statico__h2_complete(w, c, s); /* (an answered stream only stops receiving) */
        }
        return;
    }
    h->last_id = id;
    if (h->goaway) return; /* after GOAWAY: not processed (the client may retry it) */
    if (h->ns >= STATICO__H2_STREAMS || !(s = statico__h2_open(c, id))) {
        statico__h2_rst(w, c, id, STATICO__H2E_REFUSED);
        return;
    }
    if (!statico__stash_get(w, c)) {
        statico__h2_rst(w, c, id, STATICO__H2E_REFUSED);
        statico__h2_end(w, c, s);
        return;
    }
    statico__h2_request(w, c, s, &q, end);
}

/* The client's settings (RFC 9113 6.5.2): its windows and frame size.
 * 0, or -1 after a connection error. */
static int statico__h2_apply(statico__worker *w, statico__conn *c, const uint8_t *p, size_t n)
{
    statico__h2 *h = c->u.h2;
    size_t k;
    for (k = 0; k < n; k += 6) {
        uint32_t v = statico__be32(p + k + 2);
        int key = p[k] << 8 | p[k + 1];
        if ((key == 2 && v > 1) || (key == 5 && (v < 16384 || v > 16777215)))
            return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
        if (key == 4) {
            int64_t delta = (int64_t)v - h->init_win;
            uint32_t i;
            if (v > 0x7fffffffu) return statico__h2_goaway(w, c, STATICO__H2E_FLOW), -1;
            for (i = 0; i < h->ns; i++) /* may turn negative (RFC 9113 6.9.2) */
                if ((h->s[i].win += delta) > 0x7fffffff) return statico__h2_goaway(w, c, STATICO__H2E_FLOW), -1;
            h->init_win = v;
        }
        if (key == 5) h->max_frame = v;
    }
    return 0;
}

/* SETTINGS (RFC 9113 6.5): applied, acknowledged; the streams that wait
 * for a window may go on. 0, or -1 after a connection error. */
static int statico__h2_settings(statico__worker *w, statico__conn *c, int flags, uint32_t id, const uint8_t *p, size_t n)
{
    statico__h2 *h = c->u.h2;
    if (id) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    if (flags & STATICO__FL_ACK) {
        if (n) return statico__h2_goaway(w, c, STATICO__H2E_SIZE), -1;
        if (!h->settings) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1; /* its preface must be a SETTINGS */
        return 0;
    }
    if (n % 6) return statico__h2_goaway(w, c, STATICO__H2E_SIZE), -1;
    if (h->settings && statico__h2_spend(w, c, 1)) return -1;
    h->settings = 1;
    if (statico__h2_apply(w, c, p, n)) return -1;
    statico__h2_frame(w, c, STATICO__FT_SETTINGS, STATICO__FL_ACK, 0, NULL, 0);
    statico__h2_resume(w, c);
    return 0;
}

static int statico__h2_window(statico__worker *w, statico__conn *c, uint32_t id, const uint8_t *p, size_t n)
{
    statico__h2 *h = c->u.h2;
    uint32_t inc;
    statico__h2s *s;
    if (n != 4) return statico__h2_goaway(w, c, STATICO__H2E_SIZE), -1;
    inc = statico__be32(p) & 0x7fffffffu;
    if (!id) {
        if (!inc || h->win + inc > 0x7fffffff) return statico__h2_goaway(w, c, inc ? STATICO__H2E_FLOW : STATICO__H2E_PROTOCOL), -1;
        h->win += inc;
    } else if (id > h->last_id) {
        return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    } else if ((s = statico__h2_find(h, id)) != NULL) {
        if (!inc || s->win + inc > 0x7fffffff) {
            statico__h2_rst(w, c, id, inc ? STATICO__H2E_FLOW : STATICO__H2E_PROTOCOL);
            statico__h2_end(w, c, s);
            return 0;
        }
        s->win += inc;
    }
    statico__h2_resume(w, c);
    return 0;
}

/* RST_STREAM from the client: the stream ends (its response, if any, is
 * not sent). Resets spend the flood budget (rapid reset). */
static int statico__h2_reset(statico__worker *w, statico__conn *c, uint32_t id, size_t n)
{
    statico__h2 *h = c->u.h2;
    statico__h2s *s;
    if (!id || id > h->last_id) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    if (n != 4) return statico__h2_goaway(w, c, STATICO__H2E_SIZE), -1;
    if (statico__h2_spend(w, c, 1)) return -1;
    if ((s = statico__h2_find(h, id)) != NULL) statico__h2_end(w, c, s);
    return 0;
}

/* The start of a DATA frame (its payload is read as it comes, not kept). */
static int statico__h2_data_start(statico__worker *w, statico__conn *c, int flags, uint32_t id, uint32_t len,
                                  const uint8_t *p, size_t avail)
{
    statico__h2 *h = c->u.h2;
    statico__h2s *s;
    uint32_t pad = 0;
    if (!id || id > h->last_id) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    if (flags & STATICO__FL_PADDED) {
        if (!len) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1; /* no room for its pad length */
        if (!avail) return 1; /* its pad length first */
        pad = (uint32_t)p[0] + 1;
        if (pad > len) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    }
    h->rwin -= len;
    if (h->rwin < 0) return statico__h2_goaway(w, c, STATICO__H2E_FLOW), -1;
    if (h->rwin < STATICO__H2_CONN_WINDOW / 2) { /* the connection's window back to its size */
        uint8_t pl[4];
        statico__put32(pl, (uint32_t)(STATICO__H2_CONN_WINDOW - h->rwin));
        statico__h2_frame(w, c, STATICO__FT_WINDOW, 0, 0, pl, 4);
        h->rwin = STATICO__H2_CONN_WINDOW;
    }
    if (!len && !(flags & STATICO__FL_END_STREAM) && statico__h2_spend(w, c, 1)) return -1;
    s = statico__h2_find(h, id);
    if (!s && statico__h2_was_reset(h, id)) {
        id = 0; /* we reset it: what was on its way is ignored (RFC 9113 5.1) */
    } else if (!s || !s->recv) { /* closed, or half-closed (remote): STREAM_CLOSED, its bytes discarded */
        if (s) statico__h2_end(w, c, s);
        statico__h2_rst(w, c, id, STATICO__H2E_CLOSED);
        if (statico__h2_spend(w, c, 1)) return -1;
        id = 0;
    }
    if (s && id && pad) s->rx += pad; /* padding counts against its window too (RFC 9113 6.1) */
    h->data_id = id;
    h->data_left = len - (pad ? 1 : 0);
    h->data_pad = (uint8_t)(pad ? pad - 1 : 0);
    h->data_end = (flags & STATICO__FL_END_STREAM) != 0;
    return 0;
}

/* The stream's receive window back to its size once half of it is used. */
static void statico__h2_window_back(statico__worker *w, statico__conn *c, statico__h2s *s)
{
    uint8_t pl[4];
    if (s->rx < STATICO__H2_WINDOW / 2) return;
    statico__put32(pl, (uint32_t)s->rx);
    statico__h2_frame(w, c, STATICO__FT_WINDOW, 0, s->id, pl, 4);
    s->rx = 0;
}

/* Body bytes of the DATA frame being read, for its stream. */
static void statico__h2_body(statico__worker *w, statico__conn *c, const char *p, size_t n)
{
    statico__h2 *h = c->u.h2;
    statico__h2s *s = h->data_id ? statico__h2_find(h, h->data_id) : NULL;
    uint64_t max_body = w->srv->cfg.max_body;
    if (!s || !s->recv) return;
    s->seen += n;
    s->rx += n;
    if (s->which >= 0) { /* answered already: its body is only counted */
        statico__h2_window_back(w, c, s);
        return;
    }
    if ((s->cl && s->seen > s->cl - 1) || s->seen > max_body) {
        int big = !(s->cl && s->seen > s->cl - 1);
        s->recv = 0; /* no more of it is wanted */
        statico__h2_enter(w, c, s);
        statico__h2xs_free(s->xs);
        s->xs = NULL;
        c->pending = 0;
        statico__match_clear(c->stash);
        if (big) {
            s->recv = 1;
            statico__h2_refuse(w, c, s, 413);
        } else {
            statico__h2_malformed(w, c, s);
        }
        return;
    }
    if (n) {
        statico__h2_enter(w, c, s);
        c->body_seen += n; /* its exchange's body so far (verbose) */
        statico__observe_body(w, c, p, n);
        statico__h2_enter(w, c, s);
    }
    statico__h2_window_back(w, c, s);
}

/* The DATA frame's payload is in: its stream's request ends with it. */
static void statico__h2_data_end(statico__worker *w, statico__conn *c)
{
    statico__h2 *h = c->u.h2;
    statico__h2s *s = h->data_id ? statico__h2_find(h, h->data_id) : NULL;
    if (s && s->recv && h->data_end) statico__h2_complete(w, c, s);
    h->data_id = 0;
}

/* HEADERS (RFC 9113 6.2): its block starts (padding and priority taken
 * off); CONTINUATION frames may follow until END_HEADERS. */
static int statico__h2_headers(statico__worker *w, statico__conn *c, int flags, uint32_t id, const uint8_t *p, size_t n)
{
    statico__h2 *h = c->u.h2;
    size_t pad = 0;
    if (!id || !(id & 1)) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    if (flags & STATICO__FL_PADDED) {
        if (!n) return statico__h2_goaway(w, c, STATICO__H2E_SIZE), -1;
        pad = p[0];
        p++;
        n--;
    }
    if (flags & STATICO__FL_PRIORITY) {
        if (n < 5) return statico__h2_goaway(w, c, STATICO__H2E_SIZE), -1;
        h->hb_bad = (statico__be32(p) & 0x7fffffffu) == id; /* depends on itself: a stream error (RFC 9113 5.3.1) */
        p += 5;
        n -= 5;
    }
    if (pad > n) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    n -= pad;
    if (id <= h->last_id && !statico__h2_find(h, id)) { /* the last stream, or one we reset: closed (RFC 9113
                                                          * 5.1); another lower id was never opened (5.1.1) */
        int closed = id == h->last_id || statico__h2_was_reset(h, id);
        return statico__h2_goaway(w, c, closed ? STATICO__H2E_CLOSED : STATICO__H2E_PROTOCOL), -1;
    }
    if (flags & STATICO__FL_END_HEADERS) {
        statico__h2_block(w, c, id, p, n, flags & STATICO__FL_END_STREAM);
        return 0;
    }
    h->hb.n = 0;
    if (statico__buf_add(&h->hb, p, n)) return statico__h2_goaway(w, c, STATICO__H2E_INTERNAL), -1;
    h->hb_id = id;
    h->hb_end = (flags & STATICO__FL_END_STREAM) != 0;
    return 0;
}

/* CONTINUATION: more of the block; a block larger than the head limit
 * allows (a CONTINUATION flood) ends the connection. */
static int statico__h2_continuation(statico__worker *w, statico__conn *c, int flags, uint32_t id, const uint8_t *p, size_t n)
{
    statico__h2 *h = c->u.h2;
    size_t limit = (size_t)w->srv->cfg.max_head * 2 + 16384;
    if (!h->hb_id || id != h->hb_id) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    if (h->hb.n + n > limit) return statico__h2_goaway(w, c, STATICO__H2E_CALM), -1;
    if (!n && !(flags & STATICO__FL_END_HEADERS) && statico__h2_spend(w, c, 1)) return -1;
    if (statico__buf_add(&h->hb, p, n)) return statico__h2_goaway(w, c, STATICO__H2E_INTERNAL), -1;
    if (!(flags & STATICO__FL_END_HEADERS)) return 0;
    h->hb_id = 0;
    statico__h2_block(w, c, id, (const uint8_t *)h->hb.p, h->hb.n, h->hb_end);
    if (h->hb.cap > 65536) statico__buf_free(&h->hb);
    return 0;
}

/* One whole frame other than DATA. 0, or -1 after a connection error. */
static int statico__h2_frame_in(statico__worker *w, statico__conn *c, int type, int flags, uint32_t id,
                                const uint8_t *p, size_t n)
{
    statico__h2 *h = c->u.h2;
    if (h->hb_id && type != STATICO__FT_CONTINUATION) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    if (!h->settings && type != STATICO__FT_SETTINGS) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    switch (type) {
    case STATICO__FT_HEADERS: return statico__h2_headers(w, c, flags, id, p, n);
    case STATICO__FT_CONTINUATION: return statico__h2_continuation(w, c, flags, id, p, n);
    case STATICO__FT_SETTINGS: return statico__h2_settings(w, c, flags, id, p, n);
    case STATICO__FT_WINDOW: return statico__h2_window(w, c, id, p, n);
    case STATICO__FT_RST: return statico__h2_reset(w, c, id, n);
    case STATICO__FT_PRIORITY:
        if (!id) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
        if (n != 5 || (statico__be32(p) & 0x7fffffffu) == id) { /* a stream error (RFC 9113 6.3, 5.3.1) */
            statico__h2s *s = statico__h2_find(h, id);
            statico__h2_rst(w, c, id, n != 5 ? STATICO__H2E_SIZE : STATICO__H2E_PROTOCOL);
            if (s) statico__h2_end(w, c, s);
        }
        return statico__h2_spend(w, c, 1);
    case STATICO__FT_PING:
        if (id) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
        if (n != 8) return statico__h2_goaway(w, c, STATICO__H2E_SIZE), -1;
        if (flags & STATICO__FL_ACK) return 0;
        if (statico__h2_spend(w, c, 1)) return -1;
        statico__h2_frame(w, c, STATICO__FT_PING, STATICO__FL_ACK, 0, p, 8);
        return 0;
    case STATICO__FT_GOAWAY: /* the client leaves: what it asked for is answered, then the end */
        if (id) return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
        if (n < 8) return statico__h2_goaway(w, c, STATICO__H2E_SIZE), -1;
        statico__h2_goaway(w, c, STATICO__H2E_NO);
        return 0;
    case STATICO__FT_PUSH: return statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL), -1;
    default: return 0; /* unknown types are ignored (RFC 9113 4.1) */
    }
}

/* The client preface's rest, then frames: whole ones, except DATA, whose
 * payload is taken as it arrives. Returns the bytes consumed; the rest (a
 * frame's beginning) is kept for the next read. */
static size_t statico__h2_feed(statico__worker *w, statico__conn *c, const char *buf, size_t len)
{
    statico__h2 *h = c->u.h2;
    const uint8_t *b = (const uint8_t *)buf;
    size_t p = 0;
    if (c->state != STATICO__CS_H2) return len; /* it ended (an upgrade that failed): nothing more is read */
    if (h->preface) {
        size_t k = len < h->preface ? len : h->preface, at = 24 - h->preface;
        if (memcmp(buf, &STATICO__H2_PREFACE[at], k)) {
            statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL);
            return len;
        }
        h->preface = (uint8_t)(h->preface - k);
        p = k;
    }
    while (p < len && c->state == STATICO__CS_H2) {
        uint32_t flen, id;
        int type, flags;
        if (h->data_left) { /* a DATA payload: its body, then its padding */
            size_t n = len - p, body = h->data_left > h->data_pad ? h->data_left - h->data_pad : 0;
            if (n > h->data_left) n = h->data_left;
            statico__h2_body(w, c, buf + p, n < body ? n : body);
            h->data_left -= (uint32_t)n;
            p += n;
            h->rx_bytes += n;
            if (!h->data_left) statico__h2_data_end(w, c);
            continue;
        }
        if (len - p < 9) break;
        flen = (uint32_t)b[p] << 16 | (uint32_t)b[p + 1] << 8 | b[p + 2];
        type = b[p + 3];
        flags = b[p + 4];
        id = statico__be32(b + p + 5) & 0x7fffffffu;
        if (flen > 16384) { /* our SETTINGS_MAX_FRAME_SIZE, the default */
            statico__h2_goaway(w, c, STATICO__H2E_SIZE);
            break;
        }
        if (type == STATICO__FT_DATA) {
            int r;
            if (h->hb_id || !h->settings) {
                statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL);
                break;
            }
            if ((r = statico__h2_data_start(w, c, flags, id, flen, b + p + 9, len - p - 9)) > 0) break;
            if (r < 0) break;
            p += (flags & STATICO__FL_PADDED) ? 10 : 9;
            if (!h->data_left) statico__h2_data_end(w, c);
            continue;
        }
        if (len - p < 9 + (size_t)flen) break;
        if (statico__h2_frame_in(w, c, type, flags, id, b + p + 9, flen)) break;
        p += 9 + flen;
    }
    if (c->state != STATICO__CS_H2) return len; /* nothing more is read from it */
    return p;
}

/* The connection becomes HTTP/2: its state, and the server preface
 * (SETTINGS, and the connection window opened wide). preface: client
 * preface bytes still to come. 0, or -1 out of memory. */
static int statico__h2_start(statico__worker *w, statico__conn *c, size_t preface)
{
    statico__h2 *h;
    uint8_t st[18], win[4];
    if (!statico__stash_get(w, c) || !(h = (statico__h2 *)STATICO_MALLOC(sizeof *h))) return -1;
    memset(h, 0, sizeof *h);
    h->max_frame = 16384;
    h->init_win = 65535;
    h->win = 65535;
    h->rwin = STATICO__H2_CONN_WINDOW;
    h->calm = STATICO__H2_CALM;
    h->preface = (uint8_t)preface;
    c->u.h2 = h;
    c->flags |= STATICO__F_H2;
    c->state = STATICO__CS_H2;
    statico__put32(st, 3u << 16); /* MAX_CONCURRENT_STREAMS */
    statico__put32(st + 2, STATICO__H2_STREAMS);
    statico__put32(st + 6, 4u << 16); /* INITIAL_WINDOW_SIZE */
    statico__put32(st + 8, STATICO__H2_WINDOW);
    statico__put32(st + 12, 6u << 16); /* MAX_HEADER_LIST_SIZE */
    statico__put32(st + 14, w->srv->cfg.max_head);
    statico__h2_frame(w, c, STATICO__FT_SETTINGS, 0, 0, st, sizeof st);
    statico__put32(win, STATICO__H2_CONN_WINDOW - 65535);
    statico__h2_frame(w, c, STATICO__FT_WINDOW, 0, 0, win, 4);
    return 0;
}

/* HTTP/1.1 met the client preface at the start of a connection (the
 * parser refused its line): HTTP/2 from here. The bytes consumed; 0 when
 * it is not the preface (the HTTP/1.1 error stands); SIZE_MAX when the
 * bytes so far are the preface's start: they are kept, parsed again from
 * their start with more, so the answer never depends on how they arrive. */
static size_t statico__h2_sniff(statico__worker *w, statico__conn *c, const char *buf, size_t len)
{
    if (w->srv->cfg.no_http2 || c->served || memcmp(buf, STATICO__H2_PREFACE, len < 24 ? len : 24)) return 0;
    if (len < 24) {
        statico__stash *x = statico__stash_get(w, c);
        if (!x) return 0;
        memset(&x->req, 0, sizeof x->req);
        x->req.max_head = w->req.max_head;
        x->req.max_target = w->req.max_target;
        return SIZE_MAX;
    }
    if (statico__h2_start(w, c, 0)) return 0;
    return 24 + statico__h2_feed(w, c, buf + 24, len - 24);
}

/* HTTP2-Settings (RFC 7540 3.2.1): base64url SETTINGS payload, applied as
 * if the client had sent it. 0, or -1 when it is not one. */
static int statico__h2_upgrade_settings(statico__worker *w, statico__conn *c, const char *v, size_t n)
{
    uint8_t out[256];
    size_t o = 0, i;
    uint32_t acc = 0;
    int bits = 0;
    for (i = 0; i < n && v[i] != '='; i++) {
        int d = v[i] >= 'A' && v[i] <= 'Z' ? v[i] - 'A' : v[i] >= 'a' && v[i] <= 'z' ? v[i] - 'a' + 26
              : v[i] >= '0' && v[i] <= '9' ? v[i] - '0' + 52 : v[i] == '-' ? 62 : v[i] == '_' ? 63 : -1;
        if (d < 0 || o == sizeof out) return -1;
        acc = acc << 6 | (uint32_t)d;
        if ((bits += 6) >= 8) {
            bits -= 8;
            out[o++] = (uint8_t)(acc >> bits);
        }
    }
    if (o % 6) return -1;
    return statico__h2_apply(w, c, out, o); /* not acknowledged (RFC 7540 3.2.1) */
}

/* An HTTP/1.1 request asked for h2c ("Upgrade: h2c", one HTTP2-Settings,
 * no body): 101, then HTTP/2, with this request as stream 1. 1 when
 * switched (the caller answers the request on stream 1), else 0 (it is
 * answered in HTTP/1.1). */
static int statico__h2_upgrade(statico__worker *w, statico__conn *c, const statico_request *rq, const char *buf)
{
    static const char r101[] = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n";
    const statico_header *up = statico_request_get(rq, STATICO_HDR_UPGRADE), *set = NULL;
    statico__h2s *s;
    unsigned i, sets = 0;
    if (w->srv->cfg.no_http2 || !up || (rq->flags & (STATICO_REQ_CHUNKED | STATICO_REQ_CONTENT_LENGTH))
        || (c->stash && c->stash->dq_i < c->stash->dq_n) /* behind delayed answers: it stays HTTP/1.1 */
        || up->value.len != 3 || !statico__ieq(buf + up->value.off, "h2c", 3))
        return 0;
    for (i = 0; i < rq->header_count; i++)
        if (rq->headers[i].name.len == 14 && statico__ieq(buf + rq->headers[i].name.off, "http2-settings", 14)) {
            set = &rq->headers[i];
            sets++;
        }
    if (sets != 1) return 0;
    statico__queue(w, c, r101, sizeof r101 - 1, STATICO__REF_FIXED);
    if (statico__h2_start(w, c, 24)) return 0;
    if (statico__h2_upgrade_settings(w, c, buf + set->value.off, set->value.len)
        || !(s = statico__h2_open(c, 1))) {
        if (c->state == STATICO__CS_H2) statico__h2_goaway(w, c, STATICO__H2E_PROTOCOL);
        return 1;
    }
    c->u.h2->last_id = 1;
    s->recv = 0;
    w->h2cur = s;
    return 1;
}

/* What an HTTP/2 connection does next: it ends once GOAWAY was sent and
 * its streams are done; its timer: the body timeout while a frame or a
 * stream's body is incomplete (restarted by each KiB), else idle. */
static int statico__h2_next(statico__worker *w, statico__conn *c)
{
    statico__h2 *h = c->u.h2;
    uint32_t i;
    int recv = (c->stash && c->stash->in_len) || h->hb_id || h->data_left;
    for (i = 0; i < h->ns; i++) {
        int st = h->s[i].state;
        if (st == STATICO__S_WAIT || st == STATICO__S_BODY || st == STATICO__S_PACED) {
            statico__timer_clear(w, c); /* its own time: no idle timeout meanwhile */
            return STATICO__DO_READ;
        }
        recv |= h->s[i].recv;
    }
    if (h->goaway && !h->ns) {
        c->state = STATICO__CS_CLOSING;
        return -1; /* statico__next goes on: linger or close */
    }
    if (!recv) statico__timer_set(w, c, STATICO__T_IDLE);
    else if (c->timer != STATICO__T_BODY || (h->rx_bytes >> STATICO__BODY_PROGRESS_SHIFT) != (h->rx_mark >> STATICO__BODY_PROGRESS_SHIFT)) {
        statico__timer_set(w, c, STATICO__T_BODY);
        h->rx_mark = h->rx_bytes;
    }
    statico__stash_trim(w, c);
    return STATICO__DO_READ;
}

/* The client sends no more: the streams it completed are answered (their
 * delays included), those still receiving end, then the connection. */
static int statico__h2_eof(statico__worker *w, statico__conn *c)
{
    statico__h2 *h = c->u.h2;
    uint32_t i = 0;
    c->flags |= STATICO__F_EOF;
    h->goaway = 1; /* no frame: nobody reads it */
    while (i < h->ns) {
        if (h->s[i].recv || h->s[i].state == STATICO__S_STALL) statico__h2_end(w, c, &h->s[i]);
        else i++;
    }
    return statico__next(w, c);
}

/* A timer of an HTTP/2 connection: idle, GOAWAY and the end; a body or
 * frame that did not come in time: 408 on the streams still receiving,
 * GOAWAY when a frame was left incomplete. */
static int statico__h2_timeout(statico__worker *w, statico__conn *c, int kind)
{
    statico__h2 *h = c->u.h2;
    uint32_t i = 0;
    if (kind == STATICO__T_BODY && !h->hb_id && !h->data_left && !(c->stash && c->stash->in_len)) {
        while (i < h->ns) {
            statico__h2s *s = &h->s[i];
            uint32_t ns = h->ns;
            if (s->recv && s->which < 0) {
                statico__h2_enter(w, c, s);
                statico__h2xs_free(s->xs);
                s->xs = NULL;
                c->pending = 0;
                if (c->stash) statico__match_clear(c->stash);
                statico__h2_refuse(w, c, s, 408);
            }
            if (h->ns == ns) i++;
        }
        return STATICO__DO_WRITE;
    }
    if (kind == STATICO__T_LINGER) return STATICO__DO_CLOSE;
    statico__h2_goaway(w, c, STATICO__H2E_NO);
    c->state = STATICO__CS_CLOSING;
    return STATICO__DO_WRITE;
}

// >>observe
/* Verbose logging: each exchange (request, then response) is formatted on
 * its worker into one buffer and handed to cfg.verbose_log in one call, so
 * lines of concurrent connections never interleave within an exchange. */
#define STATICO__ANSI_REQ "\033[32m"
#define STATICO__ANSI_RES "\033[36m"
#define STATICO__ANSI_DIM "\033[2m"
#define STATICO__ANSI_OFF "\033[0m"

static void statico__vline(statico__worker *w, statico__buf *b, const statico__conn *c, char dir, const char *ansi,
                           const char *p, size_t n)
{
    char pre[48];
    int color = w->srv->cfg.verbose_color;
    snprintf(pre, sizeof pre, "[%d.%u] %c ", w->index, c->id, dir);
    if (color) statico__buf_str(b, ansi);
    statico__buf_str(b, pre);
    statico__buf_add(b, p, n);
    if (color) statico__buf_str(b, STATICO__ANSI_OFF);
    statico__buf_add(b, "\n", 1);
}

/* A body: at level 3 its bytes (printable ones as they are, others \xNN),
 * at level 4 also a hexdump (offset, 16 bytes, ASCII column). */
static void statico__vbody(statico__worker *w, statico__buf *b, const statico__conn *c, char dir, const char *p,
                           size_t n, uint64_t total)
{
    char line[128];
    size_t i, k;
    snprintf(line, sizeof line, "body: %llu bytes%s", (unsigned long long)total, total > n ? " (shown: the first ones)" : "");
    statico__vline(w, b, c, dir, STATICO__ANSI_DIM, line, strlen(line));
    if (!n) return;
    {
        statico__buf t = {NULL, 0, 0};
        for (i = 0; i < n; i++) {
            unsigned char ch = (unsigned char)p[i];
            if (ch >= 0x20 && ch < 0x7f && ch != '\\') {
                statico__buf_add(&t, &p[i], 1);
            } else {
                char hx[8];
                snprintf(hx, sizeof hx, "\\x%02x", ch);
                statico__buf_add(&t, hx, 4);
            }
        }
        statico__vline(w, b, c, dir, "", t.p, t.n);
        statico__buf_free(&t);
    }
    if (w->srv->cfg.verbose < 4) return;
    for (i = 0; i < n; i += 16) {
        size_t o = (size_t)snprintf(line, sizeof line, "%08zx  ", i);
        for (k = 0; k < 16; k++) {
            if (i + k < n) o += (size_t)snprintf(line + o, sizeof line - o, "%02x ", (unsigned char)p[i + k]);
            else o += (size_t)snprintf(line + o, sizeof line - o, "   ");
            if (k == 7) line[o++] = ' ';
        }
        line[o++] = ' ';
        line[o++] = '|';
        for (k = 0; k < 16 && i + k < n; k++) {
            unsigned char ch = (unsigned char)p[i + k];
            line[o++] = ch >= 0x20 && ch < 0x7f ? (char)ch : '.';
        }
        line[o++] = '|';
        statico__vline(w, b, c, dir, STATICO__ANSI_DIM, line, o);
    }
}

/* The request part of an exchange, kept until its response. */
static void statico__vlog_request(statico__worker *w, statico__conn *c, const statico_request *rq, const char *buf)
{
    statico__stash *x = statico__stash_get(w, c);
    const statico_span *m = &rq->method;
    unsigned i;
    if (!x) return;
    x->vlog.n = 0;
    x->vbody.n = 0;
    x->vlogged = 1;
    statico__vline(w, &x->vlog, c, '>', STATICO__ANSI_REQ, buf + m->off,
                   (size_t)((const char *)memchr(buf + rq->target.off, '\r', 16 + (size_t)rq->target.len) - buf - m->off));
    if (w->srv->cfg.verbose < 2) return;
    for (i = 0; i < rq->header_count; i++) {
        const statico_header *h = &rq->headers[i];
        statico__buf *t = &w->vtmp;
        t->n = 0;
        statico__buf_add(t, buf + h->name.off, h->name.len);
        statico__buf_add(t, ": ", 2);
        statico__buf_add(t, buf + h->value.off, h->value.len);
        statico__vline(w, &x->vlog, c, '>', "", t->p, t->n);
    }
}

/* Request body bytes, kept (up to max_body) for level 3 and up. */
static void statico__vlog_body(statico__worker *w, statico__conn *c, const char *p, size_t n)
{
    uint64_t max_body = w->srv->cfg.max_body;
    statico__stash *x = c->stash;
    if (!x || !x->vlogged || w->srv->cfg.verbose < 3) return;
    if (x->vbody.n + n > max_body) n = (size_t)(max_body - x->vbody.n);
    statico__buf_add(&x->vbody, p, n);
}

/* The response part, then the whole exchange out in one call. */
static void statico__vlog_response(statico__worker *w, statico__conn *c, int which, int variant)
{
    const statico_config *cfg = &w->srv->cfg;
    const statico__enc *e = &w->enc[which];
    const char *h = e->buf[variant], *end = h + e->head_len[variant], *nl;
    statico__stash *x = statico__stash_get(w, c);
    statico__buf *b;
    int first = 1;
    if (!x) return;
    b = &x->vlog;
    if (x->vlogged == 1 && cfg->verbose >= 3 && (x->vbody.n || c->body_seen)) {
        statico__vbody(w, b, c, '>', x->vbody.p, x->vbody.n, c->body_seen);
    }
    if (STATICO__UNLIKELY(e->fault)) { /* said first; those that send no response say only that */
        static const char *const names[] = {"", "close", "reset", "stall", "truncate", "raw", "dribble", "rate",
                                            "dropped"};
        char t[40];
        int n = snprintf(t, sizeof t, "(fault: %s)", names[e->fault]);
        statico__vline(w, b, c, '<', STATICO__ANSI_RES, t, (size_t)n);
        if (e->fault != STATICO_FAULT_TRUNCATE && e->fault != STATICO_FAULT_DRIBBLE && e->fault != STATICO_FAULT_RATE)
            h = end = NULL, variant |= STATICO__V_HEAD;
    }
    while (h < end && (nl = (const char *)memchr(h, '\r', (size_t)(end - h))) != NULL && nl != h) {
        if (first && (c->flags & STATICO__F_H2)) { /* "HTTP/2 200", and no Connection header */
            char t[16];
            statico__vline(w, b, c, '<', STATICO__ANSI_RES, t, (size_t)snprintf(t, sizeof t, "HTTP/2 %d", e->status));
        } else if ((first || cfg->verbose >= 2)
                   && !((c->flags & STATICO__F_H2) && nl - h >= 11 && statico__ieq(h, "connection:", 11))) {
            statico__vline(w, b, c, '<', first ? STATICO__ANSI_RES : "", h, (size_t)(nl - h));
        }
        first = 0;
        h = nl + 2;
    }
    if (cfg->verbose >= 3 && !(variant & STATICO__V_HEAD)) {
        const char *bp = e->body ? e->body : e->buf[variant] + e->head_len[variant];
        size_t bl = e->body ? e->body_len : e->len[variant] - e->head_len[variant];
        statico__vbody(w, b, c, '<', bp, bl, bl);
    }
    if (cfg->verbose_log) cfg->verbose_log(cfg->log_user, b->p, b->n);
    else if (cfg->log) {
        statico__buf_add(b, "", 1);
        b->p[b->n - 2] = 0; /* the last newline */
        cfg->log(cfg->log_user, b->p);
    }
    b->n = 0;
    x->vbody.n = 0;
    x->vlogged = 0;
    c->body_seen = 0;
}

/* The journal's writer, on the worker. An entry starts with the head
 * (journal_head), takes body bytes (journal_body) and is published with its
 * response (journal_reply): a seq from the server's counter, then an even
 * ver. A request that fails before its head parsed gets an entry at its
 * response. Bytes are stored a word at a time (relaxed atomics): readers
 * copy words while the worker writes. */
static void statico__jput(char *base, size_t off, const char *src, size_t n)
{
    uint64_t *at = (uint64_t *)(void *)(base + (off & ~(size_t)7)), word, w2[4];
    size_t k = off & 7, whole = n; /* src[-(whole - n) .. n) is readable */
    if (k && n) { /* a word partly written already: merge */
        size_t take = 8 - k < n ? 8 - k : n;
        word = STATICO__JGET(*at);
        memcpy((char *)&word + k, src, take);
        STATICO__JSET(*at, word);
        at++;
        src += take;
        n -= take;
    }
    for (; n >= 32; n -= 32, src += 32, at += 4) { /* four words a turn: the stores cannot be merged */
        memcpy(w2, src, 32);
        STATICO__JSET(at[0], w2[0]);
        STATICO__JSET(at[1], w2[1]);
        STATICO__JSET(at[2], w2[2]);
        STATICO__JSET(at[3], w2[3]);
    }
    for (; n >= 8; n -= 8, src += 8, at++) {
        memcpy(&word, src, 8);
        STATICO__JSET(*at, word);
    }
    if (!n) return;
    if (whole >= 8) { /* the last 8 bytes of src, shifted: no byte loop */
        memcpy(&word, src + n - 8, 8);
        word = STATICO__BIG_ENDIAN ? word << (8 * (8 - n)) : word >> (8 * (8 - n));
    } else {
        char b[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        for (k = 0; k < n; k++) b[k] = src[k];
        memcpy(&word, b, 8);
    }
    STATICO__JSET(*at, word); /* the bytes after n are not part of the entry yet */
}

/* A free entry for connection c, marked as being written (odd ver), with
 * room bytes (a multiple of 8) reserved at the log's end; a reservation
 * never wraps (the log's tail is skipped). An entry another connection is
 * still writing (a long upload) is passed over. NULL when every entry is
 * busy. The log's new position is stored before any byte of the
 * reservation (release fence): a reader that saw a new byte sees it. */
static STATICO__INLINE statico__jentry *statico__jstart(statico__worker *w, statico__conn *c, size_t room)
{
    uint32_t tries;
    for (tries = 0; tries < w->jcap; tries++) {
        uint32_t i = w->jnext;
        statico__jentry *e = &w->jring[i];
        uint64_t pos = w->jpos;
        w->jnext = i + 1 == w->jcap ? 0 : i + 1;
        uint32_t v = STATICO__JGET(e->ver);
        if (v & 1) continue;
        STATICO__JSET(e->ver, v + 1);
        if (w->joff + room > w->jlog) { /* skip the tail */
            pos += w->jlog - w->joff;
            w->joff = 0;
        }
        STATICO__JSET(w->jpos, pos + room);
#if defined(__GNUC__) || defined(__clang__)
        __atomic_thread_fence(__ATOMIC_RELEASE);
#endif
        STATICO__JSET(e->data, pos);
        STATICO__JSET(e->at, (uint64_t)w->joff);
        STATICO__JSET(e->room, (uint32_t)room);
        w->joff += room;
        STATICO__JSET(e->head_len, 0u);
        STATICO__JSET(e->body_len, 0u);
        STATICO__JSET(e->truncated, 0u);
        c->jslot = i + 1;
        return e;
    }
    STATICO__ADD(w->jlost, 1);
    return NULL;
}

/* Bytes of an entry's head or body, as many as fit; the rest is only
 * flagged. */
static void statico__jadd(statico__worker *w, statico__jentry *e, uint32_t *len_field, const char *p, size_t n)
{
    size_t used = STATICO__JGET(e->head_len) + STATICO__JGET(e->body_len), room = STATICO__JGET(e->room) - used;
    if (n > room) {
        n = room;
        STATICO__JSET(e->truncated, 1u);
    }
    if (w->jpos - STATICO__JGET(e->data) > w->jlog) return; /* the log came round over it (a long upload) */
    statico__jput(w->jdata + STATICO__JGET(e->at), used, p, n);
    STATICO__JSET(*len_field, STATICO__JGET(*len_field) + (uint32_t)n);
}

/* The head, and room for as much of the body as the head announces (a
 * chunked one: all that an entry keeps). */
static void statico__journal_head(statico__worker *w, statico__conn *c, const statico__exchange *ex)
{
    uint64_t room = ex->head_len;
    size_t n = ex->head_len;
    statico__jentry *e;
    if (STATICO__UNLIKELY(ex->flags & STATICO__X_BODY))
        room += ex->h1 && !(ex->h1->flags & STATICO_REQ_CHUNKED) ? ex->h1->content_length : w->jbytes;
    if (room > w->jbytes) room = w->jbytes;
    if (!(e = statico__jstart(w, c, (size_t)(room + 7) & ~(size_t)7))) return;
    if (n > room) {
        n = (size_t)room;
        STATICO__JSET(e->truncated, 1u);
    }
    STATICO__JSET(e->method_len, (uint32_t)ex->method_len);
    STATICO__JSET(e->target_off, ex->h1 ? (uint32_t)(ex->h1->target.off - ex->h1->method.off) : 0u);
    STATICO__JSET(e->target_len, ex->h1 ? (uint32_t)ex->h1->target.len : 0u);
    STATICO__JSET(e->version, ex->version);
    statico__jput(w->jdata + w->joff - STATICO__JGET(e->room), 0, ex->head, n); /* the reservation just made */
    STATICO__JSET(e->head_len, (uint32_t)n);
}

static void statico__journal_body(statico__worker *w, statico__conn *c, const char *p, size_t n)
{
    statico__jentry *e = &w->jring[c->jslot - 1];
    statico__jadd(w, e, &e->body_len, p, n);
}

/* The next seq of the server's one order. One worker is its only writer
 * and stores it plainly; several take it with an atomic add (a locked
 * instruction, which drains the store buffer: the journal's largest cost). */
static STATICO__INLINE uint64_t statico__jseq_next(statico_server *s)
{
    uint64_t n;
    if (s->nw == 1) {
        n = STATICO__JGET(s->jseq) + 1;
        STATICO__JSET(s->jseq, n);
        return n;
    }
    return STATICO__FETCH_ADD(s->jseq, (uint64_t)1) + 1;
}

static void statico__journal_reply(statico__worker *w, statico__conn *c, int which)
{
    statico_server *s = w->srv;
    statico__jentry *e = c->jslot ? &w->jring[c->jslot - 1] : statico__jstart(w, c, 0);
    if (!e) return;
    if (!STATICO__JGET(e->head_len)) { /* no head: a request that did not parse */
        STATICO__JSET(e->method_len, 0u);
        STATICO__JSET(e->target_off, 0u);
        STATICO__JSET(e->target_len, 0u);
        STATICO__JSET(e->version, 0);
    }
    STATICO__JSET(e->route, (int32_t)w->enc[which].route);
    STATICO__JSET(e->status, (int32_t)w->enc[which].status);
    STATICO__JSET(e->fault, (int32_t)w->enc[which].fault);
    STATICO__JSET(e->port, (int32_t)c->listener);
    STATICO__JSET(e->conn, (uint64_t)w->index << 32 | c->id);
    STATICO__JSET(e->time_us, w->now_us > s->t0_us ? w->now_us - s->t0_us : 0);
    STATICO__JSET(e->seq, statico__jseq_next(s));
#if defined(__GNUC__) || defined(__clang__)
    __atomic_store_n(&e->ver, e->ver + 1, __ATOMIC_RELEASE);
#else
    e->ver++;
#endif
    STATICO__ADD(w->jpub, 1);
    c->jslot = 0;
}

/* The connection closes with its request's entry unpublished: the entry
 * is given back, empty. */
static void statico__journal_drop(statico__worker *w, statico__conn *c)
{
    statico__jentry *e = &w->jring[c->jslot - 1];
    STATICO__JSET(e->seq, (uint64_t)0);
#if defined(__GNUC__) || defined(__clang__)
    __atomic_store_n(&e->ver, e->ver + 1, __ATOMIC_RELEASE);
#else
    e->ver++;
#endif
    c->jslot = 0;
}

/* The seam: each event goes to the per-port counters and, when on, to
 * the journal and verbose logging. Counters are bumped before the bytes are queued, so a
 * client that has its response is always counted. */
static STATICO__INLINE void statico__observe_head(statico__worker *w, statico__conn *c, const statico__exchange *ex)
{
    STATICO__ADD(w->port_counters[c->listener].requests, 1);
    if (w->jring) statico__journal_head(w, c, ex);
    if (STATICO__UNLIKELY(w->srv->cfg.verbose)) statico__vlog_request(w, c, ex->h1, ex->h1_buf);
}

static void statico__observe_body(statico__worker *w, statico__conn *c, const char *p, size_t n)
{
    if (STATICO__UNLIKELY(c->pending < 0)) statico__match_body(w, c, p, n);
    if (c->jslot) statico__journal_body(w, c, p, n);
    if (STATICO__UNLIKELY(w->srv->cfg.verbose >= 3)) statico__vlog_body(w, c, p, n);
}

static STATICO__INLINE void statico__observe_reply(statico__worker *w, statico__conn *c, int which, int variant)
{
    int route = w->enc[which].route;
    size_t rc = w->srv->cfg.route_count;
    STATICO__ADD(w->port_counters[c->listener].responses, 1);
    if (route != STATICO_ROUTE_ANY) {
        size_t i = route >= 0 ? (size_t)route : rc;
        STATICO__ADD(w->route_counts[i], 1);
    }
    STATICO__ADD(w->route_counts[rc + 1], 1);
    w->counted = 1;
    if (w->jring) statico__journal_reply(w, c, which);
    if (STATICO__UNLIKELY(w->srv->cfg.verbose)) statico__vlog_response(w, c, which, variant);
}

/* An error reply follows at once (observe_reply); verbose logs it after
 * its request, or after "(invalid request)" when the head never parsed. */
static void statico__observe_error(statico__worker *w, statico__conn *c, int status)
{
    statico__stash *x;
    (void)status; /* the reply's status line says it */
    if (STATICO__LIKELY(!w->srv->cfg.verbose) || !(x = statico__stash_get(w, c)) || x->vlogged) return;
    x->vlog.n = 0;
    x->vbody.n = 0;
    statico__vline(w, &x->vlog, c, '>', STATICO__ANSI_REQ, "(invalid request)", 17);
    x->vlogged = 2;
}

/* The connection ends: a request logged without its response goes. */
static void statico__observe_close(statico__worker *w, statico__conn *c)
{
    if (c->jslot) statico__journal_drop(w, c);
    if (c->stash) c->stash->vlogged = 0;
}

// >>output
/* The output queue every backend shares: what a send did not take waits
 * in the connection as segments (copies, or references to shared bodies),
 * sent in order. */

/* Forget the unsent output (freeing the blocks segments own). */
/* A segment is done with: its block freed, or its encoding unpinned. */
static void statico__seg_done(statico__worker *w, statico__seg *s)
{
    if (s->own) STATICO_FREE(s->own);
    else if (s->p && s->off >= STATICO__REF_SLOT) w->enc[s->off - STATICO__REF_SLOT].pins--;
    s->own = NULL;
    s->p = NULL;
}

/* Room for more segments: the array doubles. 0, or -1 out of memory. */
static int statico__out_grow(statico__stash *x)
{
    uint32_t nc = x->out_cap ? x->out_cap * 2 : 8;
    statico__seg *ns = (statico__seg *)STATICO_REALLOC(x->out, nc * sizeof *ns);
    if (!ns) return -1;
    x->out = ns;
    x->out_cap = nc;
    return 0;
}

/* Forget the unsent output. */
static void statico__out_clear(statico__worker *w, statico__stash *x)
{
    uint32_t k;
    for (k = x->out_i; k < x->out_n; k++) statico__seg_done(w, &x->out[k]);
    x->out_n = x->out_i = 0;
    x->owed = 0;
    x->sending = 0;
    x->copy.n = 0;
}

/* n bytes of the output went out: its segments are done with, and the
 * blocks they own are freed at once, so a queue that never empties (a
 * client pipelining as fast as it reads) does not keep what it sent. */
static void statico__out_sent(statico__worker *w, statico__stash *x, size_t n)
{
    x->owed -= n;
    while (n > 0 && x->out_i < x->out_n) {
        statico__seg *s = &x->out[x->out_i];
        if (n >= s->len) {
            n -= s->len;
            statico__seg_done(w, s);
            x->out_i++;
        } else {
            if (s->p) s->p += n;
            else s->off += n;
            s->len -= n;
            n = 0;
        }
    }
}

#if STATICO__URING
/* io_uring: the unsent end of an arena send goes first in the queue (what
 * was queued while it was in flight comes after), in a block of its own.
 * 0, or -1 out of memory. */
static int statico__out_front(statico__worker *w, statico__conn *c, const char *p, size_t len)
{
    statico__stash *x = statico__stash_get(w, c);
    statico__seg *s;
    char *own;
    if (!x || !(own = (char *)STATICO_MALLOC(len))) return -1;
    if (!x->out_i && x->out_n == x->out_cap && statico__out_grow(x)) return STATICO_FREE(own), -1;
    if (x->out_i) {
        x->out_i--;
    } else {
        memmove(x->out + 1, x->out, x->out_n * sizeof *x->out);
        x->out_n++;
    }
    s = &x->out[x->out_i];
    memcpy(own, p, len);
    s->p = s->own = own;
    s->off = s->len = len;
    x->owed += len;
    return 0;
}
#endif

/* A queued segment that goes out with sendfile: part of a body kept in a
 * memfd (statico__enc_file). Its descriptor, with the offset in *at; or
 * -1. */
static int statico__seg_file(const statico__worker *w, const statico__seg *s, off_t *at)
{
    const statico__enc *e;
    if (!s->p || s->own || s->off < STATICO__REF_SLOT) return -1;
    e = &w->enc[s->off - STATICO__REF_SLOT];
    if (!e->bodyfd || s->p < e->body || s->p >= e->body + e->body_len) return -1;
    *at = (off_t)(s->p - e->body);
    return e->bodyfd - 1;
}

/* Send the front segment from its memfd, as much as the socket takes: the
 * bytes sent, or -1 with errno. */
static ssize_t statico__send_file(statico__worker *w, statico__conn *c, int fd, off_t at, size_t len)
{
#if STATICO__LINUX
    ssize_t r = sendfile(c->fd, fd, &at, len > ((size_t)1 << 30) ? ((size_t)1 << 30) : len);
    if (r > 0) STATICO__ADD(w->port_counters[c->listener].file_bytes, r);
    return r;
#else
    (void)w, (void)c, (void)fd, (void)at, (void)len;
    return errno = ENOSYS, -1;
#endif
}

/* The queue from its front as iovecs, at most max; a shared body segment
 * of split bytes or more ends them unless it is the first (io_uring sends
 * it on its own with SEND_ZC). How many. */
static int statico__out_iov(const statico__stash *x, struct iovec *iov, int max, size_t split)
{
    uint32_t k;
    int n = 0;
    for (k = x->out_i; k < x->out_n && n < max; k++, n++) {
        const statico__seg *g = &x->out[k];
        if (n && g->p && !g->own && g->len >= split) break;
        iov[n].iov_base = (void *)(uintptr_t)(g->p ? g->p : x->copy.p + g->off);
        iov[n].iov_len = g->len;
    }
    return n;
}

/* Append len bytes to the last segment where its bytes are ours and can
 * grow in place: the end of the copy buffer, or a block of its own (its
 * capacity in off). Nothing moves while a send in flight (io_uring) may
 * read it: then the copy buffer and an in-flight block only take what fits.
 * 1 when appended, 0 when not, -1 out of memory. */
static int statico__seg_append(statico__stash *x, int in_flight, const char *p, size_t len)
{
    statico__seg *s;
    if (x->out_n <= x->out_i) return 0;
    s = &x->out[x->out_n - 1];
    if (!s->p && s->off + s->len == x->copy.n) {
        if (in_flight && x->copy.n + len > x->copy.cap) return 0;
        if (statico__buf_grow_add(&x->copy, p, len, 4096)) return -1;
    } else if (s->own) {
        size_t used = (size_t)(s->p - s->own) + s->len, cap = s->off;
        if (used + len > cap) {
            char *no;
            if (in_flight && x->out_n - x->out_i <= x->sending) return 0; /* the send reads it */
            while (cap < used + len) cap *= 2;
            if (!(no = (char *)STATICO_REALLOC(s->own, cap))) return -1;
            s->p = no + (s->p - s->own);
            s->own = no;
            s->off = cap;
        }
        memcpy(s->own + used, p, len);
    } else {
        return 0;
    }
    s->len += len;
    return 1;
}

/* Keep what writev did not send: copy the bytes that may change, refer to
 * the ones that never do (shared bodies). While a send is in flight on
 * io_uring, copies go to a block of their own that grows until it is sent
 * (two blocks at most: the one in flight and the next). */
static int statico__save_output(statico__worker *w, statico__conn *c, size_t sent)
{
    statico__stash *x = statico__stash_get(w, c);
    int i, in_flight = w->ur && c->writing;
    if (!x) return -1;
    for (i = 0; i < w->niov; i++) {
        const char *p = (const char *)w->iov[i].iov_base;
        size_t len = w->iov[i].iov_len;
        statico__seg *s;
        int r;
        if (sent >= len) {
            sent -= len;
            continue;
        }
        p += sent;
        len -= sent;
        sent = 0;
        x->owed += len;
        if (!w->iov_ref[i] && (r = statico__seg_append(x, in_flight, p, len)) != 0) {
            if (r < 0) return -1;
            continue; /* one segment, one iovec */
        }
        if (x->out_n == x->out_cap && x->out_i) { /* the sent front makes room (a send in flight reads no segment) */
            memmove(x->out, x->out + x->out_i, (x->out_n - x->out_i) * sizeof *x->out);
            x->out_n -= x->out_i;
            x->out_i = 0;
        }
        if (x->out_n == x->out_cap && statico__out_grow(x)) return -1;
        s = &x->out[x->out_n++];
        s->len = len;
        s->own = NULL;
        if (w->iov_ref[i]) {
            s->p = p;
            s->off = w->iov_ref[i];
            if (s->off >= STATICO__REF_SLOT) w->enc[s->off - STATICO__REF_SLOT].pins++;
        } else if (in_flight && x->copy.n + len > x->copy.cap) {
            size_t cap = len > 4096 ? len : 4096;
            if (!(s->own = (char *)STATICO_MALLOC(cap))) return -1;
            memcpy(s->own, p, len);
            s->p = s->own;
            s->off = cap;
        } else {
            s->p = NULL;
            s->off = x->copy.n;
            if (statico__buf_grow_add(&x->copy, p, len, 4096)) return -1;
        }
    }
    return 0;
}


/* Engine tests: the connection's queue, then the batch, go to a buffer. */
static int statico__flush_sink(statico__worker *w, statico__conn *c)
{
    statico__stash *x = c->stash;
    int i;
    while (x && x->out_i < x->out_n) {
        struct iovec iov[64];
        int n = statico__out_iov(x, iov, 64, SIZE_MAX);
        for (i = 0; i < n; i++) {
            if (statico__buf_grow_add(&w->sink, iov[i].iov_base, iov[i].iov_len, 4096)) return -1;
            statico__out_sent(w, x, iov[i].iov_len);
        }
    }
    if (x) statico__out_clear(w, x);
    for (i = 0; i < w->niov; i++)
        if (statico__buf_grow_add(&w->sink, w->iov[i].iov_base, w->iov[i].iov_len, 4096)) return -1;
    w->niov = 0;
    w->iov_bytes = 0;
    w->iov_file = 0;
    return 0;
}

// >>backend
/* The backend contract. A backend moves bytes and nothing else: the engine
 * decides what a connection needs, and a backend does it. Each backend
 * (epoll, poll, io_uring) provides these operations, and shared code calls
 * them only through the dispatch functions below, one switch each:
 *   register(c)      watch a new connection's input
 *   want_write(c,on) readiness backends: wait until the socket takes more
 *                    output (on), or go back to input (off, unless reading
 *                    is paused); io_uring has completions instead
 *   read_pause(c,p)  stop or resume reading (the engine's want_read)
 *   send(c)          send the connection's output queue in order; what the
 *                    socket does not take stays queued until it does
 *   close_fd(c)      stop watching and close the descriptor; buffers a send
 *                    in flight reads are kept until it completes
 *   listen(p)        stop or resume accepting (EMFILE, the drain)
 *   loop()           wait for events or the engine's next deadline, tick
 *                    the clock, hand events to the shared handlers (accept,
 *                    read, write), expire timers; return when the drain ends
 * Set-up is statico__worker_sockets (epoll, poll) or statico__uring_init;
 * the descriptors go in statico__free_server, the ring in
 * statico__uring_free. What backends share around the engine (input,
 * accepts, expiry, the drain) follows the dispatch. */
#if STATICO__LINUX
static void statico__epoll_register(statico__worker *w, statico__conn *c);
static void statico__epoll_want_write(statico__worker *w, statico__conn *c, int out);
static void statico__epoll_close_fd(statico__worker *w, statico__conn *c);
static void statico__epoll_listen(statico__worker *w, int pause);
static void statico__epoll_loop(statico__worker *w);
#endif
static void statico__poll_register(statico__worker *w, statico__conn *c);
static void statico__poll_want_write(statico__worker *w, statico__conn *c, int out);
static void statico__poll_close_fd(statico__worker *w, statico__conn *c);
static void statico__poll_listen(statico__worker *w, int pause);
static void statico__poll_loop(statico__worker *w);
#if STATICO__URING
static void statico__uring_recv(statico__worker *w, statico__conn *c);
static void statico__uring_read_pause(statico__worker *w, statico__conn *c, int pause);
static int statico__uring_send(statico__worker *w, statico__conn *c);
static int statico__uring_send_batch(statico__worker *w, statico__conn *c);
static int statico__uring_hold(statico__worker *w, statico__conn *c);
static void statico__uring_close_fd(statico__worker *w, statico__conn *c);
static void statico__uring_listen(statico__worker *w, int pause);
static void statico__uring_loop(statico__worker *w);
#endif
static int statico__send_queue(statico__worker *w, statico__conn *c);
static int statico__send_batch(statico__worker *w, statico__conn *c);
static int statico__flush_sink(statico__worker *w, statico__conn *c);

static void statico__register(statico__worker *w, statico__conn *c)
{
    switch (w->backend) {
#if STATICO__URING
    case STATICO_BACKEND_IO_URING: statico__uring_recv(w, c); break;
#endif
#if STATICO__LINUX
    case STATICO_BACKEND_EPOLL: statico__epoll_register(w, c); break;
#endif
    default: statico__poll_register(w, c); break;
    }
}

static void statico__want_write(statico__worker *w, statico__conn *c, int out)
{
    switch (w->backend) {
#if STATICO__URING
    case STATICO_BACKEND_IO_URING: break; /* completions, not readiness */
#endif
#if STATICO__LINUX
    case STATICO_BACKEND_EPOLL: statico__epoll_want_write(w, c, out); break;
#endif
    default: statico__poll_want_write(w, c, out); break;
    }
}

/* Readiness backends drop or take back the read interest (a connection
 * waiting to write has none anyway); io_uring ends the multishot recv, or
 * arms a new one. */
static void statico__read_pause(statico__worker *w, statico__conn *c, int pause)
{
    if (w->sink_on || c->fd < 0) return;
    switch (w->backend) {
#if STATICO__URING
    case STATICO_BACKEND_IO_URING: statico__uring_read_pause(w, c, pause); break;
#endif
    default: /* the interest follows c->flags */
        (void)pause;
        if (!c->writing) statico__want_write(w, c, 0);
        break;
    }
}

static void statico__close_fd(statico__worker *w, statico__conn *c)
{
    switch (w->backend) {
#if STATICO__URING
    case STATICO_BACKEND_IO_URING: statico__uring_close_fd(w, c); break;
#endif
#if STATICO__LINUX
    case STATICO_BACKEND_EPOLL: statico__epoll_close_fd(w, c); break;
#endif
    default: statico__poll_close_fd(w, c); break;
    }
}

static void statico__pause_listeners(statico__worker *w, int pause)
{
    if (w->listening == !pause) return;
    w->listening = !pause;
    switch (w->backend) {
#if STATICO__URING
    case STATICO_BACKEND_IO_URING: statico__uring_listen(w, pause); break;
#endif
#if STATICO__LINUX
    case STATICO_BACKEND_EPOLL: statico__epoll_listen(w, pause); break;
#endif
    default: statico__poll_listen(w, pause); break;
    }
}

/* After the engine was fed: what it queued goes out. On epoll and poll a
 * batch with nothing queued before it goes straight to the socket;
 * otherwise all of it goes through the connection's queue, in order, and
 * the backend sends the queue. 0, or -1 when the connection is gone. */
static int statico__flush(statico__worker *w, statico__conn *c)
{
    int queued = c->stash && c->stash->out_i < c->stash->out_n; /* spilled by the engine, or waiting */
    if (!w->niov && (!queued || c->writing)) return 0;
    if (w->sink_on) return statico__flush_sink(w, c);
    if (!queued && !w->iov_file && w->backend != STATICO_BACKEND_IO_URING) return statico__send_batch(w, c);
#if STATICO__URING
    if (w->backend == STATICO_BACKEND_IO_URING) {
        int held = STATICO__UNLIKELY(w->hold) ? statico__uring_hold(w, c) : 0;
        if (held) return held < 0 ? -1 : 0;
        c->ring &= (uint8_t)~(STATICO__RING_HELD | STATICO__RING_HELD_NOW); /* (the rest came: all of it goes) */
        if (!queued && !c->writing && statico__uring_send_batch(w, c)) return 0;
    }
#endif
    if (statico__spill(w, c)) return -1;
    if (c->writing) return 0; /* the socket's turn comes (writable, or the send in flight) */
    switch (w->backend) {
#if STATICO__URING
    case STATICO_BACKEND_IO_URING: return statico__uring_send(w, c) < 0 ? -1 : 0;
#endif
    default: return statico__send_queue(w, c);
    }
}

static void statico__run_loop(statico__worker *w)
{
    switch (w->backend) {
#if STATICO__URING
    case STATICO_BACKEND_IO_URING: statico__uring_loop(w); break;
#endif
#if STATICO__LINUX
    case STATICO_BACKEND_EPOLL: statico__epoll_loop(w); break;
#endif
    default: statico__poll_loop(w); break;
    }
}

#ifdef MSG_NOSIGNAL
#define STATICO__MSG_NOSIGNAL MSG_NOSIGNAL
#else
#define STATICO__MSG_NOSIGNAL 0
#endif
#ifdef MSG_MORE
#define STATICO__MSG_MORE MSG_MORE
#else
#define STATICO__MSG_MORE 0
#endif

/* flags: 0, or STATICO__MSG_MORE before a body's sendfile (the head then
 * leaves with the body's first segment, not alone, which the peer would
 * acknowledge late and Nagle would hold the body's tail for). */
static ssize_t statico__sendv(int fd, struct iovec *iov, int n, int flags)
{
    struct msghdr m;
    if (n == 1) /* the common case; send() costs the kernel less than sendmsg() */
        return send(fd, iov->iov_base, iov->iov_len, STATICO__MSG_NOSIGNAL | flags);
    memset(&m, 0, sizeof m);
    m.msg_iov = iov;
    m.msg_iovlen = (size_t)n;
    return sendmsg(fd, &m, STATICO__MSG_NOSIGNAL | flags);
}

/* STATICO__MSG_MORE when the queue's segment k goes out with sendfile. */
static int statico__more_before(const statico__worker *w, const statico__stash *x, uint32_t k)
{
    off_t at;
    return k < x->out_n && statico__seg_file(w, &x->out[k], &at) >= 0 ? STATICO__MSG_MORE : 0;
}

/* The socket became writable: send what waits. 0 when all is sent. */
static int statico__write_pending(statico__worker *w, statico__conn *c)
{
    statico__stash *x = c->stash;
    while (x && x->out_i < x->out_n) {
        struct iovec iov[64];
        off_t at;
        int fd = statico__seg_file(w, &x->out[x->out_i], &at), n;
        ssize_t r;
        if (fd >= 0) {
            r = statico__send_file(w, c, fd, at, x->out[x->out_i].len);
        } else {
            n = statico__out_iov(x, iov, 64, w->file_min);
            r = statico__sendv(c->fd, iov, n, statico__more_before(w, x, x->out_i + (uint32_t)n));
        }
        if (r < 0 && errno == EINTR) continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 1;
        if (r < 0) return -1;
        STATICO__ADD(w->port_counters[c->listener].response_bytes, r);
        statico__out_sent(w, x, (size_t)r);
        statico__timer_set(w, c, STATICO__T_IDLE);
    }
    if (x) statico__out_clear(w, x);
    c->writing = 0;
    return 0;
}

/* epoll and poll: the socket is full, the rest waits for it to be
 * writable (a client that never reads is closed when idle). */
static void statico__wait_writable(statico__worker *w, statico__conn *c)
{
    c->writing = 1;
    statico__want_write(w, c, 1);
    statico__timer_set(w, c, STATICO__T_IDLE);
}

/* epoll and poll send: the connection's queue. */
static int statico__send_queue(statico__worker *w, statico__conn *c)
{
    int r = statico__write_pending(w, c);
    if (r > 0) statico__wait_writable(w, c);
    return r < 0 ? -1 : 0;
}

/* epoll and poll, nothing queued: the batch goes straight to the socket
 * (the usual case: one send per read), and only what it does not take is
 * kept. */
static int statico__send_batch(statico__worker *w, statico__conn *c)
{
    while (w->niov) {
        ssize_t n = statico__sendv(c->fd, w->iov, w->niov, 0);
        size_t k;
        int j = 0;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (n < 0) {
            w->niov = 0;
            w->iov_bytes = 0;
            return -1;
        }
        STATICO__ADD(w->port_counters[c->listener].response_bytes, n);
        /* drop what was sent; the loop goes on with the rest */
        k = (size_t)n;
        while (j < w->niov && k >= w->iov[j].iov_len) k -= w->iov[j++].iov_len;
        if (j < w->niov && k) {
            w->iov[j].iov_base = (char *)w->iov[j].iov_base + k;
            w->iov[j].iov_len -= k;
        }
        if (j) {
            memmove(w->iov, w->iov + j, (size_t)(w->niov - j) * sizeof w->iov[0]);
            memmove(w->iov_ref, w->iov_ref + j, (size_t)(w->niov - j) * sizeof w->iov_ref[0]);
            w->niov -= j;
        }
    }
    if (w->niov) { /* the socket is full: keep the rest */
        if (statico__spill(w, c)) return -1;
        statico__wait_writable(w, c);
        return 0;
    }
    w->iov_bytes = 0;
    return 0;
}

/* Close a connection: its timer, descriptor (by its backend), slot and
 * stash go; a new generation makes late events of the old one stale. */
static void statico__close(statico__worker *w, statico__conn *c)
{
    uint32_t i = (uint32_t)(c - w->conns);
    if (c->fd < 0) return;
    statico__timer_clear(w, c);
    statico__observe_close(w, c);
    if (STATICO__UNLIKELY(c->flags & STATICO__F_RESET)) { /* a reset fault: RST, not FIN */
        struct linger l;
        l.l_onoff = 1;
        l.l_linger = 0;
        setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    if (c->flags & STATICO__F_H2) statico__h2_free(w, c);
    statico__close_fd(w, c);
    c->writing = 0;
    c->fd = -1;
    c->gen++;
    statico__stash_drop(w, c);
    c->tnext = w->free_list; /* the free list reuses tnext */
    w->free_list = i + 1;
    w->nconn--;
}

/* Pause or resume reading as statico__want_read says. A connection that
 * holds nothing and has no flag is read: the usual case costs one test. */
static STATICO__INLINE void statico__reading(statico__worker *w, statico__conn *c)
{
    int want;
    if (STATICO__LIKELY(!c->stash && !c->flags)) return;
    want = statico__want_read(c);
    if (want == !(c->flags & STATICO__F_PAUSED)) return;
    c->flags = (uint8_t)(want ? c->flags & ~STATICO__F_PAUSED : c->flags | STATICO__F_PAUSED);
    statico__read_pause(w, c, !want);
}

/* The engine's answer but for the usual one: close, half-close, or read
 * as statico__want_read says. */
static STATICO__NOINLINE void statico__do_other(statico__worker *w, statico__conn *c, int next)
{
    if (next == STATICO__DO_CLOSE) {
        statico__close(w, c);
        return;
    }
    if (next == STATICO__DO_LINGER) shutdown(c->fd, SHUT_WR);
    statico__reading(w, c);
}

/* Do what the engine answered (STATICO__DO_*): send and ask again, then
 * close, half-close, or read on. The usual answer (read on, nothing held)
 * costs two tests here. */
static STATICO__INLINE void statico__do(statico__worker *w, statico__conn *c, int next)
{
    if (next == STATICO__DO_WRITE) next = statico__flush(w, c) ? STATICO__DO_CLOSE : statico__next(w, c);
    w->last_next = next;
    if (STATICO__LIKELY(next == STATICO__DO_READ && !c->stash && !c->flags)) return;
    statico__do_other(w, c, next);
}

/* Input, in two steps around a backend's read: statico__input_at says
 * where the new bytes go, statico__input_feed feeds the engine with them
 * (after the kept partial head, if any), keeps what is left of an
 * incomplete head, and does what the engine answers next (send, then
 * read on, linger or close); it returns -1 when the connection was closed. */
static int statico__input_feed(statico__worker *w, statico__conn *c, const char *buf, size_t kept, size_t n)
{
    size_t have = kept + n, used;
    STATICO__ADD(w->port_counters[c->listener].request_bytes, n);
    if (STATICO__UNLIKELY(c->flags & STATICO__F_H2)) used = c->state == STATICO__CS_H2 ? statico__h2_feed(w, c, buf, have) : have;
    else used = statico__feed(w, c, buf, have, kept ? &c->stash->req : NULL);
    if (used < have) { /* keep the partial head (at most max_head bytes) */
        statico__stash *x = statico__stash_get(w, c);
        size_t left = have - used;
        if (!x) {
            statico__close(w, c);
            return -1;
        }
        if (left > x->in_cap) {
            char *nb = (char *)STATICO_REALLOC(x->in, left);
            if (!nb) {
                statico__close(w, c);
                return -1;
            }
            x->in = nb;
            x->in_cap = (uint32_t)left;
        }
        memmove(x->in, buf + used, left);
        x->in_len = (uint32_t)left;
    } else if (c->stash) {
        c->stash->in_len = 0;
    }
    statico__do(w, c, STATICO__DO_WRITE);
    return c->fd < 0 && !w->sink_on ? -1 : 0;
}

/* With a partial head kept, new bytes go right after it in the
 * connection's own buffer (room for a whole head and more), so a client
 * that sends a byte at a time costs O(n), not a copy of the head per read. */
static char *statico__kept_room(statico__worker *w, statico__stash *x, size_t *room)
{
    size_t want = (size_t)w->srv->cfg.max_head + 16384;
    if (x->in_cap < want) {
        char *nb = (char *)STATICO_REALLOC(x->in, want);
        if (!nb) return NULL;
        x->in = nb;
        x->in_cap = (uint32_t)want;
    }
    *room = x->in_cap - x->in_len;
    return x->in + x->in_len;
}

/* Where a read puts new bytes (*room of them at most): after a kept partial
 * head, else at the start of the worker's buffer. *base and *kept are what
 * statico__input_feed then gets. NULL when out of memory. */
static char *statico__input_at(statico__worker *w, statico__conn *c, const char **base, size_t *kept, size_t *room)
{
    if (c->stash && c->stash->in_len) {
        char *at = statico__kept_room(w, c->stash, room); /* may move the buffer: base after it */
        *base = c->stash->in;
        *kept = c->stash->in_len;
        return at;
    }
    *base = w->rbuf;
    *kept = 0;
    *room = w->rcap;
    return w->rbuf;
}

#if STATICO__URING
/* Bytes that arrived somewhere else (a provided buffer): fed in place
 * unless a partial head waits, then after it in the worker's buffer. */
static int statico__input_data(statico__worker *w, statico__conn *c, const char *data, size_t n)
{
    if (c->stash && c->stash->in_len) {
        statico__stash *x = c->stash;
        while (n) { /* after the kept head, in pieces of the room there is */
            size_t room, take;
            char *at = statico__kept_room(w, x, &room);
            if (!at || !room) {
                statico__close(w, c);
                return -1;
            }
            take = n < room ? n : room;
            memcpy(at, data, take);
            data += take;
            n -= take;
            if (statico__input_feed(w, c, x->in, x->in_len, take)) return -1;
            if (c->stash != x || !x->in_len) return statico__input_data(w, c, data, n); /* the head is done */
        }
        return 0;
    }
    return statico__input_feed(w, c, data, 0, n);
}
#endif

/* Readable: read, feed the engine, send. */
static void statico__on_read(statico__worker *w, statico__conn *c)
{
    int rounds;
    for (rounds = 0; rounds < 4 && c->fd >= 0; rounds++) {
        size_t kept, space;
        const char *base;
        char *at;
        ssize_t n;
        if (c->flags & STATICO__F_PAUSED) { /* not read: an error or a hang-up woke it */
            statico__close(w, c);
            return;
        }
        if (c->state >= STATICO__CS_LINGER) { /* discard */
            n = recv(c->fd, w->rbuf, w->rcap, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) statico__close(w, c);
            return;
        }
        if (!(at = statico__input_at(w, c, &base, &kept, &space))) {
            statico__close(w, c);
            return;
        }
        n = recv(c->fd, at, space, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return;
            statico__close(w, c);
            return;
        }
        if (n == 0) { /* the peer is done sending */
            statico__do(w, c, statico__next_eof(w, c));
            return;
        }
        if (statico__input_feed(w, c, base, kept, (size_t)n)) return;
        if (c->fd < 0 || c->writing || c->state >= STATICO__CS_CLOSING || (c->flags & STATICO__F_PAUSED)) return;
        if ((size_t)n < space) return; /* the socket is drained */
    }
}

static void statico__on_write(statico__worker *w, statico__conn *c)
{
    int r = statico__write_pending(w, c);
    if (r < 0) {
        statico__close(w, c);
        return;
    }
    if (r > 0) return;
    statico__want_write(w, c, 0);
    statico__do(w, c, statico__next(w, c));
}

static void statico__set_socket_options(statico__worker *w, int fd)
{
    const statico_config *cfg = &w->srv->cfg;
    int one = 1;
    if (cfg->tcp_nodelay || w->nodelay) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (cfg->receive_buffer_size > 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &cfg->receive_buffer_size, sizeof cfg->receive_buffer_size);
    if (cfg->send_buffer_size > 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &cfg->send_buffer_size, sizeof cfg->send_buffer_size);
#ifdef SO_NOSIGPIPE
    setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
}

static void statico__accepted(statico__worker *w, int li, int fd);

static void statico__on_accept(statico__worker *w, int li)
{
    int k;
    for (k = 0; k < 64; k++) {
#if STATICO__LINUX
        int fd = accept4(w->lfd[li], NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
#else
        int fd = accept(w->lfd[li], NULL, NULL);
        if (fd >= 0) {
            fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
            fcntl(fd, F_SETFD, FD_CLOEXEC);
        }
#endif
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EMFILE || errno == ENFILE) {
                /* Out of descriptors: the reserve one lets us accept and
                 * close the waiting connection instead of spinning on it;
                 * without it, stop listening for a moment. */
                if (w->reserve_fd >= 0) {
                    close(w->reserve_fd);
                    w->reserve_fd = -1;
                    fd = accept(w->lfd[li], NULL, NULL);
                    if (fd >= 0) close(fd);
                    w->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
                    if (fd >= 0) continue;
                }
                statico__log(w, "worker %d: out of file descriptors, pausing accept for 100 ms", w->index);
                statico__pause_listeners(w, 1);
                w->accept_resume = w->now + 100;
            }
            return;
        }
        statico__accepted(w, li, fd);
    }
}

/* A new connection fd from listener li: a slot, options, the backend. */
static void statico__accepted(statico__worker *w, int li, int fd)
{
    const statico_config *cfg = &w->srv->cfg;
    uint32_t maxc = cfg->max_connections;
    statico__conn *c;
    uint32_t i;
    {
        if (w->nconn >= maxc || w->draining) { /* the per-worker limit */
            close(fd);
            return;
        }
        if (w->free_list) {
            i = w->free_list - 1;
            w->free_list = w->conns[i].tnext;
        } else if (w->used < w->cap) {
            i = w->used++;
            w->conns[i].gen = 0;
        } else {
            close(fd);
            return;
        }
        c = &w->conns[i];
        c->fd = fd;
        c->tprev = c->tnext = 0;
        c->timer = STATICO__T_NONE;
        c->state = STATICO__CS_HEAD;
        c->u.body_left = 0;
        c->pending = 0;
        c->writing = 0;
        c->ring = 0;
        c->flags = 0;
        c->stash = NULL;
        c->body_seen = 0;
        c->jslot = 0;
        c->served = 0;
        c->id = ++w->next_id;
        c->listener = w->lport[li];
        w->nconn++;
        STATICO__ADD(w->port_counters[c->listener].connections, 1);
        statico__set_socket_options(w, fd);
        statico__register(w, c);
        statico__timer_set(w, c, STATICO__T_IDLE);
    }
}

static void statico__expire(statico__worker *w)
{
    int kind;
    uint64_t now_us = w->now_us;
    while (w->wh.n && w->wh.h[0].due <= now_us) { /* delays */
        statico__conn *c = &w->conns[w->wh.h[0].slot];
        uint32_t gen = w->wh.h[0].gen;
        statico__wake_pop(&w->wh);
        if (c->gen != gen) continue; /* closed since (a close bumps the generation) */
        statico__do(w, c, statico__next_delay(w, c, now_us));
    }
    for (kind = 1; kind < STATICO__T_KINDS; kind++) {
        while (w->thead[kind]) {
            statico__conn *c = &w->conns[w->thead[kind] - 1];
            if (c->deadline > w->now) break;
            statico__do(w, c, statico__next_timeout(w, c, kind));
        }
    }
}

/* How long the loop may wait: to the first deadline of a timer, a delay,
 * the drain or the accept pause; -1 none, 0 do not wait. */
static int statico__wait_ms(statico__worker *w)
{
    uint64_t next = UINT64_MAX;
    int kind;
    for (kind = 1; kind < STATICO__T_KINDS; kind++)
        if (w->thead[kind] && w->conns[w->thead[kind] - 1].deadline < next) next = w->conns[w->thead[kind] - 1].deadline;
    if (w->draining && w->drain_deadline < next) next = w->drain_deadline;
    if (w->drain_sweep) return 0;
    if (w->accept_resume && w->accept_resume < next) next = w->accept_resume;
    if (w->wh.n) { /* delays are in microseconds: wait to the next millisecond */
        uint64_t now_us = statico__now_us(), due = w->wh.h[0].due, ms;
        ms = due <= now_us ? 0 : (due - now_us + 999) / 1000;
        if (w->now + ms < next) next = w->now + ms;
        if (!ms) return 0;
    }
    if (next == UINT64_MAX) return -1;
    return next <= w->now ? 0 : (int)(next - w->now > 60000 ? 60000 : next - w->now);
}

static void statico__tick(statico__worker *w)
{
    w->now_us = statico__now_us();
    w->now = w->now_us / 1000;
    if (!w->srv->cfg.no_date) {
        time_t t = time(NULL);
        if (t != w->date_sec) { /* patch the Date of every response, once a second */
            char date[STATICO__DATE_LEN];
            int i, n = (int)w->nenc;
            w->date_sec = t;
            statico__http_date(t, date);
            for (i = 0; i < n; i++) statico__enc_date(&w->enc[i], date);
        }
    }
    if (w->accept_resume && w->now >= w->accept_resume) {
        w->accept_resume = 0;
        statico__pause_listeners(w, 0);
    }
}

/* End of a loop pass: a thread in statico_server_wait hears of the counts
 * that moved. The fence orders the counts' stores before the look at
 * waiters, against the waiter's increment before its look at the counts:
 * one of the two sees the other, so no wake-up is lost. */
static void statico__wake_waiters(statico__worker *w)
{
    statico_server *s = w->srv;
    if (STATICO__LIKELY(!w->counted)) return;
    w->counted = 0;
#if defined(__GNUC__) || defined(__clang__)
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
    if (!STATICO__GET(s->waiters)) return;
    pthread_mutex_lock(&s->lock);
    pthread_cond_broadcast(&s->wait_cond);
    pthread_mutex_unlock(&s->lock);
}

/* End of a loop pass: waiters hear of the counts, and set_route's
 * hand-overs are taken (one load when there is none). */
static STATICO__INLINE void statico__pass_end(statico__worker *w)
{
    statico__wake_waiters(w);
    if (STATICO__UNLIKELY(w->retired || STATICO__GET(w->mail) != NULL)) statico__handover(w);
}

/* Stop requested: no more accepts; idle connections close now, busy ones
 * when their response is out (or at the deadline). */
static void statico__start_drain(statico__worker *w)
{
    int l;
    if (w->draining) return;
    w->draining = 1;
    w->drain_deadline = w->now + 900;
    statico__pause_listeners(w, 1); /* io_uring: a pending multishot accept keeps its listener open */
    for (l = 0; l < w->nl; l++) {
        close(w->lfd[l]);
        w->lfd[l] = -1;
    }
    w->drain_sweep = 2;
}

/* Idle connections end once the loop has made one more pass without
 * waiting, in which the requests that had already arrived are read and
 * answered (with "Connection: close"). They end with a half-close and a
 * linger, as after any last response, so a client is never reset: one
 * whose request crosses the FIN sees a clean end and may retry. */
static void statico__drain_sweep(statico__worker *w)
{
    uint32_t i;
    if (!w->drain_sweep || --w->drain_sweep) return;
    for (i = 0; i < w->used; i++) {
        statico__conn *c = &w->conns[i];
        if (c->fd >= 0 && c->state == STATICO__CS_H2) { /* GOAWAY: the streams in progress finish */
            statico__h2_goaway(w, c, 0);
            statico__do(w, c, STATICO__DO_WRITE);
            continue;
        }
        if (c->fd >= 0 && (c->state == STATICO__CS_HEAD || c->state == STATICO__CS_STALL) && !statico__owes(c)
            && !(c->stash && c->stash->in_len)
            && !c->pending)
            statico__do(w, c, statico__next(w, c));
    }
}

static void statico__close_all(statico__worker *w)
{
    uint32_t i;
    for (i = 0; i < w->used; i++)
        if (w->conns[i].fd >= 0) statico__close(w, &w->conns[i]);
}

// >>epoll
#if STATICO__LINUX
/* The epoll backend: level-triggered, one event per connection (its slot
 * and generation in the data), listeners and the wake descriptor tagged. */
static void statico__epoll_register(statico__worker *w, statico__conn *c)
{
    struct epoll_event ev;
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.u64 = STATICO__EV_CONN(c, c - w->conns);
    if (epoll_ctl(w->ep, EPOLL_CTL_ADD, c->fd, &ev) < 0) statico__close(w, c);
}

/* Writable (out), else readable unless reading is paused; a paused
 * connection hears only of errors and hang-ups. */
static void statico__epoll_want_write(statico__worker *w, statico__conn *c, int out)
{
    struct epoll_event ev;
    ev.events = out ? EPOLLOUT : (c->flags & STATICO__F_PAUSED) ? 0 : EPOLLIN | EPOLLRDHUP;
    ev.data.u64 = STATICO__EV_CONN(c, c - w->conns);
    epoll_ctl(w->ep, EPOLL_CTL_MOD, c->fd, &ev);
}

static void statico__epoll_close_fd(statico__worker *w, statico__conn *c)
{
    epoll_ctl(w->ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
}

static void statico__epoll_listen(statico__worker *w, int pause)
{
    int l;
    for (l = 0; l < w->nl; l++) {
        struct epoll_event ev;
        if (w->lfd[l] < 0) continue;
        ev.events = EPOLLIN;
        ev.data.u64 = STATICO__TAG_LISTEN | (uint64_t)l;
        epoll_ctl(w->ep, pause ? EPOLL_CTL_DEL : EPOLL_CTL_ADD, w->lfd[l], &ev);
    }
}

static void statico__epoll_loop(statico__worker *w)
{
    struct epoll_event ev[256];
    for (;;) {
        int n, i, timeout = statico__wait_ms(w);
        if (w->draining && (w->nconn == 0 || w->now >= w->drain_deadline)) break;
        n = epoll_wait(w->ep, ev, 256, timeout);
        if (n < 0 && errno != EINTR) {
            statico__log(w, "worker %d: epoll_wait: %s", w->index, strerror(errno));
            break;
        }
        statico__tick(w);
        for (i = 0; i < n; i++) {
            uint64_t d = ev[i].data.u64;
            if (d & STATICO__TAG_LISTEN) {
                statico__on_accept(w, (int)(uint32_t)d);
            } else if (d & STATICO__TAG_WAKE) {
                uint64_t v;
                if (read(w->wake_r, &v, sizeof v) < 0) {}
                if (STATICO__GET(w->stop)) statico__start_drain(w);
            } else {
                statico__conn *c = &w->conns[(uint32_t)d];
                /* drop events of a connection closed (maybe reused) in this batch */
                if (c->fd < 0 || (c->gen & 0x3fffffffu) != (uint32_t)(d >> 32)) continue;
                if (c->writing) {
                    if (ev[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) statico__on_write(w, c);
                } else if (ev[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP)) {
                    statico__on_read(w, c);
                }
            }
        }
        statico__expire(w);
        statico__drain_sweep(w);
        statico__pass_end(w);
    }
}
#endif

// >>poll
/* The portable backend: one pollfd per listener, the wake pipe, then one
 * per connection slot (fd -1 while free, which poll ignores). */
static void statico__poll_register(statico__worker *w, statico__conn *c)
{
    size_t i = (size_t)w->nl + 1 + (size_t)(c - w->conns);
    if (i >= w->pfd_cap) { /* grows with used slots; the cap is set at start */
        statico__close(w, c);
        return;
    }
    w->pfd[i].fd = c->fd;
    w->pfd[i].events = POLLIN;
}

static void statico__poll_want_write(statico__worker *w, statico__conn *c, int out)
{
    short in = (c->flags & STATICO__F_PAUSED) ? 0 : POLLIN;
    w->pfd[(size_t)w->nl + 1 + (size_t)(c - w->conns)].events = (short)(out ? POLLOUT : in);
}

static void statico__poll_close_fd(statico__worker *w, statico__conn *c)
{
    if (w->pfd) w->pfd[(size_t)w->nl + 1 + (size_t)(c - w->conns)].fd = -1;
    close(c->fd);
}

static void statico__poll_listen(statico__worker *w, int pause)
{
    int l;
    for (l = 0; l < w->nl; l++)
        if (w->lfd[l] >= 0) w->pfd[l].fd = pause ? -1 : w->lfd[l];
}

static void statico__poll_loop(statico__worker *w)
{
    for (;;) {
        int n, timeout = statico__wait_ms(w);
        size_t i, count = (size_t)w->nl + 1 + w->used;
        if (w->draining && (w->nconn == 0 || w->now >= w->drain_deadline)) break;
        n = poll(w->pfd, (nfds_t)count, timeout);
        if (n < 0 && errno != EINTR) {
            statico__log(w, "worker %d: poll: %s", w->index, strerror(errno));
            break;
        }
        statico__tick(w);
        for (i = 0; n > 0 && i < count; i++) {
            short re = w->pfd[i].revents;
            if (!re || w->pfd[i].fd < 0) continue;
            n--;
            w->pfd[i].revents = 0;
            if (i < (size_t)w->nl) {
                statico__on_accept(w, (int)i);
            } else if (i == (size_t)w->nl) {
                char buf[64];
                if (read(w->wake_r, buf, sizeof buf) < 0) {}
                if (STATICO__GET(w->stop)) statico__start_drain(w);
            } else {
                statico__conn *c = &w->conns[i - (size_t)w->nl - 1];
                if (c->fd < 0) continue;
                if (c->writing) {
                    if (re & (POLLOUT | POLLERR | POLLHUP)) statico__on_write(w, c);
                } else if (re & (POLLIN | POLLERR | POLLHUP)) {
                    statico__on_read(w, c);
                }
            }
        }
        statico__expire(w);
        statico__drain_sweep(w);
        statico__pass_end(w);
    }
}

// >>io_uring
/* The io_uring backend, through raw system calls and <linux/io_uring.h>.
 * One ring per worker, created by the worker thread (SINGLE_ISSUER and
 * DEFER_TASKRUN need the submitting thread to own it). Kernel versions:
 * multishot accept 5.19, provided-buffer rings 5.19, multishot recv 6.0,
 * SEND_ZC 6.0, SINGLE_ISSUER 6.0, DEFER_TASKRUN 6.1, EXT_ARG (a timeout on
 * io_uring_enter) 5.11. Below 6.0, or when the kernel, a sysctl
 * (kernel.io_uring_disabled) or a seccomp filter refuses, the worker runs
 * on epoll and the start-up notice says why. cfg.no_io_uring does the
 * same, for tests. */
#if STATICO__URING
/* Provided receive buffers. On Linux 6.12+ (IOU_PBUF_RING_INC) receives
 * fill a buffer one after another, so a few buffers hold thousands of
 * small requests and the pages touched are about the bytes received, up
 * to the pool's 512 KiB. A pipelined batch that reaches a buffer's end
 * arrives in two completions; statico__uring_hold keeps its answers in one
 * send. Before 6.12, or with cfg.no_uring_inc, each receive takes a whole
 * buffer, and 1024 of them let that many connections receive at once (16
 * MiB, touched a page per receive at first: a burst of connections
 * touches 4 MiB once). */
#define STATICO__U_BUFS 1024    /* per worker, a whole buffer per receive */
#define STATICO__U_BUFS_INC 32  /* per worker, filled incrementally */
#define STATICO__U_BUF 16384    /* bytes each */
#define STATICO__U_PBUF_INC 2u  /* IOU_PBUF_RING_INC (6.12), for older headers */
#define STATICO__U_BUF_MORE (1u << 4) /* IORING_CQE_F_BUF_MORE: the kernel fills the buffer on */
/* Body segments of this size and more go out with SEND_ZC. Measured on
 * loopback (server CPU per request, ZC against a copying SEND): 64 KiB 23.3
 * against 10.5 us, 1 MiB 170 against 114 us, 16 MiB 2507 against 2761 us:
 * the first size where it pays. cfg.uring_zc_min overrides it, for
 * networks where it pays sooner. */
#define STATICO__U_ZC_MIN ((size_t)16 << 20)
#define STATICO__U_BGID 1
/* The send arena: a batch of up to STATICO__U_AMAX bytes with nothing
 * queued before it is copied into the worker's arena and sent from there,
 * so the usual response needs no stash and an idle connection keeps no send
 * state. Chunks are taken lowest first and a chunk is reused from its start
 * once its sends completed, so the pages touched stay few. */
#define STATICO__U_ACHUNK 65536
#define STATICO__U_ACHUNKS 16
#define STATICO__U_AMAX 16384

/* The record before an arena send's bytes: whose send, and how long. */
typedef struct statico__asend {
    uint32_t slot, gen, len, chunk;
} statico__asend;

struct statico__uring {
    int fd;
    unsigned *sq_head, *sq_tail, *sq_mask, *sq_flags, *sq_array, sq_entries;
    unsigned *cq_head, *cq_tail, *cq_mask;
    struct io_uring_cqe *cqes;
    struct io_uring_sqe *sqes;
    void *ring;
    size_t ring_size;
    size_t sqes_size;
    unsigned tail, submitted; /* local SQ tail, and how much of it the kernel has */
    int sqpoll;
    struct io_uring_buf_ring *br;
    size_t br_size;
    char *bufs;
    unsigned short br_tail;
    unsigned nbufs;   /* STATICO__U_BUFS, or STATICO__U_BUFS_INC when inc */
    int inc;          /* receives fill buffers incrementally */
    uint32_t boff[STATICO__U_BUFS_INC]; /* inc: where the next receive into each buffer starts */
    int zc;
    size_t zc_min;       /* SEND_ZC from this segment size (cfg.uring_zc_min) */
    uint32_t zc_pending; /* SEND_ZC notifications still to come */
    uint32_t *starved;   /* connections whose recv ran out of buffers */
    uint32_t (*held)[2]; /* connections whose answers wait (slot, generation), */
    uint32_t nheld;      /* how many */
    struct statico__stash *zombies; /* stashes of closed connections the kernel may still read */
    uint32_t nstarved;
    uint64_t wake_buf;
    char *arena;                          /* STATICO__U_ACHUNKS chunks, pages touched when used */
    uint32_t a_cur, a_off;                /* the chunk being filled, and its fill */
    uint32_t a_sends[STATICO__U_ACHUNKS]; /* sends in flight from each chunk */
};

static int statico__sys_setup(unsigned entries, struct io_uring_params *p)
{
    return (int)syscall(__NR_io_uring_setup, entries, p);
}
static int statico__sys_enter(int fd, unsigned submit, unsigned min, unsigned flags, void *arg, size_t sz)
{
    return (int)syscall(__NR_io_uring_enter, fd, submit, min, flags, arg, sz);
}
static int statico__sys_register(int fd, unsigned op, void *arg, unsigned n)
{
    return (int)syscall(__NR_io_uring_register, fd, op, arg, n);
}

static int statico__uring_flush_sq(statico__worker *w)
{
    statico__uring *u = w->ur;
    unsigned n = u->tail - u->submitted;
    __atomic_store_n(u->sq_tail, u->tail, __ATOMIC_RELEASE);
    if (u->sqpoll) { /* the kernel thread takes them; wake it if it sleeps */
        if (__atomic_load_n(u->sq_flags, __ATOMIC_ACQUIRE) & IORING_SQ_NEED_WAKEUP)
            statico__sys_enter(u->fd, 0, 0, IORING_ENTER_SQ_WAKEUP, NULL, 0);
        u->submitted = u->tail;
        return 0;
    }
    while (n) {
        int r = statico__sys_enter(u->fd, n, 0, 0, NULL, 0);
        if (r < 0) {
            if (errno == EINTR || errno == EAGAIN || errno == EBUSY) continue;
            return -1;
        }
        u->submitted += (unsigned)r;
        n -= (unsigned)r;
    }
    return 0;
}

/* A free SQE; a full queue is submitted first, never dropped. */
static struct io_uring_sqe *statico__sqe(statico__worker *w)
{
    statico__uring *u = w->ur;
    struct io_uring_sqe *e;
    while (u->tail - __atomic_load_n(u->sq_head, __ATOMIC_ACQUIRE) >= u->sq_entries) {
        if (u->tail != u->submitted) statico__uring_flush_sq(w);
        else statico__sys_enter(u->fd, 0, 0, IORING_ENTER_SQ_WAIT, NULL, 0);
    }
    e = &u->sqes[u->tail & *u->sq_mask];
    memset(e, 0, sizeof *e);
    u->sq_array[u->tail & *u->sq_mask] = u->tail & *u->sq_mask;
    u->tail++;
    return e;
}

static void statico__uring_buf_return(statico__worker *w, unsigned bid)
{
    statico__uring *u = w->ur;
    struct io_uring_buf *b = &u->br->bufs[u->br_tail & (u->nbufs - 1)];
    b->addr = (uint64_t)(uintptr_t)(u->bufs + (size_t)bid * STATICO__U_BUF);
    b->len = STATICO__U_BUF;
    b->bid = (unsigned short)bid;
    u->br_tail++;
    __atomic_store_n(&u->br->tail, u->br_tail, __ATOMIC_RELEASE);
}

/* Where a receive's bytes lie in its provided buffer. */
static const char *statico__uring_buf_data(const statico__uring *u, unsigned bid)
{
    return u->bufs + (size_t)bid * STATICO__U_BUF + (u->inc ? u->boff[bid] : 0);
}

/* A receive's bytes were used: its buffer goes back to the ring once the
 * kernel is done filling it. */
static void statico__uring_buf_done(statico__worker *w, unsigned flags, int res)
{
    statico__uring *u = w->ur;
    unsigned bid = flags >> IORING_CQE_BUFFER_SHIFT;
    if (u->inc) {
        if (flags & STATICO__U_BUF_MORE) {
            if (res > 0) u->boff[bid] += (uint32_t)res;
            return;
        }
        u->boff[bid] = 0;
    }
    statico__uring_buf_return(w, bid);
}

static void statico__uring_accept(statico__worker *w, int li)
{
    struct io_uring_sqe *e = statico__sqe(w);
    e->opcode = IORING_OP_ACCEPT;
    e->fd = w->lfd[li];
    e->ioprio = IORING_ACCEPT_MULTISHOT;
    e->accept_flags = SOCK_NONBLOCK | SOCK_CLOEXEC;
    e->user_data = STATICO__U_DATA(STATICO__U_ACCEPT, 0, li);
}

static void statico__uring_recv(statico__worker *w, statico__conn *c)
{
    struct io_uring_sqe *e = statico__sqe(w);
    e->opcode = IORING_OP_RECV;
    e->fd = c->fd;
    e->ioprio = IORING_RECV_MULTISHOT;
    e->flags = IOSQE_BUFFER_SELECT;
    e->buf_group = STATICO__U_BGID;
    e->user_data = STATICO__U_DATA(STATICO__U_RECV, c->gen, c - w->conns);
    c->ring |= STATICO__RING_RECV;
}

/* A body kept in a memfd at the front of the queue goes out with sendfile,
 * now, as much as the socket takes; when it is full, a POLL_ADD waits for
 * room. 1 when the front is no such body (or the queue is empty), 0 when
 * the poll waits, -1 on error. */
static int statico__uring_send_files(statico__worker *w, statico__conn *c, statico__stash *x)
{
    while (x->out_i < x->out_n) {
        statico__seg *s = &x->out[x->out_i];
        struct io_uring_sqe *e;
        off_t at;
        int fd = statico__seg_file(w, s, &at);
        ssize_t r;
        if (fd < 0 || (w->ur->zc && s->len >= w->ur->zc_min)) return 1; /* (SEND_ZC asked for: it goes so) */
        if ((r = statico__send_file(w, c, fd, at, s->len)) > 0) {
            STATICO__ADD(w->port_counters[c->listener].response_bytes, r);
            statico__out_sent(w, x, (size_t)r);
            continue;
        }
        if (r < 0 && errno == EINTR) continue;
        if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return -1;
        e = statico__sqe(w);
        e->opcode = IORING_OP_POLL_ADD;
        e->fd = c->fd;
        e->poll32_events = POLLOUT;
        e->user_data = STATICO__U_DATA(STATICO__U_POLLOUT, c->gen, c - w->conns);
        c->ring |= STATICO__RING_POLLOUT;
        c->writing = 1;
        return 0;
    }
    return 1;
}

/* Send what waits in the connection: the copied bytes in one SENDMSG, a
 * body kept in a memfd with sendfile, or a large shared body segment with
 * SEND_ZC. One send in flight at a time keeps the order. 1 when all of it
 * went out at once (the queue is cleared), 0 when a send or poll is in
 * flight, -1 on error. */
static int statico__uring_send(statico__worker *w, statico__conn *c)
{
    statico__stash *x = c->stash;
    struct io_uring_sqe *e;
    int n;
    size_t split = w->ur->zc ? w->ur->zc_min : SIZE_MAX;
    if (!x) return 1;
    if ((n = statico__uring_send_files(w, c, x)) <= 0) return n;
    if (x->out_i >= x->out_n) {
        statico__out_clear(w, x);
        return 1;
    }
    e = statico__sqe(w);
    e->fd = c->fd;
    e->user_data = STATICO__U_DATA(STATICO__U_SEND, c->gen, c - w->conns);
    /* shared bodies only: a copied block may not be freed before the kernel's notification */
    if (w->ur->zc && x->out[x->out_i].p && !x->out[x->out_i].own && x->out[x->out_i].len >= w->ur->zc_min) {
        e->opcode = IORING_OP_SEND_ZC;
        e->addr = (uint64_t)(uintptr_t)x->out[x->out_i].p;
        e->len = (unsigned)(x->out[x->out_i].len > (1u << 30) ? (1u << 30) : x->out[x->out_i].len);
        e->msg_flags = MSG_NOSIGNAL;
        w->ur->zc_pending++;
        x->sending = 1;
    } else {
        /* a large body: its own SEND_ZC or sendfile next */
        n = statico__out_iov(x, x->us->iov, 64, split < w->file_min ? split : w->file_min);
        e->msg_flags = (uint32_t)(STATICO__MSG_NOSIGNAL | statico__more_before(w, x, x->out_i + (uint32_t)n));
        if (n == 1) { /* the usual case (copies are coalesced): a plain SEND */
            e->opcode = IORING_OP_SEND;
            e->addr = (uint64_t)(uintptr_t)x->us->iov[0].iov_base;
            e->len = (unsigned)x->us->iov[0].iov_len;
        } else {
            memset(&x->us->msg, 0, sizeof x->us->msg);
            x->us->msg.msg_iov = x->us->iov;
            x->us->msg.msg_iovlen = (size_t)n;
            e->opcode = IORING_OP_SENDMSG;
            e->addr = (uint64_t)(uintptr_t)&x->us->msg;
            e->len = 1;
        }
        x->sending = (uint32_t)n;
    }
    c->writing = 1;
    return 0;
}

/* Room for a record and len bytes in the arena: the current chunk, else
 * the lowest one with no send in flight. NULL when every chunk is busy
 * (the stash path then takes the batch). */
static statico__asend *statico__arena_take(statico__uring *u, size_t len)
{
    size_t need = (sizeof(statico__asend) + len + 15) & ~(size_t)15;
    statico__asend *a;
    if (u->a_off + need > STATICO__U_ACHUNK) {
        uint32_t i;
        for (i = 0; i < STATICO__U_ACHUNKS && u->a_sends[i]; i++) {
        }
        if (i == STATICO__U_ACHUNKS) return NULL;
        u->a_cur = i;
        u->a_off = 0;
    }
    a = (statico__asend *)(u->arena + (size_t)u->a_cur * STATICO__U_ACHUNK + u->a_off);
    a->chunk = u->a_cur;
    u->a_sends[u->a_cur]++;
    u->a_off += (uint32_t)need;
    return a;
}

/* A send from the arena completed: its chunk is free again once its last
 * send did, and the chunk being filled starts over. */
static void statico__arena_done(statico__uring *u, const statico__asend *a)
{
    if (--u->a_sends[a->chunk] == 0 && a->chunk == u->a_cur) u->a_off = 0;
}

/* Nothing queued and no send in flight: a small batch is copied into the
 * arena and sent with one SEND. 1 when sent so, 0 when the batch goes the
 * stash's way (too large, or the arena is full). */
static int statico__uring_send_batch(statico__worker *w, statico__conn *c)
{
    statico__uring *u = w->ur;
    statico__asend *a;
    struct io_uring_sqe *e;
    char *o;
    int i;
    if (w->iov_bytes > STATICO__U_AMAX || !(a = statico__arena_take(u, w->iov_bytes))) return 0;
    a->slot = (uint32_t)(c - w->conns);
    a->gen = c->gen;
    a->len = (uint32_t)w->iov_bytes;
    for (o = (char *)(a + 1), i = 0; i < w->niov; i++) {
        memcpy(o, w->iov[i].iov_base, w->iov[i].iov_len);
        o += w->iov[i].iov_len;
    }
    w->niov = 0;
    w->iov_bytes = 0;
    e = statico__sqe(w);
    e->opcode = IORING_OP_SEND;
    e->fd = c->fd;
    e->addr = (uint64_t)(uintptr_t)(a + 1);
    e->len = a->len;
    e->msg_flags = MSG_NOSIGNAL;
    e->user_data = STATICO__U_DATA(STATICO__U_ASEND, 0, (uint32_t)((char *)a - u->arena));
    c->writing = 1;
    return 1;
}

/* The receive being fed said more of the connection's input already waits
 * in the socket (a pipelined batch split over two provided buffers, or
 * larger than one): its answers wait in its queue for the answers to the
 * rest, so the client gets them in one send, not two small ones of which
 * Nagle's algorithm holds the second until the client's delayed
 * acknowledgement (about 40 ms). They wait until the end of the next pass
 * at most (the loop does not sleep meanwhile), however much more keeps
 * coming. 1 when held; 0 when the batch goes now (held since the last
 * pass already, or the list is full); -1 when out of memory. */
static int statico__uring_hold(statico__worker *w, statico__conn *c)
{
    statico__uring *u = w->ur;
    if ((c->ring & (STATICO__RING_HELD | STATICO__RING_HELD_NOW)) == STATICO__RING_HELD) return 0; /* held long enough */
    if (!(c->ring & STATICO__RING_LISTED)) {
        if (u->nheld == w->cap) return 0;
        u->held[u->nheld][0] = (uint32_t)(c - w->conns);
        u->held[u->nheld++][1] = c->gen;
        c->ring |= STATICO__RING_LISTED;
    }
    if (statico__spill(w, c)) return -1;
    c->ring |= STATICO__RING_HELD | STATICO__RING_HELD_NOW;
    return 1;
}

static void statico__uring_send_more(statico__worker *w, statico__conn *c);

/* End of a pass: answers held in an earlier pass go now, whether or not
 * the rest of the input came. */
static void statico__uring_release(statico__worker *w)
{
    statico__uring *u = w->ur;
    uint32_t i, k = 0;
    for (i = 0; i < u->nheld; i++) {
        statico__conn *c = &w->conns[u->held[i][0]];
        if (c->gen != u->held[i][1] || c->fd < 0) continue; /* (closed: its ring flags are gone) */
        if (c->ring & STATICO__RING_HELD_NOW) {
            c->ring &= (uint8_t)~STATICO__RING_HELD_NOW;
            u->held[k][0] = u->held[i][0];
            u->held[k++][1] = u->held[i][1];
            continue;
        }
        c->ring &= (uint8_t)~(STATICO__RING_HELD | STATICO__RING_LISTED);
        if (!c->writing && c->stash && c->stash->out_i < c->stash->out_n) statico__uring_send_more(w, c);
    }
    u->nheld = k;
}

static void statico__uring_cancel(statico__worker *w, uint64_t data);

/* End the multishot recv (or the socket stays open) and close; a stash a
 * send in flight still reads waits for that send's completion. */
static void statico__uring_close_fd(statico__worker *w, statico__conn *c)
{
    struct io_uring_sqe *e;
    if (c->ring & STATICO__RING_RECV) statico__uring_cancel(w, STATICO__U_DATA(STATICO__U_RECV, c->gen, c - w->conns));
    if (c->ring & STATICO__RING_POLLOUT) statico__uring_cancel(w, STATICO__U_DATA(STATICO__U_POLLOUT, c->gen, c - w->conns));
    e = statico__sqe(w);
    e->opcode = IORING_OP_CLOSE;
    e->fd = c->fd;
    e->user_data = STATICO__U_DATA(STATICO__U_CLOSE, 0, 0);
    c->ring = 0;
    if (c->writing && c->stash && c->stash->sending) { /* (an arena send needs nothing kept) */
        c->stash->us->zombie_data = STATICO__U_DATA(STATICO__U_SEND, c->gen, c - w->conns);
        c->stash->us->zombie_next = w->ur->zombies;
        w->ur->zombies = c->stash;
        c->stash = NULL;
    }
}

static void statico__uring_cancel(statico__worker *w, uint64_t data)
{
    struct io_uring_sqe *e = statico__sqe(w);
    e->opcode = IORING_OP_ASYNC_CANCEL;
    e->addr = data;
    e->user_data = STATICO__U_DATA(STATICO__U_CANCEL, 0, 0);
}

static void statico__uring_read_pause(statico__worker *w, statico__conn *c, int pause)
{
    if (pause && (c->ring & STATICO__RING_RECV))
        statico__uring_cancel(w, STATICO__U_DATA(STATICO__U_RECV, c->gen, c - w->conns));
    else if (!pause && !(c->ring & (STATICO__RING_RECV | STATICO__RING_STARVED)))
        statico__uring_recv(w, c);
}

/* Paused: the multishot accepts end (one may have ended by itself on
 * EMFILE); resumed: they are armed again. */
static void statico__uring_listen(statico__worker *w, int pause)
{
    int l;
    for (l = 0; l < w->nl; l++) {
        if (w->lfd[l] < 0) continue;
        if (pause) statico__uring_cancel(w, STATICO__U_DATA(STATICO__U_ACCEPT, 0, l));
        else statico__uring_accept(w, l);
    }
}

static void statico__uring_wake(statico__worker *w)
{
    struct io_uring_sqe *e = statico__sqe(w);
    e->opcode = IORING_OP_READ;
    e->fd = w->wake_r;
    e->addr = (uint64_t)(uintptr_t)&w->ur->wake_buf;
    e->len = sizeof w->ur->wake_buf;
    e->user_data = STATICO__U_DATA(STATICO__U_WAKE, 0, 0);
}

/* The ring (closing it cancels what is left), then the stashes the
 * kernel could have been reading. */
static void statico__uring_free(statico__worker *w)
{
    statico__uring *u = w->ur;
    if (!u) return;
    if (u->fd >= 0) close(u->fd);
    while (u->zombies) { /* after the ring: no send reads them now */
        statico__stash *x = u->zombies;
        u->zombies = x->us->zombie_next;
        statico__stash_free(w, x);
    }
    if (u->ring) munmap(u->ring, u->ring_size);
    if (u->sqes) munmap(u->sqes, u->sqes_size);
    if (u->br) munmap(u->br, u->br_size);
    STATICO_FREE(u->bufs);
    STATICO_FREE(u->arena);
    STATICO_FREE(u->starved);
    STATICO_FREE(u->held);
    STATICO_FREE(u);
    w->ur = NULL;
}

/* Kernel release as major * 100 + minor. */
static int statico__kernel_version(void)
{
    struct utsname un;
    int a = 0, b = 0;
    if (uname(&un) < 0 || sscanf(un.release, "%d.%d", &a, &b) != 2) return 0;
    return a * 100 + b;
}

/* The ring itself, with the flags the newest kernel takes (one step
 * older at a time on EINVAL). NULL, or why not. */
static const char *statico__uring_setup(const statico_config *cfg, statico__uring *u, struct io_uring_params *p)
{
    unsigned entries = cfg->uring_entries;
    static const unsigned try_flags[] = {
        IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN, /* 6.1 */
        IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN,  /* 6.0 */
        IORING_SETUP_COOP_TASKRUN, 0};
    int fd = -1, t;
    for (t = 0; t < (int)(sizeof try_flags / sizeof try_flags[0]); t++) {
        memset(p, 0, sizeof *p);
        p->flags = try_flags[t] | IORING_SETUP_CQSIZE;
        p->cq_entries = entries * 4;
        if (cfg->uring_sqpoll_ms) { /* SQPOLL and DEFER_TASKRUN do not go together */
            p->flags = IORING_SETUP_SQPOLL | IORING_SETUP_CQSIZE | (try_flags[t] & IORING_SETUP_SINGLE_ISSUER);
            p->sq_thread_idle = cfg->uring_sqpoll_ms;
        }
        fd = statico__sys_setup(entries, p);
        if (fd >= 0 || errno != EINVAL) break;
    }
    if (fd < 0)
        return errno == ENOSYS ? "io_uring_setup is not available (ENOSYS)"
             : errno == EPERM  ? "io_uring_setup is not permitted (EPERM: sysctl or seccomp)"
                               : "io_uring_setup failed";
    u->fd = fd;
    u->sqpoll = (p->flags & IORING_SETUP_SQPOLL) != 0;
    if (!(p->features & IORING_FEAT_SINGLE_MMAP) || !(p->features & IORING_FEAT_EXT_ARG) || !(p->features & IORING_FEAT_NODROP))
        return "the kernel lacks SINGLE_MMAP, EXT_ARG or NODROP";
    return NULL;
}

/* The submission and completion queues mapped into this process. */
static const char *statico__uring_map(statico__uring *u, const struct io_uring_params *p)
{
    char *r;
    u->ring_size = p->sq_off.array + p->sq_entries * sizeof(unsigned);
    if (p->cq_off.cqes + p->cq_entries * sizeof(struct io_uring_cqe) > u->ring_size)
        u->ring_size = p->cq_off.cqes + p->cq_entries * sizeof(struct io_uring_cqe);
    u->ring = mmap(NULL, u->ring_size, PROT_READ | PROT_WRITE, MAP_SHARED | STATICO__MAP_POPULATE, u->fd, IORING_OFF_SQ_RING);
    if (u->ring == MAP_FAILED) return u->ring = NULL, "cannot map the ring";
    u->sqes_size = p->sq_entries * sizeof(struct io_uring_sqe);
    u->sqes = (struct io_uring_sqe *)mmap(NULL, u->sqes_size, PROT_READ | PROT_WRITE, MAP_SHARED | STATICO__MAP_POPULATE,
                                          u->fd, IORING_OFF_SQES);
    if (u->sqes == MAP_FAILED) return u->sqes = NULL, "cannot map the submission entries";
    r = (char *)u->ring;
    u->sq_head = (unsigned *)(r + p->sq_off.head);
    u->sq_tail = (unsigned *)(r + p->sq_off.tail);
    u->sq_mask = (unsigned *)(r + p->sq_off.ring_mask);
    u->sq_flags = (unsigned *)(r + p->sq_off.flags);
    u->sq_array = (unsigned *)(r + p->sq_off.array);
    u->sq_entries = p->sq_entries;
    u->cq_head = (unsigned *)(r + p->cq_off.head);
    u->cq_tail = (unsigned *)(r + p->cq_off.tail);
    u->cq_mask = (unsigned *)(r + p->cq_off.ring_mask);
    u->cqes = (struct io_uring_cqe *)(r + p->cq_off.cqes);
    u->tail = u->submitted = *u->sq_tail;
    return NULL;
}

/* The opcodes the backend needs, and whether SEND_ZC is there. */
static const char *statico__uring_probe(const statico_config *cfg, statico__uring *u)
{
    static const int need[] = {IORING_OP_ACCEPT, IORING_OP_RECV, IORING_OP_SENDMSG, IORING_OP_CLOSE,
                               IORING_OP_ASYNC_CANCEL, IORING_OP_READ};
    size_t psz = sizeof(struct io_uring_probe) + 256 * sizeof(struct io_uring_probe_op), i;
    struct io_uring_probe *pr = (struct io_uring_probe *)STATICO_MALLOC(psz);
    const char *why = NULL;
    if (!pr) return "out of memory";
    memset(pr, 0, psz);
    if (statico__sys_register(u->fd, IORING_REGISTER_PROBE, pr, 256) < 0) why = "cannot probe opcodes";
    for (i = 0; !why && i < sizeof need / sizeof need[0]; i++)
        if (need[i] > pr->last_op || !(pr->ops[need[i]].flags & IO_URING_OP_SUPPORTED))
            why = "the kernel lacks an opcode it needs";
    if (!why) {
        u->zc = IORING_OP_SEND_ZC <= pr->last_op && (pr->ops[IORING_OP_SEND_ZC].flags & IO_URING_OP_SUPPORTED);
        u->zc_min = cfg->uring_zc_min ? (size_t)cfg->uring_zc_min : STATICO__U_ZC_MIN;
        if (cfg->uring_zc_min == UINT64_MAX) u->zc = 0;
    }
    STATICO_FREE(pr);
    return why;
}

/* struct io_uring_buf_reg as Linux 6.12 has it (older headers call the
 * flags pad). */
typedef struct statico__buf_reg {
    uint64_t ring_addr;
    uint32_t ring_entries;
    uint16_t bgid, flags;
    uint64_t resv[3];
} statico__buf_reg;

/* Register the buffer ring: incremental where the kernel has it (and
 * cfg.no_uring_inc refuses it), else whole buffers. 0, or -1. */
static int statico__uring_register_buffers(statico__uring *u, int try_inc)
{
    statico__buf_reg reg;
    memset(&reg, 0, sizeof reg);
    reg.ring_addr = (uint64_t)(uintptr_t)u->br;
    reg.bgid = STATICO__U_BGID;
    if (try_inc) {
        reg.ring_entries = STATICO__U_BUFS_INC;
        reg.flags = STATICO__U_PBUF_INC;
        if (statico__sys_register(u->fd, IORING_REGISTER_PBUF_RING, &reg, 1) == 0) {
            u->inc = 1;
            u->nbufs = STATICO__U_BUFS_INC;
            return 0;
        }
    }
    reg.ring_entries = STATICO__U_BUFS;
    reg.flags = 0;
    u->nbufs = STATICO__U_BUFS;
    return statico__sys_register(u->fd, IORING_REGISTER_PBUF_RING, &reg, 1);
}

/* The provided-buffer ring: page-aligned entries, buffers touched only
 * when used; all of them handed to the kernel. */
static const char *statico__uring_buffers(statico__worker *w, statico__uring *u)
{
    unsigned i;
    u->br_size = STATICO__U_BUFS * sizeof(struct io_uring_buf);
    u->br = (struct io_uring_buf_ring *)mmap(NULL, u->br_size, PROT_READ | PROT_WRITE,
                                             MAP_PRIVATE | STATICO__MAP_ANONYMOUS, -1, 0);
    if (u->br == MAP_FAILED) return u->br = NULL, "cannot map the buffer ring";
    if (statico__uring_register_buffers(u, !w->srv->cfg.no_uring_inc && statico__kernel_version() >= 612) < 0)
        return "cannot register the buffer ring (IORING_REGISTER_PBUF_RING, 5.19)";
    if (!(u->bufs = (char *)STATICO_MALLOC((size_t)u->nbufs * STATICO__U_BUF))
        || !(u->arena = (char *)STATICO_MALLOC((size_t)STATICO__U_ACHUNKS * STATICO__U_ACHUNK))
        || !(u->starved = (uint32_t *)STATICO_MALLOC(w->cap * sizeof *u->starved))
        || !(u->held = (uint32_t(*)[2])STATICO_MALLOC(w->cap * sizeof *u->held)))
        return "out of memory";
    for (i = 0; i < u->nbufs; i++) statico__uring_buf_return(w, i);
    return NULL;
}

/* Set up this worker's ring, arm the accepts and the wake read; 0, or -1
 * with why. */
static int statico__uring_init(statico__worker *w, const char **why)
{
    const statico_config *cfg = &w->srv->cfg;
    struct io_uring_params p;
    statico__uring *u;
    int l, kv = statico__kernel_version();
    if (cfg->no_io_uring) return *why = "disabled by no_io_uring", -1;
    if (kv && kv < 600) return *why = "the kernel is older than 6.0 (multishot recv)", -1;
    if (!(u = (statico__uring *)STATICO_MALLOC(sizeof *u))) return *why = "out of memory", -1;
    memset(u, 0, sizeof *u);
    u->fd = -1;
    w->ur = u;
    if ((*why = statico__uring_setup(cfg, u, &p)) != NULL || (*why = statico__uring_map(u, &p)) != NULL
        || (*why = statico__uring_probe(cfg, u)) != NULL || (*why = statico__uring_buffers(w, u)) != NULL)
        goto fail;
    for (l = 0; l < w->nl; l++) statico__uring_accept(w, l);
    statico__uring_wake(w);
    if (statico__uring_flush_sq(w) < 0) {
        *why = "io_uring_enter failed";
        goto fail;
    }
    return 0;
fail:
    statico__uring_free(w);
    return -1;
}

static void statico__uring_on_accept_cqe(statico__worker *w, int li, int res, unsigned flags)
{
    if (res >= 0) {
        statico__accepted(w, li, res);
    } else if (res == -EMFILE || res == -ENFILE) {
        if (w->reserve_fd >= 0) { /* accept and close one waiting connection, as on epoll */
            int fd;
            close(w->reserve_fd);
            w->reserve_fd = -1;
            fd = accept(w->lfd[li], NULL, NULL);
            if (fd >= 0) close(fd);
            w->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        }
        if (!(flags & IORING_CQE_F_MORE) && !w->accept_resume) {
            statico__log(w, "worker %d: out of file descriptors, pausing accept for 100 ms", w->index);
            w->accept_resume = w->now + 100;
            w->listening = 0;
        }
        return;
    }
    if (!(flags & IORING_CQE_F_MORE) && !w->draining && w->lfd[li] >= 0 && w->listening) statico__uring_accept(w, li);
}

static void statico__uring_on_recv(statico__worker *w, statico__conn *c, int res, unsigned flags)
{
    statico__uring *u = w->ur;
    if (flags & IORING_CQE_F_BUFFER) {
        if (res > 0 && c->fd >= 0 && c->state < STATICO__CS_LINGER) { /* (lingering: discarded) */
            w->hold = (flags & (IORING_CQE_F_SOCK_NONEMPTY | IORING_CQE_F_MORE)) == (IORING_CQE_F_SOCK_NONEMPTY | IORING_CQE_F_MORE);
            statico__input_data(w, c, statico__uring_buf_data(u, flags >> IORING_CQE_BUFFER_SHIFT), (size_t)res);
            w->hold = 0;
        }
        statico__uring_buf_done(w, flags, res);
    }
    if (c->fd < 0) return;
    if (res == 0) { /* the peer is done sending; the multishot recv has ended */
        c->ring &= (uint8_t)~STATICO__RING_RECV;
        statico__do(w, c, statico__next_eof(w, c));
        return;
    }
    if (res < 0 && res != -ENOBUFS && res != -ECANCELED) {
        statico__close(w, c);
        return;
    }
    if (!(flags & IORING_CQE_F_MORE)) {
        c->ring &= (uint8_t)~STATICO__RING_RECV;
        if (res == -ENOBUFS) { /* back-pressure: re-arm once buffers come back */
            if (!(c->ring & STATICO__RING_STARVED)) {
                c->ring |= STATICO__RING_STARVED;
                u->starved[u->nstarved++] = (uint32_t)(c - w->conns);
            }
        } else if (c->fd >= 0 && !(c->flags & STATICO__F_PAUSED)) {
            statico__uring_recv(w, c);
        }
    }
}

/* After a completion: what is still queued goes out; once all of it is
 * out, the engine says what next. */
static void statico__uring_send_more(statico__worker *w, statico__conn *c)
{
    int r = statico__uring_send(w, c);
    if (r < 0) {
        statico__close(w, c);
    } else if (r == 0) {
        statico__timer_set(w, c, STATICO__T_IDLE);
        statico__reading(w, c); /* a client that reads again is read again */
    } else {
        statico__do(w, c, statico__next(w, c));
    }
}

static void statico__uring_on_send(statico__worker *w, statico__conn *c, int res, unsigned flags)
{
    statico__stash *x = c->stash;
    if (flags & IORING_CQE_F_NOTIF) { /* the kernel is done with a SEND_ZC buffer */
        w->ur->zc_pending--;
        return;
    }
    if (c->fd < 0 || !x) return;
    c->writing = 0;
    x->sending = 0;
    if (res < 0 && res != -EAGAIN && res != -EINTR) {
        statico__close(w, c);
        return;
    }
    if (res > 0) {
        STATICO__ADD(w->port_counters[c->listener].response_bytes, res);
        statico__out_sent(w, x, (size_t)res);
    }
    statico__uring_send_more(w, c);
}

/* The socket has room for a body's sendfile (or the poll failed). */
static void statico__uring_on_pollout(statico__worker *w, statico__conn *c, int res)
{
    c->ring &= (uint8_t)~STATICO__RING_POLLOUT;
    if (c->fd < 0) return;
    c->writing = 0;
    if (res < 0) statico__close(w, c);
    else statico__uring_send_more(w, c);
}

/* An arena send completed. What it did not send goes before what was
 * queued meanwhile; then the queue is sent, or the engine asked what next. */
static void statico__uring_on_asend(statico__worker *w, uint32_t off, int res)
{
    const statico__asend *a = (const statico__asend *)(w->ur->arena + off);
    statico__conn *c = &w->conns[a->slot];
    int ok = 1;
    if (c->gen != a->gen || c->fd < 0) { /* closed meanwhile */
        statico__arena_done(w->ur, a);
        return;
    }
    c->writing = 0;
    if (res == -EAGAIN || res == -EINTR) res = 0;
    if (res > 0) STATICO__ADD(w->port_counters[c->listener].response_bytes, res);
    if (res < 0 || ((uint32_t)res < a->len && statico__out_front(w, c, (const char *)(a + 1) + res, a->len - (uint32_t)res)))
        ok = 0;
    statico__arena_done(w->ur, a);
    if (!ok) statico__close(w, c);
    else statico__uring_send_more(w, c);
}

/* The send of a closed connection completed: its buffers can go. */
static void statico__zombie_free(statico__worker *w, uint64_t data)
{
    statico__stash **pp = &w->ur->zombies;
    while (*pp) {
        statico__stash *x = *pp;
        if (x->us->zombie_data == data) {
            *pp = x->us->zombie_next;
            statico__stash_free(w, x);
            return;
        }
        pp = &x->us->zombie_next;
    }
}

/* At exit: submit the closes, then free the ring and what it read. */
static void statico__flush_sq_and_free(statico__worker *w)
{
    statico__uring_flush_sq(w);
    statico__uring_free(w);
}

static void statico__uring_loop(statico__worker *w)
{
    statico__uring *u = w->ur;
    for (;;) {
        struct io_uring_getevents_arg arg;
        struct __kernel_timespec ts;
        int timeout = u->nheld ? 0 : statico__wait_ms(w), r;
        unsigned head, tail, n = 0;
        if (w->draining && ((w->nconn == 0 && !u->zc_pending) || w->now >= w->drain_deadline)) break;
        memset(&arg, 0, sizeof arg);
        if (timeout >= 0) {
            ts.tv_sec = timeout / 1000;
            ts.tv_nsec = (long long)(timeout % 1000) * 1000000;
            arg.ts = (uint64_t)(uintptr_t)&ts;
        }
        __atomic_store_n(u->sq_tail, u->tail, __ATOMIC_RELEASE);
        if (u->sqpoll && (__atomic_load_n(u->sq_flags, __ATOMIC_ACQUIRE) & IORING_SQ_NEED_WAKEUP)) {
            statico__sys_enter(u->fd, 0, 0, IORING_ENTER_SQ_WAKEUP, NULL, 0);
        }
        r = statico__sys_enter(u->fd, u->sqpoll ? 0 : u->tail - u->submitted, 1,
                               IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG, &arg, sizeof arg);
        if (r >= 0) u->submitted = u->sqpoll ? u->tail : u->submitted + (unsigned)r;
        else if (errno != EINTR && errno != ETIME && errno != EAGAIN && errno != EBUSY) {
            statico__log(w, "worker %d: io_uring_enter: %s", w->index, strerror(errno));
            break;
        }
        statico__tick(w);
        head = *u->cq_head;
        tail = __atomic_load_n(u->cq_tail, __ATOMIC_ACQUIRE);
        for (; head != tail; head++, n++) {
            struct io_uring_cqe *e = &u->cqes[head & *u->cq_mask];
            uint64_t d = e->user_data;
            unsigned op = (unsigned)(d >> 60), idx = (uint32_t)d, gen = (unsigned)(d >> 32) & 0x0fffffffu;
            statico__conn *c = op == STATICO__U_RECV || op == STATICO__U_SEND || op == STATICO__U_POLLOUT ? &w->conns[idx] : NULL;
            if (c && (c->gen & 0x0fffffffu) != gen) { /* a closed connection's late completion */
                if (e->flags & IORING_CQE_F_BUFFER) statico__uring_buf_done(w, e->flags, e->res);
                if (op == STATICO__U_SEND && (e->flags & IORING_CQE_F_NOTIF)) u->zc_pending--;
                else if (op == STATICO__U_SEND) statico__zombie_free(w, d);
                continue;
            }
            switch (op) {
            case STATICO__U_ACCEPT: statico__uring_on_accept_cqe(w, (int)idx, e->res, e->flags); break;
            case STATICO__U_RECV: statico__uring_on_recv(w, c, e->res, e->flags); break;
            case STATICO__U_SEND: statico__uring_on_send(w, c, e->res, e->flags); break;
            case STATICO__U_ASEND: statico__uring_on_asend(w, idx, e->res); break;
            case STATICO__U_POLLOUT: statico__uring_on_pollout(w, c, e->res); break;
            case STATICO__U_WAKE:
                if (STATICO__GET(w->stop)) statico__start_drain(w);
                else statico__uring_wake(w);
                break;
            default: break; /* close, cancel */
            }
        }
        __atomic_store_n(u->cq_head, head, __ATOMIC_RELEASE);
        if (u->nheld) statico__uring_release(w);
        statico__expire(w);
        statico__drain_sweep(w);
        statico__pass_end(w);
        while (u->nstarved) { /* buffers are back: re-arm who ran short */
            statico__conn *c = &w->conns[u->starved[--u->nstarved]];
            c->ring &= (uint8_t)~STATICO__RING_STARVED;
            if (c->fd >= 0 && !(c->ring & STATICO__RING_RECV) && !(c->flags & STATICO__F_PAUSED)) statico__uring_recv(w, c);
        }
    }
}
#endif /* STATICO__URING */

/* Whether the kernel may still read a shared body this worker sent (a
 * SEND_ZC whose notification has not come). */
static int statico__kernel_reads_bodies(const statico__worker *w)
{
#if STATICO__URING
    if (w->ur) return w->ur->zc_pending != 0;
#endif
    (void)w;
    return 0;
}

// >>server
/* The i-th CPU (modulo their number) this process may run on, or -1.
 * Raw system calls: cpu_set_t needs _GNU_SOURCE from the including file. */
static int statico__cpu_for(int i)
{
#if STATICO__LINUX
    unsigned long mask[16];
    long r;
    int c, n = 0, k = 0, bits = (int)(8 * sizeof mask);
    memset(mask, 0, sizeof mask);
    r = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
    if (r <= 0) return -1;
    for (c = 0; c < bits; c++) n += (int)(mask[c / 64] >> (c % 64) & 1);
    if (!n) return -1;
    i %= n;
    for (c = 0; c < bits; c++)
        if ((mask[c / 64] >> (c % 64) & 1) && k++ == i) return c;
#else
    (void)i;
#endif
    return -1;
}

static void statico__pin_self(int cpu)
{
#if STATICO__LINUX
    unsigned long mask[16];
    if (cpu < 0 || cpu >= (int)(8 * sizeof mask)) return;
    memset(mask, 0, sizeof mask);
    mask[cpu / 64] = 1ul << (cpu % 64);
    syscall(SYS_sched_setaffinity, 0, sizeof mask, mask);
#else
    (void)cpu;
#endif
}

/* The worker runs, on the backend it has: statico_server_start waits for
 * every worker to say so, and then names the backend in its notice. */
static void statico__ready(statico__worker *w)
{
    statico_server *s = w->srv;
    pthread_mutex_lock(&s->lock);
    s->ready++;
    pthread_cond_broadcast(&s->ready_cond);
    pthread_mutex_unlock(&s->lock);
}

static void *statico__worker_main(void *arg)
{
    statico__worker *w = (statico__worker *)arg;
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL); /* signals belong to the embedding program */
    statico__pin_self(w->cpu);
    w->now_us = statico__now_us();
    w->now = w->now_us / 1000;
#if STATICO__URING
    if (w->want_uring && statico__uring_init(w, &w->uring_why) == 0) w->backend = STATICO_BACKEND_IO_URING;
#endif
    statico__ready(w);
    statico__run_loop(w);
    statico__close_all(w);
#if STATICO__URING
    if (w->ur) statico__flush_sq_and_free(w);
#endif
    return NULL;
}

/* The listen addresses: NULL is loopback (127.0.0.1, and ::1 where IPv6
 * is up), so an embedded mock is not exposed to the network; "::" is every
 * interface, IPv4 mapped in (0.0.0.0 where there is no IPv6). */
static int statico__parse_address(statico_server *s, const char *a, char *err, size_t n)
{
    char tmp[64];
    size_t len;
    if (!a) {
        static const unsigned char v4[4] = {127, 0, 0, 1}, v6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        s->naddr = 2;
        s->fam[0] = AF_INET;
        memcpy(s->addr[0], v4, 4);
        s->fam[1] = AF_INET6;
        memcpy(s->addr[1], v6, 16);
        return 0;
    }
    s->naddr = 1;
    len = strlen(a);
    if (!len || len >= sizeof tmp) goto bad;
    if (a[0] == '[' && a[len - 1] == ']') { /* [::1] */
        memcpy(tmp, a + 1, len - 2);
        tmp[len - 2] = 0;
    } else {
        memcpy(tmp, a, len + 1);
    }
    if (inet_pton(AF_INET, tmp, s->addr[0]) == 1) {
        s->fam[0] = AF_INET;
        return 0;
    }
    {
        char *pct = strchr(tmp, '%'); /* fe80::1%eth0 */
        if (pct) {
            *pct = 0;
            s->scope = (uint32_t)atoi(pct + 1);
        }
    }
    if (inet_pton(AF_INET6, tmp, s->addr[0]) == 1) {
        s->fam[0] = AF_INET6;
        return 0;
    }
bad:
    statico__errf(err, n, "invalid address \"%s\" (expected an IPv4 or IPv6 address)", a);
    return -1;
}

static int statico__any6(const statico_server *s, int a)
{
    static const unsigned char zero[16] = {0};
    return s->fam[a] == AF_INET6 && !memcmp(s->addr[a], zero, 16);
}

/* One listening socket on address a, port; reuse_port lets the workers
 * share it. */
static int statico__listen(statico_server *s, int a, uint16_t port, int reuse_port, int backlog, uint16_t *bound,
                           int *err_no)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    int one = 1, fd = socket(s->fam[a], SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *err_no = errno;
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
#ifdef SO_REUSEPORT
    if (reuse_port) setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
#else
    (void)reuse_port;
#endif
    memset(&ss, 0, sizeof ss);
    if (s->fam[a] == AF_INET6) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
        int dual = statico__any6(s, a) ? 0 : 1; /* "::" takes IPv4 too */
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &dual, sizeof dual);
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons(port);
        a6->sin6_scope_id = s->scope;
        memcpy(&a6->sin6_addr, s->addr[a], 16);
        sl = sizeof *a6;
    } else {
        struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
        a4->sin_family = AF_INET;
        a4->sin_port = htons(port);
        memcpy(&a4->sin_addr, s->addr[a], 4);
        sl = sizeof *a4;
    }
    if (bind(fd, (struct sockaddr *)&ss, sl) < 0 || (backlog && listen(fd, backlog) < 0)) {
        *err_no = errno;
        close(fd);
        return -1;
    }
    if (bound) {
        sl = sizeof ss;
        getsockname(fd, (struct sockaddr *)&ss, &sl);
        *bound = ntohs(s->fam[a] == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                            : ((struct sockaddr_in *)&ss)->sin_port);
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

/* Port i on every address, once and without SO_REUSEPORT: that fails if
 * anything holds it, even another SO_REUSEPORT server, and turns port 0
 * into a number free on every address. An address family the system lacks
 * is dropped ("::" becomes 0.0.0.0; loopback keeps 127.0.0.1). */
static int statico__probe_port(statico_server *s, uint16_t want, uint16_t *got, int *err_no)
{
    int tries;
    for (tries = 0; tries < 16; tries++) {
        int fd[2] = {-1, -1}, a = 0, bad = -1;
        *got = want;
        while (a < s->naddr) {
            fd[a] = statico__listen(s, a, *got, 0, 0, got, err_no);
            if (fd[a] >= 0) {
                a++;
            } else if ((*err_no == EAFNOSUPPORT || *err_no == EADDRNOTAVAIL) && s->fam[a] == AF_INET6
                       && (a > 0 || statico__any6(s, 0))) {
                if (a) {
                    s->naddr = 1; /* loopback without ::1 */
                } else {          /* "::" without IPv6: every IPv4 interface */
                    s->fam[0] = AF_INET;
                    memset(s->addr[0], 0, 4);
                }
            } else {
                bad = a;
                break;
            }
        }
        if (fd[0] >= 0) close(fd[0]);
        if (fd[1] >= 0) close(fd[1]);
        if (bad < 0) return 0;
        if (want || bad == 0 || *err_no != EADDRINUSE) break; /* else an ephemeral port taken on ::1: again */
    }
    return -1;
}

/* A copy of r whose strings and body the server owns. */
static int statico__own_response(statico__owner *o, statico_response *r)
{
    size_t i;
    const char **h = NULL;
    if (r->reason && !(r->reason = statico__own(o, r->reason, strlen(r->reason)))) return -1;
    if (r->header_count) {
        if (!(h = (const char **)statico__own(o, NULL, r->header_count * sizeof *h))) return -1;
        for (i = 0; i < r->header_count; i++)
            if (!(h[i] = statico__own(o, r->headers[i], strlen(r->headers[i])))) return -1;
        r->headers = h;
    }
    if (r->body_len && !(r->body = statico__own(o, r->body, r->body_len))) return -1;
    return 0;
}

static void statico__free_server(statico_server *s)
{
    int i;
    size_t k;
    if (!s) return;
    for (i = 0; i < s->nw; i++) {
        statico__worker *w = &s->w[i];
        int l;
        for (l = 0; l < w->nl; l++)
            if (w->lfd[l] >= 0) close(w->lfd[l]);
        if (w->ep >= 0) close(w->ep);
        if (w->wake_r >= 0) close(w->wake_r);
        if (w->wake_w >= 0 && w->wake_w != w->wake_r) close(w->wake_w);
        if (w->reserve_fd >= 0) close(w->reserve_fd);
        statico__worker_routes_free(w);
        STATICO_FREE(w->lfd);
        STATICO_FREE(w->lport);
        STATICO_FREE(w->conns);
        STATICO_FREE(w->rbuf);
        STATICO_FREE(w->pfd);
        STATICO_FREE(w->port_counters);
        STATICO_FREE(w->route_counts);
        STATICO_FREE(w->jring);
        STATICO_FREE(w->jdata);
        statico__buf_free(&w->vtmp);
        statico__buf_free(&w->h2head);
        statico__buf_free(&w->h2sc);
        STATICO_FREE(w->h2buf);
        while (w->stash_cached) statico__stash_free(w, w->stash_cache[--w->stash_cached]);
        STATICO_FREE(w->wh.h);
    }
    STATICO_FREE(s->w);
    for (k = 0; s->rv && k < s->cfg.route_count; k++) statico__rv_put(s->rv[k]);
    STATICO_FREE(s->rv);
    statico__owner_free(&s->own);
    STATICO_FREE(s->routes);
    STATICO_FREE(s->ports);
    if (s->sync_made) {
        pthread_mutex_destroy(&s->lock);
        pthread_cond_destroy(&s->ready_cond);
        pthread_cond_destroy(&s->wait_cond);
        pthread_mutex_destroy(&s->jlock);
        pthread_mutex_destroy(&s->rlock);
    }
    STATICO_FREE(s->count_base);
    STATICO_FREE(s->kept);
    statico__buf_free(&s->jsnap);
    STATICO_FREE(s->jrecs);
    STATICO_FREE(s);
}

/* Everything a server needs; with sockets == 0 no socket, descriptor or
 * thread (the engine tests drive worker 0 by hand). */
static const char *statico__backend_name(int backend)
{
    return backend == STATICO_BACKEND_IO_URING ? "io_uring" : backend == STATICO_BACKEND_EPOLL ? "epoll" : "poll";
}

/* "8080", "8080-8200", "8080,9000-9010": runs as ranges; a list too long
 * for one line ends with ",... (N ports)", never in the middle of a number. */
static void statico__ports_text(const statico_server *s, char *o, size_t n)
{
    size_t i = 0, k = 0, len = 0;
    o[0] = 0;
    while (i < s->nports) {
        char item[16], tail[32];
        size_t j = i;
        while (j + 1 < s->nports && s->ports[j + 1] == s->ports[j] + 1) j++;
        if (j > i) snprintf(item, sizeof item, "%s%u-%u", k ? "," : "", s->ports[i], s->ports[j]);
        else snprintf(item, sizeof item, "%s%u", k ? "," : "", s->ports[i]);
        snprintf(tail, sizeof tail, ",... (%zu ports)", s->nports);
        if (len + strlen(item) + (j + 1 < s->nports ? strlen(tail) : 0) >= n) {
            snprintf(o + len, n - len, "%s", tail);
            return;
        }
        len += (size_t)snprintf(o + len, n - len, "%s", item);
        k++;
        i = j + 1;
    }
}

/* The start-up notice: where it listens, with how many workers, on which
 * backend (the one that runs, and why not io_uring when that was asked). */
static void statico__notice(const statico_server *s)
{
    const statico_config *cfg = &s->cfg;
    char msg[512], ports[160], host[128], why[160];
    size_t o = 0;
    int a, t;
    if (!cfg->log) return;
    host[0] = 0;
    for (a = 0; a < s->naddr; a++) {
        char ip[INET6_ADDRSTRLEN];
        inet_ntop(s->fam[a], s->addr[a], ip, sizeof ip);
        o += (size_t)snprintf(host + o, sizeof host - o, s->fam[a] == AF_INET6 ? "%s[%s]" : "%s%s", a ? " and " : "", ip);
    }
    statico__ports_text(s, ports, sizeof ports);
    why[0] = 0;
    if (s->w[0].want_uring && s->w[0].backend != STATICO_BACKEND_IO_URING)
        snprintf(why, sizeof why, ": io_uring unavailable: %s",
                 s->w[0].uring_why ? s->w[0].uring_why : "not compiled in (STATICO_NO_IO_URING or old kernel headers)");
    snprintf(msg, sizeof msg, "listening on %s port%s %s (%d thread%s, %s%s)", host, s->nports > 1 ? "s" : "", ports,
             s->nw, s->nw > 1 ? "s" : "", statico__backend_name(s->w[0].backend), why);
    cfg->log(cfg->log_user, msg);
    if (s->seed_picked && cfg->delay_max_us > cfg->delay_us) {
        snprintf(msg, sizeof msg, "seed %llu (random choices follow it: give it again to repeat them)",
                 (unsigned long long)cfg->seed);
        cfg->log(cfg->log_user, msg);
    }
    for (t = 1; t < s->nw; t++)
        if (s->w[t].backend != s->w[0].backend) {
            snprintf(msg, sizeof msg, "worker %d runs on %s (io_uring unavailable: %s)", t,
                     statico__backend_name(s->w[t].backend), s->w[t].uring_why ? s->w[t].uring_why : "?");
            cfg->log(cfg->log_user, msg);
        }
}

/* Every value of cfg that cannot work, with a one-line message. */
/* A route's conditions: well formed, and none on the body. 0, or -1. */
static int statico__check_match(const statico_route *r, const char *what, char *err, size_t n)
{
    const statico_match *m = &r->match;
    statico__cond c;
    size_t k;
    if ((m->query_count && !m->query) || (m->header_count && !m->headers))
        return statico__errf(err, n, "%s: a condition count without its list", what), -1;
    if (!m->body && (m->body_len || m->body_contains))
        return statico__errf(err, n, "%s: a body condition's length without its bytes", what), -1;
    for (k = 0; k < m->query_count; k++)
        if (!m->query[k] || statico__cond_parse(m->query[k], 0, &c))
            return statico__errf(err, n, "%s: invalid query condition \"%s\"", what, m->query[k] ? m->query[k] : "(null)"), -1;
    for (k = 0; k < m->header_count; k++)
        if (!m->headers[k] || statico__cond_parse(m->headers[k], 1, &c))
            return statico__errf(err, n, "%s: invalid header condition \"%s\"", what,
                                 m->headers[k] ? m->headers[k] : "(null)"), -1;
    return 0;
}

/* A step's fault: a known kind with what it needs. 0, or -1. */
static int statico__check_fault(const statico_fault *f, const char *what, char *err, size_t n)
{
    if ((unsigned)f->kind > STATICO_FAULT_RATE) return statico__errf(err, n, "%s: unknown fault %d", what, (int)f->kind), -1;
    if ((f->kind == STATICO_FAULT_DRIBBLE || f->kind == STATICO_FAULT_RATE) && !f->bytes)
        return statico__errf(err, n, "%s: a %s fault needs bytes > 0", what,
                             f->kind == STATICO_FAULT_RATE ? "rate" : "dribble"), -1;
    if (f->kind == STATICO_FAULT_RAW && (f->raw_len > ((uint32_t)1 << 30) || (f->raw_len && !f->raw)))
        return statico__errf(err, n, "%s: raw bytes without their pointer, or over 1 GiB", what), -1;
    return 0;
}

/* A route's steps: each a response the server would accept. 0, or -1. */
static int statico__check_steps(const statico_route *r, const char *what, char *err, size_t n)
{
    size_t k;
    if (r->step_count && !r->steps) return statico__errf(err, n, "%s: step_count without steps", what), -1;
    if (r->step_count > 65536) return statico__errf(err, n, "%s: at most 65536 steps", what), -1;
    for (k = 0; k < r->step_count; k++) {
        char sw[96];
        snprintf(sw, sizeof sw, "%s, step %zu", what, k + 1);
        if (statico_check_response(&r->steps[k].response, sw, err, n)) return -1;
        if (statico__check_fault(&r->steps[k].fault, sw, err, n)) return -1;
    }
    return 0;
}

/* Route i (0-based) as start or set_route would take it. 0, or -1. */
static int statico__check_route(const statico_route *r, size_t i, char *err, size_t n)
{
    char what[64];
    snprintf(what, sizeof what, "route %zu", i + 1);
    if (!r->path || (r->path[0] != '/' && strcmp(r->path, "*")))
        return statico__errf(err, n, "%s: the path must start with '/'", what), -1;
    if (r->method && strcmp(r->method, "*")) {
        const char *m = r->method;
        while (STATICO__IS(*m, STATICO__C_TOKEN)) m++;
        if (*m || m == r->method) return statico__errf(err, n, "%s: invalid method \"%s\"", what, r->method), -1;
    }
    if (statico_check_response(&r->response, what, err, n)) return -1;
    if (statico__check_steps(r, what, err, n)) return -1;
    return statico__check_match(r, what, err, n);
}

static statico_result statico__check_config(const statico_config *cfg, char *err, size_t n)
{
    size_t i, np = cfg->port_count ? cfg->port_count : 1;
    if (cfg->threads < 0 || cfg->threads > 4096) return statico__errf(err, n, "threads must be 1..4096"), STATICO_ERROR_CONFIG;
    if (np > 65535 || (cfg->port_count && !cfg->ports))
        return statico__errf(err, n, "invalid port list"), STATICO_ERROR_CONFIG;
    if (cfg->uring_entries && (cfg->uring_entries > 32768 || (cfg->uring_entries & (cfg->uring_entries - 1))))
        return statico__errf(err, n, "io_uring entries must be a power of two up to 32768"), STATICO_ERROR_CONFIG;
    if (cfg->max_head && (cfg->max_head < 256 || cfg->max_head > 65536))
        return statico__errf(err, n, "max head must be 256..65536 bytes"), STATICO_ERROR_CONFIG;
    if (cfg->max_target > 65535) return statico__errf(err, n, "max target must be 1..65535 bytes"), STATICO_ERROR_CONFIG;
    if (cfg->journal_size > (1u << 24) || cfg->journal_bytes > (1u << 24))
        return statico__errf(err, n, "journal size and bytes must be at most 16777216"), STATICO_ERROR_CONFIG;
    if (cfg->backend != STATICO_BACKEND_DEFAULT && cfg->backend != STATICO_BACKEND_POLL
        && !(STATICO__LINUX && (cfg->backend == STATICO_BACKEND_EPOLL || cfg->backend == STATICO_BACKEND_IO_URING)))
        return statico__errf(err, n, "this backend is not available here"), STATICO_ERROR_CONFIG;
    if (cfg->delay_max_us && cfg->delay_max_us < cfg->delay_us)
        return statico__errf(err, n, "delay_max_us is below delay_us"), STATICO_ERROR_CONFIG;
    if (statico_check_response(&cfg->response, "response", err, n)) return STATICO_ERROR_CONFIG;
    for (i = 0; i < cfg->route_count; i++)
        if (statico__check_route(&cfg->routes[i], i, err, n)) return STATICO_ERROR_CONFIG;
    return STATICO_OK;
}

/* Every "0 = default" of the configuration, resolved once: the rest of the
 * server reads plain values. */
static void statico__resolve_defaults(statico_config *c)
{
    if (c->threads <= 0) c->threads = 1;
    if (!c->backend) c->backend = STATICO__LINUX ? STATICO_BACKEND_EPOLL : STATICO_BACKEND_POLL;
    if (c->listen_backlog <= 0) c->listen_backlog = 4096;
    if (!c->max_head) c->max_head = STATICO_MAX_HEAD;
    if (!c->max_target) c->max_target = STATICO_MAX_TARGET;
    /* Bodies only discarded need no limit; kept ones (verbose bodies) do. */
    if (!c->max_body) c->max_body = c->verbose >= 3 ? (uint64_t)64 << 20 : UINT64_MAX;
    if (!c->max_connections) c->max_connections = 65536;
    if (!c->header_timeout_ms) c->header_timeout_ms = 10000;
    if (!c->body_timeout_ms) c->body_timeout_ms = 10000;
    if (!c->idle_timeout_ms) c->idle_timeout_ms = 60000;
    if (!c->uring_entries) c->uring_entries = 4096;
    if (!c->journal_bytes) c->journal_bytes = 4096;
}

/* A route's steps, copied with their responses, into rv. */
static int statico__own_steps(statico__rv *rv)
{
    statico_route *r = &rv->route;
    statico_step *st;
    size_t k;
    if (!r->step_count) return r->steps = NULL, 0;
    if (!(st = (statico_step *)statico__own(&rv->own, r->steps, r->step_count * sizeof *st))) return -1;
    for (k = 0; k < r->step_count; k++) {
        if (statico__own_response(&rv->own, &st[k].response)) return -1;
        if (st[k].fault.raw_len && !(st[k].fault.raw = statico__own(&rv->own, st[k].fault.raw, st[k].fault.raw_len)))
            return -1;
    }
    r->steps = st;
    return 0;
}

/* The version's conditions, compiled once: copies of the strings, split
 * into name, value and kind. 0, or -1 out of memory. */
static int statico__compile_conds(statico__rv *rv)
{
    statico_match *m = &rv->route.match;
    size_t n = m->query_count + m->header_count, k;
    if (n && !(rv->conds.c = (statico__cond *)STATICO_MALLOC(n * sizeof *rv->conds.c))) return -1;
    for (k = 0; k < n; k++) {
        int header = k >= m->query_count;
        const char *src = header ? m->headers[k - m->query_count] : m->query[k];
        char *own = statico__own(&rv->own, src, strlen(src) + 1);
        statico__cond *c = &rv->conds.c[k];
        size_t j;
        if (!own) return -1;
        statico__cond_parse(own, header, c); /* checked before */
        for (j = 0; header && j < c->name_len; j++) { /* statico__ieq takes a lower-case name */
            char *nm = own + (c->name - own) + j;
            if (*nm >= 'A' && *nm <= 'Z') *nm = (char)(*nm | 0x20);
        }
    }
    rv->conds.n = n;
    m->query = NULL; /* the caller's memory: only the compiled copies are used */
    m->headers = NULL;
    return 0;
}

/* A new version of a (checked) route: its own copies, its conditions
 * compiled, one reference (the server's table). NULL out of memory. */
static statico__rv *statico__rv_new(const statico_route *src)
{
    statico__rv *rv = (statico__rv *)STATICO_MALLOC(sizeof *rv);
    statico_route *r;
    if (!rv) return NULL;
    memset(rv, 0, sizeof *rv);
    rv->refs = 1;
    r = &rv->route;
    *r = *src;
    rv->nresp = r->step_count ? (uint32_t)r->step_count : 1;
    if ((r->method && !(r->method = statico__own(&rv->own, r->method, strlen(r->method))))
        || !(r->path = statico__own(&rv->own, r->path, strlen(r->path)))
        || (r->name && !(r->name = statico__own(&rv->own, r->name, strlen(r->name))))
        || (r->match.body && !(r->match.body = statico__own(&rv->own, r->match.body, r->match.body_len)))
        || statico__own_response(&rv->own, &r->response) || statico__own_steps(rv) || statico__compile_conds(rv)) {
        statico__rv_put(rv);
        return NULL;
    }
    return rv;
}

/* The server's own copy of the configuration (cfg may be freed after
 * start), its defaults resolved once. 0, or -1 out of memory. */
static int statico__own_config(statico_server *s, const statico_config *cfg)
{
    size_t i, rc = cfg->route_count;
    s->cfg = *cfg;
    if (rc) {
        if (!(s->routes = (statico_route *)STATICO_MALLOC(rc * sizeof *s->routes))
            || !(s->rv = (statico__rv **)STATICO_MALLOC(rc * sizeof *s->rv)))
            return -1;
        memset(s->rv, 0, rc * sizeof *s->rv);
        for (i = 0; i < rc; i++) {
            if (!(s->rv[i] = statico__rv_new(&cfg->routes[i]))) return -1;
            s->routes[i] = s->rv[i]->route;
        }
    }
    if (statico__own_response(&s->own, &s->cfg.response)) return -1;
    if (rc) { /* with routes, some requests may match none: the first ones are kept */
        if (!(s->kept = (statico__kept *)STATICO_MALLOC(STATICO__KEEP * sizeof *s->kept))) return -1;
        memset(s->kept, 0, STATICO__KEEP * sizeof *s->kept);
    }
    s->cfg.routes = s->routes;
    s->cfg.address = NULL;
    s->cfg.ports = NULL;
    statico__resolve_defaults(&s->cfg);
    if (!s->cfg.seed) { /* picked, and said in the notice when something random uses it */
        s->seed_picked = 1;
        s->cfg.seed = (statico__now_us() ^ (uint64_t)getpid() << 32) | 1;
    }
    return 0;
}

/* A step's fault in its encoding: raw bytes replace every variant (no
 * status: 0); the pace of dribble and rate (rate: a piece every 10 ms, or
 * one byte at a time below 100 bytes a second). 0, or -1 out of memory. */
static int statico__encode_fault(statico__enc *e, const statico_fault *f)
{
    int v;
    e->fault = (uint8_t)f->kind;
    if (f->kind == STATICO_FAULT_TRUNCATE) e->cut = f->bytes;
    if (f->kind == STATICO_FAULT_DRIBBLE) {
        e->piece = f->bytes;
        e->every = f->every_us;
    }
    if (f->kind == STATICO_FAULT_RATE) {
        e->every = 10000;
        if (!(e->piece = f->bytes / 100)) {
            e->piece = 1;
            e->every = 1000000 / f->bytes;
        }
    }
    if (f->kind == STATICO_FAULT_CLOSE || f->kind == STATICO_FAULT_RESET || f->kind == STATICO_FAULT_STALL
        || f->kind == STATICO_FAULT_RAW)
        e->status = 0; /* no status line goes out */
    if (f->kind != STATICO_FAULT_RAW) return 0;
    if (e->bodyfd) close(e->bodyfd - 1);
    e->bodyfd = 0;
    e->body = NULL;
    e->body_len = 0;
    for (v = 0; v < STATICO__VARIANTS; v++) {
        char *b;
        if (!e->buf[v]) continue;
        if (!(b = (char *)STATICO_REALLOC(e->buf[v], f->raw_len ? f->raw_len : 1))) return -1;
        if (f->raw_len) memcpy(b, f->raw, f->raw_len);
        e->buf[v] = b;
        e->len[v] = e->head_len[v] = (uint32_t)f->raw_len;
        e->date_off[v] = 0;
    }
    return 0;
}

/* Version rv's responses encoded for a worker into enc[0..nresp), as route
 * r's. 0, or -1 out of memory (nothing kept). */
static int statico__rv_encode(const statico_server *s, const statico__rv *rv, size_t r, statico__enc *enc)
{
    uint32_t k;
    for (k = 0; k < rv->nresp; k++) {
        const statico_response *resp = rv->route.step_count ? &rv->route.steps[k].response : &rv->route.response;
        if (statico__encode(&enc[k], resp, !s->cfg.no_date, NULL)) {
            while (k + 1 > 0) statico__enc_free(&enc[k--]);
            return -1;
        }
        enc[k].route = (int)r;
        enc[k].status = resp->status ? resp->status : 200;
        if (rv->route.step_count && rv->route.steps[k].fault.kind && statico__encode_fault(&enc[k], &rv->route.steps[k].fault)) {
            while (k + 1 > 0) statico__enc_free(&enc[k--]);
            return -1;
        }
        statico__enc_file(&enc[k], statico__file_min(&s->cfg));
    }
    return 0;
}

/* Every route's current version, encoded and installed in the worker's
 * slots. 0, or -1 out of memory. */
static int statico__encode_routes(statico_server *s, statico__worker *w)
{
    size_t r, rc = s->cfg.route_count;
    if (!(w->rt = (statico__wroute *)STATICO_MALLOC((rc + 1) * sizeof *w->rt))
        || !(w->routes = (statico_route *)STATICO_MALLOC((rc + 1) * sizeof *w->routes)))
        return -1;
    memset(w->rt, 0, (rc + 1) * sizeof *w->rt);
    for (r = 0; r < rc; r++) {
        statico__enc *tmp = (statico__enc *)STATICO_MALLOC(s->rv[r]->nresp * sizeof *tmp);
        int bad = !tmp || statico__rv_encode(s, s->rv[r], r, tmp);
        if (!bad && statico__route_install(w, r, s->rv[r], tmp)) {
            uint32_t k;
            for (k = 0; k < s->rv[r]->nresp; k++) statico__enc_free(&tmp[k]);
            bad = 1;
        }
        STATICO_FREE(tmp);
        if (bad) return -1;
    }
    return 0;
}


/* The worker's journal ring, allocated and touched once at start (it
 * never grows): journal_size entries of journal_bytes (rounded up to a
 * word) each. 0, or -1 out of memory. */
static int statico__journal_init(statico__worker *w, const statico_config *cfg)
{
    size_t bytes;
    if (!cfg->journal_size) return 0;
    w->jcap = cfg->journal_size;
    w->jbytes = (cfg->journal_bytes + 7u) & ~7u;
    bytes = w->jlog = (size_t)w->jcap * w->jbytes;
    if (!(w->jring = (statico__jentry *)STATICO_MALLOC((size_t)w->jcap * sizeof *w->jring))) return -1;
    memset(w->jring, 0, (size_t)w->jcap * sizeof *w->jring);
    if (!(w->jdata = (char *)STATICO_MALLOC(bytes ? bytes : 8))) return -1;
    memset(w->jdata, 0, bytes);
    return 0;
}

/* What worker t needs whatever its backend: timers, buffers, slots,
 * counters, the encoded responses. 0, or -1 out of memory. */
static int statico__worker_init(statico_server *s, statico__worker *w, int t)
{
    const statico_config *cfg = &s->cfg;
    uint32_t max_head = cfg->max_head;
    size_t e;
    w->srv = s;
    w->index = t;
    w->rng = cfg->seed + (uint64_t)t * UINT64_C(0x632be59bd9b4e019); /* one stream per worker */
    w->delays = (cfg->delay_us | cfg->body_delay_us | cfg->delay_max_us) != 0;
    w->backend = (int)cfg->backend;
    if (w->backend == STATICO_BACKEND_IO_URING) { /* epoll is set up too: the fallback */
        w->backend = STATICO_BACKEND_EPOLL;
        w->want_uring = 1;
    }
    w->listening = 1;
    w->tdur[STATICO__T_HEADER] = cfg->header_timeout_ms;
    w->tdur[STATICO__T_BODY] = cfg->body_timeout_ms;
    w->tdur[STATICO__T_IDLE] = cfg->idle_timeout_ms;
    w->tdur[STATICO__T_LINGER] = STATICO__LINGER_MS;
    w->req.max_head = max_head;
    w->req.max_target = cfg->max_target;
    w->rcap = max_head + 65536;
    /* The slot array is reserved whole but touched slot by slot, so an
     * idle server stays small. */
    w->cap = cfg->max_connections;
    if (!(w->conns = (statico__conn *)STATICO_MALLOC((size_t)w->cap * sizeof *w->conns))) return -1;
    if (!(w->rbuf = (char *)STATICO_MALLOC(w->rcap))) return -1;
    if (!(w->port_counters = (statico__counters *)STATICO_MALLOC(s->nports * sizeof *w->port_counters))) return -1;
    memset(w->port_counters, 0, s->nports * sizeof *w->port_counters);
    if (statico__slots(w, STATICO__ENC_ROUTES) != STATICO__ENC_DEFAULT) return -1;
    if (statico__encode(&w->enc[STATICO__ENC_DEFAULT], &cfg->response, !cfg->no_date, NULL)) return -1;
    w->file_min = statico__file_min(cfg);
    statico__enc_file(&w->enc[STATICO__ENC_DEFAULT], w->file_min);
    w->nodelay = w->enc[STATICO__ENC_DEFAULT].bodyfd != 0;
    w->enc[STATICO__ENC_DEFAULT].route = STATICO_ROUTE_DEFAULT;
    w->enc[STATICO__ENC_DEFAULT].status = cfg->response.status ? cfg->response.status : 200;
    for (e = 0; e < STATICO__E_COUNT; e++) {
        statico_response er;
        statico__enc *en = &w->enc[STATICO__ENC_ERROR + e];
        memset(&er, 0, sizeof er);
        er.status = statico__error_status[e];
        if (statico__encode(en, &er, !cfg->no_date, NULL)) return -1;
        en->route = STATICO_ROUTE_ANY;
        en->status = er.status;
    }
    w->enc[STATICO__ENC_DROPPED].route = STATICO_ROUTE_ANY;
    w->enc[STATICO__ENC_DROPPED].fault = STATICO_FAULT_DROPPED;
    for (e = 0; e < STATICO__ENC_ROUTES; e++) w->enc[e].used = 1;
    if (statico__encode_routes(s, w)) return -1;
    if (!(w->route_counts = (uint64_t *)STATICO_MALLOC((cfg->route_count + 2) * sizeof *w->route_counts))) return -1;
    memset(w->route_counts, 0, (cfg->route_count + 2) * sizeof *w->route_counts);
    return statico__journal_init(w, cfg);
}

/* Port p goes to worker t: every port with bind_all, else port i on worker
 * i mod T and, with more workers than ports, worker t also on port t mod P. */
static int statico__serves(const statico_server *s, int t, size_t p)
{
    size_t nt = (size_t)s->nw, np = s->nports;
    return s->cfg.bind_all || (size_t)t == p % nt || (nt > np && p == (size_t)t % np);
}

/* Worker t's listeners (each of its ports on every address), its wake
 * descriptor, and the epoll or poll set that watches them. */
static statico_result statico__worker_sockets(statico_server *s, statico__worker *w, int t, char *err, size_t n)
{
    const statico_config *cfg = &s->cfg;
    size_t p, cnt = 0, na = (size_t)s->naddr;
    for (p = 0; p < s->nports; p++) cnt += statico__serves(s, t, p) ? na : 0;
    if (!(w->lfd = (int *)STATICO_MALLOC(cnt * sizeof *w->lfd))) goto oom;
    if (!(w->lport = (uint16_t *)STATICO_MALLOC(cnt * sizeof *w->lport))) goto oom;
    for (p = 0; p < s->nports * na; p++) { /* port p / na on address p % na */
        int en = 0, fd;
        if (!statico__serves(s, t, p / na)) continue;
        fd = statico__listen(s, (int)(p % na), s->ports[p / na], 1, cfg->listen_backlog,
                             NULL, &en);
        if (fd < 0) {
            statico__errf(err, n, "port %u: %s", (unsigned)s->ports[p / na], strerror(en));
            return en == EADDRINUSE || en == EACCES ? STATICO_ERROR_BIND : STATICO_ERROR_SYSTEM;
        }
        w->lfd[w->nl] = fd;
        w->lport[w->nl] = (uint16_t)(p / na);
        w->nl++;
    }
    w->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
#if STATICO__LINUX
    w->wake_r = w->wake_w = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (w->wake_r < 0) goto sys;
    if (w->backend == STATICO_BACKEND_EPOLL) {
        struct epoll_event ev;
        int l;
        if ((w->ep = epoll_create1(EPOLL_CLOEXEC)) < 0) goto sys;
        ev.events = EPOLLIN;
        ev.data.u64 = STATICO__TAG_WAKE;
        if (epoll_ctl(w->ep, EPOLL_CTL_ADD, w->wake_r, &ev) < 0) goto sys;
        for (l = 0; l < w->nl; l++) {
            ev.events = EPOLLIN;
            ev.data.u64 = STATICO__TAG_LISTEN | (uint64_t)l;
            if (epoll_ctl(w->ep, EPOLL_CTL_ADD, w->lfd[l], &ev) < 0) goto sys;
        }
        return STATICO_OK;
    }
#else
    {
        int pfd[2];
        if (pipe(pfd) < 0) goto sys;
        w->wake_r = pfd[0];
        w->wake_w = pfd[1];
        fcntl(pfd[0], F_SETFL, O_NONBLOCK);
        fcntl(pfd[1], F_SETFL, O_NONBLOCK);
    }
#endif
    w->pfd_cap = (size_t)w->nl + 1 + w->cap;
    if (!(w->pfd = (struct pollfd *)STATICO_MALLOC(w->pfd_cap * sizeof *w->pfd))) goto oom;
    for (p = 0; p < w->pfd_cap; p++) {
        w->pfd[p].fd = p < (size_t)w->nl ? w->lfd[p] : p == (size_t)w->nl ? w->wake_r : -1;
        w->pfd[p].events = POLLIN;
        w->pfd[p].revents = 0;
    }
    return STATICO_OK;
oom:
    statico__errf(err, n, "out of memory");
    return STATICO_ERROR_MEMORY;
sys:
    statico__errf(err, n, "system error: %s", strerror(errno));
    return STATICO_ERROR_SYSTEM;
}

/* The lock and conditions workers and callers share (start, waits), and
 * the reset baseline of the counts. 0, or -1. */
static int statico__sync_init(statico_server *s)
{
    if (!(s->count_base = (uint64_t *)STATICO_MALLOC((s->cfg.route_count + 2) * sizeof *s->count_base))) return -1;
    memset(s->count_base, 0, (s->cfg.route_count + 2) * sizeof *s->count_base);
    if (pthread_mutex_init(&s->lock, NULL)) return -1;
    if (pthread_cond_init(&s->ready_cond, NULL)) return pthread_mutex_destroy(&s->lock), -1;
    if (pthread_cond_init(&s->wait_cond, NULL)) {
        pthread_mutex_destroy(&s->lock);
        pthread_cond_destroy(&s->ready_cond);
        return -1;
    }
    if (pthread_mutex_init(&s->jlock, NULL)) {
        pthread_mutex_destroy(&s->lock);
        pthread_cond_destroy(&s->ready_cond);
        pthread_cond_destroy(&s->wait_cond);
        return -1;
    }
    if (pthread_mutex_init(&s->rlock, NULL)) {
        pthread_mutex_destroy(&s->lock);
        pthread_cond_destroy(&s->ready_cond);
        pthread_cond_destroy(&s->wait_cond);
        pthread_mutex_destroy(&s->jlock);
        return -1;
    }
    s->sync_made = 1;
    s->t0_us = statico__now_us();
    return 0;
}

/* Start the workers and wait until each runs on its backend (the notice
 * names it). */
static statico_result statico__start_workers(statico_server *s, char *err, size_t n)
{
    int t;
    for (t = 0; t < s->nw; t++) {
        statico__worker *w = &s->w[t];
        w->cpu = s->cfg.pin ? statico__cpu_for(t) : -1;
        if (pthread_create(&w->thread, NULL, statico__worker_main, w)) goto sys;
        w->thread_started = 1;
    }
    pthread_mutex_lock(&s->lock);
    while (s->ready < s->nw) pthread_cond_wait(&s->ready_cond, &s->lock);
    pthread_mutex_unlock(&s->lock);
    statico__notice(s);
    return STATICO_OK;
sys:
    statico__errf(err, n, "system error: %s", strerror(errno));
    return STATICO_ERROR_SYSTEM;
}

/* Everything a server needs; with sockets == 0 no socket, descriptor or
 * thread (the engine tests drive worker 0 by hand). */
static statico_result statico__setup(const statico_config *cfg, statico_server **out, char *err, size_t err_size,
                                     int sockets)
{
    statico_server *s;
    statico_result res;
    size_t i, np;
    int t;
    if (out) *out = NULL;
    if (!cfg || !out) {
        statico__errf(err, err_size, "no configuration");
        return STATICO_ERROR_CONFIG;
    }
    if ((res = statico__check_config(cfg, err, err_size)) != STATICO_OK) return res;
    statico__huff_init(); /* HTTP/2's Huffman decoder, built once per process */
    if (!(s = (statico_server *)STATICO_MALLOC(sizeof *s))) return STATICO_ERROR_MEMORY;
    memset(s, 0, sizeof *s);
    np = cfg->port_count ? cfg->port_count : 1;
    if (statico__own_config(s, cfg) || !(s->ports = (uint16_t *)STATICO_MALLOC(np * sizeof *s->ports))) goto oom;
    s->nports = np;
    if (statico__parse_address(s, cfg->address, err, err_size)) {
        res = STATICO_ERROR_ADDRESS;
        goto fail;
    }
    for (i = 0; i < np && sockets; i++) {
        int en = 0;
        uint16_t want = cfg->port_count ? cfg->ports[i] : 0;
        if (statico__probe_port(s, want, &s->ports[i], &en)) {
            statico__errf(err, err_size, "port %u: %s", (unsigned)want, strerror(en));
            res = en == EADDRINUSE || en == EACCES ? STATICO_ERROR_BIND : STATICO_ERROR_SYSTEM;
            if (en == EADDRNOTAVAIL) res = STATICO_ERROR_ADDRESS;
            goto fail;
        }
    }
    s->nw = s->cfg.threads;
    if (statico__sync_init(s)) goto oom;
    if (!(s->w = (statico__worker *)STATICO_MALLOC((size_t)s->nw * sizeof *s->w))) goto oom;
    memset(s->w, 0, (size_t)s->nw * sizeof *s->w);
    for (t = 0; t < s->nw; t++) s->w[t].ep = s->w[t].wake_r = s->w[t].wake_w = s->w[t].reserve_fd = -1;
    for (t = 0; t < s->nw; t++) {
        if (statico__worker_init(s, &s->w[t], t)) goto oom;
        if (sockets && (res = statico__worker_sockets(s, &s->w[t], t, err, err_size)) != STATICO_OK) goto fail;
    }
    if (sockets && (res = statico__start_workers(s, err, err_size)) != STATICO_OK) goto fail;
    *out = s;
    return STATICO_OK;
oom:
    statico__errf(err, err_size, "out of memory");
    res = STATICO_ERROR_MEMORY;
fail:
    if (s->w) {
        for (t = 0; t < s->nw; t++) STATICO__SET(s->w[t].stop, 1);
        statico_server_stop(s);
    } else {
        statico__free_server(s);
    }
    return res;
}

STATICO_API statico_result statico_server_start(const statico_config *cfg, statico_server **out, char *err,
                                                size_t err_size)
{
    return statico__setup(cfg, out, err, err_size, 1);
}

STATICO_API int statico_server_port(const statico_server *s, size_t i)
{
    return s && i < s->nports ? s->ports[i] : -1;
}

STATICO_API void statico_server_halt(statico_server *s)
{
    int t;
    if (!s) return;
    for (t = 0; t < s->nw; t++) {
        statico__worker *w = &s->w[t];
        uint64_t one = 1;
        if (!w->thread_started) continue;
        STATICO__SET(w->stop, 1);
        if (w->wake_w >= 0 && write(w->wake_w, &one, sizeof one) < 0) {}
    }
    for (t = 0; t < s->nw; t++)
        if (s->w[t].thread_started) {
            pthread_join(s->w[t].thread, NULL);
            s->w[t].thread_started = 0;
        }
    if (s->sync_made) { /* waits end: nothing will count any more */
        pthread_mutex_lock(&s->lock);
        s->stopped = 1;
        pthread_cond_broadcast(&s->wait_cond);
        pthread_mutex_unlock(&s->lock);
    }
}

STATICO_API void statico_server_stop(statico_server *s)
{
    if (!s) return;
    statico_server_halt(s);
    statico__free_server(s);
}

STATICO_API void statico_server_stats(const statico_server *s, int port, statico_stats *st)
{
    int t;
    size_t p;
    memset(st, 0, sizeof *st);
    if (!s) return;
    for (t = 0; t < s->nw; t++) {
        const statico__worker *w = &s->w[t];
        if (!w->port_counters) continue;
        for (p = 0; p < s->nports; p++) {
            statico__counters *k = &w->port_counters[p];
            if (port >= 0 && (size_t)port != p) continue;
            st->requests += STATICO__READ(k->requests);
            st->request_bytes += STATICO__READ(k->request_bytes);
            st->responses += STATICO__READ(k->responses);
            st->response_bytes += STATICO__READ(k->response_bytes);
            st->connections += STATICO__READ(k->connections);
            st->file_bytes += STATICO__READ(k->file_bytes);
        }
        if (port < 0 && w->jring) {
            uint64_t pub = STATICO__READ(w->jpub);
            st->journal_overflow += (pub > w->jcap ? pub - w->jcap : 0) + STATICO__READ(w->jlost);
        }
    }
}

/* Counter index of a route number; -1 when there is no such route. */
static long statico__count_index(const statico_server *s, int route)
{
    size_t rc = s->cfg.route_count;
    if (route >= 0) return (size_t)route < rc ? (long)route : -1;
    return route == STATICO_ROUTE_DEFAULT ? (long)rc : route == STATICO_ROUTE_ANY ? (long)rc + 1 : -1;
}

/* The workers' counts at index i, summed (relaxed loads of plain sums). */
static uint64_t statico__count_sum(const statico_server *s, long i)
{
    uint64_t n = 0;
    int t;
    for (t = 0; t < s->nw; t++)
        if (s->w[t].route_counts) n += STATICO__READ(s->w[t].route_counts[i]);
    return n;
}

STATICO_API uint64_t statico_server_count(statico_server *s, int route)
{
    long i = s ? statico__count_index(s, route) : -1;
    uint64_t n;
    if (i < 0) return 0;
    pthread_mutex_lock(&s->lock);
    n = statico__count_sum(s, i) - s->count_base[i];
    pthread_mutex_unlock(&s->lock);
    return n;
}

/* Waiting: the caller registers (waiters), then looks at the counts under
 * the lock; a worker that counted looks at waiters after a fence and
 * broadcasts under the same lock, so the wake-up cannot slip between the
 * look and the sleep. */
STATICO_API int statico_server_wait(statico_server *s, int route, uint64_t n, int timeout_ms)
{
    long i = s ? statico__count_index(s, route) : -1;
    struct timespec until;
    int reached;
    if (i < 0) return 0;
    clock_gettime(CLOCK_REALTIME, &until);
    if (timeout_ms >= 0) {
        until.tv_sec += timeout_ms / 1000;
        until.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
        if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&s->lock);
#if defined(__GNUC__) || defined(__clang__)
    __atomic_add_fetch(&s->waiters, 1, __ATOMIC_SEQ_CST);
#else
    s->waiters++;
#endif
    while (!(reached = statico__count_sum(s, i) - s->count_base[i] >= n) && !s->stopped) {
        int r = timeout_ms >= 0 ? pthread_cond_timedwait(&s->wait_cond, &s->lock, &until)
                                : pthread_cond_wait(&s->wait_cond, &s->lock);
        if (r == ETIMEDOUT) {
            reached = statico__count_sum(s, i) - s->count_base[i] >= n;
            break;
        }
    }
#if defined(__GNUC__) || defined(__clang__)
    __atomic_sub_fetch(&s->waiters, 1, __ATOMIC_SEQ_CST);
#else
    s->waiters--;
#endif
    pthread_mutex_unlock(&s->lock);
    return reached;
}

/* One entry of a worker's ring into the snapshot, when it is published,
 * at least from_seq, not reset away, and not rewritten while read. */
static int statico__jcopy(statico_server *s, const statico__worker *w, uint32_t i, uint64_t from_seq,
                          statico__jrec *r)
{
    const statico__jentry *e = &w->jring[i];
    const uint64_t *src;
#if defined(__GNUC__) || defined(__clang__)
    uint32_t v = __atomic_load_n(&e->ver, __ATOMIC_ACQUIRE);
#else
    uint32_t v = e->ver;
#endif
    uint64_t seq = STATICO__JGET(e->seq), data = STATICO__JGET(e->data), at = STATICO__JGET(e->at);
    size_t len, k, words;
    if ((v & 1) || !seq || seq < from_seq || seq <= s->jreset) return 0;
    memset(r, 0, sizeof *r);
    r->x.seq = seq;
    r->x.time_us = STATICO__JGET(e->time_us);
    r->x.connection = STATICO__JGET(e->conn);
    r->x.port_index = STATICO__JGET(e->port);
    r->x.route = STATICO__JGET(e->route);
    r->x.status = STATICO__JGET(e->status);
    r->x.fault = STATICO__JGET(e->fault);
    r->x.version = STATICO__JGET(e->version);
    r->x.method_len = STATICO__JGET(e->method_len);
    r->target_off = STATICO__JGET(e->target_off);
    r->x.target_len = STATICO__JGET(e->target_len);
    r->x.head_len = STATICO__JGET(e->head_len);
    r->x.body_len = STATICO__JGET(e->body_len);
    r->x.body_truncated = (int)STATICO__JGET(e->truncated);
    len = r->x.head_len + r->x.body_len;
    if (len > w->jbytes || at + len > w->jlog || r->target_off + r->x.target_len > r->x.head_len) return 0; /* torn */
    src = (const uint64_t *)(const void *)(w->jdata + at);
    words = (len + 7) / 8;
    if (statico__buf_grow_add(&s->jsnap, NULL, words * 8, 4096)) return 0;
    r->off = s->jsnap.n - words * 8;
    for (k = 0; k < words; k++) {
        uint64_t word = STATICO__JGET(src[k]);
        memcpy(s->jsnap.p + r->off + k * 8, &word, 8);
    }
#if defined(__GNUC__) || defined(__clang__)
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if (__atomic_load_n(&e->ver, __ATOMIC_RELAXED) != v || STATICO__JGET(w->jpos) - data > w->jlog) {
#else
    if (e->ver != v || w->jpos - data > w->jlog) {
#endif
        s->jsnap.n = r->off; /* rewritten meanwhile, or the log came round over its bytes */
        return 0;
    }
    return 1;
}

static int statico__jrec_order(const void *a, const void *b)
{
    uint64_t x = ((const statico__jrec *)a)->x.seq, y = ((const statico__jrec *)b)->x.seq;
    return x < y ? -1 : x > y;
}

/* A snapshot of every ring, in seq order: records copy the entries and
 * jsnap their bytes; the pointers are set once jsnap no longer moves. */
STATICO_API size_t statico_server_journal(statico_server *s, uint64_t from_seq, statico_exchange *out, size_t max)
{
    size_t n = 0, k;
    int t;
    if (!s || !s->sync_made) return 0;
    pthread_mutex_lock(&s->jlock);
    s->jsnap.n = 0;
    for (t = 0; t < s->nw; t++) {
        const statico__worker *w = &s->w[t];
        uint32_t i;
        for (i = 0; w->jring && i < w->jcap; i++) {
            if (n == s->jrecs_cap) {
                size_t nc = s->jrecs_cap ? s->jrecs_cap * 2 : 64;
                statico__jrec *nr = (statico__jrec *)STATICO_REALLOC(s->jrecs, nc * sizeof *nr);
                if (!nr) break;
                s->jrecs = nr;
                s->jrecs_cap = nc;
            }
            n += (size_t)statico__jcopy(s, w, i, from_seq, &s->jrecs[n]);
        }
    }
    if (n > 1) qsort(s->jrecs, n, sizeof *s->jrecs, statico__jrec_order);
    if (n > max) n = max;
    for (k = 0; k < n; k++) {
        statico__jrec *r = &s->jrecs[k];
        r->x.head = s->jsnap.p ? s->jsnap.p + r->off : ""; /* every exchange empty: no bytes were copied */
        r->x.method = r->x.head;
        r->x.target = r->x.head + r->target_off;
        r->x.body = r->x.head + r->x.head_len;
        out[k] = r->x;
    }
    pthread_mutex_unlock(&s->jlock);
    return n;
}

/* The report's text, appended (snprintf-style: n counts what would be
 * written, the buffer holds what fits). */
typedef struct statico__text {
    char *p;
    size_t n, size;
} statico__text;

static void statico__say(statico__text *t, const char *fmt, ...)
{
    va_list ap;
    int k;
    va_start(ap, fmt);
    k = vsnprintf(t->n < t->size ? t->p + t->n : NULL, t->n < t->size ? t->size - t->n : 0, fmt, ap);
    va_end(ap);
    if (k > 0) t->n += (size_t)k;
}

/* A condition as it was written ("id=4*", "!X-Key", "User-Agent: *curl*"). */
static void statico__say_cond(statico__text *t, const statico__cond *c)
{
    const char *pre = c->kind == STATICO__M_CONTAINS ? "*" : "", *post = c->kind >= STATICO__M_PREFIX ? "*" : "";
    if (c->kind == STATICO__M_ABSENT || c->kind == STATICO__M_PRESENT)
        statico__say(t, "%s%.*s", c->kind == STATICO__M_ABSENT ? "!" : "", (int)c->name_len, c->name);
    else
        statico__say(t, "%.*s%s%s%.*s%s", (int)c->name_len, c->name, c->header ? ": " : "=", pre, (int)c->value_len,
                     c->value, post);
}

/* How far route r gets with the exchange (x: as the journal kept it):
 * method, path, each condition, the body; the score, and in *why the
 * first check it fails (-1 method, -2 path, k >= 0 condition k, -4 the
 * body; -3 none). */
static int statico__route_score(const statico_server *s, size_t r, const statico__exchange *ex,
                                const statico_exchange *x, long *why)
{
    const statico_route *rt = &s->routes[r];
    const statico__conds *cs = &s->rv[r]->conds;
    int score = 0;
    size_t k;
    *why = -3;
    if (rt->method && strcmp(rt->method, "*")
        && (strlen(rt->method) != ex->method_len || memcmp(rt->method, ex->method, ex->method_len)))
        *why = -1;
    else
        score++;
    if (!statico__path_match(rt->path, ex->path, ex->path_len)) {
        if (*why == -3) *why = -2;
    } else {
        score++;
    }
    for (k = 0; k < cs->n; k++) {
        if (statico__cond_holds(&cs->c[k], ex)) score++;
        else if (*why == -3) *why = (long)k;
    }
    if (!x->body) return score; /* not read: no route looked at it */
    if (statico__body_holds(s->rv[r], (const char *)x->body, x->body_len, 0)) score++;
    else if (*why == -3) *why = -4;
    return score;
}

/* Where a path leaves a route's pattern: the first segment that differs
 * (segments split at '/'; '*' takes one non-empty segment, a final "**"
 * the rest). */
static void statico__say_path(statico__text *t, const char *pat, const char *path, size_t len)
{
    const char *p = pat, *q = path, *qe = path + len;
    int seg = 0;
    statico__say(t, "path %.*s: ", (int)len, path);
    while (*p == '/' && q < qe && *q == '/') {
        const char *pn = strchr(p + 1, '/'), *qn = (const char *)memchr(q + 1, '/', (size_t)(qe - q - 1));
        size_t pl = pn ? (size_t)(pn - p - 1) : strlen(p + 1), ql = qn ? (size_t)(qn - q - 1) : (size_t)(qe - q - 1);
        seg++;
        if (pl == 2 && !memcmp(p + 1, "**", 2) && !pn) break; /* the rest matches: not where it fails */
        if (!(pl == 1 && p[1] == '*' && ql) && (pl != ql || memcmp(p + 1, q + 1, pl))) {
            statico__say(t, "segment %d is '%.*s' where the route has '%.*s'\n", seg, (int)ql, q + 1, (int)pl, p + 1);
            return;
        }
        p += 1 + pl;
        q += 1 + ql;
    }
    if (*p == '/' && q == qe) statico__say(t, "it ends where the route has '%s'\n", p);
    else if (!*p && q < qe) statico__say(t, "'%.*s' is more than the route has\n", (int)(qe - q), q);
    else statico__say(t, "it does not match '%s'\n", pat);
}

/* One unmatched request (its head: head[0..hl)) against its closest route. */
static void statico__explain_head(const statico_server *s, const statico_exchange *x, const char *head, size_t hl,
                                  statico__text *t)
{
    statico_request rq;
    statico__exchange ex;
    size_t r, best = 0;
    int best_score = -1;
    long why = 0, w;
    memset(&rq, 0, sizeof rq);
    rq.max_head = 65536;
    if (statico_parse_request(&rq, head, hl) <= 0) {
        statico__say(t, "#%llu (its head does not parse again)\n", (unsigned long long)x->seq);
        return;
    }
    statico__say(t, "#%llu %.*s %.*s\n", (unsigned long long)x->seq, (int)rq.method.len, head + rq.method.off,
                 (int)rq.target.len, head + rq.target.off);
    statico__h1_exchange(&ex, &rq, head, hl);
    for (r = 0; r < s->cfg.route_count; r++) {
        int sc = statico__route_score(s, r, &ex, x, &w);
        if (sc > best_score) best_score = sc, best = r, why = w;
    }
    if (best_score < 0) {
        statico__say(t, "  no routes\n");
        return;
    }
    statico__say(t, "  closest: route %zu%s%s%s '%s %s': ", best, s->routes[best].name ? " (" : "",
                 s->routes[best].name ? s->routes[best].name : "", s->routes[best].name ? ")" : "",
                 s->routes[best].method ? s->routes[best].method : "*", s->routes[best].path);
    if (why == -1) statico__say(t, "method %.*s, not %s\n", (int)ex.method_len, ex.method, s->routes[best].method);
    else if (why == -2) statico__say_path(t, s->routes[best].path, ex.path, ex.path_len);
    else if (why == -4)
        statico__say(t, "its body (%zu bytes%s) %s \"%.*s\"\n", x->body_len, x->body_truncated ? " kept" : "",
                     s->routes[best].match.body_contains ? "does not contain" : "is not",
                     (int)(s->routes[best].match.body_len > 64 ? 64 : s->routes[best].match.body_len),
                     (const char *)s->routes[best].match.body);
    else {
        const statico__cond *c = &s->rv[best]->conds.c[why];
        statico__say(t, "%s condition ", c->header ? "header" : "query");
        statico__say_cond(t, c);
        statico__say(t, " fails\n");
    }
}

/* An HTTP/2 request's head says "HTTP/2" on its line, which the parser
 * refuses: it is read as HTTP/1.0 (no Host needed) instead. */
static void statico__explain(const statico_server *s, const statico_exchange *x, statico__text *t)
{
    const char *eol = (const char *)memchr(x->head, '\r', x->head_len);
    size_t k = eol ? (size_t)(eol - x->head) : 0;
    char *h1;
    if (k < 7 || memcmp(eol - 7, " HTTP/2", 7) || !(h1 = (char *)STATICO_MALLOC(x->head_len + 2))) {
        statico__explain_head(s, x, x->head, x->head_len, t);
        return;
    }
    memcpy(h1, x->head, k - 6);
    memcpy(h1 + k - 6, "HTTP/1.0", 8);
    memcpy(h1 + k + 2, eol, x->head_len - k);
    statico__explain_head(s, x, h1, x->head_len + 2, t);
    STATICO_FREE(h1);
}

STATICO_API size_t statico_server_report(statico_server *s, char *buf, size_t size)
{
    statico__text t;
    uint64_t unmatched;
    int i;
    t.p = buf;
    t.n = 0;
    t.size = buf ? size : 0;
    if (t.size) buf[0] = 0;
    if (!s) return 0;
    if (!s->kept) {
        statico__say(&t, "no routes: every request gets the default response\n");
        return t.n;
    }
    unmatched = statico_server_count(s, STATICO_ROUTE_DEFAULT);
    statico__say(&t, "%llu request%s matched no route%s\n", (unsigned long long)unmatched, unmatched == 1 ? "" : "s",
                 unmatched > STATICO__KEEP ? "; the first ones:" : "");
    pthread_mutex_lock(&s->rlock); /* the routes, against set_route */
    for (i = 0; i < STATICO__KEEP; i++) {
        const statico__kept *k = &s->kept[i];
        statico_exchange x;
        if (STATICO__GET(s->kept[i].state) != 2) continue;
        if (k->head_cut) {
            statico__say(&t, "#%d (its head was longer than %d bytes: not explained)\n", i + 1, STATICO__KEEP_HEAD);
            continue;
        }
        memset(&x, 0, sizeof x);
        x.seq = (uint64_t)i + 1;
        x.head = k->head;
        x.head_len = k->head_len;
        x.body = k->body_known ? k->body : NULL;
        x.body_len = k->body_len;
        x.body_truncated = k->head_cut || k->body_cut;
        statico__explain(s, &x, &t);
    }
    pthread_mutex_unlock(&s->rlock);
    return t.n;
}

STATICO_API void statico_server_reset(statico_server *s)
{
    long i;
    if (!s) return;
    pthread_mutex_lock(&s->lock);
    for (i = 0; i < (long)s->cfg.route_count + 2; i++) s->count_base[i] = statico__count_sum(s, i);
    pthread_mutex_lock(&s->rlock);
    for (i = 0; i < (long)s->cfg.route_count; i++) STATICO__SET(s->rv[i]->pos, (uint64_t)0); /* sequences rewind */
    for (i = 0; s->kept && i < STATICO__KEEP; i++) /* kept ones go; one being written stays */
        if (STATICO__GET(s->kept[i].state) == 2) STATICO__SET(s->kept[i].state, 0);
    if (s->kept) STATICO__SET(s->kept_next, 0u);
    pthread_mutex_unlock(&s->rlock);
    pthread_mutex_unlock(&s->lock);
    pthread_mutex_lock(&s->jlock);
#if defined(__GNUC__) || defined(__clang__)
    s->jreset = __atomic_load_n(&s->jseq, __ATOMIC_RELAXED);
#else
    s->jreset = s->jseq;
#endif
    s->jsnap.n = 0;
    pthread_mutex_unlock(&s->jlock);
}

/* Wait until every running worker took hand-over ticket: a short spin
 * (a busy worker takes it within its loop pass), then short sleeps. A
 * worker that stops, or does not take it within 5 s, ends the wait. */
static statico_result statico__post_wait(statico_server *s, uint64_t ticket, char *err, size_t n)
{
    uint64_t give_up = statico__now_us() + 5000000;
    int t, spins;
    for (t = 0; t < s->nw; t++) {
        statico__worker *w = &s->w[t];
        for (spins = 0; w->thread_started && STATICO__GET(w->applied) < ticket && !STATICO__GET(w->stop); spins++) {
            struct timespec ts = {0, 20000};
            if (spins < 64) {
                sched_yield();
            } else if (statico__now_us() > give_up) {
                statico__errf(err, n, "worker %d did not take the new route within 5 s", t);
                return STATICO_ERROR_SYSTEM;
            } else {
                nanosleep(&ts, NULL);
            }
        }
    }
    return STATICO_OK;
}

/* set_route's hand-over of version rv as route r: the version encoded for
 * each worker (all of them, before any is told), then posted; a running
 * worker takes it at the end of its loop pass (woken for it), one that
 * does not run (engine tests, a halted server) on this thread. Waits until
 * every running worker has it. */
static statico_result statico__post(statico_server *s, size_t r, statico__rv *rv, char *err, size_t n)
{
    statico__mail **m = (statico__mail **)STATICO_MALLOC((size_t)s->nw * sizeof *m);
    uint64_t ticket = ++s->ticket, one = 1;
    int t, k;
    if (!m) return statico__errf(err, n, "out of memory"), STATICO_ERROR_MEMORY;
    for (t = 0; t < s->nw; t++) {
        m[t] = (statico__mail *)STATICO_MALLOC(sizeof **m + rv->nresp * sizeof(statico__enc));
        if (m[t]) m[t]->enc = (statico__enc *)(void *)(m[t] + 1);
        if (!m[t] || statico__rv_encode(s, rv, r, m[t]->enc)) {
            for (STATICO_FREE(m[t]); t > 0; t--) {
                for (k = 0; k < (int)rv->nresp; k++) statico__enc_free(&m[t - 1]->enc[k]);
                STATICO_FREE(m[t - 1]);
            }
            STATICO_FREE(m);
            return statico__errf(err, n, "out of memory"), STATICO_ERROR_MEMORY;
        }
        m[t]->rv = rv;
        m[t]->route = r;
        m[t]->ticket = ticket;
    }
    for (t = 0; t < s->nw; t++) {
        statico__worker *w = &s->w[t];
#if defined(__GNUC__) || defined(__clang__)
        m[t]->next = __atomic_load_n(&w->mail, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&w->mail, &m[t]->next, m[t], 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {}
#else
        m[t]->next = w->mail;
        w->mail = m[t];
#endif
        if (!w->thread_started) statico__handover(w);
        else if (w->wake_w >= 0 && write(w->wake_w, &one, sizeof one) < 0) {}
    }
    STATICO_FREE(m);
    return statico__post_wait(s, ticket, err, n);
}

STATICO_API statico_result statico_server_set_route(statico_server *s, int route, const statico_route *r, char *err,
                                                    size_t err_size)
{
    statico__rv *rv, *old = NULL;
    statico_result res;
    if (!s || !r || route < 0 || (size_t)route >= s->cfg.route_count) {
        statico__errf(err, err_size, "no route %d (the server has %zu)", route, s ? s->cfg.route_count : (size_t)0);
        return STATICO_ERROR_CONFIG;
    }
    if (statico__check_route(r, (size_t)route, err, err_size)) return STATICO_ERROR_CONFIG;
    if (!(rv = statico__rv_new(r))) return statico__errf(err, err_size, "out of memory"), STATICO_ERROR_MEMORY;
    pthread_mutex_lock(&s->rlock);
    res = statico__post(s, (size_t)route, rv, err, err_size);
    if (res != STATICO_ERROR_MEMORY) { /* posted: the workers have it, or will */
        old = s->rv[route];
        s->rv[route] = rv;
        s->routes[route] = rv->route;
    }
    pthread_mutex_unlock(&s->rlock);
    statico__rv_put(res == STATICO_ERROR_MEMORY ? rv : old);
    return res;
}

STATICO_API uint64_t statico_server_seed(const statico_server *s)
{
    return s ? s->cfg.seed : 0;
}

STATICO_API size_t statico_server_port_count(const statico_server *s)
{
    return s ? s->nports : 0;
}

STATICO_API statico_result statico_run(const statico_config *cfg, char *err, size_t err_size)
{
    sigset_t set, old;
    statico_server *s;
    statico_result r;
    int sig = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &old);
    r = statico_server_start(cfg, &s, err, err_size);
    if (r == STATICO_OK) {
        while (sigwait(&set, &sig) != 0) {}
        statico_server_stop(s);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return r;
}

// >>testing
/* Hooks for the project's own tests (STATICO_TESTING): the engine driven
 * without sockets, on its own clock. */
#ifdef STATICO_TESTING
/* Engine tests: a server without sockets, one virtual connection on worker
 * 0 (no Date header, so output is byte-exact). Input goes through the same
 * path as a socket's; output collects in a buffer. */
STATICO_API statico_server *statico__engine_new(const statico_config *cfg, char *err, size_t err_size);
STATICO_API statico_server *statico__engine_new(const statico_config *cfg, char *err, size_t err_size)
{
    statico_config c = *cfg;
    statico_server *s;
    statico__worker *w;
    statico__conn *k;
    c.threads = 1;
    c.no_date = 1;
    if (statico__setup(&c, &s, err, err_size, 0)) return NULL;
    w = &s->w[0];
    w->sink_on = 1;
    w->now_us = (uint64_t)1000000 * 1000000; /* a fixed clock that only statico__engine_advance moves */
    w->now = w->now_us / 1000;
    s->t0_us = w->now_us;
    k = &w->conns[0];
    memset(k, 0, sizeof *k);
    k->fd = -1;
    w->used = 1;
    w->nconn = 1;
    return s;
}

/* All output so far, and the connection's state: 0 open, 1 closing (after
 * its output), 2 waiting for the rest of a head. */
static int statico__engine_result(statico__worker *w, statico__conn *c, const char **out, size_t *out_len)
{
    *out = w->sink.p;
    *out_len = w->sink.n;
    if (c->state >= STATICO__CS_CLOSING) return 1;
    return c->stash && c->stash->in_len ? 2 : 0;
}

/* Feed n bytes to the virtual connection. Returns all output so far in
 * *out (length *out_len); the result is the connection state: 0 open,
 * 1 closing (after its output), 2 waiting for the rest of a head. */
STATICO_API int statico__engine_input(statico_server *s, const char *in, size_t n, const char **out, size_t *out_len);
STATICO_API int statico__engine_input(statico_server *s, const char *in, size_t n, const char **out, size_t *out_len)
{
    statico__worker *w = &s->w[0];
    statico__conn *c = &w->conns[0];
    while (n && c->state < STATICO__CS_CLOSING) { /* what a backend does, a buffer at a time */
        const char *base;
        size_t kept, take;
        char *at = statico__input_at(w, c, &base, &kept, &take);
        if (!at) break;
        if (take > n) take = n;
        memcpy(at, in, take);
        statico__input_feed(w, c, base, kept, take);
        in += take;
        n -= take;
    }
    return statico__engine_result(w, c, out, out_len);
}

/* Move the worker's clock on by us microseconds and run what is due then
 * (timeouts, delays), as the loop does after a wait. Output and result as
 * statico__engine_input. */
STATICO_API int statico__engine_advance(statico_server *s, uint64_t us, const char **out, size_t *out_len);
STATICO_API int statico__engine_advance(statico_server *s, uint64_t us, const char **out, size_t *out_len)
{
    statico__worker *w = &s->w[0];
    statico__conn *c = &w->conns[0];
    w->now_us += us;
    w->now = w->now_us / 1000;
    statico__expire(w);
    return statico__engine_result(w, c, out, out_len);
}

/* The peer sends no more (a read of 0 bytes). Output and result as
 * statico__engine_input. */
/* The virtual connection closes and a new one takes its place (its output
 * so far forgotten). */
STATICO_API void statico__engine_reopen(statico_server *s);
STATICO_API void statico__engine_reopen(statico_server *s)
{
    statico__worker *w = &s->w[0];
    statico__conn *k = &w->conns[0];
    uint32_t gen = k->gen + 1;
    statico__timer_clear(w, k);
    statico__observe_close(w, k);
    if (k->flags & STATICO__F_H2) statico__h2_free(w, k);
    statico__stash_drop(w, k);
    memset(k, 0, sizeof *k);
    k->fd = -1;
    k->gen = gen;
    w->sink.n = 0;
}

STATICO_API int statico__engine_eof(statico_server *s, const char **out, size_t *out_len);
STATICO_API int statico__engine_eof(statico_server *s, const char **out, size_t *out_len)
{
    statico__worker *w = &s->w[0];
    statico__conn *c = &w->conns[0];
    statico__do(w, c, statico__next_eof(w, c));
    return statico__engine_result(w, c, out, out_len);
}

/* The engine's last answer for the virtual connection (STATICO__DO_*: 0
 * read, 1 write, 2 linger, 3 close), and its next deadline in ms from now
 * in *deadline_ms (-1: none): its timer, or its first delayed part; and
 * whether it is read (*reading). */
STATICO_API int statico__engine_next(statico_server *s, int64_t *deadline_ms, int *reading);
STATICO_API int statico__engine_next(statico_server *s, int64_t *deadline_ms, int *reading)
{
    statico__worker *w = &s->w[0];
    const statico__conn *c = &w->conns[0];
    const statico__stash *x = c->stash;
    uint64_t d = c->timer ? c->deadline : UINT64_MAX;
    if (x && x->dq_i < x->dq_n && (x->dq[x->dq_i].due + 999) / 1000 < d) d = (x->dq[x->dq_i].due + 999) / 1000;
    *deadline_ms = d == UINT64_MAX ? -1 : (int64_t)(d - w->now);
    *reading = !(c->flags & STATICO__F_PAUSED) && statico__want_read(c);
    return w->last_next;
}

/* The end of a loop pass (hand-overs, freeing what they replaced); the
 * slots still retired, and the worker's slots in use. */
STATICO_API uint32_t statico__engine_retired(statico_server *s, uint32_t *used);
STATICO_API uint32_t statico__engine_retired(statico_server *s, uint32_t *used)
{
    statico__worker *w = &s->w[0];
    uint32_t i;
    statico__pass_end(w);
    for (*used = 0, i = 0; i < w->nenc; i++) *used += w->enc[i].used;
    return w->retired;
}

/* HPACK and Huffman for the project's tests: a block decoded against a
 * table kept across calls (*table, NULL at first; freed with
 * statico__hpack_free_test), its fields written to out as "name: value"
 * lines (NUL-terminated, cut at size); -1 on a COMPRESSION_ERROR. The
 * table's RFC 7541 size in *table_size. */
static int statico__hpack_test_field(void *u, const char *n, size_t nl, const char *v, size_t vl)
{
    statico__buf *b = (statico__buf *)u;
    return statico__buf_add(b, n, nl) || statico__buf_add(b, ": ", 2) || statico__buf_add(b, v, vl)
        || statico__buf_add(b, "\n", 1);
}

STATICO_API int statico__hpack_decode_test(void **table, const void *block, size_t n, char *out, size_t size,
                                           uint32_t *table_size);
STATICO_API int statico__hpack_decode_test(void **table, const void *block, size_t n, char *out, size_t size,
                                           uint32_t *table_size)
{
    statico__buf text = {NULL, 0, 0}, sc = {NULL, 0, 0};
    statico__hpack *t = (statico__hpack *)*table;
    int r;
    statico__huff_init();
    r = statico__hpack_decode(&t, &sc, (const uint8_t *)block, n, statico__hpack_test_field, &text);
    *table = t;
    if (size) {
        size_t k = text.n < size - 1 ? text.n : size - 1;
        if (k) memcpy(out, text.p, k);
        out[k] = 0;
    }
    if (table_size) *table_size = t ? t->size : 0;
    statico__buf_free(&text);
    statico__buf_free(&sc);
    return r ? -1 : 0;
}

STATICO_API void statico__hpack_free_test(void *table);
STATICO_API void statico__hpack_free_test(void *table)
{
    STATICO_FREE(table);
}

/* Huffman: decode n bytes into out (room for n * 8 / 5 + 1): the length
 * or -1; encode n bytes into out (room for 4n + 1): the length. */
STATICO_API ptrdiff_t statico__huff_decode_test(const void *in, size_t n, char *out);
STATICO_API ptrdiff_t statico__huff_decode_test(const void *in, size_t n, char *out)
{
    statico__huff_init();
    return statico__huff_decode((const uint8_t *)in, n, out);
}

STATICO_API size_t statico__huff_encode_test(const void *in, size_t n, unsigned char *out);
STATICO_API size_t statico__huff_encode_test(const void *in, size_t n, unsigned char *out)
{
    const unsigned char *p = (const unsigned char *)in;
    uint64_t acc = 0;
    int bits = 0;
    size_t i, o = 0;
    statico__huff_init();
    for (i = 0; i < n; i++) {
        acc = acc << statico__huff_bits[p[i]] | statico__huff_code[p[i]];
        bits += statico__huff_bits[p[i]];
        while (bits >= 8) out[o++] = (unsigned char)(acc >> (bits -= 8));
    }
    if (bits) out[o++] = (unsigned char)(acc << (8 - bits) | (0xffu >> bits)); /* EOS's first bits: ones */
    return o;
}

STATICO_API void statico__engine_free(statico_server *s);
STATICO_API void statico__engine_free(statico_server *s)
{
    statico__worker *w = &s->w[0];
    statico__conn *c = &w->conns[0];
    if (c->flags & STATICO__F_H2) statico__h2_free(w, c);
    statico__stash_drop(w, c);
    statico__buf_free(&w->sink);
    statico__free_server(s);
}
#endif /* STATICO_TESTING */

#endif /* STATICO_NO_SERVER */

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

/* every private macro goes: the including file sees only the public names */
#undef STATICO__ADD
#undef STATICO__ALIGN32
#undef STATICO__ALIGN64
#undef STATICO__ANSI_DIM
#undef STATICO__ANSI_OFF
#undef STATICO__ANSI_REQ
#undef STATICO__ANSI_RES
#undef STATICO__AVX2
#undef STATICO__AVX2_BLOCKS
#undef STATICO__AVX2_FN
#undef STATICO__AVX2_INNER
#undef STATICO__AVX2_TARGET
#undef STATICO__AVX512
#undef STATICO__AVX512_FN
#undef STATICO__AVX512_INNER
#undef STATICO__BIG_ENDIAN
#undef STATICO__BODY_PROGRESS_SHIFT
#undef STATICO__BUILD
#undef STATICO__BUILD_NAMES
#undef STATICO__CONN_CLOSE
#undef STATICO__CONN_HAS_UPGRADE_HDR
#undef STATICO__CONN_KEEP_ALIVE
#undef STATICO__CONN_UPGRADE
#undef STATICO__COUNT
#undef STATICO__CTZ32
#undef STATICO__CTZ64
#undef STATICO__DATE_LEN
#undef STATICO__DISPATCH
#undef STATICO__ENTRY
#undef STATICO__ERR
#undef STATICO__EV_CONN
#undef STATICO__STASH_CACHE
#undef STATICO__FAIL
#undef STATICO__FLATTEN
#undef STATICO__GET
#undef STATICO__HNAME
#undef STATICO__HOST_LO
#undef STATICO__INLINE
#undef STATICO__JGET
#undef STATICO__JSET
#undef STATICO__CLAIM
#undef STATICO__DEFER
#undef STATICO__ENC_DEFAULT
#undef STATICO__ENC_ERROR
#undef STATICO__ENC_ROUTES
#undef STATICO__ENC_DROPPED
#undef STATICO__FETCH_ADD
#undef STATICO__KEEP
#undef STATICO__KEEP_BODY
#undef STATICO__KEEP_HEAD
#undef STATICO__MATCH_BODY
#undef STATICO__REF_FIXED
#undef STATICO__RESET_COPY
#undef STATICO__REF_SLOT
#undef STATICO__INLINE_BODY
#undef STATICO__FILE_MIN
#undef STATICO__MSG_NOSIGNAL
#undef STATICO__MSG_MORE
#undef STATICO__IN_TARGET
#undef STATICO__IOV
#undef STATICO__IS
#undef STATICO__LIKELY
#undef STATICO__LINGER_MS
#undef STATICO__LEVELS
#undef STATICO__LINUX
#undef STATICO__LOWER8
#undef STATICO__LV_AVX2
#undef STATICO__LV_AVX512
#undef STATICO__LV_BUILD
#undef STATICO__LV_C
#undef STATICO__LV_NEON
#undef STATICO__LV_SSE2
#undef STATICO__LV_VBMI
#undef STATICO__MAP_ANONYMOUS
#undef STATICO__MAP_POPULATE
#undef STATICO__NEON
#undef STATICO__NOINLINE
#undef STATICO__OWE_BYTES
#undef STATICO__OWE_DELAYED
#undef STATICO__PARSER
#undef STATICO__READ
#undef STATICO__SET
#undef STATICO__SSE2
#undef STATICO__SSSE3
#undef STATICO__TAG_LISTEN
#undef STATICO__TAG_WAKE
#undef STATICO__TE_LAST_CHUNKED
#undef STATICO__TE_SEEN
#undef STATICO__TE_UNKNOWN
#undef STATICO__TOK_HI
#undef STATICO__TOK_LO
#undef STATICO__UNLIKELY
#undef STATICO__URING
#undef STATICO__U_BGID
#undef STATICO__U_ACHUNK
#undef STATICO__U_ACHUNKS
#undef STATICO__U_AMAX
#undef STATICO__U_BUF
#undef STATICO__U_BUFS
#undef STATICO__U_BUFS_INC
#undef STATICO__U_PBUF_INC
#undef STATICO__U_BUF_MORE
#undef STATICO__HP_TABLE
#undef STATICO__HP_ENTRIES
#undef STATICO__HP_E
#undef STATICO__H2_PREFACE
#undef STATICO__H2_STREAMS
#undef STATICO__H2_WINDOW
#undef STATICO__H2_CONN_WINDOW
#undef STATICO__H2_CALM
#undef STATICO__H2_SCRATCH
#undef STATICO__H2_COPY
#undef STATICO__U_DATA
#undef STATICO__U_ZC_MIN
#undef STATICO__VARIANTS
#undef STATICO__VBMI
#undef STATICO__VBMI_TARGET
#undef statico__hkey
#undef statico__hnames
#ifdef STATICO__POP_DIAGNOSTIC
#undef STATICO__POP_DIAGNOSTIC
#pragma GCC diagnostic pop
#endif
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
