"""The events' iCalendar files (SPEC "Events, clusters and products"): `api/events/<id>.ics` per
event, `api/events.ics` of the upcoming ones, read back with the `icalendar` library itself, as a
calendar program would read them."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import validate_dir
from event_catalogue import event_catalogue
from generator.exports import export_files
from generator.exports.ical import calendar_files
from generator.submission.catalogue import Catalogue

UTC = timezone.utc


def catalogue_at(folder: Path, site_url: str = "") -> Catalogue:
    catalogue = validate_dir(folder).catalogue  # judged on 2026-11-24
    catalogue.settings = dataclasses.replace(catalogue.settings, site_url=site_url)
    return catalogue


@pytest.fixture
def events(tmp_path: Path) -> Path:
    return event_catalogue(tmp_path / "catalogue")


def parsed(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def vevents(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["uid"]).split("@")[0]: e for e in parsed(data).walk("VEVENT")}


def test_one_file_per_listed_event_and_one_of_the_upcoming(events: Path) -> None:
    files = calendar_files(catalogue_at(events))
    assert sorted(files) == [
        "api/events.ics",
        "api/events/berry-webinar.ics",
        "api/events/nis-b2b-2026.ics",
        "api/events/vienna-b2b.ics",
        "api/events/zurich-summit.ics",
    ]
    # The B2B day in Niš ended in October: it is not in the calendar of upcoming events.
    assert list(vevents(files["api/events.ics"])) == ["berry-webinar", "vienna-b2b", "zurich-summit"]
    for name, data in files.items():
        assert set(vevents(data)) <= {"berry-webinar", "vienna-b2b", "zurich-summit", "nis-b2b-2026"}, name
    # They are part of the build's exports.
    assert set(files) <= set(export_files(catalogue_at(events)))


def test_vienna_is_at_its_local_time_with_its_zone_and_right_in_utc(events: Path) -> None:
    data = calendar_files(catalogue_at(events))["api/events/vienna-b2b.ics"]
    calendar = parsed(data)
    (event,) = calendar.walk("VEVENT")
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime(2027, 5, 14, 9, 30, tzinfo=ZoneInfo("Europe/Vienna"))
    assert start.astimezone(UTC) == datetime(2027, 5, 14, 7, 30, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2027, 5, 14, 15, 0, tzinfo=UTC)
    assert "DTSTART;TZID=Europe/Vienna:20270514T093000" in data.decode()
    # The zone's rules travel with the file (RFC 5545, 3.6.5): summer time in May is +02:00.
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/Vienna"
    summer = [c for c in zone.walk("DAYLIGHT")]
    assert summer and all(c.decoded("tzoffsetto").total_seconds() == 7200 for c in summer)
    assert event["summary"] == "B2B day of fruit processors in Vienna"
    assert event.decoded("geo") == (48.2082, 16.3738)
    assert "Austria" in str(event["location"])
    assert event.decoded("dtstamp") == datetime(2026, 11, 24, tzinfo=UTC)


def test_zurich_at_a_time_is_in_zurich_time(events: Path) -> None:
    path = events / "opportunities/testgrad/zurich-summit.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("starts: 2027-06-10\nends: 2027-06-11", "starts: 2027-06-10T09:00:00+02:00\nends: 2027-06-11")
    )
    (event,) = parsed(calendar_files(catalogue_at(events))["api/events/zurich-summit.ics"]).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.tzinfo.key == "Europe/Zurich" and start.hour == 9
    assert start.astimezone(UTC).hour == 7
    # A last day given as a date ends with that day.
    assert event.decoded("dtend") == datetime(2027, 6, 12, tzinfo=ZoneInfo("Europe/Zurich"))


def test_whole_days_are_date_events_that_end_the_day_after(events: Path) -> None:
    data = calendar_files(catalogue_at(events))["api/events/zurich-summit.ics"]
    (event,) = parsed(data).walk("VEVENT")
    assert event.decoded("dtstart") == date(2027, 6, 10)
    assert event.decoded("dtend") == date(2027, 6, 12)  # exclusive: the summit ends on 11 June
    assert "DTSTART;VALUE=DATE:20270610" in data.decode()
    assert parsed(data).walk("VTIMEZONE") == []


def test_an_online_event_gives_its_address_and_a_zone_of_its_publisher(events: Path) -> None:
    (event,) = parsed(calendar_files(catalogue_at(events))["api/events/berry-webinar.ics"]).walk("VEVENT")
    assert str(event["location"]) == "https://meet.testgrad.example/berries"
    start = event.decoded("dtstart")
    assert start.tzinfo.key == "Europe/Belgrade" and start.astimezone(UTC).hour == 13


def test_the_calendar_of_all_events_carries_each_zone_once(events: Path) -> None:
    calendar = parsed(calendar_files(catalogue_at(events))["api/events.ics"])
    assert sorted(str(z["tzid"]) for z in calendar.walk("VTIMEZONE")) == ["Europe/Belgrade", "Europe/Vienna"]
    assert calendar["x-wr-calname"] == "Test catalogue: upcoming events"


def test_lines_are_folded_crlf_and_texts_escaped(events: Path) -> None:
    path = events / "opportunities/testgrad/vienna-b2b.yaml"
    text = path.read_text(encoding="utf-8")
    tricky = "Plums, jam; brandy \\\\ and a very long summary " + "that goes on " * 12
    path.write_text(
        text.replace("  en: Meet fruit processors from southern Serbia in pre-arranged talks.", f"  en: {tricky}")
    )
    data = calendar_files(catalogue_at(events, "https://example.org/catalogue/"))["api/events/vienna-b2b.ics"]
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    (event,) = parsed(data).walk("VEVENT")
    assert str(event["description"]).startswith(tricky.strip())  # a backslash, commas, semicolons as written
    assert str(event["description"]).endswith("\n\nhttps://example.org/catalogue/en/items/vienna-b2b/")
    assert str(event["url"]) == "https://example.org/catalogue/en/items/vienna-b2b/"
    assert str(event["uid"]) == "vienna-b2b@example.org"


def test_two_builds_give_the_same_bytes(events: Path) -> None:
    assert calendar_files(catalogue_at(events)) == calendar_files(catalogue_at(events))
