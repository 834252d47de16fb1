"""`prilika serve` keeps serving the last good build while a file is broken, shows the problems on
every page and in the terminal, and comes back by itself when the file is fixed (SPEC.md, "Safety
of the commands and the contribution path")."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import BUILD_EPOCH, copy_good
from generator.host.serve import BANNER_ID, banner_html, with_banner

ITEM = "opportunities/testgrad/north-plot.yaml"
PROBLEM = re.compile(rf"^{re.escape(ITEM)}:1[78]:\d+: error: area_m2: ", re.MULTILINE)
TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A `prilika serve` subprocess and its terminal output."""

    def __init__(self, folder: Path, log: Path) -> None:
        self.port = free_port()
        self.log = log
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
        command = [sys.executable, "-m", "generator.cli", "-f", str(folder / "mkdocs.yml"), "serve"]
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [*command, "-a", f"127.0.0.1:{self.port}"], env=env, stdout=output, stderr=subprocess.STDOUT
            )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_output(self, text: str, count: int = 1) -> None:
        deadline = time.monotonic() + TIMEOUT
        while self.output().count(text) < count:
            assert self.process.poll() is None, f"prilika serve ended:\n{self.output()}"
            assert time.monotonic() < deadline, f"timed out waiting for {text!r}:\n{self.output()}"
            time.sleep(0.1)

    def get(self, path: str) -> tuple[int, BeautifulSoup]:
        url = f"http://127.0.0.1:{self.port}{path}"
        try:
            with urllib.request.urlopen(url, timeout=30) as answer:
                return answer.status, BeautifulSoup(answer.read(), "html.parser")
        except urllib.error.HTTPError as error:
            return error.code, BeautifulSoup(error.read(), "html.parser")

    def stop(self) -> int:
        """Ctrl+C, as a user stops it (the server then removes its temporary folder); killed if that
        takes more than 30 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        finally:
            self.process.kill()
            self.process.wait()


@contextmanager
def serving(folder: Path, log: Path) -> Iterator[Server]:
    running = Server(folder, log)
    try:
        yield running
    finally:
        running.stop()


def replace(folder: Path, old: str, new: str) -> None:
    path = folder / ITEM
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_file_keeps_the_last_good_site_with_the_problems_on_top(tmp_path: Path) -> None:
    folder = copy_good(tmp_path / "catalogue")
    with serving(folder, tmp_path / "serve.log") as running:
        _break_and_fix(folder, running)
        assert running.stop() == 0


def _break_and_fix(folder: Path, running: Server) -> None:
    running.wait_for_output(f"serving http://127.0.0.1:{running.port}/")
    status, page = running.get("/en/items/north-plot/")
    assert status == 200
    title = page.h1.get_text(" ", strip=True)
    assert "Greenfield plot in the northern zone" in title
    assert page.find(id=BANNER_ID) is None

    replace(folder, "area_m2: 100000", "area_m2: [100000")  # no longer YAML
    running.wait_for_output("still serving the last good build")
    assert PROBLEM.search(running.output())
    for path in ("/en/items/north-plot/", "/de/", "/en/no-such-page/"):
        status, page = running.get(path)
        assert status == (404 if "no-such" in path else 200)
        banner = page.find(id=BANNER_ID)
        assert banner is not None, path
        assert PROBLEM.search(banner.get_text("\n")), banner.get_text("\n")
    status, page = running.get("/en/items/north-plot/")
    assert page.h1.get_text(" ", strip=True) == title
    assert page.body.contents[0] == page.find(id=BANNER_ID)

    # A field name is the submitter's text: the banner shows it, never runs it.
    replace(folder, "area_m2: [100000", '"<img src=x onerror=alert(1)>": 1\narea_m2: 100000')
    running.wait_for_output("still serving the last good build", count=2)
    status, page = running.get("/en/items/north-plot/")
    assert status == 200
    banner = page.find(id=BANNER_ID)
    assert "<img src=x onerror=alert(1)>" in banner.get_text()
    assert banner.find("img") is None

    replace(folder, '"<img src=x onerror=alert(1)>": 1\n', "")
    running.wait_for_output("built in", count=2)
    status, page = running.get("/en/items/north-plot/")
    assert status == 200 and page.find(id=BANNER_ID) is None


def test_a_catalogue_broken_from_the_start_is_served_with_its_problems(tmp_path: Path) -> None:
    folder = copy_good(tmp_path / "catalogue")
    replace(folder, "area_m2: 100000", "area_m2: -5")
    with serving(folder, tmp_path / "serve.log") as restarted:
        restarted.wait_for_output("serving http://")
        status, page = restarted.get("/")
        assert status == 200
        assert "area_m2: must be greater than 0" in page.find(id=BANNER_ID).get_text()
        replace(folder, "area_m2: -5", "area_m2: 100000")
        restarted.wait_for_output("built in")
        status, page = restarted.get("/en/items/north-plot/")
        assert status == 200 and page.find(id=BANNER_ID) is None


def test_the_banner_goes_right_after_the_body_tag_and_escapes_every_line() -> None:
    banner = banner_html(["a.yaml:1:1: error: x: '<script>alert(1)</script>' & more"])
    assert b"<script>" not in banner and b"&lt;script&gt;" in banner and b"&amp; more" in banner
    page = with_banner(b'<html><body class="x"><p>old</p></body></html>', b"<div>B</div>")
    assert page == b'<html><body class="x"><div>B</div><p>old</p></body></html>'
    assert with_banner(b"plain", b"<div>B</div>") == b"<div>B</div>plain"
