"""Items that need a look: expiring soon, or old and never updated.

A catalogue of dead offers is worse than none; a scheduled job runs
`prilika stale` and opens an issue for the publishers to act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from generator.contributors import gitrepo
from generator.submission.catalogue import Catalogue

OLD_AFTER_DAYS = 365


@dataclass(frozen=True)
class Stale:
    path: str
    id: str
    publisher: str
    reason: str  # expires, old
    when: date


def stale_items(catalogue: Catalogue, days: int, root: Path | None = None) -> list[Stale]:
    today = catalogue.build_date
    found = []
    for item in catalogue.listed():
        model = item.model
        if model.valid_until is not None and model.valid_until <= today + timedelta(days=days):
            found.append(Stale(item.path, item.id, item.publisher_id, "expires", model.valid_until))
            continue
        updated = model.published
        if root is not None:
            changed = gitrepo.last_change(root, item.path)
            if changed:
                updated = max(updated, date.fromisoformat(changed))
        if (today - updated).days > OLD_AFTER_DAYS:
            found.append(Stale(item.path, item.id, item.publisher_id, "old", updated))
    return sorted(found, key=lambda s: (s.when, s.id))


def format_stale(found: list[Stale], fmt: str = "text") -> str:
    if fmt == "markdown":
        if not found:
            return ""
        lines = ["| item | publisher | why | date |", "| --- | --- | --- | --- |"]
        for s in found:
            why = "expires" if s.reason == "expires" else "last updated"
            lines.append(f"| `{s.path}` | {s.publisher} | {why} | {s.when.isoformat()} |")
        return "\n".join(lines) + "\n"
    return "".join(
        f"{s.path}: {'expires on' if s.reason == 'expires' else 'not updated since'} {s.when.isoformat()}\n"
        for s in found
    )
