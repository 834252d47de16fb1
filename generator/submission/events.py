"""Events in time: the time zone an event is held in, its days, and the checks across its fields.

An event gives its times with a UTC offset (`2027-05-14T10:00:00+02:00`), which fixes the moment
but not the zone: pages must say "Central European Summer Time" and calendars need the zone's rules.
The zone is read from where the event is held: the country at its `location` (an online event: its
publisher's country), and that country's time zone in the CLDR data Babel ships. A country with
several zones (or none known) leaves the zone unknown; times are then shown with their offset.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.core import get_global

from generator.submission import reference
from generator.submission.problems import Problem, problem
from generator.submission.sources import Source, locate

# Kosovo (XK) is not an ISO 3166 code, so CLDR and the tz database have no entry of its own; it
# keeps the time of Europe/Belgrade (the tz database's zone for Serbia and its neighbours).
_EXTRA_ZONES = {"XK": "Europe/Belgrade"}


@cache
def country_zone(country: str | None) -> ZoneInfo | None:
    """The time zone of a country (ISO alpha-2, `XK`), or None for one with several or unknown.

    Germany lists `Europe/Busingen` (an exclave with Zurich's rules) after `Europe/Berlin`; the
    first zone of a country is its main one, and a country whose other zones differ from it in
    rules (the USA, Russia, ...) is left without a zone rather than given a wrong one.
    """
    if country is None:
        return None
    names = list(get_global("territory_zones").get(country, ())) or [_EXTRA_ZONES.get(country, "")]
    names = [name for name in names if name]
    if not names:
        return None
    try:
        zones = [ZoneInfo(name) for name in names]
    except (ZoneInfoNotFoundError, ValueError):
        return None
    # Zones of one country that agree on every offset of two sample years share its rules.
    probes = [datetime(year, month, 15, 12) for year in (2025, 2030) for month in (1, 4, 7, 10)]
    first = zones[0]
    for other in zones[1:]:
        if any(p.replace(tzinfo=first).utcoffset() != p.replace(tzinfo=other).utcoffset() for p in probes):
            return None
    return first


def event_country(model: Any, publisher_country: str | None) -> str | None:
    """The country an event is held in: where its `location` lies, else its publisher's."""
    location = getattr(model, "location", None)
    if location is not None and location.lat is not None and location.lon is not None:
        found = reference.country_at(location.lat, location.lon)
        if found is not None:
            return found
        return None  # abroad, in a country whose outline we lack: the publisher's zone would be a guess
    return publisher_country


def event_zone(model: Any, publisher_country: str | None) -> ZoneInfo | None:
    """The time zone an event is held in (see the module's docstring), or None when unknown."""
    return country_zone(event_country(model, publisher_country))


def day_of(value: date | datetime, zone: ZoneInfo | None = None) -> date:
    """The calendar day of a date, or of a moment in `zone` (in its own offset without one)."""
    if isinstance(value, datetime):
        return (value.astimezone(zone) if zone is not None else value).date()
    return value


def last_day(model: Any, zone: ZoneInfo | None = None) -> date:
    """The day an event ends (`ends`, else `starts`), in its zone."""
    return day_of(model.ends if model.ends is not None else model.starts, zone)


def is_past(model: Any, zone: ZoneInfo | None, today: date) -> bool:
    """Whether an event ended before `today` (the build date): it is listed until its last day ends."""
    return last_day(model, zone) < today


def start_key(model: Any) -> str:
    """A sort key that orders events by their start: moments in UTC, a bare date at its start."""
    value = model.starts
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M")
    return value.isoformat() + "T00:00"


def _before(later: date | datetime, earlier: date | datetime) -> bool:
    """Whether `later` lies before `earlier`: moments compared as moments, else as days."""
    if isinstance(later, datetime) and isinstance(earlier, datetime):
        return later < earlier
    return day_of(later) < day_of(earlier)


def _offset_text(offset: timedelta | None) -> str:
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def event_checks(source: Source, item: Any, publisher_country: str | None) -> list[Problem]:
    """The rules across an event's fields (SPEC "kind: event"), as problems; never raises.

    `item` is the validated `Event` or the `Partial` of its valid fields (a field it lacks is not
    checked). Errors: neither `location` nor `online` given; `ends` before `starts`; a
    registration deadline after the start (moments compared as moments, a bare date as a day).
    Warning: a time whose UTC offset is not the one its zone uses on that day (`+01:00` for
    Vienna in May), because the pages show the moment in the zone's own time.
    """
    problems: list[Problem] = []
    data = source.data if isinstance(source.data, dict) else {}

    def report(loc: tuple, field: str, key: str, severity: str = "error", **params: object) -> None:
        line, column = locate(source.node, loc)
        problems.append(problem(source.path, line, column, field, key, severity=severity, **params))  # type: ignore[arg-type]

    if "location" not in data and "online" not in data:
        report((), "location", "event_place_missing")
    starts, ends = item.starts, item.ends
    if starts is not None and ends is not None and _before(ends, starts):
        report(("ends",), "ends", "ends_before_starts", starts=starts.isoformat())
    registration = item.registration
    deadline = getattr(registration, "deadline", None) if registration is not None else None
    if starts is not None and deadline is not None and _before(starts, deadline):
        report(("registration", "deadline"), "registration.deadline", "deadline_after_start", starts=starts.isoformat())
    if item.location is not None and getattr(item.location, "lat", None) is None:
        return problems  # a broken location: which zone the times are in cannot be told
    country = event_country(item, publisher_country)
    zone = country_zone(country)
    if zone is None:
        return problems
    for loc, value in ((("starts",), starts), (("ends",), ends), (("registration", "deadline"), deadline)):
        if not isinstance(value, datetime):
            continue
        expected = value.astimezone(zone).utcoffset()
        if value.utcoffset() != expected:
            wall = value.replace(tzinfo=None)
            fixed = wall.replace(tzinfo=zone)
            report(
                loc,
                ".".join(str(step) for step in loc),
                "event_offset_zone",
                severity="warning",
                offset=_offset_text(value.utcoffset()),
                expected=_offset_text(expected),
                country=country,
                shown=value.astimezone(zone).strftime("%H:%M"),
                written=wall.strftime("%H:%M"),
                suggested=fixed.isoformat(),
            )
    return problems
