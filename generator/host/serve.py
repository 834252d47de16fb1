"""`prilika serve`: MkDocs' live-reloading server that keeps serving while a file is broken, and
shows a saved change to one item within a second at 1,000 items.

MkDocs' own `serve` builds in place and, when a rebuild fails, holds every request until a
build succeeds (the page just hangs). Here each rebuild is validated first; a whole build is
written into a new folder that replaces the served one only when the build succeeded, and a
change to items or hand-written pages rebuilds just the pages that show them (`live.py`). A
failed rebuild keeps the last good site, prints the problems, and every page served until the
next good build starts with a banner listing them (SPEC.md, "Safety of the commands and the
contribution path"). The builder never raises, so MkDocs' server always moves on to the new
state and the browsers reload by themselves, both when a file breaks and when it is fixed.
Changes are noticed by the operating system's file events where it has them (inotify), not by
MkDocs' half-second polling.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer

from generator.config import load_settings
from generator.errors import ConfigurationError, PrilikaError
from generator.host import build as host_build
from generator.host.live import LiveSite

_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_NOTHING_BUILT = (
    b'<!doctype html><html><head><meta charset="utf-8"><title>prilika serve</title></head>'
    b"<body><p>Nothing has been built yet.</p></body></html>"
)
BANNER_ID = "prilika-serve-problems"
_WRITES = {"created", "modified", "deleted", "moved", "closed"}
"""The file events that mean a change (`closed` is a file closed after writing)."""


def banner_html(lines: list[str]) -> bytes:
    """The banner put at the top of every served page while the catalogue has errors.

    `lines` are problem lines (`file:line:col: error: ...`); each is HTML-escaped, since a file or
    field name is written by a submitter.
    """
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (
        f'<div id="{BANNER_ID}" role="alert" style="position:relative;z-index:10000;margin:0;'
        "padding:.75em 1em;background:#fdecea;color:#5f2120;border-bottom:3px solid #d32f2f;"
        'font:14px/1.45 monospace;white-space:pre-wrap;overflow-wrap:anywhere">'
        "<strong>prilika serve: the catalogue has errors; this is the last good build. "
        "Fix the files and save: the page reloads.</strong>"
        f'<ul style="margin:.4em 0 0;padding-left:1.5em">{items}</ul></div>'
    ).encode()


def with_banner(page: bytes, banner: bytes) -> bytes:
    """`page` with `banner` right after its `<body>` tag (or first, if it has none)."""
    found = _BODY.search(page)
    at = found.end() if found else 0
    return page[:at] + banner + page[at:]


class _Server(LiveReloadServer):
    """MkDocs' server, saying where it listens and adding the problem banner to HTML responses."""

    problems: Callable[[], list[str]] = staticmethod(lambda: [])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        try:  # inotify and the like: a save is seen at once, not at the next poll
            from watchdog.observers import Observer

            self.observer = Observer()
        except (ImportError, OSError):
            pass
        self.build_delay = 0.05  # editors write a file in one go; wait this long for the rest

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """MkDocs' `watch`, minus the events of files being read (inotify reports opening and closing
        a file unwritten; the build reads every file it watches, and would start itself again)."""
        import watchdog.events

        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        # A single file (mkdocs.yml) is watched through its folder: an editor that saves by writing a
        # new file and renaming it over the old one would leave a watch on the file itself blind.
        single = os.path.isfile(path)

        def callback(event: Any) -> None:
            if event.is_directory or event.event_type not in _WRITES:
                return
            if single and path not in (event.src_path, getattr(event, "dest_path", None)):
                return
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = callback  # type: ignore[method-assign]
        where = os.path.dirname(path) if single else path
        self._watch_refs[path] = self.observer.schedule(handler, where, recursive=recursive and not single)

    def show_now(self) -> None:
        """Answer requests again, from the site as it is now, and reload the browsers; the rebuild
        goes on replacing files, each in one step (`live.py`)."""
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    def server_activate(self) -> None:
        super().server_activate()
        print(f"serving {self.url} (Ctrl+C stops)", flush=True)

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        lines = self.problems()
        if not lines:
            return super().serve_request(environ, start_response)
        answer: dict[str, Any] = {}

        def keep(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            answer["status"], answer["headers"] = status, headers
            return lambda data: None

        body = super().serve_request(environ, keep)
        headers = answer["headers"]
        kind = next((value for name, value in headers if name.lower() == "content-type"), "")
        if not kind.startswith("text/html"):
            start_response(answer["status"], headers)
            return body
        try:
            page = b"".join(body)
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
        page = with_banner(page, banner_html(lines))
        headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
        start_response(answer["status"], [*headers, ("Content-Length", str(len(page)))])
        return [page]


class _Builder:
    """Builds the catalogue for the server; never raises for a problem in the catalogue.

    `problems` holds the lines of the last failed build, empty after a good one.
    """

    def __init__(self, config_file: Path, workdir: Path, serve_url: str, language: str) -> None:
        self.config_file = config_file
        self.workdir = workdir
        self.site = workdir / "site"
        self.serve_url = serve_url
        self.language = language
        self.problems: list[str] = []
        self.live = LiveSite(config_file, workdir, serve_url, language)
        self.live.show = self._show
        self.server: _Server | None = None

    def _show(self) -> None:
        self.problems = []
        if self.server is not None:
            self.server.show_now()

    def __call__(self, config: Any = None) -> None:
        started = time.monotonic()
        print("building ...", flush=True)
        try:
            problems = self._build()
        except (Exception, SystemExit) as exc:  # SystemExit: MkDocs' Abort; Ctrl+C still stops the server
            if not isinstance(exc, (PrilikaError, Abort, OSError)):
                traceback.print_exc()
            problems = [f"prilika: build failed: {exc}"]
            print(problems[0], flush=True)
        self.problems = problems
        if problems:
            print("prilika: still serving the last good build; fix the files and save to rebuild", flush=True)
        else:
            print(f"built in {time.monotonic() - started:.2f} s", flush=True)

    def _build(self) -> list[str]:
        """Bring the served site up to date; print every problem. Returns the banner's lines (the
        errors and the summary), empty when the site was built."""
        return self.live.rebuild()


def _load_config(config_file: Path, site_dir: Path, **overrides: Any) -> Any:
    from mkdocs.config import load_config

    return load_config(str(config_file), site_dir=str(site_dir), **overrides)


def serve_catalogue(config_file: Path, dev_addr: str, language: str = "en") -> int:
    """Build, serve on `dev_addr` (`HOST:PORT`) and rebuild on every change of the catalogue's files.

    Returns 0 when stopped with Ctrl+C or SIGTERM. Raises ConfigurationError (exit status 2) for a
    bad mkdocs.yml or address at start, or a port already in use.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    settings = load_settings(config_file)
    workdir = Path(tempfile.mkdtemp(prefix="prilika-serve-"))
    try:
        # `site` is a link to the folder served, replaced in one step by each whole build (`live.py`).
        (workdir / "empty").mkdir()
        (workdir / "empty" / "index.html").write_bytes(_NOTHING_BUILT)
        (workdir / "site").symlink_to("empty")
        try:
            config = _load_config(config_file, workdir / "site", dev_addr=dev_addr)
        except Abort as exc:  # MkDocs has logged each bad setting already
            raise ConfigurationError(f"{config_file}: {exc}") from exc
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        mount_path = ("/" + mount_path.strip("/") + "/").replace("//", "/")
        config.site_url = serve_url = f"http://{host}:{port}{mount_path}"
        builder = _Builder(config_file, workdir, serve_url, language)
        server = _Server(builder=builder, host=host, port=port, root=str(builder.site), mount_path=mount_path)
        server.problems = lambda: builder.problems
        builder.server = server
        server.error_handler = lambda code: _error_page(builder.site, code)
        with host_build.terminate_as_interrupt():
            config.plugins.on_startup(command="serve", dirty=False)
            try:
                builder()
                watched = {Path(config.docs_dir), config_file, settings.opportunities, settings.root / "theme"}
                if config.theme.custom_dir:
                    watched.add(Path(config.theme.custom_dir))
                for path in sorted(watched):
                    if path.exists():
                        server.watch(str(path))
                server = config.plugins.on_serve(server, config=config, builder=builder)
                try:
                    server.serve()
                except KeyboardInterrupt:
                    print("stopped", file=sys.stderr, flush=True)
                except OSError as exc:  # binding the address
                    raise ConfigurationError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc
                finally:
                    server.shutdown()
            except KeyboardInterrupt:
                print("stopped", file=sys.stderr, flush=True)
            finally:
                config.plugins.on_shutdown()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def _error_page(site: Path, code: int) -> bytes | None:
    page = site / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
