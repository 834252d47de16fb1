"""Validation time and memory of synthetic catalogues, to show it grows linearly with the items.

    python tests/benchmarks/validate_benchmark.py [N ...]      (default: 1000 10000)

For each N it writes N valid items (a third of each kind, texts in the five
example languages, sectors, products, pictures, in-country coordinates) under
20 publishers in Serbia, Kosovo and Montenegro, then runs `prilika validate`
in a fresh process three times. It prints the median wall time, items per
second, the child's peak memory (its own rusage, not this process's), and the
time of each N against the first, also with the start-up cost (the same
catalogue with no items) taken off. Asserts nothing; the target is 10,000
items in under 5 s on a two-core machine.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUNS = 3
PUBLISHERS = 20

# (id, country, seat lat, seat lon, local name): seats well inside their country's box.
TOWNS = [
    ("belgrade", "RS", 44.8125, 20.4612, "Beograd"),
    ("novi-sad", "RS", 45.2671, 19.8335, "Novi Sad"),
    ("nis", "RS", 43.3209, 21.8958, "Niš"),
    ("kragujevac", "RS", 44.0128, 20.9114, "Kragujevac"),
    ("subotica", "RS", 46.1003, 19.6658, "Subotica"),
    ("cacak", "RS", 43.8914, 20.3497, "Čačak"),
    ("kraljevo", "RS", 43.7258, 20.6894, "Kraljevo"),
    ("leskovac", "RS", 42.9981, 21.9461, "Leskovac"),
    ("pristina", "XK", 42.6629, 21.1655, "Prishtina"),
    ("prizren", "XK", 42.2139, 20.7397, "Prizren"),
    ("peja", "XK", 42.6593, 20.2883, "Peja"),
    ("gjakova", "XK", 42.3803, 20.4308, "Gjakova"),
    ("ferizaj", "XK", 42.3702, 21.1553, "Ferizaj"),
    ("gjilan", "XK", 42.4635, 21.4694, "Gjilan"),
    ("podgorica", "ME", 42.4304, 19.2594, "Podgorica"),
    ("niksic", "ME", 42.7731, 18.9445, "Nikšić"),
    ("bar", "ME", 42.0931, 19.1003, "Bar"),
    ("berane", "ME", 42.8425, 19.8733, "Berane"),
    ("pljevlja", "ME", 43.3567, 19.3584, "Pljevlja"),
    ("bijelo-polje", "ME", 43.0383, 19.7476, "Bijelo Polje"),
]

PUBLISHER = """# yaml-language-server: $schema=../../schema/publisher.json
name:
  en: Municipality of {name}
  de: Gemeinde {name}
  sr-Latn: Opština {name}
  sq: Komuna {name}
type: municipality
country: {country}
region: {name} region
location:
  lat: {lat}
  lon: {lon}
contact:
  name: Local Economic Development Office
  email: invest@{id}.example
  phone: +381 11 3000 {n:03d}
website: https://{id}.example
about:
  en: The {name} office helps investors from the first visit to the opening day.
  de: Das Büro in {name} begleitet Investoren vom ersten Besuch bis zur Eröffnung.
  sr-Latn: Kancelarija u mestu {name} prati investitore od prve posete do otvaranja.
  sq: Zyra në {name} i shoqëron investitorët nga vizita e parë deri në hapje.
maintainers: [{id}-office]
"""

COMMON = """title:
  en: {what} number {n} in {name}
  de: {what_de} Nummer {n} in {name}
  sr-Latn: {what_sr} broj {n} u mestu {name}
  sq: {what_sq} numër {n} në {name}
summary:
  en: A well connected opportunity {km} km from the highway, with utilities in place and support from the municipality.
  de: Ein gut angebundenes Angebot {km} km von der Autobahn, erschlossen und von der Gemeinde unterstützt.
  sr-Latn: Dobro povezana prilika {km} km od autoputa, sa infrastrukturom i podrškom opštine.
  sq: Një mundësi e lidhur mirë {km} km nga autostrada, me infrastrukturë dhe mbështetje nga komuna.
description:
  en: |
    The location lies **{km} km** from the highway exit.

    - electricity and water on site
    - zoning approved
  de: Der Standort liegt **{km} km** von der Autobahnausfahrt.
  sr-Latn: Lokacija je **{km} km** od izlaza sa autoputa.
  sq: Vendndodhja është **{km} km** nga dalja e autostradës.
sectors: [{sectors}]
published: {published}
valid_until: 2099-12-31
tags: [export, logistics]
"""

SITE = """kind: site
location:
  lat: {lat}
  lon: {lon}
  address: Industrial zone, plot {n}
site_type: {site_type}
area_m2: {area}
building_area_m2: {building}
ownership: {ownership}
zoning: industrial
price_eur: {price}
lease_eur_per_m2_year: 1.5
utilities:
  electricity: true
  water: true
  sewage: {sewage}
  gas: false
  telecom: true
distances_km:
  highway: {km}
  airport: 35
  railway: 4.5
  border_crossing: 60
  city_centre: 3
images:
  - file: images/plot.png
    caption:
      en: Aerial view
      de: Luftbild
"""

PROJECT = """kind: project
location: {{lat: {lat}, lon: {lon}}}
investment_eur: {{min: {low}, max: {high}}}
model: {model}
stage: {stage}
contact:
  name: Project office
  email: projects@example.org
"""

SME = """kind: sme
location: {{lat: {lat}, lon: {lon}}}
company: Company {n} d.o.o.
seeking: [investment, partnership]
founded: {founded}
employees: {employees}
website: https://company-{n}.example
products:
  - name:
      en: Frozen raspberries
      de: Tiefgekühlte Himbeeren
    hs: "0811"
  - name: Fruit juice
    hs: "2009"
certifications: [HACCP, ISO 9001]
export_markets: [DE, AT, CH]
"""

WHAT = {
    "site": ("Industrial plot", "Industriegrundstück", "Industrijska parcela", "Truall industrial"),
    "project": ("Solar park project", "Solarparkprojekt", "Projekat solarnog parka", "Projekt i parkut diellor"),
    "sme": ("Fruit processor", "Obstverarbeiter", "Prerađivač voća", "Përpunues frutash"),
}
SECTORS = ['"C"', '"10.39"', '"35.11"', '"52.10"', '"01.24", "10.32"', '"I", "55.10"', '"62.01"']
PICTURE = REPO / "tests" / "fixtures" / "good" / "opportunities" / "testgrad" / "images" / "plot.png"


def write_catalogue(folder: Path, count: int, seed: int = 1) -> None:
    """N valid items spread over the publishers, coordinates within ~0.1° of each seat."""
    rng = random.Random(seed)
    config = (REPO / "tests" / "fixtures" / "good" / "mkdocs.yml").read_text(encoding="utf-8")
    folder.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(config.replace("../../../theme", str(REPO / "theme")), encoding="utf-8")
    towns = TOWNS[:PUBLISHERS]
    for n, (pid, country, lat, lon, name) in enumerate(towns):
        target = folder / "opportunities" / pid
        (target / "images").mkdir(parents=True)
        shutil.copyfile(PICTURE, target / "images" / "plot.png")
        text = PUBLISHER.format(id=pid, name=name, country=country, lat=lat, lon=lon, n=n)
        (target / "publisher.yaml").write_text(text, encoding="utf-8")
    kinds = ("site", "project", "sme")
    for n in range(count):
        kind = kinds[n % 3]
        pid, _country, lat, lon, name = towns[rng.randrange(len(towns))]
        what, what_de, what_sr, what_sq = WHAT[kind]
        values = {
            "n": n,
            "name": name,
            "what": what,
            "what_de": what_de,
            "what_sr": what_sr,
            "what_sq": what_sq,
            "km": rng.randint(1, 40),
            "sectors": rng.choice(SECTORS),
            "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "lat": round(lat + rng.uniform(-0.03, 0.03), 4),  # about 3 km: every point stays in its town's country
            "lon": round(lon + rng.uniform(-0.03, 0.03), 4),
            "site_type": rng.choice(["greenfield", "brownfield", "building"]),
            "area": rng.randint(1_000, 500_000),
            "building": rng.randint(100, 20_000),
            "ownership": rng.choice(["public", "private", "mixed"]),
            "price": rng.randint(10, 5_000) * 1000,
            "sewage": rng.choice(["true", "false"]),
            "low": rng.randint(1, 20) * 500_000,
            "model": rng.choice(["ppp", "concession", "joint_venture", "equity", "loan", "sale"]),
            "stage": rng.choice(["idea", "feasibility", "design", "permitted", "operating"]),
            "founded": rng.randint(1950, 2024),
            "employees": rng.randint(1, 250),
        }
        values["high"] = values["low"] * 2
        body = {"site": SITE, "project": PROJECT, "sme": SME}[kind].format(**values) + COMMON.format(**values)
        path = folder / "opportunities" / pid / f"{kind}-{n}.yaml"
        path.write_text(body, encoding="utf-8")


def timed_validate(folder: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident memory (MB) of one `prilika validate` in a fresh process."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795478400"}
    command = [sys.executable, "-m", "generator.cli", "-f", str(folder / "mkdocs.yml"), "validate"]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"validation failed ({child.returncode}): {errors}")
    peak_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return seconds, usage.ru_utime + usage.ru_stime, peak_mb


def measure(count: int) -> tuple[float, float, float]:
    """Median wall seconds, median CPU seconds and the largest peak memory of the runs."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "catalogue"
        write_catalogue(folder, count)
        runs = [timed_validate(folder) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), max(r[2] for r in runs)


def main(sizes: list[int]) -> None:
    startup, startup_cpu, startup_mb = measure(0)
    print(
        f"start-up (20 publishers, no items): {startup:.2f} s wall, {startup_cpu:.2f} s CPU, {startup_mb:.0f} MB; "
        f"medians of {RUNS} runs (CPU time is steadier than wall time on a busy machine)"
    )
    header = ("items", "wall s", "CPU s", "items/s", "peak MB", "wall ratio", "CPU ratio", "net CPU ratio")
    print(" ".join(f"{h:>{max(len(h), 7)}}" for h in header))
    first: tuple[int, float, float] | None = None
    for count in sizes:
        median, cpu, peak = measure(count)
        if first is None:
            first = (count, median, cpu)
        net = (cpu - startup_cpu) / max(first[2] - startup_cpu, 1e-9)
        values = (count, median, cpu, count / median, peak, median / first[1], cpu / first[2], net)
        formats = ("d", ".2f", ".2f", ".0f", ".0f", ".2f", ".2f", ".2f")
        print(" ".join(f"{v:>{max(len(h), 7)}{f}}" for v, f, h in zip(values, formats, header, strict=True)))
    if first is not None and len(sizes) > 1:
        linear = sizes[-1] / first[0]
        print(f"(ratios against {first[0]} items; with linear growth the net CPU ratio is near {linear:g})")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
