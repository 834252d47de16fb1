"""Checks on a model that validated: rules that need more than one field, another file or the disk.

The dates against each other and the build date, the location against the publisher's country,
pictures against the files in the publisher's folder, repeated list entries and missing
translations. Each check returns `Problem`s and raises nothing, so every one of them is reported.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from generator.config import Settings
from generator.languages import has_language
from generator.submission import pictures, reference
from generator.submission.events import event_checks
from generator.submission.models import ItemBase
from generator.submission.phones import phone_problems
from generator.submission.problems import Problem, field_path, problem
from generator.submission.pydantic_errors import Partial
from generator.submission.sources import Source, locate, resolved

# The first bytes of each format: a renamed document or a web page saved as `.jpg` would
# otherwise reach the site as a broken picture.
IMAGE_SIGNATURES = {
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "webp": (b"RIFF",),
}
IMAGE_SUFFIXES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp"}
TRANSLATED_FIELDS = ("title", "summary", "description")
LIST_FIELDS = (
    "sectors",
    "seeking",
    "tags",
    "certifications",
    "export_markets",
    "member_of",
    "languages",
    "participants",
)


def translation_warnings(source: Source, value: Any, name: str, settings: Settings) -> list[Problem]:
    """One warning per configured language that `value`, the text of field `name`, lacks.

    `value` is a plain string (the default language's) or a mapping language -> text; `None` (an
    optional field left out) lacks nothing. The warning points at the field in `source`.
    """
    problems: list[Problem] = []
    if value is None:
        return problems
    for language in settings.languages:
        if not has_language(value, language, settings.default_language, settings.languages):
            line, column = locate(source.node, (name,))
            problems.append(
                problem(source.path, line, column, name, "translation_missing", severity="warning", language=language)
            )
    return problems


def check_location(source: Source, loc: tuple, lat: float, lon: float, country: str, field_name: str) -> list[Problem]:
    """An error if the point `lat`, `lon` (WGS 84 degrees) lies outside `country`'s borders.

    SPEC "What is written is what is published": checked against the country's outline, not a
    bounding box (Natural Earth 1:10m, with the tolerance at borders, coasts and small islands
    of `reference.in_country`); `country` is a two-letter code, one without an outline is not
    checked. The problem names the country the point lies in where that is known, and says so
    when the point fits once latitude and longitude are swapped. It points at `loc` in `source`
    and names `field_name`. Returns `[]` or one problem.
    """
    if reference.in_country(country, lat, lon) in (None, True):
        return []
    line, column = locate(source.node, loc)
    if reference.in_country(country, lon, lat):
        return [problem(source.path, line, column, field_name, "location_swapped", country=country)]
    other = reference.country_at(lat, lon)
    if other is None or other == country:
        return [problem(source.path, line, column, field_name, "location_outside", country=country, lat=lat, lon=lon)]
    # Naming where the point is tells a slip of a digit from a plot filed under the wrong publisher.
    return [problem(source.path, line, column, field_name, "location_elsewhere", country=other, lat=lat, lon=lon)]


def _check_image(source: Source, folder: Path, index: int, file: str, cache: Path | None = None) -> list[Problem]:
    """`images[index].file` must name a JPEG, PNG or WebP file inside `folder`, and be one that
    decodes in full within the limits of `pictures.inspect_picture` (SPEC "Pictures")."""
    loc = ("images", index, "file")
    line, column = locate(source.node, loc)
    name = field_path(loc)

    def fail(key: str, **params: Any) -> list[Problem]:
        return [problem(source.path, line, column, name, key, file=file, **params)]

    candidate = folder / file
    # The site copies the picture: a path that leaves the folder could publish any file of the repository.
    if Path(file).is_absolute() or ".." in Path(file).parts or "\\" in file:
        return fail("image_outside")
    suffix = Path(file).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return fail("image_type")
    if candidate.is_symlink():
        return fail("image_outside")
    try:
        resolved(candidate).relative_to(resolved(folder))
    except ValueError:
        return fail("image_outside")
    if not candidate.is_file():
        return fail("image_missing")
    with candidate.open("rb") as handle:
        head = handle.read(16)
    expected = IMAGE_SUFFIXES[suffix]
    signature_ok = any(head.startswith(sig) for sig in IMAGE_SIGNATURES[expected])
    if expected == "webp":
        # RIFF also starts WAV and AVI files; WebP says so at byte 8.
        signature_ok = signature_ok and head[8:12] == b"WEBP"
    if not signature_ok:
        return fail("image_not_image", format=expected.upper())
    refusal = pictures.inspect_picture(candidate, expected, cache)  # `cache` remembers pictures that passed
    return fail(refusal.key, **refusal.params) if refusal else []


def _duplicates(source: Source, name: str, values: list) -> list[Problem]:
    """A value listed twice is a slip (a pasted line), and would count the item twice in filters."""
    problems, seen = [], set()
    for index, value in enumerate(values):
        if value is None:
            continue  # an entry that is wrong in itself; its own problem says so
        if value in seen:
            line, column = locate(source.node, (name, index))
            problems.append(problem(source.path, line, column, f"{name}[{index}]", "duplicate_value", value=str(value)))
        seen.add(value)
    return problems


def item_checks(
    source: Source,
    item: ItemBase | Partial,
    country: str | None,
    settings: Settings,
    folder: Path,
    today: date,
) -> list[Problem]:
    """Every check on `item` that its model cannot make alone, as problems in no set order.

    `item` is the validated model, or the `Partial` of the fields that are valid on their own when
    the model failed (so a wrong value elsewhere hides none of these); a field it lacks is not
    checked. `country` is the publisher's (None if its own file does not say it validly).
    Errors: `valid_until` before `published`, a location outside `country` (not for an event,
    which may be held abroad; its own rules are `events.event_checks`), a contact phone
    number that is not valid (read in `country` when written without `+`), a repeated list
    entry, a picture that is not a picture file in `folder` (the publisher's folder). Warnings:
    expired or future-dated against `today` (the build date), a missing translation of a
    `TRANSLATED_FIELDS` text.
    """
    problems: list[Problem] = []
    if item.valid_until is not None and item.published is not None and item.valid_until < item.published:
        line, column = locate(source.node, ("valid_until",))
        problems.append(problem(source.path, line, column, "valid_until", "valid_until_before_published"))
    elif item.valid_until is not None and item.valid_until < today:
        line, column = locate(source.node, ("valid_until",))
        problems.append(
            problem(
                source.path,
                line,
                column,
                "valid_until",
                "expired",
                severity="warning",
                date=item.valid_until.isoformat(),
            )
        )
    if item.published is not None and item.published > today:
        line, column = locate(source.node, ("published",))
        problems.append(problem(source.path, line, column, "published", "published_future", severity="warning"))
    location = getattr(item, "location", None)
    event = getattr(item, "kind", None) == "event"
    # An event may be held abroad (a B2B day in Vienna): its place is not checked against the country.
    located = location is not None and location.lat is not None and location.lon is not None
    if country is not None and located and not event:
        problems += check_location(source, ("location",), location.lat, location.lon, country, "location")
    if event:
        problems += event_checks(source, item, country)
    if item.contact is not None:
        problems += phone_problems(source, ("contact", "phone"), item.contact.phone, country)
    for name in LIST_FIELDS:
        problems += _duplicates(source, name, getattr(item, name, None) or [])
    for index, image in enumerate(item.images or []):
        if image is not None and image.file is not None:
            problems += _check_image(source, folder, index, image.file, pictures.cache_folder(settings.root))
    for name in TRANSLATED_FIELDS:
        problems += translation_warnings(source, getattr(item, name), name, settings)
    return problems
