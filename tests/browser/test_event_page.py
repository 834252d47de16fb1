"""An investor on a phone opens the B2B day in Vienna in German, sees it in Vienna time and adds it
to their calendar; a buyer looking for dried fruit filters the listing by HS chapter 08."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest

from .conftest import PHONE
from .expected import expected_ids
from .test_listing import READY

VIENNA = "de/items/mfc-vienna-b2b-2027/"


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def test_on_a_phone_the_vienna_b2b_day_is_in_vienna_time_and_goes_into_the_calendar(pages, url) -> None:
    page = pages.new(viewport=PHONE, is_mobile=True, has_touch=True, locale="de-AT", timezone_id="America/Chicago")
    page.goto(url(VIENNA))
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    when = page.locator("tr[data-fact=when] td").inner_text()
    zone = page.locator("tr[data-fact=time_zone] td").inner_text()
    # A reader in Chicago sees the event's own time, with its zone named.
    assert when == "Freitag, 14. Mai 2027, 09:30 – 17:00"
    assert zone == "Mitteleuropäische Sommerzeit, Ortszeit in Wien (UTC+02:00)"
    button = page.get_by_role("link", name="In den Kalender eintragen")
    box = button.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], "the calendar button is on the first screen"
    with page.expect_download() as download:
        button.click()
    data = open(download.value.path(), "rb").read()  # noqa: PTH123, SIM115
    assert download.value.suggested_filename == "mfc-vienna-b2b-2027.ics"
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == datetime(2027, 5, 14, 9, 30, tzinfo=ZoneInfo("Europe/Vienna"))
    assert start.astimezone(timezone.utc).hour == 7
    response = page.request.get(url("api/events/mfc-vienna-b2b-2027.ics"))
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    cards = page.locator(".prilika-participants .prilika-card")
    assert cards.count() == 6


def test_the_event_page_passes_axe(page, url, axe) -> None:
    page.goto(url(VIENNA))
    page.wait_for_selector(".prilika-map--small.leaflet-container")
    page.wait_for_timeout(300)
    serious = [v for v in axe.run(page).response["violations"] if v.get("impact") in ("serious", "critical")]
    assert serious == [], [v["id"] for v in serious]


def test_a_buyer_finds_the_dried_fruit_makers_on_the_product_map(page, url, rows) -> None:
    page.goto(url("en/opportunities/?hs=08"))
    page.wait_for_selector(READY)
    wanted = expected_ids(rows["en"], {"hs": ["08"]})
    assert "mfc-ivanjica-dried-fruit" in wanted and len(wanted) >= 5
    shown = page.eval_on_selector_all(
        ".prilika-results > .prilika-card", "cards => cards.filter(c => !c.hidden).map(c => c.dataset.itemId)"
    )
    assert sorted(shown) == sorted(wanted)
    # The map beside the list shows the same companies: the region's product map.
    markers = page.evaluate(
        """() => {
          let n = 0;
          document.querySelectorAll(".prilika-listing__map .leaflet-marker-icon").forEach((m) => {
            const count = m.querySelector("span");  // a cluster says how many markers it holds
            n += count ? Number(count.textContent) : 1;
          });
          return n;
        }"""
    )
    assert markers == len(wanted)


def test_past_events_wait_behind_their_view(page, url, rows) -> None:
    page.goto(url("en/opportunities/?kind=event"))
    page.wait_for_selector(READY)
    shown = page.eval_on_selector_all(
        ".prilika-results > .prilika-card", "cards => cards.filter(c => !c.hidden).map(c => c.dataset.itemId)"
    )
    assert "cluster-b2b-mitrovica-2026" not in shown and "mfc-vienna-b2b-2027" in shown
    assert sorted(shown) == sorted(expected_ids(rows["en"], {"kind": ["event"]}))
    page.locator("input[name=when][value=past]").check()
    page.wait_for_function("() => location.search.includes('when=past')")
    shown = page.eval_on_selector_all(
        ".prilika-results > .prilika-card", "cards => cards.filter(c => !c.hidden).map(c => c.dataset.itemId)"
    )
    assert shown == ["cluster-b2b-mitrovica-2026"]
