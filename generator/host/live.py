"""The site `prilika serve` serves: the last good build kept in memory, and rebuilt in part.

A rebuild starts from what changed on disk since the last good build (`Inputs`):

- item files (`opportunities/<publisher>/<item>.yaml`, changed, added or removed): validated again,
  reusing every unchanged file's reading and checks (`revalidation.py`); then the pages that show
  the changed items are rendered again in every language (their own pages; the pages of items
  that show them among similar items, as an event's participants or as events they take part in;
  the listings, maps, shortlists, proposal forms and home pages; their publishers' pages, and
  those of the clusters they are members of), with the exports, feeds, listing data, shortlist
  facts, share cards, pictures and sitemaps that changed. The cards of unchanged items are kept;
  nothing else of the last build's work is reused.
- a hand-written page (`content/...md`): that page again; a new title (which every page's
  navigation shows) or a page added or removed rebuilds everything;
- a static file of the theme or the content folder (CSS, scripts, pictures): copied;
- anything else (`mkdocs.yml`, a template, a publisher file, a picture of the submissions):
  everything, from scratch.

Builds go into folders `build-<n>` of the server's working folder; `site` is a symbolic link to
the current one, replaced in one step once a build succeeded, so a reader never sees half a site.
A rebuild in part writes into the current folder while the server holds requests, each file
replaced by a rename. What it writes is what a clean build of the same files writes, byte for
byte (`tests/host/test_live.py`).
"""

from __future__ import annotations

import dataclasses
import gc
import os
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _populate_page, get_context
from mkdocs.structure.files import File, InclusionLevel

from generator import urls
from generator.config import build_date, load_settings
from generator.exports import export_files
from generator.exports.sitemap import sitemap_files
from generator.host import build as host_build
from generator.host.revalidation import ValidationMemo
from generator.site import pages
from generator.site.assets import vendor_files
from generator.site.content import content_pages
from generator.site.events import events_with
from generator.site.item_pages import write_facts_files, write_item_pages
from generator.site.listing import listing_files, listing_rows
from generator.site.propose import propose_files
from generator.site.related import LIMIT as RELATED_LIMIT
from generator.site.related import related_items
from generator.site.share_cards import catalogue_cards
from generator.site.shell import SLOT_ID
from generator.site.writer import Writer
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.problems import format_problems, summary_line
from generator.submission.validation import Result

TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".j2", ".jinja", ".jinja2")


@dataclass
class Change:
    """The input files that differ from the last good build's, by what they are."""

    items: set[Path] = field(default_factory=set)
    content: set[Path] = field(default_factory=set)
    static: set[Path] = field(default_factory=set)
    everything: set[Path] = field(default_factory=set)
    """Changes only a whole build takes in."""

    def __bool__(self) -> bool:
        return bool(self.items or self.content or self.static or self.everything)


class Inputs:
    """The files a build reads, by path, with what `lstat` says of each (a change shows there)."""

    def __init__(self, config_file: Path, docs_dir: Path, opportunities: Path, theme_dirs: Iterable[Path]) -> None:
        self.config_file = config_file.resolve()
        self.docs_dir = docs_dir.resolve()
        self.opportunities = opportunities.resolve()
        self.theme_dirs = sorted({folder.resolve() for folder in theme_dirs})

    def scan(self) -> dict[Path, tuple[int, ...]]:
        found: dict[Path, tuple[int, ...]] = {}
        for root in [self.config_file, self.docs_dir, self.opportunities, *self.theme_dirs]:
            if root.is_file():
                found[root] = _fingerprint(root)
                continue
            for folder, names, files in os.walk(root):
                names.sort()
                for name in sorted(files):
                    path = Path(folder) / name
                    found[path] = _fingerprint(path)
        return found

    def classify(self, before: dict[Path, tuple[int, ...]], after: dict[Path, tuple[int, ...]]) -> Change:
        change = Change()
        for path in sorted(set(before) | set(after)):
            if before.get(path) == after.get(path):
                continue
            if path.is_relative_to(self.opportunities):
                parts = path.relative_to(self.opportunities).parts
                is_item = (
                    len(parts) == 2 and path.suffix in (".yaml", ".yml") and path.stem != "publisher"
                )  # publisher.yaml, pictures, new folders: every item of a publisher may change
                (change.items if is_item else change.everything).add(path)
            elif path.is_relative_to(self.docs_dir):
                if path not in before or path not in after:  # a page or file added or removed
                    change.everything.add(path)
                else:
                    (change.content if path.suffix == ".md" else change.static).add(path)
            elif any(path.is_relative_to(folder) for folder in self.theme_dirs):
                static = path.suffix not in TEMPLATE_SUFFIXES and path in before and path in after
                (change.static if static else change.everything).add(path)
            else:
                change.everything.add(path)
        return change


def _fingerprint(path: Path) -> tuple[int, ...]:
    try:
        status = os.lstat(path)
    except OSError:
        return (-1,)
    return (status.st_mode, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


@dataclass
class _Build:
    """A good build kept for the next rebuild."""

    config: Any
    plugin: Any
    folder: Path
    inputs: dict[Path, tuple[int, ...]]
    shown: dict[str, frozenset[str]]
    """Item id -> the other items its page shows."""
    date: Any
    """The build date the catalogue was judged on."""
    generated: dict[str, bytes]
    """The exports, listing data and proposal form data, by site path."""
    vendor: dict[str, Path]
    """Pictures and share cards (and map libraries), by site path: the file copied there."""
    sitemap: tuple = ()
    """The pages and the unindexed pages the sitemaps were last made of."""


class LiveSite:
    """`prilika serve`'s site: `rebuild()` brings the served folder up to date with the files."""

    def __init__(self, config_file: Path, workdir: Path, serve_url: str, language: str) -> None:
        self.config_file = config_file
        self.workdir = workdir
        self.serve_url = serve_url
        self.language = language
        self.link = workdir / "site"
        self.memo = ValidationMemo()
        self.last: _Build | None = None
        self._count = 0
        self.show: Any = None
        """Called when the first part of a rebuild is written, to let the server answer again."""
        self.timings: list[tuple[str, float]] = []
        """The steps of the last rebuild and when each ended (`time.perf_counter()`), for benchmarks."""

    def rebuild(self) -> list[str]:
        """Rebuild what changed since the last good build. Returns the banner's lines (the errors and
        the summary) when the catalogue has errors (the last good site stays), else []. Raises what a
        build raises (`Abort`, `PrilikaError`, `OSError`) for other failures."""
        self.timings = [("start", time.perf_counter())]
        last = self.last
        if last is None:
            return self.full()
        inputs = self._inputs(last.config)
        before, after = last.inputs, inputs.scan()
        change = inputs.classify(before, after)
        self._mark("scan")
        if not change:
            return []
        if change.everything or (change.items and not last.plugin.kept.get("shells")) or build_date() != last.date:
            return self.full()
        if change.items:
            lines = self._items(last, after)
            if lines is not None:  # errors, or rebuilt in full
                return lines
        if change.content and not self._content(last, change.content, inputs.docs_dir):
            return self.full()
        for path in sorted(change.static):
            self._copy(last, path)
        last.inputs = after
        return []

    # -- whole builds ---------------------------------------------------------------------------

    def _inputs(self, config: Any) -> Inputs:
        settings = load_settings(self.config_file)
        themes = [settings.root / "theme"] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
        return Inputs(self.config_file, Path(config.docs_dir), settings.opportunities, themes)

    def full(self) -> list[str]:
        """Validate and build everything into a new folder; serve it once it is complete."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        self.memo.forget()
        config = load_config(str(self.config_file))
        inputs = self._inputs(config).scan()  # before reading: a change while building is seen next time
        settings = load_settings(self.config_file)
        result = self.memo.validate(settings)
        lines = self._problems(result)
        if lines:
            return lines
        self._count += 1
        folder = self.workdir / f"build-{self._count}"
        try:
            host_build._PREVALIDATED[:] = [result]
            config = load_config(str(self.config_file), site_dir=str(folder))
            config.site_url = self.serve_url
            plugin = config.plugins["prilika"]
            plugin.keep = True
            with self.memo.active():
                build(config, serve_url=self.serve_url)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            host_build._PREVALIDATED.clear()
        catalogue = plugin.catalogue
        generated, vendor = plugin.kept["generated"], plugin.kept["vendor"]
        shown = {ident: _shown(catalogue, item) for ident, item in catalogue.items.items()}
        built = _Build(config, plugin, folder, inputs, shown, catalogue.build_date, generated, vendor)
        built.sitemap = (frozenset(plugin.kept["pages"]), frozenset(pages.unindexed_urls(catalogue)))
        previous, self.last = self.last, built
        self.serve(folder)
        if previous is not None:
            previous.plugin.keep = False
            previous.plugin._release()
        # What the build keeps lives until the next whole build: out of the collector's way, it does
        # not walk it again and again during each rebuild in part (a fifth of a rebuild's first part at
        # 1,000 items). Unfrozen and collected first, so the last build's cycles (MkDocs' pages and
        # files point at each other) are freed.
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        return []

    def serve(self, folder: Path) -> None:
        """Point `site` at `folder` in one step, and remove the folders built before it."""
        temporary = self.workdir / f".site-{self._count}"
        if temporary.is_symlink():
            temporary.unlink()
        temporary.symlink_to(folder.name)
        os.replace(temporary, self.link)
        old = [entry for entry in self.workdir.iterdir() if entry.name.startswith("build-") and entry != folder]
        old += [self.workdir / "empty"] if (self.workdir / "empty").is_dir() else []
        # Removing thousands of files takes a while on a busy disk; nobody waits for it.
        threading.Thread(target=_remove, args=(old,), daemon=True).start()

    def _problems(self, result: Result) -> list[str]:
        """Print the problems; the banner's lines if there are errors, else []."""
        if result.problems:
            print(format_problems(result.problems, "text", self.language), flush=True)
        if not result.errors:
            return []
        summary = summary_line(result.problems, self.language)
        print(summary, flush=True)
        return [*format_problems(result.errors, "text", self.language).splitlines(), summary]

    # -- item files -----------------------------------------------------------------------------

    def _items(self, last: _Build, inputs: dict[Path, tuple[int, ...]]) -> list[str] | None:
        """Rebuild the pages of changed items. Returns the banner's lines on errors, or what a whole
        build returns when the change reaches further than items; None when done in part.

        First the changed items' pages, the pages that show them among other items, and the
        listings, which are then shown (`show`); then the rest: maps, home, publisher and other
        pages, exports, feeds, facts, pictures, sitemaps, each file replaced in one step."""
        plugin = last.plugin
        old: Catalogue = plugin.catalogue
        result = self.memo.validate(old.settings, old.build_date)
        self._mark("validate")
        lines = self._problems(result)
        if lines:
            return lines
        new = result.catalogue
        if new.publishers != old.publishers:
            return self.full()
        changed = {
            ident
            for ident in set(old.items) | set(new.items)
            if _state(old, old.items.get(ident)) != _state(new, new.items.get(ident))
        }
        if not changed:
            last.inputs = inputs
            return None
        try:
            return self._rewrite(last, old, new, changed, inputs)
        except BaseException:
            self.last = None  # half rewritten: the next change builds everything anew
            raise

    def _rewrite(
        self,
        last: _Build,
        old: Catalogue,
        new: Catalogue,
        changed: set[str],
        inputs: dict[Path, tuple[int, ...]],
    ) -> list[str] | None:
        plugin, kept = last.plugin, last.plugin.kept
        _carry(old, new, changed)
        self._mark("carry")
        renderer = plugin.renderer
        # The renderer keeps each card's HTML per item, language and depth; a changed item's goes.
        cards = getattr(renderer, "_cards", None)
        if isinstance(cards, dict):
            for key in [key for key in cards if key[0] in changed]:
                del cards[key]
        if all(_relations(old, old.items.get(i)) == _relations(new, new.items.get(i)) for i in changed):
            shown = {i: last.shown[i] if i in last.shown else _shown(new, item) for i, item in new.items.items()}
        else:
            shown = {ident: _shown(new, item) for ident, item in new.items.items()}
        self._mark("relations")
        affected = {
            ident
            for ident in new.items
            if ident in changed
            or (last.shown.get(ident, frozenset()) | shown[ident]) & changed
            or last.shown.get(ident) != shown[ident]
        }
        plugin.catalogue = new
        # The affected items' page specs, worked out for them alone (every spec is the item's own).
        alone = dataclasses.replace(new, items={i: new.items[i] for i in affected}, _listed=None, derived={})
        todo = [spec for spec in pages.page_specs(alone) if spec.template == "item"]
        writer = Writer(last.folder, overwrite=True)
        for ident in set(old.items) - set(new.items):  # renamed or deleted
            for language in new.settings.languages:
                shutil.rmtree(last.folder / urls.item(language, ident), ignore_errors=True)
                kept["pages"].discard(urls.item(language, ident))
        # The changed items' own pages first; those of the items that show them come with the rest.
        first = [spec for spec in todo if spec.ident in changed]
        facts = write_item_pages(new, first, writer, renderer, shells=kept["shells"], write_facts=False)
        for language, entries in kept["facts"].items():
            entries.update(facts.get(language, {}))
        kept["pages"].update(spec.url for spec in todo)
        self._mark("item pages")
        listings = {urls.listing(language) for language in new.settings.languages}
        self._render(last, lambda page: page.url in listings)
        self._mark("listing pages")
        data = listing_files(new)
        for path, content in data.items():
            if last.generated.get(path) != content:
                writer.write(path, content)
                last.generated[path] = content
        self._mark("listing data")
        last.shown = shown
        took = time.perf_counter() - self.timings[0][1]
        print(f"rebuilt the pages of {len(changed)} changed item(s) and the listings in {took:.2f} s", flush=True)
        if self.show is not None:
            self.show()
        # The rest, while the server answers again.
        specs = pages.page_specs(new)
        others = {spec.src_uri: spec for spec in specs if spec.template != "item"}
        before = dict(plugin.specs)
        if set(others) != {uri for uri, spec in before.items() if spec.ident != SLOT_ID}:
            return self.full()  # pages of the navigation come or go
        plugin.item_specs = [spec for spec in specs if spec.template == "item"]
        plugin.specs = {**others, **{uri: spec for uri, spec in before.items() if uri not in others}}
        rest = [spec for spec in todo if spec.ident not in changed]
        write_item_pages(
            new, rest, Writer(last.folder, overwrite=True), renderer, shells=kept["shells"], write_facts=False
        )
        self._mark("pages showing them")
        extra = {uri for uri, spec in others.items() if spec.extra != before[uri].extra}
        self._pages(last, old, new, changed, extra, done=listings)
        self._vendor(last, new)
        self._mark("other pages")
        self._exports(last, new)
        self._mark("exports")
        write_facts_files(new, writer, {language: dict(entries) for language, entries in kept["facts"].items()})
        settings = new.settings
        unindexed = pages.unindexed_urls(new)
        listed = (frozenset(kept["pages"]), frozenset(unindexed))
        if settings.site_url and listed != last.sitemap:  # the sitemaps list pages, not what they say
            for path, data in sitemap_files(settings.site_url, kept["pages"], settings.languages, unindexed).items():
                writer.write(path, data)
        last.sitemap = listed
        last.inputs = inputs
        self._mark("facts and sitemaps")
        print(
            f"rebuilt {len(rest)} page(s) of items that show them, the maps, home and publisher pages, exports, "
            "feeds and sitemaps",
            flush=True,
        )
        return None

    def _mark(self, step: str) -> None:
        self.timings.append((step, time.perf_counter()))

    def _vendor(self, last: _Build, new: Catalogue) -> None:
        """The share cards and pictures that differ from the last build's."""
        vendor = dict(vendor_files(new))
        for path in set(last.vendor) - set(vendor):
            (last.folder / path).unlink(missing_ok=True)
        for path, source in vendor.items():
            if last.vendor.get(path) != source:
                target = last.folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        last.vendor = vendor

    def _exports(self, last: _Build, new: Catalogue) -> None:
        """The exports, feeds and proposal form data that differ from the last build's (the listing
        data are written with the listings)."""
        generated = {**export_files(new), **propose_files(new)}
        writer = Writer(last.folder, overwrite=True)
        for path in [path for path in last.generated if path not in generated and not _is_listing_data(path)]:
            (last.folder / path).unlink(missing_ok=True)
            del last.generated[path]
        for path, data in generated.items():
            if last.generated.get(path) != data:
                writer.write(path, data)
                last.generated[path] = data

    def _pages(
        self, last: _Build, old: Catalogue, new: Catalogue, changed: set[str], extra: set[str], done: set[str]
    ) -> None:
        """The MkDocs pages that show items: every language's listing, map, shortlist, publishers,
        proposal form and home page; the changed items' publishers and clusters; and the pages
        whose head changed (`extra`: their src_uri, as the feeds they advertise). Not those whose
        URL is in `done`."""
        publishers: set[str] = set()
        for catalogue in (old, new):
            for ident in changed:
                item = catalogue.items.get(ident)
                if item is not None:
                    publishers.add(item.publisher_id)
                    publishers.update(getattr(item.model, "member_of", None) or [])
        settings = new.settings
        wanted = set()
        for language in settings.languages:
            wanted.add(urls.home(language))
            wanted.update(
                spec.url
                for spec in last.plugin.specs.values()
                if spec.language == language
                and (
                    spec.template in pages.LANGUAGE_CONTEXTS
                    or (spec.template == "publisher" and spec.ident in publishers)
                    or spec.src_uri in extra
                )
            )
        self._render(last, lambda page: page.url in wanted - done)

    def _render(self, last: _Build, chosen: Any) -> None:
        """Render the MkDocs pages `chosen(page)` picks again, as MkDocs' build does (`build.py`'s
        `_populate_page` and `_build_page`), each written in one step."""
        config, files = last.config, last.plugin.kept["files"]
        nav, env = last.plugin.kept["nav"], last.plugin.kept["env"]
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for file in doc_files:
            page = file.page
            if page is not None and chosen(page):
                _populate_page(page, config, files)
                _write_page(page, config, doc_files, nav, env)
        last.plugin.page_urls = []

    # -- hand-written pages and static files ----------------------------------------------------

    def _content(self, last: _Build, paths: set[Path], docs_dir: Path) -> bool:
        """Render the hand-written pages whose text changed (`paths`, and the pages in other
        languages that borrow their text). False if the navigation would change (a page retitled):
        then only a whole build will do."""
        plugin = last.plugin
        files = plugin.kept["files"]
        entries = content_pages(plugin.catalogue, Path(last.config.docs_dir))
        if set(entries) != set(plugin.content):
            return False
        changed = {uri for uri, entry in entries.items() if entry != plugin.content[uri]}
        changed.update(path.relative_to(docs_dir).as_posix() for path in paths)
        titles = {}
        for uri in changed:
            file: File | None = files.get_file_from_path(uri)
            if file is None or file.page is None:
                return False
            titles[uri] = file.page.title
            if entries.get(uri, {}).get("markdown") is not None:  # made by Prilika, not read from disk
                file.content_string = entries[uri]["markdown"]
        plugin.content = entries
        config, nav, env = last.config, plugin.kept["nav"], plugin.kept["env"]
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for uri in sorted(changed):
            page = files.get_file_from_path(uri).page
            _populate_page(page, config, files)
            if page.title != titles[uri]:
                return False
        for uri in sorted(changed):
            _write_page(files.get_file_from_path(uri).page, config, doc_files, nav, env)
        plugin.page_urls = []
        print(f"rebuilt {len(changed)} hand-written page(s)", flush=True)
        return True

    def _copy(self, last: _Build, path: Path) -> None:
        """Copy a changed static file (CSS, a script, a picture of the content) into the site."""
        for file in last.plugin.kept["files"]:
            if file.abs_src_path and Path(file.abs_src_path).resolve() == path:
                file.copy_file()
                print(f"copied {file.dest_uri}", flush=True)


def _is_listing_data(path: str) -> bool:
    return path.startswith("api/listing-") and path.endswith(".json")


def _write_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any) -> None:
    """What MkDocs' `_build_page` does (MkDocs 1.x is no longer developed), with the page written
    by a rename, since the server may be answering meanwhile."""
    config._current_page = page
    try:
        page.active = True
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = config.plugins.on_post_page(template.render(context), page=page, config=config)
        if output.strip():
            target = Path(page.file.abs_dest_path)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
            temporary.write_bytes(output.encode("utf-8", errors="xmlcharrefreplace"))
            os.replace(temporary, target)
    finally:
        page.active = False
        config._current_page = None


TEXTS = ("title", "summary", "description")
"""Fields no relation between items reads (similar items, events and participants, members)."""


def _relations(catalogue: Catalogue, item: ItemRecord | None) -> Any:
    """What of an item decides which other items its page and theirs show."""
    if item is None:
        return None
    fields = {key: value for key, value in item.data.items() if key not in TEXTS}
    return (fields, item.publisher_id, catalogue.is_listed(item))


def _state(catalogue: Catalogue, item: ItemRecord | None) -> Any:
    """What of an item its pages show: its fields, file, publisher and whether it is listed."""
    if item is None:
        return None
    return (item.data, item.path, item.publisher_id, catalogue.is_listed(item))


def _shown(catalogue: Catalogue, item: ItemRecord) -> frozenset[str]:
    """The other items an item's page shows (`pages.item_context`): its similar items (four on an
    ended item's page), an event's participants, and the upcoming events the item takes part in."""
    limit = RELATED_LIMIT if catalogue.is_listed(item) else pages.SIMILAR_WHEN_ENDED
    found = {other.id for other in related_items(catalogue, item, limit)}
    found.update(pid for pid in getattr(item.model, "participants", None) or [] if pid in catalogue.items)
    found.update(event.id for event in events_with(catalogue, item.id))
    return frozenset(found)


def _carry(old: Catalogue, new: Catalogue, changed: set[str]) -> None:
    """Keep from the last build what unchanged items' cards, listing rows and share cards were
    (the rest of its memo is made anew); make the changed items' with the same functions, given a
    catalogue of the changed items alone. Each of these shows one item, its publisher and the
    catalogue's publishers, which are the same (or the whole site is rebuilt). Under keys other
    than the ones their modules memoise them by, nothing is kept, and all is made anew."""
    items = {ident: new.items[ident] for ident in changed if ident in new.items}
    alone = dataclasses.replace(new, items=items, _listed=None, derived={})
    for key, value in old.derived.items():
        if not isinstance(key, tuple):
            continue
        if len(key) == 3 and key[0] == "card" and key[1] not in changed:
            new.derived[key] = value
        elif len(key) == 2 and key[0] == "listing rows" and isinstance(value, list):
            rows = {row["id"]: row for row in value if row["id"] not in changed}
            rows.update((row["id"], row) for row in listing_rows(alone, key[1]))
            if all(item.id in rows for item in new.listed()):
                new.derived[key] = [rows[item.id] for item in new.listed()]
    cards = old.derived.get("share_cards")
    if isinstance(cards, dict):
        kept = {key: card for key, card in cards.items() if key[0] not in changed}
        kept.update(catalogue_cards(alone))
        new.derived["share_cards"] = kept


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
