"""`prilika build --shard K/N`: which part of the site the K-th of N builds writes.

N CI jobs (a matrix) each build one part; the N site folders laid over each other
(`cp -r shard-*/. site/`) are byte for byte one full build (SPEC.md, "New commands and options").
Every shard validates the whole catalogue and works out the same partition from it, so the shards
agree without talking to each other. Every file of the site belongs to exactly one shard; the
marker file (`sitedir.MARKER`) is the one file every shard writes, with the same bytes.

The units of work, and what a full build at 1,000 items × 5 languages spends on them (CPU time,
measured with `tests/benchmarks/shard_benchmark.py`):

- an item: its page in every language and its share cards (`<lang>/items/<id>/`): about 4 ms a
  page, two thirds of a build;
- a language: its listing, map, shortlist, publishers, proposal form, publisher and hand-written
  pages, feeds, and `api/listing-<lang>.json` and `api/facts-<lang>.json`: about 0.2 item pages per
  listed item, plus a little for the hand-written pages;
- the rest, shared by all languages: the exports under `api/` and `schema/`, pictures, the
  theme's assets, `404.html`, the sitemaps and the language chooser (`index.html`).

The languages and the rest are placed first, each on the least loaded shard (largest first); the
items then fill every shard up to the same estimated load, taken in the order of a hash of their
ids (so an item stays on its shard while others come and go, as long as the loads do not change
much).
What every shard spends whatever it owns (starting Python, validating, reading the hand-written
pages for the navigation) is the same for all and left out of the estimate.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from generator.errors import ConfigurationError

MAX_SHARDS = 256
"""More parts than any CI system runs at once for one pipeline."""

# Estimated costs, in item pages (one item in one language); see the module's docstring.
LANGUAGE_PER_LISTED_ITEM = 0.2
LANGUAGE_FIXED = 40.0
SHARED_PER_ITEM = 0.1
SHARED_FIXED = 150.0

_SHARD = re.compile(r"(\d+)/(\d+)")
_LANGUAGE_DATA = re.compile(r"api/(?:listing|facts)-([^/]+)\.json")


@dataclass(frozen=True)
class Shard:
    """The `index`-th (1-based) of `count` parts of a build."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """`K/N` (1 ≤ K ≤ N ≤ MAX_SHARDS) as a Shard; raises ConfigurationError (exit status 2) otherwise."""
    found = _SHARD.fullmatch(text.strip())
    if found:
        index, count = int(found.group(1)), int(found.group(2))
        if 1 <= index <= count <= MAX_SHARDS:
            return Shard(index, count)
    raise ConfigurationError(
        f"--shard {text}: give K/N, the part K of N parts (1 ≤ K ≤ N ≤ {MAX_SHARDS}), such as --shard 2/4"
    )


def _place(seed: str) -> float:
    """A stable number in [0, 1) for `seed`, the same on every machine and Python (unlike `hash`)."""
    return int.from_bytes(hashlib.sha256(seed.encode("utf-8")).digest()[:8], "big") / 2**64


class Partition:
    """Which shard builds what, for a catalogue of `item_ids` (every item with a page, listed or
    not), `listed` listed items, in `languages`."""

    def __init__(self, shard: Shard, languages: list[str], item_ids: list[str], listed: int) -> None:
        self.shard = shard
        self.languages = list(languages)
        count = shard.count
        loads = [0.0] * count
        # The shared part first: on a tie it goes to shard 1, then each language in configured order.
        units: list[tuple[str, float]] = [("", SHARED_FIXED + SHARED_PER_ITEM * len(item_ids))]
        units += [(language, LANGUAGE_FIXED + LANGUAGE_PER_LISTED_ITEM * listed) for language in self.languages]
        owners: dict[str, int] = {}
        for name, cost in sorted(units, key=lambda unit: -unit[1]):
            least = min(range(count), key=lambda k: (loads[k], k))
            owners[name] = least
            loads[least] += cost
        self.shared_owner = owners[""]
        self.language_owner = {language: owners[language] for language in self.languages}
        # Items fill each shard up to the same load: shard k takes the share of the hash range
        # that its room below the target is of all shards' room.
        target = (sum(loads) + len(self.languages) * len(item_ids)) / count
        room = [max(0.0, target - load) for load in loads]
        total_room = sum(room) or 1.0
        bounds, reached = [], 0.0
        for value in room:
            reached += value / total_room
            bounds.append(reached)
        # In the order of their hashes, so that the shares come out exact while an item keeps its
        # shard when others come and go (only items at the edges of the shares move).
        ordered = sorted(item_ids, key=lambda item_id: (_place(item_id), item_id))
        self.item_owner: dict[str, int] = {}
        for rank, item_id in enumerate(ordered):
            place = (rank + 0.5) / len(ordered)
            self.item_owner[item_id] = next((k for k, bound in enumerate(bounds) if place < bound), count - 1)

    @property
    def mine(self) -> int:
        return self.shard.index - 1

    def owns_shared(self) -> bool:
        """Whether this shard writes the files of no language: exports, assets, sitemaps, 404, chooser."""
        return self.shared_owner == self.mine

    def owns_language(self, language: str) -> bool:
        return self.language_owner.get(language, self.shared_owner) == self.mine

    def owns_item(self, item_id: str) -> bool:
        return self.item_owner.get(item_id) == self.mine

    def has_items(self) -> bool:
        return any(owner == self.mine for owner in self.item_owner.values())

    def owner_of(self, path: str) -> int:
        """The shard (0-based) that writes the site path `path` (`de/items/x/index.html`)."""
        parts = path.split("/")
        if parts[0] in self.language_owner and len(parts) > 1:
            if len(parts) > 3 and parts[1] == "items" and parts[2] in self.item_owner:
                return self.item_owner[parts[2]]
            return self.language_owner[parts[0]]
        data = _LANGUAGE_DATA.fullmatch(path)
        if data and data.group(1) in self.language_owner:
            return self.language_owner[data.group(1)]
        return self.shared_owner

    def owns(self, path: str) -> bool:
        return self.owner_of(path) == self.mine

    def summary(self) -> str:
        """What this shard builds, in one line for the build's output."""
        languages = [language for language in self.languages if self.owns_language(language)]
        items = sum(1 for owner in self.item_owner.values() if owner == self.mine)
        parts = [f"{items} of {len(self.item_owner)} item(s) in every language"]
        if languages:
            parts.append("the pages of " + ", ".join(languages))
        if self.owns_shared():
            parts.append("the shared files (exports, assets, sitemaps)")
        return "; ".join(parts)
