#!/usr/bin/env python3
"""Independent reference for the census import: regional and national census
unemployment rates (chômeurs 15-64 / actifs 15-64) and populations, computed with
pandas from the raw census file by commune in the 2024 geography, as published.

Usage:  python3 Tests/Reference/census_rates.py FILE [--csv]

FILE is the compilation recorded as source "census" in
Sources/PhareCore/Resources/open-data/provenance.json (rcarlier/datas.fun @ b9874080,
France/communes.csv), or the excerpt Tests/PhareCLITests/Fixtures/census-rp2021-excerpt.csv.

The file's traps, and how each is read here:
- one line per commune *and postcode*: lines repeating a commune code are read once
  (their counts are identical; the script stops if they are not);
- lines of type COMD (communes déléguées) repeat their commune's code and counts: read once;
- Paris, Lyon and Marseille appear only as their 45 municipal arrondissements: each
  arrondissement is a distinct code, summed once into its region;
- communes that merged after the 2024 geography are still separate lines: each counted once;
- Mayotte's lines hold zeros (no census): left out, so the national figures are France
  without Mayotte.

No code of Phare is used: this is the check the Swift import must match.
"""
import sys

import pandas as pd

COUNTS = ["population_2021", "pop_15_64_active_2021", "pop_15_64_chomage_2021"]


def read(path):
    raw = pd.read_csv(path, dtype=str)
    for col in COUNTS:
        raw[col] = raw[col].astype(int)
    # one line per commune code; every repeat must carry the same counts
    distinct = raw.drop_duplicates(subset=["insee_com"] + COUNTS)
    if distinct["insee_com"].duplicated().any():
        bad = distinct.loc[distinct["insee_com"].duplicated(), "insee_com"].tolist()
        sys.exit(f"conflicting repeated lines for {bad[:10]}")
    # the region of a code: COMD lines carry none, their COM line (same code) does
    region = raw.dropna(subset=["insee_reg"]).drop_duplicates("insee_com").set_index("insee_com")["insee_reg"]
    communes = distinct.set_index("insee_com")[COUNTS].copy()
    communes["region"] = region.reindex(communes.index)
    communes = communes[communes["region"] != "06"]  # Mayotte: zeros, not census counts
    return raw, communes


def rates(communes):
    by_region = communes.groupby("region")[COUNTS].sum()
    by_region.loc["FR"] = communes[COUNTS].sum()
    by_region["taux_chomage_rp"] = 100 * by_region["pop_15_64_chomage_2021"] / by_region["pop_15_64_active_2021"]
    return by_region


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    raw, communes = read(sys.argv[1])
    table = rates(communes)
    if "--csv" in sys.argv:
        table.to_csv(sys.stdout, float_format="%.6f")
        return
    print(f"{len(raw)} lines, {raw['insee_com'].nunique()} distinct codes, {len(communes)} communes and arrondissements counted")
    print(table.to_string(float_format=lambda v: f"{v:.4f}"))


if __name__ == "__main__":
    main()
