"""Accessibility: axe on each kind of page, the keyboard on the filters, visible focus."""

from __future__ import annotations

import pytest

from .test_listing import READY, checkbox, open_listing

SHORTLISTED = ".prilika-shortlist [data-item-id]"
AXE_PAGES = {
    "home": ("en/", None),
    "listing": ("en/opportunities/", READY),
    "map": ("en/map/", '.prilika-map[data-map="all"][data-ready="true"]'),
    "item": ("en/items/nis-plot-north-zone/", ".prilika-map--small.leaflet-container"),
    "shortlist": ("en/shortlist/?ids=nis-plot-north-zone,bar-olive-mill,cacak-sme-berries", SHORTLISTED),
    "listing-sr-Cyrl": ("sr-Cyrl/opportunities/?kind=site", READY),
}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            html = " ".join(node.get("html", "").split())[:160]
            lines.append(f"    {target}\n      {html}\n      {' '.join(summary.split())[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_serious_problem(page, url, axe, name) -> None:
    path, ready = AXE_PAGES[name]
    page.goto(url(path))
    if ready:
        page.wait_for_selector(ready)
    page.wait_for_timeout(300)  # let map animations settle
    results = axe.run(page)
    violations = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    if violations:
        heading = f"axe on {path}: {len(violations)} serious or critical rule(s)"
        pytest.fail(f"{heading}\n{describe(violations)}", pytrace=False)


def test_keyboard_reaches_a_kind_checkbox_and_space_toggles_it(page, url) -> None:
    open_listing(page, url)
    first = page.locator('form.prilika-filters input[type="checkbox"][name="kind"]').first
    value = first.get_attribute("value")
    page.locator("body").focus()
    tab_to(page, first, "the first kind checkbox")
    page.keyboard.press("Space")
    assert first.is_checked(), "Space did not check the focused kind checkbox"
    page.wait_for_function("(v) => new URL(location.href).searchParams.get('kind') === v", arg=value)
    assert focus_ring(first), "a keyboard-focused kind checkbox shows no outline or box-shadow (nor does its label)"
    page.keyboard.press("Space")
    assert not first.is_checked()
    assert checkbox(page, "kind", value).is_checked() is False


def tab_to(page, target, what: str) -> None:
    """Press Tab until `target` has the focus, as a keyboard user would."""
    for _ in range(250):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"250 presses of Tab never reached {what}")


def focus_ring(locator) -> bool:
    """An outline or a box-shadow on the focused element, or on its label (custom checkboxes draw it there)."""
    return locator.evaluate(
        """(el) => [el, ...Array.from(el.labels || [])].some((node) => {
          const s = getComputedStyle(node);
          const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
          return outline || (s.boxShadow && s.boxShadow !== 'none');
        })"""
    )


def test_keyboard_focus_on_a_result_link_is_visible(page, url) -> None:
    open_listing(page, url)
    link = page.locator(".prilika-results a[href]").first
    page.locator("form.prilika-filters input[name='q']").focus()
    tab_to(page, link, "the first result link")
    assert focus_ring(link), "a keyboard-focused result link shows no outline or box-shadow"
