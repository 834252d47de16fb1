"""Pictures in Chromium: item pages load their WebP variants with no layout shift, on a laptop and
a phone; listing cards show small pictures; every share card that a page names loads (SPEC
"Pictures")."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from .conftest import LANGUAGES, PHONE

ITEM = "nis-plot-north-zone"


def _show_all_pictures(page, selector: str) -> list[dict]:
    """Scroll each lazy picture of `selector` into view, wait until all have loaded, and return,
    per picture, its natural size, the file chosen from `srcset` and its box."""
    for image in page.locator(selector).all():
        image.scroll_into_view_if_needed()
    page.wait_for_function(
        "(s) => Array.from(document.querySelectorAll(s)).every((i) => i.complete && i.naturalWidth > 0)", arg=selector
    )
    return page.evaluate(
        """(s) => Array.from(document.querySelectorAll(s)).map((i) => ({
            natural: [i.naturalWidth, i.naturalHeight], src: i.currentSrc,
            box: [i.getBoundingClientRect().width, i.getBoundingClientRect().height],
            attributes: [Number(i.getAttribute('width')), Number(i.getAttribute('height'))]}))""",
        selector,
    )


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_item_pictures_load_from_webp_variants_without_layout_shift(pages, url, device: str) -> None:
    page = pages.new(viewport=PHONE, device_scale_factor=3, is_mobile=True) if device == "phone" else pages.new()
    page.goto(url(f"en/items/{ITEM}/"))
    selector = ".prilika-images img"
    # Before loading, the box already has the picture's proportions (width and height attributes).
    before = page.evaluate(
        "(s) => Array.from(document.querySelectorAll(s)).map((i) => i.getBoundingClientRect().height)", selector
    )
    shown = _show_all_pictures(page, selector)
    assert shown, "the item has pictures"
    width = page.viewport_size["width"]
    for picture, height_before in zip(shown, before, strict=True):
        assert picture["src"].endswith(".webp"), picture
        assert picture["natural"][0] > 0
        assert abs(picture["box"][1] - height_before) < 1, "the picture's box changed height as it loaded"
        assert picture["box"][0] <= width
        ratio = picture["attributes"][0] / picture["attributes"][1]
        assert abs(picture["box"][0] / picture["box"][1] - ratio) < 0.02


def test_listing_cards_show_small_pictures(page, url) -> None:
    page.goto(url("en/opportunities/"))
    page.wait_for_selector('.prilika-listing[data-ready="true"]')
    selector = ".prilika-card__picture"
    count = page.locator(selector).count()
    assert count >= 5, "the example items with pictures have a picture on their card"
    assert page.locator(f'.prilika-card[data-item-id="{ITEM}"] {selector}').count() == 1
    shown = _show_all_pictures(page, selector)
    for picture in shown:
        # A card is at most a few hundred pixels wide: the browser picks the smallest variant.
        assert picture["src"].endswith("-480.webp"), picture["src"]
        assert 0 < picture["box"][0] <= 480


def test_every_share_card_loads(page, url) -> None:
    for language in LANGUAGES:
        page.goto(url(f"{language}/items/{ITEM}/"))
        card = page.locator('meta[property="og:image"]').get_attribute("content")
        response = page.request.get(urljoin(page.url, card))
        assert response.status == 200 and response.headers["content-type"] == "image/jpeg"
        size = page.evaluate(
            "(u) => new Promise((ok) => { const i = new Image();"
            " i.onload = () => ok([i.naturalWidth, i.naturalHeight]); i.src = u; })",
            urljoin(page.url, card),
        )
        assert size == [1200, 630], language


def test_a_filtered_out_card_with_a_picture_stays_hidden(page, url) -> None:
    page.goto(url("en/opportunities/?kind=project"))
    page.wait_for_selector('.prilika-listing[data-ready="true"]')
    cards = page.evaluate(
        """() => Array.from(document.querySelectorAll('.prilika-results > .prilika-card')).map((c) => ({
            id: c.dataset.itemId, hidden: c.hidden, picture: !!c.querySelector('.prilika-card__picture'),
            shown: c.getClientRects().length > 0}))"""
    )
    with_pictures = [card for card in cards if card["picture"]]
    assert [card for card in with_pictures if card["hidden"]], "some cards with pictures are filtered out"
    assert [card["id"] for card in cards if card["hidden"] and card["shown"]] == []
