"""What pictures and share cards cost a build: first build (empty cache), rebuild, validation.

    python tests/benchmarks/pictures_benchmark.py [--photos 200] [--runs 3]

Three catalogues, each the example catalogue of this repository:

- `example`: as it is (9 small pictures, 49 listed items, 5 languages: 245 share cards);
- `no pictures`: without any `images:` (share cards still made);
- `N photos`: with N phone photos added to its items (4000×3000 JPEGs of 2–4 MB, half of them
  stored sideways with EXIF orientation 6, with GPS position), made once into
  `tests/benchmarks/out/photos/` and reused.

Each is built with `prilika build` in a fresh process, `runs` times with an empty cache (cold) and
`runs` times with the cache the cold builds left (warm); `prilika validate` is timed too, with an
empty cache (it decodes every picture in full) and again after the builds (pictures that passed
are not decoded again). Prints medians of wall time and CPU time (user + system, of the
process and its workers) and the largest peak memory of one process. Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "tests" / "benchmarks" / "out"
EPOCH = "1795478400"
# Runs a command and prints its own resource use: the children's CPU time and peak memory.
MEASURE = (
    "import resource, subprocess, sys, json; "
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
    "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(json.dumps({'code': code, 'cpu': r.ru_utime + r.ru_stime, 'rss_mb': r.ru_maxrss / 1024}))"
)


def phone_photo(seed: int) -> bytes:
    """A 4000×3000 JPEG that compresses like a photo: a scene with noise, GPS and orientation."""
    from PIL import ExifTags, Image, ImageDraw

    rnd = random.Random(seed)
    small = Image.new("RGB", (1000, 750))
    draw = ImageDraw.Draw(small)
    horizon = rnd.randrange(250, 450)
    draw.rectangle((0, 0, 1000, horizon), fill=(120 + rnd.randrange(60), 170, 230))
    draw.rectangle((0, horizon, 1000, 750), fill=(80 + rnd.randrange(60), 140, 60))
    for _ in range(12):
        x, y = rnd.randrange(1000), rnd.randrange(horizon - 200, horizon + 50)
        colour = tuple(rnd.randrange(60, 220) for _ in range(3))
        draw.rectangle((x, y, x + rnd.randrange(40, 300), y + rnd.randrange(30, 200)), fill=colour)
    image = small.resize((4000, 3000), Image.Resampling.BICUBIC)
    image = Image.blend(image, Image.effect_noise((4000, 3000), 40).convert("RGB"), 0.18)
    orientation = 6 if seed % 2 else 1
    if orientation == 6:
        image = image.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (43.0, 19.0, 12.5), 3: "E", 4: (21.0, 53.0, 47.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def photos(count: int) -> list[Path]:
    folder = OUT / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"IMG_{n:04d}.jpg"
        if not path.exists():
            path.write_bytes(phone_photo(n))
        paths.append(path)
    return paths


def example(folder: Path) -> Path:
    """A copy of the example catalogue in `folder`; returns its mkdocs.yml."""
    for name in ("content", "opportunities"):
        shutil.copytree(REPO / name, folder / name)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


def item_files(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "opportunities").glob("*/*.yaml") if p.name != "publisher.yaml")


def without_pictures(folder: Path) -> None:
    """Every `images:` block taken out of the item files."""
    for path in item_files(folder):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^images:\n(?:[ -].*\n)*", "", text), encoding="utf-8")


def with_photos(folder: Path, sources: list[Path]) -> None:
    """The photos spread over the items, a few each, in their publishers' images/ folders."""
    items = item_files(folder)
    added: dict[Path, list[str]] = {}
    for n, source in enumerate(sources):
        item = items[n % len(items)]
        name = f"images/{source.name}"
        (item.parent / "images").mkdir(exist_ok=True)
        shutil.copy(source, item.parent / name)
        added.setdefault(item, []).append(name)
    for item, names in added.items():
        text = item.read_text(encoding="utf-8")
        entries = "".join(f"  - file: {name}\n" for name in names)
        if re.search(r"(?m)^images:\n", text):
            text = re.sub(r"(?m)^images:\n", "images:\n" + entries, text, count=1)
        else:
            text = text.rstrip("\n") + "\nimages:\n" + entries
        item.write_text(text, encoding="utf-8")


def measure(command: list[str], env: dict[str, str]) -> dict:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], env=env, capture_output=True, text=True)
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    measured["wall"] = time.perf_counter() - started
    if measured["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr[-2000:]}")
    return measured


def run(config: Path, runs: int, work: Path) -> dict[str, list[dict]]:
    base = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    prilika = [sys.executable, "-m", "generator.cli", "-f", str(config)]
    found: dict[str, list[dict]] = {"validate": [], "cold": [], "warm": [], "revalidate": []}
    for n in range(runs):
        cache = work / f"cache-{n}"
        env = {**base, "PRILIKA_CACHE_DIR": str(cache)}
        found["validate"].append(measure([*prilika, "validate"], env))
        found["cold"].append(measure([*prilika, "build", "--site-dir", str(work / f"site-{n}")], env))
        found["warm"].append(measure([*prilika, "build", "--site-dir", str(work / f"site-{n}")], env))
        found["revalidate"].append(measure([*prilika, "validate"], env))
    found["site_mb"] = sum(p.stat().st_size for p in (work / "site-0").rglob("*") if p.is_file()) / 1e6
    media = [p for d in ("media", "pictures") for p in (work / "site-0" / d).rglob("*") if p.is_file()]
    found["pictures_mb"] = sum(p.stat().st_size for p in media) / 1e6
    cards = list((work / "site-0").glob("*/items/*/share-*.jpg"))
    found["cards"] = len(cards)
    found["cards_mb"] = sum(p.stat().st_size for p in cards) / 1e6
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sources = photos(args.photos)
    source_mb = sum(p.stat().st_size for p in sources) / 1e6
    each = source_mb / max(1, args.photos)
    print(f"{args.photos} photos, {source_mb:.0f} MB ({each:.1f} MB each), {os.cpu_count()} cores")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, prepare in (
            ("example", None),
            ("no pictures", without_pictures),
            (f"example + {args.photos} photos", lambda folder: with_photos(folder, sources)),
        ):
            folder = Path(tmp) / name.replace(" ", "-").replace("+", "")
            config = example(folder / "catalogue")
            if prepare:
                prepare(folder / "catalogue")
            found = run(config, args.runs, folder)
            rows.append((name, found))
            shutil.rmtree(folder)
    print(
        "| catalogue | validate (first, again) | first build (empty cache) | rebuild (cache) | peak memory "
        "| published pictures | share cards |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, found in rows:

        def cell(key: str, found: dict = found) -> str:
            wall = statistics.median(m["wall"] for m in found[key])
            cpu = statistics.median(m["cpu"] for m in found[key])
            return f"{wall:.1f} s ({cpu:.1f} s CPU)"

        peak = max(m["rss_mb"] for key in ("validate", "cold", "warm", "revalidate") for m in found[key])
        print(
            f"| {name} | {cell('validate')}, {cell('revalidate')} | {cell('cold')} | {cell('warm')} | {peak:.0f} MB "
            f"| {found['pictures_mb']:.1f} MB | {found['cards']} ({found['cards_mb']:.1f} MB) |"
        )


if __name__ == "__main__":
    main()
