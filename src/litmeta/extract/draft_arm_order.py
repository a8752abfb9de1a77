"""Values of a sentence that names neither of a paper's two arms, placed in the order the
arms were introduced (``litmeta draft-spec``).  After "randomised to A (n = 104) or B
(n = 103)", "The objective response rate was 21.2% versus 4.9%" gives 21.2 to A and 4.9 to
B, and "median PFS was 28.4 months (95% CI 22.0-34.6) and 8.5 months (95% CI 5.8-9.1),
respectively" gives the first median with its CI to A and the second to B (PROTOCOL.md
Amendment 2: "respectively" over arms pairs values with cohorts).  A sentence that names
both arms once, before its values, and ends in "respectively" pairs them in the order it
names them ("For B and A, median PFS was 12.3 and 20.1 months, respectively").

Only for arms printed with their sizes in one sentence, or the parts of a cohort split or
listed with their sizes ("134 patients: 61 pancreatic (pNET) and 73 small-intestinal
(SI-NET)"; a sentence naming the whole is none of theirs), in the order of print; three or
more only as "a, b and c ..., respectively", one value each; and only when every
value of the sentence pairs: each statistic is named once, by one protocol term before its
two values; the two values are printed alike (a percentage, a count with its percentage or
its n, a median with its CI or range) and joined by "versus" / "vs", by "and" ending in
"respectively", or by "and" when each prints its arm's size as its n ("17 of 98 (17%) and 2
of 49 (4%)"); nothing but units, a p-value or a hazard ratio stands beside them.  A
sentence naming an arm, a group ("in the control group", "in both arms"), a subgroup or a
landmark rate is none of these; a median follow-up before the first term is the trial's,
not an arm's, and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .classify import GRADE, classify, find_terms, grade_statistic
from .draft_items import Item
from .draft_population import count_value
from .draft_respectively import units

_SEP = re.compile(r"(?i)\b(?:versus|vs)\b\.?")
# statistics of the comparison itself, never an arm's value: a p-value, and a hazard ratio
# with what follows it in its brackets (or to the end of the sentence outside brackets)
_P_VALUE = re.compile(r"(?i)\(\s*p\s*[<=>≤≥]\s*0?\.\d+\s*\)|\bp\s*[<=>≤≥]\s*0?\.\d+")
_HR = re.compile(r"\bHR\b|(?i:\bhazard ratio\b)")
# what may stand between an arm's value and the next: units, then the joining word
_UNIT = (
    r"(?:\s|%|,|\)|\]|\(\s*\)|\b(?:months?|mos?|patients?|pts|per\s+cent)\b"
    r"|\bof\s+(?:the\s+)?patients\b)*"
)
_JOINS = {
    "versus": re.compile(rf"(?i)^{_UNIT}(?:versus|vs\.?)\s*$"),
    "respectively": re.compile(rf"(?i)^{_UNIT}and\s*$"),
    # "in 17 of 98 (17%) and 2 of 49 (4%) patients": each n is its arm's printed size
    "sized": re.compile(rf"(?i)^{_UNIT}and\s*$"),
}
# between the statistic's term and its first value ("ORR was", "the DCR: ", "median PFS of")
_TERM_TO_VALUE = re.compile(r"(?i)^\s*(?:\([A-Za-z]{2,5}\)\s*)?(?::|was|were|is|of|reached)?\s*$")
_FORMS = {
    ("pct",),
    ("count", "pct"),
    ("median",),
    ("count", "n", "pct"),
    ("count", "n"),
    ("pct", "count", "n"),
}


def _masked(passage: str) -> str:
    """The passage with p-values and hazard ratios blanked (offsets kept)."""
    out = _P_VALUE.sub(lambda m: " " * len(m.group(0)), passage)
    hr = _HR.search(out)
    if hr is None:
        return out
    start, end = hr.start(), len(out)
    depth = out[:start].count("(") - out[:start].count(")")
    if depth > 0:  # "(HR 0.57, 95% CI 0.41-0.79)": the whole bracket
        start = out.rfind("(", 0, start)
        level = 0
        for k in range(start, len(out)):
            level += {"(": 1, ")": -1}.get(out[k], 0)
            if level == 0:
                end = k + 1
                break
    return out[:start] + " " * (end - start) + out[end:]


def _arms(cohorts: list[dict]) -> tuple[list[dict], set[str]] | None:
    """The arms printed with their sizes (:func:`.draft.arm_cohorts`), or the parts of a
    cohort split or listed with their sizes (:func:`.draft._split_cohorts`,
    :func:`.draft._listed_cohorts`: "134 patients: 61 pancreatic and 73 small-intestinal";
    the whole is none of them), in the order printed, and their ids; None otherwise."""
    sized = [c for c in cohorts if "size" in c]
    if len(cohorts) >= 2 and len(sized) == len(cohorts):
        if all("aliases" in c for c in cohorts):
            return sized, {c["id"] for c in sized}
        parts = [c for c in sized if c["label"] != "all"]
        if len(parts) >= 2 and len(parts) == len(sized) - 1:
            return parts, {c["id"] for c in parts}
    return None


def _two_arms(cohorts: list[dict]) -> tuple[dict, dict, set[str]] | None:
    """:func:`_arms` when there are two."""
    arms = _arms(cohorts)
    return (arms[0][0], arms[0][1], arms[1]) if arms and len(arms[0]) == 2 else None


def orders_agree(
    passages: list[str],
    cohorts: list[dict],
    named: Callable[[str, list[dict]], list[tuple[int, str]]],
) -> bool:
    """No sentence names two of the arms in another order than the one they were introduced
    in ("74 received temozolomide alone and 70 received CAPTEM", then "22.7 months with
    CAPTEM and 14.4 months with temozolomide alone"): where the paper itself prints them in
    both orders, a sentence naming neither may follow either, so none is placed by order."""
    arms = _arms(cohorts)
    if arms is None:
        return False
    rank = {c["id"]: k for k, c in enumerate(arms[0])}
    names = {c["id"]: [c["label"], *c.get("aliases", [])] for c in arms[0]}

    def modifier(passage: str, at: int, cid: str) -> bool:
        """ "placebo-controlled", "everolimus-treated": a name in a compound word."""
        return any(
            passage.startswith(f"{n}-", at) and passage[at + len(n) + 1 : at + len(n) + 2].islower()
            for n in names[cid]
        )

    for passage in passages:
        seen = [
            rank[cid]
            for at, cid in named(passage, cohorts)
            if cid in rank and not modifier(passage, at, cid)
        ]
        first = list(dict.fromkeys(seen))
        if first != sorted(first):
            return False
    return True


def _subjects_first(
    text: str,
    first_value: int,
    cut: int,
    cohorts: list[dict],
    named: Callable[[str, list[dict]], list[tuple[int, str]]],
    arm_words: re.Pattern[str],
) -> list[dict] | None:
    """The two arms in the order their values are printed: as introduced when the sentence
    names neither; as named when it names both once before its values and ends in
    "respectively" ("In the A and B arms, the ORRs were 20% and 11%, respectively"); None
    when it names an arm or group anywhere else."""
    names = named(text, cohorts)
    if not names:
        return None if arm_words.search(text) else cohorts
    ids = list(dict.fromkeys(cid for _at, cid in names))  # "PRRT plus X" is "plus X" too
    if cut < 0 or len(ids) != len(cohorts) or names[-1][0] >= first_value:
        return None
    if arm_words.search(text, first_value):
        return None
    by_id = {c["id"]: c for c in cohorts}
    return [by_id[cid] for cid in ids]


def _of_size(unit: list[tuple], cohort: dict) -> bool:
    """The unit prints an n ("17 of 98") equal to the arm's printed size."""
    size = count_value(cohort["size"][0].text)
    return size is not None and any(r[0] == "n" and count_value(r[3]) == size for r in unit)


def _kind(name: str) -> str:
    """A value's kind by its form: "not reached" is a median like any other."""
    return {"median_nr": "median"}.get(name, name)


def _names(unit: list[tuple]) -> list[str]:
    return [_kind(r[0]) for r in unit]


def _form(unit: list[tuple]) -> tuple[str, ...]:
    """A unit's printed form with its CI or range bounds folded into the median."""
    names = tuple(_names(unit))
    return names[:1] if names[0] == "median" else names


def in_arm_order(
    passage: str,
    base: int,
    cohorts: list[dict],
    named: Callable[[str, list[dict]], list[tuple[int, str]]],
    raw_values: Callable[[str], tuple[list[tuple[str, int, int, str]], bool]],
    types: dict[str, str],
    arm_words: re.Pattern[str],
    not_plain: tuple[re.Pattern[str], ...],
    by_introduction: bool = True,
) -> dict[str, list[Item]] | None:
    """Cohort id -> items of the two arms (see the module's docstring), or None.
    ``named``: the cohort names a passage prints; ``raw_values``: its values by form;
    ``types``: placeholder type by form; ``arm_words``: words naming an arm or group;
    ``not_plain``: subgroup or landmark wordings that bar the sentence; ``by_introduction``:
    a sentence naming no arm may follow the order the arms were introduced in
    (:func:`orders_agree`)."""
    arms = _arms(cohorts)
    if arms is None or any(cid not in arms[1] for _at, cid in named(passage, cohorts)):
        return None  # no arms, or the sentence names the whole cohort of the parts
    cohorts = arms[0]
    k = len(cohorts)
    text = _masked(passage)
    if any(p.search(_SEP.sub(" ", text)) for p in not_plain):
        return None
    # the grade of a toxicity is no value ("Grade 3 or 4 thrombocytopenia: 4 (13%) vs 1 (4%)")
    raw, complete = raw_values(GRADE.sub(lambda m: " " * len(m.group(0)), text))
    cut = text.lower().find("respectively")
    mode = "respectively" if cut >= 0 else "versus" if _SEP.search(text) else "sized"
    if not complete or not raw or (cut >= 0 and _SEP.search(text)):
        return None
    if k > 2 and mode != "respectively":
        return None  # three or more arms: only "a, b and c ..., respectively" lists them
    if not by_introduction and not named(text, cohorts):
        return None  # the paper prints its arms in both orders: which does this follow?
    cohorts = _subjects_first(text, raw[0][1], cut, cohorts, named, arm_words)
    if cohorts is None:
        return None
    terms: list = []
    for t in find_terms(text):  # one term per statistic ("PFS" then "median PFS" is one)
        if not terms or (terms[-1].endpoint, terms[-1].stem) != (t.endpoint, t.stem):
            terms.append(t)
    if not terms:
        return None
    ends = [t.start for t in terms[1:]] + [cut if cut >= 0 else len(text)]
    if cut >= 0 and (len(terms) != 1 or any(r[1] > cut for r in raw)):
        return None  # "respectively" pairs one statistic's two values
    out: dict[str, list[Item]] = {c["id"]: [] for c in cohorts}
    for r in raw:  # before the first term: only the trial's median follow-up
        g = classify(text, r[1], _kind(r[0]))
        if r[1] < terms[0].start and (g is None or g.endpoint != "followup_median"):
            return None
    for t, end in zip(terms, ends, strict=True):
        seg = [r for r in raw if t.end <= r[1] < end]
        pair = units(seg, text)
        if len(pair) != k or {_form(u) for u in pair} != {_form(pair[0])}:
            return None
        if _form(pair[0]) not in _FORMS or any(_names(u) != _names(pair[0]) for u in pair):
            return None
        if not _TERM_TO_VALUE.match(text[t.end : pair[0][0][1]]) and not _by_classify(
            text, pair[0], t
        ):
            return None
        if not _JOINS[mode].match(text[pair[-2][-1][2] : pair[-1][0][1]]):
            return None
        # "a, b and c": the values before the last two joined by commas alone
        if any(
            not re.fullmatch(rf"(?i){_UNIT}", text[a[-1][2] : b[0][1]])
            for a, b in zip(pair[:-2], pair[1:-1], strict=True)
        ):
            return None
        tail = text[pair[-1][-1][2] : end]
        if not re.fullmatch(rf"(?i){_UNIT}(?:;|,?\s*and)?\s*(?:the\s+)?(?:median\s+)?\.?\s*", tail):
            return None
        if mode == "sized" and not all(
            _of_size(unit, c) for unit, c in zip(pair, cohorts, strict=True)
        ):
            return None  # "a and b" pairs with the arms only when each prints its arm's n
        refs = _refs(text, pair[0], t)
        if refs is None:
            return None
        how = {"versus": "'versus'", "respectively": "'respectively'"}.get(mode, "each arm's n")
        why = (
            f"{t.text!r} + {how}: the values of the {k} arms in the order the arms were "
            f"{'named' if named(text, cohorts) else 'introduced'} ({cohorts[0]['label']!r} first)"
        )
        for cohort, unit in zip(cohorts, pair, strict=True):
            out[cohort["id"]] += [
                Item(ref, types[_kind(name)], base + s, base + e, v, why)
                for ref, (name, s, e, v) in zip(refs, unit, strict=True)
            ]
    return out


def _by_classify(text: str, unit: list[tuple], term) -> bool:
    """The classifier reads the unit's first value as the term's statistic."""
    g = classify(text, unit[0][1], _kind(unit[0][0]))
    return g is not None and g.endpoint == term.endpoint


def _refs(text: str, unit: list[tuple], term) -> list[str] | None:
    """The statistics of the first arm's unit: the classifier's reading where it has one
    (a median's CI), else the term's own statistic: a rate's ("ORR: 45%"), a toxicity's
    by the one grade printed before the values ("Grade 3-4 anaemia: 4 (10%)"); None when
    a value reads as another endpoint or the grade is not one grade >= 3."""
    refs = []
    for name, s, _e, _v in unit:
        kind = _kind(name)
        g = classify(text, s, kind)
        if g is not None and g.endpoint != term.endpoint:
            return None
        if g is not None:
            refs.append(f"{g.endpoint}.{g.statistic}")
            continue
        suffix = "_pct" if kind == "pct" else ""
        if kind == "n" and refs and refs[0].startswith(f"{term.endpoint}."):
            refs.append(f"{term.endpoint}.n")  # "17 of 98": the count's n
        elif term.endpoint in ("orr", "dcr") and kind in ("count", "pct"):
            refs.append(f"{term.endpoint}.{term.stem}{suffix}")
        elif term.endpoint.startswith("tox_") and kind in ("count", "pct"):
            grades = list(GRADE.finditer(text[: unit[0][1]]))
            stat = grade_statistic(grades[0].group(0)) if len(grades) == 1 else None
            if stat is None:
                return None
            refs.append(f"{term.endpoint}.{stat}{suffix}")
        else:
            return None
    return refs


# "Median OS was not reached in either group", "... had not been reached in both arms"
_BOTH = re.compile(r"(?i)\bin\s+(?:either|both)\s+(?:arms?|groups?|cohorts?)\b")


def not_reached_in_both(
    passage: str,
    base: int,
    cohorts: list[dict],
    named: Callable[[str, list[dict]], list[tuple[int, str]]],
    raw_values: Callable[[str], tuple[list[tuple[str, int, int, str]], bool]],
    not_plain: tuple[re.Pattern[str], ...],
) -> dict[str, list[Item]] | None:
    """Cohort id -> the one "not reached" of a sentence that says it holds for both of two
    arms or parts ("in either group"): one survival median, no other value, no cohort,
    subgroup or landmark named; None otherwise."""
    arms = _two_arms(cohorts)
    if arms is None or named(passage, cohorts) or len(_BOTH.findall(passage)) != 1:
        return None
    text = _masked(passage)
    if any(p.search(text) for p in not_plain):
        return None
    raw, complete = raw_values(text)
    terms = {(t.endpoint, t.stem) for t in find_terms(passage)}
    if not complete or len(raw) != 1 or raw[0][0] != "median_nr" or len(terms) != 1:
        return None
    g = classify(passage, raw[0][1], "median")
    if g is None or not g.endpoint.endswith("_median") or g.endpoint == "followup_median":
        return None
    _name, s, e, v = raw[0]
    why = f"{g.evidence} + {_BOTH.search(passage).group(0)!r}: both arms"
    return {
        c["id"]: [Item(f"{g.endpoint}.median", "median", base + s, base + e, v, why)]
        for c in arms[:2]
    }
