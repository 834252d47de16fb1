"""No page scrolls sideways, on a laptop or a phone (a hidden menu sticking out of the header did)."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE

PAGES = ["en/", "de/opportunities/", "sr-Cyrl/items/nis-airport-logistics/", "sq/shortlist/", "en/map/"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_page_is_wider_than_the_screen(pages, url, viewport: dict) -> None:
    page = pages.new(viewport=viewport)
    for path in PAGES:
        page.goto(url(path))
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{path} is {width} px wide on a {viewport['width']} px screen"
