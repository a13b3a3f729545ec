/* floor_uring.c - the io_uring floor: one thread, one ring (SINGLE_ISSUER,
 * DEFER_TASKRUN), multishot accept, multishot recv into a provided-buffer
 * ring, one SEND per read with one fixed response per "\r\n\r\n" it holds.
 * No parsing, no timers: a yardstick for bench/server.py, not a server.
 *
 *   cc -O2 bench/floor_uring.c -o build/floor-uring && build/floor-uring 8082
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/io_uring.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ENTRIES 4096
#define NBUF 1024
#define BUFSZ 16384
#define MAXFD 65536

static const char resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
static unsigned *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask, tail;
static struct io_uring_sqe *sqes;
static struct io_uring_cqe *cqes;
static struct io_uring_buf_ring *br;
static unsigned short br_tail;
static char *bufs, *out[MAXFD];
static int ring;

static struct io_uring_sqe *sqe(void)
{
    struct io_uring_sqe *e = &sqes[tail & *sq_mask];
    memset(e, 0, sizeof *e);
    sq_array[tail & *sq_mask] = tail & *sq_mask;
    tail++;
    return e;
}

static void buf_return(unsigned bid)
{
    struct io_uring_buf *b = &br->bufs[br_tail & (NBUF - 1)];
    b->addr = (uint64_t)(uintptr_t)(bufs + (size_t)bid * BUFSZ);
    b->len = BUFSZ;
    b->bid = (unsigned short)bid;
    br_tail++;
    __atomic_store_n(&br->tail, br_tail, __ATOMIC_RELEASE);
}

static void arm_recv(int fd)
{
    struct io_uring_sqe *e = sqe();
    e->opcode = IORING_OP_RECV;
    e->fd = fd;
    e->ioprio = IORING_RECV_MULTISHOT;
    e->flags = IOSQE_BUFFER_SELECT;
    e->buf_group = 1;
    e->user_data = 1ull << 32 | (unsigned)fd;
}

int main(int argc, char **argv)
{
    struct io_uring_params p;
    struct io_uring_buf_reg reg;
    struct sockaddr_in6 a;
    int one = 1, lfd = socket(AF_INET6, SOCK_STREAM, 0), i;
    char *sq;
    struct io_uring_sqe *e;
    memset(&a, 0, sizeof a);
    a.sin6_family = AF_INET6;
    a.sin6_port = htons((unsigned short)(argc > 1 ? atoi(argv[1]) : 8082));
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) < 0 || listen(lfd, 4096) < 0) {
        perror("floor-uring: bind");
        return 1;
    }
    memset(&p, 0, sizeof p);
    p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_CQSIZE;
    p.cq_entries = ENTRIES * 4;
    ring = (int)syscall(__NR_io_uring_setup, ENTRIES, &p);
    if (ring < 0) {
        perror("floor-uring: io_uring_setup");
        return 1;
    }
    { /* one mapping holds both rings (IORING_FEAT_SINGLE_MMAP): the larger of their ends */
        size_t sqsz = p.sq_off.array + p.sq_entries * sizeof(unsigned);
        size_t cqsz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
        sq = mmap(NULL, sqsz > cqsz ? sqsz : cqsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQ_RING);
    }
    sqes = mmap(NULL, p.sq_entries * sizeof *sqes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQES);
    sq_tail = (unsigned *)(sq + p.sq_off.tail);
    sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
    sq_array = (unsigned *)(sq + p.sq_off.array);
    cq_head = (unsigned *)(sq + p.cq_off.head);
    cq_tail = (unsigned *)(sq + p.cq_off.tail);
    cq_mask = (unsigned *)(sq + p.cq_off.ring_mask);
    cqes = (struct io_uring_cqe *)(sq + p.cq_off.cqes);
    tail = *sq_tail;
    br = mmap(NULL, NBUF * sizeof(struct io_uring_buf), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    bufs = malloc((size_t)NBUF * BUFSZ);
    memset(&reg, 0, sizeof reg);
    reg.ring_addr = (uint64_t)(uintptr_t)br;
    reg.ring_entries = NBUF;
    reg.bgid = 1;
    if (syscall(__NR_io_uring_register, ring, IORING_REGISTER_PBUF_RING, &reg, 1) < 0) {
        perror("floor-uring: register buffers");
        return 1;
    }
    for (i = 0; i < NBUF; i++) buf_return((unsigned)i);
    e = sqe();
    e->opcode = IORING_OP_ACCEPT;
    e->fd = lfd;
    e->ioprio = IORING_ACCEPT_MULTISHOT;
    e->accept_flags = SOCK_NONBLOCK; /* a blocking socket would send recv to io-wq threads */
    e->user_data = 0;
    for (;;) {
        unsigned head, t, submit = tail - *sq_tail;
        struct io_uring_getevents_arg arg;
        __atomic_store_n(sq_tail, tail, __ATOMIC_RELEASE);
        memset(&arg, 0, sizeof arg);
        syscall(__NR_io_uring_enter, ring, submit, 1, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG, &arg, sizeof arg);
        head = *cq_head;
        t = __atomic_load_n(cq_tail, __ATOMIC_ACQUIRE);
        for (; head != t; head++) {
            struct io_uring_cqe *c = &cqes[head & *cq_mask];
            int fd = (int)(uint32_t)c->user_data;
            unsigned kind = (unsigned)(c->user_data >> 32);
            if (kind == 0) { /* accept */
                if (c->res >= 0 && c->res < MAXFD) arm_recv(c->res);
                continue;
            }
            if (kind == 2) continue; /* send done */
            if (c->flags & IORING_CQE_F_BUFFER) {
                unsigned bid = c->flags >> IORING_CQE_BUFFER_SHIFT;
                if (c->res > 0) {
                    const char *in = bufs + (size_t)bid * BUFSZ, *q = in, *x;
                    size_t k = 0, o = 0;
                    while ((x = memmem(q, (size_t)(in + c->res - q), "\r\n\r\n", 4)) != NULL) {
                        k++;
                        q = x + 4;
                    }
                    if (!out[fd]) out[fd] = malloc(BUFSZ / 4 * (sizeof resp - 1));
                    while (k--) {
                        memcpy(out[fd] + o, resp, sizeof resp - 1);
                        o += sizeof resp - 1;
                    }
                    if (o) {
                        e = sqe();
                        e->opcode = IORING_OP_SEND;
                        e->fd = fd;
                        e->addr = (uint64_t)(uintptr_t)out[fd];
                        e->len = (unsigned)o;
                        e->user_data = 2ull << 32 | (unsigned)fd;
                    }
                }
                buf_return(bid);
            }
            if (c->res <= 0 && c->res != -ENOBUFS) {
                close(fd);
            } else if (!(c->flags & IORING_CQE_F_MORE)) {
                arm_recv(fd);
            }
        }
        __atomic_store_n(cq_head, head, __ATOMIC_RELEASE);
    }
}
