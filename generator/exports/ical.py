"""iCalendar files of the events (RFC 5545), made with the `icalendar` library.

`api/events/<id>.ics` holds one listed event (the "Add to calendar" link of its page);
`api/events.ics` every upcoming one, for calendar programs to subscribe to. Times are given in
the zone the event is held in (`TZID=Europe/Vienna`) with that zone's `VTIMEZONE`, so that a
calendar shows the event at its local time and converts it for a reader elsewhere; a time
whose zone is not known is given in UTC. An event of whole days is a `VALUE=DATE` event whose
`DTEND` is the day after its last (RFC 5545, 3.6.1). Texts are in the catalogue's default
language. `DTSTAMP` is the build date, so two builds of the same inputs give the same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit

import icalendar

from generator import messages, urls
from generator.languages import country_name, localise
from generator.site.events import CALENDAR_URL, calendar_url, upcoming_events, zone_of
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.events import event_country, last_day
from generator.submission.models import Event

PRODUCT = "-//Prilika//Catalogue events//EN"


def _text(value, catalogue: Catalogue) -> str:
    default = catalogue.settings.default_language
    found = localise(value, default, default)
    return found.text if found else ""


def _uid_domain(catalogue: Catalogue) -> str:
    """The site's host name, which makes event UIDs unique across catalogues (RFC 5545, 3.8.4.7)."""
    host = urlsplit(catalogue.settings.site_url).hostname if catalogue.settings.site_url else None
    return host or "prilika.invalid"


def _moment(value: date | datetime, zone) -> date | datetime:
    if not isinstance(value, datetime):
        return value
    return value.astimezone(zone) if zone is not None else value.astimezone(timezone.utc)


def _vevent(catalogue: Catalogue, item: ItemRecord) -> icalendar.Event:
    model = item.model
    assert isinstance(model, Event)
    settings = catalogue.settings
    default = settings.default_language
    zone = zone_of(catalogue, item)
    event = icalendar.Event()
    event.add("uid", f"{item.id}@{_uid_domain(catalogue)}")
    event.add("dtstamp", datetime.combine(catalogue.build_date, time(0), tzinfo=timezone.utc))
    start = _moment(model.starts, zone)
    event.add("dtstart", start)
    if isinstance(start, datetime):
        if model.ends is not None:
            end = _moment(model.ends, zone)
            # A last day given as a date ends with that day.
            event.add("dtend", end if isinstance(end, datetime) else _day_end(end, start))
    else:
        event.add("dtend", last_day(model, zone) + timedelta(days=1))
    event.add("summary", _text(model.title, catalogue))
    page = urls.item(default, item.id)
    description = _text(model.summary, catalogue)
    if settings.site_url:
        description += "\n\n" + urls.absolute(settings.site_url, page)
        event.add("url", urls.absolute(settings.site_url, page))
    event.add("description", description)
    place = []
    if model.location is not None:
        if model.location.address:
            place.append(_text(model.location.address, catalogue))
        country = event_country(model, catalogue.country_of(item))
        if country:
            place.append(country_name(country, default))
        event.add("geo", (model.location.lat, model.location.lon))
    if model.online:
        place.append(model.online)
    if place:
        event.add("location", ", ".join(place))
    event.add("categories", [messages.label(f"format_{model.format}", default)])
    contact = catalogue.contact_of(item)
    organizer = icalendar.vCalAddress(f"mailto:{contact.email}")
    organizer.params["cn"] = _text(catalogue.publisher_of(item).model.name, catalogue)
    event.add("organizer", organizer)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def _day_end(day: date, start: datetime) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=start.tzinfo)


def _calendar(catalogue: Catalogue, items: list[ItemRecord], name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    years = []
    for item in items:
        calendar.add_component(_vevent(catalogue, item))
        years += [item.model.starts.year, last_day(item.model).year]  # type: ignore[attr-defined]
    if years:
        # The zones' rules for the years the events fall in, not for 1970 to 2038.
        calendar.add_missing_timezones(first_date=date(min(years), 1, 1), last_date=date(max(years) + 1, 1, 1))
    return calendar.to_ical()


def calendar_files(catalogue: Catalogue) -> dict[str, bytes]:
    """`api/events/<id>.ics` for every listed event and `api/events.ics` of the upcoming ones."""
    default = catalogue.settings.default_language
    files = {}
    for item in catalogue.listed():
        if isinstance(item.model, Event):
            files[calendar_url(item.id)] = _calendar(catalogue, [item], _text(item.model.title, catalogue))
    name = messages.label("events_calendar_name", default, site=catalogue.settings.site_name)
    files[CALENDAR_URL] = _calendar(catalogue, upcoming_events(catalogue), name)
    return files
