"""CLI start-up: `eoffice --version`, `--help` and a read verb (`inbox --json` on the demo database), as ratios to a
bare `python -c pass` and to `python -c 'import eoffice'` measured in the same run (every measurement a fresh
child process, after one warm-up run of each; the OS file cache and the byte code cache warm). Also the read
verb's peak memory (max RSS).

    PYTHONPATH=. .venv/bin/python bench/bench_cli_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs one command and prints its max RSS (KB): a fresh wrapper per measurement, so RUSAGE_CHILDREN holds
# that command alone.
RSS_OF = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
          "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def max_rss_kb(cmd: list[str], env: dict[str, str]) -> int:
    out = subprocess.run([sys.executable, "-c", RSS_OF, *cmd], env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    py = sys.executable
    script = Path(py).parent / "eoffice"  # the installed console script, as scripts run it
    eoffice = [str(script)] if script.exists() else [py, "-m", "eoffice"]
    with tempfile.TemporaryDirectory(prefix="bench_cli_") as tmp:
        # Byte code cached (in the temporary directory, not the tree), as an installed package has it: with
        # PYTHONDONTWRITEBYTECODE set every run would compile eoffice's own modules again (~0.2 s).
        env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
               "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache"),
               "EOFFICE_DB": f"sqlite:///{Path(tmp) / 'e.db'}", "EOFFICE_HOME": str(Path(tmp) / "home"),
               "EOFFICE_USER": "gubernur", "EOFFICE_PASSWORD": "demo"}
        subprocess.run([*eoffice, "init"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*eoffice, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        cases = {"python -c pass": [py, "-c", "pass"], "python -c 'import eoffice'": [py, "-c", "import eoffice"],
                 "eoffice --version": [*eoffice, "--version"], "eoffice --help": [*eoffice, "--help"],
                 "eoffice inbox --json": [*eoffice, "inbox", "--json"]}
        for cmd in cases.values():  # warm-up: byte code written, the profile's roots pinned
            timed(cmd, env)
        times: dict[str, list[float]] = {k: [] for k in cases}
        for _ in range(args.runs):  # interleaved, so machine noise falls on every case alike
            for name, cmd in cases.items():
                times[name].append(timed(cmd, env))
        rss = {name: max_rss_kb(cmd, env) for name, cmd in cases.items()}
    bare = statistics.median(times["python -c pass"])
    base = statistics.median(times["python -c 'import eoffice'"])
    print(f"{'case':30} {'median ms':>10} {'x bare':>8} {'x import eoffice':>17} {'max RSS MB':>11}")
    for name in cases:
        m = statistics.median(times[name])
        print(f"{name:30} {m * 1000:10.0f} {m / bare:8.1f} {m / base:17.1f} {rss[name] / 1024:11.0f}")


if __name__ == "__main__":
    main()
