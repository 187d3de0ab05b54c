"""Independent reference of the Sobol analysis (Tests/PhareCoreTests/SobolTests.swift).

Reads the JSON document of the file named by its argument, writes one on stdout:
- {"mode": "sequence", "dimensions": d, "count": n}: the first n points of scipy's unscrambled
  Sobol sequence -> {"points": [[...], ...]}.
- {"mode": "indices", "names": [...], "y": [...] or "matrix": [[...]] with "model": "ishigami",
  "resamples": [[...], ...]}: SALib sobol.analyze (calc_second_order=False) on the outputs,
  and SALib's own estimators on the given bootstrap resamples for the interval half-widths
  -> {"S1": [...], "ST": [...], "S1_conf": [...], "ST_conf": [...], "y": [...]}.
"""
import json
import sys

import numpy as np
from scipy.stats import norm, qmc
from SALib.analyze import sobol


def ishigami(x, a=7.0, b=0.1):
    x = -np.pi + 2 * np.pi * np.asarray(x)
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def main():
    with open(sys.argv[1]) as file:
        request = json.load(file)
    if request["mode"] == "sequence":
        engine = qmc.Sobol(d=request["dimensions"], scramble=False)
        points = engine.random(request["count"])
        json.dump({"points": points.tolist()}, sys.stdout)
        return
    names = request["names"]
    d = len(names)
    if "matrix" in request:
        y = ishigami(request["matrix"])
    else:
        y = np.asarray(request["y"], dtype=float)
    problem = {"num_vars": d, "names": names, "bounds": [[0, 1]] * d}
    result = sobol.analyze(problem, y, calc_second_order=False)
    # The intervals on the resamples the Swift code drew, with SALib's estimators.
    z = (y - y.mean()) / y.std()
    a, b, ab, _ = sobol.separate_output_values(z, d, len(z) // (d + 2), False)
    r = np.asarray(request["resamples"], dtype=int).T
    q = norm.ppf(0.975)
    s1_conf = [q * sobol.first_order(a[r], ab[r, j], b[r]).std(ddof=1) for j in range(d)]
    st_conf = [q * sobol.total_order(a[r], ab[r, j], b[r]).std(ddof=1) for j in range(d)]
    json.dump(
        {
            "S1": list(map(float, result["S1"])),
            "ST": list(map(float, result["ST"])),
            "S1_conf": list(map(float, s1_conf)),
            "ST_conf": list(map(float, st_conf)),
            "y": y.tolist(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
