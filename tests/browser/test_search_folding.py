"""The listing script folds a query exactly as the build folded the items' texts."""

from __future__ import annotations

from generator.site.search import fold

SAMPLES = [
    "Niš",
    "НИШ",
    "Čačak",
    "Ђаковица, Đakovica",
    "Љубовија Његошева Џеп",
    "Prizren — bashkëpunim, çmim",
    "Straße (10.39) business-park",
    "  Нови   Пазар\tNovi Pazar ",
]


def test_the_script_folds_like_the_build(page, url) -> None:
    page.goto(url("en/opportunities/"))
    page.wait_for_selector('.prilika-listing[data-ready="true"]')
    folded = page.evaluate("(texts) => texts.map(window.prilikaFold)", SAMPLES)
    assert folded == [fold(text) for text in SAMPLES]
