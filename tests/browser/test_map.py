"""The map page: every listed item (but past events) as a clustered marker, popups linking to the item in the
page's language."""

from __future__ import annotations

import pytest

from .test_listing import wait_map_total

SCOPE = '.prilika-map[data-map="all"]'


def open_map(page, url, language: str) -> None:
    page.goto(url(f"{language}/map/"))
    page.wait_for_selector(f'{SCOPE}[data-ready="true"]')


def test_map_page_shows_every_listed_item_clustered(page, url, rows) -> None:
    open_map(page, url, "en")
    page.wait_for_selector(f"{SCOPE} .marker-cluster")
    # Past events are left out: an event that is over is no place to go.
    located = [r for r in rows["en"] if r.get("lat") is not None and r["when"] != "past"]
    total = wait_map_total(page, SCOPE, len(located))
    assert total == len(located), f"clusters and markers on the map page add up to {total}, not {len(located)}"


POPUPS = [("en", "cacak-orchard-land"), ("de", "bar-olive-mill"), ("sr-Cyrl", "nis-former-depot")]


@pytest.mark.parametrize(("language", "item"), POPUPS)
def test_popup_links_to_the_item_in_the_pages_language(page, url, language, item) -> None:
    open_map(page, url, language)
    assert page.evaluate("() => !!(window.prilikaMaps && window.prilikaMaps.all && window.prilikaMaps.all.open)"), (
        "window.prilikaMaps.all.open is missing"
    )
    page.evaluate("(id) => window.prilikaMaps.all.open(id)", item)
    link = page.locator(f"{SCOPE} .leaflet-popup-content a[href]").first
    link.wait_for(state="visible")
    href = link.evaluate("a => a.href")
    assert href == url(f"{language}/items/{item}/"), f"popup link of {item} on the {language} map: {href}"
    link.click()
    page.wait_for_url(url(f"{language}/items/{item}/"))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(f'[data-item-id="{item}"]').count() >= 1


def test_map_page_without_javascript_lists_the_items(pages, url, rows) -> None:
    page = pages.new(java_script_enabled=False)
    page.goto(url("en/map/"))
    hrefs = set(page.eval_on_selector_all("main a[href]", "links => links.map((a) => a.href)"))
    missing = [r["id"] for r in rows["en"] if r["when"] != "past" and url(f"en/items/{r['id']}/") not in hrefs]
    assert not missing, f"items without a link on the map page without JavaScript: {missing}"
