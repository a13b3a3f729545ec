/* tests/test_library.c - the embedded server's defaults, as a test suite that
 * drops statico.h in gets them: loopback only (127.0.0.1 and ::1) when no
 * address is given, workers not pinned unless asked, an ephemeral port the
 * same on both addresses; "::" for every interface.
 *
 *   cc -O2 -I. tests/test_library.c -o build/test-library -lpthread && build/test-library
 *
 * Reads the listening sockets from /proc/net/tcp{,6} and the workers'
 * affinity from /proc/self/task (Linux). Prints "N passed, N failed".
 */
#define _GNU_SOURCE
#define STATICO_IMPLEMENTATION
#include "../statico.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int passed, failed;

static void check(int ok, const char *what)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

/* 0 when a GET to addr:port (AF_INET or AF_INET6 loopback) gets a 200 */
static int ask(int family, int port)
{
    static const char get[] = "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    struct sockaddr_storage ss;
    socklen_t sl;
    struct timeval tv = {5, 0};
    char buf[256];
    ssize_t n;
    int fd = socket(family, SOCK_STREAM, 0), ok;
    if (fd < 0) return -1;
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    memset(&ss, 0, sizeof ss);
    if (family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        sl = sizeof *a;
    } else {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        a->sin6_addr = in6addr_loopback;
        sl = sizeof *a;
    }
    if (connect(fd, (struct sockaddr *)&ss, sl) < 0 || send(fd, get, sizeof get - 1, 0) != (ssize_t)sizeof get - 1) {
        close(fd);
        return -1;
    }
    n = recv(fd, buf, sizeof buf - 1, 0);
    close(fd);
    ok = n > 12 && !memcmp(buf, "HTTP/1.1 200", 12);
    return ok ? 0 : -1;
}

/* The local addresses (hex, as /proc shows them) of the sockets listening on port */
static int listeners(int port, char found[][64], int max)
{
    static const char *const files[] = {"/proc/net/tcp", "/proc/net/tcp6"};
    int n = 0, f;
    for (f = 0; f < 2; f++) {
        FILE *fp = fopen(files[f], "r");
        char line[512];
        if (!fp) continue;
        while (fgets(line, sizeof line, fp)) {
            char local[64];
            unsigned p, st;
            if (sscanf(line, " %*d: %63[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %x", local, &p, &st) != 3) continue;
            if ((int)p == port && st == 0x0A && n < max) snprintf(found[n++], 64, "%s", local); /* 0A: LISTEN */
        }
        fclose(fp);
    }
    return n;
}

static int has(char found[][64], int n, const char *addr)
{
    int i;
    for (i = 0; i < n; i++)
        if (!strcmp(found[i], addr)) return 1;
    return 0;
}

static int ipv6_loopback(void)
{
    struct sockaddr_in6 a;
    int fd = socket(AF_INET6, SOCK_STREAM, 0), ok;
    if (fd < 0) return 0;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    ok = bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return ok;
}

/* Cpus_allowed_list of every thread of this process, but the first */
static int thread_affinities(char out[][64], int max)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    int n = 0;
    pid_t self = getpid();
    if (!d) return 0;
    while ((e = readdir(d)) != NULL && n < max) {
        char path[300], line[256];
        FILE *fp;
        if (e->d_name[0] == '.' || atoi(e->d_name) == self) continue;
        snprintf(path, sizeof path, "/proc/self/task/%s/status", e->d_name);
        if (!(fp = fopen(path, "r"))) continue;
        while (fgets(line, sizeof line, fp))
            if (!strncmp(line, "Cpus_allowed_list:", 18)) {
                snprintf(out[n++], 64, "%s", line + 18 + strspn(line + 18, " \t"));
                break;
            }
        fclose(fp);
    }
    closedir(d);
    return n;
}

static statico_server *start(statico_config *cfg)
{
    statico_server *s = NULL;
    char err[256];
    if (statico_server_start(cfg, &s, err, sizeof err) != STATICO_OK) {
        printf("FAIL start: %s\n", err);
        failed++;
        return NULL;
    }
    return s;
}

static void test_loopback_default(void)
{
    statico_config cfg;
    statico_server *s;
    char found[8][64];
    int port, n, v6 = ipv6_loopback();
    memset(&cfg, 0, sizeof cfg);
    cfg.threads = 2;
    if (!(s = start(&cfg))) return;
    port = statico_server_port(s, 0);
    check(port > 0, "address NULL, port 0: an ephemeral port");
    check(ask(AF_INET, port) == 0, "address NULL: answers on 127.0.0.1");
    if (v6) check(ask(AF_INET6, port) == 0, "address NULL: answers on ::1, the same port");
    n = listeners(port, found, 8);
    check(n > 0 && has(found, n, "0100007F"), "address NULL: a listener on 127.0.0.1");
    if (v6) check(has(found, n, "00000000000000000000000001000000"), "address NULL: a listener on ::1");
    check(!has(found, n, "00000000") && !has(found, n, "00000000000000000000000000000000"),
          "address NULL: no listener on every interface");
    statico_server_stop(s);
}

static void test_all_interfaces(void)
{
    statico_config cfg;
    statico_server *s;
    char found[8][64];
    int port, n;
    memset(&cfg, 0, sizeof cfg);
    cfg.address = "::";
    if (!(s = start(&cfg))) return;
    port = statico_server_port(s, 0);
    check(ask(AF_INET, port) == 0, "address \"::\": answers on 127.0.0.1");
    n = listeners(port, found, 8);
    check(has(found, n, "00000000000000000000000000000000") || has(found, n, "00000000"),
          "address \"::\": listens on every interface");
    statico_server_stop(s);
}

static void test_pinning(void)
{
    statico_config cfg;
    statico_server *s;
    char aff[16][64], main_aff[1][64];
    int n, i, same = 1;
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    main_aff[0][0] = 0;
    while (fp && fgets(line, sizeof line, fp))
        if (!strncmp(line, "Cpus_allowed_list:", 18)) snprintf(main_aff[0], 64, "%s", line + 18 + strspn(line + 18, " \t"));
    if (fp) fclose(fp);

    memset(&cfg, 0, sizeof cfg);
    cfg.threads = 2;
    if (!(s = start(&cfg))) return;
    n = thread_affinities(aff, 16);
    for (i = 0; i < n; i++) same &= !strcmp(aff[i], main_aff[0]);
    check(n >= 2 && same, "pin 0 (default): the workers keep the process's CPUs");
    statico_server_stop(s);

    cfg.pin = 1;
    cfg.threads = 1;
    if (!(s = start(&cfg))) return;
    n = thread_affinities(aff, 16);
    for (i = 0, same = 0; i < n; i++) same += strspn(aff[i], "0123456789") == strcspn(aff[i], "\n");
    check(same == 1, "pin 1: the worker runs on one CPU"); /* (a sanitizer's own thread keeps every CPU) */
    statico_server_stop(s);
}

int main(void)
{
    test_loopback_default();
    test_all_interfaces();
    test_pinning();
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
