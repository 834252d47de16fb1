"""The root page sends a reader to the configured language that best fits their browser (SPEC,
"Acting on an offer"): Chromium contexts with the readers' locales open the site's root and land
on a language's home page. The example catalogue has en (default), de, sr-Latn, sr-Cyrl and sq."""

from __future__ import annotations

import json

import pytest

# Browser locale -> where the reader lands.
LOCALES = {
    "sr-RS": "sr-Latn",
    "sr-Latn-RS": "sr-Latn",
    "sr-Latn": "sr-Latn",
    "sr-ME": "sr-Latn",
    "sr-BA": "sr-Latn",
    # Bare `sr` is Cyrillic by CLDR's default; Prilika reads a Serbian tag without a script as
    # sr-RS is read (SPEC: Latin), and the Cyrillic pages are one click away in the switcher.
    "sr": "sr-Latn",
    "hr": "sr-Latn",
    "hr-HR": "sr-Latn",
    "bs": "sr-Latn",
    "bs-BA": "sr-Latn",
    "sh": "sr-Latn",
    "cnr": "sr-Latn",
    "sr-Cyrl": "sr-Cyrl",
    "sr-Cyrl-RS": "sr-Cyrl",
    "sr-Cyrl-ME": "sr-Cyrl",
    "sr-Cyrl-BA": "sr-Cyrl",
    "bs-Cyrl": "sr-Cyrl",
    "sq": "sq",
    "sq-XK": "sq",
    "sq-AL": "sq",
    "sq-MK": "sq",
    "de": "de",
    "de-AT": "de",
    "de-CH": "de",
    "de-DE": "de",
    "en-US": "en",
    "en-GB": "en",
    "fr-FR": "en",
    "mk": "en",
    "tr-TR": "en",
}


def landing(pages, url, **context) -> str:
    page = pages.new(**context)
    page.goto(url(""), wait_until="commit")
    page.wait_for_url(lambda u: u != url(""), wait_until="commit")
    return page.url


@pytest.mark.parametrize(("locale", "expected"), LOCALES.items(), ids=list(LOCALES))
def test_a_browser_in_this_locale_lands_on_its_language(pages, url, locale: str, expected: str) -> None:
    assert landing(pages, url, locale=locale) == url(f"{expected}/")


# The browser's whole list, best first: the first tag any language serves decides.
LISTS = [
    (["fr-FR", "de-AT", "en"], "de"),
    (["it", "hr", "en"], "sr-Latn"),
    (["ru", "sr-Cyrl-RS", "en"], "sr-Cyrl"),
    (["en-US", "sr-RS"], "en"),
    (["tr", "sq-XK", "sr"], "sq"),
    (["fr", "it"], "en"),
]


@pytest.mark.parametrize(("languages", "expected"), LISTS, ids=[",".join(tags) for tags, _ in LISTS])
def test_the_first_tag_any_language_serves_decides(pages, url, languages: list[str], expected: str) -> None:
    page = pages.new()
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'languages', { get: () => " + json.dumps(languages) + " });"
    )
    page.goto(url(""), wait_until="commit")
    page.wait_for_url(lambda u: u != url(""), wait_until="commit")
    assert page.url == url(f"{expected}/")


def test_a_language_chosen_before_comes_first(pages, url) -> None:
    page = pages.new(locale="de-AT")
    page.goto(url("en/"))
    page.evaluate("localStorage.setItem('prilika-language', 'sq')")
    page.goto(url(""))
    page.wait_for_url(lambda u: u != url(""))
    assert page.url == url("sq/")


def test_without_javascript_the_root_page_lists_every_language(pages, url) -> None:
    page = pages.new(java_script_enabled=False, locale="de-AT")
    page.goto(url(""))
    assert page.url == url("")
    links = page.locator("a[hreflang]")
    hrefs = {a.get_attribute("hreflang"): a.evaluate("a => a.href") for a in links.all()}
    assert hrefs == {language: url(f"{language}/") for language in ("en", "de", "sr-Latn", "sr-Cyrl", "sq")}
    page.locator('a[hreflang="de"]').click()
    assert page.url == url("de/")
