"""Problems found in submissions, and the three ways of printing them.

A problem keeps a message key and its parameters rather than a finished
sentence, so that the same problem can be told to an officer in their own
language (`prilika validate --lang sr-Latn`) from the message catalogue.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Literal

from generator import messages

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    severity: Severity = dc_field(compare=False)
    field: str = dc_field(compare=False)
    key: str = dc_field(compare=False)
    params: tuple[tuple[str, object], ...] = dc_field(default=(), compare=False)

    def message(self, language: str = "en") -> str:
        return messages.problem_text(self.key, dict(self.params), language)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def problem(
    path: str,
    line: int,
    column: int,
    field_: str,
    key: str,
    severity: Severity = "error",
    **params: object,
) -> Problem:
    return Problem(path, line, column, severity, field_, key, tuple(sorted(params.items())))


def field_path(loc: Iterable[str | int]) -> str:
    """A location as the officer reads it: `("images", 0, "file")` -> `"images[0].file"`.

    Keys are joined with dots, list indexes (ints) are put in brackets; an empty `loc` gives `""`.
    """
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by file and line; duplicates (one cause reported twice) collapse."""
    seen: set[tuple] = set()
    unique = []
    for p in problems:
        ident = (p.path, p.line, p.column, p.severity, p.field, p.key, p.params)
        if ident not in seen:
            seen.add(ident)
            unique.append(p)
    return sorted(unique, key=lambda p: (p.path, p.line, p.column, p.field, p.key))


# Characters that would break or forge a text-format line: line breaks of every kind, other
# control characters (terminal escapes) and the bidirectional controls that reorder what follows.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_line(text: str, keep: str = "") -> str:
    """`text` with line breaks and other control characters shown as escapes (`\\n`, `\\u000b`, `\\u202e`).

    A file or key name is submitted text: escaped, it cannot start a second problem line or a
    CI workflow command (`::error::`) in the text format. Characters in `keep` are left as they
    are (the GitHub format encodes CR and LF its own way).
    """
    if not _UNSAFE.search(text):
        return text

    def shown(match: re.Match[str]) -> str:
        char = match.group()
        return char if char in keep else _ESCAPES.get(char, f"\\u{ord(char):04x}")

    return _UNSAFE.sub(shown, text)


def _text_line(p: Problem, language: str) -> str:
    where = f"{escape_line(p.field)}: " if p.field else ""
    line = f"{escape_line(p.path)}:{p.line}:{p.column}: {p.severity}: {where}{escape_line(p.message(language))}"
    return line


def _escape_data(text: str) -> str:
    return escape_line(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github_line(p: Problem, language: str) -> str:
    title = _escape_property(p.field or p.severity)
    message = _escape_data(f"{p.field}: {p.message(language)}" if p.field else p.message(language))
    return f"::{p.severity} file={_escape_property(p.path)},line={p.line},col={p.column},title={title}::{message}"


def format_problems(problems: list[Problem], fmt: str = "text", language: str = "en") -> str:
    """The problems as the text a terminal, GitHub Actions or a script reads."""
    if fmt == "json":
        return json.dumps(
            [
                {
                    "file": p.path,
                    "line": p.line,
                    "column": p.column,
                    "severity": p.severity,
                    "field": p.field,
                    "message": p.message(language),
                }
                for p in problems
            ],
            ensure_ascii=False,
            indent=2,
        )
    line = _github_line if fmt == "github" else _text_line
    return "\n".join(line(p, language) for p in problems)


def summary_line(problems: list[Problem], language: str = "en") -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return messages.label("summary_problems", language, errors=errors, warnings=warnings)
