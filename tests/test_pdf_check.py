"""The reading-order measure of the PDF route (rule pdf_check) on any paper of a review."""

import pytest

from litmeta.pdf.check import LAYOUTS, check_paper


@pytest.mark.parametrize(
    "text",
    [
        "Title only\n",
        "A\tB\n1\t2\n",
        "Short title\nOne line of abstract text, and no sections at all.\n",
    ],
    ids=["title-only", "table-only", "two-lines"],
)
def test_a_paper_too_short_for_the_journal_layout_is_still_measured(text):
    """Any paper of a review goes through pdf_check: an abstract of two lines or a paper of
    tables alone is typeset and measured, never an IndexError (E61, a new abstract, found it)."""
    rows = check_paper("short", text)
    assert [r["layout"] for r in rows] == list(LAYOUTS)
    assert all(r["pages"] >= 1 for r in rows)
