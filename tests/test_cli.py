"""The `prilika` command as CI and officers use it: exit statuses, output formats, scaffolds, schemas."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, REPO
from generator.cli import main

SITE = "opportunities/testgrad/north-plot.yaml"
SME = "opportunities/testgrad/berry-coop.yaml"
PROJECT = "opportunities/testgrad/solar-park.yaml"
PUBLISHER = "opportunities/testgrad/publisher.yaml"
TEXT_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<rest>.+)$")
GITHUB_LINE = re.compile(
    r"^::(?P<severity>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=(?P<title>[^:]+)::(?P<message>.+)$"
)
JSON_FIELDS = {"file", "line", "column", "severity", "field", "message"}


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)


def replace(folder: Path, rel: str, old: str, new: str) -> None:
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(folder: Path, *args: str) -> int:
    return main(["-f", str(folder / "mkdocs.yml"), *args])


def with_errors(folder: Path) -> Path:
    """Three errors in three files, and a warning in a fourth."""
    replace(folder, SITE, "area_m2: 100000", "area_m2: 0")
    replace(folder, SME, "  de: Familienunternehmen, das Himbeeren für den Export einfriert.\n", "")
    replace(folder, PROJECT, "model: ppp", "model: gift")
    replace(folder, PUBLISHER, "type: city", "type: town")
    return folder


def with_a_warning_only(folder: Path) -> Path:
    replace(folder, SITE, "  de: Zehn Hektar neben der Autobahn.\n", "")
    return folder


# Exit statuses


def test_a_clean_catalogue_exits_0_and_prints_no_problem(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(good, "validate") == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "0" in captured.err  # the summary line goes to standard error


def test_errors_exit_1(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(with_errors(good), "validate") == 1
    assert len(capsys.readouterr().out.splitlines()) == 4


def test_warnings_alone_exit_0_and_strict_makes_them_fail(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_a_warning_only(good)
    assert run(good, "validate") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and ": warning: summary:" in out[0]
    assert run(good, "validate", "--strict") == 1


def test_missing_mkdocs_yml_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-f", str(tmp_path / "mkdocs.yml"), "validate"]) == 2
    captured = capsys.readouterr()
    assert "no such file" in captured.err and "Traceback" not in captured.err


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--no-such-option"],
        ["validate", "--format", "xml"],
        ["no-such-command"],
        [],
        ["new", "castle", "testgrad", "x"],
    ],
)
def test_a_wrong_command_line_exits_2(good: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(good, *args)
    assert stopped.value.code == 2
    assert "usage:" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("default_language: en", "default_language: fr"),
        ("      default_language: en", "      default_language: en\n      no_such_option: 1"),
        ("languages: [en, de, sr-Latn, sr-Cyrl, sq]", "languages: [en, xx-Nonsense]"),
        ("  - prilika:", "  - search:"),
        ("site_name: Test catalogue", "site_name: [unclosed"),
        ("      default_language: en", "      default_language: en\n      site_names: {fr: Catalogue}"),
    ],
)
def test_a_wrong_configuration_exits_2(good: Path, old: str, new: str, capsys: pytest.CaptureFixture[str]) -> None:
    replace(good, "mkdocs.yml", old, new)
    assert run(good, "validate") == 2
    captured = capsys.readouterr()
    # A bad plugin option is a problem line at its place in mkdocs.yml; other mistakes a sentence.
    first = captured.err.splitlines()[0]
    assert re.match(r"mkdocs\.yml:\d+:\d+: error: plugins\.prilika\.", first) or first.startswith("prilika: ")
    assert "Traceback" not in captured.err


def test_a_path_that_does_not_exist_exits_2(good: Path) -> None:
    assert run(good, "validate", str(good / "opportunities/testgrad/nothing.yaml")) == 2


def test_changed_by_without_base_exits_2(good: Path) -> None:
    assert run(good, "validate", "--changed-by", "someone") == 2


# Output formats


def test_text_lines_name_file_line_column_severity_field_and_message(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(with_errors(good), "validate")
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{SME}:8:3: warning: summary: no German (de) translation",
        f"{SITE}:17:10: error: area_m2: must be greater than 0",
        f"{PUBLISHER}:6:7: error: type: must be one of 'municipality', 'city', 'agency', 'chamber', 'cluster' or 'ngo'",
        f"{PROJECT}:15:8: error: model: must be one of 'ppp', 'concession', 'joint_venture', 'equity', 'loan' "
        "or 'sale'",
    ]
    assert all(TEXT_LINE.match(line) for line in out)


def test_problems_are_sorted_by_file_then_line_then_column(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_errors(good)
    replace(good, SITE, "kind: site", "kind: site\nfoo: 1")  # a problem at the top of a file listed later
    replace(good, PROJECT, "stage: feasibility", "stage: later")
    run(good, "validate", "--format", "json")
    found = json.loads(capsys.readouterr().out)
    keys = [(p["file"], p["line"], p["column"]) for p in found]
    assert keys == sorted(keys)
    assert len({p["file"] for p in found}) == 4


def test_github_format_is_one_workflow_command_per_problem(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(with_errors(good), "validate", "--format", "github") == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 4
    parsed = [GITHUB_LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m["severity"], m["file"], m["line"], m["col"], m["title"]) for m in parsed] == [
        ("warning", SME, "8", "3", "summary"),
        ("error", SITE, "17", "10", "area_m2"),
        ("error", PUBLISHER, "6", "7", "type"),
        ("error", PROJECT, "15", "8", "model"),
    ]
    assert parsed[1]["message"] == "area_m2: must be greater than 0"


def test_github_format_escapes_what_would_break_the_command(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A field name with a comma or colon (a typo) must not end the property early."""
    replace(good, SITE, "kind: site", "kind: site\n'a,b:c': 1")
    run(good, "validate", "--format", "github")
    line = capsys.readouterr().out.splitlines()[0]
    match = GITHUB_LINE.match(line)
    assert match, line
    assert match["title"] == "a%2Cb%3Ac" and match["line"] == "2"


def test_json_format_is_a_list_of_problems_with_the_named_fields(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(with_errors(good), "validate", "--format", "json") == 1
    found = json.loads(capsys.readouterr().out)
    assert isinstance(found, list) and len(found) == 4
    assert all(set(p) == JSON_FIELDS for p in found)
    assert found[1] == {
        "file": SITE,
        "line": 17,
        "column": 10,
        "severity": "error",
        "field": "area_m2",
        "message": "must be greater than 0",
    }


def test_json_format_of_a_clean_catalogue_is_an_empty_list(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(good, "validate", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_messages_in_another_language(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(good, SITE, "area_m2: 100000", "area_m2: 0")
    run(good, "validate", "--lang", "en")
    english = capsys.readouterr().out
    run(good, "validate", "--lang", "de")
    german = capsys.readouterr().out
    assert english.split(": ")[:3] == german.split(": ")[:3]  # same file, line, column, severity, field
    assert english != german


def test_paths_limit_the_report_but_not_the_checks(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with_errors(good)
    other = good / "opportunities" / "othergrad"
    other.mkdir()
    (other / "publisher.yaml").write_text((good / PUBLISHER).read_text().replace("type: town", "type: city"))
    (other / "north-plot.yaml").write_text((good / SITE).read_text())
    assert run(good, "validate", str(other)) == 1
    out = capsys.readouterr().out.splitlines()
    assert out and all(line.startswith("opportunities/othergrad/") for line in out)
    # The duplicate id is found only by looking at the other publisher too.
    assert run(good, "validate", str(good / SITE)) == 1
    assert "item id 'north-plot' is already used" in capsys.readouterr().out


# Scaffolds

FILL = {
    "en": "A filled-in starter file",
    "sr-Latn": "Popunjena početna datoteka",
    "type": "municipality",
    "country": "RS",
    "lat": "43.3209",
    "lon": "21.8958",
    "name": "Investment office",
    "email": "invest@newgrad.example",
    "sectors": '["C"]',
    "published": "2025-03-07",
    "site_type": "greenfield",
    "area_m2": "25000",
    "ownership": "public",
    "investment_eur": "2500000",
    "model": "ppp",
    "company": "Primer d.o.o.",
    "seeking": "[investment]",
    "starts": "2027-05-14T09:30:00+02:00",
    "format": "b2b",
}
PLACEHOLDER = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<key>[\w-]+):(?P<space>\s*)(?:\[~\]|~)(?P<comment>\s*#.*)?$")


def fill_placeholders(text: str) -> str:
    """Replace each required `~` the way an officer would; optional ones stay empty (null)."""
    lines = []
    for line in text.splitlines():
        match = PLACEHOLDER.match(line)
        if match and match["key"] in FILL:
            line = f"{match['lead']}{match['key']}: {FILL[match['key']]}{match['comment'] or ''}"
        lines.append(line)
    return "\n".join(lines) + "\n"


KINDS = [("publisher", None, "publisher.yaml"), ("site", "new-plot", "new-plot.yaml")]
KINDS += [("project", "new-park", "new-park.yaml"), ("sme", "new-company", "new-company.yaml")]
KINDS += [("event", "new-b2b-day", "new-b2b-day.yaml")]


@pytest.mark.parametrize(("kind", "item", "file"), KINDS)
def test_new_writes_a_starter_file_with_the_schema_line(
    good: Path, kind: str, item: str | None, file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["new", kind, "newgrad"] + ([item] if item else [])
    assert run(good, *args) == 0
    path = good / "opportunities" / "newgrad" / file
    assert path.is_file()
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = "publisher.json" if kind == "publisher" else "item.json"
    assert first == f"# yaml-language-server: $schema=../../schema/{schema}"
    assert f"opportunities/newgrad/{file}" in capsys.readouterr().out
    # Never overwrites an officer's work.
    assert run(good, *args) == 2


def test_unfilled_starters_name_their_placeholders_and_filled_ones_validate_clean(
    good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind, item, _ in KINDS:
        assert run(good, "new", kind, "newgrad", *([item] if item else [])) == 0
    capsys.readouterr()
    folder = good / "opportunities" / "newgrad"

    assert run(good, "validate", "--format", "json") == 1
    unfilled = json.loads(capsys.readouterr().out)
    assert {p["file"] for p in unfilled} == {f"opportunities/newgrad/{file}" for _, _, file in KINDS}
    assert {"area_m2", "country", "model", "company", "starts", "format"} <= {p["field"] for p in unfilled}

    for _, _, file in KINDS:
        path = folder / file
        path.write_text(fill_placeholders(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert run(good, "validate", "--format", "json") == 0
    problems = json.loads(capsys.readouterr().out)
    assert [p for p in problems if p["severity"] == "error"] == []
    # Only the translations the officer has not written yet are mentioned.
    assert {p["message"].split(" (")[0] for p in problems} <= {
        "no German",
        "no Albanian",
        "no Serbian",
    }


def test_new_refuses_ids_that_are_not_slugs(good: Path) -> None:
    assert run(good, "new", "site", "New Grad", "plot") == 2
    assert run(good, "new", "site", "newgrad", "Plot_1") == 2
    assert run(good, "new", "publisher", "newgrad", "extra") == 2


# Schemas


def test_schema_command_writes_exactly_the_committed_schemas(tmp_path: Path, capsys) -> None:
    assert main(["schema", str(tmp_path / "schema")]) == 0
    written = {p.name: p.read_bytes() for p in (tmp_path / "schema").iterdir()}
    committed = {p.name: p.read_bytes() for p in (REPO / "schema").glob("*.json")}
    assert sorted(written) == sorted(committed) == ["item.json", "publisher.json"]
    for name in committed:
        assert written[name] == committed[name], f"schema/{name} is out of date: run `prilika schema`"
    assert capsys.readouterr().out.count("wrote ") == 2


def test_schemas_are_json_with_the_fields_of_the_submission_format() -> None:
    publisher = json.loads((REPO / "schema" / "publisher.json").read_text(encoding="utf-8"))
    item = json.loads((REPO / "schema" / "item.json").read_text(encoding="utf-8"))
    assert {"name", "type", "country", "location", "contact"} <= set(publisher["required"])
    assert publisher["additionalProperties"] is False
    text = json.dumps(item)
    for field in ("site_type", "investment_eur", "seeking", "area_m2", "export_markets"):
        assert f'"{field}"' in text


def test_plugins_written_as_a_mapping_keep_their_options(good: Path) -> None:
    from generator.config import load_settings

    config = good / "mkdocs.yml"
    text = config.read_text()
    assert "  - prilika:\n" in text
    config.write_text(text.replace("  - prilika:\n", "  prilika:\n"))
    assert load_settings(config).languages == load_settings(REPO / "tests/fixtures/good/mkdocs.yml").languages
