/* floor.c - the floor any HTTP server can reach on this kernel: one thread,
 * epoll, no parsing at all. Each read is answered with one fixed response
 * per "\r\n\r\n" it holds (so pipelined requests get theirs), nothing else.
 * Not a server: a yardstick for bench/server.py.
 *
 *   cc -O2 bench/floor.c -o build/floor && build/floor 8081
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static const char resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

int main(int argc, char **argv)
{
    static char in[65536], out[65536 / 4 * (sizeof resp - 1) + 1];
    struct sockaddr_in6 a;
    struct epoll_event ev, evs[256];
    int one = 1, ep, lfd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0);
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_port = htons((unsigned short)(argc > 1 ? atoi(argv[1]) : 8081));
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) < 0 || listen(lfd, 4096) < 0) {
        perror("floor: bind");
        return 1;
    }
    ep = epoll_create1(0);
    ev.events = EPOLLIN;
    ev.data.fd = lfd;
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    for (;;) {
        int n = epoll_wait(ep, evs, 256, -1), i;
        for (i = 0; i < n; i++) {
            int fd = evs[i].data.fd;
            if (fd == lfd) {
                int c;
                while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    ev.events = EPOLLIN;
                    ev.data.fd = c;
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
                }
            } else {
                ssize_t r = read(fd, in, sizeof in);
                size_t k = 0, o = 0;
                const char *p = in, *e;
                if (r <= 0) {
                    close(fd);
                    continue;
                }
                while ((e = memmem(p, (size_t)(in + r - p), "\r\n\r\n", 4)) != NULL) {
                    k++;
                    p = e + 4;
                }
                while (k--) {
                    memcpy(out + o, resp, sizeof resp - 1);
                    o += sizeof resp - 1;
                }
                if (o && write(fd, out, o) < 0) close(fd);
            }
        }
    }
}
