"""Acting on an offer in Chromium: the interest form hands the reader's e-mail program the right
mailto: address, on an item page and on the shortlist; the share box copies and links the page;
map popups say what and where an item is."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from generator import messages
from generator.site.acting import uri_component

ITEM = "nis-plot-north-zone"
LAUNCHED = re.compile(r"^Launched external handler for '(?P<url>.*)'\.$", re.S)


def parse_mailto(href: str) -> tuple[list[str], dict[str, str]]:
    assert href.startswith("mailto:"), href
    to, _, query = href[len("mailto:") :].partition("?")
    fields = dict(part.partition("=")[::2] for part in query.split("&"))
    return [unquote(a) for a in to.split(",") if a], {k: unquote(v) for k, v in fields.items()}


def launched(page) -> list[str]:
    """The external addresses (mailto:) Chromium hands to the system, as it logs them."""
    found: list[str] = []
    page.on("console", lambda msg: found.append(m.group("url")) if (m := LAUNCHED.match(msg.text)) else None)
    return found


def fill_form(page, scope: str = "") -> None:
    page.fill(f"{scope} #interest-name", "Ana Petrović")
    page.fill(f"{scope} #interest-organisation", "Alpen Invest GmbH & Co. KG")
    page.fill(f"{scope} #interest-country", "Österreich")
    page.check(f"{scope} input[name=interest][value=invest]")
    page.check(f"{scope} input[name=interest][value=visit]")
    page.fill(f"{scope} #interest-message", "Wir kommen im März.\nPasst 10:00? 100% sicher & gern.")


def submit(page, opened: list[str]) -> str:
    page.click("form.prilika-interest__form button[type=submit]")
    page.wait_for_selector("section.prilika-interest[data-mailto]")
    for _ in range(50):
        if opened:
            break
        page.wait_for_timeout(100)
    assert opened, "the e-mail program was never asked to open"
    assert opened[-1] == page.get_attribute("section.prilika-interest", "data-mailto")
    return opened[-1]


def test_the_interest_form_opens_the_e_mail_program_with_everything_filled_in(page, url) -> None:
    """In German, as the SPEC's investor: the item's contact, [id] in the subject, the answers in the body."""
    opened = launched(page)
    address = url(f"de/items/{ITEM}/")
    page.goto(address)
    page.wait_for_selector("form.prilika-interest__form:not([hidden])")
    assert page.locator(".prilika-interest__plain").is_hidden()  # the plain link is for pages without scripts
    title = page.locator("article.prilika-item h1").inner_text().strip()
    fill_form(page)
    href = submit(page, opened)
    assert not re.search(r"[\s+]", href.partition("?")[2]), "a space or + in the query"
    to, fields = parse_mailto(href)
    assert to == ["invest@nis.example"] and "cc" not in fields
    assert fields["subject"] == f"[{ITEM}] Interesse: {title}"
    assert fields["body"].split("\r\n") == [
        "Guten Tag,",
        "",
        "ich interessiere mich für dieses Angebot:",
        f"[{ITEM}] {title}",
        address,
        "",
        "Name: Ana Petrović",
        "Organisation: Alpen Invest GmbH & Co. KG",
        "Wohnsitzland: Österreich",
        "Interesse an: Investition, Besuch",
        "",
        "Nachricht:",
        "Wir kommen im März.",
        "Passt 10:00? 100% sicher & gern.",
        "",
        "Mit freundlichen Grüßen",
        "Ana Petrović",
    ]
    # If no program opened (webmail), the page says where to write and keeps the link.
    note = page.locator(".prilika-interest__note").inner_text()
    assert "invest@nis.example" in note and f"[{ITEM}]" in note
    assert page.locator("a.prilika-interest__link").get_attribute("href") == href


def test_a_name_is_asked_for_before_the_e_mail_is_written(page, url) -> None:
    opened = launched(page)
    page.goto(url(f"en/items/{ITEM}/"))
    page.wait_for_selector("form.prilika-interest__form:not([hidden])")
    page.click("form.prilika-interest__form button[type=submit]")
    page.wait_for_timeout(300)
    assert opened == [] and page.get_attribute("section.prilika-interest", "data-mailto") is None
    assert page.evaluate("document.activeElement.id") == "interest-name"


def test_without_javascript_the_plain_link_still_writes_to_the_contact(pages, url) -> None:
    page = pages.new(java_script_enabled=False)
    page.goto(url(f"sq/items/{ITEM}/"))
    assert page.locator("form.prilika-interest__form").is_hidden()
    link = page.locator(".prilika-interest__plain a")
    assert link.is_visible() and link.inner_text().strip() == messages.label("contact_publisher", "sq")
    to, fields = parse_mailto(link.get_attribute("href"))
    assert to == ["invest@nis.example"] and fields["subject"].startswith(f"[{ITEM}] ")
    assert messages.label("interest_name", "sq") + ": " in fields["body"]
    # Without an address (no site_url) and no script to learn it, no share link would work.
    assert page.locator("section#share a.prilika-share-link").count() == 5
    assert page.locator("section#share").is_hidden() and page.locator("a[href='#share']").is_hidden()


def test_the_shortlist_writes_one_e_mail_to_every_contact_once(page, url) -> None:
    chosen = ["nis-plot-north-zone", "nis-hall-medosevac", "nis-former-depot", "bar-olive-mill"]
    opened = launched(page)
    page.goto(url("en/shortlist/?ids=" + ",".join(chosen)))
    page.wait_for_selector("section.prilika-interest[data-many]:not([hidden]) form:not([hidden])")
    fill_form(page)
    href = submit(page, opened)
    to, fields = parse_mailto(href)
    assert to == ["invest@nis.example", "hall-medosevac@nis.example", "invest@bar.example"]
    assert fields["subject"] == " ".join(f"[{i}]" for i in chosen) + " Interest in 4 opportunities"
    body = fields["body"].split("\r\n")
    assert body[:3] == ["Hello,", "", "I am interested in these opportunities:"]
    for item in chosen:
        line = next(i for i, text in enumerate(body) if text.startswith(f"[{item}] "))
        assert body[line + 1] == url(f"en/items/{item}/")
    assert "Interested in: investing, a visit" in body


def test_the_shortlist_form_waits_for_items(page, url) -> None:
    page.goto(url("en/shortlist/"))
    page.wait_for_selector(".prilika-shortlist[data-ready]")
    assert page.locator("section.prilika-interest").is_hidden()


def test_the_browser_encodes_as_the_build_does(page, url) -> None:
    page.goto(url(f"en/items/{ITEM}/"))
    samples = ["[a-1] Grundstück & Halle #2? 50% = ½", "Ниш, Prishtinë; Ђ ü 🏭 +/:@", "a\r\nb", "!~*'()"]
    assert page.evaluate("s => s.map(encodeURIComponent)", samples) == [uri_component(s) for s in samples]


def test_copy_link_puts_the_pages_address_on_the_clipboard(pages, url) -> None:
    page = pages.new(permissions=["clipboard-read", "clipboard-write"])
    address = url(f"de/items/{ITEM}/")
    page.goto(address)
    copy = page.locator("button.prilika-share-copy")
    copy.wait_for(state="visible")
    copy.click()
    page.locator(".prilika-share-box__status:not([hidden])").wait_for()
    assert page.locator(".prilika-share-box__status").inner_text() == messages.label("share_copied", "de")
    assert page.evaluate("navigator.clipboard.readText()") == address


def test_share_links_carry_the_pages_address(page, url) -> None:
    """The example site has no site_url: the links are made from the page's own address."""
    address = url(f"en/items/{ITEM}/")
    page.goto(address)
    page.wait_for_selector(".prilika-share-box[data-ready]")
    title = page.locator("article.prilika-item h1").inner_text().strip()
    links = {
        a.get_attribute("data-service"): a.get_attribute("href")
        for a in page.locator("a.prilika-share-link").all()
        if a.is_visible()
    }
    assert links == {
        "email": f"mailto:?subject={uri_component(title)}&body={uri_component(address)}",
        "whatsapp": f"https://wa.me/?text={uri_component(title + ' ' + address)}",
        "viber": f"viber://forward?text={uri_component(title + ' ' + address)}",
        "linkedin": f"https://www.linkedin.com/sharing/share-offsite/?url={uri_component(address)}",
        "telegram": f"https://t.me/share/url?url={uri_component(address)}&text={uri_component(title)}",
    }


@pytest.mark.parametrize("has_share", [False, True])
def test_the_share_sheet_button_is_there_when_the_browser_has_one(pages, url, has_share: bool) -> None:
    page = pages.new()
    if has_share:
        page.add_init_script("navigator.share = (data) => { window.shared = data; return Promise.resolve(); };")
    else:
        page.add_init_script("delete Navigator.prototype.share;")
    page.goto(url(f"en/items/{ITEM}/"))
    page.wait_for_selector(".prilika-share-box[data-ready]")
    button = page.locator("button.prilika-share-native")
    assert button.is_visible() == has_share
    if has_share:
        button.click()
        assert page.evaluate("window.shared") == {
            "title": page.locator("article.prilika-item h1").inner_text().strip(),
            "url": url(f"en/items/{ITEM}/"),
        }


@pytest.mark.parametrize(("path", "ready", "name"), [
    ("de/map/", '[data-map="all"][data-ready="true"]', "all"),
    ("de/opportunities/", '.prilika-listing[data-map-count]', "listing"),
])  # fmt: skip
def test_map_popups_say_kind_place_and_key_figure(page, url, rows, path: str, ready: str, name: str) -> None:
    page.goto(url(path))
    page.wait_for_selector(ready)
    row = next(r for r in rows["de"] if r["id"] == ITEM)
    assert page.evaluate("([name, id]) => window.prilikaMaps[name].open(id)", [name, ITEM])
    popup = page.locator(f'[data-map="{name}"] .leaflet-popup-content')
    popup.wait_for()
    assert popup.locator(".prilika-badge").inner_text() == messages.label("kind_site", "de")
    assert popup.locator(".prilika-popup__place").inner_text() == row["place"]
    assert "Serbien" in row["place"]
    assert popup.locator("a.prilika-popup__link").inner_text() == row["title"]
    assert popup.locator(".prilika-popup__figure").inner_text() == row["figure"]
