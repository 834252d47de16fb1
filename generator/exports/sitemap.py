"""`sitemap.xml` with hreflang alternates, written when the site knows its address (site_url)."""

from __future__ import annotations

from xml.etree import ElementTree as ET

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap(site_url: str, pages: list[list[tuple[str, str]]]) -> bytes:
    """`pages`: for each page, its (language, url) in every language."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    base = site_url.rstrip("/") + "/"
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for versions in pages:
        for _, url in versions:
            entry = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = base + url
            for other_lang, other_url in versions:
                ET.SubElement(
                    entry, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": other_lang, "href": base + other_url}
                )
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
