#!/usr/bin/env python3
"""Independent reference for Phare's composite fragility scores (numpy).

Reads a JSON case on stdin:
  {"values": [[...] per indicator, null = missing], "national": [...], "sign": [+1|-1, ...],
   "domain": [domain index per indicator], "axis": [axis index per domain],
   "weights": [...], "domain_weights": [...], "aggregations": ["arithmetic", "power:2", ...]}
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


def copeland(block, w):
    """Copeland scores of the columns of block (components x peers): Munda & Nardo (2009), COINr
    a_copeland, weights renormalised over the components a pair both has."""
    P = block.shape[1]
    present = ~np.isnan(block).all(axis=0)
    out = np.full(P, np.nan)
    for i in range(P):
        if not present[i]:
            continue
        score = 0
        for j in range(P):
            if j == i or not present[j]:
                continue
            both = ~np.isnan(block[:, i]) & ~np.isnan(block[:, j])
            if not both.any():
                continue
            ww = w[both] / w[both].sum()
            e = ww[block[both, i] > block[both, j]].sum() + ww[block[both, i] == block[both, j]].sum() / 2
            score += 1 if e > 0.5 else (-1 if e < 0.5 else 0)
        out[i] = score
    return out


def combine(scores, weights, groups, n_groups, how):
    P = scores.shape[1]
    out = np.full((n_groups, P), np.nan)
    for g in range(n_groups):
        members = [k for k in range(len(groups)) if groups[k] == g and weights[k] > 0]
        if how == "copeland":
            if members:
                out[g] = copeland(scores[members], np.array([weights[k] for k in members], dtype=float))
            continue
        block = scores[members] if members else np.zeros((0, P))
        shift = 0.0
        if how == "shifted-geometric" and not np.isnan(block).all():
            shift = max(0.0, 1.0 - np.nanmin(block))
        for p in range(P):
            ys = [(scores[k, p], weights[k]) for k in members if not np.isnan(scores[k, p])]
            if not ys:
                continue
            y = np.array([a for a, _ in ys])
            w = np.array([b for _, b in ys])
            if how == "arithmetic":
                out[g, p] = np.sum(w * y) / np.sum(w)
            elif how == "shifted-geometric":
                out[g, p] = np.exp(np.sum(w * np.log(y + shift)) / np.sum(w)) - shift
            elif not (y > 0).all():
                continue
            elif how == "geometric":
                out[g, p] = np.exp(np.sum(w * np.log(y)) / np.sum(w))
            elif how == "harmonic":
                out[g, p] = np.sum(w) / np.sum(w / y)
            elif how.startswith("power:"):
                q = float(how[len("power:"):])
                out[g, p] = (np.sum(w * y ** q) / np.sum(w)) ** (1 / q)
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
            for aggregation in case.get("aggregations", ["arithmetic", "geometric"]):
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
