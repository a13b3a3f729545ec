/* Compile test: the header alone (no STATICO_IMPLEMENTATION) declares the API
 * and defines only the inline statico_request_get(); this file links without
 * the implementation because it calls nothing else. */
#include "../../statico.h"

#include <stdio.h>

int main(void)
{
    statico_request req = {0};
    statico_chunked ck = {0};
    req.index[STATICO_HDR_HOST] = 1;
    req.header_count = 1;
    if (statico_request_get(&req, STATICO_HDR_HOST) != &req.headers[0]) return 1;
    if (statico_request_get(&req, STATICO_HDR_COOKIE) != NULL) return 1;
    printf("statico %s (%d), %u-byte request, %u-byte decoder\n", STATICO_VERSION, STATICO_VERSION_NUMBER,
           (unsigned)sizeof req, (unsigned)sizeof ck);
    return 0;
}
