"""Which folder `prilika build` may replace, and which leftovers of earlier builds it may remove.

A build replaces its site folder as a whole (see `build.py`), so a wrong `--site-dir` (or
`site_dir:` in mkdocs.yml) would delete whatever that folder holds. The rule (SPEC.md, "Safety of
the commands and the contribution path"): the site folder must be absent, empty, or an earlier
Prilika build, recognised by the marker file `MARKER` every build writes into its site; and it
must never be, contain, or lie inside the catalogue's repository, its content, submissions or
theme folders, or the installed `generator` package. Every path is resolved (symbolic links,
`..`) before it is compared.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ConfigurationError
from generator.messages import problem_text

MARKER = ".prilika-site"
"""The file that marks a folder as a Prilika build. A dot file, so MkDocs' cleaning of a site folder
keeps it; it holds one constant sentence (no path, no date) and is harmless if a host serves it."""

MARKER_TEXT = "This folder was written by `prilika build`; the next build replaces it as a whole.\n"


@dataclass(frozen=True)
class Protected:
    """A folder no site may be, contain or lie inside (`inside=True`), or contain (`inside=False`).

    `name` picks its description in the message catalogue (`site_folder_<name>`).
    """

    path: Path
    name: str
    inside: bool = True


def protected_folders(
    root: Path, docs_dir: Path, opportunities: Path, theme_dirs: list[Path], package: Path
) -> list[Protected]:
    """The folders of the catalogue in `root` (the folder of mkdocs.yml) that a site must stay clear of.

    The repository itself may hold the site (`site/` is the default) but not be it or lie inside it;
    its git top level and `.git` folders count as the repository too.
    """
    folders = [Protected(root.resolve(), "repository", inside=False)]
    top = _git_top_level(root)
    if top is not None and top != root.resolve():
        folders.append(Protected(top, "git_repository", inside=False))
    for repository in {root.resolve(), *([top] if top else [])}:
        folders.append(Protected(repository / ".git", "git_data"))
    folders.append(Protected(docs_dir.resolve(), "docs"))
    folders.append(Protected(opportunities.resolve(), "opportunities"))
    for theme in theme_dirs:
        folders.append(Protected(theme.resolve(), "theme"))
    folders.append(Protected(package.resolve(), "package"))
    return folders


def _git_top_level(root: Path) -> Path | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    line = done.stdout.strip()
    return Path(line).resolve() if done.returncode == 0 and line else None


def clash(path: Path, protected: list[Protected], language: str = "en") -> str | None:
    """Why the resolved folder `path` may not be written or removed, in `language`, or None if it may."""
    for folder in protected:
        what = problem_text(f"site_folder_{folder.name}", {}, language)
        if path == folder.path:
            return problem_text("site_dir_is", {"folder": what}, language)
        if folder.path.is_relative_to(path):
            return problem_text("site_dir_contains", {"folder": what, "where": folder.path}, language)
        if folder.inside and path.is_relative_to(folder.path):
            return problem_text("site_dir_inside", {"folder": what, "where": folder.path}, language)
    return None


def is_earlier_build(folder: Path) -> bool:
    """True for a real folder (not a link) holding the marker of a Prilika build."""
    marker = folder / MARKER
    return folder.is_dir() and not folder.is_symlink() and marker.is_file() and not marker.is_symlink()


def check_target(target: Path, given: str, protected: list[Protected], language: str = "en") -> None:
    """Refuse a site folder the build may not replace.

    `target` is resolved; `given` is how the user wrote it (`--site-dir ..`, `site_dir: x in
    mkdocs.yml`). Raises ConfigurationError (exit status 2), with its message in `language`,
    before anything is created or deleted.
    """
    reason = clash(target, protected, language)
    if reason is None and target.exists():
        if not target.is_dir():
            reason = problem_text("site_dir_file", {}, language)
        elif not is_earlier_build(target) and any(target.iterdir()):
            reason = problem_text("site_dir_not_empty", {"marker": MARKER}, language)
    old = old_folder(target)
    if reason is None and (old.exists() or old.is_symlink()) and not _removable(old, protected):
        reason = problem_text("site_dir_old_in_way", {"old": old}, language)
    if reason is not None:
        params = {"given": given, "target": target, "reason": reason}
        raise ConfigurationError(problem_text("site_dir_refused", params, language))


def old_folder(target: Path) -> Path:
    """Where the previous site is moved for the moment of the swap."""
    return target.with_name(f".{target.name}-old")


def staging_prefix(target: Path) -> str:
    """The name prefix of the folders a build of `target` is written into before the swap."""
    return f".{target.name}-building-"


def _removable(folder: Path, protected: list[Protected]) -> bool:
    """A leftover of an interrupted build: a real folder, marked or empty, clear of protected ones.

    A staging folder gets its marker the moment it is made, so a folder without one is removed only
    when empty (a build stopped between the two steps).
    """
    if folder.is_symlink() or not folder.is_dir() or clash(folder.resolve(), protected):
        return False
    return is_earlier_build(folder) or not any(folder.iterdir())


def remove_leftovers(target: Path, protected: list[Protected]) -> list[Path]:
    """Remove the staging and `-old` folders that interrupted builds of `target` left beside it.

    Call only under `build_lock(target.parent)`, so that no running build's staging folder is taken.
    Returns the folders removed.
    """
    removed = []
    prefix, old = staging_prefix(target), old_folder(target).name
    for entry in sorted(target.parent.iterdir()):
        if (entry.name == old or entry.name.startswith(prefix)) and _removable(entry, protected):
            shutil.rmtree(entry)
            removed.append(entry)
    return removed


@contextmanager
def build_lock(parent: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder that holds the site for the whole build.

    The lock is taken on the folder itself (`flock` on a directory descriptor), so no lock file is
    left behind; the kernel releases it when the build ends, however it ends. A second build into
    the same folder waits. Without `fcntl` (Windows) there is no lock.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    fd = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"prilika: waiting for another build into {parent} to finish", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def make_staging(target: Path) -> Path:
    """A new marked staging folder beside `target` (`world_readable` gives it its final mode)."""
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return staging


def world_readable(site: Path) -> None:
    """Give every folder of `site` mode 0755 and every file 0644 (SPEC, Safety: built files are
    world-readable), whatever the umask and the modes of copied pictures: a web server running as
    another user must read the site, and `rsync -a` / `cp -a` carry the modes to the server.
    `mkdtemp` alone would leave the top folder 0700. Links are left alone (a build makes none)."""
    os.chmod(site, 0o755)
    for folder, folders, files in os.walk(site):
        for name in folders:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)
