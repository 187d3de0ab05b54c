#!/usr/bin/env python3
"""Builds Sources/PhareCore/Resources/survey-demo-targets.csv, the figures the synthetic demo
survey data are generated to reproduce, from ../shared/reference/phare-published-figures.csv
(national and regional figures published by the PHARE programme, with the seed each comes from).

Measure and item names are translated to Phare's codes (questionnaire answers, options, regions).
Rows Phare cannot reproduce from respondent answers (counts of partnerships) are left out.
Run from the repository root: python3 tools/build_demo_survey_targets.py
"""
import csv
import sys

SOURCE = "../shared/reference/phare-published-figures.csv"
TARGET = "Sources/PhareCore/Resources/survey-demo-targets.csv"

ITEMS = {
    ("dynamic", "anchored"): "ancree",
    ("dynamic", "emerging"): "emergente",
    ("dynamic", "not_at_all"): "pas-du-tout",
    ("dynamic", "any_dynamic"): "positive",
    ("role_agree", "experiment"): "experimenter",
    ("role_agree", "public_private_partnerships"): "partenariats-public-prive",
    ("partnership_status", "none_no_intention"): "aucun",
}
SEGMENTS = {("partnership_rate", "employer"): ("all", "employeur:oui")}

rows = []
with open(SOURCE, newline="", encoding="utf-8") as handle:
    for row in csv.DictReader(handle):
        measure, item, territory = row["measure"], row["domain_or_item"], row["territory"]
        if measure == "partnerships_count":
            continue
        actors = ["associations", "entreprises"] if row["actor"] == "all" else [row["actor"]]
        if (measure, item) in SEGMENTS:
            item, territory = SEGMENTS[(measure, item)]
        item = ITEMS.get((measure, item), item)
        for actor in actors:
            rows.append([actor, territory, measure, item, row["value"], row["unit"], row["seed"]])

# Figures the programme did not publish but the demo needs, chosen to be plausible and
# consistent with the published ones (labelled "assumed" in the resource).
ASSUMED = [
    # Mean ratings of the domains whose published value is missing.
    *[("associations", "mean_rating", d, v) for d, v in [
        ("developpement-economique", 5.6), ("niveau-de-vie", 6.0), ("logement", 5.6), ("handicap", 5.5),
        ("education", 5.4), ("sante", 5.7), ("securite", 5.3), ("transition-energetique", 5.0)]],
    *[("entreprises", "mean_rating", d, v) for d, v in [
        ("logement", 4.9), ("handicap", 4.6), ("lien-social", 4.9), ("sante", 4.9), ("securite", 4.8), ("numerique", 4.5)]],
    *[("maires", "mean_rating", d, v) for d, v in [
        ("emploi", 6.0), ("developpement-economique", 6.2), ("niveau-de-vie", 5.5), ("pauvrete", 5.0), ("logement", 4.8),
        ("handicap", 4.6), ("vieillissement", 6.3), ("lien-social", 5.2), ("education", 4.9), ("sante", 6.0),
        ("securite", 4.4), ("mobilite", 6.4), ("numerique", 5.6), ("culture", 4.5), ("environnement", 4.8),
        ("transition-energetique", 5.0)]],
    # Mayors finding partnerships relevant: about 91 % for these domains (seed 004 text), 85 % elsewhere.
    *[("maires", "cocon_relevant", d, 91) for d in ["environnement", "sante", "lien-social", "mobilite", "pauvrete"]],
    ("associations", "partnership_status", "aucun", 50),
    *[("associations", "objectives_agree", o, v) for o, v in [
        ("amorcage-projet", 71), ("aide-materielle", 65), ("relais-message", 60), ("consolidation-financement", 66), ("effet-levier", 55)]],
    *[("maires", "role_agree", o, v) for o, v in [
        ("favoriser-rencontres", 90), ("animer-dialogue", 85), ("accompagner-organisations", 87), ("promouvoir-alliances", 84)]],
    ("maires", "dynamic", "croissante", 13),
]
for actor, measure, item, value in ASSUMED:
    unit = "score_1_10" if measure == "mean_rating" else "percent"
    rows.append([actor, "FR", measure, item, str(value), unit, "assumed for the demo"])

with open(TARGET, "w", newline="", encoding="utf-8") as handle:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["actor", "territory", "measure", "item", "value", "unit", "source"])
    writer.writerows(rows)
print(f"wrote {TARGET}: {len(rows)} targets", file=sys.stderr)
