"""`location` is checked against the country's borders, not a bounding box (SPEC "What is written
is what is published"; case F-16): real places, through the validator's problem lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import validate_dir
from generator.cli import main
from generator.submission import borders

PROJECT = "opportunities/testgrad/solar-park.yaml"
PUBLISHER = "opportunities/testgrad/publisher.yaml"
SEAT = "location:\n  lat: 43.3209\n  lon: 21.8958\n"

# Real places (WGS 84, town centres or named sites) and the country they lie in.
OWN_COUNTRY = {
    "Niš": ("RS", 43.3209, 21.8958),
    "Novi Sad": ("RS", 45.2671, 19.8335),
    "Subotica": ("RS", 46.1000, 19.6650),
    "Belgrade": ("RS", 44.8176, 20.4569),
    "Novi Pazar": ("RS", 43.1367, 20.5122),
    "Preševo": ("RS", 42.3092, 21.6497),
    "Pristina": ("XK", 42.6629, 21.1655),
    "Prizren": ("XK", 42.2139, 20.7397),
    "Mitrovica": ("XK", 42.8914, 20.8660),
    "Podgorica": ("ME", 42.4411, 19.2636),
    "Budva, on the beach": ("ME", 42.2864, 18.8400),
    "Ulcinj, Velika plaža": ("ME", 41.9010, 19.2720),
    "Herceg Novi, shore": ("ME", 42.4531, 18.5375),
    "Durrës, port": ("AL", 41.3231, 19.4414),
    "Sarajevo": ("BA", 43.8563, 18.4131),
    "Skopje": ("MK", 41.9981, 21.4254),
    "Vidin, on the Danube": ("BG", 43.9962, 22.8679),
    "Corabia, on the Danube": ("RO", 43.7751, 24.5015),
    "Gola, on the Drava": ("HR", 46.1958, 17.0581),
    # Islands Natural Earth 1:10m leaves out.
    "Vir, island": ("HR", 44.3031, 15.0853),
    "Capri, island": ("IT", 40.5507, 14.2426),
    "Agathonisi, island": ("GR", 37.4582, 26.9727),
}
# The Iron Gates I dam straddles the Serbian-Romanian border on the Danube.
DANUBE_DAM = (44.6708, 22.5292)


CAPITAL = {
    "RS": (44.8176, 20.4569),
    "XK": (42.6629, 21.1655),
    "ME": (42.4411, 19.2636),
    "RO": (44.4268, 26.1025),
    "IT": (41.9028, 12.4964),
    "HU": (47.4979, 19.0402),
}


def set_point(folder: Path, lat: float, lon: float, country: str, seat: tuple[float, float] | None = None) -> None:
    """Put the project at (lat, lon) and the publisher in `country`, its seat at `seat` or there."""
    publisher = folder / PUBLISHER
    seat_lat, seat_lon = seat or (lat, lon)
    text = publisher.read_text(encoding="utf-8")
    assert SEAT in text and "country: RS\n" in text
    text = text.replace(SEAT, f"location:\n  lat: {seat_lat}\n  lon: {seat_lon}\n")
    publisher.write_text(text.replace("country: RS\n", f"country: {country}\n"), encoding="utf-8")
    project = folder / PROJECT
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("{lat: 43.30, lon: 21.90}", f"{{lat: {lat}, lon: {lon}}}"), encoding="utf-8")


def location_errors(folder: Path) -> list:
    """Location problems of the project and the publisher (the other items stay in Serbia)."""
    return [p for p in validate_dir(folder).errors if p.field == "location" and p.path in (PROJECT, PUBLISHER)]


@pytest.mark.parametrize("place", sorted(OWN_COUNTRY))
def test_a_real_place_passes_for_its_own_country(good: Path, place: str) -> None:
    country, lat, lon = OWN_COUNTRY[place]
    set_point(good, lat, lon, country)
    assert [p.message() for p in location_errors(good)] == []


@pytest.mark.parametrize("country", ["RS", "RO"])
def test_a_point_in_the_danube_on_the_border_passes_for_both_banks(good: Path, country: str) -> None:
    set_point(good, *DANUBE_DAM, country)
    assert location_errors(good) == []


@pytest.mark.parametrize(
    ("place", "country", "named"),
    [
        ("Podgorica", "RS", "Montenegro"),
        ("Budva, on the beach", "RS", "Montenegro"),
        ("Pristina", "RS", "Kosovo"),
        ("Prizren", "RS", "Kosovo"),
        ("Novi Pazar", "XK", "Serbia"),
        ("Niš", "XK", "Serbia"),
        ("Sarajevo", "RS", "Bosnia & Herzegovina"),
        ("Belgrade", "ME", "Serbia"),
        ("Skopje", "XK", "North Macedonia"),
        ("Vidin, on the Danube", "ME", "Bulgaria"),
    ],
)
def test_a_place_in_a_neighbouring_country_is_an_error_naming_it(
    good: Path, place: str, country: str, named: str
) -> None:
    _, lat, lon = OWN_COUNTRY[place]
    set_point(good, lat, lon, country, seat=CAPITAL[country])
    found = location_errors(good)
    assert [(p.path, p.line, p.key) for p in found] == [(PROJECT, 13, "location_elsewhere")]
    assert found[0].message() == f"{lat}, {lon} is not in the publisher's country (the point lies in {named})"


def test_the_case_f16_lines_name_the_country_in_every_language(good: Path, capsys: pytest.CaptureFixture) -> None:
    set_point(good, 42.4411, 19.2636, "RS", seat=CAPITAL["RS"])
    expected = {
        "en": "42.4411, 19.2636 is not in the publisher's country (the point lies in Montenegro)",
        "de": "42.4411, 19.2636 liegt nicht im Land des Anbieters (der Punkt liegt in: Montenegro)",
        "sr-Latn": "tačka 42.4411, 19.2636 nije u zemlji izdavača (nalazi se u: Crna Gora)",
        "sq": "42.4411, 19.2636 nuk ndodhet në shtetin e publikuesit (pika ndodhet në: Mal i Zi)",
    }
    for language, message in expected.items():
        assert main(["-f", str(good / "mkdocs.yml"), "validate", "--lang", language]) == 1
        lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(f"{PROJECT}:13:")]
        assert len(lines) == 1 and lines[0].endswith(f": location: {message}"), lines


def test_the_publishers_seat_is_checked_too(good: Path) -> None:
    set_point(good, 43.30, 21.90, "RS", seat=CAPITAL["ME"])
    found = location_errors(good)
    assert [(p.path, p.key) for p in found] == [(PUBLISHER, "location_elsewhere")]
    assert "Montenegro" in found[0].message()


def test_swapped_latitude_and_longitude_are_named_as_such(good: Path) -> None:
    set_point(good, 21.1655, 42.6629, "XK", seat=CAPITAL["XK"])
    found = location_errors(good)
    assert [p.key for p in found] == ["location_swapped"]
    assert found[0].message() == "latitude and longitude look swapped (the point lies in Kosovo the other way round)"


def test_a_point_in_no_known_country_is_outside(good: Path) -> None:
    set_point(good, 35.0, 18.0, "IT", seat=CAPITAL["IT"])  # the Ionian Sea, far from any coast
    found = location_errors(good)
    assert [p.key for p in found] == ["location_outside"]
    assert found[0].message() == "35.0, 18.0 is not in the publisher's country (Italy)"


def test_a_point_in_a_neighbour_without_checked_borders_is_named(good: Path) -> None:
    set_point(good, 48.1486, 17.1077, "HU", seat=CAPITAL["HU"])  # Bratislava
    found = location_errors(good)
    assert [p.key for p in found] == ["location_elsewhere"] and "Slovakia" in found[0].message()


@pytest.mark.parametrize("country", ["PT", "FR", "SK"])
def test_a_country_without_checked_borders_is_not_checked(good: Path, country: str) -> None:
    set_point(good, 43.3209, 21.8958, country)
    assert location_errors(good) == []


# The geometry on a made-up topology: a 1° square with a hole, and an island.
SQUARE = {
    "type": "Topology",
    "arcs": [
        [[0, 0], [1, 0], [1, 1]],
        [[1, 1], [0, 1], [0, 0]],
        [[0.4, 0.4], [0.4, 0.6], [0.6, 0.6], [0.6, 0.4], [0.4, 0.4]],
        [[3, 0], [3, 0.1], [3.1, 0.1], [3.1, 0], [3, 0]],
        [[1, 1], [2, 1], [2, 0], [1, 0]],
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "MultiPolygon", "id": "AA", "arcs": [[[0, 1], [2]], [[3]]]},
                # BB shares AA's east edge, written the other way round (~0 is arc 0 reversed).
                {"type": "Polygon", "id": "BB", "arcs": [[4, ~0]], "properties": {"checked": False}},
            ],
        }
    },
}


def outlines() -> dict[str, borders.Outline]:
    return borders.outlines_from_topojson(json.loads(json.dumps(SQUARE)))


def test_holes_and_islands_follow_the_even_odd_rule() -> None:
    aa = outlines()["AA"]
    assert aa.contains(0.2, 0.2)
    assert not aa.contains(0.5, 0.5)  # in the hole
    assert aa.contains(0.05, 3.05)  # on the island
    assert not aa.contains(0.5, 1.5)  # in BB


def test_reversed_shared_arcs_close_the_neighbours_ring() -> None:
    found = outlines()
    assert found["BB"].contains(0.5, 1.5) and not found["BB"].checked
    assert borders.country_at(found, 0.5, 1.5) == "BB"


def test_distance_is_in_metres() -> None:
    aa = outlines()["AA"]
    # 0.01° of latitude is 1.11 km anywhere.
    assert aa.distance_m(1.01, 0.5) == pytest.approx(1112, rel=0.01)
    # The hole's edge is 0.1° of longitude away at the equator: 11.1 km.
    assert aa.distance_m(0.5, 0.5) == pytest.approx(11_120, rel=0.01)


def test_the_tolerance_reaches_three_kilometres_past_the_line() -> None:
    aa = outlines()["AA"]
    assert aa.covers(-0.02, 0.5)  # 2.2 km south of the south edge
    assert not aa.covers(-0.04, 0.5)  # 4.4 km south


def test_the_sea_goes_to_the_nearest_checked_country_within_reach() -> None:
    found = outlines()
    assert borders.lies_in(found, "AA", 0.05, 3.3)  # 22 km east of the island, at sea
    assert not borders.lies_in(found, "AA", 0.05, 4.0)  # 100 km east: beyond reach
    assert not borders.lies_in(found, "AA", 0.5, 1.5)  # inside BB, a neighbour
    assert not borders.lies_in(found, "AA", 91.0, 0.5)  # not a latitude
