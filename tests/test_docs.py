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
