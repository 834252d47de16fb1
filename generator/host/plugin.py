"""The MkDocs side of Prilika: thin event handlers over plain functions.

`host/` is the only package that imports MkDocs, so the renderer can be replaced as one piece
(MkDocs 2 drops plugins). One MkDocs build makes every language: each language's pages live
under their own prefix (`de/...`) and carry their language in `page.meta.lang`, which the theme
overrides in `theme/` read.
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator import messages, urls
from generator.config import Options, Settings, settings_from_options
from generator.errors import ConfigurationError
from generator.exports import export_files
from generator.exports.jsonfile import json_bytes
from generator.exports.sitemap import sitemap_files
from generator.host.build import current_shard, take_prevalidated
from generator.host.shards import Partition
from generator.site import pages
from generator.site.assets import vendor_files
from generator.site.content import content_pages
from generator.site.item_pages import take_shells, write_item_pages
from generator.site.listing import listing_document, listing_files
from generator.site.nav import nav_for
from generator.site.propose import propose_files
from generator.site.render import Renderer
from generator.site.share_cards import catalogue_cards
from generator.site.shell import SLOT_ID
from generator.site.writer import Writer
from generator.submission.catalogue import Catalogue
from generator.submission.problems import format_problems
from generator.submission.validation import validate_catalogue

log = logging.getLogger("mkdocs.plugins.prilika")


# MkDocs' view of the options: any value passes here, `generator.config.Options` judges them all
# at once in `on_config`, so they are declared, typed and documented in one place. `enabled` is
# left to MkDocs, which applies its generic switch only to plugins that do not declare one.
CatalogueConfig = type(
    "CatalogueConfig",
    (base.Config,),
    {name: c.Optional(c.Type(object)) for name in Options.model_fields if name != "enabled"},
)


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.catalogue: Catalogue | None = None
        self.specs: dict[str, pages.PageSpec] = {}
        self.item_specs: list[pages.PageSpec] = []
        self.content: dict[str, dict[str, Any]] = {}
        self.renderer: Renderer | None = None
        self.page_urls: list[str] = []
        self.watched: list[Path] = []
        self.partition: Partition | None = None
        """What this build writes when it is one shard of several (`shards.py`); None for a whole site."""
        self.skipped: set[str] = set()
        """The src_uri of every page and file of the build that another shard writes."""
        self.other_pages: list[str] = []
        self.keep = False
        """Keep the build's state after it (`prilika serve` rebuilds parts of it, `host/live.py`)."""
        self.kept: dict[str, Any] = {}
        """With `keep`: MkDocs' `files`, `nav` and `env`, the item page `shells`, the shortlist's
        `facts` (language -> item id -> entry) and the site's `pages` (URLs)."""

    def _release(self) -> None:
        """Drop the build's catalogue and everything made from it: MkDocs keeps plugin objects
        between builds (`prilika serve`), so a catalogue held here would outlive its build."""
        self.catalogue = None
        self.renderer = None
        self.specs, self.item_specs, self.content, self.page_urls = {}, [], {}, []
        self.partition, self.skipped, self.other_pages = None, set(), []
        self.kept = {}

    def on_config(self, config):
        config_file = Path(config.config_file_path)
        options = {k: v for k, v in self.config.items() if v is not None}
        try:
            settings = settings_from_options(
                config_file.parent.resolve(), options, config.site_name, config.site_url or "", config_file
            )
        except ConfigurationError as exc:
            raise PluginError(str(exc)) from exc
        settings = Settings(
            **{
                **settings.__dict__,
                "content_dir": Path(config.docs_dir).name,
                "repo_url": config.repo_url or "",
                "edit_uri": config.edit_uri or "",
            }
        )
        result = take_prevalidated(settings) or validate_catalogue(settings)
        if result.errors:
            for line in format_problems(result.problems).splitlines():
                log.error(line) if ": error: " in line else log.warning(line)
            raise Abort(f"{len(result.errors)} error(s) in the catalogue; nothing was built")
        self.catalogue = result.catalogue
        self.page_urls = []
        root = config_file.parent
        self.watched = [root / folder for folder in (settings.opportunities_dir, "theme") if (root / folder).exists()]
        all_specs = pages.page_specs(self.catalogue)
        self.item_specs = [spec for spec in all_specs if spec.template == "item"]
        self.specs = {spec.src_uri: spec for spec in all_specs if spec.template != "item"}
        for slot in pages.shell_specs(self.catalogue):
            self.specs[slot.src_uri] = slot
        self.partition = self._partition()
        self.renderer = Renderer(Path(config.theme.custom_dir or config_file.parent / "theme") / "prilika")
        config.nav = nav_for(self.catalogue, Path(config.docs_dir))
        # A non-list value shows Material's language button (our partial fills it per page)
        # without Material's own hreflang links, which would point every page at a home page.
        config.extra["alternate"] = True
        config.extra["prilika"] = {
            "tiles": settings.tiles,
            "attribution": settings.tiles_attribution,
            "example_data": settings.example_data,
            "default_language": settings.default_language,
            "site_names": {language: settings.site_name_in(language) for language in settings.languages},
        }
        return config

    def _partition(self) -> Partition | None:
        """The part of the site a shard build writes; it makes share cards for its own items only."""
        shard = current_shard()
        catalogue = self.catalogue
        if shard is None or shard.count < 2 or catalogue is None:
            return None
        item_ids = sorted({spec.ident for spec in self.item_specs if spec.ident})
        partition = Partition(shard, list(catalogue.settings.languages), item_ids, len(catalogue.listed()))
        # `share_cards.catalogue_cards` makes the cards of every listed item of the catalogue it is
        # given (minutes on a cold cache): given one holding only this shard's items, it makes those.
        # Keyed as `catalogue_cards` keeps its result; under another key the cards would all be made
        # again, which is slower but writes the same site.
        own = {ident: item for ident, item in catalogue.items.items() if partition.owns_item(ident)}
        view = dataclasses.replace(catalogue, items=own, _listed=None, derived={})
        catalogue.derived["share_cards"] = catalogue_cards(view)
        log.info(f"shard {shard}: {partition.summary()}")
        return partition

    def _listing_files(self) -> dict[str, bytes]:
        """`listing.listing_files`; in a shard, the listing data of other shards' languages are
        registered empty (so that links to them resolve) and never written."""
        assert self.catalogue is not None
        if self.partition is None:
            return listing_files(self.catalogue)
        return {
            urls.listing_data(language): json_bytes(listing_document(self.catalogue, language), "scripts")
            if self.partition.owns_language(language)
            else b""
            for language in self.catalogue.settings.languages
        }

    def _writes(self, file: File) -> bool:
        """Whether this build writes `file` (always, unless it is one shard of several)."""
        if self.partition is None:
            return True
        spec = self.specs.get(file.src_uri)
        if spec is not None and spec.ident == SLOT_ID:
            return self.partition.has_items()  # an item page shell, read and removed by the item pages
        return self.partition.owns(file.dest_uri)

    def on_files(self, files: Files, config) -> Files:
        assert self.catalogue is not None
        self.content = content_pages(self.catalogue, Path(config.docs_dir))
        for src_uri, entry in self.content.items():
            if entry["markdown"] is not None:
                files.append(File.generated(config, src_uri, content=entry["markdown"]))
        for src_uri, spec in self.specs.items():
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            # MkDocs templates do not autoescape: titles from YAML are escaped here, once.
            front = f"---\ntitle: {json.dumps(html.escape(spec.title), ensure_ascii=False)}\n---\n"
            files.append(File.generated(config, src_uri, content=front, inclusion=inclusion))
        # Registered as files of the build, so content pages may link to them and MkDocs checks those links.
        generated = {**export_files(self.catalogue), **self._listing_files(), **propose_files(self.catalogue)}
        for dest, data in generated.items():
            files.append(File.generated(config, dest, content=data))
        vendor = dict(vendor_files(self.catalogue))
        for dest, source in vendor.items():
            files.append(File.generated(config, dest, abs_src_path=str(source)))
        if self.keep:
            self.kept.update(generated=generated, vendor=vendor)
        return files

    def on_nav(self, nav, config, files: Files):
        if self.keep:
            self.kept["nav"] = nav
        return nav

    def on_env(self, env, config, files: Files):
        """In a shard, mark every page and file another shard writes as unchanged, which a "dirty"
        build (`build.py`) neither renders nor copies. Every page was read before this event, so the
        navigation, which shows every page's title, is the same in every shard."""
        if self.keep:
            self.kept.update(env=env, files=files)
        if self.partition is None:
            return env
        for file in files:
            if not self._writes(file):
                self.skipped.add(file.src_uri)
                file.is_modified = _unchanged  # type: ignore[method-assign]
        self.other_pages = [
            file.page.url
            for file in files.documentation_pages(inclusion=InclusionLevel.is_included)
            if file.src_uri in self.skipped and file.page is not None
        ]
        if not self.partition.owns_shared():
            config.theme.static_templates = set()  # 404.html and MkDocs' sitemap.xml
            config.extra_templates = []
        return env

    def on_page_markdown(self, markdown: str, page: Page, config, files) -> str:
        assert self.catalogue is not None
        spec = self.specs.get(page.file.src_uri)
        settings = self.catalogue.settings
        language = spec.language if spec else page.file.src_uri.split("/")[0]
        page.meta["lang"] = language if language in settings.languages else settings.default_language
        page.meta["alternates"] = pages.alternates(self.catalogue, page.url, page.meta["lang"])
        if settings.example_data:
            page.meta["example_notice"] = messages.label("example_notice", page.meta["lang"])
        page.meta["js_labels"] = messages.script_labels(page.meta["lang"])
        if spec is not None:
            page.meta.update(pages.generated_meta(spec))
            return ""
        entry = self.content.get(page.file.src_uri)
        if entry and entry["generated_from"]:
            page.meta["fallback_lang"] = entry["generated_from"]
        return markdown

    def on_page_content(self, html: str, page: Page, config, files) -> str:
        assert self.catalogue is not None and self.renderer is not None
        spec = self.specs.get(page.file.src_uri)
        if self.partition is not None and not self._writes(page.file):
            return html  # another shard's page: read for its title only, never written here
        if spec is not None:
            return pages.generated_content(self.catalogue, spec, self.renderer, page.url)
        return pages.content_page_html(
            self.catalogue, self.renderer, page.url, page.meta["lang"], html, page.meta.get("fallback_lang")
        )

    def on_post_page(self, output: str, page: Page, config) -> str:
        self.page_urls.append(page.url)
        return output

    def on_post_build(self, config) -> None:
        assert self.catalogue is not None and self.renderer is not None
        writer = Writer(Path(config.site_dir))
        # Every page of the site, this shard's and (in a shard) the others': the sitemaps list them all.
        for url in [*self.page_urls, *self.other_pages]:
            writer.record_page(url)
        partition, settings = self.partition, self.catalogue.settings
        own, languages = self.item_specs, list(settings.languages)
        if partition is not None:
            own = [spec for spec in self.item_specs if partition.owns_item(spec.ident or "")]
            languages = [language for language in settings.languages if partition.owns_language(language)]
        shells = take_shells(writer, list(settings.languages), read=bool(own))
        facts = write_item_pages(self.catalogue, own, writer, self.renderer, facts_languages=languages, shells=shells)
        if partition is not None:
            writer.pages.update(spec.url for spec in self.item_specs)
            if not partition.owns_shared():
                self._release()
                return
        writer.write("index.html", pages.chooser_page(self.catalogue, self.renderer))
        if settings.site_url:
            unindexed = pages.unindexed_urls(self.catalogue)
            for path, data in sitemap_files(settings.site_url, writer.pages, settings.languages, unindexed).items():
                writer.write(path, data, replace=True)
        if self.keep:
            self.kept.update(shells=shells, facts=facts, pages=set(writer.pages))
            return
        self._release()

    def on_build_error(self, error) -> None:
        self._release()

    def on_serve(self, server, config, builder):
        for folder in self.watched:
            server.watch(str(folder))
        return server


def _unchanged() -> bool:
    return False
