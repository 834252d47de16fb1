"""The listing, map and shortlist pages as built HTML and JSON, before any script runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO
from generator.site.content import transliterate_markdown
from generator.site.listing import FACETS, MULTI, RANGES
from generator.site.search import CYRILLIC_TO_LATIN, FOLD_TABLE, LATIN_SPECIAL, fold, search_text

LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def listed_ids(site: Path) -> list[str]:
    return [item["id"] for item in json.loads((site / "api/catalogue.json").read_text())["items"]]


@pytest.mark.parametrize("typed", ["nis", "Niš", "NIŠ", "Ниш", "ниш"])
def test_search_folds_case_diacritics_and_script(typed: str) -> None:
    assert fold(typed) == "nis"


def test_search_folding_keeps_words_apart() -> None:
    assert fold("Čačak (Ђаковица), business-park 10.39") == "cacak djakovica business park 10 39"
    assert search_text(["Niš", "niš", None, "Нишка Бања"]) == " nis niska banja"


def test_listing_html_holds_every_listed_item_for_readers_without_javascript(example_site: Path) -> None:
    ids = listed_ids(example_site)
    for language in LANGUAGES:
        results = page(example_site, f"{language}/opportunities").select(".prilika-results [data-item-id]")
        assert [card["data-item-id"] for card in results] == ids
        assert all(card.find("a", href=True) for card in results)


def test_every_filter_is_a_labelled_control(example_site: Path) -> None:
    form = page(example_site, "de/opportunities").select_one("form.prilika-filters")
    names = {box["name"] for box in form.select("input[type=checkbox]")}
    assert names == {
        "kind",
        "when",
        "sector",
        "country",
        "publisher",
        "site_type",
        "seeking",
        "hs",
        "market",
        "cert",
        "member",
        "status",
    }
    for control in form.select("input"):
        assert control.find_parent("label") or form.select_one(f"label[for={control.get('id')}]"), control
    kinds = {box["value"]: box.find_parent("label").get_text(" ", strip=True) for box in form.select("[name=kind]")}
    assert kinds["site"].startswith("Grundstück") or kinds["site"].startswith("Standort"), kinds
    assert page(example_site, "de/opportunities").select_one(".prilika-count")["aria-live"] == "polite"


def test_listing_data_has_a_folded_search_text_per_item(example_site: Path) -> None:
    ids = listed_ids(example_site)
    for language in LANGUAGES:
        rows = json.loads((example_site / f"api/listing-{language}.json").read_text())["items"]
        assert [row["id"] for row in rows] == ids
        for row in rows:
            assert row["search"] == row["search"].lower() and not re.search("[а-яčćšžđ]", row["search"])
            assert (example_site / row["url"] / "index.html").is_file()
    nis = [
        r for r in json.loads((example_site / "api/listing-sr-Cyrl.json").read_text())["items"] if " nis" in r["search"]
    ]
    assert nis, "the Niš items are found by `nis` in the Cyrillic listing"


def test_listing_data_carries_the_scripts_facets_and_folding_table(example_site: Path) -> None:
    """The listing script has no facet list or folding table of its own: the build hands it Python's."""
    for language in LANGUAGES:
        config = json.loads((example_site / f"api/listing-{language}.json").read_text(encoding="utf-8"))["config"]
        assert config["facets"] == list(FACETS)
        assert config["multi"] == MULTI
        assert config["ranges"] == list(RANGES)
        assert config["fold"] == FOLD_TABLE == {**CYRILLIC_TO_LATIN, **LATIN_SPECIAL}


def test_listing_script_repeats_neither_the_facets_nor_the_folding_table() -> None:
    script = (REPO / "theme/assets/prilika/listing.js").read_text(encoding="utf-8")
    assert not re.search("[\u0400-\u04ff]", script), "a Cyrillic letter: the folding table is back in the script"
    assert not set(FOLD_TABLE) & set(script), "a letter the folding table maps"
    quoted = [f'"{facet}"' for facet in FACETS]
    assert not re.search(r"\s*,\s*".join(map(re.escape, quoted)), script), "the facet list is back in the script"
    assert not any(f'"{name}"' in script for name in RANGES), "a range input named in the script"


def test_map_page_inlines_one_marker_per_listed_item_linking_to_its_page(example_site: Path) -> None:
    """Every listed item but past events (an event that is over is no place to go)."""
    rows = json.loads((example_site / "api/listing-en.json").read_text())["items"]
    past = {row["id"] for row in rows if row["when"] == "past"}
    ids = [ident for ident in listed_ids(example_site) if ident not in past]
    assert past and len(ids) == len(rows) - len(past)
    for language in LANGUAGES:
        script = page(example_site, f"{language}/map").select_one("[data-map=all] script").string
        # The rows travel beside folium's script as escaped JSON, never through its templates.
        data = json.loads(re.search(r"prilikaMapData\(\"\w+\", \w+, \w+, (\[.*?\])\);\n", script, re.DOTALL).group(1))
        assert sorted(row[2] for row in data) == sorted(ids)
        for lat, lon, ident, _title, url, *_popup in data:
            # The region, and the DACH countries where its events are held (Vienna, Zurich).
            assert url == f"{language}/items/{ident}/" and 35 < lat < 50 and 5 < lon < 24


def test_maps_load_nothing_from_a_cdn(example_site: Path) -> None:
    for url in ("en/map", "en/opportunities"):
        soup = page(example_site, url)
        loaded = [tag.get("src") for tag in soup.select("script[src], img[src]")]
        loaded += [tag["href"] for tag in soup.select("link[rel=stylesheet]")]
        assert loaded and not [src for src in loaded if "//" in src], loaded
        assert "cdn" not in str(soup.select(".prilika-map")).lower()


def test_facts_for_the_shortlist_cover_every_item_in_every_language(example_site: Path) -> None:
    ids = listed_ids(example_site)
    for language in LANGUAGES:
        facts = json.loads((example_site / f"api/facts-{language}.json").read_text())["facts"]
        assert sorted(facts) == sorted(ids)
        for about in facts.values():
            assert about["kind"] and " · " in about["place"]
            assert all(len(pair) == 2 and "<" not in pair[1] for pair in about["facts"])


def test_item_page_has_a_star_for_the_shortlist(example_site: Path) -> None:
    ident = listed_ids(example_site)[0]
    star = page(example_site, f"en/items/{ident}").select_one("button.prilika-star")
    assert star["data-star"] == ident and star["aria-pressed"] == "false"


def test_cyrillic_content_pages_are_transliterated_from_latin(example_site: Path) -> None:
    article = page(example_site, "sr-Cyrl/submit").select_one("article")
    text = article.get_text(" ")
    assert len(re.findall("[а-шђјљњћџ]", text)) > 500
    assert not article.select(".prilika-untranslated-note")
    latin = page(example_site, "sr-Latn/submit").select_one("article")
    assert [c.get_text() for c in article.select("pre code")] == [c.get_text() for c in latin.select("pre code")]


def test_transliteration_leaves_code_links_and_marked_phrases_alone() -> None:
    source = "Kliknite **Add file**{lang=en} na [github.com](https://github.com/) i `prilika new site` u Nišu."
    assert transliterate_markdown(source, "sr-Cyrl") == (
        "Кликните **Add file**{lang=en} на [github.com](https://github.com/) и `prilika new site` у Нишу."
    )
