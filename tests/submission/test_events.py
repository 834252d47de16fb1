"""Events and cluster membership in the submission format (SPEC "kind: event", "Additions to every
kind and to SMEs"): what validates, and the problem every wrong value gives, in every language."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import validate_dir
from generator.cli import main
from generator.submission.events import country_zone, event_zone, is_past
from generator.submission.models import Event

EVENT = "opportunities/testgrad/vienna-b2b.yaml"
SME = "opportunities/testgrad/berry-coop.yaml"

VIENNA_B2B = """\
kind: event
title:
  en: B2B day of fruit processors in Vienna
  de: B2B-Tag der Obstverarbeiter in Wien
  sr-Latn: B2B dan prerađivača voća u Beču
  sq: Dita B2B e përpunuesve të frutave në Vjenë
summary:
  en: Meet six fruit processors from southern Serbia in pre-arranged talks.
  de: Treffen Sie sechs Obstverarbeiter aus Südserbien in vereinbarten Gesprächen.
  sr-Latn: Upoznajte šest prerađivača voća iz južne Srbije na dogovorenim sastancima.
  sq: Takoni gjashtë përpunues frutash nga Serbia jugore në takime të paracaktuara.
sectors: ["10.39"]
published: 2026-10-01
starts: 2027-05-14T09:30:00+02:00
ends: 2027-05-14T17:00:00+02:00
format: b2b
location:
  lat: 48.2082
  lon: 16.3738
  address: Wirtschaftskammer, Wiedner Hauptstraße 63, 1040 Wien
registration:
  url: https://testgrad.example/vienna
  deadline: 2027-04-30
languages: [de, sr-Latn, en]
participants: [berry-coop, solar-park, north-plot]
"""

CLUSTER = """\
name:
  en: Testgrad Fruit Cluster
  de: Obstcluster Testgrad
  sr-Latn: Voćarski klaster Testgrad
  sq: Klasteri i frutave Testgrad
type: cluster
country: RS
location:
  lat: 43.3209
  lon: 21.8958
contact:
  name: Cluster office
  email: cluster@testgrad.example
"""


def write(folder: Path, rel: str, text: str) -> None:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(folder: Path, rel: str, old: str, new: str) -> None:
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(folder: Path, severity: str = "error") -> list:
    return [p for p in validate_dir(folder).problems if p.severity == severity]


def shown(problems: list) -> list[str]:
    return [f"{p.path}:{p.line}:{p.column}: {p.field}: {p.message()}" for p in problems]


@pytest.fixture
def events(good: Path) -> Path:
    write(good, EVENT, VIENNA_B2B)
    write(good, "opportunities/fruit-cluster/publisher.yaml", CLUSTER)
    edit(good, SME, "export_markets: [DE, AT, CH]", "export_markets: [DE, AT, CH]\nmember_of: [fruit-cluster]")
    return good


def test_an_event_abroad_with_participants_and_members_validates_clean(events: Path) -> None:
    result = validate_dir(events)
    assert shown(result.problems) == []
    event = result.catalogue.items["vienna-b2b"].model
    assert isinstance(event, Event)
    assert event.starts == datetime(2027, 5, 14, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert event.registration.deadline == date(2027, 4, 30)
    assert result.catalogue.items["berry-coop"].model.member_of == ["fruit-cluster"]
    # What the exports carry: the times as written, with their offset.
    assert result.catalogue.items["vienna-b2b"].data["starts"] == "2027-05-14T09:30:00+02:00"


@pytest.mark.parametrize(
    "written",
    [
        "2027-05-14",
        "2027-05-14T09:30+02:00",
        "2027-05-14 09:30:00+02:00",
        '"2027-05-14T07:30:00Z"',
        "2027-05-14T09:30:00.5+02:00",
    ],
)
def test_starts_takes_a_date_or_a_time_with_its_offset(events: Path, written: str) -> None:
    edit(events, EVENT, "starts: 2027-05-14T09:30:00+02:00", f"starts: {written}")
    assert shown(problems_of(events)) == []


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("2027-05-14T09:30:00", "event_time_offset"),
        ("2027-05-14 09:30", "event_time_offset"),
        ("14.05.2027", "event_time"),
        ("2027-05-32", "event_time"),
        ("2027-05-14T25:00+02:00", "event_time"),
        ("tomorrow", "event_time"),
        ("2027-05-14T09:30+25:00", "event_time"),
    ],
)
def test_a_time_without_offset_or_a_wrong_date_names_the_field(events: Path, written: str, key: str) -> None:
    edit(events, EVENT, "starts: 2027-05-14T09:30:00+02:00", f"starts: {written}")
    found = problems_of(events)
    assert [(p.path, p.line, p.column, p.field, p.key) for p in found] == [(EVENT, 14, 9, "starts", key)]
    assert written.split("T")[0].split(" ")[0] in found[0].message()
    for language in ("de", "sr-Latn", "sq"):
        assert found[0].message(language) != found[0].message("en")


def test_ends_before_starts_is_an_error(events: Path) -> None:
    edit(events, EVENT, "ends: 2027-05-14T17:00:00+02:00", "ends: 2027-05-14T08:00:00+02:00")
    (found,) = problems_of(events)
    assert (found.line, found.field, found.key) == (15, "ends", "ends_before_starts")
    assert found.message() == "must not be before starts (2027-05-14T09:30:00+02:00)"


def test_ends_compares_moments_across_offsets_and_days_for_dates(events: Path) -> None:
    # 08:00 UTC is 10:00 in Vienna: after the start, though it reads earlier.
    edit(events, EVENT, "ends: 2027-05-14T17:00:00+02:00", 'ends: "2027-05-14T08:00:00Z"')
    assert problems_of(events) == []
    edit(events, EVENT, 'ends: "2027-05-14T08:00:00Z"', "ends: 2027-05-13")
    assert [p.key for p in problems_of(events)] == ["ends_before_starts"]


@pytest.mark.parametrize(
    ("deadline", "ok"),
    [("2027-04-30", True), ("2027-05-14", True), ("2027-05-15", False), ("2027-05-14T10:00:00+02:00", False)],
)
def test_registration_deadline_must_not_be_after_the_start(events: Path, deadline: str, ok: bool) -> None:
    edit(events, EVENT, "deadline: 2027-04-30", f"deadline: {deadline}")
    found = problems_of(events)
    if ok:
        assert found == []
    else:
        assert [(p.line, p.field, p.key) for p in found] == [(23, "registration.deadline", "deadline_after_start")]


def test_registration_may_be_just_an_address_but_an_https_one(events: Path) -> None:
    edit(events, EVENT, "registration:\n  url: https://testgrad.example/vienna\n  deadline: 2027-04-30\n", "")
    write(events, EVENT, (events / EVENT).read_text() + "registration: https://testgrad.example/vienna\n")
    assert problems_of(events) == []
    edit(events, EVENT, "registration: https://", "registration: http://")
    assert [(p.field, p.key) for p in problems_of(events)] == [("registration", "https_url")]


def test_an_event_needs_a_place_or_an_online_address(events: Path) -> None:
    text = (events / EVENT).read_text()
    place = (
        "location:\n  lat: 48.2082\n  lon: 16.3738\n  address: Wirtschaftskammer, Wiedner Hauptstraße 63, 1040 Wien\n"
    )
    write(events, EVENT, text.replace(place, ""))
    (found,) = problems_of(events)
    assert (found.line, found.column, found.field, found.key) == (1, 1, "location", "event_place_missing")
    write(events, EVENT, text.replace(place, "online: https://meet.testgrad.example/b2b\n"))
    assert problems_of(events) == []
    write(events, EVENT, text.replace(place, "online: meet.testgrad.example\n"))
    assert [(p.field, p.key) for p in problems_of(events)] == [("online", "https_url")]


def test_an_event_may_be_held_abroad_but_other_kinds_may_not(events: Path) -> None:
    """The publisher is Serbian; Vienna and Zurich are fine for an event, not for a plot."""
    edit(events, EVENT, "lat: 48.2082\n  lon: 16.3738", "lat: 47.3769\n  lon: 8.5417")
    assert problems_of(events) == []
    edit(events, "opportunities/testgrad/north-plot.yaml", "lat: 43.35", "lat: 48.2082")
    edit(events, "opportunities/testgrad/north-plot.yaml", "lon: 21.85", "lon: 16.3738")
    assert [(p.path, p.key) for p in problems_of(events)] == [
        ("opportunities/testgrad/north-plot.yaml", "location_elsewhere")
    ]


def test_an_offset_that_is_not_the_zones_on_that_day_is_a_warning(events: Path) -> None:
    """+01:00 is Vienna's winter offset; in May the page would show 10:30."""
    edit(events, EVENT, "starts: 2027-05-14T09:30:00+02:00", "starts: 2027-05-14T09:30:00+01:00")
    assert problems_of(events) == []
    (found,) = problems_of(events, "warning")
    assert (found.line, found.field, found.key) == (14, "starts", "event_offset_zone")
    assert found.message() == (
        "the UTC offset +01:00 is not the one Austria uses on that day (+02:00): the pages show this time as "
        "10:30 local time; if 09:30 is the local time, write 2027-05-14T09:30:00+02:00"
    )
    assert "Österreich" in found.message("de") and "Austrija" in found.message("sr-Latn")


@pytest.mark.parametrize(
    ("participants", "expected"),
    [
        ("[berry-cop]", [("participants[0]", "participant_unknown_hint", "did you mean 'berry-coop'?")]),
        ("[nowhere-at-all]", [("participants[0]", "participant_unknown", "is not an item of this catalogue")]),
        ("[vienna-b2b]", [("participants[0]", "participant_type", "is of kind event")]),
        ("[berry-coop, berry-coop]", [("participants[1]", "duplicate_value", "already in this list")]),
        ("[Berry Coop]", [("participants[0]", "id_reference", "is not an id")]),
    ],
)
def test_participants_exist_and_are_companies_projects_or_sites(
    events: Path, participants: str, expected: list[tuple[str, str, str]]
) -> None:
    edit(events, EVENT, "participants: [berry-coop, solar-park, north-plot]", f"participants: {participants}")
    found = problems_of(events)
    assert [(p.field, p.key) for p in found] == [(f, k) for f, k, _ in expected], shown(found)
    for problem, (_, _, text) in zip(found, expected, strict=True):
        assert text in problem.message() and problem.path == EVENT and problem.line == 25


def test_a_participant_with_problems_of_its_own_still_exists(events: Path) -> None:
    edit(events, SME, "employees: 42", "employees: -1")
    assert [(p.path, p.field) for p in problems_of(events)] == [(SME, "employees")]


@pytest.mark.parametrize(
    ("member_of", "key", "text"),
    [
        ("[fruit-cluster]", None, ""),
        ("[fruit-clustr]", "member_of_unknown_hint", "did you mean 'fruit-cluster'?"),
        ("[somewhere-else]", "member_of_unknown", "is not a publisher of this catalogue"),
        ("[testgrad]", "member_of_type", "is a publisher of type city; member_of names clusters and chambers only"),
    ],
)
def test_member_of_names_a_cluster_or_chamber_of_the_catalogue(
    events: Path, member_of: str, key: str | None, text: str
) -> None:
    edit(events, SME, "member_of: [fruit-cluster]", f"member_of: {member_of}")
    found = problems_of(events)
    assert [p.key for p in found] == ([key] if key else []), shown(found)
    if key:
        assert (found[0].path, found[0].field, found[0].line) == (SME, "member_of[0]", 30)
        assert text in found[0].message()
        assert found[0].message("de") != found[0].message()


def test_a_chamber_is_a_valid_member_of_too(events: Path) -> None:
    edit(events, "opportunities/fruit-cluster/publisher.yaml", "type: cluster", "type: chamber")
    assert problems_of(events) == []


@pytest.mark.parametrize(
    ("languages", "key"),
    [("[de, sr-Latn, de-AT, sq]", None), ("[DE]", "language_code_hint"), ("[xx]", "language_code")],
)
def test_languages_are_bcp47_codes_of_languages_that_exist(events: Path, languages: str, key: str | None) -> None:
    edit(events, EVENT, "languages: [de, sr-Latn, en]", f"languages: {languages}")
    assert [p.key for p in problems_of(events)] == ([key] if key else [])


def test_unknown_kind_hint_and_format_hint(events: Path) -> None:
    edit(events, EVENT, "kind: event", "kind: evnt")
    (found,) = [p for p in problems_of(events) if p.field == "kind"]
    assert "did you mean 'event'?" in found.message() and "sme or event" in found.message()
    edit(events, EVENT, "kind: evnt", "kind: event")
    edit(events, EVENT, "format: b2b", "format: B2B")
    (found,) = problems_of(events)
    assert found.key == "one_of_hint" and "'b2b'" in found.message()


def test_validate_passes_an_event_abroad_in_any_language(events: Path, capsys) -> None:
    """`prilika validate` on the event alone, in German: no problem line, exit status 0."""
    assert main(["-f", str(events / "mkdocs.yml"), "validate", "--lang", "de", str(events / EVENT)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "" and "0 Fehler" in captured.err


def test_validate_json_lists_event_problems_with_positions(events: Path, capsys) -> None:
    edit(events, EVENT, "ends: 2027-05-14T17:00:00+02:00", "ends: 2027-05-13")
    edit(events, EVENT, "participants: [berry-coop", "participants: [nobody")
    assert main(["-f", str(events / "mkdocs.yml"), "validate", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(p["line"], p["field"]) for p in found] == [(15, "ends"), (25, "participants[0]")]


def test_time_zones_of_the_region_and_of_the_dach_countries() -> None:
    assert {code: str(country_zone(code)) for code in ("AT", "CH", "DE", "RS", "XK", "ME", "AL")} == {
        "AT": "Europe/Vienna",
        "CH": "Europe/Zurich",
        "DE": "Europe/Berlin",
        "RS": "Europe/Belgrade",
        "XK": "Europe/Belgrade",
        "ME": "Europe/Podgorica",
        "AL": "Europe/Tirane",
    }
    assert country_zone("US") is None  # several zones with different rules: not guessed


def test_an_event_is_upcoming_until_its_last_day_ends(events: Path) -> None:
    event = validate_dir(events).catalogue.items["vienna-b2b"].model
    zone = event_zone(event, "RS")
    assert str(zone) == "Europe/Vienna"
    assert not is_past(event, zone, date(2027, 5, 14))
    assert is_past(event, zone, date(2027, 5, 15))
