"""Starter files for `prilika new`: commented YAML whose ~ placeholders the validator names."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from generator.errors import ConfigurationError
from generator.submission.models import is_slug

KINDS = ("site", "project", "sme", "event", "publisher")


def _template(name: str) -> str:
    return (resources.files("generator.contributors") / "scaffolds" / name).read_text(encoding="utf-8")


def starter_text(kind: str) -> str:
    if kind not in KINDS:
        raise ConfigurationError(f"prilika new: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    text = _template(f"{kind}.yaml")
    return text.replace("{common}", _template("common.txt").rstrip("\n"))


def starter_path(opportunities: Path, kind: str, publisher: str, item: str | None) -> Path:
    if not is_slug(publisher):
        raise ConfigurationError(
            f"prilika new: {publisher!r} is not a valid publisher id (lowercase letters, digits, hyphens)"
        )
    if kind == "publisher":
        return opportunities / publisher / "publisher.yaml"
    if not item or not is_slug(item):
        raise ConfigurationError(f"prilika new: {item!r} is not a valid item id (lowercase letters, digits, hyphens)")
    return opportunities / publisher / f"{item}.yaml"


def write_starter(opportunities: Path, kind: str, publisher: str, item: str | None = None) -> Path:
    """Write a starter file; never overwrite an officer's work."""
    path = starter_path(opportunities, kind, publisher, item)
    text = starter_text(kind)
    if path.exists():
        raise ConfigurationError(f"{path}: already exists; choose another id or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
