"""Why the languages are ours and not mkdocs-static-i18n's: the same pages, built both ways.

    python -m pip install -e ".[bench]" && python tests/benchmarks/i18n_benchmark.py [N]

Writes N Markdown item pages per language (5 languages) and builds them with
Material twice: once with mkdocs-static-i18n (folder layout, one build pass per
language, as it works), once as one plain MkDocs build of the same files in
per-language folders, every page in the navigation (Material renders the whole
navigation into every page, so this one grows with the square of the pages).
Then a third row: N items as a Prilika catalogue built by `prilika build`, whose
item pages are outside the navigation and filled into one rendered page.
Prints medians of three runs; asserts nothing.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_benchmark import write_catalogue  # noqa: E402

LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
RUNS = 3

PAGE = """# Opportunity {n} ({lang})

Level land zoned for industry, {n} metres from the motorway, with power and water at the road.

| fact | value |
| --- | --- |
| Land area | {n} m² |
| Price | {n} EUR |
"""


def write_docs(folder: Path, count: int) -> None:
    for lang in LANGUAGES:
        for n in range(count):
            path = folder / "docs" / lang / "items" / f"item-{n}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(PAGE.format(n=n, lang=lang), encoding="utf-8")
        (folder / "docs" / lang / "index.md").write_text(f"# Home ({lang})\n", encoding="utf-8")


def config(i18n: bool) -> str:
    # Material has no sr-Latn or sr-Cyrl language file: both builds borrow Prilika's.
    text = "site_name: bench\ntheme:\n  name: material\n  font: false\n  custom_dir: overrides\n"
    if i18n:
        languages = "".join(
            f"        - locale: {lang}\n          name: {lang}\n          build: true\n"
            + ("          default: true\n" if lang == "en" else "")
            for lang in LANGUAGES
        )
        text += f"plugins:\n  - i18n:\n      docs_structure: folder\n      languages:\n{languages}"
    return text


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_docs(root, count)
        partial = root / "overrides" / "partials" / "languages"
        partial.mkdir(parents=True)
        for name in ("sr-Latn.html", "sr-Cyrl.html"):
            shutil.copy(HERE.parents[1] / "theme" / "partials" / "languages" / name, partial)
        (root / "i18n.yml").write_text(config(True), encoding="utf-8")
        (root / "plain.yml").write_text(config(False), encoding="utf-8")
        catalogue = root / "catalogue"
        catalogue.mkdir()
        write_catalogue(catalogue, count)
        rows = []
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "out", "-f"]
        for name, command, cwd in (
            ("mkdocs-static-i18n", [*mkdocs, "i18n.yml"], root),
            ("one MkDocs build", [*mkdocs, "plain.yml"], root),
            ("prilika build", ["prilika", "build", "--site-dir", str(root / "p-out")], catalogue),
        ):
            times = []
            for _ in range(RUNS):
                shutil.rmtree(root / "out", ignore_errors=True)
                times.append(timed(command, cwd))
            rows.append((name, statistics.median(times)))
        print(f"{count} items x {len(LANGUAGES)} languages, medians of {RUNS} runs")
        base = rows[1][1]
        for name, seconds in rows:
            print(f"  {name:<20} {seconds:7.2f} s   {seconds / base:5.2f} x one MkDocs build")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
