"""Template syntax in submitted text, as a reader's browser shows it: map markers, popups,
listing cards and page titles read exactly as written (the build tests read the files; these
read what the scripts made of them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from template_corpus import MARKED, Corpus, build_corpus_catalogue

from .site_server import serve


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Corpus]]:
    site, corpus, _ = build_corpus_catalogue(tmp_path_factory.mktemp("templates") / "catalogue")
    with serve(site, tmp_path_factory.mktemp("served")) as base:
        yield base, corpus


def _check(texts: list[str], corpus: Corpus) -> int:
    """How many marked spans `texts` hold; fails on one that is not exactly as written."""
    count = 0
    for text in texts:
        for number, body in MARKED.findall(text):
            assert body == corpus.expected[number], f"{corpus.where[number]}: {body!r}"
            count += 1
    return count


def test_map_markers_and_popups_show_titles_as_written(corpus_site, page) -> None:
    base, corpus = corpus_site
    page.goto(urljoin(base, "en/map/"))
    page.wait_for_selector('.prilika-map[data-map="all"][data-ready="true"]')
    titles = page.evaluate("() => Object.values(window.prilikaMaps.all.markers).map((m) => m.options.title)")
    assert _check(titles, corpus) == len(titles) > 0
    first = page.evaluate("() => Object.keys(window.prilikaMaps.all.markers)[0]")
    page.evaluate("(id) => window.prilikaMaps.all.open(id)", first)
    popup = page.wait_for_selector(".leaflet-popup-content a")
    assert _check([popup.inner_text()], corpus) == 1


def test_listing_cards_and_page_titles_show_texts_as_written(corpus_site, page) -> None:
    base, corpus = corpus_site
    page.goto(urljoin(base, "de/opportunities/"))
    page.wait_for_selector(".prilika-card[data-item-id]")
    # The cards on screen (the listing shows the first 60 matches), each with its title and summary.
    # textContent: cards below the fold skip layout (content-visibility), and innerText would be empty.
    shown = "els => els.filter((e) => e.getClientRects().length).map((e) => e.textContent)"
    cards = page.eval_on_selector_all(".prilika-card[data-item-id]", shown)
    assert _check(cards, corpus) >= 3 * len(cards) > 0  # title, summary, publisher
    link = page.locator(".prilika-card[data-item-id] a").first
    link.click()
    page.wait_for_load_state()
    assert _check([page.title()], corpus) == 2  # the item's title and the site's German name
    assert _check([page.locator("h1").first.inner_text()], corpus) == 1


def test_corpus_site_screenshot(corpus_site, page, tmp_path: Path) -> None:
    """Looked at once by a person: the item page with template syntax in every field."""
    base, corpus = corpus_site
    page.goto(urljoin(base, "sr-Cyrl/opportunities/"))
    page.locator(".prilika-card[data-item-id] a").first.click()
    page.wait_for_load_state()
    shots = Path(__file__).resolve().parents[1] / "artifacts"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / "template-corpus-item.png"), full_page=True)
    assert _check([page.locator("main").inner_text()], corpus) > 5
