"""`api/items.csv` as a spreadsheet program reads it (SPEC.md, "Fidelity of the outputs"): UTF-8
with a byte-order mark, no text cell that starts a formula, number cells as numbers."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path

import pytest

from conftest import REPO, copy_good, validate_dir
from generator.exports.tables import COLUMNS, NUMBER_COLUMNS, items_csv, spreadsheet_text
from generator.submission.models import Location
from hostile_catalogue import inject

# OWASP, "CSV Injection": the characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_a_text_that_would_start_a_formula_starts_with_an_apostrophe(start: str) -> None:
    assert spreadsheet_text(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize("text", ["", "Čačak", "a=b", "1+1", "'=quoted already", "e-mail: x@y.org"])
def test_other_text_is_unchanged(text: str) -> None:
    assert spreadsheet_text(text) == text


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture
def hostile_csv(tmp_path: Path) -> bytes:
    """items.csv of the small catalogue with hostile texts, one item placed west of Greenwich and
    south of the equator (negative numbers), and an SME whose e-mail address starts with `-`."""
    catalogue = inject(validate_dir(copy_good(tmp_path / "catalogue")).catalogue)
    plot = catalogue.items["north-plot"]
    moved = plot.model.model_copy(update={"location": Location(lat=-1.25, lon=-8.61)})
    catalogue.items["north-plot"] = dataclasses.replace(plot, model=moved)
    sme = catalogue.items["berry-coop"]
    contact = catalogue.contact_of(sme).model_copy(update={"email": "-cmd@example.org"})
    catalogue.items["berry-coop"] = dataclasses.replace(sme, model=sme.model.model_copy(update={"contact": contact}))
    return items_csv(catalogue)


def test_the_file_starts_with_a_utf8_byte_order_mark(hostile_csv: bytes) -> None:
    assert hostile_csv.startswith(b"\xef\xbb\xbf")
    assert hostile_csv.count(b"\xef\xbb\xbf") == 1
    assert hostile_csv[3:].decode("utf-8").split("\n", 1)[0] == ",".join(COLUMNS)
    # A spreadsheet that honours the mark reads the letters, not mojibake.
    assert "Čačak" in hostile_csv.decode("utf-8-sig")


def test_no_text_cell_starts_a_formula(hostile_csv: bytes) -> None:
    rows = _rows(hostile_csv)
    assert len(rows) == 3
    for row in rows:
        for column, value in row.items():
            if column not in NUMBER_COLUMNS:
                assert not value.startswith(FORMULA_STARTS), (row["id"], column, value)
    by_id = {row["id"]: row for row in rows}
    assert by_id["north-plot"]["title"].startswith("'=Greenfield plot in the northern zone")
    assert by_id["berry-coop"]["company"].startswith("'+=Testgrad Berry d.o.o.")
    assert by_id["berry-coop"]["contact_email"] == "'-cmd@example.org"


def test_number_cells_stay_numbers(hostile_csv: bytes) -> None:
    by_id = {row["id"]: row for row in _rows(hostile_csv)}
    plot = by_id["north-plot"]
    assert (plot["lat"], plot["lon"]) == ("-1.25", "-8.61")
    assert plot["area_m2"] == "100000" and plot["price_eur"] == "1234567.5"
    assert by_id["solar-park"]["investment_eur_min"] == "8000000"
    assert by_id["berry-coop"]["employees"] == "42" and by_id["berry-coop"]["founded"] == "2009"
    for row in by_id.values():
        for column in NUMBER_COLUMNS:
            value = row[column]
            assert value == "" or re.fullmatch(r"-?[0-9]+(\.[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}", value), (
                column,
                value,
            )


def test_items_csv_is_the_only_csv_writer() -> None:
    """Every CSV the site publishes goes through `items_csv`, which neutralises formulas."""
    writers = [
        path.relative_to(REPO).as_posix()
        for path in sorted((REPO / "generator").rglob("*.py"))
        if re.search(r"csv\.(writer|DictWriter)\(", path.read_text(encoding="utf-8"))
    ]
    assert writers == ["generator/exports/tables.py"]
