"""Item pages from one rendered page shell per language, instead of one theme render each.

Every item page of a language shares its chrome: same depth, same navigation,
same scripts. MkDocs and Material render one placeholder item page per
language with slots in it; each real item page is that shell with its slots
filled. Material's full template costs a few milliseconds a page, which at
thousands of items times five languages was most of the build.
"""

from __future__ import annotations

import html
import re

SLOT_ID = "prilika-item-slot"
SLOT_TITLE = "PRILIKATITLESLOT"
SLOT_DESCRIPTION = "PRILIKADESCRIPTIONSLOT"
SLOT_IMAGE = "PRILIKAIMAGESLOT"
SLOT_CONTENT = "<h1>PRILIKACONTENTSLOT</h1>"
_OG_IMAGE = re.compile(r'\s*<meta property="og:image" content="[^"]*' + SLOT_IMAGE + r'[^"]*">')


class Shell:
    """A rendered placeholder page, split once so that filling it is a few joins."""

    def __init__(self, page: str) -> None:
        if SLOT_CONTENT not in page:
            raise ValueError("the item page shell lost its content slot (a theme override without page.content?)")
        self.with_image = page
        self.without_image = _OG_IMAGE.sub("", page)

    def fill(self, item_id: str, title: str, description: str, image_url: str | None, content: str) -> str:
        page = self.with_image if image_url else self.without_image
        head, tail = page.split(SLOT_CONTENT, 1)
        parts = []
        for part in (head, tail):
            part = part.replace(SLOT_ID, item_id)
            part = part.replace(SLOT_TITLE, html.escape(title, quote=True))
            part = part.replace(SLOT_DESCRIPTION, html.escape(description, quote=True))
            if image_url:
                part = part.replace(SLOT_IMAGE, html.escape(image_url, quote=True))
            parts.append(part)
        return parts[0] + content + parts[1]
