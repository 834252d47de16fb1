"""`api/items.geojson`: every listed item as a Point, for GIS tools and other maps."""

from __future__ import annotations

from typing import Any

from generator import urls
from generator.languages import localise
from generator.submission.catalogue import Catalogue


def _event_properties(item) -> dict[str, Any]:
    """An event's `starts` and `ends` as written, so that a map of events can show when."""
    model = item.model
    if getattr(model, "starts", None) is None:
        return {}
    times = {"starts": model.starts.isoformat()}
    if model.ends is not None:
        times["ends"] = model.ends.isoformat()
    return times


def items_geojson(catalogue: Catalogue) -> dict[str, Any]:
    default = catalogue.settings.default_language
    features = []
    for item in catalogue.listed():
        location = catalogue.location_of(item)
        title = localise(item.model.title, default, default)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
                "properties": {
                    "id": item.id,
                    "kind": item.kind,
                    "title": title.text if title else item.id,
                    "url": urls.item(default, item.id),
                    "urls": {lang: urls.item(lang, item.id) for lang in catalogue.settings.languages},
                    **_event_properties(item),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
