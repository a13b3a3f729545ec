/* examples/mock_test.c - statico.h as an in-process mock server in a C test:
 * a route that fails twice then recovers, a client under test, and the
 * asserts a test suite makes (exact counts, a wait, the journal, a live
 * change of the route).
 *
 *   cc -O2 -I. examples/mock_test.c -o mock_test -lpthread && ./mock_test
 *
 * Prints what it checked and exits 0 when everything held.
 */
#define _GNU_SOURCE
#define STATICO_IMPLEMENTATION
#include "../statico.h"

#include <arpa/inet.h>
#include <assert.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The "client under test": GET path from 127.0.0.1:port; the status, or -1. */
static int client_get(int port, const char *path, char *body, size_t size)
{
    struct sockaddr_in a;
    char req[256], buf[4096];
    int fd = socket(AF_INET, SOCK_STREAM, 0), n, got = 0, status = -1;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) return -1;
    n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", path);
    if (send(fd, req, (size_t)n, 0) == n)
        while ((n = (int)recv(fd, buf + got, sizeof buf - 1 - (size_t)got, 0)) > 0) got += n;
    close(fd);
    buf[got] = 0;
    if (got > 12 && sscanf(buf, "HTTP/1.1 %d", &status) == 1 && body) {
        const char *b = strstr(buf, "\r\n\r\n");
        snprintf(body, size, "%s", b ? b + 4 : "");
    }
    return status;
}

int main(void)
{
    static const statico_step flaky[] = {
        {{503, NULL, NULL, 0, NULL, 0}, 2, {STATICO_FAULT_NONE, 0, 0, NULL, 0}},
        {{200, NULL, NULL, 0, "ok", 2}, 0, {STATICO_FAULT_NONE, 0, 0, NULL, 0}},
    };
    statico_route route;
    statico_config cfg;
    statico_server *srv;
    statico_exchange x[8];
    char err[256], body[256];
    int port, k;

    memset(&route, 0, sizeof route);
    route.method = "GET";
    route.path = "/flaky";
    route.name = "flaky";
    route.steps = flaky; /* two 503s, then 200 "ok" */
    route.step_count = 2;
    memset(&cfg, 0, sizeof cfg); /* loopback, one ephemeral port, one worker */
    cfg.routes = &route;
    cfg.route_count = 1;
    cfg.journal_size = 64;
    if (statico_server_start(&cfg, &srv, err, sizeof err) != STATICO_OK) {
        fprintf(stderr, "start: %s\n", err);
        return 1;
    }
    port = statico_server_port(srv, 0);

    /* the client retries until it gets its answer */
    for (k = 0; k < 5 && client_get(port, "/flaky", body, sizeof body) != 200; k++) {}
    assert(k == 2 && !strcmp(body, "ok"));
    assert(statico_server_count(srv, 0) == 3); /* exact as soon as the client has its answers: no sleep */
    assert(statico_server_wait(srv, STATICO_ROUTE_DEFAULT, 1, 100) == 0); /* nothing else was called */
    assert(statico_server_journal(srv, 0, x, 8) == 3 && x[0].status == 503 && x[2].status == 200);
    printf("retries: 2 x 503, then 200 \"%s\"; counted 3; journaled 3\n", body);

    /* from now on the route resets the connection, at once for new requests */
    {
        statico_step reset = {{0, NULL, NULL, 0, NULL, 0}, 0, {STATICO_FAULT_RESET, 0, 0, NULL, 0}};
        route.steps = &reset;
        route.step_count = 1;
        if (statico_server_set_route(srv, 0, &route, err, sizeof err) != STATICO_OK) {
            fprintf(stderr, "set_route: %s\n", err);
            return 1;
        }
    }
    assert(client_get(port, "/flaky", NULL, 0) == -1);
    statico_server_reset(srv);
    assert(statico_server_count(srv, 0) == 0);
    printf("after set_route: the connection is reset; reset: counts back to 0\n");
    statico_server_stop(srv);
    printf("ok\n");
    return 0;
}
