"""`api/catalogue.json`: the whole listed catalogue, with every submitted field, for other portals.

URLs are relative to the site root (the file may be mirrored anywhere); each picture keeps its
`file` as submitted and gains its `url`, percent-encoded.
"""

from __future__ import annotations

from typing import Any

from generator import urls
from generator.submission.catalogue import Catalogue


def catalogue_document(catalogue: Catalogue) -> dict[str, Any]:
    settings = catalogue.settings
    languages = list(settings.languages)
    items = []
    for item in catalogue.listed():
        entry = dict(item.data)
        entry["id"] = item.id
        entry["publisher"] = item.publisher_id
        entry["url"] = {lang: urls.item(lang, item.id) for lang in languages}
        if item.model.images:
            entry["images"] = [
                {**submitted, "url": urls.image_url(item.publisher_id, image.file)}
                for submitted, image in zip(entry["images"], item.model.images, strict=True)
            ]
        items.append(entry)
    publishers = []
    for pid, record in sorted(catalogue.publishers.items()):
        entry = record.model.model_dump(mode="json", exclude_none=True)
        entry["id"] = pid
        entry["url"] = {lang: urls.publisher(lang, pid) for lang in languages}
        publishers.append(entry)
    return {
        "languages": languages,
        "default_language": settings.default_language,
        "generated": catalogue.build_date.isoformat(),
        "pages": {
            lang: {
                "home": urls.home(lang),
                "listing": urls.listing(lang),
                "map": urls.map_page(lang),
                "feed": urls.feed(lang),
            }
            for lang in languages
        },
        "publishers": publishers,
        "items": items,
    }
