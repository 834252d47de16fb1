"""`prilika serve`: MkDocs' live-reloading server that keeps serving while a file is broken.

MkDocs' own `serve` builds in place and, when a rebuild fails, holds every request until a
build succeeds (the page just hangs). Here each rebuild is validated first and written into a
new folder that replaces the served one only when the build succeeded; a failed rebuild keeps
the last good site, prints the problems, and every page served until the next good build
starts with a banner listing them (SPEC.md, "Safety of the commands and the contribution
path"). The builder never raises, so MkDocs' server always moves on to the new state and the
browsers reload by themselves, both when a file breaks and when it is fixed.
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
from generator.submission.problems import format_problems, summary_line
from generator.submission.validation import validate_catalogue

_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_NOTHING_BUILT = (
    b'<!doctype html><html><head><meta charset="utf-8"><title>prilika serve</title></head>'
    b"<body><p>Nothing has been built yet.</p></body></html>"
)
BANNER_ID = "prilika-serve-problems"


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
            print(f"built in {time.monotonic() - started:.1f} s", flush=True)

    def _build(self) -> list[str]:
        """Build and swap in the new site; print every problem. Returns the banner's lines (the errors
        and the summary), empty when the site was built."""
        from mkdocs.commands.build import build

        settings = load_settings(self.config_file)
        result = validate_catalogue(settings)
        if result.problems:
            print(format_problems(result.problems, "text", self.language), flush=True)
        if result.errors:
            summary = summary_line(result.problems, self.language)
            print(summary, flush=True)
            return [*format_problems(result.errors, "text", self.language).splitlines(), summary]
        staging = Path(tempfile.mkdtemp(prefix="next-", dir=self.workdir))
        try:
            host_build._PREVALIDATED[:] = [result]
            config = _load_config(self.config_file, staging)
            config.site_url = self.serve_url
            build(config, serve_url=self.serve_url)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        finally:
            host_build._PREVALIDATED.clear()
        # Requests wait while a build runs (MkDocs' server holds them), so nobody sees the gap.
        old = self.workdir / "old"
        self.site.rename(old)
        staging.rename(self.site)
        shutil.rmtree(old, ignore_errors=True)
        return []


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
        (workdir / "site").mkdir()
        (workdir / "site" / "index.html").write_bytes(_NOTHING_BUILT)
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
