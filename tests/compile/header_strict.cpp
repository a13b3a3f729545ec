/* Compile test: the public declarations in a C++ translation unit built with
 * the warnings careful C++ users turn on (g++ and clang++ -Wall -Wextra
 * -Wold-style-cast -Wconversion -Wsign-conversion -Wshadow -Werror): the
 * header must not make them fail. It links without the implementation. */
#include "../../statico.h"

#include <cstdio>

int main()
{
    statico_request req = statico_request();
    req.index[STATICO_HDR_HOST] = 1;
    req.header_count = 1;
    if (statico_request_get(&req, STATICO_HDR_HOST) != &req.headers[0]) return 1;
    std::printf("statico %s, %u-byte config\n", STATICO_VERSION, static_cast<unsigned>(sizeof(statico_config)));
    return 0;
}
