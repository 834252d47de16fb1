"""The first step of matchmaking: which other items an investor on this page should see.

Items that share a NACE division, or stand in the same region, are related;
an SME and the sites and projects in its sectors are related most of all,
because that pairing (a company looking for a place, a place looking for a
company) is what the catalogue exists for.
"""

from __future__ import annotations

from generator import reference
from generator.catalogue import Catalogue, ItemRecord

LIMIT = 5


def _divisions(item: ItemRecord) -> set[str]:
    return {d for code in item.model.sectors if (d := reference.nace_division(code))}


def _sections(item: ItemRecord) -> set[str]:
    return {reference.nace_section(code) for code in item.model.sectors}


def _region(catalogue: Catalogue, item: ItemRecord) -> tuple[str, str]:
    publisher = catalogue.publisher_of(item).model
    region = publisher.region
    key = region if isinstance(region, str) else (sorted(region.values())[0] if region else item.publisher_id)
    return publisher.country, key


def related_items(catalogue: Catalogue, item: ItemRecord, limit: int = LIMIT) -> list[ItemRecord]:
    divisions, sections, region = _divisions(item), _sections(item), _region(catalogue, item)
    scored = []
    for other in catalogue.listed():
        if other.id == item.id:
            continue
        shares_division = bool(divisions & _divisions(other))
        shares_section = bool(sections & _sections(other))
        same_region = _region(catalogue, other) == region
        matchmaking = (item.kind == "sme") != (other.kind == "sme") and shares_section
        if not (shares_division or same_region or matchmaking):
            continue
        score = 4 * matchmaking + 2 * shares_division + same_region
        scored.append((-score, other.id, other))
    return [other for _, _, other in sorted(scored, key=lambda s: (s[0], s[1]))[:limit]]
