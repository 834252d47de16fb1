"""The feeds a page offers its readers: links to `exports.feed`'s files, with their titles.

The listing offers the catalogue's feed and each kind's, and the feed of each kind, sector and
publisher value its filter can tick; a publisher's page offers that publisher's. Each link comes
with the feed's own title, for the head's `<link rel="alternate" type="application/atom+xml">`
that feed readers discover, and a short label for the visible link.
"""

from __future__ import annotations

from typing import Any

from generator import messages, urls
from generator.exports.feed import feed_kinds, feed_title, kinds_label
from generator.site.cards import plain_text
from generator.submission import reference
from generator.submission.catalogue import Catalogue


def feed_link(catalogue: Catalogue, language: str, url: str, what: str) -> dict[str, Any]:
    """A feed as a page offers it: `url` relative to the site root (`href` absolute under
    `site_url`, for the head's `<link rel="alternate">`), `label` for the visible link (`what`,
    capitalised), `title` (the feed's own title) for feed readers."""
    site_url = catalogue.settings.site_url
    return {
        "url": url,
        "href": urls.absolute(site_url, url) if site_url else None,
        "label": what[:1].upper() + what[1:],
        "title": feed_title(catalogue, language, what),
    }


def catalogue_feeds(catalogue: Catalogue, language: str) -> list[dict[str, Any]]:
    """The catalogue-wide feed and the feed of every kind: what the listing offers to everyone."""
    feeds = [feed_link(catalogue, language, urls.feed(language), messages.label("feed_title", language))]
    for kind in feed_kinds():
        what = messages.label("feed_kind", language, kinds=kinds_label(kind, language))
        feeds.append(feed_link(catalogue, language, urls.kind_feed(language, kind), what) | {"kind": kind})
    return feeds


def publisher_feed(catalogue: Catalogue, publisher_id: str, language: str) -> dict[str, Any]:
    name = plain_text(catalogue.publishers[publisher_id].model.name, language, catalogue.settings.default_language)
    what = messages.label("feed_publisher", language, name=name or publisher_id)
    return feed_link(catalogue, language, urls.publisher_feed(language, publisher_id), what)


def sector_feed(catalogue: Catalogue, section: str, language: str) -> dict[str, Any]:
    name = reference.nace_name(section, language, catalogue.settings.default_language)[0]
    what = messages.label("feed_sector", language, code=section, name=name)
    return feed_link(catalogue, language, urls.sector_feed(language, section), what)
