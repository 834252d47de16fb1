"""The message catalogue: every sentence exists in every language, with the same placeholders."""

from __future__ import annotations

import re
import string

import pytest
import yaml

from conftest import REPO
from generator import messages
from generator.submission.problems import problem

LANGUAGES = ["de", "sr-Latn", "sr-Cyrl", "sq"]
EXAMPLE_LANGUAGES = yaml.safe_load((REPO / "mkdocs.yml").read_text())["plugins"][0]["prilika"]["languages"]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_example_languages_all_have_messages() -> None:
    assert set(EXAMPLE_LANGUAGES) - {"en"} == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("section", ["problems", "labels"])
def test_every_message_is_translated_with_the_same_placeholders(language: str, section: str) -> None:
    english = messages.catalogue("en")[section]
    translated = messages.catalogue(language).get(section, {})
    missing = sorted(set(english) - set(translated))
    assert missing == [], f"{language} lacks {section}: {missing}"
    assert sorted(set(translated) - set(english)) == []
    for key, text in english.items():
        assert placeholders(translated[key]) == placeholders(text), f"{language} {section}.{key}"


def test_serbian_cyrillic_messages_are_cyrillic() -> None:
    text = messages.label("nav_map", "sr-Cyrl")
    assert re.search("[а-яђјљњћџ]", text.lower()), text


def test_every_problem_kind_reads_in_every_language() -> None:
    english = messages.catalogue("en")["problems"]
    for key, text in english.items():
        params = {name: "7" for name in placeholders(text)} | {"language": "de"}
        for language in ["en", *LANGUAGES]:
            found = problem("a.yaml", 1, 1, "f", key, **params).message(language)
            assert found and "{" not in found, (key, language, found)


def test_validator_speaks_the_officers_language(good, capsys) -> None:
    from generator.cli import main

    path = good / "opportunities/testgrad/north-plot.yaml"
    path.write_text(path.read_text().replace("area_m2: 100000", "area_m2: 0"))
    assert main(["-f", str(good / "mkdocs.yml"), "validate", "--lang", "de"]) == 1
    out = capsys.readouterr().out
    assert "area_m2: " + messages.problem_text("greater_than", {"gt": 0}, "de") in out
    assert messages.problem_text("greater_than", {"gt": 0}, "de") != messages.problem_text(
        "greater_than", {"gt": 0}, "en"
    )
