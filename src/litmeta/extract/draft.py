"""Draft an extraction spec for a paper nobody has written one for (``litmeta draft-spec``).

The draft proposes cohorts and one anchor per passage that prints a protocol statistic,
each anchor copied from the paper with the values replaced by typed placeholders and checked
to match exactly once and to give back the very text it replaced.  Whatever is ambiguous (two
terms in one clause, a value printed twice differently, a sentence naming no cohort in a
paper with several) is left out with a comment: a wrong value in a draft costs a reviewer
more than a missing one.  The finished draft is loaded and extracted like any spec; an entry
the checks reject is dropped with its reason, so the draft always runs as written.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..protocol import POPULATION
from ..textindex import TextIndex, index_of
from .anchor import AnchorError, default_type, match_once
from .classify import GRADE, INHERITED, Guess, classify, find_terms
from .draft_arm_order import in_arm_order, not_reached_in_both, orders_agree
from .draft_breakdown import for_a_part, without_breakdown
from .draft_feasible import misfit
from .draft_groups import whole_and_parts
from .draft_headings import heading_scopes
from .draft_items import Item
from .draft_nil import (
    NIL_AFTER,
    NIL_RESPONSE,
    NIL_TOX,
    classify_nil_after,
    classify_nil_response,
    classify_nil_toxicity,
)
from .draft_population import (
    ambiguous_sizes,
    continued_population,
    count_value,
    divides_patients,
    evaluable_subset,
    named_population,
    not_evaluable,
    population_mentions,
    restricted_sizes,
    trailing_population,
)
from .draft_respectively import terms_by_cohort, units
from .draft_tables import (
    cohort_row_items,
    low_grade_tables,
    safety_sizes,
    stacked_tox_items,
    table_groups,
    table_items,
)
from .numbers import PATTERNS, WORDS
from .numbers import parse as parse_value

_NUM = PATTERNS["num"]
_CNT = PATTERNS["count"]
_B = r"(?<![\w.,/-])"  # a number starts a token
# a run-in heading before a sentence: "Results: ", "Background & methods: "
_HEAD = r"(?:[A-Z][a-z]+(?:\s*(?:&|and)\s*[a-z]+)?:\s*)?"
_E = r"(?![\w])"

# forms a value is printed in; the group names say what each number is
FORMS = (
    re.compile(
        rf"(?:{_B}|\b(?=not))(?P<median>{_NUM}|NR|not\s+(?:yet\s+)?(?:been\s+)?reached)"
        r"\s*(?:months?|mos?)?\.?\s*[(\[,;]\s*95\s*%\s*"
        # "(95% confidence interval [CI]: 17.5-34.5)": the abbreviation given in brackets
        rf"(?:CI|confidence interval(?:\s*[(\[]CI[)\]])?)\s*[:,=]?\s*"
        rf"(?P<ci_low>{_NUM}|NE|NR|NA)\s*(?:months?\s*)?"
        rf"(?:-|to)\s*(?P<ci_high>{_NUM}|NE|NR|NA|not reached|(?i:not estimable)){_E}"
    ),
    # a confidence level and the bounds after it that the form above did not read with a
    # median ("16% (6/37; 95% CI 6-32)", "not reached (95% CI, 20.3 months-NR)"): no value of
    # any statistic here (a rate's CI is not drafted), so nothing is read from it
    re.compile(
        rf"{_B}\d{{2}}(?:\.\d+)?\s*%\s*(?:CI|confidence interval)\b(?:\s*[(\[]CI[)\]])?"
        rf"(?:\s*[:,=]?\s*(?:{_NUM}|NE|NR|NA)\s*(?:months?|mos?|%)?\s*(?:-|to)\s*"
        rf"(?:{_NUM}|NE|NR|NA|not reached|(?i:not estimable)){_E}\s*%?)?"
    ),
    # a median with a range instead of a CI: the range stays a range (Amendment 2)
    re.compile(
        rf"{_B}(?P<median>{_NUM})\s*(?:months?|mos?)?\.?\s*[(\[]\s*range\s*[:,]?\s*"
        rf"(?P<range_low>{_NUM})\s*(?:-|to)\s*(?P<range_high>{_NUM})\s*(?:months?|mos?)?\s*[)\]]"
    ),
    re.compile(
        rf"{_B}(?P<median>{_NUM})\s*(?:months?|mos?){_E}"
        r"|(?P<median_nr>\bnot\s+(?:yet\s+)?(?:been\s+)?reached\b)"
    ),
    # "29 and 47 months", "23.0, 12.5 and 9.1 months", "12.0 vs 24.0 months": each number of a
    # list of months
    re.compile(
        rf"{_B}(?P<median>{_NUM}){_E}(?=(?:\s*,\s*{_NUM})*\s*,?\s*(?:and|or|vs\.?|versus)\s+{_NUM}\s*"
        r"(?:months?|mos?)\b)"
    ),
    re.compile(rf"{_B}(?P<pct>{_NUM})\s*%\s*\(\s*n\s*=\s*(?P<count>\d+)\s*\)"),
    re.compile(rf"\(\s*n\s*=\s*(?P<count>\d+)\s*[,;]\s*(?P<pct>{_NUM})\s*%\s*\)"),
    # "45 (21.7%) of 207 patients", "five (4.9%) of 102": a count with its percentage, of its n
    re.compile(rf"{_B}(?P<count>{_CNT}){_E}\s*\(\s*(?P<pct>{_NUM})\s*%\s*\)\s+of\s+(?P<n>\d+){_E}"),
    # "17 of 98 (17%)": a count of its n, with the percentage
    re.compile(
        rf"{_B}(?P<count>\d+)\s+of\s+(?P<n>\d+){_E}"
        rf"\s*(?:patients?\s*)?\(\s*(?P<pct>{_NUM})\s*%\s*\)"
    ),
    re.compile(
        rf"{_B}(?P<count>{_CNT}){_E}\s*(?:patients?|pts\.?|cases?)?\s*\(\s*(?P<pct>{_NUM})\s*%\s*\)"
    ),
    # "3 of 10 patients had PR", "Four out of 10 patients showed SD": a count of its n, never
    # the n as the count
    # (not "about seven of ten patients": a proportion put in round words)
    re.compile(
        r"(?<!\babout\s)(?<!\bnearly\s)(?<!\balmost\s)(?<!\baround\s)(?<!\broughly\s)"
        r"(?<!\bapproximately\s)"
        rf"{_B}(?P<count>{_CNT}){_E}\s+(?:out\s+)?of\s+(?:the\s+)?(?P<n>{_CNT}){_E}"
        r"(?=\s+(?:[\w-]+\s+)?(?:patients?|pts|cases?|subjects)\b)"
    ),
    # "(7 [16%])", "4 [10%] vs 0": the count with its percentage in square brackets
    re.compile(rf"{_B}(?P<count>{_CNT}){_E}\s*\[\s*(?P<pct>{_NUM})\s*%\s*\]"),
    re.compile(rf"{_B}(?P<count>\d+)\s*/\s*(?P<n>\d+){_E}"),
    re.compile(rf"{_B}(?P<pct>{_NUM})\s*(?:%|(?i:per\s?cent)\b)"),
    re.compile(
        rf"{_B}(?P<count>{_CNT}){_E}(?=\s+(?:patients?|pts|cases?|subjects|had|showed|"
        r"achieved|acute\s+myeloid|myelodysplastic|AML|MDS)\b)"
    ),
    re.compile(rf"(?i:\bin\s+)(?P<count>{_CNT}){_E}(?!\s*[%/]|\.\d|\s*\(?\s*(?:months?|years?))"),
    re.compile(NIL_TOX.pattern.replace("(?P<nil>", "(?P<nil_tox>")),
    NIL_RESPONSE,
    NIL_AFTER,
    re.compile(
        r"(?P<nil>\b[Nn]o\b)(?=\s+(?:(?:cases?|patients?|occurrences?|development|diagnos[ie]s|"
        r"events?|instances?)\s+(?:of\s+|developed\s+|had\s+|with\s+)?)?"
        r"(?:(?:therapy|treatment)-related\s+)?(?i:myelodysplastic|MDS|AML|acute myeloid|leuk))"
    ),
)
_TYPE = {
    "median": "median",
    "ci_low": "bound",
    "ci_high": "bound",
    "range_low": "num",
    "range_high": "num",
    "pct": "num",
    "count": "count",
    "n": "count",
    "nil": "nil",
    "nil_tox": "nil",
    "nil_resp": "nil",
    "nil_after": "nil",
}

COHORT_SIZE = re.compile(
    rf"(?i:^(?:[a-z]+:\s*)?(?:a total of|in total,?|of the|overall,?)\s+"
    r"|\b(?:a total of|in total)\s+"
    # "This study included 150 patients", "Our cohort consisted of 150 patients"
    # (not "One cohort included 55 patients ..., and the other included 56")
    r"|(?<!\bone\s)(?<!\beach\s)(?<!\bother\s)(?<!\banother\s)(?<!\bfirst\s)(?<!\bsecond\s)"
    r"\b(?:study|analysis|cohort|population|series)\s+(?:included|comprised|consisted\s+of)"
    r"\s+(?:a\s+total\s+of\s+|all\s+)?)"
    rf"(?P<count>{_CNT}){_E}\s+(?:consecutive\s+|eligible\s+)?patients?\b"
    # "Of the 31 patients who discontinued treatment, 18 ...": a subset by what they did,
    # no cohort (who were enrolled, treated or received it are)
    r"(?!\s+(?:who|that)\s+(?!(?:were\s+|was\s+|had\s+been\s+)?(?:[a-z]+ly\s+)?(?:enrolled|"
    r"included|treated|registered|recruited|received|underwent)\b))"
    # "A total of 261 patients were screened": no cohort
    r"(?!\s+(?:were|was)\s+(?:[a-z]+ly\s+)?(?:screened|referred|excluded|approached|"
    r"assessed\s+for\s+eligibility|considered|ineligible)\b)"
    rf"|{_B}(?P<count2>{_CNT}){_E}\s+(?:consecutive\s+|eligible\s+|[A-Z][\w-]*[A-Z]\s+)?"
    # "Thirty patients (median age 51 years) were included": a bracket of no values between;
    # "Twenty-one patients, with a median age of 64 years (range 28-78), were included": an
    # aside between commas
    r"(?:patients?|pts)\s*(?:\([^()]{0,80}\)\s+|,\s+(?:with|aged)\b[^;]{0,80}?,\s+)?"
    r"(?:[\w-]+\s+){0,8}?(?:were|was|could be)\s+"
    r"(?:[a-z]+ly\s+)?"
    r"(?:included|enrolled|registered|recruited|treated|re-?treated|identified|analy[sz]ed|"
    r"studied|evaluable|evaluated|assessable)"
    # "61 patients with ... who had responded to PRRT received two further cycles"
    # "29 patients (16 males) with a median age of 59 (range 26-76) received CapTem",
    # "Thirty-two pts received", "44 patients underwent PRRT" (a treatment: "12 patients
    # underwent resection" are a part)
    rf"|{_B}(?P<count3>{_CNT}){_E}\s+(?:consecutive\s+)?(?:patients|pts)\s+"
    r"(?:\([^()]{0,40}\)\s+)?"
    r"(?:(?:with|who)\s+(?:[\w+-]+,?\s+|\([^()]{0,40}\),?\s+){0,12}?)?"
    r"(?:received\b|underwent\s+(?:[\w-]+\s+){0,3}?(?:PRRT|PRRNT|RLT|treatment|therapy|"
    r"chemotherapy|\[?177\]?Lu|Lu-?177|lutetium|radionuclide|radioligand)\b)"
    # "Patients with SSTR+ NET treated with 177Lu-DOTATATE (n = 48) were reviewed"
    rf"|^{_HEAD}(?:All\s+)?(?:[Pp]atients|[Pp]ts)\s+(?:with|treated|who)\b"
    r"[^.;:()]{0,120}?\(\s*n\s*=\s*(?P<count7>\d+)\s*\)\s+(?:were|was)\s+(?:[a-z]+ly\s+)?"
    r"(?:included|enrolled|reviewed|analy[sz]ed|studied|evaluated|identified)\b"
    r"(?![^.;]*\b(?:subgroup|subset|sub-?study|also|additionally)\b)"
    # "Pts with SSTR+ lung carcinoid and progression received 177Lu-DOTATATE (n=36).": the
    # sentence ends with the size of the patients it describes
    rf"|^{_HEAD}(?:All\s+)?(?:[Pp]atients|[Pp]ts)\s+(?:with|who)\b[^.;:()]{{0,160}}?"
    r"\breceived\s+[^.;:()]{1,60}?\(\s*n\s*=\s*(?P<count9>\d+)\s*\)\s*\.?\s*$"
    # "We identified 118 patients", "we retrospectively analysed all 64 consecutive patients"
    r"|(?i:\b(?:we|study|trial|registry)\s+(?:[a-z]+ly\s+)?(?:identified|included|enrolled|"
    r"analy[sz]ed|reviewed|"
    r"studied|treated)\s+(?:a\s+total\s+of\s+|all\s+)?)"
    rf"(?P<count4>{_CNT}){_E}\s+(?:consecutive\s+|eligible\s+)?patients?\b"
    # "We reviewed the outcome of 177Lu-DOTATATE in 89 patients with ...": the study's own
    r"|(?i:\bwe\s+(?:[a-z]+ly\s+)?(?:reviewed|analy[sz]ed|report(?:ed)?|evaluated|assessed)\s+"
    r"(?:the\s+)?(?:outcomes?|results?|efficacy|safety|experience)\b[^.;:()]{0,80}?\bin\s+)"
    rf"(?P<count8>{_CNT}){_E}\s+(?:consecutive\s+)?patients?\b"
    # "Thirty-six of 40 enrolled patients completed ...", "the 52 included patients"
    rf"|{_B}(?P<count5>{_CNT}){_E}\s+(?:enrolled|included|registered)\s+patients\b"
    # "Of 52 patients screened, 45 were enrolled": the screened are no cohort, the enrolled are
    rf"|(?i:\bof\s+){_CNT}{_E}\s+(?:patients?\s+)?(?i:screened|referred|assessed(?:\s+for\s+"
    rf"eligibility)?)\s*,\s*(?P<count6>{_CNT}){_E}\s+(?:patients?\s+)?(?:were|was)\s+"
    r"(?:enrolled|included|registered|randomi[sz]ed|treated)\b"
    # "Of 58 patients referred, 49 received at least one cycle": the treated are the cohort
    rf"|(?i:\bof\s+){_CNT}{_E}\s+(?:patients?\s+)?(?i:screened|referred|assessed(?:\s+for\s+"
    rf"eligibility)?)\s*,\s*(?P<count10>{_CNT}){_E}\s+(?:patients?\s+)?received\b"
    # "Results: 35 pts enrolled (median age 59 y)": opening a sentence, the verb alone (or
    # abbreviated, "94 pts incl."); "Results: 57 pts (M/F 31/26; med. age 58 y).": the
    # patients and their characteristics are the whole sentence
    rf"|^{_HEAD}(?P<count11>{_CNT}){_E}\s+(?:patients|pts)"
    r"(?:\s+(?:enrolled|included)\b|\s+incl\.|(?=\s*\([^()]*\)\s*\.?\s*$))"
    # "Methods: Multicentre retrospective study of 69 patients with G3 NET ...": the study's
    # own patients, in a sentence opening with the study (no other words before it)
    rf"|^{_HEAD}"
    r"(?:(?!(?i:previous|prior|earlier|another|other|recent|pivotal|published|large)\b)"
    r"[A-Za-z-]+,?\s+){0,4}?"
    r"(?i:study|analysis|review|series)\s+(?:of|in)\s+(?:all\s+)?"
    rf"(?P<count13>{_CNT}){_E}\s+(?:consecutive\s+|eligible\s+)?(?:patients|pts)\b"
    # "Of 56 patients treated, 51 were ...": opening a sentence, the whole before its part
    rf"|^{_HEAD}(?i:of\s+)(?P<count12>{_CNT}){_E}\s+(?:consecutive\s+)?"
    r"(?:patients|pts)\s+(?:treated|enrolled|included|registered|recruited|re-?treated)(?=\s*,)"
    # "Sunitinib was administered in 62 patients with pNETs", "CAPTEM was used in 65
    # patients": the study's treatment opening a sentence, given to the cohort (not a
    # concomitant or earlier one)
    rf"|^{_HEAD}(?!(?i:concomitant|concurrent|prior|previous|additional|adjuvant|"
    r"salvage|subsequent|rescue)\b)[^.;:,()]{1,60}?\b(?:was|were)\s+(?:administered|given|used)"
    rf"\s+(?:in|to)\s+(?:a\s+total\s+of\s+)?(?P<count14>{_CNT}){_E}\s+(?:consecutive\s+)?"
    r"(?:patients?|pts)\b"
)
#: the groups of COHORT_SIZE, one of which holds the size
SIZE_GROUPS = ("count", *(f"count{i}" for i in range(2, 15)))
# a count printed with its share of others is a part, never the cohort's size: "Five
# patients (8%) were treated with systemic steroids", "A total of 16 patients (18%) had
# immune-related AEs", "Twenty-nine patients (69%) received FOLFOX"; nor is a count "in each
# cohort" ("Thirty-five patients were enrolled in each cohort")
_PART_SIZE = re.compile(
    r"\s*(?:patients?\s+|pts\s+)?[(\[]\s*\d+(?:\.\d+)?\s*%"
    r"|[^.;]{0,40}?\b(?:in|per)\s+each\s+(?:cohort|arm|group)\b"
)


def size_matches(passage: str) -> list[re.Match[str]]:
    """The :data:`COHORT_SIZE` matches of ``passage`` that print a size (not a part's)."""
    out = []
    for m in COHORT_SIZE.finditer(passage):
        g = size_group(m)
        if _PART_SIZE.match(passage, m.end(g)):
            continue
        out.append(m)
    return out


# the words of a size phrase that make it a restricted population, not the cohort's size
_RESTRICTED_SIZE = re.compile(
    r"(?i)\b(?:evaluable|evaluated|assessable|could\s+be\s+(?:analy[sz]ed|assessed))\b"
)
# a size's clause naming the analysis population it is: "... formed the safety population"
# (no other count between: "Of 724 patients included, 702 formed the safety population" makes
# 702 the safety n, not 724)
_NAMED_SET = re.compile(
    rf"(?i)(?:(?!{_B}{_CNT}{_E}(?!\s+(?:cycles?|doses?|courses?|administrations?|infusions?|"
    r"months?|weeks?|years?|days?)\b))[^.;]){0,80}?"
    r"\b(?:formed|constituted|comprised|made\s+up)\s+the\s+"
    r"(?P<pop>safety|efficacy)\s+(?:population|set|analysis\s+set)\b"
)


def _named_set(passage: str, at: int) -> str:
    """ "safety" or "efficacy" when the words after ``at`` say that a size ending there
    formed that analysis set (:data:`_NAMED_SET`), else ""."""
    m = _NAMED_SET.match(passage, at)
    return m.group("pop").lower() if m else ""


_FOR_SAFETY = re.compile(r"(?i)\b(?:safety|toxicit\w*|adverse\s+events?|tolerability)\b")


def restricted_ref(passage: str, at: int = 0) -> str:
    """The population a size printed as evaluated (at ``at``) stands for: safety when its
    clause says so, else efficacy (who could be assessed for response): "Toxicity was
    evaluable in 28 of 31 patients, and 22 patients were evaluable by RECIST 1.1" makes 22
    the efficacy n."""
    start = max(passage.rfind(",", 0, at), passage.rfind(";", 0, at)) + 1
    # "all 36 were assessed for toxicity and 33 patients were evaluable for response"
    joined = passage.rfind(" and ", start, at)
    start = joined + 5 if joined >= 0 else start
    ends = [i for i in (passage.find(",", at), passage.find(";", at)) if i >= 0]
    clause = passage[start : min(ends)] if ends else passage[start:]
    return "cohort_size.n_safety" if _FOR_SAFETY.search(clause) else "cohort_size.n_efficacy"


def size_group(m: re.Match[str]) -> str:
    """The group of a COHORT_SIZE match that holds the size."""
    return next(g for g in SIZE_GROUPS if m.group(g))


# the population a sentence's values are counted in, printed before them: "Of 13 patients,",
# "Among the 102 patients evaluated,", "for the patients treated ... (n = 17) was"
POPULATION_N = (
    re.compile(
        rf"^\s*(?i:of|among|in)\s+(?:the\s+|these\s+|all\s+)?(?P<n>{_CNT}){_E}\s+"
        r"(?:[\w-]+\s+){0,2}?patients?\b(?:[^,;.]|\.(?=\d)){0,60}?,"
    ),
    # "the median OS in the full analysis set (n = 110) was 41.4 months"
    re.compile(
        r"(?i:patients?|pts\.?|(?:analysis\s+)?set|population)\b[^,;.()%]{0,40}?"
        r"\(\s*n\s*=\s*(?P<n>\d+)\s*\)"
    ),
)
# "patients with available laboratory data", "with complete follow-up data", "with at least
# one follow-up scan": who could be assessed, not a subgroup of the cohort
_DATA_AVAILABLE = re.compile(
    r"(?i)\bwith\s+(?:available|complete|evaluable)\s+(?:[\w-]+\s+){0,3}?data\b"
    r"|\bwith\s+data\s+available\b"
    r"|\bwith\s+(?:at\s+least\s+one|an?|any)\s+(?:follow-up|restaging|post-?treatment|response)"
    r"\s+(?:scans?|imaging|assessments?|evaluations?|CT|MRI)\b"
    # "In 62 patients with available RECIST v1.1 tumour response, the median PFS was ...":
    # the patients whose response could be assessed, the efficacy population
    # "Among 98 patients with RECIST-measurable disease, 31 (31.6%) had an objective response"
    r"|\bwith\s+(?:(?:RECIST|mRECIST)[- ])?(?:measurable|evaluable|assessable)\s+disease\b"
    r"|\bwith\s+(?:an?\s+)?(?:available|assessable|evaluable)\s+(?:(?:RECIST|mRECIST|SWOG)"
    r"(?:\s+v?\d(?:\.\d)?)?\s+)?(?:tumou?r\s+|objective\s+)?responses?\b"
)
_TREATED = re.compile(r"(?i)\b(?:received|were\s+treated|underwent)\b")
_RESTRICTS = re.compile(r"(?i)\b(?:with|without|who|whose|having|had|showing|achieving)\b")
COHORT_LABEL = re.compile(r"\b(?:[A-Z]{1,3}-PRRT|PRRT-\d)\b")
SALVAGE_WORDS = re.compile(
    r"(?i)\b(?:re-?treat(?:ment|ed)?|salvage|re-?challenge|re-?PRRT|re-?induction)\b"
)
_HEADINGS = {
    "abstract": "abstract",
    "summary": "abstract",
    "background": "intro",
    "introduction": "intro",
    "methods": "methods",
    "materials and methods": "methods",
    "patients and methods": "methods",
    "results": "results",
    "discussion": "discussion",
    "conclusion": "conclusion",
    "conclusions": "conclusion",
    "references": "references",
    "declarations": "end",
    "funding": "end",
    "acknowledgments": "end",
    "acknowledgements": "end",
}
_INLINE = re.compile(
    r"^\s*(Background|Introduction|Aims?|Methods|Design|Patients|Results|"
    r"Conclusions?|Findings|Interpretation)\s*:"
)
# "48.0 vs. 36.3" goes on; "... DCR 85%. mPFS 19.8 mo" ends at the full stop; so do the
# abbreviations of telegraphic abstracts ("med. Ki-67 9%", "Best resp. (n=55 evaluable)",
# "incl. neutropenia")
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\bvs\.)(?<!\bmed\.)(?<!\bresp\.)(?<!\bincl\.)(?<!\bapprox\.)"
    r"(?<!\be\.g\.)(?<!\bi\.e\.)\s+(?=[A-Z0-9\[(]|m(?:PFS|OS)\b)"
)
_SUBGROUP = re.compile(
    r"(?i)\b(?:in|among|for) (?:the )?(?:\d+ )?(?:patients|those|subgroups?) (?:with|who|receiving|"
    r"having|in)\b|^\s*of (?:the )?\d+ patients (?:with|who|receiving|having)\b|"
    r"\bsubgroup|\bet al\b|\btrial\b|\bNETTER\b|\bversus\b|\bvs\.?\b|"
    r"\b(?:previous|prior|earlier|another|other)\s+(?:series|stud(?:y|ies)|reports?)\b|"
    # "A sensitivity analysis ... found median PFS remaining consistent: 30.8 months"
    r"\bsensitivity\s+analys[ie]s\b|"
    # a biomarker's subgroup: "48% PR in the MGMT hypermethylated"
    r"\b(?:un|hyper|hypo)?methylated\b|\bMGMT\b|\b(?:KRAS|BRAF|ATRX|DAXX|MEN1)\b|"
    # "the X protocol provided the highest response rate (38.1%)": one group against others
    # rates per cycle or administration, not per patient: "in 23 patients (11.3%) and 29
    # administrations (4.6%), with leukopenia in 2.7%"
    r"\bper\s+(?:cycle|administration|course|infusion|application)\b|"
    r"\b\d+\s+(?:administrations|cycles|courses|infusions|applications)\s*\(\s*[\d.]+\s*%|"
    r"\bof\s+(?:all\s+)?(?:the\s+)?(?:administrations|cycles|courses|infusions)\b|"
    # (not a grade's "or higher", "or worse")
    r"(?<!\bor\s)(?<!\band\s)\b(?:highest|lowest|longest|shortest|higher|lower|longer|shorter|"
    r"worse|worst|better)\b|"
    r"\bhazard ratio\b|\bcontrol (?:arm|group)\b|\bat \d+ (?:months|years)\b|\brate at\b|"
    r"\bmean\b|\b\d+-(?:year|month)\b|(?<!\d\s)\bpatients who (?:had|showed|achieved|responded)\b|"
    r"\breasons?\b|\bdiscontinu\w*|\bleading to\b"
    # "..., and of these 40% had SD": a part of what the sentence counted before
    r"|(?:[,;]\s*|\band\s+)(?:of|among|in)\s+(?:these|them|those)\b"
)
_PREFER = {"results": 0, "table": 1, "abstract": 2}


@dataclass
class Entry:
    cohort: str
    section: str
    anchor: str
    items: list[Item]
    line: int
    evidence: str
    role: str = "primary"
    cohort_why: str = ""  # why the cohort, when no name in the sentence says it
    implied: list[str] = field(default_factory=list)  # implied_zero statistics

    @property
    def values(self) -> dict[str, str]:
        """Printed text by statistic (an n shared by several endpoints under each)."""
        return {ref: i.text for i in self.items for ref in i.ref.split("|")}


@dataclass
class Draft:
    paper_id: str
    cohorts: list[dict]
    entries: list[Entry] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    # every anchored entry before conflicts were resolved: when the checks reject a
    # primary entry, an alternative printing the same values takes its place
    candidates: list[Entry] = field(default_factory=list)
    # sentences that name a protocol statistic and print a number: what a reviewer should
    # read when the draft has no values
    passages: list[str] = field(default_factory=list)
    # (cohort, ref, printed) of sizes the draft does not take but that make another one
    # ambiguous: "24 were evaluable" after "Of the 25 patients enrolled"
    other_sizes: list[tuple[str, str, str]] = field(default_factory=list)
    # (cohort, ref, printed) of restricted populations printed in sentences the draft did not
    # read for sizes (population_mentions): each makes a larger size ambiguous
    subsets: list[tuple[str, str, str]] = field(default_factory=list)
    # the single cohort's size when the paper prints one and no other: "Among 52 patients
    # with progressive NET, ..." then qualifies the whole cohort, not a subgroup
    whole_n: float | None = None
    # counts of patients printed in a sentence with a survival median ("in 110 patients ...,
    # median PFS was 22.5 months"): the population the paper estimates its medians over
    median_populations: set[float] = field(default_factory=set)


# ---------------------------------------------------------------- sections and cohorts


def line_sections(text: str) -> list[str]:
    """Section of each line: results, abstract, table, or another (skipped) section."""
    lines = text.split("\n")
    has_results = any(
        _HEADINGS.get(re.sub(r"^[#\s\d.]*|[*:\s]*$", "", ln).lower()) == "results" for ln in lines
    )
    current = "abstract" if not has_results else "front"
    out = []
    for ln in lines:
        key = re.sub(r"^[#\s\d.]*|[*:\s]*$", "", ln).lower()
        if key in _HEADINGS:
            current = _HEADINGS[key]
        elif has_results:
            m = _INLINE.match(ln)
            if m:
                current = "abstract" if m.group(1).lower() in ("results", "findings") else "front"
        if current in ("references", "end"):
            out.append(current)
        elif "\t" in ln:
            out.append("table")
        else:
            out.append(current)
    return out


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]", "", label.lower())


def propose_cohorts(paper_id: str, index: TextIndex, sections: list[str]) -> list[dict]:
    """One cohort per course label printed at least three times (``PRRT-1``, ``R-PRRT``),
    else one cohort for the paper; setting from the label or the salvage wording."""
    view = index.view
    counts: dict[str, list[int]] = {}
    for m in COHORT_LABEL.finditer(view):
        counts.setdefault(m.group(0), []).append(index.view_line(m.start()))
    labels = sorted((lab for lab, lines in counts.items() if len(lines) >= 3), key=view.find)
    if len(labels) >= 2:
        cohorts = []
        for lab in labels:
            salvage = bool(re.match(r"R", lab)) or bool(re.search(r"-[2-9]$", lab))
            why = (
                f"label {lab!r} printed {len(counts[lab])} times (first line "
                f"{counts[lab][0]}); "
                + ("a re-treatment label" if salvage else "an initial course label")
            )
            cohorts.append(
                {
                    "id": f"{paper_id}_{_slug(lab)}",
                    "label": lab,
                    "setting": "salvage" if salvage else "initial",
                    "why": why,
                }
            )
        for group in table_groups(index.text.split("\n"), sections, cohorts, _named):
            salvage = bool(SALVAGE_WORDS.search(group["label"]))
            cohorts.append(
                {
                    "id": f"{paper_id}_{_slug(group['label'])}",
                    "setting": "salvage" if salvage else "initial",
                    **group,
                }
            )
        return cohorts
    arms = arm_cohorts(paper_id, index, sections) or per_arm_cohorts(paper_id, index, sections)
    if arms:
        return arms
    front = [i for i, s in enumerate(sections) if s in ("front", "abstract")][:60]
    hits = [
        (i + 1, m.group(0))
        for i in front
        for m in SALVAGE_WORDS.finditer(index.text.split("\n")[i])
    ]
    if hits:
        why = f"salvage wording in the title/abstract: {hits[0][1]!r} (line {hits[0][0]})"
        setting = "salvage"
    else:
        why = "no re-treatment or salvage wording in the title/abstract"
        setting = "initial"
    return [{"id": paper_id, "label": "", "setting": setting, "why": why}]


# arms or groups printed with their sizes: "assigned to 177Lu-DOTATATE (n = 116) or
# high-dose octreotide LAR (n = 113)", "group A (n = 42) ... group B (n = 38)"
# "(n = 40)", "(combination arm, n = 40)": the name in brackets is another name of the arm
_ARM_N = re.compile(
    r"\(\s*(?:(?P<alias>[A-Za-z][\w-]*(?:\s+[\w-]+){0,2}?)\s+(?:arm|group|cohort)\s*,\s*)?"
    r"(?:n\s*=\s*(?P<n>\d+)|(?P<np>\d+)\s+patients)\s*\)"
)
_ASSIGNED = re.compile(r"(?i)\b(?:assigned|randomi[sz]ed|allocated)\b")
# "octreotide LAR alone (113 patients) administered ... every 4 weeks (control group)": the
# arm's name in brackets after its size and description, before the next arm
_ARM_NAMED_LATER = re.compile(r"\((?P<alias>[A-Za-z][\w-]*(?:\s+[\w-]+)?)\s+(?:arm|group)\)")
# "(first-line, n = 45) ... (later-line, n = 61)": a group's name and size in one bracket,
# two or more such brackets in a sentence (the name is the group's: "the first-line group")
_NAME_N = re.compile(
    r"\(\s*(?P<name>[A-Za-z][\w-]*[A-Za-z0-9](?:\s+[\w-]+)?)\s*,\s*n\s*=\s*(?P<n>\d+)\s*\)"
)
# "60 patients received 177Lu-DOTATATE and 45 received 90Y-DOTATOC"
_ARM_RECEIVED = re.compile(
    rf"{_B}(?P<n>{_CNT}){_E}\s+(?:patients?\s+)?(?:received|were\s+treated\s+with)\s+"
    r"(?P<label>(?=[\w-]*[A-Za-z])[\w-]*\d[\w-]*|[A-Z][\w-]+)"
)
# "104 to 177Lu-edotreotide and 103 to everolimus", "40 patients were randomised to the
# lanreotide arm": an arm's size, then its name (at most four words) up to punctuation or "and"
_ARM_TO = re.compile(
    rf"{_B}(?P<n>{_CNT}){_E}\s+(?:patients?\s+)?(?:(?:were|was)\s+)?"
    r"(?:randomi[sz]ed\s+|assigned\s+|allocated\s+)?to\s+(?:the\s+)?"
    r"(?P<label>(?=[\w+-]*[A-Za-z])[\w+-]+(?:\s+(?!(?:and|or|versus|vs|arms?|groups?)\b)[\w+-]+)"
    r"{0,3}?)"
    r"(?:\s+(?:arm|group))?(?=\s*(?:[,;.()]|\band\b|\bor\b|$))"
)
_LABEL_STOP = re.compile(
    r"(?i)^(?:to|or|and|into|of|were|was|with|received|receiving|receive|either|in|the|"
    r"versus|vs\.?|"
    r"patients?|two|three|cohorts?|arms?|groups?|analy[sz]ed|included|between)$"
)
# a sentence that divides the patients: its "label (n = N)" are arms or groups
_ARM_SENTENCE = re.compile(
    r"(?i)\b(?:arms?|groups?|cohorts?|assigned|randomi[sz]ed|allocated|divided|stratified)\b"
)
_NOT_ARMS = re.compile(r"(?i)\breasons?\b|\bdiscontinu\w*|\bleading to\b|\bdue to\b|\bet al\b")
# words naming an arm or group ("the octreotide arm", "group B", "the 90Y cohort"; not
# "this cohort")
_ARM_WORDS = re.compile(
    r"(?i)\b(?:arms?|groups?)\b|\b(?!(?:this|our|the|whole|entire|study|present)\b)\w+\s+cohorts?\b"
)


def _label_before(passage: str, at: int) -> tuple[str, int] | None:
    """The words naming an arm right before ``at`` ("group A", "high-dose octreotide LAR"):
    back to a stop word or punctuation, at most six words; None without one, or when the
    words go on past six (the tail of a longer name, "octreotide LAR 30 mg" of "PRRT plus
    octreotide LAR 30 mg", would name another arm)."""
    words = list(re.finditer(r"\S+", passage[:at]))
    picked: list[re.Match[str]] = []
    for w in reversed(words):
        t = w.group(0)
        stop = t[-1] in ",;:(" or _LABEL_STOP.match(t)
        if len(picked) == 6 and not stop:
            return None
        if stop:
            # "group A", "arm 2": a letter or number names an arm only with its noun
            if (
                re.fullmatch(r"(?i)arm|group|cohort", t)
                and len(picked) == 1
                and len(picked[0].group(0)) <= 2
            ):
                picked.insert(0, w)
            break
        picked.insert(0, w)
        if t[0] in "([":
            return None
    if not picked or len(passage[picked[0].start() : picked[-1].end()]) < 3:
        return None
    # a label ends with a capital letter word or a name ("group A", "re-treatment")
    if len(picked) == 1 and not re.search(r"[A-Za-z]{2}|[A-Z]", picked[0].group(0)):
        return None
    return passage[picked[0].start() : picked[-1].end()], picked[0].start()


def _aliases(label: str, labels: list[str]) -> list[str]:
    """How a later sentence may name an arm: the label, its last words ("octreotide LAR" of
    "high-dose octreotide LAR"), the part of its first word before a hyphen ("177Lu" of
    "177Lu-DOTATATE"); only names no other arm's label contains."""
    words = label.split()
    out = [label] + [" ".join(words[i:]) for i in range(1, len(words)) if len(words) - i >= 2]
    head = words[0].split("-")[0]
    if "-" in words[0] and len(head) >= 3:
        out.append(head)
    # "sunitinib 37.5 mg daily", "everolimus 10 mg/day": the drug's name before its dose
    dose = re.match(r"(?P<name>\D+?)\s+\d+(?:\.\d+)?\s*(?:mg|g|GBq|MBq|mCi)\b", label)
    if dose and len(dose.group("name")) >= 3:
        out.append(dose.group("name"))
    others = [lab.lower() for lab in labels if lab != label]

    def inside(name: str, other: str) -> bool:  # as the words :func:`_named` matches
        return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w])", other) is not None

    return [a for a in out if len(a) >= 3 and not any(inside(a.lower(), o) for o in others)]


def _bracketed(label: str, labels: list[str], bracketed: dict[str, str]) -> list[str]:
    """The arm's name in brackets ("combination" of "(combination arm, n = 40)"), when no
    other arm has the same one and no other label contains it."""
    name = bracketed.get(label)
    if not name or list(bracketed.values()).count(name) > 1:
        return []
    return [] if any(name.lower() in o.lower() for o in labels if o != label) else [name]


# "Of 68 patients treated, 30 had pancreatic NET and 38 non-pancreatic NET": the whole
# cohort and its two parts, when the parts add up to the whole
_SPLIT = re.compile(
    rf"(?i:^\s*(?:of|among)\s+(?:the\s+|all\s+)?)(?P<n>{_CNT}){_E}\s+patients?\b[^,;.]{{0,60}},"
    rf"\s*(?P<n1>{_CNT}){_E}\s+(?:had\s+|with\s+)?(?P<l1>[a-z][\w-]+)"
    r"(?:\s+(?:NETs?|tumou?rs?|disease))?\s+and\s+"
    rf"(?P<n2>{_CNT}){_E}\s+(?:had\s+|with\s+)?(?P<l2>[a-z][\w-]+)(?=\s+(?:NETs?|tumou?rs?|disease)\b)"
)
# "134 patients with NET treated with PRRT: 61 pancreatic (pNET) and 73 small-intestinal
# (SI-NET)": the whole and its two parts after a colon, each part named by its word and by
# the abbreviation in brackets (the label, when printed)
# "A total of 118 patients were treated ...; 47 had pancreatic and 71 non-pancreatic
# primaries": the same after a semicolon, each part's word before its noun
# what divides patients without making cohorts of them: "(33 males and 30 females)"
_NO_PART = r"(?:(?:fe)?males?|(?:wo)?men|boys|girls|years?|children|adults)\b"
_SPLIT_COLON = re.compile(
    rf"{_B}(?P<n>{_CNT}){_E}\s+patients?\b[^:;.]{{0,100}}[:;]\s*"
    rf"(?P<n1>{_CNT}){_E}\s+(?:with\s+|had\s+)?(?!{_NO_PART})(?P<l1>[a-z][\w-]+)"
    r"(?:\s+(?:NETs?|tumou?rs?|primar(?:y|ies)))?"
    r"(?:\s*\((?P<a1>[A-Za-z][\w-]{1,10})\))?\s+and\s+"
    rf"(?P<n2>{_CNT}){_E}\s+(?:with\s+|had\s+)?(?!{_NO_PART})(?P<l2>[a-z][\w-]+)"
    r"(?:\s+(?:NETs?|tumou?rs?|primar(?:y|ies)))?"
    r"(?:\s*\((?P<a2>[A-Za-z][\w-]{1,10})\))?\s*[.;]"
)
# how a sentence names the whole cohort ("in all patients", "20.3 months overall")
_ALL_NAMES = (
    r"\ball (?:the )?patients\b",
    r"\b(?:whole|entire) cohort\b",
    r"\boverall\b(?!\s+(?:survival|response|rate))",
)


def _split_cohorts(paper_id: str, index: TextIndex, passage: str, s: int, e: int) -> list[dict]:
    """The whole cohort and its two parts of a sentence that splits it (:data:`_SPLIT`),
    only when the parts' sizes add up to the whole's."""
    from .numbers import parse

    m = _SPLIT.match(passage) or _SPLIT_COLON.search(passage)
    if not m or not all(_whole_number(passage, m.start(g), m.end(g)) for g in ("n", "n1", "n2")):
        return []
    short = {g: m.groupdict().get(f"a{g[-1]}") for g in ("n1", "n2")}
    n, n1, n2 = (parse("count", m.group(g)).value for g in ("n", "n1", "n2"))
    if n1 + n2 != n or _slug(m.group("l1")) == _slug(m.group("l2")):
        return []
    line = index.view_line(s)
    out = []
    parts = [("all", "n", _ALL_NAMES)]
    for g, lg in (("n1", "l1"), ("n2", "l2")):
        names = (rf"(?<![\w-]){re.escape(m.group(lg))}(?![\w])",)
        if short[g]:  # "(pNET)": the paper's own short name, as printed (case kept)
            names += (rf"(?-i:(?<![\w-]){re.escape(short[g])}(?![\w-]))",)
        parts.append((short[g] or m.group(lg), g, names))
    for label, g, names in parts:
        item = Item.of_group(
            "cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety",
            "count",
            m,
            g,
            s,
            f"{m.group(g)} patients: {'the whole cohort' if g == 'n' else label}",
        )
        out.append(
            {
                "id": f"{paper_id}_{_slug(label)}",
                "label": label,
                "setting": "initial",
                "why": f"the cohort split by {m.group('l1')!r} and {m.group('l2')!r} (line "
                f"{line}: {m.group(g)} patients)",
                "patterns": names,
                "size": (item, s, e, s + m.start(g)),
            }
        )
    return out


def _listed_cohorts(
    paper_id: str, index: TextIndex, sections: list[str], passage: str, s: int, e: int
) -> list[dict]:
    """The parts of a cohort listed after its size, adding up to it
    (:func:`.draft_groups.whole_and_parts`), each a cohort with its size; with the whole
    cohort when another sentence prints a value of it (:func:`_whole_reported`)."""
    found = whole_and_parts(passage, lambda a, b: _whole_number(passage, a, b))
    if found is None:
        return []
    whole, parts = found
    if any(find_terms(p.label) for p in parts):
        return []  # "two patients developed myeloid neoplasms (one MDS, one AML)": events
    labels = [p.label for p in parts]
    part_names = [
        alias_pattern(a) for lab in labels for a in dict.fromkeys([lab, *_aliases(lab, labels)])
    ]
    # a sentence naming a part, or pairing values with the parts in order
    part_names.append(r"\brespectively\b|\bvs\b\.?|\bversus\b")
    if not _whole_reported(index, sections, (s, e), part_names, None):
        # "Forty-eight patients (32 AC, 15 TC, 1 unclassified) received ...": parts no
        # sentence reports a value of are the whole's characteristics, not its cohorts
        return []
    ref = "cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety"
    line = index.view_line(s)
    out = []
    printed = whole.group("n")
    # the whole's size as printed there and in digits ("Ninety-nine", "99")
    size = "|".join(re.escape(x) for x in {printed, f"{parse_value('count', printed).value:.0f}"})
    names = (
        *_ALL_NAMES,
        rf"\b(?:all|the)\s+(?:{size})\s+(?:[a-z]+\s+)?(?:patients|pts)\b",
        r"\bpooled\b",
    )
    if _whole_reported(index, sections, (s, e), names, size):
        item = Item.of_group(ref, "count", whole, "n", s, f"{printed} patients: the whole cohort")
        out.append(
            {
                "id": f"{paper_id}_all",
                "label": "all",
                "setting": "initial",
                "why": f"the cohort of its listed parts (line {line}: {printed} patients)",
                "patterns": names,
                "size": (item, s, e, s + whole.start("n")),
            }
        )
    for p in parts:
        item = Item(
            ref, "count", s + p.start, s + p.end, p.printed, f"{p.label!r} listed with its size"
        )
        why = f"a part listed with its size after the whole's {printed} patients (line {line})"
        out.append(
            _sized_cohort(paper_id, p.label, why, _aliases(p.label, labels), (item, s, e, s + p.at))
        )
    return out


def _whole_reported(
    index: TextIndex, sections: list[str], own: tuple, names, size: str | None
) -> bool:
    """Another sentence of the results names the whole (``names``) and prints a protocol
    statistic, or prints a count over the whole's size (``size``, a pattern: "3/47", "8 of
    92 patients"; None: names only)."""
    over = re.compile(rf"(?:/|\bof\s+)\s*(?:{size})(?![\w.])") if size else None
    for a, b in sentence_spans(index, sections):
        if (a, b) == own or sections[index.view_line(a) - 1] not in ("results", "abstract"):
            continue
        passage = index.view[a:b]
        if over is not None and over.search(passage):
            return True
        if any(re.search(x, passage, re.I) for x in names) and find_terms(passage):
            return True
    return False


# "29 had received prior PRRT (post-PRRT cohort) and 37 had not (PRRT-naive cohort)",
# "212 patients who received first-line PRRT (initial cohort) and 39 ... (re-treatment
# cohort)": a group's size, then its name in brackets with the word cohort, group or arm
_SIZE_THEN_NAME = re.compile(
    # the nearest count before the name: no other count between ("Of 95 patients, 58 ...")
    rf"{_B}(?P<n>{_CNT}){_E}\s+(?!(?:months?|years?|mg|GBq|mCi|cycles?|%)\b)"
    rf"(?:(?!{_B}{_CNT}{_E})[^;.()]){{0,80}}?"
    r"\(\s*(?P<label>[A-Za-z][\w-]*(?:\s+[\w-]+)?)\s+(?:cohort|group|arm)\s*\)"
)


def _labelled_cohorts(paper_id: str, index: TextIndex, passage: str, s: int, e: int) -> list[dict]:
    """Two or more groups of one sentence each printed as its size, then its name in
    brackets (:data:`_SIZE_THEN_NAME`); with the whole cohort when the sentence prints its
    size (a COHORT_SIZE before the groups) and the groups add up to it."""
    from .numbers import parse

    found = []
    pos = 0
    while (m := _SIZE_THEN_NAME.search(passage, pos)) is not None:
        if re.search(rf"{_B}{_CNT}{_E}", passage[m.end("n") : m.start("label")]):
            pos = m.end("n")  # "Of 95 patients, 58 received A (A group)": 58 is A's, not 95
            continue
        if _whole_number(passage, m.start("n"), m.end("n")):
            found.append(m)
        pos = m.end()
    slugs = [_slug(m.group("label")) for m in found]
    if len(found) < 2 or len(set(slugs)) != len(slugs) or not all(slugs):
        return []
    sizes = [parse("count", m.group("n")).value for m in found]
    whole = [
        m
        for m in COHORT_SIZE.finditer(passage[: found[0].start()])
        if _whole_number(passage, m.start(size_group(m)), m.end(size_group(m)))
    ]
    line = index.view_line(s)
    ref = "cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety"
    out = []
    if len(whole) == 1 and parse("count", whole[0].group(size_group(whole[0]))).value == sum(sizes):
        g = size_group(whole[0])
        item = Item.of_group(
            ref, "count", whole[0], g, s, f"{whole[0].group(g)} patients: the whole cohort"
        )
        out.append(
            {
                "id": f"{paper_id}_all",
                "label": "all",
                "setting": "initial",
                "why": f"the cohort of its groups (line {line}: {whole[0].group(g)} patients)",
                "patterns": _ALL_NAMES,
                "size": (item, s, e, s + whole[0].start(g)),
            }
        )
    labels = [m.group("label") for m in found]
    for m in found:
        label = m.group("label")
        item = Item.of_group(ref, "count", m, "n", s, f"{label!r} printed after its size")
        why = f"a group printed with its size and name (line {line})"
        out.append(
            _sized_cohort(
                paper_id, label, why, _aliases(label, labels), (item, s, e, s + m.start("label"))
            )
        )
    return out


# "were assigned 1:1 to 177Lu-DOTATATE or sunitinib", "randomly assigned to receive PRRT with
# 177Lu-DOTATOC (arm A) or everolimus 10 mg daily (arm B)": two arms by name, no sizes
_ASSIGNED_TO = re.compile(
    r"(?i:\b(?:assigned|randomi[sz]ed|allocated)\b)[^.;()]{0,30}?\bto\s+(?:receive\s+)?"
    r"(?P<a>[^,;.()]+?)(?:\s*\((?P<aa>arm\s+\w+|group\s+\w+)\))?\s+or\s+"
    r"(?P<b>[^,;.()]+?)(?:\s*\((?P<ba>arm\s+\w+|group\s+\w+)\))?\s*(?:[.;]|$)"
)
# "22.8 mo with PRRT + CAPTEM vs 12.3 mo with PRRT alone": two arms named by "with" on
# either side of "versus" (no bracketed names)
_WITH_VERSUS = re.compile(
    r"\bwith\s+(?P<a>(?:(?!\b\d+(?:\.\d+)?\b)[^,;.()])+?)\s+(?:vs\.?|versus)\s+"
    r"(?:[^;.]|\.(?=\d))*?\bwith\s+"
    r"(?P<b>(?:(?!\b\d+(?:\.\d+)?\b)[^,;.()])+?)\s*(?:[;.,(]|$)"
)


def _subgroup_free(passage: str) -> bool:
    """No subgroup wording but the comparison's own ("vs", "HR")."""
    return not _SUBGROUP.search(_COMPARISON.sub(" ", passage))


# "Eighty-four patients were randomised (42 per arm)", "96 underwent randomisation, 48 to
# each arm": the size of each of two arms, after the number randomised (twice it)
_PER_ARM = re.compile(
    rf"{_B}(?P<n>{_CNT}){_E}\s+(?:patients\s+|pts\s+)?(?:per|to\s+each|in\s+each)\s+"
    r"(?:arm|group)\b"
)
_RANDOMISED = re.compile(rf"{_B}(?P<n>{_CNT}){_E}\s+(?:patients|pts)\b[^.;]{{0,30}}?randomi[sz]")


def per_arm_cohorts(paper_id: str, index: TextIndex, sections: list[str]) -> list[dict]:
    """Two arms named where patients are assigned "to A or B" (each by its bracketed name,
    "arm A", when printed), else where a result is printed "with A vs ... with B", of one
    size each printed "N per arm" after twice N randomised."""
    from .numbers import parse

    found: dict[str, list[str]] = {}  # the arms' names "assigned to" and "with ... vs with"
    size = None
    for s, e in sentence_spans(index, sections):
        if sections[index.view_line(s) - 1] in ("references", "end", "table"):
            continue
        passage = index.view[s:e]
        for key, m in (
            ("assigned", _ASSIGNED_TO.search(passage)),
            ("versus", _WITH_VERSUS.search(passage) if _subgroup_free(passage) else None),
        ):
            if m and key not in found:
                found[key] = [
                    m.groupdict().get(alias) or m.group(name).strip()
                    for name, alias in (("a", "aa"), ("b", "ba"))
                ]
        per = _PER_ARM.search(passage)
        total = _RANDOMISED.search(passage[: per.start()]) if per else None
        if per and total and size is None:
            n, whole = (parse("count", x.group("n")).value for x in (per, total))
            if whole == 2 * n and _whole_number(passage, per.start("n"), per.end("n")):
                size = (per, s, e)
    names = found.get("assigned") or found.get("versus")
    if not names or not size or any(len(x.split()) > 6 for x in names):
        return []
    if len({_slug(x) for x in names}) != 2 or not all(_slug(x) for x in names):
        return []
    per, s, e = size
    cohorts = []
    for label in names:
        item = Item.of_group(
            "cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety",
            "count",
            per,
            "n",
            s,
            f"{per.group(0)!r}: each of the two arms",
        )
        cohorts.append(
            {
                "id": f"{paper_id}_{_slug(label)}",
                "label": label,
                "setting": "salvage" if SALVAGE_WORDS.search(label) else "initial",
                "why": f"an arm patients were assigned to, {per.group(0)!r} (line "
                f"{index.view_line(s)})",
                "aliases": _aliases(label, names),
                "size": (item, s, e, s + per.start()),
            }
        )
    return cohorts


def _sized_cohort(paper_id: str, label: str, why: str, aliases: list[str], size: tuple) -> dict:
    """A cohort of an arm or group printed with its size (``size``: the item, the
    sentence's span and where its name starts); its setting salvage when its name says so."""
    salvage = bool(SALVAGE_WORDS.search(label))
    return {
        "id": f"{paper_id}_{_slug(label)}",
        "label": label,
        "setting": "salvage" if salvage else "initial",
        "why": why + ("; re-treatment wording" if salvage else ""),
        "aliases": aliases,
        "size": size,
    }


def arm_cohorts(paper_id: str, index: TextIndex, sections: list[str]) -> list[dict]:
    """One cohort per arm or group when one sentence prints two or more of them with their
    sizes; each keeps its size (an anchor) and the names later sentences may use."""
    view = index.view
    for s, e in sentence_spans(index, sections):
        if sections[index.view_line(s) - 1] in ("references", "end", "table"):
            continue
        passage = view[s:e]
        if _NOT_ARMS.search(passage):
            continue  # reasons, other studies
        found = []
        bracketed: dict[str, str] = {}  # label -> its name in brackets
        arms_n = list(_ARM_N.finditer(passage if _ARM_SENTENCE.search(passage) else ""))
        for k, m in enumerate(arms_n):
            lab = _label_before(passage, m.start())
            g = "n" if m.group("n") else "np"
            if g == "np" and not _ASSIGNED.search(passage):
                continue  # "nausea (12 patients)": only arms patients were assigned to
            if lab:
                found.append((lab[0], lab[1], m.start(g), m.end(g), m.group(g)))
                upto = arms_n[k + 1].start() if k + 1 < len(arms_n) else len(passage)
                later = _ARM_NAMED_LATER.search(passage, m.end(), upto)
                if m.group("alias") or (g == "np" and later):
                    bracketed[lab[0]] = m.group("alias") or later.group("alias")
        # "(first-line, n = 45) or ... (later-line, n = 61)", in a sentence printing no result
        # ("nausea (grade 1-2, n = 12) and fatigue (grade 1, n = 8)" names no groups)
        if len(found) < 2 and not find_terms(passage):
            named = [
                (m.group("name"), m.start("name"), m.start("n"), m.end("n"), m.group("n"))
                for m in _NAME_N.finditer(passage)
            ]
            found = named if len(named) >= 2 else found
        for pattern in (_ARM_RECEIVED, _ARM_TO):
            if len(found) >= 2 or (pattern is _ARM_TO and not _ARM_SENTENCE.search(passage)):
                continue
            found = [
                (m.group("label"), m.start("label"), m.start("n"), m.end("n"), m.group("n"))
                for m in pattern.finditer(passage)
                if _whole_number(passage, m.start("n"), m.end("n"))
            ]
        split = _split_cohorts(paper_id, index, passage, s, e) or _listed_cohorts(
            paper_id, index, sections, passage, s, e
        )
        if split:
            return split
        if len(found) < 2 and not find_terms(passage):
            labelled = _labelled_cohorts(paper_id, index, passage, s, e)
            if labelled:
                return labelled
        labels = [f[0] for f in found]
        slugs = [_slug(lab) for lab in labels]
        if len(found) < 2 or len(set(slugs)) != len(slugs) or not all(slugs):
            continue
        cohorts = []
        for label, at, ns, ne, n in found:
            item = Item(
                "cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety",
                "count",
                s + ns,
                s + ne,
                n,
                f"{label!r} printed with its size",
            )
            why = f"an arm or group printed with its size (line {index.view_line(s)})"
            aliases = _aliases(label, labels) + _bracketed(label, labels, bracketed)
            cohorts.append(_sized_cohort(paper_id, label, why, aliases, (item, s, e, s + at)))
        return _whole_of_arms(paper_id, index, sections, cohorts, (s, e)) + cohorts
    return []


def _whole_of_arms(
    paper_id: str, index: TextIndex, sections: list[str], arms: list[dict], own: tuple
) -> list[dict]:
    """The whole cohort of arms or groups printed with their sizes, when the paper prints
    its size, the sum of theirs, as a population ("all 85 patients received at least one
    dose", "Most of the 84 patients") and reports a value of it (:func:`_whole_reported`):
    [that cohort], else []."""
    from .numbers import parse

    try:
        total = sum(parse("count", c["size"][0].text).value for c in arms)
    except ValueError:
        return []
    size = re.escape(f"{total:.0f}")
    said = re.compile(rf"\b(?:[Aa]ll|[Tt]he)\s+(?P<n>{size})\s+(?:[a-z]+\s+)?(?:patients|pts)\b")
    names = (*_ALL_NAMES, said.pattern, r"\bpooled\b")
    if not _whole_reported(index, sections, own, names, size):
        return []
    for a, b in sentence_spans(index, sections):
        if sections[index.view_line(a) - 1] not in ("results", "abstract"):
            continue
        m = said.search(index.view[a:b])
        if m is None:
            continue
        item = Item.of_group(
            "cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety",
            "count",
            m,
            "n",
            a,
            f"{m.group(0)!r}: the sum of the arms' sizes",
        )
        return [
            {
                "id": f"{paper_id}_all",
                "label": "all",
                "setting": "initial",
                "why": f"the whole of the arms, {m.group(0)!r} (line {index.view_line(a)})",
                "patterns": names,
                "size": (item, a, b, a + m.start()),
            }
        ]
    return []


# ---------------------------------------------------------------- values in a passage


# an effect measure of a comparison, never a cohort's value: "(HR 0.94, 95% CI 0.73-1.20)",
# "hazard ratio, 0.94; 95% CI, 0.73 to 1.20", "odds ratio 1.5 per 50 Gy [95% CI: 1.1-2.0]"
_EFFECT = re.compile(
    r"\b(?:a?HR|OR|RR|IRR)\b(?=\s*(?:[=:,]\s*)?[(\[]?\s*\d)"
    r"|(?i:\b(?:hazard|odds|risk|rate)\s+ratios?\b|\brelative\s+risks?\b)"
)


# what a number is not a cohort's value in: a bound ("in <= 10%", "> 50% PSA decline"), a
# definition ("partial response defined as > 50% decline"), a design figure ("a pre-specified
# target of 78%", "powered to detect"), a percentile of survival ("25% OS time was 25.5 months")
_NOT_A_VALUE = re.compile(
    r"(?:[<>\u2264\u2265]=?|\bup\s+to|\b(?:at\s+least|at\s+most|less\s+than|more\s+than|"
    r"fewer\s+than|over|under)\b)\s*\d+(?:\.\d+)?\s*%?"
    r"|(?i:\bdefined\s+as\b)[^.;()]*"
    r"|(?i:\b(?:target|threshold|hypothes[ie]s|hypothesi[sz]ed|assum(?:ed|ing)|powered|"
    r"cut-?off|boundary|null)\b)[^.;()]{0,40}?\d+(?:\.\d+)?\s*%?"
    r"|(?i:\b\d{1,2}(?:st|nd|rd|th)?\s*(?:%|percentile)\s+(?:OS|PFS|survival)\b)[^.;]*"
)


def effect_spans(passage: str) -> list[tuple[int, int]]:
    """Where ``passage`` prints an effect measure and its interval (:data:`_EFFECT`): inside
    brackets, the rest of its brackets; outside, the rest of the sentence."""
    spans = []
    for m in _EFFECT.finditer(passage):
        depth, end = 0, len(passage)
        for k in range(m.end(), len(passage)):
            depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(passage[k], 0)
            if depth < 0:  # the bracket the measure is printed in closes
                end = k
                break
        spans.append((m.start(), end))
    return spans


def _raw_values(passage: str) -> tuple[list[tuple[str, int, int, str]], bool]:
    """Values of a passage by their printed form, (form group, start, end, text), in order
    of print; and whether every value the forms found is a whole number."""
    # a grade is no value: "Grade 3/4 leukopenia" is no count of 3 over 4; nor is an effect
    # measure or its interval a cohort's
    taken: list[tuple[int, int]] = [m.span() for m in GRADE.finditer(passage)]
    taken += effect_spans(passage)
    taken += [m.span() for m in _NOT_A_VALUE.finditer(passage)]
    raw: list[tuple[str, int, int, str]] = []  # (form group, start, end, text)
    for form in FORMS:
        for m in form.finditer(passage):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            for name, value in m.groupdict().items():
                if value:
                    raw.append((name, m.start(name), m.end(name), value))
    whole = sorted((r for r in raw if _whole_number(passage, r[1], r[2])), key=lambda r: r[1])
    return whole, len(whole) == len(raw)


# after a value, the group it belongs to: "70% in pancreatic", "15 months for G2 tumours"
_OTHER_GROUP = re.compile(
    r"(?i)\s*(?:%|months?|mos?\b)?\s*(?:of\s+patients\s+)?(?:in|for|among)\s+(?:the\s+)?"
    r"(?!(?:\d|all|patients?|these|them|those|total|whole|entire|overall)\b)"
)


# between two values of a bare list: "8.4%, 6.5% and 14.0%", "39 months, 34 months or 29"
_LIST_GAP = re.compile(r"\s*(?:%|months?|mos?)?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)\s*")


# the bracket printed after a group's value, before the group it belongs to: a median's 95%
# CI ("22.6 months (95% CI 18.1-27.1)"), a percentage's count over n ("24.1% (7/29)"), a
# count's percentage and n ("five (4.9%) of 102"); with the statistics the first group's
# value must have had beside it for the bracket to be read as the first group's was
_GROUP_TAILS = {
    "median": (
        re.compile(
            r"\s*(?:months?|mos?)?\.?\s*[(\[]\s*95\s*%\s*(?:CI|confidence interval)"
            r"[^()\[\]]{0,40}[)\]]"
        ),
        ("ci_low",),
    ),
    "pct": (re.compile(r"\s*%\s*\(\s*\d+\s*/\s*\d+\s*\)"), ("count",)),
    "count": (
        re.compile(rf"\s*\(\s*{_NUM}\s*%\s*\)\s+of\s+\d+(?![\w])(?:\s+patients)?"),
        ("pct",),
    ),
}


def _sibling(ref: str, kind: str) -> str:
    """The ref of a value of form ``kind`` printed with the value ``ref`` ("orr.events_pct"
    beside "orr.events", "orr.n", "pfs_median.ci_low" beside "pfs_median.median")."""
    endpoint, stat = ref.split(".", 1)
    stat = stat.removesuffix("_pct")
    return {
        "pct": f"{endpoint}.{stat}_pct",
        "count": f"{endpoint}.{stat}",
        "n": f"{endpoint}.n",
    }.get(kind, f"{endpoint}.{kind}")


# "20% (PRRT) and 7% (sunitinib)": the group named in brackets after the value
_NAMED_AFTER = re.compile(
    r"(?i)\s*(?:%|months?|mos?\b)?\s*\(\s*(?!n\s*=|ci\b|range\b|iqr\b|95|p\s*[=<])[a-z]"
)


# a rate's definition in brackets after its term: "disease control rate (CR+PR+SD)", "DCR
# (CR + PR + MR + SD)": part of the rate's name, no response category of its own
_DEFINED_AS = re.compile(
    r"(?i)\b(?:rate|control|DCR|ORR|CBR|responses?)(?P<d>\s*\(\s*(?:CR|PR|MR|SD)"
    r"(?:\s*\+\s*(?:CR|PR|MR|SD)){1,3}\s*\))"
)


def _items_of(passage: str, base: int, groups: bool = False) -> tuple[list[Item], list[str]]:
    """Classified values of one sentence or table row (view offset ``base``).  With
    ``groups``, a value with no term after one of the same form is the same statistic (of
    another group: the caller places each by the cohort its clause names)."""
    passage = _DEFINED_AS.sub(
        lambda m: passage[m.start() : m.start("d")] + " " * len(m.group("d")), passage
    )
    whole, complete = _raw_values(passage)
    raw = whole
    items: list[Item] = []
    why_not: list[str] = []
    respectively = re.search(r"(?i)\brespectively\b", passage)
    if respectively:
        # pairing is by position: a value not read would shift every later one
        if not complete:
            return [], ["'respectively' over a value not read whole: pairing would shift"]
        # a zero in words ("no complete response", "in none") is no member of the lists
        whole = [r for r in whole if r[0] not in ("nil_resp", "nil_after")]
        paired, why = _respectively(passage, base, whole)
        return paired, [why] if why else []
    unread: list[tuple[str, int, int]] = []
    for name, s, e, value in raw:
        reach = 0
        kind = {"median_nr": "median"}.get(name, "nil" if name.startswith("nil_") else name)
        guess: Guess | None
        if name in _NIL_CLASSIFIERS:
            got = _NIL_CLASSIFIERS[name](passage, s)
            guess, reach = (got[0], base + got[1]) if got else (None, 0)
        elif kind == "nil":
            terms = [t for t in find_terms(passage[s:]) if t.endpoint == "mds_aml"]
            guess = classify_nil(terms)
            reach = base + s + terms[-1].end if terms else 0
        elif kind == "n":
            guess = _fraction_n(passage, raw, s, items, base)
        else:
            guess = classify(passage, s, kind)
        if guess is None:
            unread.append((kind, s, e))
            continue
        items.append(
            Item(
                f"{guess.endpoint}.{guess.statistic}",
                _TYPE[kind],
                base + s,
                base + e,
                value,
                guess.evidence,
                reach,
            )
        )
    # "the DCR was 70% in pancreatic and 87% in non-pancreatic NET": the values after the
    # first, of the same form and with no term of their own, are the same statistic of
    # other groups, so the first may be a group's too
    # the bracket after a group's value read here: (start, end, the first group's ref of
    # that value), whose CI bounds or fraction are the same statistics as the first group's
    brackets: list[tuple[int, int, str]] = []
    for kind, at, end in unread:
        inside = [r for a, b, r in brackets if a <= at < b] if groups else []
        if inside and kind in ("ci_low", "ci_high", "count", "pct", "n"):
            # "and 22.6 months (95% CI 18.1-27.1) in the B group", "24.1% (7/29) in the B
            # cohort", "five (4.9%) of 102 in the B group": the bounds, fraction or
            # percentage of another group's value placed above, as the first group's
            ref = _sibling(inside[0], kind)
            if ref in {i.ref for i in items}:
                items.append(
                    Item(
                        ref,
                        _TYPE[kind],
                        base + at,
                        base + end,
                        passage[at:end],
                        "as the first group's",
                    )
                )
            continue
        if kind == "n" and groups:
            # "31.8% (21/66) in A, 24.1% (7/29) in B": each group's fraction has its own n
            before = [it for it in items if it.end <= base + at]
            numerator = before[-1] if before else None
            endpoint = numerator.ref.split(".", 1)[0] if numerator else ""
            if (
                numerator is not None
                and endpoint in ("best_response", "orr", "dcr")
                and _FRACTION_GAP.fullmatch(passage[numerator.end - base : at])
            ):
                items.append(
                    Item(
                        f"{endpoint}.n",
                        "count",
                        base + at,
                        base + end,
                        passage[at:end],
                        f"denominator of {numerator.text}/{passage[at:end]}",
                    )
                )
            continue
        listed = [it for it in items if it.end <= base + at and it.kind == _TYPE.get(kind)]
        if (
            not groups
            and kind in ("pct", "median")
            and listed
            and _LIST_GAP.fullmatch(passage[listed[-1].end - base : at])
        ):
            # "the incidences of grade 4 kidney toxicity were 8.4%, 6.5% and 14.0%": one
            # statistic listed for groups, whichever each value is
            return [], [f"{listed[-1].ref} and more values like it with no term: groups or arms?"]
        tail, needs = _GROUP_TAILS.get(kind, (None, ()))
        bracket = tail.match(passage, end) if tail else None
        after = bracket.end() if bracket else end
        same = [
            it
            for it in items
            if it.start < base + at and it.kind == _TYPE.get(kind) and not it.ref.endswith(".n")
        ]
        refs = {i.ref for i in items}
        if bracket and same and any(_sibling(same[-1].ref, k) not in refs for k in needs):
            same = []  # the first group's value was not printed in the same form
        if (
            kind in ("pct", "median", "count")
            and same
            and (bracket or kind != "count")
            and (_OTHER_GROUP.match(passage, after) or _NAMED_AFTER.match(passage, after))
            and not find_terms(passage[same[-1].end - base : at])
        ):
            if bracket:
                brackets.append((end, after, same[-1].ref))
            if groups:
                prev = same[-1]
                items.append(
                    Item(prev.ref, prev.kind, base + at, base + end, passage[at:end], prev.evidence)
                )
                continue
            return [], [f"{same[-1].ref} and more values like it with no term: groups or arms?"]
    items.sort(key=lambda it: it.start)
    return items, why_not


_NIL_CLASSIFIERS = {
    "nil_tox": classify_nil_toxicity,
    "nil_resp": classify_nil_response,
    "nil_after": classify_nil_after,
}


# the words of a cardinal number (numbers.WORDS, less "no"/"none", plus the multipliers)
_NUMBER_WORDS = (set(WORDS) - {"no", "none"}) | {"hundred", "thousand"}


def _is_number_word(word: str) -> bool:
    parts = word.lower().split("-")
    return word.replace(",", "").replace(".", "").isdigit() or all(
        p in _NUMBER_WORDS for p in parts
    )


def _whole_number(passage: str, s: int, e: int) -> bool:
    """A value is a whole number as printed: not part of a word or hyphenated compound
    ("twenty-six" is not "twenty"), and not one word of a number spelt in several
    ("Thirty five", "one hundred and twelve")."""
    if s > 0 and passage[s - 1].isalnum():
        return False
    token = passage[s:e]
    if not any(ch.isalpha() for ch in token) or not all(_is_number_word(w) for w in token.split()):
        return True  # digits, NE, NR: the forms' own boundaries hold ("19.7-NE" is a range)
    if (s > 0 and passage[s - 1] == "-") or (
        passage[e : e + 1] == "-" and passage[e + 1 : e + 2].isalnum()
    ):
        return False
    before = passage[:s].split()[-2:]
    after = passage[e:].split()[:1]
    near = [w.strip(",.;:()") for w in (*before[-1:], *after)]
    if any(_is_number_word(w) for w in near if w):
        return False
    # "one hundred and twelve" is one number; "five and fourteen" are two
    return not (
        len(before) == 2
        and before[1].lower() == "and"
        and before[0].lower().strip(",") in ("hundred", "thousand")
    )


_RESPONSES = {"best_response", "orr", "dcr"}


def whole_cohort_opening(passage: str, whole: float | None) -> re.Match[str] | None:
    """ "Among 52 patients with progressive NET, ...": the opening population phrase, when
    its n is the single cohort's one printed size (``whole``): the qualifier describes the
    whole cohort, not a subgroup."""
    m = POPULATION_N[0].match(passage)
    if whole is None or m is None or count_value(m.group("n")) != whole:
        return None
    return m if _whole_number(passage, m.start("n"), m.end("n")) else None


def population_n(
    passage: str, base: int, items: list[Item], whole: float | None = None
) -> Item | None:
    """The n of a sentence's values when the sentence prints it once, before all of them
    ("Of 13 patients, 5 (38.5%) achieved an ORR", "PFS for the patients treated (n = 17)
    was 12.2 months"): one n for every endpoint the values belong to, all of one population
    (efficacy or safety).  None when the sentence has several such phrases, its values
    already carry an n, or they mix populations."""
    found = [m for pat in POPULATION_N for m in pat.finditer(passage)]
    # a median follow-up takes no n (a follow-up is never an endpoint, Amendment 2): "With a
    # median follow up of 24.5 months, the median OS in the full analysis set (n = 110) was"
    items = [it for it in items if not it.ref.startswith("followup_median.")]
    if len(found) != 1 or not items:
        return None
    m = found[0]
    s, e = m.start("n"), m.end("n")
    qualifier = passage[m.start() : s] + passage[e : m.end()]
    if (
        _RESTRICTS.search(_DATA_AVAILABLE.sub("", qualifier))
        and not COHORT_LABEL.search(qualifier)
        and whole_cohort_opening(passage, whole) is None
    ):
        return None  # "in 40 patients with pancreatic NET": maybe a subgroup
    if not _whole_number(passage, s, e) or any(it.start < base + m.end() for it in items):
        return None
    endpoints = {it.ref.split(".", 1)[0] for it in items}
    if any(it.ref.split(".", 1)[1] == "n" for it in items) or "cohort_size" in endpoints:
        return None
    if len({POPULATION.get(x) for x in endpoints}) != 1 or None in {
        POPULATION.get(x) for x in endpoints
    }:
        return None
    refs = sorted(f"{x}.n" for x in endpoints)
    subset = evaluable_subset(passage, m.end() - 1, m.group("n"))
    if subset:
        # "Of the 45 patients enrolled, 40 were evaluable for response; 12 (30%) ...": the
        # values are counted over the evaluable, when they are all responses and the
        # sentence says the evaluable are the responses' population
        a, b, printed, pop = subset
        if pop != "efficacy" or not endpoints <= _RESPONSES or not _whole_number(passage, a, b):
            return None
        return Item("|".join(refs), "count", base + a, base + b, printed, repr(passage[s:b]))
    return Item("|".join(refs), "count", base + s, base + e, m.group("n"), f"{m.group(0)!r}")


# between a numerator (or its percentage) and its denominator: "11/16", "45 (21.7%) of 207",
# "40 of 50"
_FRACTION_GAP = re.compile(r"\s*(?:/|%\s*\)\s*of|(?:out\s+)?of(?:\s+the)?)\s*")


def _fraction_n(passage: str, raw: list, s: int, items: list[Item], base: int) -> Guess | None:
    """The denominator of "11/16 patients had PR" is the response n: taken once, from the
    first fraction, when every fraction of the passage has the same denominator; or from
    each fraction, when each is printed in a clause of its own ("45 (21.7%) of 207 patients
    in the A group and by five (4.9%) of 102 in the B group": whose each is, its clause says)."""
    from .classify import clauses

    dens = [r for r in raw if r[0] == "n"]
    spans = clauses(passage)
    own = {next((k for k, (a, b) in enumerate(spans) if a <= r[1] < b), -1) for r in dens}
    several = len(own) == len(dens) > 1 and len({r[3] for r in dens}) == len(dens)
    if not several and (s != dens[0][1] or len({r[3] for r in dens}) != 1):
        return None
    before = [it for it in items if it.end <= base + s]
    if not before or not _FRACTION_GAP.fullmatch(passage[before[-1].end - base : s]):
        return None  # the numerator was not classified
    endpoint = before[-1].ref.split(".", 1)[0]
    if endpoint not in ("best_response", "orr", "dcr"):
        return None
    return Guess(endpoint, "n", f"denominator of {before[-1].text}/{dens[0][3]}")


def classify_nil(terms: list) -> Guess | None:
    if not terms:
        return None
    stems = {t.stem for t in terms}
    stat = "events" if len(stems) > 1 else stems.pop()
    return Guess("mds_aml", stat, " / ".join(repr(t.text) for t in terms))


# what may stand between the last value and "respectively" when the subjects are the terms
# before the values ("PFS and OS were 29 and 47 months, respectively"); anything else (a list
# of arms, groups or cohorts: "88% and 67% in the A and B arms, respectively") makes the
# values belong to different cohorts, not to different statistics (PROTOCOL Amendment 2)
_TAIL = re.compile(
    r"(?i)^[\s%),.;:]*(?:(?:of\s+(?:the\s+)?)?(?:months?|mos?|patients?|pts|cases?)\b[\s%),.;:]*)?$"
)
# what may join two subjects of one list ("PFS and OS", "partial response, stable disease")
_JOIN = re.compile(r"(?i)^\s*(?:,\s*)?(?:and|or|as well as|,)?\s*(?:the\s+)?(?:median\s+)?$")


def respectively_subjects_follow(passage: str, raw: list) -> bool:
    """True when words other than units stand between the last value and "respectively":
    the subjects the values pair with are printed after them (arms, groups, cohorts)."""
    cut = passage.lower().find("respectively")
    before = [r for r in raw if r[2] <= cut]
    return bool(before) and not _TAIL.match(passage[before[-1][2] : cut])


def _respectively(passage: str, base: int, raw: list) -> tuple[list[Item], str]:
    """ "X and Y were a and b, respectively": pair terms and values in order, when both
    lists have the same length and one kind, the terms form one list ("X and Y") and
    nothing but units stands between the values and "respectively".  Otherwise no item,
    and the reason."""
    cut = passage.lower().find("respectively")
    if respectively_subjects_follow(passage, raw):
        return [], "'respectively' pairs the values with subjects after them (arms or groups?)"
    terms = [t for t in find_terms(passage[:cut]) if not t.text.isupper() or len(t.text) > 1]
    # one term per endpoint/stem, in order of appearance
    seen: list = []
    for t in terms:
        if not seen or (seen[-1].endpoint, seen[-1].stem) != (t.endpoint, t.stem):
            seen.append(t)
    # each subject pairs with one unit: a value, a count with its percentage ("4 (7.1%)"), or
    # a median with its CI or range ("24.8 months (95% CI 19.6-30.0)"), all printed alike
    grouped = units([r for r in raw if r[1] > (seen[-1].end if seen else 0)], passage)
    kinds = {tuple(r[0] for r in unit) for unit in grouped}
    if len(seen) < 2 or len(grouped) != len(seen) or len(kinds) != 1:
        return [], "'respectively' with subjects and values that do not pair one to one"
    if any(not _JOIN.match(passage[a.end : b.start]) for a, b in zip(seen, seen[1:], strict=False)):
        return [], "'respectively' with subjects that are not one list"
    kind = kinds.pop()
    if {t.endpoint.endswith("_median") for t in seen} == {True}:
        if kind[0] != "median" or "median" not in passage[:cut].lower():
            return [], "'respectively' over survival terms without a median"
        return [
            Item(f"{t.endpoint}.{n}", _TYPE[n], base + s, base + e, v, f"{t.text!r} respectively")
            for t, unit in zip(seen, grouped, strict=True)
            for n, s, e, v in unit
        ], ""
    if not set(kind) <= {"pct", "count"}:
        return [], "'respectively' over terms of different kinds"
    out = []
    for t, unit in zip(seen, grouped, strict=True):
        if t.endpoint.endswith("_median"):
            return [], "'respectively' over terms of different kinds"
        if t.endpoint.startswith("tox_"):
            g = classify(passage[: t.end] + " in 1 patients", t.end + 4, "count")
            if g is None:
                return [], "'respectively' pairing a toxicity without its grade"
            stat = g.statistic
        else:
            stat = t.stem
        out += [
            Item(
                f"{t.endpoint}.{stat}{'_pct' if n == 'pct' else ''}",
                _TYPE[n],
                base + s,
                base + e,
                v,
                f"{t.text!r} respectively",
            )
            for n, s, e, v in unit
        ]
    return out, ""


def _table_items(index: TextIndex, lines: list[str], i: int, base: int) -> list[Item]:
    """A toxicity table row of a one-cohort paper (:func:`.draft_tables.table_items`)."""
    return table_items(index, lines, i, base).get(None, [])


# ---------------------------------------------------------------- anchors


def _anchor(index: TextIndex, start: int, end: int, items: list[Item]) -> str | None:
    view = index.view
    out, pos = [], start
    for it in sorted(items, key=lambda x: x.start):
        out.append(view[pos : it.start])
        kind = it.kind
        want = default_type(it.ref.split(".", 1)[1])
        out.append("{" + it.ref + (f":{kind}" if kind != want else "") + "}")
        pos = it.end
    out.append(view[pos:end])
    text = "".join(out).strip()
    if "{" in view[start:end] or "}" in view[start:end] or len(text) > 500:
        return None
    return text


def _verified(index: TextIndex, anchor: str, items: list[Item]) -> bool:
    try:
        m = match_once(index, anchor)
    except AnchorError:
        return False
    got = {c.field.name: c.parsed.text for c in m.captures}
    want = {}
    for it in items:
        want[it.ref] = (
            parse_value(it.kind, it.text).text if it.kind in ("median", "bound") else it.text
        )
    return got == want


def _window(index: TextIndex, s: int, e: int, items: list[Item], evidence_start: int) -> str | None:
    """Shortest anchor around ``items`` (starting at the evidence words) that matches once
    and captures exactly the printed values; None when no window does."""
    view = index.view
    first = min(min(it.start for it in items), evidence_start)
    last = max(max(it.end, it.reach) for it in items)
    for pad in (0, 40, 100, 10_000):
        a = max(s, first - pad)
        while a > s and view[a - 1] != " ":
            a -= 1
        b = min(e, last + pad // 2 + 12)
        while b < e and view[b] not in " ":
            b += 1
        anchor = _anchor(index, a, b, items)
        if anchor and len(anchor) >= 8 and _verified(index, anchor, items):
            return anchor
    # the sentence is printed twice (abstract and results): take words around it too
    for a, b in ((max(0, s - 80), e), (s, min(len(view), e + 80))):
        while a > 0 and view[a - 1] != " ":
            a += 1
        while b < len(view) and view[b] != " ":
            b -= 1
        anchor = _anchor(index, a, b, items)
        if anchor and _verified(index, anchor, items):
            return anchor
    return None


# ---------------------------------------------------------------- the draft


def alias_pattern(alias: str) -> str:
    """A cohort's name as a pattern of whole words ("lanreotide alone" is also printed
    "lanreotide-alone")."""
    return r"(?<![\w-])" + r"[\s-]+".join(map(re.escape, alias.split())) + r"(?![\w])"


def _named(passage: str, cohorts: list[dict]) -> list[tuple[int, str]]:
    """(position, cohort id) of each cohort name printed in ``passage``, in order."""
    out = []
    # a name inside a protocol term is no cohort's ("control" of "disease control rate")
    terms = [(t.start, t.end) for t in find_terms(passage)]
    for c in cohorts:
        names = c.get("patterns") or [
            alias_pattern(alias) for alias in c.get("aliases", [c["label"]])
        ]
        for pattern in names:
            for m in re.finditer(pattern, passage, flags=re.I if "patterns" in c else 0):
                if not any(a <= m.start() and m.end() <= b for a, b in terms):
                    out.append((m.start(), c["id"]))
    return sorted(set(out))


def _cohort_of(passage: str, cohorts: list[dict], scope: tuple | None = None) -> str | None:
    """The one cohort a sentence names; else, when it names none, the cohort of the
    subheading it is printed under (``scope``, :mod:`.draft_headings`)."""
    if len(cohorts) == 1:
        return cohorts[0]["id"]
    named = {cid for _at, cid in _named(passage, cohorts)}
    if not named and scope is not None:
        return scope[0]
    if _unnameable(cohorts):
        return None  # the sentence may be about the cohort no name finds
    return named.pop() if len(named) == 1 else None


def _unnameable(cohorts: list[dict]) -> bool:
    """Some cohort has no name a sentence can be found by ("pancreatic" beside
    "extrapancreatic"): a sentence naming one other cohort only may be about it too."""
    return any(not c.get("patterns") and c.get("aliases", True) == [] for c in cohorts)


# what makes a sentence a comparison of two of the paper's cohorts, not a subgroup: "23.9
# months with A versus 14.1 months with B (HR 0.57, 95% CI 0.41-0.79; p<0.001)"
_COMPARISON = re.compile(r"(?i)\bversus\b|\bvs\b\.?|\bhazard ratio\b|\bHR\b|\bp\s*[<=>]\s*0?\.\d+")


_VERSUS = re.compile(r"(?i)\bversus\b|\bvs\b")


def _own_control(passage: str, cohorts: list[dict]) -> str:
    """``passage`` with "control group/arm" blanked (same length) where the paper's arms,
    printed with their sizes, include one named "control": there it is a cohort of the
    paper, not a comparator outside it."""
    if not any(
        "size" in c and "control" in {_slug(x) for x in [c["label"], *c.get("aliases", [])]}
        for c in cohorts
    ):
        return passage
    return re.sub(r"(?i)\bcontrol (?:arm|group)\b", lambda m: " " * len(m.group(0)), passage)


def compared(passage: str, base: int, items: list[Item]) -> list[Item] | None:
    """The items of a passage that is subgroup-free but for comparison words ("versus",
    "HR", a p-value), less those printed from its first hazard ratio on (the ratio and its
    CI are no median's); None when it is no such comparison.  Whose each value is, its
    clause must still say (:func:`_by_clause`)."""
    if not _COMPARISON.search(passage) or _SUBGROUP.search(_COMPARISON.sub(" ", passage)):
        return None
    hr = re.search(r"(?i)\bhazard ratio\b|\bHR\b", passage)
    return [it for it in items if hr is None or it.start < base + hr.start()] or None


def compared_beside_landmark(passage: str, base: int, items: list[Item]) -> list[Item] | None:
    """ "Median PFS was 22.7 months with A and 14.4 months with B (HR 0.58), and the 2-year
    PFS rate 47% versus 30%": the items printed before the first hazard ratio and before the
    clause of the first landmark, when comparison words and a landmark together are all that
    make the passage look like a subgroup; None otherwise.  Whose each value is, its clause
    must still say (:func:`_by_clause`)."""
    if _SUBGROUP.search(_LANDMARK.sub(" ", _COMPARISON.sub(" ", passage))):
        return None
    if not _LANDMARK.search(passage) or not _COMPARISON.search(passage):
        return None
    from .classify import clauses

    # the values before the clause of the first landmark (the landmark's own come after it)
    mark = _LANDMARK.search(passage).start()
    cut = next((a for a, b in clauses(passage) if a <= mark < b), mark)
    hr = re.search(r"(?i)\bhazard ratio\b|\bHR\b", passage)
    end = min(cut, hr.start()) if hr else cut
    return [it for it in items if it.start < base + end] or None


# a landmark rate ("the 12-month PFS rate", "OS at 2 years"): no median, and no subgroup
_LANDMARK = re.compile(r"(?i)\b\d+-(?:year|month)\b|\bat \d+ (?:months|years)\b|\brate at\b")


# what bars a sentence from pairing its values with two arms in order (:mod:`.draft_arm_order`)
_NOT_PLAIN = (_SUBGROUP, _LANDMARK, re.compile(r"(?i)^\s*(?:among|of|in) (?:them|these|those)\b"))


def beside_landmark(passage: str, base: int, items: list[Item]) -> list[Item] | None:
    """ "The 12-month PFS rate was 72% and median PFS 21.0 months": the items of the clauses
    that print no landmark and name a protocol term of their own, when a landmark is all
    that makes the passage look like a subgroup; None otherwise."""
    from .classify import clauses

    if not _LANDMARK.search(passage) or _SUBGROUP.search(_LANDMARK.sub(" ", passage)):
        return None
    ok = [
        (a, b)
        for a, b in clauses(passage)
        if not _LANDMARK.search(passage[a:b]) and find_terms(passage[a:b])
    ]
    return [it for it in items if any(a <= it.start - base < b for a, b in ok)] or None


def _by_clause(passage: str, base: int, items: list[Item], cohorts: list[dict]) -> dict | None:
    """Items of a sentence naming several cohorts, each by the one cohort its clause names
    ("not reached in the A arm and 8.4 months in the B arm"); a median follow-up whose
    clause names none is left out ("After a median follow-up of 23 months, ..."); None when
    another item's clause names none or several (a sentence placed in part may be about a
    subgroup: "of these, 45% had SD after A"), or no item is left."""
    from .classify import clauses

    out: dict[str, list[Item]] = {}
    spans = clauses(passage)
    for it in items:
        a, b = next(((a, b) for a, b in spans if a <= it.start - base < b), (0, len(passage)))
        named = {cid for _at, cid in _named(passage[a:b], cohorts)}
        if not named and it.ref.startswith("followup_median."):
            continue
        if len(named) != 1:
            return None
        out.setdefault(named.pop(), []).append(it)
    return out or None


_COUNT_PCT = re.compile(
    rf"(?<!of ){_B}(?P<c>{_CNT}){_E}\s*(?:patients?\s*)?\(\s*(?P<p>\d+(?:\.\d+)?)\s*%\s*\)"
)
# a count over its n: "26 of 118", "(52/66)", "4/66"
_OVER_N = re.compile(rf"{_B}{_CNT}{_E}\s*(?:\([^()]*\)\s*)?(?:of|/)\s*(?P<n>\d+){_E}")


def _over_the_whole(passage: str, items: list[Item], cohorts: list[dict]) -> dict | None:
    """A sentence naming none of the cohorts of a paper split into its whole and parts
    ("all", "pancreatic", "non-pancreatic") is the whole's when every count it prints is over
    the whole's size ("in 26 of 118 patients", "(52/66)") and every count with its
    percentage fits the whole's size and no part's ("in 6 patients (5.1%)" of 118, not of 47
    or 71); None otherwise (a part may be named in words the drafter does not know)."""
    whole = [c for c in cohorts if c["id"].endswith("_all") and "size" in c]
    if len(whole) != 1 or _named(passage, cohorts):
        return None
    from .numbers import parse

    size = parse("count", whole[0]["size"][0].text).value
    parts = [parse("count", c["size"][0].text).value for c in cohorts if "size" in c]
    over = [parse("count", m.group("n")).value for m in _OVER_N.finditer(passage)]
    # "in 6 patients (5.1%)": a percentage that only the whole's size gives
    pcts = [
        (parse("count", m.group("c")).value, m.group("p")) for m in _COUNT_PCT.finditer(passage)
    ]

    def fits(c: float, p: str, n: float) -> bool:
        decimals = len(p.split(".")[1]) if "." in p else 0
        return n > 0 and round(100 * c / n, decimals) == float(p)

    only_whole = all(
        fits(c, p, size) and not any(fits(c, p, n) for n in parts if n != size) for c, p in pcts
    )
    if not (over or pcts) or any(n != size for n in over) or not only_whole:
        return None
    return {whole[0]["id"]: items}


def _respectively_cohorts(passage: str, base: int, cohorts: list[dict]) -> dict | None:
    """ "The DCRs were 88% and 67% in the A and B arms, respectively": the values pair in
    order with the cohorts named after them, one statistic for all, read from the first
    cohort's values (their clause names it).  None unless every value pairs."""
    whole, complete = _raw_values(passage)
    cut = passage.lower().find("respectively")
    vals = [r for r in whole if r[2] <= cut]
    if not complete or not vals or not respectively_subjects_follow(passage, whole):
        return None
    tail = passage[vals[-1][2] : cut]
    subjects = [cid for _at, cid in _named(tail, cohorts)]
    if len(subjects) < 2 or len(set(subjects)) != len(subjects) or len(vals) % len(subjects):
        return None
    before = {(t.endpoint, t.stem) for t in find_terms(passage[: vals[0][1]])}
    if find_terms(tail) or len(before) != 1:
        return None  # one statistic for every cohort, named once before the values
    k = len(vals) // len(subjects)
    chunks = [vals[i * k : (i + 1) * k] for i in range(len(subjects))]
    if len({tuple(r[0] for r in ch) for ch in chunks}) != 1:
        return None
    first = []
    for name, s, _e, _v in chunks[0]:
        kind = {"median_nr": "median"}.get(name, name)
        if kind not in ("count", "pct", "median"):
            return None
        g = classify(passage, s, kind)
        if g is None:
            return None
        first.append((g, kind))
    out: dict[str, list[Item]] = {}
    for cid, chunk in zip(subjects, chunks, strict=True):
        out[cid] = [
            Item(
                f"{g.endpoint}.{g.statistic}",
                _TYPE[kind],
                base + s,
                base + e,
                v,
                f"{g.evidence} + respectively over cohorts",
            )
            for (g, kind), (_n, s, e, v) in zip(first, chunk, strict=True)
        ]
    return out


def _group(items: list[Item]) -> list[list[Item]]:
    """Group a passage's items into entries: a median with its CI, a count with its %;
    one entry per passage keeps the anchor count small."""
    return [items] if items else []


def _entries(
    index: TextIndex,
    draft: Draft,
    passage: str,
    s: int,
    e: int,
    line: int,
    sec: str,
    cohort: str,
    items: list[Item],
    previous: tuple[int, int] | None = None,
    cohort_why: str = "",
) -> list[Entry]:
    """The entry of one cohort's values in a sentence (none, with the reason, when a
    statistic comes twice or no anchor gives the values back); ``previous``: the view span
    of the sentence before, whose population the sentence may continue."""
    items = without_breakdown(passage, s, items)  # "11.0 months (14.3 for A and 8.2 for B)"
    refs = [i.ref for i in items]
    if len(set(refs)) != len(refs):
        twice = [i.ref for i in items if i.evidence.endswith(INHERITED)]
        why = (
            f"{twice[0]} and more values like it with no term: groups or arms?"
            if twice
            else "one statistic twice"
        )
        draft.left_out.append(f"line {line}: {_short(passage)} -- {why}")
        return []
    pop_n = population_n(passage, s, items, draft.whole_n)
    if pop_n is None and previous is not None:
        ps, pe = previous
        got = continued_population(index.view[ps:pe], passage, refs)
        if got is not None:
            a, b, printed, joined = got
            pop_n = Item(joined, "count", ps + a, ps + b, printed, "the sentence before")
            s = ps  # the anchor may start in the sentence before
    if pop_n is None:
        got = trailing_population(passage, refs, max(i.end for i in items) - s)
        if got is not None:
            a, b, printed, joined = got
            pop_n = Item(joined, "count", s + a, s + b, printed, "'in N patients' ending it")
    if pop_n is not None:
        items = [pop_n, *items]
    ev_start = min(i.start for i in items)
    terms = find_terms(passage)
    if terms:
        ev_start = min(ev_start, s + terms[0].start)
    anchor = _window(index, s, e, items, ev_start)
    if anchor is None:
        draft.left_out.append(
            f"line {line}: {_short(passage)} -- no anchor gives back the printed values "
            "(a number form the placeholders cannot read yet?)"
        )
        return []
    return [
        Entry(
            cohort,
            "results" if sec == "results" else "abstract",
            anchor,
            items,
            line,
            "; ".join(f"{i.ref} <- {i.evidence}" for i in items),
            cohort_why=cohort_why,
        )
    ]


def draft_spec(paper_id: str, text: str) -> Draft:
    index = index_of(text)
    sections = line_sections(text)
    cohorts = propose_cohorts(paper_id, index, sections)
    draft = Draft(paper_id, cohorts)
    view = index.view
    lines = text.split("\n")
    candidates: list[Entry] = []
    # prose: sentences of the results (and abstract results)
    spans = sentence_spans(index, sections)
    scopes = heading_scopes(lines, sections, cohorts, _named)
    sizes: list[tuple] = []
    if len(cohorts) == 1:
        draft.whole_n = _one_printed_size(index, sections, lines, spans)
    prev_cohort: str | None = None
    last_span: tuple[int, int] | None = None
    arms_in_order = orders_agree([view[s:e] for s, e in spans], cohorts, _named)
    mentions: list[tuple[int, int, str, str]] = []
    for s, e in spans:
        line = index.view_line(s)
        sec = sections[line - 1]
        if sec not in ("results", "abstract") or "\t" in lines[line - 1]:
            continue
        last_line = index.view_line(max(s, e - 1))
        if any(sections[k] == "table" for k in range(line - 1, last_line)):
            continue
        passage = view[s:e]
        if len(cohorts) == 1:
            draft.other_sizes += not_evaluable(cohorts[0]["id"], passage)
        if find_terms(passage) and re.search(r"\d", passage) and len(draft.passages) < 40:
            draft.passages.append(f"line {line}: {_short(passage)}")
        scope = scopes.get(line - 1)
        draft.median_populations |= _median_population(passage)
        found = population_mentions(passage)
        if len(cohorts) == 1:
            candidates += _population_sizes(index, draft, passage, s, line, sec, found)
        owners = _mention_cohorts(passage, [x[0] for x in found], cohorts, scope)
        mentions += [
            (s + a, printed, pop, own)
            for (a, _b, printed, pop), own in zip(found, owners, strict=True)
        ]
        previous, prev_cohort = prev_cohort, _cohort_of(passage, cohorts, scope)
        span_before, last_span = last_span, (s, e)
        by_heading = (
            f"printed under the subheading {scope[2]!r} (line {scope[1]}), naming no cohort"
            if scope and not _named(passage, cohorts)
            else ""
        )
        items, why_not = _items_of(passage, s)
        if why_not and not items and len(cohorts) > 1 and why_not[0].endswith("groups or arms?"):
            items, _ = _items_of(passage, s, groups=True)  # placed by clause below, or left out
        if why_not and not items:
            draft.left_out.append(f"line {line}: {_short(passage)} -- {why_not[0]}")
        size = [
            m
            for m in size_matches(passage)
            if _whole_number(passage, m.start(size_group(m)), m.end(size_group(m)))
        ]
        if len(size) == 1 and not find_terms(passage) and not items:
            g = size_group(size[0])
            # "118 patients who received at least one dose formed the safety population"
            named = _named_set(passage, size[0].end())
            restricted = _RESTRICTED_SIZE.search(size[0].group(0)) or named
            # patients who received the treatment are its safety population; a single
            # cohort's size stands for every population anyway (_cohort_size_refs)
            treated = len(cohorts) > 1 and _TREATED.search(passage)
            sizes.append(
                (
                    sec != "results",
                    line,
                    s,
                    e,
                    Item.of_group(
                        # "Thirty-one patients had restaging imaging and were evaluable": the
                        # population assessed (for safety when it says so), not the cohort
                        (
                            f"cohort_size.n_{named}"
                            if named
                            else restricted_ref(passage, size[0].start(g))
                        )
                        if restricted
                        else "cohort_size.n_enrolled"
                        + ("|cohort_size.n_safety" if treated else ""),
                        "count",
                        size[0],
                        g,
                        s,
                        f"{size[0].group(0)!r}" + (" + 'received'" if treated else ""),
                    ),
                    # several cohorts: only the opening of a cohort's own subsection says
                    # its size ("In total, 7 patients had surgery after A" is no size of A)
                    _cohort_of(passage, cohorts) if len(cohorts) == 1 else by_heading and scope[0],
                )
            )
            if len(cohorts) == 1 and g != "count3":
                candidates += _evaluable_after_size(
                    index, draft, passage, s, line, sec, size[0], cohorts
                )
            continue
        if not items and len(cohorts) > 1:
            candidates += labelled_sizes(index, passage, s, line, sec, cohorts)
        paired = (
            _respectively_cohorts(passage, s, cohorts)
            or terms_by_cohort(passage, s, cohorts, *_raw_values(passage), _named, _JOIN)
            if not items and len(cohorts) > 1 and "respectively" in passage.lower()
            else None
        )
        ordered = (
            in_arm_order(
                passage,
                s,
                cohorts,
                _named,
                _raw_values,
                _TYPE,
                _ARM_WORDS,
                _NOT_PLAIN,
                arms_in_order,
            )
            or not_reached_in_both(passage, s, cohorts, _named, _raw_values, _NOT_PLAIN)
            if len(cohorts) >= 2 and scope is None and not paired
            else None
        )
        if ordered:  # two arms' values in the order the arms were introduced
            for cohort, its in ordered.items():
                candidates += _entries(index, draft, passage, s, e, line, sec, cohort, its)
            continue
        if not items and not paired:
            continue
        opening = whole_cohort_opening(passage, draft.whole_n)
        rest = _own_control(passage[opening.end() :] if opening else passage, cohorts)
        at = s + len(passage) - len(rest)
        kept = (
            compared(rest, at, items) or compared_beside_landmark(rest, at, items)
            if len(cohorts) > 1
            else None
        ) or beside_landmark(rest, at, items)
        if kept:
            items = kept
        elif _SUBGROUP.search(_DATA_AVAILABLE.sub("", rest)):
            draft.left_out.append(
                f"line {line}: {_short(passage)} -- a subgroup, comparison or other study"
            )
            continue
        elif len(cohorts) == 1 and for_a_part(passage, s, items):
            draft.left_out.append(
                f"line {line}: {_short(passage)} -- a value printed for a part of the patients"
                " (groups or arms?)"
            )
            continue
        if paired:
            groups = paired
        elif len(cohorts) == 1 and _ARM_WORDS.search(passage):
            draft.left_out.append(
                f"line {line}: {_short(passage)} -- names an arm or group: its values may not "
                "be the whole cohort's"
            )
            continue
        else:
            cohort = _cohort_of(passage, cohorts, scope)
            if cohort is None and re.match(r"(?i)(?:among|of|in) (?:them|these|those)\b", passage):
                cohort = previous  # "Among them, ..." continues the sentence before
            if len(cohorts) > 1 and _VERSUS.search(passage):
                cohort = None  # "20% vs 8% in A": the sentence's one name owns one side only
            groups = (
                {cohort: items}
                if cohort
                else _by_clause(passage, s, items, cohorts)
                or _over_the_whole(passage, items, cohorts)
            )
        if not groups:
            draft.left_out.append(
                f"line {line}: {_short(passage)} -- names no single cohort "
                f"({', '.join(c['label'] for c in cohorts)})"
            )
            continue
        for cohort, its in groups.items():
            candidates += _entries(
                index, draft, passage, s, e, line, sec, cohort, its, span_before, by_heading
            )
    for c in cohorts:  # arms printed with their sizes
        if "size" in c:
            item, a, b, ev = c["size"]
            anchor = _window(index, a, b, [item], ev)
            if anchor:
                line = index.view_line(a)
                sec = sections[line - 1]
                candidates.append(
                    Entry(
                        c["id"],
                        "results" if sec == "results" else "abstract",
                        anchor,
                        [item],
                        line,
                        f"cohort_size <- {item.evidence}",
                    )
                )
    _cohort_size(index, sizes, cohorts, candidates, draft.left_out, draft.other_sizes)
    # tables: toxicity rows under a grade header
    header_rows: set[int] = set()
    offset = 0
    line_view_start = {}
    for k in range(len(lines)):
        line_view_start[k] = None
    for k, ln in enumerate(lines):
        if sections[k] != "table":
            continue
        row_view = re.sub(r"\s+", " ", ln).strip()
        if not row_view:
            continue
        at = view.find(row_view, offset)
        if at < 0 or index.view_line(at) != k + 1:
            continue
        offset = at
        by_cohort = table_items(index, lines, k, at, cohorts, _named)
        row_of = cohort_row_items(index, lines, k, at, cohorts, _named)
        if row_of and not by_cohort:
            by_cohort = {row_of[0]: row_of[1]}
        if not by_cohort:
            continue
        if None in by_cohort and len(cohorts) != 1:
            draft.left_out.append(f"line {k + 1}: table row {row_view[:60]!r} -- which cohort?")
            continue
        sized = safety_sizes(index, lines, k, cohorts, _named) if None not in by_cohort else None
        if sized and sized[0] not in header_rows:
            head, a, b, sizes_of = sized
            header_rows.add(head)
            for cid, (item, cell) in sizes_of.items():
                anchor = _window(index, a, b, [item], cell)
                if anchor:
                    candidates.append(Entry(cid, "table", anchor, [item], head + 1, item.evidence))
        for cohort, items in by_cohort.items():
            cid = cohort or cohorts[0]["id"]
            anchor = _window(index, at, at + len(row_view), items, at)
            if anchor is None:
                draft.left_out.append(
                    f"line {k + 1}: table row {row_view[:60]!r} -- no unique anchor"
                )
                continue
            candidates.append(
                Entry(
                    cid,
                    "table",
                    anchor,
                    items,
                    k + 1,
                    "; ".join(f"{i.ref} <- {i.evidence}" for i in items),
                    cohort_why=f"its column's header names it ({items[0].evidence})"
                    if cohort
                    else "",
                )
            )
    # tables rendered as stacked rows: a toxicity line, then one "Grade 3 1 (5)" line per grade
    for k in range(len(lines)):
        stacked = stacked_tox_items(index, lines, sections, k)
        if stacked is None:
            continue
        items, a, b = stacked
        if len(cohorts) != 1:
            draft.left_out.append(
                f"line {k + 1}: table rows of {lines[k].strip()!r} -- which cohort?"
            )
            continue
        anchor = _window(index, a, b, items, a)
        if anchor is None:
            draft.left_out.append(
                f"line {k + 1}: table rows of {lines[k].strip()!r} -- no unique anchor"
            )
            continue
        candidates.append(
            Entry(
                cohorts[0]["id"],
                "table",
                anchor,
                items,
                k + 1,
                "; ".join(f"{i.ref} <- {i.evidence}" for i in items),
            )
        )
    if len(cohorts) == 1:
        candidates += _implied_zeros(index, lines, sections, spans, candidates, cohorts[0]["id"])
        candidates = _unless_divided(index, sections, spans, candidates, draft.left_out)
    draft.candidates = candidates
    draft.entries = _resolve_conflicts(candidates, draft.left_out)
    # read means drafted: a population whose entry a conflict left out still bars a larger
    # size ("231 formed the efficacy population" beside "orr.n printed differently")
    draft.subsets = _unread_populations(mentions, draft.entries)
    return draft


# the n of each population a single cohort's sentence prints as that population
_POPULATION_REFS = {
    "efficacy": "best_response.n|orr.n|dcr.n|cohort_size.n_efficacy",
    "safety": "cohort_size.n_safety",
}


def _population_sizes(index, draft, passage, base, line, sec, found) -> list[Entry]:
    """ "Fifty-eight started treatment and formed the safety population; 52 had at least one
    on-treatment scan and were evaluable for response": 58 is the safety n, 52 the n of the
    response, ORR and DCR (and the efficacy population's unless the cohort prints another
    candidate for it, as for :func:`_evaluable_after_size`): each the one count printed as
    that population in so many words, in a clause naming no protocol statistic."""
    out = []
    cohort = draft.cohorts[0]["id"]
    by_pop: dict[str, list[tuple[int, int, str]]] = {}
    matches = {m.span(size_group(m)): m for m in COHORT_SIZE.finditer(passage)}
    sizes = {span: m.group(size_group(m)) for span, m in matches.items()}
    for a, b, printed, _pop in found:
        if (a, b) in matches and (
            len(matches) == 1 and not _named_set(passage, matches[(a, b)].end())
        ):
            continue  # the cohort's size ("45 were enrolled and received ..."): _cohort_size
        pop = named_population(passage, a)
        if pop and (a, b, printed) not in by_pop.get(pop, []):
            by_pop.setdefault(pop, []).append((a, b, printed))
    for pop, counts in by_pop.items():
        named = [c for c in counts if _named_set(passage, c[1])]
        counts = named if len(named) == 1 else counts  # "201 ... formed the safety population"
        if len(counts) != 1:
            continue  # two counts for one population: whose is which?
        a, b, printed = counts[0]
        end = passage.find(";", a)
        clause_start = passage.rfind(";", 0, a) + 1
        clause = passage[clause_start : end if end >= 0 else len(passage)]
        if find_terms(clause) or not _whole_number(passage, a, b):
            continue
        # "Sixty patients were enrolled and 52 were evaluable for response; 14 had ...": the
        # size the sentence prints (not drafted beside its statistics) is another candidate
        for printed_size in sizes.values():
            draft.other_sizes += restricted_sizes(cohort, printed_size, pop)
        item = Item(
            _POPULATION_REFS[pop],
            "count",
            base + a,
            base + b,
            printed,
            f"{passage[a : a + 60]!r}: printed as the {pop} population",
        )
        anchor = _window(index, base, base + len(passage), [item], item.start)
        if anchor:
            section = "results" if sec == "results" else "abstract"
            out.append(
                Entry(cohort, section, anchor, [item], line, f"cohort_size <- {item.evidence}")
            )
    return out


def _unread_populations(mentions, candidates) -> list[tuple[str, str, str]]:
    """(cohort, ref, printed) of the restricted populations (view offset, printed n,
    population, the cohorts it may be of) that no drafted item reads as an n."""
    read = {
        it.start
        for en in candidates
        for it in en.items
        if any(r.startswith("cohort_size.") or r.endswith(".n") for r in it.ref.split("|"))
    }
    out = []
    for at, printed, pop, cohort_ids in mentions:
        if at not in read:
            for cid in cohort_ids:
                out += restricted_sizes(cid, printed, pop)
    return out


def _mention_cohorts(passage: str, at: list[int], cohorts: list[dict], scope) -> list[list[str]]:
    """The cohorts each population printed at ``at`` may be of: the one the sentence (or its
    subheading) names; with several named, each cohort's own when each name is followed by
    its one count ("R-PRRT was evaluated in 168 patients and RR-PRRT in 13"); else every
    cohort ("(pancreatic / extrapancreatic) ... 42 / 38", "respectively")."""
    every = [c["id"] for c in cohorts]
    if _unnameable(cohorts):
        return [every for _ in at]
    one = _cohort_of(passage, cohorts, scope)
    if one is not None:
        return [[one] for _ in at]
    named = _named(passage, cohorts)
    events = sorted([(pos, "name", cid) for pos, cid in named] + [(a, "n", "") for a in at])
    kinds = [k for _pos, k, _cid in events]
    interleaved = (
        bool(named)
        and "respectively" not in passage.lower()
        and kinds == ["name", "n"] * (len(kinds) // 2)
    )
    if not interleaved:
        return [every for _ in at]
    owner = {events[i + 1][0]: events[i][2] for i in range(0, len(events), 2)}
    return [[owner[a]] for a in at]


def _unless_divided(index, sections, spans, candidates, left_out) -> list[Entry]:
    """A one-cohort draft of a paper that divides its patients into groups it could not
    name as cohorts ("PRRT (n = 30) or sunitinib (n = 30)"): any value may be one group's,
    so none is drafted; each is listed for the reviewer."""
    for s, e in spans:
        line = index.view_line(s)
        passage = index.view[s:e]
        if (
            sections[line - 1] in ("results", "abstract")
            and divides_patients(passage)
            # (an aside in brackets does not make the sentence a list of reasons: "(dose
            # reduced due to toxicity)")
            and not _NOT_ARMS.search(re.sub(r"\([^()]*\)", "", passage))
            and not re.search(r"(?i)\bbecause\b", passage)
        ):
            break
    else:
        return candidates
    for en in candidates:
        left_out.append(
            f"line {en.line}: {', '.join(en.values)} -- the paper divides its patients into "
            f"groups (line {line}) not drafted as cohorts: whose values are these?"
        )
    return []


def _implied_zeros(index, lines, sections, spans, candidates, cohort) -> list[Entry]:
    """Grade 3 and 4 = 0, implied, for each row of a toxicity table with grade 1 and 2
    columns only, unless the paper's results or abstract print a grade >= 3 of that
    toxicity or another entry gives one."""
    from .classify import grade_statistic

    severe = set()
    for s, e in spans:
        if sections[index.view_line(s) - 1] not in ("results", "abstract"):
            continue
        passage = index.view[s:e]
        if any(grade_statistic(g.group(0)) for g in GRADE.finditer(passage)):
            severe |= {t.endpoint for t in find_terms(passage)}
    given = {r.split(".")[0] for en in candidates for r in en.values}
    out = []
    for k, endpoint, header in low_grade_tables(lines, sections):
        if endpoint in severe or endpoint in given:
            continue
        row = re.sub(r"\s+", " ", lines[k]).strip()
        try:
            match_once(index, row)
        except AnchorError:
            continue
        out.append(
            Entry(
                cohort,
                "table",
                row,
                [],
                k + 1,
                f"implied_zero <- a toxicity table with columns {header} only, and no grade "
                f">= 3 {endpoint[len('tox_g3plus_') :]} in the results",
                implied=[f"{endpoint}.g3", f"{endpoint}.g4"],
            )
        )
    return out


_EVALUATED = re.compile(r"(?i)\b(?:evaluated|assessed|analy[sz]ed|available|evaluable)\b")
_POPULATION_WORDS = {
    "n_safety": re.compile(r"(?i)\b(?:safety|toxicit\w*|adverse)\b"),
    "n_efficacy": re.compile(r"(?i)\b(?:efficacy|response|responses|evaluable)\b"),
}


def labelled_sizes(
    index: TextIndex, passage: str, base: int, line: int, sec: str, cohorts: list[dict]
) -> list[Entry]:
    """ "Safety was evaluated in 181 R-PRRT patients and 13 RR-PRRT patients": the size of
    each cohort whose label is printed between its number and "patients", when the sentence
    says which population (safety or efficacy) and that it was evaluated; one entry each."""
    pops = [k for k, pat in _POPULATION_WORDS.items() if pat.search(passage)]
    if len(pops) != 1 or not _EVALUATED.search(passage) or find_terms(passage):
        return []
    by_label = {c["label"]: c["id"] for c in cohorts if c["label"]}
    found = [
        m
        for m in re.finditer(rf"{_B}(?P<n>{_CNT}){_E}\s+(?P<label>\S+)\s+patients?\b", passage)
        if m.group("label") in by_label and _whole_number(passage, m.start("n"), m.end("n"))
    ]
    labels = [m.group("label") for m in found]
    if not found or len(set(labels)) != len(labels):
        return []
    # "Response was evaluable in ...": the response's n, and the efficacy population's
    # unless the cohort prints another size for it (_drop_ambiguous_sizes)
    response = pops == ["n_efficacy"] and not re.search(r"(?i)\befficacy\b", passage)
    ref = ("best_response.n|" if response else "") + f"cohort_size.{pops[0]}"
    out = []
    for m in found:
        item = Item(
            ref,
            "count",
            base + m.start("n"),
            base + m.end("n"),
            m.group("n"),
            f"{m.group(0)!r} in a sentence on {pops[0][2:]}",
        )
        anchor = _window(index, base, base + len(passage), [item], item.start)
        if anchor:
            out.append(
                Entry(
                    by_label[m.group("label")],
                    "results" if sec == "results" else "abstract",
                    anchor,
                    [item],
                    line,
                    f"cohort_size <- {item.evidence}",
                )
            )
    return out


# after a cohort's size, a smaller population it may go on to print ("47 were evaluable";
# not "all were evaluable")
_SUBSET_AFTER = re.compile(
    rf"(?i)(?<![\w.,/-]){_CNT}(?![\w])\s+(?:patients?\s+)?(?:were\s+|was\s+|had\s+)?"
    r"(?:evaluable|assessable|evaluated|assessed|measurable)\b"
)


def _evaluable_after_size(index, draft, passage, base, line, sec, size, cohorts) -> list[Entry]:
    """ "Of the 45 patients enrolled, 40 were evaluable for response.": 40 is the n of the
    response, ORR and DCR (PROTOCOL.md Amendment 1: all 45 treated are the sensitivity
    analysis sens_all_treated), and the efficacy population's unless the cohort prints
    another candidate for it: the 45 enrolled do, and survival is often counted over all
    treated patients (lazarenko2026's reviewer: "PFS and OS are Kaplan-Meier estimates over
    all 110 treated patients, not over the 102 response-evaluable"), so _drop_ambiguous_sizes
    leaves the medians' n to the reviewer.  "..., 40 were
    evaluable" for safety, or for what the sentence does not say: 40 is another candidate n
    of that population (or both), so the 45 stands for neither."""
    g = size_group(size)
    subset = evaluable_subset(passage, size.end(), size.group(g))
    if subset is None or not _whole_number(passage, subset[0], subset[1]):
        if _SUBSET_AFTER.search(passage, size.end()):
            # "..., of whom 47 were evaluable" in words not read: the size may be no
            # population's n but the enrolled one
            draft.other_sizes += restricted_sizes(cohorts[0]["id"], "a subset not read", "")
        return []
    a, b, printed, pop = subset
    # the subset is another n of its population (or both) whether or not its entry survives
    # (a conflict may drop it later): the cohort's size never stands for that population
    draft.other_sizes += restricted_sizes(cohorts[0]["id"], printed, pop)
    if pop != "efficacy":
        return []
    evidence = repr(passage[size.start(g) : b])
    item = Item(
        "best_response.n|orr.n|dcr.n|cohort_size.n_efficacy",
        "count",
        base + a,
        base + b,
        printed,
        evidence,
    )
    anchor = _window(index, base, base + len(passage), [item], item.start)
    if not anchor:
        return []
    section = "results" if sec == "results" else "abstract"
    return [Entry(cohorts[0]["id"], section, anchor, [item], line, f"cohort_size <- {evidence}")]


def _evaluable_entry(index, size: tuple, cohort: str) -> list[Entry]:
    """A sentence of its own printing the patients evaluable for response or efficacy after
    the cohort's size ("Eighty-three patients had a scan and were evaluable for response"):
    the n of the response, ORR and DCR, as :func:`_evaluable_after_size`."""
    r, line, s, e, item, _c = size
    item = replace(item, ref="best_response.n|orr.n|dcr.n|cohort_size.n_efficacy")
    anchor = _window(index, s, e, [item], item.start)
    section = "abstract" if r else "results"
    return (
        [Entry(cohort, section, anchor, [item], line, f"cohort_size <- {item.evidence}")]
        if anchor
        else []
    )


def _cohort_size(index, sizes, cohorts, candidates, left_out, other_sizes) -> None:
    """Per cohort, the first "N patients were included" of the results (else the abstract)
    that names it or is printed under its subheading, when no other such statement of it is
    larger (later ones are usually subsets)."""
    if not sizes:
        return
    if len(cohorts) != 1 and not any(x[5] for x in sizes):
        left_out.append("cohort sizes: several cohorts, write them by hand")
        return
    from .numbers import parse

    def value(it: Item) -> float:
        try:
            return parse("count", it.text).value
        except ValueError:
            return float("inf")

    for c in cohorts:
        mine = sorted((x for x in sizes if x[5] == c["id"]), key=lambda x: (x[0], x[1]))
        if not mine:
            continue
        _r, line, s, e, item, _c = mine[0]
        larger = [x for x in mine[1:] if value(x[4]) > value(item)]
        # "24 patients were evaluable" after "25 patients were enrolled": another candidate
        # n of either population, so the first size stands for neither (a smaller number
        # "treated" is more often a subgroup treated with something: not taken as evidence)
        for x in mine[1:]:
            if value(x[4]) < value(item) and _EVALUATED.search(x[4].evidence):
                pop = x[4].ref[len("cohort_size.n_") :] if "|" not in x[4].ref else ""
                # (for safety or toxicity: a candidate n of either, as the test of it says)
                other_sizes += restricted_sizes(
                    c["id"], x[4].text, pop if pop == "efficacy" else ""
                )
                if pop == "efficacy":  # "83 ... were evaluable for response" after the size
                    candidates += _evaluable_entry(index, x, c["id"])
        if larger:
            left_out.append(
                f"cohort size: {item.text} (line {line}) but also {larger[0][4].text} "
                f"(line {larger[0][1]}) -- left out"
            )
            continue
        anchor = _window(index, s, e, [item], item.start)
        if anchor:
            candidates.append(
                Entry(
                    c["id"],
                    "results" if not _r else "abstract",
                    anchor,
                    [item],
                    line,
                    f"cohort_size <- {item.evidence}",
                )
            )


def _one_printed_size(index, sections, lines, spans) -> float | None:
    """The value of every "N patients were included" sentence of the results and abstract
    (one size phrase, no protocol term), when they all print the same one."""
    found = set()
    for s, e in spans:
        line = index.view_line(s)
        if sections[line - 1] not in ("results", "abstract") or "\t" in lines[line - 1]:
            continue
        passage = index.view[s:e]
        size = size_matches(passage)
        if len(size) != 1 or find_terms(passage):
            continue
        g = size_group(size[0])
        if not _whole_number(passage, size[0].start(g), size[0].end(g)):
            continue
        found.add(count_value(size[0].group(g)))
    return found.pop() if len(found) == 1 and None not in found else None


def sentence_spans(index: TextIndex, sections: list[str]) -> list[tuple[int, int]]:
    """View spans of sentences; a table row, a heading and a paragraph start a new one."""
    import bisect

    view = index.view
    lines = index.text.split("\n")
    starts = {0} | {m.end() for m in _SENTENCE_END.finditer(view)}
    for k in range(1, len(lines)):
        if (
            sections[k] == "table"
            or sections[k - 1] == "table"
            or not lines[k - 1].strip()
            or _is_heading(lines[k - 1])
        ):
            starts.add(bisect.bisect_left(index.offsets, index.line_starts[k]))
    ordered = sorted(x for x in starts if x < len(view))
    ends = [*ordered[1:], len(view)]
    return [(a, b) for a, b in zip(ordered, ends, strict=True) if view[a:b].strip()]


def _is_heading(line: str) -> bool:
    return re.sub(r"^[#\s\d.]*|[*:\s]*$", "", line).lower() in _HEADINGS


def _short(passage: str) -> str:
    return repr(passage[:70] + ("..." if len(passage) > 70 else ""))


def _same(a: str, b: str) -> bool:
    """The same value printed twice: "83" and "Eighty-three" too."""
    try:
        return float(a.replace(",", "")) == float(b.replace(",", ""))
    except ValueError:
        va, vb = count_value(a), count_value(b)
        return (va is not None and va == vb) or a.lower() == b.lower()


def _most_precise(printed: list[str]) -> str | None:
    """The one value of ``printed`` that every other printing differing from it restates
    rounded to its own decimals ("30.2" of "30.2", "30"; "77.4" of "77.4", "77"), when
    some printing differs; None otherwise (two values, or words)."""
    try:
        nums = [(p, float(p)) for p in printed]
    except ValueError:
        return None

    def decimals(p: str) -> int:
        return len(p.split(".")[1]) if "." in p else 0

    top = max(decimals(p) for p in printed)
    precise = {v for p, v in nums if decimals(p) == top}
    if len(precise) != 1 or all(decimals(p) == top for p in printed):
        return None
    (value,) = precise
    for p, v in nums:
        if abs(v - value) > 0.5 * 10 ** -decimals(p) + 1e-9:
            return None
    return next(p for p in printed if decimals(p) == top)


def _resolve_conflicts(entries: list[Entry], left_out: list[str]) -> list[Entry]:
    """A statistic printed twice the same way: the results one is primary, the other an
    alternative; printed differently: every entry carrying it is left out."""
    by_ref: dict[tuple[str, str], list[tuple[Entry, str]]] = {}
    for en in entries:
        for ref, v in en.values.items():
            by_ref.setdefault((en.cohort, ref), []).append((en, v))
    bad: set[int] = set()
    for (cohort, ref), lst in by_ref.items():
        precise = _most_precise([v for _e, v in lst])
        if precise is not None:
            # "30.2%" in the results and "an ORR of 30%" in the conclusions: one value, the
            # second restated rounded; the rounded restatement's entry is left out
            rounded = [en for en, v in lst if not _same(v, precise)]
            where = ", ".join(f"{v} (line {en.line})" for en, v in lst if not _same(v, precise))
            left_out.append(
                f"{cohort} {ref}: {where} restates {precise} rounded -- the rounded one left out"
            )
            bad.update(id(en) for en in rounded)
            continue
        if len({v for _e, v in lst}) > 1 and not all(_same(lst[0][1], v) for _e, v in lst):
            where = ", ".join(f"{v} (line {en.line})" for en, v in lst)
            left_out.append(f"{cohort} {ref}: printed differently: {where} -- left out")
            bad.update(id(en) for en, _v in lst)
    kept = [en for en in entries if id(en) not in bad]
    for en in kept:
        en.role = "primary"
    kept.sort(key=lambda en: (_PREFER.get(en.section, 3), en.line))
    supplied: set[tuple[str, str]] = set()
    out = []
    for en in kept:
        keys = {(en.cohort, r) for r in en.values}
        if not keys & supplied:
            supplied |= keys
            out.append(en)
        elif keys <= supplied:
            en.role = "alternative"
            out.append(en)
        else:
            # the values another entry gives already (the same, as conflicts are gone) stay
            # printed text in this one's anchor; the rest are its own
            rest = _without(en, supplied)
            if rest is None:
                left_out.append(
                    f"line {en.line}: {en.anchor[:60]!r} -- repeats part of another entry"
                )
                continue
            supplied |= {(rest.cohort, r) for r in rest.values}
            out.append(rest)
    out.sort(key=lambda en: (en.cohort, en.line))
    return out


def _without(en: Entry, supplied: set[tuple[str, str]]) -> Entry | None:
    """``en`` with each item another entry supplies put back as its printed text (the
    anchor still matches the same words once); None when nothing of its own is left."""
    keep, anchor = [], en.anchor
    for it in en.items:
        refs = it.ref.split("|")
        own = [r for r in refs if (en.cohort, r) not in supplied]
        if own == refs:
            keep.append(it)
            continue
        found = re.search(r"\{" + re.escape(it.ref) + r"(?P<kind>:\w+)?\}", anchor)
        if found is None:
            return None
        if own:  # "{best_response.n|cohort_size.n_efficacy}" less the one given elsewhere
            it = replace(it, ref="|".join(own))
            text = "{" + it.ref + (found.group("kind") or "") + "}"
            keep.append(it)
        else:
            text = it.text
        anchor = anchor[: found.start()] + text + anchor[found.end() :]
    if not keep:
        return None
    evidence = "; ".join(f"{i.ref} <- {i.evidence}" for i in keep)
    return Entry(en.cohort, en.section, anchor, keep, en.line, evidence, "primary", en.cohort_why)


# ---------------------------------------------------------------- YAML and validation


def render(draft: Draft) -> str:
    out = [
        f"# Draft extraction spec for {draft.paper_id}, written by `litmeta draft-spec`.",
        "# Review every `# check:` line, then run `litmeta show` on it. Each anchor is copied",
        "# from the paper and matches exactly once; each comment gives the words that decided",
        "# the endpoint and statistic. What the drafter found ambiguous is listed at the end.",
        f"paper_id: {draft.paper_id}",
        "cohorts:",
    ]
    first_of: dict[str, str] = {}
    for c in draft.cohorts:
        out.append(f"  # check: setting {c['setting']}: {c['why']}")
        out.append(f"  - id: {c['id']}")
        if c["label"]:
            out.append(f"    label: {json.dumps(c['label'])}")
        out.append(f"    setting: {c['setting']}")
        if c["setting"] in first_of:  # never pool the same patients twice by default
            out.append(
                f"  # check: pooled_in none because it may hold the same patients as "
                f"{first_of[c['setting']]}; pool it if it does not"
            )
            out.append("    pooled_in: none")
            out.append("    reason_code: overlap")
            out.append(f"    reason: {json.dumps('draft: may overlap ' + first_of[c['setting']])}")
        else:
            first_of[c["setting"]] = c["id"]
            out.append(f"    pooled_in: {c['setting']}")
    out += ["", "values:" if draft.entries else "values: []"]
    if not draft.entries:
        out += [
            "# check: the drafter found no protocol statistic it could anchor unambiguously;",
            "# write the anchors by hand from the passages listed below (and",
            f"# extracted/candidates/{draft.paper_id}.csv)",
        ]
    for en in draft.entries:
        out.append(f"  # line {en.line}: {en.evidence}")
        if len(draft.cohorts) > 1:
            label = next(c["label"] for c in draft.cohorts if c["id"] == en.cohort)
            out.append(
                f"  # check: cohort {en.cohort}: "
                + (en.cohort_why or f"its sentence (or the one it continues) names {label!r}")
            )
        if any(i.ref.startswith("cohort_size.") for i in en.items):
            out.append("  # check: is this every treated patient? efficacy and safety n may differ")
        out.append(f"  - cohort: {en.cohort}")
        out.append(f"    section: {en.section}")
        if en.role != "primary":
            out.append(f"    role: {en.role}")
        out.append(f"    anchor: {json.dumps(en.anchor, ensure_ascii=False)}")
        if en.implied:
            out.append(f"    implied_zero: [{', '.join(en.implied)}]")
    if draft.left_out:
        out += ["", "# Left out (ambiguous or unreadable: read these passages yourself):"]
        out += [f"#   {line}" for line in draft.left_out]
    if not draft.entries and draft.passages:
        out += ["", "# Passages that name a protocol statistic and print a number:"]
        out += [f"#   {line}" for line in draft.passages]
    return "\n".join(out) + "\n"


def _cohort_size_refs(draft: Draft) -> None:
    """A single cohort's size stands for all three populations (a `# check:` says so)."""
    for en in draft.entries:
        for it in en.items:
            if it.ref == "cohort_size.n_enrolled" and len(draft.cohorts) == 1:
                it.ref = "cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety"
        new = (
            en.anchor.replace(
                "{cohort_size.n_enrolled}",
                "{cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety}",
            )
            if len(draft.cohorts) == 1
            else en.anchor
        )
        en.anchor = new


_PATIENTS = re.compile(
    rf"{_B}(?P<n>{_CNT}){_E}\s+(?:[\w-]+\s+)?(?:patients|pts)\b|\(\s*n\s*=\s*(?P<n2>\d+)\s*\)"
)


def _median_population(passage: str) -> set[float]:
    """The counts of patients a sentence naming a survival median prints ("in 110
    patients", "(n = 17)")."""
    if not any(t.endpoint in ("pfs_median", "os_median") for t in find_terms(passage)):
        return set()
    return {
        v
        for m in _PATIENTS.finditer(passage)
        if (v := count_value(m.group("n") or m.group("n2"))) is not None
    }


# the n of a response endpoint: a size printed as the patients response was assessed in
_RESPONSE_N = {"best_response.n", "orr.n", "dcr.n"}


def _stands_for(refs: list[str]) -> list[str]:
    """The restricted populations ("efficacy", "safety") a size drafted for several
    populations stands for ("{cohort_size.n_enrolled|cohort_size.n_safety}"), in order."""
    if len(refs) < 2:
        return []
    return [
        r[len("cohort_size.n_") :]
        for r in refs
        if r in ("cohort_size.n_efficacy", "cohort_size.n_safety")
    ]


def _drop_ambiguous_sizes(draft: Draft) -> None:
    """A size standing for several populations ("{cohort_size.n_enrolled|
    cohort_size.n_safety}") loses each population whose n the cohort also prints otherwise
    (:func:`~litmeta.extract.draft_population.ambiguous_sizes`), with the reason; in the
    entries and in the candidates they are resolved from again."""
    sizes, own, responders = [], [], set()
    for en in draft.entries:
        for it in en.items:
            refs = it.ref.split("|")
            if _RESPONSE_N & set(refs):
                responders.add((en.cohort, it.text))
            stands = _stands_for(refs)
            sizes += [(en.cohort, pop, it.text) for pop in stands]
            own += [
                (en.cohort, r, it.text)
                for r in refs
                if r not in {f"cohort_size.n_{pop}" for pop in stands}
                and (r.endswith(".n") or r.startswith("cohort_size."))
            ]
    enrolled = {(c, count_value(text)) for c, ref, text in own if ref == "cohort_size.n_enrolled"}
    gone = set()  # (cohort, ref, printed n): one size may stand for it while another may not
    for size in sizes:
        # a population printed but not read counts only when it is smaller: a subset
        smaller = [x for x in draft.subsets if _smaller(x[2], size[2])]
        others = own + draft.other_sizes + smaller
        over_whole = {v for c, v in enrolled if c == size[0]} & draft.median_populations
        if size[1] == "efficacy" and (size[0], size[2]) in responders and not over_whole:
            # the patients the paper assessed response in, named so, are its efficacy
            # population (as lazarenko2026's reviewed spec: the 102 of 110 with a RECIST
            # assessment); the whole cohort's size, larger, is no rival for it, unless the
            # paper prints its medians over the whole ("in 110 patients ..., median PFS
            # was"): then the medians' n is the whole's and stays the reviewer's to say
            others = [
                x
                for x in others
                if not ((x[0], count_value(x[2])) in enrolled and _smaller(size[2], x[2]))
            ]
        for cohort, pop, why in ambiguous_sizes([size], others):
            gone.add((cohort, f"cohort_size.n_{pop}", size[2]))
            if f"{cohort}: {why}" not in draft.left_out:
                draft.left_out.append(f"{cohort}: {why}")
    _drop_sizes(draft, gone)


def _drop_infeasible_sizes(draft: Draft) -> None:
    """A size standing for a population loses it when that population's percentages, as
    printed without an n of their own, fit no whole count of it
    (:func:`~litmeta.extract.draft_feasible.misfit`: "The ORR was 27.8%" of "Nineteen
    patients"), with the reason; the percentages were counted over an n not printed."""
    values: dict[str, dict[str, str]] = {}
    sizes = []
    for en in draft.entries:
        for it in en.items:
            refs = it.ref.split("|")
            for r in refs:
                values.setdefault(en.cohort, {})[r] = it.text
            sizes += [(en.cohort, pop, it.text) for pop in _stands_for(refs)]
    gone = set()
    for cohort, pop, printed in sizes:
        own = values[cohort]
        with_n = {r.split(".", 1)[0] for r in own if r.endswith(".n")}
        counted = {
            r: t
            for r, t in own.items()
            if POPULATION.get(r.split(".", 1)[0]) == pop and r.split(".", 1)[0] not in with_n
        }
        why = misfit(printed, counted)
        if why:
            gone.add((cohort, f"cohort_size.n_{pop}", printed))
            reason = f"{cohort}: cohort_size.n_{pop} not drafted from {printed!r}: {why}"
            if reason not in draft.left_out:
                draft.left_out.append(reason)
    _drop_sizes(draft, gone)


def _drop_sizes(draft: Draft, gone: set[tuple[str, str, str]]) -> None:
    """The (cohort, ref, printed n) in ``gone`` taken from the entries and from the
    candidates they are resolved from again."""
    if not gone:
        return
    new: dict[int, Entry] = {}
    for en in [*draft.entries, *draft.candidates]:
        if id(en) not in new:
            new[id(en)] = _without_sizes(en, gone)
    draft.entries = [new[id(en)] for en in draft.entries]
    draft.candidates = [new[id(en)] for en in draft.candidates]


def _smaller(printed: str, than: str) -> bool:
    a, b = count_value(printed), count_value(than)
    return a is not None and b is not None and a < b


def _without_sizes(en: Entry, gone: set[tuple[str, str, str]]) -> Entry:
    """``en`` with the (cohort, ref, printed n) in ``gone`` taken from its items of several
    refs."""
    items, anchor = [], en.anchor
    for it in en.items:
        refs = it.ref.split("|")
        keep = [r for r in refs if (en.cohort, r, it.text) not in gone]
        if len(refs) > 1 and keep != refs:
            new = replace(it, ref="|".join(keep))
            anchor = re.sub(r"\{" + re.escape(it.ref) + r"(?=[:}])", "{" + new.ref, anchor)
            it = new
        items.append(it)
    if anchor == en.anchor:
        return en
    evidence = "; ".join(f"{i.ref} <- {i.evidence}" for i in items)
    return replace(en, anchor=anchor, items=items, evidence=evidence)


def _without_endpoint(en: Entry, reason: str) -> tuple[Entry, str] | None:
    """``en`` less the endpoint a check names as the first words of its reason ("x
    pfs_median.median = 16.6 has no n"), its values put back as printed text, and that
    endpoint; None when the reason names none of the entry's, or nothing else is left."""
    m = re.match(r"\S+ (\w+)\.\w+ = ", reason)
    if m is None:
        return None
    endpoint = m.group(1)
    refs = {r for it in en.items for r in it.ref.split("|")}
    gone = {(en.cohort, r) for r in refs if r.startswith(f"{endpoint}.")}
    if not gone or len(gone) == len(refs):
        return None
    rest = _without(en, gone)
    return (rest, endpoint) if rest is not None else None


def validated(draft: Draft, text: str, source: str = "paper") -> str:
    """Render the draft and run it as a spec; drop each entry the checks reject (with the
    reason as a comment) until it runs.  Raises InputError when nothing is left."""
    from .paper import extract_table
    from .spec import load_spec

    _cohort_size_refs(draft)
    _drop_ambiguous_sizes(draft)
    _drop_infeasible_sizes(draft)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{draft.paper_id}.yaml"
        # each round drops an entry or one endpoint of an entry
        items = sum(len(en.items) for en in draft.entries)
        for _ in range(len(draft.candidates) + len(draft.entries) + items + 2):
            yaml_text = render(draft)
            path.write_text(yaml_text, encoding="utf-8")
            try:
                extract_table(load_spec(path), text, source)
                return yaml_text
            except InputError as exc:
                m = re.search(r"values\[(\d+)\]", exc.where)
                if not m:
                    raise
                k = int(m.group(1))
                en = draft.entries[k]
                rest = _without_endpoint(en, exc.reason)
                draft.left_out.append(
                    f"line {en.line}: {en.anchor[:60]!r} -- the checks reject "
                    + (f"{rest[1]!r} of it" if rest else "it")
                    + f": {exc.reason.splitlines()[0]}"
                )
                if rest:  # the entry's other values stand without the endpoint rejected
                    draft.entries[k] = rest[0]
                    continue
                draft.entries.pop(k)
                if any(c is en for c in draft.candidates):  # an alternative may stand alone
                    draft.candidates = [c for c in draft.candidates if c is not en]
                    draft.entries = _resolve_conflicts(draft.candidates, [])
                    _drop_ambiguous_sizes(draft)
    raise InputError(source, "draft-spec could not make a spec that runs", "write it by hand")


def draft_yaml(paper_id: str, text: str, source: str = "paper") -> str:
    return validated(draft_spec(paper_id, text), text, source)
