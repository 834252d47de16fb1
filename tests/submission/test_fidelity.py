"""What is written is what is published: numbers, cut texts, invisible characters, scripts, YAML
mistakes, duplicate ids and problem lines, each checked for its whole kind (SPEC.md)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, validate_dir
from generator.cli import main
from generator.submission.fidelity import cyrillic_words, latin_words, number_readings
from generator.submission.problems import Problem, field_path, format_problems, problem
from generator.submission.sources import parse_text

SITE = "opportunities/testgrad/north-plot.yaml"
SME = "opportunities/testgrad/berry-coop.yaml"
PROJECT = "opportunities/testgrad/solar-park.yaml"
PUBLISHER = "opportunities/testgrad/publisher.yaml"
GOOD_FILES = [SITE, SME, PROJECT, PUBLISHER]
FIDELITY_KEYS = {
    "number_thousands_dot",
    "text_comment_cut",
    "text_control",
    "text_noncharacter",
    "text_bidi",
    "script_cyrillic_in_latin",
    "script_latin_in_cyrillic",
    "yaml_indicator",
}


def replace(folder: Path, rel: str, old: str, new: str) -> None:
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def found(folder: Path) -> list[tuple[str, str, str]]:
    return [(p.path, p.field, p.key) for p in validate_dir(folder).problems if p.key != "translation_missing"]


# Numbers


@pytest.mark.parametrize(
    ("rel", "old", "new", "field"),
    [
        (SITE, "area_m2: 100000", "area_m2: 24.000", "area_m2"),
        (SITE, "price_eur: 1234567.5", "price_eur: 850.000", "price_eur"),
        (SITE, "price_eur: 1234567.5", "price_eur: 1234567.5\nbuilding_area_m2: 1.200", "building_area_m2"),
        (SITE, "price_eur: 1234567.5", "lease_eur_per_m2_year: 2.500", "lease_eur_per_m2_year"),
        (PROJECT, "{min: 8000000, max: 9500000}", "12.500", "investment_eur"),
        (PROJECT, "{min: 8000000, max: 9500000}", "{min: 8000000, max: 9.500}", "investment_eur.max"),
        (SME, "employees: 42", "employees: 1.200", "employees"),
    ],
)
def test_a_thousands_dot_in_an_amount_is_one_error_with_both_readings(
    good: Path, rel: str, old: str, new: str, field: str
) -> None:
    replace(good, rel, old, new)
    errors = validate_dir(good).errors
    assert [(p.path, p.field, p.key) for p in errors] == [(rel, field, "number_thousands_dot")]
    value = new.rsplit(" ", 1)[-1].strip("}")
    whole, decimal = value.replace(".", ""), value.rstrip("0").rstrip(".")
    message = errors[0].message()
    assert f'"{value}" reads as {decimal}' in message and f"write {whole} " in message, message


@pytest.mark.parametrize(
    ("written", "whole"),
    [("012.500", "12500"), ("1_2.500", "12500"), ("12.500_0", "125000"), ("+3.500", "3500"), ("00_850.000", "850000")],
)
def test_other_yaml_spellings_of_a_thousands_dot_are_caught_too(good: Path, written: str, whole: str) -> None:
    """YAML 1.1 reads leading zeros, `_` and `+` in a float, so `012.500` is 12.5 as well."""
    replace(good, SITE, "area_m2: 100000", f"area_m2: {written}")
    errors = validate_dir(good).errors
    assert [(p.field, p.key) for p in errors] == [("area_m2", "number_thousands_dot")]
    assert f"write {whole} " in errors[0].message()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("area_m2: 100000", "area_m2: 12.5"),  # a decimal, as written
        ("area_m2: 100000", "area_m2: 1250.50"),  # two decimals: no thousands reading
        ("price_eur: 1234567.5", "price_eur: 0.500"),  # 0500 is no number
        ("  highway: 1.5", "  highway: 1.500"),  # a distance, not an amount
        ("  lat: 43.35", "  lat: 43.350"),
    ],
)
def test_numbers_that_are_not_thousands_stay_silent(good: Path, old: str, new: str) -> None:
    replace(good, SITE, old, new)
    assert found(good) == []


@pytest.mark.parametrize(
    ("text", "key", "params"),
    [
        ("1.250.000", "number_separators", {"number": "1250000"}),
        ("1.234.567,50", "number_separators", {"number": "1234567.50"}),
        ("1,250,000.5", "number_separators", {"number": "1250000.5"}),
        ("12 500", "number_separators", {"number": "12500"}),
        ("12\u00a0500", "number_separators", {"number": "12500"}),
        ("1'250'000", "number_separators", {"number": "1250000"}),
        ("43,35", "number_separators", {"number": "43.35"}),
        ("12,500", "number_ambiguous", {"whole": "12500", "decimal": "12.5", "sep": ","}),
        ("12.500", "number_ambiguous", {"whole": "12500", "decimal": "12.5", "sep": "."}),
        ("100000", "number_quoted", {}),
    ],
)
def test_numbers_written_as_text_get_the_spelling_to_use(text: str, key: str, params: dict[str, str]) -> None:
    readings = number_readings(text)
    assert readings is not None and readings[0] == key
    assert params.items() <= readings[1].items()


@pytest.mark.parametrize("text", ["big", "12500 m2", "about 5000", "1:20", "12,5,0"])
def test_other_text_in_a_number_field_gets_the_plain_message(text: str) -> None:
    assert number_readings(text) is None


def test_a_quoted_dotted_number_names_both_readings(good: Path) -> None:
    replace(good, SITE, "area_m2: 100000", 'area_m2: "12.500"')
    (error,) = validate_dir(good).errors
    assert error.field == "area_m2" and "12500" in error.message() and "12.5" in error.message()


# Texts cut by a comment


def test_a_comment_after_a_plain_text_is_a_warning_naming_what_was_cut(good: Path) -> None:
    replace(good, SITE, "  en: Greenfield plot in the northern zone", "  en: Hall No. 2 #3 north")
    replace(good, PUBLISHER, "  name: Investment office", "  name: Office #2 (investments)")
    problems = [p for p in validate_dir(good).problems if p.key == "text_comment_cut"]
    assert [(p.path, p.line, p.column, p.field, p.severity) for p in problems] == [
        (SITE, 3, 7, "title.en", "warning"),
        (PUBLISHER, 13, 9, "contact.name", "warning"),
    ]
    assert '"#3 north"' in problems[0].message() and "quotes" in problems[0].message()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  en: Greenfield plot in the northern zone", '  en: "Hall No. 2 #3 north"'),
        ("  en: Greenfield plot in the northern zone", "  en: Hall No.#2"),
        ("  en: Greenfield plot in the northern zone", "  en: Hall  # at most 120 characters"),
        ("  en: Greenfield plot in the northern zone", "  en: |\n    Hall No. 2 #3 north"),
        ("zoning: industrial", "zoning: industrial #1"),
        ("area_m2: 100000", "area_m2: 100000 #m2"),
        ('sectors: ["C", "10.39"]', 'sectors: ["C", "10.39"] #food'),
        ("    caption: Aerial view", "    caption: Aerial view\n    # a comment of its own"),
    ],
)
def test_comments_that_cut_no_text_stay_silent(good: Path, old: str, new: str) -> None:
    replace(good, SITE, old, new)
    assert found(good) == []


# Characters that text may not hold


def string_locations(data: Any, loc: tuple = ()) -> list[tuple]:
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in string_locations(value, (*loc, key))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in string_locations(value, (*loc, index))]
    return [loc] if isinstance(data, str) and loc and loc[0] != "kind" else []


def set_at(data: Any, loc: tuple, value: str) -> None:
    for step in loc[:-1]:
        data = data[step]
    data[loc[-1]] = value


@pytest.mark.parametrize("rel", GOOD_FILES)
@pytest.mark.parametrize(
    ("char", "key"), [("\x0b", "text_control"), ("\ufffe", "text_noncharacter"), ("\u202e", "text_bidi")]
)
def test_every_string_field_refuses_invisible_characters(good: Path, rel: str, char: str, key: str) -> None:
    path = good / rel
    original = path.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    locations = string_locations(data)
    assert len(locations) >= 4
    for loc in locations:
        broken = yaml.safe_load(original)
        value = yaml.safe_load(original)
        for step in loc:
            value = value[step]
        set_at(broken, loc, value[:2] + char + value[2:])
        path.write_text(yaml.safe_dump(broken, allow_unicode=False, sort_keys=False), encoding="utf-8")
        errors = [(p.path, p.field, p.key, dict(p.params).get("code")) for p in validate_dir(good).errors]
        assert (rel, field_path(loc), key, f"U+{ord(char):04X}") in errors, (loc, errors)
    path.write_text(original, encoding="utf-8")


def test_a_raw_control_character_is_a_problem_not_a_traceback() -> None:
    source, problems = parse_text("title: a\x0bb\nsummary: ok\n", "f.yaml")
    assert [(p.line, p.column, p.field, p.key, dict(p.params)) for p in problems] == [
        (1, 9, "title", "text_control", {"code": "U+000B"})
    ]
    assert source is not None and source.data["summary"] == "ok"


# Serbian in the wrong script


@pytest.mark.parametrize(
    "text",
    [
        "Компанију Nišava Code Works основала су 2016. године два инжењера.",
        "Парцела од 5,2 ha уз аутопут А1, прикључак 10 kV, снага 2 MW, 630 kVA.",
        "Сертификати HACCP, ISO 9001 и GlobalG.A.P.; Wi-Fi у целој хали.",
        "Пишите на invest@nis.example или погледајте https://nis.example/parcela.",
        "Производна хала од 4.800 m², носивост пода 5 t/m², DN 150.",
        "Видите [план парцеле](https://nis.example/plan) и `images/plan.png`.",
    ],
)
def test_latin_that_belongs_in_cyrillic_text_is_not_warned_about(text: str) -> None:
    assert latin_words(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Производна hala за закуп", ["hala"]),
        ("Парцела уз put за Ниш", ["put"]),
        ("Нoви Сад", ["Нoви"]),  # a Latin o among Cyrillic letters
        ("Fabrika u Nišu", ["Fabrika", "u", "Nišu"]),  # the whole text in Latin
    ],
)
def test_serbian_words_in_latin_letters_in_cyrillic_text_are_found(text: str, words: list[str]) -> None:
    assert latin_words(text) == words


def test_cyrillic_letters_in_latin_serbian_are_found() -> None:
    assert cyrillic_words("Parcela u Нишу, ISO 9001") == ["Нишу"]
    assert cyrillic_words("Parcela u Novom Sаdu") == ["Sаdu"]  # a Cyrillic а
    assert cyrillic_words("Parcela u Nišu, https://nis.example/нис") == []


def test_a_serbian_default_language_text_is_checked_too(good: Path) -> None:
    config = good / "mkdocs.yml"
    config.write_text(config.read_text().replace("default_language: en", "default_language: sr-Latn"))
    replace(good, PUBLISHER, "region: Nišava", "region: Нишава")
    assert ("opportunities/testgrad/publisher.yaml", "region", "script_cyrillic_in_latin") in found(good)


def test_the_example_catalogue_has_none_of_these_problems() -> None:
    result = validate_dir(REPO)
    assert [f"{p.path}:{p.line}: {p.message()}" for p in result.problems if p.key in FIDELITY_KEYS] == []
    assert result.errors == []


# YAML mistakes, in the officer's language


@pytest.mark.parametrize(
    "start",
    ["**Ready**", "*Ready", "&Co", "& Co", "!Important", "%50", "@home", "`code`", "|x", ">50", "- ", "? ", "[A] b"],
)
def test_a_text_starting_with_a_yaml_indicator_names_the_field_and_the_quotes(start: str) -> None:
    text = f"kind: site\ntitle:\n  en: {start} to use hall\nsummary: A hall.\n"
    source, problems = parse_text(text, "f.yaml")
    assert [(p.line, p.column, p.field, p.key, dict(p.params)) for p in problems] == [
        (3, 7, "title.en", "yaml_indicator", {"char": start[0]})
    ]


@pytest.mark.parametrize("language", ["de", "sr-Latn", "sr-Cyrl", "sq"])
def test_syntax_errors_speak_the_officers_language(
    good: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    replace(good, SITE, "  en: Greenfield plot in the northern zone", "  en: Brownfield: former textile factory")
    replace(good, PROJECT, "  en: Solar park", "  en: **Ready** solar park")
    replace(good, SME, "company: Testgrad Berry d.o.o.", "company: [Testgrad Berry")
    assert main(["-f", str(good / "mkdocs.yml"), "validate", "--lang", language]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert main(["-f", str(good / "mkdocs.yml"), "validate"]) == 1
    english = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[2] for line in lines] == ["company", "title.en", "title.en"]
    for line, in_english in zip(lines, english, strict=True):
        message = line.split(": ", 3)[3]
        assert message != in_english.split(": ", 3)[3]  # translated, not the English sentence
        for parser_words in ("not allowed", "did not find", "expected", "while scanning", "found"):
            assert parser_words not in message


def test_a_tab_or_a_nesting_limit_keeps_its_own_message() -> None:
    _, problems = parse_text("title:\n\ten: x\n", "f.yaml")
    assert [p.key for p in problems] == ["yaml_tab"]


# Duplicate ids, reported on every file


def test_a_new_file_with_a_used_id_fails_on_its_own_even_when_it_sorts_first(
    good: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    newer = good / "opportunities" / "aaa-grad"
    newer.mkdir()
    (newer / "publisher.yaml").write_text((good / PUBLISHER).read_text(encoding="utf-8"), encoding="utf-8")
    (newer / "solar-park.yaml").write_text((good / PROJECT).read_text(encoding="utf-8"), encoding="utf-8")
    config = str(good / "mkdocs.yml")
    monkeypatch.chdir(good)
    for own, other in [
        ("opportunities/aaa-grad/solar-park.yaml", PROJECT),
        (PROJECT, "opportunities/aaa-grad/solar-park.yaml"),
    ]:
        assert main(["-f", config, "validate", own]) == 1
        out = capsys.readouterr().out
        assert f"{own}:1:1: error: item id 'solar-park' is already used by {other}" in out


# Problem lines that cannot be forged


def hostile_problem() -> Problem:
    return problem(
        "opportunities/demo/bad\n::error::x.yaml",
        3,
        1,
        "x\r\nopportunities/nis/a.yaml:1:1: error: fraud",
        "unknown_field",
        name="x\nopportunities/nis/a.yaml:1:1: error: fraud\u2028\x1b[2K\u202e",
    )


def test_text_lines_show_line_breaks_and_control_characters_escaped() -> None:
    text = format_problems([hostile_problem()], "text")
    assert len(text.splitlines()) == 1 and "\x1b" not in text and "\u202e" not in text and "\u2028" not in text
    assert text.startswith("opportunities/demo/bad\\n::error::x.yaml:3:1: error: x\\r\\nopportunities/")


def test_github_and_json_lines_stay_one_annotation_and_exact_data() -> None:
    github = format_problems([hostile_problem()], "github")
    assert len(github.splitlines()) == 1 and github.startswith("::error file=opportunities/demo/bad%0A")
    (record,) = json.loads(format_problems([hostile_problem()], "json"))
    assert record["file"] == "opportunities/demo/bad\n::error::x.yaml" and "\u2028" in record["message"]


@pytest.mark.skipif(os.name != "posix", reason="file names with line breaks need a POSIX file system")
def test_a_file_name_with_a_line_break_prints_as_one_line(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (good / "opportunities" / "testgrad" / "bad\n::error::x.yaml").write_text("kind: site\n", encoding="utf-8")
    assert main(["-f", str(good / "mkdocs.yml"), "validate"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert all(line.startswith("opportunities/testgrad/") for line in out), out
    assert any("bad\\n::error::x.yaml" in line for line in out)
