"""`sitemap.xml` and `sitemap.xml.gz` with hreflang alternates, written when the site knows its
address (`site_url`): the sitemap protocol wants absolute URLs."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from generator import urls
from generator.exports.xmlfile import xml_bytes

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap(site_url: str, pages: list[list[tuple[str, str]]]) -> bytes:
    """`pages`: for each page, its (language, url) in every language."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for versions in pages:
        for _, url in versions:
            entry = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = urls.absolute(site_url, url)
            for other_lang, other_url in versions:
                href = urls.absolute(site_url, other_url)
                ET.SubElement(entry, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": other_lang, "href": href})
    return xml_bytes(root)


def page_groups(page_urls: Iterable[str], languages: Iterable[str]) -> list[list[tuple[str, str]]]:
    """The site's pages (`de/about/`), grouped as the same page in each language that has it,
    sorted by path; pages outside a language folder (the root chooser) are left out."""
    languages = list(languages)
    groups: dict[str, list[tuple[str, str]]] = {}
    for url in page_urls:
        language = url.split("/", 1)[0]
        if language in languages:
            groups.setdefault(url[len(language) + 1 :], []).append((language, url))
    return [sorted(group, key=lambda entry: languages.index(entry[0])) for _, group in sorted(groups.items())]


def sitemap_files(
    site_url: str, page_urls: Iterable[str], languages: Iterable[str], unindexed: Iterable[str] = ()
) -> dict[str, bytes]:
    """`sitemap.xml` and the same bytes gzipped (with no time stamp, so builds stay identical).

    `unindexed`: page URLs left out, the pages that tell search engines `noindex` (an expired or
    closed item's page, kept so that old links still lead somewhere).
    """
    hidden = set(unindexed)
    xml = sitemap(site_url, page_groups((url for url in page_urls if url not in hidden), languages))
    return {"sitemap.xml": xml, "sitemap.xml.gz": gzip.compress(xml, mtime=0)}
