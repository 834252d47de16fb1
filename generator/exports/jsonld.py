"""schema.org JSON-LD for item pages: what search engines and link previews read."""

from __future__ import annotations

from typing import Any

from generator.site.cards import plain_text
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.models import Site, Sme


def json_ld(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any]:
    """schema.org data for search engines and link previews."""
    default = catalogue.settings.default_language
    model = item.model
    location = catalogue.location_of(item)
    publisher = catalogue.publisher_of(item).model
    place = {
        "@type": "Place",
        "geo": {"@type": "GeoCoordinates", "latitude": location.lat, "longitude": location.lon},
        "address": {"@type": "PostalAddress", "addressCountry": publisher.country},
    }
    contact = catalogue.contact_of(item)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "name": plain_text(model.title, language, default),
        "description": plain_text(model.summary, language, default),
        "inLanguage": language,
        "datePosted": model.published.isoformat(),
    }
    if isinstance(model, Sme):
        data.update({"@type": "Organization", "legalName": model.company, "location": place, "email": contact.email})
        if model.founded:
            data["foundingDate"] = str(model.founded)
        if model.employees is not None:
            data["numberOfEmployees"] = {"@type": "QuantitativeValue", "value": model.employees}
        if model.website:
            data["url"] = model.website
        data.pop("datePosted")
    else:
        data.update({"@type": "RealEstateListing" if isinstance(model, Site) else "Offer"})
        if isinstance(model, Site):
            data["contentLocation"] = place
        else:
            data["areaServed"] = place
        public = publisher.type in ("municipality", "city")
        data["offeredBy"] = {
            "@type": "GovernmentOrganization" if public else "Organization",
            "name": plain_text(publisher.name, language, default),
            "email": contact.email,
        }
        if model.valid_until:
            data["validThrough"] = model.valid_until.isoformat()
    return data
