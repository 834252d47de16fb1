"""Every XML output is well-formed whatever the submissions hold (SPEC.md, "Fidelity of the outputs").

The writer is tested on every code point, on random text (surrogates included), through the feed
and sitemap functions with a hostile catalogue, and by reading the package: no module writes XML
any other way than through `xml_bytes`.
"""

from __future__ import annotations

import dataclasses
import re
import xml.dom.minidom
from pathlib import Path
from xml.etree import ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO, validate_dir
from generator.exports.feed import atom_feed
from generator.exports.sitemap import sitemap, sitemap_files
from generator.exports.xmlfile import xml_bytes, xml_text
from hostile_catalogue import FORBIDDEN_IN_XML, hostile, inject

ATOM = "{http://www.w3.org/2005/Atom}"


def _allowed(code: int) -> bool:
    # XML 1.0 (Fifth Edition), production [2] Char.
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def test_xml_text_removes_exactly_the_characters_xml_forbids() -> None:
    every = "".join(map(chr, range(0x110000)))
    expected = "".join(
        " " if code in (0xB, 0xC) else chr(code) for code in range(0x110000) if _allowed(code) or code in (0xB, 0xC)
    )
    assert xml_text(every) == expected


def test_a_vertical_tab_from_an_office_line_break_becomes_a_space() -> None:
    assert xml_text("Plot in the south zone\vphase 1") == "Plot in the south zone phase 1"


def _document(text: str) -> bytes:
    root = ET.Element("root", {"value": text})
    child = ET.SubElement(root, "child", {"other": text})
    child.text = text
    child.tail = text
    return xml_bytes(root)


def _parsed_text(text: str) -> str:
    # XML parsers turn CR and CR LF in character data into LF (section 2.11); attributes keep
    # them, because ElementTree writes them as character references.
    return xml_text(text).replace("\r\n", "\n").replace("\r", "\n")


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())))
def test_any_text_in_any_element_or_attribute_gives_a_well_formed_document(text: str) -> None:
    data = _document(text)
    xml.dom.minidom.parseString(data)
    root = ET.fromstring(data)
    assert root.get("value") == xml_text(text)
    assert root[0].get("other") == xml_text(text)
    assert (root[0].text or "") == _parsed_text(text)


def test_every_forbidden_character_alone_and_together() -> None:
    for text in [*FORBIDDEN_IN_XML, FORBIDDEN_IN_XML, "\ud800", "a\udfffb", "\U0001f600\ud83d"]:
        xml.dom.minidom.parseString(_document(text))


def _hostile_catalogue(tmp_path: Path, site_url: str = ""):
    from conftest import copy_good

    catalogue = inject(validate_dir(copy_good(tmp_path / "catalogue")).catalogue)
    catalogue.settings = dataclasses.replace(catalogue.settings, site_url=site_url)
    return catalogue


def test_feeds_are_well_formed_and_keep_the_readable_text(tmp_path: Path) -> None:
    for site_url in ("", "https://example.org/catalogue/"):
        catalogue = _hostile_catalogue(tmp_path / (site_url and "with-url" or "without"), site_url)
        for language in catalogue.settings.languages:
            data = atom_feed(catalogue, language)
            xml.dom.minidom.parseString(data)
            root = ET.fromstring(data)
            titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
            assert len(titles) == 3
            for title in titles:
                assert "<b>&amp;</b> ]]>" in title and not set(title) & set(FORBIDDEN_IN_XML)
        # The English title of the first entry, as submitted but for the characters XML forbids:
        # the vertical tab is a space, the others are gone.
        english = ET.fromstring(atom_feed(catalogue, "en")).find(f"{ATOM}entry/{ATOM}title").text
        assert english == "=Frozen berries producer (phase 1)    <b>&amp;</b> ]]> [31mČačak"


def test_sitemap_is_well_formed_whatever_the_page_addresses_hold() -> None:
    odd = "en/" + hostile("page") + "/"
    data = sitemap("https://example.org/\x0bcatalogue/", [[("en", odd), ("de", "de/x/")]])
    xml.dom.minidom.parseString(data)
    files = sitemap_files("https://example.org/", [odd, "de/" + hostile("x")], ["en", "de"])
    for data in files.values():
        assert data.startswith(b"<?xml") or data[:2] == b"\x1f\x8b"
    xml.dom.minidom.parseString(files["sitemap.xml"])


def test_every_xml_writer_serialises_through_xml_bytes() -> None:
    """A module that builds XML must not serialise it by itself: `xml_bytes` is the one way out."""
    writers = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name == "xmlfile.py":
            continue
        if re.search(r"\bElementTree\b|\bminidom\b|\blxml\b|\bxml\.sax\b", text):
            writers.append(path.relative_to(REPO).as_posix())
            assert "xml_bytes(" in text, f"{path}: builds XML but does not write it with xml_bytes"
            assert not re.search(r"\.tostring\(|\.write\(|toxml\(|toprettyxml\(", text), path
        # XML written as a string (a template or an f-string) would escape no one's text.
        assert not re.search(r"""["']<\?xml""", text), f"{path}: XML written as a string"
    assert {"generator/exports/feed.py", "generator/exports/sitemap.py"} <= set(writers)
