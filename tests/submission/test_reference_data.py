"""The reference lists under generator/submission/data are complete and consistent."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import build_catalogue, copy_good
from generator.submission import reference

LANGUAGES = ("de", "sr-Latn")

# Capitals (WGS 84): each must lie inside its own country's borders, and in no other.
CAPITALS = {
    "RS": ("Belgrade", 44.8176, 20.4569),
    "XK": ("Pristina", 42.6629, 21.1655),
    "ME": ("Podgorica", 42.4304, 19.2594),
    "BA": ("Sarajevo", 43.8563, 18.4131),
    "MK": ("Skopje", 41.9981, 21.4254),
    "AL": ("Tirana", 41.3275, 19.8187),
    "HR": ("Zagreb", 45.8150, 15.9819),
    "SI": ("Ljubljana", 46.0569, 14.5058),
    "BG": ("Sofia", 42.6977, 23.3219),
    "RO": ("Bucharest", 44.4268, 26.1025),
    "HU": ("Budapest", 47.4979, 19.0402),
    "GR": ("Athens", 37.9838, 23.7275),
    "AT": ("Vienna", 48.2082, 16.3738),
    "DE": ("Berlin", 52.5200, 13.4050),
    "CH": ("Bern", 46.9480, 7.4474),
    "IT": ("Rome", 41.9028, 12.4964),
}


def test_nace_has_the_counts_of_nace_rev_2() -> None:
    levels = Counter(code.level for code in reference.nace().values())
    assert levels == {1: 21, 2: 88, 3: 272, 4: 615}


def test_nace_codes_are_shaped_by_level() -> None:
    shapes = {1: r"^[A-U]$", 2: r"^\d\d$", 3: r"^\d\d\.\d$", 4: r"^\d\d\.\d\d$"}
    for code in reference.nace().values():
        assert re.match(shapes[code.level], code.code), code
        assert code.name and code.name == code.name.strip(), code


def test_every_nace_parent_exists_one_level_up() -> None:
    table = reference.nace()
    for code in table.values():
        if code.level == 1:
            assert code.parent == ""
            continue
        parent = table[code.parent]
        assert parent.level == code.level - 1, code
        if code.level > 2:
            assert code.code.startswith(code.parent), code


def test_nace_sections_of_well_known_codes() -> None:
    assert reference.nace_section("10.39") == "C"
    assert reference.nace_section("62.01") == "J"
    assert reference.nace()["10.39"].name == "Other processing and preserving of fruit and vegetables"
    assert "10.30" not in reference.nace()


def test_every_section_and_division_has_its_translations() -> None:
    names = reference.nace_names()
    for code in (code.code for code in reference.nace().values() if code.level in (1, 2)):
        for language in LANGUAGES:
            assert names[code].get(language, "").strip(), (code, language)


def test_no_albanian_names_are_made_up() -> None:
    """No official Albanian list could be had: Albanian pages fall back rather than show invented names."""
    assert not [code for code, names in reference.nace_names().items() if "sq" in names]


def test_a_missing_name_falls_back_to_the_catalogues_default_language() -> None:
    serbian = reference.nace_name("10", "sr-Latn")
    assert serbian == ("Proizvodnja prehrambenih proizvoda", "sr-Latn")
    assert reference.nace_name("10", "sq", default="sr-Latn") == serbian
    assert reference.nace_name("10", "sq", default="sr-Cyrl") == ("Производња прехрамбених производа", "sr-Cyrl")
    assert reference.nace_name("10.71", "sq", default="sr-Latn")[1] == "en"  # no Serbian class names
    assert reference.hs_name("0811", "sq", default="de")[1] == "de"


def test_every_group_and_class_has_its_official_german_name_only() -> None:
    names = reference.nace_names()
    deeper = [code.code for code in reference.nace().values() if code.level in (3, 4)]
    assert len(deeper) == 272 + 615
    for code in deeper:
        assert set(names[code]) == {"de"}, code
        assert names[code]["de"] == " ".join(names[code]["de"].split()), code


@pytest.mark.parametrize(
    ("code", "german"),
    [
        ("10.71", "Herstellung von Backwaren (ohne Dauerbackwaren)"),
        ("25.62", "Mechanik a. n. g."),
        ("10.7", "Herstellung von Back- und Teigwaren"),
        ("62.01", "Programmierungstätigkeiten"),
        ("C", "Verarbeitendes Gewerbe/Herstellung von Waren"),
    ],
)
def test_nace_names_are_german_at_every_level(code: str, german: str) -> None:
    assert reference.nace_name(code, "de") == (german, "de")


def test_nace_name_falls_back_to_english_where_no_translation_exists() -> None:
    english = "Manufacture of bread; manufacture of fresh pastry goods and cakes"
    for language in ("sr-Latn", "sr-Cyrl", "sq", "fr"):
        assert reference.nace_name("10.71", language) == (english, "en")
    # A division has a Serbian name; Cyrillic pages get it transliterated.
    assert reference.nace_name("10", "sr-Cyrl") == ("Производња прехрамбених производа", "sr-Cyrl")


def test_hs_has_every_chapter_and_the_headings() -> None:
    table = reference.hs()
    chapters = [code for code in table.values() if code.level == 2]
    headings = [code for code in table.values() if code.level == 4]
    assert len(chapters) in (96, 97)
    assert "77" not in table
    assert len(headings) >= 1200
    assert all(code.name for code in table.values())


def test_every_hs_parent_exists() -> None:
    table = reference.hs()
    for code in table.values():
        if code.level == 2:
            assert code.parent == "" and len(code.code) == 2, code
        else:
            assert len(code.code) == 4 and code.parent == code.code[:2] and code.parent in table, code


def test_hs_lookup() -> None:
    assert reference.hs_exists("0811")
    assert reference.hs_exists("081120")
    assert not reference.hs_exists("9999")


def test_every_hs_chapter_and_heading_has_its_german_name() -> None:
    assert set(reference.hs_names()) == set(reference.hs())
    for code, names in reference.hs_names().items():
        assert names["de"] and names["de"] == names["de"].strip(), code
        # TARIC's markup (| no-break space, @ subscript) is resolved.
        assert not set("|@$") & set(names["de"]), code


@pytest.mark.parametrize(
    ("code", "german"),
    [
        ("08", "Genießbare Früchte und Nüsse; Schalen von Zitrusfrüchten oder von Melonen"),
        ("44", "Holz und Holzwaren; Holzkohle"),
        (
            "0811",
            "Früchte und Nüsse, auch in Wasser oder Dampf gekocht, gefroren, auch mit Zusatz von Zucker "
            "oder anderen Süßmitteln",
        ),
        ("9706", "Antiquitäten, mehr als 100\u00a0Jahre alt"),
    ],
)
def test_hs_names_are_german(code: str, german: str) -> None:
    assert reference.hs_name(code, "de") == (german, "de")


def test_a_subheading_is_named_by_its_heading_and_other_languages_fall_back_to_english() -> None:
    assert reference.hs_name("081120", "de") == reference.hs_name("0811", "de")
    english = reference.hs()["0811"].name
    for language in ("en", "sr-Latn", "sr-Cyrl", "sq"):
        assert reference.hs_name("0811", language) == (english, "en")


def test_the_checked_countries_have_borders_and_their_neighbours_outlines() -> None:
    outlines = reference.country_outlines()
    checked = {code for code, outline in outlines.items() if outline.checked}
    assert checked == set(CAPITALS)
    assert {"SK", "CZ", "PL", "UA", "MD", "TR", "FR", "LI"} <= set(outlines) - checked
    for code, outline in outlines.items():
        for ring in outline.rings:
            # <=: quantisation flattens the Vatican (and Italy's hole for it) to a line.
            assert 27 <= ring.min_lat <= ring.max_lat <= 72, code
            assert -10 <= ring.min_lon <= ring.max_lon <= 45, code


@pytest.mark.parametrize("country", sorted(CAPITALS))
def test_the_capital_lies_in_its_own_country_only(country: str) -> None:
    name, lat, lon = CAPITALS[country]
    assert reference.in_country(country, lat, lon), name
    assert reference.country_at(lat, lon) == country, name
    for other in CAPITALS:
        if other != country:
            assert not reference.in_country(other, lat, lon), (name, other)


def test_serbia_is_drawn_without_kosovo() -> None:
    _, lat, lon = CAPITALS["XK"]
    assert not reference.in_country("RS", lat, lon)
    assert reference.in_country("RS", 42.3092, 21.6497)  # Preševo, next to the line
    assert reference.country_at(42.2139, 20.7397) == "XK"  # Prizren


def test_countries_without_borders_are_not_checked() -> None:
    assert reference.in_country("PT", 0.0, 0.0) is None
    assert reference.in_country("SK", 48.1486, 17.1077) is None  # a neighbour: simplified, not checked


def test_the_borders_file_stays_small() -> None:
    size = len(reference._data_text("borders.topo.json").encode())
    assert size < 250_000


@pytest.fixture(scope="module")
def bakery_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small catalogue with its site item in NACE classes 10.71 and 25.62, built."""
    folder = copy_good(tmp_path_factory.mktemp("nace") / "catalogue")
    item = folder / "opportunities" / "testgrad" / "north-plot.yaml"
    text = item.read_text(encoding="utf-8")
    assert 'sectors: ["C", "10.39"]' in text
    item.write_text(text.replace('sectors: ["C", "10.39"]', 'sectors: ["10.71", "25.62"]'), encoding="utf-8")
    assert build_catalogue(folder / "mkdocs.yml", folder / "site") == 0
    return folder / "site"


def test_a_german_page_shows_the_german_class_names(bakery_site: Path) -> None:
    page = (bakery_site / "de" / "items" / "north-plot" / "index.html").read_text(encoding="utf-8")
    for german in ("Herstellung von Backwaren (ohne Dauerbackwaren)", "Mechanik a. n. g."):
        assert f"</span> {german}" in page, german
    assert "Manufacture of bread" not in page


@pytest.mark.parametrize("language", ["sq", "sr-Latn", "sr-Cyrl"])
def test_a_page_without_an_official_class_name_shows_english_marked_as_english(
    bakery_site: Path, language: str
) -> None:
    page = (bakery_site / language / "items" / "north-plot" / "index.html").read_text(encoding="utf-8")
    for english in ("Manufacture of bread; manufacture of fresh pastry goods and cakes", "Machining"):
        marked = re.search(
            rf'<span lang="en" class="prilika-untranslated">{re.escape(english)}</span>'
            r' <sup class="prilika-untranslated-mark" title="([^"]+)">EN</sup>',
            page,
        )
        assert marked, f"{language}: {english} not shown with its lang and the visible mark"
        assert marked.group(1) != "name not translated into this language (shown in another)" or language == "en"
