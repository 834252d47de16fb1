"""The contribution path cannot be talked round: `--changed-by`, CODEOWNERS, the change summary, CI.

A scratch repository holds two publishers, alice-town (maintainers [alice]) and bob-town
(maintainers [bob]), and `staff: [carol]` in mkdocs.yml, committed as branch `base`. Each test
makes a branch that tries one way past the check and reads what the user sees: the exit status and
the problems (`--format json`, whose paths are exact), the CODEOWNERS text, the Markdown summary
as GitHub's Markdown engine renders it.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO
from generator.cli import main
from generator.contributors.changes import (
    CELL_LIMITS,
    MAX_ROWS,
    Change,
    catalogue_changes,
    format_changes,
    markdown_cell,
)

MKDOCS = """\
site_name: Scratch catalogue
docs_dir: content
plugins:
  - prilika:
      languages: [en]
      staff: [carol]
"""
PUBLISHER = """\
name: {town}
type: municipality
country: RS
location: {{lat: 43.32, lon: 21.9}}
contact: {{name: {who}, email: {who}@example.org}}
maintainers: [{who}]
"""
ITEM = """\
kind: site
title: {title}
summary: A plot of {who}.
sectors: ["C"]
location: {{lat: 43.32, lon: 21.9}}
site_type: greenfield
area_m2: 1000
ownership: public
published: 2025-01-01
"""
# Files outside the publisher folders that a catalogue repository has.
SHARED_FILES = {
    "content/en/index.md": "# Catalogue\n",
    "theme/main.html": "{% extends 'base.html' %}\n",
    "generator/ownership.py": "def ownership_problems():\n    return ['checked']\n",
    ".github/workflows/pull-request.yml": "on: pull_request\n",
    ".gitlab-ci.yml": "judge: {script: [prilika validate]}\n",
    "pyproject.toml": "[project]\nname = 'catalogue'\n",
}


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Officer", "-c", "user.email=o@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def make_catalogue(folder: Path) -> Path:
    write(folder / "mkdocs.yml", MKDOCS)
    for path, text in SHARED_FILES.items():
        write(folder / path, text)
    for who in ("alice", "bob"):
        town = folder / "opportunities" / f"{who}-town"
        write(town / "publisher.yaml", PUBLISHER.format(town=f"{who.title()} town", who=who))
        write(town / f"{who}-plot.yaml", ITEM.format(title=f"{who.title()}'s plot", who=who))
        write(town / "images" / "plain.jpg", b"\xff\xd8\xff\xe0 picture of " + who.encode())
    write(folder / "opportunities/bob-town/bob-hall.yaml", ITEM.format(title="Bob's hall", who="bob"))
    write(folder / "opportunities/bob-town/images/parcela-čačak.jpg", b"\xff\xd8\xff\xe0 parcela")
    return folder


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The scratch repository on a branch `change` from `base`, with git's default path quoting forced on."""
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "core.quotePath")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "true")
    folder = make_catalogue(tmp_path / "catalogue")
    git(folder, "init", "-q", "-b", "base")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "two publishers")
    git(folder, "checkout", "-q", "-b", "change")
    return folder


def commit(folder: Path, message: str = "change") -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--allow-empty", "-m", message)


def judge(folder: Path, user: str, capsys: pytest.CaptureFixture[str], config: str = "mkdocs.yml") -> tuple[int, dict]:
    """Exit status of `validate --changed-by USER --base base`, and its ownership problems as {path: message}.

    Ownership problems are the ones that name the user or the staff; what the validator says of
    the files themselves is left to its own tests.
    """
    capsys.readouterr()
    code = main(["-f", str(folder / config), "validate", "--format", "json", "--changed-by", user, "--base", "base"])
    out = capsys.readouterr().out
    found = {
        p["file"]: p["message"]
        for p in (json.loads(out) if out.strip() else [])
        if p["message"].startswith((f"{user} ", "only catalogue staff"))
    }
    return code, found


def set_option(folder: Path, line: str) -> None:
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - prilika:\n", f"  - prilika:\n      {line}\n"))


# --- publisher folders ---------------------------------------------------------------------------


def test_an_honest_change_to_your_own_item_passes(repo: Path, capsys) -> None:
    plot = repo / "opportunities/alice-town/alice-plot.yaml"
    plot.write_text(plot.read_text().replace("A plot of alice.", "A plot of alice, now serviced."))
    write(repo / "opportunities/alice-town/alice-yard.yaml", ITEM.format(title="Alice's yard", who="alice"))
    commit(repo)
    assert judge(repo, "alice", capsys) == (0, {})
    assert judge(repo, "@Alice", capsys) == (0, {})  # the git hosts compare user names case-insensitively


@pytest.mark.parametrize("how", ["edit", "delete"])
def test_editing_or_deleting_a_neighbours_item_fails(repo: Path, capsys, how: str) -> None:
    plot = repo / "opportunities/bob-town/bob-plot.yaml"
    if how == "edit":
        plot.write_text(plot.read_text().replace("A plot of bob.", "A plot of bob, rewritten by alice."))
    else:
        plot.unlink()
    commit(repo)
    code, found = judge(repo, "alice", capsys)
    assert code == 1
    assert found == {
        "opportunities/bob-town/bob-plot.yaml": "alice does not maintain the publisher folder 'bob-town' "
        "(maintainers: bob); ask one of them or the catalogue staff to make this change"
    }


@pytest.mark.parametrize("spelling", ["./opportunities", "opportunities/", "opportunities//", "./opportunities/."])
def test_respelling_opportunities_dir_does_not_switch_the_check_off(repo: Path, capsys, spelling: str) -> None:
    """A-40: the setting comes from the base revision, and every spelling names the same folder."""
    set_option(repo, f"opportunities_dir: {spelling}")
    plot = repo / "opportunities/bob-town/bob-plot.yaml"
    plot.write_text(plot.read_text().replace("A plot of bob.", "A plot of bob, rewritten by alice."))
    (repo / "opportunities/bob-town/bob-hall.yaml").unlink()
    commit(repo)
    code, found = judge(repo, "alice", capsys)
    assert code == 1
    assert set(found) == {
        "mkdocs.yml",
        "opportunities/bob-town/bob-hall.yaml",
        "opportunities/bob-town/bob-plot.yaml",
    }
    assert found["mkdocs.yml"].startswith("only catalogue staff change files outside the publisher folders")


@pytest.mark.parametrize("spelling", ["./opportunities", "opportunities/", "./opportunities/."])
def test_a_base_that_spells_opportunities_dir_oddly_still_guards_each_folder(repo: Path, capsys, spelling: str) -> None:
    git(repo, "checkout", "-q", "base")
    set_option(repo, f"opportunities_dir: {spelling}")
    commit(repo, "staff respell the setting")
    git(repo, "checkout", "-q", "-B", "change", "base")
    for who in ("alice", "bob"):
        plot = repo / f"opportunities/{who}-town/{who}-plot.yaml"
        plot.write_text(plot.read_text().replace(f"A plot of {who}.", f"A plot of {who}, by alice."))
    commit(repo)
    code, found = judge(repo, "alice", capsys)
    assert (code, set(found)) == (1, {"opportunities/bob-town/bob-plot.yaml"})


NAMES = [
    "parcela-čačak.jpg",  # bob's published picture, replaced
    "notiz-ü.txt",
    "ниш.jpg",
    'quote"name.jpg',
    "back\\slash.jpg",
    "tab\tname.jpg",
    "new\nline.jpg",
    " leading space.jpg",
]


def test_file_names_in_any_script_are_judged_exactly(repo: Path, capsys) -> None:
    """A-41: git quotes such names in its line output; the check reads them NUL-separated."""
    for name in NAMES:
        write(repo / "opportunities/bob-town/images" / name, b"\xff\xd8\xff\xe0 ALICE WAS HERE")
    commit(repo)
    code, found = judge(repo, "alice", capsys)
    assert code == 1
    assert set(found) == {f"opportunities/bob-town/images/{name}" for name in NAMES}
    assert all("alice does not maintain the publisher folder 'bob-town'" in m for m in found.values())


def test_a_folder_with_an_odd_name_in_a_neighbours_folder_is_judged_too(repo: Path, capsys) -> None:
    write(repo / "opportunities/bob-town/ünïcode\tfolder/x.jpg", b"x")
    write(repo / "opportunities/alice-town/ünïcode\tfolder/x.jpg", b"x")
    commit(repo)
    code, found = judge(repo, "alice", capsys)
    assert (code, set(found)) == (1, {"opportunities/bob-town/ünïcode\tfolder/x.jpg"})


@pytest.mark.parametrize(
    ("source", "target", "refused"),
    [
        # out of bob's folder into alice's: bob's item disappears
        ("bob-town/bob-plot.yaml", "alice-town/bob-plot.yaml", "bob-town/bob-plot.yaml"),
        # into bob's folder: a new item under bob's name
        ("alice-town/alice-plot.yaml", "bob-town/alice-plot.yaml", "bob-town/alice-plot.yaml"),
        # within bob's folder: both ends are bob's
        ("bob-town/bob-plot.yaml", "bob-town/bob-plot-2.yaml", None),
    ],
)
def test_renames_are_judged_at_both_ends(repo: Path, capsys, source: str, target: str, refused: str | None) -> None:
    git(repo, "mv", f"opportunities/{source}", f"opportunities/{target}")
    commit(repo, "move")
    code, found = judge(repo, "alice", capsys)
    assert code == 1
    expected = {f"opportunities/{refused}"} if refused else {f"opportunities/{source}", f"opportunities/{target}"}
    assert set(found) == expected


def test_adding_yourself_to_a_neighbours_maintainers_does_not_help(repo: Path, capsys) -> None:
    publisher = repo / "opportunities/bob-town/publisher.yaml"
    publisher.write_text(publisher.read_text().replace("[bob]", "[bob, alice]"))
    plot = repo / "opportunities/bob-town/bob-plot.yaml"
    plot.write_text(plot.read_text().replace("A plot of bob.", "A plot of bob, rewritten by alice."))
    commit(repo)
    code, found = judge(repo, "alice", capsys)
    assert (code, set(found)) == (
        1,
        {"opportunities/bob-town/publisher.yaml", "opportunities/bob-town/bob-plot.yaml"},
    )


def test_a_new_publisher_folder_is_added_by_staff(repo: Path, capsys) -> None:
    town = repo / "opportunities/dave-town"
    write(town / "publisher.yaml", PUBLISHER.format(town="Dave town", who="alice"))
    commit(repo, "a new publisher that alice maintains")
    code, found = judge(repo, "alice", capsys)
    assert code == 1
    assert found == {
        "opportunities/dave-town/publisher.yaml": "alice may not add the publisher folder 'dave-town': new "
        "publishers are added by catalogue staff (staff: carol); ask one of them to add it with you as a maintainer"
    }
    assert judge(repo, "carol", capsys) == (0, {})


# --- everything outside the publisher folders ------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "generator/ownership.py",  # the validator
        "mkdocs.yml",
        "content/en/index.md",
        "theme/main.html",
        ".github/workflows/pull-request.yml",
        ".gitlab-ci.yml",
        "pyproject.toml",
        "CODEOWNERS",  # a new file at the top
        "opportunities/README.md",  # directly in the opportunities folder, in no publisher's
    ],
)
def test_files_outside_the_publisher_folders_need_staff(repo: Path, capsys, path: str) -> None:
    target = repo / path
    if path == "generator/ownership.py":  # A-23's tamper.py: the check returns nothing
        target.write_text(target.read_text().replace("    return ['checked']", "    return []  # refactor"))
    else:
        write(target, (target.read_text() if target.exists() else "") + "# alice was here\n")
    commit(repo)
    code, found = judge(repo, "alice", capsys)
    assert code == 1
    assert found == {
        path: "only catalogue staff change files outside the publisher folders, and alice is not staff "
        "(staff: carol, the 'staff' option in mkdocs.yml); ask one of them to make this change"
    }
    assert judge(repo, "carol", capsys) == (0, {})


def test_deleting_a_shared_file_needs_staff(repo: Path, capsys) -> None:
    (repo / "theme/main.html").unlink()
    commit(repo)
    assert judge(repo, "alice", capsys)[1].keys() == {"theme/main.html"}


def test_staff_may_change_anything(repo: Path, capsys) -> None:
    set_option(repo, "feed_size: 10")
    plot = repo / "opportunities/bob-town/bob-plot.yaml"
    plot.write_text(plot.read_text().replace("A plot of bob.", "A plot of bob, corrected by staff."))
    write(repo / "theme/extra.css", "body {}\n")
    commit(repo)
    assert judge(repo, "carol", capsys) == (0, {})
    assert judge(repo, "@CAROL", capsys) == (0, {})


def test_adding_yourself_to_staff_does_not_help(repo: Path, capsys) -> None:
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace("staff: [carol]", "staff: [carol, alice]"))
    (repo / "opportunities/bob-town/bob-hall.yaml").unlink()
    commit(repo)
    code, found = judge(repo, "alice", capsys)
    assert (code, set(found)) == (1, {"mkdocs.yml", "opportunities/bob-town/bob-hall.yaml"})


def test_without_a_staff_option_nobody_passes_a_shared_change(repo: Path, capsys) -> None:
    git(repo, "checkout", "-q", "base")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace("      staff: [carol]\n", ""))
    commit(repo, "no staff")
    git(repo, "checkout", "-q", "-B", "change", "base")
    write(repo / "content/en/index.md", "# Changed\n")
    commit(repo)
    code, found = judge(repo, "carol", capsys)
    assert code == 1
    assert "(staff: -, the 'staff' option in mkdocs.yml)" in found["content/en/index.md"]


def test_a_catalogue_in_a_subfolder_guards_the_whole_repository(tmp_path: Path, capsys) -> None:
    top = tmp_path / "repo"
    make_catalogue(top / "catalogue")
    write(top / "README.md", "# The repository\n")
    git(top, "init", "-q", "-b", "base")
    commit(top, "base")
    git(top, "checkout", "-q", "-b", "change")
    write(top / "README.md", "# Changed by alice\n")
    for who in ("alice", "bob"):
        plot = top / f"catalogue/opportunities/{who}-town/{who}-plot.yaml"
        plot.write_text(plot.read_text().replace(f"A plot of {who}.", f"A plot of {who}, by alice."))
    commit(top)
    code, found = judge(top / "catalogue", "alice", capsys)
    assert (code, set(found)) == (1, {"README.md", "catalogue/opportunities/bob-town/bob-plot.yaml"})


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--changed-by", "", "--base", "base"], "--changed-by and --base go together, each with a value"),
        (["--changed-by", "alice", "--base", ""], "--changed-by and --base go together, each with a value"),
        (["--changed-by", "alice", "--base", "no-such-branch"], "'no-such-branch' is not a commit of this repository"),
        (["--changed-by", "alice", "--base=--output=x"], "'--output=x' is not a git revision"),
    ],
)
def test_an_empty_or_unknown_value_fails_rather_than_skipping_the_check(repo: Path, capsys, args, message) -> None:
    capsys.readouterr()
    assert main(["-f", str(repo / "mkdocs.yml"), "validate", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_base_without_the_settings_file_is_a_clear_error(repo: Path, capsys) -> None:
    git(repo, "checkout", "-q", "--orphan", "empty")
    git(repo, "rm", "-rq", "--cached", ".")
    git(repo, "commit", "-q", "--allow-empty", "-m", "nothing")
    git(repo, "checkout", "-q", "-f", "change")
    git(repo, "merge", "-q", "--allow-unrelated-histories", "-m", "join", "empty")
    capsys.readouterr()
    assert main(["-f", str(repo / "mkdocs.yml"), "validate", "--changed-by", "alice", "--base", "empty"]) == 2
    assert "empty has no mkdocs.yml" in capsys.readouterr().err


# --- CODEOWNERS ------------------------------------------------------------------------------------


def codeowner_lines(folder: Path, capsys, *extra: str) -> list[str]:
    capsys.readouterr()
    assert main(["-f", str(folder / "mkdocs.yml"), "codeowners", "--output", "-", *extra]) == 0
    return [line for line in capsys.readouterr().out.splitlines() if not line.startswith("#")]


def test_codeowners_gives_the_shared_files_to_staff_and_each_folder_to_its_maintainers(repo: Path, capsys) -> None:
    expected = ["* @carol", "/opportunities/alice-town/ @alice", "/opportunities/bob-town/ @bob"]
    assert codeowner_lines(repo, capsys) == expected
    set_option(repo, "opportunities_dir: ./opportunities/")
    assert codeowner_lines(repo, capsys) == expected
    assert codeowner_lines(repo, capsys, "--fallback", "dragan")[0] == "* @dragan"


def test_codeowners_paths_start_at_the_repository_top(tmp_path: Path, capsys) -> None:
    top = tmp_path / "repo"
    make_catalogue(top / "catalogue")
    git(top, "init", "-q", "-b", "base")
    assert codeowner_lines(top / "catalogue", capsys)[1:] == [
        "/catalogue/opportunities/alice-town/ @alice",
        "/catalogue/opportunities/bob-town/ @bob",
    ]


# --- the change summary (prilika diff --format markdown) -------------------------------------------


def render(markdown: str) -> BeautifulSoup:
    """HTML as GitHub renders the step summary (cmark-gfm), or markdown-it-py's GFM tables without it."""
    try:
        import cmarkgfm

        html = cmarkgfm.github_flavored_markdown_to_html(markdown)
    except ImportError:
        markdown_it = pytest.importorskip("markdown_it")
        html = markdown_it.MarkdownIt("commonmark").enable("table").render(markdown)
    return BeautifulSoup(html, "html.parser")


def summary(folder: Path, capsys, *extra: str) -> str:
    capsys.readouterr()
    assert main(["-f", str(folder / "mkdocs.yml"), "diff", "base", "HEAD", "--format", "markdown", *extra]) == 0
    return capsys.readouterr().out


def assert_well_formed(markdown: str) -> None:
    rows = [line for line in markdown.splitlines() if line.startswith("|")]
    assert all(line.endswith(" |") for line in rows)
    assert "<" not in markdown and ">" not in markdown
    assert "\r" not in markdown and "\t" not in markdown


A24_TITLE = "Alice's plot |  |\n\n1 added, 0 changed, 0 removed.\n\n<!--"


def test_a_title_cannot_rewrite_the_summary(repo: Path, capsys) -> None:
    """A-24: the title ends the table, forges totals and hides the rest in an HTML comment."""
    plot = repo / "opportunities/alice-town/alice-plot.yaml"
    plot.write_text(plot.read_text().replace("title: Alice's plot", f"title: {json.dumps(A24_TITLE)}"))
    bob = repo / "opportunities/bob-town/bob-plot.yaml"
    bob.write_text(bob.read_text().replace("A plot of bob.", "A plot of bob, rewritten by alice."))
    commit(repo)
    markdown = summary(repo, capsys, "--preview-url", "https://ci.example.org/runs/1")
    assert_well_formed(markdown)
    assert markdown.splitlines()[-1] == "0 added, 2 changed, 0 removed."
    page = render(markdown)
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in page.find_all("tr")[1:]]
    assert rows == [
        [
            "changed",
            "site",
            "alice-plot",
            "alice-town",
            "Alice's plot | | 1 added, 0 changed, 0 removed. <!--",
            "title",
        ],
        ["changed", "site", "bob-plot", "bob-town", "Bob's plot", "summary"],
    ]
    assert [p.get_text() for p in page.find_all("p")] == ["0 added, 2 changed, 0 removed."] * 2
    links = [a["href"] for a in page.find_all("a")]
    assert links == [
        "https://ci.example.org/runs/1/en/items/alice-plot/",
        "https://ci.example.org/runs/1/en/items/bob-plot/",
    ]


HOSTILE = [
    "<script>alert(1)</script>",
    "<!-- hide the rest",
    "![tracker](https://evil.example/t.png)",
    "[click](https://evil.example) and www.evil.example or https://evil.example",
    "**bold** _em_ ~~gone~~ `code` $x^2$ :smile:",
    "# not a heading | not a cell \\| still not",
    "back\\slash &amp; &lt;b&gt; &#60; 1 < 2 > 0",
    "line\rbreak\u2028and\u2029more\x0bvertical\x1b[31m",
    "\u202eevil\u202c reversed",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_cell_shows_exactly_the_characters_written(text: str) -> None:
    """Titles, kinds, field names, ids and folder names go through one escape; cmark-gfm prints them literally."""
    change = Change("changed", "item", text, text, text, text, (text, "area_m2"))
    markdown = format_changes([change], "markdown", preview="https://preview.example/run/1")
    assert_well_formed(markdown)
    cells = [td.get_text() for td in render(markdown).find_all("td")]
    folded = " ".join(text.replace("\u202e", "").replace("\u202c", "").translate({c: " " for c in range(32)}).split())
    folded = folded.replace("\u2028", " ").replace("\u2029", " ")
    folded = " ".join(folded.split())

    def shown(value: str, limit: int) -> str:
        return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"

    assert cells == [
        "changed",
        shown(folded, CELL_LIMITS["kind"]),
        shown(folded, CELL_LIMITS["id"]),
        shown(folded, CELL_LIMITS["publisher"]),
        shown(folded, CELL_LIMITS["title"]),
        shown(f"{folded}, area_m2", CELL_LIMITS["fields"]),
    ]


def test_hostile_file_and_folder_names_reach_the_summary_as_text(repo: Path, capsys) -> None:
    odd = repo / "opportunities/we|ird<!--pub/x*y]`z.yaml"
    write(odd, ITEM.format(title="Odd", who="nobody"))
    write(repo / "opportunities/bob-town/new\nline.yaml", ITEM.format(title="Second line", who="bob"))
    commit(repo)
    markdown = summary(repo, capsys, "--preview-url", "https://ci.example.org/runs/1")
    assert_well_formed(markdown)
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in render(markdown).find_all("tr")[1:]]
    assert rows == [
        ["added", "site", "new line", "bob-town", "Second line", ""],
        ["added", "site", "x*y]`z", "we|ird<!--pub", "Odd", ""],
    ]


def test_a_long_title_is_cut_and_the_totals_stay(repo: Path, capsys) -> None:
    plot = repo / "opportunities/alice-town/alice-plot.yaml"
    plot.write_text(plot.read_text().replace("title: Alice's plot", "title: " + "Very long title " * 40))
    commit(repo)
    markdown = summary(repo, capsys)
    title = render(markdown).find_all("td")[4].get_text()
    assert len(title) == CELL_LIMITS["title"] and title.endswith("…")
    assert markdown.splitlines()[2] == markdown.splitlines()[-1] == "0 added, 1 changed, 0 removed."


def test_many_changes_keep_the_summary_small_and_the_totals_right() -> None:
    changes = [Change("added", "item", f"item-{n}", "alice-town", "site", "T" * 200) for n in range(MAX_ROWS + 37)]
    changes.append(Change("removed", "item", "gone", "bob-town", "site", "Gone"))
    markdown = format_changes(changes, "markdown")
    assert len(markdown.encode()) < 512 * 1024
    assert sum(line.startswith("| added") for line in markdown.splitlines()) == MAX_ROWS
    assert "38 more changes are not listed here." in markdown
    assert markdown.splitlines()[2] == markdown.splitlines()[-1] == f"{MAX_ROWS + 37} added, 0 changed, 1 removed."


def test_the_publisher_is_the_folder_name_whatever_the_spelling_of_the_setting(repo: Path, capsys) -> None:
    """A-40 showed `ob-town` for `opportunities_dir: opportunities/`."""
    for spelling in ("opportunities/", "./opportunities", "./opportunities/."):
        git(repo, "checkout", "-q", "-B", "change", "base")
        set_option(repo, f"opportunities_dir: {spelling}")
        (repo / "opportunities/bob-town/bob-plot.yaml").unlink()
        commit(repo, "tidy")
        changes = catalogue_changes(repo, spelling, "base")
        assert [(c.action, c.id, c.publisher) for c in changes] == [("removed", "bob-plot", "bob-town")]
        assert "| removed | site | `bob-plot` | bob-town | Bob's plot |  |" in summary(repo, capsys)


def test_the_terminal_summary_keeps_one_change_per_line() -> None:
    change = Change("changed", "item", "x\ny", "bob\rtown", "site", A24_TITLE, ("title\n", "a"))
    text = format_changes([change])
    assert text.count("\n") == 1
    assert text == "changed  site      bob town/x y: Alice's plot | | 1 added, 0 changed, 0 removed. <!-- (title , a)\n"


def test_markdown_cell_escapes_what_gfm_would_read() -> None:
    assert markdown_cell("a|b <c> & *d*", 80) == r"a\|b &lt;c&gt; &amp; \*d\*"
    assert markdown_cell("x" * 100, 10) == "x" * 9 + "…"


# --- the CI files ----------------------------------------------------------------------------------

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BASE_SHA = "${{ github.event.pull_request.base.sha }}"


def steps_of(job: dict) -> list[dict]:
    return job.get("steps", [])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_states_its_permissions(path: Path) -> None:
    data = yaml.safe_load(path.read_text())
    assert data["permissions"] == {}, "the workflow grants nothing by default"
    for name, job in data["jobs"].items():
        # stated on the job; `{}` (nothing at all) is the strictest statement
        assert isinstance(job.get("permissions"), dict), f"{path.name}: {name}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_event_text_is_pasted_into_a_shell_script(path: Path) -> None:
    """`${{ github.event... }}` inside `run:` becomes shell code; it goes through `env:` instead."""
    data = yaml.safe_load(path.read_text())
    for job in data["jobs"].values():
        for step in steps_of(job):
            assert "${{" not in step.get("run", ""), step


def test_the_pull_request_is_judged_by_the_base_commits_validator() -> None:
    data = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text())
    assert set(data[True]) == {"pull_request"}  # YAML 1.1 reads the key `on` as true
    assert "${{ secrets." not in (REPO / ".github/workflows/pull-request.yml").read_text()
    judge_job = data["jobs"]["judge"]
    assert judge_job["permissions"] == {"contents": "read"}
    checkouts = [s for s in steps_of(judge_job) if s.get("uses", "").startswith("actions/checkout")]
    base = next(s["with"] for s in checkouts if s["with"].get("path") == "base")
    pull = next(s["with"] for s in checkouts if s["with"].get("path") == "pr")
    assert base["ref"] == BASE_SHA and base["persist-credentials"] is False
    assert pull["ref"] == "${{ github.event.pull_request.head.sha }}" and pull["fetch-depth"] == 0
    assert judge_job["env"] == {"AUTHOR": "${{ github.event.pull_request.user.login }}", "BASE_SHA": BASE_SHA}
    runs = [s for s in steps_of(judge_job) if "run" in s]
    # Only the base commit's code is installed, and nothing else is run but that validator.
    assert runs[0]["run"] == "python3 -m pip install ./base"
    for step in runs[1:]:
        assert step["run"].startswith("prilika ") and step["working-directory"] == "pr"
    validate = runs[1]["run"]
    assert validate == 'prilika validate --format github --changed-by "$AUTHOR" --base "$BASE_SHA"'
    assert runs[2]["run"].startswith('prilika diff "$BASE_SHA" HEAD --format markdown')


def test_the_pull_requests_own_code_runs_only_in_a_read_only_job() -> None:
    data = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text())
    for name, job in data["jobs"].items():
        installs = [s["run"] for s in steps_of(job) if "pip install" in s.get("run", "")]
        if name != "judge":
            assert job["permissions"] == {"contents": "read"}, name
        else:
            assert installs == ["python3 -m pip install ./base"]
    assert data["jobs"]["preview"]["steps"][-1]["uses"].startswith("actions/upload-artifact")


def test_gitlab_judges_with_the_base_commits_validator() -> None:
    data = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    assert "before_script" not in data, "nothing of the merge request is installed for every job"
    script = data["judge"]["script"]
    assert script[0] == 'git worktree add --detach /tmp/prilika-base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"'
    # isolated (-I): the merge request's folder, the working directory, is not on sys.path
    assert script[1] == "python3 -I -m pip install /tmp/prilika-base"
    assert all(line.startswith("prilika ") for line in script[2:])
    assert 'prilika validate --changed-by "$GITLAB_USER_LOGIN" --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"' in script
    assert data["judge"]["variables"]["GIT_DEPTH"] == "0"
    assert re.search(r"pip install -e \.", " ".join(data["preview"]["script"]))
