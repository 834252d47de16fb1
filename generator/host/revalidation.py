"""Validation for `prilika serve`: each file read and checked again only when it changed.

`validate_catalogue` reads, parses and checks every file of the catalogue, about 1.2 s of CPU at
1,000 items, nine tenths of it per file (`tests/benchmarks/serve_benchmark.py`). While serving,
`ValidationMemo.validate` runs the same function with its three per-file steps kept between
runs: reading a file (`read_source`, keyed by the file's path and its `lstat`: size, times, inode,
mode), typing it as its model (`_checked_model`, keyed by the file read, the model, the settings
and the validation context), and the checks one item gets (`item_checks`, keyed by the file read,
the model, the publisher's country, the folder, the settings and the date). Everything across
files (ids, references, publishers) runs in full every time, so the result is the one a plain
`validate_catalogue` gives.

A file's checks also read its pictures; `prilika serve` rebuilds in full, and forgets what is
kept here, whenever anything but a YAML file changes in the submissions folder (`live.py`).
Should `generator.submission.validation` stop having these steps under these names, validation
simply runs in full.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from generator.config import Settings
from generator.submission import validation
from generator.submission.validation import Result

STEPS = ("read_source", "_checked_model", "item_checks")


class ValidationMemo:
    """What the last runs of validation worked out per file, for the next run."""

    def __init__(self) -> None:
        self.reads: dict[tuple, tuple] = {}
        self.models: dict[tuple, tuple] = {}
        self.checks: dict[tuple, tuple] = {}
        self._settings_key: dict[int, tuple[Settings, str]] = {}

    def forget(self) -> None:
        self.reads.clear()
        self.models.clear()
        self.checks.clear()

    def validate(self, settings: Settings, today: date | None = None) -> Result:
        """`validate_catalogue(settings, today)`, reusing the steps of files that did not change."""
        with self.active():
            return validation.validate_catalogue(settings, today)

    @contextmanager
    def active(self) -> Iterator[None]:
        """Within this, every `validate_catalogue` call (the MkDocs plugin's too) uses the memo.

        Entries no call used are dropped at the end, so files that went away are not kept.
        """
        originals = {name: getattr(validation, name, None) for name in STEPS}
        if any(step is None for step in originals.values()):
            yield
            return
        used: tuple[set, set, set] = (set(), set(), set())
        wrappers: dict[str, Callable[..., Any]] = {
            "read_source": self._reading(originals["read_source"], used[0]),
            "_checked_model": self._typing(originals["_checked_model"], used[1]),
            "item_checks": self._checking(originals["item_checks"], used[2]),
        }
        for name, wrapper in wrappers.items():
            setattr(validation, name, wrapper)
        try:
            yield
        finally:
            for name, original in originals.items():
                setattr(validation, name, original)
        for memo, keys in zip((self.reads, self.models, self.checks), used, strict=True):
            for key in [key for key in memo if key not in keys]:
                del memo[key]

    def _key_of(self, settings: Settings) -> str:
        """A settings object as a key (its fields include dicts, so it cannot be hashed itself)."""
        found = self._settings_key.get(id(settings))
        if found is None or found[0] is not settings:
            found = self._settings_key[id(settings)] = (settings, repr(settings))
        return found[1]

    def _reading(self, original: Callable[..., Any], used: set) -> Callable[..., Any]:
        def read_source(path: Path, root: Path, shown: str | None = None) -> Any:
            try:
                status = os.lstat(path)
            except OSError:
                return original(path, root, shown)
            key = (
                os.fspath(path),
                os.fspath(root),
                shown,
                status.st_mode,
                status.st_ino,
                status.st_dev,
                status.st_size,
                status.st_mtime_ns,
                status.st_ctime_ns,
            )
            used.add(key)
            found = self.reads.get(key)
            if found is None:
                found = self.reads[key] = (original(path, root, shown),)
            return found[0]

        return read_source

    def _typing(self, original: Callable[..., Any], used: set) -> Callable[..., Any]:
        def checked_model(source: Any, model_cls: type, settings: Settings, context: dict) -> Any:
            key = (id(source), model_cls, self._key_of(settings), repr(context))
            used.add(key)
            found = self.models.get(key)
            if found is None or found[0] is not source:
                found = self.models[key] = (source, original(source, model_cls, settings, context))
            return found[1]

        return checked_model

    def _checking(self, original: Callable[..., Any], used: set) -> Callable[..., Any]:
        def item_checks(
            source: Any, item: Any, country: str | None, settings: Settings, folder: Path, today: date
        ) -> Any:
            key = (id(source), id(item), country, self._key_of(settings), os.fspath(folder), today)
            used.add(key)
            found = self.checks.get(key)
            if found is None or found[0] is not source or found[1] is not item:
                found = self.checks[key] = (source, item, original(source, item, country, settings, folder, today))
            return list(found[2])

        return item_checks
