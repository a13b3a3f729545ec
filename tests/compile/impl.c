/* Compile test: the implementation in a C translation unit. Built with gcc
 * and clang, -std=c99 and -std=c11, and with -DSTATICO_NO_SIMD. */
#define STATICO_IMPLEMENTATION
#include "../../statico.h"

#include <stdio.h>
#include <string.h>

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
    return statico_parse_request(&req, head, 10) == -2 ? 0 : 1;
}
