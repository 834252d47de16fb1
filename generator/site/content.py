"""The hand-written pages in `content/<language>/`, and what stands in for a missing one.

Serbian written in Latin script serves Cyrillic readers too: a page missing in
`sr-Cyrl` is transliterated from its `sr-Latn` text, with code, link targets and
YAML keys left as typed. Any other missing page borrows the default language's
text and is marked as not translated.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.languages import SERBIAN_SCRIPTS, transliterate
from generator.submission.catalogue import Catalogue

FIRST_PAGES = ("index.md", "investors.md")
LAST_PAGES = ("submit.md", "format.md", "about.md")


def content_names(docs_dir: Path, default: str) -> list[str]:
    """The hand-written page names of the default language, in navigation order."""
    folder = docs_dir / default
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")) if folder.is_dir() else []
    first = [n for n in FIRST_PAGES if n in names]
    last = [n for n in LAST_PAGES if n in names]
    return first + [n for n in names if n not in first and n not in last] + last


def content_pages(catalogue: Catalogue, docs_dir: Path) -> dict[str, dict[str, Any]]:
    """Every hand-written page in every language: its own file, else the other Serbian script's
    transliterated, else the default language's text (marked by `generated_from`)."""
    settings = catalogue.settings
    default = settings.default_language
    pages: dict[str, dict[str, Any]] = {}
    for name in content_names(docs_dir, default):
        for language in settings.languages:
            own = docs_dir / language / name
            entry: dict[str, Any] = {"generated_from": None, "markdown": None}
            sibling = SERBIAN_SCRIPTS.get(language)
            if not own.is_file() and sibling in settings.languages and (docs_dir / sibling / name).is_file():
                text = (docs_dir / sibling / name).read_text(encoding="utf-8")
                entry = {"generated_from": None, "markdown": transliterate_markdown(text, language)}
            elif not own.is_file():
                entry = {"generated_from": default, "markdown": (docs_dir / default / name).read_text(encoding="utf-8")}
            pages[f"{language}/{name}"] = entry
    return pages


# Kept as written: what machines read (fenced blocks, inline code, link targets, autolinks,
# entities, attribute lists), phrases marked as another language (`**Add file**{lang=en}`),
# domain names, and words with letters Serbian does not use (GitHub's "new", "web").
_KEEP = re.compile(
    r"(```.*?```|`[^`\n]*`|\*{1,2}[^*\n]+\*{1,2}\{[^}\n]*lang=[^}\n]*\}|\]\([^)\n]*\)|<[^>\n]*>|&\w+;"
    r"|\{[^}\n]*\}|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|eu|rs|me|al)\b|\b\w*[qwxyQWXY]\w*\b)",
    re.DOTALL,
)


def transliterate_markdown(text: str, target: str) -> str:
    """Serbian Markdown in the other script, leaving everything machine-read alone."""
    parts = _KEEP.split(text)
    return "".join(part if i % 2 else transliterate(part, target) for i, part in enumerate(parts))
