"""The catalogue's settings, read from the `prilika` plugin entry of `mkdocs.yml`.

The validator must run in CI without building anything, so it reads the same
options the MkDocs plugin gets, without importing MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from generator.errors import ConfigurationError

DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


@dataclass(frozen=True)
class Settings:
    root: Path
    languages: tuple[str, ...] = ("en",)
    default_language: str = "en"
    opportunities_dir: str = "opportunities"
    content_dir: str = "content"
    site_name: str = "Prilika"
    site_url: str = ""
    tiles: str = DEFAULT_TILES
    tiles_attribution: str = DEFAULT_ATTRIBUTION
    example_data: bool = False
    feed_size: int = 20
    site_names: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def site_name_in(self, language: str) -> str:
        """The catalogue's name for readers of `language`; Serbian borrows the other script's."""
        if language in self.site_names:
            return self.site_names[language]
        from generator.languages import SERBIAN_SCRIPTS, transliterate

        other = SERBIAN_SCRIPTS.get(language)
        if other in self.site_names:
            return transliterate(self.site_names[other], language)
        return self.site_name

    @property
    def opportunities(self) -> Path:
        return self.root / self.opportunities_dir

    @property
    def content(self) -> Path:
        return self.root / self.content_dir


def build_date() -> date:
    """The date items are judged against: `SOURCE_DATE_EPOCH` for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
        except (ValueError, OverflowError) as exc:
            raise ConfigurationError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {epoch!r}") from exc
    return date.today()


def settings_from_options(
    root: Path, options: dict[str, Any], site_name: str = "Prilika", site_url: str = ""
) -> Settings:
    """Check the plugin options and turn them into Settings; every mistake is a ConfigurationError."""
    known = {
        "languages",
        "default_language",
        "opportunities_dir",
        "content_dir",
        "tiles",
        "tiles_attribution",
        "example_data",
        "feed_size",
        "site_names",
        "enabled",
    }
    unknown = sorted(set(options) - known)
    if unknown:
        raise ConfigurationError(f"mkdocs.yml: plugins.prilika: unknown option {unknown[0]!r}")
    languages = options.get("languages", ["en"])
    if not isinstance(languages, list) or not languages or not all(isinstance(x, str) for x in languages):
        raise ConfigurationError("mkdocs.yml: plugins.prilika.languages: must be a list of language codes")
    default = options.get("default_language", languages[0])
    if default not in languages:
        raise ConfigurationError(
            f"mkdocs.yml: plugins.prilika.default_language: {default!r} is not one of the languages {languages}"
        )
    from babel import Locale, UnknownLocaleError

    for language in languages:
        try:
            Locale.parse(language, sep="-")
        except (ValueError, UnknownLocaleError) as exc:
            raise ConfigurationError(
                f"mkdocs.yml: plugins.prilika.languages: {language!r} is not a language code Babel knows"
            ) from exc
    feed_size = options.get("feed_size", 20)
    if not isinstance(feed_size, int) or feed_size < 1:
        raise ConfigurationError("mkdocs.yml: plugins.prilika.feed_size: must be a whole number above 0")
    site_names = options.get("site_names") or {}
    if not isinstance(site_names, dict) or not all(
        isinstance(k, str) and k in languages and isinstance(v, str) and v.strip() for k, v in site_names.items()
    ):
        raise ConfigurationError(
            "mkdocs.yml: plugins.prilika.site_names: must map configured languages to names, e.g. {de: Katalog}"
        )
    return Settings(
        root=root,
        languages=tuple(languages),
        default_language=default,
        opportunities_dir=str(options.get("opportunities_dir", "opportunities")),
        content_dir=str(options.get("content_dir", "content")),
        site_name=site_name,
        site_url=site_url,
        tiles=str(options.get("tiles", DEFAULT_TILES)),
        tiles_attribution=str(options.get("tiles_attribution", DEFAULT_ATTRIBUTION)),
        example_data=bool(options.get("example_data", False)),
        feed_size=feed_size,
        site_names=dict(site_names),
    )


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` or `!!python/name:` tags meant for MkDocs; we skip them."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _unknown_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


def load_settings(config_file: Path) -> Settings:
    """Settings from a `mkdocs.yml`, for the commands that do not build."""
    if not config_file.is_file():
        raise ConfigurationError(f"{config_file}: no such file (run prilika in the catalogue's folder)")
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigurationError(f"{config_file.name}: not readable YAML: {exc}") from exc
    if not isinstance(config, dict):
        raise ConfigurationError(f"{config_file.name}: must be a mapping of settings")
    options: dict[str, Any] | None = None
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also takes `plugins:` as a mapping of name to options
        plugins = [{name: value} for name, value in plugins.items()]
    for entry in plugins:
        if entry == "prilika":
            options = {}
        elif isinstance(entry, dict) and "prilika" in entry:
            options = entry["prilika"] or {}
    if options is None:
        raise ConfigurationError(f"{config_file.name}: the plugins list has no 'prilika' entry")
    return settings_from_options(
        config_file.parent.resolve(),
        options,
        site_name=str(config.get("site_name", "Prilika")),
        site_url=str(config.get("site_url") or ""),
    )
