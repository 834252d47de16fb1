"""Reference lists the submission format points into: NACE, HS, countries, their boxes.

They are data files under `generator/submission/data/` (see its README for sources), read
once and cached, so that the validator asks "does 10.39 exist" of the official
list rather than of a pattern.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry
import yaml

KOSOVO = "XK"


@dataclass(frozen=True)
class Code:
    code: str
    parent: str
    level: int
    name: str


def _data_text(name: str) -> str:
    return (resources.files("generator.submission") / "data" / name).read_text(encoding="utf-8")


def _read_codes(name: str) -> dict[str, Code]:
    rows = csv.DictReader(_data_text(name).splitlines())
    return {row["code"]: Code(row["code"], row["parent"], int(row["level"]), row["name"]) for row in rows}


@lru_cache(maxsize=1)
def nace() -> dict[str, Code]:
    return _read_codes("nace.csv")


@lru_cache(maxsize=1)
def nace_names() -> dict[str, dict[str, str]]:
    return {str(k): v for k, v in (yaml.safe_load(_data_text("nace_names.yaml")) or {}).items()}


@lru_cache(maxsize=1)
def hs() -> dict[str, Code]:
    return _read_codes("hs.csv")


def nace_section(code: str) -> str:
    """The section letter a NACE code belongs to (`10.39` -> `C`)."""
    table = nace()
    current = table.get(code)
    while current is not None and current.level > 1:
        current = table.get(current.parent)
    return current.code if current else code


def nace_division(code: str) -> str | None:
    """The two-digit division of a code, None for a bare section letter."""
    return code[:2] if code[:1].isdigit() else None


def nace_name(code: str, language: str) -> tuple[str, str]:
    """The name of a NACE code in `language` where we have it, else English.

    Returns the name and the language it is in, so the page can mark English
    names of groups and classes with `lang="en"`.
    """
    translated = nace_names().get(code, {})
    if language in translated:
        return translated[language], language
    if language == "sr-Cyrl" and "sr-Latn" in translated:
        from generator.languages import transliterate

        return transliterate(translated["sr-Latn"], "sr-Cyrl"), language
    entry = nace().get(code)
    return (entry.name if entry else code), "en"


def hs_exists(code: str) -> bool:
    """An HS code of 2 or 4 digits must be listed; 6-digit subheadings need their heading."""
    table = hs()
    if len(code) == 6:
        return code[:4] in table
    return code in table


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    return frozenset({c.alpha_2 for c in pycountry.countries} | {KOSOVO})


@dataclass(frozen=True)
class Box:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.min_lat <= lat <= self.max_lat and self.min_lon <= lon <= self.max_lon


@lru_cache(maxsize=1)
def country_boxes() -> dict[str, Box]:
    data = yaml.safe_load(_data_text("country_bounds.yaml")) or {}
    return {str(code): Box(**box) for code, box in data.items()}
