"""The one way Prilika turns data into JSON bytes: UTF-8, sorted keys, a final newline.

Sorted keys make two builds of the same input identical. Three layouts, by reader:
`"people"` (indent 1: exports other portals and people open), `"schema"` (indent 2: the JSON
Schemas, the layout editors and their users expect) and `"scripts"` (no spaces: files the page
scripts fetch, where every byte is sent to a phone).
"""

from __future__ import annotations

import json
from typing import Any, Literal

Layout = Literal["people", "schema", "scripts"]
_LAYOUTS: dict[str, dict[str, Any]] = {
    "people": {"indent": 1},
    "schema": {"indent": 2},
    "scripts": {"separators": (",", ":")},
}


def json_bytes(value: Any, layout: Layout = "people") -> bytes:
    """`value` as JSON in the given layout; raises TypeError for a value JSON cannot hold."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, **_LAYOUTS[layout]) + "\n").encode("utf-8")
