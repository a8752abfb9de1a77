"""The population a sentence's values are counted in, printed in the sentence before it
(``litmeta draft-spec``): "Response was assessable in 102 patients. Among them, a partial
response was observed in 22 ...".  The second sentence says it continues the first ("Among
them", "Of these"), and the first prints one number of patients with the words that make it
an assessed population; the n then stands for every endpoint the values belong to, when they
all belong to one population (efficacy or safety).
"""

from __future__ import annotations

import re

from ..protocol import POPULATION
from .numbers import PATTERNS, parse

_CNT = PATTERNS["count"]


def count_value(text: str) -> float | None:
    """The number a printed count stands for ("45", "Forty-five"), or None if it is none."""
    try:
        return parse("count", text).value
    except ValueError:
        return None


CONTINUES = re.compile(
    r"(?i)^\s*(?:among|of|in)\s+(?:them|these|those)(?:\s+(?:\d+\s+)?patients)?\s*,"
)
_ASSESSED_IN = re.compile(
    r"(?i)\b(?:available|evaluable|assessable|evaluated|assessed|analy[sz]ed)\b[^.;]{0,40}?"
    rf"\b(?:for|in)\s+(?P<n>{_CNT})(?![\w])\s+patients?\b"
)


def continued_population(
    previous: str, passage: str, refs: list[str]
) -> tuple[int, int, str, str] | None:
    """(start in ``previous``, end, printed n, refs joined by '|') of the n that the values
    ``refs`` of ``passage`` are counted in, or None.  ``previous`` must print one "assessed
    in N patients" phrase and no number after it."""
    if not CONTINUES.match(passage) or not refs:
        return None
    found = list(_ASSESSED_IN.finditer(previous))
    if len(found) != 1 or re.search(r"\d", previous[found[0].end() :]):
        return None  # a number after the population: not the sentence's last word on it
    endpoints = {r.split(".", 1)[0] for r in refs}
    pops = {POPULATION.get(x) for x in endpoints}
    if any(r.split(".", 1)[1] == "n" for r in refs) or len(pops) != 1 or None in pops:
        return None
    m = found[0]
    refs_n = sorted(f"{x}.n" for x in endpoints)
    if endpoints == {"best_response"}:
        # the patients whose response was assessed stand for the efficacy population
        # (PROTOCOL: ORR, DCR and the medians are counted over it) unless the cohort prints
        # another size for it (ambiguous_sizes)
        refs_n.append("cohort_size.n_efficacy")
    return m.start("n"), m.end("n"), m.group("n"), "|".join(refs_n)


# "median PFS was 14 months in 29 patients.": the population printed last, ending the
# sentence (a qualifier after it, "in 29 patients with pancreatic NET", makes a subgroup)
_TRAILING = re.compile(
    rf"(?i)\b(?:in|among|for)\s+(?:the\s+|all\s+)?(?P<n>{_CNT})(?![\w])\s+"
    r"(?:evaluable\s+|treated\s+)?patients?"
    r"(?:\s+(?:treated|evaluated|evaluable|included|analy[sz]ed))?\s*[.;]?\s*$"
)


def trailing_population(
    passage: str, refs: list[str], last: int
) -> tuple[int, int, str, str] | None:
    """(start, end, printed n, refs joined by '|') of the n a sentence prints after all its
    values (``last``: where the last value ends), when every value is a survival median of
    its statistic (PFS, OS: their n is the patients the median is estimated over)."""
    m = _TRAILING.search(passage)
    if m is None or m.start() < last or not refs:
        return None
    endpoints = {r.split(".", 1)[0] for r in refs}
    if not endpoints <= {"pfs_median", "os_median"} or any(r.endswith(".n") for r in refs):
        return None
    return m.start("n"), m.end("n"), m.group("n"), "|".join(sorted(f"{x}.n" for x in endpoints))


def _counts_in(ref: str, pop: str) -> bool:
    """An n of ``ref`` is a candidate denominator of population ``pop``: an endpoint's n of
    that population, or (efficacy) the patients enrolled, whom an intention-to-treat
    analysis counts."""
    return (
        POPULATION.get(ref.split(".", 1)[0]) == pop
        or (ref == "cohort_size.n_enrolled" and pop == "efficacy")
        or ref == f"cohort_size.n_{pop}"  # a size printed for a restricted population
    )


def ambiguous_sizes(sizes: list[tuple[str, str, str]], own_n: list[tuple[str, str, str]]):
    """The cohort sizes that cannot stand for a population's n: ``sizes`` are (cohort,
    population, printed n) of an n drafted for a population beside another statistic ("A
    total of 110 patients received PRRT": enrolled and safety; "response was available for
    102 patients": the response's n and efficacy); ``own_n`` are (cohort, ref, printed n) of
    the other n the cohort prints ("Among 107 patients with laboratory data, ...", the
    enrolled).  When a cohort prints an n of another size that could be that population's,
    the endpoints without their own n may be counted over either: (cohort, population,
    reason) for each such size."""
    out = []
    for cohort, pop, printed in sizes:
        size = count_value(printed)
        other = sorted(
            {
                (ref, text)
                for c, ref, text in own_n
                if c == cohort and _counts_in(ref, pop) and count_value(text) != size
            }
        )
        if other:
            said = ", ".join(f"{ref} = {text}" for ref, text in other)
            out.append(
                (
                    cohort,
                    pop,
                    f"cohort_size.n_{pop} not drafted from {printed!r}: the paper also prints "
                    f"{said}; which n the other {pop} endpoints are counted over is yours to say",
                )
            )
    return out


# "Of the 45 patients enrolled, 40 were evaluable for response", "45 patients were enrolled
# and 40 were evaluable": a subset the sentence itself names after the cohort's size, with the
# population it was evaluable for
_EVALUABLE_SUBSET = re.compile(
    r"(?i)(?:\s+(?:were\s+)?(?:enrolled|included|treated|registered|recruited))?"
    # "... enrolled and treated", "... and received at least one dose (safety population)":
    # the enrolled were all treated
    r"(?:\s+and\s+treated\b)?"
    r"(?:\s+and\s+(?:received|were\s+treated\s+with)\b[^;.()]{0,60}(?:\([^()]{0,30}\))?)?"
    # "49 received at least one cycle of 177Lu-DOTATATE and 44 ..."
    r"(?:\s+(?:at\s+least\s+one|one\s+or\s+more)\b[^;.(),]{0,50}?(?=\s+and\s))?"
    # "(median age 59 years)": a bracket of the enrolled's characteristics
    r"(?:\s*\([^()]{0,40}\))?"
    r"(?:\s*[,;]\s*(?:and\s+|of\s+(?:these|whom|them)\s*,?\s*)?|\s+and\s+)"
    rf"(?P<m>{_CNT})(?![\w])\s+(?:patients?\s+)?(?:(?:(?:were|was)\s+)?(?:evaluable|assessable)\b"
    r"(?:\s+for\s+(?:(?P<response>(?:objective\s+|tumou?r\s+)?response|efficacy)"
    r"|(?P<safety>safety|toxicit\w*|adverse\s+events?))\b(?![\w-]))?"
    # "42 had measurable disease", "44 had a response assessment": the population response
    # is assessed in
    r"|(?P<measurable>had\s+measurable\s+disease|had\s+(?:a\s+)?response\s+assessments?)\b)"
)


def evaluable_subset(passage: str, after: int, size: str) -> tuple[int, int, str, str] | None:
    """(start, end, printed m, population) of "M were evaluable [for X]" printed right after
    a cohort size ``size`` ending at ``after``, when M is a count smaller than it; the
    population is "efficacy" (for response or efficacy), "safety" (for safety or toxicity) or
    "" (not said: either)."""
    m = _EVALUABLE_SUBSET.match(passage, after)
    if m is None:
        return None
    subset, whole = count_value(m.group("m")), count_value(size)
    if subset is None or whole is None or not subset < whole:
        return None
    response = m.group("response") or m.group("measurable")
    pop = "efficacy" if response else "safety" if m.group("safety") else ""
    return m.start("m"), m.end("m"), m.group("m"), pop


def restricted_sizes(cohort: str, printed: str, pop: str) -> list[tuple[str, str, str]]:
    """(cohort, ref, printed) of a size printed for a restricted population ("24 were
    evaluable", "24 patients were assessable for toxicity"): a candidate n of ``pop``, or of
    both populations when the paper does not say which, for :func:`ambiguous_sizes`."""
    pops = [pop] if pop else ["efficacy", "safety"]
    return [(cohort, f"cohort_size.n_{p}", printed) for p in pops]


# "2 patients were not evaluable": the population it names is smaller than the cohort
_NOT_EVALUABLE = re.compile(
    rf"(?i)(?<![\w.,/-])(?P<m>{_CNT})(?![\w])\s+(?:patients?\s+)?(?:were|was)\s+not\s+"
    r"(?:evaluable|assessable|evaluated|assessed)\b"
    r"(?:\s+for\s+(?:(?P<response>(?:objective\s+|tumou?r\s+)?response|efficacy)"
    r"|(?P<safety>safety|toxicit\w*|adverse\s+events?))\b)?"
)


def not_evaluable(cohort: str, passage: str) -> list[tuple[str, str, str]]:
    """(cohort, ref, printed) for :func:`ambiguous_sizes` of each "N patients were not
    evaluable [for X]" of ``passage``: the cohort's size is not that population's n."""
    out = []
    for m in _NOT_EVALUABLE.finditer(passage):
        pop = "efficacy" if m.group("response") else "safety" if m.group("safety") else ""
        out += restricted_sizes(cohort, f"all but {m.group('m')}", pop)
    return out


# a sentence dividing the patients into groups: "PRRT (n = 30) or sunitinib (n = 30)",
# "30 received PRRT and 30 sunitinib", "(A, n = 129; B, n = 69)"; or a randomised allocation
# ("were randomized 2:1 to A or placebo", "randomly assigned"): its arms' values are never
# the whole paper's
_DIVIDES = re.compile(
    # "(n = 61), gemcitabine plus nab-paclitaxel (GnP; n = 60)": a short name may come first
    r"\(\s*(?:[^();]{1,20}[;,]\s*)?n\s*=\s*\d+\s*\)\s*(?:,|or|and|versus|vs\.?)\s+[^().;]{1,60}?"
    r"\(\s*(?:[^();]{1,20}[;,]\s*)?n\s*=\s*\d+\s*\)"
    r"|\bn\s*=\s*\d+\s*[;,]\s*[^().;]{1,60}?\bn\s*=\s*\d+"
    # "45 in the CAP-PRRT group and 42 in the PRRT-only group"
    # "48 patients were enrolled in the panNET cohort and 51 patients in the midgut cohort"
    rf"|(?<![\w.,/-]){_CNT}(?![\w])\s+(?:patients?\s+)?(?:were\s+(?:[a-z]+ed\s+)?)?in\s+the\s+"
    rf"[^,;.()]{{1,40}}?(?i:group|arm|cohort)\b[^.;]{{0,20}}?\band\s+{_CNT}(?![\w])\s+"
    r"(?:patients?\s+)?(?:were\s+(?:[a-z]+ed\s+)?)?in\s+the\s+"
    r"|(?i:\b(?:were|was|been)\s+randomi[sz]ed\b|\brandomly\s+(?:assigned|allocated)\b"
    r"|\brandomi[sz]ed\s+(?:\(?\d\s*:\s*\d\)?\s+)?(?:to|between)\b)"
    # "44 patients treated with lenvatinib and 88 with sorafenib", "Twenty-two patients received
    # A, and 20 more patients received B"
    rf"|(?<![\w.,/-]){_CNT}(?![\w])\s+(?:patients?\s+)?(?:received|(?:were\s+)?treated\s+with)\s"
    rf"(?:[^.;]|\.(?=\d)){{1,60}}?\b(?:and|while|whereas)\s+{_CNT}(?![\w])\s+"
    r"(?:(?:more|other|further|additional)\s+)?(?:patients?\s+)?"
    r"(?!(?:patients?\s+)?(?:had|were|was|showed|achieved|developed)\b)"
)


def divides_patients(passage: str) -> bool:
    """The sentence divides the patients into groups (arms, treatments) by their sizes; not
    a list of events with their counts ("lymphopenia (n = 19) and thrombocytopenia (n = 5)":
    a protocol term names the second)."""
    from .classify import find_terms

    return any(not find_terms(m.group(0)) for m in _DIVIDES.finditer(passage))


# A restricted population named with its count anywhere in a sentence ("52 had at least one
# on-treatment scan and were evaluable for response", "43 had at least one tumour assessment
# (efficacy population)", "patients evaluable for response, 42 / 38", "Forty-seven received
# at least one cycle (safety population)"): whether or not the drafter reads the sentence, a
# cohort's size may not stand for that population's n when it differs (ambiguous_sizes).
_POPULATION_MENTION = re.compile(
    # ("not evaluable" is not_evaluable's)
    r"(?i)(?<!\bnot\s)(?<!\bnon-)(?<!\bnon\s)(?<!\bun)"
    r"\b(?:(?P<either>evaluable|assessable|evaluated|assessed|analy[sz]able)"
    r"(?:\s+for\s+(?:(?P<for_efficacy>(?:objective\s+|tumou?r\s+)?response|efficacy|activity)"
    r"|(?P<for_safety>safety|toxicit\w*|adverse\s+events?|tolerability)))?"
    r"|(?P<efficacy>measurable|response[- ]evaluable|efficacy\s+(?:population|set|analysis)"
    r"|per[- ]protocol|restaging|on-treatment\s+scans?|tumou?r\s+assessments?"
    # "had a radiological evaluation of response", "In 63 patients with follow-up imaging"
    r"|(?:radiological|radiologic|follow-up|evaluable|post-?baseline)\s+imaging"
    r"|(?:evaluations?|assessments?)\s+of\s+(?:tumou?r\s+)?response"
    r"|response\s+(?:evaluations?|assessments?))"
    r"|(?P<safety>safety\s+(?:population|set|analysis)|started\s+(?:treatment|therapy)"
    r"|at\s+least\s+one\s+(?:dose|cycle|administration|infusion|injection)s?))\b"
)
# a count that is no population: a share, a duration, a dose, cycles or scans
_NOT_A_POPULATION = re.compile(
    r"(?i)\s*(?:%|percent|per\s*cent|months?|mo\b|weeks?|years?|days?|mg|g\b|GBq|mCi|MBq|"
    r"cycles?|doses?|courses?|scans?|lesions?|sites?|x\b|-fold|"
    # "4052 records were available for restaging": no patients
    r"records?|administrations?|examinations?|procedures?|samples?|specimens?|infusions?|"
    r"injections?|sessions?|treatments?|visits?|images?"
    # "treated at five centers", "in 25 countries"
    r"|(?:[\w-]+\s+)?(?:cent(?:re|er)s?|institutions?|hospitals?|countries)\b"
    # "Of 52 patients screened, 45 were enrolled and received at least one dose": the screened
    r"|(?:patients?\s+)?(?:screened|referred|approached|assessed\s+for\s+eligibility)"
    # "(61 women and 49 men)"
    r"|(?:wo)?men\b|(?:fe)?males?\b)"
)
# a number that labels what the word before it names is no count of patients: "Cycle 1
# radiation dose in measurable lesions", "arm 2", "grade 3", "day 8", "phase 2", "RECIST v1"
_LABEL_BEFORE = re.compile(
    r"(?i)\b(?:cycles?|courses?|arms?|groups?|cohorts?|grades?|days?|weeks?|months?|years?|"
    r"phases?|stages?|types?|parts?|steps?|levels?|lines?|visits?|doses?|versions?|v|"
    r"tables?|fig(?:ure)?s?\.?|sections?|zones?|no\.?|number|#)\s*$"
)
_MENTION_BEFORE, _MENTION_AFTER = 80, 40
_RESPONSE_WORDS = re.compile(
    r"(?i)\b(?:response|responses|efficacy|RECIST|tumou?r|objective|disease\s+control|"
    r"progression|survival|imaging)\b|\b(?:ORR|DCR|PFS|OS)\b"
)
_SAFETY_WORDS = re.compile(r"(?i)\b(?:safety|toxicit\w*|adverse|tolerability)\b")


def population_mentions(passage: str) -> list[tuple[int, int, str, str]]:
    """(start, end, printed count, population: "efficacy", "safety" or "" for either) of each
    whole count printed near a restricted population's words in ``passage`` (before them,
    back to a semicolon or the sentence's start; or after them, up to one)."""
    out: list[tuple[int, int, str, str]] = []
    for m in _POPULATION_MENTION.finditer(passage):
        pop = _said(m)
        lo = max(0, m.start() - _MENTION_BEFORE)
        lo = max(lo, passage.rfind(";", lo, m.start()) + 1)
        hi = min(len(passage), m.end() + _MENTION_AFTER)
        semi = passage.find(";", m.end(), hi)
        hi = semi if semi >= 0 else hi
        if not pop:  # "Response could be assessed in 28 patients": the clause says which
            said = {
                p
                for p, words in (("efficacy", _RESPONSE_WORDS), ("safety", _SAFETY_WORDS))
                if words.search(passage, lo, hi)
            }
            pop = said.pop() if len(said) == 1 else ""
        # the count before the words ("43 had ... (efficacy population)"), the nearest one
        # ("Of 724 patients included, 702 formed the safety population": not the 724), else
        # those after them ("patients evaluable for response, 42 / 38")
        found = _counts(passage, lo, m.start())[-1:] or _counts(passage, m.end(), hi)
        # and each count of the bracket right after the words, the population's own per group:
        # "formed the safety population (CAPTEM 71, temozolomide 72)"
        bracket = re.match(r"\s*\([^()]*\)", passage[m.end() :])
        if bracket and found and found[0][0] < m.start():
            found += _counts(passage, m.end(), m.end() + bracket.end())
        out += [(a, b, n, pop) for a, b, n in found]
    return out


def named_population(passage: str, start: int) -> str:
    """The population a count at ``start`` of ``passage`` is printed as, in so many words
    ("52 ... were evaluable for response", "Forty-seven received at least one cycle (safety
    population)", "27 had measurable disease"): "efficacy", "safety" or "" (not said)."""
    end = passage.find(";", start)
    clause = passage[start : end if end >= 0 else len(passage)]
    pops = {_said(m) for m in _POPULATION_MENTION.finditer(clause) if m.start() < _MENTION_BEFORE}
    pops.discard("")
    return pops.pop() if len(pops) == 1 else ""


def _said(m: re.Match[str]) -> str:
    """The population a :data:`_POPULATION_MENTION` match names: "efficacy", "safety", or ""
    (evaluable, for what it does not say)."""
    if m.group("efficacy") or m.group("for_efficacy"):
        return "efficacy"
    if m.group("safety") or m.group("for_safety"):
        return "safety"
    return ""


def _counts(passage: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out = []
    # not a bound of a range ("(range 1-9) were evaluable": no count of 1)
    count = rf"(?<![\w.,/-])(?<![-\u2013]\s)(?P<n>{_CNT})(?![\w%])(?![.,]\d)(?!\s*[-\u2013]\s*\d)"
    for c in re.finditer(count, passage[lo:hi]):
        before = passage[max(0, lo + c.start() - 12) : lo + c.start()]
        if re.search(r"(?i)\bat\s+(?:least|most)\s+$", before):
            continue  # "at least one dose"
        if re.search(r"(?i)\b(?:table|fig(?:ure)?\.?)\s*$", before):
            continue  # "Table 3 Radiological tumour response evaluation": a caption's number
        if re.fullmatch(r"(?:19|20)\d\d", c.group("n")) and re.search(
            r"(?i)\b(?:between|from|since|in|to|and|until|through)\s+$", before
        ):
            continue  # "treated between 2011 and 2020": years
        if _NOT_A_POPULATION.match(passage, lo + c.end("n")) or _LABEL_BEFORE.search(before):
            continue
        if before.endswith("(") and passage[lo + c.end("n") : lo + c.end("n") + 1] == ")":
            continue  # "(6)": a reference
        if count_value(c.group("n")) is not None:
            out.append((lo + c.start("n"), lo + c.end("n"), c.group("n")))
    return out
