"""Events on the site: when and where they are, in the reader's language and the event's time zone,
who takes part, and which upcoming events an item or a cluster's member takes part in.

Times are shown in the zone the event is held in (`generator.submission.events.event_zone`),
with the zone named in the reader's language ("Mitteleuropäische Sommerzeit, Ortszeit in Wien
(UTC+02:00)"), because a diaspora investor reads the page in Zurich or Chicago and must not
wonder whose ten o'clock it is. Where the zone is unknown the time keeps the offset it was
written with, and the offset is what is named.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_timezone_location, get_timezone_name
from markupsafe import Markup

from generator import messages, urls
from generator.languages import babel_locale, country_name, format_long_date
from generator.site.memo import memoised
from generator.submission import events as timing
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.models import Event, Registration, Sme


def zone_of(catalogue: Catalogue, item: ItemRecord) -> ZoneInfo | None:
    """The time zone `item` (an event) is held in, or None when it is not known."""
    return memoised(
        catalogue, ("event zone", item.id), lambda: timing.event_zone(item.model, catalogue.country_of(item))
    )


def is_past(catalogue: Catalogue, item: ItemRecord) -> bool:
    """Whether `item` is an event whose last day ended before the build date (never for other kinds)."""
    if not isinstance(item.model, Event):
        return False
    return timing.is_past(item.model, zone_of(catalogue, item), catalogue.build_date)


def when_state(catalogue: Catalogue, item: ItemRecord) -> str | None:
    """`upcoming` or `past` for an event (the listing's facet), None for other kinds."""
    if not isinstance(item.model, Event):
        return None
    return "past" if is_past(catalogue, item) else "upcoming"


def upcoming_events(catalogue: Catalogue) -> list[ItemRecord]:
    """The listed events that have not ended, soonest first (then by id)."""

    def make() -> list[ItemRecord]:
        found = [i for i in catalogue.listed() if isinstance(i.model, Event) and not is_past(catalogue, i)]
        return sorted(found, key=lambda i: (timing.start_key(i.model), i.id))

    return list(memoised(catalogue, ("upcoming events",), make))


def events_with(catalogue: Catalogue, item_id: str) -> list[ItemRecord]:
    """The upcoming events that name `item_id` among their participants, soonest first."""

    def make() -> dict[str, list[ItemRecord]]:
        taking_part: dict[str, list[ItemRecord]] = {}
        for event in upcoming_events(catalogue):
            for participant in dict.fromkeys(event.model.participants):  # type: ignore[attr-defined]
                taking_part.setdefault(participant, []).append(event)
        return taking_part

    return list(memoised(catalogue, ("events by participant",), make).get(item_id, []))


def members_of(catalogue: Catalogue, publisher_id: str) -> list[ItemRecord]:
    """The listed companies of the whole catalogue that name `publisher_id` in `member_of`."""

    def make() -> dict[str, list[ItemRecord]]:
        members: dict[str, list[ItemRecord]] = {}
        for item in catalogue.listed():
            if isinstance(item.model, Sme):
                for pid in dict.fromkeys(item.model.member_of):
                    members.setdefault(pid, []).append(item)
        return members

    return list(memoised(catalogue, ("members",), make).get(publisher_id, []))


# -- dates and times in the reader's language -----------------------------------------------------


def _local(value: date | datetime, zone: ZoneInfo | None) -> date | datetime:
    if isinstance(value, datetime) and zone is not None:
        return value.astimezone(zone)
    return value


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _day(value: date | datetime, language: str, form: str = "full") -> str:
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, format=form, locale=babel_locale(language))


def _clock(value: datetime, language: str) -> str:
    # The moment is already in the event's zone: Babel must not move it to UTC again.
    return format_time(value.replace(tzinfo=None), format="short", locale=babel_locale(language))


def when_text(model: Event, zone: ZoneInfo | None, language: str) -> str:
    """The date and time of an event in `language`, in its zone: "Friday, May 14, 2027, 9:30 AM –
    5:00 PM", "14.–15. Mai 2027" style ranges spelt out day by day."""
    start = _local(model.starts, zone)
    end = _local(model.ends, zone) if model.ends is not None else None
    if end is None:
        text = _day(start, language)
        return f"{text}, {_clock(start, language)}" if isinstance(start, datetime) else text
    same_day = timing.day_of(start) == timing.day_of(end)
    if isinstance(start, datetime) and isinstance(end, datetime):
        if same_day:
            return f"{_day(start, language)}, {_clock(start, language)} – {_clock(end, language)}"
        return f"{_day(start, language)}, {_clock(start, language)} – {_day(end, language)}, {_clock(end, language)}"
    if same_day:
        return _day(start, language) + (f", {_clock(start, language)}" if isinstance(start, datetime) else "")
    first = _day(start, language) + (f", {_clock(start, language)}" if isinstance(start, datetime) else "")
    last = _day(end, language) + (f", {_clock(end, language)}" if isinstance(end, datetime) else "")
    return f"{first} – {last}"


def zone_text(model: Event, zone: ZoneInfo | None, language: str) -> str | None:
    """The zone an event's times are in, named in `language`, or None for an event of whole days.

    "Central European Summer Time, local time in Vienna (UTC+02:00)"; with no known zone, the
    offset the times were written with ("UTC+02:00").
    """
    start = model.starts
    if not isinstance(start, datetime):
        return None
    local = start.astimezone(zone) if zone is not None else start
    if zone is None:
        return f"UTC{_offset(local)}"
    locale = babel_locale(language)
    return messages.label(
        "event_zone",
        language,
        zone=get_timezone_name(local, "long", locale=locale),
        city=get_timezone_location(zone, locale=locale, return_city=True),
        offset=_offset(local),
    )


def short_when(model: Event, zone: ZoneInfo | None, language: str) -> str:
    """An event's first day, and its last if another, in the long date form (cards)."""
    first = timing.day_of(model.starts, zone)
    last = timing.last_day(model, zone)
    if first == last:
        return format_long_date(first, language)
    return f"{format_long_date(first, language)} – {format_long_date(last, language)}"


def place_name(catalogue: Catalogue, item: ItemRecord, language: str) -> str:
    """The country an event is held in, or "Online event" for one without a place."""
    model = item.model
    if getattr(model, "location", None) is None:
        return messages.label("event_online_only", language)
    country = timing.event_country(model, catalogue.country_of(item))
    return country_name(country, language) if country else ""


# -- what pages show --------------------------------------------------------------------------


def registration_html(model: Event, zone: ZoneInfo | None, today: date, language: str) -> Markup | None:
    """The registration link, with its deadline (or that it has passed), or None without one."""
    registration = model.registration
    if registration is None:
        return None
    url = registration.url if isinstance(registration, Registration) else registration
    deadline = registration.deadline if isinstance(registration, Registration) else None
    link = Markup('<a href="{}" rel="nofollow noopener">{}</a>').format(url, messages.label("event_register", language))
    if deadline is None:
        return link
    day = timing.day_of(deadline, zone)
    if day < today:
        return Markup("{}").format(
            messages.label("event_registration_closed", language, date=_day(day, language, "long"))
        )
    return Markup("{} ({})").format(
        link, messages.label("event_register_by", language, date=_day(day, language, "long"))
    )


def calendar_url(item_id: str) -> str:
    """The iCalendar file of one event, `api/events/<id>.ics` (relative to the site root)."""
    return f"api/events/{item_id}.ics"


CALENDAR_URL = "api/events.ics"
"""Every upcoming event in one iCalendar file, for calendar programs to subscribe to."""


def meeting_links(catalogue: Catalogue, item: ItemRecord, language: str) -> list[dict[str, Any]]:
    """The upcoming events `item` takes part in, as links with their day and place."""
    from generator.site.cards import plain_text

    default = catalogue.settings.default_language
    return [
        {
            "url": urls.item(language, event.id),
            "title": plain_text(event.model.title, language, default),
            "when": short_when(event.model, zone_of(catalogue, event), language),  # type: ignore[arg-type]
            "place": place_name(catalogue, event, language),
        }
        for event in events_with(catalogue, item.id)
        if event.id != item.id
    ]


def event_context(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any]:
    """What an item page shows of events: for an event, its participants (listed ones, as cards),
    its calendar file and, once over, since when; for any item, the upcoming events it takes part in."""
    from generator.site.cards import item_card

    context: dict[str, Any] = {"meet_at": meeting_links(catalogue, item, language), "event": None}
    model = item.model
    if not isinstance(model, Event):
        return context
    zone = zone_of(catalogue, item)
    participants = [
        item_card(catalogue, catalogue.items[pid], language)
        for pid in dict.fromkeys(model.participants)
        if pid in catalogue.items and catalogue.is_listed(catalogue.items[pid])
    ]
    past = is_past(catalogue, item)
    context["event"] = {
        "participants": participants,
        "calendar_url": calendar_url(item.id),
        "online": model.online,
        "has_place": model.location is not None,
        "past": messages.label("event_past", language, date=short_when(model, zone, language)) if past else None,
    }
    return context
