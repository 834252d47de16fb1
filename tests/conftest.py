"""Shared fixtures: a small good catalogue to break, and the example catalogue built once."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.submission.validation import Result, validate_catalogue

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


BUILD_EPOCH = "1795478400"  # 2026-11-24, so "expired" means the same in every test run


def build_catalogue(config_file: Path, site_dir: Path) -> int:
    """Build a catalogue the way `prilika build` does, at a fixed build date."""
    import os

    from generator.host.build import build_site

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
    try:
        return build_site(config_file, str(site_dir))
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalogue of this repository, built once per test session."""
    site = tmp_path_factory.mktemp("example") / "site"
    assert build_catalogue(REPO / "mkdocs.yml", site) == 0
    return site
