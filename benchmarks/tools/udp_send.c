/* udp_send: the paced UDP sender of benchmarks/daemon_receivers.py, for Netwarden and rsyslog alike.
 *
 *   udp_send PORT RATE COUNT LINES_FILE
 *
 * Sends COUNT datagrams to 127.0.0.1:PORT at RATE per second, one line of LINES_FILE each (in
 * turn). Pacing: every 100 us tick sends what is due by the clock, in one sendmmsg(2) call so the
 * sender's own CPU stays small beside the receiver's; after a stall at most 2 ms worth go at once,
 * so catching up never turns into a burst. Prints: SENT messages=N bytes=B wall_s=S errors=E
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s PORT RATE COUNT LINES_FILE\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    double rate = atof(argv[2]);
    long count = atol(argv[3]);
    FILE *file = fopen(argv[4], "r");
    if (!file) { perror(argv[4]); return 1; }
    size_t capacity = 1 << 20, lines = 0;
    char **line = malloc(capacity * sizeof *line);
    size_t *length = malloc(capacity * sizeof *length);
    char *text = NULL;
    size_t size = 0;
    ssize_t n;
    while (lines < capacity && (n = getline(&text, &size, file)) > 0) {
        if (text[n - 1] == '\n') n--;
        line[lines] = memcpy(malloc((size_t)n), text, (size_t)n);
        length[lines++] = (size_t)n;
    }
    fclose(file);
    if (lines == 0) { fprintf(stderr, "no lines in %s\n", argv[4]); return 1; }

    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    if (connect(fd, (struct sockaddr *)&to, sizeof to) != 0) { perror("connect"); return 1; }

    long most = (long)(rate / 500); /* 2 ms worth */
    if (most < 1) most = 1;
    struct mmsghdr *headers = calloc((size_t)most, sizeof *headers);
    struct iovec *vectors = calloc((size_t)most, sizeof *vectors);
    long sent = 0, errors = 0, bytes = 0;
    double start = seconds_now();
    while (sent < count) {
        long due = (long)((seconds_now() - start) * rate);
        if (due > count) due = count;
        long burst = due - sent < most ? due - sent : most;
        if (burst > 0) {
            for (long i = 0; i < burst; i++) {
                size_t k = (size_t)(sent + i) % lines;
                vectors[i].iov_base = line[k];
                vectors[i].iov_len = length[k];
                memset(&headers[i], 0, sizeof headers[i]);
                headers[i].msg_hdr.msg_iov = &vectors[i];
                headers[i].msg_hdr.msg_iovlen = 1;
            }
            int accepted = sendmmsg(fd, headers, (unsigned)burst, 0);
            if (accepted < 0) accepted = 0;
            for (int i = 0; i < accepted; i++) bytes += headers[i].msg_len;
            errors += burst - accepted;
            sent += burst;
        }
        usleep(100);
    }
    printf("SENT messages=%ld bytes=%ld wall_s=%.3f errors=%ld\n", sent, bytes, seconds_now() - start, errors);
    return 0;
}
