#!/usr/bin/env python3
"""The one origin the browser sees, for the browser tests: a tiny reverse proxy that routes path
prefixes to the services, as nginx or the Ingress does in a deployment. Keeps the Host header (the
services' CSRF check compares Origin with it) and every Set-Cookie line.

usage: front_door.py PORT registry=8081 analytics=8084 ...
"""
import http.client
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTES = [("/dashboard", "analytics"), ("/v1/metrics", "analytics"), ("/v1/overview", "analytics"),
          ("/v1/webhooks", "notifications"), ("/v1/inbox", "notifications")]
PORTS = dict(arg.split("=") for arg in sys.argv[2:])


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def forward(self):
        service = next((name for prefix, name in ROUTES if self.path.startswith(prefix)), "registry")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        upstream = http.client.HTTPConnection("127.0.0.1", int(PORTS[service]), timeout=30)
        upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for name, value in self.headers.items():
            if name.lower() not in ("connection", "content-length"):
                upstream.putheader(name, value)
        upstream.putheader("Content-Length", str(len(body)))
        upstream.endheaders(body)
        answer = upstream.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("connection", "content-length", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        upstream.close()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = forward

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Proxy).serve_forever()
