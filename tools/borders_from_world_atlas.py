"""Cut the countries the catalogue checks locations against out of world-atlas' TopoJSON.

Usage (from the repository root):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/borders_from_world_atlas.py package/countries-10m.json

writes `generator/submission/data/borders.topo.json`: a TopoJSON topology with one
MultiPolygon per country, `id` its ISO 3166-1 alpha-2 code (XK for Kosovo), and only the arcs
those geometries use, still quantised and delta-encoded as world-atlas ships them.

Two kinds of country are kept. The `CHECKED` ones, whose publishers' locations are checked,
keep every vertex. Their `NEIGHBOURS` are there so that a point in Slovakia is known to be in
Slovakia rather than "nowhere": their arcs that no checked country uses (their far borders and
coasts) are simplified (Douglas-Peucker, `SIMPLIFY_DEGREES`) and their parts far from the
region (French Guiana, Greenland's neighbours ...) dropped. A border a checked country shares
is one arc in TopoJSON, so it stays exact on both sides. See
`generator/submission/data/README.md` for the source and licence.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "generator" / "submission" / "data" / "borders.topo.json"

# Natural Earth's admin-0 names as world-atlas spells them. Kosovo has no ISO numeric code
# there, so names, not ids, pick the countries.
CHECKED = {
    "Albania": "AL",
    "Austria": "AT",
    "Bosnia and Herz.": "BA",
    "Bulgaria": "BG",
    "Croatia": "HR",
    "Germany": "DE",
    "Greece": "GR",
    "Hungary": "HU",
    "Italy": "IT",
    "Kosovo": "XK",
    "Macedonia": "MK",
    "Montenegro": "ME",
    "Romania": "RO",
    "Serbia": "RS",
    "Slovenia": "SI",
    "Switzerland": "CH",
}
# Every country with a land border with a checked one, and Malta off Sicily.
NEIGHBOURS = {
    "Belgium": "BE",
    "Czechia": "CZ",
    "Denmark": "DK",
    "France": "FR",
    "Liechtenstein": "LI",
    "Luxembourg": "LU",
    "Malta": "MT",
    "Moldova": "MD",
    "Monaco": "MC",
    "Netherlands": "NL",
    "Poland": "PL",
    "San Marino": "SM",
    "Slovakia": "SK",
    "Turkey": "TR",
    "Ukraine": "UA",
    "Vatican": "VA",
}
# Parts of a neighbour outside this box (lon, lat degrees) are left out.
REGION = (-10.0, 30.0, 45.0, 60.0)
SIMPLIFY_DEGREES = 0.01


def absolute(arc: list[list[int]]) -> list[tuple[int, int]]:
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((x, y))
    return points


def delta(points: list[tuple[int, int]]) -> list[list[int]]:
    out, px, py = [], 0, 0
    for x, y in points:
        out.append([x - px, y - py])
        px, py = x, y
    return out


def simplify(points: list[tuple[int, int]], scale: tuple[float, float], tolerance: float) -> list[tuple[int, int]]:
    """Douglas-Peucker on quantised points, distances in degrees; the ends are kept."""
    sx, sy = scale
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first][0] * sx, points[first][1] * sy
        bx, by = points[last][0] * sx, points[last][1] * sy
        length = math.hypot(bx - ax, by - ay)
        worst, worst_at = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i][0] * sx, points[i][1] * sy
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > worst:
                worst, worst_at = distance, i
        if worst_at is not None and worst > tolerance:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def subset(topology: dict) -> dict:
    """The topology cut down to `CHECKED` and `NEIGHBOURS`, arcs renumbered in order of use."""
    transform = topology["transform"]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    chosen = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        if name in CHECKED or name in NEIGHBOURS:
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            chosen.append((name, polygons))

    def index(i: int) -> int:
        return i if i >= 0 else ~i

    exact = {index(i) for name, polygons in chosen if name in CHECKED for p in polygons for r in p for i in r}

    def near_region(polygon: list[list[int]]) -> bool:
        points = [p for i in polygon[0] for p in absolute(topology["arcs"][index(i)])]
        lons = [x * sx + tx for x, _ in points]
        lats = [y * sy + ty for _, y in points]
        west, south, east, north = REGION
        return min(lons) <= east and max(lons) >= west and min(lats) <= north and max(lats) >= south

    renumber: dict[int, int] = {}
    arcs: list = []

    def keep(i: int) -> int:
        # TopoJSON writes a reversed arc i as ~i (-i - 1).
        original = index(i)
        if original not in renumber:
            renumber[original] = len(arcs)
            points = absolute(topology["arcs"][original])
            if original not in exact:
                points = simplify(points, (sx, sy), SIMPLIFY_DEGREES)
            arcs.append(delta(points))
        new = renumber[original]
        return new if i >= 0 else ~new

    geometries = []
    for name, polygons in chosen:
        checked = name in CHECKED
        if not checked:
            polygons = [p for p in polygons if near_region(p)]
        geometries.append(
            {
                "type": "MultiPolygon",
                "id": CHECKED.get(name) or NEIGHBOURS[name],
                "properties": {"name": name, "checked": checked},
                "arcs": [[[keep(i) for i in ring] for ring in polygon] for polygon in polygons],
            }
        )
    missing = (set(CHECKED.values()) | set(NEIGHBOURS.values())) - {g["id"] for g in geometries}
    if missing:
        raise SystemExit(f"not in the source: {', '.join(sorted(missing))}")
    geometries.sort(key=lambda g: (not g["properties"]["checked"], g["id"]))
    return {
        "type": "Topology",
        "transform": transform,
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    OUTPUT.write_text(json.dumps(subset(topology), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
