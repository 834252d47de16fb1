"""Catalogue x language -> the pages of the site, as plain data (no MkDocs here).

Each PageSpec names a template and the context it needs; the MkDocs plugin
only places them in the build, so this module is tested without a build.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generator import messages, urls
from generator.exports.jsonld import json_ld
from generator.languages import country_name, format_long_date, language_name, localise
from generator.site import acting, shell
from generator.site.cards import item_card, plain_text
from generator.site.events import CALENDAR_URL, event_context, is_past, members_of, upcoming_events
from generator.site.facts import item_facts, text_html
from generator.site.feed_links import catalogue_feeds, publisher_feed
from generator.site.listing import listing_context, map_context, shortlist_context
from generator.site.markup import render_markdown
from generator.site.pictures import image_attributes
from generator.site.propose import edit_url, propose_context, propose_url
from generator.site.related import LIMIT as RELATED_LIMIT
from generator.site.related import related_items
from generator.site.render import Renderer
from generator.site.share_cards import OPEN_GRAPH
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.history import committed_on
from generator.submission.phones import international

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
            ("propose", propose_url(language)),
        ):
            extra = {"feeds": catalogue_feeds(catalogue, language)} if template == "listing" else {}
            label = messages.label(f"nav_{template}", language)
            specs.append(PageSpec(language, template, url, label, in_nav=True, extra=extra))
        for pid, record in sorted(catalogue.publishers.items()):
            name = plain_text(record.model.name, language, default)
            extra = {"feeds": [publisher_feed(catalogue, pid, language), catalogue_feeds(catalogue, language)[0]]}
            specs.append(PageSpec(language, "publisher", urls.publisher(language, pid), name, ident=pid, extra=extra))
        # Listed items first, then the ended ones: an expired or closed item keeps its page (a link
        # shared last month must not lead to a 404), unindexed and in no listing or sitemap.
        for item in [*catalogue.listed(), *ended_items(catalogue)]:
            title = plain_text(item.model.title, language, default)
            summary = plain_text(item.model.summary, language, default)
            extra = {} if catalogue.is_listed(item) else {"noindex": True}
            specs.append(
                PageSpec(
                    language,
                    "item",
                    urls.item(language, item.id),
                    title,
                    ident=item.id,
                    description=summary,
                    extra=extra,
                )
            )
    return specs


def ended_items(catalogue: Catalogue) -> list[ItemRecord]:
    """Items that are no longer listed (expired on the build date, or `status: closed`), by id."""
    return [item for _, item in sorted(catalogue.items.items()) if not catalogue.is_listed(item)]


def current_items(catalogue: Catalogue) -> list[ItemRecord]:
    """The listed items the default listing view shows: all but the `realised` ones and past
    events, newest first."""
    return [item for item in catalogue.listed() if item.model.status != "realised" and not is_past(catalogue, item)]


def unindexed_urls(catalogue: Catalogue) -> set[str]:
    """The page URLs of ended items in every language: kept for old links, left out of sitemaps."""
    return {
        urls.item(language, item.id) for language in catalogue.settings.languages for item in ended_items(catalogue)
    }


SIMILAR_WHEN_ENDED = 4
"""Similar current items an ended item's page shows first, under its notice: two rows of two."""


NOINDEX = '<meta name="robots" content="noindex">'


def noindex(page: str) -> str:
    """A whole page with the robots `noindex` tag in its head (search engines read it only there)."""
    head_end = page.find("</head>")
    return page if head_end < 0 else page[:head_end] + NOINDEX + "\n" + page[head_end:]


def _ended(catalogue: Catalogue, item: ItemRecord, language: str) -> dict[str, Any] | None:
    """Why and since when an item is no longer available, or None while it is listed.

    An expired item ended with its `valid_until` day; a closed one on the day its file was last
    committed (the change that closed it), unless it had expired before. Outside git a closed
    item's day is unknown and the page says so without a date.
    """
    if catalogue.is_listed(item):
        return None
    model = item.model
    expired = model.valid_until is not None and model.valid_until < catalogue.build_date
    committed = committed_on(catalogue, item) if model.status == "closed" else None
    closed_on = committed.date() if committed is not None else None
    if expired and (closed_on is None or model.valid_until < closed_on):
        day = model.valid_until
        text = messages.label("ended_until", language, date=format_long_date(day, language))
    elif closed_on is not None:
        day = closed_on
        text = messages.label("ended_since", language, date=format_long_date(day, language))
    else:
        day, text = None, messages.label("ended", language)
    return {"text": text, "date": day.isoformat() if day else None}


def alternates(catalogue: Catalogue, spec_url: str, language: str) -> list[dict[str, Any]]:
    """The same page in every language, for the switcher and hreflang.

    Each entry: `lang`, `name` (in its own language), `url` (relative to the site root, for
    the switcher), `href` (absolute when `site_url` is set, else None: the theme then links
    relatively), `current` and `default` (the `x-default` alternate).
    """
    settings = catalogue.settings
    rest = spec_url[len(language) + 1 :] if spec_url.startswith(language + "/") else spec_url
    return [
        {
            "lang": other,
            "name": language_name(other),
            "url": f"{other}/{rest}",
            "href": urls.absolute(settings.site_url, f"{other}/{rest}") if settings.site_url else None,
            "current": other == language,
            "default": other == settings.default_language,
        }
        for other in settings.languages
    ]


def _images(catalogue: Catalogue, item: ItemRecord, language: str) -> list[dict[str, Any]]:
    default = catalogue.settings.default_language
    return [
        {
            "url": urls.image_url(item.publisher_id, image.file),
            "caption": text_html(image.caption, language, default) if image.caption else Markup(""),
            "alt": plain_text(image.caption, language, default) if image.caption else "",
            **image_attributes(catalogue, item.publisher_id, image.file),  # size and srcset variants
        }
        for image in item.model.images
    ]


def _contact(contact, country: str) -> dict[str, Any]:
    """A contact as pages show it: the phone in international form (`Phone`, or None)."""
    phone = international(contact.phone, country) if contact.phone else None
    return {"name": contact.name, "email": contact.email, "phone": phone}


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
    ended = _ended(catalogue, item, language)
    limit = SIMILAR_WHEN_ENDED if ended else RELATED_LIMIT
    similar = [item_card(catalogue, other, language) for other in related_items(catalogue, item, limit)]
    # An ended item's pictures are no longer published (only listed items' are copied).
    return {
        "item": item_card(catalogue, item, language),
        "title_lang": title.language if title else language,
        "title_translated": bool(title and title.language == language),
        "description": _description(model.description, language, default),
        "facts": item_facts(catalogue, item, language),
        "images": [] if ended else _images(catalogue, item, language),
        "ended": ended,
        "similar": similar if ended else [],
        "listing_url": urls.listing(language),
        "contact": _contact(catalogue.contact_of(item), catalogue.country_of(item)),
        "acting": acting.acting_context(catalogue, item, language),
        "location": {
            "lat": location.lat,
            "lon": location.lon,
            "address": text_html(location.address, language, default) if location.address else "",
        },
        "publisher_url": urls.publisher(language, publisher.id),
        "publisher_name": text_html(publisher.model.name, language, default),
        "tags": list(model.tags),
        # An ended item's page shows its similar current items at the top, instead of below.
        "related": [] if ended else similar,
        "json_ld": json_ld(catalogue, item, language),
        "events": event_context(catalogue, item, language),
        "edit_url": edit_url(catalogue.settings, item.path),
        "propose_url": propose_url(language),
    }


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
            "contact": _contact(model.contact, model.country),
            "location": {"lat": model.location.lat, "lon": model.location.lon},
        },
        "about": about,
        "items": [
            item_card(catalogue, item, language)
            for item in catalogue.listed_by_publisher(publisher_id)
            if item.model.status != "realised"
        ],
        "realised": [
            item_card(catalogue, item, language)
            for item in catalogue.listed_by_publisher(publisher_id)
            if item.model.status == "realised"
        ],
        "feed": publisher_feed(catalogue, publisher_id, language),
        "all_feed": catalogue_feeds(catalogue, language)[0],
        # A cluster's or chamber's members from across the catalogue (`member_of`).
        "members": [item_card(catalogue, item, language) for item in members_of(catalogue, publisher_id)],
        "edit_url": edit_url(catalogue.settings, record.path),
        "propose_url": propose_url(language),
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
    listed = current_items(catalogue)
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
            for kind in ("site", "project", "sme", "event")
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
        "events": [item_card(catalogue, item, language) for item in upcoming_events(catalogue)[:3]],
        "events_url": urls.listing(language) + "?kind=event",
        "calendar_url": CALENDAR_URL,
        "listing_url": urls.listing(language),
        "map_url": urls.map_page(language),
    }


def page_context(catalogue: Catalogue, spec: PageSpec) -> dict[str, Any]:
    """The template context of a generated page; raises ValueError for an unknown template."""
    if spec.template == "item":
        return item_context(catalogue, catalogue.items[spec.ident], spec.language)
    if spec.template == "publisher":
        return publisher_context(catalogue, spec.ident, spec.language)
    if spec.template in LANGUAGE_CONTEXTS:
        return LANGUAGE_CONTEXTS[spec.template](catalogue, spec.language)
    raise ValueError(f"no context for {spec.template}")


def chooser_page(catalogue: Catalogue, renderer: Renderer) -> bytes:
    """The site's root `index.html`: sends a reader to the best of the configured languages."""
    settings = catalogue.settings
    html = renderer.render(
        "chooser",
        "",
        settings.default_language,
        site_name=settings.site_name,
        default=settings.default_language,
        codes=list(settings.languages),
        languages=[
            {
                "lang": lang,
                "name": language_name(lang),
                "url": urls.home(lang),
                "href": urls.public(settings.site_url, urls.home(lang), ""),
            }
            for lang in settings.languages
        ],
        default_href=urls.public(settings.site_url, urls.home(settings.default_language), ""),
        canonical=urls.absolute(settings.site_url, "") if settings.site_url else "",
    )
    return html.encode("utf-8")


def shell_specs(catalogue: Catalogue) -> list[PageSpec]:
    """One placeholder item page per language, rendered by the theme and filled per item (`shell.py`)."""
    return [
        PageSpec(
            language,
            "item",
            urls.item(language, shell.SLOT_ID),
            shell.SLOT_TITLE,
            ident=shell.SLOT_ID,
            description=shell.SLOT_DESCRIPTION,
        )
        for language in catalogue.settings.languages
    ]


def generated_meta(spec: PageSpec) -> dict[str, Any]:
    """What the theme reads from a generated page's meta: its template, hidden sidebars, description,
    and the feeds its head advertises."""
    meta: dict[str, Any] = {"prilika": spec.template}
    if spec.template in ("listing", "map", "shortlist", "publishers", "propose"):
        meta["hide"] = ["toc", "navigation"] if spec.template in ("listing", "map") else ["toc"]
    if spec.description:
        meta["description"] = html.escape(spec.description)  # the theme's templates do not autoescape
    if spec.ident == shell.SLOT_ID:
        meta.update(og_image=shell.SLOT_IMAGE, **OPEN_GRAPH)  # the item's share card (`share_cards.py`)
    if spec.extra.get("feeds"):
        meta["feeds"] = spec.extra["feeds"]  # the theme's head advertises them (`<link rel="alternate">`)
    return meta


def generated_content(catalogue: Catalogue, spec: PageSpec, renderer: Renderer, page_url: str) -> str:
    """The HTML of a generated page (an item shell's is its content slot, filled per item later)."""
    if spec.ident == shell.SLOT_ID:
        return shell.SLOT_CONTENT
    return renderer.render(spec.template, page_url, spec.language, **page_context(catalogue, spec))


def content_page_html(
    catalogue: Catalogue, renderer: Renderer, page_url: str, language: str, html_text: str, fallback: str | None
) -> str:
    """A hand-written page's HTML: marked when it borrows another language's text; the home page
    gets its figures and buttons under the opening paragraph, and the newest items below."""
    if fallback:
        note = renderer.render("fallback_note", page_url, language, source_lang=fallback)
        html_text = note + f'<div lang="{fallback}">{html_text}</div>'
    if page_url == urls.home(language):
        context = home_context(catalogue, language)
        html_text = _after_first_paragraph(html_text, renderer.render("home", page_url, language, **context))
        html_text += renderer.render("home_newest", page_url, language, **context)
    return html_text


def _after_first_paragraph(html_text: str, block: str) -> str:
    """The home page's figures and buttons go right under its opening paragraph, on the first screen."""
    end = html_text.find("</p>")
    return html_text + block if end < 0 else html_text[: end + 4] + block + html_text[end + 4 :]


def _shortlist_context(catalogue: Catalogue, language: str) -> dict[str, Any]:
    """The shortlist's context, with the labels of its interest form (`acting.labels`)."""
    return {**shortlist_context(catalogue, language), "acting_labels": acting.labels(catalogue, language)}


# The pages a language has once each, by template: an explicit registry, not names made from strings.
LANGUAGE_CONTEXTS = {
    "listing": listing_context,
    "map": map_context,
    "shortlist": _shortlist_context,
    "publishers": publishers_context,
    "propose": propose_context,
}
