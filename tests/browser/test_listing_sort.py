"""The listing's order, its phone layout, the feeds it offers and its realised items, in Chromium.

The order is part of the address (`?sort=area`) and survives a reload and the back button;
without JavaScript the static order is newest first. On a phone, a listing opened with filters in
its address (a shared link) shows its results first, the active filters as chips above them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from conftest import copy_good

from .conftest import PHONE, count_numbers, outermost_items
from .expected import expected_ids
from .site_server import build, serve

READY = '.prilika-listing[data-ready="true"]'
RESULTS = ".prilika-results"


def open_listing(page, address: str) -> None:
    page.goto(address)
    page.wait_for_selector(READY)


def shown_order(page) -> list[str]:
    """The ids of the shown cards, in the order the page lays them out."""
    return [item["id"] for item in outermost_items(page, RESULTS) if not item["hidden"]]


def query(page) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page.url).query))


def by_area(rows: list[dict]) -> list[str]:
    """Largest land area first; rows without one last; ties in the build's order (newest first)."""
    ranked = list(enumerate(rows))
    with_area = sorted((r for r in ranked if r[1].get("area") is not None), key=lambda r: (-r[1]["area"], r[0]))
    return [row["id"] for _, row in with_area] + [row["id"] for _, row in ranked if row.get("area") is None]


def by_price(rows: list[dict]) -> list[str]:
    """Lowest sale price or investment first; rows with neither last."""

    def amount(row: dict) -> float | None:
        if row.get("price") is not None:
            return row["price"]
        return row["investment"][0] if row.get("investment") else None

    ranked = list(enumerate(rows))
    priced = sorted((r for r in ranked if amount(r[1]) is not None), key=lambda r: (amount(r[1]), r[0]))
    return [row["id"] for _, row in priced] + [row["id"] for _, row in ranked if amount(row) is None]


def shown_by_default(rows: list[dict]) -> list[dict]:
    """The rows the listing shows before anything is ticked (past events and success stories wait)."""
    visible = expected_ids(rows, {})
    return [row for row in rows if row["id"] in visible]


def test_the_sort_round_trips_through_the_address(page, url, rows) -> None:
    en = shown_by_default(rows["en"])
    newest = [row["id"] for row in en]
    open_listing(page, url("en/opportunities/"))
    assert page.locator("select[name=sort]").is_visible()
    assert shown_order(page) == newest
    page.select_option("select[name=sort]", "area")
    assert query(page) == {"sort": "area"}
    assert shown_order(page) == by_area(en)
    # The address alone gives the same view: reload it.
    page.reload()
    page.wait_for_selector(READY)
    assert page.locator("select[name=sort]").input_value() == "area"
    assert shown_order(page) == by_area(en)
    page.select_option("select[name=sort]", "title")
    titles = {row["id"]: row["title"] for row in en}
    order = shown_order(page)
    in_order = page.evaluate(
        "(titles) => titles.every((t, i) => i === 0 || new Intl.Collator('en', {sensitivity: 'base', numeric: true})"
        ".compare(titles[i - 1], t) <= 0)",
        [titles[ident] for ident in order],
    )
    assert in_order and sorted(order) == sorted(newest)
    # Back: the previous order, from the address.
    page.go_back()
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'area'")
    assert page.locator("select[name=sort]").input_value() == "area"
    assert shown_order(page) == by_area(en)
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert page.locator("select[name=sort]").input_value() == "newest"
    assert shown_order(page) == newest


def test_a_sorted_filtered_address_opens_as_it_was_left(page, url, rows) -> None:
    en = rows["en"]
    open_listing(page, url("en/opportunities/?kind=site,project&sort=price"))
    assert page.locator("select[name=sort]").input_value() == "price"
    assert page.locator('input[name="kind"][value="site"]').is_checked()
    wanted = expected_ids(en, {"kind": ["site", "project"]})
    assert shown_order(page) == [ident for ident in by_price(en) if ident in wanted]
    # Clearing the filters keeps the order; the order is last in the address.
    page.click(".prilika-reset")
    assert query(page) == {"sort": "price"}
    page.locator('input[name="country"][value="RS"]').check()
    assert list(query(page)) == ["country", "sort"]
    # An order the page does not know is the default one.
    open_listing(page, url("en/opportunities/?sort=cheapest"))
    assert page.locator("select[name=sort]").input_value() == "newest"
    assert shown_order(page) == [row["id"] for row in shown_by_default(en)]


def test_without_javascript_the_listing_is_newest_first(pages, url, rows) -> None:
    page = pages.new(java_script_enabled=False)
    page.goto(url("en/opportunities/?sort=area"))
    cards = page.eval_on_selector_all(f"{RESULTS} > [data-item-id]", "els => els.map((e) => e.dataset.itemId)")
    assert cards == [row["id"] for row in rows["en"]]
    assert not page.locator("select[name=sort]").is_visible()


def test_a_filtered_listing_on_a_phone_shows_its_results_first(pages, url, rows) -> None:
    page = pages.new(viewport=PHONE, is_mobile=True, has_touch=True)
    open_listing(page, url("de/opportunities/?kind=site&sector=C"))
    expected = expected_ids(rows["de"], {"kind": ["site"], "sector": ["C"]})
    first = page.locator(f"{RESULTS} > [data-item-id]:not([hidden])").first
    assert first.get_attribute("data-item-id") in expected
    box = first.bounding_box()
    assert box["y"] < PHONE["height"], "the first result is not on the first screen"
    assert box["y"] < page.locator("form.prilika-filters").bounding_box()["y"], "the filters come before the results"
    assert not page.locator("details.prilika-filters__panel").evaluate("(d) => d.open")
    chips = page.locator(".prilika-active .prilika-chip").all_inner_texts()
    assert chips[0] == "Art: Standort", chips
    assert chips[1].startswith("Branche (NACE-Abschnitt): C Verarbeitendes Gewerbe"), chips
    assert page.locator(".prilika-active").bounding_box()["y"] < box["y"]
    assert len(expected) in count_numbers(page)
    # A chip removes its filter, from the view and from the address.
    page.locator(".prilika-chip", has_text="Standort").click()
    assert query(page) == {"sector": "C"}
    assert page.locator(".prilika-active .prilika-chip").count() == 1
    # The button brings the filters back, open, above the results.
    page.click(".prilika-active__open")
    page.wait_for_timeout(100)
    assert page.locator("details.prilika-filters__panel").evaluate("(d) => d.open")
    assert page.locator('input[name="kind"][value="site"]').is_visible()
    form_y = page.locator("form.prilika-filters").bounding_box()["y"]
    assert form_y < page.locator(f"{RESULTS} > [data-item-id]:not([hidden])").first.bounding_box()["y"]


def test_an_unfiltered_listing_on_a_phone_starts_with_search_and_no_chips(pages, url) -> None:
    page = pages.new(viewport=PHONE, is_mobile=True, has_touch=True)
    open_listing(page, url("en/opportunities/"))
    assert not page.locator(".prilika-active").is_visible()
    search_y = page.locator("#prilika-q").bounding_box()["y"]
    assert search_y < page.locator(f"{RESULTS} > [data-item-id]").first.bounding_box()["y"]


def test_the_listing_offers_the_feeds_of_its_filter(page, url) -> None:
    open_listing(page, url("en/opportunities/"))
    matching = page.locator(".prilika-feeds__matching")
    assert not matching.is_visible()
    page.locator('input[name="kind"][value="site"]').check()
    page.locator('input[name="publisher"][value="nis"]').check()
    offered = page.eval_on_selector_all(
        ".prilika-feeds__matching a.prilika-feed:not([hidden])", "els => els.map((a) => a.href)"
    )
    assert [urlsplit(href).path.split("/catalogue/")[1] for href in offered] == [
        "en/feeds/kind/site.xml",
        "en/feeds/publisher/nis.xml",
    ]
    for href in offered:
        response = page.request.get(href)
        assert response.ok and b'<feed xmlns="http://www.w3.org/2005/Atom"' in response.body()
    page.locator('input[name="kind"][value="site"]').uncheck()
    page.locator('input[name="publisher"][value="nis"]').uncheck()
    assert not matching.is_visible()


@pytest.fixture(scope="module")
def realised_site(tmp_path_factory: pytest.TempPathFactory):
    """The small test catalogue with one realised item, built and served under a sub-path."""
    folder = copy_good(tmp_path_factory.mktemp("realised") / "catalogue")
    items = folder / "opportunities" / "testgrad"
    park = (items / "solar-park.yaml").read_text(encoding="utf-8")
    (items / "done-park.yaml").write_text(park.replace("model: ppp\n", "model: ppp\nstatus: realised\n"), "utf-8")
    site = folder.parent / "site"
    build(folder / "mkdocs.yml", site)
    with serve(site, folder.parent / "served") as base:
        yield base, site
    shutil.rmtree(folder.parent / "served", ignore_errors=True)


def test_realised_items_wait_behind_their_status_filter(pages, realised_site) -> None:
    base, site = realised_site
    rows = json.loads((Path(site) / "api/listing-en.json").read_text(encoding="utf-8"))["items"]
    current = [row["id"] for row in rows if row["status"] != "realised"]
    page = pages.new()
    open_listing(page, base + "en/opportunities/")
    assert shown_order(page) == current
    assert count_numbers(page) == [len(current)]
    realised = page.locator('input[name="status"][value="realised"]')
    assert realised.locator("xpath=..").locator(".prilika-option__count").inner_text() == "1"
    realised.check()
    assert shown_order(page) == ["done-park"]
    assert query(page) == {"status": "realised"}
    page.reload()
    page.wait_for_selector(READY)
    assert shown_order(page) == ["done-park"]
    card = page.locator(f'{RESULTS} [data-item-id="done-park"]')
    assert card.locator(".prilika-badge--realised").is_visible()
    # Available and realised together: all of them, the story among the offers.
    page.locator('input[name="status"][value="available"]').check()
    assert sorted(shown_order(page)) == sorted(row["id"] for row in rows)


@pytest.mark.parametrize(
    ("path", "viewport"),
    [
        ("de/items/subotica-palic-spa/", None),
        ("de/opportunities/?kind=site&sector=C&sort=area", PHONE),
    ],
)
def test_axe_finds_no_serious_problem_on_ended_pages_and_the_phone_listing(pages, url, path, viewport) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from .test_accessibility import describe

    page = pages.new(viewport=viewport) if viewport else pages.new()
    page.goto(url(path))
    if "opportunities" in path:
        page.wait_for_selector(READY)
    page.wait_for_timeout(300)
    violations = [v for v in Axe().run(page).response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not violations, f"axe on {path}:\n{describe(violations)}"


def test_removing_the_last_chip_on_a_phone_brings_the_filters_back_on_top(pages, url) -> None:
    page = pages.new(viewport=PHONE, is_mobile=True, has_touch=True)
    open_listing(page, url("en/opportunities/?kind=project"))
    results_y = page.locator(f"{RESULTS} > [data-item-id]:not([hidden])").first.bounding_box()["y"]
    assert page.locator("form.prilika-filters").bounding_box()["y"] > results_y
    page.locator(".prilika-chip").click()
    assert query(page) == {}
    assert not page.locator(".prilika-active").is_visible()
    search_y = page.locator("#prilika-q").bounding_box()["y"]
    assert search_y < page.locator(f"{RESULTS} > [data-item-id]").first.bounding_box()["y"]
