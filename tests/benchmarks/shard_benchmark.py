"""Shard builds (`prilika build --shard K/N`) against one whole build, side by side.

    python tests/benchmarks/shard_benchmark.py [--items N] [--runs R] [--shards 1,2,4]

Writes a synthetic catalogue (`build_benchmark.write_catalogue`: N items under 20 publishers, five
languages), builds it once to fill the picture and share-card cache (as a CI cache would), then,
R times over, builds it whole and as N shards. The shards run one after another, each in a fresh
process, as N CI jobs would run them on N machines: the time a matrix takes is the slowest shard
plus the merge (laying the shard folders over each other, as the final CI job does), not the sum.
Every run checks that the merged folder equals the whole build, file for file and byte for byte.

Prints, per N, the median over the runs of each shard's wall and CPU time, their sum and maximum,
the merge time, and the whole build's time over the slowest shard plus the merge (the speed-up of
a matrix, on machines as fast as this one). CPU time is steadier than wall time on a busy machine.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_benchmark import write_catalogue  # noqa: E402

EPOCH = "1795478400"


def run_build(catalogue: Path, site: Path, shard: str | None) -> tuple[float, float]:
    """Wall and CPU seconds (the child's own rusage, its forked workers included) of one build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)]
    if shard:
        command += ["--shard", shard]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=catalogue, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    errors = child.stderr.read().decode() if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build {shard or 'whole'} failed: {errors}")
    return seconds, usage.ru_utime + usage.ru_stime


def merge(shards: list[Path], target: Path) -> float:
    """Lay the shard folders over each other into `target`, as `cp -r shard-*/. site/` does."""
    start = time.perf_counter()
    target.mkdir()
    for folder in shards:
        subprocess.run(["cp", "-r", f"{folder}/.", str(target)], check=True)
    return time.perf_counter() - start


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shards", default="1,2,4", help="the values of N, comma-separated")
    args = parser.parse_args()
    counts = [int(value) for value in args.shards.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        catalogue = root / "catalogue"
        write_catalogue(catalogue, args.items)
        run_build(catalogue, root / "warm", None)  # fills .prilika-cache, as a restored CI cache would
        whole = tree(root / "warm")
        # times[n] = per run: ([(wall, cpu) per shard], merge seconds)
        times: dict[int, list[tuple[list[tuple[float, float]], float]]] = {n: [] for n in counts}
        for run in range(args.runs):
            for n in counts:
                sites = [root / f"run{run}-n{n}-shard{k}" for k in range(1, n + 1)]
                shard_times = [
                    run_build(catalogue, site, f"{k}/{n}" if n > 1 else None) for k, site in enumerate(sites, 1)
                ]
                merged = root / f"run{run}-n{n}-merged"
                merge_seconds = merge(sites, merged) if n > 1 else 0.0
                if tree(merged if n > 1 else sites[0]) != whole:
                    raise SystemExit(f"N={n}: the merged shards differ from the whole build")
                times[n].append((shard_times, merge_seconds))
                for folder in [*sites, merged]:
                    shutil.rmtree(folder, ignore_errors=True)
        print(f"{args.items} items x 5 languages, {len(whole)} files; medians of {args.runs} runs; shards run one")
        print("after another here (a CI matrix runs them at once, each on its own machine)")
        print(f"{'N':>3} {'shard':>5} {'wall s':>7} {'CPU s':>7}")
        whole_wall = statistics.median(shards[0][0] for shards, _ in times[counts[0]]) if 1 in counts else None
        for n in counts:
            for k in range(n):
                wall = statistics.median(run[0][k][0] for run in times[n])
                cpu = statistics.median(run[0][k][1] for run in times[n])
                print(f"{n:>3} {k + 1:>5} {wall:>7.2f} {cpu:>7.2f}")
        header = ("N", "sum wall", "max wall", "sum CPU", "max CPU", "merge s", "max+merge", "speed-up")
        print(" ".join(f"{h:>9}" for h in header))
        for n in counts:
            sum_wall = statistics.median(sum(w for w, _ in run[0]) for run in times[n])
            max_wall = statistics.median(max(w for w, _ in run[0]) for run in times[n])
            sum_cpu = statistics.median(sum(c for _, c in run[0]) for run in times[n])
            max_cpu = statistics.median(max(c for _, c in run[0]) for run in times[n])
            merge_s = statistics.median(run[1] for run in times[n])
            critical = statistics.median(max(w for w, _ in run[0]) + run[1] for run in times[n])
            speedup = whole_wall / critical if whole_wall else float("nan")
            values = (n, sum_wall, max_wall, sum_cpu, max_cpu, merge_s, critical, speedup)
            print(f"{values[0]:>9d} " + " ".join(f"{v:>9.2f}" for v in values[1:]))


if __name__ == "__main__":
    main()
