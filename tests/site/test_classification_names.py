"""NACE and HS names on item pages: in the page's language where an official name exists, else
marked (SPEC, Fidelity of the outputs: "NACE and HS names appear in the page's language")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.submission import reference

ITEM = "bar-sme-citrus"  # an SME with products under HS 080521 and 200912 in the example catalogue


def page(site: Path, language: str) -> str:
    return (site / language / "items" / ITEM / "index.html").read_text(encoding="utf-8")


def test_product_hs_codes_carry_their_heading_name_in_german(example_site: Path) -> None:
    html = page(example_site, "de")
    for code in ("080521", "200912"):
        german, language = reference.hs_name(code, "de")
        assert language == "de"
        assert f'<span class="prilika-code">HS {code}</span> <span class="prilika-hs">({german})</span>' in html, code


def test_product_hs_names_are_english_on_english_pages(example_site: Path) -> None:
    html = page(example_site, "en")
    english, _ = reference.hs_name("080521", "en")
    assert f'<span class="prilika-hs">({english})</span>' in html
    assert "prilika-untranslated-mark" not in html


@pytest.mark.parametrize("language", ["sq", "sr-Latn", "sr-Cyrl"])
def test_hs_names_without_an_official_translation_are_marked(example_site: Path, language: str) -> None:
    html = page(example_site, language)
    english, _ = reference.hs_name("080521", language)
    assert re.search(
        rf'<span lang="en" class="prilika-untranslated">{re.escape(english)}</span> '
        r'<sup class="prilika-untranslated-mark" title="[^"]+">EN</sup>',
        html,
    ), f"{language}: HS 0805 name not marked as English"
