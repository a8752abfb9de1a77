"""Generic endpoint classifier: which protocol endpoint and statistic a printed number is.

Shared by the candidate finder and ``litmeta draft-spec``.  The vocabulary is the protocol's
(PROTOCOL.md: response categories, ORR/DCR, median PFS/OS, grade >= 3 toxicities, MDS/AML)
in the words any PRRT paper uses for them; nothing here is learnt from, or written against,
the phrasing of one paper.  A number is classified from its *clause* (the stretch of its
sentence between commas, semicolons and conjunctions, outside parentheses), so that "a partial
response in 9 patients, stable disease in 14" gives 9 to PR and 14 to SD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (endpoint, statistic stem, pattern); the stem is the count statistic ("events" for rates)
RESPONSE_TERMS = (
    ("best_response", "cr", r"complete (?:response|remission)s?|\bCRs?\b"),
    ("best_response", "pr", r"partial (?:response|remission)s?|\bPRs?\b"),
    ("best_response", "mr", r"minor (?:response|remission)s?|\bMRs?\b"),
    ("best_response", "sd", r"stable disease|disease stabili[sz]ation|\bSD\b"),
    ("best_response", "pd", r"progressive disease|\bPD\b"),
    # "the response rate was 18%": the objective one, unless a word before it says otherwise
    (
        "orr",
        "events",
        r"objective (?:tumou?r )?response(?: rate)?|overall response rate|\bORR\b|"
        r"(?<!biochemical )(?<!symptomatic )(?<!symptom )(?<!metabolic )(?<!hormonal )"
        r"(?<!clinical )(?<!partial )(?<!complete )(?<!minor )(?<!CgA )(?<!marker )"
        r"\bresponse rates?\b",
    ),
    ("dcr", "events", r"disease control(?: rate)?|clinical benefit rate|\bDCR\b"),
)
SURVIVAL_TERMS = (
    # "mPFS", "mOS" as printed (case kept: "mos" is a unit, months)
    ("pfs_median", "median", r"progression[- ]free survival|\bPFS\b|\b(?-i:mPFS)\b"),
    ("os_median", "median", r"overall survival|\bOS\b|\b(?-i:mOS)\b"),
)
# toxicity terms name the grade >= 3 endpoint only: their statistic is the endpoint's own
_TOX_PATTERNS = {
    "tox_g3plus_pancytopenia": r"pancytopenia",
    "tox_g3plus_anemia": r"an(?:a)?emia|h(?:a)?emoglobin",
    "tox_g3plus_thrombocytopenia": r"thrombocytop(?:a)?enia|platelets?",
    "tox_g3plus_leukopenia": r"leu(?:k|c)op(?:a)?enia|neutrop(?:a)?enia|leu(?:k|c)ocytes",
    "tox_g3plus_lymphopenia": r"lymph(?:ocyt)?op(?:a)?enia",
    "tox_g3plus_any_hematologic": (
        # "haematological grade 3/4 toxicities": the grade may stand inside the term
        r"h(?:a)?ematolog\w* (?:grades?\s*(?:≥|>=)?\s*[1-4IV]+(?:\s*[-/]\s*[1-4IV]+)? )?"
        r"(?:toxicit\w*|adverse events?)|(?:myelo|h(?:a)?emato)toxicit\w*|"
        r"bone marrow toxicit\w*"
    ),
    "tox_g3plus_renal": (
        r"nephrotoxicit\w*|renal (?:toxicit\w*|failure|insufficiency)|(?:serum )?creatinine|"
        r"kidney (?:injury|toxicit\w*)"
    ),
    "tox_g3plus_hepatic": r"hepatotoxicit\w*|hepatic toxicit\w*|liver toxicit\w*",
}
TOX_TERMS = tuple((endpoint, "", pattern) for endpoint, pattern in _TOX_PATTERNS.items())
MDS_AML_TERMS = (
    ("mds_aml", "mds", r"myelodysplastic(?: syndromes?)?|\bMDS\b"),
    ("mds_aml", "aml", r"acute (?:myeloid|myelogenous) leuk(?:a)?emia|\bAML\b|leuk(?:a)?emia"),
)
ALL_TERMS = (*RESPONSE_TERMS, *SURVIVAL_TERMS, *TOX_TERMS, *MDS_AML_TERMS)
_COMPILED = tuple(
    (e, s, re.compile(p if p.startswith(r"\b") else f"(?i:{p})")) for e, s, p in ALL_TERMS
)

# grade >= 3: "grade 3-4", "grade III/IV", "grade ≥ 3", "grade 3 or 4", "grade 3 or higher",
# "≥G3", "G3-4", "G3"; lower grades
_G = r"(?:[1-4]|I{1,3}V?|IV)"
GRADE = re.compile(
    rf"(?i:(?P<ge0>≥|>=)\s*(?:grades?\s*|G)(?P<a0>{_G})\b"
    rf"|\bgrades?\s*(?P<ge>(?:≥|>=|>|at least)\s*)?(?P<a>{_G})"
    rf"(?:\s*(?:-|/|or|and|to)\s*(?P<b>{_G}))?\b"
    r"(?P<up>\s+or\s+(?:higher|above|greater|worse|more(?:\s+severe)?)\b)?"
    r"|\bany grade\b|\ball grades\b)"
    r"|\bG(?P<ge2>≥|>=)?(?P<a2>[1-4])(?:\s*[-/]\s*(?P<b2>[1-4]))?\b"
)
_ROMAN = {"1": 1, "2": 2, "3": 3, "4": 4, "I": 1, "II": 2, "III": 3, "IV": 4}


def grade_statistic(text: str) -> str | None:
    """``g3`` / ``g4`` / ``g3g4`` for a grade expression; None for lower or any grade."""
    m = GRADE.fullmatch(text.strip()) or GRADE.search(text)
    if not m or not (m.group("a") or m.group("a0") or m.group("a2")):
        return None
    g = m.groupdict()
    a = _ROMAN.get((g["a"] or g["a0"] or g["a2"]).upper())
    b = _ROMAN.get((g["b"] or g["b2"] or "").upper())
    ge = g["ge"] or g["ge0"] or g["ge2"] or ("≥" if g["up"] else None)
    if ge:
        a_ok = a if ">" not in ge or "=" in ge else (a or 0) + 1
        return "g3g4" if a_ok == 3 else ("g4" if a_ok == 4 else None)
    if a == 3 and b == 4:
        return "g3g4"
    if a == 3 and b is None:
        return "g3"
    if a == 4 and b is None:
        return "g4"
    return None


@dataclass(frozen=True)
class Term:
    endpoint: str
    stem: str
    start: int
    end: int
    text: str


def find_terms(text: str) -> list[Term]:
    """Protocol terms in ``text``, left to right, overlapping ones resolved to the longest."""
    found = []
    for endpoint, stem, pattern in _COMPILED:
        for m in pattern.finditer(text):
            found.append(Term(endpoint, stem, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Term] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    # "progression-free survival" is not progressive disease; "OS" inside a word is nothing
    return out


_BOUNDARY = re.compile(
    r";|,\s|\s(?:and|but|whereas|while|versus|vs\.?|compared\s+(?:with|to))\s|:\s"
)


def clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence: split at , ; and conjunctions outside parentheses."""
    depth = 0
    depth_at = []
    for ch in sentence:
        if ch in "([":
            depth += 1
        depth_at.append(depth)
        if ch in ")]":
            depth = max(0, depth - 1)
    cuts = [0]
    for m in _BOUNDARY.finditer(sentence):
        if depth_at[m.start()] == 0:
            cuts.append(m.start())
            cuts.append(m.end())
    cuts.append(len(sentence))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]


MEDIAN_KINDS = ("median", "ci_low", "ci_high", "range_low", "range_high")
# ("mFU 17.5 mo", "median FU": the abbreviation of meeting abstracts)
_FOLLOW_UP = re.compile(r"(?i)\bfollow(?:ed)?[- ]?up\b|\bfollowed\b|(?-i:\bm?FU\b)")
# "median follow-up (time) of", "followed up for a median of": the cohort's median follow-up
_MEDIAN_FOLLOW_UP = re.compile(
    r"(?i)\bmedian\s+(?:duration\s+of\s+|length\s+of\s+)?follow[- ]?up\b"
    r"(?:\s+(?:time|period|duration))?(?:\s+(?:was|of))?\s*(?:a\s+)?$"
    r"|\bfollowed(?:\s+up)?\s+for\s+a\s+median\s+(?:of\s+)?$"
    r"|(?:(?-i:\bmFU)|\bmedian\s+(?-i:FU))\b(?:\s+(?:was|of))?\s*[:=]?\s*$"
)


# the range printed right after a median follow-up ("median follow-up was 28.7 months (range
# 3.1-72.4)"): its bounds are the follow-up's range
_FOLLOW_UP_RANGE = re.compile(
    r"(?i)\bmedian\s+follow[- ]?up\b(?:\s+(?:time|period|duration))?(?:\s+(?:was|of))?\s*"
    r"(?:a\s+)?\d+(?:\.\d+)?\s*(?:months?|mos?|years?)?\s*[(\[]\s*range\s*[:,]?\s*"
    r"(?:\d+(?:\.\d+)?\s*(?:months?\s*)?(?:-|to)\s*)?$"
)


def followup(sentence: str, pos: int, kind: str) -> Guess | None | bool:
    """A number governed by "follow-up" is never an endpoint (PROTOCOL Amendment 2): the
    cohort's median follow-up when "median" says so ("at a median follow-up of 16 months"),
    else nothing.  False when no "follow-up" governs the number (a survival term stands
    between the last "follow-up" and the number)."""
    before = sentence[:pos]
    follow = list(_FOLLOW_UP.finditer(before))
    if not follow:
        return False
    surv = [t for t in find_terms(before) if t.endpoint.endswith("_median")]
    if surv and surv[-1].start > follow[-1].start():
        return False
    near = before[max(0, follow[-1].start() - 30) :]
    if (
        kind in ("median", "range_low", "range_high")
        and _MEDIAN_FOLLOW_UP.search(near)
        and len(before) - follow[-1].end() <= 40
    ):
        return Guess("followup_median", kind, f"'median' + {follow[-1].group(0)!r}")
    if kind in ("range_low", "range_high") and _FOLLOW_UP_RANGE.search(near):
        return Guess("followup_median", kind, f"'median' + {follow[-1].group(0)!r} + 'range'")
    return None


# a survival time counted from another origin than the treatment ("median OS from diagnosis",
# "since the start of first-line therapy") is not the cohort's survival after it
_OTHER_ORIGIN = re.compile(
    r"(?i)\b(?:from|since|after)\s+(?:the\s+)?(?:(?:date|time)\s+of\s+)?"
    r"(?:(?:the\s+)?(?:initial|first|primary|histological|original)\s+)?"
    # "from the time of t-MN diagnosis": the survival of those who developed it
    r"(?:[\w/-]+\s+){0,2}?diagnosis\b"
    r"|\b(?:from|since)\s+(?:the\s+)?(?:start|initiation|beginning)\s+of\s+"
    r"(?:(?:the\s+)?(?:first|1st|second|2nd|any|systemic)\b)"
    # "after the second course": a later course than the cohort's treatment may be
    r"|\b(?:after|from|since|following)\s+(?:the\s+)?(?:second|2nd|third|3rd|fourth|4th|last)\s+"
    r"(?:course|line|cycle|treatment|PRRT|relapse|progression)"
    # "the median PFS of the first treatment": of whichever treatment came first, PRRT or not
    r"|\bof\s+(?:the\s+)?(?:first|second|1st|2nd|initial|prior|previous)\s+"
    r"(?:treatment|line|therapy|systemic\s+therapy)\b"
)
# "the ORR to prior everolimus", "a complete response after subsequent surgery", "PR in liver
# lesions", "later developed progressive disease": another treatment's, or not the patient's
# best response to this one
_GRADE_NAMED = re.compile(r"\s*\(\s*G[1-5]\s*\)")
# an event suspected, not diagnosed or confirmed
_HEDGED = re.compile(
    r"(?i)\b(?:suspicion|suspected|suspicious|possible|possibly|probable|probably|"
    r"unconfirmed|presumed|presumptive|likely)\b"
)
_NOT_THIS_TREATMENT = re.compile(
    r"(?i)\b(?:prior|previous|preceding|earlier|subsequent(?:ly)?|later|eventually)\b"
    # "the response rate to carboplatin following failure of paclitaxel"
    r"|\b(?:following|after)\s+(?:the\s+)?failure\b"
    r"|\blesions?\b|\bafter\s+(?:the\s+)?(?:surgery|resection|surgical)"
)
# "PR in liver lesions", "partial response in the liver": a response of part of the disease
# ("in patients with liver metastases" is a subgroup: draft.py leaves it out as one)
_PART_OF_DISEASE = re.compile(
    r"(?i)\blesions?\b|\b(?:in|of)\s+the\s+(?:liver|bones?|lungs?|lymph\s+nodes?|primary)\b"
    r"|\b(?:hepatic|liver|bone|nodal|osseous|pulmonary)\s+response"
)
# "including minor responses, the ORR was 40%": a rate the protocol's ORR is not
_WITH_MINOR = re.compile(
    r"(?i)\b(?:including|incl\.?|plus)\s+(?:the\s+)?(?:minor|MRs?\b)|\+\s*MR\b"
)
# "stable disease lasting more than 6 months": a part of the category, not its count
_DURABLE = re.compile(
    r"(?i)\b(?:lasting|durable|sustained)\b|\bfor\s+(?:at\s+least|more\s+than|over|>|≥)"
    r"|(?:≥|>=|>)\s*\d+\s*(?:months?|weeks?)\b"
)
# response criteria; a sentence naming two gives a rate per criterion, and which one the
# review takes (RECIST, else the paper's own) is the reviewer's to say
_CRITERIA = re.compile(
    r"\b(?P<c>m?RECIST|irRECIST|Choi|SWOG|EORTC|PERCIST|WHO)\b(?:\s*(?:v(?:ersion)?\s*)?\d\.\d)?"
)


def criteria_named(sentence: str) -> set[str]:
    """The response criteria a sentence names ("RECIST 1.1" and "RECIST" are one)."""
    return {m.group("c").upper() for m in _CRITERIA.finditer(sentence)}


@dataclass(frozen=True)
class Guess:
    endpoint: str
    statistic: str
    evidence: str  # the words that decided it


def _toxicity_of_earlier_clauses(sentence: str, span: tuple[int, int], kind: str) -> list[Term]:
    """ "Lymphopenia was the most frequent, with grade 3 in 50 patients and grade 4 in 4": a
    clause that prints a grade and a number but names no term is about the toxicity the
    sentence named before it, when every term before the clause is that one toxicity."""
    clause = sentence[span[0] : span[1]]
    if kind not in ("count", "pct") or not GRADE.search(clause):
        return []
    before = find_terms(sentence[: span[0]])
    if not before or len({t.endpoint for t in before}) != 1:
        return []
    return before[-1:] if before[-1].endpoint.startswith("tox_") else []


# "median", or the abbreviations that say it: "mPFS", "mOS"
_MEDIAN_SAID = re.compile(r"(?i)median|\bm(?-i:PFS|OS)\b")


def _terms_before_colon(sentence: str, spans: list, span: tuple[int, int]) -> list[Term]:
    """ "Partial response: 12 patients (24%)", "grade 3-4 thrombocytopenia: 2 (4%)": the term
    of the clause a colon ends right before a clause that names none (one term only)."""
    before = [c for c in spans if c[1] <= span[0]]
    if not before or sentence[before[-1][1] : span[0]].strip() != ":":
        return []
    terms = find_terms(sentence[before[-1][0] : before[-1][1]])
    return terms if len({(t.endpoint, t.stem) for t in terms}) == 1 else []


def _response_of_clause_before(
    sentence: str, spans: list[tuple[int, int]], span: tuple[int, int], kind: str
) -> list:
    """ "Objective response was observed in 30/88 (34.1%) pNET and 18/126 (14.3%) SI-NET
    patients": a clause with no term of its own, joined by "and" to the clause before it,
    which names the sentence's one statistic (a response) and prints a value of the same
    form, is a second printing of that statistic (whose, its own clause says); [] otherwise."""
    terms = find_terms(sentence)
    if len({(t.endpoint, t.stem) for t in terms}) != 1:
        return []
    if terms[0].endpoint not in ("best_response", "orr", "dcr"):
        return []
    k = spans.index(span) if span in spans else 0
    if k == 0 or sentence[spans[k - 1][1] : span[0]].strip() != "and":
        return []
    before = sentence[spans[k - 1][0] : spans[k - 1][1]]
    # the same form in the clause before: a percentage, or a count that is none
    form = r"\d\s*%" if kind == "pct" else r"(?<![\d.])\d+(?![\d.]|\s*%)"
    if not find_terms(before) or not re.search(form, before):
        return []
    if _OWN_VERB.search(sentence[span[0] : span[1]]):
        return []  # "and 5 patients died": a clause saying something of its own
    return terms


# the evidence of a value whose term is the clause before's (:func:`_response_of_clause_before`)
INHERITED = " of the clause before"

# a verb of a clause's own: it is no second printing of the clause before
_OWN_VERB = re.compile(
    r"(?i)\b(?:had|has|have|died|developed|discontinued|received|were|was|showed|"
    r"experienced|required|underwent|progressed|remained)\b"
)


def classify(sentence: str, pos: int, kind: str) -> Guess | None:
    """Guess endpoint and statistic of a number at ``pos`` of ``sentence``.

    ``kind`` is what the number is by its form: ``count``, ``pct``, ``median``, ``ci_low``,
    ``ci_high``, ``range_low``, ``range_high`` or ``n``.  A median-like number governed by
    "follow-up" is the median follow-up or nothing (:func:`followup`).  Returns None unless
    exactly one protocol term of a fitting kind stands in the number's clause (survival terms
    may stand anywhere before it in the sentence when the clause has none), and, for
    toxicities, a grade >= 3 precedes it.
    """
    spans = clauses(sentence)
    span = next((c for c in spans if c[0] <= pos < c[1]), (0, len(sentence)))
    clause = sentence[span[0] : span[1]]
    terms = find_terms(clause) or _terms_before_colon(sentence, spans, span)
    if kind in MEDIAN_KINDS:
        if _OTHER_ORIGIN.search(sentence) or _NOT_THIS_TREATMENT.search(clause):
            return None  # survival from diagnosis, or of an earlier line of treatment
        follow = followup(sentence, pos, kind)
        if follow is not False:
            return follow
        surv = [t for t in terms if t.endpoint.endswith("_median")]
        if not surv:
            before = [t for t in find_terms(sentence[:pos]) if t.endpoint.endswith("_median")]
            surv = before[-1:] if before and _MEDIAN_SAID.search(sentence[:pos]) else []
        if len({t.endpoint for t in surv}) != 1 or not _MEDIAN_SAID.search(sentence[:pos]):
            return None
        if re.search(r"(?i)\bmean\b", clause) or any(
            t.endpoint in ("best_response", "orr", "dcr") for t in terms
        ):
            return None  # the mean, or the survival of responders
        return Guess(surv[0].endpoint, kind, f"{surv[0].text!r} + 'median'")
    if kind not in ("count", "pct", "n"):
        return None
    if any(t.endpoint.endswith("_median") for t in terms):
        return None  # "patients with PR had a median PFS of ..."
    if _HEDGED.search(clause):
        return None  # "another one had a strong suspicion of MDS": not diagnosed
    fitting = (
        list(terms)
        or _toxicity_of_earlier_clauses(sentence, span, kind)
        or _response_of_clause_before(sentence, spans, span, kind)
    )
    # "a partial response (PR)" names one category twice
    if len({(t.endpoint, t.stem) for t in fitting}) != 1:
        return None
    t = fitting[0]
    inherited = not terms and t.endpoint in ("best_response", "orr", "dcr")
    if t.endpoint in ("best_response", "orr", "dcr") and len(criteria_named(sentence)) > 1:
        return None  # "30% by RECIST and 45% by Choi": a rate per criterion
    if t.endpoint in ("best_response", "orr", "dcr") and (
        _DURABLE.search(clause)
        or _NOT_THIS_TREATMENT.search(clause)
        or _PART_OF_DISEASE.search(sentence)  # a response per lesion or organ
        or (t.endpoint == "orr" and _WITH_MINOR.search(sentence))  # MR is not in ORR
    ):
        return None  # "stable disease lasting more than 6 months": a part of SD
    suffix = "_pct" if kind == "pct" else ""
    if t.endpoint.startswith("tox_"):
        # the grade nearest the term in its clause, else the last one before the clause;
        # a grade's own short name in brackets is no grade of its own ("Grade 3 (G3) or 4
        # (G4) hematological toxicity" is grade 3-4, not grade 4)
        clause = _GRADE_NAMED.sub(lambda m: " " * len(m.group(0)), clause)
        grades = sorted(GRADE.finditer(clause), key=lambda g: abs(g.start() - t.start))
        if not terms and len(grades) != 1:
            return None  # the term of an earlier clause: its grade is the clause's one
        if not grades:
            grades = list(GRADE.finditer(sentence[: span[0]]))[::-1]
        if not grades or kind == "n":
            return None
        stat = grade_statistic(grades[0].group(0))
        if stat is None:
            return None
        return Guess(t.endpoint, stat + suffix, f"{t.text!r} + {grades[0].group(0)!r}")
    if kind == "n":
        return None
    return Guess(t.endpoint, t.stem + suffix, repr(t.text) + (INHERITED if inherited else ""))
