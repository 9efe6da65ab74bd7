// One-connection latency client for the acknowledgement benchmark.
//
// Sends the signed requests of a make-requests.js file (line 1: timestamp, line 2: content type, then one
// "<signature>\t<body>" per line) one after another over one keep-alive connection, with the same headers as
// bolt-peer's slack-signed.lua, and times each request with CLOCK_MONOTONIC from just before its first write to just
// after the read that completes its response. wrk's figures answer another question: before it prints them, wrk
// adds samples for the requests a sender at a constant rate (the run's own mean rate) would have sent while a slow
// request was outstanding (its coordinated-omission correction: a request that took L adds samples at L - I, L - 2I,
// ... down to 2I, I being the run's time per request and connection). So at one connection, where I is about 0.1 ms,
// one 3 ms stall adds about 28 samples, and wrk's mean exceeds the time per request. This client prints both views:
// the requests as they were, and the same samples with that correction ("corrected_" fields); see README.md.
//
//   c1-latency REQUEST_FILE URL SECONDS [LABEL]      (URL: http://127.0.0.1:PORT/path)
//
// Prints one line: C1LAT {"label":…,"requests":…,"duration_s":…,"rps":…,"non200":…,"wrapped":…,"mean_us":…,
// "p50_us":…,"p90_us":…,"p95_us":…,"p97_us":…,"p98_us":…,"p99_us":…,"p995_us":…,"p999_us":…,"max_us":…,
// "corrected_mean_us":…,"corrected_p50_us":…, … ,"corrected_p999_us":…}
// "wrapped" is 1 when the run used more requests than the file holds (the rest were repeats). Exit status 1 on a
// connection error. Build: cc -O2 -o c1-latency c1-latency.c
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HISTOGRAM_US 1000000   // 1 µs buckets up to 1 s; slower requests count in the last bucket
#define RESPONSE_MAX (1 << 20)

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void fail(const char *what) {
    fprintf(stderr, "c1-latency: %s: %s\n", what, errno ? strerror(errno) : "protocol error");
    exit(1);
}

static int connect_to(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
    if (fd < 0) fail("socket");
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) fail("connect");
    return fd;
}

// Length of a complete chunked body starting at body, or -1 while more bytes are needed.
static long chunked_length(const char *body, size_t have) {
    size_t at = 0;
    for (;;) {
        const char *line_end = memmem(body + at, have - at, "\r\n", 2);
        if (!line_end) return -1;
        unsigned long size = strtoul(body + at, NULL, 16);
        at = (size_t)(line_end - body) + 2;
        if (size == 0) {   // last chunk: no trailers are expected, so the body ends with the blank line
            return have - at >= 2 ? (long)(at + 2) : -1;
        }
        if (have - at < size + 2) return -1;
        at += size + 2;
    }
}

// Reads one whole response; returns its status code. Never reads past it: one request is in flight at a time.
static int read_response(int fd, char *buffer) {
    size_t have = 0, header_length = 0;
    long content_length = -1;
    int chunked = 0, status = 0;
    for (;;) {
        ssize_t n = read(fd, buffer + have, RESPONSE_MAX - 1 - have);
        if (n <= 0) fail("read");
        have += (size_t)n;
        if (!header_length) {
            char *end = memmem(buffer, have, "\r\n\r\n", 4);
            if (!end) continue;
            header_length = (size_t)(end - buffer) + 4;
            char saved = buffer[header_length];
            buffer[header_length] = '\0';
            if (sscanf(buffer, "HTTP/1.%*d %d", &status) != 1) fail("status line");
            const char *length = strcasestr(buffer, "\r\ncontent-length:");
            if (length) content_length = atol(length + 17);
            chunked = strcasestr(buffer, "\r\ntransfer-encoding: chunked") != NULL;
            buffer[header_length] = saved;
            if (!chunked && content_length < 0) content_length = 0;
        }
        size_t body_have = have - header_length;
        if (chunked) {
            if (chunked_length(buffer + header_length, body_have) >= 0) return status;
        } else if ((long)body_have >= content_length) {
            return status;
        }
        if (have >= RESPONSE_MAX - 1) fail("response too large");
    }
}

// Prints ,"<prefix>mean_us":… and the percentiles of a histogram of 1 µs buckets holding count samples.
static void print_percentiles(const char *prefix, const long long *histogram, long long count) {
    static const double quantiles[] = { 50, 90, 95, 97, 98, 99, 99.5, 99.9 };
    static const char *names[] = { "p50", "p90", "p95", "p97", "p98", "p99", "p995", "p999" };
    double sum = 0;
    for (long long us = 0; us < HISTOGRAM_US; us++) sum += (double)histogram[us] * us;
    printf(",\"%smean_us\":%.1f", prefix, count ? sum / count : 0);
    for (int q = 0; q < 8; q++) {
        long long rank = (long long)(quantiles[q] / 100.0 * count + 0.5), seen = 0;
        if (rank < 1) rank = 1;
        for (long long us = 0; us < HISTOGRAM_US; us++) {
            seen += histogram[us];
            if (seen >= rank) {
                printf(",\"%s%s_us\":%lld", prefix, names[q], us);
                break;
            }
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: c1-latency REQUEST_FILE URL SECONDS [LABEL]\n");
        return 2;
    }
    int port = 0;
    char path[512] = "/";
    if (sscanf(argv[2], "http://127.0.0.1:%d%511s", &port, path) < 1 || port <= 0) {
        fprintf(stderr, "c1-latency: URL must be http://127.0.0.1:PORT/path\n");
        return 2;
    }
    double seconds = atof(argv[3]);
    const char *label = argc > 4 ? argv[4] : "";

    FILE *file = fopen(argv[1], "rb");
    if (!file) fail(argv[1]);
    static char line[1 << 20];
    char timestamp[64] = "", content_type[256] = "";
    if (!fgets(timestamp, sizeof timestamp, file) || !fgets(content_type, sizeof content_type, file)) fail("request file header");
    timestamp[strcspn(timestamp, "\n")] = '\0';
    content_type[strcspn(content_type, "\n")] = '\0';

    size_t capacity = 1024, count = 0;
    char **requests = malloc(capacity * sizeof *requests);
    size_t *lengths = malloc(capacity * sizeof *lengths);
    while (fgets(line, sizeof line, file)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = '\0';
        const char *body = tab + 1;
        size_t body_length = strlen(body);
        if (count == capacity) {
            capacity *= 2;
            requests = realloc(requests, capacity * sizeof *requests);
            lengths = realloc(lengths, capacity * sizeof *lengths);
        }
        char *request = malloc(body_length + 1024);
        int header_length = snprintf(request, 1024,
            "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: %s\r\nX-Slack-Request-Timestamp: %s\r\n"
            "User-Agent: Slackbot 1.0 (+https://api.slack.com/robots)\r\nAccept: application/json,*/*\r\n"
            "X-Slack-Signature: %s\r\nContent-Length: %zu\r\n\r\n",
            path, port, content_type, timestamp, line, body_length);
        memcpy(request + header_length, body, body_length);
        requests[count] = request;
        lengths[count] = (size_t)header_length + body_length;
        count++;
    }
    fclose(file);
    if (count == 0) fail("no requests in the file");

    static long long histogram[HISTOGRAM_US];
    static char response[RESPONSE_MAX];
    long long max_us = 0, sent = 0, non200 = 0;
    int fd = connect_to(port);
    long long start = now_ns(), end = start + (long long)(seconds * 1e9), finished = start;
    for (size_t i = 0; finished < end; i = (i + 1) % count) {
        long long t0 = now_ns();
        for (size_t written = 0; written < lengths[i];) {
            ssize_t n = write(fd, requests[i] + written, lengths[i] - written);
            if (n <= 0) fail("write");
            written += (size_t)n;
        }
        int status = read_response(fd, response);
        finished = now_ns();
        long long us = (finished - t0) / 1000;
        histogram[us < HISTOGRAM_US ? us : HISTOGRAM_US - 1]++;
        if (us > max_us) max_us = us;
        if (status != 200) non200++;
        sent++;
    }
    close(fd);

    double duration = (finished - start) / 1e9;
    printf("C1LAT {\"label\":\"%s\",\"requests\":%lld,\"duration_s\":%.3f,\"rps\":%.1f,\"non200\":%lld,\"wrapped\":%d",
           label, sent, duration, sent / duration, non200, sent > (long long)count);
    print_percentiles("", histogram, sent);
    printf(",\"max_us\":%lld", max_us);

    // The constant-rate view: every request slower than two intervals also stands for the ones a sender at the mean
    // rate would have queued behind it.
    static long long corrected[HISTOGRAM_US];
    long long corrected_count = sent, interval = (long long)(duration * 1e6 / sent);
    memcpy(corrected, histogram, sizeof corrected);
    for (long long us = 2 * interval; interval > 0 && us < HISTOGRAM_US; us++) {
        for (long long queued = us - interval; histogram[us] && queued > interval; queued -= interval) {
            corrected[queued] += histogram[us];
            corrected_count += histogram[us];
        }
    }
    print_percentiles("corrected_", corrected, corrected_count);
    printf("}\n");
    return 0;
}
