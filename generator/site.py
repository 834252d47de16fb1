"""Site-level pieces around the pages: hand-written content per language, navigation, exports.

Kept apart from `plugin.py` so they are plain functions over the catalogue
and the file system, testable without MkDocs.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from pathlib import Path
from typing import Any

from generator import urls
from generator.catalogue import Catalogue
from generator.content import FIRST_PAGES, content_names
from generator.exports.catalogue_json import catalogue_document, dump
from generator.exports.feed import atom_feed
from generator.exports.geo import items_geojson
from generator.exports.schema import json_schemas, schema_bytes
from generator.exports.sitemap import sitemap
from generator.exports.tables import items_csv
from generator.languages import language_name
from generator.listing import facts_entry, listing_document
from generator.pages import PageSpec, page_context, page_specs
from generator.render import Renderer
from generator.shell import SLOT_ID, Shell


def nav_for(catalogue: Catalogue, docs_dir: Path) -> list[dict[str, list]]:
    """One navigation section per language; the theme shows only the reader's."""
    names = content_names(docs_dir, catalogue.settings.default_language)
    generated = [spec for spec in page_specs(catalogue) if spec.in_nav]
    nav = []
    for language in catalogue.settings.languages:
        entries: list = [f"{language}/{n}" for n in names if n in FIRST_PAGES]
        entries += [{spec.title: spec.src_uri} for spec in generated if spec.language == language]
        entries += [f"{language}/{n}" for n in names if n not in FIRST_PAGES]
        nav.append({language: entries})
    return nav


PARALLEL_FROM = 400
_WORK: tuple | None = None


CHUNK = 100


def write_item_pages(catalogue: Catalogue, specs: list[PageSpec], site_dir: Path, renderer: Renderer) -> None:
    """Fill each language's rendered item shell with every item of that language, and write
    the shortlist's facts file of each language from the facts those pages worked out.

    Large catalogues are written by one forked worker per core, in chunks of pages so that
    the cores stay evenly busy; the output does not depend on which worker wrote what.
    """
    global _WORK
    shells: dict[str, Shell] = {}
    for language in catalogue.settings.languages:
        folder = site_dir / urls.item(language, SLOT_ID)
        shells[language] = Shell((folder / "index.html").read_text(encoding="utf-8"))
        shutil.rmtree(folder)
    _WORK = (catalogue, site_dir, renderer, shells, specs)
    chunks = [(start, min(start + CHUNK, len(specs))) for start in range(0, len(specs), CHUNK)]
    workers = os.cpu_count() or 1
    try:
        if len(specs) >= PARALLEL_FROM and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = pool.map(_write_chunk, chunks)
        else:
            results = [_write_chunk(chunk) for chunk in chunks]
    finally:
        _WORK = None
    facts: dict[str, dict[str, Any]] = {language: {} for language in catalogue.settings.languages}
    for result in results:
        for language, entries in result.items():
            facts[language].update(entries)
    for language, entries in facts.items():
        document = {"language": language, "facts": dict(sorted(entries.items()))}
        _write(site_dir / urls.facts_data(language), _compact(document))


def _write_chunk(chunk: tuple[int, int]) -> dict[str, dict[str, Any]]:
    """Write the item pages specs[start:stop]; return their facts for the shortlist, per language."""
    assert _WORK is not None
    catalogue, site_dir, renderer, shells, specs = _WORK
    facts: dict[str, dict[str, Any]] = {}
    for spec in specs[chunk[0] : chunk[1]]:
        context = page_context(catalogue, spec)
        content = renderer.render("item", spec.url, spec.language, **context)
        images = context["images"]
        page = shells[spec.language].fill(
            spec.ident, spec.title, spec.description, images[0]["url"] if images else None, content
        )
        _write(site_dir / spec.url / "index.html", page.encode("utf-8"))
        facts.setdefault(spec.language, {})[spec.ident] = facts_entry(
            catalogue, catalogue.items[spec.ident], spec.language
        )
    return facts


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _compact(document: dict[str, Any]) -> bytes:
    """JSON the page scripts fetch: no indentation, it is read by code, not people."""
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def _sitemap_pages(catalogue: Catalogue, docs_dir_names: list[str]) -> list[list[tuple[str, str]]]:
    languages = catalogue.settings.languages
    paths = {spec.url[len(spec.language) + 1 :] for spec in page_specs(catalogue)}
    for name in docs_dir_names:
        stem = name[:-3]
        paths.add("" if stem == "index" else (stem[:-5] if stem.endswith("/index") else stem) + "/")
    return [[(lang, f"{lang}/{path}") for lang in languages] for path in sorted(paths)]


def export_files(catalogue: Catalogue) -> dict[str, bytes]:
    """The API files, schemas and feeds, by site path: registered with MkDocs as files of the
    build, so that content pages may link to them and MkDocs checks those links."""
    files = {
        "api/catalogue.json": dump(catalogue_document(catalogue)),
        "api/items.geojson": dump(items_geojson(catalogue)),
        "api/items.csv": items_csv(catalogue),
    }
    for name, schema in json_schemas().items():
        files[f"schema/{name}"] = schema_bytes(schema)
    for language in catalogue.settings.languages:
        files[urls.listing_data(language)] = _compact(listing_document(catalogue, language))
        files[urls.feed(language)] = atom_feed(catalogue, language)
    return files


def write_exports(catalogue: Catalogue, site_dir: Path, renderer: Renderer) -> None:
    """What needs the finished build: our sitemap (over Material's) and the root language chooser."""
    settings = catalogue.settings
    if settings.site_url:
        names = content_names(settings.content, settings.default_language)
        _write(site_dir / "sitemap.xml", sitemap(settings.site_url, _sitemap_pages(catalogue, names)))
    chooser = renderer.render(
        "chooser",
        "",
        settings.default_language,
        site_name=settings.site_name,
        default=settings.default_language,
        codes=list(settings.languages),
        languages=[{"lang": lang, "name": language_name(lang), "url": urls.home(lang)} for lang in settings.languages],
    )
    _write(site_dir / "index.html", chooser.encode("utf-8"))
