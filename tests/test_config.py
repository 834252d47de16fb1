"""The plugin options: declared once, every bad one reported in one run at its place in mkdocs.yml."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from conftest import build_catalogue, copy_good
from generator.cli import main
from generator.config import Options, load_settings
from generator.errors import ConfigurationError

BAD_OPTIONS = """\
site_name: Test
plugins:
  - search
  - prilika:
      languages: [en, de, xx-Nowhere]
      default_language: fr
      feed_size: -3
      example_data: "yes"
      site_names: {sq: Katalogu}
      colour: blue
"""


def test_every_bad_option_is_reported_at_once_with_its_line_and_column(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(BAD_OPTIONS, encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_settings(config)
    lines = str(caught.value).splitlines()
    assert lines == [
        "mkdocs.yml:7:18: error: plugins.prilika.feed_size: must be a whole number above 0",
        "mkdocs.yml:8:21: error: plugins.prilika.example_data: must be true or false",
        "mkdocs.yml:10:15: error: plugins.prilika.colour: unknown option (known: "
        + ", ".join(Options.model_fields)
        + ")",
    ]


def test_cross_checks_name_the_exact_entry(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(BAD_OPTIONS.replace("      feed_size: -3\n", "").replace('      example_data: "yes"\n', "")
                      .replace("      colour: blue\n", ""), encoding="utf-8")  # fmt: skip
    with pytest.raises(ConfigurationError) as caught:
        load_settings(config)
    assert str(caught.value).splitlines() == [
        "mkdocs.yml:5:27: error: plugins.prilika.languages.2: 'xx-Nowhere' is not a language code Babel knows",
        "mkdocs.yml:6:25: error: plugins.prilika.default_language: 'fr' is not one of the languages"
        " ['en', 'de', 'xx-Nowhere']",
        "mkdocs.yml:7:24: error: plugins.prilika.site_names.sq: 'sq' is not one of the languages"
        " ['en', 'de', 'xx-Nowhere']",
    ]


def test_a_bad_option_stops_validate_with_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(BAD_OPTIONS, encoding="utf-8")
    assert main(["-f", str(config), "validate"]) == 2
    captured = capsys.readouterr()
    assert (
        captured.err.splitlines()[0]
        == "mkdocs.yml:7:18: error: plugins.prilika.feed_size: must be a whole number above 0"
    )
    assert "Traceback" not in captured.out + captured.err


def test_staff_takes_user_names_and_reports_a_bad_list_once(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\nplugins:\n  - prilika:\n      staff: [carol, dragan-2]\n", encoding="utf-8")
    assert load_settings(config).staff == ("carol", "dragan-2")
    config.write_text('site_name: T\nplugins:\n  - prilika:\n      staff: [carol, "@dragan", 3]\n', encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_settings(config)
    assert str(caught.value).splitlines() == [
        "mkdocs.yml:4:14: error: plugins.prilika.staff: "
        "must be a list of user names on the git host, e.g. [carol, dragan]"
    ]


def test_interest_cc_takes_one_e_mail_address(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\nplugins:\n  - prilika:\n      interest_cc: hub@diaspora.example\n")
    assert load_settings(config).interest_cc == "hub@diaspora.example"
    config.write_text("site_name: T\nplugins:\n  - prilika: {}\n")
    assert load_settings(config).interest_cc == ""
    for bad in ("the hub", "[a@b.example]", "a@b.example, c@d.example"):
        config.write_text(f'site_name: T\nplugins:\n  - prilika:\n      interest_cc: "{bad}"\n' if "[" not in bad
                          else f"site_name: T\nplugins:\n  - prilika:\n      interest_cc: {bad}\n")  # fmt: skip
        with pytest.raises(ConfigurationError) as caught:
            load_settings(config)
        assert str(caught.value).splitlines() == [
            "mkdocs.yml:4:20: error: plugins.prilika.interest_cc: must be an e-mail address, e.g. hub@example.org"
        ], bad


def test_the_mkdocs_build_reports_the_same_problems(good: Path) -> None:
    """`mkdocs build` judges the options with the same model (MkDocs itself accepts any value)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    from generator.host.plugin import CataloguePlugin

    config_file = good / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert "  - prilika:\n" in text
    config_file.write_text(text.replace("  - prilika:\n", "  - prilika:\n      feed_size: 0\n"), encoding="utf-8")
    config = load_config(str(config_file))
    plugin = config.plugins["prilika"]
    assert isinstance(plugin, CataloguePlugin)
    with pytest.raises(PluginError, match=r"mkdocs\.yml:\d+:\d+: error: plugins\.prilika\.feed_size"):
        plugin.on_config(config)


def test_a_finished_build_keeps_no_catalogue_alive(tmp_path: Path) -> None:
    """Per-build data (cards, facts, listing rows) dies with its catalogue, as `prilika serve` needs."""
    from generator.host import build

    folder = copy_good(tmp_path / "catalogue")
    seen: list[weakref.ref] = []
    original = build.validate_catalogue

    def watched(settings, today=None):
        result = original(settings) if today is None else original(settings, today)
        seen.append(weakref.ref(result.catalogue))
        return result

    build.validate_catalogue = watched
    try:
        for _ in range(2):
            assert build_catalogue(folder / "mkdocs.yml", folder / "site") == 0
    finally:
        build.validate_catalogue = original
    gc.collect()
    assert len(seen) == 2
    assert [ref() for ref in seen] == [None, None]
