/* ihist - where the instructions of one function call go, on the real CPU.
 *
 *   cc -O2 tools/ihist.c -o build/ihist
 *   build/ihist HEX_OFFSET PROG ARGS... | sort -k2 -rn | head
 *
 * Like ../shared/tools/icount.c (ptrace single-stepping from a breakpoint at
 * HEX_OFFSET, the function's address in the PIE executable as `nm` prints
 * it, until it returns), but prints each executed instruction's offset in
 * the executable with how often it ran, over every call, so the hot spots
 * of SIMD code that valgrind cannot run can be matched to `objdump -d`.
 * Instructions outside the executable's first 4 MiB (the C library's, say)
 * are summed on one line, "outside", so the column adds up to the call's
 * whole count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#define SLOTS (1 << 22) /* bytes of the executable counted one by one */

static uintptr_t base_of(pid_t pid, const char *prog)
{
    char path[64], line[1024], real[4096];
    FILE *f;
    if (!realpath(prog, real)) { perror("realpath"); exit(1); }
    snprintf(path, sizeof path, "/proc/%d/maps", pid);
    if (!(f = fopen(path, "r"))) { perror("maps"); exit(1); }
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, off;
        char *p = strchr(line, '/');
        if (!p) continue;
        p[strcspn(p, "\n")] = 0;
        if (strcmp(p, real)) continue;
        if (sscanf(line, "%lx-%*x %*s %lx", &lo, &off) == 2 && off == 0) { fclose(f); return lo; }
    }
    fprintf(stderr, "no mapping for %s\n", real);
    exit(1);
}

int main(int argc, char **argv)
{
    static unsigned long hits[SLOTS];
    unsigned long outside = 0;
    uintptr_t off, addr, base;
    pid_t pid;
    int st;
    long orig, bp;
    unsigned long i;
    if (argc < 3) { fprintf(stderr, "usage: ihist HEX_OFFSET PROG ARGS...\n"); return 2; }
    off = strtoull(argv[1], NULL, 16);
    if ((pid = fork()) == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        personality(ADDR_NO_RANDOMIZE);
        execv(argv[2], argv + 2);
        _exit(127);
    }
    waitpid(pid, &st, 0);
    base = base_of(pid, argv[2]);
    addr = base + off;
    errno = 0;
    orig = ptrace(PTRACE_PEEKTEXT, pid, (void *)addr, 0);
    bp = (orig & ~0xffL) | 0xcc;
    ptrace(PTRACE_POKETEXT, pid, (void *)addr, (void *)bp);
    ptrace(PTRACE_CONT, pid, 0, 0);
    for (;;) {
        struct user_regs_struct r;
        uint64_t entry_rsp, ret;
        waitpid(pid, &st, 0);
        if (WIFEXITED(st) || WIFSIGNALED(st)) break;
        if (WSTOPSIG(st) != SIGTRAP) { ptrace(PTRACE_CONT, pid, 0, WSTOPSIG(st)); continue; }
        ptrace(PTRACE_GETREGS, pid, 0, &r);
        ptrace(PTRACE_POKETEXT, pid, (void *)addr, (void *)orig);
        r.rip = addr;
        ptrace(PTRACE_SETREGS, pid, 0, &r);
        entry_rsp = r.rsp;
        ret = (uint64_t)ptrace(PTRACE_PEEKDATA, pid, (void *)entry_rsp, 0);
        for (;;) {
            if (r.rip >= base && r.rip - base < SLOTS) hits[r.rip - base]++;
            else outside++;
            ptrace(PTRACE_SINGLESTEP, pid, 0, 0);
            waitpid(pid, &st, 0);
            if (!WIFSTOPPED(st)) { fprintf(stderr, "child died mid-call\n"); return 1; }
            ptrace(PTRACE_GETREGS, pid, 0, &r);
            if (r.rip == ret && r.rsp == entry_rsp + 8) break;
        }
        ptrace(PTRACE_POKETEXT, pid, (void *)addr, (void *)bp);
        ptrace(PTRACE_CONT, pid, 0, 0);
    }
    for (i = 0; i < SLOTS; i++)
        if (hits[i]) printf("%lx %lu\n", i, hits[i]);
    if (outside) printf("outside %lu\n", outside);
    return 0;
}
