"""Descriptions are CommonMark and cannot carry script (SPEC.md, "Fidelity of the outputs", "Safety").

What a submitter writes as GitHub previews it is what the item page shows: lists right after a
paragraph line, items nested by two spaces. Raw HTML, unsafe links and pictures from elsewhere
do not reach the page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_catalogue, copy_good
from generator.site.markup import nest_by_two_spaces, render_markdown

PLOT = """\
The plot offers:
- 2 ha of level land
- a 10 kV line at the boundary
- water and sewage at the road

Phases:

1. land preparation
  - clearing
  - fencing
2. construction
"""


def html(text: str) -> BeautifulSoup:
    return BeautifulSoup(str(render_markdown(text)), "html.parser")


def items(list_tag) -> list[str]:
    return [li.find(string=True, recursive=False).strip() for li in list_tag.find_all("li", recursive=False)]


def test_a_list_right_after_a_paragraph_line_is_a_list() -> None:
    soup = html(PLOT)
    first = soup.find("p", string="The plot offers:").find_next_sibling()
    assert first.name == "ul"
    assert items(first) == ["2 ha of level land", "a 10 kV line at the boundary", "water and sewage at the road"]


def test_items_indented_by_two_spaces_nest_under_a_numbered_item() -> None:
    numbered = html(PLOT).find("ol")
    assert items(numbered) == ["land preparation", "construction"]
    nested = numbered.find("li").find("ul")
    assert items(nested) == ["clearing", "fencing"]
    assert len(html(PLOT).find_all("ol")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "- fruit\n  - raspberries\n  - plums\n- vegetables\n",
        "* fruit\n  * raspberries\n  * plums\n* vegetables\n",
        "1. fruit\n  1. raspberries\n  2. plums\n2. vegetables\n",
        "10. fruit\n  - raspberries\n  - plums\n11. vegetables\n",
        "1) fruit\n  - raspberries\n  - plums\n2) vegetables\n",
    ],
)
def test_two_spaces_nest_under_every_kind_of_item(text: str) -> None:
    top = html(text).find(["ul", "ol"])
    assert items(top) == ["fruit", "vegetables"]
    assert items(top.find("li").find(["ul", "ol"])) == ["raspberries", "plums"]


def test_deeper_levels_and_text_of_a_nested_item_stay_with_it() -> None:
    soup = html("1. site\n  - water\n    - 2 wells\n    - mains\n  - power\n2. price\n")
    water = soup.find("ol").find("li").find("ul").find("li")
    assert items(water.find("ul")) == ["2 wells", "mains"]
    assert items(soup.find("ol").find("li").find("ul")) == ["water", "power"]


def test_nesting_leaves_code_and_plain_paragraphs_alone() -> None:
    fenced = "1. run\n```\n  - not a list\n```\n"
    assert nest_by_two_spaces(fenced) == fenced
    assert html(fenced).find("code").get_text() == "  - not a list\n"
    assert nest_by_two_spaces("Text\n  - item\n") == "Text\n  - item\n"


def test_raw_html_is_removed_with_the_body_of_scripts() -> None:
    out = str(
        render_markdown(
            "We **freeze**.\n\n<script>alert(1)</script>\n\nA <b onclick=x>bold</b> <style>p{}</style>word."
        )
    )
    assert "alert" not in out and "onclick" not in out and "p{}" not in out and "<script" not in out
    assert "<strong>freeze</strong>" in out and "A bold word." in out
    pasted = str(render_markdown('<div class="MsoNormal">Pasted <span>text</span></div>'))
    assert pasted.strip() == "<p>Pasted text</p>"


@pytest.mark.parametrize(
    ("target", "linked"),
    [
        ("https://nis.rs/invest", True),
        ("http://nis.rs", True),
        ("mailto:invest@nis.rs", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("../../admin", False),
        ("//evil.example/x", False),
        ("#top", False),
    ],
)
def test_links_are_only_http_https_and_mailto(target: str, linked: bool) -> None:
    soup = html(f"See [the offer]({target}).")
    link = soup.find("a")
    assert (link is not None) == linked
    if linked:
        assert link["href"] == target and "nofollow" in link["rel"]
    assert "the offer" in soup.get_text()


def test_a_picture_shows_its_description_and_is_never_loaded() -> None:
    for source in ("images/hall.jpg", "../other-publisher/images/hall.jpg", "https://tracker.example/pixel.gif"):
        soup = html(f"Hall: ![The *new* hall]({source})")
        assert soup.find("img") is None and soup.find("a") is None
        assert soup.get_text().strip() == "Hall: The new hall"
    unsafe = html("![x](javascript:alert(1))")
    assert unsafe.find("img") is None and unsafe.find("a") is None


def test_headings_start_under_the_page_title_and_tables_keep_alignment() -> None:
    soup = html("# Site\n\n## Access\n\n| road | km |\n|:--|--:|\n| A1 | 1.5 |\n\n3. third\n4. fourth\n")
    assert [h.name for h in soup.find_all(re.compile("^h[1-6]$"))] == ["h3", "h4"]
    assert [td["align"] for td in soup.find_all("td")] == ["left", "right"]
    assert soup.find("ol")["start"] == "3"
    assert "style" not in str(soup)


LISTED_PLOT = """\
kind: site
title: Plot with utilities
summary: Two hectares next to the bypass road.
description:
  en: |
{plot}
  sr-Latn: |
    Parcela nudi:
    - 2 ha ravnog zemljišta
    - dalekovod 10 kV na granici

    1. priprema
      - raščišćavanje
      - ograđivanje
    2. izgradnja
sectors: ["C"]
published: 2026-03-01
location: {{lat: 43.30, lon: 21.90}}
site_type: greenfield
area_m2: 20000
ownership: public
"""


@pytest.fixture(scope="module")
def plot_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = copy_good(tmp_path_factory.mktemp("markup") / "catalogue")
    plot = "\n".join("    " + line if line else "" for line in PLOT.splitlines())
    (folder / "opportunities/testgrad/listed-plot.yaml").write_text(LISTED_PLOT.format(plot=plot), encoding="utf-8")
    assert build_catalogue(folder / "mkdocs.yml", folder / "site") == 0
    yield folder / "site"
    shutil.rmtree(folder, ignore_errors=True)


def description(site: Path, language: str) -> BeautifulSoup:
    page = BeautifulSoup((site / language / "items/listed-plot/index.html").read_text(encoding="utf-8"), "html.parser")
    return page.select_one("section.prilika-description")


def test_the_item_page_shows_the_lists_as_lists(plot_site: Path) -> None:
    section = description(plot_site, "en")
    assert items(section.find("ul")) == [
        "2 ha of level land",
        "a 10 kV line at the boundary",
        "water and sewage at the road",
    ]
    assert items(section.find("ol").find("li").find("ul")) == ["clearing", "fencing"]


def test_the_cyrillic_page_shows_the_same_lists_transliterated(plot_site: Path) -> None:
    section = description(plot_site, "sr-Cyrl")
    assert items(section.find("ul")) == ["2 ха равног земљишта", "далековод 10 kV на граници"]
    assert items(section.find("ol")) == ["припрема", "изградња"]
    assert items(section.find("ol").find("li").find("ul")) == ["рашчишћавање", "ограђивање"]
