"""URLs and XML of a built site whose texts and picture names are hostile (SPEC.md, "Fidelity of the
outputs"): every XML file well-formed; every URL made from a file name percent-encoded; with
`site_url`, canonical, hreflang, og:url, og:image, sitemaps and feeds absolute and `api/` relative;
without it, relative links as before. Cases F-01, F-11, F-13, A-10, A-14."""

from __future__ import annotations

import gzip
import json
import re
import xml.dom.minidom
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from hostile_catalogue import PICTURES, build_hostile

SITE_URL = "https://example.org/catalogue/"
LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
# Every kind of page a language has: home, a hand-written page, the generated ones.
PAGES = [
    "",
    "guide/",
    "opportunities/",
    "map/",
    "shortlist/",
    "publishers/",
    "publishers/testgrad/",
    "items/north-plot/",
]
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def absolute_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("absolute") / "catalogue", SITE_URL)


@pytest.fixture(scope="module")
def relative_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile(tmp_path_factory.mktemp("relative") / "catalogue")


def soup(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def xml_files(site: Path) -> dict[str, bytes]:
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.xml")}
    files.update({p.relative_to(site).as_posix(): gzip.decompress(p.read_bytes()) for p in site.rglob("*.xml.gz")})
    return files


@pytest.mark.parametrize("which", ["absolute_site", "relative_site"])
def test_every_xml_file_is_well_formed(which: str, request: pytest.FixtureRequest) -> None:
    files = xml_files(request.getfixturevalue(which))
    assert {f"{language}/feed.xml" for language in LANGUAGES} <= set(files)
    for data in files.values():
        xml.dom.minidom.parseString(data)
        ET.fromstring(data)
    # The hostile title is in the feed, readable: a vertical tab became a space.
    assert "(phase 1)" in files["en/feed.xml"].decode("utf-8")


# -- with site_url ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_metadata_is_absolute_under_site_url(absolute_site: Path, language: str) -> None:
    for rest in PAGES:
        page = soup(absolute_site, f"{language}/{rest}")
        canonical = page.select_one('link[rel="canonical"]')["href"]
        assert canonical == f"{SITE_URL}{language}/{rest}"
        assert page.select_one('meta[property="og:url"]')["content"] == canonical
        alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
        assert alternates == {
            **{other: f"{SITE_URL}{other}/{rest}" for other in LANGUAGES},
            "x-default": f"{SITE_URL}en/{rest}",
        }, f"{language}/{rest}"
        assert page.html["lang"] == language


def test_og_image_and_json_ld_pictures_are_absolute_and_encoded(absolute_site: Path) -> None:
    page = soup(absolute_site, "de/items/north-plot/")
    first = SITE_URL + "media/testgrad/images/Hala%20%232.png"
    # og:image is the page's share card (SPEC "Pictures"), the pictures are in the JSON-LD.
    card = page.select_one('meta[property="og:image"]')["content"]
    assert card.startswith(SITE_URL + "de/items/north-plot/share-") and card.endswith(".jpg")
    assert (absolute_site / card[len(SITE_URL) :]).is_file()
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["image"][0] == first and all(url.startswith(SITE_URL) for url in data["image"])
    assert data["url"] == SITE_URL + "de/items/north-plot/"


def test_the_language_chooser_is_absolute_too(absolute_site: Path) -> None:
    page = soup(absolute_site, "index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == SITE_URL
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {**{lang: f"{SITE_URL}{lang}/" for lang in LANGUAGES}, "x-default": f"{SITE_URL}en/"}
    # Its visible links stay relative: the chooser works wherever the folder is served.
    assert [a["href"] for a in page.select("ul a")] == [f"{lang}/" for lang in LANGUAGES]


def test_the_404_page_is_in_the_default_language_and_links_under_the_site_path(absolute_site: Path) -> None:
    page = soup(absolute_site, "404.html")
    assert page.html["lang"] == "en"
    assert not page.select('link[rel="alternate"][hreflang]')
    for link in page.select("link[href], script[src]"):
        value = link.get("href") or link.get("src")
        assert value.startswith(("/catalogue/", SITE_URL)), value


def test_feeds_link_absolutely(absolute_site: Path) -> None:
    for language in LANGUAGES:
        root = ET.parse(absolute_site / language / "feed.xml").getroot()
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        assert links == {"self": f"{SITE_URL}{language}/feed.xml", "alternate": f"{SITE_URL}{language}/"}
        for entry in root.findall(f"{ATOM}entry"):
            href = entry.find(f"{ATOM}link").get("href")
            assert re.fullmatch(re.escape(f"{SITE_URL}{language}/items/") + r"[a-z0-9-]+/", href), href
            assert (absolute_site / href[len(SITE_URL) :] / "index.html").is_file()
            assert entry.find(f"{ATOM}id").text.startswith(SITE_URL)


def test_sitemap_urls_are_absolute(absolute_site: Path) -> None:
    root = ET.parse(absolute_site / "sitemap.xml").getroot()
    urls = [loc.text for loc in root.iterfind("s:url/s:loc", SITEMAP)]
    urls += [link.get("href") for link in root.iterfind("s:url/x:link", SITEMAP)]
    assert urls and all(url.startswith(SITE_URL) for url in urls)


def test_api_exports_stay_relative(absolute_site: Path) -> None:
    data = json.loads((absolute_site / "api/catalogue.json").read_text(encoding="utf-8"))
    made = [page for pages in data["pages"].values() for page in pages.values()]
    for item in data["items"]:
        made += list(item["url"].values()) + [image["url"] for image in item.get("images", [])]
    made += [url for publisher in data["publishers"] for url in publisher["url"].values()]
    assert made and not [url for url in made if "://" in url or url.startswith("/")]
    listing = json.loads((absolute_site / "api/listing-en.json").read_text(encoding="utf-8"))
    assert all(row["url"] == f"en/items/{row['id']}/" for row in listing["items"])
    geo = json.loads((absolute_site / "api/items.geojson").read_text(encoding="utf-8"))
    assert all("://" not in feature["properties"]["url"] for feature in geo["features"])
    csv_text = (absolute_site / "api/items.csv").read_text(encoding="utf-8-sig")
    assert SITE_URL not in csv_text


# -- without site_url ---------------------------------------------------------------------------


def test_without_site_url_alternates_are_relative_and_reach_the_page(relative_site: Path) -> None:
    for rest in PAGES:
        url = f"sq/{rest}"
        page = soup(relative_site, url)
        assert page.select_one('link[rel="canonical"]') is None
        alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
        assert set(alternates) == {*LANGUAGES, "x-default"}
        for language, href in alternates.items():
            assert "://" not in href and not href.startswith("/")
            target = "en" if language == "x-default" else language
            assert (relative_site / url / href).resolve() == (relative_site / target / rest).resolve()


def test_feeds_without_site_url_link_relative_to_their_folder(relative_site: Path) -> None:
    root = ET.parse(relative_site / "de" / "feed.xml").getroot()
    assert {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")} == {
        "self": "feed.xml",
        "alternate": "./",
    }
    for entry in root.findall(f"{ATOM}entry"):
        assert (relative_site / "de" / entry.find(f"{ATOM}link").get("href") / "index.html").is_file()


def _browser_path(page_url: str, src: str) -> str:
    """The site path a browser requests for `src` on the page at `page_url`, decoded once as a
    static server does. Fails on a segment the WHATWG URL parser would treat as `.` or `..`."""
    base = "http://localhost/catalogue/"
    path = urlsplit(urljoin(base + page_url, src)).path
    for segment in path.split("/"):
        assert segment.lower() not in {".", "..", "%2e", "%2e%2e", ".%2e", "%2e."}, (src, segment)
    assert path.startswith("/catalogue/")
    return unquote(path[len("/catalogue/") :])


@pytest.mark.parametrize("site_fixture", ["relative_site", "absolute_site"])
def test_every_picture_url_reaches_its_own_file(site_fixture: str, request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue(site_fixture)
    expected = [f"media/testgrad/{name}" for name, _, _ in PICTURES] + ["media/testgrad/images/plot.png"]
    for language in LANGUAGES:
        url = f"{language}/items/north-plot/"
        page = soup(site, url)
        sources = [img["src"] for img in page.select(".prilika-images img")]
        data = json.loads(page.select_one('script[type="application/ld+json"]').string)
        og_image = page.select_one('meta[property="og:image"]')["content"]
        for found in (sources, data["image"]):
            assert [_browser_path(url, src) for src in found] == expected
            assert not [src for src in found if re.search(r"[#? ]|[^\x21-\x7e]", src)]
        assert _browser_path(url, og_image).startswith(f"{url}share-")  # the share card
        for path, (name, width, _) in zip(expected[:-1], PICTURES, strict=True):
            # The file a browser gets is the publisher's own (its width is in the PNG header).
            assert int.from_bytes((site / path).read_bytes()[16:20], "big") == width, name
    catalogue = json.loads((site / "api/catalogue.json").read_text(encoding="utf-8"))
    plot = next(item for item in catalogue["items"] if item["id"] == "north-plot")
    assert [_browser_path("", image["url"]) for image in plot["images"]] == expected
    assert [image["file"] for image in plot["images"]][0] == "images/Hala #2.png"
