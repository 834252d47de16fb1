"""What a pull request changes in the catalogue, item by item, for reviewers.

Works on the submitted data of each revision (read straight from git), so it
still describes a change whose files do not validate yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import urls
from generator.contributors import gitrepo
from generator.submission.sources import parse_text

PUBLISHER_FILE = "publisher.yaml"


@dataclass(frozen=True)
class Change:
    action: str  # added, changed, removed
    what: str  # item or publisher
    id: str
    publisher: str
    kind: str
    title: str
    fields: tuple[str, ...] = ()


def _title(data: dict[str, Any], default: str) -> str:
    value = data.get("title", data.get("name", ""))
    if isinstance(value, dict):
        value = value.get(default) or next(iter(value.values()), "")
    return str(value)


def _records(root: Path, rev: str, folder: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """path -> (publisher id, data) for every YAML file of the catalogue at `rev`."""
    records = {}
    for path in gitrepo.list_files(root, rev, folder):
        parts = path[len(folder) + 1 :].split("/")
        if len(parts) != 2 or not parts[1].endswith(".yaml"):
            continue
        try:
            text = gitrepo.show(root, rev, path).decode("utf-8", errors="replace")
        except FileNotFoundError:
            continue
        source, _ = parse_text(text, path)
        records[path] = (parts[0], source.data if source else {})
    return records


def catalogue_changes(root: Path, folder: str, base: str, head: str = "HEAD", default: str = "en") -> list[Change]:
    top = gitrepo.top_level(root)
    prefix = Path(root).resolve().relative_to(top.resolve()).as_posix()
    full = folder if prefix == "." else f"{prefix}/{folder}"
    before, after = _records(top, base, full), _records(top, head, full)
    changes = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        publisher, data = new or old  # type: ignore[misc]
        name = Path(path).name
        what = "publisher" if name == PUBLISHER_FILE else "item"
        ident = publisher if what == "publisher" else name[: -len(".yaml")]
        kind = str(data.get("kind", "publisher" if what == "publisher" else "?"))
        if old is None:
            action, fields = "added", ()
        elif new is None:
            action, fields = "removed", ()
        else:
            keys = sorted(set(old[1]) | set(new[1]))
            fields = tuple(k for k in keys if old[1].get(k) != new[1].get(k))
            if not fields:
                continue
            action = "changed"
        changes.append(Change(action, what, ident, publisher, kind, _title(data, default), fields))
    return changes


def format_changes(changes: list[Change], fmt: str = "text", preview: str = "", default: str = "en") -> str:
    """Markdown for the pull request summary, or plain text for the terminal."""
    if fmt == "markdown":
        if not changes:
            return "### Catalogue changes\n\nNo publisher or item files change.\n"
        lines = [
            "### Catalogue changes",
            "",
            "| change | kind | id | publisher | title | fields |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for c in changes:
            ident = f"`{c.id}`"
            if preview and c.what == "item" and c.action != "removed":
                ident = f"[`{c.id}`]({preview.rstrip('/')}/{urls.item(default, c.id)})"
            title = c.title.replace("|", "\\|")
            lines.append(f"| {c.action} | {c.kind} | {ident} | {c.publisher} | {title} | {', '.join(c.fields)} |")
        counts = {a: sum(c.action == a for c in changes) for a in ("added", "changed", "removed")}
        lines += ["", f"{counts['added']} added, {counts['changed']} changed, {counts['removed']} removed."]
        return "\n".join(lines) + "\n"
    if not changes:
        return "no publisher or item files change\n"
    out = []
    for c in changes:
        detail = f" ({', '.join(c.fields)})" if c.fields else ""
        out.append(f"{c.action:8} {c.kind:9} {c.publisher}/{c.id}: {c.title}{detail}")
    return "\n".join(out) + "\n"
