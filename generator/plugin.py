"""The MkDocs side of Prilika: thin event handlers over plain functions.

This is the only module that imports MkDocs, so the renderer can be replaced
as one piece (MkDocs 2 drops plugins). One MkDocs build makes every language:
each language's pages live under their own prefix (`de/...`) and carry their
language in `page.meta.lang`, which the theme overrides in `theme/` read.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator import messages, pages, shell, urls
from generator.assets import vendor_files
from generator.catalogue import Catalogue
from generator.content import content_pages
from generator.errors import ConfigurationError, PrilikaError
from generator.problems import format_problems
from generator.render import Renderer
from generator.settings import DEFAULT_ATTRIBUTION, DEFAULT_TILES, Settings, settings_from_options
from generator.site import export_files, nav_for, write_exports, write_item_pages
from generator.validation import validate_catalogue

log = logging.getLogger("mkdocs.plugins.prilika")


class CatalogueConfig(base.Config):
    languages = c.ListOfItems(c.Type(str), default=["en"])
    """Language codes (BCP 47) the site is built in; the first is the default unless set."""
    default_language = c.Optional(c.Type(str))
    """The language of plain-string texts and the fallback for missing translations."""
    opportunities_dir = c.Type(str, default="opportunities")
    """Folder of publisher folders with their YAML files, relative to mkdocs.yml."""
    tiles = c.Type(str, default=DEFAULT_TILES)
    """XYZ tile URL template for maps: the only thing a page loads from another host."""
    tiles_attribution = c.Type(str, default=DEFAULT_ATTRIBUTION)
    """Attribution shown on maps, as the tile source's licence asks."""
    example_data = c.Type(bool, default=False)
    """Show a banner saying the catalogue is example data."""
    feed_size = c.Type(int, default=20)
    """How many of the newest items each language's Atom feed carries."""
    site_names = c.Type(dict, default={})
    """The site's name per language (`site_name` serves the others; Serbian scripts share one)."""


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.catalogue: Catalogue | None = None
        self.specs: dict[str, pages.PageSpec] = {}
        self.content: dict[str, dict[str, Any]] = {}
        self.renderer: Renderer | None = None

    def on_config(self, config):
        root = Path(config.config_file_path).parent.resolve()
        options = {k: v for k, v in self.config.items() if v is not None}
        try:
            settings = settings_from_options(root, options, config.site_name, config.site_url or "")
        except ConfigurationError as exc:
            raise PluginError(str(exc)) from exc
        settings = Settings(**{**settings.__dict__, "content_dir": Path(config.docs_dir).name})
        result = _take_prevalidated(settings) or validate_catalogue(settings)
        if result.errors:
            for line in format_problems(result.problems).splitlines():
                log.error(line) if ": error: " in line else log.warning(line)
            raise Abort(f"{len(result.errors)} error(s) in the catalogue; nothing was built")
        self.catalogue = result.catalogue
        all_specs = pages.page_specs(self.catalogue)
        self.item_specs = [spec for spec in all_specs if spec.template == "item"]
        self.specs = {spec.src_uri: spec for spec in all_specs if spec.template != "item"}
        for language in settings.languages:
            slot = pages.PageSpec(
                language,
                "item",
                urls.item(language, shell.SLOT_ID),
                shell.SLOT_TITLE,
                ident=shell.SLOT_ID,
                description=shell.SLOT_DESCRIPTION,
            )
            self.specs[slot.src_uri] = slot
        self.renderer = Renderer(Path(config.theme.custom_dir or root / "theme") / "prilika")
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
            front = f"---\ntitle: {_yaml_string(html.escape(spec.title))}\n---\n"
            files.append(File.generated(config, src_uri, content=front, inclusion=inclusion))
        for dest, data in export_files(self.catalogue).items():
            files.append(File.generated(config, dest, content=data))
        for dest, source in vendor_files(self.catalogue):
            files.append(File.generated(config, dest, abs_src_path=str(source)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config, files) -> str:
        spec = self.specs.get(page.file.src_uri)
        language = spec.language if spec else page.file.src_uri.split("/")[0]
        page.meta["lang"] = (
            language if language in self.catalogue.settings.languages else self.catalogue.settings.default_language
        )
        page.meta["alternates"] = pages.alternates(self.catalogue, page.url, page.meta["lang"])
        if self.catalogue.settings.example_data:
            page.meta["example_notice"] = messages.label("example_notice", page.meta["lang"])
        page.meta["js_labels"] = messages.script_labels(page.meta["lang"])
        if spec is not None:
            page.meta["prilika"] = spec.template
            if spec.template in ("listing", "map", "shortlist", "publishers"):
                page.meta["hide"] = ["toc", "navigation"] if spec.template in ("listing", "map") else ["toc"]
            if spec.description:
                page.meta["description"] = html.escape(spec.description)
            if spec.ident == shell.SLOT_ID:
                page.meta["og_image"] = shell.SLOT_IMAGE
            return ""
        entry = self.content.get(page.file.src_uri)
        if entry and entry["generated_from"]:
            page.meta["fallback_lang"] = entry["generated_from"]
        return markdown

    def on_page_content(self, html: str, page: Page, config, files) -> str:
        assert self.catalogue is not None and self.renderer is not None
        spec = self.specs.get(page.file.src_uri)
        language = page.meta["lang"]
        if spec is not None and spec.ident == shell.SLOT_ID:
            return shell.SLOT_CONTENT
        if spec is not None:
            context = pages.page_context(self.catalogue, spec)
            return self.renderer.render(spec.template, page.url, language, **context)
        if page.meta.get("fallback_lang"):
            note = self.renderer.render("fallback_note", page.url, language, source_lang=page.meta["fallback_lang"])
            html = note + f'<div lang="{page.meta["fallback_lang"]}">{html}</div>'
        if page.url == urls.home(language):
            context = pages.home_context(self.catalogue, language)
            html = _after_first_paragraph(html, self.renderer.render("home", page.url, language, **context))
            html += self.renderer.render("home_newest", page.url, language, **context)
        return html

    def on_post_build(self, config) -> None:
        assert self.catalogue is not None and self.renderer is not None
        write_item_pages(self.catalogue, self.item_specs, Path(config.site_dir), self.renderer)
        write_exports(self.catalogue, Path(config.site_dir), self.renderer)

    def on_serve(self, server, config, builder):
        root = Path(config.config_file_path).parent
        for folder in (self.catalogue.settings.opportunities_dir if self.catalogue else "opportunities", "theme"):
            if (root / folder).exists():
                server.watch(str(root / folder))
        return server


def _after_first_paragraph(html: str, block: str) -> str:
    """The home page's figures and buttons go right under its opening paragraph, on the first screen."""
    end = html.find("</p>")
    return html + block if end < 0 else html[: end + 4] + block + html[end + 4 :]


_PREVALIDATED: list = []


def _take_prevalidated(settings: Settings):
    """`prilika build` validated a moment ago (to print problems and exit 1); reuse that once."""
    while _PREVALIDATED:
        result = _PREVALIDATED.pop()
        if result.catalogue.settings == settings:
            return result
    return None


def _yaml_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _load_config(config_file: Path, **overrides: Any):
    from mkdocs.config import load_config

    return load_config(str(config_file), **overrides)


def build_site(config_file: Path, site_dir: str | None, language: str = "en") -> int:
    """Validate, build into a temporary folder, then swap it in: never half a site."""
    from mkdocs.commands.build import build

    from generator.problems import summary_line
    from generator.settings import load_settings

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    settings = load_settings(config_file)
    result = validate_catalogue(settings)
    if result.problems:
        print(format_problems(result.problems, "text", language))
    if result.errors:
        print(summary_line(result.problems, language) + "; nothing was built")
        return 1
    _PREVALIDATED[:] = [result]
    probe = _load_config(config_file)
    target = Path(site_dir or probe.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-building-", dir=target.parent))
    try:
        config = _load_config(config_file, site_dir=str(staging))
        build(config)
        _swap(staging, target)
    except (Abort, PluginError, PrilikaError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"prilika: build failed: {exc}")
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print(f"built {target}")
    return 0


def _swap(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    serve(str(config_file), dev_addr=dev_addr, livereload=True)
    return 0
