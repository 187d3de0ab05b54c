#!/usr/bin/env python3
"""The same indicator pipeline as phare-bench-indicators, written with pandas and numpy, stage by
stage: read + check the wide file → store it in SQLite (one transaction, aggregates computed and
stored) → aggregate up the tree in memory → diagnose the 13 metropolitan regions (z-score,
arithmetic, equal weights) → Monte-Carlo sensitivity (normalisation x aggregation x imputation x
20 weight sets). Prints one line per stage."""
import os
import sqlite3
import sys
import time

import numpy as np
import pandas as pd

data, work = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
here = os.path.dirname(os.path.abspath(__file__))


def stage(name, start):
    print(f"numpy {name:<38}{time.perf_counter() - start:9.3f} s", flush=True)


tree = pd.read_csv(os.path.join(here, "../../Sources/PhareCore/Resources/territories.tsv"), sep="\t", dtype=str, keep_default_na=False)
frameworks_domains = ["emploi", "developpement-economique", "niveau-de-vie", "pauvrete", "logement", "handicap", "vieillissement",
                      "lien-social", "education", "sante", "securite", "mobilite", "numerique", "culture", "environnement",
                      "transition-energetique"]
axis_of_domain = [0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3]

t = time.perf_counter()
catalogue = pd.read_csv(os.path.join(data, "catalogue.csv"), sep=";", dtype=str, keep_default_na=False)
assert catalogue.code.is_unique and catalogue.domain.isin(frameworks_domains + [""]).all()
stage("catalogue (read, check)", t)

pipeline = time.perf_counter()
t = time.perf_counter()
mapping = pd.read_csv(os.path.join(data, "mapping.csv"), sep=";", dtype={"column": str, "indicator": str, "year": int})
assert mapping.indicator.isin(catalogue.code).all() and mapping.column.is_unique
wide = pd.read_csv(os.path.join(data, "wide.csv"), sep=";", decimal=",", dtype={"CODGEO": str})
communes = tree[tree.level == "commune"].set_index("code")
problems = []
unknown = ~wide.CODGEO.isin(communes.index)
problems += [f"line {i + 2}: unknown territory {c}" for i, c in zip(np.flatnonzero(unknown), wide.CODGEO[unknown])]
duplicated = wide.CODGEO.duplicated()
problems += [f"line {i + 2}: duplicated territory" for i in np.flatnonzero(duplicated)]
for column in mapping.column:
    if column not in wide.columns:
        problems.append(f"missing column {column}")
    elif wide[column].dtype == object:
        bad = pd.to_numeric(wide[column].str.replace(",", "."), errors="coerce").isna() & wide[column].notna()
        problems += [f"line {i + 2} column {column}: not a number" for i in np.flatnonzero(bad)]
if problems:
    sys.exit("\n".join(problems[:20]))
values = wide[list(mapping.column)].to_numpy(dtype=float)  # communes x indicators, NaN = empty cell
codes = wide.CODGEO.to_numpy()
indicator_codes = list(mapping.indicator)
stage("read + check wide file", t)

# Tree structure, as positions.
departement_of = communes.loc[codes, "parent"].to_numpy()
epci_of = communes.loc[codes, "epci"].to_numpy()
population = pd.to_numeric(communes.loc[codes, "population"], errors="coerce").to_numpy()
departements = tree[tree.level == "departement"].set_index("code")
defs = catalogue.set_index("code")


def aggregate():
    """Counts summed, ratios from summed counts, rates as population-weighted means."""
    out = {}
    frame = pd.DataFrame(values, columns=indicator_codes)
    kinds = defs.loc[indicator_codes, "aggregation"].to_numpy()
    sums = frame.loc[:, kinds == "sum"]
    means = frame.loc[:, kinds == "mean"]

    def up(keys, sum_part, mean_part, weights):
        s = sum_part.groupby(keys).sum(min_count=1)
        w = mean_part.notna().mul(weights, axis=0)
        m = mean_part.mul(weights, axis=0).groupby(keys).sum() / w.groupby(keys).sum()
        pop = pd.Series(weights).groupby(keys).sum()
        return s, m, pop

    w = pd.Series(np.nan_to_num(population))
    dep_s, dep_m, dep_pop = up(departement_of, sums, means, w)
    epci_s, epci_m, _ = up(pd.Series(epci_of).replace("", np.nan).to_numpy(), sums, means, w)
    region_of = departements.loc[dep_s.index, "parent"].to_numpy()
    reg_s, reg_m, reg_pop = up(region_of, dep_s.reset_index(drop=True), dep_m.reset_index(drop=True), dep_pop.reset_index(drop=True))
    fr_s, fr_m, _ = up(np.array(["FR"] * len(reg_s)), reg_s.reset_index(drop=True), reg_m.reset_index(drop=True), reg_pop.reset_index(drop=True))
    ratios = defs[defs.aggregation == "ratio"]
    for level, (s, m) in {"departement": (dep_s, dep_m), "epci": (epci_s, epci_m), "region": (reg_s, reg_m), "pays": (fr_s, fr_m)}.items():
        table = pd.concat([s, m], axis=1)
        for code, row in ratios.iterrows():
            table[code] = float(row.scale) * s[row.numerator] / s[row.denominator]
        out[level] = table
    return out


t = time.perf_counter()
path = os.path.join(work, "bench-numpy.sqlite")
if os.path.exists(path):
    os.remove(path)
db = sqlite3.connect(path)
db.execute("""CREATE TABLE indicator_value (indicator_code TEXT NOT NULL, territory_level TEXT NOT NULL,
    territory_code TEXT NOT NULL, year INTEGER NOT NULL, value REAL NOT NULL, dataset_id INTEGER NOT NULL,
    PRIMARY KEY (indicator_code, territory_level, territory_code, year)) WITHOUT ROWID""")
db.execute("""CREATE TABLE indicator_aggregate (indicator_code TEXT NOT NULL, territory_level TEXT NOT NULL,
    territory_code TEXT NOT NULL, year INTEGER NOT NULL, value REAL NOT NULL, flags INTEGER NOT NULL,
    PRIMARY KEY (indicator_code, territory_level, territory_code, year)) WITHOUT ROWID""")
rows_i, cols_i = np.nonzero(~np.isnan(values))
with db:
    db.executemany("INSERT INTO indicator_value VALUES (?, 'commune', ?, 2021, ?, 1)",
                   zip((indicator_codes[c] for c in cols_i), codes[rows_i], values[rows_i, cols_i].tolist()))
    stored = aggregate()
    for level, table in stored.items():
        long = table.stack().dropna().reset_index()
        long.columns = ["territory", "indicator", "value"]
        db.executemany(f"INSERT INTO indicator_aggregate VALUES (?, '{level}', ?, 2021, ?, 2)",
                       zip(long.indicator, long.territory.astype(str), long.value.tolist()))
stage("store (1 transaction + aggregates)", t)

t = time.perf_counter()
aggregated = aggregate()
stage("aggregate up the tree (in memory)", t)

diagnosis_start = time.perf_counter()
t = time.perf_counter()
regions = sorted(c for c in tree[tree.level == "region"].code if c >= "10")
region_rows = pd.read_sql_query("SELECT indicator_code, territory_code, value FROM indicator_aggregate WHERE territory_level IN ('region', 'pays')", db)
matrix_frame = region_rows.pivot(index="indicator_code", columns="territory_code", values="value")
diagnosed = defs[(defs.diagnosed == "oui") & (defs.domain != "")]
diagnosed = diagnosed.assign(domain_index=[frameworks_domains.index(d) for d in diagnosed.domain]).sort_values("domain_index", kind="stable")
X = matrix_frame.reindex(index=diagnosed.index, columns=regions).to_numpy()  # indicators x peers
national = matrix_frame.reindex(index=diagnosed.index)["FR"].to_numpy()
sign = np.where(diagnosed.polarity == "higher-is-fragile", 1.0, -1.0)
domain_of = diagnosed.domain_index.to_numpy()
stage("diagnosis: load region values", t)


def normalise(V, how):
    if how == "zscore":
        sd = np.nanstd(V, axis=1, ddof=1, keepdims=True)
        return 100 + 10 * sign[:, None] * (V - np.nanmean(V, axis=1, keepdims=True)) / np.where(sd > 0, sd, np.inf)
    if how == "minmax":
        lo, hi = np.nanmin(V, axis=1, keepdims=True), np.nanmax(V, axis=1, keepdims=True)
        tt = np.where(hi > lo, (V - lo) / np.where(hi > lo, hi - lo, 1), 0.5)
        return 1 + 99 * np.where(sign[:, None] > 0, tt, 1 - tt)
    if how == "distance":
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(sign[:, None] > 0, 100 * V / national[:, None], 100 * national[:, None] / V)
        return np.where((V > 0) & (national[:, None] > 0), r, np.nan)
    S = sign[:, None] * V  # rank, ties averaged
    return pd.DataFrame(S).rank(axis=1).to_numpy()


def combine(N, w, groups, n_groups, how):
    ok = ~np.isnan(N)
    Y = np.where(ok, N if how == "arithmetic" else np.log(np.where(ok & (N > 0), N, 1)), 0)
    W = np.where(ok, w[:, None], 0)
    G = np.zeros((n_groups, len(groups)))
    G[groups, np.arange(len(groups))] = 1
    num, den = G @ (W * Y), G @ W
    with np.errstate(invalid="ignore", divide="ignore"):
        out = num / den
    return out if how == "arithmetic" else np.exp(out)


def ranks(S):
    return pd.DataFrame(-S).rank(axis=1, method="min").to_numpy()


def impute(how):
    if how == "none":
        return X
    return np.where(np.isnan(X), np.nanmean(X, axis=1, keepdims=True), X)


t = time.perf_counter()
equal = np.ones(len(diagnosed))
domain_scores = combine(normalise(X, "zscore"), equal, domain_of, 16, "arithmetic")
axis_scores = combine(domain_scores, np.ones(16), np.array(axis_of_domain), 4, "arithmetic")
domain_ranks, axis_ranks = ranks(domain_scores), ranks(axis_scores)
stage("diagnosis: compute", t)
diagnosis_time = time.perf_counter() - diagnosis_start

t = time.perf_counter()
rng = np.random.default_rng(1)
prepared = {(i, n): normalise(impute(i), n) for i in ("none", "peer-mean") for n in ("zscore", "minmax", "distance", "rank")}
weight_sets = [equal * rng.uniform(0.75, 1.25, len(equal)) for _ in range(20)]
samples, shifts, choices = [], [], []
for _ in range(runs):
    n = ("zscore", "minmax", "distance", "rank")[rng.integers(4)]
    g = ("arithmetic", "geometric")[rng.integers(2)]
    i = ("none", "peer-mean")[rng.integers(2)]
    w = rng.integers(20)
    scores = combine(prepared[(i, n)], weight_sets[w], domain_of, 16, g)
    r = ranks(scores)
    ranks(combine(scores, np.ones(16), np.array(axis_of_domain), 4, g))
    samples.append(r)
    shifts.append(np.nanmean(np.abs(r - domain_ranks)))
    choices.append((n, g, i, w))
samples = np.array(samples)
median = np.nanmedian(samples, axis=0)
low, high = np.nanquantile(samples, 0.05, axis=0), np.nanquantile(samples, 0.95, axis=0)
y = np.array(shifts)
first_order = {}
for f, name in enumerate(("normalisation", "aggregation", "imputation", "weights")):
    levels = pd.Series([c[f] for c in choices])
    first_order[name] = float(pd.Series(y).groupby(levels).agg(lambda s: len(s) * (s.mean() - y.mean()) ** 2).sum() / ((y - y.mean()) ** 2).sum())
stage(f"sensitivity ({runs} runs)", t)
print(f"numpy {'diagnosis total (load + compute)':<38}{diagnosis_time:9.3f} s")
print(f"numpy {'pipeline total (file to sensitivity)':<38}{time.perf_counter() - pipeline:9.3f} s")
ge = regions.index("44")
print(f"numpy check: {len(rows_i)} values; region 44 emploi score {domain_scores[0, ge]:.6f} rank {int(domain_ranks[0, ge])}; mean rank shift {y.mean():.4f}")
