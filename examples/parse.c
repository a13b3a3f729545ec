/* parse.c - read one HTTP/1.1 request head from stdin and print what the
 * statico.h parser saw (spans, semantics, the header index).
 *
 *   cc -O2 examples/parse.c -o parse
 *   printf 'GET /hello?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n' | ./parse
 *
 * Exit status: 0 for a valid head, 1 for an invalid one (the HTTP status the
 * server would answer is printed), 2 for an incomplete one.
 */
#define STATICO_IMPLEMENTATION
#include "../statico.h"

#include <stdio.h>

static void show(const char *what, const char *buf, statico_span s)
{
    printf("%-10s %.*s\n", what, (int)s.len, buf + s.off);
}

int main(void)
{
    static char buf[65536];
    statico_request req = {0};
    size_t len = 0;
    int n = -2, i;

    req.max_head = sizeof buf;
    /* Feed the parser as bytes arrive; it resumes where it stopped. */
    while (n == -2 && len < sizeof buf) {
        size_t got = fread(buf + len, 1, sizeof buf - len, stdin);
        if (got == 0) break;
        len += got;
        n = statico_parse_request(&req, buf, len);
    }
    if (n == -2) {
        fprintf(stderr, "incomplete request head (%zu bytes)\n", len);
        return 2;
    }
    if (n == -1) {
        printf("invalid request: the answer is %u\n", req.status);
        return 1;
    }
    printf("head       %d bytes\n", n);
    show("method", buf, req.method);
    show("target", buf, req.target);
    show("path", buf, req.path);
    if (req.flags & STATICO_REQ_QUERY) show("query", buf, req.query);
    printf("version    HTTP/%d.%d\n", req.version / 10, req.version % 10);
    printf("keep-alive %s\n", req.flags & STATICO_REQ_KEEP_ALIVE ? "yes" : "no");
    if (req.flags & STATICO_REQ_CONTENT_LENGTH) printf("body       %llu bytes\n", (unsigned long long)req.content_length);
    if (req.flags & STATICO_REQ_CHUNKED) printf("body       chunked\n");
    if (req.flags & STATICO_REQ_EXPECT_CONTINUE) printf("expect     100-continue\n");
    if (req.flags & STATICO_REQ_UPGRADE) printf("upgrade    yes\n");
    for (i = 0; i < req.header_count; i++) {
        const statico_header *h = &req.headers[i];
        printf("header     %.*s: %.*s\n", (int)h->name.len, buf + h->name.off, (int)h->value.len, buf + h->value.off);
    }
    for (i = 0; i < STATICO_HDR__COUNT; i++)
        if (req.index[i]) printf("index      %s -> header %d\n", statico_header_name(i), req.index[i] - 1);
    return 0;
}
