#!/usr/bin/env python3
"""Independent reference for Phare's composite fragility scores (numpy).

Reads a JSON case on stdin:
  {"values": [[...] per indicator, null = missing], "national": [...], "sign": [+1|-1, ...],
   "domain": [domain index per indicator], "axis": [axis index per domain],
   "weights": [...], "domain_weights": [...]}
and writes, for every normalisation x imputation x aggregation, the normalised matrix, the
domain and axis scores and their ranks (1 = most fragile, ties "min"), as JSON on stdout.
Written from the JRC/OECD Handbook (2008) and COINr's definitions, not from Phare's code.
"""
import json
import sys

import numpy as np


def rank_average(x):
    """R rank(x, ties.method = "average"), NaN kept."""
    out = np.full(len(x), np.nan)
    idx = [i for i in range(len(x)) if not np.isnan(x[i])]
    for i in idx:
        smaller = sum(1 for j in idx if x[j] < x[i])
        equal = sum(1 for j in idx if x[j] == x[i])
        out[i] = smaller + (equal + 1) / 2.0
    return out


def rank_min_desc(x):
    """Rank 1 = largest, ties share the best rank (R rank(-x, ties.method = "min"))."""
    out = [None] * len(x)
    for i in range(len(x)):
        if np.isnan(x[i]):
            continue
        out[i] = 1 + sum(1 for j in range(len(x)) if not np.isnan(x[j]) and x[j] > x[i])
    return out


def impute(values, national, how):
    v = values.copy()
    for k in range(v.shape[0]):
        row = v[k]
        miss = np.isnan(row)
        if how == "peer-mean" and (~miss).any():
            row[miss] = np.nanmean(values[k])
        elif how == "national" and not np.isnan(national[k]):
            row[miss] = national[k]
    return v


def normalise(v, national, sign, how):
    out = np.full(v.shape, np.nan)
    for k in range(v.shape[0]):
        x = v[k]
        ok = ~np.isnan(x)
        if not ok.any():
            continue
        if how == "zscore":
            sd = np.std(x[ok], ddof=1) if ok.sum() > 1 else 0.0
            z = (x - np.nanmean(x)) / sd if sd > 0 else np.where(ok, 0.0, np.nan)
            out[k] = 100 + 10 * sign[k] * z
        elif how == "minmax":
            lo, hi = np.nanmin(x), np.nanmax(x)
            t = (x - lo) / (hi - lo) if hi > lo else np.where(ok, 0.5, np.nan)
            if sign[k] < 0:
                t = 1 - t
            out[k] = 1 + 99 * t
        elif how == "distance":
            ref = national[k]
            if np.isnan(ref) or ref <= 0:
                continue
            with np.errstate(divide="ignore", invalid="ignore"):
                r = np.where(x > 0, 100 * x / ref if sign[k] > 0 else 100 * ref / x, np.nan)
            out[k] = r
        elif how == "rank":
            out[k] = rank_average(sign[k] * x)
    return out


def combine(scores, weights, groups, n_groups, how):
    P = scores.shape[1]
    out = np.full((n_groups, P), np.nan)
    for g in range(n_groups):
        members = [k for k in range(len(groups)) if groups[k] == g and weights[k] > 0]
        for p in range(P):
            ys = [(scores[k, p], weights[k]) for k in members if not np.isnan(scores[k, p])]
            if not ys:
                continue
            y = np.array([a for a, _ in ys])
            w = np.array([b for _, b in ys])
            if how == "arithmetic":
                out[g, p] = np.sum(w * y) / np.sum(w)
            elif (y > 0).all():
                out[g, p] = np.exp(np.sum(w * np.log(y)) / np.sum(w))
    return out


def main():
    case = json.load(sys.stdin)
    values = np.array([[np.nan if v is None else v for v in row] for row in case["values"]], dtype=float)
    national = np.array([np.nan if v is None else v for v in case["national"]], dtype=float)
    sign = np.array(case["sign"], dtype=float)
    domain = case["domain"]
    axis = case["axis"]
    weights = case["weights"]
    domain_weights = case["domain_weights"]
    results = {}
    for imputation in ["none", "peer-mean", "national"]:
        v = impute(values, national, imputation)
        for normalisation in ["zscore", "minmax", "distance", "rank"]:
            n = normalise(v, national, sign, normalisation)
            for aggregation in ["arithmetic", "geometric"]:
                d = combine(n, weights, domain, len(axis), aggregation)
                a = combine(d, domain_weights, axis, max(axis) + 1, aggregation)
                key = f"{normalisation}/{aggregation}/{imputation}"
                results[key] = {
                    "normalised": [[None if np.isnan(x) else x for x in row] for row in n],
                    "domains": [[None if np.isnan(x) else x for x in row] for row in d],
                    "axes": [[None if np.isnan(x) else x for x in row] for row in a],
                    "domain_ranks": [rank_min_desc(row) for row in d],
                    "axis_ranks": [rank_min_desc(row) for row in a],
                }
    # Indicator ranks on the raw values (1 = most fragile) and R type-7 quantiles of a sample.
    results["indicator_ranks"] = [rank_min_desc(sign[k] * values[k]) for k in range(values.shape[0])]
    sample = np.array(case.get("quantile_sample", [1.0]))
    results["quantiles"] = [float(np.quantile(sample, q)) for q in (0.05, 0.5, 0.95)]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
