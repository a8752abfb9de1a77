"""Reading the user's text files (paper sheet, .txt papers): UTF-8 only, with the fix that
fits when a file is something else."""

from __future__ import annotations

import codecs
import unicodedata

from .errors import InputError


def decode_utf8(data: bytes, where: str, what: str) -> str:
    """``data`` as UTF-8 text, NFC-normalised, without a leading byte-order mark.

    A UTF-16 file (byte-order mark, or NUL bytes at every other position), NUL bytes in
    UTF-8 text (named as such: `iconv` would not fix them) and any other non-UTF-8 bytes stop
    with the fix that fits; a UTF-8 byte-order mark (Windows editors write one) is dropped."""
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(head):
        raise InputError(
            where,
            f"the {what} is UTF-16 text, not UTF-8",
            f"re-save the {what} as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`)",
        )
    if 0 in data:
        first = data.index(0)
        line = data[:first].count(b"\n") + 1
        raise InputError(
            f"{where}:{line}",
            f"the {what} holds {data.count(0)} NUL byte(s) (the first at offset {first}): "
            "a damaged or binary file, not plain UTF-8 text",
            "remove them (e.g. `tr -d '\\000' < old > new`) after checking the text around "
            "them, or supply a clean copy",
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


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: many NUL bytes, nearly all at even or all at odd
    offsets (the high bytes of Latin text); NUL bytes scattered anywhere are not UTF-16."""
    zeros = head.count(0)
    if zeros <= len(head) // 4:
        return False
    even = head[0::2].count(0)
    return max(even, zeros - even) >= 0.9 * zeros
