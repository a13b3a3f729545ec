/* Compile test: STATICO_STATIC makes every function static, private to this
 * file; unused ones (the whole server here) must not warn. Strict ISO C, so
 * POSIX is asked for before any #include. */
#define _POSIX_C_SOURCE 200809L
#define STATICO_STATIC
#define STATICO_IMPLEMENTATION
#include "../../statico.h"

int main(void)
{
    static const char head[] = "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n";
    statico_request req = {0};
    int n = statico_parse_request(&req, head, sizeof head - 1);
    return n == (int)sizeof head - 1 && req.method_id == STATICO_METHOD_OPTIONS ? 0 : 1;
}
