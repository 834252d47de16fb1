"""The JSON Schemas accept every file the validator accepts without errors (SPEC: "What is written ...").

Editors check files against `schema/*.json` as the officer types; a schema stricter than the
validator underlines a file that `prilika validate` passes, and the officer stops trusting both.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import GOOD, REPO, validate_dir
from generator.exports.schema import json_schemas
from generator.submission.sources import parse_text

SITE = "opportunities/testgrad/north-plot.yaml"
SME = "opportunities/testgrad/berry-coop.yaml"
PROJECT = "opportunities/testgrad/solar-park.yaml"
PUBLISHER = "opportunities/testgrad/publisher.yaml"


def as_json(value: Any) -> Any:
    """YAML data as an editor's schema check sees it: dates are strings, numbers plain numbers."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def schema_errors(path: Path) -> list[str]:
    schemas = json_schemas()
    schema = schemas["publisher.json" if path.name == "publisher.yaml" else "item.json"]
    source, problems = parse_text(path.read_text(encoding="utf-8"), path.name)
    assert source is not None, problems
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(as_json(source.data))]


def catalogue_files() -> list[Path]:
    return sorted((REPO / "opportunities").rglob("*.yaml")) + sorted((GOOD / "opportunities").rglob("*.yaml"))


def test_the_schemas_are_valid_json_schemas() -> None:
    for schema in json_schemas().values():
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    "path", catalogue_files(), ids=lambda p: f"{p.parent.parent.parent.name}/{p.parent.name}/{p.name}"
)
def test_every_example_and_good_file_passes_its_schema(path: Path) -> None:
    assert schema_errors(path) == []


# Spellings the validator reads as the officer meant them, though YAML makes them numbers.
COERCIONS = [
    (SITE, '["C", "10.39"]', "[C, 16, 10.39]"),
    (SITE, "caption: Aerial view", "caption: 2024"),
    (SITE, "  en: Greenfield plot in the northern zone", "  en: 2030"),
    (SME, 'hs: "0811"', "hs: 0811"),
    (SME, "company: Testgrad Berry d.o.o.", "company: 1990"),
    (SME, "certifications: [HACCP, GlobalG.A.P.]", "certifications: [HACCP, 22000]"),
    (SME, 'sectors: ["10.39"]', "sectors: [10.39]\ntags: [2024, berries]"),
    (PUBLISHER, "  phone: +381 18 500 000", "  phone: 0641234567"),
]


@pytest.mark.parametrize(("rel", "old", "new"), COERCIONS, ids=[new for _, _, new in COERCIONS])
def test_what_the_validator_accepts_the_schema_accepts(good: Path, rel: str, old: str, new: str) -> None:
    path = good / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert [p.message() for p in validate_dir(good).errors] == []
    assert schema_errors(path) == []


def test_the_schema_still_refuses_what_the_validator_refuses(good: Path) -> None:
    path = good / SITE
    path.write_text(path.read_text(encoding="utf-8").replace("area_m2: 100000", "area_m2: big"), encoding="utf-8")
    assert validate_dir(good).errors
    assert any("area_m2" in error for error in schema_errors(path))
