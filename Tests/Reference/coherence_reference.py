#!/usr/bin/env python3
"""Independent reference for Phare's coherence checks (numpy and scipy).

Reads on stdin {"groups": [[[...] per indicator, oriented, null = missing] per group]}
and writes, per group, over the territories with a value on every indicator: the Pearson matrix
(np.corrcoef), the Spearman matrix (scipy.stats.spearmanr, average ranks for ties), Cronbach's
alpha of the standardised values by its variance formula k/(k-1)*(1 - sum var_i / var(sum)), the
eigenvalues of the Pearson matrix (np.linalg.eigh, decreasing) and the first one's share.
"""
import json
import sys

import numpy as np
from scipy import stats


def main():
    case = json.load(sys.stdin)
    out = []
    for group in case["groups"]:
        x = np.array([[np.nan if v is None else v for v in row] for row in group], dtype=float)
        rows = ~np.isnan(x).any(axis=0)
        x = x[:, rows]
        k, n = x.shape
        pearson = np.corrcoef(x)
        spearman = stats.spearmanr(x, axis=1).statistic if k > 2 else None
        if k == 2:
            rho = stats.spearmanr(x[0], x[1]).statistic
            spearman = np.array([[1.0, rho], [rho, 1.0]])
        z = (x - x.mean(axis=1, keepdims=True)) / x.std(axis=1, ddof=1, keepdims=True)
        alpha = k / (k - 1) * (1 - z.var(axis=1, ddof=1).sum() / z.sum(axis=0).var(ddof=1))
        eigenvalues = np.sort(np.linalg.eigh(pearson)[0])[::-1]
        out.append({
            "territories": int(n),
            "pearson": pearson.tolist(),
            "spearman": np.asarray(spearman).tolist(),
            "alpha": float(alpha),
            "eigenvalues": eigenvalues.tolist(),
            "share": float(eigenvalues[0] / k),
        })
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
