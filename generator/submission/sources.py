"""Reading submission files: bytes on disk -> plain data plus where every value stands.

PyYAML's loader forgets positions, keeps the last of duplicate keys, reads
`NO` as false and expands aliases without limit. Submissions come from many
hands, so we compose the node tree (keeping marks), build the data ourselves,
and turn every such case into a problem instead of a surprise.
"""

from __future__ import annotations

import bisect
import re
import stat
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.submission.problems import Problem, field_path, problem
from generator.submission.syntax import Explained, explain, swallowed_words

MAX_FILE_BYTES = 512 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 64

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """YAML 1.2 booleans only: `NO` (Norway), `yes` and `off` stay strings; `=` is text too."""


_YAML = "tag:yaml.org,2002:"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_YAML + "bool", _YAML + "value")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_IMPLICIT = {first: tuple(resolvers) for first, resolvers in _Loader.yaml_implicit_resolvers.items()}
assert None not in _IMPLICIT and not _Loader.yaml_path_resolvers


def _resolve(self: _Loader, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    """The tag of a node, as yaml's Resolver.resolve finds it, without its per-node overhead."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _YAML + "str"
    return _YAML + ("seq" if kind is yaml.SequenceNode else "map")


def _no_path_resolvers(self: _Loader, *args: object) -> None:
    return None


_Loader.resolve = _resolve  # type: ignore[method-assign]
_Loader.descend_resolver = _no_path_resolvers  # type: ignore[method-assign]
_Loader.ascend_resolver = _no_path_resolvers  # type: ignore[method-assign]


class SourceInt(int):
    """An int that remembers how it was written: `0402` is an HS code, not 258."""

    source: str


class SourceFloat(float):
    """A float that remembers how it was written: sector `10.30` is not `10.3`."""

    source: str


def _with_source(cls: type, value: Any, text: str) -> Any:
    obj = cls(value)
    obj.source = text
    return obj


@dataclass
class Source:
    """One YAML file read: its data, its node tree for positions, its repo path and its text as typed."""

    path: str
    data: Any
    node: yaml.Node | None
    text: str = ""

    def position(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        return locate(self.node, loc)


class _TooBig(Exception):
    def __init__(self, node: yaml.Node, reason: str) -> None:
        self.node = node
        self.reason = reason


# Constructs single scalars only (they read nothing but the node), so one serves every file; a
# loader per file would also leave a reference cycle per file for the collector.
_SCALARS = yaml.constructor.SafeConstructor()


class _Builder:
    """Node tree -> Python data, collecting duplicate keys and stopping alias bombs."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.count = 0
        self.problems: list[Problem] = []
        self._scalar = _SCALARS

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node, "too_many_values")
        if depth > MAX_DEPTH:
            raise _TooBig(node, "too_deep")
        if node.__class__ is yaml.ScalarNode:
            if node.tag == _STR:  # most values: plain text
                return node.value
            return self._build_scalar(node)
        if isinstance(node, yaml.CollectionNode) and node.tag not in (_YAML + "map", _YAML + "seq", "!"):
            line, col = _mark(node)  # !!set, !!omap, !!python/...: not plain data
            self.problems.append(problem(self.path, line, col, "", "yaml_tag", tag=_short_tag(node.tag)))
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    line, col = _mark(key_node)
                    self.problems.append(problem(self.path, line, col, "<<", "yaml_merge_key"))
                    continue
                key = self.build(key_node, depth + 1)
                if isinstance(key, (dict, list)):
                    line, col = _mark(key_node)
                    self.problems.append(problem(self.path, line, col, "", "yaml_complex_key"))
                    continue
                key = str(key) if not isinstance(key, str) else key
                if key in result:
                    line, col = _mark(key_node)
                    self.problems.append(problem(self.path, line, col, key, "yaml_duplicate_key", name=key))
                    continue
                result[key] = self.build(value_node, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, depth + 1) for child in node.value]
        return self._build_scalar(node)

    def _build_scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag in (_YAML + "int", _YAML + "float"):
            if ":" in node.value:
                return node.value  # YAML 1.1 base 60 (`1:20` is 80 there) is text in YAML 1.2
            number_cls, construct = (
                (SourceInt, self._scalar.construct_yaml_int)
                if tag == _YAML + "int"
                else (SourceFloat, self._scalar.construct_yaml_float)
            )
            try:
                return _with_source(number_cls, construct(node), node.value)
            except ValueError:
                return node.value  # `!!int abc`: the field's own check says what is wrong
        if tag == _YAML + "bool":
            lowered = node.value.lower()
            return lowered == "true" if lowered in ("true", "false") else node.value
        if tag == _YAML + "merge":
            return node.value  # `<<` as a value is text; as a key it was refused above
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:timestamp":
            try:
                value = self._scalar.construct_yaml_timestamp(node)
            except ValueError:
                return node.value
            return value if isinstance(value, date) else node.value
        if tag in ("tag:yaml.org,2002:str", "!") or not tag.startswith(_YAML):
            return node.value  # `!Important hall`: `syntax.swallowed_words` tells that the word is gone
        line, col = _mark(node)
        self.problems.append(problem(self.path, line, col, "", "yaml_tag", tag=_short_tag(tag)))
        return node.value


_STR = _YAML + "str"


def _short_tag(tag: str) -> str:
    """`!!python/object`, as the officer wrote it, rather than its long form."""
    return "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def locate(node: yaml.Node | None, loc: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column of the value at `loc`, or of the deepest mapping that holds it.

    A missing key points at the mapping that lacks it; a key that is there but
    wrong points at its value, which is where the officer has to type.
    """
    if node is None:
        return 1, 1
    current = node
    for step in loc:
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                    current = value_node
                    break
            else:
                return _mark(current)
        elif isinstance(current, yaml.SequenceNode) and isinstance(step, int):
            if 0 <= step < len(current.value):
                current = current.value[step]
            else:
                return _mark(current)
        else:
            return _mark(current)
    return _mark(current)


def locate_key(node: yaml.Node | None, loc: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column of the key itself (for unknown fields, the key is the typo)."""
    if node is None or not loc:
        return locate(node, loc)
    parent_loc, last = loc[:-1], loc[-1]
    parent = _node_at(node, parent_loc)
    if isinstance(parent, yaml.MappingNode):
        for key_node, _ in parent.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(last):
                return _mark(key_node)
    return locate(node, loc)


def _node_at(node: yaml.Node, loc: tuple[str | int, ...]) -> yaml.Node | None:
    current: yaml.Node | None = node
    for step in loc:
        if isinstance(current, yaml.MappingNode):
            current = next(
                (v for k, v in current.value if isinstance(k, yaml.ScalarNode) and k.value == str(step)),
                None,
            )
        elif isinstance(current, yaml.SequenceNode) and isinstance(step, int) and step < len(current.value):
            current = current.value[step]
        else:
            return None
    return current


def _offset_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


@lru_cache(maxsize=4096)
def _resolved_folder(folder: Path) -> Path:
    return folder.resolve()


def forget_resolved_folders() -> None:
    """Forget the folders resolved so far (a new validation run may see moved folders or new links)."""
    _resolved_folder.cache_clear()


def resolved(path: Path) -> Path:
    """`path.resolve()`, with the folders on the way resolved once per run (thousands of files share them)."""
    return path.resolve() if path.is_symlink() else _resolved_not_link(path)


def _resolved_not_link(path: Path) -> Path:
    if path.name in ("", ".", ".."):
        return path.resolve()
    return _resolved_folder(path.parent) / path.name


def repo_path(path: Path, root: Path) -> str:
    """The path as problem lines name it: relative to the repository, with slashes."""
    try:
        return (
            _resolved_not_link(path).relative_to(_resolved_folder(root)).as_posix()
            if not path.is_symlink()
            else (path.absolute().relative_to(root.absolute()).as_posix())
        )
    except ValueError:
        return path.as_posix()


def read_source(path: Path, root: Path, shown: str | None = None) -> tuple[Source | None, list[Problem]]:
    """Read one YAML file; on any failure, no data and the problems that say why.

    `shown` is the file's `repo_path`, when the caller has it already.
    """
    shown = shown if shown is not None else repo_path(path, root)

    def fail(key: str, line: int = 1, column: int = 1, **params: object) -> tuple[None, list[Problem]]:
        return None, [problem(shown, line, column, "", key, **params)]

    try:
        status = path.lstat()
    except OSError as exc:
        return fail("file_unreadable", reason=exc.strerror or str(exc))
    if stat.S_ISLNK(status.st_mode):
        return fail("file_symlink")
    try:
        _resolved_not_link(path).relative_to(_resolved_folder(root))
    except ValueError:
        return fail("file_outside_repository")
    try:
        size = status.st_size
        if size > MAX_FILE_BYTES:
            return fail("file_too_big", size_kib=-(-size // 1024), limit_kib=MAX_FILE_BYTES // 1024)
        raw = path.read_bytes()
    except OSError as exc:
        return fail("file_unreadable", reason=exc.strerror or str(exc))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _offset_position(raw, exc.start)
        return fail("file_not_utf8", line, column)
    if "\x00" in text:
        line, column = _offset_position(raw, raw.index(b"\x00"))
        return fail("file_not_utf8", line, column)
    return parse_text(text, shown)


def _tab_indents(text: str, line: int, column: int) -> bool:
    """Whether the parser stopped in the indentation of a line that a tab indents."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    current = lines[line - 1]
    indent = current[: len(current) - len(current.lstrip(" \t"))]
    return "\t" in indent and column <= len(indent) + 1


# YAML 1.1 also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (text pasted from word
# processors has them); editors and GitHub count only CR and LF, and problem lines must match them.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK = re.compile("\r\n|\r|\n")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _BREAK.finditer(text)]


def _line_column(starts: list[int], index: int) -> tuple[int, int]:
    line = bisect.bisect_right(starts, index)
    return line, index - starts[line - 1] + 1


def _renumber(root: yaml.Node, starts: list[int]) -> None:
    """Give every node the line and column an editor shows (only for files with those odd breaks)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        mark = node.start_mark
        line, column = _line_column(starts, mark.index)
        node.start_mark = yaml.Mark(mark.name, mark.index, line - 1, column - 1, None, None)
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


# Characters the YAML reader refuses in a file as typed (YAML 1.1 "printable"); the same
# characters written as escapes (`"\v"`) pass the reader and are found by `fidelity`.
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_NEL = re.compile("\x85")


def code_point(char: str) -> str:
    """`"\x0b"` -> `"U+000B"`, as Unicode names a character."""
    return f"U+{ord(char):04X}"


def character_key(char: str) -> str:
    """The message key for a character that text may not hold (see `fidelity.FORBIDDEN`)."""
    number = ord(char)
    if 0x202A <= number <= 0x202E or 0x2066 <= number <= 0x2069:
        return "text_bidi"
    if number < 0x20 or 0x7F <= number <= 0x9F:
        return "text_control"
    return "text_noncharacter"


def parse_text(text: str, shown: str) -> tuple[Source | None, list[Problem]]:
    """One file's text -> its `Source` (None if it is not a mapping of fields) and the problems found reading it.

    Characters that the YAML reader refuses are reported where they stand and read as U+FFFD, so
    the rest of the file is still checked; a syntax error is reported with the field it sits under.
    """
    breaks = _line_starts(text) if _ODD_BREAKS.search(text) else None
    # NEL (U+0085) is a C1 control character that YAML reads as a line break: the text would be
    # published with a space where it stands, so it is refused like the other control characters.
    unreadable = [m.start() for m in _UNREADABLE.finditer(text)] + [m.start() for m in _NEL.finditer(text)]
    raw = text
    if unreadable:
        text = _NEL.sub("\ufffd", _UNREADABLE.sub("\ufffd", text))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if mark and breaks:
            line, column = _line_column(breaks, mark.index)
        if _tab_indents(text, line, column):
            return None, [problem(shown, line, column, "", "yaml_tab")]
        if "nesting depth" in (exc.problem or ""):
            # libyaml (PyYAML 6.0.4 and later) stops at 1,000 levels before our own limit is reached.
            return None, [problem(shown, line, column, "", "yaml_too_deep")]
        if mark is None:
            return None, [problem(shown, 1, 1, "", "yaml_syntax", reason=(exc.problem or exc.context or "").strip())]
        return None, [_explained(shown, explain(text, exc, _Loader), breaks)]
    except yaml.YAMLError as exc:
        return None, [problem(shown, 1, 1, "", "yaml_syntax", reason=str(exc).strip())]
    except RecursionError:
        return None, [problem(shown, 1, 1, "", "yaml_too_deep")]
    if node is None:
        return None, [problem(shown, 1, 1, "", "file_empty")]
    if breaks:
        _renumber(node, breaks)
    builder = _Builder(shown)
    try:
        data = builder.build(node)
    except _TooBig as exc:
        line, column = _mark(exc.node)
        return None, [problem(shown, line, column, "", f"yaml_{exc.reason}", limit=MAX_NODES)]
    problems = builder.problems + [_explained(shown, found, breaks) for found in swallowed_words(text, _Loader)]
    starts = breaks or (_line_starts(text) if unreadable else [])
    for index in sorted(unreadable):
        line, column = _line_column(starts, index)
        loc = _loc_at(node, index)
        char = raw[index]
        problems.append(problem(shown, line, column, field_path(loc), character_key(char), code=code_point(char)))
    if not isinstance(data, dict):
        line, column = _mark(node)
        return None, [*problems, problem(shown, line, column, "", "file_not_mapping")]
    return Source(shown, data, node, text), problems


def _explained(shown: str, found: Explained, breaks: list[int] | None) -> Problem:
    line, column = _line_column(breaks, found.index) if breaks else (found.line, found.column)
    return problem(shown, line, column, found.field, found.key, **found.params)


def _loc_at(root: yaml.Node, index: int) -> tuple[str | int, ...]:
    """The path of the innermost value (or key) whose text holds character `index`; `()` if none does."""
    loc: tuple[str | int, ...] = ()
    current = root
    while True:
        children: list[tuple[str | int, yaml.Node]] = []
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                step = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
                children += [(step, key_node), (step, value_node)]
        elif isinstance(current, yaml.SequenceNode):
            children = list(enumerate(current.value))
        for step, child in children:
            if child.start_mark.index <= index < max(child.end_mark.index, child.start_mark.index + 1):
                loc, current = (*loc, step), child
                break
        else:
            return loc
