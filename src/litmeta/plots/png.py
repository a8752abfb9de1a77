"""PNG files of the plots' pixel buffers, without per-row filters (issue 28).

Pillow's PNG encoder tries the five PNG filters on every row of an RGB image and keeps the
one with the smallest sum ("adaptive" filtering), and offers no way to choose: on the plots'
large flat areas and thin lines that search is 70 % of the encoding time, and its output is
*larger* than the unfiltered rows at the same zlib level (a 7.7-megapixel forest plot: 606 kB
with Pillow at level 1, 560 kB unfiltered at level 1, 3.4 times faster). So the plots' PNGs
are written here: the rows with filter type 0 ("None") behind each, deflated by :mod:`zlib`
(the same system libz that Pillow links), in the PNG container of the specification (W3C PNG
3rd ed., sections 5 and 11): IHDR, pHYs (the resolution, as Pillow writes it), IDAT, IEND.
Nothing else: no time, no software name. Lossless: ``tests/test_plot_encoding.py`` decodes
these files with Pillow and compares every pixel with matplotlib's own PNG of the figure.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

#: zlib level of the PNGs (lossless at every level; 1 is the fastest that compresses)
COMPRESS_LEVEL = 1
#: bytes of compressed data per IDAT chunk (any size is valid; libpng's default)
IDAT_BYTES = 8192 * 1024
#: bytes of rows copied and deflated at a time (any size gives the same file)
STRIP_BYTES = 1 << 20

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOUR_TYPE = {3: 2, 4: 6}  # channels -> PNG colour type: truecolour, truecolour + alpha


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _deflated_rows(pixels: np.ndarray) -> bytes:
    """The image data of a PNG: each row of ``pixels`` behind its filter type byte (0,
    None), deflated. The rows are copied and fed to zlib a strip at a time, so that a
    50-megapixel page (or the RGB view of an RGBA buffer) needs a strip's copy, not a
    second copy of all its pixels: the same bytes as one ``zlib.compress`` of all rows
    (deflate's output does not depend on how its input is split; tests/test_plot_encoding.py)."""
    height, width, channels = pixels.shape
    row_bytes = 1 + width * channels
    strip_rows = max(1, STRIP_BYTES // row_bytes)
    strip = np.zeros((min(strip_rows, height), row_bytes), dtype=np.uint8)
    samples = strip[:, 1:].reshape(len(strip), width, channels)  # a view into the strip
    deflate = zlib.compressobj(COMPRESS_LEVEL)
    parts = []
    for top in range(0, height, strip_rows):
        rows = pixels[top : top + strip_rows]
        samples[: len(rows)] = rows
        parts.append(deflate.compress(strip[: len(rows)]))
    parts.append(deflate.flush())
    return b"".join(parts)


def encode(pixels: np.ndarray, dpi: float) -> bytes:
    """The PNG of ``pixels`` (height x width x 3 or 4, ``uint8``: RGB or RGBA, 8 bits a
    sample) at ``dpi`` dots per inch."""
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] not in _COLOUR_TYPE:
        raise ValueError(f"expected height x width x 3 or 4 uint8 pixels, got {pixels.shape}")
    height, width, channels = pixels.shape
    deflated = _deflated_rows(pixels)
    per_metre = int(dpi / 0.0254 + 0.5)  # Pillow's rounding, so that it reads the same dpi
    header = struct.pack(">IIBBBBB", width, height, 8, _COLOUR_TYPE[channels], 0, 0, 0)
    return b"".join(
        [
            _SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            *(
                _chunk(b"IDAT", deflated[i : i + IDAT_BYTES])
                for i in range(0, max(len(deflated), 1), IDAT_BYTES)
            ),
            _chunk(b"IEND", b""),
        ]
    )
