"""The built site, read as a reader's browser and another portal would: HTML, exports, languages."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import build_catalogue, copy_good

LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
ITEMS = ["north-plot", "solar-park", "berry-coop"]


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def edit(folder: Path, rel: str, old: str, new: str) -> None:
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test catalogue, with the German description of one item left out."""
    folder = copy_good(tmp_path_factory.mktemp("small") / "catalogue")
    edit(folder, "opportunities/testgrad/berry-coop.yaml", "  de: Wir frieren **Himbeeren** ein.\n", "")
    assert build_catalogue(folder / "mkdocs.yml", folder / "site") == 0
    return folder / "site"


def test_every_listed_item_has_a_page_in_every_language(small_site: Path) -> None:
    for language in LANGUAGES:
        for item in ITEMS:
            assert (small_site / language / "items" / item / "index.html").is_file()


def test_html_lang_is_the_pages_language(small_site: Path) -> None:
    for language in LANGUAGES:
        for url in (f"{language}", f"{language}/items/north-plot", f"{language}/opportunities"):
            assert page(small_site, url).html["lang"] == language


def test_language_switcher_and_hreflang_point_at_the_same_item(small_site: Path) -> None:
    soup = page(small_site, "de/items/solar-park")
    switcher = {a["data-language"]: a["href"] for a in soup.select("a.prilika-language")}
    assert set(switcher) == set(LANGUAGES)
    for language, href in switcher.items():
        resolved = (small_site / "de/items/solar-park" / href).resolve()
        assert resolved == (small_site / language / "items" / "solar-park").resolve()
    hreflang = {link["hreflang"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert set(LANGUAGES) <= hreflang


def fact(soup: BeautifulSoup, key: str) -> str:
    return soup.select_one(f'tr[data-fact="{key}"] td').get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("language", "price", "published"),
    [
        ("en", "€1,234,567.50", "March 7, 2025"),
        ("de", "1.234.567,50\u00a0€", "7. März 2025"),
        ("sr-Latn", "1.234.567,50\u00a0€", "7. mart 2025."),
        ("sr-Cyrl", "1.234.567,50\u00a0€", "7. март 2025."),
        ("sq", "1\u00a0234\u00a0567,50\u00a0€", "7 mars 2025"),
    ],
)
def test_money_and_dates_follow_the_locale(small_site: Path, language: str, price: str, published: str) -> None:
    soup = page(small_site, f"{language}/items/north-plot")
    assert fact(soup, "price_eur") == price
    assert fact(soup, "published") == published


def test_serbian_latin_text_appears_in_cyrillic(small_site: Path) -> None:
    assert page(small_site, "sr-Cyrl/items/north-plot").h1.get_text(strip=True) == "Гринфилд парцела у северној зони"


def test_serbian_cyrillic_text_appears_in_latin(small_site: Path) -> None:
    assert page(small_site, "sr-Latn/items/solar-park").h1.get_text(strip=True) == "Solarni park"


def test_missing_translation_falls_back_visibly_with_its_own_lang(small_site: Path) -> None:
    soup = page(small_site, "de/items/berry-coop")
    section = soup.select_one("section.prilika-description")
    assert section.select_one(".prilika-untranslated-note") is not None
    body = section.select_one("div[lang]")
    assert body["lang"] == "en" and "raspberries" in body.get_text()
    assert (
        page(small_site, "sq/items/berry-coop").select_one("section.prilika-description .prilika-untranslated-note")
        is None
    )


def test_raw_html_in_a_description_is_removed(small_site: Path) -> None:
    html = (small_site / "en/items/berry-coop/index.html").read_text(encoding="utf-8")
    assert "alert(1)" not in html
    assert "<strong>raspberries</strong>" in html


def test_item_pages_are_not_in_the_navigation(small_site: Path) -> None:
    nav = page(small_site, "en/items/north-plot").select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in nav.select("a[href]")]
    assert not [h for h in hrefs if "/items/" in h]
    assert any("opportunities" in h for h in hrefs)


def test_navigation_shows_only_the_readers_language(small_site: Path) -> None:
    nav = page(small_site, "de/items/north-plot").select_one("nav.md-nav--primary")
    for a in nav.select("a.md-nav__link[href]"):
        target = (small_site / "de/items/north-plot" / a["href"]).resolve()
        assert target.is_relative_to((small_site / "de").resolve()), a["href"]


def test_facts_table_per_kind(small_site: Path) -> None:
    site = page(small_site, "en/items/north-plot")
    assert fact(site, "area_m2") == "100,000\u00a0m²"
    assert "Highway: 1.5\u00a0km" in fact(site, "distances_km")
    project = page(small_site, "en/items/solar-park")
    assert fact(project, "investment_eur") == "€8,000,000 – €9,500,000"
    sme = page(small_site, "de/items/berry-coop")
    assert fact(sme, "export_markets") == "Deutschland, Österreich, Schweiz"
    assert "HS 0811" in fact(sme, "products")


def test_item_page_carries_json_ld_and_open_graph(small_site: Path) -> None:
    soup = page(small_site, "de/items/north-plot")
    data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "RealEstateListing" and data["inLanguage"] == "de"
    assert data["name"] == "Greenfield-Grundstück in der Nordzone"
    assert soup.select_one('meta[property="og:title"]')["content"].startswith("Greenfield-Grundstück")


def test_sme_and_site_in_the_same_sector_are_related(small_site: Path) -> None:
    related = page(small_site, "en/items/berry-coop").select("section.prilika-related [data-item-id]")
    assert "north-plot" in [r["data-item-id"] for r in related]


def test_every_link_and_asset_is_relative_or_external(small_site: Path) -> None:
    # 404.html is served at any depth, so MkDocs roots its links at site_url's path on purpose.
    for html_file in set(small_site.rglob("*.html")) - {small_site / "404.html"}:
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                value = element.get(attr)
                assert not (value and value.startswith("/")), f"{html_file}: {tag} {value}"


def test_no_script_style_or_font_from_another_host(small_site: Path) -> None:
    for html_file in small_site.rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script", src=True):
            assert not script["src"].startswith(("http:", "https:", "//")), html_file
        for link in soup.find_all("link", rel="stylesheet"):
            assert not link["href"].startswith(("http:", "https:", "//")), html_file


def test_catalogue_json_matches_the_input(small_site: Path) -> None:
    data = json.loads((small_site / "api/catalogue.json").read_text(encoding="utf-8"))
    assert data["languages"] == LANGUAGES and data["default_language"] == "en"
    assert data["pages"]["de"] == {
        "home": "de/",
        "listing": "de/opportunities/",
        "map": "de/map/",
        "feed": "de/feed.xml",
    }
    items = {item["id"]: item for item in data["items"]}
    assert set(items) == set(ITEMS)
    plot = items["north-plot"]
    assert plot["publisher"] == "testgrad" and plot["area_m2"] == 100000
    assert plot["url"]["sr-Cyrl"] == "sr-Cyrl/items/north-plot/"
    assert plot["title"]["de"] == "Greenfield-Grundstück in der Nordzone"
    assert items["solar-park"]["investment_eur"] == {"min": 8000000, "max": 9500000}
    assert [p["id"] for p in data["publishers"]] == ["testgrad"]
    for item in data["items"]:
        for url in item["url"].values():
            assert (small_site / url / "index.html").is_file()


def test_geojson_is_a_feature_collection_of_lon_lat_points(small_site: Path) -> None:
    data = json.loads((small_site / "api/items.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    features = {f["properties"]["id"]: f for f in data["features"]}
    assert features["north-plot"]["geometry"] == {"type": "Point", "coordinates": [21.85, 43.35]}
    assert set(features["north-plot"]["properties"]) >= {"id", "kind", "title", "url"}
    # An SME without a location of its own is placed at its publisher's seat.
    assert features["berry-coop"]["geometry"]["coordinates"] == [21.8958, 43.3209]


def test_csv_has_a_header_and_a_row_per_listed_item(small_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((small_site / "api/items.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(r["id"] for r in rows) == sorted(ITEMS)
    plot = next(r for r in rows if r["id"] == "north-plot")
    assert plot["area_m2"] == "100000" and plot["sectors"] == "C 10.39" and plot["country"] == "RS"


def test_atom_feed_per_language_parses(small_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    for language in LANGUAGES:
        root = ET.parse(small_site / language / "feed.xml").getroot()
        assert root.tag == f"{atom}feed"
        entries = root.findall(f"{atom}entry")
        assert len(entries) == 3
        first = entries[0]
        assert first.find(f"{atom}link").get("href") == "items/berry-coop/"
        assert (small_site / language / "items/berry-coop/index.html").is_file()


def test_schemas_are_published(small_site: Path) -> None:
    for name in ("publisher.json", "item.json"):
        schema = json.loads((small_site / "schema" / name).read_text(encoding="utf-8"))
        assert schema["$schema"].startswith("https://json-schema.org/")


def test_pictures_are_copied_and_linked(small_site: Path) -> None:
    img = page(small_site, "sq/items/north-plot").select_one(".prilika-images img")
    assert (small_site / "sq/items/north-plot" / img["src"]).resolve() == (
        small_site / "media/testgrad/images/plot.png"
    ).resolve()


def test_root_offers_every_language(small_site: Path) -> None:
    soup = BeautifulSoup((small_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["hreflang"] for a in soup.select("ul a")] == LANGUAGES


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_input_are_identical(tmp_path: Path) -> None:
    folder = copy_good(tmp_path / "catalogue")
    assert build_catalogue(folder / "mkdocs.yml", tmp_path / "one") == 0
    assert build_catalogue(folder / "mkdocs.yml", tmp_path / "two") == 0
    one, two = _digest(tmp_path / "one"), _digest(tmp_path / "two")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_pages_written_by_parallel_workers_equal_those_written_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.site import item_pages as site

    folder = copy_good(tmp_path / "catalogue")
    assert build_catalogue(folder / "mkdocs.yml", tmp_path / "one") == 0
    monkeypatch.setattr(site, "PARALLEL_FROM", 1)
    monkeypatch.setattr(site, "CHUNK", 2)
    assert build_catalogue(folder / "mkdocs.yml", tmp_path / "many") == 0
    assert _digest(tmp_path / "one") == _digest(tmp_path / "many")


def test_a_failing_build_leaves_the_published_site_untouched(tmp_path: Path, capsys) -> None:
    folder = copy_good(tmp_path / "catalogue")
    site = tmp_path / "site"
    assert build_catalogue(folder / "mkdocs.yml", site) == 0
    before = _digest(site)
    edit(folder, "opportunities/testgrad/north-plot.yaml", "area_m2: 100000", "area_m2: -5")
    assert build_catalogue(folder / "mkdocs.yml", site) == 1
    out = capsys.readouterr().out
    assert "opportunities/testgrad/north-plot.yaml:17:10: error: area_m2: must be greater than 0" in out
    assert _digest(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def _code_outside_strings(script: str) -> str:
    """A script with its JSON string literals emptied: text inside them is data, not code.

    A literal cannot end early: `<`, `>` and `&` inside are written as \\u escapes.
    """
    assert "</script" not in script.lower()
    return re.sub(r'"(?:[^"\\]|\\.)*"', '""', script)


def test_nothing_in_a_yaml_file_can_put_script_into_the_site(tmp_path: Path) -> None:
    folder = copy_good(tmp_path / "catalogue")
    hostile = '"<img src=x onerror=alert(1)> \\" onmouseover=alert(2) </title><script>alert(3)</script>"'
    edit(
        folder,
        "opportunities/testgrad/north-plot.yaml",
        "  en: Greenfield plot in the northern zone",
        f"  en: {hostile}",
    )
    edit(
        folder, "opportunities/testgrad/north-plot.yaml", "  en: Ten hectares next to the highway.", f"  en: {hostile}"
    )
    edit(folder, "opportunities/testgrad/publisher.yaml", "  en: City of Testgrad", f"  en: {hostile}")
    edit(folder, "opportunities/testgrad/berry-coop.yaml", "We freeze **raspberries**.", "[x](javascript:alert(4))")
    assert build_catalogue(folder / "mkdocs.yml", tmp_path / "site") == 0
    for html_file in (tmp_path / "site").rglob("*.html"):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        assert not soup.find("img", src="x"), html_file
        assert not [
            s
            for s in soup.find_all("script")
            if s.string and "alert(" in _code_outside_strings(s.string) and "ld+json" not in str(s.get("type"))
        ]
        assert not soup.find(attrs={"onmouseover": True}), html_file
        assert not soup.find("a", href=lambda h: h and h.startswith("javascript:")), html_file
    title = page(tmp_path / "site", "en/items/north-plot").h1.get_text()
    assert "<img src=x onerror=alert(1)>" in title


def test_sitemap_lists_every_page_with_its_language_alternates(tmp_path: Path) -> None:
    folder = copy_good(tmp_path / "catalogue")
    config = folder / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "site_name: Test catalogue", "site_name: Test catalogue\nsite_url: https://example.org/catalogue/"
        )
    )
    assert build_catalogue(config, tmp_path / "site") == 0
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(tmp_path / "site" / "sitemap.xml").getroot()
    locs = {url.find("s:loc", ns).text: url for url in root.findall("s:url", ns)}
    entry = locs["https://example.org/catalogue/sq/items/north-plot/"]
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
    assert alternates["de"] == "https://example.org/catalogue/de/items/north-plot/"
    assert set(alternates) == set(LANGUAGES)
    assert "https://example.org/catalogue/en/" in locs
    assert not [loc for loc in locs if "slot" in loc]
    # Both sitemaps are the same list, and every URL in it is a page of the built site.
    assert (
        gzip.decompress((tmp_path / "site" / "sitemap.xml.gz").read_bytes())
        == (tmp_path / "site" / "sitemap.xml").read_bytes()
    )
    prefix = "https://example.org/catalogue/"
    missing = [loc for loc in locs if not (tmp_path / "site" / loc[len(prefix) :] / "index.html").is_file()]
    assert missing == []
    pages = {
        p.parent.relative_to(tmp_path / "site").as_posix() + "/" for p in (tmp_path / "site").glob("*/**/index.html")
    }
    assert {prefix + page for page in pages} == set(locs)


def test_the_logo_leads_to_the_home_page_of_the_pages_language(small_site: Path) -> None:
    for language in LANGUAGES:
        for url in (f"{language}/opportunities", f"{language}/items/north-plot"):
            for logo in page(small_site, url).select("a.md-logo"):
                assert (small_site / url / logo["href"]).resolve() == (small_site / language).resolve()


def test_the_site_name_follows_the_pages_language(example_site: Path) -> None:
    titles = {lang: page(example_site, f"{lang}/opportunities").title.get_text() for lang in LANGUAGES}
    assert titles["de"].endswith("Prilika — Investitionskatalog Westbalkan")
    assert titles["sr-Cyrl"].endswith("Прилика — каталог инвестиција Западног Балкана")
    assert titles["en"].endswith("Prilika — Western Balkans investment catalogue")


def test_the_example_builds_with_mkdocs_strict_so_every_content_link_resolves(tmp_path: Path) -> None:
    """`mkdocs build --strict` fails on any warning, such as a content page linking to nothing."""
    import os
    import subprocess
    import sys

    from conftest import BUILD_EPOCH, REPO

    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
