"""Style ``realworld``, modelled on lazarenko2026: tab tables, en dashes and minus signs,
``NE`` bounds, a grade 3-4 column, a reader's ``derive``, PRRT-1/2(/3)."""

from __future__ import annotations

from .core import (
    Doc,
    Response,
    baseline_rows,
    bound,
    draw_grade,
    draw_response,
    draw_survival,
    months,
    patients,
    pct,
    response_truth,
    some,
    survival_truth,
    tox,
    word,
)
from .prose import DISCUSSION, INTRO, METHODS, TOPICS


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
