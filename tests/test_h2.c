#define _GNU_SOURCE
#define STATICO_IMPLEMENTATION
#define STATICO_TESTING /* the engine, HPACK and Huffman hooks */
#include "../statico.h"
/* test_h2.c - HTTP/2 cleartext (h2c) in statico.h, without sockets.
 *
 *   gcc -std=c11 -O1 -g -Wall -Wextra -Werror tests/test_h2.c -o /tmp/th2 -lpthread && /tmp/th2
 *   clang -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror \
 *       tests/test_h2.c -o /tmp/th2s -lpthread && /tmp/th2s
 *
 * 1. HPACK (RFC 7541): every example of Appendix C (C.2 single representations, C.3/C.4 request
 *    sequences, C.5/C.6 response sequences after a size update to 256), each error a decoder must
 *    refuse, eviction, and a random sequence of blocks against a model table.
 * 2. Huffman: the RFC's strings and codes, every byte value, random strings, and the bad endings.
 * 3. The engine: bytes in (the client preface, SETTINGS, request frames), frames out. The output is
 *    parsed into one line per frame ("HEADERS s1 EH 88 0f 0d 01 35", "DATA s1 ES \"hello\"",
 *    "GOAWAY s0 last=1 STREAM_CLOSED") and compared with the expected lines, with the connection
 *    state (0 open, 1 closing, 2 a partial frame kept). Unless a case says otherwise its input is
 *    also fed one byte at a time and split in two at every byte boundary: the output bytes must be
 *    the same. Time moves only by statico__engine_advance (delays, faults, timeouts).
 *    Each rule of RFC 9113 the server promises (see the >>h2 section) has a case.
 * Prints one line per failure (at most 4 a case) and, last, "N passed, N failed"; exits 1 when
 * anything failed.
 */
static const char check_file[] = __FILE__;
#include "check.h"

#define S(lit) lit, sizeof lit - 1

/* ========================================================================= */
/* small helpers */

/* hex digits (spaces and other characters skipped) into bytes */
static size_t unhex(const char *h, unsigned char *out)
{
    size_t n = 0;
    int hi = -1;
    for (; *h; h++) {
        int v;
        if (*h >= '0' && *h <= '9') v = *h - '0';
        else if (*h >= 'a' && *h <= 'f') v = *h - 'a' + 10;
        else if (*h >= 'A' && *h <= 'F') v = *h - 'A' + 10;
        else continue;
        if (hi < 0) hi = v;
        else {
            out[n++] = (unsigned char)(hi << 4 | v);
            hi = -1;
        }
    }
    return n;
}

static void puthex(str *s, const char *h)
{
    unsigned char *b = (unsigned char *)malloc(strlen(h) / 2 + 1);
    if (!b) exit(2);
    put(s, b, unhex(h, b));
    free(b);
}

/* bytes as lowercase hex, space-separated */
static void hexof(str *o, const void *p, size_t n)
{
    const unsigned char *b = (const unsigned char *)p;
    size_t i;
    for (i = 0; i < n; i++) putf(o, i ? " %02x" : "%02x", b[i]);
}

/* a quoted, escaped copy of p[0..n) */
static void quoted(str *o, const void *p, size_t n)
{
    const unsigned char *b = (const unsigned char *)p;
    size_t i;
    puts_(o, "\"");
    for (i = 0; i < n; i++) {
        unsigned char c = b[i];
        if (c == '\r') puts_(o, "\\r");
        else if (c == '\n') puts_(o, "\\n");
        else if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') putf(o, "\\x%02x", c);
        else put(o, &c, 1);
    }
    puts_(o, "\"");
}

static uint64_t rng_state;
static uint32_t rnd(void) /* a fixed-seed generator (splitmix64) */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

/* ========================================================================= */
/* 1. HPACK through statico__hpack_decode_test: a table kept across the blocks of one
 *    "connection"; the fields come back as "name: value\n" lines. */
static char hp_out[1 << 20];
static uint32_t hp_size;

static int hp_decode(void **table, const void *block, size_t n)
{
    hp_out[0] = 0;
    return statico__hpack_decode_test(table, block, n, hp_out, sizeof hp_out, &hp_size);
}

/* One block (hex) on *table: its fields (NULL: a COMPRESSION_ERROR is expected) and the table's
 * size after it (-1: not checked). */
static void hp_block(int line, const char *what, void **table, const char *hex, const char *want, long want_size)
{
    str b = {0};
    int r;
    puthex(&b, hex);
    r = hp_decode(table, b.p, b.n);
    if (!want) {
        if (r != -1) failf("line %d: %s: decoded (\"%s\"), expected a COMPRESSION_ERROR", line, what, esc(hp_out, strlen(hp_out), 200));
    } else if (r != 0) {
        failf("line %d: %s: a COMPRESSION_ERROR, expected \"%s\"", line, what, esc(want, strlen(want), 200));
    } else if (strcmp(hp_out, want)) {
        failf("line %d: %s: fields \"%s\", expected \"%s\"", line, what, esc(hp_out, strlen(hp_out), 250),
              esc(want, strlen(want), 250));
    }
    if (want && want_size >= 0 && hp_size != (uint32_t)want_size)
        failf("line %d: %s: table size %u, expected %ld", line, what, hp_size, want_size);
    clear(&b);
}
#define HPB(what, hex, want, size) hp_block(__LINE__, what, &table, hex, want, size)

/* a case on a fresh table */
#define HP_CASE(name) for (void *table = (case_open(__LINE__, name), NULL); table != (void *)1; \
                           statico__hpack_free_test(table), table = (void *)1, case_end())

/* RFC 7541 Appendix C (the bytes from the RFC; sizes after each block) */
#define C3_1 ":method: GET\n:scheme: http\n:path: /\n:authority: www.example.com\n"
#define C3_2 ":method: GET\n:scheme: http\n:path: /\n:authority: www.example.com\ncache-control: no-cache\n"
#define C3_3 ":method: GET\n:scheme: https\n:path: /index.html\n:authority: www.example.com\ncustom-key: custom-value\n"
#define C5_1 ":status: 302\ncache-control: private\ndate: Mon, 21 Oct 2013 20:13:21 GMT\nlocation: https://www.example.com\n"
#define C5_2 ":status: 307\ncache-control: private\ndate: Mon, 21 Oct 2013 20:13:21 GMT\nlocation: https://www.example.com\n"
#define C5_3                                                                                                     \
    ":status: 200\ncache-control: private\ndate: Mon, 21 Oct 2013 20:13:22 GMT\nlocation: "                     \
    "https://www.example.com\ncontent-encoding: gzip\nset-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; " \
    "version=1\n"
#define HEX_C5_1                                                                                                \
    "4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032303a31333a323120474d546e1768747470733a" \
    "2f2f7777772e6578616d706c652e636f6d"
#define HEX_C5_3                                                                                                \
    "88c1611d4d6f6e2c203231204f637420323031332032303a31333a323220474d54c05a04677a69707738666f6f3d4153444a4b4851" \
    "4b425a584f5157454f50495541585157454f49553b206d61782d6167653d333630303b2076657273696f6e3d31"
#define HEX_C6_1                                                                                                \
    "488264025885aec3771a4b6196d07abe941054d444a8200595040b8166e082a62d1bff6e919d29ad171863c78f0b97c8e9ae82ae43" \
    "d3"
#define HEX_C6_3                                                                                                \
    "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdfcd5b3960d5af27" \
    "087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007"
#define SIZE256 "3fe101" /* a dynamic table size update to 256 (31 + 97 + 128) */

static void group_hpack_rfc(void)
{
    HP_CASE("C.2.1 literal with indexing: custom-key: custom-header, table 55")
    HPB("C.2.1", "400a637573746f6d2d6b65790d637573746f6d2d686561646572", "custom-key: custom-header\n", 55);
    HP_CASE("C.2.2 literal without indexing: :path: /sample/path, table empty")
    HPB("C.2.2", "040c2f73616d706c652f70617468", ":path: /sample/path\n", 0);
    HP_CASE("C.2.3 literal never indexed: password: secret, table empty")
    HPB("C.2.3", "100870617373776f726406736563726574", "password: secret\n", 0);
    HP_CASE("C.2.4 indexed: :method: GET, table empty")
    HPB("C.2.4", "82", ":method: GET\n", 0);

    HP_CASE("C.3 requests without Huffman: three blocks, one table (57, 110, 164)") {
        HPB("C.3.1", "828684410f7777772e6578616d706c652e636f6d", C3_1, 57);
        HPB("C.3.2", "828684be58086e6f2d6361636865", C3_2, 110);
        HPB("C.3.3", "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565", C3_3, 164);
        /* the table now, newest first: 62 custom-key, 63 cache-control, 64 :authority; 65 is past it */
        HPB("62 63 64 after C.3.3", "bebfc0",
            "custom-key: custom-value\ncache-control: no-cache\n:authority: www.example.com\n", 164);
        HPB("65 after C.3.3", "c1", NULL, -1);
    }
    HP_CASE("C.4 requests with Huffman: three blocks, one table (57, 110, 164)") {
        HPB("C.4.1", "828684418cf1e3c2e5f23a6ba0ab90f4ff", C3_1, 57);
        HPB("C.4.2", "828684be5886a8eb10649cbf", C3_2, 110);
        HPB("C.4.3", "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf", C3_3, 164);
    }
    HP_CASE("C.5 responses without Huffman, table of 256: evictions (222, 222, 215)") {
        HPB("C.5.1 after a size update to 256", SIZE256 HEX_C5_1, C5_1, 222);
        HPB("C.5.2", "4803333037c1c0bf", C5_2, 222);
        HPB("C.5.3", HEX_C5_3, C5_3, 215);
        /* three entries left: set-cookie, content-encoding, date :22 */
        HPB("62 63 64 after C.5.3", "bebfc0",
            "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1\ncontent-encoding: gzip\n"
            "date: Mon, 21 Oct 2013 20:13:22 GMT\n", 215);
        HPB("65 after C.5.3 (evicted)", "c1", NULL, -1);
    }
    HP_CASE("C.6 responses with Huffman, table of 256: evictions (222, 222, 215)") {
        HPB("C.6.1 after a size update to 256", SIZE256 HEX_C6_1, C5_1, 222);
        HPB("C.6.2", "4883640effc1c0bf", C5_2, 222);
        HPB("C.6.3", HEX_C6_3, C5_3, 215);
    }
}

/* a literal header field with incremental indexing, new name, plain strings (hex) */
static void hex_lit(str *hx, int first, const char *name, const char *value)
{
    size_t nl = strlen(name), vl = strlen(value), i;
    str b = {0};
    unsigned char c = (unsigned char)first;
    put(&b, &c, 1);
    /* lengths as 7-bit prefix integers */
    for (i = 0; i < 2; i++) {
        size_t l = i ? vl : nl;
        const char *s = i ? value : name;
        if (l < 127) {
            c = (unsigned char)l;
            put(&b, &c, 1);
        } else {
            c = 127;
            put(&b, &c, 1);
            for (l -= 127; l >= 128; l >>= 7) {
                c = (unsigned char)(l | 128);
                put(&b, &c, 1);
            }
            c = (unsigned char)l;
            put(&b, &c, 1);
        }
        put(&b, s, strlen(s));
    }
    hexof(hx, b.p, b.n);
    clear(&b);
}

static void group_hpack_errors(void)
{
    HP_CASE("error: indexed 0") HPB("0x80", "80", NULL, -1);
    HP_CASE("literal with name index 0: a new name, not an error") HPB("0x40 new name", "4001610162", "a: b\n", 34);
    HP_CASE("error: index past the static table, empty dynamic table") {
        HPB("61 is the last static entry", "bd", "www-authenticate: \n", 0);
        HPB("62 with nothing inserted", "be", NULL, -1);
    }
    HP_CASE("error: index past the dynamic table") {
        HPB("insert one", "4001610162", "a: b\n", 34);
        HPB("62 is it", "be", "a: b\n", 34);
        HPB("63 is past it", "bf", NULL, -1);
        HPB("literal with name index 63", "7f0001 78", NULL, -1);
        HPB("a large index", "ff ff 7f", NULL, -1);
    }
    HP_CASE("error: size update above 4096") {
        HPB("4096 is allowed", "3fe11f 82", ":method: GET\n", 0);
        HPB("4097 is not", "3fe21f 82", NULL, -1);
    }
    HP_CASE("error: size update after a field") {
        HPB("two updates before the first field are allowed", "20 3fe11f 82", ":method: GET\n", 0);
        HPB("after a field", "82 20", NULL, -1);
        HPB("after a literal", "0001610162 3fe11f", NULL, -1);
    }
    HP_CASE("error: integer overflow (more than 2^28)") {
        HPB("index with 5 continuation bytes", "ff 80 80 80 80 01", NULL, -1);
        HPB("name length with 5 continuation bytes", "00 7f 80 80 80 80 01 61", NULL, -1);
        HPB("an integer cut by the block's end", "ff 80", NULL, -1);
        HPB("a size update over 2^28", "3f ff ff ff ff 0f", NULL, -1);
    }
    HP_CASE("error: string longer than the block") {
        HPB("value of 5, 2 there", "0001610561 62", NULL, -1);
        HPB("name of 3, 1 there", "000361", NULL, -1);
        HPB("Huffman value of 4, 3 there", "00016184ffffff", NULL, -1);
        HPB("a literal without its value", "000161", NULL, -1);
        HPB("name index without its value", "04", NULL, -1);
    }
    HP_CASE("error: Huffman EOS inside a string") {
        HPB("value ff ff ff ff (EOS, then 2 ones)", "00016184ffffffff", NULL, -1);
        HPB("value 'a' then EOS then padding", "000161851fffffffff", NULL, -1);
        HPB("name EOS", "0084ffffffff0161", NULL, -1);
    }
    HP_CASE("error: Huffman padding over 7 bits") {
        HPB("value ff: 8 bits of padding", "00016181ff", NULL, -1);
        HPB("value 'a' and 11 ones", "000161821fff", NULL, -1);
        HPB("value 'a' and 3 ones is fine", "000161811f", "a: a\n", 0);
    }
    HP_CASE("error: Huffman padding not all ones") {
        HPB("value 'a' and 000", "0001618118", NULL, -1);
        HPB("value '0' and 000", "0001618100", NULL, -1);
        HPB("value 'a' and 101", "000161811d", NULL, -1);
    }
    HP_CASE("a multi-byte length (200) and a Huffman string of length 0") {
        str hx = {0}, want = {0};
        char v[201];
        memset(v, 'v', 200);
        v[200] = 0;
        puts_(&hx, "00 80 80 ");
        hex_lit(&hx, 0, "x", v);
        puts_(&want, ": \nx: ");
        puts_(&want, v);
        puts_(&want, "\n");
        HPB("literal", hx.p, want.p, 0);
        clear(&hx);
        clear(&want);
    }
}

static void group_hpack_table(void)
{
    char name[16], value[4200];
    int i;
    HP_CASE("eviction: 32 entries of 128 fill 4096; the 33rd evicts the oldest; the size stays <= 4096") {
        str hx = {0}, want = {0};
        memset(value, 'v', 92);
        value[92] = 0;
        for (i = 0; i <= 32; i++) { /* "kNNN" + 92 + 32 = 128 */
            clear(&hx);
            clear(&want);
            snprintf(name, sizeof name, "k%03d", i);
            hex_lit(&hx, 0x40, name, value);
            cat(&want, name, ": ", value, "\n", NULL);
            HPB(name, hx.p, want.p, i < 32 ? (i + 1) * 128 : 4096);
            if (hp_size > 4096) failf("table size %u over 4096", hp_size);
            if (i == 31) {
                HPB("93 is k000 when full", "dd", "k000: " "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n", 4096);
                HPB("94 is past it", "de", NULL, -1);
            }
        }
        HPB("after k032: 62 is k032", "be", "k032: " "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n", 4096);
        HPB("after k032: 93 is k001 (k000 is gone)", "dd",
            "k001: " "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n", 4096);
        HPB("after k032: 94 is gone", "de", NULL, -1);
        /* a 1035-byte entry evicts the 9 oldest (9 * 128 >= 1035): 23 + 1 entries, 3979 bytes */
        clear(&hx);
        memset(value, 'w', 1000);
        value[1000] = 0;
        hex_lit(&hx, 0x40, "big", value);
        clear(&want);
        cat(&want, "big: ", value, "\n", NULL);
        HPB("a 1035-byte entry", hx.p, want.p, 4096 - 9 * 128 + 1035);
        HPB("85 is k010, the oldest left", "d5",
            "k010: " "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n", 3979);
        HPB("86 is gone", "d6", NULL, -1);
        clear(&hx);
        clear(&want);
    }
    HP_CASE("an entry larger than the table empties it (the field itself is still decoded)") {
        str hx = {0}, want = {0};
        HPB("insert", "4001610162", "a: b\n", 34);
        memset(value, 'x', 4065);
        value[4065] = 0;
        hex_lit(&hx, 0x40, "h", value); /* 1 + 4065 + 32 = 4098 */
        cat(&want, "h: ", value, "\n", NULL);
        HPB("a 4098-byte entry", hx.p, want.p, 0);
        HPB("62 is gone", "be", NULL, -1);
        clear(&hx);
        clear(&want);
        value[4063] = 0;
        hex_lit(&hx, 0x40, "h", value); /* exactly 4096: fits, alone */
        cat(&want, "h: ", value, "\n", NULL);
        HPB("insert two small ones", "4001610162 4001630164", "a: b\nc: d\n", 68);
        HPB("an entry of exactly 4096", hx.p, want.p, 4096);
        HPB("62 is it", "be", want.p, 4096);
        HPB("63 is gone", "bf", NULL, -1);
        clear(&hx);
        clear(&want);
    }
    HP_CASE("size updates evict; 0 empties; the new maximum holds for later inserts") {
        HPB("three entries", "4001610162 4001630164 4001650166", "a: b\nc: d\ne: f\n", 102);
        HPB("update to 68 evicts the oldest", "3f25 be", "e: f\n", 68);
        HPB("63 is c: d", "bf", "c: d\n", 68);
        HPB("64 is gone", "c0", NULL, -1);
        HPB("an insert under the 68 maximum evicts", "4001670168", "g: h\n", 68);
        HPB("63 is e: f now", "bf", "e: f\n", 68);
        HPB("update to 0 empties it", "20", "", 0);
        HPB("62 is gone", "be", NULL, -1);
        HPB("at 0 an insert is dropped", "400169016a", "i: j\n", 0);
        HPB("back to 4096", "3fe11f 400169016a be", "i: j\ni: j\n", 34);
    }
    HP_CASE("literal without indexing and never indexed do not insert; names from both tables") {
        HPB("without indexing", "0001610162", "a: b\n", 0);
        HPB("never indexed", "1001610162", "a: b\n", 0);
        HPB("with indexing, name from static 38 (host)", "66 0178", "host: x\n", 37);
        HPB("without indexing, name from dynamic 62", "0f2f 0179", "host: y\n", 37);
        HPB("never indexed, name from dynamic 62", "1f2f 017a", "host: z\n", 37);
        HPB("with indexing, name from dynamic 62", "7e 0177", "host: w\n", 74);
        HPB("62 is the newest", "be bf", "host: w\nhost: x\n", 74);
    }
}

/* The decoder against a model table, on random blocks: inserts (new and indexed names, of
 * random sizes), references to the dynamic table, literals, size updates at blocks' starts. */
typedef struct {
    char n[64], v[600];
} mentry;
static mentry model[200];
static size_t model_n, model_size, model_max = 4096;

static void model_evict(size_t room)
{
    while (model_n && model_size + room > model_max) {
        model_n--;
        model_size -= strlen(model[model_n].n) + strlen(model[model_n].v) + 32;
    }
}

static void model_insert(const char *n, const char *v)
{
    size_t sz = strlen(n) + strlen(v) + 32;
    if (sz > model_max) {
        model_evict(model_max + 1);
        return;
    }
    model_evict(sz);
    memmove(model + 1, model, model_n * sizeof model[0]);
    snprintf(model[0].n, sizeof model[0].n, "%s", n);
    snprintf(model[0].v, sizeof model[0].v, "%s", v);
    model_n++;
    model_size += sz;
}

static void group_hpack_model(void)
{
    void *table = NULL;
    int k, bad = 0;
    case_open(__LINE__, "500 random blocks against a model table (evictions, index lookups, size updates)");
    rng_state = 7541;
    for (k = 0; k < 500 && !bad; k++) {
        str hx = {0}, want = {0};
        int f, nf = 1 + (int)(rnd() % 6);
        if (rnd() % 8 == 0) { /* a size update first */
            size_t m = rnd() % 3 == 0 ? rnd() % 600 : 4096 - rnd() % 1200;
            str b = {0};
            unsigned char c;
            if (m < 31) {
                c = (unsigned char)(0x20 | m);
                put(&b, &c, 1);
            } else {
                size_t l = m - 31;
                c = 0x3f;
                put(&b, &c, 1);
                for (; l >= 128; l >>= 7) {
                    c = (unsigned char)(l | 128);
                    put(&b, &c, 1);
                }
                c = (unsigned char)l;
                put(&b, &c, 1);
            }
            hexof(&hx, b.p, b.n);
            puts_(&hx, " ");
            clear(&b);
            model_max = m;
            model_evict(0);
        }
        for (f = 0; f < nf; f++) {
            unsigned kind = rnd() % 4;
            if (kind == 0 && model_n) { /* indexed, dynamic */
                size_t i = rnd() % model_n, idx = 62 + i;
                str b = {0};
                unsigned char c;
                if (idx < 127) {
                    c = (unsigned char)(0x80 | idx);
                    put(&b, &c, 1);
                } else {
                    c = 0xff;
                    put(&b, &c, 1);
                    c = (unsigned char)(idx - 127);
                    put(&b, &c, 1);
                }
                hexof(&hx, b.p, b.n);
                puts_(&hx, " ");
                clear(&b);
                cat(&want, model[i].n, ": ", model[i].v, "\n", NULL);
            } else {
                char n[40], v[600];
                size_t vl = rnd() % 4 == 0 ? rnd() % 580 : rnd() % 40, j;
                snprintf(n, sizeof n, "n%u", rnd() % 1000);
                for (j = 0; j < vl; j++) v[j] = (char)('a' + rnd() % 26);
                v[vl] = 0;
                hex_lit(&hx, kind == 3 ? 0 : 0x40, n, v);
                puts_(&hx, " ");
                cat(&want, n, ": ", v, "\n", NULL);
                if (kind != 3) model_insert(n, v);
            }
        }
        {
            str b = {0};
            int r;
            puthex(&b, hx.p);
            r = hp_decode(&table, b.p, b.n);
            if (r || strcmp(hp_out, want.p) || hp_size != model_size) {
                failf("block %d: result %d, size %u (model %zu), fields %s", k, r, hp_size, model_size,
                      strcmp(hp_out, want.p) ? "differ" : "equal");
                bad = 1;
            }
            clear(&b);
        }
        clear(&hx);
        clear(&want);
    }
    statico__hpack_free_test(table);
    case_end();
}

/* ========================================================================= */
/* 2. Huffman */
static void huff_vector(int line, const char *text, size_t tn, const char *hex)
{
    unsigned char want[256], enc[1024];
    char dec[2048];
    size_t wn = unhex(hex, want), en;
    ptrdiff_t dn;
    en = statico__huff_encode_test(text, tn, enc);
    if (en != wn || memcmp(enc, want, wn)) {
        str g = {0};
        hexof(&g, enc, en);
        failf("line %d: \"%s\" encodes as %s, expected %s", line, esc(text, tn, 60), g.p, hex);
        clear(&g);
    }
    dn = statico__huff_decode_test(want, wn, dec);
    if (dn != (ptrdiff_t)tn || memcmp(dec, text, tn))
        failf("line %d: %s decodes as %td bytes \"%s\", expected \"%s\"", line, hex, dn, dn > 0 ? esc(dec, (size_t)dn, 60) : "",
              esc(text, tn, 60));
}
#define HV(text, hex) huff_vector(__LINE__, S(text), hex)

/* RFC 7541 Appendix B: each symbol's code and length (256 = EOS), for an independent check */
static const struct {
    uint32_t code;
    int bits;
} rfc_huff[257] = {
    {0x1ff8, 13}, {0x7fffd8, 23}, {0xfffffe2, 28}, {0xfffffe3, 28}, {0xfffffe4, 28}, {0xfffffe5, 28},
    {0xfffffe6, 28}, {0xfffffe7, 28}, {0xfffffe8, 28}, {0xffffea, 24}, {0x3ffffffc, 30}, {0xfffffe9, 28},
    {0xfffffea, 28}, {0x3ffffffd, 30}, {0xfffffeb, 28}, {0xfffffec, 28}, {0xfffffed, 28}, {0xfffffee, 28},
    {0xfffffef, 28}, {0xffffff0, 28}, {0xffffff1, 28}, {0xffffff2, 28}, {0x3ffffffe, 30}, {0xffffff3, 28},
    {0xffffff4, 28}, {0xffffff5, 28}, {0xffffff6, 28}, {0xffffff7, 28}, {0xffffff8, 28}, {0xffffff9, 28},
    {0xffffffa, 28}, {0xffffffb, 28}, {0x14, 6}, {0x3f8, 10}, {0x3f9, 10}, {0xffa, 12},
    {0x1ff9, 13}, {0x15, 6}, {0xf8, 8}, {0x7fa, 11}, {0x3fa, 10}, {0x3fb, 10},
    {0xf9, 8}, {0x7fb, 11}, {0xfa, 8}, {0x16, 6}, {0x17, 6}, {0x18, 6},
    {0x0, 5}, {0x1, 5}, {0x2, 5}, {0x19, 6}, {0x1a, 6}, {0x1b, 6},
    {0x1c, 6}, {0x1d, 6}, {0x1e, 6}, {0x1f, 6}, {0x5c, 7}, {0xfb, 8},
    {0x7ffc, 15}, {0x20, 6}, {0xffb, 12}, {0x3fc, 10}, {0x1ffa, 13}, {0x21, 6},
    {0x5d, 7}, {0x5e, 7}, {0x5f, 7}, {0x60, 7}, {0x61, 7}, {0x62, 7},
    {0x63, 7}, {0x64, 7}, {0x65, 7}, {0x66, 7}, {0x67, 7}, {0x68, 7},
    {0x69, 7}, {0x6a, 7}, {0x6b, 7}, {0x6c, 7}, {0x6d, 7}, {0x6e, 7},
    {0x6f, 7}, {0x70, 7}, {0x71, 7}, {0x72, 7}, {0xfc, 8}, {0x73, 7},
    {0xfd, 8}, {0x1ffb, 13}, {0x7fff0, 19}, {0x1ffc, 13}, {0x3ffc, 14}, {0x22, 6},
    {0x7ffd, 15}, {0x3, 5}, {0x23, 6}, {0x4, 5}, {0x24, 6}, {0x5, 5},
    {0x25, 6}, {0x26, 6}, {0x27, 6}, {0x6, 5}, {0x74, 7}, {0x75, 7},
    {0x28, 6}, {0x29, 6}, {0x2a, 6}, {0x7, 5}, {0x2b, 6}, {0x76, 7},
    {0x2c, 6}, {0x8, 5}, {0x9, 5}, {0x2d, 6}, {0x77, 7}, {0x78, 7},
    {0x79, 7}, {0x7a, 7}, {0x7b, 7}, {0x7ffe, 15}, {0x7fc, 11}, {0x3ffd, 14},
    {0x1ffd, 13}, {0xffffffc, 28}, {0xfffe6, 20}, {0x3fffd2, 22}, {0xfffe7, 20}, {0xfffe8, 20},
    {0x3fffd3, 22}, {0x3fffd4, 22}, {0x3fffd5, 22}, {0x7fffd9, 23}, {0x3fffd6, 22}, {0x7fffda, 23},
    {0x7fffdb, 23}, {0x7fffdc, 23}, {0x7fffdd, 23}, {0x7fffde, 23}, {0xffffeb, 24}, {0x7fffdf, 23},
    {0xffffec, 24}, {0xffffed, 24}, {0x3fffd7, 22}, {0x7fffe0, 23}, {0xffffee, 24}, {0x7fffe1, 23},
    {0x7fffe2, 23}, {0x7fffe3, 23}, {0x7fffe4, 23}, {0x1fffdc, 21}, {0x3fffd8, 22}, {0x7fffe5, 23},
    {0x3fffd9, 22}, {0x7fffe6, 23}, {0x7fffe7, 23}, {0xffffef, 24}, {0x3fffda, 22}, {0x1fffdd, 21},
    {0xfffe9, 20}, {0x3fffdb, 22}, {0x3fffdc, 22}, {0x7fffe8, 23}, {0x7fffe9, 23}, {0x1fffde, 21},
    {0x7fffea, 23}, {0x3fffdd, 22}, {0x3fffde, 22}, {0xfffff0, 24}, {0x1fffdf, 21}, {0x3fffdf, 22},
    {0x7fffeb, 23}, {0x7fffec, 23}, {0x1fffe0, 21}, {0x1fffe1, 21}, {0x3fffe0, 22}, {0x1fffe2, 21},
    {0x7fffed, 23}, {0x3fffe1, 22}, {0x7fffee, 23}, {0x7fffef, 23}, {0xfffea, 20}, {0x3fffe2, 22},
    {0x3fffe3, 22}, {0x3fffe4, 22}, {0x7ffff0, 23}, {0x3fffe5, 22}, {0x3fffe6, 22}, {0x7ffff1, 23},
    {0x3ffffe0, 26}, {0x3ffffe1, 26}, {0xfffeb, 20}, {0x7fff1, 19}, {0x3fffe7, 22}, {0x7ffff2, 23},
    {0x3fffe8, 22}, {0x1ffffec, 25}, {0x3ffffe2, 26}, {0x3ffffe3, 26}, {0x3ffffe4, 26}, {0x7ffffde, 27},
    {0x7ffffdf, 27}, {0x3ffffe5, 26}, {0xfffff1, 24}, {0x1ffffed, 25}, {0x7fff2, 19}, {0x1fffe3, 21},
    {0x3ffffe6, 26}, {0x7ffffe0, 27}, {0x7ffffe1, 27}, {0x3ffffe7, 26}, {0x7ffffe2, 27}, {0xfffff2, 24},
    {0x1fffe4, 21}, {0x1fffe5, 21}, {0x3ffffe8, 26}, {0x3ffffe9, 26}, {0xffffffd, 28}, {0x7ffffe3, 27},
    {0x7ffffe4, 27}, {0x7ffffe5, 27}, {0xfffec, 20}, {0xfffff3, 24}, {0xfffed, 20}, {0x1fffe6, 21},
    {0x3fffe9, 22}, {0x1fffe7, 21}, {0x1fffe8, 21}, {0x7ffff3, 23}, {0x3fffea, 22}, {0x3fffeb, 22},
    {0x1ffffee, 25}, {0x1ffffef, 25}, {0xfffff4, 24}, {0xfffff5, 24}, {0x3ffffea, 26}, {0x7ffff4, 23},
    {0x3ffffeb, 26}, {0x7ffffe6, 27}, {0x3ffffec, 26}, {0x3ffffed, 26}, {0x7ffffe7, 27}, {0x7ffffe8, 27},
    {0x7ffffe9, 27}, {0x7ffffea, 27}, {0x7ffffeb, 27}, {0xffffffe, 28}, {0x7ffffec, 27}, {0x7ffffed, 27},
    {0x7ffffee, 27}, {0x7ffffef, 27}, {0x7fffff0, 27}, {0x3ffffee, 26}, {0x3fffffff, 30},
};

static int roundtrip(const unsigned char *p, size_t n)
{
    unsigned char *enc = (unsigned char *)malloc(4 * n + 1);
    char *dec;
    size_t en;
    ptrdiff_t dn;
    int ok;
    if (!enc) exit(2);
    en = statico__huff_encode_test(p, n, enc);
    dec = (char *)malloc(en * 8 / 5 + 1);
    if (!dec) exit(2);
    dn = statico__huff_decode_test(enc, en, dec);
    ok = dn == (ptrdiff_t)n && (!n || !memcmp(dec, p, n));
    free(enc);
    free(dec);
    return ok;
}

static void huff_bad(int line, const char *what, const char *hex)
{
    unsigned char b[64];
    char dec[128];
    size_t n = unhex(hex, b);
    ptrdiff_t r = statico__huff_decode_test(b, n, dec);
    if (r != -1) failf("line %d: %s (%s): decoded %td bytes, expected -1", line, what, hex, r);
}

static void group_huffman(void)
{
    unsigned char all[256];
    int i, k;
    case_open(__LINE__, "Huffman: the strings of RFC 7541 C.4 and C.6");
    HV("www.example.com", "f1e3 c2e5 f23a 6ba0 ab90 f4ff");
    HV("no-cache", "a8eb 1064 9cbf");
    HV("custom-key", "25a8 49e9 5ba9 7d7f");
    HV("custom-value", "25a8 49e9 5bb8 e8b4 bf");
    HV("302", "6402");
    HV("307", "640e ff");
    HV("private", "aec3 771a 4b");
    HV("Mon, 21 Oct 2013 20:13:21 GMT", "d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff");
    HV("Mon, 21 Oct 2013 20:13:22 GMT", "d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff");
    HV("https://www.example.com", "9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3");
    HV("gzip", "9bd9 ab");
    HV("foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1",
       "94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07");
    HV("", "");
    case_end();

    case_open(__LINE__, "Huffman: each byte alone encodes as its code of Appendix B, padded with ones");
    for (i = 0; i < 256; i++) {
        unsigned char b = (unsigned char)i, enc[8], want[8];
        int bits = rfc_huff[i].bits, pad = (8 - bits % 8) % 8;
        uint64_t v = ((uint64_t)rfc_huff[i].code << pad) | ((1u << pad) - 1);
        size_t en = statico__huff_encode_test(&b, 1, enc), wn = (size_t)(bits + pad) / 8, j;
        for (j = 0; j < wn; j++) want[j] = (unsigned char)(v >> (8 * (wn - 1 - j)));
        if (en != wn || memcmp(enc, want, wn)) {
            str g = {0}, w = {0};
            hexof(&g, enc, en);
            hexof(&w, want, wn);
            failf("byte %d encodes as %s, expected %s (code %x, %d bits)", i, g.p, w.p, rfc_huff[i].code, bits);
            clear(&g);
            clear(&w);
        }
    }
    HV("0", "07");           /* '0' 00000 (5) */
    HV("a", "1f");           /* 'a' 00011 (5) */
    HV(" ", "53");           /* ' ' 010100 (6) */
    HV("\x00", "ffc7");      /* 0 1ff8 (13) */
    HV("\xff", "ffff fbbf"); /* 255 3ffffee (26) */
    HV("\x0a", "ffff fff3"); /* 10 3ffffffc (30) */
    HV("00", "00 3f");       /* 10 bits, 6 of padding */
    case_end();

    case_open(__LINE__, "Huffman: every byte value alone, and all 256 in one string, round trip");
    for (i = 0; i < 256; i++) {
        unsigned char b = (unsigned char)i;
        all[i] = b;
        if (!roundtrip(&b, 1)) failf("byte %d does not round-trip", i);
    }
    if (!roundtrip(all, 256)) failf("the 256 bytes in one string do not round-trip");
    for (i = 0; i < 256; i++) all[i] = (unsigned char)(255 - i);
    if (!roundtrip(all, 256)) failf("the 256 bytes backwards do not round-trip");
    case_end();

    case_open(__LINE__, "Huffman: 3000 random strings (fixed seed) round trip");
    rng_state = 42;
    for (k = 0; k < 3000; k++) {
        unsigned char b[400];
        size_t n = rnd() % (k % 10 == 0 ? 400 : 40), j;
        int text = rnd() % 2;
        for (j = 0; j < n; j++) b[j] = (unsigned char)(text ? 32 + rnd() % 95 : rnd() % 256);
        if (!roundtrip(b, n)) {
            failf("string %d (%zu bytes) does not round-trip", k, n);
            break;
        }
    }
    case_end();

    case_open(__LINE__, "Huffman: EOS inside, padding over 7 bits, padding not ones, a cut code");
    huff_bad(__LINE__, "EOS (30 ones) and 2 more", "ffffffff");
    huff_bad(__LINE__, "'a' then EOS", "1fffffffff");
    huff_bad(__LINE__, "EOS then 'a'", "fffffffc 7f");
    huff_bad(__LINE__, "8 bits of padding", "ff");
    huff_bad(__LINE__, "'a' and 11 ones", "1fff");
    huff_bad(__LINE__, "'a' and 000", "18");
    huff_bad(__LINE__, "'0' and 000", "00");
    huff_bad(__LINE__, "'a' and 011", "1b");
    huff_bad(__LINE__, "a 10-bit code cut at 8 bits", "fe");
    case_end();
}

/* ========================================================================= */
/* 3. the engine: building the client's bytes */
#define PREFACE "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
enum { T_DATA, T_HEADERS, T_PRIORITY, T_RST, T_SETTINGS, T_PUSH, T_PING, T_GOAWAY, T_WINDOW, T_CONT };
enum { ES = 1, ACK = 1, EH = 4, PAD = 8, PRIO = 0x20 };
enum { E_NO, E_PROTOCOL, E_INTERNAL, E_FLOW, E_TIMEOUT, E_CLOSED, E_SIZE, E_REFUSED, E_CANCEL, E_COMPRESSION,
       E_CONNECT, E_CALM };

static void be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* a frame header saying len, then n payload bytes (len and n differ only to cheat) */
static void frame_hdr(str *s, size_t len, int type, int flags, uint32_t id)
{
    unsigned char h[9];
    h[0] = (unsigned char)(len >> 16);
    h[1] = (unsigned char)(len >> 8);
    h[2] = (unsigned char)len;
    h[3] = (unsigned char)type;
    h[4] = (unsigned char)flags;
    be32(h + 5, id);
    put(s, h, 9);
}

static void frame(str *s, int type, int flags, uint32_t id, const void *p, size_t n)
{
    frame_hdr(s, n, type, flags, id);
    put(s, p, n);
}

/* SETTINGS with n (id, value) pairs */
static void settings(str *s, int flags, int n, ...)
{
    unsigned char b[64];
    va_list ap;
    int i;
    va_start(ap, n);
    for (i = 0; i < n; i++) {
        unsigned id = va_arg(ap, unsigned);
        b[6 * i] = (unsigned char)(id >> 8);
        b[6 * i + 1] = (unsigned char)id;
        be32(b + 6 * i + 2, va_arg(ap, uint32_t));
    }
    va_end(ap);
    frame(s, T_SETTINGS, flags, 0, b, (size_t)n * 6);
}

static void start(str *s) /* the client preface and an empty SETTINGS */
{
    put(s, S(PREFACE));
    settings(s, 0, 0);
}

static void wu(str *s, uint32_t id, uint32_t inc)
{
    unsigned char b[4];
    be32(b, inc);
    frame(s, T_WINDOW, 0, id, b, 4);
}

static void rst(str *s, uint32_t id, uint32_t code)
{
    unsigned char b[4];
    be32(b, code);
    frame(s, T_RST, 0, id, b, 4);
}

static void goaway(str *s, uint32_t last, uint32_t code)
{
    unsigned char b[8];
    be32(b, last);
    be32(b + 4, code);
    frame(s, T_GOAWAY, 0, 0, b, 8);
}

static void ping(str *s, int flags, const char *eight)
{
    frame(s, T_PING, flags, 0, eight, 8);
}

static void priority(str *s, uint32_t id, uint32_t dep, int weight)
{
    unsigned char b[5];
    be32(b, dep);
    b[4] = (unsigned char)weight;
    frame(s, T_PRIORITY, 0, id, b, 5);
}

static void data(str *s, uint32_t id, int flags, const char *p, size_t n)
{
    frame(s, T_DATA, flags, id, p, n);
}
#define DATA_S(s, id, flags, lit) data(s, id, flags, S(lit))

/* the tiny HPACK encoder: integers, plain strings, literals without indexing */
static void hp_int(str *b, int first, int prefix, size_t v)
{
    size_t max = ((size_t)1 << prefix) - 1;
    unsigned char c;
    if (v < max) {
        c = (unsigned char)(first | (int)v);
        put(b, &c, 1);
        return;
    }
    c = (unsigned char)(first | (int)max);
    put(b, &c, 1);
    for (v -= max; v >= 128; v >>= 7) {
        c = (unsigned char)(v | 128);
        put(b, &c, 1);
    }
    c = (unsigned char)v;
    put(b, &c, 1);
}

static void hp_raw(str *b, const void *p, size_t n)
{
    hp_int(b, 0, 7, n);
    put(b, p, n);
}

/* first 0x00: without indexing; 0x40: with incremental indexing; 0x10: never indexed */
static void lit_n(str *b, int first, const char *n, size_t nl, const char *v, size_t vl)
{
    unsigned char c = (unsigned char)first;
    put(b, &c, 1);
    hp_raw(b, n, nl);
    hp_raw(b, v, vl);
}

static void lit(str *b, const char *n, const char *v)
{
    lit_n(b, 0, n, strlen(n), v, strlen(v));
}

/* :method, :scheme http, :path, :authority x */
static void req(str *b, const char *method, const char *path)
{
    lit(b, ":method", method);
    lit(b, ":scheme", "http");
    lit(b, ":path", path);
    lit(b, ":authority", "x");
}

static void headers(str *s, uint32_t id, int flags, const str *b)
{
    frame(s, T_HEADERS, flags, id, b->p, b->n);
}

/* a whole request without a body */
static void get_m(str *s, uint32_t id, const char *method, const char *path)
{
    str b = {0};
    req(&b, method, path);
    headers(s, id, EH | ES, &b);
    clear(&b);
}
static void get(str *s, uint32_t id, const char *path) { get_m(s, id, "GET", path); }

/* a POST's HEADERS (its body follows), with a content-length when cl is not NULL */
static void post(str *s, uint32_t id, const char *path, const char *cl)
{
    str b = {0};
    req(&b, "POST", path);
    if (cl) lit(&b, "content-length", cl);
    headers(s, id, EH, &b);
    clear(&b);
}

/* ========================================================================= */
/* reading the server's bytes: one line per frame */
static const char *const ecodes[] = {"NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR",
                                     "SETTINGS_TIMEOUT", "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM",
                                     "CANCEL", "COMPRESSION_ERROR", "CONNECT_ERROR", "ENHANCE_YOUR_CALM",
                                     "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED"};
static const char *const tnames[] = {"DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS",
                                     "PUSH_PROMISE", "PING", "GOAWAY", "WINDOW_UPDATE", "CONTINUATION"};

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void ecode(str *o, uint32_t c)
{
    if (c < sizeof ecodes / sizeof ecodes[0]) puts_(o, ecodes[c]);
    else putf(o, "0x%x", c);
}

/* An HTTP/1.1 response the connection began with (all of it, or the 101 head) as one line
 * "HTTP \"...\"", then "TYPE sID [FLAGS] [payload]" a frame; a partial frame at the end is
 * "PARTIAL". DATA shows its bytes up to 48 ("<N bytes>" beyond), header blocks as hex. */
static void dump(str *o, const char *buf, size_t n)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i = 0;
    if (n >= 5 && !memcmp(buf, "HTTP/", 5)) {
        size_t e = n;
        if (n >= 13 && !memcmp(buf, "HTTP/1.1 101 ", 13)) {
            const char *q = (const char *)memmem(buf, n, "\r\n\r\n", 4);
            if (q) e = (size_t)(q + 4 - buf);
        }
        puts_(o, "HTTP ");
        quoted(o, p, e);
        puts_(o, "\n");
        i = e;
    }
    while (i < n) {
        size_t len;
        int type, fl;
        uint32_t id;
        const unsigned char *pl;
        if (n - i < 9) {
            putf(o, "PARTIAL ");
            quoted(o, p + i, n - i);
            puts_(o, "\n");
            break;
        }
        len = (size_t)p[i] << 16 | (size_t)p[i + 1] << 8 | p[i + 2];
        type = p[i + 3];
        fl = p[i + 4];
        id = rd32(p + i + 5);
        pl = p + i + 9;
        if (n - i - 9 < len) {
            putf(o, "PARTIAL frame type %d len %zu, %zu bytes there\n", type, len, n - i - 9);
            break;
        }
        if (type < 10) puts_(o, tnames[type]);
        else putf(o, "TYPE%d", type);
        putf(o, " s%u", id);
        if (type == T_DATA || type == T_HEADERS || type == T_CONT) {
            if (fl & ES && type != T_CONT) puts_(o, " ES"), fl &= ~ES;
            if (fl & EH && type != T_DATA) puts_(o, " EH"), fl &= ~EH;
            if (fl & PAD && type != T_CONT) puts_(o, " PAD"), fl &= ~PAD;
            if (fl & PRIO && type == T_HEADERS) puts_(o, " PRI"), fl &= ~PRIO;
        } else if ((type == T_SETTINGS || type == T_PING) && (fl & ACK)) {
            puts_(o, " ACK");
            fl &= ~ACK;
        }
        if (fl) putf(o, " f=0x%02x", fl);
        switch (type) {
        case T_DATA:
            if (len <= 48) {
                puts_(o, " ");
                quoted(o, pl, len);
            } else {
                putf(o, " <%zu bytes>", len);
            }
            break;
        case T_HEADERS:
        case T_CONT:
            if (len <= 100) {
                puts_(o, " ");
                hexof(o, pl, len);
            } else {
                putf(o, " <%zu bytes>", len);
            }
            break;
        case T_SETTINGS:
            if (len % 6) {
                putf(o, " len=%zu", len);
            } else if (len) {
                size_t k;
                puts_(o, " [");
                for (k = 0; k < len; k += 6) putf(o, k ? " %u=%u" : "%u=%u", pl[k] << 8 | pl[k + 1], rd32(pl + k + 2));
                puts_(o, "]");
            }
            break;
        case T_WINDOW:
            if (len != 4) putf(o, " len=%zu", len);
            else putf(o, " %u", rd32(pl));
            break;
        case T_RST:
            if (len != 4) {
                putf(o, " len=%zu", len);
            } else {
                puts_(o, " ");
                ecode(o, rd32(pl));
            }
            break;
        case T_GOAWAY:
            if (len < 8) {
                putf(o, " len=%zu", len);
            } else {
                putf(o, " last=%u ", rd32(pl));
                ecode(o, rd32(pl + 4));
                if (len > 8) {
                    puts_(o, " ");
                    quoted(o, pl + 8, len - 8);
                }
            }
            break;
        case T_PING:
            puts_(o, " ");
            hexof(o, pl, len);
            break;
        default: putf(o, " len=%zu", len);
        }
        puts_(o, "\n");
        i += 9 + len;
    }
}

/* The DATA payload sent on stream id, in order (an HTTP/1.1 101 head skipped). */
static void body_of(const char *buf, size_t n, uint32_t id, str *out)
{
    const unsigned char *p = (const unsigned char *)buf;
    size_t i = 0;
    if (n >= 13 && !memcmp(buf, "HTTP/1.1 101 ", 13)) {
        const char *q = (const char *)memmem(buf, n, "\r\n\r\n", 4);
        if (q) i = (size_t)(q + 4 - buf);
    }
    while (n - i >= 9) {
        size_t len = (size_t)p[i] << 16 | (size_t)p[i + 1] << 8 | p[i + 2];
        if (n - i - 9 < len) break;
        if (p[i + 3] == T_DATA && rd32(p + i + 5) == id) put(out, p + i + 9, len);
        i += 9 + len;
    }
}

/* got and want, one frame a line: 0 when equal, else one failure line at the first difference */
static int same_text(const char *how, const char *got, const char *want, int gst, int wst)
{
    const char *g = got, *w = want;
    int line = 1;
    if (!strcmp(got, want)) {
        if (gst == wst) return 0;
        failf("%s: state %d, expected %d", how, gst, wst);
        return 1;
    }
    for (;;) {
        const char *ge = strchr(g, '\n'), *we = strchr(w, '\n');
        size_t gl = ge ? (size_t)(ge - g) : strlen(g), wl = we ? (size_t)(we - w) : strlen(w);
        if (gl != wl || memcmp(g, w, gl) || !ge || !we) {
            failf("%s: frame %d: got %s%.*s%s, expected %s%.*s%s (state %d, expected %d)", how, line, *g ? "\"" : "",
                  (int)(gl > 300 ? 300 : gl), *g ? g : "(nothing more)", *g ? "\"" : "", *w ? "\"" : "",
                  (int)(wl > 300 ? 300 : wl), *w ? w : "(nothing more)", *w ? "\"" : "", gst, wst);
            return 1;
        }
        g = ge + 1;
        w = we + 1;
        line++;
    }
}

/* ========================================================================= */
/* driving the engine */
enum { WHOLE = 0, BYTES = 1, SPLIT = 2, PIECES = 4, ALL = BYTES | SPLIT };

static statico_config cfg0(void)
{
    statico_config c;
    memset(&c, 0, sizeof c);
    return c;
}

static statico_config hello_cfg(void) /* every request answered "hello" */
{
    statico_config c = cfg0();
    c.response = (statico_response){.body = "hello", .body_len = 5};
    return c;
}

static statico_server *mk(const statico_config *cfg)
{
    char err[256] = "";
    statico_server *s = statico__engine_new(cfg, err, sizeof err);
    if (!s) failf("statico__engine_new failed: %s", err);
    return s;
}

/* statico__engine_free leaks an HTTP/2 connection's state (it does not call statico__h2_free, as
 * statico__engine_reopen does): the connection is reopened (its state freed) first. */
static void engine_free(statico_server *s)
{
    statico__engine_reopen(s);
    statico__engine_free(s);
}

/* A fresh server fed in[0..n): in pieces of `piece` bytes (0 whole), or in two parts cut at `cut`;
 * its output copied to out; the state, or -1. */
static int run(const statico_config *cfg, const char *in, size_t n, size_t piece, size_t cut, str *out)
{
    statico_server *s = mk(cfg);
    const char *o = NULL;
    size_t on = 0, at = 0;
    int st = -1;
    if (!s) return -1;
    if (cut) {
        st = statico__engine_input(s, in, cut, &o, &on);
        st = statico__engine_input(s, in + cut, n - cut, &o, &on);
    } else {
        do {
            size_t k = piece && n - at > piece ? piece : n - at;
            st = statico__engine_input(s, in + at, k, &o, &on);
            at += k;
        } while (at < n);
    }
    clear(out);
    put(out, on ? o : "", on);
    engine_free(s);
    return st;
}

/* the same output bytes and state as the whole feed gave */
static void same_raw(const char *how, const str *got, int gst, const str *want, int wst)
{
    if (got->n == want->n && !memcmp(got->p, want->p, got->n) && gst == wst) return;
    {
        str a = {0}, b = {0};
        dump(&a, got->p, got->n);
        dump(&b, want->p, want->n);
        if (!same_text(how, a.p ? a.p : "", b.p ? b.p : "", gst, wst))
            failf("%s: %zu bytes, the whole feed gave %zu", how, got->n, want->n);
        clear(&a);
        clear(&b);
    }
}

/* The input fed one byte at a time, 997 at a time, and split in two at
 * every boundary (as mode asks) must give the whole feed's output and state. */
static void same_ways(const statico_config *cfg, const str *in, int mode, const str *whole, int r)
{
    str alt = {0};
    int ra;
    size_t k;
    char how[64];
    if (mode & BYTES) {
        ra = run(cfg, in->p, in->n, 1, 0, &alt);
        same_raw("one byte at a time", &alt, ra, whole, r);
    }
    if (mode & PIECES) {
        ra = run(cfg, in->p, in->n, 997, 0, &alt);
        same_raw("997 bytes at a time", &alt, ra, whole, r);
    }
    for (k = 1; (mode & SPLIT) && k < in->n && case_bad < 4; k++) {
        ra = run(cfg, in->p, in->n, 0, k, &alt);
        snprintf(how, sizeof how, "split at %zu", k);
        same_raw(how, &alt, ra, whole, r);
    }
    clear(&alt);
}

/* The case: in -> the frames want (lines) with final state st, fed as mode says; the whole
 * feed's output in *keep when keep is not NULL. */
static void h2check(int line, const char *name, const statico_config *cfg, const str *in, const char *want, int st,
                    int mode, str *keep)
{
    str whole = {0}, text = {0};
    int r;
    case_open(line, name);
    r = run(cfg, in->p, in->n, 0, 0, &whole);
    dump(&text, whole.p, whole.n);
    same_text("whole", text.p ? text.p : "", want, r, st);
    same_ways(cfg, in, mode, &whole, r);
    if (keep) {
        clear(keep);
        put(keep, whole.p ? whole.p : "", whole.n);
    }
    clear(&whole);
    clear(&text);
    case_end();
}
#define CHECK(name, cfg, in, want, st, mode) h2check(__LINE__, name, cfg, &(in), want, st, mode, NULL)
/* As h2check, where either of two outputs is right (the whole feed's must be one of them). */
static void h2check2(int line, const char *name, const statico_config *cfg, const str *in, const char *want_a,
                     const char *want_b, int st, int mode)
{
    str whole = {0}, text = {0};
    int r;
    case_open(line, name);
    r = run(cfg, in->p, in->n, 0, 0, &whole);
    dump(&text, whole.p, whole.n);
    if (r != st || (strcmp(text.p ? text.p : "", want_a) && strcmp(text.p ? text.p : "", want_b)))
        same_text("whole", text.p ? text.p : "", want_a, r, st);
    same_ways(cfg, in, mode, &whole, r);
    clear(&whole);
    clear(&text);
    case_end();
}


/* Steps on one server: each feeds bytes (or moves the clock) and checks the frames that came out
 * since the previous step, and the state. */
static statico_server *ss;
static size_t ss_seen;
static str ss_new; /* the bytes the last step brought */

static void s_check(int line, int r, const char *o, size_t on, const char *want, int st)
{
    str text = {0};
    char how[64];
    clear(&ss_new);
    put(&ss_new, on > ss_seen ? o + ss_seen : "", on > ss_seen ? on - ss_seen : 0);
    dump(&text, ss_new.p, ss_new.n);
    snprintf(how, sizeof how, "line %d", line);
    same_text(how, text.p ? text.p : "", want, r, st);
    ss_seen = on;
    clear(&text);
}

static void s_in(int line, const str *in, const char *want, int st)
{
    const char *o = NULL;
    size_t on = 0;
    int r;
    if (!ss) return;
    r = statico__engine_input(ss, in->p, in->n, &o, &on);
    s_check(line, r, o, on, want, st);
}

static void s_wait(int line, uint64_t ms, const char *want, int st)
{
    const char *o = NULL;
    size_t on = 0;
    int r;
    if (!ss) return;
    r = statico__engine_advance(ss, ms * 1000, &o, &on);
    s_check(line, r, o, on, want, st);
}

static void s_open(int line, const char *name, const statico_config *cfg)
{
    case_open(line, name);
    ss = mk(cfg);
    ss_seen = 0;
}

static void s_close(void)
{
    if (ss) engine_free(ss);
    ss = NULL;
    clear(&ss_new);
    case_end();
}
/* Lines of a dump reordered by stream, each stream's frames kept in their order: streams answered
 * at the same moment may go in any order, a stream's frames may not. */
typedef struct {
    const char *p;
    size_t n, k;
    unsigned long id;
} lref;
static int lref_cmp(const void *a, const void *b)
{
    const lref *x = (const lref *)a, *y = (const lref *)b;
    if (x->id != y->id) return x->id < y->id ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}
static void by_stream(const char *text, str *out)
{
    lref *v = NULL;
    size_t n = 0, i;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n'), *sp = strstr(p, " s");
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!(v = (lref *)realloc(v, (n + 1) * sizeof *v))) exit(2);
        v[n].p = p;
        v[n].n = len;
        v[n].k = n;
        v[n].id = sp && sp < p + len ? strtoul(sp + 2, NULL, 10) : 0;
        n++;
        p += len + (e ? 1 : 0);
    }
    if (n) qsort(v, n, sizeof *v, lref_cmp);
    for (i = 0; i < n; i++) {
        put(out, v[i].p, v[i].n);
        put(out, "\n", 1);
    }
    free(v);
}

/* the clock moves; the frames that came out compared stream by stream */
static void s_wait_streams(int line, uint64_t ms, const char *want, int st)
{
    const char *o = NULL;
    size_t on = 0;
    int r;
    str text = {0}, g = {0}, w = {0};
    char how[64];
    if (!ss) return;
    r = statico__engine_advance(ss, ms * 1000, &o, &on);
    dump(&text, on > ss_seen ? o + ss_seen : "", on > ss_seen ? on - ss_seen : 0);
    by_stream(text.p ? text.p : "", &g);
    by_stream(want, &w);
    snprintf(how, sizeof how, "line %d (stream by stream)", line);
    same_text(how, g.p ? g.p : "", w.p ? w.p : "", r, st);
    ss_seen = on;
    clear(&text);
    clear(&g);
    clear(&w);
}
#define WAIT_STREAMS(ms, want, st) s_wait_streams(__LINE__, ms, want, st)
#define STEPS(name, cfg) s_open(__LINE__, name, cfg)
#define IN(in, want, st) s_in(__LINE__, &(in), want, st)
#define WAIT(ms, want, st) s_wait(__LINE__, ms, want, st)
#define STEPS_END() s_close()

/* the frames a fresh connection gets: the server preface, then the ACK of the client's SETTINGS */
#define PRE "SETTINGS s0 [3=128 4=16777216 6=16384]\nWINDOW_UPDATE s0 1073676289\n"
#define SACK "SETTINGS s0 ACK\n"
#define OPEN PRE SACK
/* a 200 with "hello" (content-length by static index 28: 0f 0d), and with an empty body */
#define R5(id) "HEADERS s" #id " EH 88 0f 0d 01 35\nDATA s" #id " ES \"hello\"\n"
#define R0(id) "HEADERS s" #id " ES EH 88 0f 0d 01 30\n"
#define GOAWAY(last, code) "GOAWAY s0 last=" #last " " code "\n"
#define RST(id, code) "RST_STREAM s" #id " " code "\n"

/* ========================================================================= */
/* 3a. requests and responses */
#define ROUTE(m, p, b) {.method = m, .path = p, .response = {.body = b, .body_len = sizeof b - 1}}
static const char *const ct_h[] = {"X-A: 1", "Connection: close", "Content-Type: text/plain"};
static const statico_route routes[] = {
    ROUTE(NULL, "/a", "A"),
    ROUTE(NULL, "/b", "BB"),
    ROUTE(NULL, "/six", "AAAAAA"),
    {.path = "/404", .response = {.status = 404}},
    {.path = "/201", .response = {.status = 201}},
    {.path = "/204", .response = {.status = 204}},
    {.path = "/304", .response = {.status = 304}},
    {.path = "/500", .response = {.status = 500, .body = "x", .body_len = 1}},
    {.path = "/h", .response = {.headers = ct_h, .header_count = 3, .body = "hello", .body_len = 5}},
    ROUTE("OPTIONS", "*", "opt"),
};

static statico_config routes_cfg(void)
{
    statico_config c = hello_cfg();
    c.routes = routes;
    c.route_count = sizeof routes / sizeof routes[0];
    return c;
}

static void group_basics(void)
{
    statico_config c = hello_cfg(), rc = routes_cfg();
    str in = {0}, b = {0}, keep = {0};

    start(&in);
    get(&in, 1, "/");
    CHECK("GET: server preface, SETTINGS ACK, HEADERS 200 + content-length, DATA with END_STREAM", &c, in,
          OPEN R5(1), 0, ALL);
    {
        str want = {0};
        puthex(&want, "000012 04 00 00000000 0003 00000080 0004 01000000 0006 00004000"
                      "000004 08 00 00000000 3fff0001"
                      "000000 04 01 00000000"
                      "000005 01 04 00000001 88 0f0d 01 35"
                      "000005 00 01 00000001 68656c6c6f");
        case_open(__LINE__, "GET: the same, byte for byte");
        if (run(&c, in.p, in.n, 0, 0, &keep) != 0 || keep.n != want.n || memcmp(keep.p, want.p, want.n)) {
            str g = {0};
            hexof(&g, keep.p, keep.n);
            failf("got %s", g.p);
            clear(&g);
        }
        case_end();
        clear(&want);
    }
    clear(&in);

    start(&in);
    get_m(&in, 1, "HEAD", "/");
    CHECK("HEAD: HEADERS with END_STREAM and the content-length, no DATA", &c, in,
          OPEN "HEADERS s1 ES EH 88 0f 0d 01 35\n", 0, ALL);
    clear(&in);

    start(&in);
    get(&in, 1, "/a");
    get(&in, 3, "/b?x=1");
    get(&in, 5, "/nothing");
    get_m(&in, 7, "HEAD", "/six");
    CHECK("four streams in one input, routed, answered in order", &rc, in,
          OPEN "HEADERS s1 EH 88 0f 0d 01 31\nDATA s1 ES \"A\"\nHEADERS s3 EH 88 0f 0d 01 32\nDATA s3 ES \"BB\"\n" R5(5)
          "HEADERS s7 ES EH 88 0f 0d 01 36\n", 0, ALL);
    clear(&in);

    start(&in);
    get(&in, 1, "/404");
    get(&in, 3, "/201");
    get(&in, 5, "/204");
    get(&in, 7, "/304");
    get(&in, 9, "/500");
    CHECK("statuses: 404 and 500 indexed, 201 literal, 204 and 304 without content-length", &rc, in,
          OPEN "HEADERS s1 ES EH 8d 0f 0d 01 30\nHEADERS s3 ES EH 08 03 32 30 31 0f 0d 01 30\nHEADERS s5 ES EH 89\n"
          "HEADERS s7 ES EH 8b\nHEADERS s9 EH 8e 0f 0d 01 31\nDATA s9 ES \"x\"\n", 0, ALL);
    clear(&in);

    start(&in);
    get(&in, 1, "/h");
    get(&in, 3, "/h");
    CHECK("configured headers: lowercase, connection dropped, content-type by static name 31; the connection stays",
          &rc, in,
          OPEN "HEADERS s1 EH 88 00 03 78 2d 61 01 31 0f 10 0a 74 65 78 74 2f 70 6c 61 69 6e 0f 0d 01 35\n"
          "DATA s1 ES \"hello\"\n"
          "HEADERS s3 EH 88 00 03 78 2d 61 01 31 0f 10 0a 74 65 78 74 2f 70 6c 61 69 6e 0f 0d 01 35\n"
          "DATA s3 ES \"hello\"\n", 0, ALL);
    clear(&in);

    {
        statico_config m = c;
        m.max_head = 8192;
        start(&in);
        CHECK("SETTINGS_MAX_HEADER_LIST_SIZE is max_head", &m, in,
              "SETTINGS s0 [3=128 4=16777216 6=8192]\nWINDOW_UPDATE s0 1073676289\n" SACK, 0, ALL);
        clear(&in);
    }

    {
        str body = {0};
        statico_config big = cfg0();
        size_t i;
        for (i = 0; i < 40000; i++) put(&body, &(char){(char)('a' + i % 26 + (i / 997) % 3)}, 1);
        big.response = (statico_response){.body = body.p, .body_len = body.n};
        start(&in);
        get(&in, 1, "/");
        h2check(__LINE__, "a body of 40000: DATA frames of 16384, 16384, 7232", &big, &in,
                OPEN "HEADERS s1 EH 88 0f 0d 05 34 30 30 30 30\nDATA s1 <16384 bytes>\nDATA s1 <16384 bytes>\n"
                "DATA s1 ES <7232 bytes>\n", 0, ALL, &keep);
        case_open(__LINE__, "a body of 40000: its bytes");
        clear(&b);
        body_of(keep.p, keep.n, 1, &b);
        if (b.n != body.n || memcmp(b.p, body.p, body.n)) failf("DATA bytes differ (%zu of %zu)", b.n, body.n);
        case_end();
        clear(&b);
        clear(&in);
        clear(&body);
    }

    start(&in);
    ping(&in, 0, "12345678");
    ping(&in, ACK, "abcdefgh");
    settings(&in, ACK, 0);
    settings(&in, 0, 2, 0x99u, 5u, 0x4242u, 7u);
    frame(&in, 0x20, 0xff, 0, "abc", 3);
    frame(&in, 0x21, 0, 7, "", 0);
    get(&in, 1, "/");
    CHECK("PING answered with its payload; PING ACK, SETTINGS ACK, unknown settings and frame types ignored", &c,
          in, OPEN "PING s0 ACK 31 32 33 34 35 36 37 38\n" SACK R5(1), 0, ALL);
    clear(&in);

    start(&in);
    req(&b, "GET", "/a");
    frame(&in, T_HEADERS, ES, 1, b.p, 5);
    frame(&in, T_CONT, 0, 1, b.p + 5, 10);
    frame(&in, T_CONT, 0, 1, "", 0);
    frame(&in, T_CONT, EH, 1, b.p + 15, b.n - 15);
    clear(&b);
    CHECK("a request block in HEADERS (END_STREAM) and CONTINUATION frames", &rc, in,
          OPEN "HEADERS s1 EH 88 0f 0d 01 31\nDATA s1 ES \"A\"\n", 0, ALL);
    clear(&in);

    start(&in);
    req(&b, "GET", "/a");
    {
        str p = {0};
        unsigned char pre[6] = {3, 0, 0, 0, 0, 200}; /* pad 3, depends on 0, weight 201 */
        put(&p, pre, 6);
        put(&p, b.p, b.n);
        put(&p, "\0\0\0", 3);
        frame(&in, T_HEADERS, ES | EH | PAD | PRIO, 1, p.p, p.n);
        clear(&p);
    }
    clear(&b);
    CHECK("HEADERS with padding and a priority", &rc, in, OPEN "HEADERS s1 EH 88 0f 0d 01 31\nDATA s1 ES \"A\"\n",
          0, ALL);
    clear(&in);

    start(&in);
    post(&in, 1, "/", NULL);
    DATA_S(&in, 1, 0, "abc");
    lit(&b, "x-trailer", "1");
    headers(&in, 1, EH | ES, &b);
    clear(&b);
    CHECK("trailers (HEADERS with END_STREAM, no pseudo-header) end the request", &c, in, OPEN R5(1), 0, ALL);
    clear(&in);

    start(&in);
    lit(&b, ":method", "OPTIONS");
    lit(&b, ":scheme", "http");
    lit(&b, ":path", "*");
    headers(&in, 1, EH | ES, &b);
    clear(&b);
    lit(&b, ":method", "GET");
    lit(&b, ":scheme", "https");
    lit(&b, ":path", "/");
    lit(&b, "host", "x");
    lit(&b, "te", "trailers");
    lit(&b, "x-empty", "");
    lit(&b, "x-inner", "a b\tc");
    headers(&in, 3, EH | ES, &b);
    clear(&b);
    CHECK("OPTIONS *; no :authority; te: trailers; empty and inner-space values", &rc, in,
          OPEN "HEADERS s1 EH 88 0f 0d 01 33\nDATA s1 ES \"opt\"\n" R5(3), 0, ALL);
    clear(&in);

    start(&in);
    lit(&b, ":method", "CONNECT");
    lit(&b, ":authority", "x:443");
    headers(&in, 1, EH | ES, &b);
    clear(&b);
    get(&in, 3, "/");
    CHECK("CONNECT (:method and :authority only): 501", &c, in,
          OPEN "HEADERS s1 ES EH 08 03 35 30 31 0f 0d 01 30\n" R5(3), 0, ALL);
    clear(&in);

    {
        statico_config n = c;
        n.no_http2 = 1;
        start(&in);
        CHECK("no_http2: the preface gets the HTTP/1.1 505, then the end", &n, in,
              "HTTP \"HTTP/1.1 505 HTTP Version Not Supported\\r\\nContent-Length: 0\\r\\nConnection: close\\r\\n\\r\\n\"\n", 1, ALL);
        clear(&in);
    }
    puts_(&in, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    start(&in);
    CHECK("the preface after an HTTP/1.1 request on the connection is not HTTP/2", &c, in,
          "HTTP \"HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\nhelloHTTP/1.1 505 HTTP Version Not Supported\\r\\n"
          "Content-Length: 0\\r\\nConnection: close\\r\\n\\r\\n\"\n", 1, ALL);
    clear(&in);
    clear(&keep);
}

/* request bodies: routed by the body, padding, content-length, max_body */
static void group_bodies(void)
{
    statico_config c = hello_cfg();
    statico_route r;
    str in = {0};
    memset(&r, 0, sizeof r);
    r.path = "/m";
    r.match.body = "abc";
    r.match.body_len = 3;
    r.response = (statico_response){.body = "M", .body_len = 1};
    c.routes = &r;
    c.route_count = 1;
#define RM(id) "HEADERS s" #id " EH 88 0f 0d 01 31\nDATA s" #id " ES \"M\"\n"

    start(&in);
    post(&in, 1, "/m", "3");
    DATA_S(&in, 1, 0, "a");
    DATA_S(&in, 1, 0, "");
    DATA_S(&in, 1, ES, "bc");
    post(&in, 3, "/m", NULL);
    DATA_S(&in, 3, 0, "ab");
    DATA_S(&in, 3, 0, "d");
    DATA_S(&in, 3, ES, "");
    CHECK("a body in DATA frames chooses the route (\"abc\" matches, \"abd\" does not)", &c, in, OPEN RM(1) R5(3), 0,
          ALL);
    clear(&in);

    start(&in);
    post(&in, 1, "/m", "3");
    data(&in, 1, ES | PAD, "\x04" "abc\0\0\0\0", 8);
    post(&in, 3, "/m", "3");
    data(&in, 3, PAD, "\x02" "\0\0", 3); /* all padding */
    data(&in, 3, ES | PAD, "\x00" "abc", 4);
    CHECK("padded DATA: the padding is not body", &c, in, OPEN RM(1) RM(3), 0, ALL);
    clear(&in);

    start(&in);
    post(&in, 1, "/", "5");
    DATA_S(&in, 1, ES, "abc");
    post(&in, 3, "/", "2");
    DATA_S(&in, 3, ES, "abc");
    {
        str b = {0};
        req(&b, "GET", "/");
        lit(&b, "content-length", "3");
        headers(&in, 5, EH | ES, &b);
        clear(&b);
    }
    post(&in, 7, "/", "0");
    DATA_S(&in, 7, ES, "");
    CHECK("content-length and DATA differ (less, more, none): RST_STREAM PROTOCOL_ERROR; equal is fine", &c, in,
          OPEN RST(1, "PROTOCOL_ERROR") RST(3, "PROTOCOL_ERROR") RST(5, "PROTOCOL_ERROR") R5(7), 0, ALL);
    clear(&in);

    {
        statico_config m = hello_cfg();
        m.max_body = 10;
        start(&in);
        post(&in, 1, "/", "100");
        post(&in, 3, "/", NULL);
        data(&in, 3, 0, "0123456789abcdef", 16);
        post(&in, 5, "/", "10");
        data(&in, 5, ES, "0123456789", 10);
        CHECK("max_body: content-length over it, or DATA over it: 413 then RST_STREAM NO_ERROR; at it: answered", &m,
              in,
              OPEN "HEADERS s1 ES EH 08 03 34 31 33 0f 0d 01 30\n" RST(1, "NO_ERROR")
              "HEADERS s3 ES EH 08 03 34 31 33 0f 0d 01 30\n" RST(3, "NO_ERROR") R5(5), 0, ALL);
        clear(&in);

        start(&in);
        post(&in, 1, "/", "100");
        DATA_S(&in, 1, 0, "more");
        DATA_S(&in, 1, 0, "more");
        DATA_S(&in, 1, ES, "end");
        get(&in, 3, "/");
        CHECK("RFC 9113 5.1: after its RST_STREAM (413), the stream's DATA still in flight is ignored", &m, in,
              OPEN "HEADERS s1 ES EH 08 03 34 31 33 0f 0d 01 30\n" RST(1, "NO_ERROR") R5(3), 0, ALL);
        clear(&in);

        start(&in);
        post(&in, 1, "/", "100000");
        {
            int k;
            for (k = 0; k < 1100; k++) DATA_S(&in, 1, 0, "x");
        }
        get(&in, 3, "/");
        CHECK("an upload cut by 413: the rest of its DATA does not exhaust the flood budget", &m, in,
              OPEN "HEADERS s1 ES EH 08 03 34 31 33 0f 0d 01 30\n" RST(1, "NO_ERROR") R5(3), 0, PIECES);
        clear(&in);
    }

    start(&in);
    post(&in, 1, "/", NULL);
    DATA_S(&in, 1, 0, "abc");
    {
        str b = {0};
        lit(&b, "x-t", "1");
        headers(&in, 1, EH, &b); /* trailers without END_STREAM */
        clear(&b);
        post(&in, 3, "/", NULL);
        DATA_S(&in, 3, 0, "abc");
        lit(&b, ":path", "/x");
        headers(&in, 3, EH | ES, &b); /* trailers with a pseudo-header */
        clear(&b);
    }
    get(&in, 5, "/");
    CHECK("trailers without END_STREAM, or with a pseudo-header: RST_STREAM PROTOCOL_ERROR", &c, in,
          OPEN RST(1, "PROTOCOL_ERROR") RST(3, "PROTOCOL_ERROR") R5(5), 0, ALL);
    clear(&in);

    {
        statico_config z = cfg0();
        str body = {0};
        statico_server *s;
        const char *o = NULL;
        size_t on = 0, k, consumed = 0;
        uint32_t inc = 0;
        fill(&body, 'p', 16128);
        /* unpadded: a WINDOW_UPDATE of the stream after 8 MiB */
        start(&in);
        post(&in, 1, "/", "8404992");
        {
            str chunk = {0};
            fill(&chunk, 'q', 16384);
            for (k = 0; k < 512; k++) data(&in, 1, 0, chunk.p, 16384);
            data(&in, 1, ES, chunk.p, 16384);
            clear(&chunk);
        }
        CHECK("8 MiB of a stream's body: WINDOW_UPDATE of the stream for 8388608, then the answer", &z, in,
              OPEN "WINDOW_UPDATE s1 8388608\n" R0(1), 0, PIECES);
        clear(&in);

        /* the connection's window: a WINDOW_UPDATE once half of 2^30 is used (a frame at a time) */
        case_open(__LINE__, "half of the 2^30 connection window used: WINDOW_UPDATE of the connection back to 2^30");
        if ((s = mk(&z)) != NULL) {
            str f = {0};
            size_t conn_at = 0, n_stream = 0, i, before;
            uint32_t conn_inc = 0;
            start(&f);
            post(&f, 1, "/", NULL);
            statico__engine_input(s, f.p, f.n, &o, &on);
            clear(&f);
            frame_hdr(&f, 16384, T_DATA, 0, 1);
            fill(&f, 'c', 16384);
            for (k = 1; k <= 32770; k++) {
                before = on;
                statico__engine_input(s, f.p, f.n, &o, &on);
                for (i = before; i + 13 <= on; i++) {
                    if (!memcmp(o + i, "\x00\x00\x04\x08\x00\x00\x00\x00\x00", 9)) {
                        conn_inc = rd32((const unsigned char *)o + i + 9);
                        conn_at = k;
                    }
                    if (!memcmp(o + i, "\x00\x00\x04\x08\x00\x00\x00\x00\x01", 9)) n_stream++;
                }
            }
            /* 32769 frames of 16384 pass 2^29 */
            if (conn_at != 32769 || conn_inc != 32769u * 16384u)
                failf("the connection's WINDOW_UPDATE after frame %zu for %u; expected after 32769 for %u", conn_at, conn_inc,
                      32769u * 16384u);
            if (n_stream != 64) failf("%zu WINDOW_UPDATEs of the stream (each 8 MiB), expected 64", n_stream);
            clear(&f);
            engine_free(s);
        }
        case_end();
        o = NULL;
        on = 0;

        /* padded: the WINDOW_UPDATE gives back what the frames took, padding included (RFC 9113 6.1) */
        case_open(__LINE__, "padded DATA: the stream's WINDOW_UPDATE counts the padding (RFC 9113 6.1)");
        if ((s = mk(&z)) != NULL) {
            str f = {0};
            start(&f);
            post(&f, 1, "/", NULL);
            statico__engine_input(s, f.p, f.n, &o, &on);
            for (k = 0; k < 600 && !inc; k++) {
                size_t before = on, i;
                clear(&f);
                frame_hdr(&f, 16384, T_DATA, PAD, 1);
                put(&f, "\xff", 1);
                put(&f, body.p, 16128);
                fill(&f, 0, 255);
                statico__engine_input(s, f.p, f.n, &o, &on);
                consumed += 16384;
                for (i = before; i + 13 <= on; i++) /* a WINDOW_UPDATE on stream 1 */
                    if (!memcmp(o + i, "\x00\x00\x04\x08\x00\x00\x00\x00\x01", 9)) inc = rd32((const unsigned char *)o + i + 9);
            }
            if (!inc) failf("no WINDOW_UPDATE for the stream after %zu bytes", consumed);
            else if (inc != consumed)
                failf("WINDOW_UPDATE s1 %u after %zu payload bytes (%zu frames of 16384: 1 + 16128 + 255 padding)", inc,
                      consumed, consumed / 16384);
            clear(&f);
            engine_free(s);
        }
        case_end();
        clear(&body);
    }
#undef RM
}

/* ========================================================================= */
/* 3b. RFC 9113 rules, one case each: connection errors (GOAWAY, then the end) and stream errors */
#define PROTO "PROTOCOL_ERROR"

/* a padded frame without even its Pad Length: GOAWAY PROTOCOL_ERROR or FRAME_SIZE_ERROR, at once */
static void no_pad_length(int line, const char *name, const str *in, const char *before)
{
    statico_config c = hello_cfg();
    str out = {0}, text = {0}, w1 = {0}, w2 = {0};
    int r;
    case_open(line, name);
    r = run(&c, in->p, in->n, 0, 0, &out);
    dump(&text, out.p, out.n);
    cat(&w1, before, "GOAWAY s0 last=1 PROTOCOL_ERROR\n", NULL);
    cat(&w2, before, "GOAWAY s0 last=1 FRAME_SIZE_ERROR\n", NULL);
    if (r != 1 || (strcmp(text.p ? text.p : "", w1.p) && strcmp(text.p ? text.p : "", w2.p)))
        same_text("whole", text.p ? text.p : "", w1.p, r, 1);
    clear(&out);
    clear(&text);
    clear(&w1);
    clear(&w2);
    case_end();
}

static void group_frames(void)
{
    statico_config c = hello_cfg();
    str in = {0}, b = {0};
    int k;

    /* the preface and the first frame */
    put(&in, S(PREFACE));
    ping(&in, 0, "12345678");
    CHECK("the first frame after the preface is not SETTINGS (PING): GOAWAY PROTOCOL_ERROR", &c, in,
          PRE GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    put(&in, S(PREFACE));
    get(&in, 1, "/");
    CHECK("the first frame after the preface is not SETTINGS (HEADERS): GOAWAY PROTOCOL_ERROR", &c, in,
          PRE GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    put(&in, S(PREFACE));
    settings(&in, ACK, 0);
    CHECK("the first frame after the preface is a SETTINGS ACK: GOAWAY PROTOCOL_ERROR", &c, in, PRE GOAWAY(0, PROTO),
          1, ALL);
    clear(&in);
    puts_(&in, "PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n");
    settings(&in, 0, 0);
    h2check2(__LINE__, "a corrupted preface (18 bytes right): one answer however it arrives (505, or GOAWAY PROTOCOL_ERROR)",
             &c, &in, "HTTP \"HTTP/1.1 505 HTTP Version Not Supported\\r\\nContent-Length: 0\\r\\nConnection: close\\r\\n\\r\\n\"\n",
             PRE GOAWAY(0, PROTO), 1, ALL);
    clear(&in);

    /* frame size */
    start(&in);
    frame_hdr(&in, 16385, T_HEADERS, EH | ES, 1);
    fill(&in, 0x82, 40);
    CHECK("a frame of 16385 bytes (HEADERS): GOAWAY FRAME_SIZE_ERROR", &c, in, OPEN GOAWAY(0, "FRAME_SIZE_ERROR"), 1,
          ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    post(&in, 3, "/", NULL);
    frame_hdr(&in, 16385, T_DATA, ES, 3);
    fill(&in, 'x', 16385);
    CHECK("a frame of 16385 bytes (DATA): GOAWAY FRAME_SIZE_ERROR", &c, in, OPEN R5(1) GOAWAY(3, "FRAME_SIZE_ERROR"),
          1, BYTES | PIECES);
    clear(&in);
    start(&in);
    post(&in, 1, "/", "16384");
    frame_hdr(&in, 16384, T_DATA, ES, 1);
    fill(&in, 'x', 16384);
    CHECK("a DATA frame of 16384 bytes is fine", &c, in, OPEN R5(1), 0, BYTES | PIECES);
    clear(&in);

    /* stream identifiers */
    start(&in);
    req(&b, "GET", "/");
    headers(&in, 0, EH | ES, &b);
    CHECK("HEADERS on stream 0: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    headers(&in, 2, EH | ES, &b);
    CHECK("HEADERS on an even stream: GOAWAY PROTOCOL_ERROR", &c, in, OPEN R5(1) GOAWAY(1, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    get(&in, 1, "/");
    CHECK("HEADERS on a closed stream: GOAWAY STREAM_CLOSED", &c, in, OPEN R5(1) GOAWAY(1, "STREAM_CLOSED"), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 5, "/");
    get(&in, 3, "/");
    CHECK("a stream id lower than the last, never opened: GOAWAY PROTOCOL_ERROR (RFC 9113 5.1.1)", &c, in,
          OPEN R5(5) GOAWAY(5, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    lit(&b, ":method", "GET"); /* malformed: stream 1 is reset by the server */
    headers(&in, 1, EH | ES, &b);
    clear(&b);
    get(&in, 3, "/");
    get(&in, 1, "/");
    CHECK("HEADERS on a lower stream the server reset: GOAWAY STREAM_CLOSED", &c, in,
          OPEN RST(1, PROTO) R5(3) GOAWAY(3, "STREAM_CLOSED"), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    get(&in, 3, "/");
    get(&in, 1, "/");
    h2check2(__LINE__, "HEADERS on an older stream closed normally: a connection error (STREAM_CLOSED or PROTOCOL_ERROR)", &c,
             &in, OPEN R5(1) R5(3) GOAWAY(3, "STREAM_CLOSED"), OPEN R5(1) R5(3) GOAWAY(3, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    get(&in, 0x7fffffff, "/");
    CHECK("the highest stream id 2^31-1 is fine", &c, in, OPEN R5(1) R5(2147483647), 0, ALL);
    clear(&in);

    /* DATA */
    start(&in);
    DATA_S(&in, 0, ES, "x");
    CHECK("DATA on stream 0: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    DATA_S(&in, 3, ES, "x");
    CHECK("DATA on an idle stream: GOAWAY PROTOCOL_ERROR", &c, in, OPEN R5(1) GOAWAY(1, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    DATA_S(&in, 1, ES, "x");
    get(&in, 3, "/");
    CHECK("DATA on a closed stream: RST_STREAM STREAM_CLOSED, the connection goes on", &c, in,
          OPEN R5(1) RST(1, "STREAM_CLOSED") R5(3), 0, ALL);
    clear(&in);
    {
        statico_config d = hello_cfg();
        d.delay_us = 100000;
        STEPS("DATA on a half-closed (remote) stream: RST_STREAM STREAM_CLOSED, its response never sent", &d);
        start(&in);
        get(&in, 1, "/");
        IN(in, OPEN, 0);
        clear(&in);
        DATA_S(&in, 1, 0, "x");
        IN(in, RST(1, "STREAM_CLOSED"), 0);
        WAIT(200, "", 0);
        STEPS_END();
        clear(&in);
        STEPS("HEADERS again on a half-closed (remote) stream: RST_STREAM STREAM_CLOSED", &d);
        start(&in);
        get(&in, 1, "/");
        IN(in, OPEN, 0);
        clear(&in);
        get(&in, 1, "/");
        IN(in, RST(1, "STREAM_CLOSED"), 0);
        WAIT(200, "", 0);
        STEPS_END();
        clear(&in);
    }

    /* padding */
    start(&in);
    frame(&in, T_HEADERS, EH | ES | PAD, 1, "\x0a\x82\x86\x84", 4);
    CHECK("HEADERS padding longer than the payload: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    post(&in, 1, "/", NULL);
    data(&in, 1, ES | PAD, "\x03" "ab", 3);
    CHECK("DATA padding as long as the payload: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(1, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    post(&in, 1, "/", NULL);
    data(&in, 1, ES | PAD, "", 0);
    no_pad_length(__LINE__, "a padded DATA of length 0 at the end of the input: a connection error at once", &in, OPEN);
    get(&in, 3, "/");
    no_pad_length(__LINE__, "a padded DATA of length 0, a frame after it: a connection error", &in, OPEN);
    clear(&in);

    /* CONTINUATION */
    clear(&b);
    req(&b, "GET", "/");
    start(&in);
    frame(&in, T_CONT, EH, 1, b.p, b.n);
    CHECK("CONTINUATION without HEADERS: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    frame(&in, T_CONT, EH, 1, b.p, b.n);
    CHECK("CONTINUATION after a complete block: GOAWAY PROTOCOL_ERROR", &c, in, OPEN R5(1) GOAWAY(1, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    frame(&in, T_HEADERS, ES, 1, b.p, 4);
    frame(&in, T_CONT, EH, 3, b.p + 4, b.n - 4);
    CHECK("CONTINUATION of another stream: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    {
        static const char *const between[] = {"PING", "DATA", "SETTINGS", "WINDOW_UPDATE", "PRIORITY", "HEADERS", "unknown type"};
        for (k = 0; k < 7; k++) {
            char name[120];
            start(&in);
            frame(&in, T_HEADERS, ES, 1, b.p, 4);
            switch (k) {
            case 0: ping(&in, 0, "12345678"); break;
            case 1: DATA_S(&in, 1, 0, "x"); break;
            case 2: settings(&in, 0, 0); break;
            case 3: wu(&in, 0, 1); break;
            case 4: priority(&in, 1, 0, 16); break;
            case 5: headers(&in, 3, EH | ES, &b); break;
            default: frame(&in, 0x20, 0, 0, "", 0);
            }
            frame(&in, T_CONT, EH, 1, b.p + 4, b.n - 4);
            snprintf(name, sizeof name, "%s between HEADERS and its CONTINUATION: GOAWAY PROTOCOL_ERROR", between[k]);
            h2check(__LINE__, name, &c, &in, OPEN GOAWAY(0, PROTO), 1, ALL, NULL);
            clear(&in);
        }
    }

    /* PRIORITY */
    start(&in);
    priority(&in, 0, 1, 16);
    CHECK("PRIORITY on stream 0: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    frame(&in, T_PRIORITY, 0, 3, "\0\0\0\0", 4);
    get(&in, 5, "/");
    CHECK("PRIORITY of 4 bytes: RST_STREAM FRAME_SIZE_ERROR", &c, in, OPEN RST(3, "FRAME_SIZE_ERROR") R5(5), 0, ALL);
    clear(&in);
    start(&in);
    priority(&in, 3, 3, 16);
    get(&in, 5, "/");
    CHECK("PRIORITY on itself: RST_STREAM PROTOCOL_ERROR", &c, in, OPEN RST(3, PROTO) R5(5), 0, ALL);
    clear(&in);
    start(&in);
    priority(&in, 3, 0, 16);
    priority(&in, 7, 0x80000001u, 255);
    get(&in, 3, "/");
    get(&in, 5, "/");
    priority(&in, 3, 5, 1);
    CHECK("PRIORITY on idle and closed streams is fine; the stream opens later", &c, in, OPEN R5(3) R5(5), 0, ALL);
    clear(&in);
    start(&in);
    {
        str p = {0};
        unsigned char pre[5] = {0, 0, 0, 1, 16}; /* depends on 1: itself */
        put(&p, pre, 5);
        put(&p, b.p, b.n);
        frame(&in, T_HEADERS, ES | EH | PRIO, 1, p.p, p.n);
        clear(&p);
    }
    get(&in, 3, "/");
    CHECK("HEADERS with a priority on itself: RST_STREAM PROTOCOL_ERROR", &c, in, OPEN RST(1, PROTO) R5(3), 0, ALL);
    clear(&in);

    /* PING */
    start(&in);
    frame(&in, T_PING, 0, 1, "12345678", 8);
    CHECK("PING on a stream: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    frame(&in, T_PING, 0, 0, "1234567", 7);
    CHECK("PING of 7 bytes: GOAWAY FRAME_SIZE_ERROR", &c, in, OPEN GOAWAY(0, "FRAME_SIZE_ERROR"), 1, ALL);
    clear(&in);

    /* SETTINGS */
    {
        static const struct {
            const char *name, *code;
            int flags;
            uint32_t id;
            size_t len;
            unsigned key;
            uint32_t value;
        } bad[] = {
            {"SETTINGS on a stream: GOAWAY PROTOCOL_ERROR", PROTO, 0, 1, 6, 3, 100},
            {"SETTINGS of 5 bytes: GOAWAY FRAME_SIZE_ERROR", "FRAME_SIZE_ERROR", 0, 0, 5, 3, 100},
            {"SETTINGS ACK with a payload: GOAWAY FRAME_SIZE_ERROR", "FRAME_SIZE_ERROR", ACK, 0, 6, 3, 100},
            {"ENABLE_PUSH 2: GOAWAY PROTOCOL_ERROR", PROTO, 0, 0, 6, 2, 2},
            {"INITIAL_WINDOW_SIZE 2^31: GOAWAY FLOW_CONTROL_ERROR", "FLOW_CONTROL_ERROR", 0, 0, 6, 4, 0x80000000u},
            {"MAX_FRAME_SIZE 16383: GOAWAY PROTOCOL_ERROR", PROTO, 0, 0, 6, 5, 16383},
            {"MAX_FRAME_SIZE 2^24: GOAWAY PROTOCOL_ERROR", PROTO, 0, 0, 6, 5, 16777216},
        };
        size_t i;
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            unsigned char p[6];
            str want = {0};
            p[0] = (unsigned char)(bad[i].key >> 8);
            p[1] = (unsigned char)bad[i].key;
            be32(p + 2, bad[i].value);
            start(&in); /* as the client's second SETTINGS */
            frame(&in, T_SETTINGS, bad[i].flags, bad[i].id, p, bad[i].len);
            get(&in, 1, "/");
            cat(&want, OPEN, "GOAWAY s0 last=0 ", bad[i].code, "\n", NULL);
            h2check(__LINE__, bad[i].name, &c, &in, want.p, 1, ALL, NULL);
            clear(&in);
            clear(&want);
            put(&in, S(PREFACE)); /* and as its first */
            frame(&in, T_SETTINGS, bad[i].flags, bad[i].id, p, bad[i].len);
            cat(&want, PRE, "GOAWAY s0 last=0 ", bad[i].code, "\n", NULL);
            h2check(__LINE__, bad[i].name, &c, &in, want.p, 1, ALL, NULL);
            clear(&in);
            clear(&want);
        }
    }
    put(&in, S(PREFACE));
    settings(&in, 0, 5, 2u, 0u, 2u, 1u, 4u, 0x7fffffffu, 5u, 16384u, 5u, 16777215u);
    get(&in, 1, "/");
    CHECK("SETTINGS at their limits: ENABLE_PUSH 0 and 1, INITIAL_WINDOW_SIZE 2^31-1, MAX_FRAME_SIZE 16384, 2^24-1", &c,
          in, OPEN R5(1), 0, ALL);
    clear(&in);

    /* WINDOW_UPDATE */
    start(&in);
    frame(&in, T_WINDOW, 0, 0, "\0\0\1", 3);
    CHECK("WINDOW_UPDATE of 3 bytes: GOAWAY FRAME_SIZE_ERROR", &c, in, OPEN GOAWAY(0, "FRAME_SIZE_ERROR"), 1, ALL);
    clear(&in);
    start(&in);
    wu(&in, 0, 0);
    CHECK("WINDOW_UPDATE of 0 on the connection: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    wu(&in, 0, 0x7fffffffu - 65535);
    wu(&in, 0, 1);
    CHECK("the connection window past 2^31-1: GOAWAY FLOW_CONTROL_ERROR (up to it is fine)", &c, in,
          OPEN GOAWAY(0, "FLOW_CONTROL_ERROR"), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    wu(&in, 3, 100);
    CHECK("WINDOW_UPDATE on an idle stream: GOAWAY PROTOCOL_ERROR", &c, in, OPEN R5(1) GOAWAY(1, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    wu(&in, 1, 100);
    wu(&in, 1, 0);
    get(&in, 3, "/");
    CHECK("WINDOW_UPDATE on a closed stream, even of 0, is ignored", &c, in, OPEN R5(1) R5(3), 0, ALL);
    clear(&in);
    {
        statico_config d = hello_cfg();
        d.delay_us = 100000;
        start(&in);
        get(&in, 1, "/");
        get(&in, 3, "/");
        get(&in, 5, "/");
        wu(&in, 1, 0);
        wu(&in, 3, 0x7fffffffu - 65535);
        wu(&in, 3, 1);
        wu(&in, 5, 0x7fffffffu - 65535);
        STEPS("WINDOW_UPDATE on an open stream: 0 -> RST_STREAM PROTOCOL_ERROR, past 2^31-1 -> FLOW_CONTROL_ERROR", &d);
        IN(in, OPEN RST(1, PROTO) RST(3, "FLOW_CONTROL_ERROR"), 0);
        WAIT(100, R5(5), 0);
        STEPS_END();
        clear(&in);
    }

    /* RST_STREAM */
    start(&in);
    rst(&in, 0, E_CANCEL);
    CHECK("RST_STREAM on stream 0: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    rst(&in, 3, E_CANCEL);
    CHECK("RST_STREAM on an idle stream: GOAWAY PROTOCOL_ERROR", &c, in, OPEN R5(1) GOAWAY(1, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    frame(&in, T_RST, 0, 1, "\0\0\0", 3);
    CHECK("RST_STREAM of 3 bytes: GOAWAY FRAME_SIZE_ERROR", &c, in, OPEN R5(1) GOAWAY(1, "FRAME_SIZE_ERROR"), 1, ALL);
    clear(&in);
    start(&in);
    get(&in, 1, "/");
    rst(&in, 1, E_CANCEL);
    get(&in, 3, "/");
    CHECK("RST_STREAM on a closed stream: nothing", &c, in, OPEN R5(1) R5(3), 0, ALL);
    clear(&in);
    {
        statico_config d = hello_cfg();
        d.delay_us = 100000;
        STEPS("RST_STREAM on a stream waiting for its delay: never answered; the others are", &d);
        start(&in);
        get(&in, 1, "/");
        get(&in, 3, "/");
        rst(&in, 1, E_CANCEL);
        IN(in, OPEN, 0);
        WAIT(100, R5(3), 0);
        STEPS_END();
        clear(&in);
    }

    /* PUSH_PROMISE, GOAWAY */
    start(&in);
    {
        str p = {0};
        put(&p, "\0\0\0\2", 4);
        put(&p, b.p, b.n);
        frame(&in, T_PUSH, EH, 1, p.p, p.n);
        clear(&p);
    }
    CHECK("PUSH_PROMISE from the client: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);
    start(&in);
    frame(&in, T_GOAWAY, 0, 0, "\0\0\0\0\0\0\0", 7);
    CHECK("GOAWAY of 7 bytes: GOAWAY FRAME_SIZE_ERROR", &c, in, OPEN GOAWAY(0, "FRAME_SIZE_ERROR"), 1, ALL);
    clear(&in);
    start(&in);
    frame(&in, T_GOAWAY, 0, 1, "\0\0\0\0\0\0\0\0", 8);
    CHECK("GOAWAY on a stream: GOAWAY PROTOCOL_ERROR", &c, in, OPEN GOAWAY(0, PROTO), 1, ALL);
    clear(&in);

    /* HPACK errors on the wire: COMPRESSION_ERROR for the connection */
    {
        static const char *const blocks[][2] = {
            {"indexed 0", "80"},
            {"an index past the tables", "82 86 84 be"},
            {"a size update above 4096", "3fe21f 82 86 84"},
            {"a size update after a field", "82 86 84 20"},
            {"an integer over 2^28", "82 86 ff 80 80 80 80 01"},
            {"a string longer than the block", "82 86 84 01 05 61"},
            {"Huffman with EOS inside", "82 86 84 01 84 ff ff ff ff"},
            {"Huffman padding over 7 bits", "82 86 84 01 81 ff"},
            {"Huffman padding not ones", "82 86 84 01 81 18"},
        };
        size_t i;
        for (i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
            char name[120];
            str bl = {0};
            puthex(&bl, blocks[i][1]);
            start(&in);
            get(&in, 1, "/");
            headers(&in, 3, EH | ES, &bl);
            get(&in, 5, "/");
            snprintf(name, sizeof name, "HPACK: %s: GOAWAY COMPRESSION_ERROR", blocks[i][0]);
            h2check(__LINE__, name, &c, &in, OPEN R5(1) GOAWAY(1, "COMPRESSION_ERROR"), 1, ALL, NULL);
            clear(&in);
            clear(&bl);
        }
    }
    start(&in);
    {
        str bl = {0};
        puthex(&bl, "20 3fe11f 82 86 84 41 01 78"); /* size updates, then :authority x with indexing */
        headers(&in, 1, EH | ES, &bl);
        clear(&bl);
        puthex(&bl, "82 86 84 be"); /* the same from the dynamic table */
        headers(&in, 3, EH | ES, &bl);
        clear(&bl);
    }
    CHECK("HPACK: size updates at a block's start; the dynamic table kept across the connection's blocks", &c, in,
          OPEN R5(1) R5(3), 0, ALL);
    clear(&in);
    clear(&b);
}

/* malformed requests (RFC 9113 8.1.1, 8.2, 8.3): RST_STREAM PROTOCOL_ERROR, the connection goes on */
static void group_malformed(void)
{
    static const char *const bad[][12] = {
        {"missing :method", ":scheme", "http", ":path", "/", ":authority", "x", NULL},
        {"missing :scheme", ":method", "GET", ":path", "/", ":authority", "x", NULL},
        {"missing :path", ":method", "GET", ":scheme", "http", ":authority", "x", NULL},
        {"empty :path", ":method", "GET", ":scheme", "http", ":path", "", NULL},
        {":path without '/'", ":method", "GET", ":scheme", "http", ":path", "x", NULL},
        {":path * with GET", ":method", "GET", ":scheme", "http", ":path", "*", NULL},
        {"an unknown pseudo-header", ":method", "GET", ":scheme", "http", ":path", "/", ":foo", "1", NULL},
        {":status in a request", ":method", "GET", ":scheme", "http", ":path", "/", ":status", "200", NULL},
        {"a duplicated :path", ":method", "GET", ":scheme", "http", ":path", "/", ":path", "/", NULL},
        {"a duplicated :method", ":method", "GET", ":method", "GET", ":scheme", "http", ":path", "/", NULL},
        {"a pseudo-header after a regular one", ":method", "GET", ":scheme", "http", "accept", "*/*", ":path", "/", NULL},
        {"an uppercase name", ":method", "GET", ":scheme", "http", ":path", "/", "Accept", "*/*", NULL},
        {"a name with a space", ":method", "GET", ":scheme", "http", ":path", "/", "a b", "1", NULL},
        {"a name with a colon", ":method", "GET", ":scheme", "http", ":path", "/", "x:y", "1", NULL},
        {"an empty name", ":method", "GET", ":scheme", "http", ":path", "/", "", "1", NULL},
        {"connection", ":method", "GET", ":scheme", "http", ":path", "/", "connection", "close", NULL},
        {"keep-alive", ":method", "GET", ":scheme", "http", ":path", "/", "keep-alive", "5", NULL},
        {"proxy-connection", ":method", "GET", ":scheme", "http", ":path", "/", "proxy-connection", "x", NULL},
        {"transfer-encoding", ":method", "GET", ":scheme", "http", ":path", "/", "transfer-encoding", "chunked", NULL},
        {"upgrade", ":method", "GET", ":scheme", "http", ":path", "/", "upgrade", "h2c", NULL},
        {"te: gzip", ":method", "GET", ":scheme", "http", ":path", "/", "te", "gzip", NULL},
        {"te: trailers, gzip", ":method", "GET", ":scheme", "http", ":path", "/", "te", "trailers, gzip", NULL},
        {"a value with CR", ":method", "GET", ":scheme", "http", ":path", "/", "x", "a\rb", NULL},
        {"a value with LF", ":method", "GET", ":scheme", "http", ":path", "/", "x", "a\nb", NULL},
        {"a value with a leading space", ":method", "GET", ":scheme", "http", ":path", "/", "x", " a", NULL},
        {"a value with a trailing tab", ":method", "GET", ":scheme", "http", ":path", "/", "x", "a\t", NULL},
        {"a :path with a space", ":method", "GET", ":scheme", "http", ":path", "/a b", NULL},
        {"content-length: abc", ":method", "GET", ":scheme", "http", ":path", "/", "content-length", "abc", NULL},
        {"content-length empty", ":method", "GET", ":scheme", "http", ":path", "/", "content-length", "", NULL},
        {"content-length: -1", ":method", "GET", ":scheme", "http", ":path", "/", "content-length", "-1", NULL},
        {"two content-lengths that differ", ":method", "GET", ":scheme", "http", ":path", "/", "content-length", "0",
         "content-length", "1", NULL},
        {"CONNECT without :authority", ":method", "CONNECT", NULL},
    };
    statico_config c = hello_cfg();
    str in = {0}, b = {0};
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char name[160];
        int k;
        for (k = 1; bad[i][k]; k += 2) lit(&b, bad[i][k], bad[i][k + 1]);
        start(&in);
        headers(&in, 1, EH | ES, &b);
        get(&in, 3, "/");
        snprintf(name, sizeof name, "malformed: %s: RST_STREAM PROTOCOL_ERROR, the next stream answered", bad[i][0]);
        h2check(__LINE__, name, &c, &in, OPEN RST(1, PROTO) R5(3), 0, ALL, NULL);
        clear(&in);
        clear(&b);
    }
    req(&b, "GET", "/");
    lit_n(&b, 0, "x", 1, "a\0b", 3);
    start(&in);
    headers(&in, 1, EH | ES, &b);
    get(&in, 3, "/");
    CHECK("malformed: a value with NUL: RST_STREAM PROTOCOL_ERROR", &c, in, OPEN RST(1, PROTO) R5(3), 0, ALL);
    clear(&in);
    clear(&b);
}

/* ========================================================================= */
/* 3c. concurrency and flow control */
static void many_r5(str *w, uint32_t from, uint32_t to)
{
    uint32_t id;
    for (id = from; id <= to; id += 2)
        putf(w, "HEADERS s%u EH 88 0f 0d 01 35\nDATA s%u ES \"hello\"\n", id, id);
}

static void group_streams(void)
{
    statico_config d = hello_cfg();
    str in = {0}, want = {0};
    uint32_t id;
    d.delay_us = 1000000;
    STEPS("128 concurrent streams; the 129th: RST_STREAM REFUSED_STREAM; once they are done, a new one is taken", &d);
    start(&in);
    for (id = 1; id <= 257; id += 2) get(&in, id, "/");
    IN(in, OPEN RST(257, "REFUSED_STREAM"), 0);
    many_r5(&want, 1, 255);
    WAIT_STREAMS(1000, want.p, 0);
    clear(&in);
    get(&in, 259, "/");
    IN(in, "", 0);
    WAIT(1000, R5(259), 0);
    STEPS_END();
    clear(&in);
    clear(&want);

    {
        statico_route r[1];
        statico_step st[1];
        statico_config c = hello_cfg();
        memset(r, 0, sizeof r);
        memset(st, 0, sizeof st);
        r[0].path = "/stall";
        st[0].fault.kind = STATICO_FAULT_STALL;
        r[0].steps = st;
        r[0].step_count = 1;
        c.routes = r;
        c.route_count = 1;
        STEPS("128 stalled streams: the next is refused; a client RST_STREAM frees a place", &c);
        start(&in);
        for (id = 1; id <= 255; id += 2) get(&in, id, "/stall");
        get(&in, 257, "/");
        IN(in, OPEN RST(257, "REFUSED_STREAM"), 0);
        clear(&in);
        rst(&in, 1, E_CANCEL);
        get(&in, 259, "/");
        get(&in, 261, "/");
        IN(in, R5(259) R5(261), 0);
        STEPS_END();
        clear(&in);
    }
}

static void group_flow(void)
{
    statico_config c = hello_cfg(), rc = routes_cfg(), ten = cfg0();
    str in = {0}, body = {0}, keep = {0}, got = {0};
    size_t i;
    ten.response = (statico_response){.body = "0123456789", .body_len = 10};

    put(&in, S(PREFACE));
    settings(&in, 0, 1, 4u, 1u);
    get(&in, 1, "/");
    wu(&in, 1, 1);
    wu(&in, 1, 3);
    CHECK("a 1-byte stream window: DATA of 1 byte, then as WINDOW_UPDATEs allow", &c, in,
          OPEN "HEADERS s1 EH 88 0f 0d 01 35\nDATA s1 \"h\"\nDATA s1 \"e\"\nDATA s1 ES \"llo\"\n", 0, ALL);
    clear(&in);

    put(&in, S(PREFACE));
    settings(&in, 0, 1, 4u, 0u);
    get(&in, 1, "/");
    get(&in, 3, "/");
    get_m(&in, 5, "HEAD", "/");
    wu(&in, 3, 5);
    wu(&in, 1, 5);
    CHECK("a window of 0: HEADERS only, until a WINDOW_UPDATE; HEAD needs no window", &c, in,
          OPEN "HEADERS s1 EH 88 0f 0d 01 35\nHEADERS s3 EH 88 0f 0d 01 35\nHEADERS s5 ES EH 88 0f 0d 01 35\n"
          "DATA s3 ES \"hello\"\nDATA s1 ES \"hello\"\n", 0, ALL);
    clear(&in);

    put(&in, S(PREFACE));
    settings(&in, 0, 1, 4u, 0u);
    get(&in, 1, "/");
    rst(&in, 1, E_CANCEL);
    settings(&in, 0, 1, 4u, 100u);
    wu(&in, 1, 10);
    get(&in, 3, "/");
    CHECK("a stream waiting for a window, reset by the client: nothing more for it", &c, in,
          OPEN "HEADERS s1 EH 88 0f 0d 01 35\n" SACK R5(3), 0, ALL);
    clear(&in);

    {
        statico_config d = hello_cfg();
        d.delay_us = 100000;
        start(&in);
        get(&in, 1, "/");
        wu(&in, 1, 0x7fffffffu - 65535); /* its window: 2^31-1 */
        settings(&in, 0, 1, 4u, 65536u); /* one more: past the limit */
        CHECK("SETTINGS_INITIAL_WINDOW_SIZE taking a stream's window past 2^31-1: GOAWAY FLOW_CONTROL_ERROR", &d, in,
              OPEN GOAWAY(1, "FLOW_CONTROL_ERROR"), 1, ALL);
        clear(&in);
    }

    put(&in, S(PREFACE));
    settings(&in, 0, 1, 4u, 4u);
    get(&in, 1, "/");
    settings(&in, 0, 1, 4u, 1u); /* the stream's window: 0 + (1 - 4) = -3 */
    wu(&in, 1, 3);               /* 0 */
    wu(&in, 1, 2);               /* 2 */
    settings(&in, 0, 1, 4u, 100u); /* 0 + 99 */
    CHECK("a window made negative by SETTINGS, then restored by WINDOW_UPDATE and SETTINGS", &ten, in,
          OPEN "HEADERS s1 EH 88 0f 0d 02 31 30\nDATA s1 \"0123\"\n" SACK "DATA s1 \"45\"\n" SACK "DATA s1 ES \"6789\"\n", 0,
          ALL);
    clear(&in);

    put(&in, S(PREFACE));
    settings(&in, 0, 1, 4u, 2u);
    get(&in, 1, "/six");
    get(&in, 3, "/b");
    wu(&in, 1, 4);
    CHECK("a stream out of window waits, another proceeds", &rc, in,
          OPEN "HEADERS s1 EH 88 0f 0d 01 36\nDATA s1 \"AA\"\nHEADERS s3 EH 88 0f 0d 01 32\nDATA s3 ES \"BB\"\n"
          "DATA s1 ES \"AAAA\"\n", 0, ALL);
    clear(&in);

    {
        statico_config big = cfg0();
        for (i = 0; i < 70000; i++) put(&body, &(char){(char)(' ' + (i * 7 + i / 300) % 90)}, 1);
        big.response = (statico_response){.body = body.p, .body_len = body.n};
        put(&in, S(PREFACE));
        settings(&in, 0, 1, 4u, 1048576u);
        get(&in, 1, "/");
        wu(&in, 0, 4465);
        h2check(__LINE__, "the connection window is 65535: 65535 bytes, then the rest after its WINDOW_UPDATE", &big, &in,
                OPEN "HEADERS s1 EH 88 0f 0d 05 37 30 30 30 30\nDATA s1 <16384 bytes>\nDATA s1 <16384 bytes>\n"
                "DATA s1 <16384 bytes>\nDATA s1 <16383 bytes>\nDATA s1 ES <4465 bytes>\n", 0, ALL, &keep);
        case_open(__LINE__, "the connection window: the body's bytes");
        body_of(keep.p, keep.n, 1, &got);
        if (got.n != body.n || memcmp(got.p, body.p, body.n)) failf("DATA bytes differ (%zu of %zu)", got.n, body.n);
        case_end();
        clear(&in);
        clear(&got);

        big.response.body_len = 40000;
        put(&in, S(PREFACE));
        settings(&in, 0, 1, 4u, 1048576u);
        get(&in, 1, "/");
        get(&in, 3, "/");
        wu(&in, 0, 20000);
        h2check(__LINE__, "two streams share the connection window", &big, &in,
                OPEN "HEADERS s1 EH 88 0f 0d 05 34 30 30 30 30\nDATA s1 <16384 bytes>\nDATA s1 <16384 bytes>\n"
                "DATA s1 ES <7232 bytes>\nHEADERS s3 EH 88 0f 0d 05 34 30 30 30 30\nDATA s3 <16384 bytes>\n"
                "DATA s3 <9151 bytes>\nDATA s3 ES <14465 bytes>\n", 0, ALL, &keep);
        case_open(__LINE__, "two streams share the connection window: each one's bytes");
        body_of(keep.p, keep.n, 3, &got);
        if (got.n != 40000 || memcmp(got.p, body.p, 40000)) failf("stream 3's DATA bytes differ (%zu)", got.n);
        case_end();
        clear(&in);
        clear(&got);

        big.response.body_len = 50000;
        put(&in, S(PREFACE));
        settings(&in, 0, 2, 4u, 1048576u, 5u, 20000u);
        get(&in, 1, "/");
        h2check(__LINE__, "SETTINGS_MAX_FRAME_SIZE 20000: DATA frames of 20000", &big, &in,
                OPEN "HEADERS s1 EH 88 0f 0d 05 35 30 30 30 30\nDATA s1 <20000 bytes>\nDATA s1 <20000 bytes>\n"
                "DATA s1 ES <10000 bytes>\n", 0, ALL, &keep);
        case_open(__LINE__, "SETTINGS_MAX_FRAME_SIZE 20000: the body's bytes");
        body_of(keep.p, keep.n, 1, &got);
        if (got.n != 50000 || memcmp(got.p, body.p, 50000)) failf("DATA bytes differ (%zu)", got.n);
        case_end();
        clear(&in);
        clear(&got);
        clear(&body);
    }

    {
        /* a response block larger than a frame: HEADERS, then CONTINUATION */
        static char hdr[17100];
        static const char *const hh[] = {hdr};
        statico_config c2 = cfg0();
        char err[200];
        memcpy(hdr, "X-Big: ", 7);
        memset(hdr + 7, 'v', 17000);
        hdr[17007] = 0;
        c2.response = (statico_response){.headers = hh, .header_count = 1, .body = "hello", .body_len = 5};
        if (statico_check_response(&c2.response, "r", err, sizeof err) == 0) {
            start(&in);
            get(&in, 1, "/");
            CHECK("a response block of 17016 bytes: HEADERS of 16384, CONTINUATION of 632", &c2, in,
                  OPEN "HEADERS s1 <16384 bytes>\nCONTINUATION s1 EH <632 bytes>\nDATA s1 ES \"hello\"\n", 0, ALL);
            clear(&in);
            put(&in, S(PREFACE));
            settings(&in, 0, 1, 5u, 20000u);
            get(&in, 1, "/");
            CHECK("a response block of 17016 bytes, MAX_FRAME_SIZE 20000: one HEADERS", &c2, in,
                  OPEN "HEADERS s1 EH <17016 bytes>\nDATA s1 ES \"hello\"\n", 0, ALL);
            clear(&in);
        }
    }
    clear(&keep);
}

/* ========================================================================= */
/* 3d. floods */
static void group_floods(void)
{
    statico_config c = hello_cfg();
    str in = {0}, want = {0};
    int k;

    start(&in);
    for (k = 0; k < 1001; k++) ping(&in, 0, "00000000");
    puts_(&want, OPEN);
    for (k = 0; k < 1000; k++) puts_(&want, "PING s0 ACK 30 30 30 30 30 30 30 30\n");
    puts_(&want, GOAWAY(0, "ENHANCE_YOUR_CALM"));
    CHECK("PING flood: 1000 answered, the 1001st: GOAWAY ENHANCE_YOUR_CALM", &c, in, want.p, 1, BYTES | PIECES);
    clear(&in);
    clear(&want);

    start(&in);
    for (k = 0; k < 1000; k++) ping(&in, 0, "00000000");
    get(&in, 1, "/");
    ping(&in, 0, "11111111");
    ping(&in, 0, "22222222");
    puts_(&want, OPEN);
    for (k = 0; k < 1000; k++) puts_(&want, "PING s0 ACK 30 30 30 30 30 30 30 30\n");
    puts_(&want, R5(1) "PING s0 ACK 31 31 31 31 31 31 31 31\n" GOAWAY(1, "ENHANCE_YOUR_CALM"));
    CHECK("the flood budget: a completed response earns one back", &c, in, want.p, 1, BYTES | PIECES);
    clear(&in);
    clear(&want);

    start(&in);
    for (k = 0; k < 1001; k++) settings(&in, 0, 0);
    puts_(&want, OPEN);
    for (k = 0; k < 1000; k++) puts_(&want, SACK);
    puts_(&want, GOAWAY(0, "ENHANCE_YOUR_CALM"));
    CHECK("SETTINGS flood: 1000 after the first, then GOAWAY ENHANCE_YOUR_CALM", &c, in, want.p, 1, BYTES | PIECES);
    clear(&in);
    clear(&want);

    start(&in);
    for (k = 0; k < 1001; k++) priority(&in, 1, 0, 16);
    get(&in, 1, "/");
    CHECK("PRIORITY flood: GOAWAY ENHANCE_YOUR_CALM", &c, in, OPEN GOAWAY(0, "ENHANCE_YOUR_CALM"), 1, BYTES | PIECES);
    clear(&in);

    start(&in);
    for (k = 0; k < 1001; k++) frame(&in, T_PRIORITY, 0, (uint32_t)(2 * k + 1), "\0\0\0\0", 4);
    get(&in, 2003, "/");
    {
        /* 1000 spend the budget; the 1001st may still get its RST_STREAM before the GOAWAY */
        str alt = {0};
        puts_(&want, OPEN);
        for (k = 0; k < 1000; k++) putf(&want, "RST_STREAM s%d FRAME_SIZE_ERROR\n", 2 * k + 1);
        cat(&alt, want.p, "RST_STREAM s2001 FRAME_SIZE_ERROR\n", GOAWAY(0, "ENHANCE_YOUR_CALM"), NULL);
        puts_(&want, GOAWAY(0, "ENHANCE_YOUR_CALM"));
        h2check2(__LINE__, "flood of PRIORITY frames of a wrong size (each answered by RST_STREAM): GOAWAY ENHANCE_YOUR_CALM",
                 &c, &in, want.p, alt.p, 1, PIECES);
        clear(&alt);
        clear(&want);
    }
    clear(&in);

    {
        statico_config d = hello_cfg();
        d.delay_us = 1000000;
        start(&in);
        for (k = 0; k < 1001; k++) {
            get(&in, (uint32_t)(2 * k + 1), "/");
            rst(&in, (uint32_t)(2 * k + 1), E_CANCEL);
        }
        CHECK("rapid reset: HEADERS then RST_STREAM, 1001 times: GOAWAY ENHANCE_YOUR_CALM", &d, in,
              OPEN GOAWAY(2001, "ENHANCE_YOUR_CALM"), 1, PIECES);
        clear(&in);
    }

    start(&in);
    post(&in, 1, "/", NULL);
    for (k = 0; k < 1001; k++) data(&in, 1, 0, "", 0);
    CHECK("empty DATA flood: GOAWAY ENHANCE_YOUR_CALM", &c, in, OPEN GOAWAY(1, "ENHANCE_YOUR_CALM"), 1, BYTES | PIECES);
    clear(&in);

    start(&in);
    puts_(&want, OPEN);
    for (k = 1; k <= 9; k += 2) {
        get(&in, (uint32_t)k, "/");
        putf(&want, "HEADERS s%d EH 88 0f 0d 01 35\nDATA s%d ES \"hello\"\n", k, k);
    }
    for (k = 0; k < 1001; k++) DATA_S(&in, (uint32_t)(2 * (k % 5) + 1), 0, "x");
    for (k = 0; k < 1000; k++) putf(&want, "RST_STREAM s%d STREAM_CLOSED\n", 2 * (k % 5) + 1);
    {
        str alt = {0};
        cat(&alt, want.p, "RST_STREAM s1 STREAM_CLOSED\n", GOAWAY(9, "ENHANCE_YOUR_CALM"), NULL);
        puts_(&want, GOAWAY(9, "ENHANCE_YOUR_CALM"));
        h2check2(__LINE__, "DATA on closed streams (five in turn), 1001 times: GOAWAY ENHANCE_YOUR_CALM after 1000", &c, &in,
                 want.p, alt.p, 1, PIECES);
        clear(&alt);
    }
    clear(&in);
    clear(&want);

    {
        str blk = {0};
        start(&in);
        fill(&blk, 0x82, 16384);
        frame(&in, T_HEADERS, ES, 1, blk.p, 16384);
        frame(&in, T_CONT, 0, 1, blk.p, 16384);
        frame(&in, T_CONT, 0, 1, blk.p, 16384);
        frame(&in, T_CONT, 0, 1, blk.p, 1);
        frame(&in, T_CONT, EH, 1, blk.p, 1);
        CHECK("CONTINUATION flood: a block over 2 * max_head + 16384: GOAWAY ENHANCE_YOUR_CALM", &c, in,
              OPEN GOAWAY(0, "ENHANCE_YOUR_CALM"), 1, BYTES | PIECES);
        clear(&in);
        clear(&blk);

        start(&in);
        frame(&in, T_HEADERS, ES, 1, "\x82\x86", 2);
        for (k = 0; k < 1001; k++) frame(&in, T_CONT, 0, 1, "", 0);
        CHECK("empty CONTINUATION flood: GOAWAY ENHANCE_YOUR_CALM", &c, in, OPEN GOAWAY(0, "ENHANCE_YOUR_CALM"), 1,
              BYTES | PIECES);
        clear(&in);
    }

    {
        str blk = {0}, v = {0};
        fill(&v, 'b', 4000);
        req(&blk, "GET", "/");
        lit_n(&blk, 0x40, "x-bomb", 6, v.p, v.n);
        put(&blk, "\xbe\xbe\xbe\xbe", 4); /* 5 * 4038 decoded: over 16384 */
        start(&in);
        headers(&in, 1, EH | ES, &blk);
        clear(&blk);
        req(&blk, "GET", "/");
        put(&blk, "\xbe", 1); /* the table followed the refused block */
        headers(&in, 3, EH | ES, &blk);
        CHECK("HPACK bomb: a block decoding to more than max_head: 431 on its stream; the table still follows", &c, in,
              OPEN "HEADERS s1 ES EH 08 03 34 33 31 0f 0d 01 30\n" R5(3), 0, BYTES | PIECES);
        clear(&in);
        clear(&blk);
        clear(&v);
    }
}

/* ========================================================================= */
/* 3e. the clock: delays, faults, timeouts, GOAWAY */
static void group_clock(void)
{
    statico_config d = hello_cfg();
    str in = {0};
    d.delay_us = 100000;

    STEPS("delay 100 ms: nothing before, the response after", &d);
    start(&in);
    get(&in, 1, "/");
    IN(in, OPEN, 0);
    WAIT(99, "", 0);
    WAIT(1, R5(1), 0);
    STEPS_END();
    clear(&in);

    STEPS("delay 100 ms, two streams 50 ms apart: each at its own time", &d);
    start(&in);
    get(&in, 1, "/");
    IN(in, OPEN, 0);
    WAIT(50, "", 0);
    clear(&in);
    get(&in, 3, "/");
    IN(in, "", 0);
    WAIT(49, "", 0);
    WAIT(1, R5(1), 0);
    WAIT(49, "", 0);
    WAIT(1, R5(3), 0);
    STEPS_END();
    clear(&in);

    {
        statico_config bd = hello_cfg();
        bd.body_delay_us = 50000;
        STEPS("body delay 50 ms: HEADERS at once (the loop's next pass), DATA 50 ms later", &bd);
        start(&in);
        get(&in, 1, "/");
        IN(in, OPEN, 0);
        WAIT(0, "HEADERS s1 EH 88 0f 0d 01 35\n", 0); /* the loop's next pass, as HTTP/1.1's */
        WAIT(49, "", 0);
        WAIT(1, "DATA s1 ES \"hello\"\n", 0);
        STEPS_END();
        clear(&in);
    }

    STEPS("delay 100 ms counts from the request's end (its last DATA)", &d);
    start(&in);
    post(&in, 1, "/", "3");
    IN(in, OPEN, 0);
    WAIT(50, "", 0);
    clear(&in);
    DATA_S(&in, 1, ES, "abc");
    IN(in, "", 0);
    WAIT(99, "", 0);
    WAIT(1, R5(1), 0);
    STEPS_END();
    clear(&in);

    STEPS("the client's end (a read of 0 bytes): its complete streams still answered at their time, then the end", &d);
    start(&in);
    get(&in, 1, "/");
    post(&in, 3, "/", "3");
    IN(in, OPEN, 0);
    if (ss) {
        const char *o = NULL;
        size_t on = 0;
        int r = statico__engine_eof(ss, &o, &on);
        s_check(__LINE__, r, o, on, "", 0);
    }
    WAIT(100, R5(1), 1);
    STEPS_END();
    clear(&in);

    STEPS("client GOAWAY with a stream in flight: GOAWAY NO_ERROR, the response, then the end", &d);
    start(&in);
    get(&in, 1, "/");
    goaway(&in, 0, E_NO);
    get(&in, 3, "/");
    IN(in, OPEN GOAWAY(1, "NO_ERROR"), 0);
    WAIT(100, R5(1), 1);
    STEPS_END();
    clear(&in);

    {
        statico_config c = hello_cfg();
        start(&in);
        goaway(&in, 0, E_NO);
        CHECK("client GOAWAY, nothing in flight: GOAWAY NO_ERROR and the end", &c, in, OPEN GOAWAY(0, "NO_ERROR"), 1,
              ALL);
        clear(&in);
        start(&in);
        get(&in, 1, "/");
        goaway(&in, 1, E_PROTOCOL);
        get(&in, 3, "/");
        CHECK("client GOAWAY: streams after it are not processed", &c, in, OPEN R5(1) GOAWAY(1, "NO_ERROR"), 1, ALL);
        clear(&in);
    }

    start(&in);
    get(&in, 1, "/");
    goaway(&in, 0, E_NO);
    get(&in, 3, "/");
    frame(&in, T_PING, 0, 1, "12345678", 8);
    CHECK("GOAWAY's last stream id never grows: an error after the client's GOAWAY says 1, not 3", &d, in,
          OPEN GOAWAY(1, "NO_ERROR") GOAWAY(1, PROTO), 1, ALL);
    clear(&in);

    {
        statico_config it = hello_cfg();
        it.idle_timeout_ms = 5000;
        STEPS("idle timeout: GOAWAY NO_ERROR, state closing", &it);
        start(&in);
        IN(in, OPEN, 0);
        WAIT(4999, "", 0);
        WAIT(1, GOAWAY(0, "NO_ERROR"), 1);
        STEPS_END();
        clear(&in);
        STEPS("idle timeout after a stream: GOAWAY NO_ERROR with its id", &it);
        start(&in);
        get(&in, 1, "/");
        IN(in, OPEN R5(1), 0);
        WAIT(5000, GOAWAY(1, "NO_ERROR"), 1);
        STEPS_END();
        clear(&in);
    }

    {
        statico_config bt = hello_cfg();
        bt.body_timeout_ms = 2000;
        STEPS("body timeout: a stream's incomplete body gets 408 (then RST_STREAM NO_ERROR); the connection goes on", &bt);
        start(&in);
        post(&in, 1, "/", "10");
        DATA_S(&in, 1, 0, "abc");
        IN(in, OPEN, 0);
        WAIT(1999, "", 0);
        WAIT(1, "HEADERS s1 ES EH 08 03 34 30 38 0f 0d 01 30\n" RST(1, "NO_ERROR"), 0);
        clear(&in);
        get(&in, 3, "/");
        IN(in, R5(3), 0);
        STEPS_END();
        clear(&in);
    }
}

static statico_config fault_cfg(statico_route *r, statico_step *st, statico_fault_kind kind, uint64_t bytes,
                                uint64_t every_us)
{
    statico_config c = hello_cfg();
    memset(r, 0, sizeof *r);
    memset(st, 0, sizeof *st);
    r->path = "/f";
    st->response.body = "0123456789";
    st->response.body_len = 10;
    st->fault.kind = kind;
    st->fault.bytes = bytes;
    st->fault.every_us = every_us;
    r->steps = st;
    r->step_count = 1;
    c.routes = r;
    c.route_count = 1;
    return c;
}
#define H10(id) "HEADERS s" #id " EH 88 0f 0d 02 31 30\n"

static void group_faults(void)
{
    statico_route r;
    statico_step st;
    statico_config c;
    str in = {0}, pre = {0}, out = {0};

    start(&in);
    get(&in, 1, "/f");
    get(&in, 3, "/");
    c = fault_cfg(&r, &st, STATICO_FAULT_RESET, 0, 0);
    CHECK("fault reset: RST_STREAM INTERNAL_ERROR on its stream; the next answered", &c, in,
          OPEN RST(1, "INTERNAL_ERROR") R5(3), 0, ALL);
    c = fault_cfg(&r, &st, STATICO_FAULT_CLOSE, 0, 0);
    CHECK("fault close: GOAWAY INTERNAL_ERROR and the end", &c, in, OPEN GOAWAY(1, "INTERNAL_ERROR"), 1, ALL);
    c = fault_cfg(&r, &st, STATICO_FAULT_STALL, 0, 0);
    CHECK("fault stall: its stream never answered; the next is", &c, in, OPEN R5(3), 0, ALL);
    c = fault_cfg(&r, &st, STATICO_FAULT_TRUNCATE, 3, 0);
    CHECK("fault truncate=3: HEADERS, 3 body bytes without END_STREAM, RST_STREAM INTERNAL_ERROR", &c, in,
          OPEN H10(1) "DATA s1 \"012\"\n" RST(1, "INTERNAL_ERROR") R5(3), 0, ALL);
    c = fault_cfg(&r, &st, STATICO_FAULT_TRUNCATE, 1000, 0);
    CHECK("fault truncate beyond the body: all of it, no END_STREAM, RST_STREAM INTERNAL_ERROR", &c, in,
          OPEN H10(1) "DATA s1 \"0123456789\"\n" RST(1, "INTERNAL_ERROR") R5(3), 0, ALL);
    clear(&in);

    put(&in, S(PREFACE));
    settings(&in, 0, 1, 4u, 2u);
    get(&in, 1, "/f");
    c = fault_cfg(&r, &st, STATICO_FAULT_TRUNCATE, 5, 0);
    case_open(__LINE__, "fault truncate=5 with a stream window of 2: no more DATA than the window (RFC 9113 6.9.1)");
    {
        str b = {0}, text = {0};
        run(&c, in.p, in.n, 0, 0, &out);
        body_of(out.p, out.n, 1, &b);
        dump(&text, out.p, out.n);
        if (b.n > 2) failf("%zu DATA bytes on a window of 2: %s", b.n, esc(text.p, text.n, 300));
        clear(&b);
        clear(&text);
    }
    case_end();
    clear(&in);

    c = fault_cfg(&r, &st, STATICO_FAULT_RAW, 0, 0);
    st.fault.raw = "junk!";
    st.fault.raw_len = 5;
    case_open(__LINE__, "fault raw: its bytes on the connection, then the end");
    start(&in);
    run(&c, in.p, in.n, 0, 0, &pre); /* the server preface and the ACK */
    get(&in, 1, "/f");
    get(&in, 3, "/");
    {
        int rr = run(&c, in.p, in.n, 0, 0, &out);
        put(&pre, "junk!", 5);
        if (rr != 1 || out.n != pre.n || memcmp(out.p, pre.p, pre.n))
            failf("state %d, output \"%s\", expected \"%s\"", rr, esc(out.p, out.n, 200), esc(pre.p, pre.n, 200));
    }
    case_end();
    clear(&in);
    clear(&pre);

    c = fault_cfg(&r, &st, STATICO_FAULT_DRIBBLE, 4, 100000);
    STEPS("fault dribble=4/100ms: HEADERS, then 4 body bytes every 100 ms; another stream is not held", &c);
    start(&in);
    get(&in, 1, "/f");
    get(&in, 3, "/");
    IN(in, OPEN H10(1) "DATA s1 \"0123\"\n" R5(3), 0);
    WAIT(99, "", 0);
    WAIT(1, "DATA s1 \"4567\"\n", 0);
    WAIT(100, "DATA s1 ES \"89\"\n", 0);
    STEPS_END();
    clear(&in);

    c = fault_cfg(&r, &st, STATICO_FAULT_RATE, 500, 0);
    STEPS("fault rate=500: 5 body bytes every 10 ms", &c);
    start(&in);
    get(&in, 1, "/f");
    IN(in, OPEN H10(1) "DATA s1 \"01234\"\n", 0);
    WAIT(9, "", 0);
    WAIT(1, "DATA s1 ES \"56789\"\n", 0);
    STEPS_END();
    clear(&in);

    {
        statico_config d;
        d = fault_cfg(&r, &st, STATICO_FAULT_RESET, 0, 0);
        d.delay_us = 100000;
        STEPS("a fault after a delay: at its stream's time", &d);
        start(&in);
        get(&in, 1, "/f");
        get(&in, 3, "/");
        IN(in, OPEN, 0);
        WAIT(100, RST(1, "INTERNAL_ERROR") R5(3), 0);
        STEPS_END();
        clear(&in);
    }
    clear(&out);
}

/* ========================================================================= */
/* 3f. Upgrade: h2c */
#define UPGRADE_REQ(settings)                                                                          \
    "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: " settings \
    "\r\n\r\n"
#define R101 "HTTP \"HTTP/1.1 101 Switching Protocols\\r\\nConnection: Upgrade\\r\\nUpgrade: h2c\\r\\n\\r\\n\"\n"

static void group_upgrade(void)
{
    statico_config c = hello_cfg();
    str in = {0};

    puts_(&in, UPGRADE_REQ("AAMAAABkAAQCAAAAAAIAAAAA"));
    start(&in);
    get(&in, 3, "/");
    CHECK("Upgrade: h2c: 101, the server preface, the response on stream 1; then the client preface", &c, in,
          R101 PRE R5(1) SACK R5(3), 0, ALL);
    clear(&in);

    puts_(&in, "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
               "HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n");
    start(&in);
    CHECK("Upgrade: h2c with HEAD: HEADERS with END_STREAM on stream 1", &c, in,
          R101 PRE "HEADERS s1 ES EH 88 0f 0d 01 35\n" SACK, 0, ALL);
    clear(&in);

    puts_(&in, UPGRADE_REQ("AAQAAAAB")); /* INITIAL_WINDOW_SIZE 1 */
    start(&in);
    wu(&in, 1, 4);
    CHECK("Upgrade: h2c: HTTP2-Settings applies (a window of 1)", &c, in,
          R101 PRE "HEADERS s1 EH 88 0f 0d 01 35\nDATA s1 \"h\"\n" SACK "DATA s1 ES \"ello\"\n", 0, ALL);
    clear(&in);

    puts_(&in, UPGRADE_REQ("AAMAAABkAAQCAAAAAAIAAAAA"));
    start(&in);
    get(&in, 1, "/");
    CHECK("Upgrade: h2c: stream 1 is closed for the client afterwards", &c, in,
          R101 PRE R5(1) SACK GOAWAY(1, "STREAM_CLOSED"), 1, ALL);
    clear(&in);

    {
        static const char *const no[][2] = {
            {"a body", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                       "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\nabc"},
            {"two HTTP2-Settings", "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                                   "HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\nHTTP2-Settings: AAMAAABk\r\n\r\n"},
            {"no HTTP2-Settings", "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"},
            {"Upgrade: websocket", "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                                   "Upgrade: websocket\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n"},
        };
        size_t i;
        for (i = 0; i < 4; i++) {
            char name[120];
            puts_(&in, no[i][1]);
            snprintf(name, sizeof name, "Upgrade: h2c with %s: answered in HTTP/1.1", no[i][0]);
            h2check(__LINE__, name, &c, &in, "HTTP \"HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\nhello\"\n", 0,
                    ALL, NULL);
            clear(&in);
        }
        {
            statico_config n = c;
            n.no_http2 = 1;
            puts_(&in, UPGRADE_REQ("AAMAAABkAAQCAAAAAAIAAAAA"));
            CHECK("Upgrade: h2c with no_http2: answered in HTTP/1.1", &n, in,
                  "HTTP \"HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\nhello\"\n", 0, ALL);
            clear(&in);
        }
    }
}

/* ========================================================================= */
/* 3g. counts and the journal */
static void group_counts(void)
{
    statico_config c = routes_cfg();
    statico_server *s;
    str in = {0}, b = {0};
    const char *o;
    size_t on;
    c.journal_size = 16;
    case_open(__LINE__, "counts and journal: HTTP/2 requests are routed, counted and journaled as version 20");
    if ((s = mk(&c)) != NULL) {
        statico_exchange x[16];
        size_t n;
        static const char head1[] = "GET /b?x=1 HTTP/2\r\nhost: x\r\nuser-agent: t\r\naccept: */*\r\n\r\n";
        start(&in);
        get(&in, 1, "/a");
        req(&b, "GET", "/b?x=1");
        lit(&b, "user-agent", "t");
        lit(&b, "accept", "*/*");
        headers(&in, 3, EH | ES, &b);
        clear(&b);
        get(&in, 5, "/nothing");
        lit(&b, ":method", "GET"); /* malformed: no :path */
        lit(&b, ":scheme", "http");
        headers(&in, 7, EH | ES, &b);
        clear(&b);
        post(&in, 9, "/a", "3");
        DATA_S(&in, 9, ES, "xyz");
        statico__engine_input(s, in.p, in.n, &o, &on);
        if (statico_server_count(s, 0) != 2 || statico_server_count(s, 1) != 1
            || statico_server_count(s, STATICO_ROUTE_DEFAULT) != 1 || statico_server_count(s, STATICO_ROUTE_ANY) != 5)
            failf("counts: /a %llu (2), /b %llu (1), default %llu (1), any %llu (5)",
                  (unsigned long long)statico_server_count(s, 0), (unsigned long long)statico_server_count(s, 1),
                  (unsigned long long)statico_server_count(s, STATICO_ROUTE_DEFAULT),
                  (unsigned long long)statico_server_count(s, STATICO_ROUTE_ANY));
        n = statico_server_journal(s, 0, x, 16);
        if (n != 5) {
            failf("%zu journal entries, expected 5", n);
        } else {
            if (x[0].version != 20 || x[1].version != 20 || x[2].version != 20 || x[4].version != 20)
                failf("versions %d %d %d %d, expected 20", x[0].version, x[1].version, x[2].version, x[4].version);
            if (x[1].head_len != sizeof head1 - 1 || memcmp(x[1].head, head1, sizeof head1 - 1))
                failf("head \"%s\", expected \"%s\"", esc(x[1].head, x[1].head_len, 200), esc(head1, sizeof head1 - 1, 200));
            if (x[1].method_len != 3 || memcmp(x[1].method, "GET", 3) || x[1].target_len != 6
                || memcmp(x[1].target, "/b?x=1", 6))
                failf("method \"%s\", target \"%s\"", esc(x[1].method, x[1].method_len, 20), esc(x[1].target, x[1].target_len, 40));
            if (x[0].route != 0 || x[1].route != 1 || x[2].route != STATICO_ROUTE_DEFAULT || x[4].route != 0)
                failf("routes %d %d %d %d", x[0].route, x[1].route, x[2].route, x[4].route);
            if (x[0].status != 200 || x[3].status != 400)
                failf("statuses %d, %d (malformed), expected 200, 400", x[0].status, x[3].status);
            if (x[4].body_len != 3 || memcmp(x[4].body, "xyz", 3)) failf("body \"%s\", expected \"xyz\"", esc(x[4].body, x[4].body_len, 40));
            if (x[0].connection != x[4].connection) failf("one connection, two numbers");
        }
        clear(&in);
        statico__engine_reopen(s);
        puts_(&in, UPGRADE_REQ("AAMAAABkAAQCAAAAAAIAAAAA"));
        statico__engine_input(s, in.p, in.n, &o, &on);
        n = statico_server_journal(s, 0, x, 16);
        if (n != 6 || x[5].version != 11 || statico_server_count(s, STATICO_ROUTE_ANY) != 6)
            failf("after an upgraded request: %zu entries, version %d (its request was HTTP/1.1)", n, n == 6 ? x[5].version : -1);
        engine_free(s);
    }
    case_end();
    clear(&in);
    clear(&b);
}

int main(void)
{
    group_hpack_rfc();
    group_hpack_errors();
    group_hpack_table();
    group_hpack_model();
    group_huffman();
    group_basics();
    group_bodies();
    group_frames();
    group_malformed();
    group_streams();
    group_flow();
    group_floods();
    group_clock();
    group_faults();
    group_upgrade();
    group_counts();
    return check_summary();
}
