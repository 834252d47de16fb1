"""The message catalogue: every sentence Prilika says, in every language it speaks.

One YAML file per language under `generator/messages/`, with two sections:
`problems` (validator messages) and `labels` (words on the site). Serbian
Cyrillic is transliterated from Serbian Latin unless a file for it gives a
value, because Latin to Cyrillic is exact for our own wording and keeping one
file avoids two drifting copies. A missing key falls back to English so a new
label never breaks a build; the test suite checks that none is missing.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from generator.languages import base_language, transliterate

FALLBACK = "en"


@cache
def _load(language: str) -> dict[str, dict[str, str]]:
    name = f"{language}.yaml"
    folder = resources.files("generator") / "messages"
    file = folder / name
    if not file.is_file():
        if language == "sr-Cyrl":
            latin = _load("sr-Latn")
            return {section: {k: _to_cyrillic(v) for k, v in entries.items()} for section, entries in latin.items()}
        return {}
    # libyaml's loader where PyYAML has it: the same data, a sixth of the time (part of every start).
    data = yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return {section: dict(entries or {}) for section, entries in data.items()}


# What the user types literally is written „in quotes” in sr-Latn.yaml (see its header).
_PROTECTED = re.compile(r"(\{[^{}]*\}|`[^`]*`|„[^„”“]*[”“])")


def _to_cyrillic(text: str) -> str:
    """Cyrillic text with `{placeholders}`, `field names` and „typed values” kept as typed."""
    parts = _PROTECTED.split(text)
    return "".join(part if _PROTECTED.fullmatch(part) else transliterate(part, "sr-Cyrl") for part in parts)


def catalogue(language: str) -> dict[str, dict[str, str]]:
    """The messages of one language, as written (no fallback)."""
    return _load(base_language(language))


@cache
def _lookup(section: str, key: str, language: str) -> str:
    for lang in (base_language(language), FALLBACK):
        text = _load(lang).get(section, {}).get(key)
        if text is not None:
            return text
    raise KeyError(f"no message {section}.{key}")


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def problem_text(key: str, params: dict[str, Any], language: str = FALLBACK) -> str:
    if "language" in params:
        from generator.languages import language_name_in

        params = {**params, "language_name": language_name_in(str(params["language"]), language)}
    if "country" in params:
        from generator.languages import country_name

        params = {**params, "country": country_name(str(params["country"]), language)}
    return _fill(_lookup("problems", key, language), params)


def label(key: str, language: str = FALLBACK, **params: Any) -> str:
    return _fill(_lookup("labels", key, language), params)


def labels(language: str) -> dict[str, str]:
    """Every site label in one language, English where a translation is missing."""
    merged = dict(_load(FALLBACK).get("labels", {}))
    merged.update(_load(base_language(language)).get("labels", {}))
    return merged


def languages_with_messages() -> list[str]:
    folder = resources.files("generator") / "messages"
    return sorted(f.name[: -len(".yaml")] for f in folder.iterdir() if f.name.endswith(".yaml"))


def keys(section: str) -> set[str]:
    return set(_load(FALLBACK).get(section, {}))


SCRIPT_LABELS = (
    "count_items",
    "count_matching",
    "shortlist_add",
    "shortlist_remove",
    "shortlist_missing",
    "shortlist_link_missing",
    "show_more",
)


def script_labels(language: str) -> dict[str, str]:
    """The few labels the page scripts write themselves, with their `{placeholders}` left in."""
    return {key: _lookup("labels", key, language) for key in SCRIPT_LABELS}
