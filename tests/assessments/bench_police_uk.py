"""Time the police.uk reader on a generated million-row file against pandas.read_csv.

Run: .venv/bin/python -m tests.assessments.bench_police_uk [rows]
The reader must take at most twice pandas.read_csv of the same file plus the bulk write of its
aggregated rows (the write is the database layer's; this script times the reading side).
"""

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from assessments import demo_tables
from assessments.readers import read_area_lookup, read_police_uk


def best_of(runs: int, function) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(rows: int = 1_000_000) -> None:
    lookup = read_area_lookup(demo_tables.sefton_area_lookup_csv()).frame
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "street.csv"
        generated, _ = best_of(1, lambda: demo_tables.police_uk_bulk_csv(path, rows))
        baseline, _ = best_of(3, lambda: pd.read_csv(path))
        reader, result = best_of(3, lambda: read_police_uk(path, lookup=lookup))
    print(f"generated {rows:,} rows in {generated:.2f}s")
    print(f"pandas.read_csv: {baseline:.2f}s; read_police_uk: {reader:.2f}s")
    print(f"ratio {reader / baseline:.2f} (limit 2.0); {len(result.frame):,} aggregated rows")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
