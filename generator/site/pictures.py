"""Published pictures: upright, stripped of the original's metadata, in resized WebP variants.

An officer's phone photo is 4000×3000 pixels, 3–8 MB, often stored sideways (EXIF orientation 6)
and carries the GPS position of wherever the officer stood. None of that reaches the site (SPEC
"Pictures"). Each picture an item lists is published as:

- WebP variants at `WIDTHS` (never wider than the original), for `srcset`:
  `pictures/<publisher>/<name>-<key>-<width>.webp`;
- a fallback at the picture's own address, `media/<publisher>/<file>` (`urls.image`), in the
  original's format (JPEG, PNG or WebP) and the largest variant's size, which `src`, the JSON-LD,
  the feeds and the exports link.

Every output is decoded and encoded anew: no EXIF, GPS, XMP, IPTC or ICC block is copied. Colours
stay right: a picture with an ICC profile (Display P3 from recent phones, Adobe RGB from cameras)
is converted to sRGB, the colour space the web assumes for a picture without one.

Processing is cached by content in `.prilika-cache/` (see `ProcessedCache`): the key is a hash of
the source bytes (`file_digest`), the settings below and the versions of Pillow and its codecs, so
a rebuild reads the results instead of redoing them, and a changed setting or Pillow makes new
ones. The encoders are deterministic and write no timestamps, so two builds give the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import multiprocessing
import os
import posixpath
import re
import shutil
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageCms, ImageOps, features

from generator import urls
from generator.errors import PrilikaError
from generator.site.memo import memoised
from generator.submission.catalogue import Catalogue, ItemRecord
from generator.submission.checks import IMAGE_SUFFIXES
from generator.submission.pictures import MAX_PIXELS, cache_folder, file_digest, open_header

WIDTHS = (480, 960, 1600)
"""Variant widths in pixels: a phone (about 400 CSS pixels at 2-3 device pixels each), a laptop's
content column, and a high-density laptop screen. The largest is also the fallback's width."""
CARD_WIDTHS = (480, 960)
"""The variants a listing or related card may pick: a card is at most about 400 CSS pixels wide."""
MIN_STEP = 1.2
"""A variant is made only if the original is at least this many times wider (1000 pixels gives
480 and 1000, not 480, 960 and 1000)."""
WEBP = {"quality": 80, "method": 4}
JPEG = {"quality": 82, "optimize": True, "progressive": True, "subsampling": "4:2:0"}
PNG = {"compress_level": 6}
PROCESS_VERSION = 1
"""Raised whenever the processing below changes what it writes, so that the cache is not reused."""
PARALLEL_FROM = 8
"""Missing cache entries from which they are made by forked workers (fewer are not worth a fork)."""

ENCODED: Counter[str] = Counter()
"""How many pictures (`"pictures"`) and share cards (`"cards"`) this process made rather than read
from the cache (counting those its workers made): what the tests read to see that a rebuild
redoes nothing."""

_SRGB = ImageCms.createProfile("sRGB")


def toolchain() -> dict[str, str]:
    """The versions that decide the output's bytes, part of every cache key."""
    return {
        "pillow": PIL.__version__,
        "webp": str(features.version("webp")),
        "jpeg": str(features.version("jpg")),
        "zlib": str(features.version("zlib")),
        "lcms": str(features.version("littlecms2")),
    }


class ProcessedCache:
    """Files made from inputs, stored under a key that hashes everything they depend on.

    An entry is a folder `<kind>/<key[:2]>/<key>/` of files; it is written into a temporary folder
    beside it and renamed into place, so an interrupted build or two builds at once never leave a
    half-written entry (the second rename finds the entry there and its copy is dropped). Entries
    are never changed once written; deleting the whole folder is always safe.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def entry(self, kind: str, key: str, make: Callable[[], dict[str, bytes]]) -> Path:
        """The folder of entry `key` of `kind`, made with `make()` (file name -> bytes) if absent."""
        target = self.path(kind, key)
        if target.is_dir():
            return target
        files = make()
        ENCODED[kind] += 1
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key[:12]}-", dir=target.parent))
        try:
            for name, data in files.items():
                (staging / name).write_bytes(data)
            try:
                staging.rename(target)
            except OSError:
                if not target.is_dir():
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return target

    def path(self, kind: str, key: str) -> Path:
        """Where entry `key` of `kind` is (or will be)."""
        return self.folder / kind / key[:2] / key

    def make_missing(self, kind: str, jobs: dict[str, tuple], make: Callable[..., dict[str, bytes]]) -> None:
        """Make the entries of `jobs` (key -> arguments of `make`) that are not in the cache yet.

        `make` is a module-level function (it is sent to forked workers by name). From
        `PARALLEL_FROM` missing entries on, one forked worker per core makes them: a first build
        of 200 phone photos takes half the time on two cores. Entries are independent, so the
        result does not depend on which worker made which.
        """
        missing = [(key, args) for key, args in jobs.items() if not self.path(kind, key).is_dir()]
        workers = min(os.cpu_count() or 1, len(missing))
        if len(missing) < PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
            for key, args in missing:
                self.entry(kind, key, functools.partial(make, *args))
            return
        # Imported here: item_pages imports the modules that import this one. Its workers end with
        # the build however the build ends (Ctrl+C, SIGTERM, SIGKILL), and so do these.
        from generator.site.item_pages import _start_worker

        tasks = [(str(self.folder), kind, key, make, args) for key, args in missing]
        context = multiprocessing.get_context("fork")
        with context.Pool(workers, initializer=_start_worker, initargs=(os.getpid(),)) as pool:
            ENCODED[kind] += sum(pool.imap_unordered(_make_entry, tasks))


def _make_entry(task: tuple) -> int:
    """One entry made in a worker; 1 if it made it, 0 if another build had made it meanwhile."""
    folder, kind, key, make, args = task
    before = ENCODED[kind]
    ProcessedCache(Path(folder)).entry(kind, key, functools.partial(make, *args))
    return ENCODED[kind] - before


def key_of(*parts: bytes | str | dict) -> str:
    """A SHA-256 hex digest of `parts` (bytes as they are, the rest as canonical JSON)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True, ensure_ascii=False).encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@dataclass(frozen=True)
class Variant:
    """One published file of a picture: its site path, pixel size and where it lies in the cache."""

    path: str
    width: int
    height: int
    cached: Path

    @property
    def url(self) -> str:
        return urls.path_url(self.path)


@dataclass(frozen=True)
class Picture:
    """A picture as published: its WebP `variants` (narrowest first) and its `fallback`."""

    key: str
    fallback: Variant
    variants: tuple[Variant, ...]

    @property
    def width(self) -> int:
        return self.fallback.width

    @property
    def height(self) -> int:
        return self.fallback.height


def slug(name: str) -> str:
    """A file name's stem as lowercase ASCII for a readable variant name (`Hala #2.jpg` -> `hala-2`)."""
    stem = posixpath.splitext(posixpath.basename(name))[0]
    text = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:40].strip("-")
    return text or "picture"


def widths_for(width: int) -> list[int]:
    """The variant widths of a picture `width` pixels wide (upright): never upscaled."""
    largest = min(width, WIDTHS[-1])
    return sorted({w for w in WIDTHS if w * MIN_STEP <= width and w < largest} | {largest})


def settings_key() -> dict[str, Any]:
    return {
        "version": PROCESS_VERSION,
        "widths": WIDTHS,
        "min_step": MIN_STEP,
        "webp": WEBP,
        "jpeg": JPEG,
        "png": PNG,
        **toolchain(),
    }


def process(source: bytes, image_format: str) -> dict[str, bytes]:
    """The published files of one picture: `<width>.webp` per variant, `fallback` in the original's
    format and `size.json` (`{"width", "height", "widths"}` of the upright picture as published).

    `source` is a picture `generator.submission.pictures.inspect_picture` accepted, as
    `image_format` (`jpeg`, `png`, `webp`). The result holds no metadata of the original.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # odd metadata is dropped, not reported
        with open_header(io.BytesIO(source), image_format) as image:
            if image.width * image.height > MAX_PIXELS:  # validation refuses it; never decoded here
                raise ValueError(f"{image.width}×{image.height} pixels, over {MAX_PIXELS} pixels")
            if image_format == "jpeg":
                # Decode at 1/2, 1/4 or 1/8 scale when the result stays at least as wide as the
                # largest variant: a 4000-pixel photo decodes at 2000 pixels, in a quarter of the time.
                sideways = _orientation(image) in (5, 6, 7, 8)
                image.draft(None, (1, WIDTHS[-1]) if sideways else (WIDTHS[-1], 1))
            image.load()
            icc = image.info.get("icc_profile")
            upright = _upright(_normal_mode(image))
    widths = widths_for(upright.width)
    largest = _to_srgb(_resized(upright, widths[-1]), icc)
    files: dict[str, bytes] = {}
    sizes = []
    current = largest
    for width in reversed(widths):
        current = _resized(current, width)
        files[f"{width}.webp"] = _encode(current, "webp")
        sizes.append([width, current.height])
    files["fallback"] = files[f"{widths[-1]}.webp"] if image_format == "webp" else _encode(largest, image_format)
    size = {"width": largest.width, "height": largest.height, "widths": sorted(sizes)}
    files["size.json"] = json.dumps(size).encode()
    return files


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation tag (TIFF 6.0, tag 274): 1 upright, 6 and 8 turned a quarter."""
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block: the picture is shown as stored
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _upright(image: Image.Image) -> Image.Image:
    """The picture turned as its EXIF (or XMP) orientation says, as a new image with no metadata."""
    try:
        upright = ImageOps.exif_transpose(image)
    except Exception:  # a broken EXIF block: shown as stored
        upright = image.copy()
    upright.info = {}
    return upright


def _normal_mode(image: Image.Image) -> Image.Image:
    """RGB, RGBA or L: what WebP, JPEG and PNG encoders take the same way everywhere.

    Read before the metadata is dropped: a PNG's transparent colour is in `info`."""
    mode = image.mode
    if mode in ("RGB", "L") and "transparency" not in image.info or mode == "RGBA":
        return image
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grey (scans, plans): scaled to 8 bits, not clipped to white.
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if mode in ("P", "PA", "LA", "La", "RGBa") or "transparency" in image.info:
        return image.convert("RGBA")
    return image.convert("RGB")  # CMYK, YCbCr, 1, F ...


def _resized(image: Image.Image, width: int) -> Image.Image:
    height = max(1, round(image.height * width / image.width))
    if (width, height) == image.size:
        return image
    resized = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    resized.info = {}
    return resized


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """`image` in sRGB: converted from its ICC profile when it has one that lcms can read."""
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, profile, _SRGB, outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unreadable profile: the pixels are taken as sRGB
    if converted is None:
        return image
    converted.info = {}
    return converted


def _encode(image: Image.Image, image_format: str) -> bytes:
    """`image` encoded with fixed settings and nothing but pixels (no EXIF, XMP or ICC block)."""
    buffer = io.BytesIO()
    image.info = {}
    if image_format == "webp":
        image.save(buffer, "WEBP", **WEBP)
    elif image_format == "jpeg":
        (image.convert("RGB") if image.mode == "RGBA" else image).save(buffer, "JPEG", **JPEG)
    else:
        image.save(buffer, "PNG", **PNG)
    return buffer.getvalue()


def _source_format(file: str) -> str:
    return IMAGE_SUFFIXES[posixpath.splitext(file)[1].lower()]


class PictureError(PrilikaError):
    """A picture that cannot be published. Validation refuses such a file first; this is the
    second line, for a file changed between validation and the build."""


def process_file(path: str, image_format: str) -> dict[str, bytes]:
    """`process` of the picture file at `path`: what a cache entry of kind `pictures` holds.

    Raises PictureError naming the file when it cannot be decoded within the limits.
    """
    try:
        return process(Path(path).read_bytes(), image_format)
    except Exception as exc:  # whatever the codecs raise for a bad file, said in one line
        raise PictureError(f"{path}: this picture cannot be published ({exc}); run prilika validate") from exc


def catalogue_pictures(catalogue: Catalogue) -> dict[tuple[str, str], Picture]:
    """Every listed item's pictures, processed (or read from the cache) once per build.

    Keyed by (publisher id, file as the item gives it).
    """

    def make() -> dict[tuple[str, str], Picture]:
        cache = ProcessedCache(cache_folder(catalogue.settings.root))
        settings = settings_key()
        keys: dict[tuple[str, str], str] = {}
        jobs: dict[str, tuple] = {}
        for item in catalogue.listed():
            folder = catalogue.settings.opportunities / item.publisher_id
            for image in item.model.images:
                ident = (item.publisher_id, image.file)
                if ident not in keys:
                    path, image_format = folder / image.file, _source_format(image.file)
                    keys[ident] = key_of(file_digest(path), image_format, settings)
                    jobs[keys[ident]] = (str(path), image_format)
        cache.make_missing("pictures", jobs, process_file)
        found: dict[tuple[str, str], Picture] = {}
        for (publisher_id, file), key in keys.items():
            # Made above; made here if the source changed on disk since it was hashed (serve).
            entry = cache.entry("pictures", key, functools.partial(process_file, *jobs[key]))
            size = json.loads((entry / "size.json").read_text(encoding="utf-8"))
            stem = f"pictures/{publisher_id}/{slug(file)}-{key[:10]}"
            variants = tuple(Variant(f"{stem}-{w}.webp", w, h, entry / f"{w}.webp") for w, h in size["widths"])
            fallback = Variant(urls.image(publisher_id, file), size["width"], size["height"], entry / "fallback")
            found[(publisher_id, file)] = Picture(key, fallback, variants)
        return found

    return memoised(catalogue, "pictures", make)


def picture_of(catalogue: Catalogue, publisher_id: str, file: str) -> Picture | None:
    """The published form of a listed item's picture, None for one no listed item shows."""
    return catalogue_pictures(catalogue).get((publisher_id, file))


def picture_files(catalogue: Catalogue) -> Iterator[tuple[str, Path]]:
    """(site path, cached file) for every published picture file, each path once."""
    seen: set[str] = set()
    for picture in catalogue_pictures(catalogue).values():
        for variant in (picture.fallback, *picture.variants):
            if variant.path not in seen:
                seen.add(variant.path)
                yield variant.path, variant.cached


def srcset(variants: tuple[Variant, ...], link: Callable[[str], str] | None = None) -> str:
    """`srcset` for `variants`: `url 480w, url 960w`, each URL passed through `link` if given."""
    return ", ".join(f"{link(v.url) if link else v.url} {v.width}w" for v in variants)


def image_attributes(catalogue: Catalogue, publisher_id: str, file: str) -> dict[str, Any]:
    """What an item page's `<img>` needs beyond its URL (`urls.image_url`, the fallback) and caption:
    `width` and `height` (pixels of the fallback, so the page keeps its layout while loading) and
    `variants` (`[{url, width}]`, narrowest first, for `srcset`). Empty for a picture no listed
    item shows."""
    picture = picture_of(catalogue, publisher_id, file)
    if picture is None:
        return {}
    return {
        "width": picture.width,
        "height": picture.height,
        "variants": [{"url": v.url, "width": v.width} for v in picture.variants],
    }


def thumbnail(catalogue: Catalogue, item: ItemRecord) -> dict[str, Any] | None:
    """A card's small picture: the item's first, as `{url, width, height, variants}` limited to
    `CARD_WIDTHS`; None for an item without pictures."""
    if not item.model.images:
        return None
    picture = picture_of(catalogue, item.publisher_id, item.model.images[0].file)
    if picture is None:
        return None
    small = [v for v in picture.variants if v.width <= CARD_WIDTHS[-1]] or [picture.variants[0]]
    return {
        "url": small[0].url,
        "width": small[0].width,
        "height": small[0].height,
        "variants": [{"url": v.url, "width": v.width} for v in small],
    }
