"""A forwarding HTTP proxy for sqlmap: every request it passes on to the one gongkai server on
127.0.0.1:<port> leaves from a different loopback source address (127.1.x.y), so the site's limit of
10 applications an hour per client address does not turn sqlmap's requests into 429 pages (which
would hide an injection in the INSERT behind the limit). It refuses any other destination.

The XSS proof also sends Chromium through it (many loopback addresses for its form submissions) and
passes `on_response`, which sees every response as served (method, path, status, headers, body) before
the browser does, for the checks of the raw HTML."""
import http.client
import http.server
import itertools
import threading
import urllib.parse

from gkserver import HOST, loopback_address

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade"}


def start(target_port, first_address=30000, on_response=None):
    counter = itertools.count(first_address)
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def _forward(self):
            u = urllib.parse.urlsplit(self.path)
            if u.scheme != "http" or u.hostname not in (HOST, "localhost") or u.port != target_port:
                self.send_error(403, "only the server under test")
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            with lock:
                source = loopback_address(next(counter))
            conn = http.client.HTTPConnection(HOST, target_port, timeout=60, source_address=(source, 0))
            try:
                conn.request(self.command, urllib.parse.urlunsplit(("", "", u.path or "/", u.query, "")), body=body, headers=headers)
                r = conn.getresponse()
                data = r.read()
            except Exception as e:
                self.send_error(502, f"{type(e).__name__}")
                return
            finally:
                conn.close()
            if on_response is not None:
                on_response(self.command, self.path, r.status, r.getheaders(), data)
            self.send_response_only(r.status, r.reason)
            for k, v in r.getheaders():
                if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = _forward

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer((HOST, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]
