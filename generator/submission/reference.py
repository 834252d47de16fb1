"""Reference lists the submission format points into: NACE, HS, countries and their borders.

They are data files under `generator/submission/data/` (see its README for sources), read
once and cached, so that the validator asks "does 10.39 exist" of the official list rather
than of a pattern, and "is this point in Serbia" of Serbia's outline rather than of a box.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry
import yaml

from generator.submission import borders

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


def _read_names(name: str) -> dict[str, str]:
    return {row["code"]: row["name"] for row in csv.DictReader(_data_text(name).splitlines())}


@lru_cache(maxsize=1)
def nace() -> dict[str, Code]:
    return _read_codes("nace.csv")


@lru_cache(maxsize=1)
def nace_names() -> dict[str, dict[str, str]]:
    """NACE code -> {language: official name} for the languages other than English.

    Sections and divisions come from `nace_names.yaml` (`de`, `sr-Latn`), groups and
    classes from `nace_de.csv` (`de` only: no official Serbian list of them, and no official
    Albanian list at all, was available). `sr-Cyrl` is never stored: `nace_name` transliterates `sr-Latn`.
    """
    names = {str(k): dict(v) for k, v in (yaml.safe_load(_data_text("nace_names.yaml")) or {}).items()}
    for code, name in _read_names("nace_de.csv").items():
        names.setdefault(code, {})["de"] = name
    return names


@lru_cache(maxsize=1)
def hs() -> dict[str, Code]:
    return _read_codes("hs.csv")


@lru_cache(maxsize=1)
def hs_names() -> dict[str, dict[str, str]]:
    """HS chapter or heading -> {language: official name}; German only, from `hs_de.csv`."""
    return {code: {"de": name} for code, name in _read_names("hs_de.csv").items()}


def _in_language(translated: dict[str, str], english: str, language: str, default: str) -> tuple[str, str]:
    """The name in `language`, else in the catalogue's `default` language, else English."""
    for wanted in dict.fromkeys((language, default)):
        if wanted in translated:
            return translated[wanted], wanted
        if wanted == "sr-Cyrl" and "sr-Latn" in translated:
            from generator.languages import transliterate

            return transliterate(translated["sr-Latn"], "sr-Cyrl"), wanted
    return english, "en"


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


def nace_name(code: str, language: str, default: str = "en") -> tuple[str, str]:
    """The name of a NACE code (any level) in `language` where an official one exists, else in
    the catalogue's `default` language, else English.

    Returns the name and the language it is in, so that a page can mark a name in another
    language (`lang`, "not translated"). An unknown code is returned as its own name.
    """
    entry = nace().get(code)
    return _in_language(nace_names().get(code, {}), entry.name if entry else code, language, default)


def hs_name(code: str, language: str, default: str = "en") -> tuple[str, str]:
    """The name of an HS chapter or heading in `language` where an official one exists, else English.

    A 6-digit subheading is named by its heading (`081120` -> heading `0811`): the lists hold
    chapters and headings only. Returns the name and its language, like `nace_name`.
    """
    key = code[:4] if len(code) == 6 else code
    entry = hs().get(key)
    return _in_language(hs_names().get(key, {}), entry.name if entry else code, language, default)


def hs_exists(code: str) -> bool:
    """An HS code of 2 or 4 digits must be listed; 6-digit subheadings need their heading."""
    table = hs()
    if len(code) == 6:
        return code[:4] in table
    return code in table


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    return frozenset({c.alpha_2 for c in pycountry.countries} | {KOSOVO})


@lru_cache(maxsize=1)
def country_outlines() -> dict[str, borders.Outline]:
    """ISO alpha-2 code -> outline, for the checked countries and their neighbours (`borders.topo.json`)."""
    return borders.outlines_from_topojson(json.loads(_data_text("borders.topo.json")))


def in_country(code: str, lat: float, lon: float) -> bool | None:
    """Whether the point (WGS 84 degrees) lies in country `code`, by its borders.

    None when `code`'s locations are not checked (no outline, or a neighbour's simplified one).
    The rule, with its tolerance at borders and coasts, is `borders.lies_in`.
    """
    outlines = country_outlines()
    outline = outlines.get(code)
    if outline is None or not outline.checked:
        return None
    return borders.lies_in(outlines, code, lat, lon)


def country_at(lat: float, lon: float) -> str | None:
    """The code of the country the point lies in (or within `borders.TOLERANCE_M` of), if known."""
    return borders.country_at(country_outlines(), lat, lon)
