"""Files -> a catalogue and every problem in it, in one pass: the order of the checks, not the checks.

Each file is read and checked on its own first (YAML in `sources`, then the model, its errors
translated by `pydantic_errors`), then against the others (ids and publishers here; pictures,
countries and the rest in `checks`). Nothing stops at the first problem: an officer fixing a
pull request wants the whole list at once.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.config import Settings, build_date
from generator.submission.catalogue import Catalogue, ItemRecord, PublisherRecord
from generator.submission.checks import check_location, item_checks, translation_warnings
from generator.submission.models import ITEM_MODELS, ItemBase, Publisher, is_slug
from generator.submission.problems import Problem, problem, sort_problems
from generator.submission.pydantic_errors import validate_model
from generator.submission.sources import (
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
        problems += check_location(
            source, ("location",), model.location.lat, model.location.lon, model.country, "location"
        )
        for name in ("name", "about"):
            problems += translation_warnings(source, getattr(model, name), name, settings)
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
        problems += item_checks(source, model, publisher, settings, path.parent, today)
        if publisher is not None:
            data = model.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
            catalogue.items[item_id] = ItemRecord(item_id, publisher_id, model, shown, data)

    return Result(catalogue, sort_problems(problems))


def problems_for(result: Result, paths: list[str]) -> list[Problem]:
    """Only the problems of the given files (they were still checked against all the others).

    `paths` are repository paths as problems carry them (`opportunities/acme/plot.yaml`); a folder
    (with or without a trailing `/`) selects every file under it. The order of `result` is kept.
    """
    wanted = {p.rstrip("/") for p in paths}
    return [p for p in result.problems if p.path in wanted or any(p.path.startswith(w + "/") for w in wanted)]
