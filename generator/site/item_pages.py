"""Item pages, written by filling each language's rendered page shell (see `shell.py`), and the
shortlist's facts file of each language, made from the facts those pages worked out.

Large catalogues are written by one forked worker per core, in chunks of pages so that the
cores stay evenly busy; the output does not depend on which worker wrote what. A worker ends the
moment its parent build ends, however that ends (Ctrl+C, SIGTERM, SIGKILL, the OOM killer), so no
worker goes on writing into a folder the build has given up.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from typing import Any

from generator import urls
from generator.exports.jsonfile import json_bytes
from generator.site.listing import facts_entry
from generator.site.pages import PageSpec, noindex, page_context
from generator.site.render import Renderer
from generator.site.share_cards import card_url
from generator.site.shell import SLOT_ID, Shell
from generator.site.writer import Writer
from generator.submission.catalogue import Catalogue

PARALLEL_FROM = 400
"""Item pages from which workers are forked; `PRILIKA_PARALLEL_FROM` in the environment overrides it."""
CHUNK = 100
_WORK: tuple | None = None
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def parallel_from() -> int:
    """The number of item pages from which they are written by forked workers."""
    value = os.environ.get("PRILIKA_PARALLEL_FROM", "")
    return int(value) if value.isdigit() and int(value) > 0 else PARALLEL_FROM


def take_shells(writer: Writer, languages: list[str], read: bool = True) -> dict[str, Shell]:
    """The item page shell of each language that MkDocs rendered (read only if `read`), removed
    from the site. A shard with no item pages leaves them out (`host/shards.py`)."""
    shells: dict[str, Shell] = {}
    for language in languages:
        url = urls.item(language, SLOT_ID)
        page = writer.site_dir / url / "index.html"
        if not page.is_file():
            writer.pages.discard(url)
            continue
        if read:
            shells[language] = Shell(page.read_text(encoding="utf-8"))
        writer.remove_page(url)
    return shells


def write_item_pages(
    catalogue: Catalogue,
    specs: list[PageSpec],
    writer: Writer,
    renderer: Renderer,
    facts_languages: list[str] | None = None,
    shells: dict[str, Shell] | None = None,
    write_facts: bool = True,
) -> dict[str, dict[str, Any]]:
    """Write every item page of `specs` and (if `write_facts`) `api/facts-<lang>.json` of
    `facts_languages` (default: every language), through `writer`. A facts file holds every listed
    item, also those whose pages are not in `specs` (another shard's, `host/shards.py`).

    Without `shells`, they are taken from the placeholder item pages MkDocs rendered
    (`take_shells`). Returns the facts of the listed items whose pages were written, per language
    of `facts_languages` (item id -> entry).
    """
    global _WORK
    languages = list(catalogue.settings.languages if facts_languages is None else facts_languages)
    if shells is None:
        shells = take_shells(writer, list(catalogue.settings.languages), read=bool(specs))
    _WORK = (catalogue, writer, renderer, shells, specs, frozenset(languages))
    chunks = [(start, min(start + CHUNK, len(specs))) for start in range(0, len(specs), CHUNK)]
    workers = os.cpu_count() or 1
    try:
        if len(specs) >= parallel_from() and workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            with context.Pool(workers, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
                results = pool.map(_write_chunk, chunks)
        else:
            results = [_write_chunk(chunk) for chunk in chunks]
    finally:
        _WORK = None
    facts: dict[str, dict[str, Any]] = {language: {} for language in languages}
    for written, result in results:
        writer.written.update(written)
        writer.pages.update(path[: -len("index.html")] for path in written)
        for language, entries in result.items():
            facts[language].update(entries)
    if write_facts:
        write_facts_files(catalogue, writer, {language: dict(entries) for language, entries in facts.items()})
    return facts


def write_facts_files(catalogue: Catalogue, writer: Writer, facts: dict[str, dict[str, Any]]) -> None:
    """`api/facts-<lang>.json` of each language of `facts` (item id -> entry), completed with every
    listed item it lacks (one whose page another shard writes, or that a rebuild left alone)."""
    for language, entries in facts.items():
        for item in catalogue.listed():
            if item.id not in entries:
                entries[item.id] = facts_entry(catalogue, item, language)
        listed = {item.id for item in catalogue.listed()}
        document = {"language": language, "facts": {k: v for k, v in sorted(entries.items()) if k in listed}}
        writer.write(urls.facts_data(language), json_bytes(document, "scripts"))


def _start_worker(parent: int) -> None:
    """Set a forked worker up to end with its parent.

    Ctrl+C reaches the whole process group: the parent alone handles it, and ends the workers
    (`Pool.terminate`, which sends SIGTERM, restored here to its default from the parent's handler).
    If the parent dies without that (SIGKILL), Linux kills the worker (PR_SET_PDEATHSIG); elsewhere a
    watchdog thread notices the new parent process id within half a second.
    """
    armed = False
    if sys.platform.startswith("linux"):
        try:
            armed = ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # last: a sign, for tests, that the worker is set up


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _write_chunk(chunk: tuple[int, int]) -> tuple[set[str], dict[str, dict[str, Any]]]:
    """Write the item pages specs[start:stop]; return the paths written and their facts for the
    shortlist, per language (a forked worker's own writer records them; the parent merges)."""
    assert _WORK is not None
    catalogue, parent, renderer, shells, specs, facts_languages = _WORK
    writer = Writer(parent.site_dir, overwrite=parent.overwrite)
    facts: dict[str, dict[str, Any]] = {}
    for spec in specs[chunk[0] : chunk[1]]:
        context = page_context(catalogue, spec)
        content = renderer.render("item", spec.url, spec.language, **context)
        # `og:image` is the item's share card in this language (none for an ended item's page).
        card = card_url(catalogue, spec.ident, spec.language)
        page = shells[spec.language].fill(spec.ident, spec.title, spec.description, card, content)
        if spec.extra.get("noindex"):  # an ended item's page: kept for old links, out of the shortlist's facts
            writer.write(spec.url + "index.html", noindex(page).encode("utf-8"))
            continue
        writer.write(spec.url + "index.html", page.encode("utf-8"))
        if spec.language not in facts_languages:
            continue
        facts.setdefault(spec.language, {})[spec.ident] = facts_entry(
            catalogue, catalogue.items[spec.ident], spec.language
        )
    return writer.written, facts
