"""`prilika validate` of the example catalogue, start to finish, and where its start-up goes.

    python tests/benchmarks/startup_benchmark.py [--runs R]

Runs, R times over and side by side, a bare `python -c pass`, `import generator.cli` and
`prilika validate` of this repository's example catalogue, each in a fresh process, and prints the
median wall and CPU time of each (the target is under 0.5 s for `prilika validate`). Then prints the
modules whose import takes longest (`python -X importtime`, cumulative) and the modules of heavy
libraries a validation should never load (maps, MkDocs, Markdown, numpy). Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("folium", "branca", "numpy", "mkdocs", "material", "markdown", "jinja2", "xstatic", "babel.dates")


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of `command`, run in the repository."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795478400"}
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "import generator.cli": [sys.executable, "-c", "import generator.cli"],
        "prilika validate (example)": [sys.executable, "-m", "generator.cli", "validate"],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    print(f"medians of {args.runs} runs, side by side")
    print(f"{'':<28} {'wall s':>7} {'CPU s':>7}")
    for name, runs in times.items():
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        print(f"{name:<28} {wall:>7.3f} {cpu:>7.3f}")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "generator.cli", "validate"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795478400"},
    )
    imports = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|", 2)
            if cumulative.strip().isdigit():
                imports.append((int(cumulative), name.rstrip()))
    print("slowest imports, cumulative (ms), of `prilika validate`:")
    for micros, name in sorted(imports, reverse=True)[:12]:
        print(f"  {micros / 1000:>7.1f}  {name.strip()}")
    loaded = sorted(
        {name.strip() for _, name in imports if name.strip().split(".")[0] in {h.split(".")[0] for h in HEAVY}}
    )
    print("heavy modules loaded:", ", ".join(loaded) if loaded else "none")


if __name__ == "__main__":
    main()
