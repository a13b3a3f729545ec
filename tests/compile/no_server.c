/* Compile test: -DSTATICO_NO_SERVER builds the parser and the chunked
 * decoder alone, in strict ISO C (-std=c99, -std=c11) without asking for
 * POSIX. Built without STATICO_NO_SERVER, this file must stop at the #error
 * that says to define _POSIX_C_SOURCE (tests/run checks both). */
#define STATICO_IMPLEMENTATION
#include "../../statico.h"

#include <stdio.h>

int main(void)
{
    static const char head[] = "PUT /a/b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n";
    static const char body[] = "1\r\nx\r\n0\r\n\r\n";
    statico_request req = {0};
    statico_chunked ck = {0};
    statico_chunk_data d;
    int n = statico_parse_request(&req, head, sizeof head - 1);
    if (n != (int)sizeof head - 1 || req.method_id != STATICO_METHOD_PUT || req.content_length != 3) return 1;
    if (statico_chunked_decode(&ck, body, sizeof body - 1, &d) <= 0 || d.len != 1) return 1;
    printf("%s %.*s, parser only\n", statico_method_name(req.method_id), (int)req.path.len, head + req.path.off);
    return 0;
}
