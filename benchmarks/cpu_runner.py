#!/usr/bin/env python3
"""Runs shell commands in interleaved rounds and reports each one's median client CPU.

    cpu_runner.py ROUNDS NAME=COMMAND [NAME=COMMAND ...]

Each command's standard output goes to a temporary file; varbinds are the lines that start
with ".1." or ".0." or ".2." (numeric OIDs). CPU is user+system of the whole child tree,
from the kernel (os.wait4), so other load on the machine changes wall time but not CPU.
Prints one JSON object per command: name, varbinds, median cpu_s, wall_s, us_per_varbind.
"""
import json, os, statistics, subprocess, sys, tempfile, time

def run(command):
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        process = subprocess.Popen(["sh", "-c", command], stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - start
        err = process.stderr.read().decode(errors="replace")
        if status != 0:
            sys.exit(f"command failed ({status}): {command}\n{err}")
        out.seek(0)
        varbinds = sum(1 for line in out if line[:3] in (b".1.", b".0.", b".2."))
        return usage.ru_utime + usage.ru_stime, wall, varbinds

def main():
    rounds = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    samples = {name: [] for name, _ in commands}
    for _ in range(rounds):
        for name, command in commands:
            samples[name].append(run(command))
    for name, _ in commands:
        cpu = statistics.median(s[0] for s in samples[name])
        wall = statistics.median(s[1] for s in samples[name])
        varbinds = samples[name][-1][2]
        print(json.dumps({"name": name, "varbinds": varbinds, "cpu_s": round(cpu, 4), "wall_s": round(wall, 4),
                          "us_per_varbind": round(cpu * 1e6 / max(varbinds, 1), 3)}))

main()
