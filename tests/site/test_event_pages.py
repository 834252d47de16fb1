"""Events, clusters and products on the built site (SPEC "Events, clusters and products"): the
event page in every language and in the event's time zone, its participants and calendar file,
the items that take part, the cluster's members, the listing's facets and views, the home page
and the exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_catalogue
from event_catalogue import event_catalogue

LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = event_catalogue(tmp_path_factory.mktemp("events") / "catalogue")
    address = folder / "opportunities/testgrad/vienna-b2b.yaml"
    text = address.read_text(encoding="utf-8")
    address.write_text(text.replace("address: Wiedner", "address: <b>Saal</b> Wiedner"), encoding="utf-8")
    site = folder / "site"
    assert build_catalogue(folder / "mkdocs.yml", site) == 0  # built on 2026-11-24
    return site


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def facts(soup: BeautifulSoup) -> dict[str, str]:
    return {row["data-fact"]: row.td.get_text(" ", strip=True) for row in soup.select("tr[data-fact]")}


LOCAL_TIME = {
    "en": ("Friday, May 14, 2027, 9:30", "Central European Summer Time, local time in Vienna (UTC+02:00)"),
    "de": ("Freitag, 14. Mai 2027, 09:30 – 17:00", "Mitteleuropäische Sommerzeit, Ortszeit in Wien (UTC+02:00)"),
    "sr-Latn": ("petak, 14. maj 2027., 09:30 – 17:00", "Srednjeevropsko letnje vreme, lokalno vreme – Beč (UTC+02:00)"),
    "sr-Cyrl": ("петак, 14. мај 2027., 09:30 – 17:00", "Средњеевропско летње време, локално време – Беч (UTC+02:00)"),
    "sq": ("e premte, 14 maj 2027, 9:30", "Ora verore e Evropës Qendrore, ora vendore në Vjenë (UTC+02:00)"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_vienna_b2b_day_is_shown_in_vienna_time_in_every_language(site: Path, language: str) -> None:
    soup = page(site, f"{language}/items/vienna-b2b")
    shown = facts(soup)
    when, zone = LOCAL_TIME[language]
    assert shown["when"].startswith(when), shown["when"]
    assert shown["time_zone"] == zone
    assert "country" not in shown and "status" not in shown  # the venue says where; "available" says nothing
    assert shown["venue"].startswith("<b>Saal</b> Wiedner Hauptstraße 63")  # submitted text stays text
    assert soup.select_one("tr[data-fact=venue] b") is None
    assert "https://testgrad.example/vienna" in soup.select_one("tr[data-fact=registration] a")["href"]


def test_the_event_page_offers_its_calendar_and_its_participants(site: Path) -> None:
    soup = page(site, "de/items/vienna-b2b")
    link = soup.select_one(".prilika-event-calendar a[type='text/calendar']")
    assert link.get_text(strip=True) == "In den Kalender eintragen"
    # No `download` attribute: Safari on an iPhone then offers to add the event to the calendar.
    assert link["href"] == "../../../api/events/vienna-b2b.ics" and not link.has_attr("download")
    assert (site / "api/events/vienna-b2b.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    cards = soup.select(".prilika-participants .prilika-card")
    assert [card["data-item-id"] for card in cards] == ["berry-coop", "solar-park", "north-plot"]
    assert cards[0].select_one("a")["href"] == "../../../de/items/berry-coop/"
    assert "(3)" in soup.select_one("#participants-heading").get_text()
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "Event" and data["startDate"] == "2027-05-14T09:30:00+02:00"


def test_an_event_of_whole_days_names_no_zone_and_a_webinar_no_place(site: Path) -> None:
    zurich = facts(page(site, "en/items/zurich-summit"))
    assert zurich["when"] == "Thursday, June 10, 2027 – Friday, June 11, 2027"
    assert "time_zone" not in zurich and zurich["venue"] == "Switzerland"
    webinar = page(site, "en/items/berry-webinar")
    shown = facts(webinar)
    assert shown["venue"] == "Online event" and shown["online"] == "Join online"
    assert shown["time_zone"] == "Central European Standard Time, local time in Belgrade (UTC+01:00)"
    assert webinar.select_one(".prilika-location") is None  # no map of the publisher's seat
    assert webinar.select_one(".prilika-event-calendar a[href$='berry-webinar']") is None
    buttons = [a.get_text(strip=True) for a in webinar.select(".prilika-event-calendar a")]
    assert buttons == ["Add to calendar", "Join online"]


def test_a_past_event_says_so_and_waits_behind_its_view(site: Path) -> None:
    soup = page(site, "en/items/nis-b2b-2026")
    assert soup.select_one(".prilika-event-past").get_text(strip=True) == "This event took place on October 15, 2026."
    assert soup.select_one(".prilika-event-calendar") is None
    listing = page(site, "en/opportunities")
    card = listing.select_one('.prilika-results [data-item-id="nis-b2b-2026"]')
    assert "prilika-card--past" in card["class"]
    when = {box["value"]: box for box in listing.select("input[name=when]")}
    assert set(when) == {"upcoming", "past"}
    assert when["past"].find_parent("label").select_one(".prilika-option__count").get_text() == "1"
    rows = {row["id"]: row for row in json.loads((site / "api/listing-en.json").read_text())["items"]}
    assert rows["nis-b2b-2026"]["when"] == "past" and rows["vienna-b2b"]["when"] == "upcoming"
    assert rows["berry-coop"]["when"] is None
    # The map is of places to go: no past event on it.
    assert "nis-b2b-2026" not in (site / "en/map/index.html").read_text(encoding="utf-8")


def test_a_participant_says_which_upcoming_events_it_is_at(site: Path) -> None:
    soup = page(site, "de/items/berry-coop")
    links = soup.select(".prilika-meet li")
    assert [li.a["href"] for li in links] == ["../../../de/items/vienna-b2b/", "../../../de/items/zurich-summit/"]
    assert "14. Mai 2027 · Österreich" in links[0].get_text()
    assert "10. Juni 2027 – 11. Juni 2027 · Schweiz" in links[1].get_text()
    assert page(site, "de/items/solar-park").select_one(".prilika-meet a")["href"].endswith("vienna-b2b/")
    assert page(site, "de/items/vienna-b2b").select_one(".prilika-meet") is None


def test_the_cluster_lists_its_members_and_the_member_links_its_cluster(site: Path) -> None:
    cluster = page(site, "sq/publishers/fruit-cluster")
    assert [c["data-item-id"] for c in cluster.select(".prilika-cards--members .prilika-card")] == ["berry-coop"]
    assert "Anëtarët (1)" in cluster.select_one("#members").get_text()
    member = page(site, "sq/items/berry-coop").select_one("tr[data-fact=member_of] a")
    assert member["href"] == "../../../sq/publishers/fruit-cluster/"
    assert member.get_text() == "Klasteri i frutave Testgrad"


def test_the_listing_filters_by_event_view_product_market_certification_and_cluster(site: Path) -> None:
    listing = page(site, "de/opportunities")
    options = {
        box["name"]: {b["value"] for b in listing.select(f"input[name={box['name']}]")}
        for box in listing.select("form.prilika-filters input[type=checkbox]")
    }
    assert options["kind"] == {"site", "project", "sme", "event"}
    assert options["hs"] == {"08"} and options["market"] == {"DE", "AT", "CH"}
    assert options["cert"] == {"HACCP", "GlobalG.A.P."} and options["member"] == {"fruit-cluster"}
    hs = listing.select_one("input[name=hs][value='08']").find_parent("label").get_text(" ", strip=True)
    assert hs.startswith("08 Genießbare Früchte und Nüsse")
    config = json.loads((site / "api/listing-de.json").read_text())["config"]
    assert config["multi"]["hs"] == "hs" and config["hidden"]["when"] == ["past"]
    # Four events, one of them past: the default view counts the rest.
    assert listing.select_one(".prilika-count").get_text(strip=True) == "6 Angebote"


def test_the_home_page_shows_the_upcoming_events_soonest_first(site: Path) -> None:
    home = page(site, "en")
    events = [card["data-item-id"] for card in home.select(".prilika-home-events .prilika-card")]
    assert events == ["berry-webinar", "vienna-b2b", "zurich-summit"]
    assert home.select_one(".prilika-home-events a[type='text/calendar']")["href"] == "../api/events.ics"
    stats = [a.get_text(" ", strip=True) for a in home.select(".prilika-stat")]
    assert "3 events" in stats


def test_the_exports_carry_the_events(site: Path) -> None:
    catalogue = json.loads((site / "api/catalogue.json").read_text())
    vienna = next(item for item in catalogue["items"] if item["id"] == "vienna-b2b")
    assert (vienna["kind"], vienna["starts"], vienna["ends"]) == (
        "event",
        "2027-05-14T09:30:00+02:00",
        "2027-05-14T17:00:00+02:00",
    )
    assert vienna["registration"] == {"url": "https://testgrad.example/vienna", "deadline": "2027-04-30"}
    berry = next(item for item in catalogue["items"] if item["id"] == "berry-coop")
    assert berry["member_of"] == ["fruit-cluster"]
    features = {f["properties"]["id"]: f for f in json.loads((site / "api/items.geojson").read_text())["features"]}
    assert features["vienna-b2b"]["geometry"]["coordinates"] == [16.3738, 48.2082]
    assert features["zurich-summit"]["properties"]["starts"] == "2027-06-10"
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO((site / "api/items.csv").read_text("utf-8-sig")))}
    assert (rows["vienna-b2b"]["starts"], rows["vienna-b2b"]["format"]) == ("2027-05-14T09:30:00+02:00", "b2b")
    assert rows["zurich-summit"]["ends"] == "2027-06-11" and rows["berry-coop"]["member_of"] == "fruit-cluster"
    assert (site / "api/events.ics").is_file()
    assert {p.name for p in (site / "api/events").iterdir()} == {
        "vienna-b2b.ics",
        "zurich-summit.ics",
        "berry-webinar.ics",
        "nis-b2b-2026.ics",
    }
