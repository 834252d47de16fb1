"""The bad-input corpus: every case must give exactly its expected problem lines, never a traceback.

Each folder under tests/submission/bad_inputs/ is one case:

- `opportunities/...` files that are laid over a copy of tests/fixtures/good
  (a file of the same path replaces the good one, a new path is added);
- `expected.txt`: the exact lines `prilika validate` prints, one per problem,
  after `#` comment lines that say what the case breaks. The exit status
  follows from them: 1 when a line is an error, 0 when there are only warnings.

Cases that git should not carry (symbolic links, bytes that are not UTF-8,
a file of more than 512 KiB) are finished by a function in `MADE_AT_RUN_TIME`.

After a deliberate change of a message, rewrite the expected lines with
`PRILIKA_UPDATE_BAD_INPUTS=1 pytest tests/submission/test_bad_inputs.py` and read the diff.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, copy_good
from generator.cli import main
from generator.submission.sources import MAX_FILE_BYTES

CASES = Path(__file__).resolve().parent / "bad_inputs"
TESTGRAD = Path("opportunities") / "testgrad"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): ")


def _non_utf8(folder: Path) -> None:
    (folder / TESTGRAD / "north-plot.yaml").write_bytes(
        b"kind: site\ntitle:\n  en: Plot\n  sr-Latn: Parcela u " + "Čačku".encode("cp1250") + b"\n"
    )


def _nul_byte(folder: Path) -> None:
    path = folder / TESTGRAD / "north-plot.yaml"
    text = path.read_bytes()
    path.write_bytes(text.replace(b"ownership: public", b"ownership: pub\x00lic"))


def _too_large(folder: Path) -> None:
    path = folder / TESTGRAD / "north-plot.yaml"
    filler = b"# " + b"x" * 98 + b"\n"
    path.write_bytes(path.read_bytes() + filler * (MAX_FILE_BYTES // len(filler) + 1))


def _symlink_item(folder: Path) -> None:
    (folder / TESTGRAD / "copy-plot.yaml").symlink_to(folder / TESTGRAD / "north-plot.yaml")


def _symlink_image(folder: Path) -> None:
    (folder / TESTGRAD / "images" / "link.png").symlink_to(folder / TESTGRAD / "images" / "plot.png")
    path = folder / TESTGRAD / "north-plot.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("images/plot.png", "images/link.png"), encoding="utf-8")


def _raw_control_characters(folder: Path) -> None:
    item = folder / TESTGRAD / "north-plot.yaml"
    text = item.read_text(encoding="utf-8").replace("Nordzone", "Nord\x0bzone").replace("area_m2: 100000", "area_m2: 0")
    # NEL, which YAML would read as a line break (the text published with a space in its place)
    text = text.replace("en: Greenfield plot in", "en: Greenfield plot\x85in")
    text = text.replace("Aerial view", '"Aerial\x85view"')
    item.write_text(text, encoding="utf-8")
    publisher = folder / TESTGRAD / "publisher.yaml"
    publisher.write_text(publisher.read_text(encoding="utf-8").replace("Nišava", "Niš\x1b[0mava"), encoding="utf-8")


def _symlink_unused_image(folder: Path) -> None:
    (folder / TESTGRAD / "images" / "spare.png").symlink_to("/etc/passwd")


def _symlink_publisher_folder(folder: Path) -> None:
    (folder / "opportunities" / "mirror").symlink_to(folder / TESTGRAD, target_is_directory=True)


MADE_AT_RUN_TIME: dict[str, Callable[[Path], None]] = {
    "non-utf8": _non_utf8,
    "nul-byte": _nul_byte,
    "file-too-large": _too_large,
    "symlink-item": _symlink_item,
    "symlink-image": _symlink_image,
    "symlink-publisher-folder": _symlink_publisher_folder,
    "symlink-unused-image": _symlink_unused_image,
    "raw-control-characters": _raw_control_characters,
}
NEEDS_SYMLINKS = {"symlink-item", "symlink-image", "symlink-publisher-folder", "symlink-unused-image"}


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").is_file())


def expected_lines(case: str) -> tuple[list[str], list[str]]:
    """(comment lines, problem lines) of a case's expected.txt."""
    lines = (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    return [x for x in lines if x.startswith("#")], [x for x in lines if x and not x.startswith("#")]


def prepare(case: str, target: Path) -> Path:
    """The good catalogue with the case laid over it."""
    folder = copy_good(target)
    overlay = CASES / case / "opportunities"
    if overlay.is_dir():
        shutil.copytree(overlay, folder / "opportunities", dirs_exist_ok=True)
    if case in MADE_AT_RUN_TIME:
        MADE_AT_RUN_TIME[case](folder)
    return folder


def test_the_corpus_is_large_and_every_case_is_described() -> None:
    names = case_names()
    assert len(names) >= 35
    assert set(MADE_AT_RUN_TIME) <= set(names)
    for name in names:
        comments, _ = expected_lines(name)
        assert comments, f"{name}/expected.txt: say in a # line what the case breaks"
        assert (CASES / name / "opportunities").is_dir() or name in MADE_AT_RUN_TIME, name


@pytest.mark.parametrize("case", case_names())
def test_bad_input_gives_exactly_the_expected_problem_lines(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if case in NEEDS_SYMLINKS and not hasattr(os, "symlink"):
        pytest.skip("no symbolic links on this system")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    folder = prepare(case, tmp_path / "catalogue")
    monkeypatch.chdir(folder)

    code = main(["-f", str(folder / "mkdocs.yml"), "validate"])
    captured = capsys.readouterr()
    printed = captured.out.splitlines()

    comments, expected = expected_lines(case)
    if os.environ.get("PRILIKA_UPDATE_BAD_INPUTS"):
        (CASES / case / "expected.txt").write_text("\n".join(comments + printed) + "\n", encoding="utf-8")
        expected = printed

    assert "Traceback" not in captured.out + captured.err
    assert printed == expected
    for line in printed:
        assert LINE.match(line), f"not a problem line: {line!r}"
    has_errors = any(LINE.match(line)["severity"] == "error" for line in printed)
    assert code == (1 if has_errors else 0)
