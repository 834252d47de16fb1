"""Regional languages (de-CH, de-AT): `<html lang>` is the page's own tag, and numbers keep the
region's digit grouping whatever Babel version is installed (case F-12).

Babel 2.19 (CLDR 48) made the Swiss group separator an ASCII apostrophe and then strips it as a
quoting character (`format_decimal(1234567.5, locale="de_CH")` gives `1234567.5`). The tests
below put CLDR 48's separator into the installed Babel, so they hold on either side of 2.19.
"""

from __future__ import annotations

from pathlib import Path

import babel.numbers
import pytest
from bs4 import BeautifulSoup

from conftest import REPO, build_catalogue
from generator.languages import format_money, format_number

SWISS = ("de_CH", "fr_CH", "it_CH", "de_LI")


@pytest.fixture(params=["installed", "cldr48"])
def cldr(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Babel as installed, or with CLDR 48's ASCII apostrophe as the Swiss group separator."""
    if request.param == "cldr48":
        original = babel.numbers.get_group_symbol

        def cldr48(locale=None, *args, **kwargs):
            if str(locale) in SWISS:
                return "'"
            return original(locale, *args, **kwargs)

        monkeypatch.setattr(babel.numbers, "get_group_symbol", cldr48)
        monkeypatch.setattr("generator.languages.get_group_symbol", cldr48, raising=False)
        # Babel itself loses the grouping under CLDR 48: the case the code must not depend on.
        assert babel.numbers.format_decimal(1234567, locale="de_CH") == "1234567"
    return request.param


@pytest.mark.parametrize(
    ("language", "area", "price", "whole"),
    [
        ("de-CH", "1’250’000", "EUR\u00a01’234’567.50", "EUR\u00a08’000’000"),
        ("it-CH", "1’250’000", "€\u00a01’234’567.50", "€\u00a08’000’000"),
        ("de-AT", "1.250.000", "€\u00a01.234.567,50", "€\u00a08.000.000"),
        ("de", "1.250.000", "1.234.567,50\u00a0€", "8.000.000\u00a0€"),
        ("en", "1,250,000", "€1,234,567.50", "€8,000,000"),
        ("sq", "1\u00a0250\u00a0000", "1\u00a0234\u00a0567,50\u00a0€", "8\u00a0000\u00a0000\u00a0€"),
    ],
)
def test_numbers_and_money_keep_their_grouping(cldr: str, language: str, area: str, price: str, whole: str) -> None:
    assert format_number(1250000, language) == area
    assert format_money(1234567.5, language) == price
    assert format_money(8000000, language) == whole
    assert format_number(999, language) == "999"
    assert format_number(12.5, language, 1) in ("12.5", "12,5")


def test_fr_ch_groups_too(cldr: str) -> None:
    # CLDR gives fr-CH a narrow no-break space before 48 and an apostrophe from 48 on.
    assert format_number(1234567, "fr-CH") in ("1\u202f234\u202f567", "1’234’567")


PUBLISHER = """\
name: {en: City of Testgrad, de-CH: Stadt Testgrad, de-AT: Stadt Testgrad}
type: city
country: RS
location: {lat: 43.3209, lon: 21.8958}
contact: {name: Investment office, email: invest@testgrad.example.org}
"""
PLOT = """\
kind: site
title: {en: Plot by the bypass road, de-CH: Grundstück an der Umfahrungsstrasse, de-AT: Grundstück an der Umfahrung}
summary: {en: Level industrial land., de-CH: Ebenes Industrieland., de-AT: Ebenes Industrieland.}
sectors: ["C"]
published: 2026-03-07
location: {lat: 43.30, lon: 21.90}
site_type: greenfield
area_m2: 1250000
ownership: public
price_eur: 1234567.5
"""
CONFIG = f"""\
site_name: Swiss test catalogue
docs_dir: content
theme:
  name: material
  custom_dir: {REPO / "theme"}
  font: false
plugins:
  - prilika:
      languages: [en, de-CH, de-AT]
      default_language: en
"""


@pytest.fixture(scope="module")
def regional_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("regional")
    (folder / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (folder / "content" / "en").mkdir(parents=True)
    (folder / "content" / "en" / "index.md").write_text("# Catalogue\n\nSites for investors.\n", encoding="utf-8")
    testgrad = folder / "opportunities" / "testgrad"
    testgrad.mkdir(parents=True)
    (testgrad / "publisher.yaml").write_text(PUBLISHER, encoding="utf-8")
    (testgrad / "swiss-plot.yaml").write_text(PLOT, encoding="utf-8")
    assert build_catalogue(folder / "mkdocs.yml", folder / "site") == 0
    return folder / "site"


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("language", ["en", "de-CH", "de-AT"])
def test_every_page_says_its_own_language(regional_site: Path, language: str) -> None:
    for rest in (
        "",
        "opportunities/",
        "map/",
        "shortlist/",
        "publishers/",
        "publishers/testgrad/",
        "items/swiss-plot/",
    ):
        page = _page(regional_site, f"{language}/{rest}")
        assert page.html["lang"] == language, f"{language}/{rest}"
        assert page.select_one('meta[property="og:locale"]')["content"] == language.replace("-", "_")


def test_swiss_facts_are_grouped(regional_site: Path) -> None:
    page = _page(regional_site, "de-CH/items/swiss-plot/")
    assert page.select_one('tr[data-fact="area_m2"] td').get_text() == "1’250’000\u00a0m²"
    assert page.select_one('tr[data-fact="price_eur"] td').get_text() == "EUR\u00a01’234’567.50"
    austrian = _page(regional_site, "de-AT/items/swiss-plot/")
    assert austrian.select_one('tr[data-fact="area_m2"] td').get_text() == "1.250.000\u00a0m²"
