"""A copy of the example catalogue with template syntax in every text field (shared by the
build tests in `test_template_text.py` and the browser tests in `browser/test_template_text.py`).

Every free-text field of every file (found from the published JSON Schemas, so a new text field is
covered without editing this module), the site's names and a content page's front matter are given
a text in the syntax of a template engine: Jinja, Python's `str.format` and `%`, JavaScript
template literals, ERB, and the slot names of the item-page shell. Each text sits between numbered
markers (`Qx7 ... xQ7`), so a reader of any output can tell which text it is and whether it came
out exactly as written.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from conftest import REPO, build_catalogue

# Template syntaxes, each as a submitter might type it. The last group is the page shell's own slots.
SYNTAXES = [
    "{{ 7*7 }}",
    "{{ page.title }}",
    "{{ config }}",
    "{% if true %}yes{% endif %}",
    "{# hidden #}",
    "{{ cycler.__init__.__globals__.os.getcwd() }}",
    "{{ self._TemplateReference__context }}",
    "{0} {title} {0.__class__}",
    "%s %(title)s %d",
    "${7*7} ${document.title}",
    "`${alert(1)}`",
    "<%= 7*7 %> <%- title %>",
    "[% 7*7 %] #{7*7}",
    "PRILIKATITLESLOT",
    "PRILIKADESCRIPTIONSLOT",
    "PRILIKAIMAGESLOT",
    "prilika-item-slot",
    "<h1>PRILIKACONTENTSLOT</h1>",
]
# Markdown gives `_`, `*` and backticks a meaning and drops raw HTML; in Markdown fields these
# syntaxes are still tried, in forms whose Markdown reading is the text itself.
MARKDOWN_SYNTAXES = [
    "{{ 7*7 }}",
    "{{ page.title }}",
    "{{ config }}",
    "{% if true %}yes{% endif %}",
    "{# hidden #}",
    "{0} {title}",
    "%s %(title)s",
    "${7*7}",
    "PRILIKATITLESLOT PRILIKADESCRIPTIONSLOT PRILIKAIMAGESLOT PRILIKACONTENTSLOT",
]
MARKDOWN_FIELDS = {"description", "about"}
MARKED = re.compile(r"Qx(\d+) (.*?) xQ\1(?!\d)", re.DOTALL)
OPENING = re.compile(r"Qx(\d+) ")


# Strings the schema leaves open that are names, not prose: file names, phone numbers and git
# host accounts have rules of their own, and template syntax in them is refused, not published.
NOT_PROSE = {"file", "phone", "maintainers"}


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _text_kind(node: dict[str, Any]) -> str | None:
    """ "text" for a per-language text, "string" for a free string (no enum, pattern or format)."""
    if node.get("type") == "string":
        return None if {"enum", "const", "pattern", "format"} & set(node) else "string"
    options = node.get("anyOf", [])
    if any(o.get("type") == "string" for o in options) and any(o.get("type") == "object" for o in options):
        return "text"
    return None


def text_paths(schema: dict[str, Any], node: dict[str, Any], prefix: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, "text" or "string") of the free-text fields under `node`; `[]` stands for every
    entry of a list."""
    node = _resolve(schema, node)
    kind = _text_kind(node)
    if kind:
        yield prefix, kind
        return
    for option in node.get("anyOf", []):
        if option.get("type") != "null":
            yield from text_paths(schema, option, prefix)
    if node.get("type") == "array":
        yield from text_paths(schema, node["items"], (*prefix, "[]"))
    for key, child in node.get("properties", {}).items():
        if key not in NOT_PROSE:
            yield from text_paths(schema, child, (*prefix, key))


def schema_text_paths() -> dict[str, dict[tuple, str]]:
    """Free-text paths per file kind ("publisher", "site", "project", ...), from `schema/`."""
    paths: dict[str, dict[tuple, str]] = {}
    publisher = json.loads((REPO / "schema" / "publisher.json").read_text(encoding="utf-8"))
    paths["publisher"] = dict(text_paths(publisher, publisher))
    item = json.loads((REPO / "schema" / "item.json").read_text(encoding="utf-8"))
    for option in item["oneOf"]:
        model = _resolve(item, option)
        paths[model["properties"]["kind"]["const"]] = dict(text_paths(item, model))
    return paths


class Corpus:
    """Hands out marked texts and remembers what each marker stands for and where it was put."""

    def __init__(self) -> None:
        self.expected: dict[str, str] = {}
        self.where: dict[str, str] = {}
        self.unlisted: set[str] = set()
        self.count = 0

    def text(self, where: str, markdown: bool = False) -> str:
        syntaxes = MARKDOWN_SYNTAXES if markdown else SYNTAXES
        self.count += 1
        number = str(self.count)
        self.expected[number] = syntaxes[self.count % len(syntaxes)]
        self.where[number] = where
        return f"Qx{number} {self.expected[number]} xQ{number}"

    def localised(self, where: str, languages: list[str], markdown: bool = False) -> dict[str, str]:
        # Every language written out: the Serbian scripts are given, not transliterated, so that
        # the Cyrillic pages show the same characters (transliteration is tested elsewhere).
        return {language: self.text(f"{where} [{language}]", markdown) for language in languages}


LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
BUILD_DAY = "2026-11-24"  # conftest.BUILD_EPOCH: items that expired before it are not listed


def _inject(data: Any, path: tuple, corpus: Corpus, where: str, multilingual: bool) -> bool:
    """Put corpus texts at `path` in `data`; True when at least one was put."""
    key, rest = path[0], path[1:]
    if key == "[]":
        if not isinstance(data, list):
            return False
        if not rest:
            data[:] = [corpus.text(f"{where}[{i}]") for i in range(len(data))]
            return bool(data)
        return any([_inject(entry, rest, corpus, f"{where}[{i}]", multilingual) for i, entry in enumerate(data)])
    if not isinstance(data, dict):
        return False
    if rest:
        return key in data and _inject(data[key], rest, corpus, f"{where}.{key}", multilingual)
    markdown = key in MARKDOWN_FIELDS
    name = f"{where}.{key}"
    # Texts that are mappings take one text per language; plain strings (company, contact name) one.
    data[key] = corpus.localised(name, LANGUAGES, markdown) if multilingual else corpus.text(name, markdown)
    return True


def build_corpus_catalogue(root: Path) -> tuple[Path, Corpus, set[tuple[str, tuple]]]:
    """The example catalogue, copied to `root`, with a template syntax in every text field, built.

    Returns the site folder, the corpus (what each marker stands for) and the (kind, path) pairs
    that were given a text.
    """
    root.mkdir(parents=True)
    for name in ("content", "opportunities", "theme"):
        shutil.copytree(REPO / name, root / name)
    corpus = Corpus()
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_name"] = corpus.text("mkdocs.yml site_name")
    options = config["plugins"][0]["prilika"]
    options["site_names"] = {
        language: corpus.text(f"site_names.{language}") for language in ("de", "sr-Latn", "sr-Cyrl", "sq")
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    about = root / "content" / "en" / "about.md"
    front = yaml.safe_dump({"title": corpus.text("content/en/about.md title")}, allow_unicode=True)
    about.write_text(f"---\n{front}---\n\n" + about.read_text(encoding="utf-8"), encoding="utf-8")

    paths = schema_text_paths()
    injected: set[tuple[str, tuple]] = set()
    for file in sorted((root / "opportunities").glob("*/*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        kind = "publisher" if file.name == "publisher.yaml" else data["kind"]
        # Optional texts that the example leaves out are written too, so every field is tried.
        for key in ("description", "about", "region"):
            if (key,) in paths[kind]:
                data.setdefault(key, "x")
        if kind != "publisher":
            data.setdefault("contact", {"name": "x", "email": "office@example.org"})
            pictures = sorted((file.parent / "images").glob("*"))
            if pictures:
                data.setdefault("images", [{"file": f"images/{pictures[0].name}"}])
        if isinstance(data.get("location"), dict):
            data["location"].setdefault("address", "x")
        for image in data.get("images", []) or []:
            image.setdefault("caption", "x")
        for path, text_kind in sorted(paths[kind].items()):
            where = f"{file.relative_to(root).as_posix()}:"
            if _inject(data, path, corpus, where, text_kind == "text"):
                injected.add((kind, path))
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if data.get("status") == "closed" or str(data.get("valid_until", "9999")) < BUILD_DAY:
            corpus.unlisted.add(f"{file.relative_to(root).as_posix()}:")
    assert build_catalogue(root / "mkdocs.yml", root / "site") == 0
    return root / "site", corpus, injected
