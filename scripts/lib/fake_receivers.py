#!/usr/bin/env python3
"""Local stand-ins for the outside world of notifications: a WeCom group robot and an SMS gateway.

Answers like the real ones (the robot: HTTP 200 with {"errcode":0}) and appends every message it
receives, one JSON line each, to the log file given. For scripts/run-local only; tests use their
own servers.
"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOG = sys.argv[2] if len(sys.argv) > 2 else "/dev/stdout"


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
        kind = "robot" if "/cgi-bin/webhook/send" in self.path else "webhook"
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({"at": time.time(), "kind": kind, "path": self.path, "body": body}, ensure_ascii=False) + "\n")
        answer = json.dumps({"errcode": 0, "errmsg": "ok"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
