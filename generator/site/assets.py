"""Files the site serves that nobody writes in this repository: map libraries, pictures, share cards.

Leaflet and its clustering plugin come from pinned XStatic packages on PyPI,
so `pip install` brings them and nothing is fetched from a CDN at run time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import xstatic.pkg.leaflet as leaflet
import xstatic.pkg.leaflet_markercluster as markercluster

from generator.site.pictures import picture_files
from generator.site.share_cards import card_files
from generator.submission.catalogue import Catalogue

VENDOR = "assets/vendor"
LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
    "images/layers.png",
    "images/layers-2x.png",
)
CLUSTER_FILES = ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css")


def vendor_files(catalogue: Catalogue) -> Iterator[tuple[str, Path]]:
    """(site path, file on disk) for every library file, every listed item's published pictures
    (`pictures.py`) and share cards (`share_cards.py`)."""
    for name in LEAFLET_FILES:
        yield f"{VENDOR}/leaflet/{name}", Path(leaflet.BASE_DIR) / name
    for name in CLUSTER_FILES:
        yield f"{VENDOR}/markercluster/{name}", Path(markercluster.BASE_DIR) / name
    # Pictures are never copied as submitted: their published forms and the share cards are made
    # (or found in the cache) here, before any page that links them is rendered.
    yield from picture_files(catalogue)
    yield from card_files(catalogue)
