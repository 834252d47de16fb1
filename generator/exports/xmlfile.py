"""The one way Prilika turns an ElementTree into XML bytes: UTF-8, indented, never ill-formed.

Submitted text can hold characters that XML 1.0 forbids anywhere in a document (a vertical tab
from a spreadsheet cell's manual line break, NUL, ESC, U+FFFE): one of them in one title makes
the whole feed unreadable, for every item. Validation refuses them; this is the second line of
defence, so that no input, whatever reaches the writer, can break a feed or a sitemap. Every XML
writer serialises through `xml_bytes`, which cleans every text, tail and attribute of the tree.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

# XML 1.0 (Fifth Edition), section 2.2, production [2] Char:
#   #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
# Everything else is forbidden: C0 controls other than tab, LF and CR, lone surrogates
# (U+D800-U+DFFF, which a Python str can hold), U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A vertical tab or form feed is a line or page break in office programs: it separated words.
_BREAKS = re.compile("[\v\f]")


def xml_text(text: str) -> str:
    """`text` with every character XML 1.0 forbids taken out: U+000B and U+000C become a space
    (they separated words), the others (U+0000-U+0008, U+000E-U+001F, surrogates, U+FFFE,
    U+FFFF) are dropped. Any other text comes back unchanged."""
    return _FORBIDDEN.sub("", _BREAKS.sub(" ", text))


def _clean(element: ET.Element) -> None:
    for node in element.iter():
        if node.text:
            node.text = xml_text(node.text)
        if node.tail:
            node.tail = xml_text(node.tail)
        if node.attrib:
            node.attrib = {key: xml_text(value) for key, value in node.attrib.items()}


def xml_bytes(root: ET.Element) -> bytes:
    """`root` as an indented UTF-8 document with its XML declaration and a final newline.

    Every text and attribute value is passed through `xml_text` first, so the result is
    well-formed whatever the strings in the tree hold. Tag and attribute names are the
    writer's own and are not touched.
    """
    _clean(root)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
