#!/usr/bin/env python3
"""Largest relative difference between Phare's and R's tables (estimate, se, ci bounds), matched on
measure, item and region. Usage: compare.py phare.csv r.csv"""
import csv
import sys

phare = {(r["measure"], r["item"], r["region"]): r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
worst = {column: 0.0 for column in ("estimate", "se", "ci_lower", "ci_upper")}
matched = 0
for row in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
    ours = phare.get((row["measure"], row["item"], row["region"]))
    if ours is None:
        print(f"missing in Phare: {row['measure']} {row['item']} {row['region']}")
        continue
    matched += 1
    for column in worst:
        a, b = float(ours[column]), float(row[column])
        if a != b:
            worst[column] = max(worst[column], abs(a - b) / max(abs(a), abs(b)))
print(f"{matched} estimates compared (Phare has {len(phare)}); largest relative differences: "
      + ", ".join(f"{column} {value:.2e}" for column, value in worst.items()))
