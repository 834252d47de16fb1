"""Shared fixtures: a small good catalogue to break, and the example catalogue built once."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.settings import load_settings
from generator.validation import Result, validate_catalogue

REPO = Path(__file__).resolve().parents[1]
GOOD = REPO / "tests" / "fixtures" / "good"
TODAY = date(2026, 11, 24)


def copy_good(target: Path) -> Path:
    """A private copy of the small good catalogue, with the theme path made absolute."""
    shutil.copytree(GOOD, target)
    config = target / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../theme", str(REPO / "theme")))
    return target


def validate_dir(folder: Path, today: date = TODAY) -> Result:
    return validate_catalogue(load_settings(folder / "mkdocs.yml"), today=today)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return copy_good(tmp_path / "catalogue")
