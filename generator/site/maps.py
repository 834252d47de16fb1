"""The clustered maps of the map page and the listing: folium's skeleton, our data.

folium writes the Leaflet calls for the map and its marker cluster; we give every
element a fixed name (so two builds are byte-identical) and keep none of its CDN
links: the theme serves Leaflet and MarkerCluster from the site itself.

No catalogue text ever reaches folium. branca renders each element's output a
second time as a Jinja template (`Element(rendered)` in `MacroElement.render`),
so a title such as `{{ 7*7 }}` given to folium would be evaluated on the machine
that builds the site. folium therefore gets only names we chose and no rows; the
rows (titles and links) go into the page as JSON escaped for `<script>`, and the
tiles come from the theme's settings object (`window.prilika`), and `maps.js`
adds both once Leaflet has loaded at the end of the page.
"""

from __future__ import annotations

import json
import re
from typing import Any

import folium
from folium.plugins import FastMarkerCluster
from markupsafe import Markup

# Marker and popup come from maps.js, built from DOM nodes: a title is never parsed as HTML.
MARKER_CALLBACK = "function (row) { return window.prilikaMarker(row); }"
CENTRE = (43.0, 20.9)
MAX_ZOOM = 18
_NAME = re.compile(r"[a-z][a-z0-9_]*")


def script_json(value: Any) -> str:
    """JSON that is safe inside `<script>`: no `</script>`, `<!--` or `]]>` can end it early.

    Shape: the text of `json.dumps(value)` with `<`, `>` and `&` written as JSON escapes,
    so a browser reads back exactly `value`.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# A marker row's fields, in order: `maps.js` prilikaMarkerRow() makes the same from a listing row.
MARKER_FIELDS = ("lat", "lon", "id", "title", "url", "kind", "kind_label", "place", "figure")


def marker_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """[lat, lon, id, title, url, kind, kind label, place, key figure] per item: the compact rows
    the page carries for its map, taken from the listing rows (`listing.listing_rows`). The popup
    shows the texts as text (maps.js builds it from text nodes), never as HTML."""
    return [[row[name] for name in MARKER_FIELDS] for row in rows]


def _skeleton(name: str) -> tuple[str, str, str, str]:
    """folium's div and script for an empty clustered map called `name`, and the JS names
    of the map and the cluster. Only `name` (checked to be a plain identifier) goes in."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"map name {name!r} must be a lowercase identifier")
    # The tiles come later (maps.js), but MarkerCluster needs the map's maxZoom when it is added.
    fmap = folium.Map(location=CENTRE, zoom_start=7, tiles=None, maxZoom=MAX_ZOOM, scrollWheelZoom=False)
    fmap._id = name
    cluster = FastMarkerCluster(
        [], callback=MARKER_CALLBACK, options={"showCoverageOnHover": False, "chunkedLoading": True}
    )
    cluster._id = name
    cluster.add_to(fmap)
    root = fmap.get_root()
    root.render()
    return root.html.render().strip(), root.script.render().strip(), fmap.get_name(), cluster.get_name()


def clustered_map(name: str, rows: list[list[Any]]) -> Markup:
    """The HTML of one clustered map: folium's skeleton plus a marker per row, fitted to the rows.

    `rows` are `marker_rows` output; their texts reach the page only as escaped JSON.
    """
    div, script, map_var, cluster_var = _skeleton(name)
    factory = (
        "(window.prilikaMapFactories = window.prilikaMapFactories || []).push(function () {\n"
        f"{script}\n"
        f"return window.prilikaMapData({json.dumps(name)}, {map_var}, {cluster_var}, {script_json(rows)});\n"
        "});"
    )
    return Markup(div) + Markup("\n<script>") + Markup(factory) + Markup("</script>")
