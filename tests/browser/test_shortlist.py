"""The shortlist: star items, compare them side by side, share the list as a link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from .conftest import outermost_items, star_button
from .test_listing import open_listing

SHORTLIST = ".prilika-shortlist"


def shortlist_ids(page, count: int) -> list[str]:
    """The ids shown on the shortlist page, once `count` of them are there."""
    page.wait_for_function(
        """([scope, n]) => Array.from(document.querySelectorAll(scope + ' [data-item-id]'))
             .filter((el) => !el.parentElement.closest(scope + ' [data-item-id]') && !el.hidden).length >= n""",
        arg=[SHORTLIST, count],
    )
    return [i["id"] for i in outermost_items(page, SHORTLIST) if not i["hidden"]]


def ids_in(href: str) -> list[str]:
    values = parse_qs(urlsplit(href).query).get("ids", [])
    return [i for v in values for i in v.split(",") if i]


def test_shortlist_from_the_url_shows_the_items_with_key_facts(page, url, rows) -> None:
    by_id = {r["id"]: r for r in rows["en"]}
    chosen = ["cacak-orchard-land", "nis-airport-logistics", "prizren-sme-dairy"]
    page.goto(url("en/shortlist/?ids=" + ",".join(chosen)))
    shown = shortlist_ids(page, 3)
    assert sorted(shown) == sorted(chosen), f"shortlist shows {shown}"
    for item in outermost_items(page, SHORTLIST):
        row = by_id[item["id"]]
        assert row["title"] in item["text"], f"{item['id']}: no title in {item['text']!r}"
        assert url(f"en/items/{item['id']}/") in item["links"], f"{item['id']}: no link to its page"
    share = page.locator("a.prilika-share")
    assert sorted(ids_in(share.evaluate("a => a.href"))) == sorted(chosen)


def test_shortlist_round_trip_through_a_shared_link(pages, url) -> None:
    page = pages.new()
    open_listing(page, url)
    chosen = ["rda-trstenik-hall", "bar-sme-citrus"]
    for item in chosen:
        star = star_button(page, item, ".prilika-results")
        star.click()
        assert star.get_attribute("aria-pressed") == "true", f"star of {item} not pressed after a click"
    stored = (page.evaluate("localStorage.getItem('prilika-shortlist')") or "").split(",")
    assert sorted(stored) == sorted(chosen), f"localStorage prilika-shortlist = {stored}"

    page.goto(url("en/shortlist/"))
    assert sorted(shortlist_ids(page, 2)) == sorted(chosen)
    page.wait_for_function("() => new URL(location.href).searchParams.has('ids')")
    shared = page.url
    assert sorted(ids_in(shared)) == sorted(chosen), f"shortlist URL {shared}"
    share = page.locator("a.prilika-share").evaluate("a => a.href")
    assert sorted(ids_in(share)) == sorted(chosen), f"share link {share}"

    fresh = pages.new()  # a new context: empty localStorage
    fresh.goto(shared)
    assert sorted(shortlist_ids(fresh, 2)) == sorted(chosen)


def test_star_on_an_item_page_reaches_the_shortlist(page, url) -> None:
    page.goto(url("sr-Cyrl/items/gjakova-textile-hall/"))
    star_button(page, "gjakova-textile-hall").click()
    page.goto(url("sr-Cyrl/shortlist/"))
    assert shortlist_ids(page, 1) == ["gjakova-textile-hall"]
    assert page.locator("html").get_attribute("lang") == "sr-Cyrl"


LINK_NOTE_EN = "Opportunities in this link that are not listed (any more): 6."
HOSTILE_IDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "<img src=x onerror=alert(1)>"]


def stored(page) -> list[str]:
    return [i for i in (page.evaluate("localStorage.getItem('prilika-shortlist')") or "").split(",") if i]


def shown_state(page) -> dict:
    """What the reader sees once the page has run: columns, notes and buttons (`watch` fails on any page error)."""
    page.wait_for_selector(".prilika-shortlist[data-ready]", state="attached")
    visible = "el => !!el && getComputedStyle(el).display !== 'none' && !el.closest('[hidden]')"
    return {
        "ids": [i["id"] for i in outermost_items(page, SHORTLIST) if not i["hidden"]],
        "empty": page.eval_on_selector(".prilika-shortlist__empty", visible),
        "actions": page.eval_on_selector(".prilika-shortlist__actions", visible),
        "shared": page.eval_on_selector(".prilika-shortlist__shared", visible),
        "clear": page.eval_on_selector(".prilika-shortlist-clear", visible),
    }


def test_prototype_names_in_a_shared_link_are_unknown_ids_and_never_stored(page, url) -> None:
    mine = ["rda-trstenik-hall", "bar-sme-citrus"]
    page.goto(url("en/"))
    page.evaluate("ids => localStorage.setItem('prilika-shortlist', ids)", ",".join(mine))
    for language in ("en", "de"):
        page.goto(url(f"{language}/shortlist/?ids=" + ",".join(HOSTILE_IDS)))
        state = shown_state(page)
        assert state["ids"] == [] and state["empty"], f"{language}: a link of unknown ids shows {state}"
        note = page.locator(".prilika-shortlist__missing")
        assert note.is_visible() and str(len(HOSTILE_IDS)) in note.inner_text()
        assert note.inner_text() != (LINK_NOTE_EN if language == "de" else ""), "the German page's note is English"
        assert stored(page) == mine, f"{language}: the link changed the reader's shortlist to {stored(page)}"
        assert page.evaluate("() => Object.prototype.hasOwnProperty('forEach')") is False

        page.goto(url(f"{language}/shortlist/"))
        state = shown_state(page)
        assert sorted(state["ids"]) == sorted(mine), f"{language}: own shortlist afterwards: {state}"
        assert state["actions"] and state["clear"] and not state["shared"], state


def test_a_shared_link_with_an_unknown_id_says_so_above_the_columns(pages, url) -> None:
    """The note speaks of the link (not of the reader's stars) and stays out of the card grid, on a phone too."""
    page = pages.new(viewport={"width": 390, "height": 844})
    page.goto(url("en/shortlist/?ids=constructor,nis-airport-logistics"))
    state = shown_state(page)
    assert state["ids"] == ["nis-airport-logistics"], state
    note = page.locator(".prilika-shortlist__missing")
    assert note.inner_text() == "Opportunities in this link that are not listed (any more): 1."
    assert note.evaluate("n => !n.closest('.prilika-shortlist__items')")
    card = page.locator('.prilika-shortlist [data-item-id="nis-airport-logistics"]').bounding_box()
    assert card["x"] >= 0 and card["x"] + card["width"] <= 390, f"the card is pushed off the screen: {card}"


def test_unknown_ids_already_stored_are_dropped(page, url) -> None:
    page.goto(url("en/"))
    page.evaluate("localStorage.setItem('prilika-shortlist', 'constructor,nis-airport-logistics,__proto__')")
    page.goto(url("en/shortlist/"))
    state = shown_state(page)
    assert state["ids"] == ["nis-airport-logistics"], state
    note = page.locator(".prilika-shortlist__missing")
    assert note.inner_text() == "Starred opportunities that are no longer listed: 2."
    assert stored(page) == ["nis-airport-logistics"]
    assert ids_in(page.url) == ["nis-airport-logistics"]


def test_a_colleagues_link_is_shown_without_joining_the_readers_shortlist(pages, url) -> None:
    page = pages.new()
    page.goto(url("en/"))
    page.evaluate("localStorage.setItem('prilika-shortlist', 'rda-trstenik-hall')")
    shared = ["cacak-orchard-land", "prizren-sme-dairy"]
    page.goto(url("en/shortlist/?ids=" + ",".join(shared + ["constructor"])))
    state = shown_state(page)
    assert sorted(state["ids"]) == sorted(shared), state
    assert state["shared"] and not state["clear"], f"a shared view offers to adopt, not to empty: {state}"
    assert stored(page) == ["rda-trstenik-hall"], "opening the link changed the reader's own shortlist"
    stars = page.locator(".prilika-shortlist button.prilika-star")
    assert [stars.nth(i).get_attribute("aria-pressed") for i in range(stars.count())] == ["false", "false"]

    page.locator(".prilika-shortlist-adopt").click()
    state = shown_state(page)
    assert sorted(stored(page)) == sorted(["rda-trstenik-hall", *shared]), stored(page)
    assert sorted(state["ids"]) == sorted(["rda-trstenik-hall", *shared]) and not state["shared"], state
    assert sorted(ids_in(page.url)) == sorted(stored(page))
