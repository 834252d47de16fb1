"""The navigation: one section per language, of which the theme shows only the reader's."""

from __future__ import annotations

from pathlib import Path

from generator.site.content import FIRST_PAGES, content_names
from generator.site.pages import page_specs
from generator.submission.catalogue import Catalogue


def nav_for(catalogue: Catalogue, docs_dir: Path) -> list[dict[str, list]]:
    """`[{language: [page, {title: src_uri}, ...]}, ...]`: the hand-written pages that come first,
    the generated pages (listing, map, shortlist, publishers), then the other hand-written pages."""
    names = content_names(docs_dir, catalogue.settings.default_language)
    generated = [spec for spec in page_specs(catalogue) if spec.in_nav]
    nav = []
    for language in catalogue.settings.languages:
        entries: list = [f"{language}/{n}" for n in names if n in FIRST_PAGES]
        entries += [{spec.title: spec.src_uri} for spec in generated if spec.language == language]
        entries += [f"{language}/{n}" for n in names if n not in FIRST_PAGES]
        nav.append({language: entries})
    return nav
