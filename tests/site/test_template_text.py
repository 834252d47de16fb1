"""Submitted text is data, never a template: template syntax comes out exactly as written.

The corpus catalogue (`template_corpus.py`) is built once; every page, feed and export is then
read (HTML text and attributes, JSON-LD and map rows, JSON, CSV, XML), and every marked span must
be exactly the text that was written: `{{ 7*7 }}` never becomes `49`, and a marker never loses its
partner.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from template_corpus import MARKED, OPENING, Corpus, build_corpus_catalogue, schema_text_paths


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Corpus, set[tuple[str, tuple]]]:
    return build_corpus_catalogue(tmp_path_factory.mktemp("templates") / "catalogue")


def _json_strings(value: Any, key: str = "") -> Iterator[str]:
    # `search` is the listing's folded search text (lowercased, punctuation dropped): derived, not shown.
    if key == "search":
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for entry in value:
            yield from _json_strings(entry)
    elif isinstance(value, dict):
        for k, entry in value.items():
            yield k
            yield from _json_strings(entry, k)


_MAP_ROWS = re.compile(r"prilikaMapData\(\"[a-z0-9_]+\", \w+, \w+, (\[.*?\])\);\n\}\);", re.DOTALL)


def _html_strings(text: str) -> Iterator[str]:
    soup = BeautifulSoup(text, "html.parser")
    for script in soup.find_all("script"):
        body = script.string or ""
        if script.get("type") == "application/ld+json":
            yield from _json_strings(json.loads(body))
        for rows in _MAP_ROWS.findall(body):
            yield from _json_strings(json.loads(rows))
        script.decompose()
    for node in soup.find_all(string=True):
        yield str(node)
    for tag in soup.find_all(True):
        for value in tag.attrs.values():
            yield " ".join(value) if isinstance(value, list) else value


def _xml_strings(data: bytes) -> Iterator[str]:
    for element in ET.fromstring(data).iter():
        yield element.text or ""
        yield from element.attrib.values()


def output_strings(site: Path) -> Iterator[tuple[str, str]]:
    """(file, text) for every piece of text a reader or a program gets from the built site."""
    for file in sorted(site.rglob("*")):
        if not file.is_file():
            continue
        name = file.relative_to(site).as_posix()
        if name.startswith(("assets/", "search/")):
            continue
        if file.suffix == ".html":
            strings: Iterator[str] = _html_strings(file.read_text(encoding="utf-8"))
        elif file.suffix in (".json", ".geojson"):
            strings = _json_strings(json.loads(file.read_bytes()))
        elif file.suffix == ".xml":
            strings = _xml_strings(file.read_bytes())
        elif file.suffix == ".csv":
            rows = csv.reader(io.StringIO(file.read_bytes().decode("utf-8-sig")))
            strings = (cell for row in rows for cell in row)
        else:
            continue
        for text in strings:
            yield name, text


def test_every_text_field_of_every_kind_was_tried(corpus_build) -> None:
    _, _, injected = corpus_build
    expected = {(kind, path) for kind, paths in schema_text_paths().items() for path in paths}
    assert expected - injected == set()
    assert {kind for kind, _ in injected} >= {"publisher", "site", "project", "sme"}


def test_every_marked_text_is_published_exactly_as_written(corpus_build) -> None:
    site, corpus, _ = corpus_build
    seen: dict[str, int] = {}
    wrong: list[str] = []
    for file, text in output_strings(site):
        spans = MARKED.findall(text)
        for number, body in spans:
            seen[number] = seen.get(number, 0) + 1
            if body != corpus.expected[number] and len(wrong) < 60:
                wrong.append(f"{file}: {corpus.where[number]}: {body!r} instead of {corpus.expected[number]!r}")
        if len(OPENING.findall(text)) != len(spans) and len(wrong) < 60:
            wrong.append(f"{file}: a marked text lost its end: {text[:200]!r}")
    assert wrong == []
    # Each text reached the site: the evaluated form would have been caught above, a dropped one here.
    missing = [
        corpus.where[n]
        for n in corpus.expected
        if n not in seen and corpus.where[n].split(":")[0] + ":" not in corpus.unlisted
    ]
    assert missing == []


def test_no_output_holds_an_evaluated_expression(corpus_build) -> None:
    site, _, _ = corpus_build
    evaluated = re.compile(rb"Qx\d+ (49|yes|) xQ")
    hits = [f.relative_to(site).as_posix() for f in site.rglob("*") if f.is_file() and evaluated.search(f.read_bytes())]
    assert hits == []


def test_the_page_title_shows_the_title_as_written(corpus_build) -> None:
    site, corpus, _ = corpus_build
    soup = BeautifulSoup((site / "en" / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    spans = {corpus.where[number]: body for number, body in MARKED.findall(soup.title.string)}
    assert spans == {
        "content/en/about.md title": corpus.expected[_number(corpus, "content/en/about.md title")],
        "mkdocs.yml site_name": corpus.expected[_number(corpus, "mkdocs.yml site_name")],
    }


def _number(corpus: Corpus, where: str) -> str:
    return next(number for number, place in corpus.where.items() if place == where)
