"""Headless Chromium against the built example catalogue, served under a sub-path.

The example site (session fixture `example_site` of tests/conftest.py) is served as
`http://127.0.0.1:PORT/catalogue/`. Every page a test opens is watched: after the
test, any console error, uncaught page error, HTTP error response or request to a
host other than 127.0.0.1 and the tile host fails it. Tile requests are answered
with a blank PNG, so the suite runs offline.

These tests are never skipped: without Chromium at /usr/bin/chromium they fail
with a message that says what to install.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

from .expected import load_rows
from .site_server import CHROMIUM, Watch, chromium_missing_message, launch, serve

LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
TIMEOUT_MS = 10_000
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
HERE = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives headless Chromium (never skipped; needs /usr/bin/chromium)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After a test that passed, fail it if any page it opened logged an error or left the local host."""
    result = yield
    watch = getattr(item, "funcargs", {}).get("watch")
    if isinstance(watch, Watch):
        problems = watch.problems()
        if problems:
            pytest.fail("pages of this test misbehaved:\n  " + "\n  ".join(problems), pytrace=False)
    return result


@pytest.fixture(scope="session")
def site(example_site: Path) -> Path:
    return example_site


@pytest.fixture(scope="session")
def base_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`http://127.0.0.1:PORT/catalogue/`: the example site under a sub-path."""
    with serve(site, tmp_path_factory.mktemp("served")) as url:
        yield url


@pytest.fixture(scope="session")
def rows(site: Path) -> dict[str, list[dict]]:
    """The listing JSON rows per language."""
    return {language: load_rows(site, language) for language in LANGUAGES}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    missing = chromium_missing_message()
    if missing:
        pytest.fail(missing, pytrace=False)
    from playwright.sync_api import sync_playwright

    assert shutil.which(CHROMIUM) or Path(CHROMIUM).exists()
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


class Pages:
    """Opens watched pages in fresh contexts and closes them after the test."""

    def __init__(self, browser: object, watch: Watch) -> None:
        self.browser = browser
        self.watch = watch
        self.contexts: list[object] = []

    def new(self, viewport: dict | None = None, **context_options: object):
        context = self.browser.new_context(viewport=viewport or DESKTOP, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        self.watch.attach(context)
        self.contexts.append(context)
        return context.new_page()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def pages(browser: object, watch: Watch) -> Iterator[Pages]:
    opened = Pages(browser, watch)
    yield opened
    opened.close()


@pytest.fixture
def page(pages: Pages):
    """A desktop-sized page (1280x900) in a fresh context."""
    return pages.new()


@pytest.fixture
def url(base_url: str) -> Callable[[str], str]:
    """The absolute URL of a site path (`en/opportunities/` -> `http://127.0.0.1:PORT/catalogue/en/opportunities/`)."""
    return lambda path: urljoin(base_url, path)


# -- helpers the test modules share ------------------------------------------------------------


def outermost_items(page, scope: str) -> list[dict]:
    """The `[data-item-id]` elements in `scope` that are not inside another one (shortlist columns hold their star)."""
    return page.evaluate(
        """(scope) => {
          const root = document.querySelector(scope);
          if (!root) return null;
          return Array.from(root.querySelectorAll('[data-item-id]'))
            .filter((el) => !el.parentElement.closest(scope + ' [data-item-id]'))
            .map((el) => ({id: el.dataset.itemId, hidden: el.hasAttribute('hidden'),
                           rendered: el.getClientRects().length > 0, text: el.innerText || '',
                           links: Array.from(el.querySelectorAll('a[href]')).map((a) => a.href)}));
        }""",
        scope,
    )


def count_numbers(page) -> list[int]:
    text = page.locator(".prilika-count").first.inner_text()
    return [int(n) for n in re.findall(r"\d+", text.replace("\u00a0", "").replace("\u202f", ""))]


def star_button(page, item_id: str, scope: str = ""):
    """The star of an item (`button.prilika-star[data-star=<id>]`), failing with a clear message if absent."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    selector = f'{scope} button.prilika-star[data-star="{item_id}"]'.strip()
    try:
        page.wait_for_selector(selector, state="attached", timeout=3000)
    except PlaywrightTimeout:
        stars = page.eval_on_selector_all(
            "button.prilika-star", "els => els.slice(0, 3).map((e) => e.outerHTML.slice(0, 160))"
        )
        pytest.fail(f"no {selector} on {page.url}; stars found: {stars}", pytrace=False)
    return page.locator(selector)
