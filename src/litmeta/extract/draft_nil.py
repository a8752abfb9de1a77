"""A printed zero (``litmeta draft-spec``): "No grade 3 or higher haematological toxicity was
observed", "no thrombocytopenia of grade 3-4", "No patient had grade III/IV nephrotoxicity".
The sentence says no patient had the event, so the value is a printed 0 (placeholder type
``nil``), never an implied one; it needs one toxicity term and a grade >= 3 expression in the
same clause after the "No", and nothing that narrows the patients ("in patients with ...",
a subgroup, is left out before this is read).
"""

from __future__ import annotations

import re

from .classify import GRADE, Guess, clauses, find_terms, grade_statistic

# "No" opening a statement about patients or events (not "no difference", "no data")
NIL_TOX = re.compile(
    r"(?P<nil>\b[Nn]o\b)(?=\s+(?:(?:patients?|one)\s+(?:had|developed|experienced|showed)\s+)?"
    r"(?:(?:PRRT|treatment|therapy)-related\s+)?(?:(?:serious|severe|clinically\s+relevant)\s+)?"
    r"(?:grade|G\d|(?:[a-z-]+\s+)?[a-z]*(?:toxicit|p(?:a)?enia|an(?:a)?emia)))"
)
_OR_HIGHER = re.compile(r"(?i)\bgrades?\s*(?:3|III)\s+or\s+(?:higher|above|more|greater)\b")


def classify_nil_toxicity(sentence: str, at: int) -> tuple[Guess, int] | None:
    """(guess, end of the evidence in ``sentence``) for the "No" at ``at``: the one toxicity
    and the grade >= 3 its clause names, or None."""
    span = next((c for c in clauses(sentence) if c[0] <= at < c[1]), (0, len(sentence)))
    clause = sentence[at : span[1]]
    terms = [t for t in find_terms(clause) if t.endpoint.startswith("tox_")]
    if len(terms) != 1 or len(find_terms(clause)) != 1:
        return None
    if terms[0].endpoint == "tox_g3plus_pancytopenia":
        return None
    higher = _OR_HIGHER.search(clause)
    grades = list(GRADE.finditer(clause))
    if higher:
        stat, grade_text = "g3g4", higher.group(0)
    elif len(grades) == 1 and grade_statistic(grades[0].group(0)):
        stat, grade_text = grade_statistic(grades[0].group(0)), grades[0].group(0)
    else:
        return None
    evidence_end = max(terms[0].end, (higher or grades[0]).end())
    return (
        Guess(terms[0].endpoint, stat, f"'No' + {terms[0].text!r} + {grade_text!r}"),
        at + evidence_end,
    )
