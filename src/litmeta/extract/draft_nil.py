"""A printed zero (``litmeta draft-spec``): "No grade 3 or higher haematological toxicity was
observed", "no thrombocytopenia of grade 3-4", "No patient had grade III/IV nephrotoxicity".
The sentence says no patient had the event, so the value is a printed 0 (placeholder type
``nil``), never an implied one; it needs one toxicity term and a grade >= 3 expression in the
same clause after the "No", and nothing that narrows the patients ("in patients with ...",
a subgroup, is left out before this is read).

Two more printed zeros: "there were no complete responses" (``NIL_RESPONSE``: the one response
category the "No" opens) and "grade 3/4 renal toxicity in none" (``NIL_AFTER``: "in none"
closing a clause that names one statistic, and for a toxicity one grade >= 3 expression).
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


# "there were no complete responses", "no patient achieved a partial response", "no CR"
NIL_RESPONSE = re.compile(
    r"(?P<nil_resp>\b[Nn]o\b)(?=\s+(?:patients?\s+(?:had|achieved|showed)\s+(?:an?\s+)?)?"
    r"(?:confirmed\s+)?(?:(?:complete|partial|objective)\s+(?:tumou?r\s+)?(?:respon|remission)"
    r"|(?:CR|PR)s?\b))"
)
# "renal toxicity of grade 3/4 in none", "(occurred) in none of the patients": the clause ends
NIL_AFTER = re.compile(
    r"\bin\s+(?P<nil_after>none)\b(?=(?:\s+of\s+(?:the|these)\s+(?:patients|pts)\b)?"
    r"\s*(?:[.;)]|,\s|$))"
)
_NIL_STATS = {"best_response", "orr", "mds_aml"}


def _clause(sentence: str, at: int) -> tuple[int, int]:
    return next((c for c in clauses(sentence) if c[0] <= at < c[1]), (0, len(sentence)))


def classify_nil_response(sentence: str, at: int) -> tuple[Guess, int] | None:
    """(guess, end of the evidence) for the "No" at ``at`` opening one response category, in
    a sentence that names no other statistic ("There were no complete responses.")."""
    span = _clause(sentence, at)
    terms = find_terms(sentence[at : span[1]])
    if len(terms) != 1 or terms[0].endpoint not in ("best_response", "orr"):
        return None
    if len(find_terms(sentence)) != 1:
        return None  # beside other statistics it was seen to cost values (not kept)
    t = terms[0]
    return Guess(t.endpoint, t.stem, f"'No' + {t.text!r}"), at + t.end


def classify_nil_after(sentence: str, at: int) -> tuple[Guess, int] | None:
    """(guess, end of the evidence) for the "none" at ``at`` closing a clause that names one
    statistic: one response category, MDS or AML, or one toxicity with one grade >= 3."""
    span = _clause(sentence, at)
    clause = sentence[span[0] : at]
    terms = find_terms(sentence[span[0] : span[1]])
    if len(terms) != 1:
        return None
    t = terms[0]
    if t.endpoint in _NIL_STATS:
        return Guess(t.endpoint, t.stem, f"{t.text!r} + 'none'"), at + 4
    grades = list(GRADE.finditer(clause))
    if not t.endpoint.startswith("tox_") or t.endpoint == "tox_g3plus_pancytopenia":
        return None
    if len(grades) != 1 or not grade_statistic(grades[0].group(0)):
        return None
    stat = grade_statistic(grades[0].group(0))
    return Guess(t.endpoint, stat, f"{t.text!r} + {grades[0].group(0)!r} + 'none'"), at + 4
