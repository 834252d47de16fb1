"""Catalogue x language -> the pages of the site, as plain data (no MkDocs here).

Each PageSpec names a template and the context it needs; the MkDocs plugin
only places them in the build, so this module is tested without a build.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from generator import messages, reference, urls
from generator.catalogue import Catalogue, ItemRecord
from generator.facts import item_facts, key_figure, text_html
from generator.languages import country_name, format_long_date, language_name, localise
from generator.markup import render_markdown
from generator.models import Site, Sme
from generator.related import related_items

GENERATED = ("listing", "map", "shortlist", "publishers", "publisher", "item")


@dataclass(frozen=True)
class PageSpec:
    language: str
    template: str
    url: str
    title: str
    ident: str | None = None
    in_nav: bool = False
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def src_uri(self) -> str:
        return urls.source_uri(self.url)


def plain_text(value, language: str, default: str) -> str:
    found = localise(value, language, default)
    return found.text if found else ""


def page_specs(catalogue: Catalogue) -> list[PageSpec]:
    """Every generated page in every language, in a stable order."""
    specs: list[PageSpec] = []
    settings = catalogue.settings
    default = settings.default_language
    for language in settings.languages:
        for template, url in (
            ("listing", urls.listing(language)),
            ("map", urls.map_page(language)),
            ("shortlist", urls.shortlist(language)),
            ("publishers", urls.publishers(language)),
        ):
            specs.append(PageSpec(language, template, url, messages.label(f"nav_{template}", language), in_nav=True))
        for pid, record in sorted(catalogue.publishers.items()):
            name = plain_text(record.model.name, language, default)
            specs.append(PageSpec(language, "publisher", urls.publisher(language, pid), name, ident=pid))
        for item in catalogue.listed():
            title = plain_text(item.model.title, language, default)
            summary = plain_text(item.model.summary, language, default)
            specs.append(
                PageSpec(language, "item", urls.item(language, item.id), title, ident=item.id, description=summary)
            )
    return specs


def alternates(catalogue: Catalogue, spec_url: str, language: str) -> list[dict[str, Any]]:
    """The same page in every language, for the switcher and hreflang."""
    settings = catalogue.settings
    rest = spec_url[len(language) + 1 :] if spec_url.startswith(language + "/") else spec_url
    return [
        {
            "lang": other,
            "name": language_name(other),
            "url": f"{other}/{rest}",
            "current": other == language,
        }
        for other in settings.languages
    ]


def item_card(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any]:
    """What a listing row, a publisher page and related links show of an item.

    Cached: one card appears on the listing, its publisher's page, the home page
    and up to five related lists, in every language.
    """
    return _cached_card(catalogue, item.id, language)


@lru_cache(maxsize=200_000)
def _cached_card(catalogue: Catalogue, item_id: str, language: str) -> dict[str, Any]:
    return _build_card(catalogue, catalogue.items[item_id], language)


def _build_card(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any]:
    default = catalogue.settings.default_language
    model = item.model
    publisher = catalogue.publisher_of(item)
    return {
        "id": item.id,
        "kind": item.kind,
        "kind_label": messages.label(f"kind_{item.kind}", language),
        "url": urls.item(language, item.id),
        "title": text_html(model.title, language, default),
        "summary": text_html(model.summary, language, default),
        "figure": key_figure(item, language),
        "status": model.status,
        "status_label": messages.label(f"status_{model.status}", language),
        "country": catalogue.country_of(item),
        "country_name": country_name(catalogue.country_of(item), language),
        "publisher": publisher.id,
        "publisher_name": text_html(publisher.model.name, language, default),
        "sectors": sorted({reference.nace_section(code) for code in model.sectors}),
        "site_type": getattr(model, "site_type", None),
        "seeking": list(getattr(model, "seeking", []) or []),
        "published": format_long_date(model.published, language),
    }


def _images(catalogue: Catalogue, item: ItemRecord, language: str) -> list[dict[str, Any]]:
    default = catalogue.settings.default_language
    return [
        {
            "url": urls.image(item.publisher_id, image.file),
            "caption": text_html(image.caption, language, default) if image.caption else Markup(""),
            "alt": plain_text(image.caption, language, default) if image.caption else "",
        }
        for image in item.model.images
    ]


def _contact(contact) -> dict[str, Any]:
    return {"name": contact.name, "email": contact.email, "phone": contact.phone}


def _description(value, language: str, default: str) -> dict[str, Any] | None:
    found = localise(value, language, default)
    if found is None:
        return None
    return {
        "html": render_markdown(found.text),
        "lang": found.language,
        "translated": found.translated and found.language == language,
    }


def item_context(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any]:
    default = catalogue.settings.default_language
    model = item.model
    location = catalogue.location_of(item)
    publisher = catalogue.publisher_of(item)
    title = localise(model.title, language, default)
    return {
        "item": item_card(catalogue, item, language),
        "title_lang": title.language if title else language,
        "title_translated": bool(title and title.language == language),
        "description": _description(model.description, language, default),
        "facts": item_facts(catalogue, item, language),
        "images": _images(catalogue, item, language),
        "contact": _contact(catalogue.contact_of(item)),
        "location": {
            "lat": location.lat,
            "lon": location.lon,
            "address": text_html(location.address, language, default) if location.address else "",
        },
        "publisher_url": urls.publisher(language, publisher.id),
        "publisher_name": text_html(publisher.model.name, language, default),
        "tags": list(model.tags),
        "related": [item_card(catalogue, other, language) for other in related_items(catalogue, item)],
        "json_ld": json_ld(catalogue, item, language),
    }


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


def publisher_context(catalogue: Catalogue, publisher_id: str, language: str) -> dict[str, Any]:
    default = catalogue.settings.default_language
    record = catalogue.publishers[publisher_id]
    model = record.model
    about = _description(model.about, language, default)
    return {
        "publisher": {
            "id": publisher_id,
            "name": text_html(model.name, language, default),
            "type_label": messages.label(f"publisher_type_{model.type}", language),
            "country_name": country_name(model.country, language),
            "region": text_html(model.region, language, default) if model.region else "",
            "website": model.website,
            "contact": _contact(model.contact),
            "location": {"lat": model.location.lat, "lon": model.location.lon},
        },
        "about": about,
        "items": [item_card(catalogue, item, language) for item in catalogue.listed_by_publisher(publisher_id)],
    }


def publishers_context(catalogue: Catalogue, language: str) -> dict[str, Any]:
    default = catalogue.settings.default_language
    rows = []
    for pid, record in sorted(catalogue.publishers.items()):
        rows.append(
            {
                "url": urls.publisher(language, pid),
                "name": text_html(record.model.name, language, default),
                "type_label": messages.label(f"publisher_type_{record.model.type}", language),
                "country_name": country_name(record.model.country, language),
                "count": len(catalogue.listed_by_publisher(pid)),
            }
        )
    return {"publishers": rows}


def home_context(catalogue: Catalogue, language: str) -> dict[str, Any]:
    listed = catalogue.listed()
    kinds = Counter(item.kind for item in listed)
    countries = Counter(catalogue.country_of(item) for item in listed)
    return {
        "total": len(listed),
        "kinds": [
            {
                "kind": kind,
                "label": messages.label(f"kinds_{kind}", language),
                "count": kinds.get(kind, 0),
                "url": urls.listing(language) + f"?kind={kind}",
            }
            for kind in ("site", "project", "sme")
        ],
        "countries": [
            {
                "code": code,
                "name": country_name(code, language),
                "count": count,
                "url": urls.listing(language) + f"?country={code}",
            }
            for code, count in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "newest": [item_card(catalogue, item, language) for item in listed[:6]],
        "listing_url": urls.listing(language),
        "map_url": urls.map_page(language),
    }


def page_context(catalogue: Catalogue, spec: PageSpec) -> dict[str, Any]:
    language = spec.language
    if spec.template == "item":
        return item_context(catalogue, catalogue.items[spec.ident], language)
    if spec.template == "publisher":
        return publisher_context(catalogue, spec.ident, language)
    if spec.template == "publishers":
        return publishers_context(catalogue, language)
    if spec.template in ("listing", "map", "shortlist"):
        from generator import listing  # listing builds on this module's cards

        return getattr(listing, f"{spec.template}_context")(catalogue, language)
    raise ValueError(f"no context for {spec.template}")


def format_date_for(value, language: str) -> str:
    return format_long_date(value, language)
