"""Style ``frontiers``, modelled on iqbal2024: ``[¹⁷⁷Lu]`` superscripts, tab-separated
tables, counts spelt out, OS ``not reached``, pancytopenia."""

from __future__ import annotations

from .core import (
    Doc,
    baseline_rows,
    draw_response,
    draw_survival,
    months,
    pct,
    response_truth,
    some,
    survival_truth,
    word,
)
from .prose import DISCUSSION, INTRO, METHODS


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
