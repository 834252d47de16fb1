"""How the listing and the map behave in a browser with 5,000 items.

    python tests/benchmarks/listing_benchmark.py [N]      (default: 5000)

Writes a synthetic catalogue of N items (the generator of build_benchmark.py),
builds it with `prilika build`, serves it under /catalogue/ and measures in headless
Chromium, over five runs each in a fresh browser context (cold cache), the medians of:

- listing time to interactive: navigation start to `.prilika-listing[data-ready=true]`;
- filter: clicking a kind checkbox, until its synchronous handler returns, and until
  the next paint (a task queued from requestAnimationFrame);
- search: setting the search field and dispatching `input`, the same two ways;
- the listing page's transfer: HTML, JSON, JS, CSS and the rest, as served (the
  test server does not compress) and gzip-compressed as a static host would serve it;
- map page: navigation start until `.prilika-map[data-map=all][data-ready=true]` shows
  a marker cluster.

Targets: filter and search under 50 ms. Prints figures; asserts nothing.
"""

from __future__ import annotations

import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(HERE), str(REPO / "tests" / "browser")]

from build_benchmark import write_catalogue  # noqa: E402
from site_server import BUILD_EPOCH, Watch, launch, serve  # noqa: E402

RUNS = 5
TARGET_MS = 50.0
LISTING_READY = '.prilika-listing[data-ready="true"]'
MAP_READY = '.prilika-map[data-map="all"][data-ready="true"]'

# Records, from before any page script runs, when the listing became ready and when the map showed a cluster.
OBSERVE = """
(() => {
  window.__bench = {listingReady: null, mapShown: null};
  const check = () => {
    const b = window.__bench;
    if (b.listingReady === null && document.querySelector('.prilika-listing[data-ready="true"]')) {
      b.listingReady = performance.now();
    }
    if (b.mapShown === null) {
      const cluster = document.querySelector('.prilika-map[data-map="all"][data-ready="true"] .marker-cluster');
      if (cluster && cluster.getClientRects().length > 0) b.mapShown = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""

# Time one change: the synchronous part, then the next paint (a task queued from the next animation frame).
TIMED_CHANGE = """
([kind, value]) => new Promise((resolve) => {
  const form = document.querySelector('form.prilika-filters');
  const count = () => (document.querySelector('.prilika-count') || {}).textContent;
  const before = count();
  const t0 = performance.now();
  if (kind === 'click') {
    form.querySelector(value).click();
  } else {
    const q = form.querySelector('input[name="q"]');
    q.value = value;
    q.dispatchEvent(new Event('input', {bubbles: true}));
  }
  const t1 = performance.now();
  const changedSync = count() !== before;
  requestAnimationFrame(() => setTimeout(() => {
    resolve({sync: t1 - t0, paint: performance.now() - t0, changedSync: changedSync, count: count()});
  }, 0));
})
"""

RESOURCES = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const rows = [{url: nav.name, type: 'html', transfer: nav.transferSize, body: nav.encodedBodySize,
                 decoded: nav.decodedBodySize}];
  for (const r of performance.getEntriesByType('resource')) {
    rows.push({url: r.name, type: r.initiatorType, transfer: r.transferSize, body: r.encodedBodySize,
               decoded: r.decodedBodySize});
  }
  return rows;
}
"""


def kind_of(url: str, initiator: str) -> str:
    path = urlsplit(url).path
    if initiator == "html":
        return "html"
    for suffix, name in ((".json", "json"), (".js", "js"), (".css", "css")):
        if path.endswith(suffix):
            return name
    return "other"


def build(catalogue: Path, site: Path) -> float:
    command = [shutil.which("prilika") or "", "build", "--site-dir", str(site)]
    if not command[0]:
        command = [sys.executable, "-m", "generator.cli", "build", "--site-dir", str(site)]
    env = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    start = time.perf_counter()
    subprocess.run(command, cwd=catalogue, env={**os.environ, **env}, check=True, capture_output=True)
    return time.perf_counter() - start


def transfer_table(rows: list[dict], site: Path) -> list[str]:
    """Bytes per kind of file as served, and gzip-compressed (level 6) as a static host would send them."""
    totals: dict[str, list[int]] = {}
    for row in rows:
        path = unquote(urlsplit(row["url"]).path)
        local = site / path.split("/catalogue/", 1)[1] if "/catalogue/" in path else None
        if local is not None and local.is_dir():
            local = local / "index.html"
        body = row["body"] or row["decoded"] or 0
        gz = len(gzip.compress(local.read_bytes(), 6)) if local is not None and local.is_file() else body
        entry = totals.setdefault(kind_of(row["url"], row["type"]), [0, 0, 0])
        entry[0] += 1
        entry[1] += body
        entry[2] += gz
    lines, grand = [], [0, 0, 0]
    for name in ("html", "json", "js", "css", "other"):
        if name in totals:
            files, body, gz = totals[name]
            grand = [grand[0] + files, grand[1] + body, grand[2] + gz]
            lines.append(f"  {name:<6} {files:>3} files {body / 1024:>9.1f} KiB as served {gz / 1024:>9.1f} KiB gzip")
    lines.append(f"  total  {grand[0]:>3} files {grand[1] / 1024:>9.1f} KiB as served {grand[2] / 1024:>9.1f} KiB gzip")
    return lines


def median(values: list[float]) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def fmt(ms: float) -> str:
    return f"{ms:8.1f} ms"


def main(count: int) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"writing {count} items ...", flush=True)
        write_catalogue(root / "catalogue", count)
        print("building with prilika build ...", flush=True)
        seconds = build(root / "catalogue", root / "site")
        print(f"built in {seconds:.1f} s")
        site = root / "site"

        results: dict[str, list] = {k: [] for k in ("tti", "dcl", "f_sync", "f_paint", "s_sync", "s_paint", "map")}
        notes: set[str] = set()
        counts: dict[str, str] = {}
        transfer_rows: list[dict] = []
        with serve(site, root / "served") as base, sync_playwright() as playwright:
            browser = launch(playwright)
            for run in range(RUNS):
                watch = Watch()
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.set_default_timeout(60_000)
                context.add_init_script(OBSERVE)
                watch.attach(context)
                page = context.new_page()

                page.goto(base + "en/opportunities/")
                page.wait_for_selector(LISTING_READY)
                bench = page.evaluate("window.__bench")
                results["tti"].append(bench["listingReady"])
                results["dcl"].append(
                    page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
                )
                page.wait_for_load_state("load")
                if run == 0:
                    page.wait_for_timeout(500)
                    transfer_rows = page.evaluate(RESOURCES)

                box = 'input[type="checkbox"][name="kind"][value="site"]'
                filtered = page.evaluate(TIMED_CHANGE, ["click", box])
                results["f_sync"].append(filtered["sync"])
                results["f_paint"].append(filtered["paint"])
                counts["filter"] = filtered["count"]
                if not filtered["changedSync"]:
                    notes.add("filter: the count did not change within the synchronous handler (deferred update?)")
                page.evaluate(TIMED_CHANGE, ["click", box])  # back to everything, not measured
                searched = page.evaluate(TIMED_CHANGE, ["search", "number 12"])
                results["s_sync"].append(searched["sync"])
                results["s_paint"].append(searched["paint"])
                counts["search"] = searched["count"]
                if not searched["changedSync"]:
                    notes.add("search: the count did not change within the synchronous handler (deferred update?)")

                page.goto(base + "en/map/")
                page.wait_for_function("() => window.__bench && window.__bench.mapShown !== null", timeout=60_000)
                results["map"].append(page.evaluate("window.__bench.mapShown"))
                for problem in watch.problems():
                    notes.add(problem)
                context.close()
                print(f"run {run + 1}/{RUNS} done", flush=True)
            browser.close()
        transfer = transfer_table(transfer_rows, site)

    print()
    print(f"Listing and map with {count} items, medians of {RUNS} runs (headless Chromium, cold cache, local server)")
    print(f"  listing DOMContentLoaded           {fmt(median(results['dcl']))}")
    print(f"  listing time to interactive        {fmt(median(results['tti']))}")
    for label, sync, paint in (
        ("filter (kind=site)", "f_sync", "f_paint"),
        ("search ('number 12')", "s_sync", "s_paint"),
    ):
        s, p = median(results[sync]), median(results[paint])
        verdict = "ok" if max(s, p) < TARGET_MS else f"over the {TARGET_MS:.0f} ms target"
        shown = " ".join((counts.get(label.split()[0]) or "").split())
        print(f"  {label:<22} handler {fmt(s)}   to next paint {fmt(p)}   {verdict}  ({shown})")
    print(f"  map page until clusters show       {fmt(median(results['map']))}")
    print()
    print("Listing page transfer (first run; the test server does not compress):")
    for line in transfer:
        print(line)
    for note in sorted(notes):
        print(f"note: {note}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
