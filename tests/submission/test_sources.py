"""The YAML reader: positions, duplicate keys, YAML 1.1 surprises, hostile files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.submission.sources import MAX_FILE_BYTES, parse_text, read_source


def keys(problems) -> list[str]:
    return [p.key for p in problems]


def test_positions_of_nested_values_are_one_based() -> None:
    source, problems = parse_text("a: 1\nb:\n  c: [x, y]\n", "f.yaml")
    assert problems == []
    assert source.position(("b", "c", 1)) == (3, 10)
    assert source.position(("b", "missing")) == (3, 3)


def test_duplicate_key_is_reported_at_the_second_one() -> None:
    source, problems = parse_text("title: a\nkind: site\ntitle: b\n", "f.yaml")
    assert keys(problems) == ["yaml_duplicate_key"]
    assert (problems[0].line, problems[0].column, problems[0].field) == (3, 1, "title")
    assert source.data["title"] == "a"


def test_yaml_11_booleans_stay_strings_but_true_is_true() -> None:
    source, _ = parse_text("a: NO\nb: yes\nc: off\nd: true\n", "f.yaml")
    assert source.data == {"a": "NO", "b": "yes", "c": "off", "d": True}


def test_numbers_remember_how_they_were_written() -> None:
    source, _ = parse_text("a: 10.30\nb: 0402\n", "f.yaml")
    assert source.data["a"].source == "10.30"
    assert source.data["b"].source == "0402"


def test_alias_bomb_stops_quickly_with_a_problem() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join(f"*{chr(96 + i)}" for _ in range(9)) + "]\n"
    source, problems = parse_text(bomb, "bomb.yaml")
    assert source is None
    assert keys(problems) == ["yaml_too_many_values"]


def test_syntax_error_names_line_and_column() -> None:
    source, problems = parse_text("a: [1, 2\nb: 3\n", "f.yaml")
    assert source is None and keys(problems) == ["yaml_unclosed_bracket"]
    assert problems[0].line >= 2 and problems[0].field == "a"
    assert dict(problems[0].params) == {"bracket": "[", "opened": 1}


def test_a_list_at_the_top_is_not_a_submission() -> None:
    _, problems = parse_text("- a\n- b\n", "f.yaml")
    assert keys(problems) == ["file_not_mapping"]


def test_python_tags_are_refused() -> None:
    _, problems = parse_text("a: !!python/object:os.system ls\n", "f.yaml")
    assert "yaml_tag" in keys(problems) or "yaml_syntax" in keys(problems)


def test_not_utf8_points_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Ni\u0161\nregion: ".encode() + "Čačak".encode("cp1250"))
    source, problems = read_source(path, tmp_path)
    assert source is None and keys(problems) == ["file_not_utf8"]
    assert problems[0].line == 2


def test_big_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * (MAX_FILE_BYTES + 1))
    _, problems = read_source(path, tmp_path)
    assert keys(problems) == ["file_too_big"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this system")
def test_symlink_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("a: 1\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    _, problems = read_source(link, tmp_path)
    assert keys(problems) == ["file_symlink"]


def test_file_outside_the_repository_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    outside = tmp_path / "outside.yaml"
    outside.write_text("a: 1\n")
    _, problems = read_source(outside, repo)
    assert keys(problems) == ["file_outside_repository"]


def test_deeply_nested_flow_is_a_problem_not_a_crash() -> None:
    # Thousands of levels: libyaml stops first (PyYAML 6.0.4 and later), or our own limit does.
    for depth in (100, 5000):
        source, problems = parse_text("a: 1\nb: " + "[" * depth + "]" * depth + "\n", "deep.yaml")
        assert source is None
        assert [(p.key, p.line) for p in problems] == [("yaml_too_deep", 2)]
