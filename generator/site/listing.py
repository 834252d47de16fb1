"""The listing, map and shortlist pages of one language: filters, rows and maps as data.

The listing's HTML carries every item (readers without JavaScript, crawlers);
`api/listing-<lang>.json` carries the compact rows the filter script reads;
`api/facts-<lang>.json` the few facts the shortlist compares side by side.
The listing file also carries the script's `config` (facets, ranges, search folding table), so
they are declared only here and in `generator.site.search`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from markupsafe import Markup

from generator import messages, urls
from generator.exports.jsonfile import json_bytes
from generator.languages import country_name, localise
from generator.site.cards import item_card, plain_text
from generator.site.events import place_name
from generator.site.facts import item_facts
from generator.site.feed_links import catalogue_feeds, publisher_feed, sector_feed
from generator.site.maps import clustered_map, marker_rows
from generator.site.memo import memoised
from generator.site.search import FOLD_TABLE, search_text
from generator.submission import reference
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.models import ITEM_MODELS

# The order of the filters on the page and of their keys in the query string.
FACETS = (
    "kind",
    "when",
    "sector",
    "country",
    "publisher",
    "site_type",
    "seeking",
    "hs",
    "market",
    "cert",
    "member",
    "status",
)
# The facets an item may have several values of, and the row field that lists them: a company's
# products by HS chapter (with a product filter the listing's map is the region's product map),
# its export markets, certifications and the clusters or chambers it is a member of.
MULTI = {
    "sector": "sectors",
    "seeking": "seeking",
    "hs": "hs",
    "market": "markets",
    "cert": "certs",
    "member": "member_of",
}
# The number inputs, in the query string after the facets.
RANGES = ("area_min", "area_max", "price_min", "price_max")
# Facet values left out of the view while their facet has nothing ticked: a `realised` item is a
# success story, shown when a reader asks for it, not among the offers (SPEC, "status: realised").
# A past event likewise: kept for its record (SPEC, "upcoming" and "past" views).
HIDDEN_BY_DEFAULT = {"status": ("realised",), "when": ("past",)}
# The orders of the listing, the first the default (the build's own order, newest first);
# `?sort=<name>` in the query string, after everything else.
SORTS = ("newest", "area", "price", "title")
# The feeds a filter can be followed by: facet -> the feed of each of its values.
FEED_FACETS = ("kind", "sector", "publisher")
SHORTLIST_FACTS = 7
# Facets whose options keep the format's order rather than an alphabetical one.
FIXED_ORDER = {
    "kind": list(ITEM_MODELS),
    "when": ["upcoming", "past"],
    "status": ["available", "reserved", "realised"],
}


def _facet_label(catalogue: Catalogue, facet: str, value: str, language: str) -> str:
    if facet == "kind":
        return messages.label(f"kind_{value}", language)
    if facet == "sector":
        return reference.nace_name(value, language, catalogue.settings.default_language)[0]
    if facet == "country":
        return country_name(value, language)
    if facet in ("publisher", "member"):
        return plain_text(catalogue.publishers[value].model.name, language, catalogue.settings.default_language)
    if facet == "hs":
        return reference.hs_name(value, language, catalogue.settings.default_language)[0]
    if facet == "market":
        return country_name(value, language)
    if facet == "cert":
        return value
    return messages.label(f"{facet}_{value}", language)


def _facet_values(card: dict[str, Any], facet: str) -> list[str]:
    value = card[MULTI.get(facet, facet)]
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _default_view(card: dict[str, Any], facet: str | None = None) -> bool:
    """Whether the listing shows `card` with nothing ticked; `facet`'s own default is left out,
    as a facet's option counts leave out that facet's own filter."""
    return all(
        name == facet or not set(_facet_values(card, name)) & set(hidden) for name, hidden in HIDDEN_BY_DEFAULT.items()
    )


def facets(catalogue: Catalogue, language: str) -> list[dict[str, Any]]:
    """Every filter with the values that occur in the catalogue, their labels and counts (the
    items each value would show with nothing else ticked, as the script counts them)."""
    cards = [item_card(catalogue, item, language) for item in catalogue.listed()]
    result = []
    for facet in FACETS:
        counts: Counter[str] = Counter(
            v for card in cards if _default_view(card, facet) for v in _facet_values(card, facet)
        )
        if not counts:
            continue
        options = [
            {"value": value, "label": _facet_label(catalogue, facet, value, language), "count": count}
            for value, count in counts.items()
        ]
        if facet in FIXED_ORDER:
            order = FIXED_ORDER[facet]
            options.sort(key=lambda o: order.index(o["value"]) if o["value"] in order else len(order))
        elif facet in ("sector", "hs"):
            options.sort(key=lambda o: o["value"])
        else:
            options.sort(key=lambda o: o["label"].casefold())
        result.append({"name": facet, "label": messages.label(f"filter_{facet}", language), "options": options})
    return result


def _numbers(item: ItemRecord) -> tuple[float | None, float | None, list[float] | None]:
    model = item.model
    investment = getattr(model, "investment_eur", None)
    if isinstance(investment, (int, float)):
        investment = [investment, investment]
    elif investment is not None:
        investment = [investment.min, investment.max]
    return getattr(model, "area_m2", None), getattr(model, "price_eur", None), investment


def listing_rows(catalogue: Catalogue, language: str) -> list[dict[str, Any]]:
    """One compact row per listed item, in listing order, for the scripts of this language."""
    return memoised(catalogue, ("listing rows", language), lambda: _listing_rows(catalogue, language))


def _listing_rows(catalogue: Catalogue, language: str) -> list[dict[str, Any]]:
    default = catalogue.settings.default_language
    rows = []
    for item in catalogue.listed():
        card = item_card(catalogue, item, language)
        model = item.model
        publisher = catalogue.publisher_of(item).model
        location = catalogue.location_of(item)
        # The reader's language only (with the same fallback the pages use): place names are in
        # every language's text anyway, and five languages of summaries would quadruple the file.
        texts = [plain_text(value, language, default) for value in (model.title, model.summary)]
        texts += [plain_text(value, language, default) for value in (publisher.name, publisher.region)]
        texts += [item.id, getattr(model, "company", None), *model.tags, *model.sectors]
        texts += [reference.nace_name(code, language, default)[0] for code in model.sectors]
        texts += [country_name(card["country"], language)]
        texts += [plain_text(product.name, language, default) for product in getattr(model, "products", None) or []]
        if card["when"] is not None:  # an event: where it is held (Wien, Österreich), beside its publisher's country
            texts += [plain_text(location.address, language, default), place_name(catalogue, item, language)]
        area, price, investment = _numbers(item)
        title = localise(model.title, language, default)
        rows.append(
            {
                "id": item.id,
                "kind": item.kind,
                "url": card["url"],
                "title": title.text if title else item.id,
                "figure": card["figure"],
                "kind_label": card["kind_label"],
                "place": f"{card['country_name']} · {plain_text(publisher.name, language, default)}",
                "country": card["country"],
                "publisher": card["publisher"],
                "sectors": card["sectors"],
                "site_type": card["site_type"],
                "seeking": card["seeking"],
                "when": card["when"],
                "hs": card["hs"],
                "markets": card["markets"],
                "certs": card["certs"],
                "member_of": card["member_of"],
                "status": card["status"],
                "lat": location.lat,
                "lon": location.lon,
                "area": area,
                "price": price,
                "investment": investment,
                "search": search_text(texts),
            }
        )
    return rows


def script_config() -> dict[str, Any]:
    """What `listing.js` must agree with the build on: the facets, ranges, values hidden by
    default, orders and the search folding table."""
    return {
        "facets": list(FACETS),
        "multi": dict(MULTI),
        "ranges": list(RANGES),
        "hidden": {facet: list(values) for facet, values in HIDDEN_BY_DEFAULT.items()},
        "sorts": list(SORTS),
        "fold": dict(FOLD_TABLE),
    }


def listing_document(catalogue: Catalogue, language: str) -> dict[str, Any]:
    return {"language": language, "config": script_config(), "items": listing_rows(catalogue, language)}


def listing_files(catalogue: Catalogue) -> dict[str, bytes]:
    """`api/listing-<lang>.json` of every language: what the listing and shortlist scripts fetch."""
    return {
        urls.listing_data(language): json_bytes(listing_document(catalogue, language), "scripts")
        for language in catalogue.settings.languages
    }


def facts_entry(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any]:
    """What the shortlist compares side by side: kind, place and the first facts, as plain text."""
    card = item_card(catalogue, item, language)
    return {
        "kind": card["kind_label"],
        "place": Markup(f"{card['country_name']} · {card['publisher_name']}").striptags(),
        "facts": [[fact.label, _plain(fact.value)] for fact in item_facts(catalogue, item, language)[:SHORTLIST_FACTS]],
    }


def _plain(value: Markup) -> str:
    """A fact's HTML as text: line breaks become semicolons, so "12 km; Airport" stays apart."""
    return "; ".join(Markup(part).striptags() for part in str(value).split("<br>"))


def _map_name(kind: str, language: str) -> str:
    return f"prilika_{kind}_{language.replace('-', '_').lower()}"


def listing_context(catalogue: Catalogue, language: str) -> dict[str, Any]:
    """The listing: every listed item (those hidden by default too, marked so), the filters, the
    orders, and the feeds: the catalogue's and each kind's for everyone, and one per value of
    kind, sector and publisher that the script shows while that value is ticked."""
    cards = [item_card(catalogue, item, language) for item in catalogue.listed()]
    shown = [card for card in cards if _default_view(card)]
    the_facets = facets(catalogue, language)
    values = {facet["name"]: [option["value"] for option in facet["options"]] for facet in the_facets}
    everyone = catalogue_feeds(catalogue, language)
    by_kind = {feed["kind"]: feed for feed in everyone[1:]}
    filter_feeds = [
        {"facet": "kind", "value": kind, **by_kind[kind]} for kind in values.get("kind", []) if kind in by_kind
    ]
    filter_feeds += [
        {"facet": "sector", "value": section, **sector_feed(catalogue, section, language)}
        for section in values.get("sector", [])
    ]
    filter_feeds += [
        {"facet": "publisher", "value": pid, **publisher_feed(catalogue, pid, language)}
        for pid in values.get("publisher", [])
    ]
    return {
        "items": cards,
        "count": len(shown),
        "facets": the_facets,
        "sorts": [{"value": name, "label": messages.label(f"sort_{name}", language)} for name in SORTS],
        "feeds": everyone,
        "filter_feeds": filter_feeds,
        "listing_data": urls.listing_data(language),
        "map_html": clustered_map(_map_name("listing", language), []),
    }


def map_context(catalogue: Catalogue, language: str) -> dict[str, Any]:
    """The map of every listed item but past events (an event over is no place to go)."""
    rows = marker_rows([row for row in listing_rows(catalogue, language) if row["when"] != "past"])
    cards = [item_card(catalogue, item, language) for item in catalogue.listed()]
    return {
        "items": [card for card in cards if card["when"] != "past"],
        "map_html": clustered_map(_map_name("all", language), rows),
        "listing_url": urls.listing(language),
    }


def shortlist_context(catalogue: Catalogue, language: str) -> dict[str, Any]:
    return {
        "listing_data": urls.listing_data(language),
        "facts_data": urls.facts_data(language),
        "listing_url": urls.listing(language),
    }
