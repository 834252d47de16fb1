"""An Atom feed of the newest items per language, built with ElementTree (never a template).

Links are absolute when the site knows its address (`site_url`), as feed readers that copy an
entry elsewhere need; otherwise relative to the feed's own folder (`<lang>/`), so the site works
under any path.
"""

from __future__ import annotations

from datetime import datetime, time, timezone
from xml.etree import ElementTree as ET

from generator import messages, urls
from generator.exports.xmlfile import xml_bytes
from generator.languages import localise
from generator.submission.catalogue import Catalogue

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day) -> str:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")


def _id(catalogue: Catalogue, path: str) -> str:
    base = catalogue.settings.site_url.rstrip("/")
    return f"{base}/{path}" if base else f"urn:prilika:{path}"


def _link(catalogue: Catalogue, language: str, url: str) -> str:
    """`url` (relative to the site root, inside `<language>/`) as the feed links it."""
    site_url = catalogue.settings.site_url
    if site_url:
        return urls.absolute(site_url, url)
    return url[len(language) + 1 :] or "./"


def atom_feed(catalogue: Catalogue, language: str) -> bytes:
    """The Atom document (RFC 4287) of the newest listed items in `language`, as UTF-8 bytes."""
    default = catalogue.settings.default_language
    ET.register_namespace("", ATOM)
    feed_url = urls.feed(language)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})
    newest = catalogue.listed()[: catalogue.settings.feed_size]
    updated = max((i.model.published for i in newest), default=catalogue.build_date)

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(feed, "title", f"{catalogue.settings.site_name_in(language)} — {messages.label('feed_title', language)}")
    sub(feed, "id", _id(catalogue, feed_url))
    sub(feed, "updated", _stamp(updated))
    sub(feed, "link", rel="self", href=_link(catalogue, language, feed_url))
    sub(feed, "link", rel="alternate", href=_link(catalogue, language, urls.home(language)), type="text/html")
    author = sub(feed, "author")
    sub(author, "name", catalogue.settings.site_name_in(language))
    for item in newest:
        entry = sub(feed, "entry")
        title = localise(item.model.title, language, default)
        summary = localise(item.model.summary, language, default)
        sub(entry, "title", title.text if title else item.id)
        sub(entry, "id", _id(catalogue, urls.item(default, item.id)))
        sub(entry, "updated", _stamp(item.model.published))
        sub(entry, "published", _stamp(item.model.published))
        page = _link(catalogue, language, urls.item(language, item.id))
        sub(entry, "link", rel="alternate", href=page, type="text/html")
        sub(entry, "category", term=item.kind)
        if summary:
            sub(entry, "summary", summary.text)
    return xml_bytes(feed)
