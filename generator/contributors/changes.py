"""What a pull request changes in the catalogue, item by item, for reviewers.

Works on the submitted data of each revision (read straight from git), so it
still describes a change whose files do not validate yet. Everything in the
summary that a submitter wrote (titles, kinds, field names, ids, folder names)
is data: the Markdown table escapes it so that it cannot add lines, links,
HTML or comments to the summary, and the totals are counted, never read.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from generator import urls
from generator.contributors import gitrepo
from generator.contributors.ownership import normalised_folder
from generator.submission.models import is_slug
from generator.submission.sources import parse_text

PUBLISHER_FILE = "publisher.yaml"

# The longest each cell may be, in characters, before it is cut with "…": one row stays one
# readable line, and 500 rows stay far below GitHub's 1 MiB limit for a step summary.
CELL_LIMITS = {"title": 80, "id": 60, "publisher": 60, "kind": 20, "fields": 120}
MAX_ROWS = 500

# Bidirectional embeddings, overrides and isolates reorder what a reviewer sees of a line.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), None)
# ASCII punctuation that means something to CommonMark or GitHub's extensions inside a table cell
# (emphasis, code, links, images, tables, headings, strikethrough, math, emoji, autolinks); a
# backslash before any ASCII punctuation makes cmark-gfm print it as it is.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]()|#!~$:.])")
_HTML_SPECIALS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


@dataclass(frozen=True)
class Change:
    action: str  # added, changed, removed
    what: str  # item or publisher
    id: str
    publisher: str
    kind: str
    title: str
    fields: tuple[str, ...] = ()


def one_line(text: str) -> str:
    """`text` on one line: line breaks, tabs and other control characters become spaces (runs of
    white space one space), bidirectional controls go."""
    text = text.translate(_BIDI_CONTROLS)
    folded = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join(folded.split())


def cut(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, the last being "…" when anything was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def markdown_cell(text: str, limit: int) -> str:
    """`text` as the literal content of one GitHub Markdown table cell: one line, at most `limit`
    characters of the original, `& < >` as HTML entities and every other Markdown special
    character backslash-escaped, so cmark-gfm shows exactly the characters written."""
    shown = cut(one_line(text), limit)
    shown = "".join(_HTML_SPECIALS.get(c, c) for c in shown)
    return _MARKDOWN_SPECIALS.sub(r"\\\1", shown)


def _title(data: dict[str, Any], default: str) -> str:
    value = data.get("title", data.get("name", ""))
    if isinstance(value, dict):
        value = value.get(default) or next(iter(value.values()), "")
    return str(value)


def _records(root: Path, rev: str, folder: str) -> dict[str, tuple[str, dict[str, Any]]]:
    """path -> (publisher folder name, data) for every YAML file of the catalogue at `rev`.

    `folder` is the repo-relative, normalised folder of publisher folders.
    """
    records = {}
    start = len(folder) + 1 if folder else 0
    for path in gitrepo.list_files(root, rev, folder or "."):
        parts = path[start:].split("/")
        if len(parts) != 2 or not parts[1].endswith(".yaml"):
            continue
        try:
            text = gitrepo.show(root, rev, path).decode("utf-8", errors="replace")
        except FileNotFoundError:
            continue
        source, _ = parse_text(text, path)
        data = source.data if source is not None else None
        records[path] = (parts[0], data if isinstance(data, dict) else {})
    return records


def catalogue_changes(root: Path, folder: str, base: str, head: str = "HEAD", default: str = "en") -> list[Change]:
    """Every publisher and item file added, removed or changed on `head` since `base`.

    `root` is the catalogue's folder and `folder` its `opportunities_dir` as written in mkdocs.yml
    (any spelling: `./opportunities`, `opportunities/`). Sorted by path; a changed file lists the
    top-level fields whose values differ. Raises ConfigurationError when git cannot answer.
    """
    top = gitrepo.top_level(root)
    catalogue_dir = Path(root).resolve().relative_to(top.resolve()).as_posix()
    full = normalised_folder("" if catalogue_dir == "." else catalogue_dir, folder)
    before, after = _records(top, base, full), _records(top, head, full)
    changes = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path), after.get(path)
        publisher, data = new or old  # type: ignore[misc]
        name = posixpath.basename(path)
        what = "publisher" if name == PUBLISHER_FILE else "item"
        ident = publisher if what == "publisher" else name[: -len(".yaml")]
        kind = str(data.get("kind", "publisher" if what == "publisher" else "?"))
        if old is None:
            action, fields = "added", ()
        elif new is None:
            action, fields = "removed", ()
        else:
            keys = sorted(set(old[1]) | set(new[1]), key=str)
            fields = tuple(str(k) for k in keys if old[1].get(k) != new[1].get(k))
            if not fields:
                continue
            action = "changed"
        changes.append(Change(action, what, ident, publisher, kind, _title(data, default), fields))
    return changes


def totals(changes: list[Change]) -> str:
    counts = {a: sum(c.action == a for c in changes) for a in ("added", "changed", "removed")}
    return f"{counts['added']} added, {counts['changed']} changed, {counts['removed']} removed."


def _id_cell(change: Change, preview: str, default: str) -> str:
    if not is_slug(change.id):  # only a slug is safe in a code span and a link
        return markdown_cell(change.id, CELL_LIMITS["id"])
    ident = f"`{cut(change.id, CELL_LIMITS['id'])}`"
    if preview and change.what == "item" and change.action != "removed":
        url = f"{preview.rstrip('/')}/{urls.item(default, change.id)}"
        # `|` would split the table cell and `( ) < >`, spaces and quotes would end the link.
        ident = f"[{ident}]({quote(url, safe=':/?#@!$&*+,;=%~-._')})"
    return ident


def format_changes(changes: list[Change], fmt: str = "text", preview: str = "", default: str = "en") -> str:
    """Markdown for the pull request summary, or plain text for the terminal.

    The Markdown has the totals under the heading and again under the table, one table row per
    change (at most MAX_ROWS; the rest are counted), every cell escaped by `markdown_cell`.
    """
    if fmt == "markdown":
        if not changes:
            return "### Catalogue changes\n\nNo publisher or item files change.\n"
        lines = [
            "### Catalogue changes",
            "",
            totals(changes),
            "",
            "| change | kind | id | publisher | title | fields |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for c in changes[:MAX_ROWS]:
            cells = [
                c.action,
                markdown_cell(c.kind, CELL_LIMITS["kind"]),
                _id_cell(c, preview, default),
                markdown_cell(c.publisher, CELL_LIMITS["publisher"]),
                markdown_cell(c.title, CELL_LIMITS["title"]),
                markdown_cell(", ".join(c.fields), CELL_LIMITS["fields"]),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        if len(changes) > MAX_ROWS:
            lines += [f"{len(changes) - MAX_ROWS} more changes are not listed here.", ""]
        lines.append(totals(changes))
        return "\n".join(lines) + "\n"
    if not changes:
        return "no publisher or item files change\n"
    out = []
    for c in changes:
        detail = f" ({one_line(', '.join(c.fields))})" if c.fields else ""
        where = one_line(f"{c.publisher}/{c.id}")
        out.append(f"{c.action:8} {one_line(c.kind):9} {where}: {one_line(c.title)}{detail}")
    return "\n".join(out) + "\n"
