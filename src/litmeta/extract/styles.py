"""Synthetic PRRT papers in styles the patterns were *not* written against, with true values.

``benchmarks/corpus/`` imitates the five reference papers; these papers are written the
ways the five are not, to measure the drafter and the candidate finder on what a review
meets next:

=============  ===================================================================
style          what it prints
=============  ===================================================================
words          counts in words ("Forty-two patients", "eleven had a partial response")
percent_only   response categories as percentages of n only ("16% PR, 66% SD")
abstract       a structured abstract and nothing else (no section headings)
respectively   "median PFS and OS were 29 months and 47 months, respectively"
ci_zero        a CI with a 0 lower bound ("95% CI: 0-16")
tox_prose      grade >= 3 toxicity and MDS/AML in running prose, no table
=============  ===================================================================

Every paper also carries distractors: another study's figures in the introduction, baseline
percentages, a discussion that repeats nothing new.  Paper ``i`` of a style is drawn from
``random.Random(f"{style}:{i}")``: deterministic, and independent of how many are drawn.
A true value is ``(endpoint, statistic) -> (value, printed text, line)``; NR is ``nan``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .numbers import WORDS

STYLES = ("words", "percent_only", "abstract", "respectively", "ci_zero", "tox_prose")

#: 0-19 and the tens 20-90 in words: the parser's vocabulary (numbers.WORDS) read backwards
_NAMES = {value: word for word, value in WORDS.items() if word not in ("no", "none")}


def in_words(n: int, capital: bool = False) -> str:
    """Cardinal in words up to 999 ("one hundred and twelve", "forty-two")."""
    if n < 20:
        w = _NAMES[n]
    elif n < 100:
        w = _NAMES[n // 10 * 10] + ("-" + _NAMES[n % 10] if n % 10 else "")
    else:
        rest = n % 100
        w = _NAMES[n // 100] + " hundred" + (" and " + in_words(rest) if rest else "")
    return w[0].upper() + w[1:] if capital else w


def pct(k: int, n: int, decimals: int = 1) -> str:
    return f"{100 * k / n:.{decimals}f}"


@dataclass
class SynthPaper:
    paper_id: str
    style: str
    lines: list[str] = field(default_factory=list)
    truth: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def add(self, template: str, **values: tuple[str, str, float]) -> None:
        """Append a line; each ``{name}`` is (endpoint.statistic, printed text, value)."""
        line = len(self.lines) + 1
        printed = {}
        for name, (ref, text, value) in values.items():
            printed[name] = text
            if ref:
                endpoint, statistic = ref.split(".", 1)
                self.truth[(endpoint, statistic)] = (float(value), text, line)
                if ref == "cohort_size.n_enrolled":  # every treated patient was evaluated
                    for stat in ("n_efficacy", "n_safety"):
                        self.truth[(endpoint, stat)] = (float(value), text, line)
        self.lines.append(template.format(**printed))


def _split(rng: random.Random, n: int) -> tuple[int, int, int, int]:
    cr = rng.randint(0, max(1, n // 20))
    pr = rng.randint(n // 10, n // 4)
    pd = rng.randint(n // 10, n // 4)
    return cr, pr, n - cr - pr - pd, pd


def _front(p: SynthPaper, rng: random.Random, title: str) -> None:
    p.lines += [
        title,
        "",
        "Introduction",
        "In a randomised trial of another agent, median PFS was "
        f"{rng.randint(8, 14)}.{rng.randint(0, 9)} months and the objective response rate "
        f"was {rng.randint(10, 30)}% (12).",
        "",
        "Methods",
        "Response was assessed according to RECIST 1.1 and toxicity graded with CTCAE v5.0.",
        "",
        "Results",
    ]


def _back(p: SynthPaper, rng: random.Random) -> None:
    p.lines += [
        "",
        "Discussion",
        f"Earlier series reported a disease control rate of {rng.randint(70, 90)}% and grade 3 "
        f"thrombocytopenia in {rng.randint(2, 9)}% of patients (14).",
        "",
        "References",
        "1. Strosberg J, et al. N Engl J Med. 2017;376:125-35.",
    ]


def _count(rng: random.Random, k: int, capital: bool = False) -> str:
    return in_words(k, capital) if rng.random() < 0.5 else str(k)


def make(style: str, i: int) -> SynthPaper:
    rng = random.Random(f"{style}:{i}")
    p = SynthPaper(f"synth{style.replace('_', '')}{i}", style)
    n = rng.randint(24, 140)
    cr, pr, sd, pd = _split(rng, n)
    pfs, os_ = round(rng.uniform(12, 30), 1), round(rng.uniform(32, 60), 1)
    title = "Lutetium-177 DOTATATE in progressive neuroendocrine tumours: a cohort study"
    if style == "abstract":
        p.lines += [title, ""]
        p.add(
            "Background: PRRT is standard after somatostatin analogues. Methods: Retrospective "
            "cohort. Results: {n} patients were treated. Partial response was seen in {pr} "
            "patients ({prp}%), stable disease in {sd} patients ({sdp}%). Median PFS was {pfs} "
            "months (95% CI {lo}-{hi}). Conclusion: PRRT is active.",
            n=("cohort_size.n_enrolled", str(n), n),
            pr=("best_response.pr", str(pr), pr),
            prp=("best_response.pr_pct", pct(pr, n), float(pct(pr, n))),
            sd=("best_response.sd", str(sd), sd),
            sdp=("best_response.sd_pct", pct(sd, n), float(pct(sd, n))),
            pfs=("pfs_median.median", f"{pfs}", pfs),
            lo=("pfs_median.ci_low", f"{pfs - 4.1:.1f}", round(pfs - 4.1, 1)),
            hi=("pfs_median.ci_high", f"{pfs + 5.3:.1f}", round(pfs + 5.3, 1)),
        )
        return p
    _front(p, rng, title)
    if style == "words":
        p.add(
            "{n} patients were included in the analysis.",
            n=("cohort_size.n_enrolled", in_words(n, capital=True), n),
        )
        p.add(
            "A partial response was achieved by {pr} patients, stable disease by {sd} patients "
            "and progressive disease by {pd} patients.",
            pr=("best_response.pr", in_words(pr), pr),
            sd=("best_response.sd", in_words(sd), sd),
            pd=("best_response.pd", in_words(pd), pd),
        )
        p.add("Median PFS was {pfs} months.", pfs=("pfs_median.median", f"{pfs}", pfs))
    elif style == "percent_only":
        p.add("A total of {n} patients were treated.", n=("cohort_size.n_enrolled", str(n), n))
        p.add(
            "Best response was partial response in {prp}%, stable disease in {sdp}% and "
            "progressive disease in {pdp}% of patients.",
            prp=("best_response.pr_pct", pct(pr, n, 0), float(pct(pr, n, 0))),
            sdp=("best_response.sd_pct", pct(sd, n, 0), float(pct(sd, n, 0))),
            pdp=("best_response.pd_pct", pct(pd, n, 0), float(pct(pd, n, 0))),
        )
        p.add(
            "The objective response rate was {orr}%.",
            orr=("orr.events_pct", pct(cr + pr, n, 0), float(pct(cr + pr, n, 0))),
        )
    elif style == "respectively":
        p.add("A total of {n} patients were treated.", n=("cohort_size.n_enrolled", str(n), n))
        p.add(
            "The median PFS and OS were {pfs} months and {os} months, respectively.",
            pfs=("pfs_median.median", f"{round(pfs):d}", round(pfs)),
            os=("os_median.median", f"{round(os_):d}", round(os_)),
        )
        p.add(
            "Partial response and stable disease were observed in {pr} and {sd} patients, "
            "respectively.",
            pr=("best_response.pr", str(pr), pr),
            sd=("best_response.sd", str(sd), sd),
        )
    elif style == "ci_zero":
        hi = rng.randint(12, 20)
        med = rng.randint(5, hi - 2)
        p.add(
            "{n} patients received at least one cycle.",
            n=("cohort_size.n_enrolled", _count(rng, n, capital=True), n),
        )
        p.add(
            "The median progression-free survival was {med} months (95% CI: {lo}-{hi}) and "
            "median overall survival was not reached.",
            med=("pfs_median.median", str(med), med),
            lo=("pfs_median.ci_low", "0", 0),
            hi=("pfs_median.ci_high", str(hi), hi),
        )
        p.truth[("os_median", "median")] = (float("nan"), "not reached", len(p.lines))
    elif style == "tox_prose":
        g3t, g3a = rng.randint(1, 6), rng.randint(0, 4)
        p.add("A total of {n} patients were treated.", n=("cohort_size.n_enrolled", str(n), n))
        p.add(
            "Grade 3 thrombocytopenia occurred in {t} patients ({tp}%). Grade 3 or 4 anaemia was "
            "seen in {a} patients.",
            t=("tox_g3plus_thrombocytopenia.g3", _count(rng, g3t), g3t),
            tp=("tox_g3plus_thrombocytopenia.g3_pct", pct(g3t, n), float(pct(g3t, n))),
            a=("tox_g3plus_anemia.g3g4", str(g3a), g3a),
        )
        p.add(
            "No patient developed myelodysplastic syndrome or acute myeloid leukaemia during "
            "follow-up.",
        )
        p.truth[("mds_aml", "events")] = (0.0, "No", len(p.lines))
    _back(p, rng)
    return p


def corpus(per_style: int = 3) -> list[SynthPaper]:
    return [make(style, i) for style in STYLES for i in range(per_style)]
