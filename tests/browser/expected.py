"""What the listing should show, computed in Python from `api/listing-<lang>.json`.

A facet matches an item when any of the facet's checked values does (OR inside
a facet); all facets, ranges and the search must match (AND between them).
An item without the measured quantity (an SME has no area, a site without a
sale price has no price) does not match a range filter.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

FACETS = [
    "kind",
    "when",
    "sector",
    "country",
    "publisher",
    "site_type",
    "seeking",
    "hs",
    "market",
    "cert",
    "member",
    "status",
]
RANGES = ["area_min", "area_max", "price_min", "price_max"]
QUERY_KEYS = FACETS + RANGES + ["q"]
# The JSON row field each facet reads.
FACET_FIELD = {"sector": "sectors", "market": "markets", "cert": "certs", "member": "member_of"}
# Values a facet hides while nothing of it is ticked: a realised item is a success story, shown
# when its status is asked for; a past event likewise waits for "past" to be ticked.
HIDDEN_BY_DEFAULT = {"status": {"realised"}, "when": {"past"}}

CYRILLIC = dict(
    zip(
        "абвгдђежзијклљмнњопрстћуфхцчџш",
        ["a", "b", "v", "g", "d", "dj", "e", "z", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p", "r", "s",
         "t", "c", "u", "f", "h", "c", "c", "dz", "s"],
        strict=True,
    )
)  # fmt: skip


def load_rows(site: Path, language: str = "en") -> list[dict]:
    data = json.loads((site / "api" / f"listing-{language}.json").read_text(encoding="utf-8"))
    return data["items"] if isinstance(data, dict) else data


def fold(text: str) -> str:
    """Lower case, Serbian Cyrillic as Latin, no diacritics (đ as dj): `Niš`, `Ниш` and `nis` are one."""
    text = "".join(CYRILLIC.get(ch, ch) for ch in text.lower())
    text = text.replace("đ", "dj")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _values(row: dict, facet: str) -> set[str]:
    value = row.get(FACET_FIELD.get(facet, facet))
    if value is None:
        return set()
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)}


def _price(row: dict) -> tuple[float, float] | None:
    """A site's sale price or a project's investment, as a (low, high) range."""
    for key in ("price", "investment"):
        value = row.get(key)
        if value is None:
            continue
        if isinstance(value, list):
            return float(value[0]), float(value[-1])
        return float(value), float(value)
    return None


def _in_range(span: tuple[float, float] | None, low: float | None, high: float | None, label: str) -> bool:
    if span is None:
        return False
    a, b = span
    if low is not None:
        assert a >= low or b < low, f"{label}: range {span} straddles {low}; choose another bound in the test"
        if a < low:
            return False
    if high is not None:
        assert b <= high or a > high, f"{label}: range {span} straddles {high}; choose another bound in the test"
        if b > high:
            return False
    return True


def matches(row: dict, state: dict[str, list[str] | str]) -> bool:
    for facet in FACETS:
        wanted = state.get(facet)
        if wanted and not (set(wanted) & _values(row, facet)):
            return False
        if not wanted and _values(row, facet) & HIDDEN_BY_DEFAULT.get(facet, set()):
            return False
    if state.get("area_min") or state.get("area_max"):
        area = row.get("area")
        span = None if area is None else (float(area), float(area))
        low = float(state["area_min"]) if state.get("area_min") else None
        high = float(state["area_max"]) if state.get("area_max") else None
        if not _in_range(span, low, high, row["id"]):
            return False
    if state.get("price_min") or state.get("price_max"):
        low = float(state["price_min"]) if state.get("price_min") else None
        high = float(state["price_max"]) if state.get("price_max") else None
        if not _in_range(_price(row), low, high, row["id"]):
            return False
    query = state.get("q")
    if query:
        haystack = fold(" ".join(str(row.get(k) or "") for k in ("search", "title", "summary", "id")))
        if not all(word in haystack for word in fold(str(query)).split()):
            return False
    return True


def expected_ids(rows: list[dict], state: dict) -> set[str]:
    return {row["id"] for row in rows if matches(row, state)}
