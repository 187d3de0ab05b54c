#!/usr/bin/env python3
"""What `phare indicators import` does, written with DuckDB: read the wide file (';', decimal
comma), check it (known communes, no repeated line), unpivot it to one row per value with the
mapping, store it, and compute and store the aggregates up the tree (départements, EPCI,
regions, France: counts summed, ratios of summed counts, rates as population-weighted means),
in one transaction, into a DuckDB file. Prints one line with the time it took.

Usage: import_duckdb.py DATA_DIR WORK_DIR"""
import os
import sys
import time

import duckdb

data, work = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
tree = os.path.join(here, "../../Sources/PhareCore/Resources/territories.tsv")

start = time.perf_counter()
path = os.path.join(work, "bench-duckdb.duckdb")
for suffix in ("", ".wal"):
    if os.path.exists(path + suffix):
        os.remove(path + suffix)
db = duckdb.connect(path)
db.execute("BEGIN TRANSACTION")
db.execute(
    "CREATE TABLE territory AS SELECT * FROM read_csv(?, delim = '\t', header = true, all_varchar = true)", [tree]
)
db.execute(
    "CREATE TABLE indicator AS SELECT * FROM read_csv(?, delim = ';', header = true, all_varchar = true)",
    [os.path.join(data, "catalogue.csv")],
)
db.execute(
    """CREATE TEMP TABLE mapping AS SELECT "column" AS name, indicator, CAST(year AS INTEGER) AS year
       FROM read_csv(?, delim = ';', header = true, all_varchar = true)""",
    [os.path.join(data, "mapping.csv")],
)
db.execute(
    """CREATE TEMP TABLE wide AS SELECT * FROM read_csv(?, delim = ';', decimal_separator = ',', header = true,
       types = {'CODGEO': 'VARCHAR'})""",
    [os.path.join(data, "wide.csv")],
)
unknown = db.execute(
    """SELECT COUNT(*) FROM wide w WHERE NOT EXISTS
       (SELECT 1 FROM territory t WHERE t.level = 'commune' AND t.code = w.CODGEO)"""
).fetchone()[0]
repeated = db.execute("SELECT COUNT(*) - COUNT(DISTINCT CODGEO) FROM wide").fetchone()[0]
if unknown or repeated:
    db.execute("ROLLBACK")
    sys.exit(f"refused: {unknown} unknown communes, {repeated} repeated lines")
db.execute(
    """CREATE TABLE indicator_value AS
       SELECT m.indicator AS indicator_code, 'commune' AS territory_level, u.CODGEO AS territory_code, m.year,
              CAST(u.value AS DOUBLE) AS value, 1 AS dataset_id
       FROM (UNPIVOT wide ON COLUMNS(* EXCLUDE (CODGEO)) INTO NAME name VALUE value) u
       JOIN mapping m ON m.name = u.name"""
)
db.execute(
    """CREATE TEMP TABLE up AS
       WITH c AS (SELECT code, parent, epci, COALESCE(TRY_CAST(population AS DOUBLE), 0) AS pop
                  FROM territory WHERE level = 'commune')
       SELECT c.code AS commune, 'departement' AS level, c.parent AS code, c.pop FROM c
       UNION ALL SELECT c.code, 'epci', c.epci, c.pop FROM c WHERE c.epci <> ''
       UNION ALL SELECT c.code, 'region', d.parent, c.pop FROM c
                 JOIN territory d ON d.level = 'departement' AND d.code = c.parent
       UNION ALL SELECT c.code, 'pays', 'FR', c.pop FROM c"""
)
db.execute(
    """CREATE TABLE indicator_aggregate AS
       WITH base AS (
           SELECT v.indicator_code, u.level, u.code, v.year, ANY_VALUE(k.aggregation) AS aggregation,
                  SUM(v.value) AS s, SUM(v.value * u.pop) AS wp, SUM(u.pop) AS w
           FROM indicator_value v
           JOIN up u ON u.commune = v.territory_code
           JOIN indicator k ON k.code = v.indicator_code
           GROUP BY v.indicator_code, u.level, u.code, v.year)
       SELECT indicator_code, level AS territory_level, code AS territory_code, year,
              CASE WHEN aggregation = 'sum' THEN s ELSE wp / NULLIF(w, 0) END AS value, 2 AS flags
       FROM base
       UNION ALL
       SELECT r.code, n.level, n.code, n.year, CAST(r.scale AS DOUBLE) * n.s / NULLIF(d.s, 0), 2
       FROM indicator r
       JOIN base n ON n.indicator_code = r.numerator
       JOIN base d ON d.indicator_code = r.denominator AND d.level = n.level AND d.code = n.code AND d.year = n.year
       WHERE r.aggregation = 'ratio'"""
)
db.execute("COMMIT")
db.close()
values = duckdb.connect(path, read_only=True)
count = values.execute("SELECT COUNT(*) FROM indicator_value").fetchone()[0]
aggregates = values.execute("SELECT COUNT(*) FROM indicator_aggregate").fetchone()[0]
elapsed = time.perf_counter() - start
print(f"duckdb {'import (read, unpivot, store + aggregates)':<44}{elapsed:9.3f} s")
print(f"duckdb check: {count} values, {aggregates} aggregates, duckdb {duckdb.__version__}")
