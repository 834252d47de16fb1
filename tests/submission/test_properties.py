"""Properties of the validator: whatever a file holds, validation ends quickly with problems, never an exception.

Each example is written as one item file into a copy of the good catalogue,
and the whole catalogue is validated, as `prilika validate` would.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import REPO, TODAY, copy_good, validate_dir
from generator.submission.models import (
    ITEM_MODELS,
    Contact,
    Distances,
    Image,
    Location,
    Product,
    Publisher,
    Range,
    Utilities,
)
from generator.submission.problems import Problem, format_problems
from generator.submission.sources import parse_text

ITEM = "opportunities/testgrad/prop-item.yaml"
PUBLISHER = "opportunities/testgrad/publisher.yaml"
LANGUAGES = ("en", "de", "sr-Latn", "sr-Cyrl", "sq")

# A deeper search before a release: PRILIKA_PROPERTY_EXAMPLES=2000 pytest tests/submission/test_properties.py
EXAMPLES = int(os.environ.get("PRILIKA_PROPERTY_EXAMPLES", "60"))
QUICK = settings(
    max_examples=EXAMPLES,
    deadline=2000,  # milliseconds per example: a hang or a blow-up fails
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCHEMA_KEYS = sorted(
    {name for model in (*ITEM_MODELS.values(), Publisher) for name in model.model_fields}
    | {
        name
        for model in (Location, Contact, Image, Range, Product, Utilities, Distances)
        for name in model.model_fields
    }
    | set(LANGUAGES)
    | {"fr", "EN", "<<", ""}
)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_good(tmp_path_factory.mktemp("props") / "catalogue")


def check(folder: Path, written: bytes) -> list[Problem]:
    """Validate and check the shape of every problem; return the item file's problems."""
    result = validate_dir(folder)
    assert isinstance(result.problems, list)
    lines = len(written.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")) + 1
    for p in result.problems:
        assert isinstance(p, Problem)
        assert p.severity in ("error", "warning")
        assert p.line >= 1 and p.column >= 1
        if p.path == ITEM:
            assert p.line <= lines, (p, lines)  # lines as editors count them (LF, CR LF, CR)
        assert p.message("en")
    for fmt in ("text", "github", "json"):
        format_problems(result.problems, fmt)
    return [p for p in result.problems if p.path == ITEM]


def write(folder: Path, data: bytes) -> None:
    (folder / ITEM).write_bytes(data)


# Scalars as YAML can spell them, and strings that look like other types.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1700, 1, 1), max_value=date(2200, 1, 1)),
    st.text(max_size=40),
    st.sampled_from(
        ["site", "project", "sme", "C", "10.39", "0811", "RS", "XK", "yes", "NO", "12 000", "images/plot.png"]
    ),
)
keys = st.one_of(st.sampled_from(SCHEMA_KEYS), st.text(max_size=12))
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(keys, children, max_size=6),
    ),
    max_leaves=30,
)
items = st.fixed_dictionaries(
    {"kind": st.sampled_from(["site", "project", "sme", "plot"])},
    optional={name: structures for name in SCHEMA_KEYS if name != "kind"},
)


@QUICK
@given(text=st.text(max_size=400))
def test_any_text_as_an_item_file_gives_problems_not_exceptions(catalogue: Path, text: str) -> None:
    data = text.encode("utf-8")
    write(catalogue, data)
    check(catalogue, data)


@QUICK
@given(data=st.binary(max_size=400))
def test_any_bytes_as_an_item_file_give_problems_not_exceptions(catalogue: Path, data: bytes) -> None:
    write(catalogue, data)
    check(catalogue, data)


YAML_PIECES = st.sampled_from(
    [
        "kind: site\n",
        "title: {en: Plot}\n",
        "- a\n",
        "  nested: [1, 2\n",
        "&a [x, *a]\n",
        "<<: *a\n",
        "!!python/object:os.system x\n",
        "\t",
        "? [a]\n: b\n",
        "'unterminated\n",
        "area_m2: 1:20\n",
        "%YAML 1.1\n---\n",
        "---\n",
        "...\n",
        "# comment\n",
        "sectors: [10.39, 0811]\n",
        "published: 2025-02-30\n",
        "\ufeff",
        "\r\n",
    ]
)


@QUICK
@given(pieces=st.lists(YAML_PIECES, max_size=12))
def test_yaml_fragments_in_any_order_give_problems_not_exceptions(catalogue: Path, pieces: list[str]) -> None:
    data = "".join(pieces).encode("utf-8")
    write(catalogue, data)
    check(catalogue, data)


@settings(QUICK, max_examples=EXAMPLES + EXAMPLES // 3)
@given(item=items)
def test_random_structures_with_real_field_names_give_problems_not_exceptions(catalogue: Path, item: dict) -> None:
    data = yaml.safe_dump(item, allow_unicode=True, sort_keys=False).encode("utf-8")
    write(catalogue, data)
    problems = check(catalogue, data)
    result_items = validate_dir(catalogue).catalogue.items
    # Never silently dropped: a file without errors is in the catalogue.
    assert any(p.is_error for p in problems) or "prop-item" in result_items


GOOD_SITE = yaml.safe_load((REPO / "tests/fixtures/good/opportunities/testgrad/north-plot.yaml").read_text())


@settings(QUICK, max_examples=EXAMPLES + EXAMPLES // 3)
@given(
    drop=st.sets(st.sampled_from(sorted(GOOD_SITE))),
    changes=st.dictionaries(st.sampled_from(SCHEMA_KEYS), structures, max_size=3),
)
def test_a_good_site_with_random_changes_is_either_listed_or_has_an_error(
    catalogue: Path, drop: set[str], changes: dict
) -> None:
    item = {k: v for k, v in GOOD_SITE.items() if k not in drop} | changes
    data = yaml.safe_dump(item, allow_unicode=True, sort_keys=False).encode("utf-8")
    write(catalogue, data)
    problems = check(catalogue, data)
    result = validate_dir(catalogue)
    if not any(p.is_error for p in problems):
        assert "prop-item" in result.catalogue.items
        assert result.catalogue.items["prop-item"].model.published <= TODAY or any(
            p.key == "published_future" for p in problems
        )


@QUICK
@given(text=st.text(max_size=300))
def test_the_reader_alone_never_raises(text: str) -> None:
    source, problems = parse_text(text, "f.yaml")
    if source is None:
        assert problems, "a file that gives no data must say why"
    else:
        assert isinstance(source.data, dict)
        source.position(("title", "en"))
