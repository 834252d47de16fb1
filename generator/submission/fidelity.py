"""What is written is what is published: checks on a file as it was typed, before any model reads it.

A valid model can still publish something other than what the officer meant: `12.500` is 12.5
to YAML and twelve thousand five hundred to a Serbian officer; ` #` cuts an unquoted text short;
an invisible control character breaks every feed; a Cyrillic `а` in a Latin word looks right and
searches wrong. These checks read the YAML node tree (spelling, quoting and the rest of the line)
and find each field's role from the models' `Role` markers, so they run on every file, whether its
model validated or not (rule: SPEC.md, "What is written is what is published").
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import cache
from typing import Annotated, Any

import yaml
from pydantic import BaseModel

from generator.submission.models import AMOUNT, TEXT, WORDS, Role
from generator.submission.problems import Problem, field_path, problem
from generator.submission.sources import Source, character_key, code_point

# Control characters (C0 but tab, line feed and carriage return; DEL and C1), non-characters
# (U+FDD0-U+FDEF and the last two of every plane) and the bidirectional overrides and isolates,
# which let a text reverse what the page writes after it.
_NONCHARACTERS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef{_NONCHARACTERS}\u202a-\u202e\u2066-\u2069]")
# The same, with any character beyond the first plane for the rest: ten times faster over a whole file.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069\U00010000-\U0010ffff]"
)

_YAML = "tag:yaml.org,2002:"
# One dot and exactly three digits after a whole part that is not zero: `12.500`; YAML 1.1 also
# reads the spellings `012.500`, `1_2.500` and `12.500_0` as 12.5, so they count too.
THOUSANDS_DOT = re.compile(r"^\+?[0-9_]*[1-9][0-9_]*\.[0-9]{3}(?:_[0-9_]*)?$")
_COMMENT = re.compile(r"([ \t]+)(#[^\r\n]*)")


class _Shape:
    """What the models say a value at some path is: its roles and how to find its children's shapes."""

    def __init__(self, annotations: Sequence[Any]) -> None:
        self.roles: set[Role] = set()
        self._leaves: list[Any] = []
        for annotation in annotations:
            self._collect(annotation)
        self._children: dict[str | int, _Shape] = {}
        self._relevant: bool | None = None
        self._amounts: bool | None = None

    def _collect(self, annotation: Any) -> None:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            self.roles.update(m for m in annotation.__metadata__ if isinstance(m, Role))
            self._collect(typing.get_args(annotation)[0])
        elif origin is typing.Union or type(annotation).__name__ == "UnionType":
            for arg in typing.get_args(annotation):
                self._collect(arg)
        else:
            self._leaves.append(annotation)

    @property
    def relevant(self) -> bool:
        """Whether this value or any value inside it has a role (else only its characters are checked)."""
        if self._relevant is None:
            self._relevant = False  # while it is worked out: a model that holds itself adds nothing
            self._relevant = bool(self.roles) or any(shape.relevant for shape in self._possible_children())
        return self._relevant

    @property
    def amounts(self) -> bool:
        """Whether this value or any value inside it is an amount."""
        if self._amounts is None:
            self._amounts = False
            self._amounts = AMOUNT in self.roles or any(shape.amounts for shape in self._possible_children())
        return self._amounts

    def _possible_children(self) -> list[_Shape]:
        children = []
        for leaf in self._leaves:
            if isinstance(leaf, type) and issubclass(leaf, BaseModel):
                children += [self.child(name) for name in leaf.model_fields]
            elif typing.get_origin(leaf) is list:
                children.append(self.child(0))
            elif typing.get_origin(leaf) is dict:
                children.append(self.child(""))
        return children

    def child(self, step: str | int) -> _Shape:
        step = 0 if isinstance(step, int) else step
        if step not in self._children:
            found: list[Any] = []
            for leaf in self._leaves:
                origin = typing.get_origin(leaf)
                if isinstance(step, str) and isinstance(leaf, type) and issubclass(leaf, BaseModel):
                    info = leaf.model_fields.get(step)
                    if info is not None:
                        found.append(Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)
                elif isinstance(step, int) and origin is list:
                    found.append(typing.get_args(leaf)[0])
                elif isinstance(step, str) and origin is dict:
                    found.append(typing.get_args(leaf)[1])
            if not found:
                return _NOTHING  # an unknown key: its own problem says so
            if len(self._children) >= 64:
                return _Shape(found)  # keys typed under a text are languages: a few, unless made up
            self._children[step] = _Shape(found)
        return self._children[step]


_NOTHING = _Shape(())


@cache
def _shape_of(models: tuple[type[BaseModel], ...]) -> _Shape:
    return _Shape(models)


def written_problems(
    source: Source, models: Iterable[type[BaseModel]], default_language: str
) -> tuple[list[Problem], set[str]]:
    """The problems of `source` as typed, and the fields whose model errors they replace.

    `models` are the model classes the file may be (several while its kind is unknown);
    `default_language` is the language of a text written as a plain string. Errors: a forbidden
    character in any string (`FORBIDDEN`), an amount written with a thousands dot. Warnings: a
    text cut by ` #`, a Serbian text in the other script. A thousands-dot error replaces the model's
    own error at that field (`employees: 1.200` is not a whole number because of the dot).
    """
    walker = _Walker(source, default_language)
    walker.visit(source.node, (), _shape_of(tuple(models)), None)
    return walker.problems, walker.replaced


class _Walker:
    def __init__(self, source: Source, default_language: str) -> None:
        self.source = source
        self.default_language = default_language
        self.problems: list[Problem] = []
        self.replaced: set[str] = set()
        text = source.text
        # What a file cannot hold is not looked for in each of its values: forbidden characters
        # need an escape (a backslash) or the character itself, a repeated node needs an alias.
        self.characters = "\\" in text or (_SUSPECT.search(text) is not None and FORBIDDEN.search(text) is not None)
        self.comments = " #" in text or "\t#" in text
        self.serbian = "sr-" in text or default_language.startswith("sr-")
        # Texts are gone into only for what they may hold: a forbidden character, a comment that
        # cuts them, Serbian in the other script. Amounts always.
        self.texts = self.characters or self.comments or self.serbian
        self.seen: set[int] | None = set() if "*" in text else None

    def add(self, node: yaml.Node, loc: tuple, key: str, severity: str = "error", **params: Any) -> None:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.problems.append(problem(self.source.path, line, column, field_path(loc), key, severity, **params))

    def visit(self, node: yaml.Node, loc: tuple, shape: _Shape, language: str | None) -> None:
        if self.seen is not None:
            if id(node) in self.seen:
                return
            self.seen.add(id(node))  # an alias repeats a node: one report is enough
        # Only values that have a role, or may hold a forbidden character, are gone into.
        everything, texts = self.characters, self.texts
        if node.__class__ is yaml.MappingNode:
            text = TEXT in shape.roles
            for key_node, value_node in node.value:
                if key_node.__class__ is not yaml.ScalarNode:
                    continue
                key = key_node.value
                child = shape.child(key)
                if text:
                    if everything or self.comments or key.startswith("sr-"):
                        self.visit(value_node, (*loc, key), child, key)
                elif everything or child.amounts or (texts and child.relevant):
                    self.visit(value_node, (*loc, key), child, None)
        elif node.__class__ is yaml.SequenceNode:
            child = shape.child(0)
            if everything or child.amounts or (texts and child.relevant):
                for index, item in enumerate(node.value):
                    self.visit(item, (*loc, index), child, None)
        elif node.__class__ is yaml.ScalarNode:
            self.scalar(node, loc, shape, language)

    def scalar(self, node: yaml.ScalarNode, loc: tuple, shape: _Shape, language: str | None) -> None:
        value = node.value
        if self.characters and FORBIDDEN.search(value):
            for char in dict.fromkeys(FORBIDDEN.findall(value)):
                self.add(node, loc, character_key(char), code=code_point(char))
        plain = not node.style
        if TEXT in shape.roles and language is None:
            language = self.default_language
        if plain and self.comments and (language is not None or WORDS in shape.roles):
            self.comment_cut(node, loc)
        if language is not None:
            self.script(node, loc, language)
        if AMOUNT in shape.roles and plain and node.tag == _YAML + "float" and THOUSANDS_DOT.match(value):
            digits = value.lstrip("+").replace("_", "")
            whole = digits.replace(".", "").lstrip("0")
            decimal = f"{Decimal(digits).normalize():f}"
            self.add(node, loc, "number_thousands_dot", value=value, whole=whole, decimal=decimal)
            self.replaced.add(field_path(loc))

    def comment_cut(self, node: yaml.ScalarNode, loc: tuple) -> None:
        found = _COMMENT.match(self.source.text, node.end_mark.index)
        if found is None or node.tag == _YAML + "null":
            return
        gap, cut = found.group(1), found.group(2).rstrip()
        # `Hall  # at most 120 characters`, set apart by two spaces and a spaced `#` (the starter
        # files' style), is a note to the writer; `Hall No. 2 #3 north` is the text going on.
        if len(gap.replace("\t", "  ")) >= 2 and cut[1:2] in (" ", ""):
            return
        self.add(node, loc, "text_comment_cut", "warning", cut=cut)

    def script(self, node: yaml.ScalarNode, loc: tuple, language: str) -> None:
        if language.startswith("sr-Latn") and _CYRILLIC.search(node.value):
            words = cyrillic_words(node.value)
            if words:
                self.add(node, loc, "script_cyrillic_in_latin", "warning", words=_quoted(words))
        elif language.startswith("sr-Cyrl") and _LATIN.search(node.value):
            words = latin_words(node.value)
            if words:
                self.add(node, loc, "script_latin_in_cyrillic", "warning", words=_quoted(words))


def _quoted(words: list[str]) -> str:
    shown = [f"'{w}'" for w in dict.fromkeys(words)]
    return ", ".join(shown[:3]) + (", ..." if len(shown) > 3 else "")


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+")
# Addresses, e-mails, code and Markdown link targets are written in Latin letters in every script.
_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|\S+://\S+|\S+@\S+|\bwww\.\S+|\S+\.(?:rs|me|al|org|com|eu|net)\b\S*")
# Letters of the Serbian Latin alphabet (gajica): no q, w, x or y.
_SERBIAN_LATIN = set("abcčćdđefghijklmnoprsštuvzž")
# Units and abbreviations written in Latin letters in Serbian Cyrillic text too.
_UNITS = {"km", "kg", "ha", "mm", "cm", "kw", "kwh", "mw", "mwh", "kv", "kva", "bb", "eur", "din", "rsd", "tel", "fax"}


def cyrillic_words(text: str) -> list[str]:
    """The words of a Serbian Latin text that hold Cyrillic letters (typed on the other keyboard)."""
    return [w for w in _WORD.findall(_NOT_PROSE.sub(" ", text)) if _CYRILLIC.search(w)]


def latin_words(text: str) -> list[str]:
    """The words of a Serbian Cyrillic text that look like Serbian words in Latin letters.

    Latin is at home in Cyrillic text for names, acronyms and codes (`HACCP`, `ISO 9001`, `Wi-Fi`,
    `kV`, addresses, registered company names such as `Nišava Code Works`), so a Latin word counts
    only when it is ordinary (all lower case, three letters or more, only letters of the Serbian
    Latin alphabet, not a unit) or mixes both scripts (`Нoви` with a Latin o); a text with no
    Cyrillic letter at all counts whole.
    """
    prose = _NOT_PROSE.sub(" ", text)
    words = _WORD.findall(prose)
    if not _CYRILLIC.search(prose):
        return [w for w in words if _LATIN.search(w) and not w.isupper()]
    found = []
    for word in words:
        if not _LATIN.search(word):
            continue
        ordinary = word.islower() and len(word) >= 3 and set(word) <= _SERBIAN_LATIN and word not in _UNITS
        if ordinary or _CYRILLIC.search(word):
            found.append(word)
    return found


# Numbers typed with separators, which YAML reads as text: what each most likely means.
_GROUPS = r"[1-9][0-9]{{0,2}}(?:{sep}[0-9]{{3}})+"
_SPACES = "[ \u00a0\u202f'\u2019]"


def number_readings(text: str) -> tuple[str, dict[str, str]] | None:
    """The message key and parameters for a number written with separators, or None.

    `"1.250.000"` and `"12 500"` mean one number each (`number_separators`); `"12,500"` means
    12500 or 12.5 (`number_ambiguous`); `"12500"` is a number in quotes (`number_quoted`).
    Anything else (`"big"`, `"12500 m2"`) gives None.
    """
    value = text.strip()
    spaced = re.fullmatch(_GROUPS.format(sep=_SPACES) + r"(?:[.,]([0-9]+))?", value)
    if spaced:
        number = re.sub(_SPACES, "", value).replace(",", ".")
        return "number_separators", {"value": value, "number": number}
    for group, decimal in ((".", ","), (",", ".")):
        grouped = re.fullmatch(_GROUPS.format(sep=re.escape(group)) + f"(?:{re.escape(decimal)}([0-9]+))?", value)
        if not grouped:
            continue
        number = value.replace(group, "").replace(decimal, ".")
        if value.count(group) == 1 and not grouped.group(1):
            decimal = f"{Decimal(value.replace(group, '.')).normalize():f}"
            return "number_ambiguous", {"value": value, "whole": number, "decimal": decimal, "sep": group}
        return "number_separators", {"value": value, "number": number}
    if re.fullmatch(r"[0-9]+,[0-9]+", value):
        return "number_separators", {"value": value, "number": value.replace(",", ".")}
    if re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", value):
        return "number_quoted", {"value": value}
    return None
