"""Pydantic's `ValidationError` -> `Problem`s: a message key, the field's path and its line in the YAML.

Pydantic names errors by its own types (`int_parsing`, `extra_forbidden`) and locates them by
union branch as well as by key; an officer needs the field as written in the file, the line to
edit and a sentence from the message catalogue. Nothing here knows about other files.
"""

from __future__ import annotations

import difflib
import functools
import re
import typing
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.submission.fidelity import number_readings
from generator.submission.problems import Problem, field_path, problem
from generator.submission.sources import Source, locate, locate_key

# Pydantic error type -> message key. A type not listed keeps its own name as the key when the
# models raised it themselves (`text_`, `country_`, ... prefixes in `pydantic_problems`), else
# becomes "invalid" with pydantic's sentence as the reason.
SIMPLE_ERRORS = {
    "missing": "missing",
    "greater_than": "greater_than",
    "greater_than_equal": "at_least",
    "less_than_equal": "at_most",
    "less_than": "less_than",
    "float_parsing": "number",
    "float_type": "number",
    "finite_number": "number",
    "int_parsing": "integer",
    "int_type": "integer",
    "int_from_float": "integer",
    "bool_parsing": "boolean",
    "bool_type": "boolean",
    "date_parsing": "date",
    "date_type": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "string_type": "string",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
    "string_too_long": "too_long",
    "string_too_short": "empty",
    "string_pattern_mismatch": "pattern",
    "literal_error": "one_of",
    "too_short": "too_few",
    "extra_forbidden": "unknown_field",
}


def _clean_loc(data: Any, loc: tuple) -> tuple:
    """Drop pydantic's union tags (`amount`, `range`, `function-plain[...]`) that are not keys."""
    cleaned: list = []
    current = data
    for i, step in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict):
            if step in current or last:
                cleaned.append(step)
                current = current.get(step)
            continue
        if isinstance(current, list) and isinstance(step, int):
            cleaned.append(step)
            current = current[step] if 0 <= step < len(current) else None
            continue
        if current is None and not last:
            cleaned.append(step)
    return tuple(cleaned)


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation can hold (through Optional, list, Annotated, Union)."""
    found: list[Any] = []
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in typing.get_args(annotation) if origin is not None else ():
        found.extend(_unwrap(arg))
    return found


def known_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names valid at `loc` in `model`, sorted, for the "did you mean" hint on an unknown field.

    `loc` is a path of keys and list indexes (indexes are skipped); where a field can hold several
    models (a union) the names of all of them count. A path that leaves the models gives `[]`.
    """
    current: list[type[BaseModel]] = [model]
    for step in loc:
        if isinstance(step, int):
            continue
        following: list[type[BaseModel]] = []
        for cls in current:
            info = cls.model_fields.get(step)
            if info is not None:
                following.extend(_unwrap(info.annotation))
        current = following
    return sorted({name for cls in current for name in cls.model_fields})


def pydantic_problems(source: Source, model: type[BaseModel], error: ValidationError) -> list[Problem]:
    """One error-severity `Problem` per error in `error`, raised validating `source.data` as `model`.

    Each carries `source.path`, the 1-based line and column of the value (of the key, for an
    unknown field; of the mapping that lacks it, for a missing one), the field as `field_path`
    writes it and a message key with its parameters. Never raises.
    """
    problems = []
    for detail in error.errors(include_url=False):
        ctx = dict(detail.get("ctx") or {})
        kind = detail["type"]
        sub = ctx.pop("sub", None)
        loc = _clean_loc(source.data, (*detail["loc"], sub) if sub is not None else tuple(detail["loc"]))
        params: dict[str, Any] = {}
        if kind == "extra_forbidden":
            key = "unknown_field"
            name = str(loc[-1])
            close = difflib.get_close_matches(name, known_fields(model, loc[:-1]), n=1, cutoff=0.6)
            if close:
                key = "unknown_field_hint"
                params["hint"] = close[0]
            params["name"] = name
            line, column = locate_key(source.node, loc)
        else:
            key = SIMPLE_ERRORS.get(kind, kind)
            line, column = locate(source.node, loc)
            if kind == "missing":
                line, column = locate(source.node, loc[:-1])
            params.update({k: _plain(v) for k, v in ctx.items()})
            if kind == "literal_error":
                params["expected"] = ctx.get("expected", "")
                hint = closest_choice(detail.get("input"), re.findall(r"'([^']*)'", str(params["expected"])))
                if hint:
                    key = "one_of_hint"
                    params.update(hint=hint, value=str(detail.get("input")))
            if kind in _NUMBER_ERRORS and isinstance(detail.get("input"), str):
                readings = number_readings(detail["input"])
                if readings:
                    key, params = readings[0], dict(readings[1])
            if kind == "too_short":
                params["min"] = ctx.get("min_length", 1)
            if kind not in SIMPLE_ERRORS and not kind.startswith(
                (
                    "text_",
                    "country_",
                    "nace_",
                    "hs_",
                    "https_",
                    "email",
                    "year",
                    "range_",
                    "placeholder",
                    "event_",
                    "language_code",
                    "id_",
                )
            ):
                key = "invalid"
                params["reason"] = detail.get("msg", kind)
        if kind != "missing" and detail.get("input", ...) is None:
            key, params = "placeholder", {}  # a starter's `~` left in place, or an empty value
        problems.append(problem(source.path, line, column, field_path(loc), key, **params))
    return problems


_NUMBER_ERRORS = {"float_type", "float_parsing", "int_type", "int_parsing"}


def closest_choice(value: Any, choices: list[str]) -> str | None:
    """The choice an officer most likely meant by `value` (`Public`, `mixed use`, `reserverd`), or None.

    Case, spaces and hyphens are forgiven first (`Mixed-use` -> `mixed_use`), then the closest
    spelling as for unknown field names; a value that resembles no choice gives None.
    """
    if not isinstance(value, str) or not choices:
        return None
    folded = re.sub(r"[\s-]+", "_", value.strip().lower())
    if folded in choices:
        return folded
    close = difflib.get_close_matches(folded, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _plain(value: Any) -> Any:
    """A message parameter as the catalogue formats it: `5.0` reads "5", anything odd as its text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, float, str)) else str(value)


def validate_model(
    source: Source, model: type[BaseModel], context: dict[str, Any]
) -> tuple[BaseModel | None, list[Problem]]:
    """`source.data` validated as `model`: `(instance, [])`, or `(None, problems)` if it is not valid.

    `context` is pydantic's validation context (`languages`, `default`, `today`, as the models
    read it). A `ValidationError` becomes problems (`pydantic_problems`); other exceptions pass.
    """
    try:
        return model.model_validate(source.data, context=context), []
    except ValidationError as error:
        return None, pydantic_problems(source, model, error)


class Partial:
    """The fields of a file that are valid on their own, as attributes; a missing or wrong field reads None.

    What the checks across fields and files get when the whole model did not validate, so that a
    wrong value in one field does not hide the problems of the others.
    """

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return None


@functools.cache
def _adapter(model: type[BaseModel], name: str, element: bool = False) -> TypeAdapter:
    info = model.model_fields[name]
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    if element:
        annotation = _list_element(info.annotation)
    return TypeAdapter(annotation)


def _list_element(annotation: Any) -> Any:
    for candidate in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(candidate) is list:
            return typing.get_args(candidate)[0]
    return None


def partial_model(model: type[BaseModel], data: Any, context: dict[str, Any]) -> Partial:
    """`data` as far as each field of `model` validates on its own (nested models and lists likewise).

    A field that fails is None, an entry of a list that fails is None in its place (indexes stay
    those of the file), a field left out has its default. Never raises.
    """
    if not isinstance(data, dict):
        return Partial({})
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in data:
            values[name] = None if info.is_required() else info.get_default(call_default_factory=True)
            continue
        value = data[name]
        try:
            values[name] = _adapter(model, name).validate_python(value, context=context)
            continue
        except ValidationError:
            pass
        values[name] = None
        models = _unwrap(info.annotation)
        element = _list_element(info.annotation)
        if isinstance(value, dict) and len(models) == 1 and element is None:
            values[name] = partial_model(models[0], value, context)
        elif isinstance(value, list) and element is not None:
            values[name] = [_partial_entry(model, name, entry, context) for entry in value]
    return Partial(values)


def _partial_entry(model: type[BaseModel], name: str, entry: Any, context: dict[str, Any]) -> Any:
    try:
        return _adapter(model, name, element=True).validate_python(entry, context=context)
    except ValidationError:
        models = _unwrap(_list_element(model.model_fields[name].annotation))
        return partial_model(models[0], entry, context) if isinstance(entry, dict) and len(models) == 1 else None
