"""Catalogue -> bytes for other programs: JSON, GeoJSON, CSV, Atom, iCalendar, JSON-LD, JSON Schema, sitemaps.

`export_files` is the registry: every file of `api/` (the events' calendars `api/events.ics` and
`api/events/<id>.ics` too), `schema/` and the feeds (`<lang>/feed.xml`, `<lang>/feeds/...`), by site path.
The host registers them as files of the build, so content pages may link to them and those
links are checked. Nothing here imports MkDocs or renders HTML.
"""

from __future__ import annotations

from generator.exports.catalogue_json import catalogue_document
from generator.exports.feed import feed_files
from generator.exports.geo import items_geojson
from generator.exports.ical import calendar_files
from generator.exports.jsonfile import json_bytes
from generator.exports.schema import json_schemas
from generator.exports.tables import items_csv
from generator.submission.catalogue import Catalogue


def export_files(catalogue: Catalogue) -> dict[str, bytes]:
    """Site path -> bytes of every export, in a stable order."""
    files = {
        "api/catalogue.json": json_bytes(catalogue_document(catalogue)),
        "api/items.geojson": json_bytes(items_geojson(catalogue)),
        "api/items.csv": items_csv(catalogue),
    }
    for name, schema in json_schemas().items():
        files[f"schema/{name}"] = json_bytes(schema, "schema")
    files.update(feed_files(catalogue))
    files.update(calendar_files(catalogue))
    return files
