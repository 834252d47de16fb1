"""`prilika serve`: how long a saved change to one item takes to show, at 1,000 items.

    python tests/benchmarks/serve_benchmark.py [--items N] [--edits E] [--code DIR ...]

Writes a synthetic catalogue (`build_benchmark.write_catalogue`: N items under 20 publishers, five
languages), starts `prilika serve` on it and, once it has built, changes the English title of one
item at a time (E edits, each a different item). After each save it waits as a browser showing the
item's English page does (the live-reload request the page makes, answered when the server has
something new to show), then fetches the page until the new title is there ("item page"), then
the English listing ("listing"), and waits for the server to say the rebuild is done ("all"):
exports, feeds, the other pages. Times run from the moment the file is written, so they include
noticing the change.

With `--code DIR` (repeatable) the same is measured with the `generator` package found in DIR
(for example an older commit, `git archive <commit> generator | tar -x -C DIR`), one server after
the other on the same catalogue; `.` is this checkout. Prints every edit and the medians; asserts
nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_benchmark import write_catalogue  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 900.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:
        return answer.read().decode("utf-8", errors="replace")


LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\)")


def shown_after(base: str, path: str, text: str) -> None:
    """Wait as a browser on `path` does until the page holds `text`: the page's live-reload request
    returns when the server shows a newer site, then the page is fetched again."""
    while True:
        page = fetch(base + path)
        if text in page:
            return
        found = LIVERELOAD.search(page)
        if found is None:  # a server without live reload: ask again
            time.sleep(0.05)
            continue
        root = base.split("/en/")[0]
        fetch(f"{root}/livereload/{found.group(1)}/{found.group(2)}")


def wait_for(log: Path, text: str, count: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while log.read_text(errors="replace").count(text) < count:
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"prilika serve stopped or timed out:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.02)


def measure(catalogue: Path, code: Path, edits: int, count: int, root: Path) -> list[tuple[float, float, float]]:
    """(item page, listing, all) seconds after each save."""
    config = catalogue / "mkdocs.yml"
    theme = code / "theme" if (code / "theme").is_dir() else REPO / "theme"
    lines = [
        f"  custom_dir: {theme}" if line.startswith("  custom_dir:") else line
        for line in config.read_text().splitlines()
    ]
    config.write_text("\n".join(lines) + "\n")  # the theme of the same code
    port = free_port()
    log = root / f"serve-{port}.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795478400", "PYTHONPATH": str(code)}
    command = [sys.executable, "-m", "generator.cli", "-f", str(catalogue / "mkdocs.yml"), "serve"]
    with log.open("wb") as output:
        # From the catalogue's folder: `python -m` puts the working folder first on the path.
        process = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{port}"], cwd=catalogue, env=env, stdout=output, stderr=output
        )
    results = []
    try:
        wait_for(log, "serving http://", 1, process)
        wait_for(log, "built in", 1, process)
        base = f"http://127.0.0.1:{port}/en/"
        for n in range(edits):
            item = (7 + 97 * n) % count  # a different item each time, of every kind in turn
            path = catalogue / "opportunities" / f"municipality-{item % 20}" / f"item-{item}.yaml"
            text = path.read_text(encoding="utf-8")
            title = f"Renamed opportunity {n} of item {item}"
            assert title not in fetch(f"{base}items/item-{item}/")
            done_before = log.read_text(errors="replace").count("built in")
            started = time.perf_counter()
            path.write_text(text.replace(f"Opportunity number {item} in", f"{title} in", 1), encoding="utf-8")
            shown_after(base, f"items/item-{item}/", title)
            page = time.perf_counter() - started
            shown_after(base, "opportunities/", title)
            listing = time.perf_counter() - started
            wait_for(log, "built in", done_before + 1, process)
            everything = time.perf_counter() - started
            results.append((page, listing, everything))
            print(f"  {code}: edit {n + 1}: item page {page:.2f} s, listing {listing:.2f} s, all {everything:.2f} s")
            time.sleep(1.0)  # let the machine settle between edits
            path.write_text(text, encoding="utf-8")
            wait_for(log, "built in", done_before + 2, process)
            time.sleep(1.0)
    finally:
        process.terminate()
        process.wait(timeout=60)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--code", action="append", default=[], help="a folder holding the generator package")
    args = parser.parse_args()
    codes = [Path(code).resolve() for code in args.code] or [REPO]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_catalogue(root / "catalogue", args.items)
        # Share cards and pictures come from the cache, as on a second `prilika serve` of a catalogue.
        subprocess.run(
            [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(root / "warm")],
            cwd=root / "catalogue",
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795478400"},
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        medians = {}
        for code in codes:
            results = measure(root / "catalogue", code, args.edits, args.items, root)
            medians[code] = [statistics.median(r[i] for r in results) for i in range(3)]
        print(f"{args.items} items x 5 languages; medians of {args.edits} edits, seconds from the save")
        print(f"{'code':<40} {'item page':>10} {'listing':>10} {'all':>10}")
        for code, (page, listing, everything) in medians.items():
            print(f"{str(code)[-40:]:<40} {page:>10.2f} {listing:>10.2f} {everything:>10.2f}")
        if len(codes) > 1:
            first = medians[codes[0]]
            for code in codes[1:]:
                ratios = " ".join(f"{a / b:>10.1f}" for a, b in zip(first, medians[code], strict=True))
                print(f"{'ratio ' + codes[0].name + ' / ' + code.name:<40} {ratios}")


if __name__ == "__main__":
    main()
