"""Search folding: what an investor types and what an item says meet in one alphabet.

`nis`, `Niš` and `Ниш` must find the same items, so both sides are folded the
same way: Serbian Cyrillic to Latin, lower case, accents dropped, `đ` to `dj`.
Items are folded here at build time; `theme/assets/prilika/listing.js` folds
the query with the same steps, reading `FOLD_TABLE` from `api/listing-<lang>.json`
(the listing's `config.fold`), so the table lives only here.
tests/browser/test_search_folding.py holds the two to each other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "dj", "е": "e", "ж": "z", "з": "z", "и": "i",
    "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "ћ": "c", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz", "ш": "s",
}  # fmt: skip
LATIN_SPECIAL = {"đ": "dj", "ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe"}
# Every character folded to other letters before accents are dropped; the listing script gets it as is.
FOLD_TABLE = {**CYRILLIC_TO_LATIN, **LATIN_SPECIAL}
_TABLE = str.maketrans(FOLD_TABLE)
_NOT_WORD = re.compile(r"[\W_]+")
_MARKS = re.compile(r"[\u0300-\u036f]+")


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower case, Latin script, no diacritics; words of letters and digits, single spaces.

    Words matter: a query word must begin a word of the item (`nis` finds Niš,
    not "business").
    """
    stripped = _MARKS.sub("", unicodedata.normalize("NFD", text.lower().translate(_TABLE)))
    return _NOT_WORD.sub(" ", stripped).strip()


def search_text(texts: Iterable[str | None]) -> str:
    """Every word worth searching, folded, each once, in first-seen order.

    A query word must begin a word of the item, so the words alone are enough, and
    an item's texts in five languages share most of them. The string starts with a
    space so that "begins a word" is one `indexOf(" " + word)`.
    """
    seen: dict[str, None] = {}
    for text in texts:
        if text:
            for word in fold(text).split():
                seen.setdefault(word, None)
    return " " + " ".join(seen)
