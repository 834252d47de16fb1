"""Files -> a catalogue and every problem in it, in one pass: the order of the checks, not the checks.

Each file is read and checked on its own first (YAML in `sources`, then the model, its errors
translated by `pydantic_errors`), then against the others (ids and publishers here; pictures,
countries and the rest in `checks`). Nothing stops at the first problem: an officer fixing a
pull request wants the whole list at once.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from generator.config import Settings, build_date
from generator.submission.catalogue import Catalogue, ItemRecord, PublisherRecord
from generator.submission.checks import check_location, item_checks, translation_warnings
from generator.submission.fidelity import written_problems
from generator.submission.models import (
    ITEM_MODELS,
    MEMBER_OF_TYPES,
    PARTICIPANT_KINDS,
    ItemBase,
    Publisher,
    Site,
    is_slug,
)
from generator.submission.phones import phone_problems
from generator.submission.problems import Problem, problem, sort_problems
from generator.submission.pydantic_errors import Partial, closest_choice, partial_model, validate_model
from generator.submission.sources import (
    Source,
    forget_resolved_folders,
    locate,
    read_source,
    repo_path,
)

PUBLISHER_FILE = "publisher.yaml"


@dataclass
class Result:
    """The valid part of the catalogue and every problem found, sorted by file, line and column."""

    catalogue: Catalogue
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        """The problems that fail a check (warnings left out), in the same order."""
        return [p for p in self.problems if p.is_error]


# Files an operating system or a tool leaves in folders, which are nobody's submission.
IGNORED_NAMES = {"thumbs.db", "desktop.ini"}
PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
YAML_SUFFIXES = {".yaml", ".yml"}
IMAGES_FOLDER = "images"


def _ignored(entry: Path, readme: bool = True) -> bool:
    """Hidden files (`.gitkeep`, `.DS_Store`), system litter and (where `readme`) a README that
    explains the folder. A hidden YAML file, or a hidden folder holding one, is not left alone:
    it looks like a submission that would never be read."""
    name = entry.name.lower()
    if entry.name.startswith("."):
        return not _holds_yaml(entry)
    return name in IGNORED_NAMES or (readme and name in ("readme.md", "readme.txt", "readme"))


def _holds_yaml(entry: Path) -> bool:
    if entry.is_symlink():
        return True  # reported as a link, wherever it points
    if entry.is_dir():
        return any(p.suffix.lower() in YAML_SUFFIXES for p in entry.rglob("*"))
    return entry.suffix.lower() in YAML_SUFFIXES


def _discover(settings: Settings) -> tuple[list[Path], list[Path], list[Problem]]:
    """Publisher folders and item files, with a problem for every other file that would not be read.

    Read: `opportunities/<publisher>/publisher.yaml` and `opportunities/<publisher>/<item>.yaml`;
    pictures may lie in the publisher's folder and anywhere under its `images/`. Hidden files and
    folders, `Thumbs.db`, `desktop.ini` and README files are left alone. Anything else (another
    ending such as `.YAML` or `.yml`, a file in another sub-folder) is an error, so that an offer is
    never silently left out.
    """
    root = settings.root
    base = settings.opportunities
    problems: list[Problem] = []
    publishers: list[Path] = []
    items: list[Path] = []
    if not base.is_dir():
        shown = repo_path(base, root)
        return [], [], [problem(shown, 1, 1, "", "no_opportunities_folder")]

    def report(entry: Path, key: str, **params: object) -> None:
        problems.append(problem(repo_path(entry, root), 1, 1, "", key, **params))

    for entry in sorted(base.iterdir()):
        if _ignored(entry):
            continue
        if entry.is_symlink():
            report(entry, "file_symlink")
            continue
        if entry.is_file():
            yaml_like = entry.suffix.lower() in YAML_SUFFIXES
            report(entry, "file_outside_publisher" if yaml_like else "file_not_read")
            continue
        if not is_slug(entry.name):
            report(entry, "publisher_id", id=entry.name)
            continue
        publishers.append(entry)
        for child in sorted(entry.iterdir()):
            if _ignored(child):
                continue
            suffix = child.suffix.lower()
            if child.is_dir() and not child.is_symlink():
                for inner in _files_under(child):
                    in_images = child.name == IMAGES_FOLDER and inner.suffix.lower() in PICTURE_SUFFIXES
                    if inner.is_symlink():
                        report(inner, "file_symlink")
                    elif not in_images:
                        report(inner, "file_in_subfolder")
            elif child.suffix == ".yaml":
                if child.name != PUBLISHER_FILE:
                    items.append(child)
            elif suffix in YAML_SUFFIXES:
                report(child, "file_suffix", suffix=child.suffix)
            elif suffix not in PICTURE_SUFFIXES:
                report(child, "file_symlink" if child.is_symlink() else "file_not_read")
    return publishers, items, problems


def _files_under(folder: Path) -> list[Path]:
    """Every file under `folder`, at any depth, hidden ones left out; linked folders are not entered."""
    found: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if _ignored(entry, readme=False):
            continue
        if entry.is_dir() and not entry.is_symlink():
            found += _files_under(entry)
        else:
            found.append(entry)
    return found


def validate_catalogue(settings: Settings, today: date | None = None) -> Result:
    """Read and check every file under `settings.opportunities`; return what is valid and every problem.

    `today` is the date items are judged against (expiry, future dates), the build date if not
    given. An item joins the catalogue only if it and its publisher validated; warnings keep
    nothing out. Problems in the files are returned, never raised; a folder that cannot be listed raises
    `OSError`.
    """
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
    countries: dict[str, str] = {}
    publisher_types: dict[str, str | None] = {}
    kinds: dict[str, str | None] = {}
    references: list[_Reference] = []

    for folder in folders:
        path = folder / PUBLISHER_FILE
        if not path.exists() and not path.is_symlink():
            problems.append(problem(repo_path(path, root), 1, 1, "", "publisher_missing", id=folder.name))
            continue
        source, read_problems = read_source(path, root)
        problems += read_problems
        if source is None:
            continue
        model, checked = _checked_model(source, Publisher, settings, context)
        problems += checked
        publisher = model if model is not None else partial_model(Publisher, source.data, context)
        publisher_types[folder.name] = publisher.type if isinstance(publisher.type, str) else None
        if isinstance(publisher.country, str):
            countries[folder.name] = publisher.country
            location = publisher.location
            if location is not None and location.lat is not None and location.lon is not None:
                problems += check_location(
                    source, ("location",), location.lat, location.lon, publisher.country, "location"
                )
        if publisher.contact is not None:
            country = publisher.country if isinstance(publisher.country, str) else None
            problems += phone_problems(source, ("contact", "phone"), publisher.contact.phone, country)
        for name in ("name", "about"):
            problems += translation_warnings(source, getattr(publisher, name), name, settings)
        if isinstance(model, Publisher):
            catalogue.publishers[folder.name] = PublisherRecord(folder.name, model, source.path)

    shown_paths = {path: repo_path(path, root) for path in item_files}
    files_of: dict[str, list[str]] = {}
    for path, shown in shown_paths.items():
        files_of.setdefault(path.stem, []).append(shown)
    for path in item_files:
        shown = shown_paths[path]
        item_id = path.stem
        publisher_id = path.parent.name
        if not is_slug(item_id):
            problems.append(problem(shown, 1, 1, "", "item_id", id=item_id))
            continue
        others = [other for other in files_of[item_id] if other != shown]
        if others:
            # On every file that uses the id, so that validating any one of them alone fails too.
            problems.append(problem(shown, 1, 1, "", "item_id_duplicate", id=item_id, other=", ".join(others)))
        source, read_problems = read_source(path, root, shown)
        problems += read_problems
        if source is None:
            continue
        kind = source.data.get("kind")
        kinds.setdefault(item_id, kind if isinstance(kind, str) else None)
        model_cls = ITEM_MODELS.get(kind) if isinstance(kind, str) else None
        model: ItemBase | None = None
        if model_cls is None:
            loc = ("kind",) if "kind" in source.data else ()
            line, column = locate(source.node, loc)
            params = {"value": str(kind)}
            hint = closest_choice(kind, sorted(ITEM_MODELS))
            key = "kind_missing" if "kind" not in source.data else ("kind_unknown_hint" if hint else "kind_unknown")
            problems.append(problem(shown, line, column, "kind", key, **params, **({"hint": hint} if hint else {})))
            problems += written_problems(source, tuple(ITEM_MODELS.values()), settings.default_language)[0]
            problems += _common_field_problems(source, context)
            item: ItemBase | Partial = partial_model(Site, source.data, context)  # the fields every kind has
        else:
            checked_model, checked = _checked_model(source, model_cls, settings, context)
            problems += checked
            model = checked_model if isinstance(checked_model, ItemBase) else None
            item = model if model is not None else partial_model(model_cls, source.data, context)
        problems += item_checks(source, item, countries.get(publisher_id), settings, path.parent, today)
        references += _references(source, item)
        if model is not None and publisher_id in catalogue.publishers and item_id not in catalogue.items:
            data = model.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
            catalogue.items[item_id] = ItemRecord(item_id, publisher_id, model, shown, data)

    problems += _reference_problems(references, kinds, publisher_types)
    return Result(catalogue, sort_problems(problems))


@dataclass(frozen=True)
class _Reference:
    """An id one file names in another (`participants`, `member_of`), where it is written."""

    path: str
    line: int
    column: int
    field: str
    value: str
    target: str
    """`item` or `publisher`."""


def _references(source: Source, item: ItemBase | Partial) -> list[_Reference]:
    """The ids an event's `participants` and an SME's `member_of` name (entries valid in form)."""
    found = []
    for name, target in (("participants", "item"), ("member_of", "publisher")):
        for index, value in enumerate(getattr(item, name, None) or []):
            if isinstance(value, str):
                line, column = locate(source.node, (name, index))
                found.append(_Reference(source.path, line, column, f"{name}[{index}]", value, target))
    return found


def _reference_problems(
    references: list[_Reference], kinds: dict[str, str | None], publisher_types: dict[str, str | None]
) -> list[Problem]:
    """SPEC "kind: event" and "Additions to every kind and to SMEs": each participant is an item of
    the catalogue that is an SME, a project or a site; each `member_of` a publisher of type cluster
    or chamber. An id that exists in a file with problems of its own still exists (those problems
    are reported there); an unknown id gets the closest existing one as a hint."""
    problems = []
    for ref in references:
        known: dict[str, str | None] = kinds if ref.target == "item" else publisher_types
        wanted = PARTICIPANT_KINDS if ref.target == "item" else MEMBER_OF_TYPES
        prefix = "participant" if ref.target == "item" else "member_of"
        params: dict[str, object] = {"value": ref.value}
        if ref.value not in known:
            hint = closest_choice(ref.value, sorted(known))
            key = f"{prefix}_unknown_hint" if hint else f"{prefix}_unknown"
            params.update({"hint": hint} if hint else {})
        elif known[ref.value] is not None and known[ref.value] not in wanted:
            key = f"{prefix}_type"
            params["type"] = str(known[ref.value])
        else:
            continue
        problems.append(problem(ref.path, ref.line, ref.column, ref.field, key, **params))
    return problems


def _common_field_problems(source: Source, context: dict) -> list[Problem]:
    """Without a known `kind`, the problems of the fields every kind has (title, sectors, dates,
    contact, pictures...): a wrong kind must not hide them. Fields of one kind are left unjudged."""
    _, found = validate_model(source, ItemBase, context)
    return [p for p in found if re.split(r"[.\[]", p.field, maxsplit=1)[0] in ItemBase.model_fields]


def _checked_model(
    source: Source, model_cls: type[BaseModel], settings: Settings, context: dict
) -> tuple[BaseModel | None, list[Problem]]:
    """The file as typed (`fidelity`) and as `model_cls`: the model (None if it failed) and both kinds of problem.

    A problem found in the typing replaces the model's problem at the same field: `employees: 1.200`
    is one mistake (the dot), not also a number that is not whole.
    """
    written, replaced = written_problems(source, (model_cls,), settings.default_language)
    model, model_problems = validate_model(source, model_cls, context)
    return model, written + [p for p in model_problems if p.field not in replaced]


def problems_for(result: Result, paths: list[str]) -> list[Problem]:
    """Only the problems of the given files (they were still checked against all the others).

    `paths` are repository paths as problems carry them (`opportunities/acme/plot.yaml`); a folder
    (with or without a trailing `/`) selects every file under it. The order of `result` is kept.
    """
    wanted = {p.rstrip("/") for p in paths}
    return [p for p in result.problems if p.path in wanted or any(p.path.startswith(w + "/") for w in wanted)]
