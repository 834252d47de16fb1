"""What the pages of one build work out once and share: cards, facts, listing rows, related items.

The memo is the build's own: it is kept in the `Catalogue` object (`Catalogue.derived`), which
validation makes anew for every build, so `prilika serve` never keeps an earlier catalogue, or
its pages' data, alive (module-level caches keyed by the catalogue did). Forked item-page
workers inherit the parent's memo as it was when they started.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from generator.submission.catalogue import Catalogue

T = TypeVar("T")


def memoised(catalogue: Catalogue, key: Hashable, make: Callable[[], T]) -> T:
    """`make()` the first time `key` is asked for in this catalogue's build, the same value after."""
    memo = catalogue.derived
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = make()
        return value
