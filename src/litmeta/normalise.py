"""Text normalisation that keeps the paper's line numbering.

Line N of the normalised text is line N of the source text: normalisation only rewrites
characters inside a line and never adds or removes line breaks.  What it rewrites:

* unicode dashes and minus signs (‐ ‑ ‒ – — ― − ﹣ －) become ``-``;
* ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) are spelt out;
* non-breaking and other special spaces (NBSP, thin, narrow, figure, ideographic...) become
  a plain space; zero-width characters and soft hyphens are removed;
* superscript and subscript digits become plain digits, and the markup forms ``^{177}``,
  ``$^{177}$`` and ``<sup>177</sup>`` become ``177``; a superscript right after a digit is a
  footnote mark or an exponent, so a space keeps it apart (``28¹ months`` reads
  ``28 1 months``, never ``281 months``);
* a middle dot between digits (``1·9``) becomes a decimal point;
* control characters other than tab (e.g. the NUL a PDF gives for a glyph its font lacks)
  are removed;
* the text is put in Unicode NFC form (a paper saved decomposed, NFD, reads like one saved
  composed, and anchors, which the spec loader puts in NFC too, match it);
* carriage returns are dropped and trailing whitespace is stripped from each line.

Tabs are kept: tables are tab- or space-separated and cell boundaries matter to a reader.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\u0085\u2028\u2029"
)
_REMOVE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉"

_TABLE: dict[int, str | None] = {}
_TABLE.update({ord(c): "-" for c in _DASHES})
_TABLE.update({ord(c): " " for c in _SPACES})
_TABLE.update({ord(c): None for c in _REMOVE})
_TABLE.update({ord(k): v for k, v in _LIGATURES.items()})
_TABLE.update({ord(c): str(i) for i, c in enumerate(_SUPERSCRIPTS)})
_TABLE.update({ord(c): str(i) for i, c in enumerate(_SUBSCRIPTS)})
_TABLE.update({c: None for c in (*range(0, 9), 11, 12, *range(14, 32), 127)})
_TABLE[ord("\r")] = None

# ``$^{177}$``, ``^{177}``, ``<sup>177</sup>`` -> ``177`` (digits only: other markup is left alone)
_MARKUP_SUPERSCRIPT = re.compile(r"\$?\^\{\s*(\d+)\s*\}\$?|<sup>\s*(\d+)\s*</sup>")
_MIDDLE_DOT_DECIMAL = re.compile(r"(?<=\d)\u00b7(?=\d)")
# a superscript right after a digit (or after an anchor's placeholder) is a footnote mark or
# an exponent, never more digits of the number: "28¹ months" is 28, not 281
_MARK_AFTER_DIGIT = re.compile(
    rf"(?<=[0-9}}])(?=[{_SUPERSCRIPTS}]|\$?\^\{{\s*\d+\s*\}}|<sup>\s*\d+\s*</sup>)"
)


def normalise_line(line: str) -> str:
    """Normalise one line (it must not contain a line break)."""
    line = _MARK_AFTER_DIGIT.sub(" ", unicodedata.normalize("NFC", line)).translate(_TABLE)
    line = _MARKUP_SUPERSCRIPT.sub(lambda m: m.group(1) or m.group(2), line)
    line = _MIDDLE_DOT_DECIMAL.sub(".", line)
    return line.rstrip()


def normalise_text(text: str) -> str:
    """Normalise a whole text, line by line; the number of lines is unchanged."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    out = "\n".join(normalise_line(line) for line in lines)
    return out
