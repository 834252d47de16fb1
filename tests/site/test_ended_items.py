"""No dead links: an expired or closed item keeps its page; a realised one is a success story.

An ended item's page says since when it is no longer available, offers similar current items,
tells search engines `noindex`, and is in no listing, sitemap, feed or export. A realised item
stays published with its own mark, out of the default listing view but behind its status filter.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import build_catalogue, copy_good

LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
SITE_URL = "https://example.org/catalogue/"
ENDED = {"old-plot", "sold-hall"}
CURRENT = {"north-plot", "solar-park", "berry-coop"}
CLOSED_ON = "2026-02-03T10:00:00+00:00"


def git(folder: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "user.name=Officer", "-c", "user.email=o@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        env=env,
    )


def make_catalogue(folder: Path, in_git: bool) -> Path:
    """The small good catalogue with an item that expired, one that was closed (committed on
    CLOSED_ON when `in_git`) and one that was realised."""
    copy_good(folder)
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("site_name: Test catalogue\n", f"site_name: Test catalogue\nsite_url: {SITE_URL}\n"), "utf-8"
    )
    items = folder / "opportunities" / "testgrad"
    plot = (items / "north-plot.yaml").read_text(encoding="utf-8")
    (items / "old-plot.yaml").write_text(plot.replace("valid_until: 2099-12-31", "valid_until: 2025-12-31"), "utf-8")
    park = (items / "solar-park.yaml").read_text(encoding="utf-8")
    (items / "done-park.yaml").write_text(park.replace("model: ppp\n", "model: ppp\nstatus: realised\n"), "utf-8")
    if in_git:
        git(folder, "init", "-q", "-b", "main")
        git(folder, "add", "-A")
        git(folder, "commit", "-q", "-m", "catalogue", date="2026-01-05T10:00:00+00:00")
    hall = plot.replace("Greenfield plot", "Hall").replace("valid_until: 2099-12-31\n", "status: closed\n")
    (items / "sold-hall.yaml").write_text(hall, "utf-8")
    if in_git:
        git(folder, "add", "-A")
        git(folder, "commit", "-q", "-m", "hall sold", date=CLOSED_ON)
    return folder


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = make_catalogue(tmp_path_factory.mktemp("ended") / "catalogue", in_git=True)
    built = folder.parent / "site"
    assert build_catalogue(folder / "mkdocs.yml", built) == 0
    return built


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def noindex(soup: BeautifulSoup) -> bool:
    return bool(soup.select('head meta[name="robots"][content="noindex"]'))


def test_ended_items_keep_a_page_in_every_language_that_search_engines_leave_out(site: Path) -> None:
    for language in LANGUAGES:
        for ident in ENDED:
            soup = page(site, f"{language}/items/{ident}")
            assert soup.html["lang"] == language
            assert noindex(soup), f"{language}/items/{ident}: no robots noindex in the head"
            assert soup.select_one(".prilika-ended__notice").get_text(strip=True)
        for ident in CURRENT | {"done-park"}:
            assert not noindex(page(site, f"{language}/items/{ident}")), ident


@pytest.mark.parametrize(
    ("language", "ident", "text", "day"),
    [
        (
            "en",
            "old-plot",
            "This opportunity is no longer available: it was open until December 31, 2025.",
            "2025-12-31",
        ),
        ("de", "old-plot", "Dieses Angebot ist nicht mehr verfügbar: Es galt bis zum 31. Dezember 2025.", "2025-12-31"),
        ("sr-Cyrl", "old-plot", "Ова прилика више није доступна; рок важења био је 31. децембар 2025.", "2025-12-31"),
        ("en", "sold-hall", "This opportunity has not been available since February 3, 2026.", "2026-02-03"),
        ("sq", "sold-hall", "Kjo mundësi nuk është më e disponueshme që nga 3 shkurt 2026.", "2026-02-03"),
    ],
)
def test_an_ended_page_says_since_when(site: Path, language: str, ident: str, text: str, day: str) -> None:
    notice = page(site, f"{language}/items/{ident}").select_one(".prilika-ended__notice")
    assert notice.get_text(" ", strip=True) == text
    assert notice["data-ended"] == day


def test_an_ended_page_offers_similar_current_items_and_the_listing(site: Path) -> None:
    for language in LANGUAGES:
        url = f"{language}/items/old-plot/"
        soup = page(site, url)
        similar = [card["data-item-id"] for card in soup.select(".prilika-ended [data-item-id]")]
        assert similar and set(similar) <= CURRENT, similar
        assert "berry-coop" in similar  # the company in the plot's sector: the matchmaking pair
        for link in soup.select(".prilika-ended a[href]"):
            target = urljoin(url, link["href"])
            assert (site / target / "index.html").is_file(), target
        # Nothing left to act on: no shortlist star, no pictures of an offer that is gone.
        assert not soup.select(".prilika-related")
        assert not soup.select(".prilika-images")


def _ids_in_exports(site: Path) -> dict[str, set[str]]:
    catalogue = json.loads((site / "api/catalogue.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((site / "api/items.csv").read_text(encoding="utf-8-sig"))))
    geo = json.loads((site / "api/items.geojson").read_text(encoding="utf-8"))
    found = {
        "catalogue.json": {item["id"] for item in catalogue["items"]},
        "items.csv": {row["id"] for row in rows},
        "items.geojson": {feature["properties"]["id"] for feature in geo["features"]},
    }
    for language in LANGUAGES:
        listing = json.loads((site / f"api/listing-{language}.json").read_text(encoding="utf-8"))
        facts = json.loads((site / f"api/facts-{language}.json").read_text(encoding="utf-8"))
        found[f"listing-{language}.json"] = {row["id"] for row in listing["items"]}
        found[f"facts-{language}.json"] = set(facts["facts"])
        found[f"{language} listing page"] = {
            card["data-item-id"]
            for card in page(site, f"{language}/opportunities").select(".prilika-results [data-item-id]")
        }
        found[f"{language} publisher page"] = {
            card["data-item-id"] for card in page(site, f"{language}/publishers/testgrad").select("[data-item-id]")
        }
    return found


def test_ended_items_are_in_no_listing_export_or_sitemap_and_realised_ones_are(site: Path) -> None:
    for where, ids in _ids_in_exports(site).items():
        assert ids == CURRENT | {"done-park"}, where
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for language in LANGUAGES:
        for ident in ENDED:
            assert f"{SITE_URL}{language}/items/{ident}/" not in sitemap
        for ident in CURRENT | {"done-park"}:
            assert f"<loc>{SITE_URL}{language}/items/{ident}/</loc>" in sitemap
    catalogue = json.loads((site / "api/catalogue.json").read_text(encoding="utf-8"))
    assert {item["id"]: item.get("status") for item in catalogue["items"]}["done-park"] == "realised"


def test_a_realised_item_is_a_success_story(site: Path) -> None:
    for language in LANGUAGES:
        soup = page(site, f"{language}/items/done-park")
        assert soup.select_one(".prilika-realised").get_text(strip=True)
        assert soup.select_one(".prilika-item__meta .prilika-badge--realised")
        assert not soup.select(".prilika-ended")
        publisher = page(site, f"{language}/publishers/testgrad")
        stories = [card["data-item-id"] for card in publisher.select(".prilika-cards--realised [data-item-id]")]
        assert stories == ["done-park"]
        home = page(site, language)
        assert "done-park" not in {card["data-item-id"] for card in home.select("[data-item-id]")}
    english = page(site, "en/items/done-park").select_one(".prilika-realised").get_text(" ", strip=True)
    assert english == "✓ Success story: this opportunity found its investor or partner."


def test_the_listing_keeps_realised_items_out_of_its_default_view(site: Path) -> None:
    for language in LANGUAGES:
        soup = page(site, f"{language}/opportunities")
        card = soup.select_one('.prilika-results [data-item-id="done-park"]')
        assert "prilika-card--realised" in card["class"]
        assert card.select_one(".prilika-badge--realised")
        statuses = {box["value"]: box for box in soup.select('form.prilika-filters input[name="status"]')}
        assert set(statuses) == {"available", "realised"}
        count = statuses["realised"].find_parent("label").select_one(".prilika-option__count").get_text()
        assert count == "1"
        # The static count is of the default view: the current items only.
        assert "3" in soup.select_one(".prilika-count").get_text()
    config = json.loads((site / "api/listing-en.json").read_text(encoding="utf-8"))["config"]
    assert config["hidden"] == {"status": ["realised"], "when": ["past"]}
    assert config["sorts"][0] == "newest"


def test_a_closed_item_outside_git_says_so_without_a_date(tmp_path: Path) -> None:
    folder = make_catalogue(tmp_path / "catalogue", in_git=False)
    built = tmp_path / "site"
    assert build_catalogue(folder / "mkdocs.yml", built) == 0
    notice = page(built, "en/items/sold-hall").select_one(".prilika-ended__notice")
    assert notice.get_text(strip=True) == "This opportunity is no longer available."
    assert not notice.has_attr("data-ended")
    assert "until December 31, 2025" in page(built, "en/items/old-plot").select_one(".prilika-ended__notice").get_text()
