#!/usr/bin/env python
"""Turn locust's ``--csv`` statistics into the Markdown table of bench/README.md.

Usage: ``.venv/bin/python bench/locust_summary.py var/bench/locust_stats.csv var/bench/locust_failures.csv``
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def main() -> None:
    stats = list(csv.DictReader(Path(sys.argv[1]).read_text().splitlines()))
    failures_path = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    lines = [
        "| request | method | count | failures | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in stats:
        name = f"**{row['Name']}**" if row["Name"] == "Aggregated" else row["Name"]
        lines.append(
            f"| {name} | {row['Type']} | {int(row['Request Count']):,} | {row['Failure Count']} "
            f"| {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} "
            f"| {float(row['Max Response Time']):.0f} |"
        )
    if failures_path and failures_path.exists():
        failures = list(csv.DictReader(failures_path.read_text().splitlines()))
        if failures:
            lines += ["", "Failures:", ""]
            lines += [f"* {f['Method']} {f['Name']}: {f['Occurrences']} × {f['Error']}" for f in failures]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
