"""`prilika build --shard K/N`: N disjoint parts whose folders, laid over each other, are byte for
byte one whole build (SPEC.md, "New commands and options"), each held to the site folder rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, REPO, copy_good
from generator.cli import main
from generator.host.shards import Partition, Shard, parse_shard
from generator.host.sitedir import MARKER, is_earlier_build


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def build(config: Path, site: Path, *args: str) -> int:
    return main(["-f", str(config), "build", "--site-dir", str(site), *args])


def assert_shards_make_the_whole(whole: Path, shards: list[Path]) -> None:
    """Every file of the whole build is in exactly one shard with the same bytes (the marker, the
    same in all, excepted), and the shards hold nothing else."""
    expected = files_of(whole)
    merged: dict[str, bytes] = {}
    for shard in shards:
        assert is_earlier_build(shard), shard
        for path, data in files_of(shard).items():
            if path == MARKER:
                assert data == expected[MARKER]
            else:
                assert path not in merged, f"{path} is written by two shards"
            merged[path] = data
    assert sorted(set(expected) - set(merged)) == []
    assert sorted(set(merged) - set(expected)) == []
    assert [path for path in expected if merged[path] != expected[path]] == []


@pytest.mark.parametrize("count", [2, 3])
def test_the_shards_of_the_example_catalogue_laid_over_each_other_are_the_whole_build(
    count: int, example_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    shards = [tmp_path / f"shard-{k}" for k in range(1, count + 1)]
    for k, folder in enumerate(shards, 1):
        assert build(REPO / "mkdocs.yml", folder, "--shard", f"{k}/{count}") == 0
    assert all(len(files_of(folder)) > 1 for folder in shards)  # every shard has work at this size
    assert_shards_make_the_whole(example_site, shards)


def test_more_shards_than_work_still_make_the_whole_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight shards of a four-item catalogue: some own no items (and build no item page shells)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    catalogue = copy_good(tmp_path / "catalogue")
    assert build(catalogue / "mkdocs.yml", tmp_path / "whole") == 0
    shards = [tmp_path / f"shard-{k}" for k in range(1, 9)]
    for k, folder in enumerate(shards, 1):
        assert build(catalogue / "mkdocs.yml", folder, "--shard", f"{k}/8") == 0
    assert any(not any("/items/" in path for path in files_of(folder)) for folder in shards)
    assert_shards_make_the_whole(tmp_path / "whole", shards)


def test_a_shard_build_keeps_the_site_folder_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalogue = copy_good(tmp_path / "catalogue")
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "a.jpg").write_bytes(b"\xff\xd8")
    assert build(catalogue / "mkdocs.yml", foreign, "--shard", "1/2") == 2
    assert "cannot be the site folder" in capsys.readouterr().err
    assert files_of(foreign) == {"a.jpg": b"\xff\xd8"}
    assert build(catalogue / "mkdocs.yml", catalogue / "opportunities", "--shard", "2/2") == 2
    assert (catalogue / "opportunities" / "testgrad" / "publisher.yaml").is_file()


@pytest.mark.parametrize("value", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2", "1/2/3", ""])
def test_a_shard_that_is_not_k_of_n_is_a_usage_error(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = copy_good(tmp_path / "catalogue")
    assert build(catalogue / "mkdocs.yml", tmp_path / "site", f"--shard={value}") == 2
    assert "give K/N" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_plugins_whose_files_come_from_every_page_are_refused_in_a_shard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = copy_good(tmp_path / "catalogue")
    config = catalogue / "mkdocs.yml"
    text = config.read_text()
    assert "plugins:\n" in text
    config.write_text(text.replace("plugins:\n", "plugins:\n  - search\n", 1))
    assert build(config, tmp_path / "site", "--shard", "1/2") == 2
    assert "search" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_the_partition_gives_every_file_one_shard_and_balances_the_estimate() -> None:
    languages = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
    items = [f"item-{n}" for n in range(1000)]
    for count in (1, 2, 3, 4, 8):
        parts = [Partition(Shard(k, count), languages, items, listed=1000) for k in range(1, count + 1)]
        for path in ("en/items/item-7/index.html", "de/opportunities/index.html", "api/listing-sq.json", "404.html"):
            assert sum(part.owns(path) for part in parts) == 1, path
        assert all(sum(part.owns_item(i) for part in parts) == 1 for i in items)
        assert sum(part.owns_shared() for part in parts) == 1
        assert all(sum(part.owns_language(lang) for part in parts) == 1 for lang in languages)
        first = parts[0]
        loads = [0.0] * count
        loads[first.shared_owner] += 150 + 0.1 * len(items)
        for language in languages:
            loads[first.language_owner[language]] += 40 + 0.2 * 1000
        for owner in first.item_owner.values():
            loads[owner] += len(languages)
        assert max(loads) <= 1.06 * min(loads), (count, loads)
    # The same id lands on the same shard whatever else the catalogue holds, while loads stay alike.
    more = Partition(Shard(1, 4), languages, [*items, "item-new"], listed=1001)
    same = Partition(Shard(1, 4), languages, items, listed=1000)
    moved = [i for i in items if more.item_owner[i] != same.item_owner[i]]
    assert len(moved) < 10


def test_paths_belong_to_their_item_their_language_or_the_shared_part() -> None:
    part = Partition(Shard(1, 2), ["en", "sr-Latn"], ["plot"], listed=1)
    assert part.owner_of("en/items/plot/index.html") == part.item_owner["plot"]
    assert part.owner_of("sr-Latn/items/plot/share-0123456789.jpg") == part.item_owner["plot"]
    assert part.owner_of("en/items/other-page/index.html") == part.language_owner["en"]
    assert part.owner_of("sr-Latn/feeds/kind/site.xml") == part.language_owner["sr-Latn"]
    assert part.owner_of("api/facts-sr-Latn.json") == part.language_owner["sr-Latn"]
    assert part.owner_of("api/catalogue.json") == part.shared_owner
    assert part.owner_of("assets/stylesheets/main.css") == part.shared_owner
    assert part.owner_of("sitemap.xml.gz") == part.shared_owner


def test_parse_shard_reads_k_of_n() -> None:
    assert parse_shard("2/4") == Shard(2, 4)
    assert str(parse_shard(" 1/1 ")) == "1/1"
