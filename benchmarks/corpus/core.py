"""The shared core of every style: :class:`Doc` (a paper under construction with its spec
entries and true values), the text helpers, and the model that draws the true values."""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

from litmeta.normalise import normalise_line

from .prose import NUMBER_WORDS, composed, reference


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
