"""The propose page as the build writes it: one per language, every field of every file type, in
the reader's language, and the links to the git host (SPEC.md, "Proposing without YAML").

What the form does in a browser is tested in tests/browser/test_propose.py.
"""

from __future__ import annotations

import json
import typing
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from pydantic import BaseModel

from conftest import REPO, build_catalogue, copy_good
from generator import messages
from generator.config import load_settings, mkdocs_edit_uri, settings_from_text
from generator.site import propose
from generator.submission import models

LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
MESSAGE_LANGUAGES = ["en", "de", "sr-Latn", "sq"]


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def form_data(site: Path, language: str) -> dict:
    script = page(site, f"{language}/propose").find("script", id="prilika-propose-data")
    return json.loads(script.string)


def walk(fields: list[dict]):
    for field in fields:
        yield field
        yield from walk(field.get("children", []))
        if "item" in field:
            yield from walk([field["item"]])
            yield from walk(field["item"].get("children", []))


def model_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field path of a model, nested models and list entries included (`products[].hs`)."""
    paths = set()
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        paths.add(path)
        for inner in _models_in(info.annotation):
            entry = path + "[]" if typing.get_origin(_unwrap(info.annotation)) is list else path
            paths |= model_paths(inner, entry)
    return paths


def _unwrap(annotation):
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or type(annotation).__name__ == "UnionType":
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def _models_in(annotation) -> list[type[BaseModel]]:
    base = _unwrap(annotation)
    if isinstance(base, type) and issubclass(base, BaseModel):
        return [base]
    return [model for arg in typing.get_args(base) for model in _models_in(arg)]


# -- the form description, from the models -----------------------------------------------------


@pytest.mark.parametrize("kind", list(propose.FILE_KINDS))
def test_every_field_of_every_kind_is_in_the_form(kind: str) -> None:
    """A field added to the models appears in the form without touching the form."""
    description, _ = propose.file_description(kind, "en")
    shown = {field["path"] for field in walk(description["fields"])}
    assert model_paths(propose.FILE_KINDS[kind]) <= shown


def test_every_item_kind_of_the_models_has_a_form() -> None:
    assert set(models.ITEM_MODELS) | {"publisher"} == set(propose.FILE_KINDS)


@pytest.mark.parametrize("language", MESSAGE_LANGUAGES)
@pytest.mark.parametrize("kind", list(propose.FILE_KINDS))
def test_every_label_of_the_form_is_translated(kind: str, language: str) -> None:
    """Labels come from the message catalogue of the reader's language, not the English fallback."""
    _, keys = propose.file_description(kind, language)
    written = set(messages.catalogue(language)["labels"])
    assert sorted(keys - written) == [], f"{language} lacks labels for the {kind} form"


@pytest.mark.parametrize("language", MESSAGE_LANGUAGES)
def test_every_sentence_the_script_writes_is_translated(language: str) -> None:
    written = messages.catalogue(language)
    assert sorted(set(propose.UI_LABELS) - set(written["labels"])) == []
    assert sorted(set(propose.MESSAGE_KEYS) - set(written["problems"])) == []


def test_fields_follow_the_starter_files_order_and_carry_their_comments() -> None:
    for kind in ("site", "project", "sme", "publisher"):
        text = propose.starter_text(kind)
        assert text is not None
        head, order, comments = propose.starter_layout(text)
        assert head[0].startswith("# yaml-language-server: $schema=../../schema/")
        description, _ = propose.file_description(kind, "en")
        paths = [field["path"] for field in description["fields"]]
        top = [path for path in order if "." not in path and "[" not in path]
        assert paths[: len(top)] == top, kind
        by_path = {field["path"]: field for field in walk(description["fields"])}
        for path, comment in comments.items():
            target = by_path.get(path) or by_path[path.split(".")[0]]
            assert target.get("comment") in (comment, None) or path.count(".")


def test_limits_are_the_validators() -> None:
    site, _ = propose.file_description("site", "en")
    fields = {field["path"]: field for field in walk(site["fields"])}
    assert fields["title"]["widget"] == "text" and fields["title"]["max_length"] == 120
    assert fields["summary"]["max_length"] == 300
    assert fields["area_m2"]["widget"] == "amount" and fields["area_m2"]["gt"] == 0
    assert fields["price_eur"]["ge"] == 0
    assert fields["location.lat"]["ge"] == -90 and fields["location.lat"]["le"] == 90
    assert fields["sectors"]["widget"] == "nace" and fields["sectors"]["min_length"] == 1
    assert fields["location"]["widget"] == "location"
    assert fields["published"]["widget"] == "date"
    assert fields["utilities.water"]["widget"] == "boolean"
    assert fields["description"]["markdown"] is True
    project, _ = propose.file_description("project", "en")
    investment = next(f for f in project["fields"] if f["name"] == "investment_eur")
    assert investment["widget"] == "amount_or_range" and investment["gt"] == 0
    assert [child["path"] for child in investment["children"]] == ["investment_eur.min", "investment_eur.max"]
    sme, _ = propose.file_description("sme", "en")
    fields = {field["path"]: field for field in walk(sme["fields"])}
    assert fields["products[].hs"]["widget"] == "hs"
    assert fields["export_markets[]"]["widget"] == "country"
    assert fields["seeking"]["widget"] == "choices"
    assert fields["founded"]["widget"] == "year"
    assert fields["employees"]["widget"] == "integer" and fields["employees"]["amount"] is True


# -- the git host -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "expected"),
    [
        (
            "https://github.com/acme/catalogue",
            "edit/main/content/",
            ("github", "https://github.com/acme/catalogue", "main", ""),
        ),
        ("https://github.com/acme/catalogue.git/", "", ("github", "https://github.com/acme/catalogue", "master", "")),
        (
            "https://gitlab.com/acme/sub/cat",
            "-/edit/dev/site/content/",
            ("gitlab", "https://gitlab.com/acme/sub/cat", "dev", "site/"),
        ),
        (
            "https://gitlab.example.org/acme/cat",
            "-/blob/main/content/",
            ("gitlab", "https://gitlab.example.org/acme/cat", "main", ""),
        ),
    ],
)
def test_the_repository_is_read_from_repo_url_and_edit_uri(repo_url: str, edit_uri: str, expected: tuple) -> None:
    repo = propose.repository(repo_url, edit_uri, "content")
    assert repo is not None
    assert (repo.host, repo.web, repo.branch, repo.prefix) == expected


@pytest.mark.parametrize(
    "repo_url", ["", "https://bitbucket.org/acme/cat", "https://github.com/acme", "ftp://github.com/a/b"]
)
def test_other_hosts_get_no_links(repo_url: str) -> None:
    assert propose.repository(repo_url, "edit/main/content/", "content") is None


def test_new_file_addresses_carry_the_file_and_decode_to_it() -> None:
    text = '# comment\ntitle:\n  en: "Hall #2: *north* & more 100%"\n  sr-Cyrl: "Хала"\n'
    github = propose.repository("https://github.com/acme/cat", "edit/main/content/", "content")
    address = github.new_file_url("opportunities/nis", "hall.yaml", text)
    parts = urlsplit(address)
    assert parts.path == "/acme/cat/new/main/opportunities/nis/"
    query = parse_qs(parts.query)
    assert query == {"filename": ["hall.yaml"], "value": [text]}
    gitlab = propose.repository("https://gitlab.com/acme/cat", "-/edit/main/content/", "content")
    address = gitlab.new_file_url("opportunities/nis", "hall.yaml", text)
    parts = urlsplit(address)
    assert parts.path == "/acme/cat/-/new/main/opportunities/nis"
    assert parse_qs(parts.query) == {"file_name": ["hall.yaml"], "content": [text]}
    assert unquote(gitlab.edit_url("opportunities/nis/hall.yaml")).endswith("/-/edit/main/opportunities/nis/hall.yaml")


def test_settings_read_without_mkdocs_equal_the_builds(tmp_path: Path) -> None:
    """`prilika build` validates before MkDocs runs and hands the result on only if the settings are equal."""
    from mkdocs.config import load_config

    base = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "content").mkdir()
    for extra in (
        "",
        "repo_url: https://github.com/a/b\n",
        "repo_url: https://gitlab.com/a/b\nedit_uri: -/edit/main/x\n",
    ):
        config = tmp_path / "mkdocs.yml"
        config.write_text(extra + base.replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}"), encoding="utf-8")
        loaded = load_config(str(config))
        settings = settings_from_text(config.read_text(encoding="utf-8"), tmp_path)
        assert (settings.repo_url, settings.edit_uri) == (loaded.repo_url or "", loaded.edit_uri or "")
    assert mkdocs_edit_uri("https://github.com/a/b", None) == "edit/master/docs/"
    assert mkdocs_edit_uri("https://github.com/a/b", "edit/main/content") == "edit/main/content/"


# -- the built site -----------------------------------------------------------------------------


def test_every_language_has_the_form_in_its_own_words(example_site: Path) -> None:
    for language in LANGUAGES:
        soup = page(example_site, f"{language}/propose")
        assert soup.html["lang"] == language
        assert soup.find("h1").get_text(strip=True) == messages.label("propose_title", language)
        data = form_data(example_site, language)
        assert data["language"] == language
        site = {field["name"]: field for field in data["kinds"]["site"]["fields"]}
        assert site["area_m2"]["label"] == messages.label("field_area_m2", language)
        assert (
            data["problems"]["number_thousands_dot"] == messages.catalogue(language)["problems"]["number_thousands_dot"]
        )
        assert set(data["kinds"]) == set(propose.FILE_KINDS)
        assert data["repository"] is None
        # Without a repository the page says where to send the file instead.
        assert soup.find(id="prilika-propose-host") is None
        assert messages.label("propose_no_repository", language) in soup.get_text()


def test_serbian_is_typed_in_one_script(example_site: Path) -> None:
    data = form_data(example_site, "sr-Cyrl")
    assert data["typed_languages"] == ["en", "de", "sr-Latn", "sq"]
    assert data["serbian"] == {"sr-Latn": "sr-Cyrl", "sr-Cyrl": "sr-Latn"}
    text = page(example_site, "sr-Cyrl/propose").get_text()
    assert messages.label("propose_serbian_note", "sr-Cyrl") in text


def test_the_form_knows_the_ids_in_use_and_the_publishers_countries(example_site: Path) -> None:
    data = form_data(example_site, "en")
    settings = load_settings(REPO / "mkdocs.yml")
    on_disk = {path.stem for path in settings.opportunities.glob("*/*.yaml") if path.name != "publisher.yaml"}
    assert set(data["item_ids"]) == on_disk  # closed and expired ones too: an id stays taken
    publishers = {p["id"]: p["country"] for p in data["publishers"]}
    assert publishers["cacak"] == "RS" and publishers["prizren"] == "XK" and publishers["bar"] == "ME"


def test_the_data_files_are_served(example_site: Path) -> None:
    reference = json.loads((example_site / propose.REFERENCE_DATA).read_text(encoding="utf-8"))
    nace = {row[0]: row for row in reference["nace"]}
    assert nace["10.3"][3]["de"] == "Obst- und Gemüseverarbeitung"
    assert nace["10.3"][1] == "10" and nace["10.3"][2] == 3
    assert "sr-Cyrl" in nace["10"][3]
    assert {row[0] for row in reference["hs"]} >= {"08", "0811"}
    borders = json.loads((example_site / propose.BORDERS_DATA).read_text(encoding="utf-8"))
    assert {"RS", "XK", "ME"} <= {str(g["id"]) for g in borders["objects"]["countries"]["geometries"]}


def test_the_form_is_in_the_navigation_and_linked_from_publishers_and_items(example_site: Path) -> None:
    for language in LANGUAGES:
        home = page(example_site, language)
        hrefs = [a.get("href", "") for a in home.select("nav a")]
        assert any(h.rstrip("/").endswith("propose") for h in hrefs), language
    publisher = page(example_site, "de/publishers/cacak")
    link = publisher.find("a", href=lambda h: h and h.endswith("propose/?publisher=cacak"))
    assert link is not None and link.get_text(strip=True) == messages.label("propose_for_publisher", "de")
    item = page(example_site, "sq/items/cacak-plot-preljina")
    edit = item.find("a", href=lambda h: h and h.endswith("propose/?edit=cacak-plot-preljina"))
    assert edit is not None and edit.get_text(strip=True) == messages.label("propose_edit_with_form", "sq")
    # Without repo_url there is no edit page to link to.
    assert item.find(string=messages.label("propose_suggest_change", "sq")) is None
    # An ended item is not in api/catalogue.json, which the form is filled from.
    ended = page(example_site, "en/items/subotica-palic-spa")
    assert ended.find("a", href=lambda h: h and "propose/?edit=" in h) is None


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small catalogue kept on GitLab, in a sub-folder of its repository, on branch `dev`."""
    folder = copy_good(tmp_path_factory.mktemp("hosted") / "catalogue")
    config = folder / "mkdocs.yml"
    config.write_text(
        "repo_url: https://gitlab.com/acme/invest\nedit_uri: -/edit/dev/catalogue/content/\n" + config.read_text(),
        encoding="utf-8",
    )
    assert build_catalogue(config, folder / "site") == 0
    return folder / "site"


def test_with_repo_url_items_and_publishers_link_their_files_edit_page(hosted_site: Path) -> None:
    item = page(hosted_site, "de/items/north-plot")
    link = item.find("a", string=messages.label("propose_suggest_change", "de"))
    assert link["href"] == "https://gitlab.com/acme/invest/-/edit/dev/catalogue/opportunities/testgrad/north-plot.yaml"
    publisher = page(hosted_site, "en/publishers/testgrad")
    link = publisher.find("a", string=messages.label("propose_suggest_change", "en"))
    assert link["href"] == "https://gitlab.com/acme/invest/-/edit/dev/catalogue/opportunities/testgrad/publisher.yaml"


def test_with_repo_url_the_form_offers_the_hosts_new_file_page(hosted_site: Path) -> None:
    data = form_data(hosted_site, "sr-Latn")
    assert data["repository"] == {
        "host": "gitlab",
        "new": "https://gitlab.com/acme/invest/-/new/dev/catalogue/",
        "web": "https://gitlab.com/acme/invest",
    }
    button = page(hosted_site, "sr-Latn/propose").find(id="prilika-propose-host")
    assert button.get_text(strip=True) == messages.label("propose_open_gitlab", "sr-Latn")


def test_the_header_link_to_the_repository_asks_no_api(hosted_site: Path) -> None:
    """Material fetches stars and forks from the host's API for `data-md-component="source"`."""
    html = (hosted_site / "en/propose/index.html").read_text(encoding="utf-8")
    assert 'class="md-source"' in html
    assert 'data-md-component="source"' not in html
