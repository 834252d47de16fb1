"""Print to PDF: an item page becomes a clean brochure of one or two A4 pages."""

from __future__ import annotations

import re

import pytest

from .conftest import LANGUAGES


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_item_prints_on_one_or_two_a4_pages(page, url, rows, language: str) -> None:
    longest = max(rows[language], key=lambda row: len(row["search"]))
    page.goto(url(f"{language}/items/{longest['id']}/"))
    page.wait_for_selector(".prilika-map--small.leaflet-container")
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").first.is_hidden()
    assert page.locator(".prilika-item__actions").is_hidden()
    assert 1 <= pdf_pages(page.pdf(format="A4", print_background=True)) <= 2
