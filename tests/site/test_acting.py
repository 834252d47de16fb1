"""Acting on an offer, as the built pages carry it: the expression-of-interest e-mail, the share
links, phone numbers, the language chooser's links and the map popups' rows (SPEC, "Acting on an
offer"). What the scripts do with them is tested in Chromium (tests/browser/test_interest.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from conftest import build_catalogue, copy_good
from generator import messages
from generator.site.acting import mailto, uri_component

LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
SITE_URL = "https://example.org/catalogue/"
HUB = "hub@diaspora.example"
SHARE_HOSTS = ("wa.me", "linkedin.com", "t.me", "viber")


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def parse_mailto(href: str) -> tuple[list[str], dict[str, str]]:
    """(to addresses, header fields) of a mailto: URL, each percent-decoded once (RFC 6068)."""
    assert href.startswith("mailto:"), href
    to, _, query = href[len("mailto:") :].partition("?")
    fields = {}
    for part in query.split("&"):
        name, _, value = part.partition("=")
        assert name not in fields, f"{name} given twice in {href}"
        fields[name] = unquote(value)
    return [unquote(a) for a in to.split(",") if a], fields


def assert_rfc6068(href: str) -> None:
    """Nothing in the URL that a mail program could read two ways: no raw space, line break or
    `+` for a space, every line break CRLF, and `%` only as an escape."""
    assert not re.search(r"[\s\"<>]", href), href
    query = href.partition("?")[2]
    assert "+" not in query, f"'+' in {query[:120]}"
    assert "%0A" not in query.replace("%0D%0A", ""), "a line break that is not CRLF"
    assert not re.search(r"%(?![0-9A-F]{2})", href), "a % that is not an escape"


@pytest.fixture(scope="module")
def hub_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small catalogue with an address (`site_url`), a hub in copy (`interest_cc`), its
    publisher's number written without the country code, and a realised project."""
    folder = copy_good(tmp_path_factory.mktemp("acting") / "catalogue")
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("docs_dir: content\n", f"docs_dir: content\nsite_url: {SITE_URL}\n")
    text = text.replace("      default_language: en\n", f"      default_language: en\n      interest_cc: {HUB}\n")
    config.write_text(text, encoding="utf-8")
    project = folder / "opportunities/testgrad/solar-park.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "status: realised\n", encoding="utf-8")
    publisher = folder / "opportunities/testgrad/publisher.yaml"
    publisher.write_text(
        publisher.read_text(encoding="utf-8").replace("phone: +381 18 500 000", "phone: 018 500 000"), encoding="utf-8"
    )
    assert build_catalogue(config, folder / "site") == 0
    return folder / "site"


# -- the e-mail ---------------------------------------------------------------------------------


def test_mailto_is_percent_encoded_as_rfc_6068_asks() -> None:
    subject = "[a-1] Interesse: Grundstück & Halle #2? 50% = ½ (Ниш) 🏭"
    body = "Zeile 1\r\nZeile 2: a+b, c/d\r\n"
    href = mailto(
        ["Invest+Nis@Example.org", "invest+nis@example.org", "b@x.example"], subject, body, [HUB, "B@X.example"]
    )
    assert_rfc6068(href)
    to, fields = parse_mailto(href)
    assert to == ["Invest+Nis@Example.org", "b@x.example"]  # the same address once, whatever its case
    assert fields == {"cc": HUB, "subject": subject, "body": body}  # B@X.example is addressed already
    assert href.startswith("mailto:Invest%2BNis@Example.org,b@x.example?cc=hub@diaspora.example&subject=%5Ba-1%5D%20")
    assert parse_mailto(mailto(["a@x.example"], "s", "", ["A@x.example"]))[1] == {"subject": "s"}


def test_the_build_encodes_as_encode_uri_component_does() -> None:
    """encodeURIComponent keeps A-Z a-z 0-9 - _ . ! ~ * ' ( ) and escapes every other UTF-8 byte."""
    kept = "AZaz09-_.!~*'()"
    assert uri_component(kept) == kept
    assert (
        uri_component(" +&=?#/:;,@%\r\nü€𝄞") == "%20%2B%26%3D%3F%23%2F%3A%3B%2C%40%25%0D%0A%C3%BC%E2%82%AC%F0%9D%84%9E"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_item_page_offers_interest_by_e_mail_without_javascript(example_site: Path, language: str) -> None:
    """The plain link: the item's contact, `[id]` in the subject, the questions in the reader's language."""
    rows = json.loads((example_site / f"api/listing-{language}.json").read_text(encoding="utf-8"))["items"]
    items = sorted(row["id"] for row in rows if row["status"] != "realised")
    assert len(items) > 30
    for item in items:
        soup = page(example_site, f"{language}/items/{item}")
        section = soup.select_one("section#interest.prilika-interest")
        assert section is not None, f"{language}/{item}: no interest section"
        contact = soup.select_one(".prilika-contact a[href^='mailto:']")
        href = section.select_one(".prilika-interest__plain a[href]")["href"]
        assert_rfc6068(href)
        to, fields = parse_mailto(href)
        assert to == [contact.get_text(strip=True)]
        assert fields["subject"].startswith(f"[{item}] ")
        title = soup.select_one("article.prilika-item h1").get_text(strip=True)
        assert title in fields["subject"] and f"[{item}] {title}" in fields["body"]
        for key in ("interest_mail_greeting", "interest_name", "interest_organisation", "interest_country"):
            assert messages.label(key, language) in fields["body"], f"{language}/{item}: no {key} in the body"
        assert "\r\n" in fields["body"] and "\n" not in fields["body"].replace("\r\n", "")
        data = json.loads(section.select_one("script.prilika-interest-data").string)
        assert data == {"items": [{"id": item, "title": title, "url": ""}], "to": to, "cc": []}
        # The contact's own link carries the item in its subject too.
        assert parse_mailto(contact["href"])[1] == {"subject": f"[{item}] {title}"}
        # The form the script shows, in the page's language.
        form = section.select_one("form.prilika-interest__form")
        assert form.has_attr("hidden")
        assert [i["value"] for i in form.select("input[name=interest]")] == [
            "invest",
            "partner",
            "buy",
            "supply",
            "visit",
        ]
        assert {e["name"] for e in form.select("input[name], textarea[name]")} == {
            "name",
            "organisation",
            "country",
            "interest",
            "message",
        }
        assert form["data-subject"] == messages.label("interest_subject", language, title="{title}")


def test_an_ended_offer_takes_no_interest_and_a_realised_one_is_only_shared(example_site: Path, hub_site: Path) -> None:
    for url in ("de/items/subotica-palic-spa", "en/items/cacak-cold-store"):  # expired, closed
        ended = page(example_site, url)
        assert ended.select_one(".prilika-ended") is not None, url
        assert not ended.select("section#interest, section#share, a[href='#interest'], a[href='#share']"), url
    realised = page(hub_site, "sr-Cyrl/items/solar-park")
    assert realised.select_one(".prilika-realised") is not None
    assert not realised.select("section#interest, a[href='#interest']")
    assert realised.select("section#share:not([hidden])") and realised.select("a[href='#share']:not([hidden])")


def test_interest_cc_is_in_copy_and_the_body_links_the_absolute_page(hub_site: Path) -> None:
    for language in LANGUAGES:
        soup = page(hub_site, f"{language}/items/north-plot")
        section = soup.select_one("section#interest")
        to, fields = parse_mailto(section.select_one(".prilika-interest__plain a")["href"])
        assert to == ["invest@testgrad.example"] and fields["cc"] == HUB
        absolute = f"{SITE_URL}{language}/items/north-plot/"
        assert f"\r\n{absolute}\r\n" in fields["body"]
        data = json.loads(section.select_one("script.prilika-interest-data").string)
        assert data["cc"] == [HUB] and data["items"][0]["url"] == absolute


def test_the_shortlist_offers_one_e_mail_for_all_its_items(example_site: Path) -> None:
    for language in LANGUAGES:
        section = page(example_site, f"{language}/shortlist").select_one("section#interest.prilika-interest")
        assert section is not None and section["data-many"] == "true"
        assert section.has_attr("hidden")  # shown by the script once the list has items
        form = section.select_one("form")
        assert form["data-subject-many"] == messages.label("interest_subject_many", language, count="{count}")
        assert section.select_one("h2").get_text(strip=True) == messages.label("interest_heading_many", language)


# -- sharing ------------------------------------------------------------------------------------


def test_share_links_are_plain_links_to_each_services_share_address(hub_site: Path) -> None:
    soup = page(hub_site, "de/items/north-plot")
    box = soup.select_one("section#share.prilika-share-box")
    title = soup.select_one("article.prilika-item h1").get_text(strip=True)
    absolute = f"{SITE_URL}de/items/north-plot/"
    links = {a["data-service"]: a for a in box.select("a.prilika-share-link")}
    enc_url, enc_title = uri_component(absolute), uri_component(title)
    text = uri_component(f"{title} {absolute}")
    assert {service: a.get("href") for service, a in links.items()} == {
        "email": f"mailto:?subject={enc_title}&body={enc_url}",
        "whatsapp": f"https://wa.me/?text={text}",
        "viber": f"viber://forward?text={text}",
        "linkedin": f"https://www.linkedin.com/sharing/share-offsite/?url={enc_url}",
        "telegram": f"https://t.me/share/url?url={enc_url}&text={enc_title}",
    }
    for a in links.values():
        assert "noopener" in a["rel"] and not a.has_attr("hidden")
    assert box["data-url"] == absolute and not box.has_attr("hidden")
    # The copy and share-sheet buttons wait for the script.
    assert box.select_one("button.prilika-share-copy").has_attr("hidden")
    assert box.select_one("button.prilika-share-native").has_attr("hidden")


def test_the_page_loads_nothing_from_the_share_services(hub_site: Path) -> None:
    for url in ("en/items/north-plot", "sq/items/solar-park", "en/shortlist"):
        soup = page(hub_site, url)
        loaded = [
            tag.get("src") or tag.get("href") or "" for tag in soup.select("script[src], link[href], img[src], iframe")
        ]
        assert not [u for u in loaded if any(host in u for host in SHARE_HOSTS)], url


def test_without_an_address_the_share_links_wait_for_the_pages_own(example_site: Path) -> None:
    box = page(example_site, "en/items/nis-plot-north-zone").select_one("section#share")
    assert box["data-url"] == ""
    for a in box.select("a.prilika-share-link"):
        assert a.has_attr("hidden") and not a.has_attr("href"), a


# -- phones -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "href", "shown"),
    [
        ("en/items/nis-plot-north-zone", "tel:+381185000000", "+381 18 5000000"),
        ("de/items/nis-hall-medosevac", "tel:+381185000001", "+381 18 5000001"),
        ("sq/items/gjakova-plot-north", "tel:+383390000000", "+383 390 000 000"),
        ("sr-Cyrl/items/bar-olive-mill", "tel:+38230500000", "+382 30 500 000"),
        ("en/publishers/prizren", "tel:+38329000000", "+383 29 000 000"),
        ("sr-Latn/publishers/niksic", "tel:+38240200000", "+382 40 200 000"),
    ],
)
def test_phone_numbers_are_international_tel_links(example_site: Path, url: str, href: str, shown: str) -> None:
    [link] = page(example_site, url).select("a.prilika-phone")
    assert (link["href"], link.get_text(strip=True)) == (href, shown)


def test_a_number_written_without_country_code_is_shown_with_it(hub_site: Path) -> None:
    for url in ("en/items/north-plot", "de/publishers/testgrad"):
        [link] = page(hub_site, url).select("a.prilika-phone")
        assert (link["href"], link.get_text(strip=True)) == ("tel:+38118500000", "+381 18 500000")


# -- the language chooser and the map popups ---------------------------------------------------------


def test_the_language_chooser_works_without_javascript(example_site: Path) -> None:
    soup = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["hreflang"]: a["href"] for a in soup.select("body a[hreflang]")}
    assert links == {language: f"{language}/" for language in LANGUAGES}
    assert not soup.select("script[src]")  # the choice needs no file but this page


@pytest.mark.parametrize("language", LANGUAGES)
def test_map_rows_carry_kind_place_and_key_figure_as_text(example_site: Path, language: str) -> None:
    listing = json.loads((example_site / f"api/listing-{language}.json").read_text(encoding="utf-8"))["items"]
    html = (example_site / language / "map" / "index.html").read_text(encoding="utf-8")
    found = re.search(r"prilikaMapData\(\"[a-z_]+\", \w+, \w+, (\[.*?\])\);\n", html, re.S)
    assert found, "no map rows in the map page"
    rows = json.loads(found.group(1))
    assert len(rows) == len([row for row in listing if row["when"] != "past"])  # past events are not on the map
    by_id = {row["id"]: row for row in listing}
    for lat, lon, item_id, title, url, kind, kind_label, place, figure in rows:
        row = by_id[item_id]
        assert (lat, lon, title, url, figure) == (row["lat"], row["lon"], row["title"], row["url"], row["figure"])
        assert kind_label == messages.label(f"kind_{kind}", language) == row["kind_label"]
        assert place == row["place"] and " · " in place
        assert "<" not in place + figure + kind_label
