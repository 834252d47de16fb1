"""The pull request workflow: ownership of publisher folders, the change summary, freshness, CODEOWNERS."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import copy_good, validate_dir
from generator.cli import main
from generator.contributors.changes import catalogue_changes, format_changes
from generator.contributors.ownership import codeowners
from generator.contributors.stale import stale_items


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Officer", "-c", "user.email=o@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A catalogue repository with two publishers, each with its own maintainer, and a base commit."""
    folder = copy_good(tmp_path / "catalogue")
    other = folder / "opportunities" / "othergrad"
    other.mkdir()
    publisher = (folder / "opportunities/testgrad/publisher.yaml").read_text()
    (other / "publisher.yaml").write_text(publisher.replace("testgrad-office", "othergrad-office"))
    solar = (folder / "opportunities/testgrad/solar-park.yaml").read_text()
    (other / "wind-farm.yaml").write_text(solar.replace("Solar park", "Wind farm"))
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "base")
    git(folder, "checkout", "-q", "-b", "change")
    return folder


def test_editing_another_publishers_folder_fails_the_pull_request(scratch: Path, capsys) -> None:
    own = scratch / "opportunities/testgrad/north-plot.yaml"
    own.write_text(own.read_text().replace("area_m2: 100000", "area_m2: 120000"))
    theirs = scratch / "opportunities/othergrad/wind-farm.yaml"
    theirs.write_text(theirs.read_text().replace("model: ppp", "model: concession"))
    git(scratch, "commit", "-q", "-am", "edit both")
    code = main(["-f", str(scratch / "mkdocs.yml"), "validate", "--changed-by", "testgrad-office", "--base", "main"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out == [
        "opportunities/othergrad/wind-farm.yaml:1:1: error: testgrad-office does not maintain the publisher "
        "folder 'othergrad' (maintainers: othergrad-office); ask one of them or the catalogue staff to make this change"
    ]


def test_own_folder_passes_and_a_new_publisher_needs_staff(scratch: Path, capsys) -> None:
    own = scratch / "opportunities/testgrad/north-plot.yaml"
    own.write_text(own.read_text().replace("area_m2: 100000", "area_m2: 120000"))
    git(scratch, "commit", "-q", "-am", "own edit")
    args = ["-f", str(scratch / "mkdocs.yml"), "validate", "--changed-by", "@TestGrad-Office", "--base", "main"]
    assert main(args) == 0
    new = scratch / "opportunities/newgrad"
    new.mkdir()
    (new / "publisher.yaml").write_text((scratch / "opportunities/testgrad/publisher.yaml").read_text())
    git(scratch, "add", "-A")
    git(scratch, "commit", "-q", "-m", "a new publisher")
    capsys.readouterr()
    assert main(args) == 1
    assert capsys.readouterr().out.startswith(
        "opportunities/newgrad/publisher.yaml:1:1: error: @TestGrad-Office may not add the publisher folder 'newgrad'"
    )


def test_adding_yourself_as_maintainer_does_not_help(scratch: Path) -> None:
    theirs = scratch / "opportunities/othergrad/publisher.yaml"
    theirs.write_text(theirs.read_text().replace("[othergrad-office]", "[othergrad-office, testgrad-office]"))
    git(scratch, "commit", "-q", "-am", "sneak in")
    assert (
        main(["-f", str(scratch / "mkdocs.yml"), "validate", "--changed-by", "testgrad-office", "--base", "main"]) == 1
    )


def test_changed_by_needs_a_base(scratch: Path) -> None:
    assert main(["-f", str(scratch / "mkdocs.yml"), "validate", "--changed-by", "someone"]) == 2


def test_diff_lists_added_changed_and_removed_items(scratch: Path, capsys) -> None:
    plot = scratch / "opportunities/testgrad/north-plot.yaml"
    plot.write_text(
        plot.read_text()
        .replace("area_m2: 100000", "area_m2: 120000")
        .replace("zoning: industrial", "zoning: commercial")
    )
    (scratch / "opportunities/othergrad/wind-farm.yaml").unlink()
    added = scratch / "opportunities/testgrad/new-hall.yaml"
    added.write_text((scratch / "opportunities/testgrad/solar-park.yaml").read_text().replace("Solar park", "New hall"))
    git(scratch, "add", "-A")
    git(scratch, "commit", "-q", "-m", "changes")
    changes = catalogue_changes(scratch, "opportunities", "main")
    assert [(c.action, c.id, c.fields) for c in changes] == [
        ("removed", "wind-farm", ()),
        ("added", "new-hall", ()),
        ("changed", "north-plot", ("area_m2", "zoning")),
    ]
    markdown = format_changes(changes, "markdown", preview="https://preview.example/run/1")
    assert (
        "| added | project | [`new-hall`](https://preview.example/run/1/en/items/new-hall/) | testgrad | New hall |"
        in markdown
    )
    assert "1 added, 1 changed, 1 removed." in markdown
    assert main(["-f", str(scratch / "mkdocs.yml"), "diff", "main"]) == 0
    text = capsys.readouterr().out
    assert "changed  site      testgrad/north-plot: Greenfield plot in the northern zone (area_m2, zoning)" in text


def test_stale_lists_items_expiring_soon_and_old_ones(good: Path) -> None:
    plot = good / "opportunities/testgrad/north-plot.yaml"
    plot.write_text(plot.read_text().replace("valid_until: 2099-12-31", "valid_until: 2026-12-10"))
    berries = good / "opportunities/testgrad/berry-coop.yaml"
    berries.write_text(berries.read_text().replace("published: 2025-09-15", "published: 2026-01-15"))
    catalogue = validate_dir(good).catalogue
    found = {s.id: (s.reason, s.when) for s in stale_items(catalogue, days=30)}
    assert found["north-plot"] == ("expires", date(2026, 12, 10))
    assert found["solar-park"] == ("old", date(2025, 6, 1))
    assert "berry-coop" not in found
    # Sixteen days ahead is not "soon" for a week's notice; it is still old, though.
    assert {s.id: s.reason for s in stale_items(catalogue, days=7)}["north-plot"] == "old"


def test_codeowners_names_each_publishers_maintainers(scratch: Path) -> None:
    catalogue = validate_dir(scratch).catalogue
    text = codeowners(catalogue, ["catalogue-staff"])
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines == [
        "* @catalogue-staff",
        "/opportunities/othergrad/ @othergrad-office",
        "/opportunities/testgrad/ @testgrad-office",
    ]
