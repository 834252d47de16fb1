"""Each filter option counts the items it would match with every other filter kept."""

from __future__ import annotations

from collections import Counter

from .expected import _values, expected_ids

READY = '.prilika-listing[data-ready="true"]'


def option_counts(page, facet: str) -> dict[str, int]:
    return page.evaluate(
        """(facet) => Object.fromEntries(Array.from(
             document.querySelectorAll(`form.prilika-filters input[name="${facet}"]`)).map(
             (box) => [box.value, Number(box.parentNode.querySelector('.prilika-option__count').textContent)]))""",
        facet,
    )


def expected_counts(rows: list[dict], state: dict, facet: str) -> dict[str, int]:
    others = {key: value for key, value in state.items() if key != facet}
    ids = expected_ids(rows, others)
    return Counter(value for row in rows if row["id"] in ids for value in _values(row, facet))


def test_option_counts_follow_the_other_filters(page, url, rows) -> None:
    en = rows["en"]
    page.goto(url("en/opportunities/?kind=site&country=RS"))
    page.wait_for_selector(READY)
    state = {"kind": ["site"], "country": ["RS"]}
    for facet in ("kind", "sector", "country", "site_type", "publisher"):
        shown = option_counts(page, facet)
        expected = expected_counts(en, state, facet)
        assert shown == {value: expected.get(value, 0) for value in shown}, facet
    # with the kind box ticked, the other kinds still say how many they would add
    assert option_counts(page, "kind")["project"] == len(expected_ids(en, {"kind": ["project"], "country": ["RS"]}))
