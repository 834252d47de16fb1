"""The few git questions Prilika asks, through the `git` command (no library needed)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import ConfigurationError


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False
        )
    except FileNotFoundError as exc:
        raise ConfigurationError("git is not installed; this command needs it") from exc
    if result.returncode != 0:
        reason = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "unknown error"
        raise ConfigurationError(f"git {' '.join(args)}: {reason}")
    return result.stdout


def top_level(root: Path) -> Path:
    return Path(_git(root, "rev-parse", "--show-toplevel").strip())


def changed_files(root: Path, base: str, head: str = "HEAD") -> list[str]:
    """Paths changed on `head` since it left `base` (what a pull request changes), repo-relative."""
    out = _git(root, "diff", "--name-only", "--no-renames", f"{base}...{head}")
    return [line for line in out.splitlines() if line]


def list_files(root: Path, rev: str, folder: str) -> list[str]:
    out = _git(root, "ls-tree", "-r", "--name-only", rev, "--", folder)
    return [line for line in out.splitlines() if line]


def show(root: Path, rev: str, path: str) -> bytes:
    try:
        result = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=root, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise ConfigurationError("git is not installed; this command needs it") from exc
    if result.returncode != 0:
        raise FileNotFoundError(f"{rev}:{path}")
    return result.stdout


def last_change(root: Path, path: str) -> str | None:
    """The ISO date of the last commit that touched `path`, or None outside git."""
    try:
        out = _git(root, "log", "-1", "--format=%cs", "--", path).strip()
    except ConfigurationError:
        return None
    return out or None
