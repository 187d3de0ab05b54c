#!/usr/bin/env python3
"""Checks of the bundled open-data baseline against figures the producers publish.

Usage:  python3 tools/check_open_data.py [CACHE_DIR]

Reads Sources/PhareCore/Resources/open-data/values.csv.gz and the territory tree, adds
communes up to France the way Phare does (counts summed, ratios recomputed from the
summed counts, official values kept where the producer publishes them), and prints a
Markdown table: figure, value from the bundle, published value and where it is published.
With CACHE_DIR, the census reference (Tests/Reference/census_rates.py) is run on the raw
file for the census lines.
"""
import csv
import gzip
import os
import subprocess
import sys
from collections import defaultdict

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
RES = os.path.join(ROOT, "Sources", "PhareCore", "Resources")


def load():
    values = {}
    with gzip.open(os.path.join(RES, "open-data", "values.csv.gz"), "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            values[(row["territory"], row["indicator"], int(row["year"]))] = float(row["value"])
    parent = {}
    with open(os.path.join(RES, "territories.tsv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["level"] in ("commune", "departement"):
                parent[f"{row['level']}:{row['code']}"] = ("departement:" if row["level"] == "commune" else "region:") + row["parent"]
    return values, parent


def total(values, parent, indicator, year, level):
    """Sum of an indicator's values at `level` (commune or departement) for France."""
    s = 0.0
    n = 0
    for (t, i, y), v in values.items():
        if i == indicator and y == year and t.startswith(level + ":"):
            s += v
            n += 1
    return s, n


def main():
    values, parent = load()
    rows = []

    def add(figure, ours, published, where):
        rows.append((figure, ours, published, where))

    pop, n = total(values, parent, "population", 2021, "commune")
    act, _ = total(values, parent, "actifs-15-64", 2021, "commune")
    cho, _ = total(values, parent, "chomeurs-15-64", 2021, "commune")
    occ, _ = total(values, parent, "actifs-occupes-15-64", 2021, "commune")
    p1564, _ = total(values, parent, "pop-15-64", 2021, "commune")
    ref = {}
    if len(sys.argv) > 1:
        out = subprocess.run([sys.executable, os.path.join(ROOT, "Tests", "Reference", "census_rates.py"),
                              os.path.join(sys.argv[1], "rcarlier+datas.fun", "France", "communes.csv"), "--csv"],
                             check=True, capture_output=True, text=True).stdout.splitlines()
        for line in csv.DictReader(out):
            ref[line["region"]] = line
    add("Population municipale RP 2021, France hors Mayotte", f"{pop:,.0f} ({n} communes)",
        f"{float(ref['FR']['population_2021']):,.0f}" if ref else "", "Tests/Reference/census_rates.py on the raw census file")
    add("Taux de chômage RP 2021 des 15-64 ans, France hors Mayotte", f"{100 * cho / act:.2f} %",
        f"{float(ref['FR']['taux_chomage_rp']):.2f} %" if ref else "", "same")
    add("Taux d'emploi RP 2021 des 15-64 ans, France hors Mayotte", f"{100 * occ / p1564:.2f} %", "", "no published figure in the files here")
    est, _ = total(values, parent, "population-estimee", 2023, "departement")
    add("Population estimée au 1er janvier 2023 (101 départements)", f"{est:,.0f}", "68,042,591", "INSEE estimates workbook, line « France métropolitaine et DOM »")
    for ind, code, published, where in (
        ("nb-beneficiaires-apa", 2021, None, "DREES, line « TOTAL estimé France entière, hors Mayotte »"),
        ("nb-beneficiaires-pch-actp", 2021, None, "same"),
        ("nb-allocataires-aah", 2019, None, "DREES minima sociaux, line « France »"),
        ("allocataires-rsa", 2019, None, "same")):
        s, n = total(values, parent, ind, code, "departement")
        label = f"{ind} {code}: sum of {n} départements"
        if ("departement:2A", ind, code) not in values and ("region:94", ind, code) in values:
            s += values[("region:94", ind, code)]  # DREES publishes Corsica as one line
            label += " + Corsica's regional line"
        official = values.get(("pays:FR", ind, code))
        add(label + " vs France line", f"{s:,.0f}", f"{official:,.0f}" if official else "", where)
    ins, _ = total(values, parent, "inscrits", 2022, "departement")
    vot, _ = total(values, parent, "votants", 2022, "departement")
    add("Participation au 1er tour de la présidentielle 2022, 101 départements", f"{100 * vot / ins:.2f} %",
        "", "the 101 départements only (no Français de l'étranger, no overseas collectivities)")
    import json
    with open(os.path.join(RES, "open-data", "provenance.json"), encoding="utf-8") as fh:
        notes = json.load(fh)["notes"].get("presidentielle-2022", {})
    if notes:
        add("Participation au 1er tour de la présidentielle 2022, every line of the producer's file", f"{100 * notes['votants_all'] / notes['inscrits_all']:.2f} %",
            "73.69 %", "Ministère de l'Intérieur, national result of 10 April 2022")
    # population-weighted means where the producer's national value is a median or a rate without counts
    for ind, year, published, where in (("taux-pauvrete-60", 2021, "", "no national line in the files here"),
                                        ("revenu-median-uc", 2021, "", "a median: cannot be obtained from départements")):
        num = den = 0.0
        for (t, i, y), v in values.items():
            if i == ind and y == year and t.startswith("departement:"):
                p = values.get((t, "population-estimee", 2023))
                if p:
                    num += v * p
                    den += p
        add(f"{ind} {year}, départements weighted by population (approximate)", f"{num / den:.2f}", published, where)
    pib_fr = values.get(("pays:FR", "pib-par-habitant", 2022))
    add("PIB par habitant 2022, France (official line)", f"{pib_fr:,.0f} €", "38,775 €", "INSEE PIB régionaux, line « France métropolitaine et DOM »")
    for ind, year in (("cambriolages-1000", 2024), ("taux-chomage-localise", 2023)):
        v = values.get(("pays:FR", ind, year))
        add(f"{ind} {year}, France", f"{v:.2f}", "", "SSMSI: sum of the départements' counts over the sum of their reference populations" if ind.startswith("camb") else "INSEE's own France line (hors Mayotte), fourth quarter")
    print("| figure | from the bundle | published | where published |")
    print("|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(str(x) for x in r) + " |")


if __name__ == "__main__":
    main()
