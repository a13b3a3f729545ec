// examples/mock_test.cpp - statico.h as a mock server in C++11: a small RAII
// wrapper (started in its constructor, stopped in its destructor, errors as
// exceptions) and a test that uses it.
//
//   c++ -std=c++11 -O2 -I. examples/mock_test.cpp -o mock_test_cpp -lpthread && ./mock_test_cpp
//
// Prints what it checked and exits 0 when everything held.
#define STATICO_IMPLEMENTATION
#include "../statico.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

class MockServer {
public:
    explicit MockServer(const statico_config &cfg) : srv_(nullptr)
    {
        char err[256] = "";
        if (statico_server_start(&cfg, &srv_, err, sizeof err) != STATICO_OK) throw std::runtime_error(err);
    }
    ~MockServer() { statico_server_stop(srv_); }
    MockServer(const MockServer &) = delete;
    MockServer &operator=(const MockServer &) = delete;

    int port() const { return statico_server_port(srv_, 0); }
    uint64_t count(int route) { return statico_server_count(srv_, route); }
    bool wait(int route, uint64_t n, int timeout_ms) { return statico_server_wait(srv_, route, n, timeout_ms) == 1; }
    std::vector<statico_exchange> journal(uint64_t from = 0)
    {
        std::vector<statico_exchange> x(1024);
        x.resize(statico_server_journal(srv_, from, x.data(), x.size()));
        return x;
    }
    std::string report()
    {
        std::string s(statico_server_report(srv_, nullptr, 0), '\0');
        statico_server_report(srv_, &s[0], s.size() + 1);
        return s;
    }
    void set_route(int i, const statico_route &r)
    {
        char err[256] = "";
        if (statico_server_set_route(srv_, i, &r, err, sizeof err) != STATICO_OK) throw std::runtime_error(err);
    }
    void reset() { statico_server_reset(srv_); }

private:
    statico_server *srv_;
};

// The "client under test": one request, the whole answer.
static std::string client(int port, const std::string &req)
{
    sockaddr_in a;
    std::memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    std::string got;
    if (fd >= 0 && connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0
        && send(fd, req.data(), req.size(), 0) == static_cast<ssize_t>(req.size())) {
        char buf[4096];
        ssize_t n;
        while ((n = recv(fd, buf, sizeof buf, 0)) > 0) got.append(buf, static_cast<size_t>(n));
    }
    if (fd >= 0) close(fd);
    return got;
}

#define EXPECT(c)                                                                                                   \
    do {                                                                                                            \
        if (!(c)) throw std::runtime_error("expected: " #c);                                                        \
    } while (0)

int main()
{
    try {
        static const char *const json[] = {"Content-Type: application/json"};
        static const char *const needs_token[] = {"Authorization: Bearer *"};
        statico_route route;
        std::memset(&route, 0, sizeof route);
        route.method = "POST";
        route.path = "/api/users";
        route.name = "create-user";
        route.match.headers = needs_token;
        route.match.header_count = 1;
        route.response.status = 201;
        route.response.headers = json;
        route.response.header_count = 1;
        route.response.body = "{\"id\":7}";
        route.response.body_len = 8;
        statico_config cfg;
        std::memset(&cfg, 0, sizeof cfg);
        cfg.routes = &route;
        cfg.route_count = 1;
        cfg.response.status = 404;
        MockServer mock(cfg);

        std::string ok = client(mock.port(), "POST /api/users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc\r\n"
                                             "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        std::string no = client(mock.port(), "POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                                             "Connection: close\r\n\r\n");
        EXPECT(ok.compare(0, 12, "HTTP/1.1 201") == 0 && ok.find("{\"id\":7}") != std::string::npos);
        EXPECT(no.compare(0, 12, "HTTP/1.1 404") == 0);
        EXPECT(mock.count(0) == 1 && mock.count(STATICO_ROUTE_DEFAULT) == 1);
        EXPECT(mock.report().find("header condition authorization: Bearer * fails") != std::string::npos);
        std::printf("201 with the token, 404 without; the report says which condition failed\n");
        mock.reset();
        EXPECT(!mock.wait(0, 1, 50)); // "never within 50 ms"
        std::printf("ok\n");
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "mock_test_cpp: %s\n", e.what());
        return 1;
    }
}
