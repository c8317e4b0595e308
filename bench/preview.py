"""The live preview (``warta_preview``) under measurement: save a file, wait for the page.

:class:`PreviewServer` starts the real preview server in its own process on
a free port, waits until it serves the home page (its start-up is a full
build), and :meth:`PreviewServer.wait_for_edit` polls the saved article's page
until it shows the edit — the time a journalist waits between saving and
seeing the change. The server is started with::

    python -m bench.preview --content C --output O --cache K --port P
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import date, datetime
from time import perf_counter, sleep

from .measure import MB, ROOT, BenchError, TreeMemory

POLL_SECONDS = 0.005
SETTLE_SECONDS = 1.0
STOP_TIMEOUT = 10
START_TIMEOUT = 3600
EDIT_TIMEOUT = 120


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PreviewServer:
    """One preview server process, started on a free port."""

    def __init__(self, bench):
        self.bench = bench
        self.port = free_port()
        self.process = None
        self.sampler = None
        self.start_seconds = None
        self.peak_mb = None
        self.tree_mb = None

    def start(self):
        """Start the server; return when it serves the home page."""
        args = [
            "--content", self.bench.corpus.warta,
            "--output", self.bench.work / "output-preview",
            "--cache", self.bench.work / "cache-preview",
            "--port", self.port,
        ]  # fmt: skip
        command = [sys.executable, "-m", "bench.preview", *map(str, args)]
        start = perf_counter()
        with open(self.bench.log("preview-server"), "w", encoding="utf-8") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        self.sampler = TreeMemory(self.process.pid)
        self.sampler.start()
        self._wait(lambda body: body is not None, "/", START_TIMEOUT)
        self.start_seconds = perf_counter() - start
        sleep(SETTLE_SECONDS)  # the file watcher starts just after the web server
        return self

    def wait_for_edit(self, path):
        """Poll the page of the article saved at ``path`` until it shows the edit."""
        marker = f"Pembaruan {self.bench.edits}:".encode()
        self._wait(lambda body: body is not None and marker in body, self.url_of(path))

    def url_of(self, path):
        """The article's URL, from ARTICLE_URL of the settings and its front matter."""
        spec = self.bench.spec_at(path)
        moment = _parse_date(spec.date)
        return "/" + self.bench.settings["ARTICLE_URL"].format(date=moment, slug=spec.slug)

    def _wait(self, ready, url, timeout=EDIT_TIMEOUT):
        deadline = perf_counter() + timeout
        while perf_counter() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"the preview server stopped; see {self.bench.work}/logs")
            if ready(self._get(url)):
                return
            sleep(POLL_SECONDS)
        raise BenchError(f"the preview did not show {url} within {timeout} s")

    def _get(self, url):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{url}", timeout=60) as answer:
                return answer.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def stop(self):
        """Stop the server (as Ctrl+C does, then harder) and keep its peak memory."""
        usage = None
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            self.process.send_signal(sig)
            usage = _reap(self.process.pid, STOP_TIMEOUT)
            if usage is not None:
                break
        self.process.returncode = 0
        self.sampler.stop()
        self.peak_mb = usage.ru_maxrss * 1024 / MB if usage else None
        self.tree_mb = self.sampler.peak_mb()


def _reap(pid, timeout):
    """Wait up to ``timeout`` seconds for ``pid`` to exit; its rusage, or None."""
    deadline = perf_counter() + timeout
    while perf_counter() < deadline:
        done, _, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return usage
        sleep(0.05)
    return None


def _parse_date(text):
    value = datetime.fromisoformat(text)
    return value if "T" in text else date(value.year, value.month, value.day)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.preview", description=__doc__)
    for name in ("content", "output", "cache"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--port", type=int, required=True)
    return parser.parse_args(argv)


def main(argv=None):
    """Run the preview server on the bench's corpus until interrupted."""
    from .runner import warta_settings

    args = parse_args(argv)
    # Started from a background shell, SIGINT may be ignored; stop() relies on it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    settings = warta_settings(args.content, args.output, args.cache)
    from warta_preview import start

    start(settings, ROOT, "127.0.0.1", args.port)


if __name__ == "__main__":
    main()
