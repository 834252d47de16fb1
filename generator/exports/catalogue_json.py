"""`api/catalogue.json`: the whole listed catalogue for other portals, and per-language listing data."""

from __future__ import annotations

import json
from typing import Any

from generator import reference, urls
from generator.catalogue import Catalogue
from generator.languages import localise
from generator.pages import item_card


def dump(value: Any) -> bytes:
    """Stable bytes: sorted keys, so two builds of the same input are identical."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


def catalogue_document(catalogue: Catalogue) -> dict[str, Any]:
    settings = catalogue.settings
    languages = list(settings.languages)
    items = []
    for item in catalogue.listed():
        entry = dict(item.data)
        entry["id"] = item.id
        entry["publisher"] = item.publisher_id
        entry["url"] = {lang: urls.item(lang, item.id) for lang in languages}
        items.append(entry)
    publishers = []
    for pid, record in sorted(catalogue.publishers.items()):
        entry = record.model.model_dump(mode="json", exclude_none=True)
        entry["id"] = pid
        entry["url"] = {lang: urls.publisher(lang, pid) for lang in languages}
        publishers.append(entry)
    return {
        "languages": languages,
        "default_language": settings.default_language,
        "generated": catalogue.build_date.isoformat(),
        "pages": {
            lang: {
                "home": urls.home(lang),
                "listing": urls.listing(lang),
                "map": urls.map_page(lang),
                "feed": urls.feed(lang),
            }
            for lang in languages
        },
        "publishers": publishers,
        "items": items,
    }


def listing_document(catalogue: Catalogue, language: str) -> dict[str, Any]:
    """What the listing, map and shortlist scripts need, compact, in one language.

    `search` holds every text an investor might type, in both Serbian scripts,
    so that the script can fold case, diacritics and script in one place.
    """
    default = catalogue.settings.default_language
    rows = []
    for item in catalogue.listed():
        card = item_card(catalogue, item, language)
        model = item.model
        location = catalogue.location_of(item)
        texts = []
        for value in (model.title, model.summary):
            if isinstance(value, dict):
                texts.extend(value.values())
            elif value:
                texts.append(value)
        publisher = catalogue.publisher_of(item).model
        for value in (publisher.name, publisher.region):
            if isinstance(value, dict):
                texts.extend(value.values())
            elif value:
                texts.append(value)
        texts.extend([item.id, getattr(model, "company", "") or "", *model.tags, *model.sectors])
        texts.extend(reference.nace_name(code, language)[0] for code in model.sectors)
        area = getattr(model, "area_m2", None)
        price = getattr(model, "price_eur", None)
        investment = getattr(model, "investment_eur", None)
        if investment is not None and not isinstance(investment, (int, float)):
            investment = [investment.min, investment.max]
        title = localise(model.title, language, default)
        rows.append(
            {
                "id": item.id,
                "kind": item.kind,
                "url": card["url"],
                "title": title.text if title else item.id,
                "figure": card["figure"],
                "country": card["country"],
                "publisher": card["publisher"],
                "sectors": card["sectors"],
                "site_type": card["site_type"],
                "seeking": card["seeking"],
                "status": card["status"],
                "lat": location.lat,
                "lon": location.lon,
                "area": area,
                "price": price,
                "investment": investment,
                "search": " ".join(t for t in texts if t),
            }
        )
    return {"language": language, "items": rows}
