"""Docs that stay honest: every command and option of `prilika` is in the README."""

from __future__ import annotations

import argparse

from conftest import REPO
from generator.cli import _parser


def test_every_command_and_option_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, command in sub.choices.items():
        if f"prilika {name}" not in readme:
            missing.append(f"prilika {name}")
        for action in command._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help" and option not in readme:
                    missing.append(f"prilika {name} {option}")
    assert missing == []


def test_every_plugin_option_is_in_the_readme_with_its_description() -> None:
    """The options model's descriptions are the documentation: the README's table repeats them."""
    from generator.config import Options

    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    missing = []
    for name, option in Options.model_fields.items():
        row = next((line for line in lines if line.startswith(f"| `{name}` |")), None)
        if row is None or option.description not in row:
            missing.append(name)
    assert missing == []


def _model_fields(model, seen: set) -> set[str]:
    """Field names of `model` and of every model nested in its fields."""
    import typing

    from pydantic import BaseModel

    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                names |= _model_fields(annotation, seen)
            stack.extend(typing.get_args(annotation))
    return names


def test_every_submission_field_is_in_the_format_reference() -> None:
    from generator.submission.models import ITEM_MODELS, Publisher

    reference = (REPO / "content" / "en" / "format.md").read_text(encoding="utf-8")
    seen: set = set()
    fields = _model_fields(Publisher, seen)
    for model in ITEM_MODELS.values():
        fields |= _model_fields(model, seen)
    assert {"lat", "hs", "min", "electricity", "border_crossing"} <= fields  # nested models are walked
    assert sorted(name for name in fields if f"`{name}`" not in reference) == []
