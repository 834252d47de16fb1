"""A catalogue whose texts and picture names hold what the outputs must survive.

Texts: every character XML 1.0 forbids that a YAML file can carry (C0 controls other than tab,
LF and CR; U+FFFE; U+FFFF), spreadsheet formula starts and markup. Validation refuses control
characters, so they are put into the validated catalogue afterwards (`inject`): the writers are
tested as the second line of defence, whatever the validator lets through. `build_hostile` builds
such a catalogue the way `prilika build` does, with validation reduced to its warnings.

Pictures: file names a browser would misread unless they are percent-encoded (`#`, `?`, `%20`,
spaces, non-ASCII letters, folders literally named `%2e%2e`), each a real PNG of its own size,
so that a test can tell which file a URL reaches.
"""

from __future__ import annotations

import dataclasses
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import build_catalogue, copy_good
from generator.submission.catalogue import Catalogue
from generator.submission.validation import Result, validate_catalogue

# Everything XML 1.0 forbids that can reach a str from YAML (a lone surrogate cannot: the YAML
# reader refuses it; the XML writer's own tests cover surrogates).
FORBIDDEN_IN_XML = "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)) + "\ufffe\uffff"


def hostile(text: str) -> str:
    """`text` with every forbidden character, a formula start and markup around it."""
    return f"={text}\v(phase 1) {FORBIDDEN_IN_XML} <b>&amp;</b> ]]> \x1b[31mČačak"


# (file under the publisher's folder, width, height): every name needs encoding in a URL.
PICTURES = (
    ("images/Hala #2.png", 61, 41),
    ("images/čačak.png", 62, 42),
    ("images/a?b.png", 63, 43),
    ("images/x%20y.png", 64, 44),
    ("images/50% off & more.png", 65, 45),
    ("images/%2e%2e/%2e%2e/other/images/hall.png", 66, 46),
)
# What a browser would load for the last picture if `%` were not encoded: another publisher's.
DECOY = ("other", "images/hall.png", 99, 49)


def png(width: int, height: int) -> bytes:
    """A grey PNG of the given size (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def prepare(folder: Path, site_url: str = "") -> Path:
    """The small good catalogue in `folder`, with `PICTURES` on north-plot, a decoy publisher's
    picture where an unencoded `%2e%2e` would lead, and a second content page (`guide`).
    Returns the mkdocs.yml path."""
    copy_good(folder)
    testgrad = folder / "opportunities" / "testgrad"
    for name, width, height in PICTURES:
        (testgrad / name).parent.mkdir(parents=True, exist_ok=True)
        (testgrad / name).write_bytes(png(width, height))
    publisher, name, width, height = DECOY
    (folder / "opportunities" / publisher / name).parent.mkdir(parents=True)
    (folder / "opportunities" / publisher / name).write_bytes(png(width, height))
    plot = testgrad / "north-plot.yaml"
    listed = "".join(f'  - file: "{name}"\n' for name, _, _ in PICTURES)
    text = plot.read_text(encoding="utf-8")
    plot.write_text(text.replace("images:\n", "images:\n" + listed, 1), encoding="utf-8")
    # A hand-written page beside the home page (the other languages borrow its English text).
    (folder / "content" / "en" / "guide.md").write_text("# Guide\n\nHow to read the catalogue.\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    if site_url:
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("site_name: Test catalogue", f"site_name: Test catalogue\nsite_url: {site_url}"))
    return config


def _hostile_value(value):
    if isinstance(value, str):
        return hostile(value)
    if isinstance(value, dict):
        return {language: hostile(text) for language, text in value.items()}
    return value


def inject(catalogue: Catalogue) -> Catalogue:
    """Make every item's title, summary and description, every SME's company and every
    publisher's name hostile, in the models and in the submitted data the exports copy."""
    for item_id, record in list(catalogue.items.items()):
        model = record.model
        update = {name: _hostile_value(getattr(model, name)) for name in ("title", "summary", "description")}
        if getattr(model, "company", None):
            update["company"] = "+" + hostile(model.company)
        data = {**record.data, **{k: v for k, v in update.items() if v is not None}}
        catalogue.items[item_id] = dataclasses.replace(record, model=model.model_copy(update=update), data=data)
    for publisher_id, record in list(catalogue.publishers.items()):
        model = record.model.model_copy(update={"name": _hostile_value(record.model.name)})
        catalogue.publishers[publisher_id] = dataclasses.replace(record, model=model)
    return catalogue


def hostile_result(settings, today=None) -> Result:
    """Validation as usual, then `inject`, keeping only the warnings (a build that only warns)."""
    result = validate_catalogue(settings, today) if today else validate_catalogue(settings)
    return Result(inject(result.catalogue), [p for p in result.problems if not p.is_error])


@contextmanager
def hostile_validation() -> Iterator[None]:
    """Builds inside this block validate with `hostile_result`."""
    import generator.host.build as build_module
    import generator.host.plugin as plugin_module

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "validate_catalogue", hostile_result)
        patch.setattr(plugin_module, "validate_catalogue", hostile_result)
        yield


def build_hostile(folder: Path, site_url: str = "") -> Path:
    """Build the hostile catalogue in `folder` (with `site_url` if given); returns the site folder."""
    config = prepare(folder, site_url)
    with hostile_validation():
        assert build_catalogue(config, folder / "site") == 0
    return folder / "site"
