"""`prilika build --site-dir` replaces only a new, empty or earlier-built folder, and writes a
world-readable site (SPEC.md, "Safety of the commands and the contribution path")."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, REPO, copy_good
from generator.cli import main
from generator.errors import ConfigurationError
from generator.host.sitedir import MARKER, build_lock, check_target, protected_folders

REFUSED = "cannot be the site folder"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The example catalogue as a git repository at HOME/projects/cat, beside a file of its own."""
    cat = tmp_path / "home" / "projects" / "cat"
    cat.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", cat)
    for folder in ("content", "opportunities", "theme"):
        shutil.copytree(REPO / folder, cat / folder)
    subprocess.run(["git", "init", "-q", str(cat)], check=True)
    (cat.parent / "notes.txt").write_text("not part of the catalogue\n")
    (cat.parent / "photos").mkdir()
    (cat.parent / "photos" / "a.jpg").write_bytes(b"\xff\xd8")
    return cat


def listing(folder: Path) -> dict[str, str]:
    """Every path under `folder` (links not followed), with each file's digest."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        found[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
    return found


def build(cat: Path, *args: str) -> int:
    return main(["-f", str(cat / "mkdocs.yml"), "build", *args])


@pytest.mark.parametrize(
    "site_dir",
    [
        ".",
        "..",
        "../..",  # a home-like folder: it contains the checkout
        "opportunities",
        "opportunities/bar",
        "opportunities/new-folder",
        "content",
        "content/en",
        "theme",
        ".git",
        "../cat/./opportunities/../content",
        "../photos",  # a folder of someone's files, without the marker of a build
        "../notes.txt",
    ],
)
def test_a_site_folder_that_is_not_a_build_is_refused_and_nothing_changes(
    checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], site_dir: str
) -> None:
    monkeypatch.chdir(checkout)
    before = listing(tmp_path)
    assert build(checkout, "--site-dir", site_dir) == 2
    err = capsys.readouterr().err
    assert f"prilika: --site-dir {site_dir}: " in err and REFUSED in err
    assert "nothing was built or deleted" in err
    assert listing(tmp_path) == before


@pytest.mark.parametrize("value", ["opportunities", ".", "..", "theme/"])
def test_site_dir_in_mkdocs_yml_is_held_to_the_same_rules(
    checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    config = checkout / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_dir: site\n", f"site_dir: {value}\n"))
    monkeypatch.chdir(checkout.parent)
    before = listing(tmp_path)
    assert build(checkout) == 2
    err = capsys.readouterr().err
    assert f"site_dir in {config}" in err and REFUSED in err
    assert listing(tmp_path) == before


def test_a_link_is_judged_by_the_folder_it_points_at(
    checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "published").symlink_to(checkout / "opportunities")
    monkeypatch.chdir(checkout)
    before = listing(tmp_path)
    assert build(checkout, "--site-dir", str(tmp_path / "published")) == 2
    assert "it is the submissions folder" in capsys.readouterr().err
    assert listing(tmp_path) == before


def test_the_package_and_folders_holding_it_are_refused(checkout: Path) -> None:
    import generator

    package = Path(generator.__file__).resolve().parent
    protected = protected_folders(
        checkout, checkout / "content", checkout / "opportunities", [checkout / "theme"], package
    )
    for target in (package, package / "site", package.parent):
        with pytest.raises(ConfigurationError, match=REFUSED):
            check_target(target, "--site-dir x", protected)


def test_an_absent_an_empty_and_an_earlier_built_folder_are_replaced(tmp_path: Path) -> None:
    cat = copy_good(tmp_path / "cat")
    out = tmp_path / "out"
    (out / "empty").mkdir(parents=True)
    for name in ("new/site", "empty"):
        assert build(cat, "--site-dir", str(out / name)) == 0
        assert (out / name / MARKER).is_file() and (out / name / "en" / "index.html").is_file()
    (out / "empty" / "left-by-hand.txt").write_text("x")
    assert build(cat, "--site-dir", str(out / "empty")) == 0
    assert not (out / "empty" / "left-by-hand.txt").exists()
    assert sorted(p.name for p in out.iterdir()) == ["empty", "new"]


def test_leftovers_of_killed_builds_are_removed_and_foreign_folders_kept(tmp_path: Path) -> None:
    cat = copy_good(tmp_path / "cat")
    out = tmp_path / "out"
    for leftover in (".site-building-abc123", ".site-old"):
        (out / leftover / "en").mkdir(parents=True)
        (out / leftover / MARKER).write_text("")
    (out / ".site-building-empty").mkdir()
    (out / ".site-building-mine" / "data").mkdir(parents=True)  # no marker: not a build's
    assert build(cat, "--site-dir", str(out / "site")) == 0
    assert sorted(p.name for p in out.iterdir()) == [".site-building-mine", "site"]


def test_a_foreign_folder_in_the_place_of_the_old_site_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = copy_good(tmp_path / "cat")
    (tmp_path / "out" / ".site-old").mkdir(parents=True)
    (tmp_path / "out" / ".site-old" / "keep.txt").write_text("mine")
    before = listing(tmp_path)
    assert build(cat, "--site-dir", str(tmp_path / "out" / "site")) == 2
    assert ".site-old is in the way" in capsys.readouterr().err
    assert listing(tmp_path) == before


def _build_in_subprocess(cat: Path, site: Path, umask: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "-f", str(cat / "mkdocs.yml"), "build", "--site-dir", str(site)],
        env=env,
        capture_output=True,
        text=True,
        umask=umask,
        timeout=300,
    )


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_built_files_are_world_readable_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    """0755 folders and 0644 files (SPEC, Safety), even from a picture the officer's copy left 0600."""
    folder_mode, file_mode = 0o755, 0o644
    cat = copy_good(tmp_path / "cat")
    (cat / "opportunities" / "testgrad" / "images" / "plot.png").chmod(0o600)
    site = tmp_path / "www" / "catalogue"
    done = _build_in_subprocess(cat, site, umask)
    assert done.returncode == 0, done.stdout + done.stderr
    modes = {stat.S_IMODE(site.stat().st_mode)}
    assert modes == {folder_mode}
    wrong = [
        f"{path.relative_to(site)} {stat.S_IMODE(path.stat().st_mode):o}"
        for path in site.rglob("*")
        if stat.S_IMODE(path.stat().st_mode) != (folder_mode if path.is_dir() else file_mode)
    ]
    assert wrong == []


def test_a_second_build_waits_for_the_first_and_leaves_its_staging_folder_alone(tmp_path: Path) -> None:
    cat = copy_good(tmp_path / "cat")
    out = tmp_path / "out"
    running = out / ".site-building-running"
    running.mkdir(parents=True)
    (running / MARKER).write_text("")
    log = tmp_path / "second.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    command = [sys.executable, "-m", "generator.cli", "-f", str(cat / "mkdocs.yml"), "build", "--site-dir"]
    with build_lock(out), log.open("w") as output:  # the lock a running build holds
        second = subprocess.Popen([*command, str(out / "site")], env=env, stdout=output, stderr=output)
        try:
            deadline = time.monotonic() + 120
            while "waiting for another build" not in log.read_text() and second.poll() is None:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
            assert second.poll() is None, log.read_text()
            assert running.is_dir()
        except BaseException:
            second.kill()
            raise
    assert second.wait(timeout=300) == 0, log.read_text()
    assert sorted(p.name for p in out.iterdir()) == ["site"]


@pytest.mark.parametrize("language", ["de", "sr-Latn", "sr-Cyrl", "sq"])
def test_the_refusal_speaks_the_language_asked_for(
    checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    from generator.messages import problem_text

    monkeypatch.chdir(checkout)
    before = listing(tmp_path)
    assert build(checkout, "--lang", language, "--site-dir", "opportunities") == 2
    err = capsys.readouterr().err
    folder = problem_text("site_folder_opportunities", {}, language)
    assert folder != problem_text("site_folder_opportunities", {}, "en")
    assert f"--site-dir opportunities: {checkout / 'opportunities'}" in err and folder in err, err
    assert "nothing was built" not in err
    assert listing(tmp_path) == before
