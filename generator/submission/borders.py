"""Country outlines and the question "does this point lie in that country".

The outlines are Natural Earth's admin-0 polygons (see `data/README.md`), read from a TopoJSON
topology. A test against a bounding box lets Podgorica pass as Serbia, since the boxes of
neighbouring countries overlap; a polygon does not. Points are WGS 84 decimal degrees; distances
are metres on a local equirectangular projection around the point, which is exact to well
under 1 % over the few kilometres the tolerance spans.

Kept in plain Python (ray casting and point-to-segment distance) rather than a geometry library:
the whole need is one containment test and one distance on a few thousand vertices per country.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

# A point this close to a border or coast still counts as inside. Natural Earth 1:10m generalises
# coasts and border rivers: a real plot on the shore (Budva, Ulcinj, Durrës) can fall just
# outside the drawn line, and towns on the Danube and the Drava (Corabia, Liubcova, Gola) lie up
# to 3 km on the wrong side of it. 3 km lets every GeoNames place of 1,000 people or more in the
# checked countries pass for its own country.
TOLERANCE_M = 3000.0
# Natural Earth 1:10m leaves out islands under a few square kilometres, inhabited ones too
# (Vir and Murter in Croatia, Capri and Ponza in Italy). A point in no country's outline is
# taken to be on such an island, or at sea, and given to the nearest country within this reach.
SEA_REACH_M = 50_000.0
EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE = EARTH_RADIUS_M * math.pi / 180


@dataclass(frozen=True)
class Ring:
    """One closed ring: longitudes `xs` and latitudes `ys` (degrees), first point repeated last."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    min_lon: float
    max_lon: float
    min_lat: float
    max_lat: float

    @classmethod
    def of(cls, points: list[tuple[float, float]]) -> Ring:
        if points[0] != points[-1]:
            points = [*points, points[0]]
        xs = tuple(p[0] for p in points)
        ys = tuple(p[1] for p in points)
        return cls(xs, ys, min(xs), max(xs), min(ys), max(ys))

    def crossings(self, lat: float, lon: float) -> int:
        """How many edges a ray from the point towards the east crosses."""
        if not (self.min_lat <= lat <= self.max_lat) or lon > self.max_lon:
            return 0
        xs, ys, count = self.xs, self.ys, 0
        for i in range(len(xs) - 1):
            y1, y2 = ys[i], ys[i + 1]
            if (y1 > lat) != (y2 > lat):
                x1 = xs[i]
                if lon < x1 + (lat - y1) * (xs[i + 1] - x1) / (y2 - y1):
                    count += 1
        return count

    def distance_m(self, lat: float, lon: float, within: float = math.inf) -> float:
        """Metres from the point to the nearest edge, or `within` if no edge is nearer."""
        scale_x = METRES_PER_DEGREE * math.cos(math.radians(lat))
        # The box gives a lower bound: a ring whose box is farther away cannot be nearer.
        dx = max(self.min_lon - lon, 0.0, lon - self.max_lon) * scale_x
        dy = max(self.min_lat - lat, 0.0, lat - self.max_lat) * METRES_PER_DEGREE
        if math.hypot(dx, dy) >= within:
            return within
        best_sq = within * within
        xs, ys = self.xs, self.ys
        ax, ay = (xs[0] - lon) * scale_x, (ys[0] - lat) * METRES_PER_DEGREE
        for i in range(1, len(xs)):
            bx, by = (xs[i] - lon) * scale_x, (ys[i] - lat) * METRES_PER_DEGREE
            ex, ey = bx - ax, by - ay
            length_sq = ex * ex + ey * ey
            # Projection of the origin (the point) onto the edge, clamped to its ends.
            t = 0.0 if length_sq == 0 else min(1.0, max(0.0, -(ax * ex + ay * ey) / length_sq))
            px, py = ax + t * ex, ay + t * ey
            best_sq = min(best_sq, px * px + py * py)
            ax, ay = bx, by
        return math.sqrt(best_sq)


@dataclass(frozen=True)
class Outline:
    """A country's territory: every ring of every polygon, holes included (even-odd rule).

    `checked` is False for a neighbour kept only to know where a point lies, whose far borders
    and coasts are simplified: its publishers' locations are not checked against it.
    """

    code: str
    rings: tuple[Ring, ...]
    checked: bool = True

    def contains(self, lat: float, lon: float) -> bool:
        """True if the point lies strictly inside the drawn outline (no tolerance)."""
        return sum(ring.crossings(lat, lon) for ring in self.rings) % 2 == 1

    def distance_m(self, lat: float, lon: float, within: float = math.inf) -> float:
        """Metres from the point to the outline's nearest border or coast (`within` at most)."""
        best = within
        for ring in self.rings:
            best = ring.distance_m(lat, lon, best)
        return best

    def covers(self, lat: float, lon: float, tolerance_m: float = TOLERANCE_M) -> bool:
        """True if the point lies inside, or less than `tolerance_m` metres outside, the outline."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return False
        return self.contains(lat, lon) or self.distance_m(lat, lon, tolerance_m) < tolerance_m


def outlines_from_topojson(topology: Mapping) -> dict[str, Outline]:
    """The outlines of a TopoJSON topology's `countries` object, keyed by each geometry's `id`.

    Handles quantised (delta-encoded, `transform`) and plain arcs, Polygon and MultiPolygon
    geometries, and reversed arcs (`~i`). A geometry's `properties.checked` (default true) becomes
    `Outline.checked`. Raises KeyError or ValueError on a malformed topology.
    """
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)

    def ring(indices: list[int]) -> Ring:
        points: list[tuple[float, float]] = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            # Consecutive arcs share their joining point.
            points.extend(arc[1:] if points else arc)
        return Ring.of(points)

    outlines = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = tuple(ring(indices) for polygon in polygons for indices in polygon)
        checked = bool(geometry.get("properties", {}).get("checked", True))
        outlines[str(geometry["id"])] = Outline(str(geometry["id"]), rings, checked)
    return outlines


def country_at(outlines: Mapping[str, Outline], lat: float, lon: float, tolerance_m: float = TOLERANCE_M) -> str | None:
    """The code of the outline the point lies in; else of the nearest one within `tolerance_m`.

    None if the point lies in none of `outlines` (the sea, or a country without an outline).
    """
    for code, outline in outlines.items():
        if outline.contains(lat, lon):
            return code
    nearest, best = None, tolerance_m
    for code, outline in outlines.items():
        distance = outline.distance_m(lat, lon, best)
        if distance < best:
            nearest, best = code, distance
    return nearest


def lies_in(outlines: Mapping[str, Outline], code: str, lat: float, lon: float) -> bool:
    """True if the point belongs to country `code` as far as `outlines` can tell.

    That is: inside `code`'s outline or less than `TOLERANCE_M` outside it; or inside no outline
    at all (the sea, or an island the outlines leave out) with `code`'s the nearest checked
    outline and less than `SEA_REACH_M` away. Neighbours do not compete for the sea: the
    islands 1:10m leaves out off the Turkish coast are Greek. False if `code` has no outline.
    """
    own = outlines.get(code)
    if own is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return False
    if own.covers(lat, lon):
        return True
    if any(outline.contains(lat, lon) for outline in outlines.values()):
        return False
    reach = own.distance_m(lat, lon, SEA_REACH_M)
    if reach >= SEA_REACH_M:
        return False
    return all(
        outline.distance_m(lat, lon, reach) >= reach
        for other, outline in outlines.items()
        if other != code and outline.checked
    )
