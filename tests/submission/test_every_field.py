"""Breaking any field of an example file gives one precise problem line, at that field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, validate_dir

# One publisher of each country, with items of every kind among them.
PUBLISHERS = ["nis", "gjakova", "bar"]
BROKEN = [[True]]  # a list holding a list: no field of the format takes that


def example_files() -> list[Path]:
    return [p for name in PUBLISHERS for p in sorted((REPO / "opportunities" / name).glob("*.yaml"))]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fields")
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    for name in PUBLISHERS:
        shutil.copytree(REPO / "opportunities" / name, folder / "opportunities" / name)
    (folder / "content").mkdir()
    assert validate_dir(folder).errors == []
    return folder


def key_lines(text: str) -> dict[str, int]:
    root = yaml.compose(text)
    return {key.value: key.start_mark.line + 1 for key, _ in root.value}


@pytest.mark.parametrize("path", example_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_breaking_each_field_gives_one_error_at_that_field(catalogue: Path, path: Path) -> None:
    target = catalogue / path.relative_to(REPO)
    original = target.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    try:
        for field in data:
            broken = dict(data)
            broken[field] = BROKEN
            text = yaml.safe_dump(broken, allow_unicode=True, sort_keys=False)
            target.write_text(text, encoding="utf-8")
            line = key_lines(text)[field]
            errors = validate_dir(catalogue).errors
            where = [(p.path, p.field.split(".")[0].split("[")[0]) for p in errors]
            assert where == [(str(path.relative_to(REPO)), field)], (field, errors)
            assert line <= errors[0].line <= line + 2, (field, errors[0])
    finally:
        target.write_text(original, encoding="utf-8")
