"""A small PNG reader for the browser tests (8-bit RGB/RGBA, not interlaced: what Chromium
writes), so a screenshot's pixels can be checked without an imaging library."""

from __future__ import annotations

import functools
import struct
import zlib
from collections import Counter
from pathlib import Path

__all__ = ["Picture", "read_png"]

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Picture:
    def __init__(self, width: int, height: int, rows: list[bytes], channels: int) -> None:
        self.width, self.height, self.rows, self.channels = width, height, rows, channels

    @functools.cached_property
    def colours(self) -> Counter[tuple[int, int, int]]:
        """How many pixels have each RGB colour (counted once)."""
        counts: Counter[tuple[int, int, int]] = Counter()
        step = self.channels
        for row in self.rows:
            counts.update(zip(row[0::step], row[1::step], row[2::step], strict=True))
        return counts

    def near(self, rgb: tuple[int, int, int], tolerance: int = 12) -> int:
        """Pixels within ``tolerance`` of ``rgb`` on every channel."""
        return sum(
            n
            for colour, n in self.colours.items()
            if all(abs(a - b) <= tolerance for a, b in zip(colour, rgb, strict=True))
        )


def read_png(path: Path) -> Picture:
    data = path.read_bytes()
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path} is not a PNG")
    pos, idat, header = 8, bytearray(), b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour_type not in (2, 6) or interlace:
        raise ValueError(f"{path}: only 8-bit RGB/RGBA, not interlaced (got {header!r})")
    channels = 3 if colour_type == 2 else 4
    stride = width * channels
    raw = zlib.decompress(bytes(idat))
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return Picture(width, height, rows, channels)
