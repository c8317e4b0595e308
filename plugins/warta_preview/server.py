"""The preview's web server and file watcher.

Pages come from :class:`PreviewSite` (rendered on request). Every HTML page
gets a small script that listens on ``/__warta/events`` and reloads when the
site changes, and, while a file has errors, a box listing them.
"""

import html
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from mimetypes import guess_type
from urllib.parse import unquote, urlsplit

from watchfiles import watch

from .site import CODE

EVENTS = "/__warta/events"
RELOAD_SCRIPT = (
    "<script>new EventSource('" + EVENTS + "').onmessage=function(e){"
    "if(window.wartaVersion&&window.wartaVersion!==e.data){location.reload()}"
    "window.wartaVersion=e.data}</script>"
)


class PreviewHandler(BaseHTTPRequestHandler):
    site = None  # set by make_server

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        if path == EVENTS:
            self._events()
            return
        name = path.lstrip("/")
        if name == "" or name.endswith("/"):
            name += "index.html"
        body = self.site.render(name)
        if body is None and self.site.render(name + "/index.html") is not None:
            self._redirect(path + "/")
            return
        status = 200
        if body is None:
            status, name = 404, "404.html"
            body = self.site.render(name) or b"Not found"
        self._send(status, name, body)

    def _send(self, status, name, body):
        kind = guess_type(name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = self._decorate(body)
        self.send_response(status)
        self.send_header(
            "Content-Type", kind + ("; charset=utf-8" if kind.startswith("text") else "")
        )
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _decorate(self, body):
        extra = RELOAD_SCRIPT + problems_box(self.site.problems)
        return body.replace(b"</body>", extra.encode() + b"</body>", 1)

    def _redirect(self, location):
        self.send_response(301)
        self.send_header("Location", location)
        self.end_headers()

    def _events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        sent = None
        try:
            while True:
                if self.site.version != sent:
                    sent = self.site.version
                    self.wfile.write(f"data: {sent}\n\n".encode())
                    self.wfile.flush()
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format, *args):
        del format, args  # quiet: the watcher reports what matters


def problems_box(problems):
    """A box listing the content errors, shown on every page while they last."""
    if not problems:
        return ""
    items = "".join(f"<li>{html.escape(str(p))}</li>" for found in problems.values() for p in found)
    return (
        '<div role="alert" style="position:fixed;inset:auto 0 0 0;max-height:40vh;'
        "overflow:auto;background:#fff4f4;color:#6b0000;border-top:4px solid #b00;"
        'padding:1rem;font:14px/1.4 monospace;z-index:1000">'
        "<strong>Konten belum bisa ditampilkan: perbaiki kesalahan berikut.</strong>"
        f"<ul>{items}</ul></div>"
    )


def make_server(site, host, port):
    handler = type("Handler", (PreviewHandler,), {"site": site})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def watch_changes(site, folders, stop_event=None, restart=None):
    """Refresh ``site`` on every change under ``folders``; restart on code changes."""
    for changes in watch(*folders, debounce=20, step=10, stop_event=stop_event):
        paths = sorted({path for _, path in changes if not _is_noise(path)})
        if not paths:
            continue
        started = time.perf_counter()
        kinds = site.refresh(paths)
        if CODE in kinds:
            (restart or _restart)()
            return
        seconds = time.perf_counter() - started
        print(f"{len(paths)} file(s) changed ({', '.join(sorted(kinds))}): {seconds:.2f} s")


def _is_noise(path):
    name = os.path.basename(path)
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".tmp", ".pyc"))


def _restart():
    print("Code or settings changed: restarting the preview.")
    os.execv(sys.executable, [sys.executable, *sys.argv])


def _interrupt(signum, frame):
    del signum, frame
    raise KeyboardInterrupt


def serve(site, folders, host, port):
    """Serve ``site`` and follow changes until interrupted (Ctrl+C or SIGTERM)."""
    signal.signal(signal.SIGTERM, _interrupt)
    server = make_server(site, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Preview on http://{host}:{port}/ — Ctrl+C to stop.")
    try:
        watch_changes(site, folders)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
