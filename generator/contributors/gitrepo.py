"""The few git questions Prilika asks, through the `git` command (no library needed).

File lists are read NUL-separated (`-z`): git's line output C-quotes names with non-ASCII
characters, quotes, backslashes, tabs or newlines (`core.quotePath`), and such a line would not
match a plain path. Blobs are read with `git cat-file`, which never runs a textconv or filter
that the repository's `.gitattributes` could name. Paths are repo-relative, `/`-separated, as git
stores them; a name that is not UTF-8 is decoded with U+FFFD in place of the bad bytes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import ConfigurationError

# Paths are taken literally (a folder named `opp*` is not a pattern), and settings a user's or the
# runner's git configuration could hold that would change which paths `git diff` prints (relative
# to the current folder, or quoted) are switched off.
_PLAIN = ("--literal-pathspecs", "-c", "core.quotePath=false", "-c", "diff.relative=false")


def _run(root: Path, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *_PLAIN, *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise ConfigurationError("git is not installed; this command needs it") from exc


def _git(root: Path, *args: str) -> bytes:
    result = _run(root, list(args))
    if result.returncode != 0:
        stderr = result.stderr.decode("utf-8", errors="replace").strip()
        reason = stderr.splitlines()[-1] if stderr else "unknown error"
        raise ConfigurationError(f"git {' '.join(args)}: {reason}")
    return result.stdout


def _revision(rev: str) -> str:
    """`rev`, refused when git would read it as an option (`--output=…`) or it is empty."""
    if not rev or rev.startswith("-"):
        raise ConfigurationError(f"{rev!r} is not a git revision")
    return rev


def _names(out: bytes) -> list[str]:
    return [name.decode("utf-8", errors="replace") for name in out.split(b"\0") if name]


def top_level(root: Path) -> Path:
    """The top folder of the repository that holds `root`."""
    return Path(_git(root, "rev-parse", "--show-toplevel").decode("utf-8", errors="replace").strip())


def changed_files(root: Path, base: str, head: str = "HEAD") -> list[str]:
    """Every path changed on `head` since it left `base` (what a pull request changes), repo-relative.

    Renames are not paired (`--no-renames`), so a renamed file gives its old path and its new
    path; a deleted file gives its path. Raises ConfigurationError when git cannot answer (an
    unknown revision, no common history).
    """
    return _names(
        _git(
            root,
            "diff",
            "-z",
            "--name-only",
            "--no-renames",
            "--no-ext-diff",
            f"{_revision(base)}...{_revision(head)}",
            "--",
        )
    )


def list_files(root: Path, rev: str, folder: str) -> list[str]:
    """Every file under `folder` (repo-relative, normalised) at `rev`, repo-relative."""
    return _names(_git(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", _revision(rev), "--", folder))


def is_commit(root: Path, rev: str) -> bool:
    """Whether `rev` names a commit of the repository (a branch, tag, SHA, `HEAD~2`)."""
    return _run(root, ["rev-parse", "--verify", "--quiet", f"{_revision(rev)}^{{commit}}"]).returncode == 0


def exists(root: Path, rev: str, path: str) -> bool:
    """Whether `path` (a file or folder, repo-relative) exists at `rev`."""
    return _run(root, ["cat-file", "-e", f"{_revision(rev)}:{path}"]).returncode == 0


def show(root: Path, rev: str, path: str) -> bytes:
    """The bytes of file `path` (repo-relative) at `rev`; FileNotFoundError if it is not there."""
    result = _run(root, ["cat-file", "blob", f"{_revision(rev)}:{path}"])
    if result.returncode != 0:
        raise FileNotFoundError(f"{rev}:{path}")
    return result.stdout


def last_change(root: Path, path: str) -> str | None:
    """The ISO date of the last commit that touched `path`, or None outside git."""
    try:
        out = _git(root, "log", "-1", "--format=%cs", "--", path).decode("utf-8", errors="replace").strip()
    except ConfigurationError:
        return None
    return out or None
