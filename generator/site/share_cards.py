"""Share cards: the 1200×630 picture a chat or social network shows for a link to an item page.

Investors pass offers around as links (WhatsApp, Viber, LinkedIn, Facebook). Each item page in
each language gets its own card (SPEC "Pictures"): the item's title, kind, key fact (land area,
investment, or what a company is looking for), publisher and country, and the catalogue's name,
in the page's language and script, beside the item's first picture when it has one. Pages point
at it with `og:image` (and its width, height and type) and `twitter:card = summary_large_image`.

The text is set in Noto Sans (SIL Open Font License 1.1) from the `fontpkg-noto-sans` package,
which covers Latin with every letter of German, Serbian and Albanian (ß, đ, ž, ë, ç) and Serbian
Cyrillic (ћ, џ, љ); its variable weight axis gives the bold. Glyphs are placed by Pillow's basic
layout, which needs no system library and gives the same pixels on every machine.

Cards are cached by content like pictures (`pictures.ProcessedCache`): the key hashes every text
on the card, the picture's key, this design's constants and the versions of Pillow, FreeType and
the font, so a rebuild makes only the cards whose item changed.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

import fontpkg_noto_sans
from PIL import Image, ImageDraw, ImageFont, ImageOps, features

from generator import messages, urls
from generator.languages import country_name
from generator.site.cards import plain_text
from generator.site.facts import key_figure
from generator.site.memo import memoised
from generator.site.pictures import Picture, ProcessedCache, key_of, picture_of, toolchain
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.pictures import cache_folder

WIDTH, HEIGHT = 1200, 630
"""The size Facebook, LinkedIn and X ask for (1.91:1); WhatsApp and Viber crop the same picture."""
MEDIA_TYPE = "image/jpeg"
JPEG = {"quality": 88, "optimize": True, "subsampling": "4:4:4"}
"""Full colour resolution keeps the letters' coloured edges clean; a card stays near 100 KB,
under the 300 KB above which WhatsApp shows no preview."""
DESIGN_VERSION = 2
"""Raised whenever the drawing below changes, so that cached cards are made anew."""
FONT_FILE = fontpkg_noto_sans.ROOT / "files" / "NotoSans[wdth,wght].ttf"
PHOTO_WIDTH = 480
FOOTER = 84
MARGIN = 64
INK = (33, 33, 33)
MUTED = (96, 96, 96)
PAPER = (255, 255, 255)
# The badge colours of prilika.css, so that a card looks like the site it leads to.
KIND_COLOURS = {
    "site": ((27, 94, 32), (227, 242, 225)),
    "project": ((13, 60, 140), (227, 236, 251)),
    "sme": ((122, 62, 0), (251, 238, 224)),
    "event": ((91, 42, 134), (239, 229, 247)),
}
OTHER_COLOURS = ((40, 53, 147), (232, 234, 246))


@dataclass(frozen=True)
class CardText:
    """Everything a card says, in one language and script."""

    title: str
    kind: str
    kind_label: str
    status_label: str
    fact: str
    place: str
    site_name: str
    host: str


@dataclass(frozen=True)
class Card:
    """A card as published: its site path and its file in the cache."""

    path: str
    cached: Path

    @property
    def url(self) -> str:
        return urls.path_url(self.path)


def card_text(catalogue: Catalogue, item: ItemRecord, language: str) -> CardText:
    """The texts of `item`'s card for readers of `language` (untranslated texts fall back to the
    default language, as on the page)."""
    default = catalogue.settings.default_language
    model = item.model
    publisher = catalogue.publisher_of(item)
    seeking = list(getattr(model, "seeking", None) or [])
    if seeking:
        wanted = ", ".join(messages.label(f"seeking_{value}", language) for value in seeking)
        fact = f"{messages.label('field_seeking', language)}: {wanted}"
    else:
        fact = str(key_figure(item, language))
    status = model.status if model.status in ("reserved", "realised") else ""
    return CardText(
        title=plain_text(model.title, language, default),
        kind=item.kind,
        kind_label=messages.label(f"kind_{item.kind}", language),
        status_label=messages.label(f"status_{status}", language) if status else "",
        fact=fact,
        place=f"{plain_text(publisher.model.name, language, default)} · "
        f"{country_name(catalogue.country_of(item), language)}",
        site_name=catalogue.settings.site_name_in(language),
        # The site's address is on the card too: a chat may show the picture without the link.
        host=urlsplit(catalogue.settings.site_url).hostname or "",
    )


@cache
def _font(size: int, weight: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(FONT_FILE), size, layout_engine=ImageFont.Layout.BASIC)
    # Axes in the file's order: weight (100-900), width (62.5-100).
    font.set_variation_by_axes([weight, 100])
    return font


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """`text` in lines no wider than `width` pixels, at most `max_lines`; the last one ends in `…`
    when the text does not fit. A word wider than a line is broken between letters."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while font.getlength(current) > width:
            cut = len(current)
            while cut > 1 and font.getlength(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and font.getlength(last.rstrip(" ,.;:–-") + "…") > width:
        last = last[:-1]
    return [*lines[: max_lines - 1], last.rstrip(" ,.;:–-") + "…"]


def _fitted_title(text: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size at which `text` fits in three lines (four at the smallest size)."""
    for size in (60, 54, 48):
        font = _font(size, 700)
        lines = _wrap(text, font, width, 3)
        if not lines[-1].endswith("…"):
            return font, lines
    font = _font(44, 700)
    return font, _wrap(text, font, width, 4)


def render_card(text: CardText, photo: Path | None) -> bytes:
    """The card as JPEG bytes, `WIDTH`×`HEIGHT`; `photo` (a published picture file, upright and
    without metadata) fills the upper right when given."""
    ink, tint = KIND_COLOURS.get(text.kind, OTHER_COLOURS)
    card = Image.new("RGB", (WIDTH, HEIGHT), PAPER if photo else tint)
    draw = ImageDraw.Draw(card)
    body_bottom = HEIGHT - FOOTER
    text_right = WIDTH - PHOTO_WIDTH - MARGIN if photo else WIDTH - MARGIN
    if photo is not None:
        with Image.open(photo) as source:
            source.load()
            panel = ImageOps.fit(source.convert("RGB"), (PHOTO_WIDTH, body_bottom), Image.Resampling.LANCZOS)
        card.paste(panel, (WIDTH - PHOTO_WIDTH, 0))
    # The footer carries the catalogue's name across the whole width, where chats leave it uncropped.
    draw.rectangle((0, body_bottom, WIDTH, HEIGHT), fill=PAPER)
    draw.line((0, body_bottom, WIDTH, body_bottom), fill=(224, 224, 224), width=2)
    # A band in the kind's colour down the left edge: the card's kind at a glance, even as a thumbnail.
    draw.rectangle((0, 0, 15, HEIGHT), fill=ink)

    x, y = MARGIN, 52
    badge_font = _font(26, 700)
    badges = ((text.kind_label, PAPER if not photo else tint, ink), (text.status_label, (253, 226, 225), (142, 27, 20)))
    for label, background, colour in badges:
        if label:
            width = int(badge_font.getlength(label))
            draw.rounded_rectangle((x, y, x + width + 36, y + 44), radius=22, fill=background)
            draw.text((x + 18, y + 22), label, font=badge_font, fill=colour, anchor="lm")
            x += width + 48
    x, y = MARGIN, 128
    width = text_right - MARGIN
    title_font, lines = _fitted_title(text.title, width)
    for line in lines:
        draw.text((x, y), line, font=title_font, fill=INK, anchor="la")
        y += round(title_font.size * 1.2)
    y += 16
    fact_font = _font(44, 700)
    for line in _wrap(text.fact, fact_font, width, 2):
        draw.text((x, y), line, font=fact_font, fill=ink, anchor="la")
        y += 54
    place_font = _font(28, 400)
    # Publisher and country at the foot of the text, a long publisher name on two lines.
    place_y = body_bottom - 28
    for line in reversed(_wrap(text.place, place_font, width, 2 if y < place_y - 80 else 1)):
        draw.text((x, place_y), line, font=place_font, fill=MUTED, anchor="ls")
        place_y -= 36

    footer_y = body_bottom + FOOTER // 2
    host_font = _font(26, 400)
    host_width = int(host_font.getlength(text.host)) if text.host else 0
    if text.host:
        draw.text((WIDTH - MARGIN, footer_y), text.host, font=host_font, fill=MUTED, anchor="rm")
    name_font = _font(28, 700)
    name = _wrap(text.site_name, name_font, WIDTH - 2 * MARGIN - host_width - (32 if host_width else 0), 1)
    draw.text((MARGIN, footer_y), name[0] if name else "", font=name_font, fill=INK, anchor="lm")

    buffer = io.BytesIO()
    card.save(buffer, "JPEG", **JPEG)
    return buffer.getvalue()


def card_entry(text: CardText, photo: str | None) -> dict[str, bytes]:
    """What a cache entry of kind `cards` holds: `card.jpg`."""
    return {"card.jpg": render_card(text, Path(photo) if photo else None)}


def design_key() -> dict:
    """What a card's pixels depend on besides its texts and picture."""
    return {
        "design": DESIGN_VERSION,
        "size": [WIDTH, HEIGHT],
        "jpeg": JPEG,
        "font": [FONT_FILE.name, _font_version()],
        "freetype": str(features.version("freetype2")),
        **toolchain(),
    }


@cache
def _font_version() -> str:
    try:
        return version("fontpkg-noto-sans")
    except PackageNotFoundError:  # run from a copy of the files: their size stands in
        return str(FONT_FILE.stat().st_size)


def _panel_source(picture: Picture) -> Path:
    """The smallest variant that fills the photo panel without being enlarged."""
    for variant in picture.variants:
        if variant.width >= PHOTO_WIDTH and variant.height >= HEIGHT - FOOTER:
            return variant.cached
    return picture.variants[-1].cached


def catalogue_cards(catalogue: Catalogue) -> dict[tuple[str, str], Card]:
    """Every listed item's card in every language, made (or read from the cache) once per build.

    Keyed by (item id, language).
    """

    def make() -> dict[tuple[str, str], Card]:
        cache = ProcessedCache(cache_folder(catalogue.settings.root))
        design = design_key()
        jobs: dict[str, tuple[CardText, str | None]] = {}
        keys: dict[tuple[str, str], str] = {}
        for item in catalogue.listed():
            picture = picture_of(catalogue, item.publisher_id, item.model.images[0].file) if item.model.images else None
            photo = str(_panel_source(picture)) if picture else None
            for language in catalogue.settings.languages:
                text = card_text(catalogue, item, language)
                key = keys[(item.id, language)] = key_of(asdict(text), picture.key if picture else "", design)
                jobs[key] = (text, photo)
        cache.make_missing("cards", jobs, card_entry)
        cards: dict[tuple[str, str], Card] = {}
        for (item_id, language), key in keys.items():
            entry = cache.entry("cards", key, functools.partial(card_entry, *jobs[key]))
            cards[(item_id, language)] = Card(f"{urls.item(language, item_id)}share-{key[:10]}.jpg", entry / "card.jpg")
        return cards

    return memoised(catalogue, "share_cards", make)


def card_files(catalogue: Catalogue) -> Iterator[tuple[str, Path]]:
    """(site path, cached file) of every share card."""
    for card in catalogue_cards(catalogue).values():
        yield card.path, card.cached


def card_url(catalogue: Catalogue, item_id: str, language: str) -> str | None:
    """The URL (relative to the site root) of an item's card in `language`; None for an item that
    is not listed (an expired or closed item's page is not for sharing)."""
    card = catalogue_cards(catalogue).get((item_id, language))
    return card.url if card else None


OPEN_GRAPH = {"og_image_width": WIDTH, "og_image_height": HEIGHT, "og_image_type": MEDIA_TYPE}
"""What an item page's metadata says of its card besides the URL (Open Graph `og:image:*`)."""
