/* parser.c - request parser benchmark: ns per parse and GB/s, median of
 * several runs, for the SIMD path and its plain-C twin, on the reference
 * requests (one complete head per file).
 *
 *   cc -O3 -march=native bench/parser.c -o build/bench-parser
 *   ./build/bench-parser [FILE...]    (default: ../shared/bench/requests/)
 *
 * Each timed iteration is statico_request_reset() + statico_parse_request(),
 * what a server does per request. Instructions per parse:
 *   - plain-C build, with valgrind (3.19 cannot run SSE4.2 string
 *     instructions or AVX-512, so build without them):
 *       cc -O3 -DSTATICO_NO_SIMD bench/parser.c -o build/bench-parser-c
 *       valgrind --tool=callgrind --callgrind-out-file=build/cg.out \
 *           build/bench-parser-c --once FILE
 *       callgrind_annotate --inclusive=yes build/cg.out | grep statico_parse_request
 *     (--once parses FILE a single time, so the inclusive count of
 *     statico_parse_request is the count of one parse)
 *   - any build, on the real CPU, with ../shared/tools/icount.c:
 *       cc -O2 ../shared/tools/icount.c -o build/icount
 *       build/icount $(nm build/bench-parser | awk '/ T statico_parse_request$/{print $1}') \
 *           build/bench-parser --once FILE
 *   tools/parser-icount gives the same count for every reference file with
 *   tools/ihist.c (no file outside the repository needed).
 */
#define STATICO_IMPLEMENTATION
#define STATICO_TESTING /* the plain-C parser entry and the engine hooks */
#include "../statico.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int (*parse_fn)(statico_request *, const char *, size_t);

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Median ns per parse over `runs` runs of about 20 ms each. */
static double bench(parse_fn volatile fn, const char *buf, size_t len, int *result)
{
    enum { RUNS = 11 };
    static statico_request req;
    double t[RUNS];
    long iters = 1000, i;
    int r, k;
    for (;;) { /* calibrate */
        double t0 = now_ns();
        for (i = 0; i < iters; i++) {
            statico_request_reset(&req);
            fn(&req, buf, len);
        }
        if (now_ns() - t0 > 2e7) break;
        iters *= 2;
    }
    for (k = 0; k < RUNS; k++) {
        double t0 = now_ns();
        for (i = 0; i < iters; i++) {
            statico_request_reset(&req);
            fn(&req, buf, len);
        }
        t[k] = (now_ns() - t0) / (double)iters;
    }
    statico_request_reset(&req);
    r = fn(&req, buf, len);
    *result = r;
    qsort(t, RUNS, sizeof t[0], cmp_double);
    return t[RUNS / 2];
}

static char *load(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = (char *)malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static const char *const default_files[] = {
    "small.txt", "medium.txt", "large.txt", "pico_bench.txt", "post_cl.txt"};

int main(int argc, char **argv)
{
    parse_fn volatile simd = statico_parse_request;
    parse_fn volatile plain = statico__parse_request_plain;
    const char *dir = "../shared/bench/requests", *isa;
    int once = 0, i, nfiles = 0, status = 0;
    const char *files[64];
    char path[4096];

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--once")) once = 1;
        else if (nfiles < 64) files[nfiles++] = argv[i];
    }
    if (!nfiles) {
        const char *d = getenv("STATICO_REQUESTS");
        if (d) dir = d;
    }
    /* the SIMD level, chosen before the first parse (which --once counts) */
    isa = statico_simd();
    if (!once) {
        printf("statico %s parser benchmark, SIMD: %s; median of 11 runs, reset + parse\n", STATICO_VERSION, isa);
        printf("%-16s %6s %5s | %9s %7s | %9s %7s\n", "request", "bytes", "hdrs", "simd ns", "GB/s", "plain ns", "GB/s");
    }
    for (i = 0; i < (nfiles ? nfiles : 5); i++) {
        size_t len;
        char *buf;
        const char *name;
        int r1, r2;
        double a, b;
        if (nfiles) {
            snprintf(path, sizeof path, "%s", files[i]);
        } else {
            snprintf(path, sizeof path, "%s/%s", dir, default_files[i]);
        }
        buf = load(path, &len);
        if (!buf) {
            fprintf(stderr, "bench-parser: cannot read %s\n", path);
            return 2;
        }
        name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        if (once) {
            static statico_request req;
            int r = simd(&req, buf, len);
            if (r != (int)len) fprintf(stderr, "bench-parser: %s: parse returned %d\n", name, r), status = 1;
            free(buf);
            continue;
        }
        a = bench(simd, buf, len, &r1);
        b = bench(plain, buf, len, &r2);
        {
            static statico_request req;
            statico_request_reset(&req);
            simd(&req, buf, len);
            printf("%-16s %6zu %5u | %9.1f %7.2f | %9.1f %7.2f%s\n", name, len, req.header_count, a,
                   (double)len / a, b, (double)len / b, r1 == (int)len && r2 == (int)len ? "" : "  PARSE FAILED");
        }
        if (r1 != (int)len || r2 != (int)len) status = 1;
        free(buf);
    }
    return status;
}
