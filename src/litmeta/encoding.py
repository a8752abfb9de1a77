"""Reading the user's text files (paper sheet, .txt papers): UTF-8 only, with the fix that
fits when a file is something else."""

from __future__ import annotations

import codecs
import unicodedata

from .errors import InputError


def decode_utf8(data: bytes, where: str, what: str) -> str:
    """``data`` as UTF-8 text, NFC-normalised, without a leading byte-order mark.

    A UTF-16 file (byte-order mark or NUL bytes) and any other non-UTF-8 bytes stop with the
    fix that fits; a UTF-8 byte-order mark (Windows editors write one) is dropped."""
    head = data[:4096]
    utf16_bom = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if utf16_bom or head.count(0) > len(head) // 4:
        raise InputError(
            where,
            f"the {what} is UTF-16 text, not UTF-8",
            f"re-save the {what} as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`)",
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{where}:{line}",
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            f"re-save the {what} as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
        ) from None
    return unicodedata.normalize("NFC", text)
