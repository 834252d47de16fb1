"""Published pictures and share cards, as a built site shows them (SPEC "Pictures").

The good catalogue's north-plot gets a phone photo as phones write it (`picture_files.phone_photo`:
2400×1800 stored sideways with EXIF orientation 6, GPS position, serial number, XMP, ICC profile).
The site is built twice into two folders, as `prilika build` does; the second build must find
every picture and card in the cache and write the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import build_catalogue, copy_good
from generator.site import pictures
from picture_files import SERIAL, bomb_png, phone_photo

LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
SITE_URL = "https://invest.example.org/catalogue/"
PHOTO = "images/IMG_20240611_101500.jpg"
RED = (230, 20, 20)


def _catalogue(folder: Path) -> Path:
    copy_good(folder)
    testgrad = folder / "opportunities" / "testgrad"
    (testgrad / PHOTO).write_bytes(phone_photo())
    plot = testgrad / "north-plot.yaml"
    text = plot.read_text(encoding="utf-8")
    plot.write_text(text.replace("images:\n", f"images:\n  - file: {PHOTO}\n    caption: From the road\n", 1))
    config = folder / "mkdocs.yml"
    name = "site_name: Test catalogue"
    config.write_text(config.read_text().replace(name, f"{name}\nsite_url: {SITE_URL}"))
    return config


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Two builds of one catalogue: what each made anew, and both sites."""
    saved = os.environ.pop("PRILIKA_CACHE_DIR", None)
    try:
        folder = tmp_path_factory.mktemp("pictures") / "catalogue"
        config = _catalogue(folder)
        before = dict(pictures.ENCODED)
        assert build_catalogue(config, folder / "site-1") == 0
        first = {kind: pictures.ENCODED[kind] - before.get(kind, 0) for kind in ("pictures", "cards")}
        cache = folder / ".prilika-cache"
        cached = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
        before = dict(pictures.ENCODED)
        assert build_catalogue(config, folder / "site-2") == 0
        second = {kind: pictures.ENCODED[kind] - before.get(kind, 0) for kind in ("pictures", "cards")}
        return {
            "folder": folder,
            "site": folder / "site-1",
            "again": folder / "site-2",
            "first": first,
            "second": second,
            "cached": cached,
            "cache": cache,
        }
    finally:
        if saved is not None:
            os.environ["PRILIKA_CACHE_DIR"] = saved


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _file(site: Path, page_url: str, link: str) -> Path:
    """The file a link on the page at `page_url` leads to (relative, or absolute under SITE_URL)."""
    if link.startswith(SITE_URL):
        return site / link[len(SITE_URL) :]
    return (site / page_url / link).resolve()


def _published_pictures(site: Path) -> list[Path]:
    return sorted(p for folder in ("media", "pictures") for p in (site / folder).rglob("*") if p.is_file())


def test_published_pictures_carry_no_metadata_of_the_original(builds: dict) -> None:
    site = builds["site"]
    published = _published_pictures(site)
    assert any(p.suffix == ".webp" for p in published) and (site / "media/testgrad" / PHOTO).is_file()
    for path in published:
        data = path.read_bytes()
        for marker in (SERIAL.encode(), b"PhoneMaker", b"Exif\x00", b"GPS", b"xmpmeta", b"ICCP", b"acsp"):
            assert marker not in data, (path, marker)
        with Image.open(path) as image:
            assert not dict(image.getexif()), path
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(image.info), (path, image.info.keys())
    # No file of the site at all carries the serial number or the original photo's bytes.
    original = hashlib.sha256((builds["folder"] / "opportunities/testgrad" / PHOTO).read_bytes()).hexdigest()
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SERIAL.encode() not in data, path
            assert hashlib.sha256(data).hexdigest() != original, path


def test_the_photo_is_upright_in_webp_variants(builds: dict) -> None:
    site = builds["site"]
    img = _page(site, "en/items/north-plot").select(".prilika-images img")[0]
    variants = [entry.strip().rsplit(" ", 1) for entry in img["srcset"].split(",")]
    assert [width for _, width in variants] == ["480w", "960w", "1600w"]
    for link, width in variants:
        with Image.open(_file(site, "en/items/north-plot", link)) as image:
            assert image.format == "WEBP"
            # Stored 2400×1800 with orientation 6: shown 1800 wide and 2400 high, so taller than wide.
            assert image.size == (int(width[:-1]), round(int(width[:-1]) * 2400 / 1800))
            rgb = image.convert("RGB")
            top_right = rgb.getpixel((image.width - 3, 2))
            top_left = rgb.getpixel((2, 2))
            assert all(abs(a - b) < 40 for a, b in zip(top_right, RED, strict=True)), top_right
            assert top_left[0] < 200 or top_left[1] > 100, top_left
    with Image.open(_file(site, "en/items/north-plot", img["src"])) as fallback:
        assert fallback.format == "JPEG" and fallback.size == (1600, 2133)


def test_img_elements_have_size_srcset_sizes_and_lazy_loading(builds: dict) -> None:
    site = builds["site"]
    for language in LANGUAGES:
        url = f"{language}/items/north-plot"
        images = _page(site, url).select(".prilika-images img")
        assert len(images) == 2
        for img in images:
            for attribute in ("src", "srcset", "sizes", "width", "height", "alt"):
                assert img.get(attribute) is not None, (language, attribute)
            assert img["loading"] == "lazy" and img["decoding"] == "async"
            with Image.open(_file(site, url, img["src"])) as fallback:
                assert (int(img["width"]), int(img["height"])) == fallback.size
            for entry in img["srcset"].split(","):
                link, width = entry.strip().rsplit(" ", 1)
                with Image.open(_file(site, url, link)) as variant:
                    assert f"{variant.width}w" == width


def test_cards_show_a_small_picture_where_the_item_has_one(builds: dict) -> None:
    site = builds["site"]
    for language in LANGUAGES:
        listing = _page(site, f"{language}/opportunities")
        plot = listing.select_one('.prilika-card[data-item-id="north-plot"] img.prilika-card__picture')
        assert plot is not None and plot["loading"] == "lazy" and plot["decoding"] == "async"
        assert plot["alt"] == "" and plot.get("sizes")
        widths = [entry.strip().rsplit(" ", 1)[1] for entry in plot["srcset"].split(",")]
        assert all(int(width[:-1]) <= 960 for width in widths)
        assert (int(plot["width"]), int(plot["height"])) == (480, 640)
        assert _file(site, f"{language}/opportunities", plot["src"]).is_file()
        # An item without pictures has a card without one.
        assert listing.select_one('.prilika-card[data-item-id="berry-coop"] img') is None


def test_every_item_page_has_a_share_card_in_its_language(builds: dict) -> None:
    site = builds["site"]
    items = sorted(p.name for p in (site / "en/items").iterdir() if (p / "index.html").is_file())
    assert "north-plot" in items and len(items) >= 3
    cards: dict[tuple[str, str], bytes] = {}
    for item in items:
        for language in LANGUAGES:
            url = f"{language}/items/{item}"
            head = _page(site, url).head
            og_image = head.select_one('meta[property="og:image"]')["content"]
            assert og_image.startswith(f"{SITE_URL}{url}/share-") and og_image.endswith(".jpg")
            assert head.select_one('meta[property="og:image:width"]')["content"] == "1200"
            assert head.select_one('meta[property="og:image:height"]')["content"] == "630"
            assert head.select_one('meta[property="og:image:type"]')["content"] == "image/jpeg"
            assert head.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
            data = _file(site, url, og_image).read_bytes()
            with Image.open(io.BytesIO(data)) as card:
                assert (card.format, card.size) == ("JPEG", (1200, 630))
            assert len(data) < 300_000  # WhatsApp shows no preview for larger pictures
            cards[(item, language)] = data
    for item in items:
        # Each language has its own card; Serbian in Cyrillic is not the Latin card.
        assert len({cards[(item, language)] for language in LANGUAGES}) == len(LANGUAGES), item
        assert cards[(item, "sr-Cyrl")] != cards[(item, "sr-Latn")]


def test_a_card_shows_the_photo_beside_the_text(builds: dict) -> None:
    site = builds["site"]
    url = "en/items/north-plot"
    card_url = _page(site, url).head.select_one('meta[property="og:image"]')["content"]
    with Image.open(_file(site, url, card_url)) as card:
        # The photo's panel: the upright photo's red corner is its top right, the card's top right.
        assert all(abs(a - b) < 40 for a, b in zip(card.convert("RGB").getpixel((1195, 5)), RED, strict=True))


def test_a_rebuild_makes_nothing_anew_and_writes_the_same_bytes(builds: dict) -> None:
    assert builds["first"]["pictures"] == 2  # the photo and plot.png
    assert builds["first"]["cards"] == 3 * len(LANGUAGES)
    assert builds["second"] == {"pictures": 0, "cards": 0}
    cache = builds["cache"]
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == builds["cached"]

    def digest(folder: Path) -> dict[str, str]:
        return {
            p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }

    assert digest(builds["site"]) == digest(builds["again"])


def test_a_changed_title_makes_only_that_items_cards_anew(builds: dict, tmp_path: Path) -> None:
    folder = builds["folder"]
    plot = folder / "opportunities/testgrad/north-plot.yaml"
    text = plot.read_text(encoding="utf-8")
    plot.write_text(text.replace("Greenfield plot in the northern zone", "Plot by the road"), encoding="utf-8")
    before = dict(pictures.ENCODED)
    assert build_catalogue(folder / "mkdocs.yml", tmp_path / "site") == 0
    made = {kind: pictures.ENCODED[kind] - before.get(kind, 0) for kind in ("pictures", "cards")}
    # English has the new title; the others keep their own translations, and their cards.
    assert made == {"pictures": 0, "cards": 1}


def test_a_bad_picture_that_slipped_past_validation_fails_the_build_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build's own decoding is the second line: a bomb it is handed (a file swapped after
    validation, a forged cache) stops the build with one line naming the file, not a traceback."""
    from generator.submission import pictures as checks

    monkeypatch.delenv("PRILIKA_CACHE_DIR", raising=False)
    monkeypatch.setattr(checks, "inspect_picture", lambda *args, **kwargs: None)
    folder = tmp_path / "catalogue"
    copy_good(folder)
    (folder / "opportunities/testgrad/images/plot.png").write_bytes(bomb_png(9000, 9000))
    assert build_catalogue(folder / "mkdocs.yml", folder / "site") == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "images/plot.png: this picture cannot be published (9000×9000 pixels" in captured.out
    assert not (folder / "site").exists()
