"""The validated catalogue: publishers and items by id, and which items are listed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.config import Settings
from generator.submission.models import ItemBase, Location, Publisher


@dataclass(frozen=True)
class PublisherRecord:
    id: str
    model: Publisher
    path: str


@dataclass(frozen=True)
class ItemRecord:
    id: str
    publisher_id: str
    model: ItemBase
    path: str
    data: dict = field(compare=False, repr=False)
    """The submitted fields as written (after validation), for the exports."""

    @property
    def kind(self) -> str:
        return self.model.kind  # type: ignore[attr-defined]


@dataclass(eq=False)
class Catalogue:
    """Compared and hashed by identity: one validated catalogue per build, cached against."""

    settings: Settings
    build_date: date
    publishers: dict[str, PublisherRecord] = field(default_factory=dict)
    items: dict[str, ItemRecord] = field(default_factory=dict)
    _listed: tuple | None = field(default=None, repr=False)
    derived: dict = field(default_factory=dict, repr=False)
    """What later stages work out once from this catalogue (cards, facts, listing rows): it lives
    and dies with the catalogue, which is made anew for every build."""

    def publisher_of(self, item: ItemRecord) -> PublisherRecord:
        return self.publishers[item.publisher_id]

    def location_of(self, item: ItemRecord) -> Location:
        """An SME without a location of its own is shown at its publisher's seat."""
        own = getattr(item.model, "location", None)
        return own if own is not None else self.publisher_of(item).model.location

    def country_of(self, item: ItemRecord) -> str:
        return self.publisher_of(item).model.country

    def contact_of(self, item: ItemRecord):
        return item.model.contact or self.publisher_of(item).model.contact

    def is_listed(self, item: ItemRecord) -> bool:
        model = item.model
        if model.status == "closed":
            return False
        return not (model.valid_until is not None and model.valid_until < self.build_date)

    def listed(self) -> list[ItemRecord]:
        """Listed items, newest first, then by id, so every page and export agrees on order."""
        key = (len(self.items), self.build_date)
        if self._listed is None or self._listed[0] != key:
            chosen = [item for item in self.items.values() if self.is_listed(item)]
            self._listed = (key, sorted(chosen, key=lambda i: (-i.model.published.toordinal(), i.id)))
        return list(self._listed[1])

    def listed_by_publisher(self, publisher_id: str) -> list[ItemRecord]:
        return [item for item in self.listed() if item.publisher_id == publisher_id]
