"""One test per validation rule, each breaking one field of a good catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import validate_dir

SITE = "opportunities/testgrad/north-plot.yaml"
SME = "opportunities/testgrad/berry-coop.yaml"
PROJECT = "opportunities/testgrad/solar-park.yaml"
PUBLISHER = "opportunities/testgrad/publisher.yaml"


def replace(folder: Path, rel: str, old: str, new: str) -> None:
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(folder: Path) -> list:
    return validate_dir(folder).errors


def only_error(folder: Path):
    found = errors(folder)
    assert len(found) == 1, [f"{p.path}:{p.line}: {p.field}: {p.message()}" for p in found]
    return found[0]


def test_the_good_catalogue_has_no_errors_and_no_warnings(good: Path) -> None:
    result = validate_dir(good)
    assert [p.message() for p in result.problems] == []
    assert set(result.catalogue.items) == {"north-plot", "solar-park", "berry-coop"}


def test_area_of_zero_names_file_line_and_field(good: Path) -> None:
    replace(good, SITE, "area_m2: 100000", "area_m2: 0")
    problem = only_error(good)
    assert (problem.path, problem.line, problem.column, problem.field) == (SITE, 17, 10, "area_m2")
    assert problem.message() == "must be greater than 0"


def test_unknown_field_suggests_the_closest_known_one(good: Path) -> None:
    replace(good, SITE, "area_m2: 100000", "area_m3: 100000")
    found = errors(good)
    unknown = [p for p in found if p.field == "area_m3"]
    assert unknown and "did you mean 'area_m2'" in unknown[0].message()
    assert any(p.field == "area_m2" and p.key == "missing" for p in found)


def test_nested_unknown_field_gets_a_hint_from_its_own_level(good: Path) -> None:
    replace(good, SITE, "  highway: 1.5", "  higway: 1.5")
    problem = only_error(good)
    assert problem.field == "distances_km.higway"
    assert "did you mean 'highway'" in problem.message()


def test_missing_required_field_points_at_the_mapping(good: Path) -> None:
    replace(good, PROJECT, "model: ppp\n", "")
    problem = only_error(good)
    assert (problem.field, problem.line, problem.key) == ("model", 1, "missing")


def test_sector_code_that_does_not_exist_is_an_error(good: Path) -> None:
    replace(good, SITE, '"10.39"', '"10.99"')
    problem = only_error(good)
    assert problem.field == "sectors[1]" and "10.99" in problem.message()


def test_unquoted_sector_keeps_its_spelling(good: Path) -> None:
    replace(good, SITE, '["C", "10.39"]', "[C, 10.39]")
    assert errors(good) == []
    replace(good, SITE, "[C, 10.39]", "[C, 10.30]")
    problem = only_error(good)
    assert "'10.30'" in problem.message()


def test_hs_code_written_with_leading_zero_is_not_read_as_a_number(good: Path) -> None:
    replace(good, SME, 'hs: "0811"', "hs: 0811")
    assert errors(good) == []


def test_country_code_must_exist_and_norway_is_not_false(good: Path) -> None:
    replace(good, SME, "[DE, AT, CH]", "[DE, NO, XX]")
    problem = only_error(good)
    assert problem.field == "export_markets[2]" and "'XX'" in problem.message()


def test_location_outside_the_publishers_country(good: Path) -> None:
    replace(good, PROJECT, "{lat: 43.30, lon: 21.90}", "{lat: 48.2, lon: 16.37}")
    problem = only_error(good)
    assert problem.field == "location" and problem.key == "location_elsewhere"
    assert "Austria" in problem.message()


def test_swapped_latitude_and_longitude_is_named_as_such(good: Path) -> None:
    replace(good, PROJECT, "{lat: 43.30, lon: 21.90}", "{lat: 21.90, lon: 43.30}")
    problem = only_error(good)
    assert problem.key == "location_swapped"
    assert "swapped" in problem.message()


def test_valid_until_before_published(good: Path) -> None:
    replace(good, SITE, "valid_until: 2099-12-31", "valid_until: 2024-01-01")
    problem = only_error(good)
    assert problem.field == "valid_until" and problem.line == 27


def test_expired_item_is_a_warning_and_is_not_listed(good: Path) -> None:
    replace(good, SITE, "valid_until: 2099-12-31", "valid_until: 2026-01-01")
    result = validate_dir(good)
    assert result.errors == []
    assert [p.key for p in result.problems] == ["expired"]
    assert "north-plot" not in [i.id for i in result.catalogue.listed()]


def test_closed_item_is_kept_but_not_listed(good: Path) -> None:
    replace(good, PROJECT, "model: ppp", "model: ppp\nstatus: closed")
    result = validate_dir(good)
    assert result.errors == []
    assert "solar-park" in result.catalogue.items
    assert "solar-park" not in [i.id for i in result.catalogue.listed()]


def test_text_in_a_language_the_catalogue_does_not_have(good: Path) -> None:
    replace(good, SITE, "  sq: Truall në zonën veriore", "  fr: Terrain au nord")
    found = errors(good)
    assert [p.field for p in found] == ["title.fr"]
    assert (found[0].line, found[0].column) == (6, 7)


def test_title_longer_than_120_characters(good: Path) -> None:
    replace(good, SITE, "Greenfield-Grundstück in der Nordzone", "G" * 121)
    problem = only_error(good)
    assert problem.field == "title.de" and "121" in problem.message()


def test_missing_translation_is_a_warning_naming_the_language(good: Path) -> None:
    replace(good, SITE, "  de: Zehn Hektar neben der Autobahn.\n", "")
    result = validate_dir(good)
    assert result.errors == []
    assert [p.message() for p in result.problems] == ["no German (de) translation"]


def test_one_serbian_script_covers_the_other(good: Path) -> None:
    result = validate_dir(good)
    assert not [p for p in result.problems if p.path == PROJECT]


def test_image_that_does_not_exist(good: Path) -> None:
    replace(good, SITE, "images/plot.png", "images/missing.png")
    problem = only_error(good)
    assert problem.field == "images[0].file" and problem.key == "image_missing"


def test_image_outside_the_publishers_folder(good: Path) -> None:
    replace(good, SITE, "images/plot.png", "../../mkdocs.yml")
    assert only_error(good).key == "image_outside"


def test_image_that_is_not_really_a_picture(good: Path) -> None:
    (good / "opportunities/testgrad/images/fake.jpg").write_text("not a picture")
    replace(good, SITE, "images/plot.png", "images/fake.jpg")
    assert only_error(good).key == "image_not_image"


def test_duplicate_item_id_across_publishers(good: Path) -> None:
    other = good / "opportunities" / "othergrad"
    other.mkdir()
    (other / "publisher.yaml").write_text((good / PUBLISHER).read_text())
    (other / "solar-park.yaml").write_text((good / PROJECT).read_text())
    found = errors(good)
    # Reported on both files, each naming the other: validating either file alone fails.
    assert [(p.path, p.key, dict(p.params)["other"]) for p in found] == [
        ("opportunities/othergrad/solar-park.yaml", "item_id_duplicate", PROJECT),
        (PROJECT, "item_id_duplicate", "opportunities/othergrad/solar-park.yaml"),
    ]


def test_publisher_folder_without_publisher_file(good: Path) -> None:
    (good / "opportunities" / "lonely").mkdir()
    (good / "opportunities" / "lonely" / "a-plot.yaml").write_text((good / PROJECT).read_text())
    problem = only_error(good)
    assert problem.key == "publisher_missing"


def test_founded_in_the_future(good: Path) -> None:
    replace(good, SME, "founded: 2009", "founded: 2031")
    assert only_error(good).field == "founded"


def test_investment_range_with_min_of_zero(good: Path) -> None:
    replace(good, PROJECT, "{min: 8000000", "{min: 0")
    problem = only_error(good)
    assert problem.field == "investment_eur.min" and problem.message() == "must be greater than 0"


def test_investment_as_plain_amount_is_accepted(good: Path) -> None:
    replace(good, PROJECT, "{min: 8000000, max: 9500000}", "8500000")
    assert errors(good) == []


def test_website_must_be_https(good: Path) -> None:
    replace(good, PUBLISHER, "https://testgrad.example", "http://testgrad.example")
    assert only_error(good).field == "website"


@pytest.mark.parametrize("kind", ["plot", ""])
def test_unknown_kind(good: Path, kind: str) -> None:
    replace(good, SITE, "kind: site", f"kind: {kind!r}" if kind else "kind: ~")
    assert only_error(good).field == "kind"
