"""YAML that does not parse, or parses into less than was typed, told as the field and the fix.

The parser says "mapping values are not allowed in this context" where an officer wrote
`title: Brownfield: former textile factory`; what they need is the field (`title`) and the fix
(quotes), in their own language. The parser's events up to the failure give the keys the error
sits under; the kind of failure gives the fix. A text that starts with `&` or `!` parses without
complaint but loses its first word (YAML takes it for an anchor or a tag), so that is told too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.submission.problems import field_path

# Characters that YAML reads as syntax at the start of a value, where officers write them as text:
# `*bold*`, `&Co`, `!Important`, `%` and `@` are reserved, a backtick cannot start a value.
INDICATORS = "*&!%@`|>?-[{"


@dataclass
class _Frame:
    mapping: bool
    start: yaml.Mark
    key: str | None = None
    index: int = -1
    awaiting_value: bool = False


@dataclass
class _Walk:
    """The parser's position when it stopped: open collections and the last complete value."""

    frames: list[_Frame] = field(default_factory=list)
    last_value: yaml.Mark | None = None
    last_value_kind: str = ""  # "plain", "quoted", "alias" or "collection"
    last_value_end_line: int = -1
    properties: list[tuple[tuple[str | int, ...], yaml.Mark, str]] = field(default_factory=list)

    def path(self, error_line: int, current: bool = False) -> tuple[str | int, ...]:
        """The keys (and list indexes) the error at `error_line` (0-based) sits under.

        The innermost key counts while its value is awaited or ends on that line (or always, with
        `current`, for the node being read now).
        """
        steps: list[str | int] = []
        for depth, frame in enumerate(self.frames):
            top = depth == len(self.frames) - 1
            on_line = current or self.last_value_end_line == error_line
            if frame.mapping:
                if frame.key is not None and (not top or frame.awaiting_value or on_line):
                    steps.append(frame.key)
            elif frame.index >= 0 and (not top or on_line):
                steps.append(frame.index)
        return tuple(steps)


def _walk(text: str, loader: type, stop: int | None = None) -> _Walk:
    """Replay the parser's events until it fails (or until index `stop`), keeping where it was."""
    walk = _Walk()
    try:
        for event in yaml.parse(text, Loader=loader):
            if stop is not None and event.start_mark.index >= stop:
                break
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = walk.frames.pop()
                _value_done(walk, frame.start, "collection", event.end_mark.line)
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            top = walk.frames[-1] if walk.frames else None
            is_key = top is not None and top.mapping and not top.awaiting_value
            if is_key:
                assert top is not None
                top.key = event.value if isinstance(event, yaml.ScalarEvent) else None
                top.awaiting_value = True
            elif top is not None and not top.mapping:
                top.index += 1
            if isinstance(event, yaml.CollectionStartEvent):
                walk.frames.append(_Frame(isinstance(event, yaml.MappingStartEvent), event.start_mark))
                continue
            if isinstance(event, yaml.ScalarEvent) and not is_key and (event.anchor or _local_tag(event.tag)):
                char = "&" if event.anchor else "!"
                walk.properties.append((walk.path(event.start_mark.line, current=True), event.start_mark, char))
            if is_key:
                continue
            kind = "alias" if isinstance(event, yaml.AliasEvent) else ("quoted" if event.style else "plain")
            _value_done(walk, event.start_mark, kind, event.end_mark.line)
    except yaml.YAMLError:
        pass
    return walk


def _local_tag(tag: str | None) -> bool:
    """`!Important` (a tag the file makes up), not `!!str` or YAML's own long form."""
    return bool(tag) and tag.startswith("!") and not tag.startswith("!!")  # type: ignore[union-attr]


def _value_done(walk: _Walk, start: yaml.Mark, kind: str, end_line: int) -> None:
    top = walk.frames[-1] if walk.frames else None
    if top is not None and top.mapping:
        top.awaiting_value = False
    walk.last_value, walk.last_value_kind, walk.last_value_end_line = start, kind, end_line


def _token_start(text: str, mark: yaml.Mark) -> int:
    """The column (0-based) where the word holding `mark` starts on its line."""
    line = text[mark.index - mark.column :].split("\n", 1)[0]
    column = min(mark.column, len(line) - 1)
    if column > 0 and line[column].isspace():
        column -= 1
    while column > 0 and not line[column - 1].isspace():
        column -= 1
    return max(column, 0)


@dataclass(frozen=True)
class Explained:
    """A syntax error as a problem: where (character index, 1-based line and column), field path, message key."""

    index: int
    line: int
    column: int
    field: str
    key: str
    params: dict[str, Any]


def explain(text: str, error: yaml.MarkedYAMLError, loader: type) -> Explained:
    """Where `error` (raised parsing `text` with `loader`) is, under which keys, and which message tells the fix.

    Lines and columns are 1-based and count lines as the parser does; the caller maps them for files
    with unusual line breaks. The message key is one of the `yaml_*` keys of the message catalogue.
    """
    mark = error.problem_mark or error.context_mark
    assert mark is not None
    problem_text = (error.problem or "").lower()
    context = (error.context or "").lower()
    undefined_alias = "undefined alias" in problem_text
    walk = _walk(text, loader, stop=mark.index if undefined_alias else None)
    line0 = mark.line
    value = walk.last_value
    value_here = value is not None and walk.last_value_end_line == line0 and value.line == line0

    def result(key: str, where: yaml.Mark = mark, **params: Any) -> Explained:
        field_ = field_path(walk.path(where.line))
        return Explained(where.index, where.line + 1, where.column + 1, field_, key, params)

    if "mapping values are not allowed" in problem_text:
        if value is not None and value.line != line0 and walk.last_value_end_line == line0:
            # `field: value` on a line that continues the text above: the indentation is wrong.
            return result("yaml_structure")
        return result("yaml_colon", value if value is not None and value_here else mark)
    if "expected ':'" in problem_text and error.context_mark is not None:
        return result("yaml_structure", error.context_mark)  # a line without `: `, where its key starts
    if "quoted scalar" in context:
        if "escape" in problem_text:
            return result("yaml_escape")
        return result("yaml_unclosed_quote", error.context_mark or mark)
    if "flow sequence" in context or "flow mapping" in context:
        opened = error.context_mark or mark
        # The field is the one the bracket belongs to, not an entry inside it.
        depth = next((d for d, f in enumerate(walk.frames) if f.start.index == opened.index), len(walk.frames))
        del walk.frames[depth:]
        return result("yaml_unclosed_bracket", bracket="[" if "sequence" in context else "{", opened=opened.line + 1)
    scanning_value = undefined_alias or any(
        word in context for word in ("an alias", "an anchor", "a tag", "a block scalar", "for the next token")
    )
    if scanning_value or "entries are not allowed" in problem_text or "keys are not allowed" in problem_text:
        column = mark.column if undefined_alias else _token_start(text, mark)
        line_start = mark.index - mark.column
        char = text[line_start + column : line_start + column + 1]
        if char and char in INDICATORS:
            start = yaml.Mark(mark.name, line_start + column, line0, column, None, None)
            return result("yaml_indicator", start, char=char)
    if ("expected key" in problem_text or "block end" in problem_text) and value is not None and value_here:
        if walk.last_value_kind == "quoted":
            return result("yaml_after_quote", value)
        char = text[value.index : value.index + 1]
        if walk.last_value_kind in ("alias", "collection") and char in INDICATORS:
            return result("yaml_indicator", value, char=char)
    if any(
        words in problem_text
        for words in ("expected key", "block end", "expected ':'", "'-' indicator", "expected node content")
    ):
        return result("yaml_structure")
    return result("yaml_syntax", reason=(error.problem or error.context or "").strip())


# A value that starts with `&name` or `!name` followed by more text; only such files are parsed again.
_PROPERTY = re.compile(r"[&!](?<![^\s:\-?,\[{][&!])[^\s!]")


def swallowed_words(text: str, loader: type) -> list[Explained]:
    """Each text that YAML read as an anchor (`&Co hall` -> `hall`) or a tag (`!Important hall`).

    Both are valid YAML, so nothing else would say that the first word is gone; each is told
    with the `yaml_indicator` message, at the start of the value.
    """
    if not _PROPERTY.search(text):
        return []
    return [
        Explained(mark.index, mark.line + 1, mark.column + 1, field_path(loc), "yaml_indicator", {"char": char})
        for loc, mark, char in _walk(text, loader).properties
    ]
