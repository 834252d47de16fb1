"""The first step of matchmaking: which other items an investor on this page should see.

Items that share a NACE division, or stand in the same region, are related;
an SME and the sites and projects in its sectors are related most of all,
because that pairing (a company looking for a place, a place looking for a
company) is what the catalogue exists for.

Scores: matchmaking 4, same division 2, same region 1. Candidates come from
inverted indexes, best score first, so the cost per item stays flat as the
catalogue grows instead of comparing every pair.
"""

from __future__ import annotations

from collections import defaultdict

from generator.site.memo import memoised
from generator.submission import reference
from generator.submission.catalogue import Catalogue, ItemRecord

LIMIT = 5


class RelatedIndex:
    """Candidates are the current items: listed, and not `realised` (a success story is not an
    offer to act on). Any item may ask, listed or not: an expired or closed item's page shows
    the current items most like it."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        current = [item for item in catalogue.listed() if item.model.status != "realised"]
        self.order = {item_id: n for n, item_id in enumerate(sorted(i.id for i in current))}
        self.by_division: dict[str, list[str]] = defaultdict(list)
        self.by_region: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_section: dict[tuple[bool, str], list[str]] = defaultdict(list)
        for item in sorted(current, key=lambda i: i.id):
            divisions, sections, region = _features(catalogue, item)
            for division in divisions:
                self.by_division[division].append(item.id)
            self.by_region[region].append(item.id)
            for section in sections:
                self.by_section[(item.kind == "sme", section)].append(item.id)

    def related(self, item: ItemRecord, limit: int = LIMIT) -> list[str]:
        """The ids of up to `limit` current items related to `item`, best first, then by id."""
        divisions, sections, region_key = _features(self.catalogue, item)
        is_sme = item.kind == "sme"
        match = {i for s in sections for i in self.by_section[(not is_sme, s)]}
        division = {i for d in divisions for i in self.by_division[d]}
        region = set(self.by_region[region_key])
        for pool in (match, division, region):
            pool.discard(item.id)
        chosen: list[str] = []
        # Highest score first; within a score, id order. Each level walks its smallest
        # required pool and stops once the list is full, so the cost per item does not
        # grow with the catalogue the way comparing every pair would.
        for needs, excludes in LEVELS:
            required = [(match, division, region)[n] for n in needs]
            excluded = [(match, division, region)[n] for n in excludes]
            walk = sorted(min(required, key=len), key=self.order.__getitem__)
            for other in walk:
                if all(other in pool for pool in required) and not any(other in pool for pool in excluded):
                    chosen.append(other)
                    if len(chosen) == limit:
                        return chosen
        return chosen


def _features(catalogue: Catalogue, item: ItemRecord) -> tuple[set[str], set[str], tuple[str, str]]:
    """An item's NACE divisions, NACE sections and region, as the scores compare them."""
    codes = item.model.sectors
    divisions = {d for code in codes if (d := reference.nace_division(code))}
    sections = {reference.nace_section(code) for code in codes}
    return divisions, sections, _region(catalogue, item)


# (pools an item must be in, pools it must not be in) per score 7..1;
# pools: 0 matchmaking (4 points), 1 same division (2), 2 same region (1).
LEVELS = (
    ((0, 1, 2), ()),
    ((0, 1), (2,)),
    ((0, 2), (1,)),
    ((0,), (1, 2)),
    ((1, 2), (0,)),
    ((1,), (0, 2)),
    ((2,), (0, 1)),
)


def _region(catalogue: Catalogue, item: ItemRecord) -> tuple[str, str]:
    publisher = catalogue.publisher_of(item).model
    region = publisher.region
    key = region if isinstance(region, str) else (sorted(region.values())[0] if region else item.publisher_id)
    return publisher.country, key


def _index(catalogue: Catalogue) -> RelatedIndex:
    return memoised(catalogue, "related index", lambda: RelatedIndex(catalogue))


def related_items(catalogue: Catalogue, item: ItemRecord, limit: int = LIMIT) -> list[ItemRecord]:
    """Up to `limit` current items related to `item` (any item of the catalogue, listed or not)."""
    return [catalogue.items[other] for other in _index(catalogue).related(item, limit)]
