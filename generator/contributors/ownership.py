"""Each publisher's folder belongs to its maintainers: CODEOWNERS and the pull request check.

A municipality must not be able to change its neighbour's listings. The
check reads the maintainers from the base revision, so an author cannot add
themselves to another publisher's list in the same pull request.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.contributors import gitrepo
from generator.submission.catalogue import Catalogue
from generator.submission.problems import Problem, problem


def codeowners(catalogue: Catalogue, fallback: list[str] | None = None) -> str:
    """CODEOWNERS text: one line per publisher folder with maintainers."""
    folder = catalogue.settings.opportunities_dir.strip("/")
    lines = [
        "# Written by `prilika codeowners` from the maintainers in each publisher.yaml; do not edit by hand.",
    ]
    if fallback:
        lines.append("* " + " ".join(_handle(u) for u in fallback))
    for pid, record in sorted(catalogue.publishers.items()):
        maintainers = record.model.maintainers or []
        if maintainers:
            lines.append(f"/{folder}/{pid}/ " + " ".join(_handle(u) for u in maintainers))
    return "\n".join(lines) + "\n"


def _handle(user: str) -> str:
    return user if user.startswith("@") else f"@{user}"


def _maintainers_at(root: Path, rev: str, folder: str, publisher_id: str) -> list[str] | None:
    """The maintainers a publisher had at `rev`, or None if it did not exist there."""
    try:
        raw = gitrepo.show(root, rev, f"{folder}/{publisher_id}/publisher.yaml")
    except FileNotFoundError:
        return None
    try:
        data = yaml.safe_load(raw.decode("utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        return []
    found = data.get("maintainers") if isinstance(data, dict) else None
    return [str(u).lstrip("@").lower() for u in found] if isinstance(found, list) else []


def ownership_problems(root: Path, folder: str, user: str, base: str, head: str = "HEAD") -> list[Problem]:
    """A problem for every changed file in a publisher folder `user` does not maintain."""
    user_key = user.lstrip("@").lower()
    top = gitrepo.top_level(root)
    prefix = Path(root).resolve().relative_to(top.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    problems = []
    cache: dict[str, list[str] | None] = {}
    for path in gitrepo.changed_files(root, base, head):
        if not path.startswith(prefix + folder + "/"):
            continue
        parts = path[len(prefix) :].split("/")
        if len(parts) < 3:
            continue
        publisher_id = parts[1]
        if publisher_id not in cache:
            cache[publisher_id] = _maintainers_at(top, base, prefix + folder, publisher_id)
        maintainers = cache[publisher_id]
        if maintainers is None or user_key in maintainers:
            continue  # a new publisher's folder, or the author's own
        shown = path[len(prefix) :]
        problems.append(
            problem(
                shown,
                1,
                1,
                "",
                "not_maintainer",
                user=user,
                publisher=publisher_id,
                maintainers=", ".join(maintainers) if maintainers else "-",
            )
        )
    return problems
