"""Screenshots of the example catalogue for review (not a test).

    python tests/browser/screenshots.py OUTDIR

Builds the example catalogue, serves it under /catalogue/ and saves PNGs at desktop
(1280x900) and phone (390x844) size of the home page, the listing filtered to sites,
the map, an item page and a shortlist of three items, in English and Serbian Cyrillic.
Map tiles are blank (the run is offline).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_server import REPO, Watch, build, launch, serve  # noqa: E402

LANGUAGES = ["en", "sr-Cyrl"]
SIZES = {"desktop": ({"width": 1280, "height": 900}, {}), "phone": ({"width": 390, "height": 844}, {"is_mobile": True})}
ITEM = "nis-plot-north-zone"
SHORTLIST = ["nis-plot-north-zone", "bar-olive-mill", "cacak-sme-berries"]
PAGES = [
    ("home", "{lang}/", None),
    ("listing-sites", "{lang}/opportunities/?kind=site", '.prilika-listing[data-ready="true"]'),
    ("map", "{lang}/map/", '.prilika-map[data-map="all"][data-ready="true"]'),
    ("item", "{lang}/items/" + ITEM + "/", ".prilika-map--small.leaflet-container"),
    ("shortlist", "{lang}/shortlist/?ids=" + ",".join(SHORTLIST), ".prilika-shortlist [data-item-id]"),
]


def main(out: Path) -> list[Path]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(REPO / "mkdocs.yml", site)
        with serve(site, Path(tmp) / "served") as base, sync_playwright() as playwright:
            browser = launch(playwright)
            for device, (viewport, options) in SIZES.items():
                watch = Watch()
                context = browser.new_context(viewport=viewport, device_scale_factor=1, **options)
                context.set_default_timeout(10_000)
                watch.attach(context)
                page = context.new_page()
                for language in LANGUAGES:
                    for name, path, ready in PAGES:
                        page.goto(base + path.format(lang=language))
                        if ready:
                            try:
                                page.wait_for_selector(ready)
                            except PlaywrightTimeout:
                                print(f"warning: {path.format(lang=language)}: {ready} did not appear", file=sys.stderr)
                        page.wait_for_timeout(400)  # map animations
                        target = out / f"{language}-{name}-{device}.png"
                        page.screenshot(path=str(target))
                        written.append(target)
                for problem in watch.problems():
                    print(f"warning: {device}: {problem}", file=sys.stderr)
                context.close()
            browser.close()
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in main(Path(sys.argv[1])):
        print(path)
