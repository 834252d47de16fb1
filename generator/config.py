"""The catalogue's settings: the `prilika` plugin options of `mkdocs.yml`, declared once.

`Options` declares every option with its type, default and meaning; the MkDocs plugin's option
scheme, the README's option table (checked by `tests/test_docs.py`) and the validator all come
from it. The validator must run in CI without building anything, so `load_settings` reads the
same options from `mkdocs.yml` without importing MkDocs. Every bad option is reported in one
run, each as `mkdocs.yml:line:col: error: plugins.prilika.<option>: ...`, the way MkDocs'
`Config.validate` collects its errors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError

from generator.errors import ConfigurationError

DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
# A git host user name, as `maintainers` in publisher.yaml takes it (no leading @).
USER_NAME = r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}$"
# An e-mail address as the submission files take it (`generator.submission.models.Email`).
EMAIL = r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$"
DEFAULT_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


class Options(BaseModel):
    """The options of the `prilika` entry under `plugins:` in `mkdocs.yml`."""

    model_config = ConfigDict(extra="forbid")

    languages: list[StrictStr] = Field(
        default_factory=lambda: ["en"],
        min_length=1,
        description="Language codes (BCP 47) the site is built in, e.g. `[en, de, sr-Latn, sr-Cyrl, sq]`.",
    )
    default_language: StrictStr | None = Field(
        default=None,
        description="The language of plain-string texts and the fallback for missing translations "
        "(default: the first of `languages`).",
    )
    opportunities_dir: StrictStr = Field(
        default="opportunities", description="Folder of publisher folders, relative to `mkdocs.yml`."
    )
    content_dir: StrictStr = Field(
        default="content",
        description="Folder of the hand-written pages for `prilika validate` (a build uses `docs_dir`).",
    )
    tiles: StrictStr = Field(
        default=DEFAULT_TILES,
        description="XYZ tile URL for the maps: the only thing a page loads from another host.",
    )
    tiles_attribution: StrictStr = Field(
        default=DEFAULT_ATTRIBUTION,
        description="Attribution shown on the maps (HTML), as the tile source's licence asks.",
    )
    example_data: StrictBool = Field(default=False, description="Show a banner saying the catalogue is example data.")
    feed_size: StrictInt = Field(default=20, ge=1, description="How many of the newest items each Atom feed carries.")
    site_names: dict[StrictStr, StrictStr] = Field(
        default_factory=dict,
        description="The site's name per language (`site_name` serves the others; a Serbian script "
        "without one takes the other script's, transliterated).",
    )
    staff: list[Annotated[StrictStr, Field(pattern=USER_NAME)]] = Field(
        default_factory=list,
        description="User names (on the git host) of the catalogue staff: the only people "
        "`prilika validate --changed-by` lets change files outside the publisher folders, and the "
        "owners `prilika codeowners` gives those files.",
    )
    interest_cc: Annotated[StrictStr, Field(pattern=EMAIL)] | None = Field(
        default=None,
        description="An e-mail address (a diaspora business hub, say) put in copy of every expression of "
        "interest the item pages and the shortlist prepare in the reader's e-mail program.",
    )
    enabled: StrictBool = Field(default=True, description="MkDocs' own switch: `false` turns the plugin off.")


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
    staff: tuple[str, ...] = ()
    interest_cc: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    # MkDocs' own settings, read for the links to the git host (generator/site/propose.py).
    repo_url: str = ""
    edit_uri: str = ""

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
    root: Path,
    options: dict[str, Any],
    site_name: str = "Prilika",
    site_url: str = "",
    config_file: Path | None = None,
) -> Settings:
    """Check the plugin options and turn them into Settings.

    Raises ConfigurationError naming every bad option, one line each, with its line and column in
    `config_file` when given.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    try:
        parsed = Options.model_validate(options)
    except ValidationError as exc:
        for error in exc.errors():
            path = tuple(str(part) for part in error["loc"])
            if error["type"] == "extra_forbidden":
                found.append((path, "unknown option (known: " + ", ".join(Options.model_fields) + ")"))
            else:
                found.append((path[:1], _option_message(path[0], error["msg"])))
        parsed = None
    if parsed is not None:
        found += _cross_checks(parsed)
    if found:
        # A set: two bad entries of one list option are one line at that option.
        located = sorted({(_position(config_file, path), _dotted(path), message) for path, message in found})
        name = config_file.name if config_file is not None else "mkdocs.yml"
        raise ConfigurationError(
            "\n".join(
                f"{name}:{line}:{column}: error: {dotted}: {message}" if line else f"{name}: error: {dotted}: {message}"
                for (line, column), dotted, message in located
            )
        )
    assert parsed is not None
    return Settings(
        root=root,
        languages=tuple(parsed.languages),
        default_language=parsed.default_language or parsed.languages[0],
        opportunities_dir=parsed.opportunities_dir,
        content_dir=parsed.content_dir,
        site_name=site_name,
        site_url=site_url,
        tiles=parsed.tiles,
        tiles_attribution=parsed.tiles_attribution,
        example_data=parsed.example_data,
        feed_size=parsed.feed_size,
        site_names=dict(parsed.site_names),
        staff=tuple(parsed.staff),
        interest_cc=parsed.interest_cc or "",
    )


_MESSAGES = {
    "languages": "must be a list of language codes, e.g. [en, de]",
    "feed_size": "must be a whole number above 0",
    "site_names": "must map configured languages to names, e.g. {de: Katalog}",
    "example_data": "must be true or false",
    "enabled": "must be true or false",
    "staff": "must be a list of user names on the git host, e.g. [carol, dragan]",
    "interest_cc": "must be an e-mail address, e.g. hub@example.org",
}


def _option_message(name: str, detail: str) -> str:
    return _MESSAGES.get(name, detail[0].lower() + detail[1:] if detail else "is not valid")


def _cross_checks(options: Options) -> list[tuple[tuple[str, ...], str]]:
    """What one option says about another: the default among the languages, names for known ones."""
    from babel import Locale, UnknownLocaleError

    found: list[tuple[tuple[str, ...], str]] = []
    for index, language in enumerate(options.languages):
        try:
            Locale.parse(language, sep="-")
        except (ValueError, UnknownLocaleError):
            found.append((("languages", str(index)), f"{language!r} is not a language code Babel knows"))
    if options.default_language is not None and options.default_language not in options.languages:
        found.append(
            (("default_language",), f"{options.default_language!r} is not one of the languages {options.languages}")
        )
    for language, name in options.site_names.items():
        if language not in options.languages:
            found.append((("site_names", language), f"{language!r} is not one of the languages {options.languages}"))
        elif not name.strip():
            found.append((("site_names", language), "must not be empty"))
    return found


def _dotted(path: tuple[str, ...]) -> str:
    return ".".join(("plugins", "prilika", *path))


def _position(config_file: Path | None, path: tuple[str, ...]) -> tuple[int, int]:
    """Line and column of `path` in `config_file`; (0, 0) without a file."""
    return (0, 0) if config_file is None else _option_position(config_file, path)


def _option_position(config_file: Path, path: tuple[str, ...]) -> tuple[int, int]:
    """Where `path` is written in the prilika entry of `config_file` (the deepest part that is)."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 1, 1
    node = _child(root, "plugins")
    if isinstance(node, yaml.SequenceNode):
        entries = node.value
        node = next((_child(e, "prilika") for e in entries if _child(e, "prilika") is not None), node)
    elif isinstance(node, yaml.MappingNode):
        node = _child(node, "prilika") or node
    best = node or root
    for part in path:
        child = _child(best, part) if best is not None else None
        if child is None:
            break
        best = child
    mark = best.start_mark
    return mark.line + 1, mark.column + 1


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value under `key` of a mapping node, or entry `key` of a sequence node."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    if isinstance(node, yaml.SequenceNode) and key.isdigit() and int(key) < len(node.value):
        return node.value[int(key)]
    return None


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
        text = config_file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigurationError(f"{config_file.name}: not readable YAML: {exc}") from exc
    return settings_from_text(text, config_file.parent.resolve(), config_file.name, config_file)


def settings_from_text(text: str, root: Path, name: str = "mkdocs.yml", config_file: Path | None = None) -> Settings:
    """Settings from the text of a `mkdocs.yml` named `name`, e.g. one read from a git revision.

    `root` is the catalogue's folder; positions of bad options are looked up in `config_file`
    when given. Raises ConfigurationError as `load_settings` does.
    """
    try:
        config = yaml.load(text, Loader=_TolerantLoader) or {}
    except yaml.YAMLError as exc:
        raise ConfigurationError(f"{name}: not readable YAML: {exc}") from exc
    if not isinstance(config, dict):
        raise ConfigurationError(f"{name}: must be a mapping of settings")
    options: dict[str, Any] | None = None
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also takes `plugins:` as a mapping of name to options
        plugins = [{key: value} for key, value in plugins.items()]
    for entry in plugins:
        if entry == "prilika":
            options = {}
        elif isinstance(entry, dict) and "prilika" in entry:
            options = entry["prilika"] or {}
    if options is None:
        raise ConfigurationError(f"{name}: the plugins list has no 'prilika' entry")
    settings = settings_from_options(
        root,
        options,
        site_name=str(config.get("site_name", "Prilika")),
        site_url=str(config.get("site_url") or ""),
        config_file=config_file,
    )
    repo_url = str(config.get("repo_url") or "")
    return replace(settings, repo_url=repo_url, edit_uri=mkdocs_edit_uri(repo_url, config.get("edit_uri")))


def mkdocs_edit_uri(repo_url: str, edit_uri: Any) -> str:
    """`edit_uri` as MkDocs 1.6 completes it (config_options.EditURI): `edit/master/docs/` for a
    GitHub or GitLab `repo_url` without one, and always a final `/`; so that the settings read
    here equal the ones the build's plugin gets from MkDocs."""
    from urllib.parse import urlsplit

    value = "" if edit_uri is None else str(edit_uri)
    if edit_uri is None and repo_url and urlsplit(repo_url).netloc.lower() in ("github.com", "gitlab.com"):
        value = "edit/master/docs/"
    return value + "/" if value and not value.endswith("/") else value
