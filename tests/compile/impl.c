/* Compile test: the implementation in a C translation unit. Built with gcc
 * and clang, -std=c99 and -std=c11 (strict ISO C, so POSIX is asked for
 * here, before any #include), and with -DSTATICO_NO_SIMD. Calls the parser,
 * the chunked decoder and the whole server API: a server on an ephemeral
 * port of 127.0.0.1 answers one request, then stops. */
#define _POSIX_C_SOURCE 200809L
#define STATICO_IMPLEMENTATION
#include "../../statico.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* One GET to 127.0.0.1:port; 0 when the answer is a 200 with body "ok". */
static int ask(int port)
{
    static const char get[] = "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    struct sockaddr_in a;
    struct timeval tv = {5, 0};
    char buf[512];
    size_t have = 0;
    ssize_t n;
    int fd = socket(AF_INET, SOCK_STREAM, 0), ok;
    if (fd < 0) return -1;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0 || send(fd, get, sizeof get - 1, 0) != (ssize_t)sizeof get - 1) {
        close(fd);
        return -1;
    }
    while (have < sizeof buf - 1 && (n = recv(fd, buf + have, sizeof buf - 1 - have, 0)) > 0) have += (size_t)n;
    close(fd);
    buf[have] = 0;
    ok = !strncmp(buf, "HTTP/1.1 200 OK\r\n", 17) && have >= 6 && !strcmp(buf + have - 6, "\r\n\r\nok");
    return ok ? 0 : -1;
}

static int server(void)
{
    statico_config cfg;
    statico_server *srv;
    char err[256];
    int port;
    memset(&cfg, 0, sizeof cfg); /* zero = defaults: one ephemeral port, one thread */
    cfg.address = "127.0.0.1";
    cfg.threads = 1;
    cfg.response.body = "ok";
    cfg.response.body_len = 2;
    if (statico_server_start(&cfg, &srv, err, sizeof err) != STATICO_OK) {
        printf("statico_server_start: %s\n", err);
        return 1;
    }
    port = statico_server_port(srv, 0);
    if (port <= 0 || port > 65535 || statico_server_port(srv, 1) != -1 || ask(port)) {
        printf("server on port %d does not answer\n", port);
        statico_server_stop(srv);
        return 1;
    }
    statico_server_stop(srv);
    printf("server on port %d answered (%s)\n", port, statico_result_string(STATICO_OK));
    return 0;
}

int main(void)
{
    static const char head[] = "POST /up?x=1 HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n";
    static const char body[] = "5;ext=1\r\nhello\r\n0\r\nTrailer: yes\r\n\r\n";
    statico_request req = {0};
    statico_chunked ck = {0};
    statico_chunk_data d;
    const statico_header *h;
    int n = statico_parse_request(&req, head, sizeof head - 1);
    ptrdiff_t m;

    if (n != (int)sizeof head - 1 || req.method_id != STATICO_METHOD_POST || !(req.flags & STATICO_REQ_CHUNKED))
        return 1;
    h = statico_request_get(&req, STATICO_HDR_HOST);
    if (!h || h != statico_request_find(&req, head, "HOST", 4)) return 1;
    printf("%s %.*s host=%.*s (%s)\n", statico_method_name(req.method_id), (int)req.path.len, head + req.path.off,
           (int)h->value.len, head + h->value.off, statico_header_name(STATICO_HDR_HOST));
    m = statico_chunked_decode(&ck, body, sizeof body - 1, &d);
    if (m <= 0 || d.len != 5 || memcmp(body + d.off, "hello", 5) != 0) return 1;
    statico_request_reset(&req);
    if (statico_parse_request(&req, head, 10) != -2) return 1;
    return server();
}
