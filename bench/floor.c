/* floor.c - the floor any HTTP server can reach on this kernel: one thread,
 * epoll, no parsing at all. Each read is answered with one fixed response
 * per "\r\n\r\n" it holds (so pipelined requests get theirs), nothing else.
 * With a body file, each response is its head (sent with MSG_MORE) and the
 * file with sendfile, as a server that sends large bodies without copying
 * them can do at best (FLOOR_MEMFD=1: the body copied into a memfd first,
 * as statico keeps it). Not a server: a yardstick for bench/server.py.
 *
 *   cc -O2 bench/floor.c -o build/floor && build/floor 8081 [BODYFILE]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

static const char resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

#define MAXFD 65536
static int body_fd = -1;
static off_t body_len;
static char head[128];
static size_t head_len;
static unsigned owed[MAXFD]; /* body mode: responses still to send */
static off_t sent[MAXFD];    /* of the one going out: -1 before its head, else body bytes sent */

/* Body mode: send what is owed until done or the socket is full. 0, or -1 to close. */
static int send_bodies(int ep, int fd)
{
    struct epoll_event ev;
    while (owed[fd]) {
        if (sent[fd] < 0) {
            if (send(fd, head, head_len, MSG_MORE | MSG_NOSIGNAL) != (ssize_t)head_len) return -1; /* (a head always fits here) */
            sent[fd] = 0;
        }
        while (sent[fd] < body_len) {
            off_t at = sent[fd];
            ssize_t r = sendfile(fd, body_fd, &at, (size_t)(body_len - sent[fd]));
            if (r < 0 && errno == EAGAIN) {
                ev.events = EPOLLIN | EPOLLOUT;
                ev.data.fd = fd;
                epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
                return 0;
            }
            if (r <= 0) return -1;
            sent[fd] += r;
        }
        owed[fd]--;
        sent[fd] = -1;
    }
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
    return 0;
}

int main(int argc, char **argv)
{
    static char in[65536], out[65536 / 4 * (sizeof resp - 1) + 1];
    struct sockaddr_in6 a;
    struct epoll_event ev, evs[256];
    int one = 1, ep, lfd = socket(AF_INET6, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (argc > 2) {
        struct stat st;
        if ((body_fd = open(argv[2], O_RDONLY)) < 0 || fstat(body_fd, &st) < 0) {
            perror("floor: body file");
            return 1;
        }
        body_len = st.st_size;
        if (getenv("FLOOR_MEMFD")) { /* the body in a memfd, as statico keeps it */
            int m = memfd_create("body", 0);
            off_t at = 0;
            if (m < 0 || ftruncate(m, body_len) < 0 || sendfile(m, body_fd, &at, (size_t)body_len) != body_len) {
                perror("floor: memfd");
                return 1;
            }
            body_fd = m;
        }
        head_len = (size_t)snprintf(head, sizeof head, "HTTP/1.1 200 OK\r\nContent-Length: %lld\r\n\r\n", (long long)body_len);
    }
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
                    if (c >= MAXFD) {
                        close(c);
                        continue;
                    }
                    if (body_fd >= 0) setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* as nginx and statico do */
                    owed[c] = 0;
                    sent[c] = -1;
                    ev.events = EPOLLIN;
                    ev.data.fd = c;
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
                }
            } else if (!(evs[i].events & EPOLLIN)) { /* room again for a body */
                if (send_bodies(ep, fd) < 0) close(fd);
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
                if (body_fd >= 0) {
                    owed[fd] += (unsigned)k;
                    if (send_bodies(ep, fd) < 0) close(fd);
                    continue;
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
