"""The clustered maps of the map page and the listing, written by folium.

folium writes the Leaflet calls; we give every element a fixed name (so two
builds are byte-identical) and keep none of its CDN links: the theme serves
Leaflet and MarkerCluster from the site itself. The script folium writes is
wrapped in a function that `maps.js` runs once Leaflet has loaded at the end
of the page, so no page waits on the map library before it can be read.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from folium.plugins import FastMarkerCluster
from markupsafe import Markup

# Marker and popup come from maps.js, built from DOM nodes: a title is never parsed as HTML.
MARKER_CALLBACK = "function (row) { return window.prilikaMarker(row); }"
CENTRE = (43.0, 20.9)
MAX_ZOOM = 18


def marker_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """[lat, lon, id, title, url] per item: the compact rows folium inlines into the page."""
    return [[row["lat"], row["lon"], row["id"], row["title"], row["url"]] for row in rows]


def clustered_map(name: str, rows: list[list[Any]], tiles: str, attribution: str) -> Markup:
    """The HTML of one folium map with a clustered marker per row, fitted to the rows."""
    fmap = folium.Map(location=CENTRE, zoom_start=7, tiles=None, max_zoom=MAX_ZOOM, scrollWheelZoom=False)
    fmap._id = name
    layer = folium.TileLayer(tiles=tiles, attr=attribution, max_zoom=MAX_ZOOM, name="tiles")
    layer._id = name
    layer.add_to(fmap)
    cluster = FastMarkerCluster(
        rows, callback=MARKER_CALLBACK, options={"showCoverageOnHover": False, "chunkedLoading": True}
    )
    cluster._id = name
    cluster.add_to(fmap)
    root = fmap.get_root()
    root.render()
    div = root.html.render().strip()
    script = root.script.render().strip()
    factory = (
        "(window.prilikaMapFactories = window.prilikaMapFactories || []).push(function () {\n"
        f"{script}\n"
        f"return {{name: {json.dumps(name)}, map: {fmap.get_name()}, cluster: {cluster.get_name()}}};\n"
        "});"
    )
    return Markup(div) + Markup("\n<script>") + Markup(factory) + Markup("</script>")
