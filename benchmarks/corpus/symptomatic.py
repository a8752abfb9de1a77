"""Style ``symptomatic``, modelled on zandee2021 (JCEM): hard-wrapped PDF text with words
hyphenated across line breaks, a per-grade toxicity table, implied CR = 0."""

from __future__ import annotations

import math

from .core import (
    Doc,
    Survival,
    baseline_rows,
    draw_grade,
    draw_response,
    draw_survival,
    months,
    pct,
    response_truth,
    some,
    survival_truth,
    tox,
    word,
)
from .prose import DISCUSSION, INTRO, METHODS


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
