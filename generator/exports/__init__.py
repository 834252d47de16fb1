"""Serialisers from the catalogue to the files other programs read: JSON, CSV, GeoJSON, Atom, JSON Schema."""
