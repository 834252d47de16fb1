"""Files -> a catalogue and every problem in it, in one pass.

Each file is read and checked on its own first (YAML, then the model), then
against the others (ids, publishers, images, countries). Nothing stops at the
first problem: an officer fixing a pull request wants the whole list at once.
"""

from __future__ import annotations

import difflib
import gc
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.config import Settings, build_date
from generator.languages import has_language
from generator.submission import reference
from generator.submission.catalogue import Catalogue, ItemRecord, PublisherRecord
from generator.submission.models import ITEM_MODELS, ItemBase, Publisher, is_slug
from generator.submission.problems import Problem, problem, sort_problems
from generator.submission.sources import (
    Source,
    forget_resolved_folders,
    locate,
    locate_key,
    read_source,
    repo_path,
    resolved,
)

PUBLISHER_FILE = "publisher.yaml"
IMAGE_SIGNATURES = {
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "webp": (b"RIFF",),
}
IMAGE_SUFFIXES = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp"}
TRANSLATED_FIELDS = ("title", "summary", "description")

SIMPLE_ERRORS = {
    "missing": "missing",
    "greater_than": "greater_than",
    "greater_than_equal": "at_least",
    "less_than_equal": "at_most",
    "less_than": "less_than",
    "float_parsing": "number",
    "float_type": "number",
    "finite_number": "number",
    "int_parsing": "integer",
    "int_type": "integer",
    "int_from_float": "integer",
    "bool_parsing": "boolean",
    "bool_type": "boolean",
    "date_parsing": "date",
    "date_type": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "string_type": "string",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
    "string_too_long": "too_long",
    "string_too_short": "empty",
    "string_pattern_mismatch": "pattern",
    "literal_error": "one_of",
    "too_short": "too_few",
    "extra_forbidden": "unknown_field",
}


@dataclass
class Result:
    catalogue: Catalogue
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def field_path(loc: Iterable[str | int]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _clean_loc(data: Any, loc: tuple) -> tuple:
    """Drop pydantic's union tags (`amount`, `range`, `function-plain[...]`) that are not keys."""
    cleaned: list = []
    current = data
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict):
            if step in current or last:
                cleaned.append(step)
                current = current.get(step)
            continue
        if isinstance(current, list) and isinstance(step, int):
            cleaned.append(step)
            current = current[step] if 0 <= step < len(current) else None
            continue
        if current is None and not last:
            cleaned.append(step)
    return tuple(cleaned)


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation can hold (through Optional, list, Annotated, Union)."""
    found: list[Any] = []
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in typing.get_args(annotation) if origin is not None else ():
        found.extend(_unwrap(arg))
    return found


def known_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names valid at `loc`, for the "did you mean" hint on an unknown field."""
    current: list[type[BaseModel]] = [model]
    for step in loc:
        if isinstance(step, int):
            continue
        following: list[type[BaseModel]] = []
        for cls in current:
            info = cls.model_fields.get(step)
            if info is not None:
                following.extend(_unwrap(info.annotation))
        current = following
    return sorted({name for cls in current for name in cls.model_fields})


def pydantic_problems(source: Source, model: type[BaseModel], error: ValidationError) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        ctx = dict(detail.get("ctx") or {})
        kind = detail["type"]
        sub = ctx.pop("sub", None)
        loc = _clean_loc(source.data, (*detail["loc"], sub) if sub is not None else tuple(detail["loc"]))
        params: dict[str, Any] = {}
        if kind == "extra_forbidden":
            key = "unknown_field"
            name = str(loc[-1])
            close = difflib.get_close_matches(name, known_fields(model, loc[:-1]), n=1, cutoff=0.6)
            if close:
                key = "unknown_field_hint"
                params["hint"] = close[0]
            params["name"] = name
            line, column = locate_key(source.node, loc)
        else:
            key = SIMPLE_ERRORS.get(kind, kind)
            line, column = locate(source.node, loc)
            if kind == "missing":
                line, column = locate(source.node, loc[:-1])
            params.update({k: _plain(v) for k, v in ctx.items()})
            if kind == "literal_error":
                params["expected"] = ctx.get("expected", "")
            if kind == "too_short":
                params["min"] = ctx.get("min_length", 1)
            if kind not in SIMPLE_ERRORS and not kind.startswith(
                ("text_", "country_", "nace_", "hs_", "https_", "email", "year", "range_", "placeholder")
            ):
                key = "invalid"
                params["reason"] = detail.get("msg", kind)
        if kind != "missing" and detail.get("input", ...) is None:
            key, params = "placeholder", {}  # a starter's `~` left in place, or an empty value
        problems.append(problem(source.path, line, column, field_path(loc), key, **params))
    return problems


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, float, str)) else str(value)


def validate_model(
    source: Source, model: type[BaseModel], context: dict[str, Any]
) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(source.data, context=context), []
    except ValidationError as error:
        return None, pydantic_problems(source, model, error)


def _translation_warnings(source: Source, value: Any, name: str, settings: Settings) -> list[Problem]:
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


def _check_location(source: Source, loc: tuple, lat: float, lon: float, country: str, field_name: str) -> list[Problem]:
    box = reference.country_boxes().get(country)
    if box is None or box.contains(lat, lon):
        return []
    line, column = locate(source.node, loc)
    if box.contains(lon, lat):
        return [problem(source.path, line, column, field_name, "location_swapped", country=country)]
    return [problem(source.path, line, column, field_name, "location_outside", country=country, lat=lat, lon=lon)]


def _check_image(source: Source, folder: Path, root: Path, index: int, file: str) -> list[Problem]:
    loc = ("images", index, "file")
    line, column = locate(source.node, loc)
    name = field_path(loc)

    def fail(key: str, **params: Any) -> list[Problem]:
        return [problem(source.path, line, column, name, key, file=file, **params)]

    candidate = folder / file
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
        signature_ok = signature_ok and head[8:12] == b"WEBP"
    if not signature_ok:
        return fail("image_not_image", format=expected.upper())
    return []


LIST_FIELDS = ("sectors", "seeking", "tags", "certifications", "export_markets")


def _duplicates(source: Source, name: str, values: list) -> list[Problem]:
    """A value listed twice is a slip (a pasted line), and would count the item twice in filters."""
    problems, seen = [], set()
    for index, value in enumerate(values):
        if value in seen:
            line, column = locate(source.node, (name, index))
            problems.append(problem(source.path, line, column, f"{name}[{index}]", "duplicate_value", value=str(value)))
        seen.add(value)
    return problems


def _item_checks(
    source: Source, item: ItemBase, publisher: PublisherRecord | None, settings: Settings, folder: Path, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    if item.valid_until is not None and item.valid_until < item.published:
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
    if item.published > today:
        line, column = locate(source.node, ("published",))
        problems.append(problem(source.path, line, column, "published", "published_future", severity="warning"))
    if publisher is not None:
        location = getattr(item, "location", None)
        if location is not None:
            problems += _check_location(
                source, ("location",), location.lat, location.lon, publisher.model.country, "location"
            )
    for name in LIST_FIELDS:
        problems += _duplicates(source, name, getattr(item, name, None) or [])
    for index, image in enumerate(item.images):
        problems += _check_image(source, folder, settings.root, index, image.file)
    for name in TRANSLATED_FIELDS:
        problems += _translation_warnings(source, getattr(item, name), name, settings)
    return problems


def _discover(settings: Settings) -> tuple[list[Path], list[Path], list[Problem]]:
    """Publisher folders and item files, with problems for anything out of place."""
    root = settings.root
    base = settings.opportunities
    problems: list[Problem] = []
    publishers: list[Path] = []
    items: list[Path] = []
    if not base.is_dir():
        shown = repo_path(base, root)
        return [], [], [problem(shown, 1, 1, "", "no_opportunities_folder")]
    for entry in sorted(base.iterdir()):
        shown = repo_path(entry, root)
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            problems.append(problem(shown, 1, 1, "", "file_symlink"))
            continue
        if entry.is_file():
            if entry.suffix in (".yaml", ".yml"):
                problems.append(problem(shown, 1, 1, "", "file_outside_publisher"))
            continue
        if not is_slug(entry.name):
            problems.append(problem(shown, 1, 1, "", "publisher_id", id=entry.name))
            continue
        publishers.append(entry)
        for child in sorted(entry.iterdir()):
            if child.suffix == ".yml":
                problems.append(problem(repo_path(child, root), 1, 1, "", "file_suffix"))
            elif child.suffix == ".yaml" and child.name != PUBLISHER_FILE:
                items.append(child)
    return publishers, items, problems


def validate_catalogue(settings: Settings, today: date | None = None) -> Result:
    """Read and check every file under `opportunities/`; return what is valid and every problem."""
    forget_resolved_folders()
    collecting = gc.isenabled()
    # Hundreds of thousands of small objects and no reference cycles: the cycle
    # collector would only walk them again and again (about an eighth of the time).
    gc.disable()
    try:
        return _validate_catalogue(settings, today)
    finally:
        if collecting:
            gc.enable()


def _validate_catalogue(settings: Settings, today: date | None) -> Result:
    today = today or build_date()
    context = {"languages": settings.languages, "default": settings.default_language, "today": today}
    catalogue = Catalogue(settings=settings, build_date=today)
    folders, item_files, problems = _discover(settings)
    root = settings.root

    for folder in folders:
        path = folder / PUBLISHER_FILE
        if not path.exists() and not path.is_symlink():
            problems.append(problem(repo_path(path, root), 1, 1, "", "publisher_missing", id=folder.name))
            continue
        source, read_problems = read_source(path, root)
        problems += read_problems
        if source is None:
            continue
        model, model_problems = validate_model(source, Publisher, context)
        problems += model_problems
        if model is None:
            continue
        assert isinstance(model, Publisher)
        problems += _check_location(
            source, ("location",), model.location.lat, model.location.lon, model.country, "location"
        )
        for name in ("name", "about"):
            problems += _translation_warnings(source, getattr(model, name), name, settings)
        catalogue.publishers[folder.name] = PublisherRecord(folder.name, model, source.path)

    seen: dict[str, str] = {}
    for path in item_files:
        shown = repo_path(path, root)
        item_id = path.stem
        publisher_id = path.parent.name
        if not is_slug(item_id):
            problems.append(problem(shown, 1, 1, "", "item_id", id=item_id))
            continue
        if item_id in seen:
            problems.append(problem(shown, 1, 1, "", "item_id_duplicate", id=item_id, other=seen[item_id]))
            continue
        seen[item_id] = shown
        source, read_problems = read_source(path, root, shown)
        problems += read_problems
        if source is None:
            continue
        kind = source.data.get("kind")
        model_cls = ITEM_MODELS.get(kind) if isinstance(kind, str) else None
        if model_cls is None:
            loc = ("kind",) if "kind" in source.data else ()
            line, column = locate(source.node, loc)
            key = "kind_unknown" if "kind" in source.data else "kind_missing"
            problems.append(problem(shown, line, column, "kind", key, value=str(kind)))
            continue
        model, model_problems = validate_model(source, model_cls, context)
        problems += model_problems
        publisher = catalogue.publishers.get(publisher_id)
        if publisher is None and (path.parent / PUBLISHER_FILE).exists():
            pass  # the publisher file's own problems say why
        if model is None:
            continue
        assert isinstance(model, ItemBase)
        problems += _item_checks(source, model, publisher, settings, path.parent, today)
        if publisher is not None:
            data = model.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
            catalogue.items[item_id] = ItemRecord(item_id, publisher_id, model, shown, data)

    return Result(catalogue, sort_problems(problems))


def problems_for(result: Result, paths: list[str]) -> list[Problem]:
    """Only the problems of the given files (they were still checked against all the others)."""
    wanted = {p.rstrip("/") for p in paths}
    return [p for p in result.problems if p.path in wanted or any(p.path.startswith(w + "/") for w in wanted)]
