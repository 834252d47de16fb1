"""Whether a picture file is safe to publish: decoded in full, within the limits of SPEC "Pictures".

Municipal officers add phone photos as they come. A file that cannot be decoded to its last pixel
(cut off by an upload, damaged, or only named like a picture), one over 20 MB, one over 40
megapixels, or a decompression bomb (a small file that declares an enormous picture, built to
exhaust the memory of whatever opens it) is refused here, at validation, so that the build never
meets it.

The declared size is read from the header before a single pixel is decoded, through the format's
own Pillow reader (`Image.open` would refuse large pictures with its own, different limit,
`Image.MAX_IMAGE_PIXELS`, without saying how large they are). Then the file is checked twice,
each time on a fresh open as Pillow asks: `verify()` (a PNG's chunk checksums) and a full
`load()` (every pixel of the first frame; a truncated file fails here).

Decoding a 12-megapixel photo takes a tenth of a second, which 200 photos turn into half a
minute on every `prilika validate`, `prilika build` and `prilika serve` rebuild. A picture that
passed is remembered in the catalogue's cache folder (`verified/`, under a hash of its bytes, the
limits and Pillow's version), so the same bytes are decoded once per machine; any change of the
file is new bytes and is decoded again.
"""

from __future__ import annotations

import hashlib
import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import PIL
from PIL import ImageFile, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

MAX_BYTES = 20_000_000
"""The largest picture file accepted: 20 MB (decimal), three times a 12-megapixel phone photo."""
MAX_PIXELS = 40_000_000
"""The most pixels a picture may have: 40 megapixels, about 160 MB of memory to decode as RGBA."""
BOMB_RATIO = 100
"""A picture over `MAX_PIXELS` whose decoded pixels would take more than this many times its file
size is called a decompression bomb: photos compress about 10 to 1, and even flat plans rarely
more than 100 to 1."""

READERS: dict[str, type[ImageFile.ImageFile]] = {
    "jpeg": JpegImagePlugin.JpegImageFile,
    "png": PngImagePlugin.PngImageFile,
    "webp": WebPImagePlugin.WebPImageFile,
}
"""Pillow's reader for each format `checks.IMAGE_SUFFIXES` names."""

CACHE_FOLDER = ".prilika-cache"
"""The cache's folder in the catalogue's root (beside mkdocs.yml); `PRILIKA_CACHE_DIR` overrides it."""

BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "LA": 2, "RGB": 3, "YCbCr": 3, "RGBA": 4, "CMYK": 4, "I;16": 2}


@dataclass(frozen=True)
class Refusal:
    """Why a picture is refused: a problem message key (`image_*`) and its parameters."""

    key: str
    params: dict[str, Any]


def open_header(path: Path | BinaryIO, image_format: str) -> ImageFile.ImageFile:
    """The picture at `path` (a file name or an open binary file) read as `image_format` (`jpeg`,
    `png`, `webp`), header only.

    No pixel is decoded and Pillow's own size limit is not applied: the caller judges the size.
    The file stays open until the image is closed. Raises what Pillow raises for a file that is
    not of that format (OSError, SyntaxError, ValueError, ...).
    """
    return READERS[image_format](str(path) if isinstance(path, Path) else path)


def cache_folder(root: Path) -> Path:
    """The cache folder of the catalogue whose mkdocs.yml is in `root` (`PRILIKA_CACHE_DIR` if set).

    The folder is made with a `.gitignore` of `*` inside (as pytest does with its cache), so that
    `git add -A` in a catalogue never commits it, whatever the catalogue's own `.gitignore` says:
    a committed cache file would even count as a change outside the publisher folders.
    """
    configured = os.environ.get("PRILIKA_CACHE_DIR")
    folder = Path(configured).resolve() if configured else root / CACHE_FOLDER
    ignore = folder / ".gitignore"
    if not ignore.is_file():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore.write_text("# Made by Prilika: processed pictures, made again when missing.\n*\n", encoding="utf-8")
        except OSError:
            pass  # a read-only checkout: the cache is only used where it can be written
    return folder


_DIGESTS: dict[tuple, str] = {}


def file_digest(path: Path) -> str:
    """The SHA-256 of the file at `path`, as hex; read once per process while the file's size,
    times and inode stay the same (validation and the build hash the same pictures)."""
    status = path.stat()
    ident = (str(path), status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
    found = _DIGESTS.get(ident)
    if found is None:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        found = _DIGESTS[ident] = digest.hexdigest()
    return found


def inspect_picture(path: Path, image_format: str, cache: Path | None = None) -> Refusal | None:
    """None if the picture at `path` is published safely, else why not.

    `image_format` is the format its name and first bytes promise (`jpeg`, `png`, `webp`);
    `path` exists and is a file. `cache` is the catalogue's cache folder (`cache_folder`), where
    pictures that passed are remembered; None decodes every time. Refusal keys:
    `image_file_too_large` (over `MAX_BYTES`), `image_bomb` and `image_too_many_pixels` (over
    `MAX_PIXELS`), `image_metadata_bomb`, `image_truncated` (the file ends before the picture
    does) and `image_corrupt` (anything else Pillow cannot decode). Raises nothing for any content
    of the file.
    """
    size = path.stat().st_size
    if size > MAX_BYTES:
        return Refusal("image_file_too_large", {"size_mb": math.ceil(size / 1_000_000), "limit_mb": MAX_BYTES // 10**6})
    marker = None
    if cache is not None:
        limits = f"{image_format} {MAX_BYTES} {MAX_PIXELS} {BOMB_RATIO} {PIL.__version__}"
        key = hashlib.sha256(f"{file_digest(path)} {limits}".encode()).hexdigest()
        marker = cache / "verified" / key[:2] / key
        if marker.is_file():
            return None
    refusal = _decoded(path, image_format, size)
    if refusal is None and marker is not None:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # a read-only cache only costs the next run the decoding
    return refusal


def _decoded(path: Path, image_format: str, size: int) -> Refusal | None:
    """Why the picture fails to decode in full within the limits, or None."""
    with warnings.catch_warnings():
        # Pillow warns about odd but readable metadata (a broken EXIF block, a truncated text
        # chunk): not the officer's concern, and the published copies drop all of it anyway.
        warnings.simplefilter("ignore")
        try:
            with open_header(path, image_format) as image:
                width, height = image.size
                refusal = _size_refusal(width, height, image.mode, size)
                if refusal is not None:
                    return refusal
                image.verify()
            with open_header(path, image_format) as image:
                image.load()
        # Any failure to decode is the file's fault, whatever Pillow or its codecs raise for it
        # (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error, MemoryError ...).
        except Exception as exc:
            return _decode_refusal(exc, image_format)
    return None


def _size_refusal(width: int, height: int, mode: str, file_size: int) -> Refusal | None:
    pixels = width * height
    if pixels <= MAX_PIXELS:
        return None
    params = {
        "width": width,
        "height": height,
        "megapixels": round(pixels / 1_000_000),
        "limit": MAX_PIXELS // 1_000_000,
    }
    memory = pixels * BYTES_PER_PIXEL.get(mode, 4)
    if memory > BOMB_RATIO * file_size:
        return Refusal(
            "image_bomb", {**params, "size_kb": max(1, round(file_size / 1000)), "memory_mb": round(memory / 10**6)}
        )
    return Refusal("image_too_many_pixels", params)


def _decode_refusal(exc: Exception, image_format: str) -> Refusal:
    reason = str(exc).lower()
    truncated = isinstance(exc, EOFError) or "truncated" in reason or "broken data stream" in reason
    if "decompressed data too large" in reason:
        # A PNG text chunk that inflates without end: a bomb in the metadata instead of the pixels.
        return Refusal("image_metadata_bomb", {"format": image_format.upper()})
    return Refusal("image_truncated" if truncated else "image_corrupt", {"format": image_format.upper()})
