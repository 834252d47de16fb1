"""`prilika serve` rebuilds in part (`generator/host/live.py`): after each kind of change, the served
folder equals a clean build of the same files, byte for byte; and the serve loop shows a saved item
change on its page and the listing (SPEC.md, "New commands and options")."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from test_serve import serving

from conftest import BUILD_EPOCH, REPO, copy_good, validate_dir
from generator.config import load_settings
from generator.host.live import LiveSite
from generator.host.revalidation import ValidationMemo

URL = "http://127.0.0.1:8000/"


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example catalogue (outside git: no file history, the same for both builds)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("PRILIKA_CACHE_DIR", str(REPO / ".prilika-cache"))  # share cards made once
    folder = tmp_path / "catalogue"
    folder.mkdir()
    shutil.copy(REPO / "mkdocs.yml", folder)
    for name in ("content", "opportunities", "theme"):
        shutil.copytree(REPO / name, folder / name)
    return folder


def live_site(catalogue: Path, workdir: Path) -> LiveSite:
    workdir.mkdir()
    (workdir / "empty").mkdir()
    (workdir / "site").symlink_to("empty")
    site = LiveSite(catalogue / "mkdocs.yml", workdir, URL, "en")
    assert site.rebuild() == []
    return site


def files_of(folder: Path) -> dict[str, bytes]:
    folder = folder.resolve()
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def assert_same_as_a_clean_build(site: LiveSite, catalogue: Path, workdir: Path) -> None:
    clean = live_site(catalogue, workdir)
    served, expected = files_of(site.link), files_of(clean.link)
    assert sorted(set(expected) - set(served)) == []
    assert sorted(set(served) - set(expected)) == []
    assert [path for path in expected if served[path] != expected[path]] == []


def edit(catalogue: Path, path: str, old: str, new: str) -> None:
    file = catalogue / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def rebuild_in_part(site: LiveSite) -> None:
    """Rebuild, and check it was done in part: a whole build would serve a new folder."""
    folder = site.last.folder
    assert site.rebuild() == []
    assert site.last is not None and site.last.folder == folder


def test_item_changes_rebuilt_in_part_equal_a_clean_build(example: Path, tmp_path: Path) -> None:
    site = live_site(example, tmp_path / "serve")
    rda = "opportunities/ibar-morava-rda"
    # A title: the item's pages, the similar items', the event it takes part in, the listings.
    edit(example, f"{rda}/rda-spa-hotel.yaml", "Operating spa hotel in Vrnjačka Banja for sale", "Renovated spa hotel")
    rebuild_in_part(site)
    # Sectors: which items are similar to which changes.
    edit(example, f"{rda}/rda-spa-hotel.yaml", 'sectors: ["55.10", "I"]', 'sectors: ["10.39", "C"]')
    rebuild_in_part(site)
    # An event's participants: the event's page and the pages of those it no longer lists.
    edit(
        example,
        f"{rda}/rda-zurich-summit-2027.yaml",
        "participants: [rda-kraljevo-plot, rda-spa-hotel, rda-sme-hydraulics, rda-sme-pellets]",
        "participants: [rda-kraljevo-plot, rda-sme-hydraulics]",
    )
    rebuild_in_part(site)
    assert_same_as_a_clean_build(site, example, tmp_path / "clean-1")
    # Closed: its page says so and leaves listings, exports, feeds and sitemaps; a cluster member leaves.
    edit(example, "opportunities/cacak/cacak-sme-berries.yaml", "kind: sme", "status: closed\nkind: sme")
    rebuild_in_part(site)
    edit(example, "opportunities/cacak/cacak-sme-plums.yaml", "member_of: [morava-fruit-cluster]", "member_of: []")
    rebuild_in_part(site)
    # A new item and one taken away.
    shutil.copy(example / "opportunities/bar/bar-hotel-sutomore.yaml", example / "opportunities/bar/bar-new.yaml")
    rebuild_in_part(site)
    (example / "opportunities/bar/bar-olive-mill.yaml").unlink()
    rebuild_in_part(site)
    assert_same_as_a_clean_build(site, example, tmp_path / "clean-2")


def test_content_and_theme_changes_rebuild_what_shows_them(example: Path, tmp_path: Path) -> None:
    site = live_site(example, tmp_path / "serve")
    edit(example, "content/en/about.md", "This is the example catalogue", "This is the sample catalogue")
    rebuild_in_part(site)
    assert "This is the sample catalogue" in (site.link / "en/about/index.html").read_text(encoding="utf-8")
    edit(example, "theme/assets/prilika/prilika.css", "/*", "/* edited */ /*")
    rebuild_in_part(site)
    assert (site.link / "assets/prilika/prilika.css").read_text(encoding="utf-8").startswith("/* edited */")
    assert_same_as_a_clean_build(site, example, tmp_path / "clean-1")
    # A new title is in every page's navigation: everything is built again, into a new folder.
    folder = site.last.folder
    edit(example, "content/en/about.md", "# About this catalogue", "# About the example catalogue")
    assert site.rebuild() == []
    assert site.last.folder != folder
    assert_same_as_a_clean_build(site, example, tmp_path / "clean-2")


def test_a_broken_save_keeps_the_last_good_site_and_its_fix_is_rebuilt_in_part(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = live_site(example, tmp_path / "serve")
    page = site.link / "en/items/rda-spa-hotel/index.html"
    before = page.read_bytes()
    edit(example, "opportunities/ibar-morava-rda/rda-spa-hotel.yaml", "sectors:", "sectors: [\n")
    lines = site.rebuild()
    assert lines and lines[0].startswith("opportunities/ibar-morava-rda/rda-spa-hotel.yaml:")
    assert page.read_bytes() == before
    edit(example, "opportunities/ibar-morava-rda/rda-spa-hotel.yaml", "sectors: [\n", "sectors:")
    edit(example, "opportunities/ibar-morava-rda/rda-spa-hotel.yaml", "Operating spa hotel", "Spa hotel")
    capsys.readouterr()
    rebuild_in_part(site)
    assert re.search(r"^rebuilt the pages of 1 changed item\(s\) and the listings in ", capsys.readouterr().out, re.M)
    assert "Spa hotel in Vrnjačka Banja" in page.read_text(encoding="utf-8")


def test_validation_with_kept_steps_finds_what_a_full_validation_finds(tmp_path: Path) -> None:
    folder = copy_good(tmp_path / "catalogue")
    settings = load_settings(folder / "mkdocs.yml")
    memo = ValidationMemo()
    for old, new in (("", ""), ("area_m2: 100000", "area_m2: -5"), ("area_m2: -5", "area_m2: 7")):
        if old:
            edit(folder, "opportunities/testgrad/north-plot.yaml", old, new)
        kept, full = memo.validate(settings), validate_dir(folder)
        assert kept.problems == full.problems
        assert {k: v.data for k, v in kept.catalogue.items.items()} == {
            k: v.data for k, v in full.catalogue.items.items()
        }
    assert memo.reads  # steps of unchanged files were kept


def test_the_serve_loop_shows_a_saved_item_change_on_its_page_and_the_listing(tmp_path: Path) -> None:
    folder = copy_good(tmp_path / "catalogue")
    with serving(folder, tmp_path / "serve.log") as running:
        running.wait_for_output("serving http://")
        running.wait_for_output("built in")
        edit(folder, "opportunities/testgrad/north-plot.yaml", "Greenfield plot", "Brownfield plot")
        deadline = time.monotonic() + 120
        while True:
            _, item = running.get("/en/items/north-plot/")
            _, listing = running.get("/en/opportunities/")
            if "Brownfield plot" in item.h1.get_text() and "Brownfield plot" in listing.get_text():
                break
            assert time.monotonic() < deadline, running.output()
            time.sleep(0.05)
        running.wait_for_output("built in", count=2)
        assert "rebuilt the pages of 1 changed item(s) and the listings in " in running.output()
        assert running.stop() == 0
