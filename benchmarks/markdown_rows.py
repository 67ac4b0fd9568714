#!/usr/bin/env python3
"""Turns cpu_runner.py's JSON lines into Markdown table rows, with each client's CPU per
varbind as a ratio to the first command's (the reference peer)."""
import json, sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
reference = rows[-1]["us_per_varbind"] if rows else 1
for r in rows:
    ratio = r["us_per_varbind"] / reference if reference else float("nan")
    print(f'| {r["name"]} | {r["varbinds"]} | {r["cpu_s"] * 1000:.1f} ms | {r["us_per_varbind"]:.3f} | {ratio:.2f} | {r["wall_s"] * 1000:.0f} ms |')
