"""Atom feeds (RFC 4287) per language, built with ElementTree (never a template): the newest
changes of the whole catalogue (`<lang>/feed.xml`), and one feed per publisher, per NACE section
and per kind (`<lang>/feeds/publisher/<id>.xml`, `feeds/sector/<letter>.xml`, `feeds/kind/<kind>.xml`),
so that an investor can follow one municipality or one industry.

A feed holds the listed items (`realised` ones too: that an offer found its investor is news),
most recently changed first, at most `feed_size` of them. An entry's `updated` is the last commit
of the item's file (`submission.history`), so a changed price or status reaches subscribers; its
`published` day outside git. Every feed a page may link to exists, even with no entry yet: a feed
of every publisher, of every NACE section and of every kind is written.

Links are absolute when the site knows its address (`site_url`), as feed readers that copy an
entry elsewhere need; otherwise relative to the feed's own folder, so the site works under any path.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from datetime import datetime
from xml.etree import ElementTree as ET

from generator import messages, urls
from generator.exports.xmlfile import xml_bytes
from generator.languages import localise
from generator.submission import reference
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.history import midnight, updated_on
from generator.submission.models import ITEM_MODELS

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _stamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _id(catalogue: Catalogue, path: str) -> str:
    base = catalogue.settings.site_url.rstrip("/")
    return f"{base}/{path}" if base else f"urn:prilika:{path}"


def _link(catalogue: Catalogue, feed_url: str, url: str) -> str:
    """`url` (relative to the site root, may carry a query) as the feed at `feed_url` links it."""
    site_url = catalogue.settings.site_url
    if site_url:
        return urls.absolute(site_url, url)
    path, _, query = url.partition("?")
    relative = posixpath.relpath(path, posixpath.dirname(feed_url))
    if path.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + (f"?{query}" if query else "")


def nace_sections() -> list[str]:
    """Every NACE Rev. 2 section letter, `A` to `U`."""
    return sorted(code.code for code in reference.nace().values() if code.level == 1)


def feed_kinds() -> list[str]:
    """Every kind of item, in the order of the submission format."""
    return list(ITEM_MODELS)


def kinds_label(kind: str, language: str) -> str:
    """The plural name of a kind (`sites and buildings`), else its singular one, else its code: a
    kind added to the format before its labels still gets its feed."""
    for key in (f"kinds_{kind}", f"kind_{kind}"):
        try:
            return messages.label(key, language)
        except KeyError:
            continue
    return kind


def feed_title(catalogue: Catalogue, language: str, what: str) -> str:
    """A feed's title: the catalogue's name, then what the feed follows."""
    return f"{catalogue.settings.site_name_in(language)} — {what}"


def _order(catalogue: Catalogue) -> list[ItemRecord]:
    """The listed items, most recently changed first, then newest published, then by id: the same
    order every build. Worked out once per catalogue: every feed of every language takes from it."""
    key = "feed order"
    if key not in catalogue.derived:
        catalogue.derived[key] = sorted(
            catalogue.listed(),
            key=lambda item: (-updated_on(catalogue, item).timestamp(), -item.model.published.toordinal(), item.id),
        )
    return catalogue.derived[key]


def _document(
    catalogue: Catalogue, language: str, feed_url: str, title: str, page_url: str, items: list[ItemRecord]
) -> bytes:
    """The Atom document at `feed_url` of `items` (already in feed order and cut to size)."""
    settings = catalogue.settings
    default = settings.default_language
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    updated = max((updated_on(catalogue, item) for item in items), default=midnight(catalogue.build_date))
    sub(feed, "title", title)
    sub(feed, "id", _id(catalogue, feed_url))
    sub(feed, "updated", _stamp(updated))
    sub(feed, "link", rel="self", href=_link(catalogue, feed_url, feed_url), type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=_link(catalogue, feed_url, page_url), type="text/html")
    author = sub(feed, "author")
    sub(author, "name", settings.site_name_in(language))
    for item in items:
        model = item.model
        entry = sub(feed, "entry")
        found = localise(model.title, language, default)
        sub(entry, "title", found.text if found else item.id)
        sub(entry, "id", _id(catalogue, urls.item(default, item.id)))
        sub(entry, "updated", _stamp(updated_on(catalogue, item)))
        sub(entry, "published", _stamp(midnight(model.published)))
        link = _link(catalogue, feed_url, urls.item(language, item.id))
        sub(entry, "link", rel="alternate", href=link, type="text/html")
        publisher = localise(catalogue.publisher_of(item).model.name, language, default)
        sub(sub(entry, "author"), "name", publisher.text if publisher else item.publisher_id)
        sub(entry, "category", term=item.kind, label=messages.label(f"kind_{item.kind}", language))
        for section in sorted({reference.nace_section(code) for code in model.sectors}):
            sub(entry, "category", term=section, label=reference.nace_name(section, language, default)[0])
        summary = localise(model.summary, language, default)
        if summary:
            # A status other than the default leads the summary, so that a reader sees the change.
            status = model.status
            prefix = "" if status == "available" else messages.label(f"status_{status}", language) + ": "
            sub(entry, "summary", prefix + summary.text)
    return xml_bytes(feed)


def atom_feed(catalogue: Catalogue, language: str) -> bytes:
    """The catalogue-wide feed of `language` (`<lang>/feed.xml`), as UTF-8 bytes."""
    title = feed_title(catalogue, language, messages.label("feed_title", language))
    items = _order(catalogue)[: catalogue.settings.feed_size]
    return _document(catalogue, language, urls.feed(language), title, urls.home(language), items)


def feed_files(catalogue: Catalogue) -> dict[str, bytes]:
    """Site path -> bytes of every feed of every language: the catalogue-wide one, then one per
    publisher, per NACE section and per kind, each with its newest `feed_size` changes."""
    settings = catalogue.settings
    default = settings.default_language
    ordered = _order(catalogue)
    by_publisher: dict[str, list[ItemRecord]] = defaultdict(list)
    by_section: dict[str, list[ItemRecord]] = defaultdict(list)
    by_kind: dict[str, list[ItemRecord]] = defaultdict(list)
    for item in ordered:
        by_publisher[item.publisher_id].append(item)
        by_kind[item.kind].append(item)
        for section in sorted({reference.nace_section(code) for code in item.model.sectors}):
            by_section[section].append(item)
    size = settings.feed_size
    files: dict[str, bytes] = {}
    for language in settings.languages:
        files[urls.feed(language)] = atom_feed(catalogue, language)
        listing = urls.listing(language)
        for publisher_id, record in sorted(catalogue.publishers.items()):
            name = localise(record.model.name, language, default)
            what = messages.label("feed_publisher", language, name=name.text if name else publisher_id)
            url = urls.publisher_feed(language, publisher_id)
            page = urls.publisher(language, publisher_id)
            files[url] = _document(
                catalogue, language, url, feed_title(catalogue, language, what), page, by_publisher[publisher_id][:size]
            )
        for section in nace_sections():
            name = reference.nace_name(section, language, default)[0]
            what = messages.label("feed_sector", language, code=section, name=name)
            url = urls.sector_feed(language, section)
            page = f"{listing}?sector={section}"
            files[url] = _document(
                catalogue, language, url, feed_title(catalogue, language, what), page, by_section[section][:size]
            )
        for kind in feed_kinds():
            what = messages.label("feed_kind", language, kinds=kinds_label(kind, language))
            url = urls.kind_feed(language, kind)
            page = f"{listing}?kind={kind}"
            files[url] = _document(
                catalogue, language, url, feed_title(catalogue, language, what), page, by_kind[kind][:size]
            )
    return files
