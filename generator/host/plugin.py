"""The MkDocs side of Prilika: thin event handlers over plain functions.

`host/` is the only package that imports MkDocs, so the renderer can be replaced as one piece
(MkDocs 2 drops plugins). One MkDocs build makes every language: each language's pages live
under their own prefix (`de/...`) and carry their language in `page.meta.lang`, which the theme
overrides in `theme/` read.
"""

from __future__ import annotations

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

from generator import messages
from generator.config import Options, Settings, settings_from_options
from generator.errors import ConfigurationError
from generator.exports import export_files
from generator.exports.sitemap import sitemap_files
from generator.host.build import take_prevalidated
from generator.site import pages
from generator.site.assets import vendor_files
from generator.site.content import content_pages
from generator.site.item_pages import write_item_pages
from generator.site.listing import listing_files
from generator.site.nav import nav_for
from generator.site.propose import propose_files
from generator.site.render import Renderer
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

    def _release(self) -> None:
        """Drop the build's catalogue and everything made from it: MkDocs keeps plugin objects
        between builds (`prilika serve`), so a catalogue held here would outlive its build."""
        self.catalogue = None
        self.renderer = None
        self.specs, self.item_specs, self.content, self.page_urls = {}, [], {}, []

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
        generated = {**export_files(self.catalogue), **listing_files(self.catalogue), **propose_files(self.catalogue)}
        for dest, data in generated.items():
            files.append(File.generated(config, dest, content=data))
        for dest, source in vendor_files(self.catalogue):
            files.append(File.generated(config, dest, abs_src_path=str(source)))
        return files

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
        for url in self.page_urls:
            writer.record_page(url)
        write_item_pages(self.catalogue, self.item_specs, writer, self.renderer)
        writer.write("index.html", pages.chooser_page(self.catalogue, self.renderer))
        settings = self.catalogue.settings
        if settings.site_url:
            unindexed = pages.unindexed_urls(self.catalogue)
            for path, data in sitemap_files(settings.site_url, writer.pages, settings.languages, unindexed).items():
                writer.write(path, data, replace=True)
        self._release()

    def on_build_error(self, error) -> None:
        self._release()

    def on_serve(self, server, config, builder):
        for folder in self.watched:
            server.watch(str(folder))
        return server
