"""When each item file last changed, from git: a feed entry's `updated`, the day a closed item ended.

One `git log --name-only` walk over the opportunities folder answers for every file at once (one
process per file took seconds at a thousand items). A file's date is the newest commit date git
lists it under, which is what `git log -1 --format=%cI -- <file>` gives. A file git does not know
(outside a repository, never committed, git not installed) has no date; callers fall back to the
item's `published`. In a shallow clone the oldest fetched commit seems to add every file it holds,
so the files listed only there have no date either, rather than a wrong one: a build that wants
them must fetch the history (`fetch-depth: 0` on GitHub Actions, `GIT_DEPTH: 0` on GitLab CI).

Dates come from commits, not from the clock, so two builds of one commit give the same dates.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime, time, timezone
from pathlib import Path

from generator.submission.catalogue import Catalogue, ItemRecord

# Paths taken literally and printed unquoted, whatever the user's or the runner's git settings.
_PLAIN = ("--literal-pathspecs", "-c", "core.quotePath=false", "-c", "log.showSignature=false")
_COMMIT = b"\x01"


def _git(root: Path, *args: str) -> bytes | None:
    """git's output, or None when git is missing or refuses (not a repository, no commits yet)."""
    try:
        result = subprocess.run(["git", *_PLAIN, *args], cwd=root, capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def _shallow_commits(root: Path) -> set[str]:
    """The boundary commits of a shallow clone (none in a full one)."""
    out = _git(root, "rev-parse", "--git-path", "shallow")
    if not out:
        return set()
    path = Path(out.decode("utf-8", errors="replace").strip())
    path = path if path.is_absolute() else root / path
    try:
        return set(path.read_text(encoding="ascii").split())
    except (OSError, UnicodeDecodeError):
        return set()


def last_changes(root: Path, folder: str) -> dict[str, datetime]:
    """Path relative to `root` (`opportunities/nis/plot.yaml`, as `ItemRecord.path`) -> the commit
    date (UTC, whole seconds) of the last commit that changed that file under `folder`.

    Empty outside a git repository, without git, or before the first commit. Renames are not
    followed: a renamed file's date is the rename's.
    """
    prefix_out = _git(root, "rev-parse", "--show-prefix")
    if prefix_out is None:
        return {}
    prefix = prefix_out.decode("utf-8", errors="replace").strip()
    out = _git(root, "log", "-z", "--no-renames", "--name-only", "--format=%x01%H %ct", "--", folder)
    if not out:
        return {}
    shallow = _shallow_commits(root)
    dates: dict[str, datetime] = {}
    when: datetime | None = None
    for token in out.split(b"\0"):
        # Each commit is a header token `\x01<sha> <seconds>`, then the names it changed, the first
        # one after a line break; a name is NUL-terminated and may hold any other character.
        if token.startswith(_COMMIT):
            sha, _, seconds = token[1:].decode("ascii", errors="replace").partition(" ")
            when = None if sha in shallow else datetime.fromtimestamp(int(seconds), tz=timezone.utc)
            continue
        name = token[1:] if token.startswith(b"\n") else token
        if not name or when is None:
            continue
        path = name.decode("utf-8", errors="replace")
        if prefix and path.startswith(prefix):
            path = path[len(prefix) :]
        if path not in dates or when > dates[path]:
            dates[path] = when
    return dates


def _catalogue_changes(catalogue: Catalogue) -> dict[str, datetime]:
    key = "git last changes"
    if key not in catalogue.derived:
        settings = catalogue.settings
        catalogue.derived[key] = last_changes(settings.root, settings.opportunities_dir)
    return catalogue.derived[key]


def committed_on(catalogue: Catalogue, item: ItemRecord) -> datetime | None:
    """When the item's file was last committed, or None when git does not know it."""
    return _catalogue_changes(catalogue).get(item.path)


def midnight(day: date) -> datetime:
    """A calendar day as a moment: its start, in UTC."""
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def updated_on(catalogue: Catalogue, item: ItemRecord) -> datetime:
    """An item's last change, as its feed entries say: the file's last commit, or its `published`
    day outside git; never before `published` (a file committed before its publication day)."""
    published = midnight(item.model.published)
    committed = committed_on(catalogue, item)
    return max(committed, published) if committed is not None else published
