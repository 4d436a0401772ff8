"""PNG images from arrays with the standard library alone (``zlib``): a dense grid sent to a chart as one
image mark instead of a mark for each of its cells."""

from __future__ import annotations

import base64
import struct
import zlib

import numpy as np

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk: its length, type, data and the CRC-32 of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(pixels: np.ndarray) -> bytes:
    """``pixels`` (uint8, the top row first) as a PNG: rows × columns for grey, rows × columns × 3 for RGB;
    8 bits a sample, no interlace, every row behind filter byte 0 (none)."""
    if pixels.dtype != np.uint8 or pixels.ndim not in (2, 3) or (pixels.ndim == 3 and pixels.shape[2] != 3):
        raise ValueError(f"expected uint8 rows × columns (× 3), got {pixels.dtype} {pixels.shape}")
    height, width = pixels.shape[:2]
    colour = 0 if pixels.ndim == 2 else 2  # PNG colour types: 0 grey, 2 truecolour
    rows = pixels.reshape(height, -1)
    raw = np.hstack([np.zeros((height, 1), np.uint8), rows]).tobytes()
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")


def data_uri(image: bytes) -> str:
    """A PNG as a ``data:`` URL, which an image mark draws without a request."""
    return "data:image/png;base64," + base64.b64encode(image).decode("ascii")
