#!/usr/bin/env python3
"""Records what util-linux `logger` really sends, as fixtures for LoggerFixtureTests.

Listens on 127.0.0.1 (UDP and TCP, ephemeral ports), runs `logger` against itself, and writes each datagram or
TCP stream byte-for-byte to <name>.bin beside this script. Re-run after a util-linux upgrade:

    python3 Tests/SyslogTests/Fixtures/capture-logger.py

Loopback only; each capture is bounded by a 5 s timeout.
"""
import os
import socket
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))

UDP_CASES = {
    "logger-rfc5424": ["--rfc5424", "-t", "netwarden-test", "-p", "local7.notice", "hello from logger rfc5424"],
    "logger-rfc5424-sd": ["--rfc5424", "-t", "netwarden-test", "--msgid", "ID47", "--sd-id", "zoo@32473",
                          "--sd-param", 'tiger="hungry"', "--sd-param", 'quote="say \\"hi\\" [ok\\]"',
                          "structured data from logger"],
    "logger-rfc5424-bare": ["--rfc5424=notq,notime,nohost", "-t", "netwarden-test", "-p", "auth.warning",
                            "no time, no host, no tq"],
    "logger-rfc5424-utf8": ["--rfc5424", "-t", "netwarden-test", "grüße, 日本, 🎉"],
    "logger-rfc3164": ["--rfc3164", "-t", "netwarden-test", "-p", "local7.notice", "hello from logger rfc3164"],
    "logger-rfc3164-pid": ["--rfc3164", "-t", "sshd", "--id=4242", "-p", "authpriv.info",
                           "Failed password for root from 198.51.100.7 port 51234 ssh2"],
}

TCP_CASES = {
    "logger-tcp-octet-count": ["--rfc5424", "-T", "--octet-count", "-t", "netwarden-test"],
    "logger-tcp-lf": ["--rfc3164", "-T", "-t", "netwarden-test"],
}
TCP_LINES = "first line\nsecond line\nthird line with %LINK-3-UPDOWN: Interface Gi0/1, changed state to down\n"


def capture_udp(name, args):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        s.settimeout(5)
        port = s.getsockname()[1]
        subprocess.run(["logger", "-n", "127.0.0.1", "-P", str(port), "--udp", *args], check=True, timeout=5)
        data, _ = s.recvfrom(70000)
    with open(os.path.join(HERE, name + ".bin"), "wb") as f:
        f.write(data)
    print(f"{name}: {data!r}")


def capture_tcp(name, args):
    chunks = []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        s.settimeout(5)
        port = s.getsockname()[1]
        proc = subprocess.Popen(["logger", "-n", "127.0.0.1", "-P", str(port), *args], stdin=subprocess.PIPE)
        conn, _ = s.accept()
        proc.stdin.write(TCP_LINES.encode())
        proc.stdin.close()
        proc.wait(timeout=5)
        conn.settimeout(5)
        with conn:
            while True:
                d = conn.recv(65536)
                if not d:
                    break
                chunks.append(d)
    data = b"".join(chunks)
    with open(os.path.join(HERE, name + ".bin"), "wb") as f:
        f.write(data)
    print(f"{name}: {data!r}")


if __name__ == "__main__":
    for n, a in UDP_CASES.items():
        capture_udp(n, a)
    for n, a in TCP_CASES.items():
        capture_tcp(n, a)
    sys.exit(0)
