"""Style ``preprint``, modelled on kalantarhormozi2020: markdown, ``<sup>177</sup>``,
``$\\geq 2$``, ``11/16`` counts, OS with CI, a grade I/II table (implied zeros)."""

from __future__ import annotations

from litmeta.normalise import normalise_line

from .core import (
    Doc,
    baseline_rows,
    draw_grade,
    draw_response,
    draw_survival,
    months,
    response_truth,
    survival_truth,
    word,
)
from .prose import DISCUSSION, INTRO, METHODS


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
