"""What the pages of one build work out once and share: cards, facts, listing rows, related items.

The memo belongs to the build's catalogue and dies with it: it is held in a weak mapping
keyed by the `Catalogue` object, so `prilika serve`, which validates a new catalogue on
every rebuild, never keeps an earlier catalogue (or its pages' data) alive. Forked item-page
workers inherit the parent's memo as it was when they started.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from generator.submission.catalogue import Catalogue

T = TypeVar("T")
_MEMOS: WeakKeyDictionary[Catalogue, dict[Hashable, Any]] = WeakKeyDictionary()


def memoised(catalogue: Catalogue, key: Hashable, make: Callable[[], T]) -> T:
    """`make()` the first time `key` is asked for in this catalogue's build, the same value after."""
    memo = _MEMOS.get(catalogue)
    if memo is None:
        memo = _MEMOS[catalogue] = {}
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = make()
        return value
