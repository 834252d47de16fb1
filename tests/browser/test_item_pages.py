"""Item pages, the home page, the language switcher, and a clean console on every kind of page."""

from __future__ import annotations

import pytest

from .conftest import LANGUAGES, star_button

ITEM = "nis-former-depot"


def test_item_page_has_a_small_map_and_a_star(page, url) -> None:
    page.goto(url(f"en/items/{ITEM}/"))
    page.wait_for_selector(".prilika-map--small.leaflet-container")
    assert page.locator(".prilika-map--small .leaflet-marker-icon").count() >= 1, "no marker on the small map"
    star = star_button(page, ITEM)
    assert star.count() == 1
    star.wait_for(state="visible")
    assert star.get_attribute("aria-pressed") == "false"
    star.click()
    assert star.get_attribute("aria-pressed") == "true"
    stored = page.evaluate("localStorage.getItem('prilika-shortlist')") or ""
    assert ITEM in stored.split(","), f"localStorage prilika-shortlist = {stored!r}"
    page.reload()
    page.locator(f'button.prilika-star[data-star="{ITEM}"][aria-pressed="true"]').wait_for()
    star = page.locator(f'button.prilika-star[data-star="{ITEM}"]')
    star.click()
    assert star.get_attribute("aria-pressed") == "false"
    stored = page.evaluate("localStorage.getItem('prilika-shortlist')") or ""
    assert ITEM not in stored.split(","), f"un-starring left {stored!r}"


def test_language_switcher_keeps_the_item(page, url) -> None:
    source = "sr-Latn"
    page.goto(url(f"{source}/items/{ITEM}/"))
    links = page.locator("a.prilika-language[data-language]")
    targets = {a.get_attribute("data-language"): a.evaluate("a => a.href") for a in links.all()}
    assert set(targets) == set(LANGUAGES), f"switcher languages: {sorted(targets)}"
    for language, href in targets.items():
        assert href == url(f"{language}/items/{ITEM}/"), f"{language} link goes to {href}"
    # a real click through the switcher menu
    page.locator(".md-header .md-select").first.hover()
    page.locator('a.prilika-language[data-language="sr-Cyrl"]').first.click()
    page.wait_for_url(url(f"sr-Cyrl/items/{ITEM}/"))
    assert page.locator("html").get_attribute("lang") == "sr-Cyrl"
    assert page.locator(f'[data-item-id="{ITEM}"]').count() >= 1
    for language in ("en", "de", "sq"):
        page.goto(targets[language])
        assert page.locator("html").get_attribute("lang") == language, targets[language]
        assert page.locator(f'[data-item-id="{ITEM}"]').count() >= 1


def test_home_page(page, url) -> None:
    page.goto(url("en/"))
    assert page.locator("html").get_attribute("lang") == "en"
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)")
    assert url("en/opportunities/") in hrefs
    assert url("en/map/") in hrefs
    page.goto(url(""))  # the site root sends the reader to a language
    page.wait_for_url(lambda u: u != url(""))
    assert page.locator("html").get_attribute("lang") in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_of_page_loads_cleanly(page, url, rows, language) -> None:
    """No console error, no page error, no HTTP error, nothing from another host (checked after the test)."""
    item = rows[language][0]["id"]
    publisher = rows[language][0]["publisher"]
    for path in (
        f"{language}/",
        f"{language}/opportunities/",
        f"{language}/map/",
        f"{language}/shortlist/",
        f"{language}/items/{item}/",
        f"{language}/publishers/",
        f"{language}/publishers/{publisher}/",
    ):
        response = page.goto(url(path))
        assert response is not None and response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language, path
    page.wait_for_timeout(300)  # late errors from map or listing scripts


def test_foreign_hosts_are_caught(page, url, watch) -> None:
    """The harness itself: a request to another host is refused and recorded; tiles are answered locally."""
    page.goto(url("en/"))
    page.evaluate(
        """async () => {
          await fetch('https://tile.openstreetmap.org/1/0/0.png', {mode: 'no-cors'});
          try { await fetch('https://example.com/x.js', {mode: 'no-cors'}); } catch (e) {}
        }"""
    )
    assert watch.foreign == ["https://example.com/x.js"]
    watch.foreign.clear()
    watch.console_errors.clear()
    watch.requests[:] = [r for r in watch.requests if "example.com" not in r]
