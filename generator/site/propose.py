"""The "propose" page: a form in the reader's language that writes a submission file in the browser.

Nothing here knows a field by name. The form is described from the submission models
(`generator.submission.models`): every field of every item kind and of the publisher file, its
widget (text per language, amount, date, choice, NACE or HS picker, location, list...), whether
it is required, and its limits (from the fields' constraints, the same ones the validator
applies). Labels and problem sentences come from the message catalogue, the file's layout and
comments from the starter files of `prilika new`. `theme/assets/prilika/propose.js` renders
that description and writes the YAML; a new field or kind in the models appears in the form
with the next build (it needs only its `field_<name>` label).

The validator stays the authority: the page checks what a browser can (SPEC.md, "Proposing
without YAML"), with the validator's own messages, and the file it writes passes
`prilika validate` unchanged.

The git host part: with MkDocs' `repo_url` on GitHub or GitLab, the page opens the host's
new-file page with the file filled in, and item and publisher pages link to their file's edit
page. The branch and the catalogue's folder in the repository are read from `edit_uri`, as
MkDocs reads them for its own edit links.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlsplit

import annotated_types
from pydantic import BaseModel, PlainValidator, WithJsonSchema
from pydantic.fields import FieldInfo

from generator import messages, urls
from generator.config import Settings
from generator.exports.jsonfile import json_bytes
from generator.languages import SERBIAN_SCRIPTS, babel_locale, country_name, language_name, language_name_in
from generator.site.cards import plain_text
from generator.site.search import FOLD_TABLE
from generator.submission import models, reference
from generator.submission.catalogue import Catalogue
from generator.submission.fidelity import FORBIDDEN

REFERENCE_DATA = "api/propose/reference.json"
BORDERS_DATA = "api/propose/borders.json"
# GitHub answers an address longer than 8,191 bytes with "414 URI Too Long" (GitHub Docs,
# "About automation for issues and pull requests with query parameters"); GitLab sits behind
# NGINX, whose default header buffer is 8 KiB. Past this, the page opens the new-file page
# without the content and puts the file on the clipboard instead.
URL_LIMIT = 8000
# Text fields that hold Markdown paragraphs (SPEC.md: `description`, publisher `about`): the form
# gives them a text area, every other text one line.
MARKDOWN_FIELDS = ("description", "about")
# Units the format's field names carry (`area_m2`, `price_eur`, `distances_km`), shown beside the input.
UNITS = (("_eur_per_m2_year", "EUR/m²"), ("_m2", "m²"), ("_eur", "EUR"), ("_km", "km"))
STARTERS = ("contributors", "scaffolds")
MESSAGE_KEYS = (
    "missing",
    "placeholder",
    "duplicate_value",
    "greater_than",
    "at_least",
    "at_most",
    "less_than",
    "number",
    "number_thousands_dot",
    "number_separators",
    "number_ambiguous",
    "integer",
    "date",
    "too_long",
    "empty",
    "pattern",
    "too_few",
    "text_empty",
    "text_too_long",
    "text_control",
    "text_noncharacter",
    "text_bidi",
    "script_cyrillic_in_latin",
    "script_latin_in_cyrillic",
    "nace_code",
    "hs_code",
    "https_url",
    "email",
    "year",
    "year_future",
    "range_max_below_min",
    "location_outside",
    "location_elsewhere",
    "location_swapped",
    "valid_until_before_published",
    "published_future",
    "translation_missing",
    "item_id",
    "item_id_duplicate",
    "publisher_id",
    "expired",
    "image_type",
    "image_outside",
)


def propose_url(language: str) -> str:
    """The form's page in `language`: `<lang>/propose/`."""
    return f"{language}/propose/"


# -- the git host -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Repository:
    """Where the catalogue's files live on GitHub or GitLab, as the pages link to them.

    `web` is the project's address (`https://github.com/owner/repo`), `branch` the branch new
    files are proposed against, `prefix` the catalogue's folder inside the repository (`""` when
    `mkdocs.yml` sits at its root, else e.g. `"catalogue/"`).
    """

    host: Literal["github", "gitlab"]
    web: str
    branch: str
    prefix: str = ""

    def _base(self, action: str) -> str:
        # GitLab puts repository pages under `/-/`; GitHub does not.
        middle = "/-/" if self.host == "gitlab" else "/"
        return f"{self.web}{middle}{action}/{quote(self.branch, safe='/')}/"

    def edit_url(self, path: str) -> str:
        """The host's edit page of the file at `path` (relative to the catalogue's folder)."""
        return self._base("edit") + urls.path_url(self.prefix + path)

    def new_file_url(self, folder: str, name: str, content: str | None) -> str:
        """The host's new-file page in `folder` (relative to the catalogue's folder), with the
        file name `name` and, unless None, the content filled in.

        GitHub: `new/<branch>/<folder>/?filename=&value=` (the trailing slash keeps the folder's
        last segment); GitLab: `-/new/<branch>/<folder>?file_name=&content=`. `propose.js`
        builds the same address; tests hold the two together.
        """
        address = self._base("new") + urls.path_url(self.prefix + folder.strip("/"))
        if self.host == "github":
            query = "?filename=" + quote(name, safe="")
            query += "" if content is None else "&value=" + quote(content, safe="")
            return address + "/" + query
        query = "?file_name=" + quote(name, safe="")
        query += "" if content is None else "&content=" + quote(content, safe="")
        return address + query

    def script_config(self) -> dict[str, str]:
        return {"host": self.host, "new": self._base("new") + urls.path_url(self.prefix), "web": self.web}


_EDIT_URI = re.compile(r"^(?:-/)?(?:edit|blob|tree)/([^/]+)/(.*)$")


def repository(repo_url: str, edit_uri: str, docs_dir: str) -> Repository | None:
    """The repository of `repo_url` when it is a GitHub or GitLab project, else None.

    `edit_uri` (MkDocs' setting, relative to `repo_url`) names the branch and the folder of the
    hand-written pages (`edit/main/content/`; GitLab `-/edit/main/content/`); the catalogue's own
    folder is what precedes `docs_dir` in it. Empty, it is MkDocs' default `edit/master/docs/`.
    Hosts are recognised by name: `github.com`, and any host with `gitlab` in it (self-managed
    GitLab). A trailing `.git` or `/` of `repo_url` is dropped.
    """
    parts = urlsplit(repo_url.strip())
    host = parts.netloc.lower()
    if parts.scheme not in ("http", "https") or not host:
        return None
    kind: Literal["github", "gitlab"]
    if host in ("github.com", "www.github.com"):
        kind = "github"
    elif "gitlab" in host:
        kind = "gitlab"
    else:
        return None
    path = parts.path.strip("/")
    path = path[: -len(".git")] if path.endswith(".git") else path
    if path.count("/") < 1:
        return None
    found = _EDIT_URI.match((edit_uri or "edit/master/docs/").strip("/") + "/")
    branch, rest = (found.group(1), found.group(2)) if found else ("master", "")
    docs = docs_dir.strip("/") + "/"
    prefix = rest[: -len(docs)] if docs != "/" and rest.endswith(docs) else ""
    return Repository(kind, f"{parts.scheme}://{parts.netloc}/{path}", branch, prefix)


def settings_repository(settings: Settings) -> Repository | None:
    """The repository of a catalogue's settings (`repo_url`, `edit_uri`, its content folder)."""
    return repository(
        getattr(settings, "repo_url", "") or "", getattr(settings, "edit_uri", "") or "", settings.content_dir
    )


def edit_url(settings: Settings, path: str) -> str | None:
    """The host's edit page of the submission file at `path` (catalogue-relative), or None
    without a GitHub or GitLab `repo_url`."""
    repo = settings_repository(settings)
    return repo.edit_url(path) if repo else None


# -- the starter files --------------------------------------------------------------------------


_STARTER_LINE = re.compile(
    r"^(?P<indent> *)(?P<dash>- )?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^#]*?)\s*(?:#\s?(?P<comment>.*))?$"
)


@cache
def starter_text(kind: str) -> str | None:
    """The text `prilika new <kind>` writes, or None for a kind without a starter file.

    Read as package data: the build never imports the contributor tools (tests/test_layers.py).
    """
    folder = resources.files("generator").joinpath(*STARTERS)
    file = folder / f"{kind}.yaml"
    if not file.is_file():
        return None
    common = folder / "common.txt"
    shared = common.read_text(encoding="utf-8").rstrip("\n") if common.is_file() else ""
    return file.read_text(encoding="utf-8").replace("{common}", shared)


def starter_layout(text: str) -> tuple[list[str], list[str], dict[str, str]]:
    """A starter file's opening comment lines, its field paths in order and their comments.

    Paths join keys with dots; a list entry's fields are `products[].name`. Shape:
    `(["# yaml-language-server: ...", ...], ["kind", "title", "title.en", ...], {"title.en": "at
    most 120 characters", ...})`.
    """
    head: list[str] = []
    order: list[str] = []
    comments: dict[str, str] = {}
    stack: list[tuple[int, str]] = []
    for line in text.splitlines():
        if not order and line.startswith("#"):
            head.append(line)
            continue
        found = _STARTER_LINE.match(line)
        if not found:
            continue
        indent = len(found["indent"]) + (2 if found["dash"] else 0)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1] if stack else ""
        if found["dash"] and parent:
            parent += "[]"
        path = f"{parent}.{found['key']}" if parent else found["key"]
        order.append(path)
        if found["comment"]:
            comments[path] = found["comment"].strip()
        stack.append((indent, path))
    return head, order, comments


# -- the fields, from the models ----------------------------------------------------------------

_NAMED = {
    "nace": models.Sector,
    "hs": models.HsCode,
    "country": models.Country,
    "url": models.HttpsUrl,
    "email": models.Email,
    "year": models.Year,
}


def _flatten(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any], bool]:
    """The type under Annotated layers and `| None`, every metadata item on the way, and whether
    None was allowed. A discriminated union of several types stays a union."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            args = typing.get_args(annotation)
            metadata = [*metadata, *args[1:]]
            annotation = args[0]
            continue
        if origin is typing.Union or type(annotation).__name__ == "UnionType":
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            if len(args) == 1:
                annotation = args[0]
                continue
        break
    flat: list[Any] = []
    for item in metadata:
        flat += [item, *item.metadata] if isinstance(item, FieldInfo) else [item]
    return annotation, flat, optional


def _named(metadata: list[Any]) -> str | None:
    for widget, named in _NAMED.items():
        validators = [m for m in typing.get_args(named)[1:] if isinstance(m, PlainValidator)]
        if any(v in metadata for v in validators):
            return widget
    return None


def _limits(metadata: list[Any]) -> dict[str, Any]:
    """The constraints the validator applies to one value: ranges, lengths, a pattern."""
    limits: dict[str, Any] = {}
    for item in metadata:
        for name in ("gt", "ge", "lt", "le"):
            value = getattr(item, name, None)
            if value is not None and isinstance(item, annotated_types.BaseMetadata):
                limits[name] = value
        if isinstance(item, annotated_types.MinLen):
            limits["min_length"] = item.min_length
        if isinstance(item, annotated_types.MaxLen):
            limits["max_length"] = item.max_length
        pattern = getattr(item, "pattern", None)
        if isinstance(pattern, str):
            limits["pattern"] = pattern
        if isinstance(item, WithJsonSchema) and item.json_schema:
            # A text's length limit sits in its schema: the text validator checks each language.
            for option in item.json_schema.get("anyOf", []):
                if option.get("type") == "string" and "maxLength" in option:
                    limits.setdefault("max_length", option["maxLength"])
                if option.get("type") == "string" and "pattern" in option:
                    limits.setdefault("pattern", option["pattern"])
            if item.json_schema.get("minimum") is not None:
                limits.setdefault("ge", item.json_schema["minimum"])
    return limits


def _unit(name: str) -> str | None:
    return next((unit for suffix, unit in UNITS if name.endswith(suffix)), None)


class _Describer:
    """Field descriptions of one file type in one language, recording the label keys it used."""

    def __init__(self, language: str, file: str) -> None:
        self.language = language
        self.file = file
        self.keys: set[str] = set()

    def label(self, candidates: list[str]) -> str:
        for key in candidates:
            if key in messages.keys("labels"):
                self.keys.add(key)
                return messages.label(key, self.language)
        # A field without a label says so on the page, and tests/site/test_propose.py fails.
        self.keys.add(candidates[0])
        return candidates[-1].split("_", 1)[-1]

    def field_label(self, path: str, name: str) -> str:
        flat = re.sub(r"\[\]", "", path).replace(".", "_")
        return self.label([f"field_{flat}", f"field_{name}"])

    def describe(self, model: type[BaseModel], prefix: str = "") -> list[dict[str, Any]]:
        return [
            self.field(
                name,
                f"{prefix}.{name}" if prefix else name,
                info.annotation,
                list(info.metadata),
                info.is_required(),
                info.default,
            )
            for name, info in model.model_fields.items()
        ]

    def field(
        self, name: str, path: str, annotation: Any, metadata: list[Any], required: bool, default: Any
    ) -> dict[str, Any]:
        """One field at `path` (`location.lat`; a list's entries are `products[]`)."""
        prefix = path.rsplit(".", 1)[0] if "." in path else ""
        base, flat, _ = _flatten(annotation, metadata)
        entry: dict[str, Any] = {
            "name": name,
            "path": path,
            "required": required,
            "label": self.field_label(path, name),
        }
        entry.update(_limits(flat))
        unit = _unit(name) or _unit(prefix.split(".")[-1].replace("[]", "") if prefix else "")
        if unit:
            entry["unit"] = unit
        if isinstance(default, str):
            entry["default"] = default
        entry.update(self.widget(name, path, base, flat))
        return entry

    def widget(self, name: str, path: str, base: Any, metadata: list[Any]) -> dict[str, Any]:
        named = _named(metadata)
        origin = typing.get_origin(base)
        if models.TEXT in metadata:
            return {"widget": "text", "markdown": name in MARKDOWN_FIELDS}
        if named:
            return {"widget": named}
        if origin is Literal:
            values = [str(v) for v in typing.get_args(base)]
            if len(values) == 1:
                return {"widget": "const", "value": values[0]}
            return {"widget": "choice", "options": self.options(name, values)}
        if origin is list:
            item, item_meta, _ = _flatten(typing.get_args(base)[0], [])
            if typing.get_origin(item) is Literal:
                return {"widget": "choices", "options": self.options(name, [str(v) for v in typing.get_args(item)])}
            if _named(item_meta) == "nace":
                return {"widget": "nace"}
            described = self.field(name, path + "[]", typing.get_args(base)[0], [], True, None)
            return {"widget": "list", "item": described}
        if isinstance(base, type) and issubclass(base, BaseModel):
            widget = "location" if base is models.Location else "group"
            return {"widget": widget, "children": self.describe(base, path)}
        if origin is typing.Union or type(base).__name__ == "UnionType":
            # `investment_eur`: one amount or a {min, max} range (the models' discriminated union).
            options = [_flatten(option, [])[0] for option in typing.get_args(base)]
            group = next((o for o in options if isinstance(o, type) and issubclass(o, BaseModel)), None)
            amount = next((t for t in typing.get_args(base) if _flatten(t, [])[0] in (int, float)), None)
            if group is not None and amount is not None:
                _, amount_meta, _ = _flatten(amount, [])
                return {
                    "widget": "amount_or_range",
                    "amount": models.AMOUNT in amount_meta,
                    **_limits(amount_meta),
                    "children": self.describe(group, path),
                    "labels": {
                        "one": self.label(["propose_amount_one"]),
                        "range": self.label(["propose_amount_range"]),
                    },
                }
            if group is not None:
                # An event's `registration`: an address alone, or `{url, deadline}`; the form
                # writes the mapping, which holds the address alone too.
                return {"widget": "group", "children": self.describe(group, path)}
        if base is date:
            return {"widget": "date"}
        if base is bool:
            return {"widget": "boolean"}
        if base is int:
            return {"widget": "integer", "amount": models.AMOUNT in metadata}
        if base is float:
            return {"widget": "amount" if models.AMOUNT in metadata else "number"}
        return {"widget": "string"}

    def options(self, name: str, values: list[str]) -> list[dict[str, str]]:
        return [
            {"value": value, "label": self.label([f"{name}_{value}", f"{self.file}_{name}_{value}"])}
            for value in values
        ]


def _order(fields: list[dict[str, Any]], order: list[str], comments: dict[str, str]) -> list[dict[str, Any]]:
    """Fields in the starter file's order (fields it lacks after, in the models' order), each with
    its starter comment; a text's comment may sit on its first language's line."""
    position = {path: index for index, path in enumerate(order)}
    for entry in fields:
        path = entry["path"]
        comment = comments.get(path)
        if comment is None and entry["widget"] == "text":
            comment = next((c for p, c in comments.items() if p.startswith(path + ".")), None)
        if comment:
            entry["comment"] = comment
        for key in ("children",):
            if key in entry:
                entry[key] = _order(entry[key], order, comments)
        if entry.get("item", {}).get("children"):
            entry["item"]["children"] = _order(entry["item"]["children"], order, comments)
    return sorted(fields, key=lambda e: position.get(e["path"], len(position)))


FILE_KINDS: dict[str, type[BaseModel]] = {**models.ITEM_MODELS, "publisher": models.Publisher}


def file_description(kind: str, language: str) -> tuple[dict[str, Any], set[str]]:
    """The form of one file type (`site`, `project`, `sme`, any other item kind of the models, or
    `publisher`) in `language`, and the label keys it uses.

    Shape: `{"kind", "file": "item"|"publisher", "head": [comment lines], "fields": [field]}`,
    each field `{"name", "path", "label", "widget", "required", limits..., "comment"?,
    "children"|"item"|"options"?}`.
    """
    file = "publisher" if kind == "publisher" else "item"
    describer = _Describer(language, file)
    fields = describer.describe(FILE_KINDS[kind])
    text = starter_text(kind)
    if text:
        head, order, comments = starter_layout(text)
    else:
        head, order, comments = [f"# yaml-language-server: $schema=../../schema/{file}.json"], [], {}
    return {"kind": kind, "file": file, "head": head, "fields": _order(fields, order, comments)}, describer.keys


# -- the page -----------------------------------------------------------------------------------

UI_LABELS = (
    "propose_title",
    "propose_publisher",
    "propose_publisher_new",
    "propose_publisher_id",
    "propose_publisher_id_hint",
    "propose_publisher_taken",
    "propose_item_id",
    "propose_item_id_hint",
    "propose_serbian_preview",
    "propose_choose",
    "propose_not_stated",
    "propose_add",
    "propose_remove",
    "propose_search_nace",
    "propose_search_hs",
    "propose_search_hint",
    "propose_no_match",
    "propose_more_matches",
    "propose_remove_code",
    "propose_map_hint",
    "propose_map_label",
    "propose_amount_one",
    "propose_amount_range",
    "propose_markdown_hint",
    "propose_chars_left",
    "propose_problems_none",
    "propose_fix_first",
    "propose_copied",
    "propose_clipboard_failed",
    "propose_pictures",
    "propose_loading",
    "value_yes",
    "value_no",
)
"""The labels `propose.js` writes itself; the template's own are rendered at build time."""


def form_description(catalogue: Catalogue, language: str) -> tuple[dict[str, Any], set[str]]:
    """Everything `propose.js` needs for the form in `language`, and the label keys it uses.

    Kinds and their fields (`file_description`), the publishers to choose from, the ids in use,
    the countries by name, the labels, the validator's problem sentences with their
    `{placeholders}`, the search folding table, the configured languages (one Serbian script is
    typed, the other made at build time), the data files' paths and the git host.
    """
    settings = catalogue.settings
    default = settings.default_language
    keys: set[str] = set(UI_LABELS)
    kinds = {}
    for kind in FILE_KINDS:
        kinds[kind], used = file_description(kind, language)
        keys |= used
        if kind != "publisher":
            keys.add(f"kind_{kind}")
    publishers = [
        {
            "id": pid,
            "name": plain_text(record.model.name, language, default),
            "country": record.model.country,
            "lat": record.model.location.lat,
            "lon": record.model.location.lon,
            "path": f"{settings.opportunities_dir}/{pid}",
        }
        for pid, record in catalogue.publishers.items()
    ]
    publishers.sort(key=lambda p: p["name"].casefold())
    repo = settings_repository(settings)
    typed = [lang for lang in settings.languages if not (lang == "sr-Cyrl" and "sr-Latn" in settings.languages)]
    # Hints under fields are optional: `propose_hint_<path>` where the catalogue has one.
    keys |= {key for key in messages.keys("labels") if key.startswith("propose_hint_")}
    labels = {key: messages.label(key, language) for key in sorted(keys) if key in messages.keys("labels")}
    return (
        {
            "language": language,
            "default_language": default,
            "languages": [
                {
                    "code": lang,
                    "name": language_name(lang),
                    "name_here": _capitalised(_name_with_script(lang, language)),
                }
                for lang in settings.languages
            ],
            "typed_languages": typed,
            "serbian": {lang: SERBIAN_SCRIPTS[lang] for lang in settings.languages if lang in SERBIAN_SCRIPTS},
            "kinds": kinds,
            "item_kinds": list(models.ITEM_MODELS),
            "publishers": publishers,
            "item_ids": {item.id: item.path for item in catalogue.items.values()},
            "opportunities_dir": settings.opportunities_dir,
            "countries": sorted(
                ({"code": code, "name": country_name(code, language)} for code in reference.countries()),
                key=lambda c: c["name"].casefold(),
            ),
            "labels": labels,
            "problems": {key: _problem_template(key, language) for key in MESSAGE_KEYS},
            "fold": dict(FOLD_TABLE),
            "forbidden": FORBIDDEN.pattern,
            "slug": models.SLUG.pattern,
            "repository": repo.script_config() if repo else None,
            "url_limit": URL_LIMIT,
            "build_year": catalogue.build_date.year,
        },
        keys,
    )


def _name_with_script(language: str, reader: str) -> str:
    """`language` named in `reader`'s language, Serbian with its script ("srpski (ćirilica)")."""
    try:
        return babel_locale(language).get_display_name(babel_locale(reader)) or language
    except (ValueError, LookupError):
        return language_name_in(language, reader)


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def _problem_template(key: str, language: str) -> str:
    """A problem sentence as the validator words it in `language`, `{placeholders}` left in."""
    template = messages.catalogue(language).get("problems", {}).get(key)
    return template if template is not None else messages.catalogue("en")["problems"][key]


def propose_context(catalogue: Catalogue, language: str) -> dict[str, Any]:
    """The template context of `<lang>/propose/`."""
    description, _ = form_description(catalogue, language)
    return {
        "form": description,
        "reference_data": REFERENCE_DATA,
        "catalogue_data": "api/catalogue.json",
        "borders_data": BORDERS_DATA,
        "submit_url": f"{language}/submit/",
        "repository": description["repository"],
    }


# -- the data files -----------------------------------------------------------------------------


def reference_document(languages: tuple[str, ...]) -> dict[str, Any]:
    """NACE and HS codes with their names in every language that has official ones, for the pickers.

    Shape: `{"nace": [[code, parent, level, {language: name}], ...], "hs": [...]}`, in the lists' order.
    Serbian Cyrillic names are the Latin ones transliterated (`reference.nace_name`); a language
    without a name falls back in the browser as on the pages (its own, the default, English).
    """
    wanted = [lang for lang in dict.fromkeys(("en", *languages))]

    def rows(table: dict[str, reference.Code], name_of) -> list[list[Any]]:
        result = []
        for code, entry in table.items():
            names: dict[str, str] = {"en": entry.name}
            for lang in wanted:
                name, found = name_of(code, lang, "en")
                if found == lang:
                    names[lang] = name
            result.append([code, entry.parent, entry.level, names])
        return result

    return {"nace": rows(reference.nace(), reference.nace_name), "hs": rows(reference.hs(), reference.hs_name)}


def propose_files(catalogue: Catalogue) -> dict[str, bytes]:
    """The files the form fetches: the NACE and HS names, and the country outlines the validator
    checks locations against (Natural Earth, see `generator/submission/data/README.md`), as is."""
    borders = (resources.files("generator.submission") / "data" / "borders.topo.json").read_bytes()
    return {
        REFERENCE_DATA: json_bytes(reference_document(catalogue.settings.languages), "scripts"),
        BORDERS_DATA: borders,
    }
