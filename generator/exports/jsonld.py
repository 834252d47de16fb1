"""schema.org JSON-LD for item pages: what search engines and link previews read.

Every property is one that its type accepts, by schema.org's `domainIncludes` followed along
the type's parents (vocabulary v30.0; `tests/exports/test_jsonld_vocabulary.py` holds the table):

- a site is a `RealEstateListing` (a `WebPage`, so a `CreativeWork`): the page in its language
  (`inLanguage`, `datePosted`), the land (`contentLocation`), the publisher (`publisher`), and
  the deal as an `Offer` in `offers`, which is where `offeredBy`, `price` and `validThrough` belong;
- a project is an `Offer`: `validFrom` for the day it was published (an Offer has no
  `datePosted` and no `inLanguage`), `areaServed`, `offeredBy`, `validThrough`;
- an SME is an `Organization`: the language of the page is not a property of a company, so it
  is left out;
- an event is an `Event`: `startDate` and `endDate` as written (a date, or a time with its UTC
  offset), `location` a `Place` (its address and position) and/or a `VirtualLocation` (the online
  address) with the matching `eventAttendanceMode`, the publisher as `organizer`, the languages
  spoken as `inLanguage`, the registration as an `Offer` (`url`, `validThrough` its deadline) and
  the participating companies as `attendee`s.
"""

from __future__ import annotations

from typing import Any

from generator import urls
from generator.site.cards import plain_text
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.events import event_country
from generator.submission.models import Event, Registration, Site, Sme


def _publisher(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any]:
    default = catalogue.settings.default_language
    publisher = catalogue.publisher_of(item).model
    public = publisher.type in ("municipality", "city")
    data: dict[str, Any] = {
        "@type": "GovernmentOrganization" if public else "Organization",
        "name": plain_text(publisher.name, language, default),
        "email": catalogue.contact_of(item).email,
    }
    if publisher.website:
        data["url"] = publisher.website
    return data


def json_ld(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any]:
    """The schema.org node of an item's page in `language`, as a JSON-ready dict.

    URLs (`url`, `image`) are absolute when `site_url` is set; without it, pictures are given
    relative to the page (JSON-LD resolves them against the page's address) and the page's own
    URL is left out.
    """
    settings = catalogue.settings
    default = settings.default_language
    model = item.model
    location = catalogue.location_of(item)
    publisher = catalogue.publisher_of(item).model
    page = urls.item(language, item.id)
    place = {
        "@type": "Place",
        "geo": {"@type": "GeoCoordinates", "latitude": location.lat, "longitude": location.lon},
        "address": {"@type": "PostalAddress", "addressCountry": publisher.country},
    }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "name": plain_text(model.title, language, default),
        "description": plain_text(model.summary, language, default),
    }
    pictures = [urls.public(settings.site_url, urls.image_url(item.publisher_id, i.file), page) for i in model.images]
    if pictures:
        data["image"] = pictures
    page_url = urls.absolute(settings.site_url, page) if settings.site_url else None
    if isinstance(model, Event):
        return _event(catalogue, item, language, data, page_url)
    if isinstance(model, Sme):
        data.update({"@type": "Organization", "legalName": model.company, "location": place})
        data["email"] = catalogue.contact_of(item).email
        if model.founded:
            data["foundingDate"] = str(model.founded)
        if model.employees is not None:
            data["numberOfEmployees"] = {"@type": "QuantitativeValue", "value": model.employees}
        if model.website:
            data["url"] = model.website
        if page_url:
            data["mainEntityOfPage"] = page_url
        return data
    offer: dict[str, Any] = {"@type": "Offer", "offeredBy": _publisher(catalogue, item, language)}
    if model.valid_until:
        offer["validThrough"] = model.valid_until.isoformat()
    if page_url:
        data["url"] = page_url
    if isinstance(model, Site):
        if model.price_eur is not None:
            offer.update({"price": model.price_eur, "priceCurrency": "EUR"})
        data.update(
            {
                "@type": "RealEstateListing",
                "inLanguage": language,
                "datePosted": model.published.isoformat(),
                "contentLocation": place,
                "publisher": _publisher(catalogue, item, language),
                "offers": offer,
            }
        )
        return data
    data.update(offer)
    data["validFrom"] = model.published.isoformat()
    data["areaServed"] = place
    return data


ATTENDANCE = "https://schema.org/{}EventAttendanceMode"


def _event(
    catalogue: Catalogue, item: ItemRecord, language: str, data: dict[str, Any], page_url: str | None
) -> dict[str, Any]:
    model = item.model
    assert isinstance(model, Event)
    settings = catalogue.settings
    default = settings.default_language
    places: list[dict[str, Any]] = []
    if model.location is not None:
        address: dict[str, Any] = {"@type": "PostalAddress"}
        country = event_country(model, catalogue.country_of(item))
        if country:
            address["addressCountry"] = country
        if model.location.address:
            address["streetAddress"] = plain_text(model.location.address, language, default)
        geo = {"@type": "GeoCoordinates", "latitude": model.location.lat, "longitude": model.location.lon}
        places.append({"@type": "Place", "address": address, "geo": geo})
    if model.online:
        places.append({"@type": "VirtualLocation", "url": model.online})
    mode = "Mixed" if len(places) == 2 else ("Online" if model.online else "Offline")
    data.update(
        {
            "@type": "Event",
            "startDate": model.starts.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": ATTENDANCE.format(mode),
            "location": places[0] if len(places) == 1 else places,
            "organizer": _publisher(catalogue, item, language),
        }
    )
    if model.ends is not None:
        data["endDate"] = model.ends.isoformat()
    if model.languages:
        data["inLanguage"] = list(model.languages)
    if model.registration is not None:
        registration = model.registration
        offer: dict[str, Any] = {"@type": "Offer"}
        if isinstance(registration, Registration):
            offer["url"] = registration.url
            if registration.deadline is not None:
                offer["validThrough"] = registration.deadline.isoformat()
        else:
            offer["url"] = registration
        data["offers"] = offer
    attendees = []
    for pid in dict.fromkeys(model.participants):
        other = catalogue.items.get(pid)
        if other is not None and isinstance(other.model, Sme) and catalogue.is_listed(other):
            attendee: dict[str, Any] = {"@type": "Organization", "name": other.model.company}
            if settings.site_url:
                attendee["url"] = urls.absolute(settings.site_url, urls.item(language, pid))
            attendees.append(attendee)
    if attendees:
        data["attendee"] = attendees
    if page_url:
        data["url"] = page_url
    return data
