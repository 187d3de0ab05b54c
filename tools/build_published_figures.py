#!/usr/bin/env python3
"""Builds Sources/PhareDemo/Resources/published-figures.csv, the figures the ARPEA (2008-2012) and
PHARE (2013-2017) programmes published, as a published-figures file (docs/DATA-FORMATS.md) that
`phare init --demo` imports as two past waves without microdata:

- PHARE-2015: the national figures of ../shared/reference/phare-published-figures.csv (seed
  004, the PHARE 2015-2016 studies), Phare's item codes. Regional figures, segment figures (employer
  associations), counts and figures of all actors together are left out: their base is not known.
- ARPEA-2011: the share of companies with partnerships with associations in 2011 (28.5 %), which
  the same seed quotes from the Comisis / ARPEA Entreprises et Territoire 2011 study.

Bases (n): the seed gives the base of the citizens' questions (2,024 respondents); for the other
actors it gives none that can be read, so n is the demo sample size of the actor (demo-actors.json,
close to the programme's) and the source says "n assumed". Approximate standard errors from these
bases are flagged approximate wherever they are used.
Run from the repository root: python3 tools/build_published_figures.py
"""
import csv
import json

SOURCE = "../shared/reference/phare-published-figures.csv"
TARGET = "Sources/PhareDemo/Resources/published-figures.csv"
ACTORS = "Sources/PhareDemo/Resources/demo-actors.json"

ITEMS = {
    ("dynamic", "anchored"): "ancree",
    ("dynamic", "emerging"): "emergente",
    ("dynamic", "not_at_all"): "pas-du-tout",
    ("dynamic", "any_dynamic"): "positive",
    ("role_agree", "experiment"): "experimenter",
    ("role_agree", "public_private_partnerships"): "partenariats-public-prive",
    ("partnership_status", "none_no_intention"): "aucun",
}
CITIZENS_BASE = 2024

sizes = {a["code"]: a["sampleSize"] for a in json.load(open(ACTORS, encoding="utf-8"))["actors"]}
rows = []
with open(SOURCE, newline="", encoding="utf-8") as handle:
    for row in csv.DictReader(handle):
        measure, item, territory, actor = row["measure"], row["domain_or_item"], row["territory"], row["actor"]
        if territory != "FR" or actor == "all" or measure == "partnerships_count" or item == "employer":
            continue
        item = ITEMS.get((measure, item), item)
        if actor == "citoyens":
            n, basis = CITIZENS_BASE, "base 2024 respondents as published"
        else:
            n, basis = sizes[actor], "n assumed (base not legible in the seed): demo sample size"
        source = f"PHARE 2015-2016 studies, Le RAMEAU (seed {row['seed']}); {basis}"
        rows.append(["PHARE-2015", 2015, actor, measure, item, "FR", row["value"], n, source])
rows.append([
    "ARPEA-2011", 2011, "entreprises", "partnership_rate", "all", "FR", "28.5", sizes["entreprises"],
    "Comisis - ARPEA Entreprises et Territoire 2011, quoted in the PHARE report (seed 004_66bc7541b639e431.txt); "
    "n assumed (base not given): demo sample size",
])
with open(TARGET, "w", newline="", encoding="utf-8") as handle:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["wave", "year", "actor", "measure", "item", "territory", "value", "n", "source"])
    writer.writerows(rows)
print(f"wrote {TARGET}: {len(rows)} figures")
