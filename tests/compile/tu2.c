/* Compile test, second translation unit: the header only (also built as C++
 * to link C++ callers against the C implementation). */
#include "../../statico.h"

#include <string.h>

#ifdef __cplusplus
extern "C"
#endif
int tu2_parse(const char *buf, size_t len);

int tu2_parse(const char *buf, size_t len)
{
    statico_request req;
    int n;
    memset(&req, 0, sizeof req); /* {0} warns in C++ under -Wextra */
    n = statico_parse_request(&req, buf, len);
    if (statico_server_port(NULL, 0) != -1) return -1; /* the server API links across units too */
    return n > 0 && req.version == 10 ? n : -1;
}
