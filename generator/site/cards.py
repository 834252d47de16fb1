"""What a listing row, a publisher page, the home page and related links show of an item."""

from __future__ import annotations

from typing import Any

from generator import messages, urls
from generator.languages import country_name, format_long_date, localise
from generator.site.events import when_state
from generator.site.facts import key_figure, text_html
from generator.site.memo import memoised
from generator.site.pictures import thumbnail
from generator.submission import reference
from generator.submission.catalogue import Catalogue, ItemRecord


def plain_text(value, language: str, default: str) -> str:
    found = localise(value, language, default)
    return found.text if found else ""


def item_card(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any]:
    """What a listing row, a publisher page and related links show of an item.

    Made once per build: one card appears on the listing, its publisher's page, the home page
    and up to five related lists, in every language.
    """
    return memoised(catalogue, ("card", item.id, language), lambda: _build_card(catalogue, item, language))


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
        # Events: `upcoming` until their last day is over, then `past` (out of the default view).
        "when": when_state(catalogue, item),
        "member_of": [
            pid for pid in dict.fromkeys(getattr(model, "member_of", None) or []) if pid in catalogue.publishers
        ],
        "hs": sorted({product.hs[:2] for product in getattr(model, "products", None) or [] if product.hs}),
        "markets": sorted(set(getattr(model, "export_markets", None) or [])),
        "certs": sorted(set(getattr(model, "certifications", None) or [])),
        "published": format_long_date(model.published, language),
        "thumb": thumbnail(catalogue, item),
    }
