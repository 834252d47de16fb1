"""Serve a built site under a sub-path and drive headless Chromium offline.

Shared by the browser tests (conftest.py), the screenshot script and the listing
benchmark, so that all three see the site the same way: under
`http://127.0.0.1:PORT/catalogue/`, with map tiles answered locally and every
other host refused.
"""

from __future__ import annotations

import base64
import functools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"
# Requests to any other host go through the route handler; local ones skip it (faster pages).
NOT_LOCAL = re.compile(r"^(?!https?://127\.0\.0\.1[:/])")
TILE_HOST = "tile.openstreetmap.org"
SUB_PATH = "catalogue"
BUILD_EPOCH = "1795478400"  # 2026-11-24, the date the test suite builds at
# A 1x1 transparent PNG, the answer to every tile request.
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class QuietHandler(SimpleHTTPRequestHandler):
    """A static file handler that keeps connections alive and prints nothing."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


@contextmanager
def serve(site: Path, parent: Path) -> Iterator[str]:
    """Serve `site` as `<parent>/catalogue/` on a free port; yield the site's base URL (ending in `/`)."""
    parent.mkdir(parents=True, exist_ok=True)
    mount = parent / SUB_PATH
    if not mount.exists():
        mount.symlink_to(Path(site).resolve(), target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(parent))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/{SUB_PATH}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def build(config_file: Path, site_dir: Path) -> None:
    """Build a catalogue with `prilika build` in a fresh process, at the test suite's build date."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site_dir)],
        cwd=config_file.parent,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"prilika build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def chromium_missing_message() -> str | None:
    if not Path(CHROMIUM).exists():
        return (
            f"Chromium is not installed at {CHROMIUM}: the browser tests need it "
            "(Debian/Ubuntu: apt-get install -y chromium). They are not skipped on purpose."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed: pip install -e '.[test]'"
    return None


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@dataclass
class Watch:
    """What the pages of one test did: console errors, page errors, requests, refused hosts."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        """Route the context's requests (tiles answered locally, other hosts refused) and listen to its pages."""

        def route(route) -> None:
            url = route.request.url
            host = urlsplit(url).hostname or ""
            if host == LOCAL_HOST:
                route.continue_()
            elif host == TILE_HOST or host.endswith("." + TILE_HOST):
                route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
            else:
                self.foreign.append(url)
                route.abort()

        context.route(NOT_LOCAL, route)
        context.on("page", self.listen)
        for page in context.pages:
            self.listen(page)

    def listen(self, page) -> None:
        page.on("console", lambda msg: self._console(page, msg))
        page.on("pageerror", lambda exc: self.page_errors.append(f"{page.url}: {exc}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", lambda response: self._response(response))

    def _console(self, page, msg) -> None:
        if msg.type == "error":
            location = msg.location or {}
            where = location.get("url") or page.url
            self.console_errors.append(f"{where}:{location.get('lineNumber', '?')}: {msg.text}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed_responses.append(f"{response.status} {response.url}")

    def problems(self) -> list[str]:
        lines = []
        lines += [f"console error: {e}" for e in self.console_errors]
        lines += [f"page error: {e}" for e in self.page_errors]
        lines += [f"HTTP error: {e}" for e in self.failed_responses]
        lines += [f"request to a foreign host: {u}" for u in self.foreign]
        for url in self.requests:
            host = urlsplit(url).hostname or ""
            scheme = urlsplit(url).scheme
            if scheme in ("http", "https") and host != LOCAL_HOST and host != TILE_HOST and url not in self.foreign:
                lines.append(f"request to a foreign host: {url}")
        return lines
