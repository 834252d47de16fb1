"""The propose form in Chromium: filled in by its control names as an officer would, for every kind
of file, its YAML is written into a copy of the example catalogue and `prilika validate` accepts it
unchanged, holding exactly what was typed (SPEC.md, "Proposing without YAML").

The example catalogue is built here with `repo_url` on GitHub, the small test catalogue with
`repo_url` on GitLab, so that both hosts' new-file addresses are checked.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import REPO, build_catalogue, copy_good
from generator import messages
from generator.submission import reference
from generator.submission.fidelity import THOUSANDS_DOT, number_readings

from .site_server import serve

READY = '.prilika-propose[data-ready="true"]'
LANGUAGES = ["en", "de", "sr-Latn", "sr-Cyrl", "sq"]
CATALOGUE_PARTS = ("mkdocs.yml", "content", "opportunities", "schema")
PUBLISHED = "2026-11-20"
VALID_UNTIL = "2027-06-30"


def copy_example(target: Path, header: str = "") -> Path:
    """The example catalogue's files in `target` (the theme linked), `header` put first in mkdocs.yml."""
    target.mkdir(parents=True)
    for name in CATALOGUE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    (target / "theme").symlink_to(REPO / "theme", target_is_directory=True)
    config = target / "mkdocs.yml"
    config.write_text(header + config.read_text(encoding="utf-8"), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def github_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = copy_example(
        tmp_path_factory.mktemp("propose") / "catalogue",
        "repo_url: https://github.com/example/catalogue\nedit_uri: edit/main/content/\n",
    )
    assert build_catalogue(folder / "mkdocs.yml", folder / "site") == 0
    with serve(folder / "site", tmp_path_factory.mktemp("served-propose")) as url:
        yield url


@pytest.fixture(scope="module")
def gitlab_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = copy_good(tmp_path_factory.mktemp("propose-gitlab") / "catalogue")
    config = folder / "mkdocs.yml"
    config.write_text(
        "repo_url: https://gitlab.com/acme/invest\nedit_uri: -/edit/dev/content/\n" + config.read_text(),
        encoding="utf-8",
    )
    assert build_catalogue(config, folder / "site") == 0
    with serve(folder / "site", tmp_path_factory.mktemp("served-propose-gitlab")) as url:
        yield url


def open_form(page, base: str, language: str, query: str = ""):
    page.goto(f"{base}{language}/propose/{query}")
    page.wait_for_selector(READY)
    page.wait_for_function("() => window.prilikaPropose && window.prilikaPropose.ready()")
    return page


def settle(page) -> None:
    """The form re-checks 120 ms after the last keystroke."""
    page.wait_for_timeout(250)


def pick(page, field: str, query: str, code: str) -> None:
    """Search a NACE code by `query` in the picker of `field` and choose `code` among the matches."""
    finder = page.locator(f'.prilika-propose__group[data-path="{field}"] input[type="search"]')
    finder.fill(query)
    page.locator(f'[role="option"][data-value="{code}"]').first.click()


def file_text(page) -> str:
    settle(page)
    shown = page.locator("#prilika-propose-yaml").inner_text()
    produced = page.evaluate("window.prilikaPropose.file()")
    assert shown.strip() == produced.strip()
    return produced


def problems(page, severity: str = "error") -> list[dict]:
    settle(page)
    return [p for p in page.evaluate("window.prilikaPropose.problems()") if p["severity"] == severity]


def validate_with(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess:
    """`prilika validate` on a copy of the example catalogue with `files` (path -> text) written into it."""
    folder = copy_example(tmp_path / "check")
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate"], cwd=folder, capture_output=True, text=True, timeout=120
    )


def fill_site(page) -> None:
    """A site in English and Serbian, three sectors found in three ways, the location from the map."""
    page.select_option("#prilika-propose-publisher", "cacak")
    page.check("#prilika-propose-kind-site")
    page.check("#prilika-propose-lang-sr-Latn")
    page.fill('[name="title.en"]', 'Hall "North" #2: *serviced* plot')
    page.fill('[name="title.sr-Latn"]', "Hala Sever #2: opremljena parcela")
    page.fill('[name="summary.en"]', "Flat plot: 1.5 km from the A2 junction & 100% serviced.")
    page.fill('[name="summary.sr-Latn"]', "Ravna parcela, 1,5 km od petlje.")
    page.fill('[name="description.en"]', "First paragraph: with a colon.\n\n- power\n- water # mains\n\\ a backslash")
    pick(page, "sectors", "Obstverarbeitung", "10.3")
    pick(page, "sectors", "прерада дрвета", "16")
    finder = page.locator('.prilika-propose__group[data-path="sectors"] input[type="search"]')
    finder.fill("C")
    page.locator('[role="option"][data-value="C"]').wait_for()
    finder.press("Enter")
    page.fill('[name="published"]', PUBLISHED)
    page.fill('[name="valid_until"]', VALID_UNTIL)
    the_map = page.locator(".prilika-propose__map")
    box = the_map.bounding_box()
    the_map.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    page.wait_for_function("() => document.querySelector('[name=\"location.lat\"]').value !== ''")
    page.select_option('[name="site_type"]', "greenfield")
    page.fill('[name="area_m2"]', "34000")
    page.fill('[name="building_area_m2"]', "1200.5")
    page.select_option('[name="ownership"]', "public")
    page.select_option('[name="zoning"]', "industrial")
    page.fill('[name="price_eur"]', "340000")
    page.select_option('[name="utilities.electricity"]', "true")
    page.select_option('[name="utilities.sewage"]', "false")
    page.fill('[name="distances_km.highway"]', "1.5")
    page.fill('[name="distances_km.airport"]', "22")
    page.fill('[name="contact.name"]', "Nemanja Jovičić")
    page.fill('[name="contact.email"]', "invest@cacak.example")
    page.locator('.prilika-propose__group[data-path="tags"] button.prilika-propose__add').click()
    page.fill('[name="tags[0]"]', "Morava Corridor")
    page.locator('.prilika-propose__group[data-path="tags"] button.prilika-propose__add').click()
    page.fill('[name="tags[1]"]', "serviced land")


def test_a_site_typed_in_the_form_validates_unchanged_and_holds_what_was_typed(page, github_site, tmp_path) -> None:
    open_form(page, github_site, "en")
    fill_site(page)
    assert problems(page) == []
    text = file_text(page)
    item_id = page.input_value("#prilika-propose-id")
    assert item_id == "cacak-hall-north-2-serviced-plot"
    assert page.locator("#prilika-propose-path").inner_text() == f"opportunities/cacak/{item_id}.yaml"
    result = validate_with(tmp_path, {f"opportunities/cacak/{item_id}.yaml": text})
    assert result.returncode == 0, result.stdout + result.stderr
    # Only the languages it was not written in are mentioned (warnings, as for any such file).
    about = [line for line in result.stdout.splitlines() if f"{item_id}.yaml" in line]
    assert all(": warning: " in line and line.endswith("translation") for line in about), about
    data = yaml.safe_load(text)
    lat, lon = float(page.input_value('[name="location.lat"]')), float(page.input_value('[name="location.lon"]'))
    assert data == {
        "kind": "site",
        "title": {"en": 'Hall "North" #2: *serviced* plot', "sr-Latn": "Hala Sever #2: opremljena parcela"},
        "summary": {
            "en": "Flat plot: 1.5 km from the A2 junction & 100% serviced.",
            "sr-Latn": "Ravna parcela, 1,5 km od petlje.",
        },
        "description": {"en": "First paragraph: with a colon.\n\n- power\n- water # mains\n\\ a backslash"},
        "sectors": ["10.3", "16", "C"],
        "published": datetime.date.fromisoformat(PUBLISHED),
        "valid_until": datetime.date.fromisoformat(VALID_UNTIL),
        "status": "available",
        "location": {"lat": lat, "lon": lon},
        "site_type": "greenfield",
        "area_m2": 34000,
        "building_area_m2": 1200.5,
        "ownership": "public",
        "zoning": "industrial",
        "price_eur": 340000,
        "utilities": {"electricity": True, "sewage": False},
        "distances_km": {"highway": 1.5, "airport": 22},
        "contact": {"name": "Nemanja Jovičić", "email": "invest@cacak.example"},
        "tags": ["Morava Corridor", "serviced land"],
    }
    assert reference.in_country("RS", lat, lon), "the map's centre is the publisher's seat"
    # The starter file's comments, as `prilika new site` writes them.
    assert text.startswith("# yaml-language-server: $schema=../../schema/item.json\n# Land or a building")
    assert re.search(r"^area_m2: 34000 +# land area in m², a number without units", text, re.M)
    # GitHub's new-file page in the publisher's folder, with the file in its address.
    href = page.get_attribute("#prilika-propose-host", "href")
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc) == ("https", "github.com")
    assert parts.path == "/example/catalogue/new/main/opportunities/cacak/"
    assert parse_qs(parts.query) == {"filename": [f"{item_id}.yaml"], "value": [text]}
    assert page.get_attribute("#prilika-propose-host", "aria-disabled") is None


def test_a_project_in_german_with_an_investment_range(page, github_site, tmp_path) -> None:
    open_form(page, github_site, "de", "?publisher=nis&kind=project")
    assert page.is_checked("#prilika-propose-kind-project")
    page.fill('[name="title.de"]', "Logistikzentrum Niš Süd")
    page.fill('[name="title.en"]', "Niš South logistics centre")
    page.fill('[name="summary.de"]', "Ein Logistikzentrum an der Autobahn A1 sucht einen Partner.")
    page.fill('[name="summary.en"]', "A logistics centre on the A1 motorway is looking for a partner.")
    pick(page, "sectors", "Lagerei", "52.1")
    page.fill('[name="published"]', PUBLISHED)
    page.fill('[name="location.lat"]', "43.2859")
    page.fill('[name="location.lon"]', "21.9120")
    page.check("text=" + messages.label("propose_amount_range", "de"))
    page.fill('[name="investment_eur.min"]', "3500000")
    page.fill('[name="investment_eur.max"]', "2000000")
    page.select_option('[name="model"]', "ppp")
    found = problems(page)
    assert [(p["path"], p["key"]) for p in found] == [("investment_eur.max", "range_max_below_min")]
    assert found[0]["message"] == messages.problem_text("range_max_below_min", {"min": 3500000}, "de")
    page.fill('[name="investment_eur.max"]', "5000000")
    page.select_option('[name="stage"]', "design")
    page.fill("#prilika-propose-id", "nis-logistics-south")
    assert problems(page) == []
    text = file_text(page)
    result = validate_with(tmp_path, {"opportunities/nis/nis-logistics-south.yaml": text})
    assert result.returncode == 0, result.stdout + result.stderr
    data = yaml.safe_load(text)
    assert data["investment_eur"] == {"min": 3500000, "max": 5000000}
    assert data["title"] == {"de": "Logistikzentrum Niš Süd", "en": "Niš South logistics centre"}
    assert data["sectors"] == ["52.1"] and data["model"] == "ppp" and data["stage"] == "design"
    assert data["location"] == {"lat": 43.2859, "lon": 21.912}


def test_a_company_in_serbian_cyrillic_with_products_and_markets(page, github_site, tmp_path) -> None:
    open_form(page, github_site, "sr-Cyrl", "?publisher=cacak&kind=sme")
    # The reader's script is typed; the other is shown as a preview, made at build time.
    page.fill('[name="title.sr-Cyrl"]', "Хладњача малина")
    preview = page.locator('.prilika-propose__text[data-lang="sr-Cyrl"] .prilika-propose__preview').first
    assert "Hladnjača malina" in preview.inner_text()
    page.fill('[name="title.en"]', "Raspberry cold store")
    page.fill('[name="summary.sr-Cyrl"]', "Замрзнуте малине за извоз.")
    page.fill('[name="summary.en"]', "Frozen raspberries for export.")
    pick(page, "sectors", "prerada drveta", "16")
    page.locator('.prilika-propose__chip input[value="16"]').click()  # unticked, the code is let go
    assert page.locator('.prilika-propose__chip input[value="16"]').count() == 0
    pick(page, "sectors", "10.39", "10.39")
    page.fill('[name="published"]', PUBLISHED)
    page.fill('[name="company"]', 'Малина „Чачак" д.о.о.')
    page.check('[name="seeking"][value="investment"]')
    page.check('[name="seeking"][value="distribution"]')
    page.fill('[name="founded"]', "2008")
    page.fill('[name="employees"]', "1.200")
    assert [p["key"] for p in problems(page)] == ["number_thousands_dot"]
    page.fill('[name="employees"]', "45")
    page.fill('[name="website"]', "https://malina.example/izvoz")
    products = page.locator('.prilika-propose__group[data-path="products"] > .prilika-propose__add')
    products.click()
    page.fill('[name="products[0].name.sr-Cyrl"]', "Смрзнута малина")
    page.fill('[name="products[0].name.en"]', "Frozen raspberries")
    page.fill('[name="products[0].hs"]', "frozen fruit")
    page.locator('[role="option"][data-value="0811"]').click()
    assert page.input_value('[name="products[0].hs"]') == "0811"
    page.locator('.prilika-propose__group[data-path="certifications"] > .prilika-propose__add').click()
    page.fill('[name="certifications[0]"]', "HACCP")
    for index, code in enumerate(["DE", "AT"]):
        page.locator('.prilika-propose__group[data-path="export_markets"] > .prilika-propose__add').click()
        page.select_option(f'[name="export_markets[{index}]"]', code)
    page.fill("#prilika-propose-id", "cacak-sme-raspberry-store")
    assert problems(page) == []
    text = file_text(page)
    result = validate_with(tmp_path, {"opportunities/cacak/cacak-sme-raspberry-store.yaml": text})
    assert result.returncode == 0, result.stdout + result.stderr
    data = yaml.safe_load(text)
    assert data["title"] == {"sr-Cyrl": "Хладњача малина", "en": "Raspberry cold store"}
    assert data["company"] == 'Малина „Чачак" д.о.о.'
    assert data["sectors"] == ["10.39"]
    assert data["seeking"] == ["investment", "distribution"]
    assert (data["founded"], data["employees"]) == (2008, 45)
    assert data["products"] == [{"name": {"sr-Cyrl": "Смрзнута малина", "en": "Frozen raspberries"}, "hs": "0811"}]
    assert data["certifications"] == ["HACCP"] and data["export_markets"] == ["DE", "AT"]
    assert "location" not in data  # shown at the publisher's seat


def test_a_new_publisher_in_albanian(page, github_site, tmp_path) -> None:
    open_form(page, github_site, "sq", "?publisher=new")
    assert page.input_value("#prilika-propose-publisher") == "@new"
    assert page.is_visible("#prilika-propose-new-note")
    page.fill("#prilika-propose-id", "prizren")
    taken = problems(page)
    assert any(p["message"] == messages.label("propose_publisher_taken", "sq", id="prizren") for p in taken)
    page.fill("#prilika-propose-id", "komuna-e-pejes")
    page.fill('[name="name.sq"]', "Komuna e Pejës")
    page.fill('[name="name.en"]', "Municipality of Peja")
    page.select_option('[name="type"]', "municipality")
    page.select_option('[name="country"]', "XK")
    page.fill('[name="region.sq"]', "Rajoni i Pejës")
    page.fill('[name="location.lat"]', "42.6591")
    page.fill('[name="location.lon"]', "20.2883")
    page.fill('[name="contact.name"]', "Zyra për zhvillim ekonomik")
    page.fill('[name="contact.email"]', "invest@peja.example")
    page.fill('[name="website"]', "https://peja.example")
    page.fill('[name="about.sq"]', "Peja shtrihet në rrafshin e Dukagjinit.\n\nZyra ndihmon investitorët.")
    page.locator('.prilika-propose__group[data-path="maintainers"] > .prilika-propose__add').click()
    page.fill('[name="maintainers[0]"]', "peja-invest")
    assert problems(page) == []
    text = file_text(page)
    assert page.locator("#prilika-propose-path").inner_text() == "opportunities/komuna-e-pejes/publisher.yaml"
    result = validate_with(tmp_path, {"opportunities/komuna-e-pejes/publisher.yaml": text})
    assert result.returncode == 0, result.stdout + result.stderr
    data = yaml.safe_load(text)
    assert data["country"] == "XK" and data["type"] == "municipality"
    assert data["location"] == {"lat": 42.6591, "lon": 20.2883}
    assert data["about"] == {"sq": "Peja shtrihet në rrafshin e Dukagjinit.\n\nZyra ndihmon investitorët."}
    assert data["maintainers"] == ["peja-invest"]
    assert text.startswith("# yaml-language-server: $schema=../../schema/publisher.json")
    href = urlsplit(page.get_attribute("#prilika-propose-host", "href"))
    assert href.path == "/example/catalogue/new/main/opportunities/komuna-e-pejes/"
    assert parse_qs(href.query)["filename"] == ["publisher.yaml"]


def test_a_thousands_dot_and_a_point_abroad_are_flagged_before_sending(page, github_site) -> None:
    open_form(page, github_site, "sr-Latn")
    fill_site(page)
    page.fill('[name="area_m2"]', "12.500")
    page.fill('[name="location.lat"]', "42.4411")
    page.fill('[name="location.lon"]', "19.2636")
    page.locator('[name="location.lon"]').blur()
    found = {p["key"]: p["message"] for p in problems(page)}
    assert found["number_thousands_dot"] == messages.problem_text(
        "number_thousands_dot", {"value": "12.500", "whole": "12500", "decimal": "12.5"}, "sr-Latn"
    )
    assert found["location_elsewhere"] == messages.problem_text(
        "location_elsewhere", {"country": "ME", "lat": 42.4411, "lon": 19.2636}, "sr-Latn"
    )
    area = page.locator('[name="area_m2"]')
    assert area.get_attribute("aria-invalid") == "true"
    error = page.locator("#" + area.get_attribute("aria-describedby").split()[0])
    assert error.inner_text() == found["number_thousands_dot"]
    # Nothing can be sent while the file has errors.
    assert page.get_attribute("#prilika-propose-host", "href") is None
    assert page.get_attribute("#prilika-propose-host", "aria-disabled") == "true"
    assert page.is_disabled("#prilika-propose-copy") and page.is_disabled("#prilika-propose-download")
    page.fill('[name="location.lat"]', "19.2636")
    page.fill('[name="location.lon"]', "42.4411")
    assert "location_swapped" not in {p["key"] for p in problems(page)}  # 19.26 N, 42.44 E is nowhere near
    page.fill('[name="location.lat"]', "20.3497")
    page.fill('[name="location.lon"]', "43.8914")
    assert "location_swapped" in {p["key"] for p in problems(page)}


def test_a_file_too_long_for_an_address_goes_by_the_clipboard(pages, github_site) -> None:
    page = pages.new(permissions=["clipboard-read", "clipboard-write"])
    open_form(page, github_site, "en")
    fill_site(page)
    long_text = "\n\n".join(["Дуг опис парцеле, са много детаља о приступу и инфраструктури."] * 60)
    page.fill('[name="description.sr-Latn"]', long_text.replace("Дуг", "Dug"))
    page.fill('[name="description.en"]', long_text)
    text = file_text(page)
    href = page.get_attribute("#prilika-propose-host", "href")
    assert len(href) < 8000 and "value=" not in href and "filename=" in href
    assert page.is_visible("#prilika-propose-host-note")
    # The host's page is not opened here (the test stays offline); the click copies the file.
    page.evaluate(
        "document.getElementById('prilika-propose-host').addEventListener('click', (e) => e.preventDefault())"
    )
    page.click("#prilika-propose-host")
    page.wait_for_function("(t) => navigator.clipboard.readText().then((c) => c === t)", arg=text)


def test_gitlab_gets_its_own_new_file_address(page, gitlab_site, tmp_path) -> None:
    open_form(page, gitlab_site, "en", "?publisher=testgrad&kind=site")
    page.fill('[name="title.en"]', "Plot by the river")
    page.fill('[name="summary.en"]', "A flat plot by the river.")
    pick(page, "sectors", "C", "C")
    page.fill('[name="published"]', PUBLISHED)
    page.fill('[name="location.lat"]', "43.31")
    page.fill('[name="location.lon"]', "21.90")
    page.select_option('[name="site_type"]', "brownfield")
    page.fill('[name="area_m2"]', "5000")
    page.select_option('[name="ownership"]', "private")
    assert problems(page) == []
    text = file_text(page)
    parts = urlsplit(page.get_attribute("#prilika-propose-host", "href"))
    assert (parts.netloc, parts.path) == ("gitlab.com", "/acme/invest/-/new/dev/opportunities/testgrad")
    assert parse_qs(parts.query) == {"file_name": ["testgrad-plot-by-the-river.yaml"], "content": [text]}
    assert page.inner_text("#prilika-propose-host") == messages.label("propose_open_gitlab", "en")


def test_edit_with_the_form_changes_only_what_the_officer_changed(page, github_site, tmp_path) -> None:
    item = "cacak-plot-preljina"
    original = (REPO / "opportunities/cacak" / f"{item}.yaml").read_text(encoding="utf-8")
    open_form(page, github_site, "en", f"?edit={item}")
    page.wait_for_function("() => document.querySelector('[name=\"area_m2\"]').value === '34000'")
    assert page.is_visible("#prilika-propose-editing")
    assert page.input_value("#prilika-propose-id") == item
    # The file's Serbian is Cyrillic: it is edited in Cyrillic.
    assert page.locator('[name="title.sr-Cyrl"]').count() == 1
    page.fill('[name="area_m2"]', "36000")
    assert problems(page) == []
    text = file_text(page)
    result = validate_with(tmp_path, {f"opportunities/cacak/{item}.yaml": text})
    assert result.returncode == 0, result.stdout + result.stderr
    before, after = yaml.safe_load(original), yaml.safe_load(text)
    assert after.pop("area_m2") == 36000 and before.pop("area_m2") == 34000
    # The catalogue's export gives every item its status; the form writes the default out.
    assert after.pop("status") == before.pop("status", "available")
    assert after == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_labels_the_form_in_its_own_words(page, github_site, language) -> None:
    open_form(page, github_site, language, "?publisher=cacak&kind=site")
    base = "sr-Latn" if language == "sr-Cyrl" else language
    for name, key in (("area_m2", "field_area_m2"), ("site_type", "field_site_type"), ("price_eur", "field_price_eur")):
        label = page.locator(f'[data-path="{name}"] > label').first.inner_text()
        assert label.replace("*", "").strip() == messages.label(key, language)
    legend = page.locator('[data-path="distances_km.highway"] > label').inner_text()
    assert legend == messages.label("field_distances_km_highway", language)
    shown = page.locator(".prilika-propose").inner_text()
    assert not re.search(r"\b(field|propose)_[a-z_]+\b", shown), "a label key is shown instead of its text"
    if base != "en":
        assert messages.label("propose_step_fields", "en") not in shown


def test_the_form_has_no_serious_accessibility_problem(page, github_site) -> None:
    from axe_playwright_python.sync_playwright import Axe

    open_form(page, github_site, "de", "?publisher=cacak")
    page.fill('[name="area_m2"]', "12.500")
    page.locator('.prilika-propose__group[data-path="sectors"] input[type="search"]').fill("obst")
    page.click("#prilika-propose-check")
    settle(page)
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert serious == []


def test_on_a_phone_the_form_fits_the_screen(pages, github_site) -> None:
    page = pages.new({"width": 390, "height": 844}, is_mobile=True)
    open_form(page, github_site, "sr-Latn", "?publisher=cacak&kind=sme")
    controls = ".prilika-propose input, .prilika-propose select, .prilika-propose textarea, .prilika-propose button"
    wide = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector + ', .prilika-propose__map'))
             .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > window.innerWidth + 1)
             .map((e) => e.name || e.id || e.className)""",
        controls,
    )
    assert wide == []


THOUSANDS_CASES = [
    "12.500",
    "850.000",
    "12,500",
    "1.250.000",
    "12 500",
    "12,5",
    "12.5",
    "12500",
    "0.500",
    "1.2345",
    "big",
]


def test_the_forms_number_rules_are_the_validators(page, github_site) -> None:
    open_form(page, github_site, "en")
    for text in THOUSANDS_CASES:
        if THOUSANDS_DOT.match(text):
            expected = "number_thousands_dot"
        elif re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", text):
            expected = None
        else:
            reading = number_readings(text)
            expected = reading[0] if reading and reading[0] != "number_quoted" else "number"
        assert page.evaluate("([t]) => window.prilikaPropose.numberProblem(t, true)", [text]) == expected, text


BORDER_CASES = [
    ("RS", 43.8914, 20.3497),  # Čačak
    ("RS", 42.4411, 19.2636),  # Podgorica: Montenegro
    ("RS", 42.6629, 21.1655),  # Pristina: Kosovo
    ("XK", 42.6629, 21.1655),
    ("ME", 42.2864, 18.8400),  # Budva, on the coast
    ("ME", 42.1000, 18.9000),  # at sea off the coast
    ("RS", 20.3497, 43.8914),  # swapped
    ("RS", 48.2082, 16.3738),  # Vienna
]


def test_the_forms_border_check_is_the_validators(page, github_site) -> None:
    from generator.submission.checks import check_location
    from generator.submission.sources import parse_text

    open_form(page, github_site, "en")
    source, _ = parse_text("location:\n  lat: 1\n  lon: 1\n", "x.yaml")
    for country, lat, lon in BORDER_CASES:
        found = check_location(source, ("location",), lat, lon, country, "location")
        expected = found[0].key if found else None
        shown = page.evaluate("([c, a, b]) => window.prilikaPropose.locationProblem(c, a, b)", [country, lat, lon])
        assert (shown[0] if shown else None) == expected, (country, lat, lon)


def test_an_unfinished_form_comes_back_in_the_same_browser(pages, github_site) -> None:
    page = pages.new()
    open_form(page, github_site, "de", "?publisher=bar&kind=project")
    page.fill('[name="title.de"]', "Olivenölmühle Bar")
    settle(page)
    page.goto(f"{github_site}de/propose/")
    page.wait_for_selector(READY)
    assert page.is_visible("#prilika-propose-restored")
    assert page.input_value('[name="title.de"]') == "Olivenölmühle Bar"
    assert page.input_value("#prilika-propose-publisher") == "bar"
    assert page.is_checked("#prilika-propose-kind-project")
    page.click("#prilika-propose-reset")
    page.wait_for_selector(READY)
    assert page.input_value('[name="title.de"]') == ""
    assert not page.is_visible("#prilika-propose-restored")
