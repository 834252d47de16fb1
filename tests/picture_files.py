"""Picture files for the tests, made on the spot: a phone photo as a phone writes it, and bad ones.

A phone photo here is a JPEG stored sideways with EXIF orientation 6 (turn 90° clockwise to show
it), the GPS position of where it was taken, a camera serial number, an XMP packet and an ICC
profile, like the 4000×3000 photos municipal officers take (smaller here, to keep tests quick).
Its stored top-left corner is red: shown upright, that corner is the top-right one.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import ExifTags, Image, ImageCms, ImageDraw

GPS = {1: "N", 2: (43.0, 19.0, 12.5), 3: "E", 4: (21.0, 53.0, 47.25)}
SERIAL = "PHONE-SERIAL-4711"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>43,19.2N</exif:GPSLatitude></x:xmpmeta>'


def phone_photo(width: int = 2400, height: int = 1800, orientation: int = 6) -> bytes:
    """A JPEG `width`×`height` as stored, with orientation, GPS, serial number, XMP and ICC."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 20).convert("RGB")
    image = Image.blend(image, noise, 0.25)
    ImageDraw.Draw(image).rectangle((0, 0, width // 8, height // 8), fill=(230, 20, 20))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.BodySerialNumber] = SERIAL
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif, icc_profile=icc, xmp=XMP)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A grey PNG that declares `width`×`height` pixels and is almost nothing but zeros: 400
    megapixels in about 390 KB at the default size, a classic decompression bomb."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte + one byte per pixel
    rows_per_step = max(1, 4_000_000 // len(row))
    data = b""
    for start in range(0, height, rows_per_step):
        data += compressor.compress(row * min(rows_per_step, height - start))
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def text_bomb_png() -> bytes:
    """A 10×10 PNG with a compressed text chunk that inflates to 50 MB: a bomb in the metadata."""
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buffer, "PNG")
    plain = buffer.getvalue()
    text = _chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"a" * 50_000_000, 9))
    return plain[:33] + text + plain[33:]  # after the 8-byte signature and the 25-byte IHDR chunk


def many_pixels_jpeg(width: int = 7200, height: int = 5800) -> bytes:
    """A real photo-like JPEG of about 42 megapixels (noise does not compress), over the limit."""
    image = Image.effect_noise((width, height), 60)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=40)
    return buffer.getvalue()


def oversized_file(path: Path, size: int = 21_000_000) -> None:
    """A valid small JPEG padded with a sparse run of zeros to `size` bytes (written in no time)."""
    path.write_bytes(phone_photo(64, 48, 1))
    with path.open("r+b") as handle:
        handle.truncate(size)
