"""Every picture is decoded in full at validation (SPEC "Pictures"): a decompression bomb, a
truncated or damaged file, a file over 20 MB or over 40 megapixels is an error at the picture's
`file` field, in the officer's language; a phone photo passes.

Each case puts its file at `images/<name>` of the good catalogue's north-plot, whose first
picture's `file` value is at line 29, column 11, and runs `prilika validate` as an officer would.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from conftest import BUILD_EPOCH, copy_good
from generator.cli import main
from picture_files import bomb_png, many_pixels_jpeg, oversized_file, phone_photo, text_bomb_png

TESTGRAD = Path("opportunities") / "testgrad"
AT = "opportunities/testgrad/north-plot.yaml:29:11: error: images[0].file: "


def _catalogue_with(folder: Path, name: str, write: Callable[[Path], None]) -> Path:
    """The good catalogue whose north-plot shows `images/<name>`, written by `write(path)`."""
    copy_good(folder)
    write(folder / TESTGRAD / "images" / name)
    plot = folder / TESTGRAD / "north-plot.yaml"
    plot.write_text(plot.read_text(encoding="utf-8").replace("images/plot.png", f"images/{name}"), encoding="utf-8")
    return folder


def _validate(folder: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, list[str]]:
    code = main(["-f", str(folder / "mkdocs.yml"), "validate", *options])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, [line for line in captured.out.splitlines() if ": error: " in line]


@pytest.fixture(autouse=True)
def _build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)


def _truncated_jpeg(path: Path) -> None:
    photo = phone_photo()
    path.write_bytes(photo[: len(photo) * 2 // 3])  # an upload cut off two thirds of the way


def _truncated_png(path: Path) -> None:
    buffer = io.BytesIO()
    Image.effect_noise((300, 200), 30).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue()[:-400])


def _damaged_png(path: Path) -> None:
    buffer = io.BytesIO()
    Image.effect_noise((300, 200), 30).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    data[len(data) // 2] ^= 0xFF  # one flipped byte: the image data's checksum no longer matches
    path.write_bytes(bytes(data))


def _header_only_webp(path: Path) -> None:
    buffer = io.BytesIO()
    Image.effect_noise((300, 200), 30).convert("RGB").save(buffer, "WEBP")
    path.write_bytes(buffer.getvalue()[:40])


CASES = {
    "bomb": (
        "bomb.png",
        lambda path: path.write_bytes(bomb_png()),
        "'images/bomb.png' declares 20000×20000 pixels (400 megapixels) in a file of only 389 KB: opening it "
        "would take 400 MB of memory (a decompression bomb); a picture may have at most 40 megapixels",
    ),
    "text-bomb": (
        "notes.png",
        lambda path: path.write_bytes(text_bomb_png()),
        "'images/notes.png' holds text that unpacks to far too much data (a decompression bomb in its "
        "metadata); save the picture again without metadata",
    ),
    "over-40-megapixels": (
        "panorama.jpg",
        lambda path: path.write_bytes(many_pixels_jpeg()),
        "'images/panorama.jpg' has 7200×5800 pixels (42 megapixels); a picture may have at most 40 megapixels: "
        "resize it (the site shows pictures at most 1600 pixels wide)",
    ),
    "over-20-mb": (
        "huge.jpg",
        oversized_file,
        "'images/huge.jpg' is 21 MB; a picture may be at most 20 MB: export it again at a smaller size "
        "(a 12-megapixel phone photo is 3 to 8 MB)",
    ),
    "truncated-jpeg": (
        "cut.jpg",
        _truncated_jpeg,
        "'images/cut.jpg' ends before the picture does: the JPEG file is incomplete (an interrupted upload or "
        "copy?); add the original file again",
    ),
    "truncated-png": (
        "cut.png",
        _truncated_png,
        "'images/cut.png' ends before the picture does: the PNG file is incomplete (an interrupted upload or "
        "copy?); add the original file again",
    ),
    "damaged-png": (
        "damaged.png",
        _damaged_png,
        "'images/damaged.png' cannot be decoded as a PNG picture: the file is damaged; export or copy it again "
        "from the original",
    ),
    "header-only-webp": (
        "stub.webp",
        _header_only_webp,
        "'images/stub.webp' cannot be decoded as a WEBP picture: the file is damaged; export or copy it again "
        "from the original",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_picture_is_one_error_at_its_file_field(case: str, tmp_path: Path, capsys) -> None:
    name, write, message = CASES[case]
    folder = _catalogue_with(tmp_path / "catalogue", name, write)
    started = time.perf_counter()
    code, errors = _validate(folder, capsys)
    assert errors == [AT + message]
    assert code == 1
    assert time.perf_counter() - started < 20  # never a hang, whatever the file declares


def test_the_same_problems_in_the_officers_language(tmp_path: Path, capsys) -> None:
    folder = _catalogue_with(tmp_path / "catalogue", "bomb.png", lambda path: path.write_bytes(bomb_png()))
    expected = {
        "de": "„images/bomb.png“ gibt 20000×20000 Pixel (400 Megapixel) in einer Datei von nur 389 KB an",
        "sr-Latn": "„images/bomb.png” navodi 20000×20000 piksela (400 megapiksela) u datoteci od samo 389 KB",
        "sr-Cyrl": "„images/bomb.png” наводи 20000×20000 пиксела (400 мегапиксела) у датотеци од само 389 KB",
        "sq": "„images/bomb.png“ deklaron 20000×20000 piksel (400 megapiksel) në një skedar prej vetëm 389 KB",
    }
    for language, start in expected.items():
        code, errors = _validate(folder, capsys, "--lang", language)
        assert code == 1
        assert len(errors) == 1 and errors[0].startswith(AT)
        assert errors[0].split("images[0].file: ", 1)[1].startswith(start), language


def test_a_phone_photo_passes(tmp_path: Path, capsys) -> None:
    folder = _catalogue_with(tmp_path / "catalogue", "IMG_2024.jpg", lambda path: path.write_bytes(phone_photo()))
    code, errors = _validate(folder, capsys)
    assert errors == [] and code == 0


def test_github_annotations_point_at_the_picture(tmp_path: Path, capsys) -> None:
    folder = _catalogue_with(tmp_path / "catalogue", "cut.jpg", _truncated_jpeg)
    main(["-f", str(folder / "mkdocs.yml"), "validate", "--format", "github"])
    out = capsys.readouterr().out
    assert "::error file=opportunities/testgrad/north-plot.yaml,line=29,col=11" in out


def test_a_picture_that_passed_is_decoded_once_per_machine(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validation remembers good pictures by their bytes in the cache folder: a second run decodes
    nothing, a changed file is decoded again, and a bad file is never remembered."""
    from generator.submission import pictures

    decoded: list[str] = []
    real = pictures._decoded

    def counting(path: Path, image_format: str, size: int):
        decoded.append(path.name)
        return real(path, image_format, size)

    monkeypatch.setattr(pictures, "_decoded", counting)
    folder = _catalogue_with(tmp_path / "catalogue", "IMG_2024.jpg", lambda path: path.write_bytes(phone_photo()))
    assert _validate(folder, capsys) == (0, [])
    assert decoded == ["IMG_2024.jpg"]
    decoded.clear()
    assert _validate(folder, capsys) == (0, [])
    assert decoded == []
    assert list((folder / ".prilika-cache" / "verified").rglob("*"))
    photo = folder / TESTGRAD / "images" / "IMG_2024.jpg"
    photo.write_bytes(phone_photo()[:-5000])  # the same name, other (cut-off) bytes
    code, errors = _validate(folder, capsys)
    assert decoded == ["IMG_2024.jpg"] and code == 1 and "ends before the picture does" in errors[0]
    code, errors = _validate(folder, capsys)
    assert decoded == ["IMG_2024.jpg", "IMG_2024.jpg"] and code == 1
