"""Independent reference of the outlier treatment (Tests/PhareCoreTests/OutlierTreatmentTests.swift).

Reads {"series": [[...], ...]} (null = missing) from the file named by the argument; writes, per
series, scipy's bias-adjusted skewness and excess kurtosis (scipy.stats.skew(bias=False),
scipy.stats.kurtosis(fisher=True, bias=False), COINr's skew and kurt) and COINr's default
treatment re-implemented here with numpy: winsorise up to 5 points while |skew| >= 2 and
kurtosis >= 3.5, else log(x - min + 0.01 (max - min)) of the raw values.
"""
import json
import sys

import numpy as np
from scipy.stats import kurtosis, skew


def passes(x):
    return abs(skew(x, bias=False)) < 2 or kurtosis(x, fisher=True, bias=False) < 3.5


def treat(x):
    x = np.asarray(x, dtype=float)
    if passes(x):
        return "none", x
    y = x.copy()
    last_high, last_low = [], []
    while not passes(y) and len(last_high) + len(last_low) < 5:
        if skew(y, bias=False) >= 0:
            top = y.max()
            last_high = np.flatnonzero(y == top)
            y[last_high] = y[y != top].max()
        else:
            bottom = y.min()
            last_low = np.flatnonzero(y == bottom)
            y[last_low] = y[y != bottom].min()
    if passes(y):
        return "winsorised", y
    return "log", np.log(x - x.min() + 0.01 * (x.max() - x.min()))


def main():
    with open(sys.argv[1]) as file:
        request = json.load(file)
    out = []
    for series in request["series"]:
        values = np.array([v for v in series if v is not None], dtype=float)
        treatment, treated = treat(values)
        out.append(
            {
                "skewness": float(skew(values, bias=False)),
                "kurtosis": float(kurtosis(values, fisher=True, bias=False)),
                "treatment": treatment,
                "treated": treated.tolist(),
            }
        )
    json.dump({"results": out}, sys.stdout)


if __name__ == "__main__":
    main()
