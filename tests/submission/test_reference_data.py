"""The reference lists under generator/data are complete and consistent."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from generator.submission import reference

LANGUAGES = ("de", "sr-Latn", "sq")

# Capitals (WGS 84): each must lie inside its own country's box.
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
    wanted = {code.code for code in reference.nace().values() if code.level in (1, 2)}
    assert set(names) == wanted
    for code, translated in names.items():
        for language in LANGUAGES:
            assert translated.get(language, "").strip(), (code, language)


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


def test_every_box_lies_in_the_region() -> None:
    boxes = reference.country_boxes()
    assert set(boxes) == set(CAPITALS)
    for code, box in boxes.items():
        assert 34 <= box.min_lat < box.max_lat <= 56, code
        assert 5 <= box.min_lon < box.max_lon <= 31, code


@pytest.mark.parametrize("country", sorted(CAPITALS))
def test_box_contains_the_capital(country: str) -> None:
    name, lat, lon = CAPITALS[country]
    assert reference.country_boxes()[country].contains(lat, lon), name


def test_serbia_and_kosovo_have_their_own_extents() -> None:
    boxes = reference.country_boxes()
    _, lat, lon = CAPITALS["XK"]
    assert boxes["XK"].contains(lat, lon)
    # Serbia's box is Serbia without Kosovo: it ends near Preševo (42.2 N),
    # while Kosovo reaches 41.85 N south of Dragash.
    assert boxes["RS"].min_lat > 42.1
    assert boxes["XK"].min_lat < 41.9
