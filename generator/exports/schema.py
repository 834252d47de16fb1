"""JSON Schemas of the two file types, for editors (yaml-language-server) and other portals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from generator.exports.jsonfile import json_bytes
from generator.submission.models import Item, Publisher

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema. Item files are one schema: a union chosen by `kind`."""
    publisher = Publisher.model_json_schema()
    item = TypeAdapter(Item).json_schema()
    item["title"] = "Prilika item (site, project, sme or event)"
    publisher["title"] = "Prilika publisher"
    return {
        "publisher.json": {"$schema": SCHEMA_DIALECT, **publisher},
        "item.json": {"$schema": SCHEMA_DIALECT, **item},
    }


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = folder / name
        path.write_bytes(json_bytes(schema, "schema"))
        written.append(path)
    return written
