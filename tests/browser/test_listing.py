"""The listing page: filters by click and by URL, history, search across scripts, no-JS reading, its map."""

from __future__ import annotations

from contextlib import suppress
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import PHONE, count_numbers, outermost_items
from .expected import QUERY_KEYS, expected_ids, fold

READY = '.prilika-listing[data-ready="true"]'
RESULTS = ".prilika-results"


def open_listing(page, url, language: str = "en", query: str = "") -> None:
    page.goto(url(f"{language}/opportunities/") + query)
    page.wait_for_selector(READY)


def checkbox(page, facet: str, value: str):
    return page.locator(f'form.prilika-filters input[type="checkbox"][name="{facet}"][value="{value}"]')


def shown(page) -> set[str]:
    """The ids of listed items without `hidden`; also checks that hidden items are really not rendered."""
    items = outermost_items(page, RESULTS)
    assert items is not None, f"no {RESULTS} on {page.url}"
    wrong = [i["id"] for i in items if i["hidden"] == i["rendered"]]
    assert not wrong, f"items whose `hidden` attribute disagrees with what is rendered (CSS overrides it?): {wrong}"
    return {i["id"] for i in items if not i["hidden"]}


def assert_shows(page, expected: set[str], what: str) -> None:
    """Visible items and the live count both equal `expected` (waiting briefly for the page to settle)."""
    with suppress(PlaywrightTimeout):  # the comparison below says what differs
        page.wait_for_function(
            """([scope, n]) => Array.from(document.querySelectorAll(scope + ' [data-item-id]'))
                 .filter((el) => !el.parentElement.closest(scope + ' [data-item-id]') && !el.hasAttribute('hidden'))
                 .length === n""",
            arg=[RESULTS, len(expected)],
            timeout=3000,
        )
    actual = shown(page)
    assert actual == expected, (
        f"{what}: {len(actual)} shown, {len(expected)} expected; "
        f"shown but not expected {sorted(actual - expected)}, expected but hidden {sorted(expected - actual)}"
    )
    numbers = count_numbers(page)
    assert len(expected) in numbers, f"{what}: .prilika-count says {page.locator('.prilika-count').inner_text()!r}"


def query_of(page) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(page.url).query)


def state_of(page) -> dict[str, list[str] | str]:
    """The filter state the page's URL describes, facets split on commas."""
    state: dict[str, list[str] | str] = {}
    for key, value in query_of(page):
        state[key] = value if key in ("area_min", "area_max", "price_min", "price_max", "q") else value.split(",")
    return state


def test_listing_without_filters_shows_every_item(page, url, rows) -> None:
    open_listing(page, url)
    # The default view: every item but those hidden by default (past events, success stories).
    assert_shows(page, expected_ids(rows["en"], {}), "no filter")
    assert page.locator(".prilika-count").get_attribute("aria-live") == "polite"
    # Every match is shown (fewer than a page of cards), so no "show more" button is either.
    assert len(rows["en"]) < 60
    assert not page.locator(".prilika-more").is_visible()


def test_every_filter_control_has_a_label(page, url) -> None:
    open_listing(page, url)
    unlabelled = page.evaluate(
        """() => Array.from(document.querySelectorAll('form.prilika-filters input, form.prilika-filters select'))
             .filter((el) => el.type !== 'hidden' && (!el.labels || el.labels.length === 0)
                             && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
             .map((el) => el.outerHTML)"""
    )
    assert not unlabelled, f"filter controls without a <label>: {unlabelled}"
    for facet in ("kind", "sector", "country", "publisher", "site_type", "seeking", "status"):
        assert page.locator(f'form.prilika-filters input[type="checkbox"][name="{facet}"]').count() > 0, facet
    for name in ("area_min", "area_max", "price_min", "price_max"):
        assert page.locator(f'form.prilika-filters input[name="{name}"]').count() == 1, name
    assert page.locator('form.prilika-filters input[type="search"][name="q"]').count() == 1


@pytest.mark.parametrize(
    ("facet", "values"),
    [
        ("kind", ["site"]),
        ("kind", ["site", "project"]),
        ("sector", ["C"]),
        ("country", ["XK"]),
        ("publisher", ["nis", "bar"]),
        ("site_type", ["brownfield"]),
        ("seeking", ["investment"]),
        ("status", ["reserved"]),
    ],
)
def test_checkbox_filters_show_what_the_data_says(page, url, rows, facet, values) -> None:
    open_listing(page, url)
    for i, value in enumerate(values):
        checkbox(page, facet, value).check()
        expected = expected_ids(rows["en"], {facet: values[: i + 1]})
        assert expected, f"the example catalogue has no item for {facet}={values[: i + 1]}"
        assert_shows(page, expected, f"{facet}={values[: i + 1]}")
    assert list(dict(query_of(page))) == [facet], f"query string after checking {facet}={values}: {page.url}"
    assert set(state_of(page)[facet]) == set(values), f"query string after checking {facet}={values}: {page.url}"


def test_facets_combine_with_and_and_the_query_keeps_its_key_order(page, url, rows) -> None:
    open_listing(page, url)
    checkbox(page, "sector", "C").check()
    checkbox(page, "country", "RS").check()
    checkbox(page, "kind", "site").check()
    checkbox(page, "kind", "sme").check()
    state = {"kind": ["site", "sme"], "sector": ["C"], "country": ["RS"]}
    assert_shows(page, expected_ids(rows["en"], state), "kind=site,sme & sector=C & country=RS")
    keys = [k for k, _ in query_of(page)]
    assert keys == ["kind", "sector", "country"], f"query keys out of order: {page.url}"
    kinds = dict(query_of(page))["kind"].split(",")
    assert sorted(kinds) == ["site", "sme"], f"several values of a facet are comma-joined: {page.url}"


def test_number_filters(page, url, rows) -> None:
    open_listing(page, url)
    page.fill('input[name="area_min"]', "20000")
    assert_shows(page, expected_ids(rows["en"], {"area_min": "20000"}), "area_min=20000")
    page.fill('input[name="area_max"]', "45000")
    assert_shows(page, expected_ids(rows["en"], {"area_min": "20000", "area_max": "45000"}), "area 20000..45000")
    page.fill('input[name="area_min"]', "")
    page.fill('input[name="area_max"]', "")
    # price compares a site's sale price or a project's investment (ranges chosen not to straddle a bound)
    page.fill('input[name="price_max"]', "850000")
    expected = expected_ids(rows["en"], {"price_max": "850000"})
    assert {r["kind"] for r in rows["en"] if r["id"] in expected} == {"site", "project"}
    assert_shows(page, expected, "price_max=850000")
    page.fill('input[name="price_max"]', "")
    page.fill('input[name="price_min"]', "3000000")
    assert_shows(page, expected_ids(rows["en"], {"price_min": "3000000"}), "price_min=3000000")
    assert dict(query_of(page)) == {"price_min": "3000000"}


@pytest.mark.parametrize(
    "query",
    [
        "?kind=site&sector=C&area_min=10000&q=cacak",
        "?kind=site,project&country=RS",
        "?publisher=prizren,gjakova&status=available",
        "?seeking=distribution,outsourcing&sector=C",
        "?site_type=greenfield&price_max=850000",
    ],
)
def test_opening_a_filtered_url_shows_the_same_view(page, url, rows, query) -> None:
    open_listing(page, url, query=query)
    state = state_of(page)
    assert state, f"the page dropped its query string: {page.url}"
    assert_shows(page, expected_ids(rows["en"], state), query)
    for facet in ("kind", "sector", "country", "publisher", "site_type", "seeking", "status"):
        for box in page.locator(f'form.prilika-filters input[type="checkbox"][name="{facet}"]').all():
            value = box.get_attribute("value")
            assert box.is_checked() == (value in state.get(facet, [])), f"checkbox {facet}={value} after {query}"
    for name in ("area_min", "area_max", "price_min", "price_max", "q"):
        assert page.locator(f'form.prilika-filters input[name="{name}"]').input_value() == state.get(name, ""), name


def test_the_example_url_of_the_contract(page, url, rows) -> None:
    """`?kind=site&sector=C&area_min=10000&q=nis`: Niš's sites are in, and nothing that lacks `nis`."""
    open_listing(page, url, query="?kind=site&sector=C&area_min=10000&q=nis")
    actual = shown(page)
    without_q = {"kind": ["site"], "sector": ["C"], "area_min": "10000"}
    nis_sites = {r["id"] for r in rows["en"] if r["publisher"] == "nis"} & expected_ids(rows["en"], without_q)
    assert nis_sites <= actual, f"Niš sites missing: {sorted(nis_sites - actual)}"
    assert actual <= expected_ids(rows["en"], {**without_q, "q": "nis"})
    assert len(actual) in count_numbers(page)
    assert page.locator('input[name="q"]').input_value() == "nis"
    assert checkbox(page, "kind", "site").is_checked()


def test_back_and_forward_restore_filters_and_checkboxes(page, url, rows) -> None:
    all_ids = expected_ids(rows["en"], {})  # the default view
    open_listing(page, url)
    checkbox(page, "kind", "site").check()
    page.wait_for_url("**/opportunities/?kind=site")
    checkbox(page, "sector", "C").check()
    page.wait_for_url("**/opportunities/?kind=site&sector=C")
    assert_shows(page, expected_ids(rows["en"], {"kind": ["site"], "sector": ["C"]}), "kind=site&sector=C")

    page.go_back()
    page.wait_for_url("**/opportunities/?kind=site")
    assert_shows(page, expected_ids(rows["en"], {"kind": ["site"]}), "back to kind=site")
    assert checkbox(page, "kind", "site").is_checked()
    assert not checkbox(page, "sector", "C").is_checked(), "back did not uncheck sector C"

    page.go_back()
    page.wait_for_url("**/opportunities/")
    assert_shows(page, all_ids, "back to no filter")
    assert not checkbox(page, "kind", "site").is_checked(), "back did not uncheck kind site"

    page.go_forward()
    page.wait_for_url("**/opportunities/?kind=site")
    assert_shows(page, expected_ids(rows["en"], {"kind": ["site"]}), "forward to kind=site")
    assert checkbox(page, "kind", "site").is_checked()


def test_typing_a_search_replaces_the_history_entry(page, url, rows) -> None:
    open_listing(page, url)
    checkbox(page, "kind", "sme").check()
    page.wait_for_url("**/opportunities/?kind=sme")
    length = page.evaluate("history.length")
    page.locator('input[name="q"]').press_sequentially("cacak", delay=20)
    page.wait_for_url("**/opportunities/?kind=sme&q=cacak")
    assert_shows(page, expected_ids(rows["en"], {"kind": ["sme"], "q": "cacak"}), "kind=sme & q=cacak")
    assert page.evaluate("history.length") == length, "typing in the search pushed history entries"


def test_reset_clears_every_filter(page, url, rows) -> None:
    open_listing(page, url, query="?kind=site&country=RS&area_min=1000&q=plot")
    page.locator("button.prilika-reset").click()
    assert_shows(page, expected_ids(rows["en"], {}), "after reset")
    assert urlsplit(page.url).query == "", f"reset left a query: {page.url}"
    assert page.locator("form.prilika-filters input:checked").count() == 0
    assert page.locator('input[name="q"]').input_value() == ""
    assert page.locator('input[name="area_min"]').input_value() == ""


@pytest.mark.parametrize("language", ["en", "sr-Cyrl"])
@pytest.mark.parametrize(
    ("variants", "publisher"),
    [(["nis", "Niš", "NIŠ", "Ниш"], "nis"), (["cacak", "Čačak", "Чачак", "čačak"], "cacak")],
)
def test_search_folds_case_diacritics_and_script(page, url, rows, language, variants, publisher) -> None:
    open_listing(page, url, language=language)
    search = page.locator('form.prilika-filters input[name="q"]')
    results = {}
    for variant in variants:
        search.fill(variant)
        page.wait_for_function("(q) => new URL(location.href).searchParams.get('q') === q", arg=variant)
        results[variant] = shown(page)
        assert len(results[variant]) in count_numbers(page), f"count after searching {variant!r}"
    first = results[variants[0]]
    for variant, found in results.items():
        assert found == first, f"{variant!r} finds {sorted(found)}, {variants[0]!r} finds {sorted(first)}"
    own = {r["id"] for r in rows[language] if r["publisher"] == publisher}
    assert own <= first, f"searching {variants[0]!r} misses the publisher's items {sorted(own - first)}"
    substring = {r["id"] for r in rows[language] if fold(variants[0]) in fold(" ".join(map(str, r.values())))}
    assert first <= substring, f"found items that never mention {variants[0]!r}: {sorted(first - substring)}"


def test_listing_reads_without_javascript(pages, url, rows) -> None:
    page = pages.new(java_script_enabled=False)
    page.goto(url("en/opportunities/"))
    items = outermost_items(page, RESULTS)
    assert items is not None
    assert {i["id"] for i in items} == {r["id"] for r in rows["en"]}
    current = expected_ids(rows["en"], {})  # past events and success stories wait for the script
    for item in items:
        assert not item["hidden"], f"{item['id']} is hidden without JavaScript"
        assert item["rendered"] == (item["id"] in current), f"{item['id']} is shown without JavaScript: {item}"
        assert url(f"en/items/{item['id']}/") in item["links"], f"{item['id']} has no link to its page"


def map_total(page, scope: str) -> int:
    """Items on a map: the numbers on visible clusters plus the single markers."""
    return page.evaluate(
        """(scope) => {
          const map = document.querySelector(scope);
          let total = 0;
          map.querySelectorAll('.leaflet-marker-icon').forEach((el) => {
            if (getComputedStyle(el).opacity === '0') return;
            if (el.classList.contains('marker-cluster')) total += parseInt(el.innerText.trim(), 10) || 0;
            else total += 1;
          });
          return total;
        }""",
        scope,
    )


def wait_map_total(page, scope: str, expected: int) -> int:
    with suppress(PlaywrightTimeout):  # the caller compares and reports
        page.wait_for_function(
            """([scope, n]) => {
              const map = document.querySelector(scope); if (!map) return false;
              let total = 0;
              map.querySelectorAll('.leaflet-marker-icon').forEach((el) => {
                if (getComputedStyle(el).opacity === '0') return;
                total += el.classList.contains('marker-cluster') ? (parseInt(el.innerText.trim(), 10) || 0) : 1;
              });
              return total === n;
            }""",
            arg=[scope, expected],
            timeout=4000,
        )
    return map_total(page, scope)


def test_listing_map_follows_the_filters(page, url, rows) -> None:
    scope = '.prilika-map[data-map="listing"]'
    open_listing(page, url)
    page.wait_for_selector(f"{scope} .leaflet-container, {scope}.leaflet-container")
    located = [r for r in rows["en"] if r.get("lat") is not None and r["id"] in expected_ids(rows["en"], {})]
    assert wait_map_total(page, scope, len(located)) == len(located), "markers on the unfiltered listing map"
    for facet, value in (("kind", "site"), ("country", "ME")):
        checkbox(page, facet, value).check()
    state = {"kind": ["site"], "country": ["ME"]}
    expected = [r for r in located if r["id"] in expected_ids(rows["en"], state)]
    assert_shows(page, expected_ids(rows["en"], state), "kind=site & country=ME")
    total = wait_map_total(page, scope, len(expected))
    assert total == len(expected), f"the listing map shows {total} items for kind=site & ME, not {len(expected)}"
    page.locator('input[name="q"]').fill("cacak")
    total = wait_map_total(page, scope, 0)
    assert total == 0, f"the listing map shows {total} items when nothing matches"


def test_listing_on_a_phone(pages, url, rows) -> None:
    page = pages.new(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    open_listing(page, url)
    box = checkbox(page, "kind", "project")
    if not box.is_visible():  # on a phone the filters may start folded: open them as a reader would
        page.locator("form.prilika-filters summary").first.click()
    box.check()
    assert_shows(page, expected_ids(rows["en"], {"kind": ["project"]}), "phone: kind=project")
    page.locator('form.prilika-filters input[name="q"]').fill("cacak")
    assert_shows(page, expected_ids(rows["en"], {"kind": ["project"], "q": "cacak"}), "phone: kind=project & q=cacak")
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1] + 1, f"horizontal scrolling on a phone: scrollWidth {widths[0]} > {widths[1]}"


def test_query_keys_are_known(page, url) -> None:
    open_listing(page, url)
    checkbox(page, "status", "available").check()
    checkbox(page, "kind", "site").check()
    page.fill('input[name="area_max"]', "50000")
    page.locator('input[name="q"]').fill("plot")
    page.wait_for_function("() => new URL(location.href).searchParams.get('q') === 'plot'")
    keys = [k for k, _ in query_of(page)]
    assert all(k in QUERY_KEYS for k in keys), keys
    assert keys == sorted(keys, key=QUERY_KEYS.index), f"query keys out of order: {page.url}"


def test_prototype_names_in_the_query_are_just_values_that_match_nothing(page, url, rows) -> None:
    """`?kind=constructor` is a filter no item has; the listing keeps working (no page error)."""
    open_listing(page, url, query="?kind=constructor,__proto__&sector=toString&publisher=hasOwnProperty")
    assert_shows(page, set(), "a query of prototype names")
    assert page.locator(".prilika-no-matches").is_visible()
    page.locator(".prilika-reset").click()
    assert_shows(page, expected_ids(rows["en"], {}), "after reset")
