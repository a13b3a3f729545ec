// Compile test: the implementation in a C++ translation unit (g++ -std=c++11
// and -std=c++17, clang++); the declarations sit in extern "C". Calls the
// parser, the chunked decoder and the server API (start on an ephemeral
// port, port, stop).
#define STATICO_IMPLEMENTATION
#include "../../statico.h"

#include <cstdio>
#include <cstring>

int main()
{
    static const char head[] = "GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n";
    statico_request req = {};
    int n = statico_parse_request(&req, head, sizeof head - 1);
    if (n != static_cast<int>(sizeof head - 1) || !(req.flags & STATICO_REQ_CLOSE)) return 1;
    const statico_header *h = statico_request_get(&req, STATICO_HDR_HOST);
    if (!h || h != statico_request_find(&req, head, "host", 4)) return 1;
    std::printf("%s %.*s query=%.*s\n", statico_method_name(req.method_id), int(req.path.len), head + req.path.off,
                int(req.query.len), head + req.query.off);

    static const char body[] = "3\r\nabc\r\n0\r\n\r\n";
    statico_chunked ck = {};
    statico_chunk_data d;
    ptrdiff_t m = statico_chunked_decode(&ck, body, sizeof body - 1, &d);
    if (m <= 0 || d.len != 3 || std::memcmp(body + d.off, "abc", 3) != 0) return 1;
    statico_request_reset(&req);
    if (std::strcmp(statico_header_name(STATICO_HDR_USER_AGENT), "user-agent") != 0) return 1;

    static const char *const hdrs[] = {"Content-Type: application/json"};
    statico_config cfg = statico_config();
    statico_server *srv = nullptr;
    char err[256];
    cfg.address = "127.0.0.1";
    cfg.threads = 1;
    cfg.response.body = "{}";
    cfg.response.body_len = 2;
    cfg.response.headers = hdrs;
    cfg.response.header_count = 1;
    if (statico_server_start(&cfg, &srv, err, sizeof err) != STATICO_OK) {
        std::printf("statico_server_start: %s\n", err);
        return 1;
    }
    int port = statico_server_port(srv, 0);
    statico_server_stop(srv);
    std::printf("server on port %d\n", port);
    return port > 0 && port < 65536 ? 0 : 1;
}
