/* Compile test, first of two translation units linked together: this one
 * holds the implementation, tu2.c only includes the header. Duplicate or
 * missing symbols fail the link. Strict ISO C, so POSIX is asked for. */
#define _POSIX_C_SOURCE 200809L
#define STATICO_IMPLEMENTATION
#include "../../statico.h"

int tu2_parse(const char *buf, size_t len); /* in tu2.c */

int main(void)
{
    static const char head[] = "GET / HTTP/1.0\r\n\r\n";
    statico_request req = {0};
    if (statico_parse_request(&req, head, sizeof head - 1) != (int)sizeof head - 1) return 1;
    return tu2_parse(head, sizeof head - 1) == (int)sizeof head - 1 ? 0 : 1;
}
