"""Contact phone numbers: judged against the numbering plan of the publisher's country."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import validate_dir
from generator.cli import main
from generator.submission.phones import Phone, international

PUBLISHER = "opportunities/testgrad/publisher.yaml"
PROJECT = "opportunities/testgrad/solar-park.yaml"
GOOD_PHONE = "  phone: +381 18 500 000\n"


def replace(folder: Path, rel: str, old: str, new: str) -> None:
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def phone_problems(folder: Path) -> list:
    return [p for p in validate_dir(folder).problems if p.field.endswith("phone")]


def with_item_contact(folder: Path, phone: str) -> None:
    replace(
        folder,
        PROJECT,
        "published: 2025-06-01",
        f"published: 2025-06-01\ncontact:\n  name: Project office\n  email: solar@testgrad.example\n  phone: {phone}",
    )


def test_a_number_outside_the_numbering_plan_is_an_error_at_its_line(good: Path) -> None:
    replace(good, PUBLISHER, GOOD_PHONE, "  phone: +381 18 000 000\n")
    [problem] = phone_problems(good)
    assert (problem.path, problem.line, problem.column, problem.field, problem.severity) == (
        PUBLISHER,
        15,
        10,
        "contact.phone",
        "error",
    )
    assert problem.message() == (
        "'+381 18 000 000' is not a valid phone number of Serbia; check the digits and the area code"
        " (e.g. +381 10 234567)"
    )
    assert problem.message("de").startswith("„+381 18 000 000“ ist keine gültige Telefonnummer (Land: Serbien)")


def test_validate_prints_the_phone_problem_and_fails(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(good, PUBLISHER, GOOD_PHONE, "  phone: +381 18 000 000\n")
    assert main(["-f", str(good / "mkdocs.yml"), "validate", "--lang", "sr-Latn"]) == 1
    out = capsys.readouterr().out
    assert (
        "opportunities/testgrad/publisher.yaml:15:10: error: contact.phone: „+381 18 000 000” nije ispravan"
        " broj telefona (zemlja: Srbija)" in out
    )


@pytest.mark.parametrize(
    "number", ["018 500 000", "064 123 4567", "+381 64 123 4567", "+49 30 1234567", "(018) 500-000"]
)
def test_valid_numbers_pass_written_with_or_without_the_country_code(good: Path, number: str) -> None:
    replace(good, PUBLISHER, GOOD_PHONE, f"  phone: {number}\n")
    assert phone_problems(good) == []


def test_an_item_contacts_number_without_country_code_is_read_in_the_publishers_country(good: Path) -> None:
    with_item_contact(good, "018 12")
    [problem] = phone_problems(good)
    assert (problem.path, problem.field, problem.key) == (PROJECT, "contact.phone", "phone_invalid")
    assert "Serbia" in problem.message()


def test_a_plus_number_is_judged_in_its_own_country(good: Path) -> None:
    replace(good, PUBLISHER, GOOD_PHONE, "  phone: +382 40 000 000\n")
    [problem] = phone_problems(good)
    assert "Montenegro" in problem.message() and "+382" in problem.message()


def test_a_calling_code_that_does_not_exist(good: Path) -> None:
    replace(good, PUBLISHER, GOOD_PHONE, "  phone: +999 123 4567\n")
    [problem] = phone_problems(good)
    assert problem.key == "phone_country_code"
    assert problem.message() == (
        "'+999 123 4567' does not start with a country calling code that exists;"
        " write + and the country code, e.g. +381 for Serbia"
    )


def test_kosovo_numbers_are_read_in_the_plan_of_xk(good: Path) -> None:
    """phonenumbers knows Kosovo's +383 as region XK: a Pristina office's national number is valid."""
    replace(good, PUBLISHER, "country: RS", "country: XK")
    replace(good, PUBLISHER, "  lat: 43.3209\n  lon: 21.8958", "  lat: 42.6629\n  lon: 21.1655")
    replace(good, PUBLISHER, GOOD_PHONE, "  phone: 038 200 123\n")
    assert phone_problems(good) == []
    replace(good, PUBLISHER, "  phone: 038 200 123\n", "  phone: 038 200\n")
    [problem] = phone_problems(good)
    assert "Kosovo" in problem.message() and "+383" in problem.message()


def test_the_site_shows_international_form_and_dials_e164() -> None:
    assert international("018 500 000", "RS") == Phone("+381 18 500000", "+38118500000")
    assert international("+382 30 500 000", "RS") == Phone("+382 30 500 000", "+38230500000")
    assert international("044 123 456", "XK") == Phone("+383 44 123 456", "+38344123456")
    assert international("+381 18 000 000", "RS") is None
