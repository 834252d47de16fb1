"""`prilika build`: validate, run MkDocs' build into a new folder, swap it in.

A failing or interrupted build never publishes half a site: the site is built into a staging
folder beside the target (`.<site>-building-XXXX`) and only renamed into place once MkDocs and
the plugin have finished. Which folders may be replaced is decided in `sitedir.py`; the whole
build runs under a lock on the folder that holds the site, and starts by removing what builds
killed outright (SIGKILL, the OOM killer) left there.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort, PluginError

import generator
from generator.config import Settings, load_settings
from generator.errors import ConfigurationError, PrilikaError
from generator.host.shards import Shard
from generator.host.sitedir import (
    Protected,
    build_lock,
    check_target,
    make_staging,
    old_folder,
    protected_folders,
    remove_leftovers,
    world_readable,
)
from generator.submission.problems import format_problems, summary_line
from generator.submission.validation import Result, validate_catalogue

_PREVALIDATED: list[Result] = []
_SHARD: list[Shard] = []


def take_prevalidated(settings: Settings) -> Result | None:
    """`prilika build` validated a moment ago (to print problems and exit 1); reuse that once."""
    while _PREVALIDATED:
        result = _PREVALIDATED.pop()
        if result.catalogue.settings == settings:
            return result
    return None


def current_shard() -> Shard | None:
    """The part of the site `prilika build --shard K/N` is building now; None for a whole site."""
    return _SHARD[0] if _SHARD else None


SHARDABLE_PLUGINS = {"prilika"}
"""The plugins whose output a shard build splits. Others (Material's search, for one) make files
from every page they see, and a shard sees only its own pages."""


def _load_config(config_file: Path, **overrides: Any):
    from mkdocs.config import load_config

    return load_config(str(config_file), **overrides)


class Interrupted(KeyboardInterrupt):
    """Ctrl+C or SIGTERM during a build; `signum` gives the exit status 128 + signum."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__()
        self.signum = signum


_RECEIVED: list[int] = []


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Handle SIGTERM (timeout, docker stop, systemd, a cancelled CI job) as Ctrl+C is handled:
    raise `Interrupted`, and remember the signal for `raise_if_interrupted`, since an exception
    raised inside a callback Python ignores errors from (a fork hook, a finaliser) is lost.

    Outside the main thread Python cannot set signal handlers; there the defaults stay.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        _RECEIVED.append(signum)
        raise Interrupted(signum)

    _RECEIVED.clear()
    previous = {signum: signal.signal(signum, interrupt) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _RECEIVED.clear()


def raise_if_interrupted() -> None:
    """Raise `Interrupted` if a signal arrived whose exception was swallowed on its way up."""
    if _RECEIVED:
        raise Interrupted(_RECEIVED[0])


def configured_folders(config_file: Path) -> tuple[Path, Path, Path | None]:
    """The site, docs and theme override folders mkdocs.yml names, as MkDocs reads them (`!ENV` and
    `INHERIT` included; relative to the file's folder; defaults `site` and `docs`), unresolved.

    Read without MkDocs' config validation, which refuses some bad site folders (`.`) with a
    message that does not say why, and would keep ours from being given.
    """
    from mkdocs.exceptions import ConfigurationError as MkDocsConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open("rb") as source:
            raw = yaml_load(source)
    except (OSError, MkDocsConfigurationError) as exc:
        raise ConfigurationError(f"{config_file}: {exc}") from exc
    base = config_file.absolute().parent
    theme = raw.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    return (
        base / str(raw.get("site_dir") or "site"),
        base / str(raw.get("docs_dir") or "docs"),
        base / str(custom_dir) if custom_dir else None,
    )


def site_folders(settings: Settings, docs_dir: Path, custom_dir: Path | None) -> list[Protected]:
    """The catalogue's own folders, which no site folder may be, hold or lie inside."""
    themes = [settings.root / "theme"] + ([custom_dir] if custom_dir else [])
    return protected_folders(settings.root, docs_dir, settings.opportunities, themes, Path(generator.__file__).parent)


def build_site(config_file: Path, site_dir: str | None, language: str = "en", shard: Shard | None = None) -> int:
    """Validate, build into a staging folder, then swap it in.

    With `shard` (K of N), only that part of the site is built (`shards.py`); the site folder rules
    and the marker are the same as for a whole site. Returns the exit status: 0 built, 1 validation
    or build errors (nothing replaced), 128 + the signal number when interrupted (nothing replaced,
    the staging folder removed). Raises ConfigurationError (exit status 2) for a site folder that
    may not be replaced (`sitedir.py`), before anything is created or deleted, and for a shard
    build of a site with plugins whose output cannot be split.
    """
    from mkdocs.commands.build import build

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    settings = load_settings(config_file)
    configured_site, docs_dir, custom_dir = configured_folders(config_file)
    given = f"--site-dir {site_dir}" if site_dir else f"site_dir in {config_file}"
    target = Path(site_dir).resolve() if site_dir else configured_site.resolve()
    protected = site_folders(settings, docs_dir, custom_dir)
    check_target(target, given, protected, language)
    with terminate_as_interrupt():
        try:
            result = validate_catalogue(settings)
            if result.problems:
                print(format_problems(result.problems, "text", language))
            if result.errors:
                print(summary_line(result.problems, language) + "; nothing was built")
                return 1
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigurationError(f"{given}: cannot make the folder {target.parent}: {exc.strerror}") from exc
            with build_lock(target.parent):
                # Checked again: another build may have changed the folder while this one waited.
                check_target(target, given, protected, language)
                removed = remove_leftovers(target, protected)
                if removed:
                    print(f"removed {len(removed)} folder(s) left by an interrupted build beside {target}")
                return _build_and_swap(build, config_file, target, result, shard)
        except KeyboardInterrupt as exc:
            print("prilika: interrupted; the site folder was left as it was", file=sys.stderr)
            return 128 + getattr(exc, "signum", signal.SIGINT)


def _build_and_swap(build: Any, config_file: Path, target: Path, result: Result, shard: Shard | None = None) -> int:
    split = shard is not None and shard.count > 1
    if split:
        others = sorted(set(_load_config(config_file).plugins) - SHARDABLE_PLUGINS)
        if others:
            raise ConfigurationError(
                f"--shard {shard}: the plugin(s) {', '.join(others)} in {config_file.name} make files from every "
                "page of the site, and a shard builds only some pages; build without --shard"
            )
    _PREVALIDATED[:] = [result]
    _SHARD[:] = [shard] if split else []
    staging: Path | None = None
    try:
        # Made with Ctrl+C held back and inside the `try`, so that an interruption at any instant
        # either finds no staging folder or removes it.
        with _signals_held():
            staging = make_staging(target)
        config = _load_config(config_file, site_dir=str(staging))
        if split:
            # MkDocs skips a page or file whose `is_modified()` is false only in a "dirty" build;
            # the plugin says false for every file another shard writes (`plugin.on_env`).
            with _quiet_dirty_warning():
                build(config, dirty=True)
        else:
            build(config)
        raise_if_interrupted()
        world_readable(staging)
        _swap(staging, target)
    except (Abort, PluginError, PrilikaError, OSError) as exc:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        print(f"prilika: build failed: {exc}")
        return 1
    except BaseException:  # Ctrl+C, SIGTERM, a bug: the staging folder goes, the old site stays
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _PREVALIDATED.clear()
        _SHARD.clear()
    note = f" (shard {shard}; lay the {shard.count} shards' folders over each other)" if split else ""
    print(f"built {target}{note}")
    return 0


class _DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


@contextmanager
def _quiet_dirty_warning() -> Iterator[None]:
    """Hide MkDocs' warning about "dirty" builds, which would also fail a `strict` build: a shard
    starts from an empty folder, and skips only files that other shards write."""
    logger = logging.getLogger("mkdocs.commands.build")
    quiet = _DirtyWarningFilter()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl+C and SIGTERM back for the two renames of the swap, so that an interruption never
    leaves the site folder missing."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` in the place of `target`. Both were checked by `sitedir.check_target`; the
    `-old` folder is absent (removed with the other leftovers under the lock)."""
    old = old_folder(target)
    with _signals_held():
        moved = target.exists()
        if moved:
            target.rename(old)
        staging.rename(target)
    if moved:
        shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, dev_addr: str, language: str = "en") -> int:
    """`prilika serve`; see `serve.py`."""
    from generator.host.serve import serve_catalogue

    return serve_catalogue(config_file, dev_addr, language)
