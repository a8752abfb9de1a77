"""Synthetic corpus: N papers in the styles of the five real ones, with specs and true values.

    python benchmarks/corpus.py OUT_DIR --n 500 --seed 0

writes, for papers ``0 .. N-1``::

    OUT_DIR/papers/<NNNN>_<hex>.txt       the paper (text as a reviewer would receive it)
    OUT_DIR/extraction/<paper_id>.yaml    its extraction spec (docs/extraction_specs.md)
    OUT_DIR/papers.tsv                    the paper sheet, config/papers.tsv format, with sha256
    OUT_DIR/truth/<paper_id>.json         the values the pipeline must extract

and a Snakemake run reads it with
``--config papers_sheet=OUT_DIR/papers.tsv papers_dir=OUT_DIR/papers specs_dir=OUT_DIR/extraction``.

Paper ``i`` has style ``STYLES[i % 5]``, each modelled on one real paper:

==============  =====================  ===================================================
style           modelled on            what it exercises
==============  =====================  ===================================================
symptomatic     zandee2021 (JCEM)      hard-wrapped PDF text, words hyphenated across line
                                       breaks, a per-grade toxicity table, implied CR = 0
preprint        kalantarhormozi2020    markdown, ``<sup>177</sup>``, ``$\\geq 2$``, ``11/16``
                                       counts, OS with CI, grade I/II table (implied zeros)
frontiers       iqbal2024              ``[¹⁷⁷Lu]`` superscripts, tab-separated tables, counts
                                       spelt out, OS ``not reached``, pancytopenia
retreatment     vanderzwan2019         several cohorts in one table row, ``-`` for none,
                                       salvage cohort pooled, initial and RR cohorts not
realworld       lazarenko2026          tab tables, en dashes and minus signs, ``NE`` bounds,
                                       grade 3-4 column, a reader's ``derive``, PRRT-1/2(/3)
==============  =====================  ===================================================

Each paper is drawn from ``random.Random(f"{seed}:{i}")``, so a corpus is deterministic for a
seed and paper ``i`` is the same whatever N (the N = 5 corpus is the first five papers of the
N = 500 one).  The true values are the model's numbers, not read back from the text: the
ones a spec captures and the ones the protocol derives from them (ORR/DCR events and n, grade
>= 3 events, MDS/AML events, population n).  NR / NE are stored as the strings ``"NR"`` and
``"NE"``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from litmeta.normalise import normalise_line
from litmeta.sheet import COLUMNS as SHEET_COLUMNS  # the paper sheet's columns, in order
from litmeta.tables import num

STYLES = ("symptomatic", "preprint", "frontiers", "retreatment", "realworld")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


CORRECTION = "Correction notice: a typographical error in the affiliations was corrected."

SURNAMES = _words(
    """
    abbasi ahmed andersen baudin becker berg bodei brabander castro chen costa dekker desai
    duarte eriksson ezziddin fischer garcia hamidi hansen hofland ilan jansen kaya kim
    kowalski kwekkeboom larsen lee lopez marini martin meyer moreau mueller nakamura nilsson
    novak oliveira ortega park patel pereira petrov quinn ramos rossi santos schmidt silva
    sorbye strosberg tanaka teunissen vogel wagner wang weber yilmaz zhang
    """
)
INITIALS = ("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "P", "R", "S")
NUMBER_WORDS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)

# ------------------------------------------------------------------------------- filler prose
INTRO = (
    "Neuroendocrine neoplasms are a heterogeneous group of tumours that arise from cells of "
    "the diffuse endocrine system and most often originate in the gastrointestinal tract or "
    "the pancreas.",
    "Their incidence has risen steadily over the last four decades, largely because imaging "
    "and endoscopy detect them more often at an early stage.",
    "Most well-differentiated tumours express somatostatin receptors, which makes them a "
    "target for both imaging and therapy with radiolabelled somatostatin analogues.",
    "Somatostatin analogues control hormonal symptoms and prolong the time to progression, "
    "but they rarely shrink the tumour.",
    "Everolimus and sunitinib are approved for advanced pancreatic tumours, and everolimus "
    "also for tumours of lung and gastrointestinal origin.",
    "Peptide receptor radionuclide therapy delivers beta radiation to tumour cells that "
    "internalise the radiolabelled peptide.",
    "The randomised NETTER-1 trial established the benefit of this treatment over high-dose "
    "octreotide in progressive midgut tumours.",
    "Outside clinical trials, patients are older, more heavily pretreated and often have "
    "tumours of non-midgut origin.",
    "Real-world series are therefore needed to confirm that the results of the trials hold "
    "in routine practice.",
    "The optimal sequence of systemic treatments for advanced disease has not been "
    "established in prospective studies.",
    "Haematological toxicity is usually mild and transient, whereas late myeloid neoplasms "
    "are rare but serious events.",
    "Renal function is protected with an infusion of positively charged amino acids during "
    "each administration.",
)
METHODS = (
    "This retrospective study was approved by the institutional review board, which waived "
    "the need for informed consent for the use of anonymised data.",
    "Eligible patients had a histologically confirmed, well-differentiated tumour with "
    "uptake on somatostatin receptor imaging at least equal to that of the normal liver.",
    "Adequate bone marrow and renal function were required: haemoglobin ≥ 5.5 mmol/L, "
    "platelets ≥ 75 × 10⁹/L and an estimated glomerular filtration rate ≥ 50 mL/min.",
    "Each cycle of 7.4 GBq was given over 30 minutes with an amino acid infusion of "
    "2.5% lysine and 2.5% arginine in 1 L of saline started 30 minutes before.",
    "Cycles were given every 8 to 10 weeks, up to four cycles or a cumulative activity of "
    "29.6 GBq.",
    "Long-acting somatostatin analogues were withheld for at least 4 weeks before each "
    "cycle and resumed after the administration.",
    "Imaging with computed tomography or magnetic resonance imaging was performed at "
    "baseline and every 3 to 6 months thereafter.",
    "Laboratory tests, including complete blood counts and renal and liver function, were "
    "done before each cycle and at each follow-up visit.",
    "Adverse events were graded according to the Common Terminology Criteria for Adverse "
    "Events, version 5.0.",
    "Survival was estimated with the Kaplan–Meier method and compared with the log-rank "
    "test; a two-sided p value below 0.05 was considered significant.",
    "Hazard ratios were estimated with Cox proportional hazards models, with the change in "
    "chromogranin A expressed as Δ = −1.2 log units per halving.",
    "Statistical analyses were performed with R version 4.3 and the survival package.",
)
DISCUSSION = (
    "Our results are consistent with those of earlier retrospective series and of the "
    "randomised trial.",
    "The proportion of patients with an objective response is in the range reported by "
    "other centres, although response criteria and timing of assessment differ.",
    "Toxicity was manageable and in line with the known safety profile of the treatment.",
    "Haematological toxicity was mostly transient and did not lead to treatment "
    "discontinuation in most patients.",
    "The retrospective design, the single-centre setting and the heterogeneity of the "
    "population are the main limitations of this study.",
    "Imaging intervals were not fixed, which may have delayed the detection of progression "
    "in some patients.",
    "Prospective studies comparing treatment sequences are needed to define the place of "
    "this therapy in the course of the disease.",
    "Patient selection on the basis of somatostatin receptor imaging remains essential.",
    "Dosimetry-based activity adjustment could further improve the balance between efficacy "
    "and toxicity.",
    "Longer follow-up is needed to assess the risk of late haematological and renal toxicity.",
)


TOPICS = (
    "somatostatin receptor expression",
    "the chromogranin A level",
    "the Ki-67 index",
    "FDG avidity",
    "the hepatic tumour burden",
    "the presence of bone metastases",
    "prior chemotherapy",
    "prior treatment with everolimus",
    "the neutrophil-to-lymphocyte ratio",
    "the baseline albumin level",
    "the site of the primary tumour",
    "the tumour grade",
    "the number of previous treatment lines",
    "carcinoid heart disease",
    "the baseline renal function",
    "an age above 70 years",
    "the Krenning score",
    "extrahepatic disease",
    "the alkaline phosphatase level",
    "a functioning tumour",
)
OUTCOMES = (
    "time to progression",
    "overall outcome",
    "symptom control",
    "haematological recovery",
    "quality of life",
    "the risk of early progression",
    "long-term disease control",
)
GROUPS = ("pancreatic", "small-intestinal", "grade 2", "FDG-positive", "heavily pretreated")
COMPOSED = (
    "{Topic} was associated with {outcome} in univariable analysis (HR {hr}, 95% CI "
    "{lo}–{hi}; p = {p}).",
    "In {k} patients with data on {topic}, no association with {outcome} was found (p = {p}).",
    "Earlier series reported that {topic} predicts {outcome} after radionuclide therapy {ref}.",
    "{Author} et al. described {k} patients in whom {topic} influenced {outcome} {ref}.",
    "The role of {topic} in selecting patients for treatment remains debated {ref}.",
    "A threshold for {topic} has been proposed, but it has not been validated prospectively {ref}.",
    "The median time to next treatment in the {group} subgroup was {x} months versus {y} "
    "months in the other patients (log-rank p = {p}).",
    "After adjustment for {topic}, {topic2} remained associated with {outcome} (HR {hr}; p = {p}).",
    "{Topic} did not differ between patients with and without {outcome} ({x} vs. {y}; p = {p}).",
    "Whether {topic} should guide the number of cycles is unknown {ref}.",
)
JOURNALS = (
    "J Nucl Med",
    "Eur J Nucl Med Mol Imaging",
    "Lancet Oncol",
    "N Engl J Med",
    "J Clin Oncol",
    "Endocr Relat Cancer",
    "Neuroendocrinology",
    "Clin Nucl Med",
    "Cancers (Basel)",
    "Front Oncol",
)
TITLE_WORDS = (
    "peptide receptor radionuclide therapy",
    "neuroendocrine tumours",
    "177Lu-DOTATATE",
    "long-term outcome",
    "toxicity",
    "survival",
    "somatostatin analogues",
    "gastroenteropancreatic",
    "retreatment",
    "a multicentre study",
    "prognostic factors",
    "dosimetry",
)


def composed(rng: random.Random, ref_style: str) -> str:
    topic, topic2 = rng.sample(TOPICS, 2)
    a = rng.randint(1, 40)
    x = round(rng.uniform(6, 40), 1)
    lo = round(rng.uniform(0.3, 1.2), 2)
    fields = {
        "topic": topic,
        "Topic": topic[0].upper() + topic[1:],
        "topic2": topic2,
        "outcome": rng.choice(OUTCOMES),
        "group": rng.choice(GROUPS),
        "Author": rng.choice(SURNAMES).capitalize(),
        "k": rng.randint(12, 400),
        "hr": f"{lo + rng.uniform(0.05, 0.5):.2f}",
        "lo": f"{lo:.2f}",
        "hi": f"{lo + rng.uniform(0.6, 3):.2f}",
        "p": f"{rng.uniform(0.001, 0.9):.3f}",
        "x": x,
        "y": round(x * rng.uniform(0.4, 1.6), 1),
        "ref": ref_style.format(a=a, b=a + rng.randint(1, 5)),
    }
    return rng.choice(COMPOSED).format(**fields)


def reference(rng: random.Random) -> str:
    authors = ", ".join(
        f"{rng.choice(SURNAMES).capitalize()} {rng.choice(INITIALS)}{rng.choice(INITIALS)}"
        for _ in range(rng.randint(1, 4))
    )
    words = rng.sample(TITLE_WORDS, 3)
    title = f"{words[0][0].upper() + words[0][1:]} and {words[1]} in {words[2]}"
    year = rng.randint(1995, 2025)
    first = rng.randint(1, 3000)
    return (
        f"{authors}, et al. {title}. {rng.choice(JOURNALS)}. {year};{rng.randint(1, 120)}"
        f"({rng.randint(1, 12)}):{first}–{first + rng.randint(5, 15)}."
    )


# ------------------------------------------------------------------------------- helpers
def patients(k: int) -> str:
    return "patient" if k == 1 else "patients"


def pct(count: int, n: int, decimals: int = 1) -> str:
    return f"{100.0 * count / n:.{decimals}f}"


def word(n: int, capital: bool = False) -> str:
    """A count as a word (<= 20, at a sentence start) or digits."""
    if 0 < n < len(NUMBER_WORDS):
        w = NUMBER_WORDS[n]
        return w.capitalize() if capital else w
    return str(n)


def months(x: float) -> str:
    return f"{x:.1f}"


_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


def render(template: str, printed: dict[str, str]) -> tuple[str, str]:
    """Fill ``template`` for the paper and turn it into a spec anchor.

    Placeholders are ``{endpoint.statistic}`` (optionally ``|``-joined refs and ``:type``),
    filled from ``printed[first ref]``, and ``{~key}``, a token the anchor skips (``{_}``).
    The anchor is the normalised text (what ``extracted/text/`` holds), as a spec author
    copies it.
    """

    def paper(m: re.Match[str]) -> str:
        name = m.group(1)
        if name.startswith("~"):
            return printed[name]
        return printed[name.split(":")[0].split("|")[0]]

    def anchor(m: re.Match[str]) -> str:
        name = m.group(1)
        return "{_}" if name.startswith("~") else "{" + name + "}"

    text = _PLACEHOLDER.sub(paper, template)
    spec_anchor = " ".join(normalise_line(_PLACEHOLDER.sub(anchor, template)).split())
    return text, spec_anchor


@dataclass
class Doc:
    """One paper under construction: its lines, its spec entries and its true values."""

    rng: random.Random
    paper_id: str
    width: int | None = None  # hard-wrap width (PDF-like text); None: one line per paragraph
    hyphenate: float = 0.0  # chance to hyphenate a long word at a line break
    trailing: str = ""  # appended to each wrapped line (PDF text often ends lines with a space)
    lines: list[str] = field(default_factory=list)
    cohorts: list[dict] = field(default_factory=list)
    values: list[dict] = field(default_factory=list)
    derive: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)
    truth: dict[str, dict] = field(default_factory=dict)
    ref_style: str = "({a}, {b})"  # how the prose cites references
    _pools: dict[int, list[str]] = field(default_factory=dict)

    # -- spec
    def cohort(self, cid: str, setting: str, pooled_in: str, **extra: str) -> str:
        self.cohorts.append({"id": cid, **extra, "setting": setting, "pooled_in": pooled_in})
        self.truth[cid] = {"setting": setting, "pooled_in": pooled_in, "values": {}}
        return cid

    def put(
        self,
        cohort: str,
        section: str,
        template: str,
        printed: dict[str, str],
        role: str = "primary",
        **extra: object,
    ) -> str:
        """Record a spec value entry for ``template``; return its text for the paper."""
        text, anchor = render(template, printed)
        entry: dict[str, object] = {"cohort": cohort, "section": section, "anchor": anchor}
        if role != "primary":
            entry["role"] = role
        entry.update(extra)
        self.values.append(entry)
        return text

    def note(self, kind: str, detail: str, anchors: list[str], **extra: str) -> None:
        self.notes.append(
            {
                **extra,
                "kind": kind,
                "detail": detail,
                "anchors": [normalise_line(a) for a in anchors],
            }
        )

    def true(self, cohort: str, values: dict[str, object]) -> None:
        self.truth[cohort]["values"].update(values)

    # -- text
    def blank(self) -> None:
        if self.lines and self.lines[-1].strip():
            self.lines.append("")

    def heading(self, text: str) -> None:
        self.blank()
        self.lines.append(text)
        self.lines.append("")

    def block(self, text: str) -> None:
        """Lines as they are (tables, headers)."""
        self.blank()
        self.lines.extend(text.split("\n"))
        self.lines.append("")

    def para(self, *sentences: str) -> None:
        text = " ".join(s for s in sentences if s)
        self.blank()
        if self.width is None:
            self.lines.append(text)
        else:
            self.lines.extend(line + self.trailing for line in self._wrap(text))
        self.lines.append("")

    def filler(self, bank: tuple[str, ...], k: int) -> list[str]:
        """``k`` sentences of background prose: the bank's sentences, each used once per paper
        until the bank is exhausted, mixed with sentences composed from :data:`COMPOSED`."""
        pool = self._pools.setdefault(id(bank), [])
        out = []
        for _ in range(k):
            if self.rng.random() < 0.5:
                out.append(composed(self.rng, self.ref_style))
                continue
            if not pool:
                pool.extend(self.rng.sample(bank, len(bank)))
            out.append(pool.pop())
        return out

    def prose(self, bank: tuple[str, ...], paragraphs: tuple[int, int], k: tuple[int, int]) -> None:
        for _ in range(self.rng.randint(*paragraphs)):
            self.para(*self.filler(bank, self.rng.randint(*k)))

    def references(self, heading: str, numbered: str = "{i}. ") -> None:
        self.heading(heading)
        for i in range(1, self.rng.randint(25, 55) + 1):
            self.lines.append(numbered.format(i=i) + reference(self.rng))
        self.lines.append("")

    def _wrap(self, text: str) -> list[str]:
        width = self.width or 80
        out: list[str] = []
        line = ""
        for w in text.split():
            if not line:
                line = w
                continue
            if len(line) + 1 + len(w) <= width:
                line += " " + w
                continue
            room = width - len(line) - 2  # space + hyphen
            if w.isalpha() and len(w) >= 8 and room >= 3 and self.rng.random() < self.hyphenate:
                cut = self.rng.randint(3, min(room, len(w) - 3))
                if w[cut].islower():
                    out.append(f"{line} {w[:cut]}-")
                    line = w[cut:]
                    continue
            out.append(line)
            line = w
        if line:
            out.append(line)
        return out

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


BASELINE = (
    "Male",
    "Grade 1",
    "Grade 2",
    "Grade 3",
    "Pancreas",
    "Small intestine",
    "Colon or rectum",
    "Stomach",
    "Lung",
    "Unknown primary",
    "Liver metastases",
    "Lymph node metastases",
    "Bone metastases",
    "Peritoneal metastases",
    "Functioning tumour",
    "Prior surgery",
    "Prior somatostatin analogues",
    "Prior chemotherapy",
    "Prior everolimus",
    "Prior sunitinib",
    "Prior liver embolisation",
    "ECOG 0",
    "ECOG 1",
    "ECOG 2",
)


def baseline_rows(rng: random.Random, n: int, cell: str) -> list[str]:
    """Rows of a baseline-characteristics table; ``cell`` formats (label, k, pct1, pct0)."""
    rows = []
    for label in BASELINE:
        if rng.random() < 0.2:
            continue
        k = rng.randint(0, n)
        rows.append(cell.format(label=label, k=k, p1=pct(k, n), p0=pct(k, n, 0)))
    return rows


# ------------------------------------------------------------------------------- the model
@dataclass(frozen=True)
class Response:
    n: int
    cr: int
    pr: int
    sd: int
    pd: int
    ne: int = 0


def draw_response(
    rng: random.Random, n: int, cr: bool = True, ne: int = 0, min_pd: int = 1
) -> Response:
    evaluable = n - ne
    orr = rng.uniform(0.08, 0.5)
    dcr = rng.uniform(max(orr + 0.2, 0.6), 0.95)
    n_cr = min(round(evaluable * rng.uniform(0.0, 0.04)), 3) if cr else 0
    n_pr = max(1, round(evaluable * orr) - n_cr)
    n_sd = max(1, round(evaluable * dcr) - n_cr - n_pr)
    n_pd = evaluable - n_cr - n_pr - n_sd
    while n_pd < min_pd:
        n_sd -= 1
        n_pd += 1
    return Response(n, n_cr, n_pr, n_sd, n_pd, ne)


@dataclass(frozen=True)
class Survival:
    median: float
    low: float
    high: float  # math.inf: not estimable


def draw_survival(rng: random.Random, lo: float, hi: float, ne_chance: float = 0.0) -> Survival:
    m = round(rng.uniform(lo, hi), 1)
    low = round(m * rng.uniform(0.55, 0.9), 1)
    high = math.inf if rng.random() < ne_chance else round(m * rng.uniform(1.12, 1.7), 1)
    return Survival(m, low, high)


def draw_grade(rng: random.Random, n: int, rate: float) -> int:
    return sum(rng.random() < rate for _ in range(n))


def some(rng: random.Random, n: int, rate: float) -> int:
    """At least one event. Used for the pooled cohorts of the symptomatic, frontiers and
    realworld styles (initial) and R-PRRT (salvage): with events in several cohorts of every
    endpoint, the GLMM of every leave-one-out subset can be fitted (litmeta's pool stops on
    an all-zero subset)."""
    return max(1, draw_grade(rng, n, rate))


def tox(
    rng: random.Random, n: int, g3_rate: float, g4_rate: float, at_least_one: bool = False
) -> tuple[int, int]:
    g3 = draw_grade(rng, n, rng.uniform(0, g3_rate))
    g4 = draw_grade(rng, n, rng.uniform(0, g4_rate))
    return (max(g3, 1) if at_least_one and g3 + g4 == 0 else g3), g4


def response_truth(r: Response) -> dict[str, object]:
    return {
        "best_response.n": r.n,
        "best_response.cr": r.cr,
        "best_response.pr": r.pr,
        "best_response.sd": r.sd,
        "best_response.pd": r.pd,
        "orr.events": r.cr + r.pr,
        "orr.n": r.n,
        "dcr.events": r.cr + r.pr + r.sd,
        "dcr.n": r.n,
    }


def survival_truth(endpoint: str, s: Survival, n: int, ci: bool = True) -> dict[str, object]:
    out: dict[str, object] = {f"{endpoint}.median": s.median, f"{endpoint}.n": n}
    if ci:
        out[f"{endpoint}.ci_low"] = s.low
        out[f"{endpoint}.ci_high"] = "NE" if math.isinf(s.high) else s.high
    return out


def bound(x: float) -> str:
    return "NE" if math.isinf(x) else months(x)


# ------------------------------------------------------------------------------- styles
def style_symptomatic(doc: Doc, meta: dict) -> None:
    """zandee2021: JCEM PDF text, hard-wrapped with hyphenation, one initial cohort."""
    rng, pid = doc.rng, doc.paper_id
    doc.width, doc.hyphenate, doc.trailing = rng.randint(56, 64), 0.45, " "
    doc.ref_style = "({a}, {b})"
    n = rng.randint(14, 60)
    c = doc.cohort(
        pid,
        "initial",
        "initial",
        description="first PRRT course for symptom control (carcinoid syndrome)",
    )
    r = draw_response(rng, n, cr=False)
    pfs = draw_survival(rng, 14, 36)
    os_ = Survival(round(pfs.median * rng.uniform(1.2, 2.0), 1), math.nan, math.nan)
    cats = {
        "anemia": tox(rng, n, 0.08, 0.03, at_least_one=True),
        "thrombocytopenia": tox(rng, n, 0.12, 0.04, at_least_one=True),
        "leukopenia": tox(rng, n, 0.12, 0.03, at_least_one=True),
    }
    renal_g3 = some(rng, n, rng.uniform(0, 0.06))
    per_cat = [g3 + g4 for g3, g4 in cats.values()]
    any_hem = max(per_cat) + rng.randint(0, sum(per_cat) - max(per_cat))
    mds = draw_grade(rng, n, 0.02)
    female = rng.randint(n // 4, 3 * n // 4)
    fu = rng.randint(18, 60)

    doc.block(" Abstract ")
    doc.para(
        "Context: Peptide receptor radionuclide therapy (PRRT) with [Lutetium-177-DOTA0-Tyr3]"
        "octreotate (177Lu-DOTATATE) prolongs progression-free survival in patients with "
        "progressive, well-differentiated neuroendocrine neoplasms (NENs).",
    )
    doc.para(
        "Objective: To study the effect of 177Lu-DOTATATE in patients with carcinoid syndrome "
        "and radiologically stable disease treated for symptom reduction.",
        "Design: Retrospective cohort study.",
        "Setting: Tertiary care hospital.",
        f"Patients: {word(n, True) if n <= 20 else n} patients with a metastatic midgut NEN "
        "and refractory flushing and/or diarrhea.",
    )
    doc.para(
        "Conclusion: PRRT with 177Lu-DOTATATE reduced diarrhea and flushing and can be "
        "considered for carcinoid syndrome insufficiently controlled with somatostatin analogs."
    )
    doc.block("Key Words: neuroendocrine tumor, PRRT, carcinoid syndrome")
    doc.prose(INTRO, (7, 11), (4, 7))
    doc.heading("Methods")
    doc.heading("Patients")
    doc.prose(METHODS, (4, 7), (5, 7))
    doc.heading("Statistics")
    doc.prose(METHODS, (4, 7), (3, 5))
    doc.heading("Results")
    size = doc.put(
        c,
        "results",
        "For this study, {cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety} "
        "patients could be included that were treated",
        {"cohort_size.n_enrolled": str(n)},
        expect={"cohort_size.n_enrolled": n},
    )
    doc.para(
        size + " with 177Lu-DOTATATE because of refractory symptoms (Table 1).",
        f"The average patients’ age was {rng.uniform(55, 68):.1f} ± {rng.uniform(6, 11):.1f} "
        f"years and {pct(female, n, 0)}% was female.",
    )
    wrong = int(pct(female, n, 0)) + 1
    doc.block(
        f"Table 1. Baseline characteristics (n = {n})\n\n"
        f"Female, n (%) {female} ({wrong}) Grade, n (%)\n"
        f"Age (y ± SD) {rng.uniform(55, 68):.1f} ± {rng.uniform(6, 11):.1f} 1 {n // 3} "
        f"({pct(n // 3, n, 0)})\n"
        f"Karnofsky score (median, IQR) 80 (80–90) 2 {n // 3} ({pct(n // 3, n, 0)})\n"
        f" Surgery {n // 2} ({pct(n // 2, n, 0)}) Liver {n} (100)\n"
        f"≥3 previous treatments {n // 4} ({pct(n // 4, n, 0)})\n"
        + "\n".join(baseline_rows(rng, n, " {label} {k} ({p0})"))
        + "\n\nAbbreviation: IQR, interquartile range."
    )
    doc.note(
        "percent_mismatch",
        f"Table 1 prints female {female} ({wrong}%); {female}/{n} = {pct(female, n, 1)}%",
        [f"Female, n (%) {female} ({wrong})"],
        cohort=c,
    )
    doc.heading("Radiological response")
    resp = doc.put(
        c,
        "results",
        "a partial response was observed in {best_response.pr} patients "
        "({best_response.pr_pct}%) and stable disease in {best_response.sd} patients "
        "({best_response.sd_pct}%). Progressive disease occurred in {best_response.pd} "
        "patients after starting treatment",
        {
            "best_response.pr": str(r.pr),
            "best_response.pr_pct": pct(r.pr, n, 0),
            "best_response.sd": str(r.sd),
            "best_response.sd_pct": pct(r.sd, n, 0),
            "best_response.pd": str(r.pd),
        },
    )
    surv = doc.put(
        c,
        "results",
        "resulted in a median progression-free survival of {pfs_median.median} months and an "
        "overall survival of {os_median.median} months",
        {"pfs_median.median": months(pfs.median), "os_median.median": months(os_.median)},
    )
    doc.para(
        "Following PRRT with 177Lu-DOTATATE, " + resp + " with 177Lu-DOTATATE.",
        "In this cohort, treatment with 177Lu-DOTATATE " + surv + " (Fig. 3).",
    )
    doc.true(c, {"cohort_size.n_enrolled": n, "cohort_size.n_efficacy": n})
    doc.true(c, {"cohort_size.n_safety": n, **response_truth(r)})
    doc.true(c, survival_truth("pfs_median", pfs, n, ci=False))
    doc.true(c, survival_truth("os_median", os_, n, ci=False))
    doc.heading("Toxicity")
    hem = doc.put(
        c,
        "results",
        "Subacute hematotoxicity (grade 3–4) occurred in {tox_g3plus_any_hematologic.events} "
        "patients",
        {"tox_g3plus_any_hematologic.events": str(any_hem)},
    )
    if mds == 0:
        mds_text = doc.put(
            c,
            "results",
            "There was {mds_aml.events:nil} development of myelodysplastic syndrome or leukemia "
            "in our patients",
            {"mds_aml.events": "no"},
        )
    else:
        mds_text = doc.put(
            c,
            "results",
            "Myelodysplastic syndrome or leukemia developed in {mds_aml.events} of our patients",
            {"mds_aml.events": str(mds)},
        )
    doc.para(
        f"In total, {n * 4 - rng.randint(0, n)} cycles of 177Lu-DOTATATE were administered.",
        hem + ".",
        mds_text + f" during a median follow-up of {fu} months.",
    )
    doc.true(c, {"tox_g3plus_any_hematologic.events": any_hem, "mds_aml.events": mds})
    doc.true(c, {"tox_g3plus_any_hematologic.n": n, "mds_aml.n": n})
    doc.heading("Discussion")
    doc.prose(DISCUSSION, (7, 11), (4, 7))
    rows = ["Table 2. Treatment and toxicity, n (%)", "", "Subacute toxicity (per patient)"]
    labels = {"anemia": "Anemia", "thrombocytopenia": "Thrombocytopenia"}
    labels["leukopenia"] = "Leukopenia"
    for cat, (g3, g4) in cats.items():
        e = f"tox_g3plus_{cat}"
        rows.extend(
            doc.put(
                c,
                "table",
                labels[cat]
                + "\n Grade 3 {"
                + e
                + ".g3} ({"
                + e
                + ".g3_pct})\n Grade 4 {"
                + e
                + ".g4}",
                {f"{e}.g3": str(g3), f"{e}.g3_pct": pct(g3, n, 0), f"{e}.g4": str(g4)},
            ).split("\n")
        )
        doc.true(c, {f"{e}.g3": g3, f"{e}.g4": g4, f"{e}.events": g3 + g4, f"{e}.n": n})
    rows += ["Hormonal crisis 0", "Chronic toxicity"]
    rows += doc.put(
        c,
        "table",
        "Renal toxicity\n Grade 3 {tox_g3plus_renal.g3} ({tox_g3plus_renal.g3_pct})",
        {"tox_g3plus_renal.g3": str(renal_g3), "tox_g3plus_renal.g3_pct": pct(renal_g3, n, 0)},
    ).split("\n")
    doc.true(c, {"tox_g3plus_renal.g3": renal_g3, "tox_g3plus_renal.events": renal_g3})
    doc.true(c, {"tox_g3plus_renal.n": n})
    doc.block("\n".join(rows))
    doc.prose(DISCUSSION, (4, 7), (3, 6))
    doc.references("References", "{i}. ")
    meta.update(journal="J Clin Endocrinol Metab", design=f"retrospective, symptomatic, n={n}")


def style_preprint(doc: Doc, meta: dict) -> None:
    """kalantarhormozi2020: Research Square markdown, counts as k/n, grade I/II table."""
    rng, pid = doc.rng, doc.paper_id
    doc.ref_style = "[{a}]"
    n = rng.randint(12, 40)
    males = rng.randint(n // 3, 2 * n // 3)
    c = doc.cohort(pid, "initial", "initial", description="single-centre PRRT, first course")
    r = draw_response(rng, n)
    os_ = draw_survival(rng, 18, 40)
    age_lo, age_hi = rng.randint(22, 40), rng.randint(70, 82)
    doc.block(
        "# Efficacy and safety of <sup>177</sup>Lu-DOTATATE in neuroendocrine tumours: "
        "a single-centre experience\n\nPreprint, not peer reviewed."
    )
    doc.heading("## Abstract")
    alt_size = doc.put(
        c,
        "abstract",
        "{cohort_size.n_enrolled} patients including "
        f"{word(n - males)} females and {word(males)} males with median age",
        {"cohort_size.n_enrolled": str(n)},
        role="alternative",
    )
    alt_os = doc.put(
        c,
        "abstract",
        "the median of OS was obtained {os_median.median} months "
        "(95%CI:{os_median.ci_low}-{os_median.ci_high})",
        {
            "os_median.median": months(os_.median),
            "os_median.ci_low": f"{os_.low:.2f}",
            "os_median.ci_high": f"{os_.high:.2f}",
        },
        role="alternative",
    )
    doc.para(
        "**Background:** " + " ".join(doc.filler(INTRO, 2)),
        f"**Results:** {alt_size} of {(age_lo + age_hi) / 2:.1f} years old with range of "
        f"{age_lo}-{age_hi} were enrolled. According to the Kaplan-Meier test, {alt_os}.",
    )
    doc.heading("# Background")
    doc.prose(INTRO, (5, 8), (4, 7))
    doc.heading("# Methods")
    doc.para(
        "Before PRRT, the expression of somatostatin receptors was evaluated through "
        "<sup>99m</sup>Tc-octreotide scintigraphy or <sup>68</sup>Ga-DOTATATE PET/CT. If "
        "lesions showed acceptable uptake (Krenning score  $\\geq 2$ ), the patient was "
        "candidate for PRRT with <sup>177</sup>Lu-DOTATATE.",
        *doc.filler(METHODS, 4),
    )
    doc.prose(METHODS, (4, 6), (3, 5))
    doc.heading("# Results")
    doc.heading("## Patients")
    size = doc.put(
        c,
        "results",
        "{cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety} NET patients "
        f"included {males} males and {n - males} females were enrolled in this study",
        {"cohort_size.n_enrolled": str(n)},
    )
    doc.para(size + f". The median age was {rng.randint(50, 66)}.5 years old.")
    doc.heading("## Response Rate")
    p = {
        "best_response.pr": str(r.pr),
        "best_response.n": str(n),
        "~n": str(n),
        "best_response.cr": str(r.cr),
        "best_response.sd": str(r.sd),
        "best_response.pd": str(r.pd),
    }
    resp = doc.put(
        c,
        "results",
        "{best_response.pr}/{best_response.n} patients had PR, {best_response.cr}/{~n} showed "
        "CR, {best_response.sd}/{~n} showed SD and {best_response.pd}/{~n} showed PD according "
        "to the RECIST",
        p,
    )
    os_text = doc.put(
        c,
        "results",
        "the median of OS was estimated {os_median.median} months "
        "(95%CI:{os_median.ci_low}-{os_median.ci_high})",
        {
            "os_median.median": months(os_.median),
            "os_median.ci_low": f"{os_.low:.2f}",
            "os_median.ci_high": f"{os_.high:.2f}",
        },
    )
    doc.para(
        "At the end of data collection, " + resp + ".",
        f"{rng.randint(1, 4)} patients were expired during and after the PRRT period time.",
        "according to the Kaplan-Meier test, " + os_text + " (figure 1).",
    )
    doc.true(c, {"cohort_size.n_enrolled": n, "cohort_size.n_efficacy": n})
    doc.true(c, {"cohort_size.n_safety": n, **response_truth(r)})
    doc.true(c, survival_truth("os_median", os_, n))
    doc.heading("## Side Effects")
    doc.para(
        "In evaluation of PRRT related toxicity according to the CTCAE, most patients showed "
        "grade I or grade II haematological toxicity (Table 2)."
    )
    doc.heading("## Discussion")
    alt_resp = doc.put(
        c,
        "discussion",
        "of {best_response.n} evaluated patients, PR was found in {best_response.pr}, CR in "
        "{best_response.cr}, SD in {best_response.sd} and PD in {best_response.pd} patients",
        p,
        role="alternative",
    )
    doc.para(*doc.filler(DISCUSSION, 2), f"In our study, according to RECIST, {alt_resp}.")
    doc.prose(DISCUSSION, (5, 8), (4, 7))
    doc.heading("## Conclusion")
    doc.para(*doc.filler(DISCUSSION, 2))
    doc.references("## References", "{i}. ")
    doc.heading("## Tables")
    doc.block(
        "**Table 1. Baseline characteristics of all patients.**\n\nCharacteristic\tn (%)\n"
        + "\n".join(baseline_rows(rng, n, "{label}\t{k} ({p0})"))
    )
    names = {
        "leukopenia": "Leucopenia",
        "anemia": "Anemia",
        "renal": "Nephrotoxicity",
        "thrombocytopenia": "Thrombocytopenia",
    }
    low = {k: (rng.randint(0, n // 3), rng.randint(0, n // 3)) for k in names}

    def cell(x: int) -> str:
        return str(x) if x else "-"

    if rng.random() < 0.5:  # grade I and II only: no grade >= 3 event (implied zeros)
        rows = ["Grade II\tGrade I\tSide effect"]
        rows += [f"{cell(low[k][1])}\t{cell(low[k][0])}\t{v}" for k, v in names.items()]
        table_text = "\n".join(rows)
        anchor = " ".join(normalise_line(table_text).split())
        doc.values.append(
            {
                "cohort": c,
                "section": "table",
                "anchor": anchor,
                "implied_zero": [f"tox_g3plus_{k}.{g}" for k in names for g in ("g3", "g4")],
                "note": "the table grades toxicity with columns for grade I and II only: no "
                "patient had a grade 3 or 4 event of these kinds",
            }
        )
        for k in names:
            e = f"tox_g3plus_{k}"
            doc.true(c, {f"{e}.g3": 0, f"{e}.g4": 0, f"{e}.events": 0, f"{e}.n": n})
    else:  # a grade III column; no grade IV column
        g3 = {k: draw_grade(rng, n, rng.uniform(0, 0.1)) for k in names}
        rows = ["Grade III\tGrade II\tGrade I\tSide effect"]
        tmpl = ["Grade III Grade II Grade I Side effect"]
        printed: dict[str, str] = {}
        for k, v in names.items():
            e = f"tox_g3plus_{k}"
            rows.append(f"{cell(g3[k])}\t{cell(low[k][1])}\t{cell(low[k][0])}\t{v}")
            tmpl.append("{" + e + ".g3:count0} {~" + k + "2} {~" + k + "1} " + v)
            printed |= {f"{e}.g3": cell(g3[k]), f"~{k}2": cell(low[k][1])}
            printed[f"~{k}1"] = cell(low[k][0])
            doc.true(c, {f"{e}.g3": g3[k], f"{e}.g4": 0, f"{e}.events": g3[k], f"{e}.n": n})
        doc.put(
            c,
            "table",
            " ".join(tmpl),
            printed,
            implied_zero=[f"tox_g3plus_{k}.g4" for k in names],
            note="the table has no grade IV column: no grade 4 event",
        )
        table_text = "\n".join(rows)
    doc.block(
        "**Table 2. The 177Lu-DOTATATE therapy related toxicity according to the CTCAE**\n\n"
        + table_text
    )
    doc.heading("## Figures")
    alt_fig = doc.put(
        c,
        "figure",
        "Estimated OS: {os_median.median} months (95%CI:{os_median.ci_low}-{os_median.ci_high})",
        {
            "os_median.median": months(os_.median),
            "os_median.ci_low": f"{os_.low:.2f}",
            "os_median.ci_high": f"{os_.high:.2f}",
        },
        role="alternative",
    )
    doc.block(
        "Figure 1\n\nKaplan-Meier plot of overall survival (OS) of all patients. " + alt_fig + "."
    )
    meta.update(journal="Research Square preprint", design=f"single-centre, n={n}")


def style_frontiers(doc: Doc, meta: dict) -> None:
    """iqbal2024: Frontiers, unicode superscripts, tab tables, counts in words, OS NR."""
    rng, pid = doc.rng, doc.paper_id
    doc.ref_style = "({a}, {b})"
    n = rng.randint(20, 80)
    c = doc.cohort(pid, "initial", "initial", description="retrospective, first PRRT course")
    r = draw_response(rng, n, cr=False)
    pfs = draw_survival(rng, 14, 34)
    os_reached = meta["nth"] % 2 == 1  # the first paper of the style: OS not reached
    os_med = round(pfs.median * rng.uniform(1.3, 2.2), 1)
    males = rng.randint(n // 3, 2 * n // 3)
    lu = "[¹⁷⁷Lu]Lu-DOTATATE"
    doc.block(
        f"ORIGINAL RESEARCH\n\nLong-term outcomes of {lu} in patients with metastatic "
        "neuroendocrine tumours"
    )
    doc.para(
        "Background: " + " ".join(doc.filler(INTRO, 2)),
        f"Keywords: neuroendocrine tumour, PRRT, {lu}, real-world",
    )
    doc.heading("1 Introduction")
    doc.prose(INTRO, (6, 10), (4, 7))
    doc.heading("2.2 Patients and therapy")
    doc.para(
        f"Patients who received at least 1 cycle of {lu} were included in the analysis.",
        *doc.filler(METHODS, 4),
    )
    doc.heading("2.4 End points and statistical analysis")
    doc.para(
        "Partial response (PR) was defined as ≥ 30% decrease in the sum of the diameters. "
        "Progressive disease (PD) was defined as ≥ 20% increase in the smallest sum.",
        *doc.filler(METHODS, 2),
    )
    doc.prose(METHODS, (3, 6), (3, 6))
    doc.heading("2.5 Results")
    size = doc.put(
        c,
        "results",
        "Of the {cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety} patients "
        f"who were treated with {lu}",
        {"cohort_size.n_enrolled": str(n)},
    )
    resp = doc.put(
        c,
        "results",
        "The disease control rate was {dcr.events_pct}%, comprising {best_response.pr} "
        "patients with a partial response (PR) and {best_response.sd} patients with stable "
        "disease (SD). The objective response rate was {orr.events_pct}%, comprised of the "
        "{orr.events} patients who achieved PR.",
        {
            "dcr.events_pct": pct(r.pr + r.sd, n, 0),
            "best_response.pr": str(r.pr),
            "best_response.sd": str(r.sd),
            "orr.events_pct": pct(r.pr, n, 0),
            "orr.events": str(r.pr),
        },
    )
    doc.para(
        f"{size}, {males} ({pct(males, n, 0)}%) were male, and {n - males} "
        f"({pct(n - males, n, 0)}%) were female. The median age was {rng.randint(55, 68)} "
        f"years (range {rng.randint(30, 48)} – {rng.randint(76, 88)}).",
        resp,
        "The",
    )
    rows = ["TABLE 1 Demographics and baseline clinical characteristics of all patients."]
    rows.append(f"Characteristic\tPatients who received {lu} (%)\t\t\t\t")
    rows += baseline_rows(rng, n, "{label}\t{k}({p0}%)\t\t\t\t")
    doc.block("\n".join(rows))
    surv = doc.put(
        c,
        "results",
        "median PFS was {pfs_median.median} months. Median OS was {os_median.median}",
        {
            "pfs_median.median": months(pfs.median),
            "os_median.median": f"{months(os_med)} months" if os_reached else "not reached",
        },
    )
    pd_text = doc.put(
        c,
        "results",
        "{best_response.pd} patients ({best_response.pd_pct}%) had progressive disease after "
        "starting treatment",
        {"best_response.pd": word(r.pd, True), "best_response.pd_pct": pct(r.pd, n, 0)},
    )
    pan = 1 if rng.random() < 0.3 else 0
    doc.para(
        surv + ".",
        pd_text + ".",
        "Clinically significant myelosuppression occurred in less than 10% of the patients.",
        "One patient experienced grade 3 fatigue and anorexia (Table 2).",
    )
    doc.true(c, {"cohort_size.n_enrolled": n, "cohort_size.n_efficacy": n})
    doc.true(c, {"cohort_size.n_safety": n, **response_truth(r)})
    doc.true(c, survival_truth("pfs_median", pfs, n, ci=False))
    doc.true(c, {"os_median.median": os_med if os_reached else "NR", "os_median.n": n})
    doc.heading("3 Discussion")
    doc.prose(DISCUSSION, (7, 11), (4, 7))

    def g(x: int) -> str:
        return f"{x}({pct(x, n, 0)}%)" if x else "0"

    heme = {
        "anemia": "Anemia",
        "thrombocytopenia": "Thrombocytopenia",
        "pancytopenia": "Pancytopenia",
        "leukopenia": "Neutropenia",
    }
    rows = ["TABLE\t2\tAdverse\tevents.", "-------\t---\t---------\t---------", ""]
    rows.append("Event\tGrade 1 N(%)\tGrade 2 N(%)\tGrade 3 N(%)\t\t\t\t")
    rows.append("Hematologic disorders:\t\t\t\t\t\t\t")
    tmpl, printed = [], {}
    g3s = {}
    for k, label in heme.items():
        e = f"tox_g3plus_{k}"
        g3s[k] = pan if k == "pancytopenia" else some(rng, n, rng.uniform(0, 0.06))
        g1, g2 = rng.randint(0, n // 4), rng.randint(0, n // 8)
        rows.append(f"{label}\t{g(g1)}\t{g(g2)}\t{g(g3s[k])}\t\t\t\t")
        printed |= {f"~{k}1": g(g1), f"~{k}2": g(g2), f"{e}.g3": str(g3s[k])}
        cell3 = "{" + e + ".g3}"
        if g3s[k]:
            cell3 += "({" + e + ".g3_pct}%)"
            printed[f"{e}.g3_pct"] = pct(g3s[k], n, 0)
        tmpl.append(label + " {~" + k + "1} {~" + k + "2} " + cell3)
    doc.put(c, "table", " ".join(tmpl), printed)
    for k in ("anemia", "thrombocytopenia", "leukopenia"):
        e = f"tox_g3plus_{k}"
        doc.true(c, {f"{e}.g3": g3s[k], f"{e}.events": g3s[k] + pan, f"{e}.n": n})
    doc.true(c, {"tox_g3plus_pancytopenia.g3": pan})
    rows.append("Other:\t\t\t\t\t\t\t")
    for k, label in (("hepatic", "Hepatotoxicity"), ("renal", "Acute kidney injury")):
        e = f"tox_g3plus_{k}"
        x = some(rng, n, rng.uniform(0, 0.05))
        g1, g2 = rng.randint(0, n // 5), rng.randint(0, n // 10)
        text = doc.put(
            c,
            "table",
            label + "\t{~1}\t{~2}\t{" + e + ".g3}" + ("({" + e + ".g3_pct}%)" if x else ""),
            {"~1": g(g1), "~2": g(g2), f"{e}.g3": str(x), f"{e}.g3_pct": pct(x, n, 0)},
        )
        rows.append(text + "\t\t\t\t")
        doc.true(c, {f"{e}.g3": x, f"{e}.events": x, f"{e}.n": n})
    rows.append(f"Fatigue\t{g(n // 2)}\t{g(1)}\t{g(1)}\t\t\t\t")
    doc.block("\n".join(rows))
    doc.prose(DISCUSSION, (4, 7), (3, 6))
    doc.heading("Data availability statement")
    doc.para(
        "The raw data supporting the conclusions of this article will be made available by "
        "the authors, without undue reservation."
    )
    doc.references("References", "{i}. ")
    doc.note(
        "text_vs_table",
        "Text names one patient with grade 3 fatigue and anorexia; Table 2 lists grade 3 "
        "fatigue only",
        ["One patient experienced grade 3 fatigue and anorexia (Table 2)"],
        cohort=c,
    )
    meta.update(journal="Front Oncol", design=f"retrospective, n={n}")


def style_retreatment(doc: Doc, meta: dict) -> None:
    """vanderzwan2019: salvage PRRT; one table row per course, '-' for none, Table 6 cells."""
    rng, pid = doc.rng, doc.paper_id
    doc.width, doc.hyphenate = rng.randint(84, 92), 0.25
    doc.ref_style = "[{a}, {b}]"
    n_eff = rng.randint(40, 200)
    n_saf = n_eff + rng.randint(0, 15)
    rr = rng.random() < 0.5
    n_rr = rng.randint(8, 20)
    courses = {
        "rprrt": ("R-PRRT", "salvage", "salvage", ""),
        "iprrt": (
            "I-PRRT",
            "initial",
            "none",
            "initial course of patients selected for >= 18 months PFS (selection bias)",
        ),
    }
    if rr:
        courses["rrprrt"] = (
            "RR-PRRT",
            "salvage",
            "none",
            "second re-treatment of the same patients as the R-PRRT cohort (overlap)",
        )
    ids = {}
    for key, (label, setting, pooled, reason) in courses.items():
        why = {"reason_code": "selection" if key == "iprrt" else "overlap", "reason": reason}
        extra = {"label": label} | (why if reason else {})
        ids[key] = doc.cohort(f"{pid}_{key}", setting, pooled, **extra)
    sizes = {"rprrt": (n_eff, n_saf), "iprrt": (n_eff, n_saf), "rrprrt": (n_rr, n_rr)}
    resp = {
        "rprrt": draw_response(rng, n_eff, ne=rng.randint(0, 2)),
        "iprrt": draw_response(rng, n_eff, ne=rng.randint(0, 2), min_pd=0),
        "rrprrt": draw_response(rng, n_rr),
    }
    resp["iprrt"] = Response(
        n_eff,
        resp["iprrt"].cr,
        resp["iprrt"].pr,
        resp["iprrt"].sd + resp["iprrt"].pd,
        0,
        resp["iprrt"].ne,
    )
    pfs = {
        "rprrt": draw_survival(rng, 10, 20),
        "iprrt": draw_survival(rng, 28, 50),
        "rrprrt": draw_survival(rng, 8, 18),
    }
    os_ = {k: draw_survival(rng, 24, 60) for k in pfs}
    os_["iprrt"] = draw_survival(rng, 60, 100)

    doc.block(
        "ORIGINAL ARTICLE\n\nSalvage peptide receptor radionuclide therapy with "
        "[177Lu-DOTA,Tyr3]octreotate in patients with bronchial and "
        "gastroenteropancreatic neuroendocrine tumours"
    )
    doc.heading("Abstract")
    doc.para(
        "Purpose: To assess the efficacy and safety of salvage PRRT (R-PRRT) in patients with "
        "disease progression after initial PRRT (I-PRRT).",
        "Methods: Patients who had a progression-free survival of at least 18 months after "
        "I-PRRT were eligible for R-PRRT with two cycles of 7.4 GBq.",
    )
    doc.heading("Introduction")
    doc.prose(INTRO, (6, 10), (5, 8))
    doc.heading("Materials and methods")
    doc.prose(METHODS, (4, 7), (6, 8))
    doc.heading("Results")
    parts = [
        doc.put(
            ids["rprrt"],
            "results",
            "The efficacy of R-PRRT was evaluated in {cohort_size.n_efficacy} patients",
            {"cohort_size.n_efficacy": str(n_eff)},
            expect={"cohort_size.n_efficacy": n_eff},
        )
        + ".",
        doc.put(
            ids["rprrt"],
            "results",
            "Safety was evaluated in {cohort_size.n_safety} R-PRRT patients",
            {"cohort_size.n_safety": str(n_saf)},
        ),
    ]
    if rr:
        parts[-1] += " " + doc.put(
            ids["rrprrt"],
            "results",
            "and in {cohort_size.n_efficacy|cohort_size.n_safety} patients who received a "
            "second salvage course (RR-PRRT)",
            {"cohort_size.n_efficacy": str(n_rr)},
        )
    parts[-1] += "."
    parts.append(
        doc.put(
            ids["iprrt"],
            "results",
            "The initial courses of the same patients (I-PRRT, "
            "n = {cohort_size.n_efficacy}) serve as reference",
            {"cohort_size.n_efficacy": str(n_eff)},
        )
        + "."
    )
    doc.para(*parts)
    doc.block(
        f"Table 1 Baseline characteristics before I-PRRT of the retreatment group (n = {n_eff})\n\n"
        "Characteristic n (%)\n" + "\n".join(baseline_rows(rng, n_eff, "{label} {k} ({p1})"))
    )
    # Table 3: best response per course
    rows = ["Table 3 Best response (RECIST 1.1) after each course", ""]
    rows.append("Course Number of patients CR PR SD PD NE")

    def cp(key: str, count: int, n: int, dash: bool = True) -> tuple[str, dict[str, str]]:
        if count == 0 and dash:
            return "{" + key + ":count0}", {key: "-"}
        return "{" + key + "} ({" + key + "_pct})", {key: str(count), f"{key}_pct": pct(count, n)}

    for key, row_label in (
        ("iprrt", "After I-PRRT"),
        ("rprrt", "After R-PRRT"),
        ("rrprrt", "After RR-PRRT"),
    ):
        if key not in ids:
            continue
        rs = resp[key]
        tmpl, printed = [row_label, "{best_response.n}"], {"best_response.n": str(rs.n)}
        for stat in ("cr", "pr", "sd", "pd", "ne"):
            piece, pr_ = cp(f"best_response.{stat}", getattr(rs, stat), rs.n)
            tmpl.append(piece)
            printed |= pr_
        rows.append(doc.put(ids[key], "table", " ".join(tmpl), printed))
        t = response_truth(rs)
        t["best_response.ne"] = rs.ne
        doc.true(ids[key], t)
        doc.true(ids[key], {"cohort_size.n_efficacy": sizes[key][0]})
        doc.true(ids[key], {"cohort_size.n_safety": sizes[key][1]})
    doc.block("\n".join(rows))
    rp = resp["rprrt"]
    orr_text = doc.put(
        ids["rprrt"],
        "results",
        "R-PRRT resulted in an ORR of {orr.events_pct}% and SD of {~sd}%",
        {"orr.events_pct": pct(rp.cr + rp.pr, rp.n), "~sd": pct(rp.sd, rp.n)},
    )
    surv = []
    for key, label in (("rprrt", "R-PRRT"), ("iprrt", "I-PRRT"), ("rrprrt", "RR-PRRT")):
        if key not in ids:
            continue
        p, o = pfs[key], os_[key]
        surv.append(
            doc.put(
                ids[key],
                "results",
                f"The median PFS after {label} was "
                "{pfs_median.median} months (95% CI {pfs_median.ci_low}–{pfs_median.ci_high} "
                f"months) and the median OS from the start of {label} was "
                "{os_median.median} months (95% CI {os_median.ci_low}–{os_median.ci_high})",
                {
                    "pfs_median.median": months(p.median),
                    "pfs_median.ci_low": months(p.low),
                    "pfs_median.ci_high": bound(p.high),
                    "os_median.median": months(o.median),
                    "os_median.ci_low": months(o.low),
                    "os_median.ci_high": bound(o.high),
                },
            )
            + "."
        )
        doc.true(ids[key], survival_truth("pfs_median", p, sizes[key][0]))
        doc.true(ids[key], survival_truth("os_median", o, sizes[key][0]))
    doc.para(orr_text + ".", *surv)
    doc.heading("Safety")
    labels = {
        "anemia": "Haemoglobin",
        "leukopenia": "Leukocytes",
        "thrombocytopenia": "Platelets",
        "renal": "Creatinine",
    }
    keys = [k for k in ("iprrt", "rprrt", "rrprrt") if k in ids]
    head = "Toxicity " + " ".join(f"{courses[k][0]} (n = {sizes[k][1]})" for k in keys)
    head_text = doc.put(
        ids["iprrt"],
        "table",
        head.replace(f"I-PRRT (n = {n_saf})", "I-PRRT (n = {cohort_size.n_safety})", 1),
        {"cohort_size.n_safety": str(n_saf)},
    )
    assert head_text == head
    rows = ["Table 6 Grade III/IV toxicity per course", "", head, "III IV " * len(keys)]
    cells = {
        (cat, k): tox(rng, sizes[k][1], 0.08 if cat != "renal" else 0.02, 0.03, k == "rprrt")
        for cat in labels
        for k in keys
    }
    for cat, label in labels.items():
        line = label + " " + " ".join(f"{g3} {g4}" for k in keys for g3, g4 in [cells[cat, k]])
        for k in keys:
            e = f"tox_g3plus_{cat}"
            tmpl = [label]
            printed = {}
            for other in keys:
                if other == k:
                    tmpl.append("{" + e + ".g3} {" + e + ".g4}")
                    printed |= {f"{e}.g3": str(cells[cat, k][0]), f"{e}.g4": str(cells[cat, k][1])}
                else:
                    tmpl.append("{~" + other + "3} {~" + other + "4}")
                    printed |= {f"~{other}3": str(cells[cat, other][0])}
                    printed[f"~{other}4"] = str(cells[cat, other][1])
            text = doc.put(ids[k], "table", " ".join(tmpl), printed)
            assert text == line, (text, line)
            g3, g4 = cells[cat, k]
            doc.true(ids[k], {f"{e}.g3": g3, f"{e}.g4": g4, f"{e}.events": g3 + g4})
            doc.true(ids[k], {f"{e}.n": sizes[k][1]})
        rows.append(line)
    doc.block("\n".join(rows))
    aml, mds = draw_grade(rng, n_saf, 0.015), draw_grade(rng, n_saf, 0.02)
    mds = mds or int(aml == 0)
    doc.para(
        doc.put(
            ids["rprrt"],
            "results",
            "AML was diagnosed in {mds_aml.aml} "
            + patients(aml)
            + " and MDS in {mds_aml.mds} "
            + patients(mds)
            + " after R-PRRT",
            {"mds_aml.aml": str(aml), "mds_aml.mds": str(mds)},
        )
        + ".",
        *doc.filler(DISCUSSION, 2),
    )
    doc.true(ids["rprrt"], {"mds_aml.aml": aml, "mds_aml.mds": mds})
    doc.true(ids["rprrt"], {"mds_aml.events": aml + mds, "mds_aml.n": n_saf})
    doc.heading("Discussion")
    doc.prose(DISCUSSION, (7, 11), (4, 7))
    doc.heading("Conclusion")
    doc.para(*doc.filler(DISCUSSION, 2))
    doc.references("References", "{i}. ")
    meta.update(
        journal="Eur J Nucl Med Mol Imaging",
        design=f"salvage PRRT, safety n={n_saf}, efficacy n={n_eff}",
    )


def style_realworld(doc: Doc, meta: dict) -> None:
    """lazarenko2026: PRRT-1 (initial), PRRT-2 (salvage), PRRT-3 (not pooled); tab tables."""
    rng, pid = doc.rng, doc.paper_id
    doc.ref_style = "({a})"
    n1 = rng.randint(60, 200)
    e1 = n1 - rng.randint(0, 10)
    n2 = rng.randint(10, 30)
    e2 = n2 - rng.randint(0, 4)
    n3 = rng.randint(2, 3) if rng.random() < 0.5 else 0
    c1 = doc.cohort(f"{pid}_prrt1", "initial", "initial", label="PRRT-1")
    c2 = doc.cohort(f"{pid}_prrt2", "salvage", "salvage", label="PRRT-2")
    c3 = ""
    if n3:
        c3 = doc.cohort(
            f"{pid}_prrt3",
            "salvage",
            "none",
            label="PRRT-3",
            reason_code="too_small",
            reason=f"n = {n3}: too small to pool, and the same patients as PRRT-1/PRRT-2",
        )
    r1, r2 = draw_response(rng, e1), draw_response(rng, e2)
    p1, o1 = draw_survival(rng, 16, 32), draw_survival(rng, 32, 60)
    # upper CI bounds not estimable (NE): PFS in every other paper, OS in every third
    p2 = draw_survival(rng, 9, 18, ne_chance=float(meta["nth"] % 2 == 0))
    o2 = draw_survival(rng, 20, 36, ne_chance=float(meta["nth"] % 3 == 0))
    women = rng.randint(n1 // 3, 2 * n1 // 3)
    lab = n1 - rng.randint(0, 5)
    heme = {
        "lymphopenia": tox(rng, lab, 0.5, 0.05, at_least_one=True),
        "thrombocytopenia": tox(rng, lab, 0.04, 0.02, at_least_one=True),
        "anemia": tox(rng, lab, 0.04, 0.01, at_least_one=True),
        "leukopenia": tox(rng, lab, 0.05, 0.01, at_least_one=True),
    }
    abstract_ci = rng.random() < 0.3

    doc.block(
        "Real-world outcomes of [¹⁷⁷Lu]Lu-DOTA-TATE PRRT in gastroenteropancreatic "
        "neuroendocrine tumours: a single-centre experience"
    )
    pf = {
        "pfs_median.median": months(p1.median),
        "pfs_median.ci_low": months(p1.low),
        "pfs_median.ci_high": f"{p1.high:.0f}" if abstract_ci else months(p1.high),
        "os_median.median": months(o1.median),
        "os_median.ci_low": months(o1.low),
        "os_median.ci_high": months(o1.high),
        "pfs_median.n": str(n1),
    }
    doc.para(
        "Abstract: "
        + doc.put(
            c1,
            "abstract",
            "in {pfs_median.n|os_median.n} patients with progressive metastatic GEP-NETs, "
            "median PFS was {pfs_median.median} months (95% CI: {pfs_median.ci_low}–"
            "{pfs_median.ci_high}), and median OS was {os_median.median} months (95% CI: "
            "{os_median.ci_low}–{os_median.ci_high})",
            pf,
            role="alternative",
        )
        + "."
    )
    doc.heading("Introduction")
    doc.prose(INTRO, (6, 10), (5, 8))
    doc.heading("Methods")
    doc.prose(METHODS, (4, 7), (5, 7))
    doc.para(
        "For anemia, leukopenia, lymphopenia, and thrombocytopenia, baseline grades were also "
        "recorded: Δ highest grade = highest grade – baseline grade (an improvement from grade "
        "2 to grade 1 gives Δ = −1).",
        *doc.filler(METHODS, 2),
    )
    doc.heading("Results")
    doc.heading("PRRT-1")
    size = doc.put(
        c1,
        "results",
        "A total of {cohort_size.n_enrolled|cohort_size.n_safety|pfs_median.n|os_median.n} "
        f"patients with GEP-NETs ({women} women and {n1 - women} men) received at least one "
        "cycle of initial PRRT",
        {"cohort_size.n_enrolled": str(n1)},
        expect={"cohort_size.n_enrolled": n1},
    )
    doc.para(
        size + " at our centre during the study period.",
        "Baseline clinical and histopathological characteristics are summarized in Table 1.",
    )
    doc.block(
        "Table 1. — Clinical and histopathological characteristics.\n\n"
        "Characteristics\tNumber of patients (%)\n"
        + "\n".join(baseline_rows(rng, n1, "{label}\t{k} ({p1}%)"))
    )

    def response_sentence(cid: str, r: Response, where: str) -> str:
        p = {"cohort_size.n_efficacy": str(r.n)}
        tmpl = (
            f"Radiologic response assessment according to RECIST 1.1 at the end of {where} was "
            "available for {cohort_size.n_efficacy|best_response.n} patients. Among them, "
        )
        parts = []
        for stat, name in (
            ("cr", "a complete response (CR)"),
            ("pr", "a partial response (PR)"),
            ("sd", "stable disease (SD)"),
            ("pd", "progressive disease (PD)"),
        ):
            x = getattr(r, stat)
            parts.append(
                name
                + " was observed in {best_response."
                + stat
                + "_pct}% (n = {best_response."
                + stat
                + "})"
            )
            p |= {f"best_response.{stat}": str(x), f"best_response.{stat}_pct": pct(x, r.n)}
        tmpl += ", ".join(parts[:3]) + ", and " + parts[3]
        return doc.put(cid, "results", tmpl, p)

    rate = doc.put(
        c1,
        "results",
        "The objective response rate (ORR) following PRRT-1 was {orr.events_pct}%, the disease "
        "control rate (DCR) was {dcr.events_pct}%",
        {
            "orr.events_pct": pct(r1.cr + r1.pr, e1),
            "dcr.events_pct": pct(r1.cr + r1.pr + r1.sd, e1),
        },
    )
    doc.para(response_sentence(c1, r1, "treatment") + ".", rate + ".")
    surv = doc.put(
        c1,
        "results",
        "Median PFS following PRRT-1 was {pfs_median.median} months (95% CI, {pfs_median.ci_low}"
        "–{pfs_median.ci_high}) (Figure 2A) and median OS {os_median.median} months (95% CI, "
        "{os_median.ci_low}–{os_median.ci_high})",
        pf | {"pfs_median.ci_high": months(p1.high)},
    )
    doc.para(surv + " (Figure 2B).")
    doc.true(c1, {"cohort_size.n_enrolled": n1, "cohort_size.n_safety": n1})
    doc.true(c1, {"cohort_size.n_efficacy": e1, **response_truth(r1)})
    doc.true(c1, survival_truth("pfs_median", p1, n1) | survival_truth("os_median", o1, n1))
    # haematological toxicity
    ly3, ly4 = heme["lymphopenia"]
    refs = "|".join(f"tox_g3plus_{k}.n" for k in heme)
    text = doc.put(
        c1,
        "results",
        "Among {" + refs + "} patients with available post-treatment laboratory data, "
        "lymphopenia was the most frequent toxicity, with grade 3 in "
        "{tox_g3plus_lymphopenia.g3} patients ({tox_g3plus_lymphopenia.g3_pct}%) and grade 4 in "
        "{tox_g3plus_lymphopenia.g4} ({tox_g3plus_lymphopenia.g4_pct}%)",
        {
            "tox_g3plus_lymphopenia.n": str(lab),
            "tox_g3plus_lymphopenia.g3": str(ly3),
            "tox_g3plus_lymphopenia.g3_pct": pct(ly3, lab),
            "tox_g3plus_lymphopenia.g4": str(ly4),
            "tox_g3plus_lymphopenia.g4_pct": pct(ly4, lab),
        },
    )
    others = ("anemia", "thrombocytopenia", "leukopenia")
    g3_text = doc.put(
        c1,
        "results",
        "Grade 3 events included "
        + ", ".join(f"{k} (n = {{tox_g3plus_{k}.g3}}, {{tox_g3plus_{k}.g3_pct}}%)" for k in others),
        {f"tox_g3plus_{k}.g3": str(heme[k][0]) for k in others}
        | {f"tox_g3plus_{k}.g3_pct": pct(heme[k][0], lab) for k in others},
    )
    g4_text = doc.put(
        c1,
        "results",
        "Grade 4 events were " + ", ".join(f"{k} (n = {{tox_g3plus_{k}.g4}})" for k in others),
        {f"tox_g3plus_{k}.g4": str(heme[k][1]) for k in others},
    )
    doc.para(text + ".", g3_text + ".", g4_text + ".")
    for k, (g3, g4) in heme.items():
        e = f"tox_g3plus_{k}"
        doc.true(c1, {f"{e}.g3": g3, f"{e}.g4": g4, f"{e}.events": g3 + g4, f"{e}.n": lab})
    # Table 2: grade 3-4 column
    rows = ["Table 2. — Most common adverse events (>10% of the patients).", ""]
    rows.append("\tAny grade, n (%)\tGrade 3–4, n (%)")
    rows.append(f"Hematological toxicity (total n = {lab})\t\t")
    names = {
        "lymphopenia": "Lymphopenia",
        "thrombocytopenia": "Thrombocytopenia",
        "anemia": "Anemia",
        "leukopenia": "Leucopenia",
    }
    for k, label in names.items():
        e = f"tox_g3plus_{k}"
        tot = sum(heme[k])
        anyg = min(lab, tot + rng.randint(5, lab // 2))
        rows.append(
            doc.put(
                c1,
                "table",
                label + "\t{~a} {~b}\t{" + e + ".g3g4} ({" + e + ".g3g4_pct}%)",
                {"~a": str(anyg), "~b": f"({pct(anyg, lab)}%)", f"{e}.g3g4": str(tot)}
                | {f"{e}.g3g4_pct": pct(tot, lab)},
            )
        )
        doc.true(c1, {f"{e}.g3g4": tot})
    hep_n = n1 - rng.randint(0, 6)
    rows.append(
        doc.put(
            c1,
            "table",
            "Hepatic toxicity (total n = {tox_g3plus_hepatic.n})\t\t",
            {"tox_g3plus_hepatic.n": str(hep_n)},
        )
    )
    hep = {k: draw_grade(rng, hep_n, 0.02) for k in ("ast", "alt")}
    hep["ast"] = hep["ast"] or int(hep["alt"] == 0)
    for k, label in (("ast", "AST increase"), ("alt", "ALT increase")):
        anyg = rng.randint(hep_n // 6, hep_n // 3)
        cell = f"{hep[k]} ({pct(hep[k], hep_n)}%)" if hep[k] else "-"
        rows.append(
            doc.put(
                c1,
                "table",
                label
                + "\t{~a} {~b}\t{tox_g3plus_hepatic."
                + k
                + "_g3:count0}"
                + (" ({tox_g3plus_hepatic." + k + "_g3_pct}%)" if hep[k] else ""),
                {
                    "~a": str(anyg),
                    "~b": f"({pct(anyg, hep_n)}%)",
                    f"tox_g3plus_hepatic.{k}_g3": cell.split(" ")[0],
                    f"tox_g3plus_hepatic.{k}_g3_pct": pct(hep[k], hep_n),
                },
            )
        )
    doc.derive.append(
        {
            "cohort": c1,
            "target": "tox_g3plus_hepatic.events",
            "sum": ["tox_g3plus_hepatic.ast_g3", "tox_g3plus_hepatic.alt_g3"],
            "note": "AST and ALT grade 3 counted separately; overlap not reported, summed as "
            "worst case for safety",
        }
    )
    doc.true(c1, {"tox_g3plus_hepatic.events": hep["ast"] + hep["alt"]})
    doc.true(c1, {"tox_g3plus_hepatic.n": hep_n})
    rows.append(f"Other (total n = {n1})\t\t")
    rows.append(f"Fatigue\t{n1 * 2 // 3} ({pct(n1 * 2 // 3, n1)}%)\t1 ({pct(1, n1)}%)")
    doc.block("\n".join(rows))
    renal = some(rng, n1, 0.015)
    if renal:
        renal_text = doc.put(
            c1,
            "results",
            "Renal toxicity ≥ grade 3 was observed in {tox_g3plus_renal.g3g4} "
            + patients(renal)
            + ", all with impaired renal function before PRRT",
            {"tox_g3plus_renal.g3g4": str(renal)},
        )
    else:
        renal_text = doc.put(
            c1,
            "results",
            "{tox_g3plus_renal.g3g4:nil} renal toxicity ≥ grade 3 was observed in this cohort",
            {"tox_g3plus_renal.g3g4": "No"},
        )
    doc.true(c1, {"tox_g3plus_renal.events": renal, "tox_g3plus_renal.n": n1})
    mds = some(rng, n1, 0.02)
    mds_text = doc.put(
        c1,
        "results",
        "Myelodysplastic syndrome (MDS) was observed in {mds_aml.mds|mds_aml.events"
        + (":nil} patient" if mds == 0 else "} " + patients(mds)),
        {"mds_aml.mds": "no" if mds == 0 else str(mds)},
    )
    doc.para(renal_text + ".", mds_text + ".", *doc.filler(DISCUSSION, 1))
    doc.true(c1, {"mds_aml.mds": mds, "mds_aml.events": mds, "mds_aml.n": n1})
    # PRRT-2
    doc.heading("PRRT-2")
    s2 = doc.put(
        c2,
        "results",
        "A total of {cohort_size.n_enrolled|cohort_size.n_safety|os_median.n} patients received "
        "their second treatment with PRRT",
        {"cohort_size.n_enrolled": str(n2)},
        expect={"cohort_size.n_enrolled": n2},
    )
    pfs2 = doc.put(
        c2,
        "results",
        "The estimated median PFS for the patients treated with PRRT-2 (n = {pfs_median.n}) was "
        "{pfs_median.median} months (95% CI, {pfs_median.ci_low}–{pfs_median.ci_high})",
        {
            "pfs_median.n": str(n2),
            "pfs_median.median": months(p2.median),
            "pfs_median.ci_low": months(p2.low),
            "pfs_median.ci_high": bound(p2.high),
        },
    )
    os2 = doc.put(
        c2,
        "results",
        "The estimated median OS following PRRT-2 was {os_median.median} months (95% CI, "
        "{os_median.ci_low}–{os_median.ci_high})",
        {
            "os_median.median": months(o2.median),
            "os_median.ci_low": months(o2.low),
            "os_median.ci_high": bound(o2.high),
        },
    )
    doc.para(
        s2 + f" between 2013 and {meta['year'] - 1}.", response_sentence(c2, r2, "PRRT-2") + "."
    )
    doc.para(pfs2 + " (Figure 5A).", os2 + " (Figure 5B).")
    doc.true(c2, {"cohort_size.n_enrolled": n2, "cohort_size.n_safety": n2})
    doc.true(c2, {"cohort_size.n_efficacy": e2, **response_truth(r2)})
    doc.true(c2, survival_truth("pfs_median", p2, n2) | survival_truth("os_median", o2, n2))
    if c3:
        doc.heading("PRRT-3")
        s3 = doc.put(
            c3,
            "results",
            "{cohort_size.n_enrolled|cohort_size.n_safety|cohort_size.n_efficacy} patients "
            "received a third treatment with PRRT",
            {"cohort_size.n_enrolled": word(n3, True)},
        )
        doc.para(s3 + "; one had disease stabilisation and the other progressed.")
        doc.true(c3, {"cohort_size.n_enrolled": n3, "cohort_size.n_efficacy": n3})
        doc.true(c3, {"cohort_size.n_safety": n3})
    doc.heading("Discussion")
    doc.prose(DISCUSSION, (7, 11), (4, 7))
    rows = [
        "Table 4. — Analysis of potential prognostic factors for progression-free survival.",
        "",
    ]
    rows.append("Factor\tHR (95% CI)\tp")
    for topic in rng.sample(TOPICS, rng.randint(6, 12)):
        lo = rng.uniform(0.3, 1.5)
        rows.append(
            f"{topic[0].upper() + topic[1:]}\t{rng.uniform(lo, lo + 1):.2f} ({lo:.2f}–"
            f"{lo + rng.uniform(1, 3):.2f})\t{rng.uniform(0.0001, 0.9):.4f}"
        )
    doc.block("\n".join(rows))
    doc.prose(DISCUSSION, (3, 6), (3, 6))
    doc.references("References", "{i}. ")
    doc.note(
        "definition",
        "Table 2 gives grade 3–4 totals per category; the text gives grade 3 and grade 4 "
        "separately",
        ["Grade 3-4, n (%)"],
        cohort=c1,
    )
    meta.update(
        journal="Acta Gastroenterol Belg",
        design=f"real-world, PRRT-1 n={n1}, PRRT-2 n={n2}" + (f", PRRT-3 n={n3}" if n3 else ""),
    )


STYLE_FUNCS = {
    "symptomatic": style_symptomatic,
    "preprint": style_preprint,
    "frontiers": style_frontiers,
    "retreatment": style_retreatment,
    "realworld": style_realworld,
}


# ------------------------------------------------------------------------------- one paper
@dataclass(frozen=True)
class Paper:
    paper_id: str
    style: str
    file: str
    text: str
    spec: dict
    truth: dict
    row: dict[str, str]


def make_paper(i: int, seed: int = 0) -> Paper:
    rng = random.Random(f"litmeta-corpus:{seed}:{i}")
    style = STYLES[i % len(STYLES)]
    surname = rng.choice(SURNAMES)
    year = rng.randint(2012, 2026)
    paper_id = f"{surname}{year}s{i:04d}"
    doc = Doc(rng, paper_id)
    meta: dict = {"year": year, "nth": i // len(STYLES)}  # nth paper of its style
    STYLE_FUNCS[style](doc, meta)
    text = doc.text()
    file = f"{i:04d}_{rng.getrandbits(64):016x}.txt"
    spec = {"paper_id": paper_id, "cohorts": doc.cohorts, "values": doc.values}
    if doc.derive:
        spec["derive"] = doc.derive
    if doc.notes:
        spec["discrepancies"] = doc.notes
    doi = f"10.{rng.randint(1000, 99999)}/syn.{year}.{i:04d}" if rng.random() < 0.8 else ""
    row = {
        "paper_id": paper_id,
        "file": file,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "citation": f"{surname.capitalize()} {rng.choice(INITIALS)}{rng.choice(INITIALS)} et al. "
        f"{meta['journal']} {year};{rng.randint(10, 120)}:{rng.randint(1, 900)} (synthetic)",
        "year": str(year),
        "doi": doi,
        "licence": rng.choice(("CC BY 4.0", "CC BY", "publisher (quote only)", "journal")),
        "design": meta["design"],
        "source": "full_text",
    }
    truth = {"paper_id": paper_id, "style": style, "file": file, "cohorts": doc.truth}
    return Paper(paper_id, style, file, text, spec, truth, row)


def spec_yaml(paper: Paper, seed: int, i: int) -> str:
    head = (
        f"# Synthetic paper {i} (style {paper.style}, seed {seed}) written by "
        "benchmarks/corpus.py.\n"
        f"# Line numbers refer to papers/{paper.file}.\n"
    )
    body = yaml.safe_dump(paper.spec, sort_keys=False, allow_unicode=True, width=100)
    return head + body


def write_corpus(out_dir: str | Path, n: int, seed: int = 0) -> list[Paper]:
    """Write ``n`` papers (0 .. n-1) with specs, sheet and truth under ``out_dir``."""
    out = Path(out_dir)
    for sub in ("papers", "extraction", "truth"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    papers = []
    lines = ["\t".join(SHEET_COLUMNS)]
    for i in range(n):
        p = make_paper(i, seed)
        (out / "papers" / p.file).write_bytes(p.text.encode("utf-8"))
        (out / "extraction" / f"{p.paper_id}.yaml").write_text(
            spec_yaml(p, seed, i), encoding="utf-8"
        )
        (out / "truth" / f"{p.paper_id}.json").write_text(
            json.dumps(p.truth, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        lines.append("\t".join(p.row[c] for c in SHEET_COLUMNS))
        papers.append(p)
    (out / "papers.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return papers


def config_overrides(corpus_dir: str | Path) -> list[str]:
    """``--config`` arguments that point the pipeline at a corpus. The corpus has none of
    the review's cohorts, so its exclusion analyses exclude nothing (named in config.yaml,
    the review's cohort ids would stop the run as dangling names)."""
    d = str(corpus_dir)
    return [
        f"papers_sheet={d}/papers.tsv",
        f"papers_dir={d}/papers",
        f"specs_dir={d}/extraction",
        "exclusions={sens_exclude_preprint: [], sens_exclude_symptomatic: []}",
    ]


def load_truth(corpus_dir: str | Path) -> dict[str, dict]:
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(Path(corpus_dir, "truth").glob("*.json"))
    }


def touch_paper(corpus_dir: str | Path, paper_id: str) -> str:
    """Edit one paper (append a correction notice) and its sha256 in the sheet; return it."""
    sheet = Path(corpus_dir, "papers.tsv")
    rows = [line.split("\t") for line in sheet.read_text(encoding="utf-8").splitlines()]
    head = rows[0]
    for row in rows[1:]:
        if row[head.index("paper_id")] == paper_id:
            path = Path(corpus_dir, "papers", row[head.index("file")])
            path.write_text(path.read_text(encoding="utf-8") + CORRECTION + "\n", encoding="utf-8")
            row[head.index("sha256")] = hashlib.sha256(path.read_bytes()).hexdigest()
            break
    else:
        raise KeyError(paper_id)
    sheet.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    return row[head.index("sha256")]


# ------------------------------------------------------------------------------- comparison
def _same(want: object, value: float | None, text: str) -> bool:
    if isinstance(want, str):  # NR / NE
        return text == want and (value is None or math.isnan(value))
    return value is not None and not math.isnan(value) and abs(value - float(want)) < 1e-9


def compare(truth: dict, got: dict[tuple[str, str], tuple[float | None, str]]) -> list[str]:
    """Mismatches between one paper's truth and extracted values.

    ``got`` maps (cohort_id, "endpoint.statistic") to (value or None, value_text).
    """
    problems = []
    for cohort, info in truth["cohorts"].items():
        for ref, want in info["values"].items():
            have = got.get((cohort, ref))
            if have is None:
                problems.append(f"{cohort} {ref}: not extracted (want {want})")
            elif not _same(want, *have):
                problems.append(f"{cohort} {ref}: extracted {have}, want {want}")
    return problems


def rows_to_values(rows: Iterable[dict]) -> dict[tuple[str, str], tuple[float | None, str]]:
    """outcomes.csv rows -> the ``got`` mapping of :func:`compare`."""
    out = {}
    for r in rows:
        value = num(r["value"])
        out[(r["cohort_id"], f"{r['endpoint']}.{r['statistic']}")] = (value, r["value_text"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", help="folder to write papers/, extraction/, truth/, papers.tsv")
    ap.add_argument("--n", type=int, default=5, help="number of papers (default 5)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = ap.parse_args(argv)
    papers = write_corpus(args.out_dir, args.n, args.seed)
    cohorts = sum(len(p.truth["cohorts"]) for p in papers)
    print(f"wrote {len(papers)} papers, {cohorts} cohorts to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
