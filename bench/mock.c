/* bench/mock.c - what a test suite pays for the mock server: start (until
 * every listener listens) and stop, with 1 and 4 workers, how soon
 * statico_server_wait wakes its caller once the count is reached, and
 * statico_server_set_route until every worker serves the new version
 * (1 and 4 workers, idle).
 *
 *   cc -O2 -I. bench/mock.c -o build/bench-mock -lpthread && build/bench-mock [cycles]
 *
 * Prints medians (and the 90th percentile) in microseconds. The wake-up
 * is timed from the moment the client has its response (the count is
 * reached just before the response goes out, so the figure is an upper
 * bound) to the moment the waiting thread runs again.
 */
#define _GNU_SOURCE
#define STATICO_IMPLEMENTATION
#include "../statico.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    printf("%-34s median %8.1f us   p90 %8.1f us   (%d runs)\n", what, v[n / 2], v[n * 9 / 10], n);
}

static void start_stop(int threads, int cycles)
{
    double *st = (double *)malloc((size_t)cycles * sizeof *st), *sp = (double *)malloc((size_t)cycles * sizeof *sp);
    char what[64], err[256];
    int i, n = 0;
    for (i = 0; i < cycles; i++) {
        statico_config cfg;
        statico_server *s;
        double t0, t1, t2;
        memset(&cfg, 0, sizeof cfg);
        cfg.threads = threads;
        t0 = now_us();
        if (statico_server_start(&cfg, &s, err, sizeof err) != STATICO_OK) {
            printf("start: %s\n", err);
            break;
        }
        t1 = now_us();
        statico_server_stop(s);
        t2 = now_us();
        st[n] = t1 - t0;
        sp[n++] = t2 - t1;
    }
    if (n) {
        snprintf(what, sizeof what, "start, %d worker%s", threads, threads > 1 ? "s" : "");
        report(what, st, n);
        snprintf(what, sizeof what, "stop, %d worker%s", threads, threads > 1 ? "s" : "");
        report(what, sp, n);
    }
    free(st);
    free(sp);
}

/* set_route on an idle server: encode, hand over, wake each worker, wait
 * until every one has taken it. */
static void set_route(int threads, int cycles)
{
    double *v = (double *)malloc((size_t)cycles * sizeof *v);
    statico_route r;
    statico_config cfg;
    statico_server *s;
    char what[64], err[256];
    int i, n = 0;
    memset(&r, 0, sizeof r);
    r.path = "/x";
    r.response.body = "one";
    r.response.body_len = 3;
    memset(&cfg, 0, sizeof cfg);
    cfg.threads = threads;
    cfg.routes = &r;
    cfg.route_count = 1;
    if (statico_server_start(&cfg, &s, err, sizeof err) != STATICO_OK) {
        printf("start: %s\n", err);
        free(v);
        return;
    }
    for (i = 0; i < cycles; i++) {
        double t0 = now_us();
        r.response.body = i & 1 ? "one" : "two";
        if (statico_server_set_route(s, 0, &r, err, sizeof err) != STATICO_OK) {
            printf("set_route: %s\n", err);
            break;
        }
        v[n++] = now_us() - t0;
    }
    statico_server_stop(s);
    snprintf(what, sizeof what, "set_route, %d worker%s", threads, threads > 1 ? "s" : "");
    if (n) report(what, v, n);
    free(v);
}

struct shot {
    int fd, rounds;
    uint64_t got;  /* when the client had its response, ns */
    int seen;      /* rounds the waiter has timed */
    statico_server *s;
};

static void *client(void *arg)
{
    struct shot *k = (struct shot *)arg;
    static const char req[] = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    char buf[512];
    int i;
    for (i = 0; i < k->rounds; i++) {
        uint64_t want = (uint64_t)i + 1;
        /* the waiter is asleep (it registered) before the request goes */
        while (__atomic_load_n(&k->s->waiters, __ATOMIC_ACQUIRE) == 0) usleep(50);
        usleep(200);
        if (send(k->fd, req, sizeof req - 1, 0) < 0 || recv(k->fd, buf, sizeof buf, 0) <= 0) break;
        __atomic_store_n(&k->got, now_ns(), __ATOMIC_RELEASE);
        while (statico_server_count(k->s, STATICO_ROUTE_ANY) < want) usleep(10);
        while (__atomic_load_n(&k->seen, __ATOMIC_ACQUIRE) < i + 1) usleep(10);
    }
    return NULL;
}

static void wake_latency(int rounds)
{
    statico_config cfg;
    statico_server *s;
    struct sockaddr_in a;
    struct shot k;
    pthread_t th;
    double *lat = (double *)malloc((size_t)rounds * sizeof *lat);
    char err[256];
    int i, n = 0;
    memset(&cfg, 0, sizeof cfg);
    if (statico_server_start(&cfg, &s, err, sizeof err) != STATICO_OK) {
        printf("start: %s\n", err);
        return;
    }
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)statico_server_port(s, 0));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    k.fd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(k.fd, (struct sockaddr *)&a, sizeof a) < 0) {
        printf("connect failed\n");
        return;
    }
    k.rounds = rounds;
    k.s = s;
    k.got = 0;
    k.seen = 0;
    pthread_create(&th, NULL, client, &k);
    for (i = 0; i < rounds; i++) {
        if (!statico_server_wait(s, STATICO_ROUTE_ANY, (uint64_t)i + 1, 5000)) break;
        {
            uint64_t woke = now_ns(), got;
            while ((got = __atomic_load_n(&k.got, __ATOMIC_ACQUIRE)) == 0 && now_ns() - woke < 100000000u) {}
            lat[n++] = ((double)woke - (double)got) / 1e3;
            __atomic_store_n(&k.got, (uint64_t)0, __ATOMIC_RELEASE);
            __atomic_store_n(&k.seen, i + 1, __ATOMIC_RELEASE);
        }
    }
    pthread_join(th, NULL);
    close(k.fd);
    statico_server_stop(s);
    if (n) report("wait() wake-up after the response", lat, n);
    free(lat);
}

int main(int argc, char **argv)
{
    int cycles = argc > 1 ? atoi(argv[1]) : 100;
    setvbuf(stdout, NULL, _IOLBF, 0);
    start_stop(1, cycles);
    start_stop(4, cycles);
    wake_latency(cycles);
    set_route(1, cycles);
    set_route(4, cycles);
    return 0;
}
