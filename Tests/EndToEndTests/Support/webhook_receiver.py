#!/usr/bin/env python3
"""A webhook endpoint for the daemon's end-to-end test: appends every POST body, one per line,
to LOG; answers 503 while the file DOWN exists (the endpoint is "down")."""
import http.server
import os
import sys

port, log, down = int(sys.argv[1]), sys.argv[2], sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if os.path.exists(down):
            self.send_response(503)
            self.end_headers()
            return
        with open(log, "ab") as f:
            f.write(body.replace(b"\n", b" ") + b"\n")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
