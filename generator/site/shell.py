"""Item pages from one rendered page shell per language, instead of one theme render each.

Every item page of a language shares its chrome: same depth, same navigation,
same scripts. MkDocs and Material render one placeholder item page per
language with slots in it; each real item page is that shell with its slots
filled. Material's full template costs a few milliseconds a page, which at
thousands of items times five languages was most of the build.

The slots are filled in one pass over the shell, so a submitted text that
contains a slot's name (a title written as `PRILIKADESCRIPTIONSLOT`) is never
itself searched for slots: it comes out as written.
"""

from __future__ import annotations

import html
import re

SLOT_ID = "prilika-item-slot"
SLOT_TITLE = "PRILIKATITLESLOT"
SLOT_DESCRIPTION = "PRILIKADESCRIPTIONSLOT"
SLOT_IMAGE = "PRILIKAIMAGESLOT"
SLOT_CONTENT = "<h1>PRILIKACONTENTSLOT</h1>"
# The picture's tag and the size, type and Twitter tags that follow it (theme/main.html) go together.
_OG_IMAGE = re.compile(
    r'\s*<meta property="og:image" content="[^"]*' + SLOT_IMAGE + r'[^"]*">'
    r'(?:<meta (?:property="og:image:[a-z]+"|name="twitter:card") content="[^"]*">)*'
)
_SLOT_NAMES = (SLOT_CONTENT, SLOT_ID, SLOT_TITLE, SLOT_DESCRIPTION, SLOT_IMAGE)
_SLOTS = re.compile("|".join(re.escape(slot) for slot in _SLOT_NAMES))


class Shell:
    """A rendered placeholder page, split once at its slots so that filling it is one join."""

    def __init__(self, page: str) -> None:
        if SLOT_CONTENT not in page:
            raise ValueError("the item page shell lost its content slot (a theme override without page.content?)")
        self.with_image = _split(page)
        self.without_image = _split(_OG_IMAGE.sub("", page))

    def fill(self, item_id: str, title: str, description: str, image_url: str | None, content: str) -> str:
        """The item's page: `title`, `description` and `image_url` are plain text (escaped here),
        `content` is the item's HTML, placed where the theme puts a page's content."""
        values = {
            SLOT_CONTENT: content,
            SLOT_ID: item_id,
            SLOT_TITLE: html.escape(title, quote=True),
            SLOT_DESCRIPTION: html.escape(description, quote=True),
            SLOT_IMAGE: html.escape(image_url or "", quote=True),
        }
        parts = self.with_image if image_url else self.without_image
        return "".join(values[part] if i % 2 else part for i, part in enumerate(parts))


def _split(page: str) -> list[str]:
    """The page as [text, slot, text, slot, ..., text]: odd entries are slot names."""
    parts: list[str] = []
    start = 0
    for match in _SLOTS.finditer(page):
        parts += [page[start : match.start()], match.group(0)]
        start = match.end()
    parts.append(page[start:])
    return parts
