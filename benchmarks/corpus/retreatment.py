"""Style ``retreatment``, modelled on vanderzwan2019: several cohorts in one table row, ``-``
for none, the salvage cohort pooled, the initial and RR cohorts not."""

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
    survival_truth,
    tox,
)
from .prose import DISCUSSION, INTRO, METHODS


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
