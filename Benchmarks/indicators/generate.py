#!/usr/bin/env python3
"""Writes the benchmark inputs: an INSEE-like wide file (CODGEO + 300 variables for every
commune of Phare's territory tree, ';' separated, decimal comma), its mapping file and a
catalogue of 320 indicators (40 counts, 20 ratios of them, 260 rates). Synthetic values,
deterministic (seed 2026): they exercise the pipeline, they are not statistics."""
import csv
import os
import sys

import numpy as np
import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "data")
os.makedirs(out, exist_ok=True)
tree = pd.read_csv(os.path.join(here, "../../Sources/PhareCore/Resources/territories.tsv"), sep="\t", dtype=str, keep_default_na=False)
communes = tree[tree.level == "commune"]
population = pd.to_numeric(communes.population, errors="coerce").fillna(100).to_numpy()
domains = ["emploi", "developpement-economique", "niveau-de-vie", "pauvrete", "logement", "handicap", "vieillissement",
           "lien-social", "education", "sante", "securite", "mobilite", "numerique", "culture", "environnement",
           "transition-energetique"]
rng = np.random.default_rng(2026)
n = len(communes)
columns = {"CODGEO": communes.code.to_numpy()}
catalogue = []
mapping = []
for i in range(20):
    num, den = f"bench-num-{i:02d}", f"bench-den-{i:02d}"
    d = population * rng.uniform(0.35, 0.55, n)
    columns[f"DEN{i:02d}"] = np.round(d)
    columns[f"NUM{i:02d}"] = np.round(d * rng.uniform(0.02, 0.25, n))
    for code, column in ((num, f"NUM{i:02d}"), (den, f"DEN{i:02d}")):
        catalogue.append([code, f"Effectif {code}", f"Count {code}", "", "personnes", "higher-is-fragile", "sum", "", "", "", "bench", "2021", "commune", "non"])
        mapping.append([column, code, 2021])
    catalogue.append([f"bench-ratio-{i:02d}", f"Taux {i}", f"Rate {i}", domains[i % 16], "%", "higher-is-fragile" if i % 3 else "higher-is-robust", "ratio", num, den, "100", "bench", "2021", "commune", "oui"])
for i in range(260):
    code = f"bench-rate-{i:03d}"
    values = rng.normal(50, 12, n).clip(0.5, 99.5)
    values[rng.random(n) < 0.02] = np.nan  # confidential cells, left empty as INSEE does
    columns[f"V{i:03d}"] = np.round(values, 2)
    catalogue.append([code, f"Indicateur {i}", f"Indicator {i}", domains[i % 16], "%", "higher-is-fragile" if i % 2 else "higher-is-robust", "mean", "", "", "", "bench", "2021", "commune", "oui"])
    mapping.append([f"V{i:03d}", code, 2021])
frame = pd.DataFrame(columns)
frame.to_csv(os.path.join(out, "wide.csv"), sep=";", decimal=",", index=False, float_format="%.2f")
with open(os.path.join(out, "catalogue.csv"), "w", newline="") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(["code", "label_fr", "label_en", "domain", "unit", "polarity", "aggregation", "numerator", "denominator", "scale", "source", "vintage", "levels", "diagnosed"])
    w.writerows(catalogue)
with open(os.path.join(out, "mapping.csv"), "w", newline="") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(["column", "indicator", "year"])
    w.writerows(mapping)
print(f"{n} communes x {len(columns) - 1} variables -> {out}/wide.csv ({os.path.getsize(os.path.join(out, 'wide.csv')) / 1e6:.0f} MB)", file=sys.stderr)
